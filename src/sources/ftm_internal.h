/*
 * Shared between the FtM reader's driver (ftm_json.c: files, deltas, the
 * index, linking records within a file) and its property mapping
 * (ftm_props.c: one FtM object's properties onto a cm_entity).
 */
#ifndef CSRC_FTM_INTERNAL_H
#define CSRC_FTM_INTERNAL_H

#include <jansson.h>

#include "sources/source.h"

/* Where the record being read came from, for warnings and counters. */
typedef struct {
	csrc_ctx *ctx;
	const char *path;
	unsigned long line;
	int warned; /* a non-text value was already reported for this line */
} ftm_rd;

/* Room for a number printed as text. */
#define FTM_NUM_BUF 48

/*
 * A value as text: strings (NULL when empty), integers and reals printed into
 * buf. NULL for null, booleans, arrays and objects.
 */
const char *csrc_ftm_text(json_t *v, char *buf);
/* Number of values of a property: the array length, 1 for a scalar, 0 when absent. */
size_t csrc_ftm_count(json_t *prop);
/* The i-th value of a property (see csrc_ftm_text). */
const char *csrc_ftm_value(json_t *prop, size_t i, char *buf);
/* The first non-empty value of props[name], or NULL. */
const char *csrc_ftm_first(json_t *props, const char *name, char *buf);

/*
 * Builds the entity of a matchable record into *out. A record without any
 * name is skipped (counted, warned, *out NULL, 0 returned); negative on OOM.
 */
int csrc_ftm_build_entity(ftm_rd *rd, json_t *obj, const char *id, cordon_schema schema, cm_entity **out);

/* Folding the records that hang off an entity. */
int csrc_ftm_apply_sanction(ftm_rd *rd, cm_entity *ent, json_t *props);
int csrc_ftm_apply_identification(ftm_rd *rd, cm_entity *ent, const char *schema, json_t *props);
int csrc_ftm_apply_wallet(ftm_rd *rd, cm_entity *ent, json_t *props);

/*
 * An Address record as one or more cordon_address values (the structured one
 * first, then further spellings of the full text); strings are malloc'd.
 */
typedef struct {
	cordon_address *items;
	size_t count;
	int used; /* referenced by an entity of the file */
} ftm_address;

int csrc_ftm_parse_address(json_t *obj, ftm_address *out);
void csrc_ftm_address_dispose(ftm_address *a);

/* Upper-case ISO-2 code into out[3] when value is a valid code, else NULL. */
const char *csrc_ftm_country(const char *value, char out[3]);

#endif
