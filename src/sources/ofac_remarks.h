/*
 * OFAC's remarks mini-language (sdn.csv / cons_prim.csv column 12, joined
 * with the *_comments.csv spill-over): "DOB 08 Sep 1966; POB Minsk, Belarus;
 * a.k.a. 'BNC'; Passport E590976 (Tunisia) issued 19 Jun 1987; Linked To: X."
 * turned into structured fields of an entity. Usable on its own (tests call
 * it on plain strings); the CSV reader calls it once per record.
 */
#ifndef CSRC_OFAC_REMARKS_H
#define CSRC_OFAC_REMARKS_H

#include "model/entity_build.h"
#include "sources/source.h"

/*
 * Parses remarks into ent: birth dates (unparseable ones kept as TEXT),
 * birth places, nationalities and citizenships (ISO-2; unmapped text as
 * attributes "nationality_text" / "citizenship_text"), gender, identifiers,
 * weak aliases, "linked_to" relations, listing date and attributes. Items
 * that repeat one of ent's titles are dropped (the reader adds the Title
 * column first). Unknown items become attributes with key "remark" and are
 * counted in ctx->stats.unknown_fields. ctx may be NULL. Does not store the
 * remarks text itself (see cm_set_remarks). Returns 0 or CORDON_ENOMEM.
 */
int csrc_ofac_parse_remarks(cm_entity *ent, const char *remarks, csrc_ctx *ctx);

/*
 * Adds a name as OFAC writes it. For persons "FAMILY, Given Middle" is split
 * at the first comma: family = "FAMILY", given = everything after it, so a
 * generational suffix stays with the given names ("Feliciano Semborio, Jr.").
 * Names of other schemas and person names without a comma are not split.
 */
int csrc_ofac_add_name(cm_entity *ent, cordon_name_kind kind, int weak, const char *full);

#endif
