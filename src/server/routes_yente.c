/*
 * yente-compatible routes, so a client written for OpenSanctions' yente works
 * against cordon unchanged: POST /match/{dataset}, GET /search/{dataset},
 * GET /entities/{entity_id}, GET /catalog (and /manifest), GET /algorithms.
 * Errors are yente's {"detail": ...}. See docs/server.md, "yente".
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server/yente_internal.h"

/* GET /entities/{entity_id}: cordon's entities have no links to nest, so "nested" changes nothing. */
static void entity(srv_request *r)
{
	srv_snapshot *s = srv_snap(r);
	size_t index;
	json_t *o = NULL;
	if (cordon_snapshot_find(s->snap, srv_param(r, 0), &index) == 0)
		o = yente_entity(s, index);
	if (o)
		srv_reply_json(r, 200, o);
	else
		srv_reply_detail(r, 404, "No such entity!");
}

/* ---- GET /catalog ---- */

/* yente's versions sort in time ("20240528134729-3iv"): the snapshot's build time and checksum. */
static void snapshot_version(const srv_snapshot *s, char *out, size_t size)
{
	time_t t = (time_t)s->info.created_unix;
	struct tm tm;
	char when[16];
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y%m%d%H%M%S", &tm);
	snprintf(out, size, "%s-%s", when, s->info.checksum);
}

static json_t *resources_json(const srv_snapshot *s, const char *dataset)
{
	json_t *a = json_array();
	for (size_t i = 0; i < s->info.source_count; i++) {
		const cordon_source_stats *src = &s->info.sources[i];
		/* the file's name, not where it lies on the server */
		const char *slash = strrchr(src->path, '/');
		if (strcmp(src->dataset, dataset) == 0)
			json_array_append_new(a, json_pack("{s:s,s:s,s:I,s:s,s:I}", "name", slash ? slash + 1 : src->path,
			                                   "sha256", src->sha256,
			                                   "size", (json_int_t)src->bytes, "file_date", src->file_date,
			                                   "entities", (json_int_t)src->entities));
	}
	return a;
}

/* One dataset (or, with children, the collection of them all) as yente's catalog lists it. */
static json_t *dataset_json(const srv_snapshot *s, const char *name, json_t *children, const char *version)
{
	const char *date = yente_dataset_date(s, children ? NULL : name);
	char updated[32];
	snprintf(updated, sizeof(updated), "%sT00:00:00", date ? date : "");
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:I}", "name", name, "title", yente_dataset_title(name),
	                      "updated_at", updated, "last_export", updated, "version", version, "entity_count",
	                      (json_int_t)cordon_snapshot_count(s->snap, children ? NULL : name, -1));
	json_object_set_new(o, "children", children ? children : json_array());
	json_object_set_new(o, "resources", children ? json_array() : resources_json(s, name));
	json_object_set_new(o, "load", json_true());
	json_object_set_new(o, "namespace", json_false());
	json_object_set_new(o, "entities_url", json_null());
	json_object_set_new(o, "delta_url", json_null());
	json_object_set_new(o, "index_version", json_string(version));
	json_object_set_new(o, "index_current", json_true());
	return o;
}

static json_t *catalog_json(const srv_snapshot *s, const char *version)
{
	json_t *datasets = json_array(), *current = json_array(), *all = json_array();
	for (size_t i = 0; i < s->dataset_count; i++) {
		json_array_append_new(datasets, dataset_json(s, s->datasets[i], NULL, version));
		json_array_append_new(current, json_string(s->datasets[i]));
		json_array_append_new(all, json_string(s->datasets[i]));
	}
	/* the collections every path accepts: both hold every list of the snapshot */
	json_array_append_new(datasets, dataset_json(s, "default", json_deep_copy(all), version));
	json_array_append_new(datasets, dataset_json(s, "sanctions", all, version));
	json_array_append_new(current, json_string("default"));
	json_array_append_new(current, json_string("sanctions"));
	return json_pack("{s:o,s:o,s:[],s:b}", "datasets", datasets, "current", current, "outdated", "index_stale", 0);
}

