/*
 * Versioned schema of the SQLite store. Migration N takes the store from
 * version N-1 to N inside one write transaction together with its row in
 * schema_version, so a crash leaves the store at N-1 or N, never between.
 * Migrations are only ever appended; a released one is never edited.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/sqlite_internal.h"
#include "util/error.h"

static const char *const migrations[] = {
	/* 1: the initial schema */
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE parties ("
	" id INTEGER PRIMARY KEY, external_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
	" schema TEXT, country TEXT, birth_date TEXT, identifiers TEXT,"
	" imported_at TEXT NOT NULL, content_hash TEXT NOT NULL);"
	"CREATE TABLE screenings ("
	" id INTEGER PRIMARY KEY, party_id INTEGER REFERENCES parties(id), party_hash TEXT,"
	" input TEXT NOT NULL, snapshot_checksum TEXT NOT NULL, snapshot_created INTEGER NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('full', 'delta')), results TEXT NOT NULL, created_at TEXT NOT NULL);"
	"CREATE INDEX screenings_party ON screenings(party_id, kind, id);"
	"CREATE TABLE decisions ("
	" id INTEGER PRIMARY KEY, screening_id INTEGER NOT NULL REFERENCES screenings(id),"
	" party_id INTEGER REFERENCES parties(id), entity_id TEXT NOT NULL, entity_hash TEXT NOT NULL,"
	" party_hash TEXT, verdict TEXT NOT NULL CHECK (verdict IN ('true_match', 'false_positive')),"
	" reviewer TEXT NOT NULL, reason TEXT NOT NULL, created_at TEXT NOT NULL);"
	"CREATE INDEX decisions_hit ON decisions(screening_id, entity_id);"
	"CREATE INDEX decisions_pair ON decisions(party_hash, entity_id, entity_hash, verdict);"
	"CREATE TABLE screening_hits ("
	" screening_id INTEGER NOT NULL REFERENCES screenings(id), entity_id TEXT NOT NULL,"
	" entity_name TEXT, matched_name TEXT, score REAL NOT NULL, entity_hash TEXT NOT NULL,"
	" status TEXT NOT NULL CHECK (status IN ('open', 'cleared', 'confirmed')),"
	" decision_id INTEGER REFERENCES decisions(id), PRIMARY KEY (screening_id, entity_id));"
	"CREATE INDEX hits_entity ON screening_hits(entity_id, screening_id);"
	"CREATE INDEX hits_open ON screening_hits(screening_id) WHERE status = 'open';"
	"CREATE TABLE allow_list ("
	" party_hash TEXT NOT NULL, entity_id TEXT NOT NULL, entity_hash TEXT NOT NULL,"
	" decision_id INTEGER NOT NULL REFERENCES decisions(id), created_at TEXT NOT NULL,"
	" PRIMARY KEY (party_hash, entity_id, entity_hash));"
	"CREATE TABLE audit ("
	" seq INTEGER PRIMARY KEY, created_at TEXT NOT NULL, action TEXT NOT NULL, content TEXT NOT NULL,"
	" prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
	"CREATE INDEX audit_time ON audit(created_at);"
	/* guards against mistakes, not attackers (who can drop them): the hash chain is the real check */
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;",
};

_Static_assert(sizeof(migrations) / sizeof(*migrations) == STORE_SCHEMA_VERSION,
               "one migration per schema version");

static int exec(sqlite3 *db, const char *path, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	int rc = cu_fail(sqlite_code(sqlite3_errcode(db)), "%s: %s", path, msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	return rc;
}

static int count_rows(sqlite3 *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	*out = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_type(st, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return *out < 0 ? -1 : 0;
}

/* Version of the store, 0 for an empty file; a file with other tables is not a cordon store. */
static int current_version(sqlite3 *db, const char *path, int64_t *version)
{
	int64_t has_table, tables;
	if (count_rows(db, "SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'", &has_table) ||
	    count_rows(db, "SELECT count(*) FROM sqlite_master", &tables))
		return cu_fail(sqlite_code(sqlite3_errcode(db)), "%s: %s", path, sqlite3_errmsg(db));
	if (!has_table) {
		*version = 0;
		return tables ? cu_fail(CORDON_EINVALID, "%s: not a cordon store (an SQLite file with other tables)", path)
		              : 0;
	}
	if (count_rows(db, "SELECT max(version) FROM schema_version", version))
		return cu_fail(sqlite_code(sqlite3_errcode(db)), "%s: %s", path, sqlite3_errmsg(db));
	return 0;
}

static int apply(sqlite3 *db, const char *path, int64_t version)
{
	char sql[160];
	if (version == 1) {
		int rc = exec(db, path, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
		if (rc)
			return rc;
	}
	int rc = exec(db, path, migrations[version - 1]);
	if (rc)
		return cu_fail(rc, "%s: migration to schema version %lld failed: %s", path, (long long)version,
		               cordon_last_error());
	char now[32];
	store_now(now);
	snprintf(sql, sizeof(sql), "INSERT INTO schema_version VALUES (%lld, '%s')", (long long)version, now);
	return exec(db, path, sql);
}

int sqlite_migrate(sqlite3 *db, const char *path)
{
	int64_t version = 0;
	/* IMMEDIATE: two processes opening a new store at once must not both migrate */
	int rc = exec(db, path, "BEGIN IMMEDIATE");
	if (!rc)
		rc = current_version(db, path, &version);
	if (!rc && version > STORE_SCHEMA_VERSION)
		rc = cu_fail(CORDON_EVERSION, "%s: store schema version %lld is newer than this program's (%d): "
		             "upgrade cordon", path, (long long)version, STORE_SCHEMA_VERSION);
	/* each version in its own transaction, so a failure keeps the versions already applied */
	while (!rc && version < STORE_SCHEMA_VERSION) {
		rc = apply(db, path, ++version);
		if (!rc)
			rc = exec(db, path, "COMMIT");
		if (!rc)
			rc = exec(db, path, "BEGIN IMMEDIATE");
	}
	if (rc) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return exec(db, path, "COMMIT");
}
