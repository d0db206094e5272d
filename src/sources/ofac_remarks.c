/*
 * OFAC remarks: items separated by ';' (almost always "; "), the whole text
 * closed by one '.', values free to contain commas, colons, periods and
 * apostrophes. Items are recognised by their leading label: first a table of
 * known labels, then a generic "<Words> No./Number/ID/Code ... <value>"
 * identifier pattern; anything else is kept as a "remark" attribute.
 */
#include "sources/ofac_remarks.h"

#include <stdlib.h>
#include <string.h>

#include "model/country.h"
#include "model/date.h"
#include "model/idkind.h"
#include "util/buf.h"
#include "util/strutil.h"

typedef enum {
	ACT_DOB,
	ACT_POB,
	ACT_NATIONALITY,
	ACT_CITIZEN,
	ACT_REGISTRATION_COUNTRY,
	ACT_GENDER,
	ACT_ALIAS,
	ACT_LINKED,
	ACT_ID,
	ACT_CRYPTO,
	ACT_ATTR,
	ACT_ATTR_ITEM, /* the whole item is the value: the label is part of a sentence */
	ACT_LISTING
} item_action;

typedef struct {
	const char *label; /* matched ASCII case-insensitively at the start of the item */
	item_action act;
	const char *key; /* attribute key (ACT_ATTR, ACT_LISTING) */
	int kind; /* cordon_name_kind (ACT_ALIAS) or cordon_id_kind, -1 = from the label (ACT_ID) */
} label_rule;

/* First match wins, so longer labels come before their prefixes. */
static const label_rule rules[] = {
	{"DOB", ACT_DOB, NULL, 0},
	{"POB", ACT_POB, NULL, 0},
	{"Nationality of Registration", ACT_REGISTRATION_COUNTRY, NULL, 0},
	{"nationality", ACT_NATIONALITY, NULL, 0},
	{"citizen", ACT_CITIZEN, NULL, 0},
	{"Gender", ACT_GENDER, NULL, 0},
	{"a.k.a.", ACT_ALIAS, NULL, CORDON_NAME_AKA},
	{"f.k.a.", ACT_ALIAS, NULL, CORDON_NAME_FKA},
	{"n.k.a.", ACT_ALIAS, NULL, CORDON_NAME_NKA},
	{"d.b.a.", ACT_ALIAS, NULL, CORDON_NAME_AKA},
	{"Linked To:", ACT_LINKED, NULL, 0},
	{"Listing Date", ACT_LISTING, "listing_date", 0},
	{"Effective Date", ACT_ATTR, "effective_date", 0},
	{"Purchase/Sales For Divestment Date", ACT_ATTR, "divestment_date", 0},
	{"Additional Sanctions Information -", ACT_ATTR, "additional_sanctions_information", 0},
	{"Secondary sanctions risk:", ACT_ATTR, "secondary_sanctions_risk", 0},
	{"Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions:", ACT_ATTR,
	 "transactions_prohibited", 0},
	{"Executive Order 13662 Directive Determination -", ACT_ATTR, "eo13662_directive_determination", 0},
	{"Executive Order 13846 information:", ACT_ATTR, "eo13846_information", 0},
	{"Executive Order 14024 Directive Information", ACT_ATTR, "eo14024_directive_information", 0},
	/* other orders and sections: the whole item, since the number is part of the statement */
	{"Executive Order", ACT_ATTR_ITEM, "executive_order", 0},
	{"CAATSA Section 235 Information:", ACT_ATTR, "caatsa_section_235_information", 0},
	{"CAATSA Section", ACT_ATTR_ITEM, "caatsa", 0},
	{"IFCA Determination -", ACT_ATTR, "ifca_determination", 0},
	{"Organization Established Date", ACT_ATTR, "organization_established_date", 0},
	{"Organization Type:", ACT_ATTR, "organization_type", 0},
	{"Target Type", ACT_ATTR, "target_type", 0},
	{"Former Vessel Flag", ACT_ATTR, "former_vessel_flag", 0},
	{"Other Vessel Flag", ACT_ATTR, "other_vessel_flag", 0},
	{"Other Vessel Type", ACT_ATTR, "other_vessel_type", 0},
	{"Vessel Year of Build", ACT_ATTR, "vessel_year_of_build", 0},
	{"Aircraft Manufacture Date", ACT_ATTR, "aircraft_manufacture_date", 0},
	{"Aircraft Model", ACT_ATTR, "aircraft_model", 0},
	{"Aircraft Operator", ACT_ATTR, "aircraft_operator", 0},
	{"Equity Ticker", ACT_ATTR, "equity_ticker", 0},
	{"Issuer Name", ACT_ATTR, "issuer_name", 0},
	{"For more information", ACT_ATTR_ITEM, "more_information", 0},
	{"Digital Currency Address -", ACT_CRYPTO, NULL, CORDON_ID_CRYPTO},
	{"Vessel Registration Identification IMO", ACT_ID, NULL, CORDON_ID_IMO},
	{"Other Vessel Call Sign", ACT_ID, NULL, CORDON_ID_CALL_SIGN},
	{"Vessel Call Sign", ACT_ID, NULL, CORDON_ID_CALL_SIGN},
	{"Call Sign", ACT_ID, NULL, CORDON_ID_CALL_SIGN},
	{"MMSI", ACT_ID, NULL, CORDON_ID_MMSI},
	{"Previous Aircraft Tail Number", ACT_ID, NULL, CORDON_ID_AIRCRAFT},
	{"Aircraft Tail Number", ACT_ID, NULL, CORDON_ID_AIRCRAFT},
	{"Email Address", ACT_ID, NULL, CORDON_ID_EMAIL},
	{"Email", ACT_ID, NULL, CORDON_ID_EMAIL},
	{"Website", ACT_ID, NULL, CORDON_ID_WEBSITE},
	{"Telephone", ACT_ID, NULL, CORDON_ID_PHONE},
	{"Phone", ACT_ID, NULL, CORDON_ID_PHONE},
	{"Fax", ACT_ID, NULL, CORDON_ID_PHONE},
	{"SWIFT/BIC", ACT_ID, NULL, CORDON_ID_SWIFT_BIC},
	{"ISIN", ACT_ID, NULL, CORDON_ID_OTHER},
	{"SSN", ACT_ID, NULL, -1},
	{"R.F.C.", ACT_ID, NULL, -1},
	{"C.U.R.P.", ACT_ID, NULL, -1},
	{"D.N.I.", ACT_ID, NULL, -1},
	{"C.U.I.T.", ACT_ID, NULL, -1},
	{"NIT #", ACT_ID, NULL, -1},
	{"BIK", ACT_ID, NULL, -1},
	{"RTN", ACT_ID, NULL, -1},
	{"US FEIN", ACT_ID, NULL, CORDON_ID_TAX_ID},
	{"KOMID", ACT_ID, NULL, -1},
	{"Credencial electoral", ACT_ID, NULL, CORDON_ID_NATIONAL_ID},
};
#define RULE_COUNT (sizeof(rules) / sizeof(*rules))

