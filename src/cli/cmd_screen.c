/* cordon screen: one name, or a batch of queries from a file or stdin. */
#include <csv.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/screen_output.h"

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
		json_object_set_new(o, "matches", cli_matches_json(snap, &res, 1));
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

#define BATCH_MAX_IDS 8

typedef struct {
	char *id, *query, *schema, *birth_date, *country;
	char *id_kind[BATCH_MAX_IDS], *id_value[BATCH_MAX_IDS];
	size_t id_count;
} batch_query;

static void batch_query_free(batch_query *q)
{
	free(q->id);
	free(q->query);
	free(q->schema);
	free(q->birth_date);
	free(q->country);
	for (size_t i = 0; i < q->id_count; i++) {
		free(q->id_kind[i]);
		free(q->id_value[i]);
	}
	memset(q, 0, sizeof(*q));
}

static char *json_field_text(json_t *v)
{
	if (json_is_string(v))
		return strdup(json_string_value(v));
	if (json_is_integer(v)) {
		char buf[32];
		snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
		return strdup(buf);
	}
	return NULL;
}

/* "identifiers": ["AB123", {"kind": "imo", "value": "9187629"}]; returns -1 when malformed. */
static int parse_json_ids(json_t *ids, batch_query *q)
{
	if (!ids || json_is_null(ids))
		return 0;
	if (!json_is_array(ids) || json_array_size(ids) > BATCH_MAX_IDS)
		return -1;
	for (size_t i = 0; i < json_array_size(ids); i++) {
		json_t *v = json_array_get(ids, i);
		json_t *value = json_is_object(v) ? json_object_get(v, "value") : v;
		json_t *kind = json_is_object(v) ? json_object_get(v, "kind") : NULL;
		if (!json_is_string(value) || (kind && !json_is_string(kind) && !json_is_null(kind)))
			return -1;
		q->id_value[q->id_count] = strdup(json_string_value(value));
		q->id_kind[q->id_count] = json_is_string(kind) ? strdup(json_string_value(kind)) : NULL;
		q->id_count++;
	}
	return 0;
}

static int parse_jsonl(const char *line, batch_query *q, char *err, size_t errsize)
{
	json_error_t jerr;
	json_t *o = json_loads(line, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(o)) {
		snprintf(err, errsize, "%s", o ? "line is not a JSON object" : jerr.text);
		json_decref(o);
		return -1;
	}
	json_t *name = json_object_get(o, "query");
	if (!name)
		name = json_object_get(o, "name");
	q->id = json_field_text(json_object_get(o, "id"));
	q->query = json_is_string(name) ? strdup(json_string_value(name)) : NULL;
	q->schema = json_field_text(json_object_get(o, "schema"));
	q->birth_date = json_field_text(json_object_get(o, "birth_date"));
	q->country = json_field_text(json_object_get(o, "country"));
	int bad_ids = parse_json_ids(json_object_get(o, "identifiers"), q);
	json_decref(o);
	if (!q->query) {
		snprintf(err, errsize, "field \"query\" is missing or not a string");
		return -1;
	}
	if (bad_ids) {
		snprintf(err, errsize, "field \"identifiers\" must be a list of strings or {\"kind\", \"value\"} objects");
		return -1;
	}
	return 0;
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

/* Columns id,query[,schema[,birth_date[,country]]]; a header row naming "query" or "name" is skipped. */
static int parse_csv(const char *line, batch_query *q, char *err, size_t errsize, int *is_header)
{
	struct csv_parser p;
	csv_fields f = {{0}, 0};
	csv_init(&p, CSV_APPEND_NULL);
	size_t len = strlen(line);
	int ok = csv_parse(&p, line, len, csv_on_field, NULL, &f) == len && csv_fini(&p, csv_on_field, NULL, &f) == 0;
	csv_free(&p);
	*is_header = f.count >= 2 && (strcmp(f.fields[1], "query") == 0 || strcmp(f.fields[1], "name") == 0);
	if (ok && f.count >= 2 && !*is_header) {
		q->id = f.fields[0];
		q->query = f.fields[1];
		q->schema = f.count >= 3 && f.fields[2][0] ? f.fields[2] : NULL;
		q->birth_date = f.count >= 4 && f.fields[3][0] ? f.fields[3] : NULL;
		q->country = f.count >= 5 && f.fields[4][0] ? f.fields[4] : NULL;
		f.fields[0] = f.fields[1] = NULL;
		if (q->schema)
			f.fields[2] = NULL;
		if (q->birth_date)
			f.fields[3] = NULL;
		if (q->country)
			f.fields[4] = NULL;
	} else if (!*is_header) {
		snprintf(err, errsize, ok ? "expected id,query[,schema]" : "malformed CSV line");
		ok = 0;
	}
	for (size_t i = 0; i < f.count; i++)
		free(f.fields[i]);
	return ok ? 0 : -1;
}

static void write_batch_result(const cordon_snapshot *snap, const batch_query *q, const cordon_results *res,
                               long long elapsed)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", q->id ? json_string(q->id) : json_null());
	json_object_set_new(o, "matches", cli_matches_json(snap, res, 0));
	json_object_set_new(o, "elapsed_us", json_integer(elapsed));
	json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	fputc('\n', stdout);
	json_decref(o);
}

static void write_batch_error(const char *source, unsigned long line_no, const batch_query *q, const char *msg)
{
	fprintf(stderr, "cordon: %s:%lu: %s\n", source, line_no, msg);
	json_t *o = json_pack("{s:o,s:I,s:s}", "id", q->id ? json_string(q->id) : json_null(), "line",
	                      (json_int_t)line_no, "error", msg);
	json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	fputc('\n', stdout);
	json_decref(o);
}

static int run_query(const cordon_snapshot *snap, const screen_options *opt, const batch_query *q, char *err,
                     size_t errsize)
{
	cordon_query query = opt->base;
	query.name = q->query;
	cordon_query_identifier ids[BATCH_MAX_IDS];
	if (q->birth_date)
		query.birth_date = q->birth_date;
	if (q->country)
		query.country = q->country;
	if (q->id_count) {
		for (size_t i = 0; i < q->id_count; i++)
			ids[i] = (cordon_query_identifier){q->id_kind[i], q->id_value[i]};
		query.identifiers = ids;
		query.identifier_count = q->id_count;
	}
	if (q->schema) {
		query.schema = cordon_schema_parse(q->schema);
		if (query.schema < 0) {
			snprintf(err, errsize, "unknown schema \"%s\"", q->schema);
			return -1;
		}
	}
	cordon_results res;
	long long t0 = now_us();
	int rc = cordon_screen(snap, &query, &res);
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
		batch_query q = {0};
		char err[512];
		int is_header = 0;
		int rc = csv ? parse_csv(line, &q, err, sizeof(err), &is_header) : parse_jsonl(line, &q, err, sizeof(err));
		if (!rc && !is_header)
			rc = run_query(snap, opt, &q, err, sizeof(err));
		if (rc) {
			write_batch_error(source, line_no, &q, err);
			failures++;
		}
		batch_query_free(&q);
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
