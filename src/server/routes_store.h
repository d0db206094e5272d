/* The store's routes under /v1 (routes_store.c), listed in routes_v1.c's table; docs/store.md. */
#ifndef CORDON_SERVER_ROUTES_STORE_H
#define CORDON_SERVER_ROUTES_STORE_H

#include "server/http.h"

void srv_v1_parties_import(srv_request *r); /* POST /v1/parties: a CSV party file */
void srv_v1_parties_screen(srv_request *r); /* POST /v1/parties/screen */
void srv_v1_cases(srv_request *r);          /* GET /v1/cases */
void srv_v1_decide(srv_request *r);         /* POST /v1/decisions */
void srv_v1_audit_verify(srv_request *r);   /* GET /v1/audit/verify */
void srv_v1_audit_export(srv_request *r);   /* GET /v1/audit/export */

#endif
