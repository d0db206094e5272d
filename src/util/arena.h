/*
 * Bump allocator: many small allocations with one lifetime (an entity being
 * built, a query being scored) are released together with cu_arena_dispose.
 */
#ifndef CU_ARENA_H
#define CU_ARENA_H

#include <stddef.h>

typedef struct cu_arena_chunk cu_arena_chunk;

typedef struct {
	cu_arena_chunk *head;
	size_t used_total; /* bytes handed out, for memory accounting */
} cu_arena;

void cu_arena_init(cu_arena *a);
void cu_arena_dispose(cu_arena *a);
/* Keeps the first chunk for reuse; everything allocated before is dead. */
void cu_arena_reset(cu_arena *a);
/* Zeroed, 16-byte aligned; NULL when out of memory. */
void *cu_arena_alloc(cu_arena *a, size_t size);
char *cu_arena_strndup(cu_arena *a, const char *s, size_t len);
char *cu_arena_strdup(cu_arena *a, const char *s);

#endif
