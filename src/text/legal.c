#include "text/legal.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static const char *const class_names[CT_LEGAL_COUNT] = {"none", "llc", "ltd", "jsc", "inc",
                                                        "co",   "partnership", "state", "freezone"};

const char *ct_legal_class_name(ct_legal_class c)
{
	return (unsigned)c < CT_LEGAL_COUNT ? class_names[c] : "none";
}

/* Forms as space-separated normalised tokens. Transliterations are BGN (Russian), pinyin (Chinese). */
static const struct {
	const char *form;
	ct_legal_class cls;
} forms[] = {
	/* limited liability */
	{"llc", CT_LEGAL_LLC}, {"l l c", CT_LEGAL_LLC}, {"limited liability company", CT_LEGAL_LLC},
	{"limited liability co", CT_LEGAL_LLC}, {"ooo", CT_LEGAL_LLC}, {"too", CT_LEGAL_LLC}, {"tov", CT_LEGAL_LLC},
	{"obshchestvo s ogranichennoy otvetstvennostyu", CT_LEGAL_LLC},
	{"tovarystvo z obmezhenoyu vidpovidalnistyu", CT_LEGAL_LLC},
	{"gmbh", CT_LEGAL_LLC}, {"g m b h", CT_LEGAL_LLC}, {"mbh", CT_LEGAL_LLC}, {"srl", CT_LEGAL_LLC},
	{"s r l", CT_LEGAL_LLC}, {"sarl", CT_LEGAL_LLC}, {"s a r l", CT_LEGAL_LLC}, {"s de r l", CT_LEGAL_LLC},
	{"s de rl", CT_LEGAL_LLC}, {"s de r l de c v", CT_LEGAL_LLC}, {"ltda", CT_LEGAL_LLC},
	{"sp z o o", CT_LEGAL_LLC}, {"spolka z o o", CT_LEGAL_LLC},
	{"spolka z ograniczona odpowiedzialnoscia", CT_LEGAL_LLC}, {"s r o", CT_LEGAL_LLC}, {"sro", CT_LEGAL_LLC},
	{"spol s r o", CT_LEGAL_LLC}, {"d o o", CT_LEGAL_LLC}, {"doo", CT_LEGAL_LLC}, {"kft", CT_LEGAL_LLC},
	{"bv", CT_LEGAL_LLC}, {"b v", CT_LEGAL_LLC}, {"you xian ze ren gong si", CT_LEGAL_LLC},
	{"fz llc", CT_LEGAL_LLC}, {"wll", CT_LEGAL_LLC}, {"w l l", CT_LEGAL_LLC}, {"eireli", CT_LEGAL_LLC},
	{"aps", CT_LEGAL_LLC}, {"ug", CT_LEGAL_LLC},
	/* company limited */
	{"ltd", CT_LEGAL_LTD}, {"limited", CT_LEGAL_LTD}, {"co ltd", CT_LEGAL_LTD}, {"co limited", CT_LEGAL_LTD},
	{"company limited", CT_LEGAL_LTD}, {"company ltd", CT_LEGAL_LTD}, {"pte ltd", CT_LEGAL_LTD},
	{"pty ltd", CT_LEGAL_LTD}, {"pvt ltd", CT_LEGAL_LTD}, {"private limited", CT_LEGAL_LTD},
	{"pte", CT_LEGAL_LTD}, {"pty", CT_LEGAL_LTD}, {"sdn bhd", CT_LEGAL_LTD}, {"bhd", CT_LEGAL_LTD},
	{"you xian gong si", CT_LEGAL_LTD}, {"yu xian gong si", CT_LEGAL_LTD}, {"gong si", CT_LEGAL_CO},
	{"public limited company", CT_LEGAL_JSC}, {"public company limited", CT_LEGAL_JSC}, {"pcl", CT_LEGAL_JSC},
	/* joint-stock */
	{"jsc", CT_LEGAL_JSC}, {"ojsc", CT_LEGAL_JSC}, {"cjsc", CT_LEGAL_JSC}, {"pjsc", CT_LEGAL_JSC},
	{"joint stock company", CT_LEGAL_JSC}, {"joint stock co", CT_LEGAL_JSC},
	{"open joint stock company", CT_LEGAL_JSC}, {"closed joint stock company", CT_LEGAL_JSC},
	{"public joint stock company", CT_LEGAL_JSC}, {"joint stock commercial bank", CT_LEGAL_JSC},
	{"ao", CT_LEGAL_JSC}, {"zao", CT_LEGAL_JSC}, {"oao", CT_LEGAL_JSC}, {"pao", CT_LEGAL_JSC},
	{"aktsionernoye obshchestvo", CT_LEGAL_JSC}, {"publichnoye aktsionernoye obshchestvo", CT_LEGAL_JSC},
	{"zakrytoye aktsionernoye obshchestvo", CT_LEGAL_JSC}, {"otkrytoye aktsionernoye obshchestvo", CT_LEGAL_JSC},
	{"aktsionerne tovarystvo", CT_LEGAL_JSC}, {"pat", CT_LEGAL_JSC}, {"prat", CT_LEGAL_JSC},
	{"ag", CT_LEGAL_JSC}, {"a g", CT_LEGAL_JSC}, {"sa", CT_LEGAL_JSC}, {"s a", CT_LEGAL_JSC},
	{"s a s", CT_LEGAL_JSC}, {"sas", CT_LEGAL_JSC}, {"spa", CT_LEGAL_JSC}, {"s p a", CT_LEGAL_JSC},
	{"s a de c v", CT_LEGAL_JSC}, {"sa de cv", CT_LEGAL_JSC}, {"s a b de c v", CT_LEGAL_JSC},
	{"de c v", CT_LEGAL_JSC}, {"nv", CT_LEGAL_JSC}, {"n v", CT_LEGAL_JSC}, {"plc", CT_LEGAL_JSC},
	{"p l c", CT_LEGAL_JSC}, {"as", CT_LEGAL_JSC}, {"a s", CT_LEGAL_JSC}, {"asa", CT_LEGAL_JSC},
	{"ab", CT_LEGAL_JSC}, {"oy", CT_LEGAL_JSC}, {"oyj", CT_LEGAL_JSC}, {"d d", CT_LEGAL_JSC},
	{"zrt", CT_LEGAL_JSC}, {"nyrt", CT_LEGAL_JSC}, {"kk", CT_LEGAL_JSC}, {"k k", CT_LEGAL_JSC},
	{"kabushiki kaisha", CT_LEGAL_JSC}, {"kabushikigaisha", CT_LEGAL_JSC}, {"zhu shi hui she", CT_LEGAL_JSC},
	{"ju sik hoe sa", CT_LEGAL_JSC}, {"gu fen you xian gong si", CT_LEGAL_JSC}, {"tbk", CT_LEGAL_JSC},
	{"sae", CT_LEGAL_JSC}, {"sal", CT_LEGAL_JSC}, {"s a l", CT_LEGAL_JSC}, {"psc", CT_LEGAL_JSC},
	{"p s c", CT_LEGAL_JSC}, {"qsc", CT_LEGAL_JSC}, {"bsc", CT_LEGAL_JSC}, {"saog", CT_LEGAL_JSC},
	{"saoc", CT_LEGAL_JSC},
	/* incorporated */
	{"inc", CT_LEGAL_INC}, {"incorporated", CT_LEGAL_INC}, {"corp", CT_LEGAL_INC},
	{"corporation", CT_LEGAL_INC},
	/* company */
	{"co", CT_LEGAL_CO}, {"company", CT_LEGAL_CO}, {"cie", CT_LEGAL_CO}, {"and co", CT_LEGAL_CO},
	{"kompaniya", CT_LEGAL_CO}, {"hui she", CT_LEGAL_CO},
	/* partnerships */
	{"lp", CT_LEGAL_PARTNERSHIP}, {"llp", CT_LEGAL_PARTNERSHIP}, {"l l p", CT_LEGAL_PARTNERSHIP},
	{"limited partnership", CT_LEGAL_PARTNERSHIP}, {"limited liability partnership", CT_LEGAL_PARTNERSHIP},
	{"kg", CT_LEGAL_PARTNERSHIP}, {"gmbh and co kg", CT_LEGAL_PARTNERSHIP}, {"ohg", CT_LEGAL_PARTNERSHIP},
	/* state enterprises */
	{"fgup", CT_LEGAL_STATE}, {"gup", CT_LEGAL_STATE}, {"mup", CT_LEGAL_STATE}, {"fkp", CT_LEGAL_STATE},
	{"fsue", CT_LEGAL_STATE}, {"federal state unitary enterprise", CT_LEGAL_STATE},
	{"state unitary enterprise", CT_LEGAL_STATE}, {"unitary enterprise", CT_LEGAL_STATE},
	{"federalnoye gosudarstvennoye unitarnoye predpriyatiye", CT_LEGAL_STATE},
	/* free zones */
	{"fze", CT_LEGAL_FREEZONE}, {"fzco", CT_LEGAL_FREEZONE}, {"fzc", CT_LEGAL_FREEZONE},
	{"fz co", CT_LEGAL_FREEZONE},
};

