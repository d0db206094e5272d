/*
 * trade.gov Consolidated Screening List CSV, both published layouts: the
 * older 28-column file and the current one with a leading `_id` column.
 * Columns are selected by header name. See list-formats.md section 4.
 *
 * Ids: "<dataset>:<_id>" when the file has `_id`; otherwise a stable hash
 * (cu_hash64, 16 hex digits) of "source|entity_number|name". Rows with the
 * same id (the Entity List repeats a party once per address block) are merged
 * into one entity, so entities are emitted after the whole file is read.
 *
 * Schema: from `type`; where it is empty (BIS and State rows) the entity is
 * an organization when its name carries a legal-form or institution word
 * (du_looks_like_org), else unknown — people on those lists are not flagged
 * and guessing "person" from a name is left to the matcher.
 */
#include <stdlib.h>
#include <string.h>

#include "model/country.h"
#include "model/date.h"
#include "model/idkind.h"
#include "sources/delimited_util.h"
#include "sources/source.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strutil.h"

enum {
	C_ID,
	C_SOURCE,
	C_ENTITY_NUMBER,
	C_TYPE,
	C_PROGRAMS,
	C_NAME,
	C_TITLE,
	C_ADDRESSES,
	C_FR_NOTICE,
	C_START_DATE,
	C_END_DATE,
	C_STANDARD_ORDER,
	C_LICENSE_REQUIREMENT,
	C_LICENSE_POLICY,
	C_CALL_SIGN,
	C_VESSEL_TYPE,
	C_GROSS_TONNAGE,
	C_GROSS_REGISTERED_TONNAGE,
	C_VESSEL_FLAG,
	C_VESSEL_OWNER,
	C_REMARKS,
	C_SOURCE_LIST_URL,
	C_ALT_NAMES,
	C_CITIZENSHIPS,
	C_DATES_OF_BIRTH,
	C_NATIONALITIES,
	C_PLACES_OF_BIRTH,
	C_SOURCE_INFORMATION_URL,
	C_IDS,
	C_COUNT
};

static const du_column columns[C_COUNT] = {
	[C_ID] = {"_id", 0},
	[C_SOURCE] = {"source", 1},
	[C_ENTITY_NUMBER] = {"entity_number", 0},
	[C_TYPE] = {"type", 1},
	[C_PROGRAMS] = {"programs", 0},
	[C_NAME] = {"name", 1},
	[C_TITLE] = {"title", 0},
	[C_ADDRESSES] = {"addresses", 0},
	[C_FR_NOTICE] = {"federal_register_notice", 0},
	[C_START_DATE] = {"start_date", 0},
	[C_END_DATE] = {"end_date", 0},
	[C_STANDARD_ORDER] = {"standard_order", 0},
	[C_LICENSE_REQUIREMENT] = {"license_requirement", 0},
	[C_LICENSE_POLICY] = {"license_policy", 0},
	[C_CALL_SIGN] = {"call_sign", 0},
	[C_VESSEL_TYPE] = {"vessel_type", 0},
	[C_GROSS_TONNAGE] = {"gross_tonnage", 0},
	[C_GROSS_REGISTERED_TONNAGE] = {"gross_registered_tonnage", 0},
	[C_VESSEL_FLAG] = {"vessel_flag", 0},
	[C_VESSEL_OWNER] = {"vessel_owner", 0},
	[C_REMARKS] = {"remarks", 0},
	[C_SOURCE_LIST_URL] = {"source_list_url", 0},
	[C_ALT_NAMES] = {"alt_names", 0},
	[C_CITIZENSHIPS] = {"citizenships", 0},
	[C_DATES_OF_BIRTH] = {"dates_of_birth", 0},
	[C_NATIONALITIES] = {"nationalities", 0},
	[C_PLACES_OF_BIRTH] = {"places_of_birth", 0},
	[C_SOURCE_INFORMATION_URL] = {"source_information_url", 0},
	[C_IDS] = {"ids", 0},
};

