/*
 * text/: romanisation per script, spelling-neutral keys, legal forms, token
 * roles. Each case fails if the rule it names is removed.
 */
#include "cordon/entity.h"
#include "test.h"
#include "text/glossary.h"
#include "text/legal.h"
#include "text/name.h"
#include "text/phonetic.h"
#include "text/translit.h"

static ct_renderings r;

static void check_render(const char *in, const char *primary, const char *scheme, const char *alternative)
{
	CHECK_INT(ct_render(in, strlen(in), 1, &r), 0);
	REQUIRE(r.count >= 1);
	CHECK_STR(r.text[0].data ? r.text[0].data : "", primary);
	CHECK_STR(ct_scheme_name(r.scheme[0]), scheme);
	if (alternative) {
		CHECK_INT(r.count, 2);
		if (r.count == 2)
			CHECK_STR(r.text[1].data, alternative);
	}
}

static void test_romanisation_per_script(void)
{
	/* Russian BGN/PCGN is how OFAC spells; the scholarly reading is the alternative */
	check_render("Евгений Пригожин", "yevgeniy prigozhin", "bgn", "evgenij prigozin");
	check_render("Дерипаска Олег", "deripaska oleg", "bgn", NULL);
	check_render("Олег Тягнибок Київ", "oleh tyahnybok kyyiv", "bgn", NULL);       /* Ukrainian BGN */
	check_render("Аляксандр Лукашэнка", "alyaksandr lukashenka", "bgn", NULL);     /* Belarusian BGN (ў-less) */
	check_render("Ўладзімір", "wladzimir", "bgn", NULL);                           /* Belarusian letter ў */
	check_render("Ελευθέριος Βενιζέλος", "eleftherios venizelos", "ungegn", NULL);
	check_render("Ρόμπερτ Μουγκάμπε", "rompert mounkampe", "ungegn", "robert mounkabe"); /* foreign names */
	check_render("习近平", "xi jin ping", "pinyin", NULL);
	check_render("华为技术有限公司", "hua wei ji shu you xian gong si", "pinyin",
	             "hua wei technologies limited company"); /* business words translated */
	check_render("김정은", "kim jong un", "korean", NULL);                           /* DPRK/UN style */
	check_render("리수용", "ri su yong", "korean", NULL);
	check_render("최룡해", "choe ryong hae", "korean", NULL);
	check_render("محمد علي", "mhmd ali", "arabic", NULL);          /* short vowels unwritten, initial ayn a */
	check_render("يوسف المداني", "yusf al mdani", "arabic", NULL); /* و as u, the article split off */
	check_render("عبد الله", "abd allah", "arabic", NULL);         /* initial ayn a vowel, Allah one word */
	check_render("حامد العلي", "hamd al ali", "arabic", NULL);     /* the word after the article starts anew */
	check_render("تشبلي", "chbli", "arabic", NULL);                /* تش: the ch of foreign names */
	check_render("トヨタ", "toyota", "kana", NULL);
	check_render("მიხეილ სააკაშვილი", "mikheil saakashvili", "bgn", NULL);          /* Georgian BGN */
	check_render("Սերժ Սարգսյան", "serzh sargsyan", "bgn", NULL);                   /* Armenian BGN */
	check_render("Čaušević Łódź Straße", "causevic lodz strasse", "latin", NULL);
	check_render("O'BRIEN-SMITH", "obrien smith", "latin", NULL);
	check_render("''ABD-AL-'IZ", "abd al iz", "latin", NULL);
}

static void test_script_detection(void)
{
	const char *mixed = "Jin Tiesan (金铁三)";
	unsigned s = ct_detect_scripts(mixed, strlen(mixed));
	CHECK(s & CT_SCRIPT_LATIN);
	CHECK(s & CT_SCRIPT_HAN);
	CHECK(!(s & CT_SCRIPT_CYRILLIC));
	CHECK_INT(ct_detect_scripts("123 - ()", 8), 0);
	const char *ar = "صدام حسين";
	CHECK_INT(ct_detect_scripts(ar, strlen(ar)), CT_SCRIPT_ARABIC);
}

static void key_of(const char *token, char *out)
{
	ct_variant_key(token, strlen(token), out);
}

static void check_same_key(const char *a, const char *b)
{
	char ka[CT_KEY_MAX], kb[CT_KEY_MAX];
	key_of(a, ka);
	key_of(b, kb);
	if (strcmp(ka, kb) != 0)
		fprintf(stderr, "  keys differ: %s -> %s, %s -> %s\n", a, ka, b, kb);
	CHECK_STR(ka, kb);
}

