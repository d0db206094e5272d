#include "match/score.h"

#include "text/phonetic.h"

#include <string.h>

/* Below this two words are not the same word. */
#define TOKEN_FLOOR 0.84
/* Share of an unmatched token's weight that still counts against the score. */
#define UNMATCHED_QUERY 1.00
#define UNMATCHED_ENTRY 0.45
/* An initial stands for the first letter only: this share of the word it matches is aligned. */
#define INITIAL_SHARE 0.25
/* Different numbers mean different entities ("Leasing 3" is not "Leasing 4"). */
#define NUMBER_CONFLICT 0.50
#define NUMBER_ONE_SIDED 0.90

/* How a token pair was found; explanations show these names. */
static const char *const methods[] = {"unmatched", "exact",   "spelling", "consonants",
                                      "fuzzy",     "initial", "number",   "near"};

double cmatch_role_factor(unsigned kind)
{
	switch (kind) {
	case CT_TOKEN_WORD: return 1.0;
	case CT_TOKEN_NUMBER: return 1.0;
	case CT_TOKEN_PATRONYMIC: return 0.35;
	case CT_TOKEN_GENERIC: return 0.35;
	case CT_TOKEN_INITIAL: return 0.25;
	case CT_TOKEN_PARTICLE: return 0.15;
	default: return 0.0; /* legal forms, titles */
	}
}

double cmatch_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen == 0 || blen == 0)
		return alen == blen ? 1.0 : 0.0;
	if (alen == blen && memcmp(a, b, alen) == 0)
		return 1.0;
	if (alen > 64 || blen > 64)
		return 0.0;
	unsigned char amatch[64] = {0}, bmatch[64] = {0};
	size_t window = (alen > blen ? alen : blen) / 2;
	window = window ? window - 1 : 0;
	size_t matches = 0;
	for (size_t i = 0; i < alen; i++) {
		size_t lo = i > window ? i - window : 0;
		size_t hi = i + window + 1 < blen ? i + window + 1 : blen;
		for (size_t j = lo; j < hi; j++)
			if (!bmatch[j] && a[i] == b[j]) {
				amatch[i] = bmatch[j] = 1;
				matches++;
				break;
			}
	}
	if (!matches)
		return 0.0;
	size_t transpositions = 0, k = 0;
	for (size_t i = 0; i < alen; i++) {
		if (!amatch[i])
			continue;
		while (!bmatch[k])
			k++;
		if (a[i] != b[k])
			transpositions++;
		k++;
	}
	double m = (double)matches;
	double jaro = (m / (double)alen + m / (double)blen + (m - (double)transpositions / 2.0) / m) / 3.0;
	size_t prefix = 0;
	while (prefix < 4 && prefix < alen && prefix < blen && a[prefix] == b[prefix])
		prefix++;
	return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

/*
 * Optimal-string-alignment distance (a transposition counts once), capped at
 * EDIT_BAND + 1: beyond that the words are too far apart for it to matter.
 * Bit-parallel (Hyyro 2003): one column of the edit matrix per letter of b,
 * held as bit vectors over the letters of a, so words up to 64 letters cost a
 * few operations per letter instead of a cell per letter pair.
 */
#define EDIT_BAND 3

size_t cmatch_edit_distance(const char *a, size_t n, const char *b, size_t m)
{
	if (n > CT_KEY_MAX || m > CT_KEY_MAX)
		return n > m ? n : m;
	if ((n > m ? n - m : m - n) > EDIT_BAND)
		return EDIT_BAND + 1;
	if (n == 0 || m == 0)
		return n + m > EDIT_BAND ? EDIT_BAND + 1 : n + m;
	/* per byte, the positions of a holding it; set only for a's bytes, which `in_a` marks */
	uint64_t peq[256], in_a[4] = {0, 0, 0, 0};
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)a[i];
		if (!(in_a[c >> 6] >> (c & 63) & 1)) {
			in_a[c >> 6] |= UINT64_C(1) << (c & 63);
			peq[c] = 0;
		}
		peq[c] |= UINT64_C(1) << i;
	}
	uint64_t vp = ~UINT64_C(0), vn = 0, d0 = 0, pm_prev = 0, last = UINT64_C(1) << (n - 1);
	size_t dist = n;
	for (size_t j = 0; j < m; j++) {
		unsigned char c = (unsigned char)b[j];
		uint64_t pm = in_a[c >> 6] >> (c & 63) & 1 ? peq[c] : 0;
		uint64_t tr = ((~d0 & pm) << 1) & pm_prev; /* a swap of neighbours */
		d0 = (((pm & vp) + vp) ^ vp) | pm | vn | tr;
		uint64_t hp = vn | ~(d0 | vp), hn = d0 & vp;
		dist += (hp & last) != 0;
		dist -= (hn & last) != 0;
		hp = (hp << 1) | 1;
		hn <<= 1;
		vp = hn | ~(d0 | hp);
		vn = hp & d0;
		pm_prev = pm;
	}
	return dist > EDIT_BAND ? EDIT_BAND + 1 : dist;
}

