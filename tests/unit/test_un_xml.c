/*
 * UN consolidated list reader on the bundled data/un-2026/consolidated.xml.gz.
 * Expected numbers were established independently with Python's xml.etree over
 * the gunzipped file (730 INDIVIDUAL, 273 ENTITY, 16 entities with an IMO
 * number in COMMENTS1, 679 individuals with a DOB, 229 with a Low alias, ...);
 * the name totals come from a separate Python model of the alias rules written
 * down at the top of src/sources/un_xml.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/date.h"
#include "sources/source.h"
#include "test.h"
#include "util/input.h"

#define UN_FILE CORDON_TEST_DATA "/un-2026/consolidated.xml.gz"

static int warnings;
static char last_warning[1024];

static void on_warn(csrc_ctx *ctx, const char *message)
{
	(void)ctx;
	warnings++;
	snprintf(last_warning, sizeof(last_warning), "%s", message);
}

static cm_collection coll;
static csrc_stats stats;
static int loaded = -1;

static int load(void)
{
	if (loaded < 0) {
		cm_collection_init(&coll);
		loaded = csrc_run("un-xml", "un", UN_FILE, &coll, &stats, on_warn);
	}
	return loaded;
}

static const cordon_entity *get(const char *id)
{
	cm_entity *e = cm_collection_find(&coll, id);
	return e ? &e->e : NULL;
}

static const cordon_name *find_name(const cordon_entity *e, const char *full)
{
	for (size_t i = 0; i < e->name_count; i++)
		if (strcmp(e->names[i].full, full) == 0)
			return &e->names[i];
	return NULL;
}

static int has_name(const cordon_entity *e, const char *full, cordon_name_kind kind, int weak, const char *script)
{
	const cordon_name *n = find_name(e, full);
	if (!n) {
		fprintf(stderr, "  name not found: %s in %s\n", full, e->id);
		return 0;
	}
	return n->kind == kind && n->weak == weak &&
	       ((!script && !n->script) || (script && n->script && strcmp(script, n->script) == 0));
}

static int has_attr(const cordon_entity *e, const char *key, const char *value)
{
	for (size_t i = 0; i < e->attribute_count; i++)
		if (strcmp(e->attributes[i].key, key) == 0 && strcmp(e->attributes[i].value, value) == 0)
			return 1;
	return 0;
}

static int has_str(const char *const *arr, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(arr[i], s) == 0)
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

static char file_date[16];
static int files_seen;

static void on_file(csrc_ctx *ctx, const char *path, const char *date)
{
	(void)ctx;
	(void)path;
	files_seen++;
	snprintf(file_date, sizeof(file_date), "%s", date ? date : "(null)");
}

static int count_emit(csrc_ctx *ctx, cm_entity *ent)
{
	(void)ctx;
	cm_entity_free(ent);
	return 0;
}

static void test_counts(void)
{
	REQUIRE(load() == 0);
	CHECK_INT(stats.rows, 1003);
	CHECK_INT(stats.skipped_rows, 0);
	CHECK_INT(stats.unknown_fields, 0);
	CHECK_INT(stats.bytes, 2030620); /* gunzipped size */
	CHECK_INT(coll.live, 1003);
	CHECK_INT(warnings, 0);
	size_t persons = 0, orgs = 0, imo = 0, with_imo = 0, with_dob = 0, with_nat = 0, male = 0, female = 0;
	size_t with_weak = 0, docs = 0;
	for (size_t i = 0; i < coll.count; i++) {
		const cordon_entity *e = &coll.items[i]->e;
		persons += e->schema == CORDON_SCHEMA_PERSON;
		orgs += e->schema == CORDON_SCHEMA_ORGANIZATION;
		size_t n_imo = 0;
		for (size_t k = 0; k < e->identifier_count; k++)
			n_imo += e->identifiers[k].kind == CORDON_ID_IMO;
		imo += n_imo;
		with_imo += n_imo > 0;
		with_dob += e->birth_date_count > 0;
		int nat_text = 0;
		for (size_t k = 0; k < e->attribute_count; k++)
			nat_text |= strcmp(e->attributes[k].key, "nationality_text") == 0;
		with_nat += e->nationality_count > 0 || nat_text;
		male += e->gender && strcmp(e->gender, "male") == 0;
		female += e->gender && strcmp(e->gender, "female") == 0;
		int weak = 0;
		for (size_t k = 0; k < e->name_count; k++)
			weak |= e->names[k].weak;
		with_weak += weak;
		docs += e->identifier_count - n_imo;
	}
	CHECK_INT(persons, 730);
	CHECK_INT(orgs, 273);
	CHECK_INT(imo, 16);
	CHECK_INT(with_imo, 16);
	CHECK_INT(with_dob, 679);
	CHECK_INT(with_nat, 625);
	CHECK_INT(male, 52);
	CHECK_INT(female, 2);
	CHECK_INT(with_weak, 229);
	/* 454 documents carry a NUMBER; a few repeat the same number within one entry */
	CHECK(docs > 430 && docs <= 454);
}

