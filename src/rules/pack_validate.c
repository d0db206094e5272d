/*
 * Validating a rules pack before it is used: every key known, every date a date,
 * every group, HS list, named condition and ECCN entry that is referenced defined,
 * every outcome one of the four. An error names the file and the JSON path.
 * docs/rules.md is the format this checks.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rules/pack.h"
#include "rules/txn_norm.h"

typedef struct {
	json_t *root;
	const char *file;
	char *err;
	size_t errsize;
	int ref_depth;
} vctx;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int bad(vctx *v, const char *path, const char *fmt, ...)
{
	char msg[384];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(v->err, v->errsize, "%s: %s: %s", v->file, path, msg);
	return -1;
}

/* Paths longer than the buffer are cut short (the return value is checked so that
   the compiler knows it is meant). */
static void sub(char *out, size_t size, const char *path, const char *key)
{
	if (snprintf(out, size, "%s.%s", path, key) >= (int)size)
		out[size - 1] = '\0';
}

static void idx(char *out, size_t size, const char *path, size_t i)
{
	if (snprintf(out, size, "%s[%zu]", path, i) >= (int)size)
		out[size - 1] = '\0';
}

/* Every key of obj must be in the NULL-terminated list ("comment" is always allowed). */
static int keys_known(vctx *v, json_t *obj, const char *path, const char *const *allowed)
{
	const char *key;
	json_t *val;
	json_object_foreach(obj, key, val)
	{
		int ok = strcmp(key, "comment") == 0;
		for (size_t i = 0; !ok && allowed[i]; i++)
			ok = strcmp(key, allowed[i]) == 0;
		if (!ok) {
			char p[512];
			sub(p, sizeof(p), path, key);
			return bad(v, p, "unknown key");
		}
	}
	return 0;
}

static int want_object(vctx *v, json_t *j, const char *path)
{
	return json_is_object(j) ? 0 : bad(v, path, "must be an object");
}

static int want_string(vctx *v, json_t *obj, const char *key, const char *path, int required)
{
	json_t *s = json_object_get(obj, key);
	char p[512];
	sub(p, sizeof(p), path, key);
	if (!s)
		return required ? bad(v, p, "missing") : 0;
	if (!json_is_string(s) || !json_string_value(s)[0])
		return bad(v, p, "must be a non-empty string");
	return 0;
}

static int want_strings(vctx *v, json_t *arr, const char *path)
{
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return bad(v, path, "must be a non-empty array of strings");
	json_t *s;
	size_t i;
	json_array_foreach(arr, i, s) if (!json_is_string(s)) {
		char p[512];
		idx(p, sizeof(p), path, i);
		return bad(v, p, "must be a string");
	}
	return 0;
}

int pack_in_window(pack_window w, txn_day day)
{
	return day >= w.from && day <= w.until;
}

int pack_window_read(json_t *obj, pack_window *out)
{
	out->from = LONG_MIN;
	out->until = LONG_MAX;
	json_t *e = json_object_get(obj, "effective"), *x = json_object_get(obj, "expires");
	if (e && !json_is_null(e) && txn_parse_date(json_string_value(e), &out->from))
		return -1;
	if (x && !json_is_null(x) && txn_parse_date(json_string_value(x), &out->until))
		return -1;
	return 0;
}

/* "effective" (required or not) and "expires" as dates, in order. */
static int want_window(vctx *v, json_t *obj, const char *path, int effective_required)
{
	static const char *keys[] = {"effective", "expires"};
	for (int i = 0; i < 2; i++) {
		json_t *d = json_object_get(obj, keys[i]);
		char p[512];
		sub(p, sizeof(p), path, keys[i]);
		txn_day day;
		if (!d && i == 0 && effective_required)
			return bad(v, p, "missing (YYYY-MM-DD)");
		if (d && !json_is_null(d) && (!json_is_string(d) || txn_parse_date(json_string_value(d), &day)))
			return bad(v, p, "not a date (YYYY-MM-DD)");
	}
	pack_window w;
	pack_window_read(obj, &w);
	if (w.from > w.until) {
		char p[512];
		sub(p, sizeof(p), path, "expires");
		return bad(v, p, "before effective");
	}
	return 0;
}

