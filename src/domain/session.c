/*
 * session.c: server-side sessions (see session.h).
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/session.h"

#define UA_MAX 200

int
session_create(struct app *app, const char *person, const char *ip,
    const char *user_agent, char token[SESSION_TOKEN_LEN + 1])
{
	int64_t now = clock_now(app->clock);
	char hash[65];
	size_t ualen = user_agent ? strlen(user_agent) : 0;
	struct db_param p[6];

	token_new(token, SESSION_TOKEN_LEN + 1, 32);
	sha256_hex(token, strlen(token), hash);
	/* Cut the user agent at a character boundary. */
	if (ualen > UA_MAX) {
		ualen = UA_MAX;
		while (ualen > 0 &&
		    ((unsigned char)user_agent[ualen] & 0xC0) == 0x80)
			ualen--;
	}
	p[0] = DB_STR(hash);
	p[1] = DB_STR(person);
	p[2] = DB_INT(now);
	p[3] = DB_INT(now + SESSION_ABSOLUTE);
	p[4] = DB_STR(ip ? ip : "");
	p[5] = DB_TEXT(user_agent ? user_agent : "", ualen);
	return db_exec(app->db, Q_SESSION_INSERT, p, 6, NULL, NULL);
}

int
session_lookup(struct app *app, struct arena *a, const char *token, size_t len,
    struct session *out)
{
	int64_t now = clock_now(app->clock);
	struct db_rows rows;
	struct db_param p[2];
	int rc;

	memset(out, 0, sizeof(*out));
	if (len != SESSION_TOKEN_LEN)
		return ERR_NOTFOUND;
	sha256_hex(token, len, out->hash);
	p[0] = DB_STR(out->hash);
	if ((rc = db_exec(app->db, Q_SESSION_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	out->person = db_get(&rows, 0, 0);
	out->created_at = db_get_int(&rows, 0, 1);
	out->last_seen_at = db_get_int(&rows, 0, 2);
	out->expires_at = db_get_int(&rows, 0, 3);
	out->name = db_get(&rows, 0, 4);
	out->platform_admin = db_get_int(&rows, 0, 5) != 0;
	if (now >= out->expires_at || now - out->last_seen_at >= SESSION_IDLE ||
	    strcmp(db_get(&rows, 0, 6), "active") != 0) {
		if ((rc = session_end(app, out->hash)) != 0)
			return rc;
		return ERR_NOTFOUND;
	}
	if (now - out->last_seen_at >= SESSION_TOUCH_EVERY) {
		p[1] = DB_INT(now);
		if ((rc = db_exec(
		         app->db, Q_SESSION_TOUCH, p, 2, NULL, NULL)) != 0)
			return rc;
		out->last_seen_at = now;
	}
	return 0;
}

int
session_end(struct app *app, const char *hash)
{
	struct db_param p[1] = {DB_STR(hash)};

	return db_exec(app->db, Q_SESSION_DELETE, p, 1, NULL, NULL);
}

int
session_end_all(struct app *app, const char *person, const char *keep_hash)
{
	struct db_param p[2] = {DB_STR(person), DB_STR(keep_hash)};

	if (keep_hash == NULL)
		return db_exec(
		    app->db, Q_SESSION_DELETE_PERSON, p, 1, NULL, NULL);
	return db_exec(app->db, Q_SESSION_DELETE_OTHERS, p, 2, NULL, NULL);
}

int
session_list(struct app *app, struct arena *a, const char *person,
    struct session_info **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(person)};
	struct db_rows rows;
	struct session_info *v;
	int rc;

	if ((rc = db_exec(app->db, Q_SESSION_LIST, p, 1, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].hash = db_get(&rows, r, 0);
		v[r].created_at = db_get_int(&rows, r, 1);
		v[r].last_seen_at = db_get_int(&rows, r, 2);
		v[r].ip = db_get(&rows, r, 3);
		v[r].user_agent = db_get(&rows, r, 4);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}
