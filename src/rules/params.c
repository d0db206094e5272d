/*
 * Item parameters as the rules read them: given in the item's "parameters", or
 * derived with the reference's formulas (§4.3): TPP = dense_tops × bit_length when
 * tpp is not given; PD = TPP ÷ die_area_mm2; HBM memory bandwidth density =
 * memory_bandwidth_gbps ÷ package_area_mm2 (§4.2, 3A090.c). Each derived value
 * keeps its arithmetic so that reports can show it.
 */
#include <stdio.h>
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

static void derive_tpp(const txn_item *item, pack_param *out)
{
	double tops, bits;
	int have_tops = number(item, "dense_tops", &tops), have_bits = number(item, "bit_length", &bits);
	if (!have_tops || !have_bits) {
		out->missing = !have_tops ? "dense_tops" : "bit_length";
		return;
	}
	out->present = 1;
	out->value = tops * bits;
	snprintf(out->formula, sizeof(out->formula), "dense_tops %g × bit_length %g = %g", tops, bits, out->value);
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
