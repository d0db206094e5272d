/*
 * Evaluating a pack against a transaction on its date: every rule in force is
 * judged (item by item, or party by party, as the rule says); a rule that holds
 * gives its outcome, a rule that cannot be decided for want of a fact gives
 * "review" with the missing facts. Licence requirements are cumulative (reference
 * §7): nothing cancels a finding, and the decision is the most severe one.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/pack.h"
#include "rules/txn_norm.h"
#include "util/grow.h"

const char *rules_outcome_name(rules_outcome o)
{
	switch (o) {
	case RULES_BLOCK:
		return "block";
	case RULES_LICENSE_REQUIRED:
		return "license_required";
	case RULES_REVIEW:
		return "review";
	default:
		return "clear";
	}
}

typedef struct {
	const rules_pack *pack;
	const txn *t;
	rules_result *out;
	size_t cap;
	int failed; /* out of memory */
} eval_state;

static rules_finding *add_finding(eval_state *s)
{
	rules_finding *grown = cu_grow(s->out->findings, &s->cap, s->out->finding_count + 1, sizeof(*grown), 16);
	if (!grown) {
		s->failed = 1;
		return NULL;
	}
	s->out->findings = grown;
	rules_finding *f = &s->out->findings[s->out->finding_count++];
	memset(f, 0, sizeof(*f));
	f->party_index = -1;
	return f;
}

static json_t *item_facts(const txn_item *it)
{
	json_t *o = json_pack("{s:I}", "line", (json_int_t)it->line);
	if (it->eccn)
		json_object_set_new(o, "eccn", json_string(it->eccn));
	if (it->hs_code)
		json_object_set_new(o, "hs_code", json_string(it->hs_code));
	json_t *computed = pack_params_computed(it);
	if (json_object_size(computed))
		json_object_set(o, "computed", computed);
	json_decref(computed);
	return o;
}

static json_t *base_facts(const txn *t, const txn_item *it, long party)
{
	char day[11];
	txn_format_date(t->date, day);
	json_t *f = json_pack("{s:s, s:s?}", "date", day, "destination", t->destination);
	if (t->destination_region)
		json_object_set_new(f, "destination_region", json_string(t->destination_region));
	if (it)
		json_object_set_new(f, "item", item_facts(it));
	if (party >= 0) {
		const txn_party *p = &t->parties[party];
		json_object_set_new(f, "party", json_pack("{s:I, s:s?, s:s?, s:s?}", "index", (json_int_t)party, "role",
		                                          p->role, "name", p->name, "country", p->country));
	}
	return f;
}

/* The rule's declared facts that are absent, noted in ctx->missing. */
static int requires_missing(cond_ctx *ctx, json_t *requires)
{
	int absent = 0;
	json_t *fact;
	size_t i;
	json_array_foreach(requires, i, fact)
	{
		json_t *probe = json_pack("{s:s}", "known", json_string_value(fact)); /* a copy: the pack is shared */
		json_t *because = ctx->because;
		ctx->because = json_array();
		if (cond_eval(ctx, probe) != COND_TRUE) {
			absent = 1;
			if (ctx->item && strcmp(json_string_value(fact), "end_use") != 0 &&
			    strncmp(json_string_value(fact), "facility", 8) != 0)
				cond_note(ctx->missing, "item %ld: %s", ctx->item->line, json_string_value(fact));
			else
				cond_note(ctx->missing, "%s", json_string_value(fact));
		}
		json_decref(ctx->because);
		ctx->because = because;
		json_decref(probe);
	}
	return absent;
}

static void record(eval_state *s, const pack_rule *r, const txn_item *it, cond_ctx *ctx, int decided)
{
	rules_finding *f = add_finding(s);
	if (!f)
		return;
	f->rule_id = r->id;
	f->title = r->title;
	f->citation = r->citation;
	f->outcome = decided ? r->outcome : RULES_REVIEW;
	f->policy = decided ? r->policy : NULL;
	f->item_line = it ? it->line : 0;
	f->party_index = ctx->party_only >= 0 ? ctx->party_only : ctx->matched_party;
	f->facts = base_facts(s->t, it, f->party_index);
	json_object_set(f->facts, "because", ctx->because);
	if (!decided) {
		json_object_set(f->facts, "missing", ctx->missing);
		json_object_set_new(f->facts, "if_it_holds", json_string(rules_outcome_name(r->outcome)));
		/* what a report prints: "review: missing end_use.category" */
		char msg[512];
		snprintf(msg, sizeof(msg), "review: missing %s", json_string_value(json_array_get(ctx->missing, 0)));
		json_object_set_new(f->facts, "message", json_string(msg));
	}
}

static void judge(eval_state *s, const pack_rule *r, const txn_item *it, long party)
{
	cond_ctx ctx = {s->pack, s->t, it, party, s->t->date, -1, json_array(), json_array(), 0, 0};
	cond_value v = cond_eval(&ctx, r->when);
	if (v != COND_FALSE) {
		int absent = requires_missing(&ctx, r->requires);
		record(s, r, it, &ctx, v == COND_TRUE && !absent);
	}
	json_decref(ctx.because);
	json_decref(ctx.missing);
}

