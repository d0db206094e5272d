#include "snapshot/snapshot.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/grow.h"
#include "util/strutil.h"

/* ---- building ---- */

void csnap_builder_init(csnap_builder *b)
{
	memset(b, 0, sizeof(*b));
	csnap_strings_init(&b->strings);
	cu_buf_init(&b->records, (size_t)1 << 40);
}

void csnap_builder_dispose(csnap_builder *b)
{
	csnap_strings_dispose(&b->strings);
	cu_buf_dispose(&b->records);
	free(b->rows);
	memset(b, 0, sizeof(*b));
}

int csnap_builder_add(csnap_builder *b, const cordon_entity *e)
{
	csnap_entity_row *rows = cu_grow(b->rows, &b->cap, b->count + 1, sizeof(*rows), 4096);
	if (!rows)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	b->rows = rows;
	int rc = csnap_encode_entity(e, &b->strings, &b->records, &b->rows[b->count]);
	if (rc)
		return rc;
	b->count++;
	return 0;
}

typedef struct {
	const char *id;
	uint32_t index;
} id_slot;

static int compare_ids(const void *a, const void *b)
{
	return strcmp(((const id_slot *)a)->id, ((const id_slot *)b)->id);
}

int csnap_builder_write(csnap_builder *b, csnap_writer *w)
{
	size_t n = b->count ? b->count : 1;
	id_slot *slots = malloc(n * sizeof(*slots));
	uint32_t *order = malloc(n * sizeof(*order));
	if (!slots || !order) {
		free(slots);
		free(order);
		return cu_fail(CORDON_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < b->count; i++)
		slots[i] = (id_slot){b->strings.data.data + b->rows[i].id - 1, (uint32_t)i};
	qsort(slots, b->count, sizeof(*slots), compare_ids);
	for (size_t i = 0; i < b->count; i++)
		order[i] = slots[i].index;
	free(slots);
	int rc = csnap_writer_add(w, CSNAP_SEC_STRINGS, b->strings.data.data, b->strings.data.len);
	if (!rc)
		rc = csnap_writer_add(w, CSNAP_SEC_ENTITIES, b->rows, b->count * sizeof(*b->rows));
	if (!rc)
		rc = csnap_writer_add(w, CSNAP_SEC_RECORDS, b->records.data ? b->records.data : "", b->records.len);
	if (!rc)
		rc = csnap_writer_add(w, CSNAP_SEC_ID_ORDER, order, b->count * sizeof(*order));
	free(order);
	return rc;
}

/* ---- reading ---- */

static int parse_meta(csnap_snapshot *s, const char *path)
{
	size_t size;
	const char *meta = csnap_file_section(&s->file, CSNAP_SEC_META, &size);
	if (!meta)
		return cu_fail(CORDON_ECORRUPT, "%s: snapshot has no META section", path);
	s->meta_json = cu_strndup(meta, size);
	json_error_t err;
	json_t *root = s->meta_json ? json_loads(s->meta_json, 0, &err) : NULL;
	json_t *sources = json_object_get(root, "sources");
	if (!json_is_array(sources)) {
		json_decref(root);
		return cu_fail(CORDON_ECORRUPT, "%s: snapshot META is unreadable", path);
	}
	size_t n = json_array_size(sources);
	s->sources = calloc(n ? n : 1, sizeof(*s->sources));
	if (!s->sources) {
		json_decref(root);
		return cu_fail(CORDON_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(sources, i);
		cordon_source_stats *st = &s->sources[i];
		st->dataset = cu_strdup(json_string_value(json_object_get(o, "dataset")));
		st->path = cu_strdup(json_string_value(json_object_get(o, "path")));
		const char *sha = json_string_value(json_object_get(o, "sha256"));
		const char *date = json_string_value(json_object_get(o, "file_date"));
		snprintf(st->sha256, sizeof(st->sha256), "%s", sha ? sha : "");
		snprintf(st->file_date, sizeof(st->file_date), "%s", date ? date : "");
		st->bytes = (uint64_t)json_integer_value(json_object_get(o, "bytes"));
		st->rows = (uint64_t)json_integer_value(json_object_get(o, "rows"));
		st->skipped_rows = (uint64_t)json_integer_value(json_object_get(o, "skipped_rows"));
		st->unknown_fields = (uint64_t)json_integer_value(json_object_get(o, "unknown_fields"));
		st->entities = (uint64_t)json_integer_value(json_object_get(o, "entities"));
		s->source_count++;
	}
	json_decref(root);
	return 0;
}

static int resolve_sections(csnap_snapshot *s, const char *path)
{
	size_t rows_size, order_size;
	s->pool = csnap_file_section(&s->file, CSNAP_SEC_STRINGS, &s->pool_size);
	s->rows = csnap_file_section(&s->file, CSNAP_SEC_ENTITIES, &rows_size);
	s->records = csnap_file_section(&s->file, CSNAP_SEC_RECORDS, &s->records_size);
	s->id_order = csnap_file_section(&s->file, CSNAP_SEC_ID_ORDER, &order_size);
	if (!s->pool || !s->rows || !s->records || !s->id_order || s->pool_size == 0 ||
	    s->pool[s->pool_size - 1] != '\0' || rows_size % sizeof(csnap_entity_row) != 0)
		return cu_fail(CORDON_ECORRUPT, "%s: snapshot is missing entity sections", path);
	s->entity_count = rows_size / sizeof(csnap_entity_row);
	if (order_size != s->entity_count * sizeof(uint32_t))
		return cu_fail(CORDON_ECORRUPT, "%s: snapshot id index has the wrong size", path);
	for (size_t i = 0; i < s->entity_count; i++) {
		const csnap_entity_row *r = &s->rows[i];
		if (!csnap_str(s, r->id) || !csnap_str(s, r->dataset) || s->id_order[i] >= s->entity_count)
			return cu_fail(CORDON_ECORRUPT, "%s: snapshot entity %zu is malformed", path, i);
	}
	return 0;
}

int csnap_open(csnap_snapshot *s, const char *path)
{
	memset(s, 0, sizeof(*s));
	int rc = csnap_file_open(&s->file, path);
	if (rc)
		return rc;
	rc = resolve_sections(s, path);
	if (!rc)
		rc = parse_meta(s, path);
	if (rc)
		csnap_close(s);
	return rc;
}

void csnap_close(csnap_snapshot *s)
{
	for (size_t i = 0; i < s->source_count; i++) {
		free((char *)s->sources[i].dataset);
		free((char *)s->sources[i].path);
	}
	free(s->sources);
	free(s->meta_json);
	csnap_file_close(&s->file);
	memset(s, 0, sizeof(*s));
}

int csnap_entity(const csnap_snapshot *s, size_t index, cordon_entity *out)
{
	if (index >= s->entity_count)
		return cu_fail(CORDON_ENOTFOUND, "entity %zu does not exist (snapshot has %zu)", index, s->entity_count);
	return csnap_decode_entity(&s->rows[index], s->records, s->records_size, s->pool, s->pool_size, out);
}

int csnap_find(const csnap_snapshot *s, const char *id, size_t *index_out)
{
	size_t lo = 0, hi = s->entity_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t idx = s->id_order[mid];
		int c = strcmp(csnap_str(s, s->rows[idx].id), id);
		if (c == 0) {
			*index_out = idx;
			return 0;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return cu_fail(CORDON_ENOTFOUND, "no entity with id \"%s\"", id);
}
