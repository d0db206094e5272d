#include "model/country.h"

#include "cordon/entity.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "util/strmap.h"
#include "util/strutil.h"

/* Spellings found on OFAC, UN, EU, UK and BIS lists that ICU's English names do not cover. */
static const struct {
	const char *name;
	const char *code;
} extra_names[] = {
	{"korea north", "KP"},
	{"north korea", "KP"},
	{"democratic people s republic of korea", "KP"},
	{"korea democratic people s republic of", "KP"},
	{"dprk", "KP"},
	{"korea south", "KR"},
	{"south korea", "KR"},
	{"republic of korea", "KR"},
	{"korea republic of", "KR"},
	{"russian federation", "RU"},
	{"russia", "RU"},
	{"ussr", "SU"},
	{"soviet union", "SU"},
	{"iran islamic republic of", "IR"},
	{"islamic republic of iran", "IR"},
	{"iran", "IR"},
	{"syrian arab republic", "SY"},
	{"syria", "SY"},
	{"burma", "MM"},
	{"myanmar", "MM"},
	{"bahamas the", "BS"},
	{"gambia the", "GM"},
	{"congo democratic republic of the", "CD"},
	{"democratic republic of the congo", "CD"},
	{"congo republic of the", "CG"},
	{"republic of the congo", "CG"},
	{"congo", "CG"},
	{"cote d ivoire", "CI"},
	{"ivory coast", "CI"},
	{"lao people s democratic republic", "LA"},
	{"laos", "LA"},
	{"libyan arab jamahiriya", "LY"},
	{"libya", "LY"},
	{"united republic of tanzania", "TZ"},
	{"tanzania", "TZ"},
	{"viet nam", "VN"},
	{"vietnam", "VN"},
	{"venezuela bolivarian republic of", "VE"},
	{"bolivia plurinational state of", "BO"},
	{"republic of moldova", "MD"},
	{"moldova", "MD"},
	{"the former yugoslav republic of macedonia", "MK"},
	{"macedonia", "MK"},
	{"north macedonia", "MK"},
	{"macedonia the former yugoslav republic of", "MK"},
	{"serbia and montenegro", "CS"},
	{"yugoslavia", "YU"},
	{"kosovo", "XK"},
	{"palestinian", "PS"},
	{"palestine", "PS"},
	{"state of palestine", "PS"},
	{"west bank", "PS"},
	{"gaza", "PS"},
	{"gaza strip", "PS"},
	{"occupied palestinian territory", "PS"},
	{"united states", "US"},
	{"united states of america", "US"},
	{"usa", "US"},
	{"united kingdom", "GB"},
	{"united kingdom of great britain and northern ireland", "GB"},
	{"great britain", "GB"},
	{"uk", "GB"},
	{"england", "GB"},
	{"scotland", "GB"},
	{"czech republic", "CZ"},
	{"czechia", "CZ"},
	{"turkey", "TR"},
	{"turkiye", "TR"},
	{"türkiye", "TR"},
	{"former soviet union", "SU"},
	{"china hong kong special administrative region", "HK"},
	{"hong kong special administrative region", "HK"},
	{"china macao special administrative region", "MO"},
	{"brunei", "BN"},
	{"brunei darussalam", "BN"},
	{"cape verde", "CV"},
	{"cabo verde", "CV"},
	{"swaziland", "SZ"},
	{"eswatini", "SZ"},
	{"east timor", "TL"},
	{"timor leste", "TL"},
	{"micronesia federated states of", "FM"},
	{"st kitts and nevis", "KN"},
	{"saint kitts and nevis", "KN"},
	{"st kitts nevis", "KN"},
	{"st vincent and the grenadines", "VC"},
	{"st lucia", "LC"},
	{"holy see", "VA"},
	{"vatican city", "VA"},
	{"hong kong", "HK"},
	{"hong kong sar china", "HK"},
	{"macau", "MO"},
	{"macao", "MO"},
	{"taiwan", "TW"},
	{"taiwan province of china", "TW"},
	{"china", "CN"},
	{"people s republic of china", "CN"},
	{"region crimea", "UA"},
	{"crimea", "UA"},
	{"region kafia kingi area", "SS"},
	{"netherlands antilles", "AN"},
	{"curacao", "CW"},
	{"sint maarten", "SX"},
	{"bosnia herzegovina", "BA"},
	{"bosnia and herzegovina", "BA"},
	{"trinidad tobago", "TT"},
	{"antigua barbuda", "AG"},
	{"sao tome principe", "ST"},
	{"united arab emirates", "AE"},
	{"uae", "AE"},
	{"kyrgyz republic", "KG"},
	{"slovak republic", "SK"},
};

/* Codes ICU lists that are not current countries but do occur on lists. */
static const char *extra_codes[] = {"XK", "SU", "YU", "CS", "AN"};

static cu_strmap name_to_code;
static cu_strmap code_to_name;
static char *name_storage; /* English names, NUL-separated */
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/*
 * Lower-cases ASCII, turns every non-alphanumeric run into one space, reads
 * '&' as "and" and "saint" as "st", and drops a leading "the", so that
 * "St. Kitts & Nevis" and "Saint Kitts and Nevis" give the same key.
 */
