#include "text/translit.h"

#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "text/arabic.h"
#include "text/glossary.h"
#include "util/error.h"
#include "util/thread_exit.h"
#include "util/strutil.h"

#define MAX_UNITS 4096

static const char *const scheme_names[CT_SCHEME_COUNT] = {"latin",  "bgn",    "scholarly", "ungegn",
                                                          "pinyin", "korean", "arabic",    "hebrew",
                                                          "kana",   "other",  "pinyin+glossary",
                                                          "greek-foreign"};

const char *ct_scheme_name(ct_scheme scheme)
{
	return (unsigned)scheme < CT_SCHEME_COUNT ? scheme_names[scheme] : "other";
}

/* ---- script detection ---- */

static unsigned script_family(UChar32 c)
{
	UErrorCode status = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &status);
	if (U_FAILURE(status))
		return 0;
	switch (sc) {
	case USCRIPT_COMMON:
	case USCRIPT_INHERITED:
		return 0;
	case USCRIPT_LATIN: return CT_SCRIPT_LATIN;
	case USCRIPT_CYRILLIC: return CT_SCRIPT_CYRILLIC;
	case USCRIPT_GREEK: return CT_SCRIPT_GREEK;
	case USCRIPT_HAN: return CT_SCRIPT_HAN;
	case USCRIPT_HANGUL: return CT_SCRIPT_HANGUL;
	case USCRIPT_ARABIC: return CT_SCRIPT_ARABIC;
	case USCRIPT_HEBREW: return CT_SCRIPT_HEBREW;
	case USCRIPT_HIRAGANA:
	case USCRIPT_KATAKANA: return CT_SCRIPT_KANA;
	case USCRIPT_GEORGIAN: return CT_SCRIPT_GEORGIAN;
	case USCRIPT_ARMENIAN: return CT_SCRIPT_ARMENIAN;
	default: return CT_SCRIPT_OTHER;
	}
}

unsigned ct_detect_scripts(const char *s, size_t len)
{
	unsigned mask = 0;
	size_t i = 0;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')
				mask |= CT_SCRIPT_LATIN;
			i++;
			continue;
		}
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c >= 0)
			mask |= script_family(c);
	}
	return mask;
}

/* ---- ICU transliterator chains, one instance per thread and chain ---- */

/*
 * Transform chains. A name in one script (the usual case) gets a short chain
 * for that script; a mixed name the full one. Every transform in a chain
 * scans the whole text, so the short chains are several times faster.
 */
typedef enum {
	CHAIN_RUSSIAN,
	CHAIN_UKRAINIAN,
	CHAIN_BELARUSIAN,
	CHAIN_SCHOLARLY,
	CHAIN_RUSSIAN_ONLY,
	CHAIN_UKRAINIAN_ONLY,
	CHAIN_BELARUSIAN_ONLY,
	CHAIN_GREEK_ONLY,
	CHAIN_HAN_ONLY,
	CHAIN_ASCII_ONLY,
	CHAIN_COUNT
} chain_id;

/*
 * Script-specific transforms only touch their own script, so one chain
 * serves mixed names. BGN marks (the separator dot in t·s, apostrophes for
 * soft signs and ejectives) join letters: they are removed before the Greek
 * transform (which reads the dot as Greek punctuation) and Latin-ASCII
 * (which turns them into token breaks).
 */
#define CHAIN_TAIL                                                                                                  \
	"Georgian-Latin/BGN; Armenian-Latin/BGN; [\\u00B7\\u02B9\\u02BA\\u02BC\\u2019\\u0027] Remove; "            \
	"Greek-Latin/UNGEGN; Han-Latin/Names; Any-Latin; Latin-ASCII"
static const char *const chain_ids[CHAIN_COUNT] = {
	"Russian-Latin/BGN; " CHAIN_TAIL,
	"Ukrainian-Latin/BGN; " CHAIN_TAIL,
	"Belarusian-Latin/BGN; " CHAIN_TAIL,
	"Cyrillic-Latin; Latin-ASCII",
	"Russian-Latin/BGN; [\\u00B7\\u02B9\\u02BA\\u02BC\\u2019\\u0027] Remove; Latin-ASCII",
	"Ukrainian-Latin/BGN; [\\u00B7\\u02B9\\u02BA\\u02BC\\u2019\\u0027] Remove; Latin-ASCII",
	"Belarusian-Latin/BGN; [\\u00B7\\u02B9\\u02BA\\u02BC\\u2019\\u0027] Remove; Latin-ASCII",
	"Greek-Latin/UNGEGN; Latin-ASCII",
	"Han-Latin/Names; Latin-ASCII",
	"Latin-ASCII",
};

