/*
 * OpenSanctions FollowTheMoney (FtM) JSON lines, with delta files and the
 * delta index. One path may be (told apart by content, not by name):
 *  - an entities file: one FtM entity object per line (the last line may
 *    lack its newline);
 *  - a delta file: lines {"op": "ADD"|"MOD"|"DEL", "entity": {...}}; ADD and
 *    MOD emit the whole entity (the collection replaces by id), DEL removes
 *    it. Each line is judged on its own, so an entity line without "op" in a
 *    delta file is an ADD;
 *  - a delta index: one JSON object with "versions": {version: url}. Each
 *    version's local file delta-<version>.json (or .json.gz) beside the
 *    index is applied in lexical version order. The oldest version may be
 *    missing (it is the base the entities file holds; applying it again
 *    would not change that state); any later missing file is an error, since
 *    skipping it would leave a wrong state.
 *
 * Only Person, Organization, Company, LegalEntity, PublicBody, Vessel and
 * Airplane records become entities. Address, Sanction, Identification,
 * Passport, CryptoWallet and the link schemata (Ownership, Directorship,
 * Family, ...) are folded into the entities they reference within the same
 * file. Records may come in any order, so the entities of a file are held
 * until its end, links whose entity has not been seen yet are kept (as their
 * line text) and applied then, and the entities are emitted in file order.
 * A link whose entity is not in the file (e.g. a Sanction in a delta file
 * for an entity of the base file), or an Address no entity of the file
 * references, cannot be attached and is counted in unknown_fields; so is
 * each record of a schema this reader does not use (Position, Occupancy,
 * Security, ...). Each kind gets one summary warning per file.
 *
 * Counting: rows = non-blank lines; skipped_rows = lines that are not JSON,
 * not an object, too long, or records without id/schema/name;
 * unknown_fields = unexpected top-level keys, non-text property values,
 * ignored records as above. Known FtM properties without a model field are
 * attributes, not unknown fields (see ftm_props.c).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sources/ftm_internal.h"
#include "util/buf.h"
#include "util/grow.h"
#include "util/input.h"
#include "util/strmap.h"
#include "util/strutil.h"

/* Largest delta index accepted (a few hundred bytes per version). */
#define FTM_MAX_INDEX CSRC_MAX_LINE

typedef enum { R_MATCH, R_ADDRESS, R_SANCTION, R_IDENT, R_WALLET, R_EDGE, R_OTHER } record_role;

static const struct {
	const char *schema;
	record_role role;
	cordon_schema target;
} schemata[] = {
	{"Person", R_MATCH, CORDON_SCHEMA_PERSON},
	{"Organization", R_MATCH, CORDON_SCHEMA_ORGANIZATION},
	{"Company", R_MATCH, CORDON_SCHEMA_ORGANIZATION},
	{"LegalEntity", R_MATCH, CORDON_SCHEMA_ORGANIZATION},
	{"PublicBody", R_MATCH, CORDON_SCHEMA_ORGANIZATION},
	{"Vessel", R_MATCH, CORDON_SCHEMA_VESSEL},
	{"Airplane", R_MATCH, CORDON_SCHEMA_AIRCRAFT},
	{"Address", R_ADDRESS, 0},
	{"Sanction", R_SANCTION, 0},
	{"Identification", R_IDENT, 0},
	{"Passport", R_IDENT, 0},
	{"CryptoWallet", R_WALLET, 0},
};

/*
 * Link schemata: an edge from the entity in property a to the one in b.
 * Entity A gets relation (on_a, B's name): A is "owner_of" B; entity B gets
 * (on_b, A's name): A is B's "owner". Edge details (role text, shares,
 * dates) have no place in a relation and are not kept.
 */
static const struct {
	const char *schema, *a, *b, *on_a, *on_b;
} edges[] = {
	{"Ownership", "owner", "asset", "owner_of", "owner"},
	{"Directorship", "director", "organization", "director_of", "director"},
	{"Employment", "employee", "employer", "employee_of", "employee"},
	{"Membership", "member", "organization", "member_of", "member"},
	{"Representation", "agent", "client", "agent_of", "agent"},
	{"Succession", "predecessor", "successor", "predecessor_of", "predecessor"},
	{"Family", "person", "relative", "family", "family"},
	{"Associate", "person", "associate", "associate", "associate"},
	{"UnknownLink", "subject", "object", "linked_to", "linked_to"},
};
#define EDGE_COUNT (sizeof(edges) / sizeof(*edges))

