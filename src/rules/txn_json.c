/*
 * Reading a shipment (examples/README.md) into a txn. Every error names the field
 * as a JSON path ("items[1].hs_code: ..."); fields it does not know are allowed
 * and stay in txn.source.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/txn.h"
#include "util/strutil.h"
#include "rules/txn_norm.h"

typedef struct {
	char *buf;
	size_t size;
} errout;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int fail(errout *e, const char *path, const char *fmt, ...)
{
	if (!e->buf || e->size == 0)
		return -1;
	int n = snprintf(e->buf, e->size, "%s: ", path);
	if (n < 0 || (size_t)n >= e->size)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->buf + n, e->size - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* "parties[2]" + "country" -> "parties[2].country" */
static void join(char *out, size_t size, const char *path, const char *key)
{
	snprintf(out, size, "%s%s%s", path, path[0] ? "." : "", key);
}

/* An optional string member: absent or null leaves *out NULL; another type is an error. */
static int opt_string(json_t *obj, const char *key, const char *path, const char **out, errout *e)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	char p[256];
	join(p, sizeof(p), path, key);
	if (!json_is_string(v))
		return fail(e, p, "must be a string");
	*out = json_string_value(v);
	return 0;
}

static int req_string(json_t *obj, const char *key, const char *path, const char **out, errout *e)
{
	if (opt_string(obj, key, path, out, e))
		return -1;
	char p[256];
	join(p, sizeof(p), path, key);
	if (!*out)
		return fail(e, p, "missing (a string is required)");
	if (!(*out)[0])
		return fail(e, p, "must not be empty");
	return 0;
}

/* A country code or name at path; *out is a copy of its alpha-2 code, or NULL when absent. */
static int read_country(json_t *obj, const char *key, const char *path, char **out, errout *e)
{
	const char *s;
	if (opt_string(obj, key, path, &s, e))
		return -1;
	if (!s)
		return 0;
	char p[256];
	join(p, sizeof(p), path, key);
	const char *code = txn_country(s);
	if (!code)
		return fail(e, p, "unknown country \"%s\" (an ISO 3166-1 alpha-2 code such as \"DE\" is expected)", s);
	*out = cu_strdup(code);
	return *out ? 0 : fail(e, p, "out of memory");
}

/*
 * A region field: one of the embargoed regions (name or ISO 3166-2 code) becomes its code;
 * any other well-formed subdivision code of the same country is no embargoed region (NULL).
 */
static int read_region(json_t *obj, const char *key, const char *path, const char *country, char **out,
                       txn_bool *ngc, errout *e)
{
	const char *s;
	if (opt_string(obj, key, path, &s, e))
		return -1;
	if (!s)
		return 0;
	char p[256];
	join(p, sizeof(p), path, key);
	const char *code = txn_region_code(s);
	if (code) {
		if (country && !txn_region_fits_country(code, country))
			return fail(e, p, "%s (%s) is not in country %s", txn_region_name(code), code, country);
		*out = cu_strdup(code);
		*ngc = txn_region_ngc(s, code);
		return 0;
	}
	size_t len = strlen(s);
	if (len >= 4 && len <= 6 && s[2] == '-') {
		char cc[3] = {s[0], s[1], 0};
		const char *c = txn_country(cc);
		if (!c)
			return fail(e, p, "\"%s\" is no ISO 3166-2 code (unknown country \"%s\")", s, cc);
		if (country && strcmp(c, country) != 0)
			return fail(e, p, "\"%s\" is not in country %s", s, country);
	}
	return 0; /* a region the rules do not single out */
}

static int read_date(json_t *obj, const char *key, const char *path, txn_day *out, errout *e)
{
	const char *s;
	if (req_string(obj, key, path, &s, e))
		return -1;
	if (txn_parse_date(s, out)) {
		char p[256];
		join(p, sizeof(p), path, key);
		return fail(e, p, "\"%s\" is not a date (YYYY-MM-DD, a day that exists)", s);
	}
	return 0;
}

/* An optional number >= min; absent or null leaves it not present. */
static int read_number(json_t *obj, const char *key, const char *path, double min, txn_number *out, errout *e)
{
	json_t *v = json_object_get(obj, key);
	out->present = 0;
	if (!v || json_is_null(v))
		return 0;
	char p[256];
	join(p, sizeof(p), path, key);
	if (!json_is_number(v))
		return fail(e, p, "must be a number");
	double d = json_number_value(v);
	if (!isfinite(d) || d < min)
		return fail(e, p, "%g is out of range (at least %g)", d, min);
	out->present = 1;
	out->value = d;
	return 0;
}

