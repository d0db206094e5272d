/*
 * docs/openapi.json against the server's route tables: every route is
 * documented (method and path as OpenAPI writes them, "{id}" alike), nothing
 * documented is missing from the server, each operation lists the errors the
 * server's shared checks give, and the copy compiled into the binary is the
 * file in the repository.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "server/internal.h"
#include "server/openapi.h"
#include "test.h"

static const srv_route *const route_tables[] = {srv_system_routes, srv_v1_routes, srv_yente_routes,
                                                srv_reconcile_routes};
#define TABLE_COUNT (sizeof(route_tables) / sizeof(*route_tables))

static json_t *load_document(void)
{
	json_error_t e;
	json_t *doc = json_load_file(CORDON_OPENAPI_PATH, JSON_REJECT_DUPLICATES, &e);
	if (!doc)
		fprintf(stderr, "%s:%d:%d: %s\n", CORDON_OPENAPI_PATH, e.line, e.column, e.text);
	return doc;
}

/* The operation object for method (upper case, as the route tables write it) and path, or NULL. */
static json_t *operation(json_t *doc, const char *method, const char *path)
{
	char lower[16];
	size_t n = 0;
	for (; method[n] && n + 1 < sizeof(lower); n++)
		lower[n] = (char)(method[n] >= 'A' && method[n] <= 'Z' ? method[n] - 'A' + 'a' : method[n]);
	lower[n] = '\0';
	return json_object_get(json_object_get(json_object_get(doc, "paths"), path), lower);
}

static int route_exists(const char *method, const char *path)
{
	for (size_t t = 0; t < TABLE_COUNT; t++)
		for (const srv_route *r = route_tables[t]; r->method; r++)
			if (strcasecmp(r->method, method) == 0 && strcmp(r->pattern, path) == 0)
				return 1;
	return 0;
}

static void test_document_is_openapi_3(void)
{
	json_t *doc = load_document();
	REQUIRE(doc);
	const char *version = json_string_value(json_object_get(doc, "openapi"));
	CHECK(version && strncmp(version, "3.0.", 4) == 0);
	CHECK(json_is_string(json_object_get(json_object_get(doc, "info"), "title")));
	CHECK(json_is_string(json_object_get(json_object_get(doc, "info"), "version")));
	CHECK(json_is_object(json_object_get(doc, "paths")));
	json_decref(doc);
}

static void test_every_route_is_documented(void)
{
	json_t *doc = load_document();
	REQUIRE(doc);
	size_t routes = 0;
	for (size_t t = 0; t < TABLE_COUNT; t++)
		for (const srv_route *r = route_tables[t]; r->method; r++, routes++) {
			int documented = operation(doc, r->method, r->pattern) != NULL;
			if (!documented)
				fprintf(stderr, "docs/openapi.json does not describe %s %s\n", r->method, r->pattern);
			CHECK(documented);
		}
	CHECK(routes >= 10); /* the system and /v1 routes at least: the tables were linked in */
	json_decref(doc);
}

static void test_every_documented_operation_is_a_route(void)
{
	static const char *const methods[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};
	json_t *doc = load_document();
	REQUIRE(doc);
	const char *path;
	json_t *item;
	json_object_foreach(json_object_get(doc, "paths"), path, item)
	{
		for (size_t m = 0; m < sizeof(methods) / sizeof(*methods); m++) {
			if (!json_object_get(item, methods[m]))
				continue;
			int served = route_exists(methods[m], path);
			if (!served)
				fprintf(stderr, "docs/openapi.json describes %s %s, which the server does not have\n",
				        methods[m], path);
			CHECK(served);
		}
	}
	json_decref(doc);
}

/* Whether the operation declares this response status. */
static int has_response(json_t *op, const char *status)
{
	return json_object_get(json_object_get(op, "responses"), status) != NULL;
}

static void expect_response(const srv_route *r, json_t *op, const char *status, const char *why)
{
	int listed = has_response(op, status);
	if (!listed)
		fprintf(stderr, "%s %s: response %s is missing (%s)\n", r->method, r->pattern, status, why);
	CHECK(listed);
}

/* The refusals of server.c `refused` that can reach this route. */
static void expect_shared_errors(const srv_route *r, json_t *op)
{
	expect_response(r, op, "200", "its answer");
	expect_response(r, op, "429", "the per-address rate limit");
	expect_response(r, op, "503", "too many requests in flight");
	if (r->flags & SRV_AUTH)
		expect_response(r, op, "401", "the route needs an API key when the server has keys");
	if (strcmp(r->method, "POST") == 0)
		expect_response(r, op, "413", "the body limit");
	if (r->flags & SRV_JSON_BODY)
		expect_response(r, op, "415", "a body that is not JSON");
}

