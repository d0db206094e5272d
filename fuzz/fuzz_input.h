/*
 * Feeding a fuzz input to a reader or to the snapshot loader. The readers
 * take paths, so the input is written to files first. Shared by the fuzz
 * targets and the regression test that replays the inputs they found.
 *
 * Two formats read more than one file, so their input may be split by the
 * line FUZZ_FILE_SEP into several files of one folder:
 *  - ofac-csv: sdn.csv, add.csv, alt.csv, sdn_comments.csv (the reader is
 *    given the folder);
 *  - ftm: input, delta-1.json, delta-2.json, delta-3.json (the reader is
 *    given "input", which may be a delta index naming versions 1, 2, 3).
 * Every other format gets the whole input as one file.
 */
#ifndef CORDON_FUZZ_INPUT_H
#define CORDON_FUZZ_INPUT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "cordon.h"
#include "snapshot/container.h"
#include "sources/source.h"

#define FUZZ_FILE_SEP "\n--next-file--\n"
#define FUZZ_MAX_FILES 4

static const char *const fuzz_ofac_files[FUZZ_MAX_FILES] = {"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"};
static const char *const fuzz_ftm_files[FUZZ_MAX_FILES] = {"input", "delta-1.json", "delta-2.json", "delta-3.json"};
static const char *const fuzz_one_file[FUZZ_MAX_FILES] = {"input", NULL, NULL, NULL};

static inline int fuzz_write_file(const char *dir, const char *name, const uint8_t *data, size_t size)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t n = size ? fwrite(data, 1, size, f) : 0;
	return fclose(f) == 0 && n == size ? 0 : -1;
}

/* The first FUZZ_FILE_SEP in data, or NULL (memmem is not in C11 or POSIX). */
static inline const uint8_t *fuzz_find_sep(const uint8_t *data, size_t size)
{
	const size_t sep_len = sizeof(FUZZ_FILE_SEP) - 1;
	for (size_t i = 0; i + sep_len <= size; i++)
		if (data[i] == '\n' && memcmp(data + i, FUZZ_FILE_SEP, sep_len) == 0)
			return data + i;
	return NULL;
}

/* Writes data as the files of names (split at FUZZ_FILE_SEP when there are several); -1 on I/O error. */
static inline int fuzz_write_files(const char *dir, const char *const *names, const uint8_t *data, size_t size)
{
	const size_t sep_len = sizeof(FUZZ_FILE_SEP) - 1;
	for (int i = 0; i < FUZZ_MAX_FILES && names[i]; i++) {
		const uint8_t *end = NULL;
		if (i + 1 < FUZZ_MAX_FILES && names[i + 1])
			end = fuzz_find_sep(data, size);
		size_t part = end ? (size_t)(end - data) : size;
		if (fuzz_write_file(dir, names[i], data, part) != 0)
			return -1;
		if (!end)
			break;
		data += part + sep_len;
		size -= part + sep_len;
	}
	return 0;
}

