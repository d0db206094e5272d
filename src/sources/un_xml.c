/*
 * UN Security Council Consolidated List (consolidated.xml), read streaming:
 * the xmlTextReader walks the document and each INDIVIDUAL / ENTITY is
 * expanded on its own, turned into an entity and released before the next.
 *
 * Choices worth knowing (format notes: list-formats.md section 3):
 *  - FIRST..FOURTH_NAME are joined as the primary name; given/family stay NULL
 *    because the parts are ordered, not tagged (patronymic chains).
 *  - An entity FIRST_NAME packing two names with ";" gives primary + a.k.a.
 *  - Aliases packing several names ("A; B; C", "b) ..." enumerations) and
 *    aliases with a script form in parentheses ("Jin Tiesan (金铁三)") are split
 *    into one alias per name; "(original script)" markers are dropped.
 *  - Alias notes "original script: ..." / "In Arabic: ..." add that name as an
 *    alias too; "formerly/previously listed as" makes the alias f.k.a.
 *  - Alias DATE_OF_BIRTH / CITY/COUNTRY_OF_BIRTH are kept as attributes and
 *    also added to the birth dates / places (they are alternative DOB/POBs).
 *  - VERSIONNUM, LIST_TYPE (always "UN List"), SORT_KEY, SORT_KEY_LAST_MOD are
 *    known and deliberately ignored; any other unused element counts in
 *    stats.unknown_fields.
 *  - A file with no INDIVIDUAL/ENTITY at all is refused (an empty list is
 *    never a real publication).
 */
#include <ctype.h>
#include <string.h>

#include "model/country.h"
#include "model/date.h"
#include "model/idkind.h"
#include "sources/source.h"
#include "sources/xml_util.h"
#include "util/error.h"
#include "util/strutil.h"

typedef struct {
	csrc_ctx *ctx;
	xu_reader *r;
	xu_scratch s;
	int root_seen;
	unsigned long records;
} un_state;

/* One record being converted. */
typedef struct {
	un_state *st;
	cm_entity *ent;
	const char *last_updated;
} un_rec;

typedef int (*un_handler)(un_rec *u, const xmlNode *el);

#define T(el) xu_text(&u->st->s, (el))
#define CHILD(el, name) T(xu_child((el), (name)))

/* Counts child elements of el that are not in names (NULL-terminated). */
static void count_unknown_children(un_rec *u, const xmlNode *el, const char *const *names)
{
	for (const xmlNode *c = el->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		size_t i = 0;
		while (names[i] && !xu_is(c, names[i]))
			i++;
		if (!names[i])
			u->st->ctx->stats.unknown_fields++;
	}
}

static const char *join2(un_rec *u, const char *a, const char *sep, const char *b)
{
	const char *parts[] = {a, b};
	return xu_join(&u->st->s, sep, parts, 2);
}

static const char *country_of(const char *text)
{
	return text ? cm_country_code(text) : NULL;
}

/* ---- names ---- */

static int add_name(un_rec *u, cordon_name_kind kind, int weak, const char *name)
{
	return cm_add_name(u->ent, kind, weak, name, NULL, NULL, name ? xu_script(name) : NULL);
}

static int non_latin(un_rec *u, const char *p, size_t len);

static int ci_equal_n(const char *p, size_t len, const char *word)
{
	return strlen(word) == len && cu_ascii_ncasecmp(p, word, len) == 0;
}

static int has_ascii_letter(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (isalpha((unsigned char)p[i]))
			return 1;
	return 0;
}

/* "Agha Jan Alizai اغا جان عالیزی": Latin spelling, then the original script; split at the space. */
static size_t script_switch(un_rec *u, const char *p, size_t len)
{
	if (!has_ascii_letter(p, len) || !non_latin(u, p, len))
		return 0;
	for (size_t i = 1; i + 1 < len; i++)
		if (p[i] == ' ' && !non_latin(u, p, i) && !has_ascii_letter(p + i + 1, len - i - 1))
			return i;
	return 0;
}

static int strip_suffix_ci(const char *p, size_t *len, const char *suffix)
{
	size_t sl = strlen(suffix);
	if (*len < sl || cu_ascii_ncasecmp(p + *len - sl, suffix, sl) != 0)
		return 0;
	*len -= sl;
	return 1;
}

