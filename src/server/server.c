/* The daemon: routing each request, the checks every route shares, counting, logging, signals. */
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "server/internal.h"
#include "server/rate.h"
#include "server/request.h"

/* ---- routing ---- */

/* Matches path against pattern, filling r->params from its {name} segments. */
static int route_matches(const char *pattern, const char *path, srv_request *r)
{
	size_t p = 0;
	while (*pattern && *path) {
		if (*pattern != '/' || *path != '/')
			return 0;
		pattern++, path++;
		const char *pe = strchr(pattern, '/'), *se = strchr(path, '/');
		size_t pl = pe ? (size_t)(pe - pattern) : strlen(pattern), sl = se ? (size_t)(se - path) : strlen(path);
		if (pl > 1 && pattern[0] == '{') {
			if (sl == 0 || p == SRV_MAX_PARAMS)
				return 0;
			free(r->params[p]);
			r->params[p++] = strndup(path, sl);
		} else if (pl != sl || memcmp(pattern, path, pl) != 0) {
			return 0;
		}
		pattern += pl, path += sl;
	}
	return *pattern == '\0' && (*path == '\0' || strcmp(path, "/") == 0);
}

/* The route for the request; *path_known says whether another method would have matched. */
static srv_route_entry *find_route(srv_server *s, srv_request *r, int *path_known)
{
	*path_known = 0;
	for (size_t i = 0; i < s->route_count; i++) {
		if (!route_matches(s->routes[i].route->pattern, r->url, r))
			continue;
		if (strcmp(s->routes[i].route->method, r->method) == 0 ||
		    (strcmp(r->method, "HEAD") == 0 && strcmp(s->routes[i].route->method, "GET") == 0))
			return &s->routes[i];
		*path_known = 1;
	}
	return NULL;
}

/* ---- checks before the handler ---- */

const char *srv_presented_key(srv_request *r)
{
	const char *k = srv_header(r, "X-API-Key");
	if (k)
		return k;
	const char *auth = srv_header(r, "Authorization");
	if (auth && strncasecmp(auth, "Bearer ", 7) == 0)
		return auth + 7;
	if (auth && strncasecmp(auth, "ApiKey ", 7) == 0)
		return auth + 7;
	return srv_arg(r, "api_key");
}

static int json_content_type(const char *ct)
{
	if (!ct || !*ct)
		return 1; /* curl --data-binary without -H, and yente's clients */
	size_t n = strcspn(ct, ";");
	while (n && ct[n - 1] == ' ')
		n--;
	return (n == 16 && strncasecmp(ct, "application/json", 16) == 0) ||
	       (n > 5 && strncasecmp(ct + n - 5, "+json", 5) == 0);
}

static const struct sockaddr *client_address(srv_request *r)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	return ci ? ci->client_addr : NULL;
}

