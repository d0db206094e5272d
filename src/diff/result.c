/* cdiff_compute: the full result of a walk, with counts per dataset and the changed values. */
#include <stdlib.h>
#include <string.h>

#include "diff/walk.h"
#include "util/error.h"
#include "util/grow.h"

#define DEFAULT_MAX_VALUE 200
#define CONTEXT_BEFORE 40 /* bytes kept before the first difference of a long value */

typedef struct {
	cdiff_result *r;
	size_t entry_cap;
	size_t max_value;
} builder;

static cdiff_counts *counts_for(cdiff_result *r, const char *dataset)
{
	for (size_t i = 0; i < r->dataset_count; i++)
		if (strcmp(r->datasets[i].dataset, dataset) == 0)
			return &r->datasets[i];
	cdiff_counts *d = realloc(r->datasets, (r->dataset_count + 1) * sizeof(*d));
	if (!d)
		return NULL;
	r->datasets = d;
	memset(&d[r->dataset_count], 0, sizeof(*d));
	d[r->dataset_count].dataset = dataset;
	return &d[r->dataset_count++];
}

static void count(cdiff_counts *c, int kind, int has_old, int has_new)
{
	c->old_count += (size_t)has_old;
	c->new_count += (size_t)has_new;
	if (kind == CDIFF_ADDED)
		c->added++;
	else if (kind == CDIFF_REMOVED)
		c->removed++;
	else if (kind == CDIFF_CHANGED)
		c->changed++;
	else
		c->unchanged++;
}

