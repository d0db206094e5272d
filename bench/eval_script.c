/*
 * Evaluation harness: Latin names rendered in another script with ICU's own
 * transforms (Latin-Russian/BGN, Latin-Greek/UNGEGN, Latin-Arabic), as a
 * query typed by someone who writes the name in their script would read, and
 * which entities such queries are plausible for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "eval.h"
#include "util/strutil.h"

struct eval_icu {
	UTransliterator *cyrillic, *greek, *arabic;
};

static UTransliterator *open_transform(const char *id)
{
	UChar uid[64];
	u_uastrncpy(uid, id, (int32_t)(sizeof(uid) / sizeof(*uid)));
	UErrorCode status = U_ZERO_ERROR;
	UTransliterator *t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
	if (U_FAILURE(status)) {
		fprintf(stderr, "bench_eval: ICU transform %s: %s\n", id, u_errorName(status));
		return NULL;
	}
	return t;
}

int eval_icu_open(eval_icu **out)
{
	eval_icu *icu = calloc(1, sizeof(*icu));
	if (!icu)
		return CORDON_ENOMEM;
	icu->cyrillic = open_transform("Latin-Russian/BGN");
	icu->greek = open_transform("Latin-Greek/UNGEGN");
	icu->arabic = open_transform("Latin-Arabic");
	if (!icu->cyrillic || !icu->greek || !icu->arabic) {
		eval_icu_close(icu);
		return CORDON_ERROR;
	}
	*out = icu;
	return 0;
}

void eval_icu_close(eval_icu *icu)
{
	if (!icu)
		return;
	if (icu->cyrillic)
		utrans_close(icu->cyrillic);
	if (icu->greek)
		utrans_close(icu->greek);
	if (icu->arabic)
		utrans_close(icu->arabic);
	free(icu);
}

/*
 * Arabic vowel marks (fathatan .. sukun, and the superscript alef) that
 * everyday writing leaves out. ICU's Latin-Arabic writes every vowel as a
 * mark, so a word-initial vowel would vanish with them: it becomes an alif.
 */
static int arabic_vowel_mark(UChar c)
{
	return (c >= 0x064B && c <= 0x0652) || c == 0x0670;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Appends rep in the case of the letter it replaces. */
static void put_cased(cu_buf *b, const char *rep, int upper)
{
	for (; *rep; rep++)
		cu_buf_putc(b, upper && *rep >= 'a' && *rep <= 'z' ? (char)(*rep - 32) : *rep);
}

/*
 * BGN/PCGN romanises Russian without c, h (outside kh, zh, sh, ch), j, q, w
 * and x, so ICU's reverse transform leaves those letters Latin. A Russian
 * writer spells them by sound: Hamid -> Khamid (Хамид), Active -> Aktive,
 * Walker -> Valker, Alexander -> Aleksander, Jamal -> Dzhamal.
 */
static char *respell_for_bgn(const char *s)
{
	cu_buf b;
	cu_buf_init(&b, CU_BUF_DEFAULT_MAX);
	for (size_t i = 0; s[i]; i++) {
		int c = lower((unsigned char)s[i]), next = lower((unsigned char)s[i + 1]);
		int prev = i ? lower((unsigned char)s[i - 1]) : 0, up = s[i] >= 'A' && s[i] <= 'Z';
		const char *rep = NULL;
		if (c == 'c')
			rep = next == 'h' ? "c" : next == 'k' ? "" : (next == 'e' || next == 'i' || next == 'y') ? "s" : "k";
		else if (c == 'h' && prev != 's' && prev != 'c' && prev != 'z' && prev != 'k')
			rep = prev == 't' || prev == 'p' ? "" : "kh";
		else if (c == 'p' && next == 'h')
			rep = "f";
		else if (c == 'j')
			rep = "dzh";
		else if (c == 'q')
			rep = "k";
		else if (c == 'w')
			rep = "v";
		else if (c == 'x')
			rep = "ks";
		if (rep)
			put_cased(&b, rep, up);
		else
			cu_buf_putc(&b, s[i]);
	}
	char *out = b.len ? cu_buf_take(&b) : eval_strdup(s);
	cu_buf_dispose(&b);
	return out;
}

static int arabic_letter(UChar c)
{
	return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3);
}

static int is_word_letter(int c)
{
	return c >= 'a' && c <= 'z';
}

/*
 * ICU's Latin-Arabic maps letter by letter: "sh" becomes سه where Arabic
 * writes ش, and every vowel becomes a mark, so once the marks are dropped a
 * long or final vowel leaves no trace where Arabic writes ا, و or ي. The
 * digraphs and the vowels Arabic spells out are written in Arabic letters
 * first (ICU leaves them alone): Shamil -> شamil, Saadi -> sاdي.
 */