/* ---- groups and lists ---- */

static int code_valid(const char *s)
{
	const char *c = strlen(s) == 2 ? txn_country(s) : txn_region_code(s);
	return c && strcmp(c, s) == 0;
}

static int group_member(vctx *v, json_t *m, const char *path)
{
	if (json_is_object(m)) {
		static const char *const k[] = {"code", "effective", "expires", "citation", NULL};
		if (keys_known(v, m, path, k) || want_string(v, m, "code", path, 1) || want_window(v, m, path, 0))
			return -1;
		m = json_object_get(m, "code");
	}
	if (!json_is_string(m) || !code_valid(json_string_value(m)))
		return bad(v, path, "\"%s\" is no ISO 3166-1 alpha-2 code or known ISO 3166-2 region (upper case)",
		           json_is_string(m) ? json_string_value(m) : "?");
	return 0;
}

static int group_names(vctx *v, json_t *arr, const char *path)
{
	if (want_strings(v, arr, path))
		return -1;
	json_t *s;
	size_t i;
	json_array_foreach(arr, i, s) if (!json_object_get(json_object_get(v->root, "groups"), json_string_value(s)))
	{
		char p[512];
		idx(p, sizeof(p), path, i);
		return bad(v, p, "unknown group \"%s\"", json_string_value(s));
	}
	return 0;
}

static int one_group(vctx *v, json_t *g, const char *path)
{
	static const char *const k[] = {"title", "members", "include", "exclude", "citation", "as_of", "confidence", NULL};
	if (want_object(v, g, path) || keys_known(v, g, path, k) || want_string(v, g, "citation", path, 1))
		return -1;
	json_t *m = json_object_get(g, "members"), *x;
	char p[512];
	sub(p, sizeof(p), path, "members");
	if (m && !json_is_array(m))
		return bad(v, p, "must be an array");
	size_t i;
	json_array_foreach(m, i, x)
	{
		char pi[512];
		idx(pi, sizeof(pi), p, i);
		if (group_member(v, x, pi))
			return -1;
	}
	static const char *const refs[] = {"include", "exclude"};
	for (int r = 0; r < 2; r++) {
		sub(p, sizeof(p), path, refs[r]);
		if (json_object_get(g, refs[r]) && group_names(v, json_object_get(g, refs[r]), p))
			return -1;
	}
	if (!m && !json_object_get(g, "include"))
		return bad(v, path, "has neither members nor include");
	return 0;
}

/* A group may not include itself, directly or through others. */
static int group_cycle(vctx *v, const char *start, const char *name, int depth)
{
	if (depth > 16)
		return 1;
	json_t *g = json_object_get(json_object_get(v->root, "groups"), name);
	static const char *const refs[] = {"include", "exclude"};
	for (int r = 0; r < 2; r++) {
		json_t *s;
		size_t i;
		json_array_foreach(json_object_get(g, refs[r]), i, s)
		{
			if (strcmp(json_string_value(s), start) == 0 || group_cycle(v, start, json_string_value(s), depth + 1))
				return 1;
		}
	}
	return 0;
}

static int groups(vctx *v, json_t *gs)
{
	if (!gs)
		return 0;
	if (want_object(v, gs, "groups"))
		return -1;
	const char *name;
	json_t *g;
	json_object_foreach(gs, name, g)
	{
		char p[512];
		sub(p, sizeof(p), "groups", name);
		if (one_group(v, g, p))
			return -1;
		if (group_cycle(v, name, name, 0))
			return bad(v, p, "includes or excludes itself");
	}
	return 0;
}

