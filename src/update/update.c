/* cupd_run: one update, from the lock to the outcome (update.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "update/run.h"
#include "update/state.h"
#include "util/error.h"
#include "util/strutil.h"

void cupd_say(const upd_run *r, const char *fmt, ...)
{
	if (!r->opt->report)
		return;
	char line[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	r->opt->report(line, r->opt->payload);
}

void cupd_source_failed(upd_run *r, src_run *sr, int refused, const char *why)
{
	sr->status = SRC_FAILED;
	sr->refused = refused;
	if (refused)
		r->refusals++;
	else
		r->failures++;
	char msg[1800];
	snprintf(msg, sizeof(msg), "%s", why);
	free(sr->why);
	sr->why = cu_strdup(msg);
	cupd_say(r, "%s: %s: %s; the files in place are kept", sr->src->dataset, refused ? "REFUSED" : "FAILED", msg);
	if (r->failures + r->refusals == 1)
		cu_fail(refused ? CORDON_EPARSE : CORDON_EIO, "source %s: %s", sr->src->dataset, msg);
}

char *cupd_path(const upd_run *r, const char *name)
{
	size_t n = strlen(r->opt->lists_dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", r->opt->lists_dir, name);
	return p;
}

void cupd_remove_dir(const upd_run *r, const char *name)
{
	if (!name || !name[0] || name[0] == '.' || strchr(name, '/'))
		return; /* only version folders this code made */
	char *dir = cupd_path(r, name);
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *ent;
	while (d && (ent = readdir(d)) != NULL) {
		if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
			continue;
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, ent->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	if (dir)
		rmdir(dir);
	free(dir);
}

static int make_dirs(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s", dir);
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		return cu_fail(CORDON_EIO, "cannot create the lists folder %s: %s", dir, strerror(errno));
	return 0;
}

/* One update at a time per lists folder; the lock goes with the process. */
static int lock_dir(const char *dir, int *fd_out)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/.update.lock", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return cu_fail(CORDON_EIO, "cannot open %s: %s", path, strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		return cu_fail(CORDON_ERROR, "another cordon update is running in %s", dir);
	}
	*fd_out = fd;
	return 0;
}

/* The folder "<lists>/<dataset>" points at, when it exists. */
static char *current_dir(const upd_run *r, const char *dataset)
{
	char *link_path = cupd_path(r, dataset);
	char target[1024];
	ssize_t n = link_path ? readlink(link_path, target, sizeof(target) - 1) : -1;
	struct stat st;
	int ok = n > 0 && stat(link_path, &st) == 0 && S_ISDIR(st.st_mode);
	free(link_path);
	if (!ok)
		return NULL;
	target[n] = '\0';
	return strchr(target, '/') ? NULL : cu_strdup(target);
}

/* "<dataset>.YYYYMMDDTHHMMSSZ.XXXXXX", the shape of the folders stage.c makes. */
static int is_version_dir(const char *name, const char *dataset)
{
	size_t n = strlen(dataset);
	return strncmp(name, dataset, n) == 0 && strlen(name) == n + 24 && name[n] == '.' && name[n + 17] == '.' &&
	       name[n + 9] == 'T' && name[n + 16] == 'Z';
}

/* Folders left by an update that was killed before it finished: neither in use nor kept. */
static void sweep_orphans(upd_run *r)
{
	DIR *d = opendir(r->opt->lists_dir);
	struct dirent *ent;
	while (d && (ent = readdir(d)) != NULL) {
		for (size_t i = 0; i < r->cfg->count; i++) {
			const src_run *sr = &r->srcs[i];
			const char *kept = cupd_state_str(cupd_state_entry(r->state, "datasets", sr->src->dataset, 0),
			                                  "previous_dir");
			if (!is_version_dir(ent->d_name, sr->src->dataset) ||
			    (sr->current_dir && strcmp(ent->d_name, sr->current_dir) == 0) ||
			    (kept && strcmp(ent->d_name, kept) == 0))
				continue;
			cupd_say(r, "removing %s/%s, left by an update that did not finish", r->opt->lists_dir, ent->d_name);
			cupd_remove_dir(r, ent->d_name);
		}
	}
	if (d)
		closedir(d);
}

static int named(const cupd_options *o, const char *dataset)
{
	if (o->only && strcmp(o->only, dataset) == 0)
		return 1;
	for (size_t i = 0; i < o->source_count; i++)
		if (strcmp(o->sources[i], dataset) == 0)
			return 1;
	return 0;
}

static int selected(const upd_run *r, const cupd_source *s)
{
	return (!r->opt->only && !r->opt->source_count) || named(r->opt, s->dataset);
}

static const char *status_name(const src_run *sr)
{
	return sr->status == SRC_STAGED ? "changed" : sr->status == SRC_UNCHANGED ? "unchanged"
	       : sr->refused                ? "refused"
	                                    : "failed";
}

/* Hands each selected source's end state to the caller (cupd_options.on_source). */
static void report_sources(const upd_run *r)
{
	for (size_t i = 0; r->opt->on_source && i < r->cfg->count; i++) {
		const src_run *sr = &r->srcs[i];
		if (!selected(r, sr->src) || sr->status == SRC_SKIPPED)
			continue;
		cupd_file_report *files = calloc(sr->src->file_count, sizeof(*files));
		for (size_t f = 0; files && f < sr->src->file_count; f++) {
			const cupd_fetch_result *res = sr->fetched ? &sr->fetched[f] : NULL;
			files[f] = (cupd_file_report){sr->src->files[f].file, sr->src->files[f].url, res ? res->status : 0,
			                              res && res->status == 200 ? res->bytes : 0,
			                              res && res->status == 200 ? res->sha256 : ""};
		}
		cupd_source_report rep = {sr->src->dataset, status_name(sr), sr->status == SRC_FAILED ? sr->why : NULL,
		                          sr->entities, sr->rows, sr->old_entities, sr->old_rows, files,
		                          files ? sr->src->file_count : 0};
		r->opt->on_source(&rep, r->opt->payload);
		free(files);
	}
}

