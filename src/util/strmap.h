/* Open-addressing hash map from strings (copied) to size_t values. */
#ifndef CU_STRMAP_H
#define CU_STRMAP_H

#include <stddef.h>

#include "util/arena.h"

typedef struct {
	const char **keys;
	size_t *values;
	size_t cap; /* power of two, or 0 */
	size_t count;
	cu_arena key_arena;
} cu_strmap;

void cu_strmap_init(cu_strmap *m);
void cu_strmap_dispose(cu_strmap *m);
/* Returns 1 and sets *value when found. */
int cu_strmap_get(const cu_strmap *m, const char *key, size_t *value);
/* Inserts or overwrites; 0 or CORDON_ENOMEM. */
int cu_strmap_put(cu_strmap *m, const char *key, size_t value);
/* Removes key if present; returns 1 if it was. */
int cu_strmap_remove(cu_strmap *m, const char *key);

#endif
