/*
 * FCDO UK Sanctions List, CSV download (`UK-Sanctions-List.csv`). See
 * list-formats.md section 10.3.
 *
 * Row 1 is `Report Date: DD-Mon-YYYY` (the file date), row 2 the 58-column
 * header, then one row per name (and address) combination; rows are grouped
 * by `Unique ID` into one entity "<dataset>:<Unique ID>". A file that starts
 * directly with the header is accepted (no file date).
 *
 * `Name 6` is the family name (or the whole name of an entity or ship),
 * `Name 1`-`Name 5` the given names; `Name type` says primary or alias and
 * `Alias strength` "Low quality" marks a weak alias. Multi-valued cells are
 * split on "|" or "(1) ... (2) ..." (du_next_enum).
 */
#include <stdlib.h>
#include <string.h>

#include "model/date.h"
#include "sources/delimited_util.h"
#include "sources/source.h"
#include "util/error.h"
#include "util/strutil.h"

enum {
	C_LAST_UPDATED,
	C_UNIQUE_ID,
	C_OFSI_GROUP_ID,
	C_UN_REFERENCE,
	C_NAME6,
	C_NAME1,
	C_NAME2,
	C_NAME3,
	C_NAME4,
	C_NAME5,
	C_NAME_TYPE,
	C_ALIAS_STRENGTH,
	C_TITLE,
	C_NON_LATIN,
	C_NON_LATIN_TYPE,
	C_NON_LATIN_LANGUAGE,
	C_REGIME,
	C_DESIGNATION_TYPE,
	C_DESIGNATION_SOURCE,
	C_SANCTIONS_IMPOSED,
	C_OTHER_INFORMATION,
	C_ADDRESS1,
	C_ADDRESS2,
	C_ADDRESS3,
	C_ADDRESS4,
	C_ADDRESS5,
	C_ADDRESS6,
	C_POSTCODE,
	C_COUNTRY,
	C_DATE_DESIGNATED,
	C_DOB,
	C_NATIONALITY,
	C_NATIONAL_ID,
	C_NATIONAL_ID_INFO,
	C_PASSPORT,
	C_PASSPORT_INFO,
	C_POSITION,
	C_TOWN_OF_BIRTH,
	C_COUNTRY_OF_BIRTH,
	/* the rest are labelled facts handled by du_uk_fact under their column name */
	C_FIRST_FACT,
	C_COUNT = C_FIRST_FACT + 19
};

static const du_column columns[C_COUNT] = {
	[C_LAST_UPDATED] = {"Last Updated", 0},
	[C_UNIQUE_ID] = {"Unique ID", 1},
	[C_OFSI_GROUP_ID] = {"OFSI Group ID", 0},
	[C_UN_REFERENCE] = {"UN Reference Number", 0},
	[C_NAME6] = {"Name 6", 1},
	[C_NAME1] = {"Name 1", 0},
	[C_NAME2] = {"Name 2", 0},
	[C_NAME3] = {"Name 3", 0},
	[C_NAME4] = {"Name 4", 0},
	[C_NAME5] = {"Name 5", 0},
	[C_NAME_TYPE] = {"Name type", 0},
	[C_ALIAS_STRENGTH] = {"Alias strength", 0},
	[C_TITLE] = {"Title", 0},
	[C_NON_LATIN] = {"Name non-latin script", 0},
	[C_NON_LATIN_TYPE] = {"Non-latin script type", 0},
	[C_NON_LATIN_LANGUAGE] = {"Non-latin script language", 0},
	[C_REGIME] = {"Regime Name", 0},
	[C_DESIGNATION_TYPE] = {"Designation Type", 1},
	[C_DESIGNATION_SOURCE] = {"Designation source", 0},
	[C_SANCTIONS_IMPOSED] = {"Sanctions Imposed", 0},
	[C_OTHER_INFORMATION] = {"Other Information", 0},
	[C_ADDRESS1] = {"Address Line 1", 0},
	[C_ADDRESS2] = {"Address Line 2", 0},
	[C_ADDRESS3] = {"Address Line 3", 0},
	[C_ADDRESS4] = {"Address Line 4", 0},
	[C_ADDRESS5] = {"Address Line 5", 0},
	[C_ADDRESS6] = {"Address Line 6", 0},
	[C_POSTCODE] = {"Address Postal Code", 0},
	[C_COUNTRY] = {"Address Country", 0},
	[C_DATE_DESIGNATED] = {"Date Designated", 0},
	[C_DOB] = {"D.O.B", 0},
	[C_NATIONALITY] = {"Nationality(/ies)", 0},
	[C_NATIONAL_ID] = {"National Identifier number", 0},
	[C_NATIONAL_ID_INFO] = {"National Identifier additional information", 0},
	[C_PASSPORT] = {"Passport number", 0},
	[C_PASSPORT_INFO] = {"Passport additional information", 0},
	[C_POSITION] = {"Position", 0},
	[C_TOWN_OF_BIRTH] = {"Town of birth", 0},
	[C_COUNTRY_OF_BIRTH] = {"Country of birth", 0},
	[C_FIRST_FACT + 0] = {"UK Statement of Reasons", 0},
	[C_FIRST_FACT + 1] = {"Phone number", 0},
	[C_FIRST_FACT + 2] = {"Website", 0},
	[C_FIRST_FACT + 3] = {"Email address", 0},
	[C_FIRST_FACT + 4] = {"Gender", 0},
	[C_FIRST_FACT + 5] = {"Type of entity", 0},
	[C_FIRST_FACT + 6] = {"Subsidiaries", 0},
	[C_FIRST_FACT + 7] = {"Parent company", 0},
	[C_FIRST_FACT + 8] = {"Business registration number (s)", 0},
	[C_FIRST_FACT + 9] = {"IMO number", 0},
	[C_FIRST_FACT + 10] = {"Current owner/operator (s)", 0},
	[C_FIRST_FACT + 11] = {"Previous owner/operator (s)", 0},
	[C_FIRST_FACT + 12] = {"Current believed flag of ship", 0},
	[C_FIRST_FACT + 13] = {"Previous flags", 0},
	[C_FIRST_FACT + 14] = {"Type of ship", 0},
	[C_FIRST_FACT + 15] = {"Tonnage of ship", 0},
	[C_FIRST_FACT + 16] = {"Length of ship", 0},
	[C_FIRST_FACT + 17] = {"Year Built", 0},
	[C_FIRST_FACT + 18] = {"Hull identification number (HIN)", 0},
};

