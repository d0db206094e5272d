#include "match/index_build.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "match/hashtab.h"
#include "match/layout.h"
#include "text/name.h"
#include "text/translit.h"
#include "util/error.h"
#include "util/grow.h"
#include "util/strmap.h"

/* ---- phase 1: analyse names in parallel into per-worker record buffers ---- */

typedef struct {
	const cordon_entity *const *entities;
	size_t begin, end;
	cu_buf out;
	int failed;
} worker;

static void put_u8(cu_buf *b, unsigned v, int *failed)
{
	char c = (char)v;
	if (cu_buf_append(b, &c, 1))
		*failed = 1;
}

static void put_str(cu_buf *b, const char *s, size_t len, int *failed)
{
	if (len > 255)
		len = 255;
	put_u8(b, (unsigned)len, failed);
	if (cu_buf_append(b, s, len))
		*failed = 1;
}

/* Record: entity(4) kind weak scheme legal schema ntok, rendering, then per token kind legal text key cons. */
static void put_entry(cu_buf *b, uint32_t entity, const cordon_name *name, int schema, const char *rendering,
                      const ct_name *n, int *failed)
{
	if (cu_buf_append(b, &entity, sizeof(entity)))
		*failed = 1;
	put_u8(b, name->kind, failed);
	put_u8(b, name->weak ? 1 : 0, failed);
	put_u8(b, n->scheme, failed);
	put_u8(b, n->legal, failed);
	put_u8(b, (unsigned)schema, failed);
	put_u8(b, (unsigned)n->count, failed);
	uint16_t flen = (uint16_t)strlen(name->full);
	if (cu_buf_append(b, &flen, 2) || cu_buf_append(b, name->full, flen))
		*failed = 1;
	put_str(b, rendering, strlen(rendering), failed);
	for (size_t i = 0; i < n->count; i++) {
		const ct_token *t = &n->tokens[i];
		put_u8(b, t->kind, failed);
		put_u8(b, t->legal, failed);
		put_str(b, t->text, t->len, failed);
		put_str(b, t->key, t->key_len, failed);
		put_str(b, t->cons, t->cons_len, failed);
	}
}

static void *analyse_range(void *arg)
{
	worker *w = arg;
	ct_renderings r;
	ct_renderings_init(&r);
	ct_name *n = malloc(sizeof(*n));
	if (!n) {
		w->failed = 1;
		return NULL;
	}
	for (size_t i = w->begin; i < w->end && !w->failed; i++) {
		const cordon_entity *e = w->entities[i];
		for (size_t k = 0; k < e->name_count; k++) {
			const cordon_name *name = &e->names[k];
			if (ct_render(name->full, strlen(name->full), 0, &r) != 0 || !r.count || r.text[0].len == 0)
				continue; /* nothing to match on: no letters or digits */
			ct_analyse(r.text[0].data, r.scheme[0], (int)e->schema, n);
			if (n->count == 0)
				continue;
			put_entry(&w->out, (uint32_t)i, name, (int)e->schema, r.text[0].data, n, &w->failed);
		}
	}
	free(n);
	ct_renderings_dispose(&r);
	return NULL;
}

static unsigned worker_count(unsigned threads, size_t count)
{
	if (!threads) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cores > 0 ? (unsigned)cores : 1;
	}
	if (threads > 64)
		threads = 64;
	if (count < 1000)
		threads = 1; /* thread start-up costs more than it saves */
	return threads;
}

static int analyse_all(const cordon_entity *const *entities, size_t count, unsigned threads, worker **out,
                       unsigned *nout)
{
	unsigned nw = worker_count(threads, count);
	worker *ws = calloc(nw, sizeof(*ws));
	pthread_t *tids = calloc(nw, sizeof(*tids));
	if (!ws || !tids) {
		free(ws);
		free(tids);
		return cu_fail(CORDON_ENOMEM, "out of memory");
	}
	for (unsigned i = 0; i < nw; i++) {
		ws[i].entities = entities;
		ws[i].begin = count * i / nw;
		ws[i].end = count * (i + 1) / nw;
		cu_buf_init(&ws[i].out, (size_t)1 << 40);
	}
	uint64_t started = 0; /* worker_count() allows 64 workers at most: one bit each */
	for (unsigned i = 1; i < nw; i++)
		if (pthread_create(&tids[i], NULL, analyse_range, &ws[i]) == 0)
			started |= UINT64_C(1) << i;
		else
			analyse_range(&ws[i]); /* could not start a thread: do the work here */
	analyse_range(&ws[0]);
	for (unsigned i = 1; i < nw; i++)
		if (started & (UINT64_C(1) << i))
			pthread_join(tids[i], NULL);
	free(tids);
	*out = ws;
	*nout = nw;
	for (unsigned i = 0; i < nw; i++)
		if (ws[i].failed)
			return cu_fail(CORDON_ENOMEM, "out of memory analysing names");
	return 0;
}

