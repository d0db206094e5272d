/*
 * Helpers for the rules tests: the default pack, shipments from JSON text, hits
 * injected into a party, and questions about the findings.
 */
#ifndef CORDON_TEST_RULES_SUPPORT_H
#define CORDON_TEST_RULES_SUPPORT_H

#include <jansson.h>

#include "rules/rules.h"
#include "rules/txn.h"
#include "rules/txn_norm.h"
#include "test.h"

#define DEFAULT_PACK CORDON_TEST_DATA "/rules/default.json"

static inline rules_pack *default_pack(void)
{
	static rules_pack *pack;
	char err[512];
	if (!pack && rules_pack_load(DEFAULT_PACK, &pack, err, sizeof(err))) {
		fprintf(stderr, "default pack: %s\n", err);
		exit(1);
	}
	return pack;
}

/* A shipment from JSON text; every party marked screened with no hits unless noted. */
static inline int txn_text(const char *text, txn *t)
{
	json_error_t je;
	json_t *j = json_loads(text, 0, &je);
	char err[256];
	if (!j) {
		fprintf(stderr, "bad test JSON: %s: %s\n", je.text, text);
		memset(t, 0, sizeof(*t));
		return -1;
	}
	int rc = txn_from_json(j, t, err, sizeof(err));
	json_decref(j);
	if (rc) {
		fprintf(stderr, "bad test shipment: %s\n", err);
		return -1;
	}
	for (size_t i = 0; i < t->party_count; i++)
		t->parties[i].screened = 1;
	return 0;
}

/* Evaluates with the default pack; returns the decision, or -1 on failure. */
static inline int evaluate(const txn *t, rules_result *r)
{
	char err[256];
	if (rules_evaluate(default_pack(), t, r, err, sizeof(err))) {
		fprintf(stderr, "evaluate: %s\n", err);
		return -1;
	}
	return (int)r->decision;
}

static inline const rules_finding *finding(const rules_result *r, const char *rule_id)
{
	for (size_t i = 0; i < r->finding_count; i++)
		if (strcmp(r->findings[i].rule_id, rule_id) == 0)
			return &r->findings[i];
	return NULL;
}

/* The rule fired with this outcome (on any item or party). */
static inline int fired(const rules_result *r, const char *rule_id, rules_outcome o)
{
	for (size_t i = 0; i < r->finding_count; i++)
		if (strcmp(r->findings[i].rule_id, rule_id) == 0 && r->findings[i].outcome == o)
			return 1;
	return 0;
}

static inline void dump_findings(const rules_result *r)
{
	for (size_t i = 0; i < r->finding_count; i++) {
		char *facts = json_dumps(r->findings[i].facts, JSON_COMPACT);
		fprintf(stderr, "  %s %s item %ld party %ld %s\n", rules_outcome_name(r->findings[i].outcome),
		        r->findings[i].rule_id, r->findings[i].item_line, r->findings[i].party_index, facts);
		free(facts);
	}
}

/* Shipment text and the decision expected for it; prints the findings when it differs. */
#define CHECK_DECISION(text, expected)                                                              \
	do {                                                                                        \
		txn t_;                                                                             \
		rules_result r_;                                                                    \
		REQUIRE(txn_text(text, &t_) == 0);                                                  \
		int d_ = evaluate(&t_, &r_);                                                        \
		CHECK_STR(rules_outcome_name((rules_outcome)d_), rules_outcome_name(expected));    \
		if (d_ != (int)(expected))                                                          \
			dump_findings(&r_);                                                         \
		rules_result_free(&r_);                                                             \
		txn_free(&t_);                                                                      \
	} while (0)

static inline void add_hit(txn_party *p, const char *id, double score, const char *tag1, const char *tag2)
{
	const char *tags[2] = {tag1, tag2};
	if (txn_party_add_hit(p, id, "Listed Name", "Listed Name", score, tags, tag2 ? 2 : 1)) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
}

#endif
