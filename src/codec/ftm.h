/*
 * cordon entities as FollowTheMoney (FtM) objects, the shape OpenSanctions'
 * yente answers with: {"id", "caption", "schema", "properties", "datasets",
 * "referents", "target", "first_seen", "last_seen", "last_change"}, every
 * property value a list of strings. Also the FtM schema names both ways and
 * FtM's cleaning of country and date values. Used by the yente-compatible
 * routes and the reconciliation API; public API and jansson only.
 */
#ifndef CORDON_CODEC_FTM_H
#define CORDON_CODEC_FTM_H

#include <jansson.h>
#include <stddef.h>

#include "cordon.h"

/* The bit of ftm_schema_info.accepts standing for one cordon_schema. */
#define FTM_ACCEPTS(schema) (1u << (unsigned)(schema))

typedef struct {
	const char *name; /* canonical spelling, "Person" */
	int matchable;    /* a match query may use it (as yente: matchable schemata, and Thing) */
	int filter;       /* cordon_query.schema to screen with: a cordon_schema, or -1 for any */
	unsigned accepts; /* FTM_ACCEPTS(s) of every cordon schema a result for this query schema may have */
} ftm_schema_info;

/*
 * Looks up an FtM schema name (case-sensitive, as FtM's are): 0 with *out filled, -1 when
 * FtM has no such schema. A known schema cordon holds nothing of (Address, Sanction) has
 * accepts 0. The matchable ones: Person, Organization, Company, PublicBody, LegalEntity,
 * Vessel, Airplane, Address, and Thing (any); matching follows FtM's "matchable schemata":
 * Person also admits LegalEntity, LegalEntity admits Person and Organization, and so on.
 */
int ftm_schema_lookup(const char *name, ftm_schema_info *out);

/* The FtM schema a cordon entity is rendered as: Person, Organization, Vessel, Airplane, LegalEntity. */
const char *ftm_schema_name(int schema);

/* Whether FtM's schema (a name ftm_schema_lookup knows) has the property prop. */
int ftm_property_valid(const char *schema, const char *prop);

/* Whether an FtM property holds countries (country, nationality, citizenship, jurisdiction, ...). */
int ftm_property_is_country(const char *prop);
/* Whether an FtM property holds dates (birthDate, createdAt, incorporationDate, ...). */
int ftm_property_is_date(const char *prop);

/* FtM's lower-case ISO 3166 alpha-2 for a country code or English name ("Russia" -> "ru"); NULL if unknown. */
const char *ftm_country_code(const char *value, char out[3]);

/* The English name of a country code ("ru" -> "Russia"), or NULL. */
const char *ftm_country_name(const char *code);

/* FtM's date: "YYYY", "YYYY-MM" or "YYYY-MM-DD" from an ISO date (a time part is cut); NULL if not one. */
const char *ftm_date(const char *value, char out[11]);

/* The entity's FtM properties: {"name": [...], "birthDate": [...], ...}, only properties of its schema. */
json_t *ftm_properties(const cordon_entity *e);

/*
 * The yente EntityResponse of an entity. last_seen stands in when the entity carries no
 * timestamps of its own (it is the date of the list file it was read from); may be NULL.
 */
json_t *ftm_entity_response(const cordon_entity *e, const char *last_seen);

/* The EntityResponse of entity number index of snap (last_seen from the snapshot's source dates); NULL on failure. */
json_t *ftm_entity_json(const cordon_snapshot *snap, size_t index);

#endif
