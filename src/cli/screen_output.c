#include "cli/screen_output.h"

#include <string.h>

#include "codec/codec.h"

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
		json_t *progs = codec_programs_json(snap, m->entity_index);
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