/* Open routes say "security": [] (no key); the others inherit the document's key schemes. */
static void expect_security(json_t *doc, const srv_route *r, json_t *op)
{
	json_t *security = json_object_get(op, "security");
	int open = security && json_is_array(security) && json_array_size(security) == 0;
	int right = (r->flags & SRV_AUTH) ? !open && json_array_size(json_object_get(doc, "security")) > 0 : open;
	if (!right)
		fprintf(stderr, "%s %s: security does not say whether an API key is needed\n", r->method, r->pattern);
	CHECK(right);
}

/* Whether the parameter {name} of the path is declared "in": "path" on the operation or its path item. */
static int path_parameter_declared(json_t *doc, const srv_route *r, json_t *op, const char *name)
{
	json_t *lists[2] = {json_object_get(op, "parameters"),
	                    json_object_get(json_object_get(json_object_get(doc, "paths"), r->pattern), "parameters")};
	for (size_t l = 0; l < 2; l++) {
		size_t i;
		json_t *p;
		json_array_foreach(lists[l], i, p)
		{
			json_t *ref = json_object_get(p, "$ref");
			if (ref && strncmp(json_string_value(ref), "#/components/parameters/", 24) == 0)
				p = json_object_get(json_object_get(json_object_get(doc, "components"), "parameters"),
				                    json_string_value(ref) + 24);
			if (test_str_equal(json_string_value(json_object_get(p, "in")), "path") &&
			    test_str_equal(json_string_value(json_object_get(p, "name")), name))
				return 1;
		}
	}
	return 0;
}

static void expect_path_parameters(json_t *doc, const srv_route *r, json_t *op)
{
	for (const char *p = strchr(r->pattern, '{'); p; p = strchr(p + 1, '{')) {
		char name[64];
		size_t n = strcspn(p + 1, "}");
		snprintf(name, sizeof(name), "%.*s", (int)n, p + 1);
		int declared = path_parameter_declared(doc, r, op, name);
		if (!declared)
			fprintf(stderr, "%s %s: path parameter {%s} is not declared\n", r->method, r->pattern, name);
		CHECK(declared);
	}
}

static void test_operations_list_the_errors_the_server_gives(void)
{
	json_t *doc = load_document();
	REQUIRE(doc);
	for (size_t t = 0; t < TABLE_COUNT; t++)
		for (const srv_route *r = route_tables[t]; r->method; r++) {
			json_t *op = operation(doc, r->method, r->pattern);
			if (!op)
				continue; /* reported by test_every_route_is_documented */
			expect_shared_errors(r, op);
			expect_security(doc, r, op);
			expect_path_parameters(doc, r, op);
			CHECK(json_is_string(json_object_get(op, "operationId")));
		}
	json_decref(doc);
}

/* Follows a local "$ref" ("#/components/schemas/Entity"); NULL when it leads nowhere. */
static json_t *resolve(json_t *doc, const char *ref)
{
	if (strncmp(ref, "#/", 2) != 0)
		return NULL;
	json_t *at = doc;
	char key[128];
	for (const char *p = ref + 2; at && *p;) {
		size_t n = strcspn(p, "/");
		snprintf(key, sizeof(key), "%.*s", (int)n, p);
		at = json_object_get(at, key);
		p += n + (p[n] == '/');
	}
	return at;
}

static size_t check_refs(json_t *doc, json_t *node)
{
	size_t refs = 0;
	if (json_is_object(node)) {
		const char *key;
		json_t *v;
		json_object_foreach(node, key, v)
		{
			if (strcmp(key, "$ref") == 0 && json_is_string(v)) {
				int found = resolve(doc, json_string_value(v)) != NULL;
				if (!found)
					fprintf(stderr, "docs/openapi.json: $ref %s leads nowhere\n", json_string_value(v));
				CHECK(found);
				refs++;
			} else {
				refs += check_refs(doc, v);
			}
		}
	} else if (json_is_array(node)) {
		size_t i;
		json_t *v;
		json_array_foreach(node, i, v) refs += check_refs(doc, v);
	}
	return refs;
}

static void test_every_reference_resolves(void)
{
	json_t *doc = load_document();
	REQUIRE(doc);
	CHECK(check_refs(doc, doc) > 0);
	json_decref(doc);
}

static void test_served_copy_is_the_repository_file(void)
{
	FILE *f = fopen(CORDON_OPENAPI_PATH, "rb");
	REQUIRE(f);
	static char file[1 << 20];
	size_t n = fread(file, 1, sizeof(file), f);
	fclose(f);
	CHECK_INT(srv_openapi_json_len, n);
	CHECK(n == srv_openapi_json_len && memcmp(file, srv_openapi_json, n) == 0);
}

TEST_MAIN(test_document_is_openapi_3, test_every_route_is_documented, test_every_documented_operation_is_a_route,
          test_operations_list_the_errors_the_server_gives, test_every_reference_resolves,
          test_served_copy_is_the_repository_file)
