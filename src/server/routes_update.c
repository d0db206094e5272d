/*
 * POST /v1/admin/update: the update `cordon update` runs (src/update/), for the served snapshot
 * file and the server's update configuration, on a thread of its own (job.h), then a reload when
 * the file was replaced. The answer says per dataset what was fetched, not modified or refused
 * and why, with the lines the CLI prints.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "server/internal.h"
#include "server/routes_ops.h"
#include "update/update.h"

typedef struct {
	cupd_config cfg;
	char **sources;
	size_t source_count;
	int dry_run, force, keep_going;
} update_job;

static void free_sources(update_job *u)
{
	for (size_t i = 0; i < u->source_count; i++)
		free(u->sources[i]);
	free(u->sources);
}

static void free_update_job(void *arg)
{
	update_job *u = arg;
	cupd_config_dispose(&u->cfg);
	free_sources(u);
	free(u);
}

/* ---- the body: {"dry_run", "force", "keep_going", "sources"} ---- */

static int read_flag(srv_request *r, json_t *body, const char *key, int *out)
{
	json_t *v = json_object_get(body, key);
	if (v && !json_is_boolean(v)) {
		srv_reply_error(r, 400, key, "field \"%s\" is true or false", key);
		return -1;
	}
	*out = json_is_true(v);
	return 0;
}

static int read_sources(srv_request *r, json_t *list, update_job *u)
{
	size_t n = json_array_size(list), i;
	json_t *v;
	if (list && (!json_is_array(list) || n > 64)) {
		srv_reply_error(r, 400, "sources", "field \"sources\" is a list of dataset names (at most 64)");
		return -1;
	}
	if (!(u->sources = calloc(n ? n : 1, sizeof(*u->sources)))) {
		srv_reply_error(r, 500, NULL, "out of memory");
		return -1;
	}
	json_array_foreach(list, i, v)
	{
		if (!json_is_string(v) || !json_string_length(v) || json_string_length(v) > 128) {
			srv_reply_error(r, 400, "sources", "sources[%zu] is not a dataset name", i);
			return -1;
		}
		u->sources[u->source_count++] = strdup(json_string_value(v));
	}
	return 0;
}

/* The first key of body that is not one of the options, or NULL. */
static const char *unknown_field(json_t *body)
{
	static const char *const known[] = {"dry_run", "force", "keep_going", "sources"};
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v)
	{
		size_t k = 0;
		while (k < sizeof(known) / sizeof(*known) && strcmp(key, known[k]) != 0)
			k++;
		if (k == sizeof(known) / sizeof(*known))
			return key;
	}
	return NULL;
}

/* Fills u from the body (none: every source, no options); answers 400 itself and returns -1. */
static int read_options(srv_request *r, update_job *u)
{
	size_t len;
	srv_body(r, &len);
	json_t *body = len ? srv_body_json(r) : json_object();
	if (!body)
		return -1;
	const char *unknown = json_is_object(body) ? unknown_field(body) : NULL;
	int rc = -1;
	if (!json_is_object(body))
		srv_reply_error(r, 400, "", "the body must be a JSON object: {\"dry_run\", \"force\", \"keep_going\", \"sources\"}");
	else if (unknown)
		srv_reply_error(r, 400, unknown, "unknown field \"%.100s\": dry_run, force, keep_going and sources are", unknown);
	else if (!read_flag(r, body, "dry_run", &u->dry_run) && !read_flag(r, body, "force", &u->force) &&
	         !read_flag(r, body, "keep_going", &u->keep_going) && !read_sources(r, json_object_get(body, "sources"), u))
		rc = 0;
	json_decref(body);
	return rc;
}

/* ---- the run, on the job's thread ---- */

typedef struct {
	json_t *log, *datasets;
} collected;

static void add_line(const char *line, void *payload)
{
	json_array_append_new(((collected *)payload)->log, json_string(line));
}

static const char *file_status(long http_status)
{
	return http_status == 200 ? "fetched" : http_status == 304 ? "not_modified" : "not_fetched";
}

static void add_source(const cupd_source_report *rep, void *payload)
{
	json_t *files = json_array();
	for (size_t i = 0; i < rep->file_count; i++) {
		const cupd_file_report *f = &rep->files[i];
		json_t *o = json_pack("{s:s, s:s, s:s}", "file", f->file, "url", f->url, "status", file_status(f->http_status));
		if (o && f->http_status == 200) {
			json_object_set_new(o, "bytes", json_integer((json_int_t)f->bytes));
			json_object_set_new(o, "sha256", json_string(f->sha256));
		}
		json_array_append_new(files, o);
	}
	json_t *o = json_pack("{s:s, s:s, s:o}", "dataset", rep->dataset, "status", rep->status, "files", files);
	if (o && rep->why)
		json_object_set_new(o, "reason", json_string(rep->why));
	if (o && strcmp(rep->status, "changed") == 0)
		json_object_set_new(o, "counts", json_pack("{s:I, s:I, s:I, s:I}", "entities", (json_int_t)rep->entities,
		                                           "rows", (json_int_t)rep->rows, "previous_entities",
		                                           (json_int_t)rep->old_entities, "previous_rows",
		                                           (json_int_t)rep->old_rows));
	json_array_append_new(((collected *)payload)->datasets, o);
}

