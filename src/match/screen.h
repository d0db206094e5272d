/* Screening with the match index: prepare, retrieve, score, weigh the facts, explain. */
#ifndef CMATCH_SCREEN_H
#define CMATCH_SCREEN_H

#include "cordon/screen.h"
#include "match/index.h"

/* exhaustive: score every listed name instead of the retrieved candidates. */
int cmatch_screen(const cmatch_index *idx, const cordon_query *query, int exhaustive, cordon_results *out);

/* Two names scored against each other in both directions (symmetric). */
int cmatch_compare(const char *a, const char *b, double *score);

#endif
