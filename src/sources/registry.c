#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cordon/snapshot.h"
#include "sources/source.h"
#include "util/error.h"

static const csrc_format formats[] = {
	{"ofac-csv", "ofac-sdn", csrc_read_ofac_csv,
	 "OFAC legacy CSV set (sdn/add/alt/sdn_comments or cons_prim/cons_add/cons_alt/cons_comments)"},
	{"ofac-csv", "ofac-cons", csrc_read_ofac_csv, NULL},
	{"un-xml", "un", csrc_read_un_xml, "UN Security Council consolidated list XML"},
	{"us-csl", "us-csl", csrc_read_us_csl, "US trade.gov Consolidated Screening List CSV (both layouts)"},
	{"bis-dpl", "us-dpl", csrc_read_bis_dpl, "BIS Denied Persons List, tab-separated"},
	{"ftm", "os", csrc_read_ftm, "OpenSanctions FollowTheMoney JSON lines, with delta files"},
	{"eu-fsf", "eu-fsf", csrc_read_eu_fsf, "EU Financial Sanctions File XML 1.1"},
	{"uk-ofsi", "uk-ofsi", csrc_read_uk_ofsi, "UK OFSI ConList.csv (retired January 2026)"},
	{"uk-sl", "uk-sl", csrc_read_uk_sl, "UK Sanctions List CSV (FCDO)"},
};
#define FORMAT_COUNT (sizeof(formats) / sizeof(*formats))

const csrc_format *csrc_find_format(const char *format)
{
	for (size_t i = 0; i < FORMAT_COUNT; i++)
		if (format && strcmp(formats[i].format, format) == 0)
			return &formats[i];
	return NULL;
}

const csrc_format *csrc_format_for_dataset(const char *dataset)
{
	for (size_t i = 0; i < FORMAT_COUNT; i++)
		if (dataset && formats[i].default_dataset && strcmp(formats[i].default_dataset, dataset) == 0)
			return &formats[i];
	return NULL;
}

const csrc_format *csrc_formats(size_t *count)
{
	*count = FORMAT_COUNT;
	return formats;
}

const char *cordon_source_default_format(const char *dataset)
{
	const csrc_format *f = csrc_format_for_dataset(dataset);
	return f ? f->format : NULL;
}

const char *const *cordon_source_formats(void)
{
	static const char *const names[] = {"ofac-csv", "un-xml", "us-csl", "bis-dpl", "ftm",
	                                    "eu-fsf",   "uk-ofsi", "uk-sl", NULL};
	return names;
}

void csrc_warn(csrc_ctx *ctx, const char *fmt, ...)
{
	if (!ctx->warn)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ctx->warn(ctx, msg);
}

void csrc_file_seen(csrc_ctx *ctx, const char *path, const char *file_date)
{
	if (ctx->file_seen)
		ctx->file_seen(ctx, path, file_date);
}

static int collect_emit(csrc_ctx *ctx, cm_entity *ent)
{
	return cm_collection_put(ctx->payload, ent);
}

static void collect_remove(csrc_ctx *ctx, const char *id)
{
	cm_collection_remove(ctx->payload, id);
}

int csrc_run(const char *format, const char *dataset, const char *path, cm_collection *coll, csrc_stats *stats,
             void (*warn)(csrc_ctx *ctx, const char *message))
{
	const csrc_format *f = format ? csrc_find_format(format) : csrc_format_for_dataset(dataset);
	if (!f)
		return cu_fail(CORDON_EINVALID, "unknown list format \"%s\" for dataset \"%s\"", format ? format : "",
		               dataset);
	csrc_ctx ctx = {.dataset = dataset, .emit = collect_emit, .remove = collect_remove, .warn = warn,
	                .payload = coll};
	int rc = f->read(&ctx, path);
	if (stats)
		*stats = ctx.stats;
	return rc;
}
