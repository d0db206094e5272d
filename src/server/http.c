/* A request as handlers see it, and the ways to answer it (libmicrohttpd underneath). */
#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/internal.h"
#include "server/request.h"

/* ---- the request ---- */

const char *srv_method(const srv_request *r) { return r->method; }
const char *srv_path(const srv_request *r) { return r->url; }
srv_server *srv_of(srv_request *r) { return r->server; }
size_t srv_max_batch(const srv_request *r) { return r->server->config.max_batch; }

const char *srv_param(const srv_request *r, size_t i)
{
	return i < SRV_MAX_PARAMS && r->params[i] ? r->params[i] : "";
}

const char *srv_arg(const srv_request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

typedef struct {
	const char *name;
	const char **out;
	size_t max, n;
} arg_walk;

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	arg_walk *w = cls;
	(void)kind;
	if (value && strcmp(key, w->name) == 0 && w->n < w->max)
		w->out[w->n++] = value;
	return MHD_YES;
}

size_t srv_args(const srv_request *r, const char *name, const char **out, size_t max)
{
	arg_walk w = {name, out, max, 0};
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, collect_arg, &w);
	return w.n;
}

const char *srv_header(const srv_request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *srv_body(const srv_request *r, size_t *len)
{
	if (len)
		*len = r->body_len;
	return r->body ? r->body : "";
}

json_t *srv_body_json(srv_request *r)
{
	json_error_t e;
	if (!r->body_len) {
		srv_reply_error(r, 400, "", "the request has no body: a JSON object is expected");
		return NULL;
	}
	json_t *o = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &e);
	if (!o)
		srv_reply_error(r, 400, "", "malformed JSON at line %d, column %d: %s", e.line, e.column, e.text);
	return o;
}

srv_snapshot *srv_snap(srv_request *r)
{
	if (!r->snap)
		r->snap = srv_holder_acquire(&r->server->holder);
	return r->snap;
}

/* ---- answers ---- */

static void add_common_headers(srv_request *r, struct MHD_Response *resp, const char *content_type)
{
	if (content_type)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
	MHD_add_response_header(resp, "Access-Control-Allow-Origin", "*");
	for (size_t i = 0; i < r->header_count; i++)
		MHD_add_response_header(resp, r->headers[i][0], r->headers[i][1]);
}

static void queue(srv_request *r, unsigned status, struct MHD_Response *resp, const char *content_type)
{
	if (r->replied || !resp) {
		if (resp)
			MHD_destroy_response(resp);
		return;
	}
	add_common_headers(r, resp, content_type);
	r->replied = 1;
	r->status = status;
	MHD_queue_response(r->conn, status, resp);
	MHD_destroy_response(resp);
}

void srv_reply_header(srv_request *r, const char *name, const char *value)
{
	if (r->header_count < 8) {
		r->headers[r->header_count][0] = strdup(name);
		r->headers[r->header_count][1] = strdup(value);
		r->header_count++;
	}
}

void srv_reply_text(srv_request *r, unsigned status, const char *content_type, const char *text, size_t len)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)text, MHD_RESPMEM_MUST_COPY);
	queue(r, status, resp, content_type);
}

void srv_reply_json(srv_request *r, unsigned status, json_t *body)
{
	char *text = body ? json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6)) : NULL;
	json_decref(body);
	if (!text) {
		static const char oom[] = "{\"error\":{\"status\":500,\"message\":\"out of memory\"}}";
		srv_reply_text(r, 500, "application/json", oom, sizeof(oom) - 1);
		return;
	}
	struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
	if (!resp)
		free(text);
	queue(r, status, resp, "application/json");
}

void srv_reply_error(srv_request *r, unsigned status, const char *field, const char *fmt, ...)
{
	char message[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	json_t *e = json_pack("{s:i,s:s}", "status", (int)status, "message", message);
	if (field && *field)
		json_object_set_new(e, "field", json_string(field));
	srv_reply_json(r, status, json_pack("{s:o}", "error", e));
}

void srv_reply_detail(srv_request *r, unsigned status, const char *fmt, ...)
{
	char message[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	srv_reply_json(r, status, json_pack("{s:s}", "detail", message));
}

void srv_reply_later(srv_request *r)
{
	r->deferred = 1;
	MHD_suspend_connection(r->conn);
}

void srv_reply_resume(srv_request *r)
{
	MHD_resume_connection(r->conn);
}

typedef struct {
	srv_stream_next next;
	void *state;
	void (*done)(void *state);
} stream_glue;

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	stream_glue *g = cls;
	(void)pos;
	ssize_t n = g->next(g->state, buf, max);
	return n > 0 ? n : n == 0 ? MHD_CONTENT_READER_END_OF_STREAM : MHD_CONTENT_READER_END_WITH_ERROR;
}

static void stream_free(void *cls)
{
	stream_glue *g = cls;
	if (g->done)
		g->done(g->state);
	free(g);
}

void srv_reply_stream(srv_request *r, unsigned status, const char *content_type, srv_stream_next next, void *state,
                      void (*done)(void *state))
{
	stream_glue *g = malloc(sizeof(*g));
	if (!g) {
		if (done)
			done(state);
		srv_reply_error(r, 500, "", "out of memory");
		return;
	}
	*g = (stream_glue){next, state, done};
	struct MHD_Response *resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 16 * 1024, stream_read, g,
	                                                              stream_free);
	if (!resp) {
		stream_free(g);
		srv_reply_error(r, 500, "", "out of memory");
		return;
	}
	queue(r, status, resp, content_type);
}
