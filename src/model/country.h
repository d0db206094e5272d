/*
 * Country names and codes as lists write them ("Korea, North", "Iran
 * (Islamic Republic of)", "Russian Federation", "ru") mapped to ISO 3166
 * alpha-2. English names come from ICU's locale data; the variants lists use
 * that ICU does not know are in a table in country.c.
 */
#ifndef CM_COUNTRY_H
#define CM_COUNTRY_H

/* Static upper-case alpha-2 code for a name or code, or NULL if unknown. */
const char *cm_country_code(const char *name_or_code);
/* 1 when code is an assigned ISO 3166 alpha-2 code (case-insensitive) or XK (Kosovo). */
int cm_country_valid(const char *code);
/* English name of an alpha-2 code (static), or NULL. */
const char *cm_country_name(const char *code);

#endif
