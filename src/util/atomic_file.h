/*
 * Writing a file so that readers see either the old or the complete new
 * version, never a half-written one: write a temporary file beside the
 * target, fsync it, rename it over the target, fsync the folder.
 */
#ifndef CU_ATOMIC_FILE_H
#define CU_ATOMIC_FILE_H

#include <stdio.h>

typedef struct {
	FILE *f;
	char *path;
	char *tmp_path;
} cu_atomic_file;

int cu_atomic_open(cu_atomic_file *af, const char *path);
/* Flushes, syncs and renames; on failure the temporary file is removed. */
int cu_atomic_commit(cu_atomic_file *af);
/* Removes the temporary file; the target is untouched. */
void cu_atomic_abort(cu_atomic_file *af);

#endif
