/*
 * The store: the customer/counterparty file, every screening, analysts'
 * decisions, the allow-list and the audit trail (docs/store.md).
 *
 * A backend is a table of functions (store_backend) so that a PostgreSQL
 * backend can follow the SQLite one; everything above it (audit chain,
 * import, screening, decisions) is written once, here and in audit.c,
 * parties_csv.c, screen_parties.c and decide.c.
 *
 * Writes happen inside store_begin/store_commit. A write transaction waits
 * for other writers (busy timeout) instead of failing, and every write
 * appends its audit record inside the same transaction, so a crash leaves
 * either both or neither. Functions return 0 or a negative cordon_error_code
 * with cordon_last_error() naming the store file and what failed.
 */
#ifndef CORDON_STORE_H
#define CORDON_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cordon/common.h"

/* Highest schema version this program knows; a newer store is refused. */
#define STORE_SCHEMA_VERSION 1

typedef struct store store;

/* A stored party. Strings are malloc'd (store_party_dispose), NULL when not given. */
typedef struct {
	int64_t id; /* row id; 0 before insert */
	char *external_id;
	char *name;
	char *schema;      /* cordon_schema_name(), or NULL for any */
	char *country;     /* ISO alpha-2 */
	char *birth_date;  /* YYYY, YYYY-MM or YYYY-MM-DD */
	char *identifiers; /* "kind:value;kind:value" (kind may be empty: "value") */
	char *imported_at;
	char content_hash[65]; /* SHA-256 of the canonical party (store_party_hash) */
} store_party;

/* What happened to a party on import. */
enum { STORE_PARTY_INSERTED = 1, STORE_PARTY_UPDATED = 2, STORE_PARTY_UNCHANGED = 3 };

/* One potential hit of a screening. */
typedef struct {
	char *entity_id;
	char *entity_name;
	char *matched_name;
	double score;
	char entity_hash[65]; /* SHA-256 of the entity's JSON in the snapshot screened against */
	char status[12];      /* "open", "cleared" (allow-list), "confirmed" (an earlier true match stands) */
	int64_t decision_id;  /* the decision that cleared or confirmed it, else 0 */
} store_hit;

typedef struct {
	int64_t id;
	int64_t party_id;        /* 0 for an ad-hoc screening */
	char *party_external_id; /* NULL for ad-hoc */
	char party_hash[65];     /* "" for ad-hoc */
	char *input_json;        /* the query screened */
	char *snapshot_checksum;
	int64_t snapshot_created;
	char kind[8];            /* "full" (every entity) or "delta" (entities added or changed) */
	char *created_at;
	store_hit *hits;
	size_t hit_count;
} store_screening;

typedef struct {
	int64_t id;
	int64_t screening_id;
	int64_t party_id; /* 0 for an ad-hoc screening */
	char *entity_id;
	char entity_hash[65];
	char party_hash[65];
	int true_match; /* 1 true match, 0 false positive */
	char *reviewer;
	char *reason;
	char *created_at;
} store_decision;

/* An open potential hit: in a party's current screening, neither cleared nor decided. */
typedef struct {
	int64_t screening_id;
	const char *party_external_id; /* NULL for ad-hoc */
	const char *party_name;
	const char *entity_id;
	const char *entity_name;
	double score;
	const char *screened_at;
} store_case;

typedef struct {
	int64_t seq;
	const char *created_at;
	const char *action;  /* "party.insert", "party.update", "screening", "decision", ... */
	const char *content; /* canonical JSON of what was written; hashed as stored */
	const char *prev_hash;
	const char *hash;
} store_audit_record;

typedef int (*store_party_fn)(const store_party *p, void *payload);
typedef int (*store_case_fn)(const store_case *c, void *payload);
/* Return 0 to continue, >0 to stop early, <0 to abort with that code. */
typedef int (*store_audit_fn)(const store_audit_record *r, void *payload);

