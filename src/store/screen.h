/* Screening the stored parties against a snapshot (screen_parties.c). */
#ifndef CORDON_STORE_SCREEN_H
#define CORDON_STORE_SCREEN_H

#include <stdint.h>

#include "cordon.h"
#include "store/store.h"

typedef struct {
	uint64_t parties;    /* parties screened */
	uint64_t screenings; /* screenings recorded */
	uint64_t hits, open, cleared, confirmed;
	uint64_t second_stage; /* parties the prefilter passed to the confirming screening */
} store_screen_result;

typedef struct {
	const cordon_snapshot *snapshot; /* what to screen against */
	/* The snapshot to record as screened against, when that is not `snapshot` itself (a delta
	 * screening runs on a snapshot of the changed entities only); NULL: snapshot's own. */
	const char *snapshot_checksum;
	int64_t snapshot_created;
	int delta;           /* record as "delta", and only screenings with hits */
	/*
	 * Two-stage screening (monitoring): a party with any match in `snapshot` (at `threshold`, a
	 * prefilter) is screened again against `confirm` at `confirm_threshold`, and only matches
	 * whose entity index in `confirm` passes `keep` are recorded. Scores and entity hashes are
	 * then exactly those a full screening against `confirm` gives. NULL: one stage.
	 */
	const cordon_snapshot *confirm;
	double confirm_threshold;
	int (*keep)(size_t confirm_entity_index, void *payload); /* called on the screening threads */
	double threshold;    /* 0: CORDON_DEFAULT_THRESHOLD */
	size_t limit;        /* 0: CORDON_DEFAULT_LIMIT; at most 64 hits are recorded */
	unsigned threads;    /* screening threads; 0: one per core */
	/* Each hit as recorded (status set), on the calling thread; may be NULL. */
	void (*on_hit)(const store_party *p, const store_screening *sc, const store_hit *h, void *payload);
	/* After each committed batch; may be NULL. */
	void (*on_progress)(const store_screen_result *res, void *payload);
	void *payload;
} store_screen_options;

/* Screens every stored party, a batch of parties per transaction. */
int store_screen_parties(store *s, const store_screen_options *opt, store_screen_result *res);

#endif
