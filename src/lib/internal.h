/* What the public handles are made of; shared by the files under src/lib/ only. */
#ifndef CORDON_LIB_INTERNAL_H
#define CORDON_LIB_INTERNAL_H

#include <stdio.h>

#include "cordon.h"
#include "match/index.h"
#include "snapshot/snapshot.h"

struct cordon_snapshot {
	csnap_snapshot snap;
	cmatch_index index;
};

/*
 * Writes a snapshot of entities list[0..n) (snapshot index i = list[i]) with
 * meta as its META JSON ({"sources": [...]}). For tools that build from
 * entities they assembled themselves (evaluation, synthetic corpora).
 */
int clib_write_snapshot(const cordon_entity *const *list, size_t n, const char *meta, const char *out_path,
                        unsigned threads);

#endif
