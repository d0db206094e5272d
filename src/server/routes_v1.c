/* The native API under /v1: screening, and the admin reload. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "codec/codec.h"
#include "server/internal.h"

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

/* Answers 400 (or 404 for an unknown dataset) when the query cannot be screened; else 0. */
static int check_dataset(srv_request *r, const codec_query *q)
{
	if (q->dataset && !srv_snapshot_has_dataset(srv_snap(r), q->dataset)) {
		srv_reply_error(r, 404, "dataset", "no such dataset: %s", q->dataset);
		return -1;
	}
	return 0;
}

/* Screens q and returns {"id"?, "query", "matches", "candidates", "elapsed_us"}; NULL with err set on failure. */
static json_t *screen_json(srv_snapshot *s, const codec_query *q, char *err, size_t errsize)
{
	cordon_results res;
	long long t0 = now_us();
	if (cordon_screen(s->snap, &q->query, &res) != 0) {
		snprintf(err, errsize, "%s", cordon_last_error());
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

/* POST /v1/screen {"query": "...", "schema", "birth_date", "country", "identifiers", "limit", ...} */
static void screen(srv_request *r)
{
	json_t *body = srv_body_json(r);
	if (!body)
		return;
	cordon_query base = CORDON_QUERY_INIT;
	base.explain = 1;
	codec_query q;
	char err[512];
	const char *field = "";
	int rc = codec_query_from_json(body, &base, &q, err, sizeof(err), &field);
	json_decref(body);
	if (rc == 0 && check_dataset(r, &q) == 0) {
		json_t *out = screen_json(srv_snap(r), &q, err, sizeof(err));
		if (out)
			srv_reply_json(r, 200, out);
		else
			srv_reply_error(r, 400, "", "%s", err);
	} else if (rc != 0) {
		srv_reply_error(r, 400, field, "%s", err);
	}
	codec_query_free(&q);
}

/* POST /v1/admin/reload: the snapshot file again, as SIGHUP does. */
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

const srv_route srv_v1_routes[] = {
	{"POST", "/v1/screen", screen, SRV_AUTH | SRV_JSON_BODY},
	{"POST", "/v1/admin/reload", reload, SRV_AUTH},
	{NULL, NULL, NULL, 0},
};
