/*
 * Legal forms of organisations in many languages and scripts, recognised on
 * normalised tokens (after transliteration, so ООО arrives as "ooo" and
 * 有限公司 as "you xian gong si"). A recognised form is set aside: it takes
 * no part in name similarity, so two unrelated "... Trading LLC" do not match
 * on "LLC", and "OOO M INVEST" still matches "M INVEST LLC".
 */
#ifndef CT_LEGAL_H
#define CT_LEGAL_H

#include <stddef.h>

typedef enum {
	CT_LEGAL_NONE = 0,
	CT_LEGAL_LLC,         /* limited liability company: LLC, OOO, GmbH, S.R.L., Sp. z o.o. */
	CT_LEGAL_LTD,         /* company limited: Ltd, Co. Ltd, 有限公司, Pte Ltd, Sdn Bhd */
	CT_LEGAL_JSC,         /* joint-stock: JSC, AO, ZAO, OAO, PAO/PJSC, AG, S.A., PLC, 株式会社 */
	CT_LEGAL_INC,         /* Inc, Corp */
	CT_LEGAL_CO,          /* Co, Company, Cie */
	CT_LEGAL_PARTNERSHIP, /* LP, LLP, KG */
	CT_LEGAL_STATE,       /* state unitary enterprises: FGUP, GUP, FSUE */
	CT_LEGAL_FREEZONE,    /* FZE, FZCO */
	CT_LEGAL_COUNT
} ct_legal_class;

const char *ct_legal_class_name(ct_legal_class c);

/*
 * Finds the longest legal form starting at token i of tokens[0..count)
 * (NUL-terminated lower-case strings). Returns the number of tokens it spans
 * (0 if none) and its class in *cls. Forms written only with one- and
 * two-letter tokens ("s a", "l l c") are accepted only at the ends of a name;
 * short forms that are also ordinary words ("pat", "sa") only at its end, or
 * at its start when the name was read from Cyrillic (cyrillic non-zero).
 */
size_t ct_legal_form_at(const char *const *tokens, size_t count, size_t i, int cyrillic, ct_legal_class *cls);

#endif
