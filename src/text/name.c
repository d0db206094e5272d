#include "text/name.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "cordon/entity.h"

static const char *const particles[] = {
	"al", "el", "ul", "ad", "ar", "as", "at", "az", "an", "bin", "ben", "ibn", "bint", "binti", "abu", "abou",
	"ould", "wuld", "van", "von", "de", "der", "den", "del", "della", "di", "da", "das", "do", "dos", "du",
	"la", "le", "les", "lo", "y", "zu", "ter", "and", "of", "the", "und", "et", NULL};

/* Honorifics and ranks that precede names on the lists and in customer files. */
static const char *const titles[] = {
	"mr", "mrs", "ms", "miss", "dr", "doctor", "prof", "professor", "sir", "dame", "lord", "lady", "hon",
	"sheikh", "shaikh", "sheik", "shaykh", "haji", "hajji", "hadji", "alhaji", "alhajji", "mullah", "mulla",
	"mawlawi", "maulvi", "mawlavi", "maulana", "mawlana", "qari", "imam", "hafiz", "sayyid", "general", "gen",
	"colonel", "col", "major", "maj", "captain", "capt", "lieutenant", "lt", "brigadier", "admiral",
	"commander", "cmdr", "sergeant", "sgt", "eng", "engineer", "ayatollah", "hojatoleslam", "emir", "amir",
	"prince", "princess", "king", "queen", "president", "minister", NULL};

/* Words so many company names share that agreeing on them says little (idf says the rest). */
static const char *const generic_words[] = {
	"trading", "trade", "traders", "group", "holding", "holdings", "international", "intl", "industries",
	"industrial", "industry", "enterprise", "enterprises", "investment", "investments", "services", "service",
	"import", "export", "impex", "general", "commercial", "development", "technology", "technologies", "tech",
	"global", "solutions", "systems", "logistics", "shipping", "construction", "engineering", "energy",
	"resources", "partners", "ventures", "capital", "management", "consulting", "manufacturing", "products",
	"supply", "bank", "credit", "finance", "financial", "insurance", "petroleum", "oil", "gas", "chemical",
	"chemicals", "electronics", "electronic", "machinery", "equipment", "materials", "marine", "maritime",
	"transport", "transportation", "aviation", "airlines", "airways", "motors", "metals", "steel", "mining",
	"foods", "textile", "textiles", "pharmaceutical", "pharmaceuticals", "medical", "research", "institute",
	"center", "centre", "academy", "organization", "organisation", "association", "foundation", "agency",
	"office", "bureau", "factory", "plant", "works", "national", "state", "federal", "joint", "venture",
	"exchange", "money", "navigation", "line", "lines", "sea", "air", "limited", "stock", NULL};

static const char *const number_words[] = {"zero", "one", "two", "three", "four", "five", "six", "seven",
                                           "eight", "nine", "ten", "eleven", "twelve", NULL};
static const char *const roman_numerals[] = {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii",
                                             "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx", NULL};

static int has_digit(const char *t)
{
	for (; *t; t++)
		if (*t >= '0' && *t <= '9')
			return 1;
	return 0;
}

static int ends_with(const char *t, size_t n, const char *suffix)
{
	size_t s = strlen(suffix);
	return n > s + 2 && strcmp(t + n - s, suffix) == 0;
}

static int is_patronymic(const char *t, size_t n)
{
	return ends_with(t, n, "ovich") || ends_with(t, n, "evich") || ends_with(t, n, "yevich") ||
	       ends_with(t, n, "ovna") || ends_with(t, n, "evna") || ends_with(t, n, "ichna") ||
	       ends_with(t, n, "ovych") || ends_with(t, n, "ivna") || strcmp(t, "ogly") == 0 ||
	       strcmp(t, "ogli") == 0 || strcmp(t, "kyzy") == 0 || strcmp(t, "uly") == 0;
}

/*
 * Every token of every name is looked up in these lists: each is hashed once into a small
 * open-addressing set, so a lookup is a hash and a compare or two rather than a scan.
 */
#define WORD_SET_SLOTS 512 /* a power of two, at least twice the longest list */

typedef struct {
	const char *const *words;
	short slot[WORD_SET_SLOTS]; /* index in words + 1; 0: empty */
} word_set;

#define FITS(list) (2 * (sizeof(list) / sizeof(*(list))) <= WORD_SET_SLOTS)
_Static_assert(FITS(particles) && FITS(titles) && FITS(generic_words) && FITS(number_words) && FITS(roman_numerals),
               "a word list outgrew WORD_SET_SLOTS");