/* Columns whose value is kept as an attribute of the same name. */
static const int plain_attributes[] = {
	C_ENTITY_NUMBER,  C_FR_NOTICE,   C_STANDARD_ORDER, C_LICENSE_REQUIREMENT, C_LICENSE_POLICY,
	C_VESSEL_TYPE,    C_GROSS_TONNAGE, C_GROSS_REGISTERED_TONNAGE, C_VESSEL_FLAG, C_VESSEL_OWNER,
	C_SOURCE_INFORMATION_URL,
};

typedef struct {
	csrc_ctx *ctx;
	du_header header;
	int have_header;
	int current_layout; /* `_id` present: ids are "TYPE, NUMBER[, COUNTRY]" */
	du_group group;
	cu_buf scratch;
} csl_state;

/* A mutable copy of a cell for splitting; NULL when the cell is empty. */
static char *cell_copy(const csl_state *st, const csrc_row *row, int c)
{
	const char *v = du_get(&st->header, row, c);
	return v ? cu_strdup(v) : NULL;
}

static cordon_schema schema_for(const char *type, const char *name)
{
	if (!type)
		return du_looks_like_org(name) ? CORDON_SCHEMA_ORGANIZATION : CORDON_SCHEMA_UNKNOWN;
	if (cu_ascii_casecmp(type, "Individual") == 0)
		return CORDON_SCHEMA_PERSON;
	if (cu_ascii_casecmp(type, "Entity") == 0)
		return CORDON_SCHEMA_ORGANIZATION;
	if (cu_ascii_casecmp(type, "Vessel") == 0)
		return CORDON_SCHEMA_VESSEL;
	if (cu_ascii_casecmp(type, "Aircraft") == 0)
		return CORDON_SCHEMA_AIRCRAFT;
	return CORDON_SCHEMA_UNKNOWN;
}

/* Adds a name, split "LAST, First" when the row is a Treasury individual. */
static int add_name(cm_entity *ent, cordon_name_kind kind, const char *name, int split)
{
	const char *comma = split ? strstr(name, ", ") : NULL;
	if (!comma || comma == name)
		return cm_add_name(ent, kind, 0, name, NULL, NULL, NULL);
	char *family = cu_strndup(name, (size_t)(comma - name));
	if (!family)
		return CORDON_ENOMEM;
	int rc = cm_add_name(ent, kind, 0, name, comma + 2, family, NULL);
	free(family);
	return rc;
}

static int add_names(csl_state *st, const csrc_row *row, cm_entity *ent, int split)
{
	const char *name = du_get(&st->header, row, C_NAME);
	DU_TRY(add_name(ent, CORDON_NAME_PRIMARY, name, split));
	/* "Sinobright ...; and any successor, sub-unit, or subsidiary thereof": the bare name is an alias */
	const char *qual = strstr(name, "; ");
	if (qual) {
		char *bare = cu_strndup(name, (size_t)(qual - name));
		int rc = bare ? cm_add_name(ent, CORDON_NAME_AKA, 0, bare, NULL, NULL, NULL) : CORDON_ENOMEM;
		free(bare);
		DU_TRY(rc);
	}
	char *alts = cell_copy(st, row, C_ALT_NAMES), *cur = alts;
	int rc = 0;
	for (char *item; rc == 0 && (item = du_next_item(&cur, "; ")) != NULL;) {
		int sentence = 0;
		if (cu_starts_with_ci(item, "and ")) {
			item = du_trim(item + 4);
			sentence = 1;
		}
		/* "...; and Shijiazhuang ... Institute.": the period ends the sentence, not an abbreviation */
		size_t n = strlen(item);
		if (sentence && n > 1 && item[n - 1] == '.')
			item[n - 1] = '\0';
		rc = add_name(ent, CORDON_NAME_AKA, item, split);
	}
	free(alts);
	return rc;
}

static int looks_postal(const char *s)
{
	size_t n = strlen(s);
	int digit = 0;
	if (n < 2 || n > 10)
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digit = 1;
		else if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == ' ' || *p == '-'))
			return 0;
	}
	return digit;
}

static int two_upper(const char *s)
{
	return s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] == '\0';
}

#define MAX_PARTS 64

