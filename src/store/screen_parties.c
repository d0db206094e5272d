/*
 * Screening the stored parties against a snapshot through the public API,
 * recording each screening with its hits classified against the allow-list.
 * Parties are read a page at a time; a page is screened on several threads
 * (the snapshot is immutable and cordon_screen thread-safe) while this thread
 * records the page before in one transaction and reads the next: a crash
 * loses at most the pages in progress, never an acknowledged one.
 */
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cordon.h"
#include "store/screen.h"
#include "util/error.h"
#include "util/grow.h"
#include "util/sha256.h"
#include "util/strmap.h"
#include "util/strutil.h"

#define PAGE 1000
#define MAX_IDS 16
#define MAX_THREADS 16

typedef struct {
	store *s;
	const store_screen_options *opt;
	store_screen_result *res;
	char checksum[17];
	int64_t created;
	cu_strmap hash_index; /* entity id -> index into hashes */
	char (*hashes)[65];
	size_t hash_count, hash_cap;
	unsigned threads;
} screen_state;

/* SHA-256 of the entity's JSON rendering, computed once per entity per run. */
static int entity_hash(screen_state *st, size_t index, const char *id, char out[65])
{
	size_t at;
	if (cu_strmap_get(&st->hash_index, id, &at)) {
		memcpy(out, st->hashes[at], 65);
		return 0;
	}
	cordon_entity e;
	char *json = NULL;
	int rc = cordon_snapshot_entity(st->opt->confirm ? st->opt->confirm : st->opt->snapshot, index, &e);
	if (!rc) {
		rc = cordon_entity_to_json(&e, &json);
		cordon_entity_dispose(&e);
	}
	if (rc)
		return rc;
	cu_sha256 *h = cu_sha256_new();
	cu_sha256_update(h, json, strlen(json));
	cu_sha256_finish(h, out);
	free(json);
	void *grown = cu_grow(st->hashes, &st->hash_cap, st->hash_count + 1, sizeof(*st->hashes), 256);
	if (!grown)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	st->hashes = grown;
	memcpy(st->hashes[st->hash_count], out, 65);
	return cu_strmap_put(&st->hash_index, id, st->hash_count++);
}

/* Splits "kind:value;..." (a copy in buf) into ids; returns the count. */
static size_t parse_identifiers(char *buf, cordon_query_identifier *ids)
{
	size_t n = 0;
	for (char *save = NULL, *item = strtok_r(buf, ";", &save); item && n < MAX_IDS;
	     item = strtok_r(NULL, ";", &save)) {
		char *colon = strchr(item, ':');
		if (colon) {
			*colon = '\0';
			ids[n].kind = *item ? item : NULL;
			ids[n].value = colon + 1;
		} else {
			ids[n].kind = NULL;
			ids[n].value = item;
		}
		n++;
	}
	return n;
}

static char *input_json(const store_party *p, const cordon_query *q)
{
	json_t *o = json_object();
	json_object_set_new(o, "name", json_string(p->name));
	json_object_set_new(o, "schema", p->schema ? json_string(p->schema) : json_null());
	json_object_set_new(o, "country", p->country ? json_string(p->country) : json_null());
	json_object_set_new(o, "birth_date", p->birth_date ? json_string(p->birth_date) : json_null());
	json_object_set_new(o, "identifiers", p->identifiers ? json_string(p->identifiers) : json_null());
	json_object_set_new(o, "threshold", json_real(q->threshold));
	char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(6));
	json_decref(o);
	return text;
}

/* The matches to record (hashes come later, on the recording thread). */
static int fill_hits(const screen_state *st, const cordon_results *r, store_screening *sc, size_t *indexes)
{
	sc->hits = r->count ? calloc(r->count, sizeof(*sc->hits)) : NULL;
	if (r->count && !sc->hits)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	for (size_t i = 0; i < r->count; i++) {
		const cordon_match *m = &r->matches[i];
		if (st->opt->confirm && st->opt->keep && !st->opt->keep(m->entity_index, st->opt->payload))
			continue;
		indexes[sc->hit_count] = m->entity_index;
		store_hit *h = &sc->hits[sc->hit_count++];
		h->entity_id = cu_strdup(m->entity_id);
		h->entity_name = m->name ? cu_strdup(m->name) : NULL;
		h->matched_name = m->matched_name ? cu_strdup(m->matched_name) : NULL;
		h->score = m->score;
	}
	return 0;
}

/* The second stage: the party again, against the whole snapshot, with room for the kept matches. */
static int confirm_party(const screen_state *st, cordon_query *q, cordon_results *r)
{
	cordon_results_dispose(r);
	q->threshold = st->opt->confirm_threshold > 0 ? st->opt->confirm_threshold : CORDON_DEFAULT_THRESHOLD;
	q->limit = q->limit < 50 ? 50 : q->limit;
	return cordon_screen(st->opt->confirm, q, r);
}