static void test_variant_keys(void)
{
	check_same_key("yevgeniy", "evgeny");    /* ye- and -iy/-y endings */
	check_same_key("evgenij", "evgenii");    /* -ij / -ii */
	check_same_key("jewgeni", "yevgeni");    /* German j- and w */
	check_same_key("smirnov", "smirnoff");   /* -off */
	check_same_key("smirnov", "smirnow");    /* -ow */
	check_same_key("prigozhin", "prigojin"); /* zh / French j */
	check_same_key("shchukin", "schukin");   /* shch / sch */
	check_same_key("khodorkovsky", "hodorkovskiy");
	check_same_key("mohammed", "mohamed");   /* doubled letters */
	check_same_key("alexander", "aleksander"); /* x = ks */
	check_same_key("iouri", "yuri");         /* French iou- */
	char k1[CT_KEY_MAX], c1[CT_KEY_MAX], c2[CT_KEY_MAX];
	size_t n = ct_variant_key("muhammad", 8, k1);
	ct_consonant_key(k1, n, c1);
	ct_consonant_key("mhmd", 4, c2);
	CHECK_STR(c1, c2); /* Arabic consonant writing meets the vowelled spelling */
	CHECK_STR(c1, "mhmd");
	n = ct_variant_key("ivanov", 6, k1);
	char k2[CT_KEY_MAX];
	ct_variant_key("ivan", 4, k2);
	CHECK(strcmp(k1, k2) != 0);
}

static void analyse(const char *text, int schema, ct_name *n)
{
	CHECK_INT(ct_render(text, strlen(text), 0, &r), 0);
	ct_analyse(r.text[0].data ? r.text[0].data : "", r.scheme[0], schema, n);
}

static ct_legal_class legal_of(const char *text, int schema)
{
	ct_name n;
	analyse(text, schema, &n);
	return n.legal;
}

static void test_legal_forms(void)
{
	int org = CORDON_SCHEMA_ORGANIZATION;
	CHECK_INT(legal_of("M INVEST, OOO", org), CT_LEGAL_LLC);
	CHECK_INT(legal_of("ООО М Инвест", org), CT_LEGAL_LLC);
	CHECK_INT(legal_of("Общество с ограниченной ответственностью Ромашка", org), CT_LEGAL_LLC);
	CHECK_INT(legal_of("Internet Research Agency LLC", org), CT_LEGAL_LLC);
	CHECK_INT(legal_of("Internet Research Agency L.L.C.", org), CT_LEGAL_LLC);
	CHECK_INT(legal_of("Internet Research Agency Limited Liability Company", org), CT_LEGAL_LLC);
	CHECK_INT(legal_of("Siemens GmbH", org), CT_LEGAL_LLC);
	CHECK_INT(legal_of("Kowalski Sp. z o.o.", org), CT_LEGAL_LLC);
	CHECK_INT(legal_of("Rosneft PJSC", org), CT_LEGAL_JSC);
	CHECK_INT(legal_of("ПАО Роснефть", org), CT_LEGAL_JSC);
	CHECK_INT(legal_of("АО Концерн", org), CT_LEGAL_JSC);
	CHECK_INT(legal_of("OAO Gazprom", org), CT_LEGAL_JSC);
	CHECK_INT(legal_of("ZAO Ltd Trade", org), CT_LEGAL_JSC); /* the first form found names the class */
	CHECK_INT(legal_of("Public Joint Stock Company Rostelecom", org), CT_LEGAL_JSC);
	CHECK_INT(legal_of("Banco Nacional S.A.", org), CT_LEGAL_JSC);
	CHECK_INT(legal_of("Cemex S.A. de C.V.", org), CT_LEGAL_JSC);
	CHECK_INT(legal_of("Toyota 株式会社", org), CT_LEGAL_JSC);
	CHECK_INT(legal_of("Anglo-Caribbean Co., Ltd.", org), CT_LEGAL_LTD);
	CHECK_INT(legal_of("华为技术有限公司", org), CT_LEGAL_LTD);
	CHECK_INT(legal_of("中兴通讯股份有限公司", org), CT_LEGAL_JSC);
	CHECK_INT(legal_of("Acme Inc.", org), CT_LEGAL_INC);
	CHECK_INT(legal_of("Acme Corporation", org), CT_LEGAL_INC);
	CHECK_INT(legal_of("FGUP Rosoboronexport", org), CT_LEGAL_STATE);
	CHECK_INT(legal_of("Gulf Marine FZE", org), CT_LEGAL_FREEZONE);
	/* not legal forms */
	CHECK_INT(legal_of("Jose S A Gomez", org), CT_LEGAL_NONE);       /* "s a" inside a name: initials */
	CHECK_INT(legal_of("Company", org), CT_LEGAL_NONE);              /* a name made only of a form keeps it */
	CHECK_INT(legal_of("Ivan Co Petrov", CORDON_SCHEMA_PERSON), CT_LEGAL_NONE); /* not sought in persons */
	ct_name n;
	analyse("Sand Swan Navigation Co. Ltd.", org, &n);
	REQUIRE(n.count == 5);
	CHECK_INT(n.tokens[3].kind, CT_TOKEN_LEGAL);
	CHECK_INT(n.tokens[4].kind, CT_TOKEN_LEGAL);
	CHECK_INT(n.tokens[0].kind, CT_TOKEN_WORD);
	CHECK_INT(n.tokens[2].kind, CT_TOKEN_GENERIC); /* "navigation" is shared by many company names */
}

