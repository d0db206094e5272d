/*
 * POST /match/{dataset}: yente's query-by-example matching, scored by cordon.
 * Each example's names are screened one by one (with each of its first birth
 * dates and countries) and an entity keeps its best score, which is what a
 * rule-based matcher taking the best name pair and "any date / any country
 * agrees" does.
 *
 * cordon's explanation features under yente's (nomenklatura logic-v2) names; a
 * qualifier's "score" is 1 when it fired and 0 when it was checked and agreed,
 * as yente reports a feature's value before its weight:
 *
 *   cordon feature          yente feature            score
 *   name                    name_match               the name score; query/candidate: the names compared
 *   weak_alias              weak_alias_match         the name score (x0.92 already applied)
 *   numbers                 numbers_mismatch         1 (its x0.5 or x0.9 is inside the name score)
 *   birth_date (+/-)        dob_year_disjoint        1 when cordon took points off, else 0
 *     and, with full dates  dob_day_disjoint         0 when a listed day is the query's, else 1
 *   country (+/-)           country_mismatch         1 when the country is not listed, else 0
 *   identifier              vessel_imo_mmsi_match (IMO, MMSI), lei_code_match, bic_code_match,
 *                           inn_code_match, ogrn_code_match, else identifier_match: 1
 *
 * A birth date or country cordon could not compare (none listed) gives no feature.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codec/codec.h"
#include "server/yente_internal.h"

#define MAX_QUERIES 100 /* YENTE_MAX_BATCH */
#define MAX_MATCHES 500 /* YENTE_MAX_MATCHES */
#define DEFAULT_LIMIT 5 /* YENTE_MATCH_PAGE */
#define DEFAULT_THRESHOLD 0.70
#define MAX_EXCLUDED_IDS 50
/* What one example may cost: names x dates x countries screenings. */
#define MAX_NAMES 10
#define MAX_DATES 2
#define MAX_COUNTRIES 3
#define MAX_IDS 8
/* Longest property value read; longer ones are no names or numbers anyone screens. */
#define MAX_VALUE 4096
/* Values kept per property: repeated values are found by a linear scan, which this bounds. */
#define MAX_PROP_VALUES 500

typedef struct {
	long limit;
	double threshold, cutoff; /* cutoff is already min(cutoff, threshold) */
	const char *algorithm;
	yente_scope scope;
	const char *excluded[MAX_EXCLUDED_IDS];
	size_t excluded_count;
} match_params;

/* One query of the batch, cleaned, with what cordon screens. */
typedef struct {
	const char *key;
	json_t *body;  /* the query object of the request (borrowed) */
	ftm_schema_info schema;
	json_t *props; /* cleaned properties, echoed back (owned) */
	const char *names[MAX_NAMES];
	size_t name_count;
	char composed[512]; /* a name made of name parts when none is given */
	const char *dates[MAX_DATES];
	size_t date_count;
	const char *countries[MAX_COUNTRIES];
	size_t country_count;
	cordon_query_identifier ids[MAX_IDS];
	size_t id_count;
} example;

typedef struct {
	const cordon_match *m;
	const char *name, *date; /* the example's name and birth date that gave this score */
} hit;

typedef struct {
	cordon_results *runs;
	size_t run_count;
	hit *hits;
	size_t hit_count;
} screening;

/* ---- request validation (FastAPI's 422) ---- */

static json_t *body_loc(const char *key, const char *field)
{
	json_t *loc = json_pack("[s,s]", "body", "queries");
	if (key)
		json_array_append_new(loc, json_string(key));
	if (field)
		json_array_append_new(loc, json_string(field));
	return loc;
}

