/* cordon cases list: open potential hits that no decision has closed. */
#include <jansson.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

static const char cases_usage[] =
	"usage: cordon cases list [--store FILE] [--json]\n"
	"  Lists hits of each party's current screening that are neither allow-listed nor decided,\n"
	"  best score first. Decide one with: cordon decide SCREENING ENTITY ...\n";

static int print_case(const store_case *c, void *payload)
{
	json_t *all = payload;
	if (all) {
		json_array_append_new(all, json_pack("{s:I, s:s?, s:s?, s:s, s:s?, s:f, s:s}", "screening",
		                                     (json_int_t)c->screening_id, "party", c->party_external_id,
		                                     "party_name", c->party_name, "entity_id", c->entity_id,
		                                     "entity_name", c->entity_name, "score", c->score, "screened_at",
		                                     c->screened_at));
		return 0;
	}
	printf("%-9lld %-16s %-32s %-22s %.4f  %s\n", (long long)c->screening_id,
	       c->party_external_id ? c->party_external_id : "(ad hoc)", c->party_name ? c->party_name : "",
	       c->entity_id, c->score, c->entity_name ? c->entity_name : "");
	return 0;
}

int cmd_cases(int argc, char **argv)
{
	const char *store_file = NULL, *v;
	int as_json = 0;
	if (argc < 2 || strcmp(argv[1], "list") != 0)
		return argc >= 2 && strcmp(argv[1], "--help") == 0 ? (fputs(cases_usage, stdout), CLI_OK)
		                                                   : cli_usage(NULL, cases_usage);
	for (int i = 2; i < argc; i++) {
		if ((v = cli_option(argc, argv, &i, "--store")))
			store_file = v;
		else if (strcmp(argv[i], "--json") == 0)
			as_json = 1;
		else
			return cli_usage("unknown argument", cases_usage);
	}
	store *s;
	if (cli_open_store(store_file, &s))
		return CLI_ERROR;
	json_t *all = as_json ? json_array() : NULL;
	if (!as_json)
		printf("%-9s %-16s %-32s %-22s %-6s  %s\n", "screening", "party", "party name", "entity", "score",
		       "listed name");
	int rc = store_case_each(s, print_case, all);
	store_close(s);
	if (all) {
		json_dumpf(all, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
		printf("\n");
		json_decref(all);
	}
	return rc ? cli_fail("cases", rc) : CLI_OK;
}
