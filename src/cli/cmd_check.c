/* cordon check: one shipment screened and judged against the export-control rules. */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "cli/cli.h"

static const char check_usage[] =
	"usage: cordon check [options] FILE|-\n"
	"  FILE              a shipment as JSON (examples/README.md); - reads standard input\n"
	"  --snapshot FILE   snapshot to screen the parties against (default: bundled lists)\n"
	"  --rules PACK      rules pack (default: data/rules/default.json)\n"
	"  --format F        text (default) or json\n"
	"  --json            the same as --format json\n"
	"  --threshold T     least score 0..1 for a party's hit (default 0.78)\n"
	"exit status: 0 clear, 3 review, 4 licence required, 5 block;\n"
	"             1 the snapshot or rules pack cannot be used, 2 usage or a bad shipment\n";

/* The decision as the exit status, so that a script can act on it without reading the output. */
enum { EXIT_REVIEW = 3, EXIT_LICENSE_REQUIRED = 4, EXIT_BLOCK = 5 };

typedef struct {
	const char *path;
	const char *snapshot;
	const char *rules;
	int json;
	check_options check;
} check_cli;

static int parse_threshold(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= 0.0 && v <= 1.0))
		return -1;
	*out = v;
	return 0;
}

static int parse_args(int argc, char **argv, check_cli *c)
{
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(check_usage, stdout);
			exit(CLI_OK);
		} else if ((v = cli_option(argc, argv, &i, "--snapshot"))) {
			c->snapshot = v;
		} else if ((v = cli_option(argc, argv, &i, "--rules"))) {
			c->rules = v;
		} else if ((v = cli_option(argc, argv, &i, "--format"))) {
			if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0)
				return cli_usage("--format is json or text", check_usage);
			c->json = strcmp(v, "json") == 0;
		} else if (strcmp(argv[i], "--json") == 0) {
			c->json = 1;
		} else if ((v = cli_option(argc, argv, &i, "--threshold"))) {
			if (parse_threshold(v, &c->check.threshold))
				return cli_usage("--threshold is a number from 0 to 1", check_usage);
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "cordon: unknown option %s\n", argv[i]);
			return cli_usage(NULL, check_usage);
		} else if (c->path) {
			return cli_usage("one shipment at a time", check_usage);
		} else {
			c->path = argv[i];
		}
	}
	return c->path ? CLI_OK : cli_usage("which shipment? (a file, or - for standard input)", check_usage);
}

/* The shipment JSON, or NULL after saying what is wrong with it (file, line and column). */
static json_t *read_shipment(const char *path, const char **shown)
{
	int use_stdin = strcmp(path, "-") == 0;
	*shown = use_stdin ? "<stdin>" : path;
	json_error_t jerr;
	json_t *o = use_stdin ? json_loadf(stdin, JSON_REJECT_DUPLICATES, &jerr)
	                      : json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!o) {
		if (jerr.line < 0 && !use_stdin)
			fprintf(stderr, "cordon: %s: %s\n", path, jerr.text);
		else
			fprintf(stderr, "cordon: %s:%d:%d: not valid JSON: %s\n", *shown, jerr.line, jerr.column, jerr.text);
	}
	return o;
}

static int exit_status(rules_outcome decision)
{
	switch (decision) {
	case RULES_CLEAR: return CLI_OK;
	case RULES_REVIEW: return EXIT_REVIEW;
	case RULES_LICENSE_REQUIRED: return EXIT_LICENSE_REQUIRED;
	default: return EXIT_BLOCK;
	}
}

static int run(const check_cli *c, json_t *shipment, const char *shown)
{
	char err[1024];
	rules_pack *pack;
	if (rules_pack_load(c->rules, &pack, err, sizeof(err)) != 0) {
		fprintf(stderr, "cordon: %s\n", err);
		return CLI_ERROR;
	}
	cordon_snapshot *snap = NULL;
	int rc = cli_open_snapshot(c->snapshot, &snap);
	json_t *result = NULL;
	if (rc == CLI_OK) {
		check_status st = check_shipment(snap, pack, shipment, &c->check, &result, err, sizeof(err));
		if (st != CHECK_OK)
			fprintf(stderr, "cordon: %s: %s\n", shown, err);
		rc = st == CHECK_BAD_INPUT ? CLI_USAGE : st == CHECK_FAILED ? CLI_ERROR : CLI_OK;
	}
	if (result) {
		if (c->json) {
			json_dumpf(result, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
			fputc('\n', stdout);
		} else {
			check_report_text(stdout, result);
		}
		rc = exit_status(check_decision(result));
		json_decref(result);
	}
	cordon_snapshot_free(snap);
	rules_pack_free(pack);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	check_cli c = {NULL, NULL, cli_default_rules_path(), 0, CHECK_OPTIONS_INIT};
	int rc = parse_args(argc, argv, &c);
	if (rc != CLI_OK)
		return rc;
	const char *shown;
	json_t *shipment = read_shipment(c.path, &shown);
	if (!shipment)
		return CLI_USAGE;
	rc = run(&c, shipment, shown);
	json_decref(shipment);
	return rc;
}
