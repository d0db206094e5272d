/* HTTP(S) downloads through libcurl (fetch.h). */
#include "update/fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "cordon.h"
#include "util/error.h"
#include "util/sha256.h"
#include "util/strutil.h"

typedef struct {
	FILE *out;
	cu_sha256 *hash;
	unsigned long long bytes, max;
	int too_large, write_failed;
	cupd_fetch_result *res;
} transfer;

static size_t on_body(char *data, size_t size, size_t n, void *userdata)
{
	transfer *t = userdata;
	size_t len = size * n;
	if (t->bytes + len > t->max) {
		t->too_large = 1;
		return 0; /* makes curl stop with CURLE_WRITE_ERROR */
	}
	errno = 0;
	if (fwrite(data, 1, len, t->out) != len) {
		t->write_failed = errno ? errno : EIO;
		return 0;
	}
	cu_sha256_update(t->hash, data, len);
	t->bytes += len;
	return len;
}

/* Value of "Name: value" when the header line is that header, trimmed; else NULL. */
static char *header_value(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);
	if (len <= n + 1 || cu_ascii_ncasecmp(line, name, n) != 0 || line[n] != ':')
		return NULL;
	const char *v = line + n + 1, *end = line + len;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
		end--;
	return end > v ? cu_strndup(v, (size_t)(end - v)) : NULL;
}

/* Keeps the validators of the last response only (a redirect's headers come first). */
static size_t on_header(char *line, size_t size, size_t n, void *userdata)
{
	transfer *t = userdata;
	size_t len = size * n;
	char *v;
	if (len >= 5 && memcmp(line, "HTTP/", 5) == 0) {
		free(t->res->etag);
		free(t->res->last_modified);
		t->res->etag = t->res->last_modified = NULL;
	} else if ((v = header_value(line, len, "ETag"))) {
		free(t->res->etag);
		t->res->etag = v;
	} else if ((v = header_value(line, len, "Last-Modified"))) {
		free(t->res->last_modified);
		t->res->last_modified = v;
	}
	return len;
}

static struct curl_slist *conditional_headers(const cupd_fetch_request *req)
{
	struct curl_slist *list = NULL;
	char line[1100];
	if (req->etag && strlen(req->etag) < 1024) {
		snprintf(line, sizeof(line), "If-None-Match: %s", req->etag);
		list = curl_slist_append(list, line);
	}
	if (req->last_modified && strlen(req->last_modified) < 1024) {
		snprintf(line, sizeof(line), "If-Modified-Since: %s", req->last_modified);
		struct curl_slist *more = curl_slist_append(list, line);
		list = more ? more : list;
	}
	return list;
}

static void set_options(CURL *c, const cupd_fetch_request *req, transfer *t, char *errbuf,
                        struct curl_slist *headers)
{
	curl_easy_setopt(c, CURLOPT_URL, req->url);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "cordon-update");
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* lists compress well; curl decodes */
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, req->connect_timeout_s);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, req->timeout_s);
	/* a stalled server: give up after a minute without a byte, well before the total timeout */
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, req->timeout_s < 60 ? req->timeout_s : 60L);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)req->max_bytes);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(c, CURLOPT_FILETIME, 1L);
	if (headers)
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
}

/* The message for a failed transfer or an unexpected status. */
static int failure(const cupd_fetch_request *req, const transfer *t, CURLcode code, long status, const char *errbuf)
{
	if (t->too_large || code == CURLE_FILESIZE_EXCEEDED) {
		t->res->refused = 1;
		return cu_fail(CORDON_ELIMIT, "%s: larger than the limit of %llu bytes", req->url, req->max_bytes);
	}
	if (t->write_failed)
		return cu_fail(CORDON_EIO, "%s: cannot write %s: %s", req->url, req->dest, strerror(t->write_failed));
	if (code == CURLE_PARTIAL_FILE)
		return cu_fail(CORDON_EIO, "%s: truncated download (%s)", req->url, errbuf[0] ? errbuf : "partial file");
	if (code != CURLE_OK)
		return cu_fail(CORDON_EIO, "%s: %s", req->url, errbuf[0] ? errbuf : curl_easy_strerror(code));
	if (status == 304)
		return cu_fail(CORDON_EIO, "%s: HTTP 304 to a request that was not conditional", req->url);
	return cu_fail(CORDON_EIO, "%s: HTTP %ld", req->url, status);
}

static int perform(const cupd_fetch_request *req, transfer *t)
{
	CURL *c = curl_easy_init();
	if (!c)
		return cu_fail(CORDON_ENOMEM, "%s: cannot start a transfer", req->url);
	char errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *headers = conditional_headers(req);
	set_options(c, req, t, errbuf, headers);
	CURLcode code = curl_easy_perform(c);
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_off_t filetime = -1;
	curl_easy_getinfo(c, CURLINFO_FILETIME_T, &filetime);
	t->res->filetime = (long long)filetime;
	curl_slist_free_all(headers);
	curl_easy_cleanup(c);
	t->res->status = status;
	int conditional = req->etag || req->last_modified;
	if (code == CURLE_OK && !t->too_large && !t->write_failed && (status == 200 || (status == 304 && conditional)))
		return 0;
	return failure(req, t, code, status, errbuf);
}

int cupd_fetch(const cupd_fetch_request *req, cupd_fetch_result *res)
{
	memset(res, 0, sizeof(*res));
	transfer t = {.max = req->max_bytes, .res = res};
	t.out = fopen(req->dest, "wb");
	if (!t.out)
		return cu_fail(CORDON_EIO, "%s: cannot create %s: %s", req->url, req->dest, strerror(errno));
	t.hash = cu_sha256_new();
	int rc = t.hash ? perform(req, &t) : cu_fail(CORDON_ENOMEM, "out of memory");
	if (t.hash)
		cu_sha256_finish(t.hash, res->sha256);
	res->bytes = t.bytes;
	int failed = fflush(t.out) != 0 || fsync(fileno(t.out)) != 0;
	if (fclose(t.out) != 0)
		failed = 1;
	if (!rc && failed)
		rc = cu_fail(CORDON_EIO, "%s: cannot write %s: %s", req->url, req->dest, strerror(errno));
	if (!rc && res->status == 200 && res->filetime > 0) {
		/* the snapshot dates a file that states no date by its mtime: make that the server's date */
		struct timeval times[2] = {{(time_t)res->filetime, 0}, {(time_t)res->filetime, 0}};
		utimes(req->dest, times);
	}
	return rc;
}

void cupd_fetch_result_dispose(cupd_fetch_result *res)
{
	free(res->etag);
	free(res->last_modified);
	res->etag = res->last_modified = NULL;
}

int cupd_fetch_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0
	                                                         : cu_fail(CORDON_ERROR, "libcurl failed to initialise");
}

void cupd_fetch_global_cleanup(void)
{
	curl_global_cleanup();
}
