#include "server/holder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void collect_datasets(srv_snapshot *s)
{
	for (size_t i = 0; i < s->info.source_count; i++) {
		const char *d = s->info.sources[i].dataset;
		size_t k = 0;
		while (k < s->dataset_count && strcmp(s->datasets[k], d) != 0)
			k++;
		if (k == s->dataset_count && s->dataset_count < SRV_MAX_DATASETS)
			s->datasets[s->dataset_count++] = d;
	}
}

static void free_snapshot(srv_snapshot *s)
{
	if (s->snap)
		cordon_snapshot_free(s->snap);
	if (s->rules)
		rules_pack_free(s->rules);
	free(s);
}

/* The pack is read with the snapshot so that a reload swaps both or neither. */
static int load_rules(srv_snapshot *s, const char *rules_path, char *err, size_t errsize)
{
	if (!rules_path || rules_pack_load(rules_path, &s->rules, err, errsize) == 0)
		return 0;
	return CORDON_EINVALID;
}

static srv_snapshot *load(const srv_holder *h, uint64_t generation, char *err, size_t errsize, int *rc_out)
{
	srv_snapshot *s = calloc(1, sizeof(*s));
	int rc = s ? cordon_snapshot_open(&s->snap, h->path) : CORDON_ENOMEM;
	if (!rc)
		rc = cordon_snapshot_get_info(s->snap, &s->info);
	if (rc)
		snprintf(err, errsize, "%s: %s", h->path, cordon_last_error());
	else
		rc = load_rules(s, h->rules_path, err, errsize);
	if (rc) {
		if (s)
			free_snapshot(s);
		*rc_out = rc;
		return NULL;
	}
	atomic_init(&s->refs, 1); /* the holder's own reference */
	s->generation = generation;
	s->loaded_unix = (int64_t)time(NULL);
	collect_datasets(s);
	*rc_out = 0;
	return s;
}

int srv_holder_init(srv_holder *h, const char *path, const char *rules_path, char *err, size_t errsize)
{
	memset(h, 0, sizeof(*h));
	pthread_mutex_init(&h->lock, NULL);
	pthread_mutex_init(&h->reload, NULL);
	h->path = strdup(path);
	h->rules_path = rules_path ? strdup(rules_path) : NULL;
	int rc = h->path && (h->rules_path || !rules_path) ? 0 : CORDON_ENOMEM;
	if (!rc)
		h->current = load(h, 1, err, errsize, &rc);
	return rc;
}

void srv_holder_dispose(srv_holder *h)
{
	if (h->current)
		srv_snapshot_release(h->current);
	free(h->path);
	free(h->rules_path);
	pthread_mutex_destroy(&h->lock);
	pthread_mutex_destroy(&h->reload);
	memset(h, 0, sizeof(*h));
}

srv_snapshot *srv_holder_acquire(srv_holder *h)
{
	pthread_mutex_lock(&h->lock);
	srv_snapshot *s = h->current;
	atomic_fetch_add(&s->refs, 1);
	pthread_mutex_unlock(&h->lock);
	return s;
}

void srv_snapshot_release(srv_snapshot *s)
{
	if (atomic_fetch_sub(&s->refs, 1) == 1)
		free_snapshot(s);
}

int srv_holder_reload(srv_holder *h, char *err, size_t errsize)
{
	pthread_mutex_lock(&h->reload);
	int rc;
	srv_snapshot *fresh = load(h, h->current->generation + 1, err, errsize, &rc);
	if (fresh) {
		pthread_mutex_lock(&h->lock);
		srv_snapshot *old = h->current;
		h->current = fresh;
		pthread_mutex_unlock(&h->lock);
		srv_snapshot_release(old);
		atomic_fetch_add(&h->reloads, 1);
	} else {
		atomic_fetch_add(&h->failed_reloads, 1);
	}
	pthread_mutex_unlock(&h->reload);
	return rc;
}

int srv_snapshot_has_dataset(const srv_snapshot *s, const char *name)
{
	if (strcmp(name, "default") == 0 || strcmp(name, "sanctions") == 0)
		return 1;
	for (size_t i = 0; i < s->dataset_count; i++)
		if (strcmp(s->datasets[i], name) == 0)
			return 1;
	return 0;
}
