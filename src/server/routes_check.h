/* POST /v1/check: a shipment checked as `cordon check` does, with the served snapshot and rules pack. */
#ifndef CORDON_SERVER_ROUTES_CHECK_H
#define CORDON_SERVER_ROUTES_CHECK_H

#include "server/http.h"

void srv_v1_check(srv_request *r);

#endif