static void test_file_seen(void)
{
	csrc_ctx ctx = {.dataset = "un", .emit = count_emit, .file_seen = on_file};
	CHECK_INT(csrc_read_un_xml(&ctx, UN_FILE), 0);
	CHECK_INT(files_seen, 1);
	CHECK_STR(file_date, "2026-02-27");
	CHECK_INT(ctx.stats.rows, 1003);
}

/* Name totals over the whole list, against the independent Python model. */
static void test_name_totals(void)
{
	REQUIRE(load() == 0);
	size_t names = 0, primary = 0, aka = 0, fka = 0, weak = 0, arab = 0, cyrl = 0, hani = 0, semicolon = 0;
	for (size_t i = 0; i < coll.count; i++) {
		const cordon_entity *e = &coll.items[i]->e;
		CHECK(e->name_count > 0 && e->names[0].kind == CORDON_NAME_PRIMARY);
		for (size_t k = 0; k < e->name_count; k++) {
			const cordon_name *n = &e->names[k];
			names++;
			primary += n->kind == CORDON_NAME_PRIMARY;
			aka += n->kind == CORDON_NAME_AKA;
			fka += n->kind == CORDON_NAME_FKA;
			weak += n->weak;
			semicolon += strchr(n->full, ';') != NULL;
			arab += n->script && strcmp(n->script, "Arab") == 0;
			cyrl += n->script && strcmp(n->script, "Cyrl") == 0;
			hani += n->script && strcmp(n->script, "Hani") == 0;
			CHECK(n->given == NULL && n->family == NULL);
		}
	}
	CHECK_INT(names, 4255);
	CHECK_INT(primary, 1003);
	CHECK_INT(aka, 3193);
	CHECK_INT(fka, 59);
	CHECK_INT(weak, 646);
	CHECK_INT(arab, 400);
	CHECK_INT(cyrl, 42);
	CHECK_INT(hani, 5);
	CHECK_INT(semicolon, 0); /* the 27 packed aliases and the packed entity name are all split */
}

static void test_daedong(void)
{
	REQUIRE(load() == 0);
	const cordon_entity *e = get("un:KPe.023"); /* REFERENCE_NUMBER has a trailing space */
	REQUIRE(e);
	CHECK_INT(e->schema, CORDON_SCHEMA_ORGANIZATION);
	REQUIRE(e->name_count == 4);
	CHECK_STR(e->names[0].full, "DAEDONG CREDIT BANK (DCB)");
	CHECK_INT(e->names[0].kind, CORDON_NAME_PRIMARY);
	CHECK_STR(e->names[1].full, "DCB");
	CHECK_STR(e->names[2].full, "Taedong Credit Bank");
	CHECK_STR(e->names[3].full, "Dae-Dong Credit Bank");
	for (size_t i = 1; i < 4; i++)
		CHECK(e->names[i].kind == CORDON_NAME_AKA && !e->names[i].weak && !e->names[i].script);
	REQUIRE(e->address_count == 2);
	CHECK_STR(e->addresses[0].street, "Suite 401, Potonggang Hotel, Ansan-Dong, Pyongchon District");
	CHECK_STR(e->addresses[0].city, "Pyongyang");
	CHECK_STR(e->addresses[0].country, "KP");
	CHECK_STR(e->addresses[0].full, "Suite 401, Potonggang Hotel, Ansan-Dong, Pyongchon District, Pyongyang, "
	                                "Democratic People's Republic of Korea");
	CHECK_STR(e->addresses[1].street, "Ansan-dong, Botonggang Hotel, Pongchon");
	CHECK_STR(e->addresses[1].country, "KP");
	REQUIRE(e->program_count == 1);
	CHECK_STR(e->programs[0], "DPRK");
	date_is(&e->listing_date, "2016-03-02", CORDON_DATE_DAY);
	static const char remark[] = "SWIFT: DCBKKPPY. Daedong Credit Bank has provided";
	CHECK(e->remarks && strncmp(e->remarks, remark, sizeof(remark) - 1) == 0);
	CHECK(e->remarks && strstr(e->remarks, "by using deceptive financial practices."));
	CHECK_INT(e->identifier_count, 0);
	CHECK_INT(e->birth_date_count, 0);
	CHECK(has_attr(e, "un_dataid", "6908499"));
	CHECK(has_attr(e, "last_updated", "2022-07-26"));
	CHECK(e->gender == NULL);
}

