/*
 * A name prepared for matching: one rendering (text/translit.h) split into
 * tokens, each with its role and spelling-neutral keys.
 *
 * Roles decide how much a token counts, not whether it is kept: legal forms
 * are set aside, titles, particles, patronymics and generic business words
 * ("trading", "international") weigh little, numbers must
 * agree exactly, initials match the first letter of a word. Nothing is
 * deleted, so a wrong guess costs a little score, never a missed match.
 */
#ifndef CT_NAME_H
#define CT_NAME_H

#include <stddef.h>
#include <stdint.h>

#include "text/legal.h"
#include "text/phonetic.h"
#include "text/translit.h"

#define CT_MAX_TOKENS 24
#define CT_NAME_MAX 512

typedef enum {
	CT_TOKEN_WORD = 0,
	CT_TOKEN_PARTICLE = 1,   /* al, bin, abu, van, de ... */
	CT_TOKEN_PATRONYMIC = 2, /* -ovich, -ovna, ogly ... */
	CT_TOKEN_TITLE = 3,      /* Dr, Sheikh, Haji, General ... */
	CT_TOKEN_INITIAL = 4,
	CT_TOKEN_NUMBER = 5,     /* digits, roman numerals and number words made digits */
	CT_TOKEN_LEGAL = 6,      /* part of a legal form */
	CT_TOKEN_GENERIC = 7     /* a business word most company names share: trading, group, bank ... */
} ct_token_kind;

typedef struct {
	const char *text; /* points into ct_name.text, NUL-terminated */
	uint8_t len;
	uint8_t kind;     /* ct_token_kind */
	uint8_t legal;    /* ct_legal_class when kind is LEGAL */
	uint8_t key_len;
	uint8_t cons_len;
	char key[CT_KEY_MAX];  /* ct_variant_key */
	char cons[CT_KEY_MAX]; /* ct_consonant_key */
} ct_token;

typedef struct {
	char text[CT_NAME_MAX]; /* tokens, NUL-separated */
	ct_token tokens[CT_MAX_TOKENS];
	size_t count;
	ct_scheme scheme;
	ct_legal_class legal; /* first legal form found, or NONE */
} ct_name;

/* Schema hints (cordon_schema values; -1 unknown). */
#define CT_SCHEMA_ANY (-1)

/*
 * Analyses one rendering (lower-case ASCII tokens separated by spaces, as
 * ct_render produces). schema steers what is looked for: legal forms are not
 * sought in person names, patronymics and titles not in organisation names.
 */
void ct_analyse(const char *rendering, ct_scheme scheme, int schema, ct_name *out);

/* Number of tokens that carry the name (not legal forms, titles or particles). */
size_t ct_name_core_count(const ct_name *name);

#endif