/* Whether two words are exactly one edit apart (substitution, insertion, deletion or swap of neighbours). */
static int one_edit_apart(const char *a, size_t n, const char *b, size_t m)
{
	if (n < m) {
		const char *t = a;
		a = b;
		b = t;
		size_t l = n;
		n = m;
		m = l;
	}
	if (n - m > 1)
		return 0;
	size_t i = 0;
	while (i < m && a[i] == b[i])
		i++;
	if (i == m)
		return n == m + 1; /* the longer has one letter more at the end */
	if (n == m + 1)
		return memcmp(a + i + 1, b + i, m - i) == 0;
	if (memcmp(a + i + 1, b + i + 1, n - i - 1) == 0)
		return 1; /* substitution */
	return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] && memcmp(a + i + 2, b + i + 2, n - i - 2) == 0;
}

uint64_t cmatch_letter_mask(const char *s, size_t len)
{
	uint64_t m = 0;
	for (size_t i = 0; i < len; i++)
		m |= 1ull << ((unsigned char)s[i] & 63);
	return m;
}

/* How many letters of s occur in the word whose letter mask is other. */
static size_t letters_in(const char *s, size_t len, uint64_t other)
{
	size_t c = 0;
	for (size_t i = 0; i < len; i++)
		c += (other >> ((unsigned char)s[i] & 63)) & 1;
	return c;
}

/*
 * Upper bound of Jaro-Winkler from the letters the words share: at most as
 * many characters can match as each word has letters occurring in the other.
 * Rejects most unrelated pairs at a fraction of the cost of Jaro-Winkler.
 */
static double jaro_winkler_bound(size_t alen, size_t blen, size_t a_in_b, size_t b_in_a)
{
	double m = (double)(a_in_b < b_in_a ? a_in_b : b_in_a);
	if (m == 0.0)
		return 0.0;
	double jaro = (m / (double)alen + m / (double)blen + 1.0) / 3.0;
	return jaro + 0.4 * (1.0 - jaro);
}

/* by_edits + slack, the most the similarity can be, for an edit distance of edits. */
static double edit_ceiling(size_t edits, size_t longest, double slack)
{
	return 1.0 - (double)edits / (double)longest + slack;
}

/* Set bits of x. Inline: without -mpopcnt the builtin is a library call. */
static inline size_t bit_count(uint64_t x)
{
	x -= (x >> 1) & UINT64_C(0x5555555555555555);
	x = (x & UINT64_C(0x3333333333333333)) + ((x >> 2) & UINT64_C(0x3333333333333333));
	x = (x + (x >> 4)) & UINT64_C(0x0F0F0F0F0F0F0F0F);
	return (size_t)((x * UINT64_C(0x0101010101010101)) >> 56);
}

/*
 * word_similarity_masked's first two tests from the masks alone: each distinct letter one word
 * lacks stands for at least one of its letters missing from the other, so these counts are
 * upper bounds of letters_in and reject only what the exact counts would, without reading
 * either word.
 */
static int masks_rule_out(size_t alen, uint64_t amask, size_t blen, uint64_t bmask, double slack)
{
	size_t a_out = bit_count(amask & ~bmask), b_out = bit_count(bmask & ~amask);
	if (a_out > alen || b_out > blen)
		return 0;
	size_t a_in_b = alen - a_out, b_in_a = blen - b_out;
	if (jaro_winkler_bound(alen, blen, a_in_b, b_in_a) < TOKEN_FLOOR - 0.1)
		return 1;
	size_t longest = alen > blen ? alen : blen, fewest = a_out > b_out ? a_out : b_out;
	return edit_ceiling(fewest < EDIT_BAND + 1 ? fewest : EDIT_BAND + 1, longest, slack) < TOKEN_FLOOR;
}

/* One edit changes at most two letters of a word's letter set (a substitution: one out, one in). */
static int masks_within_one_edit(uint64_t amask, uint64_t bmask)
{
	return bit_count(amask ^ bmask) <= 2;
}

