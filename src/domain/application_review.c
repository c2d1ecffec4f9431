/*
 * application_review.c: sharing a draft for feedback (see application.h,
 * "reviewers and comments").
 *
 * The learner invites a reviewer by email; the link's token is stored only
 * as its SHA-256 and binds the person who accepts it (signed in: a person
 * without an account registers first). A reviewer sees the application
 * while it is open and until removed, and may comment on the whole or on
 * one criterion; the learner resolves comments. Managers of the learner's
 * organisation have no access of their own: only as invited reviewers.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/application.h"
#include "domain/application_int.h"
#include "domain/audit.h"
#include "domain/common.h"
#include "domain/outbox.h"

static const char *const relationships[][2] = {
    {"manager", "manager"},
    {"supervisor", "supervisor"},
    {"mentor", "mentor"},
    {"colleague", "colleague"},
    {"other", "reviewer"},
};

static const char *
relationship_words(const char *r)
{
	for (size_t i = 0; r != NULL && i < NELEM(relationships); i++)
		if (strcmp(r, relationships[i][0]) == 0)
			return relationships[i][1];
	return NULL;
}

static const char no_app_msg[] = "There is no application at this address.";

int
application_reviewers(struct app *app, struct arena *a, const struct who *who,
    const char *id, struct app_reviewer **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(id)};
	struct db_rows rows;
	struct app_reviewer *v;
	int rc;

	*out = NULL;
	*n = 0;
	if ((application_access(app, a, who, id) &
	        (APP_ACCESS_OWNER | APP_ACCESS_REVIEWER)) == 0)
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_APP_REV_LIST, p, 1, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].email = db_get(&rows, r, 1);
		v[r].relationship = db_get(&rows, r, 2);
		v[r].person_id =
		    db_get(&rows, r, 3)[0] ? db_get(&rows, r, 3) : NULL;
		v[r].name = db_get(&rows, r, 4);
		v[r].invited_at = db_get_int(&rows, r, 5);
		v[r].accepted_at = db_get_int(&rows, r, 6);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
application_invite(struct app *app, struct arena *a, const struct who *who,
    const char *id, const char *email, const char *relationship,
    struct form_err *e)
{
	int64_t now = clock_now(app->clock);
	char rid[ID_LEN + 1], tok[APP_TOKEN_LEN + 1], hash[65];
	const char *address, *words, *body;
	struct application ap;
	struct account acc;
	struct app_row row;
	struct db_param p[8];
	struct db_rows rows;
	size_t active = 0;
	int rc;

	if ((rc = app_owner_editable(app, a, who, id, &row, e)) != 0)
		return rc;
	if (account_normalise_email(a, app_nz(email), &address) != 0)
		return form_fail(e, "email",
		    "Enter the reviewer's email address in the correct "
		    "format, like name@example.com.",
		    ERR_INVAL);
	if ((words = relationship_words(relationship)) == NULL)
		return form_fail(e, "relationship",
		    "Choose who the reviewer is to you.", ERR_INVAL);
	if ((rc = account_get(app, a, who->person, &acc)) != 0)
		return rc;
	for (size_t i = 0; i < acc.n_emails; i++)
		if (strcmp(acc.emails[i].address, address) == 0)
			return form_fail(e, "email",
			    "That is one of your own email addresses. Invite "
			    "someone else to give you feedback.",
			    ERR_INVAL);
	if ((rc = application_get(app, a, who, id, &ap)) != 0)
		return rc;
	p[0] = DB_STR(id);
	if ((rc = db_exec(app->db, Q_APP_REV_LIST, p, 1, a, &rows)) != 0)
		return rc;
	for (size_t r = 0; r < rows.nrows; r++) {
		bool live = db_get_int(&rows, r, 6) != 0 ||
		    db_get_int(&rows, r, 7) > now;
		if (live && strcmp(db_get(&rows, r, 1), address) == 0)
			return form_fail(e, "email",
			    "You have already invited this person. Remove "
			    "them first if you want to send a new "
			    "invitation.",
			    ERR_CONFLICT);
		active += live;
	}
	if (active >= APP_REVIEWERS_MAX)
		return form_fail(e, "email",
		    "You can share a draft with at most 10 reviewers. Remove "
		    "one to invite someone else.",
		    ERR_CONFLICT);
	id_new(rid);
	token_new(tok, sizeof(tok), 32);
	sha256_hex(tok, strlen(tok), hash);
	body = arena_printf(a,
	    "Hello,\n\n%s has asked you, as their %s, to read a draft of their "
	    "application for the badge \"%s\" on Laurel and to comment on "
	    "it before they submit it.\n\n"
	    "To read it, open this link (if you do not have a Laurel account "
	    "you can create one first):\n\n%s/reviews/%s\n\n"
	    "The link expires in 14 days. Please do not include anything in "
	    "your comments that could identify the people they support.\n\n"
	    "Laurel\n",
	    ap.person_name, words, ap.badge_name, app_base(app), tok);
	if (body == NULL)
		return ERR_TOOBIG;
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(rid);
	p[1] = DB_STR(id);
	p[2] = DB_STR(address);
	p[3] = DB_STR(relationship);
	p[4] = DB_STR(hash);
	p[5] = DB_STR(who->person);
	p[6] = DB_INT(now);
	p[7] = DB_INT(now + APP_REVIEW_TTL);
	rc = db_exec(app->db, Q_APP_REV_INSERT, p, 8, NULL, NULL);
	if (rc == 0)
		rc = outbox_queue(app, address,
		    arena_printf(a, "%s would like your feedback on a draft",
		        ap.person_name),
		    body);
	if (rc == 0)
		rc = audit_log(app, who, "application.reviewer.invite", id,
		    arena_printf(a, "%s as %s", address, relationship));
	return tx_end(app, rc);
}

int
application_reviewer_remove(struct app *app, struct arena *a,
    const struct who *who, const char *id, const char *rid, struct form_err *e)
{
	struct db_param p[3] = {
	    DB_STR(id), DB_STR(rid), DB_INT(clock_now(app->clock))};
	struct db_rows rows;
	struct app_row row;
	int rc, mask;

	if ((rc = app_row_get(app, a, id, &row)) != 0)
		return rc == ERR_NOTFOUND
		    ? form_fail(e, "", no_app_msg, ERR_NOTFOUND)
		    : rc;
	mask = app_access_of(app, a, who, id, &row);
	if (mask == 0)
		return form_fail(e, "", no_app_msg, ERR_NOTFOUND);
	if ((mask & APP_ACCESS_OWNER) == 0)
		return form_fail(e, "",
		    "Only the person applying can remove a reviewer.",
		    ERR_FORBIDDEN);
	if (rid == NULL || !id_valid(rid, strlen(rid)))
		return form_fail(
		    e, "", "There is no such reviewer.", ERR_NOTFOUND);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = db_exec(app->db, Q_APP_REV_REMOVE, p, 3, a, &rows);
	if (rc == 0 && rows.changes != 1) {
		db_rollback(app->db);
		return form_fail(
		    e, "", "There is no such reviewer.", ERR_NOTFOUND);
	}
	if (rc == 0)
		rc =
		    audit_log(app, who, "application.reviewer.remove", id, rid);
	return tx_end(app, rc);
}

/* invite_row reads the invitation of token, live or not. */
static int
invite_row(
    struct app *app, struct arena *a, const char *token, struct db_rows *rows)
{
	char hash[65];
	struct db_param p[1];
	int rc;

