/*
 * The entities of a build, keyed by id. A later entity with the same id
 * replaces the earlier one (FtM MOD, a list repeating a record); removal
 * leaves a hole that iteration skips.
 */
#ifndef CM_COLLECTION_H
#define CM_COLLECTION_H

#include <stddef.h>

#include "model/entity_build.h"
#include "util/strmap.h"

typedef struct {
	cm_entity **items; /* NULL where removed */
	size_t count;      /* slots used, including holes */
	size_t cap;
	size_t live;       /* entities present */
	cu_strmap by_id;
} cm_collection;

void cm_collection_init(cm_collection *c);
void cm_collection_dispose(cm_collection *c);
/* Takes ownership of ent (freed on failure). Replaces an entity with the same id. */
int cm_collection_put(cm_collection *c, cm_entity *ent);
/* Removes by id; returns 1 when it was present. */
int cm_collection_remove(cm_collection *c, const char *id);
cm_entity *cm_collection_find(const cm_collection *c, const char *id);

#endif
