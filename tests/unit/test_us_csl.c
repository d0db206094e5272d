/*
 * trade.gov Consolidated Screening List reader, on the two bundled samples
 * (data/us-csl-sample). Counts were verified independently with Python's csv
 * module: csl.csv 115 rows (type Entity 46, Individual 20, Vessel 2, empty
 * 47), 110 distinct (source, entity_number, name) keys (the Entity List
 * repeats "Gunther Migeotte" 5 times, the DPL "AL NASER WINGS AIRLINES"
 * twice); consolidated-2025.csv 13 rows with 13 distinct _id (Individual 4,
 * Entity 3, empty 6).
 */
#include <stdio.h>
#include <string.h>

#include "model/collection.h"
#include "sources/source.h"
#include "test.h"
#include "util/buf.h"
#include "util/strutil.h"

static int warnings;
static char first_warning[1024], last_warning[1024];

static void on_warn(csrc_ctx *ctx, const char *message)
{
	(void)ctx;
	if (!warnings++)
		snprintf(first_warning, sizeof(first_warning), "%s", message);
	snprintf(last_warning, sizeof(last_warning), "%s", message);
}

static const cordon_entity *by_name(const cm_collection *c, const char *primary)
{
	for (size_t i = 0; i < c->count; i++)
		if (c->items[i] && c->items[i]->e.name_count && strcmp(c->items[i]->e.names[0].full, primary) == 0)
			return &c->items[i]->e;
	return NULL;
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

static int attr_count(const cordon_entity *e, const char *key)
{
	int n = 0;
	for (size_t i = 0; i < e->attribute_count; i++)
		n += strcmp(e->attributes[i].key, key) == 0;
	return n;
}

static const cordon_identifier *ident(const cordon_entity *e, cordon_id_kind kind, const char *value)
{
	for (size_t i = 0; i < e->identifier_count; i++)
		if (e->identifiers[i].kind == kind && strcmp(e->identifiers[i].value, value) == 0)
			return &e->identifiers[i];
	return NULL;
}

static int has_relation(const cordon_entity *e, const char *kind, const char *target)
{
	for (size_t i = 0; i < e->relation_count; i++)
		if (strcmp(e->relations[i].kind, kind) == 0 && strcmp(e->relations[i].target, target) == 0)
			return 1;
	return 0;
}

static size_t count_schema(const cm_collection *c, cordon_schema s)
{
	size_t n = 0;
	for (size_t i = 0; i < c->count; i++)
		n += c->items[i] && c->items[i]->e.schema == s;
	return n;
}

static int run(const char *path, cm_collection *coll, csrc_stats *stats)
{
	cm_collection_init(coll);
	warnings = 0;
	first_warning[0] = last_warning[0] = '\0';
	return csrc_run("us-csl", "us-csl", path, coll, stats, on_warn);
}

static const char *tmp_file(const char *name, const char *content, size_t len)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/%s", CORDON_TEST_TMP, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		return NULL;
	fwrite(content, 1, len, f);
	fclose(f);
	return path;
}

static void test_older_counts(void)
{
	cm_collection c;
	csrc_stats st;
	int rc = run(CORDON_TEST_DATA "/us-csl-sample/csl.csv", &c, &st);
	CHECK_INT(rc, 0);
	CHECK_INT(st.rows, 115);
	CHECK_INT(st.skipped_rows, 0);
	CHECK_INT(st.unknown_fields, 0);
	CHECK_INT(c.live, 110);
	CHECK_INT(count_schema(&c, CORDON_SCHEMA_PERSON), 20);
	CHECK_INT(count_schema(&c, CORDON_SCHEMA_VESSEL), 2);
	CHECK(count_schema(&c, CORDON_SCHEMA_ORGANIZATION) >= 46); /* 46 typed + inferred from legal forms */
	CHECK_INT(count_schema(&c, CORDON_SCHEMA_AIRCRAFT), 0);
	/* the id is the stable hash of "source|entity_number|name" */
	const char *key = "Specially Designated Nationals (SDN) - Treasury Department|23156|7-28";
	char id[64];
	snprintf(id, sizeof(id), "us-csl:%016llx", cu_hash64(key, strlen(key)));
	const cm_entity *vessel = cm_collection_find(&c, id);
	REQUIRE(vessel != NULL);
	CHECK_STR(vessel->e.names[0].full, "7-28");
	cm_collection_dispose(&c);
}

