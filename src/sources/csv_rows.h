/*
 * Delimited files through libcsv, one record at a time, with the line the
 * record starts on (for error messages) and limits on field and record size.
 * Input is fed line by line, so quoted fields may still span lines.
 */
#ifndef CSRC_CSV_ROWS_H
#define CSRC_CSV_ROWS_H

#include <stddef.h>

#include "sources/source.h"

typedef struct {
	char **fields;   /* NUL-terminated, not cleaned */
	size_t *lengths;
	size_t count;
	unsigned long line; /* 1-based line where the record starts */
	const char *path;
} csrc_row;

/* Return 0 to continue, >0 to stop early without error, <0 to abort with that code. */
typedef int (*csrc_row_fn)(const csrc_row *row, void *payload);

typedef struct {
	char delimiter;   /* ',' or '\t' or ';' */
	int strip_bom;    /* drop a leading UTF-8 BOM */
	/* records never span lines (OFAC, BIS, trade.gov): a line that ends inside a quoted field
	 * is malformed and skipped alone, instead of swallowing the lines after it */
	int single_line;
} csrc_csv_options;

/*
 * Reads path, calling on_row for every record (blank lines are skipped).
 * Records whose fields exceed CSRC_MAX_FIELD are skipped with a warning and
 * counted in ctx->stats.skipped_rows. Returns 0 or a negative code.
 */
int csrc_csv_read(csrc_ctx *ctx, const char *path, const csrc_csv_options *options, csrc_row_fn on_row,
                  void *payload);

/* Index of a header column by name (ASCII case-insensitive, trimmed), or -1. */
int csrc_csv_column(const csrc_row *header, const char *name);

/* 1 when the value is empty or OFAC's null marker "-0-" (after trimming). */
int csrc_is_null(const char *value);

#endif
