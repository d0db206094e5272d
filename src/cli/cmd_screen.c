/* cordon screen: one name, or a batch of queries from a file or stdin. */
#include <csv.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/screen_output.h"
#include "codec/codec.h"

static const char screen_usage[] =
	"usage: cordon screen [options] NAME\n"
	"       cordon screen --batch [FILE|-] [--format jsonl|csv] [options]\n"
	"  --snapshot FILE   snapshot to screen against (default: bundled lists)\n"
	"  --json            print the result as JSON\n"
	"  --schema S        person, organization, vessel or aircraft\n"
	"  --dataset D       only this dataset (e.g. ofac-sdn)\n"
	"  --limit N         at most N matches (default 10)\n"
	"  --threshold T     minimum score 0..1 (default 0.78)\n"
	"  --birth-date D    YYYY, YYYY-MM or YYYY-MM-DD: agreeing dates raise a score, other years lower it\n"
	"  --country C       ISO code or country name of the party\n"
	"  --id [KIND:]VALUE identifier of the party (passport, imo, ...); an exact match is decisive; repeatable\n"
	"  --explain         say why each match scored as it did\n"
	"  --batch [FILE]    one query per line: JSONL {\"id\":..,\"query\":..,\"schema\":..,\"birth_date\":..,\"country\":..,\n"
	"                    \"identifiers\":[{\"kind\":..,\"value\":..}]} or CSV id,query,schema;\n"
	"                    writes one JSON line per query with its matches and elapsed_us\n";

typedef struct {
	const char *snapshot_path;
	int as_json;
	int batch;
	const char *batch_path;
	const char *format;
	cordon_query base;
	cordon_query_identifier ids[8];
	char id_kinds[8][32];
} screen_options;

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int screen_one(const cordon_snapshot *snap, const screen_options *opt, const char *name)
{
	cordon_query q = opt->base;
	q.name = name;
	cordon_results res;
	long long t0 = now_us();
	int rc = cordon_screen(snap, &q, &res);
	long long elapsed = now_us() - t0;
	if (rc)
		return cli_fail("screen", rc);
	if (opt->as_json) {
		json_t *o = json_object();
		json_object_set_new(o, "query", json_string(name));
		json_object_set_new(o, "matches", codec_matches_json(snap, &res, 1));
		json_object_set_new(o, "elapsed_us", json_integer(elapsed));
		json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
		printf("\n");
		json_decref(o);
	} else {
		cli_print_results(stdout, snap, name, &res);
	}
	cordon_results_dispose(&res);
	return CLI_OK;
}

/* ---- batch ---- */

static int parse_jsonl(const char *line, const cordon_query *base, codec_query *q, char *err, size_t errsize)
{
	json_error_t jerr;
	json_t *o = json_loads(line, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(o)) {
		snprintf(err, errsize, "%s", o ? "line is not a JSON object" : jerr.text);
		json_decref(o);
		memset(q, 0, sizeof(*q));
		return -1;
	}
	int rc = codec_query_from_json(o, base, q, err, errsize, NULL);
	json_decref(o);
	return rc;
}

typedef struct {
	char *fields[8];
	size_t count;
} csv_fields;

static void csv_on_field(void *data, size_t len, void *payload)
{
	csv_fields *f = payload;
	if (f->count < 8)
		f->fields[f->count++] = strndup(data ? data : "", data ? len : 0);
}

/* Takes field i of f into *out when it is not empty (f keeps the rest to free). */
static void take_field(csv_fields *f, size_t i, char **out)
{
	if (i < f->count && f->fields[i][0]) {
		*out = f->fields[i];
		f->fields[i] = NULL;
	}
}

