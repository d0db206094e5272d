/*
 * POST /v1/monitor: `cordon monitor` for the server's store against the snapshot it serves: every
 * stored party screened against only the entities added or changed since the snapshot the store
 * last monitored against (store/monitor.h), on a thread of its own (job.h), one run at a time.
 * The answer lists the new potential hits, each recorded as a screening in the store.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/internal.h"
#include "server/routes_ops.h"
#include "store/monitor.h"
#include "store/store.h"

typedef struct {
	double threshold;
	srv_snapshot *snap; /* the snapshot served when the run was asked for, held to its end */
} monitor_job;

static void free_monitor_job(void *arg)
{
	monitor_job *m = arg;
	srv_snapshot_release(m->snap);
	free(m);
}

/* Every open hit: a potential hit an analyst has not seen (allow-listed and confirmed ones are counted only). */
static void add_hit(const store_party *p, const store_screening *sc, const store_hit *h, void *payload)
{
	if (strcmp(h->status, "open") == 0)
		json_array_append_new(payload, json_pack("{s:I, s:s?, s:s?, s:s, s:s?, s:f}", "screening", (json_int_t)sc->id,
		                                         "party", p->external_id, "party_name", p->name, "entity_id",
		                                         h->entity_id, "entity_name", h->entity_name, "score", h->score));
}

/* The snapshot the store last monitored against, or NULL (a first run, or its kept copy is unusable: *note says so). */
static cordon_snapshot *remembered(store *st, char **path_out, json_t **note)
{
	char *path = NULL;
	cordon_snapshot *snap = NULL;
	*path_out = NULL;
	if (store_meta_get(st, STORE_MONITOR_SNAPSHOT_KEY, &path) != 0)
		return NULL;
	if (cordon_snapshot_open(&snap, path) != 0) {
		*note = json_sprintf("the last monitored snapshot %s cannot be opened (%s): every party was screened "
		                     "against the whole served snapshot", path, cordon_last_error());
		free(path);
		return NULL;
	}
	*path_out = path;
	return snap;
}

static json_t *counts_json(const store_monitor_result *res, const char *old_sum, const char *new_sum, json_t *hits)
{
	const store_screen_result *sc = &res->screen;
	return json_pack("{s:b, s:s?, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "full", res->full, "old_snapshot",
	                 old_sum, "new_snapshot", new_sum, "changed", (json_int_t)res->changed, "parties",
	                 (json_int_t)sc->parties, "screenings", (json_int_t)sc->screenings, "hits", (json_int_t)sc->hits,
	                 "open", (json_int_t)sc->open, "cleared", (json_int_t)sc->cleared, "confirmed",
	                 (json_int_t)sc->confirmed, "new_hits", hits);
}

/* The checksum of the snapshot last monitored against, or NULL when there is none to compare with. */
static const char *checksum_of(const cordon_snapshot *snap, cordon_snapshot_info *info)
{
	return snap && cordon_snapshot_get_info(snap, info) == 0 ? info->checksum : NULL;
}

/*
 * Keeps the served snapshot as kept, screens, records (as cmd_monitor.c does). The copy is kept
 * first: the served file must still hold the served version, or the copy would be named wrongly (409).
 */
static int monitor_run(srv_server *s, store *st, monitor_job *m, const cordon_snapshot *old, const char *old_sum,
                       json_t *hits, store_monitor_result *res, char *kept, size_t kept_size)
{
	const char *new_sum = m->snap->info.checksum;
	store_monitor_options opt = {old_sum ? old : NULL, m->snap->snap, m->threshold, 0, add_hit, hits};
	int rc = store_monitor_keep(store_path(st), s->holder.path, new_sum, kept, kept_size);
	if (!rc && !(old_sum && strcmp(old_sum, new_sum) == 0))
		rc = store_monitor(st, &opt, res);
	if (!rc)
		rc = store_monitor_record(st, old_sum, new_sum, kept, res);
	return rc;
}

