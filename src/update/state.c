/* update-state.json (state.h). */
#include "update/state.h"

#include <stdlib.h>
#include <string.h>

#include "update/update.h"
#include "util/atomic_file.h"
#include "util/error.h"

#define STATE_VERSION 1

static char *state_path(const char *dir)
{
	size_t n = strlen(dir) + sizeof(CUPD_STATE_FILE) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", dir, CUPD_STATE_FILE);
	return p;
}

static json_t *empty_state(void)
{
	return json_pack("{s:i,s:{},s:{}}", "version", STATE_VERSION, "files", "datasets");
}

/* A state another version wrote, or a damaged one, is dropped: the next fetch is unconditional. */
static int usable(json_t *s)
{
	return json_is_object(s) && json_integer_value(json_object_get(s, "version")) == STATE_VERSION &&
	       json_is_object(json_object_get(s, "files")) && json_is_object(json_object_get(s, "datasets"));
}

json_t *cupd_state_load(const char *dir, int *damaged)
{
	*damaged = 0;
	char *path = state_path(dir);
	FILE *f = path ? fopen(path, "rb") : NULL;
	free(path);
	if (!f)
		return empty_state();
	json_error_t err;
	json_t *s = json_loadf(f, JSON_REJECT_DUPLICATES, &err);
	fclose(f);
	if (usable(s))
		return s;
	json_decref(s);
	*damaged = 1;
	return empty_state();
}

int cupd_state_save(const char *dir, json_t *state)
{
	char *path = state_path(dir);
	if (!path)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	cu_atomic_file af;
	int rc = cu_atomic_open(&af, path);
	if (!rc) {
		if (json_dumpf(state, af.f, JSON_INDENT(1) | JSON_SORT_KEYS) != 0 || fputc('\n', af.f) == EOF) {
			cu_atomic_abort(&af);
			rc = cu_fail(CORDON_EIO, "%s: write failed", path);
		} else {
			rc = cu_atomic_commit(&af);
		}
	}
	free(path);
	return rc;
}

json_t *cupd_state_entry(json_t *state, const char *section, const char *key, int create)
{
	json_t *sec = json_object_get(state, section);
	json_t *e = json_object_get(sec, key);
	if (json_is_object(e) || !create)
		return json_is_object(e) ? e : NULL;
	e = json_object();
	json_object_set_new(sec, key, e);
	return e;
}

const char *cupd_state_str(json_t *entry, const char *field)
{
	return json_string_value(json_object_get(entry, field));
}

long long cupd_state_int(json_t *entry, const char *field)
{
	json_t *v = json_object_get(entry, field);
	return json_is_integer(v) ? (long long)json_integer_value(v) : -1;
}
