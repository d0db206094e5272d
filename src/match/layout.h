/*
 * The match index as stored in the snapshot (section ids 16-63). All arrays
 * are used in place from the mapping.
 *
 * Unit of retrieval is the *key*: a token's spelling-neutral variant key
 * (text/phonetic.h). Each listed name is an *entry* (one rendering of one
 * name of one entity) made of entry tokens that point at keys. Keys are
 * found exactly (KEY_HASH), by consonant skeleton (CONS_HASH) and within one
 * deletion on either side (DEL_HASH, the symmetric-delete method), which
 * covers one substitution, insertion, deletion or transposition per token.
 */
#ifndef CMATCH_LAYOUT_H
#define CMATCH_LAYOUT_H

#include <stdint.h>

enum {
	CMATCH_SEC_META = 16,
	CMATCH_SEC_ENTRIES = 17,
	CMATCH_SEC_ENTRY_TOKENS = 18,
	CMATCH_SEC_KEYS = 19,
	CMATCH_SEC_POSTINGS = 20,
	CMATCH_SEC_KEY_HASH = 21,
	CMATCH_SEC_CONS_HASH = 22,
	CMATCH_SEC_DEL_HASH = 23,
	CMATCH_SEC_ID_INDEX = 24
};

/* Raised whenever names are read into keys differently (analysis, romanisation, keys), not only
 * when the layout changes: an index built by other rules would miss names it should find. */
#define CMATCH_INDEX_VERSION 4u

typedef struct {
	uint32_t version;
	uint32_t entry_count;
	uint32_t key_count;
	uint32_t entity_count;
	double max_idf; /* idf of a key seen once; used for query tokens the lists never use */
} cmatch_meta;

typedef struct {
	uint32_t entity;      /* snapshot entity index */
	uint32_t full;        /* string ref: the name as published */
	uint32_t rendering;   /* string ref: the normalised rendering (for explanations) */
	uint32_t first_token; /* index into ENTRY_TOKENS */
	uint8_t token_count;
	uint8_t kind;   /* cordon_name_kind */
	uint8_t weak;
	uint8_t scheme; /* ct_scheme */
	uint8_t legal;  /* ct_legal_class */
	uint8_t schema; /* cordon_schema of the entity, for filtering without a lookup */
	uint8_t numbers; /* number of NUMBER tokens */
	uint8_t reserved;
} cmatch_entry;

typedef struct {
	uint32_t key;  /* index into KEYS */
	uint32_t text; /* string ref: the token as rendered */
	uint8_t kind;  /* ct_token_kind */
	uint8_t legal;
	uint16_t reserved;
} cmatch_entry_token;

typedef struct {
	uint32_t text; /* string ref: the variant key */
	uint32_t cons; /* string ref: its consonant key */
	uint32_t df;   /* entries containing it */
	uint32_t postings_off;
	uint32_t postings_len;
	float idf;
	uint8_t text_len, cons_len;
	uint8_t reserved[2];
} cmatch_key;

/* Hash table slot: the top bits of the hash, to skip most wrong slots, and a value. */
typedef struct {
	uint32_t check;
	uint32_t value;
} cmatch_slot;

#define CMATCH_EMPTY_SLOT 0xFFFFFFFFu

/* Identifier index row: sorted by hash, then entity. */
typedef struct {
	uint64_t hash; /* of the identifier value with everything but letters and digits removed, upper case */
	uint32_t entity;
	uint32_t reserved;
} cmatch_id_row;

#endif