typedef struct {
	cm_entity *ent; /* NULL once deleted */
	unsigned gen;   /* bumped when the id is replaced or deleted, invalidating pending links */
} slot;

typedef struct {
	size_t slot;
	unsigned gen;
	char *addr_id;
} addr_ref;

typedef struct {
	char *text;
	size_t len;
	unsigned long line;
} deferred;

/* Everything known about one file while it is read. */
typedef struct {
	ftm_rd rd;
	slot *slots;
	size_t n_slots, cap_slots;
	cu_strmap held; /* native id -> slot */
	ftm_address *addrs;
	size_t n_addrs, cap_addrs;
	cu_strmap addr_index; /* native id -> addrs */
	addr_ref *refs;
	size_t n_refs, cap_refs;
	deferred *defs;
	size_t n_defs, cap_defs;
	unsigned long unattached, ignored;
	char ignored_schema[64];
} ftm_file;

static int grow(void **items, size_t *cap, size_t need, size_t elem)
{
	void *p = cu_grow(*items, cap, need, elem, 16);
	if (!p)
		return CORDON_ENOMEM;
	*items = p;
	return 0;
}

static int oom(ftm_file *f)
{
	return cu_fail(CORDON_ENOMEM, "%s:%lu: out of memory", f->rd.path, f->rd.line);
}

static void file_init(ftm_file *f, csrc_ctx *ctx, const char *path)
{
	memset(f, 0, sizeof(*f));
	f->rd.ctx = ctx;
	f->rd.path = path;
	cu_strmap_init(&f->held);
	cu_strmap_init(&f->addr_index);
}

static void file_dispose(ftm_file *f)
{
	for (size_t i = 0; i < f->n_slots; i++)
		cm_entity_free(f->slots[i].ent);
	for (size_t i = 0; i < f->n_addrs; i++)
		csrc_ftm_address_dispose(&f->addrs[i]);
	for (size_t i = 0; i < f->n_refs; i++)
		free(f->refs[i].addr_id);
	for (size_t i = 0; i < f->n_defs; i++)
		free(f->defs[i].text);
	free(f->slots);
	free(f->addrs);
	free(f->refs);
	free(f->defs);
	cu_strmap_dispose(&f->held);
	cu_strmap_dispose(&f->addr_index);
}

static cm_entity *held(const ftm_file *f, const char *id)
{
	size_t s;
	return id && cu_strmap_get(&f->held, id, &s) ? f->slots[s].ent : NULL;
}

/* Keeps ent until the end of the file, replacing an earlier record with the same id; *at gets its slot. */
static int hold(ftm_file *f, const char *id, cm_entity *ent, size_t *at)
{
	size_t s;
	if (cu_strmap_get(&f->held, id, &s)) {
		cm_entity_free(f->slots[s].ent);
		f->slots[s].ent = ent;
		f->slots[s].gen++;
		*at = s;
		return 0;
	}
	if (grow((void **)&f->slots, &f->cap_slots, f->n_slots + 1, sizeof(*f->slots)) ||
	    cu_strmap_put(&f->held, id, f->n_slots) != 0) {
		cm_entity_free(ent);
		return oom(f);
	}
	f->slots[f->n_slots] = (slot){ent, 0};
	*at = f->n_slots++;
	return 0;
}

static int attach_address(cm_entity *ent, ftm_address *a)
{
	a->used = 1;
	for (size_t i = 0; i < a->count; i++)
		if (cm_add_address(ent, &a->items[i]) != 0)
			return CORDON_ENOMEM;
	return 0;
}

