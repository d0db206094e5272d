/* What the server's files share: the server object, metrics, keys and the route tables. */
#ifndef CORDON_SERVER_INTERNAL_H
#define CORDON_SERVER_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "server/holder.h"
#include "server/http.h"
#include "server/job.h"
#include "server/server.h"

/* Latency histogram bounds in seconds (Prometheus "le"). */
#define SRV_BUCKETS 14
extern const double srv_bucket_bounds[SRV_BUCKETS];

typedef struct {
	atomic_ulong by_class[6]; /* index status / 100 */
	atomic_ulong buckets[SRV_BUCKETS];
	atomic_ulong count, sum_us;
} srv_route_stats;

typedef struct {
	char **keys;
	size_t count;
} srv_keys;

int srv_keys_load(srv_keys *k, const char *path, char *err, size_t errsize);
/* The key a client presented: X-API-Key, Authorization: Bearer or ApiKey, or ?api_key=; NULL if none. */
const char *srv_presented_key(srv_request *r);
/* Whether presented equals one of the keys, in time that does not depend on where they differ. */
int srv_keys_check(const srv_keys *k, const char *presented);
void srv_keys_free(srv_keys *k);

typedef struct {
	const srv_route *route;
	srv_route_stats stats;
} srv_route_entry;

struct srv_server {
	srv_config config;
	srv_holder holder;
	srv_keys keys;
	srv_route_entry *routes;
	size_t route_count;
	srv_route_stats unmatched; /* 404 and 405 */
	atomic_long inflight;
	int64_t started_unix;
	pthread_mutex_t log_lock;
	struct srv_rate *rate; /* per-client token buckets, or NULL */
	srv_job update_job, monitor_job; /* POST /v1/admin/update, POST /v1/monitor: one of each at a time */
};

void srv_stats_observe(srv_route_stats *s, unsigned status, uint64_t latency_us);
/* The Prometheus text exposition of every counter (malloc'd). */
char *srv_metrics_text(srv_server *s, size_t *len);

/* Route tables, each ended by a {NULL} entry. */
extern const srv_route srv_system_routes[];
extern const srv_route srv_v1_routes[];
extern const srv_route srv_yente_routes[];
extern const srv_route srv_reconcile_routes[];

#endif
