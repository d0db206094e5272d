/* cordon update: fetch the configured lists, verify them, swap in a new snapshot (docs/updates.md). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "update/update.h"

static const char update_usage[] =
	"usage: cordon update [--config FILE] [--dir DIR] [--snapshot FILE] [--source DATASET] [--dry-run]\n"
	"                     [--force] [--keep-going] [--timeout S] [--connect-timeout S] [--max-bytes N]\n"
	"                     [--min-ratio R]\n"
	"  --config FILE      download list (default: data/update.conf of the data folder)\n"
	"  --dir DIR          lists folder: downloads and update-state.json (default: $CORDON_LISTS_DIR,\n"
	"                     else $XDG_DATA_HOME/cordon/lists, else ~/.local/share/cordon/lists)\n"
	"  --snapshot FILE    snapshot to replace (default: $CORDON_SNAPSHOT, else DIR/lists.cordonsnap);\n"
	"                     the one replaced is kept as FILE.previous (see cordon diff)\n"
	"  --source DATASET   fetch this dataset only; the others are built from their files in place\n"
	"  --dry-run          fetch and check everything, replace nothing\n"
	"  --force            no conditional requests, and rebuild even when nothing changed\n"
	"  --keep-going       when some datasets fail, swap in the others anyway (the failed ones keep\n"
	"                     their files in place; the exit status still says 1 or 3)\n"
	"  --timeout S        per file, whole transfer (default 600); --connect-timeout S (default 30)\n"
	"  --max-bytes N      size limit per file, N[K|M|G] (default 512M; max-bytes= in the config wins)\n"
	"  --min-ratio R      refuse a dataset with fewer than R x the entities or rows in place\n"
	"                     (default: min-ratio= in the config, else 0.9; 0 turns the check off)\n"
	"Exit status: 0 updated, up to date, or dry run passed; 1 a download, the server, the build or\n"
	"the lists folder failed; 2 usage; 3 a file was refused by a check (size limit, SHA-256, gzip,\n"
	"format, shrink). On 1 and 3 the snapshot and the downloaded files in place are unchanged\n"
	"(with --keep-going, those of the datasets that failed).\n";

enum { EXIT_REFUSED = 3 };

const char *cli_lists_dir(void)
{
	static char dir[PATH_MAX];
	const char *env = getenv("CORDON_LISTS_DIR"), *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	if (env && *env)
		return env;
	if (xdg && *xdg)
		snprintf(dir, sizeof(dir), "%s/cordon/lists", xdg);
	else
		snprintf(dir, sizeof(dir), "%s/.local/share/cordon/lists", home && *home ? home : "/tmp");
	return dir;
}

const char *cli_update_snapshot_path(void)
{
	static char path[PATH_MAX];
	const char *env = getenv("CORDON_SNAPSHOT");
	if (env && *env)
		return env;
	snprintf(path, sizeof(path), "%s/lists.cordonsnap", cli_lists_dir());
	return path;
}

static int parse_size(const char *s, unsigned long long *out)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	int shift = *end == 'K' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
	if (end == s || v == 0 || (shift ? end[1] != '\0' : *end != '\0') || v > (~0ull >> 34))
		return -1;
	*out = v << shift;
	return 0;
}

static int parse_seconds(const char *s, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end || v <= 0 || v > 86400)
		return -1;
	*out = v;
	return 0;
}

static void print_line(const char *line, void *payload)
{
	if (!*(int *)payload)
		printf("%s\n", line);
	fflush(stdout);
}

/* Returns CLI_OK, CLI_USAGE, or -1 for --help. */
static int parse_args(int argc, char **argv, cupd_options *o, const char **config, int *quiet)
{
	const char *v;
	for (int i = 1; i < argc; i++) {
		char *end;
		if ((v = cli_option(argc, argv, &i, "--config")))
			*config = v;
		else if ((v = cli_option(argc, argv, &i, "--dir")))
			o->lists_dir = v;
		else if ((v = cli_option(argc, argv, &i, "--snapshot")))
			o->snapshot_path = v;
		else if ((v = cli_option(argc, argv, &i, "--source")))
			o->only = v;
		else if ((v = cli_option(argc, argv, &i, "--timeout"))) {
			if (parse_seconds(v, &o->timeout_s))
				return cli_usage("bad --timeout (seconds, 1 to 86400)", update_usage);
		} else if ((v = cli_option(argc, argv, &i, "--connect-timeout"))) {
			if (parse_seconds(v, &o->connect_timeout_s))
				return cli_usage("bad --connect-timeout (seconds, 1 to 86400)", update_usage);
		} else if ((v = cli_option(argc, argv, &i, "--max-bytes"))) {
			if (parse_size(v, &o->max_bytes))
				return cli_usage("bad --max-bytes (N, NK, NM or NG)", update_usage);
		} else if ((v = cli_option(argc, argv, &i, "--min-ratio"))) {
			o->min_ratio = strtod(v, &end);
			if (end == v || *end || !(o->min_ratio >= 0 && o->min_ratio <= 1))
				return cli_usage("bad --min-ratio (0 to 1)", update_usage);
		} else if (strcmp(argv[i], "--dry-run") == 0)
			o->dry_run = 1;
		else if (strcmp(argv[i], "--force") == 0)
			o->force = 1;
		else if (strcmp(argv[i], "--keep-going") == 0)
			o->keep_going = 1;
		else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0)
			*quiet = 1;
		else if (strcmp(argv[i], "--help") == 0) {
			printf("%s", update_usage);
			return -1;
		} else
			return cli_usage("unknown option", update_usage);
	}
	return CLI_OK;
}

int cmd_update(int argc, char **argv)
{
	cupd_options o = {.min_ratio = -1};
	const char *config_path = NULL;
	int quiet = 0;
	int rc = parse_args(argc, argv, &o, &config_path, &quiet);
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	char default_config[PATH_MAX];
	if (!config_path) {
		snprintf(default_config, sizeof(default_config), "%s/update.conf", cli_data_dir());
		config_path = default_config;
	}
	if (!o.lists_dir)
		o.lists_dir = cli_lists_dir();
	char snap[PATH_MAX];
	const char *env = getenv("CORDON_SNAPSHOT");
	if (!o.snapshot_path && env && *env)
		o.snapshot_path = env;
	if (!o.snapshot_path) {
		snprintf(snap, sizeof(snap), "%s/lists.cordonsnap", o.lists_dir);
		o.snapshot_path = snap;
	}
	cupd_config cfg;
	int err = cupd_config_load(config_path, &cfg);
	if (err)
		return cli_fail("cannot read the update configuration", err);
	o.report = print_line;
	o.payload = &quiet;
	cupd_outcome out = cupd_run(&cfg, &o);
	cupd_config_dispose(&cfg);
	if (out == CUPD_FAILED || out == CUPD_REFUSED) {
		cli_fail("update", CORDON_ERROR);
		return out == CUPD_REFUSED ? EXIT_REFUSED : CLI_ERROR;
	}
	return CLI_OK;
}