/* A refusal in the error shape the route's clients read: yente's {"detail"} or the native error object. */
static void refuse(srv_request *r, unsigned status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void refuse(srv_request *r, unsigned status, const char *fmt, ...)
{
	char message[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	if (r->entry && (r->entry->route->flags & SRV_DETAIL_ERRORS))
		srv_reply_detail(r, status, "%s", message);
	else
		srv_reply_error(r, status, "", "%s", message);
}

/* Answers the request itself when a shared check fails; returns whether it did. */
static int refused(srv_server *s, srv_request *r, int path_known)
{
	if (!r->entry) {
		if (path_known)
			srv_reply_error(r, 405, "", "%s is not allowed on %s", r->method, r->url);
		else
			srv_reply_error(r, 404, "", "no such route: %s", r->url);
		return 1;
	}
	if (atomic_load(&s->inflight) > (long)s->config.max_inflight) {
		srv_reply_header(r, "Retry-After", "1");
		refuse(r, 503, "the server is busy; retry shortly");
		return 1;
	}
	if (s->rate && !srv_rate_allow(s->rate, client_address(r))) {
		srv_reply_header(r, "Retry-After", "1");
		refuse(r, 429, "too many requests from this address; the limit is %g per second", s->config.rate_limit);
		return 1;
	}
	const char *key = srv_presented_key(r);
	if ((r->entry->route->flags & SRV_AUTH) && s->keys.count && !srv_keys_check(&s->keys, key)) {
		srv_reply_header(r, "WWW-Authenticate", "Bearer");
		refuse(r, 401, key ? "the API key is not valid" : "an API key is required (X-API-Key or Authorization: Bearer)");
		return 1;
	}
	if ((r->entry->route->flags & SRV_JSON_BODY) && !json_content_type(srv_header(r, "Content-Type"))) {
		refuse(r, 415, "the body must be JSON (Content-Type: application/json), not %s", srv_header(r, "Content-Type"));
		return 1;
	}
	const char *cl = srv_header(r, "Content-Length");
	if (cl && strtoull(cl, NULL, 10) > s->config.max_body) {
		refuse(r, 413, "the body is larger than %zu bytes", s->config.max_body);
		return 1;
	}
	return 0;
}

/* ---- the access handler ---- */

static void preflight(srv_request *r)
{
	srv_reply_header(r, "Access-Control-Allow-Methods", "GET, POST, OPTIONS");
	srv_reply_header(r, "Access-Control-Allow-Headers", "Content-Type, Authorization, X-API-Key");
	srv_reply_header(r, "Access-Control-Max-Age", "86400");
	srv_reply_text(r, 204, NULL, "", 0);
}

static srv_request *begin(srv_server *s, struct MHD_Connection *conn, const char *url, const char *method)
{
	srv_request *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->server = s;
	r->conn = conn;
	r->url = url;
	r->method = method;
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	atomic_fetch_add(&s->inflight, 1);
	return r;
}

static void take_body(srv_request *r, const char *data, size_t len)
{
	size_t max = r->server->config.max_body;
	if (r->body_too_large || r->body_len + len > max) {
		r->body_too_large = 1;
		return;
	}
	if (r->body_len + len + 1 > r->body_cap) {
		size_t cap = r->body_cap ? r->body_cap : 4096;
		while (cap < r->body_len + len + 1)
			cap *= 2;
		char *grown = realloc(r->body, cap);
		if (!grown) {
			r->body_too_large = 1;
			return;
		}
		r->body = grown;
		r->body_cap = cap;
	}
	memcpy(r->body + r->body_len, data, len);
	r->body_len += len;
	r->body[r->body_len] = '\0';
}

static void handle(srv_request *r)
{
	if (r->body_too_large)
		srv_reply_error(r, 413, "", "the body is larger than %zu bytes", r->server->config.max_body);
	else
		r->entry->route->handler(r);
	if (!r->deferred && !r->replied) /* deferred first: a job's thread may be answering already */
		srv_reply_error(r, 500, "", "the route gave no answer");
}

/* Routes the request and answers it itself when a shared check fails; returns whether it did. */
static int route_and_check(srv_server *s, srv_request *r)
{
	int path_known;
	r->entry = find_route(s, r, &path_known);
	return refused(s, r, path_known);
}

static int declares_body(srv_request *r)
{
	const char *cl = srv_header(r, "Content-Length");
	return srv_header(r, "Transfer-Encoding") || (cl && strtoull(cl, NULL, 10) > 0);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	srv_server *s = cls;
	(void)version;
	srv_request *r = *con_cls;
	if (!r) {
		if (!(r = *con_cls = begin(s, conn, url, method)))
			return MHD_NO;
		/*
		 * A request with a body is checked now, so that a refused body is not read (MHD then closes
		 * the connection, as it must). One without is answered on the next call, once MHD has read it
		 * to its end: an answer queued earlier makes MHD close the connection, and every GET would
		 * cost the client a new one.
		 */
		if (strcmp(method, "OPTIONS") != 0 && declares_body(r))
			route_and_check(s, r);
		return MHD_YES;
	}
	if (r->replied)
		return MHD_YES; /* the rest of the body is read and dropped */
	if (*upload_size) {
		take_body(r, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (strcmp(method, "OPTIONS") == 0)
		preflight(r);
	else if (declares_body(r) || !route_and_check(s, r))
		handle(r);
	return MHD_YES;
}

/* ---- after the answer: count, log, let go ---- */

static void access_log(srv_server *s, srv_request *r, uint64_t us)
{
	if (!s->config.access_log)
		return;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_t *line = json_pack("{s:s,s:s,s:s,s:s,s:i,s:f,s:I}", "time", when, "method", r->method, "path", r->url,
	                         "route", r->entry ? r->entry->route->pattern : "unmatched", "status", (int)r->status,
	                         "latency_ms", (double)us / 1000.0, "request_bytes", (json_int_t)r->body_len);
	char *text = line ? json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4)) : NULL;
	if (text) {
		pthread_mutex_lock(&s->log_lock);
		fprintf(s->config.access_log, "%s\n", text);
		fflush(s->config.access_log);
		pthread_mutex_unlock(&s->log_lock);
	}
	free(text);
	json_decref(line);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode why)
{
	srv_server *s = cls;
	srv_request *r = *con_cls;
	(void)conn;
	if (!r)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	uint64_t us = (uint64_t)((now.tv_sec - r->start.tv_sec) * 1000000LL + (now.tv_nsec - r->start.tv_nsec) / 1000);
	if (!r->replied)
		r->status = why == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? 408 : 499; /* the client went away */
	srv_stats_observe(r->entry ? &r->entry->stats : &s->unmatched, r->status, us);
	access_log(s, r, us);
	if (r->snap)
		srv_snapshot_release(r->snap);
	for (size_t i = 0; i < SRV_MAX_PARAMS; i++)
		free(r->params[i]);
	for (size_t i = 0; i < r->header_count; i++) {
		free(r->headers[i][0]);
		free(r->headers[i][1]);
	}
	free(r->body);
	free(r);
	*con_cls = NULL;
	atomic_fetch_sub(&s->inflight, 1);
}

/* ---- start, serve, stop ---- */

static int add_routes(srv_server *s, const srv_route *table)
{
	for (; table->method; table++) {
		srv_route_entry *grown = realloc(s->routes, (s->route_count + 1) * sizeof(*grown));
		if (!grown)
			return -1;
		s->routes = grown;
		memset(&s->routes[s->route_count], 0, sizeof(*s->routes));
		s->routes[s->route_count++].route = table;
	}
	return 0;
}

/* "HOST:PORT" ("[::1]:8080" for IPv6) to a socket address. */
static int parse_listen(const char *spec, struct sockaddr_storage *out, socklen_t *len)
{
	char host[256];
	const char *colon = strrchr(spec, ':');
	if (!colon || (size_t)(colon - spec) >= sizeof(host))
		return -1;
	memcpy(host, spec, (size_t)(colon - spec));
	host[colon - spec] = '\0';
	char *h = host;
	if (h[0] == '[' && h[strlen(h) - 1] == ']') {
		h[strlen(h) - 1] = '\0';
		h++;
	}
	struct addrinfo hints = {0}, *res;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	if (getaddrinfo(*h ? h : NULL, colon + 1, &hints, &res) != 0)
		return -1;
	memcpy(out, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

static struct MHD_Daemon *start_daemon(srv_server *s, const struct sockaddr_storage *addr)
{
	unsigned threads = s->config.threads ? s->config.threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	/* suspend and resume: long operations answer from a thread of their own (job.h) */
	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
	if (addr->ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	/* a pool only for two threads or more: one is the internal thread itself */
	struct MHD_OptionItem pool[] = {
		{threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, threads, NULL},
		{MHD_OPTION_END, 0, NULL},
	};
	return MHD_start_daemon(flags, 0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)addr,
	                        MHD_OPTION_ARRAY, pool, MHD_OPTION_CONNECTION_TIMEOUT,
	                        s->config.timeout_s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	                        MHD_OPTION_CONNECTION_LIMIT, (unsigned)(s->config.max_inflight * 2 + 64), MHD_OPTION_END);
}

static void announce(struct MHD_Daemon *d, const char *listen)
{
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[256];
	const char *colon = strrchr(listen, ':');
	snprintf(host, sizeof(host), "%.*s", (int)(colon - listen), listen);
	fprintf(stderr, "cordon: listening on http://%s:%u\n", host, info ? info->port : 0u);
	fflush(stderr);
}

/* Waits for signals: SIGHUP reloads, SIGTERM and SIGINT end the loop. */
static void serve_until_stopped(srv_server *s, const sigset_t *set)
{
	for (;;) {
		int sig;
		if (sigwait(set, &sig) != 0)
			continue;
		if (sig != SIGHUP)
			return;
		char err[512];
		if (srv_holder_reload(&s->holder, err, sizeof(err)) == 0)
			fprintf(stderr, "cordon: reloaded %s\n", s->holder.path);
		else
			fprintf(stderr, "cordon: reload refused, still serving the previous snapshot: %s\n", err);
	}
}

static void wait_for_inflight(srv_server *s, int ticks)
{
	struct timespec tick = {0, 10 * 1000 * 1000};
	for (int waited = 0; atomic_load(&s->inflight) > 0 && waited < ticks; waited++)
		nanosleep(&tick, NULL);
}

/*
 * Stops taking connections, lets the requests in flight finish (up to 10 s), answers an update or
 * monitoring run still going 503 (the daemon cannot stop with a suspended connection), stops.
 */
static void drain_and_stop(srv_server *s, struct MHD_Daemon *d)
{
	MHD_socket listen_fd = MHD_quiesce_daemon(d);
	if (listen_fd != MHD_INVALID_SOCKET)
		close(listen_fd);
	wait_for_inflight(s, 1000);
	srv_job_abandon(&s->update_job);
	srv_job_abandon(&s->monitor_job);
	wait_for_inflight(s, 100);
	MHD_stop_daemon(d);
}

static int prepare(srv_server *s, const srv_config *config)
{
	char err[512];
	memset(s, 0, sizeof(*s));
	s->config = *config;
	s->started_unix = (int64_t)time(NULL);
	pthread_mutex_init(&s->log_lock, NULL);
	srv_job_init(&s->update_job);
	srv_job_init(&s->monitor_job);
	if (config->api_keys_path && srv_keys_load(&s->keys, config->api_keys_path, err, sizeof(err)) != 0) {
		fprintf(stderr, "cordon: %s\n", err);
		return -1;
	}
	if (config->rate_limit > 0 && !(s->rate = srv_rate_new(config->rate_limit)))
		return -1;
	if (add_routes(s, srv_system_routes) || add_routes(s, srv_v1_routes) || add_routes(s, srv_yente_routes) ||
	    add_routes(s, srv_reconcile_routes))
		return -1;
	if (srv_holder_init(&s->holder, config->snapshot_path, config->rules_path, err, sizeof(err)) != 0) {
		fprintf(stderr, "cordon: cannot serve: %s\n", err);
		return -1;
	}
	return 0;
}

static void dispose(srv_server *s)
{
	srv_job_dispose(&s->update_job); /* waits for a run still going: it uses the holder */
	srv_job_dispose(&s->monitor_job);
	if (s->holder.current)
		srv_holder_dispose(&s->holder);
	srv_keys_free(&s->keys);
	srv_rate_free(s->rate);
	free(s->routes);
	pthread_mutex_destroy(&s->log_lock);
}

int srv_run(const srv_config *config)
{
	srv_server *s = malloc(sizeof(*s));
	struct sockaddr_storage addr;
	socklen_t addr_len;
	if (!s)
		return 1;
	if (parse_listen(config->listen, &addr, &addr_len) != 0) {
		fprintf(stderr, "cordon: --listen %s: expected ADDRESS:PORT, e.g. 127.0.0.1:8080\n", config->listen);
		free(s);
		return 1;
	}
	if (prepare(s, config) != 0) {
		dispose(s);
		free(s);
		return 1;
	}
	/* the worker threads inherit this mask: the signals come to sigwait here */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct MHD_Daemon *d = start_daemon(s, &addr);
	if (!d) {
		fprintf(stderr, "cordon: cannot listen on %s: %s\n", config->listen, strerror(errno));
		dispose(s);
		free(s);
		return 1;
	}
	announce(d, config->listen);
	serve_until_stopped(s, &set);
	fprintf(stderr, "cordon: stopping: finishing the requests in flight\n");
	drain_and_stop(s, d);
	dispose(s);
	free(s);
	return 0;
}
