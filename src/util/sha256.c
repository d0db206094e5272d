#include "util/sha256.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "util/error.h"

/* A cu_sha256 is an EVP_MD_CTX under another name; the type stays opaque. */

cu_sha256 *cu_sha256_new(void)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx)
		return NULL;
	if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(ctx);
		return NULL;
	}
	return (cu_sha256 *)ctx; /* the context is the whole state */
}

void cu_sha256_update(cu_sha256 *h, const void *data, size_t len)
{
	EVP_DigestUpdate((EVP_MD_CTX *)h, data, len);
}

void cu_sha256_finish(cu_sha256 *h, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	EVP_DigestFinal_ex((EVP_MD_CTX *)h, md, &n);
	EVP_MD_CTX_free((EVP_MD_CTX *)h);
	static const char digits[] = "0123456789abcdef";
	for (unsigned i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}

int cu_sha256_file(const char *path, char hex[65], unsigned long long *bytes_out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return cu_fail(errno == ENOENT ? CORDON_ENOTFOUND : CORDON_EIO, "%s: %s", path, strerror(errno));
	cu_sha256 *h = cu_sha256_new();
	if (!h) {
		fclose(f);
		return cu_fail(CORDON_ENOMEM, "%s: cannot start SHA-256", path);
	}
	unsigned char block[1 << 16];
	unsigned long long total = 0;
	size_t n;
	while ((n = fread(block, 1, sizeof(block), f)) > 0) {
		cu_sha256_update(h, block, n);
		total += n;
	}
	int failed = ferror(f);
	fclose(f);
	cu_sha256_finish(h, hex);
	if (failed)
		return cu_fail(CORDON_EIO, "%s: read error", path);
	if (bytes_out)
		*bytes_out = total;
	return 0;
}
