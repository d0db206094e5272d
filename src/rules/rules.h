/*
 * Export-control rules: a rules pack (data: docs/rules.md describes the format,
 * data/rules/default.json is the default pack) evaluated against a transaction
 * (txn.h) at the transaction's date. Every finding names its rule, the rule's
 * citation and the facts that triggered it.
 */
#ifndef CORDON_RULES_H
#define CORDON_RULES_H

#include <jansson.h>
#include <stddef.h>

#include "rules/txn.h"

typedef struct rules_pack rules_pack;

/* Most severe last, so that the overall decision is the maximum. */
typedef enum {
	RULES_CLEAR = 0,
	RULES_REVIEW = 1,
	RULES_LICENSE_REQUIRED = 2,
	RULES_BLOCK = 3,
} rules_outcome;

/* "clear", "review", "license_required", "block" */
const char *rules_outcome_name(rules_outcome o);

/*
 * Loads and validates a pack. On error returns -1 with a message naming the
 * file and the JSON path of the offending field in err; *out is then NULL.
 */
int rules_pack_load(const char *path, rules_pack **out, char *err, size_t errsize);
void rules_pack_free(rules_pack *pack);
const char *rules_pack_id(const rules_pack *pack);      /* "cordon-default" */
const char *rules_pack_version(const rules_pack *pack); /* "2026.11.1" */

/* One rule that fired, or one fact a rule needed and did not get (outcome REVIEW). */
typedef struct {
	const char *rule_id;   /* borrowed from the pack */
	const char *title;     /* borrowed */
	const char *citation;  /* borrowed */
	rules_outcome outcome;
	const char *policy;    /* licence review policy or exception note, or NULL (borrowed) */
	long item_line;        /* the item it is about, or 0 */
	long party_index;      /* the party (index into txn.parties) it is about, or -1 */
	json_t *facts;         /* owned: {"destination": "CN", "tpp": 15824, ...} */
} rules_finding;

typedef struct {
	rules_outcome decision; /* the most severe outcome of all findings (CLEAR when none) */
	rules_finding *findings;
	size_t finding_count;
	json_t *items;          /* owned: per item {"line", "determination", "classification",
	                           "computed": {"tpp": ..., "pd": ...}, "rules": [...]} */
} rules_result;

/*
 * Evaluates every rule in force on t->date. The parties' hits must already be
 * filled (txn_party.screened); a rule about a party that was not screened
 * yields REVIEW, never CLEAR. Returns -1 only on an internal error.
 */
int rules_evaluate(const rules_pack *pack, const txn *t, rules_result *out, char *err, size_t errsize);
void rules_result_free(rules_result *r);

/*
 * The classification of one item on a date, with the arithmetic: computed
 * parameters (TPP, PD ...) with their formulas, and the control entries met
 * or missed and why. For `cordon classify`.
 */
json_t *rules_classify(const rules_pack *pack, const txn_item *item, txn_day date);

#endif
