/*
 * cordon classify ITEM.json: one item's computed parameters (TPP, PD ...) with the
 * arithmetic, and the control entries of the rules pack it meets, misses or cannot
 * be judged on, on a date.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "rules/rules.h"
#include "rules/txn.h"
#include "rules/txn_norm.h"

static const char classify_usage[] =
	"usage: cordon classify [options] FILE|-\n"
	"  FILE          an item as JSON (a line of a shipment: hs_code, eccn, parameters ...;\n"
	"                optionally \"date\"); - reads standard input\n"
	"  --date D      the day to classify on, YYYY-MM-DD (default: the item's date, else today)\n"
	"  --rules PACK  rules pack (default: data/rules/default.json)\n"
	"  --json        the answer as JSON\n"
	"exit status: 0 answered (also \"cannot classify\": the message says what is missing),\n"
	"             1 the rules pack cannot be used, 2 usage or a bad item\n";

typedef struct {
	const char *path;
	const char *rules;
	const char *date;
	int json;
} classify_cli;

static int parse_args(int argc, char **argv, classify_cli *c)
{
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(classify_usage, stdout);
			exit(CLI_OK);
		} else if ((v = cli_option(argc, argv, &i, "--rules"))) {
			c->rules = v;
		} else if ((v = cli_option(argc, argv, &i, "--date"))) {
			c->date = v;
		} else if (strcmp(argv[i], "--json") == 0) {
			c->json = 1;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "cordon: unknown option %s\n", argv[i]);
			return cli_usage(NULL, classify_usage);
		} else if (c->path) {
			return cli_usage("one item at a time", classify_usage);
		} else {
			c->path = argv[i];
		}
	}
	return c->path ? CLI_OK : cli_usage("which item? (a file, or - for standard input)", classify_usage);
}

static json_t *read_item_json(const char *path)
{
	int use_stdin = strcmp(path, "-") == 0;
	json_error_t je;
	json_t *j = use_stdin ? json_loadf(stdin, 0, &je) : json_load_file(path, 0, &je);
	if (!j)
		fprintf(stderr, "cordon: %s:%d:%d: %s\n", use_stdin ? "<stdin>" : path, je.line, je.column, je.text);
	return j;
}

/* --date, else the item's "date", else today (UTC); -1 after saying what is wrong. */
static int pick_date(const classify_cli *c, json_t *item, txn_day *out)
{
	const char *s = c->date, *what = "--date";
	if (!s && json_object_get(item, "date")) {
		s = json_string_value(json_object_get(item, "date"));
		what = "date";
		if (!s) {
			fprintf(stderr, "cordon: %s: date: must be a string (YYYY-MM-DD)\n",
			        strcmp(c->path, "-") == 0 ? "<stdin>" : c->path);
			return -1;
		}
	}
	if (!s) {
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		*out = txn_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
		return 0;
	}
	if (txn_parse_date(s, out)) {
		fprintf(stderr, "cordon: %s: \"%s\" is not a date (YYYY-MM-DD)\n", what, s);
		return -1;
	}
	return 0;
}

static void print_computed(json_t *computed)
{
	const char *name;
	json_t *v;
	if (json_object_size(computed) == 0)
		return;
	printf("computed:\n");
	json_object_foreach(computed, name, v)
	{
		const char *formula = json_string_value(json_object_get(v, "formula"));
		if (formula)
			printf("  %-4s = %s\n", name, formula);
		else
			printf("  %-4s   missing %s\n", name, json_string_value(json_object_get(v, "missing")));
	}
}

static void print_entry(json_t *e)
{
	printf("  [%s] %s (%s): %s\n      %s\n", json_string_value(json_object_get(e, "status")),
	       json_string_value(json_object_get(e, "eccn")), json_string_value(json_object_get(e, "id")),
	       json_string_value(json_object_get(e, "title")), json_string_value(json_object_get(e, "citation")));
	json_t *w;
	size_t i;
	json_array_foreach(json_object_get(e, "why"), i, w) printf("      - %s\n", json_string_value(w));
	json_array_foreach(json_object_get(e, "missing"), i, w) printf("      - missing: %s\n", json_string_value(w));
	if (json_object_get(e, "note"))
		printf("      note: %s\n", json_string_value(json_object_get(e, "note")));
}

static void print_text(const txn_item *it, json_t *answer)
{
	printf("item: %s\n", it->description ? it->description : "(no description)");
	printf("  ECCN declared: %s; HS code: %s\n", it->eccn ? it->eccn : "none", it->hs_code ? it->hs_code : "none");
	printf("date: %s; rules: %s %s\n", json_string_value(json_object_get(answer, "date")),
	       json_string_value(json_object_get(answer, "pack")), json_string_value(json_object_get(answer, "pack_version")));
	print_computed(json_object_get(answer, "computed"));
	printf("control entries in force:\n");
	json_t *e;
	size_t i;
	json_array_foreach(json_object_get(answer, "entries"), i, e) print_entry(e);
	printf("classification: ");
	json_t *cls = json_object_get(answer, "classification");
	json_array_foreach(cls, i, e) printf("%s%s", i ? ", " : "", json_string_value(e));
	printf("%s\n%s\n", json_array_size(cls) ? "" : "none", json_string_value(json_object_get(answer, "message")));
	if (json_object_get(answer, "warning"))
		printf("warning: %s\n", json_string_value(json_object_get(answer, "warning")));
}

static int run(const classify_cli *c, json_t *item_json)
{
	txn_day day;
	txn_item it;
	char err[512];
	if (pick_date(c, item_json, &day))
		return CLI_USAGE;
	if (txn_item_from_json(item_json, &it, err, sizeof(err))) {
		fprintf(stderr, "cordon: %s: %s\n", strcmp(c->path, "-") == 0 ? "<stdin>" : c->path, err);
		txn_item_free(&it);
		return CLI_USAGE;
	}
	rules_pack *pack;
	if (rules_pack_load(c->rules, &pack, err, sizeof(err))) {
		fprintf(stderr, "cordon: rules pack: %s\n", err);
		txn_item_free(&it);
		return CLI_ERROR;
	}
	json_t *answer = rules_classify(pack, &it, day);
	if (c->json) {
		json_dumpf(answer, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
		printf("\n");
	} else {
		print_text(&it, answer);
	}
	json_decref(answer);
	rules_pack_free(pack);
	txn_item_free(&it);
	return CLI_OK;
}

int cmd_classify(int argc, char **argv)
{
	classify_cli c = {0};
	int rc = parse_args(argc, argv, &c);
	if (rc != CLI_OK)
		return rc;
	if (!c.rules)
		c.rules = cli_default_rules_path();
	json_t *item = read_item_json(c.path);
	if (!item)
		return CLI_USAGE;
	rc = run(&c, item);
	json_decref(item);
	return rc;
}
