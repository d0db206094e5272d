/*
 * Helpers shared by the delimited-file readers (us_csl, bis_dpl, uk_ofsi,
 * uk_sl): header columns selected by name, row checks, splitting packed
 * cells, dates in several styles, entities grouped by id across rows.
 */
#ifndef CSRC_DELIMITED_UTIL_H
#define CSRC_DELIMITED_UTIL_H

#include <stddef.h>

#include "sources/csv_rows.h"
#include "util/buf.h"
#include "util/strmap.h"

/* Returns from the enclosing function when a builder call fails (only CORDON_ENOMEM in practice). */
#define DU_TRY(call)                       \
	do {                               \
		int du_rc_ = (call);       \
		if (du_rc_)                \
			return du_rc_;     \
	} while (0)

/* One column a reader knows, looked up by header name. */
typedef struct {
	const char *name;
	int required;
} du_column;

typedef struct {
	int *index;          /* per table entry: position in the header, or -1 */
	unsigned char *used; /* per header position: 1 when a table entry reads it */
	size_t header_count;
	size_t table_count;
} du_header;

/*
 * Maps the table's columns to header positions. A missing required column is
 * an error naming path, line and column.
 */
int du_header_resolve(du_header *h, const csrc_row *header, const du_column *table, size_t count);
void du_header_dispose(du_header *h);

/*
 * Checks a data row against the header: a row with a different field count
 * (an unbalanced quote merges lines; a stray delimiter adds fields) is
 * skipped with a warning; surplus fields that are empty are tolerated.
 * Counts non-empty values of columns the reader does not use in
 * stats.unknown_fields. Returns 1 when the row is usable, 0 when skipped.
 */
int du_row_usable(csrc_ctx *ctx, const du_header *h, const csrc_row *row, const char *what);

/*
 * 1 when the native id is present and at most max bytes. Otherwise counts the
 * record as skipped and warns, naming the file, line and field. Ids are
 * bounded because a very long "id" is a shifted or broken cell, not an id,
 * and it would become part of every reference to the entity.
 */
int du_id_usable(csrc_ctx *ctx, const csrc_row *row, const char *id, const char *field, size_t max);

/* Value of table column c, trimmed in place; NULL when the column is absent or the value empty. */
const char *du_get(const du_header *h, const csrc_row *row, int c);

/* Trims spaces at both ends in place and returns the start. */
char *du_trim(char *s);

/*
 * Next item of a packed cell, split on sep; the cell is modified in place.
 * Items are trimmed; empty items are skipped. NULL at the end.
 */
char *du_next_item(char **cursor, const char *sep);

/*
 * Next item of a UK-style enumeration "(1) Russia (2) Ukraine" or "a|b";
 * plain text is one item. Modifies the text in place; NULL at the end.
 */
char *du_next_enum(char **cursor);

/* Repairs Windows-1252 punctuation decoded as C1 controls (U+0091..U+0097) in place. */
void du_repair_c1(char *s);

/* 16 hex digits of cu_hash64 over s. */
void du_hash_hex(const char *s, char out[17]);

/* Upper-case ASCII, punctuation and space runs folded to one space, trimmed (malloc'd). */
char *du_normalise_name(const char *s);

/* 1 when the name contains a legal-form or institution word (LLC, LTD, GMBH, COMPANY, INSTITUTE ...). */
int du_looks_like_org(const char *name);

/*
 * "Secondary sanctions risk:" -> "secondary_sanctions_risk" (ASCII letters and
 * digits, '_' between; "other" when none) into out, replacing what it held.
 * The whole label is kept, however long. Returns 0 or CORDON_ENOMEM / CORDON_ELIMIT.
 */
int du_label_key(const char *label, cu_buf *out);

/* Attribute keyed by du_label_key(label) with value. */
int du_add_label_attribute(cm_entity *ent, const char *label, const char *value);

