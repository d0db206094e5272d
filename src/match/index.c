#include "match/index.h"

#include <stdlib.h>
#include <string.h>

#include "match/scorer.h"
#include "text/normalize.h"
#include "util/error.h"

/* Weak aliases are short, low-quality names; a perfect match on one is less telling. */
#define WEAK_ALIAS_FACTOR 0.90

int cmatch_index_build(const cordon_entity *const *entities, size_t count, csnap_strings *strings,
                       cu_buf *names_section)
{
	cu_buf norm;
	cu_buf_init(&norm, 1 << 16);
	int failed = 0;
	for (size_t i = 0; i < count && !failed; i++) {
		const cordon_entity *e = entities[i];
		for (size_t n = 0; n < e->name_count; n++) {
			const cordon_name *name = &e->names[n];
			if (ct_normalize(name->full, strlen(name->full), &norm) != 0 || norm.len == 0)
				continue; /* a name with no letters or digits cannot be matched */
			cmatch_name_row row = {(uint32_t)i, csnap_strings_add(strings, norm.data, &failed),
			                       csnap_strings_add(strings, name->full, &failed), (uint8_t)name->kind,
			                       (uint8_t)(name->weak ? 1 : 0), 0};
			if (cu_buf_append(names_section, &row, sizeof(row)) != 0)
				failed = 1;
		}
	}
	cu_buf_dispose(&norm);
	return failed ? cu_fail(CORDON_ENOMEM, "out of memory building the name index") : 0;
}

int cmatch_index_open(cmatch_index *idx, const csnap_snapshot *snap)
{
	size_t size;
	idx->snap = snap;
	idx->names = csnap_file_section(&snap->file, CSNAP_SEC_NAMES, &size);
	if (!idx->names || size % sizeof(cmatch_name_row) != 0)
		return cu_fail(CORDON_ECORRUPT, "snapshot has no valid name index");
	idx->name_count = size / sizeof(cmatch_name_row);
	for (size_t i = 0; i < idx->name_count; i++) {
		const cmatch_name_row *r = &idx->names[i];
		if (r->entity >= snap->entity_count || !csnap_str(snap, r->norm) || !csnap_str(snap, r->full))
			return cu_fail(CORDON_ECORRUPT, "snapshot name index entry %zu is malformed", i);
	}
	return 0;
}

/* Keeps the best `limit` matches in a min-heap-free sorted array: limits are small. */
static void offer(cordon_match *top, size_t *count, size_t limit, const cordon_match *m)
{
	if (*count == limit && (limit == 0 || top[*count - 1].score >= m->score))
		return;
	size_t pos = *count < limit ? (*count)++ : limit - 1;
	while (pos > 0 && top[pos - 1].score < m->score) {
		top[pos] = top[pos - 1];
		pos--;
	}
	top[pos] = *m;
}

static int entity_passes(const cmatch_index *idx, const cordon_query *q, uint32_t entity)
{
	const csnap_entity_row *row = &idx->snap->rows[entity];
	if (q->schema >= 0 && row->schema != (uint8_t)q->schema && row->schema != CORDON_SCHEMA_UNKNOWN)
		return 0;
	if (q->dataset && strcmp(csnap_str(idx->snap, row->dataset), q->dataset) != 0)
		return 0;
	return 1;
}

static void fill_match(const cmatch_index *idx, const cmatch_name_row *r, double score, cordon_match *m)
{
	const csnap_snapshot *s = idx->snap;
	const csnap_entity_row *row = &s->rows[r->entity];
	m->entity_index = r->entity;
	m->entity_id = csnap_str(s, row->id);
	m->name = csnap_str(s, row->name);
	m->matched_name = csnap_str(s, r->full);
	m->dataset = csnap_str(s, row->dataset);
	m->schema = row->schema;
	m->score = score;
	m->name_score = score;
}

int cmatch_screen(const cmatch_index *idx, const cordon_query *query, cordon_results *out)
{
	memset(out, 0, sizeof(*out));
	if (!query->name)
		return cu_fail(CORDON_EINVALID, "query has no name");
	cu_buf qnorm;
	cu_buf_init(&qnorm, 1 << 16);
	int rc = ct_normalize(query->name, strlen(query->name), &qnorm);
	if (rc || qnorm.len == 0) {
		cu_buf_dispose(&qnorm);
		return rc ? rc : cu_fail(CORDON_EINVALID, "query name has no letters or digits");
	}
	size_t limit = query->limit ? query->limit : CORDON_DEFAULT_LIMIT;
	cordon_match *top = calloc(limit, sizeof(*top));
	if (!top) {
		cu_buf_dispose(&qnorm);
		return cu_fail(CORDON_ENOMEM, "out of memory");
	}
	cmatch_tokens qt, ct;
	cmatch_tokenize(qnorm.data, &qt);
	size_t count = 0;
	for (size_t i = 0; i < idx->name_count;) {
		uint32_t entity = idx->names[i].entity;
		size_t end = i;
		while (end < idx->name_count && idx->names[end].entity == entity)
			end++;
		if (entity_passes(idx, query, entity)) {
			double best = -1.0;
			size_t best_i = i;
			for (size_t n = i; n < end; n++) {
				const char *cand = csnap_str(idx->snap, idx->names[n].norm);
				cmatch_tokenize(cand, &ct);
				double s = cmatch_score_tokens(&qt, &ct);
				if (s < 0.95 && qt.count != ct.count)
					s = cmatch_score_names(qnorm.data, cand);
				if (idx->names[n].weak)
					s *= WEAK_ALIAS_FACTOR;
				if (s > best) {
					best = s;
					best_i = n;
				}
			}
			out->candidates += end - i;
			if (best >= query->threshold) {
				cordon_match m;
				fill_match(idx, &idx->names[best_i], best, &m);
				offer(top, &count, limit, &m);
			}
		}
		i = end;
	}
	cu_buf_dispose(&qnorm);
	out->matches = top;
	out->count = count;
	return 0;
}
