/* The snapshot's string pool: each distinct string stored once, referenced by offset + 1 (0 = NULL). */
#ifndef CSNAP_STRINGS_H
#define CSNAP_STRINGS_H

#include <stdint.h>

#include "util/buf.h"
#include "util/strmap.h"

typedef struct {
	cu_buf data;
	cu_strmap index;
} csnap_strings;

void csnap_strings_init(csnap_strings *sp);
void csnap_strings_dispose(csnap_strings *sp);
/* Reference of s (0 for NULL); sets *failed on overflow or OOM. */
uint32_t csnap_strings_add(csnap_strings *sp, const char *s, int *failed);

/* Borrowed string of a reference, NULL for 0 or an out-of-range reference. */
static inline const char *csnap_string_at(const char *pool, size_t pool_size, uint64_t ref)
{
	return (ref == 0 || ref > pool_size) ? 0 : pool + (ref - 1);
}

#endif