/*
 * "street, city, [state,] [postal,] CC": the country code is last; a short
 * token with a digit before it is the postal code, a two-letter code before
 * that the region (US, CA, AU style; spelled-out states such as "Quebec" end
 * up as the city, as the format cannot tell them apart), the next one back
 * the city, the rest the street. The published text is always kept in `full`.
 */
static int add_address(cm_entity *ent, char *item)
{
	cordon_address a = {.full = item};
	char *copy = cu_strdup(item), *cur = copy, *parts[MAX_PARTS];
	size_t n = 0;
	if (!copy)
		return CORDON_ENOMEM;
	for (char *p; n < MAX_PARTS && (p = du_next_item(&cur, ",")) != NULL;)
		parts[n++] = p;
	if (cur || n == 0) { /* too many parts to make sense of: keep the text only */
		free(copy);
		return cm_add_address(ent, &a);
	}
	if (two_upper(parts[n - 1]) ? cm_country_valid(parts[n - 1]) : cm_country_code(parts[n - 1]) != NULL)
		a.country = cm_country_code(parts[--n]); /* "..., CN" or, in a few rows, "..., China" */
	const char *spelled = a.country && n > 1 ? cm_country_code(parts[n - 1]) : NULL;
	if (spelled && strcmp(spelled, a.country) == 0)
		n--; /* "Yerevan, Armenia, AM": the country spelled out */
	if (n >= 2 && looks_postal(parts[n - 1]))
		a.postal_code = parts[--n];
	if (n >= 2 && two_upper(parts[n - 1]))
		a.region = parts[--n];
	if (n >= 1)
		a.city = parts[--n];
	/* the street is what is left, joined again */
	char *street = NULL;
	if (n >= 1) {
		size_t len = 0;
		street = malloc(2 * strlen(item) + 1);
		for (size_t i = 0; street && i < n; i++) {
			size_t pl = strlen(parts[i]);
			if (i) {
				memcpy(street + len, ", ", 2);
				len += 2;
			}
			memcpy(street + len, parts[i], pl);
			len += pl;
		}
		if (street)
			street[len] = '\0';
		a.street = street;
	}
	int rc = cm_add_address(ent, &a);
	free(street);
	free(copy);
	return rc;
}

static int add_addresses(csl_state *st, const csrc_row *row, cm_entity *ent)
{
	char *cell = cell_copy(st, row, C_ADDRESSES), *cur = cell;
	int rc = 0;
	for (char *item; rc == 0 && (item = du_next_item(&cur, "; ")) != NULL;) {
		if (cu_starts_with_ci(item, "and "))
			item = du_trim(item + 4);
		rc = add_address(ent, item);
	}
	free(cell);
	return rc;
}

/* Labels in `ids` that carry no identifier but a fact (OFAC remarks re-packaged). */
static int fact_label(const char *s)
{
	static const char *const facts[] = {"gender", "former vessel flag", "vessel flag", "target type",
	                                    "vessel year of build", "nationality of registration"};
	size_t n = strlen(s);
	if (n && (s[n - 1] == ':' || s[n - 1] == '-'))
		return 1;
	for (size_t i = 0; i < sizeof(facts) / sizeof(*facts); i++)
		if (cu_ascii_casecmp(s, facts[i]) == 0)
			return 1;
	return 0;
}

static int known_label(const char *s)
{
	return cm_is_identifier_label(s) || fact_label(s);
}

/* Splits "CC, rest" (older layout) or "rest, CC" (current layout) when CC is an ISO-2 code. */
static const char *take_country(char **value, int at_end)
{
	char *v = *value;
	if (!at_end) {
		if (strlen(v) > 4 && v[2] == ',' && v[3] == ' ' && v[0] >= 'A' && v[0] <= 'Z' && v[1] >= 'A' &&
		    v[1] <= 'Z') {
			v[2] = '\0';
			if (cm_country_valid(v)) {
				*value = v + 4;
				return cm_country_code(v);
			}
			v[2] = ',';
		}
		return NULL;
	}
	char *comma = strrchr(v, ',');
	if (!comma || comma[1] != ' ' || !two_upper(comma + 2) || !cm_country_valid(comma + 2))
		return NULL;
	*comma = '\0';
	return cm_country_code(comma + 2);
}

