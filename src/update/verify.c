/* Integrity and format checks of downloaded files (verify.h). */
#include "update/verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/collection.h"
#include "sources/source.h"
#include "util/error.h"
#include "util/input.h"

int cupd_check_gzip(const char *path)
{
	unsigned char magic[2] = {0, 0};
	FILE *f = fopen(path, "rb");
	if (!f)
		return cu_fail(CORDON_EIO, "%s: cannot read", path);
	size_t n = fread(magic, 1, 2, f);
	fclose(f);
	if (n < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
		return 0; /* not compressed */
	cu_input *in;
	int rc = cu_input_open(&in, path);
	if (rc)
		return rc;
	char *buf = malloc(1 << 16);
	long got = buf ? 0 : -1;
	while (buf && (got = cu_input_read(in, buf, 1 << 16)) > 0)
		;
	free(buf);
	cu_input_close(in);
	return got < 0 ? cu_fail(CORDON_EIO, "%s: damaged or truncated gzip stream", path) : 0;
}

int cupd_count_source(const cupd_source *s, const char *dir, unsigned long long *rows, unsigned long long *entities,
                      size_t *failed_file)
{
	cm_collection coll;
	cm_collection_init(&coll);
	*rows = 0;
	int rc = 0;
	for (size_t i = 0; i < s->file_count && !rc; i++) {
		const cupd_file *f = &s->files[i];
		if (!f->format)
			continue; /* a companion: its reader line reads it */
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, f->file);
		csrc_stats stats;
		memset(&stats, 0, sizeof(stats));
		rc = csrc_run(f->format, s->dataset, path, &coll, &stats, NULL);
		*rows += stats.rows;
		*failed_file = i;
	}
	*entities = coll.live;
	cm_collection_dispose(&coll);
	return rc;
}
