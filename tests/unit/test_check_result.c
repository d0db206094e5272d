/*
 * Assembling a check's result from screened parties and findings made here by
 * hand (so that it does not depend on a pack's content): the decision as the
 * most severe part, reasons by severity, party and item determinations, a hit
 * no rule speaks about as review, the evaluator's item objects kept, the report.
 */
#include "check/internal.h"
#include "lib/internal.h"
#include "model/entity_build.h"
#include "test.h"

static cordon_snapshot *snap;

static void setup(void)
{
	cm_entity *e[2];
	e[0] = cm_entity_new("os", "unmanned", CORDON_SCHEMA_ORGANIZATION);
	cm_add_name(e[0], CORDON_NAME_PRIMARY, 0, "Limited Liability Company Unmanned Systems", NULL, NULL, NULL);
	cm_add_name(e[0], CORDON_NAME_AKA, 0, "ООО Беспилотные системы", NULL, NULL, NULL);
	cm_add_program(e[0], "US-BIS-EL");
	e[1] = cm_entity_new("un", "KPe.023", CORDON_SCHEMA_ORGANIZATION);
	cm_add_name(e[1], CORDON_NAME_PRIMARY, 0, "DAEDONG CREDIT BANK", NULL, NULL, NULL);
	const cordon_entity *list[2] = {&e[0]->e, &e[1]->e};
	char path[512];
	snprintf(path, sizeof(path), "%s/check-result.cordonsnap", CORDON_TEST_TMP);
	CHECK_INT(clib_write_snapshot(list, 2, "{\"sources\":[]}", path, 1), 0);
	for (int i = 0; i < 2; i++)
		cm_entity_free(e[i]);
	CHECK_INT(cordon_snapshot_open(&snap, path), 0);
}

static const char shipment[] =
	"{\"id\": \"T-2\", \"date\": \"2024-05-02\", \"destination\": \"AM\", \"end_use\": {\"category\": \"unknown\"},"
	" \"parties\": ["
	"  {\"role\": \"buyer\", \"name\": \"Ararat Electronic Components LLC\", \"country\": \"AM\"},"
	"  {\"role\": \"end_user\", \"name\": \"ООО «Беспилотные системы»\", \"country\": \"RU\"},"
	"  {\"role\": \"bank\", \"name\": \"Daedong Credit Bank\"}],"
	" \"items\": [{\"line\": 1, \"description\": \"GPU\", \"hs_code\": \"8473.30\", \"eccn\": \"3A090.a\"},"
	"            {\"line\": 2, \"description\": \"Capacitors\", \"hs_code\": \"8532.24\"}]}";

static rules_finding finding(const char *id, rules_outcome o, long line, long party)
{
	rules_finding f;
	memset(&f, 0, sizeof(f));
	f.rule_id = id;
	f.title = id;
	f.citation = "15 CFR test";
	f.outcome = o;
	f.item_line = line;
	f.party_index = party;
	f.facts = json_pack("{s:s}", "rule", id);
	return f;
}

static json_t *assemble(rules_finding *findings, size_t n, json_t *items)
{
	json_error_t jerr;
	json_t *j = json_loads(shipment, 0, &jerr);
	txn t;
	char err[256] = "";
	CHECK_INT(txn_from_json(j, &t, err, sizeof(err)), 0);
	json_decref(j);
	json_t *parties = json_array();
	check_options opt = CHECK_OPTIONS_INIT;
	CHECK_INT(check_screen_parties(snap, &t, &opt, parties, err, sizeof(err)), CHECK_OK);
	rules_result rr = {RULES_CLEAR, findings, n, items};
	for (size_t i = 0; i < n; i++)
		if (findings[i].outcome > rr.decision)
			rr.decision = findings[i].outcome;
	check_context ctx = {"test-pack", "1.2.3", snap, opt.threshold};
	json_t *result = check_result_json(&t, parties, &rr, &ctx);
	for (size_t i = 0; i < n; i++)
		json_decref(findings[i].facts);
	json_decref(items);
	txn_free(&t);
	return result;
}

