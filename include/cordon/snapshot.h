/**
 * @file cordon/snapshot.h
 * @brief Building a snapshot from list files, and opening one for screening.
 *
 * A snapshot is one versioned, checksummed file holding every entity of
 * every configured source plus the match index. It is memory-mapped on open,
 * so opening costs milliseconds whatever the size, and an open snapshot is
 * immutable: any number of threads may read it at once.
 */
#ifndef CORDON_SNAPSHOT_H
#define CORDON_SNAPSHOT_H

#include "common.h"
#include "entity.h"

CORDON_BEGIN_DECL

typedef struct cordon_snapshot cordon_snapshot;

/** One list to read: a dataset name, the reader format, and a file or folder. */
typedef struct {
	const char *dataset; /**< e.g. "ofac-sdn"; prefix of every entity id */
	const char *format;  /**< reader: "ofac-csv", "un-xml", "us-csl", "bis-dpl", "ftm", "eu-fsf", "uk-ofsi", "uk-sl" */
	const char *path;    /**< file or folder, see docs/sources.md */
} cordon_source;

/** Formats a dataset name implies when none is given ("ofac-sdn" -> "ofac-csv"); NULL if none. */
CORDON_EXTERN(const char *) cordon_source_default_format(const char *dataset);

/** Names of every reader format, NULL-terminated. */
CORDON_EXTERN(const char *const *) cordon_source_formats(void);

/**
 * Reads a source configuration file: one source per line,
 * "<dataset> <format> <path>" (format may be "-" for the dataset's default),
 * '#' starts a comment, relative paths are relative to the file's folder.
 * *out and its strings are freed with cordon_sources_free().
 */
CORDON_EXTERN(int) cordon_sources_load(const char *config_path, cordon_source **out, size_t *count_out) CORDON_WARN_UNUSED;
CORDON_EXTERN(void) cordon_sources_free(cordon_source *sources, size_t count);

/** What a build saw of one source file. */
typedef struct {
	const char *dataset;
	const char *path;
	char sha256[65];        /**< hex digest of the file's bytes */
	uint64_t bytes;
	uint64_t rows;          /**< records read (lines, XML records, JSON lines) */
	uint64_t skipped_rows;  /**< malformed records skipped by the reader's policy */
	uint64_t unknown_fields;/**< columns, elements or properties the reader ignored */
	char file_date[11];     /**< YYYY-MM-DD: date published in the file, else its mtime */
	uint64_t entities;      /**< entities this source contributed after the build */
} cordon_source_stats;

typedef struct {
	unsigned version;
	unsigned threads; /**< 0 = all cores */
	/** Called for each warning (skipped row, repaired text); may be NULL. */
	void (*on_warning)(const char *message, void *payload);
	void *payload;
} cordon_build_options;

#define CORDON_BUILD_OPTIONS_VERSION 1
#define CORDON_BUILD_OPTIONS_INIT {CORDON_BUILD_OPTIONS_VERSION, 0, NULL, NULL}

/**
 * Reads every source and writes the snapshot to out_path atomically (temporary
 * file, fsync, rename): on failure the previous file at out_path is untouched.
 * If stats_out is not NULL it receives an array (free with cordon_build_stats_free).
 */
CORDON_EXTERN(int) cordon_snapshot_build(const cordon_source *sources, size_t source_count,
                                         const char *out_path, const cordon_build_options *options,
                                         cordon_source_stats **stats_out, size_t *stats_count_out) CORDON_WARN_UNUSED;
CORDON_EXTERN(void) cordon_build_stats_free(cordon_source_stats *stats, size_t count);

/** Maps a snapshot and verifies its format version and checksums. */
CORDON_EXTERN(int) cordon_snapshot_open(cordon_snapshot **out, const char *path) CORDON_WARN_UNUSED;
CORDON_EXTERN(void) cordon_snapshot_free(cordon_snapshot *snapshot);

CORDON_EXTERN(size_t) cordon_snapshot_entity_count(const cordon_snapshot *snapshot);

/** Loads entity number index (0-based) into out; release with cordon_entity_dispose. */
CORDON_EXTERN(int) cordon_snapshot_entity(const cordon_snapshot *snapshot, size_t index, cordon_entity *out) CORDON_WARN_UNUSED;

/** Finds an entity by its id; CORDON_ENOTFOUND when absent. */
CORDON_EXTERN(int) cordon_snapshot_find(const cordon_snapshot *snapshot, const char *id, size_t *index_out) CORDON_WARN_UNUSED;

/** Summary of a snapshot: creation time, format version, per-source stats. */
typedef struct {
	uint32_t format_version;
	int64_t created_unix;
	char checksum[17];          /**< hex of the snapshot's own checksum */
	uint64_t file_bytes;
	size_t source_count;
	const cordon_source_stats *sources; /**< borrowed from the snapshot */
} cordon_snapshot_info;

CORDON_EXTERN(int) cordon_snapshot_get_info(const cordon_snapshot *snapshot, cordon_snapshot_info *out) CORDON_WARN_UNUSED;

/** Number of entities of a dataset (NULL = all) and schema (-1 = all). */
CORDON_EXTERN(size_t) cordon_snapshot_count(const cordon_snapshot *snapshot, const char *dataset, int schema);

CORDON_END_DECL

#endif
