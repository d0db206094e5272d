/*
 * OFAC legacy CSV set: sdn.csv (or cons_prim.csv) with its companions
 * add.csv, alt.csv and sdn_comments.csv (cons_add.csv, ...), each possibly
 * gzip-compressed with a ".gz" suffix. Headerless, CR LF, "-0- " nulls, a
 * trailing 0x1A byte (dropped by cu_input_line).
 *
 * The companion files are small and keyed by ent_num, so they are loaded
 * first and sorted; the primary file is then streamed and each record is
 * emitted complete (names, addresses, remarks joined with their spill-over).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/country.h"
#include "sources/csv_rows.h"
#include "sources/ofac_remarks.h"
#include "sources/source.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/grow.h"
#include "util/strmap.h"
#include "util/strutil.h"

enum {PRIM_FIELDS = 12, ADD_FIELDS = 6, ALT_FIELDS = 5, COMMENT_FIELDS = 2};

/* sdn.csv columns */
enum {
	C_ENT,
	C_NAME,
	C_TYPE,
	C_PROGRAM,
	C_TITLE,
	C_CALL_SIGN,
	C_VESS_TYPE,
	C_TONNAGE,
	C_GRT,
	C_FLAG,
	C_OWNER,
	C_REMARKS
};

typedef struct {
	const char *primary, *add, *alt, *comments;
} set_names;

static const set_names sdn_set = {"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"};
static const set_names cons_set = {"cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"};

/* A row of a companion file: its ent_num and the fields after it. */
typedef struct {
	unsigned long long ent;
	unsigned long line;
	char *f[5];
	int used;
} aux_row;

typedef struct {
	char path[4096]; /* empty when the file is absent */
	size_t nfields;
	aux_row *rows;
	size_t count, cap;
} aux_table;

typedef struct {
	csrc_ctx *ctx;
	aux_table add, alt, comments;
	cu_strmap seen; /* ent_nums already emitted */
	uint64_t emitted;
} reader;

/* ---- files ---- */

static int is_regular(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* dir/name, dir/name.gz, dir/NAME, dir/NAME.gz: the first that exists goes to out. */
static int find_member(const char *dir, const char *name, char *out, size_t size)
{
	char upper[64];
	size_t n = strlen(name);
	if (n >= sizeof(upper))
		return 0;
	for (size_t i = 0; i <= n; i++)
		upper[i] = (name[i] >= 'a' && name[i] <= 'z') ? (char)(name[i] - 32) : name[i];
	const char *const variants[][2] = {
		{name, ""}, {name, ".gz"}, {upper, ""}, {upper, ".GZ"}, {upper, ".gz"}
	};
	for (size_t i = 0; i < sizeof(variants) / sizeof(*variants); i++) {
		int w = snprintf(out, size, "%s/%s%s", dir, variants[i][0], variants[i][1]);
		if (w > 0 && (size_t)w < size && is_regular(out))
			return 1;
	}
	out[0] = '\0';
	return 0;
}

/*
 * path is the folder of a set or its primary file. Fills dir and primary and
 * picks the set; prefers the consolidated set in a folder holding both when
 * the dataset name says "cons".
 */
static int resolve(csrc_ctx *ctx, const char *path, char *dir, char *primary, size_t size,
                   const set_names **set)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return cu_fail(CORDON_ENOTFOUND, "%s: no such file or folder", path);
	if (S_ISDIR(sb.st_mode)) {
		int cons_first = ctx->dataset && strstr(ctx->dataset, "cons") != NULL;
		const set_names *order[2] = {cons_first ? &cons_set : &sdn_set, cons_first ? &sdn_set : &cons_set};
		snprintf(dir, size, "%s", path);
		for (int i = 0; i < 2; i++)
			if (find_member(dir, order[i]->primary, primary, size)) {
				*set = order[i];
				return 0;
			}
		return cu_fail(CORDON_ENOTFOUND, "%s: no sdn.csv or cons_prim.csv (optionally .gz) in this folder",
		               path);
	}
	if (snprintf(primary, size, "%s", path) >= (int)size)
		return cu_fail(CORDON_EINVALID, "%s: path too long", path);
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	if (slash)
		snprintf(dir, size, "%.*s", (int)(slash - path), path);
	else
		snprintf(dir, size, ".");
	*set = cu_starts_with_ci(base, "cons_") ? &cons_set : &sdn_set;
	return 0;
}

