#include "match/retrieve.h"

#include <stdlib.h>
#include <string.h>

#include "match/hashtab.h"
#include "text/phonetic.h"
#include "util/thread_exit.h"

#define MAX_KEYS_PER_TOKEN 96

typedef struct {
	uint32_t key;
	float sim;
} key_hit;

/*
 * Per-thread accumulators, one slot per index entry, reset lazily with a
 * generation stamp. Eight bytes per entry: every posting touches one slot at
 * random, and the smaller the slots the more of them stay in cache. The tag
 * packs the stamp, the query token that voted last and which of its keys'
 * votes is the one counted (an index into the query's key votes).
 */
typedef struct {
	float acc;    /* votes so far */
	uint32_t tag; /* STAMP_BITS stamp | TOKEN_BITS token that voted last | KEY_BITS its counted key vote */
} vote_slot;

#define KEY_BITS 12  /* key votes of a rendering: CT_MAX_TOKENS * MAX_KEYS_PER_TOKEN = 2304 */
#define TOKEN_BITS 6 /* query tokens of all renderings: CT_MAX_RENDERINGS * CT_MAX_TOKENS = 48 */
#define STAMP_BITS (32 - TOKEN_BITS - KEY_BITS)
#define NO_TOKEN ((1u << TOKEN_BITS) - 1)
_Static_assert(CT_MAX_TOKENS * MAX_KEYS_PER_TOKEN <= 1u << KEY_BITS, "key votes must fit the tag");
_Static_assert(CT_MAX_RENDERINGS * CT_MAX_TOKENS < NO_TOKEN, "query tokens must fit the tag");

/* A key and the query token it stands for, with its vote per posting. */
typedef struct {
	uint32_t key, token, df;
	float vote;
	int primary; /* the token's own key (or its closest): it always gets its turn first */
} key_vote;

typedef struct {
	vote_slot *slots;
	const key_vote *kv; /* the rendering's key votes, which the slots' tags index */
	uint32_t *touched;
	uint32_t *maybe; /* select_best's entries within the share of the best vote so far */
	size_t cap, ntouched;
	uint32_t gen;
	int registered; /* scratch_release runs at thread exit */
} scratch;

static _Thread_local scratch tls;

static void scratch_release(void *unused)
{
	(void)unused;
	free(tls.slots);
	free(tls.touched);
	free(tls.maybe);
	memset(&tls, 0, sizeof(tls));
}

static int scratch_ready(size_t entries)
{
	if (!tls.registered) {
		if (cu_at_thread_exit(scratch_release, NULL) != 0)
			return 0;
		tls.registered = 1;
	}
	if (tls.cap >= entries && tls.slots && tls.touched && tls.maybe)
		return 1;
	free(tls.slots);
	free(tls.touched);
	free(tls.maybe);
	size_t n = entries ? entries : 1;
	tls.slots = calloc(n, sizeof(*tls.slots));
	tls.touched = malloc(n * sizeof(*tls.touched));
	tls.maybe = malloc(n * sizeof(*tls.maybe));
	tls.cap = n;
	tls.gen = 0;
	return tls.slots && tls.touched && tls.maybe;
}

/*
 * A small open-addressing set of keys, local to one query token: a key is found in it at once,
 * and it stays in the first level of cache, where a table over all keys would not.
 */
#define KEY_SET_SLOTS 256 /* a power of two, over twice MAX_KEYS_PER_TOKEN */

static inline size_t key_set_home(uint32_t key)
{
	return (key * 2654435761u) >> 24;
}

/* One query token's keys, each once with its best similarity. */
typedef struct {
	key_hit hit[MAX_KEYS_PER_TOKEN];
	size_t n;
	uint8_t slot[KEY_SET_SLOTS]; /* index in hit + 1; 0: empty */
} hit_list;

static void hit_list_start(hit_list *l)
{
	l->n = 0;
	memset(l->slot, 0, sizeof(l->slot));
}

