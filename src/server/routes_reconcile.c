/*
 * The W3C Reconciliation Service API v0.2, so OpenRefine can reconcile a column
 * of names against cordon; yente's shapes where the spec leaves room.
 *
 *   GET  /reconcile[/{dataset}]                  manifest (open); ?queries= or ?extend= answers them
 *   POST /reconcile[/{dataset}]                  form field queries= or extend=
 *   GET  /reconcile/{dataset}/suggest/entity     ?prefix=
 *   GET  /reconcile/{dataset}/suggest/type       ?prefix=
 *   GET  /reconcile/{dataset}/suggest/property   ?prefix=
 *   GET  /reconcile/{dataset}/extend/property    ?type=
 *
 * "default" (and "sanctions") is every list. Errors are yente's {"detail": "..."}.
 * Every GET answer is JSONP when a callback= is given, for old web clients.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server/reconcile_internal.h"

#define MAX_CALLBACK 128
#define SUGGEST_LIMIT 10

/* ---- answers ---- */

/* A JSONP callback name: a dotted JavaScript identifier, nothing a script could be smuggled in with. */
static int callback_ok(const char *cb)
{
	size_t n = strlen(cb);
	if (n == 0 || n > MAX_CALLBACK)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)cb[i]) && cb[i] != '_' && cb[i] != '$' && cb[i] != '.')
			return 0;
	return 1;
}

static void reply_jsonp(srv_request *r, unsigned status, const char *cb, json_t *body)
{
	char *text = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	json_decref(body);
	size_t len = text ? strlen(text) + strlen(cb) + 16 : 0;
	char *wrapped = text ? malloc(len) : NULL;
	if (!wrapped) {
		free(text);
		srv_reply_detail(r, 500, "out of memory");
		return;
	}
	/* the leading comment keeps a callback from being read as another file type (the Rosetta Flash attack) */
	int n = snprintf(wrapped, len, "/**/%s(%s);", cb, text);
	srv_reply_header(r, "X-Content-Type-Options", "nosniff");
	srv_reply_text(r, status, "application/javascript; charset=utf-8", wrapped, (size_t)n);
	free(wrapped);
	free(text);
}

static void reply(srv_request *r, unsigned status, json_t *body)
{
	const char *cb = strcmp(srv_method(r), "POST") != 0 ? srv_arg(r, "callback") : NULL;
	if (!cb) {
		srv_reply_json(r, status, body);
	} else if (!callback_ok(cb)) {
		json_decref(body);
		srv_reply_detail(r, 400, "callback must be a JavaScript identifier of at most %d characters", MAX_CALLBACK);
	} else {
		reply_jsonp(r, status, cb, body);
	}
}

static void reply_error(srv_request *r, const recon_error *e)
{
	reply(r, e->status, json_pack("{s:s}", "detail", e->message));
}

/* ---- what every route checks ---- */

/* NULL for every list, else the dataset to screen; answers 404 itself when there is no such dataset. */
static int dataset_known(srv_request *r, const char *dataset, const char **restrict_to)
{
	if (!srv_snapshot_has_dataset(srv_snap(r), dataset)) {
		reply(r, 404, json_pack("{s:s}", "detail", "No such dataset."));
		return 0;
	}
	*restrict_to = strcmp(dataset, "default") == 0 || strcmp(dataset, "sanctions") == 0 ? NULL : dataset;
	return 1;
}

/*
 * The manifest route is open (the spec: clients read the manifest before they have
 * credentials), but a GET carrying queries screens like a POST and needs a key like one.
 */
static int authorized(srv_request *r)
{
	srv_server *s = srv_of(r);
	const char *k = srv_presented_key(r);
	if (!s->keys.count || srv_keys_check(&s->keys, k))
		return 1;
	srv_reply_header(r, "WWW-Authenticate", "Bearer");
	reply(r, 401, json_pack("{s:s}", "detail",
	                        k ? "the API key is not valid" : "an API key is required (X-API-Key or Authorization: Bearer)"));
	return 0;
}

static size_t batch_size(const srv_request *r)
{
	return srv_max_batch(r) < RECON_BATCH_SIZE ? srv_max_batch(r) : RECON_BATCH_SIZE;
}

/* ---- the manifest ---- */

/* "http://host:port" this request reached, for the URLs the manifest gives; a Host header that is not a plain host name is not echoed. */
static void base_url(srv_request *r, char *out, size_t size)
{
	const char *host = srv_header(r, "Host"), *proto = srv_header(r, "X-Forwarded-Proto");
	size_t n = host ? strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]_") : 0;
	if (!host || !*host || host[n] || n > 255)
		host = "localhost";
	snprintf(out, size, "%s://%s", proto && strcmp(proto, "https") == 0 ? "https" : "http", host);
}

