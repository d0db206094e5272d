/*
 * The snapshot container: a header, 8-byte aligned sections, and a section
 * table at the end. One 64-bit XXH3 checksum covers everything after the
 * header, so a flipped bit anywhere is caught on open; each section also
 * carries its own checksum so a damaged one can be named.
 *
 *   offset 0   header (64 bytes, little-endian)
 *   64         section bytes ...
 *   table_off  section_count entries of {id, reserved, offset, size, checksum}
 */
#ifndef CSNAP_CONTAINER_H
#define CSNAP_CONTAINER_H

#include <stddef.h>
#include <stdint.h>

#include "util/atomic_file.h"

#define CSNAP_MAGIC "CORDSNAP"
#define CSNAP_FORMAT_VERSION 2u
#define CSNAP_HEADER_SIZE 64u
#define CSNAP_MAX_SECTIONS 64u

typedef struct {
	char magic[8];
	uint32_t format_version;
	uint32_t section_count;
	uint64_t file_size;
	int64_t created_unix;
	uint64_t table_offset;
	uint64_t checksum; /* XXH3-64 of bytes [64, file_size) */
	uint8_t reserved[16];
} csnap_header;

typedef struct {
	uint32_t id;
	uint32_t reserved;
	uint64_t offset;
	uint64_t size;
	uint64_t checksum;
} csnap_section_entry;

/* Section ids: stable across versions; readers ignore ids they do not know. */
enum {
	CSNAP_SEC_META = 1,      /* JSON: build info and per-source stats */
	CSNAP_SEC_STRINGS = 2,   /* NUL-terminated strings, referenced by offset */
	CSNAP_SEC_ENTITIES = 3,  /* csnap_entity_row[] */
	CSNAP_SEC_RECORDS = 4,   /* varint-encoded entity details */
	CSNAP_SEC_ID_ORDER = 5,  /* uint32 entity indexes sorted by id, for lookup */
	CSNAP_SEC_MATCH_FIRST = 16, /* the match index, see match/layout.h */
	CSNAP_SEC_MATCH_LAST = 63 /* ids reserved for the match index */
};

/* Writing. */
typedef struct {
	cu_atomic_file file;
	uint64_t offset;
	void *hash_state; /* XXH3 state */
	csnap_section_entry sections[CSNAP_MAX_SECTIONS];
	uint32_t section_count;
	int failed;
} csnap_writer;

int csnap_writer_open(csnap_writer *w, const char *path);
/* Appends a whole section. */
int csnap_writer_add(csnap_writer *w, uint32_t id, const void *data, size_t size);
/* Writes the table and header, fsyncs and renames into place. */
int csnap_writer_commit(csnap_writer *w);
void csnap_writer_abort(csnap_writer *w);

/* Reading: a verified, memory-mapped file. */
typedef struct {
	const uint8_t *base;
	size_t size;
	csnap_header header;
	const csnap_section_entry *sections;
} csnap_file;

/* Maps path and checks magic, version, sizes and checksums. */
int csnap_file_open(csnap_file *f, const char *path);
void csnap_file_close(csnap_file *f);
/* Returns the section's bytes or NULL when absent. */
const void *csnap_file_section(const csnap_file *f, uint32_t id, size_t *size_out);

#endif
