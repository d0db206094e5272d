#include "queries.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "util/strutil.h"
#include "variants.h"

const char *cb_qkind_name(int kind)
{
	static const char *const names[] = {"exact", "alias", "typo", "reorder", "cyrillic", "arabic"};
	return kind >= 0 && kind < CB_Q_KINDS ? names[kind] : "?";
}

static int latin_ascii(const char *s)
{
	int letters = 0;
	for (; *s; s++) {
		if ((unsigned char)*s >= 0x80)
			return 0;
		letters += (*s | 0x20) >= 'a' && (*s | 0x20) <= 'z';
	}
	return letters > 0;
}

/* "FAMILY, Given Middle" -> "Given Middle FAMILY"; other names unchanged. */
static void natural_order(const char *in, char *out, size_t cap)
{
	const char *comma = strstr(in, ", ");
	if (comma && !strchr(comma + 2, ','))
		snprintf(out, cap, "%s %.*s", comma + 2, (int)(comma - in), in);
	else
		snprintf(out, cap, "%s", in);
}

/* The query of kind for entity e into out; -1 when the kind does not apply. */
static int derive(const cordon_entity *e, int kind, const cb_harvest *h, cb_rng *r, char *out, size_t cap)
{
	const char *primary = e->names[0].full;
	char natural[CB_NAME_MAX];
	natural_order(primary, natural, sizeof(natural));
	switch (kind) {
	case CB_Q_EXACT:
		snprintf(out, cap, "%s", primary);
		return 0;
	case CB_Q_ALIAS: {
		size_t strong[64], n = 0;
		for (size_t i = 1; i < e->name_count && n < 64; i++)
			if (!e->names[i].weak)
				strong[n++] = i;
		if (!n)
			return -1;
		snprintf(out, cap, "%s", e->names[strong[cb_rng_below(r, n)]].full);
		return 0;
	}
	case CB_Q_TYPO:
		return cb_typo(primary, r, out, cap);
	case CB_Q_REORDER:
		if (strcmp(natural, primary) != 0) { /* the listed "FAMILY, Given" read the other way */
			snprintf(out, cap, "%s", natural);
			return 0;
		}
		return cb_reorder(primary, out, cap);
	case CB_Q_CYRILLIC:
		if (e->schema != CORDON_SCHEMA_PERSON || !latin_ascii(natural))
			return -1; /* company and vessel names are not spelt out letter by letter in Cyrillic */
		return cb_cyrillic(natural, out, cap);
	case CB_Q_ARABIC:
		if (!h || e->schema != CORDON_SCHEMA_PERSON || !latin_ascii(natural))
			return -1;
		return cb_arabic(h, natural, out, cap);
	default:
		return -1;
	}
}

static int pick_kind(cb_rng *r, const double mix[CB_Q_KINDS])
{
	double total = 0;
	for (int k = 0; k < CB_Q_KINDS; k++)
		total += mix[k];
	double u = (double)(cb_rng_next(r) >> 11) * (1.0 / 9007199254740992.0) * total;
	for (int k = 0; k < CB_Q_KINDS; k++) {
		if (u < mix[k])
			return k;
		u -= mix[k];
	}
	return CB_Q_EXACT;
}

/* Arabic renderings need names made of words the lists pair with Arabic: search further for them. */
#define TRIES 400

int cb_queries_make(const cordon_snapshot *s, const cb_harvest *h, size_t count, uint64_t seed,
                    const double mix[CB_Q_KINDS], cb_queries *out)
{
	size_t entities = cordon_snapshot_entity_count(s);
	out->q = calloc(count ? count : 1, sizeof(*out->q));
	out->n = 0;
	if (!out->q || !entities)
		return CORDON_ENOMEM;
	cb_rng r;
	cb_rng_seed(&r, seed);
	char text[CB_NAME_MAX];
	while (out->n < count) {
		int kind = pick_kind(&r, mix);
		int rc = -1;
		size_t idx = 0;
		for (int t = 0; t < TRIES && rc != 0; t++) {
			cordon_entity e;
			idx = cb_rng_below(&r, entities);
			if (cordon_snapshot_entity(s, idx, &e) != 0)
				return CORDON_ERROR;
			rc = e.name_count ? derive(&e, t < TRIES - 1 ? kind : CB_Q_EXACT, h, &r, text, sizeof(text)) : -1;
			if (rc == 0 && t == TRIES - 1)
				kind = CB_Q_EXACT;
			cordon_entity_dispose(&e);
		}
		if (rc != 0)
			continue;
		out->q[out->n] = (cb_query){cu_strdup(text), idx, kind};
		if (!out->q[out->n].text)
			return CORDON_ENOMEM;
		out->n++;
	}
	return 0;
}

void cb_queries_dispose(cb_queries *q)
{
	for (size_t i = 0; i < q->n; i++)
		free(q->q[i].text);
	free(q->q);
	q->q = NULL;
	q->n = 0;
}

/* The best cordon_compare score of the query against any name of entity idx. */
static double best_compare(const cordon_snapshot *s, const char *query, size_t idx)
{
	cordon_entity e;
	double best = 0;
	if (cordon_snapshot_entity(s, idx, &e) != 0)
		return 0;
	for (size_t i = 0; i < e.name_count; i++) {
		double sc;
		if (cordon_compare(query, e.names[i].full, &sc) == 0 && sc > best)
			best = sc;
	}
	cordon_entity_dispose(&e);
	return best;
}

