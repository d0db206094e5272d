/*
 * EU Financial Sanctions File, XML 1.1 (list-formats.md section 9.1), read
 * streaming: each sanctionEntity under the root export element is expanded
 * on its own, converted and released before the next.
 *
 * Choices worth knowing:
 *  - ids are "<dataset>:<logicalId>"; a sanctionEntity without logicalId is skipped;
 *  - the first nameAlias with strong="true" (else the first one) is the primary
 *    name; strong="false" aliases are weak; nameLanguage becomes the name's
 *    language tag (lower case), else the script is detected from the letters;
 *  - citizenship goes to citizenships; country code "00" means unknown and is
 *    dropped, the legacy code "CS" becomes RS; an unusable code falls back to
 *    countryDescription, and else the text is kept as attribute "citizenship_text";
 *  - listing date: designationDate, else the earliest regulation
 *    publicationDate (or entryIntoForceDate);
 *  - regulationSummary elements (repeating the legal basis) are known and
 *    ignored; any other unused element counts in stats.unknown_fields.
 */
#include <string.h>

#include "model/country.h"
#include "model/date.h"
#include "model/idkind.h"
#include "sources/source.h"
#include "sources/xml_util.h"
#include "util/error.h"
#include "util/strutil.h"

#define EU_NS "http://eu.europa.ec/fpi/fsd/export"

typedef struct {
	csrc_ctx *ctx;
	xu_reader *r;
	xu_scratch s;
	int root_seen;
	unsigned long records;
} eu_state;

typedef struct {
	eu_state *st;
	cm_entity *ent;
	const xmlNode *primary; /* the nameAlias used as primary name */
	cordon_date first_regulation;
	const char *remarks;
} eu_rec;

#define A(el, name) xu_attr(&u->st->s, (el), (name))

static int is_true(const char *v)
{
	return v && cu_ascii_casecmp(v, "true") == 0;
}

static const char *join_sep(eu_rec *u, const char *sep, const char *const *parts, size_t n)
{
	return xu_join(&u->st->s, sep, parts, n);
}

/* ISO-2 from countryIso2Code, falling back to countryDescription; NULL when unknown ("00"). */
static const char *eu_country(const char *code, const char *description)
{
	if (code && strcmp(code, "00") != 0) {
		if (cu_ascii_casecmp(code, "CS") == 0)
			return "RS"; /* Serbia (and Montenegro), legacy code */
		const char *c = cm_country_code(code);
		if (c)
			return c;
	}
	if (description && cu_ascii_casecmp(description, "UNKNOWN") != 0)
		return cm_country_code(description);
	return NULL;
}

/* A readable country for places: the English name of the code, else the description. */
static const char *country_text(const xmlNode *el, eu_rec *u)
{
	const char *desc = A(el, "countryDescription");
	const char *code = eu_country(A(el, "countryIso2Code"), desc);
	const char *name = code ? cm_country_name(code) : NULL;
	if (name)
		return name;
	return desc && cu_ascii_casecmp(desc, "UNKNOWN") != 0 ? desc : NULL;
}

static void count_unknown_children(eu_rec *u, const xmlNode *el, const char *const *names)
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

/* Adds the text of each <remark> child of el as attribute key. */
static int child_remarks(eu_rec *u, const xmlNode *el, const char *key)
{
	int rc = 0;
	for (const xmlNode *c = el->children; c && !rc; c = c->next)
		if (xu_is(c, "remark"))
			rc = cm_add_attribute(u->ent, key, xu_text(&u->st->s, c));
	return rc;
}

static const char *const sub_known[] = {"regulationSummary", "remark", NULL};

/* ---- names ---- */