/* One name out of a packed alias: trimmed, without "original script" and "sub-unit name" labels. */
static int emit_part(un_rec *u, cordon_name_kind kind, int weak, const char *p, size_t len)
{
	static const char prefix[] = "original script:";
	while (len && (*p == ' ' || *p == ',' || *p == ';'))
		p++, len--;
	if (len >= sizeof(prefix) - 1 && cu_ascii_ncasecmp(p, prefix, sizeof(prefix) - 1) == 0)
		p += sizeof(prefix) - 1, len -= sizeof(prefix) - 1;
	while (len && (p[len - 1] == ' ' || p[len - 1] == ',' || p[len - 1] == ';'))
		len--;
	if (!strip_suffix_ci(p, &len, "(original script)"))
		strip_suffix_ci(p, &len, " - sub-unit name");
	if (ci_equal_n(p, len, "original script"))
		return 0;
	size_t cut = script_switch(u, p, len);
	if (cut) {
		int rc = emit_part(u, kind, weak, p, cut);
		return rc ? rc : emit_part(u, kind, weak, p + cut + 1, len - cut - 1);
	}
	const char *name = xu_strndup(&u->st->s, p, len);
	return name ? add_name(u, kind, weak, name) : 0;
}

/* "x)" enumeration marker (a), b), ...) at p[i] == ')'. */
static int enum_marker(const char *p, size_t len, size_t i)
{
	return i >= 1 && p[i - 1] >= 'a' && p[i - 1] <= 'z' && (i == 1 || p[i - 2] == ' ') &&
	       (i + 1 == len || p[i + 1] == ' ');
}

/* Splits at ";" outside parentheses and at enumeration markers. */
static int emit_parts(un_rec *u, cordon_name_kind kind, int weak, const char *p, size_t len)
{
	size_t start = 0;
	int depth = 0, rc = 0;
	for (size_t i = 0; i <= len && !rc; i++) {
		if (i == len || (p[i] == ';' && depth == 0)) {
			rc = emit_part(u, kind, weak, p + start, i - start);
			start = i + 1;
		} else if (p[i] == ')' && enum_marker(p, len, i)) {
			rc = emit_part(u, kind, weak, p + start, i - 1 - start);
			start = i + 1;
		} else if (p[i] == '(') {
			depth++;
		} else if (p[i] == ')' && depth) {
			depth--;
		}
	}
	return rc;
}

static int has_top_level_semicolon(const char *p, size_t len)
{
	int depth = 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '(')
			depth++;
		else if (p[i] == ')' && depth)
			depth--;
		else if (p[i] == ';' && depth == 0)
			return 1;
	}
	return 0;
}

static int non_latin(un_rec *u, const char *p, size_t len)
{
	const char *copy = xu_strndup(&u->st->s, p, len);
	return copy && xu_script(copy) != NULL;
}

/*
 * An alias as published: "A; B", "Jin Tiesan (金铁三)", "حسن غول (Hassan Ghul; Hassan Gul)".
 * A final parenthesised group is split off when it packs several names or is in
 * another script than the text before it; "DAEDONG CREDIT BANK (DCB)" stays whole.
 */
static int add_alias_text(un_rec *u, cordon_name_kind kind, int weak, const char *text)
{
	size_t len = strlen(text);
	while (len && (text[len - 1] == ',' || text[len - 1] == ';' || text[len - 1] == ' '))
		len--;
	if (len && text[len - 1] == ')') {
		int depth = 0;
		size_t open = 0;
		int found = 0;
		for (size_t i = len; i-- > 0 && !found;) {
			if (text[i] == ')')
				depth++;
			else if (text[i] == '(' && --depth == 0)
				found = 1, open = i;
		}
		if (found && open > 0) {
			const char *inner = text + open + 1;
			size_t inner_len = len - open - 2;
			if (has_top_level_semicolon(inner, inner_len) ||
			    non_latin(u, text, open) != non_latin(u, inner, inner_len)) {
				int rc = emit_parts(u, kind, weak, text, open);
				return rc ? rc : emit_parts(u, kind, weak, inner, inner_len);
			}
		}
	}
	return emit_parts(u, kind, weak, text, len);
}

