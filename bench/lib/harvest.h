/*
 * Name parts harvested from the bundled lists, for composing synthetic
 * entities that look like the real ones. Every list is a multiset: a part
 * appears as often as the lists use it, so drawing uniformly from a list
 * draws common names (Mohammed, Trading, LLC) as often as the lists do.
 */
#ifndef CB_HARVEST_H
#define CB_HARVEST_H

#include <stddef.h>

typedef struct {
	char **items;
	size_t n, cap;
} cb_strlist;

/* Name traditions the composer keeps apart, so parts of one name come from one tradition. */
typedef enum { CB_ARABIC = 0, CB_SLAVIC = 1, CB_OTHER = 2, CB_CLUSTERS = 3 } cb_cluster;

/* A Latin spelling of a name part and its Arabic-script form, as one list entity gives both. */
typedef struct {
	char *latin; /* lower case, e.g. "muhammad", "al-rahman" */
	char *arabic;
} cb_pair;

typedef struct {
	cb_strlist given[CB_CLUSTERS], family[CB_CLUSTERS];
	cb_strlist patronymic;       /* Latin: Viktorovich, Ivanovna */
	cb_strlist cyr_given, cyr_family, cyr_patronymic;
	cb_strlist han_surname, han_given;
	cb_strlist han_chars;            /* every Han character of any listed name but legal-form ones */
	cb_strlist arabic_script_names; /* whole Arabic-script names as listed */
	cb_pair *pairs;                 /* sorted by latin, then by frequency */
	size_t pair_count, pair_cap;
	cb_strlist org_words, legal_suffix, legal_prefix;
	cb_strlist vessel_words;
	cb_strlist org_distinct, vessel_distinct; /* each word once: the distinctive part of a name */
	cb_strlist nationalities, countries; /* ISO-2, as often as the lists give them */
	size_t persons, organizations, vessels, names;
} cb_harvest;

/* Reads every source of config (data/sources.conf) and fills h. Returns 0 or a negative cordon code. */
int cb_harvest_run(cb_harvest *h, const char *config);
void cb_harvest_dispose(cb_harvest *h);

/* Draws one element; NULL when the list is empty. */
const char *cb_pick(const cb_strlist *l, void *rng);

/* Arabic script for a Latin part (the most frequent pairing the lists gave), or NULL. */
const char *cb_arabic_of(const cb_harvest *h, const char *latin);

/* Prints the sizes of the lists. */
void cb_harvest_print(const cb_harvest *h);

int cb_strlist_add(cb_strlist *l, const char *s, size_t len);
void cb_strlist_dispose(cb_strlist *l);

#endif
