/*
 * The native API under /v1: screening one party or a batch, comparing two
 * names, one entity, the dataset catalogue, this API's OpenAPI document, and
 * the admin reload. docs/server.md shows each route; docs/openapi.json
 * describes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "codec/codec.h"
#include "server/internal.h"
#include "server/openapi.h"
#include "server/routes_check.h"
#include "server/routes_ops.h"
#include "server/routes_store.h"

/* Longest name /v1/compare takes: the cap a screening query's fields have, for the same reason. */
#define MAX_NAME_BYTES 1024

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

/*
 * Caller text fit to quote in an error message. jansson refuses a string that
 * is not UTF-8, and an error body that cannot be built becomes a 500, so text
 * that is not UTF-8 as cut has its non-ASCII bytes shown as '?'.
 */
static const char *quotable(const char *text, char *buf, size_t size)
{
	snprintf(buf, size, "%s", text ? text : "");
	json_t *probe = json_string(buf);
	if (probe) {
		json_decref(probe);
		return buf;
	}
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	return buf;
}

/* ---- one query, as /v1/screen and each batch line take it ---- */

/* Why a query was not screened. */
typedef struct {
	unsigned status;   /* 400, 404 (unknown dataset), 500 (out of memory) */
	const char *field; /* the field at fault, "" when no one field is */
	char message[512];
} query_failure;

/* A library failure as an HTTP status: only running out of memory is the server's fault. */
static unsigned status_of(int rc)
{
	return rc == CORDON_ENOMEM ? 500 : 400;
}

/* Screens q: {"id"?, "query", "matches", "candidates", "elapsed_us"}, or NULL with why in *f. */
static json_t *screen_json(srv_snapshot *s, const codec_query *q, query_failure *f)
{
	cordon_results res;
	long long t0 = now_us();
	int rc = cordon_screen(s->snap, &q->query, &res);
	if (rc != 0) {
		f->status = status_of(rc);
		snprintf(f->message, sizeof(f->message), "%s", cordon_last_error());
		return NULL;
	}
	long long elapsed = now_us() - t0;
	json_t *o = json_object();
	if (q->id)
		json_object_set_new(o, "id", json_string(q->id));
	json_object_set_new(o, "query", json_string(q->name));
	json_object_set_new(o, "matches", codec_matches_json(s->snap, &res, 1));
	json_object_set_new(o, "candidates", json_integer((json_int_t)res.candidates));
	json_object_set_new(o, "elapsed_us", json_integer(elapsed));
	cordon_results_dispose(&res);
	return o;
}

/* Reads and screens one query object; NULL with why in *f. */
static json_t *screen_query(srv_snapshot *s, json_t *query, query_failure *f)
{
	cordon_query base = CORDON_QUERY_INIT;
	base.explain = 1; /* an analyst reviewing a hit needs its reasons; "explain": false saves the bytes */
	codec_query q;
	json_t *out = NULL;
	char quoted[160];
	f->status = 400;
	f->field = "";
	int rc = codec_query_from_json(query, &base, &q, f->message, sizeof(f->message), &f->field);
	if (rc == 0 && q.dataset && !srv_snapshot_has_dataset(s, q.dataset)) {
		f->status = 404;
		f->field = "dataset";
		snprintf(f->message, sizeof(f->message), "no such dataset: %s", quotable(q.dataset, quoted, sizeof(quoted)));
	} else if (rc == 0) {
		out = screen_json(s, &q, f);
	}
	codec_query_free(&q);
	return out;
}

/* POST /v1/screen {"query": "...", "schema", "birth_date", "country", "identifiers", "limit", ...} */
static void screen(srv_request *r)
{
	json_t *body = srv_body_json(r);
	if (!body)
		return;
	query_failure f;
	json_t *out = screen_query(srv_snap(r), body, &f);
	json_decref(body);
	if (out)
		srv_reply_json(r, 200, out);
	else
		srv_reply_error(r, f.status, f.field, "%s", f.message);
}

/* ---- POST /v1/screen/batch ---- */

/* Reading a JSON-lines body line by line; line_no counts every line, blank ones too, as an editor does. */
typedef struct {
	const char *text;
	size_t len, offset, line_no;
} line_cursor;

/*
 * A batch answers as a stream of JSON lines, each query screened only when
 * libmicrohttpd asks for its line: the first answers leave at once, and one
 * line is held in memory whatever the size of the batch.
 */
