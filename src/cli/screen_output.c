#include "cli/screen_output.h"

#include <string.h>

static double round4(double v)
{
	return (double)(long long)(v * 10000.0 + (v >= 0 ? 0.5 : -0.5)) / 10000.0;
}

static json_t *programs_of(const cordon_snapshot *snap, size_t index)
{
	json_t *a = json_array();
	cordon_entity e;
	if (cordon_snapshot_entity(snap, index, &e) == 0) {
		for (size_t i = 0; i < e.program_count; i++)
			json_array_append_new(a, json_string(e.programs[i]));
		cordon_entity_dispose(&e);
	}
	return a;
}

static json_t *explanation_json(const cordon_explanation *x)
{
	json_t *o = json_object();
	json_object_set_new(o, "query_form", json_string(x->query_form));
	json_object_set_new(o, "query_scheme", json_string(x->query_scheme));
	json_object_set_new(o, "listed_form", json_string(x->listed_form));
	json_object_set_new(o, "listed_scheme", json_string(x->listed_scheme));
	json_object_set_new(o, "query_legal_form", x->query_legal_form ? json_string(x->query_legal_form) : json_null());
	json_object_set_new(o, "listed_legal_form", x->listed_legal_form ? json_string(x->listed_legal_form) : json_null());
	json_t *al = json_array();
	for (size_t i = 0; i < x->alignment_count; i++) {
		const cordon_alignment *a = &x->alignments[i];
		json_array_append_new(al, json_pack("{s:s,s:s,s:s,s:f,s:f}", "query", a->query_token, "listed",
		                                    a->listed_token, "method", a->method, "similarity",
		                                    round4(a->similarity), "weight", round4(a->weight)));
	}
	json_object_set_new(o, "alignment", al);
	json_t *fs = json_array();
	for (size_t i = 0; i < x->feature_count; i++) {
		const cordon_feature *f = &x->features[i];
		json_array_append_new(fs, json_pack("{s:s,s:f,s:s}", "feature", f->feature, "contribution",
		                                    round4(f->contribution), "detail", f->detail ? f->detail : ""));
	}
	json_object_set_new(o, "features", fs);
	return o;
}

json_t *cli_matches_json(const cordon_snapshot *snap, const cordon_results *res, int with_programs)
{
	json_t *a = json_array();
	for (size_t i = 0; i < res->count; i++) {
		const cordon_match *m = &res->matches[i];
		json_t *o = json_pack("{s:s,s:f,s:f,s:s,s:s,s:s,s:[s]}", "entity_id", m->entity_id, "score", round4(m->score),
		                      "name_score", round4(m->name_score), "name", m->name, "matched_name", m->matched_name,
		                      "schema", cordon_schema_name((cordon_schema)m->schema), "datasets", m->dataset);
		if (with_programs)
			json_object_set_new(o, "programs", programs_of(snap, m->entity_index));
		if (m->explanation)
			json_object_set_new(o, "explanation", explanation_json(m->explanation));
		json_array_append_new(a, o);
	}
	return a;
}

static void print_explanation(FILE *out, const cordon_explanation *x)
{
	fprintf(out, "             why: query \"%s\" (%s) vs listed \"%s\" (%s)", x->query_form, x->query_scheme,
	        x->listed_form, x->listed_scheme);
	if (x->query_legal_form || x->listed_legal_form)
		fprintf(out, "; legal forms set aside: %s / %s", x->query_legal_form ? x->query_legal_form : "-",
		        x->listed_legal_form ? x->listed_legal_form : "-");
	fprintf(out, "\n");
	for (size_t i = 0; i < x->alignment_count; i++) {
		const cordon_alignment *a = &x->alignments[i];
		fprintf(out, "               %-18s %-4s %-18s %-10s sim %.2f weight %.2f\n",
		        a->query_token[0] ? a->query_token : "-", "~", a->listed_token[0] ? a->listed_token : "-",
		        a->method, a->similarity, a->weight);
	}
	for (size_t i = 0; i < x->feature_count; i++) {
		const cordon_feature *f = &x->features[i];
		fprintf(out, "               %-12s %+.3f  %s\n", f->feature, f->contribution, f->detail ? f->detail : "");
	}
}

void cli_print_results(FILE *out, const cordon_snapshot *snap, const char *name, const cordon_results *res)
{
	fprintf(out, "%zu match%s for \"%s\" (%llu names scored)\n", res->count, res->count == 1 ? "" : "es", name,
	        (unsigned long long)res->candidates);
	for (size_t i = 0; i < res->count; i++) {
		const cordon_match *m = &res->matches[i];
		json_t *progs = programs_of(snap, m->entity_index);
		fprintf(out, "%2zu. %.3f  %-18s %s\n", i + 1, m->score, m->entity_id, m->name);
		if (strcmp(m->name, m->matched_name) != 0)
			fprintf(out, "             matched: %s\n", m->matched_name);
		fprintf(out, "             %s, %s", m->dataset, cordon_schema_name((cordon_schema)m->schema));
		for (size_t p = 0; p < json_array_size(progs); p++)
			fprintf(out, "%s%s", p ? " " : "; programs ", json_string_value(json_array_get(progs, p)));
		fprintf(out, "\n");
		json_decref(progs);
		if (m->explanation)
			print_explanation(out, m->explanation);
	}
}
