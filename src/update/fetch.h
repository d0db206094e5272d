/* One HTTP(S) download with libcurl: conditional headers, size limit, timeouts, SHA-256 on the way. */
#ifndef CUPD_FETCH_H
#define CUPD_FETCH_H

typedef struct {
	const char *url;
	const char *dest; /* created or truncated; the caller decides what happens to it */
	const char *etag, *last_modified; /* conditional request when set */
	unsigned long long max_bytes;
	long timeout_s, connect_timeout_s;
} cupd_fetch_request;

typedef struct {
	long status;                /* 200 or 304 when the call succeeds */
	char *etag, *last_modified; /* of the response, malloc'd or NULL */
	unsigned long long bytes;
	char sha256[65];
	int refused;                /* the failure was the size limit, not the network or server */
	long long filetime;         /* Last-Modified as Unix time, or -1 */
} cupd_fetch_result;

int cupd_fetch_global_init(void);
void cupd_fetch_global_cleanup(void);

/* 0 on 200 or 304; otherwise a negative code with a message "URL: why". */
int cupd_fetch(const cupd_fetch_request *req, cupd_fetch_result *res);
void cupd_fetch_result_dispose(cupd_fetch_result *res);

#endif
