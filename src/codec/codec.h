/*
 * JSON in and out for the programs built on the public API (the CLI and the
 * HTTP server): a screening query read from a JSON object, and screening
 * results written as JSON. Public API and jansson only.
 */
#ifndef CORDON_CODEC_H
#define CORDON_CODEC_H

#include <jansson.h>
#include <stddef.h>

#include "cordon.h"

#define CODEC_MAX_IDS 8

/* A query read from JSON; query.* point into the owned strings below. */
typedef struct {
	cordon_query query;
	char *id; /* the caller's id, echoed back; may be NULL */
	char *name, *schema, *birth_date, *country, *dataset;
	char *id_kind[CODEC_MAX_IDS], *id_value[CODEC_MAX_IDS];
	cordon_query_identifier ids[CODEC_MAX_IDS];
} codec_query;

/*
 * Reads {"id", "query" (or "name"), "schema", "birth_date", "country", "dataset",
 * "identifiers": ["AB12", {"kind", "value"}], "limit", "threshold", "explain"} onto base
 * (defaults for what the object leaves out). On a malformed field returns -1 with the
 * message in err and the field's name in *field; out is then still safe to free.
 */
int codec_query_from_json(json_t *o, const cordon_query *base, codec_query *out, char *err, size_t errsize,
                          const char **field);
void codec_query_free(codec_query *q);

/* Scores rounded to four decimals in JSON: more digits suggest a precision the scorer lacks. */
double codec_round4(double v);

/* [{"entity_id", "score", "name_score", "name", "matched_name", "schema", "datasets", ...}] */
json_t *codec_matches_json(const cordon_snapshot *snap, const cordon_results *res, int with_programs);

/* The entity's programs as a JSON array of strings. */
json_t *codec_programs_json(const cordon_snapshot *snap, size_t entity_index);

json_t *codec_explanation_json(const cordon_explanation *x);

#endif
