#include "sources/delimited_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/country.h"
#include "model/date.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/grow.h"
#include "util/strutil.h"

int du_header_resolve(du_header *h, const csrc_row *header, const du_column *table, size_t count)
{
	memset(h, 0, sizeof(*h));
	h->index = calloc(count ? count : 1, sizeof(*h->index));
	h->used = calloc(header->count ? header->count : 1, 1);
	if (!h->index || !h->used) {
		du_header_dispose(h);
		return cu_fail(CORDON_ENOMEM, "%s: out of memory reading the header", header->path);
	}
	h->header_count = header->count;
	h->table_count = count;
	for (size_t i = 0; i < count; i++) {
		int at = csrc_csv_column(header, table[i].name);
		h->index[i] = at;
		if (at >= 0)
			h->used[at] = 1;
		else if (table[i].required) {
			int rc = cu_fail(CORDON_EPARSE, "%s:%lu: required column \"%s\" missing from the header",
			                 header->path, header->line, table[i].name);
			du_header_dispose(h);
			return rc;
		}
	}
	return 0;
}

void du_header_dispose(du_header *h)
{
	free(h->index);
	free(h->used);
	memset(h, 0, sizeof(*h));
}

static int blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r')
		s++;
	return *s == '\0';
}

int du_row_usable(csrc_ctx *ctx, const du_header *h, const csrc_row *row, const char *what)
{
	int ok = row->count >= h->header_count;
	for (size_t i = h->header_count; ok && i < row->count; i++)
		if (!blank(row->fields[i]))
			ok = 0;
	if (!ok) {
		ctx->stats.skipped_rows++;
		csrc_warn(ctx, "%s:%lu: %s has %zu fields, the header %zu (unbalanced quote?); record skipped",
		          row->path, row->line, what, row->count, h->header_count);
		return 0;
	}
	for (size_t i = 0; i < h->header_count; i++)
		if (!h->used[i] && !blank(row->fields[i]))
			ctx->stats.unknown_fields++;
	return 1;
}

int du_id_usable(csrc_ctx *ctx, const csrc_row *row, const char *id, const char *field, size_t max)
{
	if (id && strlen(id) <= max)
		return 1;
	ctx->stats.skipped_rows++;
	if (!id)
		csrc_warn(ctx, "%s:%lu: no %s, record skipped", row->path, row->line, field);
	else
		csrc_warn(ctx, "%s:%lu: %s longer than %zu bytes, record skipped", row->path, row->line, field, max);
	return 0;
}

char *du_trim(char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	s[n] = '\0';
	return s;
}

const char *du_get(const du_header *h, const csrc_row *row, int c)
{
	if (c < 0 || (size_t)c >= h->table_count)
		return NULL;
	int at = h->index[c];
	if (at < 0 || (size_t)at >= row->count)
		return NULL;
	char *v = du_trim(row->fields[at]);
	return *v ? v : NULL;
}

char *du_next_item(char **cursor, const char *sep)
{
	size_t sl = strlen(sep);
	while (*cursor) {
		char *start = *cursor;
		char *end = strstr(start, sep);
		if (end) {
			*end = '\0';
			*cursor = end + sl;
		} else {
			*cursor = NULL;
		}
		start = du_trim(start);
		if (*start)
			return start;
	}
	return NULL;
}

/* Length of an enumeration marker "(12)" at p, or 0. */
static size_t enum_marker(const char *p)
{
	if (*p != '(')
		return 0;
	size_t n = 1;
	while (p[n] >= '0' && p[n] <= '9')
		n++;
	return (n > 1 && p[n] == ')') ? n + 1 : 0;
}

