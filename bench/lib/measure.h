/* The latency and recall measurement bench_screen and bench_scale share. */
#ifndef CB_MEASURE_H
#define CB_MEASURE_H

#include <stddef.h>

#include "queries.h"

typedef struct {
	double median_us, p99_us;   /* latency targets */
	double brute_budget_s;      /* time allowed for the exhaustive comparison; 0 skips it */
	size_t brute_max;           /* at most this many queries compared (0: all that fit the budget) */
	unsigned brute_threads;     /* exhaustive screenings run at once (each still one query per thread) */
	const char *results_path;   /* when set, every query's matches are written there (cb_queries_write_results) */
} cb_screen_targets;

/*
 * Warms up, then screens every query once on this thread (index), prints the per-kind
 * table and the figures against the targets, then screens an evenly spread sample with
 * cordon_screen_exhaustive and prints times, speed-up and agreement.
 * Returns the number of figures that failed their target, or a negative code.
 */
int cb_measure_screening(const cordon_snapshot *s, const cb_queries *q, const cb_screen_targets *t);

#endif
