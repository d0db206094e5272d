#include "match/facts.h"

#include <stdio.h>
#include <string.h>

#include "match/index_build.h"
#include "model/country.h"
#include "model/date.h"
#include "util/error.h"

/* Birth dates that agree add a little; years that cannot be the same take away more. */
#define BIRTH_SAME_DAY 0.08
#define BIRTH_COMPATIBLE 0.04
#define BIRTH_ONE_YEAR_OFF (-0.08)
#define BIRTH_CONFLICT (-0.20)
#define COUNTRY_MATCH 0.03
#define COUNTRY_MISMATCH (-0.03)

int cmatch_facts_prepare(const cordon_query *q, cmatch_facts *out)
{
	memset(out, 0, sizeof(*out));
	if (q->birth_date && *q->birth_date) {
		if (cm_date_parse_iso(q->birth_date, &out->birth) != 0)
			return cu_fail(CORDON_EINVALID, "birth_date \"%s\" is not YYYY, YYYY-MM or YYYY-MM-DD", q->birth_date);
		out->has_birth = 1;
	}
	if (q->country && *q->country) {
		const char *code = cm_country_code(q->country);
		if (!code)
			return cu_fail(CORDON_EINVALID, "country \"%s\" is not an ISO 3166 code or a known country name",
			               q->country);
		memcpy(out->country, code, 3);
	}
	for (size_t i = 0; i < q->identifier_count && out->id_count < 8; i++) {
		const cordon_query_identifier *id = &q->identifiers[i];
		if (!id->value)
			return cu_fail(CORDON_EINVALID, "identifiers[%zu] has no value", i);
		if (cmatch_identifier_norm(id->value, out->ids[out->id_count], sizeof(out->ids[0])) < 4)
			return cu_fail(CORDON_EINVALID, "identifiers[%zu] \"%s\" is too short to identify anyone", i,
			               id->value);
		out->id_kind[out->id_count] = id->kind && *id->kind ? cordon_id_kind_parse(id->kind) : -1;
		if (id->kind && *id->kind && out->id_kind[out->id_count] < 0)
			return cu_fail(CORDON_EINVALID, "identifiers[%zu] kind \"%s\" is unknown", i, id->kind);
		out->id_count++;
	}
	return 0;
}

int cmatch_facts_any(const cmatch_facts *f)
{
	return f->has_birth || f->country[0] || f->id_count;
}

static long day_number(int y, int m, int d)
{
	return (long)y * 372 + (long)(m - 1) * 31 + (d - 1); /* monotonic, enough for comparisons */
}

/* Gap in days between two date intervals, 0 when they overlap; circa widens a date by a year. */
static long gap_days(const cordon_date *a, const cordon_date *b)
{
	long widen = (a->circa || b->circa) ? 372 : 0;
	long as = day_number(a->year, a->month, a->day) - widen, ae = day_number(a->end_year, a->end_month, a->end_day) + widen;
	long bs = day_number(b->year, b->month, b->day), be = day_number(b->end_year, b->end_month, b->end_day);
	if (ae < bs)
		return bs - ae;
	if (be < as)
		return as - be;
	return 0;
}

double cmatch_birth_contribution(const cmatch_facts *f, const cordon_entity *e, char *detail, size_t size)
{
	double best = -1.0;
	int seen = 0;
	char qbuf[48], ebuf[48], best_e[48] = "";
	if (!f->has_birth)
		return 0.0;
	cm_date_format(&f->birth, qbuf, sizeof(qbuf));
	for (size_t i = 0; i < e->birth_date_count; i++) {
		const cordon_date *d = &e->birth_dates[i];
		if (d->precision == CORDON_DATE_TEXT || d->precision == CORDON_DATE_NONE)
			continue;
		seen = 1;
		long gap = gap_days(&f->birth, d);
		double c;
		if (gap == 0)
			c = (f->birth.precision == CORDON_DATE_DAY && d->precision == CORDON_DATE_DAY) ? BIRTH_SAME_DAY
			                                                                               : BIRTH_COMPATIBLE;
		else
			c = gap <= 372 ? BIRTH_ONE_YEAR_OFF : BIRTH_CONFLICT;
		if (c > best) {
			best = c;
			cm_date_format(d, ebuf, sizeof(ebuf));
			snprintf(best_e, sizeof(best_e), "%s", ebuf);
		}
	}
	if (!seen) {
		snprintf(detail, size, "no birth date listed");
		return 0.0;
	}
	snprintf(detail, size, "query %s, listed %s: %s", qbuf, best_e,
	         best > 0 ? "consistent" : best > BIRTH_CONFLICT ? "about a year apart" : "different years");
	return best;
}

static int has_country(const char *const *list, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], code) == 0)
			return 1;
	return 0;
}

double cmatch_country_contribution(const cmatch_facts *f, const cordon_entity *e, char *detail, size_t size)
{
	if (!f->country[0])
		return 0.0;
	size_t known = e->nationality_count + e->citizenship_count + e->country_count;
	int found = has_country(e->nationalities, e->nationality_count, f->country) ||
	            has_country(e->citizenships, e->citizenship_count, f->country) ||
	            has_country(e->countries, e->country_count, f->country);
	for (size_t i = 0; i < e->address_count; i++)
		if (e->addresses[i].country) {
			known++;
			found |= strcmp(e->addresses[i].country, f->country) == 0;
		}
	if (!known) {
		snprintf(detail, size, "no country listed");
		return 0.0;
	}
	snprintf(detail, size, "%s %s among the listed countries", f->country, found ? "is" : "is not");
	return found ? COUNTRY_MATCH : COUNTRY_MISMATCH;
}

int cmatch_identifier_match(const cmatch_facts *f, const cordon_entity *e, char *detail, size_t size)
{
	for (size_t k = 0; k < e->identifier_count; k++) {
		char norm[64];
		if (cmatch_identifier_norm(e->identifiers[k].value, norm, sizeof(norm)) < 4)
			continue;
		for (size_t i = 0; i < f->id_count; i++) {
			if (strcmp(norm, f->ids[i]) != 0)
				continue;
			if (f->id_kind[i] >= 0 && (int)e->identifiers[k].kind != f->id_kind[i] &&
			    e->identifiers[k].kind != CORDON_ID_OTHER)
				continue;
			snprintf(detail, size, "%s %s matches exactly", cordon_id_kind_name(e->identifiers[k].kind),
			         e->identifiers[k].value);
			return 1;
		}
	}
	return 0;
}
