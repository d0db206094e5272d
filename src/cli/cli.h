/* Shared pieces of the cordon command-line program. Uses only the public API. */
#ifndef CORDON_CLI_H
#define CORDON_CLI_H

#include <stdio.h>

#include "cordon.h"

/* Exit codes, documented in `cordon help`. */
enum { CLI_OK = 0, CLI_ERROR = 1, CLI_USAGE = 2 };

typedef int (*cli_command_fn)(int argc, char **argv);

int cmd_build(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_screen(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_entity(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_update(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_classify(int argc, char **argv);
int cmd_parties(int argc, char **argv);
int cmd_cases(int argc, char **argv);
int cmd_decide(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_monitor(int argc, char **argv);

/* Prints "cordon: <what>: <last error>" to stderr and returns CLI_ERROR. */
int cli_fail(const char *what, int code);
int cli_usage(const char *message, const char *usage);

/* Folder of the bundled lists (CORDON_DATA_DIR or the build-time default). */
const char *cli_data_dir(void);
/* The bundled export-control rules pack: data/rules/default.json of cli_data_dir(). */
const char *cli_default_rules_path(void);
/* Path of the default snapshot (CORDON_SNAPSHOT, else a per-checkout file in the user's cache). */
const char *cli_default_snapshot_path(void);

/* Lists folder of `cordon update` (CORDON_LISTS_DIR, else under XDG_DATA_HOME or ~/.local/share). */
const char *cli_lists_dir(void);
/* Snapshot `cordon update` replaces: CORDON_SNAPSHOT, else lists.cordonsnap in cli_lists_dir(). */
const char *cli_update_snapshot_path(void);

/*
 * Opens the snapshot named by --snapshot, or else the default one, building
 * it from the bundled data first when it is missing or older than the data.
 */
int cli_open_snapshot(const char *explicit_path, cordon_snapshot **out);

/* Builds the default snapshot from data/sources.conf into path. */
int cli_build_default(const char *path, int quiet);

/* The store (--store): CORDON_STORE, else $XDG_DATA_HOME/cordon/store.db or ~/.local/share/cordon/store.db. */
struct store;
const char *cli_default_store_path(void);
/* Opens explicit_path or the default store, creating its folder; prints the error and returns CLI_ERROR. */
int cli_open_store(const char *explicit_path, struct store **out);

/* Matches "--name=value" or "--name value"; advances *i. Returns the value or NULL. */
const char *cli_option(int argc, char **argv, int *i, const char *name);

#endif
