/*
 * EU Financial Sanctions File XML 1.1 reader.
 *
 * No real EU file is available here: tests/data/eu-fsf/sample.xml was written by
 * hand from the published description of the format (list-formats.md section
 * 9.1), not downloaded, and its parties are invented. The expectations below
 * follow from reading that fixture.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/date.h"
#include "sources/source.h"
#include "test.h"
#include "util/input.h"

#define SAMPLE CORDON_TEST_FIXTURES "/eu-fsf/sample.xml"

static int warnings;
static char last_warning[1024];

static void on_warn(csrc_ctx *ctx, const char *message)
{
	(void)ctx;
	warnings++;
	snprintf(last_warning, sizeof(last_warning), "%s", message);
}

static int run_file(const char *path, cm_collection *c, csrc_stats *st)
{
	cm_collection_init(c);
	warnings = 0;
	last_warning[0] = '\0';
	return csrc_run("eu-fsf", "eu-fsf", path, c, st, on_warn);
}

static const cordon_entity *get(const cm_collection *c, const char *id)
{
	cm_entity *e = cm_collection_find(c, id);
	return e ? &e->e : NULL;
}

static int has_attr(const cordon_entity *e, const char *key, const char *value)
{
	for (size_t i = 0; i < e->attribute_count; i++)
		if (strcmp(e->attributes[i].key, key) == 0 && strcmp(e->attributes[i].value, value) == 0)
			return 1;
	return 0;
}

static void date_is(const cordon_date *d, const char *formatted, cordon_date_precision precision)
{
	char buf[64];
	cm_date_format(d, buf, sizeof(buf));
	CHECK_STR(buf, formatted);
	CHECK_INT(d->precision, precision);
}

static void name_is(const cordon_name *n, const char *full, cordon_name_kind kind, int weak, const char *given,
                    const char *family, const char *script)
{
	CHECK_STR(n->full, full);
	CHECK_INT(n->kind, kind);
	CHECK_INT(n->weak, weak);
	CHECK_STR(n->given, given);
	CHECK_STR(n->family, family);
	CHECK_STR(n->script, script);
}

/* Line of the first occurrence of needle in the fixture, so the test follows edits of the file. */
static unsigned long fixture_line(const char *needle)
{
	char *data = NULL;
	size_t len = 0;
	if (cu_read_file(SAMPLE, 1u << 20, &data, &len) != 0)
		return 0;
	const char *at = strstr(data, needle);
	unsigned long line = 1;
	for (const char *p = data; at && p < at; p++)
		line += *p == '\n';
	free(data);
	return at ? line : 0;
}

static void test_sample_counts(void)
{
	cm_collection c;
	csrc_stats st;
	REQUIRE(run_file(SAMPLE, &c, &st) == 0);
	CHECK_INT(st.rows, 5);
	CHECK_INT(st.skipped_rows, 1); /* the sanctionEntity without logicalId */
	CHECK_INT(st.unknown_fields, 1); /* <futureField> */
	CHECK_INT(c.live, 4);
	CHECK_INT(warnings, 1);
	char want[600];
	snprintf(want, sizeof(want), "%s:%lu: sanctionEntity skipped: no logicalId", SAMPLE,
	         fixture_line("euReferenceNumber=\"EU.9005.55\""));
	CHECK_STR(last_warning, want);
	cm_collection_dispose(&c);
}

static char file_date[16];

static void on_file(csrc_ctx *ctx, const char *path, const char *date)
{
	(void)ctx;
	(void)path;
	snprintf(file_date, sizeof(file_date), "%s", date ? date : "(null)");
}

static int drop(csrc_ctx *ctx, cm_entity *ent)
{
	(void)ctx;
	cm_entity_free(ent);
	return 0;
}

static void test_file_date(void)
{
	csrc_ctx ctx = {.dataset = "eu-fsf", .emit = drop, .file_seen = on_file};
	CHECK_INT(csrc_read_eu_fsf(&ctx, SAMPLE), 0);
	CHECK_STR(file_date, "2025-06-12");
}