	if (token == NULL || strlen(token) != APP_TOKEN_LEN)
		return ERR_NOTFOUND;
	sha256_hex(token, APP_TOKEN_LEN, hash);
	p[0] = DB_STR(hash);
	if ((rc = db_exec(app->db, Q_APP_REV_BY_HASH, p, 1, a, rows)) != 0)
		return rc;
	if (rows->nrows == 0 || db_get_int(rows, 0, 7) != 0 ||
	    !app_status_open(app_status_parse(db_get(rows, 0, 11))))
		return ERR_NOTFOUND;
	/* an unaccepted link expires; an accepted one stays usable */
	if (db_get_int(rows, 0, 6) == 0 &&
	    db_get_int(rows, 0, 5) <= clock_now(app->clock))
		return ERR_NOTFOUND;
	return 0;
}

int
review_invite_find(struct app *app, struct arena *a, const char *token,
    struct review_invite *out)
{
	struct db_rows rows;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = invite_row(app, a, token, &rows)) != 0)
		return rc;
	out->reviewer_id = db_get(&rows, 0, 0);
	out->application_id = db_get(&rows, 0, 1);
	out->email = db_get(&rows, 0, 2);
	out->relationship = db_get(&rows, 0, 3);
	out->accepted_by = db_get(&rows, 0, 4);
	out->learner_id = db_get(&rows, 0, 8);
	out->learner_name = db_get(&rows, 0, 9);
	out->badge_name = db_get(&rows, 0, 10);
	return 0;
}

