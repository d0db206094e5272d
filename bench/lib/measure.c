#include "measure.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define WARMUP 200
/* Exhaustive screenings run whatever the time budget, so the comparison has a few cases. */
#define MIN_BRUTE 10

/*
 * Exhaustive screenings take from seconds to minutes each at scale, and their cost varies
 * by query kind, so they are not planned from a prediction: workers take queries in order
 * (a prefix of a random order is a random sample) until the budget or the maximum is reached.
 */
typedef struct {
	const cordon_snapshot *s;
	const cb_queries *q;
	cb_outcome *out;
	size_t max;
	double deadline;
	atomic_size_t next;
	atomic_int rc;
} brute_pool;

static void *brute_worker(void *arg)
{
	brute_pool *p = arg;
	for (;;) {
		if (cb_now() >= p->deadline)
			break;
		size_t i = atomic_fetch_add(&p->next, 1);
		if (i >= p->max)
			break;
		int rc = cb_queries_run(p->s, p->q, &i, 1, 1, &p->out[i]);
		if (rc) {
			atomic_store(&p->rc, rc);
			break;
		}
	}
	return NULL;
}

/* Screens queries 0, 1, 2, ... exhaustively on threads until the budget ends; returns how many ran. */
static size_t brute_run(const cordon_snapshot *s, const cb_queries *q, const cb_screen_targets *t, size_t max,
                        cb_outcome *out, int *rc)
{
	enum { MAX_THREADS = 16 };
	unsigned threads = t->brute_threads < 1 ? 1 : t->brute_threads > MAX_THREADS ? MAX_THREADS : t->brute_threads;
	brute_pool p = {s, q, out, max, cb_now() + t->brute_budget_s, 0, 0};
	pthread_t tids[MAX_THREADS];
	int started[MAX_THREADS] = {0};
	/* at least MIN_BRUTE queries whatever the budget: the first ones run before the deadline is checked */
	for (size_t i = 0; i < MIN_BRUTE && i < max; i++) {
		int r = cb_queries_run(s, q, &i, 1, 1, &out[i]);
		if (r) {
			*rc = r;
			return 0;
		}
		atomic_store(&p.next, i + 1);
	}
	for (unsigned i = 1; i < threads; i++)
		started[i] = pthread_create(&tids[i], NULL, brute_worker, &p) == 0;
	brute_worker(&p);
	for (unsigned i = 1; i < threads; i++)
		if (started[i])
			pthread_join(tids[i], NULL);
	*rc = atomic_load(&p.rc);
	size_t n = atomic_load(&p.next);
	return n < max ? n : max;
}

static int compare_exhaustive(const cordon_snapshot *s, const cb_queries *q, const cb_screen_targets *t,
                              const cb_outcome *index)
{
	size_t max = t->brute_max && t->brute_max < q->n ? t->brute_max : q->n;
	cb_outcome *ex = calloc(max ? max : 1, sizeof(*ex)), *ix = calloc(max ? max : 1, sizeof(*ix));
	size_t *which = calloc(max ? max : 1, sizeof(*which));
	int rc = which && ex && ix ? 0 : CORDON_ENOMEM;
	double t0 = cb_now();
	size_t n = rc == 0 ? brute_run(s, q, t, max, ex, &rc) : 0;
	double elapsed = cb_now() - t0;
	if (rc == 0) {
		for (size_t i = 0; i < n; i++)
			which[i] = i;
		for (size_t i = 0; i < n; i++)
			ix[i] = index[i];
		double im, ip, imean, em, ep, emean;
		cb_latency(ix, n, &im, &ip, &imean);
		cb_latency(ex, n, &em, &ep, &emean);
		cb_agreement a;
		cb_agreement_of(ix, ex, n, &a);
		printf("exhaustive scorer (cordon_screen_exhaustive) on %zu of %zu queries (%s; %.1f s, %u at a time):\n", n,
		       q->n, n == q->n ? "all" : "the first ones, as many as the time budget allowed", elapsed,
		       t->brute_threads ? t->brute_threads : 1);
		cb_queries_report(q, which, ex, n);
		char base[200];
		snprintf(base, sizeof(base), "index on the same queries: median %.1f us, p99 %.1f us, mean %.1f us", im, ip,
		         imean);
		cb_figure("exhaustive median latency", em, "us", base);
		cb_figure("exhaustive p99 latency", ep, "us", NULL);
		snprintf(base, sizeof(base), "ratio of medians %.0fx", im > 0 ? em / im : 0);
		cb_figure("speed-up of the index (means)", imean > 0 ? emean / imean : 0, "x", base);
		snprintf(base, sizeof(base), "baseline: exhaustive recall@10 %.1f%%", 100 * cb_recall(ex, n, CB_TOP));
		cb_figure("index recall@10 on the sample", 100 * cb_recall(ix, n, CB_TOP), "%", base);
		snprintf(base, sizeof(base), "index best score below the exhaustive best: %.1f%%", 100 * a.top1_worse);
		cb_figure("index top-1 differs from exhaustive", 100 * a.top1_differs, "%", base);
		cb_figure("recall loss: exhaustive top-1 not in index top-10", 100 * a.loss_top1, "%", NULL);
		snprintf(base, sizeof(base), "mean share of the exhaustive top-10 missing: %.1f%%", 100 * a.loss_mean_top10);
		cb_figure("recall loss: any exhaustive top-10 missing", 100 * a.loss_any_top10, "%", base);
	}
	free(which);
	free(ex);
	free(ix);
	return rc;
}

