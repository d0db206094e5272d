/* cordon entity ID: one listed entity, everything the snapshot knows of it. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int cmd_entity(int argc, char **argv)
{
	static const char usage[] = "usage: cordon entity [--snapshot FILE] ID\n";
	const char *path = NULL, *id = NULL, *v;
	for (int i = 1; i < argc; i++) {
		if ((v = cli_option(argc, argv, &i, "--snapshot")))
			path = v;
		else if (strcmp(argv[i], "--help") == 0) {
			printf("%s", usage);
			return CLI_OK;
		} else if (argv[i][0] == '-' || id)
			return cli_usage("unexpected argument", usage);
		else
			id = argv[i];
	}
	if (!id)
		return cli_usage("entity needs an id such as ofac-sdn:306", usage);
	cordon_snapshot *snap;
	int rc = cli_open_snapshot(path, &snap);
	if (rc)
		return rc;
	size_t index;
	cordon_entity e;
	char *json = NULL;
	rc = cordon_snapshot_find(snap, id, &index);
	if (!rc)
		rc = cordon_snapshot_entity(snap, index, &e);
	if (!rc) {
		rc = cordon_entity_to_json(&e, &json);
		cordon_entity_dispose(&e);
	}
	if (!rc)
		printf("%s\n", json);
	free(json);
	cordon_snapshot_free(snap);
	return rc ? cli_fail("entity", rc) : CLI_OK;
}
