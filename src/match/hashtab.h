/*
 * Static open-addressing hash tables, built once and used from the mapping.
 * A table is a power-of-two array of cmatch_slot; keys are 64-bit hashes of
 * strings; several slots may hold the same hash (a multi-map), so a lookup
 * visits every slot of the probe run whose check matches.
 */
#ifndef CMATCH_HASHTAB_H
#define CMATCH_HASHTAB_H

#include <stddef.h>
#include <stdint.h>

#include "match/layout.h"

uint64_t cmatch_hash(const char *s, size_t len);

typedef struct {
	cmatch_slot *slots;
	size_t mask; /* slot count - 1 */
} cmatch_table;

/* Allocates a table for up to n entries (load <= 1/2). */
int cmatch_table_init(cmatch_table *t, size_t n);
void cmatch_table_dispose(cmatch_table *t);
void cmatch_table_insert(cmatch_table *t, uint64_t hash, uint32_t value);

/* Iteration over the values stored under hash. */
typedef struct {
	const cmatch_slot *slots;
	size_t mask, pos;
	uint32_t check;
} cmatch_probe;

void cmatch_probe_start(cmatch_probe *p, const cmatch_slot *slots, size_t slot_count, uint64_t hash);
/* Next candidate value, or CMATCH_EMPTY_SLOT at the end of the run. */
uint32_t cmatch_probe_next(cmatch_probe *p);

#endif
