/*
 * Harvesting name parts from the bundled lists: every source of the
 * configuration goes through its reader (csrc_run), then each name is split
 * into parts by the conventions the lists follow ("FAMILY, Given Middle",
 * separate given/family fields, "X bin Y al-Z", Russian "Family Given
 * Patronymic" in Cyrillic, Han names without spaces).
 */
#include "harvest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cordon.h"
#include "icu.h"
#include "sources/source.h"
#include "util.h"
#include "util/strutil.h"

#define MAX_TOKENS 24
#define PART_MAX 256

int cb_strlist_add(cb_strlist *l, const char *s, size_t len)
{
	if (!len)
		return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **p = realloc(l->items, cap * sizeof(*p));
		if (!p)
			return CORDON_ENOMEM;
		l->items = p;
		l->cap = cap;
	}
	char *copy = cu_strndup(s, len);
	if (!copy)
		return CORDON_ENOMEM;
	l->items[l->n++] = copy;
	return 0;
}

static int add(cb_strlist *l, const char *s)
{
	return s ? cb_strlist_add(l, s, strlen(s)) : 0;
}

void cb_strlist_dispose(cb_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

const char *cb_pick(const cb_strlist *l, void *rng)
{
	return l->n ? l->items[cb_rng_below(rng, l->n)] : NULL;
}

/* ---- scripts ---- */

enum { S_LATIN = 1, S_CYRILLIC = 2, S_ARABIC = 4, S_HAN = 8, S_OTHER = 16 };

static unsigned decode(const unsigned char **p)
{
	const unsigned char *s = *p;
	unsigned c = s[0];
	int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
	c &= n == 0 ? 0x7F : n == 1 ? 0x1F : n == 2 ? 0x0F : 0x07;
	for (int i = 1; i <= n && (s[i] & 0xC0) == 0x80; i++)
		c = (c << 6) | (s[i] & 0x3F);
	*p = s + 1 + n;
	return c;
}

static unsigned scripts_of(const char *text)
{
	unsigned set = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p;) {
		unsigned c = decode(&p);
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			set |= S_LATIN;
		else if (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7)
			set |= S_LATIN;
		else if (c >= 0x400 && c <= 0x52F)
			set |= S_CYRILLIC;
		else if ((c >= 0x600 && c <= 0x6FF) || (c >= 0x750 && c <= 0x77F) || (c >= 0xFB50 && c <= 0xFEFF))
			set |= S_ARABIC;
		else if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))
			set |= S_HAN;
		else if (c >= 0x370 && c != 0x2019 && c != 0x2018 && c != 0x2013)
			set |= S_OTHER;
	}
	return set;
}

/* ---- tokens ---- */

typedef struct {
	char buf[1024];
	char *t[MAX_TOKENS];
	size_t n;
} tokens;

static int trim_char(char c)
{
	return c == ',' || c == '"' || c == '(' || c == ')' || c == ';' || c == ':' || c == '\'' || c == '[' ||
	       c == ']';
}

/* Splits at spaces; strips quotes, brackets and commas around tokens. */
static void tokenize(const char *s, tokens *out)
{
	snprintf(out->buf, sizeof(out->buf), "%s", s ? s : "");
	out->n = 0;
	for (char *p = out->buf; *p && out->n < MAX_TOKENS;) {
		while (*p == ' ')
			p++;
		char *start = p;
		while (*p && *p != ' ')
			p++;
		char *end = p;
		if (*p)
			*p++ = '\0';
		while (start < end && trim_char(*start))
			start++;
		while (end > start && trim_char(end[-1]))
			*--end = '\0';
		if (end > start)
			out->t[out->n++] = start;
	}
}

