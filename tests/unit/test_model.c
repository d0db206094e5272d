/* model/: dates with precision, country names, identifier labels, entity building. */
#include "cordon/entity.h"
#include "model/country.h"
#include "model/date.h"
#include "model/entity_build.h"
#include "model/idkind.h"
#include "test.h"

static void check_date(const char *text, int (*parse)(const char *, cordon_date *), int precision, int circa,
                       int y, int m, int d, int ey, int em, int ed)
{
	cordon_date dt;
	int rc = parse(text, &dt);
	CHECK_INT(rc, 0);
	if (rc)
		return;
	CHECK_INT(dt.precision, precision);
	CHECK_INT(dt.circa, circa);
	CHECK_INT(dt.year, y);
	CHECK_INT(dt.month, m);
	CHECK_INT(dt.day, d);
	CHECK_INT(dt.end_year, ey);
	CHECK_INT(dt.end_month, em);
	CHECK_INT(dt.end_day, ed);
}

static void test_ofac_dates(void)
{
	/* every DOB shape counted in the 2021 SDN remarks */
	check_date("10 Dec 1948", cm_date_parse_ofac, CORDON_DATE_DAY, 0, 1948, 12, 10, 1948, 12, 10);
	check_date("1946", cm_date_parse_ofac, CORDON_DATE_YEAR, 0, 1946, 1, 1, 1946, 12, 31);
	check_date("circa 1951", cm_date_parse_ofac, CORDON_DATE_YEAR, 1, 1951, 1, 1, 1951, 12, 31);
	check_date("1951 to 1953", cm_date_parse_ofac, CORDON_DATE_RANGE, 0, 1951, 1, 1, 1953, 12, 31);
	check_date("01 Jan 1961 to 31 Dec 1962", cm_date_parse_ofac, CORDON_DATE_RANGE, 0, 1961, 1, 1, 1962, 12, 31);
	check_date("Sep 1938", cm_date_parse_ofac, CORDON_DATE_MONTH, 0, 1938, 9, 1, 1938, 9, 30);
	check_date("circa 07 Jul 1966", cm_date_parse_ofac, CORDON_DATE_DAY, 1, 1966, 7, 7, 1966, 7, 7);
	check_date("circa 1979-1982", cm_date_parse_ofac, CORDON_DATE_RANGE, 1, 1979, 1, 1, 1982, 12, 31);
	check_date("Mar 1962 to Feb 1963", cm_date_parse_ofac, CORDON_DATE_RANGE, 0, 1962, 3, 1, 1963, 2, 28);
	cordon_date dt;
	CHECK_INT(cm_date_parse_ofac("31 Feb 1960", &dt), CORDON_EPARSE);
	CHECK_INT(cm_date_parse_ofac("1953 to 1951", &dt), CORDON_EPARSE);
	CHECK_INT(cm_date_parse_ofac("24/06/1402 (Hijri Calendar)", &dt), CORDON_EPARSE);
}

static int parse_us(const char *s, cordon_date *d)
{
	return cm_date_parse_slashed(s, 1, d);
}

static int parse_uk(const char *s, cordon_date *d)
{
	return cm_date_parse_slashed(s, 0, d);
}

static void test_other_dates(void)
{
	check_date("1961-06-01", cm_date_parse_iso, CORDON_DATE_DAY, 0, 1961, 6, 1, 1961, 6, 1);
	check_date("1988-02", cm_date_parse_iso, CORDON_DATE_MONTH, 0, 1988, 2, 1, 1988, 2, 29);
	check_date("1971", cm_date_parse_iso, CORDON_DATE_YEAR, 0, 1971, 1, 1, 1971, 12, 31);
	check_date("2015-04-07-04:00", cm_date_parse_iso, CORDON_DATE_DAY, 0, 2015, 4, 7, 2015, 4, 7);
	check_date("2023-04-20T18:00:25", cm_date_parse_iso, CORDON_DATE_DAY, 0, 2023, 4, 20, 2023, 4, 20);
	check_date("06/19/2003", parse_us, CORDON_DATE_DAY, 0, 2003, 6, 19, 2003, 6, 19);
	check_date("02/12/2011", parse_uk, CORDON_DATE_DAY, 0, 2011, 12, 2, 2011, 12, 2);
	check_date("00/00/1970", parse_uk, CORDON_DATE_YEAR, 0, 1970, 1, 1, 1970, 12, 31);
	cordon_date dt;
	CHECK_INT(cm_date_parse_iso("1961-13-01", &dt), CORDON_EPARSE);
	CHECK_INT(cm_date_parse_iso("abcd", &dt), CORDON_EPARSE);
	CHECK_INT(parse_us("13/01/2003", &dt), CORDON_EPARSE);
}

