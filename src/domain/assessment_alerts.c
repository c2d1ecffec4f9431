/*
 * assessment_alerts.c: the assessor side's background work (jobs.c runs
 * it): releasing claims that ran out, and the due-soon and overdue alerts,
 * each sent once (alerts_sent).
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

/* ---- background work ----------------------------------------------------- */

int
assess_expire_claims(struct app *app, int *released)
{
	struct arena *a = arena_new(4 << 20);
	int64_t now = clock_now(app->clock);
	struct who job = {"", "job"};
	struct db_param p[3];
	struct db_rows rows, ch;
	int rc;

	*released = 0;
	p[0] = DB_INT(now);
	if ((rc = db_exec(app->db, Q_ASSESS_EXPIRED, p, 1, a, &rows)) != 0)
		goto out;
	for (size_t r = 0; rc == 0 && r < rows.nrows; r++) {
		const char *id = db_get(&rows, r, 0);
		const char *who = db_get(&rows, r, 1);
		if ((rc = db_begin(app->db)) != 0)
			break;
		p[0] = DB_STR(id);
		p[1] = DB_STR(who);
		p[2] = DB_INT(now);
		rc = db_exec(app->db, Q_ASSESS_EXPIRE, p, 3, a, &ch);
		if (rc == 0 && ch.changes != 1) { /* claimed anew meanwhile */
			db_rollback(app->db);
			continue;
		}
		if (rc == 0)
			rc = assess__end_claims(app, id, now, "expired");
		if (rc == 0)
			rc = audit_log(app, &job, "assess.claim.expire", id,
			    arena_printf(a, "claim of %s, round %lld", who,
			        (long long)db_get_int(&rows, r, 2)));
		if ((rc = tx_end(app, rc)) == 0)
			(*released)++;
	}
out:
	arena_free(a);
	return rc;
}

/* alert_once records key; *first is true the first time. */
static int
alert_once(struct app *app, struct arena *a, const char *key, bool *first)
{
	struct db_param p[2] = {DB_STR(key), DB_INT(clock_now(app->clock))};
	struct db_rows rows;
	int rc;

	*first = false;
	if (key == NULL)
		return ERR_TOOBIG;
	if ((rc = db_exec(app->db, Q_ALERT_INSERT, p, 2, a, &rows)) != 0)
		return rc;
	*first = rows.changes == 1;
	return 0;
}

static int
due_alert(
    struct app *app, struct arena *a, const struct assess_app *v, int *sent)
{
	const char *subject, *body;
	struct db_param p[1];
	struct db_rows rows;
	char date[16];
	bool first;
	int rc;

	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = alert_once(
	    app, a, arena_printf(a, "due:%s:%d", v->id, v->round), &first);
	if (rc != 0 || !first)
		return tx_end(app, rc);
	clock_format_date(v->due_at, date, sizeof(date));
	subject =
	    arena_printf(a, "Decision due by %s: %s", date, v->badge_name);
	body = arena_printf(a,
	    "Hello,\n\nA decision on an application for the badge "
	    "\"%s\" by %s is due by %s.%s\n\n"
	    "%s/issuers/%s/assess/%s\n\nLaurel\n",
	    v->badge_name, v->person_name, date,
	    v->claimed_by[0] ? " You hold the claim on it."
	                     : " Nobody has claimed it yet.",
	    assess__base_url(app), v->issuer_id, v->id);
	if (v->claimed_by[0] != '\0') {
		p[0] = DB_STR(v->claimed_by);
		rc = db_exec(app->db, Q_EMAIL_PRIMARY, p, 1, a, &rows);
		if (rc == 0 && rows.nrows > 0) {
			rc = assess__mail(
			    app, db_get(&rows, 0, 0), subject, body);
			(*sent)++;
		}
	} else {
		rc = assess__mail_staff(
		    app, a, v->issuer_id, "assessor", subject, body, sent);
	}
	return tx_end(app, rc);
}

static int
overdue_alert(
    struct app *app, struct arena *a, const struct assess_app *v, int *sent)
{
	char date[16];
	bool first;
	int rc;

	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = alert_once(
	    app, a, arena_printf(a, "overdue:%s:%d", v->id, v->round), &first);
	if (rc != 0 || !first)
		return tx_end(app, rc);
	clock_format_date(v->due_at, date, sizeof(date));
	rc = assess__mail_staff(app, a, v->issuer_id, "issuer_admin",
	    arena_printf(a, "Overdue: %s", v->badge_name),
	    arena_printf(a,
	        "Hello,\n\nThe decision on an application for the badge "
	        "\"%s\" by %s was due by %s and has not been made. %s\n\n"
	        "%s/issuers/%s/queue\n\nLaurel\n",
	        v->badge_name, v->person_name, date,
	        v->claimed_by[0] ? arena_printf(a, "%s holds the claim on it.",
	                               v->claimed_by_name)
	                         : "Nobody has claimed it.",
	        assess__base_url(app), v->issuer_id),
	    sent);
	return tx_end(app, rc);
}

int
assess_send_alerts(struct app *app, int *sent)
{
	struct arena *a = arena_new(8 << 20);
	int64_t now = clock_now(app->clock);
	struct db_param p[2] = {DB_INT(now), DB_INT(now + ASSESS_DUE_ALERT)};
	struct db_rows rows;
	struct assess_app v;
	int rc;

	*sent = 0;
	if ((rc = db_exec(app->db, Q_ASSESS_DUE_SOON, p, 2, a, &rows)) != 0)
		goto out;
	for (size_t r = 0; rc == 0 && r < rows.nrows; r++) {
		assess__fill_app(&rows, r, now, &v);
		rc = due_alert(app, a, &v, sent);
	}
	if (rc != 0 ||
	    (rc = db_exec(app->db, Q_ASSESS_OVERDUE, p, 1, a, &rows)) != 0)
		goto out;
	for (size_t r = 0; rc == 0 && r < rows.nrows; r++) {
		assess__fill_app(&rows, r, now, &v);
		rc = overdue_alert(app, a, &v, sent);
	}
out:
	arena_free(a);
	return rc;
}