/* cmatch_word_similarity with both words' letter masks already known. */
static double word_similarity_masked(const char *a, size_t alen, uint64_t amask, const char *b, size_t blen,
                                     uint64_t bmask)
{
	size_t longest = alen > blen ? alen : blen;
	/* one edit weighs more in a short word: "Han" is not "Hana" the way "Abdulrahman" is "Abdalrahman"
	 * (Jaro-Winkler mis-pairs repeated letters in long words: there the edit distance says it better) */
	double slack = longest >= 7 ? 0.15 : longest == 6 ? 0.10 : 0.03;
	if (masks_rule_out(alen, amask, blen, bmask, slack))
		return 0.0;
	size_t a_in_b = letters_in(a, alen, bmask), b_in_a = letters_in(b, blen, amask);
	if (jaro_winkler_bound(alen, blen, a_in_b, b_in_a) < TOKEN_FLOOR - 0.1)
		return 0.0;
	/* each letter the other word lacks costs an edit: often enough to rule the pair out */
	size_t fewest = alen - a_in_b > blen - b_in_a ? alen - a_in_b : blen - b_in_a;
	if (edit_ceiling(fewest < EDIT_BAND + 1 ? fewest : EDIT_BAND + 1, longest, slack) < TOKEN_FLOOR)
		return 0.0;
	double by_edits = 1.0 - (double)cmatch_edit_distance(a, alen, b, blen) / (double)longest;
	if (by_edits + slack < TOKEN_FLOOR)
		return 0.0; /* the result is at most by_edits + slack: no need for Jaro-Winkler */
	double jw = cmatch_jaro_winkler(a, alen, b, blen);
	if (jw < TOKEN_FLOOR - 0.1)
		return 0.0;
	double s = jw < by_edits + slack ? jw : by_edits + slack;
	if (by_edits > s)
		s = by_edits;
	return s >= TOKEN_FLOOR ? s : 0.0;
}

double cmatch_word_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
	return word_similarity_masked(a, alen, cmatch_letter_mask(a, alen), b, blen, cmatch_letter_mask(b, blen));
}

/*
 * Words one edit apart that fall below the floor (Mark / Sark, Olya / Alya:
 * one letter of four) are not the same word, but not unrelated either: they
 * get a little credit, so the right name still ranks first among the
 * candidates, without reaching a threshold on that word alone.
 */
static double near_miss(const cmatch_tok *a, const cmatch_tok *b, const char **method)
{
	size_t longest = a->key_len > b->key_len ? a->key_len : b->key_len;
	if (longest < 4 || longest > CT_KEY_MAX || (a->key_len > b->key_len ? a->key_len - b->key_len : b->key_len - a->key_len) > 1)
		return 0.0;
	if (!masks_within_one_edit(a->key_mask, b->key_mask))
		return 0.0;
	if (!one_edit_apart(a->key, a->key_len, b->key, b->key_len))
		return 0.0;
	*method = methods[7];
	return 0.5;
}

static int consonantal(const cmatch_tok *t)
{
	return t->semitic;
}

/*
 * A word on one side within one edit of a legal-form word on the other is that legal form
 * misspelt or transliterated ("Keencloud Lmited", "Компаны" read as kompany): it counts its own weight
 * as matched (the legal form weighs nothing) instead of standing unmatched. Two legal forms
 * are compared as whole forms, not word by word.
 */
static double misspelt_legal_form(const cmatch_tok *a, const cmatch_tok *b, const char **method)
{
	const cmatch_tok *word = a->kind == CT_TOKEN_LEGAL ? b : a;
	if (word->kind != CT_TOKEN_WORD && word->kind != CT_TOKEN_GENERIC)
		return 0.0;
	if (a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0) {
		*method = methods[2];
		return 0.97;
	}
	/* one slip at most: Limitless (two edits from Limited) is a word of its own */
	if (cmatch_edit_distance(a->key, a->key_len, b->key, b->key_len) > 1)
		return 0.0;
	double s = word_similarity_masked(a->key, a->key_len, a->key_mask, b->key, b->key_len, b->key_mask);
	if (s > 0.0)
		*method = methods[4];
	return s;
}

