/*
 * Rules packs: each validation error names the file and the JSON path; a small
 * pack shows dates (rules in force, dated group members, the pack's validity),
 * declared requirements, aliases and named conditions at work.
 */
#include <stdio.h>

#include "test_rules_support.h"

#define PACK_HEAD "\"pack\":{\"id\":\"t\",\"version\":\"1\",\"effective\":\"2020-01-01\",\"expires\":\"2030-12-31\"}"
#define GROUPS                                                                                                   \
	"\"groups\":{\"G\":{\"members\":[\"CN\",{\"code\":\"MO\",\"effective\":\"2023-01-18\"}],\"citation\":\"c\"},"  \
	"\"H\":{\"include\":[\"G\"],\"exclude\":[\"X\"],\"citation\":\"c\"},\"X\":{\"members\":[\"MO\"],\"citation\":\"c\"}}"
#define RULE(when, extra)                                                                                        \
	"{\"id\":\"r1\",\"title\":\"t\",\"citation\":\"c\",\"effective\":\"2021-01-01\",\"outcome\":\"license_required\"," \
	"\"when\":" when extra "}"

static const char *write_pack(const char *name, const char *text)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/%s.json", CORDON_TEST_TMP, name);
	FILE *f = fopen(path, "w");
	if (!f)
		return NULL;
	fputs(text, f);
	fclose(f);
	return path;
}

/* The pack fails to load with an error containing the file name, the path and the words. */
static void bad_pack(int line, const char *text, const char *path_in_pack, const char *words)
{
	const char *file = write_pack("bad-pack", text);
	rules_pack *p = NULL;
	char err[512] = "";
	int rc = rules_pack_load(file, &p, err, sizeof(err));
	test_checks++;
	if (rc != -1 || p || !strstr(err, "bad-pack.json") || !strstr(err, path_in_pack) || !strstr(err, words)) {
		test_failures++;
		fprintf(stderr, "line %d: rc %d, error \"%s\", expected \"%s\" and \"%s\"\n", line, rc, err, path_in_pack,
		        words);
	}
	rules_pack_free(p);
}
#define BAD(text, path, words) bad_pack(__LINE__, text, path, words)

