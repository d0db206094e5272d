/*
 * The OFAC legacy CSV reader against the bundled 2021 SDN and 2025
 * consolidated sets, plus hostile inputs written at test time.
 *
 * Expected counts were established with a separate Python script (csv module
 * over the decompressed files, trailer byte stripped, comments joined):
 * SDN 8,976 rows (individual 4,620 / null 3,673 / vessel 406 / aircraft 277),
 * add 13,837 (2,397 entirely null), alt 11,910 (aka 11,523, fka 369, nka
 * 18; 6 repeat the primary name or another alias of the same party, which
 * the model keeps once -> 11,904), 5 comment rows; 2,442 weak a.k.a./f.k.a.
 * items (2,418 / 24); distinct DOB values per party 5,124; distinct
 * "Linked To:" targets per party 3,408; 10,759 programs after splitting
 * "A] [B"; 569 null remarks. Consolidated: 442 rows (363 null type, 79
 * individual), 1,073 alt rows (932 aka, 141 fka; 2 repeats -> 1,071), 574
 * address rows (52 all null -> 522), 10 comment rows, 72 weak aliases,
 * 94 parties with a "Listing Date" item.
 */
#include "test.h"

#include <stdarg.h>
#include <sys/stat.h>

#include "model/collection.h"
#include "model/date.h"
#include "sources/source.h"

#define SDN_DIR CORDON_TEST_DATA "/ofac-sdn-2021"
#define CONS_DIR CORDON_TEST_DATA "/ofac-cons-2025"

static char warnings[8192];
static int warning_count;

static void collect_warning(csrc_ctx *ctx, const char *message)
{
	(void)ctx;
	warning_count++;
	size_t n = strlen(warnings);
	if (n + strlen(message) + 2 < sizeof(warnings)) {
		memcpy(warnings + n, message, strlen(message));
		warnings[n + strlen(message)] = '\n';
		warnings[n + strlen(message) + 1] = '\0';
	}
}

static int run(const char *dataset, const char *path, cm_collection *coll, csrc_stats *stats)
{
	warnings[0] = '\0';
	warning_count = 0;
	cm_collection_init(coll);
	memset(stats, 0, sizeof(*stats));
	return csrc_run(NULL, dataset, path, coll, stats, collect_warning);
}

static cordon_entity *get(const cm_collection *coll, const char *id)
{
	cm_entity *e = cm_collection_find(coll, id);
	if (!e)
		fprintf(stderr, "entity %s not found\n", id);
	return e ? &e->e : NULL;
}

static const cordon_name *name_of(const cordon_entity *e, const char *full)
{
	for (size_t i = 0; i < e->name_count; i++)
		if (strcmp(e->names[i].full, full) == 0)
			return &e->names[i];
	return NULL;
}

static const char *attr(const cordon_entity *e, const char *key)
{
	for (size_t i = 0; i < e->attribute_count; i++)
		if (strcmp(e->attributes[i].key, key) == 0)
			return e->attributes[i].value;
	return NULL;
}

static const cordon_identifier *ident(const cordon_entity *e, cordon_id_kind kind)
{
	for (size_t i = 0; i < e->identifier_count; i++)
		if (e->identifiers[i].kind == kind)
			return &e->identifiers[i];
	return NULL;
}

static int has_relation(const cordon_entity *e, const char *target)
{
	for (size_t i = 0; i < e->relation_count; i++)
		if (strcmp(e->relations[i].kind, "linked_to") == 0 && strcmp(e->relations[i].target, target) == 0)
			return 1;
	return 0;
}

static const char *date_str(const cordon_date *d, char *buf)
{
	cm_date_format(d, buf, 64);
	return buf;
}

/* ---- the real files ---- */

typedef struct {
	size_t schema[CORDON_SCHEMA_COUNT];
	size_t strong, weak, fka, nka, weak_aka, weak_fka;
	size_t addresses, programs, birth_dates, relations, remarks, vessels_with_imo, mmsi, listing_dates;
} tally;

