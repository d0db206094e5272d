/*
 * Screening a shipment's parties against a small snapshot: hits with tags in the
 * transaction, a Cyrillic name finding its listed entity, one screening per name
 * and country, parties without hits marked screened, the JSON beside it.
 */
#include "check/internal.h"
#include "lib/internal.h"
#include "model/entity_build.h"
#include "test.h"

static cordon_snapshot *snap;

static void setup(void)
{
	cm_entity *e[3];
	e[0] = cm_entity_new("os", "unmanned", CORDON_SCHEMA_ORGANIZATION);
	cm_add_name(e[0], CORDON_NAME_PRIMARY, 0, "Limited Liability Company Unmanned Systems", NULL, NULL, NULL);
	cm_add_name(e[0], CORDON_NAME_AKA, 0, "Общество с ограниченной ответственностью \"Беспилотные системы\"", NULL, NULL,
	            NULL);
	cm_add_name(e[0], CORDON_NAME_AKA, 0, "Bespilotnye Sistemy LLC", NULL, NULL, NULL);
	cm_add_country(e[0], "RU");
	cm_add_program(e[0], "US-BIS-EL");
	e[1] = cm_entity_new("us-csl", "cetc13", CORDON_SCHEMA_ORGANIZATION);
	cm_add_name(e[1], CORDON_NAME_PRIMARY, 0, "China Electronics Technology Group Corporation 13th Research Institute",
	            NULL, NULL, NULL);
	cm_add_attribute(e[1], "source_list", "Entity List (EL) - Bureau of Industry and Security");
	cm_add_attribute(e[1], "license_requirement", "For all items subject to the EAR. (See §§ 734.9(g),3 746.8(a)(3))");
	cm_add_attribute(e[1], "license_policy", "Policy of denial");
	e[2] = cm_entity_new("ofac-sdn", "1", CORDON_SCHEMA_PERSON);
	cm_add_name(e[2], CORDON_NAME_PRIMARY, 0, "DERIPASKA, Oleg Vladimirovich", NULL, NULL, NULL);
	cm_add_program(e[2], "RUSSIA-EO14024");
	const cordon_entity *list[3] = {&e[0]->e, &e[1]->e, &e[2]->e};
	char path[512];
	snprintf(path, sizeof(path), "%s/check-screen.cordonsnap", CORDON_TEST_TMP);
	CHECK_INT(clib_write_snapshot(list, 3, "{\"sources\":[]}", path, 1), 0);
	for (int i = 0; i < 3; i++)
		cm_entity_free(e[i]);
	CHECK_INT(cordon_snapshot_open(&snap, path), 0);
}

static const char shipment[] =
	"{\"id\": \"T-1\", \"date\": \"2024-05-02\", \"destination\": \"AM\", \"end_use\": {\"category\": \"civil\"},"
	" \"parties\": ["
	"  {\"role\": \"buyer\", \"name\": \"Ararat Electronic Components LLC\", \"country\": \"AM\"},"
	"  {\"role\": \"end_user\", \"name\": \"ООО «Беспилотные системы»\", \"country\": \"RU\"},"
	"  {\"role\": \"consignee\", \"name\": \"ООО «Беспилотные системы»\", \"country\": \"RU\"},"
	"  {\"role\": \"bank\", \"name\": \"Oleg Deripaska\"},"
	"  {\"role\": \"seller\", \"name\": \"China Electronics Technology Group Corporation 13th Research Institute\","
	"   \"country\": \"CN\"}],"
	" \"items\": [{\"line\": 1, \"description\": \"x\", \"hs_code\": \"8542.31\"}]}";

static int has_tag(const txn_hit *h, const char *tag)
{
	for (size_t i = 0; i < h->tag_count; i++)
		if (strcmp(h->tags[i], tag) == 0)
			return 1;
	return 0;
}

