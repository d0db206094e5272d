/*
 * Reading one reconciliation query ({query, type, limit, properties, type_strict})
 * into what cordon_screen takes. Values are read the way a spreadsheet sends them:
 * strings, numbers, reconciled cells ({"id", "name"}) or lists of these; a value
 * the screener cannot use is dropped, as yente's FtM cleaning drops it, so one
 * odd cell never fails the batch its row came in.
 */
#include <stdio.h>
#include <string.h>

#include "codec/ftm.h"
#include "server/reconcile_internal.h"

/* Longest name screened: the same cap as the native API's fields. */
#define MAX_NAME 1024

/* A value's text: strings as they are, a reconciled cell by its name; NULL for anything else. */
static const char *value_text(json_t *v)
{
	if (json_is_object(v))
		v = json_object_get(v, "name");
	return json_is_string(v) && json_string_length(v) ? json_string_value(v) : NULL;
}

static void take_birth(recon_query *q, json_t *v)
{
	if (q->birth_date[0])
		return;
	if (json_is_integer(v) && json_integer_value(v) >= 1000 && json_integer_value(v) <= 9999)
		snprintf(q->birth_date, sizeof(q->birth_date), "%d", (int)json_integer_value(v));
	else if (value_text(v) && !ftm_date(value_text(v), q->birth_date)) /* OpenRefine writes dates with a time */
		q->birth_date[0] = '\0';
}

static void take_identifier(recon_query *q, const recon_prop *p, json_t *v)
{
	if (q->id_count == RECON_MAX_IDS)
		return;
	const char *text = value_text(v);
	if (json_is_integer(v)) {
		snprintf(q->id_text[q->id_count], sizeof(q->id_text[0]), "%lld", (long long)json_integer_value(v));
		text = q->id_text[q->id_count];
	}
	if (text)
		q->ids[q->id_count++] = (cordon_query_identifier){p->id_kind, text};
}

/* One value of a property; the first usable value of each fact is kept. */
static void take_value(recon_query *q, const recon_prop *p, json_t *v)
{
	switch (p->role) {
	case RECON_PROP_NAME:
		if (!q->name && value_text(v) && strlen(value_text(v)) <= MAX_NAME)
			q->name = value_text(v);
		break;
	case RECON_PROP_BIRTH:
		take_birth(q, v);
		break;
	case RECON_PROP_COUNTRY:
		if (!q->country)
			q->country = value_text(v);
		break;
	case RECON_PROP_ID:
		take_identifier(q, p, v);
		break;
	}
}

static int read_properties(json_t *o, const char *key, recon_query *q, recon_error *e)
{
	json_t *props = json_object_get(o, "properties");
	if (!props || json_is_null(props))
		return 0;
	if (!json_is_array(props))
		return recon_fail(e, 400, "query \"%.60s\": \"properties\" must be a list of {\"pid\", \"v\"}", key);
	for (size_t i = 0; i < json_array_size(props); i++) {
		json_t *p = json_array_get(props, i), *pid = json_object_get(p, "pid"), *v = json_object_get(p, "v");
		if (!json_is_string(pid) || !v)
			return recon_fail(e, 400, "query \"%.60s\": properties[%zu] must be {\"pid\": string, \"v\": value}",
			                  key, i);
		const recon_prop *rp = recon_prop_find(json_string_value(pid));
		if (!rp)
			continue; /* a property cordon does not match on: ignored, as yente ignores it */
		if (!json_is_array(v))
			take_value(q, rp, v);
		for (size_t k = 0; json_is_array(v) && k < json_array_size(v); k++)
			take_value(q, rp, json_array_get(v, k));
	}
	return 0;
}

/* Adds what the type v names; a type cordon holds nothing of (or does not know) adds nothing. */
static int add_type(json_t *v, unsigned *schemas)
{
	unsigned admits = recon_type_schemas(value_text(v));
	*schemas |= admits;
	return admits != 0;
}

/*
 * "type": an id or a list of ids ({"id", "name"} objects too). Ids cordon does not know (a
 * Wikidata Q5 left from another service, an FtM schema it holds nothing of) leave the query
 * untyped rather than failing it: the type is a hint, and the name is still worth screening.
 */
static int read_types(json_t *o, const char *key, recon_query *q, recon_error *e)
{
	json_t *v = json_object_get(o, "type"), *strict = json_object_get(o, "type_strict");
	unsigned schemas = 0;
	if (json_is_string(v)) {
		q->typed = add_type(v, &schemas);
	} else if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++) {
			json_t *t = json_array_get(v, i);
			if (!json_is_string(t) && !json_is_object(t))
				return recon_fail(e, 400, "query \"%.60s\": \"type\" must be a type id or a list of them", key);
			q->typed |= add_type(json_is_object(t) ? json_object_get(t, "id") : t, &schemas);
		}
	} else if (v && !json_is_null(v)) {
		return recon_fail(e, 400, "query \"%.60s\": \"type\" must be a type id or a list of them", key);
	}
	q->schemas = q->typed ? schemas : RECON_ALL_SCHEMAS;
	/* Freebase's legacy flag: "any" and "all" ask for candidates of the given types only */
	q->strict = q->typed && json_is_string(strict) &&
	            (strcmp(json_string_value(strict), "any") == 0 || strcmp(json_string_value(strict), "all") == 0);
	return 0;
}

static int read_limit(json_t *o, const char *key, recon_query *q, recon_error *e)
{
	json_t *v = json_object_get(o, "limit");
	q->limit = RECON_DEFAULT_LIMIT;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_number(v) || json_number_value(v) < 1)
		return recon_fail(e, 400, "query \"%.60s\": \"limit\" must be a positive integer", key);
	double n = json_number_value(v);
	q->limit = n > RECON_MAX_LIMIT ? RECON_MAX_LIMIT : (size_t)n;
	return 0;
}

static int read_name(json_t *o, const char *key, recon_query *q, recon_error *e)
{
	json_t *v = json_object_get(o, "query");
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return recon_fail(e, 400, "query \"%.60s\": \"query\" must be a string", key);
	if (json_string_length(v) > MAX_NAME)
		return recon_fail(e, 400, "query \"%.60s\": \"query\" is longer than %d bytes", key, MAX_NAME);
	if (json_string_length(v))
		q->name = json_string_value(v);
	return 0;
}

int recon_query_read(json_t *o, const char *key, recon_query *q, recon_error *e)
{
	memset(q, 0, sizeof(*q));
	if (!json_is_object(o))
		return recon_fail(e, 400, "query \"%.60s\" must be an object such as {\"query\": \"a name\"}", key);
	if (read_name(o, key, q, e) || read_types(o, key, q, e) || read_limit(o, key, q, e) ||
	    read_properties(o, key, q, e))
		return -1;
	return 0;
}
