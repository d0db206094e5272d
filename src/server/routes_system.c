/* Liveness, readiness and metrics. */
#include <stdlib.h>

#include "server/internal.h"

static void healthz(srv_request *r)
{
	srv_reply_json(r, 200, json_pack("{s:s}", "status", "ok"));
}

/* Ready when a snapshot is loaded and answers a lookup (the holder never lets it be missing). */
static void readyz(srv_request *r)
{
	srv_snapshot *s = srv_snap(r);
	if (!s || cordon_snapshot_entity_count(s->snap) == 0) {
		srv_reply_json(r, 503, json_pack("{s:s,s:s}", "status", "unavailable", "detail", "Index not ready."));
		return;
	}
	srv_reply_json(r, 200, json_pack("{s:s,s:I,s:I}", "status", "ok", "entities",
	                                 (json_int_t)cordon_snapshot_entity_count(s->snap), "snapshot_generation",
	                                 (json_int_t)s->generation));
}

static void metrics(srv_request *r)
{
	size_t len;
	char *text = srv_metrics_text(srv_of(r), &len);
	if (!text) {
		srv_reply_error(r, 500, "", "out of memory");
		return;
	}
	srv_reply_text(r, 200, "text/plain; version=0.0.4", text, len);
	free(text);
}

const srv_route srv_system_routes[] = {
	{"GET", "/healthz", healthz, SRV_OPEN},
	{"GET", "/readyz", readyz, SRV_OPEN},
	{"GET", "/metrics", metrics, SRV_OPEN},
	{NULL, NULL, NULL, 0},
};
