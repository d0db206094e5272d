/* Evaluation harness: PRNG, query list and string helpers. */
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "util/strutil.h"

static const char *const kind_names[EK_COUNT] = {
	"exact",     "alias",    "typo",   "transposition", "reorder",        "drop_middle",
	"legal_form_swap", "diacritics", "spacing", "case_punct", "cyrillic", "greek",
	"arabic",    "han",      "neg_people", "neg_companies",
};

const char *eval_kind_name(int kind)
{
	return kind >= 0 && kind < EK_COUNT ? kind_names[kind] : "?";
}

int eval_queries_add(eval_queries *q, char *text, size_t target, int kind, int origin)
{
	if (!text)
		return CORDON_ENOMEM;
	if (q->count == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 1024;
		eval_query *p = realloc(q->items, cap * sizeof(*p));
		if (!p) {
			free(text);
			return CORDON_ENOMEM;
		}
		q->items = p;
		q->cap = cap;
	}
	eval_query *x = &q->items[q->count++];
	memset(x, 0, sizeof(*x));
	x->text = text;
	x->target = target;
	x->kind = (uint8_t)kind;
	x->origin = (uint8_t)origin;
	return 0;
}

void eval_queries_dispose(eval_queries *q)
{
	for (size_t i = 0; i < q->count; i++)
		free(q->items[i].text);
	free(q->items);
	memset(q, 0, sizeof(*q));
}

/* ---- PRNG: splitmix64, whose whole state is one word, so every generator is cheap to make ---- */

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void eval_rng_seed(eval_rng *r, uint64_t seed, const char *a, const char *b, uint64_t c)
{
	uint64_t h = mix64(seed + 0x9e3779b97f4a7c15ULL);
	if (a)
		h = mix64(h ^ cu_hash64(a, strlen(a)));
	if (b)
		h = mix64(h ^ cu_hash64(b, strlen(b)));
	r->s = mix64(h ^ c);
}

uint64_t eval_rng_next(eval_rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return mix64(r->s);
}

size_t eval_rng_below(eval_rng *r, size_t n)
{
	if (n == 0)
		return 0;
	/* the bias of a plain modulo is below 2^-40 for the sizes used here */
	return (size_t)(eval_rng_next(r) % (uint64_t)n);
}

int eval_rng_chance(eval_rng *r, unsigned percent)
{
	return eval_rng_below(r, 100) < percent;
}

void eval_shuffle(eval_rng *r, void *items, size_t count, size_t size)
{
	unsigned char *p = items, tmp[256];
	if (size > sizeof(tmp))
		return;
	for (size_t i = count; i > 1; i--) {
		size_t j = eval_rng_below(r, i);
		if (j == i - 1)
			continue;
		memcpy(tmp, p + (i - 1) * size, size);
		memcpy(p + (i - 1) * size, p + j * size, size);
		memcpy(p + j * size, tmp, size);
	}
}

/* ---- strings ---- */

char *eval_strdup(const char *s)
{
	return cu_strdup(s ? s : "");
}

/* Decodes one UTF-8 sequence at p (lenient: a stray byte counts as itself); returns its length. */
static size_t utf8_next(const unsigned char *p, unsigned *cp)
{
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
		*cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
		return 2;
	}
	if ((p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		*cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
		return 3;
	}
	*cp = p[0];
	return 1;
}

/* Apostrophes and the letters ʿ ʾ written for ayn and hamza: AL-TA'I is AL-TAI, not AL TA I. */
static int apostrophe(unsigned cp)
{
	return cp == '\'' || cp == '`' || cp == 0xB4 || cp == 0x2018 || cp == 0x2019 || (cp >= 0x2B9 && cp <= 0x2BF);
}

/* Punctuation and spaces, ASCII or not: hyphens, quotes « » “ ”, dashes, ideographic commas ... */
static int separator(unsigned cp)
{
	if (cp < 0x80)
		return !((cp >= '0' && cp <= '9') || eval_is_alpha((int)cp));
	return cp == 0xA0 || cp == 0xAB || cp == 0xBB || cp == 0xB7 || (cp >= 0x2000 && cp <= 0x206F) ||
	       (cp >= 0x3000 && cp <= 0x3003) || cp == 0x30FB || cp == 0xFF0C;
}

