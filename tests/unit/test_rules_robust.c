/*
 * Bad input never crashes: every value of the example shipments and of the default
 * pack replaced by values of other types. Each variant is either refused with a
 * message naming a path (and file), or accepted and evaluated (run under the
 * sanitizers by .ci/run).
 */
#include <stdint.h>

#include "test_rules_support.h"

static json_t *replacement(int kind)
{
	switch (kind) {
	case 0:
		return json_null();
	case 1:
		return json_integer(-1);
	case 2:
		return json_string("x");
	case 3:
		return json_array();
	case 4:
		return json_object();
	case 5:
		return json_true();
	default:
		return json_real(1e308);
	}
}
#define KINDS 7

/* The n-th node of a document (depth first) as its parent and key/index; counts nodes. */
typedef struct {
	size_t target, seen;
	json_t *parent;
	const char *key;
	size_t index;
} node_walk;

static int walk(json_t *j, node_walk *w)
{
	const char *key;
	json_t *v;
	size_t i;
	if (json_is_object(j)) {
		json_object_foreach(j, key, v)
		{
			if (w->seen++ == w->target) {
				w->parent = j;
				w->key = key;
				return 1;
			}
			if (walk(v, w))
				return 1;
		}
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v)
		{
			if (w->seen++ == w->target) {
				w->parent = j;
				w->key = NULL;
				w->index = i;
				return 1;
			}
			if (walk(v, w))
				return 1;
		}
	}
	return 0;
}

/* A deep copy with node n replaced, or NULL when there is no node n. */
static json_t *mutate(json_t *doc, size_t n, int kind)
{
	json_t *copy = json_deep_copy(doc);
	node_walk w = {n, 0, NULL, NULL, 0};
	if (!walk(copy, &w)) {
		json_decref(copy);
		return NULL;
	}
	if (w.key)
		json_object_set_new(w.parent, w.key, replacement(kind));
	else
		json_array_set_new(w.parent, w.index, replacement(kind));
	return copy;
}

static void shipment_variant(json_t *doc)
{
	txn t;
	char err[256] = "";
	if (txn_from_json(doc, &t, err, sizeof(err))) {
		CHECK(err[0] != '\0' && strchr(err, ':') != NULL);
	} else {
		rules_result r;
		CHECK(evaluate(&t, &r) >= 0);
		rules_result_free(&r);
		json_decref(rules_classify(default_pack(), &t.items[0], t.date));
	}
	txn_free(&t);
}

static void test_shipments(void)
{
	const char *names[] = {"shipment-gpu-china.json", "shipment-chpl-transshipment.json", "shipment-benign.json"};
	for (size_t f = 0; f < 3; f++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/rules/%s", CORDON_TEST_FIXTURES, names[f]);
		json_t *doc = json_load_file(path, 0, NULL);
		REQUIRE(doc);
		for (size_t n = 0;; n++) {
			json_t *m = mutate(doc, n, 0);
			if (!m)
				break;
			json_decref(m);
			for (int k = 0; k < KINDS; k++) {
				m = mutate(doc, n, k);
				shipment_variant(m);
				json_decref(m);
			}
		}
		json_decref(doc);
	}
}

/* A pack variant: refused with file and path, or loaded and used on a few shipments. */
static int pack_variant(json_t *doc, const char *file)
{
	if (json_dump_file(doc, file, 0))
		return 0;
	rules_pack *p = NULL;
	char err[512] = "";
	if (rules_pack_load(file, &p, err, sizeof(err))) {
		CHECK(strstr(err, file) != NULL);
		return 0;
	}
	static const char *shipments[] = {
		"{\"date\":\"2024-03-01\",\"destination\":\"CN\",\"end_use\":{\"category\":\"semiconductor_fab\"},"
		"\"parties\":[{\"role\":\"end_user\",\"name\":\"E\",\"country\":\"RU\"}],"
		"\"items\":[{\"hs_code\":\"854231\",\"eccn\":\"3A090.a\",\"parameters\":{\"bit_length\":16,\"dense_tops\":148}}]}",
		"{\"date\":\"2023-01-01\",\"destination\":\"UA\",\"region\":\"DNR\",\"parties\":[{\"role\":\"buyer\",\"name\":\"B\"}],"
		"\"items\":[{\"description\":\"H20\",\"parameters\":{\"hbm\":true,\"memory_bandwidth_gbps\":9}}]}",
	};
	for (size_t i = 0; i < 2; i++) {
		txn t;
		rules_result r;
		char e2[256];
		if (txn_text(shipments[i], &t) == 0) {
			add_hit(&t.parties[0], "x", 0.95, "csl:EL", "list:ofac-sdn");
			CHECK(rules_evaluate(p, &t, &r, e2, sizeof(e2)) == 0);
			rules_result_free(&r);
			json_decref(rules_classify(p, &t.items[0], t.date));
		}
		txn_free(&t);
	}
	rules_pack_free(p);
	return 1;
}

static void test_packs(void)
{
	json_t *doc = json_load_file(DEFAULT_PACK, 0, NULL);
	REQUIRE(doc);
	const char *file = CORDON_TEST_TMP "/robust-pack.json";
	/* every node, each with the next kind in turn */
	size_t n = 0, loaded = 0;
	for (;; n++) {
		json_t *m = mutate(doc, n, (int)(n % KINDS));
		if (!m)
			break;
		loaded += pack_variant(m, file);
		json_decref(m);
	}
	CHECK(n > 1000);
	CHECK(loaded > 100); /* the evaluator ran on many accepted variants */
	json_decref(doc);
}

TEST_MAIN(test_shipments, test_packs)
