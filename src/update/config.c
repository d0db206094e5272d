/* update.conf: "<dataset> <format|-|+> <file> <url> [key=value ...]" per line (update.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sources/source.h"
#include "update/update.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/input.h"
#include "util/strutil.h"

#define MAX_WORDS 8
#define MAX_NAME 128

/* Splits on spaces and tabs in place; returns the word count (MAX_WORDS + 1 when there are more). */
static int split_words(char *line, char **words)
{
	int n = 0;
	for (char *p = line; *p;) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		if (n == MAX_WORDS)
			return MAX_WORDS + 1;
		words[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	return n;
}

/* Dataset and file names become paths inside the lists folder: plain names only. */
static int plain_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > MAX_NAME || s[0] == '.')
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
			return 0;
	return 1;
}

static int parse_size(const char *s, unsigned long long *out)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	unsigned shift = 0;
	if (*end == 'K' || *end == 'k')
		shift = 10;
	else if (*end == 'M' || *end == 'm')
		shift = 20;
	else if (*end == 'G' || *end == 'g')
		shift = 30;
	if (end == s || (shift && end[1]) || (!shift && *end) || v == 0 || v > (~0ull >> 34))
		return -1;
	*out = v << shift;
	return 0;
}

static int parse_option(const char *where, const char *opt, cupd_file *f, double *min_ratio)
{
	if (strncmp(opt, "sha256=", 7) == 0 && strlen(opt + 7) == 64 && strspn(opt + 7, "0123456789abcdefABCDEF") == 64) {
		for (int i = 0; i < 64; i++)
			f->sha256[i] = (char)tolower((unsigned char)opt[7 + i]);
		return 0;
	} else if (strncmp(opt, "max-bytes=", 10) == 0) {
		if (parse_size(opt + 10, &f->max_bytes) == 0)
			return 0;
	} else if (strncmp(opt, "min-ratio=", 10) == 0) {
		char *end;
		double r = strtod(opt + 10, &end);
		if (end != opt + 10 && !*end && r >= 0 && r <= 1) {
			*min_ratio = r;
			return 0;
		}
	}
	return cu_fail(CORDON_EPARSE, "%s: bad option \"%s\" (expected sha256=<64 hex digits>, max-bytes=N[K|M|G] "
	               "or min-ratio=0..1)", where, opt);
}

static cupd_source *find_or_add_source(cupd_config *c, const char *dataset)
{
	for (size_t i = 0; i < c->count; i++)
		if (strcmp(c->sources[i].dataset, dataset) == 0)
			return &c->sources[i];
	cupd_source *s = realloc(c->sources, (c->count + 1) * sizeof(*s));
	if (!s)
		return NULL;
	c->sources = s;
	s = &s[c->count];
	memset(s, 0, sizeof(*s));
	s->min_ratio = -1;
	if (!(s->dataset = cu_strdup(dataset)))
		return NULL;
	c->count++;
	return s;
}

static const char *resolve_format(const char *dataset, const char *word)
{
	const char *format = strcmp(word, "-") == 0 ? cordon_source_default_format(dataset) : word;
	return format && csrc_find_format(format) ? format : NULL;
}

/* Checks the words of one line and adds its file to the config. */
static int add_line(cupd_config *c, const char *where, char **w, int n, unsigned long line_no)
{
	if (n < 4 || n > MAX_WORDS)
		return cu_fail(CORDON_EPARSE, "%s: expected \"<dataset> <format|-|+> <file> <url> [key=value ...]\"", where);
	if (!plain_name(w[0]) || !plain_name(w[2]))
		return cu_fail(CORDON_EPARSE, "%s: dataset and file must be plain names (letters, digits, . _ -)", where);
	if (strncmp(w[3], "http://", 7) != 0 && strncmp(w[3], "https://", 8) != 0)
		return cu_fail(CORDON_EPARSE, "%s: URL \"%s\" is not http:// or https://", where, w[3]);
	int companion = strcmp(w[1], "+") == 0;
	const char *format = companion ? NULL : resolve_format(w[0], w[1]);
	if (!companion && !format)
		return cu_fail(CORDON_EPARSE, "%s: unknown format \"%s\"", where, w[1]);
	cupd_source *s = find_or_add_source(c, w[0]);
	if (!s)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	if (companion && s->file_count == 0)
		return cu_fail(CORDON_EPARSE, "%s: \"+\" needs a line of dataset %s before it", where, w[0]);
	for (size_t i = 0; i < s->file_count; i++)
		if (strcmp(s->files[i].file, w[2]) == 0)
			return cu_fail(CORDON_EPARSE, "%s: file %s of dataset %s is listed twice", where, w[2], w[0]);
	cupd_file *files = realloc(s->files, (s->file_count + 1) * sizeof(*files));
	if (!files)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	s->files = files;
	cupd_file *f = &files[s->file_count++];
	memset(f, 0, sizeof(*f));
	f->line = line_no;
	f->format = format ? cu_strdup(format) : NULL;
	f->file = cu_strdup(w[2]);
	f->url = cu_strdup(w[3]);
	if (!f->file || !f->url || (format && !f->format))
		return cu_fail(CORDON_ENOMEM, "out of memory");
	for (int i = 4; i < n; i++)
		if (parse_option(where, w[i], f, &s->min_ratio) != 0)
			return CORDON_EPARSE;
	return 0;
}

static int parse_line(cupd_config *c, char *line, unsigned long line_no)
{
	char *hash = strchr(line, '#');
	if (hash)
		*hash = '\0';
	char *w[MAX_WORDS];
	int n = split_words(line, w);
	if (n == 0)
		return 0;
	char where[4200];
	snprintf(where, sizeof(where), "%.4000s:%lu", c->path, line_no);
	return add_line(c, where, w, n, line_no);
}

int cupd_config_load(const char *path, cupd_config *out)
{
	memset(out, 0, sizeof(*out));
	cu_input *in;
	int rc = cu_input_open(&in, path);
	if (rc)
		return rc;
	out->path = cu_strdup(path);
	cu_buf line;
	cu_buf_init(&line, 64 * 1024);
	char empty[1] = "";
	while (rc == 0 && (rc = cu_input_line(in, &line)) == 1)
		rc = parse_line(out, line.data ? line.data : empty, cu_input_line_number(in));
	if (rc == CORDON_ELIMIT)
		rc = cu_fail(CORDON_EPARSE, "%s:%lu: line too long", path, cu_input_line_number(in));
	cu_buf_dispose(&line);
	cu_input_close(in);
	if (rc == 0 && out->count == 0)
		rc = cu_fail(CORDON_EPARSE, "%s: no sources listed", path);
	if (rc)
		cupd_config_dispose(out);
	return rc;
}

void cupd_config_dispose(cupd_config *c)
{
	for (size_t i = 0; i < c->count; i++) {
		for (size_t f = 0; f < c->sources[i].file_count; f++) {
			free(c->sources[i].files[f].format);
			free(c->sources[i].files[f].file);
			free(c->sources[i].files[f].url);
		}
		free(c->sources[i].files);
		free(c->sources[i].dataset);
	}
	free(c->sources);
	free(c->path);
	memset(c, 0, sizeof(*c));
}
