/* cordon: screen names against sanctions and denied-party lists. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
	const char *name;
	cli_command_fn fn;
	const char *summary;
} commands[] = {
	{"build", cmd_build, "read list files and write a snapshot"},
	{"info", cmd_info, "show what a snapshot holds, per dataset and schema"},
	{"screen", cmd_screen, "screen a name (or a batch of queries) against the lists"},
	{"compare", cmd_compare, "score two names against each other"},
	{"entity", cmd_entity, "show one listed entity by id, as JSON"},
	{"check", cmd_check, "screen a shipment's parties and apply the export-control rules"},
	{"classify", cmd_classify, "an item's computed parameters (TPP, PD) and the control entries it meets"},
	{"update", cmd_update, "fetch the configured lists, check them, swap in a new snapshot"},
	{"diff", cmd_diff, "entities added, removed and changed between two snapshots"},
	{"serve", cmd_serve, "serve the HTTP/JSON API (native /v1, yente-compatible, reconciliation)"},
	{"parties", cmd_parties, "import the party file into the store; screen every stored party"},
	{"cases", cmd_cases, "list open potential hits that have no decision"},
	{"decide", cmd_decide, "record a decision on a hit (a false positive is allow-listed)"},
	{"audit", cmd_audit, "verify the store's audit chain, or export a period of it"},
	{"monitor", cmd_monitor, "re-screen stored parties against entities added or changed since the last run"},
};

static void print_help(FILE *out)
{
	fprintf(out, "usage: cordon <command> [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n`cordon <command> --help` shows a command's options.\n"
	             "Without --snapshot, commands use the default snapshot built from the bundled lists\n"
	             "(built automatically on first use; set CORDON_SNAPSHOT or CORDON_DATA_DIR to change).\n"
	             "Exit status: 0 success, 1 error, 2 usage error.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_help(stderr);
		return CLI_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "help") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		print_help(stdout);
		return CLI_OK;
	}
	if (strcmp(name, "version") == 0 || strcmp(name, "--version") == 0) {
		printf("cordon %s\n", cordon_version());
		return CLI_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (strcmp(name, commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "cordon: unknown command \"%s\"\n\n", name);
	print_help(stderr);
	return CLI_USAGE;
}
