/*
 * Evaluation harness: the Latin variant kinds. Each generator takes an
 * entity's primary name (or an alias) and makes the kind of change a real
 * query shows: one typing mistake, names in another order, a legal form
 * written differently, accents, spacing, case and punctuation.
 */
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "util/strutil.h"

#define MAX_TOKENS 48

static int ascii_lower(int c)
{
	return eval_is_upper(c) ? c + 32 : c;
}

static int ascii_upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 32 : c;
}

/* ---- runs of ASCII letters ---- */

typedef struct {
	size_t start, len;
} run;

/* Runs of at least min ASCII letters in s; returns the count (at most max). */
static size_t letter_runs(const char *s, size_t min, run *runs, size_t max)
{
	size_t n = 0, i = 0, len = strlen(s);
	while (i < len && n < max) {
		while (i < len && !eval_is_alpha(s[i]))
			i++;
		size_t start = i;
		while (i < len && eval_is_alpha(s[i]))
			i++;
		if (i - start >= min)
			runs[n++] = (run){start, i - start};
	}
	return n;
}

static char random_letter(eval_rng *rng, int upper)
{
	char c = (char)('a' + eval_rng_below(rng, 26));
	return upper ? (char)ascii_upper(c) : c;
}

/* One substitution, insertion or deletion inside a word of at least four letters. */
static int make_typo(const char *s, eval_rng *rng, char **out)
{
	run runs[MAX_TOKENS];
	size_t n = letter_runs(s, 4, runs, MAX_TOKENS);
	if (!n)
		return 0;
	run r = runs[eval_rng_below(rng, n)];
	size_t len = strlen(s), op = eval_rng_below(rng, 3);
	char *o = malloc(len + 2);
	if (!o)
		return 0;
	size_t pos = r.start + eval_rng_below(rng, op == 1 ? r.len + 1 : r.len);
	/* the case of the word's letters decides the case of an inserted one */
	int upper = eval_is_upper(s[pos < r.start + r.len ? pos : pos - 1]);
	memcpy(o, s, pos);
	if (op == 0) { /* substitution */
		char c;
		do
			c = random_letter(rng, upper);
		while (ascii_lower(c) == ascii_lower(s[pos]));
		o[pos] = c;
		memcpy(o + pos + 1, s + pos + 1, len - pos);
	} else if (op == 1) { /* insertion */
		o[pos] = random_letter(rng, upper);
		memcpy(o + pos + 1, s + pos, len - pos + 1);
	} else { /* deletion */
		memcpy(o + pos, s + pos + 1, len - pos);
	}
	*out = o;
	return 1;
}

/* Two adjacent, different letters of a word of at least four letters swapped; the case pattern stays. */
static int make_transposition(const char *s, eval_rng *rng, char **out)
{
	run runs[MAX_TOKENS];
	size_t n = letter_runs(s, 4, runs, MAX_TOKENS);
	size_t pairs[256], np = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t p = runs[i].start; p + 1 < runs[i].start + runs[i].len && np < 256; p++)
			if (ascii_lower(s[p]) != ascii_lower(s[p + 1]))
				pairs[np++] = p;
	if (!np)
		return 0;
	size_t p = pairs[eval_rng_below(rng, np)];
	char *o = eval_strdup(s);
	if (!o)
		return 0;
	char a = (char)ascii_lower(s[p]), b = (char)ascii_lower(s[p + 1]);
	o[p] = eval_is_upper(s[p]) ? (char)ascii_upper(b) : b;
	o[p + 1] = eval_is_upper(s[p + 1]) ? (char)ascii_upper(a) : a;
	*out = o;
	return 1;
}

/* ---- token-level changes ---- */

/* Drops a trailing comma from a token in place. */
static void strip_trailing_comma(char *t)
{
	size_t n = strlen(t);
	if (n && t[n - 1] == ',')
		t[n - 1] = '\0';
}

