/**
 * @file cordon/screen.h
 * @brief Screening a name (and the facts that come with it) against a snapshot.
 */
#ifndef CORDON_SCREEN_H
#define CORDON_SCREEN_H

#include "common.h"
#include "snapshot.h"

CORDON_BEGIN_DECL

/** Default score threshold: matches below it are not reported. See docs/matching.md. */
#define CORDON_DEFAULT_THRESHOLD 0.70
#define CORDON_DEFAULT_LIMIT 10

typedef struct {
	unsigned version;
	const char *name;      /**< required, any script */
	int schema;            /**< cordon_schema to restrict to, or -1 for any */
	const char *birth_date;/**< optional "YYYY", "YYYY-MM" or "YYYY-MM-DD" */
	const char *country;   /**< optional ISO alpha-2 or country name */
	const char *dataset;   /**< restrict to one dataset, or NULL */
	double threshold;      /**< minimum score to report */
	size_t limit;          /**< maximum matches to report */
} cordon_query;

#define CORDON_QUERY_VERSION 1
#define CORDON_QUERY_INIT {CORDON_QUERY_VERSION, NULL, -1, NULL, NULL, NULL, CORDON_DEFAULT_THRESHOLD, CORDON_DEFAULT_LIMIT}

typedef struct {
	size_t entity_index;      /**< for cordon_snapshot_entity() */
	const char *entity_id;    /**< borrowed from the snapshot */
	const char *name;         /**< the entity's primary name (borrowed) */
	const char *matched_name; /**< the listed name or alias that scored best (borrowed) */
	const char *dataset;      /**< borrowed */
	int schema;
	double score;             /**< 0..1 */
	double name_score;        /**< the name similarity before other facts */
} cordon_match;

typedef struct {
	cordon_match *matches; /**< best first */
	size_t count;
	uint64_t candidates;   /**< names scored to produce the result */
} cordon_results;

/** Screens one query. Release results with cordon_results_dispose(). */
CORDON_EXTERN(int) cordon_screen(const cordon_snapshot *snapshot, const cordon_query *query,
                                 cordon_results *out) CORDON_WARN_UNUSED;
CORDON_EXTERN(void) cordon_results_dispose(cordon_results *results);

/** Pairwise similarity of two names in 0..1, as the screener scores them. */
CORDON_EXTERN(int) cordon_compare(const char *name1, const char *name2, double *score_out) CORDON_WARN_UNUSED;

CORDON_END_DECL

#endif
