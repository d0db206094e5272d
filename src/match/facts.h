/*
 * The facts a query brings besides the name, weighed against what the list
 * says of an entity. They move a name score, they never make one: a shared
 * birth year does not make two different names match. The exception is an
 * identifier (passport, IMO, registration number...): an exact match is
 * decisive, whatever the name, because vessels and companies change names.
 */
#ifndef CMATCH_FACTS_H
#define CMATCH_FACTS_H

#include <stddef.h>

#include "cordon/entity.h"
#include "cordon/screen.h"

typedef struct {
	int has_birth;
	cordon_date birth;
	char country[3]; /* ISO alpha-2, or "" */
	char ids[8][64]; /* normalised identifier values */
	int id_kind[8];  /* cordon_id_kind or -1 */
	size_t id_count;
} cmatch_facts;

/* Validates and normalises the query's facts; CORDON_EINVALID names the bad field. */
int cmatch_facts_prepare(const cordon_query *q, cmatch_facts *out);

int cmatch_facts_any(const cmatch_facts *f);

/* Score change for the birth date (0 when either side has none); detail gets the reason. */
double cmatch_birth_contribution(const cmatch_facts *f, const cordon_entity *e, char *detail, size_t size);
double cmatch_country_contribution(const cmatch_facts *f, const cordon_entity *e, char *detail, size_t size);
/* 1 when a query identifier equals one of the entity's. */
int cmatch_identifier_match(const cmatch_facts *f, const cordon_entity *e, char *detail, size_t size);

#define CMATCH_IDENTIFIER_SCORE 0.99

#endif
