/* Keeping the served lists current over HTTP: the list diff, an update, monitoring (docs/server.md). */
#ifndef CORDON_SERVER_ROUTES_OPS_H
#define CORDON_SERVER_ROUTES_OPS_H

#include "server/http.h"

void srv_v1_diff(srv_request *r);         /* GET /v1/diff (routes_diff.c) */
void srv_v1_admin_update(srv_request *r); /* POST /v1/admin/update (routes_update.c) */
void srv_v1_monitor(srv_request *r);      /* POST /v1/monitor (routes_monitor.c) */

/* A query-string flag: absent is 0; "true"/"1" 1, "false"/"0" 0; anything else answers 400 and gives -1. */
int srv_flag_arg(srv_request *r, const char *name);

#endif
