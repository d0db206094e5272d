/* Names of the model's enumerations, and JSON rendering of an entity. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cordon/entity.h"
#include "model/date.h"
#include "util/error.h"
#include "util/strutil.h"

static const char *const schema_names[CORDON_SCHEMA_COUNT] = {"unknown", "person", "organization", "vessel",
                                                              "aircraft"};

const char *cordon_schema_name(cordon_schema schema)
{
	return (unsigned)schema < CORDON_SCHEMA_COUNT ? schema_names[schema] : NULL;
}

int cordon_schema_parse(const char *name)
{
	static const struct {
		const char *name;
		cordon_schema schema;
	} aliases[] = {
		{"person", CORDON_SCHEMA_PERSON},         {"individual", CORDON_SCHEMA_PERSON},
		{"organization", CORDON_SCHEMA_ORGANIZATION}, {"organisation", CORDON_SCHEMA_ORGANIZATION},
		{"company", CORDON_SCHEMA_ORGANIZATION},  {"legalentity", CORDON_SCHEMA_ORGANIZATION},
		{"entity", CORDON_SCHEMA_ORGANIZATION},   {"enterprise", CORDON_SCHEMA_ORGANIZATION},
		{"publicbody", CORDON_SCHEMA_ORGANIZATION}, {"vessel", CORDON_SCHEMA_VESSEL},
		{"ship", CORDON_SCHEMA_VESSEL},           {"aircraft", CORDON_SCHEMA_AIRCRAFT},
		{"airplane", CORDON_SCHEMA_AIRCRAFT},     {"unknown", CORDON_SCHEMA_UNKNOWN},
	};
	if (!name)
		return -1;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(*aliases); i++)
		if (cu_ascii_casecmp(name, aliases[i].name) == 0)
			return (int)aliases[i].schema;
	return -1;
}

const char *cordon_name_kind_name(cordon_name_kind kind)
{
	static const char *const names[] = {"primary", "aka", "fka", "nka"};
	return (unsigned)kind < 4 ? names[kind] : "aka";
}

static const char *const id_kind_names[CORDON_ID_KIND_COUNT] = {
	"other", "passport", "national_id", "tax_id", "registration", "imo", "mmsi", "call_sign",
	"swift_bic", "lei", "crypto", "email", "website", "phone", "aircraft"};

const char *cordon_id_kind_name(cordon_id_kind kind)
{
	return (unsigned)kind < CORDON_ID_KIND_COUNT ? id_kind_names[kind] : "other";
}

int cordon_id_kind_parse(const char *name)
{
	for (int i = 0; i < CORDON_ID_KIND_COUNT; i++)
		if (name && cu_ascii_casecmp(name, id_kind_names[i]) == 0)
			return i;
	return -1;
}

void cordon_entity_dispose(cordon_entity *entity)
{
	if (!entity)
		return;
	/* Snapshot views keep all arrays in one block that starts at names. */
	free(entity->names);
	memset(entity, 0, sizeof(*entity));
}

static void set_str(json_t *obj, const char *key, const char *value)
{
	if (value)
		json_object_set_new(obj, key, json_string(value));
}

static json_t *string_array(const char *const *values, size_t count)
{
	json_t *a = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(a, json_string(values[i]));
	return a;
}

static json_t *date_json(const cordon_date *d)
{
	static const char *const precisions[] = {"none", "day", "month", "year", "range", "text"};
	char buf[64];
	json_t *o = json_object();
	cm_date_format(d, buf, sizeof(buf));
	json_object_set_new(o, "date", json_string(buf));
	json_object_set_new(o, "precision", json_string(precisions[d->precision]));
	if (d->precision != CORDON_DATE_TEXT) {
		char start[32], end[32];
		snprintf(start, sizeof(start), "%04d-%02d-%02d", d->year, d->month, d->day);
		snprintf(end, sizeof(end), "%04d-%02d-%02d", d->end_year, d->end_month, d->end_day);
		json_object_set_new(o, "start", json_string(start));
		json_object_set_new(o, "end", json_string(end));
	}
	if (d->circa)
		json_object_set_new(o, "circa", json_true());
	set_str(o, "text", d->text);
	return o;
}