static size_t count_staged(const upd_run *r)
{
	size_t staged = 0;
	for (size_t i = 0; i < r->cfg->count; i++)
		staged += r->srcs[i].status == SRC_STAGED;
	return staged;
}

/* Builds and swaps in; says what happened. */
static cupd_outcome commit(upd_run *r)
{
	cupd_outcome out = cupd_commit(r);
	r->committed = out == CUPD_UPDATED;
	if (r->committed && r->kept_previous)
		cupd_say(r, "snapshot updated: %s (the one it replaced: %s%s)", r->opt->snapshot_path,
		         r->opt->snapshot_path, CUPD_PREVIOUS_SUFFIX);
	else if (r->committed)
		cupd_say(r, "snapshot updated: %s (the first)", r->opt->snapshot_path);
	return out;
}

/* Some sources failed: nothing is replaced, unless --keep-going and others have something new. */
static cupd_outcome finish_failed(upd_run *r)
{
	cupd_outcome failed = r->failures ? CUPD_FAILED : CUPD_REFUSED;
	if (!r->opt->keep_going || r->opt->dry_run || count_staged(r) == 0) {
		cupd_say(r, "nothing replaced: %zu source(s) failed, %zu refused", r->failures, r->refusals);
		return failed;
	}
	cupd_say(r, "keep going: %zu source(s) failed, %zu refused and keep their files in place", r->failures,
	         r->refusals);
	return commit(r) == CUPD_UPDATED ? failed : CUPD_FAILED;
}

static cupd_outcome finish(upd_run *r)
{
	if (r->failures || r->refusals)
		return finish_failed(r);
	size_t staged = count_staged(r);
	if (r->opt->dry_run) {
		cupd_say(r, "dry run: %zu source(s) would change, nothing replaced", staged);
		return CUPD_CHECKED;
	}
	struct stat st;
	if (staged == 0 && !r->opt->force && stat(r->opt->snapshot_path, &st) == 0) {
		cupd_record_state(r);
		cupd_say(r, "up to date: %s", r->opt->snapshot_path);
		return CUPD_UP_TO_DATE;
	}
	return commit(r);
}

static void release(upd_run *r)
{
	for (size_t i = 0; i < r->cfg->count; i++) {
		src_run *sr = &r->srcs[i];
		if (sr->staged_dir && !r->committed)
			cupd_remove_dir(r, sr->staged_dir);
		for (size_t f = 0; sr->fetched && f < sr->src->file_count; f++)
			cupd_fetch_result_dispose(&sr->fetched[f]);
		free(sr->fetched);
		free(sr->why);
		free(sr->staged_dir);
		free(sr->current_dir);
	}
	free(r->srcs);
	json_decref(r->state);
}

static cupd_outcome run_locked(upd_run *r)
{
	int damaged;
	r->state = cupd_state_load(r->opt->lists_dir, &damaged);
	if (damaged)
		cupd_say(r, "warning: %s/%s is unusable and was ignored", r->opt->lists_dir, CUPD_STATE_FILE);
	r->srcs = calloc(r->cfg->count, sizeof(*r->srcs));
	if (!r->srcs || !r->state) {
		cu_fail(CORDON_ENOMEM, "out of memory");
		return CUPD_FAILED;
	}
	for (size_t i = 0; i < r->cfg->count; i++) {
		r->srcs[i].src = &r->cfg->sources[i];
		r->srcs[i].current_dir = current_dir(r, r->cfg->sources[i].dataset);
	}
	sweep_orphans(r);
	for (size_t i = 0; i < r->cfg->count; i++)
		if (selected(r, r->srcs[i].src))
			cupd_stage_source(r, &r->srcs[i]);
	cupd_outcome out = finish(r);
	report_sources(r);
	release(r);
	return out;
}

static int configured(const cupd_config *config, const char *dataset)
{
	for (size_t i = 0; i < config->count; i++)
		if (strcmp(config->sources[i].dataset, dataset) == 0)
			return 1;
	return 0;
}

const char *cupd_unknown_source(const cupd_config *config, const cupd_options *options)
{
	if (options->only && !configured(config, options->only))
		return options->only;
	for (size_t i = 0; i < options->source_count; i++)
		if (!configured(config, options->sources[i]))
			return options->sources[i];
	return NULL;
}

cupd_outcome cupd_run(const cupd_config *config, const cupd_options *options)
{
	cupd_options opt = *options;
	if (!opt.timeout_s)
		opt.timeout_s = 600;
	if (!opt.connect_timeout_s)
		opt.connect_timeout_s = 30;
	if (!opt.max_bytes)
		opt.max_bytes = CUPD_DEFAULT_MAX_BYTES;
	upd_run r = {.cfg = config, .opt = &opt};
	const char *missing = cupd_unknown_source(config, &opt);
	if (missing) {
		cu_fail(CORDON_EINVALID, "%s: no source named %s", config->path, missing);
		return CUPD_FAILED;
	}
	int lock_fd = -1;
	if (make_dirs(opt.lists_dir) != 0 || lock_dir(opt.lists_dir, &lock_fd) != 0)
		return CUPD_FAILED;
	cupd_outcome out = cupd_fetch_global_init() == 0 ? run_locked(&r) : CUPD_FAILED;
	cupd_fetch_global_cleanup();
	close(lock_fd);
	return out;
}