static void check_properties(json_t *errors, const char *key, json_t *props)
{
	const char *prop;
	json_t *v;
	if (!props || json_is_null(props))
		return;
	if (!json_is_object(props)) {
		yente_invalid(errors, "dict_type", body_loc(key, "properties"), "Input should be a valid dictionary",
		              json_incref(props));
		return;
	}
	json_object_foreach(props, prop, v) {
		if (json_is_string(v) || json_is_array(v))
			continue;
		json_t *loc = body_loc(key, "properties");
		json_array_append_new(loc, json_string(prop));
		yente_invalid(errors, "string_type", loc, "Input should be a valid string", json_incref(v));
	}
}

static void check_example(json_t *errors, const char *key, json_t *q)
{
	if (!json_is_object(q)) {
		yente_invalid(errors, "model_attributes_type", body_loc(key, NULL),
		              "Input should be a valid dictionary or object to extract fields from", json_incref(q));
		return;
	}
	json_t *schema = json_object_get(q, "schema"), *id = json_object_get(q, "id");
	if (!schema)
		yente_invalid(errors, "missing", body_loc(key, "schema"), "Field required", json_incref(q));
	else if (!json_is_string(schema))
		yente_invalid(errors, "string_type", body_loc(key, "schema"), "Input should be a valid string",
		              json_incref(schema));
	if (id && !json_is_null(id) && !json_is_string(id))
		yente_invalid(errors, "string_type", body_loc(key, "id"), "Input should be a valid string", json_incref(id));
	check_properties(errors, key, json_object_get(q, "properties"));
}

static void check_dict(json_t *errors, json_t *body, const char *field)
{
	json_t *v = json_object_get(body, field);
	if (v && !json_is_null(v) && !json_is_object(v))
		yente_invalid(errors, "dict_type", json_pack("[s,s]", "body", field), "Input should be a valid dictionary",
		              json_incref(v));
}

/* The body as FastAPI validates it; NULL (with errors added) when it is not a usable object. */
static json_t *read_body(srv_request *r, json_t *errors)
{
	size_t len;
	const char *text = srv_body(r, &len);
	json_error_t e;
	json_t *body = len ? json_loadb(text, len, JSON_DECODE_ANY, &e) : NULL;
	if (!len)
		yente_invalid(errors, "missing", json_pack("[s]", "body"), "Field required", json_null());
	else if (!body) {
		yente_invalid(errors, "json_invalid", json_pack("[s,i]", "body", e.position), "JSON decode error",
		              json_object());
		json_object_set_new(json_array_get(errors, json_array_size(errors) - 1), "ctx",
		                    json_pack("{s:s}", "error", e.text));
	}
	else if (!json_is_object(body))
		yente_invalid(errors, "model_attributes_type", json_pack("[s]", "body"),
		              "Input should be a valid dictionary or object to extract fields from", json_incref(body));
	else if (!json_object_get(body, "queries"))
		yente_invalid(errors, "missing", body_loc(NULL, NULL), "Field required", json_incref(body));
	else if (!json_is_object(json_object_get(body, "queries")))
		yente_invalid(errors, "dict_type", body_loc(NULL, NULL), "Input should be a valid dictionary",
		              json_incref(json_object_get(body, "queries")));
	if (body && json_is_object(json_object_get(body, "queries"))) {
		const char *key;
		json_t *q;
		json_object_foreach(json_object_get(body, "queries"), key, q) {
			check_example(errors, key, q);
		}
		check_dict(errors, body, "weights");
		check_dict(errors, body, "config");
	}
	return body;
}

