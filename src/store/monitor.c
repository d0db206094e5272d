/*
 * Ongoing monitoring: the stored parties screened against only what changed
 * between two snapshots (cdiff_added_or_changed, on the fields screening
 * reads). The changed entities go into a small snapshot of their own, which
 * every party is screened against as a prefilter; the few parties that come
 * near one of them are screened again against the whole new snapshot and
 * only their matches on changed entities are kept. The second stage matters:
 * a small index weighs words by their rarity among a few hundred names, not
 * among all listed names, so its scores are not the ones a full screening
 * gives, while the allow-list and the analyst need exactly those.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diff/diff.h"
#include "lib/internal.h" /* clib_write_snapshot: a snapshot of entities already in memory */
#include "store/monitor.h"
#include "util/error.h"

/* The prefilter sits this far below the threshold (docs/store.md, "Monitoring"). */
#define PREFILTER_MARGIN 0.1
#define PREFILTER_FLOOR 0.5

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Writes the entities indexes[0..n) of snap to path as a snapshot of their own. */
static int write_subset(const cordon_snapshot *snap, const size_t *indexes, size_t n, const char *path)
{
	cordon_entity *ents = calloc(n, sizeof(*ents));
	const cordon_entity **list = calloc(n, sizeof(*list));
	int rc = ents && list ? 0 : cu_fail(CORDON_ENOMEM, "out of memory");
	size_t loaded = 0;
	for (; loaded < n && !rc; loaded++) {
		rc = cordon_snapshot_entity(snap, indexes[loaded], &ents[loaded]);
		list[loaded] = &ents[loaded];
	}
	if (!rc)
		rc = clib_write_snapshot(list, n, "{\"sources\":[]}", path, 1);
	for (size_t i = 0; i < loaded; i++)
		cordon_entity_dispose(&ents[i]);
	free(ents);
	free(list);
	return rc;
}

typedef struct {
	const unsigned char *changed; /* one byte per entity of the new snapshot */
	const store_monitor_options *opt;
} keep_state;

static int keep_changed(size_t index, void *payload)
{
	const keep_state *k = payload;
	return k->changed[index];
}

static void forward_hit(const store_party *p, const store_screening *sc, const store_hit *h, void *payload)
{
	const keep_state *k = payload;
	if (k->opt->on_hit)
		k->opt->on_hit(p, sc, h, k->opt->payload);
}

/* Screens every party against the delta snapshot, confirming against new. */
static int screen_delta(store *s, const store_monitor_options *opt, const cordon_snapshot *delta,
                        const unsigned char *changed, store_screen_result *res)
{
	keep_state k = {changed, opt};
	double threshold = opt->threshold > 0 ? opt->threshold : CORDON_DEFAULT_THRESHOLD;
	store_screen_options so = {0};
	so.snapshot = delta;
	so.delta = 1;
	so.threshold = threshold - PREFILTER_MARGIN > PREFILTER_FLOOR ? threshold - PREFILTER_MARGIN : PREFILTER_FLOOR;
	if (opt->prefilter > 0)
		so.threshold = opt->prefilter;
	if (so.threshold > threshold)
		so.threshold = threshold;
	so.confirm = opt->new_snap;
	so.confirm_threshold = threshold;
	so.keep = keep_changed;
	so.on_hit = forward_hit;
	so.payload = &k;
	return store_screen_parties(s, &so, res);
}

/* A snapshot of the changed entities in a temporary file next to the store, unlinked once open. */
static int open_delta(store *s, const cordon_snapshot *snap, const size_t *indexes, size_t n, cordon_snapshot **out)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s.delta-%ld.cordonsnap", store_path(s), (long)getpid());
	int rc = write_subset(snap, indexes, n, path);
	if (!rc)
		rc = cordon_snapshot_open(out, path);
	unlink(path);
	return rc;
}

