/*
 * GET /search/{dataset}: yente's text search, on cordon's name scorer.
 * q is screened as a name and every entity scoring SEARCH_THRESHOLD or more is
 * a result, best first; an empty q lists the snapshot's entities in order (as
 * yente's match-all does), counting at most BROWSE_MAX of them exactly.
 */
#include <stdlib.h>
#include <string.h>

#include "server/yente_internal.h"

#define DEFAULT_PAGE 10
#define MAX_PAGE 500
#define MAX_OFFSET 9499
/*
 * Lower than a screening threshold: a search is read by a person scanning a ranked
 * list, so a partial name ("Deripaska" for "DERIPASKA, Oleg Vladimirovich", 0.83;
 * "Huawei" for a longer company name, ~0.45-0.9) should come back; noise sorts last.
 */
#define SEARCH_THRESHOLD 0.50
/* Elasticsearch counts totals exactly up to 10,000; so does the browse of an empty q. */
#define BROWSE_MAX 10000
/* Entities looked at for one browse, whatever the filters: bounds a request on a large snapshot. */
#define BROWSE_EXAMINED_MAX 200000
#define MAX_FILTERS 16

typedef struct {
	const char *field, *value;
	size_t field_len;
} filter;

typedef struct {
	yente_scope scope;
	ftm_schema_info schema;
	long limit, offset;
	const char *countries[YENTE_MAX_VALUES], *datasets[YENTE_MAX_VALUES], *facets[YENTE_MAX_VALUES];
	size_t country_count, dataset_count, facet_count;
	filter filters[MAX_FILTERS];
	size_t filter_count;
	int filter_and;
} search_params;

/* What a search collects while it walks candidates. */
typedef struct {
	json_t *results, *facets; /* facets: {facet: {value: count}} */
	size_t total;
	int partial; /* total is a lower bound */
} search_state;

/* ---- parameters ---- */

/* Answers 400 and returns -1 for a filter without "field:". */
static int read_filters(srv_request *r, search_params *p)
{
	const char *raw[MAX_FILTERS];
	p->filter_count = srv_args(r, "filter", raw, MAX_FILTERS);
	for (size_t i = 0; i < p->filter_count; i++) {
		const char *colon = strchr(raw[i], ':');
		if (!colon) {
			srv_reply_detail(r, 400, "Invalid filter: '%s'", raw[i]);
			return -1;
		}
		p->filters[i] = (filter){raw[i], colon + 1, (size_t)(colon - raw[i])};
	}
	const char *op = srv_arg(r, "filter_op");
	p->filter_and = op && strcmp(op, "AND") == 0;
	return 0;
}

/* Reads the parameters; answers (422, 404 or 400) and returns -1 when the search cannot run. */
static int read_params(srv_request *r, search_params *p)
{
	json_t *errors = json_array();
	const char *schema = srv_arg(r, "schema") ? srv_arg(r, "schema") : "Thing";
	int schema_ok = ftm_schema_lookup(schema, &p->schema) == 0;
	p->limit = yente_int_arg(r, errors, "limit", DEFAULT_PAGE, 0, MAX_PAGE);
	p->offset = yente_int_arg(r, errors, "offset", 0, 0, MAX_OFFSET);
	yente_scope_read(r, &p->scope, schema_ok ? p->schema.accepts : 0, errors);
	p->country_count = srv_args(r, "countries", p->countries, YENTE_MAX_VALUES);
	p->dataset_count = srv_args(r, "datasets", p->datasets, YENTE_MAX_VALUES);
	p->facet_count = srv_args(r, "facets", p->facets, YENTE_MAX_VALUES);
	if (!p->facet_count) {
		static const char *const defaults[] = {"countries", "topics", "datasets"};
		memcpy(p->facets, defaults, sizeof(defaults));
		p->facet_count = 3;
	}
	if (json_array_size(errors)) {
		yente_reply_invalid(r, errors);
		return -1;
	}
	json_decref(errors);
	if (!yente_dataset_known(r))
		return -1;
	if (!schema_ok) {
		srv_reply_detail(r, 400, "Invalid schema");
		return -1;
	}
	return read_filters(r, p);
}

/* ---- filters on a rendered entity ---- */

static int list_has(json_t *list, const char *value)
{
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		if (json_is_string(v) && strcmp(json_string_value(v), value) == 0)
			return 1;
	}
	return 0;
}

/* The entity's countries: every value of its country-typed properties. */
static json_t *entity_countries(json_t *entity)
{
	json_t *out = json_array(), *values;
	const char *prop;
	json_object_foreach(json_object_get(entity, "properties"), prop, values) {
		if (!ftm_property_is_country(prop))
			continue;
		size_t i;
		json_t *v;
		json_array_foreach(values, i, v) {
			if (!list_has(out, json_string_value(v)))
				json_array_append(out, v);
		}
	}
	return out;
}

static int any_of(json_t *list, const char *const *wanted, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list_has(list, wanted[i]))
			return 1;
	return 0;
}