static void test_older_vessels(void)
{
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run(CORDON_TEST_DATA "/us-csl-sample/csl.csv", &c, &st), 0);
	const cordon_entity *e = by_name(&c, "7-28");
	REQUIRE(e != NULL);
	CHECK_INT(e->schema, CORDON_SCHEMA_VESSEL);
	const cordon_identifier *imo = ident(e, CORDON_ID_IMO, "8898831");
	REQUIRE(imo != NULL);
	CHECK_STR(imo->label, "Vessel Registration Identification");
	CHECK_STR(attr(e, "secondary_sanctions_risk"),
	          "North Korea Sanctions Regulations, sections 510.201 and 510.210");
	CHECK(has_relation(e, "linked_to", "YUSONG SHIPPING CO"));
	CHECK_STR(attr(e, "vessel_flag"), "Democratic People's Republic of Korea");
	REQUIRE(e->country_count == 1);
	CHECK_STR(e->countries[0], "KP");
	REQUIRE(e->program_count == 1);
	CHECK_STR(e->programs[0], "DPRK4");
	CHECK_STR(attr(e, "list_code"), "SDN");
	CHECK_STR(attr(e, "source_list"), "Specially Designated Nationals (SDN) - Treasury Department");
	CHECK_STR(attr(e, "entity_number"), "23156");
	CHECK_STR(e->source_url, "http://bit.ly/1I7ipyR");
	CHECK_STR(attr(e, "source_information_url"), "http://bit.ly/1MLgpye");

	e = by_name(&c, "ADRIAN DARYA 1");
	REQUIRE(e != NULL);
	CHECK(ident(e, CORDON_ID_IMO, "9116412") != NULL);
	CHECK_STR(attr(e, "former_vessel_flag"), "Panama");
	CHECK_STR(attr(e, "vessel_type"), "Crude Oil Tanker");
	CHECK(name_of(e, "GRACE 1") && name_of(e, "GRACE 1")->kind == CORDON_NAME_AKA);
	REQUIRE(e->country_count == 1);
	CHECK_STR(e->countries[0], "IR");
	cm_collection_dispose(&c);
}

