/* A query made ready for retrieval and scoring: its renderings, analysed, with key ids and weights. */
#ifndef CMATCH_QUERY_H
#define CMATCH_QUERY_H

#include "cordon/screen.h"
#include "match/index.h"
#include "match/score.h"
#include "text/name.h"

typedef struct {
	ct_name name;
	cmatch_side side;
	uint32_t key_id[CT_MAX_TOKENS]; /* exact key in the index, or UINT32_MAX */
	char rendering[CT_NAME_MAX];
} cmatch_form;

typedef struct {
	cmatch_form forms[CT_MAX_RENDERINGS];
	size_t form_count;
} cmatch_prepared;

/* Renders and analyses name; weights come from idx (NULL: every word weighs the same). */
int cmatch_prepare(const cmatch_index *idx, const char *name, int schema, cmatch_prepared *out);

/* The listed side of an entry, ready for cmatch_score_sides. */
void cmatch_entry_side(const cmatch_index *idx, uint32_t entry, cmatch_side *out);

#endif
