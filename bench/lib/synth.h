/*
 * A synthetic OpenSanctions-style corpus: FollowTheMoney JSON lines composed
 * from harvested name parts (harvest.h), deterministic for a seed.
 */
#ifndef CB_SYNTH_H
#define CB_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "harvest.h"

typedef struct {
	size_t count;     /* entities */
	uint64_t seed;
	const char *path; /* written gzip-compressed when it ends in ".gz" */
	double persons, organizations; /* shares; vessels get the rest */
} cb_synth_options;

typedef struct {
	size_t persons, organizations, vessels;
	size_t names;       /* primary names and aliases written */
	size_t cyrillic, arabic, han; /* names in those scripts */
	size_t weak, previous;
	size_t alias_histogram[6];
	uint64_t bytes;     /* uncompressed */
} cb_synth_stats;

/* Writes the corpus; 0, or -1 with a message on stderr. */
int cb_synth_write(const cb_harvest *h, const cb_synth_options *o, cb_synth_stats *st);

void cb_synth_print(const cb_synth_stats *st);

#endif
