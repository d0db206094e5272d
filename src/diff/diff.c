/*
 * Matching two snapshots by entity id and comparing matched entities field by
 * field. Each field is compared as a sorted set of canonical strings
 * (fields.c), so a list that merely reordered an entity's aliases or
 * addresses does not report it as changed, and the same strings name the
 * values that were removed and added.
 */
#include "diff/diff.h"

#include <stdlib.h>
#include <string.h>

#include "diff/fields.h"
#include "diff/walk.h"
#include "util/error.h"
#include "util/grow.h"

/* Renders field f of both entities into the scratch arena; 1 when the sets differ. */
int cdiff_field_differs(walker *w, const cordon_entity *a, const cordon_entity *b, cdiff_field f,
                         const char ***va, size_t *na, const char ***vb, size_t *nb)
{
	if (cdiff_field_same_order(a, b, f)) {
		*va = *vb = NULL;
		*na = *nb = 0;
		return 0;
	}
	int rc = cdiff_render_field(a, f, &w->scratch, &w->tmp, va, na);
	if (!rc)
		rc = cdiff_render_field(b, f, &w->scratch, &w->tmp, vb, nb);
	if (rc)
		return rc;
	if (*na != *nb)
		return 1;
	for (size_t i = 0; i < *na; i++)
		if (strcmp((*va)[i], (*vb)[i]) != 0)
			return 1;
	return 0;
}

/* Bitmask of the selected fields that differ (stops at the first when first_only); negative on error. */
static long changed_fields(walker *w, const cordon_entity *a, const cordon_entity *b, int first_only)
{
	unsigned changed = 0;
	for (int f = 0; f < CDIFF_FIELD_COUNT; f++) {
		if (!(w->fields & CDIFF_BIT(f)))
			continue;
		const char **va, **vb;
		size_t na, nb;
		int d = cdiff_field_differs(w, a, b, (cdiff_field)f, &va, &na, &vb, &nb);
		if (d < 0)
			return d;
		if (d) {
			changed |= CDIFF_BIT(f);
			if (first_only)
				break;
		}
	}
	cu_arena_reset(&w->scratch);
	return (long)changed;
}

static int in_scope(const walker *w, const cordon_entity *e)
{
	return !w->dataset || (e->dataset && strcmp(e->dataset, w->dataset) == 0);
}

/* One entity of the new snapshot: added, changed or unchanged; marks its old twin as seen. */
static int walk_new(walker *w, size_t ni, unsigned char *seen, int first_only)
{
	cordon_entity n, o;
	int rc = cordon_snapshot_entity(w->new_snap, ni, &n);
	if (rc)
		return rc;
	size_t oi = CDIFF_NO_INDEX;
	if (!in_scope(w, &n)) {
		cordon_entity_dispose(&n);
		return 0;
	}
	if (!w->old_snap || cordon_snapshot_find(w->old_snap, n.id, &oi) != 0) {
		rc = w->visit(w, CDIFF_ADDED, NULL, &n, CDIFF_NO_INDEX, ni, 0);
		cordon_entity_dispose(&n);
		return rc;
	}
	cu_error_clear(); /* the not-found case above sets it */
	seen[oi] = 1;
	rc = cordon_snapshot_entity(w->old_snap, oi, &o);
	if (!rc) {
		long changed = changed_fields(w, &o, &n, first_only);
		rc = changed < 0 ? (int)changed
		                 : w->visit(w, changed ? CDIFF_CHANGED : CDIFF_UNCHANGED, &o, &n, oi, ni, (unsigned)changed);
		cordon_entity_dispose(&o);
	}
	cordon_entity_dispose(&n);
	return rc;
}

static int walk_removed(walker *w, const unsigned char *seen)
{
	size_t count = cordon_snapshot_entity_count(w->old_snap);
	for (size_t oi = 0; oi < count; oi++) {
		if (seen[oi])
			continue;
		cordon_entity o;
		int rc = cordon_snapshot_entity(w->old_snap, oi, &o);
		if (rc)
			return rc;
		if (in_scope(w, &o))
			rc = w->visit(w, CDIFF_REMOVED, &o, NULL, oi, CDIFF_NO_INDEX, 0);
		cordon_entity_dispose(&o);
		if (rc)
			return rc;
	}
	return 0;
}

/* Visits every entity of both snapshots once; first_only: a changed entity's first difference is enough. */
int cdiff_walk(walker *w, int first_only)
{
	size_t old_count = w->old_snap ? cordon_snapshot_entity_count(w->old_snap) : 0;
	unsigned char *seen = calloc(old_count ? old_count : 1, 1);
	if (!seen)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	cu_arena_init(&w->scratch);
	cu_buf_init(&w->tmp, 0);
	int rc = 0;
	size_t new_count = cordon_snapshot_entity_count(w->new_snap);
	for (size_t ni = 0; ni < new_count && !rc; ni++)
		rc = walk_new(w, ni, seen, first_only);
	if (!rc && w->old_snap)
		rc = walk_removed(w, seen);
	cu_buf_dispose(&w->tmp);
	cu_arena_dispose(&w->scratch);
	free(seen);
	return rc;
}

/* ---- the indexes monitoring needs ---- */

typedef struct {
	size_t *items;
	size_t count, cap;
} index_list;

static int collect_index(walker *w, int kind, const cordon_entity *o, const cordon_entity *n, size_t oi, size_t ni,
                         unsigned changed)
{
	index_list *l = w->payload;
	if (kind != CDIFF_ADDED && kind != CDIFF_CHANGED)
		return 0;
	size_t *items = cu_grow(l->items, &l->cap, l->count + 1, sizeof(*items), 256);
	if (!items)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	l->items = items;
	l->items[l->count++] = ni; /* the walk goes through new_snap in index order: ascending */
	return 0;
}

int cdiff_added_or_changed(const cordon_snapshot *old_snap, const cordon_snapshot *new_snap, unsigned fields,
                           size_t **indexes_out, size_t *count_out)
{
	if (!new_snap || !indexes_out || !count_out)
		return cu_fail(CORDON_EINVALID, "cdiff_added_or_changed: missing argument");
	index_list list = {0};
	walker w = {.old_snap = old_snap, .new_snap = new_snap, .fields = fields, .visit = collect_index, .payload = &list};
	int rc = cdiff_walk(&w, 1);
	if (rc) {
		free(list.items);
		return rc;
	}
	*indexes_out = list.items;
	*count_out = list.count;
	return 0;
}