static int read_bool(json_t *obj, const char *key, const char *path, txn_bool *out, errout *e)
{
	json_t *v = json_object_get(obj, key);
	*out = TXN_UNKNOWN;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_boolean(v)) {
		char p[256];
		join(p, sizeof(p), path, key);
		return fail(e, p, "must be true or false");
	}
	*out = json_is_true(v) ? TXN_TRUE : TXN_FALSE;
	return 0;
}

static const char *const end_use_names[] = {
	[TXN_END_USE_CIVIL] = "civil",
	[TXN_END_USE_MILITARY] = "military",
	[TXN_END_USE_MILITARY_END_USER] = "military_end_user",
	[TXN_END_USE_SUPERCOMPUTER] = "supercomputer",
	[TXN_END_USE_SEMICONDUCTOR_FAB] = "semiconductor_fab",
	[TXN_END_USE_AI_TRAINING] = "ai_training",
	[TXN_END_USE_UNKNOWN] = "unknown",
};

static int read_facility(json_t *eu, txn_end_use *out, errout *e)
{
	json_t *f = json_object_get(eu, "facility");
	if (!f || json_is_null(f))
		return 0;
	if (!json_is_object(f))
		return fail(e, "end_use.facility", "must be an object");
	if (out->category != TXN_END_USE_SEMICONDUCTOR_FAB)
		return fail(e, "end_use.facility", "facility data is only for end_use.category \"semiconductor_fab\"");
	const char *p = "end_use.facility";
	out->facility_given = 1;
	if (read_number(f, "logic_node_nm", p, 0.1, &out->logic_node_nm, e) ||
	    read_bool(f, "non_planar", p, &out->non_planar, e) ||
	    read_number(f, "dram_half_pitch_nm", p, 0.1, &out->dram_half_pitch_nm, e) ||
	    read_number(f, "nand_layers", p, 1, &out->nand_layers, e))
		return -1;
	if (!out->logic_node_nm.present && out->non_planar == TXN_UNKNOWN && !out->dram_half_pitch_nm.present &&
	    !out->nand_layers.present)
		return fail(e, p, "give at least one of logic_node_nm, non_planar, dram_half_pitch_nm, nand_layers "
		                  "(leave facility out when the fab is unknown)");
	return 0;
}

static int read_end_use(json_t *root, txn_end_use *out, errout *e)
{
	json_t *eu = json_object_get(root, "end_use");
	out->category = TXN_END_USE_UNSPECIFIED;
	if (!eu || json_is_null(eu))
		return 0;
	if (!json_is_object(eu))
		return fail(e, "end_use", "must be an object with a \"category\"");
	const char *cat, *desc;
	if (req_string(eu, "category", "end_use", &cat, e) || opt_string(eu, "description", "end_use", &desc, e))
		return -1;
	for (int i = TXN_END_USE_CIVIL; i <= TXN_END_USE_UNKNOWN; i++)
		if (strcmp(cat, end_use_names[i]) == 0)
			out->category = (txn_end_use_category)i;
	if (out->category == TXN_END_USE_UNSPECIFIED)
		return fail(e, "end_use.category",
		            "unknown category \"%s\" (civil, military, military_end_user, supercomputer, "
		            "semiconductor_fab, ai_training or unknown)",
		            cat);
	out->description = cu_strdup(desc);
	return read_facility(eu, out, e);
}