/* Person with Latin and Cyrillic aliases, a weak alias, two birth dates, a known-false passport. */
static void test_person(void)
{
	cm_collection c;
	csrc_stats st;
	REQUIRE(run_file(SAMPLE, &c, &st) == 0);
	const cordon_entity *e = get(&c, "eu-fsf:130001");
	REQUIRE(e);
	CHECK_INT(e->schema, CORDON_SCHEMA_PERSON);
	REQUIRE(e->name_count == 4);
	name_is(&e->names[0], "Ivan Petrovich Zaretsky", CORDON_NAME_PRIMARY, 0, "Ivan Petrovich", "Zaretsky", NULL);
	name_is(&e->names[1], "Иван Петрович Зарецкий", CORDON_NAME_AKA, 0, "Иван Петрович", "Зарецкий", "ru");
	name_is(&e->names[2], "Ivan Zaretskiy", CORDON_NAME_AKA, 0, "Ivan", "Zaretskiy", NULL);
	name_is(&e->names[3], "Vanya Zaretsky", CORDON_NAME_AKA, 1, NULL, NULL, NULL);
	CHECK_STR(e->gender, "male");
	REQUIRE(e->birth_date_count == 2);
	date_is(&e->birth_dates[0], "1961-06-14", CORDON_DATE_DAY);
	date_is(&e->birth_dates[1], "~1960", CORDON_DATE_YEAR);
	CHECK_INT(e->birth_dates[1].circa, 1);
	REQUIRE(e->birth_place_count == 1); /* the second birthdate has no place and country "00" */
	CHECK_STR(e->birth_places[0], "Volgograd, Russia");
	REQUIRE(e->citizenship_count == 1);
	CHECK_STR(e->citizenships[0], "RU");
	CHECK_INT(e->nationality_count, 0);
	REQUIRE(e->identifier_count == 1);
	CHECK_INT(e->identifiers[0].kind, CORDON_ID_PASSPORT);
	CHECK_STR(e->identifiers[0].label, "National passport");
	CHECK_STR(e->identifiers[0].value, "72 1234567");
	CHECK_STR(e->identifiers[0].country, "RU");
	CHECK_STR(e->identifiers[0].note, "known false; issued by Ministry of Foreign Affairs; valid from 2015-03-01; "
	                                  "valid to 2025-03-01; name on document: Ivan Zaretskii; Fraudulently obtained");
	REQUIRE(e->address_count == 1);
	CHECK_STR(e->addresses[0].street, "ul. Tverskaya 1");
	CHECK_STR(e->addresses[0].city, "Moscow");
	CHECK_STR(e->addresses[0].postal_code, "125009");
	CHECK_STR(e->addresses[0].country, "RU");
	CHECK_STR(e->addresses[0].full, "ul. Tverskaya 1, 125009, Moscow, Russia");
	REQUIRE(e->program_count == 1);
	CHECK_STR(e->programs[0], "UKR");
	REQUIRE(e->title_count == 1);
	CHECK_STR(e->titles[0], "Member of the State Council");
	date_is(&e->listing_date, "2022-02-23", CORDON_DATE_DAY); /* designationDate */
	CHECK_STR(e->remarks, "Member of the State Council of the Russian Federation (invented for tests). "
	                      "Associated with ZARYA DEFENCE HOLDING.");
	CHECK_STR(e->source_url, "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L:2022:042I:FULL");
	CHECK(has_attr(e, "eu_reference_number", "EU.9001.11"));
	CHECK(has_attr(e, "regulation", "2022/260 (OJ L42I)"));
	CHECK_INT(e->attribute_count, 2);
	cm_collection_dispose(&c);
}

