/*
 * test_ratelimit.c: the per-client limit: a budget per window, separate
 * for different keys, renewed when the window ends; and safe from many
 * threads at once (the total allowed never exceeds the budget).
 */
#include <criterion/criterion.h>
#include <pthread.h>

#include "web/ratelimit.h"

Test(ratelimit, budget_per_window_and_key)
{
	static struct ratelimit rl = RATELIMIT_INIT(3, 60);

	for (int i = 0; i < 3; i++)
		cr_expect(ratelimit_take(&rl, "192.0.2.1", 120 + i));
	cr_expect(!ratelimit_take(&rl, "192.0.2.1", 150), "the fourth");
	cr_expect(!ratelimit_take(&rl, "192.0.2.1", 179));
	cr_expect(ratelimit_take(&rl, "198.51.100.7", 150), "another client");
	cr_expect(ratelimit_take(&rl, "192.0.2.1", 180), "a new window");
}

static struct ratelimit shared = RATELIMIT_INIT(100, 3600);
static int allowed;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;

static void *
hammer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++)
		if (ratelimit_take(&shared, "203.0.113.5", 7200)) {
			pthread_mutex_lock(&count_lock);
			allowed++;
			pthread_mutex_unlock(&count_lock);
		}
	return NULL;
}

Test(ratelimit, threads_share_one_budget)
{
	pthread_t t[8];

	for (int i = 0; i < 8; i++)
		cr_assert_eq(pthread_create(&t[i], NULL, hammer, NULL), 0);
	for (int i = 0; i < 8; i++)
		pthread_join(t[i], NULL);
	cr_expect_eq(allowed, 100);
}