/* Words that end an identifier label ("Tax ID No.", "Folio Mercantil No."). */
static const char *const label_ends[] = {"No.", "No", "No.:", "Nos.", "Number", "Number:", "ID", "ID:", "ID#",
                                         "Code", "Code:", "Card", "License", "Passport", "Identification",
                                         "Permit", "#", ":"};
/* Words that may continue a label after such a word ("Tax ID No.", "Personal ID Card Number"). */
static const char *const label_continues[] = {"No.", "No", "No.:", "Nos.", "Number", "Number:",
                                              "ID", "Card", "Code", "#", ":"};

typedef struct {
	cm_entity *ent;
	csrc_ctx *ctx;
	int rc; /* first allocation failure */
} parse_state;

static void note_rc(parse_state *st, int rc)
{
	if (rc && !st->rc)
		st->rc = rc;
}

/* An item no rule understood: kept as text and counted. */
static void add_unknown(parse_state *st, const char *item)
{
	note_rc(st, cm_add_attribute(st->ent, "remark", item));
	if (st->ctx)
		st->ctx->stats.unknown_fields++;
}

static int is_space(char c)
{
	return c == ' ';
}

static const char *skip_spaces(const char *p)
{
	while (is_space(*p))
		p++;
	return p;
}

static int has_digit(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

static int word_in(const char *w, size_t len, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && cu_ascii_ncasecmp(w, list[i], len) == 0)
			return 1;
	return 0;
}

/* The item after label, or NULL when the item does not start with label as a whole word. */
static const char *match_label(const char *item, const char *label)
{
	size_t n = strlen(label);
	if (cu_ascii_ncasecmp(item, label, n) != 0)
		return NULL;
	char last = label[n - 1], next = item[n];
	if (last == ':' || last == '-' || last == '#' || next == '\0' || next == ' ' || next == ':' ||
	    next == ',')
		return item + n;
	return NULL;
}

