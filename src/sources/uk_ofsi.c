/*
 * UK OFSI Consolidated List, `ConList.csv` (retired January 2026; read for
 * historical files). See list-formats.md section 10.2.
 *
 * Row 1 is `Last Updated,DD/MM/YYYY` (the file date), row 2 the 36-column
 * header, then one row per name variant, the other columns repeated; rows
 * are grouped by `Group ID` into one entity "<dataset>:<Group ID>". A file
 * that starts directly with the header is accepted (no file date).
 *
 * `Name 6` is the family name (or the whole name of an entity or ship),
 * `Name 1`-`Name 5` the given names; `Alias Type` says primary or alias and
 * `Alias Quality` "Low" marks a weak alias. `Other Information` is kept as
 * remarks and its "(Label):value" items (UK Sanctions List Ref, phone,
 * e-mail, website, Business Reg No, IMO number, ...) become identifiers,
 * relations and attributes.
 */
#include <stdlib.h>
#include <string.h>

#include "model/country.h"
#include "model/date.h"
#include "sources/delimited_util.h"
#include "sources/source.h"
#include "util/error.h"
#include "util/strutil.h"

enum {
	C_NAME1,
	C_NAME2,
	C_NAME3,
	C_NAME4,
	C_NAME5,
	C_NAME6,
	C_TITLE,
	C_NON_LATIN,
	C_NON_LATIN_TYPE,
	C_NON_LATIN_LANGUAGE,
	C_DOB,
	C_TOWN_OF_BIRTH,
	C_COUNTRY_OF_BIRTH,
	C_NATIONALITY,
	C_PASSPORT_NUMBER,
	C_PASSPORT_DETAILS,
	C_NATIONAL_ID_NUMBER,
	C_NATIONAL_ID_DETAILS,
	C_POSITION,
	C_ADDRESS1,
	C_ADDRESS2,
	C_ADDRESS3,
	C_ADDRESS4,
	C_ADDRESS5,
	C_ADDRESS6,
	C_POSTCODE,
	C_COUNTRY,
	C_OTHER_INFORMATION,
	C_GROUP_TYPE,
	C_ALIAS_TYPE,
	C_ALIAS_QUALITY,
	C_REGIME,
	C_LISTED_ON,
	C_DATE_DESIGNATED,
	C_LAST_UPDATED,
	C_GROUP_ID,
	C_COUNT
};

static const du_column columns[C_COUNT] = {
	[C_NAME1] = {"Name 1", 0},
	[C_NAME2] = {"Name 2", 0},
	[C_NAME3] = {"Name 3", 0},
	[C_NAME4] = {"Name 4", 0},
	[C_NAME5] = {"Name 5", 0},
	[C_NAME6] = {"Name 6", 1},
	[C_TITLE] = {"Title", 0},
	[C_NON_LATIN] = {"Name Non-Latin Script", 0},
	[C_NON_LATIN_TYPE] = {"Non-Latin Script Type", 0},
	[C_NON_LATIN_LANGUAGE] = {"Non-Latin Script Language", 0},
	[C_DOB] = {"DOB", 0},
	[C_TOWN_OF_BIRTH] = {"Town of Birth", 0},
	[C_COUNTRY_OF_BIRTH] = {"Country of Birth", 0},
	[C_NATIONALITY] = {"Nationality", 0},
	[C_PASSPORT_NUMBER] = {"Passport Number", 0},
	[C_PASSPORT_DETAILS] = {"Passport Details", 0},
	[C_NATIONAL_ID_NUMBER] = {"National Identification Number", 0},
	[C_NATIONAL_ID_DETAILS] = {"National Identification Details", 0},
	[C_POSITION] = {"Position", 0},
	[C_ADDRESS1] = {"Address 1", 0},
	[C_ADDRESS2] = {"Address 2", 0},
	[C_ADDRESS3] = {"Address 3", 0},
	[C_ADDRESS4] = {"Address 4", 0},
	[C_ADDRESS5] = {"Address 5", 0},
	[C_ADDRESS6] = {"Address 6", 0},
	[C_POSTCODE] = {"Post/Zip Code", 0},
	[C_COUNTRY] = {"Country", 0},
	[C_OTHER_INFORMATION] = {"Other Information", 0},
	[C_GROUP_TYPE] = {"Group Type", 1},
	[C_ALIAS_TYPE] = {"Alias Type", 0},
	[C_ALIAS_QUALITY] = {"Alias Quality", 0},
	[C_REGIME] = {"Regime", 0},
	[C_LISTED_ON] = {"Listed On", 0},
	[C_DATE_DESIGNATED] = {"UK Sanctions List Date Designated", 0},
	[C_LAST_UPDATED] = {"Last Updated", 0},
	[C_GROUP_ID] = {"Group ID", 1},
};

