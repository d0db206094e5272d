/*
 * A long operation (an update, a monitoring run) on a thread of its own, one at a time per
 * kind. Its request is suspended meanwhile and answered when the work ends, so no worker
 * thread of the server waits for it and the other requests keep being answered.
 */
#ifndef CORDON_SERVER_JOB_H
#define CORDON_SERVER_JOB_H

#include <jansson.h>
#include <pthread.h>

#include "server/http.h"

/* The work: returns the answer's body (an error object for a failure) and sets *status. */
typedef json_t *(*srv_job_work)(srv_server *s, void *arg, unsigned *status);

typedef struct {
	pthread_mutex_t lock;
	int running;          /* a thread is working */
	int joinable;         /* a thread was started and not joined yet */
	pthread_t thread;
	srv_request *waiting; /* the request to answer, NULL once answered (or abandoned) */
	srv_server *server;
	srv_job_work work;
	void *arg;
	void (*free_arg)(void *arg);
} srv_job;

void srv_job_init(srv_job *j);
/*
 * Runs work(server, arg) on a new thread and answers r with its result; free_arg(arg) when
 * the work is done. Returns 0, or -1 without answering r or freeing arg when one is already
 * running (the caller answers 409) or the thread cannot start (*start_failed set: 500).
 */
int srv_job_start(srv_job *j, srv_request *r, srv_job_work work, void *arg, void (*free_arg)(void *arg),
                  int *start_failed);
/* At shutdown, before the daemon stops: a request still waiting is answered 503 now. */
void srv_job_abandon(srv_job *j);
/* Waits for the thread to end (the work is not interrupted), then frees what the job holds. */
void srv_job_dispose(srv_job *j);

/* {"error": {"status", "message", "field"?}} as srv_reply_error sends it, for a job's answer. */
json_t *srv_error_body(unsigned status, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
