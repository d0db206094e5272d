/*
 * Entities rendered as FollowTheMoney objects (the yente EntityResponse).
 * cordon's model is flatter than FtM: a name's kind, an identifier's kind, a
 * country field; each becomes the FtM property a FtM client expects, and only
 * properties the FtM schema has are written, so a client that validates
 * entities against FtM's model accepts every one.
 */
#include "codec/ftm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * FtM country codes are what the library already resolves for screening: one table
 * serves both, so a country the scorer accepts is one we echo. This is the only
 * internal (non-public) header used here; a public cordon_country_code() would replace it.
 */

/* ---- schemata ---- */

#define ACC_U FTM_ACCEPTS(CORDON_SCHEMA_UNKNOWN)
#define ACC_P FTM_ACCEPTS(CORDON_SCHEMA_PERSON)
#define ACC_O FTM_ACCEPTS(CORDON_SCHEMA_ORGANIZATION)
#define ACC_V FTM_ACCEPTS(CORDON_SCHEMA_VESSEL)
#define ACC_A FTM_ACCEPTS(CORDON_SCHEMA_AIRCRAFT)
#define ACC_ALL (ACC_U | ACC_P | ACC_O | ACC_V | ACC_A)

/* Where a property is declared in FtM's schema tree; a schema has those of its ancestors. */
enum {
	D_THING = 1,
	D_LEGAL = 2,
	D_PERSON = 4,
	D_ORG = 8,
	D_COMPANY = 16,
	D_VEHICLE = 32,
	D_VESSEL = 64,
	D_AIRPLANE = 128,
};

typedef struct {
	ftm_schema_info info;
	unsigned has; /* D_* of the property declarations this schema inherits */
} schema_row;

/*
 * accepts follows FtM's matchable_schemata (the matchable ancestors and descendants of
 * a schema): cordon's unknown schema is LegalEntity, so Person, Organization and
 * LegalEntity admit it, Vessel and Airplane do not.
 */
static const schema_row schemata[] = {
	{{"Thing", 1, -1, ACC_ALL}, D_THING},
	{{"LegalEntity", 1, -1, ACC_U | ACC_P | ACC_O}, D_THING | D_LEGAL},
	{{"Person", 1, CORDON_SCHEMA_PERSON, ACC_P | ACC_U}, D_THING | D_LEGAL | D_PERSON},
	{{"Organization", 1, CORDON_SCHEMA_ORGANIZATION, ACC_O | ACC_U}, D_THING | D_LEGAL | D_ORG},
	{{"Company", 1, CORDON_SCHEMA_ORGANIZATION, ACC_O | ACC_U}, D_THING | D_LEGAL | D_ORG | D_COMPANY},
	{{"PublicBody", 1, CORDON_SCHEMA_ORGANIZATION, ACC_O | ACC_U}, D_THING | D_LEGAL | D_ORG},
	{{"Vessel", 1, CORDON_SCHEMA_VESSEL, ACC_V}, D_THING | D_VEHICLE | D_VESSEL},
	{{"Airplane", 1, CORDON_SCHEMA_AIRCRAFT, ACC_A}, D_THING | D_VEHICLE | D_AIRPLANE},
	{{"Address", 1, -1, 0}, D_THING},
	{{"Asset", 0, -1, 0}, D_THING},
	{{"Vehicle", 0, -1, 0}, D_THING | D_VEHICLE},
	{{"Security", 0, -1, 0}, D_THING},
	{{"CryptoWallet", 0, -1, 0}, D_THING},
	{{"BankAccount", 0, -1, 0}, D_THING},
	{{"RealEstate", 0, -1, 0}, D_THING},
	{{"Sanction", 0, -1, 0}, 0},
	{{"Identification", 0, -1, 0}, 0},
	{{"Passport", 0, -1, 0}, 0},
	{{"Ownership", 0, -1, 0}, 0},
	{{"Directorship", 0, -1, 0}, 0},
	{{"Membership", 0, -1, 0}, 0},
	{{"Employment", 0, -1, 0}, 0},
	{{"Family", 0, -1, 0}, 0},
	{{"Associate", 0, -1, 0}, 0},
	{{"Representation", 0, -1, 0}, 0},
	{{"Occupancy", 0, -1, 0}, 0},
	{{"Position", 0, -1, 0}, 0},
	{{"Succession", 0, -1, 0}, 0},
	{{"UnknownLink", 0, -1, 0}, 0},
	{{"Interval", 0, -1, 0}, 0},
	{{"Event", 0, -1, 0}, 0},
	{{"Payment", 0, -1, 0}, 0},
	{{"Debt", 0, -1, 0}, 0},
	{{"Contract", 0, -1, 0}, 0},
	{{"ContractAward", 0, -1, 0}, 0},
	{{"Project", 0, -1, 0}, 0},
	{{"ProjectParticipant", 0, -1, 0}, 0},
	{{"Article", 0, -1, 0}, 0},
	{{"Document", 0, -1, 0}, 0},
	{{"Note", 0, -1, 0}, 0},
	{{"Mention", 0, -1, 0}, 0},
	{{"CourtCase", 0, -1, 0}, 0},
	{{"CourtCaseParty", 0, -1, 0}, 0},
};

