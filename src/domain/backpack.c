/*
 * backpack.c: badges issued elsewhere (see backpack.h).
 *
 * The verification itself is domain/badgecheck.c; this file decides what
 * is kept. Every row a person can reach is filtered by person_id in SQL.
 * A re-check writes only if nobody else re-checked the row meanwhile
 * (checked_at is compared), so two page views do not both write.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/err.h"
#include "core/id.h"
#include "core/log.h"
#include "db/db.h"
#include "db/queries.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/backpack.h"
#include "domain/badgecheck.h"

#include <strings.h>

/* first_failure: the message of the first failed check, for a person. */
static const char *
first_failure(const struct vfy_report *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->checks[i].result == VFY_FAIL)
			return r->checks[i].msg;
	return "";
}

static bool
recipient_failed(const struct vfy_report *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->checks[i].result == VFY_FAIL &&
		    strcmp(r->checks[i].name, "recipient") == 0)
			return true;
	return false;
}

static bool
recipient_passed(const struct vfy_report *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->checks[i].result == VFY_PASS &&
		    strcmp(r->checks[i].name, "recipient") == 0)
			return true;
	return false;
}

static int
check(struct app *app, const char *src, size_t len, const char *email,
    struct vfy_report *r)
{
	struct fetcher f;

	fetcher_init(&f, app->cfg != NULL && app->cfg->fetch_loopback);
	return badgecheck_run(
	    &f, clock_now(app->clock), (const uint8_t *)src, len, email, r);
}

int
backpack_add(struct app *app, struct arena *a, const struct who *who,
    const char *source, size_t len, const char **id, char *why, size_t whysz)
{
	struct account acc;
	struct vfy_report r;
	struct db_rows rows;
	char nid[ID_LEN + 1], key[600];
	const char *email = NULL;
	int64_t now = clock_now(app->clock);
	int rc;
	bool have = false;

	*id = NULL;
	if (len == 0 || len > BACKPACK_SOURCE_MAX) {
		snprintf(why, whysz,
		    "This badge is too large to keep (the limit is %zu KB).",
		    BACKPACK_SOURCE_MAX >> 10);
		return ERR_INVAL;
	}
	if ((rc = account_get(app, a, who->person, &acc)) != 0)
		return rc;
	{
		struct db_param p[1] = {DB_STR(who->person)};

		if ((rc = db_exec(app->db, Q_BACKPACK_COUNT, p, 1, a, &rows)) !=
		    0)
			return rc;
		if (db_get_int(&rows, 0, 0) >= BACKPACK_MAX) {
			snprintf(why, whysz,
			    "You already have %d badges from elsewhere, the "
			    "most Laurel keeps. Remove one first.",
			    BACKPACK_MAX);
			return ERR_TOOBIG;
		}
	}
	/* Try the primary address first, then the other verified ones. */
	for (size_t i = 0; i <= acc.n_emails && !have; i++) {
		email = i == 0 ? acc.primary : acc.emails[i - 1].address;
		if (i > 0 &&
		    (!acc.emails[i - 1].verified || acc.emails[i - 1].primary))
			continue;
		if (email == NULL)
			continue;
		if ((rc = check(app, source, len, email, &r)) != 0) {
			vfy_report_free(&r);
			return rc;
		}
		if (!recipient_failed(&r)) {
			have = true;
			break;
		}
		vfy_report_free(&r);
	}
	if (!have) {
		snprintf(why, whysz,
		    "This badge was not awarded to any of the email addresses "
		    "on your account. Add and confirm the address it was "
		    "awarded to, then try again.");
		return ERR_INVAL;
	}
	if (!r.valid) {
		snprintf(why, whysz, "This badge is not valid: %s",
		    first_failure(&r));
		vfy_report_free(&r);
		return ERR_INVAL;
	}
	if (!recipient_passed(&r) ||
	    (r.kind != VFY_KIND_ASSERTION && r.kind != VFY_KIND_CREDENTIAL)) {
		snprintf(why, whysz,
		    "Only a badge awarded to a person (an assertion or a "
		    "credential) can be added to your badges.");
		vfy_report_free(&r);
		return ERR_INVAL;
	}
	if (r.sum.id[0] != '\0')
		snprintf(key, sizeof(key), "id:%s", r.sum.id);
	else {
		char h[65];

		sha256_hex(source, len, h);
		snprintf(key, sizeof(key), "sha256:%s", h);
	}
	id_new(nid);
	{
		struct db_param p[12] = {DB_STR(nid), DB_STR(who->person),
		    DB_TEXT(source, len), DB_STR(key), DB_INT(r.version),
		    DB_STR(r.sum.badge_name[0] ? r.sum.badge_name : "A badge"),
		    DB_STR(r.sum.issuer_name[0] ? r.sum.issuer_name
		                                : "An unnamed issuer"),
		    DB_STR(r.sum.issuer_url), DB_STR(r.sum.image),
		    DB_STR(r.sum.issued_on), DB_STR(r.sum.expires),
		    DB_INT(now)};

		rc = db_exec(app->db, Q_BACKPACK_INSERT, p, 12, a, &rows);
	}
	vfy_report_free(&r);
	if (rc != 0)
		return rc;
	if (rows.changes == 0) {
		snprintf(why, whysz, "This badge is already in your badges.");
		return ERR_CONFLICT;
	}
	if ((rc = audit_log(app, who, "backpack.add", nid, NULL)) != 0)
		return rc;
	*id = arena_strdup(a, nid);
	return 0;
}

