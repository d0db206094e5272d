/* Rendering screening results for the CLI as a readable report (JSON comes from codec/). */
#ifndef CORDON_CLI_SCREEN_OUTPUT_H
#define CORDON_CLI_SCREEN_OUTPUT_H

#include <stdio.h>

#include "cordon.h"

/* The readable report of one query's results, with explanations when present. */
void cli_print_results(FILE *out, const cordon_snapshot *snap, const char *name, const cordon_results *res);

#endif
