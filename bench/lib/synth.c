/*
 * Composing synthetic entities. People: given [+ middle, patronymic or an
 * Arabic chain "bin Y"] + family, each from one name tradition; a few
 * Han-script and Russian-Cyrillic people built from the lists' own
 * original-script parts. Organisations: words + legal forms. Vessels: names,
 * numbers, IMO numbers with valid check digits. Aliases: spelling variants,
 * list-style inverted names, Cyrillic (ICU Latin-Russian/BGN), Arabic script
 * (word pairs from the lists), Han originals, acronyms, previous names.
 */
#include "synth.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "icu.h"
#include "util.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strutil.h"
#include "variants.h"

#define MAX_NAMES 8
#define MAX_PROPS 24
#define PROP_MAX 64

typedef enum { K_NAME, K_ALIAS, K_WEAK, K_PREVIOUS } name_kind;

typedef struct {
	const char *schema;
	char names[MAX_NAMES][CB_NAME_MAX]; /* names[0] is the caption */
	name_kind kind[MAX_NAMES];
	size_t n;
	char prop_key[MAX_PROPS][24];
	char prop_val[MAX_PROPS][PROP_MAX];
	size_t n_props;
} entity;

typedef struct {
	const cb_harvest *h;
	cb_rng r;
	cb_synth_stats *st;
	double cluster_weight[CB_CLUSTERS];
} composer;

/* ---- entity assembly ---- */

static int has_name(const entity *e, const char *s)
{
	for (size_t i = 0; i < e->n; i++)
		if (strcmp(e->names[i], s) == 0)
			return 1;
	return 0;
}

static int add_name(entity *e, name_kind kind, const char *s)
{
	if (!s || !*s || e->n == MAX_NAMES || has_name(e, s) || strlen(s) >= CB_NAME_MAX)
		return 0;
	snprintf(e->names[e->n], CB_NAME_MAX, "%s", s);
	e->kind[e->n++] = kind;
	return 1;
}

static void prop(entity *e, const char *key, const char *fmt, ...) CU_PRINTF(3, 4);

static void prop(entity *e, const char *key, const char *fmt, ...)
{
	if (e->n_props == MAX_PROPS)
		return;
	snprintf(e->prop_key[e->n_props], sizeof(e->prop_key[0]), "%s", key);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->prop_val[e->n_props], PROP_MAX, fmt, ap);
	va_end(ap);
	e->n_props++;
}

static void digits(cb_rng *r, char *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (char)('0' + cb_rng_below(r, 10));
	out[n] = '\0';
}

static void letters(cb_rng *r, char *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (char)('A' + cb_rng_below(r, 26));
	out[n] = '\0';
}

static size_t alias_count(cb_rng *r)
{
	static const double cumulative[] = {0.30, 0.55, 0.73, 0.86, 0.95, 1.0};
	double u = (double)(cb_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
	size_t k = 0;
	while (k < 5 && u >= cumulative[k])
		k++;
	return k;
}

/* ---- people ---- */

typedef struct {
	char given[CB_NAME_MAX], middle[CB_NAME_MAX], family[CB_NAME_MAX];
	char caption[CB_NAME_MAX];
	cb_cluster cluster;
	int female;
} person;

static cb_cluster pick_cluster(composer *c)
{
	double total = 0;
	for (int k = 0; k < CB_CLUSTERS; k++)
		total += c->cluster_weight[k];
	double u = (double)(cb_rng_next(&c->r) >> 11) * (1.0 / 9007199254740992.0) * total;
	for (int k = 0; k < CB_CLUSTERS; k++) {
		if (u < c->cluster_weight[k])
			return (cb_cluster)k;
		u -= c->cluster_weight[k];
	}
	return CB_OTHER;
}

static int ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m && cu_ascii_casecmp(s + n - m, suffix) == 0;
}

/* Russian family names agree with the person's gender: Petrov / Petrova. */
static void gender_family(person *p)
{
	size_t n = strlen(p->family);
	if (p->female && (ends(p->family, "ov") || ends(p->family, "ev") || ends(p->family, "in")) &&
	    n + 1 < sizeof(p->family))
		memcpy(p->family + n, "a", 2);
	else if (!p->female && (ends(p->family, "ova") || ends(p->family, "eva") || ends(p->family, "ina")))
		p->family[n - 1] = '\0';
}