static int cmp_token(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *eval_name_key(const char *s)
{
	size_t n = strlen(s);
	char *words = malloc(n + 1), *out = malloc(n + 1), *tok[256];
	size_t nt = 0, w = 0;
	if (!words || !out) {
		free(words);
		free(out);
		return NULL;
	}
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned cp;
		size_t len = utf8_next(p, &cp);
		if (apostrophe(cp)) {
			p += len;
			continue;
		}
		if (separator(cp)) {
			if (w && words[w - 1] != '\0')
				words[w++] = '\0';
		} else {
			if ((w == 0 || words[w - 1] == '\0') && nt < 256)
				tok[nt++] = words + w;
			for (size_t i = 0; i < len; i++)
				words[w++] = (char)(eval_is_upper(p[i]) ? p[i] + 32 : p[i]);
		}
		p += len;
	}
	if (!w || words[w - 1] != '\0')
		words[w++] = '\0';
	/* word order aside: the UN writes "YUSUF AL-MADANI" where OFAC writes "AL-MADANI, Yusuf" */
	qsort(tok, nt, sizeof(*tok), cmp_token);
	size_t o = 0;
	for (size_t i = 0; i < nt; i++) {
		size_t len = strlen(tok[i]);
		if (o)
			out[o++] = ' ';
		memcpy(out + o, tok[i], len);
		o += len;
	}
	out[o] = '\0';
	free(words);
	return out;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int eval_key_in(char *const *keys, size_t n, const char *key)
{
	return n && bsearch(&key, keys, n, sizeof(char *), cmp_str) != NULL;
}

int eval_key_listed(const eval_corpus *c, const char *key)
{
	return eval_key_in(c->listed_keys, c->listed_key_count, key);
}

/* Birth years of two entities agree (within a year), or one of them gives none. */
static int birth_years_agree(const cordon_entity *a, const cordon_entity *b)
{
	if (!a->birth_date_count || !b->birth_date_count)
		return 1;
	for (size_t i = 0; i < a->birth_date_count; i++)
		for (size_t j = 0; j < b->birth_date_count; j++) {
			const cordon_date *x = &a->birth_dates[i], *y = &b->birth_dates[j];
			if (x->precision == CORDON_DATE_TEXT || y->precision == CORDON_DATE_TEXT)
				return 1;
			if (x->year <= y->end_year + 1 && y->year <= x->end_year + 1)
				return 1;
		}
	return 0;
}

/*
 * The same party spelled differently by two lists ("AL-TIKRITI, Barzan
 * Ibrahim Hassan" / "BARZAN IBRAHIM HASAN AL-TIKRITI"): same schema, primary
 * names that cordon_compare scores 0.93 or more, birth years that agree.
 * Namesakes with other birth years, and relatives whose names share most
 * words ("Uday Saddam Hussein" / "Saddam Hussein", 0.85), stay apart.
 */
static int same_party_spelled_differently(const eval_entity *t, const eval_entity *o)
{
	double s;
	if (t->e->schema != o->e->schema || !t->e->name_count || !o->e->name_count)
		return 0;
	if (cordon_compare(t->e->names[0].full, o->e->names[0].full, &s) != 0 || s < 0.93)
		return 0;
	return birth_years_agree(t->e, o->e);
}

int eval_equivalent(const eval_corpus *c, size_t target, size_t other)
{
	if (target == other)
		return 1;
	if (target >= c->entity_count || other >= c->entity_count)
		return 0;
	const eval_entity *t = &c->entities[target], *o = &c->entities[other];
	if (!t->key[0] || !o->key[0]) /* a name of punctuation alone says nothing */
		return 0;
	if (strcmp(t->key, o->key) == 0)
		return 1;
	if (c->strict_equivalence)
		return 0;
	return eval_key_in(o->name_keys, o->name_key_count, t->key) ||
	       eval_key_in(t->name_keys, t->name_key_count, o->key) || same_party_spelled_differently(t, o);
}

size_t eval_split(const char *s, char **tokens, size_t max)
{
	size_t n = 0;
	while (*s && n < max) {
		while (*s == ' ')
			s++;
		const char *start = s;
		while (*s && *s != ' ')
			s++;
		if (s > start) {
			tokens[n] = cu_strndup(start, (size_t)(s - start));
			if (!tokens[n])
				break;
			n++;
		}
	}
	return n;
}

void eval_free_tokens(char **tokens, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(tokens[i]);
}

char *eval_join(char *const *tokens, size_t n)
{
	cu_buf b;
	cu_buf_init(&b, CU_BUF_DEFAULT_MAX);
	for (size_t i = 0; i < n; i++) {
		if (!tokens[i] || !tokens[i][0])
			continue;
		if (b.len)
			cu_buf_putc(&b, ' ');
		cu_buf_puts(&b, tokens[i]);
	}
	char *s = b.len ? cu_buf_take(&b) : eval_strdup("");
	cu_buf_dispose(&b);
	return s;
}

int eval_all_upper(const char *s)
{
	int letters = 0;
	for (; *s; s++) {
		if (*s >= 'a' && *s <= 'z')
			return 0;
		letters |= eval_is_upper(*s);
	}
	return letters;
}
