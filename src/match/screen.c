#include "match/screen.h"

#include <stdlib.h>
#include <string.h>

#include "match/facts.h"
#include "match/hashtab.h"
#include "match/query.h"
#include "match/retrieve.h"
#include "match/score.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/grow.h"
#include "util/thread_exit.h"

/*
 * Entries scored in full per query, best-voted first: at least MIN, then
 * while their vote is within reach of the best one, at most MAX (bench/
 * measures what this loses against scoring every name).
 */
#define CANDIDATES_MIN 6
#define CANDIDATES_MAX 64
#define CANDIDATE_VOTE_SHARE 0.55
/* A low-quality alias matching perfectly is less telling than a real name matching. */
#define WEAK_ALIAS_FACTOR 0.92

typedef struct {
	uint32_t entity, entry;
	unsigned form;
	double name_score, score;
} entity_hit;

/*
 * Best entry per entity, over the candidates. Entities are found through a small open-addressing
 * table sized to the hits, not arrays over every entity: a query has a few dozen hits, and the
 * table stays in cache where a lookup in an entity-sized array is a miss.
 */
typedef struct {
	entity_hit *hits;
	size_t count, cap;
	uint32_t *table; /* index in hits + 1; 0: empty */
	size_t slots;    /* a power of two, at least twice count */
	int registered;  /* hits_release runs at thread exit */
} hit_set;

#define HIT_TABLE_MIN 256

static _Thread_local hit_set tls_hits;

static void hits_release(void *unused)
{
	(void)unused;
	free(tls_hits.hits);
	free(tls_hits.table);
	memset(&tls_hits, 0, sizeof(tls_hits));
}

static int hits_reset(void)
{
	hit_set *h = &tls_hits;
	if (!h->registered) {
		if (cu_at_thread_exit(hits_release, NULL) != 0)
			return CORDON_ENOMEM;
		h->registered = 1;
	}
	if (h->slots > HIT_TABLE_MIN) { /* grown by a query with many hits: not cleared at every query after it */
		free(h->table);
		h->table = NULL;
	}
	if (!h->table) {
		h->table = malloc(HIT_TABLE_MIN * sizeof(*h->table));
		if (!h->table)
			return CORDON_ENOMEM;
		h->slots = HIT_TABLE_MIN;
	}
	memset(h->table, 0, h->slots * sizeof(*h->table));
	h->count = 0;
	return 0;
}

/* The table slot of entity: where it is, or the empty slot where it would go. */
static size_t hit_slot(const hit_set *h, uint32_t entity)
{
	size_t i = (entity * 2654435761u) & (h->slots - 1);
	while (h->table[i] && h->hits[h->table[i] - 1].entity != entity)
		i = (i + 1) & (h->slots - 1);
	return i;
}

/* Twice the slots, the hits placed again. */
static int hits_grow_table(hit_set *h)
{
	uint32_t *t = calloc(h->slots * 2, sizeof(*t));
	if (!t)
		return CORDON_ENOMEM;
	free(h->table);
	h->table = t;
	h->slots *= 2;
	for (size_t k = 0; k < h->count; k++)
		h->table[hit_slot(h, h->hits[k].entity)] = (uint32_t)k + 1;
	return 0;
}

static int hits_offer(uint32_t entity, uint32_t entry, unsigned form, double name_score)
{
	hit_set *h = &tls_hits;
	size_t i = hit_slot(h, entity);
	if (h->table[i]) {
		entity_hit *x = &h->hits[h->table[i] - 1];
		if (name_score > x->name_score)
			*x = (entity_hit){entity, entry, form, name_score, name_score};
		return 0;
	}
	entity_hit *grown = cu_grow(h->hits, &h->cap, h->count + 1, sizeof(*grown), 256);
	if (!grown)
		return CORDON_ENOMEM;
	h->hits = grown;
	h->hits[h->count++] = (entity_hit){entity, entry, form, name_score, name_score};
	h->table[i] = (uint32_t)h->count;
	return 2 * h->count >= h->slots ? hits_grow_table(h) : 0;
}

static int entry_allowed(const cmatch_index *idx, const cordon_query *q, uint32_t entry)
{
	const cmatch_entry *e = &idx->entries[entry];
	if (q->schema >= 0 && e->schema != (uint8_t)q->schema && e->schema != CORDON_SCHEMA_UNKNOWN)
		return 0;
	if (q->dataset && strcmp(csnap_str(idx->snap, idx->snap->rows[e->entity].dataset), q->dataset) != 0)
		return 0;
	return 1;
}

