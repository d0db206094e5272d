/*
 * After every selected source is fetched and verified: build the new snapshot
 * beside the current one, keep the current snapshot as SNAPSHOT.previous (a
 * hard link), swap in the new folders (one symlink rename each), rename the
 * new snapshot over the current one, and record the state. Until the link
 * renames nothing in place has changed; a failed build removes what it made.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "update/run.h"
#include "update/state.h"
#include "util/error.h"
#include "util/strutil.h"

static const char *folder_of(const src_run *sr)
{
	return sr->status == SRC_STAGED ? sr->staged_dir : sr->current_dir;
}

static void free_sources(cordon_source *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)list[i].path);
	free(list);
}

/* One cordon_source per reader line, from the new folder where there is one, else the current one. */
static int collect_sources(upd_run *r, cordon_source **out, size_t *count)
{
	size_t cap = 0;
	for (size_t i = 0; i < r->cfg->count; i++)
		cap += r->cfg->sources[i].file_count;
	cordon_source *list = calloc(cap ? cap : 1, sizeof(*list));
	if (!list)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	size_t n = 0;
	for (size_t i = 0; i < r->cfg->count; i++) {
		const src_run *sr = &r->srcs[i];
		if (!folder_of(sr)) {
			cupd_say(r, "%s: never downloaded, left out of the snapshot (cordon update --source %s)",
			         sr->src->dataset, sr->src->dataset);
			continue;
		}
		for (size_t f = 0; f < sr->src->file_count; f++) {
			const cupd_file *file = &sr->src->files[f];
			if (!file->format)
				continue;
			char name[1024];
			snprintf(name, sizeof(name), "%s/%s", folder_of(sr), file->file);
			list[n++] = (cordon_source){sr->src->dataset, file->format, cupd_path(r, name)};
			if (!list[n - 1].path) {
				free_sources(list, n - 1);
				return cu_fail(CORDON_ENOMEM, "out of memory");
			}
		}
	}
	*out = list;
	*count = n;
	return 0;
}

static char *with_suffix(const char *path, const char *suffix)
{
	size_t n = strlen(path) + strlen(suffix) + 1;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s%s", path, suffix);
	return p;
}

/* Builds SNAPSHOT.next and checks that it opens. */
static int build_next(upd_run *r, const char *next)
{
	cordon_source *sources;
	size_t n;
	int rc = collect_sources(r, &sources, &n);
	if (rc)
		return rc;
	cordon_build_options bo = CORDON_BUILD_OPTIONS_INIT;
	bo.threads = r->opt->threads;
	rc = n ? cordon_snapshot_build(sources, n, next, &bo, NULL, NULL)
	       : cu_fail(CORDON_EINVALID, "no source has any files to build from");
	free_sources(sources, n);
	cordon_snapshot *check = NULL;
	if (!rc)
		rc = cordon_snapshot_open(&check, next);
	cordon_snapshot_free(check);
	return rc;
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* SNAPSHOT.previous: a hard link to the snapshot about to be replaced, for `cordon diff`. */
static void keep_previous(upd_run *r)
{
	const char *snap = r->opt->snapshot_path;
	char *prev = with_suffix(snap, CUPD_PREVIOUS_SUFFIX), *tmp = with_suffix(snap, ".previous.tmp");
	struct stat st;
	if (prev && tmp && stat(snap, &st) == 0) {
		unlink(tmp);
		if (link(snap, tmp) != 0 || rename(tmp, prev) != 0)
			cupd_say(r, "warning: cannot keep %s as %s: %s", snap, prev, strerror(errno));
		else
			r->kept_previous = 1;
	} else if (prev) {
		unlink(prev); /* from before the snapshot went missing: it would not be the one replaced */
	}
	free(prev);
	free(tmp);
}

/* Points "<lists>/<dataset>" at the new folder by renaming a new symlink over it. */
static int swap_link(upd_run *r, src_run *sr)
{
	char tmpname[512];
	snprintf(tmpname, sizeof(tmpname), ".%s.link", sr->src->dataset);
	char *tmp = cupd_path(r, tmpname), *link_path = cupd_path(r, sr->src->dataset);
	int rc = 0;
	if (!tmp || !link_path)
		rc = cu_fail(CORDON_ENOMEM, "out of memory");
	else if ((unlink(tmp), symlink(sr->staged_dir, tmp) != 0) || rename(tmp, link_path) != 0)
		rc = cu_fail(CORDON_EIO, "%s: cannot point it at %s: %s", link_path, sr->staged_dir, strerror(errno));
	free(tmp);
	free(link_path);
	return rc;
}

static void now_iso(char out[32])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void set_str(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, v ? json_string(v) : json_null());
}