/* The party's query; ids and idbuf hold its identifiers. */
static void party_query(const screen_state *st, const store_party *p, cordon_query *q, cordon_query_identifier *ids,
                        char *idbuf, size_t idsize)
{
	cordon_query init = CORDON_QUERY_INIT;
	*q = init;
	q->name = p->name;
	q->schema = p->schema ? cordon_schema_parse(p->schema) : -1;
	q->country = p->country;
	q->birth_date = p->birth_date;
	q->threshold = st->opt->threshold > 0 ? st->opt->threshold : CORDON_DEFAULT_THRESHOLD;
	q->limit = st->opt->limit ? st->opt->limit : CORDON_DEFAULT_LIMIT;
	snprintf(idbuf, idsize, "%s", p->identifiers ? p->identifiers : "");
	q->identifiers = ids;
	q->identifier_count = parse_identifiers(idbuf, ids);
}

/* One party's outcome, from a screening thread to the recording one. */
typedef struct {
	store_screening sc;
	size_t indexes[64]; /* entity index of each hit, for its hash */
	int rc;
	int second_stage;
	char error[256];
} screened;

/* Screens one party into out (not yet stored); runs on any thread. */
static void screen_party(const screen_state *st, const store_party *p, screened *out)
{
	cordon_query q;
	cordon_query_identifier ids[MAX_IDS];
	char idbuf[1024];
	party_query(st, p, &q, ids, idbuf, sizeof(idbuf));
	if (q.limit > 64)
		q.limit = 64;
	cordon_results r;
	int rc = cordon_screen(st->opt->snapshot, &q, &r);
	if (!rc && st->opt->confirm && r.count) {
		out->second_stage = 1;
		rc = confirm_party(st, &q, &r);
		if (q.limit > 64)
			q.limit = 64;
	}
	if (!rc) {
		if (r.count > 64)
			r.count = 64; /* best first: the rest are below what any analyst reviews */
		rc = fill_hits(st, &r, &out->sc, out->indexes);
		cordon_results_dispose(&r);
	}
	out->rc = rc;
	if (rc)
		snprintf(out->error, sizeof(out->error), "screening party %s: %s", p->external_id, cordon_last_error());
}

/* The recorded parts of a screening: party, input, snapshot, kind. */
static int describe(const screen_state *st, const store_party *p, store_screening *sc)
{
	cordon_query q;
	cordon_query_identifier ids[MAX_IDS];
	char idbuf[1024];
	party_query(st, p, &q, ids, idbuf, sizeof(idbuf));
	if (st->opt->confirm)
		q.threshold = st->opt->confirm_threshold > 0 ? st->opt->confirm_threshold : CORDON_DEFAULT_THRESHOLD;
	sc->party_id = p->id;
	sc->party_external_id = cu_strdup(p->external_id);
	sc->input_json = input_json(p, &q);
	sc->snapshot_checksum = cu_strdup(st->checksum);
	sc->snapshot_created = st->created;
	snprintf(sc->kind, sizeof(sc->kind), "%s", st->opt->delta ? "delta" : "full");
	return sc->party_external_id && sc->input_json && sc->snapshot_checksum ? 0
	                                                                         : cu_fail(CORDON_ENOMEM, "out of memory");
}

static void count_hits(store_screen_result *res, const store_screening *sc)
{
	for (size_t i = 0; i < sc->hit_count; i++) {
		res->hits++;
		res->open += strcmp(sc->hits[i].status, "open") == 0;
		res->cleared += strcmp(sc->hits[i].status, "cleared") == 0;
		res->confirmed += strcmp(sc->hits[i].status, "confirmed") == 0;
	}
}

typedef struct {
	const screen_state *st;
	const store_party *parties;
	screened *out;
	size_t n, first, step;
} worker;

static void *work(void *arg)
{
	const worker *w = arg;
	for (size_t i = w->first; i < w->n; i += w->step)
		screen_party(w->st, &w->parties[i], &w->out[i]);
	return NULL;
}

/* The screening threads of one page, running while this thread records the page before. */
typedef struct {
	pthread_t tid[MAX_THREADS];
	worker w[MAX_THREADS];
	unsigned started, total;
} crew;

static void crew_start(crew *c, const screen_state *st, const store_party *parties, size_t n, screened *out)
{
	memset(out, 0, n * sizeof(*out));
	c->started = 0;
	c->total = st->threads;
	for (unsigned t = 0; t < c->total; t++) {
		c->w[t] = (worker){st, parties, out, n, t, c->total};
		if (pthread_create(&c->tid[t], NULL, work, &c->w[t]) != 0)
			break;
		c->started++;
	}
}

static void crew_finish(crew *c)
{
	for (unsigned t = 0; t < c->started; t++)
		pthread_join(c->tid[t], NULL);
	/* the shares of threads that did not start are screened here */
	for (unsigned t = c->started; t < c->total; t++)
		work(&c->w[t]);
}

