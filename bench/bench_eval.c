/*
 * Name-matching evaluation (issue 3, item 6): labelled query variants made
 * deterministically from the bundled lists, negatives that must not match,
 * and recall@1 / recall@10 per variant kind plus the false-positive rate at
 * the default threshold.
 *
 * The snapshot screened is the bundled lists with every non-Latin name taken
 * out: the realistic case where a list holds Latin names only and the query
 * arrives in another script. The original-script names become queries.
 *
 * Usage: bench_eval [--data DIR] [--seed N] [--per-kind N] [--companies N]
 *                   [--threshold T] [--json FILE] [--failures N] [--exhaustive N] [--no-timing]
 *                   [--strict-equivalence]
 * Exit status: 0 every target met, 1 a target missed, 2 usage or data error.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "eval.h"
#include "lib/internal.h"
#include "model/collection.h"
#include "sources/source.h"
#include "text/translit.h"
#include "util/strutil.h"

#define LIMIT 10

typedef struct {
	const char *data_dir;
	const char *json_path;
	uint64_t seed;
	size_t per_kind, companies, failures, exhaustive;
	double threshold;
	int timing, strict;
} options;

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: bench_eval [--data DIR] [--seed N] [--per-kind N] [--companies N] [--threshold T]\n"
	           "                  [--json FILE] [--failures N] [--exhaustive N] [--no-timing] [--strict-equivalence]\n"
	           "  --data DIR       folder with sources.conf and people-not-listed/ (default: the bundled data/)\n"
	           "  --seed N         seed of every random choice (default 1)\n"
	           "  --per-kind N     at most N queries per variant kind (default 2000)\n"
	           "  --companies N    company names among the negatives (default 1000)\n"
	           "  --threshold T    threshold for recall@thr, the false-positive rate and the targets (default %.2f)\n"
	           "  --json FILE      every query with kind, expected entity, rank, score and top match (JSON lines)\n"
	           "  --failures N     print the first N misses of each kind and false positives of the negatives\n"
	           "  --exhaustive N   for N sampled queries compare the index's top 10 with an exhaustive search\n"
	           "  --no-timing      print no latencies, so the output depends only on seed and data\n"
	           "  --strict-equivalence  another entity counts as the expected one only when their primary\n"
	           "                   names are equal (default: also when one lists the other's primary name)\n",
	        CORDON_DEFAULT_THRESHOLD);
}

static int parse_size(const char *s, size_t *out)
{
	unsigned long long v;
	if (!s || cu_parse_uint(s, strlen(s), 100000000ULL, &v) != 0)
		return -1;
	*out = (size_t)v;
	return 0;
}

static int parse_options(int argc, char **argv, options *o)
{
	*o = (options){CORDON_BENCH_DATA, NULL, 1, 2000, 1000, 0, 0, CORDON_DEFAULT_THRESHOLD, 1, 0};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		size_t n;
		int used = 1, ok = 1;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			exit(0);
		} else if (strcmp(a, "--no-timing") == 0) {
			o->timing = 0;
			used = 0;
		} else if (strcmp(a, "--strict-equivalence") == 0) {
			o->strict = 1;
			used = 0;
		} else if (strcmp(a, "--data") == 0 && v) {
			o->data_dir = v;
		} else if (strcmp(a, "--json") == 0 && v) {
			o->json_path = v;
		} else if (strcmp(a, "--seed") == 0) {
			ok = parse_size(v, &n) == 0;
			o->seed = n;
		} else if (strcmp(a, "--per-kind") == 0) {
			ok = parse_size(v, &o->per_kind) == 0 && o->per_kind > 0;
		} else if (strcmp(a, "--companies") == 0) {
			ok = parse_size(v, &o->companies) == 0;
		} else if (strcmp(a, "--failures") == 0) {
			ok = parse_size(v, &o->failures) == 0;
		} else if (strcmp(a, "--exhaustive") == 0) {
			ok = parse_size(v, &o->exhaustive) == 0;
		} else if (strcmp(a, "--threshold") == 0 && v) {
			char *end;
			errno = 0;
			o->threshold = strtod(v, &end);
			ok = !errno && *end == '\0' && end != v && o->threshold >= 0 && o->threshold <= 1;
		} else {
			ok = 0;
		}
		if (!ok) {
			fprintf(stderr, "bench_eval: bad or incomplete option %s%s%s\n", a, v ? " " : "", v ? v : "");
			usage(stderr);
			return -1;
		}
		i += used;
	}
	return 0;
}

/* ---- the lists ---- */