static void test_token_roles(void)
{
	ct_name n;
	analyse("PRIGOZHIN, Yevgeniy Viktorovich", CORDON_SCHEMA_PERSON, &n);
	REQUIRE(n.count == 3);
	CHECK_INT(n.tokens[2].kind, CT_TOKEN_PATRONYMIC);
	analyse("Dr. Ayman al-Zawahiri", -1, &n);
	REQUIRE(n.count == 4);
	CHECK_INT(n.tokens[0].kind, CT_TOKEN_TITLE);
	CHECK_INT(n.tokens[2].kind, CT_TOKEN_PARTICLE);
	analyse("General Trading Company", CORDON_SCHEMA_ORGANIZATION, &n);
	CHECK(n.tokens[0].kind != CT_TOKEN_TITLE); /* no titles in organisation names */
	analyse("General Dynamics", CORDON_SCHEMA_ORGANIZATION, &n);
	CHECK_INT(n.tokens[0].kind, CT_TOKEN_GENERIC);
	analyse("Trading", CORDON_SCHEMA_ORGANIZATION, &n);
	CHECK_INT(n.tokens[0].kind, CT_TOKEN_WORD); /* a one-word name keeps its word */
	analyse("J. Smith", CORDON_SCHEMA_PERSON, &n);
	CHECK_INT(n.tokens[0].kind, CT_TOKEN_INITIAL);
	analyse("Vessel No. 8", CORDON_SCHEMA_VESSEL, &n);
	REQUIRE(n.count == 3);
	CHECK_INT(n.tokens[1].kind, CT_TOKEN_PARTICLE); /* "No." announces the number */
	CHECK_INT(n.tokens[2].kind, CT_TOKEN_NUMBER);
	analyse("Leasing III", CORDON_SCHEMA_ORGANIZATION, &n);
	REQUIRE(n.count == 2);
	CHECK_INT(n.tokens[1].kind, CT_TOKEN_NUMBER);
	CHECK_STR(n.tokens[1].key, "3"); /* roman numerals compare as digits */
	analyse("Star One", CORDON_SCHEMA_VESSEL, &n);
	CHECK_STR(n.tokens[1].key, "1");
	analyse("صدام حسين التكريتي", -1, &n);
	REQUIRE(n.count == 4); /* the article is split off the Arabic word */
	CHECK_STR(n.tokens[2].text, "al");
	CHECK_STR(n.tokens[3].text, "tkriti");
}

static void test_glossary(void)
{
	cu_buf b;
	cu_buf_init(&b, 1024);
	CHECK_INT(ct_translate_pinyin("zhong guo yin hang", &b), 1);
	CHECK_STR(b.data, "china bank");
	CHECK_INT(ct_translate_pinyin("zhong xing tong xun gu fen you xian gong si", &b), 1);
	CHECK_STR(b.data, "zhong xing communications stock limited company"); /* whole tokens only */
	CHECK_INT(ct_translate_pinyin("xi jin ping", &b), 0);
	cu_buf_dispose(&b);
}

static void setup(void)
{
	ct_renderings_init(&r);
}

static void teardown(void)
{
	ct_renderings_dispose(&r);
}

TEST_MAIN(setup, test_romanisation_per_script, test_script_detection, test_variant_keys, test_legal_forms,
          test_token_roles, test_glossary, teardown)