static json_t *monitor_store(srv_server *s, store *st, monitor_job *m, unsigned *status)
{
	char *old_path = NULL, kept[PATH_MAX + 64];
	json_t *note = NULL, *hits = json_array(), *body;
	cordon_snapshot_info info;
	cordon_snapshot *old = remembered(st, &old_path, &note);
	const char *old_sum = checksum_of(old, &info), *new_sum = m->snap->info.checksum;
	store_monitor_result res = {0};
	int rc = monitor_run(s, st, m, old, old_sum, hits, &res, kept, sizeof(kept));
	if (rc) {
		*status = rc == CORDON_EINVALID ? 409 : 500;
		body = srv_error_body(*status, NULL, "%s%s", cordon_last_error(),
		                      rc == CORDON_EINVALID ? " (reload the server, then monitor)" : "");
	} else {
		body = counts_json(&res, old_sum, new_sum, json_incref(hits));
		json_object_set_new(body, "unchanged", json_boolean(old_sum && strcmp(old_sum, new_sum) == 0));
		if (note)
			json_object_set(body, "warning", note);
	}
	if (!rc && old_path && strcmp(old_path, kept) != 0)
		unlink(old_path); /* the copy kept by the run before; this run's is remembered now */
	json_decref(note);
	json_decref(hits);
	cordon_snapshot_free(old);
	free(old_path);
	return body;
}

static json_t *run_monitor(srv_server *s, void *arg, unsigned *status)
{
	store *st;
	if (store_open(&st, s->config.store_path) != 0) {
		*status = 500;
		return srv_error_body(500, NULL, "%s", cordon_last_error());
	}
	json_t *body = monitor_store(s, st, arg, status);
	store_close(st);
	return body;
}

/* {"threshold": T} or no body; answers 400 itself and returns -1. */
static int read_threshold(srv_request *r, double *threshold)
{
	size_t len;
	srv_body(r, &len);
	*threshold = 0;
	if (!len)
		return 0;
	json_t *body = srv_body_json(r);
	if (!body)
		return -1;
	json_t *t = json_object_get(body, "threshold");
	const char *key, *unknown = NULL;
	json_t *v;
	json_object_foreach(body, key, v)
	{
		if (strcmp(key, "threshold") != 0 && !unknown)
			unknown = key;
	}
	int rc = 0;
	if (!json_is_object(body)) {
		srv_reply_error(r, 400, "", "the body must be a JSON object: {\"threshold\": T} or nothing");
		rc = -1;
	} else if (unknown) {
		srv_reply_error(r, 400, unknown, "unknown field \"%.100s\": only threshold is", unknown);
		rc = -1;
	} else if (t && (!json_is_number(t) || json_number_value(t) <= 0 || json_number_value(t) > 1)) {
		srv_reply_error(r, 400, "threshold", "field \"threshold\" is a number in (0, 1]");
		rc = -1;
	} else if (t) {
		*threshold = json_number_value(t);
	}
	json_decref(body);
	return rc;
}

void srv_v1_monitor(srv_request *r)
{
	srv_server *s = srv_of(r);
	double threshold;
	if (!s->config.store_path) {
		srv_reply_error(r, 404, NULL, "this server has no store: start it with cordon serve --store FILE");
		return;
	}
	if (read_threshold(r, &threshold) != 0)
		return;
	monitor_job *m = malloc(sizeof(*m));
	if (!m) {
		srv_reply_error(r, 500, NULL, "out of memory");
		return;
	}
	*m = (monitor_job){threshold, srv_holder_acquire(&s->holder)};
	int start_failed;
	if (srv_job_start(&s->monitor_job, r, run_monitor, m, free_monitor_job, &start_failed) == 0)
		return;
	if (start_failed)
		srv_reply_error(r, 500, NULL, "cannot start the monitoring run");
	else
		srv_reply_error(r, 409, NULL, "a monitoring run is already going; try again when it has ended");
	free_monitor_job(m);
}