/* Whether the entity already has a name that no other name of it can beat. */
static int entity_settled(uint32_t entity)
{
	const hit_set *h = &tls_hits;
	size_t i = hit_slot(h, entity);
	return h->table[i] && h->hits[h->table[i] - 1].name_score >= 1.0;
}

static int score_entry(const cmatch_index *idx, const cmatch_prepared *p, uint32_t entry)
{
	if (entity_settled(idx->entries[entry].entity))
		return 0;
	cmatch_side side;
	cmatch_entry_side(idx, entry, &side);
	double best = -1.0;
	unsigned best_form = 0;
	for (size_t f = 0; f < p->form_count; f++) {
		double s = cmatch_score_sides(&p->forms[f].side, &side, NULL);
		if (s > best) {
			best = s;
			best_form = (unsigned)f;
		}
	}
	if (idx->entries[entry].weak)
		best *= WEAK_ALIAS_FACTOR;
	return hits_offer(idx->entries[entry].entity, entry, best_form, best);
}

/* Entities whose identifiers equal a query identifier join the candidates with all their names. */
static int identifier_candidates(const cmatch_index *idx, const cmatch_facts *facts, const cmatch_prepared *p,
                                 const cordon_query *q)
{
	for (size_t i = 0; i < facts->id_count; i++) {
		uint64_t h = cmatch_hash(facts->ids[i], strlen(facts->ids[i]));
		size_t lo = 0, hi = idx->id_count;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (idx->ids[mid].hash < h)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < idx->id_count && idx->ids[lo].hash == h; lo++) {
			uint32_t entity = idx->ids[lo].entity;
			for (size_t e = cmatch_first_entry_of(idx, entity); e < idx->entry_count && idx->entries[e].entity == entity;
			     e++)
				if (entry_allowed(idx, q, (uint32_t)e) && score_entry(idx, p, (uint32_t)e))
					return CORDON_ENOMEM;
		}
	}
	return 0;
}

/*
 * The candidates' entries, then their tokens, then those tokens' keys requested from memory
 * stage by stage before any is scored: they lie scattered, and scored one after another each
 * would wait for its own.
 */
static void prefetch_candidates(const cmatch_index *idx, const uint32_t *cands, size_t n)
{
	for (size_t i = 0; i < n; i++)
		__builtin_prefetch(&idx->entries[cands[i]]);
	for (size_t i = 0; i < n; i++)
		__builtin_prefetch(&idx->tokens[idx->entries[cands[i]].first_token]);
	for (size_t i = 0; i < n; i++) {
		const cmatch_entry *e = &idx->entries[cands[i]];
		for (unsigned k = 0; k < e->token_count && k < 8; k++)
			__builtin_prefetch(&idx->keys[idx->tokens[e->first_token + k].key]);
	}
}

static int gather(const cmatch_index *idx, const cordon_query *q, const cmatch_prepared *p, const cmatch_facts *facts,
                  int exhaustive, uint64_t *scored)
{
	int rc = hits_reset();
	if (rc)
		return cu_fail(rc, "out of memory");
	if (exhaustive) {
		for (uint32_t e = 0; e < idx->entry_count; e++)
			if (entry_allowed(idx, q, e)) {
				if (score_entry(idx, p, e))
					return cu_fail(CORDON_ENOMEM, "out of memory");
				(*scored)++;
			}
	} else {
		uint32_t cands[CANDIDATES_MAX];
		float votes[CANDIDATES_MAX];
		/* votes say less for a name read without its vowels: look further down the list */
		int semitic = p->forms[0].name.scheme == CT_SCHEME_ARABIC || p->forms[0].name.scheme == CT_SCHEME_HEBREW;
		cmatch_cut cut = {CANDIDATES_MAX, semitic ? 4 * CANDIDATES_MIN : CANDIDATES_MIN,
		                  semitic ? CANDIDATE_VOTE_SHARE / 2 : CANDIDATE_VOTE_SHARE};
		size_t n = cmatch_retrieve(idx, p, q->schema, &cut, cands, votes);
		prefetch_candidates(idx, cands, n);
		for (size_t i = 0; i < n; i++) {
			if (entry_allowed(idx, q, cands[i])) {
				if (score_entry(idx, p, cands[i]))
					return cu_fail(CORDON_ENOMEM, "out of memory");
				(*scored)++;
			}
		}
	}
	if (facts->id_count && identifier_candidates(idx, facts, p, q))
		return cu_fail(CORDON_ENOMEM, "out of memory");
	return 0;
}

/* ---- facts and explanations ---- */