static const char *s_at(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void test_decision_and_determinations(void)
{
	REQUIRE(snap);
	rules_finding f[3] = {finding("t.item-licence", RULES_LICENSE_REQUIRED, 1, -1),
	                      finding("t.chpl", RULES_REVIEW, 2, -1), finding("t.listed-end-user", RULES_BLOCK, 0, 1)};
	json_t *items = json_pack("[{s:i,s:s,s:s}]", "line", 1, "classification", "3A090.a", "determination",
	                          "license_required");
	json_t *r = assemble(f, 3, items);
	REQUIRE(r);
	CHECK_STR(s_at(r, "decision"), "block");
	CHECK_INT(check_decision(r), RULES_BLOCK);

	json_t *reasons = json_object_get(r, "reasons");
	/* three findings and the bank's hit that no rule spoke about */
	REQUIRE(json_array_size(reasons) == 4);
	CHECK_STR(s_at(json_array_get(reasons, 0), "rule"), "t.listed-end-user");
	CHECK_STR(s_at(json_array_get(reasons, 1), "rule"), "t.item-licence");
	CHECK_STR(s_at(json_array_get(reasons, 0), "citation"), "15 CFR test");
	CHECK_STR(s_at(json_object_get(json_array_get(reasons, 0), "facts"), "rule"), "t.listed-end-user");
	CHECK_STR(s_at(json_object_get(json_array_get(reasons, 0), "party"), "role"), "end_user");
	int unresolved = 0;
	for (size_t i = 0; i < json_array_size(reasons); i++) {
		json_t *x = json_array_get(reasons, i);
		if (strcmp(s_at(x, "rule"), "cordon.screening.unresolved-match") == 0) {
			unresolved++;
			CHECK_STR(s_at(x, "outcome"), "review");
			CHECK_STR(s_at(json_object_get(x, "party"), "role"), "bank");
		}
	}
	CHECK_INT(unresolved, 1);

	json_t *parties = json_object_get(r, "parties");
	CHECK_STR(s_at(json_array_get(parties, 0), "determination"), "clear");
	CHECK_INT(json_array_size(json_object_get(json_array_get(parties, 0), "hits")), 0);
	CHECK_STR(s_at(json_array_get(parties, 1), "determination"), "block");
	CHECK_STR(s_at(json_array_get(json_object_get(json_array_get(parties, 1), "rules"), 0), "id"), "t.listed-end-user");
	CHECK_STR(s_at(json_array_get(parties, 2), "determination"), "review");

	json_t *it = json_object_get(r, "items");
	REQUIRE(json_array_size(it) == 2);
	CHECK_STR(s_at(json_array_get(it, 0), "classification"), "3A090.a"); /* the evaluator's own */
	CHECK_STR(s_at(json_array_get(it, 0), "determination"), "license_required");
	CHECK_STR(s_at(json_array_get(json_object_get(json_array_get(it, 0), "rules"), 0), "citation"), "15 CFR test");
	CHECK_STR(s_at(json_array_get(it, 1), "determination"), "review");
	CHECK_STR(s_at(json_array_get(it, 1), "hs_code"), "853224");

	json_t *prov = json_object_get(r, "provenance");
	CHECK_STR(s_at(json_object_get(prov, "rules_pack"), "version"), "1.2.3");
	CHECK_STR(s_at(json_object_get(r, "shipment"), "date"), "2024-05-02");
	json_decref(r);
}

/* no findings and no hits: clear; a hit with no finding alone makes it review */
static void test_clear_only_without_hits(void)
{
	REQUIRE(snap);
	json_t *r = assemble(NULL, 0, NULL);
	REQUIRE(r);
	CHECK_STR(s_at(r, "decision"), "review"); /* the bank's UN hit */
	json_decref(r);
	rules_finding f[1] = {finding("t.un", RULES_CLEAR, 0, 2)};
	r = assemble(f, 1, NULL);
	REQUIRE(r);
	/* the pack spoke about the bank (and found nothing to object to): the end user's hit remains */
	CHECK_STR(s_at(r, "decision"), "review");
	CHECK_STR(s_at(json_array_get(json_object_get(r, "parties"), 2), "determination"), "clear");
	CHECK_STR(s_at(json_array_get(json_object_get(r, "parties"), 1), "determination"), "review");
	json_decref(r);
}

static void test_report(void)
{
	REQUIRE(snap);
	rules_finding f[2] = {finding("t.listed-end-user", RULES_BLOCK, 0, 1),
	                      finding("t.region", RULES_LICENSE_REQUIRED, 0, 0)};
	json_t *r = assemble(f, 2, NULL);
	REQUIRE(r);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	check_report_text(out, r);
	fclose(out);
	CHECK(strncmp(text, "BLOCK  shipment T-2", 19) == 0);
	CHECK(strstr(text, "t.listed-end-user") != NULL);
	CHECK(strstr(text, "citation: 15 CFR test") != NULL);
	CHECK(strstr(text, "os:unmanned") != NULL);
	CHECK(strstr(text, "csl:EL") != NULL);
	/* a party nobody lists still shows what a rule said about it */
	CHECK(strstr(text, "Ararat Electronic Components LLC (AM)  no hits, LICENSE REQUIRED\n") != NULL);
	CHECK(strstr(text, "(RU)  1 hit, BLOCK\n") != NULL);
	CHECK(strstr(text, "Rules pack test-pack 1.2.3") != NULL);
	/* reasons come before parties, parties before items */
	CHECK(strstr(text, "Reasons") < strstr(text, "Parties:") && strstr(text, "Parties:") < strstr(text, "Items:"));
	free(text);
	json_decref(r);
}

static void test_error_field(void)
{
	char buf[64];
	CHECK_STR(check_error_field("items[0].hs_code: \"84AB\" is not an HS code", buf, sizeof(buf)), "items[0].hs_code");
	CHECK_STR(check_error_field("parties[2].name: cannot be screened: x", buf, sizeof(buf)), "parties[2].name");
	CHECK_STR(check_error_field("the shipment must be a JSON object", buf, sizeof(buf)), "");
	CHECK_STR(check_error_field("destination: missing (the ISO code)", buf, sizeof(buf)), "destination");
	CHECK_INT(check_outcome_parse("license_required"), RULES_LICENSE_REQUIRED);
	CHECK_INT(check_outcome_parse("licence required"), -1);
}

static void teardown(void)
{
	cordon_snapshot_free(snap);
}

TEST_MAIN(setup, test_decision_and_determinations, test_clear_only_without_hits, test_report, test_error_field,
          teardown)