/* Columns id,query[,schema[,birth_date[,country]]]; a header row naming "query" or "name" is skipped. */
static int parse_csv(const char *line, const cordon_query *base, codec_query *q, char *err, size_t errsize,
                     int *is_header)
{
	struct csv_parser p;
	csv_fields f = {{0}, 0};
	memset(q, 0, sizeof(*q));
	q->query = *base;
	csv_init(&p, CSV_APPEND_NULL);
	size_t len = strlen(line);
	int ok = csv_parse(&p, line, len, csv_on_field, NULL, &f) == len && csv_fini(&p, csv_on_field, NULL, &f) == 0;
	csv_free(&p);
	*is_header = f.count >= 2 && (strcmp(f.fields[1], "query") == 0 || strcmp(f.fields[1], "name") == 0);
	if (ok && f.count >= 2 && !*is_header) {
		take_field(&f, 0, &q->id);
		take_field(&f, 1, &q->name);
		take_field(&f, 2, &q->schema);
		take_field(&f, 3, &q->birth_date);
		take_field(&f, 4, &q->country);
		q->query.name = q->name ? q->name : "";
		q->query.birth_date = q->birth_date ? q->birth_date : base->birth_date;
		q->query.country = q->country ? q->country : base->country;
		if (q->schema && (q->query.schema = cordon_schema_parse(q->schema)) < 0) {
			snprintf(err, errsize, "unknown schema \"%s\"", q->schema);
			ok = 0;
		}
	} else if (!*is_header) {
		snprintf(err, errsize, ok ? "expected id,query[,schema]" : "malformed CSV line");
		ok = 0;
	}
	for (size_t i = 0; i < f.count; i++)
		free(f.fields[i]);
	return ok ? 0 : -1;
}

static void write_batch_result(const cordon_snapshot *snap, const codec_query *q, const cordon_results *res,
                               long long elapsed)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", q->id ? json_string(q->id) : json_null());
	json_object_set_new(o, "matches", codec_matches_json(snap, res, 0));
	json_object_set_new(o, "elapsed_us", json_integer(elapsed));
	json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	fputc('\n', stdout);
	json_decref(o);
}

static void write_batch_error(const char *source, unsigned long line_no, const codec_query *q, const char *msg)
{
	fprintf(stderr, "cordon: %s:%lu: %s\n", source, line_no, msg);
	json_t *o = json_pack("{s:o,s:I,s:s}", "id", q->id ? json_string(q->id) : json_null(), "line",
	                      (json_int_t)line_no, "error", msg);
	json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	fputc('\n', stdout);
	json_decref(o);
}

static int run_query(const cordon_snapshot *snap, const codec_query *q, char *err, size_t errsize)
{
	cordon_results res;
	long long t0 = now_us();
	int rc = cordon_screen(snap, &q->query, &res);
	long long elapsed = now_us() - t0;
	if (rc) {
		snprintf(err, errsize, "%s", cordon_last_error());
		return -1;
	}
	write_batch_result(snap, q, &res, elapsed);
	cordon_results_dispose(&res);
	return 0;
}

static int screen_batch(const cordon_snapshot *snap, const screen_options *opt)
{
	int use_stdin = !opt->batch_path || strcmp(opt->batch_path, "-") == 0;
	const char *source = use_stdin ? "<stdin>" : opt->batch_path;
	FILE *in = use_stdin ? stdin : fopen(opt->batch_path, "r");
	if (!in) {
		fprintf(stderr, "cordon: %s: cannot open\n", opt->batch_path);
		return CLI_ERROR;
	}
	int csv = opt->format && strcmp(opt->format, "csv") == 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long line_no = 0, failures = 0;
	while ((len = getline(&line, &cap, in)) >= 0) {
		line_no++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		codec_query q;
		char err[512];
		int is_header = 0;
		int rc = csv ? parse_csv(line, &opt->base, &q, err, sizeof(err), &is_header)
		             : parse_jsonl(line, &opt->base, &q, err, sizeof(err));
		if (!rc && !is_header)
			rc = run_query(snap, &q, err, sizeof(err));
		if (rc) {
			write_batch_error(source, line_no, &q, err);
			failures++;
		}
		codec_query_free(&q);
	}
	free(line);
	if (!use_stdin)
		fclose(in);
	fflush(stdout);
	if (failures)
		fprintf(stderr, "cordon: %lu of %lu lines could not be screened\n", failures, line_no);
	return failures ? CLI_ERROR : CLI_OK;
}