static void test_older_individuals(void)
{
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run(CORDON_TEST_DATA "/us-csl-sample/csl.csv", &c, &st), 0);
	const cordon_entity *e = by_name(&c, "AL MAZIDIH, Ghazy Fezza Hishan");
	REQUIRE(e != NULL);
	CHECK_INT(e->schema, CORDON_SCHEMA_PERSON);
	CHECK_STR(e->names[0].family, "AL MAZIDIH");
	CHECK_STR(e->names[0].given, "Ghazy Fezza Hishan");
	CHECK_INT(e->name_count, 5);
	const cordon_name *alias = name_of(e, "HISHAN, Ghazy Fezzaa");
	REQUIRE(alias != NULL);
	CHECK_STR(alias->family, "HISHAN");
	CHECK(name_of(e, "ABU FAYSAL") != NULL);
	REQUIRE(e->birth_date_count == 2); /* "1974; 1975" */
	CHECK_INT(e->birth_dates[0].precision, CORDON_DATE_YEAR);
	CHECK_INT(e->birth_dates[0].year, 1974);
	CHECK_INT(e->birth_dates[1].year, 1975);
	REQUIRE(e->address_count == 1);
	CHECK_STR(e->addresses[0].city, "Zabadani");
	CHECK_STR(e->addresses[0].country, "SY");
	CHECK_STR(e->programs[0], "SDGT");

	e = by_name(&c, "AKBARI, Mohammadreza Ali");
	REQUIRE(e != NULL);
	REQUIRE(e->birth_date_count == 1);
	CHECK_INT(e->birth_dates[0].precision, CORDON_DATE_DAY);
	CHECK_INT(e->birth_dates[0].year * 10000 + e->birth_dates[0].month * 100 + e->birth_dates[0].day, 19671031);
	CHECK(ident(e, CORDON_ID_PASSPORT, "21795618") != NULL);
	CHECK(has_relation(e, "linked_to", "QASEMI, Rostam"));

	e = by_name(&c, "AL 'ANABI, Abu 'Ubaydah Yusuf");
	REQUIRE(e != NULL);
	REQUIRE(e->citizenship_count == 1);
	CHECK_STR(e->citizenships[0], "DZ");
	REQUIRE(e->birth_place_count == 1);
	CHECK_STR(e->birth_places[0], "Annaba, Algeria");

	e = by_name(&c, "AHED AL-ZOUBI, Omran");
	REQUIRE(e != NULL);
	REQUIRE(e->title_count == 1);
	CHECK_STR(e->titles[0], "Minister of Information");

	/* BIS rows carry no type and are not split */
	e = by_name(&c, "ADRIAN MANUEL HERNANDEZ"); /* published with a leading space */
	REQUIRE(e != NULL);
	CHECK_INT(e->schema, CORDON_SCHEMA_UNKNOWN);
	CHECK(e->names[0].family == NULL);
	CHECK_STR(attr(e, "list_code"), "DPL");
	CHECK_STR(attr(e, "end_date"), "2020-10-13");
	CHECK_STR(attr(e, "standard_order"), "Y");
	CHECK_STR(e->remarks, "FR NOTICE ADDED");
	REQUIRE(e->address_count == 1);
	CHECK_STR(e->addresses[0].full, "3037 S. 69TH DRIVE, PHONEIX, AZ, 85043");
	CHECK_STR(e->addresses[0].street, "3037 S. 69TH DRIVE");
	CHECK_STR(e->addresses[0].city, "PHONEIX");
	CHECK_STR(e->addresses[0].region, "AZ");
	CHECK_STR(e->addresses[0].postal_code, "85043");
	CHECK(e->addresses[0].country == NULL);
	CHECK_INT(e->listing_date.year * 10000 + e->listing_date.month * 100 + e->listing_date.day, 20171016);
	cm_collection_dispose(&c);
}

static void test_older_entities(void)
{
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run(CORDON_TEST_DATA "/us-csl-sample/csl.csv", &c, &st), 0);
	/* the row with two U+0092 bytes: repaired to an apostrophe, not fatal */
	const cordon_entity *e = by_name(&c, "A. Leib Ltd.");
	REQUIRE(e != NULL);
	CHECK_INT(e->schema, CORDON_SCHEMA_ORGANIZATION);
	REQUIRE(e->address_count == 1);
	CHECK_STR(e->addresses[0].full, "HA'Assif 19, Binyamina, IL");
	CHECK_STR(e->addresses[0].street, "HA'Assif 19");
	CHECK_STR(e->addresses[0].country, "IL");
	CHECK_STR(attr(e, "list_code"), "EL");
	CHECK_STR(attr(e, "license_requirement"),
	          "For all items subject to the EAR. (See \xC2\xA7" "744.11 of the EAR)"); /* double space cleaned */
	CHECK_STR(attr(e, "license_policy"), "Presumption of denial.");
	CHECK_STR(attr(e, "federal_register_notice"), "81 FR 40174");
	CHECK_INT(e->listing_date.precision, CORDON_DATE_DAY);
	CHECK_INT(e->listing_date.year * 10000 + e->listing_date.month * 100 + e->listing_date.day, 20160621);

	/* five Entity List rows of one party merge: 4 + 1 + 1 + 1 + 1 addresses, earliest start date */
	e = by_name(&c, "Gunther Migeotte");
	REQUIRE(e != NULL);
	CHECK_INT(e->address_count, 8);
	CHECK_INT(e->listing_date.year * 10000 + e->listing_date.month * 100 + e->listing_date.day, 20100628);
	CHECK_INT(attr_count(e, "federal_register_notice"), 2);

	e = by_name(&c, "200G PSA HOLDINGS LLC");
	REQUIRE(e != NULL);
	const cordon_identifier *tax = ident(e, CORDON_ID_TAX_ID, "80-0890696");
	REQUIRE(tax != NULL);
	CHECK_STR(tax->country, "US");
	CHECK_STR(tax->label, "Tax ID No.");
	REQUIRE(e->address_count == 1);
	CHECK_STR(e->addresses[0].street, "80 SW 8th Street Suite 2000");
	CHECK_STR(e->addresses[0].city, "Miami");
	CHECK_STR(e->addresses[0].region, "FL");
	CHECK_STR(e->addresses[0].postal_code, "33130");
	CHECK_STR(e->addresses[0].country, "US");

	/* "...; and Shijiazhuang ... Institute.": leading "and " and the sentence's period dropped */
	e = by_name(&c, "54th Research Institute of China");
	REQUIRE(e != NULL);
	CHECK_INT(e->name_count, 4);
	CHECK(name_of(e, "Shijiazhuang Communication Observation and Control Technology Institute") != NULL);
	CHECK(name_of(e, "Communication, Telemetry and Telecontrol Research Institute (CTI)") != NULL);

	e = by_name(&c, "2904977 CANADA, INC.");
	REQUIRE(e != NULL);
	CHECK(name_of(e, "HAVANTUR CANADA INC.") != NULL); /* an abbreviation keeps its period */

	/* older ids: "NUMBER, TYPE" with non-identifiers turned into attributes */
	size_t with_directive = 0;
	for (size_t i = 0; i < c.count; i++)
		with_directive += c.items[i] && attr(&c.items[i]->e, "executive_order_13662_directive_determination");
	CHECK_INT(with_directive, 26); /* rows whose ids mention "Directive Determination" */
	cm_collection_dispose(&c);
}