static void test_bad_packs(void)
{
	BAD("{\"pack\":", ":1:", "");
	BAD("[]", "$", "JSON object");
	BAD("{" PACK_HEAD ",\"rule\":[]}", "$.rule", "unknown key");
	BAD("{\"rules\":[]}", "pack", "missing");
	BAD("{\"pack\":{\"id\":\"t\",\"version\":\"1\",\"effective\":\"2020-02-30\"},\"rules\":[]}", "pack.effective", "not a date");
	BAD("{\"pack\":{\"id\":\"t\",\"version\":\"1\",\"effective\":\"2020-01-01\",\"expires\":\"2019-01-01\"},\"rules\":[]}",
	    "pack.expires", "before effective");
	BAD("{" PACK_HEAD "}", "rules", "missing");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"destination_in\":\"NOPE\"}", "") "]}", "rules[0].when.destination_in",
	    "unknown group \"NOPE\"");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"destination_in\":[\"XX\"]}", "") "]}", "rules[0].when.destination_in[0]",
	    "no country");
	BAD("{" PACK_HEAD ",\"rules\":[{\"id\":\"r1\",\"title\":\"t\",\"citation\":\"c\",\"effective\":\"2021-01-01\","
	    "\"outcome\":\"forbidden\",\"when\":{\"ccl\":true}}]}",
	    "rules[0].outcome", "must be");
	BAD("{" PACK_HEAD ",\"rules\":[{\"id\":\"r1\",\"title\":\"t\",\"effective\":\"2021-01-01\",\"outcome\":\"review\","
	    "\"when\":{\"ccl\":true}}]}",
	    "rules[0].citation", "missing");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"ccl\":true}", ",\"expires\":\"2020-06-01\"") "]}", "rules[0].expires",
	    "before effective");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"ccl\":true}", ",\"effective_from\":\"2020-06-01\"") "]}",
	    "rules[0].effective_from", "unknown key");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"ccl\":true}", "") "," RULE("{\"ccl\":false}", "") "]}", "rules[1]",
	    "used twice");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"ccl\":true,\"eccn\":[\"3A\"]}", "") "]}", "rules[0].when",
	    "both");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"sky\":\"blue\"}", "") "]}", "rules[0].when", "is no condition");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"param\":\"tpp\",\"ge\":\"4800\"}", "") "]}", "rules[0].when.ge",
	    "must be a number");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"param\":\"tpp\"}", "") "]}", "rules[0].when", "needs a comparison");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"all\":[{\"ccl\":true},{\"hs_in\":\"CHPL\"}]}", "") "]}",
	    "rules[0].when.all[1].hs_in", "unknown HS list");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"classified\":[\"3A090.a\"]}", "") "]}", "rules[0].when.classified[0]",
	    "no classification entry");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"ref\":\"nothing\"}", "") "]}", "rules[0].when.ref", "unknown condition");
	BAD("{" PACK_HEAD ",\"conditions\":{\"a\":{\"ref\":\"b\"},\"b\":{\"ref\":\"a\"}},\"rules\":[]}", "conditions.a",
	    "cycle");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"party\":{\"tags_any\":[\"csl:EL\"],\"score_ge\":2}}", "") "]}",
	    "rules[0].when.party.score_ge", "from 0 to 1");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"party\":{\"roles\":[\"buyer\"]}}", "") "]}", "rules[0].when.party",
	    "needs country_in");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"end_use_in\":[\"peaceful\"]}", "") "]}", "rules[0].when.end_use_in[0]",
	    "unknown end use");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"ccl\":true}", ",\"requires\":[\"colour\"]") "]}", "rules[0].requires[0]",
	    "unknown fact");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"ccl\":true}", ",\"per\":\"country\"") "]}", "rules[0].per", "must be");
	BAD("{" PACK_HEAD ",\"groups\":{\"G\":{\"members\":[\"ZZ\"],\"citation\":\"c\"}},\"rules\":[]}", "groups.G.members[0]",
	    "ZZ");
	BAD("{" PACK_HEAD ",\"groups\":{\"G\":{\"members\":[\"CN\"]}},\"rules\":[]}", "groups.G.citation", "missing");
	BAD("{" PACK_HEAD ",\"groups\":{\"G\":{\"include\":[\"H\"],\"citation\":\"c\"},\"H\":{\"include\":[\"G\"],\"citation\":\"c\"}},"
	    "\"rules\":[]}",
	    "groups.G", "includes or excludes itself");
	BAD("{" PACK_HEAD ",\"groups\":{\"G\":{\"members\":[{\"code\":\"CN\",\"effective\":\"soon\"}],\"citation\":\"c\"}},\"rules\":[]}",
	    "groups.G.members[0].effective", "not a date");
	BAD("{" PACK_HEAD ",\"hs_lists\":{\"L\":{\"citation\":\"c\",\"entries\":[{\"hs6\":\"8542\"}]}},\"rules\":[]}",
	    "hs_lists.L.entries[0].hs6", "six digits");
	BAD("{" PACK_HEAD ",\"aliases\":{\"HK\":\"Hong Kong\"},\"rules\":[]}", "aliases.HK", "alpha-2");
	BAD("{" PACK_HEAD ",\"classifications\":[{\"id\":\"e\",\"eccn\":\"3a090.a\",\"title\":\"t\",\"citation\":\"c\","
	    "\"effective\":\"2020-01-01\",\"when\":{\"param\":\"tpp\",\"ge\":1}}],\"rules\":[]}",
	    "classifications[0].eccn", "as the CCL writes it");
	BAD("{" PACK_HEAD ",\"rules\":[" RULE("{\"facility\":\"gate_length\",\"le\":3}", "") "]}", "rules[0].when.facility",
	    "unknown facility field");
}

#define SMALL_PACK                                                                                               \
	"{" PACK_HEAD ",\"aliases\":{\"HK\":\"CN\"}," GROUPS ","                                                   \
	"\"conditions\":{\"fast\":{\"param\":\"tpp\",\"ge\":4800}},"                                               \
	"\"classifications\":[{\"id\":\"e\",\"eccn\":\"3A090.a\",\"title\":\"t\",\"citation\":\"c\",\"effective\":\"2022-01-01\"," \
	"\"when\":{\"ref\":\"fast\"}}],"                                                                           \
	"\"rules\":["                                                                                              \
	"{\"id\":\"to-g\",\"title\":\"to G\",\"citation\":\"cite G\",\"effective\":\"2021-01-01\",\"expires\":\"2024-12-31\","   \
	"\"outcome\":\"license_required\",\"when\":{\"all\":[{\"destination_in\":\"G\"},{\"classified\":[\"3A090.a\"]}]}}," \
	"{\"id\":\"to-h\",\"title\":\"to H\",\"citation\":\"cite H\",\"effective\":\"2021-01-01\",\"outcome\":\"review\","     \
	"\"requires\":[\"end_use\"],\"when\":{\"destination_in\":\"H\"}}]}"

