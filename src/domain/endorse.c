/*
 * endorse.c: endorsements, their spam checks, confirmation, moderation,
 * requests, and the manager's endorsement deadline (endorse.h).
 *
 * The endorser's email address is read by two queries only: the one that
 * finds an endorsement by its confirmation link (to check it for a
 * manager) and the duplicate check; no list selects it, so no page can
 * show it by mistake. Link tokens are kept only as their SHA-256.
 * Results live in the caller's arena.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "core/log.h"
#include "core/num.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/common.h"
#include "domain/form_guard.h"
#include "domain/endorse.h"
#include "domain/outbox.h"

#define DAY 86400

static const struct {
	const char *name;
	const char *label;
} relationships[] = {
    {"manager", "Manager"},
    {"colleague", "Colleague"},
    {"tutor", "Tutor"},
    {"uses_services", "Person who uses services"},
    {"other", "Other"},
};

bool
endorse_relationship_valid(const char *s)
{
	for (size_t i = 0; s && i < NELEM(relationships); i++)
		if (strcmp(s, relationships[i].name) == 0)
			return true;
	return false;
}

const char *
endorse_relationship_label(const char *s)
{
	for (size_t i = 0; s && i < NELEM(relationships); i++)
		if (strcmp(s, relationships[i].name) == 0)
			return relationships[i].label;
	return s ? s : "";
}

/* ---- small text helpers ----------------------------------------------- */

static const char *
nz(const char *s)
{
	return s ? s : "";
}

/* message_hash is the SHA-256 of the message in lower case with runs of
 * white space as one space. */
static int
message_hash(struct arena *a, const char *s, char out[65])
{
	struct buf b;

	buf_init(&b, a, ENDORSE_MESSAGE_MAX * 4 + 8);
	guard_fold(&b, s);
	if (buf_err(&b) != 0)
		return ERR_TOOBIG;
	sha256_hex(b.data, b.len, out);
	return 0;
}
static const char *
base_url(struct app *app)
{
	return app->cfg && app->cfg->base_url ? app->cfg->base_url : "";
}

/* ---- the form token and the sender's address --------------------------- */

int
endorse_form_token(struct app *app, char out[ENDORSE_FORM_TOKEN_LEN])
{
	return guard_token(app, "endorse", out, ENDORSE_FORM_TOKEN_LEN);
}

bool
endorse_token_usable(struct app *app, const char *token)
{
	int64_t age;

	return guard_token_age(app, "endorse", token, &age) == 0 &&
	    age <= ENDORSE_TOKEN_TTL;
}

/* link_new makes a one-time link token and its stored hash. */
static void
link_new(char token[ENDORSE_LINK_LEN + 1], char hash[65])
{
	token_new(token, ENDORSE_LINK_LEN + 1, 32);
	sha256_hex(token, strlen(token), hash);
}

/* ---- the award ---------------------------------------------------------- */

struct award_row {
	const char *id;
	const char *person;
	const char *learner_name;
	const char *badge_name;
	const char *status;
	int64_t issued_at;
	int64_t months;
	const char *badge_id;
	const char *person_status;
	int64_t expires_at;
	bool met;
	bool private_; /* page_visibility private (migration 7) */
};

static int
award_row(struct app *app, struct arena *a, const char *id, struct award_row *w)
{
	struct db_param p[1] = {DB_STR(id)};
	struct db_rows rows;
	int rc;

	if (id == NULL || !id_valid(id, strlen(id)))
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_ENDORSE_AWARD, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	w->id = db_get(&rows, 0, 0);
	w->person = db_get(&rows, 0, 1);
	w->learner_name = db_get(&rows, 0, 2);
	w->badge_name = db_get(&rows, 0, 3);
	w->status = db_get(&rows, 0, 4);
	w->issued_at = db_get_int(&rows, 0, 5);
	w->months = db_get_int(&rows, 0, 6);
	w->badge_id = db_get(&rows, 0, 7);
	w->person_status = db_get(&rows, 0, 8);
	w->expires_at = db_get_int(&rows, 0, 9);
	w->met = db_get_int(&rows, 0, 10) != 0;
	w->private_ = strcmp(db_get(&rows, 0, 11), "private") == 0;
	return 0;
}

/* endorsable: an award of an active person whose page is not private,
 * active or expired by date (not revoked, suspended or lapsed). */
static bool
endorsable(const struct award_row *w)
{
	return strcmp(w->person_status, "active") == 0 && !w->private_ &&
	    (strcmp(w->status, "active") == 0 ||
	        strcmp(w->status, "expired") == 0);
}

static bool
owns(const struct who *who, const struct award_row *w)
{
	return who != NULL && who->person != NULL &&
	    strcmp(who->person, w->person) == 0;
}

