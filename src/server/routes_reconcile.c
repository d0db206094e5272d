/* The W3C Reconciliation Service API v0.2 (OpenRefine): see docs/server.md. */
#include "server/internal.h"

const srv_route srv_reconcile_routes[] = {
	{NULL, NULL, NULL, 0},
};
