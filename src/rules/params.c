/*
 * Item parameters as the rules read them: given in the item's "parameters", or
 * derived with the reference's formulas (§4.3): TPP = dense_tops × bit_length when
 * tpp is not given; PD = TPP ÷ die_area_mm2; HBM memory bandwidth density =
 * memory_bandwidth_gbps ÷ package_area_mm2 (§4.2, 3A090.c). Each derived value
 * keeps its arithmetic so that reports can show it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/pack.h"

static const txn_param *find(const txn_item *item, const char *name)
{
	for (size_t i = 0; i < item->param_count; i++)
		if (strcmp(item->params[i].name, name) == 0)
			return &item->params[i];
	return NULL;
}

static int number(const txn_item *item, const char *name, double *out)
{
	const txn_param *p = find(item, name);
	if (!p || !p->number.present)
		return 0;
	*out = p->number.value;
	return 1;
}

static void given(const txn_param *p, pack_param *out)
{
	out->present = p->number.present;
	out->value = p->number.value;
	out->text = p->text;
	snprintf(out->formula, sizeof(out->formula), "given");
}

/* "dense_tops_8bit": dense TOPS at that bit length; 0 when the name is not of that form. */
static double suffix_bits(const char *name)
{
	const char *prefix = "dense_tops_";
	size_t n = strlen(prefix);
	if (strncmp(name, prefix, n) != 0)
		return 0;
	char *end;
	double bits = strtod(name + n, &end);
	return (bits > 0 && strcmp(end, "bit") == 0) ? bits : 0;
}

static void add_term(pack_param *out, size_t *len, const char *name, double tops, double bits)
{
	double v = tops * bits;
	if (*len < sizeof(out->formula))
		*len += (size_t)snprintf(out->formula + *len, sizeof(out->formula) - *len, "%s%s %g × %g = %g",
		                         *len ? ", " : "", name, tops, bits, v);
	if (!out->present || v > out->value)
		out->value = v;
	out->present = 1;
}

/*
 * TPP = dense TOPS × bit length, the highest over the precisions given (§4.3):
 * "dense_tops" with "bit_length", and any "dense_tops_<N>bit".
 */
static void derive_tpp(const txn_item *item, pack_param *out)
{
	double tops = 0.0, bits = 0.0; /* set together by the two number() calls that guard their use */
	size_t len = 0, terms = 0;
	if (number(item, "dense_tops", &tops) && number(item, "bit_length", &bits)) {
		add_term(out, &len, "dense_tops", tops, bits);
		terms++;
	}
	for (size_t i = 0; i < item->param_count; i++) {
		double b = suffix_bits(item->params[i].name);
		if (b > 0 && item->params[i].number.present) {
			add_term(out, &len, item->params[i].name, item->params[i].number.value, b);
			terms++;
		}
	}
	if (!terms) {
		out->missing = number(item, "dense_tops", &tops) ? "bit_length" : "dense_tops";
		return;
	}
	if (terms == 1 && strncmp(out->formula, "dense_tops ", 11) == 0) {
		/* the common case reads "dense_tops 989 × bit_length 16 = 15824" */
		snprintf(out->formula, sizeof(out->formula), "dense_tops %g × bit_length %g = %g", tops, bits, out->value);
		return;
	}
	char list[160];
	snprintf(list, sizeof(list), "%s", out->formula);
	if (terms > 1)
		snprintf(out->formula, sizeof(out->formula), "max(%.120s) = %g", list, out->value);
}

static void derive_ratio(const txn_item *item, const char *name, pack_param *out)
{
	/* pd = tpp / die_area_mm2; hbm_density = memory_bandwidth_gbps / package_area_mm2 */
	int is_pd = strcmp(name, "pd") == 0;
	const char *num_name = is_pd ? "tpp" : "memory_bandwidth_gbps";
	const char *den_name = is_pd ? "die_area_mm2" : "package_area_mm2";
	pack_param num;
	pack_param_get(item, num_name, &num);
	double den;
	if (!num.present) {
		out->missing = num.missing ? num.missing : num_name;
		return;
	}
	if (!number(item, den_name, &den)) {
		out->missing = den_name;
		return;
	}
	out->present = 1;
	out->value = num.value / den;
	snprintf(out->formula, sizeof(out->formula), "%s %g ÷ %s %g = %.2f", num_name, num.value, den_name, den,
	         out->value);
}

void pack_param_get(const txn_item *item, const char *name, pack_param *out)
{
	memset(out, 0, sizeof(*out));
	const txn_param *p = find(item, name);
	if (p) {
		given(p, out);
		return;
	}
	if (strcmp(name, "tpp") == 0)
		derive_tpp(item, out);
	else if (strcmp(name, "pd") == 0 || strcmp(name, "hbm_density") == 0)
		derive_ratio(item, name, out);
	else
		out->missing = name;
}

json_t *pack_params_computed(const txn_item *item)
{
	static const char *derived[] = {"tpp", "pd", "hbm_density"};
	json_t *obj = json_object();
	for (size_t i = 0; i < sizeof(derived) / sizeof(*derived); i++) {
		pack_param p;
		pack_param_get(item, derived[i], &p);
		if (p.present)
			json_object_set_new(obj, derived[i],
			                    json_pack("{s:f, s:s}", "value", p.value, "formula", p.formula));
		else if (strcmp(derived[i], "hbm_density") != 0 && (find(item, "dense_tops") || find(item, "tpp")))
			json_object_set_new(obj, derived[i], json_pack("{s:n, s:s}", "value", "missing", p.missing));
	}
	return obj;
}
