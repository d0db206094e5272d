/*
 * Reading list files: plain or gzip-compressed (detected by content, so
 * bundled data can be stored compressed), with the bytes read counted and
 * the raw file hashed on the way for the snapshot's provenance record.
 */
#ifndef CU_INPUT_H
#define CU_INPUT_H

#include <stddef.h>

#include "util/buf.h"

typedef struct cu_input cu_input;

/* Opens path; 0, CORDON_ENOTFOUND or CORDON_EIO with the last error naming the file. */
int cu_input_open(cu_input **out, const char *path);
void cu_input_close(cu_input *in);

/* Reads up to len decompressed bytes; returns the count, 0 at end, negative on error. */
long cu_input_read(cu_input *in, void *dst, size_t len);

/*
 * Reads one line without its terminator (LF, CR LF or CR LF followed by the
 * DOS end-of-file byte). Returns 1 when a line was read, 0 at end of file,
 * CORDON_ELIMIT when a line is longer than line->max (the rest of that line
 * is skipped so the caller may continue), CORDON_EIO on error.
 */
int cu_input_line(cu_input *in, cu_buf *line);

/* 1-based number of the last line returned by cu_input_line. */
unsigned long cu_input_line_number(const cu_input *in);
const char *cu_input_path(const cu_input *in);

/* Reads a whole file (decompressing) into *out (malloc'd, NUL-terminated). */
int cu_read_file(const char *path, size_t max, char **out, size_t *len_out);

#endif