static void add_hit(hit_list *l, uint32_t key, float sim)
{
	size_t h = key_set_home(key);
	for (; l->slot[h]; h = (h + 1) & (KEY_SET_SLOTS - 1))
		if (l->hit[l->slot[h] - 1].key == key) {
			if (sim > l->hit[l->slot[h] - 1].sim)
				l->hit[l->slot[h] - 1].sim = sim;
			return;
		}
	if (l->n < MAX_KEYS_PER_TOKEN) {
		l->hit[l->n] = (key_hit){key, sim};
		l->slot[h] = (uint8_t)++l->n;
	}
}

/* Two consonants are enough to look up only for a word read from Arabic script, where vowels go unwritten. */
static void consonant_hits(const cmatch_index *idx, const cmatch_tok *t, hit_list *hits)
{
	if (t->cons_len < 2 || (t->cons_len == 2 && !t->semitic))
		return;
	cmatch_probe p;
	cmatch_probe_start(&p, idx->cons_hash, idx->cons_hash_size, cmatch_hash(t->cons, t->cons_len));
	uint32_t k;
	while ((k = cmatch_probe_next(&p)) != CMATCH_EMPTY_SLOT) {
		const char *c = csnap_str(idx->snap, idx->keys[k].cons);
		if (idx->keys[k].cons_len == t->cons_len && memcmp(c, t->cons, t->cons_len) == 0)
			add_hit(hits, k, 0.85f);
	}
}

/* Keys one token's deletion probes have already scored: a key turns up once per shared deletion. */
typedef struct {
	uint32_t slot[KEY_SET_SLOTS]; /* key + 1; 0: empty */
	size_t n;                     /* keys remembered: at most MAX_KEYS_PER_TOKEN */
} probed_keys;

static int probed_before(probed_keys *seen, uint32_t k)
{
	size_t h = key_set_home(k);
	for (; seen->slot[h]; h = (h + 1) & (KEY_SET_SLOTS - 1))
		if (seen->slot[h] == k + 1)
			return 1;
	if (seen->n < MAX_KEYS_PER_TOKEN) {
		seen->slot[h] = k + 1;
		seen->n++;
	}
	return 0;
}

static void probe_deletes(const cmatch_index *idx, const cmatch_tok *t, uint64_t hash, hit_list *hits,
                          probed_keys *seen)
{
	cmatch_probe p;
	cmatch_probe_start(&p, idx->del_hash, idx->del_hash_size, hash);
	uint32_t k;
	while ((k = cmatch_probe_next(&p)) != CMATCH_EMPTY_SLOT) {
		if (probed_before(seen, k))
			continue;
		const char *key = cmatch_key_text(idx, k);
		double sim = cmatch_word_similarity(t->key, t->key_len, key, idx->keys[k].text_len);
		/* one edit apart as written, even if the keys drifted further */
		add_hit(hits, k, sim > 0.0 ? (float)sim : 0.75f);
	}
}

/* Tokens within one edit as written: the token and each one-letter deletion of it against the stored deletions. */
static void edit_hits(const cmatch_index *idx, const cmatch_tok *t, hit_list *hits)
{
	size_t len = strlen(t->text);
	if (len < 3 || len > 255)
		return;
	/* all the lookups' slots are requested from memory first, then read in order */
	uint64_t hashes[257];
	size_t count = 0;
	hashes[count++] = cmatch_hash(t->text, len);
	char d[256];
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && t->text[i] == t->text[i - 1])
			continue;
		memcpy(d, t->text, i);
		memcpy(d + i, t->text + i + 1, len - i - 1);
		hashes[count++] = cmatch_hash(d, len - 1);
	}
	if (idx->del_hash_size)
		for (size_t i = 0; i < count; i++)
			__builtin_prefetch(&idx->del_hash[hashes[i] & (idx->del_hash_size - 1)]);
	probed_keys seen;
	memset(seen.slot, 0, sizeof(seen.slot));
	seen.n = 0;
	for (size_t i = 0; i < count; i++)
		probe_deletes(idx, t, hashes[i], hits, &seen);
}