static json_t *names_json(const cordon_entity *e)
{
	json_t *a = json_array();
	for (size_t i = 0; i < e->name_count; i++) {
		const cordon_name *n = &e->names[i];
		json_t *o = json_object();
		json_object_set_new(o, "name", json_string(n->full));
		json_object_set_new(o, "kind", json_string(cordon_name_kind_name(n->kind)));
		if (n->weak)
			json_object_set_new(o, "weak", json_true());
		set_str(o, "given", n->given);
		set_str(o, "family", n->family);
		set_str(o, "script", n->script);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *identifiers_json(const cordon_entity *e)
{
	json_t *a = json_array();
	for (size_t i = 0; i < e->identifier_count; i++) {
		const cordon_identifier *id = &e->identifiers[i];
		json_t *o = json_object();
		json_object_set_new(o, "kind", json_string(cordon_id_kind_name(id->kind)));
		set_str(o, "label", id->label);
		json_object_set_new(o, "value", json_string(id->value));
		set_str(o, "country", id->country);
		set_str(o, "note", id->note);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *addresses_json(const cordon_entity *e)
{
	json_t *a = json_array();
	for (size_t i = 0; i < e->address_count; i++) {
		const cordon_address *ad = &e->addresses[i];
		json_t *o = json_object();
		set_str(o, "full", ad->full);
		set_str(o, "street", ad->street);
		set_str(o, "city", ad->city);
		set_str(o, "region", ad->region);
		set_str(o, "postal_code", ad->postal_code);
		set_str(o, "country", ad->country);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *pairs_json(const cordon_entity *e)
{
	json_t *rel = json_array();
	for (size_t i = 0; i < e->relation_count; i++)
		json_array_append_new(rel, json_pack("{s:s,s:s}", "kind", e->relations[i].kind, "target",
		                                     e->relations[i].target));
	return rel;
}

static json_t *attributes_json(const cordon_entity *e)
{
	json_t *a = json_array();
	for (size_t i = 0; i < e->attribute_count; i++)
		json_array_append_new(a, json_pack("{s:s,s:s}", "key", e->attributes[i].key, "value",
		                                   e->attributes[i].value));
	return a;
}

static json_t *entity_json(const cordon_entity *e)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(e->id));
	json_object_set_new(o, "dataset", json_string(e->dataset));
	json_object_set_new(o, "schema", json_string(cordon_schema_name(e->schema)));
	json_object_set_new(o, "name", json_string(e->name_count ? e->names[0].full : ""));
	json_object_set_new(o, "names", names_json(e));
	set_str(o, "gender", e->gender);
	json_t *dates = json_array();
	for (size_t i = 0; i < e->birth_date_count; i++)
		json_array_append_new(dates, date_json(&e->birth_dates[i]));
	json_object_set_new(o, "birth_dates", dates);
	json_object_set_new(o, "birth_places", string_array(e->birth_places, e->birth_place_count));
	json_object_set_new(o, "nationalities", string_array(e->nationalities, e->nationality_count));
	json_object_set_new(o, "citizenships", string_array(e->citizenships, e->citizenship_count));
	json_object_set_new(o, "countries", string_array(e->countries, e->country_count));
	json_object_set_new(o, "identifiers", identifiers_json(e));
	json_object_set_new(o, "addresses", addresses_json(e));
	json_object_set_new(o, "programs", string_array(e->programs, e->program_count));
	json_object_set_new(o, "titles", string_array(e->titles, e->title_count));
	json_object_set_new(o, "relations", pairs_json(e));
	json_object_set_new(o, "attributes", attributes_json(e));
	if (e->listing_date.precision != CORDON_DATE_NONE)
		json_object_set_new(o, "listing_date", date_json(&e->listing_date));
	set_str(o, "remarks", e->remarks);
	set_str(o, "source_url", e->source_url);
	return o;
}

int cordon_entity_to_json(const cordon_entity *entity, char **out)
{
	json_t *o = entity_json(entity);
	if (!o)
		return cu_fail(CORDON_ENOMEM, "out of memory rendering %s", entity->id);
	*out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return *out ? 0 : cu_fail(CORDON_ENOMEM, "out of memory rendering %s", entity->id);
}