static void count_all(const cm_collection *coll, tally *t)
{
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < coll->count; i++) {
		if (!coll->items[i])
			continue;
		const cordon_entity *e = &coll->items[i]->e;
		t->schema[e->schema]++;
		for (size_t k = 1; k < e->name_count; k++) {
			const cordon_name *n = &e->names[k];
			if (n->weak) {
				t->weak++;
				t->weak_aka += n->kind == CORDON_NAME_AKA;
				t->weak_fka += n->kind == CORDON_NAME_FKA;
			} else {
				t->strong++;
				t->fka += n->kind == CORDON_NAME_FKA;
				t->nka += n->kind == CORDON_NAME_NKA;
			}
		}
		t->addresses += e->address_count;
		t->programs += e->program_count;
		t->birth_dates += e->birth_date_count;
		t->relations += e->relation_count;
		t->remarks += e->remarks != NULL;
		t->vessels_with_imo += e->schema == CORDON_SCHEMA_VESSEL && ident(e, CORDON_ID_IMO);
		for (size_t k = 0; k < e->identifier_count; k++)
			t->mmsi += e->identifiers[k].kind == CORDON_ID_MMSI;
		t->listing_dates += e->listing_date.precision != CORDON_DATE_NONE;
	}
}

static void test_sdn_counts(void)
{
	cm_collection coll;
	csrc_stats st;
	CHECK_INT(run("ofac-sdn", SDN_DIR, &coll, &st), 0);
	CHECK_INT(coll.live, 8976);
	CHECK_INT(st.rows, 8976 + 13837 + 11910 + 5);
	CHECK_INT(st.skipped_rows, 0);
	CHECK_INT(warning_count, 0);
	tally t;
	count_all(&coll, &t);
	CHECK_INT(t.schema[CORDON_SCHEMA_PERSON], 4620);
	CHECK_INT(t.schema[CORDON_SCHEMA_ORGANIZATION], 3673);
	CHECK_INT(t.schema[CORDON_SCHEMA_VESSEL], 406);
	CHECK_INT(t.schema[CORDON_SCHEMA_AIRCRAFT], 277);
	CHECK_INT(t.schema[CORDON_SCHEMA_UNKNOWN], 0);
	CHECK_INT(t.strong, 11904);
	CHECK_INT(t.fka, 369);
	CHECK_INT(t.nka, 18);
	CHECK_INT(t.weak, 2442);
	CHECK_INT(t.weak_aka, 2418);
	CHECK_INT(t.weak_fka, 24);
	CHECK_INT(t.addresses, 13837 - 2397);
	CHECK_INT(t.programs, 10759);
	CHECK_INT(t.birth_dates, 5124);
	CHECK_INT(t.relations, 3408);
	CHECK_INT(t.remarks, 8976 - 569);
	/* 400 "Vessel Registration Identification IMO" plus 17104's "Vessel Registration Identification 8606173" */
	CHECK_INT(t.vessels_with_imo, 401);
	CHECK_INT(t.mmsi, 51);
	cm_collection_dispose(&coll);
}

static void check_banco_nacional(const cm_collection *coll)
{
	const cordon_entity *e = get(coll, "ofac-sdn:306");
	REQUIRE(e);
	CHECK_INT(e->schema, CORDON_SCHEMA_ORGANIZATION);
	CHECK_STR(e->dataset, "ofac-sdn");
	CHECK_STR(e->names[0].full, "BANCO NACIONAL DE CUBA");
	CHECK_INT(e->names[0].kind, CORDON_NAME_PRIMARY);
	CHECK_STR(e->names[0].family, NULL); /* organisations are never split */
	const cordon_name *n = name_of(e, "NATIONAL BANK OF CUBA");
	CHECK(n && n->kind == CORDON_NAME_AKA && !n->weak);
	n = name_of(e, "BNC");
	CHECK(n && n->kind == CORDON_NAME_AKA && n->weak);
	CHECK_INT(e->name_count, 3);
	CHECK_INT(e->program_count, 1);
	CHECK_STR(e->programs[0], "CUBA");
	CHECK_STR(e->remarks, "a.k.a. 'BNC'.");
	CHECK_INT(e->address_count, 4);
	CHECK_STR(e->addresses[0].street, "Zweierstrasse 35");
	CHECK_STR(e->addresses[0].city, "Zurich CH-8022");
	CHECK_STR(e->addresses[0].country, "CH");
	CHECK_STR(e->addresses[0].full, "Zweierstrasse 35, Zurich CH-8022, Switzerland");
	CHECK_INT(e->attribute_count, 0);
}