static int hs_entry(vctx *v, json_t *e, const char *path)
{
	static const char *const k[] = {"hs6", "tier", "description", "effective", "expires", NULL};
	if (want_object(v, e, path) || keys_known(v, e, path, k) || want_window(v, e, path, 0))
		return -1;
	const char *hs = json_string_value(json_object_get(e, "hs6"));
	char digits[11], p[512];
	sub(p, sizeof(p), path, "hs6");
	if (!hs || strlen(hs) != 6 || txn_norm_hs(hs, digits))
		return bad(v, p, "must be six digits");
	return 0;
}

static int hs_lists(vctx *v, json_t *ls)
{
	if (!ls)
		return 0;
	if (want_object(v, ls, "hs_lists"))
		return -1;
	static const char *const k[] = {"title", "citation", "effective", "expires", "confidence", "entries", NULL};
	const char *name;
	json_t *l;
	json_object_foreach(ls, name, l)
	{
		char p[512], pe[512];
		sub(p, sizeof(p), "hs_lists", name);
		sub(pe, sizeof(pe), p, "entries");
		if (want_object(v, l, p) || keys_known(v, l, p, k) || want_string(v, l, "citation", p, 1) ||
		    want_window(v, l, p, 0))
			return -1;
		json_t *es = json_object_get(l, "entries"), *e;
		if (!json_is_array(es))
			return bad(v, pe, "must be an array");
		size_t i;
		json_array_foreach(es, i, e)
		{
			char pi[512];
			idx(pi, sizeof(pi), pe, i);
			if (hs_entry(v, e, pi))
				return -1;
		}
	}
	return 0;
}

static int aliases(vctx *v, json_t *a)
{
	if (!a)
		return 0;
	if (want_object(v, a, "aliases"))
		return -1;
	const char *k;
	json_t *val;
	json_object_foreach(a, k, val)
	{
		char p[512];
		sub(p, sizeof(p), "aliases", k);
		if (!code_valid(k) || !json_is_string(val) || !code_valid(json_string_value(val)))
			return bad(v, p, "aliases map one ISO 3166-1 alpha-2 code to another");
	}
	return 0;
}

/* ---- conditions ---- */

static int condition(vctx *v, json_t *c, const char *path);

static int groupref(vctx *v, json_t *ref, const char *path)
{
	if (json_is_string(ref)) {
		if (!json_object_get(json_object_get(v->root, "groups"), json_string_value(ref)))
			return bad(v, path, "unknown group \"%s\"", json_string_value(ref));
		return 0;
	}
	if (want_strings(v, ref, path))
		return bad(v, path, "must be a group name or an array of codes");
	json_t *s;
	size_t i;
	json_array_foreach(ref, i, s) if (!code_valid(json_string_value(s)))
	{
		char p[512];
		idx(p, sizeof(p), path, i);
		return bad(v, p, "\"%s\" is no country or region code", json_string_value(s));
	}
	return 0;
}

static int known_fact(const char *f)
{
	static const char *plain[] = {"eccn", "hs_code", "end_use", "facility", "facility:logic_node_nm",
	                              "facility:non_planar", "facility:dram_half_pitch_nm", "facility:nand_layers"};
	for (size_t i = 0; i < sizeof(plain) / sizeof(*plain); i++)
		if (strcmp(f, plain[i]) == 0)
			return 1;
	return strncmp(f, "param:", 6) == 0 && f[6];
}