/* Index of the token ending with the name's only comma, or -1. */
static int comma_token(char *const *t, size_t n)
{
	int found = -1;
	for (size_t i = 0; i < n; i++) {
		const char *c = strchr(t[i], ',');
		if (!c)
			continue;
		if (found >= 0 || c[1])
			return -1; /* several commas, or one inside a token */
		found = (int)i;
	}
	return found + 1 < (int)n ? found : -1;
}

/* Shuffles tokens into an order other than the original; 0 if they all read the same. */
static int shuffle_tokens(char **t, size_t n, eval_rng *rng)
{
	char *orig[MAX_TOKENS];
	memcpy(orig, t, n * sizeof(*t));
	for (int attempt = 0; attempt < 8; attempt++) {
		eval_shuffle(rng, t, n, sizeof(*t));
		for (size_t i = 0; i < n; i++)
			if (strcmp(t[i], orig[i]) != 0)
				return 1;
	}
	return 0;
}

/*
 * "LAST, First Middle" becomes "First Middle LAST" and a person's
 * "First Middle Last" becomes "Last, First Middle"; otherwise (and now and
 * then anyway) the tokens are shuffled.
 */
static int make_reorder(const eval_entity *ent, const char *s, eval_rng *rng, char **out)
{
	char *t[MAX_TOKENS + 1];
	size_t n = eval_split(s, t, MAX_TOKENS);
	if (n < 2) {
		eval_free_tokens(t, n);
		return 0;
	}
	int person = ent->e->schema == CORDON_SCHEMA_PERSON;
	int comma = comma_token(t, n);
	int ok = 0;
	if (person && comma >= 0 && eval_rng_chance(rng, 70)) {
		char *r[MAX_TOKENS + 1];
		size_t k = 0;
		strip_trailing_comma(t[comma]);
		for (size_t i = (size_t)comma + 1; i < n; i++)
			r[k++] = t[i];
		for (size_t i = 0; i <= (size_t)comma; i++)
			r[k++] = t[i];
		memcpy(t, r, n * sizeof(*t));
		ok = 1;
	} else if (person && comma < 0 && !strchr(s, ',') && eval_rng_chance(rng, 70)) {
		char *last = t[n - 1];
		size_t len = strlen(last);
		char *with_comma = malloc(len + 2);
		if (with_comma) {
			memcpy(with_comma, last, len);
			memcpy(with_comma + len, ",", 2);
			memmove(t + 1, t, (n - 1) * sizeof(*t));
			t[0] = with_comma;
			free(last);
			ok = 1;
		}
	} else {
		for (size_t i = 0; i < n; i++)
			strip_trailing_comma(t[i]);
		ok = shuffle_tokens(t, n, rng);
	}
	*out = ok ? eval_join(t, n) : NULL;
	eval_free_tokens(t, n);
	return ok && *out;
}

static int is_particle(const char *t)
{
	static const char *const particles[] = {"al",  "el",  "bin", "ibn", "bint", "abu", "abd", "ould", "de",
	                                        "da",  "di",  "del", "la",  "van", "von", "der", "den", "du",
	                                        "dos", "das", "y",   "e",   "ben", "ul",  "ad",  "as",  "ag"};
	char buf[16];
	size_t n = 0;
	for (; *t && n + 1 < sizeof(buf); t++)
		if (eval_is_alpha(*t))
			buf[n++] = (char)ascii_lower(*t);
	buf[n] = '\0';
	if (n <= 2)
		return 1;
	for (size_t i = 0; i < sizeof(particles) / sizeof(*particles); i++)
		if (strcmp(buf, particles[i]) == 0)
			return 1;
	return 0;
}

static int is_patronymic(const char *t)
{
	static const char *const endings[] = {"ovich", "evich", "ovna", "evna", "ichna", "ogly", "oglu", "kyzy", "uly"};
	size_t n = strlen(t);
	while (n && !eval_is_alpha(t[n - 1]))
		n--;
	for (size_t i = 0; i < sizeof(endings) / sizeof(*endings); i++) {
		size_t e = strlen(endings[i]);
		if (n > e + 2 && cu_ascii_ncasecmp(t + n - e, endings[i], e) == 0)
			return 1;
	}
	return 0;
}