/* Taliban entry with seven aliases (one mixing Latin and Arabic) and three kinds of DOB. */
static void test_taliban(void)
{
	REQUIRE(load() == 0);
	const cordon_entity *e = get("un:TAi.148");
	REQUIRE(e);
	CHECK_INT(e->schema, CORDON_SCHEMA_PERSON);
	REQUIRE(e->name_count == 10);
	CHECK_STR(e->names[0].full, "ABDUL HABIB ALIZAI");
	CHECK(has_name(e, "عبد الحبیب عالیزی", CORDON_NAME_AKA, 0, "Arab")); /* NAME_ORIGINAL_SCRIPT */
	CHECK(has_name(e, "Haji Agha Jan Alizai", CORDON_NAME_AKA, 0, NULL));
	CHECK(has_name(e, "Hajji Agha Jan", CORDON_NAME_AKA, 0, NULL));
	CHECK(has_name(e, "Agha Jan Alazai", CORDON_NAME_AKA, 0, NULL));
	CHECK(has_name(e, "Haji Loi Lala", CORDON_NAME_AKA, 0, NULL));
	CHECK(has_name(e, "Loi Agha", CORDON_NAME_AKA, 0, NULL));
	CHECK(has_name(e, "Abdul Habib", CORDON_NAME_AKA, 0, NULL));
	/* "Agha Jan Alizai اغا جان عالیزی" with NOTE "formerly listed as" */
	CHECK(has_name(e, "Agha Jan Alizai", CORDON_NAME_FKA, 0, NULL));
	CHECK(has_name(e, "اغا جان عالیزی", CORDON_NAME_FKA, 0, "Arab"));
	CHECK(has_attr(e, "alias_note", "Agha Jan Alizai اغا جان عالیزی: formerly listed as"));
	REQUIRE(e->birth_date_count == 4);
	date_is(&e->birth_dates[0], "1963-10-15", CORDON_DATE_DAY);
	date_is(&e->birth_dates[1], "1973-02-14", CORDON_DATE_DAY);
	date_is(&e->birth_dates[2], "1967", CORDON_DATE_YEAR);
	CHECK_INT(e->birth_dates[2].circa, 0);
	date_is(&e->birth_dates[3], "~1957", CORDON_DATE_YEAR);
	CHECK_INT(e->birth_dates[3].circa, 1);
	REQUIRE(e->birth_place_count == 2);
	CHECK_STR(e->birth_places[0], "Yatimchai village, Musa Qala District, Helmand Province, Afghanistan");
	CHECK_STR(e->birth_places[1], "Kandahar Province, Afghanistan");
	REQUIRE(e->nationality_count == 1);
	CHECK_STR(e->nationalities[0], "AF");
	REQUIRE(e->title_count == 2); /* "Haji" twice, "Hadji" */
	CHECK_STR(e->titles[0], "Haji");
	CHECK_STR(e->titles[1], "Hadji");
	CHECK_STR(e->programs[0], "Taliban");
	date_is(&e->listing_date, "2010-11-04", CORDON_DATE_DAY);
	CHECK(has_attr(e, "last_updated", "2014-02-11"));
	CHECK_INT(e->address_count, 0); /* only an empty COUNTRY */
	CHECK_INT(e->identifier_count, 0);
}

/* ISIL leader: Arabic original script, Low aliases, a packed Low alias in two scripts, BETWEEN ranges elsewhere. */
static void test_isil(void)
{
	REQUIRE(load() == 0);
	const cordon_entity *e = get("un:QDi.299");
	REQUIRE(e);
	CHECK_STR(e->names[0].full, "IBRAHIM AWWAD IBRAHIM ALI AL-BADRI AL-SAMARRAI");
	CHECK(has_name(e, "إبراهيم عواد إبراهيم علي البدري السامرائي", CORDON_NAME_AKA, 0, "Arab"));
	CHECK(has_name(e, "Dr. Ibrahim ‘Awwad Ibrahim ’Ali al-Badri al-Samarrai’", CORDON_NAME_AKA, 0, NULL));
	CHECK(has_name(e, "أبو دعاء", CORDON_NAME_AKA, 1, "Arab"));
	CHECK(has_name(e, "Dr. Ibrahim", CORDON_NAME_AKA, 1, NULL));
	/* 'أبو بكر البغدادي الحسيني القريشي (Abu Bakr al-Baghdadi al-Husayni al-Quraishi; Abu Bakr al-Baghdadi)' */
	CHECK(has_name(e, "أبو بكر البغدادي الحسيني القريشي", CORDON_NAME_AKA, 1, "Arab"));
	CHECK(has_name(e, "Abu Bakr al-Baghdadi al-Husayni al-Quraishi", CORDON_NAME_AKA, 1, NULL));
	CHECK(has_name(e, "Abu Bakr al-Baghdadi", CORDON_NAME_AKA, 1, NULL));
	CHECK_INT(e->name_count, 8);
	REQUIRE(e->birth_date_count == 1);
	date_is(&e->birth_dates[0], "1971", CORDON_DATE_YEAR);
	REQUIRE(e->identifier_count == 1);
	CHECK_INT(e->identifiers[0].kind, CORDON_ID_NATIONAL_ID);
	CHECK_STR(e->identifiers[0].label, "National Identification Number");
	CHECK_STR(e->identifiers[0].value, "0134852");
	CHECK_STR(e->identifiers[0].note, "type: Ration card number:");
	CHECK(has_str(e->titles, e->title_count, "Dr."));
	CHECK_STR(e->programs[0], "Al-Qaida");

	const cordon_entity *t = get("un:TAi.002"); /* BETWEEN + NOTE "Approximately" twice */
	REQUIRE(t && t->birth_date_count == 2);
	date_is(&t->birth_dates[0], "~1955-01-01..1958-12-31", CORDON_DATE_RANGE);
	date_is(&t->birth_dates[1], "~1945-01-01..1950-12-31", CORDON_DATE_RANGE);
	CHECK_INT(t->attribute_count, 2); /* un_dataid, last_updated: "Approximately" is not a note */
}