static const schema_row *find_schema(const char *name)
{
	for (size_t i = 0; name && i < sizeof(schemata) / sizeof(*schemata); i++)
		if (strcmp(schemata[i].info.name, name) == 0)
			return &schemata[i];
	return NULL;
}

int ftm_schema_lookup(const char *name, ftm_schema_info *out)
{
	const schema_row *s = find_schema(name);
	if (!s)
		return -1;
	*out = s->info;
	return 0;
}

const char *ftm_schema_name(int schema)
{
	switch (schema) {
	case CORDON_SCHEMA_PERSON:
		return "Person";
	case CORDON_SCHEMA_ORGANIZATION:
		return "Organization";
	case CORDON_SCHEMA_VESSEL:
		return "Vessel";
	case CORDON_SCHEMA_AIRCRAFT:
		return "Airplane";
	default:
		return "LegalEntity";
	}
}

/* ---- properties ---- */

enum { T_TEXT = 0, T_COUNTRY, T_DATE };

typedef struct {
	const char *name;
	unsigned declared; /* D_*: where FtM declares it (a few are declared twice) */
	int type;
} prop_row;

/* The FtM properties cordon reads or writes (FtM 3.x / 4.x); others are left out. */
static const prop_row props[] = {
	{"name", D_THING, T_TEXT},
	{"alias", D_THING, T_TEXT},
	{"previousName", D_THING, T_TEXT},
	{"weakAlias", D_THING, T_TEXT},
	{"summary", D_THING, T_TEXT},
	{"description", D_THING, T_TEXT},
	{"country", D_THING, T_COUNTRY},
	{"notes", D_THING, T_TEXT},
	{"sourceUrl", D_THING, T_TEXT},
	{"topics", D_THING, T_TEXT},
	{"address", D_THING, T_TEXT},
	{"program", D_THING, T_TEXT},
	{"programId", D_THING, T_TEXT},
	{"wikidataId", D_THING, T_TEXT},
	{"keywords", D_THING, T_TEXT},
	{"createdAt", D_THING, T_DATE},
	{"modifiedAt", D_THING, T_DATE},
	{"email", D_LEGAL, T_TEXT},
	{"phone", D_LEGAL, T_TEXT},
	{"website", D_LEGAL, T_TEXT},
	{"legalForm", D_LEGAL, T_TEXT},
	{"incorporationDate", D_LEGAL, T_DATE},
	{"dissolutionDate", D_LEGAL, T_DATE},
	{"status", D_LEGAL, T_TEXT},
	{"sector", D_LEGAL, T_TEXT},
	{"classification", D_LEGAL, T_TEXT},
	{"registrationNumber", D_LEGAL | D_VEHICLE, T_TEXT},
	{"idNumber", D_LEGAL, T_TEXT},
	{"taxNumber", D_LEGAL, T_TEXT},
	{"vatCode", D_LEGAL, T_TEXT},
	{"jurisdiction", D_LEGAL, T_COUNTRY},
	{"mainCountry", D_LEGAL, T_COUNTRY},
	{"innCode", D_LEGAL, T_TEXT},
	{"ogrnCode", D_LEGAL, T_TEXT},
	{"okpoCode", D_LEGAL, T_TEXT},
	{"leiCode", D_LEGAL, T_TEXT},
	{"dunsCode", D_LEGAL, T_TEXT},
	{"uniqueEntityId", D_LEGAL, T_TEXT},
	{"npiCode", D_LEGAL, T_TEXT},
	{"swiftBic", D_LEGAL, T_TEXT},
	{"icijId", D_LEGAL, T_TEXT},
	{"opencorporatesUrl", D_LEGAL, T_TEXT},
	{"title", D_PERSON, T_TEXT},
	{"firstName", D_PERSON, T_TEXT},
	{"secondName", D_PERSON, T_TEXT},
	{"middleName", D_PERSON, T_TEXT},
	{"fatherName", D_PERSON, T_TEXT},
	{"motherName", D_PERSON, T_TEXT},
	{"lastName", D_PERSON, T_TEXT},
	{"nameSuffix", D_PERSON, T_TEXT},
	{"birthDate", D_PERSON, T_DATE},
	{"birthPlace", D_PERSON, T_TEXT},
	{"birthCountry", D_PERSON, T_COUNTRY},
	{"deathDate", D_PERSON, T_DATE},
	{"position", D_PERSON, T_TEXT},
	{"nationality", D_PERSON, T_COUNTRY},
	{"citizenship", D_PERSON, T_COUNTRY},
	{"passportNumber", D_PERSON, T_TEXT},
	{"socialSecurityNumber", D_PERSON, T_TEXT},
	{"gender", D_PERSON, T_TEXT},
	{"ethnicity", D_PERSON, T_TEXT},
	{"religion", D_PERSON, T_TEXT},
	{"political", D_PERSON, T_TEXT},
	{"education", D_PERSON, T_TEXT},
	{"profession", D_PERSON, T_TEXT},
	{"cageCode", D_ORG, T_TEXT},
	{"permId", D_ORG, T_TEXT},
	{"imoNumber", D_ORG | D_VESSEL, T_TEXT},
	{"giiNumber", D_ORG, T_TEXT},
	{"isinCode", D_COMPANY, T_TEXT},
	{"ticker", D_COMPANY, T_TEXT},
	{"ricCode", D_COMPANY, T_TEXT},
	{"cikCode", D_COMPANY, T_TEXT},
	{"irsCode", D_COMPANY, T_TEXT},
	{"kppCode", D_COMPANY, T_TEXT},
	{"bikCode", D_COMPANY, T_TEXT},
	{"voenCode", D_COMPANY, T_TEXT},
	{"capital", D_COMPANY, T_TEXT},
	{"type", D_VEHICLE, T_TEXT},
	{"model", D_VEHICLE, T_TEXT},
	{"owner", D_VEHICLE, T_TEXT},
	{"operator", D_VEHICLE, T_TEXT},
	{"buildDate", D_VEHICLE, T_DATE},
	{"registrationDate", D_VEHICLE, T_DATE},
	{"crsNumber", D_VESSEL, T_TEXT},
	{"flag", D_VESSEL, T_COUNTRY},
	{"pastFlags", D_VESSEL, T_COUNTRY},
	{"pastTypes", D_VESSEL, T_TEXT},
	{"pastNames", D_VESSEL, T_TEXT},
	{"registrationPort", D_VESSEL, T_TEXT},
	{"navigationArea", D_VESSEL, T_TEXT},
	{"tonnage", D_VESSEL, T_TEXT},
	{"grossRegisteredTonnage", D_VESSEL, T_TEXT},
	{"nameChangeDate", D_VESSEL, T_DATE},
	{"callSign", D_VESSEL, T_TEXT},
	{"mmsi", D_VESSEL, T_TEXT},
	{"serialNumber", D_AIRPLANE, T_TEXT},
	{"icaoCode", D_AIRPLANE, T_TEXT},
	{"manufacturer", D_AIRPLANE, T_TEXT},
};

