/*
 * BIS Denied Persons List, `dpl.txt`: TAB-delimited, every field quoted,
 * header row, one row per (party, address). See list-formats.md section 5.
 *
 * There is no id column, so rows are grouped by the normalised name
 * (du_normalise_name: upper case, punctuation and space runs folded, so
 * " I. ASH" and "I. ASH", "AL-NASER  AIRLINES" and "AL NASER AIRLINES" are one
 * party); the id is "<dataset>:<16 hex digits of cu_hash64(normalised name)>".
 * Rows of one party are not always adjacent, so entities are emitted after
 * the whole file is read.
 *
 * Schema: organization when the name has a legal-form or institution word
 * (du_looks_like_org: LLC, LTD, INC, GMBH, CO, CORPORATION, AIRLINES ...),
 * else unknown — the list mixes people and companies without saying which.
 *
 * Aliases embedded in names: `PEARL (A.K.A. NEI-CHIEN CHU) LI` gives primary
 * `PEARL LI` and alias `NEI-CHIEN CHU`; `IHSAN MEDHAT "SAMMY" ELASHI` gives
 * primary `IHSAN MEDHAT ELASHI` and alias `SAMMY ELASHI`; `SAMMY (IHSAN
 * MEDHAT) ELASHI` gives primary `SAMMY ELASHI` and alias `IHSAN MEDHAT ELASHI`;
 * `X (Y)` gives primary X and alias Y; `X A/K/A Y` primary X, alias Y. The
 * published string is always kept as an alias too.
 */
#include <stdlib.h>
#include <string.h>

#include "model/country.h"
#include "model/date.h"
#include "sources/delimited_util.h"
#include "sources/source.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strutil.h"

enum {
	C_NAME,
	C_STREET,
	C_CITY,
	C_STATE,
	C_COUNTRY,
	C_POSTAL,
	C_EFFECTIVE,
	C_EXPIRATION,
	C_STANDARD_ORDER,
	C_LAST_UPDATE,
	C_ACTION,
	C_FR_CITATION,
	C_COUNT
};

static const du_column columns[C_COUNT] = {
	[C_NAME] = {"Name", 1},
	[C_STREET] = {"Street_Address", 1},
	[C_CITY] = {"City", 0},
	[C_STATE] = {"State", 0},
	[C_COUNTRY] = {"Country", 1},
	[C_POSTAL] = {"Postal_Code", 0},
	[C_EFFECTIVE] = {"Effective_Date", 0},
	[C_EXPIRATION] = {"Expiration_Date", 0},
	[C_STANDARD_ORDER] = {"Standard_Order", 0},
	[C_LAST_UPDATE] = {"Last_Update", 0},
	[C_ACTION] = {"Action", 0},
	[C_FR_CITATION] = {"FR_Citation", 0},
};

typedef struct {
	csrc_ctx *ctx;
	du_header header;
	int have_header;
	du_group group;
} dpl_state;

/* Joins up to three pieces with single spaces into a malloc'd string. */
static char *join3(const char *a, size_t al, const char *b, size_t bl, const char *c, size_t cl)
{
	char *out = malloc(al + bl + cl + 3), *w = out;
	if (!out)
		return NULL;
	const char *parts[] = {a, b, c};
	size_t lens[] = {al, bl, cl};
	for (int i = 0; i < 3; i++) {
		if (!lens[i])
			continue;
		if (w != out)
			*w++ = ' ';
		memcpy(w, parts[i], lens[i]);
		w += lens[i];
	}
	*w = '\0';
	return out;
}

static size_t trimmed_len(const char *s, size_t len)
{
	while (len && s[len - 1] == ' ')
		len--;
	return len;
}

static const char *skip_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

/* Length of an alias marker ("A.K.A.", "AKA", "A/K/A") at p followed by a space, or 0. */
static size_t aka_marker(const char *p)
{
	static const char *const markers[] = {"A.K.A.", "A/K/A", "AKA", "F.K.A.", "F/K/A"};
	for (size_t i = 0; i < sizeof(markers) / sizeof(*markers); i++) {
		size_t n = strlen(markers[i]);
		if (cu_ascii_ncasecmp(p, markers[i], n) == 0 && (p[n] == ' ' || p[n] == ':'))
			return n + 1;
	}
	return 0;
}