static int run_delta(store *s, const store_monitor_options *opt, store_monitor_result *res)
{
	size_t *indexes = NULL, n = 0;
	double t0 = seconds();
	int rc = cdiff_added_or_changed(opt->old_snap, opt->new_snap, CDIFF_MATCH_FIELDS, &indexes, &n);
	res->diff_seconds = seconds() - t0;
	res->changed = n;
	if (rc || n == 0) {
		free(indexes);
		return rc;
	}
	t0 = seconds();
	cordon_snapshot *delta = NULL;
	size_t total = cordon_snapshot_entity_count(opt->new_snap);
	unsigned char *changed = calloc(total ? total : 1, 1);
	rc = changed ? open_delta(s, opt->new_snap, indexes, n, &delta) : cu_fail(CORDON_ENOMEM, "out of memory");
	for (size_t i = 0; i < n && changed; i++)
		changed[indexes[i]] = 1;
	free(indexes);
	res->build_seconds = seconds() - t0;
	t0 = seconds();
	if (!rc)
		rc = screen_delta(s, opt, delta, changed, &res->screen);
	res->screen_seconds = seconds() - t0;
	cordon_snapshot_free(delta);
	free(changed);
	return rc;
}

int store_monitor(store *s, const store_monitor_options *opt, store_monitor_result *res)
{
	memset(res, 0, sizeof(*res));
	if (!opt->new_snap)
		return cu_fail(CORDON_EINVALID, "monitoring needs the new snapshot");
	if (opt->old_snap)
		return run_delta(s, opt, res);
	/* nothing to compare with: every entity is new, which is a full screening */
	store_screen_options so = {0};
	so.snapshot = opt->new_snap;
	so.threshold = opt->threshold;
	so.on_hit = opt->on_hit;
	so.payload = opt->payload;
	res->full = 1;
	res->changed = cordon_snapshot_entity_count(opt->new_snap);
	double t0 = seconds();
	int rc = store_screen_parties(s, &so, &res->screen);
	res->screen_seconds = seconds() - t0;
	return rc;
}

static int copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	char buf[1 << 16];
	ssize_t n = 0;
	int ok = in >= 0 && out >= 0;
	while (ok && (n = read(in, buf, sizeof(buf))) > 0)
		ok = write(out, buf, (size_t)n) == n;
	ok = ok && n == 0 && fsync(out) == 0;
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

static int holds_version(const char *path, const char *snap_path, const char *checksum)
{
	cordon_snapshot *snap = NULL;
	cordon_snapshot_info info;
	int rc = cordon_snapshot_open(&snap, path);
	if (!rc)
		rc = cordon_snapshot_get_info(snap, &info);
	if (!rc && strcmp(info.checksum, checksum) != 0)
		rc = cu_fail(CORDON_EINVALID, "%s holds snapshot %s, not %s: it was replaced since it was opened", snap_path,
		             info.checksum, checksum);
	cordon_snapshot_free(snap);
	return rc;
}

int store_monitor_keep(const char *store_file, const char *snap_path, const char *checksum, char *kept, size_t size)
{
	snprintf(kept, size, "%s.monitor-%s.cordonsnap", store_file, checksum);
	if (access(kept, R_OK) == 0)
		return 0;
	char tmp[4200];
	snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", kept, (long)getpid());
	unlink(tmp);
	int rc = link(snap_path, tmp) == 0 || copy_file(snap_path, tmp) == 0
	                 ? 0
	                 : cu_fail(CORDON_EIO, "cannot keep %s as %s: %s", snap_path, kept, strerror(errno));
	if (!rc)
		rc = holds_version(tmp, snap_path, checksum);
	if (!rc && rename(tmp, kept) != 0)
		rc = cu_fail(CORDON_EIO, "cannot keep %s as %s: %s", snap_path, kept, strerror(errno));
	if (rc)
		unlink(tmp);
	return rc;
}

int store_monitor_record(store *s, const char *old_checksum, const char *new_checksum, const char *kept_path,
                         const store_monitor_result *res)
{
	char content[1024];
	snprintf(content, sizeof(content),
	         "{\"changed\":%zu,\"full\":%s,\"hits\":%llu,\"new_snapshot\":\"%s\",\"old_snapshot\":%s%s%s,"
	         "\"open\":%llu,\"parties\":%llu}",
	         res->changed, res->full ? "true" : "false", (unsigned long long)res->screen.hits, new_checksum,
	         old_checksum ? "\"" : "", old_checksum ? old_checksum : "null", old_checksum ? "\"" : "",
	         (unsigned long long)res->screen.open, (unsigned long long)res->screen.parties);
	int rc = store_begin(s);
	if (!rc)
		rc = store_meta_set(s, STORE_MONITOR_SNAPSHOT_KEY, kept_path);
	if (!rc)
		rc = store_meta_set(s, STORE_MONITOR_CHECKSUM_KEY, new_checksum);
	if (!rc)
		rc = store_audit_append(s, "monitor", content);
	if (rc) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s);
}
