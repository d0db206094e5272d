/*
 * BIS Denied Persons List reader, on data/us-dpl-2022/dpl.txt. Counts verified
 * independently with Python's csv module (delimiter TAB): 581 rows, 460
 * distinct published names, 458 distinct names once upper-cased with
 * punctuation and space runs folded (" I. ASH" = "I. ASH", "AL-NASER  AIRLINES"
 * = "AL NASER AIRLINES"); that group has 8 rows and 4 distinct addresses.
 */
#include <stdio.h>
#include <string.h>

#include "model/collection.h"
#include "sources/source.h"
#include "test.h"
#include "util/strutil.h"

static int warnings;
static char last_warning[1024];

static void on_warn(csrc_ctx *ctx, const char *message)
{
	(void)ctx;
	warnings++;
	snprintf(last_warning, sizeof(last_warning), "%s", message);
}

static int run(const char *path, cm_collection *coll, csrc_stats *stats)
{
	cm_collection_init(coll);
	warnings = 0;
	last_warning[0] = '\0';
	return csrc_run("bis-dpl", "us-dpl", path, coll, stats, on_warn);
}

/* The entity of a normalised name: "us-dpl:" + cu_hash64 of it in 16 hex digits. */
static const cordon_entity *by_norm(const cm_collection *c, const char *normalised)
{
	char id[64];
	snprintf(id, sizeof(id), "us-dpl:%016llx", cu_hash64(normalised, strlen(normalised)));
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

static void test_counts(void)
{
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run(CORDON_TEST_DATA "/us-dpl-2022/dpl.txt", &c, &st), 0);
	CHECK_INT(st.rows, 581);
	CHECK_INT(st.skipped_rows, 0);
	CHECK_INT(st.unknown_fields, 0);
	CHECK_INT(c.live, 458);
	CHECK_INT(warnings, 0);
	size_t programs = 0;
	for (size_t i = 0; i < c.count; i++)
		programs += c.items[i] && c.items[i]->e.program_count == 1 &&
		            strcmp(c.items[i]->e.programs[0], "DPL") == 0;
	CHECK_INT(programs, 458);
	cm_collection_dispose(&c);
}

static void test_multi_address(void)
{
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run(CORDON_TEST_DATA "/us-dpl-2022/dpl.txt", &c, &st), 0);
	const cordon_entity *e = by_norm(&c, "AL NASER AIRLINES");
	REQUIRE(e != NULL);
	CHECK_STR(e->names[0].full, "AL NASER AIRLINES");
	CHECK(name_of(e, "AL-NASER AIRLINES") != NULL); /* the other spelling of the group, spaces cleaned */
	CHECK_INT(e->address_count, 4);
	CHECK_INT(e->schema, CORDON_SCHEMA_ORGANIZATION); /* "AIRLINES" */
	CHECK_INT(ymd(&e->listing_date), 20220513);

	/* " I. ASH" and "I. ASH": one party, three rows, three addresses, earliest effective date */
	e = by_norm(&c, "I ASH");
	REQUIRE(e != NULL);
	CHECK_STR(e->names[0].full, "I. ASH");
	CHECK_INT(e->name_count, 1);
	CHECK_INT(e->address_count, 3);
	CHECK_INT(ymd(&e->listing_date), 20020304);
	CHECK_INT(e->schema, CORDON_SCHEMA_UNKNOWN);

	e = by_norm(&c, "INFOCOM CORPORATION INC");
	REQUIRE(e != NULL);
	CHECK_INT(e->address_count, 2);
	CHECK_INT(e->schema, CORDON_SCHEMA_ORGANIZATION);

	e = by_norm(&c, "NEXIANT LLC");
	REQUIRE(e != NULL);
	CHECK_STR(e->names[0].full, "NEXIANT, LLC"); /* trailing space trimmed */
	CHECK_INT(e->schema, CORDON_SCHEMA_ORGANIZATION);

	/* no Country but a US state: the address is in the US; "y" normalised to "Y" */
	e = by_norm(&c, "MARJAN CABY");
	REQUIRE(e != NULL);
	REQUIRE(e->address_count == 1);
	CHECK_STR(e->addresses[0].country, "US");
	CHECK_STR(e->addresses[0].full, "8500 SW 109TH AVENUE, APT. 211, MIAMI, FL, 33173, US");
	CHECK_STR(attr(e, "standard_order"), "Y");
	cm_collection_dispose(&c);
}

