/*
 * A minimal test harness: each test file defines test functions, lists them
 * in TEST_MAIN, and every CHECK that fails prints file:line and the values.
 */
#ifndef CORDON_TEST_H
#define CORDON_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_failures;
static int test_checks;

#define CHECK(cond)                                                                    \
	do {                                                                           \
		test_checks++;                                                         \
		if (!(cond)) {                                                         \
			test_failures++;                                               \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                      \
	} while (0)

#define CHECK_INT(actual, expected)                                                           \
	do {                                                                                  \
		long long a_ = (long long)(actual), e_ = (long long)(expected);               \
		test_checks++;                                                                \
		if (a_ != e_) {                                                               \
			test_failures++;                                                      \
			fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #actual, a_, e_); \
		}                                                                             \
	} while (0)

/* Equal strings, or both NULL; a function so that a literal NULL never reaches strcmp. */
static inline int test_str_equal(const char *a, const char *b)
{
	return (a == NULL || b == NULL) ? a == b : strcmp(a, b) == 0;
}

#define CHECK_STR(actual, expected)                                                           \
	do {                                                                                  \
		const char *a_ = (actual), *e_ = (expected);                                  \
		test_checks++;                                                                \
		if (!test_str_equal(a_, e_)) {                                                \
			test_failures++;                                                      \
			fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #actual, \
			        a_ ? a_ : "(null)", e_ ? e_ : "(null)");                       \
		}                                                                             \
	} while (0)

/* Stops the current test function when a precondition fails. */
#define REQUIRE(cond)                                                                  \
	do {                                                                           \
		test_checks++;                                                         \
		if (!(cond)) {                                                         \
			test_failures++;                                               \
			fprintf(stderr, "%s:%d: REQUIRE failed: %s\n", __FILE__, __LINE__, #cond); \
			return;                                                        \
		}                                                                      \
	} while (0)

typedef void (*test_fn)(void);

#define TEST_MAIN(...)                                                                     \
	int main(void)                                                                     \
	{                                                                                  \
		test_fn tests_[] = {__VA_ARGS__};                                          \
		for (size_t i_ = 0; i_ < sizeof(tests_) / sizeof(*tests_); i_++)           \
			tests_[i_]();                                                      \
		if (test_checks == 0) {                                                    \
			fprintf(stderr, "no checks ran\n");                                \
			return 1;                                                          \
		}                                                                          \
		printf("%d checks, %d failures\n", test_checks, test_failures);            \
		return test_failures ? 1 : 0;                                              \
	}

#endif
