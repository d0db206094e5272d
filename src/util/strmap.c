#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "cordon/common.h"
#include "util/strutil.h"

/* Removed slots keep a tombstone so probe chains stay intact. */
static const char tombstone[] = "";

void cu_strmap_init(cu_strmap *m)
{
	memset(m, 0, sizeof(*m));
	cu_arena_init(&m->key_arena);
}

void cu_strmap_dispose(cu_strmap *m)
{
	free(m->keys);
	free(m->values);
	cu_arena_dispose(&m->key_arena);
	memset(m, 0, sizeof(*m));
}

static size_t slot_of(const cu_strmap *m, const char *key, int *found)
{
	size_t mask = m->cap - 1;
	size_t i = (size_t)cu_hash64(key, strlen(key)) & mask;
	size_t first_free = (size_t)-1;
	for (;;) {
		const char *k = m->keys[i];
		if (!k) {
			*found = 0;
			return first_free != (size_t)-1 ? first_free : i;
		}
		if (k == tombstone) {
			if (first_free == (size_t)-1)
				first_free = i;
		} else if (strcmp(k, key) == 0) {
			*found = 1;
			return i;
		}
		i = (i + 1) & mask;
	}
}

int cu_strmap_get(const cu_strmap *m, const char *key, size_t *value)
{
	if (!m->cap)
		return 0;
	int found;
	size_t i = slot_of(m, key, &found);
	if (found && value)
		*value = m->values[i];
	return found;
}

static int rehash(cu_strmap *m, size_t cap)
{
	const char **keys = calloc(cap, sizeof(*keys));
	size_t *values = calloc(cap, sizeof(*values));
	if (!keys || !values) {
		free(keys);
		free(values);
		return CORDON_ENOMEM;
	}
	const char **old_keys = m->keys;
	size_t *old_values = m->values;
	size_t old_cap = m->cap;
	m->keys = keys;
	m->values = values;
	m->cap = cap;
	for (size_t i = 0; i < old_cap; i++) {
		if (!old_keys[i] || old_keys[i] == tombstone)
			continue;
		int found;
		size_t j = slot_of(m, old_keys[i], &found);
		keys[j] = old_keys[i];
		values[j] = old_values[i];
	}
	free(old_keys);
	free(old_values);
	return 0;
}

int cu_strmap_put(cu_strmap *m, const char *key, size_t value)
{
	/* Tombstones count as used so the table never fills with them. */
	if ((m->count + 1) * 4 >= m->cap * 3) {
		int rc = rehash(m, m->cap ? m->cap * 2 : 64);
		if (rc)
			return rc;
	}
	int found;
	size_t i = slot_of(m, key, &found);
	if (!found) {
		char *copy = cu_arena_strdup(&m->key_arena, key);
		if (!copy)
			return CORDON_ENOMEM;
		if (!m->keys[i])
			m->count++;
		m->keys[i] = copy;
	}
	m->values[i] = value;
	return 0;
}

int cu_strmap_remove(cu_strmap *m, const char *key)
{
	if (!m->cap)
		return 0;
	int found;
	size_t i = slot_of(m, key, &found);
	if (!found)
		return 0;
	m->keys[i] = tombstone;
	return 1;
}
