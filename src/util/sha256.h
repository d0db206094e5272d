/* SHA-256 through OpenSSL's libcrypto, with a streaming interface for files. */
#ifndef CU_SHA256_H
#define CU_SHA256_H

#include <stddef.h>

typedef struct cu_sha256 cu_sha256;

cu_sha256 *cu_sha256_new(void);
void cu_sha256_update(cu_sha256 *h, const void *data, size_t len);
/* Writes 64 hex digits and a NUL to hex[65] and frees h. */
void cu_sha256_finish(cu_sha256 *h, char hex[65]);

/* Hashes a whole file; 0, CORDON_ENOTFOUND or CORDON_EIO (with the last error set). */
int cu_sha256_file(const char *path, char hex[65], unsigned long long *bytes_out);

#endif
