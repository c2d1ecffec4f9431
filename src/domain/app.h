/*
 * app.h: what every domain function is given.
 *
 * struct app carries the configuration, the clock, the server secret and
 * the calling thread's database connection, so domain code runs the same
 * under the server, the CLI and tests (SQLite :memory: and a frozen clock).
 * Under `laurel serve` it also points at the signer process, shared by all
 * threads, which alone decrypts issuers' private keys.
 * struct who says who is acting, for permissions and the audit log.
 */
#ifndef LAUREL_APP_H
#define LAUREL_APP_H

#include "core/clock.h"
#include "core/config.h"

struct db;
struct signer_proc;

/* Build it with designated initialisers: members left out are NULL. */
struct app {
	const struct config *cfg;
	const struct clock *clock;
	struct db *db;
	const uint8_t *secret; /* 32 bytes: CSRF tokens; NULL in some tools */
	/* The signer process (domain/signer_proc.h) that signer_sign uses
	 * when set; NULL signs in process. */
	struct signer_proc *signer_proc;
};

/* The acting person (NULL when not signed in) and where they are. */
struct who {
	const char *person;
	const char *ip;
};

#endif