/* Comparisons of param and facility leaves: at least one, numbers; "is"/"in" for texts. */
static int comparisons(vctx *v, json_t *c, const char *path)
{
	static const char *ops[] = {"ge", "gt", "le", "lt", "eq"};
	int n = 0;
	for (size_t i = 0; i < 5; i++) {
		json_t *o = json_object_get(c, ops[i]);
		char p[512];
		sub(p, sizeof(p), path, ops[i]);
		if (o && !json_is_number(o))
			return bad(v, p, "must be a number");
		n += o != NULL;
	}
	json_t *is = json_object_get(c, "is"), *in = json_object_get(c, "in"), *ab = json_object_get(c, "if_absent");
	char p[512];
	sub(p, sizeof(p), path, "is");
	if (is && !json_is_boolean(is) && !json_is_string(is))
		return bad(v, p, "must be true, false or a string");
	sub(p, sizeof(p), path, "in");
	if (in && want_strings(v, in, p))
		return -1;
	sub(p, sizeof(p), path, "if_absent");
	if (ab && !(json_is_string(ab) && (strcmp(json_string_value(ab), "false") == 0 ||
	                                   strcmp(json_string_value(ab), "unknown") == 0)))
		return bad(v, p, "must be \"false\" or \"unknown\"");
	if (n + (is != NULL) + (in != NULL) == 0)
		return bad(v, path, "needs a comparison (ge, gt, le, lt, eq, is or in)");
	return 0;
}

static int entry_eccn_known(vctx *v, const char *eccn)
{
	json_t *e;
	size_t i;
	json_array_foreach(json_object_get(v->root, "classifications"), i, e)
	{
		const char *x = json_string_value(json_object_get(e, "eccn"));
		if (x && strcmp(x, eccn) == 0)
			return 1;
	}
	return 0;
}

static int party_cond(vctx *v, json_t *pc, const char *path)
{
	static const char *const k[] = {"roles", "roles_except", "country_in", "region_in", "hq_in", "ngc",
	                                "tags_any", "score_ge", "score_lt", NULL};
	if (want_object(v, pc, path) || keys_known(v, pc, path, k))
		return -1;
	char p[512];
	static const char *const lists[] = {"roles", "roles_except", "tags_any"};
	for (int i = 0; i < 3; i++) {
		sub(p, sizeof(p), path, lists[i]);
		if (json_object_get(pc, lists[i]) && want_strings(v, json_object_get(pc, lists[i]), p))
			return -1;
	}
	static const char *const refs[] = {"country_in", "region_in", "hq_in"};
	for (int i = 0; i < 3; i++) {
		sub(p, sizeof(p), path, refs[i]);
		if (json_object_get(pc, refs[i]) && groupref(v, json_object_get(pc, refs[i]), p))
			return -1;
	}
	static const char *const scores[] = {"score_ge", "score_lt"};
	for (int i = 0; i < 2; i++) {
		json_t *s = json_object_get(pc, scores[i]);
		sub(p, sizeof(p), path, scores[i]);
		if (s && (!json_is_number(s) || json_number_value(s) < 0 || json_number_value(s) > 1))
			return bad(v, p, "must be a number from 0 to 1");
	}
	sub(p, sizeof(p), path, "ngc");
	if (json_object_get(pc, "ngc") && !json_is_boolean(json_object_get(pc, "ngc")))
		return bad(v, p, "must be true or false");
	if (!json_object_get(pc, "country_in") && !json_object_get(pc, "region_in") && !json_object_get(pc, "hq_in") &&
	    !json_object_get(pc, "tags_any"))
		return bad(v, path, "needs country_in, region_in, hq_in or tags_any");
	return 0;
}

static int cond_list(vctx *v, json_t *arr, const char *path)
{
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return bad(v, path, "must be a non-empty array of conditions");
	json_t *c;
	size_t i;
	json_array_foreach(arr, i, c)
	{
		char p[512];
		idx(p, sizeof(p), path, i);
		if (condition(v, c, p))
			return -1;
	}
	return 0;
}

static int ref_cond(vctx *v, json_t *ref, const char *path)
{
	json_t *target = json_object_get(json_object_get(v->root, "conditions"), json_string_value(ref));
	if (!json_is_string(ref) || !target)
		return bad(v, path, "unknown condition \"%s\"", json_is_string(ref) ? json_string_value(ref) : "?");
	if (v->ref_depth > 16)
		return bad(v, path, "conditions refer to each other in a cycle");
	v->ref_depth++;
	int rc = condition(v, target, path);
	v->ref_depth--;
	return rc;
}

