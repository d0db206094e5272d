#include "codec/codec.h"

double codec_round4(double v)
{
	return (double)(long long)(v * 10000.0 + (v >= 0 ? 0.5 : -0.5)) / 10000.0;
}

json_t *codec_programs_json(const cordon_snapshot *snap, size_t entity_index)
{
	json_t *a = json_array();
	cordon_entity e;
	if (cordon_snapshot_entity(snap, entity_index, &e) == 0) {
		for (size_t i = 0; i < e.program_count; i++)
			json_array_append_new(a, json_string(e.programs[i]));
		cordon_entity_dispose(&e);
	}
	return a;
}

static json_t *alignment_json(const cordon_explanation *x)
{
	json_t *al = json_array();
	for (size_t i = 0; i < x->alignment_count; i++) {
		const cordon_alignment *a = &x->alignments[i];
		json_array_append_new(al, json_pack("{s:s,s:s,s:s,s:f,s:f}", "query", a->query_token, "listed",
		                                    a->listed_token, "method", a->method, "similarity",
		                                    codec_round4(a->similarity), "weight", codec_round4(a->weight)));
	}
	return al;
}

json_t *codec_explanation_json(const cordon_explanation *x)
{
	json_t *o = json_object();
	json_object_set_new(o, "query_form", json_string(x->query_form));
	json_object_set_new(o, "query_scheme", json_string(x->query_scheme));
	json_object_set_new(o, "listed_form", json_string(x->listed_form));
	json_object_set_new(o, "listed_scheme", json_string(x->listed_scheme));
	json_object_set_new(o, "query_legal_form", x->query_legal_form ? json_string(x->query_legal_form) : json_null());
	json_object_set_new(o, "listed_legal_form", x->listed_legal_form ? json_string(x->listed_legal_form) : json_null());
	json_object_set_new(o, "alignment", alignment_json(x));
	json_t *fs = json_array();
	for (size_t i = 0; i < x->feature_count; i++) {
		const cordon_feature *f = &x->features[i];
		json_array_append_new(fs, json_pack("{s:s,s:f,s:s}", "feature", f->feature, "contribution",
		                                    codec_round4(f->contribution), "detail", f->detail ? f->detail : ""));
	}
	json_object_set_new(o, "features", fs);
	return o;
}

json_t *codec_matches_json(const cordon_snapshot *snap, const cordon_results *res, int with_programs)
{
	json_t *a = json_array();
	for (size_t i = 0; i < res->count; i++) {
		const cordon_match *m = &res->matches[i];
		json_t *o = json_pack("{s:s,s:f,s:f,s:s,s:s,s:s,s:[s]}", "entity_id", m->entity_id, "score",
		                      codec_round4(m->score), "name_score", codec_round4(m->name_score), "name", m->name,
		                      "matched_name", m->matched_name, "schema", cordon_schema_name((cordon_schema)m->schema),
		                      "datasets", m->dataset);
		if (with_programs)
			json_object_set_new(o, "programs", codec_programs_json(snap, m->entity_index));
		if (m->explanation)
			json_object_set_new(o, "explanation", codec_explanation_json(m->explanation));
		json_array_append_new(a, o);
	}
	return a;
}
