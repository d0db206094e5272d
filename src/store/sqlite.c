/*
 * The SQLite backend of the store.
 *
 * WAL mode, so readers (cases list, audit export) never block the writer;
 * synchronous=FULL, so a commit that returned is on disk even if the
 * machine loses power (NORMAL in WAL mode survives a killed process but
 * may lose the last commits on power loss, and "acknowledged" must mean
 * durable); a busy timeout, so a second writer waits for the first instead
 * of failing; write transactions start IMMEDIATE, so two writers never both
 * read the audit head and then race to append.
 */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"
#include "util/error.h"
#include "util/strutil.h"

/* How long a writer waits for another one before giving up. */
#define BUSY_TIMEOUT_MS 30000

enum {
	Q_PARTY_FIND,
	Q_PARTY_INSERT,
	Q_PARTY_UPDATE,
	Q_PARTY_PAGE,
	Q_SCREENING_INSERT,
	Q_HIT_INSERT,
	Q_HIT_BY_SCREENING,
	Q_HIT_BY_PARTY,
	Q_DECISION_INSERT,
	Q_DECISION_FIND,
	Q_ALLOW_INSERT,
	Q_ALLOW_FIND,
	Q_AUDIT_INSERT,
	Q_META_GET,
	Q_META_SET,
	Q_COUNT
};

static const char *const sql[Q_COUNT] = {
	[Q_PARTY_FIND] = "SELECT id, external_id, name, schema, country, birth_date, identifiers, imported_at,"
	                 " content_hash FROM parties WHERE external_id = ?",
	[Q_PARTY_INSERT] = "INSERT INTO parties (external_id, name, schema, country, birth_date, identifiers,"
	                   " imported_at, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_PARTY_UPDATE] = "UPDATE parties SET external_id = ?, name = ?, schema = ?, country = ?, birth_date = ?,"
	                   " identifiers = ?, imported_at = ?, content_hash = ? WHERE id = ?",
	[Q_PARTY_PAGE] = "SELECT id, external_id, name, schema, country, birth_date, identifiers, imported_at,"
	                 " content_hash FROM parties WHERE id > ? ORDER BY id LIMIT ?",
	[Q_SCREENING_INSERT] = "INSERT INTO screenings (party_id, party_hash, input, snapshot_checksum,"
	                       " snapshot_created, kind, results, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_HIT_INSERT] = "INSERT INTO screening_hits (screening_id, entity_id, entity_name, matched_name, score,"
	                 " entity_hash, status, decision_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_HIT_BY_SCREENING] = "SELECT s.id, s.party_id, p.external_id, s.party_hash, h.entity_hash, h.entity_name"
	                       " FROM screening_hits h JOIN screenings s ON s.id = h.screening_id"
	                       " LEFT JOIN parties p ON p.id = s.party_id WHERE s.id = ? AND h.entity_id = ?",
	[Q_HIT_BY_PARTY] = "SELECT s.id, s.party_id, p.external_id, s.party_hash, h.entity_hash, h.entity_name"
	                   " FROM screening_hits h JOIN screenings s ON s.id = h.screening_id"
	                   " JOIN parties p ON p.id = s.party_id WHERE s.party_id = ? AND h.entity_id = ?"
	                   " ORDER BY s.id DESC LIMIT 1",
	[Q_DECISION_INSERT] = "INSERT INTO decisions (screening_id, party_id, entity_id, entity_hash, party_hash,"
	                      " verdict, reviewer, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_DECISION_FIND] = "SELECT id FROM decisions WHERE party_hash = ? AND entity_id = ? AND entity_hash = ?"
	                    " AND verdict = ? ORDER BY id DESC LIMIT 1",
	[Q_ALLOW_INSERT] = "INSERT OR REPLACE INTO allow_list (party_hash, entity_id, entity_hash, decision_id,"
	                   " created_at) VALUES (?, ?, ?, ?, ?)",
	[Q_ALLOW_FIND] = "SELECT decision_id FROM allow_list WHERE party_hash = ? AND entity_id = ? AND entity_hash = ?",
	[Q_AUDIT_INSERT] = "INSERT INTO audit (seq, created_at, action, content, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)",
	[Q_META_GET] = "SELECT value FROM meta WHERE key = ?",
	[Q_META_SET] = "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
};

/* Open potential hits: see docs/store.md, "Cases". */
static const char cases_sql[] =
	"SELECT h.screening_id, p.external_id, p.name, h.entity_id, h.entity_name, h.score, s.created_at"
	" FROM screening_hits h JOIN screenings s ON s.id = h.screening_id LEFT JOIN parties p ON p.id = s.party_id"
	" WHERE h.status = 'open'"
	" AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.screening_id = h.screening_id AND d.entity_id = h.entity_id)"
	" AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.party_hash = s.party_hash AND d.entity_id = h.entity_id"
	"                 AND d.entity_hash = h.entity_hash)"
	" AND (s.party_id IS NULL OR ("
	"  s.id >= COALESCE((SELECT max(f.id) FROM screenings f WHERE f.party_id = s.party_id AND f.kind = 'full'), 0)"
	"  AND NOT EXISTS (SELECT 1 FROM screening_hits h2 JOIN screenings s2 ON s2.id = h2.screening_id"
	"                  WHERE s2.party_id = s.party_id AND h2.entity_id = h.entity_id AND s2.id > s.id)))"
	" ORDER BY h.score DESC, h.screening_id, h.entity_id";

typedef struct {
	store base;
	sqlite3 *db;
	sqlite3_stmt *q[Q_COUNT];
} sq_store;

int sqlite_code(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return CORDON_ECORRUPT;
	case SQLITE_NOMEM:
		return CORDON_ENOMEM;
	case SQLITE_CANTOPEN:
		return CORDON_ENOTFOUND;
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
		return CORDON_EINVALID;
	default:
		return CORDON_EIO;
	}
}