/* A client polling the catalog gets 304 until a reload brings another snapshot. */
static void catalog(srv_request *r)
{
	srv_snapshot *s = srv_snap(r);
	char version[64], etag[80];
	snapshot_version(s, version, sizeof(version));
	snprintf(etag, sizeof(etag), "\"%s\"", version);
	const char *match = srv_header(r, "If-None-Match");
	srv_reply_header(r, "ETag", etag);
	srv_reply_header(r, "Cache-Control", "public, max-age=300");
	if (match && (strcmp(match, "*") == 0 || strstr(match, etag)))
		srv_reply_text(r, 304, NULL, "", 0);
	else
		srv_reply_json(r, 200, catalog_json(s, version));
}

/* ---- GET /algorithms ---- */

/* The yente feature names cordon's explanations use, with the effect each has on cordon's score. */
static json_t *features_json(void)
{
	static const struct {
		const char *name;
		double coefficient;
		const char *description;
	} features[] = {
		{"name_match", 1.0, "Name similarity across scripts and spellings: the best pair of names, 0 to 1"},
		{"weak_alias_match", 0.92, "The best name was a low-quality (weak) alias: its score is multiplied by 0.92"},
		{"numbers_mismatch", 0.5, "Numbers in the names differ (x0.5) or only one name has one (x0.9)"},
		{"identifier_match", 0.99, "An identifier (passport, tax, registration number...) is listed exactly: the "
		                           "score is raised to at least 0.99"},
		{"vessel_imo_mmsi_match", 0.99, "An IMO or MMSI number is listed exactly: as identifier_match"},
		{"lei_code_match", 0.99, "An LEI code is listed exactly: as identifier_match"},
		{"bic_code_match", 0.99, "A SWIFT/BIC code is listed exactly: as identifier_match"},
		{"inn_code_match", 0.99, "A Russian INN is listed exactly: as identifier_match"},
		{"ogrn_code_match", 0.99, "A Russian OGRN is listed exactly: as identifier_match"},
		{"dob_year_disjoint", -0.2, "Birth dates: +0.08 same day, +0.04 compatible, -0.08 about a year apart, "
		                            "-0.20 different years"},
		{"dob_day_disjoint", 0.0, "Full birth dates compared (their effect is dob_year_disjoint's)"},
		{"country_mismatch", -0.03, "The query's country is among the listed ones +0.03, not among them -0.03"},
	};
	json_t *o = json_object();
	for (size_t i = 0; i < sizeof(features) / sizeof(*features); i++)
		json_object_set_new(o, features[i].name, json_pack("{s:s,s:f,s:n}", "description", features[i].description,
		                                                   "coefficient", features[i].coefficient, "url"));
	return o;
}

static json_t *algorithm_json(const char *name, const char *description)
{
	json_t *features = features_json();
	return json_pack("{s:s,s:s,s:O,s:{s:s,s:s,s:{},s:o}}", "name", name, "description", description, "features",
	                 features, "docs", "name", name, "description", description, "config", "features", features);
}

static void algorithms(srv_request *r)
{
	static const char *const aliases[] = {"logic-v2", "logic-v1", "regression-v1", "ofac", "name-based",
	                                      "name-qualified"};
	json_t *list = json_array();
	json_array_append_new(list, algorithm_json("cordon", "cordon's scorer: name alignment across scripts weighted "
	                                                     "by word rarity, then birth date, country and identifier "
	                                                     "facts (docs/matching.md)"));
	for (size_t i = 0; i < sizeof(aliases) / sizeof(*aliases); i++)
		json_array_append_new(list, algorithm_json(aliases[i], "Accepted for yente compatibility: scored by "
		                                                       "cordon's scorer, as \"cordon\""));
	srv_reply_json(r, 200, json_pack("{s:o,s:s,s:s}", "algorithms", list, "default", "best", "best", "cordon"));
}

const srv_route srv_yente_routes[] = {
	{"POST", "/match/{dataset}", yente_match, SRV_AUTH | SRV_DETAIL_ERRORS | SRV_ANY_BODY},
	{"GET", "/search/{dataset}", yente_search, SRV_AUTH | SRV_DETAIL_ERRORS},
	{"GET", "/entities/{entity_id}", entity, SRV_AUTH | SRV_DETAIL_ERRORS},
	{"GET", "/catalog", catalog, SRV_AUTH | SRV_DETAIL_ERRORS},
	{"GET", "/manifest", catalog, SRV_AUTH | SRV_DETAIL_ERRORS},
	{"GET", "/algorithms", algorithms, SRV_AUTH | SRV_DETAIL_ERRORS},
	{NULL, NULL, NULL, 0},
};
