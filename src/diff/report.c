/* The diff as readable text and as one JSON document. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "diff/fields.h"
#include "util/error.h"

static const char *const kind_names[] = {"added", "removed", "changed"};

static size_t display_len(const char *v)
{
	const char *sep = strchr(v, CDIFF_HIDDEN_SEP);
	return sep ? (size_t)(sep - v) : strlen(v);
}

/* 1 when another value on the other side shows the same display part. */
static int collides(const char *v, const char **others, size_t n)
{
	size_t len = display_len(v);
	for (size_t i = 0; i < n; i++)
		if (display_len(others[i]) == len && memcmp(others[i], v, len) == 0)
			return 1;
	return 0;
}

/*
 * The text a value is shown as: its display part, or everything ("; " between
 * the parts) when only the hidden parts tell it from a value on the other side.
 */
static void value_text(const char *v, const char **others, size_t n, cu_buf *out)
{
	cu_buf_reset(out);
	if (!collides(v, others, n)) {
		cu_buf_append(out, v, display_len(v));
		return;
	}
	for (const char *p = v; *p; p++)
		if (*p == CDIFF_HIDDEN_SEP)
			cu_buf_puts(out, "; ");
		else
			cu_buf_putc(out, *p);
}

/* ---- text ---- */

static void counts_row(FILE *out, const char *label, const cdiff_counts *c)
{
	fprintf(out, "%-14s %8zu %8zu %8zu %8zu %8zu %9zu\n", label, c->old_count, c->new_count, c->added, c->removed,
	        c->changed, c->unchanged);
}

static void text_change(FILE *out, const cdiff_change *c, cu_buf *tmp)
{
	const char *field = cdiff_field_name(c->field);
	if (c->removed_count <= 1 && c->added_count <= 1) {
		value_text(c->removed_count ? c->removed[0] : "(none)", c->added, c->added_count, tmp);
		fprintf(out, "      %s: %s -> ", field, tmp->data);
		value_text(c->added_count ? c->added[0] : "(none)", c->removed, c->removed_count, tmp);
		fprintf(out, "%s\n", tmp->data);
		return;
	}
	fprintf(out, "      %s:\n", field);
	for (size_t i = 0; i < c->removed_count; i++) {
		value_text(c->removed[i], c->added, c->added_count, tmp);
		fprintf(out, "        - %s\n", tmp->data);
	}
	for (size_t i = 0; i < c->added_count; i++) {
		value_text(c->added[i], c->removed, c->removed_count, tmp);
		fprintf(out, "        + %s\n", tmp->data);
	}
}

static void text_entries(FILE *out, const cdiff_result *r, cdiff_kind kind, cu_buf *tmp)
{
	static const char marks[] = "+-~";
	size_t n = 0;
	for (size_t i = 0; i < r->count; i++)
		n += r->entries[i].kind == kind;
	if (n == 0)
		return;
	fprintf(out, "\n%s (%zu):\n", kind_names[kind], n);
	for (size_t i = 0; i < r->count; i++) {
		const cdiff_entry *e = &r->entries[i];
		if (e->kind != kind)
			continue;
		fprintf(out, "  %c %s  %s  %s\n", marks[kind], e->id, cordon_schema_name(e->schema), e->name);
		for (size_t c = 0; c < e->change_count; c++)
			text_change(out, &e->changes[c], tmp);
	}
}

void cdiff_write_text(const cdiff_result *r, const char *old_label, const char *new_label, FILE *out)
{
	fprintf(out, "old: %s\nnew: %s\n\n", old_label, new_label);
	fprintf(out, "%-14s %8s %8s %8s %8s %8s %9s\n", "dataset", "old", "new", "added", "removed", "changed",
	        "unchanged");
	for (size_t i = 0; i < r->dataset_count; i++)
		counts_row(out, r->datasets[i].dataset, &r->datasets[i]);
	counts_row(out, "total", &r->total);
	cu_buf tmp;
	cu_buf_init(&tmp, 0);
	for (int k = CDIFF_ADDED; k <= CDIFF_CHANGED; k++)
		text_entries(out, r, (cdiff_kind)k, &tmp);
	cu_buf_dispose(&tmp);
}

