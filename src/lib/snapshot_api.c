/* The public snapshot handle: the mapped snapshot plus its opened match index. */
#include <stdlib.h>
#include <string.h>

#include "lib/internal.h"
#include "util/error.h"

int cordon_snapshot_open(cordon_snapshot **out, const char *path)
{
	if (!out || !path)
		return cu_fail(CORDON_EINVALID, "cordon_snapshot_open needs a path");
	cordon_snapshot *s = calloc(1, sizeof(*s));
	if (!s)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	int rc = csnap_open(&s->snap, path);
	if (!rc) {
		rc = cmatch_index_open(&s->index, &s->snap);
		if (rc)
			csnap_close(&s->snap);
	}
	if (rc) {
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}

void cordon_snapshot_free(cordon_snapshot *snapshot)
{
	if (!snapshot)
		return;
	csnap_close(&snapshot->snap);
	free(snapshot);
}

size_t cordon_snapshot_entity_count(const cordon_snapshot *snapshot)
{
	return snapshot ? snapshot->snap.entity_count : 0;
}

int cordon_snapshot_entity(const cordon_snapshot *snapshot, size_t index, cordon_entity *out)
{
	if (!snapshot || !out)
		return cu_fail(CORDON_EINVALID, "cordon_snapshot_entity: missing argument");
	return csnap_entity(&snapshot->snap, index, out);
}

int cordon_snapshot_find(const cordon_snapshot *snapshot, const char *id, size_t *index_out)
{
	if (!snapshot || !id || !index_out)
		return cu_fail(CORDON_EINVALID, "cordon_snapshot_find: missing argument");
	return csnap_find(&snapshot->snap, id, index_out);
}

int cordon_snapshot_get_info(const cordon_snapshot *snapshot, cordon_snapshot_info *out)
{
	if (!snapshot || !out)
		return cu_fail(CORDON_EINVALID, "cordon_snapshot_get_info: missing argument");
	const csnap_header *h = &snapshot->snap.file.header;
	memset(out, 0, sizeof(*out));
	out->format_version = h->format_version;
	out->created_unix = h->created_unix;
	snprintf(out->checksum, sizeof(out->checksum), "%016llx", (unsigned long long)h->checksum);
	out->file_bytes = h->file_size;
	out->source_count = snapshot->snap.source_count;
	out->sources = snapshot->snap.sources;
	return 0;
}

size_t cordon_snapshot_count(const cordon_snapshot *snapshot, const char *dataset, int schema)
{
	if (!snapshot)
		return 0;
	const csnap_snapshot *s = &snapshot->snap;
	size_t n = 0;
	for (size_t i = 0; i < s->entity_count; i++) {
		if (schema >= 0 && s->rows[i].schema != (uint8_t)schema)
			continue;
		if (dataset && strcmp(csnap_str(s, s->rows[i].dataset), dataset) != 0)
			continue;
		n++;
	}
	return n;
}
