/*
 * UK readers: OFSI ConList.csv (uk-ofsi) and the FCDO UK Sanctions List CSV
 * (uk-sl).
 *
 * The fixtures tests/data/uk/ConList.csv and tests/data/uk/UK-Sanctions-List.csv
 * were WRITTEN BY HAND FROM THE PUBLISHED FORMAT DESCRIPTION (list-formats.md
 * section 10), NOT DOWNLOADED: no real UK file was available. Parties are
 * fictional; see tests/data/uk/README.md. Counts verified with Python's csv
 * module: ConList 11 data rows in 4 groups, UK Sanctions List 14 data rows
 * for 5 Unique IDs.
 */
#include <stdio.h>
#include <string.h>

#include "model/collection.h"
#include "sources/source.h"
#include "test.h"
#include "util/buf.h"
#include "util/strutil.h"

static int warnings;
static char last_warning[1024];
static char seen_path[512], seen_date[32];
static int seen_count;

static void on_warn(csrc_ctx *ctx, const char *message)
{
	(void)ctx;
	warnings++;
	snprintf(last_warning, sizeof(last_warning), "%s", message);
}

static void on_file(csrc_ctx *ctx, const char *path, const char *file_date)
{
	(void)ctx;
	seen_count++;
	snprintf(seen_path, sizeof(seen_path), "%s", path);
	snprintf(seen_date, sizeof(seen_date), "%s", file_date ? file_date : "(none)");
}

static int emit(csrc_ctx *ctx, cm_entity *ent)
{
	return cm_collection_put(ctx->payload, ent);
}

/* Runs a reader directly (csrc_run has no file_seen hook). */
static int run(csrc_read_fn read, const char *dataset, const char *path, cm_collection *coll, csrc_stats *st)
{
	cm_collection_init(coll);
	warnings = seen_count = 0;
	last_warning[0] = seen_path[0] = seen_date[0] = '\0';
	csrc_ctx ctx = {.dataset = dataset, .emit = emit, .warn = on_warn, .file_seen = on_file, .payload = coll};
	int rc = read(&ctx, path);
	*st = ctx.stats;
	return rc;
}