static void test_embedded_aliases(void)
{
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run(CORDON_TEST_DATA "/us-dpl-2022/dpl.txt", &c, &st), 0);
	const cordon_entity *e = by_norm(&c, "PEARL A K A NEI CHIEN CHU LI");
	REQUIRE(e != NULL);
	CHECK_STR(e->names[0].full, "PEARL LI");
	CHECK_INT(e->names[0].kind, CORDON_NAME_PRIMARY);
	CHECK_INT(e->name_count, 3);
	const cordon_name *n = name_of(e, "NEI-CHIEN CHU");
	REQUIRE(n != NULL);
	CHECK_INT(n->kind, CORDON_NAME_AKA);
	CHECK(name_of(e, "PEARL (A.K.A. NEI-CHIEN CHU) LI") != NULL);
	/* the full record */
	REQUIRE(e->address_count == 1);
	CHECK_STR(e->addresses[0].full, "1132 SEAGULL LANE, CHERRY HILL, NJ, 08054, US");
	CHECK_STR(e->addresses[0].street, "1132 SEAGULL LANE");
	CHECK_STR(e->addresses[0].city, "CHERRY HILL");
	CHECK_STR(e->addresses[0].region, "NJ");
	CHECK_STR(e->addresses[0].postal_code, "08054");
	CHECK_STR(e->addresses[0].country, "US");
	CHECK_INT(e->listing_date.precision, CORDON_DATE_DAY);
	CHECK_INT(ymd(&e->listing_date), 20060623);
	CHECK_STR(e->listing_date.text, "06/23/2006");
	CHECK_STR(attr(e, "expiration_date"), "2026-06-23");
	CHECK_STR(attr(e, "standard_order"), "Y");
	CHECK_STR(attr(e, "last_update"), "2007-08-15");
	CHECK_STR(attr(e, "action"), "NAME CORRECTED");
	CHECK_STR(attr(e, "fr_citation"), "71 F.R. 38363 7/6/06");
	REQUIRE(e->program_count == 1);
	CHECK_STR(e->programs[0], "DPL");

	e = by_norm(&c, "IHSAN MEDHAT SAMMY ELASHI");
	REQUIRE(e != NULL);
	CHECK_STR(e->names[0].full, "IHSAN MEDHAT ELASHI");
	CHECK(name_of(e, "SAMMY ELASHI") != NULL);
	CHECK(name_of(e, "IHSAN MEDHAT \"SAMMY\" ELASHI") != NULL);
	CHECK_INT(e->address_count, 2);

	e = by_norm(&c, "SAMMY IHSAN MEDHAT ELASHI");
	REQUIRE(e != NULL);
	CHECK_STR(e->names[0].full, "SAMMY ELASHI");
	CHECK(name_of(e, "IHSAN MEDHAT ELASHI") != NULL);
	CHECK(name_of(e, "SAMMY (IHSAN MEDHAT) ELASHI") != NULL);

	e = by_norm(&c, "FUYI SUN A K A FRANK SUN");
	REQUIRE(e != NULL);
	CHECK_STR(e->names[0].full, "FUYI SUN");
	CHECK(name_of(e, "FRANK SUN") != NULL);

	e = by_norm(&c, "APPLIED SYSTEMS METHODS AND TECHNOLOGY ASMAT");
	REQUIRE(e != NULL);
	CHECK_STR(e->names[0].full, "APPLIED SYSTEMS METHODS AND TECHNOLOGY");
	CHECK(name_of(e, "ASMAT") != NULL);
	cm_collection_dispose(&c);
}

#define HEADER                                                                                                   \
	"\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t"   \
	"\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n"