static const char *outcome_name(cupd_outcome out)
{
	static const char *const names[] = {"updated", "up_to_date", "checked", "failed", "refused"};
	return out <= CUPD_REFUSED ? names[out] : "failed";
}

/* Whether the file at path is another one than before (an update renames the new snapshot over it). */
static int replaced(const char *path, const struct stat *before, int existed)
{
	struct stat now;
	return stat(path, &now) == 0 && (!existed || now.st_ino != before->st_ino || now.st_dev != before->st_dev);
}

/* The served snapshot swapped for the file the update wrote: {"status", ...}; *ok cleared when refused. */
static json_t *reload_after_update(srv_server *s, int *ok)
{
	char err[512];
	if (srv_holder_reload(&s->holder, err, sizeof(err)) != 0) {
		*ok = 0;
		return json_pack("{s:s, s:s}", "status", "refused", "message", err);
	}
	srv_snapshot *now = srv_holder_acquire(&s->holder);
	json_t *o = json_pack("{s:s, s:I, s:I, s:s}", "status", "reloaded", "snapshot_generation",
	                      (json_int_t)now->generation, "entities", (json_int_t)cordon_snapshot_entity_count(now->snap),
	                      "checksum", now->info.checksum);
	srv_snapshot_release(now);
	return o;
}

/* 200 for a run that went through, 409 when another update holds the lists folder or the reload was
 * refused, 422 when a file was refused by a check, 502 when a download or the build failed. */
static unsigned status_of(cupd_outcome out, const char *error, int reloaded_ok)
{
	if (out == CUPD_FAILED && strstr(error, "another cordon update is running"))
		return 409;
	if (out == CUPD_FAILED || out == CUPD_REFUSED)
		return out == CUPD_REFUSED ? 422 : 502;
	return reloaded_ok ? 200 : 409;
}

static json_t *run_update(srv_server *s, void *arg, unsigned *status)
{
	update_job *u = arg;
	collected c = {json_array(), json_array()};
	cupd_options o = {.lists_dir = s->config.lists_dir, .snapshot_path = s->holder.path,
	                  .sources = (const char *const *)u->sources, .source_count = u->source_count,
	                  .dry_run = u->dry_run, .force = u->force, .keep_going = u->keep_going, .min_ratio = -1,
	                  .threads = 1, /* the server's requests keep the other cores */
	                  .report = add_line, .payload = &c, .on_source = add_source};
	struct stat before;
	int existed = stat(s->holder.path, &before) == 0;
	cupd_outcome out = cupd_run(&u->cfg, &o);
	char error[1024] = "";
	if (out == CUPD_FAILED || out == CUPD_REFUSED)
		snprintf(error, sizeof(error), "%s", cordon_last_error());
	int is_new = !u->dry_run && replaced(s->holder.path, &before, existed), reload_ok = 1;
	json_t *reload = is_new ? reload_after_update(s, &reload_ok) : json_null();
	*status = status_of(out, error, reload_ok);
	json_t *body = json_pack("{s:s, s:b, s:s, s:b, s:o, s:o, s:o}", "outcome", outcome_name(out), "dry_run",
	                         u->dry_run, "snapshot", s->holder.path, "snapshot_replaced", is_new, "datasets",
	                         c.datasets, "reload", reload, "log", c.log);
	if (body && *status != 200) /* the error object every route answers a failure with, beside the details */
		json_object_set_new(body, "error",
		                    json_pack("{s:i, s:s}", "status", (int)*status, "message",
		                              *error ? error : "the update went through, but the reload was refused; "
		                                               "the previous snapshot keeps serving"));
	return body;
}

/* ---- POST /v1/admin/update ---- */

void srv_v1_admin_update(srv_request *r)
{
	srv_server *s = srv_of(r);
	if (!s->config.update_config) {
		srv_reply_error(r, 503, NULL,
		                "this server has no update configuration: start it with cordon serve --update-config FILE");
		return;
	}
	update_job *u = calloc(1, sizeof(*u));
	if (!u || read_options(r, u) != 0) {
		if (!u)
			srv_reply_error(r, 500, NULL, "out of memory");
		else
			free_update_job(u);
		return;
	}
	if (cupd_config_load(s->config.update_config, &u->cfg) != 0) {
		srv_reply_error(r, 500, NULL, "the update configuration cannot be read: %s", cordon_last_error());
		free_sources(u); /* cfg holds nothing */
		free(u);
		return;
	}
	cupd_options probe = {.sources = (const char *const *)u->sources, .source_count = u->source_count};
	const char *missing = cupd_unknown_source(&u->cfg, &probe);
	int start_failed;
	if (missing)
		srv_reply_error(r, 400, "sources", "no source named %.128s in %s", missing, s->config.update_config);
	else if (srv_job_start(&s->update_job, r, run_update, u, free_update_job, &start_failed) == 0)
		return;
	else if (start_failed)
		srv_reply_error(r, 500, NULL, "cannot start the update");
	else
		srv_reply_error(r, 409, NULL, "an update is already running; try again when it has ended");
	free_update_job(u);
}
