#include "model/collection.h"

#include <stdlib.h>
#include <string.h>

#include "util/grow.h"

void cm_collection_init(cm_collection *c)
{
	memset(c, 0, sizeof(*c));
	cu_strmap_init(&c->by_id);
}

void cm_collection_dispose(cm_collection *c)
{
	for (size_t i = 0; i < c->count; i++)
		cm_entity_free(c->items[i]);
	free(c->items);
	cu_strmap_dispose(&c->by_id);
	memset(c, 0, sizeof(*c));
}

int cm_collection_put(cm_collection *c, cm_entity *ent)
{
	size_t slot;
	if (cu_strmap_get(&c->by_id, ent->e.id, &slot) && c->items[slot]) {
		cm_entity_free(c->items[slot]);
		c->items[slot] = ent;
		return 0;
	}
	cm_entity **items = cu_grow(c->items, &c->cap, c->count + 1, sizeof(*items), 1024);
	if (!items) {
		cm_entity_free(ent);
		return CORDON_ENOMEM;
	}
	c->items = items;
	if (cu_strmap_put(&c->by_id, ent->e.id, c->count) != 0) {
		cm_entity_free(ent);
		return CORDON_ENOMEM;
	}
	c->items[c->count++] = ent;
	c->live++;
	return 0;
}

int cm_collection_remove(cm_collection *c, const char *id)
{
	size_t slot;
	if (!cu_strmap_get(&c->by_id, id, &slot) || !c->items[slot])
		return 0;
	cm_entity_free(c->items[slot]);
	c->items[slot] = NULL;
	cu_strmap_remove(&c->by_id, id);
	c->live--;
	return 1;
}

cm_entity *cm_collection_find(const cm_collection *c, const char *id)
{
	size_t slot;
	if (!cu_strmap_get(&c->by_id, id, &slot))
		return NULL;
	return c->items[slot];
}