/* The operations a backend provides. Only store.c and the backends call these directly. */
typedef struct {
	const char *name;
	void (*close)(store *s);
	int (*begin)(store *s); /* write transaction; waits for other writers */
	int (*commit)(store *s);
	int (*rollback)(store *s);
	int (*integrity)(store *s, char *problem, size_t size); /* 0 ok, CORDON_ECORRUPT with problem */
	int (*party_upsert)(store *s, store_party *p, int *outcome);
	int (*party_find)(store *s, const char *external_id, store_party *out);
	/* Parties with id > after_id in id order, at most limit; *count_out set. */
	int (*party_page)(store *s, int64_t after_id, size_t limit, store_party *out, size_t *count_out);
	int64_t (*party_count)(store *s);
	int (*screening_insert)(store *s, store_screening *sc, const char *results_json);
	/* The party's screening with the highest id that has a hit on entity_id; CORDON_ENOTFOUND. */
	int (*screening_hit_find)(store *s, int64_t screening_id, int64_t party_id, const char *entity_id,
	                          store_screening *out);
	int (*decision_insert)(store *s, store_decision *d);
	int (*decision_find)(store *s, const char *party_hash, const char *entity_id, const char *entity_hash,
	                     int true_match, int64_t *id_out); /* CORDON_ENOTFOUND when none */
	int (*allow_insert)(store *s, const store_decision *d);
	int (*allow_find)(store *s, const char *party_hash, const char *entity_id, const char *entity_hash,
	                  int64_t *decision_id_out); /* CORDON_ENOTFOUND when none */
	int (*case_each)(store *s, store_case_fn fn, void *payload);
	int (*audit_head)(store *s, int64_t *seq, char hash[65]);
	int (*audit_insert)(store *s, const store_audit_record *r);
	/* Records in seq order with from <= created_at <= to (NULL: unbounded). */
	int (*audit_each)(store *s, const char *from, const char *to, store_audit_fn fn, void *payload);
	int (*meta_get)(store *s, const char *key, char **value_out); /* CORDON_ENOTFOUND when unset */
	int (*meta_set)(store *s, const char *key, const char *value);
} store_backend;

struct store {
	const store_backend *ops;
	char *path;
	int in_txn;
	/* The audit chain head while a write transaction holds the lock (audit.c): read once per
	 * transaction, written back to meta just before the commit. */
	int head_loaded, head_dirty;
	int64_t head_seq;
	char head_hash[65];
};

/* ---- opening (store.c) ---- */

/* Opens (creating and migrating as needed) the store at path: an SQLite file. */
int store_open(store **out, const char *path);
void store_close(store *s);
const char *store_path(const store *s);

int store_begin(store *s);
int store_commit(store *s);
int store_rollback(store *s); /* safe to call when no transaction is open */

/* PRAGMA integrity_check or the backend's equivalent; CORDON_ECORRUPT with problem filled. */
int store_integrity(store *s, char *problem, size_t size);

int store_meta_get(store *s, const char *key, char **value_out);
int store_meta_set(store *s, const char *key, const char *value);

/* Current time as "YYYY-MM-DDTHH:MM:SS.ffffffZ" (CORDON_NOW overrides, for tests). */
void store_now(char buf[32]);

/* Fills p->content_hash from the party's fields (external id included). */
void store_party_hash(store_party *p);
void store_party_dispose(store_party *p);
void store_screening_dispose(store_screening *sc);
void store_decision_dispose(store_decision *d);

/* ---- parties (store.c) ---- */

/* Inserts or updates by external id and audits it; inside a transaction. */
int store_party_put(store *s, store_party *p, int *outcome);
int store_party_find(store *s, const char *external_id, store_party *out);
int store_party_page(store *s, int64_t after_id, size_t limit, store_party *out, size_t *count_out);
int64_t store_party_count(store *s);

/* ---- screenings, decisions, cases (store.c) ---- */

/* Records a screening with its hits and audits it; inside a transaction. */
int store_screening_put(store *s, store_screening *sc);
/*
 * Sets each hit's status from the allow-list and earlier true-match decisions
 * (cleared / confirmed / open). Read-only; call before store_screening_put.
 */
int store_screening_classify(store *s, store_screening *sc);
int store_case_each(store *s, store_case_fn fn, void *payload);

/*
 * Records an analyst's decision on a hit (its own transaction): the hit is
 * named by screening id, or by party external id (its latest screening
 * with a hit on entity_id). A false positive adds the allow-list entry.
 * d->reviewer, d->reason, d->entity_id and d->true_match are input; the
 * rest is filled.
 */
int store_decide(store *s, int64_t screening_id, const char *party_external_id, store_decision *d);

/* ---- audit trail (audit.c) ---- */

/* Appends one record chained to the last; inside the write transaction of what it records. */
int store_audit_append(store *s, const char *action, const char *content);
/* Writes the chain head of this transaction's records to meta (store_commit calls it). */
int store_audit_flush(store *s);

typedef struct {
	int64_t records;     /* records checked */
	int64_t bad_seq;     /* first record (sequence number) found wrong; 0 when the chain is intact */
	int64_t position;    /* 1-based position of that record in seq order */
	char problem[512];
	char head_hash[65];  /* hash of the last record: note it down to anchor the chain */
} store_audit_report;

/* 0 when the chain is intact; CORDON_ECORRUPT with report->problem naming the first bad record. */
int store_audit_verify(store *s, store_audit_report *report);

/* Writes records with from <= created_at <= to as "csv" or "json" (a JSON array). */
int store_audit_export(store *s, const char *from, const char *to, const char *format, FILE *out);

/* ---- backends ---- */

int store_sqlite_open(store **out, const char *path);

#endif
