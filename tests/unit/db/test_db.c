/*
 * test_db.c: the query interface on both back ends: every query prepares
 * with its declared parameter count, migrations apply once, parameters of
 * every type round-trip, constraint violations are ERR_CONFLICT.
 */
#include "core/arena.h"
#include "core/err.h"
#include "db/queries.h"
#include "testdb.h"

static void
check_all_prepare(enum db_kind kind)
{
	struct db *db = testdb_open_kind(kind, true);
	char msg[512];

	for (int q = 0; q < Q__COUNT; q++) {
		cr_assert_not_null(
		    db_queries[q].name, "query %d has no entry", q);
		cr_assert_not_null(db_queries[q].sql, "query %d has no SQL", q);
		msg[0] = '\0';
		cr_expect_eq(db_prepare(db, (enum db_qid)q, msg, sizeof(msg)),
		    0, "%s", msg);
	}
	db_close(db);
}

Test(db, every_query_prepares_sqlite)
{
	check_all_prepare(DB_SQLITE);
}

Test(db, every_query_prepares_pgsql)
{
	check_all_prepare(DB_PGSQL);
}

static void
check_migrations_idempotent(enum db_kind kind)
{
	struct db *db = testdb_open_kind(kind, true);
	char msg[512];
	int applied = -1, version = 0;

	cr_assert_eq(migrate_run(db, 1700000001, &applied, msg, sizeof(msg)), 0,
	    "%s", msg);
	cr_assert_eq(applied, 0);
	cr_assert_eq(migrate_current(db, &version), 0);
	cr_assert_eq(version, migrations[nmigrations - 1].version);
	db_close(db);
}

Test(db, migrations_apply_once_sqlite)
{
	check_migrations_idempotent(DB_SQLITE);
}

Test(db, migrations_apply_once_pgsql)
{
	check_migrations_idempotent(DB_PGSQL);
}

static void
check_roundtrip(enum db_kind kind)
{
	struct db *db = testdb_open_kind(kind, true);
	struct arena *a = arena_new(1 << 20);
	struct db_rows rows;
	const char *name = "Caf\xc3\xa9 \"quotes\" 'single' ?1 $1 ;--";
	struct db_param p[7] = {DB_STR("iss1"), DB_STR(name),
	    DB_STR("https://x.test"), DB_STR("a@b.test"), DB_TEXT("desc!", 4),
	    DB_INT(1), DB_INT(-9007199254740993LL)};

	cr_assert_eq(db_exec(db, Q_ISSUER_INSERT, p, 7, NULL, NULL), 0);
	/* ON CONFLICT DO NOTHING: a second insert changes nothing */
	cr_assert_eq(db_exec(db, Q_ISSUER_INSERT, p, 7, a, &rows), 0);
	cr_assert_eq(rows.changes, 0);
	cr_assert_eq(db_exec(db, Q_ISSUER_GET, p, 1, a, &rows), 0);
	cr_assert_eq(rows.nrows, 1);
	cr_assert_str_eq(db_get(&rows, 0, 1), name);
	cr_assert_str_eq(db_get(&rows, 0, 4), "desc");
	cr_assert_eq(db_get_int(&rows, 0, 5), 1);

	/* a badge for an issuer that does not exist violates a key */
	struct db_param b[6] = {DB_STR("b1"), DB_STR("nope"),
	    DB_STR("published"), DB_INT(1), DB_INT(0), DB_INT(5)};
	cr_assert_eq(
	    db_exec(db, Q_BADGE_INSERT, b, 6, NULL, NULL), ERR_CONFLICT);
	/* a bad status violates a CHECK */
	b[1] = DB_STR("iss1");
	b[2] = DB_STR("bogus");
	cr_assert_eq(
	    db_exec(db, Q_BADGE_INSERT, b, 6, NULL, NULL), ERR_CONFLICT);

	/* a rolled back transaction leaves nothing */
	b[2] = DB_STR("draft");
	cr_assert_eq(db_begin(db), 0);
	cr_assert_eq(db_exec(db, Q_BADGE_INSERT, b, 6, NULL, NULL), 0);
	db_rollback(db);
	struct db_param id[2] = {DB_STR("b1"), DB_INT(0)};
	cr_assert_eq(db_exec(db, Q_BADGE_GET, id, 2, a, &rows), 0);
	cr_assert_eq(rows.nrows, 0);

	/* NUL bytes cannot hide in text */
	if (kind == DB_PGSQL) {
		struct db_param bad[1] = {DB_TEXT("a\0b", 3)};
		cr_assert_eq(
		    db_exec(db, Q_ISSUER_GET, bad, 1, a, &rows), ERR_INVAL);
	}
	arena_free(a);
	db_close(db);
}

Test(db, params_roundtrip_sqlite)
{
	check_roundtrip(DB_SQLITE);
}

Test(db, params_roundtrip_pgsql)
{
	check_roundtrip(DB_PGSQL);
}

Test(db, bad_urls_fail_cleanly)
{
	struct db *db = NULL;
	char msg[512];

	cr_assert_eq(
	    db_open("/nonexistent-dir/x/y.db", &db, msg, sizeof(msg)), ERR_DB);
	cr_assert(strstr(msg, "cannot open") != NULL, "%s", msg);
	cr_assert_eq(db_open("postgres://nobody@127.0.0.1:1/none", &db, msg,
	                 sizeof(msg)),
	    ERR_DB);
	cr_assert(strstr(msg, "PostgreSQL") != NULL, "%s", msg);
}
