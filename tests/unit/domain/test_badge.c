/*
 * test_badge.c: demo data and badge reads on SQLite and PostgreSQL.
 */
#include "core/arena.h"
#include "core/err.h"
#include "domain/badge.h"
#include "domain/seed.h"
#include "../db/testdb.h"

static void
check_seed_and_read(enum db_kind kind)
{
	struct db *db = testdb_open_kind(kind, true);
	struct clock clk = clock_frozen(1795437296);
	struct config cfg;
	struct app app = {&cfg, &clk, db, NULL};
	struct arena *a = arena_new(1 << 22);
	struct badge_summary *s;
	struct badge_detail d;
	size_t n, total;
	int created;

	config_defaults(&cfg);
	cr_assert_eq(seed_demo(&app, &created), 0);
	cr_assert(created >= 2);
	cr_assert_eq(seed_demo(&app, &created), 0);
	cr_assert_eq(created, 0, "seeding twice must add nothing");
	cr_assert_eq(badge_list_published(&app, a, 100, 0, &s, &n, &total), 0);
	cr_assert_eq(n, total);
	cr_assert(s[0].introductory && s[1].introductory,
	    "introductory badges come first");
	cr_assert_str_eq(s[0].name, "Getting started with Open Badges");
	cr_assert_str_eq(
	    s[1].name, "Writing evidence for Open Badge applications");
	cr_assert_eq(badge_list_published(&app, a, 2, 2, &s, &n, &total), 0);
	cr_assert_eq(n, 2);
	cr_assert_not(s[0].introductory);

	char id[ID_LEN + 1];
	seed_id("badge:writing-evidence", id);
	cr_assert_eq(badge_get(&app, a, id, &d), 0);
	cr_assert_eq(d.n_criteria, 3);
	cr_assert(strstr(d.criteria[1], "anonymous") != NULL);
	cr_assert(d.n_tags >= 1);
	cr_assert_eq(d.version, 1);
	cr_assert_eq(
	    badge_get(&app, a, "AAAAAAAAAAAAAAAAAAAAAA", &d), ERR_NOTFOUND);
	arena_free(a);
	config_free(&cfg);
	db_close(db);
}

Test(badge, seed_and_read_sqlite)
{
	check_seed_and_read(DB_SQLITE);
}

Test(badge, seed_and_read_pgsql)
{
	check_seed_and_read(DB_PGSQL);
}

Test(seed, ids_are_stable)
{
	char a[ID_LEN + 1], b[ID_LEN + 1];

	seed_id("x", a);
	seed_id("x", b);
	cr_assert_str_eq(a, b);
	seed_id("y", b);
	cr_assert_str_neq(a, b);
	cr_assert(id_valid(a, strlen(a)));
}