/* End of the word starting at p (next space or end). */
static const char *word_end(const char *p)
{
	while (*p && !is_space(*p))
		p++;
	return p;
}

/*
 * Extends a label over words such as "No." and ":" and one digit-free
 * parenthesised group ("(MSN)", "(also called L/N or S/N or F/N)").
 */
static const char *absorb_label_tail(const char *p)
{
	int paren_done = 0;
	for (;;) {
		const char *w = skip_spaces(p);
		if (*w == '(' && !paren_done) {
			const char *close = strchr(w, ')');
			if (!close || has_digit(w, (size_t)(close - w)) || !(close[1] == '\0' || close[1] == ' '))
				return p;
			p = close + 1;
			paren_done = 1;
			continue;
		}
		const char *e = word_end(w);
		if (e == w ||
		    !word_in(w, (size_t)(e - w), label_continues, sizeof(label_continues) / sizeof(*label_continues)))
			return p;
		p = e;
	}
}

/*
 * Generic identifier label: up to 8 capitalised, digit-free words ending in
 * one of label_ends. Returns the end of the label or NULL.
 */
static const char *generic_id_label(const char *item)
{
	if (!(*item >= 'A' && *item <= 'Z'))
		return NULL;
	const char *p = item;
	for (int words = 0; words < 8 && *p; words++) {
		const char *w = skip_spaces(p);
		const char *e = word_end(w);
		if (e == w || has_digit(w, (size_t)(e - w)))
			return NULL;
		if (*w == '(' && words > 0) {
			/* "Numero Unico de Identificacao Tributaria (NUIT) 300000436": the acronym ends the label */
			const char *close = strchr(w, ')');
			if (!close || has_digit(w, (size_t)(close - w)) || close[1] != ' ')
				return NULL;
			return absorb_label_tail(close + 1);
		}
		if (word_in(w, (size_t)(e - w), label_ends, sizeof(label_ends) / sizeof(*label_ends)))
			return absorb_label_tail(e);
		p = e;
	}
	return NULL;
}

static void trim_end(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == ':'))
		s[--n] = '\0';
}

/* Value text after a label: leading spaces, ':' and '-' dropped. */
static const char *value_start(const char *p)
{
	while (*p == ' ' || *p == ':' || *p == '-')
		p++;
	return p;
}

/* Position of the first " issued" / " expires" qualifier in v, or NULL. */
static char *find_qualifier(char *v)
{
	static const char *const words[] = {" issued", " expires", " expiration", " issue date", " valid "};
	char *best = NULL;
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++) {
		char *q = (char *)cu_ascii_strcasestr(v, words[i]);
		if (q && (!best || q < best))
			best = q;
	}
	return best;
}

/*
 * Splits an identifier value in place: "E590976 (Tunisia) issued 19 Jun 1987"
 * -> value "E590976", country "TN", note "issued 19 Jun 1987". Trailing
 * digit-free parentheses that are not a known country go to the note, so
 * nothing is lost; parentheses with digits belong to the value (phones).
 */
static int split_id_value(char *v, const char **country, cu_buf *note)
{
	char *q = find_qualifier(v);
	const char *tail = NULL;
	if (q) {
		*q = '\0';
		tail = q + 1;
	}
	trim_end(v);
	const char *inner[4];
	size_t inner_len[4], np = 0;
	size_t n = strlen(v);
	while (n > 1 && v[n - 1] == ')' && np < 4) {
		size_t i = n - 1;
		int depth = 0;
		for (;; i--) {
			if (v[i] == ')')
				depth++;
			else if (v[i] == '(' && --depth == 0)
				break;
			if (i == 0)
				break;
		}
		if (depth != 0 || i == 0 || has_digit(v + i, n - i))
			break;
		/* the text inside stays intact: only v[i] ('(') is overwritten */
		char *in = v + i + 1;
		size_t in_len = n - i - 2;
		v[n - 1] = '\0';
		const char *code = *country ? NULL : cm_country_code(in);
		v[n - 1] = ')';
		if (code)
			*country = code;
		else {
			inner[np] = in;
			inner_len[np++] = in_len;
		}
		v[i] = '\0';
		trim_end(v);
		n = strlen(v);
	}
	int rc = 0;
	for (size_t k = np; k-- > 0;) {
		if (note->len)
			rc |= cu_buf_putc(note, ' ');
		rc |= cu_buf_putc(note, '(');
		rc |= cu_buf_append(note, inner[k], inner_len[k]);
		rc |= cu_buf_putc(note, ')');
	}
	if (tail && *tail) {
		if (note->len)
			rc |= cu_buf_putc(note, ' ');
		rc |= cu_buf_puts(note, tail);
	}
	return rc ? CORDON_ENOMEM : 0;
}

