/* Screening a small snapshot: retrieval, facts, identifiers, filters, explanations, exhaustive mode. */
#include "cordon.h"
#include "lib/internal.h"
#include "model/date.h"
#include "model/entity_build.h"
#include "test.h"

static char path[512];
static cordon_snapshot *snap;

static cm_entity *person(const char *id, const char *name, const char *dob, const char *country)
{
	cm_entity *e = cm_entity_new("t", id, CORDON_SCHEMA_PERSON);
	cm_add_name(e, CORDON_NAME_PRIMARY, 0, name, NULL, NULL, NULL);
	if (dob) {
		cordon_date d;
		cm_date_parse_iso(dob, &d);
		cm_add_birth_date(e, &d);
	}
	if (country)
		cm_add_nationality(e, country);
	return e;
}

static void setup(void)
{
	cm_entity *ents[8];
	ents[0] = person("prigozhin", "PRIGOZHIN, Yevgeniy Viktorovich", "1961-06-01", "RU");
	cm_add_name(ents[0], CORDON_NAME_AKA, 1, "Putin's Chef", NULL, NULL, NULL);
	ents[1] = person("prigozhin-namesake", "PRIGOZHIN, Yevgeniy", "1990", "UA");
	ents[2] = cm_entity_new("t", "ship", CORDON_SCHEMA_VESSEL);
	cm_add_name(ents[2], CORDON_NAME_PRIMARY, 0, "SAND SWAN", NULL, NULL, NULL);
	cm_add_identifier(ents[2], CORDON_ID_IMO, "IMO", "9187629", NULL, NULL);
	ents[3] = cm_entity_new("t", "huawei", CORDON_SCHEMA_ORGANIZATION);
	cm_add_name(ents[3], CORDON_NAME_PRIMARY, 0, "HUAWEI TECHNOLOGIES CO., LTD.", NULL, NULL, NULL);
	ents[4] = cm_entity_new("t", "irp", CORDON_SCHEMA_ORGANIZATION);
	cm_add_name(ents[4], CORDON_NAME_PRIMARY, 0, "INTERNET RESEARCH AGENCY LLC", NULL, NULL, NULL);
	cm_add_name(ents[4], CORDON_NAME_AKA, 0, "ООО Агентство Интернет Исследований", NULL, NULL, NULL);
	ents[5] = person("deripaska", "DERIPASKA, Oleg Vladimirovich", "1968-01-02", "RU");
	/* one key ("simeksport"), two spellings: a typo of one is not a typo of the other */
	ents[6] = cm_entity_new("t", "simexport", CORDON_SCHEMA_ORGANIZATION);
	cm_add_name(ents[6], CORDON_NAME_PRIMARY, 0, "SIMEXPORT", NULL, NULL, NULL);
	ents[7] = cm_entity_new("t", "cimexport", CORDON_SCHEMA_ORGANIZATION);
	cm_add_name(ents[7], CORDON_NAME_PRIMARY, 0, "CIMEXPORT", NULL, NULL, NULL);
	const cordon_entity *list[8];
	for (int i = 0; i < 8; i++)
		list[i] = &ents[i]->e;
	snprintf(path, sizeof(path), "%s/screen.cordonsnap", CORDON_TEST_TMP);
	int rc = clib_write_snapshot(list, 8, "{\"sources\":[]}", path, 1);
	for (int i = 0; i < 8; i++)
		cm_entity_free(ents[i]);
	CHECK_INT(rc, 0);
	CHECK_INT(cordon_snapshot_open(&snap, path), 0);
}

static int screen(cordon_query *q, cordon_results *res)
{
	int rc = cordon_screen(snap, q, res);
	CHECK_INT(rc, 0);
	return rc;
}

static void test_finds_and_ranks(void)
{
	REQUIRE(snap);
	cordon_query q = CORDON_QUERY_INIT;
	q.name = "Евгений Пригожин";
	cordon_results res;
	REQUIRE(screen(&q, &res) == 0);
	REQUIRE(res.count >= 2);
	CHECK(strcmp(res.matches[0].entity_id, "t:prigozhin") == 0 || strcmp(res.matches[0].entity_id, "t:prigozhin-namesake") == 0);
	CHECK(res.matches[0].explanation == NULL); /* only when asked */
	cordon_results_dispose(&res);
	q.name = "Internet Research Agency";
	REQUIRE(screen(&q, &res) == 0);
	REQUIRE(res.count >= 1);
	CHECK_STR(res.matches[0].entity_id, "t:irp");
	cordon_results_dispose(&res);
}

static void test_birth_date_decides_between_namesakes(void)
{
	cordon_query q = CORDON_QUERY_INIT;
	q.name = "Yevgeniy Prigozhin";
	q.birth_date = "1961-06-01";
	cordon_results res;
	REQUIRE(screen(&q, &res) == 0);
	REQUIRE(res.count == 2);
	CHECK_STR(res.matches[0].entity_id, "t:prigozhin");
	CHECK(res.matches[0].score > res.matches[0].name_score);   /* agreeing date adds */
	CHECK(res.matches[1].score < res.matches[1].name_score);   /* another year takes away */
	cordon_results_dispose(&res);
	q.birth_date = "1990";
	REQUIRE(screen(&q, &res) == 0);
	REQUIRE(res.count >= 1);
	CHECK_STR(res.matches[0].entity_id, "t:prigozhin-namesake");
	cordon_results_dispose(&res);
	q.birth_date = "1961-13-01";
	CHECK_INT(cordon_screen(snap, &q, &res), CORDON_EINVALID);
	CHECK(strstr(cordon_last_error(), "birth_date") != NULL);
}