static const prop_row *find_prop(const char *name)
{
	for (size_t i = 0; name && i < sizeof(props) / sizeof(*props); i++)
		if (strcmp(props[i].name, name) == 0)
			return &props[i];
	return NULL;
}

int ftm_property_valid(const char *schema, const char *prop)
{
	const schema_row *s = find_schema(schema);
	const prop_row *p = find_prop(prop);
	return s && p && (s->has & p->declared) != 0;
}

int ftm_property_is_country(const char *prop)
{
	const prop_row *p = find_prop(prop);
	return p && p->type == T_COUNTRY;
}

int ftm_property_is_date(const char *prop)
{
	const prop_row *p = find_prop(prop);
	return p && p->type == T_DATE;
}

/* ---- value cleaning ---- */

const char *ftm_country_code(const char *value, char out[3])
{
	const char *code = value && *value ? cordon_country_code(value) : NULL;
	if (!code || strlen(code) != 2)
		return NULL;
	out[0] = (char)(code[0] | 0x20);
	out[1] = (char)(code[1] | 0x20);
	out[2] = '\0';
	return out;
}

const char *ftm_country_name(const char *code)
{
	if (!code || strlen(code) != 2)
		return NULL;
	char up[3] = {(char)(code[0] & ~0x20), (char)(code[1] & ~0x20), '\0'};
	return cordon_country_name(up);
}

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Length of the ISO date prefix of v (4, 7 or 10), 0 when it is not one; a time may follow. */
static size_t iso_date_length(const char *v)
{
	size_t n = strlen(v);
	if (n < 4 || !digits(v, 4) || atoi(v) < 1) /* there is no year 0 */
		return 0;
	if (n > 4 && v[4] != '-')
		return 0;
	if (n < 7 || !digits(v + 5, 2) || (n > 7 && v[7] != '-'))
		return n == 4 ? 4 : 0;
	int month = (v[5] - '0') * 10 + (v[6] - '0');
	if (month < 1 || month > 12)
		return 0;
	if (n == 7)
		return 7;
	if (n < 10 || !digits(v + 8, 2) || (n > 10 && v[10] != 'T' && v[10] != ' '))
		return 0;
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int year = atoi(v), day = (v[8] - '0') * 10 + (v[9] - '0');
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	/* a day the month lacks is no date: the scorer would refuse it */
	return day >= 1 && day <= days[month - 1] && (month != 2 || day < 29 || leap) ? 10 : 0;
}