char *du_next_enum(char **cursor)
{
	while (*cursor) {
		char *p = *cursor;
		size_t m;
		while (*p == ' ' || *p == '|' || (m = enum_marker(p)) != 0)
			p += (*p == ' ' || *p == '|') ? 1 : m;
		if (!*p) {
			*cursor = NULL;
			return NULL;
		}
		char *q = p;
		while (*q && *q != '|' && !(q > p && q[-1] == ' ' && enum_marker(q)))
			q++;
		if (*q == '|') {
			*q = '\0';
			*cursor = q + 1;
		} else if (*q) {
			q[-1] = '\0'; /* the space before the next marker */
			*cursor = q;
		} else {
			*cursor = NULL;
		}
		p = du_trim(p);
		if (*p)
			return p;
	}
	return NULL;
}

void du_repair_c1(char *s)
{
	/* U+0091..U+0097 as C2 91..C2 97: Windows-1252 quotes and dashes read as Latin-1 somewhere upstream. */
	static const char repl[] = {'\'', '\'', '"', '"', '*', '-', '-'};
	char *w = s;
	for (const char *r = s; *r;) {
		if ((unsigned char)r[0] == 0xC2 && (unsigned char)r[1] >= 0x91 && (unsigned char)r[1] <= 0x97) {
			*w++ = repl[(unsigned char)r[1] - 0x91];
			r += 2;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

void du_hash_hex(const char *s, char out[17])
{
	static const char hex[] = "0123456789abcdef";
	unsigned long long h = cu_hash64(s, strlen(s));
	for (int i = 15; i >= 0; i--) {
		out[i] = hex[h & 15];
		h >>= 4;
	}
	out[16] = '\0';
}

static int word_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

char *du_normalise_name(const char *s)
{
	size_t n = strlen(s), w = 0;
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	int gap = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (!word_char(*p)) {
			gap = w > 0;
			continue;
		}
		if (gap)
			out[w++] = ' ';
		gap = 0;
		out[w++] = (char)((*p >= 'a' && *p <= 'z') ? *p - 32 : *p);
	}
	out[w] = '\0';
	return out;
}

/* Words that make a name an organisation's; checked whole-word, case-insensitively. */
static const char *const org_words[] = {
	"LLC", "LTD", "LIMITED", "INC", "INCORPORATED", "CORP", "CORPORATION", "CO", "COMPANY",
	"GMBH", "AG", "SA", "SARL", "SRL", "BV", "NV", "PLC", "LLP", "OOO", "OAO", "ZAO", "PJSC",
	"JSC", "OJSC", "CJSC", "PTE", "PTY", "FZE", "FZCO", "FZC", "KG", "SPA", "ENTERPRISE", "ENTERPRISES",
	"INDUSTRIES", "INDUSTRY", "INDUSTRIAL", "TRADING", "INTERNATIONAL", "HOLDING", "HOLDINGS", "GROUP",
	"INSTITUTE", "UNIVERSITY", "ACADEMY", "TECHNOLOGY", "TECHNOLOGIES", "BANK", "CENTER", "CENTRE",
	"LABORATORY", "FACTORY", "PLANT", "BUREAU", "AGENCY", "REGIMENT", "MINISTRY", "ORGANIZATION",
	"ORGANISATION", "ASSOCIATION", "FOUNDATION", "SERVICES", "SYSTEMS", "ELECTRONICS", "AVIATION",
	"AIRLINES", "AIRWAYS", "LOGISTICS", "SHIPPING", "IMPORT", "EXPORT", "ENGINEERING", "PRODUCTS",
	"SUPPLY", "SUPPLIES", "EQUIPMENT", "CORPORATE", "PARTNERS", "FIRM", "DIVISION",
};

int du_looks_like_org(const char *name)
{
	const char *p = name;
	while (*p) {
		while (*p && !word_char((unsigned char)*p))
			p++;
		const char *start = p;
		while (*p && word_char((unsigned char)*p))
			p++;
		size_t len = (size_t)(p - start);
		for (size_t i = 0; len && i < sizeof(org_words) / sizeof(*org_words); i++)
			if (strlen(org_words[i]) == len && cu_ascii_ncasecmp(start, org_words[i], len) == 0)
				return 1;
	}
	return 0;
}

int du_label_key(const char *label, cu_buf *out)
{
	int gap = 0;
	cu_buf_reset(out);
	for (const unsigned char *p = (const unsigned char *)label; *p; p++) {
		unsigned char c = *p;
		int alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
		if (!alnum) {
			gap = out->len > 0;
			continue;
		}
		if (gap)
			DU_TRY(cu_buf_putc(out, '_'));
		gap = 0;
		DU_TRY(cu_buf_putc(out, (char)((c >= 'A' && c <= 'Z') ? c + 32 : c)));
	}
	return out->len ? 0 : cu_buf_puts(out, "other");
}

int du_add_label_attribute(cm_entity *ent, const char *label, const char *value)
{
	cu_buf key;
	cu_buf_init(&key, 0);
	int rc = du_label_key(label, &key);
	if (rc == 0)
		rc = cm_add_attribute(ent, key.data, value);
	cu_buf_dispose(&key);
	return rc;
}

int du_parse_date(const char *s, int month_first, cordon_date *out)
{
	char buf[32];
	size_t len = strlen(s);
	if (len < sizeof(buf)) {
		memcpy(buf, s, len + 1);
		/* "dd/mm/1965" style placeholders mean the same as "00/00/1965" */
		for (size_t i = 0; i + 1 < len; i++) {
			char a = (char)(buf[i] | 0x20), b = (char)(buf[i + 1] | 0x20);
			if ((a == 'd' && b == 'd') || (a == 'm' && b == 'm'))
				buf[i] = buf[i + 1] = '0';
		}
		if (cm_date_parse_slashed(buf, month_first, out) == 0) {
			out->text = s;
			return 0;
		}
	}
	if (cm_date_parse_iso(s, out) == 0)
		return 0;
	cm_date_set_text(out, s);
	return CORDON_EPARSE;
}

int du_add_date_attribute(cm_entity *ent, const char *key, const char *value, int month_first)
{
	cordon_date d;
	char iso[32];
	if (!value)
		return 0;
	if (du_parse_date(value, month_first, &d) != 0)
		return cm_add_attribute(ent, key, value);
	cm_date_format(&d, iso, sizeof(iso));
	return cm_add_attribute(ent, key, iso);
}

int du_keep_earliest_listing(cm_entity *ent, const cordon_date *d)
{
	const cordon_date *old = &ent->e.listing_date;
	if (old->precision == CORDON_DATE_NONE)
		return cm_set_listing_date(ent, d);
	if (d->precision == CORDON_DATE_TEXT)
		return 0;
	long when = d->year * 10000L + d->month * 100 + d->day;
	if (old->precision == CORDON_DATE_TEXT || when < old->year * 10000L + old->month * 100 + old->day)
		return cm_set_listing_date(ent, d);
	return 0;
}

const char *du_script_code(const char *name)
{
	static const struct {
		const char *name, *code;
	} scripts[] = {
		{"cyrillic", "Cyrl"}, {"cyrl", "Cyrl"},     {"arabic", "Arab"},   {"arab", "Arab"},
		{"persian", "Arab"},  {"farsi", "Arab"},    {"chinese", "Hani"},  {"han", "Hani"},
		{"hani", "Hani"},     {"korean", "Kore"},   {"hangul", "Hang"},   {"japanese", "Jpan"},
		{"greek", "Grek"},    {"hebrew", "Hebr"},   {"georgian", "Geor"}, {"armenian", "Armn"},
		{"latin", "Latn"},    {"thai", "Thai"},     {"devanagari", "Deva"}, {"burmese", "Mymr"},
		{"myanmar", "Mymr"},  {"tamil", "Taml"},    {"belarusian", "Cyrl"}, {"russian", "Cyrl"},
		{"ukrainian", "Cyrl"},
	};
	if (!name)
		return NULL;
	for (size_t i = 0; i < sizeof(scripts) / sizeof(*scripts); i++)
		if (cu_ascii_casecmp(name, scripts[i].name) == 0)
			return scripts[i].code;
	return NULL;
}

void du_group_init(du_group *g)
{
	memset(g, 0, sizeof(*g));
	cu_strmap_init(&g->ids);
}

void du_group_dispose(du_group *g)
{
	for (size_t i = 0; i < g->count; i++)
		cm_entity_free(g->items[i]);
	free(g->items);
	cu_strmap_dispose(&g->ids);
	memset(g, 0, sizeof(*g));
}

cm_entity *du_group_find(const du_group *g, const char *native_id)
{
	size_t at;
	return cu_strmap_get(&g->ids, native_id, &at) ? g->items[at] : NULL;
}

cm_entity *du_group_create(du_group *g, const char *dataset, const char *native_id, cordon_schema schema)
{
	cm_entity **items = cu_grow(g->items, &g->cap, g->count + 1, sizeof(*items), 64);
	if (!items)
		return NULL;
	g->items = items;
	cm_entity *ent = cm_entity_new(dataset, native_id, schema);
	if (!ent)
		return NULL;
	if (cu_strmap_put(&g->ids, native_id, g->count) != 0) {
		cm_entity_free(ent);
		return NULL;
	}
	g->items[g->count++] = ent;
	return ent;
}

int du_group_emit(csrc_ctx *ctx, du_group *g)
{
	int rc = 0;
	size_t i = 0;
	for (; i < g->count && rc == 0; i++) {
		cm_entity *ent = g->items[i];
		g->items[i] = NULL;
		rc = ctx->emit(ctx, ent);
	}
	for (; i < g->count; i++)
		cm_entity_free(g->items[i]);
	g->count = 0;
	return rc;
}

cordon_schema du_uk_schema(const char *type)
{
	if (!type)
		return CORDON_SCHEMA_UNKNOWN;
	if (cu_ascii_casecmp(type, "Individual") == 0)
		return CORDON_SCHEMA_PERSON;
	if (cu_ascii_casecmp(type, "Entity") == 0)
		return CORDON_SCHEMA_ORGANIZATION;
	if (cu_ascii_casecmp(type, "Ship") == 0 || cu_ascii_casecmp(type, "Vessel") == 0)
		return CORDON_SCHEMA_VESSEL;
	if (cu_ascii_casecmp(type, "Aircraft") == 0)
		return CORDON_SCHEMA_AIRCRAFT;
	return CORDON_SCHEMA_UNKNOWN;
}

cordon_name_kind du_uk_name_kind(const char *type)
{
	if (!type)
		return CORDON_NAME_AKA;
	if (cu_ascii_strcasestr(type, "variation"))
		return CORDON_NAME_AKA;
	if (cu_starts_with_ci(type, "primary"))
		return CORDON_NAME_PRIMARY;
	if (cu_starts_with_ci(type, "fka") || cu_starts_with_ci(type, "f.k.a") ||
	    cu_ascii_strcasestr(type, "formerly"))
		return CORDON_NAME_FKA;
	if (cu_starts_with_ci(type, "nka") || cu_starts_with_ci(type, "n.k.a") ||
	    cu_ascii_strcasestr(type, "now known"))
		return CORDON_NAME_NKA;
	return CORDON_NAME_AKA;
}

int du_uk_weak(const char *quality)
{
	return quality && (cu_ascii_strcasestr(quality, "low") || cu_ascii_strcasestr(quality, "weak"));
}

/*
 * Appends the non-NULL parts to out with sep between them. A growable buffer,
 * not a fixed array: a cell may hold up to CSRC_MAX_FIELD bytes and a
 * screening list must not lose the end of a long name or address.
 */
static int join_parts(cu_buf *out, const char *const *parts, int count, const char *sep)
{
	for (int i = 0; i < count; i++) {
		if (!parts[i])
			continue;
		if (out->len)
			DU_TRY(cu_buf_puts(out, sep));
		DU_TRY(cu_buf_puts(out, parts[i]));
	}
	return 0;
}

int du_uk_add_name(cm_entity *ent, const char *const name[6], cordon_name_kind kind, int weak)
{
	const char *family = name[5];
	cu_buf given, full;
	cu_buf_init(&given, 0);
	cu_buf_init(&full, 0);
	int rc = join_parts(&given, name, 5, " ");
	const char *given_text = given.len ? given.data : NULL;
	const char *parts[2] = {given_text, family};
	if (rc == 0)
		rc = join_parts(&full, parts, 2, " ");
	if (rc == 0 && full.len) {
		int person = ent->e.schema == CORDON_SCHEMA_PERSON;
		rc = cm_add_name(ent, kind, weak, full.data, person ? given_text : NULL, person ? family : NULL, NULL);
	}
	cu_buf_dispose(&given);
	cu_buf_dispose(&full);
	return rc;
}

int du_uk_add_non_latin(cm_entity *ent, const char *name, const char *script, const char *language)
{
	if (!name)
		return 0;
	const char *code = du_script_code(script);
	if (!code)
		code = du_script_code(language);
	if (!code && script)
		DU_TRY(cm_add_attribute(ent, "non_latin_script", script));
	return cm_add_name(ent, CORDON_NAME_AKA, 0, name, NULL, NULL, code);
}

/* Runs fn over the enumerated items of a copy of text. */
static int for_each_enum(cm_entity *ent, const char *text, int (*fn)(cm_entity *, const char *, const void *),
                         const void *arg)
{
	if (!text)
		return 0;
	char *copy = cu_strdup(text), *cur = copy;
	if (!copy)
		return CORDON_ENOMEM;
	int rc = 0;
	for (char *item; rc == 0 && (item = du_next_enum(&cur)) != NULL;)
		rc = fn(ent, item, arg);
	free(copy);
	return rc;
}

static int add_nationality(cm_entity *ent, const char *item, const void *arg)
{
	(void)arg;
	const char *code = cm_country_code(item);
	return code ? cm_add_nationality(ent, code) : cm_add_attribute(ent, "nationality_text", item);
}

int du_uk_add_nationalities(cm_entity *ent, const char *text)
{
	return for_each_enum(ent, text, add_nationality, NULL);
}

static int add_birth_date(cm_entity *ent, const char *item, const void *arg)
{
	(void)arg;
	cordon_date d;
	du_parse_date(item, 0, &d);
	return cm_add_birth_date(ent, &d);
}

int du_uk_add_birth_dates(cm_entity *ent, const char *text)
{
	return for_each_enum(ent, text, add_birth_date, NULL);
}

int du_uk_add_birth_place(cm_entity *ent, const char *town, const char *country)
{
	const char *parts[2] = {town, country};
	cu_buf place;
	cu_buf_init(&place, 0);
	int rc = join_parts(&place, parts, 2, ", ");
	if (rc == 0 && place.len)
		rc = cm_add_birth_place(ent, place.data);
	cu_buf_dispose(&place);
	return rc;
}

int du_uk_add_address(cm_entity *ent, const char *const lines[6], const char *postcode, const char *country)
{
	int last = -1;
	for (int i = 0; i < 6; i++)
		if (lines[i])
			last = i;
	if (last < 0 && !postcode && !country)
		return 0;
	const char *code = country ? cm_country_code(country) : NULL;
	if (country && !code)
		DU_TRY(cm_add_attribute(ent, "country_text", country));
	const char *parts[8] = {lines[0], lines[1], lines[2], lines[3], lines[4], lines[5], postcode, country};
	cu_buf full, street;
	cu_buf_init(&full, 0);
	cu_buf_init(&street, 0);
	int rc = join_parts(&full, parts, 8, ", ");
	/* street: the lines before the last one used, which names the town when there are several */
	if (rc == 0)
		rc = join_parts(&street, lines, last > 0 ? last : last + 1, ", ");
	cordon_address a = {.full = full.data, .street = street.len ? street.data : NULL,
	                    .city = last > 0 ? lines[last] : NULL, .postal_code = postcode, .country = code};
	if (rc == 0)
		rc = cm_add_address(ent, &a);
	cu_buf_dispose(&full);
	cu_buf_dispose(&street);
	return rc;
}

typedef struct {
	cordon_id_kind kind;
	const char *label, *note;
} id_spec;

static int add_identifier(cm_entity *ent, const char *item, const void *arg)
{
	const id_spec *spec = arg;
	char value[256];
	size_t n = strlen(item);
	if (n >= sizeof(value))
		return cm_add_identifier(ent, spec->kind, spec->label, item, NULL, spec->note);
	memcpy(value, item, n + 1);
	while (n && value[n - 1] == '.') /* "RUS0999." ends a sentence */
		value[--n] = '\0';
	return cm_add_identifier(ent, spec->kind, spec->label, value, NULL, spec->note);
}

int du_uk_add_identifiers(cm_entity *ent, cordon_id_kind kind, const char *label, const char *text,
                          const char *note)
{
	id_spec spec = {kind, label, note};
	return for_each_enum(ent, text, add_identifier, &spec);
}

static int add_relation(cm_entity *ent, const char *item, const void *kind)
{
	return cm_add_relation(ent, kind, item);
}

static int add_attribute_item(cm_entity *ent, const char *item, const void *key)
{
	return cm_add_attribute(ent, key, item);
}

static int add_flag(cm_entity *ent, const char *item, const void *arg)
{
	(void)arg;
	const char *code = cm_country_code(item);
	DU_TRY(cm_add_attribute(ent, "vessel_flag", item));
	return code ? cm_add_country(ent, code) : 0;
}

int du_uk_fact(cm_entity *ent, const char *label, const char *value)
{
	static const struct {
		const char *label;
		cordon_id_kind kind;
	} ids[] = {
		{"phone", CORDON_ID_PHONE},           {"email", CORDON_ID_EMAIL},
		{"website", CORDON_ID_WEBSITE},       {"business reg", CORDON_ID_REGISTRATION},
		{"imo", CORDON_ID_IMO},               {"hull identification", CORDON_ID_OTHER},
	};
	if (!label || !value)
		return 0;
	for (size_t i = 0; i < sizeof(ids) / sizeof(*ids); i++)
		if (cu_starts_with_ci(label, ids[i].label))
			return du_uk_add_identifiers(ent, ids[i].kind, label, value, NULL);
	if (cu_ascii_casecmp(label, "Gender") == 0)
		return cm_set_gender(ent, value);
	if (cu_starts_with_ci(label, "Parent company"))
		return for_each_enum(ent, value, add_relation, "parent");
	if (cu_starts_with_ci(label, "Subsidiaries"))
		return for_each_enum(ent, value, add_relation, "subsidiary");
	if (cu_starts_with_ci(label, "Current owner"))
		return for_each_enum(ent, value, add_relation, "owner");
	if (cu_starts_with_ci(label, "Previous owner"))
		return for_each_enum(ent, value, add_relation, "previous_owner");
	if (cu_starts_with_ci(label, "Current believed flag"))
		return for_each_enum(ent, value, add_flag, NULL);
	if (cu_starts_with_ci(label, "Previous flags"))
		return for_each_enum(ent, value, add_attribute_item, "previous_flags");
	if (cu_starts_with_ci(label, "UK Statement of Reasons"))
		return cm_add_attribute(ent, "statement_of_reasons", value);
	return du_add_label_attribute(ent, label, value);
}
