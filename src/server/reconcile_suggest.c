/*
 * The suggest services OpenRefine calls while a user types: entities (to pick
 * a match by hand), types and properties. Each answers a JSON array; an empty
 * prefix suggests nothing, as yente does.
 */
#include <ctype.h>
#include <string.h>

#include "codec/codec.h"
#include "codec/ftm.h"
#include "server/reconcile_internal.h"

/* A typed prefix scores low against a whole listed name; suggestions go lower than screening results. */
#define SUGGEST_FLOOR 0.45

/* Whether needle occurs in hay, ignoring ASCII case. */
static int contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return 1;
	}
	return n == 0;
}

/*
 * Entities by what the user typed so far. There is no prefix index: the screener is asked
 * instead, which finds "Prigozhin" from "Evgeny Prigozin" as a prefix search would not,
 * but needs a word or so before it suggests anything.
 */
json_t *recon_suggest_entity(const cordon_snapshot *snap, const char *dataset, const char *prefix, size_t limit)
{
	json_t *a = json_array();
	cordon_query q = CORDON_QUERY_INIT;
	cordon_results res;
	q.name = prefix;
	q.dataset = dataset;
	q.threshold = SUGGEST_FLOOR;
	q.limit = limit;
	if (!prefix || !*prefix || cordon_screen(snap, &q, &res) != 0)
		return a;
	for (size_t i = 0; i < res.count; i++) {
		const cordon_match *m = &res.matches[i];
		json_t *o = json_pack("{s:s,s:s,s:s}", "id", m->entity_id, "name", m->name, "description", m->dataset);
		json_object_set_new(o, "type", json_pack("[o]", recon_type_json(recon_type_of_schema(m->schema), 0)));
		json_object_set_new(o, "score", json_real(codec_round4(m->score)));
		json_array_append_new(a, o);
	}
	cordon_results_dispose(&res);
	return a;
}

json_t *recon_suggest_type(const char *prefix, size_t limit)
{
	json_t *a = json_array();
	for (size_t i = 0; prefix && *prefix && i < recon_type_count() && json_array_size(a) < limit; i++) {
		const recon_type *t = recon_type_at(i);
		if (contains_nocase(t->id, prefix) || contains_nocase(t->name, prefix))
			json_array_append_new(a, recon_type_json(t, 1));
	}
	return a;
}

/* The properties a query can be matched on (reconcile_props.c), qualified as yente names them. */
json_t *recon_suggest_property(const char *prefix, size_t limit)
{
	json_t *a = json_array();
	for (size_t i = 0; prefix && *prefix && i < recon_prop_count() && json_array_size(a) < limit; i++) {
		const recon_prop *p = recon_prop_at(i);
		if (contains_nocase(p->id, prefix) || contains_nocase(p->name, prefix))
			json_array_append_new(a, json_pack("{s:s,s:s,s:s}", "id", p->id, "name", p->name, "description",
			                                   "matched against the listed parties when reconciling"));
	}
	return a;
}
