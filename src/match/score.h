/*
 * Name similarity between a query rendering and a listed rendering.
 *
 * Tokens are aligned one to one, or one to two adjacent tokens written
 * together on the other side ("Huawei" / "Hua Wei", "Abdulrahman" /
 * "Abd al Rahman"), greedily by similarity times weight. A token's weight is
 * its rarity on the lists (idf) times its role: legal forms and titles weigh
 * nothing, particles, initials and patronymics little. The score is the
 * weighted similarity of the aligned pairs over all weight, where tokens
 * left unmatched count only in part (a listed middle name the query lacks
 * costs less than a query word the listing lacks). Numbers must agree. Legal
 * forms only break ties: the same class of form scores a hair above another.
 */
#ifndef CMATCH_SCORE_H
#define CMATCH_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "text/name.h"

/* One side's tokens, prepared for scoring. */
typedef struct {
	const char *text;  /* as rendered */
	const char *key;   /* variant key */
	const char *cons;  /* consonant key */
	unsigned char key_len, cons_len, kind;
	unsigned char semitic; /* read from Arabic or Hebrew script: short vowels were never written */
	unsigned char key_id_known; /* query tokens: the lists use this word (its key is in the index) */
	float weight;      /* idf x role factor */
	uint64_t key_mask; /* cmatch_letter_mask of key */
	uint32_t key_id;   /* listed tokens: index key, for memoising similarities; UINT32_MAX otherwise */
} cmatch_tok;

typedef struct {
	cmatch_tok t[CT_MAX_TOKENS];
	size_t n;
	size_t numbers; /* tokens of kind NUMBER */
	unsigned char legal; /* ct_legal_class of the name's legal form, or 0 */
} cmatch_side;

/* Role factor applied to a token's idf. */
double cmatch_role_factor(unsigned kind);

/* Similarity of two tokens with the method that found it (static string). */
double cmatch_token_similarity(const cmatch_tok *a, const cmatch_tok *b, const char **method);

double cmatch_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen);

/* Jaro-Winkler capped by edit distance; 0 below the floor at which two words count as the same. */
double cmatch_word_similarity(const char *a, size_t alen, const char *b, size_t blen);
/* The letters a word uses, one bit per byte value modulo 64: cmatch_word_similarity's first filter. */
uint64_t cmatch_letter_mask(const char *s, size_t len);
/* Optimal-string-alignment distance (a swap of neighbours is one edit), capped at 4. */
size_t cmatch_edit_distance(const char *a, size_t n, const char *b, size_t m);

#define CMATCH_MAX_PAIRS (2 * CT_MAX_TOKENS)

/* One aligned pair (or an unmatched token: the other index is -1). */
typedef struct {
	signed char q[2], e[2]; /* token indexes; second -1 unless merged */
	double sim;
	double weight;
	const char *method;
} cmatch_pair;

typedef struct {
	double score;        /* name score after numbers, before facts and alias quality */
	double number_factor;
	cmatch_pair pairs[CMATCH_MAX_PAIRS];
	size_t pair_count;   /* aligned pairs first, then unmatched tokens */
} cmatch_alignment;

/*
 * Similarities of query tokens against listed keys are remembered for the
 * duration of one query (the same keys recur across candidates): call
 * cmatch_score_begin_query before scoring a new query's candidates.
 */
void cmatch_score_begin_query(void);

/* Scores query against entry; fills align (which may be NULL when only the score is wanted). */
double cmatch_score_sides(const cmatch_side *query, const cmatch_side *entry, cmatch_alignment *align);

#endif