/* A person with at least three name tokens loses a middle name or the patronymic. */
static int make_drop_middle(const eval_entity *ent, const char *s, eval_rng *rng, char **out)
{
	if (ent->e->schema != CORDON_SCHEMA_PERSON)
		return 0;
	char *t[MAX_TOKENS + 1];
	size_t n = eval_split(s, t, MAX_TOKENS);
	int comma = comma_token(t, n);
	/* given names: after the comma ("LAST, First Middle"), else all but the last token */
	size_t first = comma >= 0 ? (size_t)comma + 2 : 1;
	size_t end = comma >= 0 ? n : (n ? n - 1 : 0);
	size_t cand[MAX_TOKENS], nc = 0, patronymic = SIZE_MAX;
	for (size_t i = first; n >= 3 && i < end; i++) {
		if (is_particle(t[i]) || strchr(t[i], ','))
			continue;
		cand[nc++] = i;
		if (is_patronymic(t[i]))
			patronymic = i;
	}
	int ok = nc > 0;
	if (ok) {
		size_t drop = patronymic != SIZE_MAX && eval_rng_chance(rng, 50) ? patronymic : cand[eval_rng_below(rng, nc)];
		free(t[drop]);
		t[drop] = NULL;
		*out = eval_join(t, n);
		ok = *out != NULL;
	}
	eval_free_tokens(t, n);
	return ok;
}

/* ---- legal forms ---- */

#define GROUP_MAX 7

/* Equivalent spellings of one legal form; a swap replaces one with another of its group. */
static const char *const legal_groups[][GROUP_MAX + 1] = {
	{"LLC", "L.L.C.", "Limited Liability Company", "OOO", NULL},
	{"Co., Ltd.", "Ltd", "Ltd.", "Limited", "Company Limited", "Co. Ltd", NULL},
	{"JSC", "Joint Stock Company", "AO", "Joint-Stock Company", "J.S.C.", NULL},
	{"PJSC", "Public Joint Stock Company", "PAO", NULL},
	{"OJSC", "Open Joint Stock Company", "OAO", NULL},
	{"CJSC", "Closed Joint Stock Company", "ZAO", NULL},
	{"Inc", "Inc.", "Incorporated", "Corp", "Corp.", "Corporation", NULL},
	{"S.A.", "SA", "S.A", NULL},
	{"GmbH", "Gesellschaft mit beschränkter Haftung", "G.m.b.H.", NULL},
	{"AG", "Aktiengesellschaft", NULL},
	{"PLC", "Public Limited Company", "P.L.C.", NULL},
	{"LLP", "Limited Liability Partnership", "L.L.P.", NULL},
	{"S.R.L.", "SRL", NULL},
	{"S.A. de C.V.", "SA de CV", NULL},
	{"Sdn Bhd", "Sdn. Bhd.", NULL},
	{"Pvt Ltd", "Pvt. Ltd.", "Private Limited", NULL},
	{"FZE", "Free Zone Establishment", NULL},
	{"FZCO", "Free Zone Company", NULL},
	{"Co.", "Company", "Co", NULL},
};
#define LEGAL_GROUPS (sizeof(legal_groups) / sizeof(*legal_groups))

/* Lower-case letters and digits of a token, for comparing "Ltd." with "LTD". */
static void loose(const char *t, char *out, size_t cap)
{
	size_t n = 0;
	for (; *t && n + 1 < cap; t++) {
		unsigned char c = (unsigned char)*t;
		if (c >= 0x80 || eval_is_alpha(c) || (c >= '0' && c <= '9'))
			out[n++] = (char)ascii_lower(c);
	}
	out[n] = '\0';
}

