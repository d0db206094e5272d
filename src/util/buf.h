/*
 * Growable byte buffer with a ceiling set at init: every buffer fed from
 * untrusted input has a limit, and a failed append leaves it unchanged.
 */
#ifndef CU_BUF_H
#define CU_BUF_H

#include <stddef.h>

typedef struct {
	char *data; /* always NUL-terminated when non-NULL */
	size_t len;
	size_t cap;
	size_t max; /* largest len allowed */
} cu_buf;

#define CU_BUF_DEFAULT_MAX ((size_t)1 << 30)

void cu_buf_init(cu_buf *b, size_t max);
void cu_buf_dispose(cu_buf *b);
void cu_buf_reset(cu_buf *b);
/* Return 0 or CORDON_ELIMIT / CORDON_ENOMEM. */
int cu_buf_append(cu_buf *b, const void *data, size_t len);
int cu_buf_puts(cu_buf *b, const char *s);
int cu_buf_putc(cu_buf *b, char c);
int cu_buf_printf(cu_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Hands the bytes to the caller (free with free()) and empties the buffer. */
char *cu_buf_take(cu_buf *b);

#endif
