/* The store's operations above the backend: opening, parties, screenings and their audit records. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "store/store.h"
#include "util/error.h"
#include "util/sha256.h"

int store_open(store **out, const char *path)
{
	*out = NULL;
	if (!path || !*path)
		return cu_fail(CORDON_EINVALID, "no store path given");
	if (strncmp(path, "postgresql:", 11) == 0 || strncmp(path, "postgres:", 9) == 0)
		return cu_fail(CORDON_EINVALID, "%s: the PostgreSQL backend is not built yet (store.h is its interface)",
		               path);
	return store_sqlite_open(out, path);
}

void store_close(store *s)
{
	if (!s)
		return;
	if (s->in_txn)
		s->ops->rollback(s);
	s->ops->close(s);
}

const char *store_path(const store *s)
{
	return s->path;
}

int store_begin(store *s)
{
	int rc = s->ops->begin(s);
	s->in_txn = rc == 0;
	s->head_loaded = s->head_dirty = 0;
	return rc;
}

int store_commit(store *s)
{
	int rc = store_audit_flush(s);
	if (!rc)
		rc = s->ops->commit(s);
	if (rc)
		s->ops->rollback(s);
	s->in_txn = s->head_loaded = s->head_dirty = 0;
	return rc;
}

int store_rollback(store *s)
{
	if (!s->in_txn)
		return 0;
	s->in_txn = s->head_loaded = s->head_dirty = 0;
	return s->ops->rollback(s);
}

int store_integrity(store *s, char *problem, size_t size)
{
	return s->ops->integrity(s, problem, size);
}

int store_meta_get(store *s, const char *key, char **value_out)
{
	return s->ops->meta_get(s, key, value_out);
}

int store_meta_set(store *s, const char *key, const char *value)
{
	return s->ops->meta_set(s, key, value);
}

void store_now(char buf[32])
{
	const char *fixed = getenv("CORDON_NOW");
	if (fixed && *fixed) {
		snprintf(buf, 32, "%s", fixed);
		return;
	}
	struct timeval tv;
	gettimeofday(&tv, NULL);
	struct tm tm;
	gmtime_r(&tv.tv_sec, &tm);
	char day[24];
	strftime(day, sizeof(day), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, 32, "%s.%06ldZ", day, (long)tv.tv_usec);
}

/* ---- parties ---- */

static json_t *opt_string(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* The party's fields as canonical JSON (sorted keys, compact): what its hash and audit record cover. */
static char *party_canonical(const store_party *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "external_id", opt_string(p->external_id));
	json_object_set_new(o, "name", opt_string(p->name));
	json_object_set_new(o, "schema", opt_string(p->schema));
	json_object_set_new(o, "country", opt_string(p->country));
	json_object_set_new(o, "birth_date", opt_string(p->birth_date));
	json_object_set_new(o, "identifiers", opt_string(p->identifiers));
	char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return text;
}

void store_party_hash(store_party *p)
{
	char *text = party_canonical(p);
	cu_sha256 *h = cu_sha256_new();
	cu_sha256_update(h, text ? text : "", text ? strlen(text) : 0);
	cu_sha256_finish(h, p->content_hash);
	free(text);
}

void store_party_dispose(store_party *p)
{
	free(p->external_id);
	free(p->name);
	free(p->schema);
	free(p->country);
	free(p->birth_date);
	free(p->identifiers);
	free(p->imported_at);
	memset(p, 0, sizeof(*p));
}

void store_screening_dispose(store_screening *sc)
{
	for (size_t i = 0; i < sc->hit_count; i++) {
		free(sc->hits[i].entity_id);
		free(sc->hits[i].entity_name);
		free(sc->hits[i].matched_name);
	}
	free(sc->hits);
	free(sc->party_external_id);
	free(sc->input_json);
	free(sc->snapshot_checksum);
	free(sc->created_at);
	memset(sc, 0, sizeof(*sc));
}

void store_decision_dispose(store_decision *d)
{
	free(d->entity_id);
	free(d->reviewer);
	free(d->reason);
	free(d->created_at);
	memset(d, 0, sizeof(*d));
}

