/* Evaluation harness: the summary table, the targets, the misses, and the JSON lines of every query. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"

/* Which queries a row counts. */
typedef struct {
	int kind;   /* one kind, or -1 */
	int origin; /* one origin, or -1 */
	int group;  /* GROUP_* when kind is -1 */
} selector;

enum { GROUP_LATIN = 1, GROUP_CROSS = 2, GROUP_POSITIVE = 3, GROUP_NEGATIVE = 4 };

typedef struct {
	size_t n, r1, r1tie, r10, rthr, fp;
	double med_us, p99_us;
} row_stats;

static int selected(const eval_query *x, const selector *s)
{
	if (s->origin >= 0 && x->origin != s->origin)
		return 0;
	if (s->kind >= 0)
		return x->kind == s->kind;
	switch (s->group) {
	case GROUP_LATIN: return eval_kind_is_latin(x->kind);
	case GROUP_CROSS: return eval_kind_is_cross(x->kind);
	case GROUP_POSITIVE: return !eval_kind_is_negative(x->kind);
	default: return eval_kind_is_negative(x->kind);
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void compute(const eval_queries *q, const selector *s, double threshold, row_stats *st)
{
	memset(st, 0, sizeof(*st));
	double *lat = malloc((q->count ? q->count : 1) * sizeof(*lat));
	for (size_t i = 0; i < q->count; i++) {
		const eval_query *x = &q->items[i];
		if (!selected(x, s))
			continue;
		if (lat)
			lat[st->n] = x->latency_us;
		st->n++;
		st->r1 += x->rank == 1;
		/* first or tied with the first: the same name listed for two entities cannot be told apart */
		st->r1tie += x->rank == 1 || (x->rank > 1 && x->score >= x->top_score - 1e-9);
		st->r10 += x->rank >= 1;
		st->rthr += x->rank >= 1 && x->score >= threshold;
		st->fp += x->top_id && x->top_score >= threshold;
	}
	if (lat && st->n) {
		qsort(lat, st->n, sizeof(*lat), cmp_double);
		st->med_us = lat[(st->n - 1) / 2];
		size_t k = (size_t)ceil(0.99 * (double)st->n);
		st->p99_us = lat[k ? k - 1 : 0];
	}
	free(lat);
}

static double pct(size_t a, size_t n)
{
	return n ? 100.0 * (double)a / (double)n : 0.0;
}

static void print_pct(size_t a, size_t n)
{
	if (n)
		printf(" %9.2f%%", pct(a, n));
	else
		printf(" %10s", "n/a");
}

static void print_row(const eval_run *run, const char *label, size_t available, const selector *s,
                      const eval_queries *q)
{
	row_stats st;
	compute(q, s, run->threshold, &st);
	if (available != SIZE_MAX)
		printf("%-22s %8zu %6zu", label, available, st.n);
	else
		printf("%-22s %8s %6zu", label, "", st.n);
	print_pct(st.r1, st.n);
	print_pct(st.r1tie, st.n);
	print_pct(st.r10, st.n);
	print_pct(st.rthr, st.n);
	if (run->timing && st.n)
		printf(" %8.0f %8.0f\n", st.med_us, st.p99_us);
	else
		printf(" %8s %8s\n", "-", "-");
}

static void print_recall_table(const eval_run *run, const eval_queries *q)
{
	printf("%-22s %8s %6s %10s %10s %10s %10s %8s %8s\n", "kind", "avail", "n", "recall@1", "r@1 w/tie",
	       "recall@10", "recall@thr", "med us", "p99 us");
	for (int k = 0; k < EK_FIRST_NEGATIVE; k++) {
		selector s = {k, -1, 0};
		print_row(run, eval_kind_name(k), run->available[k], &s, q);
		if (eval_kind_is_cross(k)) {
			selector listed = {k, EO_LISTED, 0}, derived = {k, EO_DERIVED, 0};
			print_row(run, "  as listed", SIZE_MAX, &listed, q);
			print_row(run, "  ICU rendering", SIZE_MAX, &derived, q);
		}
	}
	selector latin = {-1, -1, GROUP_LATIN}, cross = {-1, -1, GROUP_CROSS}, all = {-1, -1, GROUP_POSITIVE};
	printf("%.*s\n", 107, "-----------------------------------------------------------------------------------------------------------");
	print_row(run, "all Latin kinds", SIZE_MAX, &latin, q);
	print_row(run, "all cross-script kinds", SIZE_MAX, &cross, q);
	print_row(run, "overall", SIZE_MAX, &all, q);
}

static void print_negatives(const eval_run *run, const eval_queries *q)
{
	printf("\n%-22s %8s %6s %10s %8s %8s\n", "negatives", "", "n", "FPR@thr", "med us", "p99 us");
	for (int k = EK_FIRST_NEGATIVE; k <= EK_COUNT; k++) {
		selector s = {k < EK_COUNT ? k : -1, -1, GROUP_NEGATIVE};
		row_stats st;
		compute(q, &s, run->threshold, &st);
		printf("%-22s %8s %6zu", k < EK_COUNT ? eval_kind_name(k) : "all negatives", "", st.n);
		print_pct(st.fp, st.n);
		if (run->timing && st.n)
			printf(" %8.0f %8.0f\n", st.med_us, st.p99_us);
		else
			printf(" %8s %8s\n", "-", "-");
	}
	if (run->people_skipped)
		printf("(%zu people-not-listed records without a RECORD_TYPE skipped)\n", run->people_skipped);
}

/* False-positive rate and recall at other thresholds, so the choice of the default can be judged. */
static void print_thresholds(const eval_run *run, const eval_queries *q)
{
	double t[EVAL_MAX_THRESHOLDS + 1] = {0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90};
	size_t n = 7;
	int have = 0;
	for (size_t i = 0; i < n; i++)
		have |= fabs(t[i] - run->threshold) < 1e-9;
	if (!have) {
		t[n++] = run->threshold;
		qsort(t, n, sizeof(*t), cmp_double);
	}
	printf("\n%-9s %10s %10s %10s %10s %10s %10s %10s\n", "threshold", "FPR people", "FPR comp.", "FPR all",
	       "rec Latin", "rec cross", "rec all", "rec@1 all");
	for (size_t i = 0; i < n; i++) {
		selector people = {EK_NEG_PEOPLE, -1, 0}, comp = {EK_NEG_COMPANIES, -1, 0};
		selector neg = {-1, -1, GROUP_NEGATIVE}, latin = {-1, -1, GROUP_LATIN};
		selector cross = {-1, -1, GROUP_CROSS}, all = {-1, -1, GROUP_POSITIVE};
		row_stats a, b, c, d, e, f;
		compute(q, &people, t[i], &a);
		compute(q, &comp, t[i], &b);
		compute(q, &neg, t[i], &c);
		compute(q, &latin, t[i], &d);
		compute(q, &cross, t[i], &e);
		compute(q, &all, t[i], &f);
		/* recall@1 above the threshold: the right entity first and scored high enough */
		size_t top_ok = 0;
		for (size_t k = 0; k < q->count; k++)
			top_ok += !eval_kind_is_negative(q->items[k].kind) && q->items[k].rank == 1 &&
			          q->items[k].score >= t[i];
		printf("%s%-8.2f", fabs(t[i] - run->threshold) < 1e-9 ? "*" : " ", t[i]);
		print_pct(a.fp, a.n);
		print_pct(b.fp, b.n);
		print_pct(c.fp, c.n);
		print_pct(d.rthr, d.n);
		print_pct(e.rthr, e.n);
		print_pct(f.rthr, f.n);
		print_pct(top_ok, f.n);
		printf("\n");
	}
}

static int target(const char *what, size_t a, size_t n, double goal, int at_most)
{
	double v = pct(a, n);
	const char *verdict = !n ? "SKIP" : (at_most ? v <= goal : v >= goal) ? "PASS" : "FAIL";
	if (n)
		printf("%s  %-42s %7.2f%% %s %.1f%%  (%zu of %zu)\n", verdict, what, v, at_most ? "<=" : ">=", goal, a, n);
	else
		printf("%s  %-42s no queries\n", verdict, what);
	return verdict[0] == 'F';
}

int eval_report(const eval_run *run, const eval_corpus *c, const eval_queries *q)
{
	printf("cordon name-matching evaluation: seed %llu, up to %zu queries per kind, threshold %.2f, limit 10\n",
	       (unsigned long long)run->seed, run->per_kind, run->threshold);
	printf("snapshot: %zu entities with Latin names (%zu dropped: no Latin name), %zu non-Latin names taken out\n",
	       run->snapshot_entities, run->dropped_entities, run->removed_names);
	size_t other = run->removed_names;
	printf("  of which Cyrillic %zu, Greek %zu, Arabic %zu, Chinese %zu, ", run->removed_by_kind[EK_CYRILLIC],
	       run->removed_by_kind[EK_GREEK], run->removed_by_kind[EK_ARABIC], run->removed_by_kind[EK_HAN]);
	for (int k = EK_FIRST_CROSS; k < EK_FIRST_NEGATIVE; k++)
		other -= run->removed_by_kind[k];
	printf("weak aliases and other scripts (Japanese, Hangul, ...) %zu\n", other);
	printf("equivalent entities: %s\n", run->strict_equivalence ? "equal primary names (strict)"
	                                                             : "equal primary names, one lists the other's primary name, "
	                                                               "or names scoring >= 0.93 with agreeing birth years");
	size_t positives = 0;
	for (size_t i = 0; i < q->count; i++)
		positives += !eval_kind_is_negative(q->items[i].kind);
	printf("queries: %zu positive, %zu negative\n\n", positives, q->count - positives);
	print_recall_table(run, q);
	print_negatives(run, q);
	print_thresholds(run, q);
	if (run->exh_n) {
		printf("\nindex vs exhaustive search, %zu sampled queries", run->exh_n);
		if (run->timing)
			printf(" (exhaustive %.1fx slower: %.0f us against %.0f us a query)",
			       run->exh_index_us > 0 ? run->exh_full_us / run->exh_index_us : 0.0,
			       run->exh_full_us / (double)run->exh_n, run->exh_index_us / (double)run->exh_n);
		printf(":\n");
		printf("  top-10 entities differ            %6zu (%.2f%%)\n", run->exh_set_differs,
		       pct(run->exh_set_differs, run->exh_n));
		printf("  matches >= %.2f differ            %6zu (%.2f%%)\n", run->threshold, run->exh_hits_differ,
		       pct(run->exh_hits_differ, run->exh_n));
		printf("  first entity differs              %6zu (%.2f%%)\n", run->exh_top_differs,
		       pct(run->exh_top_differs, run->exh_n));
		printf("  best score lower with the index   %6zu (%.2f%%)\n", run->exh_best_lower,
		       pct(run->exh_best_lower, run->exh_n));
		printf("  expected entity only exhaustively %6zu (%.2f%%)\n", run->exh_expected_only_exhaustive,
		       pct(run->exh_expected_only_exhaustive, run->exh_n));
	}

	selector latin = {-1, -1, GROUP_LATIN}, cross = {-1, -1, GROUP_CROSS}, all = {-1, -1, GROUP_POSITIVE};
	selector neg = {-1, -1, GROUP_NEGATIVE};
	row_stats l, x, a, n;
	compute(q, &latin, run->threshold, &l);
	compute(q, &cross, run->threshold, &x);
	compute(q, &all, run->threshold, &a);
	compute(q, &neg, run->threshold, &n);
	char fpr[64];
	snprintf(fpr, sizeof(fpr), "false-positive rate at threshold %.2f", run->threshold);
	printf("\ntargets:\n");
	int failed = target("recall@10, Latin-script kinds", l.r10, l.n, 99.5, 0);
	failed += target("recall@10, cross-script kinds", x.r10, x.n, 97.0, 0);
	failed += target("recall@1, overall", a.r1, a.n, 97.0, 0);
	failed += target(fpr, n.fp, n.n, 1.0, 1);
	if (run->timing)
		printf("\n%zu queries in %.1f s\n", q->count, run->elapsed_s);
	(void)c;
	return failed;
}

static const char *entity_id(const eval_corpus *c, size_t target)
{
	return target < c->entity_count ? c->entities[target].e->id : "";
}

static const char *entity_name(const eval_corpus *c, size_t target)
{
	return target < c->entity_count ? c->entities[target].e->names[0].full : "";
}

void eval_report_failures(const eval_run *run, const eval_corpus *c, const eval_queries *q)
{
	for (int k = 0; k < EK_COUNT; k++) {
		size_t shown = 0;
		for (size_t i = 0; i < q->count && shown < run->failures; i++) {
			const eval_query *x = &q->items[i];
			if (x->kind != k)
				continue;
			int neg = eval_kind_is_negative(k);
			if (neg ? !(x->top_id && x->top_score >= run->threshold) : x->rank == 1)
				continue;
			if (!shown++)
				printf("%s %s:\n", neg ? "false positives of" : "misses of", eval_kind_name(k));
			if (neg) {
				printf("  \"%s\" -> %s \"%s\" (matched \"%s\") %.3f\n", x->text, x->top_id, x->top_name,
				       x->top_matched, x->top_score);
				continue;
			}
			printf("  \"%s\" -> expected %s \"%s\"", x->text, entity_id(c, x->target), entity_name(c, x->target));
			if (x->rank)
				printf(" at rank %d (%.3f)", x->rank, x->score);
			else
				printf(" not in top 10");
			if (x->top_id)
				printf("; first %s \"%s\" (matched \"%s\") %.3f\n", x->top_id, x->top_name, x->top_matched,
				       x->top_score);
			else
				printf("; no match at all\n");
		}
		if (shown)
			printf("\n");
	}
}

int eval_write_json(const char *path, const eval_corpus *c, const eval_queries *q)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < q->count && !rc; i++) {
		const eval_query *x = &q->items[i];
		json_t *o = json_object();
		json_object_set_new(o, "kind", json_string(eval_kind_name(x->kind)));
		json_object_set_new(o, "origin", json_string(x->origin == EO_LISTED ? "listed" : "derived"));
		json_object_set_new(o, "query", json_string(x->text));
		if (x->target != EVAL_NO_TARGET) {
			json_object_set_new(o, "expected", json_string(entity_id(c, x->target)));
			json_object_set_new(o, "expected_name", json_string(entity_name(c, x->target)));
			json_object_set_new(o, "rank", json_integer(x->rank));
			json_object_set_new(o, "score", json_real(x->score));
		}
		json_object_set_new(o, "top_id", x->top_id ? json_string(x->top_id) : json_null());
		json_object_set_new(o, "top_name", x->top_name ? json_string(x->top_name) : json_null());
		json_object_set_new(o, "top_matched", x->top_matched ? json_string(x->top_matched) : json_null());
		json_object_set_new(o, "top_score", json_real(x->top_score));
		char *line = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
		json_decref(o);
		if (!line || fprintf(f, "%s\n", line) < 0)
			rc = -1;
		free(line);
	}
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}
