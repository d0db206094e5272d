#include "util/thread_exit.h"

#include <pthread.h>
#include <stdlib.h>

#include "cordon/common.h"

typedef struct exit_hook {
	void (*release)(void *);
	void *arg;
	struct exit_hook *next;
} exit_hook;

static pthread_key_t hooks_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void run_hooks(void *head)
{
	exit_hook *h = head;
	while (h) {
		exit_hook *next = h->next;
		h->release(h->arg);
		free(h);
		h = next;
	}
}

static void make_key(void)
{
	pthread_key_create(&hooks_key, run_hooks);
}

int cu_at_thread_exit(void (*release)(void *), void *arg)
{
	pthread_once(&key_once, make_key);
	exit_hook *h = malloc(sizeof(*h));
	if (!h)
		return CORDON_ENOMEM;
	h->release = release;
	h->arg = arg;
	h->next = pthread_getspecific(hooks_key);
	pthread_setspecific(hooks_key, h);
	return 0;
}