double cmatch_token_similarity(const cmatch_tok *a, const cmatch_tok *b, const char **method)
{
	*method = methods[0];
	if (a->kind == CT_TOKEN_LEGAL || b->kind == CT_TOKEN_LEGAL)
		return misspelt_legal_form(a, b, method);
	if (cmatch_role_factor(a->kind) == 0.0 || cmatch_role_factor(b->kind) == 0.0)
		return 0.0;
	if (a->kind == CT_TOKEN_NUMBER || b->kind == CT_TOKEN_NUMBER) {
		if (a->kind == b->kind && a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0) {
			*method = methods[6];
			return 1.0;
		}
		return 0.0;
	}
	if (a->kind == CT_TOKEN_INITIAL || b->kind == CT_TOKEN_INITIAL) {
		if (a->text[0] != b->text[0])
			return 0.0;
		*method = a->kind == b->kind ? methods[1] : methods[5];
		return a->kind == b->kind ? 1.0 : 0.9;
	}
	if (a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0) {
		int same = strcmp(a->text, b->text) == 0;
		*method = same ? methods[1] : methods[2];
		return same ? 1.0 : 0.97;
	}
	double s = word_similarity_masked(a->key, a->key_len, a->key_mask, b->key, b->key_len, b->key_mask);
	if (s < 0.95) {
		/* as written too: a typo can move the keys further apart than the words ("Cimex" / "Cmiex");
		 * a typo leaves the length within one letter and the first or last letter in place */
		size_t la = strlen(a->text), lb = strlen(b->text);
		if (la < CT_KEY_MAX && lb < CT_KEY_MAX && (la > lb ? la - lb : lb - la) <= 1 &&
		    (a->text[0] == b->text[0] || a->text[la - 1] == b->text[lb - 1])) {
			double w = cmatch_word_similarity(a->text, la, b->text, lb);
			if (w > s)
				s = w;
		}
	}
	if (a->cons_len >= 2 && a->cons_len == b->cons_len && memcmp(a->cons, b->cons, a->cons_len) == 0) {
		/* same consonants: decisive when one side was written without vowels (two consonants
		 * say less than three), and enough for vowel-only differences (Mohammed / Muhammad)
		 * when the words are already close */
		int semitic = consonantal(a) || consonantal(b);
		double floor = semitic ? (a->cons_len >= 3 ? 0.92 : 0.86)
		             : a->cons_len >= 3 && cmatch_jaro_winkler(a->key, a->key_len, b->key, b->key_len) >= 0.80 ? 0.88
		                                                                                                     : 0.0;
		if (floor > s) {
			*method = methods[3];
			return floor;
		}
	}
	if (s > 0.0) {
		*method = methods[4];
		return s;
	}
	return near_miss(a, b, method);
}

/* ---- per-query memo of token similarities ---- */

typedef struct {
	const cmatch_tok *q;
	const char *text; /* the listed word: texts are interned in the snapshot, so the address names it */
	double sim;
	uint32_t gen;
	uint8_t kind, semitic, method;
} memo_slot;

/* A query fills a few hundred slots: a larger table only spreads them over more cache lines,
 * cold at every query (bench_screen: 4096 slots here, 2048 and 512 below cost 479 misses of a
 * 1 MB cache per query, these sizes 391). */
#define MEMO_SLOTS 1024
static _Thread_local memo_slot memo[MEMO_SLOTS];
static _Thread_local uint32_t memo_gen = 1;

void cmatch_score_begin_query(void)
{
	if (++memo_gen == 0) {
		memset(memo, 0, sizeof(memo));
		memo_gen = 1;
	}
}

static uint8_t method_index(const char *m)
{
	for (uint8_t i = 0; i < sizeof(methods) / sizeof(*methods); i++)
		if (methods[i] == m)
			return i;
	return 0;
}

/*
 * cmatch_token_similarity, remembered per (query token, listed word) within one query. Keyed by
 * everything the similarity reads, so a hit returns exactly what computing it again would: results
 * then cannot depend on which words happened to share a slot.
 */
static double memo_similarity(const cmatch_tok *a, const cmatch_tok *b, const char **method)
{
	if (b->key_id == UINT32_MAX)
		return cmatch_token_similarity(a, b, method);
	size_t h = (((uintptr_t)a >> 4) * 0x9E3779B1u ^ ((uintptr_t)b->text >> 1) * 0x85EBCA77u ^ b->kind) &
	           (MEMO_SLOTS - 1);
	memo_slot *m = &memo[h];
	if (m->gen == memo_gen && m->q == a && m->text == b->text && m->kind == b->kind && m->semitic == b->semitic) {
		*method = methods[m->method];
		return m->sim;
	}
	double s = cmatch_token_similarity(a, b, method);
	*m = (memo_slot){a, b->text, s, memo_gen, b->kind, b->semitic, method_index(*method)};
	return s;
}

