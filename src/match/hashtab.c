#include "match/hashtab.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

uint64_t cmatch_hash(const char *s, size_t len)
{
	return XXH3_64bits(s, len);
}

static uint32_t check_of(uint64_t hash)
{
	uint32_t c = (uint32_t)(hash >> 32);
	return c == CMATCH_EMPTY_SLOT ? 0 : c;
}

int cmatch_table_init(cmatch_table *t, size_t n)
{
	size_t cap = 16;
	while (cap < n * 2)
		cap *= 2;
	t->slots = malloc(cap * sizeof(*t->slots));
	if (!t->slots)
		return -1;
	memset(t->slots, 0xFF, cap * sizeof(*t->slots));
	t->mask = cap - 1;
	return 0;
}

void cmatch_table_dispose(cmatch_table *t)
{
	free(t->slots);
	t->slots = NULL;
}

void cmatch_table_insert(cmatch_table *t, uint64_t hash, uint32_t value)
{
	size_t i = (size_t)hash & t->mask;
	while (t->slots[i].value != CMATCH_EMPTY_SLOT)
		i = (i + 1) & t->mask;
	t->slots[i].check = check_of(hash);
	t->slots[i].value = value;
}

void cmatch_probe_start(cmatch_probe *p, const cmatch_slot *slots, size_t slot_count, uint64_t hash)
{
	p->slots = slots;
	p->mask = slot_count ? slot_count - 1 : 0;
	p->pos = slot_count ? (size_t)hash & p->mask : 0;
	p->check = check_of(hash);
	if (!slot_count)
		p->slots = NULL;
}

uint32_t cmatch_probe_next(cmatch_probe *p)
{
	if (!p->slots)
		return CMATCH_EMPTY_SLOT;
	for (;;) {
		const cmatch_slot *s = &p->slots[p->pos];
		if (s->value == CMATCH_EMPTY_SLOT) {
			p->slots = NULL;
			return CMATCH_EMPTY_SLOT;
		}
		p->pos = (p->pos + 1) & p->mask;
		if (s->check == p->check)
			return s->value;
	}
}
