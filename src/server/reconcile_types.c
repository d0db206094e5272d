/*
 * Reconciliation types: FtM schema names (as yente uses them), each admitting
 * some of cordon's schemas. A type in a query is soft by default: it
 * never removes a candidate, only keeps a candidate of another type from
 * being auto-matched (reconcile_match.c). OpenRefine guesses one type for a
 * whole column, and a mixed column of people and companies must not lose
 * its people because the guess was Organization.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "codec/ftm.h"
#include "server/reconcile_internal.h"

/* What each type admits is FtM's "matchable schemata" (codec/ftm.c), as on the yente routes. */
static const recon_type types[] = {
	{"Person", "Person", "A natural person"},
	{"Organization", "Organization", "A company, public body or other organisation"},
	{"Company", "Company", "A company (screened as an organization)"},
	{"PublicBody", "Public body", "A state body (screened as an organization)"},
	{"Vessel", "Vessel", "A ship"},
	{"Airplane", "Airplane", "An aircraft"},
	{"LegalEntity", "Legal entity", "A person or an organization, or a listed party of unknown kind"},
	{"Thing", "Thing", "Any listed party: person, organization, vessel or aircraft"},
};
#define TYPE_COUNT (sizeof(types) / sizeof(*types))

int recon_fail(recon_error *e, unsigned status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	e->status = status;
	return -1;
}

size_t recon_type_count(void) { return TYPE_COUNT; }
const recon_type *recon_type_at(size_t i) { return i < TYPE_COUNT ? &types[i] : NULL; }

/* Case-insensitive, so "person" from a hand-written query is the Person type too. */
const recon_type *recon_type_find(const char *id)
{
	for (size_t i = 0; id && i < TYPE_COUNT; i++)
		if (strcasecmp(types[i].id, id) == 0)
			return &types[i];
	return NULL;
}

const recon_type *recon_type_of_schema(int schema)
{
	const recon_type *t = recon_type_find(ftm_schema_name(schema));
	return t ? t : recon_type_find("LegalEntity");
}

/* Other FtM schema names work too (case-sensitive there, as FtM's are). */
unsigned recon_type_schemas(const char *id)
{
	const recon_type *t = recon_type_find(id);
	ftm_schema_info info;
	return id && ftm_schema_lookup(t ? t->id : id, &info) == 0 ? info.accepts : 0;
}

json_t *recon_type_json(const recon_type *t, int with_description)
{
	json_t *o = json_pack("{s:s,s:s}", "id", t->id, "name", t->name);
	if (with_description)
		json_object_set_new(o, "description", json_string(t->description));
	return o;
}

json_t *recon_default_types(void)
{
	static const char *const ids[] = {"Person", "Organization", "Vessel", "Airplane", "LegalEntity"};
	json_t *a = json_array();
	for (size_t i = 0; i < sizeof(ids) / sizeof(*ids); i++)
		json_array_append_new(a, recon_type_json(recon_type_find(ids[i]), 1));
	return a;
}

int recon_type_fits(const recon_query *q, int schema)
{
	return schema >= 0 && schema < CORDON_SCHEMA_COUNT && (q->schemas & FTM_ACCEPTS(schema)) != 0;
}
