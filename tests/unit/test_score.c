/* match/score through cordon_compare: what makes two names the same, and what does not. */
#include "cordon/screen.h"
#include "match/score.h"
#include "test.h"

#include <stdlib.h>

static double cmp(const char *a, const char *b)
{
	double s = -1.0;
	CHECK_INT(cordon_compare(a, b, &s), 0);
	return s;
}

#define SAME(a, b, min)                                                                              \
	do {                                                                                         \
		double s_ = cmp(a, b);                                                               \
		if (!(s_ >= (min)))                                                                  \
			fprintf(stderr, "  %s ~ %s = %.3f, expected >= %.2f\n", a, b, s_, (double)(min)); \
		CHECK(s_ >= (min));                                                                  \
	} while (0)

#define DIFFERENT(a, b, max)                                                                        \
	do {                                                                                        \
		double s_ = cmp(a, b);                                                              \
		if (!(s_ < (max)))                                                                  \
			fprintf(stderr, "  %s ~ %s = %.3f, expected < %.2f\n", a, b, s_, (double)(max)); \
		CHECK(s_ < (max));                                                                  \
	} while (0)

static void test_person_names(void)
{
	SAME("PRIGOZHIN, Yevgeniy Viktorovich", "Yevgeniy Viktorovich Prigozhin", 0.99); /* word order */
	SAME("Yevgeniy Prigozhin", "PRIGOZHIN, Yevgeniy Viktorovich", 0.85);            /* patronymic missing */
	SAME("Evgeny Prigozhin", "Yevgeniy Prigozhin", 0.95);                            /* romanisation */
	SAME("Jewgeni Prigoschin", "Yevgeniy Prigozhin", 0.85);                          /* German spelling */
	SAME("Y. Prigozhin", "Yevgeniy Prigozhin", 0.80);                                /* initial */
	SAME("Abdulrahman Saleh", "Abd al Rahman Saleh", 0.85);                          /* written together */
	SAME("Mohammed Hussein", "Muhammad Husein", 0.90);
	SAME("Gustavo Lucio-Amador", "Gustavo Lucio Amador", 0.95);                      /* hyphenated surname */
	DIFFERENT("Ivan Petrov", "Ivanov Petr", 0.80);    /* Ivan is not Ivanov */
	DIFFERENT("Oleg Deripaska", "Oleg Tinkov", 0.60); /* one shared given name */
	DIFFERENT("John Smith", "Yevgeniy Prigozhin", 0.2);
	DIFFERENT("Al Bin", "Al Bin Qasim", 0.7); /* particles alone do not make a match */
}

static void test_cross_script(void)
{
	SAME("Дерипаска Олег", "Oleg Deripaska", 0.95);
	SAME("Евгений Пригожин", "Yevgeniy PRIGOZHIN", 0.95);
	SAME("Евгений Пригожин", "Evgenij Prigozin", 0.95); /* scholarly romanisation */
	SAME("صدام حسين التكريتي", "Saddam Hussein al-Tikriti", 0.80);
	SAME("김정은", "Kim Jong Un", 0.95);
	SAME("Ελευθέριος Βενιζέλος", "Eleftherios Venizelos", 0.95);
	SAME("华为技术有限公司", "Huawei Technologies Co., Ltd.", 0.90);
	SAME("习近平", "Xi Jinping", 0.90); /* syllables written together */
	/* Arabic script: Allah stays a word, so "Qudrat Allah" is "Qudratullah" written apart */
	SAME("قدرت الله جمال", "QUDRATULLAH JAMAL", 0.85);
	SAME("عبد الله يحيى الحاكم", "ABDULLAH YAHYA AL HAKIM", 0.78);
	SAME("جبرل، اهمد", "JABRIL, Ahmad", 0.85);        /* initial j of Jabril is the variant key's y */
	SAME("تشبلي، ابرهم", "CHIBLI, Ibrahim", 0.85);    /* تش is the ch of foreign names */
	DIFFERENT("امل", "JAMAL", 0.50);                  /* the initial consonant still counts */
}

static void test_organisations(void)
{
	SAME("M INVEST, OOO", "M Invest LLC", 0.95);              /* legal forms set aside */
	SAME("ООО М Инвест", "M INVEST, OOO", 0.95);
	SAME("Huawei", "Hua Wei", 0.90);
	DIFFERENT("Alpha Trading LLC", "Beta Trading LLC", 0.70); /* the shared form and word do not match them */
	DIFFERENT("Leasing 3", "Leasing 4", 0.60);                /* numbers must agree */
	SAME("Leasing 3", "Leasing III", 0.95);
	SAME("Ocean Star No. 8", "OCEAN STAR 8", 0.95);
	DIFFERENT("Ocean Star No. 8", "Ocean Star 9", 0.60);
	/* a legal form misspelt or read letter by letter from another script is still a legal form */
	SAME("KEENCLOUD LIMITED", "KEENCLOUD LMITED", 0.90);
	SAME("VTB BANK PUBLIC JOINT STOCK COMPANY", "ВТБ БАНК ПУБЛИК ДЖОИНТ СТОК КОМПАНЫ", 0.80);
	DIFFERENT("ACME LIMITED", "ACME LIMITLESS", 0.78); /* two edits: a word of its own */
}

static void test_symmetry_and_errors(void)
{
	CHECK(cmp("Oleg Deripaska", "DERIPASKA, Oleg Vladimirovich") == cmp("DERIPASKA, Oleg Vladimirovich", "Oleg Deripaska"));
	double s;
	CHECK_INT(cordon_compare(NULL, "x", &s), CORDON_EINVALID);
	CHECK_INT(cordon_compare("...", "x", &s), CORDON_EINVALID); /* nothing to compare */
}

/* The textbook matrix: deletion, insertion, substitution, swap of neighbours. */
static size_t osa_by_matrix(const char *a, size_t n, const char *b, size_t m)
{
	size_t d[16][16];
	for (size_t i = 0; i <= n; i++)
		for (size_t j = 0; j <= m; j++) {
			if (i == 0 || j == 0) {
				d[i][j] = i + j;
				continue;
			}
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m] > 3 ? 4 : d[n][m];
}

/* Random words over three letters, so that repeats, swaps and shared letters are frequent. */
static void test_edit_distance(void)
{
	CHECK_INT(cmatch_edit_distance("abdulrahman", 11, "abdalrahman", 11), 1);
	CHECK_INT(cmatch_edit_distance("cmiex", 5, "cimex", 5), 1);
	CHECK_INT(cmatch_edit_distance("ivanov", 6, "ivanova", 7), 1);
	CHECK_INT(cmatch_edit_distance("ab", 2, "", 0), 2);
	CHECK_INT(cmatch_edit_distance("kowalski", 8, "ko", 2), 4);
	srand(7);
	size_t wrong = 0;
	for (int t = 0; t < 20000; t++) {
		char a[16], b[16];
		size_t n = (size_t)(rand() % 13), m = (size_t)(rand() % 13);
		for (size_t i = 0; i < n; i++)
			a[i] = "abc"[rand() % 3];
		for (size_t i = 0; i < m; i++)
			b[i] = "abc"[rand() % 3];
		if (cmatch_edit_distance(a, n, b, m) != osa_by_matrix(a, n, b, m))
			wrong++;
	}
	CHECK_INT(wrong, 0);
}

TEST_MAIN(test_edit_distance, test_person_names, test_cross_script, test_organisations, test_symmetry_and_errors)