typedef struct {
	srv_snapshot *snap; /* own reference: the stream is read after the handler has returned */
	json_t *queries;    /* the array of a {"queries": [...]} body, or NULL for JSON lines */
	size_t index;       /* next element of queries */
	char *text;         /* a JSON-lines body, copied so that the stream owns what it reads */
	line_cursor lines;
	char *out; /* the answer line being sent, with its newline */
	size_t out_len, out_sent;
} batch_stream;

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* The next line that is not blank, or NULL at the end. */
static const char *next_line(line_cursor *c, size_t *len)
{
	while (c->offset < c->len) {
		const char *start = c->text + c->offset;
		const char *nl = memchr(start, '\n', c->len - c->offset);
		size_t n = nl ? (size_t)(nl - start) : c->len - c->offset;
		c->offset += nl ? n + 1 : n;
		c->line_no++;
		if (!blank(start, n)) {
			*len = n;
			return start;
		}
	}
	return NULL;
}

/* Whether a Content-Type names this media type (parameters such as charset aside). */
static int media_type_is(const char *content_type, const char *type)
{
	size_t n = strcspn(content_type, ";");
	while (n && content_type[n - 1] == ' ')
		n--;
	return n == strlen(type) && strncasecmp(content_type, type, n) == 0;
}

static int json_lines_type(const char *content_type)
{
	static const char *const types[] = {"application/x-ndjson", "application/ndjson", "application/jsonl",
	                                    "application/x-jsonlines"};
	for (size_t i = 0; content_type && i < sizeof(types) / sizeof(*types); i++)
		if (media_type_is(content_type, types[i]))
			return 1;
	return 0;
}

/* No Content-Type counts as JSON, as on every other route (curl --data-binary without -H). */
static int json_body_type(const char *content_type)
{
	return !content_type || !*content_type || media_type_is(content_type, "application/json");
}

/* The caller's "id" as results echo it (a string), when the query has one that can be echoed. */
static json_t *caller_id(json_t *query)
{
	json_t *id = json_object_get(query, "id");
	if (json_is_string(id))
		return json_stringn(json_string_value(id), json_string_length(id));
	if (json_is_integer(id)) {
		char buf[32];
		snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(id));
		return json_string(buf);
	}
	return NULL;
}

/* {"id"?, where: position, "error": {"status", "message", "field"?}}: the line of a query not screened. */
static json_t *failure_line(json_t *query, const char *where, size_t position, const query_failure *f)
{
	char message[sizeof(f->message)];
	json_t *line = json_object(), *id = caller_id(query);
	if (id)
		json_object_set_new(line, "id", id);
	json_object_set_new(line, where, json_integer((json_int_t)position));
	json_t *e = json_pack("{s:i,s:s}", "status", (int)f->status, "message",
	                      quotable(f->message, message, sizeof(message)));
	if (e && *f->field)
		json_object_set_new(e, "field", json_string(f->field));
	json_object_set_new(line, "error", e);
	return line;
}

static json_t *answer(srv_snapshot *s, json_t *query, const char *where, size_t position)
{
	query_failure f;
	json_t *out = screen_query(s, query, &f);
	return out ? out : failure_line(query, where, position, &f);
}

/* The answer for the next line of a JSON-lines body; 1 when there is none left. */
static int next_line_answer(batch_stream *b, json_t **line)
{
	size_t len;
	const char *text = next_line(&b->lines, &len);
	if (!text)
		return 1;
	json_error_t e;
	json_t *query = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
	if (!query) {
		query_failure f = {400, "", ""};
		snprintf(f.message, sizeof(f.message), "malformed JSON at column %d: %s", e.column, e.text);
		*line = failure_line(NULL, "line", b->lines.line_no, &f);
		return 0;
	}
	*line = answer(b->snap, query, "line", b->lines.line_no);
	json_decref(query);
	return 0;
}

/* The answer for the next element of a {"queries": [...]} body; 1 when there is none left. */
static int next_array_answer(batch_stream *b, json_t **line)
{
	if (b->index >= json_array_size(b->queries))
		return 1;
	size_t i = b->index++;
	*line = answer(b->snap, json_array_get(b->queries, i), "index", i);
	return 0;
}

/* Screens the next query into b->out: 0, 1 when every query has been answered, -1 out of memory. */
static int fill_next_line(batch_stream *b)
{
	json_t *line = NULL;
	int rc = b->queries ? next_array_answer(b, &line) : next_line_answer(b, &line);
	if (rc)
		return 1;
	free(b->out);
	b->out = line ? json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6)) : NULL;
	json_decref(line);
	if (!b->out)
		return -1;
	b->out_len = strlen(b->out);
	char *grown = realloc(b->out, b->out_len + 2);
	if (!grown)
		return -1;
	b->out = grown;
	memcpy(b->out + b->out_len, "\n", 2);
	b->out_len++;
	b->out_sent = 0;
	return 0;
}