static void read_params(srv_request *r, match_params *p, json_t *errors, unsigned accepts)
{
	p->limit = yente_int_arg(r, errors, "limit", DEFAULT_LIMIT, 0, MAX_MATCHES);
	p->threshold = yente_float_arg(r, errors, "threshold", DEFAULT_THRESHOLD);
	p->cutoff = yente_float_arg(r, errors, "cutoff", DEFAULT_THRESHOLD);
	if (p->cutoff > p->threshold)
		p->cutoff = p->threshold; /* yente: the effective cutoff is min(cutoff, threshold) */
	p->algorithm = srv_arg(r, "algorithm") ? srv_arg(r, "algorithm") : "best";
	yente_scope_read(r, &p->scope, accepts, errors);
	p->excluded_count = srv_args(r, "exclude_entity_ids", p->excluded, MAX_EXCLUDED_IDS);
	const char *more[MAX_EXCLUDED_IDS + 1];
	if (srv_args(r, "exclude_entity_ids", more, MAX_EXCLUDED_IDS + 1) > MAX_EXCLUDED_IDS)
		yente_invalid(errors, "too_long", json_pack("[s,s]", "query", "exclude_entity_ids"),
		              "List should have at most 50 items after validation", NULL);
}

/* ---- request checks answered with 400 ---- */

static int known_algorithm(const char *name)
{
	static const char *const names[] = {"best",           "cordon",   "logic-v2",      "logic-v1",
	                                    "regression-v1",  "ofac",     "name-based",    "name-qualified"};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcasecmp(names[i], name) == 0)
			return 1;
	return 0;
}

/* logic-v2's configuration keys are accepted (a yente client may send them) and have no effect. */
static const char *unknown_config_key(json_t *config)
{
	static const char *const keys[] = {"nm_name_property",     "nm_number_mismatch",    "nm_extra_query_name",
	                                   "nm_extra_result_name", "nm_family_name_weight", "nm_fuzzy_cutoff_factor"};
	const char *key;
	json_t *v;
	json_object_foreach(config, key, v) {
		size_t i = 0;
		while (i < sizeof(keys) / sizeof(*keys) && strcmp(keys[i], key) != 0)
			i++;
		if (i == sizeof(keys) / sizeof(*keys))
			return key;
	}
	return NULL;
}

/* Answers 400 and returns -1 when the batch as a whole cannot be matched. */
static int check_batch(srv_request *r, const match_params *p, json_t *body)
{
	size_t n = json_object_size(json_object_get(body, "queries"));
	size_t max = srv_max_batch(r) < MAX_QUERIES ? srv_max_batch(r) : MAX_QUERIES;
	const char *bad_key = unknown_config_key(json_object_get(body, "config"));
	if (n > max)
		srv_reply_detail(r, 400, "Too many queries in one batch (limit: %zu)", max);
	else if (n == 0)
		srv_reply_detail(r, 400, "No queries provided.");
	else if (!known_algorithm(p->algorithm))
		srv_reply_detail(r, 400, "Invalid algorithm: %s", p->algorithm);
	else if (bad_key)
		srv_reply_detail(r, 400, "Invalid configuration parameter: %s for algorithm %s", bad_key, p->algorithm);
	else
		return 0;
	return -1;
}

/* Answers 400 and returns -1 when the example's schema is unknown or cannot be matched. */
static int check_schema(srv_request *r, example *x)
{
	const char *name = json_string_value(json_object_get(x->body, "schema"));
	if (ftm_schema_lookup(name, &x->schema) != 0) {
		srv_reply_detail(r, 400, "Cannot parse example entity: Unknown schema: '%s'", name);
		return -1;
	}
	if (!x->schema.matchable) {
		srv_reply_detail(r, 400, "Cannot parse example entity: Non-matchable schema for query: %s", name);
		return -1;
	}
	return 0;
}

/* ---- cleaning an example's properties (FtM: unknown properties ignored, values cleaned by type) ---- */

