/*
 * Importing the party file from CSV. Columns are found by header name:
 * id (or external_id), name (required), schema, country, birth_date (or dob),
 * identifiers ("kind:value;kind:value"), and any column named after an
 * identifier kind (passport, imo, lei, ...). A bad row is reported with its
 * line and skipped; the good rows go in one transaction, so an import is
 * all-or-nothing against a crash (docs/store.md, "Import").
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model/date.h"
#include "sources/csv_rows.h"
#include "store/import.h"
#include "util/buf.h"
#include "util/strmap.h"
#include "util/strutil.h"

enum { COL_ID, COL_NAME, COL_SCHEMA, COL_COUNTRY, COL_BIRTH, COL_IDS, COL_FIXED };
#define MAX_COLUMNS 64

typedef struct {
	store *s;
	const store_import_options *opt;
	store_import_result *res;
	const char *path;
	int col[COL_FIXED];          /* column index per field, -1 when absent */
	int id_kind[MAX_COLUMNS];    /* identifier kind of a column, -1 when none */
	size_t columns;
	int header_seen;
	cu_strmap seen;              /* external id -> line, to refuse duplicates within the file */
	char now[32];
	int fatal;
} import_state;

static void report(import_state *st, unsigned long line, const char *fmt, ...) CU_PRINTF(3, 4);