static _Thread_local UTransliterator *thread_chains[CHAIN_COUNT];
static _Thread_local int thread_hook_set;

static void close_chains(void *unused)
{
	(void)unused;
	for (int i = 0; i < CHAIN_COUNT; i++)
		if (thread_chains[i]) {
			utrans_close(thread_chains[i]);
			thread_chains[i] = NULL;
		}
}

static UTransliterator *chain(chain_id id)
{
	if (!thread_hook_set && cu_at_thread_exit(close_chains, NULL) == 0)
		thread_hook_set = 1;
	if (!thread_chains[id]) {
		UErrorCode status = U_ZERO_ERROR;
		UParseError pe;
		UChar uid[256];
		u_uastrncpy(uid, chain_ids[id], 255);
		uid[255] = 0;
		thread_chains[id] = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, &pe, &status);
		if (U_FAILURE(status))
			thread_chains[id] = NULL;
	}
	return thread_chains[id];
}

/* ---- Hangul: syllables composed by rule, romanised as DPRK-listed names are ---- */

static const char *const hangul_initial[19] = {"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s",
                                               "ss", "",  "j", "jj", "ch", "kh", "th", "ph", "h"};
static const char *const hangul_medial[21] = {"a",  "ae", "ya", "yae", "o",  "e",  "yo", "ye", "o",  "wa", "wae",
                                              "oe", "yo", "u",  "wo",  "we", "wi", "yu", "u",  "ui", "i"};
static const char *const hangul_final[28] = {"",  "k", "k", "k", "n", "n", "n",  "t", "l", "k", "m", "p", "t", "t",
                                             "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};

/* Writes each Hangul syllable as its own word; returns the UTF-16 length. */
static int32_t romanise_hangul(UChar *units, int32_t n, int32_t cap)
{
	UChar tmp[MAX_UNITS];
	int32_t out = 0;
	int first_of_word = 1;
	for (int32_t i = 0; i < n && out < cap - 16; i++) {
		UChar c = units[i];
		if (c < 0xAC00 || c > 0xD7A3) {
			tmp[out++] = c;
			first_of_word = 1;
			continue;
		}
		unsigned s = c - 0xAC00, ini = s / 588, med = (s % 588) / 28, fin = s % 28;
		char syl[16];
		if (first_of_word && ini == 11 && med == 20 && fin == 0)
			snprintf(syl, sizeof(syl), "ri"); /* the family name 이/리: "Ri" in DPRK and list usage */
		else
			snprintf(syl, sizeof(syl), "%s%s%s", hangul_initial[ini], hangul_medial[med], hangul_final[fin]);
		if (!first_of_word)
			tmp[out++] = ' ';
		for (const char *p = syl; *p; p++)
			tmp[out++] = (UChar)*p;
		first_of_word = 0;
	}
	memcpy(units, tmp, (size_t)out * sizeof(UChar));
	return out;
}

/* ---- rendering ---- */

static int is_apostrophe(UChar32 c)
{
	/* modifier letters such as ʿ (ayn) and the BGN separator dot (t·s) join, they do not split */
	return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x00B4 || c == 0x00B7 ||
	       (c >= 0x02B0 && c <= 0x02FF);
}

/* Appends the tokens of Latin text to out: lower-case ASCII letters and digits, one space between tokens. */
static int append_tokens(const char *s, size_t len, cu_buf *out)
{
	int need_space = 0;
	size_t i = 0;
	while (i < len) {
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c < 0 || is_apostrophe(c))
			continue;
		if (c >= 0x80 || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
			/* anything left non-ASCII after Latin-ASCII has no Latin reading: a token break */
			need_space = out->len > 0;
			continue;
		}
		if (need_space && cu_buf_putc(out, ' '))
			return CORDON_ELIMIT;
		need_space = 0;
		if (cu_buf_putc(out, (char)((c >= 'A' && c <= 'Z') ? c + 32 : c)))
			return CORDON_ELIMIT;
	}
	return 0;
}

