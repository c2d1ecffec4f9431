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
#include <stdlib.h>
#include <unistd.h>

#include "core/common.h"
#include "db/db.h"
#include "db/migrate.h"

/*
 * testdb_pg_schema gives this process a schema of its own on the test
 * server, so test binaries (or people) running at the same time do not
 * drop each other's tables: the URL gains options=-csearch_path=tPID, and
 * LAUREL_TEST_PG is set to it so that further connections a test opens
 * (concurrency tests) land in the same schema. LAUREL_TEST_PG_RESET holds
 * the script that empties the schema. Returns the URL to open.
 */
static inline const char *
testdb_pg_schema(const char *url)
{
	static char with[2048], reset[256];
	const char *base = getenv("LAUREL_TEST_PG_BASE");

	if (base == NULL) {
		setenv("LAUREL_TEST_PG_BASE", url, 1);
		base = getenv("LAUREL_TEST_PG_BASE");
	}
	snprintf(with, sizeof(with), "%s%soptions=-csearch_path%%3Dt%ld", base,
	    strchr(base, '?') ? "&" : "?", (long)getpid());
	snprintf(reset, sizeof(reset),
	    "DROP SCHEMA IF EXISTS t%ld CASCADE; CREATE SCHEMA t%ld;",
	    (long)getpid(), (long)getpid());
	setenv("LAUREL_TEST_PG", with, 1);
	setenv("LAUREL_TEST_PG_RESET", reset, 1);
	return with;
}

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
		url = testdb_pg_schema(url);
		cr_assert_eq(db_open(url, &db, msg, sizeof(msg)), 0, "%s", msg);
		cr_assert_eq(db_script(db, getenv("LAUREL_TEST_PG_RESET"), msg,
		                 sizeof(msg)),
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
