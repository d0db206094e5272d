/* One shipment through the whole check: read, screen the parties, apply the rules, assemble. */
#include "check/internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

check_status check_shipment(const cordon_snapshot *snap, const rules_pack *pack, json_t *shipment,
                            const check_options *opt, json_t **result, char *err, size_t errsize)
{
	*result = NULL;
	if (!json_is_object(shipment)) {
		snprintf(err, errsize, "the shipment must be a JSON object");
		return CHECK_BAD_INPUT;
	}
	txn t;
	if (txn_from_json(shipment, &t, err, errsize) != 0) {
		txn_free(&t);
		return CHECK_BAD_INPUT;
	}
	json_t *parties = json_array();
	check_status st = check_screen_parties(snap, &t, opt, parties, err, errsize);
	rules_result rr;
	memset(&rr, 0, sizeof(rr));
	if (st == CHECK_OK && rules_evaluate(pack, &t, &rr, err, errsize) != 0)
		st = CHECK_FAILED;
	if (st == CHECK_OK) {
		check_context ctx = {rules_pack_id(pack), rules_pack_version(pack), snap, opt->threshold};
		*result = check_result_json(&t, parties, &rr, &ctx);
		parties = NULL; /* the result has it */
		if (!*result) {
			snprintf(err, errsize, "out of memory assembling the result");
			st = CHECK_FAILED;
		}
	}
	rules_result_free(&rr);
	json_decref(parties);
	txn_free(&t);
	return st;
}

/* A JSON path as txn_from_json writes them: names, [index] and dots. */
static int path_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '[' || c == ']' || c == '-';
}

const char *check_error_field(const char *message, char *buf, size_t size)
{
	const char *colon = strstr(message, ": ");
	size_t n = colon ? (size_t)(colon - message) : 0;
	for (size_t i = 0; i < n; i++)
		if (!path_char(message[i]))
			n = 0;
	if (n >= size)
		n = 0;
	memcpy(buf, message, n);
	buf[n] = '\0';
	return buf;
}