const char *ftm_date(const char *value, char out[11])
{
	size_t n = value ? iso_date_length(value) : 0;
	if (!n)
		return NULL;
	memcpy(out, value, n);
	out[n] = '\0';
	return out;
}

/* ---- writing properties ---- */

typedef struct {
	json_t *o;
	unsigned has; /* the rendered schema's D_* */
} prop_writer;

static int in_list(json_t *list, const char *v)
{
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		if (strcmp(json_string_value(x), v) == 0)
			return 1;
	}
	return 0;
}

/* Adds one value to prop when the schema has prop: cleaned by type, empty and repeated values left out. */
static void put(prop_writer *w, const char *prop, const char *value)
{
	const prop_row *p = find_prop(prop);
	char buf[11];
	if (!p || !(w->has & p->declared) || !value || !*value)
		return;
	if (p->type == T_COUNTRY)
		value = ftm_country_code(value, buf);
	else if (p->type == T_DATE)
		value = ftm_date(value, buf);
	if (!value)
		return;
	json_t *list = json_object_get(w->o, prop);
	if (!list) {
		list = json_array();
		json_object_set_new(w->o, prop, list);
	}
	if (!in_list(list, value))
		json_array_append_new(list, json_string(value));
}

static void put_names(prop_writer *w, const cordon_entity *e)
{
	for (size_t i = 0; i < e->name_count; i++) {
		const cordon_name *n = &e->names[i];
		const char *prop = i == 0 ? "name" : n->weak ? "weakAlias" : n->kind == CORDON_NAME_FKA ? "previousName" : "alias";
		put(w, prop, n->full);
		put(w, "firstName", n->given);
		put(w, "lastName", n->family);
	}
}

/* A cordon date as FtM writes dates: truncated to its precision; a range as its years. */
static void put_date(prop_writer *w, const char *prop, const cordon_date *d)
{
	char buf[24];
	switch (d->precision) {
	case CORDON_DATE_DAY:
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", d->year, d->month, d->day);
		break;
	case CORDON_DATE_MONTH:
		snprintf(buf, sizeof(buf), "%04d-%02d", d->year, d->month);
		break;
	case CORDON_DATE_YEAR:
		snprintf(buf, sizeof(buf), "%04d", d->year);
		break;
	case CORDON_DATE_RANGE:
		/* "1960 to 1962" is each of those years to FtM; a wide range only its ends */
		for (int y = d->year; y <= d->end_year; y += d->end_year - d->year > 10 ? d->end_year - d->year : 1) {
			snprintf(buf, sizeof(buf), "%04d", y);
			put(w, prop, buf);
		}
		return;
	default:
		return; /* free text FtM's date type would refuse; it stays in the notes */
	}
	put(w, prop, buf);
}

