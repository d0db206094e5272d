/* Checks on a downloaded file before it may replace the one in place. */
#ifndef CUPD_VERIFY_H
#define CUPD_VERIFY_H

#include "update/update.h"

/* A gzip file (by its first bytes) must decompress to its end: a cut or damaged stream is refused. */
int cupd_check_gzip(const char *path);

/*
 * Reads every reader line of s from folder dir with the existing readers: the rows they read and
 * the entities that result. On failure *failed_file is the index of the file being read.
 */
int cupd_count_source(const cupd_source *s, const char *dir, unsigned long long *rows, unsigned long long *entities,
                      size_t *failed_file);

#endif
