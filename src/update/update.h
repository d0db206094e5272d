/*
 * cordon update: fetch the configured list files over HTTP(S), verify them,
 * build a new snapshot and swap it in. Nothing already in place (downloaded
 * files, snapshot) is replaced unless every selected source was fetched and
 * verified and the new snapshot was built; see docs/updates.md.
 */
#ifndef CORDON_UPDATE_H
#define CORDON_UPDATE_H

#include "cordon.h"

/* The snapshot an update replaced is kept beside it under this suffix, for `cordon diff`. */
#define CUPD_PREVIOUS_SUFFIX ".previous"
/* In the lists folder: what the last update saw of each file (ETag, Last-Modified, SHA-256, counts). */
#define CUPD_STATE_FILE "update-state.json"

#define CUPD_DEFAULT_MAX_BYTES (512ull << 20)
#define CUPD_DEFAULT_MIN_RATIO 0.9

/* One file to download (one line of update.conf). */
typedef struct {
	char *format;        /* reader format; NULL for a companion read with the line before */
	char *file;          /* name inside the dataset's folder */
	char *url;
	char sha256[65];     /* expected SHA-256 (hex), or "" */
	unsigned long long max_bytes; /* 0: the run's default */
	unsigned long line;  /* in the config file, for messages */
} cupd_file;

/* Every file of one dataset: fetched, verified and replaced together. */
typedef struct {
	char *dataset;
	cupd_file *files;
	size_t file_count;
	double min_ratio; /* < 0: the run's default */
} cupd_source;

typedef struct {
	char *path;
	cupd_source *sources;
	size_t count;
} cupd_config;

/*
 * Reads an update configuration: "<dataset> <format|-|+> <file> <url> [key=value ...]"
 * per line ("+" = a companion of the line before, e.g. OFAC's alt.csv), '#' comments.
 * Errors name the file and line.
 */
int cupd_config_load(const char *path, cupd_config *out);
void cupd_config_dispose(cupd_config *config);

/* One file of a source as the run left it, for a caller that wants more than the report lines. */
typedef struct {
	const char *file, *url;
	long http_status;          /* 200 fetched, 304 not modified, 0 not fetched (an earlier file failed) */
	unsigned long long bytes;  /* fetched bytes (200) */
	const char *sha256;        /* of the fetched bytes (200), else "" */
} cupd_file_report;

/* One selected source at the end of a run. */
typedef struct {
	const char *dataset;
	const char *status; /* "changed" (new files staged: swapped in unless the run failed or was a dry run),
	                     * "unchanged", "failed" (download), "refused" (a check) */
	const char *why;    /* failed or refused: the reason, else NULL */
	unsigned long long entities, rows, old_entities, old_rows; /* "changed": what the new and old files gave */
	const cupd_file_report *files;
	size_t file_count;
} cupd_source_report;

typedef struct {
	const char *lists_dir;     /* where downloads and the state file live */
	const char *snapshot_path; /* the snapshot to replace */
	const char *only;          /* update this dataset only (others are built from their current files) */
	const char *const *sources; /* or these datasets (source_count of them); both NULL: every one */
	size_t source_count;
	int dry_run;               /* fetch and verify, replace nothing */
	int force;                 /* no conditional requests; rebuild even when nothing changed */
	int keep_going;            /* sources that failed keep their files; the others are swapped in */
	long timeout_s;            /* whole transfer of one file; 0: 600 */
	long connect_timeout_s;    /* 0: 30 */
	unsigned long long max_bytes; /* per file unless the config says otherwise; 0: CUPD_DEFAULT_MAX_BYTES */
	double min_ratio;          /* < 0: CUPD_DEFAULT_MIN_RATIO */
	unsigned threads;          /* for the snapshot build; 0 = all cores */
	/* Progress and per-source verdicts, one line each (may be NULL). */
	void (*report)(const char *line, void *payload);
	void *payload;
	/* Each selected source once, at the end of the run, before the outcome is returned (may be NULL). */
	void (*on_source)(const cupd_source_report *source, void *payload);
} cupd_options;

typedef enum {
	CUPD_UPDATED = 0,    /* a new snapshot was swapped in */
	CUPD_UP_TO_DATE = 1, /* every file unchanged (304 or same bytes); nothing rebuilt */
	CUPD_CHECKED = 2,    /* dry run: everything fetched and verified, nothing replaced */
	CUPD_FAILED = 3,     /* a download or the build failed; nothing replaced (unless keep_going) */
	CUPD_REFUSED = 4     /* a file failed a check (size, checksum, gzip, format, shrink); as above */
} cupd_outcome;

/* The first dataset options->only or options->sources names that config does not have, or NULL. */
const char *cupd_unknown_source(const cupd_config *config, const cupd_options *options);

/*
 * Runs one update. Returns the outcome; on CUPD_FAILED or CUPD_REFUSED every
 * problem has been reported (source, URL, why) and cordon_last_error() holds
 * the first one.
 */
cupd_outcome cupd_run(const cupd_config *config, const cupd_options *options);

#endif
