/*
 * Screening queries derived from a snapshot's own entities (so the entity
 * each query should find is known), and running them with latency, recall
 * and the exhaustive scorer's answers for comparison.
 */
#ifndef CB_QUERIES_H
#define CB_QUERIES_H

#include <stddef.h>
#include <stdint.h>

#include "cordon.h"
#include "harvest.h"

typedef enum {
	CB_Q_EXACT,    /* the primary name as listed */
	CB_Q_ALIAS,    /* another listed name, any script */
	CB_Q_TYPO,     /* one keyboard slip */
	CB_Q_REORDER,  /* family name first, or the last word moved to the front */
	CB_Q_CYRILLIC, /* the Latin name in Russian Cyrillic (ICU Latin-Russian/BGN) */
	CB_Q_ARABIC,   /* the Latin name in Arabic script, word pairs from the lists */
	CB_Q_KINDS
} cb_qkind;

const char *cb_qkind_name(int kind);

typedef struct {
	char *text;
	size_t expected; /* snapshot index of the entity the query was made from */
	int kind;
} cb_query;

typedef struct {
	cb_query *q;
	size_t n;
} cb_queries;

/*
 * count queries from random entities of s (seeded), kinds drawn with weights mix[CB_Q_KINDS];
 * h (may be NULL) supplies Arabic word pairs. A kind that does not apply to an entity is
 * tried on other entities.
 */
int cb_queries_make(const cordon_snapshot *s, const cb_harvest *h, size_t count, uint64_t seed,
                    const double mix[CB_Q_KINDS], cb_queries *out);
void cb_queries_dispose(cb_queries *q);

#define CB_TOP 10

/* What one screening returned. */
typedef struct {
	double us;         /* cordon_screen (or _exhaustive) alone, microseconds of wall time */
	double cpu_us;     /* the same in CPU time of the thread: what is left when other processes take the cores */
	int rank;          /* 1-based rank of the expected entity among the top CB_TOP, 0 if absent */
	size_t count;      /* matches returned (at most CB_TOP) */
	size_t top[CB_TOP];/* entity indexes, best first */
	double score[CB_TOP];
	uint64_t candidates;
	int tied; /* absent, but the list is full of matches scoring at least what it would (by cordon_compare) */
} cb_outcome;

/* Runs queries which[0..n) (all when which is NULL), one after another on this thread. */
int cb_queries_run(const cordon_snapshot *s, const cb_queries *q, const size_t *which, size_t n, int exhaustive,
                   cb_outcome *out);

/*
 * Writes each query's results, one line per query: the query, then entity index and score of
 * each match. Two builds that should screen alike must write the same file.
 */
int cb_queries_write_results(const cb_queries *q, const cb_outcome *o, size_t n, const char *path);

/* Per kind and overall: count, recall@1, recall@10, ties, median and p99 latency, mean candidates. */
void cb_queries_report(const cb_queries *q, const size_t *which, const cb_outcome *o, size_t n);

/* Latency percentiles (microseconds) of o[0..n), wall time or (cpu) thread CPU time. */
void cb_latency(const cb_outcome *o, size_t n, double *median, double *p99, double *mean);
void cb_cpu_latency(const cb_outcome *o, size_t n, double *median, double *p99, double *mean);

/* Fraction of o[0..n) whose expected entity is within the first k results. */
double cb_recall(const cb_outcome *o, size_t n, int k);

/*
 * Index against exhaustive on the same queries: the share where the top-1 entity differs,
 * where the index's best score is lower (it missed a better match), where the exhaustive
 * top-1 entity is missing from the index's top 10, and where any of the exhaustive top 10
 * is (with the mean share of the exhaustive top 10 missing).
 */
typedef struct {
	double top1_differs, top1_worse, loss_top1, loss_any_top10, loss_mean_top10;
} cb_agreement;

void cb_agreement_of(const cb_outcome *index, const cb_outcome *exhaustive, size_t n, cb_agreement *out);

#endif