/* ---- phase 2: merge into entries, keys and postings ---- */

typedef struct {
	csnap_strings *strings;
	cu_strmap key_ids;
	cu_strmap raw_texts; /* token as rendered -> key id, for the one-edit table */
	cu_buf entries, tokens, keys;
	uint32_t *df;
	size_t df_cap;
	int failed;
} merger;

static uint32_t intern_key(merger *m, const char *key, size_t klen, const char *cons, size_t clen)
{
	char kbuf[CT_KEY_MAX], cbuf[CT_KEY_MAX];
	memcpy(kbuf, key, klen);
	kbuf[klen] = '\0';
	size_t id;
	if (cu_strmap_get(&m->key_ids, kbuf, &id))
		return (uint32_t)id;
	id = m->keys.len / sizeof(cmatch_key);
	memcpy(cbuf, cons, clen);
	cbuf[clen] = '\0';
	cmatch_key k = {csnap_strings_add(m->strings, kbuf, &m->failed),
	                csnap_strings_add(m->strings, cbuf, &m->failed),
	                0,
	                0,
	                0,
	                0.0f,
	                (uint8_t)klen,
	                (uint8_t)clen,
	                {0, 0}};
	if (cu_strmap_put(&m->key_ids, kbuf, id) || cu_buf_append(&m->keys, &k, sizeof(k)))
		m->failed = 1;
	size_t had = m->df_cap;
	uint32_t *df = cu_grow(m->df, &m->df_cap, id + 1, sizeof(*df), 4096);
	if (!df) {
		m->failed = 1;
		return 0;
	}
	memset(df + had, 0, (m->df_cap - had) * sizeof(*df));
	m->df = df;
	return (uint32_t)id;
}

typedef struct {
	const uint8_t *p, *end;
} reader;

static unsigned get_u8(reader *r)
{
	return r->p < r->end ? *r->p++ : 0;
}

static const char *get_str(reader *r, size_t *len)
{
	*len = get_u8(r);
	const char *s = (const char *)r->p;
	r->p += *len;
	return s;
}

/* Entries of one entity already merged, to drop renderings that repeat. */
typedef struct {
	uint32_t entity;
	size_t first_entry;
} entity_run;

static int repeats_rendering(merger *m, const entity_run *run, uint32_t rendering_ref)
{
	const cmatch_entry *all = (const cmatch_entry *)m->entries.data;
	size_t n = m->entries.len / sizeof(cmatch_entry);
	for (size_t i = run->first_entry; i < n; i++)
		if (all[i].rendering == rendering_ref)
			return 1;
	return 0;
}