static void add_clean(json_t *props, const char *prop, const char *value)
{
	char buf[MAX_VALUE + 1], cleaned[11];
	while (*value == ' ' || *value == '\t' || *value == '\n' || *value == '\r')
		value++;
	size_t n = strlen(value);
	while (n && (value[n - 1] == ' ' || value[n - 1] == '\t' || value[n - 1] == '\n' || value[n - 1] == '\r'))
		n--;
	if (!n || n > MAX_VALUE)
		return;
	memcpy(buf, value, n);
	buf[n] = '\0';
	const char *v = buf;
	if (ftm_property_is_country(prop))
		v = ftm_country_code(buf, cleaned); /* "Russia" becomes "ru"; an unknown country is dropped */
	else if (ftm_property_is_date(prop))
		v = ftm_date(buf, cleaned);
	if (!v)
		return;
	json_t *list = json_object_get(props, prop);
	if (!list)
		json_object_set_new(props, prop, list = json_array());
	if (json_array_size(list) >= MAX_PROP_VALUES)
		return;
	size_t i;
	json_t *have;
	json_array_foreach(list, i, have) {
		if (strcmp(json_string_value(have), v) == 0)
			return;
	}
	json_array_append_new(list, json_string(v));
}

static void add_json_value(json_t *props, const char *prop, json_t *v)
{
	char num[64];
	if (json_is_string(v)) {
		add_clean(props, prop, json_string_value(v));
		return;
	}
	/* FtM reads a number as its text */
	if (json_is_integer(v))
		snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(num, sizeof(num), "%g", json_real_value(v));
	else
		return;
	add_clean(props, prop, num);
}

static json_t *clean_properties(const ftm_schema_info *schema, json_t *in)
{
	json_t *out = json_object(), *v;
	const char *prop;
	json_object_foreach(in, prop, v) {
		if (!ftm_property_valid(schema->name, prop))
			continue;
		if (!json_is_array(v)) {
			add_json_value(out, prop, v);
			continue;
		}
		size_t i;
		json_t *item;
		json_array_foreach(v, i, item) {
			add_json_value(out, prop, item);
		}
	}
	return out;
}

/* ---- what cordon screens ---- */

static void collect(json_t *props, const char *prop, const char **out, size_t *n, size_t max)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(props, prop), i, v) {
		if (*n >= max)
			return;
		size_t k = 0;
		while (k < *n && strcmp(out[k], json_string_value(v)) != 0)
			k++;
		if (k == *n)
			out[(*n)++] = json_string_value(v);
	}
}

/* FtM composes a name from its parts when an example has none. */
static void compose_name(example *x)
{
	static const char *const parts[] = {"firstName", "secondName", "middleName", "fatherName", "lastName"};
	size_t len = 0;
	for (size_t i = 0; i < sizeof(parts) / sizeof(*parts); i++) {
		const char *v = json_string_value(json_array_get(json_object_get(x->props, parts[i]), 0));
		if (v && len + strlen(v) + 2 < sizeof(x->composed))
			len += (size_t)snprintf(x->composed + len, sizeof(x->composed) - len, "%s%s", len ? " " : "", v);
	}
	if (len)
		x->names[x->name_count++] = x->composed;
}

