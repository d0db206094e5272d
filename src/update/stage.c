/*
 * Fetching one dataset's files into a fresh folder beside the current one
 * and checking them there. The current folder is never written to: a failed
 * or refused source only loses its new folder.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cordon.h"
#include "update/run.h"
#include "update/state.h"
#include "update/verify.h"
#include "util/error.h"

/* "<dataset>.<UTC time>.XXXXXX": sorts by age, and names what it holds. */
static int make_staging_dir(upd_run *r, src_run *sr)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	char name[256];
	snprintf(name, sizeof(name), "%s.%s.XXXXXX", sr->src->dataset, stamp);
	char *path = cupd_path(r, name);
	if (!path || !mkdtemp(path)) {
		int e = errno;
		free(path);
		return cu_fail(CORDON_EIO, "cannot create a folder in %s: %s", r->opt->lists_dir, strerror(e));
	}
	chmod(path, 0755); /* mkdtemp makes it private; the files in it are not secret */
	sr->staged_dir = strdup(strrchr(path, '/') + 1);
	free(path);
	return sr->staged_dir ? 0 : cu_fail(CORDON_ENOMEM, "out of memory");
}

/* "<dir>/<file>" inside the lists folder, or NULL when dir is NULL. */
static char *file_path(const upd_run *r, const char *dir, const char *file)
{
	if (!dir)
		return NULL;
	char name[1024];
	snprintf(name, sizeof(name), "%s/%s", dir, file);
	return cupd_path(r, name);
}

/* Copies a file where hard links are not supported; the copy is synced like a download. */
static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	char buf[1 << 15];
	size_t n;
	int failed = !in || !out;
	while (!failed && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		failed = fwrite(buf, 1, n, out) != n;
	failed |= in && ferror(in);
	if (out)
		failed |= fflush(out) != 0 || fsync(fileno(out)) != 0 || fclose(out) != 0;
	if (in)
		fclose(in);
	return failed ? cu_fail(CORDON_EIO, "cannot copy %s to %s: %s", from, to, strerror(errno)) : 0;
}

/* An unchanged file (304) joins the new folder as a hard link to the one in place (else a copy). */
static int carry_over(const char *from, const char *to)
{
	unlink(to); /* the empty file the 304 response was written to */
	return link(from, to) == 0 ? 0 : copy_file(from, to);
}

static void fill_conditional(upd_run *r, src_run *sr, const cupd_file *f, cupd_fetch_request *req,
                             const char *current)
{
	char key[512];
	snprintf(key, sizeof(key), "%s/%s", sr->src->dataset, f->file);
	json_t *st = cupd_state_entry(r->state, "files", key, 0);
	struct stat sb;
	const char *url = cupd_state_str(st, "url");
	/* validators only describe the file in place, fetched from this same URL */
	if (r->opt->force || !current || stat(current, &sb) != 0 || !url || strcmp(url, f->url) != 0)
		return;
	req->etag = cupd_state_str(st, "etag");
	req->last_modified = cupd_state_str(st, "last_modified");
}

static const char *state_sha256(upd_run *r, src_run *sr, const cupd_file *f)
{
	char key[512];
	snprintf(key, sizeof(key), "%s/%s", sr->src->dataset, f->file);
	return cupd_state_str(cupd_state_entry(r->state, "files", key, 0), "sha256");
}

/* Puts prefix before the current error message, which is copied first: cu_fail overwrites it. */
static int fail_prefixed(int code, const char *prefix)
{
	char why[1024];
	snprintf(why, sizeof(why), "%s", cordon_last_error());
	return cu_fail(code, "%s: %s", prefix, why);
}

/* Checks a 200 response's file: expected checksum, gzip integrity. */
static int check_file(const cupd_file *f, const cupd_fetch_result *res, const char *dest, int *refused)
{
	*refused = 1;
	if (f->sha256[0] && strcmp(f->sha256, res->sha256) != 0)
		return cu_fail(CORDON_ECORRUPT, "%s: SHA-256 %s is not the expected %s (line %lu of the configuration)",
		               f->url, res->sha256, f->sha256, f->line);
	if (cupd_check_gzip(dest) != 0)
		return fail_prefixed(CORDON_ECORRUPT, f->url);
	*refused = 0;
	return 0;
}

/* Fetches file i of sr; *changed is set when new bytes arrived. */
static int fetch_file(upd_run *r, src_run *sr, size_t i, int *changed, int *refused)
{
	const cupd_file *f = &sr->src->files[i];
	char *dest = file_path(r, sr->staged_dir, f->file);
	char *current = file_path(r, sr->current_dir, f->file);
	cupd_fetch_request req = {.url = f->url, .dest = dest, .timeout_s = r->opt->timeout_s,
	                          .connect_timeout_s = r->opt->connect_timeout_s,
	                          .max_bytes = f->max_bytes ? f->max_bytes : r->opt->max_bytes};
	fill_conditional(r, sr, f, &req, current);
	cupd_fetch_result *res = &sr->fetched[i];
	int rc = dest ? cupd_fetch(&req, res) : cu_fail(CORDON_ENOMEM, "out of memory");
	*refused = res->refused;
	if (!rc && res->status == 304) {
		cupd_say(r, "%s: %s: not modified", sr->src->dataset, f->url);
		rc = carry_over(current, dest);
	} else if (!rc) {
		cupd_say(r, "%s: %s: %llu bytes, sha256 %.16s", sr->src->dataset, f->url, res->bytes, res->sha256);
		rc = check_file(f, res, dest, refused);
		const char *before = state_sha256(r, sr, f);
		struct stat sb;
		*changed |= !(before && strcmp(before, res->sha256) == 0 && current && stat(current, &sb) == 0);
	}
	free(dest);
	free(current);
	return rc;
}

