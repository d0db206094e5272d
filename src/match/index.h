/* An opened match index: the sections of layout.h, checked once, used in place. */
#ifndef CMATCH_INDEX_H
#define CMATCH_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "match/layout.h"
#include "snapshot/snapshot.h"

typedef struct {
	const csnap_snapshot *snap;
	const cmatch_meta *meta;
	const cmatch_entry *entries;
	size_t entry_count;
	const cmatch_entry_token *tokens;
	size_t token_count;
	const cmatch_key *keys;
	size_t key_count;
	const uint32_t *postings;
	size_t posting_count;
	const cmatch_slot *key_hash, *cons_hash, *del_hash;
	size_t key_hash_size, cons_hash_size, del_hash_size; /* slots */
	const cmatch_id_row *ids;
	size_t id_count;
} cmatch_index;

int cmatch_index_open(cmatch_index *idx, const csnap_snapshot *snap);

static inline const char *cmatch_key_text(const cmatch_index *idx, uint32_t key)
{
	return csnap_str(idx->snap, idx->keys[key].text);
}

/* Key id of an exact variant key, or UINT32_MAX. */
uint32_t cmatch_find_key(const cmatch_index *idx, const char *key, size_t len);

/* First entry of entity (entries are stored in entity order), or entry_count if it has none. */
size_t cmatch_first_entry_of(const cmatch_index *idx, uint32_t entity);

#endif
