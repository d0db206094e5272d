/*
 * One field of a form body: application/x-www-form-urlencoded (what OpenRefine
 * sends) or multipart/form-data (what some scripts and yente's clients send).
 * Decoded here rather than with libmicrohttpd's post processor because the
 * body is already read whole, and because '+' must become a space (Java's
 * URLEncoder, which OpenRefine uses, writes spaces as '+').
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server/reconcile_internal.h"

#define MAX_BOUNDARY 200

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Percent- and plus-decodes s[0..n) into a new string; a '%' not followed by two hex digits stays as it is. */
static char *url_decode(const char *s, size_t n, size_t *out_len)
{
	char *out = malloc(n + 1);
	size_t k = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		int hi = s[i] == '%' && i + 2 < n ? hex_value((unsigned char)s[i + 1]) : -1;
		int lo = hi >= 0 ? hex_value((unsigned char)s[i + 2]) : -1;
		if (hi >= 0 && lo >= 0) {
			out[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[k++] = s[i] == '+' ? ' ' : s[i];
		}
	}
	out[k] = '\0';
	*out_len = k;
	return out;
}

static int urlencoded_field(const char *body, size_t len, const char *name, char **out, size_t *out_len)
{
	const char *p = body, *end = body + len;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *pair_end = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(pair_end - p));
		const char *key_end = eq ? eq : pair_end;
		size_t key_len;
		char *key = url_decode(p, (size_t)(key_end - p), &key_len);
		int same = key && strcmp(key, name) == 0;
		free(key);
		if (same) {
			const char *v = eq ? eq + 1 : pair_end;
			*out = url_decode(v, (size_t)(pair_end - v), out_len);
			return *out ? 1 : -1;
		}
		p = pair_end + 1;
	}
	return 0;
}

/* Where needle first occurs in hay[0..n), or NULL (memmem is not in C11 or POSIX). */
static const char *find_bytes(const char *hay, size_t n, const char *needle, size_t m)
{
	for (size_t i = 0; m && i + m <= n; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
			return hay + i;
	return NULL;
}

/* The boundary parameter of a multipart content type, quoted or not; 0 when it has none. */
static int boundary_of(const char *content_type, char *out, size_t size)
{
	const char *b = strstr(content_type, "boundary=");
	if (!b)
		return 0;
	b += 9;
	int quoted = *b == '"';
	b += quoted;
	size_t n = quoted ? strcspn(b, "\"") : strcspn(b, "; \t");
	if (n == 0 || n + 2 >= size)
		return 0;
	out[0] = out[1] = '-';
	memcpy(out + 2, b, n);
	out[n + 2] = '\0';
	return 1;
}

/* Whether the part headers hs[0..n) name this field: Content-Disposition: form-data; name="..." */
static int part_named(const char *hs, size_t n, const char *name)
{
	char want[160];
	int w = snprintf(want, sizeof(want), "name=\"%s\"", name);
	const char *at = find_bytes(hs, n, want, (size_t)w);
	/* not the tail of filename="..." */
	return at && (at == hs || !isalpha((unsigned char)at[-1]));
}

/* The value of one part: it ends at the CRLF (or lone LF) before the next delimiter. */
static int take_part(const char *v, const char *next, char **out, size_t *out_len)
{
	const char *e = next;
	if (e > v && e[-1] == '\n')
		e--;
	if (e > v && e[-1] == '\r')
		e--;
	size_t n = (size_t)(e - v);
	if (!(*out = malloc(n + 1)))
		return -1;
	memcpy(*out, v, n);
	(*out)[n] = '\0';
	*out_len = n;
	return 1;
}

static int multipart_field(const char *ct, const char *body, size_t len, const char *name, char **out,
                           size_t *out_len, recon_error *e)
{
	char delim[MAX_BOUNDARY + 3];
	if (!boundary_of(ct, delim, sizeof(delim)))
		return recon_fail(e, 400, "multipart/form-data without a boundary parameter");
	size_t dl = strlen(delim);
	const char *end = body + len, *p = find_bytes(body, len, delim, dl);
	while (p) {
		const char *hs = p + dl;
		if (end - hs >= 2 && hs[0] == '-' && hs[1] == '-')
			return 0; /* the closing delimiter */
		const char *blank = find_bytes(hs, (size_t)(end - hs), "\r\n\r\n", 4);
		size_t gap = 4;
		if (!blank)
			blank = find_bytes(hs, (size_t)(end - hs), "\n\n", 2), gap = 2;
		if (!blank)
			return recon_fail(e, 400, "a multipart/form-data part has no end of headers");
		const char *v = blank + gap, *next = find_bytes(v, (size_t)(end - v), delim, dl);
		if (!next)
			return recon_fail(e, 400, "a multipart/form-data part is not closed by its boundary");
		if (part_named(hs, (size_t)(blank - hs), name))
			return take_part(v, next, out, out_len);
		p = next;
	}
	return 0;
}

/* Whether ct is this media type, ignoring case and parameters. */
static int media_is(const char *ct, const char *type)
{
	size_t n = strlen(type);
	return strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

int recon_form_field(const char *content_type, const char *body, size_t len, const char *name, char **out,
                     size_t *out_len, recon_error *e)
{
	*out = NULL;
	*out_len = 0;
	const char *ct = content_type ? content_type + strspn(content_type, " \t") : "";
	if (!*ct || media_is(ct, "application/x-www-form-urlencoded")) {
		int rc = urlencoded_field(body, len, name, out, out_len);
		return rc < 0 ? recon_fail(e, 500, "out of memory") : rc;
	}
	if (media_is(ct, "multipart/form-data"))
		return multipart_field(ct, body, len, name, out, out_len, e);
	return recon_fail(e, 415,
	                  "the body must be application/x-www-form-urlencoded or multipart/form-data with a field "
	                  "\"queries\" or \"extend\", not %.100s",
	                  ct);
}