/* ---- small value helpers ---- */

/* Trimmed copy of a field, NULL for OFAC's null marker or an empty field. */
static char *value_dup(const char *field)
{
	if (csrc_is_null(field))
		return NULL;
	return cu_clean_dup(field, strlen(field));
}

static int parse_ent_num(const char *field, unsigned long long *out)
{
	while (*field == ' ')
		field++;
	size_t n = strlen(field);
	while (n && field[n - 1] == ' ')
		n--;
	return n && cu_parse_uint(field, n, 0xFFFFFFFFFFULL, out) == 0;
}

/* ---- companion files ---- */

static int aux_on_row(const csrc_row *row, void *payload)
{
	void **pp = payload;
	reader *r = pp[0];
	aux_table *t = pp[1];
	if (row->count != t->nfields) {
		r->ctx->stats.skipped_rows++;
		csrc_warn(r->ctx, "%s:%lu: %zu fields instead of %zu, row skipped", row->path, row->line, row->count,
		          t->nfields);
		return 0;
	}
	unsigned long long ent;
	if (!parse_ent_num(row->fields[0], &ent)) {
		r->ctx->stats.skipped_rows++;
		csrc_warn(r->ctx, "%s:%lu: ent_num \"%.40s\" is not a number, row skipped", row->path, row->line,
		          row->fields[0]);
		return 0;
	}
	aux_row *rows = cu_grow(t->rows, &t->cap, t->count + 1, sizeof(*rows), 1024);
	if (!rows)
		return cu_fail(CORDON_ENOMEM, "%s:%lu: out of memory", row->path, row->line);
	t->rows = rows;
	aux_row *a = &t->rows[t->count];
	memset(a, 0, sizeof(*a));
	a->ent = ent;
	a->line = row->line;
	for (size_t i = 1; i < t->nfields; i++) {
		if (csrc_is_null(row->fields[i]))
			continue;
		/* comments are kept raw: the continuation must join the remarks byte for byte */
		a->f[i - 1] = cu_strndup(row->fields[i], row->lengths[i]);
		if (!a->f[i - 1]) {
			for (size_t k = 0; k < i - 1; k++)
				free(a->f[k]);
			return cu_fail(CORDON_ENOMEM, "%s:%lu: out of memory", row->path, row->line);
		}
	}
	t->count++;
	return 0;
}

static int aux_cmp(const void *a, const void *b)
{
	const aux_row *x = a, *y = b;
	if (x->ent != y->ent)
		return x->ent < y->ent ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int load_aux(reader *r, aux_table *t, const char *dir, const char *name, size_t nfields,
                    const char *what)
{
	t->nfields = nfields;
	if (!find_member(dir, name, t->path, sizeof(t->path))) {
		csrc_warn(r->ctx, "%s/%s: not found, read without %s", dir, name, what);
		return 0;
	}
	csrc_file_seen(r->ctx, t->path, NULL);
	csrc_csv_options opt = {',', 1, 1};
	void *pp[2] = {r, t};
	int rc = csrc_csv_read(r->ctx, t->path, &opt, aux_on_row, pp);
	if (rc < 0)
		return rc;
	if (t->count)
		qsort(t->rows, t->count, sizeof(*t->rows), aux_cmp);
	return 0;
}

/* First row of ent (rows of one ent are contiguous), or NULL. */
static aux_row *aux_first(aux_table *t, unsigned long long ent, size_t *n)
{
	size_t lo = 0, hi = t->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->rows[mid].ent < ent)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < t->count && t->rows[end].ent == ent)
		end++;
	*n = end - lo;
	return *n ? &t->rows[lo] : NULL;
}

/* Rows of a companion file whose ent_num the primary file does not have. */
static void report_orphans(reader *r, aux_table *t)
{
	for (size_t i = 0; i < t->count; i++)
		if (!t->rows[i].used) {
			r->ctx->stats.skipped_rows++;
			csrc_warn(r->ctx, "%s:%lu: no record %llu in the primary file, row ignored", t->path,
			          t->rows[i].line, t->rows[i].ent);
		}
}

