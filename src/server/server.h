/* cordon serve: the HTTP/JSON server (libmicrohttpd), driven by the CLI. */
#ifndef CORDON_SERVER_H
#define CORDON_SERVER_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
	const char *listen;        /* "ADDR:PORT"; port 0 picks a free one */
	const char *snapshot_path; /* reopened on SIGHUP or POST /v1/admin/reload */
	unsigned threads;          /* worker threads; 0 = one per core */
	const char *api_keys_path; /* one key per line; NULL = no keys needed */
	size_t max_body;           /* bytes of request body */
	size_t max_batch;          /* queries per batch request */
	unsigned timeout_s;        /* idle connection timeout */
	size_t max_inflight;       /* requests handled at once before answering 503 */
	double rate_limit;         /* requests per second per client address; 0 = none */
	FILE *access_log;          /* one JSON line per request; NULL = none */
	const char *rules_path;    /* rules pack of POST /v1/check, reloaded with the snapshot; NULL = none */
	const char *store_path;    /* the store of /v1/parties, cases, decisions, audit; NULL = they answer 404 */
	const char *update_config; /* POST /v1/admin/update's configuration (update.conf); NULL = it answers 503 */
	const char *lists_dir;     /* and its lists folder (downloads, update-state.json) */
} srv_config;

#define SRV_DEFAULT_MAX_BODY (1u << 20)
#define SRV_DEFAULT_MAX_BATCH 1000
#define SRV_DEFAULT_TIMEOUT_S 30
#define SRV_DEFAULT_MAX_INFLIGHT 1024

/*
 * Serves until SIGTERM or SIGINT (finishing the requests in flight); SIGHUP reloads the
 * snapshot. Prints "cordon: listening on http://ADDR:PORT" to stderr once ready.
 * Returns 0, or 1 when the server could not start (reason on stderr).
 */
int srv_run(const srv_config *config);

#endif
