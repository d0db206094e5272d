/* What one update run holds, shared by its steps: stage.c (fetch, verify), commit.c (build, swap). */
#ifndef CUPD_RUN_H
#define CUPD_RUN_H

#include <jansson.h>

#include "update/fetch.h"
#include "update/update.h"

typedef enum { SRC_SKIPPED, SRC_UNCHANGED, SRC_STAGED, SRC_FAILED } src_status;

typedef struct {
	const cupd_source *src;
	src_status status;
	int refused;           /* failed a check rather than a download */
	char *why;             /* the failure, for cupd_options.on_source */
	char *current_dir;     /* folder in place (name inside the lists folder), or NULL */
	char *staged_dir;      /* new folder, while staged */
	cupd_fetch_result *fetched; /* per file; status 0 when not fetched */
	unsigned long long rows, entities, old_rows, old_entities;
} src_run;

typedef struct {
	const cupd_config *cfg;
	const cupd_options *opt;
	json_t *state;
	src_run *srcs; /* one per config source */
	size_t failures, refusals;
	int kept_previous; /* the snapshot replaced was kept as SNAPSHOT.previous */
	int committed;     /* the new folders are in use: they stay */
} upd_run;

/* Reports one line through the options' callback (printf-style). */
void cupd_say(const upd_run *r, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Reports a failure of source sr and records it; refused: a check failed, not a download. */
void cupd_source_failed(upd_run *r, src_run *sr, int refused, const char *why);

/* "<lists dir>/<name>" (malloc'd). */
char *cupd_path(const upd_run *r, const char *name);
/* Removes a version folder (flat: files only) of the lists folder. */
void cupd_remove_dir(const upd_run *r, const char *name);

/* stage.c: fetches every file of sr into a new folder and verifies it. */
void cupd_stage_source(upd_run *r, src_run *sr);
/* commit.c: records validators, hashes and counts in the state file and saves it. */
void cupd_record_state(upd_run *r);
/* commit.c: builds the snapshot from staged and current folders and swaps everything in. */
cupd_outcome cupd_commit(upd_run *r);

#endif
