/*
 * The snapshot being served, and the rules pack POST /v1/check applies with it,
 * swapped whole on reload. A request holds a
 * reference for its whole life, so a reload never pulls a snapshot from
 * under it: the old one is freed when its last request lets go.
 */
#ifndef CORDON_SERVER_HOLDER_H
#define CORDON_SERVER_HOLDER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "cordon.h"
#include "rules/rules.h"

#define SRV_MAX_DATASETS 32

typedef struct {
	cordon_snapshot *snap;
	atomic_long refs;
	uint64_t generation; /* 1 for the first snapshot loaded, +1 per reload */
	int64_t loaded_unix;
	cordon_snapshot_info info;
	const char *datasets[SRV_MAX_DATASETS]; /* distinct dataset names, borrowed from info */
	size_t dataset_count;
	rules_pack *rules;       /* NULL when the server has no rules pack */
} srv_snapshot;

typedef struct {
	pthread_mutex_t lock;   /* guards current */
	pthread_mutex_t reload; /* one reload at a time */
	srv_snapshot *current;
	char *path;
	char *rules_path;       /* NULL: POST /v1/check answers 503 */
	atomic_ulong reloads, failed_reloads;
} srv_holder;

/* Opens path as the first snapshot, and the rules pack when rules_path is not NULL; on failure err says why. */
int srv_holder_init(srv_holder *h, const char *path, const char *rules_path, char *err, size_t errsize);
void srv_holder_dispose(srv_holder *h);

/* The current snapshot with a reference taken; give it back with srv_snapshot_release. */
srv_snapshot *srv_holder_acquire(srv_holder *h);
void srv_snapshot_release(srv_snapshot *s);

/*
 * Opens and verifies the file at the holder's path (and the rules pack) again and, when
 * both are good, makes them current; a bad file leaves the old ones serving. Returns 0
 * or a cordon error code.
 */
int srv_holder_reload(srv_holder *h, char *err, size_t errsize);

/* Whether name is a dataset of s ("default" and "sanctions" stand for all of them). */
int srv_snapshot_has_dataset(const srv_snapshot *s, const char *name);

#endif
