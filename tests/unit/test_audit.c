/*
 * The audit chain: intact after writes; an edited record, a record edited
 * with its hash recomputed, a deleted record, deleted newest records and an
 * edited first record are each reported with the record's sequence number
 * and position (the file edited behind the store's back with the sqlite3
 * API, as an attacker would); export writes a period as CSV and JSON.
 */
#include <jansson.h>
#include <sqlite3.h>
#include <unistd.h>

#include "store/store.h"
#include "test.h"

#define RECORDS 12

static void clean(const char *path)
{
	char side[600];
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

/* A store with RECORDS party inserts; record i made at 2026-01-(10+i). */
static void make_store(const char *path)
{
	clean(path);
	store *s;
	if (store_open(&s, path) != 0)
		return;
	for (int i = 1; i <= RECORDS; i++) {
		char id[16], name[32], now[40];
		snprintf(now, sizeof(now), "2026-01-%02dT12:00:00.000000Z", 10 + i);
		setenv("CORDON_NOW", now, 1);
		snprintf(id, sizeof(id), "P%d", i);
		snprintf(name, sizeof(name), "Party Number %d", i);
		store_party p = {0};
		p.external_id = strdup(id);
		p.name = strdup(name);
		p.imported_at = strdup(now);
		int outcome;
		if (store_begin(s) == 0 && store_party_put(s, &p, &outcome) == 0)
			CHECK_INT(store_commit(s), 0);
		store_party_dispose(&p);
	}
	unsetenv("CORDON_NOW");
	store_close(s);
}

/* Copies the store (closed, so the WAL is checkpointed) and runs sql on the copy. */
static void tamper(const char *from, const char *to, const char *sql)
{
	clean(to);
	char cmd[1200];
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", from, to);
	CHECK_INT(system(cmd), 0);
	sqlite3 *db;
	CHECK_INT(sqlite3_open(to, &db), SQLITE_OK);
	char *err = NULL;
	/* the triggers guard against accidents only: an attacker drops them first */
	int rc = sqlite3_exec(db, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;", NULL, NULL, &err);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fprintf(stderr, "tamper: %s\n", err ? err : "?");
	CHECK_INT(rc, SQLITE_OK);
	sqlite3_free(err);
	sqlite3_close(db);
}

static void verify_path(const char *path, int expect_rc, int64_t seq, int64_t position, const char *words)
{
	store *s;
	REQUIRE(store_open(&s, path) == 0);
	store_audit_report r;
	int rc = store_audit_verify(s, &r);
	CHECK_INT(rc, expect_rc);
	CHECK_INT(r.bad_seq, seq);
	CHECK_INT(r.position, position);
	if (words) {
		CHECK(strstr(r.problem, words) != NULL);
		if (!strstr(r.problem, words))
			fprintf(stderr, "  problem: %s\n", r.problem);
	}
	store_close(s);
}

static char base[512], copy[512];

static void test_intact(void)
{
	snprintf(base, sizeof(base), "%s/audit-base.db", CORDON_TEST_TMP);
	snprintf(copy, sizeof(copy), "%s/audit-copy.db", CORDON_TEST_TMP);
	make_store(base);
	store *s;
	REQUIRE(store_open(&s, base) == 0);
	store_audit_report r;
	CHECK_INT(store_audit_verify(s, &r), 0);
	CHECK_INT(r.records, RECORDS);
	CHECK_INT(strlen(r.head_hash), 64);
	/* the store refuses to change a record itself */
	store_close(s);
	sqlite3 *db;
	REQUIRE(sqlite3_open(base, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "UPDATE audit SET action = 'x' WHERE seq = 1", NULL, NULL, NULL) != SQLITE_OK);
	CHECK(sqlite3_exec(db, "DELETE FROM audit WHERE seq = 1", NULL, NULL, NULL) != SQLITE_OK);
	sqlite3_close(db);
}

static void test_edited(void)
{
	tamper(base, copy, "UPDATE audit SET content = replace(content, 'Party Number 5', 'Party Number 6') WHERE seq = 5");
	verify_path(copy, CORDON_ECORRUPT, 5, 5, "record 5 (position 5) was edited");
	/* the time changed instead */
	tamper(base, copy, "UPDATE audit SET created_at = '2025-01-01T00:00:00.000000Z' WHERE seq = 8");
	verify_path(copy, CORDON_ECORRUPT, 8, 8, "edited");
	/* the first record */
	tamper(base, copy, "UPDATE audit SET action = 'party.update' WHERE seq = 1");
	verify_path(copy, CORDON_ECORRUPT, 1, 1, "record 1");
}

static void test_edited_with_new_hash(void)
{
	/* an attacker who recomputes the edited record's hash still breaks the next record's link */
	tamper(base, copy, "UPDATE audit SET hash = 'ab' || substr(hash, 3) WHERE seq = 6");
	verify_path(copy, CORDON_ECORRUPT, 6, 6, "record 6 (position 6)");
}

static void test_deleted(void)
{
	tamper(base, copy, "DELETE FROM audit WHERE seq = 4");
	verify_path(copy, CORDON_ECORRUPT, 4, 4, "record 4 is missing");
	/* renumbering the ones after does not hide it: the links are wrong */
	tamper(base, copy, "DELETE FROM audit WHERE seq = 4; UPDATE audit SET seq = seq - 1 WHERE seq > 4");
	verify_path(copy, CORDON_ECORRUPT, 4, 4, "record 4 (position 4) does not chain to record 3");
	/* the newest records: caught by the chain head */
	tamper(base, copy, "DELETE FROM audit WHERE seq >= 11");
	verify_path(copy, CORDON_ECORRUPT, 11, 11, "records 11 to 12 are missing");
	/* and the store refuses to append to a chain whose head is behind its records */
	tamper(base, copy, "UPDATE meta SET value = '3 ' || substr(value, 4) WHERE key = 'audit_head'");
	store *s;
	REQUIRE(store_open(&s, copy) == 0);
	store_party p = {0};
	p.external_id = strdup("P99");
	p.name = strdup("Late Party");
	int outcome;
	CHECK_INT(store_begin(s), 0);
	CHECK_INT(store_party_put(s, &p, &outcome), CORDON_ECORRUPT);
	store_rollback(s);
	store_party_dispose(&p);
	store_close(s);
}

static void test_export(void)
{
	store *s;
	REQUIRE(store_open(&s, base) == 0);
	char path[512];
	snprintf(path, sizeof(path), "%s/audit-export.json", CORDON_TEST_TMP);
	FILE *f = fopen(path, "w");
	REQUIRE(f);
	/* records 3..5 were made on 2026-01-13..15 */
	CHECK_INT(store_audit_export(s, "2026-01-13", "2026-01-15T~", "json", f), 0);
	fclose(f);
	json_error_t err;
	json_t *a = json_load_file(path, 0, &err);
	REQUIRE(json_is_array(a));
	CHECK_INT(json_array_size(a), 3);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(a, 0), "seq")), 3);
	CHECK_STR(json_string_value(json_object_get(json_object_get(json_object_get(json_array_get(a, 2), "content"),
	                                                             "party"),
	                                             "name")),
	          "Party Number 5");
	json_decref(a);
	snprintf(path, sizeof(path), "%s/audit-export.csv", CORDON_TEST_TMP);
	f = fopen(path, "w");
	REQUIRE(f);
	CHECK_INT(store_audit_export(s, NULL, NULL, "csv", f), 0);
	CHECK_INT(store_audit_export(s, NULL, NULL, "xml", f), CORDON_EINVALID);
	fclose(f);
	f = fopen(path, "r");
	REQUIRE(f);
	char line[4096];
	int lines = 0;
	while (fgets(line, sizeof(line), f))
		lines += strncmp(line, "seq,", 4) != 0;
	fclose(f);
	CHECK_INT(lines, RECORDS);
	store_close(s);
}

TEST_MAIN(test_intact, test_edited, test_edited_with_new_hash, test_deleted, test_export)
