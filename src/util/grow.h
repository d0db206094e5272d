/*
 * Growing an array by doubling: the pattern every list of entities, rows,
 * hits and findings needs, written once.
 */
#ifndef CU_GROW_H
#define CU_GROW_H

#include <stdint.h>
#include <stdlib.h>

/*
 * Returns items with room for need elements of elem bytes: unchanged when *cap
 * is enough, else reallocated to first elements or twice *cap (doubled until
 * need fits) and *cap updated. NULL when memory runs out or the size would
 * overflow; items and *cap are then as they were.
 */
static inline void *cu_grow(void *items, size_t *cap, size_t need, size_t elem, size_t first)
{
	if (need <= *cap)
		return items;
	size_t c = *cap ? *cap : first ? first : 1;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			return NULL;
		c *= 2;
	}
	if (elem && c > SIZE_MAX / elem)
		return NULL;
	void *p = realloc(items, c * elem);
	if (p)
		*cap = c;
	return p;
}

#endif
