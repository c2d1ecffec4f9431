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

/*
 * A database made before the catalogue could be searched (schema 2):
 * upgrading it indexes the badges it already had published.
 */
static void
check_search_backfill(enum db_kind kind)
{
	struct db *db = testdb_open_kind(kind, false);
	struct arena *a = arena_new(1 << 20);
	struct db_rows rows;
	char msg[512];
	int version, applied;

	/* migrate_current makes schema_migrations; apply 1 and 2 by hand. */
	cr_assert_eq(migrate_current(db, &version), 0);
	for (size_t i = 0; i < 2; i++) {
		const struct migration *m = &migrations[i];
		const char *extra = kind == DB_SQLITE ? m->sqlite : m->pg;
		struct db_param p[3] = {
		    DB_INT(m->version), DB_STR(m->name), DB_INT(1700000000)};
		cr_assert_eq(
		    db_script(db, m->sql, msg, sizeof(msg)), 0, "%s", msg);
		cr_assert(extra == NULL ||
		    db_script(db, extra, msg, sizeof(msg)) == 0);
		cr_assert_eq(
		    db_exec(db, Q_MIGRATION_RECORD, p, 3, NULL, NULL), 0);
	}
	cr_assert_eq(db_script(db,
	                 "INSERT INTO issuers (id, name, url, email, "
	                 "created_at) VALUES ('i1', 'I', 'https://i', 'i@i', "
	                 "1);"
	                 "INSERT INTO badges (id, issuer_id, status, "
	                 "current_version, created_at, updated_at) VALUES "
	                 "('b1', 'i1', 'published', 1, 1, 1), "
	                 "('b2', 'i1', 'draft', 1, 1, 1);"
	                 "INSERT INTO badge_versions (badge_id, version, name, "
	                 "summary, description_md, estimated_minutes, licence, "
	                 "created_at) VALUES "
	                 "('b1', 1, 'Care', 'S', 'D', 60, 'CC BY 4.0', 1), "
	                 "('b2', 1, 'Draft', 'S', 'D', 60, 'CC BY 4.0', 1);"
	                 "INSERT INTO badge_criteria VALUES "
	                 "('b1', 1, 1, 'Describe a quokka.'), "
	                 "('b2', 1, 1, 'Describe a quokka.');"
	                 "INSERT INTO badge_tags VALUES ('b1', 1, 'wombats');",
	                 msg, sizeof(msg)),
	    0, "%s", msg);
	cr_assert_eq(migrate_run(db, 1700000001, &applied, msg, sizeof(msg)), 0,
	    "%s", msg);
	for (size_t w = 0; w < 2; w++) {
		const char *word = w == 0 ? "quokka" : "wombats";
		char q[40];
		snprintf(
		    q, sizeof(q), kind == DB_SQLITE ? "\"%s\"*" : "%s:*", word);
		struct db_param p[7] = {DB_STR(""), DB_STR(""), DB_STR(""),
		    DB_STR(""), DB_INT(0), DB_INT(1000), DB_STR(q)};
		cr_assert_eq(
		    db_exec(db, Q_CATALOGUE_SEARCH_COUNT, p, 7, a, &rows), 0);
		cr_assert_eq(db_get_int(&rows, 0, 0), 1,
		    "the published badge, not the draft, is found by %s", word);
	}
	arena_free(a);
	db_close(db);
}

Test(db, search_backfill_sqlite)
{
	check_search_backfill(DB_SQLITE);
}

Test(db, search_backfill_pgsql)
{
	check_search_backfill(DB_PGSQL);
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
