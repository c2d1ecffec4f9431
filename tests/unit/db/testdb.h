/*
 * testdb.h: fresh databases for tests, on SQLite and (when the suite runs
 * with LAUREL_TEST_PG set to a server URL) on PostgreSQL.
 *
 * For PostgreSQL each call drops and recreates the public schema of the
 * test database, so tests in one binary must not run in parallel against
 * it (Criterion runs with --jobs 1 in scripts/test.sh).
 */
#ifndef LAUREL_TESTDB_H
#define LAUREL_TESTDB_H

#include <criterion/criterion.h>

#include "core/common.h"
#include "db/db.h"
#include "db/migrate.h"

static inline struct db *
testdb_open_kind(enum db_kind kind, bool migrate)
{
	struct db *db = NULL;
	char msg[512];
	int applied;

	if (kind == DB_PGSQL) {
		const char *url = getenv("LAUREL_TEST_PG");
		if ((url == NULL || *url == '\0') &&
		    getenv("LAUREL_REQUIRE_PG") != NULL)
			cr_assert_fail("LAUREL_TEST_PG is not set but "
			               "LAUREL_REQUIRE_PG is");
		if (url == NULL || *url == '\0')
			cr_skip_test(
			    "LAUREL_TEST_PG is not set (make test sets "
			    "it to a throwaway PostgreSQL server)");
		cr_assert_eq(db_open(url, &db, msg, sizeof(msg)), 0, "%s", msg);
		cr_assert_eq(db_script(db,
		                 "DROP SCHEMA public CASCADE; "
		                 "CREATE SCHEMA public;",
		                 msg, sizeof(msg)),
		    0, "%s", msg);
	} else {
		cr_assert_eq(
		    db_open(":memory:", &db, msg, sizeof(msg)), 0, "%s", msg);
	}
	if (migrate)
		cr_assert_eq(
		    migrate_run(db, 1700000000, &applied, msg, sizeof(msg)), 0,
		    "%s", msg);
	return db;
}

#endif