static const cordon_entity *get(const cm_collection *c, const char *id)
{
	const cm_entity *m = cm_collection_find(c, id);
	return m ? &m->e : NULL;
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

static long ymd(const cordon_date *d)
{
	return d->year * 10000L + d->month * 100 + d->day;
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

/* The Russian individual is the same party in both files. */
static void check_russian(const cordon_entity *e, const char *passport_label)
{
	CHECK_INT(e->schema, CORDON_SCHEMA_PERSON);
	CHECK_STR(e->names[0].full, "Vadim Olegovich KOSTROMIN");
	CHECK_INT(e->names[0].kind, CORDON_NAME_PRIMARY);
	CHECK_STR(e->names[0].given, "Vadim Olegovich");
	CHECK_STR(e->names[0].family, "KOSTROMIN");
	CHECK_INT(e->name_count, 5);
	const cordon_name *n = name_of(e, "\xD0\x9A\xD0\x9E\xD0\xA1\xD0\xA2\xD0\xA0\xD0\x9E\xD0\x9C\xD0\x98\xD0\x9D "
	                                  "\xD0\x92\xD0\xB0\xD0\xB4\xD0\xB8\xD0\xBC "
	                                  "\xD0\x9E\xD0\xBB\xD0\xB5\xD0\xB3\xD0\xBE\xD0\xB2\xD0\xB8\xD1\x87");
	REQUIRE(n != NULL);
	CHECK_STR(n->script, "Cyrl");
	CHECK_INT(n->kind, CORDON_NAME_AKA);
	n = name_of(e, "Vadim KOSTROMIN"); /* primary name variation */
	REQUIRE(n != NULL);
	CHECK_INT(n->kind, CORDON_NAME_AKA);
	CHECK(!n->weak);
	n = name_of(e, "Vadik KOSTROMIN");
	REQUIRE(n != NULL);
	CHECK(n->weak);
	CHECK(name_of(e, "Vadime KOSTROMINE") && !name_of(e, "Vadime KOSTROMINE")->weak);
	REQUIRE(e->birth_date_count == 1); /* 00/05/1961 */
	CHECK_INT(e->birth_dates[0].precision, CORDON_DATE_MONTH);
	CHECK_INT(e->birth_dates[0].year, 1961);
	CHECK_INT(e->birth_dates[0].month, 5);
	REQUIRE(e->birth_place_count == 1);
	CHECK_STR(e->birth_places[0], "Leningrad, Russia");
	REQUIRE(e->nationality_count == 1);
	CHECK_STR(e->nationalities[0], "RU");
	CHECK_STR(e->gender, "male");
	const cordon_identifier *pass = ident(e, CORDON_ID_PASSPORT, "720000123");
	REQUIRE(pass != NULL);
	CHECK_STR(pass->label, passport_label);
	CHECK_STR(pass->note, "Russian foreign travel passport, issued 12/04/2014");
	const cordon_identifier *nid = ident(e, CORDON_ID_NATIONAL_ID, "4005 100200");
	REQUIRE(nid != NULL);
	CHECK_STR(nid->note, "Russian internal passport");
	REQUIRE(e->address_count == 1);
	CHECK_STR(e->addresses[0].full, "Ulitsa Zorge 10, Moscow, 125252, Russia");
	CHECK_STR(e->addresses[0].street, "Ulitsa Zorge 10");
	CHECK_STR(e->addresses[0].city, "Moscow");
	CHECK_STR(e->addresses[0].postal_code, "125252");
	CHECK_STR(e->addresses[0].country, "RU");
	CHECK_INT(e->title_count, 2);
	CHECK_INT(ymd(&e->listing_date), 20220315);
	CHECK_STR(attr(e, "statement_of_reasons"), "Vadim KOSTROMIN is a senior officer of the armed forces of the "
	                                           "Russian Federation responsible for actions destabilising Ukraine.");
}

static void test_ofsi_fixture(void)
{
	cm_collection c;
	csrc_stats st;
	const char *path = CORDON_TEST_FIXTURES "/uk/ConList.csv";
	CHECK_INT(run(csrc_read_uk_ofsi, "uk-ofsi", path, &c, &st), 0);
	CHECK_INT(st.rows, 11);
	CHECK_INT(st.skipped_rows, 0);
	CHECK_INT(st.unknown_fields, 0);
	CHECK_INT(c.live, 4);
	CHECK_INT(seen_count, 1);
	CHECK_STR(seen_path, path);
	CHECK_STR(seen_date, "2026-01-28");

	const cordon_entity *e = get(&c, "uk-ofsi:14999");
	REQUIRE(e != NULL);
	check_russian(e, "Passport Number");
	REQUIRE(e->program_count == 1);
	CHECK_STR(e->programs[0], "Russia");
	CHECK_STR(attr(e, "uk_sanctions_list_ref"), "RUS0999");
	CHECK_STR(attr(e, "uk_date_designated"), "2022-03-15");
	CHECK_STR(attr(e, "last_updated"), "2022-03-16");
	CHECK(e->remarks && strncmp(e->remarks, "(UK Sanctions List Ref):RUS0999.", 32) == 0);

	e = get(&c, "uk-ofsi:13001");
	REQUIRE(e != NULL);
	CHECK_STR(e->names[0].full, "Khaled Mahmoud AL-HAMWI");
	REQUIRE(e->birth_date_count == 1); /* 00/00/1975 */
	CHECK_INT(e->birth_dates[0].precision, CORDON_DATE_YEAR);
	CHECK_INT(e->birth_dates[0].year, 1975);
	CHECK(ident(e, CORDON_ID_PHONE, "+963112121816") != NULL);
	CHECK(ident(e, CORDON_ID_PHONE, "+963112121834") != NULL);
	CHECK_INT(ymd(&e->listing_date), 20111202);
	CHECK_STR(attr(e, "uk_sanctions_list_ref"), "SYR0306");

	e = get(&c, "uk-ofsi:15001");
	REQUIRE(e != NULL);
	CHECK_INT(e->schema, CORDON_SCHEMA_ORGANIZATION);
	CHECK_STR(e->names[0].full, "JOINT STOCK COMPANY KALINA DEFENCE SYSTEMS");
	CHECK(e->names[0].family == NULL);
	CHECK_INT(e->name_count, 4);
	CHECK(ident(e, CORDON_ID_REGISTRATION, "OGRN 1027700000001") != NULL);
	CHECK(ident(e, CORDON_ID_REGISTRATION, "INN 7700000001") != NULL);
	CHECK(ident(e, CORDON_ID_WEBSITE, "www.kalina-ds.example") != NULL);
	CHECK(ident(e, CORDON_ID_EMAIL, "info@kalina-ds.example") != NULL);
	CHECK(has_relation(e, "parent", "KALINA HOLDING LLC"));
	CHECK_STR(attr(e, "type_of_entity"), "Joint Stock Company");
	REQUIRE(e->address_count == 1);
	CHECK_STR(e->addresses[0].street, "Prospekt Mira 101, Building 3");
	CHECK_STR(e->addresses[0].city, "Moscow");

	e = get(&c, "uk-ofsi:15500");
	REQUIRE(e != NULL);
	CHECK_INT(e->schema, CORDON_SCHEMA_VESSEL);
	CHECK_STR(e->names[0].full, "OCEAN PEARL");
	const cordon_identifier *imo = ident(e, CORDON_ID_IMO, "9123453");
	REQUIRE(imo != NULL);
	CHECK_STR(imo->label, "IMO number");
	CHECK(has_relation(e, "owner", "NORTHSEA TANKER LLC"));
	REQUIRE(e->country_count == 1);
	CHECK_STR(e->countries[0], "GA");
	CHECK_STR(attr(e, "type_of_ship"), "Crude Oil Tanker");
	cm_collection_dispose(&c);
}

static void test_sl_fixture(void)
{
	cm_collection c;
	csrc_stats st;
	const char *path = CORDON_TEST_FIXTURES "/uk/UK-Sanctions-List.csv";
	CHECK_INT(run(csrc_read_uk_sl, "uk-sl", path, &c, &st), 0);
	CHECK_INT(st.rows, 14);
	CHECK_INT(st.skipped_rows, 0);
	CHECK_INT(st.unknown_fields, 0);
	CHECK_INT(c.live, 5);
	CHECK_INT(seen_count, 1);
	CHECK_STR(seen_date, "2026-01-28");

	const cordon_entity *e = get(&c, "uk-sl:RUS0999");
	REQUIRE(e != NULL);
	check_russian(e, "Passport number");
	REQUIRE(e->program_count == 1);
	CHECK_STR(e->programs[0], "The Russia (Sanctions) (EU Exit) Regulations 2019");
	CHECK_STR(attr(e, "ofsi_group_id"), "14999");
	CHECK_STR(attr(e, "designation_source"), "UK");
	CHECK_STR(e->remarks, "Deputy Commander since 2021.");

	e = get(&c, "uk-sl:AFG0099");
	REQUIRE(e != NULL);
	CHECK_STR(e->names[0].full, "Abdul Qadir NOORZAI");
	CHECK_STR(attr(e, "un_reference_number"), "TAi.199");
	CHECK_STR(attr(e, "designation_source"), "UN");
	REQUIRE(e->birth_date_count == 1); /* dd/mm/1958 */
	CHECK_INT(e->birth_dates[0].precision, CORDON_DATE_YEAR);
	CHECK_INT(e->birth_dates[0].year, 1958);
	CHECK_INT(ymd(&e->listing_date), 20010125);
	size_t imposed = 0;
	for (size_t i = 0; i < e->attribute_count; i++)
		imposed += strcmp(e->attributes[i].key, "sanctions_imposed") == 0;
	CHECK_INT(imposed, 3);

	/* one row per name and address: two addresses, two names, the non-Latin one tagged */
	e = get(&c, "uk-sl:RUS1500");
	REQUIRE(e != NULL);
	CHECK_INT(e->schema, CORDON_SCHEMA_ORGANIZATION);
	CHECK_INT(e->address_count, 2);
	CHECK_INT(e->name_count, 3);
	CHECK(ident(e, CORDON_ID_REGISTRATION, "INN 7700000001") != NULL);
	CHECK(ident(e, CORDON_ID_PHONE, "+74950000001") != NULL);
	CHECK(has_relation(e, "subsidiary", "KALINA SERVICE LLC"));
	CHECK(has_relation(e, "parent", "KALINA HOLDING LLC"));

	e = get(&c, "uk-sl:RUS1800");
	REQUIRE(e != NULL);
	CHECK_INT(e->schema, CORDON_SCHEMA_VESSEL);
	CHECK(ident(e, CORDON_ID_IMO, "9123453") != NULL);
	CHECK(has_relation(e, "previous_owner", "BALTIC CRUDE CARRIERS LTD"));
	CHECK_STR(attr(e, "year_built"), "2004");
	CHECK_STR(attr(e, "tonnage_of_ship"), "81380");
	CHECK_STR(attr(e, "previous_flags"), "Liberia");
	REQUIRE(e->country_count == 1);
	CHECK_STR(e->countries[0], "GA");

	e = get(&c, "uk-sl:SYR0306");
	REQUIRE(e != NULL);
	CHECK(ident(e, CORDON_ID_PHONE, "+963112121834") != NULL);
	CHECK(name_of(e, "Khalid AL-HAMOUI") != NULL);
	cm_collection_dispose(&c);
}

#define OFSI_HEADER                                                                                              \
	"Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script Type,"             \
	"Non-Latin Script Language,DOB,Town of Birth,Country of Birth,Nationality,Passport Number,Passport Details," \
	"National Identification Number,National Identification Details,Position,Address 1,Address 2,Address 3,"   \
	"Address 4,Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Alias Quality,"\
	"Regime,Listed On,UK Sanctions List Date Designated,Last Updated,Group ID\r\n"
/* 36 fields: Name 6, Name 1, 26 empty, Group Type, Alias Type, 5 empty, Group ID */
#define OFSI_ROW(family, given, id)                                                                              \
	family "," given ",,,,,,,,,,,,,,,,,,,,,,,,,,,Individual,Primary name,,,,,," id "\r\n"

static void test_ofsi_bad_input(void)
{
	cm_collection c;
	csrc_stats st;

	CHECK(run(csrc_read_uk_ofsi, "uk-ofsi", CORDON_TEST_TMP "/no-such-ConList.csv", &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "no-such-ConList.csv") != NULL);
	cm_collection_dispose(&c);

	const char *p = tmp_file("ofsi-empty.csv", "", 0);
	CHECK(run(csrc_read_uk_ofsi, "uk-ofsi", p, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "ofsi-empty.csv") != NULL);
	cm_collection_dispose(&c);

	const char *text = "Last Updated,28/01/2026\r\n" OFSI_HEADER;
	p = tmp_file("ofsi-header-only.csv", text, strlen(text));
	CHECK(run(csrc_read_uk_ofsi, "uk-ofsi", p, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "ofsi-header-only.csv") != NULL);
	cm_collection_dispose(&c);

	text = "Last Updated,28/01/2026\r\n";
	p = tmp_file("ofsi-date-only.csv", text, strlen(text));
	CHECK(run(csrc_read_uk_ofsi, "uk-ofsi", p, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "ofsi-date-only.csv") != NULL);
	cm_collection_dispose(&c);

	text = "Last Updated,28/01/2026\r\nName 6,Name 1,Group Type\r\nDOE,John,Individual\r\n";
	p = tmp_file("ofsi-wrong-header.csv", text, strlen(text));
	CHECK(run(csrc_read_uk_ofsi, "uk-ofsi", p, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "ofsi-wrong-header.csv:2") != NULL);
	CHECK(strstr(cordon_last_error(), "\"Group ID\"") != NULL);
	cm_collection_dispose(&c);

	/* no date row: accepted, no file date */
	text = OFSI_HEADER OFSI_ROW("DOE", "John", "1");
	p = tmp_file("ofsi-no-date.csv", text, strlen(text));
	CHECK_INT(run(csrc_read_uk_ofsi, "uk-ofsi", p, &c, &st), 0);
	CHECK_INT(c.live, 1);
	CHECK_STR(seen_date, "(none)");
	CHECK(get(&c, "uk-ofsi:1") != NULL);
	cm_collection_dispose(&c);

	/* unbalanced quote in the last record; invalid UTF-8 repaired */
	text = "Last Updated,28/01/2026\r\n" OFSI_HEADER OFSI_ROW("M\xFCLLER", "Hans", "2")
	       "\"BROKEN,Name,,,\r\n";
	p = tmp_file("ofsi-bad.csv", text, strlen(text));
	CHECK_INT(run(csrc_read_uk_ofsi, "uk-ofsi", p, &c, &st), 0);
	CHECK_INT(st.rows, 2);
	CHECK_INT(st.skipped_rows, 1);
	CHECK(strstr(last_warning, "ofsi-bad.csv:4") != NULL);
	const cordon_entity *e = get(&c, "uk-ofsi:2");
	REQUIRE(e != NULL);
	CHECK_STR(e->names[0].full, "Hans M\xEF\xBF\xBDLLER");
	cm_collection_dispose(&c);

	/* a field over CSRC_MAX_FIELD */
	size_t big = CSRC_MAX_FIELD + 10, n = 0;
	char *huge = malloc(big + 4096);
	REQUIRE(huge != NULL);
	const char *head = OFSI_HEADER OFSI_ROW("FIRST", "A", "3");
	memcpy(huge, head, strlen(head));
	n = strlen(head);
	memset(huge + n, 'X', big);
	n += big;
	const char *tail = ",B,,,,,,,,,,,,,,,,,,,,,,,,,,,Individual,Primary name,,,,,,4\r\n" OFSI_ROW("LAST", "C", "5");
	memcpy(huge + n, tail, strlen(tail));
	n += strlen(tail);
	p = tmp_file("ofsi-huge.csv", huge, n);
	free(huge);
	CHECK_INT(run(csrc_read_uk_ofsi, "uk-ofsi", p, &c, &st), 0);
	CHECK_INT(st.rows, 3);
	CHECK_INT(st.skipped_rows, 1);
	CHECK_INT(c.live, 2);
	CHECK(get(&c, "uk-ofsi:5") != NULL);
	CHECK(get(&c, "uk-ofsi:4") == NULL);
	cm_collection_dispose(&c);
}

#define SL_HEADER                                                                                                 \
	"Last Updated,Unique ID,OFSI Group ID,UN Reference Number,Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,"       \
	"Name type,Alias strength,Title,Name non-latin script,Non-latin script type,Non-latin script language,"     \
	"Regime Name,Designation Type,Designation source,Sanctions Imposed,Other Information,"                      \
	"UK Statement of Reasons,Address Line 1,Address Line 2,Address Line 3,Address Line 4,Address Line 5,"       \
	"Address Line 6,Address Postal Code,Address Country,Phone number,Website,Email address,Date Designated,"    \
	"D.O.B,Nationality(/ies),National Identifier number,National Identifier additional information,"           \
	"Passport number,Passport additional information,Position,Gender,Town of birth,Country of birth,"          \
	"Type of entity,Subsidiaries,Parent company,Business registration number (s),IMO number,"                  \
	"Current owner/operator (s),Previous owner/operator (s),Current believed flag of ship,Previous flags,"     \
	"Type of ship,Tonnage of ship,Length of ship,Year Built,Hull identification number (HIN)\r\n"
/* 58 fields: Last Updated, Unique ID, 2 empty, Name 6, Name 1, Name type, 10 empty, Designation Type, 40 empty */
#define SL_ROW(id, family, given)                                                                                \
	"01/01/2024," id ",,," family "," given ",,,,,Primary Name,,,,,,,Entity,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,," \
	"\r\n"

static void test_sl_bad_input(void)
{
	cm_collection c;
	csrc_stats st;

	CHECK(run(csrc_read_uk_sl, "uk-sl", CORDON_TEST_TMP "/no-such-UK-Sanctions-List.csv", &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "no-such-UK-Sanctions-List.csv") != NULL);
	cm_collection_dispose(&c);

	const char *p = tmp_file("sl-empty.csv", "", 0);
	CHECK(run(csrc_read_uk_sl, "uk-sl", p, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "sl-empty.csv") != NULL);
	cm_collection_dispose(&c);

	const char *text = "Report Date: 28-Jan-2026\r\n" SL_HEADER;
	p = tmp_file("sl-header-only.csv", text, strlen(text));
	CHECK(run(csrc_read_uk_sl, "uk-sl", p, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "sl-header-only.csv") != NULL);
	cm_collection_dispose(&c);

	text = "Report Date: 28-Jan-2026\r\nUnique ID,Name 1,Designation Type\r\nRUS1,John,Individual\r\n";
	p = tmp_file("sl-wrong-header.csv", text, strlen(text));
	CHECK(run(csrc_read_uk_sl, "uk-sl", p, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "sl-wrong-header.csv:2") != NULL);
	CHECK(strstr(cordon_last_error(), "\"Name 6\"") != NULL);
	cm_collection_dispose(&c);

	/* a good row, one with invalid UTF-8, an unreadable report date, an unbalanced quote last */
	text = "Report Date: 31-Feb-2026\r\n" SL_HEADER SL_ROW("RUS1", "GOOD CO", "") SL_ROW("RUS2", "BAD \xC3 CO", "")
	       "01/01/2024,RUS3,,,\"BROKEN,,,\r\n";
	p = tmp_file("sl-bad.csv", text, strlen(text));
	CHECK_INT(run(csrc_read_uk_sl, "uk-sl", p, &c, &st), 0);
	CHECK_INT(st.rows, 3);
	CHECK_INT(st.skipped_rows, 1);
	CHECK_INT(c.live, 2);
	CHECK_STR(seen_date, "(none)");
	CHECK_INT(warnings, 2); /* the date and the broken record */
	CHECK(strstr(last_warning, "sl-bad.csv:5") != NULL);
	const cordon_entity *e = get(&c, "uk-sl:RUS2");
	REQUIRE(e != NULL);
	CHECK_STR(e->names[0].full, "BAD \xEF\xBF\xBD CO");
	CHECK_INT(e->schema, CORDON_SCHEMA_ORGANIZATION);
	cm_collection_dispose(&c);

	/* a field over CSRC_MAX_FIELD */
	size_t big = CSRC_MAX_FIELD + 10, n = 0;
	char *huge = malloc(big + 8192);
	REQUIRE(huge != NULL);
	const char *head = SL_HEADER SL_ROW("RUS4", "FIRST", "") "01/01/2024,RUS5,,,";
	memcpy(huge, head, strlen(head));
	n = strlen(head);
	memset(huge + n, 'X', big);
	n += big;
	const char *tail = ",,,,,,Primary Name,,,,,,,Entity,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\r\n" SL_ROW(
		"RUS6", "LAST", "");
	memcpy(huge + n, tail, strlen(tail));
	n += strlen(tail);
	p = tmp_file("sl-huge.csv", huge, n);
	free(huge);
	CHECK_INT(run(csrc_read_uk_sl, "uk-sl", p, &c, &st), 0);
	CHECK_INT(st.rows, 3);
	CHECK_INT(st.skipped_rows, 1);
	CHECK_INT(c.live, 2);
	CHECK(get(&c, "uk-sl:RUS6") != NULL);
	CHECK(get(&c, "uk-sl:RUS5") == NULL);
	cm_collection_dispose(&c);
}

/* LONG bytes of "Abcdefghij..." (no spaces, so the model's cleaning leaves it as it is), then tail; malloc'd. */
#define LONG 5000
static char *long_text(const char *tail)
{
	size_t tl = strlen(tail);
	char *s = malloc(LONG + tl + 1);
	if (!s)
		return NULL;
	for (size_t i = 0; i < LONG; i++)
		s[i] = (char)(i % 10 ? 'a' + i % 10 : 'A');
	memcpy(s + LONG, tail, tl + 1);
	return s;
}

/* Value of column name in cells ("column", "value" pairs, NULL-ended), or NULL. */
static const char *cell_for(const char *const *cells, const char *name, size_t len)
{
	for (size_t i = 0; cells[i]; i += 2)
		if (strlen(cells[i]) == len && strncmp(cells[i], name, len) == 0)
			return cells[i + 1];
	return NULL;
}

/* Appends one CSV record for header (OFSI_HEADER, SL_HEADER): the given cells quoted, the others empty. */
static int append_row(cu_buf *out, const char *header, const char *const *cells)
{
	int rc = 0;
	for (const char *col = header; rc == 0 && *col != '\r';) {
		size_t len = strcspn(col, ",\r");
		const char *value = cell_for(cells, col, len);
		if (col != header)
			rc = cu_buf_putc(out, ',');
		if (rc == 0 && value)
			rc = cu_buf_printf(out, "\"%s\"", value);
		col += len + (col[len] == ',');
	}
	return rc ? rc : cu_buf_puts(out, "\r\n");
}

static const char *write_buf(const char *name, const cu_buf *b)
{
	return tmp_file(name, b->data, b->len);
}

/* "<text>, <tail>" (malloc'd). */
static char *with_tail(const char *text, const char *tail)
{
	cu_buf b;
	cu_buf_init(&b, 0);
	if (cu_buf_printf(&b, "%s%s", text, tail) != 0) {
		cu_buf_dispose(&b);
		return NULL;
	}
	return cu_buf_take(&b);
}

/* Checks the cells of test_ofsi_long_cells kept whole. */
static void check_ofsi_long(const cordon_entity *e, const char *given, const char *line, const char *town,
                            const char *label)
{
	char *want = with_tail(given, " Second FAMILY");
	CHECK_STR(e->names[0].full, want);
	free(want);
	want = with_tail(given, " Second");
	CHECK_STR(e->names[0].given, want);
	free(want);
	CHECK_STR(e->names[0].family, "FAMILY");
	REQUIRE(e->address_count == 1);
	want = with_tail(line, ", Street 2, Townsville, SW1A 1AA, United Kingdom");
	CHECK_STR(e->addresses[0].full, want);
	free(want);
	want = with_tail(line, ", Street 2");
	CHECK_STR(e->addresses[0].street, want);
	free(want);
	CHECK_STR(e->addresses[0].city, "Townsville");
	REQUIRE(e->birth_place_count == 1);
	want = with_tail(town, ", Russia");
	CHECK_STR(e->birth_places[0], want);
	free(want);
	/* the label's snake-case key: the same letters, lower case */
	char *key = cu_strdup(label);
	REQUIRE(key != NULL);
	cu_ascii_lower(key);
	CHECK_STR(attr(e, key), "kept whole");
	free(key);
}

/* Names, address lines, birth towns and Other Information labels of 5,000 bytes are kept whole. */
static void test_ofsi_long_cells(void)
{
	char *given = long_text("GIVEN"), *line = long_text("LINE"), *town = long_text("TOWN");
	char *label = long_text("LABEL"), *other = label ? with_tail("(", label) : NULL;
	char *info = other ? with_tail(other, "):kept whole") : NULL;
	REQUIRE(given && line && town && info);
	const char *cells[] = {"Name 1", given, "Name 2", "Second", "Name 6", "FAMILY", "Group Type", "Individual",
	                       "Alias Type", "Primary name", "Address 1", line, "Address 2", "Street 2",
	                       "Address 3", "Townsville", "Post/Zip Code", "SW1A 1AA", "Country", "United Kingdom",
	                       "Town of Birth", town, "Country of Birth", "Russia", "Other Information", info,
	                       "Group ID", "7", NULL};
	cu_buf text;
	cu_buf_init(&text, 0);
	CHECK_INT(cu_buf_puts(&text, "Last Updated,28/01/2026\r\n" OFSI_HEADER), 0);
	CHECK_INT(append_row(&text, OFSI_HEADER, cells), 0);
	const char *p = write_buf("ofsi-long.csv", &text);
	cu_buf_dispose(&text);
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run(csrc_read_uk_ofsi, "uk-ofsi", p, &c, &st), 0);
	CHECK_INT(st.skipped_rows, 0);
	CHECK_INT(warnings, 0);
	const cordon_entity *e = get(&c, "uk-ofsi:7");
	if (e)
		check_ofsi_long(e, given, line, town, label);
	CHECK(e != NULL);
	cm_collection_dispose(&c);
	free(given);
	free(line);
	free(town);
	free(label);
	free(other);
	free(info);
}

/* An entity name of 5,000 bytes, a person's five given names of 5,000 bytes each, and a long address. */
static void test_sl_long_cells(void)
{
	char *name = long_text("ENTITY"), *part = long_text("PART"), *line = long_text("LINE");
	REQUIRE(name && part && line);
	const char *org[] = {"Unique ID", "RUS7", "Name 6", name, "Designation Type", "Entity", "Address Line 1", line,
	                     "Address Line 2", "Moscow", NULL};
	const char *person[] = {"Unique ID", "RUS8", "Name 1", part, "Name 2", part, "Name 3", part, "Name 4", part,
	                        "Name 5", part, "Name 6", "FAMILY", "Designation Type", "Individual", NULL};
	cu_buf text;
	cu_buf_init(&text, 0);
	CHECK_INT(cu_buf_puts(&text, "Report Date: 28-Jan-2026\r\n" SL_HEADER), 0);
	CHECK_INT(append_row(&text, SL_HEADER, org), 0);
	CHECK_INT(append_row(&text, SL_HEADER, person), 0);
	const char *p = write_buf("sl-long.csv", &text);
	cu_buf_dispose(&text);
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run(csrc_read_uk_sl, "uk-sl", p, &c, &st), 0);
	CHECK_INT(warnings, 0);
	const cordon_entity *e = get(&c, "uk-sl:RUS7");
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->names[0].full, name);
		REQUIRE(e->address_count == 1);
		CHECK_STR(e->addresses[0].street, line);
		CHECK_STR(e->addresses[0].city, "Moscow");
	}
	cu_buf given;
	cu_buf_init(&given, 0);
	for (int i = 0; i < 5; i++)
		CHECK_INT(cu_buf_printf(&given, "%s%s", i ? " " : "", part), 0);
	e = get(&c, "uk-sl:RUS8");
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->names[0].given, given.data);
		CHECK_INT(strlen(e->names[0].full), 5 * (LONG + 4) + 4 + strlen(" FAMILY"));
	}
	cu_buf_dispose(&given);
	cm_collection_dispose(&c);
	free(name);
	free(part);
	free(line);
}

