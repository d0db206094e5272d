#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/codec.h"

/* Longest text a query field may hold: names are short, and a cap keeps one request cheap. */
#define CODEC_MAX_FIELD 1024

typedef struct {
	char *err;
	size_t errsize;
	const char **field;
} failure;

static int fail(const failure *f, const char *field, const char *message)
{
	snprintf(f->err, f->errsize, "field \"%s\" %s", field, message);
	*f->field = field;
	return -1;
}

/* A string (or, for ids, an integer) field copied out; absent or null leaves *out NULL. */
static int text_field(json_t *o, const char *key, int integer_ok, char **out, const failure *f)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return 0;
	if (integer_ok && json_is_integer(v)) {
		char buf[32];
		snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
		*out = strdup(buf);
		return *out ? 0 : fail(f, key, "could not be stored (out of memory)");
	}
	if (!json_is_string(v))
		return fail(f, key, integer_ok ? "must be a string or an integer" : "must be a string");
	if (json_string_length(v) > CODEC_MAX_FIELD)
		return fail(f, key, "is longer than 1024 bytes");
	*out = strdup(json_string_value(v));
	return *out ? 0 : fail(f, key, "could not be stored (out of memory)");
}

/* "identifiers": ["AB123", {"kind": "imo", "value": "9187629"}] */
static int identifiers_field(json_t *o, codec_query *q, const failure *f)
{
	json_t *ids = json_object_get(o, "identifiers");
	if (!ids || json_is_null(ids))
		return 0;
	if (!json_is_array(ids) || json_array_size(ids) > CODEC_MAX_IDS)
		return fail(f, "identifiers", "must be a list of at most 8 strings or {\"kind\", \"value\"} objects");
	for (size_t i = 0; i < json_array_size(ids); i++) {
		json_t *v = json_array_get(ids, i);
		json_t *value = json_is_object(v) ? json_object_get(v, "value") : v;
		json_t *kind = json_is_object(v) ? json_object_get(v, "kind") : NULL;
		if (!json_is_string(value) || json_string_length(value) > CODEC_MAX_FIELD ||
		    (kind && !json_is_null(kind) && (!json_is_string(kind) || cordon_id_kind_parse(json_string_value(kind)) < 0)))
			return fail(f, "identifiers", "must hold strings or {\"kind\", \"value\"} objects with a known kind");
		q->id_value[i] = strdup(json_string_value(value));
		q->id_kind[i] = json_is_string(kind) ? strdup(json_string_value(kind)) : NULL;
		q->ids[i] = (cordon_query_identifier){q->id_kind[i], q->id_value[i]};
	}
	q->query.identifiers = q->ids;
	q->query.identifier_count = json_array_size(ids);
	return 0;
}

static int limits_fields(json_t *o, codec_query *q, const failure *f)
{
	json_t *v = json_object_get(o, "limit");
	if (v && !json_is_null(v)) {
		if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 1000)
			return fail(f, "limit", "must be an integer from 1 to 1000");
		q->query.limit = (size_t)json_integer_value(v);
	}
	v = json_object_get(o, "threshold");
	if (v && !json_is_null(v)) {
		if (!json_is_number(v) || !(json_number_value(v) >= 0.0 && json_number_value(v) <= 1.0))
			return fail(f, "threshold", "must be a number from 0 to 1");
		q->query.threshold = json_number_value(v);
	}
	v = json_object_get(o, "explain");
	if (v && !json_is_null(v)) {
		if (!json_is_boolean(v))
			return fail(f, "explain", "must be true or false");
		q->query.explain = json_is_true(v);
	}
	return 0;
}

static int name_and_schema(json_t *o, codec_query *q, const failure *f)
{
	const char *key = json_object_get(o, "query") ? "query" : "name";
	if (text_field(o, key, 0, &q->name, f))
		return -1;
	if (!q->name || !q->name[0])
		return fail(f, "query", "is required: the name to screen");
	q->query.name = q->name;
	if (text_field(o, "schema", 0, &q->schema, f))
		return -1;
	if (q->schema) {
		q->query.schema = cordon_schema_parse(q->schema);
		if (q->query.schema < 0)
			return fail(f, "schema", "must be person, organization, vessel or aircraft");
	}
	return 0;
}

int codec_query_from_json(json_t *o, const cordon_query *base, codec_query *out, char *err, size_t errsize,
                          const char **field)
{
	memset(out, 0, sizeof(*out));
	out->query = *base;
	const char *ignored;
	failure f = {err, errsize, field ? field : &ignored};
	if (!json_is_object(o)) {
		snprintf(err, errsize, "a query must be a JSON object");
		*f.field = "";
		return -1;
	}
	if (text_field(o, "id", 1, &out->id, &f) || name_and_schema(o, out, &f) ||
	    text_field(o, "birth_date", 0, &out->birth_date, &f) || text_field(o, "country", 0, &out->country, &f) ||
	    text_field(o, "dataset", 0, &out->dataset, &f) || identifiers_field(o, out, &f) || limits_fields(o, out, &f))
		return -1;
	if (out->birth_date)
		out->query.birth_date = out->birth_date;
	if (out->country)
		out->query.country = out->country;
	if (out->dataset)
		out->query.dataset = out->dataset;
	return 0;
}

void codec_query_free(codec_query *q)
{
	free(q->id);
	free(q->name);
	free(q->schema);
	free(q->birth_date);
	free(q->country);
	free(q->dataset);
	for (size_t i = 0; i < CODEC_MAX_IDS; i++) {
		free(q->id_kind[i]);
		free(q->id_value[i]);
	}
	memset(q, 0, sizeof(*q));
}
