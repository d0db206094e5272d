#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

double cb_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double cb_thread_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double cb_process_cpu(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
	       (double)ru.ru_stime.tv_usec / 1e6;
}

void cb_rng_seed(cb_rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t cb_rng_next(cb_rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

size_t cb_rng_below(cb_rng *r, size_t n)
{
	return n ? (size_t)(cb_rng_next(r) % n) : 0;
}

int cb_rng_chance(cb_rng *r, double p)
{
	return (double)(cb_rng_next(r) >> 11) * (1.0 / 9007199254740992.0) < p;
}

static uint64_t status_kb(const char *text, const char *key)
{
	const char *p = strstr(text, key);
	return p ? strtoull(p + strlen(key), NULL, 10) * 1024 : 0;
}

void cb_memory(uint64_t *rss, uint64_t *hwm)
{
	char text[8192];
	*rss = *hwm = 0;
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return;
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	*rss = status_kb(text, "VmRSS:");
	*hwm = status_kb(text, "VmHWM:");
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

double cb_percentile(double *v, size_t n, double p)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), by_value);
	double rank = p / 100.0 * (double)(n - 1);
	size_t lo = (size_t)rank;
	if (lo + 1 >= n)
		return v[n - 1];
	return v[lo] + (v[lo + 1] - v[lo]) * (rank - (double)lo);
}

int cb_figure_target(const char *name, double value, const char *unit, int less, double limit,
                     const char *baseline)
{
	int pass = less ? value <= limit : value >= limit;
	printf("  %-44s %10.4g %-3s  target %s %g %s: %s", name, value, unit, less ? "<=" : ">=", limit, unit,
	       pass ? "PASS" : "FAIL");
	if (baseline && *baseline)
		printf("  (%s)", baseline);
	printf("\n");
	return pass;
}

void cb_figure(const char *name, double value, const char *unit, const char *baseline)
{
	printf("  %-44s %10.4g %-3s", name, value, unit);
	if (baseline && *baseline)
		printf("  (%s)", baseline);
	printf("\n");
}

uint64_t cb_file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}
