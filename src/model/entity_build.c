#include "model/entity_build.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "util/strutil.h"

enum {
	CAP_NAMES,
	CAP_DATES,
	CAP_PLACES,
	CAP_NATIONALITIES,
	CAP_CITIZENSHIPS,
	CAP_COUNTRIES,
	CAP_IDENTIFIERS,
	CAP_ADDRESSES,
	CAP_PROGRAMS,
	CAP_TITLES,
	CAP_RELATIONS,
	CAP_ATTRIBUTES
};

/*
 * Copies native_id to out (NULL: only measures), invalid UTF-8 replaced with
 * U+FFFD like in every other stored value: ids come from delimited files
 * unchecked and must stay printable as JSON. Returns the length written.
 */
static size_t copy_id(const char *native_id, size_t len, char *out, int *repaired)
{
	size_t in = 0, n = 0;
	while (in < len) {
		size_t start = in;
		UChar32 cp;
		U8_NEXT(native_id, in, len, cp);
		if (cp < 0) {
			*repaired = 1;
			if (out)
				memcpy(out + n, "\xEF\xBF\xBD", 3);
			n += 3;
		} else {
			if (out)
				memcpy(out + n, native_id + start, in - start);
			n += in - start;
		}
	}
	return n;
}

cm_entity *cm_entity_new(const char *dataset, const char *native_id, cordon_schema schema)
{
	cm_entity *ent = calloc(1, sizeof(*ent));
	if (!ent)
		return NULL;
	cu_arena_init(&ent->arena);
	int repaired = 0;
	size_t dl = strlen(dataset), nl = strlen(native_id), il = copy_id(native_id, nl, NULL, &repaired);
	char *id = cu_arena_alloc(&ent->arena, dl + il + 2);
	if (!id) {
		cm_entity_free(ent);
		return NULL;
	}
	memcpy(id, dataset, dl);
	id[dl] = ':';
	copy_id(native_id, nl, id + dl + 1, &repaired);
	id[dl + 1 + il] = '\0';
	if (repaired)
		ent->text_repairs++;
	ent->e.id = id;
	ent->e.dataset = cu_arena_strndup(&ent->arena, dataset, dl);
	ent->e.schema = schema;
	return ent;
}

void cm_entity_free(cm_entity *ent)
{
	if (!ent)
		return;
	cu_arena_dispose(&ent->arena);
	free(ent);
}

const char *cm_intern(cm_entity *ent, const char *s)
{
	if (!s)
		return NULL;
	size_t len = strlen(s);
	char stack[512];
	char *tmp = 3 * len + 1 <= sizeof(stack) ? stack : malloc(3 * len + 1);
	if (!tmp)
		return NULL;
	int repaired = 0;
	size_t n = cu_clean_text_to(s, len, tmp, &repaired);
	if (repaired)
		ent->text_repairs++;
	char *p = n ? cu_arena_strndup(&ent->arena, tmp, n) : NULL;
	if (tmp != stack)
		free(tmp);
	return p;
}

/* Makes room for one more element of an arena-backed array. */
static int reserve(cm_entity *ent, void **array, size_t count, size_t elem, int which)
{
	if (count < ent->cap[which])
		return 0;
	size_t cap = ent->cap[which] ? ent->cap[which] * 2 : 2;
	void *p = cu_arena_alloc(&ent->arena, cap * elem);
	if (!p)
		return CORDON_ENOMEM;
	if (count)
		memcpy(p, *array, count * elem);
	*array = p;
	ent->cap[which] = cap;
	return 0;
}

