/* Placeholder until the reader lands; fails loudly instead of reading nothing. */
#include "sources/source.h"
#include "util/error.h"

int csrc_read_ftm(csrc_ctx *ctx, const char *path)
{
	(void)ctx;
	return cu_fail(CORDON_ERROR, "%s: the ftm reader is not implemented yet", path);
}
