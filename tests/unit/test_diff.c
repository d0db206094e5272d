/* diff/: two snapshots built from tests/data/diff/{old,new}.ftm.json, compared. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cordon.h"
#include "diff/diff.h"
#include "test.h"

static char old_path[1024], new_path[1024];

static int build(const char *fixture, const char *out)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/diff/%s", CORDON_TEST_FIXTURES, fixture);
	cordon_source src = {"t", "ftm", path};
	return cordon_snapshot_build(&src, 1, out, NULL, NULL, NULL);
}

static int open_both(cordon_snapshot **o, cordon_snapshot **n)
{
	*o = *n = NULL;
	if (cordon_snapshot_open(o, old_path) != 0 || cordon_snapshot_open(n, new_path) != 0) {
		cordon_snapshot_free(*o);
		return -1;
	}
	return 0;
}

/* The ids of new-snapshot indexes, joined with spaces in index order. */
static void ids_of(const cordon_snapshot *snap, const size_t *idx, size_t n, char *out, size_t size)
{
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		cordon_entity e;
		if (cordon_snapshot_entity(snap, idx[i], &e) != 0)
			continue;
		snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? " " : "", e.id);
		cordon_entity_dispose(&e);
	}
}

static void test_setup(void)
{
	snprintf(old_path, sizeof(old_path), "%s/test_diff_old.cordonsnap", CORDON_TEST_TMP);
	snprintf(new_path, sizeof(new_path), "%s/test_diff_new.cordonsnap", CORDON_TEST_TMP);
	CHECK_INT(build("old.ftm.json", old_path), 0);
	CHECK_INT(build("new.ftm.json", new_path), 0);
}

static void test_added_or_changed(void)
{
	cordon_snapshot *o, *n;
	REQUIRE(open_both(&o, &n) == 0);
	size_t *idx = NULL, count = 0;
	char ids[512];
	/* every field: the new company and the person whose alias and birth date changed, not the reordered one */
	CHECK_INT(cdiff_added_or_changed(o, n, CDIFF_ALL_FIELDS, &idx, &count), 0);
	ids_of(n, idx, count, ids, sizeof(ids));
	CHECK_STR(ids, "t:p-changed t:c-added");
	for (size_t i = 1; i < count; i++)
		CHECK(idx[i - 1] < idx[i]);
	free(idx);
	/* only titles count: the change to p-changed no longer does, the added entity still does */
	CHECK_INT(cdiff_added_or_changed(o, n, CDIFF_BIT(CDIFF_TITLES), &idx, &count), 0);
	ids_of(n, idx, count, ids, sizeof(ids));
	CHECK_STR(ids, "t:c-added");
	free(idx);
	/* birth dates alone are enough to select it */
	CHECK_INT(cdiff_added_or_changed(o, n, CDIFF_BIT(CDIFF_BIRTH_DATES), &idx, &count), 0);
	ids_of(n, idx, count, ids, sizeof(ids));
	CHECK_STR(ids, "t:p-changed t:c-added");
	free(idx);
	/* no old snapshot: everything is new */
	CHECK_INT(cdiff_added_or_changed(NULL, n, CDIFF_MATCH_FIELDS, &idx, &count), 0);
	CHECK_INT(count, 4);
	free(idx);
	/* a snapshot against itself: nothing */
	CHECK_INT(cdiff_added_or_changed(n, n, CDIFF_ALL_FIELDS, &idx, &count), 0);
	CHECK_INT(count, 0);
	free(idx);
	cordon_snapshot_free(o);
	cordon_snapshot_free(n);
}

static const char expected_text[] =
	"old: OLD\nnew: NEW\n\n"
	"dataset             old      new    added  removed  changed unchanged\n"
	"t                     4        4        1        1        1         2\n"
	"total                 4        4        1        1        1         2\n"
	"\nadded (1):\n"
	"  + t:c-added  organization  Newco Trading LLC\n"
	"\nremoved (1):\n"
	"  - t:p-removed  person  Olga Removed\n"
	"\nchanged (1):\n"
	"  ~ t:p-changed  person  Petr Changed\n"
	"      aliases: Pyotr Changed [aka] -> Piotr Changed [aka]\n"
	"      birth_dates: 1960-01-01 -> 1961-02-03\n"
	/* a long value is shown from 40 bytes before its first difference, 200 bytes at most */
	"      remarks: \xE2\x80\xA6several times; the vessel owner since 2019; the vessels were renamed, reflagged "
	"and sold between related companies, and their transponders were switched off near the ports of call; "
	"payments went throu\xE2\x80\xA6 -> \xE2\x80\xA6several times; the vessel owner since 2021; the vessels were "
	"renamed, reflagged and sold between related companies, and their transponders were switched off near the "
	"ports of call; payments went throu\xE2\x80\xA6\n";