static int all_ascii(const UChar *units, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
		if (units[i] >= 0x80)
			return 0;
	return 1;
}

static int run_chain(chain_id id, const char *in, size_t len, int hangul, int arabic, cu_buf *out)
{
	static _Thread_local UChar units[MAX_UNITS];
	UErrorCode status = U_ZERO_ERROR;
	int32_t n = 0;
	UTransliterator *t = chain(id);
	if (!t)
		return cu_fail(CORDON_ERROR, "ICU transliterator \"%s\" is unavailable", chain_ids[id]);
	if (len > MAX_UNITS / 4)
		len = MAX_UNITS / 4; /* names are short; romanisation may expand the text several times */
	u_strFromUTF8WithSub(units, MAX_UNITS, &n, in, (int32_t)len, 0xFFFD, NULL, &status);
	if (U_FAILURE(status))
		return cu_fail(CORDON_EPARSE, "name is not valid text");
	if (hangul)
		n = romanise_hangul(units, n, MAX_UNITS);
	if (arabic)
		n = ct_romanise_arabic(units, n, MAX_UNITS);
	/* what our own romanisations wrote is ASCII already, and Latin-ASCII leaves ASCII as it is */
	if (!(id == CHAIN_ASCII_ONLY && all_ascii(units, n))) {
		int32_t limit = n;
		utrans_transUChars(t, units, &n, MAX_UNITS, 0, &limit, &status);
		if (U_FAILURE(status))
			return cu_fail(CORDON_ELIMIT, "name too long to transliterate");
	}
	char utf8[MAX_UNITS * 3];
	int32_t blen = 0;
	status = U_ZERO_ERROR;
	u_strToUTF8(utf8, (int32_t)sizeof(utf8), &blen, units, n, &status);
	if (U_FAILURE(status))
		return cu_fail(CORDON_ELIMIT, "name too long");
	cu_buf_reset(out);
	return append_tokens(utf8, (size_t)blen, out);
}

/*
 * Letters decide which BGN table reads the Cyrillic: Ў is Belarusian only;
 * І with Ы or Э is Belarusian; І, Ї, Є, Ґ otherwise Ukrainian.
 */
static chain_id cyrillic_chain(const char *s, size_t len)
{
	int i_letter = 0, ukrainian = 0, yery_e = 0;
	size_t i = 0;
	while (i < len) {
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c == 0x040E || c == 0x045E)
			return CHAIN_BELARUSIAN;
		i_letter |= c == 0x0406 || c == 0x0456;
		ukrainian |= c == 0x0407 || c == 0x0457 || c == 0x0404 || c == 0x0454 || c == 0x0490 || c == 0x0491;
		yery_e |= c == 0x042B || c == 0x044B || c == 0x042D || c == 0x044D;
	}
	if (ukrainian)
		return CHAIN_UKRAINIAN;
	if (i_letter)
		return yery_e ? CHAIN_BELARUSIAN : CHAIN_UKRAINIAN;
	return CHAIN_RUSSIAN;
}

/*
 * Greek writes foreign names with digraphs for sounds it lacks: b as μπ, d
 * as ντ, g as γκ, j as τζ, and h as χ. Read back by UNGEGN they give
 * "Rompert Mougkampe" for Robert Mugabe; this alternative reads them as the
 * foreign letters they stand for.
 */
static void greek_foreign_spelling(const char *in, cu_buf *out)
{
	static const struct {
		const char *from, *to;
	} digraphs[] = {{"mp", "b"}, {"nt", "d"}, {"gk", "g"}, {"tz", "j"}, {"ch", "h"}};
	cu_buf_reset(out);
	for (const char *p = in; *p;) {
		size_t k = 0;
		for (; k < sizeof(digraphs) / sizeof(*digraphs); k++)
			if (strncmp(p, digraphs[k].from, 2) == 0)
				break;
		if (k < sizeof(digraphs) / sizeof(*digraphs)) {
			cu_buf_puts(out, digraphs[k].to);
			p += 2;
		} else {
			cu_buf_putc(out, *p++);
		}
	}
}