#undef FITS

static word_set particle_set = {particles, {0}}, title_set = {titles, {0}}, generic_set = {generic_words, {0}},
                number_set = {number_words, {0}}, roman_set = {roman_numerals, {0}};
static pthread_once_t word_sets_once = PTHREAD_ONCE_INIT;

static size_t word_hash(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h & (WORD_SET_SLOTS - 1);
}

static void word_set_fill(word_set *set)
{
	for (int i = 0; set->words[i]; i++) {
		size_t h = word_hash(set->words[i]);
		while (set->slot[h])
			h = (h + 1) & (WORD_SET_SLOTS - 1);
		set->slot[h] = (short)(i + 1);
	}
}

static void word_sets_fill(void)
{
	word_set *sets[] = {&particle_set, &title_set, &generic_set, &number_set, &roman_set};
	for (size_t i = 0; i < sizeof(sets) / sizeof(*sets); i++)
		word_set_fill(sets[i]);
}

/* Index of t in the set's list (the first, should it appear twice), or -1. */
static int list_index(const char *t, word_set *set)
{
	pthread_once(&word_sets_once, word_sets_fill);
	for (size_t h = word_hash(t); set->slot[h]; h = (h + 1) & (WORD_SET_SLOTS - 1))
		if (strcmp(set->words[set->slot[h] - 1], t) == 0)
			return set->slot[h] - 1;
	return -1;
}

static int in_list(const char *t, word_set *set)
{
	return list_index(t, set) >= 0;
}

static const int roman_values[] = {2, 3, 4, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};

/* Appends one token to the name's storage; returns its start or NULL when full. */
static char *store(ct_name *out, size_t *used, const char *tok, size_t len)
{
	if (*used + len + 1 > CT_NAME_MAX || len == 0 || len > 255)
		return NULL;
	char *p = out->text + *used;
	memcpy(p, tok, len);
	p[len] = '\0';
	*used += len + 1;
	return p;
}

/*
 * Splits the rendering into raw tokens. In consonantal renderings of Arabic
 * and Hebrew the article is written onto the word ("altkryty"): split it off,
 * and spell the particles the way Latin lists do.
 */
static void split_tokens(const char *rendering, ct_scheme scheme, ct_name *out, size_t *used)
{
	int semitic = scheme == CT_SCHEME_ARABIC || scheme == CT_SCHEME_HEBREW;
	const char *p = rendering;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *start = p;
		while (*p && *p != ' ')
			p++;
		size_t len = (size_t)(p - start);
		if (!len)
			continue;
		/* Allah is a word, not al- + lah: "abd allah" must stay near "abdullah" */
		int allah = len == 5 && memcmp(start, "allah", 5) == 0;
		if (semitic && len >= 5 && !allah && start[0] == 'a' && start[1] == 'l') {
			store(out, used, "al", 2);
			start += 2;
			len -= 2;
		}
		if (semitic && len == 2 && memcmp(start, "bn", 2) == 0)
			start = "bin", len = 3;
		else if (semitic && len == 3 && memcmp(start, "abw", 3) == 0)
			start = "abu", len = 3;
		if (!store(out, used, start, len))
			return;
	}
}

/* Makes a token of every string split_tokens stored. */
static void register_tokens(ct_name *out, size_t used)
{
	out->count = 0;
	for (size_t off = 0; off < used && out->count < CT_MAX_TOKENS;) {
		const char *t = out->text + off;
		size_t len = strlen(t);
		out->tokens[out->count].text = t;
		out->tokens[out->count].len = (uint8_t)len;
		out->tokens[out->count].kind = CT_TOKEN_WORD;
		out->tokens[out->count].legal = CT_LEGAL_NONE;
		out->count++;
		off += len + 1;
	}
}

static void mark_legal_forms(ct_name *out)
{
	int cyrillic = out->scheme == CT_SCHEME_BGN || out->scheme == CT_SCHEME_SCHOLARLY;
	const char *toks[CT_MAX_TOKENS];
	for (size_t i = 0; i < out->count; i++)
		toks[i] = out->tokens[i].text;
	size_t legal_tokens = 0;
	ct_legal_class found[CT_MAX_TOKENS] = {0};
	for (size_t i = 0; i < out->count;) {
		ct_legal_class cls;
		size_t n = ct_legal_form_at(toks, out->count, i, cyrillic, &cls);
		if (!n) {
			i++;
			continue;
		}
		for (size_t k = 0; k < n; k++)
			found[i + k] = cls;
		legal_tokens += n;
		i += n;
	}
	if (legal_tokens == 0 || legal_tokens == out->count)
		return; /* a name made only of a legal form ("Company") keeps its words */
	for (size_t i = 0; i < out->count; i++)
		if (found[i]) {
			out->tokens[i].kind = CT_TOKEN_LEGAL;
			out->tokens[i].legal = (uint8_t)found[i];
			if (out->legal == CT_LEGAL_NONE)
				out->legal = found[i];
		}
}