static void report(import_state *st, unsigned long line, const char *fmt, ...)
{
	char msg[768], detail[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	snprintf(msg, sizeof(msg), "%s:%lu: %s", st->path, line, detail);
	st->res->bad_rows++;
	if (st->opt && st->opt->on_error)
		st->opt->on_error(msg, st->opt->payload);
}

static const char *const fixed_names[COL_FIXED][3] = {
	[COL_ID] = {"id", "external_id", NULL},
	[COL_NAME] = {"name", NULL, NULL},
	[COL_SCHEMA] = {"schema", "type", NULL},
	[COL_COUNTRY] = {"country", NULL, NULL},
	[COL_BIRTH] = {"birth_date", "dob", "date_of_birth"},
	[COL_IDS] = {"identifiers", NULL, NULL},
};

static int read_header(import_state *st, const csrc_row *row)
{
	for (int f = 0; f < COL_FIXED; f++) {
		st->col[f] = -1;
		for (int k = 0; k < 3 && fixed_names[f][k] && st->col[f] < 0; k++)
			st->col[f] = csrc_csv_column(row, fixed_names[f][k]);
	}
	if (row->count > MAX_COLUMNS)
		return cu_fail(CORDON_EPARSE, "%s:%lu: more than %d columns", st->path, row->line, MAX_COLUMNS);
	st->columns = row->count;
	for (size_t i = 0; i < row->count; i++) {
		int fixed = 0;
		for (int f = 0; f < COL_FIXED; f++)
			fixed |= st->col[f] == (int)i;
		st->id_kind[i] = fixed ? -1 : cordon_id_kind_parse(row->fields[i]);
		if (!fixed && st->id_kind[i] < 0 && st->opt && st->opt->on_error) {
			char msg[512];
			snprintf(msg, sizeof(msg), "%s:%lu: column \"%.200s\" is not used (ignored)", st->path, row->line,
			         row->fields[i]);
			st->opt->on_error(msg, st->opt->payload);
		}
	}
	if (st->col[COL_ID] < 0 || st->col[COL_NAME] < 0)
		return cu_fail(CORDON_EPARSE, "%s:%lu: the header must name an \"id\" and a \"name\" column", st->path,
		               row->line);
	st->header_seen = 1;
	return 0;
}

/* The cleaned value of field f, or NULL when the column is absent or the value empty. */
static char *field(const import_state *st, const csrc_row *row, int f)
{
	int c = st->col[f];
	if (c < 0 || (size_t)c >= row->count)
		return NULL;
	return cu_clean_dup(row->fields[c], row->lengths[c]);
}

static int valid_date(const char *s)
{
	size_t n = strlen(s);
	cordon_date d;
	return (n == 4 || n == 7 || n == 10) && cm_date_parse_iso(s, &d) == 0;
}

/* Appends one "kind:value" to out; kind "" for any kind. Returns an error text or NULL. */
static const char *add_identifier(cu_buf *out, const char *kind, const char *value)
{
	if (strchr(value, ';'))
		return "identifier value contains ';'";
	if (out->len)
		cu_buf_putc(out, ';');
	cu_buf_printf(out, "%s:%s", kind, value);
	return NULL;
}

/* Canonical identifiers from the identifiers column and the per-kind columns. */
static int collect_identifiers(import_state *st, const csrc_row *row, char **out)
{
	cu_buf b;
	cu_buf_init(&b, 1 << 20);
	char *list = field(st, row, COL_IDS);
	int ok = 1;
	for (char *save = NULL, *item = list ? strtok_r(list, ";", &save) : NULL; item && ok;
	     item = strtok_r(NULL, ";", &save)) {
		char *value = strchr(item, ':');
		char *kind = value ? item : NULL;
		if (value)
			*value++ = '\0';
		else
			value = item;
		char *v = cu_clean_dup(value, strlen(value));
		int k = kind && *kind ? cordon_id_kind_parse(kind) : -2;
		if (k == -1) {
			report(st, row->line, "unknown identifier kind \"%.100s\" in identifiers", kind);
			ok = 0;
		} else if (v) {
			add_identifier(&b, k >= 0 ? cordon_id_kind_name(k) : "", v);
		}
		free(v);
	}
	free(list);
	for (size_t i = 0; i < row->count && i < st->columns && ok; i++) {
		char *v = st->id_kind[i] >= 0 ? cu_clean_dup(row->fields[i], row->lengths[i]) : NULL;
		const char *err = v ? add_identifier(&b, cordon_id_kind_name(st->id_kind[i]), v) : NULL;
		if (err) {
			report(st, row->line, "%s in column %s", err, cordon_id_kind_name(st->id_kind[i]));
			ok = 0;
		}
		free(v);
	}
	*out = ok && b.len ? cu_buf_take(&b) : NULL;
	cu_buf_dispose(&b);
	return ok ? 0 : -1;
}

/* Normalises and checks a row's party; reports the first problem and returns -1. */
static int row_party(import_state *st, const csrc_row *row, store_party *p)
{
	memset(p, 0, sizeof(*p));
	if (row->count != st->columns) {
		report(st, row->line, "%zu fields, the header has %zu", row->count, st->columns);
		return -1;
	}
	p->external_id = field(st, row, COL_ID);
	p->name = field(st, row, COL_NAME);
	char *schema = field(st, row, COL_SCHEMA), *country = field(st, row, COL_COUNTRY);
	p->birth_date = field(st, row, COL_BIRTH);
	int sc = schema ? cordon_schema_parse(schema) : -1;
	const char *cc = country ? cordon_country_code(country) : NULL;
	int bad = 1;
	if (!p->external_id)
		report(st, row->line, "field id is empty");
	else if (!p->name)
		report(st, row->line, "field name is empty (party %.100s)", p->external_id);
	else if (schema && sc < 0)
		report(st, row->line, "field schema: unknown schema \"%.100s\"", schema);
	else if (country && !cc)
		report(st, row->line, "field country: unknown country \"%.100s\"", country);
	else if (p->birth_date && !valid_date(p->birth_date))
		report(st, row->line, "field birth_date: \"%.100s\" is not YYYY, YYYY-MM or YYYY-MM-DD", p->birth_date);
	else
		bad = collect_identifiers(st, row, &p->identifiers) != 0;
	p->schema = sc >= 0 ? cu_strdup(cordon_schema_name(sc)) : NULL;
	p->country = cc ? cu_strdup(cc) : NULL;
	p->imported_at = cu_strdup(st->now);
	free(schema);
	free(country);
	return bad ? -1 : 0;
}

static int on_row(const csrc_row *row, void *payload)
{
	import_state *st = payload;
	st->res->rows++;
	if (!st->header_seen) {
		st->res->rows--;
		return read_header(st, row);
	}
	store_party p;
	if (row_party(st, row, &p) != 0) {
		store_party_dispose(&p);
		return 0;
	}
	size_t first;
	if (cu_strmap_get(&st->seen, p.external_id, &first)) {
		report(st, row->line, "party id \"%.100s\" repeats the one on line %zu", p.external_id, first);
		store_party_dispose(&p);
		return 0;
	}
	int outcome = 0;
	int rc = cu_strmap_put(&st->seen, p.external_id, row->line);
	if (!rc)
		rc = store_party_put(st->s, &p, &outcome);
	st->res->inserted += outcome == STORE_PARTY_INSERTED;
	st->res->updated += outcome == STORE_PARTY_UPDATED;
	st->res->unchanged += outcome == STORE_PARTY_UNCHANGED;
	store_party_dispose(&p);
	return rc;
}

static void on_warn(csrc_ctx *ctx, const char *message)
{
	import_state *st = ctx->payload;
	st->res->bad_rows++;
	if (st->opt && st->opt->on_error)
		st->opt->on_error(message, st->opt->payload);
}

int store_import_csv(store *s, const char *path, const store_import_options *opt, store_import_result *res)
{
	memset(res, 0, sizeof(*res));
	import_state st = {.s = s, .opt = opt, .res = res, .path = path};
	cu_strmap_init(&st.seen);
	store_now(st.now);
	csrc_ctx ctx = {.dataset = "parties", .warn = on_warn, .payload = &st};
	csrc_csv_options copt = {.delimiter = ',', .strip_bom = 1};
	int rc = store_begin(s);
	if (!rc)
		rc = csrc_csv_read(&ctx, path, &copt, on_row, &st);
	if (!rc && !st.header_seen)
		rc = cu_fail(CORDON_EPARSE, "%s: empty file (no header row)", path);
	if (!rc && opt && opt->strict && res->bad_rows)
		rc = cu_fail(CORDON_EPARSE, "%s: %llu bad rows; --strict imports nothing", path,
		             (unsigned long long)res->bad_rows);
	cu_strmap_dispose(&st.seen);
	if (rc) {
		store_rollback(s);
		res->inserted = res->updated = res->unchanged = 0;
		return rc;
	}
	return store_commit(s);
}