/* The primary name from FIRST..FOURTH_NAME; an entity name packing two names yields an a.k.a. */
static int add_primary_name(un_rec *u, const xmlNode *rec, int is_entity)
{
	static const char *const tags[] = {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"};
	const char *parts[4];
	for (size_t i = 0; i < 4; i++)
		parts[i] = CHILD(rec, tags[i]);
	const char *full = xu_join(&u->st->s, " ", parts, 4);
	if (!full)
		return 0;
	const char *semi = is_entity ? strchr(full, ';') : NULL;
	if (!semi)
		return add_name(u, CORDON_NAME_PRIMARY, 0, full);
	const char *first = xu_strndup(&u->st->s, full, (size_t)(semi - full));
	int rc = add_name(u, CORDON_NAME_PRIMARY, 0, first);
	return rc ? rc : emit_parts(u, CORDON_NAME_AKA, 0, semi + 1, strlen(semi + 1));
}

static int h_original_script(un_rec *u, const xmlNode *el)
{
	return add_name(u, CORDON_NAME_AKA, 0, T(el));
}

/* Adds the name an alias note spells in its original script ("original script: Абу Банат"). */
static int note_script_name(un_rec *u, cordon_name_kind kind, int weak, const char *note)
{
	static const char *const markers[] = {"original script:", "in arabic script:", "in arabic:"};
	for (size_t i = 0; i < sizeof(markers) / sizeof(*markers); i++) {
		const char *at = cu_ascii_strcasestr(note, markers[i]);
		if (!at)
			continue;
		const char *rest = at + strlen(markers[i]);
		while (*rest == ' ')
			rest++;
		if (*rest && xu_script(rest))
			return add_name(u, kind, weak, rest);
	}
	return 0;
}

static void alias_kind(const char *quality, cordon_name_kind *kind, int *weak)
{
	*kind = CORDON_NAME_AKA;
	*weak = 0;
	if (!quality)
		return;
	if (cu_ascii_casecmp(quality, "Low") == 0)
		*weak = 1;
	else if (cu_ascii_casecmp(quality, "f.k.a.") == 0)
		*kind = CORDON_NAME_FKA;
	else if (cu_ascii_casecmp(quality, "n.k.a.") == 0)
		*kind = CORDON_NAME_NKA;
}

static int alias_attribute(un_rec *u, const char *key, const char *alias, const char *value)
{
	return value ? cm_add_attribute(u->ent, key, join2(u, alias, ": ", value)) : 0;
}

static int alias_birth(un_rec *u, const xmlNode *el, const char *name)
{
	const char *dob = CHILD(el, "DATE_OF_BIRTH");
	const char *place = join2(u, CHILD(el, "CITY_OF_BIRTH"), ", ", CHILD(el, "COUNTRY_OF_BIRTH"));
	int rc = alias_attribute(u, "alias_date_of_birth", name, dob);
	if (!rc)
		rc = alias_attribute(u, "alias_place_of_birth", name, place);
	cordon_date d;
	if (!rc && dob && cm_date_parse_iso(dob, &d) == 0)
		rc = cm_add_birth_date(u->ent, &d);
	if (!rc && place)
		rc = cm_add_birth_place(u->ent, place);
	return rc;
}

static int h_alias(un_rec *u, const xmlNode *el)
{
	static const char *const known[] = {"QUALITY", "ALIAS_NAME", "DATE_OF_BIRTH", "CITY_OF_BIRTH",
	                                    "COUNTRY_OF_BIRTH", "NOTE", NULL};
	count_unknown_children(u, el, known);
	const char *name = CHILD(el, "ALIAS_NAME");
	const char *note = CHILD(el, "NOTE");
	cordon_name_kind kind;
	int weak;
	alias_kind(CHILD(el, "QUALITY"), &kind, &weak);
	if (note &&
	    (cu_starts_with_ci(note, "formerly listed as") || cu_starts_with_ci(note, "previously listed as")))
		kind = CORDON_NAME_FKA;
	int rc = name ? add_alias_text(u, kind, weak, name) : 0;
	if (!rc && note)
		rc = note_script_name(u, kind, weak, note);
	if (!rc)
		rc = alias_attribute(u, "alias_note", name, note);
	return rc ? rc : alias_birth(u, el, name);
}

/* ---- dates and places ---- */

static int parse_year(const char *s, int *year)
{
	unsigned long long v;
	if (!s || cu_parse_uint(s, strlen(s), 9999, &v) != 0 || v == 0)
		return 0;
	*year = (int)v;
	return 1;
}

/* Fills d from the DATE / YEAR / FROM_YEAR+TO_YEAR children; 0 when there is none of them. */
static int dob_value(un_rec *u, const xmlNode *el, cordon_date *d)
{
	const char *date = CHILD(el, "DATE"), *year = CHILD(el, "YEAR");
	const char *from = CHILD(el, "FROM_YEAR"), *to = CHILD(el, "TO_YEAR");
	int y1, y2;
	if (date) {
		if (cm_date_parse_iso(date, d) != 0)
			cm_date_set_text(d, date);
	} else if (year) {
		if (parse_year(year, &y1))
			cm_date_set(d, y1, 0, 0);
		else
			cm_date_set_text(d, year);
	} else if (from || to) {
		int ok1 = parse_year(from, &y1), ok2 = parse_year(to, &y2);
		if (ok1 && ok2 && y1 <= y2)
			cm_date_set_year_range(d, y1, y2);
		else if (ok1 != ok2)
			cm_date_set(d, ok1 ? y1 : y2, 0, 0);
		else
			cm_date_set_text(d, join2(u, from, " - ", to));
	} else {
		return 0;
	}
	return 1;
}

static int h_dob(un_rec *u, const xmlNode *el)
{
	static const char *const known[] = {"TYPE_OF_DATE", "DATE", "YEAR", "FROM_YEAR", "TO_YEAR", "NOTE", NULL};
	count_unknown_children(u, el, known);
	const char *type = CHILD(el, "TYPE_OF_DATE"), *note = CHILD(el, "NOTE");
	/* "BETWEEN 1955 and 1958" with NOTE "Approximately" is a circa range, not a remark. */
	int note_is_circa = note && cu_ascii_casecmp(note, "Approximately") == 0;
	int circa = (type && cu_ascii_casecmp(type, "APPROXIMATELY") == 0) || note_is_circa;
	cordon_date d;
	int have = dob_value(u, el, &d);
	if (!have && note) {
		cm_date_set_text(&d, note); /* "Nov. 1973", "24/06/1402 (Hijri Calendar)" */
		note = NULL;
		have = 1;
	}
	if (!have)
		return 0;
	d.circa = circa;
	int rc = cm_add_birth_date(u->ent, &d);
	if (!rc && note && !note_is_circa) {
		char buf[48]; /* fits any parsed date; a text date may be long and is used as it is */
		cm_date_format(&d, buf, sizeof(buf));
		const char *when = d.precision == CORDON_DATE_TEXT ? d.text : buf;
		rc = cm_add_attribute(u->ent, "birth_date_note", join2(u, when, ": ", note));
	}
	return rc;
}

static int h_pob(un_rec *u, const xmlNode *el)
{
	static const char *const known[] = {"STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "NOTE", NULL};
	count_unknown_children(u, el, known);
	const char *parts[] = {CHILD(el, "STREET"), CHILD(el, "CITY"), CHILD(el, "STATE_PROVINCE"),
	                       CHILD(el, "COUNTRY")};
	const char *place = xu_join(&u->st->s, ", ", parts, 4);
	int rc = cm_add_birth_place(u->ent, place);
	const char *note = CHILD(el, "NOTE");
	if (!rc && note)
		rc = cm_add_attribute(u->ent, "birth_place_note", join2(u, place, ": ", note));
	return rc;
}

static int h_listed_on(un_rec *u, const xmlNode *el)
{
	const char *text = T(el);
	cordon_date d;
	if (!text)
		return 0;
	if (cm_date_parse_iso(text, &d) != 0) /* "2015-04-07-04:00" parses: the zone is ignored */
		cm_date_set_text(&d, text);
	return cm_set_listing_date(u->ent, &d);
}

/* ---- other fields ---- */

static int h_values(un_rec *u, const xmlNode *el, int (*add)(un_rec *u, const char *value))
{
	int rc = 0;
	for (const xmlNode *c = el->children; c && !rc; c = c->next) {
		if (xu_is(c, "VALUE"))
			rc = add(u, T(c));
		else if (c->type == XML_ELEMENT_NODE)
			u->st->ctx->stats.unknown_fields++;
	}
	return rc;
}

static int add_title(un_rec *u, const char *v)
{
	return cm_add_title(u->ent, v);
}

static int add_nationality(un_rec *u, const char *v)
{
	const char *code = country_of(v);
	return code ? cm_add_nationality(u->ent, code) : cm_add_attribute(u->ent, "nationality_text", v);
}

static int add_updated(un_rec *u, const char *v)
{
	if (v && (!u->last_updated || strcmp(v, u->last_updated) > 0))
		u->last_updated = v;
	return 0;
}

static int h_titles(un_rec *u, const xmlNode *el)
{
	return h_values(u, el, add_title);
}

static int h_nationality(un_rec *u, const xmlNode *el)
{
	return h_values(u, el, add_nationality);
}

static int h_last_updated(un_rec *u, const xmlNode *el)
{
	return h_values(u, el, add_updated);
}

static int h_program(un_rec *u, const xmlNode *el)
{
	return cm_add_program(u->ent, T(el));
}

static int h_gender(un_rec *u, const xmlNode *el)
{
	return cm_set_gender(u->ent, T(el));
}

static int h_dataid(un_rec *u, const xmlNode *el)
{
	return cm_add_attribute(u->ent, "un_dataid", T(el));
}

static int h_ignored(un_rec *u, const xmlNode *el)
{
	(void)u;
	(void)el;
	return 0;
}

/* Company IMO numbers in prose: "IMO number: 5571322", "(IMO) Number: 1790183", "Number IMO 5434358". */
static int add_imo_numbers(un_rec *u, const char *text)
{
	for (const char *p = text; (p = strstr(p, "IMO")) != NULL; p += 3) {
		if ((p > text && isalpha((unsigned char)p[-1])) || isalpha((unsigned char)p[3]))
			continue;
		const char *q = p + 3;
		while (*q && q - p < 30 && (isalpha((unsigned char)*q) || strchr(" :).#", *q)))
			q++;
		size_t n = 0;
		while (isdigit((unsigned char)q[n]))
			n++;
		if (n != 7)
			continue;
		char num[8];
		memcpy(num, q, 7);
		num[7] = '\0';
		int rc = cm_add_identifier(u->ent, CORDON_ID_IMO, "IMO", num, NULL, NULL);
		if (rc)
			return rc;
	}
	return 0;
}

static int h_comments(un_rec *u, const xmlNode *el)
{
	const char *text = T(el);
	if (!text)
		return 0;
	int rc = cm_set_remarks(u->ent, text);
	return rc ? rc : add_imo_numbers(u, text);
}

static int h_address(un_rec *u, const xmlNode *el)
{
	static const char *const known[] = {"STREET",  "CITY", "STATE_PROVINCE", "ZIP_CODE",
	                                    "COUNTRY", "NOTE", NULL};
	count_unknown_children(u, el, known);
	cordon_address a = {0};
	const char *country = CHILD(el, "COUNTRY");
	a.street = CHILD(el, "STREET");
	a.city = CHILD(el, "CITY");
	a.region = CHILD(el, "STATE_PROVINCE");
	a.postal_code = CHILD(el, "ZIP_CODE");
	a.country = country_of(country);
	const char *parts[] = {a.street, a.city, a.region, a.postal_code, country};
	a.full = xu_join(&u->st->s, ", ", parts, 5);
	int rc = cm_add_address(u->ent, &a);
	const char *note = CHILD(el, "NOTE");
	if (!rc && note)
		rc = cm_add_attribute(u->ent, "address_note", join2(u, a.full, ": ", note));
	return rc;
}

/* Issue details of a document as one note: "type: ...; issued ...; issued in ...; <NOTE>". */
static const char *document_note(un_rec *u, const xmlNode *el, const char *type, const char *country)
{
	const char *type2 = CHILD(el, "TYPE_OF_DOCUMENT2");
	const char *issuing = CHILD(el, "ISSUING_COUNTRY"), *of_issue = CHILD(el, "COUNTRY_OF_ISSUE");
	const char *date = CHILD(el, "DATE_OF_ISSUE"), *city = CHILD(el, "CITY_OF_ISSUE");
	const char *c1 = country_of(issuing), *c2 = country_of(of_issue);
	const char *parts[6] = {0};
	if (type2 && (!type || cu_ascii_casecmp(type, type2) != 0))
		parts[0] = join2(u, "type", ": ", type2);
	if (date)
		parts[1] = join2(u, "issued", " ", date);
	if (city)
		parts[2] = join2(u, "issued in", " ", city);
	if (issuing && !c1)
		parts[3] = join2(u, "issuing country", ": ", issuing);
	if (of_issue && (!c2 || (country && strcmp(c2, country) != 0)))
		parts[4] = join2(u, "country of issue", ": ", of_issue);
	parts[5] = CHILD(el, "NOTE");
	return xu_join(&u->st->s, "; ", parts, 6);
}

static int h_document(un_rec *u, const xmlNode *el)
{
	static const char *const known[] = {"TYPE_OF_DOCUMENT", "TYPE_OF_DOCUMENT2", "NUMBER", "ISSUING_COUNTRY",
	                                    "DATE_OF_ISSUE", "CITY_OF_ISSUE", "COUNTRY_OF_ISSUE", "NOTE", NULL};
	count_unknown_children(u, el, known);
	const char *type = CHILD(el, "TYPE_OF_DOCUMENT"), *type2 = CHILD(el, "TYPE_OF_DOCUMENT2");
	const char *number = CHILD(el, "NUMBER");
	const char *country = country_of(CHILD(el, "ISSUING_COUNTRY"));
	if (!country)
		country = country_of(CHILD(el, "COUNTRY_OF_ISSUE"));
	const char *note = document_note(u, el, type, country);
	if (!number) /* "Passport" + "Tunisian passport number L 191609 issued ...": keep the prose */
		return cm_add_attribute(u->ent, "document", join2(u, type, ": ", note));
	cordon_id_kind kind = type2 ? cm_id_kind_from_label(type2) : CORDON_ID_OTHER;
	if (kind == CORDON_ID_OTHER && type)
		kind = cm_id_kind_from_label(type);
	return cm_add_identifier(u->ent, kind, type ? type : type2, number, country, note);
}

static const struct {
	const char *name;
	un_handler fn;
} handlers[] = {
	{"FIRST_NAME", h_ignored}, /* read up front by add_primary_name */
	{"SECOND_NAME", h_ignored},
	{"THIRD_NAME", h_ignored},
	{"FOURTH_NAME", h_ignored},
	{"REFERENCE_NUMBER", h_ignored}, /* the id */
	{"VERSIONNUM", h_ignored},
	{"LIST_TYPE", h_ignored},
	{"SORT_KEY", h_ignored},
	{"SORT_KEY_LAST_MOD", h_ignored},
	{"DATAID", h_dataid},
	{"UN_LIST_TYPE", h_program},
	{"LISTED_ON", h_listed_on},
	{"GENDER", h_gender},
	{"NAME_ORIGINAL_SCRIPT", h_original_script},
	{"COMMENTS1", h_comments},
	{"TITLE", h_titles},
	{"DESIGNATION", h_titles},
	{"NATIONALITY", h_nationality},
	{"LAST_DAY_UPDATED", h_last_updated},
	{"INDIVIDUAL_ALIAS", h_alias},
	{"ENTITY_ALIAS", h_alias},
	{"INDIVIDUAL_ADDRESS", h_address},
	{"ENTITY_ADDRESS", h_address},
	{"INDIVIDUAL_DATE_OF_BIRTH", h_dob},
	{"INDIVIDUAL_PLACE_OF_BIRTH", h_pob},
	{"INDIVIDUAL_DOCUMENT", h_document},
};

static int fill_record(un_rec *u, const xmlNode *rec, int is_entity)
{
	int rc = add_primary_name(u, rec, is_entity);
	for (const xmlNode *c = rec->children; c && !rc; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		size_t i = 0;
		while (i < sizeof(handlers) / sizeof(*handlers) && !xu_is(c, handlers[i].name))
			i++;
		if (i < sizeof(handlers) / sizeof(*handlers))
			rc = handlers[i].fn(u, c);
		else
			u->st->ctx->stats.unknown_fields++;
	}
	if (!rc && u->last_updated)
		rc = cm_add_attribute(u->ent, "last_updated", u->last_updated);
	return rc;
}

static int skip_record(un_state *st, const xmlNode *rec, const char *why, const char *detail)
{
	st->ctx->stats.skipped_rows++;
	csrc_warn(st->ctx, "%s:%lu: %s skipped: %s%s", st->r->path, xu_line(rec), (const char *)rec->name, why,
	          detail ? detail : "");
	return 0;
}

static int read_record(un_state *st, const xmlNode *rec)
{
	int is_entity = xu_is(rec, "ENTITY");
	xu_scratch_reset(&st->s);
	st->ctx->stats.rows++;
	st->records++;
	const char *ref = xu_text(&st->s, xu_child(rec, "REFERENCE_NUMBER"));
	if (st->s.oversize)
		return skip_record(st, rec, "value too long in ", st->s.oversize_in);
	if (!ref)
		return skip_record(st, rec, "no REFERENCE_NUMBER", NULL);
	cordon_schema schema = is_entity ? CORDON_SCHEMA_ORGANIZATION : CORDON_SCHEMA_PERSON;
	cm_entity *ent = cm_entity_new(st->ctx->dataset, ref, schema);
	if (!ent)
		return cu_fail(CORDON_ENOMEM, "%s:%lu: out of memory", st->r->path, xu_line(rec));
	un_rec u = {.st = st, .ent = ent};
	int rc = fill_record(&u, rec, is_entity);
	if (rc) {
		cm_entity_free(ent);
		return cu_fail(rc, "%s:%lu: out of memory", st->r->path, xu_line(rec));
	}
	if (st->s.oversize || ent->e.name_count == 0) {
		cm_entity_free(ent);
		return st->s.oversize ? skip_record(st, rec, "value too long in ", st->s.oversize_in)
		                      : skip_record(st, rec, "no name in ", ref);
	}
	return st->ctx->emit(st->ctx, ent);
}

static int on_root(un_state *st)
{
	xu_reader *r = st->r;
	if (strcmp(xu_reader_name(r), "CONSOLIDATED_LIST") != 0)
		return xu_fail(r, CORDON_EPARSE, "root element <%s> is not CONSOLIDATED_LIST: not a UN list",
		               xu_reader_name(r));
	st->root_seen = 1;
	char *generated = (char *)xmlTextReaderGetAttribute(r->reader, (const xmlChar *)"dateGenerated");
	char date[11] = "";
	cordon_date d;
	if (generated && strlen(generated) >= 10) {
		memcpy(date, generated, 10);
		if (cm_date_parse_iso(date, &d) != 0 || d.precision != CORDON_DATE_DAY)
			date[0] = '\0';
	}
	xmlFree(generated);
	csrc_file_seen(st->ctx, r->path, date[0] ? date : NULL);
	return 0;
}

/* Walks the document: expands each depth-2 INDIVIDUAL/ENTITY, skips anything unexpected. */
static int walk(un_state *st)
{
	xu_reader *r = st->r;
	int rc = xu_read(r);
	while (rc == 1) {
		if (xmlTextReaderNodeType(r->reader) != XML_READER_TYPE_ELEMENT) {
			rc = xu_read(r);
			continue;
		}
		int depth = xmlTextReaderDepth(r->reader);
		const char *name = xu_reader_name(r);
		if (depth == 0) {
			rc = on_root(st);
			if (!rc)
				rc = xu_read(r);
		} else if (depth == 1 && (strcmp(name, "INDIVIDUALS") == 0 || strcmp(name, "ENTITIES") == 0)) {
			rc = xu_read(r);
		} else if (depth == 2 && (strcmp(name, "INDIVIDUAL") == 0 || strcmp(name, "ENTITY") == 0)) {
			xmlNode *node = xu_expand(r);
			if (!node)
				return r->io_failed ? CORDON_EIO : CORDON_EPARSE;
			rc = read_record(st, node);
			if (!rc)
				rc = xu_next(r);
		} else {
			st->ctx->stats.unknown_fields++;
			rc = xu_next(r);
		}
	}
	return rc;
}

int csrc_read_un_xml(csrc_ctx *ctx, const char *path)
{
	xu_reader r;
	int rc = xu_open(&r, ctx, path);
	if (rc)
		return rc;
	un_state st = {.ctx = ctx, .r = &r};
	xu_scratch_init(&st.s);
	rc = walk(&st);
	if (rc == 0 && !st.root_seen)
		rc = xu_fail_no_root(&r);
	else if (rc == 0 && st.records == 0)
		rc = cu_fail(CORDON_EPARSE, "%s: no INDIVIDUAL or ENTITY records", path);
	xu_scratch_dispose(&st.s);
	xu_close(&r);
	return rc < 0 ? rc : 0;
}