/* CORDON_BENCH_MISSES=N prints up to N queries whose entity was not in the top 10, for study. */
static void print_misses(const cordon_snapshot *s, const cb_queries *q, const cb_outcome *o)
{
	const char *env = getenv("CORDON_BENCH_MISSES");
	long left = env ? strtol(env, NULL, 10) : 0;
	for (size_t i = 0; i < q->n && left > 0; i++) {
		if (o[i].rank || o[i].tied)
			continue;
		cordon_entity want, top;
		if (cordon_snapshot_entity(s, q->q[i].expected, &want) != 0)
			continue;
		int have_top = o[i].count && cordon_snapshot_entity(s, o[i].top[0], &top) == 0;
		printf("  miss %-8s \"%s\" for %s \"%s\"; top: %s \"%s\" %.3f (%zu results)\n", cb_qkind_name(q->q[i].kind),
		       q->q[i].text, want.id, want.names[0].full, have_top ? top.id : "-", have_top ? top.names[0].full : "",
		       o[i].count ? o[i].score[0] : 0.0, o[i].count);
		cordon_entity_dispose(&want);
		if (have_top)
			cordon_entity_dispose(&top);
		left--;
	}
}

static int by_time_desc(const void *a, const void *b)
{
	double x = (*(const cb_outcome *const *)a)->cpu_us, y = (*(const cb_outcome *const *)b)->cpu_us;
	return x < y ? 1 : x > y ? -1 : 0;
}

/* CORDON_BENCH_SLOWEST=N prints the N queries that took the most CPU time. */
static void print_slowest(const cb_queries *q, const cb_outcome *o)
{
	const char *env = getenv("CORDON_BENCH_SLOWEST");
	size_t want = env ? strtoul(env, NULL, 10) : 0;
	const cb_outcome **order = want ? malloc(q->n * sizeof(*order)) : NULL;
	if (!order)
		return;
	for (size_t i = 0; i < q->n; i++)
		order[i] = &o[i];
	qsort(order, q->n, sizeof(*order), by_time_desc);
	for (size_t i = 0; i < want && i < q->n; i++) {
		size_t k = (size_t)(order[i] - o);
		printf("  slow %-8s \"%s\": %.0f us CPU, %llu candidates\n", cb_qkind_name(q->q[k].kind), q->q[k].text,
		       order[i]->cpu_us, (unsigned long long)order[i]->candidates);
	}
	free(order);
}

int cb_measure_screening(const cordon_snapshot *s, const cb_queries *q, const cb_screen_targets *t)
{
	cb_outcome *o = calloc(q->n ? q->n : 1, sizeof(*o));
	if (!o)
		return CORDON_ENOMEM;
	size_t warm = q->n < WARMUP ? q->n : WARMUP;
	int rc = cb_queries_run(s, q, NULL, warm, 0, o);
	double t0 = cb_now();
	if (rc == 0)
		rc = cb_queries_run(s, q, NULL, q->n, 0, o);
	double elapsed = cb_now() - t0;
	int failed = 0;
	if (rc == 0) {
		printf("index (cordon_screen, single thread, one query after another, after %zu warm-up queries; "
		       "%zu queries in %.2f s):\n",
		       warm, q->n, elapsed);
		cb_queries_report(q, NULL, o, q->n);
		print_misses(s, q, o);
		print_slowest(q, o);
		double med, p99, mean, cmed, cp99, cmean;
		cb_latency(o, q->n, &med, &p99, &mean);
		cb_cpu_latency(o, q->n, &cmed, &cp99, &cmean);
		char base[200];
		snprintf(base, sizeof(base), "thread CPU time %.1f us; mean %.1f us, %.0f queries/s", cmed, mean,
		         mean > 0 ? 1e6 / mean : 0);
		failed += !cb_figure_target("query latency median", med, "us", 1, t->median_us, base);
		snprintf(base, sizeof(base), "thread CPU time %.1f us", cp99);
		failed += !cb_figure_target("query latency p99", p99, "us", 1, t->p99_us, base);
		cb_figure("recall@10 (expected entity in top 10)", 100 * cb_recall(o, q->n, CB_TOP), "%",
		          "ties count as found: the entity would score no higher than the 10th match");
		if (t->results_path && cb_queries_write_results(q, o, q->n, t->results_path) != 0)
			rc = CORDON_EIO;
		if (rc == 0 && t->brute_budget_s > 0)
			rc = compare_exhaustive(s, q, t, o);
	}
	free(o);
	return rc < 0 ? rc : failed;
}
