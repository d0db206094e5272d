/* Canonical strings for the values of each entity field (see fields.h). */
#include "diff/fields.h"

#include <stdlib.h>
#include <string.h>

#include "model/date.h"
#include "util/error.h"

static const char *const field_names[CDIFF_FIELD_COUNT] = {
	"schema",       "name",      "aliases",     "gender",    "birth_dates", "birth_places",
	"nationalities", "citizenships", "countries", "identifiers", "addresses",   "programs",
	"titles",       "relations", "attributes",  "listing_date", "remarks",   "source_url"};

const char *cdiff_field_name(cdiff_field field)
{
	return (unsigned)field < CDIFF_FIELD_COUNT ? field_names[field] : NULL;
}

int cdiff_field_is_scalar(cdiff_field field)
{
	return field == CDIFF_SCHEMA || field == CDIFF_NAME || field == CDIFF_GENDER || field == CDIFF_LISTING_DATE ||
	       field == CDIFF_REMARKS || field == CDIFF_SOURCE_URL;
}

/* Appends "<sep><label>=<value>" for a hidden part that is set. */
static void hidden(cu_buf *b, const char *label, const char *value)
{
	if (!value)
		return;
	cu_buf_putc(b, CDIFF_HIDDEN_SEP);
	cu_buf_printf(b, "%s=%s", label, value);
}

static void render_date(cu_buf *b, const cordon_date *d)
{
	char text[64];
	cm_date_format(d, text, sizeof(text));
	cu_buf_puts(b, text);
	/* the same date published differently ("10 Dec 1948" / "1948-12-10") is a change of the record */
	if (d->text && strcmp(d->text, text) != 0)
		hidden(b, "as published", d->text);
}

static void render_name(cu_buf *b, const cordon_name *n, int with_kind)
{
	cu_buf_puts(b, n->full);
	if (with_kind) {
		cu_buf_printf(b, " [%s%s", cordon_name_kind_name(n->kind), n->weak ? ", weak" : "");
		if (n->script)
			cu_buf_printf(b, ", %s", n->script);
		cu_buf_putc(b, ']');
	} else {
		if (n->weak)
			hidden(b, "weak", "yes");
		hidden(b, "script", n->script);
	}
	hidden(b, "given", n->given);
	hidden(b, "family", n->family);
}

static void render_identifier(cu_buf *b, const cordon_identifier *id)
{
	cu_buf_printf(b, "%s %s", cordon_id_kind_name(id->kind), id->value);
	if (id->country)
		cu_buf_printf(b, " (%s)", id->country);
	if (id->note)
		cu_buf_printf(b, "; %s", id->note);
	hidden(b, "label", id->label);
}

static void render_address(cu_buf *b, const cordon_address *ad)
{
	cu_buf_puts(b, ad->full ? ad->full : "");
	hidden(b, "street", ad->street);
	hidden(b, "city", ad->city);
	hidden(b, "region", ad->region);
	hidden(b, "postal_code", ad->postal_code);
	hidden(b, "country", ad->country);
}

