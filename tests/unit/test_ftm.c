/*
 * The FollowTheMoney reader against the bundled OpenSanctions sample
 * (entities, the delta walk, the zala.ftm.json graph), a fixture of linked
 * records in every order, and bad input written at test time. Expected
 * numbers were counted independently with Python's json module.
 */
#include <stdint.h>
#include <sys/stat.h>
#include <zlib.h>

#include "model/collection.h"
#include "sources/source.h"
#include "test.h"
#include "util/buf.h"

#define OS_DIR CORDON_TEST_DATA "/opensanctions-sample"
#define TMP CORDON_TEST_TMP "/ftm_tmp"

static char warnings[64][512];
static int warning_count;

static void keep_warning(csrc_ctx *ctx, const char *message)
{
	(void)ctx;
	if (warning_count < 64)
		snprintf(warnings[warning_count], sizeof(warnings[0]), "%s", message);
	warning_count++;
}

/* 1 when some warning contains needle. */
static int warned(const char *needle)
{
	for (int i = 0; i < warning_count && i < 64; i++)
		if (strstr(warnings[i], needle))
			return 1;
	return 0;
}

static int run(const char *path, cm_collection *c, csrc_stats *st)
{
	warning_count = 0;
	memset(st, 0, sizeof(*st));
	return csrc_run("ftm", "os", path, c, st, keep_warning);
}

static size_t count_schema(const cm_collection *c, cordon_schema s)
{
	size_t n = 0;
	for (size_t i = 0; i < c->count; i++)
		if (c->items[i] && c->items[i]->e.schema == s)
			n++;
	return n;
}

static const cordon_attribute *attr(const cordon_entity *e, const char *key, const char *value)
{
	for (size_t i = 0; i < e->attribute_count; i++)
		if (strcmp(e->attributes[i].key, key) == 0 && (!value || strcmp(e->attributes[i].value, value) == 0))
			return &e->attributes[i];
	return NULL;
}

static size_t attr_count(const cordon_entity *e, const char *key)
{
	size_t n = 0;
	for (size_t i = 0; i < e->attribute_count; i++)
		n += strcmp(e->attributes[i].key, key) == 0;
	return n;
}

