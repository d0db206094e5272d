/* ICU transforms for making name variants (the benchmarks' own, independent of the library's text code). */
#ifndef CB_ICU_H
#define CB_ICU_H

#include <stddef.h>

/*
 * Runs the ICU transform id ("Latin-Russian/BGN", "Han-Latin/Names; Latin-ASCII", ...) on in,
 * writing UTF-8 into out[0..cap). Transforms are opened once and kept (one thread only).
 * Returns 0, or -1 when the transform is unknown or the result does not fit.
 */
int cb_transform(const char *id, const char *in, char *out, size_t cap);

/* Title case per word ("MUGABE" -> "Mugabe", "al-rashid" -> "Al-Rashid"); -1 when it does not fit. */
int cb_title_case(const char *in, char *out, size_t cap);

/* Releases the cached transforms. */
void cb_icu_cleanup(void);

#endif