/* ---- JSON ---- */

static json_t *counts_json(const cdiff_counts *c)
{
	return json_pack("{s:I,s:I,s:I,s:I,s:I,s:I}", "old", (json_int_t)c->old_count, "new", (json_int_t)c->new_count,
	                 "added", (json_int_t)c->added, "removed", (json_int_t)c->removed, "changed",
	                 (json_int_t)c->changed, "unchanged", (json_int_t)c->unchanged);
}

static json_t *values_json(const char **values, size_t n, const char **others, size_t on, cu_buf *tmp)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		value_text(values[i], others, on, tmp);
		json_array_append_new(a, json_string(tmp->data));
	}
	return a;
}

/* A scalar field as {"old", "new"} (null when absent), a list field as {"removed", "added"}. */
static json_t *change_json(const cdiff_change *c, cu_buf *tmp)
{
	if (!cdiff_field_is_scalar(c->field))
		return json_pack("{s:o,s:o}", "removed", values_json(c->removed, c->removed_count, c->added, c->added_count, tmp),
		                 "added", values_json(c->added, c->added_count, c->removed, c->removed_count, tmp));
	json_t *o = json_object();
	value_text(c->removed_count ? c->removed[0] : "", c->added, c->added_count, tmp);
	json_object_set_new(o, "old", c->removed_count ? json_string(tmp->data) : json_null());
	value_text(c->added_count ? c->added[0] : "", c->removed, c->removed_count, tmp);
	json_object_set_new(o, "new", c->added_count ? json_string(tmp->data) : json_null());
	return o;
}

static json_t *entry_json(const cdiff_entry *e, cu_buf *tmp)
{
	json_t *o = json_pack("{s:s,s:s,s:s,s:s}", "id", e->id, "dataset", e->dataset ? e->dataset : "", "schema",
	                      cordon_schema_name(e->schema), "name", e->name);
	if (e->kind != CDIFF_CHANGED)
		return o;
	json_t *fields = json_array(), *changes = json_object();
	for (size_t i = 0; i < e->change_count; i++) {
		const char *name = cdiff_field_name(e->changes[i].field);
		json_array_append_new(fields, json_string(name));
		json_object_set_new(changes, name, change_json(&e->changes[i], tmp));
	}
	json_object_set_new(o, "fields", fields);
	json_object_set_new(o, "changes", changes);
	return o;
}

static json_t *result_json(const cdiff_result *r, const char *old_label, const char *new_label, cu_buf *tmp)
{
	json_t *datasets = json_object();
	for (size_t i = 0; i < r->dataset_count; i++)
		json_object_set_new(datasets, r->datasets[i].dataset, counts_json(&r->datasets[i]));
	json_t *lists[3] = {json_array(), json_array(), json_array()};
	for (size_t i = 0; i < r->count; i++)
		json_array_append_new(lists[r->entries[i].kind], entry_json(&r->entries[i], tmp));
	return json_pack("{s:s,s:s,s:{s:o,s:o},s:o,s:o,s:o}", "old", old_label, "new", new_label, "summary", "total",
	                 counts_json(&r->total), "datasets", datasets, "added", lists[CDIFF_ADDED], "removed",
	                 lists[CDIFF_REMOVED], "changed", lists[CDIFF_CHANGED]);
}

int cdiff_to_json(const cdiff_result *r, const char *old_label, const char *new_label, char **out)
{
	cu_buf tmp;
	cu_buf_init(&tmp, 0);
	json_t *doc = result_json(r, old_label, new_label, &tmp);
	cu_buf_dispose(&tmp);
	*out = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(doc);
	return *out ? 0 : cu_fail(CORDON_ENOMEM, "out of memory rendering the diff as JSON");
}