static void check_prigozhin(const cm_collection *coll)
{
	char buf[64];
	const cordon_entity *e = get(coll, "ofac-sdn:21171");
	REQUIRE(e);
	CHECK_INT(e->schema, CORDON_SCHEMA_PERSON);
	CHECK_STR(e->names[0].full, "PRIGOZHIN, Yevgeniy Viktorovich");
	CHECK_STR(e->names[0].family, "PRIGOZHIN");
	CHECK_STR(e->names[0].given, "Yevgeniy Viktorovich");
	const cordon_name *n = name_of(e, "PRIGOZHIN, Evgeny");
	CHECK(n && !n->weak && n->given && strcmp(n->given, "Evgeny") == 0);
	REQUIRE(e->birth_date_count == 1);
	CHECK_INT(e->birth_dates[0].precision, CORDON_DATE_DAY);
	CHECK_STR(date_str(&e->birth_dates[0], buf), "1961-06-01");
	CHECK_STR(e->gender, "male");
	CHECK_INT(e->relation_count, 1);
	CHECK(has_relation(e, "INTERNET RESEARCH AGENCY LLC"));
	REQUIRE(e->program_count == 3);
	CHECK_STR(e->programs[0], "UKRAINE-EO13661");
	CHECK_STR(e->programs[1], "CYBER2");
	CHECK_STR(e->programs[2], "ELECTION-EO13848");
	REQUIRE(e->address_count == 1);
	CHECK_STR(e->addresses[0].country, "RU");
	CHECK_STR(e->addresses[0].full, "Russia");
}

static void check_deripaska(const cm_collection *coll)
{
	const cordon_entity *e = get(coll, "ofac-sdn:24283");
	REQUIRE(e);
	CHECK_STR(e->names[0].family, "DERIPASKA");
	REQUIRE(e->citizenship_count == 2);
	CHECK_STR(e->citizenships[0], "RU");
	CHECK_STR(e->citizenships[1], "CY");
	CHECK_INT(e->birth_place_count, 1);
	CHECK_STR(e->birth_places[0], "Dzerzhinsk, Nizhny Novgorod Region, Russia");
	CHECK_INT(e->address_count, 3);
	CHECK_INT(e->program_count, 2);
}

static void check_cifuentes(const cm_collection *coll)
{
	/* remarks cut at 1,000 characters inside "PROMO RAI" + "Z S.A.S." from sdn_comments.csv */
	const cordon_entity *e = get(coll, "ofac-sdn:12300");
	REQUIRE(e);
	CHECK(e->remarks && strstr(e->remarks, "Linked To: PROMO RAIZ S.A.S.; Linked To: RED MUNDIAL") != NULL);
	CHECK(has_relation(e, "PROMO RAIZ S.A.S."));
	CHECK(has_relation(e, "R D I S.A.")); /* last item, its own period kept */
	CHECK_INT(e->relation_count, 25);
	CHECK_INT(e->birth_date_count, 3);
	CHECK_INT(e->birth_place_count, 3);
	CHECK_INT(e->identifier_count, 10);
	CHECK_INT(e->address_count, 11);
	/* a cut inside a quoted alias: "a.k.a. 'snowsjo" + "hn'" */
	e = get(coll, "ofac-sdn:28263");
	REQUIRE(e);
	const cordon_name *n = name_of(e, "snowsjohn");
	CHECK(n && n->weak);
	CHECK(has_relation(e, "LAZARUS GROUP"));
}

