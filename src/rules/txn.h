/*
 * A transaction as the export-control rules see it: the facts of a shipment or
 * order after normalisation (ISO codes upper-case, HS codes digits only, ECCNs
 * upper-case) plus the screening hits of each party. Filled by txn_json.c from
 * the shipment JSON (examples/README.md) and by the check step with the hits;
 * read by the rules evaluator. Plain data: every string is owned by the txn.
 */
#ifndef CORDON_RULES_TXN_H
#define CORDON_RULES_TXN_H

#include <jansson.h>
#include <stddef.h>

/* A day as days since 1970-01-01 (proleptic Gregorian): dates compare as integers. */
typedef long txn_day;

/* A number that may be absent: rules that need an absent fact answer "review: missing X". */
typedef struct {
	int present;
	double value;
} txn_number;

/* Three-valued: unknown is not false. */
typedef enum { TXN_UNKNOWN = -1, TXN_FALSE = 0, TXN_TRUE = 1 } txn_bool;

/*
 * One listed entity a party's name matched. tags describe where it is listed, so
 * that a rule can say "party is on list X" without knowing the list formats:
 *   "list:<dataset>"        the dataset id: list:ofac-sdn, list:ofac-cons, list:un,
 *                           list:us-csl, list:us-dpl, list:os, list:eu-fsf, list:uk-ofsi
 *   "csl:<code>"            US Consolidated Screening List sub-list: csl:EL (Entity List),
 *                           csl:MEU, csl:UVL, csl:DPL, csl:SDN, csl:ISN, csl:DTC, csl:CAP,
 *                           csl:SSI, csl:FSE, csl:PLC, csl:CMIC
 *   "program:<PROGRAM>"     a sanctions program as the list prints it: program:RUSSIA-EO14024
 *   "el-footnote:<n>"       Entity List footnote n (1, 3, 4, 5) where the list data says so
 *   "schema:<Schema>"       schema:Person, schema:Organization, schema:Vessel, ...
 */
typedef struct {
	char *entity_id;
	char *name;         /* the entity's primary name */
	char *matched_name; /* the listed name or alias that matched */
	double score;       /* 0..1, as cordon_screen scores it */
	char **tags;
	size_t tag_count;
} txn_hit;

typedef struct {
	char *role;              /* buyer, consignee, end_user, intermediate_consignee,
	                            freight_forwarder, bank, seller, ... (lower case) */
	char *name;
	char *address;           /* may be NULL */
	char *country;           /* ISO 3166-1 alpha-2 or NULL */
	char *region;            /* ISO 3166-2 code of an embargoed region (UA-43 Crimea, UA-40
	                            Sevastopol, UA-14 Donetsk, UA-09 Luhansk, UA-65 Kherson,
	                            UA-23 Zaporizhzhia) given or recognised in the address, or NULL */
	char *hq_country;        /* where the party is headquartered, or NULL */
	char *parent_hq_country; /* where its ultimate parent is headquartered, or NULL */
	txn_hit *hits;           /* filled by the check step; none before screening */
	size_t hit_count;
	int screened;            /* the hits are known (screening ran) */
	/* TRUE when the region is known to be outside government control: Crimea and
	   Sevastopol always, "DNR"/"LNR" by name, or "non_government_controlled": true;
	   UNKNOWN for an address merely inside a partly occupied oblast */
	txn_bool region_ngc;
} txn_party;

/* A numeric or textual technical fact of an item ("tpp", "die_area_mm2", "tool_type"). */
typedef struct {
	char *name;
	txn_number number; /* when the value is a number */
	char *text;        /* when it is a string (or a boolean: "true"/"false") */
} txn_param;

typedef struct {
	long line;
	char *description;
	char *hs_code;  /* digits only, 6 to 10 of them, or NULL */
	char *eccn;     /* upper case as on the CCL ("3A090.A" becomes "3A090.a": the
	                   paragraph letters stay lower case), "EAR99", or NULL */
	txn_number quantity;
	txn_param *params;
	size_t param_count;
	char *origin_country; /* ISO alpha-2 or NULL */
} txn_item;

typedef enum {
	TXN_END_USE_UNSPECIFIED = 0, /* the field was absent */
	TXN_END_USE_CIVIL,
	TXN_END_USE_MILITARY,
	TXN_END_USE_MILITARY_END_USER,
	TXN_END_USE_SUPERCOMPUTER,
	TXN_END_USE_SEMICONDUCTOR_FAB,
	TXN_END_USE_AI_TRAINING,
	TXN_END_USE_UNKNOWN,
} txn_end_use_category;

typedef struct {
	txn_end_use_category category;
	char *description;
	/* semiconductor_fab only */
	txn_number logic_node_nm;
	txn_bool non_planar;
	txn_number dram_half_pitch_nm;
	txn_number nand_layers;
	int facility_given; /* end_use.facility was given: a field it leaves out is not made there */
} txn_end_use;

typedef struct {
	char *id;
	txn_day date;
	char *export_country; /* where the goods leave from (ISO alpha-2) or NULL */
	char *destination;    /* ISO alpha-2 */
	char *destination_region; /* ISO 3166-2 as for parties, or NULL */
	char **transit;
	size_t transit_count;
	txn_end_use end_use;
	txn_party *parties;
	size_t party_count;
	txn_item *items;
	size_t item_count;
	json_t *source; /* the JSON it was read from (owned), for echoing unknown fields */
	txn_bool destination_region_ngc; /* as txn_party.region_ngc */
} txn;

/*
 * Reads a shipment object. On bad input returns -1 with a message naming the
 * field as a JSON path ("items[1].hs_code: ...") in err; out is then safe to free.
 */
int txn_from_json(json_t *shipment, txn *out, char *err, size_t errsize);
void txn_free(txn *t);

/*
 * Reads one item object (a line of a shipment, as `cordon classify` takes it); errors
 * name the field ("hs_code: ..."). txn_item_free frees what it holds.
 */
int txn_item_from_json(json_t *item, txn_item *out, char *err, size_t errsize);
void txn_item_free(txn_item *it);

/*
 * Appends a copy of one hit (strings and tags copied) to a party's hits and marks
 * the party screened; txn_free frees it. Returns -1 when out of memory.
 */
int txn_party_add_hit(txn_party *p, const char *entity_id, const char *name, const char *matched_name,
                      double score, const char *const *tags, size_t tag_count);

#endif
