#include "sources/csv_rows.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/input.h"
#include "util/strutil.h"

typedef struct {
	csrc_ctx *ctx;
	csrc_row row;
	size_t cap;
	size_t oversized;    /* 1-based number of the first field of this record over the limit, else 0 */
	unsigned long next_line; /* line the next record starts on */
	unsigned long line_no;   /* line being fed */
	csrc_row_fn on_row;
	void *payload;
	int stop; /* >0 stop, <0 error */
} csv_state;

static void clear_row(csv_state *st)
{
	for (size_t i = 0; i < st->row.count; i++)
		free(st->row.fields[i]);
	st->row.count = 0;
	st->oversized = 0;
}

static void on_field(void *data, size_t len, void *payload)
{
	csv_state *st = payload;
	if (st->stop)
		return;
	if (len > CSRC_MAX_FIELD) {
		if (!st->oversized)
			st->oversized = st->row.count + 1;
		len = 0;
	}
	if (st->row.count == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 32;
		char **f = realloc(st->row.fields, cap * sizeof(*f));
		size_t *l = f ? realloc(st->row.lengths, cap * sizeof(*l)) : NULL;
		if (!f || !l) {
			if (f)
				st->row.fields = f;
			st->stop = CORDON_ENOMEM;
			return;
		}
		st->row.fields = f;
		st->row.lengths = l;
		st->cap = cap;
	}
	char *copy = cu_strndup(data ? data : "", data ? len : 0);
	if (!copy) {
		st->stop = CORDON_ENOMEM;
		return;
	}
	st->row.fields[st->row.count] = copy;
	st->row.lengths[st->row.count] = data ? len : 0;
	st->row.count++;
}

static void on_record(int terminator, void *payload)
{
	csv_state *st = payload;
	st->row.line = st->next_line;
	st->next_line = st->line_no + 1;
	if (st->stop) {
		clear_row(st);
		return;
	}
	int blank = st->row.count == 0 || (st->row.count == 1 && st->row.lengths[0] == 0);
	if (blank) {
		clear_row(st);
		return;
	}
	st->ctx->stats.rows++;
	if (st->oversized) {
		st->ctx->stats.skipped_rows++;
		csrc_warn(st->ctx, "%s:%lu: field %zu longer than %u bytes, record skipped", st->row.path, st->row.line,
		          st->oversized, CSRC_MAX_FIELD);
	} else {
		int rc = st->on_row(&st->row, st->payload);
		if (rc)
			st->stop = rc;
	}
	clear_row(st);
}

/*
 * libcsv grows its field buffer by blk_size (128 bytes by default) at a time:
 * a field of megabytes then costs tens of thousands of reallocs, each
 * copying the whole field with allocators that do not remap (minutes under
 * ASan for an unbalanced quote swallowing the file). Bigger steps bound that.
 */
#define CSV_BLOCK ((size_t)1 << 16)

static int start_parser(struct csv_parser *parser, const csrc_csv_options *options)
{
	if (csv_init(parser, 0) != 0)
		return -1;
	csv_set_delim(parser, (unsigned char)options->delimiter);
	csv_set_blk_size(parser, CSV_BLOCK);
	return 0;
}

