/*
 * The result of a check as a report for people, rendered from the result JSON
 * so that the report can never say what the JSON does not: the decision first,
 * then the reasons (most severe first) with citations and facts, the parties
 * with their hits, the items, and where the answer came from.
 */
#include "check/internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* "license_required" -> "LICENSE REQUIRED" */
static void print_outcome(FILE *out, const char *name)
{
	for (const char *p = name; *p; p++)
		fputc(*p == '_' ? ' ' : toupper((unsigned char)*p), out);
}

/* A fact's value: strings as they are, numbers and the rest as compact JSON. */
static void print_value(FILE *out, const json_t *v)
{
	if (json_is_string(v)) {
		fputs(json_string_value(v), out);
		return;
	}
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(6));
	fputs(s ? s : "?", out);
	free(s);
}

/* A computed figure the rules give as {"value", "formula"}: shown with its arithmetic. */
static int is_computed(const json_t *v)
{
	return json_is_object(v) && json_object_size(v) == 2 && json_is_number(json_object_get(v, "value")) &&
	       json_is_string(json_object_get(v, "formula"));
}

/* Nested facts flattened to dotted names ("item.computed.tpp"), so that each reads on its own. */
static void print_fact(FILE *out, const char *prefix, const char *key, const json_t *v, int *first)
{
	char name[256];
	snprintf(name, sizeof(name), "%s%s%s", prefix, *prefix ? "." : "", key);
	if (json_is_object(v) && !is_computed(v)) {
		const char *k;
		json_t *child;
		json_object_foreach((json_t *)v, k, child)
			print_fact(out, name, k, child, first);
		return;
	}
	fprintf(out, "%s%s ", *first ? "" : "; ", name);
	*first = 0;
	if (is_computed(v)) {
		print_value(out, json_object_get(v, "value"));
		fprintf(out, " (%s)", json_string_value(json_object_get(v, "formula")));
	} else {
		print_value(out, v);
	}
}

/* "because" (the conditions that held) on a line of its own, then the other facts. */
static void print_facts(FILE *out, const json_t *facts)
{
	const json_t *because = json_object_get(facts, "because");
	size_t i;
	json_t *v;
	json_array_foreach(because, i, v)
		fprintf(out, "%s%s", i ? "; " : "     because: ", json_string_value(v));
	if (json_array_size(because))
		fputc('\n', out);
	const char *key;
	int first = 1;
	fputs("     facts: ", out);
	json_object_foreach((json_t *)facts, key, v)
		if (strcmp(key, "because") != 0 || !json_is_array(v))
			print_fact(out, "", key, v, &first);
	fputs(first ? "none\n" : "\n", out);
}

static void print_reason(FILE *out, size_t n, const json_t *r)
{
	fprintf(out, "  %zu. ", n);
	print_outcome(out, str(r, "outcome"));
	fprintf(out, "  %s", str(r, "rule"));
	if (*str(r, "title"))
		fprintf(out, ": %s", str(r, "title"));
	fprintf(out, "\n     citation: %s\n", str(r, "citation"));
	if (*str(r, "policy"))
		fprintf(out, "     policy: %s\n", str(r, "policy"));
	const json_t *party = json_object_get(r, "party");
	if (party)
		fprintf(out, "     party: %s %s\n", str(party, "role"), str(party, "name"));
	if (json_object_get(r, "item"))
		fprintf(out, "     item: line %lld\n", (long long)json_integer_value(json_object_get(r, "item")));
	print_facts(out, json_object_get(r, "facts"));
}

static void print_list(FILE *out, const json_t *strings)
{
	size_t i;
	json_t *t;
	json_array_foreach(strings, i, t)
		fprintf(out, "%s%s", i ? " " : "", json_string_value(t));
}

/* At most max bytes of s, cut at a character boundary, with "..." when cut. */
static void print_clipped(FILE *out, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max) {
		fputs(s, out);
		return;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	fprintf(out, "%.*s...", (int)max, s);
}

