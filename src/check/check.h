/*
 * Whole-transaction screening (`cordon check`, POST /v1/check): a shipment's
 * parties screened against a snapshot, the export-control rules applied, and
 * one result: the decision, each party with its hits, each item with its
 * determination, and every reason with its rule, citation and facts.
 * docs/check.md describes the result.
 */
#ifndef CORDON_CHECK_H
#define CORDON_CHECK_H

#include <jansson.h>
#include <stdio.h>

#include "cordon.h"
#include "rules/rules.h"

typedef struct {
	double threshold; /* least score for a party's hit (the screener's default) */
	size_t limit;     /* hits kept per party */
	int explain;      /* say why each hit scored as it did */
} check_options;

#define CHECK_OPTIONS_INIT {CORDON_DEFAULT_THRESHOLD, CORDON_DEFAULT_LIMIT, 1}

typedef enum {
	CHECK_OK = 0,
	CHECK_BAD_INPUT = 1, /* the shipment is at fault: err names the field ("items[0].hs_code: ...") */
	CHECK_FAILED = 2,    /* out of memory or an internal error */
} check_status;

/*
 * Checks one shipment (the object of examples/README.md). On CHECK_OK *result is
 * the result object (the caller's reference); otherwise *result is NULL and err says why.
 */
check_status check_shipment(const cordon_snapshot *snap, const rules_pack *pack, json_t *shipment,
                            const check_options *opt, json_t **result, char *err, size_t errsize);

/* The JSON path at the head of a bad-input message ("items[0].hs_code"), or "" (into buf). */
const char *check_error_field(const char *message, char *buf, size_t size);

/* "clear", "review", "license_required", "block" back to the outcome; -1 for anything else. */
int check_outcome_parse(const char *name);

/* The decision a result carries. */
rules_outcome check_decision(const json_t *result);

/* The result as a report for people: the decision first, then reasons, parties, items. */
void check_report_text(FILE *out, const json_t *result);

#endif