static int load_lists(const char *data_dir, cm_collection *coll)
{
	char conf[4096];
	snprintf(conf, sizeof(conf), "%s/sources.conf", data_dir);
	cordon_source *src;
	size_t n;
	int rc = cordon_sources_load(conf, &src, &n);
	if (rc)
		return rc;
	for (size_t i = 0; !rc && i < n; i++)
		rc = csrc_run(src[i].format, src[i].dataset, src[i].path, coll, NULL, NULL);
	cordon_sources_free(src, n);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Keys of every name as listed (before non-Latin names go), for keeping listed names out of the negatives. */
static int collect_listed_keys(const cm_collection *coll, eval_corpus *c)
{
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < coll->count; i++)
		if (coll->items[i])
			cap += coll->items[i]->e.name_count;
	c->listed_keys = malloc((cap ? cap : 1) * sizeof(char *));
	if (!c->listed_keys)
		return CORDON_ENOMEM;
	for (size_t i = 0; i < coll->count; i++)
		for (size_t k = 0; coll->items[i] && k < coll->items[i]->e.name_count; k++)
			if ((c->listed_keys[n] = eval_name_key(coll->items[i]->e.names[k].full)) != NULL)
				n++;
	qsort(c->listed_keys, n, sizeof(char *), cmp_str);
	c->listed_key_count = n;
	return 0;
}

/* Whether an original-script name belongs to a cross-script kind. */
static int original_of_kind(int kind, unsigned scripts)
{
	unsigned other = scripts & ~(unsigned)CT_SCRIPT_LATIN;
	switch (kind) {
	case EK_CYRILLIC: return (other & CT_SCRIPT_CYRILLIC) != 0;
	case EK_GREEK: return (other & CT_SCRIPT_GREEK) != 0;
	case EK_ARABIC: return (other & CT_SCRIPT_ARABIC) != 0;
	/* Chinese: Han alone (Japanese names mix in kana and are not what a pinyin reading can match) */
	default: return other == CT_SCRIPT_HAN;
	}
}

static int non_latin(const char *s)
{
	return (ct_detect_scripts(s, strlen(s)) & ~(unsigned)CT_SCRIPT_LATIN) != 0;
}

/*
 * Takes every non-Latin name out of the entity (keeping it in c->originals),
 * so that the snapshot holds Latin names only. Returns 1 when the entity keeps a name.
 */
static int strip_entity(cm_entity *ent, size_t target, eval_corpus *c, size_t *removed)
{
	cordon_entity *e = &ent->e;
	size_t w = 0;
	for (size_t i = 0; i < e->name_count; i++) {
		const char *full = e->names[i].full;
		if (!non_latin(full)) {
			e->names[w++] = e->names[i];
			continue;
		}
		(*removed)++;
		if (e->names[i].weak)
			continue; /* a low-quality alias is no query, as in the alias kind */
		eval_original *o = realloc(c->originals, (c->original_count + 1) * sizeof(*o));
		if (!o)
			return -1;
		c->originals = o;
		o[c->original_count++] = (eval_original){target, eval_strdup(full), ct_detect_scripts(full, strlen(full))};
	}
	e->name_count = w;
	if (w && e->names[0].kind != CORDON_NAME_PRIMARY) {
		/* the first Latin alias stands in for a primary name written in another script */
		e->names[0].kind = CORDON_NAME_PRIMARY;
		e->names[0].weak = 0;
	}
	return w > 0;
}