static inline void fuzz_remove_files(const char *dir, const char *const *names)
{
	char path[600];
	for (int i = 0; i < FUZZ_MAX_FILES && names[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* 1 when s is NULL or valid UTF-8 (no overlongs, surrogates or code points above U+10FFFF). */
static inline int fuzz_utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (p && *p) {
		unsigned c = *p, n = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2
		                                  : c >= 0xF0 && c <= 0xF4 ? 3 : 9;
		if (n == 9)
			return 0;
		unsigned cp = n ? c & (0x3Fu >> n) : c;
		for (unsigned k = 1; k <= n; k++) {
			if ((p[k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (p[k] & 0x3Fu);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return 0;
		p += n + 1;
	}
	return 1;
}

static inline int fuzz_strings_ok(const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!v[i] || !fuzz_utf8_ok(v[i]))
			return 0;
	return 1;
}

/*
 * What every reader promises about an entity: an id, a primary name when
 * there are names, and text that is valid UTF-8 everywhere (the model
 * repairs invalid bytes), so it can be stored, rendered and matched.
 */
static inline int fuzz_entity_ok(const cordon_entity *e)
{
	if (!e->id || !fuzz_utf8_ok(e->id) || !fuzz_utf8_ok(e->dataset) || !fuzz_utf8_ok(e->remarks) ||
	    !fuzz_utf8_ok(e->source_url) || !fuzz_utf8_ok(e->gender) || !fuzz_utf8_ok(e->listing_date.text))
		return 0;
	for (size_t i = 0; i < e->name_count; i++) {
		const cordon_name *n = &e->names[i];
		if (!n->full || !fuzz_utf8_ok(n->full) || !fuzz_utf8_ok(n->given) || !fuzz_utf8_ok(n->family) ||
		    !fuzz_utf8_ok(n->script))
			return 0;
	}
	for (size_t i = 0; i < e->birth_date_count; i++)
		if (!fuzz_utf8_ok(e->birth_dates[i].text))
			return 0;
	for (size_t i = 0; i < e->identifier_count; i++) {
		const cordon_identifier *d = &e->identifiers[i];
		if (!fuzz_utf8_ok(d->label) || !fuzz_utf8_ok(d->value) || !fuzz_utf8_ok(d->country) ||
		    !fuzz_utf8_ok(d->note))
			return 0;
	}
	for (size_t i = 0; i < e->address_count; i++) {
		const cordon_address *a = &e->addresses[i];
		if (!fuzz_utf8_ok(a->full) || !fuzz_utf8_ok(a->street) || !fuzz_utf8_ok(a->city) ||
		    !fuzz_utf8_ok(a->region) || !fuzz_utf8_ok(a->postal_code) || !fuzz_utf8_ok(a->country))
			return 0;
	}
	for (size_t i = 0; i < e->relation_count; i++)
		if (!e->relations[i].kind || !e->relations[i].target || !fuzz_utf8_ok(e->relations[i].kind) ||
		    !fuzz_utf8_ok(e->relations[i].target))
			return 0;
	for (size_t i = 0; i < e->attribute_count; i++)
		if (!e->attributes[i].key || !e->attributes[i].value || !fuzz_utf8_ok(e->attributes[i].key) ||
		    !fuzz_utf8_ok(e->attributes[i].value))
			return 0;
	return fuzz_strings_ok(e->birth_places, e->birth_place_count) &&
	       fuzz_strings_ok(e->nationalities, e->nationality_count) &&
	       fuzz_strings_ok(e->citizenships, e->citizenship_count) &&
	       fuzz_strings_ok(e->countries, e->country_count) && fuzz_strings_ok(e->programs, e->program_count) &&
	       fuzz_strings_ok(e->titles, e->title_count);
}

/* Runs format's reader over data; returns the reader's code (0 or negative). */
static inline int fuzz_run_reader(const char *format, const uint8_t *data, size_t size, const char *workdir)
{
	char dir[512], path[600];
	snprintf(dir, sizeof(dir), "%s/fuzz-%d", workdir, (int)getpid());
	mkdir(dir, 0700);
	int ofac = strcmp(format, "ofac-csv") == 0;
	const char *const *names = ofac ? fuzz_ofac_files : strcmp(format, "ftm") == 0 ? fuzz_ftm_files : fuzz_one_file;
	if (fuzz_write_files(dir, names, data, size) != 0) {
		fuzz_remove_files(dir, names);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, names[0]);
	cm_collection coll;
	cm_collection_init(&coll);
	int rc = csrc_run(format, "fuzz", ofac ? dir : path, &coll, NULL, NULL);
	/* every entity a reader produces must be well formed */
	for (size_t i = 0; i < coll.count; i++)
		if (coll.items[i] && !fuzz_entity_ok(&coll.items[i]->e))
			__builtin_trap();
	cm_collection_dispose(&coll);
	fuzz_remove_files(dir, names);
	return rc;
}

/*
 * The snapshot loader refuses a file whose checksum does not match, which
 * stops almost every mutation at the door. To reach the structure behind it,
 * the input's header gets the right file size and checksum before it is
 * written (magic, version and the section table stay as the input has them).
 * The library's own checks are unchanged.
 */
static inline void fuzz_fix_snapshot_header(uint8_t *data, size_t size)
{
	if (size < CSNAP_HEADER_SIZE)
		return;
	csnap_header h;
	memcpy(&h, data, sizeof(h));
	h.file_size = size;
	h.checksum = XXH3_64bits(data + CSNAP_HEADER_SIZE, size - CSNAP_HEADER_SIZE);
	memcpy(data, &h, sizeof(h));
}

/* Opens data as a snapshot (header fixed when fix_header) and reads every entity; returns open's code. */
static inline int fuzz_run_snapshot(const uint8_t *data, size_t size, int fix_header, const char *workdir)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/fuzz-snap-%d", workdir, (int)getpid());
	uint8_t *copy = malloc(size ? size : 1);
	if (!copy)
		return -1;
	if (size)
		memcpy(copy, data, size);
	if (fix_header)
		fuzz_fix_snapshot_header(copy, size);
	FILE *f = fopen(path, "wb");
	if (!f) {
		free(copy);
		return -1;
	}
	fwrite(copy, 1, size, f);
	fclose(f);
	free(copy);
	cordon_snapshot *s;
	int rc = cordon_snapshot_open(&s, path);
	if (rc == 0) {
		size_t n = cordon_snapshot_entity_count(s), found;
		char name[256] = "";
		for (size_t i = 0; i < n; i++) {
			cordon_entity e;
			if (cordon_snapshot_entity(s, i, &e) != 0)
				continue;
			/* the id index need not find it (a damaged index may be unsorted), but must not crash */
			if (e.id && cordon_snapshot_find(s, e.id, &found) == 0 && found >= n)
				__builtin_trap();
			if (!name[0] && e.name_count && e.names[0].full)
				snprintf(name, sizeof(name), "%s", e.names[0].full);
			char *json; /* touches every array and string of the entity */
			if (cordon_entity_to_json(&e, &json) == 0)
				free(json);
			cordon_entity_dispose(&e);
		}
		if (cordon_snapshot_find(s, "no-such-id", &found) == 0 && found >= n)
			__builtin_trap();
		cordon_snapshot_info info;
		if (cordon_snapshot_get_info(s, &info) != 0)
			__builtin_trap();
		cordon_query q = CORDON_QUERY_INIT;
		q.name = name[0] ? name : "john smith";
		cordon_results res;
		if (cordon_screen(s, &q, &res) == 0)
			cordon_results_dispose(&res);
		cordon_snapshot_free(s);
	}
	unlink(path);
	return rc;
}

#endif