static void aux_dispose(aux_table *t)
{
	for (size_t i = 0; i < t->count; i++)
		for (size_t k = 0; k < 5; k++)
			free(t->rows[i].f[k]);
	free(t->rows);
	t->rows = NULL;
	t->count = t->cap = 0;
}

/* ---- building one entity ---- */

static cordon_schema schema_of(reader *r, const csrc_row *row, const char **unknown)
{
	const char *type = row->fields[C_TYPE];
	*unknown = NULL;
	if (csrc_is_null(type))
		return CORDON_SCHEMA_ORGANIZATION; /* OFAC leaves the type of entities empty */
	while (*type == ' ')
		type++;
	static const struct {
		const char *name;
		cordon_schema schema;
	} types[] = {{"individual", CORDON_SCHEMA_PERSON},
	             {"vessel", CORDON_SCHEMA_VESSEL},
	             {"aircraft", CORDON_SCHEMA_AIRCRAFT}};
	for (size_t i = 0; i < sizeof(types) / sizeof(*types); i++) {
		size_t n = strlen(types[i].name);
		if (cu_ascii_ncasecmp(type, types[i].name, n) == 0 && (type[n] == '\0' || type[n] == ' '))
			return types[i].schema;
	}
	r->ctx->stats.unknown_fields++;
	*unknown = type;
	return CORDON_SCHEMA_UNKNOWN;
}

/* "SDGT] [IRGC] [IFSR" (outer brackets stripped by OFAC) -> three programs. */
static int add_programs(cm_entity *ent, const char *field)
{
	char *s = value_dup(field);
	if (!s)
		return 0;
	int rc = 0;
	char *p = s;
	while (*p && !rc) {
		char *close = strchr(p, ']');
		if (close)
			*close = '\0';
		while (*p == '[' || *p == ' ')
			p++;
		rc = cm_add_program(ent, p);
		if (!close)
			break;
		p = close + 1;
	}
	free(s);
	return rc;
}

/* The Title column may hold several titles separated by ';'. */
static int add_titles(cm_entity *ent, const char *field)
{
	char *s = value_dup(field);
	if (!s)
		return 0;
	int rc = 0;
	for (char *p = s; p && !rc;) {
		char *semi = strchr(p, ';');
		if (semi)
			*semi = '\0';
		rc = cm_add_title(ent, p);
		p = semi ? semi + 1 : NULL;
	}
	free(s);
	return rc;
}

static int add_attr_field(cm_entity *ent, const char *key, const char *field)
{
	return csrc_is_null(field) ? 0 : cm_add_attribute(ent, key, field);
}

static int add_vessel_fields(cm_entity *ent, const csrc_row *row)
{
	int rc = 0;
	if (!csrc_is_null(row->fields[C_CALL_SIGN]))
		rc |= cm_add_identifier(ent, CORDON_ID_CALL_SIGN, "Call Sign", row->fields[C_CALL_SIGN], NULL, NULL);
	rc |= add_attr_field(ent, "vessel_type", row->fields[C_VESS_TYPE]);
	rc |= add_attr_field(ent, "tonnage", row->fields[C_TONNAGE]);
	rc |= add_attr_field(ent, "grt", row->fields[C_GRT]);
	rc |= add_attr_field(ent, "vessel_owner", row->fields[C_OWNER]);
	if (!csrc_is_null(row->fields[C_FLAG])) {
		char *flag = value_dup(row->fields[C_FLAG]);
		const char *code = flag ? cm_country_code(flag) : NULL;
		rc |= cm_add_attribute(ent, "vessel_flag", flag);
		if (code)
			rc |= cm_add_country(ent, code);
		free(flag);
	}
	return rc ? CORDON_ENOMEM : 0;
}

/* Remarks joined with the spill-over rows (no separator: the cut falls mid-word). */
static int add_remarks(reader *r, cm_entity *ent, const csrc_row *row, unsigned long long ent_num)
{
	size_t n;
	aux_row *c = aux_first(&r->comments, ent_num, &n);
	const char *remarks = csrc_is_null(row->fields[C_REMARKS]) ? "" : row->fields[C_REMARKS];
	cu_buf text;
	cu_buf_init(&text, CU_BUF_DEFAULT_MAX);
	int rc = cu_buf_puts(&text, remarks);
	for (size_t i = 0; i < n && !rc; i++) {
		c[i].used = 1;
		if (c[i].f[0])
			rc = cu_buf_puts(&text, c[i].f[0]);
	}
	if (!rc && text.len) {
		rc = cm_set_remarks(ent, text.data);
		if (!rc)
			rc = csrc_ofac_parse_remarks(ent, text.data, r->ctx);
	}
	cu_buf_dispose(&text);
	return rc;
}

