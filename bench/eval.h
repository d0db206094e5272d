/*
 * The name-matching evaluation harness (bench_eval): shared types and the
 * helpers its files use. bench_eval.c runs it; eval_util.c has the PRNG and
 * string helpers, eval_variants.c the Latin variant kinds, eval_script.c the
 * cross-script renderings (ICU), eval_negatives.c the names that must not
 * match, eval_report.c the summary.
 */
#ifndef CORDON_BENCH_EVAL_H
#define CORDON_BENCH_EVAL_H

#include <stddef.h>
#include <stdint.h>

#include "cordon.h"
#include "model/entity_build.h"
#include "util/buf.h"

/* ---- variant kinds ---- */

typedef enum {
	EK_EXACT = 0,
	EK_ALIAS,
	EK_TYPO,
	EK_TRANSPOSITION,
	EK_REORDER,
	EK_DROP_MIDDLE,
	EK_LEGAL_FORM,
	EK_DIACRITICS,
	EK_SPACING,
	EK_CASE_PUNCT,
	EK_CYRILLIC,
	EK_GREEK,
	EK_ARABIC,
	EK_HAN,
	EK_NEG_PEOPLE,
	EK_NEG_COMPANIES,
	EK_COUNT
} eval_kind;

#define EK_FIRST_CROSS EK_CYRILLIC
#define EK_FIRST_NEGATIVE EK_NEG_PEOPLE

static inline int eval_kind_is_latin(int k) { return k < EK_FIRST_CROSS; }
static inline int eval_kind_is_cross(int k) { return k >= EK_FIRST_CROSS && k < EK_FIRST_NEGATIVE; }
static inline int eval_kind_is_negative(int k) { return k >= EK_FIRST_NEGATIVE && k < EK_COUNT; }

const char *eval_kind_name(int kind);

/* Where a query's text came from. */
typedef enum {
	EO_DERIVED = 0, /* made by the harness from a listed name (edit, ICU rendering, word lists) */
	EO_LISTED = 1   /* a name exactly as a list publishes it (original-script names, real people) */
} eval_origin;

#define EVAL_NO_TARGET SIZE_MAX

typedef struct {
	char *text;
	size_t target;  /* index into the evaluation's entity table, EVAL_NO_TARGET for negatives */
	uint8_t kind;   /* eval_kind */
	uint8_t origin; /* eval_origin */
	/* filled by scoring; strings borrowed from the snapshot */
	int rank;       /* 1..limit of the expected entity (or an equivalent), 0 when absent */
	double score;   /* score of the match at rank, 0 when absent */
	const char *top_id, *top_name, *top_matched;
	double top_score;
	double latency_us;
} eval_query;

typedef struct {
	eval_query *items;
	size_t count, cap;
} eval_queries;

/* Takes ownership of text (freed on failure). */
int eval_queries_add(eval_queries *q, char *text, size_t target, int kind, int origin);
void eval_queries_dispose(eval_queries *q);

/* One entity of the evaluation snapshot, with the facts the generators need. */
typedef struct {
	const cordon_entity *e; /* Latin names only; names[0] primary */
	char *key;              /* primary name without case, punctuation and word order */
	char **name_keys;       /* keys of every name that is not a weak alias, sorted */
	size_t name_key_count;
} eval_entity;

/* A name in a non-Latin script taken out of the evaluation snapshot; kept as a cross-script query. */
typedef struct {
	size_t target; /* eval_entity index */
	char *text;
	unsigned scripts; /* CT_SCRIPT_* */
} eval_original;

typedef struct {
	eval_entity *entities;
	size_t entity_count;
	eval_original *originals;
	size_t original_count;
	char **listed_keys; /* keys of every listed name (any script), sorted, for the negatives */
	size_t listed_key_count;
	int strict_equivalence; /* only equal primary names make two entities equivalent */
} eval_corpus;

/*
 * Whether a match on entity `other` counts as finding entity `target`: the
 * same entity, or the same party listed again (in another list, or twice in
 * one): equal primary names, or (unless strict) one entity lists the other's
 * primary name among its own names, as OFAC lists UN's "SULTAN HASHIM AHMAD
 * AL-TA'I" as an alias of "AL-TAI, Sultan Hashim Ahmad"; or (unless strict)
 * the same schema, primary names cordon_compare scores at least 0.93, and
 * birth years that agree.
 */