typedef struct {
	csrc_ctx *ctx;
	du_header header;
	int have_header;
	int seen_date_row;
	char file_date[11];
	du_group group;
} sl_state;

#define GET(c) du_get(&st->header, row, (c))

static int add_names(sl_state *st, const csrc_row *row, cm_entity *ent)
{
	const char *name[6] = {GET(C_NAME1), GET(C_NAME2), GET(C_NAME3), GET(C_NAME4), GET(C_NAME5), GET(C_NAME6)};
	DU_TRY(du_uk_add_name(ent, name, du_uk_name_kind(GET(C_NAME_TYPE)), du_uk_weak(GET(C_ALIAS_STRENGTH))));
	return du_uk_add_non_latin(ent, GET(C_NON_LATIN), GET(C_NON_LATIN_TYPE), GET(C_NON_LATIN_LANGUAGE));
}

static int add_person_facts(sl_state *st, const csrc_row *row, cm_entity *ent)
{
	DU_TRY(cm_add_title(ent, GET(C_TITLE)));
	DU_TRY(cm_add_title(ent, GET(C_POSITION)));
	DU_TRY(du_uk_add_birth_dates(ent, GET(C_DOB)));
	DU_TRY(du_uk_add_birth_place(ent, GET(C_TOWN_OF_BIRTH), GET(C_COUNTRY_OF_BIRTH)));
	DU_TRY(du_uk_add_nationalities(ent, GET(C_NATIONALITY)));
	DU_TRY(du_uk_add_identifiers(ent, CORDON_ID_PASSPORT, "Passport number", GET(C_PASSPORT),
	                             GET(C_PASSPORT_INFO)));
	return du_uk_add_identifiers(ent, CORDON_ID_NATIONAL_ID, "National Identifier number", GET(C_NATIONAL_ID),
	                             GET(C_NATIONAL_ID_INFO));
}

static int add_listing(sl_state *st, const csrc_row *row, cm_entity *ent)
{
	DU_TRY(cm_add_program(ent, GET(C_REGIME)));
	const char *designated = GET(C_DATE_DESIGNATED);
	if (designated) {
		cordon_date d;
		du_parse_date(designated, 0, &d);
		DU_TRY(du_keep_earliest_listing(ent, &d));
	}
	DU_TRY(du_add_date_attribute(ent, "last_updated", GET(C_LAST_UPDATED), 0));
	DU_TRY(cm_add_attribute(ent, "ofsi_group_id", GET(C_OFSI_GROUP_ID)));
	DU_TRY(cm_add_attribute(ent, "un_reference_number", GET(C_UN_REFERENCE)));
	DU_TRY(cm_add_attribute(ent, "designation_source", GET(C_DESIGNATION_SOURCE)));
	const char *imposed = GET(C_SANCTIONS_IMPOSED);
	if (imposed) {
		char *copy = cu_strdup(imposed), *cur = copy;
		int rc = copy ? 0 : CORDON_ENOMEM;
		for (char *item; rc == 0 && (item = du_next_enum(&cur)) != NULL;)
			rc = cm_add_attribute(ent, "sanctions_imposed", item);
		free(copy);
		DU_TRY(rc);
	}
	if (!ent->e.remarks)
		DU_TRY(cm_set_remarks(ent, GET(C_OTHER_INFORMATION)));
	return 0;
}

