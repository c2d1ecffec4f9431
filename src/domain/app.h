/*
 * app.h: what every domain function is given.
 *
 * struct app carries the configuration, the clock and the calling thread's
 * database connection, so domain code runs the same under the server, the
 * CLI and tests (SQLite :memory: and a frozen clock).
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
};

#endif
