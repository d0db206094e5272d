/*
 * Replays every input kept in tests/regress/fuzz/<target>/ (inputs that once
 * crashed, hung or leaked under libFuzzer, and hand-made nasty ones; see the
 * README there) through the same code the fuzz target ran: fuzz_run_reader
 * for a reader format, fuzz_run_snapshot for "snapshot". A regression shows
 * as a crash here, or as a sanitizer report in the sanitizer build. Each
 * reader must return 0 or a negative code and every reader target must have
 * at least one input.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../fuzz/fuzz_input.h"
#include "test.h"

#define REGRESS_DIR CORDON_TEST_FIXTURES "/../regress/fuzz"

static const char *const reader_targets[] = {"ofac-csv", "un-xml", "us-csl", "bis-dpl",
                                              "ftm",      "eu-fsf", "uk-ofsi", "uk-sl"};

static size_t total_inputs;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files of dir (README excluded), sorted; NULL when dir is missing. */
static char **list_inputs(const char *dir, size_t *count)
{
	*count = 0;
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	size_t cap = 16;
	char **names = malloc(cap * sizeof(*names));
	struct dirent *de;
	while (names && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "README.md") == 0)
			continue;
		if (*count == cap) {
			char **more = realloc(names, (cap *= 2) * sizeof(*names));
			if (!more)
				break;
			names = more;
		}
		names[(*count)++] = strdup(de->d_name);
	}
	closedir(d);
	if (names)
		qsort(names, *count, sizeof(*names), by_name);
	return names;
}

static int load(const char *path, uint8_t **data, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t cap = 1 << 16, len = 0, n;
	uint8_t *buf = malloc(cap);
	while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len < cap)
			continue;
		uint8_t *more = realloc(buf, cap *= 2);
		if (!more)
			free(buf);
		buf = more;
	}
	fclose(f);
	*data = buf;
	*size = len;
	return buf ? 0 : -1;
}

/* Replays target's inputs; returns how many ran. */
static size_t replay(const char *target)
{
	char dir[1024], path[2048];
	snprintf(dir, sizeof(dir), "%s/%s", REGRESS_DIR, target);
	size_t count;
	char **names = list_inputs(dir, &count);
	size_t ran = 0;
	for (size_t i = 0; i < count; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		uint8_t *data;
		size_t size;
		if (load(path, &data, &size) != 0) {
			fprintf(stderr, "%s: cannot read\n", path);
			CHECK(0);
			free(names[i]);
			continue;
		}
		/* printed first, so a crash names the input */
		fprintf(stderr, "replay %s/%s (%zu bytes)", target, names[i], size);
		double start = now();
		if (strcmp(target, "snapshot") == 0) {
			fuzz_run_snapshot(data, size, 1, CORDON_TEST_TMP);
			fuzz_run_snapshot(data, size, 0, CORDON_TEST_TMP);
		} else {
			int rc = fuzz_run_reader(target, data, size, CORDON_TEST_TMP);
			CHECK(rc <= 0);
		}
		fprintf(stderr, " %.2f s\n", now() - start);
		free(data);
		free(names[i]);
		ran++;
	}
	free(names);
	total_inputs += ran;
	return ran;
}

static void test_readers(void)
{
	for (size_t i = 0; i < sizeof(reader_targets) / sizeof(*reader_targets); i++) {
		size_t ran = replay(reader_targets[i]);
		if (ran == 0)
			fprintf(stderr, "tests/regress/fuzz/%s: no inputs\n", reader_targets[i]);
		CHECK(ran > 0);
	}
}

static void test_snapshot(void)
{
	replay("snapshot"); /* inputs are optional here: the folder exists only once something was found */
}

static void test_ran_something(void)
{
	printf("%zu inputs replayed\n", total_inputs);
	CHECK(total_inputs > 0);
}

TEST_MAIN(test_readers, test_snapshot, test_ran_something)
