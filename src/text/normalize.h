/*
 * Name text as the matcher compares it: every script transliterated to
 * Latin (ICU), diacritics removed, lower case, apostrophes dropped
 * ("O'Brien" -> "obrien"), every other punctuation a token break, tokens
 * separated by exactly one space.
 */
#ifndef CT_NORMALIZE_H
#define CT_NORMALIZE_H

#include <stddef.h>

#include "util/buf.h"

/* Appends the normalised form of in[0..len) to out (out is reset first). 0 or a negative code. */
int ct_normalize(const char *in, size_t len, cu_buf *out);

#endif
