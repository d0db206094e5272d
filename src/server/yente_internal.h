/*
 * What the yente-compatible routes share: FastAPI-style validation errors,
 * query-string parameters, the dataset and schema scope of a request, labels.
 * Behaviour and its differences from yente: docs/server.md, "yente".
 */
#ifndef CORDON_SERVER_YENTE_INTERNAL_H
#define CORDON_SERVER_YENTE_INTERNAL_H

#include <jansson.h>

#include "codec/ftm.h"
#include "server/internal.h"

/* Values read of one repeatable query parameter (include_dataset, topics, ...). */
#define YENTE_MAX_VALUES 32

/* ---- FastAPI validation errors: collected, then answered together as 422 ---- */

/* Adds {"type", "loc", "msg", "input"?} to errors; loc and input are stolen (input may be NULL). */
void yente_invalid(json_t *errors, const char *type, json_t *loc, const char *msg, json_t *input);
/* Answers 422 {"detail": errors} (stolen). */
void yente_reply_invalid(srv_request *r, json_t *errors);

/* An integer query argument: def when absent; a 422 item and def when not an integer in [min, max]. */
long yente_int_arg(srv_request *r, json_t *errors, const char *name, long def, long min, long max);
/* A number query argument: def when absent; a 422 item when not a number. */
double yente_float_arg(srv_request *r, json_t *errors, const char *name, double def);
/* A date query argument YYYY-MM-DD[THH[:MM[:SS]]] (changed_since) copied to out; "" when absent. */
void yente_date_arg(srv_request *r, json_t *errors, const char *name, char *out, size_t size);

/* ---- scope: which results a request may see ---- */

typedef struct {
	const char *dataset;                     /* the path's dataset; NULL for all ("default", "sanctions") */
	const char *include[YENTE_MAX_VALUES];   /* include_dataset: only these */
	size_t include_count;
	const char *exclude[YENTE_MAX_VALUES];   /* exclude_dataset */
	size_t exclude_count;
	unsigned schemata;                       /* FTM_ACCEPTS bits of the cordon schemata allowed */
	const char *topics[YENTE_MAX_VALUES];    /* results need one of these topics, when any */
	size_t topic_count;
	char changed_since[32];                  /* "" or the lower bound for last_change */
} yente_scope;

/*
 * Reads the path's dataset (parameter 0) and include_dataset, exclude_dataset,
 * exclude_schema, topics and changed_since (a malformed one adds a 422 item);
 * schemata starts as accepts. Whether the dataset exists is yente_dataset_known's.
 */
void yente_scope_read(srv_request *r, yente_scope *s, unsigned accepts, json_t *errors);
/* Whether the path names a dataset of the snapshot; answers 404 when not. */
int yente_dataset_known(srv_request *r);
/* The one dataset to screen within (cordon_query.dataset), or NULL to screen all and filter after. */
const char *yente_scope_single(const yente_scope *s);
/* Whether an entity of this dataset and cordon schema is in scope (before topics). */
int yente_scope_allows(const yente_scope *s, const char *dataset, int schema);
/* Whether a rendered EntityResponse has one of the scope's topics and changed after changed_since. */
int yente_scope_entity(const yente_scope *s, json_t *entity);

/* ---- labels and dates ---- */

/* A dataset's title ("OFAC Specially Designated Nationals List"), or the name itself. */
const char *yente_dataset_title(const char *dataset);
/* A topic's label as OpenSanctions writes it ("Sanctioned entity"), or the topic itself. */
const char *yente_topic_label(const char *topic);
/* The newest file date ("YYYY-MM-DD") of the dataset's sources in the snapshot, or NULL. */
const char *yente_dataset_date(const srv_snapshot *s, const char *dataset);
/* The EntityResponse of entity number index, or NULL. */
json_t *yente_entity(srv_snapshot *s, size_t index);

/* ---- the routes in their own files ---- */
void yente_match(srv_request *r);
void yente_search(srv_request *r);

#endif