static void check_vessel_and_aircraft(const cm_collection *coll)
{
	const cordon_entity *e = get(coll, "ofac-sdn:15036");
	REQUIRE(e);
	CHECK_INT(e->schema, CORDON_SCHEMA_VESSEL);
	CHECK_STR(e->names[0].full, "ARTAVIL");
	const cordon_identifier *id = ident(e, CORDON_ID_IMO);
	CHECK_STR(id ? id->value : NULL, "9187629");
	id = ident(e, CORDON_ID_MMSI);
	CHECK_STR(id ? id->value : NULL, "572469210");
	id = ident(e, CORDON_ID_CALL_SIGN);
	CHECK_STR(id ? id->value : NULL, "T2EU4");
	CHECK_STR(attr(e, "vessel_type"), "Crude/Oil Products Tanker");
	CHECK_STR(attr(e, "tonnage"), "99,144");
	CHECK_STR(attr(e, "grt"), "56,068");
	CHECK_STR(attr(e, "vessel_flag"), "Iran");
	CHECK_STR(attr(e, "former_vessel_flag"), "Malta");
	REQUIRE(e->country_count == 1);
	CHECK_STR(e->countries[0], "IR");
	const cordon_name *n = name_of(e, "ALPHA");
	CHECK(n && n->kind == CORDON_NAME_FKA && n->weak);
	n = name_of(e, "ABADAN");
	CHECK(n && n->kind == CORDON_NAME_FKA && !n->weak);
	CHECK(has_relation(e, "NATIONAL IRANIAN TANKER COMPANY"));

	e = get(coll, "ofac-sdn:4243"); /* vessel owner column */
	REQUIRE(e);
	CHECK_STR(attr(e, "vessel_owner"), "Sand & Swan Navigation Co. Ltd.");
	CHECK_STR(e->country_count ? e->countries[0] : NULL, "CY");

	e = get(coll, "ofac-sdn:15431");
	REQUIRE(e);
	CHECK_INT(e->schema, CORDON_SCHEMA_AIRCRAFT);
	CHECK_STR(e->names[0].full, "EP-GOM");
	int msn = 0, tail = 0;
	for (size_t i = 0; i < e->identifier_count; i++) {
		const cordon_identifier *d = &e->identifiers[i];
		CHECK_INT(d->kind, CORDON_ID_AIRCRAFT);
		msn += strcmp(d->value, "1023409321") == 0;
		tail += strcmp(d->value, "EP-GOM") == 0;
	}
	CHECK_INT(e->identifier_count, 3); /* tail number (the name), construction number, MSN */
	CHECK_INT(msn, 1);
	CHECK_INT(tail, 1);
	CHECK_STR(attr(e, "aircraft_model"), "IL76-TD");
	CHECK_STR(attr(e, "aircraft_operator"), "YAS AIR");
	CHECK_STR(attr(e, "aircraft_manufacture_date"), "1992");
	CHECK(has_relation(e, "POUYA AIR"));
}

static void check_dates(const cm_collection *coll)
{
	char buf[64];
	const cordon_entity *e = get(coll, "ofac-sdn:7929"); /* DOB circa 07 Jul 1966 */
	REQUIRE(e && e->birth_date_count == 1);
	CHECK_INT(e->birth_dates[0].circa, 1);
	CHECK_INT(e->birth_dates[0].precision, CORDON_DATE_DAY);
	CHECK_STR(date_str(&e->birth_dates[0], buf), "~1966-07-07");
	e = get(coll, "ofac-sdn:15962"); /* DOB 01 Jan 1961 to 31 Dec 1962 */
	REQUIRE(e && e->birth_date_count == 1);
	CHECK_INT(e->birth_dates[0].precision, CORDON_DATE_RANGE);
	CHECK_STR(date_str(&e->birth_dates[0], buf), "1961-01-01..1962-12-31");
	e = get(coll,
	        "ofac-sdn:12057"); /* DOB 1951 to 1953; alt. DOB 1960 to 1962; alt. DOB Apr 1961; alt. DOB 1953 */
	REQUIRE(e && e->birth_date_count == 4);
	CHECK_STR(date_str(&e->birth_dates[0], buf), "1951-01-01..1953-12-31");
	CHECK_INT(e->birth_dates[2].precision, CORDON_DATE_MONTH);
	CHECK_INT(e->birth_dates[3].precision, CORDON_DATE_YEAR);
	CHECK_INT(e->title_count, 3); /* the Title column holds three titles separated by ';' */
	e = get(coll, "ofac-sdn:11748"); /* DOB circa 1979-1982 */
	REQUIRE(e && e->birth_date_count >= 1);
	CHECK_STR(date_str(&e->birth_dates[0], buf), "~1979-01-01..1982-12-31");
	e = get(coll, "ofac-sdn:6368"); /* a.k.a. ''ABD-AL-'IZ' */
	REQUIRE(e);
	const cordon_name *n = name_of(e, "'ABD-AL-'IZ");
	CHECK(n && n->weak);
	n = name_of(e, "THABIT 'IZ"); /* an individual's alias without a comma stays whole */
	CHECK(n && !n->weak && !n->family);
	const cordon_identifier *id = ident(e, CORDON_ID_PASSPORT);
	CHECK(id && id->country && strcmp(id->country, "SD") == 0);
}

