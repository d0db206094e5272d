#include "snapshot/entity_codec.h"

#include <stdlib.h>
#include <string.h>

#include "util/error.h"

/* ---- encoding ---- */

typedef struct {
	cu_buf *out;
	csnap_strings *sp;
	int failed;
} encoder;

static void put_varint(encoder *en, uint64_t v)
{
	uint8_t b[10];
	size_t n = 0;
	do {
		b[n] = (uint8_t)(v & 0x7F);
		v >>= 7;
		if (v)
			b[n] |= 0x80;
		n++;
	} while (v);
	if (cu_buf_append(en->out, b, n) != 0)
		en->failed = 1;
}

static void put_str(encoder *en, const char *s)
{
	put_varint(en, csnap_strings_add(en->sp, s, &en->failed));
}

static void put_date(encoder *en, const cordon_date *d)
{
	put_varint(en, (uint64_t)d->precision | (d->circa ? 0x10u : 0));
	put_varint(en, (uint16_t)d->year);
	put_varint(en, (uint8_t)d->month);
	put_varint(en, (uint8_t)d->day);
	put_varint(en, (uint16_t)d->end_year);
	put_varint(en, (uint8_t)d->end_month);
	put_varint(en, (uint8_t)d->end_day);
	put_str(en, d->text);
}

static void put_strings(encoder *en, const char *const *v, size_t n)
{
	put_varint(en, n);
	for (size_t i = 0; i < n; i++)
		put_str(en, v[i]);
}

int csnap_encode_entity(const cordon_entity *e, csnap_strings *sp, cu_buf *records, csnap_entity_row *row)
{
	encoder en = {records, sp, 0};
	size_t start = records->len;
	memset(row, 0, sizeof(*row));
	row->id = csnap_strings_add(sp, e->id, &en.failed);
	row->dataset = csnap_strings_add(sp, e->dataset, &en.failed);
	row->name = csnap_strings_add(sp, e->name_count ? e->names[0].full : NULL, &en.failed);
	row->schema = (uint8_t)e->schema;
	row->name_count = (uint32_t)e->name_count;
	row->record_offset = start;

	put_str(&en, e->gender);
	put_str(&en, e->remarks);
	put_str(&en, e->source_url);
	put_date(&en, &e->listing_date);
	put_varint(&en, e->name_count);
	for (size_t i = 0; i < e->name_count; i++) {
		const cordon_name *n = &e->names[i];
		put_varint(&en, (uint64_t)n->kind | (n->weak ? 0x10u : 0));
		put_str(&en, n->full);
		put_str(&en, n->given);
		put_str(&en, n->family);
		put_str(&en, n->script);
	}
	put_varint(&en, e->birth_date_count);
	for (size_t i = 0; i < e->birth_date_count; i++)
		put_date(&en, &e->birth_dates[i]);
	put_strings(&en, e->birth_places, e->birth_place_count);
	put_strings(&en, e->nationalities, e->nationality_count);
	put_strings(&en, e->citizenships, e->citizenship_count);
	put_strings(&en, e->countries, e->country_count);
	put_varint(&en, e->identifier_count);
	for (size_t i = 0; i < e->identifier_count; i++) {
		const cordon_identifier *id = &e->identifiers[i];
		put_varint(&en, id->kind);
		put_str(&en, id->label);
		put_str(&en, id->value);
		put_str(&en, id->country);
		put_str(&en, id->note);
	}
	put_varint(&en, e->address_count);
	for (size_t i = 0; i < e->address_count; i++) {
		const cordon_address *a = &e->addresses[i];
		put_str(&en, a->full);
		put_str(&en, a->street);
		put_str(&en, a->city);
		put_str(&en, a->region);
		put_str(&en, a->postal_code);
		put_str(&en, a->country);
	}
	put_strings(&en, e->programs, e->program_count);
	put_strings(&en, e->titles, e->title_count);
	put_varint(&en, e->relation_count);
	for (size_t i = 0; i < e->relation_count; i++) {
		put_str(&en, e->relations[i].kind);
		put_str(&en, e->relations[i].target);
	}
	put_varint(&en, e->attribute_count);
	for (size_t i = 0; i < e->attribute_count; i++) {
		put_str(&en, e->attributes[i].key);
		put_str(&en, e->attributes[i].value);
	}
	if (en.failed || records->len - start > UINT32_MAX)
		return cu_fail(CORDON_ENOMEM, "%s: cannot encode entity", e->id);
	row->record_size = (uint32_t)(records->len - start);
	return 0;
}

