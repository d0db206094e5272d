/* cordon monitor: stored parties re-screened against what changed since the last run. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/monitor.h"
#include "store/store.h"

static const char monitor_usage[] =
	"usage: cordon monitor [--store FILE] [--old SNAPSHOT] [--new SNAPSHOT] [--threshold T]\n"
	"  Screens every stored party against only the entities added or changed between OLD and NEW\n"
	"  (default NEW: the default snapshot; default OLD: the snapshot the store last monitored\n"
	"  against, kept as STORE.monitor-CHECKSUM.cordonsnap; none yet: every party against all of NEW).\n"
	"  Prints each new potential hit and records it as a screening; then remembers NEW.\n";

typedef struct {
	const char *store_file, *old_file, *new_file;
	double threshold;
} monitor_args;

static int parse(int argc, char **argv, monitor_args *a)
{
	const char *v;
	for (int i = 1; i < argc; i++) {
		if ((v = cli_option(argc, argv, &i, "--store")))
			a->store_file = v;
		else if ((v = cli_option(argc, argv, &i, "--old")))
			a->old_file = v;
		else if ((v = cli_option(argc, argv, &i, "--new")))
			a->new_file = v;
		else if ((v = cli_option(argc, argv, &i, "--threshold"))) {
			char *end;
			a->threshold = strtod(v, &end);
			if (*end || a->threshold <= 0 || a->threshold > 1)
				return cli_usage("--threshold must be in (0, 1]", monitor_usage);
		} else if (strcmp(argv[i], "--help") == 0) {
			fputs(monitor_usage, stdout);
			return -1;
		} else
			return cli_usage("unknown argument", monitor_usage);
	}
	return CLI_OK;
}

/* payload: non-NULL on a first run, where every open hit is a hit but not necessarily a new one */
static void print_hit(const store_party *p, const store_screening *sc, const store_hit *h, void *payload)
{
	if (strcmp(h->status, "open") == 0)
		printf("%s  screening %lld  party %s (%s)  %s %s  score %.4f\n", payload ? "hit" : "new hit",
		       (long long)sc->id, p->external_id, p->name, h->entity_id, h->entity_name ? h->entity_name : "",
		       h->score);
}

/* The snapshot the store last monitored against, or NULL (first run, or its copy is gone). */
static cordon_snapshot *remembered(store *s, char **path_out)
{
	char *path = NULL;
	cordon_snapshot *snap = NULL;
	*path_out = NULL;
	if (store_meta_get(s, STORE_MONITOR_SNAPSHOT_KEY, &path) != 0)
		return NULL;
	if (cordon_snapshot_open(&snap, path) != 0) {
		fprintf(stderr, "cordon: monitor: the last monitored snapshot %s cannot be opened (%s): screening every "
		        "party against the new one\n", path, cordon_last_error());
		free(path);
		return NULL;
	}
	*path_out = path;
	return snap;
}

static const char *checksum_of(const cordon_snapshot *snap, char buf[17])
{
	cordon_snapshot_info info;
	if (cordon_snapshot_get_info(snap, &info) != 0)
		return NULL;
	memcpy(buf, info.checksum, 17);
	return buf;
}

static void report(const store_monitor_result *r, const char *old_sum, const char *new_sum)
{
	if (r->full)
		printf("monitored %llu parties against all %zu entities of %s (no earlier snapshot): %llu open hits\n",
		       (unsigned long long)r->screen.parties, r->changed, new_sum, (unsigned long long)r->screen.open);
	else
		printf("monitored %llu parties against %zu entities added or changed (%s -> %s): %llu new potential hits, "
		       "%llu cleared by the allow-list\n",
		       (unsigned long long)r->screen.parties, r->changed, old_sum, new_sum,
		       (unsigned long long)r->screen.open, (unsigned long long)r->screen.cleared);
}

static int monitor(store *s, const monitor_args *a, cordon_snapshot *new_snap, cordon_snapshot *old_snap,
                   const char *old_path)
{
	char new_sum[17], old_sum[17] = "", kept[PATH_MAX + 64];
	if (!checksum_of(new_snap, new_sum) || (old_snap && !checksum_of(old_snap, old_sum)))
		return cli_fail("monitor", CORDON_ERROR);
	store_monitor_options opt = {old_snap, new_snap, a->threshold, 0, print_hit, old_snap ? NULL : (void *)s};
	store_monitor_result res = {0};
	int rc = old_snap && strcmp(old_sum, new_sum) == 0 ? 0 : store_monitor(s, &opt, &res);
	if (rc)
		return cli_fail("monitor", rc);
	const char *new_file = a->new_file ? a->new_file : cli_default_snapshot_path();
	if ((rc = store_monitor_keep(store_path(s), new_file, new_sum, kept, sizeof(kept))) != 0)
		return cli_fail("monitor", rc);
	rc = store_monitor_record(s, old_snap ? old_sum : NULL, new_sum, kept, &res);
	if (rc)
		return cli_fail("monitor", rc);
	if (old_path && strcmp(old_path, kept) != 0)
		unlink(old_path); /* the previous kept copy; the new one is remembered now */
	if (old_snap && strcmp(old_sum, new_sum) == 0)
		printf("no change since the last run (%s)\n", new_sum);
	else
		report(&res, old_sum, new_sum);
	return CLI_OK;
}

int cmd_monitor(int argc, char **argv)
{
	monitor_args a = {0};
	int rc = parse(argc, argv, &a);
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	cordon_snapshot *new_snap = NULL, *old_snap = NULL;
	if (cli_open_snapshot(a.new_file, &new_snap))
		return CLI_ERROR;
	store *s;
	if (cli_open_store(a.store_file, &s)) {
		cordon_snapshot_free(new_snap);
		return CLI_ERROR;
	}
	char *old_path = NULL;
	if (a.old_file && cordon_snapshot_open(&old_snap, a.old_file) != 0)
		rc = cli_fail("cannot open the old snapshot", CORDON_ERROR);
	else if (!a.old_file)
		old_snap = remembered(s, &old_path);
	else if (store_meta_get(s, STORE_MONITOR_SNAPSHOT_KEY, &old_path) != 0)
		old_path = NULL; /* nothing remembered to replace */
	if (!rc)
		rc = monitor(s, &a, new_snap, old_snap, old_path);
	free(old_path);
	store_close(s);
	cordon_snapshot_free(old_snap);
	cordon_snapshot_free(new_snap);
	return rc;
}
