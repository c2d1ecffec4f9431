/*
 * profile.c: the public profile, sharing awards with the organisation and
 * the colleagues opt-in (profile.h).
 *
 * profile_save writes the person's settings and every one of their
 * awards' sharing rows in one transaction, so a form sent twice leaves
 * the same state. Results live in the caller's arena.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/audit.h"
#include "domain/common.h"
#include "domain/endorse.h"
#include "domain/org.h"
#include "domain/profile.h"

/* Words a handle may not be: pages of Laurel's own, and names people
 * could mistake for Laurel's staff. */
static const char *const reserved[] = {"about", "account", "accounts", "admin",
    "administrator", "api", "assets", "awards", "badge", "badges", "dashboard",
    "help", "ideas", "images", "issuer", "issuers", "laurel", "login", "logout",
    "me", "new", "null", "organisation", "organisations", "people", "privacy",
    "profile", "register", "root", "scheme", "settings", "signin", "signout",
    "sssc", "static", "staff", "support", "system", "undefined", "www"};

int
profile_get(struct app *app, struct arena *a, const char *person,
    struct profile_settings *out)
{
	struct db_param p[1] = {DB_STR(person)};
	struct db_rows rows;
	int rc;

	memset(out, 0, sizeof(*out));
	out->handle = "";
	if ((rc = db_exec(app->db, Q_PROFILE_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows > 0) {
		out->handle = db_get(&rows, 0, 0);
		out->is_public = db_get_int(&rows, 0, 1) != 0;
		out->colleagues = db_get_int(&rows, 0, 2) != 0;
	}
	return 0;
}

static bool
alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

const char *
profile_handle_check(const char *h)
{
	size_t n = strlen(h);

	if (n < PROFILE_HANDLE_MIN || n > PROFILE_HANDLE_MAX)
		return "Your profile address must be 3 to 40 characters long.";
	for (size_t i = 0; i < n; i++)
		if (!alnum(h[i]) && h[i] != '-')
			return "Your profile address can only contain lower "
			       "case letters a to z, numbers and hyphens.";
	if (!alnum(h[0]) || !alnum(h[n - 1]))
		return "Your profile address must start and end with a letter "
		       "or a number.";
	for (size_t i = 0; i < NELEM(reserved); i++)
		if (strcmp(h, reserved[i]) == 0)
			return "That profile address is reserved. Choose "
			       "another.";
	return NULL;
}

static bool
listed(const char *id, const char *const *ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] != NULL && strcmp(ids[i], id) == 0)
			return true;
	return false;
}