typedef struct {
	cu_arena *arena;
	cordon_feature features[8];
	size_t count;
} feature_list;

static void add_feature(feature_list *fl, const char *name, double contribution, const char *detail)
{
	if (fl && fl->count < 8)
		fl->features[fl->count++] = (cordon_feature){name, contribution, cu_arena_strdup(fl->arena, detail)};
}

/* Final score of one entity from its name score and the query's facts. */
static double weigh_facts(const cmatch_index *idx, const cmatch_facts *facts, entity_hit *h, feature_list *fl)
{
	char detail[256];
	double score = h->name_score;
	if (fl) { /* every hit is weighed, few are explained: format only for those */
		snprintf(detail, sizeof(detail), "best listed name scored %.3f", h->name_score);
		add_feature(fl, "name", h->name_score, detail);
	}
	if (fl && idx->entries[h->entry].weak)
		add_feature(fl, "weak_alias", 0.0, "matched a low-quality alias (score x0.92, included above)");
	if (!cmatch_facts_any(facts))
		return score;
	cordon_entity e;
	if (csnap_entity(idx->snap, h->entity, &e) != 0)
		return score;
	double c = cmatch_birth_contribution(facts, &e, detail, sizeof(detail));
	if (facts->has_birth) {
		score += c;
		add_feature(fl, "birth_date", c, detail);
	}
	c = cmatch_country_contribution(facts, &e, detail, sizeof(detail));
	if (facts->country[0]) {
		score += c;
		add_feature(fl, "country", c, detail);
	}
	if (facts->id_count && cmatch_identifier_match(facts, &e, detail, sizeof(detail))) {
		double boosted = score < CMATCH_IDENTIFIER_SCORE ? CMATCH_IDENTIFIER_SCORE : score;
		add_feature(fl, "identifier", boosted - score, detail);
		score = boosted;
	}
	cordon_entity_dispose(&e);
	return score < 0.0 ? 0.0 : score > 1.0 ? 1.0 : score;
}

static const char *token_text(const cmatch_side *s, int first, int last, cu_arena *a)
{
	if (first < 0)
		return "";
	if (last < 0) /* the query's tokens die with the query: copy */
		return cu_arena_strdup(a, s->t[first].text);
	size_t len = 0;
	for (int i = first; i <= last; i++)
		len += strlen(s->t[i].text) + 1;
	char *out = cu_arena_alloc(a, len + 1);
	if (!out)
		return "";
	size_t n = 0;
	for (int i = first; i <= last; i++) {
		size_t l = strlen(s->t[i].text);
		memcpy(out + n, s->t[i].text, l);
		n += l;
		if (i < last)
			out[n++] = '+';
	}
	out[n] = '\0';
	return out;
}

static const cordon_explanation *explain(const cmatch_index *idx, const cmatch_prepared *p, const entity_hit *h,
                                         const feature_list *fl, cu_arena *a)
{
	cordon_explanation *x = cu_arena_alloc(a, sizeof(*x));
	if (!x)
		return NULL;
	const cmatch_form *form = &p->forms[h->form];
	const cmatch_entry *entry = &idx->entries[h->entry];
	cmatch_side side;
	cmatch_entry_side(idx, h->entry, &side);
	cmatch_alignment al;
	cmatch_score_sides(&form->side, &side, &al);
	x->query_form = cu_arena_strdup(a, form->rendering);
	x->query_scheme = ct_scheme_name(form->name.scheme);
	x->listed_form = csnap_str(idx->snap, entry->rendering);
	x->listed_scheme = ct_scheme_name((ct_scheme)entry->scheme);
	x->query_legal_form = form->name.legal ? ct_legal_class_name(form->name.legal) : NULL;
	x->listed_legal_form = entry->legal ? ct_legal_class_name((ct_legal_class)entry->legal) : NULL;
	x->alignments = cu_arena_alloc(a, (al.pair_count ? al.pair_count : 1) * sizeof(*x->alignments));
	for (size_t i = 0; x->alignments && i < al.pair_count; i++) {
		const cmatch_pair *pr = &al.pairs[i];
		x->alignments[i] = (cordon_alignment){token_text(&form->side, pr->q[0], pr->q[1], a),
		                                      token_text(&side, pr->e[0], pr->e[1], a), pr->method, pr->sim,
		                                      pr->weight};
	}
	x->alignment_count = x->alignments ? al.pair_count : 0;
	x->features = cu_arena_alloc(a, (fl->count ? fl->count : 1) * sizeof(*x->features));
	if (x->features)
		memcpy(x->features, fl->features, fl->count * sizeof(*x->features));
	x->feature_count = x->features ? fl->count : 0;
	if (al.number_factor < 1.0) {
		/* the numbers feature sits inside the name score; say so */
		cordon_feature *nf = cu_arena_alloc(a, (x->feature_count + 1) * sizeof(*nf));
		if (nf) {
			memcpy(nf, x->features, x->feature_count * sizeof(*nf));
			nf[x->feature_count++] = (cordon_feature){
				"numbers", 0.0, al.number_factor < 0.9 ? "numbers differ (name score x0.5, included above)"
				                                         : "only one name has a number (x0.9, included above)"};
			x->features = nf;
		}
	}
	return x;
}