/*
 * The forms split into tokens once, and indexed by their first token, so
 * that looking for a form at a position costs one hash probe, not a scan.
 */
#define FORM_COUNT (sizeof(forms) / sizeof(*forms))
#define MAX_FORM_TOKENS 8
#define BUCKETS 512

typedef struct {
	char words[MAX_FORM_TOKENS][48];
	size_t count;
	int short_only; /* every token has one or two letters */
	ct_legal_class cls;
	int next;       /* next form in the same bucket, -1 at the end */
} compiled_form;

static compiled_form compiled[FORM_COUNT];
static int bucket_head[BUCKETS];
static pthread_once_t compile_once = PTHREAD_ONCE_INIT;

static unsigned bucket_of(const char *word)
{
	unsigned h = 2166136261u;
	for (; *word; word++)
		h = (h ^ (unsigned char)*word) * 16777619u;
	return h % BUCKETS;
}

static void compile_forms(void)
{
	for (size_t b = 0; b < BUCKETS; b++)
		bucket_head[b] = -1;
	for (size_t f = 0; f < FORM_COUNT; f++) {
		compiled_form *c = &compiled[f];
		c->short_only = 1;
		c->cls = forms[f].cls;
		for (const char *p = forms[f].form; *p && c->count < MAX_FORM_TOKENS;) {
			const char *end = strchr(p, ' ');
			size_t len = end ? (size_t)(end - p) : strlen(p);
			snprintf(c->words[c->count++], sizeof(c->words[0]), "%.*s", (int)len, p);
			if (len > 2)
				c->short_only = 0;
			p += len + (end ? 1 : 0);
		}
		unsigned b = bucket_of(c->words[0]);
		c->next = bucket_head[b];
		bucket_head[b] = (int)f;
	}
}