static int small_eval(rules_pack *p, const char *date, const char *dest, const char *end_use, rules_result *r)
{
	char text[1024];
	snprintf(text, sizeof(text),
	         "{\"date\":\"%s\",\"destination\":\"%s\"%s,\"parties\":[{\"role\":\"buyer\",\"name\":\"B\"}],"
	         "\"items\":[{\"eccn\":\"EAR99\",\"parameters\":{\"tpp\":5000}}]}",
	         date, dest, end_use);
	txn t;
	char err[256];
	if (txn_text(text, &t) || rules_evaluate(p, &t, r, err, sizeof(err))) {
		txn_free(&t);
		return -1;
	}
	txn_free(&t);
	return (int)r->decision;
}

static void test_small_pack(void)
{
	rules_pack *p;
	char err[512];
	const char *file = write_pack("small-pack", SMALL_PACK);
	int rc = rules_pack_load(file, &p, err, sizeof(err));
	if (rc)
		fprintf(stderr, "%s\n", err);
	REQUIRE(rc == 0);
	CHECK_STR(rules_pack_id(p), "t");
	CHECK_STR(rules_pack_version(p), "1");
	rules_result r;
	const char *civil = ",\"end_use\":{\"category\":\"civil\"}";
	/* in force: licence; HK counts as CN */
	CHECK_INT(small_eval(p, "2024-06-01", "CN", civil, &r), RULES_LICENSE_REQUIRED);
	CHECK(fired(&r, "to-g", RULES_LICENSE_REQUIRED));
	rules_result_free(&r);
	CHECK_INT(small_eval(p, "2024-06-01", "HK", civil, &r), RULES_LICENSE_REQUIRED);
	rules_result_free(&r);
	/* the rule expired */
	CHECK_INT(small_eval(p, "2025-06-01", "CN", civil, &r), RULES_REVIEW);
	CHECK(!fired(&r, "to-g", RULES_LICENSE_REQUIRED));
	rules_result_free(&r);
	/* a dated member: MO only from 2023-01-18 */
	CHECK_INT(small_eval(p, "2023-01-10", "MO", civil, &r), RULES_CLEAR);
	rules_result_free(&r);
	CHECK_INT(small_eval(p, "2023-01-20", "MO", civil, &r), RULES_LICENSE_REQUIRED);
	/* H includes G but excludes X (MO) */
	CHECK(!fired(&r, "to-h", RULES_REVIEW));
	rules_result_free(&r);
	/* a declared requirement that is missing: review naming it */
	CHECK_INT(small_eval(p, "2025-06-01", "CN", "", &r), RULES_REVIEW);
	const rules_finding *f = finding(&r, "to-h");
	CHECK(f && strcmp(json_string_value(json_object_get(f->facts, "message")), "review: missing end_use") == 0);
	rules_result_free(&r);
	/* outside the pack's validity */
	CHECK_INT(small_eval(p, "2031-01-01", "DE", civil, &r), RULES_REVIEW);
	CHECK(fired(&r, "pack-validity", RULES_REVIEW));
	rules_result_free(&r);
	rules_pack_free(p);
}

static void test_default_pack_loads(void)
{
	rules_pack *p = default_pack();
	CHECK_STR(rules_pack_id(p), "cordon-default");
	CHECK(rules_pack_version(p) != NULL);
	rules_pack *q;
	char err[256];
	CHECK_INT(rules_pack_load(CORDON_TEST_TMP "/no-such-pack.json", &q, err, sizeof(err)), -1);
	CHECK(strstr(err, "no-such-pack.json") != NULL);
	CHECK(q == NULL);
}

/* Every rule of the default pack cites the reference; a rule marked UNCONFIRMED only asks for review. */
static void test_default_pack_policy(void)
{
	json_t *doc = json_load_file(DEFAULT_PACK, 0, NULL);
	REQUIRE(doc);
	json_t *r;
	size_t i;
	json_array_foreach(json_object_get(doc, "rules"), i, r)
	{
		const char *id = json_string_value(json_object_get(r, "id"));
		const char *citation = json_string_value(json_object_get(r, "citation"));
		const char *confidence = json_string_value(json_object_get(r, "confidence"));
		const char *outcome = json_string_value(json_object_get(r, "outcome"));
		test_checks++;
		if (!citation || !strstr(citation, "reference export-controls.md §")) {
			test_failures++;
			fprintf(stderr, "rule %s does not cite the reference\n", id);
		}
		test_checks++;
		if (confidence && strcmp(confidence, "UNCONFIRMED") == 0 && strcmp(outcome, "review") != 0) {
			test_failures++;
			fprintf(stderr, "rule %s is UNCONFIRMED but answers %s\n", id, outcome);
		}
	}
	CHECK(i > 40);
	json_decref(doc);
}

TEST_MAIN(test_bad_packs, test_small_pack, test_default_pack_loads, test_default_pack_policy)