static void compose_person(composer *c, person *p)
{
	const cb_harvest *h = c->h;
	memset(p, 0, sizeof(*p));
	p->cluster = pick_cluster(c);
	cb_cluster k = p->cluster;
	snprintf(p->given, sizeof(p->given), "%s", cb_pick(&h->given[k], &c->r));
	snprintf(p->family, sizeof(p->family), "%s", cb_pick(&h->family[k], &c->r));
	if (k == CB_ARABIC && cb_rng_chance(&c->r, 0.5)) {
		int n = snprintf(p->middle, sizeof(p->middle), "bin %s", cb_pick(&h->given[k], &c->r));
		if (cb_rng_chance(&c->r, 0.3) && n > 0)
			snprintf(p->middle + n, sizeof(p->middle) - (size_t)n, " bin %s", cb_pick(&h->given[k], &c->r));
	} else if (k == CB_SLAVIC && h->patronymic.n && cb_rng_chance(&c->r, 0.6)) {
		snprintf(p->middle, sizeof(p->middle), "%s", cb_pick(&h->patronymic, &c->r));
		p->female = ends(p->middle, "na");
		gender_family(p);
	} else if (cb_rng_chance(&c->r, 0.3)) {
		snprintf(p->middle, sizeof(p->middle), "%s", cb_pick(&h->given[k], &c->r));
	}
	if (!p->female)
		p->female = cb_rng_chance(&c->r, k == CB_SLAVIC ? 0.0 : 0.2);
	snprintf(p->caption, sizeof(p->caption), "%s%s%s %s", p->given, p->middle[0] ? " " : "", p->middle, p->family);
}

/* One alias of a composed person; 0 when the chosen kind gave nothing new. */
static int person_alias(composer *c, const person *p, entity *e)
{
	char out[CB_NAME_MAX], tmp[CB_NAME_MAX];
	double w_cyr = p->cluster == CB_SLAVIC ? 4 : 0.3, w_arab = p->cluster == CB_ARABIC ? 3 : 0;
	double weights[] = {4, 2, p->middle[0] ? 1 : 0, w_cyr, w_arab, 1, 0.5};
	double total = 0;
	for (size_t i = 0; i < 7; i++)
		total += weights[i];
	double u = (double)(cb_rng_next(&c->r) >> 11) * (1.0 / 9007199254740992.0) * total;
	size_t kind = 0;
	while (kind < 6 && u >= weights[kind])
		u -= weights[kind++];
	switch (kind) {
	case 0: /* transliteration spelling, sometimes two changes */
		if (cb_spelling_variant(p->caption, &c->r, out, sizeof(out)) != 0)
			return 0;
		if (cb_rng_chance(&c->r, 0.3) && cb_spelling_variant(out, &c->r, tmp, sizeof(tmp)) == 0)
			memcpy(out, tmp, sizeof(out));
		return add_name(e, K_ALIAS, out);
	case 1: { /* as OFAC writes it: "FAMILY, Given Middle" */
		char fam[CB_NAME_MAX];
		snprintf(fam, sizeof(fam), "%s", p->family);
		for (char *s = fam; *s; s++)
			*s = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);
		snprintf(out, sizeof(out), "%s, %s%s%s", fam, p->given, p->middle[0] ? " " : "", p->middle);
		return add_name(e, K_ALIAS, out);
	}
	case 2:
		snprintf(out, sizeof(out), "%s %s", p->given, p->family);
		return add_name(e, K_ALIAS, out);
	case 3:
		if (cb_cyrillic(p->caption, out, sizeof(out)) != 0)
			return 0;
		c->st->cyrillic += add_name(e, K_ALIAS, out);
		return 1;
	case 4:
		if (cb_arabic(c->h, p->caption, out, sizeof(out)) != 0)
			return 0;
		c->st->arabic += add_name(e, K_ALIAS, out);
		return 1;
	case 5: /* a nickname or kunya: weak */
		if (p->cluster == CB_ARABIC)
			snprintf(out, sizeof(out), "Abu %s", cb_pick(&c->h->given[CB_ARABIC], &c->r));
		else
			snprintf(out, sizeof(out), "%s", cb_pick(&c->h->given[p->cluster], &c->r));
		c->st->weak += add_name(e, K_WEAK, out);
		return 1;
	default: /* a former family name */
		snprintf(out, sizeof(out), "%s %s", p->given, cb_pick(&c->h->family[p->cluster], &c->r));
		c->st->previous += add_name(e, K_PREVIOUS, out);
		return 1;
	}
}

