/* update/config.c: update.conf lines, and every refusal naming the file and line. */
#include <stdlib.h>
#include <string.h>

#include "cordon.h"
#include "test.h"
#include "update/update.h"

static char conf_path[1024];

static int load(const char *text, cupd_config *cfg)
{
	snprintf(conf_path, sizeof(conf_path), "%s/test_update_config.conf", CORDON_TEST_TMP);
	FILE *f = fopen(conf_path, "w");
	if (!f)
		return -100;
	fputs(text, f);
	fclose(f);
	return cupd_config_load(conf_path, cfg);
}

static void test_good(void)
{
	cupd_config cfg;
	REQUIRE(load("# comment\n"
	             "ofac-sdn ofac-csv sdn.csv https://example.org/SDN.CSV   # trailing comment\n"
	             "ofac-sdn +        alt.csv http://example.org/ALT.CSV max-bytes=2M\n"
	             "\n"
	             "un       -        consolidated.xml https://example.org/c.xml min-ratio=0.5 sha256="
	             "ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789\n"
	             "ofac-sdn +        add.csv https://example.org/ADD.CSV\n",
	             &cfg) == 0);
	REQUIRE(cfg.count == 2);
	CHECK_STR(cfg.sources[0].dataset, "ofac-sdn");
	CHECK_INT(cfg.sources[0].file_count, 3);
	CHECK_STR(cfg.sources[0].files[0].format, "ofac-csv");
	CHECK(cfg.sources[0].files[1].format == NULL);
	CHECK_INT(cfg.sources[0].files[1].max_bytes, 2u << 20);
	CHECK_INT(cfg.sources[0].files[2].line, 6);
	CHECK(cfg.sources[0].min_ratio < 0);
	CHECK_STR(cfg.sources[1].files[0].format, "un-xml");
	CHECK_STR(cfg.sources[1].files[0].sha256, "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
	CHECK(cfg.sources[1].min_ratio == 0.5);
	cupd_config_dispose(&cfg);
}

/* Each bad line is refused with "<file>:<line>: <reason>" (line 0: the whole file). */
static void expect_refused(const char *text, unsigned long line, const char *reason)
{
	cupd_config cfg;
	CHECK_INT(load(text, &cfg), CORDON_EPARSE);
	char where[1100];
	if (line)
		snprintf(where, sizeof(where), "%s:%lu: ", conf_path, line);
	else
		snprintf(where, sizeof(where), "%s: ", conf_path); /* about the whole file */
	const char *msg = cordon_last_error();
	if (strncmp(msg, where, strlen(where)) != 0 || !strstr(msg, reason)) {
		test_failures++;
		fprintf(stderr, "for %s: message \"%s\", expected \"%s...%s\"\n", text, msg, where, reason);
	}
}

static void test_refused(void)
{
	expect_refused("ofac-sdn ofac-csv sdn.csv\n", 1, "expected \"<dataset>");
	expect_refused("\nofac-sdn nope sdn.csv https://x/y\n", 2, "unknown format \"nope\"");
	expect_refused("ofac-sdn + alt.csv https://x/y\n", 1, "needs a line of dataset ofac-sdn before it");
	expect_refused("ofac-sdn ofac-csv ../sdn.csv https://x/y\n", 1, "plain names");
	expect_refused("ofac-sdn ofac-csv .hidden https://x/y\n", 1, "plain names");
	expect_refused("../x ofac-csv sdn.csv https://x/y\n", 1, "plain names");
	expect_refused("ofac-sdn ofac-csv sdn.csv file:///etc/passwd\n", 1, "is not http:// or https://");
	expect_refused("ofac-sdn ofac-csv sdn.csv https://x/y\nofac-sdn + sdn.csv https://x/z\n", 2, "listed twice");
	expect_refused("un - c.xml https://x/y sha256=abc\n", 1, "bad option \"sha256=abc\"");
	expect_refused("un - c.xml https://x/y max-bytes=0\n", 1, "bad option");
	expect_refused("un - c.xml https://x/y max-bytes=5T\n", 1, "bad option");
	expect_refused("un - c.xml https://x/y min-ratio=1.5\n", 1, "bad option");
	expect_refused("un - c.xml https://x/y color=blue\n", 1, "bad option \"color=blue\"");
	expect_refused("un - c.xml https://x/y a b c d e\n", 1, "expected \"<dataset>");
	expect_refused("# nothing\n\n", 0, "no sources listed");
}

/* A line over 64 KiB is refused, not cut into a shorter one that might parse. */
static void test_long_line(void)
{
	size_t n = 70000;
	char *text = malloc(n + 64);
	REQUIRE(text != NULL);
	strcpy(text, "un - c.xml https://x/");
	memset(text + strlen(text), 'a', n);
	strcpy(text + 21 + n, "\n");
	cupd_config cfg;
	CHECK_INT(load(text, &cfg), CORDON_EPARSE);
	CHECK(strstr(cordon_last_error(), ".conf:1: line too long") != NULL);
	free(text);
}

static void test_missing_file(void)
{
	cupd_config cfg;
	CHECK_INT(cupd_config_load("/nonexistent/update.conf", &cfg), CORDON_ENOTFOUND);
	CHECK(strstr(cordon_last_error(), "/nonexistent/update.conf") != NULL);
}

TEST_MAIN(test_good, test_refused, test_long_line, test_missing_file)
