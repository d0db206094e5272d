/* Each field of an entity as a list of canonical strings, so that fields compare as sets. */
#ifndef CDIFF_FIELDS_H
#define CDIFF_FIELDS_H

#include "diff/diff.h"
#include "util/buf.h"

/*
 * Separates what a value shows from the parts that only tell two values apart
 * (an alias's given/family split, a date as published, an identifier's label):
 * "display\x1fhidden". Reports print the display part unless two values share it.
 */
#define CDIFF_HIDDEN_SEP '\x1f'

/*
 * Renders the values of field f of e into strings allocated in a, sorted
 * (strcmp) so that two entities' fields compare element by element whatever
 * order the list gave them in. tmp is scratch space. *count_out may be 0.
 */
int cdiff_render_field(const cordon_entity *e, cdiff_field f, cu_arena *a, cu_buf *tmp, const char ***out,
                       size_t *count_out);

/*
 * 1 when field f holds the same values in the same order in a and b: then the sets are equal
 * and nothing needs rendering. 0 means "render and compare as sets" (they may still be equal).
 */
int cdiff_field_same_order(const cordon_entity *a, const cordon_entity *b, cdiff_field f);

#endif