/*
 * "?api_key=..." when the manifest was fetched with one: OpenRefine's browser side calls the
 * suggest services itself, without headers, so the key has to travel in their URLs (yente
 * does the same with the manifest's query string).
 */
static void key_suffix(srv_request *r, char *out, size_t size)
{
	const char *k = srv_arg(r, "api_key");
	out[0] = '\0';
	if (!k || !*k || strlen(k) * 3 + sizeof("?api_key=") > size)
		return; /* keys are at most 256 bytes (auth.c), so a longer one is not a key */
	char *o = out + sprintf(out, "?api_key=");
	for (; *k; k++) {
		if (isalnum((unsigned char)*k) || strchr("-._~", *k))
			*o++ = *k;
		else
			o += sprintf(o, "%%%02X", (unsigned char)*k);
	}
	*o = '\0';
}

static json_t *service(const char *url, const char *path, const char *suffix)
{
	char full[1024];
	snprintf(full, sizeof(full), "%s%s", path, suffix);
	return json_pack("{s:s,s:s}", "service_url", url, "service_path", full);
}

static json_t *extend_settings(void)
{
	return json_pack("[{s:s,s:s,s:s,s:i,s:s}]", "name", "limit", "label", "Limit", "type", "number", "default", 0,
	                 "help_text", "Most values per cell (0 for all of them)");
}

static json_t *manifest(srv_request *r, const char *dataset)
{
	char base[300], url[600], view[400], suffix[800], name[200];
	base_url(r, base, sizeof(base));
	key_suffix(r, suffix, sizeof(suffix));
	snprintf(url, sizeof(url), "%s/reconcile/%s", base, dataset);
	snprintf(view, sizeof(view), "%s/v1/entities/{{id}}", base);
	if (strcmp(dataset, "default") != 0)
		snprintf(name, sizeof(name), "cordon sanctions screening (%s)", dataset);
	else
		snprintf(name, sizeof(name), "cordon sanctions screening");
	json_t *m = json_pack("{s:[s],s:s,s:s,s:s,s:s,s:I,s:o,s:{s:s}}", "versions", "0.2", "name", name, "identifierSpace",
	                      "urn:cordon:entity", "schemaSpace", "https://www.opensanctions.org/reference/#schema",
	                      "serviceVersion", cordon_version(), "batchSize", (json_int_t)batch_size(r), "defaultTypes",
	                      recon_default_types(), "view", "url", view);
	json_object_set_new(m, "suggest", json_pack("{s:o,s:o,s:o}", "entity", service(url, "/suggest/entity", suffix), "type",
	                                            service(url, "/suggest/type", suffix), "property",
	                                            service(url, "/suggest/property", suffix)));
	json_object_set_new(m, "extend", json_pack("{s:o,s:o}", "propose_properties", service(url, "/extend/property", suffix),
	                                           "property_settings", extend_settings()));
	if (srv_of(r)->keys.count) /* v0.2's way to say every other call needs credentials */
		json_object_set_new(m, "authentication", json_pack("{s:s,s:s,s:s}", "type", "apiKey", "name", "api_key", "in", "query"));
	return m;
}

/* ---- queries and extension ---- */

static void answer(srv_request *r, const char *restrict_to, const char *queries, size_t qlen, const char *extend,
                   size_t elen)
{
	recon_error e;
	const cordon_snapshot *snap = srv_snap(r)->snap;
	json_t *out = queries ? recon_answer_queries(snap, restrict_to, queries, qlen, batch_size(r), &e)
	                      : recon_extend(snap, extend, elen, batch_size(r), &e);
	if (out)
		reply(r, 200, out);
	else
		reply_error(r, &e);
}

static void serve_get(srv_request *r, const char *dataset)
{
	const char *restrict_to, *queries = srv_arg(r, "queries"), *extend = srv_arg(r, "extend");
	if (!dataset_known(r, dataset, &restrict_to))
		return;
	if (!queries && !extend)
		reply(r, 200, manifest(r, dataset));
	else if (authorized(r))
		answer(r, restrict_to, queries, queries ? strlen(queries) : 0, extend, extend ? strlen(extend) : 0);
}