/* Title case of a lower-case pinyin syllable run: "jian guo" -> "Jianguo". */
static void pinyin_given(const char *syllables, char *out, size_t cap)
{
	size_t n = 0;
	for (const char *s = syllables; *s && n + 1 < cap; s++)
		if (*s != ' ')
			out[n++] = *s;
	out[n] = '\0';
	if (n)
		out[0] = (char)(out[0] >= 'a' && out[0] <= 'z' ? out[0] - 32 : out[0]);
}

/*
 * The lists name one Chinese person in Han script, too few to compose from:
 * surnames are the lists' own plus the most common Chinese surnames; given
 * names are one or two characters the lists use in any Han-script name.
 */
static const char *han_surname(composer *c)
{
	static const char *const common[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	                                     "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"};
	if (c->h->han_surname.n && cb_rng_chance(&c->r, 0.2))
		return cb_pick(&c->h->han_surname, &c->r);
	return common[cb_rng_below(&c->r, sizeof(common) / sizeof(*common))];
}

static int han_person(composer *c, entity *e)
{
	const cb_harvest *h = c->h;
	if (h->han_chars.n < 8)
		return -1;
	const char *sur = han_surname(c);
	char giv[16], han[CB_NAME_MAX], ps[CB_NAME_MAX], pg[CB_NAME_MAX], given[CB_NAME_MAX], family[CB_NAME_MAX];
	snprintf(giv, sizeof(giv), "%s%s", cb_pick(&h->han_chars, &c->r),
	         cb_rng_chance(&c->r, 0.75) ? cb_pick(&h->han_chars, &c->r) : "");
	snprintf(han, sizeof(han), "%s%s", sur, giv);
	if (cb_transform("Han-Latin/Names; Latin-ASCII", sur, ps, sizeof(ps)) != 0 ||
	    cb_transform("Han-Latin/Names; Latin-ASCII", giv, pg, sizeof(pg)) != 0)
		return -1;
	pinyin_given(ps, family, sizeof(family));
	pinyin_given(pg, given, sizeof(given));
	char out[CB_NAME_MAX * 2 + 8];
	snprintf(out, sizeof(out), "%s %s", family, given);
	add_name(e, K_NAME, out);
	c->st->han += add_name(e, K_ALIAS, han);
	for (char *s = family; *s; s++)
		*s = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);
	snprintf(out, sizeof(out), "%s, %s", family, given);
	add_name(e, K_ALIAS, out);
	prop(e, "gender", "%s", cb_rng_chance(&c->r, 0.8) ? "male" : "female");
	return 0;
}

/* A Russian name from the lists' Cyrillic parts: Cyrillic aliases, BGN and scholarly romanisations. */
static int cyrillic_person(composer *c, entity *e)
{
	const cb_harvest *h = c->h;
	char cyr[CB_NAME_MAX], natural[CB_NAME_MAX], latin[CB_NAME_MAX], other[CB_NAME_MAX];
	const char *g = cb_pick(&h->cyr_given, &c->r), *f = cb_pick(&h->cyr_family, &c->r);
	const char *p = h->cyr_patronymic.n && cb_rng_chance(&c->r, 0.8) ? cb_pick(&h->cyr_patronymic, &c->r) : NULL;
	snprintf(cyr, sizeof(cyr), "%s %s%s%s", f, g, p ? " " : "", p ? p : "");
	snprintf(natural, sizeof(natural), "%s%s%s %s", g, p ? " " : "", p ? p : "", f);
	if (cb_transform("Russian-Latin/BGN", natural, latin, sizeof(latin)) != 0)
		return -1;
	add_name(e, K_NAME, latin);
	c->st->cyrillic += add_name(e, K_ALIAS, cyr);
	if (cb_rng_chance(&c->r, 0.5))
		c->st->cyrillic += add_name(e, K_ALIAS, natural);
	if (cb_rng_chance(&c->r, 0.5) &&
	    cb_transform("Cyrillic-Latin; Latin-ASCII", natural, other, sizeof(other)) == 0)
		add_name(e, K_ALIAS, other);
	prop(e, "gender", "%s", p && ends(p, "\xd0\xbd\xd0\xb0") ? "female" : "male"); /* -на */
	return 0;
}