static void put_list(prop_writer *w, const char *prop, const char *const *values, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put(w, prop, values[i]);
}

static void put_places(prop_writer *w, const cordon_entity *e)
{
	for (size_t i = 0; i < e->birth_date_count; i++)
		put_date(w, "birthDate", &e->birth_dates[i]);
	put_list(w, "birthPlace", e->birth_places, e->birth_place_count);
	put_list(w, "nationality", e->nationalities, e->nationality_count);
	put_list(w, "citizenship", e->citizenships, e->citizenship_count);
	/* a flag or jurisdiction is a plain country link in cordon; FtM's "country" holds those too */
	put_list(w, "country", e->countries, e->country_count);
	for (size_t i = 0; i < e->address_count; i++) {
		put(w, "address", e->addresses[i].full);
		put(w, "country", e->addresses[i].country);
	}
	put(w, "gender", e->gender);
}

static int label_has(const char *label, const char *word)
{
	return label && strstr(label, word) != NULL;
}

/* The FtM property for an identifier kind; aircraft numbers by their label. */
static const char *id_property(const cordon_identifier *id)
{
	static const char *const by_kind[CORDON_ID_KIND_COUNT] = {
		[CORDON_ID_OTHER] = "idNumber",        [CORDON_ID_PASSPORT] = "passportNumber",
		[CORDON_ID_NATIONAL_ID] = "idNumber",  [CORDON_ID_TAX_ID] = "taxNumber",
		[CORDON_ID_REGISTRATION] = "registrationNumber", [CORDON_ID_IMO] = "imoNumber",
		[CORDON_ID_MMSI] = "mmsi",             [CORDON_ID_CALL_SIGN] = "callSign",
		[CORDON_ID_SWIFT_BIC] = "swiftBic",    [CORDON_ID_LEI] = "leiCode",
		[CORDON_ID_CRYPTO] = "idNumber",       [CORDON_ID_EMAIL] = "email",
		[CORDON_ID_WEBSITE] = "website",       [CORDON_ID_PHONE] = "phone",
		[CORDON_ID_AIRCRAFT] = "registrationNumber",
	};
	if (id->kind == CORDON_ID_AIRCRAFT && (label_has(id->label, "Serial") || label_has(id->label, "MSN") ||
	                                       label_has(id->label, "Construction")))
		return "serialNumber";
	return (unsigned)id->kind < CORDON_ID_KIND_COUNT ? by_kind[id->kind] : "idNumber";
}

static int writer_has(const prop_writer *w, const char *prop)
{
	const prop_row *p = find_prop(prop);
	return p && (w->has & p->declared);
}

static void put_identifiers(prop_writer *w, const cordon_entity *e)
{
	for (size_t i = 0; i < e->identifier_count; i++) {
		const cordon_identifier *id = &e->identifiers[i];
		/* FtM sources label identifiers with the property they came from */
		const char *prop = writer_has(w, id->label) ? id->label : id_property(id);
		if (!writer_has(w, prop))
			prop = writer_has(w, "idNumber") ? "idNumber" : "registrationNumber";
		put(w, prop, id->value);
	}
}

/* Facts other lists keep under their own names that have an FtM property. */
static const char *attribute_property(const char *key)
{
	static const char *const map[][2] = {
		{"vessel_flag", "flag"},          {"former_vessel_flag", "pastFlags"},
		{"other_vessel_flag", "pastFlags"}, {"vessel_type", "type"},
		{"other_vessel_type", "pastTypes"}, {"vessel_owner", "owner"},
		{"tonnage", "tonnage"},           {"grt", "grossRegisteredTonnage"},
		{"aircraft_model", "model"},      {"aircraft_operator", "operator"},
		{"aircraft_manufacture_date", "buildDate"},
		{"organization_established_date", "incorporationDate"},
		{"organization_type", "legalForm"},
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(*map); i++)
		if (strcmp(map[i][0], key) == 0)
			return map[i][1];
	return find_prop(key) ? key : NULL; /* FtM sources keep FtM's names */
}

