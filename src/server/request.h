/* The request record shared by http.c (what handlers see) and server.c (the daemon). */
#ifndef CORDON_SERVER_REQUEST_H
#define CORDON_SERVER_REQUEST_H

#include <microhttpd.h>
#include <time.h>

#include "server/internal.h"

struct srv_request {
	srv_server *server;
	struct MHD_Connection *conn;
	const char *method, *url;
	srv_route_entry *entry; /* NULL when no route matched */
	char *params[SRV_MAX_PARAMS];
	char *body;
	size_t body_len, body_cap;
	int body_too_large, replied;
	int deferred; /* answered later by another thread (srv_reply_later) */
	unsigned status;
	struct timespec start;
	srv_snapshot *snap;
	char *headers[8][2];
	size_t header_count;
};

#endif
