/* The three example shipments at the rules level, with and without listed parties. */
#include "test_rules_support.h"

static int load_example(const char *name, txn *t)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/rules/%s", CORDON_TEST_FIXTURES, name);
	json_t *j = json_load_file(path, 0, NULL);
	char err[256];
	if (!j || txn_from_json(j, t, err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n", path, j ? err : "unreadable");
		json_decref(j);
		return -1;
	}
	json_decref(j);
	for (size_t i = 0; i < t->party_count; i++)
		t->parties[i].screened = 1;
	return 0;
}

static void test_gpu_china(void)
{
	txn t;
	rules_result r;
	REQUIRE(load_example("shipment-gpu-china.json", &t) == 0);
	CHECK_INT(evaluate(&t, &r), RULES_LICENSE_REQUIRED);
	CHECK(fired(&r, "adv-computing-d5-macau", RULES_LICENSE_REQUIRED));
	const rules_finding *f = finding(&r, "adv-computing-d5-macau");
	REQUIRE(f);
	CHECK_INT(f->item_line, 1);
	/* the arithmetic is in the facts: 989 x 16 = 15824, PD 15824 / 814 */
	json_t *tpp = json_object_get(json_object_get(json_object_get(f->facts, "item"), "computed"), "tpp");
	CHECK(json_real_value(json_object_get(tpp, "value")) == 15824.0);
	char *because = json_dumps(json_object_get(f->facts, "because"), 0);
	CHECK(strstr(because, "tpp 15824 >= 4800") != NULL);
	CHECK(strstr(because, "destination CN in D5_OR_MACAU") != NULL);
	free(because);
	json_t *cls = json_object_get(json_array_get(r.items, 0), "classification");
	CHECK_STR(json_string_value(json_array_get(cls, 0)), "3A090.a");
	rules_result_free(&r);
	txn_free(&t);
}

static void test_chpl_transshipment(void)
{
	txn t;
	rules_result r;
	REQUIRE(load_example("shipment-chpl-transshipment.json", &t) == 0);
	CHECK_INT(evaluate(&t, &r), RULES_REVIEW);
	CHECK(fired(&r, "chpl-transshipment", RULES_REVIEW));
	CHECK(fired(&r, "chpl-party-russia-belarus", RULES_REVIEW));
	rules_result_free(&r);

	/* the Russian end user is on the SDN list: block */
	add_hit(&t.parties[2], "ofac-sdn:1", 0.97, "list:ofac-sdn", NULL);
	CHECK_INT(evaluate(&t, &r), RULES_BLOCK);
	const rules_finding *f = finding(&r, "party-ofac-sdn");
	CHECK(f && f->party_index == 2);
	rules_result_free(&r);
	txn_free(&t);

	/* on the Entity List instead: licence required */
	REQUIRE(load_example("shipment-chpl-transshipment.json", &t) == 0);
	add_hit(&t.parties[2], "us-csl:7", 0.95, "list:us-csl", "csl:EL");
	CHECK_INT(evaluate(&t, &r), RULES_LICENSE_REQUIRED);
	CHECK(fired(&r, "party-entity-list", RULES_LICENSE_REQUIRED));
	rules_result_free(&r);
	txn_free(&t);
}

static void test_benign(void)
{
	txn t;
	rules_result r;
	REQUIRE(load_example("shipment-benign.json", &t) == 0);
	CHECK_INT(evaluate(&t, &r), RULES_CLEAR);
	if (r.decision != RULES_CLEAR)
		dump_findings(&r);
	CHECK_INT(r.finding_count, 0);
	CHECK_STR(json_string_value(json_object_get(json_array_get(r.items, 0), "determination")), "clear");
	rules_result_free(&r);

	/* not screened yet: never clear */
	for (size_t i = 0; i < t.party_count; i++)
		t.parties[i].screened = 0;
	CHECK_INT(evaluate(&t, &r), RULES_REVIEW);
	rules_result_free(&r);
	txn_free(&t);
}

TEST_MAIN(test_gpu_china, test_chpl_transshipment, test_benign)
