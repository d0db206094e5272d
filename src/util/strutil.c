#include "util/strutil.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "cordon/common.h"

/* Unicode space-like characters that lists use inside names (NBSP, narrow NBSP, ...). */
static int is_unicode_space(UChar32 c)
{
	return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

static int is_ascii_space_or_control(unsigned char c)
{
	return c <= 0x20 || c == 0x7F;
}

/* Shared by both cleaners; with repair off, invalid bytes are copied unchanged so output never grows. */
static size_t clean(const char *s, size_t len, char *out_buf, int repair, int *repaired)
{
	size_t in = 0, out = 0;
	int pending_space = 0;
	if (repaired)
		*repaired = 0;
	while (in < len) {
		unsigned char c = (unsigned char)s[in];
		if (c < 0x80) {
			in++;
			if (is_ascii_space_or_control(c)) {
				pending_space = out > 0;
				continue;
			}
			if (pending_space)
				out_buf[out++] = ' ';
			pending_space = 0;
			out_buf[out++] = (char)c;
			continue;
		}
		size_t start = in;
		UChar32 cp;
		U8_NEXT(s, in, len, cp);
		if (cp >= 0x80 && cp <= 0x9F)
			continue; /* C1 control: cp1252 punctuation mangled in transit (an apostrophe, mostly) */
		if (cp >= 0 && is_unicode_space(cp)) {
			pending_space = out > 0;
			continue;
		}
		if (pending_space)
			out_buf[out++] = ' ';
		pending_space = 0;
		if (cp < 0) {
			if (repaired)
				*repaired = 1;
			if (repair) {
				memcpy(out_buf + out, "\xEF\xBF\xBD", 3); /* U+FFFD */
				out += 3;
				continue;
			}
		}
		memmove(out_buf + out, s + start, in - start); /* in place: may overlap */
		out += in - start;
	}
	out_buf[out] = '\0';
	return out;
}

size_t cu_clean_text(char *s, size_t len, int *invalid)
{
	return clean(s, len, s, 0, invalid);
}

size_t cu_clean_text_to(const char *in, size_t len, char *out, int *repaired)
{
	return clean(in, len, out, 1, repaired);
}

char *cu_clean_dup(const char *s, size_t len)
{
	char *p = malloc(3 * len + 1);
	if (!p)
		return NULL;
	size_t n = cu_clean_text_to(s, len, p, NULL);
	if (n == 0) {
		free(p);
		return NULL;
	}
	return p;
}

static int lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

int cu_ascii_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int d = lower((unsigned char)*a) - lower((unsigned char)*b);
		if (d || !*a)
			return d;
	}
}

int cu_ascii_ncasecmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int d = lower((unsigned char)a[i]) - lower((unsigned char)b[i]);
		if (d || !a[i])
			return d;
	}
	return 0;
}

int cu_starts_with_ci(const char *s, const char *prefix)
{
	return cu_ascii_ncasecmp(s, prefix, strlen(prefix)) == 0;
}

const char *cu_ascii_strcasestr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);
	for (; *haystack; haystack++)
		if (cu_ascii_ncasecmp(haystack, needle, n) == 0)
			return haystack;
	return n == 0 ? haystack : NULL;
}

void cu_ascii_lower(char *s)
{
	for (; *s; s++)
		*s = (char)lower((unsigned char)*s);
}

char *cu_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *cu_strdup(const char *s)
{
	return s ? cu_strndup(s, strlen(s)) : NULL;
}

int cu_parse_uint(const char *s, size_t len, unsigned long long max, unsigned long long *out)
{
	if (len == 0)
		return CORDON_EPARSE;
	unsigned long long v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return CORDON_EPARSE;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (max - d) / 10)
			return CORDON_ELIMIT;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

int cu_is_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

unsigned long long cu_hash64(const void *data, size_t len)
{
	const unsigned char *p = data;
	unsigned long long h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}
