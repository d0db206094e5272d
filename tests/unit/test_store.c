/*
 * The store: schema migrations (a newer or foreign file refused), and the
 * import of a generated 10,000-party CSV with bad rows reported by line,
 * re-import (unchanged, updated), --strict, and the audit records it wrote.
 */
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include "store/import.h"
#include "store/store.h"
#include "test.h"

static void temp_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", CORDON_TEST_TMP, name);
	char side[600];
	unlink(buf);
	snprintf(side, sizeof(side), "%s-wal", buf);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", buf);
	unlink(side);
}

static int exec_sql(const char *path, const char *sql)
{
	sqlite3 *db;
	int rc = sqlite3_open(path, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

static void test_migrations(void)
{
	char path[512];
	temp_path(path, sizeof(path), "store-migrate.db");
	store *s;
	REQUIRE(store_open(&s, path) == 0);
	char *mode = NULL;
	CHECK_INT(store_meta_get(s, "nothing", &mode), CORDON_ENOTFOUND);
	store_close(s);
	/* reopening an up-to-date store is a no-op */
	REQUIRE(store_open(&s, path) == 0);
	store_close(s);
	/* a store written by a newer program is refused, naming the file */
	CHECK_INT(exec_sql(path, "INSERT INTO schema_version VALUES (99, 'later')"), SQLITE_OK);
	CHECK_INT(store_open(&s, path), CORDON_EVERSION);
	CHECK(strstr(cordon_last_error(), "store-migrate.db") != NULL);
	CHECK(strstr(cordon_last_error(), "99") != NULL);
	/* an SQLite file that is not a store is refused, not migrated */
	temp_path(path, sizeof(path), "store-foreign.db");
	CHECK_INT(exec_sql(path, "CREATE TABLE t (x)"), SQLITE_OK);
	CHECK_INT(store_open(&s, path), CORDON_EINVALID);
	CHECK(strstr(cordon_last_error(), "not a cordon store") != NULL);
	/* not a database at all */
	temp_path(path, sizeof(path), "store-garbage.db");
	FILE *f = fopen(path, "w");
	REQUIRE(f);
	fputs("this is not an SQLite file, but it is long enough to have a header of sorts........\n", f);
	fclose(f);
	CHECK(store_open(&s, path) != 0);
}

static const char *const given[] = {"Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hiro",
                                    "Ines", "Jamal", "Katya", "Luis", "Mona", "Nikolai", "Olga", "Pedro"};
static const char *const family[] = {"Smith", "Ivanova", "Wang", "Petrov", "Garcia", "Haddad", "Kim",
                                     "Tanaka", "Silva", "Okafor", "Novak", "Rossi", "Larsen", "Murphy"};
static const char *const countries[] = {"DE", "France", "us", "JP", "BR", "NG", "", "IN"};

/* The bad rows and the line each lands on (header is line 1, party i on line i + 2 before them). */
static const struct {
	const char *row;
	const char *expect;
} bad_rows[] = {
	{"B-1,,person,DE,1970-01-01,", "field name is empty"},
	{"B-2,Some Name,person,Atlantis,1970,", "unknown country \"Atlantis\""},
	{"B-3,Some Name,person,DE,1970-13-01,", "field birth_date"},
	{"B-4,Some Name,spaceship,DE,1970,", "unknown schema \"spaceship\""},
	{"P00000007,Duplicate Person,person,DE,1970,", "repeats the one on line 9"},
	{"B-6,Too,Few", "3 fields, the header has 6"},
	{"B-7,Some Name,person,DE,1970,starship:123", "unknown identifier kind \"starship\""},
	{",No Id,person,DE,1970,", "field id is empty"},
};
#define PARTIES 10000
#define BAD_EVERY 1250

typedef struct {
	char lines[16][256];
	size_t count;
} errors;

static void collect(const char *message, void *payload)
{
	errors *e = payload;
	if (e->count < 16)
		snprintf(e->lines[e->count], sizeof(e->lines[0]), "%s", message);
	e->count++;
}

/* Writes PARTIES deterministic parties with one bad row after every BAD_EVERY; returns lines of bad rows. */
static void write_parties(const char *path, unsigned long bad_line[], int variant)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, "id,name,schema,country,birth_date,identifiers\n");
	unsigned long line = 1, seed = 12345;
	size_t b = 0;
	for (int i = 0; i < PARTIES; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		unsigned r = (unsigned)(seed >> 33);
		int year = 1940 + (int)(r % 60);
		/* variant 1 changes one party's country, so a re-import updates exactly one */
		const char *country = variant && i == 42 ? "CH" : countries[r % 8];
		fprintf(f, "P%08d,\"%s %s\",person,%s,%d-%02u-%02u,passport:%08u\n", i, given[r % 16], family[(r >> 4) % 14],
		        country, year, 1 + (r >> 8) % 12, 1 + (r >> 12) % 28, r);
		line++;
		if ((i + 1) % BAD_EVERY == 0 && b < sizeof(bad_rows) / sizeof(*bad_rows)) {
			fprintf(f, "%s\n", bad_rows[b].row);
			bad_line[b++] = ++line;
		}
	}
	fclose(f);
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static int64_t count(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t n = -1;
	if (sqlite3_open(path, &db) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

static void test_import_10000(void)
{
	char path[512], csv[512];
	unsigned long bad_line[8] = {0};
	temp_path(path, sizeof(path), "store-import.db");
	snprintf(csv, sizeof(csv), "%s/parties-10000.csv", CORDON_TEST_TMP);
	write_parties(csv, bad_line, 0);
	store *s;
	REQUIRE(store_open(&s, path) == 0);
	errors e = {0};
	store_import_options opt = {0, collect, &e};
	store_import_result res;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(store_import_csv(s, csv, &opt, &res), 0);
	double took = seconds_since(&t0);
	printf("imported %d parties in %.3f s\n", PARTIES, took);
	CHECK(took < 30.0); /* about 0.3 s in a release build; the margin is for sanitizers */
	CHECK_INT(res.rows, PARTIES + 8);
	CHECK_INT(res.inserted, PARTIES);
	CHECK_INT(res.bad_rows, 8);
	CHECK_INT(e.count, 8);
	for (size_t i = 0; i < 8 && i < e.count; i++) {
		char where[600];
		snprintf(where, sizeof(where), "%s:%lu: ", csv, bad_line[i]);
		CHECK(strncmp(e.lines[i], where, strlen(where)) == 0);
		CHECK(strstr(e.lines[i], bad_rows[i].expect) != NULL);
		if (!strstr(e.lines[i], bad_rows[i].expect))
			fprintf(stderr, "  got: %s\n", e.lines[i]);
	}
	CHECK_INT(store_party_count(s), PARTIES);
	store_party p;
	REQUIRE(store_party_find(s, "P00000003", &p) == 0);
	CHECK_STR(p.schema, "person");
	CHECK_INT(strlen(p.content_hash), 64);
	CHECK(strncmp(p.identifiers, "passport:", 9) == 0);
	store_party_dispose(&p);
	/* the same file again changes nothing and writes no audit record */
	CHECK_INT(store_import_csv(s, csv, &opt, &res), 0);
	CHECK_INT(res.unchanged, PARTIES);
	CHECK_INT(res.inserted + res.updated, 0);
	/* one party's country changed: one update, with its hash */
	write_parties(csv, bad_line, 1);
	CHECK_INT(store_import_csv(s, csv, &opt, &res), 0);
	CHECK_INT(res.updated, 1);
	CHECK_INT(res.unchanged, PARTIES - 1);
	REQUIRE(store_party_find(s, "P00000042", &p) == 0);
	CHECK_STR(p.country, "CH");
	store_party_dispose(&p);
	/* --strict: a file with bad rows imports nothing */
	opt.strict = 1;
	write_parties(csv, bad_line, 0);
	CHECK_INT(store_import_csv(s, csv, &opt, &res), CORDON_EPARSE);
	CHECK_INT(res.inserted + res.updated, 0);
	store_audit_report report;
	CHECK_INT(store_audit_verify(s, &report), 0);
	CHECK_INT(report.records, PARTIES + 1);
	store_close(s);
	CHECK_INT(count(path, "SELECT count(*) FROM audit WHERE action = 'party.update'"), 1);
	CHECK_INT(count(path, "SELECT count(*) FROM parties WHERE country = 'CH'"), 1);
}

static void test_import_refusals(void)
{
	char path[512], csv[512];
	temp_path(path, sizeof(path), "store-refuse.db");
	snprintf(csv, sizeof(csv), "%s/parties-noheader.csv", CORDON_TEST_TMP);
	FILE *f = fopen(csv, "w");
	REQUIRE(f);
	fputs("P1,Someone\n", f);
	fclose(f);
	store *s;
	REQUIRE(store_open(&s, path) == 0);
	store_import_result res;
	CHECK_INT(store_import_csv(s, csv, NULL, &res), CORDON_EPARSE);
	CHECK(strstr(cordon_last_error(), ":1:") != NULL);
	CHECK_INT(store_import_csv(s, "/nonexistent/parties.csv", NULL, &res), CORDON_ENOTFOUND);
	f = fopen(csv, "w");
	REQUIRE(f);
	fclose(f);
	CHECK_INT(store_import_csv(s, csv, NULL, &res), CORDON_EPARSE);
	CHECK(strstr(cordon_last_error(), "empty") != NULL);
	CHECK_INT(store_party_count(s), 0);
	store_close(s);
}

/* Every operation of the backend table is filled: store.c calls them without checking. */
static void test_backend_complete(void)
{
	char path[512];
	temp_path(path, sizeof(path), "store-ops.db");
	store *s;
	REQUIRE(store_open(&s, path) == 0);
	const store_backend *b = s->ops;
	CHECK_STR(b->name, "sqlite");
	CHECK(b->close && b->begin && b->commit && b->rollback && b->integrity);
	CHECK(b->party_upsert && b->party_find && b->party_page && b->party_count);
	CHECK(b->screening_insert && b->screening_hit_find && b->case_each);
	CHECK(b->decision_insert && b->decision_find && b->allow_insert && b->allow_find);
	CHECK(b->audit_head && b->audit_insert && b->audit_each && b->meta_get && b->meta_set);
	char problem[64];
	CHECK_INT(store_integrity(s, problem, sizeof(problem)), 0);
	CHECK_STR(problem, "ok");
	store_close(s);
	CHECK_INT(store_open(&s, "postgresql://db/cordon"), CORDON_EINVALID);
	CHECK(strstr(cordon_last_error(), "PostgreSQL") != NULL);
}

TEST_MAIN(test_migrations, test_import_10000, test_import_refusals, test_backend_complete)