/* "Huawei" listed as "Hua Wei": both halves of a split of the word as written, when both are keys. */
static void split_hits(const cmatch_index *idx, const cmatch_tok *t, hit_list *hits)
{
	size_t len = strlen(t->text);
	char ka[CT_KEY_MAX], kb[CT_KEY_MAX];
	for (size_t cut = 2; len >= 5 && len < CT_KEY_MAX && cut + 2 <= len; cut++) {
		size_t la = ct_variant_key(t->text, cut, ka);
		uint32_t a = cmatch_find_key(idx, ka, la);
		if (a == UINT32_MAX)
			continue;
		size_t lb = ct_variant_key(t->text + cut, len - cut, kb);
		uint32_t b = cmatch_find_key(idx, kb, lb);
		if (b == UINT32_MAX)
			continue;
		add_hit(hits, a, 0.9f);
		add_hit(hits, b, 0.9f);
	}
}

/* "Has San" listed as "Hassan": the word joined with the next one, as written, then keyed. */
static void join_hits(const cmatch_index *idx, const cmatch_side *s, size_t i, hit_list *hits)
{
	if (i + 1 >= s->n)
		return;
	char joined[CT_KEY_MAX * 2], key[CT_KEY_MAX];
	size_t a = strlen(s->t[i].text), b = strlen(s->t[i + 1].text);
	if (a + b >= sizeof(joined))
		return;
	memcpy(joined, s->t[i].text, a);
	memcpy(joined + a, s->t[i + 1].text, b);
	size_t klen = ct_variant_key(joined, a + b, key);
	uint32_t k = cmatch_find_key(idx, key, klen);
	if (k != UINT32_MAX)
		add_hit(hits, k, 0.95f);
	/* written together with a spelling difference too ("Abd Allah" / "Abdullah"): worth the lookups
	 * for names read from Arabic script and for fragments that are not words of the lists */
	if (!s->t[i].semitic && s->t[i].key_id_known && s->t[i + 1].key_id_known)
		return;
	joined[a + b] = '\0';
	cmatch_tok whole = s->t[i];
	whole.text = joined;
	whole.key = key;
	whole.key_len = (unsigned char)klen;
	whole.key_mask = cmatch_letter_mask(key, klen);
	edit_hits(idx, &whole, hits);
	if (whole.semitic) { /* "Hidayat Allah" / "Hidayatullah": only the consonants agree */
		char cons[CT_KEY_MAX];
		whole.cons = cons;
		whole.cons_len = (unsigned char)ct_consonant_key(key, klen, cons);
		consonant_hits(idx, &whole, hits);
	}
}

static int retrievable(unsigned kind)
{
	return kind == CT_TOKEN_WORD || kind == CT_TOKEN_NUMBER || kind == CT_TOKEN_PATRONYMIC ||
	       kind == CT_TOKEN_GENERIC;
}

/* Key vote k's vote for entry e; one vote per query token and entry: its best key. */
static inline void vote_entry(uint32_t e, uint32_t k)
{
	vote_slot *v = &tls.slots[e];
	const key_vote *x = &tls.kv[k];
	if (v->tag >> (TOKEN_BITS + KEY_BITS) != tls.gen) {
		*v = (vote_slot){0.0f, tls.gen << (TOKEN_BITS + KEY_BITS) | NO_TOKEN << KEY_BITS};
		tls.touched[tls.ntouched++] = e;
	}
	uint32_t stamp = v->tag & ~((1u << (TOKEN_BITS + KEY_BITS)) - 1);
	if ((v->tag >> KEY_BITS & NO_TOKEN) != x->token) {
		v->tag = stamp | x->token << KEY_BITS | k;
		v->acc += x->vote;
	} else {
		float cur = tls.kv[v->tag & ((1u << KEY_BITS) - 1)].vote;
		if (x->vote > cur) {
			v->acc += x->vote - cur;
			v->tag = stamp | x->token << KEY_BITS | k;
		}
	}
}

/* Primary keys before the rest, then rarest first. */
static inline int vote_before(const key_vote *x, const key_vote *y)
{
	if (x->primary != y->primary)
		return x->primary > y->primary;
	return x->df < y->df;
}

/*
 * Stable sort by vote_before: bottom-up merges of insertion-sorted runs. Equal keys keep
 * the order they were found in, as qsort's merge sort kept them, with the comparison
 * inlined: qsort's calls through a pointer were a tenth of a query's time.
 */
