/*
 * GET /v1/diff: what changed between the snapshot `cordon update` kept when it last replaced the
 * served file (SNAPSHOT.previous, beside it) and the snapshot being served, as `cordon diff --json`
 * reports it. Only those two server-side files are ever compared: a client names no path.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diff/diff.h"
#include "server/internal.h"
#include "server/routes_ops.h"
#include "update/update.h"

int srv_flag_arg(srv_request *r, const char *name)
{
	const char *v = srv_arg(r, name);
	if (!v || strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
		return 0;
	if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0 || !*v)
		return 1;
	srv_reply_error(r, 400, name, "%s is true or false", name);
	return -1;
}

/* The kept previous snapshot, or NULL after answering 404 (none) or 409 (unusable). */
static cordon_snapshot *open_previous(srv_request *r, char *path, size_t size)
{
	snprintf(path, size, "%s%s", srv_of(r)->holder.path, CUPD_PREVIOUS_SUFFIX);
	cordon_snapshot *old = NULL;
	if (access(path, F_OK) != 0) {
		srv_reply_error(r, 404, NULL,
		                "nothing to compare with: there is no %s (cordon update keeps the snapshot it replaces there)",
		                path);
		return NULL;
	}
	if (cordon_snapshot_open(&old, path) != 0) {
		srv_reply_error(r, 409, NULL, "the previous snapshot cannot be used: %s", cordon_last_error());
		return NULL;
	}
	return old;
}

/* Whether either snapshot has entities of the dataset; answers 404 when neither has. */
static int dataset_known(srv_request *r, const cordon_snapshot *old, const char *dataset)
{
	if (cordon_snapshot_count(srv_snap(r)->snap, dataset, -1) > 0 || cordon_snapshot_count(old, dataset, -1) > 0)
		return 1;
	srv_reply_error(r, 404, "dataset", "no such dataset in either snapshot: %.200s", dataset);
	return 0;
}

static void reply_diff(srv_request *r, const cordon_snapshot *old, const char *old_label, const cdiff_options *opt,
                       int summary)
{
	cdiff_result res;
	char *json = NULL;
	int rc = cdiff_compute(old, srv_snap(r)->snap, opt, &res);
	if (!rc) {
		if (summary)
			res.count = 0; /* the counts, no entities: as cordon diff --summary */
		rc = cdiff_to_json(&res, old_label, srv_of(r)->holder.path, &json);
		cdiff_result_dispose(&res);
	}
	if (rc)
		srv_reply_error(r, 500, NULL, "the diff failed: %s", cordon_last_error());
	else
		srv_reply_text(r, 200, "application/json", json, strlen(json));
	free(json);
}

void srv_v1_diff(srv_request *r)
{
	int summary = srv_flag_arg(r, "summary"), match_fields = summary < 0 ? -1 : srv_flag_arg(r, "match_fields");
	if (summary < 0 || match_fields < 0)
		return;
	cdiff_options opt = {match_fields ? CDIFF_MATCH_FIELDS : 0, srv_arg(r, "dataset"), 0};
	char path[PATH_MAX + 16];
	cordon_snapshot *old = open_previous(r, path, sizeof(path));
	if (old && (!opt.dataset || dataset_known(r, old, opt.dataset)))
		reply_diff(r, old, path, &opt, summary);
	cordon_snapshot_free(old);
}
