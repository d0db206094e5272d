/* cordon info: what a snapshot holds. */
#include <jansson.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"

static const char info_usage[] = "usage: cordon info [--snapshot FILE] [--json]\n";

/* Distinct dataset names in source order. */
static size_t datasets_of(const cordon_snapshot_info *info, const char **names, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < info->source_count; i++) {
		int seen = 0;
		for (size_t j = 0; j < n; j++)
			seen |= strcmp(names[j], info->sources[i].dataset) == 0;
		if (!seen && n < max)
			names[n++] = info->sources[i].dataset;
	}
	return n;
}

static void print_text(const cordon_snapshot *snap, const cordon_snapshot_info *info, const char *path)
{
	char when[32];
	time_t t = (time_t)info->created_unix;
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", gmtime(&t));
	printf("snapshot   %s\nformat     %u\ncreated    %s\nchecksum   %s\nsize       %llu bytes\n"
	       "entities   %zu\n\n",
	       path ? path : cli_default_snapshot_path(), info->format_version, when, info->checksum,
	       (unsigned long long)info->file_bytes, cordon_snapshot_entity_count(snap));
	printf("%-10s %9s", "dataset", "total");
	for (int s = 0; s < CORDON_SCHEMA_COUNT; s++)
		printf(" %12s", cordon_schema_name((cordon_schema)s));
	printf("\n");
	const char *names[64];
	size_t n = datasets_of(info, names, 64);
	for (size_t d = 0; d < n; d++) {
		printf("%-10s %9zu", names[d], cordon_snapshot_count(snap, names[d], -1));
		for (int s = 0; s < CORDON_SCHEMA_COUNT; s++)
			printf(" %12zu", cordon_snapshot_count(snap, names[d], s));
		printf("\n");
	}
	printf("%-10s %9zu", "all", cordon_snapshot_count(snap, NULL, -1));
	for (int s = 0; s < CORDON_SCHEMA_COUNT; s++)
		printf(" %12zu", cordon_snapshot_count(snap, NULL, s));
	printf("\n\nsources:\n");
	for (size_t i = 0; i < info->source_count; i++) {
		const cordon_source_stats *st = &info->sources[i];
		printf("  %-10s %s\n             rows %llu, skipped %llu, unknown fields %llu, entities %llu, "
		       "dated %s\n             sha256 %s, %llu bytes\n",
		       st->dataset, st->path, (unsigned long long)st->rows, (unsigned long long)st->skipped_rows,
		       (unsigned long long)st->unknown_fields, (unsigned long long)st->entities, st->file_date,
		       st->sha256, (unsigned long long)st->bytes);
	}
}

static void print_json(const cordon_snapshot *snap, const cordon_snapshot_info *info)
{
	json_t *root = json_object();
	json_object_set_new(root, "format_version", json_integer(info->format_version));
	json_object_set_new(root, "created_unix", json_integer(info->created_unix));
	json_object_set_new(root, "checksum", json_string(info->checksum));
	json_object_set_new(root, "entities", json_integer((json_int_t)cordon_snapshot_entity_count(snap)));
	json_t *datasets = json_object();
	const char *names[64];
	size_t n = datasets_of(info, names, 64);
	for (size_t d = 0; d < n; d++) {
		json_t *o = json_object();
		json_object_set_new(o, "total", json_integer((json_int_t)cordon_snapshot_count(snap, names[d], -1)));
		for (int s = 0; s < CORDON_SCHEMA_COUNT; s++)
			json_object_set_new(o, cordon_schema_name((cordon_schema)s),
			                    json_integer((json_int_t)cordon_snapshot_count(snap, names[d], s)));
		json_object_set_new(datasets, names[d], o);
	}
	json_object_set_new(root, "datasets", datasets);
	json_t *sources = json_array();
	for (size_t i = 0; i < info->source_count; i++) {
		const cordon_source_stats *st = &info->sources[i];
		json_array_append_new(sources, json_pack("{s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:s}", "dataset", st->dataset,
		                                         "path", st->path, "sha256", st->sha256, "bytes",
		                                         (json_int_t)st->bytes, "rows", (json_int_t)st->rows,
		                                         "skipped_rows", (json_int_t)st->skipped_rows,
		                                         "unknown_fields", (json_int_t)st->unknown_fields,
		                                         "entities", (json_int_t)st->entities, "file_date",
		                                         st->file_date));
	}
	json_object_set_new(root, "sources", sources);
	json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	printf("\n");
	json_decref(root);
}

int cmd_info(int argc, char **argv)
{
	const char *path = NULL, *v;
	int as_json = 0;
	for (int i = 1; i < argc; i++) {
		if ((v = cli_option(argc, argv, &i, "--snapshot")))
			path = v;
		else if (strcmp(argv[i], "--json") == 0)
			as_json = 1;
		else if (strcmp(argv[i], "--help") == 0) {
			printf("%s", info_usage);
			return CLI_OK;
		} else
			return cli_usage("unknown option", info_usage);
	}
	cordon_snapshot *snap;
	int rc = cli_open_snapshot(path, &snap);
	if (rc)
		return rc;
	cordon_snapshot_info info;
	if (cordon_snapshot_get_info(snap, &info) != 0) {
		cordon_snapshot_free(snap);
		return cli_fail("info", CORDON_ERROR);
	}
	if (as_json)
		print_json(snap, &info);
	else
		print_text(snap, &info, path);
	cordon_snapshot_free(snap);
	return CLI_OK;
}
