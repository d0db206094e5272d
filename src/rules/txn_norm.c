/* Normalising dates, countries, regions, HS codes and ECCNs (txn_norm.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cordon/entity.h"
#include "rules/txn_norm.h"

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
txn_day txn_day_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

int txn_parse_date(const char *s, txn_day *out)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*out = txn_day_from_ymd(y, m, d);
	return 0;
}

void txn_format_date(txn_day day, char out[11])
{
	/* civil_from_days, the inverse of txn_day_from_ymd */
	long z = day + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	long y = yoe + era * 400 + (m <= 2);
	char buf[80];
	snprintf(buf, sizeof(buf), "%04ld-%02ld-%02ld", y, m, d);
	memcpy(out, buf, 10);
	out[10] = '\0';
}

const char *txn_country(const char *s)
{
	const char *code = cordon_country_code(s);
	/* the lists' historical codes (Soviet Union, Yugoslavia ...) are no destination today */
	static const char *gone[] = {"SU", "YU", "CS", "AN"};
	for (size_t i = 0; code && i < sizeof(gone) / sizeof(*gone); i++)
		if (strcmp(code, gone[i]) == 0)
			return NULL;
	return code;
}

/* The occupied regions of Ukraine (reference §1.4), with the names and cities that identify them. */
static const struct {
	const char *code;
	const char *name;
	const char *words[8];
} regions[] = {
	{"UA-40", "Sevastopol", {"sevastopol", "sebastopol", "Севастополь", NULL}},
	{"UA-43", "Crimea", {"crimea", "krym", "crimean", "simferopol", "kerch", "yalta", "Крым", "Симферополь"}},
	{"UA-14", "Donetsk", {"donetsk", "dnr", "donetsk people's republic", "mariupol", "horlivka", "makiivka", "Донецк", "ДНР"}},
	{"UA-09", "Luhansk", {"luhansk", "lugansk", "lnr", "luhansk people's republic", "alchevsk", "Луганск", "ЛНР", NULL}},
	{"UA-65", "Kherson", {"kherson", "nova kakhovka", "Херсон", NULL}},
	{"UA-23", "Zaporizhzhia", {"zaporizhzhia", "zaporizhia", "zaporozhye", "zaporizhzhya", "melitopol", "berdiansk", "Запорожье", "Мелитополь"}},
};
#define REGION_COUNT (sizeof(regions) / sizeof(*regions))

static int equal_ci(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}

const char *txn_region_code(const char *s)
{
	if (!s)
		return NULL;
	for (size_t i = 0; i < REGION_COUNT; i++) {
		if (equal_ci(s, regions[i].code) || equal_ci(s, regions[i].name))
			return regions[i].code;
		for (size_t w = 0; w < 8 && regions[i].words[w]; w++)
			if (equal_ci(s, regions[i].words[w]))
				return regions[i].code;
	}
	return NULL;
}

const char *txn_region_name(const char *code)
{
	for (size_t i = 0; code && i < REGION_COUNT; i++)
		if (strcmp(code, regions[i].code) == 0)
			return regions[i].name;
	return NULL;
}

/* A word of the text starts at p: not preceded or followed by an ASCII letter or digit. */
static int word_at(const char *text, const char *p, size_t len)
{
	if (p > text && isalnum((unsigned char)p[-1]))
		return 0;
	return !isalnum((unsigned char)p[len]);
}

/* Case-insensitive for ASCII (the words are lower case); Cyrillic words are listed capitalised,
 * as addresses write them. */
static const char *find_word(const char *text, const char *word)
{
	size_t len = strlen(word);
	for (const char *p = text; *p; p++) {
		size_t k = 0;
		while (k < len && p[k] && tolower((unsigned char)p[k]) == (unsigned char)word[k])
			k++;
		if (k == len && word_at(text, p, len))
			return p;
	}
	return NULL;
}

const char *txn_region_in_text(const char *text)
{
	if (!text)
		return NULL;
	/* Sevastopol first: it is also in Crimea, but a region of its own */
	for (size_t i = 0; i < REGION_COUNT; i++)
		for (size_t w = 0; w < 8 && regions[i].words[w]; w++)
			if (find_word(text, regions[i].words[w]))
				return regions[i].code;
	return NULL;
}

txn_bool txn_region_ngc(const char *s, const char *code)
{
	static const char *occupied[] = {"dnr", "lnr", "donetsk people's republic", "luhansk people's republic",
	                                 "lugansk people's republic", "ДНР", "ЛНР"};
	if (code && (strcmp(code, "UA-43") == 0 || strcmp(code, "UA-40") == 0))
		return TXN_TRUE; /* wholly occupied */
	for (size_t i = 0; s && i < sizeof(occupied) / sizeof(*occupied); i++)
		if (find_word(s, occupied[i]))
			return TXN_TRUE;
	return TXN_UNKNOWN;
}

int txn_region_fits_country(const char *region, const char *country)
{
	/* shipping papers write the occupied regions as Ukraine or as Russia */
	return region && country && (strcmp(country, "UA") == 0 || strcmp(country, "RU") == 0);
}

int txn_norm_hs(const char *s, char out[11])
{
	size_t n = 0;
	for (; *s; s++) {
		if (*s == '.' || *s == ' ')
			continue;
		if (!isdigit((unsigned char)*s) || n == 10)
			return -1;
		out[n++] = *s;
	}
	out[n] = '\0';
	return n >= 6 ? 0 : -1;
}

/* "3A090", "0Y521", with paragraphs ".a.1" or ".z" in lower case (digits kept). */
int txn_norm_eccn(const char *s, char *out, size_t outsize)
{
	size_t len = strlen(s);
	if (len + 1 > outsize)
		return -1;
	if (equal_ci(s, "EAR99")) {
		memcpy(out, "EAR99", 6);
		return 0;
	}
	if (len < 5 || !isdigit((unsigned char)s[0]) || !strchr("ABCDEY", toupper((unsigned char)s[1])) ||
	    !isdigit((unsigned char)s[2]) || !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
		return -1;
	for (size_t i = 0; i < len; i++)
		out[i] = (char)(i < 5 ? toupper((unsigned char)s[i]) : tolower((unsigned char)s[i]));
	out[len] = '\0';
	/* paragraphs: ".x" groups of letters or digits, none empty */
	for (size_t i = 5; i < len; i++) {
		if (out[i] == '.') {
			if (i + 1 == len || out[i + 1] == '.')
				return -1;
		} else if (!isalnum((unsigned char)out[i]) || i == 5) {
			return -1;
		}
	}
	return 0;
}