int
profile_save(struct app *app, struct arena *a, const struct who *who,
    const struct profile_cmd *cmd, struct form_err *e)
{
	int64_t now = clock_now(app->clock);
	struct person_award *aw;
	struct db_param p[5];
	struct db_rows rows;
	const char *msg;
	char *handle;
	size_t n;
	int rc;

	if (who->person == NULL || who->person[0] == '\0')
		return form_fail(
		    e, "", "Sign in to change your profile.", ERR_FORBIDDEN);
	if ((handle = arena_strdup(a, cmd->handle ? cmd->handle : "")) == NULL)
		return ERR_TOOBIG;
	for (char *c = handle; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	if (handle[0] != '\0' && (msg = profile_handle_check(handle)) != NULL)
		return form_fail(e, "handle", msg, ERR_INVAL);
	if (cmd->is_public && handle[0] == '\0')
		return form_fail(e, "handle",
		    "Choose an address for your profile before you turn it "
		    "on.",
		    ERR_INVAL);
	if ((rc = endorse_person_awards(app, a, who->person, &aw, &n)) != 0)
		return rc;
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	if (handle[0] != '\0') {
		p[0] = DB_STR(handle);
		p[1] = DB_STR(who->person);
		rc = db_exec(app->db, Q_PROFILE_HANDLE_TAKEN, p, 2, a, &rows);
		if (rc == 0 && rows.nrows > 0) {
			db_rollback(app->db);
			return form_fail(e, "handle",
			    "That profile address is taken. Choose another.",
			    ERR_CONFLICT);
		}
	}
	p[0] = DB_STR(who->person);
	p[1] = handle[0] ? DB_STR(handle) : DB_NULL;
	p[2] = DB_INT(cmd->is_public);
	p[3] = DB_INT(cmd->colleagues);
	p[4] = DB_INT(now);
	if (rc == 0)
		rc = db_exec(app->db, Q_PROFILE_UPSERT, p, 5, NULL, NULL);
	if (rc == ERR_CONFLICT) { /* taken at the same moment */
		db_rollback(app->db);
		return form_fail(e, "handle",
		    "That profile address is taken. Choose another.",
		    ERR_CONFLICT);
	}
	for (size_t i = 0; rc == 0 && i < n; i++) {
		p[0] = DB_STR(aw[i].id);
		p[1] = DB_INT(listed(aw[i].id, cmd->show, cmd->nshow));
		p[2] = DB_INT(listed(aw[i].id, cmd->share, cmd->nshare));
		p[3] = DB_INT(now);
		rc = db_exec(app->db, Q_SHARING_UPSERT, p, 4, NULL, NULL);
	}
	if (rc == 0)
		rc = audit_log(app, who, "profile.save", who->person,
		    arena_printf(a, "handle %s, %s, colleagues %s",
		        handle[0] ? handle : "(none)",
		        cmd->is_public ? "public" : "off",
		        cmd->colleagues ? "on" : "off"));
	return tx_end(app, rc);
}

/* ---- the public profile ------------------------------------------------- */

/* A group's sort key: series first, then frameworks, then the rest. */
static int
group_rank(const struct profile_award *w, const char *series)
{
	if (series[0] != '\0')
		return 0;
	return strcmp(w->group, "Other badges") == 0 ? 2 : 1;
}

struct sortable {
	struct profile_award w;
	int rank;
	int64_t position;
};

static int
cmp_award(const void *x, const void *y)
{
	const struct sortable *a = x, *b = y;
	int c;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if ((c = strcmp(a->w.group, b->w.group)) != 0)
		return c;
	if (a->position != b->position)
		return a->position < b->position ? -1 : 1;
	if (a->w.issued_at != b->w.issued_at)
		return a->w.issued_at > b->w.issued_at ? -1 : 1;
	return strcmp(a->w.id, b->w.id);
}

int
profile_public(struct app *app, struct arena *a, const char *handle,
    struct profile_page *out)
{
	int64_t now = clock_now(app->clock);
	struct db_param p[1] = {DB_STR(handle)};
	struct sortable *s;
	struct db_rows rows;
	int rc;

	memset(out, 0, sizeof(*out));
	if (handle == NULL || profile_handle_check(handle) != NULL)
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_PROFILE_BY_HANDLE, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0 || db_get_int(&rows, 0, 2) == 0)
		return ERR_NOTFOUND;
	out->name = db_get(&rows, 0, 1);
	out->handle = handle;
	out->person = db_get(&rows, 0, 0);
	p[0] = DB_STR(out->person);
	if ((rc = db_exec(app->db, Q_PROFILE_AWARDS, p, 1, a, &rows)) != 0)
		return rc;
	s = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*s));
	out->awards = arena_alloc(
	    a, (rows.nrows ? rows.nrows : 1) * sizeof(*out->awards));
	if (s == NULL || out->awards == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		struct profile_award *w = &s[r].w;
		const char *series = db_get(&rows, r, 7);
		const char *framework = db_get(&rows, r, 9);

		w->id = db_get(&rows, r, 0);
		w->badge_id = db_get(&rows, r, 1);
		w->badge_name = db_get(&rows, r, 2);
		w->issuer_name = db_get(&rows, r, 3);
		w->status = db_get(&rows, r, 4);
		w->issued_at = db_get_int(&rows, r, 5);
		w->expires_at = db_get_int(&rows, r, 6);
		if (w->expires_at > 0 && w->expires_at <= now)
			w->status = "expired";
		w->group = series[0] ? series
		    : framework[0]   ? framework
		                     : "Other badges";
		s[r].rank = group_rank(w, series);
		s[r].position = series[0] ? db_get_int(&rows, r, 8) : 0;
	}
	qsort(s, rows.nrows, sizeof(*s), cmp_award);
	for (size_t r = 0; r < rows.nrows; r++)
		out->awards[r] = s[r].w;
	out->nawards = rows.nrows;
	return 0;
}

/* ---- the organisation and colleagues ------------------------------------ */

int
profile_org_awards(struct app *app, struct arena *a, const struct who *who,
    bool platform_admin, const char *org, struct shared_award **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(org)};
	struct shared_award *v;
	struct db_rows rows;
	int rc;

	if (!platform_admin &&
	    (who->person == NULL ||
	        (org_person_role(app, a, org, who->person) &
	            (ORG_ADMIN | ORG_MANAGER)) == 0))
		return ERR_FORBIDDEN;
	if ((rc = db_exec(app->db, Q_SHARING_ORG_AWARDS, p, 1, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].badge_id = db_get(&rows, r, 1);
		v[r].badge_name = db_get(&rows, r, 2);
		v[r].issuer_name = db_get(&rows, r, 3);
		v[r].status = db_get(&rows, r, 4);
		v[r].issued_at = db_get_int(&rows, r, 5);
		v[r].expires_at = db_get_int(&rows, r, 6);
		v[r].person = db_get(&rows, r, 7);
		v[r].person_name = db_get(&rows, r, 8);
		v[r].page_private = strcmp(db_get(&rows, r, 9), "private") == 0;
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
profile_colleagues(struct app *app, struct arena *a, const char *badge,
    const char *person, struct colleague **out, size_t *n)
{
	struct db_param p[3];
	struct colleague *v;
	struct db_rows rows;
	int rc;

	*n = 0;
	*out = NULL;
	if (person == NULL || person[0] == '\0' || badge == NULL)
		return 0;
	p[0] = DB_STR(badge);
	p[1] = DB_STR(person);
	p[2] = DB_INT(clock_now(app->clock));
	if ((rc = db_exec(app->db, Q_SHARING_COLLEAGUES, p, 3, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].person = db_get(&rows, r, 0);
		v[r].name = db_get(&rows, r, 1);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
profile_move_person(struct app *app, const char *from, const char *to)
{
	struct db_param p[2] = {DB_STR(from), DB_STR(to)};
	int rc;

	if ((rc = db_exec(app->db, Q_PROFILE_MOVE, p, 2, NULL, NULL)) != 0)
		return rc;
	return profile_forget_person(app, from);
}

int
profile_forget_person(struct app *app, const char *person)
{
	struct db_param p[1] = {DB_STR(person)};

	return db_exec(app->db, Q_PROFILE_DELETE_PERSON, p, 1, NULL, NULL);
}
