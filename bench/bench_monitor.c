/*
 * Monitoring at scale: N stored parties (1,000,000 by default, composed from
 * name parts of the bundled lists, deterministic for a seed) re-screened by
 * store_monitor after a typical list update: the bundled lists with a few
 * hundred entities given a new alias and some entities added.
 * Figures: the party import (setup, with its audit records), the monitoring
 * run (diff, delta snapshot, screening; target under a minute on 2 cores),
 * and, measured in the same run, the baseline a monitor without delta
 * screening would cost: every party screened against the whole new snapshot
 * (a sample, extrapolated). Recall: every party named exactly as a changed
 * entity must be flagged, and the delta finds the hits on changed entities
 * that the full screening of the sample finds.
 * Usage: bench_monitor [-n PARTIES] [--changed N] [--added N] [--seed S] [--sample N] [--dir DIR] [--keep]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cordon.h"
#include "lib/harvest.h"
#include "lib/internal.h"
#include "lib/util.h"
#include "store/monitor.h"
#include "store/store.h"
#include "util/strmap.h"

typedef struct {
	size_t parties, changed, added, sample;
	double prefilter;
	unsigned long long seed;
	const char *dir;
	int keep;
} options;

static int parse(int argc, char **argv, options *o)
{
	*o = (options){1000000, 300, 100, 10000, 0, 1, NULL, 0};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--keep") == 0)
			o->keep = 1;
		else if (v && strcmp(a, "-n") == 0 && ++i)
			o->parties = strtoul(v, NULL, 10);
		else if (v && strcmp(a, "--changed") == 0 && ++i)
			o->changed = strtoul(v, NULL, 10);
		else if (v && strcmp(a, "--added") == 0 && ++i)
			o->added = strtoul(v, NULL, 10);
		else if (v && strcmp(a, "--sample") == 0 && ++i)
			o->sample = strtoul(v, NULL, 10);
		else if (v && strcmp(a, "--prefilter") == 0 && ++i)
			o->prefilter = strtod(v, NULL);
		else if (v && strcmp(a, "--seed") == 0 && ++i)
			o->seed = strtoull(v, NULL, 10);
		else if (v && strcmp(a, "--dir") == 0 && ++i)
			o->dir = v;
		else {
			fprintf(stderr, "usage: bench_monitor [-n PARTIES] [--changed N] [--added N] [--seed S] [--sample N] [--prefilter T] "
			                "[--dir DIR] [--keep]\n");
			return -1;
		}
	}
	return o->parties && o->sample ? 0 : -1;
}

/* A person's or company's name from harvested parts. */
static void compose(const cb_harvest *h, cb_rng *r, int person, char *out, size_t size)
{
	if (person) {
		int c = (int)cb_rng_below(r, CB_CLUSTERS);
		const char *g = cb_pick(&h->given[c], r), *f = cb_pick(&h->family[c], r);
		snprintf(out, size, "%s %s", g ? g : "Anna", f ? f : "Smith");
	} else {
		const char *w1 = cb_pick(&h->org_words, r), *w2 = cb_pick(&h->org_distinct, r);
		const char *sfx = cb_pick(&h->legal_suffix, r);
		snprintf(out, size, "%s %s %s", w2 ? w2 : "Blue", w1 ? w1 : "Trading", sfx ? sfx : "LLC");
	}
}

/* ---- the update: old entities, some with a new alias, some added ---- */

typedef struct {
	cordon_entity *ents; /* views of the old snapshot, then the added ones */
	void **blocks;          /* each view's own allocation (it starts at its names), freed at the end */
	cordon_name **own_names; /* names arrays made here (changed and added entities) */
	size_t count;
	char **strings; /* aliases and names composed here */
	size_t string_count;
	size_t *changed_idx; /* indexes of the changed and added entities */
	size_t changed_count;
} update;

static char *keep_string(update *u, const char *s)
{
	char *c = strdup(s);
	u->strings[u->string_count++] = c;
	return c;
}

/* Gives ents[i] one more alias, in a names array of its own. */
static void add_alias(update *u, size_t i, const char *alias)
{
	cordon_entity *e = &u->ents[i];
	cordon_name *names = calloc(e->name_count + 1, sizeof(*names));
	memcpy(names, e->names, e->name_count * sizeof(*names));
	names[e->name_count].kind = CORDON_NAME_AKA;
	names[e->name_count].full = keep_string(u, alias);
	e->names = names;
	e->name_count++;
	u->own_names[i] = names;
}