static int item_list_leaf(vctx *v, const char *key, json_t *val, const char *path)
{
	if (want_strings(v, val, path))
		return -1;
	json_t *s;
	size_t i;
	json_array_foreach(val, i, s)
	{
		const char *x = json_string_value(s);
		char p[512];
		idx(p, sizeof(p), path, i);
		if (strcmp(key, "classified") == 0 && !entry_eccn_known(v, x))
			return bad(v, p, "no classification entry has eccn \"%s\"", x);
		if (strcmp(key, "hs_prefix") == 0 && (strlen(x) < 2 || strspn(x, "0123456789") != strlen(x)))
			return bad(v, p, "must be two or more digits");
		if (strcmp(key, "end_use_in") == 0 && !strstr(" unspecified civil military military_end_user supercomputer "
		                                              "semiconductor_fab ai_training unknown ", x))
			return bad(v, p, "unknown end use \"%s\"", x);
	}
	return 0;
}

/* The primary key of a leaf and the modifiers it admits. */
static const struct {
	const char *key;
	const char *modifiers[12];
} leaves[] = {
	{"all", {NULL}},
	{"any", {NULL}},
	{"not", {NULL}},
	{"unknown", {NULL}},
	{"ref", {NULL}},
	{"param", {"ge", "gt", "le", "lt", "eq", "is", "in", "if_absent", NULL}},
	{"facility", {"ge", "gt", "le", "lt", "eq", "is", "if_absent", NULL}},
	{"eccn", {NULL}},
	{"ccl", {NULL}},
	{"hs_in", {NULL}},
	{"hs_prefix", {NULL}},
	{"classified", {NULL}},
	{"text_has", {NULL}},
	{"known", {NULL}},
	{"end_use_in", {NULL}},
	{"party", {NULL}},
	{"destination_in", {NULL}},
	{"transit_in", {NULL}},
	{"route_in", {NULL}},
	{"destination_region_in", {"ngc", NULL}},
	{"export_country_in", {NULL}},
};
#define LEAF_COUNT (sizeof(leaves) / sizeof(*leaves))

static int leaf_of(vctx *v, json_t *c, const char *path, size_t *out)
{
	int found = -1;
	for (size_t i = 0; i < LEAF_COUNT; i++) {
		if (!json_object_get(c, leaves[i].key))
			continue;
		if (found >= 0)
			return bad(v, path, "has both \"%s\" and \"%s\" (one condition per object: use all/any)",
			           leaves[found].key, leaves[i].key);
		found = (int)i;
	}
	if (found < 0)
		return bad(v, path, "is no condition (all, any, not, unknown, ref, param, facility, eccn, ccl, hs_in, "
		                    "hs_prefix, classified, text_has, known, end_use_in, party, destination_in, "
		                    "transit_in, route_in, destination_region_in, export_country_in)");
	*out = (size_t)found;
	return 0;
}

static int leaf_value(vctx *v, const char *key, json_t *val, json_t *c, const char *p, const char *path)
{
	if (!strcmp(key, "all") || !strcmp(key, "any"))
		return cond_list(v, val, p);
	if (!strcmp(key, "not") || !strcmp(key, "unknown"))
		return condition(v, val, p);
	if (!strcmp(key, "ref"))
		return ref_cond(v, val, p);
	if (!strcmp(key, "param") || !strcmp(key, "facility")) {
		if (!json_is_string(val))
			return bad(v, p, "must be a parameter name");
		if (!strcmp(key, "facility") && !strstr(" logic_node_nm non_planar dram_half_pitch_nm nand_layers ",
		                                       json_string_value(val)))
			return bad(v, p, "unknown facility field \"%s\"", json_string_value(val));
		return comparisons(v, c, path);
	}
	if (!strcmp(key, "ccl") || !strcmp(key, "ngc"))
		return json_is_boolean(val) ? 0 : bad(v, p, "must be true or false");
	if (!strcmp(key, "hs_in"))
		return json_is_string(val) && json_object_get(json_object_get(v->root, "hs_lists"), json_string_value(val))
		               ? 0
		               : bad(v, p, "unknown HS list \"%s\"", json_is_string(val) ? json_string_value(val) : "?");
	if (!strcmp(key, "known"))
		return json_is_string(val) && known_fact(json_string_value(val)) ? 0 : bad(v, p, "unknown fact");
	if (!strcmp(key, "party"))
		return party_cond(v, val, p);
	if (strstr(key, "_in") && strcmp(key, "end_use_in") != 0)
		return groupref(v, val, p);
	return item_list_leaf(v, key, val, p);
}

