/*
 * Candidate retrieval: from the query's tokens to the few listed names worth
 * scoring in full. Each query token finds keys exactly, by consonant
 * skeleton, within one edit (symmetric deletes), and as part of a word
 * written together or apart; the postings of those keys vote for entries,
 * weighted by rarity. The best-voted entries go to the scorer.
 */
#ifndef CMATCH_RETRIEVE_H
#define CMATCH_RETRIEVE_H

#include <stddef.h>
#include <stdint.h>

#include "match/query.h"

/* Which of the best-voted entries are worth scoring. */
typedef struct {
	size_t max;   /* at most this many */
	size_t min;   /* the best this many whatever their vote */
	double share; /* and beyond them those voted at least this share of the best */
} cmatch_cut;

/*
 * Fills cands with the entry ids worth scoring by the cut and votes with
 * each one's vote as a share of the best vote of the rendering that found it
 * (1 = the best), best first; returns how many.
 */
size_t cmatch_retrieve(const cmatch_index *idx, const cmatch_prepared *q, int schema, const cmatch_cut *cut,
                       uint32_t *cands, float *votes);

#endif