static int add_string(cm_entity *ent, const char ***array, size_t *count, int which, const char *value,
                      int dedup)
{
	const char *v = cm_intern(ent, value);
	if (!v)
		return 0;
	if (dedup)
		for (size_t i = 0; i < *count; i++)
			if (strcmp((*array)[i], v) == 0)
				return 0;
	if (reserve(ent, (void **)array, *count, sizeof(**array), which))
		return CORDON_ENOMEM;
	(*array)[(*count)++] = v;
	return 0;
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int cm_add_name(cm_entity *ent, cordon_name_kind kind, int weak, const char *full, const char *given,
                const char *family, const char *script)
{
	cordon_name n = {kind, weak ? 1 : 0, cm_intern(ent, full), cm_intern(ent, given),
	                 cm_intern(ent, family), cm_intern(ent, script)};
	if (!n.full)
		return 0;
	cordon_entity *e = &ent->e;
	for (size_t i = 0; i < e->name_count; i++) {
		cordon_name *o = &e->names[i];
		if (strcmp(o->full, n.full) == 0 && same_str(o->given, n.given) && same_str(o->family, n.family)) {
			if (o->weak && !n.weak && o->kind != CORDON_NAME_PRIMARY)
				o->weak = 0; /* a strong statement of the same alias wins */
			return 0;
		}
	}
	if (reserve(ent, (void **)&e->names, e->name_count, sizeof(*e->names), CAP_NAMES))
		return CORDON_ENOMEM;
	if (kind == CORDON_NAME_PRIMARY && e->name_count > 0 && e->names[0].kind != CORDON_NAME_PRIMARY) {
		/* keep the primary name first */
		memmove(e->names + 1, e->names, e->name_count * sizeof(*e->names));
		e->names[0] = n;
	} else if (kind == CORDON_NAME_PRIMARY && e->name_count > 0) {
		n.kind = CORDON_NAME_AKA; /* a second "primary" spelling is an alias */
		e->names[e->name_count] = n;
	} else {
		e->names[e->name_count] = n;
	}
	e->name_count++;
	return 0;
}

int cm_set_primary_name(cm_entity *ent, const char *full, const char *given, const char *family)
{
	cordon_entity *e = &ent->e;
	if (e->name_count && e->names[0].kind == CORDON_NAME_PRIMARY) {
		const char *f = cm_intern(ent, full);
		if (!f)
			return 0;
		e->names[0].full = f;
		e->names[0].given = cm_intern(ent, given);
		e->names[0].family = cm_intern(ent, family);
		return 0;
	}
	return cm_add_name(ent, CORDON_NAME_PRIMARY, 0, full, given, family, NULL);
}

static int same_date(const cordon_date *a, const cordon_date *b)
{
	return a->precision == b->precision && a->year == b->year && a->month == b->month &&
	       a->day == b->day && a->end_year == b->end_year && a->end_month == b->end_month &&
	       a->end_day == b->end_day && a->circa == b->circa &&
	       (a->precision != CORDON_DATE_TEXT || same_str(a->text, b->text));
}

int cm_add_birth_date(cm_entity *ent, const cordon_date *date)
{
	cordon_entity *e = &ent->e;
	if (!date || date->precision == CORDON_DATE_NONE)
		return 0;
	for (size_t i = 0; i < e->birth_date_count; i++)
		if (same_date(&e->birth_dates[i], date))
			return 0;
	if (reserve(ent, (void **)&e->birth_dates, e->birth_date_count, sizeof(*e->birth_dates), CAP_DATES))
		return CORDON_ENOMEM;
	cordon_date d = *date;
	d.text = cm_intern(ent, date->text);
	e->birth_dates[e->birth_date_count++] = d;
	return 0;
}

int cm_add_birth_place(cm_entity *ent, const char *place)
{
	return add_string(ent, &ent->e.birth_places, &ent->e.birth_place_count, CAP_PLACES, place, 1);
}

int cm_add_nationality(cm_entity *ent, const char *iso2)
{
	return add_string(ent, &ent->e.nationalities, &ent->e.nationality_count, CAP_NATIONALITIES, iso2, 1);
}

int cm_add_citizenship(cm_entity *ent, const char *iso2)
{
	return add_string(ent, &ent->e.citizenships, &ent->e.citizenship_count, CAP_CITIZENSHIPS, iso2, 1);
}

int cm_add_country(cm_entity *ent, const char *iso2)
{
	return add_string(ent, &ent->e.countries, &ent->e.country_count, CAP_COUNTRIES, iso2, 1);
}

int cm_add_program(cm_entity *ent, const char *program)
{
	return add_string(ent, &ent->e.programs, &ent->e.program_count, CAP_PROGRAMS, program, 1);
}

int cm_add_title(cm_entity *ent, const char *title)
{
	return add_string(ent, &ent->e.titles, &ent->e.title_count, CAP_TITLES, title, 1);
}

int cm_add_identifier(cm_entity *ent, cordon_id_kind kind, const char *label, const char *value,
                      const char *country, const char *note)
{
	cordon_entity *e = &ent->e;
	cordon_identifier id = {kind, cm_intern(ent, label), cm_intern(ent, value), cm_intern(ent, country),
	                        cm_intern(ent, note)};
	if (!id.value)
		return 0;
	for (size_t i = 0; i < e->identifier_count; i++) {
		cordon_identifier *o = &e->identifiers[i];
		if (o->kind == kind && strcmp(o->value, id.value) == 0 && same_str(o->country, id.country))
			return 0;
	}
	if (reserve(ent, (void **)&e->identifiers, e->identifier_count, sizeof(*e->identifiers), CAP_IDENTIFIERS))
		return CORDON_ENOMEM;
	e->identifiers[e->identifier_count++] = id;
	return 0;
}

int cm_add_address(cm_entity *ent, const cordon_address *a)
{
	cordon_entity *e = &ent->e;
	cordon_address c = {cm_intern(ent, a->full), cm_intern(ent, a->street), cm_intern(ent, a->city),
	                    cm_intern(ent, a->region), cm_intern(ent, a->postal_code), cm_intern(ent, a->country)};
	if (!c.full && !c.street && !c.city && !c.region && !c.postal_code && !c.country)
		return 0;
	for (size_t i = 0; i < e->address_count; i++) {
		cordon_address *o = &e->addresses[i];
		if (same_str(o->full, c.full) && same_str(o->street, c.street) && same_str(o->city, c.city) &&
		    same_str(o->region, c.region) && same_str(o->postal_code, c.postal_code) &&
		    same_str(o->country, c.country))
			return 0;
	}
	if (reserve(ent, (void **)&e->addresses, e->address_count, sizeof(*e->addresses), CAP_ADDRESSES))
		return CORDON_ENOMEM;
	e->addresses[e->address_count++] = c;
	return 0;
}

int cm_add_relation(cm_entity *ent, const char *kind, const char *target)
{
	cordon_entity *e = &ent->e;
	cordon_relation r = {cm_intern(ent, kind), cm_intern(ent, target)};
	if (!r.kind || !r.target)
		return 0;
	for (size_t i = 0; i < e->relation_count; i++)
		if (strcmp(e->relations[i].kind, r.kind) == 0 && strcmp(e->relations[i].target, r.target) == 0)
			return 0;
	if (reserve(ent, (void **)&e->relations, e->relation_count, sizeof(*e->relations), CAP_RELATIONS))
		return CORDON_ENOMEM;
	e->relations[e->relation_count++] = r;
	return 0;
}

int cm_add_attribute(cm_entity *ent, const char *key, const char *value)
{
	cordon_entity *e = &ent->e;
	cordon_attribute a = {cm_intern(ent, key), cm_intern(ent, value)};
	if (!a.key || !a.value)
		return 0;
	for (size_t i = 0; i < e->attribute_count; i++)
		if (strcmp(e->attributes[i].key, a.key) == 0 && strcmp(e->attributes[i].value, a.value) == 0)
			return 0;
	if (reserve(ent, (void **)&e->attributes, e->attribute_count, sizeof(*e->attributes), CAP_ATTRIBUTES))
		return CORDON_ENOMEM;
	e->attributes[e->attribute_count++] = a;
	return 0;
}

int cm_set_gender(cm_entity *ent, const char *gender)
{
	if (!gender || !*gender)
		return 0;
	if (cu_ascii_casecmp(gender, "male") == 0 || cu_ascii_casecmp(gender, "m") == 0)
		ent->e.gender = "male";
	else if (cu_ascii_casecmp(gender, "female") == 0 || cu_ascii_casecmp(gender, "f") == 0)
		ent->e.gender = "female";
	else
		ent->e.gender = "other";
	return 0;
}

int cm_set_remarks(cm_entity *ent, const char *remarks)
{
	ent->e.remarks = cm_intern(ent, remarks);
	return 0;
}

int cm_set_source_url(cm_entity *ent, const char *url)
{
	if (!ent->e.source_url)
		ent->e.source_url = cm_intern(ent, url);
	return 0;
}

int cm_set_listing_date(cm_entity *ent, const cordon_date *date)
{
	if (!date || date->precision == CORDON_DATE_NONE)
		return 0;
	ent->e.listing_date = *date;
	ent->e.listing_date.text = cm_intern(ent, date->text);
	return 0;
}
