/*
 * Scale: a synthetic OpenSanctions-style corpus (1,000,000 entities by
 * default, see bench/lib/synth.c) through cordon_snapshot_build with the ftm
 * reader on 2 threads, then open, memory while serving, and query latency
 * and recall on queries derived from the corpus; a sample is also screened
 * exhaustively. The build runs in a child process so that its memory is
 * measured on its own and does not count as memory while serving.
 * Baselines, measured in the same run: reading the corpus file back
 * (generation), parsing every corpus line with jansson without building
 * entities (build), the corpus size (snapshot size), read() of the whole
 * snapshot (open), the process before opening (memory), the exhaustive
 * scorer (latency, recall).
 * Usage: bench_scale [-n COUNT] [--seed S] [--corpus FILE] [--snapshot FILE] [--dir DIR] [--keep]
 *                    [--queries N] [--brute N] [--brute-seconds S] [--threads T]
 * --corpus skips the generation, --snapshot (a snapshot of that corpus) the build as well.
 */
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cordon.h"
#include "lib/harvest.h"
#include "lib/icu.h"
#include "lib/measure.h"
#include "lib/queries.h"
#include "lib/synth.h"
#include "lib/util.h"
#include "util/input.h"

/* Share of each query kind: names as listed, slips, other orders, other scripts. */
static const double mix[CB_Q_KINDS] = {[CB_Q_EXACT] = 30, [CB_Q_ALIAS] = 10, [CB_Q_TYPO] = 25,
                                       [CB_Q_REORDER] = 15, [CB_Q_CYRILLIC] = 15, [CB_Q_ARABIC] = 5};

typedef struct {
	size_t count;
	unsigned long long seed;
	const char *corpus, *dir, *snapshot;
	int keep;
	size_t queries, brute;
	double brute_seconds;
	unsigned threads;
} options;

/* What the build child reports back. */
typedef struct {
	int rc;
	double build_s, parse_s, build_cpu_s;
	uint64_t hwm, parse_lines;
	char error[512];
} build_report;

static double read_back(const char *path)
{
	double t0 = cb_now();
	cu_input *in;
	if (cu_input_open(&in, path) != 0)
		return -1;
	cu_buf line;
	cu_buf_init(&line, 8u << 20);
	while (cu_input_line(in, &line) == 1)
		;
	cu_buf_dispose(&line);
	cu_input_close(in);
	return cb_now() - t0;
}

/* The baseline of the build: every line parsed by jansson and dropped. */
static double parse_only(const char *path, uint64_t *lines)
{
	double t0 = cb_now();
	cu_input *in;
	*lines = 0;
	if (cu_input_open(&in, path) != 0)
		return -1;
	cu_buf line;
	cu_buf_init(&line, 8u << 20);
	while (cu_input_line(in, &line) == 1) {
		json_error_t err;
		json_t *obj = json_loadb(line.data, line.len, 0, &err);
		*lines += obj != NULL;
		json_decref(obj);
	}
	cu_buf_dispose(&line);
	cu_input_close(in);
	return cb_now() - t0;
}

static void build_child(const options *o, const char *snap, int fd)
{
	build_report r;
	memset(&r, 0, sizeof(r));
	r.parse_s = parse_only(o->corpus, &r.parse_lines);
	cordon_source src = {"synthetic", "ftm", o->corpus};
	cordon_build_options bo = CORDON_BUILD_OPTIONS_INIT;
	bo.threads = o->threads;
	double c0 = cb_process_cpu(), t0 = cb_now();
	r.rc = cordon_snapshot_build(&src, 1, snap, &bo, NULL, NULL);
	r.build_s = cb_now() - t0;
	r.build_cpu_s = cb_process_cpu() - c0;
	uint64_t rss;
	cb_memory(&rss, &r.hwm);
	snprintf(r.error, sizeof(r.error), "%s", r.rc ? cordon_last_error() : "");
	ssize_t w = write(fd, &r, sizeof(r));
	_exit(w == (ssize_t)sizeof(r) ? 0 : 1);
}