static int add_id_fact(cm_entity *ent, const char *label, const char *value)
{
	if (cu_ascii_casecmp(label, "Gender") == 0)
		return cm_set_gender(ent, value);
	return du_add_label_attribute(ent, label, value ? value : label);
}

/*
 * One `ids` item. Older layout: "COUNTRY, NUMBER, TYPE" or "NUMBER, TYPE";
 * current layout: "TYPE, NUMBER[, COUNTRY]". Values may contain commas, so
 * the label is the first (current) or last (older) comma part, checked
 * against the known labels; if only the other end is a label, that wins.
 */
static int add_id_item(cm_entity *ent, char *item, int current)
{
	char *first = strstr(item, ", ");
	if (!first)
		return cm_add_attribute(ent, "ids_text", item);
	char *last = first;
	for (char *p = strstr(first + 2, ", "); p; p = strstr(p + 2, ", "))
		last = p;
	*first = '\0';
	int head_known = known_label(item);
	*first = ',';
	int tail_known = known_label(last + 2);
	int label_first = current ? (head_known || !tail_known) : (head_known && !tail_known);
	char *label, *value;
	if (label_first) {
		*first = '\0';
		label = du_trim(item);
		value = du_trim(first + 2);
	} else {
		*last = '\0';
		label = du_trim(last + 2);
		value = du_trim(item);
	}
	if (!cm_is_identifier_label(label))
		return add_id_fact(ent, label, value);
	const char *country = take_country(&value, label_first);
	cordon_id_kind kind = cm_id_kind_from_label(label);
	if (kind == CORDON_ID_IMO && cu_starts_with_ci(value, "IMO "))
		value = du_trim(value + 4);
	return cm_add_identifier(ent, kind, label, value, country, NULL);
}

static int add_ids(csl_state *st, const csrc_row *row, cm_entity *ent)
{
	char *cell = cell_copy(st, row, C_IDS), *cur = cell;
	int rc = 0;
	for (char *item; rc == 0 && (item = du_next_item(&cur, "; ")) != NULL;)
		rc = add_id_item(ent, item, st->current_layout);
	free(cell);
	return rc;
}

/* Citizenship or nationality codes; text that is no country goes to an attribute. */
static int add_countries(csl_state *st, const csrc_row *row, cm_entity *ent, int c, int nationality)
{
	char *cell = cell_copy(st, row, c), *cur = cell;
	int rc = 0;
	for (char *item; rc == 0 && (item = du_next_item(&cur, "; ")) != NULL;) {
		const char *code = cm_country_code(item);
		if (!code)
			rc = cm_add_attribute(ent, nationality ? "nationality_text" : "citizenship_text", item);
		else
			rc = nationality ? cm_add_nationality(ent, code) : cm_add_citizenship(ent, code);
	}
	free(cell);
	return rc;
}

static int add_birth(csl_state *st, const csrc_row *row, cm_entity *ent)
{
	char *cell = cell_copy(st, row, C_DATES_OF_BIRTH), *cur = cell;
	int rc = 0;
	for (char *item; rc == 0 && (item = du_next_item(&cur, "; ")) != NULL;) {
		cordon_date d;
		du_parse_date(item, 1, &d);
		rc = cm_add_birth_date(ent, &d);
	}
	free(cell);
	cell = cell_copy(st, row, C_PLACES_OF_BIRTH);
	cur = cell;
	for (char *item; rc == 0 && (item = du_next_item(&cur, "; ")) != NULL;)
		rc = cm_add_birth_place(ent, item);
	free(cell);
	return rc;
}

/* "(Linked To: YUSONG SHIPPING CO)" in remarks becomes a relation. */
static int add_remarks(csl_state *st, const csrc_row *row, cm_entity *ent)
{
	const char *remarks = du_get(&st->header, row, C_REMARKS);
	if (!remarks)
		return 0;
	if (!ent->e.remarks)
		DU_TRY(cm_set_remarks(ent, remarks));
	for (const char *p = remarks; (p = cu_ascii_strcasestr(p, "(Linked To:")) != NULL;) {
		p += 11;
		const char *end = strchr(p, ')');
		if (!end)
			break;
		char *target = cu_strndup(p, (size_t)(end - p));
		int rc = target ? cm_add_relation(ent, "linked_to", target) : CORDON_ENOMEM;
		free(target);
		DU_TRY(rc);
	}
	return 0;
}