/* Moves back to the start of a UTF-8 sequence so a cut never splits a character. */
static size_t char_start(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* Copies s[from..] into the arena, at most max bytes, marking cuts with "…". */
static const char *cut_copy(cu_arena *a, const char *s, size_t from, size_t max)
{
	size_t len = strlen(s);
	from = char_start(s, from);
	size_t end = len - from > max ? char_start(s, from + max) : len;
	size_t n = end - from;
	char *out = cu_arena_alloc(a, n + 7);
	if (!out)
		return NULL;
	char *p = out;
	if (from > 0)
		p += sprintf(p, "\xE2\x80\xA6");
	memcpy(p, s + from, n);
	p += n;
	strcpy(p, end < len ? "\xE2\x80\xA6" : "");
	return out;
}

/* Where two values first differ, so a long value is shown around its change rather than its start. */
static size_t first_difference(const char *a, const char *b)
{
	size_t i = 0;
	while (a[i] && a[i] == b[i])
		i++;
	return i;
}

/* Values only in va (removed) or only in vb (added); both lists sorted. */
static int merge(builder *b, cdiff_change *c, const char **va, size_t na, const char **vb, size_t nb)
{
	cu_arena *a = &b->r->arena;
	c->removed = cu_arena_alloc(a, (na + 1) * sizeof(*c->removed));
	c->added = cu_arena_alloc(a, (nb + 1) * sizeof(*c->added));
	if (!c->removed || !c->added)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	size_t i = 0, j = 0;
	while (i < na || j < nb) {
		int cmp = i == na ? 1 : j == nb ? -1 : strcmp(va[i], vb[j]);
		if (cmp < 0)
			c->removed[c->removed_count++] = va[i++];
		else if (cmp > 0)
			c->added[c->added_count++] = vb[j++];
		else
			i++, j++;
	}
	/* one value replaced by another: show both around their first difference */
	size_t from = 0;
	if (c->removed_count == 1 && c->added_count == 1) {
		size_t d = first_difference(c->removed[0], c->added[0]);
		from = d > CONTEXT_BEFORE ? d - CONTEXT_BEFORE : 0;
	}
	for (size_t k = 0; k < c->removed_count; k++)
		if (!(c->removed[k] = cut_copy(a, c->removed[k], from, b->max_value)))
			return cu_fail(CORDON_ENOMEM, "out of memory");
	for (size_t k = 0; k < c->added_count; k++)
		if (!(c->added[k] = cut_copy(a, c->added[k], from, b->max_value)))
			return cu_fail(CORDON_ENOMEM, "out of memory");
	return 0;
}

static int add_changes(walker *w, cdiff_entry *e, const cordon_entity *o, const cordon_entity *n)
{
	builder *b = w->payload;
	e->changes = cu_arena_alloc(&b->r->arena, CDIFF_FIELD_COUNT * sizeof(*e->changes));
	if (!e->changes)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	int rc = 0;
	for (int f = 0; f < CDIFF_FIELD_COUNT && !rc; f++) {
		if (!(e->fields & CDIFF_BIT(f)))
			continue;
		const char **va, **vb;
		size_t na, nb;
		rc = cdiff_field_differs(w, o, n, (cdiff_field)f, &va, &na, &vb, &nb);
		if (rc >= 0) {
			cdiff_change *c = &e->changes[e->change_count++];
			c->field = (cdiff_field)f;
			rc = merge(b, c, va, na, vb, nb);
		}
	}
	cu_arena_reset(&w->scratch);
	return rc;
}

static cdiff_entry *new_entry(builder *b)
{
	cdiff_result *r = b->r;
	cdiff_entry *entries = cu_grow(r->entries, &b->entry_cap, r->count + 1, sizeof(*entries), 64);
	if (!entries)
		return NULL;
	r->entries = entries;
	cdiff_entry *e = &r->entries[r->count++];
	memset(e, 0, sizeof(*e));
	return e;
}

static int visit(walker *w, int kind, const cordon_entity *o, const cordon_entity *n, size_t oi, size_t ni,
                 unsigned changed)
{
	builder *b = w->payload;
	const cordon_entity *ent = n ? n : o;
	cdiff_counts *c = counts_for(b->r, ent->dataset ? ent->dataset : "");
	if (!c)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	count(c, kind, o != NULL, n != NULL);
	count(&b->r->total, kind, o != NULL, n != NULL);
	if (kind == CDIFF_UNCHANGED)
		return 0;
	cdiff_entry *e = new_entry(b);
	if (!e)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	e->kind = (cdiff_kind)kind;
	e->id = ent->id;
	e->dataset = ent->dataset;
	e->name = ent->name_count ? ent->names[0].full : ent->id;
	e->schema = ent->schema;
	e->old_index = oi;
	e->new_index = ni;
	e->fields = changed;
	return kind == CDIFF_CHANGED ? add_changes(w, e, o, n) : 0;
}

static int entry_order(const void *pa, const void *pb)
{
	const cdiff_entry *a = pa, *b = pb;
	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	return strcmp(a->id, b->id);
}

static int dataset_order(const void *pa, const void *pb)
{
	return strcmp(((const cdiff_counts *)pa)->dataset, ((const cdiff_counts *)pb)->dataset);
}

int cdiff_compute(const cordon_snapshot *old_snap, const cordon_snapshot *new_snap, const cdiff_options *options,
                  cdiff_result *out)
{
	if (!old_snap || !new_snap || !out)
		return cu_fail(CORDON_EINVALID, "cdiff_compute: missing argument");
	memset(out, 0, sizeof(*out));
	cu_arena_init(&out->arena);
	builder b = {.r = out, .max_value = DEFAULT_MAX_VALUE};
	walker w = {.old_snap = old_snap, .new_snap = new_snap, .fields = CDIFF_ALL_FIELDS, .visit = visit, .payload = &b};
	if (options) {
		w.fields = options->fields ? options->fields : CDIFF_ALL_FIELDS;
		w.dataset = options->dataset;
		b.max_value = options->max_value ? options->max_value : DEFAULT_MAX_VALUE;
	}
	int rc = cdiff_walk(&w, 0);
	if (rc) {
		cdiff_result_dispose(out);
		return rc;
	}
	if (out->count > 1)
		qsort(out->entries, out->count, sizeof(*out->entries), entry_order);
	if (out->dataset_count > 1)
		qsort(out->datasets, out->dataset_count, sizeof(*out->datasets), dataset_order);
	return 0;
}

void cdiff_result_dispose(cdiff_result *result)
{
	if (!result)
		return;
	free(result->entries);
	free(result->datasets);
	cu_arena_dispose(&result->arena);
	memset(result, 0, sizeof(*result));
}
