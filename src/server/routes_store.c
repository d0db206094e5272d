/*
 * The store over HTTP (cordon serve --store FILE): import parties, screen them against the
 * served snapshot, list cases, record decisions, verify and export the audit trail. Each
 * request opens its own connection to the store (SQLite serialises writers with its busy
 * timeout, as between CLI processes) and closes it before answering.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/internal.h"
#include "server/routes_store.h"
#include "store/import.h"
#include "store/screen.h"
#include "store/store.h"

/* The store, or NULL after answering 404 (no --store) or 500 (it cannot be opened). */
static store *open_store(srv_request *r)
{
	const char *path = srv_of(r)->config.store_path;
	if (!path) {
		srv_reply_error(r, 404, NULL, "this server has no store: start it with cordon serve --store FILE");
		return NULL;
	}
	store *s;
	if (store_open(&s, path) != 0) {
		srv_reply_error(r, 500, NULL, "%s", cordon_last_error());
		return NULL;
	}
	return s;
}

/* 404 for what does not exist, 400 for what the request got wrong, 500 otherwise. */
static unsigned status_of(int rc)
{
	return rc == CORDON_ENOTFOUND ? 404 : rc == CORDON_EINVALID || rc == CORDON_EPARSE ? 400 : 500;
}

/* ---- POST /v1/parties: a CSV party file in the body ---- */

typedef struct {
	json_t *errors;
	const char *tmp_path;
} import_errors;

/* "TMPFILE:LINE: problem" becomes {"line": LINE, "message": "problem"}. */
static void collect_error(const char *message, void *payload)
{
	import_errors *e = payload;
	size_t n = strlen(e->tmp_path);
	const char *rest = strncmp(message, e->tmp_path, n) == 0 && message[n] == ':' ? message + n + 1 : message;
	char *end;
	long line = strtol(rest, &end, 10);
	int has_line = end != rest && end[0] == ':';
	json_array_append_new(e->errors, json_pack("{s:o, s:s}", "line", has_line ? json_integer(line) : json_null(),
	                                           "message", has_line ? end + (end[1] == ' ' ? 2 : 1) : rest));
}

/* The body in a temporary file for the CSV reader (which reads files, gzip included). */
static int body_to_file(srv_request *r, char *path, size_t size)
{
	size_t len;
	const char *body = srv_body(r, &len);
	const char *tmp = getenv("TMPDIR");
	snprintf(path, size, "%s/cordon-parties-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	int ok = len == 0 || (body && write(fd, body, len) == (ssize_t)len);
	close(fd);
	if (!ok)
		unlink(path);
	return ok ? 0 : -1;
}

void srv_v1_parties_import(srv_request *r)
{
	const char *strict = srv_arg(r, "strict");
	char path[512];
	if (body_to_file(r, path, sizeof(path)) != 0) {
		srv_reply_error(r, 500, NULL, "cannot keep the body for import");
		return;
	}
	store *s = open_store(r);
	if (!s) {
		unlink(path);
		return;
	}
	import_errors e = {json_array(), path};
	store_import_options opt = {strict && strcmp(strict, "true") == 0, collect_error, &e};
	store_import_result res;
	int rc = store_import_csv(s, path, &opt, &res);
	store_close(s);
	unlink(path);
	if (rc) {
		/* the message names the temporary file: say "body" instead */
		const char *msg = cordon_last_error();
		size_t n = strlen(path);
		srv_reply_error(r, status_of(rc) == 404 ? 400 : status_of(rc), "body", "%s%s",
		                strncmp(msg, path, n) == 0 ? "body" : "", strncmp(msg, path, n) == 0 ? msg + n : msg);
		json_decref(e.errors);
		return;
	}
	srv_reply_json(r, 200,
	               json_pack("{s:I, s:I, s:I, s:I, s:I, s:o}", "rows", (json_int_t)res.rows, "inserted",
	                         (json_int_t)res.inserted, "updated", (json_int_t)res.updated, "unchanged",
	                         (json_int_t)res.unchanged, "bad_rows", (json_int_t)res.bad_rows, "errors", e.errors));
}

/* ---- POST /v1/parties/screen ---- */

void srv_v1_parties_screen(srv_request *r)
{
	store *s = open_store(r);
	if (!s)
		return;
	store_screen_options opt = {0};
	opt.snapshot = srv_snap(r)->snap;
	opt.threads = 1; /* the server's other requests keep their cores */
	const char *threshold = srv_arg(r, "threshold");
	if (threshold) {
		char *end;
		opt.threshold = strtod(threshold, &end);
		if (*end || opt.threshold <= 0 || opt.threshold > 1) {
			store_close(s);
			srv_reply_error(r, 400, "threshold", "threshold must be a number in (0, 1]");
			return;
		}
	}
	store_screen_result res;
	int rc = store_screen_parties(s, &opt, &res);
	store_close(s);
	if (rc) {
		srv_reply_error(r, status_of(rc), NULL, "%s", cordon_last_error());
		return;
	}
	srv_reply_json(r, 200,
	               json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:s}", "parties", (json_int_t)res.parties, "screenings",
	                         (json_int_t)res.screenings, "hits", (json_int_t)res.hits, "open", (json_int_t)res.open,
	                         "cleared", (json_int_t)res.cleared, "confirmed", (json_int_t)res.confirmed, "snapshot",
	                         srv_snap(r)->info.checksum));
}

/* ---- GET /v1/cases ---- */

