/*
 * Decisions and the allow-list across list changes, on two small snapshots
 * built from FtM lines: a false positive clears the same party against the
 * same entity later, stops clearing when the listed entity's content changes
 * or the party's does; a true match is carried as confirmed; cases list
 * shows exactly the open, undecided hits; the audit chain holds throughout.
 */
#include <unistd.h>

#include "cordon.h"
#include "store/import.h"
#include "store/screen.h"
#include "store/store.h"
#include "fixtures.h"
#include "test.h"

/* Version A of the list. */
static const char list_a[] =
	"{\"id\": \"ivan\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Ivan Petrenko\"], \"birthDate\": "
	"[\"1970-03-01\"]}, \"target\": true}\n"
	"{\"id\": \"acme\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Acme Trading LLC\"], \"country\": "
	"[\"ru\"]}, \"target\": true}\n"
	"{\"id\": \"zorro\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Diego de la Vega\"]}, \"target\": true}\n";
/* Version B: Ivan gains an alias (content changed), Acme and Zorro are unchanged. */
static const char list_b[] =
	"{\"id\": \"ivan\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Ivan Petrenko\"], \"alias\": "
	"[\"Ivan Petrenko Jr\"], \"birthDate\": [\"1970-03-01\"]}, \"target\": true}\n"
	"{\"id\": \"acme\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Acme Trading LLC\"], \"country\": "
	"[\"ru\"]}, \"target\": true}\n"
	"{\"id\": \"zorro\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Diego de la Vega\"]}, \"target\": true}\n";

static const char parties_v1[] = "id,name,schema,country,birth_date\n"
                                 "C1,Ivan Petrenko,person,UA,1970\n"
                                 "C2,Acme Trading,organization,RU,\n"
                                 "C3,Maria Lopez,person,ES,1985\n"
                                 "C4,Diego de la Vega,person,MX,\n";
/* C2's country corrected: its content hash changes. */
static const char parties_v2[] = "id,name,schema,country,birth_date\n"
                                 "C1,Ivan Petrenko,person,UA,1970\n"
                                 "C2,Acme Trading,organization,CY,\n"
                                 "C3,Maria Lopez,person,ES,1985\n"
                                 "C4,Diego de la Vega,person,MX,\n";

static void import(store *s, const char *text)
{
	char csv[512];
	snprintf(csv, sizeof(csv), "%s/decisions-parties.csv", CORDON_TEST_TMP);
	fixture_write_file(csv, text);
	store_import_result res;
	CHECK_INT(store_import_csv(s, csv, NULL, &res), 0);
	CHECK_INT(res.bad_rows, 0);
}

/* Status of party's hit on entity in the last screening run, "" when not hit. */
typedef struct {
	char party[8][8];
	char entity[8][16];
	char status[8][12];
	int64_t screening[8];
	int n;
} hits_seen;

static void on_hit(const store_party *p, const store_screening *sc, const store_hit *h, void *payload)
{
	hits_seen *seen = payload;
	if (seen->n >= 8)
		return;
	snprintf(seen->party[seen->n], 8, "%s", p->external_id);
	snprintf(seen->entity[seen->n], 16, "%s", h->entity_id);
	snprintf(seen->status[seen->n], 12, "%s", h->status);
	seen->screening[seen->n] = sc->id;
	seen->n++;
}

static const char *status_of(const hits_seen *seen, const char *party, const char *entity)
{
	for (int i = 0; i < seen->n; i++)
		if (strcmp(seen->party[i], party) == 0 && strcmp(seen->entity[i], entity) == 0)
			return seen->status[i];
	return "";
}

static int64_t screening_of(const hits_seen *seen, const char *party)
{
	for (int i = 0; i < seen->n; i++)
		if (strcmp(seen->party[i], party) == 0)
			return seen->screening[i];
	return 0;
}

static void screen(store *s, const cordon_snapshot *snap, hits_seen *seen)
{
	memset(seen, 0, sizeof(*seen));
	store_screen_options opt = {0};
	opt.snapshot = snap;
	opt.on_hit = on_hit;
	opt.payload = seen;
	store_screen_result res;
	CHECK_INT(store_screen_parties(s, &opt, &res), 0);
	CHECK_INT(res.parties, 4);
}

static int count_case(const store_case *c, void *payload)
{
	int *n = payload;
	(*n)++;
	return 0;
}

static int open_cases(store *s)
{
	int n = 0;
	CHECK_INT(store_case_each(s, count_case, &n), 0);
	return n;
}

static int decide(store *s, int64_t screening, const char *party, const char *entity, int true_match)
{
	store_decision d = {0};
	d.entity_id = strdup(entity);
	d.reviewer = strdup("analyst-1");
	d.reason = strdup(true_match ? "same date of birth and nationality" : "different company");
	d.true_match = true_match;
	int rc = store_decide(s, screening, party, &d);
	store_decision_dispose(&d);
	return rc;
}

