/*
 * The result of a check: every finding of the rules as a reason, each party and
 * item with the determination of the reasons about it, and the decision as the
 * most severe of all of them. A party with hits that no rule resolved is a
 * reason for review of its own: a potential match is never cleared by silence.
 */
#include "check/internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "rules/txn_norm.h"

#define UNRESOLVED_RULE "cordon.screening.unresolved-match"
#define UNRESOLVED_TITLE "Potential list match that no rule of the pack resolves"

int check_outcome_parse(const char *name)
{
	for (int o = RULES_CLEAR; name && o <= RULES_BLOCK; o++)
		if (strcmp(name, rules_outcome_name((rules_outcome)o)) == 0)
			return o;
	return -1;
}

rules_outcome check_decision(const json_t *result)
{
	int o = check_outcome_parse(json_string_value(json_object_get(result, "decision")));
	return o < 0 ? RULES_REVIEW : (rules_outcome)o;
}

static rules_outcome worse(rules_outcome a, rules_outcome b)
{
	return a > b ? a : b;
}

/* The severity an object states in field key (CLEAR when it states none). */
static rules_outcome stated(const json_t *o, const char *key)
{
	int v = check_outcome_parse(json_string_value(json_object_get(o, key)));
	return v < 0 ? RULES_CLEAR : (rules_outcome)v;
}

static json_t *rule_ref(const char *id, const char *citation, rules_outcome o)
{
	return json_pack("{s:s,s:s,s:s}", "id", id ? id : "", "citation", citation ? citation : "", "outcome",
	                 rules_outcome_name(o));
}

/* ---- reasons ---- */

static json_t *party_ref(const txn *t, long index)
{
	const txn_party *p = &t->parties[index];
	return json_pack("{s:I,s:s,s:s}", "index", (json_int_t)index, "role", p->role, "name", p->name);
}

static json_t *reason_json(const txn *t, const rules_finding *f)
{
	json_t *o = json_object();
	json_object_set_new(o, "rule", json_string(f->rule_id ? f->rule_id : ""));
	json_object_set_new(o, "title", json_string(f->title ? f->title : ""));
	json_object_set_new(o, "citation", json_string(f->citation ? f->citation : ""));
	json_object_set_new(o, "outcome", json_string(rules_outcome_name(f->outcome)));
	if (f->policy)
		json_object_set_new(o, "policy", json_string(f->policy));
	if (f->item_line > 0)
		json_object_set_new(o, "item", json_integer(f->item_line));
	if (f->party_index >= 0 && (size_t)f->party_index < t->party_count)
		json_object_set_new(o, "party", party_ref(t, f->party_index));
	json_object_set_new(o, "facts", f->facts ? json_deep_copy(f->facts) : json_object());
	return o;
}

static int finding_about_party(const rules_result *rr, size_t index)
{
	for (size_t k = 0; k < rr->finding_count; k++)
		if (rr->findings[k].party_index == (long)index)
			return 1;
	return 0;
}

/* Facts of a potential match: the hits by id, score and tags. */
static json_t *hit_facts(const json_t *hits)
{
	json_t *out = json_array();
	size_t i;
	json_t *h;
	json_array_foreach(hits, i, h)
		json_array_append_new(out, json_pack("{s:O,s:O,s:O}", "entity_id", json_object_get(h, "entity_id"), "score",
		                                     json_object_get(h, "score"), "tags", json_object_get(h, "tags")));
	return out;
}

static json_t *unresolved_reason(const txn *t, size_t index, const json_t *hits, double threshold)
{
	char citation[160];
	snprintf(citation, sizeof(citation),
	         "cordon screening: a name match scoring %.2f or more is a potential hit for a person to review", threshold);
	json_t *o = json_pack("{s:s,s:s,s:s,s:s}", "rule", UNRESOLVED_RULE, "title", UNRESOLVED_TITLE, "citation",
	                      citation, "outcome", rules_outcome_name(RULES_REVIEW));
	json_object_set_new(o, "party", party_ref(t, (long)index));
	json_object_set_new(o, "facts", json_pack("{s:s,s:o}", "name", t->parties[index].name, "hits", hit_facts(hits)));
	return o;
}

static json_t *reasons_json(const txn *t, const json_t *parties, const rules_result *rr, double threshold)
{
	json_t *reasons = json_array();
	for (size_t k = 0; k < rr->finding_count; k++)
		json_array_append_new(reasons, reason_json(t, &rr->findings[k]));
	for (size_t i = 0; i < t->party_count; i++) {
		const json_t *hits = json_object_get(json_array_get(parties, i), "hits");
		if (json_array_size(hits) && !finding_about_party(rr, i))
			json_array_append_new(reasons, unresolved_reason(t, i, hits, threshold));
	}
	return reasons;
}

/* Most severe first; the order of the rules otherwise (insertion sort keeps it stable). */
static void sort_by_severity(json_t *reasons)
{
	size_t n = json_array_size(reasons);
	for (size_t i = 1; i < n; i++) {
		json_t *r = json_incref(json_array_get(reasons, i));
		size_t j = i;
		while (j > 0 && stated(json_array_get(reasons, j - 1), "outcome") < stated(r, "outcome")) {
			json_array_set(reasons, j, json_array_get(reasons, j - 1));
			j--;
		}
		json_array_set_new(reasons, j, r);
	}
}

/* ---- parties and items: the reasons about each ---- */

static int about_party(const json_t *reason, long index)
{
	json_t *p = json_object_get(json_object_get(reason, "party"), "index");
	return p && json_integer_value(p) == index;
}

static int about_item(const json_t *reason, long line)
{
	json_t *l = json_object_get(reason, "item");
	return l && json_integer_value(l) == line;
}

