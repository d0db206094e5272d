/*
 * FollowTheMoney properties onto the cordon entity model. Every property of
 * a matchable entity ends up somewhere: in a model field when there is one,
 * else as an attribute keyed by the FtM property name. Only values that are
 * not text (objects, arrays, booleans inside a property) are ignored, and
 * those are counted in unknown_fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/country.h"
#include "model/date.h"
#include "model/idkind.h"
#include "sources/ftm_internal.h"
#include "util/buf.h"
#include "util/strutil.h"

const char *csrc_ftm_text(json_t *v, char *buf)
{
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		return *s ? s : NULL;
	}
	if (!buf)
		return NULL; /* numbers need the caller's buffer */
	if (json_is_integer(v)) {
		snprintf(buf, FTM_NUM_BUF, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return buf;
	}
	if (json_is_real(v)) {
		snprintf(buf, FTM_NUM_BUF, "%.15g", json_real_value(v));
		return buf;
	}
	return NULL;
}

size_t csrc_ftm_count(json_t *prop)
{
	if (!prop || json_is_null(prop))
		return 0;
	return json_is_array(prop) ? json_array_size(prop) : 1;
}

const char *csrc_ftm_value(json_t *prop, size_t i, char *buf)
{
	return csrc_ftm_text(json_is_array(prop) ? json_array_get(prop, i) : prop, buf);
}

const char *csrc_ftm_first(json_t *props, const char *name, char *buf)
{
	json_t *p = json_object_get(props, name);
	for (size_t i = 0, n = csrc_ftm_count(p); i < n; i++) {
		const char *v = csrc_ftm_value(p, i, buf);
		if (v)
			return v;
	}
	return NULL;
}

const char *csrc_ftm_country(const char *value, char out[3])
{
	if (!value || strlen(value) != 2 || !cm_country_valid(value))
		return NULL;
	out[0] = (char)(value[0] & ~0x20);
	out[1] = (char)(value[1] & ~0x20);
	out[2] = '\0';
	return out;
}

/* What a property of a matchable entity becomes. */
typedef enum {
	P_ATTR = 0, /* anything not listed: attribute (property, value) */
	P_SKIP,     /* handled before the table walk (names, address references) */
	P_ALIAS,
	P_FKA,
	P_WEAK,
	P_BIRTH_DATE,
	P_BIRTH_PLACE,
	P_NATIONALITY,
	P_CITIZENSHIP,
	P_COUNTRY,
	P_GENDER,
	P_TITLE,
	P_ID,
	P_PROGRAM,
	P_TOPIC,
	P_NOTES,
	P_SOURCE_URL,
	P_ADDRESS
} prop_action;

typedef struct {
	const char *name;
	prop_action action;
	cordon_id_kind kind; /* for P_ID */
} prop_rule;

