/* Maps the many labels lists give identifiers ("Cedula No.", "SWIFT/BIC", "IMO") to cordon_id_kind. */
#ifndef CM_IDKIND_H
#define CM_IDKIND_H

#include "cordon/entity.h"

/* Kind for a label (ASCII case-insensitive, surrounding punctuation ignored); CORDON_ID_OTHER if unknown. */
cordon_id_kind cm_id_kind_from_label(const char *label);

/* 1 when the label names an identifier (a known kind or a generic "... No."/"Number"/"ID" label). */
int cm_is_identifier_label(const char *label);

#endif