static void test_sdn_records(void)
{
	cm_collection coll;
	csrc_stats st;
	CHECK_INT(run("ofac-sdn", SDN_DIR, &coll, &st), 0);
	check_banco_nacional(&coll);
	check_prigozhin(&coll);
	check_deripaska(&coll);
	check_cifuentes(&coll);
	check_vessel_and_aircraft(&coll);
	check_dates(&coll);
	cm_collection_dispose(&coll);
}

static void test_primary_file_path(void)
{
	/* the primary file itself: siblings are found next to it */
	cm_collection coll;
	csrc_stats st;
	CHECK_INT(run("ofac-sdn", SDN_DIR "/sdn.csv.gz", &coll, &st), 0);
	CHECK_INT(coll.live, 8976);
	CHECK_INT(st.rows, 8976 + 13837 + 11910 + 5);
	const cordon_entity *e = get(&coll, "ofac-sdn:306");
	CHECK(e && e->name_count == 3 && e->address_count == 4);
	cm_collection_dispose(&coll);
	/* ids follow the dataset name given, never a hard-coded one */
	CHECK_INT(run("my-ofac", SDN_DIR, &coll, &st), CORDON_EINVALID); /* no default format for it */
	cm_collection_dispose(&coll);
	warnings[0] = '\0';
	cm_collection_init(&coll);
	CHECK_INT(csrc_run("ofac-csv", "my-ofac", SDN_DIR, &coll, &st, collect_warning), 0);
	CHECK(cm_collection_find(&coll, "my-ofac:306") != NULL);
	cm_collection_dispose(&coll);
}

static void test_consolidated(void)
{
	cm_collection coll;
	csrc_stats st;
	CHECK_INT(run("ofac-cons", CONS_DIR, &coll, &st), 0);
	CHECK_INT(coll.live, 442);
	CHECK_INT(st.rows, 442 + 574 + 1073 + 10);
	CHECK_INT(st.skipped_rows, 0);
	CHECK_INT(warning_count, 0);
	tally t;
	count_all(&coll, &t);
	CHECK_INT(t.schema[CORDON_SCHEMA_ORGANIZATION], 363);
	CHECK_INT(t.schema[CORDON_SCHEMA_PERSON], 79);
	CHECK_INT(t.strong, 1071);
	CHECK_INT(t.fka, 141);
	CHECK_INT(t.weak, 72);
	CHECK_INT(t.addresses, 574 - 52);
	CHECK_INT(t.listing_dates, 94);

	const cordon_entity *e = get(&coll, "ofac-cons:18299");
	REQUIRE(e);
	CHECK_STR(e->names[0].full, "ROSNEFT TRADING S.A.");
	CHECK_INT(e->schema, CORDON_SCHEMA_ORGANIZATION);
	REQUIRE(e->program_count == 2);
	CHECK_STR(e->programs[0], "UKRAINE-EO13662");
	CHECK_STR(e->programs[1], "VENEZUELA-EO13850");
	const cordon_identifier *id = ident(e, CORDON_ID_TAX_ID);
	CHECK(id && strcmp(id->value, "CHE-309.842.573") == 0 && id->country && strcmp(id->country, "CH") == 0);
	id = ident(e, CORDON_ID_REGISTRATION);
	CHECK(id && strcmp(id->value, "CH-660.0.257.011-8") == 0);
	id = ident(e, CORDON_ID_WEBSITE);
	CHECK(id && strcmp(id->value, "www.rosneft.com") == 0);
	CHECK_STR(attr(e, "eo13662_directive_determination"), "Subject to Directive 2");
	CHECK(attr(e, "more_information") != NULL);
	CHECK(has_relation(e, "OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY"));
	REQUIRE(e->address_count == 1);
	CHECK_STR(e->addresses[0].city, "Geneva");
	CHECK_STR(e->addresses[0].country, "CH");

	char buf[64];
	e = get(&coll, "ofac-cons:17014");
	REQUIRE(e);
	CHECK_STR(date_str(&e->listing_date, buf), "2022-02-24");
	cm_collection_dispose(&coll);
}