/* "Entity List (EL) - Bureau of Industry and Security" -> "EL". */
static int add_source(cm_entity *ent, const char *source)
{
	DU_TRY(cm_add_attribute(ent, "source_list", source));
	for (const char *open = strchr(source, '('); open; open = strchr(open + 1, '(')) {
		const char *close = strchr(open, ')');
		size_t n = close ? (size_t)(close - open - 1) : 0;
		int code = n >= 2 && n <= 10;
		for (size_t i = 1; code && i <= n; i++)
			code = (open[i] >= 'A' && open[i] <= 'Z') || (open[i] >= '0' && open[i] <= '9');
		if (code) {
			char buf[16];
			memcpy(buf, open + 1, n);
			buf[n] = '\0';
			return cm_add_attribute(ent, "list_code", buf);
		}
	}
	return 0;
}

static int add_dates(csl_state *st, const csrc_row *row, cm_entity *ent)
{
	const char *start = du_get(&st->header, row, C_START_DATE);
	cordon_date d;
	if (start) {
		du_parse_date(start, 1, &d);
		/* rows merged into one entity: the earliest listing date stands */
		DU_TRY(du_keep_earliest_listing(ent, &d));
	}
	return du_add_date_attribute(ent, "end_date", du_get(&st->header, row, C_END_DATE), 1);
}

static int add_vessel(csl_state *st, const csrc_row *row, cm_entity *ent)
{
	DU_TRY(cm_add_identifier(ent, CORDON_ID_CALL_SIGN, "Call Sign", du_get(&st->header, row, C_CALL_SIGN), NULL,
	                         NULL));
	const char *flag = du_get(&st->header, row, C_VESSEL_FLAG);
	if (flag && cm_country_code(flag))
		DU_TRY(cm_add_country(ent, cm_country_code(flag)));
	return cm_add_relation(ent, "owner", du_get(&st->header, row, C_VESSEL_OWNER));
}

static int fill(csl_state *st, const csrc_row *row, cm_entity *ent)
{
	const du_header *h = &st->header;
	const char *source = du_get(h, row, C_SOURCE), *type = du_get(h, row, C_TYPE);
	int split = ent->e.schema == CORDON_SCHEMA_PERSON && source && cu_ascii_strcasestr(source, "Treasury");
	DU_TRY(add_names(st, row, ent, split));
	if (source)
		DU_TRY(add_source(ent, source));
	if (type && schema_for(type, "") == CORDON_SCHEMA_UNKNOWN)
		DU_TRY(cm_add_attribute(ent, "type", type));
	DU_TRY(cm_add_title(ent, du_get(h, row, C_TITLE)));
	char *programs = cell_copy(st, row, C_PROGRAMS), *cur = programs;
	int rc = 0;
	for (char *p; rc == 0 && (p = du_next_item(&cur, "; ")) != NULL;)
		rc = cm_add_program(ent, p);
	free(programs);
	DU_TRY(rc);
	DU_TRY(add_addresses(st, row, ent));
	DU_TRY(add_ids(st, row, ent));
	DU_TRY(add_countries(st, row, ent, C_CITIZENSHIPS, 0));
	DU_TRY(add_countries(st, row, ent, C_NATIONALITIES, 1));
	DU_TRY(add_birth(st, row, ent));
	DU_TRY(add_remarks(st, row, ent));
	DU_TRY(add_dates(st, row, ent));
	DU_TRY(add_vessel(st, row, ent));
	for (size_t i = 0; i < sizeof(plain_attributes) / sizeof(*plain_attributes); i++)
		DU_TRY(cm_add_attribute(ent, columns[plain_attributes[i]].name, du_get(h, row, plain_attributes[i])));
	return cm_set_source_url(ent, du_get(h, row, C_SOURCE_LIST_URL));
}