/* What a fetch told about a file: validators for the next conditional request, the hash. */
static void record_file(upd_run *r, const src_run *sr, size_t i, const char *when)
{
	const cupd_fetch_result *res = &sr->fetched[i];
	const cupd_file *f = &sr->src->files[i];
	char key[512];
	snprintf(key, sizeof(key), "%s/%s", sr->src->dataset, f->file);
	json_t *e = cupd_state_entry(r->state, "files", key, 1);
	if (!e || res->status == 0)
		return;
	set_str(e, "url", f->url);
	if (res->etag || res->status == 200)
		set_str(e, "etag", res->etag);
	if (res->last_modified || res->status == 200)
		set_str(e, "last_modified", res->last_modified);
	if (res->status == 200) {
		set_str(e, "sha256", res->sha256);
		json_object_set_new(e, "bytes", json_integer((json_int_t)res->bytes));
		set_str(e, "fetched", when);
	}
}

/* The dataset's folders: the new one in use, the one before kept, the one before that removed. */
static void record_dataset(upd_run *r, src_run *sr, const char *when)
{
	json_t *ds = cupd_state_entry(r->state, "datasets", sr->src->dataset, 1);
	if (!ds)
		return;
	const char *older = cupd_state_str(ds, "previous_dir");
	if (older && (!sr->current_dir || strcmp(older, sr->current_dir) != 0) && strcmp(older, sr->staged_dir) != 0)
		cupd_remove_dir(r, older);
	set_str(ds, "previous_dir", sr->current_dir);
	set_str(ds, "dir", sr->staged_dir);
	json_object_set_new(ds, "rows", json_integer((json_int_t)sr->rows));
	json_object_set_new(ds, "entities", json_integer((json_int_t)sr->entities));
	set_str(ds, "updated", when);
}

void cupd_record_state(upd_run *r)
{
	char when[32];
	now_iso(when);
	for (size_t i = 0; i < r->cfg->count; i++) {
		src_run *sr = &r->srcs[i];
		if (sr->status != SRC_STAGED && sr->status != SRC_UNCHANGED)
			continue;
		for (size_t f = 0; f < sr->src->file_count; f++)
			record_file(r, sr, f, when);
		if (sr->status == SRC_STAGED)
			record_dataset(r, sr, when);
	}
	if (cupd_state_save(r->opt->lists_dir, r->state) != 0)
		cupd_say(r, "warning: %s (the next update fetches without conditional requests)", cordon_last_error());
}

static int swap_in(upd_run *r, const char *next)
{
	keep_previous(r);
	for (size_t i = 0; i < r->cfg->count; i++) {
		if (r->srcs[i].status != SRC_STAGED)
			continue;
		char *dir = cupd_path(r, r->srcs[i].staged_dir);
		if (dir)
			sync_dir(dir); /* its entries reach the disk before a link names the folder */
		free(dir);
		if (swap_link(r, &r->srcs[i]) != 0)
			return CORDON_EIO;
	}
	sync_dir(r->opt->lists_dir);
	if (rename(next, r->opt->snapshot_path) != 0)
		return cu_fail(CORDON_EIO, "cannot rename %s to %s: %s", next, r->opt->snapshot_path, strerror(errno));
	char *dir = cu_strdup(r->opt->snapshot_path), *slash = dir ? strrchr(dir, '/') : NULL;
	if (slash) {
		*slash = '\0';
		sync_dir(dir[0] ? dir : "/");
	}
	free(dir);
	return 0;
}

cupd_outcome cupd_commit(upd_run *r)
{
	char *next = with_suffix(r->opt->snapshot_path, ".next");
	int rc = next ? build_next(r, next) : cu_fail(CORDON_ENOMEM, "out of memory");
	if (rc) {
		cupd_say(r, "build failed, nothing replaced: %s", cordon_last_error());
		if (next)
			unlink(next);
		free(next);
		return CUPD_FAILED;
	}
	rc = swap_in(r, next);
	if (rc) {
		cupd_say(r, "error: %s", cordon_last_error());
		unlink(next);
	} else {
		cupd_record_state(r);
	}
	free(next);
	return rc ? CUPD_FAILED : CUPD_UPDATED;
}
