/**
 * @file cordon/screen.h
 * @brief Screening a name (and the facts that come with it) against a snapshot.
 */
#ifndef CORDON_SCREEN_H
#define CORDON_SCREEN_H

#include "common.h"
#include "snapshot.h"

CORDON_BEGIN_DECL

/**
 * Default score threshold: a match at or above it is a potential hit an
 * analyst should review. Chosen on the evaluation set (docs/matching.md):
 * it keeps recall on every variant kind while the false-positive rate on
 * real people who are not listed stays under 1%.
 */
#define CORDON_DEFAULT_THRESHOLD 0.78
#define CORDON_DEFAULT_LIMIT 10

/** An identifier supplied with a query; an exact match with a listed identifier is decisive. */
typedef struct {
	const char *kind;  /**< "passport", "imo", ... or NULL for any kind */
	const char *value; /**< compared on letters and digits only, case-insensitively */
} cordon_query_identifier;

typedef struct {
	unsigned version;
	const char *name;       /**< required, any script */
	int schema;             /**< cordon_schema to restrict to, or -1 for any */
	const char *birth_date; /**< optional "YYYY", "YYYY-MM" or "YYYY-MM-DD" */
	const char *country;    /**< optional ISO alpha-2 or English country name */
	const char *dataset;    /**< restrict to one dataset, or NULL */
	double threshold;       /**< minimum score to report */
	size_t limit;           /**< maximum matches to report */
	const cordon_query_identifier *identifiers; /**< optional */
	size_t identifier_count;
	int explain;            /**< fill cordon_match.explanation */
} cordon_query;

#define CORDON_QUERY_VERSION 1
#define CORDON_QUERY_INIT                                                                                      \
	{CORDON_QUERY_VERSION, NULL, -1, NULL, NULL, NULL, CORDON_DEFAULT_THRESHOLD, CORDON_DEFAULT_LIMIT, NULL, 0, 0}

/** How one query token lined up with the listed name. */
typedef struct {
	const char *query_token;  /**< as the query was rendered ("yevgeniy"), or "" when unmatched */
	const char *listed_token; /**< as the listed name was rendered; two tokens joined by "+" when merged; "" when unmatched */
	const char *method;       /**< "exact", "spelling", "consonants", "fuzzy", "near" (one edit, little credit), "initial", "merged", "number", "unmatched" */
	double similarity;        /**< 0..1 */
	double weight;            /**< the pair's share of the name score (rarer words weigh more) */
} cordon_alignment;

/** A fact that moved the score: name similarity, birth date, country, identifier, alias quality. */
typedef struct {
	const char *feature;     /**< "name", "weak_alias", "numbers", "birth_date", "country", "identifier" */
	double contribution;     /**< added to the score (may be negative); the name feature is the base */
	const char *detail;      /**< human-readable reason */
} cordon_feature;

typedef struct {
	const char *query_form;     /**< the rendering of the query that matched */
	const char *query_scheme;   /**< how it was romanised: "latin", "bgn", "scholarly", "pinyin", ... */
	const char *listed_form;    /**< the rendering of the listed name */
	const char *listed_scheme;
	const char *query_legal_form;  /**< legal form set aside ("llc", "jsc", ...) or NULL */
	const char *listed_legal_form;
	cordon_alignment *alignments;
	size_t alignment_count;
	cordon_feature *features;
	size_t feature_count;
} cordon_explanation;

typedef struct {
	size_t entity_index;      /**< for cordon_snapshot_entity() */
	const char *entity_id;    /**< borrowed from the snapshot */
	const char *name;         /**< the entity's primary name (borrowed) */
	const char *matched_name; /**< the listed name or alias that scored best (borrowed) */
	const char *dataset;      /**< borrowed */
	int schema;
	double score;             /**< 0..1, all facts included */
	double name_score;        /**< the name similarity before other facts */
	const cordon_explanation *explanation; /**< when the query asked for one, else NULL */
} cordon_match;

typedef struct {
	cordon_match *matches; /**< best first */
	size_t count;
	uint64_t candidates;   /**< listed names scored in full to produce the result */
	void *internal;        /**< storage of explanations; released by cordon_results_dispose */
} cordon_results;

/** Screens one query. Release results with cordon_results_dispose(). */
CORDON_EXTERN(int) cordon_screen(const cordon_snapshot *snapshot, const cordon_query *query,
                                 cordon_results *out) CORDON_WARN_UNUSED;

/**
 * Screens by scoring every listed name, without the index: slow, for
 * measuring what the index's candidate retrieval loses.
 */
CORDON_EXTERN(int) cordon_screen_exhaustive(const cordon_snapshot *snapshot, const cordon_query *query,
                                            cordon_results *out) CORDON_WARN_UNUSED;

CORDON_EXTERN(void) cordon_results_dispose(cordon_results *results);

/** Pairwise similarity of two names in 0..1, as the screener scores names (symmetric). */
CORDON_EXTERN(int) cordon_compare(const char *name1, const char *name2, double *score_out) CORDON_WARN_UNUSED;

CORDON_END_DECL

#endif
