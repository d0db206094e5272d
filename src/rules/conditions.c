/*
 * Conditions of a pack evaluated three-valued (true, false, unknown) over a
 * transaction, so that a missing fact a rule needs becomes "review: missing X"
 * instead of a silent "no". all/any/not follow Kleene's logic. Leaves note the
 * facts that held in ctx->because and the facts that were absent in ctx->missing;
 * a compound keeps its children's notes only when they explain its own value.
 * The pack was validated on load, so shapes are trusted here.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rules/pack.h"
#include "rules/txn_norm.h"

void cond_note(json_t *arr, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	json_t *v;
	size_t i;
	json_array_foreach(arr, i, v) if (strcmp(json_string_value(v), buf) == 0) return;
	json_array_append_new(arr, json_string(buf));
}

/* A leaf's verdict with its notes. */
static cond_value held(cond_ctx *ctx, int ok, const char *what)
{
	if (ok)
		cond_note(ctx->because, "%s", what);
	else if (ctx->explain_false)
		cond_note(ctx->because, "not: %s", what);
	return ok ? COND_TRUE : COND_FALSE;
}

static cond_value missing(cond_ctx *ctx, const char *fact)
{
	cond_note(ctx->missing, "%s", fact);
	return COND_UNKNOWN;
}

/* ---- places ---- */

/* A group reference: a group name (string) or a literal array of codes. */
static int in_groupref(cond_ctx *ctx, json_t *ref, const char *code)
{
	if (!code)
		return 0;
	if (json_is_string(ref))
		return pack_group_has(ctx->pack, json_string_value(ref), code, ctx->date);
	json_t *v;
	size_t i;
	json_array_foreach(ref, i, v) if (strcmp(json_string_value(v), code) == 0) return 1;
	const char *alias = pack_alias(ctx->pack, code);
	json_array_foreach(ref, i, v) if (alias && strcmp(json_string_value(v), alias) == 0) return 1;
	return 0;
}

static const char *ref_name(json_t *ref)
{
	return json_is_string(ref) ? json_string_value(ref) : "the listed places";
}

/* True only through the pack's alias (HK counted as CN): the note says so. */
static int only_by_alias(cond_ctx *ctx, json_t *ref, const char *code)
{
	if (!code || !pack_alias(ctx->pack, code))
		return 0;
	if (json_is_string(ref))
		return !pack_group_has_exact(ctx->pack, json_string_value(ref), code, ctx->date);
	json_t *v;
	size_t i;
	json_array_foreach(ref, i, v) if (strcmp(json_string_value(v), code) == 0) return 0;
	return 1;
}

static cond_value place_in(cond_ctx *ctx, const char *label, const char *code, json_t *ref)
{
	char what[256];
	int in = in_groupref(ctx, ref, code);
	if (in && only_by_alias(ctx, ref, code))
		snprintf(what, sizeof(what), "%s %s (counted as %s) in %s", label, code, pack_alias(ctx->pack, code),
		         ref_name(ref));
	else
		snprintf(what, sizeof(what), "%s %s in %s", label, code ? code : "-", ref_name(ref));
	return held(ctx, in, what);
}

static cond_value transit_in(cond_ctx *ctx, json_t *ref, int with_destination)
{
	if (with_destination && in_groupref(ctx, ref, ctx->t->destination))
		return place_in(ctx, "destination", ctx->t->destination, ref);
	for (size_t i = 0; i < ctx->t->transit_count; i++)
		if (in_groupref(ctx, ref, ctx->t->transit[i]))
			return place_in(ctx, "transit country", ctx->t->transit[i], ref);
	return held(ctx, 0, with_destination ? "destination or a transit country in the group" : "a transit country in the group");
}

static cond_value ngc_check(cond_ctx *ctx, json_t *cond, txn_bool ngc, const char *who)
{
	json_t *want = json_object_get(cond, "ngc");
	if (!want)
		return COND_TRUE;
	if (ngc == TXN_UNKNOWN) {
		char fact[128];
		snprintf(fact, sizeof(fact), "whether %s is in the non-government-controlled part", who);
		return missing(ctx, fact);
	}
	return held(ctx, (ngc == TXN_TRUE) == json_is_true(want), "non-government-controlled area");
}

