/*
 * assessment.c: the issuer's queue, claims, decisions and integrity
 * concerns (assessment.h).
 *
 * Each change of state runs in one transaction whose first write is the
 * conditional UPDATE of applications that states what it needs; zero rows
 * changed means another caller got there first (or the state was never
 * right) and everything is rolled back. Reads before the transaction only
 * choose the message a person sees; the UPDATE decides. The claims log,
 * the round's outcome, marks, the award, emails (outbox) and the audit
 * event are written in the same transaction. Results live in the caller's
 * arena.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/assessment.h"
#include "domain/assessment_int.h"
#include "domain/audit.h"
#include "domain/award.h"
#include "domain/common.h"
#include "domain/org.h"
#include "domain/outbox.h"

static const struct code {
	const char *code;
	const char *label;
} decline_codes[] =
    {
        {"criteria-not-met", "The evidence does not meet the criteria"},
        {"not-own-work", "The evidence is not the learner's own work"},
        {"identifies-individuals",
            "The evidence identifies people who use services or "
            "colleagues"},
        {"not-eligible", "The learner is not eligible for this badge"},
        {"other", "Another reason (given in the text)"},
},
  integrity_codes[] = {
      {"no-concern", "No concern: the evidence is the learner's own"},
      {"ai-generated-evidence", "AI-generated evidence"},
      {"copied-evidence", "Copied evidence"},
      {"other", "Another reason (given in the note)"},
};

static const struct code *
find_code(const struct code *c, size_t n, const char *s)
{
	for (size_t i = 0; s != NULL && i < n; i++)
		if (strcmp(c[i].code, s) == 0)
			return &c[i];
	return NULL;
}

bool
assess_decline_code_valid(const char *s)
{
	return find_code(decline_codes, NELEM(decline_codes), s) != NULL;
}

const char *
assess_decline_code_label(const char *s)
{
	const struct code *c =
	    find_code(decline_codes, NELEM(decline_codes), s);

	return c ? c->label : (s ? s : "");
}

bool
integrity_code_valid(const char *s)
{
	return find_code(integrity_codes, NELEM(integrity_codes), s) != NULL;
}

const char *
integrity_code_label(const char *s)
{
	const struct code *c =
	    find_code(integrity_codes, NELEM(integrity_codes), s);

	return c ? c->label : (s ? s : "");
}

/* ---- helpers ----------------------------------------------------------- */

static const char *
nz(const char *s)
{
	return s ? s : "";
}

