/*
 * One HTTP exchange as the route handlers see it: the request (method, path,
 * path parameters, query arguments, headers, body) and the ways to answer it.
 * Every answer carries CORS headers and is counted and logged by the server.
 */
#ifndef CORDON_SERVER_HTTP_H
#define CORDON_SERVER_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "server/holder.h"

typedef struct srv_server srv_server;
typedef struct srv_request srv_request;
typedef struct srv_route srv_route;

#define SRV_MAX_PARAMS 4

typedef void (*srv_handler)(srv_request *r);

enum {
	SRV_OPEN = 0,       /* answered without an API key */
	SRV_AUTH = 1,       /* needs a key when the server has keys */
	SRV_JSON_BODY = 2,  /* the body must be JSON (Content-Type application/json or none) */
	SRV_ANY_BODY = 4,   /* a body of any type is read (forms, yente's lenient JSON) */
	SRV_DETAIL_ERRORS = 8, /* the server's own refusals (401, 413, 415, 429, 503) as yente's {"detail"} */
};

struct srv_route {
	const char *method;  /* "GET", "POST" */
	const char *pattern; /* "/v1/entities/{id}": a {name} segment matches one path segment */
	srv_handler handler;
	unsigned flags;
};

/* ---- the request ---- */
const char *srv_method(const srv_request *r);
const char *srv_path(const srv_request *r);
/* Path parameter i (in pattern order), URL-decoded. */
const char *srv_param(const srv_request *r, size_t i);
/* A query-string argument, or NULL. */
const char *srv_arg(const srv_request *r, const char *name);
/* Every value of a repeated query-string argument; returns how many were stored in out. */
size_t srv_args(const srv_request *r, const char *name, const char **out, size_t max);
const char *srv_header(const srv_request *r, const char *name);
const char *srv_body(const srv_request *r, size_t *len);
/* The body parsed as JSON; on failure answers 400 itself and returns NULL. */
json_t *srv_body_json(srv_request *r);
/* The snapshot this request uses from start to end (a reload meanwhile does not change it). */
srv_snapshot *srv_snap(srv_request *r);
srv_server *srv_of(srv_request *r);
size_t srv_max_batch(const srv_request *r);

/* ---- answers (exactly one per request) ---- */
/* Sends body (reference stolen) as JSON with this status. */
void srv_reply_json(srv_request *r, unsigned status, json_t *body);
/* Native error: {"error": {"status", "message", "field"?}}. */
void srv_reply_error(srv_request *r, unsigned status, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* yente-style error: {"detail": "..."}. */
void srv_reply_detail(srv_request *r, unsigned status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Sends text (copied) with this content type. */
void srv_reply_text(srv_request *r, unsigned status, const char *content_type, const char *text, size_t len);
void srv_reply_header(srv_request *r, const char *name, const char *value);

/*
 * For an answer that another thread gives later (server/job.h): the connection is suspended
 * until srv_reply_resume, which comes after that thread's srv_reply_*.
 */
void srv_reply_later(srv_request *r);
void srv_reply_resume(srv_request *r);

/*
 * Streams the answer: next(state, buf, max) fills buf with up to max bytes and returns
 * how many, 0 when there is nothing more; done(state) is called once at the end.
 */
typedef ssize_t (*srv_stream_next)(void *state, char *buf, size_t max);
void srv_reply_stream(srv_request *r, unsigned status, const char *content_type, srv_stream_next next, void *state,
                      void (*done)(void *state));

#endif