static int add_case(const store_case *c, void *payload)
{
	json_array_append_new(payload, json_pack("{s:I, s:s?, s:s?, s:s, s:s?, s:f, s:s}", "screening",
	                                         (json_int_t)c->screening_id, "party", c->party_external_id,
	                                         "party_name", c->party_name, "entity_id", c->entity_id,
	                                         "entity_name", c->entity_name, "score", c->score, "screened_at",
	                                         c->screened_at));
	return 0;
}

void srv_v1_cases(srv_request *r)
{
	store *s = open_store(r);
	if (!s)
		return;
	json_t *all = json_array();
	int rc = store_case_each(s, add_case, all);
	store_close(s);
	if (rc) {
		json_decref(all);
		srv_reply_error(r, 500, NULL, "%s", cordon_last_error());
		return;
	}
	srv_reply_json(r, 200, json_pack("{s:o}", "cases", all));
}

/* ---- POST /v1/decisions ---- */

/* The decision's fields from the body; answers 400 itself and returns -1 when one is wrong. */
static int read_decision(srv_request *r, json_t *body, store_decision *d, int64_t *screening, const char **party)
{
	json_t *sc = json_object_get(body, "screening");
	*party = json_string_value(json_object_get(body, "party"));
	*screening = json_is_integer(sc) ? json_integer_value(sc) : 0;
	const char *entity = json_string_value(json_object_get(body, "entity_id"));
	const char *verdict = json_string_value(json_object_get(body, "verdict"));
	const char *reviewer = json_string_value(json_object_get(body, "reviewer"));
	const char *reason = json_string_value(json_object_get(body, "reason"));
	const char *field = (*screening > 0) == (*party != NULL) ? "screening"
	                    : !entity                             ? "entity_id"
	                    : !verdict || (strcmp(verdict, "true_match") != 0 && strcmp(verdict, "false_positive") != 0)
	                            ? "verdict"
	                    : !reviewer || !*reviewer ? "reviewer"
	                    : !reason || !*reason     ? "reason"
	                                              : NULL;
	if (field) {
		srv_reply_error(r, 400, field,
		                "a decision needs screening (a number) or party (an id), entity_id, verdict "
		                "(\"true_match\" or \"false_positive\"), reviewer and reason");
		return -1;
	}
	d->entity_id = strdup(entity);
	d->reviewer = strdup(reviewer);
	d->reason = strdup(reason);
	d->true_match = strcmp(verdict, "true_match") == 0;
	return 0;
}

void srv_v1_decide(srv_request *r)
{
	json_t *body = srv_body_json(r);
	if (!body)
		return;
	store_decision d = {0};
	int64_t screening;
	const char *party;
	if (read_decision(r, body, &d, &screening, &party) != 0) {
		json_decref(body);
		return;
	}
	store *s = open_store(r);
	int rc = s ? store_decide(s, screening, party, &d) : 0;
	json_decref(body);
	if (s && rc)
		srv_reply_error(r, status_of(rc), NULL, "%s", cordon_last_error());
	else if (s)
		srv_reply_json(r, 200,
		               json_pack("{s:I, s:I, s:s, s:s, s:s, s:b}", "decision", (json_int_t)d.id, "screening",
		                         (json_int_t)d.screening_id, "entity_id", d.entity_id, "verdict",
		                         d.true_match ? "true_match" : "false_positive", "created_at", d.created_at,
		                         "allow_listed", !d.true_match && d.party_hash[0]));
	store_close(s);
	store_decision_dispose(&d);
}

/* ---- GET /v1/audit/verify, GET /v1/audit/export ---- */

void srv_v1_audit_verify(srv_request *r)
{
	store *s = open_store(r);
	if (!s)
		return;
	char problem[512];
	store_audit_report rep;
	int rc = store_integrity(s, problem, sizeof(problem));
	json_t *o = NULL;
	if (rc == CORDON_ECORRUPT)
		o = json_pack("{s:b, s:s}", "intact", 0, "problem", problem);
	else if (!rc && (rc = store_audit_verify(s, &rep)) == 0)
		o = json_pack("{s:b, s:I, s:s}", "intact", 1, "records", (json_int_t)rep.records, "head", rep.head_hash);
	else if (rc == CORDON_ECORRUPT)
		o = json_pack("{s:b, s:I, s:I, s:I, s:s}", "intact", 0, "record", (json_int_t)rep.bad_seq, "position",
		              (json_int_t)rep.position, "records_checked", (json_int_t)rep.records, "problem", rep.problem);
	store_close(s);
	if (o)
		srv_reply_json(r, 200, o);
	else
		srv_reply_error(r, 500, NULL, "%s", cordon_last_error());
}

void srv_v1_audit_export(srv_request *r)
{
	const char *format = srv_arg(r, "format") ? srv_arg(r, "format") : "json";
	const char *from = srv_arg(r, "from"), *to = srv_arg(r, "to");
	if (strcmp(format, "json") != 0 && strcmp(format, "csv") != 0) {
		srv_reply_error(r, 400, "format", "format is json or csv");
		return;
	}
	char end[64];
	if (to)
		snprintf(end, sizeof(end), strlen(to) == 10 ? "%sT~" : "%s", to); /* a date alone: that whole day */
	store *s = open_store(r);
	if (!s)
		return;
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	int rc = mem ? store_audit_export(s, from, to ? end : NULL, format, mem) : CORDON_ENOMEM;
	if (mem)
		fclose(mem);
	store_close(s);
	if (rc)
		srv_reply_error(r, 500, NULL, "%s", cordon_last_error());
	else
		srv_reply_text(r, 200, strcmp(format, "csv") == 0 ? "text/csv; charset=utf-8" : "application/json", text,
		               len);
	free(text);
}