/* One field:value filter (yente's Elasticsearch fields; properties.X for a property). */
static int filter_matches(const filter *f, json_t *entity)
{
	json_t *props = json_object_get(entity, "properties");
	if (f->field_len > 11 && strncmp(f->field, "properties.", 11) == 0) {
		char prop[64];
		size_t n = f->field_len - 11 < sizeof(prop) - 1 ? f->field_len - 11 : sizeof(prop) - 1;
		memcpy(prop, f->field + 11, n);
		prop[n] = '\0';
		return list_has(json_object_get(props, prop), f->value);
	}
	if (f->field_len == 6 && strncmp(f->field, "schema", 6) == 0)
		return strcmp(json_string_value(json_object_get(entity, "schema")), f->value) == 0;
	if (f->field_len == 8 && strncmp(f->field, "datasets", 8) == 0)
		return list_has(json_object_get(entity, "datasets"), f->value);
	if (f->field_len == 6 && strncmp(f->field, "topics", 6) == 0)
		return list_has(json_object_get(props, "topics"), f->value);
	if (f->field_len == 9 && strncmp(f->field, "countries", 9) == 0) {
		json_t *c = entity_countries(entity);
		int ok = list_has(c, f->value);
		json_decref(c);
		return ok;
	}
	return 0; /* a field cordon does not have: nothing has that value */
}

/* Values of one field are OR-ed (or AND-ed with filter_op=AND); fields are AND-ed. */
static int filters_match(const search_params *p, json_t *entity)
{
	for (size_t i = 0; i < p->filter_count; i++) {
		int same_field_ok = 0, seen_before = 0;
		for (size_t k = 0; k < p->filter_count; k++) {
			if (p->filters[k].field_len != p->filters[i].field_len ||
			    strncmp(p->filters[k].field, p->filters[i].field, p->filters[i].field_len) != 0)
				continue;
			seen_before |= k < i;
			int ok = filter_matches(&p->filters[k], entity);
			if (p->filter_and && !ok)
				return 0;
			same_field_ok |= ok;
		}
		if (!seen_before && !same_field_ok)
			return 0;
	}
	return 1;
}

static int entity_passes(const search_params *p, json_t *entity)
{
	if (!yente_scope_entity(&p->scope, entity) || !filters_match(p, entity))
		return 0;
	json_t *countries = entity_countries(entity);
	int ok = !p->country_count || any_of(countries, p->countries, p->country_count);
	json_decref(countries);
	return ok && (!p->dataset_count || any_of(json_object_get(entity, "datasets"), p->datasets, p->dataset_count));
}

/* ---- facets ---- */

static void count_values(json_t *counts, json_t *values)
{
	size_t i;
	json_t *v;
	json_array_foreach(values, i, v) {
		const char *name = json_string_value(v);
		json_t *c = json_object_get(counts, name);
		json_object_set_new(counts, name, json_integer(c ? json_integer_value(c) + 1 : 1));
	}
}

static int known_facet(const char *facet)
{
	static const char *const known[] = {"countries", "topics", "datasets", "schema", "genders"};
	for (size_t i = 0; i < sizeof(known) / sizeof(*known); i++)
		if (strcmp(known[i], facet) == 0)
			return 1;
	return 0;
}

/* The values of one facet for an entity (a new reference), or NULL for a facet cordon has no field for. */
static json_t *facet_values(const char *facet, json_t *entity)
{
	json_t *props = json_object_get(entity, "properties");
	if (strcmp(facet, "countries") == 0)
		return entity_countries(entity);
	if (strcmp(facet, "topics") == 0)
		return json_incref(json_object_get(props, "topics"));
	if (strcmp(facet, "datasets") == 0)
		return json_incref(json_object_get(entity, "datasets"));
	if (strcmp(facet, "schema") == 0)
		return json_pack("[O]", json_object_get(entity, "schema"));
	if (strcmp(facet, "genders") == 0)
		return json_incref(json_object_get(props, "gender"));
	return NULL;
}

static void count_facets(const search_params *p, search_state *st, json_t *entity)
{
	for (size_t i = 0; i < p->facet_count; i++) {
		if (!known_facet(p->facets[i]))
			continue;
		json_t *values = facet_values(p->facets[i], entity);
		json_t *counts = json_object_get(st->facets, p->facets[i]);
		if (!counts)
			json_object_set_new(st->facets, p->facets[i], counts = json_object());
		count_values(counts, values);
		json_decref(values);
	}
}

static const char *facet_label(const char *facet)
{
	if (strcmp(facet, "countries") == 0)
		return "Countries";
	if (strcmp(facet, "topics") == 0)
		return "Topics";
	if (strcmp(facet, "datasets") == 0)
		return "Data sources";
	if (strcmp(facet, "schema") == 0)
		return "Entity types";
	return strcmp(facet, "genders") == 0 ? "Genders" : facet;
}