static int compare_hits(const void *a, const void *b)
{
	const entity_hit *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->entity < y->entity ? -1 : x->entity > y->entity;
}

static int assemble(const cmatch_index *idx, const cordon_query *q, const cmatch_prepared *p,
                    const cmatch_facts *facts, cordon_results *out)
{
	hit_set *h = &tls_hits;
	for (size_t i = 0; i < h->count; i++)
		h->hits[i].score = weigh_facts(idx, facts, &h->hits[i], NULL);
	if (h->count > 1) /* a thread's first query with no hit has no array yet: qsort must not see NULL */
		qsort(h->hits, h->count, sizeof(*h->hits), compare_hits);
	size_t limit = q->limit ? q->limit : CORDON_DEFAULT_LIMIT, n = 0;
	while (n < h->count && n < limit && h->hits[n].score >= q->threshold)
		n++;
	out->matches = calloc(n ? n : 1, sizeof(*out->matches));
	cu_arena *arena = q->explain ? calloc(1, sizeof(*arena)) : NULL;
	if (!out->matches || (q->explain && !arena)) {
		free(arena);
		return cu_fail(CORDON_ENOMEM, "out of memory");
	}
	out->internal = arena;
	const csnap_snapshot *s = idx->snap;
	for (size_t i = 0; i < n; i++) {
		entity_hit *x = &h->hits[i];
		const csnap_entity_row *row = &s->rows[x->entity];
		cordon_match *m = &out->matches[i];
		*m = (cordon_match){x->entity, csnap_str(s, row->id), csnap_str(s, row->name),
		                    csnap_str(s, idx->entries[x->entry].full), csnap_str(s, row->dataset), row->schema,
		                    x->score, x->name_score, NULL};
		if (arena) {
			feature_list fl = {arena, {{0}}, 0};
			weigh_facts(idx, facts, x, &fl);
			m->explanation = explain(idx, p, x, &fl, arena);
		}
	}
	out->count = n;
	return 0;
}

int cmatch_screen(const cmatch_index *idx, const cordon_query *query, int exhaustive, cordon_results *out)
{
	memset(out, 0, sizeof(*out));
	if (!query->name)
		return cu_fail(CORDON_EINVALID, "query has no name");
	cmatch_facts facts;
	int rc = cmatch_facts_prepare(query, &facts);
	if (rc)
		return rc;
	cmatch_prepared *p = malloc(sizeof(*p));
	if (!p)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	rc = cmatch_prepare(idx, query->name, query->schema, p);
	cmatch_score_begin_query();
	if (!rc)
		rc = gather(idx, query, p, &facts, exhaustive, &out->candidates);
	if (!rc)
		rc = assemble(idx, query, p, &facts, out);
	free(p);
	return rc;
}

int cmatch_compare(const char *a, const char *b, double *score)
{
	cmatch_prepared *pa = malloc(sizeof(*pa)), *pb = malloc(sizeof(*pb));
	int rc = (pa && pb) ? 0 : cu_fail(CORDON_ENOMEM, "out of memory");
	if (!rc)
		rc = cmatch_prepare(NULL, a, CT_SCHEMA_ANY, pa);
	if (!rc)
		rc = cmatch_prepare(NULL, b, CT_SCHEMA_ANY, pb);
	cmatch_score_begin_query();
	double best = 0.0;
	for (size_t i = 0; !rc && i < pa->form_count; i++)
		for (size_t j = 0; j < pb->form_count; j++) {
			/* neither name is "the query": average both directions so the score is symmetric */
			double s = (cmatch_score_sides(&pa->forms[i].side, &pb->forms[j].side, NULL) +
			            cmatch_score_sides(&pb->forms[j].side, &pa->forms[i].side, NULL)) / 2.0;
			if (s > best)
				best = s;
		}
	if (!rc)
		*score = best;
	free(pa);
	free(pb);
	return rc;
}