static void test_allow_list_across_changes(void)
{
	cordon_snapshot *a = fixture_ftm_snapshot("decisions-a", list_a), *b = fixture_ftm_snapshot("decisions-b", list_b);
	REQUIRE(a && b);
	char path[512];
	snprintf(path, sizeof(path), "%s/store-decisions.db", CORDON_TEST_TMP);
	unlink(path);
	store *s;
	REQUIRE(store_open(&s, path) == 0);
	import(s, parties_v1);
	hits_seen seen;

	/* first screening: three open hits, Maria Lopez none */
	screen(s, a, &seen);
	CHECK_STR(status_of(&seen, "C1", "os:ivan"), "open");
	CHECK_STR(status_of(&seen, "C2", "os:acme"), "open");
	CHECK_STR(status_of(&seen, "C4", "os:zorro"), "open");
	CHECK_STR(status_of(&seen, "C3", "os:ivan"), "");
	CHECK_INT(open_cases(s), 3);

	/* C2 x acme is a false positive (by party), Zorro too (by screening number) */
	CHECK_INT(decide(s, 0, "C2", "os:acme", 0), 0);
	CHECK_INT(decide(s, screening_of(&seen, "C4"), NULL, "os:zorro", 0), 0);
	CHECK_INT(open_cases(s), 1);
	/* a decision on a hit that does not exist is refused */
	CHECK_INT(decide(s, 0, "C3", "os:acme", 0), CORDON_ENOTFOUND);
	CHECK_INT(decide(s, 0, "nobody", "os:acme", 0), CORDON_ENOTFOUND);

	/* same list, same parties: the false positives are cleared automatically */
	screen(s, a, &seen);
	CHECK_STR(status_of(&seen, "C2", "os:acme"), "cleared");
	CHECK_STR(status_of(&seen, "C4", "os:zorro"), "cleared");
	CHECK_STR(status_of(&seen, "C1", "os:ivan"), "open");
	CHECK_INT(open_cases(s), 1);

	/* C1 x ivan is a true match: confirmed on the next screening, no longer a case */
	CHECK_INT(decide(s, 0, "C1", "os:ivan", 1), 0);
	CHECK_INT(open_cases(s), 0);

	/* list B changes Ivan's entry: the earlier true match no longer covers it, it is open again;
	 * Acme and Zorro are unchanged: still cleared */
	screen(s, b, &seen);
	CHECK_STR(status_of(&seen, "C1", "os:ivan"), "open");
	CHECK_STR(status_of(&seen, "C2", "os:acme"), "cleared");
	CHECK_STR(status_of(&seen, "C4", "os:zorro"), "cleared");
	CHECK_INT(open_cases(s), 1);

	/* C2's own details change: the allow-list entry no longer applies to it; Zorro still cleared */
	import(s, parties_v2);
	screen(s, b, &seen);
	CHECK_STR(status_of(&seen, "C2", "os:acme"), "open");
	CHECK_STR(status_of(&seen, "C4", "os:zorro"), "cleared");
	CHECK_INT(open_cases(s), 2);

	/* a false positive on list B's Ivan clears him on B, and the previous true match stays on record */
	CHECK_INT(decide(s, 0, "C1", "os:ivan", 0), 0);
	CHECK_INT(decide(s, 0, "C2", "os:acme", 0), 0);
	CHECK_INT(open_cases(s), 0);
	screen(s, b, &seen);
	CHECK_STR(status_of(&seen, "C1", "os:ivan"), "cleared");
	CHECK_STR(status_of(&seen, "C2", "os:acme"), "cleared");

	store_audit_report report;
	CHECK_INT(store_audit_verify(s, &report), 0);
	/* 4 inserts + 1 update, 5 screenings of the 4 parties, 5 decisions (the refused two leave nothing) */
	CHECK_INT(report.records, 4 + 1 + 5 * 4 + 5);
	store_close(s);
	cordon_snapshot_free(a);
	cordon_snapshot_free(b);
}

/* An ad-hoc screening (no stored party): a case until decided; a false positive on it allow-lists nothing. */
static void test_ad_hoc(void)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/store-adhoc.db", CORDON_TEST_TMP);
	unlink(path);
	store *s;
	REQUIRE(store_open(&s, path) == 0);
	store_screening sc = {0};
	sc.input_json = strdup("{\"name\":\"Ivan Petrenko\"}");
	sc.snapshot_checksum = strdup("0123456789abcdef");
	snprintf(sc.kind, sizeof(sc.kind), "full");
	sc.hits = calloc(1, sizeof(*sc.hits));
	sc.hit_count = 1;
	sc.hits[0].entity_id = strdup("os:ivan");
	sc.hits[0].score = 0.97;
	memset(sc.hits[0].entity_hash, 'a', 64);
	CHECK_INT(store_screening_classify(s, &sc), 0);
	CHECK_STR(sc.hits[0].status, "open");
	CHECK_INT(store_begin(s), 0);
	CHECK_INT(store_screening_put(s, &sc), 0);
	CHECK_INT(store_commit(s), 0);
	CHECK_INT(open_cases(s), 1);
	CHECK_INT(decide(s, sc.id, NULL, "os:ivan", 0), 0);
	CHECK_INT(open_cases(s), 0);
	store_screening_dispose(&sc);
	store_audit_report report;
	CHECK_INT(store_audit_verify(s, &report), 0);
	CHECK_INT(report.records, 2);
	store_close(s);
}

TEST_MAIN(test_allow_list_across_changes, test_ad_hoc)