static json_t *screen(txn *t, const check_options *opt)
{
	json_error_t jerr;
	json_t *j = json_loads(shipment, 0, &jerr);
	char err[256] = "";
	CHECK_INT(txn_from_json(j, t, err, sizeof(err)), 0);
	json_decref(j);
	json_t *out = json_array();
	CHECK_INT(check_screen_parties(snap, t, opt, out, err, sizeof(err)), CHECK_OK);
	return out;
}

static void test_hits_and_tags(void)
{
	REQUIRE(snap);
	txn t;
	check_options opt = CHECK_OPTIONS_INIT;
	json_t *out = screen(&t, &opt);
	REQUIRE(t.party_count == 5 && json_array_size(out) == 5);
	for (size_t i = 0; i < t.party_count; i++)
		CHECK(t.parties[i].screened);
	CHECK_INT(t.parties[0].hit_count, 0);
	/* the Cyrillic end user, written with guillemets and ООО, found through its listed Cyrillic name */
	REQUIRE(t.parties[1].hit_count >= 1);
	const txn_hit *h = &t.parties[1].hits[0];
	CHECK_STR(h->entity_id, "os:unmanned");
	CHECK(h->score >= CORDON_DEFAULT_THRESHOLD);
	CHECK(has_tag(h, "list:os"));
	CHECK(has_tag(h, "csl:EL"));
	CHECK(has_tag(h, "program:US-BIS-EL"));
	CHECK(has_tag(h, "schema:Organization"));
	/* the same name and country in another role: the same hits */
	REQUIRE(t.parties[2].hit_count == t.parties[1].hit_count);
	CHECK_STR(t.parties[2].hits[0].entity_id, "os:unmanned");
	CHECK_INT(t.parties[2].hits[0].tag_count, h->tag_count);
	REQUIRE(t.parties[3].hit_count >= 1);
	CHECK_STR(t.parties[3].hits[0].entity_id, "ofac-sdn:1");
	CHECK(has_tag(&t.parties[3].hits[0], "csl:SDN"));
	REQUIRE(t.parties[4].hit_count >= 1);
	CHECK(has_tag(&t.parties[4].hits[0], "el-footnote:3"));

	json_t *end_user = json_array_get(out, 1);
	CHECK_STR(json_string_value(json_object_get(end_user, "role")), "end_user");
	CHECK_STR(json_string_value(json_object_get(end_user, "country")), "RU");
	json_t *hit = json_array_get(json_object_get(end_user, "hits"), 0);
	CHECK_STR(json_string_value(json_object_get(hit, "entity_id")), "os:unmanned");
	CHECK(json_number_value(json_object_get(hit, "score")) >= CORDON_DEFAULT_THRESHOLD);
	CHECK(json_is_array(json_object_get(hit, "tags")));
	CHECK(json_is_object(json_object_get(hit, "explanation")));
	json_t *cetc = json_array_get(json_object_get(json_array_get(out, 4), "hits"), 0);
	CHECK_STR(json_string_value(json_object_get(cetc, "license_policy")), "Policy of denial");
	CHECK(json_equal(json_object_get(json_array_get(out, 1), "hits"), json_object_get(json_array_get(out, 2), "hits")));
	json_decref(out);
	txn_free(&t);
}

/* a threshold above every score leaves no hit, and parties still count as screened */
static void test_threshold(void)
{
	REQUIRE(snap);
	txn t;
	check_options opt = CHECK_OPTIONS_INIT;
	opt.threshold = 1.0;
	opt.explain = 0;
	json_t *out = screen(&t, &opt);
	size_t hits = 0;
	for (size_t i = 0; i < t.party_count; i++) {
		CHECK(t.parties[i].screened);
		for (size_t k = 0; k < t.parties[i].hit_count; k++)
			hits += t.parties[i].hits[k].score < 1.0;
	}
	CHECK_INT(hits, 0);
	json_t *hit = json_array_get(json_object_get(json_array_get(out, 1), "hits"), 0);
	CHECK(!hit || !json_object_get(hit, "explanation"));
	json_decref(out);
	txn_free(&t);
}

static void teardown(void)
{
	cordon_snapshot_free(snap);
}

TEST_MAIN(setup, test_hits_and_tags, test_threshold, teardown)