/* A name built from the words the lists give in both Latin and Arabic script, with its Arabic-script alias. */
static int arabic_person(composer *c, entity *e)
{
	const cb_harvest *h = c->h;
	if (h->pair_count < 20)
		return -1;
	const char *part[3];
	for (int i = 0; i < 3; i++) {
		part[i] = h->pairs[cb_rng_below(&c->r, h->pair_count)].latin;
		for (int t = 0; t < 8 && (strlen(part[i]) < 3 || strcmp(part[i], "bin") == 0 ||
		                          (i < 2 && strncmp(part[i], "al-", 3) == 0) || strchr(part[i], '.'));
		     t++)
			part[i] = h->pairs[cb_rng_below(&c->r, h->pair_count)].latin;
	}
	char lower[CB_NAME_MAX], latin[CB_NAME_MAX], arabic[CB_NAME_MAX], out[CB_NAME_MAX];
	if (cb_rng_chance(&c->r, 0.5))
		snprintf(lower, sizeof(lower), "%s bin %s %s", part[0], part[1], part[2]);
	else
		snprintf(lower, sizeof(lower), "%s %s %s", part[0], part[1], part[2]);
	if (cb_title_case(lower, latin, sizeof(latin)) != 0 || cb_arabic(h, lower, arabic, sizeof(arabic)) != 0)
		return -1;
	char *bin = strstr(latin, " Bin ");
	if (bin)
		bin[1] = 'b';
	add_name(e, K_NAME, latin);
	c->st->arabic += add_name(e, K_ALIAS, arabic);
	size_t want = alias_count(&c->r);
	for (size_t i = 0; i < want; i++)
		if (cb_spelling_variant(latin, &c->r, out, sizeof(out)) == 0)
			add_name(e, K_ALIAS, out);
	prop(e, "gender", "male");
	return 0;
}

static void birth_date(composer *c, entity *e)
{
	if (!cb_rng_chance(&c->r, 0.85))
		return;
	int year = 1935 + (int)cb_rng_below(&c->r, 65);
	if (cb_rng_chance(&c->r, 0.2)) {
		prop(e, "birthDate", "%d", year);
		return;
	}
	prop(e, "birthDate", "%d-%02d-%02d", year, 1 + (int)cb_rng_below(&c->r, 12), 1 + (int)cb_rng_below(&c->r, 28));
	if (cb_rng_chance(&c->r, 0.05))
		prop(e, "birthDate", "%d", year + 1);
}

static void lower_country(composer *c, const cb_strlist *l, char out[3])
{
	const char *cc = cb_pick(l, &c->r);
	out[0] = (char)(cc && cc[0] >= 'A' && cc[0] <= 'Z' ? cc[0] + 32 : 'r');
	out[1] = (char)(cc && cc[1] >= 'A' && cc[1] <= 'Z' ? cc[1] + 32 : 'u');
	out[2] = '\0';
}