static cond_value destination_region_in(cond_ctx *ctx, json_t *cond)
{
	json_t *ref = json_object_get(cond, "destination_region_in");
	if (!ctx->t->destination_region || !in_groupref(ctx, ref, ctx->t->destination_region))
		return held(ctx, 0, "destination region in the group");
	place_in(ctx, "destination region", ctx->t->destination_region, ref);
	return ngc_check(ctx, cond, ctx->t->destination_region_ngc, "the destination");
}

/* ---- numbers and texts ---- */

static int compare(json_t *cond, double v, char *what, size_t size, const char *name)
{
	static const char *ops[] = {"ge", "gt", "le", "lt", "eq"};
	static const char *signs[] = {">=", ">", "<=", "<", "="};
	int ok = 1;
	size_t n = (size_t)snprintf(what, size, "%s %g", name, v);
	for (size_t i = 0; i < 5; i++) {
		json_t *lim = json_object_get(cond, ops[i]);
		if (!lim)
			continue;
		double l = json_number_value(lim);
		int r = i == 0 ? v >= l : i == 1 ? v > l : i == 2 ? v <= l : i == 3 ? v < l : fabs(v - l) < 1e-9;
		ok = ok && r;
		if (n < size)
			n += (size_t)snprintf(what + n, size - n, " %s %g", signs[i], l);
	}
	return ok;
}

static cond_value absent(cond_ctx *ctx, json_t *cond, const char *fact, const char *why)
{
	if (json_is_string(json_object_get(cond, "if_absent")) &&
	    strcmp(json_string_value(json_object_get(cond, "if_absent")), "false") == 0) {
		char what[200];
		snprintf(what, sizeof(what), "%s (not given)", fact);
		return held(ctx, 0, what);
	}
	return missing(ctx, why ? why : fact);
}

static cond_value text_match(cond_ctx *ctx, json_t *cond, const char *name, const char *text)
{
	char what[256];
	json_t *is = json_object_get(cond, "is");
	json_t *in = json_object_get(cond, "in");
	snprintf(what, sizeof(what), "%s %s", name, text);
	if (is)
		return held(ctx, json_is_boolean(is) ? strcmp(text, json_is_true(is) ? "true" : "false") == 0
		                                     : strcmp(text, json_string_value(is)) == 0,
		            what);
	json_t *v;
	size_t i;
	json_array_foreach(in, i, v) if (strcmp(json_string_value(v), text) == 0) return held(ctx, 1, what);
	return held(ctx, 0, what);
}

static cond_value param_leaf(cond_ctx *ctx, json_t *cond)
{
	const char *name = json_string_value(json_object_get(cond, "param"));
	if (!ctx->item)
		return missing(ctx, "item");
	pack_param p;
	pack_param_get(ctx->item, name, &p);
	if (p.text)
		return text_match(ctx, cond, name, p.text);
	if (p.present && (json_object_get(cond, "is") || json_object_get(cond, "in"))) {
		char what[160];
		snprintf(what, sizeof(what), "%s %g (a number, not a text or true/false)", name, p.value);
		return held(ctx, 0, what);
	}
	if (!p.present) {
		char why[128];
		snprintf(why, sizeof(why), "item %ld: %s", ctx->item->line, p.missing ? p.missing : name);
		return absent(ctx, cond, name, why);
	}
	char what[256];
	return held(ctx, compare(cond, p.value, what, sizeof(what), name), what);
}

