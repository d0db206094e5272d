/* Requests per second per client address: a token bucket per address (hashed into a fixed table). */
#ifndef CORDON_SERVER_RATE_H
#define CORDON_SERVER_RATE_H

#include <sys/socket.h>

struct srv_rate;

struct srv_rate *srv_rate_new(double per_second);
void srv_rate_free(struct srv_rate *r);
/* Whether a request from addr may go ahead now (takes a token when it may). */
int srv_rate_allow(struct srv_rate *r, const struct sockaddr *addr);

#endif