static const char *value_label(const char *facet, const char *value)
{
	const char *label = NULL;
	if (strcmp(facet, "countries") == 0)
		label = ftm_country_name(value);
	else if (strcmp(facet, "topics") == 0)
		label = yente_topic_label(value);
	else if (strcmp(facet, "datasets") == 0)
		label = yente_dataset_title(value);
	return label ? label : value;
}

static int by_count(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	json_int_t cx = json_integer_value(json_object_get(x, "count")), cy = json_integer_value(json_object_get(y, "count"));
	if (cx != cy)
		return cx > cy ? -1 : 1;
	return strcmp(json_string_value(json_object_get(x, "name")), json_string_value(json_object_get(y, "name")));
}

/* {"label", "values": [{"name", "label", "count"}]}, most frequent first. */
static json_t *facet_json(const char *facet, json_t *counts)
{
	size_t n = json_object_size(counts), k = 0;
	json_t **values = calloc(n ? n : 1, sizeof(*values)), *count;
	const char *name;
	if (!values)
		return json_pack("{s:s,s:[]}", "label", facet_label(facet), "values");
	json_object_foreach(counts, name, count) {
		values[k++] = json_pack("{s:s,s:s,s:O}", "name", name, "label", value_label(facet, name), "count", count);
	}
	qsort(values, k, sizeof(*values), by_count);
	json_t *list = json_array();
	for (size_t i = 0; i < k; i++)
		json_array_append_new(list, values[i]);
	free(values);
	return json_pack("{s:s,s:o}", "label", facet_label(facet), "values", list);
}

static json_t *facets_json(const search_params *p, json_t *counted)
{
	json_t *o = json_object();
	for (size_t i = 0; i < p->facet_count; i++) {
		if (known_facet(p->facets[i]))
			json_object_set_new(o, p->facets[i], facet_json(p->facets[i], json_object_get(counted, p->facets[i])));
	}
	return o;
}

/* ---- walking the candidates ---- */

/* Offers entity number index to the search: counted, faceted and kept when on the page. */
static void offer(srv_snapshot *s, const search_params *p, search_state *st, size_t index)
{
	cordon_entity e;
	if (cordon_snapshot_entity(s->snap, index, &e) != 0)
		return;
	json_t *entity = NULL;
	if (yente_scope_allows(&p->scope, e.dataset, e.schema))
		entity = ftm_entity_response(&e, yente_dataset_date(s, e.dataset));
	cordon_entity_dispose(&e);
	if (!entity || !entity_passes(p, entity)) {
		json_decref(entity);
		return;
	}
	count_facets(p, st, entity);
	if (st->total >= (size_t)p->offset && json_array_size(st->results) < (size_t)p->limit)
		json_array_append(st->results, entity);
	st->total++;
	json_decref(entity);
}

static int search_name(srv_snapshot *s, const search_params *p, search_state *st, const char *q)
{
	cordon_query query = CORDON_QUERY_INIT;
	query.name = q;
	query.schema = p->schema.filter;
	query.dataset = yente_scope_single(&p->scope);
	query.threshold = SEARCH_THRESHOLD;
	query.limit = BROWSE_MAX;
	cordon_results res;
	int rc = cordon_screen(s->snap, &query, &res);
	if (rc == CORDON_EINVALID)
		return 0; /* q has no letters or digits: nothing to find */
	if (rc != 0)
		return -1;
	for (size_t i = 0; i < res.count; i++)
		offer(s, p, st, res.matches[i].entity_index);
	cordon_results_dispose(&res);
	return 0;
}

static void browse(srv_snapshot *s, const search_params *p, search_state *st)
{
	size_t n = cordon_snapshot_entity_count(s->snap);
	for (size_t i = 0; i < n; i++) {
		if (st->total >= BROWSE_MAX || i >= BROWSE_EXAMINED_MAX) {
			st->partial = 1;
			return;
		}
		offer(s, p, st, i);
	}
}

/* An empty q (or only spaces) lists everything in scope, as yente's match-all query does. */
static int blank(const char *q)
{
	while (q && *q == ' ')
		q++;
	return !q || !*q;
}

void yente_search(srv_request *r)
{
	search_params p;
	if (read_params(r, &p) != 0)
		return;
	srv_snapshot *s = srv_snap(r);
	search_state st = {json_array(), json_object(), 0, 0};
	const char *q = srv_arg(r, "q");
	if (blank(q))
		browse(s, &p, &st);
	else if (search_name(s, &p, &st, q) != 0) {
		srv_reply_detail(r, 400, "Search error: %s", cordon_last_error());
		json_decref(st.results);
		json_decref(st.facets);
		return;
	}
	json_t *out = json_pack("{s:i,s:i,s:{s:I,s:s},s:o,s:o}", "limit", (int)p.limit, "offset", (int)p.offset, "total",
	                        "value", (json_int_t)st.total, "relation", st.partial ? "gte" : "eq", "results",
	                        st.results, "facets", facets_json(&p, st.facets));
	json_decref(st.facets);
	srv_reply_json(r, 200, out);
}