/* Titles come first ("Sheikh Ahmed"); the same word later is a name ("AL-SHAYKH, Muhammad"). */
static int leading_title(const ct_name *out, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (out->tokens[k].kind != CT_TOKEN_TITLE)
			return 0;
	return 1;
}

static void classify(ct_name *out, int schema)
{
	int person = schema == CORDON_SCHEMA_PERSON;
	int organisation = schema == CORDON_SCHEMA_ORGANIZATION || schema == CORDON_SCHEMA_VESSEL ||
	                   schema == CORDON_SCHEMA_AIRCRAFT;
	for (size_t i = 0; i < out->count; i++) {
		ct_token *t = &out->tokens[i];
		if (t->kind == CT_TOKEN_LEGAL)
			continue;
		if (has_digit(t->text))
			t->kind = CT_TOKEN_NUMBER;
		else if (t->len == 1)
			t->kind = CT_TOKEN_INITIAL;
		else if (in_list(t->text, &particle_set))
			t->kind = CT_TOKEN_PARTICLE;
		else if (!organisation && in_list(t->text, &title_set) && out->count > 1 && leading_title(out, i))
			t->kind = CT_TOKEN_TITLE;
		else if (!organisation && is_patronymic(t->text, t->len))
			t->kind = CT_TOKEN_PATRONYMIC;
		else if (!person && (list_index(t->text, &number_set) >= 0 || list_index(t->text, &roman_set) >= 0))
			t->kind = CT_TOKEN_NUMBER;
		else if (!person && in_list(t->text, &generic_set) && out->count > 1)
			t->kind = CT_TOKEN_GENERIC;
	}
}

/* "One", "IV" and "4" are the same number: numbers are compared as digits. */
static void canonical_number(ct_token *t, char *buf, size_t size)
{
	int v = list_index(t->text, &number_set);
	if (v < 0) {
		int r = list_index(t->text, &roman_set);
		v = r >= 0 ? roman_values[r] : -1;
	}
	if (v >= 0)
		snprintf(buf, size, "%d", v);
	else
		snprintf(buf, size, "%s", t->text);
}

static void compute_keys(ct_name *out)
{
	for (size_t i = 0; i < out->count; i++) {
		ct_token *t = &out->tokens[i];
		if (t->kind == CT_TOKEN_NUMBER) {
			canonical_number(t, t->key, sizeof(t->key));
			t->key_len = (uint8_t)strlen(t->key);
			memcpy(t->cons, t->key, (size_t)t->key_len + 1);
			t->cons_len = t->key_len;
			continue;
		}
		t->key_len = (uint8_t)ct_variant_key(t->text, t->len, t->key);
		t->cons_len = (uint8_t)ct_consonant_key(t->key, t->key_len, t->cons);
	}
}

void ct_analyse(const char *rendering, ct_scheme scheme, int schema, ct_name *out)
{
	size_t used = 0;
	out->count = 0;
	out->scheme = scheme;
	out->legal = CT_LEGAL_NONE;
	split_tokens(rendering, scheme, out, &used);
	register_tokens(out, used);
	/* "No. 8": the "no" only announces the number */
	for (size_t i = 0; i + 1 < out->count; i++)
		if (strcmp(out->tokens[i].text, "no") == 0 && has_digit(out->tokens[i + 1].text))
			out->tokens[i].kind = CT_TOKEN_PARTICLE;
	if (schema != CORDON_SCHEMA_PERSON)
		mark_legal_forms(out);
	classify(out, schema);
	compute_keys(out);
}

size_t ct_name_core_count(const ct_name *name)
{
	size_t n = 0;
	for (size_t i = 0; i < name->count; i++) {
		uint8_t k = name->tokens[i].kind;
		if (k == CT_TOKEN_WORD || k == CT_TOKEN_NUMBER || k == CT_TOKEN_INITIAL || k == CT_TOKEN_PATRONYMIC ||
		    k == CT_TOKEN_GENERIC)
			n++;
	}
	return n;
}
