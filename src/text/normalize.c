#include "text/normalize.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "util/error.h"
#include "util/strutil.h"

/*
 * BGN/PCGN for Russian Cyrillic gives the spellings OFAC and most Western
 * lists use (Yevgeniy, Prigozhin); surname-aware Mandarin readings for Han;
 * ICU's generic Any-Latin for every other script.
 */
#define TRANSLIT_ID "Russian-Latin/BGN; Han-Latin/Names; Any-Latin; Latin-ASCII; Lower"
#define MAX_NAME_UNITS 4096

/* Transliterators are costly to create and not thread-safe: one per thread, created on first use. */
static _Thread_local UTransliterator *thread_translit;

static UTransliterator *translit(void)
{
	if (!thread_translit) {
		UErrorCode status = U_ZERO_ERROR;
		UParseError pe;
		UChar id[128];
		u_uastrcpy(id, TRANSLIT_ID);
		thread_translit = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &status);
		if (U_FAILURE(status))
			thread_translit = NULL;
	}
	return thread_translit;
}

static int is_apostrophe(UChar32 c)
{
	return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x00B4 ||
	       (c >= 0x02B0 && c <= 0x02FF); /* modifier letters such as ʿ (ayn) left by transliteration */
}

/* Copies tokens of a UTF-8 Latin string into out, ASCII-lower-cased. */
static int emit_tokens(const char *s, size_t len, cu_buf *out)
{
	int need_space = 0;
	size_t i = 0;
	while (i < len) {
		size_t start = i;
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c < 0)
			continue;
		if (is_apostrophe(c))
			continue;
		if (!u_isalnum(c)) {
			need_space = out->len > 0;
			continue;
		}
		if (need_space && cu_buf_putc(out, ' '))
			return CORDON_ELIMIT;
		need_space = 0;
		if (c < 0x80) {
			char ch = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
			if (cu_buf_putc(out, ch))
				return CORDON_ELIMIT;
		} else if (cu_buf_append(out, s + start, i - start)) {
			return CORDON_ELIMIT;
		}
	}
	return 0;
}

static int transliterate(const char *in, size_t len, cu_buf *out)
{
	static _Thread_local UChar units[MAX_NAME_UNITS];
	UErrorCode status = U_ZERO_ERROR;
	int32_t n = 0;
	UTransliterator *t = translit();
	if (!t)
		return cu_fail(CORDON_ERROR, "ICU transliterator \"%s\" is unavailable", TRANSLIT_ID);
	if (len > MAX_NAME_UNITS / 4)
		len = MAX_NAME_UNITS / 4; /* names are short; transliteration may expand ~3x */
	u_strFromUTF8WithSub(units, MAX_NAME_UNITS, &n, in, (int32_t)len, 0xFFFD, NULL, &status);
	if (U_FAILURE(status))
		return cu_fail(CORDON_EPARSE, "name is not valid text");
	int32_t limit = n;
	utrans_transUChars(t, units, &n, MAX_NAME_UNITS, 0, &limit, &status);
	if (U_FAILURE(status))
		return cu_fail(CORDON_ELIMIT, "name too long to transliterate");
	char utf8[MAX_NAME_UNITS * 3];
	int32_t blen = 0;
	status = U_ZERO_ERROR;
	u_strToUTF8(utf8, (int32_t)sizeof(utf8), &blen, units, n, &status);
	if (U_FAILURE(status))
		return cu_fail(CORDON_ELIMIT, "name too long");
	return emit_tokens(utf8, (size_t)blen, out);
}

int ct_normalize(const char *in, size_t len, cu_buf *out)
{
	cu_buf_reset(out);
	if (cu_is_ascii(in, len))
		return emit_tokens(in, len, out);
	return transliterate(in, len, out);
}