static void person_facts(composer *c, entity *e)
{
	char cc[3], d[16], l[4];
	birth_date(c, e);
	if (c->h->nationalities.n && cb_rng_chance(&c->r, 0.8)) {
		lower_country(c, &c->h->nationalities, cc);
		prop(e, "nationality", "%s", cc);
		if (cb_rng_chance(&c->r, 0.1)) {
			lower_country(c, &c->h->nationalities, cc);
			prop(e, "nationality", "%s", cc);
		}
	}
	if (cb_rng_chance(&c->r, 0.4)) {
		letters(&c->r, l, 2);
		digits(&c->r, d, 7);
		prop(e, "passportNumber", "%s%s", l, d);
	}
	if (cb_rng_chance(&c->r, 0.25)) {
		digits(&c->r, d, 10);
		prop(e, "idNumber", "%s", d);
	}
	prop(e, "topics", "sanction");
}

static void make_person(composer *c, entity *e)
{
	const cb_harvest *h = c->h;
	e->schema = "Person";
	double u = (double)(cb_rng_next(&c->r) >> 11) * (1.0 / 9007199254740992.0);
	if (u < 0.01 && han_person(c, e) == 0) {
		person_facts(c, e);
		return;
	}
	if (u >= 0.01 && u < 0.04 && h->cyr_given.n && h->cyr_family.n && cyrillic_person(c, e) == 0) {
		person_facts(c, e);
		return;
	}
	if (u >= 0.04 && u < 0.07 && arabic_person(c, e) == 0) {
		person_facts(c, e);
		return;
	}
	person p;
	compose_person(c, &p);
	add_name(e, K_NAME, p.caption);
	prop(e, "firstName", "%.60s", p.given);
	prop(e, "lastName", "%.60s", p.family);
	prop(e, "gender", "%s", p.female ? "female" : "male");
	size_t want = alias_count(&c->r);
	for (size_t tries = 0; e->n < want + 1 && tries < want * 4; tries++)
		person_alias(c, &p, e);
	person_facts(c, e);
}

/* ---- organisations ---- */

static const char *const connectors[] = {"of", "and", "the", "for", "de", "del", "la", "le", "des", "du",
                                         "y", "e", "di", "da", "und", "fur", "für", "&", "in", "on", NULL};

static int connector(const char *w)
{
	for (const char *const *p = connectors; *p; p++)
		if (strcmp(w, *p) == 0)
			return 1;
	return 0;
}

/*
 * 1-4 words: one distinctive word (each listed word as likely as any other)
 * among descriptive ones drawn as often as the lists use them ("Trading",
 * "International"); connectors only between other words.
 */
static void org_words(composer *c, char *out, size_t cap, char *acronym, size_t acap)
{
	static const double cumulative[] = {0.15, 0.60, 0.88, 1.0};
	double u = (double)(cb_rng_next(&c->r) >> 11) * (1.0 / 9007199254740992.0);
	size_t want = 1;
	while (want < 4 && u >= cumulative[want - 1])
		want++;
	size_t own = cb_rng_below(&c->r, want), len = 0, alen = 0;
	out[0] = acronym[0] = '\0';
	for (size_t i = 0; i < want; i++) {
		const char *w = i == own ? cb_pick(&c->h->org_distinct, &c->r) : cb_pick(&c->h->org_words, &c->r);
		for (int t = 0; t < 4 && connector(w) && (i == 0 || i + 1 == want); t++)
			w = cb_pick(&c->h->org_words, &c->r);
		int n = snprintf(out + len, cap - len, "%s%s", len ? " " : "", w);
		if (n < 0 || (size_t)n >= cap - len)
			break;
		len += (size_t)n;
		if (!connector(w) && alen + 1 < acap && w[0] >= 'A' && w[0] <= 'Z')
			acronym[alen++] = w[0];
	}
	acronym[alen] = '\0';
}

/* Russian legal forms: the companies whose names the lists also give in Cyrillic. */
static int russian_form(const char *form)
{
	static const char *const forms[] = {"OOO", "ZAO", "OAO", "PAO", "AO", NULL};
	for (const char *const *f = forms; form && *f; f++)
		if (cu_ascii_casecmp(form, *f) == 0)
			return 1;
	return 0;
}

