/*
 * test_backpack.c: what backpack.c decides without the network: rows
 * are per person, a listing re-checks at most BACKPACK_RECHECKS stale
 * badges (the stalest first) and leaves fresh ones alone, a re-check
 * that cannot reach the badge marks it no longer valid with the reason,
 * removal is per person, and merge moves badges the other account does
 * not already have. The whole add / re-check journey over real HTTP is
 * tests/integration/test_verify.c. SQLite and PostgreSQL.
 */
#include <criterion/criterion.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "db/queries.h"
#include "domain/account.h"
#include "domain/app.h"
#include "domain/backpack.h"
#include "../db/testdb.h"

#define T0 1795437296
#define DAY 86400

struct env {
	struct db *db;
	struct config cfg;
	struct clock clk;
	struct app app;
	struct arena *a;
	char p[ID_LEN + 1], q[ID_LEN + 1];
};

static void
env_open(struct env *e, enum db_kind kind)
{
	static const uint8_t secret[32] = {4, 5, 6};
	bool made;

	memset(e, 0, sizeof(*e));
	config_defaults(&e->cfg);
	e->db = testdb_open_kind(kind, true);
	e->clk = clock_frozen(T0);
	e->app = (struct app){
	    .cfg = &e->cfg, .clock = &e->clk, .db = e->db, .secret = secret};
	e->a = arena_new(16 << 20);
	cr_assert_eq(account_ensure(&e->app, e->a, "Pat", "pat@example.org",
	                 NULL, e->p, &made),
	    0);
	cr_assert_eq(account_ensure(&e->app, e->a, "Quin", "quin@example.org",
	                 NULL, e->q, &made),
	    0);
}

static void
env_close(struct env *e)
{
	db_close(e->db);
	config_free(&e->cfg);
	arena_free(e->a);
}

/* keep stores a badge for person as backpack_add would, checked at t. The
 * source is an https address on a private network, which the fetcher
 * refuses at once: re-checking it needs no network and fails. */
static void
keep(struct env *e, const char *person, int n, int64_t t, char *id)
{
	char src[64], key[80];
	struct db_rows rows;

	snprintf(src, sizeof(src), "https://10.0.0.%d/badge.json", n);
	snprintf(key, sizeof(key), "id:%s", src);
	id_new(id);
	{
		struct db_param p[12] = {DB_STR(id), DB_STR(person),
		    DB_STR(src), DB_STR(key), DB_INT(2), DB_STR("A badge"),
		    DB_STR("An issuer"), DB_STR(""), DB_STR(""),
		    DB_STR("2026-01-01"), DB_STR(""), DB_INT(t)};

		cr_assert_eq(
		    db_exec(e->db, Q_BACKPACK_INSERT, p, 12, e->a, &rows), 0);
	}
}

static void
listing_rechecks_a_few_stalest(enum db_kind kind)
{
	struct env e;
	struct backpack_item *it;
	char ids[6][ID_LEN + 1];
	size_t n, rechecked = 0;

	env_open(&e, kind);
	/* Six stale badges of different ages and one fresh one. */
	for (int i = 0; i < 6; i++)
		keep(&e, e.p, i, T0 - (10 - i) * DAY, ids[i]);
	{
		char fresh[ID_LEN + 1];

		keep(&e, e.p, 9, T0 - 3600, fresh);
	}
	cr_assert_eq(backpack_list(&e.app, e.a, e.p, true, &it, &n), 0);
	cr_assert_eq(n, 7);
	for (size_t i = 0; i < n; i++) {
		if (it[i].checked_at != T0)
			continue;
		rechecked++;
		cr_expect(!it[i].valid, "an unreachable badge is not valid");
		cr_expect(strstr(it[i].reason, "private") != NULL, "%s",
		    it[i].reason);
		/* the three stalest: ids[0..2] */
		cr_expect(strcmp(it[i].id, ids[0]) == 0 ||
		        strcmp(it[i].id, ids[1]) == 0 ||
		        strcmp(it[i].id, ids[2]) == 0,
		    "re-checked a badge that was not among the stalest");
	}
	cr_expect_eq(rechecked, BACKPACK_RECHECKS);
	/* The next listing re-checks the next three; the fresh one waits. */
	cr_assert_eq(backpack_list(&e.app, e.a, e.p, true, &it, &n), 0);
	rechecked = 0;
	for (size_t i = 0; i < n; i++)
		rechecked += it[i].checked_at == T0;
	cr_expect_eq(rechecked, 6);
	/* Without recheck nothing is fetched or written. */
	e.clk.frozen = T0 + 2 * DAY;
	cr_assert_eq(backpack_list(&e.app, e.a, e.p, false, &it, &n), 0);
	for (size_t i = 0; i < n; i++)
		cr_expect(it[i].checked_at <= T0);
	env_close(&e);
}

static void
per_person_remove_and_merge(enum db_kind kind)
{
	struct env e;
	struct backpack_item *it;
	struct who wp, wq;
	char a1[ID_LEN + 1], a2[ID_LEN + 1], b1[ID_LEN + 1], b2[ID_LEN + 1];
	size_t n;

	env_open(&e, kind);
	wp = (struct who){e.p, "test"};
	wq = (struct who){e.q, "test"};
	keep(&e, e.p, 1, T0, a1);
	keep(&e, e.p, 2, T0, a2);
	keep(&e, e.q, 2, T0, b1); /* the same badge as a2 */
	keep(&e, e.q, 3, T0, b2);
	cr_expect_eq(
	    backpack_remove(&e.app, e.a, &wq, a1), ERR_NOTFOUND, "not theirs");
	cr_expect_eq(backpack_remove(&e.app, e.a, &wp, a1), 0);
	cr_expect_eq(backpack_remove(&e.app, e.a, &wp, a1), ERR_NOTFOUND);
	cr_assert_eq(backpack_list(&e.app, e.a, e.p, false, &it, &n), 0);
	cr_expect_eq(n, 1);
	/* Merging q into p: q's third badge moves, the shared one is kept
	 * once. */
	cr_assert_eq(backpack_move_person(&e.app, e.q, e.p), 0);
	cr_assert_eq(backpack_list(&e.app, e.a, e.p, false, &it, &n), 0);
	cr_expect_eq(n, 2);
	cr_assert_eq(backpack_list(&e.app, e.a, e.q, false, &it, &n), 0);
	cr_expect_eq(n, 0);
	cr_assert_eq(backpack_forget_person(&e.app, e.p), 0);
	cr_assert_eq(backpack_list(&e.app, e.a, e.p, false, &it, &n), 0);
	cr_expect_eq(n, 0);
	env_close(&e);
}

Test(backpack, listing_rechecks_a_few_stalest_sqlite)
{
	listing_rechecks_a_few_stalest(DB_SQLITE);
}

Test(backpack, listing_rechecks_a_few_stalest_pgsql)
{
	listing_rechecks_a_few_stalest(DB_PGSQL);
}

Test(backpack, per_person_remove_and_merge_sqlite)
{
	per_person_remove_and_merge(DB_SQLITE);
}

Test(backpack, per_person_remove_and_merge_pgsql)
{
	per_person_remove_and_merge(DB_PGSQL);
}