static int build_in_child(const options *o, const char *snap, build_report *r)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(fds[0]);
		build_child(o, snap, fds[1]);
	}
	close(fds[1]);
	ssize_t got = read(fds[0], r, sizeof(*r));
	close(fds[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	if (got != (ssize_t)sizeof(*r)) {
		fprintf(stderr, "bench_scale: the build process died (status %d)\n", status);
		return -1;
	}
	return r->rc;
}

static double read_file(const char *path)
{
	static char buf[1 << 20];
	double t0 = cb_now();
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	close(fd);
	return cb_now() - t0;
}

static int generate(const options *o, const char *path, cb_harvest *h, int *failed)
{
	cb_synth_options so = {o->count, o->seed, path, 0.55, 0.40};
	cb_synth_stats st;
	double t0 = cb_now();
	if (cb_synth_write(h, &so, &st) != 0)
		return -1;
	double gen = cb_now() - t0, base = read_back(path);
	cb_synth_print(&st);
	char b[160];
	snprintf(b, sizeof(b), "baseline: reading the file back line by line %.2f s", base);
	cb_figure("corpus generation", gen, "s", b);
	snprintf(b, sizeof(b), "%.0f bytes per entity", (double)st.bytes / (double)(o->count ? o->count : 1));
	cb_figure("corpus size", (double)st.bytes / 1e6, "MB", b);
	(void)failed;
	return 0;
}

static int measure_build(const options *o, const char *snap, int *failed)
{
	build_report r;
	if (build_in_child(o, snap, &r) != 0) {
		fprintf(stderr, "bench_scale: build failed: %s\n", r.error);
		return -1;
	}
	char b[200];
	snprintf(b, sizeof(b), "CPU time %.1f s; baseline: parsing the %llu corpus lines with jansson, no entities: %.1f s",
	         r.build_cpu_s, (unsigned long long)r.parse_lines, r.parse_s);
	*failed += !cb_figure_target("snapshot build (2 threads)", r.build_s, "s", 1, 60, b);
	cb_figure("build peak memory (VmHWM of the build)", (double)r.hwm / 1e6, "MB", NULL);
	uint64_t size = cb_file_size(snap), corpus = cb_file_size(o->corpus);
	snprintf(b, sizeof(b), "baseline: the corpus, %.1f MB; %.0f bytes per entity", (double)corpus / 1e6,
	         (double)size / (double)(o->count ? o->count : 1));
	cb_figure("snapshot size", (double)size / 1e6, "MB", b);
	return 0;
}

static void memory_figure(const char *what, uint64_t before, int target, int *failed)
{
	uint64_t rss, hwm;
	cb_memory(&rss, &hwm);
	char name[96], b[96];
	snprintf(b, sizeof(b), "baseline: before opening %.0f MB", (double)before / 1e6);
	snprintf(name, sizeof(name), "VmRSS %s", what);
	if (target)
		*failed += !cb_figure_target(name, (double)rss / 1e6, "MB", 1, 2048, b);
	else
		cb_figure(name, (double)rss / 1e6, "MB", b);
	snprintf(name, sizeof(name), "VmHWM %s", what);
	if (target)
		*failed += !cb_figure_target(name, (double)hwm / 1e6, "MB", 1, 2048, NULL);
	else
		cb_figure(name, (double)hwm / 1e6, "MB", NULL);
}

static int serve(const options *o, const char *snap, const cb_harvest *h, int *failed)
{
	uint64_t before, hwm0;
	cb_memory(&before, &hwm0);
	double base = read_file(snap);
	cordon_snapshot *s;
	double t0 = cb_now();
	if (cordon_snapshot_open(&s, snap) != 0) {
		fprintf(stderr, "bench_scale: open failed: %s\n", cordon_last_error());
		return -1;
	}
	double open_s = cb_now() - t0;
	char b[160];
	snprintf(b, sizeof(b), "baseline: read() of the whole file %.1f ms", base * 1e3);
	cb_figure("snapshot open", open_s * 1e3, "ms", b);
	memory_figure("after open", before, 0, failed);
	cb_queries q;
	t0 = cb_now();
	int rc = cb_queries_make(s, h, o->queries, 7, mix, &q);
	printf("%zu queries derived from the corpus in %.2f s\n", q.n, cb_now() - t0);
	cb_screen_targets t = {300, 3000, o->brute_seconds, o->brute, o->threads, NULL};
	if (rc == 0)
		rc = cb_measure_screening(s, &q, &t);
	if (rc > 0)
		*failed += rc;
	memory_figure("after the queries", before, 1, failed);
	cb_queries_dispose(&q);
	cordon_snapshot_free(s);
	return rc < 0 ? rc : 0;
}

static int parse_args(int argc, char **argv, options *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--keep") == 0) {
			o->keep = 1;
			continue;
		}
		if (!v)
			return -1;
		i++;
		if (strcmp(a, "-n") == 0)
			o->count = strtoull(v, NULL, 10);
		else if (strcmp(a, "--seed") == 0)
			o->seed = strtoull(v, NULL, 10);
		else if (strcmp(a, "--corpus") == 0)
			o->corpus = v;
		else if (strcmp(a, "--snapshot") == 0)
			o->snapshot = v;
		else if (strcmp(a, "--dir") == 0)
			o->dir = v;
		else if (strcmp(a, "--queries") == 0)
			o->queries = strtoull(v, NULL, 10);
		else if (strcmp(a, "--brute") == 0)
			o->brute = strtoull(v, NULL, 10);
		else if (strcmp(a, "--brute-seconds") == 0)
			o->brute_seconds = strtod(v, NULL);
		else if (strcmp(a, "--threads") == 0)
			o->threads = (unsigned)strtoul(v, NULL, 10);
		else
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	options o = {1000000, 42, NULL, "/tmp", NULL, 0, 3000, 50, 90, 2};
	if (parse_args(argc, argv, &o) != 0) {
		fprintf(stderr, "usage: bench_scale [-n COUNT] [--seed S] [--corpus FILE] [--snapshot FILE] [--dir DIR] "
		                "[--keep] [--queries N] [--brute N] [--brute-seconds S] [--threads T]\n");
		return 2;
	}
	char corpus[512], snap[512];
	snprintf(corpus, sizeof(corpus), "%s/cordon-scale-%d.ftm.json", o.dir, (int)getpid());
	snprintf(snap, sizeof(snap), "%s/cordon-scale-%d.cordonsnap", o.dir, (int)getpid());
	int generated = !o.corpus && !o.snapshot, built = !o.snapshot, failed = 0, rc = 0;
	cb_harvest h;
	if (cb_harvest_run(&h, CORDON_BENCH_DATA "/sources.conf") != 0) {
		fprintf(stderr, "bench_scale: harvest failed: %s\n", cordon_last_error());
		return 1;
	}
	if (generated) {
		o.corpus = corpus;
		printf("bench_scale: %zu synthetic entities (seed %llu), build with %u threads\n", o.count, o.seed,
		       o.threads);
		rc = generate(&o, corpus, &h, &failed);
	} else {
		printf("bench_scale: corpus %s, snapshot %s (what they were given is not measured here)\n",
		       o.corpus ? o.corpus : "-", o.snapshot ? o.snapshot : "built here");
	}
	if (rc == 0 && built)
		rc = measure_build(&o, snap, &failed);
	else if (!built)
		snprintf(snap, sizeof(snap), "%s", o.snapshot);
	if (rc == 0)
		rc = serve(&o, snap, &h, &failed);
	printf("bench_scale: %d figure(s) missed their target\n", failed);
	cb_harvest_dispose(&h);
	cb_icu_cleanup();
	if (!o.keep) {
		if (generated)
			unlink(corpus);
		if (built)
			unlink(snap);
	} else {
		printf("kept %s and %s\n", o.corpus ? o.corpus : "-", snap);
	}
	return rc != 0;
}