static void org_name(composer *c, char *out, size_t cap, char *bare, char *acronym, size_t acap, const char **form)
{
	const cb_harvest *h = c->h;
	org_words(c, bare, CB_NAME_MAX, acronym, acap);
	double u = (double)(cb_rng_next(&c->r) >> 11) * (1.0 / 9007199254740992.0);
	*form = NULL;
	if (u < 0.6 && h->legal_suffix.n) {
		*form = cb_pick(&h->legal_suffix, &c->r);
		snprintf(out, cap, "%s %s", bare, *form);
	} else if (u < 0.75 && h->legal_prefix.n) {
		*form = cb_pick(&h->legal_prefix, &c->r);
		snprintf(out, cap, "%s %s", *form, bare);
	} else {
		snprintf(out, cap, "%s", bare);
	}
}

static void make_org(composer *c, entity *e)
{
	char name[CB_NAME_MAX * 2], bare[CB_NAME_MAX], acronym[16], out[CB_NAME_MAX * 2], a2[16], b2[CB_NAME_MAX];
	const char *form, *form2;
	e->schema = cb_rng_chance(&c->r, 0.7) ? "Company" : "Organization";
	org_name(c, name, sizeof(name), bare, acronym, sizeof(acronym), &form);
	add_name(e, K_NAME, name);
	size_t want = alias_count(&c->r);
	for (size_t tries = 0; e->n < want + 1 && tries < want * 4; tries++) {
		switch (cb_rng_below(&c->r, 6)) {
		case 0:
			if (form)
				add_name(e, K_ALIAS, bare);
			break;
		case 1:
			if (strlen(acronym) >= 2)
				c->st->weak += add_name(e, K_WEAK, acronym);
			break;
		case 2:
			if (russian_form(form) && cb_cyrillic(name, out, sizeof(out)) == 0)
				c->st->cyrillic += add_name(e, K_ALIAS, out);
			break;
		case 3:
			if (cb_spelling_variant(name, &c->r, out, sizeof(out)) == 0)
				add_name(e, K_ALIAS, out);
			break;
		case 4:
			org_name(c, out, sizeof(out), b2, a2, sizeof(a2), &form2);
			c->st->previous += add_name(e, K_PREVIOUS, out);
			break;
		default:
			if (c->h->legal_suffix.n) {
				snprintf(out, sizeof(out), "%s %s", bare, cb_pick(&c->h->legal_suffix, &c->r));
				add_name(e, K_ALIAS, out);
			}
		}
	}
	char cc[3], d[16];
	if (c->h->countries.n && cb_rng_chance(&c->r, 0.85)) {
		lower_country(c, &c->h->countries, cc);
		prop(e, "country", "%s", cc);
	}
	if (cb_rng_chance(&c->r, 0.5)) {
		digits(&c->r, d, 8 + cb_rng_below(&c->r, 3));
		prop(e, "registrationNumber", "%s", d);
	}
	if (cb_rng_chance(&c->r, 0.2)) {
		digits(&c->r, d, 10);
		prop(e, "innCode", "%s", d);
	}
	if (cb_rng_chance(&c->r, 0.1)) {
		digits(&c->r, d, 13);
		prop(e, "ogrnCode", "1%s", d + 1);
	}
	if (cb_rng_chance(&c->r, 0.05)) {
		char l[8];
		letters(&c->r, l, 4);
		prop(e, "swiftBic", "%sAE%c%c", l, 'A' + (int)cb_rng_below(&c->r, 26), '0' + (int)cb_rng_below(&c->r, 10));
	}
	prop(e, "topics", "sanction");
}

/* ---- vessels ---- */

static void vessel_name(composer *c, char *out, size_t cap)
{
	const char *a = cb_pick(&c->h->vessel_distinct, &c->r);
	int n = cb_rng_chance(&c->r, 0.35) ? snprintf(out, cap, "%s %s", a, cb_pick(&c->h->vessel_words, &c->r))
	                                   : snprintf(out, cap, "%s", a);
	if (n > 0 && (size_t)n < cap && cb_rng_chance(&c->r, 0.3))
		snprintf(out + n, cap - (size_t)n, " %d", 1 + (int)cb_rng_below(&c->r, 9));
	for (char *s = out; *s; s++) /* vessel names are published in capitals */
		*s = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);
}

