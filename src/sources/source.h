/*
 * The contract every list reader follows. A reader streams one source (a
 * file, or the folder of a multi-file set), turns records into cm_entity
 * values and hands each to ctx->emit, which takes ownership. It never calls
 * the matcher and never writes files.
 *
 * Bad input policy, the same for all readers:
 *  - a missing, unreadable, empty or structurally unusable file is an error:
 *    return a negative code with the last error naming the file (and line);
 *  - a malformed record is skipped and counted (stats.skipped_rows), with a
 *    warning naming file and line passed to ctx->warn;
 *  - a column, element or property the reader does not use is counted
 *    (stats.unknown_fields) once per occurrence, never fatal;
 *  - invalid UTF-8 inside a value is repaired (U+FFFD) by the model.
 */
#ifndef CSRC_SOURCE_H
#define CSRC_SOURCE_H

#include <stdint.h>

#include "model/collection.h"
#include "model/entity_build.h"
#include "util/error.h"

typedef struct {
	uint64_t rows;
	uint64_t skipped_rows;
	uint64_t unknown_fields;
	uint64_t bytes;
} csrc_stats;

/* Largest single field any reader accepts; longer ones make the record malformed. */
#define CSRC_MAX_FIELD (1u << 20)
/* Largest line any line-based reader accepts. */
#define CSRC_MAX_LINE (8u << 20)

typedef struct csrc_ctx {
	const char *dataset; /* prefix for entity ids */
	/* Takes ownership of ent (also on failure). Returns 0 or a negative code that aborts the read. */
	int (*emit)(struct csrc_ctx *ctx, cm_entity *ent);
	/* Removes a previously emitted entity by full id (FtM DEL); may be NULL. */
	void (*remove)(struct csrc_ctx *ctx, const char *id);
	/* A skipped record or other recoverable problem; message names file and line. */
	void (*warn)(struct csrc_ctx *ctx, const char *message);
	/* Each file the reader opens, for provenance (hash, size, publication date if the file states one). */
	void (*file_seen)(struct csrc_ctx *ctx, const char *path, const char *file_date);
	void *payload;
	csrc_stats stats;
} csrc_ctx;

/* Formats a message and passes it to ctx->warn (if set). */
void csrc_warn(csrc_ctx *ctx, const char *fmt, ...) CU_PRINTF(2, 3);

/* Reports a file the reader opened (if ctx->file_seen is set). */
void csrc_file_seen(csrc_ctx *ctx, const char *path, const char *file_date);

typedef int (*csrc_read_fn)(csrc_ctx *ctx, const char *path);

typedef struct {
	const char *format;          /* "ofac-csv", ... */
	const char *default_dataset; /* dataset name that implies this format, or NULL */
	csrc_read_fn read;
	const char *description;
} csrc_format;

/* The registry of readers (sources/registry.c); NULL when the format is unknown. */
const csrc_format *csrc_find_format(const char *format);
const csrc_format *csrc_format_for_dataset(const char *dataset);
const csrc_format *csrc_formats(size_t *count);

/*
 * Runs the reader of format (NULL: the dataset's default) on path, putting
 * entities into coll and counting into *stats (may be NULL). warn receives
 * warnings (may be NULL). Used by the snapshot build and by reader tests.
 */
int csrc_run(const char *format, const char *dataset, const char *path, cm_collection *coll,
             csrc_stats *stats, void (*warn)(csrc_ctx *ctx, const char *message));

/* Readers, one per format (one file each under src/sources/). */
int csrc_read_ofac_csv(csrc_ctx *ctx, const char *path);
int csrc_read_un_xml(csrc_ctx *ctx, const char *path);
int csrc_read_us_csl(csrc_ctx *ctx, const char *path);
int csrc_read_bis_dpl(csrc_ctx *ctx, const char *path);
int csrc_read_ftm(csrc_ctx *ctx, const char *path);
int csrc_read_eu_fsf(csrc_ctx *ctx, const char *path);
int csrc_read_uk_ofsi(csrc_ctx *ctx, const char *path);
int csrc_read_uk_sl(csrc_ctx *ctx, const char *path);

#endif