static int make_update(const cordon_snapshot *old, const cb_harvest *h, const options *o, update *u)
{
	size_t n = cordon_snapshot_entity_count(old);
	memset(u, 0, sizeof(*u));
	u->ents = calloc(n + o->added, sizeof(*u->ents));
	u->own_names = calloc(n + o->added, sizeof(*u->own_names));
	u->strings = calloc(o->changed + 3 * o->added + 1, sizeof(char *));
	u->changed_idx = calloc(o->changed + o->added + 1, sizeof(size_t));
	u->blocks = calloc(n + 1, sizeof(void *));
	if (!u->ents || !u->own_names || !u->strings || !u->changed_idx || !u->blocks)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (cordon_snapshot_entity(old, i, &u->ents[i]) != 0)
			return -1;
		u->blocks[i] = u->ents[i].names;
	}
	u->count = n;
	cb_rng r;
	cb_rng_seed(&r, o->seed * 7919 + 1);
	char name[256];
	/* every (n / changed)-th entity gains an alias, as a list update adding a.k.a.s does */
	for (size_t k = 0; k < o->changed && k < n; k++) {
		size_t i = (k * (n / o->changed) + 17) % n;
		compose(h, &r, u->ents[i].schema == CORDON_SCHEMA_PERSON, name, sizeof(name));
		add_alias(u, i, name);
		u->changed_idx[u->changed_count++] = i;
	}
	for (size_t k = 0; k < o->added; k++) {
		cordon_entity *e = &u->ents[u->count];
		int person = k % 3 != 0;
		snprintf(name, sizeof(name), "bench:added-%zu", k);
		e->id = keep_string(u, name);
		e->dataset = "bench";
		e->schema = person ? CORDON_SCHEMA_PERSON : CORDON_SCHEMA_ORGANIZATION;
		compose(h, &r, person, name, sizeof(name));
		cordon_name *names = calloc(1, sizeof(*names));
		names[0].kind = CORDON_NAME_PRIMARY;
		names[0].full = keep_string(u, name);
		e->names = names;
		e->name_count = 1;
		u->own_names[u->count] = names;
		u->changed_idx[u->changed_count++] = u->count++;
	}
	return 0;
}

static void free_update(update *u, size_t old_count)
{
	for (size_t i = 0; i < u->count; i++) {
		if (i < old_count)
			free(u->blocks[i]);
		free(u->own_names[i]);
	}
	for (size_t i = 0; i < u->string_count; i++)
		free(u->strings[i]);
	free(u->strings);
	free(u->own_names);
	free(u->blocks);
	free(u->ents);
	free(u->changed_idx);
}

static int write_new(const update *u, const char *path)
{
	const cordon_entity **list = malloc(u->count * sizeof(*list));
	if (!list)
		return -1;
	for (size_t i = 0; i < u->count; i++)
		list[i] = &u->ents[i];
	int rc = clib_write_snapshot(list, u->count, "{\"sources\":[]}", path, 2);
	free(list);
	return rc;
}

/* ---- the stored parties ---- */

/* Which parties are named exactly as a changed entity: every (parties / changed)-th one. */
static size_t injected_every(const options *o, const update *u)
{
	size_t every = u->changed_count ? o->parties / u->changed_count : 0;
	return every ? every : 1;
}

/* The name a changed entity is expected to be found by: its new alias, or an added entity's name. */
static const char *changed_name(const update *u, size_t k)
{
	const cordon_entity *e = &u->ents[u->changed_idx[k]];
	return e->names[e->name_count - 1].full;
}

static int import_parties(store *s, const cb_harvest *h, const options *o, const update *u, size_t *injected)
{
	cb_rng r;
	cb_rng_seed(&r, o->seed);
	size_t every = injected_every(o, u);
	*injected = 0;
	int rc = 0;
	for (size_t i = 0; i < o->parties && !rc; i++) {
		if (i % 50000 == 0)
			rc = (i ? store_commit(s) : 0) || store_begin(s);
		char id[32], name[256];
		snprintf(id, sizeof(id), "B%07zu", i);
		if (i % every == every / 2 && *injected < u->changed_count)
			snprintf(name, sizeof(name), "%s", changed_name(u, (*injected)++));
		else
			compose(h, &r, cb_rng_chance(&r, 0.7), name, sizeof(name));
		const char *country = cb_rng_chance(&r, 0.5) ? cb_pick(&h->countries, &r) : NULL;
		store_party p = {0};
		p.external_id = strdup(id);
		p.name = strdup(name);
		p.country = country ? strdup(country) : NULL;
		int outcome;
		rc = rc ? rc : store_party_put(s, &p, &outcome);
		store_party_dispose(&p);
	}
	return rc ? rc : store_commit(s);
}