static void test_report(void)
{
	cordon_snapshot *o, *n;
	REQUIRE(open_both(&o, &n) == 0);
	cdiff_result r;
	REQUIRE(cdiff_compute(o, n, NULL, &r) == 0);
	CHECK_INT(r.total.added, 1);
	CHECK_INT(r.total.removed, 1);
	CHECK_INT(r.total.changed, 1);
	CHECK_INT(r.total.unchanged, 2);
	REQUIRE(r.count == 3);
	const cdiff_entry *c = &r.entries[2];
	CHECK_STR(c->id, "t:p-changed");
	CHECK_INT(c->fields, CDIFF_BIT(CDIFF_ALIASES) | CDIFF_BIT(CDIFF_BIRTH_DATES) | CDIFF_BIT(CDIFF_REMARKS));
	CHECK(c->old_index != CDIFF_NO_INDEX && c->new_index != CDIFF_NO_INDEX);
	CHECK(r.entries[1].new_index == CDIFF_NO_INDEX);
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	REQUIRE(mem != NULL);
	cdiff_write_text(&r, "OLD", "NEW", mem);
	fclose(mem);
	CHECK_STR(text, expected_text);
	free(text);
	char *json = NULL;
	CHECK_INT(cdiff_to_json(&r, "OLD", "NEW", &json), 0);
	CHECK(json && strstr(json, "\"birth_dates\": {\n          \"removed\": [\n            \"1960-01-01\""));
	free(json);
	cdiff_result_dispose(&r);
	/* the dataset filter keeps nothing of another dataset */
	cdiff_options opt = {.dataset = "other"};
	REQUIRE(cdiff_compute(o, n, &opt, &r) == 0);
	CHECK_INT(r.count, 0);
	CHECK_INT(r.total.unchanged, 0);
	cdiff_result_dispose(&r);
	cordon_snapshot_free(o);
	cordon_snapshot_free(n);
}

/* A long value is shown around its first difference, cut at a character boundary. */
static void test_long_values(void)
{
	cordon_snapshot *o, *n;
	REQUIRE(open_both(&o, &n) == 0);
	cdiff_options opt = {.max_value = 4};
	cdiff_result r;
	REQUIRE(cdiff_compute(o, n, &opt, &r) == 0);
	REQUIRE(r.count == 3 && r.entries[2].change_count == 3);
	const cdiff_change *ch = &r.entries[2].changes[1];
	CHECK_INT(ch->field, CDIFF_BIRTH_DATES);
	CHECK_STR(ch->removed[0], "1960\xE2\x80\xA6");
	cdiff_result_dispose(&r);
	cordon_snapshot_free(o);
	cordon_snapshot_free(n);
}

/* Two values that show the same text (they differ in a part the short form leaves out) are shown in full. */
static void test_same_display(void)
{
	const char *removed[] = {"PETROV, Ivan [aka]\x1fgiven=Ivan\x1f" "family=PETROV"};
	const char *added[] = {"PETROV, Ivan [aka]\x1fgiven=PETROV\x1f" "family=Ivan", "Vanya [aka]\x1fgiven=Vanya"};
	cdiff_change change = {CDIFF_ALIASES, removed, 1, added, 2};
	cdiff_entry entry = {.kind = CDIFF_CHANGED, .id = "t:1", .dataset = "t", .name = "PETROV, Ivan",
	                     .schema = CORDON_SCHEMA_PERSON, .fields = CDIFF_BIT(CDIFF_ALIASES), .changes = &change,
	                     .change_count = 1};
	cdiff_counts t = {"t", 1, 1, 0, 0, 1, 0};
	cdiff_result r = {.entries = &entry, .count = 1, .datasets = &t, .dataset_count = 1, .total = t};
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	REQUIRE(mem != NULL);
	cdiff_write_text(&r, "A", "B", mem);
	fclose(mem);
	CHECK(text && strstr(text, "      aliases:\n"
	                           "        - PETROV, Ivan [aka]; given=Ivan; family=PETROV\n"
	                           "        + PETROV, Ivan [aka]; given=PETROV; family=Ivan\n"
	                           "        + Vanya [aka]\n"));
	free(text);
}

TEST_MAIN(test_setup, test_added_or_changed, test_report, test_long_values, test_same_display)
