/*
 * Ingest throughput per reader on the bundled lists, and snapshot load time.
 * Each figure is printed next to a baseline measured in the same run:
 *  - ingest: reading the same bytes (decompressing, splitting lines) without parsing;
 *  - load: read()ing the whole snapshot file into memory.
 * Usage: bench_ingest [DATA_DIR] [REPEATS]
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cordon.h"
#include "sources/source.h"
#include "util/input.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Bytes after decompression, read the way every line-based reader does. */
static double baseline_read(const char *path, unsigned long long *bytes)
{
	double t0 = now_s();
	cu_input *in;
	if (cu_input_open(&in, path) != 0)
		return -1;
	cu_buf line;
	cu_buf_init(&line, 64u << 20);
	*bytes = 0;
	while (cu_input_line(in, &line) == 1)
		*bytes += line.len + 1;
	cu_buf_dispose(&line);
	cu_input_close(in);
	return now_s() - t0;
}

typedef struct {
	const char *dataset, *format, *path, *measure_file;
} bench_source;

static void bench_reader(const bench_source *b, const char *data, int repeats)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", data, b->path);
	unsigned long long bytes = 0;
	double base = 1e9, parse = 1e9;
	size_t entities = 0;
	for (int r = 0; r < repeats; r++) {
		/* the baseline reads every file the reader reads */
		double t = 0;
		bytes = 0;
		for (const char *f = b->measure_file; *f;) {
			const char *end = strchr(f, ' ');
			int len = end ? (int)(end - f) : (int)strlen(f);
			char file[2048];
			unsigned long long n = 0;
			snprintf(file, sizeof(file), "%s/%.*s", data, len, f);
			f += len + (end ? 1 : 0);
			t += baseline_read(file, &n);
			bytes += n;
		}
		if (t < base)
			base = t;
		cm_collection coll;
		cm_collection_init(&coll);
		double t0 = now_s();
		int rc = csrc_run(b->format, b->dataset, path, &coll, NULL, NULL);
		double t1 = now_s() - t0;
		entities = coll.live;
		cm_collection_dispose(&coll);
		if (rc) {
			printf("%-9s failed: %s\n", b->format, cordon_last_error());
			return;
		}
		if (t1 < parse)
			parse = t1;
	}
	double mb = (double)bytes / 1e6;
	const char *shown = strchr(b->measure_file, ' ') ? b->path : b->measure_file;
	printf("%-9s %-36s %6.2f MB %7zu entities  parse %7.1f MB/s  (baseline read %7.1f MB/s, parse/read %.1fx)\n",
	       b->format, shown, mb, entities, mb / parse, mb / base, parse / base);
}

static void bench_load(const char *snapshot_path, int repeats)
{
	struct stat st;
	if (stat(snapshot_path, &st) != 0)
		return;
	double open_best = 1e9, read_best = 1e9;
	char *buf = malloc((size_t)st.st_size);
	for (int r = 0; r < repeats; r++) {
		double t0 = now_s();
		int fd = open(snapshot_path, O_RDONLY);
		ssize_t got = fd >= 0 && buf ? read(fd, buf, (size_t)st.st_size) : -1;
		if (fd >= 0)
			close(fd);
		double t1 = now_s();
		cordon_snapshot *s;
		if (got < 0 || cordon_snapshot_open(&s, snapshot_path) != 0) {
			printf("snapshot load failed: %s\n", cordon_last_error());
			free(buf);
			return;
		}
		double t2 = now_s();
		cordon_snapshot_free(s);
		if (t1 - t0 < read_best)
			read_best = t1 - t0;
		if (t2 - t1 < open_best)
			open_best = t2 - t1;
	}
	free(buf);
	printf("snapshot load (mmap + verify checksums + check tables): %.2f ms for %.2f MB "
	       "(baseline read() of the file: %.2f ms)\n",
	       open_best * 1e3, (double)st.st_size / 1e6, read_best * 1e3);
}

int main(int argc, char **argv)
{
	const char *data = argc > 1 ? argv[1] : CORDON_BENCH_DATA;
	int repeats = argc > 2 ? atoi(argv[2]) : 5;
	static const bench_source sources[] = {
		{"ofac-sdn", "ofac-csv", "ofac-sdn-2021",
		 "ofac-sdn-2021/sdn.csv.gz ofac-sdn-2021/alt.csv.gz ofac-sdn-2021/add.csv.gz ofac-sdn-2021/sdn_comments.csv"},
		{"ofac-cons", "ofac-csv", "ofac-cons-2025",
		 "ofac-cons-2025/cons_prim.csv ofac-cons-2025/cons_alt.csv ofac-cons-2025/cons_add.csv "
		 "ofac-cons-2025/cons_comments.csv"},
		{"un", "un-xml", "un-2026/consolidated.xml.gz", "un-2026/consolidated.xml.gz"},
		{"us-csl", "us-csl", "us-csl-sample/csl.csv", "us-csl-sample/csl.csv"},
		{"us-dpl", "bis-dpl", "us-dpl-2022/dpl.txt", "us-dpl-2022/dpl.txt"},
		{"os", "ftm", "opensanctions-sample/zala.ftm.json", "opensanctions-sample/zala.ftm.json"},
	};
	printf("ingest, best of %d runs (sizes are decompressed bytes of every file the reader reads)\n", repeats);
	for (size_t i = 0; i < sizeof(sources) / sizeof(*sources); i++)
		bench_reader(&sources[i], data, repeats);

	char conf[1024], snap[1024];
	snprintf(conf, sizeof(conf), "%s/sources.conf", data);
	snprintf(snap, sizeof(snap), "/tmp/cordon-bench-%d.cordonsnap", (int)getpid());
	cordon_source *src;
	size_t n;
	if (cordon_sources_load(conf, &src, &n) != 0) {
		printf("cannot read %s: %s\n", conf, cordon_last_error());
		return 1;
	}
	double t0 = now_s();
	int rc = cordon_snapshot_build(src, n, snap, NULL, NULL, NULL);
	double t1 = now_s();
	cordon_sources_free(src, n);
	if (rc) {
		printf("build failed: %s\n", cordon_last_error());
		return 1;
	}
	printf("snapshot build from all bundled sources: %.0f ms\n", (t1 - t0) * 1e3);
	bench_load(snap, repeats * 4);
	unlink(snap);
	return 0;
}
