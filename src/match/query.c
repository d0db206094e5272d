#include "match/query.h"

#include <string.h>

#include "text/translit.h"
#include "util/error.h"

static void fill_side(const cmatch_index *idx, cmatch_form *f)
{
	cmatch_side *s = &f->side;
	s->n = f->name.count;
	s->numbers = 0;
	s->legal = (unsigned char)f->name.legal;
	double unknown_idf = idx ? idx->meta->max_idf : 0.0;
	for (size_t i = 0; i < f->name.count; i++) {
		const ct_token *t = &f->name.tokens[i];
		cmatch_tok *o = &s->t[i];
		o->text = t->text;
		o->key = t->key;
		o->cons = t->cons;
		o->key_len = t->key_len;
		o->cons_len = t->cons_len;
		o->key_mask = cmatch_letter_mask(t->key, t->key_len);
		o->kind = t->kind;
		o->key_id = UINT32_MAX;
		o->semitic = f->name.scheme == CT_SCHEME_ARABIC || f->name.scheme == CT_SCHEME_HEBREW;
		f->key_id[i] = idx ? cmatch_find_key(idx, t->key, t->key_len) : UINT32_MAX;
		o->key_id_known = f->key_id[i] != UINT32_MAX;
		/* a word the lists never use is as rare as words get; without lists, longer words say more */
		double idf = f->key_id[i] != UINT32_MAX ? idx->keys[f->key_id[i]].idf
		           : idx                        ? unknown_idf
		                                        : 1.0 + t->key_len / 4.0;
		o->weight = (float)(idf * cmatch_role_factor(t->kind));
		if (t->kind == CT_TOKEN_NUMBER)
			s->numbers++;
	}
}

int cmatch_prepare(const cmatch_index *idx, const char *name, int schema, cmatch_prepared *out)
{
	ct_renderings r;
	ct_renderings_init(&r);
	int rc = ct_render(name, strlen(name), 1, &r);
	out->form_count = 0;
	for (size_t i = 0; !rc && i < r.count; i++) {
		if (!r.text[i].len)
			continue;
		cmatch_form *f = &out->forms[out->form_count];
		snprintf(f->rendering, sizeof(f->rendering), "%s", r.text[i].data);
		ct_analyse(f->rendering, r.scheme[i], schema, &f->name);
		if (!f->name.count)
			continue;
		fill_side(idx, f);
		out->form_count++;
	}
	ct_renderings_dispose(&r);
	if (!rc && out->form_count == 0)
		rc = cu_fail(CORDON_EINVALID, "the name has no letters or digits to match");
	return rc;
}

void cmatch_entry_side(const cmatch_index *idx, uint32_t entry, cmatch_side *out)
{
	const cmatch_entry *e = &idx->entries[entry];
	out->n = e->token_count < CT_MAX_TOKENS ? e->token_count : CT_MAX_TOKENS;
	out->numbers = 0;
	out->legal = e->legal;
	for (size_t i = 0; i < out->n; i++) {
		const cmatch_entry_token *t = &idx->tokens[e->first_token + i];
		const cmatch_key *k = &idx->keys[t->key];
		cmatch_tok *o = &out->t[i];
		o->text = csnap_str(idx->snap, t->text);
		o->key = csnap_str(idx->snap, k->text);
		o->cons = csnap_str(idx->snap, k->cons);
		o->key_len = k->text_len;
		o->cons_len = k->cons_len;
		o->key_mask = cmatch_letter_mask(o->key, o->key_len);
		o->key_id = t->key;
		o->kind = t->kind;
		o->semitic = e->scheme == CT_SCHEME_ARABIC || e->scheme == CT_SCHEME_HEBREW;
		o->weight = (float)(k->idf * cmatch_role_factor(t->kind));
		if (t->kind == CT_TOKEN_NUMBER)
			out->numbers++;
	}
}
