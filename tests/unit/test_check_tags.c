/* Tags of listed entities for the rules: list, CSL sub-list, programs, Entity List footnotes, schema. */
#include "check/tags.h"
#include "model/entity_build.h"
#include "test.h"

static int has(const check_tags *t, const char *tag)
{
	for (size_t i = 0; i < t->count; i++)
		if (strcmp(t->v[i], tag) == 0)
			return 1;
	return 0;
}

static check_tags tags_of(cm_entity *e)
{
	check_tags t = {0};
	CHECK_INT(check_entity_tags(&e->e, &t), 0);
	cm_entity_free(e);
	return t;
}

static void test_csl_codes(void)
{
	CHECK_STR(check_csl_code("Entity List (EL) - Bureau of Industry and Security"), "EL");
	CHECK_STR(check_csl_code("Military End User (MEU) List - Bureau of Industry and Security"), "MEU");
	CHECK_STR(check_csl_code("Unverified List (UVL) - Bureau of Industry and Security"), "UVL");
	CHECK_STR(check_csl_code("Denied Persons List (DPL) - Bureau of Industry and Security"), "DPL");
	CHECK_STR(check_csl_code("Specially Designated Nationals (SDN) - Treasury Department"), "SDN");
	CHECK_STR(check_csl_code("Nonproliferation Sanctions (ISN) - State Department"), "ISN");
	CHECK_STR(check_csl_code("ITAR Debarred (DTC) - State Department"), "DTC");
	CHECK_STR(check_csl_code("Capta List (CAP) - Treasury Department"), "CAP");
	CHECK_STR(check_csl_code("Sectoral Sanctions Identifications List (SSI) - Treasury Department"), "SSI");
	CHECK_STR(check_csl_code("Foreign Sanctions Evaders (FSE) - Treasury Department"), "FSE");
	CHECK_STR(check_csl_code("Palestinian Legislative Council List (PLC) - Treasury Department"), "PLC");
	CHECK_STR(check_csl_code("Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department"),
	          "CMIC");
	CHECK_STR(check_csl_code("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department"), "MBS");
	/* the name alone, as an older file may print it */
	CHECK_STR(check_csl_code("Entity List - Bureau of Industry and Security"), "EL");
	CHECK_STR(check_csl_code("Some Other List (XYZ)"), NULL);
	CHECK_STR(check_csl_code(NULL), NULL);
}

static void test_footnotes(void)
{
	/* the bundled CSL's CETC 13 row: FN3 printed as a bare digit after the paragraph */
	CHECK_INT(check_el_footnotes("For all items subject to the EAR. (See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR)"),
	          1u << 3);
	CHECK_INT(check_el_footnotes("For all items subject to the EAR, see § 734.9(e)(1) and § 744.11"), 1u << 1);
	CHECK_INT(check_el_footnotes("For all items subject to the EAR, see §§ 734.9(e)(2) and 744.11"), 1u << 4);
	CHECK_INT(check_el_footnotes("For all items subject to the EAR. (See §§ 734.9(e)(3)5 and 744.11)"), 1u << 5);
	CHECK_INT(check_el_footnotes("Designated with footnote 4"), 1u << 4);
	CHECK_INT(check_el_footnotes("For all items subject to the EAR.  (See §744.11 of the EAR)"), 0);
	CHECK_INT(check_el_footnotes(NULL), 0);
}

static void test_us_csl_entity_list(void)
{
	cm_entity *e = cm_entity_new("us-csl", "cetc13", CORDON_SCHEMA_ORGANIZATION);
	cm_add_name(e, CORDON_NAME_PRIMARY, 0, "China Electronics Technology Group Corporation 13th Research Institute", NULL,
	            NULL, NULL);
	cm_add_attribute(e, "source_list", "Entity List (EL) - Bureau of Industry and Security");
	cm_add_attribute(e, "license_requirement",
	                 "For all items subject to the EAR. (See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR)");
	check_tags t = tags_of(e);
	CHECK(has(&t, "list:us-csl"));
	CHECK(has(&t, "csl:EL"));
	CHECK(has(&t, "el-footnote:3"));
	CHECK(!has(&t, "el-footnote:1"));
	CHECK(has(&t, "schema:Organization"));
	check_tags_free(&t);
}

