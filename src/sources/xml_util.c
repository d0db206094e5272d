#include "sources/xml_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "util/error.h"
#include "util/strutil.h"

/* Untrusted input: no network, no entity substitution, no DTD loading or default attributes. */
#define XU_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES)

static void on_error(void *arg, xmlErrorPtr e)
{
	xu_reader *r = arg;
	if (!e || e->level < XML_ERR_ERROR || r->err[0])
		return; /* keep the first error: later ones are usually its consequences */
	snprintf(r->err, sizeof(r->err), "%s", e->message ? e->message : "malformed XML");
	size_t n = strlen(r->err);
	while (n && (r->err[n - 1] == '\n' || r->err[n - 1] == ' ' || r->err[n - 1] == '\r'))
		r->err[--n] = '\0';
	if (!n)
		snprintf(r->err, sizeof(r->err), "malformed XML");
	r->err_line = e->line > 0 ? (unsigned long)e->line : 0;
}

static int io_read(void *arg, char *buf, int len)
{
	xu_reader *r = arg;
	long n = cu_input_read(r->in, buf, (size_t)len);
	if (n < 0) {
		r->io_failed = 1;
		return -1;
	}
	if (n == 0)
		r->eof = 1;
	r->bytes += (unsigned long long)n;
	if (r->ctx)
		r->ctx->stats.bytes += (uint64_t)n;
	return (int)n;
}

static int io_close(void *arg)
{
	(void)arg; /* xu_close closes the cu_input */
	return 0;
}

int xu_open(xu_reader *r, csrc_ctx *ctx, const char *path)
{
	memset(r, 0, sizeof(*r));
	r->path = path;
	r->ctx = ctx;
	int rc = cu_input_open(&r->in, path);
	if (rc)
		return rc;
	xmlInitParser();
	r->reader = xmlReaderForIO(io_read, io_close, r, path, NULL, XU_PARSE_OPTIONS);
	if (!r->reader) {
		xu_close(r);
		return cu_fail(CORDON_ENOMEM, "%s: cannot create XML reader", path);
	}
	xmlTextReaderSetStructuredErrorHandler(r->reader, on_error, r);
	return 0;
}

void xu_close(xu_reader *r)
{
	if (r->reader)
		xmlFreeTextReader(r->reader);
	r->reader = NULL;
	cu_input_close(r->in);
	r->in = NULL;
}

unsigned long xu_reader_line(xu_reader *r)
{
	int line = xmlTextReaderGetParserLineNumber(r->reader);
	return line > 0 ? (unsigned long)line : 0;
}

const char *xu_reader_name(xu_reader *r)
{
	const xmlChar *name = xmlTextReaderConstLocalName(r->reader);
	return name ? (const char *)name : "";
}

int xu_fail(xu_reader *r, int code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return cu_fail(code, "%s:%lu: %s", r->path, xu_reader_line(r), msg);
}

/* Turns whatever stopped the parser into one error naming file and line. */
static int parse_failure(xu_reader *r)
{
	if (r->io_failed)
		return CORDON_EIO; /* cu_input already recorded "path: read error ..." */
	if (r->bytes == 0)
		return cu_fail(CORDON_EPARSE, "%s: empty file", r->path);
	unsigned long line = r->err_line ? r->err_line : xu_reader_line(r);
	const char *why = r->err[0] ? r->err : "parser stopped";
	if (!r->root_seen)
		return cu_fail(CORDON_EPARSE, "%s:%lu: not an XML document: %s", r->path, line, why);
	if (r->eof && !r->root_closed) /* libxml2 words this as "Extra content", "Premature end", ... */
		return cu_fail(CORDON_EPARSE, "%s:%lu: truncated XML: the file ends inside the document (%s)",
		               r->path, line, why);
	return cu_fail(CORDON_EPARSE, "%s:%lu: malformed XML: %s", r->path, line, why);
}

int xu_fail_no_root(xu_reader *r)
{
	if (r->io_failed || r->bytes == 0 || r->err[0])
		return parse_failure(r);
	return cu_fail(CORDON_EPARSE, "%s:%lu: no XML root element", r->path, xu_reader_line(r));
}

static int after_move(xu_reader *r, int ret)
{
	if (ret == 1 && !r->err[0]) {
		if (xmlTextReaderNodeType(r->reader) == XML_READER_TYPE_DOCUMENT_TYPE)
			return xu_fail(r, CORDON_EPARSE, "document type declarations are not accepted");
		int type = xmlTextReaderNodeType(r->reader);
		if (type == XML_READER_TYPE_ELEMENT)
			r->root_seen = 1;
		if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r->reader) == 0)
			r->root_closed = 1;
		return 1;
	}
	if (ret == 0 && !r->err[0] && !r->io_failed)
		return 0;
	return parse_failure(r);
}

int xu_read(xu_reader *r)
{
	return after_move(r, xmlTextReaderRead(r->reader));
}

int xu_next(xu_reader *r)
{
	return after_move(r, xmlTextReaderNext(r->reader));
}