static cond_value facility_leaf(cond_ctx *ctx, json_t *cond)
{
	const txn_end_use *eu = ctx->t ? &ctx->t->end_use : NULL;
	const char *name = json_string_value(json_object_get(cond, "facility"));
	if (!eu || !eu->facility_given)
		return missing(ctx, "end_use.facility (the fab's technology)");
	char fact[128];
	snprintf(fact, sizeof(fact), "end_use.facility.%s", name);
	if (strcmp(name, "non_planar") == 0) {
		if (eu->non_planar == TXN_UNKNOWN)
			return absent(ctx, cond, fact, NULL);
		return held(ctx, (eu->non_planar == TXN_TRUE) == json_is_true(json_object_get(cond, "is")),
		            eu->non_planar == TXN_TRUE ? "facility non-planar transistors" : "facility planar transistors");
	}
	const txn_number *n = strcmp(name, "logic_node_nm") == 0        ? &eu->logic_node_nm
	                      : strcmp(name, "dram_half_pitch_nm") == 0 ? &eu->dram_half_pitch_nm
	                                                                 : &eu->nand_layers;
	if (!n->present)
		return absent(ctx, cond, fact, NULL);
	char what[256];
	return held(ctx, compare(cond, n->value, what, sizeof(what), fact), what);
}

/* ---- items ---- */

/* "3A090" matches "3A090.a"; "3B" matches "3B001"; "3A001.z" matches "3A001.z";
   "3A090$" matches only "3A090" (no paragraph given). */
static int eccn_prefix(const char *eccn, const char *prefix)
{
	size_t n = strlen(prefix);
	if (n && prefix[n - 1] == '$')
		return strlen(eccn) == n - 1 && strncmp(eccn, prefix, n - 1) == 0;
	if (strncmp(eccn, prefix, n) != 0)
		return 0;
	return n < 5 || eccn[n] == '\0' || eccn[n] == '.';
}

static cond_value eccn_leaf(cond_ctx *ctx, json_t *list)
{
	if (!ctx->item)
		return missing(ctx, "item");
	const char *eccn = ctx->item->eccn;
	char fact[64];
	snprintf(fact, sizeof(fact), "item %ld: eccn", ctx->item->line);
	if (!eccn)
		return missing(ctx, fact);
	json_t *v;
	size_t i;
	char what[128];
	snprintf(what, sizeof(what), "ECCN %s", eccn);
	json_array_foreach(list, i, v) if (eccn_prefix(eccn, json_string_value(v))) return held(ctx, 1, what);
	return held(ctx, 0, what);
}

static cond_value ccl_leaf(cond_ctx *ctx, int want_ccl)
{
	if (!ctx->item)
		return missing(ctx, "item");
	char fact[64];
	snprintf(fact, sizeof(fact), "item %ld: eccn", ctx->item->line);
	if (!ctx->item->eccn)
		return missing(ctx, fact);
	int ccl = strcmp(ctx->item->eccn, "EAR99") != 0;
	char what[128];
	snprintf(what, sizeof(what), "ECCN %s (%s)", ctx->item->eccn, ccl ? "on the CCL" : "not on the CCL");
	return held(ctx, ccl == want_ccl, what);
}

static cond_value hs_in(cond_ctx *ctx, json_t *cond)
{
	if (!ctx->item)
		return missing(ctx, "item");
	const char *list = json_string_value(json_object_get(cond, "hs_in"));
	char fact[64];
	snprintf(fact, sizeof(fact), "item %ld: hs_code", ctx->item->line);
	if (!ctx->item->hs_code)
		return missing(ctx, fact);
	json_t *e = pack_hs_list_find(ctx->pack, list, ctx->item->hs_code, ctx->date);
	char what[200];
	const char *tier = json_string_value(json_object_get(e, "tier"));
	snprintf(what, sizeof(what), "HS %.6s in %s%s%s", ctx->item->hs_code, list, tier ? " tier " : "", tier ? tier : "");
	return held(ctx, e != NULL, what);
}