static void test_company(void)
{
	cm_collection c;
	csrc_stats st;
	REQUIRE(run_file(SAMPLE, &c, &st) == 0);
	const cordon_entity *e = get(&c, "eu-fsf:130002");
	REQUIRE(e);
	CHECK_INT(e->schema, CORDON_SCHEMA_ORGANIZATION);
	REQUIRE(e->name_count == 3);
	name_is(&e->names[0], "Zarya Defence Holding JSC", CORDON_NAME_PRIMARY, 0, NULL, NULL, NULL);
	name_is(&e->names[1], "АО «Заря Оборонный Холдинг»", CORDON_NAME_AKA, 0, NULL, NULL, "ru");
	name_is(&e->names[2], "ZDH", CORDON_NAME_AKA, 1, NULL, NULL, NULL);
	CHECK(e->gender == NULL);
	REQUIRE(e->identifier_count == 5);
	CHECK_INT(e->identifiers[0].kind, CORDON_ID_REGISTRATION);
	CHECK_STR(e->identifiers[0].value, "1027700123456");
	CHECK_STR(e->identifiers[0].country, "RU");
	CHECK(e->identifiers[0].note == NULL);
	CHECK_INT(e->identifiers[1].kind, CORDON_ID_TAX_ID);
	CHECK_STR(e->identifiers[1].value, "7701234567");
	CHECK_INT(e->identifiers[2].kind, CORDON_ID_PHONE);
	CHECK_STR(e->identifiers[2].value, "+7 495 000 00 00");
	CHECK_INT(e->identifiers[3].kind, CORDON_ID_EMAIL);
	CHECK_STR(e->identifiers[3].value, "info@zarya-holding.example");
	CHECK_INT(e->identifiers[4].kind, CORDON_ID_WEBSITE);
	CHECK_STR(e->identifiers[4].value, "www.zarya-holding.example");
	CHECK(has_attr(e, "contact", "TELEX: 412345 ZARYA")); /* not a phone number */
	CHECK(has_attr(e, "address_remark", "Head office"));
	REQUIRE(e->address_count == 1);
	CHECK_STR(e->addresses[0].street, "Prospekt Mira 100, P.O. Box 17");
	CHECK_STR(e->addresses[0].full, "Prospekt Mira 100, P.O. Box 17, 129085, Moscow, Russia");
	REQUIRE(e->program_count == 2);
	CHECK_STR(e->programs[0], "UKR");
	CHECK_STR(e->programs[1], "RUS");
	/* no designationDate: the earliest regulation publicationDate */
	date_is(&e->listing_date, "2022-04-08", CORDON_DATE_DAY);
	CHECK_STR(e->remarks, "Manufactures military equipment (invented for tests).");
	CHECK_INT(e->birth_date_count, 0);
	CHECK_INT(e->citizenship_count, 0);
	cm_collection_dispose(&c);
}

/* UN-derived person: circa year range, country "00", knownExpired id, identification without number. */
static void test_un_derived(void)
{
	cm_collection c;
	csrc_stats st;
	REQUIRE(run_file(SAMPLE, &c, &st) == 0);
	const cordon_entity *e = get(&c, "eu-fsf:130003");
	REQUIRE(e);
	REQUIRE(e->name_count == 3);
	name_is(&e->names[0], "Abu Hamza al-Qasimi", CORDON_NAME_PRIMARY, 0, "Abu", "Hamza al-Qasimi", NULL);
	name_is(&e->names[1], "أبو حمزة القاسمي", CORDON_NAME_AKA, 0, NULL, NULL, "ar");
	name_is(&e->names[2], "Abu Hamza", CORDON_NAME_AKA, 1, NULL, NULL, NULL);
	REQUIRE(e->title_count == 2);
	CHECK_STR(e->titles[0], "Sheikh");
	CHECK_STR(e->titles[1], "Commander of an armed group");
	REQUIRE(e->birth_date_count == 1);
	date_is(&e->birth_dates[0], "~1975-01-01..1978-12-31", CORDON_DATE_RANGE);
	CHECK_INT(e->birth_dates[0].circa, 1);
	REQUIRE(e->birth_place_count == 1);
	CHECK_STR(e->birth_places[0], "Nineveh, Iraq");
	CHECK_INT(e->citizenship_count, 0); /* "00" is dropped */
	CHECK(has_attr(e, "citizenship_text", "Stateless"));
	REQUIRE(e->identifier_count == 1);
	CHECK_INT(e->identifiers[0].kind, CORDON_ID_NATIONAL_ID);
	CHECK_STR(e->identifiers[0].value, "A1234567");
	CHECK(e->identifiers[0].country == NULL);
	CHECK_STR(e->identifiers[0].note, "known expired; issued 2001-05-02");
	CHECK(has_attr(e, "identification", "Other identification number: Number not known"));
	CHECK(has_attr(e, "un_reference_number", "QDi.998"));
	CHECK_STR(e->programs[0], "TAQA");
	date_is(&e->listing_date, "2011-10-22", CORDON_DATE_DAY);
	CHECK(e->remarks == NULL);
	cm_collection_dispose(&c);
}

