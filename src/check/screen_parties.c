/*
 * Every party of a transaction screened by name (its country as a query fact)
 * against the snapshot: the hits go into txn_party.hits with their tags, for the
 * rules, and into a JSON array with what a reader needs to judge them.
 */
#include "check/internal.h"

#include <stdio.h>
#include <string.h>

#include "check/tags.h"
#include "codec/codec.h"

/* What the lists say about a hit, for the reader: list, programs, licence terms. */
static void add_listing(json_t *o, const cordon_entity *e)
{
	json_t *programs = json_array();
	for (size_t i = 0; i < e->program_count; i++)
		json_array_append_new(programs, json_string(e->programs[i]));
	json_object_set_new(o, "programs", programs);
	/* the Entity List's terms, which decide what a licence application would face */
	for (size_t i = 0; i < e->attribute_count; i++) {
		const char *k = e->attributes[i].key;
		if (strcmp(k, "source_list") == 0 || strcmp(k, "license_requirement") == 0 ||
		    strcmp(k, "license_policy") == 0 || strcmp(k, "federal_register_notice") == 0)
			json_object_set_new(o, k, json_string(e->attributes[i].value));
	}
}

static json_t *hit_json(const cordon_match *m, const cordon_entity *e, const check_tags *tags)
{
	json_t *o = json_object();
	json_object_set_new(o, "entity_id", json_string(m->entity_id));
	json_object_set_new(o, "score", json_real(codec_round4(m->score)));
	json_object_set_new(o, "name", json_string(m->name));
	json_object_set_new(o, "matched_name", json_string(m->matched_name));
	json_object_set_new(o, "dataset", json_string(m->dataset));
	json_object_set_new(o, "schema", json_string(cordon_schema_name((cordon_schema)m->schema)));
	json_t *t = json_array();
	for (size_t i = 0; i < tags->count; i++)
		json_array_append_new(t, json_string(tags->v[i]));
	json_object_set_new(o, "tags", t);
	add_listing(o, e);
	if (m->explanation)
		json_object_set_new(o, "explanation", codec_explanation_json(m->explanation));
	return o;
}

/* One match into the party's hits and the JSON array. */
static int add_match(const cordon_snapshot *snap, const cordon_match *m, txn_party *p, json_t *hits)
{
	cordon_entity e;
	if (cordon_snapshot_entity(snap, m->entity_index, &e) != 0)
		return -1;
	check_tags tags = {0};
	int rc = check_entity_tags(&e, &tags);
	if (!rc)
		rc = txn_party_add_hit(p, m->entity_id, m->name, m->matched_name, m->score,
		                       (const char *const *)tags.v, tags.count);
	if (!rc)
		rc = json_array_append_new(hits, hit_json(m, &e, &tags));
	check_tags_free(&tags);
	cordon_entity_dispose(&e);
	return rc;
}

static int screen_name(const cordon_snapshot *snap, const cordon_query *q, cordon_results *res)
{
	int rc = cordon_screen(snap, q, res);
	if (rc == CORDON_EINVALID && q->country) {
		/* a code the parser takes but the screener does not know only loses its small bonus */
		cordon_query bare = *q;
		bare.country = NULL;
		rc = cordon_screen(snap, &bare, res);
	}
	return rc;
}

static check_status screen_one(const cordon_snapshot *snap, const check_options *opt, txn_party *p, size_t index,
                               json_t *hits, char *err, size_t errsize)
{
	cordon_query q = CORDON_QUERY_INIT;
	q.name = p->name;
	q.country = p->country;
	q.threshold = opt->threshold;
	q.limit = opt->limit;
	q.explain = opt->explain;
	cordon_results res;
	int rc = screen_name(snap, &q, &res);
	if (rc) {
		snprintf(err, errsize, "parties[%zu].name: cannot be screened: %s", index, cordon_last_error());
		return rc == CORDON_ENOMEM ? CHECK_FAILED : CHECK_BAD_INPUT;
	}
	check_status st = CHECK_OK;
	for (size_t i = 0; i < res.count && st == CHECK_OK; i++)
		if (add_match(snap, &res.matches[i], p, hits)) {
			snprintf(err, errsize, "parties[%zu]: out of memory keeping hit %s", index, res.matches[i].entity_id);
			st = CHECK_FAILED;
		}
	cordon_results_dispose(&res);
	p->screened = st == CHECK_OK;
	return st;
}

static int same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* An earlier party with the same name and country: its hits stand for this one's too. */
static long screened_before(const txn *t, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(t->parties[j].name, t->parties[i].name) == 0 && same_text(t->parties[j].country, t->parties[i].country))
			return (long)j;
	return -1;
}

static int copy_hits(const txn_party *from, txn_party *to)
{
	for (size_t k = 0; k < from->hit_count; k++) {
		const txn_hit *h = &from->hits[k];
		if (txn_party_add_hit(to, h->entity_id, h->name, h->matched_name, h->score, (const char *const *)h->tags,
		                      h->tag_count))
			return -1;
	}
	to->screened = 1;
	return 0;
}

static json_t *party_json(const txn_party *p, json_t *hits)
{
	json_t *o = json_object();
	json_object_set_new(o, "role", json_string(p->role));
	json_object_set_new(o, "name", json_string(p->name));
	json_object_set_new(o, "country", p->country ? json_string(p->country) : json_null());
	if (p->region)
		json_object_set_new(o, "region", json_string(p->region));
	json_object_set_new(o, "hits", hits);
	return o;
}

check_status check_screen_parties(const cordon_snapshot *snap, txn *t, const check_options *opt, json_t *out,
                                  char *err, size_t errsize)
{
	for (size_t i = 0; i < t->party_count; i++) {
		txn_party *p = &t->parties[i];
		long j = screened_before(t, i);
		json_t *hits;
		check_status st = CHECK_OK;
		if (j >= 0) {
			hits = json_deep_copy(json_object_get(json_array_get(out, (size_t)j), "hits"));
			if (copy_hits(&t->parties[j], p)) {
				snprintf(err, errsize, "parties[%zu]: out of memory", i);
				st = CHECK_FAILED;
			}
		} else {
			hits = json_array();
			st = screen_one(snap, opt, p, i, hits, err, errsize);
		}
		json_array_append_new(out, party_json(p, hits));
		if (st != CHECK_OK)
			return st;
	}
	return CHECK_OK;
}
