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

#endif
