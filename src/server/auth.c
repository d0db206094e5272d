/* API keys from a file, compared in constant time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/internal.h"

#define SRV_MAX_KEY 256

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

int srv_keys_load(srv_keys *k, const char *path, char *err, size_t errsize)
{
	memset(k, 0, sizeof(*k));
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errsize, "%s: cannot open the API key file", path);
		return -1;
	}
	char line[SRV_MAX_KEY + 2];
	unsigned long line_no = 0;
	int rc = 0;
	while (!rc && fgets(line, sizeof(line), f)) {
		line_no++;
		if (!strchr(line, '\n') && !feof(f)) {
			snprintf(err, errsize, "%s:%lu: key longer than %d bytes", path, line_no, SRV_MAX_KEY);
			rc = -1;
			break;
		}
		trim(line);
		const char *key = line + strspn(line, " \t");
		if (!*key || *key == '#')
			continue;
		char **grown = realloc(k->keys, (k->count + 1) * sizeof(*grown));
		if (!grown || !(grown[k->count] = strdup(key))) {
			k->keys = grown ? grown : k->keys;
			snprintf(err, errsize, "%s: out of memory", path);
			rc = -1;
			break;
		}
		k->keys = grown;
		k->count++;
	}
	fclose(f);
	if (!rc && k->count == 0) {
		snprintf(err, errsize, "%s: no keys in the API key file", path);
		rc = -1;
	}
	if (rc)
		srv_keys_free(k);
	return rc;
}

/* Compares every byte of both up to the longer length; no early exit. */
static int same_key(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), n = la > lb ? la : lb;
	unsigned diff = (unsigned)(la ^ lb);
	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)(i < la ? a[i] : 0) ^ (unsigned char)(i < lb ? b[i] : 0);
	return diff == 0;
}

int srv_keys_check(const srv_keys *k, const char *presented)
{
	if (!presented || strlen(presented) > SRV_MAX_KEY)
		return 0;
	int ok = 0;
	for (size_t i = 0; i < k->count; i++)
		ok |= same_key(k->keys[i], presented);
	return ok;
}

void srv_keys_free(srv_keys *k)
{
	for (size_t i = 0; i < k->count; i++)
		free(k->keys[i]);
	free(k->keys);
	memset(k, 0, sizeof(*k));
}