static void judge_parties(eval_state *s, const pack_rule *r, const txn_item *it)
{
	if (!r->per_party) {
		judge(s, r, it, -1);
		return;
	}
	for (size_t p = 0; p < s->t->party_count; p++)
		judge(s, r, it, (long)p);
}

static void judge_rule(eval_state *s, const pack_rule *r)
{
	if (!pack_in_window(r->window, s->t->date))
		return;
	if (!r->per_item) {
		judge_parties(s, r, NULL);
		return;
	}
	for (size_t i = 0; i < s->t->item_count; i++)
		judge_parties(s, r, &s->t->items[i]);
}

/* Rules missing the same facts about the same item and party say it once. */
static void merge_reviews(rules_result *out)
{
	size_t kept = 0;
	for (size_t i = 0; i < out->finding_count; i++) {
		rules_finding *f = &out->findings[i];
		json_t *miss = json_object_get(f->facts, "missing");
		rules_finding *same = NULL;
		for (size_t j = 0; miss && j < kept && !same; j++) {
			rules_finding *g = &out->findings[j];
			if (g->item_line == f->item_line && g->party_index == f->party_index &&
			    json_equal(json_object_get(g->facts, "missing"), miss))
				same = g;
		}
		if (!same) {
			out->findings[kept++] = *f;
			continue;
		}
		json_t *also = json_object_get(same->facts, "also_needed_by");
		if (!also)
			json_object_set_new(same->facts, "also_needed_by", also = json_array());
		json_array_append_new(also, json_string(f->rule_id));
		json_decref(f->facts);
	}
	out->finding_count = kept;
}

static void pack_window_finding(eval_state *s)
{
	if (pack_in_window(s->pack->window, s->t->date))
		return;
	rules_finding *f = add_finding(s);
	if (!f)
		return;
	f->rule_id = "pack-validity";
	f->title = "The transaction date is outside the rules pack's validity";
	f->citation = s->pack->version;
	f->outcome = RULES_REVIEW;
	f->facts = base_facts(s->t, NULL, -1);
	char from[11], until[11];
	txn_format_date(s->pack->window.from, from);
	json_object_set_new(f->facts, "pack_effective", json_string(from));
	if (s->pack->window.until != LONG_MAX) {
		txn_format_date(s->pack->window.until, until);
		json_object_set_new(f->facts, "pack_expires", json_string(until));
	}
	json_object_set_new(f->facts, "message",
	                    json_string("review: no rules of this pack are in force on the transaction date"));
}

static json_t *items_report(const rules_pack *pack, const txn *t, const rules_result *r)
{
	json_t *items = json_array();
	for (size_t i = 0; i < t->item_count; i++) {
		const txn_item *it = &t->items[i];
		rules_outcome det = RULES_CLEAR;
		json_t *rules = json_array();
		for (size_t k = 0; k < r->finding_count; k++) {
			const rules_finding *f = &r->findings[k];
			if (f->item_line != it->line && f->item_line != 0)
				continue;
			if (f->outcome > det)
				det = f->outcome;
			json_array_append_new(rules, json_pack("{s:s, s:s, s:s, s:s}", "id", f->rule_id, "citation", f->citation,
			                                       "outcome", rules_outcome_name(f->outcome), "title", f->title));
		}
		json_t *o = json_pack("{s:I, s:s, s:o, s:o, s:o}", "line", (json_int_t)it->line, "determination",
		                      rules_outcome_name(det), "classification", classify_met(pack, it, t->date),
		                      "computed", pack_params_computed(it), "rules", rules);
		json_object_set_new(o, "eccn", it->eccn ? json_string(it->eccn) : json_null());
		json_array_append_new(items, o);
	}
	return items;
}

int rules_evaluate(const rules_pack *pack, const txn *t, rules_result *out, char *err, size_t errsize)
{
	memset(out, 0, sizeof(*out));
	eval_state s = {pack, t, out, 0, 0};
	pack_window_finding(&s);
	for (size_t i = 0; i < pack->rule_count && !s.failed; i++)
		judge_rule(&s, &pack->rules[i]);
	if (s.failed) {
		snprintf(err, errsize, "out of memory evaluating the rules");
		rules_result_free(out);
		return -1;
	}
	merge_reviews(out);
	for (size_t i = 0; i < out->finding_count; i++)
		if (out->findings[i].outcome > out->decision)
			out->decision = out->findings[i].outcome;
	out->items = items_report(pack, t, out);
	return 0;
}

void rules_result_free(rules_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->finding_count; i++)
		json_decref(r->findings[i].facts);
	free(r->findings);
	json_decref(r->items);
	memset(r, 0, sizeof(*r));
}
