/*
 * Data extension: after reconciling, OpenRefine adds columns from the matched
 * entities (extend={"ids", "properties"} -> {"meta", "rows"}), choosing them
 * from GET extend/property?type=. Values are the entity's FtM properties as
 * codec/ftm.c renders them for the yente routes, each as {"str": ...} as yente
 * answers (dates are often a year alone, which v0.2's "date" cannot hold).
 */
#include <stdlib.h>
#include <string.h>

#include "codec/ftm.h"
#include "server/reconcile_internal.h"

/* The FtM properties worth a column, with their labels, in the order OpenRefine lists them. */
static const struct {
	const char *id, *name;
} extensible[] = {
	{"name", "Name"},
	{"alias", "Other names"},
	{"weakAlias", "Weak aliases"},
	{"previousName", "Previous names"},
	{"birthDate", "Birth date"},
	{"birthPlace", "Birth place"},
	{"gender", "Gender"},
	{"nationality", "Nationality"},
	{"citizenship", "Citizenship"},
	{"country", "Country"},
	{"position", "Position"},
	{"address", "Address"},
	{"program", "Sanctions programs"},
	{"topics", "Topics"},
	{"createdAt", "Listed on"},
	{"passportNumber", "Passport number"},
	{"idNumber", "ID number"},
	{"taxNumber", "Tax number"},
	{"registrationNumber", "Registration number"},
	{"innCode", "INN"},
	{"ogrnCode", "OGRN"},
	{"leiCode", "LEI"},
	{"swiftBic", "SWIFT/BIC"},
	{"incorporationDate", "Incorporation date"},
	{"legalForm", "Legal form"},
	{"email", "E-mail"},
	{"phone", "Phone"},
	{"website", "Website"},
	{"imoNumber", "IMO number"},
	{"mmsi", "MMSI"},
	{"callSign", "Call sign"},
	{"flag", "Flag"},
	{"type", "Type"},
	{"owner", "Owner"},
	{"serialNumber", "Serial number"},
	{"model", "Model"},
	{"notes", "Notes"},
	{"sourceUrl", "Source URL"},
};
#define EXTENSIBLE_COUNT (sizeof(extensible) / sizeof(*extensible))

/* "birthDate" of "Person:birthDate": extension ids may be qualified as property suggestions are. */
static const char *local_name(const char *pid)
{
	const char *colon = strrchr(pid, ':');
	return colon ? colon + 1 : pid;
}

static const char *label_of(const char *pid)
{
	for (size_t i = 0; i < EXTENSIBLE_COUNT; i++)
		if (strcmp(extensible[i].id, local_name(pid)) == 0)
			return extensible[i].name;
	return pid;
}

json_t *recon_propose_properties(const char *type, size_t limit, recon_error *e)
{
	ftm_schema_info info;
	const recon_type *t = recon_type_find(type);
	const char *schema = t ? t->id : type;
	if (!schema || !*schema)
		schema = "LegalEntity"; /* OpenRefine always sends the column's type; a person or company otherwise */
	if (ftm_schema_lookup(schema, &info) != 0 || !info.accepts) {
		recon_fail(e, 400, "Invalid type: %.100s", schema);
		return NULL;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < EXTENSIBLE_COUNT && json_array_size(a) < limit; i++)
		if (ftm_property_valid(schema, extensible[i].id))
			json_array_append_new(a, json_pack("{s:s,s:s}", "id", extensible[i].id, "name", extensible[i].name));
	return json_pack("{s:s,s:I,s:o}", "type", schema, "limit", (json_int_t)json_array_size(a), "properties", a);
}

/* settings.limit: most values per cell, 0 for all; OpenRefine may send it as a string. */
static size_t value_limit(json_t *prop)
{
	json_t *v = json_object_get(json_object_get(prop, "settings"), "limit");
	long n = json_is_integer(v) ? (long)json_integer_value(v) : json_is_string(v) ? atol(json_string_value(v)) : 0;
	return n > 0 ? (size_t)n : (size_t)-1;
}

static json_t *cell(json_t *props, json_t *prop)
{
	json_t *values = json_object_get(props, local_name(json_string_value(json_object_get(prop, "id"))));
	json_t *out = json_array();
	size_t max = value_limit(prop);
	for (size_t i = 0; i < json_array_size(values) && i < max; i++)
		json_array_append_new(out, json_pack("{s:O}", "str", json_array_get(values, i)));
	return out;
}

/* One row: every asked property of the entity, [] for one it lacks (or an id the snapshot does not hold). */
static json_t *row(const cordon_snapshot *snap, const char *id, json_t *asked)
{
	size_t index;
	cordon_entity e;
	json_t *props = NULL, *o = json_object();
	if (cordon_snapshot_find(snap, id, &index) == 0 && cordon_snapshot_entity(snap, index, &e) == 0) {
		props = ftm_properties(&e);
		cordon_entity_dispose(&e);
	}
	for (size_t i = 0; i < json_array_size(asked); i++) {
		json_t *prop = json_array_get(asked, i);
		json_object_set_new(o, json_string_value(json_object_get(prop, "id")), cell(props, prop));
	}
	json_decref(props);
	return o;
}

static int check_request(json_t *req, size_t max_ids, recon_error *e)
{
	json_t *ids = json_object_get(req, "ids"), *props = json_object_get(req, "properties");
	if (!json_is_array(ids) || !json_is_array(props))
		return recon_fail(e, 400, "Cannot decode extension request: expected {\"ids\": [...], \"properties\": [{\"id\": ...}]}");
	if (json_array_size(ids) > max_ids)
		return recon_fail(e, 413, "Too many ids in one extension request (limit: %zu)", max_ids);
	for (size_t i = 0; i < json_array_size(ids); i++)
		if (!json_is_string(json_array_get(ids, i)))
			return recon_fail(e, 400, "Cannot decode extension request: ids[%zu] is not a string", i);
	for (size_t i = 0; i < json_array_size(props); i++)
		if (!json_is_string(json_object_get(json_array_get(props, i), "id")))
			return recon_fail(e, 400, "Cannot decode extension request: properties[%zu] has no string \"id\"", i);
	return 0;
}

json_t *recon_extend(const cordon_snapshot *snap, const char *text, size_t len, size_t max_ids, recon_error *e)
{
	json_error_t je;
	json_t *req = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!req) {
		recon_fail(e, 400, "Cannot decode extension request: malformed JSON at line %d, column %d: %s", je.line,
		           je.column, je.text);
		return NULL;
	}
	if (check_request(req, max_ids, e) != 0) {
		json_decref(req);
		return NULL;
	}
	json_t *ids = json_object_get(req, "ids"), *asked = json_object_get(req, "properties");
	json_t *meta = json_array(), *rows = json_object();
	for (size_t i = 0; i < json_array_size(asked); i++) {
		const char *pid = json_string_value(json_object_get(json_array_get(asked, i), "id"));
		json_array_append_new(meta, json_pack("{s:s,s:s}", "id", pid, "name", label_of(pid)));
	}
	for (size_t i = 0; i < json_array_size(ids); i++) {
		const char *id = json_string_value(json_array_get(ids, i));
		json_object_set_new(rows, id, row(snap, id, asked));
	}
	json_decref(req);
	return json_pack("{s:o,s:o}", "meta", meta, "rows", rows);
}