/* ---- bad input ---- */

static void make_dir(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/ofac_%s", CORDON_TEST_TMP, name);
	mkdir(out, 0755);
}

static void write_file(const char *dir, const char *name, const char *data, size_t len)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "cannot write %s\n", path);
		return;
	}
	fwrite(data, 1, len, f);
	fclose(f);
}

static void write_str(const char *dir, const char *name, const char *data)
{
	write_file(dir, name, data, strlen(data));
}

#define ROW_306                                                                                              \
	"306,\"BANCO NACIONAL DE CUBA\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'BNC'.\"\r\n"
#define ROW_36 "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"

static void test_missing_and_empty(void)
{
	cm_collection coll;
	csrc_stats st;
	CHECK_INT(run("ofac-sdn", CORDON_TEST_TMP "/ofac_no_such_folder", &coll, &st), CORDON_ENOTFOUND);
	CHECK(strstr(cordon_last_error(), "ofac_no_such_folder") != NULL);
	cm_collection_dispose(&coll);

	char dir[512];
	make_dir(dir, sizeof(dir), "nofiles");
	CHECK_INT(run("ofac-sdn", dir, &coll, &st), CORDON_ENOTFOUND);
	CHECK(strstr(cordon_last_error(), "sdn.csv") != NULL);
	cm_collection_dispose(&coll);

	make_dir(dir, sizeof(dir), "empty");
	write_str(dir, "sdn.csv", "");
	CHECK(run("ofac-sdn", dir, &coll, &st) < 0);
	CHECK(strstr(cordon_last_error(), "sdn.csv") != NULL);
	CHECK_INT(coll.live, 0);
	cm_collection_dispose(&coll);

	make_dir(dir, sizeof(dir), "trailer_only");
	write_str(dir, "sdn.csv", "\x1a");
	CHECK(run("ofac-sdn", dir, &coll, &st) < 0);
	cm_collection_dispose(&coll);

	/* the primary alone is enough; the three missing companions are warned about */
	make_dir(dir, sizeof(dir), "primary_only");
	write_str(dir, "sdn.csv", ROW_306 ROW_36 "\x1a");
	CHECK_INT(run("ofac-sdn", dir, &coll, &st), 0);
	CHECK_INT(coll.live, 2);
	CHECK_INT(warning_count, 3);
	CHECK(strstr(warnings, "add.csv") && strstr(warnings, "alt.csv") && strstr(warnings, "sdn_comments.csv"));
	const cordon_entity *e = get(&coll, "ofac-sdn:306");
	CHECK(e && e->name_count == 2 && e->names[1].weak);
	cm_collection_dispose(&coll);

	/* a file that is not this format at all */
	make_dir(dir, sizeof(dir), "wrong_format");
	write_str(dir, "sdn.csv", "id,name\r\n1,foo\r\n2,bar\r\n");
	CHECK(run("ofac-sdn", dir, &coll, &st) < 0);
	CHECK_INT(st.skipped_rows, 3);
	cm_collection_dispose(&coll);
}