static int build_corpus(cm_collection *coll, eval_corpus *c, eval_run *run)
{
	int rc = collect_listed_keys(coll, c);
	c->entities = calloc(coll->live ? coll->live : 1, sizeof(*c->entities));
	if (rc || !c->entities)
		return CORDON_ENOMEM;
	size_t removed = 0;
	for (size_t i = 0; i < coll->count; i++) {
		if (!coll->items[i])
			continue;
		size_t first_original = c->original_count;
		int kept = strip_entity(coll->items[i], c->entity_count, c, &removed);
		if (kept < 0)
			return CORDON_ENOMEM;
		if (!kept) {
			/* an entity with no Latin name is not in the snapshot: its names are no query */
			for (size_t k = first_original; k < c->original_count; k++)
				free(c->originals[k].text);
			c->original_count = first_original;
			run->dropped_entities++;
			continue;
		}
		eval_entity *x = &c->entities[c->entity_count++];
		x->e = &coll->items[i]->e;
		x->key = eval_name_key(x->e->names[0].full);
		x->name_keys = malloc(x->e->name_count * sizeof(char *));
		if (!x->key || !x->name_keys)
			return CORDON_ENOMEM;
		for (size_t k = 0; k < x->e->name_count; k++)
			if (!x->e->names[k].weak && (x->name_keys[x->name_key_count] = eval_name_key(x->e->names[k].full)))
				x->name_key_count++;
		qsort(x->name_keys, x->name_key_count, sizeof(char *), cmp_str);
	}
	for (size_t i = 0; i < c->original_count; i++)
		for (int k = EK_FIRST_CROSS; k < EK_FIRST_NEGATIVE; k++)
			if (original_of_kind(k, c->originals[i].scripts)) {
				run->removed_by_kind[k]++;
				break;
			}
	run->removed_names = removed;
	run->snapshot_entities = c->entity_count;
	return 0;
}

static void corpus_dispose(eval_corpus *c)
{
	for (size_t i = 0; i < c->entity_count; i++) {
		free(c->entities[i].key);
		for (size_t k = 0; k < c->entities[i].name_key_count; k++)
			free(c->entities[i].name_keys[k]);
		free(c->entities[i].name_keys);
	}
	for (size_t i = 0; i < c->original_count; i++)
		free(c->originals[i].text);
	for (size_t i = 0; i < c->listed_key_count; i++)
		free(c->listed_keys[i]);
	free(c->entities);
	free(c->originals);
	free(c->listed_keys);
}

/* Writes the evaluation snapshot (snapshot index i = entity i) to a temporary file and opens it. */
static int open_eval_snapshot(const eval_corpus *c, cordon_snapshot **snap)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof(path), "%s/cordon-eval-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		fprintf(stderr, "bench_eval: cannot create a temporary file in %s: %s\n", tmp ? tmp : "/tmp",
		        strerror(errno));
		return CORDON_EIO;
	}
	close(fd);
	const cordon_entity **list = malloc((c->entity_count ? c->entity_count : 1) * sizeof(*list));
	int rc = list ? 0 : CORDON_ENOMEM;
	for (size_t i = 0; !rc && i < c->entity_count; i++)
		list[i] = c->entities[i].e;
	static const char meta[] = "{\"sources\":[],\"note\":\"bench_eval: the bundled lists, Latin names only\"}";
	/*
	 * One thread: the library's per-thread ICU transforms are never closed, so
	 * worker threads of a parallel index build leak them (LeakSanitizer reports it).
	 */
	if (!rc)
		rc = clib_write_snapshot(list, c->entity_count, meta, path, 1);
	if (!rc)
		rc = cordon_snapshot_open(snap, path);
	unlink(path); /* the open snapshot stays mapped */
	free(list);
	return rc;
}

