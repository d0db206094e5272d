/*
 * The W3C Reconciliation Service API v0.2 (what OpenRefine speaks), shared by
 * the reconcile_*.c files and routes_reconcile.c. Internal to the server.
 */
#ifndef CORDON_SERVER_RECONCILE_INTERNAL_H
#define CORDON_SERVER_RECONCILE_INTERNAL_H

#include <jansson.h>
#include <stddef.h>

#include "cordon.h"
#include "server/internal.h"

/* Most queries (or extension ids) in one request: OpenRefine sends 10; smaller batches lose less on a failure. */
#define RECON_BATCH_SIZE 50
/* Candidates per query when the query gives no limit (yente's default), and the most it may ask for. */
#define RECON_DEFAULT_LIMIT 5
#define RECON_MAX_LIMIT 50
/* Candidates scoring under this are not shown: below it the scorer's suggestions are noise. */
#define RECON_FLOOR 0.60
/* The "match" flag (OpenRefine auto-matches on it): see recon_is_match. */
#define RECON_MATCH_SCORE 0.95
#define RECON_MATCH_MARGIN 0.05
/* Two candidates whose primary names compare at least this well may be one party listed twice. */
#define RECON_SAME_NAME 0.98
#define RECON_MAX_IDS 8

/* Why a request cannot be answered: the status and the "detail" of the JSON error body. */
typedef struct {
	unsigned status;
	char message[480];
} recon_error;

/* Fills e and returns -1, so a failing path can `return recon_fail(...)`. */
int recon_fail(recon_error *e, unsigned status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- types (reconcile_types.c) ---- */

/* A reconciliation type: an FtM schema name, as yente's types are, with a label for OpenRefine. */
typedef struct {
	const char *id, *name, *description;
} recon_type;

#define RECON_ALL_SCHEMAS ((1u << CORDON_SCHEMA_COUNT) - 1u)

/* One of the types offered (case-insensitive); NULL when not offered. */
const recon_type *recon_type_find(const char *id);
/* The type a candidate of this cordon schema is shown with. */
const recon_type *recon_type_of_schema(int schema);
size_t recon_type_count(void);
const recon_type *recon_type_at(size_t i);
/* FTM_ACCEPTS bits of the cordon schemas a type id admits; 0 for a type cordon holds nothing of. */
unsigned recon_type_schemas(const char *id);
/* {"id", "name"} (with "description" when asked). */
json_t *recon_type_json(const recon_type *t, int with_description);
/* The manifest's defaultTypes. */
json_t *recon_default_types(void);

/* ---- query properties (reconcile_props.c) ---- */

typedef enum { RECON_PROP_NAME, RECON_PROP_BIRTH, RECON_PROP_COUNTRY, RECON_PROP_ID } recon_prop_role;

typedef struct {
	const char *id;   /* FtM-qualified, as yente proposes it: "Person:birthDate" */
	const char *name; /* label */
	recon_prop_role role;
	const char *id_kind; /* cordon identifier kind for RECON_PROP_ID, NULL for any kind */
} recon_prop;

/* The property a pid names ("birthDate", "Person:birthDate", "Thing:country" ...); NULL when unused. */
const recon_prop *recon_prop_find(const char *pid);
size_t recon_prop_count(void);
const recon_prop *recon_prop_at(size_t i);

/* ---- forms (reconcile_form.c) ---- */

/*
 * Finds field name in a body of this content type (application/x-www-form-urlencoded,
 * multipart/form-data, or none, read as the former). Returns 1 with *out (malloc'd, NUL-
 * terminated, decoded) and *out_len, 0 when the field is absent, -1 with e set when the
 * content type is another or the body cannot be read.
 */
int recon_form_field(const char *content_type, const char *body, size_t len, const char *name, char **out,
                     size_t *out_len, recon_error *e);

/* ---- queries (reconcile_query.c, reconcile_match.c) ---- */

/* One reconciliation query as read from the batch; strings borrowed from the batch's JSON. */
typedef struct {
	const char *name;
	char birth_date[11];
	const char *country;
	cordon_query_identifier ids[RECON_MAX_IDS];
	char id_text[RECON_MAX_IDS][32]; /* numbers given as identifiers, as text */
	size_t id_count;
	unsigned schemas; /* the schemas the requested types admit (all when none or unknown) */
	int typed;        /* the query named a known type */
	int strict;       /* type_strict "any" or "all": candidates of other types are dropped */
	size_t limit;
} recon_query;

/* Reads one query object; -1 with e set (400, naming key) when it is malformed. */
int recon_query_read(json_t *o, const char *key, recon_query *q, recon_error *e);

/*
 * Answers the text of a `queries` field: {"key": {"result": [candidates]}}. dataset is
 * NULL for every list. NULL with e set when the batch is malformed (400) or too large (413).
 */
json_t *recon_answer_queries(const cordon_snapshot *snap, const char *dataset, const char *text, size_t len,
                             size_t max_batch, recon_error *e);

/* Whether kept[0] (best first, n of them) is safe to auto-match: see reconcile_match.c. */
int recon_is_match(const cordon_snapshot *snap, const recon_query *q, const cordon_match *const *kept, size_t n);

/* Whether a candidate of this schema fits the query's types. */
int recon_type_fits(const recon_query *q, int schema);

/* ---- suggest and data extension (reconcile_suggest.c, reconcile_extend.c) ---- */

json_t *recon_suggest_entity(const cordon_snapshot *snap, const char *dataset, const char *prefix, size_t limit);
json_t *recon_suggest_type(const char *prefix, size_t limit);
json_t *recon_suggest_property(const char *prefix, size_t limit);
/* GET extend/property?type=: NULL with e set (400) for an unknown type. */
json_t *recon_propose_properties(const char *type, size_t limit, recon_error *e);
/* The text of an `extend` field: {"meta", "rows"}; NULL with e set when malformed or too large. */
json_t *recon_extend(const cordon_snapshot *snap, const char *text, size_t len, size_t max_ids, recon_error *e);

#endif