static void put_attributes(prop_writer *w, const cordon_entity *e)
{
	for (size_t i = 0; i < e->attribute_count; i++) {
		const char *prop = attribute_property(e->attributes[i].key);
		/* topics are written once, below, with a default for lists that do not give them */
		if (prop && strcmp(prop, "topics") != 0)
			put(w, prop, e->attributes[i].value);
	}
}

static void put_topics(prop_writer *w, const cordon_entity *e)
{
	for (size_t i = 0; i < e->attribute_count; i++)
		if (strcmp(e->attributes[i].key, "topic") == 0)
			put(w, "topics", e->attributes[i].value);
	if (json_object_get(w->o, "topics"))
		return;
	/* every list cordon reads is a sanctions list but BIS's, which denies export privileges */
	put(w, "topics", strcmp(e->dataset, "us-dpl") == 0 ? "export.control" : "sanction");
}

static void put_rest(prop_writer *w, const cordon_entity *e)
{
	put_list(w, "program", e->programs, e->program_count);
	put_list(w, "position", e->titles, e->title_count);
	put_attributes(w, e);
	put_topics(w, e);
	if (!json_object_get(w->o, "createdAt") && e->listing_date.precision != CORDON_DATE_NONE)
		put_date(w, "createdAt", &e->listing_date);
	put(w, "notes", e->remarks);
	put(w, "sourceUrl", e->source_url);
}

json_t *ftm_properties(const cordon_entity *e)
{
	prop_writer w = {json_object(), find_schema(ftm_schema_name(e->schema))->has};
	put_names(&w, e);
	put_places(&w, e);
	put_identifiers(&w, e);
	put_rest(&w, e);
	return w.o;
}

/* ---- the entity response ---- */

static json_t *attribute_values(const cordon_entity *e, const char *key)
{
	json_t *a = json_array();
	for (size_t i = 0; i < e->attribute_count; i++)
		if (strcmp(e->attributes[i].key, key) == 0)
			json_array_append_new(a, json_string(e->attributes[i].value));
	return a;
}

static const char *attribute(const cordon_entity *e, const char *key)
{
	for (size_t i = 0; i < e->attribute_count; i++)
		if (strcmp(e->attributes[i].key, key) == 0)
			return e->attributes[i].value;
	return NULL;
}

static json_t *timestamp(const char *v)
{
	return v && *v ? json_string(v) : json_null();
}

json_t *ftm_entity_response(const cordon_entity *e, const char *last_seen)
{
	const char *target = attribute(e, "target");
	const char *seen = attribute(e, "last_seen");
	char fallback[32] = "";
	if (!seen && last_seen && ftm_date(last_seen, fallback) && strlen(fallback) == 10)
		strcat(fallback, "T00:00:00"); /* yente's timestamps are ISO seconds without a zone */
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(e->id));
	json_object_set_new(o, "caption", json_string(e->name_count ? e->names[0].full : e->id));
	json_object_set_new(o, "schema", json_string(ftm_schema_name(e->schema)));
	json_object_set_new(o, "properties", ftm_properties(e));
	json_object_set_new(o, "datasets", json_pack("[s]", e->dataset));
	json_object_set_new(o, "referents", attribute_values(e, "referents"));
	json_object_set_new(o, "target", json_boolean(!target || strcmp(target, "false") != 0));
	json_object_set_new(o, "first_seen", timestamp(attribute(e, "first_seen")));
	json_object_set_new(o, "last_seen", timestamp(seen ? seen : fallback));
	json_object_set_new(o, "last_change", timestamp(attribute(e, "last_change")));
	return o;
}

/* The newest file date of the dataset's sources, or NULL. */
static const char *dataset_date(const cordon_snapshot *snap, const char *dataset)
{
	cordon_snapshot_info info;
	const char *best = NULL;
	if (cordon_snapshot_get_info(snap, &info) != 0)
		return NULL;
	for (size_t i = 0; i < info.source_count; i++)
		if (strcmp(info.sources[i].dataset, dataset) == 0 && (!best || strcmp(info.sources[i].file_date, best) > 0))
			best = info.sources[i].file_date;
	return best;
}

json_t *ftm_entity_json(const cordon_snapshot *snap, size_t index)
{
	cordon_entity e;
	if (cordon_snapshot_entity(snap, index, &e) != 0)
		return NULL;
	json_t *o = ftm_entity_response(&e, dataset_date(snap, e.dataset));
	cordon_entity_dispose(&e);
	return o;
}
