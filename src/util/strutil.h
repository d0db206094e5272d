/* Small string helpers shared by readers, model and CLI. */
#ifndef CU_STRUTIL_H
#define CU_STRUTIL_H

#include <stddef.h>

/*
 * Cleans published text: C1 controls (cp1252 mojibake) are dropped, other
 * controls and Unicode spaces become spaces, runs of spaces collapse to one,
 * and the ends are trimmed.
 *
 * cu_clean_text works in place and leaves invalid UTF-8 bytes as they are
 * (*invalid, if not NULL, tells whether there were any); the model repairs
 * them when the value is stored. cu_clean_text_to also replaces invalid
 * bytes with U+FFFD, so out must hold 3 * len + 1 bytes. Both NUL-terminate
 * and return the new length.
 */
size_t cu_clean_text(char *s, size_t len, int *invalid);
size_t cu_clean_text_to(const char *in, size_t len, char *out, int *repaired);

/* Duplicates s[0..len) into a malloc'd, cleaned string; NULL if empty after cleaning or OOM. */
char *cu_clean_dup(const char *s, size_t len);

int cu_ascii_casecmp(const char *a, const char *b);
int cu_ascii_ncasecmp(const char *a, const char *b, size_t n);
/* True when s starts with prefix, ASCII case-insensitively. */
int cu_starts_with_ci(const char *s, const char *prefix);
const char *cu_ascii_strcasestr(const char *haystack, const char *needle);
void cu_ascii_lower(char *s);
char *cu_strdup(const char *s);
char *cu_strndup(const char *s, size_t n);

/* Parses a non-negative decimal integer that must span the whole of s[0..len). */
int cu_parse_uint(const char *s, size_t len, unsigned long long max, unsigned long long *out);

/* 1 when every byte is ASCII. */
int cu_is_ascii(const char *s, size_t len);

/* FNV-1a 64-bit: stable across runs and machines, used for ids derived from content. */
unsigned long long cu_hash64(const void *data, size_t len);

#endif
