#include "match/scorer.h"

#include <string.h>

/* Below this a token pair is not considered the same word. */
#define TOKEN_MATCH_FLOOR 0.80
/* Weight kept by tokens left unmatched: a listed name's extra tokens cost less than the query's. */
#define UNMATCHED_CANDIDATE_WEIGHT 0.15
#define UNMATCHED_QUERY_WEIGHT 0.25

void cmatch_tokenize(const char *s, cmatch_tokens *out)
{
	out->count = 0;
	out->total_len = 0;
	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		const char *start = s;
		while (*s && *s != ' ')
			s++;
		size_t len = (size_t)(s - start);
		if (out->count < CMATCH_MAX_TOKENS) {
			out->start[out->count] = start;
			out->len[out->count] = (unsigned char)(len > 255 ? 255 : len);
			out->total_len += out->len[out->count];
			out->count++;
		}
	}
}

double cmatch_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen == 0 || blen == 0)
		return alen == blen ? 1.0 : 0.0;
	if (alen == blen && memcmp(a, b, alen) == 0)
		return 1.0;
	if (alen > 255 || blen > 255)
		return 0.0;
	unsigned char amatch[256] = {0}, bmatch[256] = {0};
	size_t window = (alen > blen ? alen : blen) / 2;
	window = window ? window - 1 : 0;
	size_t matches = 0;
	for (size_t i = 0; i < alen; i++) {
		size_t lo = i > window ? i - window : 0;
		size_t hi = i + window + 1 < blen ? i + window + 1 : blen;
		for (size_t j = lo; j < hi; j++) {
			if (!bmatch[j] && a[i] == b[j]) {
				amatch[i] = bmatch[j] = 1;
				matches++;
				break;
			}
		}
	}
	if (!matches)
		return 0.0;
	size_t transpositions = 0, k = 0;
	for (size_t i = 0; i < alen; i++) {
		if (!amatch[i])
			continue;
		while (!bmatch[k])
			k++;
		if (a[i] != b[k])
			transpositions++;
		k++;
	}
	double m = (double)matches;
	double jaro = (m / (double)alen + m / (double)blen + (m - (double)transpositions / 2.0) / m) / 3.0;
	size_t prefix = 0;
	while (prefix < 4 && prefix < alen && prefix < blen && a[prefix] == b[prefix])
		prefix++;
	return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

static double token_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
	/* An initial matches the word it abbreviates, but weakly. */
	if ((alen == 1 || blen == 1) && a[0] == b[0])
		return alen == blen ? 1.0 : 0.9;
	double s = cmatch_jaro_winkler(a, alen, b, blen);
	return s >= TOKEN_MATCH_FLOOR ? s : 0.0;
}

double cmatch_score_tokens(const cmatch_tokens *q, const cmatch_tokens *c)
{
	if (q->count == 0 || c->count == 0)
		return 0.0;
	double sim[CMATCH_MAX_TOKENS][CMATCH_MAX_TOKENS];
	for (size_t i = 0; i < q->count; i++)
		for (size_t j = 0; j < c->count; j++)
			sim[i][j] = token_similarity(q->start[i], q->len[i], c->start[j], c->len[j]);
	/* Greedy alignment: take the best remaining pair until none is left. */
	unsigned char qused[CMATCH_MAX_TOKENS] = {0}, cused[CMATCH_MAX_TOKENS] = {0};
	double matched = 0.0, weight = 0.0;
	for (;;) {
		double best = 0.0;
		size_t bi = 0, bj = 0;
		for (size_t i = 0; i < q->count; i++)
			for (size_t j = 0; j < c->count; j++)
				if (!qused[i] && !cused[j] && sim[i][j] > best) {
					best = sim[i][j];
					bi = i;
					bj = j;
				}
		if (best <= 0.0)
			break;
		qused[bi] = cused[bj] = 1;
		size_t ql = q->len[bi], cl = c->len[bj];
		if (ql == 1 || cl == 1) {
			/* an initial stands for one letter of the word: the rest of the word is unmatched */
			matched += best * 2.0;
			weight += 2.0 + (ql > 1 ? UNMATCHED_QUERY_WEIGHT * 2.0 * (double)(ql - 1) : 0.0) +
			          (cl > 1 ? UNMATCHED_CANDIDATE_WEIGHT * 2.0 * (double)(cl - 1) : 0.0);
			continue;
		}
		double w = (double)(ql + cl);
		matched += best * w;
		weight += w;
	}
	for (size_t i = 0; i < q->count; i++)
		if (!qused[i])
			weight += UNMATCHED_QUERY_WEIGHT * 2.0 * q->len[i];
	for (size_t j = 0; j < c->count; j++)
		if (!cused[j])
			weight += UNMATCHED_CANDIDATE_WEIGHT * 2.0 * c->len[j];
	return weight > 0.0 ? matched / weight : 0.0;
}

/* Names written with and without spaces ("Al Qaida", "Alqaida") compare as one string too. */
static double joined_similarity(const cmatch_tokens *q, const cmatch_tokens *c)
{
	char a[256], b[256];
	size_t al = 0, bl = 0;
	for (size_t i = 0; i < q->count && al + q->len[i] < sizeof(a); i++) {
		memcpy(a + al, q->start[i], q->len[i]);
		al += q->len[i];
	}
	for (size_t j = 0; j < c->count && bl + c->len[j] < sizeof(b); j++) {
		memcpy(b + bl, c->start[j], c->len[j]);
		bl += c->len[j];
	}
	return cmatch_jaro_winkler(a, al, b, bl);
}

double cmatch_score_names(const char *query_norm, const char *candidate_norm)
{
	cmatch_tokens q, c;
	cmatch_tokenize(query_norm, &q);
	cmatch_tokenize(candidate_norm, &c);
	double s = cmatch_score_tokens(&q, &c);
	if (s < 0.95 && (q.count != c.count)) {
		double j = joined_similarity(&q, &c);
		if (j >= 0.95)
			s = s > j * 0.97 ? s : j * 0.97;
	}
	return s;
}