/* ---- alignment ---- */

/*
 * A possible pairing. Options are taken best similarity first (ties: the
 * heavier first), so "hua+wei" = "huawei" (exact) is preferred over
 * "hua+wei+ji" = "huawei" (close) even though the latter covers more weight.
 */
typedef struct {
	unsigned char qi, qn, ei, en; /* first token and count on each side */
	double sim, value;
	const char *method;
} option;

static double option_value(double sim, double weight)
{
	return (double)(long)(sim * 100.0 + 0.5) * 1e6 + weight;
}

/* Legal forms too: "Igaltda" is "Iga Ltda" written together. */
static int mergeable(unsigned kind)
{
	return kind == CT_TOKEN_WORD || kind == CT_TOKEN_PARTICLE || kind == CT_TOKEN_PATRONYMIC ||
	       kind == CT_TOKEN_GENERIC || kind == CT_TOKEN_LEGAL || kind == CT_TOKEN_NUMBER;
}

/*
 * Similarity of one token against n adjacent tokens of the other side written
 * as one word: the words are joined as written and keyed again, because keys
 * of parts do not add up to the key of the whole ("has" + "san" / "hassan").
 */
static double joined_similarity(const cmatch_side *one, size_t i, const cmatch_side *many, size_t j, size_t n,
                                int cached);

/* ---- per-query memo of merges: listed words recur across a query's candidates ---- */

typedef struct {
	const char *one, *parts[3];
	uint32_t gen;
	double sim;
	unsigned char n, semitic;
} merge_slot;

#define MERGE_SLOTS 512
static _Thread_local merge_slot merge_memo[MERGE_SLOTS];

/* Texts are interned (snapshot strings, the query's own tokens), so their addresses identify them. */
static merge_slot *merge_lookup(const cmatch_side *one, size_t i, const cmatch_side *many, size_t j, size_t n,
                                int *found)
{
	uintptr_t h = (uintptr_t)one->t[i].text * 0x9E3779B1u;
	for (size_t k = 0; k < n; k++)
		h = (h ^ (uintptr_t)many->t[j + k].text) * 0x85EBCA77u;
	merge_slot *m = &merge_memo[(h >> 7) & (MERGE_SLOTS - 1)];
	*found = m->gen == memo_gen && m->one == one->t[i].text && m->n == n &&
	         m->semitic == (one->t[i].semitic | many->t[j].semitic << 1);
	for (size_t k = 0; *found && k < n; k++)
		*found = m->parts[k] == many->t[j + k].text;
	return m;
}

/* Only for windows may_merge lets through. */
static double merged_similarity(const cmatch_side *one, size_t i, const cmatch_side *many, size_t j, size_t n)
{
	if (one->t[i].key_id == UINT32_MAX && many->t[j].key_id == UINT32_MAX)
		return joined_similarity(one, i, many, j, n, 0); /* no listed side: outside a screened query */
	int found;
	merge_slot *m = merge_lookup(one, i, many, j, n, &found);
	if (found)
		return m->sim;
	double s = joined_similarity(one, i, many, j, n, 1);
	*m = (merge_slot){one->t[i].text, {NULL, NULL, NULL}, memo_gen, s, (unsigned char)n,
	                  (unsigned char)(one->t[i].semitic | many->t[j].semitic << 1)};
	for (size_t k = 0; k < n; k++)
		m->parts[k] = many->t[j + k].text;
	return s;
}

/* ---- per-query cache of joined words' keys: the same listed words are joined for each query word ---- */

typedef struct {
	const char *parts[3];
	uint32_t gen;
	unsigned char n, len; /* len CT_KEY_MAX: the words are too long to join */
	unsigned char cons_len; /* CT_KEY_MAX until the consonants are asked for */
	uint64_t mask;          /* cmatch_letter_mask of key */
	char key[CT_KEY_MAX], cons[CT_KEY_MAX];
} joined_slot;

#define JOINED_SLOTS 128
static _Thread_local joined_slot joined_cache[JOINED_SLOTS];