/* "End User" and "end-user" are the role end_user. */
static char *norm_role(const char *s)
{
	char *r = cu_strdup(s);
	for (char *p = r; p && *p; p++)
		*p = (*p == ' ' || *p == '-') ? '_' : (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
	return r;
}

/* "non_government_controlled": an explicit answer; it cannot deny it for Crimea or Sevastopol. */
static int read_ngc(json_t *obj, const char *path, const char *region, txn_bool *ngc, errout *e)
{
	txn_bool given;
	if (read_bool(obj, "non_government_controlled", path, &given, e))
		return -1;
	if (given == TXN_UNKNOWN)
		return 0;
	char p[256];
	join(p, sizeof(p), path, "non_government_controlled");
	if (!region)
		return fail(e, p, "given without an occupied region (Crimea, Sevastopol, Donetsk, Luhansk, Kherson, "
		                  "Zaporizhzhia)");
	if (given == TXN_FALSE && *ngc == TXN_TRUE)
		return fail(e, p, "false contradicts the region (%s is wholly or by name non-government controlled)",
		            txn_region_name(region));
	*ngc = given;
	return 0;
}

static int read_party_region(json_t *pj, const char *path, txn_party *p, errout *e)
{
	p->region_ngc = TXN_UNKNOWN;
	if (read_region(pj, "region", path, p->country, &p->region, &p->region_ngc, e))
		return -1;
	if (!p->region && p->address) {
		/* an occupied region named in the address counts when the country allows it */
		const char *found = txn_region_in_text(p->address);
		if (found && (!p->country || txn_region_fits_country(found, p->country))) {
			p->region = cu_strdup(found);
			p->region_ngc = txn_region_ngc(p->address, found);
		}
	}
	return read_ngc(pj, path, p->region, &p->region_ngc, e);
}

static int read_party(json_t *pj, const char *path, txn_party *p, errout *e)
{
	if (!json_is_object(pj))
		return fail(e, path, "must be an object with role and name");
	const char *role, *name, *address;
	if (req_string(pj, "role", path, &role, e) || req_string(pj, "name", path, &name, e) ||
	    opt_string(pj, "address", path, &address, e))
		return -1;
	p->role = norm_role(role);
	p->name = cu_strdup(name);
	p->address = cu_strdup(address);
	if (read_country(pj, "country", path, &p->country, e) || read_party_region(pj, path, p, e))
		return -1;
	const char *hq_keys[] = {"hq_country", "headquarters_country"};
	const char *parent_keys[] = {"parent_hq_country", "ultimate_parent_hq_country"};
	for (int i = 0; i < 2; i++)
		if ((!p->hq_country && read_country(pj, hq_keys[i], path, &p->hq_country, e)) ||
		    (!p->parent_hq_country && read_country(pj, parent_keys[i], path, &p->parent_hq_country, e)))
			return -1;
	return 0;
}

/* The shipment's array under key, which must hold something; NULL after saying why. */
static json_t *nonempty_array(json_t *root, const char *key, const char *what, errout *e)
{
	json_t *arr = json_object_get(root, key);
	if (!arr)
		fail(e, key, "missing (%s is required)", what);
	else if (!json_is_array(arr) || json_array_size(arr) == 0)
		fail(e, key, "must be a non-empty array");
	else
		return arr;
	return NULL;
}

static int read_parties(json_t *root, txn *t, errout *e)
{
	json_t *arr = nonempty_array(root, "parties", "an array of parties with role and name", e);
	if (!arr)
		return -1;
	t->parties = calloc(json_array_size(arr), sizeof(*t->parties));
	if (!t->parties)
		return fail(e, "parties", "out of memory");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		char path[64];
		snprintf(path, sizeof(path), "parties[%zu]", i);
		t->party_count = i + 1;
		if (read_party(json_array_get(arr, i), path, &t->parties[i], e))
			return -1;
	}
	return 0;
}

/* Item facts the rules compute with must be positive when given. */
static int param_must_be_positive(const char *name)
{
	static const char *names[] = {"tpp", "die_area_mm2", "bit_length", "dense_tops", "memory_bandwidth_gbps",
	                              "package_area_mm2", "logic_node_nm", "dram_half_pitch_nm", "nand_layers"};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return strncmp(name, "dense_tops_", 11) == 0; /* dense_tops_8bit ... */
}

static int read_param(const char *key, json_t *v, const char *path, txn_param *out, errout *e)
{
	char p[256];
	join(p, sizeof(p), path, key);
	out->name = cu_strdup(key);
	if (json_is_number(v)) {
		double d = json_number_value(v);
		if (!isfinite(d) || (param_must_be_positive(key) && d <= 0))
			return fail(e, p, "%g is out of range (must be more than 0)", d);
		out->number.present = 1;
		out->number.value = d;
	} else if (param_must_be_positive(key)) {
		return fail(e, p, "must be a number");
	} else if (json_is_string(v)) {
		out->text = cu_strdup(json_string_value(v));
	} else if (json_is_boolean(v)) {
		out->text = cu_strdup(json_is_true(v) ? "true" : "false");
	} else {
		return fail(e, p, "must be a number, a string or true/false");
	}
	return 0;
}

static int read_params(json_t *ij, const char *path, txn_item *it, errout *e)
{
	json_t *obj = json_object_get(ij, "parameters");
	if (!obj || json_is_null(obj))
		return 0;
	char p[128];
	join(p, sizeof(p), path, "parameters");
	if (!json_is_object(obj))
		return fail(e, p, "must be an object of named values");
	it->params = calloc(json_object_size(obj) + 1, sizeof(*it->params));
	if (!it->params)
		return fail(e, p, "out of memory");
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		if (read_param(key, v, p, &it->params[it->param_count++], e))
			return -1;
	}
	return 0;
}

