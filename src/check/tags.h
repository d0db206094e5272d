/*
 * Where a listed entity is listed, as the tags of txn.h ("list:us-csl", "csl:EL",
 * "program:RUSSIA-EO14024", "el-footnote:3", "schema:Organization"), so that a rule
 * can ask "is the party on list X" without knowing the list formats. The mapping of
 * each list's own vocabulary onto the tags is written down in docs/check.md.
 */
#ifndef CORDON_CHECK_TAGS_H
#define CORDON_CHECK_TAGS_H

#include <stddef.h>

#include "cordon.h"

/* A growing set of tags (no duplicates), each malloc'd: handed over to a txn_hit as is. */
typedef struct {
	char **v;
	size_t count, cap;
} check_tags;

/* Adds the tag "prefix:value" unless present; 0, or -1 when out of memory. */
int check_tags_add(check_tags *t, const char *prefix, const char *value);
void check_tags_free(check_tags *t);

/* Every tag that the entity's dataset, programs and list attributes imply. 0 or -1 (memory). */
int check_entity_tags(const cordon_entity *e, check_tags *out);

/*
 * The CSL sub-list code of a US Consolidated Screening List `source` value
 * ("Entity List (EL) - Bureau of Industry and Security" -> "EL"), or NULL.
 */
const char *check_csl_code(const char *source_list);

/*
 * Entity List footnotes that a `license_requirement` text designates, as a bit set
 * (bit n for footnote n): the FDP paragraph it cites names the footnote, since
 * the CSL prints the footnote marks as plain digits that cannot be told from text.
 */
unsigned check_el_footnotes(const char *license_requirement);

#endif
