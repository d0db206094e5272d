/* What the files of src/check share: the screening step and the assembly of the result. */
#ifndef CORDON_CHECK_INTERNAL_H
#define CORDON_CHECK_INTERNAL_H

#include "check/check.h"
#include "rules/txn.h"

/*
 * Screens every party of t once per distinct name and country, filling its hits
 * (txn_party.hits, screened set) and appending to out, in party order,
 * {"role", "name", "country", "hits": [...]}.
 */
check_status check_screen_parties(const cordon_snapshot *snap, txn *t, const check_options *opt, json_t *out,
                                  char *err, size_t errsize);

/* What a result says about where it came from, besides the shipment. */
typedef struct {
	const char *pack_id, *pack_version;
	const cordon_snapshot *snap;
	double threshold;
} check_context;

/*
 * The result object from the screened parties (stolen), the rules' findings and
 * the transaction: decision, shipment, parties, items, reasons and provenance.
 * NULL when out of memory.
 */
json_t *check_result_json(const txn *t, json_t *parties, const rules_result *rr, const check_context *ctx);

#endif