static char *respell_for_arabic(const char *s)
{
	static const struct {
		const char *latin, *arabic;
		int final_only; /* only at the end of a word */
	} rules[] = {
		{"sh", "ش", 0}, {"kh", "خ", 0}, {"gh", "غ", 0}, {"th", "ث", 0}, {"dh", "ذ", 0}, {"ch", "تش", 0},
		{"aa", "ا", 0}, {"ee", "ي", 0}, {"ii", "ي", 0}, {"oo", "و", 0}, {"uu", "و", 0}, {"ou", "و", 0},
		{"ie", "ي", 1}, {"i", "ي", 1}, {"y", "ي", 1}, {"u", "و", 1}, {"o", "و", 1},
	};
	cu_buf b;
	cu_buf_init(&b, CU_BUF_DEFAULT_MAX);
	for (size_t i = 0; s[i];) {
		size_t r = 0, n = sizeof(rules) / sizeof(*rules);
		for (; r < n; r++) {
			size_t len = strlen(rules[r].latin);
			if (strncmp(s + i, rules[r].latin, len) != 0)
				continue;
			int word_end = !is_word_letter((unsigned char)s[i + len]);
			/* a word-final vowel after another vowel is part of a diphthong, not a long vowel */
			if (rules[r].final_only && (!word_end || i == 0 || !is_word_letter((unsigned char)s[i - 1])))
				continue;
			cu_buf_puts(&b, rules[r].arabic);
			i += len;
			break;
		}
		if (r == n)
			cu_buf_putc(&b, s[i++]);
	}
	char *out = b.len ? cu_buf_take(&b) : eval_strdup(s);
	cu_buf_dispose(&b);
	return out;
}

char *eval_render(eval_icu *icu, int kind, const char *latin)
{
	UTransliterator *t = kind == EK_CYRILLIC ? icu->cyrillic : kind == EK_GREEK ? icu->greek : icu->arabic;
	char *src = kind == EK_CYRILLIC ? respell_for_bgn(latin) : eval_strdup(latin);
	if (src && kind == EK_ARABIC) {
		cu_ascii_lower(src); /* the transform's rules are written for lower case */
		char *respelled = respell_for_arabic(src);
		free(src);
		src = respelled;
	}
	if (!src)
		return NULL;
	size_t len = strlen(src);
	int32_t cap = (int32_t)(len * 4 + 16), ulen = 0;
	UChar *u = malloc((size_t)cap * sizeof(*u));
	char *out = NULL;
	UErrorCode status = U_ZERO_ERROR;
	if (u)
		u_strFromUTF8(u, cap, &ulen, src, (int32_t)len, &status);
	int32_t limit = ulen;
	if (u && U_SUCCESS(status))
		utrans_transUChars(t, u, &ulen, cap, 0, &limit, &status);
	if (u && U_SUCCESS(status)) {
		int32_t w = 0;
		for (int32_t i = 0; i < ulen; i++) {
			if (kind != EK_ARABIC || !arabic_vowel_mark(u[i])) {
				u[w++] = u[i];
			} else if (i == 0 || (!arabic_letter(u[i - 1]) && !arabic_vowel_mark(u[i - 1]))) {
				/* a vowel opening a word is written on an alif: Osama is اسامة, never سامة */
				u[w++] = 0x0627;
			}
		}
		int32_t need = 0;
		out = malloc((size_t)w * 3 + 1);
		if (out)
			u_strToUTF8(out, w * 3 + 1, &need, u, w, &status);
		if (out && U_FAILURE(status)) {
			free(out);
			out = NULL;
		}
	}
	free(u);
	free(src);
	if (out) {
		/* a dropped vowel mark can leave a word empty: clean spaces again */
		size_t n = cu_clean_text(out, strlen(out), NULL);
		if (n == 0) {
			free(out);
			out = NULL;
		}
	}
	return out;
}

static int has_code(const char *const *list, size_t n, const char *const *codes)
{
	for (size_t i = 0; i < n; i++)
		for (const char *const *c = codes; *c; c++)
			if (list[i] && cu_ascii_casecmp(list[i], *c) == 0)
				return 1;
	return 0;
}

static int has_program(const cordon_entity *e, const char *const *words)
{
	for (size_t i = 0; i < e->program_count; i++)
		for (const char *const *w = words; *w; w++)
			if (cu_ascii_strcasestr(e->programs[i], *w))
				return 1;
	return 0;
}

int eval_entity_russian_tie(const cordon_entity *e)
{
	static const char *const codes[] = {"RU", "UA", "BY", NULL};
	static const char *const programs[] = {"RUSSIA", "UKRAINE", "BELARUS", "CYBER", "ELECTION", NULL};
	if (has_code(e->nationalities, e->nationality_count, codes) ||
	    has_code(e->citizenships, e->citizenship_count, codes) || has_code(e->countries, e->country_count, codes))
		return 1;
	for (size_t i = 0; i < e->address_count; i++)
		if (e->addresses[i].country && has_code(&e->addresses[i].country, 1, codes))
			return 1;
	return has_program(e, programs);
}

int eval_entity_arabic_tie(const cordon_entity *e)
{
	/* the Arab League's members */
	static const char *const codes[] = {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR",
	                                    "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE", NULL};
	/* OFAC's counter-terrorism and Middle East programs; "Al-Qaida" is the UN's SDGT counterpart */
	static const char *const programs[] = {"SDGT", "SYRIA",  "IRAQ", "IRAN", "LIBYA",    "YEMEN",
	                                       "SOMALIA", "SDT", "FTO", "AL-QAIDA", NULL};
	if (e->schema != CORDON_SCHEMA_PERSON)
		return 0;
	return has_code(e->nationalities, e->nationality_count, codes) ||
	       has_code(e->citizenships, e->citizenship_count, codes) || has_program(e, programs);
}