/* ---- queries ---- */

/* Up to cap queries of one Latin kind, a deterministic sample of every entity the kind applies to. */
static int gen_latin(const eval_corpus *c, int kind, const options *o, eval_queries *q, eval_run *run)
{
	eval_queries all = {0};
	int rc = 0;
	for (size_t i = 0; !rc && i < c->entity_count; i++) {
		eval_rng r;
		eval_rng_seed(&r, o->seed, eval_kind_name(kind), c->entities[i].e->id, 0);
		char *text;
		if (eval_latin_variant(kind, &c->entities[i], &r, &text))
			rc = eval_queries_add(&all, text, i, kind, EO_DERIVED);
	}
	eval_rng r;
	eval_rng_seed(&r, o->seed, eval_kind_name(kind), "sample", 0);
	eval_shuffle(&r, all.items, all.count, sizeof(*all.items));
	run->available[kind] = all.count;
	for (size_t i = 0; !rc && i < all.count; i++) {
		if (i < o->per_kind) {
			rc = eval_queries_add(q, all.items[i].text, all.items[i].target, kind, EO_DERIVED);
			all.items[i].text = NULL;
		}
	}
	eval_queries_dispose(&all);
	return rc;
}

static int rendering_applies(int kind, const cordon_entity *e)
{
	switch (kind) {
	case EK_CYRILLIC: return eval_entity_russian_tie(e);
	case EK_GREEK: return e->schema == CORDON_SCHEMA_PERSON || e->schema == CORDON_SCHEMA_ORGANIZATION;
	case EK_ARABIC: return eval_entity_arabic_tie(e);
	default: return 0;
	}
}

/*
 * A cross-script kind: names as the lists publish them in that script and
 * ICU renderings of the Latin primary names of the entities the script is
 * plausible for, each in a deterministic order, taken alternately up to the
 * cap, so that every listed name is used when the cap allows and both
 * sources are represented when it does not.
 */
static int gen_cross(const eval_corpus *c, eval_icu *icu, int kind, const options *o, eval_queries *q,
                     eval_run *run)
{
	size_t *listed = malloc((c->original_count + 1) * sizeof(*listed));
	size_t *derived = malloc((c->entity_count + 1) * sizeof(*derived));
	size_t nl = 0, nd = 0, il = 0, id = 0, used = 0;
	int rc = listed && derived ? 0 : CORDON_ENOMEM;
	for (size_t i = 0; !rc && i < c->original_count; i++)
		if (original_of_kind(kind, c->originals[i].scripts))
			listed[nl++] = i;
	for (size_t i = 0; !rc && i < c->entity_count; i++)
		if (rendering_applies(kind, c->entities[i].e))
			derived[nd++] = i;
	eval_rng r;
	eval_rng_seed(&r, o->seed, eval_kind_name(kind), "sample", 0);
	eval_shuffle(&r, listed, nl, sizeof(*listed));
	eval_shuffle(&r, derived, nd, sizeof(*derived));
	run->available[kind] = nl + nd;
	while (!rc && used < o->per_kind && (il < nl || id < nd)) {
		if (il < nl && (id >= nd || il <= id)) {
			const eval_original *x = &c->originals[listed[il++]];
			rc = eval_queries_add(q, eval_strdup(x->text), x->target, kind, EO_LISTED);
			used++;
			continue;
		}
		size_t e = derived[id++];
		char *text = eval_render(icu, kind, c->entities[e].e->names[0].full);
		if (text && !non_latin(text)) {
			free(text); /* nothing was transliterated (a name of digits) */
			continue;
		}
		rc = text ? eval_queries_add(q, text, e, kind, EO_DERIVED) : 0;
		used += text != NULL;
	}
	free(listed);
	free(derived);
	return rc;
}