/* ---- monitoring, and what it found ---- */

typedef struct {
	cu_strmap flagged; /* "party entity" of each open hit */
	size_t open;
} found;

static void on_hit(const store_party *p, const store_screening *sc, const store_hit *h, void *payload)
{
	found *f = payload;
	char key[256];
	snprintf(key, sizeof(key), "%s %s", p->external_id, h->entity_id);
	cu_strmap_put(&f->flagged, key, 1);
	f->open += strcmp(h->status, "open") == 0;
}

/* Every party named as a changed entity flagged with that entity? */
static size_t injected_found(const options *o, const update *u, const found *f, size_t injected)
{
	size_t every = injected_every(o, u), hits = 0, k = 0;
	for (size_t i = every / 2; i < o->parties && k < injected; i += every, k++) {
		char key[256];
		size_t v;
		snprintf(key, sizeof(key), "B%07zu %s", i, u->ents[u->changed_idx[k]].id);
		hits += cu_strmap_get(&f->flagged, key, &v);
	}
	return hits;
}

/* The baseline: the first `sample` parties screened against the whole new snapshot. */
typedef struct {
	double seconds, cpu;
	size_t parties, changed_hits, changed_hits_found;
} baseline;

static int full_sample(store *s, const cordon_snapshot *snap, const unsigned char *changed, const found *f,
                       size_t sample, baseline *b)
{
	memset(b, 0, sizeof(*b));
	store_party *page = calloc(sample, sizeof(*page));
	size_t n = 0;
	int rc = page ? store_party_page(s, 0, sample, page, &n) : -1;
	double t0 = cb_now(), c0 = cb_thread_cpu();
	for (size_t i = 0; i < n && !rc; i++) {
		cordon_query q = CORDON_QUERY_INIT;
		q.name = page[i].name;
		q.country = page[i].country;
		q.limit = 50;
		cordon_results res;
		rc = cordon_screen(snap, &q, &res);
		for (size_t m = 0; !rc && m < res.count; m++) {
			if (!changed[res.matches[m].entity_index])
				continue;
			char key[256];
			size_t v;
			snprintf(key, sizeof(key), "%s %s", page[i].external_id, res.matches[m].entity_id);
			b->changed_hits++;
			b->changed_hits_found += cu_strmap_get(&f->flagged, key, &v);
		}
		if (!rc)
			cordon_results_dispose(&res);
	}
	b->seconds = cb_now() - t0;
	b->cpu = cb_thread_cpu() - c0;
	b->parties = n;
	for (size_t i = 0; i < n; i++)
		store_party_dispose(&page[i]);
	free(page);
	return rc;
}

/* ---- main ---- */

static int build_old(const char *path)
{
	cordon_source *src;
	size_t n;
	int rc = cordon_sources_load(CORDON_BENCH_DATA "/sources.conf", &src, &n);
	if (rc)
		return rc;
	cordon_build_options bo = CORDON_BUILD_OPTIONS_INIT;
	bo.threads = 2;
	rc = cordon_snapshot_build(src, n, path, &bo, NULL, NULL);
	cordon_sources_free(src, n);
	return rc;
}

static void report(const options *o, double import_s, const store_monitor_result *m, double monitor_s,
                   double monitor_cpu, const baseline *b, size_t injected, size_t injected_hits, const found *f)
{
	char base[256];
	printf("\nparties: %zu stored; update: %zu entities changed or added (%zu aliases, %zu new)\n", o->parties,
	       m->changed, o->changed, o->added);
	snprintf(base, sizeof(base), "%.0f parties/s", (double)o->parties / import_s);
	cb_figure("import (setup, audited, one transaction per 50,000)", import_s, "s", base);
	double full_est = b->parties ? b->seconds / (double)b->parties * (double)o->parties : 0;
	snprintf(base, sizeof(base), "baseline: full re-screen of every party, est. %.1f s on one thread, %.1f s on two, "
	         "from %zu parties at %.1f us each", full_est, full_est / 2, b->parties,
	         b->parties ? b->seconds * 1e6 / (double)b->parties : 0);
	cb_figure_target("monitor: re-screen after the update (wall)", monitor_s, "s", 1, 60.0, base);
	printf("  monitor: diff %.2f s, delta snapshot %.2f s, screening %.2f s, CPU %.1f s; %.0f parties/s\n",
	       m->diff_seconds, m->build_seconds, m->screen_seconds, monitor_cpu, (double)o->parties / monitor_s);
	printf("  monitor: %llu parties past the prefilter, %llu screenings recorded, %zu new potential hits\n",
	       (unsigned long long)m->screen.second_stage, (unsigned long long)m->screen.screenings, f->open);
	cb_figure_target("recall: parties named as a changed entity flagged", injected ? 100.0 * (double)injected_hits /
	                 (double)injected : 100.0, "%", 0, 100.0, NULL);
	snprintf(base, sizeof(base), "%zu of %zu hits on changed entities in the full screening of the sample",
	         b->changed_hits_found, b->changed_hits);
	cb_figure("recall: delta vs full screening (sample)",
	          b->changed_hits ? 100.0 * (double)b->changed_hits_found / (double)b->changed_hits : 100.0, "%", base);
}

