/*
 * Loading a rules pack: read the JSON, validate it (pack_validate.c), then index
 * its rules and classification entries for the evaluator. The pack's JSON stays
 * alive with the pack: rules borrow their strings and conditions from it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/pack.h"

static const char *str(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static rules_outcome outcome_of(const char *s)
{
	return !strcmp(s, "block")              ? RULES_BLOCK
	       : !strcmp(s, "license_required") ? RULES_LICENSE_REQUIRED
	       : !strcmp(s, "review")           ? RULES_REVIEW
	                                        : RULES_CLEAR;
}

/* Whether a condition names item facts, so that the rule is judged item by item. */
static int names_item(json_t *c, json_t *named, int depth)
{
	static const char *item_keys[] = {"param", "eccn", "ccl", "hs_in", "hs_prefix", "classified", "text_has"};
	if (!json_is_object(c) || depth > 16)
		return 0;
	for (size_t i = 0; i < sizeof(item_keys) / sizeof(*item_keys); i++)
		if (json_object_get(c, item_keys[i]))
			return 1;
	const char *k = str(c, "known");
	if (k && (strcmp(k, "eccn") == 0 || strcmp(k, "hs_code") == 0 || strncmp(k, "param:", 6) == 0))
		return 1;
	if (str(c, "ref"))
		return names_item(json_object_get(named, str(c, "ref")), named, depth + 1);
	json_t *sub = json_object_get(c, "not") ? json_object_get(c, "not") : json_object_get(c, "unknown");
	if (sub)
		return names_item(sub, named, depth + 1);
	json_t *list = json_object_get(c, "all") ? json_object_get(c, "all") : json_object_get(c, "any"), *x;
	size_t i;
	json_array_foreach(list, i, x) if (names_item(x, named, depth + 1)) return 1;
	return 0;
}

static void index_rule(rules_pack *pack, json_t *r, pack_rule *out)
{
	out->id = str(r, "id");
	out->title = str(r, "title");
	out->citation = str(r, "citation");
	out->policy = str(r, "policy");
	out->outcome = outcome_of(str(r, "outcome"));
	pack_window_read(r, &out->window);
	out->when = json_object_get(r, "when");
	out->requires = json_object_get(r, "requires");
	const char *per = str(r, "per");
	out->per_party = per && strcmp(per, "party") == 0;
	json_t *req = out->requires, *x;
	size_t i;
	int req_item = 0;
	json_array_foreach(req, i, x) req_item |= !strcmp(json_string_value(x), "eccn") ||
	                                          !strcmp(json_string_value(x), "hs_code") ||
	                                          !strncmp(json_string_value(x), "param:", 6);
	/* "per": "party" rules about items are judged for each item and each party */
	if (per && strcmp(per, "transaction") == 0)
		out->per_item = 0;
	else
		out->per_item = (per && strcmp(per, "item") == 0) || names_item(out->when, pack->conditions, 0) || req_item;
}

static void index_entry(json_t *e, pack_entry *out)
{
	out->id = str(e, "id");
	out->eccn = str(e, "eccn");
	out->title = str(e, "title");
	out->citation = str(e, "citation");
	out->note = str(e, "note");
	pack_window_read(e, &out->window);
	out->when = json_object_get(e, "when");
}

static int build(rules_pack *pack)
{
	json_t *root = pack->root, *h = json_object_get(root, "pack");
	pack->id = str(h, "id");
	pack->version = str(h, "version");
	pack_window_read(h, &pack->window);
	pack->groups = json_object_get(root, "groups");
	pack->hs_lists = json_object_get(root, "hs_lists");
	pack->conditions = json_object_get(root, "conditions");
	pack->aliases = json_object_get(root, "aliases");
	json_t *rules = json_object_get(root, "rules"), *entries = json_object_get(root, "classifications");
	pack->rules = calloc(json_array_size(rules) + 1, sizeof(*pack->rules));
	pack->entries = calloc(json_array_size(entries) + 1, sizeof(*pack->entries));
	if (!pack->rules || !pack->entries)
		return -1;
	json_t *x;
	size_t i;
	json_array_foreach(rules, i, x) index_rule(pack, x, &pack->rules[pack->rule_count++]);
	json_array_foreach(entries, i, x) index_entry(x, &pack->entries[pack->entry_count++]);
	return 0;
}

int rules_pack_load(const char *path, rules_pack **out, char *err, size_t errsize)
{
	*out = NULL;
	json_error_t je;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		snprintf(err, errsize, "%s:%d:%d: %s", path, je.line, je.column, je.text);
		return -1;
	}
	if (pack_validate(root, path, err, errsize)) {
		json_decref(root);
		return -1;
	}
	rules_pack *pack = calloc(1, sizeof(*pack));
	if (!pack || !(pack->path = strdup(path))) {
		free(pack);
		json_decref(root);
		snprintf(err, errsize, "%s: out of memory", path);
		return -1;
	}
	pack->root = root;
	if (build(pack)) {
		rules_pack_free(pack);
		snprintf(err, errsize, "%s: out of memory", path);
		return -1;
	}
	*out = pack;
	return 0;
}

void rules_pack_free(rules_pack *pack)
{
	if (!pack)
		return;
	free(pack->rules);
	free(pack->entries);
	free(pack->path);
	json_decref(pack->root);
	free(pack);
}

const char *rules_pack_id(const rules_pack *pack)
{
	return pack->id;
}

const char *rules_pack_version(const rules_pack *pack)
{
	return pack->version;
}