/* ---- decoding ---- */

/*
 * Decoding runs twice over a record: once with `block` NULL to size the
 * arrays, once to fill them. Every read is bounds-checked; a bad record sets
 * `bad` instead of reading past the end.
 */
typedef struct {
	const uint8_t *p, *end;
	const char *pool;
	size_t pool_size;
	int bad;
	char *block; /* NULL while sizing */
	size_t used;
} decoder;

static uint64_t get_varint(decoder *d)
{
	uint64_t v = 0;
	for (unsigned shift = 0; shift < 64; shift += 7) {
		if (d->p >= d->end) {
			d->bad = 1;
			return 0;
		}
		uint8_t b = *d->p++;
		v |= (uint64_t)(b & 0x7F) << shift;
		if (!(b & 0x80))
			return v;
	}
	d->bad = 1;
	return 0;
}

static const char *get_str(decoder *d)
{
	uint64_t ref = get_varint(d);
	if (ref > d->pool_size)
		d->bad = 1;
	return csnap_string_at(d->pool, d->pool_size, ref);
}

/* Reserves an array of n elements; NULL while sizing or for n == 0. */
static void *take(decoder *d, uint64_t n, size_t elem)
{
	if (n > (uint64_t)(d->end - d->p) + 1) { /* every element needs at least one byte */
		d->bad = 1;
		return NULL;
	}
	size_t bytes = ((size_t)n * elem + 15) & ~(size_t)15;
	void *p = d->block && n ? d->block + d->used : NULL;
	d->used += bytes;
	return p;
}

static void get_date(decoder *d, cordon_date *out)
{
	cordon_date t;
	uint64_t prec = get_varint(d);
	t.precision = (cordon_date_precision)(prec & 0x0F);
	t.circa = (prec & 0x10) != 0;
	t.year = (int16_t)get_varint(d);
	t.month = (int8_t)get_varint(d);
	t.day = (int8_t)get_varint(d);
	t.end_year = (int16_t)get_varint(d);
	t.end_month = (int8_t)get_varint(d);
	t.end_day = (int8_t)get_varint(d);
	t.text = get_str(d);
	if (t.precision > CORDON_DATE_TEXT)
		d->bad = 1;
	if (out)
		*out = t;
}

static const char **get_strings(decoder *d, size_t *count)
{
	uint64_t n = get_varint(d);
	const char **v = take(d, n, sizeof(*v));
	for (uint64_t i = 0; i < n && !d->bad; i++) {
		const char *s = get_str(d);
		if (v)
			v[i] = s ? s : "";
	}
	*count = (size_t)n;
	return v;
}

static void get_names(decoder *d, cordon_entity *e)
{
	uint64_t n = get_varint(d);
	e->names = take(d, n, sizeof(*e->names));
	e->name_count = (size_t)n;
	for (uint64_t i = 0; i < n && !d->bad; i++) {
		cordon_name t;
		uint64_t kind = get_varint(d);
		t.kind = (cordon_name_kind)(kind & 0x0F);
		t.weak = (kind & 0x10) != 0;
		t.full = get_str(d);
		t.given = get_str(d);
		t.family = get_str(d);
		t.script = get_str(d);
		if (!t.full)
			t.full = "";
		if (e->names)
			e->names[i] = t;
	}
}

static void get_identifiers(decoder *d, cordon_entity *e)
{
	uint64_t n = get_varint(d);
	e->identifiers = take(d, n, sizeof(*e->identifiers));
	e->identifier_count = (size_t)n;
	for (uint64_t i = 0; i < n && !d->bad; i++) {
		cordon_identifier t;
		uint64_t kind = get_varint(d);
		t.kind = kind < CORDON_ID_KIND_COUNT ? (cordon_id_kind)kind : CORDON_ID_OTHER;
		t.label = get_str(d);
		t.value = get_str(d);
		t.country = get_str(d);
		t.note = get_str(d);
		if (!t.value)
			t.value = "";
		if (e->identifiers)
			e->identifiers[i] = t;
	}
}

