/* Screening and pairwise comparison through the public API. */
#include <stdlib.h>
#include <string.h>

#include "lib/internal.h"
#include "match/screen.h"
#include "util/arena.h"
#include "util/error.h"

static int check_query(const cordon_snapshot *snapshot, const cordon_query *query, cordon_results *out)
{
	if (!snapshot || !query || !out)
		return cu_fail(CORDON_EINVALID, "cordon_screen: missing argument");
	memset(out, 0, sizeof(*out));
	if (query->version != CORDON_QUERY_VERSION)
		return cu_fail(CORDON_EINVALID, "cordon_screen: query version %u, expected %u", query->version,
		               CORDON_QUERY_VERSION);
	if (!(query->threshold >= 0.0 && query->threshold <= 1.0))
		return cu_fail(CORDON_EINVALID, "threshold must be between 0 and 1");
	if (query->identifier_count && !query->identifiers)
		return cu_fail(CORDON_EINVALID, "identifier_count without identifiers");
	return 0;
}

int cordon_screen(const cordon_snapshot *snapshot, const cordon_query *query, cordon_results *out)
{
	int rc = check_query(snapshot, query, out);
	if (!rc)
		rc = cmatch_screen(&snapshot->index, query, 0, out);
	if (rc)
		cordon_results_dispose(out);
	return rc;
}

int cordon_screen_exhaustive(const cordon_snapshot *snapshot, const cordon_query *query, cordon_results *out)
{
	int rc = check_query(snapshot, query, out);
	if (!rc)
		rc = cmatch_screen(&snapshot->index, query, 1, out);
	if (rc)
		cordon_results_dispose(out);
	return rc;
}

void cordon_results_dispose(cordon_results *results)
{
	if (!results)
		return;
	free(results->matches);
	if (results->internal) {
		cu_arena_dispose(results->internal);
		free(results->internal);
	}
	memset(results, 0, sizeof(*results));
}

int cordon_compare(const char *name1, const char *name2, double *score_out)
{
	if (!name1 || !name2 || !score_out)
		return cu_fail(CORDON_EINVALID, "cordon_compare needs two names");
	return cmatch_compare(name1, name2, score_out);
}
