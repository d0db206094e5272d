#include "server/rate.h"

#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RATE_SLOTS 4096

typedef struct {
	double tokens;
	double last; /* seconds */
} bucket;

struct srv_rate {
	double per_second, burst;
	pthread_mutex_t lock;
	bucket slots[RATE_SLOTS];
};

struct srv_rate *srv_rate_new(double per_second)
{
	struct srv_rate *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->per_second = per_second;
	r->burst = per_second < 1.0 ? 1.0 : per_second; /* one second's worth at once */
	pthread_mutex_init(&r->lock, NULL);
	for (size_t i = 0; i < RATE_SLOTS; i++)
		r->slots[i].tokens = -1.0; /* unused: full on first sight */
	return r;
}

void srv_rate_free(struct srv_rate *r)
{
	if (r) {
		pthread_mutex_destroy(&r->lock);
		free(r);
	}
}

static size_t slot_of(const struct sockaddr *addr)
{
	uint64_t h = 1469598103934665603ULL;
	const unsigned char *p = NULL;
	size_t n = 0;
	if (addr && addr->sa_family == AF_INET) {
		p = (const unsigned char *)&((const struct sockaddr_in *)addr)->sin_addr;
		n = 4;
	} else if (addr && addr->sa_family == AF_INET6) {
		p = (const unsigned char *)&((const struct sockaddr_in6 *)addr)->sin6_addr;
		n = 16;
	}
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return (size_t)(h % RATE_SLOTS);
}

int srv_rate_allow(struct srv_rate *r, const struct sockaddr *addr)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	double now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	pthread_mutex_lock(&r->lock);
	bucket *b = &r->slots[slot_of(addr)];
	if (b->tokens < 0.0)
		*b = (bucket){r->burst, now};
	b->tokens += (now - b->last) * r->per_second;
	if (b->tokens > r->burst)
		b->tokens = r->burst;
	b->last = now;
	int ok = b->tokens >= 1.0;
	if (ok)
		b->tokens -= 1.0;
	pthread_mutex_unlock(&r->lock);
	return ok;
}