/* One answer line per call (or what fits of it), so that each leaves as soon as it is screened. */
static ssize_t batch_next(void *state, char *buf, size_t max)
{
	batch_stream *b = state;
	if (b->out_sent == b->out_len) {
		int rc = fill_next_line(b);
		if (rc)
			return rc > 0 ? 0 : -1;
	}
	size_t n = b->out_len - b->out_sent < max ? b->out_len - b->out_sent : max;
	memcpy(buf, b->out + b->out_sent, n);
	b->out_sent += n;
	return (ssize_t)n;
}

static void batch_free(void *state)
{
	batch_stream *b = state;
	if (b->snap)
		srv_snapshot_release(b->snap);
	json_decref(b->queries);
	free(b->text);
	free(b->out);
	free(b);
}

/* Answers 400 for an empty batch and 413 for one over the limit; 0 when the size is fine. */
static int batch_size_refused(srv_request *r, size_t n)
{
	if (n == 0) {
		srv_reply_error(r, 400, "queries", "the batch has no queries");
		return -1;
	}
	if (n > srv_max_batch(r)) {
		srv_reply_error(r, 413, "queries", "the batch has %zu queries; the limit is %zu per request", n,
		                srv_max_batch(r));
		return -1;
	}
	return 0;
}

/* {"queries": [query, ...]}: keeps the array; answers the request itself when it is unusable. */
static int read_queries_array(srv_request *r, batch_stream *b)
{
	json_t *body = srv_body_json(r);
	if (!body)
		return -1;
	json_t *queries = json_object_get(body, "queries");
	int rc = 0;
	if (!json_is_array(queries)) {
		srv_reply_error(r, 400, "queries", "field \"queries\" is required: a list of query objects");
		rc = -1;
	} else if (batch_size_refused(r, json_array_size(queries)) == 0) {
		b->queries = json_incref(queries);
	} else {
		rc = -1;
	}
	json_decref(body);
	return rc;
}

/* One query object per line: counts them against the limit and keeps a copy to read as the stream goes. */
static int read_json_lines(srv_request *r, batch_stream *b)
{
	size_t len, count = 0, line_len;
	const char *body = srv_body(r, &len);
	line_cursor probe = {body, len, 0, 0};
	while (next_line(&probe, &line_len))
		count++;
	if (batch_size_refused(r, count) != 0)
		return -1;
	b->text = malloc(len);
	if (!b->text) {
		srv_reply_error(r, 500, "", "out of memory");
		return -1;
	}
	memcpy(b->text, body, len);
	b->lines = (line_cursor){b->text, len, 0, 0};
	return 0;
}

/* Reads the batch in the form its Content-Type names; answers the request itself when it cannot. */
static int read_batch(srv_request *r, batch_stream *b)
{
	const char *type = srv_header(r, "Content-Type");
	char quoted[160];
	if (json_lines_type(type))
		return read_json_lines(r, b);
	if (json_body_type(type))
		return read_queries_array(r, b);
	srv_reply_error(r, 415, "",
	                "a batch is JSON lines (Content-Type: application/x-ndjson) or {\"queries\": [...]} "
	                "(Content-Type: application/json), not %s",
	                quotable(type, quoted, sizeof(quoted)));
	return -1;
}

/* POST /v1/screen/batch: queries as JSON lines or {"queries": [...]}; answers stream as JSON lines, in order. */
static void screen_batch(srv_request *r)
{
	batch_stream *b = calloc(1, sizeof(*b));
	if (!b) {
		srv_reply_error(r, 500, "", "out of memory");
		return;
	}
	if (read_batch(r, b) != 0) {
		batch_free(b);
		return;
	}
	b->snap = srv_holder_acquire(&srv_of(r)->holder);
	srv_reply_stream(r, 200, "application/x-ndjson", batch_next, b, batch_free);
}

/* ---- POST /v1/compare ---- */

/* A name field of /v1/compare; answers 400 itself and returns NULL when it is missing or unusable. */
static const char *name_field(srv_request *r, json_t *body, const char *key)
{
	json_t *v = json_object_get(body, key);
	if (!json_is_string(v) || json_string_length(v) == 0) {
		srv_reply_error(r, 400, key, "field \"%s\" is required: a name (a non-empty string)", key);
		return NULL;
	}
	if (json_string_length(v) > MAX_NAME_BYTES) {
		srv_reply_error(r, 400, key, "field \"%s\" is longer than %d bytes", key, MAX_NAME_BYTES);
		return NULL;
	}
	return json_string_value(v);
}

