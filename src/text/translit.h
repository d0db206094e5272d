/*
 * Renders a name in any script as lower-case ASCII Latin tokens.
 *
 * Each script gets the romanisation the sanctions lists themselves use where
 * one exists: BGN/PCGN for Russian, Ukrainian and Belarusian Cyrillic (OFAC
 * spells Пригожин "Prigozhin"), UNGEGN for Greek, surname-aware pinyin for
 * Han, the DPRK/McCune-Reischauer style for Hangul ("Kim Jong Un", as the UN
 * and OFAC write Korean names), BGN for Georgian and Armenian, ICU's generic
 * transforms for the rest. Some scripts have a second common romanisation
 * (scholarly/GOST Cyrillic "Evgenij", classical Greek "Eleutherios"); it is
 * returned as an alternative rendering.
 */
#ifndef CT_TRANSLIT_H
#define CT_TRANSLIT_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

typedef enum {
	CT_SCHEME_LATIN = 0,     /* already Latin: diacritics removed */
	CT_SCHEME_BGN = 1,       /* BGN/PCGN (Cyrillic, Georgian, Armenian) */
	CT_SCHEME_SCHOLARLY = 2, /* ICU Any-Latin: ISO 9 / GOST-like Cyrillic, classical Greek */
	CT_SCHEME_UNGEGN = 3,    /* Greek */
	CT_SCHEME_PINYIN = 4,    /* Han */
	CT_SCHEME_KOREAN = 5,    /* Hangul, DPRK / McCune-Reischauer style without diacritics */
	CT_SCHEME_ARABIC = 6,    /* Arabic and Persian script: consonantal */
	CT_SCHEME_HEBREW = 7,
	CT_SCHEME_KANA = 8,
	CT_SCHEME_OTHER = 9,     /* any other script through ICU Any-Latin */
	CT_SCHEME_GLOSSARY = 10, /* Han: pinyin with common business words in English (text/glossary.h) */
	CT_SCHEME_GREEK_FOREIGN = 11, /* Greek spelling of foreign names read back: mp = b, nt = d, gk = g */
	CT_SCHEME_COUNT = 12
} ct_scheme;

const char *ct_scheme_name(ct_scheme scheme);

/* Script families a name contains (bit per family). */
enum {
	CT_SCRIPT_LATIN = 1u << 0,
	CT_SCRIPT_CYRILLIC = 1u << 1,
	CT_SCRIPT_GREEK = 1u << 2,
	CT_SCRIPT_HAN = 1u << 3,
	CT_SCRIPT_HANGUL = 1u << 4,
	CT_SCRIPT_ARABIC = 1u << 5,
	CT_SCRIPT_HEBREW = 1u << 6,
	CT_SCRIPT_KANA = 1u << 7,
	CT_SCRIPT_GEORGIAN = 1u << 8,
	CT_SCRIPT_ARMENIAN = 1u << 9,
	CT_SCRIPT_OTHER = 1u << 10
};

/* Bit set of CT_SCRIPT_* present in s[0..len) (digits and punctuation count as none). */
unsigned ct_detect_scripts(const char *s, size_t len);

#define CT_MAX_RENDERINGS 2

typedef struct {
	ct_scheme scheme[CT_MAX_RENDERINGS];
	cu_buf text[CT_MAX_RENDERINGS]; /* lower-case ASCII tokens separated by single spaces */
	size_t count;
} ct_renderings;

void ct_renderings_init(ct_renderings *r);
void ct_renderings_dispose(ct_renderings *r);

/*
 * Fills r with the primary rendering and, where a script has a second common
 * romanisation, an alternative. `alternatives` 0 asks for the primary only.
 */
int ct_render(const char *s, size_t len, int alternatives, ct_renderings *r);

#endif