/* Number of tokens of form that match t[at..] loosely, or 0. */
static size_t form_matches(const char *form, char *const *t, size_t n, size_t at)
{
	char *f[8];
	size_t nf = eval_split(form, f, 8), ok = nf > 0 && at + nf <= n;
	for (size_t i = 0; ok && i < nf; i++) {
		char a[64], b[64];
		loose(f[i], a, sizeof(a));
		loose(t[at + i], b, sizeof(b));
		ok = a[0] && strcmp(a, b) == 0;
	}
	eval_free_tokens(f, nf);
	return ok ? nf : 0;
}

typedef struct {
	size_t group, member, at, len;
} legal_hit;

/* The longest known legal form ending the name, else starting it. */
static int find_legal_form(char *const *t, size_t n, legal_hit *hit)
{
	memset(hit, 0, sizeof(*hit));
	for (int pass = 0; pass < 2 && !hit->len; pass++)
		for (size_t g = 0; g < LEGAL_GROUPS; g++)
			for (size_t m = 0; legal_groups[g][m]; m++) {
				char *f[8];
				size_t nf = eval_split(legal_groups[g][m], f, 8);
				eval_free_tokens(f, nf);
				if (nf >= n || nf <= hit->len)
					continue;
				size_t at = pass == 0 ? n - nf : 0;
				if (form_matches(legal_groups[g][m], t, n, at) == nf)
					*hit = (legal_hit){g, m, at, nf};
			}
	return hit->len > 0;
}

/* Upper-cases ASCII and the Latin-1 letters written as C3 A0..BE (ä -> Ä). */
static void upper_utf8(char *s)
{
	for (unsigned char *p = (unsigned char *)s; *p; p++) {
		if (*p == 0xC3 && p[1] >= 0xA0 && p[1] <= 0xBE && p[1] != 0xB7) {
			p[1] = (unsigned char)(p[1] - 0x20);
			p++;
		} else {
			*p = (unsigned char)ascii_upper(*p);
		}
	}
}

/* An organisation's legal form swapped for an equivalent spelling, or dropped. */
static int make_legal_swap(const eval_entity *ent, const char *s, eval_rng *rng, char **out)
{
	if (ent->e->schema != CORDON_SCHEMA_ORGANIZATION && ent->e->schema != CORDON_SCHEMA_UNKNOWN)
		return 0;
	char *t[MAX_TOKENS + 1];
	size_t n = eval_split(s, t, MAX_TOKENS);
	legal_hit h;
	if (!find_legal_form(t, n, &h)) {
		eval_free_tokens(t, n);
		return 0;
	}
	size_t members = 0;
	while (legal_groups[h.group][members])
		members++;
	char *repl = NULL;
	if (!eval_rng_chance(rng, 20)) {
		/* another member that reads differently once punctuation is ignored; S.A. <-> SA has none */
		const char *matched = legal_groups[h.group][h.member], *pick[GROUP_MAX];
		size_t np = 0;
		char cur[64], cand[64];
		loose(matched, cur, sizeof(cur));
		for (size_t m = 0; m < members; m++) {
			loose(legal_groups[h.group][m], cand, sizeof(cand));
			if (strcmp(cand, cur) != 0)
				pick[np++] = legal_groups[h.group][m];
		}
		for (size_t m = 0; m < members && !np; m++)
			if (m != h.member)
				pick[np++] = legal_groups[h.group][m];
		repl = np ? eval_strdup(pick[eval_rng_below(rng, np)]) : NULL;
		if (repl && eval_all_upper(s))
			upper_utf8(repl);
	}
	char *parts[MAX_TOKENS + 2];
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i == h.at && repl)
			parts[k++] = repl;
		if (i < h.at || i >= h.at + h.len)
			parts[k++] = t[i];
	}
	/* "BANK, LTD." without its form must not end on a comma */
	if (!repl && h.at > 0)
		strip_trailing_comma(t[h.at - 1]);
	char *o = eval_join(parts, k);
	free(repl);
	eval_free_tokens(t, n);
	if (!o || !o[0] || strcmp(o, s) == 0) {
		free(o);
		return 0;
	}
	*out = o;
	return 1;
}

/* ---- accents ---- */