static void test_malformed_rows(void)
{
	cm_collection coll;
	csrc_stats st;
	char dir[512];
	make_dir(dir, sizeof(dir), "malformed");
	write_str(
	    dir, "sdn.csv",
	    ROW_306
	    "99,\"SHORT ROW\",-0- ,\"CUBA\"\r\n" /* 4 fields */
	    "98,\"BAD \xff\xfe UTF8, Name\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
	    "abc,\"NO NUMBER\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
	    "306,\"DUPLICATE\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
	    "97,\"ODD TYPE\",\"spaceship\",\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n" ROW_36 "\x1a");
	write_str(dir, "alt.csv",
	          "306,1,\"aka\",\"NATIONAL BANK OF CUBA\",-0- \r\n"
	          "306,2,\"aka\"\r\n" /* 3 fields */
	          "5555,3,\"aka\",\"ORPHAN ALIAS\",-0- \r\n" /* no such party */
	          "98,4,\"fka\",\"OLD, Name\",\"a remark\"\r\n\x1a");
	write_str(dir, "add.csv",
	          "306,10,\"Zweierstrasse 35\",\"Zurich CH-8022\",\"Switzerland\",-0- \r\n"
	          "306,11,-0- ,-0- ,-0- ,-0- \r\n"
	          "36,12,-0- ,\"Gaza\",\"Region: Gaza\",-0- \r\n\x1a");
	write_str(dir, "sdn_comments.csv", "306,\"X\",\"too many\"\r\n");
	CHECK_INT(run("ofac-sdn", dir, &coll, &st), 0);
	CHECK_INT(coll.live, 4); /* 306, 98, 97, 36 */
	/* short row, no number, duplicate, short alias, orphan alias, 3-field comment */
	CHECK_INT(st.skipped_rows, 6);
	CHECK(strstr(warnings, "sdn.csv:2:") != NULL); /* file and line of the short row */
	CHECK(strstr(warnings, "alt.csv:2:") != NULL);
	CHECK(strstr(warnings, "alt.csv:3:") != NULL);
	CHECK(strstr(warnings, "sdn_comments.csv:1:") != NULL);
	CHECK_INT(st.unknown_fields, 1); /* the "spaceship" type */

	const cordon_entity *e = get(&coll, "ofac-sdn:306");
	REQUIRE(e);
	CHECK_STR(e->names[0].full, "BANCO NACIONAL DE CUBA"); /* the first record of a repeated ent_num wins */
	CHECK_INT(e->name_count, 3);
	CHECK_INT(e->address_count, 1); /* the all-null placeholder address is not an address */
	e = get(&coll, "ofac-sdn:98");
	REQUIRE(e);
	CHECK_INT(e->schema, CORDON_SCHEMA_PERSON);
	CHECK(strstr(e->names[0].full, "\xEF\xBF\xBD") != NULL); /* invalid UTF-8 repaired, record kept */
	CHECK_STR(e->names[0].given, "Name");
	const cordon_name *n = name_of(e, "OLD, Name");
	CHECK(n && n->kind == CORDON_NAME_FKA && n->family && strcmp(n->family, "OLD") == 0);
	CHECK_STR(attr(e, "alias_remarks"), "a remark");
	e = get(&coll, "ofac-sdn:97");
	REQUIRE(e);
	CHECK_INT(e->schema, CORDON_SCHEMA_UNKNOWN);
	CHECK_STR(attr(e, "sdn_type"), "spaceship");
	e = get(&coll, "ofac-sdn:36");
	REQUIRE(e && e->address_count == 1);
	CHECK_STR(e->addresses[0].country, NULL);
	CHECK_STR(e->addresses[0].full, "Gaza, Region: Gaza"); /* unmapped country text kept */
	CHECK_STR(attr(e, "address_country"), "Region: Gaza");
	cm_collection_dispose(&coll);
}

