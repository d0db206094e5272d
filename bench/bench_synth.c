/*
 * Writes a synthetic OpenSanctions-style corpus (FtM JSON lines) composed
 * from name parts harvested from the bundled lists; deterministic for a seed.
 * Baseline: reading the written file back line by line (what any reader of
 * it pays before parsing).
 * Usage: bench_synth [-n COUNT] [--seed S] [-o PATH(.gz)] [--config SOURCES_CONF]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cordon.h"
#include "lib/harvest.h"
#include "lib/icu.h"
#include "lib/synth.h"
#include "lib/util.h"
#include "util/input.h"

static double read_back(const char *path)
{
	double t0 = cb_now();
	cu_input *in;
	if (cu_input_open(&in, path) != 0)
		return -1;
	cu_buf line;
	cu_buf_init(&line, 8u << 20);
	while (cu_input_line(in, &line) == 1)
		;
	cu_buf_dispose(&line);
	cu_input_close(in);
	return cb_now() - t0;
}

static int usage(void)
{
	fprintf(stderr, "usage: bench_synth [-n COUNT] [--seed S] [-o PATH] [--config SOURCES_CONF]\n");
	return 2;
}

int main(int argc, char **argv)
{
	cb_synth_options o = {1000000, 42, "/tmp/cordon-synthetic.ftm.json", 0.55, 0.40};
	const char *config = CORDON_BENCH_DATA "/sources.conf";
	for (int i = 1; i < argc; i++) {
		if (i + 1 < argc && strcmp(argv[i], "-n") == 0)
			o.count = strtoull(argv[++i], NULL, 10);
		else if (i + 1 < argc && strcmp(argv[i], "--seed") == 0)
			o.seed = strtoull(argv[++i], NULL, 10);
		else if (i + 1 < argc && strcmp(argv[i], "-o") == 0)
			o.path = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--config") == 0)
			config = argv[++i];
		else
			return usage();
	}
	double t0 = cb_now();
	cb_harvest h;
	if (cb_harvest_run(&h, config) != 0) {
		fprintf(stderr, "bench_synth: harvesting %s failed: %s\n", config, cordon_last_error());
		return 1;
	}
	double t1 = cb_now();
	cb_harvest_print(&h);
	cb_synth_stats st;
	if (cb_synth_write(&h, &o, &st) != 0)
		return 1;
	double t2 = cb_now();
	cb_synth_print(&st);
	uint64_t rss, hwm;
	cb_memory(&rss, &hwm);
	double base = read_back(o.path);
	char baseline[160];
	printf("synthetic corpus, %zu entities, seed %llu -> %s\n", o.count, (unsigned long long)o.seed, o.path);
	cb_figure("harvest from bundled lists", t1 - t0, "s", NULL);
	snprintf(baseline, sizeof(baseline), "baseline: reading the file back line by line %.2f s, %.1fx", base,
	         base > 0 ? (t2 - t1) / base : 0);
	cb_figure("corpus generation", t2 - t1, "s", baseline);
	snprintf(baseline, sizeof(baseline), "%.1f MB on disk", (double)cb_file_size(o.path) / 1e6);
	cb_figure("corpus size (uncompressed)", (double)st.bytes / 1e6, "MB", baseline);
	cb_figure("generator peak memory (VmHWM)", (double)hwm / 1e6, "MB", NULL);
	cb_harvest_dispose(&h);
	cb_icu_cleanup();
	return 0;
}