/* The variant key of many->t[j..j+n) written as one word; CT_KEY_MAX when too long. */
static size_t joined_key(const cmatch_side *many, size_t j, size_t n, char key[CT_KEY_MAX])
{
	char joined[CT_KEY_MAX * 3];
	size_t len = 0;
	for (size_t k = j; k < j + n; k++) {
		size_t tl = strlen(many->t[k].text);
		if (len + tl >= sizeof(joined))
			return CT_KEY_MAX;
		memcpy(joined + len, many->t[k].text, tl);
		len += tl;
	}
	return ct_variant_key(joined, len, key);
}

/* joined_key, remembered within the query (texts are interned: their addresses name them). */
static joined_slot *cached_joined_key(const cmatch_side *many, size_t j, size_t n)
{
	uintptr_t h = 0;
	for (size_t k = 0; k < n; k++)
		h = (h ^ (uintptr_t)many->t[j + k].text) * 0x9E3779B97F4A7C15u;
	joined_slot *slot = &joined_cache[(h >> 40) & (JOINED_SLOTS - 1)];
	int found = slot->gen == memo_gen && slot->n == n;
	for (size_t k = 0; found && k < n; k++)
		found = slot->parts[k] == many->t[j + k].text;
	if (!found) {
		slot->gen = memo_gen;
		slot->n = (unsigned char)n;
		for (size_t k = 0; k < n; k++)
			slot->parts[k] = many->t[j + k].text;
		slot->len = (unsigned char)joined_key(many, j, n, slot->key);
		slot->cons_len = CT_KEY_MAX;
		slot->mask = slot->len < CT_KEY_MAX ? cmatch_letter_mask(slot->key, slot->len) : 0;
	}
	return slot;
}

/* The consonant key of a joined key: from the cache slot when there is one. */
static size_t joined_consonants(joined_slot *slot, const char *key, size_t klen, char own[CT_KEY_MAX],
                                const char **cons)
{
	if (!slot) {
		*cons = own;
		return ct_consonant_key(key, klen, own);
	}
	if (slot->cons_len == CT_KEY_MAX)
		slot->cons_len = (unsigned char)ct_consonant_key(key, klen, slot->cons);
	*cons = slot->cons;
	return slot->cons_len;
}

static double joined_similarity(const cmatch_side *one, size_t i, const cmatch_side *many, size_t j, size_t n,
                                int cached)
{
	char own[CT_KEY_MAX];
	joined_slot *slot = cached ? cached_joined_key(many, j, n) : NULL;
	size_t klen = slot ? slot->len : joined_key(many, j, n, own);
	const char *key = slot ? slot->key : own;
	if (klen >= CT_KEY_MAX)
		return 0.0;
	if (klen == one->t[i].key_len && memcmp(key, one->t[i].key, klen) == 0)
		return 0.98;
	if (one->t[i].semitic || many->t[j].semitic) {
		/* vowels were never written on one side: the consonants of the whole word decide */
		char own_cons[CT_KEY_MAX];
		const char *cons;
		size_t clen = joined_consonants(slot, key, klen, own_cons, &cons);
		if (clen >= 3 && clen == one->t[i].cons_len && memcmp(cons, one->t[i].cons, clen) == 0)
			return 0.90;
	}
	if (klen + 3 < (size_t)one->t[i].key_len || (size_t)one->t[i].key_len + 3 < klen)
		return 0.0;
	double s = word_similarity_masked(one->t[i].key, one->t[i].key_len, one->t[i].key_mask, key, klen,
	                                  slot ? slot->mask : cmatch_letter_mask(key, klen)) *
	           0.97;
	return s >= 0.86 ? s : 0.0;
}

#define STRONG 0.97

/* Whether a token may stand for several of the other side's words written together (before may_merge). */
static int can_absorb(const cmatch_tok *t)
{
	return mergeable(t->kind) && t->key_len >= 4;
}

/* Per side, sums from the first token: a window's key length and mergeable words are two subtractions. */
typedef struct {
	unsigned short key_len[CT_MAX_TOKENS + 1];
	unsigned char mergeable[CT_MAX_TOKENS + 1];
} side_sums;

static void sum_side(const cmatch_side *s, side_sums *out)
{
	out->key_len[0] = 0;
	out->mergeable[0] = 0;
	for (size_t k = 0; k < s->n; k++) {
		out->key_len[k + 1] = (unsigned short)(out->key_len[k] + s->t[k].key_len);
		out->mergeable[k + 1] = (unsigned char)(out->mergeable[k] + (mergeable(s->t[k].kind) != 0));
	}
}

/*
 * Whether one (a word that can_absorb) may be many->t[j..j+n) written together, by what needs
 * no text compared: every word of the window can be part of one; the keys' lengths add up to
 * within 4 of its key's (keys are never longer than the text and rarely much shorter); and
 * outside Arabic and Hebrew script, it starts with the first two letters of the window.
 */
