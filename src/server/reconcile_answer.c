/*
 * Answering a batch of reconciliation queries: each screened with cordon_screen,
 * its candidates written in the v0.2 shape {id, name, description, type, score,
 * match, features}.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "codec/codec.h"
#include "server/reconcile_internal.h"

/* Candidates screened beyond the query's limit: rivals for the match rule, room for a strict type filter. */
#define EXTRA_CANDIDATES 10

/* Drops the fact the screener refused (the error names it), or every fact when it names none. */
static int drop_refused_fact(cordon_query *cq, cordon_query_identifier *ids, const char *why)
{
	size_t i;
	if (cq->birth_date && strncmp(why, "birth_date", 10) == 0) {
		cq->birth_date = NULL;
	} else if (cq->country && strncmp(why, "country", 7) == 0) {
		cq->country = NULL;
	} else if (sscanf(why, "identifiers[%zu]", &i) == 1 && i < cq->identifier_count) {
		memmove(&ids[i], &ids[i + 1], (cq->identifier_count - i - 1) * sizeof(*ids));
		cq->identifier_count--;
	} else if (cq->birth_date || cq->country || cq->identifier_count) {
		cq->birth_date = cq->country = NULL;
		cq->identifier_count = 0;
	} else {
		return 0;
	}
	return 1;
}

/*
 * Screens q. A fact the screener cannot use (a country it does not know, an identifier too
 * short to identify anyone) is dropped and the query screened again without it: the
 * value is no evidence either way, and failing would leave the row unreconciled.
 */
static int screen(const cordon_snapshot *snap, const char *dataset, const recon_query *q, cordon_results *res)
{
	cordon_query_identifier ids[RECON_MAX_IDS];
	memcpy(ids, q->ids, sizeof(ids));
	cordon_query cq = CORDON_QUERY_INIT;
	cq.name = q->name;
	cq.birth_date = q->birth_date[0] ? q->birth_date : NULL;
	cq.country = q->country;
	cq.dataset = dataset;
	cq.threshold = RECON_FLOOR;
	cq.limit = q->limit + EXTRA_CANDIDATES;
	cq.identifiers = ids;
	cq.identifier_count = q->id_count;
	cq.explain = 1;
	int rc;
	while ((rc = cordon_screen(snap, &cq, res)) == CORDON_EINVALID && drop_refused_fact(&cq, ids, cordon_last_error()))
		;
	return rc;
}

static void append(char *buf, size_t size, size_t *n, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void append(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
	va_list ap;
	if (*n >= size)
		return;
	va_start(ap, fmt);
	int w = vsnprintf(buf + *n, size - *n, fmt, ap);
	va_end(ap);
	*n = w < 0 ? size : *n + (size_t)w;
}

/* What an analyst needs to tell candidates apart in OpenRefine's list: list, programs, birth, nationality, the name that matched. */
static json_t *description(const cordon_snapshot *snap, const cordon_match *m)
{
	char buf[480];
	size_t n = 0;
	buf[0] = '\0';
	append(buf, sizeof(buf), &n, "%s", m->dataset);
	cordon_entity e;
	if (cordon_snapshot_entity(snap, m->entity_index, &e) == 0) {
		for (size_t i = 0; i < e.program_count && i < 4; i++)
			append(buf, sizeof(buf), &n, "%s%s", i ? ", " : "; programs ", e.programs[i]);
		if (e.birth_date_count && e.birth_dates[0].text)
			append(buf, sizeof(buf), &n, "; born %s", e.birth_dates[0].text);
		for (size_t i = 0; i < e.nationality_count && i < 3; i++)
			append(buf, sizeof(buf), &n, "%s%s", i ? ", " : "; nationality ", e.nationalities[i]);
		cordon_entity_dispose(&e);
	}
	if (strcmp(m->matched_name, m->name) != 0)
		append(buf, sizeof(buf), &n, "; matched \"%s\"", m->matched_name);
	return json_string(buf);
}

static int has_feature(json_t *a, const char *id)
{
	for (size_t i = 0; i < json_array_size(a); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(a, i), "id")), id) == 0)
			return 1;
	return 0;
}