/* The shortest chain that reads every script in the name (Arabic and Hangul are romanised before ICU). */
static chain_id primary_chain(const char *s, size_t len, unsigned scripts)
{
	unsigned foreign = scripts & ~(unsigned)(CT_SCRIPT_LATIN | CT_SCRIPT_ARABIC | CT_SCRIPT_HANGUL);
	chain_id cyr = (scripts & CT_SCRIPT_CYRILLIC) ? cyrillic_chain(s, len) : CHAIN_RUSSIAN;
	if (foreign == 0)
		return CHAIN_ASCII_ONLY;
	if (foreign == CT_SCRIPT_CYRILLIC)
		return cyr == CHAIN_UKRAINIAN ? CHAIN_UKRAINIAN_ONLY : cyr == CHAIN_BELARUSIAN ? CHAIN_BELARUSIAN_ONLY
		                                                                               : CHAIN_RUSSIAN_ONLY;
	if (foreign == CT_SCRIPT_GREEK)
		return CHAIN_GREEK_ONLY;
	if (foreign == CT_SCRIPT_HAN)
		return CHAIN_HAN_ONLY;
	return cyr;
}

static ct_scheme primary_scheme(unsigned scripts)
{
	if (scripts & CT_SCRIPT_CYRILLIC)
		return CT_SCHEME_BGN;
	if (scripts & CT_SCRIPT_GREEK)
		return CT_SCHEME_UNGEGN;
	if (scripts & CT_SCRIPT_HAN)
		return CT_SCHEME_PINYIN;
	if (scripts & CT_SCRIPT_HANGUL)
		return CT_SCHEME_KOREAN;
	if (scripts & CT_SCRIPT_ARABIC)
		return CT_SCHEME_ARABIC;
	if (scripts & CT_SCRIPT_HEBREW)
		return CT_SCHEME_HEBREW;
	if (scripts & CT_SCRIPT_KANA)
		return CT_SCHEME_KANA;
	if (scripts & (CT_SCRIPT_GEORGIAN | CT_SCRIPT_ARMENIAN))
		return CT_SCHEME_BGN;
	if (scripts & CT_SCRIPT_OTHER)
		return CT_SCHEME_OTHER;
	return CT_SCHEME_LATIN;
}

void ct_renderings_init(ct_renderings *r)
{
	r->count = 0;
	for (int i = 0; i < CT_MAX_RENDERINGS; i++)
		cu_buf_init(&r->text[i], 1 << 16);
}

void ct_renderings_dispose(ct_renderings *r)
{
	for (int i = 0; i < CT_MAX_RENDERINGS; i++)
		cu_buf_dispose(&r->text[i]);
	r->count = 0;
}

int ct_render(const char *s, size_t len, int alternatives, ct_renderings *r)
{
	r->count = 0;
	if (cu_is_ascii(s, len)) {
		cu_buf_reset(&r->text[0]);
		r->scheme[0] = CT_SCHEME_LATIN;
		r->count = 1;
		return append_tokens(s, len, &r->text[0]);
	}
	unsigned scripts = ct_detect_scripts(s, len);
	chain_id primary = primary_chain(s, len, scripts);
	int rc = run_chain(primary, s, len, (scripts & CT_SCRIPT_HANGUL) != 0, (scripts & CT_SCRIPT_ARABIC) != 0,
	                   &r->text[0]);
	if (rc)
		return rc;
	r->scheme[0] = primary_scheme(scripts);
	r->count = 1;
	if (alternatives && (scripts & CT_SCRIPT_HAN) && ct_translate_pinyin(r->text[0].data ? r->text[0].data : "",
	                                                                    &r->text[1])) {
		r->scheme[1] = CT_SCHEME_GLOSSARY;
		r->count = 2;
	} else if (alternatives && (scripts & CT_SCRIPT_GREEK) && !(scripts & CT_SCRIPT_CYRILLIC)) {
		greek_foreign_spelling(r->text[0].data ? r->text[0].data : "", &r->text[1]);
		r->scheme[1] = CT_SCHEME_GREEK_FOREIGN;
		r->count = 2;
	} else if (alternatives && (scripts & CT_SCRIPT_CYRILLIC)) {
		rc = run_chain(CHAIN_SCHOLARLY, s, len, 0, 0, &r->text[1]);
		if (rc)
			return rc;
		if (strcmp(r->text[1].data ? r->text[1].data : "", r->text[0].data ? r->text[0].data : "") != 0) {
			r->scheme[1] = CT_SCHEME_SCHOLARLY;
			r->count = 2;
		}
	}
	return 0;
}
