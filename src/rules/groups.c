/*
 * Country groups and HS-code lists of a pack, on a date. A group is its members
 * (each optionally with "from"/"until": D:5 changes when ITAR § 126.1 does), plus
 * the groups it includes, minus the groups it excludes. The pack's aliases make a
 * code count as another for every group test (HK as CN, reference §1.3).
 */
#include <string.h>

#include "rules/pack.h"
#include "rules/txn_norm.h"

static int member_in_force(json_t *m, txn_day day)
{
	if (json_is_string(m))
		return 1;
	pack_window w;
	return pack_window_read(m, &w) == 0 && pack_in_window(w, day);
}

static const char *member_code(json_t *m)
{
	return json_is_string(m) ? json_string_value(m) : json_string_value(json_object_get(m, "code"));
}

/* depth guards against a cycle the validator missed */
static int has_code(const rules_pack *pack, const char *group, const char *code, txn_day day, int depth)
{
	json_t *g = json_object_get(pack->groups, group);
	if (!g || depth > 16)
		return 0;
	json_t *v;
	size_t i;
	json_array_foreach(json_object_get(g, "exclude"), i, v) if (has_code(pack, json_string_value(v), code, day,
	                                                                      depth + 1)) return 0;
	json_array_foreach(json_object_get(g, "members"), i, v)
	{
		const char *c = member_code(v);
		if (c && strcmp(c, code) == 0 && member_in_force(v, day))
			return 1;
	}
	json_array_foreach(json_object_get(g, "include"), i, v) if (has_code(pack, json_string_value(v), code, day,
	                                                                      depth + 1)) return 1;
	return 0;
}

int pack_group_has(const rules_pack *pack, const char *group, const char *code, txn_day day)
{
	if (!code)
		return 0;
	if (has_code(pack, group, code, day, 0))
		return 1;
	const char *alias = pack_alias(pack, code);
	return alias && has_code(pack, group, alias, day, 0);
}

int pack_group_has_exact(const rules_pack *pack, const char *group, const char *code, txn_day day)
{
	return code && has_code(pack, group, code, day, 0);
}

const char *pack_alias(const rules_pack *pack, const char *code)
{
	return code ? json_string_value(json_object_get(pack->aliases, code)) : NULL;
}

json_t *pack_hs_list_find(const rules_pack *pack, const char *list, const char *hs_code, txn_day day)
{
	json_t *l = json_object_get(pack->hs_lists, list);
	if (!l || !hs_code || strlen(hs_code) < 6)
		return NULL;
	pack_window lw;
	if (pack_window_read(l, &lw) || !pack_in_window(lw, day))
		return NULL;
	json_t *e;
	size_t i;
	json_array_foreach(json_object_get(l, "entries"), i, e)
	{
		const char *hs6 = json_string_value(json_object_get(e, "hs6"));
		pack_window w;
		if (hs6 && strncmp(hs6, hs_code, 6) == 0 && pack_window_read(e, &w) == 0 && pack_in_window(w, day))
			return e;
	}
	return NULL;
}