static int condition(vctx *v, json_t *c, const char *path)
{
	if (want_object(v, c, path))
		return -1;
	size_t l = 0;
	if (leaf_of(v, c, path, &l))
		return -1;
	const char *key;
	json_t *val;
	json_object_foreach(c, key, val)
	{
		char p[512];
		sub(p, sizeof(p), path, key);
		int is_mod = 0;
		for (size_t m = 0; leaves[l].modifiers[m]; m++)
			is_mod |= strcmp(key, leaves[l].modifiers[m]) == 0;
		if (strcmp(key, "comment") == 0 || is_mod)
			continue;
		if (strcmp(key, leaves[l].key) != 0)
			return bad(v, p, "unknown key for a \"%s\" condition", leaves[l].key);
		if (leaf_value(v, key, val, c, p, path))
			return -1;
	}
	json_t *ngc = json_object_get(c, "ngc");
	if (ngc && !json_is_boolean(ngc)) {
		char p[512];
		sub(p, sizeof(p), path, "ngc");
		return bad(v, p, "must be true or false");
	}
	return 0;
}

static int conditions(vctx *v, json_t *cs)
{
	if (!cs)
		return 0;
	if (want_object(v, cs, "conditions"))
		return -1;
	const char *name;
	json_t *c;
	json_object_foreach(cs, name, c)
	{
		char p[512];
		sub(p, sizeof(p), "conditions", name);
		if (condition(v, c, p))
			return -1;
	}
	return 0;
}

/* ---- entries and rules ---- */

static int entry(vctx *v, json_t *e, const char *path)
{
	static const char *const k[] = {"id", "eccn", "title", "citation", "effective", "expires", "when",
	                                "note", "confidence", NULL};
	char p[512], eccn[64];
	if (want_object(v, e, path) || keys_known(v, e, path, k) || want_string(v, e, "id", path, 1) ||
	    want_string(v, e, "eccn", path, 1) || want_string(v, e, "title", path, 1) ||
	    want_string(v, e, "citation", path, 1) || want_string(v, e, "note", path, 0) || want_window(v, e, path, 1))
		return -1;
	sub(p, sizeof(p), path, "eccn");
	const char *x = json_string_value(json_object_get(e, "eccn"));
	if (txn_norm_eccn(x, eccn, sizeof(eccn)) || strcmp(eccn, x) != 0)
		return bad(v, p, "\"%s\" is no ECCN as the CCL writes it (e.g. \"3A090.a\")", x);
	sub(p, sizeof(p), path, "when");
	if (!json_object_get(e, "when"))
		return bad(v, p, "missing");
	return condition(v, json_object_get(e, "when"), p);
}

static int outcome_valid(const char *s)
{
	return s && (!strcmp(s, "block") || !strcmp(s, "license_required") || !strcmp(s, "review") || !strcmp(s, "clear"));
}

static int requires_valid(vctx *v, json_t *r, const char *path)
{
	if (!r)
		return 0;
	char p[512];
	sub(p, sizeof(p), path, "requires");
	if (want_strings(v, r, p))
		return -1;
	json_t *s;
	size_t i;
	json_array_foreach(r, i, s) if (!known_fact(json_string_value(s)))
	{
		char pi[512];
		idx(pi, sizeof(pi), p, i);
		return bad(v, pi, "unknown fact \"%s\" (eccn, hs_code, end_use, facility, facility:<field>, param:<name>)",
		           json_string_value(s));
	}
	return 0;
}