static void get_addresses(decoder *d, cordon_entity *e)
{
	uint64_t n = get_varint(d);
	e->addresses = take(d, n, sizeof(*e->addresses));
	e->address_count = (size_t)n;
	for (uint64_t i = 0; i < n && !d->bad; i++) {
		cordon_address t;
		t.full = get_str(d);
		t.street = get_str(d);
		t.city = get_str(d);
		t.region = get_str(d);
		t.postal_code = get_str(d);
		t.country = get_str(d);
		if (e->addresses)
			e->addresses[i] = t;
	}
}

/* Relations and attributes are both pairs of strings. */
static void *get_pairs(decoder *d, size_t *count)
{
	uint64_t n = get_varint(d);
	if (n > UINT64_MAX / 2)
		d->bad = 1; /* n * 2 would wrap to a small array while the count stays huge */
	const char **v = take(d, d->bad ? 0 : n * 2, sizeof(*v));
	for (uint64_t i = 0; i < n * 2 && !d->bad; i++) {
		const char *s = get_str(d);
		if (v)
			v[i] = s ? s : "";
	}
	*count = (size_t)n;
	return v;
}

static void decode_pass(decoder *d, cordon_entity *e)
{
	e->gender = get_str(d);
	e->remarks = get_str(d);
	e->source_url = get_str(d);
	get_date(d, &e->listing_date);
	get_names(d, e);
	uint64_t n = get_varint(d);
	e->birth_dates = take(d, n, sizeof(*e->birth_dates));
	e->birth_date_count = (size_t)n;
	for (uint64_t i = 0; i < n && !d->bad; i++)
		get_date(d, e->birth_dates ? &e->birth_dates[i] : NULL);
	e->birth_places = get_strings(d, &e->birth_place_count);
	e->nationalities = get_strings(d, &e->nationality_count);
	e->citizenships = get_strings(d, &e->citizenship_count);
	e->countries = get_strings(d, &e->country_count);
	get_identifiers(d, e);
	get_addresses(d, e);
	e->programs = get_strings(d, &e->program_count);
	e->titles = get_strings(d, &e->title_count);
	_Static_assert(sizeof(cordon_relation) == 2 * sizeof(char *), "relation is a string pair");
	_Static_assert(sizeof(cordon_attribute) == 2 * sizeof(char *), "attribute is a string pair");
	e->relations = get_pairs(d, &e->relation_count);
	e->attributes = get_pairs(d, &e->attribute_count);
}

int csnap_decode_entity(const csnap_entity_row *row, const uint8_t *records, size_t records_size,
                        const char *pool, size_t pool_size, cordon_entity *out)
{
	memset(out, 0, sizeof(*out));
	if (row->record_offset > records_size || row->record_size > records_size - row->record_offset)
		return cu_fail(CORDON_ECORRUPT, "snapshot entity record out of bounds");
	const uint8_t *start = records + row->record_offset;
	decoder d = {start, start + row->record_size, pool, pool_size, 0, NULL, 0};
	cordon_entity sizing;
	memset(&sizing, 0, sizeof(sizing));
	decode_pass(&d, &sizing);
	if (d.bad)
		return cu_fail(CORDON_ECORRUPT, "snapshot entity record is malformed");
	char *block = malloc(d.used ? d.used : 16);
	if (!block)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	decoder fill = {start, start + row->record_size, pool, pool_size, 0, block, 0};
	decode_pass(&fill, out);
	/* names is the first array taken, so it is the block; cordon_entity_dispose frees it */
	if (!out->names)
		out->names = (cordon_name *)block;
	out->id = csnap_string_at(pool, pool_size, row->id);
	out->dataset = csnap_string_at(pool, pool_size, row->dataset);
	out->schema = row->schema < CORDON_SCHEMA_COUNT ? (cordon_schema)row->schema : CORDON_SCHEMA_UNKNOWN;
	return 0;
}