/* Records one screened party: hashes, allow-list, the screening and its audit record. */
static int record(screen_state *st, const store_party *p, screened *x)
{
	store_screening *sc = &x->sc;
	int rc = x->rc ? cu_fail(x->rc, "%s", x->error) : 0;
	st->res->second_stage += x->second_stage;
	for (size_t h = 0; h < sc->hit_count && !rc; h++)
		rc = entity_hash(st, x->indexes[h], sc->hits[h].entity_id, sc->hits[h].entity_hash);
	memcpy(sc->party_hash, p->content_hash, sizeof(sc->party_hash)); /* what the allow-list is keyed on */
	if (!rc)
		rc = store_screening_classify(st->s, sc);
	/* a delta screening without hits says nothing new: not recorded (docs/store.md, "Monitoring") */
	if (!rc && (!st->opt->delta || sc->hit_count)) {
		rc = describe(st, p, sc);
		if (!rc)
			rc = store_screening_put(st->s, sc);
		st->res->screenings += rc == 0;
	}
	return rc;
}

/* A page of parties and what screening them gave. */
typedef struct {
	store_party parties[PAGE];
	screened out[PAGE];
	size_t n;
} page;

/* Records a screened page in one transaction; its screenings are released either way. */
static int record_page(screen_state *st, page *pg)
{
	int rc = store_begin(st->s);
	for (size_t i = 0; i < pg->n && !rc; i++)
		rc = record(st, &pg->parties[i], &pg->out[i]);
	if (rc)
		store_rollback(st->s);
	else
		rc = store_commit(st->s);
	/* hits are handed out once committed: what a caller prints has been acknowledged */
	for (size_t i = 0; i < pg->n && !rc; i++) {
		store_screening *sc = &pg->out[i].sc;
		count_hits(st->res, sc);
		for (size_t h = 0; h < sc->hit_count && st->opt->on_hit; h++)
			st->opt->on_hit(&pg->parties[i], sc, &sc->hits[h], st->opt->payload);
	}
	for (size_t i = 0; i < pg->n; i++)
		store_screening_dispose(&pg->out[i].sc);
	st->res->parties += rc ? 0 : pg->n;
	if (!rc && st->opt->on_progress)
		st->opt->on_progress(st->res, st->opt->payload);
	return rc;
}

/* Replaces pg's parties with the next page after *after (pg->n 0 at the end). */
static int read_page(screen_state *st, int64_t *after, page *pg)
{
	for (size_t i = 0; i < pg->n; i++)
		store_party_dispose(&pg->parties[i]);
	int rc = store_party_page(st->s, *after, PAGE, pg->parties, &pg->n);
	if (!rc && pg->n)
		*after = pg->parties[pg->n - 1].id;
	return rc;
}

/*
 * Pipelined: while the crew screens page k, this thread records page k-1 (one transaction) and
 * reads page k+1, so the store's work overlaps the screening instead of leaving cores idle.
 */
static int screen_pages(screen_state *st, page *pg[2])
{
	int64_t after = 0;
	int cur = 0, have_prev = 0;
	int rc = read_page(st, &after, pg[cur]);
	while (!rc && pg[cur]->n) {
		crew c;
		crew_start(&c, st, pg[cur]->parties, pg[cur]->n, pg[cur]->out);
		if (have_prev)
			rc = record_page(st, pg[1 - cur]);
		if (!rc)
			rc = read_page(st, &after, pg[1 - cur]);
		crew_finish(&c);
		have_prev = 1;
		cur = 1 - cur;
	}
	/* the last page screened, or one screened when an error stopped the loop (a second dispose of a
	 * released screening does nothing) */
	if (have_prev && !rc)
		return record_page(st, pg[1 - cur]);
	for (int b = 0; have_prev && b < 2; b++)
		for (size_t i = 0; i < pg[b]->n; i++)
			store_screening_dispose(&pg[b]->out[i].sc);
	return rc;
}

static int snapshot_identity(screen_state *st)
{
	if (st->opt->snapshot_checksum) {
		snprintf(st->checksum, sizeof(st->checksum), "%s", st->opt->snapshot_checksum);
		st->created = st->opt->snapshot_created;
		return 0;
	}
	cordon_snapshot_info info;
	int rc = cordon_snapshot_get_info(st->opt->confirm ? st->opt->confirm : st->opt->snapshot, &info);
	if (rc)
		return rc;
	memcpy(st->checksum, info.checksum, sizeof(st->checksum));
	st->created = info.created_unix;
	return 0;
}

int store_screen_parties(store *s, const store_screen_options *opt, store_screen_result *res)
{
	memset(res, 0, sizeof(*res));
	screen_state st = {.s = s, .opt = opt, .res = res};
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	st.threads = opt->threads ? opt->threads : cores > 0 ? (unsigned)cores : 1;
	if (st.threads > MAX_THREADS)
		st.threads = MAX_THREADS;
	cu_strmap_init(&st.hash_index);
	page *pg[2] = {calloc(1, sizeof(page)), calloc(1, sizeof(page))};
	int rc = pg[0] && pg[1] ? snapshot_identity(&st) : cu_fail(CORDON_ENOMEM, "out of memory");
	if (!rc)
		rc = screen_pages(&st, pg);
	for (int b = 0; b < 2 && pg[b]; b++) {
		for (size_t i = 0; i < pg[b]->n; i++)
			store_party_dispose(&pg[b]->parties[i]);
		free(pg[b]);
	}
	free(st.hashes);
	cu_strmap_dispose(&st.hash_index);
	return rc;
}
