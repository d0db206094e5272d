/*
 * Inside the rules library: the loaded pack, three-valued condition evaluation,
 * item parameters, group membership. docs/rules.md describes the pack format.
 */
#ifndef CORDON_RULES_PACK_H
#define CORDON_RULES_PACK_H

#include <jansson.h>
#include <stddef.h>

#include "rules/rules.h"
#include "rules/txn.h"

/* A validity window: from effective (inclusive) to expires (inclusive); 0/LONG_MAX when open. */
typedef struct {
	txn_day from;
	txn_day until;
} pack_window;

typedef struct {
	const char *id;
	const char *title;
	const char *citation;
	const char *policy; /* or NULL */
	rules_outcome outcome;
	pack_window window;
	json_t *when;     /* borrowed from the pack's JSON */
	json_t *requires; /* array of fact names, or NULL */
	int per_party;    /* one finding per party the party conditions hold for */
	int per_item;     /* evaluated for each item (the conditions name item facts) */
} pack_rule;

typedef struct {
	const char *id;
	const char *eccn; /* "3A090.a" */
	const char *title;
	const char *citation;
	const char *note; /* or NULL */
	pack_window window;
	json_t *when;
} pack_entry;

struct rules_pack {
	char *path;
	json_t *root;
	const char *id;
	const char *version;
	pack_window window;
	json_t *groups;     /* name -> {"members": [...], "include": [...], "exclude": [...]} */
	json_t *hs_lists;   /* name -> {"entries": [...]} */
	json_t *conditions; /* name -> condition */
	json_t *aliases;    /* "HK" -> "CN": a country counts as another for group tests */
	pack_rule *rules;
	size_t rule_count;
	pack_entry *entries;
	size_t entry_count;
};

/* pack_validate.c: checks the whole document; -1 with "file: path: message" in err. */
int pack_validate(json_t *root, const char *file, char *err, size_t errsize);
/* pack_validate.c: "2024-03-04" or null/absent -> day; helper for the loader too. */
int pack_window_read(json_t *obj, pack_window *out);
int pack_in_window(pack_window w, txn_day day);

/* groups.c: whether code (country or ISO 3166-2 region) is in the named group on day. */
int pack_group_has(const rules_pack *pack, const char *group, const char *code, txn_day day);
/* groups.c: the same without the pack's aliases. */
int pack_group_has_exact(const rules_pack *pack, const char *group, const char *code, txn_day day);
/* groups.c: the code a code counts as (HK -> CN), or NULL. */
const char *pack_alias(const rules_pack *pack, const char *code);
/* groups.c: the list's entry (its JSON object) for an HS code's first six digits, or NULL. */
json_t *pack_hs_list_find(const rules_pack *pack, const char *list, const char *hs_code, txn_day day);

/* params.c: an item's parameter, given or derived (tpp, pd, hbm_density). */
typedef struct {
	int present;
	double value;
	const char *text;      /* a text parameter (borrowed), or NULL */
	char formula[160];     /* "dense_tops 989 × bit_length 16 = 15824", or "given" */
	const char *missing;   /* when absent: the input that is missing ("die_area_mm2") */
} pack_param;

void pack_param_get(const txn_item *item, const char *name, pack_param *out);
/* {"tpp": {"value": ..., "formula": ...}, ...} for every derived parameter that can be computed. */
json_t *pack_params_computed(const txn_item *item);

/* conditions.c: three-valued results. */
typedef enum { COND_FALSE = 0, COND_TRUE = 1, COND_UNKNOWN = 2 } cond_value;

typedef struct {
	const rules_pack *pack;
	const txn *t;             /* or NULL when classifying one item */
	const txn_item *item;     /* the item in question, or NULL */
	long party_only;          /* -1, or the only party that party conditions look at */
	txn_day date;
	long matched_party;       /* set by a party condition that held: the first such party */
	json_t *because;          /* array of strings: the facts that held (or failed, for classify) */
	json_t *missing;          /* array of strings: facts needed and absent */
	int explain_false;        /* also record why leaves failed (classify) */
	int depth;                /* entries nested in entries: a pack cycle stops here */
} cond_ctx;

cond_value cond_eval(cond_ctx *ctx, json_t *cond);
/* Appends a string to an array unless already there. */
void cond_note(json_t *arr, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* classify.c: the item meets an entry for eccn (e.g. "3A090.a") on ctx->date. */
cond_value classify_has(cond_ctx *ctx, const char *eccn);
/* classify.c: array of the ECCNs the item meets on the day (computed), for reports. */
json_t *classify_met(const rules_pack *pack, const txn_item *item, txn_day date);

#endif