int
review_accept(struct app *app, struct arena *a, const struct who *who,
    const char *token, const char **app_id, struct form_err *e)
{
	int64_t now = clock_now(app->clock);
	struct review_invite iv;
	struct db_param p[3];
	struct db_rows rows;
	int rc;

	*app_id = NULL;
	if (who->person == NULL || who->person[0] == '\0')
		return form_fail(e, "",
		    "Sign in, or create an account, to accept this invitation.",
		    ERR_FORBIDDEN);
	rc = review_invite_find(app, a, token, &iv);
	if (rc == ERR_NOTFOUND)
		return form_fail(e, "",
		    "This invitation has expired or been withdrawn, or the "
		    "application has ended.",
		    ERR_NOTFOUND);
	if (rc != 0)
		return rc;
	if (strcmp(iv.learner_id, who->person) == 0)
		return form_fail(e, "",
		    "This is your own application: invite someone else to "
		    "review it.",
		    ERR_FORBIDDEN);
	if (iv.accepted_by[0] != '\0') {
		if (strcmp(iv.accepted_by, who->person) != 0)
			return form_fail(e, "",
			    "Someone else has already accepted this "
			    "invitation. Ask the learner to invite you.",
			    ERR_CONFLICT);
		*app_id = iv.application_id;
		return 0;
	}
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(iv.reviewer_id);
	p[1] = DB_STR(who->person);
	p[2] = DB_INT(now);
	rc = db_exec(app->db, Q_APP_REV_ACCEPT, p, 3, a, &rows);
	if (rc == 0 && rows.changes != 1) {
		db_rollback(app->db);
		return form_fail(e, "",
		    "Someone else has already accepted this invitation.",
		    ERR_CONFLICT);
	}
	if (rc == 0)
		rc = audit_log(app, who, "application.reviewer.accept",
		    iv.application_id, iv.reviewer_id);
	if ((rc = tx_end(app, rc)) != 0)
		return rc;
	*app_id = iv.application_id;
	return 0;
}

/* ---- comments ---------------------------------------------------------- */

int
application_comment(struct app *app, struct arena *a, const struct who *who,
    const char *id, int criterion, const char *body, struct form_err *e)
{
	int64_t now = clock_now(app->clock);
	struct application ap;
	struct app_row row;
	struct db_param p[7];
	const char *text;
	char cid[ID_LEN + 1];
	int rc, mask;

	if ((rc = app_row_get(app, a, id, &row)) != 0)
		return rc == ERR_NOTFOUND
		    ? form_fail(e, "", no_app_msg, ERR_NOTFOUND)
		    : rc;
	mask = app_access_of(app, a, who, id, &row);
	if (mask == 0)
		return form_fail(e, "", no_app_msg, ERR_NOTFOUND);
	if ((mask & (APP_ACCESS_OWNER | APP_ACCESS_REVIEWER)) == 0)
		return form_fail(e, "",
		    "Only the learner and the reviewers they invited can "
		    "comment here.",
		    ERR_FORBIDDEN);
	if (!app_status_open(row.status))
		return form_fail(e, "",
		    "This application has ended, so it takes no more "
		    "comments.",
		    ERR_CONFLICT);
	if ((text = app_trim(a, body)) == NULL)
		return ERR_TOOBIG;
	if (text[0] == '\0')
		return form_fail(e, "body", "Write your comment.", ERR_INVAL);
	if (!app_text_ok(text, APP_COMMENT_MAX))
		return form_fail(e, "body",
		    "Your comment is too long: the limit is 8,000 characters.",
		    ERR_INVAL);
	if ((rc = application_get(app, a, who, id, &ap)) != 0)
		return rc;
	if (criterion < 0 || (size_t)criterion > ap.nanswers)
		return form_fail(e, "criterion",
		    "Choose the whole application or one of its criteria.",
		    ERR_INVAL);
	id_new(cid);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(cid);
	p[1] = DB_STR(id);
	p[2] = DB_INT(ap.round);
	p[3] = DB_STR(who->person);
	p[4] = DB_INT(criterion);
	p[5] = DB_STR(text);
	p[6] = DB_INT(now);
	rc = db_exec(app->db, Q_APP_COMMENT_INSERT, p, 7, NULL, NULL);
	if (rc == 0 && (mask & APP_ACCESS_OWNER) == 0)
		rc = app_mail_person(app, a, ap.person_id,
		    arena_printf(
		        a, "New feedback on your draft for %s", ap.badge_name),
		    arena_printf(a,
		        "Hello %s,\n\nA reviewer you invited has commented on "
		        "your draft application for the badge \"%s\"%s.\n\n"
		        "Read it here:\n\n%s/applications/%s#comments\n\n"
		        "Laurel\n",
		        ap.person_name, ap.badge_name,
		        criterion
		            ? arena_printf(a, " (on criterion %d)", criterion)
		            : "",
		        app_base(app), id));
	if (rc == 0)
		rc = audit_log(app, who, "application.comment", id,
		    arena_printf(a, "%s criterion %d", cid, criterion));
	return tx_end(app, rc);
}