/* Ids over 64 bytes, and missing ones, are the one limit: the record is skipped with a warning naming the field. */
static void test_long_ids(void)
{
	char id[66];
	memset(id, '9', 65);
	id[65] = '\0';
	const char *long_id[] = {"Name 6", "DOE", "Group Type", "Individual", "Group ID", id, NULL};
	const char *good[] = {"Name 6", "ROE", "Group Type", "Individual", "Group ID", "8", NULL};
	cu_buf text;
	cu_buf_init(&text, 0);
	CHECK_INT(cu_buf_puts(&text, "Last Updated,28/01/2026\r\n" OFSI_HEADER), 0);
	CHECK_INT(append_row(&text, OFSI_HEADER, long_id), 0);
	CHECK_INT(append_row(&text, OFSI_HEADER, good), 0);
	const char *p = write_buf("ofsi-long-id.csv", &text);
	cu_buf_dispose(&text);
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run(csrc_read_uk_ofsi, "uk-ofsi", p, &c, &st), 0);
	CHECK_INT(st.skipped_rows, 1);
	CHECK_INT(warnings, 1);
	CHECK(strstr(last_warning, "ofsi-long-id.csv:3: Group ID longer than 64 bytes, record skipped") != NULL);
	CHECK_INT(c.live, 1);
	cm_collection_dispose(&c);

	const char *no_id[] = {"Name 6", "DOE CO", "Designation Type", "Entity", NULL};
	cu_buf_init(&text, 0);
	CHECK_INT(cu_buf_puts(&text, SL_HEADER SL_ROW("RUS9", "GOOD CO", "")), 0);
	CHECK_INT(append_row(&text, SL_HEADER, no_id), 0);
	p = write_buf("sl-no-id.csv", &text);
	cu_buf_dispose(&text);
	CHECK_INT(run(csrc_read_uk_sl, "uk-sl", p, &c, &st), 0);
	CHECK_INT(st.skipped_rows, 1);
	CHECK(strstr(last_warning, "sl-no-id.csv:3: no Unique ID, record skipped") != NULL);
	cm_collection_dispose(&c);
}

TEST_MAIN(test_ofsi_fixture, test_sl_fixture, test_ofsi_bad_input, test_sl_bad_input, test_ofsi_long_cells,
          test_sl_long_cells, test_long_ids)