static int has_letter(const char *s)
{
	for (; *s; s++)
		if (((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') || (unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

static int ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m + 1 && cu_ascii_casecmp(s + n - m, suffix) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m + 1 && strcmp(s + n - m, suffix) == 0;
}

static int in_set(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (cu_ascii_casecmp(s, *set) == 0)
			return 1;
	return 0;
}

static const char *const arabic_particles[] = {"bin", "ibn", "bint", "binti", "ben", "ould", NULL};
static const char *const articles[] = {"al", "el", "ad", "ash", "as", "at", "ar", "az", NULL};
static const char *const joiners[] = {"abu", "abd", "abou", "umm", NULL};

static int is_patronymic(const char *s)
{
	static const char *const endings[] = {"ovich", "evich", "ovna", "evna", "ichna", "ovych", "evych", "ivna",
	                                      "ogly", "oglu", "kyzy", NULL};
	for (const char *const *e = endings; *e; e++)
		if (ends_with_ci(s, *e))
			return 1;
	return 0;
}

static int slavic_family(const char *s)
{
	static const char *const endings[] = {"ov", "ova", "ev", "eva", "sky", "skiy", "skii", "skaya",
	                                      "enko", "chuk", "vich", "yan", NULL};
	for (const char *const *e = endings; *e; e++)
		if (ends_with_ci(s, *e))
			return 1;
	return 0;
}

static int is_cyr_patronymic(const char *s)
{
	return ends_with(s, "вич") || ends_with(s, "вна") || ends_with(s, "ична") || ends_with(s, "ьич");
}

static int cyr_family(const char *s)
{
	static const char *const endings[] = {"ов", "ев", "ин", "ова", "ева", "ина", "ский", "ская", "енко", NULL};
	for (const char *const *e = endings; *e; e++)
		if (ends_with(s, *e))
			return 1;
	return 0;
}

/* ---- persons ---- */

/* Parts of a Latin person name: given units (with "Abd al-Rahman" and "al-Rashid" kept whole), family. */
typedef struct {
	char given[MAX_TOKENS][PART_MAX];
	size_t given_n;
	char family[PART_MAX];
	int arabic, slavic;
} person_parts;

static void title(const char *in, char *out, size_t cap)
{
	if (cb_title_case(in, out, cap) != 0)
		snprintf(out, cap, "%s", in);
}

/* Joins tokens [from, to) into out, "al" + X becoming "al-X", title-cased. */
static void join_unit(tokens *t, size_t from, size_t to, char *out, size_t cap)
{
	char raw[PART_MAX * 2] = "";
	size_t len = 0;
	for (size_t i = from; i < to; i++) {
		int article = in_set(t->t[i], articles) && i + 1 < to;
		int w = snprintf(raw + len, sizeof(raw) - len, "%s%s", t->t[i], article ? "-" : i + 1 < to ? " " : "");
		if (w < 0 || (size_t)w >= sizeof(raw) - len)
			break;
		len += (size_t)w;
	}
	title(raw, out, cap);
}

static void split_given(tokens *t, person_parts *pp)
{
	for (size_t i = 0; i < t->n && pp->given_n < MAX_TOKENS;) {
		if (!has_letter(t->t[i]) || in_set(t->t[i], arabic_particles)) {
			pp->arabic |= in_set(t->t[i], arabic_particles);
			i++;
			continue;
		}
		size_t end = i + 1;
		/* "Abd al Rahman", "Abu Bakr", "al Hassan": one unit */
		while (end < t->n && (in_set(t->t[end - 1], joiners) || in_set(t->t[end - 1], articles)))
			end++;
		if (end > i + 1 || strncmp(t->t[i], "al-", 3) == 0 || strncmp(t->t[i], "Al-", 3) == 0 ||
		    strncmp(t->t[i], "AL-", 3) == 0)
			pp->arabic = 1;
		join_unit(t, i, end, pp->given[pp->given_n++], PART_MAX);
		i = end;
	}
}

static void family_unit(tokens *t, person_parts *pp)
{
	if (!t->n)
		return;
	for (size_t i = 0; i < t->n; i++)
		if (in_set(t->t[i], articles) || in_set(t->t[i], arabic_particles) || cu_starts_with_ci(t->t[i], "al-"))
			pp->arabic = 1;
	join_unit(t, 0, t->n, pp->family, PART_MAX);
}

/* Family is the last unit: the last token, with an "al" or "bin" before it. */
static void split_full(const char *full, person_parts *pp)
{
	tokens t;
	tokenize(full, &t);
	if (t.n < 2)
		return;
	size_t fam = t.n - 1;
	if (fam > 1 && (in_set(t.t[fam - 1], articles) || in_set(t.t[fam - 1], joiners)))
		fam--;
	tokens g = t, f = t;
	g.n = fam;
	memmove(f.t, t.t + fam, (t.n - fam) * sizeof(*t.t));
	f.n = t.n - fam;
	split_given(&g, pp);
	family_unit(&f, pp);
}

static void person_split(const cordon_name *nm, person_parts *pp)
{
	memset(pp, 0, sizeof(*pp));
	const char *comma = strchr(nm->full, ',');
	if (nm->given && nm->family) {
		tokens g, f;
		tokenize(nm->given, &g);
		tokenize(nm->family, &f);
		split_given(&g, pp);
		family_unit(&f, pp);
	} else if (comma) {
		tokens g, f;
		char fam[PART_MAX];
		snprintf(fam, sizeof(fam), "%.*s", (int)(comma - nm->full), nm->full);
		tokenize(fam, &f);
		tokenize(comma + 1, &g);
		split_given(&g, pp);
		family_unit(&f, pp);
	} else {
		split_full(nm->full, pp);
	}
}

static int harvest_latin_person(cb_harvest *h, const cordon_name *nm)
{
	person_parts pp;
	person_split(nm, &pp);
	if (!pp.given_n || !pp.family[0])
		return 0;
	for (size_t i = 0; i < pp.given_n; i++)
		pp.slavic |= is_patronymic(pp.given[i]);
	pp.slavic |= slavic_family(pp.family);
	cb_cluster c = pp.arabic ? CB_ARABIC : pp.slavic ? CB_SLAVIC : CB_OTHER;
	int rc = add(&h->family[c], pp.family);
	for (size_t i = 0; i < pp.given_n && rc == 0; i++)
		rc = add(is_patronymic(pp.given[i]) && i > 0 ? &h->patronymic : &h->given[c], pp.given[i]);
	return rc;
}

static int harvest_cyrillic_person(cb_harvest *h, const char *full)
{
	tokens t;
	tokenize(full, &t);
	const char *g = NULL, *p = NULL, *f = NULL;
	if (t.n == 3 && is_cyr_patronymic(t.t[2]))
		f = t.t[0], g = t.t[1], p = t.t[2];
	else if (t.n == 3 && is_cyr_patronymic(t.t[1]))
		g = t.t[0], p = t.t[1], f = t.t[2];
	else if (t.n == 2 && cyr_family(t.t[1]))
		g = t.t[0], f = t.t[1];
	else if (t.n == 2 && cyr_family(t.t[0]))
		f = t.t[0], g = t.t[1];
	else
		return 0;
	char tg[PART_MAX], tf[PART_MAX], tp[PART_MAX];
	title(g, tg, sizeof(tg)); /* the UN writes Cyrillic family names in capitals too */
	title(f, tf, sizeof(tf));
	int rc = add(&h->cyr_given, tg);
	if (!rc)
		rc = add(&h->cyr_family, tf);
	if (!rc && p) {
		title(p, tp, sizeof(tp));
		rc = add(&h->cyr_patronymic, tp);
	}
	return rc;
}

static int harvest_han_person(cb_harvest *h, const char *full)
{
	static const char *const compound[] = {"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", NULL};
	char s[64];
	size_t n = 0;
	for (const char *p = full; *p && n + 1 < sizeof(s); p++)
		if (*p != ' ')
			s[n++] = *p;
	s[n] = '\0';
	size_t chars = n / 3; /* Han characters are three bytes in UTF-8 */
	if (scripts_of(s) != S_HAN || n % 3 || chars < 2 || chars > 4)
		return 0;
	size_t sur = 3;
	for (const char *const *c = compound; *c; c++)
		if (strncmp(s, *c, 6) == 0 && chars > 2)
			sur = 6;
	int rc = cb_strlist_add(&h->han_surname, s, sur);
	return rc ? rc : cb_strlist_add(&h->han_given, s + sur, n - sur);
}

/* Han characters of any name (companies too), without those that spell legal forms and places. */
static int harvest_han_chars(cb_harvest *h, const char *full)
{
	static const char stop[] = "有限公司会會社株式國际際朝鲜香港团團体體";
	int rc = 0;
	for (const unsigned char *p = (const unsigned char *)full; *p && rc == 0;) {
		const unsigned char *start = p;
		unsigned c = decode(&p);
		if (c < 0x4E00 || c > 0x9FFF || p - start != 3)
			continue;
		char ch[4] = {(char)start[0], (char)start[1], (char)start[2], '\0'};
		if (!strstr(stop, ch))
			rc = cb_strlist_add(&h->han_chars, ch, 3);
	}
	return rc;
}

/* ---- Latin / Arabic pairs ---- */

static int add_pair(cb_harvest *h, const char *latin, const char *arabic)
{
	if (h->pair_count == h->pair_cap) {
		size_t cap = h->pair_cap ? h->pair_cap * 2 : 256;
		cb_pair *p = realloc(h->pairs, cap * sizeof(*p));
		if (!p)
			return CORDON_ENOMEM;
		h->pairs = p;
		h->pair_cap = cap;
	}
	char *l = cu_strdup(latin), *a = cu_strdup(arabic);
	if (!l || !a) {
		free(l);
		free(a);
		return CORDON_ENOMEM;
	}
	cu_ascii_lower(l);
	h->pairs[h->pair_count++] = (cb_pair){l, a};
	return 0;
}

/* Latin tokens in given-then-family order, "al X" joined as "al-x"; the Arabic name word by word. */
static int harvest_arabic(cb_harvest *h, const cordon_entity *e, const char *arabic)
{
	if (add(&h->arabic_script_names, arabic) != 0)
		return CORDON_ENOMEM;
	const cordon_name *latin = &e->names[0];
	if (scripts_of(latin->full) != S_LATIN)
		return 0;
	char order[1024];
	const char *comma = strchr(latin->full, ',');
	if (comma)
		snprintf(order, sizeof(order), "%s %.*s", comma + 1, (int)(comma - latin->full), latin->full);
	else
		snprintf(order, sizeof(order), "%s", latin->full);
	tokens lt, at;
	tokenize(order, &lt);
	tokenize(arabic, &at);
	char units[MAX_TOKENS][PART_MAX];
	size_t n = 0;
	for (size_t i = 0; i < lt.n; i++) {
		if (in_set(lt.t[i], articles) && i + 1 < lt.n) {
			snprintf(units[n++], PART_MAX, "al-%s", lt.t[i + 1]);
			i++;
		} else {
			snprintf(units[n++], PART_MAX, "%s", lt.t[i]);
		}
	}
	if (n != at.n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (has_letter(units[i]) && add_pair(h, units[i], at.t[i]) != 0)
			return CORDON_ENOMEM;
	return 0;
}

static int by_pair(const void *a, const void *b)
{
	const cb_pair *x = a, *y = b;
	int c = strcmp(x->latin, y->latin);
	return c ? c : strcmp(x->arabic, y->arabic);
}

/* Keeps one pair per Latin spelling: the Arabic form the lists gave most often. */
static void compact_pairs(cb_harvest *h)
{
	qsort(h->pairs, h->pair_count, sizeof(*h->pairs), by_pair);
	size_t out = 0;
	for (size_t i = 0; i < h->pair_count;) {
		size_t best = i, best_run = 0, j = i;
		while (j < h->pair_count && strcmp(h->pairs[j].latin, h->pairs[i].latin) == 0) {
			size_t k = j;
			while (k < h->pair_count && by_pair(&h->pairs[k], &h->pairs[j]) == 0)
				k++;
			if (k - j > best_run)
				best = j, best_run = k - j;
			j = k;
		}
		cb_pair keep = h->pairs[best];
		for (size_t k = i; k < j; k++)
			if (k != best) {
				free(h->pairs[k].latin);
				free(h->pairs[k].arabic);
			}
		h->pairs[out++] = keep;
		i = j;
	}
	h->pair_count = out;
}

const char *cb_arabic_of(const cb_harvest *h, const char *latin)
{
	char key[PART_MAX];
	snprintf(key, sizeof(key), "%s", latin);
	cu_ascii_lower(key);
	size_t lo = 0, hi = h->pair_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(h->pairs[mid].latin, key);
		if (c == 0)
			return h->pairs[mid].arabic;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* ---- organisations and vessels ---- */

/* Legal forms, compared on tokens in upper case without '.', ',' and '-'. */
static const char *const suffix_forms[] = {
	"LLC", "LTD", "LIMITED", "CO", "CORP", "CORPORATION", "INC", "JSC", "OJSC", "CJSC", "PJSC", "OAO", "ZAO",
	"OOO", "PAO", "GMBH", "AG", "SA", "SARL", "SRL", "SPA", "BV", "NV", "PLC", "LLP", "LP", "FZE", "FZCO", "FZC",
	"FZLLC", "DMCC", "BHD", "PTE", "KFT", "OY", "AB", "AS", "SAS", "SAC", "SL", "EOOD", "OOD", "DOO", "KG", "TBK",
	"PVT", "CA", "LTDA", "EIRL", "SAL", "CO LTD", "COMPANY LIMITED", "SDN BHD", "PTE LTD", "PVT LTD",
	"PRIVATE LIMITED", "JOINT STOCK COMPANY", "LIMITED LIABILITY COMPANY", "SA DE CV", "S DE RL", "CO LLC",
	"LIMITED LIABILITY PARTNERSHIP", "GMBH CO KG", "CO INC", NULL};
static const char *const prefix_forms[] = {
	"OOO", "ZAO", "OAO", "PAO", "AO", "PT", "TOO", "CJSC", "OJSC", "JSC", "PJSC", "LLC", "LIMITED LIABILITY COMPANY",
	"JOINT STOCK COMPANY", "OPEN JOINT STOCK COMPANY", "CLOSED JOINT STOCK COMPANY", "PUBLIC JOINT STOCK COMPANY",
	"JOINTSTOCK COMPANY", "OPEN JOINTSTOCK COMPANY", "CLOSED JOINTSTOCK COMPANY", "FEDERAL STATE UNITARY ENTERPRISE",
	"STATE UNITARY ENTERPRISE", NULL};
static const char *const connectors[] = {"of", "and", "the", "for", "de", "del", "la", "le", "des", "du",
                                         "y", "e", "di", "da", "und", "fur", "für", "&", "in", "on", NULL};

static int upper_word(const char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			return 0;
	return 1;
}

/* A word of an organisation or vessel name in the case the generated names use. */
static int add_word(cb_strlist *l, const char *w)
{
	char out[PART_MAX];
	if (!has_letter(w))
		return 0;
	if (in_set(w, connectors)) {
		snprintf(out, sizeof(out), "%s", w);
		cu_ascii_lower(out);
	} else if (upper_word(w) && strlen(w) <= 3 && cu_is_ascii(w, strlen(w))) {
		snprintf(out, sizeof(out), "%s", w); /* an acronym: KCS, IRGC */
	} else if (upper_word(w)) {
		title(w, out, sizeof(out));
	} else {
		snprintf(out, sizeof(out), "%s", w);
	}
	return add(l, out);
}

/* Tokens [from, from + k) equal the words of phrase (already normalised); returns k or 0. */
static size_t phrase_at(char norm[][PART_MAX], size_t from, size_t n, const char *phrase)
{
	size_t k = 0;
	for (const char *p = phrase; *p; k++) {
		size_t len = strcspn(p, " ");
		if (from + k >= n || strlen(norm[from + k]) != len || memcmp(norm[from + k], p, len) != 0)
			return 0;
		p += len + (p[len] == ' ');
	}
	return k;
}

static size_t phrase_words(const char *phrase)
{
	size_t k = 1;
	for (; *phrase; phrase++)
		k += *phrase == ' ';
	return k;
}

/* The longest legal form at the start (prefix) or end of the name; its token count. */
static size_t legal_form(char norm[][PART_MAX], size_t from, size_t to, int prefix)
{
	size_t best = 0;
	for (const char *const *f = prefix ? prefix_forms : suffix_forms; *f; f++) {
		size_t k = phrase_words(*f);
		if (k >= to - from || k <= best)
			continue; /* a name is more than its legal form */
		if (phrase_at(norm, prefix ? from : to - k, to, *f) == k)
			best = k;
	}
	return best;
}

static int add_tokens(cb_strlist *l, tokens *t, size_t from, size_t to)
{
	char out[PART_MAX] = "";
	size_t len = 0;
	for (size_t i = from; i < to; i++) {
		int w = snprintf(out + len, sizeof(out) - len, "%s%s", len ? " " : "", t->t[i]);
		if (w < 0 || (size_t)w >= sizeof(out) - len)
			return 0;
		len += (size_t)w;
	}
	return add(l, out);
}

static int harvest_org(cb_harvest *h, const char *full)
{
	tokens t;
	tokenize(full, &t);
	char norm[MAX_TOKENS][PART_MAX];
	for (size_t i = 0; i < t.n; i++) {
		size_t n = 0;
		for (const char *s = t.t[i]; *s && n + 1 < PART_MAX; s++)
			if (*s != '.' && *s != ',' && *s != '-')
				norm[i][n++] = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);
		norm[i][n] = '\0';
	}
	size_t from = 0, to = t.n;
	int rc = 0;
	size_t k = legal_form(norm, from, to, 1);
	if (k) {
		rc = add_tokens(&h->legal_prefix, &t, 0, k);
		from = k;
	}
	k = legal_form(norm, from, to, 0);
	if (k && rc == 0) {
		rc = add_tokens(&h->legal_suffix, &t, to - k, to);
		to -= k;
	}
	for (size_t i = from; i < to && rc == 0; i++)
		rc = add_word(&h->org_words, t.t[i]);
	return rc;
}

static int harvest_vessel(cb_harvest *h, const char *full)
{
	tokens t;
	tokenize(full, &t);
	int rc = 0;
	for (size_t i = 0; i < t.n && rc == 0; i++)
		if (!in_set(t.t[i], (const char *const[]){"MV", "M/V", "MT", "M/T", NULL}))
			rc = add_word(&h->vessel_words, t.t[i]);
	return rc;
}

/* ---- entities ---- */

static int harvest_names(cb_harvest *h, const cordon_entity *e)
{
	int rc = 0;
	for (size_t i = 0; i < e->name_count && rc == 0; i++) {
		const cordon_name *nm = &e->names[i];
		unsigned s = scripts_of(nm->full);
		if (nm->weak)
			continue;
		h->names++;
		if ((s & S_HAN) && (rc = harvest_han_chars(h, nm->full)) != 0)
			break;
		if (e->schema == CORDON_SCHEMA_PERSON) {
			if (s == S_LATIN)
				rc = harvest_latin_person(h, nm);
			else if (s == S_CYRILLIC)
				rc = harvest_cyrillic_person(h, nm->full);
			else if (s == S_HAN)
				rc = harvest_han_person(h, nm->full);
			else if (s == S_ARABIC)
				rc = harvest_arabic(h, e, nm->full);
		} else if (e->schema == CORDON_SCHEMA_ORGANIZATION && s == S_LATIN) {
			rc = harvest_org(h, nm->full);
		} else if (e->schema == CORDON_SCHEMA_VESSEL && s == S_LATIN) {
			rc = harvest_vessel(h, nm->full);
		}
	}
	return rc;
}

static int harvest_entity(cb_harvest *h, const cordon_entity *e)
{
	h->persons += e->schema == CORDON_SCHEMA_PERSON;
	h->organizations += e->schema == CORDON_SCHEMA_ORGANIZATION;
	h->vessels += e->schema == CORDON_SCHEMA_VESSEL;
	int rc = harvest_names(h, e);
	for (size_t i = 0; i < e->nationality_count && rc == 0; i++)
		rc = add(&h->nationalities, e->nationalities[i]);
	for (size_t i = 0; i < e->citizenship_count && rc == 0; i++)
		rc = add(&h->nationalities, e->citizenships[i]);
	if (e->schema != CORDON_SCHEMA_PERSON) {
		for (size_t i = 0; i < e->country_count && rc == 0; i++)
			rc = add(&h->countries, e->countries[i]);
		for (size_t i = 0; i < e->address_count && rc == 0; i++)
			rc = add(&h->countries, e->addresses[i].country);
	}
	return rc;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every word of from once (longer than three bytes, not a connector) into to. */
static int distinct(const cb_strlist *from, cb_strlist *to)
{
	char **sorted = malloc((from->n ? from->n : 1) * sizeof(*sorted));
	if (!sorted)
		return CORDON_ENOMEM;
	memcpy(sorted, from->items, from->n * sizeof(*sorted));
	qsort(sorted, from->n, sizeof(*sorted), by_text);
	int rc = 0;
	for (size_t i = 0; i < from->n && rc == 0; i++)
		if ((i == 0 || strcmp(sorted[i], sorted[i - 1]) != 0) && strlen(sorted[i]) > 3 &&
		    !in_set(sorted[i], connectors))
			rc = add(to, sorted[i]);
	free(sorted);
	return rc;
}

int cb_harvest_run(cb_harvest *h, const char *config)
{
	memset(h, 0, sizeof(*h));
	cordon_source *src;
	size_t n;
	int rc = cordon_sources_load(config, &src, &n);
	if (rc)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++) {
		cm_collection coll;
		cm_collection_init(&coll);
		rc = csrc_run(src[i].format, src[i].dataset, src[i].path, &coll, NULL, NULL);
		for (size_t k = 0; k < coll.count && rc == 0; k++)
			if (coll.items[k])
				rc = harvest_entity(h, &coll.items[k]->e);
		cm_collection_dispose(&coll);
	}
	cordon_sources_free(src, n);
	if (rc == 0)
		compact_pairs(h);
	if (rc == 0)
		rc = distinct(&h->org_words, &h->org_distinct);
	if (rc == 0)
		rc = distinct(&h->vessel_words, &h->vessel_distinct);
	return rc;
}

void cb_harvest_dispose(cb_harvest *h)
{
	cb_strlist *lists[] = {&h->given[0], &h->given[1], &h->given[2], &h->family[0], &h->family[1],
	                       &h->family[2], &h->patronymic, &h->cyr_given, &h->cyr_family, &h->cyr_patronymic,
	                       &h->han_surname, &h->han_given, &h->han_chars, &h->arabic_script_names, &h->org_words,
	                       &h->legal_suffix, &h->legal_prefix, &h->vessel_words, &h->org_distinct, &h->vessel_distinct, &h->nationalities,
	                       &h->countries};
	for (size_t i = 0; i < sizeof(lists) / sizeof(*lists); i++)
		cb_strlist_dispose(lists[i]);
	for (size_t i = 0; i < h->pair_count; i++) {
		free(h->pairs[i].latin);
		free(h->pairs[i].arabic);
	}
	free(h->pairs);
	memset(h, 0, sizeof(*h));
}

void cb_harvest_print(const cb_harvest *h)
{
	printf("harvested from %zu persons, %zu organisations, %zu vessels (%zu names):\n", h->persons,
	       h->organizations, h->vessels, h->names);
	printf("  given arabic/slavic/other %zu/%zu/%zu, family %zu/%zu/%zu, patronymics %zu\n", h->given[0].n,
	       h->given[1].n, h->given[2].n, h->family[0].n, h->family[1].n, h->family[2].n, h->patronymic.n);
	printf("  cyrillic given/family/patronymic %zu/%zu/%zu, han surnames/given/characters %zu/%zu/%zu, "
	       "arabic-script names %zu, latin-arabic pairs %zu\n",
	       h->cyr_given.n, h->cyr_family.n, h->cyr_patronymic.n, h->han_surname.n, h->han_given.n, h->han_chars.n,
	       h->arabic_script_names.n, h->pair_count);
	printf("  organisation words %zu (%zu distinct), legal forms %zu suffix / %zu prefix, vessel words %zu (%zu "
	       "distinct), nationalities %zu, countries %zu\n",
	       h->org_words.n, h->org_distinct.n, h->legal_suffix.n, h->legal_prefix.n, h->vessel_words.n,
	       h->vessel_distinct.n, h->nationalities.n, h->countries.n);
}