static int add_aliases(reader *r, cm_entity *ent, unsigned long long ent_num)
{
	size_t n;
	aux_row *a = aux_first(&r->alt, ent_num, &n);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		a[i].used = 1;
		const char *type = a[i].f[1]; /* f[0] is alt_num */
		const char *name = a[i].f[2];
		const char *note = a[i].f[3];
		cordon_name_kind kind = CORDON_NAME_AKA;
		char *t = type ? cu_clean_dup(type, strlen(type)) : NULL;
		if (t && cu_ascii_casecmp(t, "fka") == 0)
			kind = CORDON_NAME_FKA;
		else if (t && cu_ascii_casecmp(t, "nka") == 0)
			kind = CORDON_NAME_NKA;
		else if (t && cu_ascii_casecmp(t, "aka") != 0) {
			r->ctx->stats.unknown_fields++;
			csrc_warn(r->ctx, "%s:%lu: alias type \"%.20s\" unknown, taken as aka", r->alt.path, a[i].line,
			          t);
		}
		free(t);
		if (!name) {
			csrc_warn(r->ctx, "%s:%lu: alias without a name", r->alt.path, a[i].line);
			continue;
		}
		rc = csrc_ofac_add_name(ent, kind, 0, name);
		if (!rc && note)
			rc = cm_add_attribute(ent, "alias_remarks", note);
	}
	return rc;
}

/* One-line rendering "street, city, country" of the non-null parts. */
static int join_parts(cu_buf *b, const char *const *parts, size_t n)
{
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (!parts[i])
			continue;
		if (b->len)
			rc |= cu_buf_puts(b, ", ");
		rc |= cu_buf_puts(b, parts[i]);
	}
	return rc;
}

static int add_one_address(cm_entity *ent, const aux_row *row)
{
	char *street = row->f[1] ? value_dup(row->f[1]) : NULL;
	char *city = row->f[2] ? value_dup(row->f[2]) : NULL;
	char *country = row->f[3] ? value_dup(row->f[3]) : NULL;
	char *remarks = row->f[4] ? value_dup(row->f[4]) : NULL;
	int rc = 0;
	if (street || city || country) { /* all-null rows are placeholders, not addresses */
		const char *code = country ? cm_country_code(country) : NULL;
		const char *parts[] = {street, city, country};
		cu_buf full;
		cu_buf_init(&full, CSRC_MAX_FIELD * 2);
		rc = join_parts(&full, parts, 3);
		cordon_address a = {full.data, street, city, NULL, NULL, code};
		if (!rc)
			rc = cm_add_address(ent, &a);
		if (!rc && country && !code)
			rc = cm_add_attribute(ent, "address_country", country);
		cu_buf_dispose(&full);
	}
	if (!rc && remarks)
		rc = cm_add_attribute(ent, "address_remarks", remarks);
	free(street);
	free(city);
	free(country);
	free(remarks);
	return rc ? CORDON_ENOMEM : 0;
}

static int add_addresses(reader *r, cm_entity *ent, unsigned long long ent_num)
{
	size_t n;
	aux_row *a = aux_first(&r->add, ent_num, &n);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		a[i].used = 1;
		rc = add_one_address(ent, &a[i]);
	}
	return rc;
}

/* Fills ent from the row and its companions. */
static int build(reader *r, cm_entity *ent, const csrc_row *row, unsigned long long ent_num,
                 const char *unknown_type)
{
	int rc = csrc_ofac_add_name(ent, CORDON_NAME_PRIMARY, 0, row->fields[C_NAME]);
	if (!rc && ent->e.schema == CORDON_SCHEMA_AIRCRAFT) /* OFAC names an aircraft by its tail number */
		rc = cm_add_identifier(ent, CORDON_ID_AIRCRAFT, "Aircraft Tail Number", row->fields[C_NAME], NULL,
		                       NULL);
	if (!rc && unknown_type)
		rc = cm_add_attribute(ent, "sdn_type", unknown_type);
	if (!rc)
		rc = add_programs(ent, row->fields[C_PROGRAM]);
	if (!rc)
		rc = add_titles(ent, row->fields[C_TITLE]); /* before the remarks, which repeat titles */
	if (!rc)
		rc = add_vessel_fields(ent, row);
	if (!rc)
		rc = add_aliases(r, ent, ent_num);
	if (!rc)
		rc = add_remarks(r, ent, row, ent_num);
	if (!rc)
		rc = add_addresses(r, ent, ent_num);
	return rc;
}

