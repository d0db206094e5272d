/* Shared by the yente-compatible routes: validation errors, parameters, scope, labels. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "server/yente_internal.h"

/* ---- FastAPI validation errors ---- */

void yente_invalid(json_t *errors, const char *type, json_t *loc, const char *msg, json_t *input)
{
	json_t *e = json_pack("{s:s,s:o,s:s}", "type", type, "loc", loc, "msg", msg);
	if (input)
		json_object_set_new(e, "input", input);
	json_array_append_new(errors, e);
}

void yente_reply_invalid(srv_request *r, json_t *errors)
{
	srv_reply_json(r, 422, json_pack("{s:o}", "detail", errors));
}

static json_t *query_loc(const char *name)
{
	return json_pack("[s,s]", "query", name);
}

long yente_int_arg(srv_request *r, json_t *errors, const char *name, long def, long min, long max)
{
	const char *v = srv_arg(r, name);
	if (!v)
		return def;
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	char msg[96];
	if (!*v || *end || errno) {
		yente_invalid(errors, "int_parsing", query_loc(name),
		              "Input should be a valid integer, unable to parse string as an integer", json_string(v));
		return def;
	}
	if (n > max || n < min) {
		int above = n > max;
		snprintf(msg, sizeof(msg), "Input should be %s than or equal to %ld", above ? "less" : "greater",
		         above ? max : min);
		yente_invalid(errors, above ? "less_than_equal" : "greater_than_equal", query_loc(name), msg, json_string(v));
		json_object_set_new(json_array_get(errors, json_array_size(errors) - 1), "ctx",
		                    json_pack("{s:I}", above ? "le" : "ge", (json_int_t)(above ? max : min)));
		return def;
	}
	return n;
}

double yente_float_arg(srv_request *r, json_t *errors, const char *name, double def)
{
	const char *v = srv_arg(r, name);
	if (!v)
		return def;
	char *end;
	double d = strtod(v, &end);
	if (!*v || *end || !isfinite(d)) {
		yente_invalid(errors, "float_parsing", query_loc(name),
		              "Input should be a valid number, unable to parse string as a number", json_string(v));
		return def;
	}
	return d;
}

static int digits_at(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* yente's pattern for changed_since: ^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?$ */
static int changed_since_ok(const char *v)
{
	size_t n = strlen(v);
	if (n < 10 || !digits_at(v, 4) || v[4] != '-' || !digits_at(v + 5, 2) || v[7] != '-' || !digits_at(v + 8, 2))
		return 0;
	if (n == 10)
		return 1;
	if (v[10] != 'T' || (n != 13 && n != 16 && n != 19) || !digits_at(v + 11, 2))
		return 0;
	for (size_t i = 13; i < n; i += 3)
		if (v[i] != ':' || !digits_at(v + i + 1, 2))
			return 0;
	return 1;
}

void yente_date_arg(srv_request *r, json_t *errors, const char *name, char *out, size_t size)
{
	const char *v = srv_arg(r, name);
	out[0] = '\0';
	if (!v)
		return;
	if (!changed_since_ok(v) || strlen(v) >= size) {
		yente_invalid(errors, "string_pattern_mismatch", query_loc(name),
		              "String should match pattern '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}(:\\d{2}(:\\d{2})?)?)?$'",
		              json_string(v));
		return;
	}
	memcpy(out, v, strlen(v) + 1);
}

/* ---- scope ---- */

static int is_collection(const char *name)
{
	return strcmp(name, "default") == 0 || strcmp(name, "sanctions") == 0;
}

void yente_scope_read(srv_request *r, yente_scope *s, unsigned accepts, json_t *errors)
{
	memset(s, 0, sizeof(*s));
	const char *path = srv_param(r, 0);
	s->dataset = is_collection(path) ? NULL : path;
	s->include_count = srv_args(r, "include_dataset", s->include, YENTE_MAX_VALUES);
	s->exclude_count = srv_args(r, "exclude_dataset", s->exclude, YENTE_MAX_VALUES);
	s->topic_count = srv_args(r, "topics", s->topics, YENTE_MAX_VALUES);
	s->schemata = accepts;
	const char *excluded[YENTE_MAX_VALUES];
	size_t n = srv_args(r, "exclude_schema", excluded, YENTE_MAX_VALUES);
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < CORDON_SCHEMA_COUNT; k++)
			if (strcmp(ftm_schema_name(k), excluded[i]) == 0)
				s->schemata &= ~FTM_ACCEPTS(k);
	yente_date_arg(r, errors, "changed_since", s->changed_since, sizeof(s->changed_since));
}