static const prop_rule rules[] = {
	{"name", P_SKIP, 0},
	{"addressEntity", P_SKIP, 0},
	{"alias", P_ALIAS, 0},
	{"previousName", P_FKA, 0},
	{"weakAlias", P_WEAK, 0},
	/* short forms ("CST", "ZALA") match far too much to be strong aliases */
	{"abbreviation", P_WEAK, 0},
	{"birthDate", P_BIRTH_DATE, 0},
	{"birthPlace", P_BIRTH_PLACE, 0},
	{"nationality", P_NATIONALITY, 0},
	{"citizenship", P_CITIZENSHIP, 0},
	{"country", P_COUNTRY, 0},
	{"jurisdiction", P_COUNTRY, 0},
	{"mainCountry", P_COUNTRY, 0},
	{"birthCountry", P_COUNTRY, 0},
	{"flag", P_COUNTRY, 0},
	{"gender", P_GENDER, 0},
	{"position", P_TITLE, 0},
	{"title", P_TITLE, 0},
	{"idNumber", P_ID, CORDON_ID_OTHER}, /* national id for a person, see id_kind() */
	{"passportNumber", P_ID, CORDON_ID_PASSPORT},
	{"socialSecurityNumber", P_ID, CORDON_ID_NATIONAL_ID},
	{"taxNumber", P_ID, CORDON_ID_TAX_ID},
	{"innCode", P_ID, CORDON_ID_TAX_ID},
	{"vatCode", P_ID, CORDON_ID_TAX_ID},
	{"kppCode", P_ID, CORDON_ID_TAX_ID},
	{"irsCode", P_ID, CORDON_ID_TAX_ID},
	{"registrationNumber", P_ID, CORDON_ID_REGISTRATION}, /* tail number for an Airplane */
	{"ogrnCode", P_ID, CORDON_ID_REGISTRATION},
	{"okpoCode", P_ID, CORDON_ID_REGISTRATION},
	{"dunsCode", P_ID, CORDON_ID_REGISTRATION},
	{"uniqueEntityId", P_ID, CORDON_ID_REGISTRATION},
	{"cageCode", P_ID, CORDON_ID_REGISTRATION},
	{"npiCode", P_ID, CORDON_ID_REGISTRATION},
	{"bikCode", P_ID, CORDON_ID_REGISTRATION},
	{"voenCode", P_ID, CORDON_ID_TAX_ID},
	{"permId", P_ID, CORDON_ID_OTHER},
	{"isinCode", P_ID, CORDON_ID_OTHER},
	{"ricCode", P_ID, CORDON_ID_OTHER},
	{"cikCode", P_ID, CORDON_ID_OTHER},
	{"giiNumber", P_ID, CORDON_ID_OTHER},
	{"crsNumber", P_ID, CORDON_ID_OTHER},
	{"leiCode", P_ID, CORDON_ID_LEI},
	{"swiftBic", P_ID, CORDON_ID_SWIFT_BIC},
	{"imoNumber", P_ID, CORDON_ID_IMO},
	{"mmsi", P_ID, CORDON_ID_MMSI},
	{"callSign", P_ID, CORDON_ID_CALL_SIGN},
	{"serialNumber", P_ID, CORDON_ID_AIRCRAFT},
	{"icaoCode", P_ID, CORDON_ID_AIRCRAFT},
	{"email", P_ID, CORDON_ID_EMAIL},
	{"website", P_ID, CORDON_ID_WEBSITE},
	{"phone", P_ID, CORDON_ID_PHONE},
	{"program", P_PROGRAM, 0},
	{"programId", P_PROGRAM, 0},
	{"topics", P_TOPIC, 0},
	{"notes", P_NOTES, 0},
	{"sourceUrl", P_SOURCE_URL, 0},
	{"address", P_ADDRESS, 0},
};

static const prop_rule *find_rule(const char *name)
{
	static const prop_rule attr = {NULL, P_ATTR, 0};
	for (size_t i = 0; i < sizeof(rules) / sizeof(*rules); i++)
		if (strcmp(rules[i].name, name) == 0)
			return &rules[i];
	return &attr;
}

static cordon_id_kind id_kind(const prop_rule *r, cordon_schema schema)
{
	if (strcmp(r->name, "idNumber") == 0 && schema == CORDON_SCHEMA_PERSON)
		return CORDON_ID_NATIONAL_ID;
	if (strcmp(r->name, "registrationNumber") == 0 && schema == CORDON_SCHEMA_AIRCRAFT)
		return CORDON_ID_AIRCRAFT;
	return r->kind;
}

/* Adds an alias unless it is the primary name again (which may carry given/family parts). */
static int add_alias(cm_entity *ent, cordon_name_kind kind, int weak, const char *value)
{
	if (ent->e.name_count) {
		char *clean = cu_clean_dup(value, strlen(value));
		int same = clean && strcmp(clean, ent->e.names[0].full) == 0;
		free(clean);
		if (same)
			return 0;
	}
	return cm_add_name(ent, kind, weak, value, NULL, NULL, NULL);
}

static void add_date(cm_entity *ent, const char *v)
{
	cordon_date d;
	if (cm_date_parse_iso(v, &d) != 0)
		cm_date_set_text(&d, v);
	cm_add_birth_date(ent, &d);
}

/* A country-typed property: ISO-2 into the field, FtM's own codes ("suhh") kept as an attribute. */
static int add_country(cm_entity *ent, prop_action a, const char *prop, const char *v)
{
	char cc[3];
	if (!csrc_ftm_country(v, cc))
		return cm_add_attribute(ent, prop, v);
	if (a == P_NATIONALITY)
		return cm_add_nationality(ent, cc);
	if (a == P_CITIZENSHIP)
		return cm_add_citizenship(ent, cc);
	return cm_add_country(ent, cc);
}

