#include "text/arabic.h"

#include <string.h>

int ct_is_arabic(UChar32 c)
{
	return (c >= 0x0600 && c <= 0x06FF) || (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

/* Consonants and letters with one reading; NULL = drop (vowel marks, hamza carriers handled apart). */
static const char *letter(UChar c)
{
	switch (c) {
	case 0x0628: return "b";  case 0x062A: return "t";  case 0x062B: return "th"; case 0x062C: return "j";
	case 0x062D: return "h";  case 0x062E: return "kh"; case 0x062F: return "d";  case 0x0630: return "dh";
	case 0x0631: return "r";  case 0x0632: return "z";  case 0x0633: return "s";  case 0x0634: return "sh";
	case 0x0635: return "s";  case 0x0636: return "d";  case 0x0637: return "t";  case 0x0638: return "z";
	case 0x0639: return "";   /* ayn: not written inside words in Latin lists (Sa'id = Said) */
	case 0x063A: return "gh"; case 0x0641: return "f";  case 0x0642: return "q";  case 0x0643: return "k";
	case 0x06A9: return "k";  case 0x0644: return "l";  case 0x0645: return "m";  case 0x0646: return "n";
	case 0x0647: return "h";  case 0x06C1: return "h";  case 0x06BE: return "h";
	case 0x0629: return "a";  /* ta marbuta */
	case 0x0627: return "a";  case 0x0623: return "a";  case 0x0622: return "a";  case 0x0671: return "a";
	case 0x0625: return "i";  case 0x0649: return "a";  /* alif maqsura */
	case 0x0621: return "";   case 0x0624: return "u";  case 0x0626: return "i";
	case 0x067E: return "p";  case 0x0686: return "ch"; case 0x0698: return "zh"; case 0x06AF: return "g";
	case 0x06A4: return "v";  case 0x0679: return "t";  case 0x0688: return "d";  case 0x0691: return "r";
	case 0x06BA: return "n";  case 0x06D2: return "e";
	default: return NULL;
	}
}

static int is_waw(UChar c)
{
	return c == 0x0648;
}

static int is_ya(UChar c)
{
	return c == 0x064A || c == 0x06CC || c == 0x06D0;
}

static int is_alif(UChar c)
{
	return c == 0x0627 || c == 0x0623 || c == 0x0625 || c == 0x0622;
}

/* Waw and ya are consonants at the start of a word and before alif; long vowels elsewhere. */
static const char *glide(UChar c, UChar prev, UChar next, int first)
{
	if (first || is_alif(next) || prev == 0x0627)
		return is_waw(c) ? "w" : "y";
	return is_waw(c) ? "u" : "i";
}

static int put(UChar *out, int32_t *n, int32_t cap, const char *s)
{
	for (; *s; s++) {
		if (*n >= cap)
			return 0;
		out[(*n)++] = (UChar)*s;
	}
	return 1;
}

int32_t ct_romanise_arabic(UChar *units, int32_t n, int32_t cap)
{
	UChar tmp[4096];
	int32_t out = 0;
	if (cap > (int32_t)(sizeof(tmp) / sizeof(*tmp)))
		cap = (int32_t)(sizeof(tmp) / sizeof(*tmp));
	int after_article = 0; /* the word after ال starts here: العلي is al-Ali, not al-li */
	for (int32_t i = 0; i < n; i++) {
		UChar c = units[i];
		if (!ct_is_arabic(c)) {
			if (out < cap)
				tmp[out++] = c;
			continue;
		}
		UChar prev = i > 0 ? units[i - 1] : 0, next = i + 1 < n ? units[i + 1] : 0;
		int first = i == 0 || !ct_is_arabic(prev) || after_article;
		after_article = 0;
		/* الله is one word, Allah (also inside عبدالله) */
		if (c == 0x0627 && next == 0x0644 && i + 3 < n && units[i + 2] == 0x0644 && units[i + 3] == 0x0647 &&
		    (i + 4 >= n || !ct_is_arabic(units[i + 4]))) {
			put(tmp, &out, cap, first ? "allah" : "ullah");
			i += 3;
			continue;
		}
		/* the article: ال at the start of a word of three letters more is its own token ("الي" is Ali) */
		if (first && c == 0x0627 && next == 0x0644 && i + 4 < n && ct_is_arabic(units[i + 2]) &&
		    ct_is_arabic(units[i + 3]) && ct_is_arabic(units[i + 4])) {
			put(tmp, &out, cap, "al ");
			i++;
			after_article = 1;
			continue;
		}
		/* تش writes the ch of foreign names (تشيلي, Chile); Arabic has no tsh cluster to lose */
		if (c == 0x062A && next == 0x0634) {
			put(tmp, &out, cap, "ch");
			i++;
			continue;
		}
		const char *s = (is_waw(c) || is_ya(c)) ? glide(c, prev, next, first) : letter(c);
		if (c == 0x0639 && first)
			s = "a"; /* a word-initial ayn is heard as a vowel: Abd, Ali, Omar */
		if (s && !put(tmp, &out, cap, s))
			break;
	}
	memcpy(units, tmp, (size_t)out * sizeof(UChar));
	return out;
}