static cond_value hs_prefix(cond_ctx *ctx, json_t *list)
{
	if (!ctx->item)
		return missing(ctx, "item");
	char fact[64];
	snprintf(fact, sizeof(fact), "item %ld: hs_code", ctx->item->line);
	if (!ctx->item->hs_code)
		return missing(ctx, fact);
	json_t *v;
	size_t i;
	char what[128];
	snprintf(what, sizeof(what), "HS %s", ctx->item->hs_code);
	json_array_foreach(list, i, v)
	{
		const char *p = json_string_value(v);
		if (strncmp(ctx->item->hs_code, p, strlen(p)) == 0)
			return held(ctx, 1, what);
	}
	return held(ctx, 0, what);
}

/* Whole word, ASCII case-insensitive: "H20" in "NVIDIA H20 96GB" but not in "H200". */
static int has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = text; text && *p; p++) {
		size_t k = 0;
		while (k < n && p[k] && tolower((unsigned char)p[k]) == tolower((unsigned char)word[k]))
			k++;
		if (k == n && (p == text || !isalnum((unsigned char)p[-1])) && !isalnum((unsigned char)p[n]))
			return 1;
	}
	return 0;
}

static cond_value text_has(cond_ctx *ctx, json_t *list)
{
	if (!ctx->item)
		return missing(ctx, "item");
	json_t *v;
	size_t i;
	json_array_foreach(list, i, v)
	{
		const char *w = json_string_value(v);
		int found = has_word(ctx->item->description, w);
		for (size_t k = 0; !found && k < ctx->item->param_count; k++)
			found = ctx->item->params[k].text && has_word(ctx->item->params[k].text, w);
		if (found) {
			char what[128];
			snprintf(what, sizeof(what), "item %ld names \"%s\"", ctx->item->line, w);
			return held(ctx, 1, what);
		}
	}
	return held(ctx, 0, "item names a listed part");
}

static cond_value classified(cond_ctx *ctx, json_t *list)
{
	if (!ctx->item)
		return missing(ctx, "item");
	cond_value r = COND_FALSE;
	json_t *v;
	size_t i;
	json_array_foreach(list, i, v)
	{
		cond_value c = classify_has(ctx, json_string_value(v));
		if (c == COND_TRUE)
			return COND_TRUE;
		if (c == COND_UNKNOWN)
			r = COND_UNKNOWN;
	}
	return r;
}

/* ---- end use ---- */

static const char *end_use_name(txn_end_use_category c)
{
	static const char *names[] = {"unspecified", "civil", "military", "military_end_user", "supercomputer",
	                              "semiconductor_fab", "ai_training", "unknown"};
	return names[c];
}

static cond_value end_use_in(cond_ctx *ctx, json_t *list)
{
	txn_end_use_category c = ctx->t ? ctx->t->end_use.category : TXN_END_USE_UNSPECIFIED;
	const char *name = end_use_name(c);
	json_t *v;
	size_t i;
	char what[128];
	snprintf(what, sizeof(what), "end use %s", name);
	json_array_foreach(list, i, v) if (strcmp(json_string_value(v), name) == 0) return held(ctx, 1, what);
	/* an end use nobody stated may be any of them */
	if (c == TXN_END_USE_UNSPECIFIED || c == TXN_END_USE_UNKNOWN)
		return missing(ctx, "end_use.category (the stated end use)");
	return held(ctx, 0, what);
}

/* ---- facts known ---- */