int main(int argc, char **argv)
{
	options o;
	if (parse(argc, argv, &o) != 0)
		return 2;
	char dir[512], old_path[600], new_path[600], store_file[600];
	snprintf(dir, sizeof(dir), "%s", o.dir ? o.dir : "/tmp");
	snprintf(old_path, sizeof(old_path), "%s/bench-monitor-%d-old.cordonsnap", dir, (int)getpid());
	snprintf(new_path, sizeof(new_path), "%s/bench-monitor-%d-new.cordonsnap", dir, (int)getpid());
	snprintf(store_file, sizeof(store_file), "%s/bench-monitor-%d.db", dir, (int)getpid());
	cb_harvest h;
	cordon_snapshot *old = NULL, *new_snap = NULL;
	update u = {0};
	store *s = NULL;
	size_t old_count = 0;
	int rc = build_old(old_path);
	rc = rc ? rc : cordon_snapshot_open(&old, old_path);
	rc = rc ? rc : cb_harvest_run(&h, CORDON_BENCH_DATA "/sources.conf");
	if (!rc) {
		old_count = cordon_snapshot_entity_count(old);
		rc = make_update(old, &h, &o, &u);
	}
	rc = rc ? rc : write_new(&u, new_path);
	rc = rc ? rc : cordon_snapshot_open(&new_snap, new_path);
	rc = rc ? rc : store_open(&s, store_file);
	if (rc) {
		fprintf(stderr, "bench_monitor: setup failed: %s\n", cordon_last_error());
		return 1;
	}
	printf("bench_monitor: %zu parties, lists of %zu entities, %zu changed + %zu added (seed %llu)\n", o.parties,
	       old_count, o.changed, o.added, o.seed);
	size_t injected = 0;
	double t0 = cb_now();
	rc = import_parties(s, &h, &o, &u, &injected);
	double import_s = cb_now() - t0;

	found f = {0};
	cu_strmap_init(&f.flagged);
	store_monitor_options mo = {old, new_snap, 0, o.prefilter, on_hit, &f};
	store_monitor_result m;
	t0 = cb_now();
	double c0 = cb_process_cpu();
	rc = rc ? rc : store_monitor(s, &mo, &m);
	double monitor_s = cb_now() - t0, monitor_cpu = cb_process_cpu() - c0;

	unsigned char *changed = calloc(u.count, 1);
	for (size_t k = 0; changed && k < u.changed_count; k++)
		changed[u.changed_idx[k]] = 1;
	baseline b = {0};
	rc = rc || !changed ? (rc ? rc : -1) : full_sample(s, new_snap, changed, &f, o.sample, &b);
	if (rc)
		fprintf(stderr, "bench_monitor: %s\n", cordon_last_error());
	else
		report(&o, import_s, &m, monitor_s, monitor_cpu, &b, injected, injected_found(&o, &u, &f, injected), &f);
	uint64_t rss, hwm;
	cb_memory(&rss, &hwm);
	printf("  peak memory %.0f MB\n", (double)hwm / 1048576.0);
	free(changed);
	cu_strmap_dispose(&f.flagged);
	store_close(s);
	cordon_snapshot_free(new_snap);
	free_update(&u, old_count);
	cordon_snapshot_free(old);
	cb_harvest_dispose(&h);
	if (!o.keep) {
		const char *files[] = {old_path, new_path, store_file};
		for (size_t i = 0; i < 3; i++)
			unlink(files[i]);
		char side[700];
		snprintf(side, sizeof(side), "%s-wal", store_file);
		unlink(side);
		snprintf(side, sizeof(side), "%s-shm", store_file);
		unlink(side);
	}
	return rc ? 1 : 0;
}
