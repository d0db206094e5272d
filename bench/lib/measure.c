#include "measure.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

#define WARMUP 200

/* Queries spread evenly over the set, so each kind is represented as in the whole. */
static size_t *spread(size_t total, size_t n)
{
	size_t *which = malloc((n ? n : 1) * sizeof(*which));
	for (size_t i = 0; which && i < n; i++)
		which[i] = (size_t)((double)i * (double)total / (double)n);
	return which;
}

typedef struct {
	const cordon_snapshot *s;
	const cb_queries *q;
	const size_t *which;
	size_t n;
	cb_outcome *out;
	int rc;
} brute_part;

static void *brute_worker(void *arg)
{
	brute_part *p = arg;
	p->rc = cb_queries_run(p->s, p->q, p->which, p->n, 1, p->out);
	return NULL;
}

/* The exhaustive screenings of which[0..n), split over threads (each query still runs on one thread). */
static int brute_run(const cordon_snapshot *s, const cb_queries *q, const size_t *which, size_t n,
                     unsigned threads, cb_outcome *out)
{
	enum { MAX_THREADS = 16 };
	if (threads < 1)
		threads = 1;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	brute_part parts[MAX_THREADS];
	pthread_t tids[MAX_THREADS];
	size_t from = 0;
	for (unsigned i = 0; i < threads; i++) {
		size_t to = n * (i + 1) / threads;
		parts[i] = (brute_part){s, q, which + from, to - from, out + from, 0};
		from = to;
	}
	for (unsigned i = 1; i < threads; i++)
		if (pthread_create(&tids[i], NULL, brute_worker, &parts[i]) != 0)
			parts[i].rc = CORDON_ERROR;
	brute_worker(&parts[0]);
	int rc = parts[0].rc;
	for (unsigned i = 1; i < threads; i++) {
		if (parts[i].rc == 0)
			pthread_join(tids[i], NULL);
		if (parts[i].rc)
			rc = parts[i].rc;
	}
	return rc;
}

/* How many exhaustive screenings fit the budget, timing a few first. */
static size_t brute_sample_size(const cordon_snapshot *s, const cb_queries *q, const cb_screen_targets *t,
                                double *per_query)
{
	size_t probe_n = q->n < 3 ? q->n : 3;
	size_t *probe = spread(q->n, probe_n);
	cb_outcome o[3];
	double t0 = cb_now();
	int rc = probe ? cb_queries_run(s, q, probe, probe_n, 1, o) : -1;
	*per_query = (cb_now() - t0) / (double)(probe_n ? probe_n : 1);
	free(probe);
	if (rc != 0)
		return 0;
	unsigned threads = t->brute_threads ? t->brute_threads : 1;
	size_t fit = (size_t)(t->brute_budget_s * threads / (*per_query > 1e-9 ? *per_query : 1e-9));
	if (t->brute_max && fit > t->brute_max)
		fit = t->brute_max;
	if (fit > q->n)
		fit = q->n;
	return fit < 10 && q->n >= 10 ? 10 : fit;
}

static int compare_exhaustive(const cordon_snapshot *s, const cb_queries *q, const cb_screen_targets *t,
                              const cb_outcome *index)
{
	double per;
	size_t n = brute_sample_size(s, q, t, &per);
	size_t *which = spread(q->n, n);
	cb_outcome *ex = calloc(n ? n : 1, sizeof(*ex)), *ix = calloc(n ? n : 1, sizeof(*ix));
	int rc = which && ex && ix ? 0 : CORDON_ENOMEM;
	double t0 = cb_now();
	if (rc == 0)
		rc = brute_run(s, q, which, n, t->brute_threads, ex);
	double elapsed = cb_now() - t0;
	if (rc == 0) {
		for (size_t i = 0; i < n; i++)
			ix[i] = index[which[i]];
		double im, ip, imean, em, ep, emean;
		cb_latency(ix, n, &im, &ip, &imean);
		cb_latency(ex, n, &em, &ep, &emean);
		cb_agreement a;
		cb_agreement_of(ix, ex, n, &a);
		printf("exhaustive scorer (cordon_screen_exhaustive) on %zu of %zu queries (%s; %.1f s, %u at a time):\n", n,
		       q->n, n == q->n ? "all" : "evenly spread sample fitting the time budget", elapsed,
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
		if (t->brute_budget_s > 0)
			rc = compare_exhaustive(s, q, t, o);
	}
	free(o);
	return rc < 0 ? rc : failed;
}
