/*
 * app.h: what every domain function is given.
 *
 * struct app carries the configuration, the clock, the server secret and
 * the calling thread's database connection, so domain code runs the same
 * under the server, the CLI and tests (SQLite :memory: and a frozen clock).
 * struct who says who is acting, for permissions and the audit log.
 */
#ifndef LAUREL_APP_H
#define LAUREL_APP_H

#include "core/clock.h"
#include "core/config.h"

struct db;

struct app {
	const struct config *cfg;
	const struct clock *clock;
	struct db *db;
	const uint8_t *secret; /* 32 bytes: CSRF tokens; NULL in some tools */
};

/* The acting person (NULL when not signed in) and where they are. */
struct who {
	const char *person;
	const char *ip;
};

#endif