/*
 * Splits a published name around an embedded part (quoted nickname or
 * parenthesis): before X, inner Y, after Z. Fills *primary and *alias (malloc'd).
 */
static int split_embedded(const char *name, char **primary, char **alias)
{
	const char *open = NULL, *close = NULL;
	const char *q = strchr(name, '"');
	if (q && strchr(q + 1, '"')) {
		open = q;
		close = strchr(q + 1, '"');
	} else if ((open = strchr(name, '(')) != NULL) {
		close = strchr(open, ')');
	}
	if (open && close) {
		const char *x = name, *y = skip_spaces(open + 1), *z = skip_spaces(close + 1);
		size_t xl = trimmed_len(x, (size_t)(open - x)), yl, zl = trimmed_len(z, strlen(z));
		size_t marker = aka_marker(y);
		y = skip_spaces(y + marker);
		yl = trimmed_len(y, (size_t)(close - y));
		*primary = join3(x, xl, z, zl, "", 0);
		/* "PEARL (A.K.A. NEI-CHIEN CHU) LI": the marked part is a whole name; otherwise it replaces X */
		*alias = marker ? join3(y, yl, "", 0, "", 0) : join3(y, yl, z, zl, "", 0);
		return *primary && *alias ? 0 : CORDON_ENOMEM;
	}
	for (const char *p = name; *p; p++) {
		size_t m = p > name && p[-1] == ' ' ? aka_marker(p) : 0;
		if (m) {
			*primary = join3(name, trimmed_len(name, (size_t)(p - name)), "", 0, "", 0);
			*alias = cu_strdup(skip_spaces(p + m));
			return *primary && *alias ? 0 : CORDON_ENOMEM;
		}
	}
	*primary = cu_strdup(name);
	*alias = NULL;
	return *primary ? 0 : CORDON_ENOMEM;
}

static int add_names(cm_entity *ent, const char *name)
{
	char *primary, *alias;
	int rc = split_embedded(name, &primary, &alias);
	if (rc == 0)
		rc = cm_add_name(ent, CORDON_NAME_PRIMARY, 0, *primary ? primary : name, NULL, NULL, NULL);
	if (rc == 0 && alias)
		rc = cm_add_name(ent, CORDON_NAME_AKA, 0, alias, NULL, NULL, NULL);
	if (rc == 0)
		rc = cm_add_name(ent, CORDON_NAME_AKA, 0, name, NULL, NULL, NULL); /* dropped when equal */
	free(primary);
	free(alias);
	return rc;
}

/* Two-letter US state and territory codes: a row with one of these and no country is in the US. */
static int us_state(const char *s)
{
	static const char states[] = "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO "
	                             "MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI "
	                             "WY DC PR GU VI AS MP ";
	if (strlen(s) != 2)
		return 0;
	for (const char *p = states; *p; p += 3)
		if (p[0] == s[0] && p[1] == s[1])
			return 1;
	return 0;
}

static int add_address(dpl_state *st, const csrc_row *row, cm_entity *ent)
{
	const du_header *h = &st->header;
	const char *country = du_get(h, row, C_COUNTRY);
	cordon_address a = {.street = du_get(h, row, C_STREET), .city = du_get(h, row, C_CITY),
	                    .region = du_get(h, row, C_STATE), .postal_code = du_get(h, row, C_POSTAL)};
	a.country = country ? cm_country_code(country) : (a.region && us_state(a.region) ? "US" : NULL);
	if (country && !a.country)
		DU_TRY(cm_add_attribute(ent, "country_text", country));
	const char *parts[] = {a.street, a.city, a.region, a.postal_code, country ? country : a.country};
	cu_buf full;
	cu_buf_init(&full, 16 * CSRC_MAX_FIELD);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof(parts) / sizeof(*parts); i++)
		if (parts[i]) {
			if (full.len)
				rc = cu_buf_puts(&full, ", ");
			if (rc == 0)
				rc = cu_buf_puts(&full, parts[i]);
		}
	a.full = full.data;
	if (rc == 0)
		rc = cm_add_address(ent, &a);
	cu_buf_dispose(&full);
	return rc;
}