static void merge_record(merger *m, reader *r, entity_run *run)
{
	uint32_t entity;
	memcpy(&entity, r->p, 4);
	r->p += 4;
	cmatch_entry e = {0};
	e.entity = entity;
	e.kind = (uint8_t)get_u8(r);
	e.weak = (uint8_t)get_u8(r);
	e.scheme = (uint8_t)get_u8(r);
	e.legal = (uint8_t)get_u8(r);
	e.schema = (uint8_t)get_u8(r);
	e.token_count = (uint8_t)get_u8(r);
	uint16_t flen;
	memcpy(&flen, r->p, 2);
	r->p += 2;
	char full[65536];
	memcpy(full, r->p, flen);
	full[flen] = '\0';
	r->p += flen;
	size_t rlen;
	const char *rendering = get_str(r, &rlen);
	char rbuf[256];
	memcpy(rbuf, rendering, rlen);
	rbuf[rlen] = '\0';
	e.full = csnap_strings_add(m->strings, full, &m->failed);
	e.rendering = csnap_strings_add(m->strings, rbuf, &m->failed);
	e.first_token = (uint32_t)(m->tokens.len / sizeof(cmatch_entry_token));
	if (run->entity != entity || m->entries.len == 0) {
		run->entity = entity;
		run->first_entry = m->entries.len / sizeof(cmatch_entry);
	}
	int duplicate = repeats_rendering(m, run, e.rendering);
	uint32_t seen[CT_MAX_TOKENS];
	size_t nseen = 0;
	for (unsigned i = 0; i < e.token_count; i++) {
		size_t tl, kl, cl;
		unsigned kind = get_u8(r), legal = get_u8(r);
		const char *text = get_str(r, &tl);
		const char *key = get_str(r, &kl);
		const char *cons = get_str(r, &cl);
		if (duplicate)
			continue;
		char tbuf[256];
		memcpy(tbuf, text, tl);
		tbuf[tl] = '\0';
		uint32_t kid = intern_key(m, key, kl, cons, cl);
		if (tl >= 3 && !cu_strmap_get(&m->raw_texts, tbuf, NULL) && cu_strmap_put(&m->raw_texts, tbuf, kid))
			m->failed = 1;
		cmatch_entry_token t = {kid, csnap_strings_add(m->strings, tbuf, &m->failed), (uint8_t)kind,
		                        (uint8_t)legal, 0};
		if (cu_buf_append(&m->tokens, &t, sizeof(t)))
			m->failed = 1;
		if (kind == CT_TOKEN_NUMBER)
			e.numbers++;
		int counted = 0;
		for (size_t s = 0; s < nseen; s++)
			counted |= seen[s] == kid;
		if (!counted && !m->failed) {
			seen[nseen++] = kid;
			m->df[kid]++;
		}
	}
	if (!duplicate && cu_buf_append(&m->entries, &e, sizeof(e)))
		m->failed = 1;
}

/* ---- phase 3: postings and lookup tables ---- */

static int build_postings(merger *m, cmatch_sections *out, size_t *post_slot)
{
	cmatch_key *keys = (cmatch_key *)m->keys.data;
	size_t nkeys = m->keys.len / sizeof(cmatch_key);
	size_t nentries = m->entries.len / sizeof(cmatch_entry);
	uint32_t off = 0;
	for (size_t k = 0; k < nkeys; k++) {
		keys[k].df = m->df[k];
		keys[k].postings_off = off;
		keys[k].postings_len = 0;
		keys[k].idf = (float)log(1.0 + (double)nentries / (double)(m->df[k] ? m->df[k] : 1));
		off += m->df[k];
	}
	cu_buf *post = &out->data[*post_slot];
	uint32_t *p = calloc(off ? off : 1, sizeof(*p));
	if (!p)
		return cu_fail(CORDON_ENOMEM, "out of memory");
	const cmatch_entry *entries = (const cmatch_entry *)m->entries.data;
	const cmatch_entry_token *toks = (const cmatch_entry_token *)m->tokens.data;
	for (size_t e = 0; e < nentries; e++) {
		for (unsigned i = 0; i < entries[e].token_count; i++) {
			cmatch_key *k = &keys[toks[entries[e].first_token + i].key];
			/* a key repeated within one entry is posted once */
			if (k->postings_len && p[k->postings_off + k->postings_len - 1] == (uint32_t)e)
				continue;
			p[k->postings_off + k->postings_len++] = (uint32_t)e;
		}
	}
	int rc = cu_buf_append(post, p, (size_t)off * sizeof(*p));
	free(p);
	return rc ? cu_fail(CORDON_ENOMEM, "out of memory") : 0;
}

static int table_to_section(cmatch_table *t, cu_buf *out)
{
	int rc = cu_buf_append(out, t->slots, (t->mask + 1) * sizeof(cmatch_slot));
	cmatch_table_dispose(t);
	return rc;
}

/*
 * One-deletion table: every token as rendered (not its key: one typo can
 * become two differences in the keys, "Kawthar" / "Katwhar" -> kavtar /
 * katvhar) and each of its one-letter deletions, to the token's key.
 */