/* Accented forms of a letter, each two bytes of UTF-8, lower and upper case at the same positions. */
static const struct {
	char base;
	const char *lower, *upper;
} accents[] = {
	{'a', "áàâäãå", "ÁÀÂÄÃÅ"}, {'c', "çčć", "ÇČĆ"}, {'e', "éèêëě", "ÉÈÊËĚ"}, {'g', "ğ", "Ğ"},
	{'i', "íìîï", "ÍÌÎÏ"},     {'l', "ł", "Ł"},     {'n', "ñń", "ÑŃ"},     {'o', "óòôöõø", "ÓÒÔÖÕØ"},
	{'r', "ř", "Ř"},           {'s', "šśş", "ŠŚŞ"}, {'u', "úùûü", "ÚÙÛÜ"}, {'y', "ýÿ", "ÝŸ"},
	{'z', "žźż", "ŽŹŻ"},
};
#define ACCENTS (sizeof(accents) / sizeof(*accents))

static int accent_of(char c)
{
	for (size_t i = 0; i < ACCENTS; i++)
		if (accents[i].base == ascii_lower(c))
			return (int)i;
	return -1;
}

/* One to three letters given accents (é, ñ, ç, š, ö ...). */
static int make_diacritics(const char *s, eval_rng *rng, char **out)
{
	size_t len = strlen(s), pos[512], np = 0;
	for (size_t i = 0; i < len && np < 512; i++)
		if (accent_of(s[i]) >= 0)
			pos[np++] = i;
	if (!np)
		return 0;
	eval_shuffle(rng, pos, np, sizeof(*pos));
	size_t want = 1 + eval_rng_below(rng, 3);
	if (want > np)
		want = np;
	char *o = malloc(len * 2 + 1), *w = o;
	if (!o)
		return 0;
	for (size_t i = 0; i < len; i++) {
		int chosen = 0;
		for (size_t k = 0; k < want; k++)
			chosen |= pos[k] == i;
		if (!chosen) {
			*w++ = s[i];
			continue;
		}
		int a = accent_of(s[i]);
		const char *set = eval_is_upper(s[i]) ? accents[a].upper : accents[a].lower;
		size_t pick = eval_rng_below(rng, strlen(set) / 2);
		memcpy(w, set + 2 * pick, 2);
		w += 2;
	}
	*w = '\0';
	*out = o;
	return 1;
}

/* ---- spacing ---- */

/* Two tokens joined, or a long word split in two. */
static int make_spacing(const char *s, eval_rng *rng, char **out)
{
	size_t len = strlen(s), spaces[256], ns = 0;
	for (size_t i = 1; i + 1 < len && ns < 256; i++)
		if (s[i] == ' ' && eval_is_alpha(s[i - 1]) && eval_is_alpha(s[i + 1]))
			spaces[ns++] = i;
	run runs[MAX_TOKENS];
	size_t nr = letter_runs(s, 6, runs, MAX_TOKENS);
	if (!ns && !nr)
		return 0;
	char *o = malloc(len + 2);
	if (!o)
		return 0;
	if (ns && (!nr || eval_rng_chance(rng, 50))) {
		size_t at = spaces[eval_rng_below(rng, ns)];
		memcpy(o, s, at);
		memcpy(o + at, s + at + 1, len - at);
	} else {
		run r = runs[eval_rng_below(rng, nr)];
		size_t at = r.start + 3 + eval_rng_below(rng, r.len - 5);
		memcpy(o, s, at);
		o[at] = ' ';
		memcpy(o + at + 1, s + at, len - at + 1);
	}
	*out = o;
	return 1;
}

/* ---- case and punctuation ---- */

static int is_punct(char c)
{
	return c == ',' || c == '.' || c == '\'' || c == '"' || c == '(' || c == ')' || c == '-' || c == ';' ||
	       c == '/';
}

static void change_case(char *s, eval_rng *rng)
{
	if (eval_rng_chance(rng, 70)) {
		for (char *p = s; *p; p++)
			*p = (char)ascii_lower(*p);
		return;
	}
	int start = 1; /* Title Case */
	for (char *p = s; *p; p++) {
		if (eval_is_alpha(*p))
			*p = (char)(start ? ascii_upper(*p) : ascii_lower(*p));
		start = *p == ' ' || *p == '-' || *p == '(' || *p == '"';
	}
}

