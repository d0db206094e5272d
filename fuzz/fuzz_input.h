/*
 * Feeding a fuzz input to a reader: the readers take paths, so the input is
 * written to a file first. For the OFAC folder format the input becomes the
 * primary file of a folder. Shared by the fuzz targets and the regression
 * test that replays the inputs they found.
 */
#ifndef CORDON_FUZZ_INPUT_H
#define CORDON_FUZZ_INPUT_H

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sources/source.h"

/* Runs format's reader over data; returns the reader's code (0 or negative). */
static int fuzz_run_reader(const char *format, const uint8_t *data, size_t size, const char *workdir)
{
	char dir[512], path[600];
	snprintf(dir, sizeof(dir), "%s/fuzz-%d", workdir, (int)getpid());
	mkdir(dir, 0700);
	int folder = strcmp(format, "ofac-csv") == 0;
	snprintf(path, sizeof(path), "%s/%s", dir, folder ? "sdn.csv" : "input");
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	fwrite(data, 1, size, f);
	fclose(f);
	cm_collection coll;
	cm_collection_init(&coll);
	int rc = csrc_run(format, "fuzz", folder ? dir : path, &coll, NULL, NULL);
	/* every entity a reader produces must be well formed */
	for (size_t i = 0; i < coll.count; i++) {
		cm_entity *e = coll.items[i];
		if (e && (!e->e.id || (e->e.name_count && !e->e.names[0].full)))
			__builtin_trap();
	}
	cm_collection_dispose(&coll);
	unlink(path);
	rmdir(dir);
	return rc;
}

#endif
