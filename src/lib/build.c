/* cordon_snapshot_build: every source through its reader into one collection, then one snapshot file. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cordon/snapshot.h"
#include "lib/internal.h"
#include "match/index_build.h"
#include "model/collection.h"
#include "snapshot/container.h"
#include "snapshot/snapshot.h"
#include "sources/source.h"
#include "util/error.h"
#include "util/sha256.h"
#include "util/strutil.h"

typedef struct {
	char *path;
	char sha256[65];
	unsigned long long bytes;
	time_t mtime;
} seen_file;

/* What one source line contributed; becomes a cordon_source_stats and a META entry. */
typedef struct {
	const cordon_source *source;
	seen_file *files;
	size_t file_count;
	char stated_date[11]; /* publication date given inside the file, if any */
	csrc_stats stats;
	uint64_t entities;
} source_record;

typedef struct {
	csrc_ctx ctx; /* first, so the reader callbacks can recover the build */
	cm_collection coll;
	source_record *current;
	const cordon_build_options *options;
	int failed;
} build_state;

static int on_emit(csrc_ctx *ctx, cm_entity *ent)
{
	build_state *b = (build_state *)ctx;
	b->current->entities++;
	return cm_collection_put(&b->coll, ent);
}

static void on_remove(csrc_ctx *ctx, const char *id)
{
	cm_collection_remove(&((build_state *)ctx)->coll, id);
}

static void on_warn(csrc_ctx *ctx, const char *message)
{
	build_state *b = (build_state *)ctx;
	if (b->options && b->options->on_warning)
		b->options->on_warning(message, b->options->payload);
}

static void on_file_seen(csrc_ctx *ctx, const char *path, const char *file_date)
{
	build_state *b = (build_state *)ctx;
	source_record *r = b->current;
	seen_file *files = realloc(r->files, (r->file_count + 1) * sizeof(*files));
	if (!files) {
		b->failed = CORDON_ENOMEM;
		return;
	}
	r->files = files;
	seen_file *f = &files[r->file_count];
	memset(f, 0, sizeof(*f));
	f->path = cu_strdup(path);
	struct stat st;
	if (stat(path, &st) == 0)
		f->mtime = st.st_mtime;
	if (cu_sha256_file(path, f->sha256, &f->bytes) != 0)
		b->failed = CORDON_EIO;
	r->file_count++;
	if (file_date && strlen(file_date) == 10)
		memcpy(r->stated_date, file_date, 11);
}

static void free_records(source_record *records, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		for (size_t f = 0; f < records[i].file_count; f++)
			free(records[i].files[f].path);
		free(records[i].files);
	}
	free(records);
}

/* One hash for a source of several files: SHA-256 over "sha256  path" lines, as sha256sum prints them. */
static void source_digest(const source_record *r, char out[65])
{
	if (r->file_count == 1) {
		memcpy(out, r->files[0].sha256, 65);
		return;
	}
	cu_sha256 *h = cu_sha256_new();
	if (!h) {
		out[0] = '\0';
		return;
	}
	for (size_t i = 0; i < r->file_count; i++) {
		const char *base = strrchr(r->files[i].path, '/');
		base = base ? base + 1 : r->files[i].path;
		cu_sha256_update(h, r->files[i].sha256, 64);
		cu_sha256_update(h, "  ", 2);
		cu_sha256_update(h, base, strlen(base));
		cu_sha256_update(h, "\n", 1);
	}
	cu_sha256_finish(h, out);
}

static void fill_stats(const source_record *r, cordon_source_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->dataset = r->source->dataset;
	st->path = r->source->path;
	source_digest(r, st->sha256);
	time_t newest = 0;
	for (size_t i = 0; i < r->file_count; i++) {
		st->bytes += r->files[i].bytes;
		if (r->files[i].mtime > newest)
			newest = r->files[i].mtime;
	}
	st->rows = r->stats.rows;
	st->skipped_rows = r->stats.skipped_rows;
	st->unknown_fields = r->stats.unknown_fields;
	st->entities = r->entities;
	if (r->stated_date[0]) {
		memcpy(st->file_date, r->stated_date, 11);
	} else if (newest) {
		struct tm tm;
		gmtime_r(&newest, &tm);
		strftime(st->file_date, sizeof(st->file_date), "%Y-%m-%d", &tm);
	}
}

static json_t *meta_json(const source_record *records, size_t count)
{
	json_t *sources = json_array();
	for (size_t i = 0; i < count; i++) {
		cordon_source_stats st;
		fill_stats(&records[i], &st);
		json_t *files = json_array();
		for (size_t f = 0; f < records[i].file_count; f++)
			json_array_append_new(files, json_pack("{s:s,s:s,s:I}", "path", records[i].files[f].path, "sha256",
			                                       records[i].files[f].sha256, "bytes",
			                                       (json_int_t)records[i].files[f].bytes));
		json_array_append_new(
			sources, json_pack("{s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:s,s:o}", "dataset", st.dataset, "format",
		                           records[i].source->format ? records[i].source->format : "", "path", st.path,
		                           "sha256", st.sha256, "bytes", (json_int_t)st.bytes, "rows", (json_int_t)st.rows,
		                           "skipped_rows", (json_int_t)st.skipped_rows, "unknown_fields",
		                           (json_int_t)st.unknown_fields, "entities", (json_int_t)st.entities,
		                           "file_date", st.file_date, "files", files));
	}
	return json_pack("{s:i,s:s,s:o}", "format_version", (int)CSNAP_FORMAT_VERSION, "cordon_version",
	                 cordon_version(), "sources", sources);
}

