/*
 * What changed between two snapshots: entities added, removed and changed
 * (matched by id), and for a changed entity which fields and which values.
 * Used by `cordon diff` and by monitoring, which screens stored parties
 * against only what cdiff_added_or_changed() returns.
 */
#ifndef CORDON_DIFF_H
#define CORDON_DIFF_H

#include <stdio.h>

#include "cordon.h"
#include "util/arena.h"

/* The fields an entity is compared by; names as printed by field_name(). */
typedef enum {
	CDIFF_SCHEMA,
	CDIFF_NAME, /* the primary name */
	CDIFF_ALIASES,
	CDIFF_GENDER,
	CDIFF_BIRTH_DATES,
	CDIFF_BIRTH_PLACES,
	CDIFF_NATIONALITIES,
	CDIFF_CITIZENSHIPS,
	CDIFF_COUNTRIES,
	CDIFF_IDENTIFIERS,
	CDIFF_ADDRESSES,
	CDIFF_PROGRAMS,
	CDIFF_TITLES,
	CDIFF_RELATIONS,
	CDIFF_ATTRIBUTES,
	CDIFF_LISTING_DATE,
	CDIFF_REMARKS,
	CDIFF_SOURCE_URL,
	CDIFF_FIELD_COUNT
} cdiff_field;

#define CDIFF_BIT(field) (1u << (field))
#define CDIFF_ALL_FIELDS ((1u << CDIFF_FIELD_COUNT) - 1u)
/* What screening and the rules read: a change elsewhere (remarks, source URL, attributes,
 * titles, relations, listing date) cannot make a party match that did not match before. */
#define CDIFF_MATCH_FIELDS                                                                             \
	(CDIFF_BIT(CDIFF_SCHEMA) | CDIFF_BIT(CDIFF_NAME) | CDIFF_BIT(CDIFF_ALIASES) | CDIFF_BIT(CDIFF_GENDER) | \
	 CDIFF_BIT(CDIFF_BIRTH_DATES) | CDIFF_BIT(CDIFF_BIRTH_PLACES) | CDIFF_BIT(CDIFF_NATIONALITIES) |      \
	 CDIFF_BIT(CDIFF_CITIZENSHIPS) | CDIFF_BIT(CDIFF_COUNTRIES) | CDIFF_BIT(CDIFF_IDENTIFIERS) |          \
	 CDIFF_BIT(CDIFF_ADDRESSES) | CDIFF_BIT(CDIFF_PROGRAMS))

/* "schema", "name", "aliases", "birth_dates", ...; NULL when out of range. */
const char *cdiff_field_name(cdiff_field field);
/* 1 for fields holding at most one value (schema, name, gender, listing_date, remarks, source_url). */
int cdiff_field_is_scalar(cdiff_field field);

/*
 * Indexes into new_snap (ascending) of the entities that are new, or whose
 * fields selected by `fields` (CDIFF_ALL_FIELDS, CDIFF_MATCH_FIELDS, or
 * CDIFF_BIT()s) differ from the entity with the same id in old_snap.
 * old_snap NULL means every entity is new. *indexes_out is malloc'd (free()),
 * possibly NULL when *count_out is 0. Returns 0 or a negative cordon code.
 */
int cdiff_added_or_changed(const cordon_snapshot *old_snap, const cordon_snapshot *new_snap, unsigned fields,
                           size_t **indexes_out, size_t *count_out);

typedef enum { CDIFF_ADDED, CDIFF_REMOVED, CDIFF_CHANGED } cdiff_kind;

#define CDIFF_NO_INDEX ((size_t)-1)

/* One changed field: values only in the old entity and values only in the new one. */
typedef struct {
	cdiff_field field;
	const char **removed;
	size_t removed_count;
	const char **added;
	size_t added_count;
} cdiff_change;

typedef struct {
	cdiff_kind kind;
	const char *id;
	const char *dataset;
	const char *name; /* primary name (the new one unless removed) */
	cordon_schema schema;
	size_t old_index, new_index; /* CDIFF_NO_INDEX where absent */
	unsigned fields;             /* CDIFF_BIT()s of the changed fields */
	cdiff_change *changes;       /* in field order */
	size_t change_count;
} cdiff_entry;

typedef struct {
	const char *dataset; /* NULL for the total */
	size_t old_count, new_count, added, removed, changed, unchanged;
} cdiff_counts;

typedef struct {
	unsigned fields;     /* changes to count; 0 means CDIFF_ALL_FIELDS */
	const char *dataset; /* only this dataset, or NULL for all */
	size_t max_value;    /* values longer than this many bytes are cut with "…"; 0 = 200 */
} cdiff_options;

typedef struct {
	cdiff_entry *entries; /* added, then removed, then changed; each by id */
	size_t count;
	cdiff_counts *datasets; /* by name */
	size_t dataset_count;
	cdiff_counts total;
	cu_arena arena;
} cdiff_result;

/*
 * Compares every entity of both snapshots. Strings in the result borrow from
 * the snapshots: use it while both are open, then cdiff_result_dispose().
 */
int cdiff_compute(const cordon_snapshot *old_snap, const cordon_snapshot *new_snap, const cdiff_options *options,
                  cdiff_result *out);
void cdiff_result_dispose(cdiff_result *result);

/* The readable report (summary table, then each entity). */
void cdiff_write_text(const cdiff_result *result, const char *old_label, const char *new_label, FILE *out);
/* One JSON document; *out malloc'd. */
int cdiff_to_json(const cdiff_result *result, const char *old_label, const char *new_label, char **out);

#endif
