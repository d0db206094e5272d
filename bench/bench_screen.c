/*
 * Screening latency against the bundled lists: queries derived from the
 * listed entities (primary names, aliases, typos, reorderings, Cyrillic and
 * Arabic renderings), screened one after another on one thread, including
 * normalisation and transliteration. Baseline: the exhaustive scorer
 * (cordon_screen_exhaustive) on the same queries, which also measures what
 * the index's candidate retrieval loses.
 * Usage: bench_screen [--snapshot FILE] [--queries N] [--seed S] [--brute-seconds S] [--config SOURCES_CONF]
 *                     [--only KIND]   (one kind of query: exact, alias, typo, reorder, cyrillic, arabic)
 *                     [--results FILE] (every query's matches, to show a change to the matcher changed none)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cordon.h"
#include "lib/harvest.h"
#include "lib/icu.h"
#include "lib/measure.h"
#include "lib/queries.h"
#include "lib/util.h"

/* Share of each query kind: what screening traffic against these lists looks like. */
static double mix[CB_Q_KINDS] = {[CB_Q_EXACT] = 25, [CB_Q_ALIAS] = 20, [CB_Q_TYPO] = 20,
                                       [CB_Q_REORDER] = 15, [CB_Q_CYRILLIC] = 12, [CB_Q_ARABIC] = 8};

static int build(const char *config, const char *out)
{
	cordon_source *src;
	size_t n;
	if (cordon_sources_load(config, &src, &n) != 0)
		return -1;
	double t0 = cb_now();
	int rc = cordon_snapshot_build(src, n, out, NULL, NULL, NULL);
	double t1 = cb_now();
	cordon_sources_free(src, n);
	if (rc == 0)
		cb_figure("snapshot build (bundled lists)", (t1 - t0) * 1e3, "ms", NULL);
	return rc;
}

/* Keeps one kind in the mix, to profile it alone. */
static int only_kind(const char *name)
{
	for (int k = 0; k < CB_Q_KINDS; k++)
		if (strcmp(cb_qkind_name(k), name) == 0) {
			for (int j = 0; j < CB_Q_KINDS; j++)
				mix[j] = j == k ? 1.0 : 0.0;
			return 0;
		}
	return -1;
}

static int usage(void)
{
	fprintf(stderr, "usage: bench_screen [--snapshot FILE] [--queries N] [--seed S] [--brute-seconds S] "
	                "[--config SOURCES_CONF] [--only KIND] [--results FILE]\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *config = CORDON_BENCH_DATA "/sources.conf", *snap_path = NULL;
	size_t count = 3000;
	unsigned long long seed = 7;
	cb_screen_targets t = {30, 300, 30, 0, 1, NULL};
	for (int i = 1; i < argc; i++) {
		if (i + 1 < argc && strcmp(argv[i], "--snapshot") == 0)
			snap_path = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--queries") == 0)
			count = strtoull(argv[++i], NULL, 10);
		else if (i + 1 < argc && strcmp(argv[i], "--seed") == 0)
			seed = strtoull(argv[++i], NULL, 10);
		else if (i + 1 < argc && strcmp(argv[i], "--brute-seconds") == 0)
			t.brute_budget_s = strtod(argv[++i], NULL);
		else if (i + 1 < argc && strcmp(argv[i], "--results") == 0)
			t.results_path = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--config") == 0)
			config = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--only") == 0 && only_kind(argv[++i]) == 0)
			continue;
		else
			return usage();
	}
	char tmp[256];
	printf("bench_screen: latency against the bundled lists\n");
	if (!snap_path) {
		snprintf(tmp, sizeof(tmp), "/tmp/cordon-bench-screen-%d.cordonsnap", (int)getpid());
		snap_path = tmp;
		if (build(config, snap_path) != 0) {
			fprintf(stderr, "bench_screen: build failed: %s\n", cordon_last_error());
			return 1;
		}
	}
	cordon_snapshot *s;
	cb_harvest h;
	if (cordon_snapshot_open(&s, snap_path) != 0 || cb_harvest_run(&h, config) != 0) {
		fprintf(stderr, "bench_screen: %s\n", cordon_last_error());
		return 1;
	}
	cb_queries q;
	double t0 = cb_now();
	int rc = cb_queries_make(s, &h, count, seed, mix, &q);
	printf("%zu entities; %zu queries derived from them (seed %llu) in %.2f s\n", cordon_snapshot_entity_count(s),
	       q.n, seed, cb_now() - t0);
	if (rc == 0)
		rc = cb_measure_screening(s, &q, &t);
	cb_queries_dispose(&q);
	cb_harvest_dispose(&h);
	cordon_snapshot_free(s);
	cb_icu_cleanup();
	if (snap_path == tmp)
		unlink(tmp);
	if (rc < 0)
		fprintf(stderr, "bench_screen: %s\n", cordon_last_error());
	return rc < 0;
}