const char *
assess__base_url(struct app *app)
{
	return app->cfg && app->cfg->base_url ? app->cfg->base_url : "";
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* trim copies s without white space at either end (NULL at the limit). */
const char *
assess__trim(struct arena *a, const char *s)
{
	size_t n;

	s = nz(s);
	while (is_space(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_space(s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

/* The columns of ASSESS_APP_COLS (q_assessment_sql.inc), in order. A
 * claim that has run out reads as none. */
void
assess__fill_app(
    const struct db_rows *rows, size_t r, int64_t now, struct assess_app *v)
{
	memset(v, 0, sizeof(*v));
	v->id = db_get(rows, r, 0);
	v->issuer_id = db_get(rows, r, 1);
	v->person_id = db_get(rows, r, 2);
	v->status = db_get(rows, r, 3);
	v->round = (int)db_get_int(rows, r, 4);
	v->badge_id = db_get(rows, r, 5);
	v->version = (int)db_get_int(rows, r, 6);
	v->badge_name = db_get(rows, r, 7);
	v->person_name = db_get(rows, r, 8);
	v->person_email = db_get(rows, r, 9);
	v->claimed_by = db_get(rows, r, 10);
	v->claim_expires_at = db_get_int(rows, r, 11);
	v->queue_seq = db_get_int(rows, r, 12);
	v->submitted_at = db_get_int(rows, r, 13);
	v->due_at = db_get_int(rows, r, 14);
	v->expiry_months = db_get_int(rows, r, 15);
	v->claimed_by_name = db_get(rows, r, 16);
	if (v->claimed_by[0] != '\0' && v->claim_expires_at <= now) {
		v->claimed_by = "";
		v->claimed_by_name = "";
		v->claim_expires_at = 0;
	}
	v->overdue = strcmp(v->status, "submitted") == 0 && v->due_at > 0 &&
	    v->due_at <= now;
}

static int
load(struct app *app, struct arena *a, const char *id, struct assess_app *out)
{
	struct db_param p[1] = {DB_STR(id)};
	struct db_rows rows;
	int rc;

	if (id == NULL || !id_valid(id, strlen(id)))
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_ASSESS_APP, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	assess__fill_app(&rows, 0, clock_now(app->clock), out);
	return 0;
}

int
assess_staff_role(
    struct app *app, struct arena *a, const struct who *who, const char *issuer)
{
	if (who == NULL || who->person == NULL || who->person[0] == '\0' ||
	    issuer == NULL)
		return 0;
	return issuer_person_role(app, a, issuer, who->person) &
	    (ISSUER_ADMIN | ISSUER_ASSESSOR);
}

/* assess__staff checks who works for issuer (as an admin when admin is true). */
int
assess__staff(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, bool admin, struct form_err *e)
{
	int role = assess_staff_role(app, a, who, issuer);

	if (role == 0)
		return form_fail(e, "",
		    "Only the issuer's assessors and admins can do this.",
		    ERR_FORBIDDEN);
	if (admin && (role & ISSUER_ADMIN) == 0)
		return form_fail(e, "", "Only the issuer's admins can do this.",
		    ERR_FORBIDDEN);
	return 0;
}

/*
 * assess__staff_app reads application id for who, staff of issuer: ERR_NOTFOUND
 * when it is another issuer's or was never submitted (a draft is the
 * learner's own business).
 */
int
assess__staff_app(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char *id, bool admin, struct assess_app *out,
    struct form_err *e)
{
	int rc;

	if ((rc = assess__staff(app, a, who, issuer, admin, e)) != 0)
		return rc;
	rc = load(app, a, id, out);
	if (rc == 0 &&
	    (strcmp(out->issuer_id, issuer) != 0 || out->round == 0 ||
	        strcmp(out->status, "draft") == 0))
		rc = ERR_NOTFOUND;
	if (rc == ERR_NOTFOUND)
		return form_fail(e, "",
		    "There is no such application in this issuer's queue.",
		    ERR_NOTFOUND);
	return rc;
}

int
assess_app_get(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char *id, struct assess_app *out)
{
	struct form_err e;

	return assess__staff_app(app, a, who, issuer, id, false, out, &e);
}

const char *
assess__claim_msg(const struct assess_app *v, const struct who *who)
{
	if (strcmp(v->status, "submitted") != 0)
		return "This application is no longer waiting for a "
		       "decision.";
	if (v->claimed_by[0] != '\0' && strcmp(v->claimed_by, who->person) != 0)
		return "Another assessor is assessing this application.";
	return "You do not hold the claim on this application, or it has "
	       "run out. Claim it again.";
}

/* assess__mail queues a message to `to` unless it is "". */
int
assess__mail(
    struct app *app, const char *to, const char *subject, const char *body)
{
	if (to == NULL || to[0] == '\0')
		return 0;
	if (subject == NULL || body == NULL)
		return ERR_TOOBIG;
	return outbox_queue(app, to, subject, body);
}

/* assess__mail_staff mails every member of issuer's staff with role. */
int
assess__mail_staff(struct app *app, struct arena *a, const char *issuer,
    const char *role, const char *subject, const char *body, int *sent)
{
	struct db_param p[2] = {DB_STR(issuer), DB_STR(role)};
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, Q_ASSESS_STAFF_EMAILS, p, 2, a, &rows)) != 0)
		return rc;
	for (size_t r = 0; r < rows.nrows; r++) {
		if ((rc = assess__mail(
		         app, db_get(&rows, r, 0), subject, body)) != 0)
			return rc;
		if (sent)
			(*sent)++;
	}
	return 0;
}

int
assess__end_claims(
    struct app *app, const char *id, int64_t now, const char *why)
{
	struct db_param p[3] = {DB_STR(id), DB_INT(now), DB_STR(why)};

	return db_exec(app->db, Q_ASSESS_CLAIMS_END, p, 3, NULL, NULL);
}

static int
log_claim(struct app *app, const struct assess_app *v, const char *assessor,
    const char *how, const char *reason, const char *by, int64_t now)
{
	char cid[ID_LEN + 1];
	struct db_param p[9];

	id_new(cid);
	p[0] = DB_STR(cid);
	p[1] = DB_STR(v->id);
	p[2] = DB_INT(v->round);
	p[3] = DB_STR(assessor);
	p[4] = DB_STR(how);
	p[5] = DB_STR(reason);
	p[6] = by ? DB_STR(by) : DB_NULL;
	p[7] = DB_INT(now);
	p[8] = DB_INT(now + ASSESS_CLAIM_TTL);
	return db_exec(app->db, Q_ASSESS_CLAIM_INSERT, p, 9, NULL, NULL);
}

/* ---- the queue --------------------------------------------------------- */

int
assess_queue(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, struct assess_app **out, size_t *n,
    struct assess_counts *counts)
{
	int64_t now = clock_now(app->clock);
	struct db_param p[3] = {
	    DB_STR(issuer), DB_INT(now), DB_INT(now - ASSESS_WEEK)};
	struct db_rows rows;
	struct form_err e;
	struct assess_app *v;
	int rc;

	if ((rc = assess__staff(app, a, who, issuer, false, &e)) != 0)
		return rc;
	if ((rc = db_exec(app->db, Q_ASSESS_QUEUE, p, 1, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		assess__fill_app(&rows, r, now, &v[r]);
		v[r].position = (int64_t)r + 1;
	}
	*out = v;
	*n = rows.nrows;
	if (counts == NULL)
		return 0;
	if ((rc = db_exec(app->db, Q_ASSESS_COUNTS, p, 3, a, &rows)) != 0)
		return rc;
	counts->waiting = db_get_int(&rows, 0, 0);
	counts->overdue = db_get_int(&rows, 0, 1);
	counts->decided_week = db_get_int(&rows, 0, 2);
	counts->integrity = db_get_int(&rows, 0, 3);
	return 0;
}

int
assess_workload(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, struct assess_workload **out, size_t *n)
{
	int64_t now = clock_now(app->clock);
	struct db_param p[3] = {
	    DB_STR(issuer), DB_INT(now), DB_INT(now - ASSESS_WEEK)};
	struct assess_workload *v;
	struct db_rows rows;
	struct form_err e;
	int rc;

	if ((rc = assess__staff(app, a, who, issuer, true, &e)) != 0)
		return rc;
	if ((rc = db_exec(app->db, Q_ASSESS_WORKLOAD, p, 3, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].person = db_get(&rows, r, 0);
		v[r].name = db_get(&rows, r, 1);
		v[r].claimed = db_get_int(&rows, r, 2);
		v[r].decided_week = db_get_int(&rows, r, 3);
		v[r].decided_total = db_get_int(&rows, r, 4);
		v[r].assessor = db_get_int(&rows, r, 5) > 0;
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

/* ---- claims ------------------------------------------------------------ */

/* try_claim makes the conditional UPDATE and logs the claim (inside the
 * caller's transaction); *won is false when someone else got it. */
static int
try_claim(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char *id, const char *how, const char *reason,
    bool *won)
{
	int64_t now = clock_now(app->clock);
	struct db_param p[5] = {DB_STR(id), DB_STR(who->person), DB_INT(now),
	    DB_INT(now + ASSESS_CLAIM_TTL), DB_STR(issuer)};
	struct assess_app v;
	struct db_rows rows;
	int rc;

	*won = false;
	if ((rc = db_exec(app->db, Q_ASSESS_CLAIM, p, 5, a, &rows)) != 0)
		return rc;
	if (rows.changes != 1)
		return 0;
	*won = true;
	if ((rc = load(app, a, id, &v)) != 0)
		return rc;
	/* A claim that ran out and was not yet released by the job. */
	if ((rc = assess__end_claims(app, id, now, "expired")) != 0 ||
	    (rc = log_claim(app, &v, who->person, how, reason, NULL, now)) != 0)
		return rc;
	return audit_log(app, who, "assess.claim", id,
	    arena_printf(a, "%s, round %d%s%s", how, v.round,
	        reason[0] ? ": " : "", reason));
}

static int
oldest(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char **id)
{
	struct db_param p[3] = {
	    DB_STR(issuer), DB_INT(clock_now(app->clock)), DB_STR(who->person)};
	struct db_rows rows;
	int rc;

	*id = NULL;
	if ((rc = db_exec(app->db, Q_ASSESS_OLDEST, p, 3, a, &rows)) != 0)
		return rc;
	if (rows.nrows > 0)
		*id = db_get(&rows, 0, 0);
	return 0;
}

int
assess_claim_oldest(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char **id, struct form_err *e)
{
	bool won = false;
	int rc;

	if ((rc = assess__staff(app, a, who, issuer, false, e)) != 0)
		return rc;
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	/* Another assessor may take the one we found first (PostgreSQL
	 * reads outside the lock): try the next. */
	for (int tries = 0; rc == 0 && !won && tries < 20; tries++) {
		if ((rc = oldest(app, a, who, issuer, id)) != 0)
			break;
		if (*id == NULL) {
			db_rollback(app->db);
			return form_fail(e, "",
			    "There is nothing in the queue for you to claim.",
			    ERR_NOTFOUND);
		}
		rc = try_claim(app, a, who, issuer, *id, "oldest", "", &won);
	}
	if (rc == 0 && !won)
		rc = form_fail(e, "",
		    "Other assessors are claiming at the same time. Please try "
		    "again.",
		    ERR_CONFLICT);
	return tx_end(app, rc);
}

int
assess_claim(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char *id, const char *reason, struct form_err *e)
{
	const char *why, *first;
	struct assess_app v;
	bool won = false;
	int rc;

	if ((rc = assess__staff_app(app, a, who, issuer, id, false, &v, e)) !=
	    0)
		return rc;
	if ((why = assess__trim(a, reason)) == NULL)
		return ERR_TOOBIG;
	if (strcmp(v.person_id, who->person) == 0)
		return form_fail(e, "",
		    "You cannot assess your own application.", ERR_FORBIDDEN);
	if (text_chars(why) > ASSESS_REASON_MAX)
		return form_fail(e, "reason",
		    "The reason must be 2,000 characters or fewer.", ERR_INVAL);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	if ((rc = oldest(app, a, who, issuer, &first)) != 0)
		return tx_end(app, rc);
	if ((first == NULL || strcmp(first, id) != 0) && why[0] == '\0') {
		db_rollback(app->db);
		if (strcmp(v.status, "submitted") != 0 ||
		    v.claimed_by[0] != '\0')
			return form_fail(
			    e, "", assess__claim_msg(&v, who), ERR_CONFLICT);
		return form_fail(e, "reason",
		    "Say why you are claiming this application rather than "
		    "the oldest one in the queue.",
		    ERR_INVAL);
	}
	rc = try_claim(app, a, who, issuer, id,
	    first != NULL && strcmp(first, id) == 0 ? "oldest" : "chosen", why,
	    &won);
	if (rc == 0 && !won)
		rc = form_fail(e, "", assess__claim_msg(&v, who), ERR_CONFLICT);
	return tx_end(app, rc);
}

int
assess_release(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char *id, struct form_err *e)
{
	int64_t now = clock_now(app->clock);
	struct assess_app v;
	struct db_param p[3];
	struct db_rows rows;
	int rc;

	if ((rc = assess__staff_app(app, a, who, issuer, id, false, &v, e)) !=
	    0)
		return rc;
	if (v.claimed_by[0] == '\0')
		return form_fail(e, "",
		    "Nobody holds a claim on this "
		    "application.",
		    ERR_CONFLICT);
	if (strcmp(v.claimed_by, who->person) != 0 &&
	    (assess_staff_role(app, a, who, issuer) & ISSUER_ADMIN) == 0)
		return form_fail(e, "",
		    "Only the assessor who claimed it or an issuer admin can "
		    "release this claim.",
		    ERR_FORBIDDEN);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(id);
	p[1] = DB_STR(v.claimed_by);
	p[2] = DB_INT(now);
	rc = db_exec(app->db, Q_ASSESS_RELEASE, p, 3, a, &rows);
	if (rc == 0 && rows.changes != 1)
		rc = form_fail(e, "", assess__claim_msg(&v, who), ERR_CONFLICT);
	if (rc == 0)
		rc = assess__end_claims(app, id, now, "released");
	if (rc == 0)
		rc = audit_log(app, who, "assess.release", id,
		    arena_printf(
		        a, "claim of %s, round %d", v.claimed_by, v.round));
	return tx_end(app, rc);
}

int
assess_reassign(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char *id, const char *to, const char *reason,
    struct form_err *e)
{
	int64_t now = clock_now(app->clock);
	struct who target = {to, NULL};
	const char *why;
	struct assess_app v;
	struct db_param p[5];
	struct db_rows rows;
	int rc;

	if ((rc = assess__staff_app(app, a, who, issuer, id, true, &v, e)) != 0)
		return rc;
	if ((why = assess__trim(a, reason)) == NULL)
		return ERR_TOOBIG;
	if (to == NULL || to[0] == '\0' ||
	    (assess_staff_role(app, a, &target, issuer) & ISSUER_ASSESSOR) == 0)
		return form_fail(e, "to",
		    "Choose one of the issuer's assessors.", ERR_INVAL);
	if (strcmp(to, v.person_id) == 0)
		return form_fail(e, "to",
		    "Nobody can assess their own application.", ERR_INVAL);
	if (why[0] == '\0')
		return form_fail(
		    e, "reason", "Say why you are reassigning it.", ERR_INVAL);
	if (text_chars(why) > ASSESS_REASON_MAX)
		return form_fail(e, "reason",
		    "The reason must be 2,000 characters or fewer.", ERR_INVAL);
	if (strcmp(v.status, "submitted") != 0)
		return form_fail(
		    e, "", assess__claim_msg(&v, who), ERR_CONFLICT);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(id);
	p[1] = DB_STR(to);
	p[2] = DB_INT(now);
	p[3] = DB_INT(now + ASSESS_CLAIM_TTL);
	p[4] = DB_STR(issuer);
	rc = db_exec(app->db, Q_ASSESS_REASSIGN, p, 5, a, &rows);
	if (rc == 0 && rows.changes != 1)
		rc = form_fail(e, "",
		    "This application is no longer waiting for a decision.",
		    ERR_CONFLICT);
	if (rc == 0)
		rc = assess__end_claims(app, id, now, "reassigned");
	if (rc == 0)
		rc =
		    log_claim(app, &v, to, "reassigned", why, who->person, now);
	if (rc == 0)
		rc = audit_log(app, who, "assess.reassign", id,
		    arena_printf(a, "to %s (from %s), round %d: %s", to,
		        v.claimed_by[0] ? v.claimed_by : "nobody", v.round,
		        why));
	return tx_end(app, rc);
}

int
assess_claim_history(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char *id, struct assess_claim_log **out,
    size_t *n)
{
	struct db_param p[1] = {DB_STR(id)};
	struct assess_claim_log *v;
	struct assess_app ap;
	struct db_rows rows;
	struct form_err e;
	int rc;

	if ((rc = assess__staff_app(app, a, who, issuer, id, false, &ap, &e)) !=
	    0)
		return rc;
	if ((rc = db_exec(app->db, Q_ASSESS_CLAIM_LOG, p, 1, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].round = (int)db_get_int(&rows, r, 1);
		v[r].assessor = db_get(&rows, r, 2);
		v[r].assessor_name = db_get(&rows, r, 3);
		v[r].how = db_get(&rows, r, 4);
		v[r].reason = db_get(&rows, r, 5);
		v[r].assigned_by_name = db_get(&rows, r, 6);
		v[r].claimed_at = db_get_int(&rows, r, 7);
		v[r].expires_at = db_get_int(&rows, r, 8);
		v[r].ended_at = db_get_int(&rows, r, 9);
		v[r].end_reason = db_get(&rows, r, 10);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

/* ---- decisions --------------------------------------------------------- */

static int
count_criteria(
    struct app *app, struct arena *a, const struct assess_app *v, size_t *n)
{
	struct db_param p[2] = {DB_STR(v->badge_id), DB_INT(v->version)};
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, Q_BADGE_CRITERIA, p, 2, a, &rows)) != 0)
		return rc;
	*n = rows.nrows;
	return 0;
}

/* check_decision validates d against the n criteria; *marks gets the
 * marks by position (1..n) in the arena. */
static int
check_decision(struct arena *a, const struct assess_decision *d, size_t n,
    const char **feedback, struct award_mark **marks, struct form_err *e)
{
	struct award_mark *m = arena_alloc(a, (n ? n : 1) * sizeof(*m));
	bool all_met = true;

	if (m == NULL || (*feedback = assess__trim(a, d->feedback)) == NULL)
		return ERR_TOOBIG;
	if (d->outcome != ASSESS_AWARD && d->outcome != ASSESS_RETURN &&
	    d->outcome != ASSESS_DECLINE)
		return form_fail(e, "outcome",
		    "Choose an outcome: award, return for further work or "
		    "decline.",
		    ERR_INVAL);
	for (size_t i = 0; i < n; i++) {
		const struct assess_mark *k = NULL;
		for (size_t j = 0; j < d->nmarks; j++)
			if (d->marks[j].position == (int)(i + 1))
				k = &d->marks[j];
		if (k == NULL || (k->met != 0 && k->met != 1))
			return form_fail(e, arena_printf(a, "met_%zu", i + 1),
			    arena_printf(a,
			        "Say whether criterion %zu is met or not yet "
			        "met.",
			        i + 1),
			    ERR_INVAL);
		if (text_chars(nz(k->comment)) > ASSESS_FEEDBACK_MAX)
			return form_fail(e,
			    arena_printf(a, "comment_%zu", i + 1),
			    "A comment must be 8,000 characters or fewer.",
			    ERR_INVAL);
		m[i].position = (int)(i + 1);
		m[i].met = k->met == 1;
		if ((m[i].comment = assess__trim(a, k->comment)) == NULL)
			return ERR_TOOBIG;
		all_met = all_met && m[i].met;
	}
	if (text_chars(*feedback) > ASSESS_FEEDBACK_MAX)
		return form_fail(e, "feedback",
		    "The feedback must be 8,000 characters or fewer.",
		    ERR_INVAL);
	if (d->outcome == ASSESS_AWARD && !all_met)
		return form_fail(e, "outcome",
		    "A badge can be awarded only when every criterion is met. "
		    "Return the application for further work instead.",
		    ERR_INVAL);
	if (d->outcome == ASSESS_RETURN && (*feedback)[0] == '\0')
		return form_fail(e, "feedback",
		    "Give the learner feedback on what to do before they "
		    "resubmit.",
		    ERR_INVAL);
	if (d->outcome == ASSESS_DECLINE &&
	    !assess_decline_code_valid(d->reason_code))
		return form_fail(e, "reason_code",
		    "Choose the reason for declining.", ERR_INVAL);
	if (d->outcome == ASSESS_DECLINE && (*feedback)[0] == '\0')
		return form_fail(e, "feedback",
		    "Explain to the learner why the application is declined.",
		    ERR_INVAL);
	*marks = m;
	return 0;
}

static const char *
decision_mail(struct app *app, struct arena *a, const struct assess_app *v,
    enum assess_outcome o, const char *feedback, const char *code,
    const char *award)
{
	const char *link =
	    arena_printf(a, "%s/applications/%s", assess__base_url(app), v->id);

	switch (o) {
	case ASSESS_AWARD:
		return arena_printf(a,
		    "Hello %s,\n\nCongratulations: you have been awarded the "
		    "badge \"%s\".\n\n%s%s%s"
		    "Your award's own page, to keep, share or print:\n\n"
		    "%s/awards/%s\n\nLaurel\n",
		    v->person_name, v->badge_name,
		    feedback[0] ? "The assessor's comments:\n\n" : "", feedback,
		    feedback[0] ? "\n\n" : "", assess__base_url(app), award);
	case ASSESS_RETURN:
		return arena_printf(a,
		    "Hello %s,\n\nYour application for the badge \"%s\" has "
		    "been returned for further work. The assessor's "
		    "feedback:\n\n%s\n\nYou can change your evidence and "
		    "resubmit it here:\n\n%s\n\nLaurel\n",
		    v->person_name, v->badge_name, feedback, link);
	case ASSESS_DECLINE:
		return arena_printf(a,
		    "Hello %s,\n\nYour application for the badge \"%s\" has "
		    "been declined.\n\nReason: %s\n\n%s\n\nYou can see the "
		    "decision here:\n\n%s\n\nLaurel\n",
		    v->person_name, v->badge_name,
		    assess_decline_code_label(code), feedback, link);
	}
	return NULL;
}

static const char *const outcome_status[] = {
    "", "awarded", "returned", "declined"};

int
assess_decide(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char *id, const struct assess_decision *d,
    const char **award_id, struct form_err *e)
{
	int64_t now = clock_now(app->clock);
	const char *feedback, *code, *status, *subject;
	struct award_mark *marks = NULL;
	struct assess_app v;
	struct db_param p[7];
	struct db_rows rows;
	char aid[ID_LEN + 1] = "";
	size_t ncrit;
	int rc;

	*award_id = NULL;
	if ((rc = assess__staff_app(app, a, who, issuer, id, false, &v, e)) !=
	    0)
		return rc;
	if (strcmp(v.status, "submitted") != 0)
		return form_fail(
		    e, "", assess__claim_msg(&v, who), ERR_CONFLICT);
	if (d->round != v.round)
		return form_fail(e, "",
		    "The learner has resubmitted since this page was shown. "
		    "Read the new round before deciding.",
		    ERR_CONFLICT);
	if (strcmp(v.claimed_by, who->person) != 0)
		return form_fail(
		    e, "", assess__claim_msg(&v, who), ERR_CONFLICT);
	if ((rc = count_criteria(app, a, &v, &ncrit)) != 0 ||
	    (rc = check_decision(a, d, ncrit, &feedback, &marks, e)) != 0)
		return rc;
	code = d->outcome == ASSESS_DECLINE ? d->reason_code : "";
	status = outcome_status[d->outcome];

	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(id);
	p[1] = DB_STR(who->person);
	p[2] = DB_INT(now);
	p[3] = DB_INT(d->round);
	p[4] = DB_STR(status);
	p[5] = DB_STR(code);
	p[6] = DB_STR(issuer);
	if ((rc = db_exec(app->db, Q_ASSESS_DECIDE_APP, p, 7, a, &rows)) != 0)
		return tx_end(app, rc);
	if (rows.changes != 1) {
		db_rollback(app->db);
		return form_fail(e, "",
		    "This application has been decided or its claim has run "
		    "out. Reload the queue.",
		    ERR_CONFLICT);
	}
	p[0] = DB_STR(id);
	p[1] = DB_INT(d->round);
	p[2] = DB_STR(status);
	p[3] = DB_STR(code);
	p[4] = DB_STR(feedback);
	p[5] = DB_STR(who->person);
	p[6] = DB_INT(now);
	rc = db_exec(app->db, Q_ASSESS_ROUND_DECIDE, p, 7, a, &rows);
	if (rc == 0 && rows.changes != 1)
		rc = form_fail(e, "", "This round has already been decided.",
		    ERR_CONFLICT);
	for (size_t i = 0; rc == 0 && i < ncrit; i++) {
		p[0] = DB_STR(id);
		p[1] = DB_INT(d->round);
		p[2] = DB_INT(marks[i].position);
		p[3] = DB_INT(marks[i].met ? 1 : 0);
		p[4] = DB_STR(marks[i].comment);
		rc = db_exec(app->db, Q_ASSESS_MARK_INSERT, p, 5, NULL, NULL);
	}
	if (rc == 0)
		rc = assess__end_claims(app, id, now, "decided");
	if (rc == 0 && d->outcome == ASSESS_AWARD) {
		rc = award_create(
		    app, a, id, d->round, who->person, marks, ncrit, aid);
		if (rc == 0)
			rc = audit_log(app, who, "award.create", aid,
			    arena_printf(a, "application %s, badge %s v%d", id,
			        v.badge_id, v.version));
	}
	if (rc == 0) {
		subject = d->outcome == ASSESS_AWARD
		    ? arena_printf(a, "You have been awarded %s", v.badge_name)
		    : d->outcome == ASSESS_RETURN
		    ? arena_printf(a, "Your application for %s: further work",
		          v.badge_name)
		    : arena_printf(
		          a, "Your application for %s: declined", v.badge_name);
		rc = assess__mail(app, v.person_email, subject,
		    decision_mail(app, a, &v, d->outcome, feedback, code, aid));
	}
	if (rc == 0)
		rc = audit_log(app, who, "assess.decide", id,
		    arena_printf(a, "%s, round %d%s%s", status, d->round,
		        code[0] ? ", " : "", code));
	if (rc == 0 && aid[0] != '\0')
		*award_id = arena_strdup(a, aid);
	return tx_end(app, rc);
}