static int has_string(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

static const cordon_name *name_of(const cordon_entity *e, const char *full)
{
	for (size_t i = 0; i < e->name_count; i++)
		if (strcmp(e->names[i].full, full) == 0)
			return &e->names[i];
	return NULL;
}

static int has_relation(const cordon_entity *e, const char *kind, const char *target)
{
	for (size_t i = 0; i < e->relation_count; i++)
		if (strcmp(e->relations[i].kind, kind) == 0 && strcmp(e->relations[i].target, target) == 0)
			return 1;
	return 0;
}

static const cordon_identifier *ident(const cordon_entity *e, const char *value)
{
	for (size_t i = 0; i < e->identifier_count; i++)
		if (strcmp(e->identifiers[i].value, value) == 0)
			return &e->identifiers[i];
	return NULL;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

static void make_tmp(void)
{
	mkdir(TMP, 0755);
}

/* entities.ftm.json: 4 Person, 2 Organization, 1 Address on 7 lines, no final newline. */
static void test_entities(void)
{
	cm_collection c;
	cm_collection_init(&c);
	csrc_stats st;
	REQUIRE(run(OS_DIR "/entities.ftm.json", &c, &st) == 0);
	CHECK_INT(st.rows, 7);
	CHECK_INT(st.skipped_rows, 0);
	CHECK_INT(st.unknown_fields, 1); /* the unreferenced Address */
	CHECK(warned("entities.ftm.json: 1 Address or link records refer to no entity"));
	CHECK_INT(c.live, 6);
	CHECK_INT(count_schema(&c, CORDON_SCHEMA_PERSON), 4);
	CHECK_INT(count_schema(&c, CORDON_SCHEMA_ORGANIZATION), 2);
	/* The Address is not an entity; no record here references it (the organisations point at addr-...
	 * ids that are not in the file), so it is counted as unattached and the dangling references stay
	 * attributes. */
	CHECK(cm_collection_find(&c, "os:NK-2MQE6AmhAk4tqhENJAMUG9") == NULL);
	const cm_entity *irgc = cm_collection_find(&c, "os:NK-2PacmNpiLUmoz4XD2mSt7A");
	REQUIRE(irgc != NULL);
	CHECK_INT(irgc->e.address_count, 0);
	CHECK(attr(&irgc->e, "addressEntity", "addr-9bdb8d404e2618cfce08d3b3d400c1433c634849") != NULL);
	CHECK_STR(irgc->e.names[0].full, "IRGC");
	CHECK_INT(irgc->e.name_count, 2);
	CHECK(attr(&irgc->e, "referents", "ofac-10465") != NULL);

	/* the caption, one of 12 names, is the primary name */
	const cm_entity *tob = cm_collection_find(&c, "os:NK-2GdmHtZTeNXjNVrBGEXZNj");
	REQUIRE(tob != NULL);
	CHECK_STR(tob->e.names[0].full, "RAB „Inter Tobacco“");
	CHECK_INT(tob->e.name_count, 12);
	CHECK(name_of(&tob->e, "Εταιρία περιορισμένης ευθύνης “Inter Tobacco”") != NULL);
	CHECK_INT(tob->e.identifier_count, 1);
	CHECK_INT(tob->e.identifiers[0].kind, CORDON_ID_REGISTRATION);
	CHECK_STR(tob->e.identifiers[0].value, "808000714");
	CHECK(has_string(tob->e.countries, tob->e.country_count, "BY"));
	CHECK_STR(tob->e.remarks, "Belarus (Minsk Free Economic Zone)");
	cm_collection_dispose(&c);
}

/* A multilingual person, field by field. */
static void test_kuzmenko_full(void)
{
	cm_collection c;
	cm_collection_init(&c);
	csrc_stats st;
	REQUIRE(run(OS_DIR "/entities.ftm.json", &c, &st) == 0);
	const cm_entity *k = cm_collection_find(&c, "os:NK-2Ka3UvopqbpZmVDFjWd4LA");
	REQUIRE(k != NULL);
	const cordon_entity *e = &k->e;
	CHECK_STR(e->id, "os:NK-2Ka3UvopqbpZmVDFjWd4LA");
	CHECK_STR(e->dataset, "os");
	CHECK_INT(e->schema, CORDON_SCHEMA_PERSON);
	REQUIRE(e->name_count == 3);
	CHECK_STR(e->names[0].full, "Vitaly Yurievich KUZMENKO");
	CHECK_INT(e->names[0].kind, CORDON_NAME_PRIMARY);
	/* only these two parts occur verbatim (and uniquely) in the primary name */
	CHECK_STR(e->names[0].given, "Vitaly");
	CHECK_STR(e->names[0].family, "KUZMENKO");
	const cordon_name *cyr = name_of(e, "Виталий Юрьевич КУЗЬМЕНКО");
	REQUIRE(cyr != NULL);
	CHECK_INT(cyr->kind, CORDON_NAME_AKA);
	CHECK(!cyr->weak);
	CHECK(cyr->given == NULL && cyr->family == NULL);
	CHECK(name_of(e, "Vitalij Kuzmenko") != NULL);
	REQUIRE(e->birth_date_count == 1);
	CHECK_INT(e->birth_dates[0].precision, CORDON_DATE_DAY);
	CHECK_INT(e->birth_dates[0].year, 1971);
	CHECK_INT(e->birth_dates[0].month, 1);
	CHECK_INT(e->birth_dates[0].day, 22);
	CHECK_STR(e->gender, "male");
	REQUIRE(e->nationality_count == 1);
	CHECK_STR(e->nationalities[0], "RU");
	REQUIRE(e->identifier_count == 1);
	CHECK_INT(e->identifiers[0].kind, CORDON_ID_TAX_ID);
	CHECK_STR(e->identifiers[0].label, "taxNumber");
	CHECK_STR(e->identifiers[0].value, "366510784303");
	REQUIRE(e->title_count == 1);
	CHECK_STR(e->titles[0], "General Director of JSC 163 Armor Repair Plant");
	CHECK_STR(e->remarks, "The plant is part of the High Precision Systems holding company of Rostec");
	CHECK_INT(e->program_count, 0);
	CHECK(attr(e, "topic", "sanction") != NULL);
	CHECK_INT(attr_count(e, "firstName"), 3);
	CHECK_INT(attr_count(e, "lastName"), 3);
	CHECK(attr(e, "firstName", "Виталий") != NULL);
	CHECK_INT(attr_count(e, "referents"), 7);
	CHECK(attr(e, "referents", "ru-inn-366510784303") != NULL);
	CHECK(attr(e, "createdAt", "2024-02-23") != NULL);
	CHECK(attr(e, "first_seen", "2024-02-26T16:57:25") != NULL);
	CHECK(attr(e, "last_change", "2024-03-28T18:57:01") != NULL);
	CHECK(attr(e, "datasets", "eu_fsf") != NULL);
	CHECK(attr(e, "target", "true") != NULL);
	CHECK(e->source_url == NULL);
	CHECK_INT(e->listing_date.precision, CORDON_DATE_NONE);

	/* several first and last names occur in the primary: no pairing is invented */
	const cm_entity *p = cm_collection_find(&c, "os:NK-2Myxbs6wX9xFKGoQn3sLaY");
	REQUIRE(p != NULL);
	CHECK_STR(p->e.names[0].full, "Viktor Vladimirovitj Sojko");
	CHECK(p->e.names[0].given == NULL);
	CHECK_INT(p->e.title_count, 2);
	CHECK_STR(p->e.titles[0], "Colonel");
	REQUIRE(p->e.birth_place_count == 1);
	CHECK_STR(p->e.birth_places[0], "BELARUS, Komsomolskaya");
	CHECK(has_string(p->e.countries, p->e.country_count, "BY"));
	cm_collection_dispose(&c);
}

typedef struct {
	cm_collection coll;
	int emits, removes;
	char removed[8][128];
	char seen[8][512];
	char seen_date[8][16];
	int seen_count;
} walk;

static int walk_emit(csrc_ctx *ctx, cm_entity *ent)
{
	walk *w = ctx->payload;
	w->emits++;
	return cm_collection_put(&w->coll, ent);
}

static void walk_remove(csrc_ctx *ctx, const char *id)
{
	walk *w = ctx->payload;
	if (w->removes < 8)
		snprintf(w->removed[w->removes], sizeof(w->removed[0]), "%s", id);
	w->removes++;
	cm_collection_remove(&w->coll, id);
}

static void walk_seen(csrc_ctx *ctx, const char *path, const char *date)
{
	walk *w = ctx->payload;
	if (w->seen_count < 8) {
		const char *slash = strrchr(path, '/');
		snprintf(w->seen[w->seen_count], sizeof(w->seen[0]), "%s", slash ? slash + 1 : path);
		snprintf(w->seen_date[w->seen_count], sizeof(w->seen_date[0]), "%s", date ? date : "-");
	}
	w->seen_count++;
}

static int walk_read(walk *w, const char *path, csrc_stats *st)
{
	csrc_ctx ctx = {.dataset = "os", .emit = walk_emit, .remove = walk_remove, .warn = keep_warning,
	                .file_seen = walk_seen, .payload = w};
	warning_count = 0;
	int rc = csrc_read_ftm(&ctx, path);
	if (st)
		*st = ctx.stats;
	return rc;
}

/* Section 6.5: from the base zbn, wnk 2 ADD, pfh ADD + MOD, npf DEL, 3iv ADD. */
static void test_delta_walk(void)
{
	walk w;
	memset(&w, 0, sizeof(w));
	cm_collection_init(&w.coll);
	csrc_stats st;
	REQUIRE(walk_read(&w, OS_DIR "/entities.ftm.json", &st) == 0);
	CHECK_INT(w.emits, 6);
	w.emits = 0;
	w.seen_count = 0;
	REQUIRE(walk_read(&w, OS_DIR "/delta-index.json", &st) == 0);
	CHECK_INT(w.emits, 5); /* 4 ADD + 1 MOD */
	CHECK_INT(w.removes, 1);
	CHECK_STR(w.removed[0], "os:NK-500Poltergeist");
	CHECK_INT(st.rows, 6);
	CHECK_INT(st.skipped_rows, 0);
	/* the index, then the four local files in version order; the base version has no file */
	REQUIRE(w.seen_count == 5);
	CHECK_STR(w.seen[0], "delta-index.json");
	CHECK_STR(w.seen_date[0], "2024-05-28");
	CHECK_STR(w.seen[1], "delta-20240527194702-wnk.json");
	CHECK_STR(w.seen_date[1], "2024-05-27");
	CHECK_STR(w.seen[2], "delta-20240528014702-pfh.json");
	CHECK_STR(w.seen[3], "delta-20240528074703-npf.json");
	CHECK_STR(w.seen[4], "delta-20240528134729-3iv.json");

	/* final state: 6 base + 3 added (Poltergeist came and went) */
	CHECK_INT(w.coll.live, 9);
	CHECK(cm_collection_find(&w.coll, "os:NK-500Poltergeist") == NULL);
	CHECK(cm_collection_find(&w.coll, "os:Q4365364") != NULL);
	CHECK(cm_collection_find(&w.coll, "os:NK-2sJaJRaPJcWUfMbHjTtWcL") != NULL);
	const cm_entity *foo = cm_collection_find(&w.coll, "os:NK-2T3S8Hu29ktYnKSTgQp2wL");
	REQUIRE(foo != NULL);
	/* MOD replaces the whole entity: none of the 59 names, 113 aliases of the ADD survive */
	CHECK_STR(foo->e.names[0].full, "Foobar Foobargroup");
	CHECK_INT(foo->e.name_count, 3);
	CHECK(name_of(&foo->e, "Daish") == NULL);
	CHECK(name_of(&foo->e, "Iranian Revolutionary Guard Corps") != NULL);
	CHECK_INT(foo->e.country_count, 1);
	CHECK_STR(foo->e.countries[0], "IR");
	const cm_entity *plot = cm_collection_find(&w.coll, "os:Q4365364");
	REQUIRE(plot != NULL);
	CHECK_STR(plot->e.names[0].full, "Vladimir Nikolaevich PLOTNIKOV");
	CHECK_INT(plot->e.name_count, 3);
	CHECK_INT(count_schema(&w.coll, CORDON_SCHEMA_PERSON), 6);
	CHECK_INT(count_schema(&w.coll, CORDON_SCHEMA_ORGANIZATION), 3);
	cm_collection_dispose(&w.coll);
}

/* One delta file on its own: the ADD carries empty strings, the DEL only an id. */
static void test_delta_files(void)
{
	cm_collection c;
	cm_collection_init(&c);
	csrc_stats st;
	REQUIRE(run(OS_DIR "/delta-20240528014702-pfh.json", &c, &st) == 0);
	CHECK_INT(st.rows, 2);
	CHECK_INT(c.live, 2);
	const cm_entity *p = cm_collection_find(&c, "os:NK-500Poltergeist");
	REQUIRE(p != NULL);
	/* "name": [""] is absent: the caption becomes the primary name; "weakAlias": [""] adds nothing */
	CHECK_STR(p->e.names[0].full, "AL-QAIDA IN IRAQ");
	for (size_t i = 0; i < p->e.name_count; i++) {
		CHECK(p->e.names[i].full[0] != '\0');
		CHECK(!p->e.names[i].weak);
	}
	REQUIRE(run(OS_DIR "/delta-20240528074703-npf.json", &c, &st) == 0);
	CHECK_INT(st.rows, 1);
	CHECK(cm_collection_find(&c, "os:NK-500Poltergeist") == NULL);
	CHECK_INT(c.live, 1);
	cm_collection_dispose(&c);
}

/* zala.ftm.json: 91 records, 17 of them screened (6 Person, 11 Company). */
static void test_zala(void)
{
	cm_collection c;
	cm_collection_init(&c);
	csrc_stats st;
	REQUIRE(run(OS_DIR "/zala.ftm.json", &c, &st) == 0);
	CHECK_INT(st.rows, 91);
	CHECK_INT(st.skipped_rows, 0);
	CHECK_INT(st.unknown_fields, 0);
	CHECK_INT(c.live, 17);
	CHECK_INT(count_schema(&c, CORDON_SCHEMA_PERSON), 6);
	CHECK_INT(count_schema(&c, CORDON_SCHEMA_ORGANIZATION), 11);
	CHECK(cm_collection_find(&c, "os:gb-fcdo-217caa5aa607244044b49706d04d8d6c5ec992bd") == NULL); /* Passport */

	const cm_entity *z = cm_collection_find(&c, "os:NK-aU5ybkbRFJucf8YMwsJvDw");
	REQUIRE(z != NULL);
	const cordon_entity *e = &z->e;
	CHECK_STR(e->names[0].full, "Alexander Vyacheslavovich ZAKHAROV");
	CHECK(e->names[0].given == NULL); /* "Alexander" and "Alexander Vyacheslavovich" both occur */
	CHECK_STR(e->names[0].family, "ZAKHAROV");
	CHECK_INT(e->name_count, 17); /* 11 names + 7 aliases, one alias repeating a name */
	/* 13 Sanction records: their programs and programIds, the earliest listing (UA NSDC, startDate) */
	CHECK_INT(e->program_count, 13);
	CHECK(has_string(e->programs, e->program_count, "EU-UKR"));
	CHECK(has_string(e->programs, e->program_count, "RUSSIA-EO14024"));
	CHECK(has_string(e->programs, e->program_count, "The Russia (Sanctions) (EU Exit) Regulations 2019"));
	CHECK_INT(e->listing_date.precision, CORDON_DATE_DAY);
	CHECK_INT(e->listing_date.year, 2023);
	CHECK_INT(e->listing_date.month, 7);
	CHECK_INT(e->listing_date.day, 1);
	CHECK(attr(e, "sanction.authorityId", "45937") != NULL); /* the OFAC UID */
	CHECK(attr(e, "sanction.authority", "Office of Foreign Assets Control") != NULL);
	CHECK(attr(e, "referents", "ofac-45937") != NULL);
	/* the entity's own first sourceUrl wins; the sanctions' ones are kept */
	CHECK_STR(e->source_url, "https://gels-avoirs.dgtresor.gouv.fr/Gels/RegistreDetail?idRegistre=7952");
	CHECK(attr(e, "sourceUrl", "https://finance.belgium.be/en/treasury/financial-sanctions") != NULL);
	/* the Address entity it references, plus two address texts */
	CHECK_INT(e->address_count, 3);
	int found = 0;
	for (size_t i = 0; i < e->address_count; i++) {
		const cordon_address *a = &e->addresses[i];
		if (a->street && strcmp(a->street, "272 Pushkinskaya Street, Apt 41") == 0) {
			found = 1;
			CHECK_STR(a->city, "Izhevsk");
			CHECK_STR(a->postal_code, "426008");
			CHECK_STR(a->country, "RU");
			CHECK_STR(a->full, "272 Pushkinskaya Street, Apt 41, Izhevsk, 426008");
		}
	}
	CHECK(found);
	CHECK(attr(e, "addressEntity", NULL) == NULL);
	/* the only Passport in the file has a holder but no number: nothing to attach */
	CHECK_INT(e->identifier_count, 3); /* taxNumber = innCode, 2 uniqueEntityId */
	for (size_t i = 0; i < e->identifier_count; i++)
		CHECK(e->identifiers[i].kind != CORDON_ID_PASSPORT);
	CHECK(ident(e, "183111242406") != NULL);
	/* relations from 9 Ownership, 2 Directorship, 4 Family records */
	CHECK_INT(e->relation_count, 14);
	CHECK(has_relation(e, "owner_of", "LLC CST"));
	CHECK(has_relation(e, "director_of", "LLC CST"));
	CHECK(has_relation(e, "owner_of", "Акціонерне товариство \"Зала Аеро\""));
	CHECK(has_relation(e, "family", "Nikita Aleksandrovich Zakharov"));
	CHECK(has_relation(e, "family", "Maria Aleksandrovna Osetrova"));
	CHECK(has_string(e->nationalities, e->nationality_count, "RU"));
	CHECK(has_string(e->citizenships, e->citizenship_count, "RU"));
	CHECK(has_string(e->countries, e->country_count, "RU")); /* country and birthCountry */
	CHECK_INT(e->birth_place_count, 7);
	CHECK_INT(e->title_count, 2);

	/* LLC CST: 28 sanctions, 5 owners (Kalashnikov twice), 2 directors, the P.O. Box address */
	const cm_entity *cst = cm_collection_find(&c, "os:NK-abdzbEBkqyT29GyREbiURZ");
	REQUIRE(cst != NULL);
	CHECK_INT(cst->e.relation_count, 6);
	CHECK(has_relation(&cst->e, "owner", "Alexander Vyacheslavovich ZAKHAROV"));
	CHECK(has_relation(&cst->e, "owner", "JSC Kalashnikov Concern"));
	CHECK(has_relation(&cst->e, "director", "Абашкін Костянтин Ігорьович"));
	CHECK_INT(cst->e.listing_date.year, 2021);
	CHECK_INT(cst->e.listing_date.month, 10);
	CHECK_INT(cst->e.listing_date.day, 30);
	found = 0;
	for (size_t i = 0; i < cst->e.address_count; i++) {
		const cordon_address *a = &cst->e.addresses[i];
		if (a->region && strcmp(a->region, "Udmurt Republic") == 0) {
			found++;
			CHECK_STR(a->street, "UR, P.O. Box 9050");
			CHECK_STR(a->city, "UR, Izhevsk");
			CHECK_STR(a->postal_code, "426011");
			CHECK_STR(a->full, "P.O. Box 9050, Izhevsk, Russian Federation, 426011");
		}
	}
	CHECK_INT(found, 1);
	const cm_entity *kal = cm_collection_find(&c, "os:NK-nR5AXM9AVPq4pQaSPSaVam");
	REQUIRE(kal != NULL);
	CHECK(has_relation(&kal->e, "owner_of", "LLC CST"));
	/* an addressEntity with no Address record in the file is kept as an attribute */
	const cm_entity *maria = cm_collection_find(&c, "os:NK-2Tbri3s6GgNtAwsSXh4qpL");
	REQUIRE(maria != NULL);
	CHECK(attr(&maria->e, "addressEntity", "addr-bb65387b6e14a1dba2427e79358ba418377b9f28") != NULL);
	const cordon_name *prev = name_of(&maria->e, "Maria Aleksandrovna Zakharova");
	REQUIRE(prev != NULL);
	CHECK_INT(prev->kind, CORDON_NAME_FKA);
	cm_collection_dispose(&c);
}

/* The whole bundled feed of dataset "os", in the order of data/sources.conf. */
static void test_default_feed(void)
{
	cm_collection c;
	cm_collection_init(&c);
	csrc_stats st;
	REQUIRE(run(OS_DIR "/entities.ftm.json", &c, &st) == 0);
	REQUIRE(run(OS_DIR "/delta-index.json", &c, &st) == 0);
	REQUIRE(run(OS_DIR "/zala.ftm.json", &c, &st) == 0);
	CHECK_INT(c.live, 26);
	cm_collection_dispose(&c);
}

/* Links before and after their entities, every folded schema, vessel and aircraft. */
static void test_links_fixture(void)
{
	cm_collection c;
	cm_collection_init(&c);
	csrc_stats st;
	REQUIRE(run(CORDON_TEST_FIXTURES "/ftm/links.ftm.json", &c, &st) == 0);
	CHECK_INT(st.rows, 15);
	CHECK_INT(st.skipped_rows, 1);   /* o-2: only empty names */
	CHECK_INT(st.unknown_fields, 3); /* "origin", a Sanction for an absent entity, the Position */
	CHECK(warned("links.ftm.json:15: entity o-2 has no name"));
	CHECK(warned("1 Address or link records refer to no entity"));
	CHECK(warned("(e.g. Position)"));
	CHECK_INT(c.live, 4);

	const cm_entity *p = cm_collection_find(&c, "os:p-1");
	REQUIRE(p != NULL);
	const cordon_entity *e = &p->e;
	CHECK_STR(e->names[0].full, "Ivan PETRENKO");
	CHECK_STR(e->names[0].given, "Ivan");
	CHECK_STR(e->names[0].family, "PETRENKO");
	CHECK_INT(e->name_count, 5);
	const cordon_name *n = name_of(e, "Vanya");
	REQUIRE(n != NULL);
	CHECK(n->weak);
	n = name_of(e, "Ivan SIDORENKO");
	REQUIRE(n != NULL);
	CHECK_INT(n->kind, CORDON_NAME_FKA);
	REQUIRE(e->birth_date_count == 2);
	CHECK_INT(e->birth_dates[0].precision, CORDON_DATE_MONTH);
	CHECK_INT(e->birth_dates[0].end_day, 31);
	CHECK_INT(e->birth_dates[1].precision, CORDON_DATE_YEAR);
	REQUIRE(e->nationality_count == 1);
	CHECK_STR(e->nationalities[0], "UA");
	CHECK(attr(e, "nationality", "suhh") != NULL); /* Soviet Union: an FtM code, not ISO */
	CHECK_STR(e->remarks, "First note; Second note");
	/* Identification and Passport came before the person */
	const cordon_identifier *id = ident(e, "AB 123456");
	REQUIRE(id != NULL);
	CHECK_INT(id->kind, CORDON_ID_NATIONAL_ID);
	CHECK_STR(id->label, "National ID card");
	CHECK_STR(id->country, "UA");
	CHECK_STR(id->note, "issued 2010-05-01; expires 2020-05-01; authority Kyiv registry");
	id = ident(e, "FA0000001");
	REQUIRE(id != NULL);
	CHECK_INT(id->kind, CORDON_ID_PASSPORT);
	CHECK_STR(id->country, "RU");
	CHECK(ident(e, "1234567890") != NULL);
	CHECK_INT(ident(e, "ivan@example.org")->kind, CORDON_ID_EMAIL);
	CHECK_INT(ident(e, "+380 44 000 0000")->kind, CORDON_ID_PHONE);
	/* the Address record comes after the person */
	REQUIRE(e->address_count == 1);
	CHECK_STR(e->addresses[0].street, "1 Main St, Floor 2");
	CHECK_STR(e->addresses[0].region, "Kyiv Oblast");
	CHECK_STR(e->addresses[0].country, "UA");
	CHECK(has_relation(e, "owner_of", "Petrenko Holding LLC"));
	CHECK(attr(e, "eyeColor", "brown") != NULL);
	CHECK(attr(e, "origin", NULL) == NULL);

	const cm_entity *co = cm_collection_find(&c, "os:c-1");
	REQUIRE(co != NULL);
	CHECK(has_relation(&co->e, "owner", "Ivan PETRENKO"));
	CHECK(has_relation(&co->e, "linked_to", "os:elsewhere-9"));
	CHECK_INT(co->e.program_count, 3);
	CHECK(has_string(co->e.programs, co->e.program_count, "TEST-2"));
	/* the earlier of listingDate 2022-02-24 and startDate 2021-06 */
	CHECK_INT(co->e.listing_date.precision, CORDON_DATE_MONTH);
	CHECK_INT(co->e.listing_date.year, 2021);
	CHECK(attr(&co->e, "sanction.authority", "Test Authority") != NULL);
	CHECK_STR(co->e.source_url, "https://example.org/sanction");
	CHECK_INT(ident(&co->e, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT")->kind, CORDON_ID_CRYPTO);
	CHECK_INT(ident(&co->e, "5493000000000000TEST")->kind, CORDON_ID_LEI);
	CHECK_INT(ident(&co->e, "PETRUAUK")->kind, CORDON_ID_SWIFT_BIC);
	CHECK_STR(co->e.countries[0], "CY");
	CHECK_STR(co->e.addresses[0].full, "2 Side St, Limassol");

	const cm_entity *v = cm_collection_find(&c, "os:v-1");
	REQUIRE(v != NULL);
	CHECK_INT(v->e.schema, CORDON_SCHEMA_VESSEL);
	CHECK_INT(ident(&v->e, "IMO 9123456")->kind, CORDON_ID_IMO);
	REQUIRE(ident(&v->e, "273000000") != NULL); /* a JSON number, kept as text */
	CHECK_INT(ident(&v->e, "273000000")->kind, CORDON_ID_MMSI);
	CHECK_INT(ident(&v->e, "UBCD7")->kind, CORDON_ID_CALL_SIGN);
	CHECK_STR(v->e.countries[0], "RU");
	CHECK(attr(&v->e, "type", "Tanker") != NULL);
	const cm_entity *a = cm_collection_find(&c, "os:a-1");
	REQUIRE(a != NULL);
	CHECK_INT(a->e.schema, CORDON_SCHEMA_AIRCRAFT);
	CHECK_STR(a->e.names[0].full, "RA-12345");
	CHECK_INT(ident(&a->e, "RA-12345")->kind, CORDON_ID_AIRCRAFT);
	CHECK_INT(ident(&a->e, "MSN 1001")->kind, CORDON_ID_AIRCRAFT);
	cm_collection_dispose(&c);
}

static void test_bad_lines(void)
{
	make_tmp();
	const char *path = TMP "/bad.ftm.json";
	write_file(path, "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Anna A\"]}}\n"
	                 "{\"id\": \"b\", \"schema\": \n"                               /* invalid JSON */
	                 "[1, 2]\n"                                                   /* not an object */
	                 "\"text\"\n"
	                 "\n"                                                         /* blank: not a row */
	                 "{\"id\":\"c\",\"properties\":{\"name\":[\"No Schema\"]}}\n" /* no schema */
	                 "{\"op\":\"FOO\",\"entity\":{\"id\":\"a\"}}\n"               /* unknown op */
	                 "{\"op\":\"DEL\",\"entity\":{}}\n"                           /* DEL without id */
	                 "{\"id\":\"d\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Dan D\"]}}\n"
	                 "{\"id\":\"t\",\"schema\":\"Person\",\"properties\":{\"na"); /* truncated last line */
	cm_collection c;
	cm_collection_init(&c);
	csrc_stats st;
	REQUIRE(run(path, &c, &st) == 0);
	CHECK_INT(st.rows, 9);
	CHECK_INT(st.skipped_rows, 7);
	CHECK_INT(c.live, 2);
	CHECK(cm_collection_find(&c, "os:a") != NULL);
	CHECK(cm_collection_find(&c, "os:d") != NULL);
	CHECK(warned("bad.ftm.json:2: invalid JSON"));
	CHECK(warned("bad.ftm.json:3: not a JSON object"));
	CHECK(warned("bad.ftm.json:6: record without"));
	CHECK(warned("bad.ftm.json:7: unknown delta operation"));
	CHECK(warned("bad.ftm.json:8: DEL without an entity id"));
	CHECK(warned("bad.ftm.json:10: invalid JSON"));
	cm_collection_dispose(&c);
}

static void test_non_text_values(void)
{
	make_tmp();
	const char *path = TMP "/values.ftm.json";
	write_file(path, "{\"id\":\"n\",\"schema\":\"Person\",\"caption\":\"Num Person\",\"properties\":"
	                 "{\"name\":[\"Num Person\",{\"x\":1},null,true],\"birthDate\":[1970],"
	                 "\"notes\":\"a scalar note\",\"alias\":{\"a\":1},\"idNumber\":[12345]}}\n"
	                 "{\"id\":\"m\",\"schema\":\"Company\",\"caption\":\"Caption Only\",\"properties\":[1]}\n"
	                 "{\"id\":\"u\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Bad \xff Byte\"]}}\n");
	cm_collection c;
	cm_collection_init(&c);
	csrc_stats st;
	REQUIRE(run(path, &c, &st) == 0);
	CHECK_INT(st.rows, 3);
	CHECK_INT(st.skipped_rows, 0);
	CHECK_INT(st.unknown_fields, 4); /* the object and true among names, the alias object, properties [1] */
	CHECK(warned("values.ftm.json:1: property \"name\" has a value that is not text"));
	CHECK(warned("values.ftm.json:2: \"properties\" of m is not an object"));
	const cm_entity *n = cm_collection_find(&c, "os:n");
	REQUIRE(n != NULL);
	CHECK_INT(n->e.name_count, 1);
	REQUIRE(n->e.birth_date_count == 1);
	CHECK_INT(n->e.birth_dates[0].precision, CORDON_DATE_YEAR);
	CHECK_INT(n->e.birth_dates[0].year, 1970);
	CHECK_STR(n->e.remarks, "a scalar note");
	REQUIRE(n->e.identifier_count == 1);
	CHECK_STR(n->e.identifiers[0].value, "12345");
	CHECK_INT(n->e.identifiers[0].kind, CORDON_ID_NATIONAL_ID);
	const cm_entity *m = cm_collection_find(&c, "os:m");
	REQUIRE(m != NULL);
	CHECK_STR(m->e.names[0].full, "Caption Only");
	/* jansson refuses invalid UTF-8; the line is repaired instead of lost */
	const cm_entity *u = cm_collection_find(&c, "os:u");
	REQUIRE(u != NULL);
	CHECK_STR(u->e.names[0].full, "Bad \xEF\xBF\xBD Byte");
	CHECK(warned("values.ftm.json:3: invalid UTF-8"));
	cm_collection_dispose(&c);
}

static void test_huge_line(void)
{
	make_tmp();
	const char *path = TMP "/huge.ftm.json";
	FILE *f = fopen(path, "wb");
	REQUIRE(f != NULL);
	fputs("{\"id\":\"big\",\"schema\":\"Person\",\"properties\":{\"name\":[\"", f);
	for (size_t i = 0; i < (CSRC_MAX_LINE / 1024) + 8; i++) {
		char block[1024];
		memset(block, 'x', sizeof(block));
		fwrite(block, 1, sizeof(block), f);
	}
	fputs("\"]}}\n{\"id\":\"small\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Small One\"]}}\n", f);
	fclose(f);
	cm_collection c;
	cm_collection_init(&c);
	csrc_stats st;
	REQUIRE(run(path, &c, &st) == 0);
	CHECK_INT(st.rows, 2);
	CHECK_INT(st.skipped_rows, 1);
	CHECK_INT(c.live, 1);
	CHECK(cm_collection_find(&c, "os:small") != NULL);
	CHECK(warned("huge.ftm.json:1: line longer than"));
	cm_collection_dispose(&c);
}

static void test_unusable_files(void)
{
	make_tmp();
	cm_collection c;
	cm_collection_init(&c);
	csrc_stats st;
	CHECK_INT(run(TMP "/does-not-exist.json", &c, &st), CORDON_ENOTFOUND);
	CHECK(strstr(cordon_last_error(), "does-not-exist.json") != NULL);
	write_file(TMP "/empty.ftm.json", "");
	CHECK_INT(run(TMP "/empty.ftm.json", &c, &st), CORDON_EPARSE);
	CHECK(strstr(cordon_last_error(), "empty.ftm.json: empty file") != NULL);
	write_file(TMP "/blank.ftm.json", "\n  \n\n");
	CHECK_INT(run(TMP "/blank.ftm.json", &c, &st), CORDON_EPARSE);
	/* a file none of whose lines is an entity is not an FtM file with bad lines: refused */
	write_file(TMP "/not-ftm.json", "Name,Address\nACME,Main Street\n");
	CHECK_INT(run(TMP "/not-ftm.json", &c, &st), CORDON_EPARSE);
	CHECK(strstr(cordon_last_error(), "not-ftm.json: no line is a FollowTheMoney") != NULL);
	CHECK_INT(c.live, 0);
	cm_collection_dispose(&c);
}

/* An index naming a later version whose file is missing: an error before anything is applied. */
static void test_index_gap(void)
{
	make_tmp();
	mkdir(TMP "/gap", 0755);
	remove(TMP "/gap/delta-20240103000000-ccc.json"); /* left by an earlier run */
	write_file(TMP "/gap/delta-index.json",
	           "{\"versions\": {\"20240103000000-ccc\": \"u3\", \"20240101000000-aaa\": \"u1\",\n"
	           "  \"20240102000000-bbb\": \"u2\"}, \"updated_at\": \"2024-01-03T00:00:00Z\"}\n");
	write_file(TMP "/gap/delta-20240102000000-bbb.json",
	           "{\"op\":\"ADD\",\"entity\":{\"id\":\"x\",\"schema\":\"Person\",\"properties\":{\"name\":[\"X X\"]}}}");
	cm_collection c;
	cm_collection_init(&c);
	csrc_stats st;
	CHECK_INT(run(TMP "/gap/delta-index.json", &c, &st), CORDON_ENOTFOUND);
	CHECK(strstr(cordon_last_error(), "delta-20240103000000-ccc.json") != NULL);
	CHECK_INT(c.live, 0);
	/* with the last file present, the missing oldest (base) version is fine */
	write_file(TMP "/gap/delta-20240103000000-ccc.json",
	           "{\"op\":\"DEL\",\"entity\":{\"id\":\"x\"}}\n"
	           "{\"op\":\"MOD\",\"entity\":{\"id\":\"y\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Y Y\"]}}}\n");
	CHECK_INT(run(TMP "/gap/delta-index.json", &c, &st), 0);
	CHECK(cm_collection_find(&c, "os:x") == NULL);
	CHECK(cm_collection_find(&c, "os:y") != NULL);
	CHECK_INT(c.live, 1);
	/* a version that would name a file outside the folder */
	write_file(TMP "/gap/evil-index.json", "{\"versions\": {\"../../etc/passwd\": \"u\"}}");
	CHECK_INT(run(TMP "/gap/evil-index.json", &c, &st), CORDON_EPARSE);
	write_file(TMP "/gap/none-index.json", "{\"versions\": {}}");
	CHECK_INT(run(TMP "/gap/none-index.json", &c, &st), CORDON_EPARSE);
	cm_collection_dispose(&c);
}

/* Operations in one delta file take effect in line order, across earlier files too. */
static void test_delta_order(void)
{
	make_tmp();
	const char *base = TMP "/order-base.json";
	write_file(base, "{\"id\":\"z\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Zed Z\"]}}\n");
	const char *delta = TMP "/order-delta.json";
	write_file(delta, "{\"op\":\"ADD\",\"entity\":{\"id\":\"x\",\"schema\":\"Person\",\"properties\":{\"name\":[\"X\"]}}}\n"
	                  "{\"op\":\"DEL\",\"entity\":{\"id\":\"x\"}}\n"
	                  "{\"op\":\"DEL\",\"entity\":{\"id\":\"w\"}}\n"
	                  "{\"op\":\"ADD\",\"entity\":{\"id\":\"w\",\"schema\":\"Person\",\"properties\":{\"name\":[\"W\"]}}}\n"
	                  "{\"op\":\"DEL\",\"entity\":{\"id\":\"z\"}}\n"
	                  "{\"op\":\"ADD\",\"entity\":{\"id\":\"s\",\"schema\":\"Sanction\",\"properties\":"
	                  "{\"entity\":[\"w\"],\"programId\":[\"P-1\"]}}}\n");
	cm_collection c;
	cm_collection_init(&c);
	csrc_stats st;
	REQUIRE(run(base, &c, &st) == 0);
	REQUIRE(run(delta, &c, &st) == 0);
	CHECK(cm_collection_find(&c, "os:x") == NULL);
	CHECK(cm_collection_find(&c, "os:z") == NULL);
	const cm_entity *w = cm_collection_find(&c, "os:w");
	REQUIRE(w != NULL);
	CHECK_INT(w->e.program_count, 1);
	CHECK_INT(c.live, 1);
	cm_collection_dispose(&c);
}

static void test_gzip(void)
{
	make_tmp();
	const char *path = TMP "/entities.ftm.json.gz";
	gzFile gz = gzopen(path, "wb");
	REQUIRE(gz != NULL);
	gzputs(gz, "{\"id\":\"g\",\"schema\":\"LegalEntity\",\"properties\":{\"name\":[\"Gzip Holdings\"]}}\n");
	gzclose(gz);
	cm_collection c;
	cm_collection_init(&c);
	csrc_stats st;
	REQUIRE(run(path, &c, &st) == 0);
	const cm_entity *g = cm_collection_find(&c, "os:g");
	REQUIRE(g != NULL);
	CHECK_INT(g->e.schema, CORDON_SCHEMA_ORGANIZATION);
	cm_collection_dispose(&c);
}

/* A Sanction property name of 5,000 letters keys its "sanction." attribute in full. */
static void test_long_sanction_property(void)
{
	make_tmp();
	char prop[5001];
	for (size_t i = 0; i < 5000; i++)
		prop[i] = (char)('a' + i % 26);
	prop[5000] = '\0';
	cu_buf text, key;
	cu_buf_init(&text, 0);
	cu_buf_init(&key, 0);
	CHECK_INT(cu_buf_printf(&text,
	                        "{\"id\":\"co\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Long Prop Co\"]}}\n"
	                        "{\"id\":\"s\",\"schema\":\"Sanction\",\"properties\":{\"entity\":[\"co\"],"
	                        "\"%s\":[\"kept\"]}}\n",
	                        prop),
	          0);
	CHECK_INT(cu_buf_printf(&key, "sanction.%s", prop), 0);
	const char *path = TMP "/long-prop.ftm.json";
	write_file(path, text.data);
	cm_collection c;
	cm_collection_init(&c);
	csrc_stats st;
	CHECK_INT(run(path, &c, &st), 0);
	const cm_entity *co = cm_collection_find(&c, "os:co");
	CHECK(co != NULL);
	if (co)
		CHECK(attr(&co->e, key.data, "kept") != NULL);
	cm_collection_dispose(&c);
	cu_buf_dispose(&text);
	cu_buf_dispose(&key);
}

TEST_MAIN(test_entities, test_kuzmenko_full, test_delta_walk, test_delta_files, test_zala, test_default_feed,
          test_links_fixture, test_bad_lines, test_non_text_values, test_huge_line, test_unusable_files,
          test_index_gap, test_delta_order, test_gzip, test_long_sanction_property)