int64_t
endorse_deadline_of(int64_t issued_at, int64_t months)
{
	if (months <= 0)
		return 0;
	return clock_add_months(
	    issued_at, (int)(months > 1200 ? 1200 : months));
}

int
endorse_deadline(struct app *app, struct arena *a, const char *award,
    int64_t *deadline, bool *met)
{
	struct award_row w;
	int rc;

	if ((rc = award_row(app, a, award, &w)) != 0)
		return rc;
	*deadline = endorse_deadline_of(w.issued_at, w.months);
	*met = w.met;
	return 0;
}

int
endorse_target(struct app *app, struct arena *a, const char *award,
    struct endorse_target *out)
{
	struct award_row w;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = award_row(app, a, award, &w)) != 0)
		return rc;
	if (strcmp(w.person_status, "active") != 0)
		return ERR_NOTFOUND;
	out->award_id = w.id;
	out->person = w.person;
	out->learner_name = w.learner_name;
	out->badge_id = w.badge_id;
	out->badge_name = w.badge_name;
	out->status = w.status;
	out->deadline = endorse_deadline_of(w.issued_at, w.months);
	out->met = w.met;
	out->open = endorsable(&w);
	out->page_private = w.private_;
	return 0;
}

/* ---- submitting --------------------------------------------------------- */

struct clean {
	const char *name, *email, *relationship, *organisation, *message;
};

static int
check_fields(struct arena *a, const struct endorse_cmd *cmd, struct clean *c,
    struct form_err *e)
{
	if ((c->name = guard_trim(a, nz(cmd->name))) == NULL ||
	    (c->organisation = guard_trim(a, nz(cmd->organisation))) == NULL ||
	    (c->message = guard_trim(a, nz(cmd->message))) == NULL)
		return ERR_TOOBIG;
	c->relationship = nz(cmd->relationship);
	if (c->name[0] == '\0')
		return form_fail(e, "name", "Enter your name.", ERR_INVAL);
	if (text_chars(c->name) > ENDORSE_NAME_MAX)
		return form_fail(e, "name",
		    "Your name must be 100 characters or fewer.", ERR_INVAL);
	if (nz(cmd->email)[0] == '\0')
		return form_fail(
		    e, "email", "Enter your email address.", ERR_INVAL);
	if (account_normalise_email(a, cmd->email, &c->email) != 0)
		return form_fail(e, "email",
		    "Enter an email address in the correct format, like "
		    "name@example.com.",
		    ERR_INVAL);
	if (!endorse_relationship_valid(c->relationship))
		return form_fail(e, "relationship",
		    "Choose how you know the person.", ERR_INVAL);
	if (text_chars(c->organisation) > ENDORSE_ORG_MAX)
		return form_fail(e, "organisation",
		    "The organisation must be 120 characters or fewer.",
		    ERR_INVAL);
	if (c->message[0] == '\0')
		return form_fail(
		    e, "message", "Enter your endorsement.", ERR_INVAL);
	if (text_chars(c->message) > ENDORSE_MESSAGE_MAX)
		return form_fail(e, "message",
		    "Your endorsement must be 2,000 characters or fewer.",
		    ERR_INVAL);
	return 0;
}

static int
check_links(const struct clean *c, struct form_err *e)
{
	const char *fields[] = {"name", "organisation", "message"};
	const char *texts[] = {c->name, c->organisation, c->message};
	size_t n = 0;

	for (size_t i = 0; i < NELEM(texts); i++) {
		n += guard_count_links(texts[i]);
		if (n > ENDORSE_MAX_LINKS)
			return form_fail(e, fields[i],
			    "Please include no more than 2 web links in your "
			    "endorsement.",
			    ERR_INVAL);
	}
	return 0;
}

static int
check_token(struct app *app, const char *token, struct form_err *e)
{
	int64_t age;

	if (guard_token_age(app, "endorse", token, &age) != 0 ||
	    age > ENDORSE_TOKEN_TTL)
		return form_fail(e, "",
		    "This form has expired. Please send it again.", ERR_INVAL);
	if (age < ENDORSE_TOKEN_MIN_AGE)
		return form_fail(e, "",
		    "Please wait a few seconds and send the form again.",
		    ERR_INVAL);
	return 0;
}

static int
count(struct app *app, struct arena *a, enum db_qid q, const char *key,
    int64_t since, int64_t *n)
{
	struct db_param p[2] = {DB_STR(key), DB_INT(since)};
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, q, p, 2, a, &rows)) != 0)
		return rc;
	*n = rows.nrows ? db_get_int(&rows, 0, 0) : 0;
	return 0;
}