/* The scorer refuses a name with nothing to match (no letters or digits): says which one it was. */
static void compare_failed(srv_request *r, int rc, const char *name1)
{
	char message[512];
	double ignored;
	snprintf(message, sizeof(message), "%s", cordon_last_error());
	const char *field = cordon_compare(name1, name1, &ignored) != 0 ? "name1" : "name2";
	srv_reply_error(r, status_of(rc), rc == CORDON_ENOMEM ? "" : field, "%s", message);
}

static void reply_comparison(srv_request *r, const char *name1, const char *name2)
{
	double score;
	int rc = cordon_compare(name1, name2, &score);
	if (rc != 0)
		compare_failed(r, rc, name1);
	else
		srv_reply_json(r, 200, json_pack("{s:s,s:s,s:f}", "name1", name1, "name2", name2, "score",
		                                 codec_round4(score)));
}

/* POST /v1/compare {"name1", "name2"}: how alike two names are, as screening scores names. */
static void compare(srv_request *r)
{
	json_t *body = srv_body_json(r);
	if (!body)
		return;
	const char *name1 = NULL, *name2 = NULL;
	if (!json_is_object(body))
		srv_reply_error(r, 400, "", "the body must be a JSON object: {\"name1\": \"...\", \"name2\": \"...\"}");
	else
		name1 = name_field(r, body, "name1");
	if (name1)
		name2 = name_field(r, body, "name2");
	if (name2)
		reply_comparison(r, name1, name2);
	json_decref(body);
}

/* ---- GET /v1/entities/{id} ---- */

/* The entity as cordon_entity_to_json renders it, or NULL. */
static json_t *entity_json(const cordon_snapshot *snap, size_t index)
{
	cordon_entity e;
	char *text = NULL;
	int rc = cordon_snapshot_entity(snap, index, &e);
	if (rc == 0) {
		rc = cordon_entity_to_json(&e, &text);
		cordon_entity_dispose(&e);
	}
	json_t *o = rc == 0 ? json_loads(text, 0, NULL) : NULL;
	free(text);
	return o;
}

/* GET /v1/entities/{id} (libmicrohttpd has decoded the path: ofac-sdn%3A306 arrives as ofac-sdn:306). */
static void entity(srv_request *r)
{
	const char *id = srv_param(r, 0);
	srv_snapshot *s = srv_snap(r);
	size_t index;
	char quoted[160];
	if (cordon_snapshot_find(s->snap, id, &index) != 0) {
		srv_reply_error(r, 404, "id", "no such entity: %s", quotable(id, quoted, sizeof(quoted)));
		return;
	}
	json_t *o = entity_json(s->snap, index);
	if (!o) {
		srv_reply_error(r, 500, "", "the entity could not be rendered: %s", cordon_last_error());
		return;
	}
	/* "datasets" as a list, as screening matches give it, so one client reads both */
	json_object_set_new(o, "datasets", json_pack("[O]", json_object_get(o, "dataset")));
	srv_reply_json(r, 200, o);
}

/* ---- GET /v1/datasets ---- */

static const char *iso_time(int64_t unix_time, char *buf, size_t size)
{
	time_t t = (time_t)unix_time;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

/* {"person": n, "organization": n, ...} for one dataset, or all of them when dataset is NULL. */
static json_t *schema_counts(const cordon_snapshot *snap, const char *dataset)
{
	json_t *o = json_object();
	for (int s = 0; s < CORDON_SCHEMA_COUNT; s++)
		json_object_set_new(o, cordon_schema_name((cordon_schema)s),
		                    json_integer((json_int_t)cordon_snapshot_count(snap, dataset, s)));
	return o;
}

static json_t *snapshot_json(const srv_snapshot *s)
{
	char created[32], loaded[32];
	const cordon_snapshot_info *info = &s->info;
	return json_pack("{s:I,s:s,s:I,s:s,s:I,s:I,s:s,s:I,s:I,s:o}", "format_version", (json_int_t)info->format_version,
	                 "created", iso_time(info->created_unix, created, sizeof(created)), "created_unix",
	                 (json_int_t)info->created_unix, "checksum", info->checksum, "file_bytes",
	                 (json_int_t)info->file_bytes, "generation", (json_int_t)s->generation, "loaded_at",
	                 iso_time(s->loaded_unix, loaded, sizeof(loaded)), "loaded_unix", (json_int_t)s->loaded_unix,
	                 "entities", (json_int_t)cordon_snapshot_entity_count(s->snap), "schemas",
	                 schema_counts(s->snap, NULL));
}

static json_t *datasets_json(const srv_snapshot *s)
{
	json_t *a = json_array();
	for (size_t i = 0; i < s->dataset_count; i++)
		json_array_append_new(a, json_pack("{s:s,s:I,s:o}", "name", s->datasets[i], "entities",
		                                   (json_int_t)cordon_snapshot_count(s->snap, s->datasets[i], -1),
		                                   "schemas", schema_counts(s->snap, s->datasets[i])));
	return a;
}

/* What the build saw of each source file: where it came from, its hash, what was read and skipped. */
static json_t *sources_json(const cordon_snapshot_info *info)
{
	json_t *a = json_array();
	for (size_t i = 0; i < info->source_count; i++) {
		const cordon_source_stats *st = &info->sources[i];
		json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:s,s:I}", "dataset", st->dataset, "path",
		                                   st->path, "sha256", st->sha256, "bytes", (json_int_t)st->bytes, "rows",
		                                   (json_int_t)st->rows, "skipped_rows", (json_int_t)st->skipped_rows,
		                                   "unknown_fields", (json_int_t)st->unknown_fields, "file_date",
		                                   st->file_date, "entities", (json_int_t)st->entities));
	}
	return a;
}

