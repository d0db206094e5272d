/* cordon audit verify|export: the store's hash-chained audit trail. */
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

static const char audit_usage[] =
	"usage: cordon audit verify [--store FILE]\n"
	"       cordon audit export [--store FILE] [--from DATE] [--to DATE] [--format csv|json] [--out FILE]\n"
	"  verify   checks the database (integrity_check) and every record's hash and link; reports the first\n"
	"           edited or missing record by its sequence number and position; exit 1 when one is found.\n"
	"  export   writes the records made between --from and --to (YYYY-MM-DD, inclusive, or full\n"
	"           timestamps as stored: 2026-11-25T18:30:00.000000Z), CSV by default.\n";

static int audit_verify(store *s)
{
	char problem[512];
	int rc = store_integrity(s, problem, sizeof(problem));
	if (rc) {
		fprintf(stderr, "cordon: audit: %s: database integrity check failed: %s\n", store_path(s), problem);
		return CLI_ERROR;
	}
	store_audit_report report;
	rc = store_audit_verify(s, &report);
	if (rc == CORDON_ECORRUPT) {
		fprintf(stderr, "cordon: audit: %s: chain broken at record %lld (position %lld): %s\n", store_path(s),
		        (long long)report.bad_seq, (long long)report.position, report.problem);
		return CLI_ERROR;
	}
	if (rc)
		return cli_fail("audit", rc);
	printf("audit trail intact: %lld records, head %s\n", (long long)report.records, report.head_hash);
	return CLI_OK;
}

/* An end date alone covers its whole day: "T~" sorts after every time of that day. */
static void period_end(const char *to, char *buf, size_t size)
{
	snprintf(buf, size, strlen(to) == 10 ? "%sT~" : "%s", to);
}

int cmd_audit(int argc, char **argv)
{
	if (argc < 2 || (strcmp(argv[1], "verify") != 0 && strcmp(argv[1], "export") != 0))
		return argc >= 2 && strcmp(argv[1], "--help") == 0 ? (fputs(audit_usage, stdout), CLI_OK)
		                                                   : cli_usage(NULL, audit_usage);
	int verify = strcmp(argv[1], "verify") == 0;
	const char *store_file = NULL, *from = NULL, *to = NULL, *format = "csv", *out_file = NULL, *v;
	for (int i = 2; i < argc; i++) {
		if ((v = cli_option(argc, argv, &i, "--store")))
			store_file = v;
		else if (!verify && (v = cli_option(argc, argv, &i, "--from")))
			from = v;
		else if (!verify && (v = cli_option(argc, argv, &i, "--to")))
			to = v;
		else if (!verify && (v = cli_option(argc, argv, &i, "--format")))
			format = v;
		else if (!verify && (v = cli_option(argc, argv, &i, "--out")))
			out_file = v;
		else
			return cli_usage("unknown argument", audit_usage);
	}
	if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)
		return cli_usage("--format is csv or json", audit_usage);
	store *s;
	if (cli_open_store(store_file, &s))
		return CLI_ERROR;
	if (verify) {
		int rc = audit_verify(s);
		store_close(s);
		return rc;
	}
	char end[64];
	if (to)
		period_end(to, end, sizeof(end));
	FILE *out = out_file ? fopen(out_file, "w") : stdout;
	if (!out) {
		store_close(s);
		fprintf(stderr, "cordon: audit: cannot write %s\n", out_file);
		return CLI_ERROR;
	}
	int rc = store_audit_export(s, from, to ? end : NULL, format, out);
	if (out_file && fclose(out) != 0 && !rc) {
		fprintf(stderr, "cordon: audit: writing %s failed\n", out_file);
		rc = CORDON_EIO;
	}
	store_close(s);
	return rc ? cli_fail("audit export", rc) : CLI_OK;
}
