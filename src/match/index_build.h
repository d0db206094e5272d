/* Building the match index sections for a snapshot. */
#ifndef CMATCH_INDEX_BUILD_H
#define CMATCH_INDEX_BUILD_H

#include "cordon/entity.h"
#include "snapshot/container.h"
#include "snapshot/strings.h"
#include "util/buf.h"

#define CMATCH_SECTION_COUNT 9

typedef struct {
	uint32_t id[CMATCH_SECTION_COUNT];
	cu_buf data[CMATCH_SECTION_COUNT];
	size_t count;
} cmatch_sections;

void cmatch_sections_dispose(cmatch_sections *s);

/*
 * Analyses every name of entities[0..count) (entity i has snapshot index i)
 * with `threads` workers (0 = all cores) and fills out with the index
 * sections. Strings go into the snapshot's pool.
 */
int cmatch_index_build(const cordon_entity *const *entities, size_t count, csnap_strings *strings,
                       unsigned threads, cmatch_sections *out);

/* Appends every section to the writer. */
int cmatch_sections_write(const cmatch_sections *s, csnap_writer *w);

/* Normalised identifier value used by the identifier index: letters and digits, upper case. */
size_t cmatch_identifier_norm(const char *value, char *out, size_t size);

#endif
