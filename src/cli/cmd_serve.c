/* cordon serve: the HTTP/JSON API (src/server/). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "server/server.h"
#include "store/store.h"
#include "update/update.h"

static const char serve_usage[] =
	"usage: cordon serve [options]\n"
	"  --listen ADDR:PORT   where to listen (default 127.0.0.1:8080; port 0 picks a free one)\n"
	"  --snapshot FILE      snapshot to serve (default: the bundled lists); reopened on SIGHUP\n"
	"                       or POST /v1/admin/reload, the old one serving until the new one is verified\n"
	"  --rules PACK         rules pack for POST /v1/check (default: data/rules/default.json when it\n"
	"                       exists; \"none\" for none), reloaded with the snapshot\n"
	"  --threads N          worker threads (default: one per core)\n"
	"  --api-keys FILE      require one of these keys (one per line) in X-API-Key or\n"
	"                       Authorization: Bearer on every route but /healthz, /readyz and /metrics\n"
	"  --max-body BYTES     largest request body (default 1048576)\n"
	"  --max-batch N        most queries in one batch request (default 1000)\n"
	"  --timeout SECONDS    idle connection timeout (default 30)\n"
	"  --max-inflight N     requests handled at once before answering 503 (default 1024)\n"
	"  --rate-limit R       requests per second per client address before answering 429 (default none)\n"
	"  --access-log FILE    one JSON line per request (default: standard output; \"none\" for none)\n"
	"  --store FILE         serve the store (docs/store.md) under /v1/parties, /v1/cases, /v1/decisions\n"
	"                       and /v1/audit, and monitor it with POST /v1/monitor (default: none, those\n"
	"                       routes answer 404)\n"
	"  --update-config FILE POST /v1/admin/update runs cordon update with this configuration for the\n"
	"                       served snapshot, then reloads it (default: data/update.conf when the served\n"
	"                       snapshot is the one cordon update replaces; \"none\" for none: 503)\n"
	"  --lists-dir DIR      the update's lists folder (default: as cordon update's --dir)\n"
	"Stops on SIGTERM or SIGINT after finishing the requests in flight.\n";

static int number_option(const char *v, unsigned long long min, unsigned long long max, unsigned long long *out)
{
	char *end;
	unsigned long long n = strtoull(v, &end, 10);
	if (*end || n < min || n > max || v[0] == '-')
		return -1;
	*out = n;
	return 0;
}

static int parse_number(int argc, char **argv, int *i, srv_config *c, int *matched)
{
	static const struct {
		const char *name;
		unsigned long long min, max;
	} opts[] = {{"--threads", 1, 1024}, {"--max-body", 1024, 1ull << 30}, {"--max-batch", 1, 100000},
	            {"--timeout", 1, 3600}, {"--max-inflight", 1, 1000000}};
	for (size_t k = 0; k < sizeof(opts) / sizeof(*opts); k++) {
		const char *v = cli_option(argc, argv, i, opts[k].name);
		if (!v)
			continue;
		unsigned long long n;
		*matched = 1;
		if (number_option(v, opts[k].min, opts[k].max, &n) != 0)
			return -1;
		if (k == 0)
			c->threads = (unsigned)n;
		else if (k == 1)
			c->max_body = (size_t)n;
		else if (k == 2)
			c->max_batch = (size_t)n;
		else if (k == 3)
			c->timeout_s = (unsigned)n;
		else
			c->max_inflight = (size_t)n;
		return 0;
	}
	return 0;
}

static int parse_options(int argc, char **argv, srv_config *c, const char **log_path)
{
	const char *v;
	for (int i = 1; i < argc; i++) {
		int matched = 0;
		if (parse_number(argc, argv, &i, c, &matched) != 0)
			return cli_usage("a number option is out of range", serve_usage);
		if (matched)
			continue;
		if ((v = cli_option(argc, argv, &i, "--listen")))
			c->listen = v;
		else if ((v = cli_option(argc, argv, &i, "--snapshot")))
			c->snapshot_path = v;
		else if ((v = cli_option(argc, argv, &i, "--rules")))
			c->rules_path = v;
		else if ((v = cli_option(argc, argv, &i, "--store")))
			c->store_path = v;
		else if ((v = cli_option(argc, argv, &i, "--update-config")))
			c->update_config = v;
		else if ((v = cli_option(argc, argv, &i, "--lists-dir")))
			c->lists_dir = v;
		else if ((v = cli_option(argc, argv, &i, "--api-keys")))
			c->api_keys_path = v;
		else if ((v = cli_option(argc, argv, &i, "--access-log")))
			*log_path = v;
		else if ((v = cli_option(argc, argv, &i, "--rate-limit"))) {
			char *end;
			c->rate_limit = strtod(v, &end);
			if (*end || !(c->rate_limit > 0))
				return cli_usage("--rate-limit must be a positive number", serve_usage);
		} else if (strcmp(argv[i], "--help") == 0) {
			printf("%s", serve_usage);
			exit(CLI_OK);
		} else
			return cli_usage("unknown option", serve_usage);
	}
	return CLI_OK;
}

/* An explicit pack must load or the server does not start; the bundled one is used when present. */
static void choose_rules(srv_config *c)
{
	if (c->rules_path && strcmp(c->rules_path, "none") == 0) {
		c->rules_path = NULL;
	} else if (!c->rules_path) {
		c->rules_path = cli_default_rules_path();
		if (access(c->rules_path, R_OK) != 0) {
			fprintf(stderr, "cordon: no rules pack at %s: POST /v1/check will answer 503\n", c->rules_path);
			c->rules_path = NULL;
		}
	}
}