static cond_value known(cond_ctx *ctx, const char *fact)
{
	int ok = 0;
	if (strncmp(fact, "param:", 6) == 0 && ctx->item) {
		pack_param p;
		pack_param_get(ctx->item, fact + 6, &p);
		ok = p.present || p.text;
	} else if (strcmp(fact, "eccn") == 0) {
		ok = ctx->item && ctx->item->eccn;
	} else if (strcmp(fact, "hs_code") == 0) {
		ok = ctx->item && ctx->item->hs_code;
	} else if (strcmp(fact, "end_use") == 0) {
		ok = ctx->t && ctx->t->end_use.category != TXN_END_USE_UNSPECIFIED &&
		     ctx->t->end_use.category != TXN_END_USE_UNKNOWN;
	} else if (strcmp(fact, "facility") == 0) {
		ok = ctx->t && ctx->t->end_use.facility_given;
	} else if (strncmp(fact, "facility:", 9) == 0 && ctx->t && ctx->t->end_use.facility_given) {
		const txn_end_use *eu = &ctx->t->end_use;
		const char *f = fact + 9;
		ok = strcmp(f, "non_planar") == 0           ? eu->non_planar != TXN_UNKNOWN
		     : strcmp(f, "logic_node_nm") == 0      ? eu->logic_node_nm.present
		     : strcmp(f, "dram_half_pitch_nm") == 0 ? eu->dram_half_pitch_nm.present
		                                            : eu->nand_layers.present;
	}
	if (!ctx->explain_false) /* in a finding "tpp given" says nothing the other notes do not */
		return ok ? COND_TRUE : COND_FALSE;
	char what[128];
	snprintf(what, sizeof(what), "%s given", strncmp(fact, "param:", 6) == 0 ? fact + 6 : fact);
	return held(ctx, ok, what);
}

/* ---- parties ---- */

static int role_listed(json_t *list, const char *role)
{
	json_t *v;
	size_t i;
	json_array_foreach(list, i, v) if (strcmp(json_string_value(v), role) == 0) return 1;
	return 0;
}

static int party_in_scope(json_t *pc, const txn_party *p)
{
	json_t *roles = json_object_get(pc, "roles"), *except = json_object_get(pc, "roles_except");
	if (roles && !role_listed(roles, p->role))
		return 0;
	return !(except && role_listed(except, p->role));
}

static cond_value and3(cond_value a, cond_value b)
{
	if (a == COND_FALSE || b == COND_FALSE)
		return COND_FALSE;
	return (a == COND_UNKNOWN || b == COND_UNKNOWN) ? COND_UNKNOWN : COND_TRUE;
}

static cond_value party_place(cond_ctx *ctx, json_t *pc, const char *key, const char *code, size_t idx,
                              const char *what)
{
	json_t *ref = json_object_get(pc, key);
	if (!ref)
		return COND_TRUE;
	char label[160];
	snprintf(label, sizeof(label), "parties[%zu] (%s) %s", idx, ctx->t->parties[idx].role, what);
	if (!code) {
		/* a party with no stated country cannot be cleared of being in the group */
		char fact[160];
		snprintf(fact, sizeof(fact), "parties[%zu].%s", idx, strcmp(key, "hq_in") == 0 ? "hq_country" : "country");
		return missing(ctx, fact);
	}
	return place_in(ctx, label, code, ref);
}

static cond_value party_hq(cond_ctx *ctx, json_t *pc, const txn_party *p, size_t idx)
{
	json_t *ref = json_object_get(pc, "hq_in");
	if (!ref)
		return COND_TRUE;
	if (p->parent_hq_country && in_groupref(ctx, ref, p->parent_hq_country))
		return party_place(ctx, pc, "hq_in", p->parent_hq_country, idx, "ultimate parent headquartered");
	return party_place(ctx, pc, "hq_in", p->hq_country, idx, "headquartered");
}

static cond_value party_region(cond_ctx *ctx, json_t *pc, const txn_party *p, size_t idx)
{
	json_t *ref = json_object_get(pc, "region_in");
	if (!ref)
		return COND_TRUE;
	char label[160];
	snprintf(label, sizeof(label), "parties[%zu] (%s) region", idx, p->role);
	if (!p->region || !in_groupref(ctx, ref, p->region))
		return held(ctx, 0, label);
	place_in(ctx, label, p->region, ref);
	char who[64];
	snprintf(who, sizeof(who), "parties[%zu]", idx);
	return ngc_check(ctx, pc, p->region_ngc, who);
}

static int tag_listed(json_t *tags, const txn_hit *h)
{
	for (size_t k = 0; k < h->tag_count; k++)
		if (role_listed(tags, h->tags[k]))
			return 1;
	return 0;
}