static void serve_post(srv_request *r, const char *dataset)
{
	const char *restrict_to, *body = NULL;
	char *queries = NULL, *extend = NULL;
	size_t len = 0, qlen = 0, elen = 0;
	recon_error e;
	if (!dataset_known(r, dataset, &restrict_to))
		return;
	body = srv_body(r, &len);
	const char *ct = srv_header(r, "Content-Type");
	if (recon_form_field(ct, body, len, "queries", &queries, &qlen, &e) < 0 ||
	    (!queries && recon_form_field(ct, body, len, "extend", &extend, &elen, &e) < 0))
		reply_error(r, &e);
	else if (!queries && !extend)
		reply(r, 400, json_pack("{s:s}", "detail", "No queries or extend request provided."));
	else
		answer(r, restrict_to, queries, qlen, extend, elen);
	free(queries);
	free(extend);
}

static void get_all(srv_request *r) { serve_get(r, "default"); }
static void get_dataset(srv_request *r) { serve_get(r, srv_param(r, 0)); }
static void post_all(srv_request *r) { serve_post(r, "default"); }
static void post_dataset(srv_request *r) { serve_post(r, srv_param(r, 0)); }

/* ---- suggest and property proposals ---- */

/* ?limit=: a positive count, capped; the default when absent; 0 after answering 400. */
static size_t limit_arg(srv_request *r, size_t fallback)
{
	const char *v = srv_arg(r, "limit");
	char *end;
	long n = v ? strtol(v, &end, 10) : (long)fallback;
	if (v && (*end || end == v || n < 1)) {
		reply(r, 400, json_pack("{s:s}", "detail", "limit must be a positive integer"));
		return 0;
	}
	return n > RECON_MAX_LIMIT ? RECON_MAX_LIMIT : (size_t)n;
}

typedef enum { SUGGEST_ENTITY, SUGGEST_TYPE, SUGGEST_PROPERTY } suggest_kind;

/* {"code", "status", "prefix", "result"}: yente's suggest answer. */
static void suggest(srv_request *r, suggest_kind kind)
{
	const char *restrict_to, *prefix = srv_arg(r, "prefix");
	size_t limit;
	if (!dataset_known(r, srv_param(r, 0), &restrict_to) || !(limit = limit_arg(r, SUGGEST_LIMIT)))
		return;
	json_t *result = kind == SUGGEST_ENTITY ? recon_suggest_entity(srv_snap(r)->snap, restrict_to, prefix, limit)
	                 : kind == SUGGEST_TYPE ? recon_suggest_type(prefix, limit)
	                                        : recon_suggest_property(prefix, limit);
	reply(r, 200, json_pack("{s:s,s:s,s:s,s:o}", "code", "/api/status/ok", "status", "200 OK", "prefix",
	                        prefix ? prefix : "", "result", result));
}

static void suggest_entity(srv_request *r) { suggest(r, SUGGEST_ENTITY); }
static void suggest_type(srv_request *r) { suggest(r, SUGGEST_TYPE); }
static void suggest_property(srv_request *r) { suggest(r, SUGGEST_PROPERTY); }

static void propose_properties(srv_request *r)
{
	const char *restrict_to;
	size_t limit;
	recon_error e;
	if (!dataset_known(r, srv_param(r, 0), &restrict_to) || !(limit = limit_arg(r, RECON_MAX_LIMIT)))
		return;
	json_t *out = recon_propose_properties(srv_arg(r, "type"), limit, &e);
	if (out)
		reply(r, 200, out);
	else
		reply_error(r, &e);
}

const srv_route srv_reconcile_routes[] = {
	{"GET", "/reconcile", get_all, SRV_OPEN | SRV_DETAIL_ERRORS},
	{"POST", "/reconcile", post_all, SRV_AUTH | SRV_DETAIL_ERRORS | SRV_ANY_BODY},
	{"GET", "/reconcile/{dataset}", get_dataset, SRV_OPEN | SRV_DETAIL_ERRORS},
	{"POST", "/reconcile/{dataset}", post_dataset, SRV_AUTH | SRV_DETAIL_ERRORS | SRV_ANY_BODY},
	{"GET", "/reconcile/{dataset}/suggest/entity", suggest_entity, SRV_AUTH | SRV_DETAIL_ERRORS},
	{"GET", "/reconcile/{dataset}/suggest/type", suggest_type, SRV_AUTH | SRV_DETAIL_ERRORS},
	{"GET", "/reconcile/{dataset}/suggest/property", suggest_property, SRV_AUTH | SRV_DETAIL_ERRORS},
	{"GET", "/reconcile/{dataset}/extend/property", propose_properties, SRV_AUTH | SRV_DETAIL_ERRORS},
	{NULL, NULL, NULL, 0},
};