/* GET /v1/datasets: the snapshot being served, its datasets and the source files it was built from. */
static void datasets(srv_request *r)
{
	srv_snapshot *s = srv_snap(r);
	srv_reply_json(r, 200, json_pack("{s:o,s:o,s:o}", "snapshot", snapshot_json(s), "datasets", datasets_json(s),
	                                 "sources", sources_json(&s->info)));
}

/* ---- GET /v1/openapi.json ---- */

static void openapi(srv_request *r)
{
	srv_reply_text(r, 200, "application/json", srv_openapi_json, srv_openapi_json_len);
}

/* ---- POST /v1/admin/reload ---- */

/* The snapshot file again, as SIGHUP does. */
static void reload(srv_request *r)
{
	char err[512];
	srv_server *s = srv_of(r);
	if (srv_holder_reload(&s->holder, err, sizeof(err)) != 0) {
		srv_reply_error(r, 409, "", "reload refused, still serving the previous snapshot: %s", err);
		return;
	}
	srv_snapshot *now = srv_holder_acquire(&s->holder);
	srv_reply_json(r, 200, json_pack("{s:s,s:I,s:I}", "status", "reloaded", "snapshot_generation",
	                                 (json_int_t)now->generation, "entities",
	                                 (json_int_t)cordon_snapshot_entity_count(now->snap)));
	srv_snapshot_release(now);
}

/* Every route here is listed in docs/openapi.json; tests/unit/test_openapi.c fails when one is not. */
const srv_route srv_v1_routes[] = {
	{"POST", "/v1/screen", screen, SRV_AUTH | SRV_JSON_BODY},
	{"POST", "/v1/screen/batch", screen_batch, SRV_AUTH | SRV_ANY_BODY}, /* JSON lines too: checked by the route */
	{"POST", "/v1/compare", compare, SRV_AUTH | SRV_JSON_BODY},
	{"POST", "/v1/check", srv_v1_check, SRV_AUTH | SRV_JSON_BODY},
	{"GET", "/v1/entities/{id}", entity, SRV_AUTH},
	{"GET", "/v1/datasets", datasets, SRV_AUTH},
	{"GET", "/v1/openapi.json", openapi, SRV_AUTH},
	{"POST", "/v1/admin/reload", reload, SRV_AUTH},
	/* keeping the lists current (routes_diff.c, routes_update.c, routes_monitor.c) */
	{"GET", "/v1/diff", srv_v1_diff, SRV_AUTH},
	{"POST", "/v1/admin/update", srv_v1_admin_update, SRV_AUTH | SRV_JSON_BODY},
	{"POST", "/v1/monitor", srv_v1_monitor, SRV_AUTH | SRV_JSON_BODY},
	/* the store (cordon serve --store FILE), routes_store.c */
	{"POST", "/v1/parties", srv_v1_parties_import, SRV_AUTH | SRV_ANY_BODY}, /* CSV */
	{"POST", "/v1/parties/screen", srv_v1_parties_screen, SRV_AUTH},
	{"GET", "/v1/cases", srv_v1_cases, SRV_AUTH},
	{"POST", "/v1/decisions", srv_v1_decide, SRV_AUTH | SRV_JSON_BODY},
	{"GET", "/v1/audit/verify", srv_v1_audit_verify, SRV_AUTH},
	{"GET", "/v1/audit/export", srv_v1_audit_export, SRV_AUTH},
	{NULL, NULL, NULL, 0},
};