/*
 * Short forms that are also given names or words in Latin text ("Pat",
 * "Sa", "Ag", "As", "Ao"): recognised at the end of a name, and at its start
 * only in names read from Cyrillic, where "ПАТ Укрнафта" is the usage.
 */
static const char *const ambiguous_forms[] = {"pat", "prat", "ao", "as", "ab", "ag", "sa", "ug", "oy", "kk", "sal",
                                              "sae", "too", "tov", "co", "bv", "nv", "sas", "spa", "doo", "lp",
                                              "kg", "pte", "pty", "inc", NULL};

static int ambiguous(const char *word)
{
	for (const char *const *a = ambiguous_forms; *a; a++)
		if (strcmp(word, *a) == 0)
			return 1;
	return 0;
}

size_t ct_legal_form_at(const char *const *tokens, size_t count, size_t i, int cyrillic, ct_legal_class *cls)
{
	pthread_once(&compile_once, compile_forms);
	size_t best = 0;
	*cls = CT_LEGAL_NONE;
	for (int f = bucket_head[bucket_of(tokens[i])]; f >= 0; f = compiled[f].next) {
		const compiled_form *c = &compiled[f];
		if (c->count <= best || i + c->count > count)
			continue;
		size_t k = 0;
		while (k < c->count && strcmp(tokens[i + k], c->words[k]) == 0)
			k++;
		if (k < c->count)
			continue;
		/* "s a" inside a name is more likely initials than a legal form */
		if (c->short_only && i != 0 && i + c->count != count)
			continue;
		if (c->count == 1 && ambiguous(c->words[0]) && i + 1 != count && !(i == 0 && cyrillic))
			continue;
		best = c->count;
		*cls = c->cls;
	}
	return best;
}