static void insert_deletions(cmatch_table *del, const char *text, uint32_t key)
{
	size_t len = strlen(text);
	char d[256];
	if (len < 3 || len >= sizeof(d))
		return;
	cmatch_table_insert(del, cmatch_hash(text, len), key);
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && text[i] == text[i - 1])
			continue; /* deleting either of two equal letters gives the same string */
		memcpy(d, text, i);
		memcpy(d + i, text + i + 1, len - i - 1);
		cmatch_table_insert(del, cmatch_hash(d, len - 1), key);
	}
}

/* Exact, consonant and one-deletion tables. */
static int build_tables(merger *m, cmatch_sections *out, size_t key_slot, size_t cons_slot, size_t del_slot)
{
	const cmatch_key *keys = (const cmatch_key *)m->keys.data;
	size_t nkeys = m->keys.len / sizeof(cmatch_key);
	const char *pool = m->strings->data.data;
	cmatch_table exact, cons, del;
	size_t del_count = 0;
	const cu_strmap *raw = &m->raw_texts;
	for (size_t s = 0; s < raw->cap; s++)
		if (raw->keys[s] && raw->keys[s][0])
			del_count += strlen(raw->keys[s]) + 1;
	if (cmatch_table_init(&exact, nkeys) || cmatch_table_init(&cons, nkeys) || cmatch_table_init(&del, del_count))
		return cu_fail(CORDON_ENOMEM, "out of memory");
	for (size_t k = 0; k < nkeys; k++) {
		const char *key = pool + keys[k].text - 1;
		const char *ck = pool + keys[k].cons - 1;
		cmatch_table_insert(&exact, cmatch_hash(key, keys[k].text_len), (uint32_t)k);
		if (keys[k].cons_len >= 2)
			cmatch_table_insert(&cons, cmatch_hash(ck, keys[k].cons_len), (uint32_t)k);
	}
	for (size_t s = 0; s < raw->cap; s++)
		if (raw->keys[s] && raw->keys[s][0])
			insert_deletions(&del, raw->keys[s], (uint32_t)raw->values[s]);
	if (table_to_section(&exact, &out->data[key_slot]) || table_to_section(&cons, &out->data[cons_slot]) ||
	    table_to_section(&del, &out->data[del_slot]))
		return cu_fail(CORDON_ENOMEM, "out of memory");
	return 0;
}

size_t cmatch_identifier_norm(const char *value, char *out, size_t size)
{
	size_t n = 0;
	/* "IMO 9187629" and "9187629" are the same number: the scheme's name is not part of it */
	if ((value[0] | 0x20) == 'i' && (value[1] | 0x20) == 'm' && (value[2] | 0x20) == 'o') {
		const char *p = value + 3;
		while (*p == ' ' || *p == ':' || *p == '-' || *p == '.')
			p++;
		if (*p >= '0' && *p <= '9')
			value = p;
	}
	for (const char *p = value; *p && n + 1 < size; p++) {
		char c = *p;
		if (c >= 'a' && c <= 'z')
			out[n++] = (char)(c - 32);
		else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			out[n++] = c;
	}
	out[n] = '\0';
	return n;
}

static int compare_id_rows(const void *a, const void *b)
{
	const cmatch_id_row *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->entity < y->entity ? -1 : x->entity > y->entity;
}

static int build_id_index(const cordon_entity *const *entities, size_t count, cu_buf *out)
{
	for (size_t i = 0; i < count; i++) {
		const cordon_entity *e = entities[i];
		for (size_t k = 0; k < e->identifier_count; k++) {
			char norm[256];
			size_t n = cmatch_identifier_norm(e->identifiers[k].value, norm, sizeof(norm));
			if (n < 4)
				continue; /* too short to identify anyone */
			cmatch_id_row row = {cmatch_hash(norm, n), (uint32_t)i, 0};
			if (cu_buf_append(out, &row, sizeof(row)))
				return cu_fail(CORDON_ENOMEM, "out of memory");
		}
	}
	if (out->len) /* a snapshot without identifiers has no array: qsort must not see NULL */
		qsort(out->data, out->len / sizeof(cmatch_id_row), sizeof(cmatch_id_row), compare_id_rows);
	return 0;
}

void cmatch_sections_dispose(cmatch_sections *s)
{
	for (size_t i = 0; i < s->count; i++)
		cu_buf_dispose(&s->data[i]);
	s->count = 0;
}