static cond_value party_hits(cond_ctx *ctx, json_t *pc, const txn_party *p, size_t idx)
{
	json_t *tags = json_object_get(pc, "tags_any");
	if (!tags)
		return COND_TRUE;
	if (!p->screened) {
		char fact[96];
		snprintf(fact, sizeof(fact), "screening of parties[%zu] (%s)", idx, p->role);
		return missing(ctx, fact);
	}
	json_t *ge = json_object_get(pc, "score_ge"), *lt = json_object_get(pc, "score_lt");
	for (size_t h = 0; h < p->hit_count; h++) {
		const txn_hit *hit = &p->hits[h];
		if (!tag_listed(tags, hit) || (ge && hit->score < json_number_value(ge)) ||
		    (lt && hit->score >= json_number_value(lt)))
			continue;
		cond_note(ctx->because, "parties[%zu] (%s) \"%s\" matches %s \"%s\" (score %.2f)", idx, p->role, p->name,
		          hit->entity_id ? hit->entity_id : "?", hit->name ? hit->name : "?", hit->score);
		return COND_TRUE;
	}
	return held(ctx, 0, "a listed match");
}

static cond_value party_one(cond_ctx *ctx, json_t *pc, size_t idx)
{
	const txn_party *p = &ctx->t->parties[idx];
	cond_value r = party_place(ctx, pc, "country_in", p->country, idx, "country");
	if (r != COND_FALSE)
		r = and3(r, party_region(ctx, pc, p, idx));
	if (r != COND_FALSE)
		r = and3(r, party_hq(ctx, pc, p, idx));
	if (r != COND_FALSE)
		r = and3(r, party_hits(ctx, pc, p, idx));
	return r;
}

static cond_value party_leaf(cond_ctx *ctx, json_t *pc)
{
	if (!ctx->t)
		return missing(ctx, "parties");
	cond_value r = COND_FALSE;
	for (size_t i = 0; i < ctx->t->party_count; i++) {
		if ((ctx->party_only >= 0 && (size_t)ctx->party_only != i) || !party_in_scope(pc, &ctx->t->parties[i]))
			continue;
		cond_value v = party_one(ctx, pc, i);
		if (v == COND_TRUE) {
			if (ctx->matched_party < 0)
				ctx->matched_party = (long)i;
			return COND_TRUE;
		}
		if (v == COND_UNKNOWN)
			r = COND_UNKNOWN;
	}
	return r;
}

/* ---- compounds ---- */

static void merge_notes(json_t *into, json_t *from)
{
	json_t *n;
	size_t i;
	json_array_foreach(from, i, n) cond_note(into, "%s", json_string_value(n));
}

/* Evaluates children with fresh note arrays; keeps the notes that explain the result. */
static cond_value compound(cond_ctx *ctx, json_t *list, int is_all)
{
	json_t *because = ctx->because, *miss = ctx->missing;
	ctx->because = json_array();
	ctx->missing = json_array();
	cond_value r = is_all ? COND_TRUE : COND_FALSE;
	json_t *c;
	size_t i;
	json_array_foreach(list, i, c)
	{
		cond_value v = cond_eval(ctx, c);
		if (is_all)
			r = and3(r, v);
		else if (v == COND_TRUE || r == COND_TRUE)
			r = COND_TRUE;
		else if (v == COND_UNKNOWN)
			r = COND_UNKNOWN;
		if ((is_all && r == COND_FALSE && !ctx->explain_false) || (!is_all && r == COND_TRUE))
			break;
	}
	if (r == COND_TRUE || ctx->explain_false)
		merge_notes(because, ctx->because);
	if (r == COND_UNKNOWN)
		merge_notes(miss, ctx->missing);
	json_decref(ctx->because);
	json_decref(ctx->missing);
	ctx->because = because;
	ctx->missing = miss;
	return r;
}