/* addressEntity references: attached now when the Address was seen, else at the end of the file. */
static int note_address_refs(ftm_file *f, json_t *obj, size_t at)
{
	json_t *refs = json_object_get(json_object_get(obj, "properties"), "addressEntity");
	for (size_t i = 0, n = csrc_ftm_count(refs); i < n; i++) {
		char buf[FTM_NUM_BUF];
		const char *id = csrc_ftm_value(refs, i, buf);
		size_t a;
		if (!id)
			continue;
		if (cu_strmap_get(&f->addr_index, id, &a)) {
			if (attach_address(f->slots[at].ent, &f->addrs[a]) != 0)
				return oom(f);
			continue;
		}
		char *copy = cu_strdup(id);
		if (!copy || grow((void **)&f->refs, &f->cap_refs, f->n_refs + 1, sizeof(*f->refs))) {
			free(copy);
			return oom(f);
		}
		f->refs[f->n_refs++] = (addr_ref){at, f->slots[at].gen, copy};
	}
	return 0;
}

static int on_match(ftm_file *f, json_t *obj, const char *id, cordon_schema schema)
{
	cm_entity *ent;
	int rc = csrc_ftm_build_entity(&f->rd, obj, id, schema, &ent);
	if (rc < 0 || !ent)
		return rc;
	size_t at = 0;
	rc = hold(f, id, ent, &at);
	return rc ? rc : note_address_refs(f, obj, at);
}

static int on_address(ftm_file *f, json_t *obj, const char *id)
{
	ftm_address a = {0};
	size_t at = 0;
	if (csrc_ftm_parse_address(obj, &a) != 0)
		return oom(f);
	if (cu_strmap_get(&f->addr_index, id, &at)) {
		csrc_ftm_address_dispose(&f->addrs[at]);
		f->addrs[at] = a;
		return 0;
	}
	if (grow((void **)&f->addrs, &f->cap_addrs, f->n_addrs + 1, sizeof(*f->addrs)) ||
	    cu_strmap_put(&f->addr_index, id, f->n_addrs) != 0) {
		csrc_ftm_address_dispose(&a);
		return oom(f);
	}
	f->addrs[f->n_addrs++] = a;
	return 0;
}

/* Keeps a link line whose entities have not all been seen, to apply it at the end of the file. */
static int defer(ftm_file *f, const char *text, size_t len)
{
	char *copy = cu_strndup(text, len);
	if (!copy || grow((void **)&f->defs, &f->cap_defs, f->n_defs + 1, sizeof(*f->defs))) {
		free(copy);
		return oom(f);
	}
	f->defs[f->n_defs++] = (deferred){copy, len, f->rd.line};
	return 0;
}

static int all_held(const ftm_file *f, json_t *refs)
{
	for (size_t i = 0, n = csrc_ftm_count(refs); i < n; i++) {
		char buf[FTM_NUM_BUF];
		const char *id = csrc_ftm_value(refs, i, buf);
		if (id && !held(f, id))
			return 0;
	}
	return 1;
}

/* The related party as a relation target: its primary name when it is in this file, else its full id. */
static int relate(ftm_file *f, cm_entity *ent, const char *kind, cm_entity *other, const char *other_id)
{
	if (!ent)
		return 0;
	if (other)
		return cm_add_relation(ent, kind, other->e.names[0].full);
	cu_buf id;
	cu_buf_init(&id, CU_BUF_DEFAULT_MAX);
	int rc = cu_buf_printf(&id, "%s:%s", f->rd.ctx->dataset, other_id);
	if (rc == 0)
		rc = cm_add_relation(ent, kind, id.data);
	cu_buf_dispose(&id);
	return rc;
}

static int apply_edge(ftm_file *f, size_t e, json_t *props, int *attached)
{
	json_t *as = json_object_get(props, edges[e].a), *bs = json_object_get(props, edges[e].b);
	int rc = 0;
	for (size_t i = 0, na = csrc_ftm_count(as); i < na && rc == 0; i++) {
		char abuf[FTM_NUM_BUF];
		const char *a = csrc_ftm_value(as, i, abuf);
		for (size_t j = 0, nb = csrc_ftm_count(bs); a && j < nb && rc == 0; j++) {
			char bbuf[FTM_NUM_BUF];
			const char *b = csrc_ftm_value(bs, j, bbuf);
			cm_entity *ea = held(f, a), *eb = b ? held(f, b) : NULL;
			if (!b || (!ea && !eb))
				continue;
			rc = relate(f, ea, edges[e].on_a, eb, b);
			if (rc == 0)
				rc = relate(f, eb, edges[e].on_b, ea, a);
			*attached = 1;
		}
	}
	return rc;
}

