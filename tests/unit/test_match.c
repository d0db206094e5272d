/* text/normalize and match/scorer: the first, simple matcher. */
#include "cordon/screen.h"
#include "match/scorer.h"
#include "test.h"
#include "text/normalize.h"

static void check_norm(const char *in, const char *expected)
{
	cu_buf b;
	cu_buf_init(&b, 1 << 16);
	CHECK_INT(ct_normalize(in, strlen(in), &b), 0);
	CHECK_STR(b.data ? b.data : "", expected);
	cu_buf_dispose(&b);
}

static void test_normalize(void)
{
	check_norm("PRIGOZHIN, Yevgeniy Viktorovich", "prigozhin yevgeniy viktorovich");
	check_norm("Евгений Пригожин", "yevgeniy prigozhin");       /* BGN/PCGN, OFAC's spelling */
	check_norm("Дерипаска Олег", "deripaska oleg");
	check_norm("Čaušević Łódź", "causevic lodz");
	check_norm("O'BRIEN-SMITH", "obrien smith");                 /* apostrophe joins, hyphen splits */
	check_norm("''ABD-AL-'IZ", "abd al iz");
	check_norm("华为技术有限公司", "hua wei ji shu you xian gong si");
	check_norm("Ελευθέριος Βενιζέλος", "eleutherios benizelos");
	check_norm("  ...  ", "");
}

static double score(const char *q, const char *c)
{
	cu_buf a, b;
	cu_buf_init(&a, 1 << 16);
	cu_buf_init(&b, 1 << 16);
	ct_normalize(q, strlen(q), &a);
	ct_normalize(c, strlen(c), &b);
	double s = cmatch_score_names(a.data, b.data);
	cu_buf_dispose(&a);
	cu_buf_dispose(&b);
	return s;
}

static void test_jaro_winkler(void)
{
	/* textbook values */
	double s = cmatch_jaro_winkler("martha", 6, "marhta", 6);
	CHECK(s > 0.960 && s < 0.962);
	s = cmatch_jaro_winkler("dixon", 5, "dicksonx", 8);
	CHECK(s > 0.812 && s < 0.814);
	CHECK(cmatch_jaro_winkler("abc", 3, "xyz", 3) == 0.0);
	CHECK(cmatch_jaro_winkler("same", 4, "same", 4) == 1.0);
}

static void test_scores(void)
{
	CHECK(score("Yevgeniy Prigozhin", "PRIGOZHIN, Yevgeniy Viktorovich") >= 0.80); /* order, patronymic */
	CHECK(score("Oleg Deripaska", "DERIPASKA, Oleg Vladimirovich") >= 0.80);
	CHECK(score("Евгений Пригожин", "PRIGOZHIN, Yevgeniy Viktorovich") >= 0.80);
	CHECK(score("Yevgeny Prigozhin", "PRIGOZHIN, Yevgeniy") >= 0.90);               /* spelling variant */
	CHECK(score("Al Qaida", "ALQAIDA") >= 0.90);                                      /* spacing */
	CHECK(score("Banco Nacional de Cuba", "BANCO NACIONAL DE CUBA") == 1.0);
	CHECK(score("John Smith", "PRIGOZHIN, Yevgeniy Viktorovich") < 0.3);
	CHECK(score("Oleg Deripaska", "Oleg Tinkov") < CORDON_DEFAULT_THRESHOLD);       /* one shared given name */
	CHECK(score("Oleg Deripaska", "NIPL D.O.O.") < 0.5);                          /* initials are weak evidence */
	CHECK(score("O. Deripaska", "DERIPASKA, Oleg") >= CORDON_DEFAULT_THRESHOLD);
	CHECK(score("Deripaska", "DERIPASKA, Oleg Vladimirovich") < score("Oleg Deripaska", "DERIPASKA, Oleg Vladimirovich"));
}

static void test_compare_api(void)
{
	double s = 0;
	CHECK_INT(cordon_compare("Oleg Deripaska", "Дерипаска Олег Владимирович", &s), 0);
	CHECK(s >= 0.75);
	double t = 0;
	CHECK_INT(cordon_compare("Дерипаска Олег Владимирович", "Oleg Deripaska", &t), 0);
	CHECK(s == t); /* compare is symmetric */
	CHECK_INT(cordon_compare("Oleg Deripaska", "Banco Nacional de Cuba", &s), 0);
	CHECK(s < 0.5);
	CHECK_INT(cordon_compare(NULL, "x", &s), CORDON_EINVALID);
}

TEST_MAIN(test_normalize, test_jaro_winkler, test_scores, test_compare_api)