/* Audits a JSON object (taking it) under action. */
static int audit_json(store *s, const char *action, json_t *o)
{
	char *text = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(6)) : NULL;
	json_decref(o);
	if (!text)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	int rc = store_audit_append(s, action, text);
	free(text);
	return rc;
}

int store_party_put(store *s, store_party *p, int *outcome)
{
	if (!s->in_txn)
		return cu_fail(CORDON_EINVALID, "%s: a party is written inside a transaction", s->path);
	if (!p->imported_at) {
		char now[32];
		store_now(now);
		if (!(p->imported_at = strdup(now)))
			return cu_fail(CORDON_ENOMEM, "out of memory");
	}
	store_party_hash(p);
	int rc = s->ops->party_upsert(s, p, outcome);
	if (rc || *outcome == STORE_PARTY_UNCHANGED)
		return rc;
	json_t *o = json_object();
	json_object_set_new(o, "party_id", json_integer(p->id));
	json_object_set_new(o, "content_hash", json_string(p->content_hash));
	json_object_set_new(o, "imported_at", opt_string(p->imported_at));
	char *fields = party_canonical(p);
	json_object_set_new(o, "party", fields ? json_loads(fields, 0, NULL) : json_null());
	free(fields);
	return audit_json(s, *outcome == STORE_PARTY_INSERTED ? "party.insert" : "party.update", o);
}

int store_party_find(store *s, const char *external_id, store_party *out)
{
	return s->ops->party_find(s, external_id, out);
}

int store_party_page(store *s, int64_t after_id, size_t limit, store_party *out, size_t *count_out)
{
	return s->ops->party_page(s, after_id, limit, out, count_out);
}

int64_t store_party_count(store *s)
{
	return s->ops->party_count(s);
}

/* ---- screenings ---- */

static json_t *hits_json(const store_screening *sc)
{
	json_t *a = json_array();
	for (size_t i = 0; i < sc->hit_count; i++) {
		const store_hit *h = &sc->hits[i];
		json_t *o = json_object();
		json_object_set_new(o, "entity_id", json_string(h->entity_id));
		json_object_set_new(o, "entity_name", opt_string(h->entity_name));
		json_object_set_new(o, "matched_name", opt_string(h->matched_name));
		/* four decimals: the precision scores are shown with, and stable through a JSON round trip */
		json_object_set_new(o, "score", json_real((double)(long long)(h->score * 10000.0 + 0.5) / 10000.0));
		json_object_set_new(o, "entity_hash", json_string(h->entity_hash));
		json_object_set_new(o, "status", json_string(h->status));
		json_object_set_new(o, "decision_id", h->decision_id ? json_integer(h->decision_id) : json_null());
		json_array_append_new(a, o);
	}
	return a;
}

int store_screening_classify(store *s, store_screening *sc)
{
	for (size_t i = 0; i < sc->hit_count; i++) {
		store_hit *h = &sc->hits[i];
		snprintf(h->status, sizeof(h->status), "open");
		h->decision_id = 0;
		if (!sc->party_hash[0])
			continue; /* ad-hoc input: nothing to remember it by */
		int rc = s->ops->allow_find(s, sc->party_hash, h->entity_id, h->entity_hash, &h->decision_id);
		if (rc == 0) {
			snprintf(h->status, sizeof(h->status), "cleared");
			continue;
		}
		if (rc == CORDON_ENOTFOUND)
			rc = s->ops->decision_find(s, sc->party_hash, h->entity_id, h->entity_hash, 1, &h->decision_id);
		if (rc == 0)
			snprintf(h->status, sizeof(h->status), "confirmed");
		else if (rc != CORDON_ENOTFOUND)
			return rc;
	}
	return 0;
}