static void make_vessel(composer *c, entity *e)
{
	char name[CB_NAME_MAX], out[CB_NAME_MAX];
	e->schema = "Vessel";
	vessel_name(c, name, sizeof(name));
	add_name(e, K_NAME, name);
	size_t want = alias_count(&c->r);
	for (size_t tries = 0; e->n < want + 1 && tries < want * 4; tries++) {
		if (cb_rng_chance(&c->r, 0.7)) {
			vessel_name(c, out, sizeof(out));
			c->st->previous += add_name(e, K_PREVIOUS, out);
		} else if (cb_spelling_variant(name, &c->r, out, sizeof(out)) == 0) {
			add_name(e, K_ALIAS, out);
		}
	}
	char d[16], cc[3];
	digits(&c->r, d, 7);
	d[0] = (char)('7' + cb_rng_below(&c->r, 3));
	int sum = 0;
	for (int i = 0; i < 6; i++)
		sum += (d[i] - '0') * (7 - i);
	d[6] = (char)('0' + sum % 10);
	if (cb_rng_chance(&c->r, 0.95))
		prop(e, "imoNumber", "IMO%s", d);
	if (cb_rng_chance(&c->r, 0.6)) {
		digits(&c->r, d, 9);
		d[0] = (char)('2' + cb_rng_below(&c->r, 6));
		prop(e, "mmsi", "%s", d);
	}
	if (c->h->countries.n && cb_rng_chance(&c->r, 0.8)) {
		lower_country(c, &c->h->countries, cc);
		prop(e, "flag", "%s", cc);
	}
	prop(e, "buildDate", "%d", 1970 + (int)cb_rng_below(&c->r, 50));
	prop(e, "topics", "sanction");
}

/* ---- output ---- */

static int json_string(cu_buf *b, const char *s)
{
	int rc = cu_buf_putc(b, '"');
	for (; *s && rc == 0; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\') {
			char esc[3] = {'\\', (char)ch, '\0'};
			rc = cu_buf_puts(b, esc);
		} else if (ch < 0x20) {
			rc = cu_buf_printf(b, "\\u%04x", ch);
		} else {
			rc = cu_buf_putc(b, (char)ch);
		}
	}
	return rc ? rc : cu_buf_putc(b, '"');
}

static void names_prop(cu_buf *b, const entity *e, name_kind kind, const char *key, int *first)
{
	int open = 0;
	for (size_t i = 0; i < e->n; i++) {
		if (e->kind[i] != kind)
			continue;
		cu_buf_printf(b, open ? "," : "%s\"%s\":[", *first ? "" : ",", key);
		json_string(b, e->names[i]);
		open = 1;
		*first = 0;
	}
	if (open)
		cu_buf_putc(b, ']');
}

static void to_json(cu_buf *b, const entity *e, size_t number)
{
	cu_buf_printf(b, "{\"id\":\"syn-%07zu\",\"schema\":\"%s\",\"caption\":", number, e->schema);
	json_string(b, e->names[0]);
	cu_buf_puts(b, ",\"properties\":{");
	int first = 1;
	names_prop(b, e, K_NAME, "name", &first);
	names_prop(b, e, K_ALIAS, "alias", &first);
	names_prop(b, e, K_WEAK, "weakAlias", &first);
	names_prop(b, e, K_PREVIOUS, "previousName", &first);
	for (size_t i = 0; i < e->n_props; i++) { /* each key once, with all its values */
		size_t seen = 0;
		while (seen < i && strcmp(e->prop_key[seen], e->prop_key[i]) != 0)
			seen++;
		if (seen < i)
			continue;
		cu_buf_printf(b, ",\"%s\":[", e->prop_key[i]);
		for (size_t j = i; j < e->n_props; j++) {
			if (strcmp(e->prop_key[j], e->prop_key[i]) != 0)
				continue;
			if (j > i)
				cu_buf_putc(b, ',');
			json_string(b, e->prop_val[j]);
		}
		cu_buf_putc(b, ']');
	}
	cu_buf_puts(b, "},\"datasets\":[\"synthetic\"]}\n");
}

typedef struct {
	FILE *f;
	gzFile gz;
} sink;