static void test_current_layout(void)
{
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run(CORDON_TEST_DATA "/us-csl-sample/consolidated-2025.csv", &c, &st), 0);
	CHECK_INT(st.rows, 13);
	CHECK_INT(st.skipped_rows, 0);
	CHECK_INT(c.live, 13);
	CHECK_INT(count_schema(&c, CORDON_SCHEMA_PERSON), 4);
	CHECK(count_schema(&c, CORDON_SCHEMA_ORGANIZATION) >= 3);

	const cm_entity *m = cm_collection_find(&c, "us-csl:52291");
	REQUIRE(m != NULL);
	const cordon_entity *e = &m->e;
	CHECK_STR(e->names[0].full, "RIM, Ryong Nam");
	CHECK_STR(e->names[0].family, "RIM");
	CHECK_STR(e->names[0].given, "Ryong Nam");
	CHECK_STR(e->gender, "male");
	const cordon_identifier *pass = ident(e, CORDON_ID_PASSPORT, "836238033");
	REQUIRE(pass != NULL);
	CHECK_STR(pass->country, "KP");
	CHECK_INT(e->identifier_count, 1);
	CHECK_STR(attr(e, "secondary_sanctions_risk"),
	          "North Korea Sanctions Regulations, sections 510.201 and 510.210");
	CHECK_STR(attr(e, "transactions_prohibited_for_persons_owned_or_controlled_by_u_s_financial_institutions"),
	          "North Korea Sanctions Regulations section 510.214");
	REQUIRE(e->nationality_count == 1);
	CHECK_STR(e->nationalities[0], "KP");
	REQUIRE(e->birth_date_count == 1);
	CHECK_INT(e->birth_dates[0].year * 10000 + e->birth_dates[0].month * 100 + e->birth_dates[0].day, 19781205);
	CHECK_INT(e->address_count, 2);

	/* natural order in the current file's PLC rows: not split */
	e = by_name(&c, "Mohammed ABU JHEISHEH");
	REQUIRE(e != NULL);
	CHECK(e->names[0].family == NULL);
	CHECK(name_of(e, "Mohammad Mutlaq ABU JHESHEH") != NULL);
	CHECK_STR(e->birth_places[0], "Izna, Hebron");
	CHECK_STR(e->remarks, "HAMAS - Hebron");

	m = cm_collection_find(&c, "us-csl:233a4d725770c81fb561ffe3842c14010c2201971d6be62eca1e613b");
	REQUIRE(m != NULL);
	e = &m->e;
	CHECK_STR(e->names[0].full,
	          "Sinobright Import and Export Company; and any successor, sub-unit, or subsidiary thereof");
	CHECK(name_of(e, "Sinobright Import and Export Company") != NULL);
	CHECK_STR(attr(e, "list_code"), "ISN");
	CHECK_STR(e->programs[0], "INKSNA");

	m = cm_collection_find(&c, "us-csl:18300");
	REQUIRE(m != NULL);
	e = &m->e;
	CHECK(ident(e, CORDON_ID_REGISTRATION, "C122790") != NULL);
	CHECK(ident(e, CORDON_ID_EMAIL, "hrm@rosneft-sh.com.cy") != NULL);
	CHECK_INT(attr_count(e, "executive_order_13662_directive_determination"), 2);
	CHECK_STR(attr(e, "secondary_sanctions_risk"),
	          "Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209");

	e = by_name(&c, "TNK Trading International S.A.");
	REQUIRE(e != NULL);
	const cordon_identifier *vat = ident(e, CORDON_ID_TAX_ID, "CHE-267.936.404");
	REQUIRE(vat != NULL);
	CHECK_STR(vat->label, "V.A.T. Number");
	CHECK_STR(vat->country, "CH");
	CHECK(ident(e, CORDON_ID_REGISTRATION, "CH-660.0.559.011-2") != NULL);
	cm_collection_dispose(&c);
}

