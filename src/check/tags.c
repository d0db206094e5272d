#include "check/tags.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/grow.h"

int check_tags_add(check_tags *t, const char *prefix, const char *value)
{
	if (!value || !*value)
		return 0;
	size_t n = strlen(prefix) + strlen(value) + 2;
	char *tag = malloc(n);
	if (!tag)
		return -1;
	snprintf(tag, n, "%s:%s", prefix, value);
	for (size_t i = 0; i < t->count; i++)
		if (strcmp(t->v[i], tag) == 0) {
			free(tag);
			return 0;
		}
	char **v = cu_grow(t->v, &t->cap, t->count + 1, sizeof(*v), 8);
	if (!v) {
		free(tag);
		return -1;
	}
	t->v = v;
	t->v[t->count++] = tag;
	return 0;
}

void check_tags_free(check_tags *t)
{
	for (size_t i = 0; i < t->count; i++)
		free(t->v[i]);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/* ---- US Consolidated Screening List sub-lists ---- */

/* The CSL's sub-lists: the code it prints in parentheses and the words of the list's name,
 * for a source value printed without its code. */
static const struct {
	const char *code, *name;
} csl_lists[] = {
	{"EL", "Entity List"},
	{"MEU", "Military End User"},
	{"UVL", "Unverified List"},
	{"DPL", "Denied Persons"},
	{"SDN", "Specially Designated Nationals"},
	{"ISN", "Nonproliferation Sanctions"},
	{"DTC", "ITAR Debarred"},
	{"CAP", "Capta List"},
	{"SSI", "Sectoral Sanctions Identifications"},
	{"FSE", "Foreign Sanctions Evaders"},
	{"PLC", "Palestinian Legislative Council"},
	{"CMIC", "Chinese Military-Industrial Complex"},
	{"MBS", "Menu-Based Sanctions"},
};
#define CSL_LIST_COUNT (sizeof(csl_lists) / sizeof(*csl_lists))

/* The code inside the first "(...)" of s that is a known one ("NS-MBS List" counts as MBS). */
static const char *code_in_parentheses(const char *s)
{
	for (const char *open = strchr(s, '('); open; open = strchr(open + 1, '(')) {
		const char *close = strchr(open, ')');
		if (!close)
			return NULL;
		size_t n = (size_t)(close - open - 1);
		for (size_t i = 0; i < CSL_LIST_COUNT; i++) {
			size_t k = strlen(csl_lists[i].code);
			if (n == k && memcmp(open + 1, csl_lists[i].code, k) == 0)
				return csl_lists[i].code;
		}
		if (n >= 6 && memcmp(open + 1, "NS-MBS", 6) == 0)
			return "MBS";
	}
	return NULL;
}

const char *check_csl_code(const char *source_list)
{
	if (!source_list)
		return NULL;
	const char *code = code_in_parentheses(source_list);
	for (size_t i = 0; !code && i < CSL_LIST_COUNT; i++)
		if (strstr(source_list, csl_lists[i].name))
			code = csl_lists[i].code;
	return code;
}

/* ---- Entity List footnotes ---- */

/* Footnote of the FDP paragraph at p, just after "734.9": (e)(1) FN1, (e)(2) FN4, (e)(3) FN5,
 * (g) FN3; a bare (e) is the pre-2022 Entity List FDP rule, which was FN1's. */
static int footnote_of_paragraph(const char *p)
{
	if (strncmp(p, "(g)", 3) == 0)
		return 3;
	if (strncmp(p, "(e)", 3) != 0)
		return 0;
	if (strncmp(p + 3, "(2)", 3) == 0)
		return 4;
	if (strncmp(p + 3, "(3)", 3) == 0)
		return 5;
	return 1;
}

/* "footnote 4" or "FN4" written out, as some list copies and remarks do. */
static unsigned footnotes_named(const char *text)
{
	unsigned bits = 0;
	const char *words[] = {"footnote ", "Footnote ", "FN"};
	for (size_t w = 0; w < sizeof(words) / sizeof(*words); w++)
		for (const char *p = strstr(text, words[w]); p; p = strstr(p + 1, words[w])) {
			char d = p[strlen(words[w])];
			if (d >= '1' && d <= '9')
				bits |= 1u << (d - '0');
		}
	return bits;
}

unsigned check_el_footnotes(const char *text)
{
	if (!text)
		return 0;
	unsigned bits = footnotes_named(text);
	for (const char *p = strstr(text, "734.9"); p; p = strstr(p + 1, "734.9")) {
		int fn = footnote_of_paragraph(p + 5);
		if (fn)
			bits |= 1u << fn;
	}
	return bits;
}

/* ---- per dataset ---- */

/* OFAC programs that put a party on one of the CSL's Treasury sub-lists other than SDN (the
 * non-SDN consolidated list); a prefix ends with '*'. */
static const struct {
	const char *program, *code;
} ofac_cons_programs[] = {
	{"NS-PLC", "PLC"},     {"CMIC-*", "CMIC"}, {"561-Related", "CAP"},
	{"FSE-*", "FSE"},      {"UKRAINE-EO13662", "SSI"},
};

static int program_is(const char *program, const char *pattern)
{
	size_t n = strlen(pattern);
	if (pattern[n - 1] == '*')
		return strncmp(program, pattern, n - 1) == 0;
	return strcmp(program, pattern) == 0;
}

static int ofac_tags(const cordon_entity *e, check_tags *out)
{
	if (strcmp(e->dataset, "ofac-sdn") == 0)
		return check_tags_add(out, "csl", "SDN");
	for (size_t i = 0; i < e->program_count; i++)
		for (size_t k = 0; k < sizeof(ofac_cons_programs) / sizeof(*ofac_cons_programs); k++)
			if (program_is(e->programs[i], ofac_cons_programs[k].program) &&
			    check_tags_add(out, "csl", ofac_cons_programs[k].code))
				return -1;
	return 0;
}

/* OpenSanctions program ids and source datasets that name a US list. */
static const struct {
	const char *key, *value, *code;
} os_us_lists[] = {
	{"program", "US-BIS-EL", "EL"},     {"program", "US-BIS-MEU", "MEU"},   {"program", "US-BIS-UVL", "UVL"},
	{"program", "US-BIS-DPL", "DPL"},   {"datasets", "us_ofac_sdn", "SDN"}, {"datasets", "us_bis_denied", "DPL"},
};

static int os_has(const cordon_entity *e, const char *key, const char *value)
{
	if (strcmp(key, "program") == 0) {
		for (size_t i = 0; i < e->program_count; i++)
			if (strcmp(e->programs[i], value) == 0)
				return 1;
		return 0;
	}
	for (size_t i = 0; i < e->attribute_count; i++)
		if (strcmp(e->attributes[i].key, key) == 0 && strcmp(e->attributes[i].value, value) == 0)
			return 1;
	return 0;
}

/* OpenSanctions copies some CSL rows' `source` into the program ("Entity List (EL) - Bureau of
 * Industry and Security"): only the code in parentheses counts there, never loose words. */
static int os_tags(const cordon_entity *e, check_tags *out)
{
	for (size_t i = 0; i < sizeof(os_us_lists) / sizeof(*os_us_lists); i++)
		if (os_has(e, os_us_lists[i].key, os_us_lists[i].value) && check_tags_add(out, "csl", os_us_lists[i].code))
			return -1;
	for (size_t i = 0; i < e->program_count; i++)
		if (check_tags_add(out, "csl", code_in_parentheses(e->programs[i])))
			return -1;
	return 0;
}

static int footnote_tags(unsigned bits, check_tags *out)
{
	for (int n = 1; n <= 9; n++) {
		char digit[2] = {(char)('0' + n), '\0'};
		if ((bits & (1u << n)) && check_tags_add(out, "el-footnote", digit))
			return -1;
	}
	return 0;
}

/* us-csl: the sub-list from `source_list`; Entity List footnotes from the licence requirement. */
static int csl_tags(const cordon_entity *e, check_tags *out)
{
	unsigned footnotes = 0;
	int is_el = 0;
	for (size_t i = 0; i < e->attribute_count; i++) {
		const cordon_attribute *a = &e->attributes[i];
		if (strcmp(a->key, "source_list") == 0) {
			const char *code = check_csl_code(a->value);
			is_el |= code && strcmp(code, "EL") == 0;
			if (check_tags_add(out, "csl", code))
				return -1;
		} else if (strcmp(a->key, "license_requirement") == 0) {
			footnotes |= check_el_footnotes(a->value);
		}
	}
	footnotes |= check_el_footnotes(e->remarks);
	/* footnotes are Entity List designations: cited FDP paragraphs on another list mean nothing */
	return is_el ? footnote_tags(footnotes, out) : 0;
}

static const char *schema_tag(cordon_schema s)
{
	switch (s) {
	case CORDON_SCHEMA_PERSON: return "Person";
	case CORDON_SCHEMA_ORGANIZATION: return "Organization";
	case CORDON_SCHEMA_VESSEL: return "Vessel";
	case CORDON_SCHEMA_AIRCRAFT: return "Aircraft";
	default: return NULL;
	}
}

int check_entity_tags(const cordon_entity *e, check_tags *out)
{
	if (check_tags_add(out, "list", e->dataset))
		return -1;
	int rc = 0;
	if (strcmp(e->dataset, "us-csl") == 0)
		rc = csl_tags(e, out);
	else if (strcmp(e->dataset, "us-dpl") == 0)
		rc = check_tags_add(out, "csl", "DPL");
	else if (strncmp(e->dataset, "ofac-", 5) == 0)
		rc = ofac_tags(e, out);
	else if (strcmp(e->dataset, "os") == 0)
		rc = os_tags(e, out);
	for (size_t i = 0; !rc && i < e->program_count; i++)
		rc = check_tags_add(out, "program", e->programs[i]);
	if (!rc)
		rc = check_tags_add(out, "schema", schema_tag(e->schema));
	return rc;
}
