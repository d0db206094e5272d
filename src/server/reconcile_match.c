/*
 * The "match" flag of a candidate. OpenRefine auto-matches a cell on it
 * without asking anyone, and a wrong auto-match is a compliance failure: a
 * customer recorded as a listed party they are not, or a listed party filed
 * under the wrong record. So the flag is set on the best candidate only when
 * all of these hold:
 *
 *  1. its score, with every fact the query gave, is at least 0.95;
 *  2. its name alone scores at least the default threshold 0.78, so an
 *     identifier match never carries a name that is not a potential hit;
 *  3. when the query named a type, the candidate is of that type (types are
 *     soft for finding candidates, never for auto-matching);
 *  4. every other candidate scoring within 0.05 of it is the same party
 *     listed again by another list: another dataset, the same kind of party
 *     (or one its list did not say), one entry listing the other's primary
 *     name (compared at 0.98 or more), and no birth dates more than a year
 *     apart. Two entries of one list with one name are two parties (a list
 *     does not repeat itself), so they leave the choice to the analyst.
 *
 * Everything else is left for review with "match": false.
 */
#include <string.h>

#include "server/reconcile_internal.h"

static int dated(const cordon_date *d)
{
	return d->precision != CORDON_DATE_NONE && d->precision != CORDON_DATE_TEXT;
}

/* Whether both list birth dates and no two of them come within a year of each other. */
static int births_conflict(const cordon_entity *a, const cordon_entity *b)
{
	int seen_a = 0, seen_b = 0;
	for (size_t i = 0; i < a->birth_date_count; i++) {
		if (!dated(&a->birth_dates[i]))
			continue;
		seen_a = 1;
		for (size_t k = 0; k < b->birth_date_count; k++) {
			const cordon_date *x = &a->birth_dates[i], *y = &b->birth_dates[k];
			if (!dated(y))
				continue;
			seen_b = 1;
			if (x->year <= y->end_year + 1 && y->year <= x->end_year + 1)
				return 0;
		}
	}
	return seen_a && seen_b;
}

static int names_alike(const char *x, const char *y)
{
	double score;
	return cordon_compare(x, y, &score) == 0 && score >= RECON_SAME_NAME;
}

/* Whether one of e's names is the primary name of the other entry. */
static int lists_name(const cordon_entity *e, const char *primary)
{
	for (size_t i = 0; i < e->name_count; i++)
		if (names_alike(e->names[i].full, primary))
			return 1;
	return 0;
}

/* The same party by its entries (as docs/matching.md counts a party listed again): names, then birth dates. */
static int entries_agree(const cordon_entity *a, const cordon_entity *b)
{
	const char *pa = a->name_count ? a->names[0].full : "", *pb = b->name_count ? b->names[0].full : "";
	return (lists_name(a, pb) || lists_name(b, pa)) && !births_conflict(a, b);
}

static int same_party(const cordon_snapshot *snap, const cordon_match *a, const cordon_match *b)
{
	if (strcmp(a->dataset, b->dataset) == 0)
		return 0;
	if (a->schema != b->schema && a->schema != CORDON_SCHEMA_UNKNOWN && b->schema != CORDON_SCHEMA_UNKNOWN)
		return 0;
	cordon_entity ea, eb;
	if (cordon_snapshot_entity(snap, a->entity_index, &ea) != 0)
		return 0;
	int same = 0;
	if (cordon_snapshot_entity(snap, b->entity_index, &eb) == 0) {
		same = entries_agree(&ea, &eb);
		cordon_entity_dispose(&eb);
	}
	cordon_entity_dispose(&ea);
	return same;
}

int recon_is_match(const cordon_snapshot *snap, const recon_query *q, const cordon_match *const *kept, size_t n)
{
	const cordon_match *top = kept[0];
	if (top->score < RECON_MATCH_SCORE || top->name_score < CORDON_DEFAULT_THRESHOLD)
		return 0;
	if (q->typed && !recon_type_fits(q, top->schema))
		return 0;
	for (size_t i = 1; i < n && kept[i]->score > top->score - RECON_MATCH_MARGIN; i++)
		if (!same_party(snap, top, kept[i]))
			return 0;
	return 1;
}