static sq_store *sq(store *s)
{
	return (sq_store *)s;
}

static int fail(store *s, const char *what)
{
	sqlite3 *db = sq(s)->db;
	return cu_fail(sqlite_code(sqlite3_extended_errcode(db)), "%s: %s: %s", s->path, what, sqlite3_errmsg(db));
}

/* The cached statement, reset and unbound; NULL with the error set when it cannot be prepared. */
static sqlite3_stmt *stmt(store *s, int which)
{
	sq_store *q = sq(s);
	if (!q->q[which]) {
		if (sqlite3_prepare_v3(q->db, sql[which], -1, SQLITE_PREPARE_PERSISTENT, &q->q[which], NULL) != SQLITE_OK) {
			fail(s, "preparing a statement");
			return NULL;
		}
	}
	sqlite3_reset(q->q[which]);
	sqlite3_clear_bindings(q->q[which]);
	return q->q[which];
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static void bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? cu_strdup((const char *)t) : NULL;
}

static void col_copy(sqlite3_stmt *st, int i, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

/* Runs a statement that returns no rows. */
static int run(store *s, sqlite3_stmt *st, const char *what)
{
	if (!st)
		return CORDON_EIO;
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : fail(s, what);
}

static int exec(store *s, const char *text, const char *what)
{
	return sqlite3_exec(sq(s)->db, text, NULL, NULL, NULL) == SQLITE_OK ? 0 : fail(s, what);
}

static void sq_close(store *s)
{
	sq_store *q = sq(s);
	for (int i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(q->q[i]);
	sqlite3_close(q->db);
	free(s->path);
	free(q);
}

static int sq_begin(store *s)
{
	return exec(s, "BEGIN IMMEDIATE", "starting a write transaction");
}

static int sq_commit(store *s)
{
	return exec(s, "COMMIT", "committing");
}

static int sq_rollback(store *s)
{
	return exec(s, "ROLLBACK", "rolling back");
}

static int sq_integrity(store *s, char *problem, size_t size)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(sq(s)->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return fail(s, "integrity check");
	int rc = sqlite3_step(st);
	const unsigned char *t = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
	snprintf(problem, size, "%s", t ? (const char *)t : sqlite3_errmsg(sq(s)->db));
	sqlite3_finalize(st);
	return strcmp(problem, "ok") == 0 ? 0 : CORDON_ECORRUPT;
}

/* ---- parties ---- */

static void read_party(sqlite3_stmt *st, store_party *p)
{
	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	p->external_id = col_dup(st, 1);
	p->name = col_dup(st, 2);
	p->schema = col_dup(st, 3);
	p->country = col_dup(st, 4);
	p->birth_date = col_dup(st, 5);
	p->identifiers = col_dup(st, 6);
	p->imported_at = col_dup(st, 7);
	col_copy(st, 8, p->content_hash, sizeof(p->content_hash));
}

static int sq_party_find(store *s, const char *external_id, store_party *out)
{
	sqlite3_stmt *st = stmt(s, Q_PARTY_FIND);
	if (!st)
		return CORDON_EIO;
	bind_text(st, 1, external_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_party(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? cu_fail(CORDON_ENOTFOUND, "%s: no party \"%s\"", s->path, external_id)
	                         : fail(s, "reading a party");
}

static void bind_party(sqlite3_stmt *st, const store_party *p)
{
	bind_text(st, 1, p->external_id);
	bind_text(st, 2, p->name);
	bind_text(st, 3, p->schema);
	bind_text(st, 4, p->country);
	bind_text(st, 5, p->birth_date);
	bind_text(st, 6, p->identifiers);
	bind_text(st, 7, p->imported_at);
	bind_text(st, 8, p->content_hash);
}

static int sq_party_upsert(store *s, store_party *p, int *outcome)
{
	store_party old;
	int rc = sq_party_find(s, p->external_id, &old);
	if (rc && rc != CORDON_ENOTFOUND)
		return rc;
	if (rc == 0) {
		p->id = old.id;
		int same = strcmp(old.content_hash, p->content_hash) == 0;
		store_party_dispose(&old);
		if (same) {
			*outcome = STORE_PARTY_UNCHANGED;
			return 0;
		}
		sqlite3_stmt *st = stmt(s, Q_PARTY_UPDATE);
		if (!st)
			return CORDON_EIO;
		bind_party(st, p);
		sqlite3_bind_int64(st, 9, p->id);
		*outcome = STORE_PARTY_UPDATED;
		return run(s, st, "updating a party");
	}
	sqlite3_stmt *st = stmt(s, Q_PARTY_INSERT);
	if (!st)
		return CORDON_EIO;
	bind_party(st, p);
	rc = run(s, st, "inserting a party");
	p->id = rc ? 0 : sqlite3_last_insert_rowid(sq(s)->db);
	*outcome = STORE_PARTY_INSERTED;
	return rc;
}

static int sq_party_page(store *s, int64_t after_id, size_t limit, store_party *out, size_t *count_out)
{
	sqlite3_stmt *st = stmt(s, Q_PARTY_PAGE);
	*count_out = 0;
	if (!st)
		return CORDON_EIO;
	sqlite3_bind_int64(st, 1, after_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *count_out < limit)
		read_party(st, &out[(*count_out)++]);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : fail(s, "reading parties");
}

static int64_t sq_party_count(store *s)
{
	sqlite3_stmt *st;
	int64_t n = -1;
	if (sqlite3_prepare_v2(sq(s)->db, "SELECT count(*) FROM parties", -1, &st, NULL) != SQLITE_OK)
		return fail(s, "counting parties");
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n < 0 ? fail(s, "counting parties") : n;
}

/* ---- screenings ---- */

static int insert_hit(store *s, int64_t screening_id, const store_hit *h)
{
	sqlite3_stmt *st = stmt(s, Q_HIT_INSERT);
	if (!st)
		return CORDON_EIO;
	sqlite3_bind_int64(st, 1, screening_id);
	bind_text(st, 2, h->entity_id);
	bind_text(st, 3, h->entity_name);
	bind_text(st, 4, h->matched_name);
	sqlite3_bind_double(st, 5, h->score);
	bind_text(st, 6, h->entity_hash);
	bind_text(st, 7, h->status);
	bind_id(st, 8, h->decision_id);
	return run(s, st, "recording a hit");
}

static int sq_screening_insert(store *s, store_screening *sc, const char *results_json)
{
	sqlite3_stmt *st = stmt(s, Q_SCREENING_INSERT);
	if (!st)
		return CORDON_EIO;
	bind_id(st, 1, sc->party_id);
	bind_text(st, 2, sc->party_hash);
	bind_text(st, 3, sc->input_json);
	bind_text(st, 4, sc->snapshot_checksum);
	sqlite3_bind_int64(st, 5, sc->snapshot_created);
	bind_text(st, 6, sc->kind);
	bind_text(st, 7, results_json);
	bind_text(st, 8, sc->created_at);
	int rc = run(s, st, "recording a screening");
	if (rc)
		return rc;
	sc->id = sqlite3_last_insert_rowid(sq(s)->db);
	for (size_t i = 0; i < sc->hit_count && !rc; i++)
		rc = insert_hit(s, sc->id, &sc->hits[i]);
	return rc;
}

static int sq_screening_hit_find(store *s, int64_t screening_id, int64_t party_id, const char *entity_id,
                                 store_screening *out)
{
	sqlite3_stmt *st = stmt(s, screening_id ? Q_HIT_BY_SCREENING : Q_HIT_BY_PARTY);
	if (!st)
		return CORDON_EIO;
	sqlite3_bind_int64(st, 1, screening_id ? screening_id : party_id);
	bind_text(st, 2, entity_id);
	int rc = sqlite3_step(st);
	memset(out, 0, sizeof(*out));
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->party_id = sqlite3_column_int64(st, 1);
		out->party_external_id = col_dup(st, 2);
		col_copy(st, 3, out->party_hash, sizeof(out->party_hash));
		out->hits = calloc(1, sizeof(*out->hits));
		if (out->hits) {
			out->hit_count = 1;
			out->hits[0].entity_id = cu_strdup(entity_id);
			col_copy(st, 4, out->hits[0].entity_hash, sizeof(out->hits[0].entity_hash));
			out->hits[0].entity_name = col_dup(st, 5);
		}
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return out->hits ? 0 : cu_fail(CORDON_ENOMEM, "out of memory");
	if (rc != SQLITE_DONE)
		return fail(s, "reading a screening");
	return screening_id ? cu_fail(CORDON_ENOTFOUND, "%s: screening %lld has no hit on %s", s->path,
	                              (long long)screening_id, entity_id)
	                    : cu_fail(CORDON_ENOTFOUND, "%s: no screening of this party has a hit on %s", s->path,
	                              entity_id);
}

/* ---- decisions and the allow-list ---- */

static int sq_decision_insert(store *s, store_decision *d)
{
	sqlite3_stmt *st = stmt(s, Q_DECISION_INSERT);
	if (!st)
		return CORDON_EIO;
	sqlite3_bind_int64(st, 1, d->screening_id);
	bind_id(st, 2, d->party_id);
	bind_text(st, 3, d->entity_id);
	bind_text(st, 4, d->entity_hash);
	bind_text(st, 5, d->party_hash);
	bind_text(st, 6, d->true_match ? "true_match" : "false_positive");
	bind_text(st, 7, d->reviewer);
	bind_text(st, 8, d->reason);
	bind_text(st, 9, d->created_at);
	int rc = run(s, st, "recording a decision");
	d->id = rc ? 0 : sqlite3_last_insert_rowid(sq(s)->db);
	return rc;
}

/* Runs a three-key lookup whose first column is an id; CORDON_ENOTFOUND when there is no row. */
static int find_id(store *s, sqlite3_stmt *st, const char *a, const char *b, const char *c, int64_t *id_out)
{
	if (!st)
		return CORDON_EIO;
	bind_text(st, 1, a);
	bind_text(st, 2, b);
	bind_text(st, 3, c);
	int rc = sqlite3_step(st);
	*id_out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? CORDON_ENOTFOUND : fail(s, "reading decisions");
}

static int sq_decision_find(store *s, const char *party_hash, const char *entity_id, const char *entity_hash,
                            int true_match, int64_t *id_out)
{
	sqlite3_stmt *st = stmt(s, Q_DECISION_FIND);
	if (st)
		bind_text(st, 4, true_match ? "true_match" : "false_positive");
	return find_id(s, st, party_hash, entity_id, entity_hash, id_out);
}

static int sq_allow_insert(store *s, const store_decision *d)
{
	sqlite3_stmt *st = stmt(s, Q_ALLOW_INSERT);
	if (!st)
		return CORDON_EIO;
	bind_text(st, 1, d->party_hash);
	bind_text(st, 2, d->entity_id);
	bind_text(st, 3, d->entity_hash);
	sqlite3_bind_int64(st, 4, d->id);
	bind_text(st, 5, d->created_at);
	return run(s, st, "adding to the allow-list");
}

static int sq_allow_find(store *s, const char *party_hash, const char *entity_id, const char *entity_hash,
                         int64_t *decision_id_out)
{
	return find_id(s, stmt(s, Q_ALLOW_FIND), party_hash, entity_id, entity_hash, decision_id_out);
}

static int sq_case_each(store *s, store_case_fn fn, void *payload)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(sq(s)->db, cases_sql, -1, &st, NULL) != SQLITE_OK)
		return fail(s, "listing cases");
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_case c = {
			.screening_id = sqlite3_column_int64(st, 0),
			.party_external_id = (const char *)sqlite3_column_text(st, 1),
			.party_name = (const char *)sqlite3_column_text(st, 2),
			.entity_id = (const char *)sqlite3_column_text(st, 3),
			.entity_name = (const char *)sqlite3_column_text(st, 4),
			.score = sqlite3_column_double(st, 5),
			.screened_at = (const char *)sqlite3_column_text(st, 6),
		};
		stop = fn(&c, payload);
	}
	int err = stop < 0 ? stop : (!stop && rc != SQLITE_DONE) ? fail(s, "listing cases") : 0;
	sqlite3_finalize(st);
	return err;
}

/* ---- audit records and meta ---- */

static int sq_audit_head(store *s, int64_t *seq, char hash[65])
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(sq(s)->db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", -1, &st, NULL))
		return fail(s, "reading the audit trail");
	int rc = sqlite3_step(st);
	*seq = 0;
	snprintf(hash, 65, "%064d", 0);
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		col_copy(st, 1, hash, 65);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail(s, "reading the audit trail");
}

static int sq_audit_insert(store *s, const store_audit_record *r)
{
	sqlite3_stmt *st = stmt(s, Q_AUDIT_INSERT);
	if (!st)
		return CORDON_EIO;
	sqlite3_bind_int64(st, 1, r->seq);
	bind_text(st, 2, r->created_at);
	bind_text(st, 3, r->action);
	bind_text(st, 4, r->content);
	bind_text(st, 5, r->prev_hash);
	bind_text(st, 6, r->hash);
	return run(s, st, "appending to the audit trail");
}

static int sq_audit_each(store *s, const char *from, const char *to, store_audit_fn fn, void *payload)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(sq(s)->db,
	                       "SELECT seq, created_at, action, content, prev_hash, hash FROM audit"
	                       " WHERE (?1 IS NULL OR created_at >= ?1) AND (?2 IS NULL OR created_at <= ?2) ORDER BY seq",
	                       -1, &st, NULL) != SQLITE_OK)
		return fail(s, "reading the audit trail");
	bind_text(st, 1, from);
	bind_text(st, 2, to);
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_audit_record r = {
			.seq = sqlite3_column_int64(st, 0),
			.created_at = (const char *)sqlite3_column_text(st, 1),
			.action = (const char *)sqlite3_column_text(st, 2),
			.content = (const char *)sqlite3_column_text(st, 3),
			.prev_hash = (const char *)sqlite3_column_text(st, 4),
			.hash = (const char *)sqlite3_column_text(st, 5),
		};
		stop = fn(&r, payload);
	}
	int err = stop < 0 ? stop : (!stop && rc != SQLITE_DONE) ? fail(s, "reading the audit trail") : 0;
	sqlite3_finalize(st);
	return err;
}