static int apply_to_refs(ftm_file *f, record_role role, const char *schema, json_t *props, int *attached)
{
	json_t *refs = json_object_get(props, role == R_SANCTION ? "entity" : "holder");
	int rc = 0;
	for (size_t i = 0, n = csrc_ftm_count(refs); i < n && rc == 0; i++) {
		char buf[FTM_NUM_BUF];
		cm_entity *ent = held(f, csrc_ftm_value(refs, i, buf));
		if (!ent)
			continue;
		if (role == R_SANCTION)
			rc = csrc_ftm_apply_sanction(&f->rd, ent, props);
		else if (role == R_IDENT)
			rc = csrc_ftm_apply_identification(&f->rd, ent, schema, props);
		else
			rc = csrc_ftm_apply_wallet(&f->rd, ent, props);
		*attached = 1;
	}
	return rc;
}

/* A Sanction, Identification, wallet or edge record; final is set for the replay at the end of the file. */
static int on_link(ftm_file *f, json_t *obj, const char *schema, record_role role, size_t edge, const char *text,
                   size_t len, int final)
{
	json_t *props = json_object_get(obj, "properties");
	if (!json_is_object(props))
		props = NULL;
	if (!final) {
		int ready = role == R_EDGE ? all_held(f, json_object_get(props, edges[edge].a)) &&
		                                     all_held(f, json_object_get(props, edges[edge].b))
		                           : all_held(f, json_object_get(props, role == R_SANCTION ? "entity" : "holder"));
		if (!ready)
			return defer(f, text, len);
	}
	int attached = 0;
	int rc = role == R_EDGE ? apply_edge(f, edge, props, &attached)
	                        : apply_to_refs(f, role, schema, props, &attached);
	if (rc != 0)
		return oom(f);
	if (!attached) {
		f->unattached++;
		f->rd.ctx->stats.unknown_fields++;
	}
	return 0;
}

static record_role classify(const char *schema, cordon_schema *target, size_t *edge)
{
	for (size_t i = 0; i < sizeof(schemata) / sizeof(*schemata); i++)
		if (strcmp(schemata[i].schema, schema) == 0) {
			*target = schemata[i].target;
			return schemata[i].role;
		}
	for (size_t i = 0; i < EDGE_COUNT; i++)
		if (strcmp(edges[i].schema, schema) == 0) {
			*edge = i;
			return R_EDGE;
		}
	return R_OTHER;
}

static int malformed(ftm_file *f, const char *what)
{
	f->rd.ctx->stats.skipped_rows++;
	csrc_warn(f->rd.ctx, "%s:%lu: %s, line skipped", f->rd.path, f->rd.line, what);
	return 0;
}

static int on_entity(ftm_file *f, json_t *obj, const char *text, size_t len, int final)
{
	const char *id = json_string_value(json_object_get(obj, "id"));
	const char *schema = json_string_value(json_object_get(obj, "schema"));
	if (!id || !*id || !schema)
		return malformed(f, "record without \"id\" or \"schema\"");
	cordon_schema target = CORDON_SCHEMA_UNKNOWN;
	size_t edge = 0;
	record_role role = classify(schema, &target, &edge);
	switch (role) {
	case R_MATCH:
		return final ? 0 : on_match(f, obj, id, target);
	case R_ADDRESS:
		return final ? 0 : on_address(f, obj, id);
	case R_OTHER:
		if (!f->ignored++)
			snprintf(f->ignored_schema, sizeof(f->ignored_schema), "%s", schema);
		f->rd.ctx->stats.unknown_fields++;
		return 0;
	default:
		return on_link(f, obj, schema, role, edge, text, len, final);
	}
}