/* "IMO 9187629" as the value of "Identification Number" / "Company Number": an IMO number. */
static int imo_value(const char *v)
{
	if (cu_ascii_ncasecmp(v, "IMO ", 4) != 0)
		return 0;
	const char *p = v + 4;
	size_t n = strlen(p);
	return n >= 7 && !cu_parse_uint(p, n, 99999999ULL, &(unsigned long long){0});
}

/* 1 when s contains any of the words (ASCII case-insensitive substrings). */
static int contains_any(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cu_ascii_strcasestr(s, words[i]))
			return 1;
	return 0;
}

/*
 * Kind for labels the shared table does not know ("V.A.T. Number", "Kenyan
 * ID No.", "Folio Mercantil No.", "U.S.A. Passport"): OFAC-specific hints.
 */
static cordon_id_kind kind_for_label(const char *label, cordon_schema schema)
{
	static const char *const passport[] = {"passport", "travel document"};
	static const char *const tax[] = {"tax", "fiscal", "tribut", "v.a.t.", "c.u.i.t.", "rif", "rtn", "fein"};
	static const char *const registration[] = {"registr", "company", "commercial", "mercantil",
	                                           "enterprise", "business", "chamber of comm", "c.r. no",
	                                           "charity", "incorporation"};
	static const char *const national[] = {"national", "personal id", "id card", "id no", "citizen",
	                                       "identification number", "identity", "electoral", "tazkira"};
	cordon_id_kind kind = cm_id_kind_from_label(label);
	if (kind != CORDON_ID_OTHER || !label)
		return kind;
	if (cu_ascii_strcasestr(label, "maritime organization"))
		return CORDON_ID_IMO;
	if (contains_any(label, passport, sizeof(passport) / sizeof(*passport)))
		return CORDON_ID_PASSPORT;
	if (contains_any(label, tax, sizeof(tax) / sizeof(*tax)))
		return CORDON_ID_TAX_ID;
	if (contains_any(label, registration, sizeof(registration) / sizeof(*registration)))
		return CORDON_ID_REGISTRATION;
	if (schema == CORDON_SCHEMA_PERSON && contains_any(label, national, sizeof(national) / sizeof(*national)))
		return CORDON_ID_NATIONAL_ID;
	return CORDON_ID_OTHER;
}

/* A value that is only a qualifier ("U.S.A. Passport issued 21 Jun 1992 in Amman"): no number to keep. */
static int no_id_value(const char *v)
{
	return !*v || cu_starts_with_ci(v, "issued") || cu_starts_with_ci(v, "expires");
}

static void add_identifier(parse_state *st, int kind, const char *label, size_t label_len, const char *value,
                           int final)
{
	if (no_id_value(value)) {
		note_rc(st, cm_add_attribute(st->ent, "identifier_text", label));
		return;
	}

	char *lab = cu_strndup(label, label_len);
	char *v = cu_strdup(value);
	cu_buf note;
	cu_buf_init(&note, CSRC_MAX_FIELD);
	if (!lab || !v) {
		note_rc(st, CORDON_ENOMEM);
		goto out;
	}
	trim_end(lab);
	size_t n = strlen(v);
	if (final && n && v[n - 1] == '.')
		v[--n] = '\0'; /* the period closing the remarks: identifiers never end with one */
	const char *country = NULL;
	note_rc(st, split_id_value(v, &country, &note));
	char *val = v;
	if (imo_value(val)) {
		char *l2 = NULL;
		size_t ll = strlen(lab);
		if (ll < 100 && (l2 = malloc(ll + 5)) != NULL) {
			memcpy(l2, lab, ll);
			memcpy(l2 + ll, " IMO", 5);
			free(lab);
			lab = l2;
		}
		val += 4;
		kind = CORDON_ID_IMO;
	}
	if (kind < 0)
		kind = (int)kind_for_label(lab, st->ent->e.schema);
	note_rc(st,
	        cm_add_identifier(st->ent, (cordon_id_kind)kind, lab, val, country, note.len ? note.data : NULL));
out:
	cu_buf_dispose(&note);
	free(lab);
	free(v);
}