static int read_sources(build_state *b, const cordon_source *sources, size_t count, source_record *records)
{
	for (size_t i = 0; i < count; i++) {
		const cordon_source *src = &sources[i];
		const csrc_format *f = src->format ? csrc_find_format(src->format) : csrc_format_for_dataset(src->dataset);
		if (!f)
			return cu_fail(CORDON_EINVALID, "source %s: unknown format \"%s\" (known: ofac-csv, un-xml, us-csl, "
			               "bis-dpl, ftm, eu-fsf, uk-ofsi, uk-sl)", src->dataset, src->format ? src->format : "");
		records[i].source = src;
		b->current = &records[i];
		b->ctx.dataset = src->dataset;
		memset(&b->ctx.stats, 0, sizeof(b->ctx.stats));
		int rc = f->read(&b->ctx, src->path);
		records[i].stats = b->ctx.stats;
		if (rc)
			return rc;
		if (b->failed)
			return b->failed;
	}
	return 0;
}

int clib_write_snapshot(const cordon_entity *const *list, size_t n, const char *meta, const char *out_path,
                        unsigned threads)
{
	csnap_builder builder;
	csnap_builder_init(&builder);
	cmatch_sections index;
	memset(&index, 0, sizeof(index));
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++)
		rc = csnap_builder_add(&builder, list[i]);
	if (!rc)
		rc = cmatch_index_build(list, n, &builder.strings, threads, &index);
	csnap_writer w;
	if (!rc)
		rc = csnap_writer_open(&w, out_path);
	if (!rc) {
		rc = csnap_writer_add(&w, CSNAP_SEC_META, meta, strlen(meta));
		if (!rc)
			rc = csnap_builder_write(&builder, &w);
		if (!rc)
			rc = cmatch_sections_write(&index, &w);
		if (!rc)
			rc = csnap_writer_commit(&w);
		else
			csnap_writer_abort(&w);
	}
	cmatch_sections_dispose(&index);
	csnap_builder_dispose(&builder);
	return rc;
}

static int write_snapshot(build_state *b, const source_record *records, size_t count, const char *out_path)
{
	size_t n = 0;
	const cordon_entity **list = malloc((b->coll.live ? b->coll.live : 1) * sizeof(*list));
	if (!list)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	for (size_t i = 0; i < b->coll.count; i++)
		if (b->coll.items[i])
			list[n++] = &b->coll.items[i]->e;
	json_t *m = meta_json(records, count);
	char *meta = json_dumps(m, JSON_COMPACT);
	json_decref(m);
	int rc = meta ? clib_write_snapshot(list, n, meta, out_path, b->options ? b->options->threads : 0)
	              : cu_fail(CORDON_ENOMEM, "out of memory");
	free(meta);
	free(list);
	return rc;
}

int cordon_snapshot_build(const cordon_source *sources, size_t source_count, const char *out_path,
                          const cordon_build_options *options, cordon_source_stats **stats_out,
                          size_t *stats_count_out)
{
	if (!sources || !source_count || !out_path)
		return cu_fail(CORDON_EINVALID, "a build needs at least one source and an output path");
	build_state b;
	memset(&b, 0, sizeof(b));
	b.options = options;
	b.ctx.emit = on_emit;
	b.ctx.remove = on_remove;
	b.ctx.warn = on_warn;
	b.ctx.file_seen = on_file_seen;
	cm_collection_init(&b.coll);
	source_record *records = calloc(source_count, sizeof(*records));
	if (!records) {
		cm_collection_dispose(&b.coll);
		return cu_fail(CORDON_ENOMEM, "out of memory");
	}
	int rc = read_sources(&b, sources, source_count, records);
	if (!rc)
		rc = write_snapshot(&b, records, source_count, out_path);
	if (!rc && stats_out) {
		*stats_out = calloc(source_count, sizeof(**stats_out));
		if (*stats_out) {
			for (size_t i = 0; i < source_count; i++) {
				fill_stats(&records[i], &(*stats_out)[i]);
				(*stats_out)[i].dataset = cu_strdup(sources[i].dataset);
				(*stats_out)[i].path = cu_strdup(sources[i].path);
			}
			*stats_count_out = source_count;
		}
	}
	free_records(records, source_count);
	cm_collection_dispose(&b.coll);
	return rc;
}

void cordon_build_stats_free(cordon_source_stats *stats, size_t count)
{
	if (!stats)
		return;
	for (size_t i = 0; i < count; i++) {
		free((char *)stats[i].dataset);
		free((char *)stats[i].path);
	}
	free(stats);
}