int store_screening_put(store *s, store_screening *sc)
{
	if (!s->in_txn)
		return cu_fail(CORDON_EINVALID, "%s: a screening is written inside a transaction", s->path);
	if (!sc->created_at) {
		char now[32];
		store_now(now);
		sc->created_at = strdup(now);
	}
	json_t *hits = hits_json(sc);
	char *results = json_dumps(hits, JSON_COMPACT | JSON_REAL_PRECISION(6));
	int rc = results ? s->ops->screening_insert(s, sc, results) : cu_fail(CORDON_ENOMEM, "out of memory");
	free(results);
	if (rc) {
		json_decref(hits);
		return rc;
	}
	json_t *o = json_object();
	json_object_set_new(o, "screening_id", json_integer(sc->id));
	json_object_set_new(o, "party", opt_string(sc->party_external_id));
	json_object_set_new(o, "party_hash", opt_string(sc->party_hash));
	json_object_set_new(o, "input", sc->input_json ? json_loads(sc->input_json, 0, NULL) : json_null());
	json_object_set_new(o, "snapshot", json_pack("{s:s?, s:I}", "checksum", sc->snapshot_checksum, "created",
	                                             (json_int_t)sc->snapshot_created));
	json_object_set_new(o, "kind", json_string(sc->kind));
	json_object_set_new(o, "created_at", json_string(sc->created_at));
	json_object_set_new(o, "hits", hits);
	return audit_json(s, "screening", o);
}

int store_case_each(store *s, store_case_fn fn, void *payload)
{
	return s->ops->case_each(s, fn, payload);
}

/* ---- decisions ---- */

static int resolve_hit(store *s, int64_t screening_id, const char *party_external_id, const char *entity_id,
                       store_screening *sc)
{
	if (screening_id)
		return s->ops->screening_hit_find(s, screening_id, 0, entity_id, sc);
	store_party p;
	int rc = s->ops->party_find(s, party_external_id, &p);
	if (rc)
		return rc;
	rc = s->ops->screening_hit_find(s, 0, p.id, entity_id, sc);
	if (rc == CORDON_ENOTFOUND)
		rc = cu_fail(rc, "%s: no screening of party \"%s\" has a hit on %s", s->path, party_external_id, entity_id);
	store_party_dispose(&p);
	return rc;
}

static int record_decision(store *s, store_decision *d)
{
	int rc = s->ops->decision_insert(s, d);
	if (!rc && !d->true_match && d->party_hash[0]) /* an ad-hoc input has no party to remember */
		rc = s->ops->allow_insert(s, d);
	if (rc)
		return rc;
	json_t *o = json_object();
	json_object_set_new(o, "decision_id", json_integer(d->id));
	json_object_set_new(o, "screening_id", json_integer(d->screening_id));
	json_object_set_new(o, "party_id", d->party_id ? json_integer(d->party_id) : json_null());
	json_object_set_new(o, "party_hash", opt_string(d->party_hash));
	json_object_set_new(o, "entity_id", json_string(d->entity_id));
	json_object_set_new(o, "entity_hash", json_string(d->entity_hash));
	json_object_set_new(o, "verdict", json_string(d->true_match ? "true_match" : "false_positive"));
	json_object_set_new(o, "reviewer", json_string(d->reviewer));
	json_object_set_new(o, "reason", json_string(d->reason));
	json_object_set_new(o, "created_at", json_string(d->created_at));
	json_object_set_new(o, "allow_listed", json_boolean(!d->true_match && d->party_hash[0]));
	return audit_json(s, "decision", o);
}

int store_decide(store *s, int64_t screening_id, const char *party_external_id, store_decision *d)
{
	if (!d->entity_id || !d->reviewer || !*d->reviewer || !d->reason || !*d->reason)
		return cu_fail(CORDON_EINVALID, "a decision needs an entity, a reviewer and a reason");
	int rc = store_begin(s);
	if (rc)
		return rc;
	store_screening sc;
	rc = resolve_hit(s, screening_id, party_external_id, d->entity_id, &sc);
	if (!rc) {
		char now[32];
		store_now(now);
		d->screening_id = sc.id;
		d->party_id = sc.party_id;
		snprintf(d->party_hash, sizeof(d->party_hash), "%s", sc.party_hash);
		snprintf(d->entity_hash, sizeof(d->entity_hash), "%s", sc.hits[0].entity_hash);
		free(d->created_at);
		d->created_at = strdup(now);
		rc = d->created_at ? record_decision(s, d) : cu_fail(CORDON_ENOMEM, "out of memory");
		store_screening_dispose(&sc);
	}
	if (rc) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s);
}