/* One value of one property; notes are collected into *notes to become the remarks. */
static int apply_value(cm_entity *ent, const prop_rule *r, const char *prop, const char *v, cu_buf *notes)
{
	switch (r->action) {
	case P_SKIP:
		return 0;
	case P_ALIAS:
		return add_alias(ent, CORDON_NAME_AKA, 0, v);
	case P_FKA:
		return add_alias(ent, CORDON_NAME_FKA, 0, v);
	case P_WEAK:
		return add_alias(ent, CORDON_NAME_AKA, 1, v);
	case P_BIRTH_DATE:
		add_date(ent, v);
		return 0;
	case P_BIRTH_PLACE:
		return cm_add_birth_place(ent, v);
	case P_NATIONALITY:
	case P_CITIZENSHIP:
	case P_COUNTRY:
		return add_country(ent, r->action, prop, v);
	case P_GENDER:
		return cm_set_gender(ent, v);
	case P_TITLE:
		return cm_add_title(ent, v);
	case P_ID:
		return cm_add_identifier(ent, id_kind(r, ent->e.schema), prop, v, NULL, NULL);
	case P_PROGRAM:
		return cm_add_program(ent, v);
	case P_TOPIC:
		return cm_add_attribute(ent, "topic", v);
	case P_NOTES:
		if (notes->len && cu_buf_puts(notes, "; ") != 0)
			return 0; /* remarks longer than the limit: the rest is cut */
		cu_buf_puts(notes, v);
		return 0;
	case P_SOURCE_URL:
		if (ent->e.source_url)
			return cm_add_attribute(ent, prop, v);
		return cm_set_source_url(ent, v);
	case P_ADDRESS: {
		cordon_address a = {.full = v};
		return cm_add_address(ent, &a);
	}
	case P_ATTR:
		break;
	}
	return cm_add_attribute(ent, prop, v);
}

static void warn_value(ftm_rd *rd, const char *prop)
{
	rd->ctx->stats.unknown_fields++;
	if (!rd->warned)
		csrc_warn(rd->ctx, "%s:%lu: property \"%s\" has a value that is not text, ignored", rd->path,
		          rd->line, prop);
	rd->warned = 1;
}

static int apply_properties(ftm_rd *rd, cm_entity *ent, json_t *props)
{
	const char *prop;
	json_t *val;
	cu_buf notes;
	cu_buf_init(&notes, CSRC_MAX_FIELD);
	int rc = 0;
	json_object_foreach(props, prop, val) {
		const prop_rule *r = find_rule(prop);
		for (size_t i = 0, n = csrc_ftm_count(val); i < n && rc == 0; i++) {
			char buf[FTM_NUM_BUF];
			json_t *item = json_is_array(val) ? json_array_get(val, i) : val;
			const char *v = csrc_ftm_text(item, buf);
			if (v)
				rc = apply_value(ent, r, prop, v, &notes);
			else if (!json_is_string(item) && !json_is_null(item))
				warn_value(rd, prop);
		}
	}
	if (rc == 0 && notes.len)
		rc = cm_set_remarks(ent, notes.data);
	cu_buf_dispose(&notes);
	return rc;
}

/* True when word occurs in s delimited by the ends, spaces or commas (exact bytes, no case folding). */
static int contains_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = strstr(s, word); p && n; p = strstr(p + 1, word)) {
		int before = p == s || p[-1] == ' ' || p[-1] == ',';
		int after = p[n] == '\0' || p[n] == ' ' || p[n] == ',';
		if (before && after)
			return 1;
	}
	return 0;
}

/*
 * The one value of a name-part property that appears in the primary name.
 * FtM lists name parts per language without aligning them, so a part is
 * only trusted when exactly one value occurs there verbatim.
 */
static const char *name_part(json_t *props, const char *prop, const char *primary)
{
	json_t *p = json_object_get(props, prop);
	const char *found = NULL;
	for (size_t i = 0, n = csrc_ftm_count(p); i < n; i++) {
		const char *v = json_string_value(json_is_array(p) ? json_array_get(p, i) : p);
		if (!v || !*v || !contains_word(primary, v))
			continue;
		if (found && strcmp(found, v) != 0)
			return NULL;
		found = v;
	}
	return found;
}