static void test_scripts_in_aliases(void)
{
	REQUIRE(load() == 0);
	const cordon_entity *e = get("un:KPi.035");
	REQUIRE(e);
	CHECK_STR(e->names[0].full, "KIM CHOL SAM");
	CHECK(has_name(e, "Jin Tiesan", CORDON_NAME_AKA, 0, NULL));
	CHECK(has_name(e, "金铁三", CORDON_NAME_AKA, 0, "Hani"));
	CHECK_INT(e->name_count, 3);
	REQUIRE(e->identifier_count == 1);
	CHECK_INT(e->identifiers[0].kind, CORDON_ID_PASSPORT);
	CHECK_STR(e->identifiers[0].value, "645120378");
	CHECK_STR(e->identifiers[0].country, "KP");
	date_is(&e->birth_dates[0], "1971-03-11", CORDON_DATE_DAY);

	const cordon_entity *q = get("un:QDi.363"); /* NOTE "original script: Абу Банат" on Low aliases */
	REQUIRE(q);
	CHECK(has_name(q, "Абдурахманов Магомед Магомедзакирович", CORDON_NAME_AKA, 0, "Cyrl"));
	CHECK(has_name(q, "Abu Banat", CORDON_NAME_AKA, 1, NULL));
	CHECK(has_name(q, "Абу Банат", CORDON_NAME_AKA, 1, "Cyrl"));
	CHECK(has_attr(q, "alias_note", "Abu Banat: original script: Абу Банат"));

	const cordon_entity *k = get("un:QDi.366"); /* "Amir Khazmat (original script: Амир Хазмат)" style */
	REQUIRE(k);
	CHECK(find_name(k, "original script: Амир Хазмат") == NULL);
	for (size_t i = 0; i < k->name_count; i++)
		CHECK(strstr(k->names[i].full, "original script") == NULL);
}