int
application_comment_resolve(struct app *app, struct arena *a,
    const struct who *who, const char *id, const char *cid, struct form_err *e)
{
	int64_t now = clock_now(app->clock);
	struct db_param p[4] = {
	    DB_STR(id), DB_STR(cid), DB_INT(now), DB_STR(who->person)};
	struct db_rows rows;
	struct app_row row;
	int rc, mask;

	if ((rc = app_row_get(app, a, id, &row)) != 0)
		return rc == ERR_NOTFOUND
		    ? form_fail(e, "", no_app_msg, ERR_NOTFOUND)
		    : rc;
	mask = app_access_of(app, a, who, id, &row);
	if (mask == 0)
		return form_fail(e, "", no_app_msg, ERR_NOTFOUND);
	if ((mask & APP_ACCESS_OWNER) == 0)
		return form_fail(e, "",
		    "Only the person applying can resolve comments.",
		    ERR_FORBIDDEN);
	if (cid == NULL || !id_valid(cid, strlen(cid)))
		return form_fail(
		    e, "", "There is no such comment.", ERR_NOTFOUND);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = db_exec(app->db, Q_APP_COMMENT_RESOLVE, p, 4, a, &rows);
	if (rc == 0 && rows.changes != 1) {
		db_rollback(app->db);
		rc = db_exec(app->db, Q_APP_COMMENT_GET, p, 2, a, &rows);
		if (rc != 0)
			return rc;
		return rows.nrows == 0
		    ? form_fail(
		          e, "", "There is no such comment.", ERR_NOTFOUND)
		    : form_fail(e, "", "This comment is already resolved.",
		          ERR_CONFLICT);
	}
	if (rc == 0)
		rc =
		    audit_log(app, who, "application.comment.resolve", id, cid);
	return tx_end(app, rc);
}

int
application_comments(struct app *app, struct arena *a, const struct who *who,
    const char *id, struct app_comment **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(id)};
	struct db_rows rows;
	struct app_comment *v;
	int rc;

	*out = NULL;
	*n = 0;
	if (application_access(app, a, who, id) == 0)
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_APP_COMMENTS, p, 1, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].author_id = db_get(&rows, r, 1);
		v[r].author_name = db_get(&rows, r, 2);
		v[r].round = (int)db_get_int(&rows, r, 3);
		v[r].criterion = (int)db_get_int(&rows, r, 4);
		v[r].body = db_get(&rows, r, 5);
		v[r].created_at = db_get_int(&rows, r, 6);
		v[r].resolved_at = db_get_int(&rows, r, 7);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
application_reviewing(struct app *app, struct arena *a, const char *person,
    struct app_reviewing **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(app_nz(person))};
	struct db_rows rows;
	struct app_reviewing *v;
	int rc;

	if ((rc = db_exec(app->db, Q_APP_REVIEWING, p, 1, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].badge_id = db_get(&rows, r, 1);
		v[r].badge_name = db_get(&rows, r, 2);
		v[r].status = app_status_parse(db_get(&rows, r, 3));
		v[r].learner_name = db_get(&rows, r, 4);
		v[r].updated_at = db_get_int(&rows, r, 5);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}
