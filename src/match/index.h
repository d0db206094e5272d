/*
 * The match index stored in a snapshot. This first version keeps, for every
 * listed name, its normalised form; screening scores all of them. Names of
 * one entity are stored together so the best name per entity is found in
 * one pass.
 */
#ifndef CMATCH_INDEX_H
#define CMATCH_INDEX_H

#include <stdint.h>

#include "cordon/screen.h"
#include "snapshot/container.h"
#include "snapshot/snapshot.h"

typedef struct {
	uint32_t entity; /* index into the ENTITIES section */
	uint32_t norm;   /* string ref of the normalised name */
	uint32_t full;   /* string ref of the name as published */
	uint8_t kind;    /* cordon_name_kind */
	uint8_t weak;
	uint16_t reserved;
} cmatch_name_row;

/* Builds the NAMES section for entities[0..count) (entity i has snapshot index i). */
int cmatch_index_build(const cordon_entity *const *entities, size_t count, csnap_strings *strings,
                       cu_buf *names_section);

typedef struct {
	const csnap_snapshot *snap;
	const cmatch_name_row *names;
	size_t name_count;
} cmatch_index;

int cmatch_index_open(cmatch_index *idx, const csnap_snapshot *snap);

/* Screens a query; results borrow strings from the snapshot. */
int cmatch_screen(const cmatch_index *idx, const cordon_query *query, cordon_results *out);

#endif