/* A live, unused request of award by its token; ERR_NOTFOUND. */
struct request_row {
	const char *id, *name, *email;
};

static int
request_row(struct app *app, struct arena *a, const char *award,
    const char *token, struct request_row *out)
{
	struct db_param p[1];
	struct db_rows rows;
	char hash[65];
	int rc;

	if (token == NULL || strlen(token) != ENDORSE_LINK_LEN)
		return ERR_NOTFOUND;
	sha256_hex(token, strlen(token), hash);
	p[0] = DB_STR(hash);
	if ((rc = db_exec(app->db, Q_ENDORSE_REQ_BY_TOKEN, p, 1, a, &rows)) !=
	    0)
		return rc;
	if (rows.nrows == 0 || strcmp(db_get(&rows, 0, 1), award) != 0 ||
	    db_get_int(&rows, 0, 4) <= clock_now(app->clock) ||
	    db_get_int(&rows, 0, 5) != 0)
		return ERR_NOTFOUND;
	out->id = db_get(&rows, 0, 0);
	out->name = db_get(&rows, 0, 2);
	out->email = db_get(&rows, 0, 3);
	return 0;
}

int
endorse_request_find(struct app *app, struct arena *a, const char *award,
    const char *token, const char **name, const char **email)
{
	struct request_row q;
	int rc;

	if ((rc = request_row(app, a, award, token, &q)) != 0)
		return rc;
	*name = q.name;
	*email = q.email;
	return 0;
}

/*
 * confirm_row marks endorsement id confirmed at now, checks whether its
 * address is a manager of the learner's, emails the learner and writes
 * the audit event. Inside the caller's transaction. ERR_NOTFOUND when it
 * was not waiting for confirmation.
 */
static int
confirm_row(struct app *app, struct arena *a, const struct who *who,
    const char *id, const char *email, const struct award_row *w,
    const char *endorser)
{
	int64_t now = clock_now(app->clock);
	struct db_param p[4];
	struct db_rows rows, em;
	const char *org = NULL;
	int rc;

	p[0] = DB_STR(email);
	p[1] = DB_STR(w->person);
	if ((rc = db_exec(app->db, Q_ENDORSE_MANAGER_OF, p, 2, a, &rows)) != 0)
		return rc;
	if (rows.nrows > 0)
		org = db_get(&rows, 0, 0);
	p[0] = DB_STR(id);
	p[1] = DB_INT(now);
	p[2] = DB_INT(org != NULL);
	p[3] = org ? DB_STR(org) : DB_NULL;
	if ((rc = db_exec(app->db, Q_ENDORSE_CONFIRM, p, 4, a, &rows)) != 0)
		return rc;
	if (rows.changes != 1)
		return ERR_NOTFOUND;
	p[0] = DB_STR(w->person);
	if ((rc = db_exec(app->db, Q_EMAIL_PRIMARY, p, 1, a, &em)) != 0)
		return rc;
	if (em.nrows > 0 &&
	    (rc = outbox_queue(app, db_get(&em, 0, 0),
	         arena_printf(a, "New endorsement: %s", w->badge_name),
	         arena_printf(a,
	             "Hello %s,\n\n%s has endorsed your badge \"%s\" on "
	             "Laurel.%s\n\nRead it, then publish it on your award's "
	             "page or keep it hidden:\n\n%s/awards/%s/endorsements\n\n"
	             "Laurel\n",
	             w->learner_name, endorser, w->badge_name,
	             org ? " They are a manager in your organisation, so "
	                   "this is a manager's endorsement."
	                 : "",
	             base_url(app), w->id))) != 0)
		return rc;
	return audit_log(
	    app, who, "endorsement.confirm", id, org ? "verified manager" : "");
}

static const char dup_msg[] =
    "This award already has an endorsement with the same message or from "
    "the same email address. If you sent one, look for the confirmation "
    "email.";