static int may_merge(const cmatch_tok *one, const cmatch_side *many, const side_sums *sums, size_t j, size_t n)
{
	if ((size_t)(sums->mergeable[j + n] - sums->mergeable[j]) != n)
		return 0;
	size_t keys_len = (size_t)(sums->key_len[j + n] - sums->key_len[j]);
	if (keys_len + 4 < (size_t)one->key_len || (size_t)one->key_len + 4 < keys_len)
		return 0;
	const cmatch_tok *first = &many->t[j];
	if (one->semitic || first->semitic)
		return 1;
	return one->text[0] == first->text[0] && (!first->text[1] || one->text[1] == first->text[1]);
}

static void add_merges(const cmatch_side *q, const cmatch_side *e, const double *qbest, const double *ebest,
                       option *opts, size_t *n, size_t max)
{
	side_sums qs, es;
	sum_side(q, &qs);
	sum_side(e, &es);
	for (size_t width = 2; width <= 3; width++) {
		for (size_t i = 0; i < q->n; i++) {
			if (qbest[i] >= STRONG || !can_absorb(&q->t[i]))
				continue; /* already has its partner, or cannot be several words written together */
			for (size_t j = 0; j + width <= e->n && *n < max; j++) {
				if (!may_merge(&q->t[i], e, &es, j, width))
					continue;
				int all_strong = 1;
				double w = q->t[i].weight;
				for (size_t k = j; k < j + width; k++) {
					all_strong &= ebest[k] >= STRONG;
					w += e->t[k].weight;
				}
				double s = all_strong ? 0.0 : merged_similarity(q, i, e, j, width);
				if (s > 0.0)
					opts[(*n)++] = (option){(unsigned char)i, 1, (unsigned char)j, (unsigned char)width, s,
					                        option_value(s, w), "merged"};
			}
		}
		for (size_t j = 0; j < e->n; j++) {
			if (ebest[j] >= STRONG || !can_absorb(&e->t[j]))
				continue;
			for (size_t i = 0; i + width <= q->n && *n < max; i++) {
				if (!may_merge(&e->t[j], q, &qs, i, width))
					continue;
				int all_strong = 1;
				double w = e->t[j].weight;
				for (size_t k = i; k < i + width; k++) {
					all_strong &= qbest[k] >= STRONG;
					w += q->t[k].weight;
				}
				double s = all_strong ? 0.0 : merged_similarity(e, j, q, i, width);
				if (s > 0.0)
					opts[(*n)++] = (option){(unsigned char)i, (unsigned char)width, (unsigned char)j, 1, s,
					                        option_value(s, w), "merged"};
			}
		}
	}
}

static size_t collect_options(const cmatch_side *q, const cmatch_side *e, option *opts, size_t max)
{
	size_t n = 0;
	double qbest[CT_MAX_TOKENS] = {0}, ebest[CT_MAX_TOKENS] = {0};
	for (size_t i = 0; i < q->n; i++)
		for (size_t j = 0; j < e->n && n < max; j++) {
			const char *method;
			double s = memo_similarity(&q->t[i], &e->t[j], &method);
			if (s <= 0.0)
				continue;
			opts[n++] = (option){(unsigned char)i, 1, (unsigned char)j, 1, s,
			                     option_value(s, q->t[i].weight + e->t[j].weight), method};
			if (s > qbest[i])
				qbest[i] = s;
			if (s > ebest[j])
				ebest[j] = s;
		}
	add_merges(q, e, qbest, ebest, opts, &n, max);
	return n;
}

static int is_initial_pair(const cmatch_side *q, const cmatch_side *e, const option *o)
{
	return o->qn == 1 && o->en == 1 && (q->t[o->qi].kind == CT_TOKEN_INITIAL || e->t[o->ei].kind == CT_TOKEN_INITIAL);
}

static void record(cmatch_alignment *align, int q0, int q1, int e0, int e1, double sim, double weight,
                   const char *method)
{
	if (!align || align->pair_count >= CMATCH_MAX_PAIRS)
		return;
	align->pairs[align->pair_count++] =
		(cmatch_pair){{(signed char)q0, (signed char)q1}, {(signed char)e0, (signed char)e1}, sim, weight, method};
}