/* Longest `_id` kept; ids are short codes, so a longer one is a broken cell. */
#define MAX_ID 255

/*
 * The native id into out (MAX_ID + 1 bytes): `_id`, whose length the caller
 * has checked, else the hash of source, entity_number and name.
 */
static int native_id(csl_state *st, const csrc_row *row, char *out)
{
	const du_header *h = &st->header;
	const char *id = du_get(h, row, C_ID);
	if (id) {
		memcpy(out, id, strlen(id) + 1);
		return 0;
	}
	const char *parts[] = {du_get(h, row, C_SOURCE), du_get(h, row, C_ENTITY_NUMBER), du_get(h, row, C_NAME)};
	cu_buf_reset(&st->scratch);
	for (size_t i = 0; i < 3; i++) {
		if (i)
			DU_TRY(cu_buf_putc(&st->scratch, '|'));
		DU_TRY(cu_buf_puts(&st->scratch, parts[i] ? parts[i] : ""));
	}
	du_hash_hex(st->scratch.data, out);
	return 0;
}

/* The record's native id into id: 1 when usable, 0 when the record is skipped (and warned about), <0 on error. */
static int row_id(csl_state *st, const csrc_row *row, char id[MAX_ID + 1])
{
	const char *raw_id = du_get(&st->header, row, C_ID);
	if (!du_get(&st->header, row, C_NAME)) {
		st->ctx->stats.skipped_rows++;
		csrc_warn(st->ctx, "%s:%lu: no name, record skipped", row->path, row->line);
		return 0;
	}
	if (raw_id && !du_id_usable(st->ctx, row, raw_id, "_id", MAX_ID))
		return 0;
	int rc = native_id(st, row, id);
	return rc ? rc : 1;
}

static int on_header(csl_state *st, const csrc_row *row)
{
	DU_TRY(du_header_resolve(&st->header, row, columns, C_COUNT));
	st->have_header = 1;
	st->current_layout = st->header.index[C_ID] >= 0;
	st->ctx->stats.rows--; /* rows counts data records, not the header */
	csrc_file_seen(st->ctx, row->path, NULL);
	return 0;
}

static int on_row(const csrc_row *row, void *payload)
{
	csl_state *st = payload;
	if (!st->have_header)
		return on_header(st, row);
	if (!du_row_usable(st->ctx, &st->header, row, "record"))
		return 0;
	for (size_t i = 0; i < row->count; i++)
		du_repair_c1(row->fields[i]);
	char id[MAX_ID + 1];
	int usable = row_id(st, row, id);
	if (usable <= 0)
		return usable ? cu_fail(usable, "%s:%lu: out of memory", row->path, row->line) : 0;
	const char *name = du_get(&st->header, row, C_NAME);
	cm_entity *ent = du_group_find(&st->group, id);
	if (!ent)
		ent = du_group_create(&st->group, st->ctx->dataset, id,
		                      schema_for(du_get(&st->header, row, C_TYPE), name));
	if (!ent)
		return cu_fail(CORDON_ENOMEM, "%s:%lu: out of memory", row->path, row->line);
	int rc = fill(st, row, ent);
	return rc ? cu_fail(rc, "%s:%lu: out of memory building the entity", row->path, row->line) : 0;
}

int csrc_read_us_csl(csrc_ctx *ctx, const char *path)
{
	csl_state st = {.ctx = ctx};
	csrc_csv_options opts = {.delimiter = ',', .strip_bom = 1, .single_line = 1};
	du_group_init(&st.group);
	cu_buf_init(&st.scratch, 4 * CSRC_MAX_FIELD);
	int rc = csrc_csv_read(ctx, path, &opts, on_row, &st);
	if (rc == 0 && !st.have_header)
		rc = cu_fail(CORDON_EPARSE, "%s: empty file, expected a CSV header", path);
	else if (rc == 0 && st.group.count == 0)
		rc = cu_fail(CORDON_EPARSE, "%s: no usable records after the header", path);
	if (rc == 0)
		rc = du_group_emit(ctx, &st.group);
	du_group_dispose(&st.group);
	du_header_dispose(&st.header);
	cu_buf_dispose(&st.scratch);
	return rc;
}