int cb_queries_run(const cordon_snapshot *s, const cb_queries *q, const size_t *which, size_t n, int exhaustive,
                   cb_outcome *out)
{
	for (size_t i = 0; i < n; i++) {
		const cb_query *qq = &q->q[which ? which[i] : i];
		cordon_query query = CORDON_QUERY_INIT;
		query.name = qq->text;
		query.limit = CB_TOP;
		cordon_results res;
		double c0 = cb_thread_cpu(), t0 = cb_now();
		int rc = exhaustive ? cordon_screen_exhaustive(s, &query, &res) : cordon_screen(s, &query, &res);
		double t1 = cb_now(), c1 = cb_thread_cpu();
		if (rc != 0) {
			fprintf(stderr, "screening \"%s\" failed: %s\n", qq->text, cordon_last_error());
			return rc;
		}
		cb_outcome *o = &out[i];
		memset(o, 0, sizeof(*o));
		o->us = (t1 - t0) * 1e6;
		o->cpu_us = (c1 - c0) * 1e6;
		o->candidates = res.candidates;
		for (size_t k = 0; k < res.count && k < CB_TOP; k++) {
			o->top[k] = res.matches[k].entity_index;
			o->score[k] = res.matches[k].score;
			if (!o->rank && o->top[k] == qq->expected)
				o->rank = (int)k + 1;
			o->count++;
		}
		cordon_results_dispose(&res);
		/* ten entities named alike leave no room for the one the query came from: not a miss of the index */
		if (!o->rank && o->count == CB_TOP)
			o->tied = best_compare(s, qq->text, qq->expected) <= o->score[CB_TOP - 1] + 1e-9;
	}
	return 0;
}

static void percentiles(const cb_outcome *o, size_t n, int cpu, double *median, double *p99, double *mean)
{
	double *v = malloc((n ? n : 1) * sizeof(*v)), sum = 0;
	for (size_t i = 0; v && i < n; i++)
		sum += v[i] = cpu ? o[i].cpu_us : o[i].us;
	*median = v ? cb_percentile(v, n, 50) : 0;
	*p99 = v ? cb_percentile(v, n, 99) : 0;
	*mean = n ? sum / (double)n : 0;
	free(v);
}

void cb_latency(const cb_outcome *o, size_t n, double *median, double *p99, double *mean)
{
	percentiles(o, n, 0, median, p99, mean);
}

void cb_cpu_latency(const cb_outcome *o, size_t n, double *median, double *p99, double *mean)
{
	percentiles(o, n, 1, median, p99, mean);
}

double cb_recall(const cb_outcome *o, size_t n, int k)
{
	size_t hit = 0;
	for (size_t i = 0; i < n; i++)
		hit += (o[i].rank && o[i].rank <= k) || (k == CB_TOP && o[i].tied);
	return n ? (double)hit / (double)n : 0;
}

int cb_queries_write_results(const cb_queries *q, const cb_outcome *o, size_t n, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "%s: cannot write\n", path);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "%s", q->q[i].text);
		for (size_t k = 0; k < o[i].count; k++)
			fprintf(f, "\t%zu %.6f", o[i].top[k], o[i].score[k]);
		fputc('\n', f);
	}
	int bad = ferror(f);
	if (fclose(f) != 0 || bad) {
		fprintf(stderr, "%s: write failed\n", path);
		return -1;
	}
	return 0;
}

void cb_queries_report(const cb_queries *q, const size_t *which, const cb_outcome *o, size_t n)
{
	cb_outcome *sel = malloc((n ? n : 1) * sizeof(*sel));
	if (!sel)
		return;
	printf("  %-9s %6s %9s %9s %6s %10s %10s %10s %12s\n", "kind", "count", "recall@1", "recall@10", "ties",
	       "median us", "p99 us", "cpu med us", "candidates");
	for (int k = 0; k <= CB_Q_KINDS; k++) {
		size_t m = 0;
		double cand = 0;
		size_t ties = 0;
		for (size_t i = 0; i < n; i++)
			if (k == CB_Q_KINDS || q->q[which ? which[i] : i].kind == k) {
				sel[m++] = o[i];
				cand += (double)o[i].candidates;
				ties += o[i].tied;
			}
		if (!m)
			continue;
		double med, p99, mean, cmed, cp99, cmean;
		cb_latency(sel, m, &med, &p99, &mean);
		cb_cpu_latency(sel, m, &cmed, &cp99, &cmean);
		printf("  %-9s %6zu %8.1f%% %8.1f%% %6zu %10.1f %10.1f %10.1f %12.0f\n",
		       k == CB_Q_KINDS ? "all" : cb_qkind_name(k), m, 100 * cb_recall(sel, m, 1),
		       100 * cb_recall(sel, m, CB_TOP), ties, med, p99, cmed, cand / (double)m);
	}
	free(sel);
}

static int in_top(const cb_outcome *o, size_t entity)
{
	for (size_t k = 0; k < o->count; k++)
		if (o->top[k] == entity)
			return 1;
	return 0;
}

void cb_agreement_of(const cb_outcome *index, const cb_outcome *exhaustive, size_t n, cb_agreement *out)
{
	memset(out, 0, sizeof(*out));
	if (!n)
		return;
	for (size_t i = 0; i < n; i++) {
		const cb_outcome *a = &index[i], *b = &exhaustive[i];
		if (!b->count)
			continue; /* nothing above the threshold for either */
		out->top1_differs += !a->count || a->top[0] != b->top[0];
		out->top1_worse += !a->count || a->score[0] < b->score[0] - 1e-9;
		out->loss_top1 += !in_top(a, b->top[0]);
		size_t missing = 0;
		for (size_t k = 0; k < b->count; k++)
			missing += !in_top(a, b->top[k]);
		out->loss_any_top10 += missing > 0;
		out->loss_mean_top10 += (double)missing / (double)b->count;
	}
	out->top1_differs /= (double)n;
	out->top1_worse /= (double)n;
	out->loss_top1 /= (double)n;
	out->loss_any_top10 /= (double)n;
	out->loss_mean_top10 /= (double)n;
}