double cmatch_score_sides(const cmatch_side *q, const cmatch_side *e, cmatch_alignment *align)
{
	/* not on the stack: 115 KB there costs a page probe every 4 KB on each call */
	static _Thread_local option opts[CT_MAX_TOKENS * CT_MAX_TOKENS + 4 * CT_MAX_TOKENS * CT_MAX_TOKENS];
	size_t n = collect_options(q, e, opts, sizeof(opts) / sizeof(*opts));
	unsigned char qused[CT_MAX_TOKENS] = {0}, eused[CT_MAX_TOKENS] = {0};
	double matched = 0.0, total = 0.0;
	int core = 0;
	if (align)
		align->pair_count = 0;
	for (;;) { /* greedy: the most valuable option whose tokens are all free */
		size_t best = n;
		for (size_t k = 0; k < n; k++) {
			const option *o = &opts[k];
			int free_ = 1;
			for (size_t t = o->qi; t < (size_t)o->qi + o->qn; t++)
				free_ &= !qused[t];
			for (size_t t = o->ei; t < (size_t)o->ei + o->en; t++)
				free_ &= !eused[t];
			if (free_ && (best == n || o->value > opts[best].value))
				best = k;
		}
		if (best == n)
			break;
		const option *o = &opts[best];
		double wq = 0.0, we = 0.0;
		for (size_t t = o->qi; t < (size_t)o->qi + o->qn; t++) {
			qused[t] = 1;
			wq += q->t[t].weight;
		}
		for (size_t t = o->ei; t < (size_t)o->ei + o->en; t++) {
			eused[t] = 1;
			we += e->t[t].weight;
		}
		if (is_initial_pair(q, e, o)) {
			/* the initial matched one letter: the rest of the word is left unmatched */
			int q_initial = q->t[o->qi].kind == CT_TOKEN_INITIAL;
			double word = q_initial ? we : wq, letter = q_initial ? wq : we;
			double w = letter + INITIAL_SHARE * word;
			matched += o->sim * w;
			total += w + (q_initial ? UNMATCHED_ENTRY : UNMATCHED_QUERY) * (1.0 - INITIAL_SHARE) * word;
			record(align, o->qi, -1, o->ei, -1, o->sim, w, o->method);
			continue;
		}
		matched += o->sim * (wq + we);
		total += wq + we;
		unsigned qk = q->t[o->qi].kind, ek = e->t[o->ei].kind;
		if ((qk == CT_TOKEN_WORD || qk == CT_TOKEN_NUMBER || qk == CT_TOKEN_GENERIC) &&
		    (ek == CT_TOKEN_WORD || ek == CT_TOKEN_NUMBER || ek == CT_TOKEN_GENERIC))
			core = 1; /* a word or a number, not only particles, initials or patronymics */
		record(align, o->qi, o->qn > 1 ? o->qi + o->qn - 1 : -1, o->ei, o->en > 1 ? o->ei + o->en - 1 : -1,
		       o->sim, wq + we, o->method);
	}
	size_t q_numbers_matched = 0;
	for (size_t i = 0; i < q->n; i++) {
		if (!qused[i]) {
			total += UNMATCHED_QUERY * q->t[i].weight;
			if (q->t[i].weight > 0.0)
				record(align, (int)i, -1, -1, -1, 0.0, UNMATCHED_QUERY * q->t[i].weight, "unmatched");
		} else if (q->t[i].kind == CT_TOKEN_NUMBER) {
			q_numbers_matched++;
		}
	}
	for (size_t j = 0; j < e->n; j++)
		if (!eused[j]) {
			total += UNMATCHED_ENTRY * e->t[j].weight;
			if (e->t[j].weight > 0.0)
				record(align, -1, -1, (int)j, -1, 0.0, UNMATCHED_ENTRY * e->t[j].weight, "unmatched");
		}
	double score = total > 0.0 ? matched / total : 0.0;
	if (!core && score > 0.5)
		score = 0.5; /* particles and initials alone do not make a match */
	double number_factor = 1.0;
	if (q->numbers && e->numbers)
		number_factor = q_numbers_matched == q->numbers ? 1.0 : NUMBER_CONFLICT;
	else if (q->numbers || e->numbers)
		number_factor = NUMBER_ONE_SIDED;
	score *= number_factor;
	/* "Orama Ltd" is a little closer to "Orama Limited" than to "Orama JSC" */
	if (q->legal != e->legal)
		score *= (q->legal && e->legal) ? 0.98 : 0.99;
	if (align) {
		align->score = score;
		align->number_factor = number_factor;
	}
	return score;
}