static void test_packed_aliases(void)
{
	REQUIRE(load() == 0);
	const cordon_entity *e = get("un:IRi.038"); /* nine spellings in one alias */
	REQUIRE(e);
	static const char *const salimi[] = {"Husain Salimi", "Hosain Salimi", "Hussain Salimi",
	                                     "Hosein Saleemi", "Husain Saleemi", "Hosain Saleemi",
	                                     "Hussain Saleemi", "Hossein Salimi", "Hossein Saleemi"};
	for (size_t i = 0; i < 9; i++)
		CHECK(has_name(e, salimi[i], CORDON_NAME_AKA, 0, NULL));

	const cordon_entity *s = get("un:IRi.039"); /* a Good and a Low packed alias */
	REQUIRE(s);
	CHECK(has_name(s, "Qasim Soleimani", CORDON_NAME_AKA, 0, NULL));
	CHECK(has_name(s, "Kasim Sulaymani", CORDON_NAME_AKA, 0, NULL));
	CHECK(has_name(s, "Haj Qasem", CORDON_NAME_AKA, 1, NULL));
	CHECK(has_name(s, "Haji Qassem", CORDON_NAME_AKA, 1, NULL));
	CHECK(has_name(s, "Sardar Soleimani", CORDON_NAME_AKA, 1, NULL));

	const cordon_entity *j = get("un:IRi.034"); /* "...; Mohammad Sabet b) M. Javad Kareemi Sabet; ..." */
	REQUIRE(j);
	CHECK_INT(j->name_count, 6);
	CHECK(has_name(j, "Mohammad Sabet", CORDON_NAME_AKA, 0, NULL));
	CHECK(has_name(j, "M. Javad Kareemi Sabet", CORDON_NAME_AKA, 0, NULL));
	CHECK(has_name(j, "M. Jawad Karimi Sabet", CORDON_NAME_AKA, 0, NULL));

	/* "Hay’at Tahrir al-Sham (HTS) (هيئة تحرير الشام (original script); ...)" */
	const cordon_entity *h = get("un:QDe.137");
	REQUIRE(h);
	CHECK(has_name(h, "Hay’at Tahrir al-Sham (HTS)", CORDON_NAME_AKA, 0, NULL));
	CHECK(has_name(h, "هيئة تحرير الشام", CORDON_NAME_AKA, 0, "Arab"));
	CHECK(has_name(h, "Tahrir al-Sham Hay’at", CORDON_NAME_AKA, 0, NULL));
	CHECK(has_name(h, "جبهة النصرة", CORDON_NAME_AKA, 0, "Arab"));
	CHECK(has_name(h, "Al-Nusra Front", CORDON_NAME_AKA, 0, NULL));
	CHECK(has_name(h, "Ansar al-Mujahideen Network", CORDON_NAME_AKA, 0, NULL));
	CHECK_INT(h->name_count, 34);

	/* entity name "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL) ; GREAT LAKES BUSINESS COMPANY (GLBC)" */
	const cordon_entity *c = NULL;
	for (size_t i = 0; i < coll.count && !c; i++)
		if (strcmp(coll.items[i]->e.names[0].full, "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL)") == 0)
			c = &coll.items[i]->e;
	REQUIRE(c);
	CHECK(has_name(c, "GREAT LAKES BUSINESS COMPANY (GLBC)", CORDON_NAME_AKA, 0, NULL));

	const cordon_entity *f = get("un:QDe.004"); /* ENTITY_ALIAS f.k.a. */
	REQUIRE(f);
	size_t fka = 0;
	for (size_t i = 0; i < f->name_count; i++)
		fka += f->names[i].kind == CORDON_NAME_FKA;
	CHECK(fka >= 1);
}

static void test_dates_and_details(void)
{
	REQUIRE(load() == 0);
	const cordon_entity *e = get("un:CDi.004"); /* NOTE-only DOB "Nov. 1973 " */
	REQUIRE(e && e->birth_date_count >= 1);
	CHECK_INT(e->birth_dates[0].precision, CORDON_DATE_TEXT);
	CHECK_STR(e->birth_dates[0].text, "Nov. 1973");

	const cordon_entity *h = get("un:QDi.291"); /* Hijri date */
	REQUIRE(h);
	int hijri = 0;
	for (size_t i = 0; i < h->birth_date_count; i++)
		hijri |= h->birth_dates[i].precision == CORDON_DATE_TEXT && h->birth_dates[i].text &&
		         strcmp(h->birth_dates[i].text, "24/06/1402 (Hijri Calendar)") == 0;
	CHECK(hijri);
	CHECK(has_name(h, "Ibrahim Hassan Tali Asiri", CORDON_NAME_AKA, 0, NULL));
	CHECK(has_name(h, "إبراهيم حسن طالع عسيري", CORDON_NAME_AKA, 0, "Arab"));

	const cordon_entity *l = get("un:LYi.022"); /* APPROXIMATELY + NOTE "30-35 years old" */
	REQUIRE(l && l->birth_date_count == 1);
	CHECK_INT(l->birth_dates[0].precision, CORDON_DATE_TEXT);
	CHECK_INT(l->birth_dates[0].circa, 1);
	CHECK_STR(l->birth_dates[0].text, "30-35 years old");

	const cordon_entity *q = get("un:QDi.295"); /* DATE + NOTE "from false passport" */
	REQUIRE(q);
	CHECK(has_attr(q, "birth_date_note", "1979-03-03: from false passport"));

	const cordon_entity *z = get("un:QDi.062"); /* alias DATE_OF_BIRTH / CITY / COUNTRY */
	REQUIRE(z);
	int alias_dob = 0;
	for (size_t i = 0; i < z->attribute_count; i++)
		alias_dob += strcmp(z->attributes[i].key, "alias_date_of_birth") == 0;
	CHECK(alias_dob >= 2);
	CHECK(has_str(z->birth_places, z->birth_place_count, "Tunis, Tunisia"));

	/* LISTED_ON "2015-04-07-04:00" at line 26321 */
	size_t zoned = 0;
	for (size_t i = 0; i < coll.count; i++) {
		const cordon_date *d = &coll.items[i]->e.listing_date;
		CHECK(d->precision == CORDON_DATE_DAY);
		zoned += d->text && strlen(d->text) > 10;
	}
	CHECK_INT(zoned, 10); /* 9 individuals + 1 entity carry the zone suffix, all parsed as days */

	const cordon_entity *t = get("un:QDi.060"); /* passports known only from prose */
	REQUIRE(t);
	CHECK(has_attr(t, "document", "Passport: Tunisian passport number L 191609 issued on 28 Feb. 1996, "
	                              "expired on 27 Feb. 2001"));

	/* NATIONALITY "former Soviet Union" maps to the reserved code SU; none is left as text */
	size_t su = 0, su_text = 0;
	for (size_t i = 0; i < coll.count; i++) {
		const cordon_entity *ent = &coll.items[i]->e;
		su_text += has_attr(ent, "nationality_text", "former Soviet Union");
		for (size_t j = 0; j < ent->nationality_count; j++)
			su += strcmp(ent->nationalities[j], "SU") == 0;
	}
	CHECK_INT(su, 1);
	CHECK_INT(su_text, 0);

	const cordon_entity *k = get("un:KPe.020"); /* "International Maritime Organization (IMO) Number: 1790183" */
	REQUIRE(k && k->identifier_count == 1);
	CHECK_INT(k->identifiers[0].kind, CORDON_ID_IMO);
	CHECK_STR(k->identifiers[0].value, "1790183");
	const cordon_entity *y = get("un:KPe.066"); /* "Company Number IMO 5434358" */
	REQUIRE(y && y->identifier_count == 1);
	CHECK_STR(y->identifiers[0].value, "5434358");
}

