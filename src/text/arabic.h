/*
 * Arabic-script names (Arabic, Persian, Pashto, Urdu letters) romanised as
 * Latin lists spell them, not letter for letter: the long vowels written
 * with و and ي become u and i between consonants (يوسف -> yusf, not ywsf),
 * alif is a, the article is split off, ta marbuta is a. Short vowels are not
 * written in Arabic script and cannot be restored; the matcher's consonant
 * keys bridge that gap.
 */
#ifndef CT_ARABIC_H
#define CT_ARABIC_H

#include <stdint.h>
#include <unicode/utypes.h>

/* 1 for a letter of the Arabic block (U+0600-U+06FF) or its presentation forms. */
int ct_is_arabic(UChar32 c);

/*
 * Replaces every run of Arabic letters in units[0..n) by its Latin
 * romanisation (ASCII, in UTF-16), leaving other text alone. Returns the new
 * length (at most cap).
 */
int32_t ct_romanise_arabic(UChar *units, int32_t n, int32_t cap);

#endif
