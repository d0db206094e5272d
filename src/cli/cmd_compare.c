/* cordon compare NAME1 NAME2: the pairwise score as JSON. */
#include <jansson.h>
#include <string.h>

#include "cli/cli.h"

int cmd_compare(int argc, char **argv)
{
	static const char usage[] = "usage: cordon compare NAME1 NAME2\n";
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		printf("%s", usage);
		return CLI_OK;
	}
	if (argc != 3)
		return cli_usage("compare needs exactly two names", usage);
	double score;
	int rc = cordon_compare(argv[1], argv[2], &score);
	if (rc)
		return cli_fail("compare", rc);
	json_t *o = json_pack("{s:s,s:s,s:f}", "name1", argv[1], "name2", argv[2], "score", score);
	if (!o) {
		fprintf(stderr, "cordon: compare: names must be valid UTF-8\n");
		return CLI_ERROR;
	}
	json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
	printf("\n");
	json_decref(o);
	return CLI_OK;
}