/* A 28-column row of the older layout with source, type and name set. */
static int older_row(char *out, size_t size, const char *type, const char *name)
{
	return snprintf(out, size,
	                "Entity List (EL) - Bureau of Industry and Security,,%s,,%s,,,,,,,,,,,,,,,,,,,,,,,\n", type,
	                name);
}

#define OLDER_HEADER                                                                                             \
	"source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,"    \
	"standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,"                 \
	"gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,"       \
	"dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n"

static void test_bad_input(void)
{
	cm_collection c;
	csrc_stats st;
	char row[512], text[4096];

	CHECK(run(CORDON_TEST_TMP "/no-such-csl.csv", &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "no-such-csl.csv") != NULL);
	cm_collection_dispose(&c);

	const char *p = tmp_file("csl-empty.csv", "", 0);
	CHECK(run(p, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "csl-empty.csv") != NULL);
	cm_collection_dispose(&c);

	p = tmp_file("csl-header-only.csv", OLDER_HEADER, strlen(OLDER_HEADER));
	CHECK(run(p, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "csl-header-only.csv") != NULL);
	cm_collection_dispose(&c);

	/* required column "name" missing */
	const char *wrong = "source,entity_number,type,programs,full_name\nEL,,,,X\n";
	p = tmp_file("csl-wrong-header.csv", wrong, strlen(wrong));
	CHECK(run(p, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "csl-wrong-header.csv:1") != NULL);
	CHECK(strstr(cordon_last_error(), "\"name\"") != NULL);
	cm_collection_dispose(&c);

	/* an unbalanced quote on the last line: the record is skipped, the good one kept */
	older_row(row, sizeof(row), "Entity", "Good Trading LLC");
	snprintf(text, sizeof(text), "%s%sEntity List (EL),,,,\"Broken Name,,,\n", OLDER_HEADER, row);
	p = tmp_file("csl-bad-quote.csv", text, strlen(text));
	CHECK_INT(run(p, &c, &st), 0);
	CHECK_INT(st.rows, 2);
	CHECK_INT(st.skipped_rows, 1);
	CHECK_INT(c.live, 1);
	CHECK(by_name(&c, "Good Trading LLC") != NULL);
	CHECK_INT(warnings, 1);
	CHECK(strstr(last_warning, "csl-bad-quote.csv:3") != NULL);
	cm_collection_dispose(&c);

	/* invalid UTF-8 is repaired, an unknown column counted */
	older_row(row, sizeof(row), "Entity", "Bad \xFF\xFE Bytes Ltd");
	size_t hl = strlen(OLDER_HEADER) - 1;
	snprintf(text, sizeof(text), "%.*s,extra\n%.*s,something\n", (int)hl, OLDER_HEADER, (int)strlen(row) - 1, row);
	p = tmp_file("csl-utf8.csv", text, strlen(text));
	CHECK_INT(run(p, &c, &st), 0);
	CHECK_INT(c.live, 1);
	CHECK_INT(st.unknown_fields, 1);
	REQUIRE(c.count == 1 && c.items[0]);
	CHECK(strstr(c.items[0]->e.names[0].full, "\xEF\xBF\xBD") != NULL);
	CHECK(strstr(c.items[0]->e.names[0].full, "Bytes Ltd") != NULL);
	cm_collection_dispose(&c);

	/* a field over CSRC_MAX_FIELD: that record is skipped */
	size_t big = CSRC_MAX_FIELD + 100;
	char *huge = malloc(strlen(OLDER_HEADER) + big + 1024);
	REQUIRE(huge != NULL);
	size_t n = 0;
	memcpy(huge, OLDER_HEADER, strlen(OLDER_HEADER));
	n += strlen(OLDER_HEADER);
	n += (size_t)older_row(huge + n, 512, "Entity", "First Ltd");
	memcpy(huge + n, "EL,,Entity,,", 12);
	n += 12;
	memset(huge + n, 'A', big);
	n += big;
	memcpy(huge + n, ",,,,,,,,,,,,,,,,,,,,,,,\n", 24);
	n += 24;
	n += (size_t)older_row(huge + n, 512, "Entity", "Last Ltd");
	p = tmp_file("csl-huge.csv", huge, n);
	free(huge);
	CHECK_INT(run(p, &c, &st), 0);
	CHECK_INT(st.rows, 3);
	CHECK_INT(st.skipped_rows, 1);
	CHECK_INT(c.live, 2);
	CHECK(by_name(&c, "Last Ltd") != NULL);
	CHECK(strstr(last_warning, "csl-huge.csv:3: field 5 longer than") != NULL); /* field 5 is name */
	cm_collection_dispose(&c);
}