static cond_value negate(cond_ctx *ctx, json_t *child)
{
	json_t *because = ctx->because;
	ctx->because = json_array(); /* what made the child true or false says little about "not" */
	cond_value v = cond_eval(ctx, child);
	if (v == COND_TRUE && ctx->explain_false) {
		/* explaining a failure: say what the excluded case was */
		json_t *n;
		size_t i;
		json_array_foreach(ctx->because, i, n) cond_note(because, "excluded: %s", json_string_value(n));
	}
	json_decref(ctx->because);
	ctx->because = because;
	return v == COND_UNKNOWN ? COND_UNKNOWN : v == COND_TRUE ? COND_FALSE : COND_TRUE;
}

/* True exactly when the child cannot be decided (the facts it needs are missing). */
static cond_value undecided(cond_ctx *ctx, json_t *child)
{
	json_t *because = ctx->because, *miss = ctx->missing;
	ctx->because = json_array();
	ctx->missing = json_array();
	cond_value v = cond_eval(ctx, child);
	if (v == COND_UNKNOWN) {
		json_t *m;
		size_t i;
		json_array_foreach(ctx->missing, i, m) cond_note(because, "not known: %s", json_string_value(m));
	}
	json_decref(ctx->because);
	json_decref(ctx->missing);
	ctx->because = because;
	ctx->missing = miss;
	return v == COND_UNKNOWN ? COND_TRUE : COND_FALSE;
}

/* Leaves about the item; *handled is 0 when c is none of them. */
static cond_value item_leaf(cond_ctx *ctx, json_t *c, int *handled)
{
	json_t *v;
	*handled = 1;
	if (json_object_get(c, "param"))
		return param_leaf(ctx, c);
	if ((v = json_object_get(c, "eccn")))
		return eccn_leaf(ctx, v);
	if ((v = json_object_get(c, "ccl")))
		return ccl_leaf(ctx, json_is_true(v));
	if (json_object_get(c, "hs_in"))
		return hs_in(ctx, c);
	if ((v = json_object_get(c, "hs_prefix")))
		return hs_prefix(ctx, v);
	if ((v = json_object_get(c, "classified")))
		return classified(ctx, v);
	if ((v = json_object_get(c, "text_has")))
		return text_has(ctx, v);
	*handled = 0;
	return COND_FALSE;
}

/* Leaves about the transaction: places, end use, facility, parties. */
static cond_value txn_leaf(cond_ctx *ctx, json_t *c)
{
	json_t *v;
	if (json_object_get(c, "facility"))
		return facility_leaf(ctx, c);
	if ((v = json_object_get(c, "end_use_in")))
		return end_use_in(ctx, v);
	if ((v = json_object_get(c, "party")))
		return party_leaf(ctx, v);
	if (!ctx->t)
		return missing(ctx, "the transaction");
	if ((v = json_object_get(c, "destination_in")))
		return place_in(ctx, "destination", ctx->t->destination, v);
	if ((v = json_object_get(c, "transit_in")))
		return transit_in(ctx, v, 0);
	if ((v = json_object_get(c, "route_in")))
		return transit_in(ctx, v, 1);
	if (json_object_get(c, "destination_region_in"))
		return destination_region_in(ctx, c);
	if ((v = json_object_get(c, "export_country_in"))) {
		if (!ctx->t->export_country)
			return missing(ctx, "export_country");
		return place_in(ctx, "export country", ctx->t->export_country, v);
	}
	return COND_FALSE; /* the validator admits no other shape */
}

cond_value cond_eval(cond_ctx *ctx, json_t *c)
{
	json_t *v;
	if ((v = json_object_get(c, "all")))
		return compound(ctx, v, 1);
	if ((v = json_object_get(c, "any")))
		return compound(ctx, v, 0);
	if ((v = json_object_get(c, "not")))
		return negate(ctx, v);
	if ((v = json_object_get(c, "unknown")))
		return undecided(ctx, v);
	if ((v = json_object_get(c, "ref")))
		return cond_eval(ctx, json_object_get(ctx->pack->conditions, json_string_value(v)));
	if ((v = json_object_get(c, "known")))
		return known(ctx, json_string_value(v));
	int handled;
	cond_value r = item_leaf(ctx, c, &handled);
	return handled ? r : txn_leaf(ctx, c);
}