/* Sets "determination" and "rules" of target from the reasons about it; returns the determination. */
static rules_outcome attach_reasons(json_t *target, const json_t *reasons, int (*about)(const json_t *, long),
                                    long key)
{
	rules_outcome d = stated(target, "determination");
	json_t *rules = json_object_get(target, "rules");
	int own_rules = !json_is_array(rules);
	if (own_rules)
		rules = json_array();
	size_t i;
	json_t *r;
	json_array_foreach(reasons, i, r) {
		if (!about(r, key))
			continue;
		d = worse(d, stated(r, "outcome"));
		if (own_rules)
			json_array_append_new(rules, rule_ref(json_string_value(json_object_get(r, "rule")),
			                                      json_string_value(json_object_get(r, "citation")),
			                                      stated(r, "outcome")));
	}
	if (own_rules)
		json_object_set_new(target, "rules", rules);
	json_object_set_new(target, "determination", json_string(rules_outcome_name(d)));
	return d;
}

static rules_outcome attach_to_parties(json_t *parties, const json_t *reasons)
{
	rules_outcome d = RULES_CLEAR;
	size_t i;
	json_t *p;
	json_array_foreach(parties, i, p)
		d = worse(d, attach_reasons(p, reasons, about_party, (long)i));
	return d;
}

/* The evaluator's own object for an item (classification, computed parameters), if it made one. */
static json_t *evaluator_item(const rules_result *rr, long line)
{
	size_t i;
	json_t *o;
	json_array_foreach(rr->items, i, o)
		if (json_integer_value(json_object_get(o, "line")) == line)
			return json_deep_copy(o);
	return json_object();
}

static void set_if_absent(json_t *o, const char *key, const char *value)
{
	if (value && !json_object_get(o, key))
		json_object_set_new(o, key, json_string(value));
}

static json_t *items_json(const txn *t, const rules_result *rr, const json_t *reasons, rules_outcome *worst)
{
	json_t *items = json_array();
	for (size_t i = 0; i < t->item_count; i++) {
		const txn_item *it = &t->items[i];
		json_t *o = evaluator_item(rr, it->line);
		json_object_set_new(o, "line", json_integer(it->line));
		set_if_absent(o, "description", it->description);
		set_if_absent(o, "hs_code", it->hs_code);
		set_if_absent(o, "eccn", it->eccn);
		*worst = worse(*worst, attach_reasons(o, reasons, about_item, it->line));
		json_array_append_new(items, o);
	}
	return items;
}

/* ---- provenance ---- */

static const char *end_use_name(txn_end_use_category c)
{
	static const char *const names[] = {"unspecified",      "civil",      "military",          "military_end_user",
	                                    "supercomputer",    "semiconductor_fab", "ai_training", "unknown"};
	return (size_t)c < sizeof(names) / sizeof(*names) ? names[c] : "unknown";
}

static json_t *shipment_json(const txn *t)
{
	char date[11];
	txn_format_date(t->date, date);
	json_t *transit = json_array();
	for (size_t i = 0; i < t->transit_count; i++)
		json_array_append_new(transit, json_string(t->transit[i]));
	json_t *o = json_pack("{s:o,s:s,s:s,s:o,s:s}", "id", t->id ? json_string(t->id) : json_null(), "date", date,
	                      "destination", t->destination ? t->destination : "", "transit", transit, "end_use",
	                      end_use_name(t->end_use.category));
	if (t->destination_region)
		json_object_set_new(o, "destination_region", json_string(t->destination_region));
	return o;
}

static json_t *snapshot_json(const cordon_snapshot *snap)
{
	cordon_snapshot_info info;
	if (cordon_snapshot_get_info(snap, &info) != 0)
		return json_null();
	char created[32];
	time_t when = (time_t)info.created_unix;
	struct tm tm;
	strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&when, &tm));
	json_t *sources = json_array();
	for (size_t i = 0; i < info.source_count; i++) {
		const char *path = info.sources[i].path, *base = strrchr(path, '/');
		json_array_append_new(sources, json_pack("{s:s,s:s,s:s}", "dataset", info.sources[i].dataset, "file",
		                                         base ? base + 1 : path, "date", info.sources[i].file_date));
	}
	return json_pack("{s:s,s:s,s:o}", "created", created, "checksum", info.checksum, "sources", sources);
}

static json_t *provenance_json(const check_context *ctx)
{
	return json_pack("{s:{s:s,s:s},s:f,s:o}", "rules_pack", "id", ctx->pack_id ? ctx->pack_id : "", "version",
	                 ctx->pack_version ? ctx->pack_version : "", "threshold", ctx->threshold, "snapshot",
	                 snapshot_json(ctx->snap));
}

json_t *check_result_json(const txn *t, json_t *parties, const rules_result *rr, const check_context *ctx)
{
	json_t *reasons = reasons_json(t, parties, rr, ctx->threshold);
	sort_by_severity(reasons);
	rules_outcome decision = worse(rr->decision, attach_to_parties(parties, reasons));
	json_t *items = items_json(t, rr, reasons, &decision);
	size_t i;
	json_t *r;
	json_array_foreach(reasons, i, r)
		decision = worse(decision, stated(r, "outcome"));
	json_t *o = json_object();
	json_object_set_new(o, "decision", json_string(rules_outcome_name(decision)));
	json_object_set_new(o, "shipment", shipment_json(t));
	json_object_set_new(o, "parties", parties);
	json_object_set_new(o, "items", items);
	json_object_set_new(o, "reasons", reasons);
	json_object_set_new(o, "provenance", provenance_json(ctx));
	return o;
}