xmlNode *xu_expand(xu_reader *r)
{
	xmlNode *node = xmlTextReaderExpand(r->reader);
	if (!node || r->err[0] || r->io_failed) {
		parse_failure(r);
		return NULL;
	}
	return node;
}

void xu_scratch_init(xu_scratch *s)
{
	memset(s, 0, sizeof(*s));
	cu_arena_init(&s->arena);
}

void xu_scratch_reset(xu_scratch *s)
{
	cu_arena_reset(&s->arena);
	s->oversize = 0;
	s->oversize_in = NULL;
}

void xu_scratch_dispose(xu_scratch *s)
{
	cu_arena_dispose(&s->arena);
}

int xu_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

xmlNode *xu_child(const xmlNode *elem, const char *name)
{
	for (xmlNode *c = elem ? elem->children : NULL; c; c = c->next)
		if (xu_is(c, name))
			return c;
	return NULL;
}

unsigned long xu_line(const xmlNode *n)
{
	long line = n ? xmlGetLineNo(n) : 0;
	return line > 0 ? (unsigned long)line : 0;
}

static int is_text(const xmlNode *c)
{
	return (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content;
}

/* Concatenates the text children starting at first; entity references are never followed. */
static const char *text_of(xu_scratch *s, const xmlNode *first, const char *where)
{
	size_t len = 0, nodes = 0;
	const char *raw = NULL;
	for (const xmlNode *c = first; c; c = c->next)
		if (is_text(c)) {
			raw = (const char *)c->content;
			len += strlen(raw);
			nodes++;
		}
	if (len == 0)
		return NULL;
	if (len > CSRC_MAX_FIELD) {
		if (!s->oversize)
			s->oversize_in = where;
		s->oversize = 1;
		return NULL;
	}
	if (nodes > 1) { /* a lone text node is cleaned straight from the tree, several are joined first */
		char *joined = cu_arena_alloc(&s->arena, len + 1);
		if (!joined)
			return NULL;
		size_t at = 0;
		for (const xmlNode *c = first; c; c = c->next) {
			if (!is_text(c))
				continue;
			size_t n = strlen((const char *)c->content);
			memcpy(joined + at, c->content, n);
			at += n;
		}
		joined[at] = '\0';
		raw = joined;
	}
	/* cu_clean_text_to, not the in-place cu_clean_text: room for U+FFFD repairs, no overlapping copies */
	char *out = cu_arena_alloc(&s->arena, 3 * len + 1);
	if (!out)
		return NULL;
	size_t n = cu_clean_text_to(raw, len, out, NULL);
	return n ? out : NULL;
}

const char *xu_text(xu_scratch *s, const xmlNode *elem)
{
	return elem ? text_of(s, elem->children, (const char *)elem->name) : NULL;
}

const char *xu_attr(xu_scratch *s, const xmlNode *elem, const char *name)
{
	if (!elem || elem->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = elem->properties; a; a = a->next)
		if (!a->ns && a->name && strcmp((const char *)a->name, name) == 0)
			return text_of(s, a->children, name);
	return NULL;
}

const char *xu_strndup(xu_scratch *s, const char *p, size_t len)
{
	while (len && (*p == ' ' || *p == '\t' || *p == '\n'))
		p++, len--;
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\n'))
		len--;
	if (!len)
		return NULL;
	return cu_arena_strndup(&s->arena, p, len);
}

const char *xu_join(xu_scratch *s, const char *sep, const char *const *parts, size_t count)
{
	size_t total = 0, seplen = strlen(sep);
	for (size_t i = 0; i < count; i++)
		if (parts[i] && *parts[i])
			total += strlen(parts[i]) + seplen;
	if (!total)
		return NULL;
	char *out = cu_arena_alloc(&s->arena, total + 1);
	if (!out)
		return NULL;
	size_t at = 0;
	for (size_t i = 0; i < count; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (at) {
			memcpy(out + at, sep, seplen);
			at += seplen;
		}
		size_t n = strlen(parts[i]);
		memcpy(out + at, parts[i], n);
		at += n;
	}
	out[at] = '\0';
	return out;
}

const char *xu_script(const char *s)
{
	struct {
		UScriptCode code;
		unsigned count;
	} seen[6];
	size_t nseen = 0;
	int32_t i = 0, len = (int32_t)strlen(s);
	while (i < len) {
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c < 0x80)
			continue; /* ASCII is Latin or common punctuation */
		UErrorCode err = U_ZERO_ERROR;
		UScriptCode code = uscript_getScript(c, &err);
		if (U_FAILURE(err) || code == USCRIPT_COMMON || code == USCRIPT_INHERITED ||
		    code == USCRIPT_UNKNOWN || code == USCRIPT_LATIN)
			continue;
		size_t k = 0;
		while (k < nseen && seen[k].code != code)
			k++;
		if (k == nseen) {
			if (nseen == sizeof(seen) / sizeof(*seen))
				continue;
			seen[nseen].code = code;
			seen[nseen++].count = 0;
		}
		seen[k].count++;
	}
	size_t best = 0;
	for (size_t k = 1; k < nseen; k++)
		if (seen[k].count > seen[best].count)
			best = k;
	return nseen ? uscript_getShortName(seen[best].code) : NULL;
}