static void normalise_key(const char *in, char *out, size_t size)
{
	size_t n = 0;
	int space = 0;
	for (const char *p = in; *p && n + 6 < size; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '&') {
			if (n)
				out[n++] = ' ';
			memcpy(out + n, "and", 3);
			n += 3;
			space = 1;
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
			if (space && n)
				out[n++] = ' ';
			space = 0;
			out[n++] = (char)c;
		} else if (c >= 'A' && c <= 'Z') {
			if (space && n)
				out[n++] = ' ';
			space = 0;
			out[n++] = (char)(c + 32);
		} else {
			space = 1;
		}
	}
	out[n] = '\0';
	if (strncmp(out, "the ", 4) == 0)
		memmove(out, out + 4, strlen(out + 4) + 1);
	for (char *w = strstr(out, "saint"); w; w = strstr(w + 2, "saint")) {
		int starts = w == out || w[-1] == ' ';
		int ends = w[5] == ' ' || w[5] == '\0';
		if (starts && ends) {
			w[0] = 's';
			w[1] = 't';
			memmove(w + 2, w + 5, strlen(w + 5) + 1);
		}
	}
}

static void add_name(const char *name, const char *code)
{
	char key[256];
	normalise_key(name, key, sizeof(key));
	if (key[0] && !cu_strmap_get(&name_to_code, key, NULL))
		cu_strmap_put(&name_to_code, key, (size_t)(code[0] - 'A') * 26 + (size_t)(code[1] - 'A'));
}

/* Every packed code as text, filled once so lookups return static strings. */
static char code_text[26 * 26][3];

static void init_tables(void)
{
	for (size_t v = 0; v < 26 * 26; v++) {
		code_text[v][0] = (char)('A' + v / 26);
		code_text[v][1] = (char)('A' + v % 26);
	}
	cu_strmap_init(&name_to_code);
	cu_strmap_init(&code_to_name);
	const char *const *codes = uloc_getISOCountries();
	size_t total = 0, count = 0;
	for (const char *const *c = codes; *c; c++)
		count++;
	name_storage = malloc((count + 8) * 128);
	if (!name_storage)
		return;
	for (size_t i = 0; i < count + sizeof(extra_codes) / sizeof(*extra_codes); i++) {
		const char *code = i < count ? codes[i] : extra_codes[i - count];
		char locale[8];
		snprintf(locale, sizeof(locale), "en_%s", code);
		UChar uname[128];
		UErrorCode status = U_ZERO_ERROR;
		int32_t ulen = uloc_getDisplayCountry(locale, "en", uname, 128, &status);
		if (U_FAILURE(status) || ulen <= 0)
			continue;
		char *dst = name_storage + total;
		int32_t blen = 0;
		status = U_ZERO_ERROR;
		u_strToUTF8(dst, 127, &blen, uname, ulen, &status);
		if (U_FAILURE(status))
			continue;
		dst[blen] = '\0';
		total += (size_t)blen + 1;
		cu_strmap_put(&code_to_name, code, (size_t)(dst - name_storage));
		if (strcmp(dst, code) != 0) /* ICU echoes the code when it has no name */
			add_name(dst, code);
	}
	for (size_t i = 0; i < sizeof(extra_names) / sizeof(*extra_names); i++) {
		char key[256];
		normalise_key(extra_names[i].name, key, sizeof(key));
		const char *code = extra_names[i].code;
		cu_strmap_put(&name_to_code, key, (size_t)(code[0] - 'A') * 26 + (size_t)(code[1] - 'A'));
	}
}

static const char *unpack(size_t v)
{
	return code_text[v];
}

int cm_country_valid(const char *code)
{
	pthread_once(&init_once, init_tables);
	if (!code || strlen(code) != 2)
		return 0;
	char up[3] = {(char)(code[0] & ~0x20), (char)(code[1] & ~0x20), 0};
	return cu_strmap_get(&code_to_name, up, NULL);
}

const char *cm_country_code(const char *s)
{
	pthread_once(&init_once, init_tables);
	if (!s)
		return NULL;
	while (*s == ' ')
		s++;
	size_t len = strlen(s);
	while (len && s[len - 1] == ' ')
		len--;
	if (len == 2) {
		char up[3] = {(char)(s[0] & ~0x20), (char)(s[1] & ~0x20), 0};
		if (up[0] >= 'A' && up[0] <= 'Z' && up[1] >= 'A' && up[1] <= 'Z' &&
		    cu_strmap_get(&code_to_name, up, NULL))
			return unpack((size_t)(up[0] - 'A') * 26 + (size_t)(up[1] - 'A'));
	}
	char key[256];
	normalise_key(s, key, sizeof(key));
	size_t v;
	if (cu_strmap_get(&name_to_code, key, &v))
		return unpack(v);
	/* OFAC inverts some names: "Virgin Islands, British", "Man, Isle of" */
	const char *comma = strrchr(s, ',');
	if (comma && comma[1]) {
		char swapped[256];
		snprintf(swapped, sizeof(swapped), "%s %.*s", comma + 1, (int)(comma - s), s);
		normalise_key(swapped, key, sizeof(key));
		if (cu_strmap_get(&name_to_code, key, &v))
			return unpack(v);
	}
	return NULL;
}

const char *cm_country_name(const char *code)
{
	pthread_once(&init_once, init_tables);
	size_t off;
	if (!code || !cu_strmap_get(&code_to_name, code, &off))
		return NULL;
	return name_storage + off;
}

/* ---- the public API ---- */

const char *cordon_country_code(const char *name_or_code)
{
	return name_or_code ? cm_country_code(name_or_code) : NULL;
}

const char *cordon_country_name(const char *code)
{
	return code ? cm_country_name(code) : NULL;
}
