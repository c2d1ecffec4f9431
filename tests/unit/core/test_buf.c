/*
 * test_buf.c: struct buf and the arena.
 */
#include <criterion/criterion.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

Test(buf, appends_and_terminates)
{
	struct buf b;

	buf_init(&b, NULL, 100);
	cr_assert_str_eq(b.data, "");
	buf_adds(&b, "hello");
	buf_addc(&b, ' ');
	buf_addf(&b, "%d %s", 42, "x");
	cr_assert_str_eq(b.data, "hello 42 x");
	cr_assert_eq(b.len, 10);
	cr_assert_eq(buf_err(&b), 0);
	buf_free(&b);
}

Test(buf, cap_is_sticky)
{
	struct buf b;

	buf_init(&b, NULL, 8);
	buf_adds(&b, "12345678");
	cr_assert_eq(buf_err(&b), 0);
	buf_addc(&b, '9');
	cr_assert_eq(buf_err(&b), ERR_TOOBIG);
	buf_adds(&b, "");
	buf_addf(&b, "%s", "x");
	cr_assert_eq(b.len, 8);
	cr_assert_str_eq(b.data, "12345678");
	cr_assert_null(buf_detach(&b, NULL));
	buf_free(&b);
}

Test(buf, detach_hands_over)
{
	struct buf b;
	size_t n;
	char *p;

	buf_init(&b, NULL, 1000);
	for (int i = 0; i < 100; i++)
		buf_addf(&b, "%02d", i);
	p = buf_detach(&b, &n);
	cr_assert_eq(n, 200);
	cr_assert_eq(strncmp(p, "000102", 6), 0);
	cr_assert_eq(b.len, 0);
	free(p);
}

Test(buf, arena_backed)
{
	struct arena *a = arena_new(1 << 20);
	struct buf b;

	buf_init(&b, a, 1 << 16);
	for (int i = 0; i < 5000; i++)
		buf_adds(&b, "ab");
	cr_assert_eq(b.len, 10000);
	cr_assert_eq(buf_err(&b), 0);
	arena_free(a);
}

Test(arena, limit_returns_null)
{
	struct arena *a = arena_new(100);

	cr_assert_not_null(arena_alloc(a, 60));
	cr_assert_null(arena_alloc(a, 60));
	cr_assert_not_null(arena_alloc(a, 40));
	cr_assert_null(arena_alloc(a, 1));
	cr_assert_null(arena_alloc(a, SIZE_MAX));
	arena_free(a);
}

static int deferred[3];
static int ndeferred;

static void
record(void *p)
{
	deferred[ndeferred++] = *(int *)p;
}

Test(arena, defers_run_lifo)
{
	struct arena *a = arena_new(1 << 20);
	int v[3] = {1, 2, 3};

	for (int i = 0; i < 3; i++)
		cr_assert_eq(arena_defer(a, record, &v[i]), 0);
	arena_free(a);
	cr_assert_eq(ndeferred, 3);
	cr_assert_eq(deferred[0], 3);
	cr_assert_eq(deferred[2], 1);
}

Test(arena, big_and_small_mix)
{
	struct arena *a = arena_new(1 << 24);
	char *small = arena_strdup(a, "small");
	char *big = arena_alloc(a, 100000);
	char *after = arena_printf(a, "%s-%d", "after", 7);

	cr_assert_not_null(big);
	memset(big, 'x', 100000);
	cr_assert_str_eq(small, "small");
	cr_assert_str_eq(after, "after-7");
	arena_reset(a);
	cr_assert_eq(arena_used(a), 0);
	cr_assert_str_eq(arena_strdup(a, "again"), "again");
	arena_free(a);
}