static int prim_on_row(const csrc_row *row, void *payload)
{
	reader *r = payload;
	csrc_ctx *ctx = r->ctx;
	unsigned long long ent_num;
	if (row->count != PRIM_FIELDS) {
		ctx->stats.skipped_rows++;
		csrc_warn(ctx, "%s:%lu: %zu fields instead of %d, record skipped", row->path, row->line, row->count,
		          PRIM_FIELDS);
		return 0;
	}
	if (!parse_ent_num(row->fields[C_ENT], &ent_num) || csrc_is_null(row->fields[C_NAME])) {
		ctx->stats.skipped_rows++;
		csrc_warn(ctx, "%s:%lu: no ent_num or no name, record skipped", row->path, row->line);
		return 0;
	}
	char id[32];
	snprintf(id, sizeof(id), "%llu", ent_num);
	if (cu_strmap_get(&r->seen, id, NULL)) {
		ctx->stats.skipped_rows++;
		csrc_warn(ctx, "%s:%lu: ent_num %s repeated, record skipped", row->path, row->line, id);
		return 0;
	}
	if (cu_strmap_put(&r->seen, id, 1))
		return cu_fail(CORDON_ENOMEM, "%s:%lu: out of memory", row->path, row->line);
	const char *unknown_type;
	cordon_schema schema = schema_of(r, row, &unknown_type);
	cm_entity *ent = cm_entity_new(ctx->dataset, id, schema);
	if (!ent)
		return cu_fail(CORDON_ENOMEM, "%s:%lu: out of memory", row->path, row->line);
	if (build(r, ent, row, ent_num, unknown_type)) {
		cm_entity_free(ent);
		return cu_fail(CORDON_ENOMEM, "%s:%lu: out of memory", row->path, row->line);
	}
	r->emitted++;
	return ctx->emit(ctx, ent);
}

static int read_set(reader *r, const char *dir, const char *primary, const set_names *set)
{
	int rc = load_aux(r, &r->comments, dir, set->comments, COMMENT_FIELDS, "remarks continuations");
	if (!rc)
		rc = load_aux(r, &r->alt, dir, set->alt, ALT_FIELDS, "aliases");
	if (!rc)
		rc = load_aux(r, &r->add, dir, set->add, ADD_FIELDS, "addresses");
	if (rc)
		return rc;
	csrc_file_seen(r->ctx, primary, NULL);
	uint64_t rows_before = r->ctx->stats.rows;
	csrc_csv_options opt = {',', 1, 1};
	rc = csrc_csv_read(r->ctx, primary, &opt, prim_on_row, r);
	if (rc < 0)
		return rc;
	uint64_t rows = r->ctx->stats.rows - rows_before;
	if (rows == 0)
		return cu_fail(CORDON_EPARSE, "%s:1: empty file, no records", primary);
	if (r->emitted == 0)
		return cu_fail(CORDON_EPARSE, "%s: none of %llu records is usable", primary,
		               (unsigned long long)rows);
	report_orphans(r, &r->comments);
	report_orphans(r, &r->alt);
	report_orphans(r, &r->add);
	return 0;
}

int csrc_read_ofac_csv(csrc_ctx *ctx, const char *path)
{
	char dir[4096], primary[4096];
	const set_names *set = NULL;
	int rc = resolve(ctx, path, dir, primary, sizeof(dir), &set);
	if (rc)
		return rc;
	reader r;
	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	cu_strmap_init(&r.seen);
	rc = read_set(&r, dir, primary, set);
	aux_dispose(&r.comments);
	aux_dispose(&r.alt);
	aux_dispose(&r.add);
	cu_strmap_dispose(&r.seen);
	return rc;
}
