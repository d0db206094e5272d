/* Request counters and latency histograms per route, in Prometheus text format. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "server/internal.h"

const double srv_bucket_bounds[SRV_BUCKETS] = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                               0.025,  0.05,    0.1,    0.25,  0.5,    1.0,  2.5};

void srv_stats_observe(srv_route_stats *s, unsigned status, uint64_t latency_us)
{
	unsigned cls = status / 100 < 6 ? status / 100 : 5;
	atomic_fetch_add(&s->by_class[cls], 1);
	atomic_fetch_add(&s->count, 1);
	atomic_fetch_add(&s->sum_us, latency_us);
	for (size_t b = 0; b < SRV_BUCKETS; b++)
		if ((double)latency_us / 1e6 <= srv_bucket_bounds[b]) {
			atomic_fetch_add(&s->buckets[b], 1);
			break; /* cumulated when written out */
		}
}

static void route_lines(FILE *f, const char *method, const char *route, srv_route_stats *s)
{
	static const char *const classes[6] = {"0xx", "1xx", "2xx", "3xx", "4xx", "5xx"};
	for (int c = 1; c < 6; c++) {
		unsigned long n = atomic_load(&s->by_class[c]);
		if (n)
			fprintf(f, "cordon_http_requests_total{method=\"%s\",route=\"%s\",status=\"%s\"} %lu\n", method, route,
			        classes[c], n);
	}
	unsigned long cumulative = 0, count = atomic_load(&s->count);
	if (!count)
		return;
	for (size_t b = 0; b < SRV_BUCKETS; b++) {
		cumulative += atomic_load(&s->buckets[b]);
		fprintf(f, "cordon_http_request_duration_seconds_bucket{method=\"%s\",route=\"%s\",le=\"%g\"} %lu\n", method,
		        route, srv_bucket_bounds[b], cumulative);
	}
	fprintf(f, "cordon_http_request_duration_seconds_bucket{method=\"%s\",route=\"%s\",le=\"+Inf\"} %lu\n", method,
	        route, count);
	fprintf(f, "cordon_http_request_duration_seconds_sum{method=\"%s\",route=\"%s\"} %.6f\n", method, route,
	        (double)atomic_load(&s->sum_us) / 1e6);
	fprintf(f, "cordon_http_request_duration_seconds_count{method=\"%s\",route=\"%s\"} %lu\n", method, route, count);
}

static void snapshot_lines(FILE *f, srv_server *s)
{
	srv_snapshot *snap = srv_holder_acquire(&s->holder);
	long long now = (long long)time(NULL);
	fprintf(f, "# HELP cordon_snapshot_age_seconds Time since the snapshot being served was built.\n"
	           "# TYPE cordon_snapshot_age_seconds gauge\ncordon_snapshot_age_seconds %lld\n",
	        now - (long long)snap->info.created_unix);
	fprintf(f, "# HELP cordon_snapshot_bytes Size of the snapshot file being served.\n"
	           "# TYPE cordon_snapshot_bytes gauge\ncordon_snapshot_bytes %llu\n",
	        (unsigned long long)snap->info.file_bytes);
	fprintf(f, "# HELP cordon_snapshot_entities Entities in the snapshot being served.\n"
	           "# TYPE cordon_snapshot_entities gauge\ncordon_snapshot_entities %zu\n",
	        cordon_snapshot_entity_count(snap->snap));
	fprintf(f, "# HELP cordon_snapshot_generation Snapshots loaded since start (1 = the first).\n"
	           "# TYPE cordon_snapshot_generation counter\ncordon_snapshot_generation %llu\n",
	        (unsigned long long)snap->generation);
	fprintf(f, "# HELP cordon_snapshot_reload_failures_total Reloads refused because the file was unusable.\n"
	           "# TYPE cordon_snapshot_reload_failures_total counter\ncordon_snapshot_reload_failures_total %lu\n",
	        atomic_load(&s->holder.failed_reloads));
	srv_snapshot_release(snap);
	fprintf(f, "# HELP cordon_http_requests_in_flight Requests being handled.\n"
	           "# TYPE cordon_http_requests_in_flight gauge\ncordon_http_requests_in_flight %ld\n",
	        atomic_load(&s->inflight));
	fprintf(f, "# HELP cordon_uptime_seconds Time since the server started.\n"
	           "# TYPE cordon_uptime_seconds gauge\ncordon_uptime_seconds %lld\n",
	        now - (long long)s->started_unix);
}

char *srv_metrics_text(srv_server *s, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);
	if (!f)
		return NULL;
	fprintf(f, "# HELP cordon_http_requests_total Requests answered, by route and status class.\n"
	           "# TYPE cordon_http_requests_total counter\n"
	           "# HELP cordon_http_request_duration_seconds Time from the request's arrival to its answer.\n"
	           "# TYPE cordon_http_request_duration_seconds histogram\n");
	for (size_t i = 0; i < s->route_count; i++)
		route_lines(f, s->routes[i].route->method, s->routes[i].route->pattern, &s->routes[i].stats);
	route_lines(f, "any", "unmatched", &s->unmatched);
	snapshot_lines(f, s);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}