static int sink_open(sink *s, const char *path)
{
	size_t n = strlen(path);
	s->f = NULL;
	s->gz = NULL;
	if (n > 3 && strcmp(path + n - 3, ".gz") == 0)
		s->gz = gzopen(path, "wb1");
	else
		s->f = fopen(path, "wb");
	return s->f || s->gz ? 0 : -1;
}

static int sink_write(sink *s, const char *data, size_t len)
{
	if (s->gz)
		return gzwrite(s->gz, data, (unsigned)len) == (int)len ? 0 : -1;
	return fwrite(data, 1, len, s->f) == len ? 0 : -1;
}

static int sink_close(sink *s)
{
	if (s->gz)
		return gzclose(s->gz) == Z_OK ? 0 : -1;
	return fclose(s->f) == 0 ? 0 : -1;
}

static void count_entity(cb_synth_stats *st, const entity *e)
{
	st->names += e->n;
	st->alias_histogram[e->n - 1 < 5 ? e->n - 1 : 5]++;
	if (strcmp(e->schema, "Person") == 0)
		st->persons++;
	else if (strcmp(e->schema, "Vessel") == 0)
		st->vessels++;
	else
		st->organizations++;
}

int cb_synth_write(const cb_harvest *h, const cb_synth_options *o, cb_synth_stats *st)
{
	composer c = {h, {0}, st, {0}};
	memset(st, 0, sizeof(*st));
	cb_rng_seed(&c.r, o->seed);
	for (int k = 0; k < CB_CLUSTERS; k++)
		c.cluster_weight[k] = h->given[k].n && h->family[k].n ? (double)h->family[k].n : 0;
	if (!h->org_distinct.n || !h->vessel_distinct.n || c.cluster_weight[CB_OTHER] == 0) {
		fprintf(stderr, "synth: the lists gave too few name parts\n");
		return -1;
	}
	sink out;
	if (sink_open(&out, o->path) != 0) {
		fprintf(stderr, "synth: cannot write %s\n", o->path);
		return -1;
	}
	cu_buf line;
	cu_buf_init(&line, 1u << 20);
	entity e;
	int rc = 0;
	for (size_t i = 0; i < o->count && rc == 0; i++) {
		e.n = e.n_props = 0;
		double u = (double)(cb_rng_next(&c.r) >> 11) * (1.0 / 9007199254740992.0);
		if (u < o->persons)
			make_person(&c, &e);
		else if (u < o->persons + o->organizations)
			make_org(&c, &e);
		else
			make_vessel(&c, &e);
		count_entity(st, &e);
		cu_buf_reset(&line);
		to_json(&line, &e, i + 1);
		st->bytes += line.len;
		rc = sink_write(&out, line.data, line.len);
	}
	cu_buf_dispose(&line);
	if (sink_close(&out) != 0 || rc != 0) {
		fprintf(stderr, "synth: writing %s failed\n", o->path);
		return -1;
	}
	return 0;
}

void cb_synth_print(const cb_synth_stats *st)
{
	size_t total = st->persons + st->organizations + st->vessels;
	printf("corpus: %zu entities: %zu persons (%.1f%%), %zu organisations (%.1f%%), %zu vessels (%.1f%%)\n", total,
	       st->persons, 100.0 * (double)st->persons / (double)(total ? total : 1), st->organizations,
	       100.0 * (double)st->organizations / (double)(total ? total : 1), st->vessels,
	       100.0 * (double)st->vessels / (double)(total ? total : 1));
	printf("  %zu names (%.2f per entity); aliases per entity 0..5+: %zu %zu %zu %zu %zu %zu\n", st->names,
	       (double)st->names / (double)(total ? total : 1), st->alias_histogram[0], st->alias_histogram[1],
	       st->alias_histogram[2], st->alias_histogram[3], st->alias_histogram[4], st->alias_histogram[5]);
	printf("  cyrillic names %zu, arabic-script names %zu, han names %zu, weak aliases %zu, previous names %zu\n",
	       st->cyrillic, st->arabic, st->han, st->weak, st->previous);
}