/* The first strong alias is primary even after a weak one; legacy code CS; month-precision birth date. */
static void test_primary_and_legacy(void)
{
	cm_collection c;
	csrc_stats st;
	REQUIRE(run_file(SAMPLE, &c, &st) == 0);
	const cordon_entity *e = get(&c, "eu-fsf:130004");
	REQUIRE(e);
	REQUIRE(e->name_count == 2);
	name_is(&e->names[0], "Dragan Marković", CORDON_NAME_PRIMARY, 0, "Dragan", "Marković", NULL);
	name_is(&e->names[1], "Maki", CORDON_NAME_AKA, 1, NULL, NULL, NULL);
	REQUIRE(e->citizenship_count == 1);
	CHECK_STR(e->citizenships[0], "RS");
	REQUIRE(e->birth_date_count == 1);
	date_is(&e->birth_dates[0], "1958-03", CORDON_DATE_MONTH);
	CHECK_STR(e->birth_places[0], "Pljevlja");
	CHECK_STR(e->programs[0], "BAL");
	cm_collection_dispose(&c);
}

/* ---- bad input ---- */

static const char *tmp_path(const char *name)
{
	static char buf[4][512];
	static int i;
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/eu_fsf_%s", CORDON_TEST_TMP, name);
	return buf[i];
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return;
	fwrite(data, 1, len, f);
	fclose(f);
}

static int error_names(const char *path, unsigned long line)
{
	char want[600];
	snprintf(want, sizeof(want), "%s:%lu:", path, line);
	int ok = strstr(cordon_last_error(), want) != NULL;
	if (!ok)
		fprintf(stderr, "  error \"%s\" does not name %s\n", cordon_last_error(), want);
	return ok;
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\" " \
             "generationDate=\"2025-01-01T00:00:00\">\n"
#define ENT(id, name) "<sanctionEntity logicalId=\"" id "\"><subjectType code=\"person\"/><nameAlias wholeName=\"" \
                      name "\" strong=\"true\"/></sanctionEntity>\n"

static void test_missing_empty_not_xml(void)
{
	cm_collection c;
	csrc_stats st;
	const char *missing = tmp_path("missing.xml");
	remove(missing);
	CHECK_INT(run_file(missing, &c, &st), CORDON_ENOTFOUND);
	CHECK(strstr(cordon_last_error(), missing) != NULL);
	cm_collection_dispose(&c);

	const char *empty = tmp_path("empty.xml");
	write_file(empty, "", 0);
	CHECK(run_file(empty, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), empty) && strstr(cordon_last_error(), "empty file"));
	cm_collection_dispose(&c);

	const char *text = tmp_path("not-xml.csv");
	const char *csv = "fileGenerationDate;Entity_LogicalId\n12/06/2025;13\n";
	write_file(text, csv, strlen(csv));
	CHECK(run_file(text, &c, &st) < 0);
	CHECK(error_names(text, 1));
	CHECK(strstr(cordon_last_error(), "not an XML document") != NULL);
	cm_collection_dispose(&c);

	const char *ns = tmp_path("wrong-namespace.xml");
	const char *doc = "<export xmlns=\"urn:something-else\"><sanctionEntity logicalId=\"1\"/></export>\n";
	write_file(ns, doc, strlen(doc));
	CHECK(run_file(ns, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "not an EU FSF export") != NULL);
	cm_collection_dispose(&c);

	const char *un = tmp_path("un-file.xml");
	const char *undoc = "<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>\n";
	write_file(un, undoc, strlen(undoc));
	CHECK(run_file(un, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "not an EU FSF export") != NULL);
	cm_collection_dispose(&c);
}