static size_t add_section(cmatch_sections *s, uint32_t id)
{
	s->id[s->count] = id;
	cu_buf_init(&s->data[s->count], (size_t)1 << 40);
	return s->count++;
}

static int merge_all(merger *m, worker *ws, unsigned nw)
{
	entity_run run = {0, 0};
	for (unsigned i = 0; i < nw && !m->failed; i++) {
		reader r = {(const uint8_t *)ws[i].out.data, (const uint8_t *)ws[i].out.data + ws[i].out.len};
		while (r.p < r.end && !m->failed)
			merge_record(m, &r, &run);
		cu_buf_dispose(&ws[i].out);
	}
	return m->failed ? cu_fail(CORDON_ENOMEM, "out of memory merging the name index") : 0;
}

int cmatch_index_build(const cordon_entity *const *entities, size_t count, csnap_strings *strings,
                       unsigned threads, cmatch_sections *out)
{
	memset(out, 0, sizeof(*out));
	worker *ws = NULL;
	unsigned nw = 0;
	int rc = analyse_all(entities, count, threads, &ws, &nw);
	merger m;
	memset(&m, 0, sizeof(m));
	m.strings = strings;
	cu_strmap_init(&m.key_ids);
	cu_strmap_init(&m.raw_texts);
	size_t s_meta = add_section(out, CMATCH_SEC_META), s_entries = add_section(out, CMATCH_SEC_ENTRIES),
	       s_tokens = add_section(out, CMATCH_SEC_ENTRY_TOKENS), s_keys = add_section(out, CMATCH_SEC_KEYS),
	       s_post = add_section(out, CMATCH_SEC_POSTINGS), s_khash = add_section(out, CMATCH_SEC_KEY_HASH),
	       s_chash = add_section(out, CMATCH_SEC_CONS_HASH), s_dhash = add_section(out, CMATCH_SEC_DEL_HASH),
	       s_ids = add_section(out, CMATCH_SEC_ID_INDEX);
	cu_buf_init(&m.entries, (size_t)1 << 40);
	cu_buf_init(&m.tokens, (size_t)1 << 40);
	cu_buf_init(&m.keys, (size_t)1 << 40);
	if (!rc)
		rc = merge_all(&m, ws, nw);
	for (unsigned i = 0; i < nw; i++)
		cu_buf_dispose(&ws[i].out);
	free(ws);
	if (!rc)
		rc = build_postings(&m, out, &s_post);
	if (!rc)
		rc = build_tables(&m, out, s_khash, s_chash, s_dhash);
	if (!rc)
		rc = build_id_index(entities, count, &out->data[s_ids]);
	if (!rc) {
		size_t nentries = m.entries.len / sizeof(cmatch_entry);
		cmatch_meta meta = {CMATCH_INDEX_VERSION, (uint32_t)nentries, (uint32_t)(m.keys.len / sizeof(cmatch_key)),
		                    (uint32_t)count, log(1.0 + (double)nentries)};
		if (cu_buf_append(&out->data[s_meta], &meta, sizeof(meta)) ||
		    cu_buf_append(&out->data[s_entries], m.entries.data ? m.entries.data : "", m.entries.len) ||
		    cu_buf_append(&out->data[s_tokens], m.tokens.data ? m.tokens.data : "", m.tokens.len) ||
		    cu_buf_append(&out->data[s_keys], m.keys.data ? m.keys.data : "", m.keys.len))
			rc = cu_fail(CORDON_ENOMEM, "out of memory");
	}
	cu_buf_dispose(&m.entries);
	cu_buf_dispose(&m.tokens);
	cu_buf_dispose(&m.keys);
	cu_strmap_dispose(&m.key_ids);
	cu_strmap_dispose(&m.raw_texts);
	free(m.df);
	if (rc)
		cmatch_sections_dispose(out);
	return rc;
}

int cmatch_sections_write(const cmatch_sections *s, csnap_writer *w)
{
	for (size_t i = 0; i < s->count; i++) {
		int rc = csnap_writer_add(w, s->id[i], s->data[i].data ? s->data[i].data : "", s->data[i].len);
		if (rc)
			return rc;
	}
	return 0;
}