static int h_name(eu_rec *u, const xmlNode *el)
{
	count_unknown_children(u, el, sub_known);
	const char *first = A(el, "firstName"), *middle = A(el, "middleName"), *last = A(el, "lastName");
	const char *given_parts[] = {first, middle};
	const char *given = join_sep(u, " ", given_parts, 2);
	const char *full = A(el, "wholeName");
	if (!full) {
		const char *parts[] = {given, last};
		full = join_sep(u, " ", parts, 2);
	}
	const char *lang = A(el, "nameLanguage");
	char tag[16] = "";
	if (lang && strlen(lang) < sizeof(tag)) {
		memcpy(tag, lang, strlen(lang) + 1);
		cu_ascii_lower(tag);
	}
	const char *script = tag[0] ? tag : (full ? xu_script(full) : NULL);
	int weak = A(el, "strong") && !is_true(A(el, "strong"));
	cordon_name_kind kind = el == u->primary ? CORDON_NAME_PRIMARY : CORDON_NAME_AKA;
	int rc = cm_add_name(u->ent, kind, el == u->primary ? 0 : weak, full, given, last, script);
	if (!rc)
		rc = cm_add_title(u->ent, A(el, "title"));
	if (!rc)
		rc = cm_add_title(u->ent, A(el, "function"));
	if (!rc && !u->ent->e.gender)
		rc = cm_set_gender(u->ent, A(el, "gender"));
	return rc ? rc : child_remarks(u, el, "name_remark");
}

static int has_name(eu_rec *u, const xmlNode *el)
{
	return A(el, "wholeName") || A(el, "firstName") || A(el, "lastName");
}

/* The first strong nameAlias that carries a name, else the first with a name. */
static const xmlNode *find_primary(eu_rec *u, const xmlNode *rec)
{
	const xmlNode *any = NULL;
	for (const xmlNode *c = rec->children; c; c = c->next) {
		if (!xu_is(c, "nameAlias") || !has_name(u, c))
			continue;
		if (!A(c, "strong") || is_true(A(c, "strong")))
			return c;
		if (!any)
			any = c;
	}
	return any;
}

/* ---- places, dates, countries ---- */

static int h_citizenship(eu_rec *u, const xmlNode *el)
{
	count_unknown_children(u, el, sub_known);
	const char *desc = A(el, "countryDescription"), *code = A(el, "countryIso2Code");
	const char *iso = eu_country(code, desc);
	int rc;
	if (iso)
		rc = cm_add_citizenship(u->ent, iso);
	else if (desc && cu_ascii_casecmp(desc, "UNKNOWN") != 0)
		rc = cm_add_attribute(u->ent, "citizenship_text", desc);
	else if (code && strcmp(code, "00") != 0)
		rc = cm_add_attribute(u->ent, "citizenship_text", code);
	else
		rc = 0;
	return rc ? rc : child_remarks(u, el, "citizenship_remark");
}

static int int_attr(eu_rec *u, const xmlNode *el, const char *name, unsigned long long max, int *out)
{
	const char *v = A(el, name);
	unsigned long long n;
	if (!v || cu_parse_uint(v, strlen(v), max, &n) != 0 || n == 0)
		return 0;
	*out = (int)n;
	return 1;
}

/* birthdate="1960-01-01", or year/monthOfYear/dayOfMonth, or yearRangeFrom/To; 0 when none is usable. */
static int birth_value(eu_rec *u, const xmlNode *el, cordon_date *d)
{
	const char *full = A(el, "birthdate");
	int y = 0, m = 0, day = 0, y2 = 0;
	if (full && cm_date_parse_iso(full, d) == 0)
		return 1;
	if (int_attr(u, el, "year", 9999, &y)) {
		if (int_attr(u, el, "monthOfYear", 12, &m) && int_attr(u, el, "dayOfMonth", 31, &day) &&
		    day > cm_days_in_month(y, m))
			day = 0;
		cm_date_set(d, y, m, m ? day : 0);
		return 1;
	}
	int has_from = int_attr(u, el, "yearRangeFrom", 9999, &y);
	int has_to = int_attr(u, el, "yearRangeTo", 9999, &y2);
	if (has_from && has_to && y <= y2)
		cm_date_set_year_range(d, y, y2);
	else if (has_from || has_to)
		cm_date_set(d, has_from ? y : y2, 0, 0);
	else if (full)
		cm_date_set_text(d, full);
	else
		return 0;
	return 1;
}