static int sq_meta_get(store *s, const char *key, char **value_out)
{
	sqlite3_stmt *st = stmt(s, Q_META_GET);
	if (!st)
		return CORDON_EIO;
	bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	*value_out = rc == SQLITE_ROW ? col_dup(st, 0) : NULL;
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return *value_out ? 0 : cu_fail(CORDON_ENOMEM, "out of memory");
	return rc == SQLITE_DONE ? CORDON_ENOTFOUND : fail(s, "reading meta");
}

static int sq_meta_set(store *s, const char *key, const char *value)
{
	sqlite3_stmt *st = stmt(s, Q_META_SET);
	if (!st)
		return CORDON_EIO;
	bind_text(st, 1, key);
	bind_text(st, 2, value);
	return run(s, st, "writing meta");
}

static const store_backend sqlite_backend = {
	.name = "sqlite",
	.close = sq_close,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.integrity = sq_integrity,
	.party_upsert = sq_party_upsert,
	.party_find = sq_party_find,
	.party_page = sq_party_page,
	.party_count = sq_party_count,
	.screening_insert = sq_screening_insert,
	.screening_hit_find = sq_screening_hit_find,
	.decision_insert = sq_decision_insert,
	.decision_find = sq_decision_find,
	.allow_insert = sq_allow_insert,
	.allow_find = sq_allow_find,
	.case_each = sq_case_each,
	.audit_head = sq_audit_head,
	.audit_insert = sq_audit_insert,
	.audit_each = sq_audit_each,
	.meta_get = sq_meta_get,
	.meta_set = sq_meta_set,
};

static int configure(store *s)
{
	sqlite3 *db = sq(s)->db;
	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db, 1);
	int rc = exec(s, "PRAGMA journal_mode = WAL", "switching to WAL mode");
	if (!rc)
		rc = exec(s, "PRAGMA synchronous = FULL", "setting synchronous");
	if (!rc)
		rc = exec(s, "PRAGMA foreign_keys = ON", "enabling foreign keys");
	return rc;
}

int store_sqlite_open(store **out, const char *path)
{
	*out = NULL;
	sq_store *q = calloc(1, sizeof(*q));
	if (!q || !(q->base.path = cu_strdup(path))) {
		free(q);
		return cu_fail(CORDON_ENOMEM, "out of memory");
	}
	q->base.ops = &sqlite_backend;
	int rc = sqlite3_open_v2(path, &q->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	rc = rc == SQLITE_OK ? configure(&q->base) : fail(&q->base, "opening");
	if (!rc)
		rc = sqlite_migrate(q->db, path);
	if (rc) {
		sq_close(&q->base);
		return rc;
	}
	*out = &q->base;
	return 0;
}
