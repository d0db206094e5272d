/*
 * Name similarity. Inputs are normalised names (text/normalize.h): ASCII
 * or Latin tokens separated by single spaces. The score is 0..1 and
 * symmetric in spirit but not in weights: a listed name with an extra
 * middle name or patronymic loses less than a query with an unmatched token.
 *
 * This is the simple first scorer (token alignment over Jaro-Winkler); the
 * interface is what the screener depends on.
 */
#ifndef CMATCH_SCORER_H
#define CMATCH_SCORER_H

#include <stddef.h>

#define CMATCH_MAX_TOKENS 32

typedef struct {
	const char *start[CMATCH_MAX_TOKENS];
	unsigned char len[CMATCH_MAX_TOKENS];
	size_t count;
	size_t total_len;
} cmatch_tokens;

/* Splits a normalised name into tokens (pointers into s). Extra tokens beyond the maximum are ignored. */
void cmatch_tokenize(const char *s, cmatch_tokens *out);

/* Jaro-Winkler similarity of two byte strings. */
double cmatch_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen);

/* Similarity of a query and a candidate name. */
double cmatch_score_tokens(const cmatch_tokens *query, const cmatch_tokens *candidate);

/* Convenience: normalised strings in, score out. */
double cmatch_score_names(const char *query_norm, const char *candidate_norm);

#endif