static const txn_param *param_named(const txn_item *it, const char *name)
{
	for (size_t i = 0; i < it->param_count; i++)
		if (strcmp(it->params[i].name, name) == 0 && it->params[i].number.present)
			return &it->params[i];
	return NULL;
}

/* TPP is the highest dense TOPS x bit length: a given tpp below that product contradicts it. */
static int check_tpp(const char *path, const txn_item *it, errout *e)
{
	const txn_param *tpp = param_named(it, "tpp"), *tops = param_named(it, "dense_tops"),
	                *bits = param_named(it, "bit_length");
	if (!tpp || !tops || !bits)
		return 0;
	double product = tops->number.value * bits->number.value;
	if (tpp->number.value >= product * (1 - 1e-9))
		return 0;
	char p[128];
	join(p, sizeof(p), path, "parameters.tpp");
	return fail(e, p, "%g contradicts dense_tops %g × bit_length %g = %g (TPP is the highest such product)",
	            tpp->number.value, tops->number.value, bits->number.value, product);
}

static int read_codes(json_t *ij, const char *path, txn_item *it, errout *e)
{
	const char *hs, *eccn;
	if (opt_string(ij, "hs_code", path, &hs, e) || opt_string(ij, "eccn", path, &eccn, e))
		return -1;
	char p[128];
	if (hs) {
		char digits[11];
		join(p, sizeof(p), path, "hs_code");
		if (txn_norm_hs(hs, digits))
			return fail(e, p, "\"%s\" is not an HS code (6 to 10 digits; dots and spaces allowed)", hs);
		it->hs_code = cu_strdup(digits);
	}
	if (eccn) {
		char norm[64];
		join(p, sizeof(p), path, "eccn");
		if (txn_norm_eccn(eccn, norm, sizeof(norm)))
			return fail(e, p, "\"%s\" is not an ECCN (e.g. \"3A090.a\", \"5A992.c\" or \"EAR99\")", eccn);
		it->eccn = cu_strdup(norm);
	}
	return 0;
}

static int read_item(json_t *ij, const char *path, size_t index, txn_item *it, errout *e)
{
	if (!json_is_object(ij))
		return fail(e, path, "must be an object");
	json_t *line = json_object_get(ij, "line");
	it->line = (long)index + 1;
	if (line && !json_is_null(line)) {
		char p[128];
		join(p, sizeof(p), path, "line");
		if (!json_is_integer(line) || json_integer_value(line) < 1)
			return fail(e, p, "must be a whole number from 1");
		it->line = (long)json_integer_value(line);
	}
	const char *desc;
	if (opt_string(ij, "description", path, &desc, e) || read_codes(ij, path, it, e) ||
	    read_number(ij, "quantity", path, 0, &it->quantity, e) ||
	    read_country(ij, "origin_country", path, &it->origin_country, e) || read_params(ij, path, it, e) ||
	    check_tpp(path, it, e))
		return -1;
	it->description = cu_strdup(desc);
	return 0;
}

static int read_items(json_t *root, txn *t, errout *e)
{
	json_t *arr = nonempty_array(root, "items", "an array of line items", e);
	if (!arr)
		return -1;
	t->items = calloc(json_array_size(arr), sizeof(*t->items));
	if (!t->items)
		return fail(e, "items", "out of memory");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		char path[64];
		snprintf(path, sizeof(path), "items[%zu]", i);
		t->item_count = i + 1;
		if (read_item(json_array_get(arr, i), path, i, &t->items[i], e))
			return -1;
		for (size_t j = 0; j < i; j++)
			if (t->items[j].line == t->items[i].line)
				return fail(e, path, "line %ld is used twice (items[%zu] has it too)", t->items[i].line, j);
	}
	return 0;
}

static int read_transit(json_t *root, txn *t, errout *e)
{
	json_t *arr = json_object_get(root, "transit");
	if (!arr || json_is_null(arr))
		return 0;
	if (!json_is_array(arr))
		return fail(e, "transit", "must be an array of country codes");
	t->transit = calloc(json_array_size(arr) + 1, sizeof(char *));
	if (!t->transit)
		return fail(e, "transit", "out of memory");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *v = json_array_get(arr, i);
		char path[64];
		snprintf(path, sizeof(path), "transit[%zu]", i);
		const char *code = json_is_string(v) ? txn_country(json_string_value(v)) : NULL;
		if (!json_is_string(v))
			return fail(e, path, "must be a country code string");
		if (!code)
			return fail(e, path, "unknown country \"%s\" (an ISO 3166-1 alpha-2 code is expected)",
			            json_string_value(v));
		t->transit[t->transit_count++] = cu_strdup(code);
	}
	return 0;
}