static void test_countries(void)
{
	CHECK_STR(cm_country_code("Korea, North"), "KP");
	CHECK_STR(cm_country_code("Democratic People's Republic of Korea"), "KP");
	CHECK_STR(cm_country_code("Iran (Islamic Republic of)"), "IR");
	CHECK_STR(cm_country_code("Russian Federation"), "RU");
	CHECK_STR(cm_country_code("Russia"), "RU");
	CHECK_STR(cm_country_code("Bahamas, The"), "BS");
	CHECK_STR(cm_country_code("Congo, Democratic Republic of the"), "CD");
	CHECK_STR(cm_country_code("United Kingdom"), "GB");
	CHECK_STR(cm_country_code("Germany"), "DE");       /* from ICU's English names */
	CHECK_STR(cm_country_code("Switzerland"), "CH");
	CHECK_STR(cm_country_code("Saint Kitts and Nevis"), "KN");
	CHECK_STR(cm_country_code("St. Kitts & Nevis"), "KN");
	CHECK_STR(cm_country_code("ru"), "RU");
	CHECK_STR(cm_country_code("Virgin Islands, British"), "VG"); /* OFAC's inverted names */
	CHECK_STR(cm_country_code("Man, Isle of"), "IM");
	CHECK_STR(cm_country_code("Türkiye"), "TR");
	CHECK_STR(cm_country_code("China, Hong Kong Special Administrative Region"), "HK");
	CHECK_STR(cm_country_code("Trinidad and Tobago"), "TT");     /* ICU writes "&" */
	CHECK_STR(cm_country_code("Antigua and Barbuda"), "AG");
	CHECK_STR(cm_country_code("Saint Vincent and the Grenadines"), "VC");
	CHECK_STR(cm_country_code("None Identified"), NULL);
	CHECK_STR(cm_country_code("Atlantis"), NULL);
	CHECK(cm_country_valid("de"));
	CHECK(cm_country_valid("XK"));
	CHECK(!cm_country_valid("QQ"));
	CHECK_STR(cm_country_name("CY"), "Cyprus");
}

static void test_id_kinds(void)
{
	CHECK_INT(cm_id_kind_from_label("Passport"), CORDON_ID_PASSPORT);
	CHECK_INT(cm_id_kind_from_label("alt. Passport"), CORDON_ID_PASSPORT);
	CHECK_INT(cm_id_kind_from_label("Cedula No."), CORDON_ID_NATIONAL_ID);
	CHECK_INT(cm_id_kind_from_label("National ID No."), CORDON_ID_NATIONAL_ID);
	CHECK_INT(cm_id_kind_from_label("Tax ID No."), CORDON_ID_TAX_ID);
	CHECK_INT(cm_id_kind_from_label("R.F.C."), CORDON_ID_TAX_ID);
	CHECK_INT(cm_id_kind_from_label("Registration Number"), CORDON_ID_REGISTRATION);
	CHECK_INT(cm_id_kind_from_label("Vessel Registration Identification"), CORDON_ID_IMO);
	CHECK_INT(cm_id_kind_from_label("MMSI"), CORDON_ID_MMSI);
	CHECK_INT(cm_id_kind_from_label("SWIFT/BIC"), CORDON_ID_SWIFT_BIC);
	CHECK_INT(cm_id_kind_from_label("Digital Currency Address - XBT"), CORDON_ID_CRYPTO);
	CHECK_INT(cm_id_kind_from_label("Email Address"), CORDON_ID_EMAIL);
	CHECK_INT(cm_id_kind_from_label("Website"), CORDON_ID_WEBSITE);
	CHECK_INT(cm_id_kind_from_label("Numéro de passeport"), CORDON_ID_PASSPORT);
	CHECK_INT(cm_id_kind_from_label("V.A.T. Number"), CORDON_ID_TAX_ID);
	CHECK_INT(cm_id_kind_from_label("Travel Document Number"), CORDON_ID_PASSPORT);
	CHECK_INT(cm_id_kind_from_label("Kenyan ID Card"), CORDON_ID_NATIONAL_ID);
	CHECK_INT(cm_id_kind_from_label("International Maritime Organization No."), CORDON_ID_IMO);
	CHECK_INT(cm_id_kind_from_label("Gender"), CORDON_ID_OTHER);
	CHECK_INT(cm_id_kind_from_label("Innovation"), CORDON_ID_OTHER); /* "inn" only as a whole word */
	CHECK(cm_is_identifier_label("Government Gazette Number"));
	CHECK(cm_is_identifier_label("Driver's License No."));
	CHECK(!cm_is_identifier_label("Gender"));
}