/* ---- bad input ---- */

static const char *tmp_path(const char *name)
{
	static char buf[4][512];
	static int i;
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/un_xml_%s", CORDON_TEST_TMP, name);
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

static int run_file(const char *path, cm_collection *c, csrc_stats *st)
{
	cm_collection_init(c);
	warnings = 0;
	last_warning[0] = '\0';
	return csrc_run("un-xml", "un", path, c, st, on_warn);
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

static void test_missing_and_empty(void)
{
	cm_collection c;
	csrc_stats st;
	const char *missing = tmp_path("does-not-exist.xml");
	remove(missing);
	CHECK_INT(run_file(missing, &c, &st), CORDON_ENOTFOUND);
	CHECK(strstr(cordon_last_error(), missing) != NULL);
	cm_collection_dispose(&c);

	const char *empty = tmp_path("empty.xml");
	write_file(empty, "", 0);
	CHECK(run_file(empty, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), empty) && strstr(cordon_last_error(), "empty"));
	CHECK_INT(c.live, 0);
	cm_collection_dispose(&c);

	const char *text = tmp_path("not-xml.txt");
	const char *junk = "name,dob\nJOHN DOE,1970\n";
	write_file(text, junk, strlen(junk));
	CHECK(run_file(text, &c, &st) < 0);
	CHECK(error_names(text, 1));
	CHECK(strstr(cordon_last_error(), "not an XML document") != NULL);
	cm_collection_dispose(&c);

	const char *other = tmp_path("other-root.xml");
	const char *doc = "<?xml version=\"1.0\"?>\n<export><sanctionEntity/></export>\n";
	write_file(other, doc, strlen(doc));
	CHECK(run_file(other, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "CONSOLIDATED_LIST") != NULL);
	cm_collection_dispose(&c);

	const char *none = tmp_path("no-records.xml");
	const char *bare = "<CONSOLIDATED_LIST dateGenerated=\"2026-01-01T00:00:00Z\"><INDIVIDUALS/><ENTITIES/>"
	                   "</CONSOLIDATED_LIST>\n";
	write_file(none, bare, strlen(bare));
	CHECK(run_file(none, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), "no INDIVIDUAL or ENTITY") != NULL);
	cm_collection_dispose(&c);
}