int
endorse_submit(struct app *app, struct arena *a, const struct who *who,
    const char *award, const struct endorse_cmd *cmd, char id[ID_LEN + 1],
    bool *confirmed, struct form_err *e)
{
	int64_t now = clock_now(app->clock), recent = 0;
	char hash[65], ipk[GUARD_MAC_LEN + 1], token[ENDORSE_LINK_LEN + 1],
	    thash[65];
	struct request_row req = {0};
	bool by_request = false;
	struct award_row w;
	struct db_param p[13];
	struct db_rows rows;
	struct clean c;
	int rc;

	*confirmed = false;
	rc = award_row(app, a, award, &w);
	if (rc == ERR_NOTFOUND || (rc == 0 && !endorsable(&w)))
		return form_fail(e, "",
		    "This award cannot be endorsed: it does not exist or is "
		    "no longer active.",
		    ERR_NOTFOUND);
	if (rc != 0)
		return rc;
	if (owns(who, &w))
		return form_fail(
		    e, "", "You cannot endorse your own award.", ERR_FORBIDDEN);
	if ((rc = check_fields(a, cmd, &c, e)) != 0)
		return rc;
	/* Spam checks: after the fields, so a person fixes those first. */
	if (cmd->honeypot != NULL && cmd->honeypot[0] != '\0')
		return form_fail(e, "",
		    "Your endorsement was not sent because the form looked as "
		    "if a computer had filled it in. Please send it again.",
		    ERR_INVAL);
	if ((rc = check_token(app, cmd->token, e)) != 0)
		return rc;
	if ((rc = check_links(&c, e)) != 0)
		return rc;
	if ((rc = message_hash(a, c.message, hash)) != 0)
		return rc;
	if ((rc = guard_ip_key(app, "endorse", who->ip, ipk)) != 0)
		return rc;
	if (nz(cmd->request)[0] != '\0') {
		rc = request_row(app, a, award, cmd->request, &req);
		if (rc != 0 && rc != ERR_NOTFOUND)
			return rc;
		by_request = rc == 0 && strcmp(req.email, c.email) == 0;
	}
	p[0] = DB_STR(award);
	p[1] = DB_STR(hash);
	p[2] = DB_STR(c.email);
	p[3] = DB_INT(now);
	if ((rc = db_exec(app->db, Q_ENDORSE_DUP, p, 4, a, &rows)) != 0)
		return rc;
	if (rows.nrows > 0 && db_get_int(&rows, 0, 0) > 0)
		return form_fail(e, "message", dup_msg, ERR_CONFLICT);

	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = count(
	    app, a, Q_ENDORSE_COUNT_IP, ipk, now - ENDORSE_IP_WINDOW, &recent);
	if (rc == 0 && recent >= ENDORSE_IP_LIMIT) {
		db_rollback(app->db);
		return form_fail(e, "",
		    "Too many endorsements have been sent from here in the "
		    "last hour. Please try again later.",
		    ERR_FORBIDDEN);
	}
	if (rc == 0)
		rc = count(app, a, Q_ENDORSE_COUNT_AWARD, award,
		    now - ENDORSE_AWARD_WINDOW, &recent);
	if (rc == 0 && recent >= ENDORSE_AWARD_LIMIT) {
		db_rollback(app->db);
		return form_fail(e, "",
		    "This award has had many endorsements today. Please try "
		    "again tomorrow.",
		    ERR_FORBIDDEN);
	}
	link_new(token, thash);
	id_new(id);
	p[0] = DB_STR(id);
	p[1] = DB_STR(award);
	p[2] = DB_STR(c.name);
	p[3] = DB_STR(c.email);
	p[4] = DB_STR(c.relationship);
	p[5] = DB_STR(c.organisation);
	p[6] = DB_STR(c.message);
	p[7] = DB_STR(thash);
	p[8] = DB_INT(now + ENDORSE_CONFIRM_TTL);
	p[9] = DB_STR(hash);
	p[10] = DB_STR(ipk);
	p[11] = by_request ? DB_STR(req.id) : DB_NULL;
	p[12] = DB_INT(now);
	if (rc == 0)
		rc = db_exec(app->db, Q_ENDORSE_INSERT, p, 13, NULL, NULL);
	if (rc == 0)
		rc = audit_log(app, who, "endorsement.submit", id, award);
	if (rc == 0 && by_request) {
		/* The request's link went to this address: proof enough. */
		p[0] = DB_STR(req.id);
		p[1] = DB_INT(now);
		rc = db_exec(app->db, Q_ENDORSE_REQ_USE, p, 2, a, &rows);
		if (rc == 0)
			rc = confirm_row(app, a, who, id, c.email, &w, c.name);
		*confirmed = rc == 0;
	} else if (rc == 0) {
		rc = outbox_queue(app, c.email,
		    arena_printf(
		        a, "Confirm your endorsement of %s", w.learner_name),
		    arena_printf(a,
		        "Hello %s,\n\nYou wrote an endorsement of %s's badge "
		        "\"%s\" on Laurel. To confirm your email address and "
		        "send the endorsement to %s, open this link within 7 "
		        "days:\n\n%s/endorsements/confirm?token=%s\n\nIf you "
		        "did not write it, ignore this email: nothing will be "
		        "shown.\n\nLaurel\n",
		        c.name, w.learner_name, w.badge_name, w.learner_name,
		        base_url(app), token));
	}
	return tx_end(app, rc);
}

/* ---- confirming --------------------------------------------------------- */

struct token_row {
	const char *id, *award, *status, *email, *name;
	int64_t expires_at;
};