/* Country-valued items: ISO-2 when known, else the text as an attribute. */
static void add_country_item(parse_state *st, const char *value, int citizen)
{
	const char *code = cm_country_code(value);
	if (!code) {
		note_rc(st, cm_add_attribute(st->ent, citizen ? "citizenship_text" : "nationality_text", value));
		return;
	}
	note_rc(st, citizen ? cm_add_citizenship(st->ent, code) : cm_add_nationality(st->ent, code));
}

static void add_birth_date(parse_state *st, const char *value)
{
	cordon_date d;
	if (cm_date_parse_ofac(value, &d) != 0)
		cm_date_set_text(&d, value);
	note_rc(st, cm_add_birth_date(st->ent, &d));
}

/* a.k.a. 'NAME': everything between the first quote and the item's last quote; quotes are never paired. */
static void add_weak_alias(parse_state *st, int kind, const char *rest)
{
	const char *open = strchr(rest, '\'');
	const char *close = strrchr(rest, '\'');
	char *name;
	if (open && close > open)
		name = cu_strndup(open + 1, (size_t)(close - open - 1));
	else
		name = cu_strdup(open ? open + 1 : rest); /* unterminated: keep what is there */
	if (!name) {
		note_rc(st, CORDON_ENOMEM);
		return;
	}
	note_rc(st, csrc_ofac_add_name(st->ent, (cordon_name_kind)kind, 1, name));
	free(name);
}

/* "Listing Date (CMIC) 03 Jun 2021": the listing date when none is set yet; always kept as attribute. */
static void add_listing(parse_state *st, const char *key, const char *value)
{
	const char *p = value;
	if (*p == '(') {
		const char *close = strchr(p, ')');
		p = close ? close + 1 : p;
	}
	p = value_start(p);
	cordon_date d;
	if (st->ent->e.listing_date.precision == CORDON_DATE_NONE && cm_date_parse_ofac(p, &d) == 0)
		note_rc(st, cm_set_listing_date(st->ent, &d));
	note_rc(st, cm_add_attribute(st->ent, key, value));
}

/* "Digital Currency Address - XBT 12QtD5..." -> label keeps the currency. */
static void add_crypto(parse_state *st, const char *item, const char *rest, int final)
{
	const char *cur = skip_spaces(rest);
	const char *cur_end = word_end(cur);
	const char *value = skip_spaces(cur_end);
	if (!*value) {
		add_unknown(st, item);
		return;
	}
	add_identifier(st, CORDON_ID_CRYPTO, item, (size_t)(cur_end - item), value, final);
}

static void apply_rule(parse_state *st, const label_rule *r, const char *item, const char *rest, int final)
{
	const char *value = value_start(rest);
	if (!*value && r->act != ACT_ALIAS && r->act != ACT_ATTR_ITEM) {
		add_unknown(st, item); /* a label without a value: nothing to structure */
		return;
	}
	switch (r->act) {
	case ACT_DOB:
		add_birth_date(st, value);
		break;
	case ACT_POB:
		note_rc(st, cm_add_birth_place(st->ent, value));
		break;
	case ACT_NATIONALITY:
	case ACT_CITIZEN:
		add_country_item(st, value, r->act == ACT_CITIZEN);
		break;
	case ACT_REGISTRATION_COUNTRY: {
		const char *code = cm_country_code(value);
		note_rc(st, code ? cm_add_country(st->ent, code)
		                 : cm_add_attribute(st->ent, "registration_country_text", value));
		break;
	}
	case ACT_GENDER:
		note_rc(st, cm_set_gender(st->ent, value));
		break;
	case ACT_ALIAS:
		add_weak_alias(st, r->kind, rest);
		break;
	case ACT_LINKED:
		note_rc(st, cm_add_relation(st->ent, "linked_to", value));
		break;
	case ACT_ID: {
		const char *end = absorb_label_tail(rest);
		add_identifier(st, r->kind, item, (size_t)(end - item), value_start(end), final);
		break;
	}
	case ACT_CRYPTO:
		add_crypto(st, item, rest, final);
		break;
	case ACT_ATTR:
		note_rc(st, cm_add_attribute(st->ent, r->key, value));
		break;
	case ACT_ATTR_ITEM:
		note_rc(st, cm_add_attribute(st->ent, r->key, item));
		break;
	case ACT_LISTING:
		add_listing(st, r->key, value);
		break;
	}
}