static int rule(vctx *v, json_t *r, const char *path)
{
	static const char *const k[] = {"id", "title", "citation", "effective", "expires", "per", "when",
	                                "requires", "outcome", "policy", "confidence", "note", NULL};
	if (want_object(v, r, path) || keys_known(v, r, path, k) || want_string(v, r, "id", path, 1) ||
	    want_string(v, r, "title", path, 1) || want_string(v, r, "citation", path, 1) ||
	    want_string(v, r, "policy", path, 0) || want_window(v, r, path, 1) || requires_valid(v, json_object_get(r, "requires"), path))
		return -1;
	char p[512];
	sub(p, sizeof(p), path, "outcome");
	if (!outcome_valid(json_string_value(json_object_get(r, "outcome"))))
		return bad(v, p, "must be \"block\", \"license_required\", \"review\" or \"clear\"");
	const char *per = json_string_value(json_object_get(r, "per"));
	sub(p, sizeof(p), path, "per");
	if (json_object_get(r, "per") && (!per || (strcmp(per, "item") && strcmp(per, "party") && strcmp(per, "transaction"))))
		return bad(v, p, "must be \"item\", \"party\" or \"transaction\"");
	sub(p, sizeof(p), path, "when");
	if (!json_object_get(r, "when"))
		return bad(v, p, "missing");
	return condition(v, json_object_get(r, "when"), p);
}

/* Array of objects with unique "id"s, each checked by fn. */
static int id_array(vctx *v, const char *name, int (*fn)(vctx *, json_t *, const char *), int required)
{
	json_t *arr = json_object_get(v->root, name), *x;
	if (!arr)
		return required ? bad(v, name, "missing") : 0;
	if (!json_is_array(arr))
		return bad(v, name, "must be an array");
	size_t i;
	json_array_foreach(arr, i, x)
	{
		char p[512];
		idx(p, sizeof(p), name, i);
		if (fn(v, x, p))
			return -1;
		for (size_t j = 0; j < i; j++)
			if (json_equal(json_object_get(json_array_get(arr, j), "id"), json_object_get(x, "id")))
				return bad(v, p, "id \"%s\" is used twice", json_string_value(json_object_get(x, "id")));
	}
	return 0;
}

static int header(vctx *v, json_t *h)
{
	static const char *const k[] = {"id", "version", "effective", "expires", "as_of", "source", "description", NULL};
	if (!h)
		return bad(v, "pack", "missing (id, version, effective)");
	if (want_object(v, h, "pack") || keys_known(v, h, "pack", k) || want_string(v, h, "id", "pack", 1) ||
	    want_string(v, h, "version", "pack", 1) || want_window(v, h, "pack", 1))
		return -1;
	json_t *a = json_object_get(h, "as_of");
	txn_day d;
	if (a && (!json_is_string(a) || txn_parse_date(json_string_value(a), &d)))
		return bad(v, "pack.as_of", "not a date (YYYY-MM-DD)");
	return 0;
}

int pack_validate(json_t *root, const char *file, char *err, size_t errsize)
{
	vctx v = {root, file, err, errsize, 0};
	static const char *const k[] = {"pack", "aliases", "groups", "hs_lists", "conditions", "classifications", "rules", NULL};
	if (!json_is_object(root))
		return bad(&v, "$", "a rules pack is a JSON object");
	if (keys_known(&v, root, "$", k) || header(&v, json_object_get(root, "pack")) ||
	    aliases(&v, json_object_get(root, "aliases")) || groups(&v, json_object_get(root, "groups")) ||
	    hs_lists(&v, json_object_get(root, "hs_lists")) || id_array(&v, "classifications", entry, 0) ||
	    conditions(&v, json_object_get(root, "conditions")) || id_array(&v, "rules", rule, 1))
		return -1;
	return 0;
}