/* The caption when it is one of the names (FtM's display choice), else the first name. */
static const char *pick_primary(json_t *obj, json_t *props, char *buf)
{
	const char *caption = json_string_value(json_object_get(obj, "caption"));
	json_t *names = json_object_get(props, "name");
	const char *first = NULL;
	for (size_t i = 0, n = csrc_ftm_count(names); i < n; i++) {
		const char *v = csrc_ftm_value(names, i, buf);
		if (v && caption && strcmp(v, caption) == 0)
			return v;
		if (v && !first)
			first = v;
	}
	if (first)
		return csrc_ftm_first(props, "name", buf);
	if (caption && *caption)
		return caption;
	static const char *const fallbacks[] = {"alias", "previousName", "weakAlias"};
	for (size_t i = 0; i < 3; i++) {
		const char *v = csrc_ftm_first(props, fallbacks[i], buf);
		if (v)
			return v;
	}
	return NULL;
}

static int add_names(cm_entity *ent, json_t *props, const char *primary)
{
	const char *given = name_part(props, "firstName", primary);
	const char *family = name_part(props, "lastName", primary);
	int rc = cm_add_name(ent, CORDON_NAME_PRIMARY, 0, primary, given, family, NULL);
	json_t *names = json_object_get(props, "name");
	for (size_t i = 0, n = csrc_ftm_count(names); i < n && rc == 0; i++) {
		char buf[FTM_NUM_BUF];
		const char *v = csrc_ftm_value(names, i, buf);
		if (v)
			rc = add_alias(ent, CORDON_NAME_AKA, 0, v);
	}
	return rc;
}

/* Top-level keys other than the properties: provenance kept as attributes. */
static int apply_top_level(ftm_rd *rd, cm_entity *ent, json_t *obj)
{
	static const char *const known[] = {"id", "caption", "schema", "properties", "target",
	                                    "first_seen", "last_seen", "last_change", "datasets", "referents"};
	const char *key;
	json_t *val;
	int rc = 0;
	json_object_foreach(obj, key, val) {
		size_t k = 0;
		while (k < sizeof(known) / sizeof(*known) && strcmp(known[k], key) != 0)
			k++;
		if (k == sizeof(known) / sizeof(*known)) {
			rd->ctx->stats.unknown_fields++;
			continue;
		}
		if (k < 4)
			continue;
		if (k == 4) {
			if (json_is_boolean(val))
				rc = cm_add_attribute(ent, key, json_is_true(val) ? "true" : "false");
			continue;
		}
		for (size_t i = 0, n = csrc_ftm_count(val); i < n && rc == 0; i++) {
			char buf[FTM_NUM_BUF];
			rc = cm_add_attribute(ent, key, csrc_ftm_value(val, i, buf));
		}
	}
	return rc;
}

int csrc_ftm_build_entity(ftm_rd *rd, json_t *obj, const char *id, cordon_schema schema, cm_entity **out)
{
	*out = NULL;
	json_t *props = json_object_get(obj, "properties");
	if (props && !json_is_object(props)) {
		rd->ctx->stats.unknown_fields++;
		csrc_warn(rd->ctx, "%s:%lu: \"properties\" of %s is not an object, ignored", rd->path, rd->line, id);
		props = NULL;
	}
	char buf[FTM_NUM_BUF];
	const char *primary = pick_primary(obj, props, buf);
	if (!primary) {
		rd->ctx->stats.skipped_rows++;
		csrc_warn(rd->ctx, "%s:%lu: entity %s has no name, skipped", rd->path, rd->line, id);
		return 0;
	}
	cm_entity *ent = cm_entity_new(rd->ctx->dataset, id, schema);
	if (!ent || add_names(ent, props, primary) != 0 || (props && apply_properties(rd, ent, props) != 0) ||
	    apply_top_level(rd, ent, obj) != 0) {
		cm_entity_free(ent);
		return cu_fail(CORDON_ENOMEM, "%s:%lu: out of memory", rd->path, rd->line);
	}
	if (ent->e.name_count == 0) { /* every name was blank or control characters: links need names[0] */
		cm_entity_free(ent);
		rd->ctx->stats.skipped_rows++;
		csrc_warn(rd->ctx, "%s:%lu: entity %s has no usable name, skipped", rd->path, rd->line, id);
		return 0;
	}
	*out = ent;
	return 0;
}
