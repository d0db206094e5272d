/* Where the CLI's store lives, and opening it (shared by the store commands). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "store/store.h"

/* mkdir -p of the folder holding path (errors surface when SQLite cannot create the file). */
static void make_parent_dirs(const char *path)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", path);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(dir, 0700);
		*p = '/';
	}
}

const char *cli_default_store_path(void)
{
	static char path[PATH_MAX];
	const char *env = getenv("CORDON_STORE");
	if (env && *env)
		return env;
	const char *data = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (data && *data)
		snprintf(path, sizeof(path), "%s/cordon/store.db", data);
	else
		snprintf(path, sizeof(path), "%s/.local/share/cordon/store.db", home && *home ? home : "/tmp");
	return path;
}

int cli_open_store(const char *explicit_path, store **out)
{
	const char *path = explicit_path ? explicit_path : cli_default_store_path();
	make_parent_dirs(path);
	int rc = store_open(out, path);
	return rc ? cli_fail("cannot open store", rc) : CLI_OK;
}