static int h_birthdate(eu_rec *u, const xmlNode *el)
{
	count_unknown_children(u, el, sub_known);
	cordon_date d;
	int rc = 0;
	if (birth_value(u, el, &d)) {
		d.circa = is_true(A(el, "circa"));
		rc = cm_add_birth_date(u->ent, &d);
	}
	const char *cal = A(el, "calendarType");
	if (!rc && cal && cu_ascii_casecmp(cal, "GREGORIAN") != 0)
		rc = cm_add_attribute(u->ent, "birth_calendar", cal);
	const char *parts[] = {A(el, "place"), A(el, "city"), A(el, "zipCode"), A(el, "region"),
	                       country_text(el, u)};
	if (!rc)
		rc = cm_add_birth_place(u->ent, join_sep(u, ", ", parts, 5));
	return rc ? rc : child_remarks(u, el, "birth_remark");
}

/* ---- identification ---- */

static cordon_id_kind id_kind(const char *code, const char *description)
{
	if (code && cu_ascii_casecmp(code, "passport") == 0)
		return CORDON_ID_PASSPORT;
	if (code && cu_ascii_casecmp(code, "id") == 0)
		return CORDON_ID_NATIONAL_ID;
	cordon_id_kind kind = description ? cm_id_kind_from_label(description) : CORDON_ID_OTHER;
	return kind == CORDON_ID_OTHER && code ? cm_id_kind_from_label(code) : kind;
}

static const char *labelled(eu_rec *u, const char *label, const char *value)
{
	const char *parts[] = {label, value};
	return value ? join_sep(u, " ", parts, 2) : NULL;
}

/* Issue, validity and status qualifiers of a document, one "; "-separated note. */
static const char *id_note(eu_rec *u, const xmlNode *el)
{
	const char *remark = xu_text(&u->st->s, xu_child(el, "remark"));
	const char *parts[] = {
		is_true(A(el, "knownFalse")) ? "known false" : NULL,
		is_true(A(el, "knownExpired")) ? "known expired" : NULL,
		is_true(A(el, "reportedLost")) ? "reported lost" : NULL,
		is_true(A(el, "revokedByIssuer")) ? "revoked by issuer" : NULL,
		is_true(A(el, "diplomatic")) ? "diplomatic" : NULL,
		labelled(u, "issued by", A(el, "issuedBy")),
		labelled(u, "issued", A(el, "issueDate")),
		labelled(u, "valid from", A(el, "validFrom")),
		labelled(u, "valid to", A(el, "validTo")),
		labelled(u, "name on document:", A(el, "nameOnDocument")),
		labelled(u, "region:", A(el, "region")),
		remark,
	};
	return join_sep(u, "; ", parts, sizeof(parts) / sizeof(*parts));
}

static int h_identification(eu_rec *u, const xmlNode *el)
{
	count_unknown_children(u, el, sub_known);
	const char *code = A(el, "identificationTypeCode"), *desc = A(el, "identificationTypeDescription");
	const char *number = A(el, "number"), *latin = A(el, "latinNumber");
	const char *country = eu_country(A(el, "countryIso2Code"), A(el, "countryDescription"));
	const char *note = id_note(u, el);
	cordon_id_kind kind = id_kind(code, desc);
	const char *label = desc ? desc : code;
	if (!number && !latin) {
		const char *parts[] = {label, note};
		return note ? cm_add_attribute(u->ent, "identification", join_sep(u, ": ", parts, 2)) : 0;
	}
	int rc = cm_add_identifier(u->ent, kind, label, number ? number : latin, country, note);
	if (!rc && number && latin && strcmp(number, latin) != 0) /* a transliterated number matches too */
		rc = cm_add_identifier(u->ent, kind, label, latin, country, note);
	return rc;
}

/* ---- address ---- */

static int contact(eu_rec *u, const xmlNode *el)
{
	const char *key = A(el, "key"), *value = A(el, "value");
	if (!value)
		return 0;
	cordon_id_kind kind = CORDON_ID_OTHER;
	if (key && (cu_starts_with_ci(key, "phone") || cu_ascii_casecmp(key, "tel") == 0 ||
	            cu_ascii_casecmp(key, "telephone") == 0 || cu_starts_with_ci(key, "fax") ||
	            cu_starts_with_ci(key, "mobile")))
		kind = CORDON_ID_PHONE;
	else if (key && (cu_starts_with_ci(key, "email") || cu_starts_with_ci(key, "e-mail")))
		kind = CORDON_ID_EMAIL;
	else if (key && (cu_starts_with_ci(key, "web") || cu_starts_with_ci(key, "url")))
		kind = CORDON_ID_WEBSITE;
	if (kind != CORDON_ID_OTHER)
		return cm_add_identifier(u->ent, kind, key, value, NULL, NULL);
	const char *parts[] = {key, value};
	return cm_add_attribute(u->ent, "contact", join_sep(u, ": ", parts, 2));
}

