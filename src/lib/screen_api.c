/* Screening and pairwise comparison through the public API. */
#include <stdlib.h>
#include <string.h>

#include "lib/internal.h"
#include "match/scorer.h"
#include "text/normalize.h"
#include "util/error.h"

int cordon_screen(const cordon_snapshot *snapshot, const cordon_query *query, cordon_results *out)
{
	if (!snapshot || !query || !out)
		return cu_fail(CORDON_EINVALID, "cordon_screen: missing argument");
	if (query->version != CORDON_QUERY_VERSION)
		return cu_fail(CORDON_EINVALID, "cordon_screen: query version %u, expected %u", query->version,
		               CORDON_QUERY_VERSION);
	if (!(query->threshold >= 0.0 && query->threshold <= 1.0))
		return cu_fail(CORDON_EINVALID, "threshold must be between 0 and 1");
	return cmatch_screen(&snapshot->index, query, out);
}

void cordon_results_dispose(cordon_results *results)
{
	if (!results)
		return;
	free(results->matches);
	memset(results, 0, sizeof(*results));
}

int cordon_compare(const char *name1, const char *name2, double *score_out)
{
	if (!name1 || !name2 || !score_out)
		return cu_fail(CORDON_EINVALID, "cordon_compare needs two names");
	cu_buf a, b;
	cu_buf_init(&a, 1 << 16);
	cu_buf_init(&b, 1 << 16);
	int rc = ct_normalize(name1, strlen(name1), &a);
	if (!rc)
		rc = ct_normalize(name2, strlen(name2), &b);
	if (!rc)
		/* neither name is "the query" here, so weigh unmatched tokens the same on both sides */
		*score_out = (a.len && b.len) ? (cmatch_score_names(a.data, b.data) + cmatch_score_names(b.data, a.data)) / 2
		                              : 0.0;
	cu_buf_dispose(&a);
	cu_buf_dispose(&b);
	return rc;
}
