#include "text/glossary.h"

#include <string.h>

/* Pinyin (Han-Latin/Names output, tones removed) and the English the lists use. Longest first. */
static const struct {
	const char *pinyin, *english;
} glossary[] = {
	{"jin chu kou", "import export"}, {"yan jiu suo", "research institute"}, {"yan jiu yuan", "research institute"},
	{"ban dao ti", "semiconductor"},  {"ji cheng dian lu", "integrated circuit"},
	{"ji shu", "technologies"},        {"ke ji", "technology"},           {"dian zi", "electronics"},
	{"mao yi", "trading"},             {"shang mao", "trading"},          {"guo ji", "international"},
	{"ji tuan", "group"},              {"tou zi", "investment"},          {"fa zhan", "development"},
	{"gong ye", "industrial"},         {"zhi zao", "manufacturing"},      {"shi ye", "industrial"},
	{"yin hang", "bank"},              {"hang kong", "aviation"},         {"hang tian", "aerospace"},
	{"hai yun", "shipping"},           {"chuan wu", "shipping"},          {"wu liu", "logistics"},
	{"neng yuan", "energy"},           {"shi you", "petroleum"},          {"hua gong", "chemical"},
	{"ji xie", "machinery"},           {"she bei", "equipment"},          {"zhuang bei", "equipment"},
	{"da xue", "university"},          {"xin pian", "chip"},              {"tong xin", "communications"},  {"tong xun", "communications"},
	{"zhong guo", "china"},            {"xiang gang", "hong kong"},       {"jian zhu", "construction"},
	{"kong gu", "holdings"},           {"qi che", "automobile"},          {"yi liao", "medical"},
	{"ruan jian", "software"},         {"xin xi", "information"},         {"guang dian", "optoelectronics"},
	{"jing mi", "precision"},          {"cai liao", "materials"},         {"jun gong", "military industry"},
	{"wei xing", "satellite"},         {"dao dan", "missile"},            {"lei da", "radar"},
	{"gong cheng", "engineering"},     {"fu wu", "services"},             {"jin rong", "finance"},
	{"yi qi", "instruments"},          {"yuan jian", "components"},       {"zhi neng", "intelligent"},
	{"ji qi ren", "robotics"},         {"wu xian", "wireless"},           {"ji suan ji", "computer"},
	{"shu ju", "data"},                {"wang luo", "network"},           {"ying yong", "application"},
	{"chao xian", "korea"},            {"he zuo", "cooperation"},         {"lian he", "united"},
	{"gong si", "company"},            {"you xian", "limited"},           {"gu fen", "stock"},
	{"zong gong si", "corporation"},   {"fen gong si", "branch"},         {"chang", "factory"},
};

/* Length of the glossary entry matching at s on token boundaries, or 0. */
static size_t match_at(const char *s, const char *pinyin)
{
	size_t n = strlen(pinyin);
	if (strncmp(s, pinyin, n) != 0 || (s[n] != '\0' && s[n] != ' '))
		return 0;
	return n;
}

int ct_translate_pinyin(const char *rendering, cu_buf *out)
{
	int replaced = 0;
	cu_buf_reset(out);
	const char *p = rendering;
	while (*p) {
		size_t best = 0, which = 0;
		for (size_t g = 0; g < sizeof(glossary) / sizeof(*glossary); g++) {
			size_t n = match_at(p, glossary[g].pinyin);
			if (n > best) {
				best = n;
				which = g;
			}
		}
		if (out->len && cu_buf_putc(out, ' '))
			return replaced;
		if (best) {
			cu_buf_puts(out, glossary[which].english);
			replaced = 1;
			p += best;
		} else {
			const char *end = strchr(p, ' ');
			size_t n = end ? (size_t)(end - p) : strlen(p);
			cu_buf_append(out, p, n);
			p += n;
		}
		while (*p == ' ')
			p++;
	}
	return replaced;
}
