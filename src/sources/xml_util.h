/*
 * Shared plumbing of the XML list readers (UN, EU FSF): a streaming libxml2
 * xmlTextReader fed from cu_input (so .gz files work), set up for untrusted
 * input, plus helpers to pull cleaned text out of one expanded record.
 *
 * Safety settings: XML_PARSE_NONET, no XML_PARSE_NOENT/DTDLOAD/DTDATTR, and
 * any document type declaration is refused outright, so no entity can be
 * declared, let alone expanded. Text helpers read only text and CDATA
 * children, never entity references.
 *
 * Invalid UTF-8 is a fatal XML error in libxml2 (the document is not well
 * formed); the readers then fail with file and line rather than guess.
 */
#ifndef CSRC_XML_UTIL_H
#define CSRC_XML_UTIL_H

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "sources/source.h"
#include "util/arena.h"
#include "util/input.h"

typedef struct {
	xmlTextReaderPtr reader;
	cu_input *in;
	const char *path;
	csrc_ctx *ctx;
	char err[400];          /* first parser error message, "" when none */
	unsigned long err_line; /* its line */
	int io_failed;          /* cu_input_read failed; cordon_last_error has the reason */
	unsigned long long bytes; /* decompressed bytes fed to the parser */
	int root_seen;   /* an element was read */
	int root_closed; /* the end tag of the root element was read */
	int eof;         /* the input is exhausted */
} xu_reader;

/* Opens path for streaming; 0 or a negative code with the last error naming the file. */
int xu_open(xu_reader *r, csrc_ctx *ctx, const char *path);
void xu_close(xu_reader *r);

/* Moves to the next node (xu_read) or past the current subtree (xu_next): 1 on a node,
 * 0 at the end of the document, a negative code (cu_fail'd with file:line) on error. */
int xu_read(xu_reader *r);
int xu_next(xu_reader *r);

/* The whole subtree of the current element (valid until the next move); NULL and cu_fail'd on error. */
xmlNode *xu_expand(xu_reader *r);

/* Reports a failure at the parser's current line: "path:line: message". */
int xu_fail(xu_reader *r, int code, const char *fmt, ...) CU_PRINTF(3, 4);
/* The error to return when the document ended without a root element (empty or not XML). */
int xu_fail_no_root(xu_reader *r);

/* Local name of the current reader node. */
const char *xu_reader_name(xu_reader *r);
unsigned long xu_reader_line(xu_reader *r);

/* Per-record scratch memory for cleaned values; reset after each record. */
typedef struct {
	cu_arena arena;
	int oversize;           /* a value was longer than CSRC_MAX_FIELD */
	const char *oversize_in; /* element or attribute it was found in */
} xu_scratch;

void xu_scratch_init(xu_scratch *s);
void xu_scratch_reset(xu_scratch *s);
void xu_scratch_dispose(xu_scratch *s);

/* 1 when n is an element whose local name is name. */
int xu_is(const xmlNode *n, const char *name);
/* Cleaned text of an element's text/CDATA children (whitespace collapsed, trimmed); NULL when empty
 * or longer than CSRC_MAX_FIELD (then s->oversize is set). */
const char *xu_text(xu_scratch *s, const xmlNode *elem);
/* Cleaned value of an unqualified attribute; NULL when absent, empty or too long. */
const char *xu_attr(xu_scratch *s, const xmlNode *elem, const char *name);
/* First child element with that local name, or NULL. */
xmlNode *xu_child(const xmlNode *elem, const char *name);
/* Line of a node in its file. */
unsigned long xu_line(const xmlNode *n);

/* Joins the non-empty parts with sep into scratch memory; NULL when all are empty. */
const char *xu_join(xu_scratch *s, const char *sep, const char *const *parts, size_t count);
/* Copy of s[0..len) in scratch memory, trimmed; NULL when empty. */
const char *xu_strndup(xu_scratch *s, const char *p, size_t len);

/* ISO 15924 code ("Arab", "Cyrl", "Hani", ...) of the dominant non-Latin script of a UTF-8 string,
 * NULL when it is Latin (or has no letters). */
const char *xu_script(const char *s);

#endif
