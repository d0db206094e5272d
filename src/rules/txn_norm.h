/*
 * Normalising the facts of a transaction: dates, country codes, embargoed regions,
 * HS codes and ECCNs. Used by txn_json.c (reading shipments), by the pack loader
 * (dates and codes in a pack) and by `cordon classify`.
 */
#ifndef CORDON_RULES_TXN_NORM_H
#define CORDON_RULES_TXN_NORM_H

#include <stddef.h>

#include "rules/txn.h"

/* Days since 1970-01-01 of a valid Gregorian date. */
txn_day txn_day_from_ymd(int y, int m, int d);
/* "YYYY-MM-DD" exactly, a day the month has; 0 on success. */
int txn_parse_date(const char *s, txn_day *out);
/* Writes "YYYY-MM-DD" (11 bytes with the NUL). */
void txn_format_date(txn_day day, char out[11]);

/* ISO 3166-1 alpha-2 (static, upper case) for a code or English name, or NULL. */
const char *txn_country(const char *s);

/*
 * ISO 3166-2 code (static) of an embargoed region given by name ("Crimea", "DNR",
 * "Zaporizhzhia") or code ("UA-43"), or NULL when it is not one of them.
 */
const char *txn_region_code(const char *name_or_code);
/*
 * Whether a region (its code, and the text that named it) is known to be outside
 * government control: Crimea and Sevastopol, or text saying "DNR", "Luhansk People's
 * Republic" ...: TXN_TRUE, else TXN_UNKNOWN.
 */
txn_bool txn_region_ngc(const char *text, const char *code);
/* The first embargoed region named in free text such as an address, or NULL. */
const char *txn_region_in_text(const char *text);
/* Whether a region of the occupied territories may be written with this country (UA, or RU). */
int txn_region_fits_country(const char *region, const char *country);
/* English name of a region code ("Crimea"), or NULL. */
const char *txn_region_name(const char *code);

/* HS code to digits only (6..10) in out[11]; 0 on success, -1 when malformed. */
int txn_norm_hs(const char *s, char out[11]);
/* ECCN to the CCL's case ("3A090.a", "EAR99") in out; 0 on success, -1 when malformed. */
int txn_norm_eccn(const char *s, char *out, size_t outsize);

#endif