/* 1 when text equals one of the entity's titles (the Title column repeated in remarks). */
static int is_title(const cm_entity *ent, const char *text)
{
	size_t n = strlen(text);
	if (n && text[n - 1] == '.')
		n--;
	for (size_t i = 0; i < ent->e.title_count; i++) {
		const char *t = ent->e.titles[i];
		size_t tn = strlen(t);
		if (tn && t[tn - 1] == '.')
			tn--;
		if (tn == n && cu_ascii_ncasecmp(t, text, n) == 0)
			return 1;
	}
	return 0;
}

static void parse_item(parse_state *st, const char *item, int final)
{
	const char *body = item;
	if (cu_starts_with_ci(body, "alt. "))
		body = skip_spaces(body + 5); /* "alt. DOB 1936": another value of the same kind */
	if (!*body)
		return;
	for (size_t i = 0; i < RULE_COUNT; i++) {
		const char *rest = match_label(body, rules[i].label);
		if (rest) {
			apply_rule(st, &rules[i], body, rest, final);
			return;
		}
	}
	if (is_title(st->ent, body))
		return;
	const char *label_end = generic_id_label(body);
	if (label_end && has_digit(label_end, strlen(label_end))) { /* a number, not a sentence */
		add_identifier(st, -1, body, (size_t)(label_end - body), value_start(label_end), final);
		return;
	}
	const char *first_end = word_end(body);
	if (memchr(body, '@', (size_t)(first_end - body))) {
		add_identifier(st, CORDON_ID_EMAIL, body, 0, body, final); /* a bare e-mail address */
		return;
	}
	if (cu_starts_with_ci(body, "www.") || cu_starts_with_ci(body, "http")) {
		add_identifier(st, CORDON_ID_WEBSITE, body, 0, body, final);
		return;
	}
	add_unknown(st, body);
}

/*
 * Whether the '.' ending the remarks belongs to the value: OFAC does not
 * double it, so "Linked To: GALAPAGOS S.A." keeps its period while
 * "Gender Male." loses it. A last word with an inner period or a common
 * abbreviation keeps it; a closing quote or parenthesis never does.
 */
static int keeps_final_period(const char *item, size_t len)
{
	static const char *const abbrev[] = {"LTD", "LTDA", "CO", "CORP", "INC", "JR",
	                                     "SR", "CIA", "BHD", "PTE", "ST"};
	if (len < 2)
		return 0;
	size_t end = len - 1;
	char prev = item[end - 1];
	if (prev == '\'' || prev == ')' || prev == '"' || prev == '.')
		return 0;
	size_t start = end;
	while (start > 0 && item[start - 1] != ' ')
		start--;
	if (memchr(item + start, '.', end - start))
		return 1;
	if (end - start == 1)
		return 1; /* an initial */
	return word_in(item + start, end - start, abbrev, sizeof(abbrev) / sizeof(*abbrev));
}

int csrc_ofac_parse_remarks(cm_entity *ent, const char *remarks, csrc_ctx *ctx)
{
	if (!ent || !remarks)
		return 0;
	char *text = cu_strdup(remarks);
	if (!text)
		return CORDON_ENOMEM;
	parse_state st = {ent, ctx, 0};
	/* The text is cleaned first: doubled spaces and stray control bytes would defeat label matching. */
	size_t len = cu_clean_text(text, strlen(text), NULL);
	char *p = text;
	while (p < text + len && !st.rc) {
		char *semi = strchr(p, ';');
		char *end = semi ? semi : text + len;
		*end = '\0';
		size_t n = cu_clean_text(p, (size_t)(end - p), NULL);
		int final = semi == NULL || *skip_spaces(semi + 1) == '\0';
		if (final && n && p[n - 1] == '.' && !keeps_final_period(p, n))
			p[--n] = '\0';
		if (n)
			parse_item(&st, p, final);
		p = end + 1;
	}
	free(text);
	return st.rc;
}

int csrc_ofac_add_name(cm_entity *ent, cordon_name_kind kind, int weak, const char *full)
{
	if (!full)
		return 0;
	const char *comma = ent->e.schema == CORDON_SCHEMA_PERSON ? strchr(full, ',') : NULL;
	if (!comma)
		return cm_add_name(ent, kind, weak, full, NULL, NULL, NULL);
	char *family = cu_strndup(full, (size_t)(comma - full));
	if (!family)
		return CORDON_ENOMEM;
	int rc = cm_add_name(ent, kind, weak, full, comma + 1, family, NULL);
	free(family);
	return rc;
}