static void test_entity_builder(void)
{
	cm_entity *ent = cm_entity_new("ofac-sdn", "306", CORDON_SCHEMA_ORGANIZATION);
	REQUIRE(ent);
	CHECK_STR(ent->e.id, "ofac-sdn:306");
	CHECK_INT(cm_add_name(ent, CORDON_NAME_AKA, 1, "BNC", NULL, NULL, NULL), 0);
	CHECK_INT(cm_add_name(ent, CORDON_NAME_PRIMARY, 0, " BANCO  NACIONAL DE CUBA ", NULL, NULL, NULL), 0);
	CHECK_INT(cm_add_name(ent, CORDON_NAME_AKA, 0, "BNC", NULL, NULL, NULL), 0); /* strong restatement */
	CHECK_INT(cm_add_name(ent, CORDON_NAME_AKA, 0, "   ", NULL, NULL, NULL), 0);
	REQUIRE(ent->e.name_count == 2);
	CHECK_STR(ent->e.names[0].full, "BANCO NACIONAL DE CUBA"); /* primary first, cleaned */
	CHECK_INT(ent->e.names[0].kind, CORDON_NAME_PRIMARY);
	CHECK_STR(ent->e.names[1].full, "BNC");
	CHECK_INT(ent->e.names[1].weak, 0);
	cm_add_nationality(ent, "CU");
	cm_add_nationality(ent, "CU");
	CHECK_INT(ent->e.nationality_count, 1);
	for (int i = 0; i < 100; i++) { /* arrays grow */
		char v[16];
		snprintf(v, sizeof(v), "P%d", i);
		cm_add_identifier(ent, CORDON_ID_PASSPORT, "Passport", v, "CU", NULL);
	}
	CHECK_INT(ent->e.identifier_count, 100);
	CHECK_STR(ent->e.identifiers[99].value, "P99");
	cm_add_attribute(ent, "note", "bad \xC3 byte");
	CHECK_INT(ent->text_repairs, 1);
	CHECK_STR(ent->e.attributes[0].value, "bad \xEF\xBF\xBD byte");
	char *json = NULL;
	REQUIRE(cordon_entity_to_json(&ent->e, &json) == 0);
	CHECK(strstr(json, "\"id\":\"ofac-sdn:306\"") != NULL);
	CHECK(strstr(json, "\"name\":\"BANCO NACIONAL DE CUBA\"") != NULL);
	free(json);
	cm_entity_free(ent);
}

static void test_enum_names(void)
{
	CHECK_STR(cordon_schema_name(CORDON_SCHEMA_VESSEL), "vessel");
	CHECK_INT(cordon_schema_parse("Company"), CORDON_SCHEMA_ORGANIZATION);
	CHECK_INT(cordon_schema_parse("individual"), CORDON_SCHEMA_PERSON);
	CHECK_INT(cordon_schema_parse("planet"), -1);
	CHECK_INT(cordon_id_kind_parse("imo"), CORDON_ID_IMO);
}

TEST_MAIN(test_ofac_dates, test_other_dates, test_countries, test_id_kinds, test_entity_builder, test_enum_names)