static void on_delete(ftm_file *f, const char *id)
{
	size_t s;
	if (cu_strmap_get(&f->held, id, &s)) {
		cm_entity_free(f->slots[s].ent);
		f->slots[s].ent = NULL;
		f->slots[s].gen++;
		cu_strmap_remove(&f->held, id);
	}
	if (!f->rd.ctx->remove)
		return;
	cu_buf full;
	cu_buf_init(&full, CU_BUF_DEFAULT_MAX);
	if (cu_buf_printf(&full, "%s:%s", f->rd.ctx->dataset, id) == 0)
		f->rd.ctx->remove(f->rd.ctx, full.data);
	cu_buf_dispose(&full);
}

static int on_op(ftm_file *f, json_t *obj, json_t *op, const char *text, size_t len, int final)
{
	const char *o = json_string_value(op);
	json_t *ent = json_object_get(obj, "entity");
	if (!o || !json_is_object(ent))
		return malformed(f, "delta operation without \"op\" text or \"entity\" object");
	if (!final && json_object_size(obj) > 2)
		f->rd.ctx->stats.unknown_fields += json_object_size(obj) - 2;
	if (strcmp(o, "ADD") == 0 || strcmp(o, "MOD") == 0)
		return on_entity(f, ent, text, len, final);
	if (strcmp(o, "DEL") != 0)
		return malformed(f, "unknown delta operation");
	const char *id = json_string_value(json_object_get(ent, "id"));
	if (!id || !*id)
		return malformed(f, "DEL without an entity id");
	if (!final)
		on_delete(f, id);
	return 0;
}

/* One non-blank line. */
static int on_line(ftm_file *f, const char *text, size_t len, int final)
{
	json_error_t err;
	char *fixed = NULL;
	json_t *obj = json_loadb(text, len, 0, &err);
	if (!obj && json_error_code(&err) == json_error_invalid_utf8 && (fixed = malloc(3 * len + 1)) != NULL) {
		/* the model repairs bad bytes in values, but jansson refuses the whole line: repair it first */
		len = cu_clean_text_to(text, len, fixed, NULL);
		text = fixed;
		csrc_warn(f->rd.ctx, "%s:%lu: invalid UTF-8 replaced by U+FFFD", f->rd.path, f->rd.line);
		obj = json_loadb(text, len, 0, &err);
	}
	if (!obj) {
		free(fixed);
		f->rd.ctx->stats.skipped_rows++;
		csrc_warn(f->rd.ctx, "%s:%lu: invalid JSON (%s), line skipped", f->rd.path, f->rd.line, err.text);
		return 0;
	}
	int rc;
	if (!json_is_object(obj))
		rc = malformed(f, "not a JSON object");
	else if (json_object_get(obj, "op"))
		rc = on_op(f, obj, json_object_get(obj, "op"), text, len, final);
	else
		rc = on_entity(f, obj, text, len, final);
	json_decref(obj);
	free(fixed);
	return rc;
}

