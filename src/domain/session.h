/*
 * session.h: server-side sessions.
 *
 * A session is a row in the sessions table (so several servers share
 * them), found by the SHA-256 of a random 256-bit token that only the
 * browser's cookie holds. Sessions end when idle for SESSION_IDLE seconds
 * and, whatever the activity, SESSION_ABSOLUTE seconds after sign-in.
 */
#ifndef LAUREL_SESSION_H
#define LAUREL_SESSION_H

#include "core/common.h"
#include "domain/app.h"

struct arena;

#define SESSION_IDLE (2 * 60 * 60)
#define SESSION_ABSOLUTE (12 * 60 * 60)
#define SESSION_TOKEN_LEN 43 /* base64url of 32 bytes */
#define SESSION_TOUCH_EVERY 60

struct session {
	char hash[65]; /* SHA-256 of the token: the session's id */
	const char *person;
	const char *name;
	bool platform_admin;
	int64_t created_at;
	int64_t last_seen_at;
	int64_t expires_at;
};

/*
 * session_create starts a session for person and writes its token into
 * token (the cookie value). ip and user_agent are shown in the sessions
 * list. Returns 0 or ERR_DB.
 */
MUST_CHECK int session_create(struct app *app, const char *person,
    const char *ip, const char *user_agent, char token[SESSION_TOKEN_LEN + 1]);

/*
 * session_lookup finds the live session for token and notes the activity.
 * Returns ERR_NOTFOUND when there is none, or it has expired (and is then
 * deleted), or its person can no longer sign in.
 */
MUST_CHECK int session_lookup(struct app *app, struct arena *a,
    const char *token, size_t len, struct session *out);

/* session_end ends the session with this hash (idempotent). */
MUST_CHECK int session_end(struct app *app, const char *hash);
/* session_end_all ends every session of person except keep_hash (or all). */
MUST_CHECK int session_end_all(
    struct app *app, const char *person, const char *keep_hash);

struct session_info {
	const char *hash;
	int64_t created_at;
	int64_t last_seen_at;
	const char *ip;
	const char *user_agent;
};

/* session_list lists person's sessions, most recently used first. */
MUST_CHECK int session_list(struct app *app, struct arena *a,
    const char *person, struct session_info **out, size_t *n);

#endif
