/* The source configuration file: "<dataset> <format|-> <path>" per line, '#' comments. */
#include <stdlib.h>
#include <string.h>

#include "cordon/snapshot.h"
#include "sources/source.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/input.h"
#include "util/strutil.h"

#define MAX_SOURCES 256

/* Joins a relative path to the folder of the config file. */
static char *resolve_path(const char *config_path, const char *path)
{
	if (path[0] == '/')
		return cu_strdup(path);
	const char *slash = strrchr(config_path, '/');
	if (!slash)
		return cu_strdup(path);
	cu_buf b;
	cu_buf_init(&b, 8192);
	if (cu_buf_append(&b, config_path, (size_t)(slash - config_path + 1)) || cu_buf_puts(&b, path)) {
		cu_buf_dispose(&b);
		return NULL;
	}
	return cu_buf_take(&b);
}

/* Splits a line into up to 4 whitespace-separated words in place; returns the count. */
static int split_words(char *line, char **words, int max)
{
	int n = 0;
	char *p = line;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		if (n == max)
			return max + 1;
		words[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	return n;
}

static int parse_line(const char *config_path, unsigned long line_no, char *line, cordon_source *out)
{
	char *hash = strchr(line, '#');
	if (hash)
		*hash = '\0';
	char *w[3];
	int n = split_words(line, w, 3);
	if (n == 0)
		return 1; /* blank */
	if (n != 3)
		return cu_fail(CORDON_EPARSE, "%s:%lu: expected \"<dataset> <format> <path>\"", config_path, line_no);
	const char *format = strcmp(w[1], "-") == 0 ? cordon_source_default_format(w[0]) : w[1];
	if (!format || !csrc_find_format(format))
		return cu_fail(CORDON_EPARSE, "%s:%lu: unknown format \"%s\"", config_path, line_no, w[1]);
	out->dataset = cu_strdup(w[0]);
	out->format = cu_strdup(format);
	out->path = resolve_path(config_path, w[2]);
	if (!out->dataset || !out->format || !out->path)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	return 0;
}

int cordon_sources_load(const char *config_path, cordon_source **out, size_t *count_out)
{
	cu_input *in;
	int rc = cu_input_open(&in, config_path);
	if (rc)
		return rc;
	cordon_source *sources = calloc(MAX_SOURCES, sizeof(*sources));
	size_t count = 0;
	cu_buf line;
	cu_buf_init(&line, 8192);
	while (sources && (rc = cu_input_line(in, &line)) == 1) {
		if (count == MAX_SOURCES) {
			rc = cu_fail(CORDON_ELIMIT, "%s: more than %d sources", config_path, MAX_SOURCES);
			break;
		}
		int r = parse_line(config_path, cu_input_line_number(in), line.data, &sources[count]);
		if (r < 0) {
			count++; /* free what was allocated */
			rc = r;
			break;
		}
		if (r == 0)
			count++;
	}
	cu_buf_dispose(&line);
	cu_input_close(in);
	if (!sources)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	if (rc == 0 && count == 0)
		rc = cu_fail(CORDON_EPARSE, "%s: no sources listed", config_path);
	if (rc < 0) {
		cordon_sources_free(sources, count);
		return rc;
	}
	*out = sources;
	*count_out = count;
	return 0;
}

void cordon_sources_free(cordon_source *sources, size_t count)
{
	if (!sources)
		return;
	for (size_t i = 0; i < count; i++) {
		free((char *)sources[i].dataset);
		free((char *)sources[i].format);
		free((char *)sources[i].path);
	}
	free(sources);
}
