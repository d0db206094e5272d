/* Rendering screening results for the CLI: JSON objects and the readable report. */
#ifndef CORDON_CLI_SCREEN_OUTPUT_H
#define CORDON_CLI_SCREEN_OUTPUT_H

#include <jansson.h>
#include <stdio.h>

#include "cordon.h"

/* Array of match objects; programs (needs an entity lookup) only when asked. */
json_t *cli_matches_json(const cordon_snapshot *snap, const cordon_results *res, int with_programs);

/* The readable report of one query's results, with explanations when present. */
void cli_print_results(FILE *out, const cordon_snapshot *snap, const char *name, const cordon_results *res);

#endif
