/* Tiny assertion helpers shared by the C tests: each failure names the file, line
 * and expression, and the program exits non-zero at the end if any check failed. */
#ifndef OAUTH1_TEST_CHECK_H
#define OAUTH1_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oauth1.h"

static int check_failures = 0;
static int check_count = 0;

#define CHECK(cond)                                                                 \
    do {                                                                            \
        check_count++;                                                              \
        if (!(cond)) {                                                              \
            check_failures++;                                                       \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                           \
    } while (0)

/* Checks that an oauth1_result is the expected code, printing both names if not. */
#define CHECK_RC(expr, want)                                                         \
    do {                                                                             \
        oauth1_result check_rc_ = (expr);                                            \
        check_count++;                                                               \
        if (check_rc_ != (want)) {                                                   \
            check_failures++;                                                        \
            fprintf(stderr, "%s:%d: %s returned %u (%s), expected %u (%s)\n",        \
                    __FILE__, __LINE__, #expr, (unsigned)check_rc_,                  \
                    oauth1_result_name(check_rc_), (unsigned)(want),                 \
                    oauth1_result_name(want));                                       \
        }                                                                            \
    } while (0)

#define CHECK_OK(expr) CHECK_RC(expr, OAUTH1_OK)

/* Checks two NUL-terminated strings for equality (a NULL actual fails). */
#define CHECK_STR(actual, expected)                                                   \
    do {                                                                              \
        const char *check_a_ = (actual);                                              \
        const char *check_e_ = (expected);                                            \
        check_count++;                                                                \
        if (check_a_ == NULL || strcmp(check_a_, check_e_) != 0) {                    \
            check_failures++;                                                         \
            fprintf(stderr, "%s:%d: %s\n  got:      %s\n  expected: %s\n", __FILE__,  \
                    __LINE__, #actual, check_a_ ? check_a_ : "(null)", check_e_);     \
        }                                                                             \
    } while (0)

static int check_finish(const char *program) {
    if (check_failures) {
        fprintf(stderr, "%s: %d of %d checks failed\n", program, check_failures, check_count);
        return 1;
    }
    printf("%s: all %d checks passed\n", program, check_count);
    return 0;
}

#endif