/* Punctuation removed (hyphens become spaces or vanish), or hyphens, commas and periods added. */
static void change_punct(cu_buf *b, const char *s, eval_rng *rng)
{
	int has = 0;
	for (const char *p = s; *p; p++)
		has |= is_punct(*p);
	if (has && eval_rng_chance(rng, 60)) {
		int hyphen_space = eval_rng_chance(rng, 50);
		for (const char *p = s; *p; p++) {
			if (*p == '-' && hyphen_space)
				cu_buf_putc(b, ' ');
			else if (!is_punct(*p))
				cu_buf_putc(b, *p);
		}
		return;
	}
	size_t spaces[256], ns = 0, len = strlen(s);
	for (size_t i = 1; i + 1 < len && ns < 256; i++)
		if (s[i] == ' ' && eval_is_alpha(s[i - 1]))
			spaces[ns++] = i;
	if (!ns) {
		cu_buf_puts(b, s);
		cu_buf_putc(b, '.');
		return;
	}
	size_t at = spaces[eval_rng_below(rng, ns)];
	static const char *const marks[] = {"-", ", ", ". ", " - "};
	cu_buf_append(b, s, at);
	cu_buf_puts(b, marks[eval_rng_below(rng, 4)]);
	cu_buf_puts(b, s + at + 1);
}

static int make_case_punct(const char *s, eval_rng *rng, char **out)
{
	cu_buf b;
	cu_buf_init(&b, CU_BUF_DEFAULT_MAX);
	int what = (int)eval_rng_below(rng, 3); /* 0 case, 1 punctuation, 2 both */
	if (what != 0)
		change_punct(&b, s, rng);
	else
		cu_buf_puts(&b, s);
	char *o = cu_buf_take(&b);
	cu_buf_dispose(&b);
	if (!o)
		return 0;
	if (what != 1 || strcmp(o, s) == 0)
		change_case(o, rng);
	if (strcmp(o, s) == 0) {
		free(o);
		return 0;
	}
	*out = o;
	return 1;
}

/* ---- aliases ---- */

/* A listed name other than the primary (not a weak alias, not the primary again). */
static int make_alias(const eval_entity *ent, eval_rng *rng, char **out)
{
	const cordon_entity *e = ent->e;
	size_t cand[256], n = 0;
	for (size_t i = 1; i < e->name_count && n < 256; i++) {
		if (e->names[i].weak)
			continue;
		char *k = eval_name_key(e->names[i].full);
		if (k && k[0] && strcmp(k, ent->key) != 0)
			cand[n++] = i;
		free(k);
	}
	if (!n)
		return 0;
	*out = eval_strdup(e->names[cand[eval_rng_below(rng, n)]].full);
	return *out != NULL;
}

int eval_latin_variant(int kind, const eval_entity *ent, eval_rng *rng, char **out)
{
	const char *s = ent->e->names[0].full;
	*out = NULL;
	switch (kind) {
	case EK_EXACT:
		*out = eval_strdup(s);
		return *out != NULL;
	case EK_ALIAS:
		return make_alias(ent, rng, out);
	case EK_TYPO:
		return make_typo(s, rng, out);
	case EK_TRANSPOSITION:
		return make_transposition(s, rng, out);
	case EK_REORDER:
		return make_reorder(ent, s, rng, out);
	case EK_DROP_MIDDLE:
		return make_drop_middle(ent, s, rng, out);
	case EK_LEGAL_FORM:
		return make_legal_swap(ent, s, rng, out);
	case EK_DIACRITICS:
		return make_diacritics(s, rng, out);
	case EK_SPACING:
		return make_spacing(s, rng, out);
	case EK_CASE_PUNCT:
		return make_case_punct(s, rng, out);
	default:
		return 0;
	}
}