/* Renders value i of field f (the caller knows the count); 0 when nothing to render. */
static int render_value(cu_buf *b, const cordon_entity *e, cdiff_field f, size_t i)
{
	switch (f) {
	case CDIFF_SCHEMA: return cu_buf_puts(b, cordon_schema_name(e->schema) ? cordon_schema_name(e->schema) : "?");
	case CDIFF_NAME: render_name(b, &e->names[0], 0); break;
	case CDIFF_ALIASES: render_name(b, &e->names[i + 1], 1); break;
	case CDIFF_GENDER: return cu_buf_puts(b, e->gender);
	case CDIFF_BIRTH_DATES: render_date(b, &e->birth_dates[i]); break;
	case CDIFF_BIRTH_PLACES: return cu_buf_puts(b, e->birth_places[i]);
	case CDIFF_NATIONALITIES: return cu_buf_puts(b, e->nationalities[i]);
	case CDIFF_CITIZENSHIPS: return cu_buf_puts(b, e->citizenships[i]);
	case CDIFF_COUNTRIES: return cu_buf_puts(b, e->countries[i]);
	case CDIFF_IDENTIFIERS: render_identifier(b, &e->identifiers[i]); break;
	case CDIFF_ADDRESSES: render_address(b, &e->addresses[i]); break;
	case CDIFF_PROGRAMS: return cu_buf_puts(b, e->programs[i]);
	case CDIFF_TITLES: return cu_buf_puts(b, e->titles[i]);
	case CDIFF_RELATIONS: return cu_buf_printf(b, "%s: %s", e->relations[i].kind, e->relations[i].target);
	case CDIFF_ATTRIBUTES: return cu_buf_printf(b, "%s: %s", e->attributes[i].key, e->attributes[i].value);
	case CDIFF_LISTING_DATE: render_date(b, &e->listing_date); break;
	case CDIFF_REMARKS: return cu_buf_puts(b, e->remarks);
	case CDIFF_SOURCE_URL: return cu_buf_puts(b, e->source_url);
	case CDIFF_FIELD_COUNT: break;
	}
	return 0;
}

static size_t value_count(const cordon_entity *e, cdiff_field f)
{
	switch (f) {
	case CDIFF_SCHEMA: return 1;
	case CDIFF_NAME: return e->name_count > 0;
	case CDIFF_ALIASES: return e->name_count > 1 ? e->name_count - 1 : 0;
	case CDIFF_GENDER: return e->gender != NULL;
	case CDIFF_BIRTH_DATES: return e->birth_date_count;
	case CDIFF_BIRTH_PLACES: return e->birth_place_count;
	case CDIFF_NATIONALITIES: return e->nationality_count;
	case CDIFF_CITIZENSHIPS: return e->citizenship_count;
	case CDIFF_COUNTRIES: return e->country_count;
	case CDIFF_IDENTIFIERS: return e->identifier_count;
	case CDIFF_ADDRESSES: return e->address_count;
	case CDIFF_PROGRAMS: return e->program_count;
	case CDIFF_TITLES: return e->title_count;
	case CDIFF_RELATIONS: return e->relation_count;
	case CDIFF_ATTRIBUTES: return e->attribute_count;
	case CDIFF_LISTING_DATE: return e->listing_date.precision != CORDON_DATE_NONE;
	case CDIFF_REMARKS: return e->remarks != NULL;
	case CDIFF_SOURCE_URL: return e->source_url != NULL;
	case CDIFF_FIELD_COUNT: break;
	}
	return 0;
}

/* ---- the fast path: equal values in equal order ---- */

static int str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static int strs_eq(const char *const *a, const char *const *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!str_eq(a[i], b[i]))
			return 0;
	return 1;
}

static int name_eq(const cordon_name *a, const cordon_name *b)
{
	return a->kind == b->kind && a->weak == b->weak && str_eq(a->full, b->full) && str_eq(a->given, b->given) &&
	       str_eq(a->family, b->family) && str_eq(a->script, b->script);
}

static int date_eq(const cordon_date *a, const cordon_date *b)
{
	return a->precision == b->precision && a->circa == b->circa && a->year == b->year && a->month == b->month &&
	       a->day == b->day && a->end_year == b->end_year && a->end_month == b->end_month &&
	       a->end_day == b->end_day && str_eq(a->text, b->text);
}

static int identifier_eq(const cordon_identifier *a, const cordon_identifier *b)
{
	return a->kind == b->kind && str_eq(a->label, b->label) && str_eq(a->value, b->value) &&
	       str_eq(a->country, b->country) && str_eq(a->note, b->note);
}

static int address_eq(const cordon_address *a, const cordon_address *b)
{
	return str_eq(a->full, b->full) && str_eq(a->street, b->street) && str_eq(a->city, b->city) &&
	       str_eq(a->region, b->region) && str_eq(a->postal_code, b->postal_code) && str_eq(a->country, b->country);
}