#define ROW(name)                                                                                                \
	"\"" name "\"\t\"1 MAIN ST\"\t\"DALLAS\"\t\"TX\"\t\"US\"\t\"75001\"\t\"01/02/2020\"\t\"\"\t\"Y\"\t"      \
	"\"2020-01-03\"\t\"FR NOTICE ADDED\"\t\"85 F.R. 1 1/3/2020\"\n"

static void test_bad_input(void)
{
	cm_collection c;
	csrc_stats st;

	CHECK(run(CORDON_TEST_TMP "/no-such-dpl.txt", &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "no-such-dpl.txt") != NULL);
	cm_collection_dispose(&c);

	const char *p = tmp_file("dpl-empty.txt", "", 0);
	CHECK(run(p, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "dpl-empty.txt") != NULL);
	cm_collection_dispose(&c);

	p = tmp_file("dpl-header-only.txt", HEADER, strlen(HEADER));
	CHECK(run(p, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "dpl-header-only.txt") != NULL);
	cm_collection_dispose(&c);

	/* comma-separated instead of TAB: the header has no "Name" column */
	const char *commas = "\"Name\",\"Street_Address\",\"City\",\"Country\"\n\"A\",\"B\",\"C\",\"US\"\n";
	p = tmp_file("dpl-commas.txt", commas, strlen(commas));
	CHECK(run(p, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "dpl-commas.txt:1") != NULL);
	CHECK(strstr(cordon_last_error(), "\"Name\"") != NULL);
	cm_collection_dispose(&c);

	/* an unbalanced quote in the last record */
	const char *bad = HEADER ROW("JOHN DOE") "\"BROKEN NAME\t\"1 MAIN ST\"\t\"DALLAS\"\n";
	p = tmp_file("dpl-bad-quote.txt", bad, strlen(bad));
	CHECK_INT(run(p, &c, &st), 0);
	CHECK_INT(st.rows, 2);
	CHECK_INT(st.skipped_rows, 1);
	CHECK_INT(c.live, 1);
	CHECK(strstr(last_warning, "dpl-bad-quote.txt:3") != NULL);
	CHECK(by_norm(&c, "JOHN DOE") != NULL);
	cm_collection_dispose(&c);

	/* invalid UTF-8 repaired; a blank name skipped */
	const char *utf8 = HEADER ROW("JOS\xC9 PEREZ") ROW("  ");
	p = tmp_file("dpl-utf8.txt", utf8, strlen(utf8));
	CHECK_INT(run(p, &c, &st), 0);
	CHECK_INT(c.live, 1);
	CHECK_INT(st.skipped_rows, 1);
	REQUIRE(c.count >= 1 && c.items[0]);
	CHECK(strstr(c.items[0]->e.names[0].full, "\xEF\xBF\xBD") != NULL);
	cm_collection_dispose(&c);

	/* a field over CSRC_MAX_FIELD */
	size_t big = CSRC_MAX_FIELD + 10, n = 0;
	char *huge = malloc(big + 4096);
	REQUIRE(huge != NULL);
	const char *parts[] = {HEADER, ROW("FIRST PERSON"), "\""};
	for (int i = 0; i < 3; i++) {
		memcpy(huge + n, parts[i], strlen(parts[i]));
		n += strlen(parts[i]);
	}
	memset(huge + n, 'X', big);
	n += big;
	const char *tail = "\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\n" ROW("LAST PERSON");
	memcpy(huge + n, tail, strlen(tail));
	n += strlen(tail);
	p = tmp_file("dpl-huge.txt", huge, n);
	free(huge);
	CHECK_INT(run(p, &c, &st), 0);
	CHECK_INT(st.rows, 3);
	CHECK_INT(st.skipped_rows, 1);
	CHECK_INT(c.live, 2);
	CHECK(by_norm(&c, "LAST PERSON") != NULL);
	cm_collection_dispose(&c);
}

TEST_MAIN(test_counts, test_multi_address, test_embedded_aliases, test_bad_input)
