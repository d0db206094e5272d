/* Per-thread last error: a code and a one-line message naming where it happened. */
#ifndef CU_ERROR_H
#define CU_ERROR_H

#include "cordon/common.h"

#if defined(__GNUC__)
#define CU_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CU_PRINTF(a, b)
#endif

/* Records the message and returns code, so callers can write `return cu_fail(...)`. */
int cu_fail(int code, const char *fmt, ...) CU_PRINTF(2, 3);
void cu_error_clear(void);

#endif