/* The real file cut in the middle must fail naming the line where the data stops. */
static void test_truncated(void)
{
	char *data = NULL;
	size_t len = 0;
	REQUIRE(cu_read_file(UN_FILE, 64u << 20, &data, &len) == 0);
	size_t cut = len / 2;
	unsigned long lines = 1;
	for (size_t i = 0; i < cut; i++)
		lines += data[i] == '\n';
	const char *path = tmp_path("truncated.xml");
	write_file(path, data, cut);
	free(data);
	cm_collection c;
	csrc_stats st;
	int rc = run_file(path, &c, &st);
	CHECK_INT(rc, CORDON_EPARSE);
	CHECK(error_names(path, lines));
	CHECK(strstr(cordon_last_error(), "truncated XML") != NULL);
	CHECK(st.rows > 100 && st.rows < 1003);
	cm_collection_dispose(&c);

	/* other cut points: between two records, inside a start tag */
	REQUIRE(cu_read_file(UN_FILE, 64u << 20, &data, &len) == 0);
	const char *after = strstr(data + len / 3, "</INDIVIDUAL>\n");
	const char *in_tag = strstr(data + (len / 4) * 3, "<ENTITY_ALIAS>");
	REQUIRE(after && in_tag);
	size_t cuts[] = {(size_t)(after - data) + 14, (size_t)(in_tag - data) + 5};
	for (size_t k = 0; k < 2; k++) {
		write_file(path, data, cuts[k]);
		CHECK_INT(run_file(path, &c, &st), CORDON_EPARSE);
		CHECK(strstr(cordon_last_error(), "truncated XML") != NULL);
		cm_collection_dispose(&c);
	}
	free(data);

	/* a cut gzip stream is an I/O error naming the file */
	FILE *gz = fopen(UN_FILE, "rb");
	REQUIRE(gz);
	char *raw = malloc(1u << 20);
	size_t raw_len = raw ? fread(raw, 1, 1u << 20, gz) : 0;
	fclose(gz);
	REQUIRE(raw && raw_len > 1000);
	const char *cut_gz = tmp_path("truncated.xml.gz");
	write_file(cut_gz, raw, raw_len / 2);
	free(raw);
	CHECK(run_file(cut_gz, &c, &st) < 0);
	CHECK(strstr(cordon_last_error(), cut_gz) != NULL);
	cm_collection_dispose(&c);

	/* the plain (uncompressed) full file reads like the .gz */
	REQUIRE(cu_read_file(UN_FILE, 64u << 20, &data, &len) == 0);
	const char *plain = tmp_path("plain.xml");
	write_file(plain, data, len);
	free(data);
	CHECK_INT(run_file(plain, &c, &st), 0);
	CHECK_INT(c.live, 1003);
	cm_collection_dispose(&c);
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CONSOLIDATED_LIST dateGenerated=\"2026-01-02T00:00:00Z\">\n"
#define REC(ref, name) "<INDIVIDUAL><FIRST_NAME>" name "</FIRST_NAME><REFERENCE_NUMBER>" ref "</REFERENCE_NUMBER></INDIVIDUAL>\n"

/* libxml2 rejects invalid UTF-8 as not well-formed: the reader fails naming the line (documented in xml_util.h). */
static void test_invalid_utf8(void)
{
	const char *doc = HEAD "<INDIVIDUALS>\n" REC("XXi.001", "GOOD NAME") REC("XXi.002", "BAD \xff\xfe NAME")
	        "</INDIVIDUALS>\n</CONSOLIDATED_LIST>\n";
	const char *path = tmp_path("bad-utf8.xml");
	write_file(path, doc, strlen(doc));
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run_file(path, &c, &st), CORDON_EPARSE);
	CHECK(error_names(path, 5));
	cm_collection_dispose(&c);
}

/* A 5 MB name: libxml2 accepts it (< 10 MB), the reader skips that record with a warning. */
static void test_huge_text(void)
{
	size_t big = 5u << 20;
	const char *pre = HEAD "<INDIVIDUALS>\n" REC("XXi.001", "FIRST PERSON") "<INDIVIDUAL><FIRST_NAME>";
	const char *post = "</FIRST_NAME><REFERENCE_NUMBER>XXi.002</REFERENCE_NUMBER></INDIVIDUAL>\n" REC(
	        "XXi.003", "THIRD PERSON") "</INDIVIDUALS>\n</CONSOLIDATED_LIST>\n";
	size_t lp = strlen(pre), lq = strlen(post);
	char *doc = malloc(lp + big + lq);
	REQUIRE(doc);
	memcpy(doc, pre, lp);
	memset(doc + lp, 'A', big);
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
	CHECK(cm_collection_find(&c, "un:XXi.001") && cm_collection_find(&c, "un:XXi.003"));
	CHECK(cm_collection_find(&c, "un:XXi.002") == NULL);
	CHECK_INT(warnings, 1);
	char want[600];
	snprintf(want, sizeof(want), "%s:5:", path);
	CHECK(strstr(last_warning, want) && strstr(last_warning, "FIRST_NAME"));
	cm_collection_dispose(&c);
}

