/* Name variants for aliases and queries: spellings, typos, reorderings, other scripts. */
#ifndef CB_VARIANTS_H
#define CB_VARIANTS_H

#include <stddef.h>

#include "harvest.h"
#include "util.h"

#define CB_NAME_MAX 512

/* A transliteration spelling of one word ("Muhammad" -> "Mohammed", "Yevgeniy" -> "Evgeniy"); -1 if none applies. */
int cb_spelling_variant(const char *in, cb_rng *r, char *out, size_t cap);

/* One keyboard slip (substitution, deletion, transposition, doubling) in one word of 4+ ASCII letters. */
int cb_typo(const char *in, cb_rng *r, char *out, size_t cap);

/* The last word moved to the front ("Viktor Ivanovich Petrov" -> "Petrov Viktor Ivanovich"); -1 for one word. */
int cb_reorder(const char *in, char *out, size_t cap);

/* Russian Cyrillic through ICU Latin-Russian/BGN (leftover Latin letters through Latin-Cyrillic). */
int cb_cyrillic(const char *latin, char *out, size_t cap);

/* Arabic script word by word from the pairs the lists gave; -1 when a word has none. */
int cb_arabic(const cb_harvest *h, const char *latin, char *out, size_t cap);

#endif