static int h_address(eu_rec *u, const xmlNode *el)
{
	static const char *const known[] = {"regulationSummary", "remark", "contactInfo", NULL};
	count_unknown_children(u, el, known);
	cordon_address a = {0};
	const char *po = labelled(u, "P.O. Box", A(el, "poBox"));
	const char *street_parts[] = {A(el, "street"), po};
	a.street = join_sep(u, ", ", street_parts, 2);
	a.city = A(el, "city");
	a.region = A(el, "region");
	a.postal_code = A(el, "zipCode");
	a.country = eu_country(A(el, "countryIso2Code"), A(el, "countryDescription"));
	const char *parts[] = {a.street, A(el, "place"), a.postal_code, a.city, a.region, country_text(el, u)};
	a.full = join_sep(u, ", ", parts, 6);
	int rc = cm_add_address(u->ent, &a);
	for (const xmlNode *c = el->children; c && !rc; c = c->next)
		if (xu_is(c, "contactInfo"))
			rc = contact(u, c);
	return rc ? rc : child_remarks(u, el, "address_remark");
}

/* ---- regulation, remarks, entity attributes ---- */

static int earlier(const cordon_date *a, const cordon_date *b)
{
	if (b->precision == CORDON_DATE_NONE)
		return 1;
	if (a->year != b->year)
		return a->year < b->year;
	if (a->month != b->month)
		return a->month < b->month;
	return a->day < b->day;
}

static int h_regulation(eu_rec *u, const xmlNode *el)
{
	static const char *const known[] = {"publicationUrl", "regulationSummary", NULL};
	count_unknown_children(u, el, known);
	int rc = cm_add_program(u->ent, A(el, "programme"));
	if (!rc)
		rc = cm_add_attribute(u->ent, "regulation", A(el, "numberTitle"));
	if (!rc)
		rc = cm_set_source_url(u->ent, xu_text(&u->st->s, xu_child(el, "publicationUrl")));
	const char *date = A(el, "publicationDate");
	if (!date)
		date = A(el, "entryIntoForceDate");
	cordon_date d;
	if (date && cm_date_parse_iso(date, &d) == 0 && earlier(&d, &u->first_regulation))
		u->first_regulation = d;
	return rc;
}

static int h_remark(eu_rec *u, const xmlNode *el)
{
	const char *text = xu_text(&u->st->s, el);
	if (text) {
		const char *parts[] = {u->remarks, text};
		u->remarks = join_sep(u, " ", parts, 2);
	}
	return 0;
}

static int h_known(eu_rec *u, const xmlNode *el)
{
	(void)u;
	(void)el;
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(eu_rec *u, const xmlNode *el);
} handlers[] = {
	{"regulation", h_regulation},
	{"subjectType", h_known}, /* read up front: it decides the schema */
	{"nameAlias", h_name},
	{"citizenship", h_citizenship},
	{"birthdate", h_birthdate},
	{"identification", h_identification},
	{"address", h_address},
	{"remark", h_remark},
	{"regulationSummary", h_known},
};

static int entity_attributes(eu_rec *u, const xmlNode *rec)
{
	int rc = cm_add_attribute(u->ent, "eu_reference_number", A(rec, "euReferenceNumber"));
	if (!rc)
		rc = cm_add_attribute(u->ent, "un_reference_number", A(rec, "unitedNationId"));
	if (!rc)
		rc = cm_add_attribute(u->ent, "designation_details", A(rec, "designationDetails"));
	const char *designated = A(rec, "designationDate");
	cordon_date d;
	if (!rc && designated && cm_date_parse_iso(designated, &d) == 0)
		rc = cm_set_listing_date(u->ent, &d);
	else if (!rc && u->first_regulation.precision != CORDON_DATE_NONE)
		rc = cm_set_listing_date(u->ent, &u->first_regulation);
	if (!rc && u->remarks)
		rc = cm_set_remarks(u->ent, u->remarks);
	return rc;
}

