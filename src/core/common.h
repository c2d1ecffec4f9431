/*
 * common.h: what every Laurel source file includes first.
 *
 * Attributes, the defensive-check macros and fatal(). It includes banned.h
 * last, as git does from git-compat-util.h, so that unsafe libc functions are
 * compile errors everywhere.
 */
#ifndef LAUREL_COMMON_H
#define LAUREL_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MUST_CHECK __attribute__((warn_unused_result))
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#define FALLTHROUGH __attribute__((fallthrough))
#define UNUSED __attribute__((unused))

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/*
 * fatal() reports a broken invariant or a startup failure and exits. A
 * request that can reach it is a bug.
 */
NORETURN void fatal(const char *fmt, ...) PRINTF_LIKE(1, 2);

/*
 * ALWAYS(x) and NEVER(x), as in SQLite: conditions believed true (false).
 * Debug builds assert them; release builds keep the check and its recovery.
 */
#ifdef LAUREL_DEBUG
#include <assert.h>
#define ALWAYS(x) (assert(x), 1)
#define NEVER(x) (assert(!(x)), 0)
#else
#define ALWAYS(x) (x)
#define NEVER(x) (x)
#endif

/* Checked conversion for APIs that take an int (SQLite, libpq, zlib). */
MUST_CHECK int size_to_int(size_t n, int *out);

/* Allocation that aborts on out-of-memory; free with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrndup(const char *s, size_t n);

/* Constant-time comparison of two equal-length byte strings. */
bool mem_equal_ct(const void *a, const void *b, size_t n);

#include "banned.h"

#endif