/* "--id passport:AB123" or "--id AB123" */
static int add_identifier(screen_options *opt, const char *spec)
{
	size_t n = opt->base.identifier_count;
	if (n == 8)
		return -1;
	const char *colon = strchr(spec, ':');
	if (colon && (size_t)(colon - spec) < sizeof(opt->id_kinds[n])) {
		memcpy(opt->id_kinds[n], spec, (size_t)(colon - spec));
		opt->id_kinds[n][colon - spec] = '\0';
		if (cordon_id_kind_parse(opt->id_kinds[n]) < 0)
			colon = NULL; /* "A:B" that is not KIND:VALUE: the whole text is the value */
	} else {
		colon = NULL;
	}
	opt->ids[n].kind = colon ? opt->id_kinds[n] : NULL;
	opt->ids[n].value = colon ? colon + 1 : spec;
	opt->base.identifiers = opt->ids;
	opt->base.identifier_count = n + 1;
	return 0;
}

static int parse_options(int argc, char **argv, screen_options *opt, const char **name)
{
	const char *v;
	for (int i = 1; i < argc; i++) {
		if ((v = cli_option(argc, argv, &i, "--snapshot")))
			opt->snapshot_path = v;
		else if ((v = cli_option(argc, argv, &i, "--schema"))) {
			opt->base.schema = cordon_schema_parse(v);
			if (opt->base.schema < 0)
				return cli_usage("unknown --schema", screen_usage);
		} else if ((v = cli_option(argc, argv, &i, "--dataset")))
			opt->base.dataset = v;
		else if ((v = cli_option(argc, argv, &i, "--limit"))) {
			char *end;
			long n = strtol(v, &end, 10);
			if (*end || n < 1 || n > 1000)
				return cli_usage("--limit must be 1..1000", screen_usage);
			opt->base.limit = (size_t)n;
		} else if ((v = cli_option(argc, argv, &i, "--threshold"))) {
			char *end;
			double t = strtod(v, &end);
			if (*end || !(t >= 0.0 && t <= 1.0))
				return cli_usage("--threshold must be between 0 and 1", screen_usage);
			opt->base.threshold = t;
		} else if ((v = cli_option(argc, argv, &i, "--birth-date")))
			opt->base.birth_date = v;
		else if ((v = cli_option(argc, argv, &i, "--country")))
			opt->base.country = v;
		else if ((v = cli_option(argc, argv, &i, "--id"))) {
			if (add_identifier(opt, v) != 0)
				return cli_usage("--id takes [KIND:]VALUE, at most 8 times", screen_usage);
		} else if ((v = cli_option(argc, argv, &i, "--format"))) {
			if (strcmp(v, "jsonl") != 0 && strcmp(v, "csv") != 0)
				return cli_usage("--format must be jsonl or csv", screen_usage);
			opt->format = v;
		} else if (strcmp(argv[i], "--json") == 0)
			opt->as_json = 1;
		else if (strcmp(argv[i], "--explain") == 0)
			opt->base.explain = 1;
		else if (strcmp(argv[i], "--batch") == 0) {
			opt->batch = 1;
			if (i + 1 < argc && (argv[i + 1][0] != '-' || strcmp(argv[i + 1], "-") == 0))
				opt->batch_path = argv[++i];
		} else if (strcmp(argv[i], "--help") == 0) {
			printf("%s", screen_usage);
			exit(CLI_OK);
		} else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage("unknown option", screen_usage);
		else if (*name)
			return cli_usage("one name at a time (quote names with spaces), or use --batch", screen_usage);
		else
			*name = argv[i];
	}
	if (!opt->batch && !*name)
		return cli_usage("screen needs a name", screen_usage);
	if (opt->batch && *name)
		return cli_usage("give either a name or --batch", screen_usage);
	return CLI_OK;
}

int cmd_screen(int argc, char **argv)
{
	screen_options opt = {0};
	opt.base = (cordon_query)CORDON_QUERY_INIT;
	const char *name = NULL;
	int rc = parse_options(argc, argv, &opt, &name);
	if (rc)
		return rc;
	cordon_snapshot *snap;
	rc = cli_open_snapshot(opt.snapshot_path, &snap);
	if (rc)
		return rc;
	rc = opt.batch ? screen_batch(snap, &opt) : screen_one(snap, &opt, name);
	cordon_snapshot_free(snap);
	return rc;
}
