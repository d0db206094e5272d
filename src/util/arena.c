#include "util/arena.h"

#include <stdlib.h>
#include <string.h>

struct cu_arena_chunk {
	cu_arena_chunk *next;
	size_t size;
	size_t used;
	_Alignas(16) unsigned char data[];
};

/* Small first chunk: a build holds a million entity arenas of a few hundred bytes each. */
#define ARENA_CHUNK_MIN 512

void cu_arena_init(cu_arena *a)
{
	a->head = NULL;
	a->used_total = 0;
}

void cu_arena_dispose(cu_arena *a)
{
	cu_arena_chunk *c = a->head;
	while (c) {
		cu_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->used_total = 0;
}

void cu_arena_reset(cu_arena *a)
{
	if (!a->head)
		return;
	cu_arena_chunk *keep = a->head;
	while (keep->next) /* the oldest chunk is last; keep it */
		keep = keep->next;
	cu_arena_chunk *c = a->head;
	while (c != keep) {
		cu_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	keep->used = 0;
	a->head = keep;
	a->used_total = 0;
}

void *cu_arena_alloc(cu_arena *a, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	cu_arena_chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		size_t chunk = ARENA_CHUNK_MIN;
		if (c && c->size < (1u << 20))
			chunk = c->size * 2; /* grow chunks so big arenas need few mallocs */
		if (chunk < size)
			chunk = size;
		c = malloc(sizeof(*c) + chunk);
		if (!c)
			return NULL;
		c->size = chunk;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += size;
	a->used_total += size;
	memset(p, 0, size);
	return p;
}

char *cu_arena_strndup(cu_arena *a, const char *s, size_t len)
{
	char *p = cu_arena_alloc(a, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *cu_arena_strdup(cu_arena *a, const char *s)
{
	return cu_arena_strndup(a, s, strlen(s));
}