/* FDP paragraphs cited on another list are no Entity List footnote */
static void test_footnotes_only_on_entity_list(void)
{
	cm_entity *e = cm_entity_new("us-csl", "meu", CORDON_SCHEMA_UNKNOWN);
	cm_add_name(e, CORDON_NAME_PRIMARY, 0, "Some Institute", NULL, NULL, NULL);
	cm_add_attribute(e, "source_list", "Military End User (MEU) List - Bureau of Industry and Security");
	cm_add_attribute(e, "license_requirement", "See § 734.9(g)");
	check_tags t = tags_of(e);
	CHECK(has(&t, "csl:MEU"));
	CHECK(!has(&t, "el-footnote:3"));
	CHECK(!has(&t, "schema:Unknown"));
	check_tags_free(&t);
}

static void test_ofac(void)
{
	cm_entity *e = cm_entity_new("ofac-sdn", "1", CORDON_SCHEMA_PERSON);
	cm_add_name(e, CORDON_NAME_PRIMARY, 0, "DERIPASKA, Oleg", NULL, NULL, NULL);
	cm_add_program(e, "UKRAINE-EO13661");
	cm_add_program(e, "RUSSIA-EO14024");
	check_tags t = tags_of(e);
	CHECK(has(&t, "list:ofac-sdn"));
	CHECK(has(&t, "csl:SDN"));
	CHECK(has(&t, "program:UKRAINE-EO13661"));
	CHECK(has(&t, "program:RUSSIA-EO14024"));
	CHECK(has(&t, "schema:Person"));
	check_tags_free(&t);

	e = cm_entity_new("ofac-cons", "2", CORDON_SCHEMA_ORGANIZATION);
	cm_add_name(e, CORDON_NAME_PRIMARY, 0, "SBERBANK", NULL, NULL, NULL);
	cm_add_program(e, "UKRAINE-EO13662");
	cm_add_program(e, "CMIC-EO13959");
	t = tags_of(e);
	CHECK(has(&t, "csl:SSI"));
	CHECK(has(&t, "csl:CMIC"));
	CHECK(!has(&t, "csl:SDN")); /* the consolidated list is the non-SDN one */
	check_tags_free(&t);
}

static void test_opensanctions(void)
{
	cm_entity *e = cm_entity_new("os", "NK-x", CORDON_SCHEMA_ORGANIZATION);
	cm_add_name(e, CORDON_NAME_PRIMARY, 0, "Limited Liability Company Unmanned Systems", NULL, NULL, NULL);
	cm_add_program(e, "US-BIS-EL");
	cm_add_program(e, "Entity List (EL) - Bureau of Industry and Security");
	cm_add_program(e, "(UE) 2023/1216 du 23/06/2023");
	cm_add_attribute(e, "datasets", "us_ofac_sdn");
	check_tags t = tags_of(e);
	CHECK(has(&t, "list:os"));
	CHECK(has(&t, "csl:EL"));
	CHECK(has(&t, "csl:SDN"));
	CHECK(!has(&t, "csl:UE"));
	CHECK(has(&t, "program:US-BIS-EL"));
	/* each tag once */
	size_t el = 0;
	for (size_t i = 0; i < t.count; i++)
		el += strcmp(t.v[i], "csl:EL") == 0;
	CHECK_INT(el, 1);
	check_tags_free(&t);

	/* an OpenSanctions entity with no US list named gets no csl tag */
	e = cm_entity_new("os", "NK-y", CORDON_SCHEMA_ORGANIZATION);
	cm_add_name(e, CORDON_NAME_PRIMARY, 0, "Inter Tobacco", NULL, NULL, NULL);
	cm_add_attribute(e, "datasets", "eu_fsf");
	t = tags_of(e);
	for (size_t i = 0; i < t.count; i++)
		CHECK(strncmp(t.v[i], "csl:", 4) != 0);
	check_tags_free(&t);
}

static void test_dpl(void)
{
	cm_entity *e = cm_entity_new("us-dpl", "3", CORDON_SCHEMA_UNKNOWN);
	cm_add_name(e, CORDON_NAME_PRIMARY, 0, "JOHN DOE", NULL, NULL, NULL);
	check_tags t = tags_of(e);
	CHECK(has(&t, "list:us-dpl"));
	CHECK(has(&t, "csl:DPL"));
	check_tags_free(&t);
}

TEST_MAIN(test_csl_codes, test_footnotes, test_us_csl_entity_list, test_footnotes_only_on_entity_list, test_ofac,
          test_opensanctions, test_dpl)