static int fill(sl_state *st, const csrc_row *row, cm_entity *ent)
{
	DU_TRY(add_names(st, row, ent));
	DU_TRY(add_person_facts(st, row, ent));
	const char *lines[6] = {GET(C_ADDRESS1), GET(C_ADDRESS2), GET(C_ADDRESS3),
	                        GET(C_ADDRESS4), GET(C_ADDRESS5), GET(C_ADDRESS6)};
	DU_TRY(du_uk_add_address(ent, lines, GET(C_POSTCODE), GET(C_COUNTRY)));
	DU_TRY(add_listing(st, row, ent));
	for (int c = C_FIRST_FACT; c < C_COUNT; c++)
		DU_TRY(du_uk_fact(ent, columns[c].name, GET(c)));
	return 0;
}

/* "28-Jan-2026" -> "2026-01-28"; 0 or CORDON_EPARSE. */
static int parse_report_date(const char *s, char out[11])
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	unsigned long long day, year;
	const char *dash1 = strchr(s, '-'), *dash2 = dash1 ? strchr(dash1 + 1, '-') : NULL;
	if (!dash2 || dash2 - dash1 != 4 || cu_parse_uint(s, (size_t)(dash1 - s), 31, &day) != 0 ||
	    cu_parse_uint(dash2 + 1, strlen(dash2 + 1), 9999, &year) != 0 || day == 0 || year < 1900)
		return CORDON_EPARSE;
	for (int m = 0; m < 12; m++)
		if (cu_ascii_ncasecmp(dash1 + 1, months + 3 * m, 3) == 0) {
			if ((int)day > cm_days_in_month((int)year, m + 1))
				return CORDON_EPARSE;
			cordon_date d;
			cm_date_set(&d, (int)year, m + 1, (int)day);
			cm_date_format(&d, out, 11);
			return 0;
		}
	return CORDON_EPARSE;
}

/* "Report Date: 28-Jan-2026" (the date may also sit in the second field). */
static int on_date_row(sl_state *st, const csrc_row *row)
{
	char *text = du_trim(row->fields[0]) + strlen("Report Date");
	while (*text == ':' || *text == ' ')
		text++;
	if (!*text && row->count > 1)
		text = du_trim(row->fields[1]);
	st->seen_date_row = 1;
	st->ctx->stats.rows--; /* not a data record */
	if (parse_report_date(text, st->file_date) != 0) {
		st->file_date[0] = '\0';
		csrc_warn(st->ctx, "%s:%lu: cannot read the report date \"%s\"", row->path, row->line, text);
	}
	return 0;
}

static int on_header(sl_state *st, const csrc_row *row)
{
	DU_TRY(du_header_resolve(&st->header, row, columns, C_COUNT));
	st->have_header = 1;
	st->ctx->stats.rows--; /* not a data record */
	csrc_file_seen(st->ctx, row->path, st->file_date[0] ? st->file_date : NULL);
	return 0;
}

static int on_row(const csrc_row *row, void *payload)
{
	sl_state *st = payload;
	if (!st->have_header) {
		if (!st->seen_date_row && row->count && cu_starts_with_ci(du_trim(row->fields[0]), "Report Date"))
			return on_date_row(st, row);
		return on_header(st, row);
	}
	if (!du_row_usable(st->ctx, &st->header, row, "record"))
		return 0;
	const char *id = GET(C_UNIQUE_ID);
	if (!du_id_usable(st->ctx, row, id, "Unique ID", 64))
		return 0;
	cm_entity *ent = du_group_find(&st->group, id);
	if (!ent)
		ent = du_group_create(&st->group, st->ctx->dataset, id, du_uk_schema(GET(C_DESIGNATION_TYPE)));
	int rc = ent ? fill(st, row, ent) : CORDON_ENOMEM;
	return rc ? cu_fail(rc, "%s:%lu: out of memory building the entity", row->path, row->line) : 0;
}

int csrc_read_uk_sl(csrc_ctx *ctx, const char *path)
{
	sl_state st = {.ctx = ctx};
	csrc_csv_options opts = {.delimiter = ',', .strip_bom = 1};
	du_group_init(&st.group);
	int rc = csrc_csv_read(ctx, path, &opts, on_row, &st);
	if (rc == 0 && !st.have_header)
		rc = cu_fail(CORDON_EPARSE, "%s: %s", path,
		             st.seen_date_row ? "no header after the report date row"
		                              : "empty file, expected a CSV header");
	else if (rc == 0 && st.group.count == 0)
		rc = cu_fail(CORDON_EPARSE, "%s: no usable records after the header", path);
	if (rc == 0)
		rc = du_group_emit(ctx, &st.group);
	du_group_dispose(&st.group);
	du_header_dispose(&st.header);
	return rc;
}
