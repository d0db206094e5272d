/*
 * FtM records that are not screened themselves but describe an entity they
 * point at: Sanction (programs, listing date), Identification / Passport and
 * CryptoWallet (identifiers), Address (addresses). The driver finds the
 * entity; these functions fold one record's properties into it.
 */
#include <stdlib.h>
#include <string.h>

#include "model/date.h"
#include "model/idkind.h"
#include "sources/ftm_internal.h"
#include "util/buf.h"
#include "util/strutil.h"

/* -1, 0, 1 comparing the first possible day of two dates. */
static int date_cmp(const cordon_date *a, const cordon_date *b)
{
	int x[3] = {a->year, a->month, a->day}, y[3] = {b->year, b->month, b->day};
	for (int i = 0; i < 3; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

/* Several lists sanction the same entity at different times: the earliest listing is kept. */
static int note_listing(cm_entity *ent, const char *text)
{
	cordon_date d;
	if (!text || cm_date_parse_iso(text, &d) != 0)
		return 0;
	const cordon_date *cur = &ent->e.listing_date;
	if (cur->precision != CORDON_DATE_NONE && cur->precision != CORDON_DATE_TEXT && date_cmp(&d, cur) >= 0)
		return 0;
	return cm_set_listing_date(ent, &d);
}

/* Every value of props[prop] through fn, or as attribute "<prefix><prop>" when fn is NULL. */
static int each_value(cm_entity *ent, json_t *props, const char *prop, const char *prefix,
                      int (*fn)(cm_entity *, const char *))
{
	json_t *p = json_object_get(props, prop);
	cu_buf key; /* property names come from the file: no fixed size, so none is cut */
	cu_buf_init(&key, 0);
	int rc = cu_buf_printf(&key, "%s%s", prefix, prop);
	for (size_t i = 0, n = csrc_ftm_count(p); i < n && rc == 0; i++) {
		char buf[FTM_NUM_BUF];
		const char *v = csrc_ftm_value(p, i, buf);
		if (v)
			rc = fn ? fn(ent, v) : cm_add_attribute(ent, key.data, v);
	}
	cu_buf_dispose(&key);
	return rc;
}

static int add_source_url(cm_entity *ent, const char *url)
{
	if (ent->e.source_url)
		return strcmp(ent->e.source_url, url) == 0 ? 0 : cm_add_attribute(ent, "sourceUrl", url);
	return cm_set_source_url(ent, url);
}

int csrc_ftm_apply_sanction(ftm_rd *rd, cm_entity *ent, json_t *props)
{
	(void)rd;
	char buf[FTM_NUM_BUF];
	const char *listed = csrc_ftm_first(props, "listingDate", buf);
	int rc = note_listing(ent, listed ? listed : csrc_ftm_first(props, "startDate", buf));
	const char *prop;
	json_t *val;
	json_object_foreach(props, prop, val) {
		if (rc != 0)
			break;
		if (strcmp(prop, "entity") == 0)
			continue;
		if (strcmp(prop, "program") == 0 || strcmp(prop, "programId") == 0)
			rc = each_value(ent, props, prop, "", cm_add_program);
		else if (strcmp(prop, "sourceUrl") == 0)
			rc = each_value(ent, props, prop, "", add_source_url);
		else /* authority, authorityId (e.g. the OFAC UID), reason, dates, ... */
			rc = each_value(ent, props, prop, "sanction.", NULL);
	}
	return rc;
}

/* "issued 2001-02-03; expires 2011-02-03; authority X" from an Identification's interval and issuer. */
static void id_note(json_t *props, cu_buf *note)
{
	static const char *const parts[][2] = {
		{"startDate", "issued "}, {"endDate", "expires "}, {"authority", "authority "}};
	for (size_t i = 0; i < 3; i++) {
		char buf[FTM_NUM_BUF];
		const char *v = csrc_ftm_first(props, parts[i][0], buf);
		if (!v)
			continue;
		if (note->len)
			cu_buf_puts(note, "; ");
		cu_buf_puts(note, parts[i][1]);
		cu_buf_puts(note, v);
	}
}

int csrc_ftm_apply_identification(ftm_rd *rd, cm_entity *ent, const char *schema, json_t *props)
{
	(void)rd;
	char tbuf[FTM_NUM_BUF], cbuf[FTM_NUM_BUF], cc[3];
	const char *type = csrc_ftm_first(props, "type", tbuf);
	int passport = strcmp(schema, "Passport") == 0;
	cordon_id_kind kind = passport ? CORDON_ID_PASSPORT : type ? cm_id_kind_from_label(type) : CORDON_ID_OTHER;
	const char *label = type ? type : schema;
	const char *country = csrc_ftm_country(csrc_ftm_first(props, "country", cbuf), cc);
	cu_buf note;
	cu_buf_init(&note, CSRC_MAX_FIELD);
	id_note(props, &note);
	int rc = 0;
	static const char *const numbers[] = {"number", "passportNumber"};
	for (size_t k = 0; k < 2 && rc == 0; k++) {
		json_t *p = json_object_get(props, numbers[k]);
		for (size_t i = 0, n = csrc_ftm_count(p); i < n && rc == 0; i++) {
			char buf[FTM_NUM_BUF];
			rc = cm_add_identifier(ent, kind, label, csrc_ftm_value(p, i, buf), country, note.data);
		}
	}
	json_t *pn = json_object_get(props, "personalNumber");
	for (size_t i = 0, n = csrc_ftm_count(pn); i < n && rc == 0; i++) {
		char buf[FTM_NUM_BUF];
		rc = cm_add_identifier(ent, CORDON_ID_NATIONAL_ID, "personalNumber", csrc_ftm_value(pn, i, buf), country,
		                       NULL);
	}
	cu_buf_dispose(&note);
	return rc;
}

int csrc_ftm_apply_wallet(ftm_rd *rd, cm_entity *ent, json_t *props)
{
	(void)rd;
	char cbuf[FTM_NUM_BUF];
	const char *currency = csrc_ftm_first(props, "currency", cbuf);
	json_t *p = json_object_get(props, "publicKey");
	int rc = 0;
	for (size_t i = 0, n = csrc_ftm_count(p); i < n && rc == 0; i++) {
		char buf[FTM_NUM_BUF];
		rc = cm_add_identifier(ent, CORDON_ID_CRYPTO, currency ? currency : "CryptoWallet", csrc_ftm_value(p, i, buf),
		                       NULL, NULL);
	}
	return rc;
}

/* First value of props[prop], malloc'd (NULL when absent). */
static char *dup_first(json_t *props, const char *prop)
{
	char buf[FTM_NUM_BUF];
	const char *v = csrc_ftm_first(props, prop, buf);
	return v ? cu_strdup(v) : NULL;
}

/* "a, b" when both are given. */
static char *join2(char *a, const char *b)
{
	if (!b)
		return a;
	if (!a)
		return cu_strdup(b);
	cu_buf j;
	cu_buf_init(&j, CU_BUF_DEFAULT_MAX);
	if (cu_buf_puts(&j, a) || cu_buf_puts(&j, ", ") || cu_buf_puts(&j, b)) {
		cu_buf_dispose(&j);
		return a;
	}
	free(a);
	return cu_buf_take(&j);
}

/* The structured address: the first value of each part (FtM repeats spellings, e.g. two cities). */
static void structured(json_t *obj, json_t *props, cordon_address *a)
{
	char buf[FTM_NUM_BUF], cc[3];
	char *full = dup_first(props, "full");
	if (!full && json_string_value(json_object_get(obj, "caption")))
		full = cu_strdup(json_string_value(json_object_get(obj, "caption")));
	char *street = join2(dup_first(props, "street"), csrc_ftm_first(props, "street2", buf));
	street = join2(street, csrc_ftm_first(props, "postOfficeBox", buf));
	char *region = dup_first(props, "region");
	if (!region)
		region = dup_first(props, "state");
	const char *country = csrc_ftm_country(csrc_ftm_first(props, "country", buf), cc);
	a->full = full;
	a->street = street;
	a->city = dup_first(props, "city");
	a->region = region;
	a->postal_code = dup_first(props, "postalCode");
	a->country = country ? cu_strdup(country) : NULL;
}

int csrc_ftm_parse_address(json_t *obj, ftm_address *out)
{
	json_t *props = json_object_get(obj, "properties");
	if (!json_is_object(props))
		props = NULL;
	json_t *fulls = json_object_get(props, "full");
	size_t n = csrc_ftm_count(fulls);
	out->items = calloc(n + 1, sizeof(*out->items));
	if (!out->items)
		return CORDON_ENOMEM;
	structured(obj, props, &out->items[0]);
	out->count = 1;
	/* further spellings of the whole address stay searchable as full-text addresses */
	const char *first = out->items[0].full;
	for (size_t i = 1; i < n; i++) {
		char buf[FTM_NUM_BUF];
		const char *v = csrc_ftm_value(fulls, i, buf);
		if (v && (!first || strcmp(v, first) != 0))
			out->items[out->count++].full = cu_strdup(v);
	}
	return 0;
}

void csrc_ftm_address_dispose(ftm_address *a)
{
	for (size_t i = 0; i < a->count; i++) {
		cordon_address *x = &a->items[i];
		free((char *)x->full);
		free((char *)x->street);
		free((char *)x->city);
		free((char *)x->region);
		free((char *)x->postal_code);
		free((char *)x->country);
	}
	free(a->items);
	a->items = NULL;
	a->count = 0;
}