/* The counts the files in place gave: from the state when it describes that folder, else by reading it. */
static void old_counts(upd_run *r, src_run *sr)
{
	json_t *ds = cupd_state_entry(r->state, "datasets", sr->src->dataset, 0);
	const char *dir = cupd_state_str(ds, "dir");
	if (dir && sr->current_dir && strcmp(dir, sr->current_dir) == 0 && cupd_state_int(ds, "entities") >= 0 &&
	    cupd_state_int(ds, "rows") >= 0) {
		sr->old_rows = (unsigned long long)cupd_state_int(ds, "rows");
		sr->old_entities = (unsigned long long)cupd_state_int(ds, "entities");
		return;
	}
	char *path = sr->current_dir ? cupd_path(r, sr->current_dir) : NULL;
	size_t failed;
	if (path && cupd_count_source(sr->src, path, &sr->old_rows, &sr->old_entities, &failed) != 0)
		sr->old_rows = sr->old_entities = 0; /* unreadable: no basis for a shrink check */
	free(path);
}

static double min_ratio(const upd_run *r, const src_run *sr)
{
	if (r->opt->min_ratio >= 0)
		return r->opt->min_ratio;
	return sr->src->min_ratio >= 0 ? sr->src->min_ratio : CUPD_DEFAULT_MIN_RATIO;
}

/* The first reader line's URL stands for the source in messages about the whole set. */
static const char *primary_url(const cupd_source *s)
{
	for (size_t i = 0; i < s->file_count; i++)
		if (s->files[i].format)
			return s->files[i].url;
	return s->files[0].url;
}

/* Format check (the readers must accept the files) and shrink check (against the files in place). */
static int verify_source(upd_run *r, src_run *sr)
{
	char *dir = cupd_path(r, sr->staged_dir);
	size_t failed = 0;
	int rc = dir ? cupd_count_source(sr->src, dir, &sr->rows, &sr->entities, &failed) : CORDON_ENOMEM;
	free(dir);
	if (rc) {
		char prefix[4200];
		snprintf(prefix, sizeof(prefix), "%.4000s: not a usable %s file", sr->src->files[failed].url,
		         sr->src->files[failed].format);
		return fail_prefixed(CORDON_EPARSE, prefix);
	}
	old_counts(r, sr);
	double ratio = min_ratio(r, sr);
	if (sr->current_dir)
		cupd_say(r, "%s: %llu entities from %llu rows (in place: %llu from %llu)", sr->src->dataset, sr->entities,
		         sr->rows, sr->old_entities, sr->old_rows);
	else
		cupd_say(r, "%s: %llu entities from %llu rows (first download)", sr->src->dataset, sr->entities, sr->rows);
	if ((double)sr->entities < ratio * (double)sr->old_entities || (double)sr->rows < ratio * (double)sr->old_rows)
		return cu_fail(CORDON_EPARSE, "%s: suspicious shrink: %llu entities from %llu rows, fewer than %.0f%% of "
		               "the %llu entities from %llu rows in place (min-ratio %.2f)", primary_url(sr->src),
		               sr->entities, sr->rows, ratio * 100, sr->old_entities, sr->old_rows, ratio);
	return 0;
}

static void unstage(upd_run *r, src_run *sr)
{
	if (sr->staged_dir)
		cupd_remove_dir(r, sr->staged_dir);
	free(sr->staged_dir);
	sr->staged_dir = NULL;
}

void cupd_stage_source(upd_run *r, src_run *sr)
{
	sr->fetched = calloc(sr->src->file_count, sizeof(*sr->fetched));
	int changed = 0, refused = 0;
	int rc = sr->fetched ? make_staging_dir(r, sr) : cu_fail(CORDON_ENOMEM, "out of memory");
	for (size_t i = 0; i < sr->src->file_count && !rc; i++)
		rc = fetch_file(r, sr, i, &changed, &refused);
	if (!rc && !changed && !r->opt->force) {
		cupd_say(r, "%s: unchanged", sr->src->dataset);
		sr->status = SRC_UNCHANGED;
		unstage(r, sr);
		return;
	}
	if (!rc && (rc = verify_source(r, sr)) != 0)
		refused = 1;
	if (rc) {
		cupd_source_failed(r, sr, refused, cordon_last_error());
		unstage(r, sr);
		return;
	}
	sr->status = SRC_STAGED;
}
