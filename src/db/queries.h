/*
 * queries.h: every SQL statement Laurel runs has an id here and its text
 * in queries.c. A unit test prepares each one on SQLite and PostgreSQL and
 * checks the declared parameter count.
 */
#ifndef LAUREL_QUERIES_H
#define LAUREL_QUERIES_H

#include <stddef.h>

enum db_qid {
	Q_TX_BEGIN,
	Q_TX_COMMIT,
	Q_TX_ROLLBACK,
	Q_HEALTH,
	Q_MIGRATION_LIST,
	Q_MIGRATION_RECORD,
	Q_ISSUER_INSERT,
	Q_ISSUER_GET,
	Q_BADGE_INSERT,
	Q_BADGE_VERSION_INSERT,
	Q_BADGE_CRITERION_INSERT,
	Q_BADGE_ACTIVITY_INSERT,
	Q_BADGE_RESOURCE_INSERT,
	Q_BADGE_TAG_INSERT,
	Q_BADGE_LIST_PUBLISHED,
	Q_BADGE_COUNT_PUBLISHED,
	Q_BADGE_GET,
	Q_BADGE_CRITERIA,
	Q_BADGE_ACTIVITIES,
	Q_BADGE_RESOURCES,
	Q_BADGE_TAGS,
	Q__COUNT
};

struct db_query {
	const char *name;
	const char *sql; /* SQLite text, ?N placeholders */
	const char *pg;  /* PostgreSQL text, or NULL: sql with ?N -> $N */
	size_t nparams;
};

extern const struct db_query db_queries[Q__COUNT];

#endif