/* cordon's identifier normal form: letters and digits, upper case, an "IMO" prefix dropped. */
static size_t id_norm(const char *v, char *out, size_t size)
{
	size_t n = 0;
	if (strncasecmp(v, "imo", 3) == 0) {
		const char *p = v + 3;
		while (*p == ' ' || *p == ':' || *p == '-' || *p == '.')
			p++;
		if (*p >= '0' && *p <= '9')
			v = p;
	}
	for (; *v && n + 1 < size; v++)
		if ((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') || (*v >= '0' && *v <= '9'))
			out[n++] = (char)(*v >= 'a' && *v <= 'z' ? *v - 32 : *v);
	out[n] = '\0';
	return n;
}

/* Identifier properties compared with every listed identifier, whatever its kind, as yente does. */
static void collect_ids(example *x)
{
	static const char *const props[] = {"passportNumber", "idNumber", "taxNumber", "registrationNumber", "imoNumber",
	                                    "mmsi", "callSign", "swiftBic", "leiCode", "innCode", "ogrnCode", "okpoCode",
	                                    "vatCode", "dunsCode", "uniqueEntityId", "npiCode", "socialSecurityNumber",
	                                    "serialNumber", "icaoCode", "permId", "isinCode", "cageCode"};
	for (size_t i = 0; i < sizeof(props) / sizeof(*props); i++) {
		size_t k;
		json_t *v;
		json_array_foreach(json_object_get(x->props, props[i]), k, v) {
			char norm[64];
			/* cordon refuses identifiers under four characters: too short to identify anyone */
			if (x->id_count < MAX_IDS && id_norm(json_string_value(v), norm, sizeof(norm)) >= 4)
				x->ids[x->id_count++] = (cordon_query_identifier){NULL, json_string_value(v)};
		}
	}
}

static void prepare_example(example *x)
{
	static const char *const name_props[] = {"name", "alias", "previousName", "weakAlias"};
	static const char *const country_props[] = {"nationality", "citizenship", "country", "jurisdiction",
	                                            "birthCountry", "mainCountry", "flag"};
	json_t *in = json_object_get(x->body, "properties");
	x->props = clean_properties(&x->schema, json_is_object(in) ? in : NULL);
	for (size_t i = 0; i < sizeof(name_props) / sizeof(*name_props); i++)
		collect(x->props, name_props[i], x->names, &x->name_count, MAX_NAMES);
	if (!x->name_count)
		compose_name(x);
	collect(x->props, "birthDate", x->dates, &x->date_count, MAX_DATES);
	for (size_t i = 0; i < sizeof(country_props) / sizeof(*country_props); i++)
		collect(x->props, country_props[i], x->countries, &x->country_count, MAX_COUNTRIES);
	collect_ids(x);
}

/* ---- screening ---- */

/* yente fetches limit x 10 candidates, at least 20, at most max(500, limit). */
static size_t candidate_count(long limit)
{
	size_t n = (size_t)limit * 10;
	size_t max = limit > 500 ? (size_t)limit : 500;
	return n < 20 ? 20 : n > max ? max : n;
}

static int screen_one(srv_snapshot *s, const cordon_query *q, screening *sc)
{
	cordon_results *res = &sc->runs[sc->run_count];
	int rc = cordon_screen(s->snap, q, res);
	/* dates, countries and identifiers are cleaned first: refused is a name of punctuation only */
	if (rc == CORDON_EINVALID)
		return 0;
	if (rc != 0)
		return -1;
	sc->run_count++;
	hit *grown = realloc(sc->hits, (sc->hit_count + res->count + 1) * sizeof(*grown));
	if (!grown)
		return -1;
	sc->hits = grown;
	for (size_t i = 0; i < res->count; i++)
		sc->hits[sc->hit_count++] = (hit){&res->matches[i], q->name, q->birth_date};
	return 0;
}

/* Every name with each birth date and country (or none): an entity's best is kept by merge(). */
static int screen_all(srv_snapshot *s, const match_params *p, const example *x, screening *sc)
{
	size_t dates = x->date_count ? x->date_count : 1, countries = x->country_count ? x->country_count : 1;
	sc->runs = calloc(x->name_count * dates * countries + 1, sizeof(*sc->runs));
	if (!sc->runs)
		return -1;
	cordon_query q = CORDON_QUERY_INIT;
	q.schema = x->schema.filter;
	q.dataset = yente_scope_single(&p->scope);
	/* scores are compared as answered, to four decimals: ask for all that round to the cutoff */
	double lowest = p->cutoff - 0.00005;
	q.threshold = lowest < 0 ? 0 : lowest > 1 ? 1 : lowest;
	q.limit = candidate_count(p->limit);
	q.identifiers = x->ids;
	q.identifier_count = x->id_count;
	q.explain = 1;
	for (size_t n = 0; n < x->name_count; n++)
		for (size_t d = 0; d < dates; d++)
			for (size_t c = 0; c < countries; c++) {
				q.name = x->names[n];
				q.birth_date = x->date_count ? x->dates[d] : NULL;
				q.country = x->country_count ? x->countries[c] : NULL;
				if (screen_one(s, &q, sc) != 0)
					return -1;
			}
	return 0;
}

static int by_entity_then_score(const void *a, const void *b)
{
	const hit *x = a, *y = b;
	if (x->m->entity_index != y->m->entity_index)
		return x->m->entity_index < y->m->entity_index ? -1 : 1;
	return x->m->score > y->m->score ? -1 : x->m->score < y->m->score;
}

static int by_score(const void *a, const void *b)
{
	const hit *x = a, *y = b;
	if (x->m->score != y->m->score)
		return x->m->score > y->m->score ? -1 : 1;
	return x->m->entity_index < y->m->entity_index ? -1 : x->m->entity_index > y->m->entity_index;
}

/* One hit per entity, its best, best first. */
static void merge(screening *sc)
{
	if (sc->hit_count < 2)
		return;
	qsort(sc->hits, sc->hit_count, sizeof(*sc->hits), by_entity_then_score);
	size_t n = 1;
	for (size_t i = 1; i < sc->hit_count; i++)
		if (sc->hits[i].m->entity_index != sc->hits[n - 1].m->entity_index)
			sc->hits[n++] = sc->hits[i];
	sc->hit_count = n;
	qsort(sc->hits, sc->hit_count, sizeof(*sc->hits), by_score);
}

static void screening_dispose(screening *sc)
{
	for (size_t i = 0; i < sc->run_count; i++)
		cordon_results_dispose(&sc->runs[i]);
	free(sc->runs);
	free(sc->hits);
}

/* ---- explanations in yente's feature names ---- */

static json_t *feature(double score, const char *detail, const char *query, const char *candidate)
{
	return json_pack("{s:s?,s:f,s:s?,s:s?}", "detail", detail, "score", codec_round4(score), "query", query,
	                 "candidate", candidate);
}

/* yente's per-identifier features for strong identifiers; identifier_match for the rest. */
static const char *identifier_feature(const cordon_identifier *id)
{
	if (id->kind == CORDON_ID_IMO || id->kind == CORDON_ID_MMSI)
		return "vessel_imo_mmsi_match";
	if (id->kind == CORDON_ID_LEI)
		return "lei_code_match";
	if (id->kind == CORDON_ID_SWIFT_BIC)
		return "bic_code_match";
	if (id->label && strcmp(id->label, "innCode") == 0)
		return "inn_code_match";
	if (id->label && strcmp(id->label, "ogrnCode") == 0)
		return "ogrn_code_match";
	return "identifier_match";
}

static void explain_identifier(json_t *out, const example *x, const cordon_entity *e, const char *detail)
{
	for (size_t i = 0; i < x->id_count; i++) {
		char q[64], l[64];
		id_norm(x->ids[i].value, q, sizeof(q));
		for (size_t k = 0; k < e->identifier_count; k++)
			if (id_norm(e->identifiers[k].value, l, sizeof(l)) >= 4 && strcmp(q, l) == 0) {
				json_object_set_new(out, identifier_feature(&e->identifiers[k]),
				                    feature(1.0, detail, x->ids[i].value, e->identifiers[k].value));
				return;
			}
	}
}

/* dob_day_disjoint: only when both sides give full dates; 0 when one listed day is the query's. */
static void explain_birth_day(json_t *out, const char *date, const cordon_entity *e)
{
	char listed[24] = "", detail[96];
	if (!date || strlen(date) != 10)
		return;
	for (size_t i = 0; i < e->birth_date_count; i++) {
		const cordon_date *d = &e->birth_dates[i];
		if (d->precision != CORDON_DATE_DAY)
			continue;
		snprintf(listed, sizeof(listed), "%04d-%02d-%02d", d->year, d->month, d->day);
		if (strcmp(listed, date) == 0) {
			snprintf(detail, sizeof(detail), "Birth day match: %s", date);
			json_object_set_new(out, "dob_day_disjoint", feature(0.0, detail, date, listed));
			return;
		}
	}
	if (!listed[0])
		return;
	snprintf(detail, sizeof(detail), "Birth days: %s vs %s", date, listed);
	json_object_set_new(out, "dob_day_disjoint", feature(1.0, detail, date, listed));
}

static void explain_name(json_t *out, const hit *h)
{
	const cordon_explanation *x = h->m->explanation;
	char detail[512];
	snprintf(detail, sizeof(detail), "[%s ~ %s] %.3f (%s)", x->query_form, x->listed_form, h->m->name_score,
	         x->query_scheme);
	json_object_set_new(out, "name_match", feature(h->m->name_score, detail, h->name, h->m->matched_name));
}

/* cordon's facts under yente's names (the table at the top of this file). */
static json_t *explanations(const hit *h, const example *x, const cordon_entity *e)
{
	json_t *out = json_object();
	const cordon_explanation *ex = h->m->explanation;
	for (size_t i = 0; ex && i < ex->feature_count; i++) {
		const cordon_feature *f = &ex->features[i];
		if (strcmp(f->feature, "name") == 0)
			explain_name(out, h);
		else if (strcmp(f->feature, "weak_alias") == 0)
			json_object_set_new(out, "weak_alias_match", feature(h->m->name_score, f->detail, h->name,
			                                                     h->m->matched_name));
		else if (strcmp(f->feature, "numbers") == 0)
			json_object_set_new(out, "numbers_mismatch", feature(1.0, f->detail, NULL, NULL));
		else if (strcmp(f->feature, "birth_date") == 0 && f->contribution != 0.0) {
			json_object_set_new(out, "dob_year_disjoint", feature(f->contribution < 0 ? 1.0 : 0.0, f->detail, NULL, NULL));
			explain_birth_day(out, h->date, e);
		} else if (strcmp(f->feature, "country") == 0 && f->contribution != 0.0)
			json_object_set_new(out, "country_mismatch", feature(f->contribution < 0 ? 1.0 : 0.0, f->detail, NULL, NULL));
		else if (strcmp(f->feature, "identifier") == 0)
			explain_identifier(out, x, e, f->detail);
	}
	return out;
}

/* ---- one example's answer ---- */

static int excluded(const match_params *p, const char *id)
{
	for (size_t i = 0; i < p->excluded_count; i++)
		if (strcmp(p->excluded[i], id) == 0)
			return 1;
	return 0;
}

/* The ScoredEntityResponse of h, or NULL when the entity falls outside the scope (topics, changed_since). */
static json_t *scored(srv_snapshot *s, const match_params *p, const example *x, const hit *h, double score)
{
	cordon_entity e;
	if (cordon_snapshot_entity(s->snap, h->m->entity_index, &e) != 0)
		return NULL;
	json_t *o = ftm_entity_response(&e, yente_dataset_date(s, e.dataset));
	if (yente_scope_entity(&p->scope, o)) {
		json_object_set_new(o, "score", json_real(score));
		json_object_set_new(o, "explanations", explanations(h, x, &e));
		json_object_set_new(o, "match", json_boolean(score >= p->threshold));
	} else {
		json_decref(o);
		o = NULL;
	}
	cordon_entity_dispose(&e);
	return o;
}

/* Results above the cutoff up to the limit; total counts every result at or above the threshold. */
static json_t *results_json(srv_snapshot *s, const match_params *p, const example *x, const screening *sc,
                            size_t *total)
{
	json_t *results = json_array();
	int per_entity = p->scope.topic_count || p->scope.changed_since[0];
	*total = 0;
	for (size_t i = 0; i < sc->hit_count; i++) {
		const hit *h = &sc->hits[i];
		double score = codec_round4(h->m->score);
		int counted = score >= p->threshold;
		int shown = score > p->cutoff && json_array_size(results) < (size_t)p->limit;
		if ((!counted && !shown) || !(x->schema.accepts & FTM_ACCEPTS(h->m->schema)) ||
		    !yente_scope_allows(&p->scope, h->m->dataset, h->m->schema) || excluded(p, h->m->entity_id))
			continue;
		json_t *o = shown || per_entity ? scored(s, p, x, h, score) : NULL;
		if ((shown || per_entity) && !o)
			continue;
		*total += (size_t)counted;
		if (shown)
			json_array_append_new(results, o);
		else
			json_decref(o);
	}
	return results;
}

/* {"status": 200, "results", "total", "query"}; NULL with err set when screening failed. */
static json_t *match_example(srv_snapshot *s, const match_params *p, example *x, char *err, size_t errsize)
{
	screening sc = {0};
	json_t *out = NULL;
	if (x->name_count && screen_all(s, p, x, &sc) != 0) {
		snprintf(err, errsize, "%s", *cordon_last_error() ? cordon_last_error() : "out of memory");
	} else {
		merge(&sc);
		size_t total;
		json_t *results = results_json(s, p, x, &sc, &total);
		json_t *id = json_object_get(x->body, "id");
		out = json_pack("{s:i,s:o,s:{s:I,s:s},s:{s:O,s:s,s:O}}", "status", 200, "results", results, "total", "value",
		                (json_int_t)total, "relation", "eq", "query", "id", id ? id : json_null(), "schema",
		                json_string_value(json_object_get(x->body, "schema")), "properties", x->props);
	}
	screening_dispose(&sc);
	return out;
}

/* ---- the route ---- */

static void answer(srv_request *r, const match_params *p, example *xs, size_t n)
{
	json_t *responses = json_object();
	char err[512];
	for (size_t i = 0; i < n; i++) {
		json_t *one = match_example(srv_snap(r), p, &xs[i], err, sizeof(err));
		if (!one) {
			json_decref(responses);
			srv_reply_detail(r, 400, "Cannot match %s: %s", xs[i].key, err);
			return;
		}
		json_object_set_new(responses, xs[i].key, one);
	}
	char count[32];
	snprintf(count, sizeof(count), "%zu", n);
	srv_reply_header(r, "x-batch-size", count);
	srv_reply_json(r, 200, json_pack("{s:o,s:i}", "responses", responses, "limit", (int)p->limit));
}

/* Reads the examples; answers 400 and returns -1 at the first one that cannot be matched. */
static int read_examples(srv_request *r, json_t *queries, example *xs)
{
	const char *key;
	json_t *q;
	size_t i = 0;
	json_object_foreach(queries, key, q) {
		xs[i] = (example){.key = key, .body = q};
		if (check_schema(r, &xs[i]) != 0)
			return -1;
		prepare_example(&xs[i++]);
	}
	return 0;
}

static void run(srv_request *r, const match_params *p, json_t *body)
{
	json_t *queries = json_object_get(body, "queries");
	size_t n = json_object_size(queries);
	example *xs = calloc(n, sizeof(*xs));
	if (!xs) {
		srv_reply_detail(r, 500, "out of memory");
		return;
	}
	if (read_examples(r, queries, xs) == 0)
		answer(r, p, xs, n);
	for (size_t i = 0; i < n; i++)
		json_decref(xs[i].props);
	free(xs);
}

void yente_match(srv_request *r)
{
	match_params p;
	json_t *errors = json_array();
	read_params(r, &p, errors, FTM_ACCEPTS(CORDON_SCHEMA_COUNT) - 1);
	json_t *body = read_body(r, errors);
	if (json_array_size(errors))
		yente_reply_invalid(r, json_incref(errors));
	else if (yente_dataset_known(r) && check_batch(r, &p, body) == 0)
		run(r, &p, body);
	json_decref(errors);
	json_decref(body);
}
