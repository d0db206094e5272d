/* Ongoing monitoring: stored parties re-screened against what changed between two snapshots (monitor.c). */
#ifndef CORDON_STORE_MONITOR_H
#define CORDON_STORE_MONITOR_H

#include "store/screen.h"

typedef struct {
	const cordon_snapshot *old_snap; /* the snapshot last monitored against; NULL: screen everything */
	const cordon_snapshot *new_snap;
	double threshold;                /* 0: CORDON_DEFAULT_THRESHOLD */
	double prefilter;                /* first-stage threshold; 0: threshold - 0.1, at least 0.5 */
	/* Each hit recorded (status set: "open" is a new potential hit); may be NULL. */
	void (*on_hit)(const store_party *p, const store_screening *sc, const store_hit *h, void *payload);
	void *payload;
} store_monitor_options;

typedef struct {
	int full;               /* no old snapshot: every party was screened against every entity */
	size_t changed;         /* entities added or changed in a field screening reads */
	store_screen_result screen;
	double diff_seconds, build_seconds, screen_seconds;
} store_monitor_result;

/*
 * Screens every stored party against the entities of new_snap that are new
 * or changed since old_snap, recording a "delta" screening for each party
 * with a hit (scored as a full screening against new_snap would score it).
 */
int store_monitor(store *s, const store_monitor_options *opt, store_monitor_result *res);

/* Where the store remembers the snapshot it last monitored against (a kept copy) and its checksum. */
#define STORE_MONITOR_SNAPSHOT_KEY "monitor.snapshot"
#define STORE_MONITOR_CHECKSUM_KEY "monitor.checksum"

/*
 * Keeps the snapshot at snap_path, which must hold the version `checksum`, for the next run as
 * STORE.monitor-CHECKSUM.cordonsnap (path in kept): a hard link (snapshots are replaced by rename,
 * never rewritten, so the link keeps this version), else a copy. A file at snap_path that now holds
 * another version (replaced since the caller opened it) is refused with CORDON_EINVALID, so the
 * name never promises a version the file does not hold.
 */
int store_monitor_keep(const char *store_file, const char *snap_path, const char *checksum, char *kept,
                       size_t size);

/* Remembers new_checksum and the kept copy's path, and audits the run, in one transaction. */
int store_monitor_record(store *s, const char *old_checksum, const char *new_checksum, const char *kept_path,
                         const store_monitor_result *res);

#endif
