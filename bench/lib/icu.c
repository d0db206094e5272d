#include "icu.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#define MAX_TRANSFORMS 8
#define UBUF 1024

static struct {
	char id[64];
	UTransliterator *t;
} cache[MAX_TRANSFORMS];

static UTransliterator *get(const char *id)
{
	size_t i = 0;
	for (; i < MAX_TRANSFORMS && cache[i].t; i++)
		if (strcmp(cache[i].id, id) == 0)
			return cache[i].t;
	if (i == MAX_TRANSFORMS || strlen(id) >= sizeof(cache[i].id))
		return NULL;
	UChar uid[64];
	UErrorCode err = U_ZERO_ERROR;
	u_strFromUTF8(uid, 64, NULL, id, -1, &err);
	UTransliterator *t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
	if (U_FAILURE(err))
		return NULL;
	memcpy(cache[i].id, id, strlen(id) + 1);
	cache[i].t = t;
	return t;
}

static int to_utf8(const UChar *u, int32_t len, char *out, size_t cap)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t n = 0;
	u_strToUTF8(out, (int32_t)cap, &n, u, len, &err);
	return U_FAILURE(err) || (size_t)n >= cap ? -1 : 0;
}

int cb_transform(const char *id, const char *in, char *out, size_t cap)
{
	UTransliterator *t = get(id);
	if (!t)
		return -1;
	UChar u[UBUF];
	int32_t len = 0;
	UErrorCode err = U_ZERO_ERROR;
	u_strFromUTF8(u, UBUF / 2, &len, in, -1, &err);
	if (U_FAILURE(err) || len >= UBUF / 2)
		return -1;
	int32_t limit = len;
	utrans_transUChars(t, u, &len, UBUF, 0, &limit, &err);
	if (U_FAILURE(err) || len >= UBUF)
		return -1;
	return to_utf8(u, len, out, cap);
}

int cb_title_case(const char *in, char *out, size_t cap)
{
	UChar u[UBUF], t[UBUF];
	int32_t len = 0;
	UErrorCode err = U_ZERO_ERROR;
	u_strFromUTF8(u, UBUF, &len, in, -1, &err);
	if (U_FAILURE(err) || len >= UBUF)
		return -1;
	int32_t n = u_strToTitle(t, UBUF, u, len, NULL, "", &err);
	if (U_FAILURE(err) || n >= UBUF)
		return -1;
	return to_utf8(t, n, out, cap);
}

void cb_icu_cleanup(void)
{
	for (size_t i = 0; i < MAX_TRANSFORMS && cache[i].t; i++) {
		utrans_close(cache[i].t);
		cache[i].t = NULL;
	}
}
