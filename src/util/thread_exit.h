/*
 * Per-thread caches (ICU transliterators, scoring scratch) are created on a
 * thread's first use and must be released when that thread ends, or a
 * server's worker threads leak them. Register a release function once per
 * thread; it runs at thread exit. (The main thread's caches live until the
 * process ends.)
 */
#ifndef CU_THREAD_EXIT_H
#define CU_THREAD_EXIT_H

/* Calls release(arg) when the calling thread exits; 0 or CORDON_ENOMEM. */
int cu_at_thread_exit(void (*release)(void *), void *arg);

#endif
