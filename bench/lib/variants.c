#include "variants.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "icu.h"
#include "util/strutil.h"

#define MAX_WORDS 32

typedef struct {
	const char *start[MAX_WORDS];
	size_t len[MAX_WORDS];
	size_t n;
} words;

static void split(const char *s, words *w)
{
	w->n = 0;
	while (*s && w->n < MAX_WORDS) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		w->start[w->n] = s;
		while (*s && *s != ' ')
			s++;
		w->len[w->n] = (size_t)(s - w->start[w->n]);
		w->n++;
	}
}

/* out = in with word k replaced by rep (rep_len bytes). */
static int replace_word(const char *in, const words *w, size_t k, const char *rep, size_t rep_len, char *out,
                        size_t cap)
{
	size_t head = (size_t)(w->start[k] - in), tail = strlen(w->start[k] + w->len[k]);
	if (head + rep_len + tail + 1 > cap)
		return -1;
	memmove(out, in, head);
	memcpy(out + head, rep, rep_len);
	memcpy(out + head + rep_len, w->start[k] + w->len[k], tail + 1);
	return 0;
}

static int ascii_word(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isalpha((unsigned char)s[i]) && s[i] != '-')
			return 0;
	return 1;
}

/* Spellings the lists themselves alternate between; whole-word rules first. */
static const struct {
	const char *from, *to;
	int whole; /* 1: the whole word; 2: at its end; 0: anywhere */
} rules[] = {
	{"mohammed", "muhammad", 1}, {"muhammad", "mohammed", 1}, {"mohamed", "mohammed", 1},
	{"mohammad", "muhammad", 1}, {"ahmed", "ahmad", 1},        {"ahmad", "ahmed", 1},
	{"hussein", "husain", 1},    {"hussain", "hussein", 1},    {"husayn", "hussein", 1},
	{"yusuf", "yousef", 1},      {"abdul", "abdel", 1},        {"abdel", "abdul", 1},
	{"ov", "off", 2},            {"ev", "eff", 2},             {"iy", "y", 2},
	{"ii", "iy", 2},             {"y", "i", 2},                {"ya", "ia", 2},
	{"yev", "ev", 0},            {"ye", "e", 0},               {"ou", "u", 0},
	{"oo", "u", 0},              {"ee", "i", 0},               {"kh", "h", 0},
	{"ts", "tz", 0},             {"sch", "sh", 0},             {"sh", "ch", 0},
	{"zh", "j", 0},              {"ck", "k", 0},               {"ph", "f", 0},
	{"q", "k", 0},               {"j", "dj", 0},               {"ei", "ey", 0},
	{"ay", "ai", 0},             {"w", "v", 0},                {"ll", "l", 0},
	{"ss", "s", 0},              {"mm", "m", 0},               {"tt", "t", 0},
	{"dd", "d", 0},              {"rr", "r", 0},               {"x", "ks", 0},
	{"gh", "g", 0},              {"dh", "d", 0},               {"th", "t", 0},
	{"aa", "a", 0},              {"ie", "y", 0},               {"u", "ou", 0},
	{"i", "y", 0},               {"c", "k", 0},
};
#define RULE_COUNT (sizeof(rules) / sizeof(*rules))

/* Where rule r applies in word s[0..len), or -1. */
static long rule_at(size_t r, const char *s, size_t len)
{
	size_t n = strlen(rules[r].from);
	if (n > len)
		return -1;
	if (rules[r].whole == 1)
		return n == len && cu_ascii_ncasecmp(s, rules[r].from, n) == 0 ? 0 : -1;
	if (rules[r].whole == 2)
		return len > n + 2 && cu_ascii_ncasecmp(s + len - n, rules[r].from, n) == 0 ? (long)(len - n) : -1;
	for (size_t i = 1; i + n <= len; i++) /* not the first letter: keeps the initial, as variants do */
		if (cu_ascii_ncasecmp(s + i, rules[r].from, n) == 0)
			return (long)i;
	return -1;
}

/* The replacement in the case of the letters it replaces. */
static void cased(const char *orig, size_t orig_len, const char *to, char *out, size_t n)
{
	int upper = orig_len > 1 && isupper((unsigned char)orig[0]) && isupper((unsigned char)orig[orig_len - 1]);
	int title = isupper((unsigned char)orig[0]);
	for (size_t i = 0; i < n; i++)
		out[i] = upper || (i == 0 && title) ? (char)toupper((unsigned char)to[i]) : to[i];
}

/* Particles keep their spelling: "bin" never becomes "byn". */
static int particle(const char *s, size_t len)
{
	static const char *const set[] = {"bin", "ibn", "abu", "abd", "bint", "ben", "van", "von", "der", "del", NULL};
	for (const char *const *p = set; *p; p++)
		if (strlen(*p) == len && cu_ascii_ncasecmp(s, *p, len) == 0)
			return 1;
	return 0;
}

