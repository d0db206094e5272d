/*
 * Monitoring: between two snapshots built from FtM lines, a party is flagged
 * only when an added or changed entity matches it (not for an unchanged,
 * removed, or only-remarks-changed entity); the hit's score and entity hash
 * are those of a full screening, so a false positive decided on a delta hit
 * clears it in later full screenings; no change means nothing screened.
 */
#include <unistd.h>

#include "cordon.h"
#include "store/import.h"
#include "store/monitor.h"
#include "store/store.h"
#include "fixtures.h"
#include "test.h"

static const char list_a[] =
	"{\"id\": \"ivan\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Ivan Petrenko\"], \"birthDate\": "
	"[\"1970-03-01\"]}, \"target\": true}\n"
	"{\"id\": \"acme\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Acme Trading LLC\"], \"notes\": "
	"[\"first note\"]}, \"target\": true}\n"
	"{\"id\": \"zorro\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Diego de la Vega\"]}, \"target\": true}\n"
	"{\"id\": \"volk\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Volkov Shipping\"]}, \"target\": true}\n";
/* B: Ivan gains an alias, Maria is added, Zorro removed, Acme's notes change (not a field screening
 * reads), Volkov unchanged. */
static const char list_b[] =
	"{\"id\": \"ivan\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Ivan Petrenko\"], \"alias\": "
	"[\"Ivan Petrenko Jr\"], \"birthDate\": [\"1970-03-01\"]}, \"target\": true}\n"
	"{\"id\": \"acme\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Acme Trading LLC\"], \"notes\": "
	"[\"second note\"]}, \"target\": true}\n"
	"{\"id\": \"maria\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Maria Lopez Garcia\"]}, \"target\": "
	"true}\n"
	"{\"id\": \"volk\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Volkov Shipping\"]}, \"target\": true}\n";

static const char parties[] = "id,name,schema,country\n"
                              "C1,Ivan Petrenko,person,UA\n"
                              "C2,Acme Trading,organization,RU\n"
                              "C3,Maria Lopez Garcia,person,ES\n"
                              "C4,Diego de la Vega,person,MX\n"
                              "C5,Volkov Shipping,organization,\n"
                              "C6,Someone Unrelated,person,FR\n";

typedef struct {
	char what[8][40];
	double score[8];
	char hash[8][65];
	char status[8][12];
	int n;
} seen_hits;

static void on_hit(const store_party *p, const store_screening *sc, const store_hit *h, void *payload)
{
	seen_hits *seen = payload;
	if (seen->n >= 8)
		return;
	snprintf(seen->what[seen->n], 40, "%s=%s", p->external_id, h->entity_id);
	seen->score[seen->n] = h->score;
	memcpy(seen->hash[seen->n], h->entity_hash, 65);
	snprintf(seen->status[seen->n], 12, "%s", h->status);
	seen->n++;
}

static int find(const seen_hits *seen, const char *what)
{
	for (int i = 0; i < seen->n; i++)
		if (strcmp(seen->what[i], what) == 0)
			return i;
	return -1;
}

static int full_screen(store *s, const cordon_snapshot *snap, seen_hits *seen)
{
	memset(seen, 0, sizeof(*seen));
	store_screen_options so = {0};
	so.snapshot = snap;
	so.on_hit = on_hit;
	so.payload = seen;
	store_screen_result res;
	return store_screen_parties(s, &so, &res);
}

static void test_delta(void)
{
	cordon_snapshot *a = fixture_ftm_snapshot("monitor-a", list_a), *b = fixture_ftm_snapshot("monitor-b", list_b);
	REQUIRE(a && b);
	char path[512], csv[512];
	snprintf(path, sizeof(path), "%s/store-monitor.db", CORDON_TEST_TMP);
	snprintf(csv, sizeof(csv), "%s/monitor-parties.csv", CORDON_TEST_TMP);
	unlink(path);
	fixture_write_file(csv, parties);
	store *s;
	REQUIRE(store_open(&s, path) == 0);
	store_import_result ir;
	CHECK_INT(store_import_csv(s, csv, NULL, &ir), 0);

	seen_hits seen = {0};
	store_monitor_options opt = {a, b, 0, 0, on_hit, &seen};
	store_monitor_result res;
	CHECK_INT(store_monitor(s, &opt, &res), 0);
	CHECK_INT(res.full, 0);
	CHECK_INT(res.changed, 2); /* ivan (alias), maria (added); acme's notes are not a match field */
	CHECK_INT(res.screen.parties, 6);
	CHECK_INT(res.screen.screenings, 2); /* only parties with a hit are recorded */
	CHECK_INT(seen.n, 2);
	int ivan = find(&seen, "C1=os:ivan"), maria = find(&seen, "C3=os:maria");
	CHECK(ivan >= 0 && maria >= 0);
	CHECK(find(&seen, "C2=os:acme") < 0);
	CHECK(find(&seen, "C5=os:volk") < 0);
	CHECK(find(&seen, "C4=os:zorro") < 0);
	REQUIRE(ivan >= 0 && maria >= 0);
	CHECK_STR(seen.status[maria], "open");

	/* the same scores and entity hashes as a full screening against B */
	seen_hits full;
	CHECK_INT(full_screen(s, b, &full), 0);
	int fm = find(&full, "C3=os:maria");
	REQUIRE(fm >= 0);
	CHECK(seen.score[maria] == full.score[fm]);
	CHECK_STR(seen.hash[maria], full.hash[fm]);
	CHECK(find(&full, "C5=os:volk") >= 0); /* the full screening does see the unchanged entity */

	/* a false positive decided on the delta hit clears it in a later full screening */
	store_decision d = {0};
	d.entity_id = strdup("os:maria");
	d.reviewer = strdup("analyst-2");
	d.reason = strdup("different person, born 1990");
	CHECK_INT(store_decide(s, 0, "C3", &d), 0);
	store_decision_dispose(&d);
	CHECK_INT(full_screen(s, b, &full), 0);
	fm = find(&full, "C3=os:maria");
	REQUIRE(fm >= 0);
	CHECK_STR(full.status[fm], "cleared");

	/* nothing changed: nothing screened, nothing recorded */
	memset(&seen, 0, sizeof(seen));
	store_monitor_options same = {b, b, 0, 0, on_hit, &seen};
	CHECK_INT(store_monitor(s, &same, &res), 0);
	CHECK_INT(res.changed, 0);
	CHECK_INT(res.screen.screenings, 0);
	CHECK_INT(seen.n, 0);

	/* no earlier snapshot: a full screening */
	store_monitor_options first = {NULL, a, 0, 0, NULL, NULL};
	CHECK_INT(store_monitor(s, &first, &res), 0);
	CHECK_INT(res.full, 1);
	CHECK_INT(res.screen.screenings, 6);

	store_audit_report report;
	CHECK_INT(store_audit_verify(s, &report), 0);
	store_close(s);
	cordon_snapshot_free(a);
	cordon_snapshot_free(b);
}

TEST_MAIN(test_delta)
