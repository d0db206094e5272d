/*
 * Spelling-neutral keys for one token, so that romanisations of the same
 * name meet: Yevgeniy / Evgeny / Evgenij / Jewgeni, Smirnov / Smirnoff /
 * Smirnow, Khodorkovsky / Chodorkowski, Muhammad / Mohammed / mhmd.
 *
 * ct_variant_key folds the spelling differences between the English,
 * French, German and scholarly transliteration habits (digraphs, endings,
 * doubled letters) but keeps vowels; ct_consonant_key then drops vowels, so
 * consonant-only scripts (Arabic, Hebrew) can meet their vowelled Latin
 * spellings: y, w (and v, its Latin spelling) count as vowels there, being
 * long vowels in Arabic script. Short consonant keys are weak evidence.
 */
#ifndef CT_PHONETIC_H
#define CT_PHONETIC_H

#include <stddef.h>

#define CT_KEY_MAX 48

/* Both write a NUL-terminated key of at most CT_KEY_MAX - 1 bytes and return its length. */
size_t ct_variant_key(const char *token, size_t len, char out[CT_KEY_MAX]);
size_t ct_consonant_key(const char *variant_key, size_t len, char out[CT_KEY_MAX]);

#endif