int cb_spelling_variant(const char *in, cb_rng *r, char *out, size_t cap)
{
	words w;
	split(in, &w);
	size_t cand_word[64], cand_rule[64], n = 0;
	for (size_t k = 0; k < w.n; k++) {
		if (w.len[k] < 3 || !ascii_word(w.start[k], w.len[k]) || particle(w.start[k], w.len[k]))
			continue;
		for (size_t ru = 0; ru < RULE_COUNT && n < 64; ru++)
			if (rule_at(ru, w.start[k], w.len[k]) >= 0)
				cand_word[n] = k, cand_rule[n++] = ru;
	}
	if (!n)
		return -1;
	size_t pick = cb_rng_below(r, n), k = cand_word[pick], ru = cand_rule[pick];
	const char *s = w.start[k];
	size_t len = w.len[k], at = (size_t)rule_at(ru, s, len), from = strlen(rules[ru].from),
	       to = strlen(rules[ru].to);
	char word[CB_NAME_MAX];
	if (len - from + to >= sizeof(word))
		return -1;
	memcpy(word, s, at);
	cased(s + at, from, rules[ru].to, word + at, to);
	if (at == 0 && isupper((unsigned char)s[0]))
		word[0] = (char)toupper((unsigned char)word[0]);
	memcpy(word + at + to, s + at + from, len - at - from);
	return replace_word(in, &w, k, word, len - from + to, out, cap);
}

int cb_typo(const char *in, cb_rng *r, char *out, size_t cap)
{
	static const char *const near[26] = {"qsz", "vgn", "xdv", "sfe", "wrd", "dgr", "fht", "gjy", "uok", "hku",
	                                     "jli", "ko",  "nj",  "bm",  "ip",  "ol",  "wa",  "etf", "adw", "ryg",
	                                     "yij", "cb",  "qe",  "zc",  "tu",  "xa"};
	words w;
	split(in, &w);
	size_t cand[MAX_WORDS], n = 0;
	for (size_t k = 0; k < w.n; k++)
		if (w.len[k] >= 4 && ascii_word(w.start[k], w.len[k]))
			cand[n++] = k;
	if (!n)
		return -1;
	size_t k = cand[cb_rng_below(r, n)], len = w.len[k];
	char word[CB_NAME_MAX];
	if (len + 2 >= sizeof(word))
		return -1;
	memcpy(word, w.start[k], len);
	size_t at = 1 + cb_rng_below(r, len - 1);
	size_t op = cb_rng_below(r, 4);
	if (op == 0 && isalpha((unsigned char)word[at])) { /* a neighbouring key */
		const char *nb = near[tolower((unsigned char)word[at]) - 'a'];
		char c = nb[cb_rng_below(r, strlen(nb))];
		word[at] = isupper((unsigned char)word[at]) ? (char)toupper((unsigned char)c) : c;
	} else if (op == 1) { /* a letter dropped */
		memmove(word + at, word + at + 1, len - at - 1);
		len--;
	} else if (op == 2 && at + 1 < len) { /* two letters swapped */
		char c = word[at];
		word[at] = word[at + 1];
		word[at + 1] = c;
	} else { /* a letter doubled */
		memmove(word + at + 1, word + at, len - at);
		len++;
	}
	if (len == w.len[k] && memcmp(word, w.start[k], len) == 0)
		return -1;
	return replace_word(in, &w, k, word, len, out, cap);
}

int cb_reorder(const char *in, char *out, size_t cap)
{
	words w;
	split(in, &w);
	if (w.n < 2)
		return -1;
	size_t last = w.n - 1;
	int len = snprintf(out, cap, "%.*s", (int)w.len[last], w.start[last]);
	for (size_t k = 0; k < last && len >= 0 && (size_t)len < cap; k++)
		len += snprintf(out + len, cap - (size_t)len, " %.*s", (int)w.len[k], w.start[k]);
	if (len < 0 || (size_t)len >= cap)
		return -1;
	/* "Petrov, Viktor" would keep its comma in the middle: drop commas */
	char *d = out;
	for (const char *s = out; *s; s++)
		if (*s != ',')
			*d++ = *s;
	*d = '\0';
	return 0;
}

int cb_cyrillic(const char *latin, char *out, size_t cap)
{
	return cb_transform("Latin-Russian/BGN; Latin-Cyrillic", latin, out, cap);
}

int cb_arabic(const cb_harvest *h, const char *latin, char *out, size_t cap)
{
	static const char *const bin = "\xd8\xa8\xd9\x86"; /* بن */
	words w;
	split(latin, &w);
	size_t len = 0;
	out[0] = '\0';
	for (size_t k = 0; k < w.n; k++) {
		char word[CB_NAME_MAX];
		snprintf(word, sizeof(word), "%.*s", (int)w.len[k], w.start[k]);
		const char *ar = cu_ascii_casecmp(word, "bin") == 0 || cu_ascii_casecmp(word, "ibn") == 0
		                         ? bin
		                         : cb_arabic_of(h, word);
		if (!ar)
			return -1;
		int n = snprintf(out + len, cap - len, "%s%s", len ? " " : "", ar);
		if (n < 0 || (size_t)n >= cap - len)
			return -1;
		len += (size_t)n;
	}
	return len ? 0 : -1;
}