/* "region" and "destination_region" are the same field; given twice they must agree. */
static int read_destination(json_t *root, txn *t, errout *e)
{
	if (!json_object_get(root, "destination"))
		return fail(e, "destination", "missing (the ISO 3166-1 alpha-2 code of the destination country)");
	if (read_country(root, "destination", "", &t->destination, e))
		return -1;
	if (!t->destination)
		return fail(e, "destination", "must not be null");
	char *a = NULL, *b = NULL;
	txn_bool ngc_a = TXN_UNKNOWN, ngc_b = TXN_UNKNOWN;
	if (read_region(root, "region", "", t->destination, &a, &ngc_a, e) ||
	    read_region(root, "destination_region", "", t->destination, &b, &ngc_b, e)) {
		free(a);
		free(b);
		return -1;
	}
	if (a && b && strcmp(a, b) != 0) {
		fail(e, "destination_region", "%s contradicts region %s", b, a);
		free(a);
		free(b);
		return -1;
	}
	t->destination_region = a ? a : b;
	t->destination_region_ngc = (ngc_a == TXN_TRUE || ngc_b == TXN_TRUE) ? TXN_TRUE : TXN_UNKNOWN;
	if (a)
		free(b);
	return read_ngc(root, "", t->destination_region, &t->destination_region_ngc, e);
}

int txn_from_json(json_t *shipment, txn *out, char *err, size_t errsize)
{
	errout e = {err, errsize};
	memset(out, 0, sizeof(*out));
	if (err && errsize)
		err[0] = '\0';
	if (!json_is_object(shipment))
		return fail(&e, "$", "a shipment must be a JSON object");
	out->source = json_incref(shipment);
	const char *id;
	if (opt_string(shipment, "id", "", &id, &e) || read_date(shipment, "date", "", &out->date, &e) ||
	    read_country(shipment, "export_country", "", &out->export_country, &e) ||
	    read_destination(shipment, out, &e) || read_transit(shipment, out, &e) ||
	    read_end_use(shipment, &out->end_use, &e) || read_parties(shipment, out, &e) ||
	    read_items(shipment, out, &e))
		return -1;
	out->id = cu_strdup(id);
	return 0;
}

int txn_item_from_json(json_t *item, txn_item *out, char *err, size_t errsize)
{
	errout e = {err, errsize};
	memset(out, 0, sizeof(*out));
	if (err && errsize)
		err[0] = '\0';
	if (!json_is_object(item))
		return fail(&e, "$", "an item must be a JSON object");
	return read_item(item, "", 0, out, &e);
}

static void free_hits(txn_party *p)
{
	for (size_t i = 0; i < p->hit_count; i++) {
		txn_hit *h = &p->hits[i];
		free(h->entity_id);
		free(h->name);
		free(h->matched_name);
		for (size_t k = 0; k < h->tag_count; k++)
			free(h->tags[k]);
		free(h->tags);
	}
	free(p->hits);
}

static void free_party(txn_party *p)
{
	free(p->role);
	free(p->name);
	free(p->address);
	free(p->country);
	free(p->region);
	free(p->hq_country);
	free(p->parent_hq_country);
	free_hits(p);
}

void txn_item_free(txn_item *it)
{
	free(it->description);
	free(it->hs_code);
	free(it->eccn);
	free(it->origin_country);
	for (size_t k = 0; k < it->param_count; k++) {
		free(it->params[k].name);
		free(it->params[k].text);
	}
	free(it->params);
	memset(it, 0, sizeof(*it));
}

void txn_free(txn *t)
{
	if (!t)
		return;
	free(t->id);
	free(t->export_country);
	free(t->destination);
	free(t->destination_region);
	for (size_t i = 0; i < t->transit_count; i++)
		free(t->transit[i]);
	free(t->transit);
	free(t->end_use.description);
	for (size_t i = 0; i < t->party_count; i++)
		free_party(&t->parties[i]);
	free(t->parties);
	for (size_t i = 0; i < t->item_count; i++)
		txn_item_free(&t->items[i]);
	free(t->items);
	json_decref(t->source);
	memset(t, 0, sizeof(*t));
}