static void test_malformed_records(void)
{
	const char *doc = HEAD "<INDIVIDUALS>\n" REC("XXi.001", "ONE")
	        "<INDIVIDUAL><FIRST_NAME>NO REFERENCE</FIRST_NAME></INDIVIDUAL>\n"
	        "<INDIVIDUAL><REFERENCE_NUMBER>XXi.003</REFERENCE_NUMBER><FIRST_NAME>THREE</FIRST_NAME>"
	        "<NEW_FIELD>x</NEW_FIELD><INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Tri</ALIAS_NAME>"
	        "<EXTRA/></INDIVIDUAL_ALIAS></INDIVIDUAL>\n"
	        "<INDIVIDUAL><REFERENCE_NUMBER>XXi.004</REFERENCE_NUMBER></INDIVIDUAL>\n"
	        "<SOMETHING_ELSE/>\n"
	        "</INDIVIDUALS>\n</CONSOLIDATED_LIST>\n";
	const char *path = tmp_path("malformed.xml");
	write_file(path, doc, strlen(doc));
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run_file(path, &c, &st), 0);
	CHECK_INT(st.rows, 4);
	CHECK_INT(st.skipped_rows, 2); /* no REFERENCE_NUMBER; no name */
	CHECK_INT(st.unknown_fields, 3); /* NEW_FIELD, EXTRA, SOMETHING_ELSE */
	CHECK_INT(c.live, 2);
	CHECK_INT(warnings, 2);
	cm_entity *e = cm_collection_find(&c, "un:XXi.003");
	REQUIRE(e);
	CHECK_INT(e->e.name_count, 2);
	cm_collection_dispose(&c);
}

/* Untrusted input: a document type declaration is refused, its entities never expanded or loaded. */
static void test_dtd_refused(void)
{
	const char *doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE CONSOLIDATED_LIST SYSTEM \"http://example.invalid/un.dtd\">\n"
	                  "<CONSOLIDATED_LIST><INDIVIDUALS>" REC("XXi.001", "ONE") "</INDIVIDUALS></CONSOLIDATED_LIST>\n";
	const char *path = tmp_path("dtd.xml");
	write_file(path, doc, strlen(doc));
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run_file(path, &c, &st), CORDON_EPARSE);
	CHECK(strstr(cordon_last_error(), "document type declarations are not accepted") != NULL);
	CHECK_INT(c.live, 0);
	cm_collection_dispose(&c);

	/* "billion laughs" plus an external entity: libxml2 or the DOCTYPE check stops it, nothing is read */
	const char *bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE CONSOLIDATED_LIST [\n<!ENTITY a \"aaaaaaaaaa\">\n"
	                   "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	                   "<!ENTITY ext SYSTEM \"file:///etc/passwd\">\n]>\n"
	                   "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&c;&ext;</FIRST_NAME>"
	                   "<REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>\n";
	write_file(path, bomb, strlen(bomb));
	CHECK_INT(run_file(path, &c, &st), CORDON_EPARSE);
	CHECK(strstr(cordon_last_error(), path) != NULL);
	CHECK_INT(c.live, 0);
	CHECK_INT(st.rows, 0);
	cm_collection_dispose(&c);
}

/* A birth date the reader cannot parse, with a note: the note attribute keeps the whole 5,000-byte date text. */
static void test_long_text_date_note(void)
{
	const char *pre = HEAD "<INDIVIDUALS>\n<INDIVIDUAL><REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER>"
	                       "<FIRST_NAME>ONE</FIRST_NAME><INDIVIDUAL_DATE_OF_BIRTH><DATE>";
	const char *post = "</DATE><NOTE>as stated</NOTE></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>\n"
	                   "</INDIVIDUALS>\n</CONSOLIDATED_LIST>\n";
	size_t big = 5000, lp = strlen(pre), lq = strlen(post);
	char *doc = malloc(lp + big + lq), *want = malloc(big + 16);
	REQUIRE(doc && want);
	memcpy(doc, pre, lp);
	for (size_t i = 0; i < big; i++)
		doc[lp + i] = want[i] = (char)('a' + i % 26);
	memcpy(doc + lp + big, post, lq);
	memcpy(want + big, ": as stated", 12);
	const char *path = tmp_path("long-date.xml");
	write_file(path, doc, lp + big + lq);
	free(doc);
	cm_collection c;
	csrc_stats st;
	CHECK_INT(run_file(path, &c, &st), 0);
	cm_entity *e = cm_collection_find(&c, "un:XXi.001");
	CHECK(e != NULL);
	if (e)
		CHECK(has_attr(&e->e, "birth_date_note", want));
	free(want);
	cm_collection_dispose(&c);
}

static void test_cleanup(void)
{
	if (loaded >= 0)
		cm_collection_dispose(&coll);
	CHECK(1);
}

TEST_MAIN(test_counts, test_file_seen, test_name_totals, test_daedong, test_taliban, test_isil,
          test_scripts_in_aliases, test_packed_aliases, test_dates_and_details, test_missing_and_empty,
          test_truncated, test_invalid_utf8, test_huge_text, test_malformed_records, test_dtd_refused,
          test_long_text_date_note, test_cleanup)