/*
 * Parses "DD/MM/YYYY" (month_first 0) or "MM/DD/YYYY" (1), with "00" or
 * "dd"/"mm" placeholders for unknown parts, else ISO "YYYY[-MM[-DD]]".
 * On failure keeps the text (precision TEXT) and returns CORDON_EPARSE.
 */
int du_parse_date(const char *s, int month_first, cordon_date *out);

/* Adds attribute key with the date as ISO text when it parses, else as published. */
int du_add_date_attribute(cm_entity *ent, const char *key, const char *value, int month_first);

/* Sets the listing date unless the entity already has an earlier (or a parsed rather than text) one. */
int du_keep_earliest_listing(cm_entity *ent, const cordon_date *date);

/* ISO 15924 code for a script name ("Cyrillic" -> "Cyrl"), or NULL. */
const char *du_script_code(const char *script_name);

/* --- UK lists (OFSI ConList.csv and the UK Sanctions List CSV share conventions) --- */

/* Schema for "Individual" / "Entity" / "Ship" (Group Type, Designation Type). */
cordon_schema du_uk_schema(const char *type);

/* "Primary name" -> primary; "Primary name variation", "AKA", "Alias" -> aka; "FKA" -> fka; "NKA" -> nka. */
cordon_name_kind du_uk_name_kind(const char *type);

/* 1 for a low-quality alias ("Low", "Low quality", "weak"). */
int du_uk_weak(const char *quality);

/*
 * Adds the name made of name[0..4] (Name 1-5, given names) and name[5]
 * (Name 6, family name or the whole name of an entity or ship); given and
 * family are set for people only.
 */
int du_uk_add_name(cm_entity *ent, const char *const name[6], cordon_name_kind kind, int weak);

/* Non-Latin script name: an alias tagged with the ISO 15924 code of its script (or language). */
int du_uk_add_non_latin(cm_entity *ent, const char *name, const char *script, const char *language);

/* Nationality text ("Russia", "(1) Syria (2) Lebanon") to ISO-2; unknown text kept as "nationality_text". */
int du_uk_add_nationalities(cm_entity *ent, const char *text);

/* Dates of birth "DD/MM/YYYY" with 00 or dd/mm placeholders, one or enumerated. */
int du_uk_add_birth_dates(cm_entity *ent, const char *text);

/* Place of birth "Town, Country" from the two columns (either may be empty). */
int du_uk_add_birth_place(cm_entity *ent, const char *town, const char *country);

/*
 * Address lines 1-6 (street lines; when several are given the last one is
 * taken as the town), postcode and country name; full text joins them all.
 */
int du_uk_add_address(cm_entity *ent, const char *const lines[6], const char *postcode, const char *country);

/* Identifiers of one kind from an enumerated cell; note (passport details ...) applies to all. */
int du_uk_add_identifiers(cm_entity *ent, cordon_id_kind kind, const char *label, const char *text,
                          const char *note);

/*
 * A labelled fact: a UK Sanctions List column or a "(Label):value" item of
 * ConList's Other Information (phone, website, e-mail, business registration,
 * IMO number, gender, ship and company details ...). Unrecognised labels
 * become attributes keyed by du_label_key.
 */
int du_uk_fact(cm_entity *ent, const char *label, const char *value);

/* Entities built across several rows, keyed by native id, emitted in first-seen order. */
typedef struct {
	cu_strmap ids; /* native id -> index into items */
	cm_entity **items;
	size_t count;
	size_t cap;
} du_group;

void du_group_init(du_group *g);
/* Frees the entities not yet emitted. */
void du_group_dispose(du_group *g);
/* The entity for native_id, or NULL when none was added. */
cm_entity *du_group_find(const du_group *g, const char *native_id);
/* Creates the entity for native_id (must not exist yet); NULL when out of memory. */
cm_entity *du_group_create(du_group *g, const char *dataset, const char *native_id, cordon_schema schema);
/* Hands every entity to ctx->emit in order; stops at the first error. */
int du_group_emit(csrc_ctx *ctx, du_group *g);

#endif
