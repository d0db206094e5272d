/*
 * POST /v1/check: the shipment JSON in, the result of `cordon check --json` out,
 * screened against the snapshot the request holds and judged by the rules pack
 * loaded with it (so a reload never mixes one snapshot with another's pack).
 */
#include "server/routes_check.h"

#include <errno.h>
#include <stdlib.h>

#include "check/check.h"
#include "server/internal.h"

/* ?threshold=T, 0..1; answers 400 itself when it is not. */
static int threshold_arg(srv_request *r, double *out)
{
	const char *v = srv_arg(r, "threshold");
	if (!v)
		return 0;
	char *end;
	errno = 0;
	double t = strtod(v, &end);
	if (errno || end == v || *end || !(t >= 0.0 && t <= 1.0)) {
		srv_reply_error(r, 400, "threshold", "threshold must be a number from 0 to 1");
		return -1;
	}
	*out = t;
	return 0;
}

void srv_v1_check(srv_request *r)
{
	srv_snapshot *s = srv_snap(r);
	if (!s->rules) {
		srv_reply_error(r, 503, "", "this server has no rules pack (cordon serve --rules PACK)");
		return;
	}
	check_options opt = CHECK_OPTIONS_INIT;
	if (threshold_arg(r, &opt.threshold))
		return;
	json_t *shipment = srv_body_json(r);
	if (!shipment)
		return;
	json_t *result;
	char err[1024], field[256];
	check_status st = check_shipment(s->snap, s->rules, shipment, &opt, &result, err, sizeof(err));
	json_decref(shipment);
	if (st == CHECK_OK)
		srv_reply_json(r, 200, result);
	else if (st == CHECK_BAD_INPUT)
		srv_reply_error(r, 400, check_error_field(err, field, sizeof(field)), "%s", err);
	else
		srv_reply_error(r, 500, "", "%s", err);
}
