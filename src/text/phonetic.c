#include "text/phonetic.h"

#include <string.h>

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Letter-group rewrites, grouped by first letter, longest first within a group; applied left to right. */
typedef struct {
	const char *from, *to;
	unsigned char from_len, to_len;
} rewrite;

#define RW(f, t) {f, t, sizeof(f) - 1, sizeof(t) - 1}
static const rewrite rewrites[] = {
	RW("ay", "ai"),  RW("cz", "ch"), RW("ck", "k"),   RW("dzh", "j"), RW("dj", "j"),  RW("ee", "i"),
	RW("ey", "ei"),  RW("gh", "g"),  RW("kh", "h"),   RW("ou", "u"),  RW("oo", "u"),  RW("oy", "oi"),
	RW("ph", "f"),   RW("q", "k"),   RW("shch", "sh"), RW("sch", "sh"), RW("tsch", "ch"), RW("tch", "ch"),
	RW("th", "t"),   RW("w", "v"),   RW("x", "ks"),   RW("zsh", "j"), RW("zh", "j"),
};
#undef RW

/* Per letter a..z: index of its first rewrite + 1, or 0 when no group starts with it. */
static const unsigned char first_rewrite[26] = {
	['a' - 'a'] = 1,  ['c' - 'a'] = 2,  ['d' - 'a'] = 4,  ['e' - 'a'] = 6,  ['g' - 'a'] = 8,  ['k' - 'a'] = 9,
	['o' - 'a'] = 10, ['p' - 'a'] = 13, ['q' - 'a'] = 14, ['s' - 'a'] = 15, ['t' - 'a'] = 17, ['w' - 'a'] = 20,
	['x' - 'a'] = 21, ['z' - 'a'] = 22,
};

/* memcmp(a, b, n) == 0 for the few letters of a group, without a call per letter of every name. */
static inline int same_letters(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* Appends the rewrite of the group starting at in[i], if one does; returns the letters consumed. */
static size_t rewrite_at(const char *in, size_t i, size_t len, char *out, size_t *n)
{
	unsigned char c = (unsigned char)in[i];
	if (c < 'a' || c > 'z' || !first_rewrite[c - 'a'])
		return 0;
	for (size_t k = first_rewrite[c - 'a'] - 1u; k < sizeof(rewrites) / sizeof(*rewrites) && rewrites[k].from[0] == c;
	     k++) {
		const rewrite *r = &rewrites[k];
		if (i + r->from_len <= len && same_letters(in + i, r->from, r->from_len)) {
			memcpy(out + *n, r->to, r->to_len);
			*n += r->to_len;
			return r->from_len;
		}
	}
	return 0;
}

/*
 * Rewrites letter groups. A lone "c" is s before e, i, y (French and Spanish
 * spellings: Youcef, Hacene, Cecilia) and k elsewhere; the scorer also
 * compares words as written, so a typo next to a c ("Cimex" / "Cmiex") is
 * still one difference there. A leading j before a vowel is y (German Jurij).
 */
static size_t rewrite_groups(const char *in, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n + 3 < cap;) {
		if (in[i] == 'c' && (i + 1 >= len || (in[i + 1] != 'h' && in[i + 1] != 'z' && in[i + 1] != 'k'))) {
			char next = i + 1 < len ? in[i + 1] : 0;
			out[n++] = (next == 'e' || next == 'i' || next == 'y') ? 's' : 'k';
			i++;
			continue;
		}
		if (in[i] == 'j' && i == 0 && len > 1 && is_vowel(in[1])) {
			out[n++] = 'y';
			i++;
			continue;
		}
		size_t used = rewrite_at(in, i, len, out, &n);
		if (used)
			i += used;
		else
			out[n++] = in[i++];
	}
	out[n] = '\0';
	return n;
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
	size_t sl = strlen(suffix);
	return n >= sl && memcmp(s + n - sl, suffix, sl) == 0;
}

/* Word beginnings and endings that differ between romanisations of the same Cyrillic name. */
static size_t fold_edges(char *s, size_t n)
{
	if (n > 3 && s[0] == 'y' && s[1] == 'e') { /* Yevgeniy / Evgeny, Yelena / Elena */
		memmove(s, s + 1, n);
		n--;
	} else if (n > 3 && s[0] == 'i' && (s[1] == 'u' || s[1] == 'a')) { /* Iouri, Iakov */
		s[0] = 'y';
	}
	if (n > 4 && (ends_with(s, n, "iy") || ends_with(s, n, "ij") || ends_with(s, n, "ii") || ends_with(s, n, "yi")))
		n -= 1, s[n - 1] = 'i'; /* Yevgeniy / Evgenij / Evgenii -> evgeni */
	else if (n > 3 && s[n - 1] == 'y' && !is_vowel(s[n - 2]))
		s[n - 1] = 'i'; /* Dmitry -> dmitri */
	if (n > 4 && ends_with(s, n, "ff"))
		n -= 1, s[n - 1] = 'v'; /* Smirnoff */
	s[n] = '\0';
	return n;
}

size_t ct_variant_key(const char *token, size_t len, char out[CT_KEY_MAX])
{
	char tmp[CT_KEY_MAX * 2];
	if (len > CT_KEY_MAX - 1)
		len = CT_KEY_MAX - 1;
	size_t n = rewrite_groups(token, len, tmp, sizeof(tmp));
	n = fold_edges(tmp, n);
	/* doubled letters are a spelling habit, not a sound: Hussein / Husein, Mohammed / Mohamed */
	size_t m = 0;
	for (size_t i = 0; i < n && m < CT_KEY_MAX - 1; i++)
		if (m == 0 || tmp[i] != out[m - 1] || (tmp[i] >= '0' && tmp[i] <= '9'))
			out[m++] = tmp[i];
	out[m] = '\0';
	return m;
}

size_t ct_consonant_key(const char *variant_key, size_t len, char out[CT_KEY_MAX])
{
	size_t m = 0;
	for (size_t i = 0; i < len && m < CT_KEY_MAX - 1; i++) {
		char c = variant_key[i];
		/* a word-initial y or j is a consonant: the variant key spells Jamal "yamal", and Arabic
		 * script's jmal (جمال) must keep its three consonants to agree with it */
		if (i == 0 && (c == 'y' || c == 'j') && len > 1) {
			out[m++] = 'y';
			continue;
		}
		/* w and y are long vowels in Arabic script (يوسف, ywsf = Yusuf): not consonants here */
		if (is_vowel(c) || c == 'v' || c == 'w')
			continue;
		if (m == 0 || c != out[m - 1])
			out[m++] = c;
	}
	out[m] = '\0';
	return m;
}