/* 5,000 letters (no spaces, so the model's cleaning leaves them as they are), malloc'd. */
static char *long_text(void)
{
	char *s = malloc(5001);
	if (s) {
		for (size_t i = 0; i < 5000; i++)
			s[i] = (char)('a' + i % 26);
		s[5000] = '\0';
	}
	return s;
}

/*
 * Long cells are kept whole: an `ids` label of 5,000 letters keys its attribute
 * in full, a 5,000-byte street stays whole. An `_id` over 255 bytes, or a
 * missing name, skips the record with a warning naming line and field.
 */
static void test_long_cells(void)
{
	char *text_long = long_text(), id[257];
	REQUIRE(text_long != NULL);
	memset(id, '7', 256);
	id[256] = '\0';
	cu_buf text;
	cu_buf_init(&text, 0);
	CHECK_INT(cu_buf_printf(&text,
	                        "_id,source,type,name,addresses,ids\n"
	                        "1,EL,Entity,Long Label Co,\"%s, Shanghai, CN\",\"%s, value-123\"\n"
	                        "%s,EL,Entity,Long Id Co,,\n"
	                        "3,EL,Entity,,,\n",
	                        text_long, text_long, id),
	          0);
	const char *p = tmp_file("csl-long.csv", text.data, text.len);
	cu_buf_dispose(&text);
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run(p, &c, &st), 0);
	CHECK_INT(st.rows, 3);
	CHECK_INT(st.skipped_rows, 2);
	CHECK_INT(warnings, 2);
	CHECK(strstr(first_warning, "csl-long.csv:3: _id longer than 255 bytes, record skipped") != NULL);
	CHECK(strstr(last_warning, "csl-long.csv:4: no name, record skipped") != NULL);
	const cordon_entity *e = by_name(&c, "Long Label Co");
	REQUIRE(e != NULL);
	CHECK_STR(attr(e, text_long), "value-123");
	REQUIRE(e->address_count == 1);
	CHECK_STR(e->addresses[0].street, text_long);
	CHECK_STR(e->addresses[0].city, "Shanghai");
	CHECK(by_name(&c, "Long Id Co") == NULL);
	cm_collection_dispose(&c);
	free(text_long);
}

TEST_MAIN(test_older_counts, test_older_vessels, test_older_individuals, test_older_entities, test_current_layout,
          test_bad_input, test_long_cells)
