/*
 * Fixture helpers shared by the store and monitoring tests: a text file written
 * into the test folder, and a snapshot built from FollowTheMoney lines.
 */
#ifndef CORDON_TEST_FIXTURES_H
#define CORDON_TEST_FIXTURES_H

#include <stdio.h>

#include "cordon.h"

static inline void fixture_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Builds CORDON_TEST_TMP/NAME.cordonsnap from the FtM lines and opens it; NULL (with the error printed) on failure. */
static inline cordon_snapshot *fixture_ftm_snapshot(const char *name, const char *lines)
{
	char ftm[512], out[512];
	snprintf(ftm, sizeof(ftm), "%s/%s.ftm.json", CORDON_TEST_TMP, name);
	snprintf(out, sizeof(out), "%s/%s.cordonsnap", CORDON_TEST_TMP, name);
	fixture_write_file(ftm, lines);
	cordon_source src = {"os", "ftm", ftm};
	cordon_build_options opt = CORDON_BUILD_OPTIONS_INIT;
	opt.threads = 1;
	cordon_snapshot *snap = NULL;
	if (cordon_snapshot_build(&src, 1, out, &opt, NULL, NULL) != 0 || cordon_snapshot_open(&snap, out) != 0)
		fprintf(stderr, "building %s: %s\n", name, cordon_last_error());
	return snap;
}

#endif
