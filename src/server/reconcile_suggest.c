/*
 * The suggest services OpenRefine calls while a user types: entities (to pick
 * a match by hand), types and properties. Each answers a JSON array; an empty
 * prefix suggests nothing, as yente does.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "server/reconcile_internal.h"

/* A name that scores this well is worth suggesting though no listed name starts with what was typed. */
#define SUGGEST_FLOOR 0.70

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

#define MAX_TYPED_WORDS 8

/* The words typed so far: runs of letters and digits (bytes past ASCII count as letters). */
typedef struct {
	const char *word[MAX_TYPED_WORDS];
	size_t len[MAX_TYPED_WORDS], count;
} typed_words;

static int word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

static void split_words(const char *s, typed_words *t)
{
	t->count = 0;
	while (*s && t->count < MAX_TYPED_WORDS) {
		while (*s && !word_byte((unsigned char)*s))
			s++;
		size_t n = 0;
		while (word_byte((unsigned char)s[n]))
			n++;
		if (n) {
			t->word[t->count] = s;
			t->len[t->count++] = n;
		}
		s += n;
	}
}

/* Whether some word of name starts with w[0..n), ASCII letters compared without case. */
static int starts_a_word(const char *name, const char *w, size_t n)
{
	for (const char *p = name; *p; p++)
		if (word_byte((unsigned char)*p) && (p == name || !word_byte((unsigned char)p[-1])) &&
		    strncasecmp(p, w, n) == 0)
			return 1;
	return 0;
}

/* Whether every typed word starts a word of one of the entity's names ("oleg deri" finds "DERIPASKA, Oleg"). */
static int names_start_with(const cordon_entity *e, const typed_words *t)
{
	for (size_t i = 0; i < e->name_count; i++) {
		size_t k = 0;
		while (k < t->count && starts_a_word(e->names[i].full, t->word[k], t->len[k]))
			k++;
		if (k == t->count)
			return 1;
	}
	return 0;
}

static json_t *suggestion(const char *id, const char *name, const char *dataset, int schema)
{
	json_t *o = json_pack("{s:s,s:s,s:s}", "id", id, "name", name, "description", dataset);
	json_object_set_new(o, "type", json_pack("[o]", recon_type_json(recon_type_of_schema(schema), 0)));
	return o;
}

static int suggested(json_t *a, const char *id)
{
	for (size_t i = 0; i < json_array_size(a); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(a, i), "id")), id) == 0)
			return 1;
	return 0;
}

/*
 * Entities whose names start with what was typed, in snapshot order. The library has no
 * prefix index, so this reads every entity until it has enough: a few milliseconds on the
 * bundled lists, linear in the snapshot's size.
 */
static void by_prefix(const cordon_snapshot *snap, const char *dataset, const typed_words *t, json_t *a, size_t limit)
{
	size_t n = cordon_snapshot_entity_count(snap);
	for (size_t i = 0; i < n && json_array_size(a) < limit; i++) {
		cordon_entity e;
		if (cordon_snapshot_entity(snap, i, &e) != 0)
			continue;
		if ((!dataset || strcmp(e.dataset, dataset) == 0) && e.name_count && names_start_with(&e, t))
			json_array_append_new(a, suggestion(e.id, e.names[0].full, e.dataset, e.schema));
		cordon_entity_dispose(&e);
	}
}

/* Then what the screener finds for the text as a name: a misspelt or transliterated name no prefix reaches. */
static void by_similarity(const cordon_snapshot *snap, const char *dataset, const char *text, json_t *a, size_t limit)
{
	cordon_query q = CORDON_QUERY_INIT;
	cordon_results res;
	q.name = text;
	q.dataset = dataset;
	q.threshold = SUGGEST_FLOOR;
	q.limit = limit;
	if (json_array_size(a) >= limit || cordon_screen(snap, &q, &res) != 0)
		return;
	for (size_t i = 0; i < res.count && json_array_size(a) < limit; i++) {
		const cordon_match *m = &res.matches[i];
		if (!suggested(a, m->entity_id))
			json_array_append_new(a, suggestion(m->entity_id, m->name, m->dataset, m->schema));
	}
	cordon_results_dispose(&res);
}

json_t *recon_suggest_entity(const cordon_snapshot *snap, const char *dataset, const char *prefix, size_t limit)
{
	json_t *a = json_array();
	typed_words t;
	split_words(prefix ? prefix : "", &t);
	if (!t.count)
		return a;
	by_prefix(snap, dataset, &t, a, limit);
	by_similarity(snap, dataset, prefix, a, limit);
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
