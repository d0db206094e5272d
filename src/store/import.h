/* Importing the party file (parties_csv.c). */
#ifndef CORDON_STORE_IMPORT_H
#define CORDON_STORE_IMPORT_H

#include <stdint.h>

#include "store/store.h"

typedef struct {
	int strict; /* any bad row: import nothing */
	/* Each bad row or ignored column, as "FILE:LINE: problem"; may be NULL. */
	void (*on_error)(const char *message, void *payload);
	void *payload;
} store_import_options;

typedef struct {
	uint64_t rows; /* data rows read, header excluded */
	uint64_t inserted, updated, unchanged;
	uint64_t bad_rows;
} store_import_result;

/*
 * Imports a CSV party file in one transaction: the good rows are committed
 * together (bad rows reported and skipped), or nothing when the file cannot
 * be read, a write fails, or opt->strict and some row was bad.
 */
int store_import_csv(store *s, const char *path, const store_import_options *opt, store_import_result *res);

#endif