#define SORT_RUN 16

static void sort_votes(key_vote *kv, size_t n, key_vote *tmp)
{
	for (size_t lo = 0; lo < n; lo += SORT_RUN) {
		size_t hi = lo + SORT_RUN < n ? lo + SORT_RUN : n;
		for (size_t i = lo + 1; i < hi; i++) {
			key_vote x = kv[i];
			size_t j = i;
			for (; j > lo && vote_before(&x, &kv[j - 1]); j--)
				kv[j] = kv[j - 1];
			kv[j] = x;
		}
	}
	key_vote *src = kv, *dst = tmp;
	for (size_t width = SORT_RUN; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t a = lo, b = mid, o = lo;
			while (a < mid && b < hi)
				dst[o++] = vote_before(&src[b], &src[a]) ? src[b++] : src[a++];
			while (a < mid)
				dst[o++] = src[a++];
			while (b < hi)
				dst[o++] = src[b++];
		}
		key_vote *t = src;
		src = dst;
		dst = t;
	}
	if (src != kv)
		memcpy(kv, src, n * sizeof(*kv));
}

/*
 * Postings read in full per query rendering; beyond, commoner keys only add
 * to entries already found. A name read from Arabic script gets more: its
 * keys say less (the vowels are guessed) and it needs more candidates.
 */
#define POSTINGS_BUDGET 3000
#define POSTINGS_BUDGET_SEMITIC 12000
#define CHECK_SLOTS 4096
#define VOTE_PREFETCH 8

/*
 * The keys left over once the budget is spent, added to the entries already
 * found in one pass over those entries' tokens: a small hash from key to its
 * votes instead of a walk of each long postings list.
 */
