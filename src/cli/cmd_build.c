/* cordon build: list files in, one snapshot out. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char build_usage[] =
	"usage: cordon build [--config FILE] [--source DATASET[:FORMAT]=PATH ...] [--out FILE] [--quiet]\n"
	"  --config FILE   source list, one \"<dataset> <format> <path>\" per line (default: the bundled\n"
	"                  data/sources.conf when no --source is given)\n"
	"  --source ...    add a source; FORMAT defaults from the dataset name (ofac-sdn, ofac-cons, un,\n"
	"                  us-csl, us-dpl, os, eu-fsf, uk-ofsi, uk-sl)\n"
	"  --out FILE      snapshot to write (default: the default snapshot)\n"
	"The snapshot is written to a temporary file and renamed: a failed build leaves the old one.\n";

typedef struct {
	cordon_source *items;
	size_t count;
	char **owned; /* strings allocated for --source */
	size_t owned_count;
} source_list;

static int add_source_option(source_list *list, const char *spec)
{
	const char *eq = strchr(spec, '=');
	if (!eq || eq == spec || !eq[1])
		return -1;
	char *dataset = strndup(spec, (size_t)(eq - spec));
	char *format = NULL;
	char *colon = strchr(dataset, ':');
	if (colon) {
		*colon = '\0';
		format = colon + 1;
	}
	const char *fmt = format ? format : cordon_source_default_format(dataset);
	if (!fmt) {
		fprintf(stderr, "cordon: no default format for dataset \"%s\"; write --source %s:FORMAT=PATH\n",
		        dataset, dataset);
		free(dataset);
		return -1;
	}
	cordon_source *items = realloc(list->items, (list->count + 1) * sizeof(*items));
	char **owned = realloc(list->owned, (list->owned_count + 1) * sizeof(*owned));
	if (!items || !owned) {
		free(dataset);
		return -1;
	}
	list->items = items;
	list->owned = owned;
	list->owned[list->owned_count++] = dataset;
	list->items[list->count++] = (cordon_source){dataset, fmt, eq + 1};
	return 0;
}

static void print_stats(const cordon_source_stats *stats, size_t count)
{
	printf("%-10s %9s %9s %8s %8s %-10s %s\n", "dataset", "rows", "entities", "skipped", "unknown", "date",
	       "sha256");
	for (size_t i = 0; i < count; i++)
		printf("%-10s %9llu %9llu %8llu %8llu %-10s %.16s  %s\n", stats[i].dataset,
		       (unsigned long long)stats[i].rows, (unsigned long long)stats[i].entities,
		       (unsigned long long)stats[i].skipped_rows, (unsigned long long)stats[i].unknown_fields,
		       stats[i].file_date, stats[i].sha256, stats[i].path);
}

static void print_warning(const char *message, void *payload)
{
	int *count = payload;
	if (++*count <= 50)
		fprintf(stderr, "cordon: warning: %s\n", message);
}

int cmd_build(int argc, char **argv)
{
	const char *config = NULL, *out = NULL, *v;
	int quiet = 0, rc = CLI_OK;
	source_list list = {0};
	for (int i = 1; i < argc; i++) {
		if ((v = cli_option(argc, argv, &i, "--config")))
			config = v;
		else if ((v = cli_option(argc, argv, &i, "--out")))
			out = v;
		else if ((v = cli_option(argc, argv, &i, "--source"))) {
			if (add_source_option(&list, v) != 0) {
				rc = cli_usage("bad --source (expected DATASET[:FORMAT]=PATH)", build_usage);
				goto done;
			}
		} else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0)
			quiet = 1;
		else if (strcmp(argv[i], "--help") == 0) {
			printf("%s", build_usage);
			goto done;
		} else {
			rc = cli_usage("unknown option", build_usage);
			goto done;
		}
	}
	cordon_source *conf = NULL;
	size_t conf_count = 0;
	char default_config[PATH_MAX];
	if (!config && list.count == 0) {
		snprintf(default_config, sizeof(default_config), "%s/sources.conf", cli_data_dir());
		config = default_config;
	}
	if (config) {
		int err = cordon_sources_load(config, &conf, &conf_count);
		if (err) {
			rc = cli_fail("cannot read the source list", err);
			goto done;
		}
	}
	/* config sources first, then --source options */
	size_t total = conf_count + list.count;
	cordon_source *all = calloc(total, sizeof(*all));
	if (!all) {
		cordon_sources_free(conf, conf_count);
		rc = CLI_ERROR;
		goto done;
	}
	if (conf_count)
		memcpy(all, conf, conf_count * sizeof(*all));
	if (list.count)
		memcpy(all + conf_count, list.items, list.count * sizeof(*all));
	if (!out)
		out = cli_default_snapshot_path();
	int warnings = 0;
	cordon_build_options options = CORDON_BUILD_OPTIONS_INIT;
	options.on_warning = quiet ? NULL : print_warning;
	options.payload = &warnings;
	cordon_source_stats *stats = NULL;
	size_t stats_count = 0;
	int err = cordon_snapshot_build(all, total, out, &options, &stats, &stats_count);
	if (err) {
		rc = cli_fail("build failed, no snapshot written", err);
	} else if (!quiet) {
		if (warnings > 50)
			fprintf(stderr, "cordon: %d more warnings not shown\n", warnings - 50);
		print_stats(stats, stats_count);
		printf("snapshot written: %s\n", out);
	}
	cordon_build_stats_free(stats, stats_count);
	free(all);
	cordon_sources_free(conf, conf_count);
done:
	for (size_t i = 0; i < list.owned_count; i++)
		free(list.owned[i]);
	free(list.owned);
	free(list.items);
	return rc;
}