static int generate(const eval_corpus *c, const options *o, eval_queries *q, eval_run *run)
{
	int rc = 0;
	for (int k = 0; !rc && k < EK_FIRST_CROSS; k++)
		rc = gen_latin(c, k, o, q, run);
	eval_icu *icu = NULL;
	if (!rc)
		rc = eval_icu_open(&icu);
	for (int k = EK_FIRST_CROSS; !rc && k < EK_FIRST_NEGATIVE; k++)
		rc = gen_cross(c, icu, k, o, q, run);
	eval_icu_close(icu);
	if (rc)
		return rc;
	char people[4096];
	snprintf(people, sizeof(people), "%s/people-not-listed/us_congress_senzing.json.gz", o->data_dir);
	size_t before = q->count;
	rc = eval_load_people(people, q, &run->people_skipped);
	run->available[EK_NEG_PEOPLE] = q->count - before;
	before = q->count;
	if (!rc)
		rc = eval_make_companies(c, o->seed, o->companies, q);
	run->available[EK_NEG_COMPANIES] = q->count - before;
	return rc;
}

/* ---- screening ---- */

static int is_expected(const eval_corpus *c, const eval_query *x, const cordon_match *m)
{
	return eval_equivalent(c, x->target, m->entity_index);
}

static int screen_one(const cordon_snapshot *snap, const char *text, int exhaustive, cordon_results *res,
                      double *us)
{
	cordon_query qq = CORDON_QUERY_INIT;
	qq.name = text;
	qq.threshold = 0;
	qq.limit = LIMIT;
	double t0 = now_us();
	int rc = exhaustive ? cordon_screen_exhaustive(snap, &qq, res) : cordon_screen(snap, &qq, res);
	*us = now_us() - t0;
	return rc;
}

static void record(const eval_corpus *c, eval_query *x, const cordon_results *res)
{
	x->rank = 0;
	x->score = 0;
	x->top_id = x->top_name = x->top_matched = NULL;
	x->top_score = 0;
	for (size_t i = 0; i < res->count; i++) {
		const cordon_match *m = &res->matches[i];
		if (m->score > x->top_score || !x->top_id) {
			x->top_score = m->score;
			x->top_id = m->entity_id;
			x->top_name = m->name;
			x->top_matched = m->matched_name;
		}
		if (!x->rank && x->target != EVAL_NO_TARGET && is_expected(c, x, m)) {
			x->rank = (int)i + 1;
			x->score = m->score;
		}
	}
}

static int screen_all(const cordon_snapshot *snap, const eval_corpus *c, eval_queries *q)
{
	for (size_t i = 0; i < q->count; i++) {
		cordon_results res;
		int rc = screen_one(snap, q->items[i].text, 0, &res, &q->items[i].latency_us);
		if (rc) {
			fprintf(stderr, "bench_eval: screening \"%s\" failed: %s\n", q->items[i].text, cordon_last_error());
			return rc;
		}
		record(c, &q->items[i], &res);
		cordon_results_dispose(&res);
	}
	return 0;
}

/* Whether a and b name the same entities among their matches scoring at least min. */
static int same_entities_above(const cordon_results *a, const cordon_results *b, double min)
{
	for (int pass = 0; pass < 2; pass++) {
		const cordon_results *x = pass ? b : a, *y = pass ? a : b;
		for (size_t i = 0; i < x->count; i++) {
			if (x->matches[i].score < min)
				continue;
			size_t k = 0;
			while (k < y->count && (y->matches[k].entity_index != x->matches[i].entity_index ||
			                        y->matches[k].score < min))
				k++;
			if (k == y->count)
				return 0;
		}
	}
	return 1;
}

static int same_entities(const cordon_results *a, const cordon_results *b)
{
	return a->count == b->count && same_entities_above(a, b, -1.0);
}

