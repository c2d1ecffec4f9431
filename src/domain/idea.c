/*
 * idea.c: badge ideas, their spam checks, support and triage (idea.h).
 *
 * Every text an idea stores comes through idea_submit's checks. Personal
 * details (proposer_name, proposer_email, person_id) are read by one query
 * only, Q_IDEA_TRIAGE_LIST, and by idea_triage to send the response; the
 * public queries do not select them, so no public page can show them by
 * mistake. Results live in the caller's arena.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/id.h"
#include "core/num.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/common.h"
#include "domain/form_guard.h"
#include "domain/idea.h"
#include "domain/org.h"
#include "domain/outbox.h"

static const struct {
	const char *name;
	const char *label;
} roles[] =
    {
        {"worker", "Social service worker"},
        {"employer", "Employer"},
        {"uses_services", "Person who uses services"},
        {"carer", "Carer"},
        {"other", "Someone else"},
},
  statuses[] = {
      {"new", "New"},
      {"considering", "Under consideration"},
      {"accepted", "Accepted"},
      {"declined", "Declined"},
};

bool
idea_role_valid(const char *s)
{
	for (size_t i = 0; s && i < NELEM(roles); i++)
		if (strcmp(s, roles[i].name) == 0)
			return true;
	return false;
}

const char *
idea_role_label(const char *s)
{
	for (size_t i = 0; s && i < NELEM(roles); i++)
		if (strcmp(s, roles[i].name) == 0)
			return roles[i].label;
	return s ? s : "";
}

bool
idea_status_valid(const char *s)
{
	for (size_t i = 0; s && i < NELEM(statuses); i++)
		if (strcmp(s, statuses[i].name) == 0)
			return true;
	return false;
}

const char *
idea_status_label(const char *s)
{
	for (size_t i = 0; s && i < NELEM(statuses); i++)
		if (strcmp(s, statuses[i].name) == 0)
			return statuses[i].label;
	return s ? s : "";
}

bool
idea_is_open(const char *status)
{
	return status != NULL &&
	    (strcmp(status, "new") == 0 || strcmp(status, "considering") == 0);
}

/* ---- small text helpers ----------------------------------------------- */

static const char *
nz(const char *s)
{
	return s ? s : "";
}

/* text_hash is the SHA-256 of both texts, folded, for duplicates. */
static int
text_hash(struct arena *a, const char *recognise, const char *why, char out[65])
{
	struct buf b;

	buf_init(&b, a, 4 * (IDEA_TEXT_MAX * 4 + 8));
	guard_fold(&b, recognise);
	buf_addc(&b, '\x1f');
	guard_fold(&b, why);
	if (buf_err(&b) != 0)
		return ERR_TOOBIG;
	sha256_hex(b.data, b.len, out);
	return 0;
}

/* ---- the form token and the sender's address --------------------------- */

int
idea_form_token(struct app *app, char out[IDEA_TOKEN_LEN])
{
	return guard_token(app, "idea", out, IDEA_TOKEN_LEN);
}

bool
idea_token_usable(struct app *app, const char *token)
{
	int64_t age;

	return guard_token_age(app, "idea", token, &age) == 0 &&
	    age <= IDEA_TOKEN_TTL;
}

/* ---- submitting -------------------------------------------------------- */

struct clean_idea {
	const char *title, *recognise, *why, *role, *name, *email;
};

static int
check_fields(struct arena *a, const struct idea_cmd *cmd, struct clean_idea *c,
    struct form_err *e)
{
	const char *email;

	c->title = guard_trim(a, nz(cmd->title));
	c->recognise = guard_trim(a, nz(cmd->recognise));
	c->why = guard_trim(a, nz(cmd->why));
	c->name = guard_trim(a, nz(cmd->name));
	email = guard_trim(a, nz(cmd->email));
	c->role = nz(cmd->role);
	if (c->title == NULL || c->recognise == NULL || c->why == NULL ||
	    c->name == NULL || email == NULL)
		return ERR_TOOBIG;
	if (c->title[0] == '\0')
		return form_fail(
		    e, "title", "Enter a name for the badge.", ERR_INVAL);
	if (text_chars(c->title) > IDEA_TITLE_MAX)
		return form_fail(e, "title",
		    "The name of the badge must be 120 characters or fewer.",
		    ERR_INVAL);
	if (c->recognise[0] == '\0')
		return form_fail(e, "recognise",
		    "Say what the badge should recognise.", ERR_INVAL);
	if (text_chars(c->recognise) > IDEA_TEXT_MAX)
		return form_fail(e, "recognise",
		    "What the badge should recognise must be 4,000 characters "
		    "or fewer.",
		    ERR_INVAL);
	if (c->why[0] == '\0')
		return form_fail(e, "why", "Say why it matters.", ERR_INVAL);
	if (text_chars(c->why) > IDEA_TEXT_MAX)
		return form_fail(e, "why",
		    "Why it matters must be 4,000 characters or fewer.",
		    ERR_INVAL);
	if (!idea_role_valid(c->role))
		return form_fail(e, "role",
		    "Choose the description that fits you best.", ERR_INVAL);
	if (text_chars(c->name) > IDEA_NAME_MAX)
		return form_fail(e, "name",
		    "Your name must be 100 characters or fewer.", ERR_INVAL);
	c->email = "";
	if (email[0] != '\0' &&
	    account_normalise_email(a, email, &c->email) != 0)
		return form_fail(e, "email",
		    "Enter an email address in the correct format, like "
		    "name@example.com, or leave it empty.",
		    ERR_INVAL);
	return 0;
}

