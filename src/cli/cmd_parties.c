/* cordon parties import|screen: the party file in the store, screened against the lists. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/import.h"
#include "store/screen.h"
#include "store/store.h"

static const char parties_usage[] =
	"usage: cordon parties import [--store FILE] [--strict] FILE.csv\n"
	"       cordon parties screen [--store FILE] [--snapshot FILE] [--threshold T] [--limit N]\n"
	"  import   reads a CSV party file with a header row: id,name[,schema,country,birth_date,identifiers]\n"
	"           and columns named after identifier kinds (passport, imo, lei, ...); identifiers as\n"
	"           \"kind:value;kind:value\". Bad rows are reported with their line and skipped; the good\n"
	"           rows are committed together (--strict: any bad row imports nothing). Exit 1 when a row\n"
	"           was bad.\n"
	"  screen   screens every stored party against the snapshot and records each screening;\n"
	"           pairs allow-listed by a false-positive decision are cleared automatically.\n"
	"  --store FILE  the store (default: CORDON_STORE or ~/.local/share/cordon/store.db)\n";

static void print_error(const char *message, void *payload)
{
	unsigned *count = payload;
	++*count;
	fprintf(stderr, "cordon: %s\n", message);
}

static int parties_import(int argc, char **argv)
{
	const char *store_file = NULL, *file = NULL, *v;
	store_import_options opt = {0};
	unsigned errors = 0;
	opt.on_error = print_error;
	opt.payload = &errors;
	for (int i = 1; i < argc; i++) {
		if ((v = cli_option(argc, argv, &i, "--store")))
			store_file = v;
		else if (strcmp(argv[i], "--strict") == 0)
			opt.strict = 1;
		else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage("unknown option", parties_usage);
		else if (file)
			return cli_usage("one file at a time", parties_usage);
		else
			file = argv[i];
	}
	if (!file)
		return cli_usage("no file given", parties_usage);
	store *s;
	if (cli_open_store(store_file, &s))
		return CLI_ERROR;
	store_import_result res;
	int rc = store_import_csv(s, file, &opt, &res);
	store_close(s);
	if (rc)
		return cli_fail("import", rc);
	/* printed only after the commit returned: this line is the acknowledgement */
	printf("imported %s: %llu rows, %llu new, %llu updated, %llu unchanged, %llu bad rows skipped\n", file,
	       (unsigned long long)res.rows, (unsigned long long)res.inserted, (unsigned long long)res.updated,
	       (unsigned long long)res.unchanged, (unsigned long long)res.bad_rows);
	fflush(stdout);
	return res.bad_rows ? CLI_ERROR : CLI_OK;
}

static void print_hit(const store_party *p, const store_screening *sc, const store_hit *h, void *payload)
{
	if (strcmp(h->status, "open") == 0)
		printf("hit  screening %lld  party %s (%s)  %s %s  score %.4f\n", (long long)sc->id, p->external_id,
		       p->name, h->entity_id, h->entity_name ? h->entity_name : "", h->score);
}

static int parties_screen(int argc, char **argv)
{
	const char *store_file = NULL, *snap_file = NULL, *v;
	store_screen_options opt = {0};
	for (int i = 1; i < argc; i++) {
		if ((v = cli_option(argc, argv, &i, "--store")))
			store_file = v;
		else if ((v = cli_option(argc, argv, &i, "--snapshot")))
			snap_file = v;
		else if ((v = cli_option(argc, argv, &i, "--threshold"))) {
			char *end;
			opt.threshold = strtod(v, &end);
			if (*end || opt.threshold <= 0 || opt.threshold > 1)
				return cli_usage("--threshold must be in (0, 1]", parties_usage);
		} else if ((v = cli_option(argc, argv, &i, "--limit"))) {
			opt.limit = strtoul(v, NULL, 10);
			if (!opt.limit)
				return cli_usage("--limit must be a positive number", parties_usage);
		} else
			return cli_usage("unknown argument", parties_usage);
	}
	cordon_snapshot *snap;
	if (cli_open_snapshot(snap_file, &snap))
		return CLI_ERROR;
	store *s;
	if (cli_open_store(store_file, &s)) {
		cordon_snapshot_free(snap);
		return CLI_ERROR;
	}
	opt.snapshot = snap;
	opt.on_hit = print_hit;
	store_screen_result res;
	int rc = store_screen_parties(s, &opt, &res);
	store_close(s);
	cordon_snapshot_free(snap);
	printf("screened %llu parties: %llu hits, %llu open, %llu cleared by the allow-list, %llu confirmed matches\n",
	       (unsigned long long)res.parties, (unsigned long long)res.hits, (unsigned long long)res.open,
	       (unsigned long long)res.cleared, (unsigned long long)res.confirmed);
	return rc ? cli_fail("screen", rc) : CLI_OK;
}

int cmd_parties(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0) {
		fputs(parties_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	if (strcmp(argv[1], "import") == 0)
		return parties_import(argc - 1, argv + 1);
	if (strcmp(argv[1], "screen") == 0)
		return parties_screen(argc - 1, argv + 1);
	return cli_usage("unknown parties command", parties_usage);
}
