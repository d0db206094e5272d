/* Adding screening hits to a party (the check step and the tests use it). */
#include <stdlib.h>
#include <string.h>

#include "rules/txn.h"
#include "util/strutil.h"

static int copy_tags(txn_hit *h, const char *const *tags, size_t n)
{
	h->tags = calloc(n + 1, sizeof(char *));
	if (!h->tags)
		return -1;
	for (size_t i = 0; i < n; i++) {
		h->tags[i] = cu_strdup(tags[i]);
		if (!h->tags[i])
			return -1;
		h->tag_count = i + 1;
	}
	return 0;
}

int txn_party_add_hit(txn_party *p, const char *entity_id, const char *name, const char *matched_name,
                      double score, const char *const *tags, size_t tag_count)
{
	txn_hit *grown = realloc(p->hits, (p->hit_count + 1) * sizeof(*grown));
	if (!grown)
		return -1;
	p->hits = grown;
	txn_hit *h = &p->hits[p->hit_count++];
	memset(h, 0, sizeof(*h));
	h->entity_id = cu_strdup(entity_id);
	h->name = cu_strdup(name);
	h->matched_name = cu_strdup(matched_name);
	h->score = score;
	p->screened = 1;
	if ((entity_id && !h->entity_id) || (name && !h->name) || (matched_name && !h->matched_name))
		return -1;
	return copy_tags(h, tags, tag_count);
}
