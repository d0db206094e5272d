/* sources/csv_rows: records, line numbers, and what an unbalanced quote may damage. */
#include "sources/csv_rows.h"
#include "test.h"

typedef struct {
	int rows;
	char first[8][32];
	unsigned long lines[8];
} seen;

static int on_row(const csrc_row *row, void *payload)
{
	seen *s = payload;
	if (s->rows < 8) {
		snprintf(s->first[s->rows], sizeof(s->first[0]), "%s", row->fields[0]);
		s->lines[s->rows] = row->line;
	}
	s->rows++;
	return 0;
}

static const char *write_tmp(const char *name, const char *text)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/%s", CORDON_TEST_TMP, name);
	FILE *f = fopen(path, "wb");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

static void test_single_line_records(void)
{
	const char *path = write_tmp("quote.csv", "a,1\r\n\"b,2\r\nc,3\r\nd,\"4\"\r\n");
	csrc_ctx ctx = {0};
	seen s = {0};
	csrc_csv_options opt = {',', 1, 1};
	CHECK_INT(csrc_csv_read(&ctx, path, &opt, on_row, &s), 0);
	CHECK_INT(s.rows, 3); /* the bad line alone is lost */
	CHECK_STR(s.first[1], "c");
	CHECK_INT(s.lines[1], 3);
	CHECK_INT(s.lines[2], 4);
	CHECK_INT(ctx.stats.skipped_rows, 1);
	/* without the option a quoted field may span lines: the quote runs on to the next quote */
	seen m = {0};
	csrc_ctx ctx2 = {0};
	opt.single_line = 0;
	CHECK_INT(csrc_csv_read(&ctx2, path, &opt, on_row, &m), 0);
	CHECK(m.rows < 3);
}

static void test_multi_line_field(void)
{
	const char *path = write_tmp("multi.csv", "id,note\n1,\"two\nlines\"\n2,plain\n");
	csrc_ctx ctx = {0};
	seen s = {0};
	csrc_csv_options opt = {',', 1, 0};
	CHECK_INT(csrc_csv_read(&ctx, path, &opt, on_row, &s), 0);
	CHECK_INT(s.rows, 3);
	CHECK_INT(s.lines[1], 2); /* the record starts on line 2 */
	CHECK_INT(s.lines[2], 4);
}

static char warning[1024];

static void on_warn(csrc_ctx *ctx, const char *message)
{
	(void)ctx;
	snprintf(warning, sizeof(warning), "%s", message);
}

/* A field over CSRC_MAX_FIELD skips its record with a warning naming file, line and field number. */
static void test_oversized_field_named(void)
{
	size_t big = CSRC_MAX_FIELD + 1;
	char *text = malloc(big + 64);
	REQUIRE(text != NULL);
	strcpy(text, "id,name,note\n1,");
	size_t n = strlen(text);
	memset(text + n, 'x', big);
	strcpy(text + n + big, ",n\n2,ok,n\n");
	const char *path = write_tmp("big-field.csv", text);
	free(text);
	csrc_ctx ctx = {.warn = on_warn};
	seen s = {0};
	csrc_csv_options opt = {',', 1, 1};
	CHECK_INT(csrc_csv_read(&ctx, path, &opt, on_row, &s), 0);
	CHECK_INT(s.rows, 2);
	CHECK_STR(s.first[1], "2");
	CHECK_INT(ctx.stats.skipped_rows, 1);
	CHECK(strstr(warning, "big-field.csv:2: field 2 longer than 1048576 bytes, record skipped") != NULL);
}

TEST_MAIN(test_single_line_records, test_multi_line_field, test_oversized_field_named)
