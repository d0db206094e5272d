/* util/: buffers with ceilings, text cleaning, hashing, line input, atomic files. */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "cordon/common.h"
#include "test.h"
#include "util/atomic_file.h"
#include "util/buf.h"
#include "util/input.h"
#include "util/sha256.h"
#include "util/strmap.h"
#include "util/strutil.h"

static void test_buf_limit(void)
{
	cu_buf b;
	cu_buf_init(&b, 8);
	CHECK_INT(cu_buf_puts(&b, "abcd"), 0);
	CHECK_INT(cu_buf_puts(&b, "efghi"), CORDON_ELIMIT);
	CHECK_STR(b.data, "abcd"); /* a failed append leaves the buffer unchanged */
	CHECK_INT(cu_buf_printf(&b, "%d", 1234), 0);
	CHECK_STR(b.data, "abcd1234");
	cu_buf_dispose(&b);
}

static void clean(const char *in, const char *expected, int expect_repair)
{
	char buf[256];
	int repaired = -1;
	size_t n = cu_clean_text_to(in, strlen(in), buf, &repaired);
	CHECK_INT(n, strlen(expected));
	CHECK_STR(buf, expected);
	CHECK_INT(repaired, expect_repair);
}

static void test_clean_text_in_place(void)
{
	char buf[] = "  two\xFF  words ";
	int invalid = 0;
	size_t n = cu_clean_text(buf, strlen(buf), &invalid);
	CHECK_STR(buf, "two\xFF words"); /* invalid bytes stay for the model to repair */
	CHECK_INT(n, 10);
	CHECK_INT(invalid, 1);
}

static void test_clean_text(void)
{
	clean("  MADURO   MOROS,\tNicolas \r\n", "MADURO MOROS, Nicolas", 0);
	clean("A\xC2\xA0" "B\xE2\x80\xAF" "C", "A B C", 0);       /* NBSP and narrow NBSP */
	clean("HA\xC2\x92" "Assif", "HAAssif", 0);                /* C1 control from cp1252 mojibake */
	clean("Bad\xFF" "Byte", "Bad\xEF\xBF\xBD" "Byte", 1);       /* invalid byte -> U+FFFD */
	clean("\xD0\x9F\xD1\x80\xD0\xB8", "\xD0\x9F\xD1\x80\xD0\xB8", 0); /* Cyrillic kept */
	clean("   ", "", 0);
}

static void test_strmap(void)
{
	cu_strmap m;
	cu_strmap_init(&m);
	char key[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		CHECK_INT(cu_strmap_put(&m, key, (size_t)i), 0);
	}
	size_t v = 0;
	CHECK(cu_strmap_get(&m, "k4321", &v));
	CHECK_INT(v, 4321);
	CHECK(cu_strmap_remove(&m, "k4321"));
	CHECK(!cu_strmap_get(&m, "k4321", NULL));
	CHECK(cu_strmap_get(&m, "k4999", &v) && v == 4999);
	cu_strmap_dispose(&m);
}

static void test_sha256(void)
{
	char path[512], hex[65];
	snprintf(path, sizeof(path), "%s/sha_abc.txt", CORDON_TEST_TMP);
	FILE *f = fopen(path, "wb");
	REQUIRE(f);
	fputs("abc", f);
	fclose(f);
	unsigned long long bytes = 0;
	CHECK_INT(cu_sha256_file(path, hex, &bytes), 0);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	CHECK_INT(bytes, 3);
	CHECK_INT(cu_sha256_file("/nonexistent/file", hex, NULL), CORDON_ENOTFOUND);
}

static void test_input_lines_plain_and_gz(void)
{
	const char content[] = "one\r\ntwo\n\nthree\r\n\x1a";
	char plain[512], gzpath[512];
	snprintf(plain, sizeof(plain), "%s/lines.txt", CORDON_TEST_TMP);
	snprintf(gzpath, sizeof(gzpath), "%s/lines.txt.gz", CORDON_TEST_TMP);
	FILE *f = fopen(plain, "wb");
	REQUIRE(f);
	fwrite(content, 1, sizeof(content) - 1, f);
	fclose(f);
	gzFile gz = gzopen(gzpath, "wb");
	REQUIRE(gz);
	gzwrite(gz, content, sizeof(content) - 1);
	gzclose(gz);
	const char *paths[] = {plain, gzpath};
	for (int p = 0; p < 2; p++) {
		cu_input *in;
		REQUIRE(cu_input_open(&in, paths[p]) == 0);
		cu_buf line;
		cu_buf_init(&line, 1024);
		const char *expected[] = {"one", "two", "", "three", ""};
		int n = 0;
		while (cu_input_line(in, &line) == 1) {
			if (n < 5)
				CHECK_STR(line.data ? line.data : "", expected[n]);
			n++;
		}
		CHECK_INT(n, 5);
		CHECK_INT(cu_input_line_number(in), 5);
		cu_buf_dispose(&line);
		cu_input_close(in);
	}
}

static void test_input_long_line_and_truncated_gz(void)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/long.txt", CORDON_TEST_TMP);
	FILE *f = fopen(path, "wb");
	REQUIRE(f);
	for (int i = 0; i < 1000; i++)
		fputc('x', f);
	fputs("\nshort\n", f);
	fclose(f);
	cu_input *in;
	REQUIRE(cu_input_open(&in, path) == 0);
	cu_buf line;
	cu_buf_init(&line, 100);
	CHECK_INT(cu_input_line(in, &line), CORDON_ELIMIT);
	CHECK(strstr(cordon_last_error(), "long.txt:1") != NULL);
	CHECK_INT(cu_input_line(in, &line), 1); /* the reader can go on after a too-long line */
	CHECK_STR(line.data, "short");
	cu_buf_dispose(&line);
	cu_input_close(in);

	/* a gzip stream cut in half is an error, not a short file */
	char gzpath[512];
	snprintf(gzpath, sizeof(gzpath), "%s/cut.gz", CORDON_TEST_TMP);
	gzFile gz = gzopen(gzpath, "wb");
	REQUIRE(gz);
	for (int i = 0; i < 20000; i++)
		gzprintf(gz, "line %d with some text to compress\n", i * 7919);
	gzclose(gz);
	struct stat st;
	REQUIRE(stat(gzpath, &st) == 0);
	REQUIRE(truncate(gzpath, st.st_size / 2) == 0);
	char *data = NULL;
	size_t len = 0;
	int rc = cu_read_file(gzpath, 1 << 26, &data, &len);
	CHECK(rc < 0);
	free(data);
}

static void test_atomic_file(void)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/atomic.txt", CORDON_TEST_TMP);
	cu_atomic_file af;
	REQUIRE(cu_atomic_open(&af, path) == 0);
	fputs("first", af.f);
	CHECK_INT(cu_atomic_commit(&af), 0);
	REQUIRE(cu_atomic_open(&af, path) == 0);
	fputs("second, abandoned", af.f);
	cu_atomic_abort(&af);
	char *data = NULL;
	CHECK_INT(cu_read_file(path, 1024, &data, NULL), 0);
	CHECK_STR(data, "first");
	free(data);
}

TEST_MAIN(test_buf_limit, test_clean_text, test_clean_text_in_place, test_strmap, test_sha256, test_input_lines_plain_and_gz,
          test_input_long_line_and_truncated_gz, test_atomic_file)