static void test_huge_field_and_quotes(void)
{
	cm_collection coll;
	csrc_stats st;
	char dir[512];
	make_dir(dir, sizeof(dir), "huge");
	size_t big = (size_t)CSRC_MAX_FIELD + 100;
	const char *head = "7,\"";
	const char *tail = "\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
	size_t total = strlen(ROW_306) + strlen(head) + big + strlen(tail) + strlen(ROW_36);
	char *data = malloc(total);
	REQUIRE(data);
	char *p = data;
	memcpy(p, ROW_306, strlen(ROW_306));
	p += strlen(ROW_306);
	memcpy(p, head, strlen(head));
	p += strlen(head);
	memset(p, 'N', big);
	p += big;
	memcpy(p, tail, strlen(tail));
	p += strlen(tail);
	memcpy(p, ROW_36, strlen(ROW_36));
	write_file(dir, "sdn.csv", data, total);
	free(data);
	CHECK_INT(run("ofac-sdn", dir, &coll, &st), 0);
	CHECK_INT(coll.live, 2);
	CHECK_INT(st.skipped_rows, 1);
	CHECK(cm_collection_find(&coll, "ofac-sdn:7") == NULL);
	CHECK(strstr(warnings, "sdn.csv:2:") != NULL);
	cm_collection_dispose(&coll);

	/* an unbalanced quote swallows the rest of its record: that record is reported, not invented */
	make_dir(dir, sizeof(dir), "quote");
	write_str(dir, "sdn.csv",
	          ROW_306 "8,\"UNBALANCED,-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n" ROW_36
	                  "\x1a");
	int rc = run("ofac-sdn", dir, &coll, &st);
	CHECK(rc == 0 || rc == CORDON_EPARSE);
	CHECK(cm_collection_find(&coll, "ofac-sdn:306") != NULL);
	CHECK(cm_collection_find(&coll, "ofac-sdn:8") == NULL);
	CHECK(st.skipped_rows >= 1);
	CHECK(strstr(warnings, "sdn.csv:2:") != NULL);
	cm_collection_dispose(&coll);

	/* truncated file: the last record stops inside a quoted field, without a line end */
	make_dir(dir, sizeof(dir), "truncated");
	write_str(dir, "sdn.csv", ROW_306 ROW_36 "37,\"TRUNCATED PARTY\",-0- ,\"CU");
	rc = run("ofac-sdn", dir, &coll, &st);
	CHECK(rc == 0 || rc == CORDON_EPARSE);
	CHECK_INT(coll.live, 2);
	CHECK(cm_collection_find(&coll, "ofac-sdn:37") == NULL);
	CHECK(st.skipped_rows >= 1 || rc == CORDON_EPARSE);
	cm_collection_dispose(&coll);
}

static void test_cons_naming_and_gzip_lookup(void)
{
	/* a folder holding a consolidated set with upper-case names (as the export service writes them) */
	cm_collection coll;
	csrc_stats st;
	char dir[512];
	make_dir(dir, sizeof(dir), "cons_upper");
	write_str(dir, "CONS_PRIM.CSV", ROW_306 "\x1a");
	write_str(dir, "CONS_ALT.CSV", "306,1,\"fka\",\"OLD BANK\",-0- \r\n\x1a");
	write_str(dir, "CONS_COMMENTS.CSV", "306,\"; Linked To: SOMEONE.\"\r\n");
	CHECK_INT(run("ofac-cons", dir, &coll, &st), 0);
	const cordon_entity *e = get(&coll, "ofac-cons:306");
	REQUIRE(e);
	CHECK(name_of(e, "OLD BANK") != NULL);
	/* the comment row continues the remarks without a separator */
	CHECK_STR(e->remarks, "a.k.a. 'BNC'.; Linked To: SOMEONE.");
	CHECK(has_relation(e, "SOMEONE"));
	CHECK_INT(warning_count, 1); /* CONS_ADD.CSV missing */
	cm_collection_dispose(&coll);
}

TEST_MAIN(test_sdn_counts, test_sdn_records, test_primary_file_path, test_consolidated,
          test_missing_and_empty, test_malformed_rows, test_huge_field_and_quotes,
          test_cons_naming_and_gzip_lookup)