static int add_facts(dpl_state *st, const csrc_row *row, cm_entity *ent)
{
	const du_header *h = &st->header;
	const char *effective = du_get(h, row, C_EFFECTIVE);
	if (effective) {
		cordon_date d;
		du_parse_date(effective, 1, &d);
		/* one party, several rows: the earliest effective date is the listing date */
		DU_TRY(du_keep_earliest_listing(ent, &d));
		DU_TRY(du_add_date_attribute(ent, "effective_date", effective, 1));
	}
	DU_TRY(du_add_date_attribute(ent, "expiration_date", du_get(h, row, C_EXPIRATION), 1));
	DU_TRY(du_add_date_attribute(ent, "last_update", du_get(h, row, C_LAST_UPDATE), 1));
	const char *order = du_get(h, row, C_STANDARD_ORDER);
	if (order && strlen(order) == 1) {
		char up[2] = {(char)((*order >= 'a' && *order <= 'z') ? *order - 32 : *order), '\0'};
		DU_TRY(cm_add_attribute(ent, "standard_order", up)); /* one row says "y" */
	} else {
		DU_TRY(cm_add_attribute(ent, "standard_order", order));
	}
	DU_TRY(cm_add_attribute(ent, "action", du_get(h, row, C_ACTION)));
	DU_TRY(cm_add_attribute(ent, "fr_citation", du_get(h, row, C_FR_CITATION)));
	return cm_add_program(ent, "DPL");
}

static int on_header(dpl_state *st, const csrc_row *row)
{
	DU_TRY(du_header_resolve(&st->header, row, columns, C_COUNT));
	st->have_header = 1;
	st->ctx->stats.rows--; /* rows counts data records, not the header */
	csrc_file_seen(st->ctx, row->path, NULL);
	return 0;
}

static int on_row(const csrc_row *row, void *payload)
{
	dpl_state *st = payload;
	if (!st->have_header)
		return on_header(st, row);
	if (!du_row_usable(st->ctx, &st->header, row, "record"))
		return 0;
	const char *name = du_get(&st->header, row, C_NAME);
	char *norm = name ? du_normalise_name(name) : NULL;
	if (!norm || !*norm) {
		free(norm);
		st->ctx->stats.skipped_rows++;
		csrc_warn(st->ctx, "%s:%lu: record without a name, skipped", row->path, row->line);
		return 0;
	}
	char id[17];
	du_hash_hex(norm, id);
	free(norm);
	cm_entity *ent = du_group_find(&st->group, id);
	if (!ent)
		ent = du_group_create(&st->group, st->ctx->dataset, id,
		                      du_looks_like_org(name) ? CORDON_SCHEMA_ORGANIZATION : CORDON_SCHEMA_UNKNOWN);
	int rc = ent ? add_names(ent, name) : CORDON_ENOMEM;
	if (rc == 0)
		rc = add_address(st, row, ent);
	if (rc == 0)
		rc = add_facts(st, row, ent);
	return rc ? cu_fail(rc, "%s:%lu: out of memory building the entity", row->path, row->line) : 0;
}

int csrc_read_bis_dpl(csrc_ctx *ctx, const char *path)
{
	dpl_state st = {.ctx = ctx};
	csrc_csv_options opts = {.delimiter = '\t', .strip_bom = 1, .single_line = 1};
	du_group_init(&st.group);
	int rc = csrc_csv_read(ctx, path, &opts, on_row, &st);
	if (rc == 0 && !st.have_header)
		rc = cu_fail(CORDON_EPARSE, "%s: empty file, expected a tab-separated header", path);
	else if (rc == 0 && st.group.count == 0)
		rc = cu_fail(CORDON_EPARSE, "%s: no usable records after the header", path);
	if (rc == 0)
		rc = du_group_emit(ctx, &st.group);
	du_group_dispose(&st.group);
	du_header_dispose(&st.header);
	return rc;
}
