/*
 * An open snapshot: the mapped container with its entity sections resolved.
 * The match index lives in the same file; src/lib/ opens both.
 */
#ifndef CSNAP_SNAPSHOT_H
#define CSNAP_SNAPSHOT_H

#include "cordon/snapshot.h"
#include "snapshot/container.h"
#include "snapshot/entity_codec.h"

typedef struct {
	csnap_file file;
	const char *pool;
	size_t pool_size;
	const csnap_entity_row *rows;
	size_t entity_count;
	const uint8_t *records;
	size_t records_size;
	const uint32_t *id_order;
	cordon_source_stats *sources; /* parsed from META; strings in meta_strings */
	size_t source_count;
	char *meta_json;
} csnap_snapshot;

int csnap_open(csnap_snapshot *s, const char *path);
void csnap_close(csnap_snapshot *s);

static inline const char *csnap_str(const csnap_snapshot *s, uint64_t ref)
{
	return csnap_string_at(s->pool, s->pool_size, ref);
}

int csnap_entity(const csnap_snapshot *s, size_t index, cordon_entity *out);
int csnap_find(const csnap_snapshot *s, const char *id, size_t *index_out);

/* Writes the entity sections and META for a build. */
typedef struct {
	csnap_strings strings;
	cu_buf records;
	csnap_entity_row *rows;
	size_t count;
	size_t cap;
} csnap_builder;

void csnap_builder_init(csnap_builder *b);
void csnap_builder_dispose(csnap_builder *b);
int csnap_builder_add(csnap_builder *b, const cordon_entity *e);
/* Writes STRINGS, ENTITIES, RECORDS and ID_ORDER (strings added later by the caller are included). */
int csnap_builder_write(csnap_builder *b, csnap_writer *w);

#endif
