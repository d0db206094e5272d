/*
 * Building entities while reading a list. Every string handed in is cleaned
 * (whitespace, invalid UTF-8) and copied into the entity's own arena, so a
 * reader may pass pointers into its line buffer. Empty values are ignored;
 * repeated values (the same nationality twice) are kept once.
 */
#ifndef CM_ENTITY_BUILD_H
#define CM_ENTITY_BUILD_H

#include "cordon/entity.h"
#include "util/arena.h"

typedef struct cm_entity {
	cordon_entity e; /* the public view; arrays and strings live in arena */
	cu_arena arena;
	unsigned text_repairs; /* values whose invalid UTF-8 was replaced */
	size_t cap[12];        /* capacities of the growable arrays, see entity_build.c */
} cm_entity;

/* id becomes "<dataset>:<native_id>"; NULL when out of memory. */
cm_entity *cm_entity_new(const char *dataset, const char *native_id, cordon_schema schema);
void cm_entity_free(cm_entity *ent);

/* All return 0 or CORDON_ENOMEM. NULL or empty strings are skipped. */
int cm_add_name(cm_entity *ent, cordon_name_kind kind, int weak, const char *full,
                const char *given, const char *family, const char *script);
int cm_add_birth_date(cm_entity *ent, const cordon_date *date);
int cm_add_birth_place(cm_entity *ent, const char *place);
int cm_add_nationality(cm_entity *ent, const char *iso2);
int cm_add_citizenship(cm_entity *ent, const char *iso2);
int cm_add_country(cm_entity *ent, const char *iso2);
int cm_add_identifier(cm_entity *ent, cordon_id_kind kind, const char *label, const char *value,
                      const char *country, const char *note);
int cm_add_address(cm_entity *ent, const cordon_address *address);
int cm_add_program(cm_entity *ent, const char *program);
int cm_add_title(cm_entity *ent, const char *title);
int cm_add_relation(cm_entity *ent, const char *kind, const char *target);
int cm_add_attribute(cm_entity *ent, const char *key, const char *value);
int cm_set_gender(cm_entity *ent, const char *gender); /* normalises to male/female/other */
int cm_set_remarks(cm_entity *ent, const char *remarks);
int cm_set_source_url(cm_entity *ent, const char *url);
int cm_set_listing_date(cm_entity *ent, const cordon_date *date);
/* Replaces the primary name (names[0]); adds it when there is none. */
int cm_set_primary_name(cm_entity *ent, const char *full, const char *given, const char *family);

/* Copies a string into the entity's arena, cleaned; NULL when empty. */
const char *cm_intern(cm_entity *ent, const char *s);

#endif
