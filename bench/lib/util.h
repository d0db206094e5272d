/* Shared by the benchmarks: clocks, a seeded generator, process memory, percentiles, figure lines. */
#ifndef CB_UTIL_H
#define CB_UTIL_H

#include <stddef.h>
#include <stdint.h>

double cb_now(void);
/* CPU time of the calling thread, and of the whole process (user + system), in seconds. */
double cb_thread_cpu(void);
double cb_process_cpu(void);

/* splitmix64: deterministic for a seed on every machine. */
typedef struct {
	uint64_t s;
} cb_rng;

void cb_rng_seed(cb_rng *r, uint64_t seed);
uint64_t cb_rng_next(cb_rng *r);
/* Uniform in [0, n); 0 when n is 0. */
size_t cb_rng_below(cb_rng *r, size_t n);
/* 1 with probability p. */
int cb_rng_chance(cb_rng *r, double p);

/* VmRSS and VmHWM of this process in bytes (0 when /proc is unavailable). */
void cb_memory(uint64_t *rss, uint64_t *hwm);

/* p-th percentile (0..100) of v[0..n), sorting v in place; 0 when n is 0. */
double cb_percentile(double *v, size_t n, double p);

/*
 * One figure with its target: "  NAME  VALUE UNIT  (BASELINE)  target OP LIMIT UNIT: PASS".
 * less: the target is value <= limit (else value >= limit). Lines carrying a target are what
 * scripts/bench collects into its summary. Returns 1 when the figure passes.
 */
int cb_figure_target(const char *name, double value, const char *unit, int less, double limit,
                     const char *baseline);
/* A figure without a target. */
void cb_figure(const char *name, double value, const char *unit, const char *baseline);

/* The file size in bytes, or 0. */
uint64_t cb_file_size(const char *path);

#endif