static int
find_token(struct app *app, struct arena *a, const char *token,
    struct token_row *t, struct endorse_pending *out, struct form_err *e)
{
	struct db_param p[1];
	struct db_rows rows;
	char hash[65];
	int rc;

	memset(out, 0, sizeof(*out));
	if (token == NULL || strlen(token) != ENDORSE_LINK_LEN)
		goto dead;
	sha256_hex(token, strlen(token), hash);
	p[0] = DB_STR(hash);
	if ((rc = db_exec(app->db, Q_ENDORSE_BY_TOKEN, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		goto dead;
	t->id = db_get(&rows, 0, 0);
	t->award = db_get(&rows, 0, 1);
	t->status = db_get(&rows, 0, 2);
	t->expires_at = db_get_int(&rows, 0, 3);
	t->email = db_get(&rows, 0, 4);
	t->name = db_get(&rows, 0, 6);
	out->award_id = t->award;
	out->endorser_name = t->name;
	out->badge_name = db_get(&rows, 0, 7);
	out->learner_name = db_get(&rows, 0, 8);
	out->done = strcmp(t->status, "pending_email") != 0;
	if (!out->done && t->expires_at <= clock_now(app->clock))
		goto dead;
	return 0;
dead:
	return form_fail(e, "",
	    "This confirmation link has expired or is not valid. You can "
	    "write the endorsement again from the award's page.",
	    ERR_NOTFOUND);
}

int
endorse_confirm_find(struct app *app, struct arena *a, const char *token,
    struct endorse_pending *out, struct form_err *e)
{
	struct token_row t;

	return find_token(app, a, token, &t, out, e);
}

int
endorse_confirm(struct app *app, struct arena *a, const struct who *who,
    const char *token, struct endorse_pending *out, struct form_err *e)
{
	struct award_row w;
	struct token_row t;
	int rc;

	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = find_token(app, a, token, &t, out, e);
	if (rc == 0 && out->done)
		return tx_end(app, 0);
	if (rc == 0)
		rc = award_row(app, a, t.award, &w);
	if (rc == 0)
		rc = confirm_row(app, a, who, t.id, t.email, &w, t.name);
	if (rc == ERR_NOTFOUND)
		form_fail(e, "", "This confirmation link is not valid.",
		    ERR_NOTFOUND);
	if (rc == 0)
		out->done = true;
	return tx_end(app, rc);
}

/* ---- reading and moderating --------------------------------------------- */

static int
list(struct app *app, struct arena *a, enum db_qid q, const char *key,
    bool with_badge, struct endorsement **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(key)};
	struct db_rows rows;
	struct endorsement *v;
	int rc;

	if ((rc = db_exec(app->db, q, p, 1, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		struct endorsement *x = &v[r];
		x->id = db_get(&rows, r, 0);
		x->award_id = db_get(&rows, r, 1);
		x->name = db_get(&rows, r, 2);
		x->relationship_code = db_get(&rows, r, 3);
		x->relationship =
		    endorse_relationship_label(x->relationship_code);
		x->organisation = db_get(&rows, r, 4);
		x->message = db_get(&rows, r, 5);
		x->created_at = db_get_int(&rows, r, 6);
		x->verified_manager = db_get_int(&rows, r, 7) != 0;
		x->status = db_get(&rows, r, 8);
		x->manager_org = db_get(&rows, r, 9);
		x->confirmed_at = db_get_int(&rows, r, 10);
		x->badge_name = with_badge ? db_get(&rows, r, 11) : "";
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
endorse_published(struct app *app, struct arena *a, const char *award_id,
    struct endorsement **out, size_t *n)
{
	return list(app, a, Q_ENDORSE_LIST_PUBLISHED, award_id, false, out, n);
}

int
endorse_list(struct app *app, struct arena *a, const struct who *who,
    const char *award, struct endorsement **out, size_t *n)
{
	struct award_row w;
	int rc;

	if ((rc = award_row(app, a, award, &w)) != 0)
		return rc;
	return list(app, a,
	    owns(who, &w) ? Q_ENDORSE_LIST_OWNER : Q_ENDORSE_LIST_PUBLISHED,
	    award, false, out, n);
}

int
endorse_waiting(struct app *app, struct arena *a, const char *person,
    struct endorsement **out, size_t *n)
{
	return list(app, a, Q_ENDORSE_WAITING, person, true, out, n);
}

static int
moderate(struct app *app, const struct who *who, const char *award,
    const char *id, const char *status, struct form_err *e)
{
	struct arena *a = arena_new(1 << 16);
	struct db_param p[4];
	struct db_rows rows;
	struct award_row w;
	int rc;

	rc = award_row(app, a, award, &w);
	if (rc == ERR_NOTFOUND)
		rc = form_fail(e, "", "There is no such award.", ERR_NOTFOUND);
	if (rc != 0)
		goto out;
	if (!owns(who, &w)) {
		rc = form_fail(e, "",
		    "Only the person who holds this award can publish or hide "
		    "its endorsements.",
		    ERR_FORBIDDEN);
		goto out;
	}
	if ((rc = db_begin(app->db)) != 0)
		goto out;
	p[0] = DB_STR(id);
	p[1] = DB_STR(award);
	p[2] = DB_STR(status);
	p[3] = DB_INT(clock_now(app->clock));
	rc = db_exec(app->db, Q_ENDORSE_SET_STATUS, p, 4, a, &rows);
	if (rc == 0 && rows.changes != 1)
		rc = form_fail(
		    e, "", "There is no such endorsement.", ERR_NOTFOUND);
	if (rc == 0)
		rc = audit_log(app, who,
		    strcmp(status, "published") == 0 ? "endorsement.publish"
		                                     : "endorsement.hide",
		    id, award);
	rc = tx_end(app, rc);
out:
	arena_free(a);
	return rc;
}

int
endorse_publish(struct app *app, const struct who *who, const char *award,
    const char *id, struct form_err *e)
{
	return moderate(app, who, award, id, "published", e);
}

int
endorse_hide(struct app *app, const struct who *who, const char *award,
    const char *id, struct form_err *e)
{
	return moderate(app, who, award, id, "hidden", e);
}

/* ---- requests ----------------------------------------------------------- */

int
endorse_request(struct app *app, struct arena *a, const struct who *who,
    const char *award, const char *name, const char *email, struct form_err *e)
{
	int64_t now = clock_now(app->clock), recent = 0;
	char token[ENDORSE_LINK_LEN + 1], hash[65], id[ID_LEN + 1];
	const char *clean_name, *clean_email;
	struct db_param p[7];
	struct award_row w;
	int rc;

	rc = award_row(app, a, award, &w);
	if (rc == ERR_NOTFOUND)
		return form_fail(
		    e, "", "There is no such award.", ERR_NOTFOUND);
	if (rc != 0)
		return rc;
	if (!owns(who, &w))
		return form_fail(e, "",
		    "Only the person who holds this award can ask for "
		    "endorsements.",
		    ERR_FORBIDDEN);
	if (!endorsable(&w))
		return form_fail(e, "",
		    w.private_ ? "This award's page is private, so nobody "
		                 "else can endorse it. Make the page unlisted "
		                 "or public first."
		               : "This award is no longer active, so it cannot "
		                 "be endorsed.",
		    ERR_CONFLICT);
	if ((clean_name = guard_trim(a, nz(name))) == NULL)
		return ERR_TOOBIG;
	if (clean_name[0] == '\0')
		return form_fail(e, "name",
		    "Enter the name of the person you are asking.", ERR_INVAL);
	if (text_chars(clean_name) > ENDORSE_NAME_MAX ||
	    guard_count_links(clean_name) > 0)
		return form_fail(e, "name",
		    "Enter a name of 100 characters or fewer, without web "
		    "links.",
		    ERR_INVAL);
	if (nz(email)[0] == '\0')
		return form_fail(e, "email",
		    "Enter the email address of the person you are asking.",
		    ERR_INVAL);
	if (account_normalise_email(a, email, &clean_email) != 0)
		return form_fail(e, "email",
		    "Enter an email address in the correct format, like "
		    "name@example.com.",
		    ERR_INVAL);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = count(app, a, Q_ENDORSE_REQ_COUNT, award, now - DAY, &recent);
	if (rc == 0 && recent >= ENDORSE_REQUEST_LIMIT) {
		db_rollback(app->db);
		return form_fail(e, "",
		    "You have asked 10 people to endorse this award today. "
		    "Please try again tomorrow.",
		    ERR_FORBIDDEN);
	}
	link_new(token, hash);
	id_new(id);
	p[0] = DB_STR(id);
	p[1] = DB_STR(award);
	p[2] = DB_STR(clean_name);
	p[3] = DB_STR(clean_email);
	p[4] = DB_STR(hash);
	p[5] = DB_INT(now);
	p[6] = DB_INT(now + ENDORSE_REQUEST_TTL);
	if (rc == 0)
		rc = db_exec(app->db, Q_ENDORSE_REQ_INSERT, p, 7, NULL, NULL);
	if (rc == 0)
		rc = outbox_queue(app, clean_email,
		    arena_printf(a, "%s asks you to endorse their badge",
		        w.learner_name),
		    arena_printf(a,
		        "Hello %s,\n\n%s holds the badge \"%s\" on Laurel "
		        "and has asked you to endorse it: a few words about "
		        "their learning and practice, which they can show "
		        "with the badge.%s\n\nYou can write your endorsement "
		        "here (the link works for 60 days):\n\n"
		        "%s/awards/%s/endorse?request=%s\n\nIf you do not "
		        "know %s, ignore this email.\n\nLaurel\n",
		        clean_name, w.learner_name, w.badge_name,
		        w.months > 0 ? " This badge needs an endorsement from "
		                       "their manager to stay active."
		                     : "",
		        base_url(app), award, token, w.learner_name));
	if (rc == 0)
		rc = audit_log(app, who, "endorsement.request", id, award);
	return tx_end(app, rc);
}

int
endorse_requests(struct app *app, struct arena *a, const char *person,
    const char *award, struct endorse_request_row **out, size_t *n)
{
	struct db_param p[2] = {DB_STR(person), DB_STR(nz(award))};
	struct endorse_request_row *v;
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, Q_ENDORSE_REQ_LIST, p, 2, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].award_id = db_get(&rows, r, 1);
		v[r].badge_name = db_get(&rows, r, 2);
		v[r].name = db_get(&rows, r, 3);
		v[r].email = db_get(&rows, r, 4);
		v[r].sent_at = db_get_int(&rows, r, 5);
		v[r].used_at = db_get_int(&rows, r, 6);
		v[r].expires_at = db_get_int(&rows, r, 7);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

/* ---- the deadline job --------------------------------------------------- */

/* alert_once records key; *first is true if it was not recorded yet. */
static int
alert_once(struct app *app, struct arena *a, const char *key, bool *first)
{
	struct db_param p[2] = {DB_STR(key), DB_INT(clock_now(app->clock))};
	struct db_rows rows;
	int rc;

	*first = false;
	if ((rc = db_exec(app->db, Q_ALERT_INSERT, p, 2, a, &rows)) != 0)
		return rc;
	*first = rows.changes == 1;
	return 0;
}

static int
mail_learner(struct app *app, struct arena *a, const char *person,
    const char *subject, const char *body)
{
	struct db_param p[1] = {DB_STR(person)};
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, Q_EMAIL_PRIMARY, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return 0;
	return outbox_queue(app, db_get(&rows, 0, 0), subject, body);
}

struct candidate {
	const char *id, *person, *badge_name, *learner_name;
	int64_t deadline;
};

static int
lapse_one(struct app *app, struct arena *a, const struct candidate *c)
{
	struct who sys = {"", "job"};
	struct db_param p[1] = {DB_STR(c->id)};
	struct db_rows rows;
	char date[16];
	int rc;

	clock_format_date(c->deadline, date, sizeof(date));
	if ((rc = db_exec(app->db, Q_ENDORSE_LAPSE, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.changes != 1)
		return ERR_CONFLICT; /* changed meanwhile: nothing to do */
	if ((rc = audit_log(app, &sys, "award.lapse", c->id,
	         "no manager's endorsement by the deadline")) != 0)
		return rc;
	return mail_learner(app, a, c->person,
	    arena_printf(a, "Your badge has lapsed: %s", c->badge_name),
	    arena_printf(a,
	        "Hello %s,\n\nYour badge \"%s\" needed an endorsement from "
	        "your manager by %s, and none was confirmed in time, so the "
	        "award has lapsed. You can apply for the badge again.\n\n"
	        "%s/awards/%s\n\nLaurel\n",
	        c->learner_name, c->badge_name, date, base_url(app), c->id));
}

static int
warn_one(struct app *app, struct arena *a, const struct candidate *c, int days,
    bool *sent)
{
	char date[16];
	bool first;
	int rc;

	*sent = false;
	if ((rc = alert_once(app, a, arena_printf(a, "lapse%d:%s", days, c->id),
	         &first)) != 0 ||
	    !first)
		return rc;
	/* Inside the last week the earlier warning is no longer news. */
	if (days == ENDORSE_WARN_LAST &&
	    (rc = alert_once(app, a,
	         arena_printf(a, "lapse%d:%s", ENDORSE_WARN_FIRST, c->id),
	         &first)) != 0)
		return rc;
	clock_format_date(c->deadline, date, sizeof(date));
	*sent = true;
	return mail_learner(app, a, c->person,
	    arena_printf(a, "Manager's endorsement needed by %s: %s", date,
	        c->badge_name),
	    arena_printf(a,
	        "Hello %s,\n\nYour badge \"%s\" needs an endorsement from "
	        "your manager by %s, or the award will lapse. Ask your "
	        "manager to endorse it: you can send them a request from "
	        "here:\n\n%s/awards/%s/endorsements\n\nLaurel\n",
	        c->learner_name, c->badge_name, date, base_url(app), c->id));
}

int
endorse_run_lapses(struct app *app, int *lapsed, int *warned)
{
	struct arena *a = arena_new(16 << 20);
	int64_t now = clock_now(app->clock);
	struct db_rows rows;
	int rc;

	*lapsed = *warned = 0;
	if ((rc = db_exec(
	         app->db, Q_ENDORSE_LAPSE_CANDIDATES, NULL, 0, a, &rows)) != 0)
		goto out;
	for (size_t r = 0; r < rows.nrows; r++) {
		struct candidate c;
		int64_t left;
		bool sent = false;
		int orc;

		c.id = db_get(&rows, r, 0);
		c.person = db_get(&rows, r, 1);
		c.deadline = endorse_deadline_of(
		    db_get_int(&rows, r, 2), db_get_int(&rows, r, 3));
		c.badge_name = db_get(&rows, r, 4);
		c.learner_name = db_get(&rows, r, 5);
		left = c.deadline - now;
		if (left > (int64_t)ENDORSE_WARN_FIRST * DAY)
			continue;
		if ((rc = db_begin(app->db)) != 0)
			goto out;
		if (left <= 0) {
			orc = lapse_one(app, a, &c);
			if (orc == 0)
				(*lapsed)++;
			if (orc == ERR_CONFLICT)
				orc = 0;
		} else {
			orc = warn_one(app, a, &c,
			    left <= (int64_t)ENDORSE_WARN_LAST * DAY
			        ? ENDORSE_WARN_LAST
			        : ENDORSE_WARN_FIRST,
			    &sent);
			if (orc == 0 && sent)
				(*warned)++;
		}
		if ((rc = tx_end(app, orc)) != 0) {
			log_warn("endorsement deadline failed", "award", c.id,
			    "error", err_str(rc));
			goto out;
		}
	}
out:
	arena_free(a);
	return rc;
}

/* ---- the learner's awards and what next --------------------------------- */

int
endorse_person_awards(struct app *app, struct arena *a, const char *person,
    struct person_award **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(person)};
	struct person_award *v;
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, Q_ENDORSE_PERSON_AWARDS, p, 1, a, &rows)) !=
	    0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		struct person_award *x = &v[r];
		x->id = db_get(&rows, r, 0);
		x->badge_id = db_get(&rows, r, 1);
		x->badge_name = db_get(&rows, r, 2);
		x->issuer_name = db_get(&rows, r, 3);
		x->status = db_get(&rows, r, 4);
		x->issued_at = db_get_int(&rows, r, 5);
		x->expires_at = db_get_int(&rows, r, 6);
		x->deadline =
		    endorse_deadline_of(x->issued_at, db_get_int(&rows, r, 7));
		x->endorsed = db_get_int(&rows, r, 8) != 0;
		x->show_on_profile = db_get_int(&rows, r, 9) != 0;
		x->shared_with_org = db_get_int(&rows, r, 10) != 0;
		x->series_name = db_get(&rows, r, 11);
		x->series_position = db_get_int(&rows, r, 12);
		x->page_private = strcmp(db_get(&rows, r, 13), "private") == 0;
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
endorse_next_badges(struct app *app, struct arena *a, const char *person,
    struct next_badge **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(person)};
	struct db_rows ser, intro;
	struct next_badge *v;
	bool holds_intro = false;
	size_t k = 0;
	int rc;

	if ((rc = db_exec(app->db, Q_ENDORSE_NEXT_IN_SERIES, p, 1, a, &ser)) !=
	        0 ||
	    (rc = db_exec(app->db, Q_ENDORSE_INTRO, p, 1, a, &intro)) != 0)
		return rc;
	v = arena_alloc(a, (ser.nrows + intro.nrows + 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < ser.nrows; r++) {
		/* The first of each series (rows come in series order). */
		if (r > 0 &&
		    strcmp(db_get(&ser, r, 2), db_get(&ser, r - 1, 2)) == 0)
			continue;
		v[k].badge_id = db_get(&ser, r, 0);
		v[k].name = db_get(&ser, r, 1);
		v[k].why = arena_printf(
		    a, "Next in the series %s", db_get(&ser, r, 3));
		k++;
	}
	for (size_t r = 0; r < intro.nrows; r++)
		holds_intro = holds_intro || db_get_int(&intro, r, 2) != 0;
	for (size_t r = 0; !holds_intro && r < intro.nrows; r++) {
		v[k].badge_id = db_get(&intro, r, 0);
		v[k].name = db_get(&intro, r, 1);
		v[k].why = "An introductory badge: we recommend it first";
		k++;
	}
	*out = v;
	*n = k;
	return 0;
}