static void
fill(const struct db_rows *rows, size_t i, struct backpack_item *it)
{
	it->id = db_get(rows, i, 0);
	it->source = db_get(rows, i, 1);
	it->version = (int)db_get_int(rows, i, 2);
	it->badge_name = db_get(rows, i, 3);
	it->issuer_name = db_get(rows, i, 4);
	it->issuer_url = db_get(rows, i, 5);
	it->image_url = db_get(rows, i, 6);
	it->issued_on = db_get(rows, i, 7);
	it->expires = db_get(rows, i, 8);
	it->valid = db_get_int(rows, i, 9) != 0;
	it->reason = db_get(rows, i, 10);
	it->checked_at = db_get_int(rows, i, 11);
	it->created_at = db_get_int(rows, i, 12);
}

/* recheck verifies it again (without the recipient: it was checked when
 * added) and stores the outcome. */
static int
recheck(struct app *app, struct arena *a, const char *person,
    struct backpack_item *it)
{
	struct vfy_report r;
	int64_t now = clock_now(app->clock);
	const char *reason;
	struct db_rows rows;
	int rc;

	{
		struct db_param p[2] = {DB_STR(it->id), DB_STR(person)};

		if ((rc = db_exec(app->db, Q_BACKPACK_GET, p, 2, a, &rows)) !=
		    0)
			return rc;
		if (rows.nrows == 0)
			return ERR_NOTFOUND; /* removed meanwhile */
		it->source = db_get(&rows, 0, 1);
	}
	if ((rc = check(app, it->source, strlen(it->source), NULL, &r)) != 0) {
		vfy_report_free(&r);
		return rc;
	}
	reason = arena_strdup(a, first_failure(&r));
	{
		struct db_param p[5] = {DB_STR(it->id), DB_INT(r.valid ? 1 : 0),
		    DB_STR(reason), DB_INT(now), DB_INT(it->checked_at)};

		rc = db_exec(app->db, Q_BACKPACK_RECHECKED, p, 5, NULL, NULL);
	}
	if (rc == 0) {
		it->valid = r.valid;
		it->reason = reason;
		it->checked_at = now;
	}
	vfy_report_free(&r);
	return rc;
}

int
backpack_list(struct app *app, struct arena *a, const char *person,
    bool recheck_stale, struct backpack_item **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(person)};
	struct db_rows rows;
	int64_t now = clock_now(app->clock);
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(app->db, Q_BACKPACK_LIST, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return 0;
	if ((*out = arena_alloc(a, rows.nrows * sizeof(**out))) == NULL)
		return ERR_TOOBIG;
	for (size_t i = 0; i < rows.nrows; i++)
		fill(&rows, i, &(*out)[i]);
	*n = rows.nrows;
	/* Re-check the stalest first, a few per call. */
	for (int k = 0; recheck_stale && k < BACKPACK_RECHECKS; k++) {
		struct backpack_item *oldest = NULL;

		for (size_t i = 0; i < rows.nrows; i++) {
			struct backpack_item *it = &(*out)[i];

			if (now - it->checked_at >= BACKPACK_RECHECK_S &&
			    (oldest == NULL ||
			        it->checked_at < oldest->checked_at))
				oldest = it;
		}
		if (oldest == NULL)
			break;
		/* One that cannot be re-checked keeps its last result. */
		if ((rc = recheck(app, a, person, oldest)) != 0) {
			log_warn("backpack: re-check failed", "badge",
			    oldest->id, "error", err_str(rc));
			oldest->checked_at = now;
		}
	}
	return 0;
}

int
backpack_remove(
    struct app *app, struct arena *a, const struct who *who, const char *id)
{
	struct db_param p[2] = {DB_STR(id), DB_STR(who->person)};
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, Q_BACKPACK_DELETE, p, 2, a, &rows)) != 0)
		return rc;
	if (rows.changes == 0)
		return ERR_NOTFOUND;
	return audit_log(app, who, "backpack.remove", id, NULL);
}

int
backpack_move_person(struct app *app, const char *from, const char *to)
{
	struct db_param p[2] = {DB_STR(from), DB_STR(to)};
	int rc;

	if ((rc = db_exec(app->db, Q_BACKPACK_MOVE, p, 2, NULL, NULL)) != 0)
		return rc;
	return backpack_forget_person(app, from);
}

int
backpack_forget_person(struct app *app, const char *person)
{
	struct db_param p[1] = {DB_STR(person)};

	return db_exec(app->db, Q_BACKPACK_DELETE_PERSON, p, 1, NULL, NULL);
}
