/*
 * The state file of the lists folder (update-state.json): per file the URL,
 * ETag, Last-Modified and SHA-256 of what is in place; per dataset the rows
 * and entities its files gave and the folder holding them. Written atomically.
 */
#ifndef CUPD_STATE_H
#define CUPD_STATE_H

#include <jansson.h>

/* The state in dir, or an empty one when there is none; *damaged is set when a file was there but unusable. */
json_t *cupd_state_load(const char *dir, int *damaged);
int cupd_state_save(const char *dir, json_t *state);

/* The object state[section][key], created when create is set; NULL otherwise when absent. */
json_t *cupd_state_entry(json_t *state, const char *section, const char *key, int create);
/* A string member of an entry, or NULL. */
const char *cupd_state_str(json_t *entry, const char *field);
/* An integer member of an entry, or -1. */
long long cupd_state_int(json_t *entry, const char *field);

#endif
