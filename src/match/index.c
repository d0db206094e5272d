#include "match/index.h"

#include <string.h>

#include "match/hashtab.h"
#include "util/error.h"

static const void *section(const cmatch_index *idx, uint32_t id, size_t elem, size_t *count, int *bad)
{
	size_t size;
	const void *p = csnap_file_section(&idx->snap->file, id, &size);
	if (!p || size % elem != 0) {
		*bad = 1;
		*count = 0;
		return NULL;
	}
	*count = size / elem;
	return p;
}

static int power_of_two(size_t n)
{
	return n && !(n & (n - 1));
}

/* Every reference inside the index must land inside the snapshot: checked once at open. */
static int validate(const cmatch_index *idx)
{
	const csnap_snapshot *s = idx->snap;
	for (size_t i = 0; i < idx->entry_count; i++) {
		const cmatch_entry *e = &idx->entries[i];
		if (e->entity >= s->entity_count || !csnap_str(s, e->full) || !csnap_str(s, e->rendering) ||
		    (uint64_t)e->first_token + e->token_count > idx->token_count || (i && e->entity < idx->entries[i - 1].entity))
			return 0;
	}
	for (size_t i = 0; i < idx->token_count; i++)
		if (idx->tokens[i].key >= idx->key_count || !csnap_str(s, idx->tokens[i].text))
			return 0;
	for (size_t i = 0; i < idx->key_count; i++) {
		const cmatch_key *k = &idx->keys[i];
		if (!csnap_str(s, k->text) || !csnap_str(s, k->cons) ||
		    (uint64_t)k->postings_off + k->postings_len > idx->posting_count ||
		    strlen(csnap_str(s, k->text)) != k->text_len || strlen(csnap_str(s, k->cons)) != k->cons_len)
			return 0;
	}
	for (size_t i = 0; i < idx->posting_count; i++)
		if (idx->postings[i] >= idx->entry_count)
			return 0;
	const cmatch_slot *tables[3] = {idx->key_hash, idx->cons_hash, idx->del_hash};
	size_t sizes[3] = {idx->key_hash_size, idx->cons_hash_size, idx->del_hash_size};
	for (int t = 0; t < 3; t++) {
		if (!power_of_two(sizes[t]))
			return 0;
		size_t empty = 0;
		for (size_t i = 0; i < sizes[t]; i++) {
			if (tables[t][i].value == CMATCH_EMPTY_SLOT)
				empty++;
			else if (tables[t][i].value >= idx->key_count)
				return 0;
		}
		if (!empty)
			return 0; /* a probe would never end */
	}
	for (size_t i = 0; i < idx->id_count; i++)
		if (idx->ids[i].entity >= s->entity_count)
			return 0;
	return 1;
}

int cmatch_index_open(cmatch_index *idx, const csnap_snapshot *snap)
{
	memset(idx, 0, sizeof(*idx));
	idx->snap = snap;
	int bad = 0;
	size_t nmeta;
	idx->meta = section(idx, CMATCH_SEC_META, sizeof(cmatch_meta), &nmeta, &bad);
	idx->entries = section(idx, CMATCH_SEC_ENTRIES, sizeof(cmatch_entry), &idx->entry_count, &bad);
	idx->tokens = section(idx, CMATCH_SEC_ENTRY_TOKENS, sizeof(cmatch_entry_token), &idx->token_count, &bad);
	idx->keys = section(idx, CMATCH_SEC_KEYS, sizeof(cmatch_key), &idx->key_count, &bad);
	idx->postings = section(idx, CMATCH_SEC_POSTINGS, sizeof(uint32_t), &idx->posting_count, &bad);
	idx->key_hash = section(idx, CMATCH_SEC_KEY_HASH, sizeof(cmatch_slot), &idx->key_hash_size, &bad);
	idx->cons_hash = section(idx, CMATCH_SEC_CONS_HASH, sizeof(cmatch_slot), &idx->cons_hash_size, &bad);
	idx->del_hash = section(idx, CMATCH_SEC_DEL_HASH, sizeof(cmatch_slot), &idx->del_hash_size, &bad);
	idx->ids = section(idx, CMATCH_SEC_ID_INDEX, sizeof(cmatch_id_row), &idx->id_count, &bad);
	if (!bad && nmeta == 1 && idx->meta->version != CMATCH_INDEX_VERSION)
		return cu_fail(CORDON_EVERSION, "snapshot's match index is version %u, this build reads %u; rebuild it",
		               idx->meta->version, CMATCH_INDEX_VERSION);
	if (bad || nmeta != 1)
		return cu_fail(CORDON_ECORRUPT, "snapshot has no usable match index (rebuild it)");
	if (idx->meta->entry_count != idx->entry_count || idx->meta->key_count != idx->key_count || !validate(idx))
		return cu_fail(CORDON_ECORRUPT, "snapshot match index is inconsistent");
	return 0;
}

uint32_t cmatch_find_key(const cmatch_index *idx, const char *key, size_t len)
{
	cmatch_probe p;
	cmatch_probe_start(&p, idx->key_hash, idx->key_hash_size, cmatch_hash(key, len));
	uint32_t k;
	while ((k = cmatch_probe_next(&p)) != CMATCH_EMPTY_SLOT) {
		if (idx->keys[k].text_len == len && memcmp(cmatch_key_text(idx, k), key, len) == 0)
			return k;
	}
	return UINT32_MAX;
}

size_t cmatch_first_entry_of(const cmatch_index *idx, uint32_t entity)
{
	size_t lo = 0, hi = idx->entry_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (idx->entries[mid].entity < entity)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo < idx->entry_count && idx->entries[lo].entity == entity) ? lo : idx->entry_count;
}
