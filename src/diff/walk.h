/* The walk over two snapshots shared by the index list (diff.c) and the full result (result.c). */
#ifndef CDIFF_WALK_H
#define CDIFF_WALK_H

#include "diff/diff.h"
#include "util/buf.h"

#define CDIFF_UNCHANGED 3 /* a fourth kind, only inside the walk */

typedef struct walker walker;
/* Called once per entity of either snapshot: o and/or n are set, changed = the differing fields. */
typedef int (*visit_fn)(walker *w, int kind, const cordon_entity *o, const cordon_entity *n, size_t oi, size_t ni,
                        unsigned changed);

struct walker {
	const cordon_snapshot *old_snap, *new_snap; /* old_snap may be NULL */
	unsigned fields;
	const char *dataset;
	cu_arena scratch; /* rendered values of the entity pair in hand */
	cu_buf tmp;
	visit_fn visit;
	void *payload;
};

/* Visits every entity of both snapshots once; first_only: a changed entity's first difference is enough. */
int cdiff_walk(walker *w, int first_only);

/* Renders field f of a and b into w->scratch (sorted); 1 when they differ, 0 when equal, <0 on error. */
int cdiff_field_differs(walker *w, const cordon_entity *a, const cordon_entity *b, cdiff_field f, const char ***va,
                        size_t *na, const char ***vb, size_t *nb);

#endif