/* Calls eq on each pair of elements i of arrays a and b (n elements of size sz). */
#define ALL_EQ(a, b, n, eq)                                 \
	do {                                                \
		for (size_t i_ = 0; i_ < (n); i_++)         \
			if (!eq(&(a)[i_], &(b)[i_]))        \
				return 0;                   \
		return 1;                                   \
	} while (0)

static int relation_eq(const cordon_relation *a, const cordon_relation *b)
{
	return str_eq(a->kind, b->kind) && str_eq(a->target, b->target);
}

static int attribute_eq(const cordon_attribute *a, const cordon_attribute *b)
{
	return str_eq(a->key, b->key) && str_eq(a->value, b->value);
}

int cdiff_field_same_order(const cordon_entity *a, const cordon_entity *b, cdiff_field f)
{
	size_t n = value_count(a, f);
	if (n != value_count(b, f))
		return 0;
	switch (f) {
	case CDIFF_SCHEMA: return a->schema == b->schema;
	case CDIFF_NAME: return n == 0 || name_eq(&a->names[0], &b->names[0]);
	case CDIFF_ALIASES: ALL_EQ(a->names + 1, b->names + 1, n, name_eq);
	case CDIFF_GENDER: return str_eq(a->gender, b->gender);
	case CDIFF_BIRTH_DATES: ALL_EQ(a->birth_dates, b->birth_dates, n, date_eq);
	case CDIFF_BIRTH_PLACES: return strs_eq(a->birth_places, b->birth_places, n);
	case CDIFF_NATIONALITIES: return strs_eq(a->nationalities, b->nationalities, n);
	case CDIFF_CITIZENSHIPS: return strs_eq(a->citizenships, b->citizenships, n);
	case CDIFF_COUNTRIES: return strs_eq(a->countries, b->countries, n);
	case CDIFF_IDENTIFIERS: ALL_EQ(a->identifiers, b->identifiers, n, identifier_eq);
	case CDIFF_ADDRESSES: ALL_EQ(a->addresses, b->addresses, n, address_eq);
	case CDIFF_PROGRAMS: return strs_eq(a->programs, b->programs, n);
	case CDIFF_TITLES: return strs_eq(a->titles, b->titles, n);
	case CDIFF_RELATIONS: ALL_EQ(a->relations, b->relations, n, relation_eq);
	case CDIFF_ATTRIBUTES: ALL_EQ(a->attributes, b->attributes, n, attribute_eq);
	case CDIFF_LISTING_DATE: return n == 0 || date_eq(&a->listing_date, &b->listing_date);
	case CDIFF_REMARKS: return str_eq(a->remarks, b->remarks);
	case CDIFF_SOURCE_URL: return str_eq(a->source_url, b->source_url);
	case CDIFF_FIELD_COUNT: break;
	}
	return 0;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int cdiff_render_field(const cordon_entity *e, cdiff_field f, cu_arena *a, cu_buf *tmp, const char ***out,
                       size_t *count_out)
{
	size_t n = value_count(e, f);
	*out = NULL;
	*count_out = 0;
	if (n == 0)
		return 0;
	const char **values = cu_arena_alloc(a, n * sizeof(*values));
	if (!values)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		cu_buf_reset(tmp);
		if (render_value(tmp, e, f, i) != 0)
			return cu_fail(CORDON_ENOMEM, "%s: field %s too large to compare", e->id, field_names[f]);
		values[i] = cu_arena_strndup(a, tmp->data ? tmp->data : "", tmp->len);
		if (!values[i])
			return cu_fail(CORDON_ENOMEM, "out of memory");
	}
	if (n > 1)
		qsort(values, n, sizeof(*values), compare_strings);
	*out = values;
	*count_out = n;
	return 0;
}
