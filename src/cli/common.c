#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>

#include "cli/cli.h"

#ifndef CORDON_DEFAULT_DATA_DIR
#define CORDON_DEFAULT_DATA_DIR "data"
#endif

int cli_fail(const char *what, int code)
{
	const char *msg = cordon_last_error();
	fprintf(stderr, "cordon: %s: %s\n", what, msg[0] ? msg : cordon_strerror(code));
	return CLI_ERROR;
}

int cli_usage(const char *message, const char *usage)
{
	if (message)
		fprintf(stderr, "cordon: %s\n", message);
	fprintf(stderr, "%s", usage);
	return CLI_USAGE;
}

const char *cli_option(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	const char *arg = argv[*i];
	if (strncmp(arg, name, n) != 0)
		return NULL;
	if (arg[n] == '=')
		return arg + n + 1;
	if (arg[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		fprintf(stderr, "cordon: %s needs a value\n", name);
		exit(CLI_USAGE);
	}
	return argv[++*i];
}

const char *cli_data_dir(void)
{
	const char *env = getenv("CORDON_DATA_DIR");
	return env && *env ? env : CORDON_DEFAULT_DATA_DIR;
}

const char *cli_default_rules_path(void)
{
	static char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/rules/default.json", cli_data_dir());
	return path;
}

static unsigned long long fnv1a(const char *s)
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* mkdir -p: $HOME/.cache may not exist yet on a fresh machine. Failures surface later, when the
 * snapshot's temporary file cannot be created, with that path in the message. */
static void make_dirs(const char *dir)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s", dir);
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	mkdir(path, 0755);
}

const char *cli_default_snapshot_path(void)
{
	static char path[PATH_MAX];
	const char *env = getenv("CORDON_SNAPSHOT");
	if (env && *env)
		return env;
	const char *cache = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	char dir[PATH_MAX - 64];
	if (cache && *cache)
		snprintf(dir, sizeof(dir), "%s/cordon", cache);
	else
		snprintf(dir, sizeof(dir), "%s/.cache/cordon", home && *home ? home : "/tmp");
	/* one default snapshot per data folder, so several checkouts do not overwrite each other */
	char real[PATH_MAX];
	const char *data = realpath(cli_data_dir(), real) ? real : cli_data_dir();
	make_dirs(dir);
	snprintf(path, sizeof(path), "%s/default-%016llx.cordonsnap", dir, fnv1a(data));
	return path;
}

/* Newest modification time under path (a file, or a folder's files one level down). */
static time_t newest_mtime(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return 0;
	time_t newest = st.st_mtime;
	if (!S_ISDIR(st.st_mode))
		return newest;
	DIR *d = opendir(path);
	if (!d)
		return newest;
	struct dirent *ent;
	while ((ent = readdir(d)) != NULL) {
		char child[PATH_MAX];
		snprintf(child, sizeof(child), "%s/%s", path, ent->d_name);
		if (ent->d_name[0] != '.' && stat(child, &st) == 0 && st.st_mtime > newest)
			newest = st.st_mtime;
	}
	closedir(d);
	return newest;
}

static int default_is_stale(const char *snapshot_path, const char *config_path)
{
	struct stat st;
	if (stat(snapshot_path, &st) != 0)
		return 1;
	if (newest_mtime(config_path) > st.st_mtime)
		return 1;
	cordon_source *sources;
	size_t count;
	if (cordon_sources_load(config_path, &sources, &count) != 0)
		return 1;
	int stale = 0;
	for (size_t i = 0; i < count && !stale; i++)
		stale = newest_mtime(sources[i].path) > st.st_mtime;
	cordon_sources_free(sources, count);
	return stale;
}

static void print_warning(const char *message, void *payload)
{
	int *count = payload;
	if (++*count <= 20)
		fprintf(stderr, "cordon: warning: %s\n", message);
}

int cli_build_default(const char *path, int quiet)
{
	char config[PATH_MAX];
	snprintf(config, sizeof(config), "%s/sources.conf", cli_data_dir());
	cordon_source *sources;
	size_t count;
	int rc = cordon_sources_load(config, &sources, &count);
	if (rc)
		return rc;
	if (!quiet)
		fprintf(stderr, "cordon: building the default snapshot from %s ...\n", config);
	int warnings = 0;
	cordon_build_options options = CORDON_BUILD_OPTIONS_INIT;
	options.on_warning = quiet ? NULL : print_warning;
	options.payload = &warnings;
	rc = cordon_snapshot_build(sources, count, path, &options, NULL, NULL);
	cordon_sources_free(sources, count);
	if (!quiet && warnings > 20)
		fprintf(stderr, "cordon: %d more warnings not shown\n", warnings - 20);
	return rc;
}

int cli_open_snapshot(const char *explicit_path, cordon_snapshot **out)
{
	if (explicit_path) {
		int rc = cordon_snapshot_open(out, explicit_path);
		return rc ? cli_fail("cannot open snapshot", rc) : CLI_OK;
	}
	const char *path = cli_default_snapshot_path();
	char config[PATH_MAX];
	snprintf(config, sizeof(config), "%s/sources.conf", cli_data_dir());
	int env_given = getenv("CORDON_SNAPSHOT") && *getenv("CORDON_SNAPSHOT");
	if (!env_given && default_is_stale(path, config)) {
		int rc = cli_build_default(path, 0);
		if (rc)
			return cli_fail("cannot build the default snapshot", rc);
	}
	int rc = cordon_snapshot_open(out, path);
	if (rc == CORDON_EVERSION && !env_given) {
		/* written by another version of cordon: rebuild it once */
		rc = cli_build_default(path, 0);
		if (!rc)
			rc = cordon_snapshot_open(out, path);
	}
	return rc ? cli_fail("cannot open snapshot", rc) : CLI_OK;
}