int yente_dataset_known(srv_request *r)
{
	if (srv_snapshot_has_dataset(srv_snap(r), srv_param(r, 0)))
		return 1;
	srv_reply_detail(r, 404, "No such dataset.");
	return 0;
}

const char *yente_scope_single(const yente_scope *s)
{
	if (s->include_count == 1 && !is_collection(s->include[0]))
		return s->include[0];
	return s->dataset;
}

static int listed(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

int yente_scope_allows(const yente_scope *s, const char *dataset, int schema)
{
	if (s->dataset && strcmp(s->dataset, dataset) != 0)
		return 0;
	/* a collection among the included datasets includes everything */
	if (s->include_count && !listed(s->include, s->include_count, dataset) &&
	    !listed(s->include, s->include_count, "default") && !listed(s->include, s->include_count, "sanctions"))
		return 0;
	if (listed(s->exclude, s->exclude_count, dataset))
		return 0;
	return (s->schemata & FTM_ACCEPTS(schema)) != 0;
}

static int has_topic(const yente_scope *s, json_t *entity)
{
	json_t *topics = json_object_get(json_object_get(entity, "properties"), "topics");
	size_t i;
	json_t *t;
	if (!s->topic_count)
		return 1;
	json_array_foreach(topics, i, t) {
		if (listed(s->topics, s->topic_count, json_string_value(t)))
			return 1;
	}
	return 0;
}

int yente_scope_entity(const yente_scope *s, json_t *entity)
{
	if (!has_topic(s, entity))
		return 0;
	if (!s->changed_since[0])
		return 1;
	/*
	 * Lists other than OpenSanctions' carry no change time: the date of the list file stands
	 * in, so an entity is left out only when its list is older (more results, never fewer).
	 */
	const char *changed = json_string_value(json_object_get(entity, "last_change"));
	if (!changed)
		changed = json_string_value(json_object_get(entity, "last_seen"));
	return changed && strcmp(changed, s->changed_since) > 0;
}

/* ---- labels ---- */

const char *yente_dataset_title(const char *dataset)
{
	static const char *const titles[][2] = {
		{"ofac-sdn", "OFAC Specially Designated Nationals (SDN) List"},
		{"ofac-cons", "OFAC Consolidated (non-SDN) Sanctions List"},
		{"un", "UN Security Council Consolidated Sanctions List"},
		{"us-csl", "US Consolidated Screening List (trade.gov)"},
		{"us-dpl", "US BIS Denied Persons List"},
		{"os", "OpenSanctions"},
		{"eu-fsf", "EU Financial Sanctions Files (FSF)"},
		{"uk-ofsi", "UK OFSI Consolidated List"},
		{"uk-sl", "UK Sanctions List (FCDO)"},
		{"default", "All lists in the snapshot"},
		{"sanctions", "All lists in the snapshot"},
	};
	for (size_t i = 0; i < sizeof(titles) / sizeof(*titles); i++)
		if (strcmp(titles[i][0], dataset) == 0)
			return titles[i][1];
	return dataset;
}

const char *yente_topic_label(const char *topic)
{
	static const char *const labels[][2] = {
		{"sanction", "Sanctioned entity"},
		{"sanction.linked", "Sanction-linked entity"},
		{"sanction.counter", "Counter-sanctioned entity"},
		{"export.control", "Export controlled"},
		{"debarment", "Debarred entity"},
		{"crime", "Crime"},
		{"crime.terror", "Terrorism"},
		{"crime.war", "War crimes"},
		{"wanted", "Wanted"},
		{"poi", "Person of interest"},
		{"role.pep", "Politician"},
		{"role.rca", "Close Associate"},
		{"role.oligarch", "Oligarch"},
		{"gov.soe", "State-owned enterprise"},
		{"asset.frozen", "Frozen asset"},
	};
	for (size_t i = 0; i < sizeof(labels) / sizeof(*labels); i++)
		if (strcmp(labels[i][0], topic) == 0)
			return labels[i][1];
	return topic;
}

const char *yente_dataset_date(const srv_snapshot *s, const char *dataset)
{
	const char *best = NULL;
	for (size_t i = 0; i < s->info.source_count; i++) {
		const cordon_source_stats *src = &s->info.sources[i];
		if ((!dataset || strcmp(src->dataset, dataset) == 0) && (!best || strcmp(src->file_date, best) > 0))
			best = src->file_date;
	}
	return best;
}

json_t *yente_entity(srv_snapshot *s, size_t index)
{
	cordon_entity e;
	if (cordon_snapshot_entity(s->snap, index, &e) != 0)
		return NULL;
	json_t *o = ftm_entity_response(&e, yente_dataset_date(s, e.dataset));
	cordon_entity_dispose(&e);
	return o;
}
