/* yente-compatible routes (POST /match/{dataset}, GET /search/{dataset}, ...): see docs/server.md. */
#include "server/internal.h"

const srv_route srv_yente_routes[] = {
	{NULL, NULL, NULL, 0},
};