int csrc_csv_read(csrc_ctx *ctx, const char *path, const csrc_csv_options *options, csrc_row_fn on_row,
                  void *payload)
{
	cu_input *in;
	int rc = cu_input_open(&in, path);
	if (rc)
		return rc;
	struct csv_parser parser;
	if (start_parser(&parser, options) != 0) {
		cu_input_close(in);
		return cu_fail(CORDON_ENOMEM, "%s: cannot start CSV parser", path);
	}
	csv_state st = {.ctx = ctx, .on_row = on_row, .payload = payload, .next_line = 1};
	st.row.path = path;
	cu_buf line;
	cu_buf_init(&line, CSRC_MAX_LINE);
	size_t record_bytes = 0;
	while (!st.stop) {
		rc = cu_input_line(in, &line);
		if (rc == 0)
			break;
		st.line_no = cu_input_line_number(in);
		if (rc == CORDON_ELIMIT) {
			/* Drop what was parsed of this record and start afresh after the long line. */
			ctx->stats.rows++;
			ctx->stats.skipped_rows++;
			csrc_warn(ctx, "%s", cordon_last_error());
			csv_free(&parser);
			if (start_parser(&parser, options) != 0) {
				st.stop = cu_fail(CORDON_ENOMEM, "%s: cannot start CSV parser", path);
				break;
			}
			clear_row(&st);
			st.next_line = st.line_no + 1;
			record_bytes = 0;
			continue;
		}
		if (rc < 0) {
			st.stop = rc;
			break;
		}
		const char *data = line.data;
		size_t len = line.len;
		if (st.line_no == 1 && options->strip_bom && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
			data += 3;
			len -= 3;
		}
		if (len == 0 && record_bytes == 0) {
			st.next_line = st.line_no + 1;
			continue;
		}
		record_bytes += len + 1;
		if (record_bytes > CSRC_MAX_LINE) {
			/* An unterminated quote swallowing the file: report it where it started. */
			csv_fini(&parser, NULL, NULL, NULL);
			csv_free(&parser);
			cu_buf_dispose(&line);
			cu_input_close(in);
			clear_row(&st);
			free(st.row.fields);
			free(st.row.lengths);
			return cu_fail(CORDON_EPARSE, "%s:%lu: record longer than %u bytes (unbalanced quote?)", path,
			               st.next_line, CSRC_MAX_LINE);
		}
		if (csv_parse(&parser, data, len, on_field, on_record, &st) != len ||
		    csv_parse(&parser, "\n", 1, on_field, on_record, &st) != 1) {
			st.stop = cu_fail(CORDON_EPARSE, "%s:%lu: %s", path, st.line_no, csv_strerror(csv_error(&parser)));
			break;
		}
		if (options->single_line && parser.pstate != 0) {
			/* still inside a quoted field at the end of the line: an unbalanced quote */
			ctx->stats.rows++;
			ctx->stats.skipped_rows++;
			csrc_warn(ctx, "%s:%lu: unbalanced quote, record skipped", path, st.line_no);
			csv_free(&parser);
			if (start_parser(&parser, options) != 0) {
				st.stop = cu_fail(CORDON_ENOMEM, "%s: cannot start CSV parser", path);
				break;
			}
			clear_row(&st);
			st.next_line = st.line_no + 1;
		}
		if (st.next_line == st.line_no + 1)
			record_bytes = 0;
	}
	if (!st.stop)
		csv_fini(&parser, on_field, on_record, &st);
	csv_free(&parser);
	cu_buf_dispose(&line);
	cu_input_close(in);
	clear_row(&st);
	free(st.row.fields);
	free(st.row.lengths);
	return st.stop < 0 ? st.stop : 0;
}

int csrc_csv_column(const csrc_row *header, const char *name)
{
	for (size_t i = 0; i < header->count; i++) {
		char *h = header->fields[i];
		size_t len = header->lengths[i];
		/* tolerate a BOM and spaces around header names */
		if (len >= 3 && memcmp(h, "\xEF\xBB\xBF", 3) == 0) {
			h += 3;
			len -= 3;
		}
		while (len && (*h == ' ' || *h == '"')) {
			h++;
			len--;
		}
		while (len && (h[len - 1] == ' ' || h[len - 1] == '"'))
			len--;
		if (len == strlen(name) && cu_ascii_ncasecmp(h, name, len) == 0)
			return (int)i;
	}
	return -1;
}

int csrc_is_null(const char *value)
{
	if (!value)
		return 1;
	while (*value == ' ')
		value++;
	if (!*value)
		return 1;
	if (strncmp(value, "-0-", 3) == 0) {
		const char *p = value + 3;
		while (*p == ' ')
			p++;
		return *p == '\0';
	}
	return 0;
}
