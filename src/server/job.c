#include "server/job.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void srv_job_init(srv_job *j)
{
	memset(j, 0, sizeof(*j));
	pthread_mutex_init(&j->lock, NULL);
}

static void *job_main(void *p)
{
	srv_job *j = p;
	unsigned status = 200;
	json_t *answer = j->work(j->server, j->arg, &status);
	if (j->free_arg)
		j->free_arg(j->arg);
	pthread_mutex_lock(&j->lock);
	if (j->waiting) {
		srv_reply_json(j->waiting, status, answer); /* allowed from here: the connection is suspended */
		srv_reply_resume(j->waiting);
		j->waiting = NULL;
	} else {
		json_decref(answer); /* abandoned at shutdown; the work is done all the same */
	}
	j->running = 0;
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

int srv_job_start(srv_job *j, srv_request *r, srv_job_work work, void *arg, void (*free_arg)(void *arg),
                  int *start_failed)
{
	*start_failed = 0;
	pthread_mutex_lock(&j->lock);
	if (j->running) {
		pthread_mutex_unlock(&j->lock);
		return -1;
	}
	if (j->joinable)
		pthread_join(j->thread, NULL); /* it has ended: running is cleared last */
	j->joinable = 0;
	j->server = srv_of(r);
	j->work = work;
	j->arg = arg;
	j->free_arg = free_arg;
	j->waiting = r;
	srv_reply_later(r); /* before the thread exists, so that it always answers a suspended request */
	if (pthread_create(&j->thread, NULL, job_main, j) != 0) {
		j->waiting = NULL;
		srv_reply_resume(r);
		*start_failed = 1;
		pthread_mutex_unlock(&j->lock);
		return -1;
	}
	j->running = j->joinable = 1;
	pthread_mutex_unlock(&j->lock);
	return 0;
}

void srv_job_abandon(srv_job *j)
{
	pthread_mutex_lock(&j->lock);
	if (j->waiting) {
		srv_reply_json(j->waiting, 503,
		               srv_error_body(503, NULL, "the server is stopping; the operation goes on until it ends, "
		                                         "but its outcome is not reported here"));
		srv_reply_resume(j->waiting);
		j->waiting = NULL;
	}
	pthread_mutex_unlock(&j->lock);
}

void srv_job_dispose(srv_job *j)
{
	if (j->joinable)
		pthread_join(j->thread, NULL);
	pthread_mutex_destroy(&j->lock);
	memset(j, 0, sizeof(*j));
}

json_t *srv_error_body(unsigned status, const char *field, const char *fmt, ...)
{
	char message[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	json_t *e = json_pack("{s:i,s:s%}", "status", (int)status, "message", message, strlen(message));
	if (e && field && *field)
		json_object_set_new(e, "field", json_string(field));
	return json_pack("{s:o}", "error", e);
}