/* The tags that say which lists (programs apart: some lists print whole paragraphs as programs). */
static void print_hit_lists(FILE *out, const json_t *h)
{
	size_t i, shown = 0;
	json_t *t;
	fputs("             lists: ", out);
	json_array_foreach(json_object_get(h, "tags"), i, t)
		if (strncmp(json_string_value(t), "program:", 8) != 0)
			fprintf(out, "%s%s", shown++ ? " " : "", json_string_value(t));
	const json_t *programs = json_object_get(h, "programs");
	json_array_foreach(programs, i, t) {
		if (i == 4) {
			fprintf(out, " (+%zu more)", json_array_size(programs) - 4);
			break;
		}
		fputs(i ? ", " : "; programs: ", out);
		print_clipped(out, json_string_value(t), 40);
	}
	fputc('\n', out);
}

static void print_hit(FILE *out, const json_t *h)
{
	fprintf(out, "      %.3f  %s  %s\n", json_number_value(json_object_get(h, "score")), str(h, "entity_id"),
	        str(h, "name"));
	fprintf(out, "             matched \"%s\"\n", str(h, "matched_name"));
	print_hit_lists(out, h);
	if (*str(h, "license_requirement"))
		fprintf(out, "             licence: %s %s\n", str(h, "license_requirement"), str(h, "license_policy"));
}

/* A party: its hits, and its determination whenever it is not clear (a region or a rule may
 * object to a party nobody lists). */
static void print_party(FILE *out, const json_t *p)
{
	const json_t *hits = json_object_get(p, "hits");
	size_t n = json_array_size(hits);
	fprintf(out, "  %-22s %s", str(p, "role"), str(p, "name"));
	if (*str(p, "country"))
		fprintf(out, " (%s%s%s)", str(p, "country"), *str(p, "region") ? ", " : "", str(p, "region"));
	if (n)
		fprintf(out, "  %zu hit%s", n, n == 1 ? "" : "s");
	else
		fputs("  no hits", out);
	if (strcmp(str(p, "determination"), "clear") != 0) {
		fputs(", ", out);
		print_outcome(out, str(p, "determination"));
	}
	fputc('\n', out);
	size_t i;
	json_t *h;
	json_array_foreach(hits, i, h)
		print_hit(out, h);
}

static void print_item(FILE *out, const json_t *it)
{
	fprintf(out, "  %lld  %s", (long long)json_integer_value(json_object_get(it, "line")), str(it, "description"));
	if (*str(it, "hs_code"))
		fprintf(out, "  HS %s", str(it, "hs_code"));
	if (*str(it, "eccn"))
		fprintf(out, "  ECCN %s", str(it, "eccn"));
	fputs("  ", out);
	print_outcome(out, str(it, "determination"));
	fputc('\n', out);
	const json_t *rules = json_object_get(it, "rules");
	size_t i;
	json_t *r;
	json_array_foreach(rules, i, r)
		fprintf(out, "%s%s", i ? ", " : "     rules: ", str(r, "id"));
	if (json_array_size(rules))
		fputc('\n', out);
}

static void print_header(FILE *out, const json_t *result)
{
	const json_t *s = json_object_get(result, "shipment");
	print_outcome(out, str(result, "decision"));
	fprintf(out, "  shipment %s of %s to %s", *str(s, "id") ? str(s, "id") : "(no id)", str(s, "date"),
	        str(s, "destination"));
	const json_t *transit = json_object_get(s, "transit");
	if (json_array_size(transit)) {
		fputs(" via ", out);
		print_list(out, transit);
	}
	fprintf(out, ", end use %s\n", str(s, "end_use"));
}

static void print_provenance(FILE *out, const json_t *result)
{
	const json_t *p = json_object_get(result, "provenance");
	const json_t *pack = json_object_get(p, "rules_pack");
	fprintf(out, "\nRules pack %s %s; lists of the snapshot built %s; hits scoring %.2f or more.\n", str(pack, "id"),
	        str(pack, "version"), str(json_object_get(p, "snapshot"), "created"),
	        json_number_value(json_object_get(p, "threshold")));
}

void check_report_text(FILE *out, const json_t *result)
{
	print_header(out, result);
	const json_t *reasons = json_object_get(result, "reasons");
	size_t i;
	json_t *v;
	fprintf(out, "\nReasons%s\n", json_array_size(reasons) ? " (most severe first):" : ": none");
	json_array_foreach(reasons, i, v)
		print_reason(out, i + 1, v);
	fputs("\nParties:\n", out);
	json_array_foreach(json_object_get(result, "parties"), i, v)
		print_party(out, v);
	fputs("\nItems:\n", out);
	json_array_foreach(json_object_get(result, "items"), i, v)
		print_item(out, v);
	print_provenance(out, result);
}
