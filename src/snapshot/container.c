#include "snapshot/container.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "util/error.h"

_Static_assert(sizeof(csnap_header) == CSNAP_HEADER_SIZE, "header layout");
_Static_assert(sizeof(csnap_section_entry) == 32, "section entry layout");

static const uint8_t zero_pad[8];

static int write_hashed(csnap_writer *w, const void *data, size_t size)
{
	if (size && fwrite(data, 1, size, w->file.f) != size)
		return cu_fail(CORDON_EIO, "%s: write failed", w->file.path);
	XXH3_64bits_update(w->hash_state, data, size);
	w->offset += size;
	return 0;
}

int csnap_writer_open(csnap_writer *w, const char *path)
{
	memset(w, 0, sizeof(*w));
	int rc = cu_atomic_open(&w->file, path);
	if (rc)
		return rc;
	w->hash_state = XXH3_createState();
	if (!w->hash_state) {
		cu_atomic_abort(&w->file);
		return cu_fail(CORDON_ENOMEM, "out of memory");
	}
	XXH3_64bits_reset(w->hash_state);
	csnap_header placeholder;
	memset(&placeholder, 0, sizeof(placeholder));
	if (fwrite(&placeholder, 1, sizeof(placeholder), w->file.f) != sizeof(placeholder)) {
		csnap_writer_abort(w);
		return cu_fail(CORDON_EIO, "%s: write failed", path);
	}
	w->offset = CSNAP_HEADER_SIZE;
	return 0;
}

int csnap_writer_add(csnap_writer *w, uint32_t id, const void *data, size_t size)
{
	if (w->section_count == CSNAP_MAX_SECTIONS)
		return cu_fail(CORDON_ELIMIT, "too many snapshot sections");
	csnap_section_entry *s = &w->sections[w->section_count];
	s->id = id;
	s->offset = w->offset;
	s->size = size;
	s->checksum = XXH3_64bits(data, size);
	int rc = write_hashed(w, data, size);
	if (!rc && (w->offset & 7))
		rc = write_hashed(w, zero_pad, 8 - (w->offset & 7));
	if (rc)
		return rc;
	w->section_count++;
	return 0;
}

int csnap_writer_commit(csnap_writer *w)
{
	csnap_header h;
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, CSNAP_MAGIC, 8);
	h.format_version = CSNAP_FORMAT_VERSION;
	h.section_count = w->section_count;
	h.table_offset = w->offset;
	h.created_unix = (int64_t)time(NULL);
	int rc = write_hashed(w, w->sections, w->section_count * sizeof(csnap_section_entry));
	if (rc) {
		csnap_writer_abort(w);
		return rc;
	}
	h.file_size = w->offset;
	h.checksum = XXH3_64bits_digest(w->hash_state);
	if (fseek(w->file.f, 0, SEEK_SET) != 0 || fwrite(&h, 1, sizeof(h), w->file.f) != sizeof(h)) {
		rc = cu_fail(CORDON_EIO, "%s: write failed", w->file.path);
		csnap_writer_abort(w);
		return rc;
	}
	XXH3_freeState(w->hash_state);
	w->hash_state = NULL;
	return cu_atomic_commit(&w->file);
}

void csnap_writer_abort(csnap_writer *w)
{
	if (w->hash_state)
		XXH3_freeState(w->hash_state);
	w->hash_state = NULL;
	cu_atomic_abort(&w->file);
}

static int validate(csnap_file *f, const char *path)
{
	if (f->size < CSNAP_HEADER_SIZE)
		return cu_fail(CORDON_ECORRUPT, "%s: not a cordon snapshot (too short)", path);
	memcpy(&f->header, f->base, sizeof(f->header));
	const csnap_header *h = &f->header;
	if (memcmp(h->magic, CSNAP_MAGIC, 8) != 0)
		return cu_fail(CORDON_ECORRUPT, "%s: not a cordon snapshot", path);
	if (h->format_version != CSNAP_FORMAT_VERSION)
		return cu_fail(CORDON_EVERSION, "%s: snapshot format %u, this build reads %u; rebuild it", path,
		               h->format_version, CSNAP_FORMAT_VERSION);
	if (h->file_size != f->size)
		return cu_fail(CORDON_ECORRUPT, "%s: truncated snapshot (%zu of %llu bytes)", path, f->size,
		               (unsigned long long)h->file_size);
	if (h->section_count > CSNAP_MAX_SECTIONS || h->table_offset < CSNAP_HEADER_SIZE ||
	    h->table_offset > f->size ||
	    (f->size - h->table_offset) != h->section_count * sizeof(csnap_section_entry) || (h->table_offset & 7))
		return cu_fail(CORDON_ECORRUPT, "%s: bad section table", path);
	if (XXH3_64bits(f->base + CSNAP_HEADER_SIZE, f->size - CSNAP_HEADER_SIZE) != h->checksum)
		return cu_fail(CORDON_ECORRUPT, "%s: checksum mismatch (file damaged)", path);
	f->sections = (const csnap_section_entry *)(f->base + h->table_offset);
	for (uint32_t i = 0; i < h->section_count; i++) {
		const csnap_section_entry *s = &f->sections[i];
		if (s->offset < CSNAP_HEADER_SIZE || s->offset > h->table_offset || s->size > h->table_offset - s->offset ||
		    (s->offset & 7))
			return cu_fail(CORDON_ECORRUPT, "%s: section %u out of bounds", path, s->id);
	}
	return 0;
}

int csnap_file_open(csnap_file *f, const char *path)
{
	memset(f, 0, sizeof(*f));
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return cu_fail(errno == ENOENT ? CORDON_ENOTFOUND : CORDON_EIO, "%s: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return cu_fail(CORDON_EIO, "%s: not a regular file", path);
	}
	f->size = (size_t)st.st_size;
	if (f->size == 0) {
		close(fd);
		return cu_fail(CORDON_ECORRUPT, "%s: empty file, not a cordon snapshot", path);
	}
	void *p = mmap(NULL, f->size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return cu_fail(CORDON_EIO, "%s: mmap failed: %s", path, strerror(errno));
	f->base = p;
	int rc = validate(f, path);
	if (rc) {
		csnap_file_close(f);
		return rc;
	}
	return 0;
}

void csnap_file_close(csnap_file *f)
{
	if (f->base)
		munmap((void *)f->base, f->size);
	memset(f, 0, sizeof(*f));
}

const void *csnap_file_section(const csnap_file *f, uint32_t id, size_t *size_out)
{
	for (uint32_t i = 0; i < f->header.section_count; i++)
		if (f->sections[i].id == id) {
			*size_out = (size_t)f->sections[i].size;
			return f->base + f->sections[i].offset;
		}
	*size_out = 0;
	return NULL;
}