typedef struct {
	csrc_ctx *ctx;
	du_header header;
	int have_header;
	int seen_date_row;
	char file_date[11];
	du_group group;
} ofsi_state;

#define GET(c) du_get(&st->header, row, (c))

static int add_names(ofsi_state *st, const csrc_row *row, cm_entity *ent)
{
	const char *name[6] = {GET(C_NAME1), GET(C_NAME2), GET(C_NAME3), GET(C_NAME4), GET(C_NAME5), GET(C_NAME6)};
	DU_TRY(du_uk_add_name(ent, name, du_uk_name_kind(GET(C_ALIAS_TYPE)), du_uk_weak(GET(C_ALIAS_QUALITY))));
	return du_uk_add_non_latin(ent, GET(C_NON_LATIN), GET(C_NON_LATIN_TYPE), GET(C_NON_LATIN_LANGUAGE));
}

static int add_address(ofsi_state *st, const csrc_row *row, cm_entity *ent)
{
	const char *lines[6] = {GET(C_ADDRESS1), GET(C_ADDRESS2), GET(C_ADDRESS3),
	                        GET(C_ADDRESS4), GET(C_ADDRESS5), GET(C_ADDRESS6)};
	return du_uk_add_address(ent, lines, GET(C_POSTCODE), GET(C_COUNTRY));
}

/* The "(" opening the label whose ")" is at close, searching back no further than start. */
static char *label_open(char *start, char *close)
{
	int depth = 0;
	for (char *q = close; q >= start; q--) {
		if (*q == ')')
			depth++;
		else if (*q == '(' && --depth == 0)
			return q;
	}
	return NULL;
}

static int add_other_item(cm_entity *ent, char *label, char *value)
{
	label = du_trim(label);
	value = du_trim(value);
	size_t n = strlen(value);
	if (!strchr(value, ' '))
		while (n && value[n - 1] == '.') /* "RUS0999." ends a sentence */
			value[--n] = '\0';
	return du_uk_fact(ent, label, n ? value : NULL);
}

/*
 * "(UK Sanctions List Ref):RUS0999. (UK Statement of Reasons):... (Phone number):(1) ... (2) ...":
 * a label is the parenthesis (which may nest, "(Current owner/operator (s))") right before a colon;
 * its value runs to the next label. Text before the first label is only kept in the remarks.
 */
static int add_other_information(cm_entity *ent, const char *text)
{
	char *copy = cu_strdup(text);
	if (!copy)
		return CORDON_ENOMEM;
	char *label = NULL, *value = NULL;
	int rc = 0;
	for (char *p = copy; rc == 0; p++) {
		char *open = (*p == ')' && p[1] == ':') ? label_open(value ? value : copy, p) : NULL;
		if (*p && !open)
			continue;
		if (label) { /* the previous value ends where this label, or the text, starts */
			char *end = open ? open : p, saved = *end;
			*end = '\0';
			rc = add_other_item(ent, label, value);
			*end = saved;
		}
		if (!*p)
			break;
		*p = '\0';
		label = open + 1;
		value = p + 2;
		p++; /* the colon */
	}
	free(copy);
	return rc;
}