static int fill_record(eu_rec *u, const xmlNode *rec)
{
	int rc = 0;
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
	return rc ? rc : entity_attributes(u, rec);
}

static cordon_schema schema_of(eu_state *st, const xmlNode *rec)
{
	const char *code = xu_attr(&st->s, xu_child(rec, "subjectType"), "code");
	if (code && cu_ascii_casecmp(code, "person") == 0)
		return CORDON_SCHEMA_PERSON;
	if (code && cu_ascii_casecmp(code, "enterprise") == 0)
		return CORDON_SCHEMA_ORGANIZATION;
	return CORDON_SCHEMA_UNKNOWN;
}

static int skip_record(eu_state *st, const xmlNode *rec, const char *why, const char *detail)
{
	st->ctx->stats.skipped_rows++;
	csrc_warn(st->ctx, "%s:%lu: sanctionEntity skipped: %s%s", st->r->path, xu_line(rec), why,
	          detail ? detail : "");
	return 0;
}

static int read_record(eu_state *st, const xmlNode *rec)
{
	xu_scratch_reset(&st->s);
	st->ctx->stats.rows++;
	st->records++;
	const char *id = xu_attr(&st->s, rec, "logicalId");
	if (st->s.oversize)
		return skip_record(st, rec, "value too long in ", st->s.oversize_in);
	if (!id)
		return skip_record(st, rec, "no logicalId", NULL);
	cm_entity *ent = cm_entity_new(st->ctx->dataset, id, schema_of(st, rec));
	if (!ent)
		return cu_fail(CORDON_ENOMEM, "%s:%lu: out of memory", st->r->path, xu_line(rec));
	eu_rec u = {.st = st, .ent = ent};
	u.primary = find_primary(&u, rec);
	int rc = fill_record(&u, rec);
	if (rc) {
		cm_entity_free(ent);
		return cu_fail(rc, "%s:%lu: out of memory", st->r->path, xu_line(rec));
	}
	if (st->s.oversize || ent->e.name_count == 0) {
		cm_entity_free(ent);
		return st->s.oversize ? skip_record(st, rec, "value too long in ", st->s.oversize_in)
		                      : skip_record(st, rec, "no name in logicalId ", id);
	}
	return st->ctx->emit(st->ctx, ent);
}

static int on_root(eu_state *st)
{
	xu_reader *r = st->r;
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(r->reader);
	if (strcmp(xu_reader_name(r), "export") != 0 || (ns && strcmp((const char *)ns, EU_NS) != 0))
		return xu_fail(r, CORDON_EPARSE, "root element <%s> (namespace %s) is not an EU FSF export",
		               xu_reader_name(r), ns ? (const char *)ns : "none");
	st->root_seen = 1;
	char *generated = (char *)xmlTextReaderGetAttribute(r->reader, (const xmlChar *)"generationDate");
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

static int walk(eu_state *st)
{
	xu_reader *r = st->r;
	int rc = xu_read(r);
	while (rc == 1) {
		if (xmlTextReaderNodeType(r->reader) != XML_READER_TYPE_ELEMENT) {
			rc = xu_read(r);
			continue;
		}
		int depth = xmlTextReaderDepth(r->reader);
		if (depth == 0) {
			rc = on_root(st);
			if (!rc)
				rc = xu_read(r);
		} else if (depth == 1 && strcmp(xu_reader_name(r), "sanctionEntity") == 0) {
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

int csrc_read_eu_fsf(csrc_ctx *ctx, const char *path)
{
	xu_reader r;
	int rc = xu_open(&r, ctx, path);
	if (rc)
		return rc;
	eu_state st = {.ctx = ctx, .r = &r};
	xu_scratch_init(&st.s);
	rc = walk(&st);
	if (rc == 0 && !st.root_seen)
		rc = xu_fail_no_root(&r);
	else if (rc == 0 && st.records == 0)
		rc = cu_fail(CORDON_EPARSE, "%s: no sanctionEntity records", path);
	xu_scratch_dispose(&st.s);
	xu_close(&r);
	return rc < 0 ? rc : 0;
}