int eval_equivalent(const eval_corpus *c, size_t target, size_t other);

/* ---- deterministic randomness ---- */

typedef struct {
	uint64_t s;
} eval_rng;

/* A generator for one purpose: the same (seed, a, b, c) always gives the same stream. */
void eval_rng_seed(eval_rng *r, uint64_t seed, const char *a, const char *b, uint64_t c);
uint64_t eval_rng_next(eval_rng *r);
/* Uniform in [0, n); 0 when n is 0. */
size_t eval_rng_below(eval_rng *r, size_t n);
/* 1 with probability percent/100. */
int eval_rng_chance(eval_rng *r, unsigned percent);
void eval_shuffle(eval_rng *r, void *items, size_t count, size_t size);

/* ---- strings ---- */

/*
 * The comparison key of a name: ASCII lower-cased, every run of characters
 * that are not letters or digits (ASCII punctuation, spaces) one space, ends
 * trimmed. Non-ASCII bytes are kept. malloc'd.
 */
char *eval_name_key(const char *s);
int eval_key_listed(const eval_corpus *c, const char *key);
/* Whether key is in keys[0..n) (sorted). */
int eval_key_in(char *const *keys, size_t n, const char *key);
char *eval_strdup(const char *s);
/* Splits s at spaces into at most max tokens (malloc'd copies); returns the count. */
size_t eval_split(const char *s, char **tokens, size_t max);
void eval_free_tokens(char **tokens, size_t n);
/* Joins tokens[0..n) with single spaces, skipping NULL ones; malloc'd. */
char *eval_join(char *const *tokens, size_t n);
static inline int eval_is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline int eval_is_upper(int c) { return c >= 'A' && c <= 'Z'; }
/* 1 when s has ASCII letters and none of them is lower-case. */
int eval_all_upper(const char *s);

/* ---- generators ---- */

/*
 * Writes the variant of the given Latin kind of entity ent into *out
 * (malloc'd) and returns 1, or 0 when the kind does not apply to it.
 */
int eval_latin_variant(int kind, const eval_entity *ent, eval_rng *rng, char **out);

/* Cross-script renderings through ICU transforms. */
typedef struct eval_icu eval_icu;
int eval_icu_open(eval_icu **out);
void eval_icu_close(eval_icu *icu);
int eval_entity_russian_tie(const cordon_entity *e);
int eval_entity_arabic_tie(const cordon_entity *e);
/* Renders a Latin name with the transform of kind (EK_CYRILLIC, EK_GREEK, EK_ARABIC); NULL if it failed. */
char *eval_render(eval_icu *icu, int kind, const char *latin);

/* Real people who are not listed (Senzing JSON lines); returns 0 or a cordon error code. */
int eval_load_people(const char *path, eval_queries *q, size_t *skipped_out);
/* About n realistic company names, none equal to a listed name. */
int eval_make_companies(const eval_corpus *c, uint64_t seed, size_t n, eval_queries *q);

/* ---- report ---- */

#define EVAL_MAX_THRESHOLDS 8

typedef struct {
	uint64_t seed;
	size_t per_kind;
	double threshold;
	size_t failures;
	int timing;
	size_t available[EK_COUNT]; /* candidates each kind had before the cap */
	size_t people_skipped;      /* Senzing records without a RECORD_TYPE */
	/* --exhaustive */
	size_t exh_n, exh_set_differs, exh_top_differs, exh_expected_only_exhaustive, exh_best_lower, exh_hits_differ;
	double exh_index_us, exh_full_us;
	double elapsed_s;
	size_t snapshot_entities, dropped_entities, removed_names;
	size_t removed_by_kind[EK_COUNT]; /* non-Latin names taken out, by the cross-script kind they belong to */
	int strict_equivalence;
} eval_run;

/* Prints the summary; returns the number of failed targets. */
int eval_report(const eval_run *run, const eval_corpus *c, const eval_queries *q);
/* Prints the first run->failures misses of each kind (and false positives of the negatives). */
void eval_report_failures(const eval_run *run, const eval_corpus *c, const eval_queries *q);
int eval_write_json(const char *path, const eval_corpus *c, const eval_queries *q);

#endif
