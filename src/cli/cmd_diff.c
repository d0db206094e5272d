/* cordon diff OLD NEW: entities added, removed and changed between two snapshots. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "diff/diff.h"
#include "update/update.h"

static const char diff_usage[] =
	"usage: cordon diff [--json] [--summary] [--dataset NAME] [--match-fields] [OLD NEW]\n"
	"  OLD NEW         two snapshot files; without them, the snapshot `cordon update` replaced last\n"
	"                  (SNAPSHOT.previous) and the one it wrote (see `cordon update --help`)\n"
	"  --json          one JSON document: summary counts per dataset, then added, removed, changed\n"
	"  --summary       only the counts per dataset\n"
	"  --dataset NAME  only entities of this dataset\n"
	"  --match-fields  count only changes screening can see (names, schema, dates, countries,\n"
	"                  identifiers, addresses, programs), not remarks, titles, relations, attributes\n"
	"Entities are matched by id; a changed entity lists each changed field with the values removed and\n"
	"added (values over 200 bytes are cut with \"...\"). Exit status: 0 success (differences or not),\n"
	"1 error, 2 usage.\n";

typedef struct {
	int json, summary;
	cdiff_options options;
	const char *paths[2];
	int path_count;
} diff_args;

/* Returns CLI_OK, CLI_USAGE, or -1 after --help. */
static int parse_args(int argc, char **argv, diff_args *a)
{
	const char *v;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			a->json = 1;
		else if (strcmp(argv[i], "--summary") == 0)
			a->summary = 1;
		else if (strcmp(argv[i], "--match-fields") == 0)
			a->options.fields = CDIFF_MATCH_FIELDS;
		else if ((v = cli_option(argc, argv, &i, "--dataset")))
			a->options.dataset = v;
		else if (strcmp(argv[i], "--help") == 0) {
			printf("%s", diff_usage);
			return -1;
		} else if (argv[i][0] == '-' || a->path_count == 2)
			return cli_usage("unexpected argument", diff_usage);
		else
			a->paths[a->path_count++] = argv[i];
	}
	if (a->path_count == 1)
		return cli_usage("diff needs two snapshots, OLD and NEW (or none)", diff_usage);
	return CLI_OK;
}

/* Without arguments: what the last `cordon update` changed. */
static int default_paths(diff_args *a, char **owned)
{
	const char *current = cli_update_snapshot_path();
	if (!current)
		return cli_fail("diff", CORDON_EINVALID);
	size_t n = strlen(current) + sizeof(CUPD_PREVIOUS_SUFFIX);
	*owned = malloc(n);
	if (!*owned)
		return CLI_ERROR;
	snprintf(*owned, n, "%s%s", current, CUPD_PREVIOUS_SUFFIX);
	a->paths[0] = *owned;
	a->paths[1] = current;
	return CLI_OK;
}

static int print_result(const diff_args *a, cdiff_result *r)
{
	if (a->summary)
		r->count = 0; /* the counts, no entities */
	if (!a->json) {
		cdiff_write_text(r, a->paths[0], a->paths[1], stdout);
		return CLI_OK;
	}
	char *json;
	int rc = cdiff_to_json(r, a->paths[0], a->paths[1], &json);
	if (rc)
		return cli_fail("diff", rc);
	printf("%s\n", json);
	free(json);
	return CLI_OK;
}

int cmd_diff(int argc, char **argv)
{
	diff_args a = {0};
	int rc = parse_args(argc, argv, &a);
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	char *owned = NULL;
	if (a.path_count == 0 && (rc = default_paths(&a, &owned)) != CLI_OK)
		return rc;
	cordon_snapshot *old_snap = NULL, *new_snap = NULL;
	int err = cordon_snapshot_open(&old_snap, a.paths[0]);
	if (!err)
		err = cordon_snapshot_open(&new_snap, a.paths[1]);
	cdiff_result r;
	if (!err)
		err = cdiff_compute(old_snap, new_snap, &a.options, &r);
	if (err) {
		rc = cli_fail("diff", err);
	} else {
		rc = print_result(&a, &r);
		cdiff_result_dispose(&r);
	}
	cordon_snapshot_free(new_snap);
	cordon_snapshot_free(old_snap);
	free(owned);
	return rc;
}