static void test_truncated(void)
{
	char *data = NULL;
	size_t len = 0;
	REQUIRE(cu_read_file(SAMPLE, 1u << 20, &data, &len) == 0);
	const char *mid = strstr(data, "logicalId=\"130003\"");
	REQUIRE(mid);
	size_t cut = (size_t)(mid - data) + 200;
	unsigned long lines = 1;
	for (size_t i = 0; i < cut; i++)
		lines += data[i] == '\n';
	const char *path = tmp_path("truncated.xml");
	write_file(path, data, cut);
	free(data);
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run_file(path, &c, &st), CORDON_EPARSE);
	CHECK(error_names(path, lines));
	CHECK(strstr(cordon_last_error(), "truncated XML") != NULL);
	CHECK_INT(st.rows, 2); /* the two complete records before the cut were read */
	cm_collection_dispose(&c);
}

/* Invalid UTF-8 makes the XML not well-formed: an error naming the line (documented in xml_util.h). */
static void test_invalid_utf8(void)
{
	const char *doc = HEAD ENT("1", "Good Name") "\n" ENT("2", "Bad \xc3\x28 Name") "</export>\n";
	const char *path = tmp_path("bad-utf8.xml");
	write_file(path, doc, strlen(doc));
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run_file(path, &c, &st), CORDON_EPARSE);
	CHECK(error_names(path, 5));
	cm_collection_dispose(&c);
}

/* A 5 MB wholeName attribute: the record is skipped with a warning, the others are read. */
static void test_huge_attribute(void)
{
	size_t big = 5u << 20;
	const char *pre = HEAD ENT("1", "First") "<sanctionEntity logicalId=\"2\"><nameAlias strong=\"true\" wholeName=\"";
	const char *post = "\"/></sanctionEntity>\n" ENT("3", "Third") "</export>\n";
	size_t lp = strlen(pre), lq = strlen(post);
	char *doc = malloc(lp + big + lq);
	REQUIRE(doc);
	memcpy(doc, pre, lp);
	memset(doc + lp, 'B', big);
	memcpy(doc + lp + big, post, lq);
	const char *path = tmp_path("huge.xml");
	write_file(path, doc, lp + big + lq);
	free(doc);
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run_file(path, &c, &st), 0);
	CHECK_INT(st.rows, 3);
	CHECK_INT(st.skipped_rows, 1);
	CHECK_INT(c.live, 2);
	CHECK(get(&c, "eu-fsf:1") && get(&c, "eu-fsf:3") && !get(&c, "eu-fsf:2"));
	char want[600];
	snprintf(want, sizeof(want), "%s:4: sanctionEntity skipped: value too long in wholeName", path);
	CHECK_STR(last_warning, want);
	cm_collection_dispose(&c);
}

static void test_dtd_refused(void)
{
	const char *doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE export [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n"
	                  "<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\"><sanctionEntity logicalId=\"1\">"
	                  "<nameAlias wholeName=\"&x;\" strong=\"true\"/></sanctionEntity></export>\n";
	const char *path = tmp_path("dtd.xml");
	write_file(path, doc, strlen(doc));
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run_file(path, &c, &st), CORDON_EPARSE);
	CHECK(strstr(cordon_last_error(), path) != NULL);
	CHECK_INT(c.live, 0);
	cm_collection_dispose(&c);
}

TEST_MAIN(test_sample_counts, test_file_date, test_person, test_company, test_un_derived, test_primary_and_legacy,
          test_missing_empty_not_xml, test_truncated, test_invalid_utf8, test_huge_attribute, test_dtd_refused)