/* How much the index's candidate retrieval changes the top 10, on a deterministic sample. */
static int compare_exhaustive(const cordon_snapshot *snap, const eval_corpus *c, const eval_queries *q,
                              const options *o, eval_run *run)
{
	size_t *idx = malloc((q->count ? q->count : 1) * sizeof(*idx));
	if (!idx)
		return CORDON_ENOMEM;
	for (size_t i = 0; i < q->count; i++)
		idx[i] = i;
	eval_rng r;
	eval_rng_seed(&r, o->seed, "exhaustive", NULL, 0);
	eval_shuffle(&r, idx, q->count, sizeof(*idx));
	size_t n = o->exhaustive < q->count ? o->exhaustive : q->count;
	int rc = 0;
	for (size_t s = 0; !rc && s < n; s++) {
		eval_query x = q->items[idx[s]];
		cordon_results fast, full;
		double t_fast, t_full;
		rc = screen_one(snap, x.text, 0, &fast, &t_fast);
		if (!rc && (rc = screen_one(snap, x.text, 1, &full, &t_full)) != 0)
			cordon_results_dispose(&fast);
		if (rc) {
			fprintf(stderr, "bench_eval: exhaustive screening failed: %s\n", cordon_last_error());
			break;
		}
		run->exh_n++;
		run->exh_index_us += t_fast;
		run->exh_full_us += t_full;
		run->exh_set_differs += !same_entities(&fast, &full);
		run->exh_top_differs += fast.count != full.count ||
		                        (fast.count && fast.matches[0].entity_index != full.matches[0].entity_index);
		run->exh_best_lower += full.count && (!fast.count || fast.matches[0].score < full.matches[0].score - 1e-9);
		run->exh_hits_differ += !same_entities_above(&fast, &full, o->threshold);
		eval_query y = x;
		record(c, &y, &full);
		run->exh_expected_only_exhaustive += x.target != EVAL_NO_TARGET && y.rank && !x.rank;
		cordon_results_dispose(&fast);
		cordon_results_dispose(&full);
	}
	free(idx);
	return rc;
}

int main(int argc, char **argv)
{
	options o;
	if (parse_options(argc, argv, &o) != 0)
		return 2;
	double t0 = now_us();
	eval_run run;
	memset(&run, 0, sizeof(run));
	run.seed = o.seed;
	run.per_kind = o.per_kind;
	run.threshold = o.threshold;
	run.failures = o.failures;
	run.timing = o.timing;
	run.strict_equivalence = o.strict;
	cm_collection coll;
	cm_collection_init(&coll);
	eval_corpus corpus;
	memset(&corpus, 0, sizeof(corpus));
	corpus.strict_equivalence = o.strict;
	eval_queries q = {0};
	cordon_snapshot *snap = NULL;
	int rc = load_lists(o.data_dir, &coll);
	if (!rc)
		rc = build_corpus(&coll, &corpus, &run);
	if (!rc)
		rc = open_eval_snapshot(&corpus, &snap);
	if (!rc)
		rc = generate(&corpus, &o, &q, &run);
	if (rc) {
		fprintf(stderr, "bench_eval: %s\n", cordon_last_error()[0] ? cordon_last_error() : cordon_strerror(rc));
	} else {
		rc = screen_all(snap, &corpus, &q);
		if (!rc && o.exhaustive)
			rc = compare_exhaustive(snap, &corpus, &q, &o, &run);
	}
	int failed = 0;
	if (!rc) {
		run.elapsed_s = (now_us() - t0) / 1e6;
		if (o.failures)
			eval_report_failures(&run, &corpus, &q);
		failed = eval_report(&run, &corpus, &q);
		if (o.json_path && eval_write_json(o.json_path, &corpus, &q) != 0) {
			fprintf(stderr, "bench_eval: cannot write %s: %s\n", o.json_path, strerror(errno));
			rc = CORDON_EIO;
		}
	}
	cordon_snapshot_free(snap);
	eval_queries_dispose(&q);
	corpus_dispose(&corpus);
	cm_collection_dispose(&coll);
	return rc ? 2 : failed ? 1 : 0;
}