/* The k-th largest of v[0..n) (v is reordered). */
static float kth_largest(float *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		float pivot = v[lo + (hi - lo) / 2];
		size_t i = lo, j = hi;
		while (i <= j) {
			while (v[i] > pivot)
				i++;
			while (v[j] < pivot)
				j--;
			if (i <= j) {
				float t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return v[k];
	}
	return v[k];
}

/* Entries checked against the leftover keys: the best-voted ones, which the leftovers can still reorder. */
#define CHECK_ENTRIES 160
#define CHECK_ENTRIES_SEMITIC 1024

static void check_found(const cmatch_index *idx, const key_vote *all, size_t first, size_t n, size_t check_entries)
{
	const key_vote *kv = all + first;
	static _Thread_local int32_t table[CHECK_SLOTS];
	static _Thread_local float accs[POSTINGS_BUDGET_SEMITIC * 2];
	size_t mask = 15; /* slots - 1: at least twice the keys, and only those cleared */
	while (mask + 1 < 2 * n && mask + 1 < CHECK_SLOTS)
		mask = mask * 2 + 1;
	memset(table, 0xFF, (mask + 1) * sizeof(*table));
	for (size_t i = 0; i < n; i++) {
		size_t h = (kv[i].key * 2654435761u) & mask;
		while (table[h] >= 0)
			h = (h + 1) & mask;
		table[h] = (int32_t)i;
	}
	size_t found = tls.ntouched;
	float floor = -1.0f;
	if (found > check_entries && found <= sizeof(accs) / sizeof(*accs)) {
		for (size_t t = 0; t < found; t++)
			accs[t] = tls.slots[tls.touched[t]].acc;
		floor = kth_largest(accs, found, check_entries - 1);
	}
	/* the entries to check, their records and then their tokens asked from memory all at once:
	 * they lie scattered, and one after another each would wait for the last (votes change only
	 * the entry voted for, so the list can be drawn up first) */
	uint32_t *check = tls.maybe;
	size_t nc = 0;
	for (size_t t = 0; t < found; t++)
		if (!(tls.slots[tls.touched[t]].acc < floor)) {
			check[nc++] = tls.touched[t];
			__builtin_prefetch(&idx->entries[tls.touched[t]]);
		}
	for (size_t c = 0; c < nc; c++)
		__builtin_prefetch(&idx->tokens[idx->entries[check[c]].first_token]);
	for (size_t c = 0; c < nc; c++) {
		uint32_t e = check[c];
		const cmatch_entry *en = &idx->entries[e];
		for (unsigned k = 0; k < en->token_count; k++) {
			uint32_t key = idx->tokens[en->first_token + k].key;
			for (size_t h = (key * 2654435761u) & mask; table[h] >= 0; h = (h + 1) & mask)
				if (kv[table[h]].key == key)
					vote_entry(e, (uint32_t)(first + (size_t)table[h]));
		}
	}
}

/* First position in post[lo..n) holding a value >= v: galloping, then binary search. */
static size_t gallop(const uint32_t *post, size_t lo, size_t n, uint32_t v)
{
	size_t step = 1, hi = lo;
	while (hi < n && post[hi] < v) {
		lo = hi + 1;
		hi += step;
		step *= 2;
	}
	if (hi > n)
		hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (post[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * When even the rarest words of a name are common (at a million entities
 * "Ahmad" and "Khan" each list tens of thousands of entries), the entries
 * holding both are found by intersecting the two sorted postings lists, which
 * reads far less than voting for every entry of either.
 */
static int vote_intersection(const cmatch_index *idx, const key_vote *kv, int schema)
{
	const key_vote *a = &kv[0], *b = &kv[1];
	const cmatch_key *ka = &idx->keys[a->key], *kb = &idx->keys[b->key];
	const uint32_t *pa = idx->postings + ka->postings_off, *pb = idx->postings + kb->postings_off;
	size_t j = 0, found = 0;
	for (uint32_t i = 0; i < ka->postings_len && j < kb->postings_len; i++) {
		j = gallop(pb, j, kb->postings_len, pa[i]);
		if (j < kb->postings_len && pb[j] == pa[i]) {
			uint32_t e = pa[i];
			if (schema >= 0 && idx->entries[e].schema != (uint8_t)schema && idx->entries[e].schema != 0)
				continue;
			vote_entry(e, 0);
			vote_entry(e, 1);
			found++;
		}
	}
	return found > 0;
}

/* Above this many postings, a query's rarest word is intersected with the next rather than walked. */
#define INTERSECT_ABOVE 800

/*
 * Each query token's own key votes first (rarest first), then the other keys
 * found for it (spellings, one-edit neighbours), rarest first. While the
 * postings read stay within the budget a key votes for every entry it lists;
 * the keys after that only add to entries already found. Names made only of
 * very common words still get candidates, and the cost stays bounded on a
 * large index.
 */
static void vote_keys(const cmatch_index *idx, key_vote *kv, size_t n, int schema, int semitic)
{
	size_t budget = semitic ? POSTINGS_BUDGET_SEMITIC : POSTINGS_BUDGET;
	static _Thread_local key_vote sort_tmp[CT_MAX_TOKENS * MAX_KEYS_PER_TOKEN];
	sort_votes(kv, n, sort_tmp);
	tls.kv = kv;
	size_t read = 0, i = 0;
	/* the two rarest primary keys of different tokens, both common: intersect them */
	if (n >= 2 && kv[0].primary && kv[1].primary && kv[0].token != kv[1].token &&
	    idx->keys[kv[0].key].postings_len > INTERSECT_ABOVE && vote_intersection(idx, kv, schema)) {
		read = idx->keys[kv[0].key].postings_len;
		i = 2;
	}
	for (; i < n; i++) {
		const cmatch_key *k = &idx->keys[kv[i].key];
		if (read > 0 && read + k->postings_len > budget)
			break;
		read += k->postings_len;
		const uint32_t *post = idx->postings + k->postings_off;
		for (uint32_t p = 0; p < k->postings_len; p++) {
			if (p + VOTE_PREFETCH < k->postings_len) /* slots are scattered: ask for them ahead */
				__builtin_prefetch(&tls.slots[post[p + VOTE_PREFETCH]], 1);
			uint32_t e = post[p];
			if (schema >= 0 && idx->entries[e].schema != (uint8_t)schema && idx->entries[e].schema != 0)
				continue;
			vote_entry(e, (uint32_t)i);
		}
	}
	if (i < n)
		check_found(idx, kv, i, n - i < CHECK_SLOTS / 2 ? n - i : CHECK_SLOTS / 2,
		            semitic ? CHECK_ENTRIES_SEMITIC : CHECK_ENTRIES);
}

static void vote_form(const cmatch_index *idx, const cmatch_form *f, unsigned token_base, int schema)
{
	const cmatch_side *s = &f->side;
	size_t retrievable_count = 0;
	for (size_t i = 0; i < s->n; i++)
		retrievable_count += retrievable(s->t[i].kind);
	static _Thread_local hit_list lists[CT_MAX_TOKENS];
	for (size_t i = 0; i < s->n; i++) {
		const cmatch_tok *t = &s->t[i];
		hit_list *hits = &lists[i];
		hit_list_start(hits);
		if (t->kind == CT_TOKEN_LEGAL || t->kind == CT_TOKEN_INITIAL)
			continue;
		if (f->key_id[i] != UINT32_MAX)
			add_hit(hits, f->key_id[i], 1.0f);
		/* particles and titles vote by their exact spelling only, unless the name has nothing else */
		if (t->kind != CT_TOKEN_NUMBER && (retrievable(t->kind) || !retrievable_count)) {
			/* words written together or apart first: a short word's one-edit neighbours may be many */
			join_hits(idx, s, i, hits);
			if (f->key_id[i] == UINT32_MAX) /* a word of the lists is rarely two words written together */
				split_hits(idx, t, hits);
			consonant_hits(idx, t, hits);
			edit_hits(idx, t, hits);
		}
	}
	key_vote kv[CT_MAX_TOKENS * MAX_KEYS_PER_TOKEN];
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++) {
		const hit_list *hits = &lists[i];
		double factor = cmatch_role_factor(s->t[i].kind);
		size_t best = 0; /* the token's own key, or its closest */
		for (size_t h = 1; h < hits->n; h++)
			if (hits->hit[h].sim > hits->hit[best].sim)
				best = h;
		for (size_t h = 0; h < hits->n; h++) {
			const cmatch_key *k = &idx->keys[hits->hit[h].key];
			kv[n++] = (key_vote){hits->hit[h].key, token_base + (uint32_t)i, k->df,
			                     (float)(hits->hit[h].sim * k->idf * (factor > 0.0 ? factor : 0.15)), h == best};
		}
	}
	vote_keys(idx, kv, n, schema, s->n && s->t[0].semitic);
}

/* The max best-voted entries offered so far, best first; equal votes in the order offered. */
typedef struct {
	uint32_t entry[64];
	float vote[64]; /* beside the entries: no lookup per comparison */
	size_t n, max;
} ranking;

static inline void rank_offer(ranking *r, uint32_t entry, float vote)
{
	if (r->n == r->max && (!r->max || r->vote[r->n - 1] >= vote))
		return;
	size_t pos = r->n < r->max ? r->n++ : r->max - 1;
	while (pos > 0 && r->vote[pos - 1] < vote) {
		r->entry[pos] = r->entry[pos - 1];
		r->vote[pos] = r->vote[pos - 1];
		pos--;
	}
	r->entry[pos] = entry;
	r->vote[pos] = vote;
}

static size_t ranked(const ranking *r, uint32_t *cands)
{
	memcpy(cands, r->entry, r->n * sizeof(*cands));
	return r->n;
}

/* The max best-voted of entries[0..n), best first, equal votes in the order given (a stable sort's prefix). */
static size_t best_of(const uint32_t *entries, size_t n, uint32_t *cands, size_t max)
{
	ranking r = {.n = 0, .max = max < 64 ? max : 64};
	for (size_t i = 0; i < n; i++)
		rank_offer(&r, entries[i], tls.slots[entries[i]].acc);
	return ranked(&r, cands);
}

/* An entry's vote as a share of the rendering's best: what the cut is applied to. */
static inline float vote_share(uint32_t entry, float top)
{
	return top > 0.0f ? tls.slots[entry].acc / top : 0.0f;
}

/*
 * This rendering's candidates worth scoring, best first: of its max best-voted entries, the
 * first cut->min and those voted at least cut->share of its best. Found without ranking every
 * entry voted for: the entries above the share are usually few.
 */
static size_t select_best(const cmatch_cut *cut, uint32_t *cands, size_t max)
{
	uint32_t *maybe = tls.maybe;
	/* one pass finds the best vote, the best few, and what may be within the share of the best:
	 * the best so far is never above the best, so nothing within the share is left out */
	ranking few = {.n = 0, .max = cut->min < max ? cut->min : max};
	float top = 0.0f;
	size_t nmaybe = 0;
	for (size_t i = 0; i < tls.ntouched; i++) {
		uint32_t e = tls.touched[i];
		float acc = tls.slots[e].acc;
		rank_offer(&few, e, acc);
		if (acc > top)
			top = acc;
		if (!((double)(acc / top) < cut->share))
			maybe[nmaybe++] = e;
	}
	uint32_t above[64];
	size_t over = 0;
	int too_many = 0;
	for (size_t i = 0; i < nmaybe && !too_many; i++) {
		if ((double)vote_share(maybe[i], top) < cut->share)
			continue;
		if (over == max || over == 64)
			too_many = 1;
		else
			above[over++] = maybe[i];
	}
	if (top <= 0.0f) /* nothing to cut by */
		return best_of(tls.touched, tls.ntouched, cands, max);
	if (too_many) /* more above the share than are kept: the best are all above it, so all in maybe */
		return best_of(maybe, nmaybe, cands, max);
	if (over < cut->min) /* the best few whatever their share: those above it are among them */
		return ranked(&few, cands);
	return best_of(above, over, cands, over);
}

/* Adds cands[0..n) to the union out[0..*count), keeping each entry's best share of its form's top vote. */
static void merge_candidates(const uint32_t *cands, size_t n, uint32_t *out, float *share, size_t *count, size_t max)
{
	float top = n ? tls.slots[cands[0]].acc : 0.0f;
	size_t before = *count; /* one form's candidates are distinct: only earlier forms' can repeat */
	for (size_t i = 0; i < n; i++) {
		float v = top > 0.0f ? tls.slots[cands[i]].acc / top : 0.0f;
		size_t k = 0;
		while (k < before && out[k] != cands[i])
			k++;
		if (k < before) {
			if (v > share[k])
				share[k] = v;
			continue;
		}
		if (*count == max)
			continue;
		out[*count] = cands[i];
		share[(*count)++] = v;
	}
}

size_t cmatch_retrieve(const cmatch_index *idx, const cmatch_prepared *q, int schema, const cmatch_cut *cut,
                       uint32_t *cands, float *votes)
{
	size_t max = cut->max;
	if (!max || !scratch_ready(idx->entry_count))
		return 0;
	/*
	 * Each rendering of the query votes on its own and brings its own best
	 * candidates: adding the votes of two renderings would favour entries that
	 * share short words with both over the one entry that matches one well.
	 */
	uint32_t form_cands[CT_MAX_RENDERINGS][64];
	size_t count = 0;
	for (size_t f = 0; f < q->form_count; f++) {
		if (++tls.gen == 1u << STAMP_BITS) { /* the stamp wrapped: clear the slots once every 16384 renderings */
			memset(tls.slots, 0, tls.cap * sizeof(*tls.slots));
			tls.gen = 1;
		}
		tls.ntouched = 0;
		vote_form(idx, &q->forms[f], (unsigned)(f * CT_MAX_TOKENS), schema);
		size_t per_form = max / q->form_count < 64 ? max / q->form_count : 64;
		size_t n = select_best(cut, form_cands[f], per_form);
		merge_candidates(form_cands[f], n, cands, votes, &count, max);
	}
	/* best share first */
	for (size_t i = 1; i < count; i++)
		for (size_t j = i; j > 0 && votes[j] > votes[j - 1]; j--) {
			float tv = votes[j];
			votes[j] = votes[j - 1];
			votes[j - 1] = tv;
			uint32_t tc = cands[j];
			cands[j] = cands[j - 1];
			cands[j - 1] = tc;
		}
	for (size_t i = cut->min; i < count; i++)
		if ((double)votes[i] < cut->share * (double)votes[0])
			return i;
	return count;
}