/* Whether two paths name the same existing file. */
static int same_file(const char *a, const char *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];
	return realpath(a, ra) && realpath(b, rb) && strcmp(ra, rb) == 0;
}

/*
 * POST /v1/admin/update's configuration: the one given, else data/update.conf when the served
 * snapshot is the one `cordon update` replaces (so the two agree on the lists folder); it is read
 * now so that a configuration that cannot be used stops the start.
 */
static int choose_update_config(srv_config *c, char *buf, size_t size)
{
	if (!c->lists_dir)
		c->lists_dir = cli_lists_dir();
	if (c->update_config && strcmp(c->update_config, "none") == 0) {
		c->update_config = NULL;
		return CLI_OK;
	}
	if (!c->update_config) {
		snprintf(buf, size, "%s/update.conf", cli_data_dir());
		if (!same_file(c->snapshot_path, cli_update_snapshot_path()) || access(buf, R_OK) != 0)
			return CLI_OK;
		c->update_config = buf;
	}
	cupd_config cfg;
	if (cupd_config_load(c->update_config, &cfg) != 0)
		return cli_fail("--update-config", CORDON_EINVALID);
	cupd_config_dispose(&cfg);
	return CLI_OK;
}

int cmd_serve(int argc, char **argv)
{
	srv_config c = {"127.0.0.1:8080", NULL, 0, NULL, SRV_DEFAULT_MAX_BODY, SRV_DEFAULT_MAX_BATCH,
	                SRV_DEFAULT_TIMEOUT_S, SRV_DEFAULT_MAX_INFLIGHT, 0.0, stdout, NULL, NULL, NULL, NULL};
	const char *log_path = NULL;
	store *st;
	int rc = parse_options(argc, argv, &c, &log_path);
	if (rc)
		return rc;
	choose_rules(&c);
	if (c.store_path && cli_open_store(c.store_path, &st) == CLI_OK)
		store_close(st); /* created and migrated now, so that a store it cannot use stops the start */
	else if (c.store_path)
		return CLI_ERROR;
	if (!c.snapshot_path) { /* the default snapshot, built first when missing or stale */
		cordon_snapshot *snap;
		if ((rc = cli_open_snapshot(NULL, &snap)) != CLI_OK)
			return rc;
		cordon_snapshot_free(snap);
		c.snapshot_path = cli_default_snapshot_path();
	}
	char update_conf[PATH_MAX];
	if ((rc = choose_update_config(&c, update_conf, sizeof(update_conf))) != CLI_OK)
		return rc;
	FILE *log = NULL;
	if (log_path && strcmp(log_path, "none") == 0)
		c.access_log = NULL;
	else if (log_path && strcmp(log_path, "-") != 0) {
		if (!(log = fopen(log_path, "a"))) {
			fprintf(stderr, "cordon: %s: cannot open the access log\n", log_path);
			return CLI_ERROR;
		}
		c.access_log = log;
	}
	rc = srv_run(&c) == 0 ? CLI_OK : CLI_ERROR;
	if (log)
		fclose(log);
	return rc;
}