/* check_links allows IDEA_MAX_LINKS links in all three texts together. */
static int
check_links(const struct clean_idea *c, struct form_err *e)
{
	const char *fields[] = {"title", "recognise", "why"};
	const char *texts[] = {c->title, c->recognise, c->why};
	size_t n = 0;

	for (size_t i = 0; i < NELEM(texts); i++) {
		n += guard_count_links(texts[i]);
		if (n > IDEA_MAX_LINKS)
			return form_fail(e, fields[i],
			    "Please include no more than 2 web links in your "
			    "idea.",
			    ERR_INVAL);
	}
	return 0;
}

static int
check_token(struct app *app, const char *token, struct form_err *e)
{
	int64_t age;

	if (guard_token_age(app, "idea", token, &age) != 0 ||
	    age > IDEA_TOKEN_TTL)
		return form_fail(e, "",
		    "This form has expired. Please send it again.", ERR_INVAL);
	if (age < IDEA_TOKEN_MIN_AGE)
		return form_fail(e, "",
		    "Please wait a few seconds and send the form again.",
		    ERR_INVAL);
	return 0;
}

static int
count_recent(struct app *app, struct arena *a, enum db_qid q, const char *key,
    int64_t *n)
{
	struct db_param p[2] = {
	    DB_STR(key), DB_INT(clock_now(app->clock) - IDEA_RATE_WINDOW)};
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, q, p, 2, a, &rows)) != 0)
		return rc;
	*n = rows.nrows ? db_get_int(&rows, 0, 0) : 0;
	return 0;
}

static const char dup_msg[] =
    "An idea with exactly the same text has already been sent. Look for it "
    "in the list of badge ideas: you can support it there.";