/* Features (ids unique, values numbers or booleans, as v0.2 requires): the name score, whether the type fits, and each fact's contribution. */
static json_t *features(const recon_query *q, const cordon_match *m)
{
	json_t *a = json_array();
	json_array_append_new(a, json_pack("{s:s,s:f}", "id", "name_score", "value", codec_round4(m->name_score)));
	json_array_append_new(a, json_pack("{s:s,s:b}", "id", "type_match", "value", recon_type_fits(q, m->schema)));
	for (size_t i = 0; m->explanation && i < m->explanation->feature_count; i++) {
		const cordon_feature *f = &m->explanation->features[i];
		if (strcmp(f->feature, "name") != 0 && !has_feature(a, f->feature))
			json_array_append_new(a, json_pack("{s:s,s:f}", "id", f->feature, "value", codec_round4(f->contribution)));
	}
	return a;
}

static json_t *candidate(const cordon_snapshot *snap, const recon_query *q, const cordon_match *m, int match)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(m->entity_id));
	json_object_set_new(o, "name", json_string(m->name));
	json_object_set_new(o, "description", description(snap, m));
	json_object_set_new(o, "type", json_pack("[o]", recon_type_json(recon_type_of_schema(m->schema), 0)));
	json_object_set_new(o, "score", json_real(codec_round4(m->score)));
	json_object_set_new(o, "match", json_boolean(match));
	json_object_set_new(o, "features", features(q, m));
	return o;
}

/* {"result": [candidates]} for one query; NULL with e set when the screener fails for another reason than the query. */
static json_t *answer_one(const cordon_snapshot *snap, const char *dataset, const recon_query *q, recon_error *e)
{
	json_t *result = json_array();
	cordon_results res;
	int rc = q->name ? screen(snap, dataset, q, &res) : CORDON_EINVALID;
	if (rc == CORDON_EINVALID) /* nothing to screen by (no name, or one the screener cannot read): no candidates */
		return json_pack("{s:o}", "result", result);
	if (rc != 0) {
		json_decref(result);
		recon_fail(e, 500, "screening failed: %s", cordon_last_error());
		return NULL;
	}
	const cordon_match *kept[RECON_MAX_LIMIT + EXTRA_CANDIDATES];
	size_t n = 0;
	for (size_t i = 0; i < res.count && n < sizeof(kept) / sizeof(*kept); i++)
		if (!q->strict || recon_type_fits(q, res.matches[i].schema))
			kept[n++] = &res.matches[i];
	int match = n && recon_is_match(snap, q, kept, n);
	for (size_t i = 0; i < n && i < q->limit; i++)
		json_array_append_new(result, candidate(snap, q, kept[i], i == 0 && match));
	cordon_results_dispose(&res);
	return json_pack("{s:o}", "result", result);
}

static json_t *parse_batch(const char *text, size_t len, size_t max_batch, recon_error *e)
{
	json_error_t je;
	json_t *batch = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!batch) {
		recon_fail(e, 400, "malformed JSON in \"queries\" at line %d, column %d: %s", je.line, je.column, je.text);
		return NULL;
	}
	if (!json_is_object(batch))
		recon_fail(e, 400, "\"queries\" must be a JSON object mapping your keys to queries, e.g. "
		                   "{\"q0\": {\"query\": \"a name\"}}");
	else if (json_object_size(batch) == 0)
		recon_fail(e, 400, "No queries provided.");
	else if (json_object_size(batch) > max_batch)
		recon_fail(e, 413, "Too many queries in one batch (limit: %zu)", max_batch);
	else
		return batch;
	json_decref(batch);
	return NULL;
}

json_t *recon_answer_queries(const cordon_snapshot *snap, const char *dataset, const char *text, size_t len,
                             size_t max_batch, recon_error *e)
{
	json_t *batch = parse_batch(text, len, max_batch, e);
	if (!batch)
		return NULL;
	json_t *out = json_object(), *value;
	const char *key;
	json_object_foreach (batch, key, value) {
		recon_query q;
		json_t *answer = recon_query_read(value, key, &q, e) == 0 ? answer_one(snap, dataset, &q, e) : NULL;
		if (!answer) {
			json_decref(out);
			out = NULL;
			break;
		}
		json_object_set_new(out, key, answer);
	}
	json_decref(batch);
	return out;
}
