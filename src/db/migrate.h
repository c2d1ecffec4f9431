/*
 * migrate.h: numbered schema migrations.
 *
 * Each migration runs in its own transaction together with the row that
 * records it in schema_migrations, so a failed migration leaves nothing
 * behind and a finished one is never applied twice.
 */
#ifndef LAUREL_MIGRATE_H
#define LAUREL_MIGRATE_H

#include "core/common.h"

struct db;

struct migration {
	int version;
	const char *name;
	const char *sql;    /* runs on both back ends */
	const char *sqlite; /* then this on SQLite, if not NULL */
	const char *pg;     /* or this on PostgreSQL, if not NULL */
};

extern const struct migration migrations[];
extern const size_t nmigrations;

/*
 * migrate_run applies every migration not yet recorded, in order, and
 * sets *applied to how many it applied. now is the time recorded.
 */
MUST_CHECK int migrate_run(
    struct db *db, int64_t now, int *applied, char *msg, size_t msglen);
/* migrate_current sets *version to the highest applied (0 if none). */
MUST_CHECK int migrate_current(struct db *db, int *version);

#endif
