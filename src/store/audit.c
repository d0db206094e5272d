/*
 * The audit trail: an append-only chain of records, each holding
 * hash = SHA-256(prev_hash 0x1f seq 0x1f created_at 0x1f action 0x1f content),
 * prev_hash being the previous record's hash (64 zeros for the first).
 * Editing a record breaks its hash; deleting one leaves a gap in seq or a
 * prev_hash that names no record; deleting the newest ones is caught by the
 * chain head kept in meta, written in the same transaction as each record.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/error.h"
#include "util/sha256.h"

#define HEAD_KEY "audit_head"

static void record_hash(const store_audit_record *r, char out[65])
{
	char seq[24];
	snprintf(seq, sizeof(seq), "%lld", (long long)r->seq);
	const char *parts[] = {r->prev_hash, seq, r->created_at, r->action, r->content};
	cu_sha256 *h = cu_sha256_new();
	for (size_t i = 0; i < sizeof(parts) / sizeof(*parts); i++) {
		if (i)
			cu_sha256_update(h, "\x1f", 1);
		cu_sha256_update(h, parts[i] ? parts[i] : "", parts[i] ? strlen(parts[i]) : 0);
	}
	cu_sha256_finish(h, out);
}

/* The head as "SEQ HASH" in meta; seq 0 and the zero hash when the trail is empty. */
static int read_head(store *s, int64_t *seq, char hash[65])
{
	char *value = NULL;
	int rc = store_meta_get(s, HEAD_KEY, &value);
	*seq = 0;
	snprintf(hash, 65, "%064d", 0);
	if (rc == CORDON_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	long long n = 0;
	char h[65] = "";
	int ok = sscanf(value, "%lld %64s", &n, h) == 2 && strlen(h) == 64;
	free(value);
	if (!ok)
		return cu_fail(CORDON_ECORRUPT, "%s: the audit chain head in meta is malformed", store_path(s));
	*seq = n;
	memcpy(hash, h, 65);
	return 0;
}

/* Loads the head once per transaction: the write lock keeps it valid until the commit. */
static int load_head(store *s)
{
	if (s->head_loaded)
		return 0;
	int64_t last_seq;
	char last_hash[65];
	int rc = read_head(s, &s->head_seq, s->head_hash);
	if (!rc)
		rc = s->ops->audit_head(s, &last_seq, last_hash);
	if (rc)
		return rc;
	/* a head behind the records means meta was tampered with: refuse rather than fork the chain */
	if (last_seq > s->head_seq)
		return cu_fail(CORDON_ECORRUPT, "%s: audit chain head (seq %lld) is behind the newest record (seq %lld): "
		               "run cordon audit verify", store_path(s), (long long)s->head_seq, (long long)last_seq);
	s->head_loaded = 1;
	return 0;
}

int store_audit_append(store *s, const char *action, const char *content)
{
	if (!s->in_txn)
		return cu_fail(CORDON_EINVALID, "%s: audit records are written inside the transaction they record",
		               store_path(s));
	int rc = load_head(s);
	if (rc)
		return rc;
	char now[32], hash[65];
	store_now(now);
	store_audit_record r = {s->head_seq + 1, now, action, content, s->head_hash, hash};
	record_hash(&r, hash);
	rc = s->ops->audit_insert(s, &r);
	if (rc)
		return rc;
	s->head_seq = r.seq;
	memcpy(s->head_hash, hash, sizeof(hash));
	s->head_dirty = 1;
	return 0;
}

int store_audit_flush(store *s)
{
	if (!s->head_dirty)
		return 0;
	char head[96];
	snprintf(head, sizeof(head), "%lld %s", (long long)s->head_seq, s->head_hash);
	int rc = store_meta_set(s, HEAD_KEY, head);
	s->head_dirty = rc != 0;
	return rc;
}

/* ---- verification ---- */

typedef struct {
	store_audit_report *report;
	int64_t expect_seq;
	char prev_hash[65];
} verify_state;

static int bad(verify_state *v, int64_t seq, const char *fmt, ...) CU_PRINTF(3, 4);

/* Notes the first bad record (seq, and its position in seq order) and stops the walk. */
static int bad(verify_state *v, int64_t seq, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	v->report->bad_seq = seq;
	v->report->position = v->report->records;
	vsnprintf(v->report->problem, sizeof(v->report->problem), fmt, ap);
	va_end(ap);
	return 1;
}

static int verify_one(const store_audit_record *r, void *payload)
{
	verify_state *v = payload;
	v->report->records++;
	long long pos = v->report->records;
	if (r->seq != v->expect_seq)
		return r->seq > v->expect_seq
		               ? bad(v, v->expect_seq, "record %lld is missing (deleted): at position %lld the sequence "
		                     "jumps to %lld", (long long)v->expect_seq, pos, (long long)r->seq)
		               : bad(v, v->expect_seq, "record %lld is out of sequence at position %lld",
		                     (long long)r->seq, pos);
	char hash[65];
	record_hash(r, hash);
	int linked = strcmp(r->prev_hash ? r->prev_hash : "", v->prev_hash) == 0;
	if (!linked && r->seq == 1)
		return bad(v, 1, "record 1 (position 1) was edited: it does not start from the chain's origin");
	/* the record before checked out against its own hash, so it was replaced whole, or records
	 * between the two were deleted and the rest renumbered: the break is reported here */
	if (!linked)
		return bad(v, r->seq, "record %lld (position %lld) does not chain to record %lld before it: that "
		           "record was replaced, or records between them were deleted", (long long)r->seq, pos,
		           (long long)r->seq - 1);
	if (strcmp(hash, r->hash ? r->hash : "") != 0)
		return bad(v, r->seq, "record %lld (position %lld) was edited: its hash does not match its content",
		           (long long)r->seq, pos);
	memcpy(v->prev_hash, hash, sizeof(hash));
	v->expect_seq++;
	return 0;
}

int store_audit_verify(store *s, store_audit_report *report)
{
	memset(report, 0, sizeof(*report));
	verify_state v = {report, 1, ""};
	snprintf(v.prev_hash, sizeof(v.prev_hash), "%064d", 0);
	int rc = s->ops->audit_each(s, NULL, NULL, verify_one, &v);
	if (rc)
		return rc;
	if (report->bad_seq)
		return CORDON_ECORRUPT;
	int64_t head_seq;
	char head_hash[65];
	rc = read_head(s, &head_seq, head_hash);
	if (rc)
		return rc;
	int64_t last = v.expect_seq - 1;
	if (head_seq > last) {
		report->bad_seq = last + 1;
		report->position = report->records + 1;
		snprintf(report->problem, sizeof(report->problem),
		         "records %lld to %lld are missing (deleted from the end): the chain head is record %lld",
		         (long long)last + 1, (long long)head_seq, (long long)head_seq);
		return CORDON_ECORRUPT;
	}
	if (head_seq < last || strcmp(head_hash, v.prev_hash) != 0) {
		report->bad_seq = head_seq ? head_seq : 1;
		report->position = head_seq ? head_seq : 1;
		snprintf(report->problem, sizeof(report->problem),
		         "the chain head (record %lld) does not match the newest record (%lld)", (long long)head_seq,
		         (long long)last);
		return CORDON_ECORRUPT;
	}
	memcpy(report->head_hash, v.prev_hash, sizeof(report->head_hash));
	return 0;
}

/* ---- export ---- */

typedef struct {
	FILE *out;
	int csv;
	int64_t count;
} export_state;

static void csv_quoted(FILE *out, const char *s)
{
	fputc('"', out);
	for (; s && *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static int export_one(const store_audit_record *r, void *payload)
{
	export_state *x = payload;
	if (x->csv) {
		fprintf(x->out, "%lld,%s,%s,", (long long)r->seq, r->created_at, r->action);
		csv_quoted(x->out, r->content);
		fprintf(x->out, ",%s,%s\n", r->prev_hash, r->hash);
	} else {
		json_t *content = json_loads(r->content, JSON_DECODE_ANY, NULL);
		json_t *o = json_pack("{s:I, s:s, s:s, s:o, s:s, s:s}", "seq", (json_int_t)r->seq, "created_at",
		                      r->created_at, "action", r->action, "content",
		                      content ? content : json_string(r->content), "prev_hash", r->prev_hash, "hash",
		                      r->hash);
		fputs(x->count ? ",\n" : "\n", x->out);
		if (o)
			json_dumpf(o, x->out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
		json_decref(o);
	}
	x->count++;
	return ferror(x->out) ? cu_fail(CORDON_EIO, "writing the export failed") : 0;
}

int store_audit_export(store *s, const char *from, const char *to, const char *format, FILE *out)
{
	export_state x = {out, 0, 0};
	if (strcmp(format, "csv") == 0)
		x.csv = 1;
	else if (strcmp(format, "json") != 0)
		return cu_fail(CORDON_EINVALID, "unknown export format \"%s\" (csv or json)", format);
	fputs(x.csv ? "seq,created_at,action,content,prev_hash,hash\n" : "[", out);
	int rc = s->ops->audit_each(s, from, to, export_one, &x);
	if (!x.csv)
		fputs(x.count ? "\n]\n" : "]\n", out);
	return rc;
}
