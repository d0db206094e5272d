/*
 * Item classification against the pack's control entries (e.g. 3A090.a by
 * vintage), on a date: which entries an item meets, misses or cannot be judged
 * on for want of a parameter. `cordon classify` prints rules_classify's answer.
 */
#include <stdio.h>
#include <string.h>

#include "rules/pack.h"
#include "rules/txn_norm.h"

/* Entries reference each other ("not 3A090.a"); a pack cycle must not recurse forever. */
static cond_value entry_eval(cond_ctx *ctx, const pack_entry *e)
{
	if (ctx->depth > 8)
		return COND_UNKNOWN;
	ctx->depth++;
	cond_value v = cond_eval(ctx, e->when);
	ctx->depth--;
	return v;
}

cond_value classify_has(cond_ctx *ctx, const char *eccn)
{
	const rules_pack *pack = ctx->pack;
	cond_value r = COND_FALSE;
	for (size_t i = 0; i < pack->entry_count; i++) {
		const pack_entry *e = &pack->entries[i];
		if (strcmp(e->eccn, eccn) != 0 || !pack_in_window(e->window, ctx->date))
			continue;
		json_t *because = ctx->because;
		ctx->because = json_array();
		cond_value v = entry_eval(ctx, e);
		if (v == COND_TRUE) {
			cond_note(because, "meets %s (entry %s)", e->eccn, e->id);
			json_array_extend(because, ctx->because);
		} else if (ctx->explain_false) {
			cond_note(because, "%s %s", v == COND_FALSE ? "does not meet" : "cannot tell whether it meets",
			          e->eccn);
		}
		json_decref(ctx->because);
		ctx->because = because;
		if (v == COND_TRUE)
			return COND_TRUE;
		if (v == COND_UNKNOWN)
			r = COND_UNKNOWN;
	}
	if (r == COND_FALSE && !ctx->explain_false)
		cond_note(ctx->because, "does not meet %s", eccn);
	return r;
}

static cond_ctx item_ctx(const rules_pack *pack, const txn_item *item, txn_day date, int explain)
{
	cond_ctx ctx = {pack, NULL, item, -1, date, -1, json_array(), json_array(), explain, 0};
	return ctx;
}

json_t *classify_met(const rules_pack *pack, const txn_item *item, txn_day date)
{
	json_t *met = json_array();
	for (size_t i = 0; i < pack->entry_count; i++) {
		const pack_entry *e = &pack->entries[i];
		if (!pack_in_window(e->window, date))
			continue;
		cond_ctx ctx = item_ctx(pack, item, date, 0);
		if (entry_eval(&ctx, e) == COND_TRUE)
			cond_note(met, "%s", e->eccn);
		json_decref(ctx.because);
		json_decref(ctx.missing);
	}
	return met;
}

static const char *status_name(cond_value v)
{
	return v == COND_TRUE ? "met" : v == COND_FALSE ? "not met" : "cannot tell";
}

static json_t *entry_report(const rules_pack *pack, const pack_entry *e, const txn_item *item, txn_day date,
                            cond_value *out)
{
	cond_ctx ctx = item_ctx(pack, item, date, 1);
	cond_value v = entry_eval(&ctx, e);
	*out = v;
	json_t *r = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "id", e->id, "eccn", e->eccn, "title", e->title,
	                      "citation", e->citation, "status", status_name(v), "why", ctx.because);
	if (v == COND_UNKNOWN)
		json_object_set(r, "missing", ctx.missing);
	if (e->note)
		json_object_set_new(r, "note", json_string(e->note));
	json_decref(ctx.missing);
	return r;
}

/* "cannot classify: missing die_area_mm2" for the first entry that cannot be judged. */
static void add_verdict(json_t *out, json_t *met, json_t *entries)
{
	json_t *e;
	size_t i;
	json_array_foreach(entries, i, e)
	{
		json_t *miss = json_object_get(e, "missing");
		if (miss && json_array_size(miss)) {
			const char *m = json_string_value(json_array_get(miss, 0));
			const char *colon = strstr(m, ": ");
			char msg[256];
			snprintf(msg, sizeof(msg), "cannot classify: missing %s", colon ? colon + 2 : m);
			json_object_set_new(out, "message", json_string(msg));
			return;
		}
	}
	char msg[256] = "meets none of the pack's control entries in force";
	json_t *v;
	size_t n = 0;
	json_array_foreach(met, i, v) n += (size_t)snprintf(msg + (n ? n : 0), sizeof(msg) - n, "%s%s",
	                                                    n ? ", " : "classified: ", json_string_value(v));
	json_object_set_new(out, "message", json_string(msg));
}

json_t *rules_classify(const rules_pack *pack, const txn_item *item, txn_day date)
{
	char day[11];
	txn_format_date(date, day);
	json_t *out = json_pack("{s:s, s:s, s:s}", "date", day, "pack", pack->id, "pack_version", pack->version);
	json_object_set_new(out, "eccn_declared", item->eccn ? json_string(item->eccn) : json_null());
	json_object_set_new(out, "computed", pack_params_computed(item));
	json_t *entries = json_array(), *met = json_array();
	for (size_t i = 0; i < pack->entry_count; i++) {
		const pack_entry *e = &pack->entries[i];
		if (!pack_in_window(e->window, date))
			continue;
		cond_value v;
		json_array_append_new(entries, entry_report(pack, e, item, date, &v));
		if (v == COND_TRUE)
			cond_note(met, "%s", e->eccn);
	}
	add_verdict(out, met, entries);
	json_object_set_new(out, "classification", met);
	json_object_set_new(out, "entries", entries);
	if (!pack_in_window(pack->window, date))
		json_object_set_new(out, "warning", json_string("the date is outside the pack's validity"));
	return out;
}