static void test_country(void)
{
	cordon_query q = CORDON_QUERY_INIT;
	q.name = "Yevgeniy Prigozhin";
	q.country = "Ukraine";
	cordon_results res;
	REQUIRE(screen(&q, &res) == 0);
	REQUIRE(res.count == 2);
	CHECK_STR(res.matches[0].entity_id, "t:prigozhin-namesake");
	cordon_results_dispose(&res);
	q.country = "Atlantis";
	CHECK_INT(cordon_screen(snap, &q, &res), CORDON_EINVALID);
}

static void test_identifier_is_decisive(void)
{
	cordon_query_identifier id = {"imo", "IMO 9187629"};
	cordon_query q = CORDON_QUERY_INIT;
	q.name = "Renamed Vessel";
	q.identifiers = &id;
	q.identifier_count = 1;
	q.explain = 1;
	cordon_results res;
	REQUIRE(screen(&q, &res) == 0);
	REQUIRE(res.count >= 1);
	CHECK_STR(res.matches[0].entity_id, "t:ship");
	CHECK(res.matches[0].score >= 0.98);
	CHECK(res.matches[0].name_score < 0.3);
	const cordon_explanation *x = res.matches[0].explanation;
	REQUIRE(x);
	int saw_identifier = 0;
	for (size_t i = 0; i < x->feature_count; i++)
		saw_identifier |= strcmp(x->features[i].feature, "identifier") == 0;
	CHECK(saw_identifier);
	cordon_results_dispose(&res);
	id.kind = "passport"; /* same digits as another kind of document: not decisive */
	q.explain = 0;
	REQUIRE(screen(&q, &res) == 0);
	CHECK(res.count == 0 || res.matches[0].score < 0.98);
	cordon_results_dispose(&res);
}

static void test_explanation(void)
{
	cordon_query q = CORDON_QUERY_INIT;
	q.name = "华为技术有限公司";
	q.explain = 1;
	cordon_results res;
	REQUIRE(screen(&q, &res) == 0);
	REQUIRE(res.count >= 1);
	CHECK_STR(res.matches[0].entity_id, "t:huawei");
	const cordon_explanation *x = res.matches[0].explanation;
	REQUIRE(x);
	CHECK_STR(x->query_scheme, "pinyin+glossary");
	CHECK_STR(x->listed_legal_form, "ltd");
	int merged = 0;
	for (size_t i = 0; i < x->alignment_count; i++)
		merged |= strcmp(x->alignments[i].method, "merged") == 0 && strcmp(x->alignments[i].listed_token, "huawei") == 0;
	CHECK(merged); /* hua + wei lined up with huawei */
	cordon_results_dispose(&res);
}

static void test_filters_and_exhaustive(void)
{
	cordon_query q = CORDON_QUERY_INIT;
	q.name = "Sand Swan";
	q.schema = CORDON_SCHEMA_PERSON;
	cordon_results res;
	REQUIRE(screen(&q, &res) == 0);
	CHECK_INT(res.count, 0); /* a vessel is not a person */
	cordon_results_dispose(&res);
	q.schema = -1;
	q.threshold = 0.0;
	q.limit = 100;
	REQUIRE(screen(&q, &res) == 0);
	cordon_results ex;
	REQUIRE(cordon_screen_exhaustive(snap, &q, &ex) == 0);
	CHECK(ex.count >= res.count);
	CHECK(ex.candidates >= res.candidates);
	REQUIRE(ex.count >= 1 && res.count >= 1);
	CHECK_STR(ex.matches[0].entity_id, res.matches[0].entity_id);
	cordon_results_dispose(&ex);
	cordon_results_dispose(&res);
	q.name = "---";
	CHECK_INT(cordon_screen(snap, &q, &res), CORDON_EINVALID);
	q.name = "x";
	q.threshold = 1.5;
	CHECK_INT(cordon_screen(snap, &q, &res), CORDON_EINVALID);
}

static double score_of(const cordon_results *res, const char *entity_id)
{
	for (size_t i = 0; i < res->count; i++)
		if (strcmp(res->matches[i].entity_id, entity_id) == 0)
			return res->matches[i].score;
	return -1.0;
}

/* Words sharing a key but written differently are scored each as written, whichever comes first. */
static void test_same_key_different_spelling(void)
{
	cordon_query q = CORDON_QUERY_INIT;
	q.name = "CMIEXPORT";
	q.threshold = 0.0;
	q.limit = 100;
	cordon_results ex, res;
	REQUIRE(cordon_screen_exhaustive(snap, &q, &ex) == 0);
	REQUIRE(screen(&q, &res) == 0);
	double cimex = score_of(&ex, "t:cimexport"), simex = score_of(&ex, "t:simexport");
	CHECK(cimex > 0.95);
	CHECK(simex > 0.0 && simex < cimex);
	CHECK(score_of(&res, "t:cimexport") == cimex);
	CHECK(score_of(&res, "t:simexport") == simex);
	cordon_results_dispose(&ex);
	cordon_results_dispose(&res);
}

static void teardown(void)
{
	cordon_snapshot_free(snap);
}

TEST_MAIN(setup, test_finds_and_ranks, test_birth_date_decides_between_namesakes, test_country,
          test_identifier_is_decisive, test_explanation, test_filters_and_exhaustive, test_same_key_different_spelling, teardown)