static int add_facts(ofsi_state *st, const csrc_row *row, cm_entity *ent)
{
	cordon_date d;
	DU_TRY(cm_add_title(ent, GET(C_TITLE)));
	DU_TRY(cm_add_title(ent, GET(C_POSITION)));
	DU_TRY(du_uk_add_birth_dates(ent, GET(C_DOB)));
	DU_TRY(du_uk_add_birth_place(ent, GET(C_TOWN_OF_BIRTH), GET(C_COUNTRY_OF_BIRTH)));
	DU_TRY(du_uk_add_nationalities(ent, GET(C_NATIONALITY)));
	DU_TRY(du_uk_add_identifiers(ent, CORDON_ID_PASSPORT, "Passport Number", GET(C_PASSPORT_NUMBER),
	                             GET(C_PASSPORT_DETAILS)));
	DU_TRY(du_uk_add_identifiers(ent, CORDON_ID_NATIONAL_ID, "National Identification Number",
	                             GET(C_NATIONAL_ID_NUMBER), GET(C_NATIONAL_ID_DETAILS)));
	DU_TRY(add_address(st, row, ent));
	const char *other = GET(C_OTHER_INFORMATION);
	if (other && !ent->e.remarks) {
		DU_TRY(cm_set_remarks(ent, other));
		DU_TRY(add_other_information(ent, other));
	}
	DU_TRY(cm_add_program(ent, GET(C_REGIME)));
	const char *listed = GET(C_LISTED_ON);
	if (listed) {
		du_parse_date(listed, 0, &d);
		DU_TRY(du_keep_earliest_listing(ent, &d));
	}
	DU_TRY(du_add_date_attribute(ent, "uk_date_designated", GET(C_DATE_DESIGNATED), 0));
	return du_add_date_attribute(ent, "last_updated", GET(C_LAST_UPDATED), 0);
}

/* "Last Updated,28/01/2026": the file's date as "2026-01-28". */
static int on_date_row(ofsi_state *st, const csrc_row *row)
{
	cordon_date d;
	const char *value = row->count > 1 ? du_trim(row->fields[1]) : "";
	st->seen_date_row = 1;
	st->ctx->stats.rows--; /* not a data record */
	if (du_parse_date(value, 0, &d) == 0 && d.precision == CORDON_DATE_DAY)
		cm_date_format(&d, st->file_date, sizeof(st->file_date));
	else
		csrc_warn(st->ctx, "%s:%lu: cannot read the file date \"%s\"", row->path, row->line, value);
	return 0;
}

static int on_header(ofsi_state *st, const csrc_row *row)
{
	DU_TRY(du_header_resolve(&st->header, row, columns, C_COUNT));
	st->have_header = 1;
	st->ctx->stats.rows--; /* not a data record */
	csrc_file_seen(st->ctx, row->path, st->file_date[0] ? st->file_date : NULL);
	return 0;
}

static int on_row(const csrc_row *row, void *payload)
{
	ofsi_state *st = payload;
	if (!st->have_header) {
		if (!st->seen_date_row && row->count && cu_starts_with_ci(du_trim(row->fields[0]), "Last Updated") &&
		    csrc_csv_column(row, "Group ID") < 0)
			return on_date_row(st, row);
		return on_header(st, row);
	}
	if (!du_row_usable(st->ctx, &st->header, row, "record"))
		return 0;
	const char *group_id = GET(C_GROUP_ID);
	if (!du_id_usable(st->ctx, row, group_id, "Group ID", 64))
		return 0;
	cm_entity *ent = du_group_find(&st->group, group_id);
	if (!ent)
		ent = du_group_create(&st->group, st->ctx->dataset, group_id, du_uk_schema(GET(C_GROUP_TYPE)));
	int rc = ent ? add_names(st, row, ent) : CORDON_ENOMEM;
	if (rc == 0)
		rc = add_facts(st, row, ent);
	return rc ? cu_fail(rc, "%s:%lu: out of memory building the entity", row->path, row->line) : 0;
}

int csrc_read_uk_ofsi(csrc_ctx *ctx, const char *path)
{
	ofsi_state st = {.ctx = ctx};
	csrc_csv_options opts = {.delimiter = ',', .strip_bom = 1};
	du_group_init(&st.group);
	int rc = csrc_csv_read(ctx, path, &opts, on_row, &st);
	if (rc == 0 && !st.have_header)
		rc = cu_fail(CORDON_EPARSE, "%s: %s", path,
		             st.seen_date_row ? "no header after the date row" : "empty file, expected a CSV header");
	else if (rc == 0 && st.group.count == 0)
		rc = cu_fail(CORDON_EPARSE, "%s: no usable records after the header", path);
	if (rc == 0)
		rc = du_group_emit(ctx, &st.group);
	du_group_dispose(&st.group);
	du_header_dispose(&st.header);
	return rc;
}