int
idea_submit(struct app *app, struct arena *a, const struct who *who,
    const struct idea_cmd *cmd, char id[ID_LEN + 1], struct form_err *e)
{
	const char *person = who->person && *who->person ? who->person : NULL;
	char hash[65], ipk[GUARD_MAC_LEN + 1];
	struct clean_idea c;
	struct db_param p[11];
	struct db_rows rows;
	int64_t recent = 0;
	int rc;

	if ((rc = check_fields(a, cmd, &c, e)) != 0)
		return rc;
	/* Spam checks: after the fields, so a person fixes those first. */
	if (cmd->honeypot != NULL && cmd->honeypot[0] != '\0')
		return form_fail(e, "",
		    "Your idea was not sent because the form looked as if a "
		    "computer had filled it in. Please send it again.",
		    ERR_INVAL);
	if ((rc = check_token(app, cmd->token, e)) != 0)
		return rc;
	if ((rc = check_links(&c, e)) != 0)
		return rc;
	if ((rc = text_hash(a, c.recognise, c.why, hash)) != 0)
		return rc;
	if ((rc = guard_ip_key(app, "idea", who->ip, ipk)) != 0)
		return rc;
	p[0] = DB_STR(hash);
	if ((rc = db_exec(app->db, Q_IDEA_DUP, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows > 0)
		return form_fail(e, "recognise", dup_msg, ERR_CONFLICT);

	if ((rc = db_begin(app->db)) != 0)
		return rc;
	/* Signed-in people are counted as themselves: colleagues often
	 * share one workplace address. */
	rc = person ? count_recent(app, a, Q_IDEA_COUNT_PERSON, person, &recent)
	            : count_recent(app, a, Q_IDEA_COUNT_IP, ipk, &recent);
	if (rc == 0 && recent >= IDEA_RATE_LIMIT) {
		db_rollback(app->db);
		return form_fail(e, "",
		    "Too many ideas have been sent from here in the last hour. "
		    "Please try again later.",
		    ERR_FORBIDDEN);
	}
	id_new(id);
	p[0] = DB_STR(id);
	p[1] = DB_STR(c.title);
	p[2] = DB_STR(c.recognise);
	p[3] = DB_STR(c.why);
	p[4] = DB_STR(c.role);
	p[5] = DB_STR(c.name);
	p[6] = DB_STR(c.email);
	p[7] = person ? DB_STR(person) : DB_NULL;
	p[8] = DB_STR(hash);
	p[9] = DB_STR(ipk);
	p[10] = DB_INT(clock_now(app->clock));
	if (rc == 0)
		rc = db_exec(app->db, Q_IDEA_INSERT, p, 11, NULL, NULL);
	if (rc == ERR_CONFLICT) { /* the same text, sent at the same time */
		db_rollback(app->db);
		return form_fail(e, "recognise", dup_msg, ERR_CONFLICT);
	}
	return tx_end(app, rc);
}

/* ---- reading ----------------------------------------------------------- */

/* The columns of IDEA_PUBLIC_COLS in queries.c, in order. */
static void
fill_public(const struct db_rows *rows, size_t r, struct idea *v)
{
	memset(v, 0, sizeof(*v));
	v->id = db_get(rows, r, 0);
	v->title = db_get(rows, r, 1);
	v->recognise = db_get(rows, r, 2);
	v->why = db_get(rows, r, 3);
	v->role = db_get(rows, r, 4);
	v->status = db_get(rows, r, 5);
	v->response = db_get(rows, r, 6);
	v->badge_id = db_get(rows, r, 7);
	v->badge_name = db_get(rows, r, 8);
	v->badge_published = strcmp(db_get(rows, r, 9), "published") == 0;
	v->created_at = db_get_int(rows, r, 10);
	v->updated_at = db_get_int(rows, r, 11);
	v->responded_at = db_get_int(rows, r, 12);
	v->supports = db_get_int(rows, r, 13);
	v->name = "";
	v->email = "";
	v->person_name = "";
}

static int
list(struct app *app, struct arena *a, enum db_qid q, bool private_,
    const struct idea_filter *f, struct idea **out, size_t *n, size_t *total)
{
	const char *status = nz(f->status);
	size_t limit = f->limit == 0 || f->limit > IDEA_PAGE_MAX ? IDEA_PAGE_MAX
	                                                         : f->limit;
	struct db_param p[3] = {
	    DB_STR(status), DB_INT(limit), DB_INT(f->offset)};
	struct db_rows rows;
	struct idea *v;
	int rc;

	if (status[0] != '\0' && !idea_status_valid(status))
		return ERR_INVAL;
	if ((rc = db_exec(app->db, Q_IDEA_COUNT, p, 1, a, &rows)) != 0)
		return rc;
	*total = rows.nrows ? (size_t)db_get_int(&rows, 0, 0) : 0;
	if ((rc = db_exec(app->db, q, p, 3, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		fill_public(&rows, r, &v[r]);
		if (private_) {
			v[r].name = db_get(&rows, r, 14);
			v[r].email = db_get(&rows, r, 15);
			v[r].person_name = db_get(&rows, r, 16);
		}
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
idea_list(struct app *app, struct arena *a, const struct idea_filter *f,
    struct idea **out, size_t *n, size_t *total)
{
	return list(app, a,
	    f->sort == IDEA_SORT_SUPPORTED ? Q_IDEA_LIST_SUPPORTED
	                                   : Q_IDEA_LIST_NEWEST,
	    false, f, out, n, total);
}

int
idea_get(struct app *app, struct arena *a, const char *id, struct idea *out)
{
	struct db_param p[1] = {DB_STR(id)};
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, Q_IDEA_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	fill_public(&rows, 0, out);
	return 0;
}

bool
idea_supported(
    struct app *app, struct arena *a, const char *idea, const char *person)
{
	struct db_param p[2] = {DB_STR(idea), DB_STR(person)};
	struct db_rows rows;

	if (idea == NULL || person == NULL ||
	    db_exec(app->db, Q_IDEA_SUPPORT_HAS, p, 2, a, &rows) != 0)
		return false;
	return rows.nrows > 0;
}

/* ---- support ----------------------------------------------------------- */

static int
change_support(struct app *app, const struct who *who, const char *idea,
    bool on, struct form_err *e)
{
	struct arena *a = arena_new(1 << 16);
	struct db_param p[3];
	struct db_rows rows;
	struct idea it;
	int rc;

	if (who->person == NULL || who->person[0] == '\0') {
		rc = form_fail(
		    e, "", "Sign in to support an idea.", ERR_FORBIDDEN);
		goto out;
	}
	rc = idea_get(app, a, idea, &it);
	if (rc == ERR_NOTFOUND)
		rc = form_fail(e, "", "There is no such idea.", ERR_NOTFOUND);
	if (rc != 0)
		goto out;
	if (on && !idea_is_open(it.status)) {
		rc = form_fail(e, "",
		    "The scheme has already decided about this idea, so it "
		    "can no longer be supported.",
		    ERR_CONFLICT);
		goto out;
	}
	p[0] = DB_STR(idea);
	p[1] = DB_STR(who->person);
	p[2] = DB_INT(clock_now(app->clock));
	rc =
	    db_exec(app->db, on ? Q_IDEA_SUPPORT_INSERT : Q_IDEA_SUPPORT_DELETE,
	        p, on ? 3 : 2, a, &rows);
	if (rc == 0 && rows.changes == 0)
		rc = on ? form_fail(e, "", "You already support this idea.",
		              ERR_CONFLICT)
		        : form_fail(e, "", "You do not support this idea.",
		              ERR_NOTFOUND);
out:
	arena_free(a);
	return rc;
}

int
idea_support(struct app *app, const struct who *who, const char *idea,
    struct form_err *e)
{
	return change_support(app, who, idea, true, e);
}

int
idea_unsupport(struct app *app, const struct who *who, const char *idea,
    struct form_err *e)
{
	return change_support(app, who, idea, false, e);
}

/* ---- triage ------------------------------------------------------------ */

int
idea_scheme_issuer(struct app *app, struct arena *a, const char **issuer)
{
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, Q_IDEA_SCHEME, NULL, 0, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	*issuer = db_get(&rows, 0, 0);
	return 0;
}

static bool
is_scheme(struct app *app, struct arena *a, const char *issuer)
{
	struct db_param p[1] = {DB_STR(issuer)};
	struct db_rows rows;

	return issuer != NULL &&
	    db_exec(app->db, Q_ISSUER_GET, p, 1, a, &rows) == 0 &&
	    rows.nrows == 1 && db_get_int(&rows, 0, 5) == 1;
}

/* may_triage: ERR_NOTFOUND unless issuer is the scheme, ERR_FORBIDDEN
 * unless who is one of its issuer admins. */
static int
may_triage(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, struct form_err *e)
{
	if (!is_scheme(app, a, issuer))
		return form_fail(e, "",
		    "Only the badge scheme responds to badge ideas.",
		    ERR_NOTFOUND);
	if (who->person == NULL ||
	    (issuer_person_role(app, a, issuer, who->person) & ISSUER_ADMIN) ==
	        0)
		return form_fail(e, "",
		    "Only the scheme's issuer admins can respond to badge "
		    "ideas.",
		    ERR_FORBIDDEN);
	return 0;
}

bool
idea_can_triage(
    struct app *app, struct arena *a, const char *issuer, const char *person)
{
	struct who w = {person, NULL};
	struct form_err e;

	return person != NULL && may_triage(app, a, &w, issuer, &e) == 0;
}

int
idea_triage_list(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const struct idea_filter *f, struct idea **out,
    size_t *n, size_t *total)
{
	struct form_err e;
	int rc;

	if ((rc = may_triage(app, a, who, issuer, &e)) != 0)
		return rc;
	return list(app, a, Q_IDEA_TRIAGE_LIST, true, f, out, n, total);
}

int
idea_badges(struct app *app, struct arena *a, const char *issuer,
    struct idea_badge **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(issuer)};
	struct db_rows rows;
	struct idea_badge *v;
	int rc;

	if ((rc = db_exec(app->db, Q_IDEA_BADGES, p, 1, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].name = db_get(&rows, r, 1);
		v[r].status = db_get(&rows, r, 2);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

/* response_mail is the email telling the proposer of a new status. */
static const char *
response_mail(struct app *app, struct arena *a, const char *id,
    const char *title, const char *status, const char *response,
    const char *badge)
{
	const char *base = app->cfg->base_url ? app->cfg->base_url : "";

	return arena_printf(a,
	    "Hello,\n\nThank you for suggesting a badge on Laurel: \"%s\".\n\n"
	    "The badge scheme has changed the status of your idea to: %s.\n\n"
	    "%s%s%s%s%s%s"
	    "You can see your idea and the scheme's response here:\n\n"
	    "%s/ideas/%s\n\nLaurel\n",
	    title, idea_status_label(status),
	    response[0] ? "The scheme's response:\n\n" : "", response,
	    response[0] ? "\n\n" : "",
	    badge[0] ? "The badge made from your idea:\n\n" : "",
	    badge[0] ? arena_printf(a, "%s/badges/%s", base, badge) : "",
	    badge[0] ? "\n\n" : "", base, id);
}

int
idea_triage(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char *idea, const struct idea_triage_cmd *cmd,
    struct form_err *e)
{
	const char *status = nz(cmd->status), *badge = nz(cmd->badge);
	const char *response, *old, *title, *email;
	struct db_param p[6];
	struct db_rows rows;
	int rc;

	if ((rc = may_triage(app, a, who, issuer, e)) != 0)
		return rc;
	if ((response = guard_trim(a, nz(cmd->response))) == NULL)
		return ERR_TOOBIG;
	if (!idea_status_valid(status))
		return form_fail(e, "status", "Choose a status.", ERR_INVAL);
	if (text_chars(response) > IDEA_TEXT_MAX)
		return form_fail(e, "response",
		    "The response must be 4,000 characters or fewer.",
		    ERR_INVAL);
	if (strcmp(status, "declined") == 0 && response[0] == '\0')
		return form_fail(e, "response",
		    "Say why the idea was declined: the response is public.",
		    ERR_INVAL);
	if (strcmp(status, "accepted") != 0) {
		badge = "";
	} else if (badge[0] == '\0') {
		return form_fail(e, "badge",
		    "Choose the badge made from this idea.", ERR_INVAL);
	} else {
		p[0] = DB_STR(badge);
		p[1] = DB_STR(issuer);
		if ((rc = db_exec(app->db, Q_IDEA_BADGE_OF, p, 2, a, &rows)) !=
		    0)
			return rc;
		if (rows.nrows == 0)
			return form_fail(e, "badge",
			    "Choose one of the scheme's badges.", ERR_INVAL);
	}

	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(idea);
	rc = db_exec(app->db, Q_IDEA_GET_PRIVATE, p, 1, a, &rows);
	if (rc == 0 && rows.nrows == 0) {
		db_rollback(app->db);
		return form_fail(e, "", "There is no such idea.", ERR_NOTFOUND);
	}
	if (rc != 0)
		return tx_end(app, rc);
	title = db_get(&rows, 0, 1);
	old = db_get(&rows, 0, 2);
	email = db_get(&rows, 0, 3);
	p[0] = DB_STR(idea);
	p[1] = DB_STR(status);
	p[2] = DB_STR(response);
	p[3] = badge[0] ? DB_STR(badge) : DB_NULL;
	p[4] = DB_STR(who->person);
	p[5] = DB_INT(clock_now(app->clock));
	rc = db_exec(app->db, Q_IDEA_UPDATE, p, 6, NULL, NULL);
	if (rc == 0 && strcmp(old, status) != 0 && email[0] != '\0') {
		const char *body =
		    response_mail(app, a, idea, title, status, response, badge);
		rc = body == NULL ? ERR_TOOBIG
		                  : outbox_queue(app, email,
		                        arena_printf(a, "Your badge idea: %s",
		                            idea_status_label(status)),
		                        body);
	}
	if (rc == 0)
		rc = audit_log(app, who, "idea.triage", idea,
		    arena_printf(a, "%s -> %s%s%s", old, status,
		        badge[0] ? ", badge " : "", badge));
	return tx_end(app, rc);
}

/* ---- accounts that end or merge ---------------------------------------- */

int
idea_forget_person(struct app *app, const char *person)
{
	struct db_param p[1] = {DB_STR(person)};
	int rc;

	if ((rc = db_exec(app->db, Q_IDEA_FORGET, p, 1, NULL, NULL)) != 0)
		return rc;
	return db_exec(app->db, Q_IDEA_SUPPORT_FORGET, p, 1, NULL, NULL);
}

int
idea_move_person(struct app *app, const char *from, const char *to)
{
	struct db_param p[2] = {DB_STR(from), DB_STR(to)};
	int rc;

	if ((rc = db_exec(app->db, Q_IDEA_MOVE, p, 2, NULL, NULL)) != 0)
		return rc;
	if ((rc = db_exec(app->db, Q_IDEA_SUPPORT_MOVE, p, 2, NULL, NULL)) != 0)
		return rc;
	/* What is left of from's support duplicates to's. */
	return db_exec(app->db, Q_IDEA_SUPPORT_FORGET, p, 1, NULL, NULL);
}