/* End of file: apply the links kept back, resolve address references, then hand over the entities. */
static int finish(ftm_file *f)
{
	for (size_t i = 0; i < f->n_defs; i++) {
		f->rd.line = f->defs[i].line;
		f->rd.warned = 1; /* already reported on the first pass */
		int rc = on_line(f, f->defs[i].text, f->defs[i].len, 1);
		if (rc < 0)
			return rc;
	}
	for (size_t i = 0; i < f->n_refs; i++) {
		addr_ref *r = &f->refs[i];
		cm_entity *ent = f->slots[r->slot].gen == r->gen ? f->slots[r->slot].ent : NULL;
		size_t a;
		if (!ent)
			continue;
		int rc = cu_strmap_get(&f->addr_index, r->addr_id, &a) ? attach_address(ent, &f->addrs[a])
		                                                        : cm_add_attribute(ent, "addressEntity", r->addr_id);
		if (rc != 0)
			return oom(f);
	}
	csrc_ctx *ctx = f->rd.ctx;
	for (size_t i = 0; i < f->n_addrs; i++)
		if (!f->addrs[i].used) {
			f->unattached++;
			ctx->stats.unknown_fields++;
		}
	if (f->unattached)
		csrc_warn(ctx, "%s: %lu Address or link records refer to no entity in this file, not attached", f->rd.path,
		          f->unattached);
	if (f->ignored)
		csrc_warn(ctx, "%s: %lu records of schemata that are not screened (e.g. %s) ignored", f->rd.path,
		          f->ignored, f->ignored_schema);
	for (size_t i = 0; i < f->n_slots; i++) {
		cm_entity *ent = f->slots[i].ent;
		f->slots[i].ent = NULL;
		if (ent) {
			int rc = ctx->emit(ctx, ent);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

static int blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static int read_records(ftm_file *f, cu_input *in, unsigned long *records)
{
	csrc_ctx *ctx = f->rd.ctx;
	cu_buf line;
	cu_buf_init(&line, CSRC_MAX_LINE);
	int rc;
	while ((rc = cu_input_line(in, &line)) != 0) {
		f->rd.line = cu_input_line_number(in);
		if (rc == CORDON_ELIMIT) {
			ctx->stats.rows++;
			ctx->stats.skipped_rows++;
			(*records)++;
			csrc_warn(ctx, "%s, line skipped", cordon_last_error());
			continue;
		}
		if (rc < 0)
			break;
		ctx->stats.bytes += line.len + 1;
		char *text = line.data;
		size_t len = line.len;
		if (f->rd.line == 1 && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
			text += 3;
			len -= 3;
		}
		if (blank(text, len))
			continue;
		ctx->stats.rows++;
		(*records)++;
		f->rd.warned = 0;
		rc = on_line(f, text, len, 0);
		if (rc < 0)
			break;
	}
	cu_buf_dispose(&line);
	return rc;
}

/* An entities or delta file. */
static int read_lines(csrc_ctx *ctx, const char *path, const char *file_date)
{
	cu_input *in;
	int rc = cu_input_open(&in, path);
	if (rc)
		return rc;
	csrc_file_seen(ctx, path, file_date);
	ftm_file f;
	file_init(&f, ctx, path);
	unsigned long records = 0;
	uint64_t skipped_before = ctx->stats.skipped_rows;
	rc = read_records(&f, in, &records);
	cu_input_close(in);
	if (rc == 0 && records == 0)
		rc = cu_fail(CORDON_EPARSE, "%s: empty file", path);
	/* every line unusable: not a FollowTheMoney file at all, not a file with a few bad lines */
	if (rc == 0 && ctx->stats.skipped_rows - skipped_before == records)
		rc = cu_fail(CORDON_EPARSE, "%s: no line is a FollowTheMoney entity or delta operation", path);
	if (rc == 0)
		rc = finish(&f);
	file_dispose(&f);
	return rc;
}

typedef struct {
	cu_input *in;
	size_t total;
} sniff_src;

static size_t sniff_read(void *buf, size_t len, void *data)
{
	sniff_src *s = data;
	if (s->total >= FTM_MAX_INDEX)
		return 0;
	if (len > FTM_MAX_INDEX - s->total)
		len = FTM_MAX_INDEX - s->total;
	long n = cu_input_read(s->in, buf, len);
	if (n < 0)
		return (size_t)-1;
	s->total += (size_t)n;
	return (size_t)n;
}

/*
 * Reads the first JSON value of the file: *index is set when it is an object
 * with "versions" (a delta index may span lines, so lines are no help here).
 */
static int sniff(const char *path, json_t **index)
{
	cu_input *in;
	*index = NULL;
	int rc = cu_input_open(&in, path);
	if (rc)
		return rc;
	sniff_src src = {in, 0};
	json_error_t err;
	json_t *root = json_load_callback(sniff_read, &src, JSON_DISABLE_EOF_CHECK, &err);
	cu_input_close(in);
	if (json_is_object(root) && json_object_get(root, "versions"))
		*index = root;
	else
		json_decref(root);
	return 0;
}

static int by_version(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Versions become file names: anything but letters, digits, '-' and '_' could leave the folder. */
static int valid_version(const char *v)
{
	if (!*v)
		return 0;
	for (; *v; v++)
		if (!((*v >= '0' && *v <= '9') || (*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') || *v == '-' ||
		      *v == '_'))
			return 0;
	return 1;
}

/* "YYYY-MM-DD" from a version ("20240527194702-wnk") or a timestamp ("2024-05-28T14:47:29Z"). */
static const char *date_of(const char *s, char out[11])
{
	if (!s)
		return NULL;
	if (strlen(s) >= 10 && s[4] == '-' && s[7] == '-') {
		memcpy(out, s, 10);
	} else {
		for (int i = 0; i < 8; i++)
			if (s[i] < '0' || s[i] > '9')
				return NULL;
		memcpy(out, s, 4);
		out[4] = '-';
		memcpy(out + 5, s + 4, 2);
		out[7] = '-';
		memcpy(out + 8, s + 6, 2);
	}
	out[10] = '\0';
	return out;
}

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* dir/delta-<version>.json, or .json.gz; NULL in *out when neither exists. */
static int delta_path(const char *index_path, const char *version, char **out)
{
	const char *slash = strrchr(index_path, '/');
	int dir = slash ? (int)(slash - index_path + 1) : 0;
	cu_buf p;
	cu_buf_init(&p, CU_BUF_DEFAULT_MAX);
	*out = NULL;
	if (cu_buf_printf(&p, "%.*sdelta-%s.json", dir, index_path, version) != 0)
		return CORDON_ENOMEM;
	if (!exists(p.data) && (cu_buf_puts(&p, ".gz") != 0 || !exists(p.data))) {
		if (p.len > 3 && strcmp(p.data + p.len - 3, ".gz") == 0)
			p.data[p.len -= 3] = '\0'; /* name the plain file in messages */
		*out = cu_buf_take(&p);
		return CORDON_ENOTFOUND;
	}
	*out = cu_buf_take(&p);
	return *out ? 0 : CORDON_ENOMEM;
}

/* The local delta files of the index in version order; NULL for a missing base version. */
static int plan_deltas(const char *path, const char **versions, size_t n, char **files)
{
	for (size_t i = 0; i < n; i++) {
		if (!valid_version(versions[i]))
			return cu_fail(CORDON_EPARSE, "%s: version \"%s\" cannot name a delta file", path, versions[i]);
		int rc = delta_path(path, versions[i], &files[i]);
		if (rc == CORDON_ENOTFOUND && i == 0) {
			free(files[i]);
			files[i] = NULL; /* the base version: the entities file already holds it */
		} else if (rc == CORDON_ENOTFOUND) {
			return cu_fail(CORDON_ENOTFOUND,
			               "%s: delta file %s for version %s is missing; later deltas would give a wrong state",
			               path, files[i] ? files[i] : versions[i], versions[i]);
		} else if (rc) {
			return cu_fail(rc, "%s: out of memory", path);
		}
	}
	return 0;
}

static int read_index(csrc_ctx *ctx, const char *path, json_t *index)
{
	json_t *versions = json_object_get(index, "versions");
	size_t n = json_object_size(versions);
	if (!json_is_object(versions) || n == 0)
		return cu_fail(CORDON_EPARSE, "%s: delta index without versions", path);
	const char **keys = calloc(n, sizeof(*keys));
	char **files = calloc(n, sizeof(*files));
	int rc = keys && files ? 0 : cu_fail(CORDON_ENOMEM, "%s: out of memory", path);
	size_t k = 0;
	const char *key;
	json_t *val;
	json_object_foreach(versions, key, val) {
		if (keys)
			keys[k++] = key;
	}
	if (rc == 0) {
		qsort(keys, n, sizeof(*keys), by_version);
		rc = plan_deltas(path, keys, n, files);
	}
	char date[11];
	if (rc == 0)
		csrc_file_seen(ctx, path, date_of(json_string_value(json_object_get(index, "updated_at")), date));
	for (size_t i = 0; i < n && rc == 0; i++)
		if (files[i])
			rc = read_lines(ctx, files[i], date_of(keys[i], date));
	for (size_t i = 0; files && i < n; i++)
		free(files[i]);
	free(files);
	free(keys);
	return rc;
}

int csrc_read_ftm(csrc_ctx *ctx, const char *path)
{
	json_t *index;
	int rc = sniff(path, &index);
	if (rc)
		return rc;
	if (!index)
		return read_lines(ctx, path, NULL);
	rc = read_index(ctx, path, index);
	json_decref(index);
	return rc;
}
