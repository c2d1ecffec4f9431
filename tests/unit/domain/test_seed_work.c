/*
 * test_seed_work.c: the demo workflow (seed_work) on SQLite and
 * PostgreSQL: applications in every state the issue lists, at least
 * twenty awards, the same queue the workflow makes, and a second run
 * that changes nothing.
 */
#include "core/arena.h"
#include "core/err.h"
#include "domain/account.h"
#include "domain/application.h"
#include "domain/assessment.h"
#include "domain/award.h"
#include "domain/seed.h"
#include "../db/testdb.h"

#define T0 1795437296

/* The states a demo application can be seen in. */
enum seen {
	SEEN_DRAFT,
	SEEN_SHARED,
	SEEN_SUBMITTED,
	SEEN_CLAIMED,
	SEEN_RETURNED,
	SEEN_RESUBMITTED,
	SEEN_DECLINED,
	SEEN_AUTO_DECLINED,
	SEEN_INTEGRITY,
	SEEN_AWARDED,
	SEEN__COUNT
};

static const char *const workers[] = {"learner@demo.laurel.test",
    "iona.macleod@demo.laurel.test", "jamie.robertson@demo.laurel.test",
    "kirsty.wilson@demo.laurel.test", "rory.thomson@demo.laurel.test",
    "shona.anderson@demo.laurel.test", "niamh.kelly@demo.laurel.test",
    "euan.scott@demo.laurel.test", "heather.mitchell@demo.laurel.test",
    "lewis.paterson@demo.laurel.test", "catriona.ross@demo.laurel.test",
    "gregor.hamilton@demo.laurel.test", "eilidh.grant@demo.laurel.test"};

static void
count_states(
    struct app *app, struct arena *a, size_t seen[SEEN__COUNT], size_t *napps)
{
	memset(seen, 0, SEEN__COUNT * sizeof(seen[0]));
	*napps = 0;
	for (size_t i = 0; i < NELEM(workers); i++) {
		char person[ID_LEN + 1];
		struct app_summary *v;
		bool made;
		size_t n;

		cr_assert_eq(account_ensure(app, a, "x", workers[i],
		                 DEMO_PASSWORD, person, &made),
		    0);
		cr_assert(!made, "%s should be a demo account", workers[i]);
		cr_assert_eq(application_list(app, a, person, &v, &n), 0);
		*napps += n;
		for (size_t k = 0; k < n; k++) {
			switch (v[k].status) {
			case APP_DRAFT:
				seen[v[k].shared ? SEEN_SHARED : SEEN_DRAFT]++;
				break;
			case APP_SUBMITTED:
				seen[v[k].claimed        ? SEEN_CLAIMED
				        : v[k].round > 1 ? SEEN_RESUBMITTED
				                         : SEEN_SUBMITTED]++;
				break;
			case APP_RETURNED:
				seen[SEEN_RETURNED]++;
				break;
			case APP_DECLINED:
				seen[SEEN_DECLINED]++;
				break;
			case APP_AUTO_DECLINED:
				seen[SEEN_AUTO_DECLINED]++;
				break;
			case APP_INTEGRITY:
				seen[SEEN_INTEGRITY]++;
				break;
			case APP_AWARDED:
				seen[SEEN_AWARDED]++;
				break;
			default:
				break;
			}
		}
	}
}

static void
check(enum db_kind kind)
{
	static const char *const names[SEEN__COUNT] = {"draft", "shared",
	    "submitted", "claimed", "returned", "resubmitted", "declined",
	    "auto-declined", "integrity", "awarded"};
	struct db *db = testdb_open_kind(kind, true);
	struct clock clk = clock_frozen(T0);
	struct config cfg;
	struct app app;
	struct arena *a = arena_new(64 << 20);
	size_t seen[SEEN__COUNT], again[SEEN__COUNT], napps, napps2, n;
	struct assess_app *q;
	struct assess_counts counts;
	struct award *aw;
	char assessor[ID_LEN + 1], scheme[ID_LEN + 1];
	struct who w;
	int created;
	bool made;

	config_defaults(&cfg);
	app =
	    (struct app){.cfg = &cfg, .clock = &clk, .db = db, .secret = NULL};
	cr_assert_eq(seed_demo(&app, &created), 0);
	cr_assert_eq(seed_work(&app, &created), 0);
	cr_assert_gt(created, 40);

	count_states(&app, a, seen, &napps);
	for (int s = 0; s < SEEN__COUNT; s++)
		cr_expect_gt(seen[s], 0, "no demo application is %s", names[s]);
	cr_assert_eq(award_list_all(&app, a, &aw, &n), 0);
	cr_assert_geq(n, 20);
	cr_expect_eq(n, seen[SEEN_AWARDED]);
	for (size_t i = 0; i < n; i++) {
		cr_expect_str_eq(aw[i].status, "active");
		cr_expect_lt(aw[i].issued_at, T0);
		cr_expect_str_eq(aw[i].recipient_email, aw[i].current_email);
	}

	/* The scheme's queue is in submission order, some of it overdue. */
	seed_id("issuer:scheme", scheme);
	cr_assert_eq(account_ensure(&app, a, "x", "assessor@demo.laurel.test",
	                 DEMO_PASSWORD, assessor, &made),
	    0);
	w = (struct who){assessor, "127.0.0.1"};
	cr_assert_eq(assess_queue(&app, a, &w, scheme, &q, &n, &counts), 0);
	cr_assert_geq(n, 5);
	for (size_t i = 1; i < n; i++)
		cr_expect_lt(q[i - 1].queue_seq, q[i].queue_seq);
	cr_expect_gt(counts.overdue, 0);
	cr_expect_eq(counts.integrity, 1);

	/* Running it again changes nothing. */
	cr_assert_eq(seed_demo(&app, &created), 0);
	cr_assert_eq(seed_work(&app, &created), 0);
	cr_expect_eq(created, 0);
	count_states(&app, a, again, &napps2);
	cr_expect_eq(napps2, napps);
	cr_expect_arr_eq(again, seen, sizeof(seen));

	arena_free(a);
	config_free(&cfg);
	db_close(db);
}

Test(seed_work, every_state_sqlite)
{
	check(DB_SQLITE);
}

Test(seed_work, every_state_pgsql)
{
	check(DB_PGSQL);
}
