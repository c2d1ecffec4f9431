/*
 * h_assess.c: the assessor's pages (domain/assessment.h): the issuer's
 * queue with claims, workload and reassignment, the assessment page (the
 * badge version's criteria beside the learner's evidence, earlier rounds,
 * the decision form), the integrity concern form and the issuer admin's
 * integrity decision.
 *
 * Routes need POLICY_ISSUER_STAFF or POLICY_ISSUER_ADMIN for the issuer in
 * the path; the domain checks the rest (a live claim to decide, the
 * application belonging to the issuer). A refused form is shown again
 * with what was typed and the messages. Everything lives in the request's
 * arena.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/num.h"
#include "domain/application.h"
#include "domain/assessment.h"
#include "domain/badge.h"
#include "domain/org.h"
#include "domain/session.h"
#include "templates.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/markdown.h"
#include "web/page.h"
#include "web/render.h"

/* The decision form declares met_N and comment_N for every criterion a
 * badge may have (routes.c). */
#define ASSESS_FORM_CRITERIA BADGE_LIST_MAX

static unsigned
status_for(int rc)
{
	switch (rc) {
	case ERR_INVAL:
		return 400;
	case ERR_FORBIDDEN:
		return 403;
	case ERR_NOTFOUND:
		return 404;
	case ERR_CONFLICT:
		return 409;
	default:
		return 500;
	}
}

static const char *
me(const struct req *r)
{
	return r->session ? r->session->person : "";
}

static const char *
issuer_name(struct req *r, const char *issuer)
{
	struct issuer_profile ip;

	if (issuer_profile(r->app, r->arena, issuer, &ip) != 0)
		return "Issuer";
	return ip.name;
}

static bool
is_admin(struct req *r, const char *issuer)
{
	struct who w = web_who(r);

	return (assess_staff_role(r->app, r->arena, &w, issuer) &
	           ISSUER_ADMIN) != 0;
}

static void
add_err(struct req *r, struct view_err **errs, size_t *n, const char *href,
    const char *msg)
{
	struct view_err *e = APPEND(r->arena, *errs, *n);

	e->href = href;
	e->msg = msg;
}

static const char *
claim_text(struct req *r, const struct assess_app *v)
{
	if (v->claimed_by[0] == '\0')
		return "";
	return arena_printf(r->arena, "%s, until %s", v->claimed_by_name,
	    fmt_time(r->arena, v->claim_expires_at));
}

static int
render(struct req *r, struct resp *rs, const char *title, struct buf *b)
{
	return render_page(r, rs, title, b);
}

/* ---- the queue --------------------------------------------------------- */

static const char *
done_notice(const char *done)
{
	if (strcmp(done, "released") == 0)
		return "The claim has been released.";
	if (strcmp(done, "reassigned") == 0)
		return "The application has been reassigned.";
	if (strcmp(done, "decided") == 0)
		return "Your decision has been recorded and the learner told.";
	if (strcmp(done, "awarded") == 0)
		return "The badge has been awarded and the learner told.";
	if (strcmp(done, "flagged") == 0)
		return "Your integrity concern has been sent to the issuer's "
		       "admins, and the learner told.";
	if (strcmp(done, "integrity") == 0)
		return "The integrity decision has been recorded and the "
		       "learner told.";
	return NULL;
}

/*
 * queue_page shows issuer's queue. When e is set it is shown: err_id names
 * the application whose form was refused (its fields keep what was
 * typed).
 */
static int
queue_page(struct req *r, struct resp *rs, const struct form_err *e,
    const char *err_id)
{
	const char *issuer = r->path_params[0];
	struct who w = web_who(r);
	struct view_assess_queue v;
	struct assess_app *q;
	struct assess_counts c;
	struct integrity_concern *ic;
	struct buf b;
	bool admin = is_admin(r, issuer), any_claimable = false;
	int64_t now = clock_now(r->app->clock);
	size_t n, nic;
	int rc;

	if ((rc = assess_queue(r->app, r->arena, &w, issuer, &q, &n, &c)) != 0)
		return rc;
	memset(&v, 0, sizeof(v));
	v.caption = issuer_name(r, issuer);
	v.heading = "Assessment queue";
	v.notice = done_notice(req_text(r, "done"));
	v.waiting = (long)c.waiting;
	v.overdue = (long)c.overdue;
	v.decided_week = (long)c.decided_week;
	v.integrity = (long)c.integrity;
	v.admin = admin;
	if (e != NULL && err_id == NULL)
		add_err(r, &v.errors, &v.n_errors, "#main-content", e->msg);
	for (size_t i = 0; i < n; i++) {
		struct view_queue_row *row = APPEND(r->arena, v.rows, v.n_rows);
		bool mine = strcmp(q[i].claimed_by, me(r)) == 0;
		bool errd = err_id != NULL && strcmp(err_id, q[i].id) == 0;
		struct view_field *fd;

		row->id = q[i].id;
		row->position = (long)q[i].position;
		row->badge = q[i].badge_name;
		row->learner = q[i].person_name;
		row->round = q[i].round > 1
		    ? arena_printf(
		          r->arena, "Resubmitted (round %d)", q[i].round)
		    : "";
		row->submitted = fmt_date(r->arena, q[i].submitted_at);
		row->age_days = (long)((now - q[i].submitted_at) / 86400);
		row->due = fmt_date(r->arena, q[i].due_at);
		row->overdue = q[i].overdue;
		row->claimed = claim_text(r, &q[i]);
		row->href = arena_printf(
		    r->arena, "/issuers/%s/assess/%s", issuer, q[i].id);
		row->can_claim = q[i].claimed_by[0] == '\0' &&
		    strcmp(q[i].person_id, me(r)) != 0;
		any_claimable = any_claimable || row->can_claim;
		if (row->can_claim) {
			form_init(r, &row->claim,
			    arena_printf(r->arena, "/issuers/%s/queue/%s/claim",
			        issuer, q[i].id),
			    "Claim this one");
			row->claim.inline_ = true;
			row->claim.secondary = true;
			fd = form_field(r, &row->claim, "reason",
			    arena_printf(r->arena,
			        "Why this one? (position %ld)", row->position),
			    "text");
			fd->id = arena_printf(
			    r->arena, "f-reason-%ld", row->position);
			fd->value = errd ? req_text(r, "reason") : "";
			field_hint(
			    fd, "Needed unless it is the oldest waiting.");
			if (errd) {
				fd->error = e->msg;
				add_err(r, &v.errors, &v.n_errors,
				    arena_printf(r->arena, "#%s", fd->id),
				    e->msg);
			}
			form_describe(
			    r, row->claim.fields, row->claim.n_fields);
		}
		row->can_release =
		    q[i].claimed_by[0] != '\0' && (mine || admin);
		if (row->can_release) {
			form_init(r, &row->release,
			    arena_printf(r->arena,
			        "/issuers/%s/queue/%s/release", issuer,
			        q[i].id),
			    mine ? "Release my claim" : "Release this claim");
			row->release.inline_ = true;
			row->release.secondary = true;
		}
		if (errd && !row->can_claim)
			add_err(
			    r, &v.errors, &v.n_errors, "#main-content", e->msg);
		if (admin) {
			struct view_reassign_row *x =
			    APPEND(r->arena, v.reassign, v.n_reassign);
			struct staff *st;
			size_t ns;
			x->position = row->position;
			x->badge = row->badge;
			x->learner = row->learner;
			x->claimed = row->claimed;
			form_init(r, &x->form,
			    arena_printf(r->arena,
			        "/issuers/%s/queue/%s/reassign", issuer,
			        q[i].id),
			    "Reassign");
			x->form.secondary = true;
			fd = form_field(
			    r, &x->form, "to", "Give it to", "select");
			fd->id =
			    arena_printf(r->arena, "f-to-%ld", row->position);
			fd->value = errd ? req_text(r, "to") : "";
			field_option(r, fd, "", "Choose an assessor");
			if (issuer_staff(r->app, r->arena, issuer, &st, &ns) ==
			    0)
				for (size_t k = 0; k < ns; k++)
					if (strcmp(st[k].role, "assessor") ==
					        0 &&
					    strcmp(st[k].person,
					        q[i].person_id) != 0)
						field_option(r, fd,
						    st[k].person, st[k].name);
			fd =
			    form_field(r, &x->form, "reason", "Reason", "text");
			fd->id = arena_printf(
			    r->arena, "f-reassign-reason-%ld", row->position);
			fd->value = errd ? req_text(r, "reason") : "";
			form_describe(r, x->form.fields, x->form.n_fields);
		}
	}
	if (any_claimable) {
		v.can_claim_oldest = true;
		form_init(r, &v.claim_oldest,
		    arena_printf(r->arena, "/issuers/%s/queue/claim", issuer),
		    "Claim the oldest");
	}
	if (admin) {
		struct assess_workload *wl;
		size_t nw;
		if ((rc = assess_workload(
		         r->app, r->arena, &w, issuer, &wl, &nw)) != 0)
			return rc;
		for (size_t i = 0; i < nw; i++) {
			struct view_workload_row *x =
			    APPEND(r->arena, v.workload, v.n_workload);
			x->name = wl[i].name;
			x->role = wl[i].assessor ? "Assessor" : "Issuer admin";
			x->claimed = (long)wl[i].claimed;
			x->decided_week = (long)wl[i].decided_week;
			x->decided_total = (long)wl[i].decided_total;
		}
	}
	if ((rc = assess_integrity_list(
	         r->app, r->arena, &w, issuer, &ic, &nic)) != 0)
		return rc;
	for (size_t i = 0; i < nic; i++) {
		struct view_integrity_row *x =
		    APPEND(r->arena, v.concerns, v.n_concerns);
		x->href = admin
		    ? arena_printf(r->arena, "/issuers/%s/integrity/%s", issuer,
		          ic[i].application_id)
		    : arena_printf(r->arena, "/issuers/%s/assess/%s", issuer,
		          ic[i].application_id);
		x->badge = ic[i].badge_name;
		x->learner = ic[i].person_name;
		x->raised_by = ic[i].raised_by_name;
		x->raised = fmt_date(r->arena, ic[i].raised_at);
		x->note = ic[i].note;
		x->response = ic[i].learner_response;
	}
	if (v.n_errors > 0 && rs->status < 400)
		rs->status = 400;
	buf_init(&b, r->arena, 4 << 20);
	tmpl_assess_queue(&b, &v);
	return render(r, rs,
	    v.n_errors ? "Error: Assessment queue" : "Assessment queue", &b);
}

int
h_assess_queue(struct req *r, struct resp *rs)
{
	return queue_page(r, rs, NULL, NULL);
}

static int
refused(struct req *r, struct resp *rs, int rc, const struct form_err *e,
    const char *err_id)
{
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404, e->msg);
	rs->status = status_for(rc);
	return queue_page(r, rs, e, err_id);
}

int
h_assess_claim_oldest(struct req *r, struct resp *rs)
{
	const char *issuer = r->path_params[0], *id;
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = assess_claim_oldest(r->app, r->arena, &w, issuer, &id, &e);
	if (rc == ERR_NOTFOUND || rc == ERR_CONFLICT || rc == ERR_FORBIDDEN) {
		rs->status = status_for(rc);
		return queue_page(r, rs, &e, NULL);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(
	    rs, arena_printf(r->arena, "/issuers/%s/assess/%s", issuer, id));
}

int
h_assess_claim(struct req *r, struct resp *rs)
{
	const char *issuer = r->path_params[0], *id = r->path_params[1];
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = assess_claim(
	    r->app, r->arena, &w, issuer, id, req_text(r, "reason"), &e);
	if (rc == ERR_INVAL || rc == ERR_CONFLICT || rc == ERR_FORBIDDEN ||
	    rc == ERR_NOTFOUND)
		return refused(r, rs, rc, &e, id);
	if (rc != 0)
		return rc;
	return resp_redirect(
	    rs, arena_printf(r->arena, "/issuers/%s/assess/%s", issuer, id));
}

int
h_assess_release(struct req *r, struct resp *rs)
{
	const char *issuer = r->path_params[0], *id = r->path_params[1];
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = assess_release(r->app, r->arena, &w, issuer, id, &e);
	if (rc == ERR_CONFLICT || rc == ERR_FORBIDDEN || rc == ERR_NOTFOUND)
		return refused(r, rs, rc, &e, NULL);
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(r->arena, "/issuers/%s/queue?done=released", issuer));
}

int
h_assess_reassign(struct req *r, struct resp *rs)
{
	const char *issuer = r->path_params[0], *id = r->path_params[1];
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = assess_reassign(r->app, r->arena, &w, issuer, id,
	    req_text(r, "to"), req_text(r, "reason"), &e);
	if (rc == ERR_INVAL || rc == ERR_CONFLICT || rc == ERR_FORBIDDEN ||
	    rc == ERR_NOTFOUND)
		return refused(r, rs, rc, &e, NULL);
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(
	        r->arena, "/issuers/%s/queue?done=reassigned", issuer));
}

/* ---- the assessment page ----------------------------------------------- */

static const char *
outcome_label(const char *o)
{
	if (o == NULL)
		return "Not decided";
	if (strcmp(o, "awarded") == 0)
		return "Awarded";
	if (strcmp(o, "returned") == 0)
		return "Returned for further work";
	if (strcmp(o, "declined") == 0)
		return "Declined";
	if (strcmp(o, "auto_declined") == 0)
		return "Declined automatically (identifying details)";
	return o;
}

static const char *
status_label(const char *s)
{
	if (strcmp(s, "submitted") == 0)
		return "Waiting for a decision";
	if (strcmp(s, "integrity") == 0)
		return "Integrity concern: waiting for an issuer admin";
	return outcome_label(s);
}

static const char *
size_words(struct arena *a, int64_t n)
{
	if (n < 1024)
		return arena_printf(a, "%lld bytes", (long long)n);
	if (n < 1024 * 1024)
		return arena_printf(a, "%lld KB", (long long)(n / 1024));
	return arena_printf(a, "%.1f MB", (double)n / (1024.0 * 1024.0));
}

static void
split_links(struct req *r, struct view_assess *v, const char *s)
{
	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		size_t m = n;
		while (m > 0 && (s[m - 1] == '\r' || s[m - 1] == ' '))
			m--;
		if (m > 0)
			*APPEND(r->arena, v->links, v->n_links) =
			    arena_strndup(r->arena, s, m);
		s += n;
		if (*s == '\n')
			s++;
	}
}

/* decision_fields adds the outcome, feedback and reason fields. */
static void
decision_fields(struct req *r, struct view_assess *v)
{
	struct view_form f;
	struct view_field *fd;
	static const char *const codes[] = {"criteria-not-met", "not-own-work",
	    "identifies-individuals", "not-eligible", "other"};

	memset(&f, 0, sizeof(f));
	fd = form_field(r, &f, "outcome", "Outcome", "select");
	if (fd->value == NULL)
		fd->value = "";
	field_option(r, fd, "", "Choose an outcome");
	field_option(r, fd, "award", "Award the badge");
	field_option(r, fd, "return", "Return for further work");
	field_option(r, fd, "decline", "Decline");
	fd = form_field(
	    r, &f, "feedback", "Feedback for the learner", "textarea");
	field_hint(fd,
	    "Required to return or decline. Say what the learner did well "
	    "and, when you return it, what to add before resubmitting.");
	fd = form_field(r, &f, "reason_code", "Reason for declining", "select");
	if (fd->value == NULL)
		fd->value = "";
	field_hint(fd, "Only when you decline.");
	field_option(r, fd, "", "Not declining");
	for (size_t i = 0; i < NELEM(codes); i++)
		field_option(
		    r, fd, codes[i], assess_decline_code_label(codes[i]));
	v->tail = f.fields;
	v->n_tail = f.n_fields;
}

/*
 * assess_page shows application r->path_params[1] to the issuer's staff.
 * e (may be NULL) is a refused decision, flag or claim: its field
 * ("met_N", "comment_N", "outcome", "feedback", "reason_code", "note",
 * "reason" or "") gets the message.
 */
static int
assess_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	const char *issuer = r->path_params[0], *id = r->path_params[1];
	struct who w = web_who(r);
	struct view_assess v;
	struct assess_app ap;
	struct app_round *rounds, *cur = NULL;
	struct badge_detail bd;
	struct integrity_concern *ic;
	struct buf md, b;
	bool admin = is_admin(r, issuer), mine, posted = r->method == HTTP_POST;
	size_t nr, nic;
	int rc;

	rc = assess_app_get(r->app, r->arena, &w, issuer, id, &ap);
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404,
		    "There is no such application in this issuer's queue.");
	if (rc != 0)
		return rc;
	if ((rc = application_rounds(r->app, r->arena, &w, id, &rounds, &nr)) !=
	    0)
		return rc;
	if ((rc = badge_get(r->app, r->arena, ap.badge_id, ap.version, true,
	         NULL, &bd)) != 0)
		return rc;
	for (size_t i = 0; i < nr; i++)
		if (rounds[i].round == ap.round)
			cur = &rounds[i];
	memset(&v, 0, sizeof(v));
	v.caption =
	    arena_printf(r->arena, "Assessment: %s", issuer_name(r, issuer));
	v.heading = ap.badge_name;
	v.notice = done_notice(req_text(r, "done"));
	v.learner = ap.person_name;
	v.status = status_label(ap.status);
	v.round = ap.round;
	v.submitted = fmt_date(r->arena, ap.submitted_at);
	v.due = fmt_date(r->arena, ap.due_at);
	v.overdue = ap.overdue;
	mine = strcmp(ap.claimed_by, me(r)) == 0;
	v.claimant = ap.claimed_by[0] == '\0' ? "Nobody holds a claim."
	    : mine ? arena_printf(r->arena, "You, until %s",
	                 fmt_time(r->arena, ap.claim_expires_at))
	           : claim_text(r, &ap);
	v.back_href = arena_printf(r->arena, "/issuers/%s/queue", issuer);
	v.csrf = r->csrf;
	v.action = arena_printf(r->arena, "/issuers/%s/assess/%s", issuer, id);
	buf_init(&md, r->arena, 4 << 20);
	if (cur != NULL) {
		if (markdown_render(&md, cur->account_md,
		        strlen(cur->account_md), &v.account) != 0)
			v.account = html_safe_empty();
		v.alt_url = cur->alt_url;
		split_links(r, &v, cur->links);
		for (size_t i = 0; i < cur->nattachments; i++) {
			struct view_assess_attachment *t =
			    APPEND(r->arena, v.attachments, v.n_attachments);
			t->href = arena_printf(r->arena,
			    "/applications/%s/attachments/%s", id,
			    cur->attachments[i].id);
			t->name = cur->attachments[i].filename;
			t->size =
			    size_words(r->arena, cur->attachments[i].size);
		}
	} else {
		v.account = html_safe_empty();
	}
	v.can_decide = strcmp(ap.status, "submitted") == 0 && mine &&
	    bd.n_criteria <= ASSESS_FORM_CRITERIA;
	for (size_t i = 0; i < bd.n_criteria; i++) {
		struct view_assess_criterion *c =
		    APPEND(r->arena, v.criteria, v.n_criteria);
		const char *met;
		c->position = (long)i + 1;
		c->text = bd.criteria[i];
		c->answer =
		    cur != NULL && i < cur->nanswers ? cur->answers[i] : "";
		c->name = arena_printf(r->arena, "met_%zu", i + 1);
		c->comment_name = arena_printf(r->arena, "comment_%zu", i + 1);
		c->comment_id = arena_printf(r->arena, "f-comment_%zu", i + 1);
		met = posted ? req_text(r, c->name) : "";
		c->met = strcmp(met, "yes") == 0;
		c->not_met = strcmp(met, "no") == 0;
		c->comment = posted ? req_text(r, c->comment_name) : "";
		if (e != NULL && e->field != NULL &&
		    (strcmp(e->field, c->name) == 0 ||
		        strcmp(e->field, c->comment_name) == 0)) {
			c->error = e->msg;
			c->error_id =
			    arena_printf(r->arena, "%s-error", c->name);
		}
	}
	if (v.can_decide)
		decision_fields(r, &v);
	if (strcmp(ap.status, "submitted") == 0 && ap.claimed_by[0] == '\0' &&
	    strcmp(ap.person_id, me(r)) != 0) {
		struct view_field *fd;
		v.can_claim = true;
		form_init(r, &v.claim,
		    arena_printf(
		        r->arena, "/issuers/%s/queue/%s/claim", issuer, id),
		    "Claim this application");
		fd = form_field(r, &v.claim, "reason", "Why this one?", "text");
		field_hint(
		    fd, "Needed unless it is the oldest waiting in the queue.");
		form_describe(r, v.claim.fields, v.claim.n_fields);
	}
	if (ap.claimed_by[0] != '\0' && (mine || admin)) {
		v.can_release = true;
		form_init(r, &v.release,
		    arena_printf(
		        r->arena, "/issuers/%s/queue/%s/release", issuer, id),
		    mine ? "Release my claim" : "Release this claim");
		v.release.secondary = true;
	}
	if (strcmp(ap.status, "submitted") == 0 && mine) {
		struct view_field *fd;
		v.can_flag = true;
		form_init(r, &v.flag,
		    arena_printf(r->arena, "/issuers/%s/assess/%s/integrity",
		        issuer, id),
		    "Raise an integrity concern");
		v.flag.secondary = true;
		form_hidden(r, &v.flag, "round",
		    arena_printf(r->arena, "%d", ap.round));
		fd = form_field(r, &v.flag, "note", "Your concern", "textarea");
		field_hint(fd,
		    "What suggests the evidence was generated by AI or "
		    "copied. The issuer admin reads it; the learner is told "
		    "that there is a concern.");
		if (e != NULL && e->field != NULL &&
		    strcmp(e->field, "note") == 0)
			fd->error = e->msg;
		form_describe(r, v.flag.fields, v.flag.n_fields);
	}
	for (size_t i = 0; i < nr; i++) {
		struct view_assess_round *x;
		if (rounds[i].round == ap.round &&
		    strcmp(ap.status, "submitted") == 0)
			continue;
		if (rounds[i].outcome == NULL)
			continue;
		x = APPEND(r->arena, v.earlier, v.n_earlier);
		x->round = rounds[i].round;
		x->submitted = fmt_date(r->arena, rounds[i].submitted_at);
		x->outcome = outcome_label(rounds[i].outcome);
		x->reason = rounds[i].reason_code ? rounds[i].reason_code : "";
		x->feedback = rounds[i].feedback;
		x->decided = rounds[i].decided_at
		    ? arena_printf(r->arena, "by %s on %s",
		          rounds[i].decided_by_name,
		          fmt_date(r->arena, rounds[i].decided_at))
		    : "";
		for (size_t k = 0; k < rounds[i].nmarks; k++) {
			struct view_assess_mark *m =
			    APPEND(r->arena, x->marks, x->n_marks);
			m->position = rounds[i].marks[k].position;
			m->met = rounds[i].marks[k].met ? "met" : "not yet met";
			m->comment = rounds[i].marks[k].comment;
		}
	}
	if (assess_concerns(r->app, r->arena, &w, issuer, id, &ic, &nic) == 0)
		for (size_t i = 0; i < nic; i++) {
			struct view_integrity_row *x =
			    APPEND(r->arena, v.concerns, v.n_concerns);
			x->raised_by = ic[i].raised_by_name;
			x->raised = fmt_date(r->arena, ic[i].raised_at);
			x->note = ic[i].note;
			x->response = ic[i].learner_response;
			x->badge = ic[i].outcome[0]
			    ? arena_printf(r->arena, "%s (%s)%s%s",
			          ic[i].outcome,
			          integrity_code_label(ic[i].reason_code),
			          ic[i].decision_note[0] ? ": " : "",
			          ic[i].decision_note)
			    : "";
		}
	if (e != NULL) {
		const char *href = "#main-content";
		if (e->field != NULL && e->field[0] != '\0') {
			bool found = false;
			for (size_t i = 0; i < v.n_tail; i++)
				if (strcmp(v.tail[i].name, e->field) == 0) {
					v.tail[i].error = e->msg;
					href = arena_printf(
					    r->arena, "#%s", v.tail[i].id);
					found = true;
				}
			if (!found && strncmp(e->field, "met_", 4) == 0)
				href = arena_printf(r->arena, "#%s", e->field);
			else if (!found && strcmp(e->field, "note") == 0)
				href = "#f-note";
		}
		add_err(r, &v.errors, &v.n_errors, href, e->msg);
		form_describe(r, v.tail, v.n_tail);
	} else {
		form_describe(r, v.tail, v.n_tail);
	}
	if (v.n_errors > 0 && rs->status < 400)
		rs->status = 400;
	buf_init(&b, r->arena, 4 << 20);
	tmpl_assess(&b, &v);
	return render(r, rs,
	    v.n_errors ? arena_printf(r->arena, "Error: %s", ap.badge_name)
	               : ap.badge_name,
	    &b);
}

int
h_assess_page(struct req *r, struct resp *rs)
{
	return assess_page(r, rs, NULL);
}

int
h_assess_decide(struct req *r, struct resp *rs)
{
	const char *issuer = r->path_params[0], *id = r->path_params[1];
	const char *outcome = req_text(r, "outcome"),
	           *rs_ = req_text(r, "round");
	struct assess_mark marks[ASSESS_FORM_CRITERIA];
	struct assess_decision d = {0};
	struct who w = web_who(r);
	struct form_err e = {0};
	const char *award;
	int64_t round = 0;
	int rc;

	if (num_parse(rs_, strlen(rs_), 1, 100000, &round) != 0)
		round = 0;
	for (size_t i = 0; i < ASSESS_FORM_CRITERIA; i++) {
		const char *m =
		    req_text(r, arena_printf(r->arena, "met_%zu", i + 1));
		marks[i].position = (int)i + 1;
		marks[i].met = strcmp(m, "yes") == 0 ? 1
		    : strcmp(m, "no") == 0           ? 0
		                                     : -1;
		marks[i].comment =
		    req_text(r, arena_printf(r->arena, "comment_%zu", i + 1));
	}
	d.round = (int)round;
	d.outcome = strcmp(outcome, "award") == 0 ? ASSESS_AWARD
	    : strcmp(outcome, "return") == 0      ? ASSESS_RETURN
	    : strcmp(outcome, "decline") == 0     ? ASSESS_DECLINE
	                                          : (enum assess_outcome)0;
	d.marks = marks;
	d.nmarks = ASSESS_FORM_CRITERIA;
	d.feedback = req_text(r, "feedback");
	d.reason_code = req_text(r, "reason_code");
	rc = assess_decide(r->app, r->arena, &w, issuer, id, &d, &award, &e);
	if (rc == ERR_INVAL || rc == ERR_CONFLICT || rc == ERR_FORBIDDEN) {
		rs->status = status_for(rc);
		return assess_page(r, rs, &e);
	}
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404, e.msg);
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(r->arena, "/issuers/%s/queue?done=%s", issuer,
	        award != NULL ? "awarded" : "decided"));
}

int
h_assess_flag(struct req *r, struct resp *rs)
{
	const char *issuer = r->path_params[0], *id = r->path_params[1];
	const char *rs_ = req_text(r, "round");
	struct who w = web_who(r);
	struct form_err e = {0};
	int64_t round = 0;
	int rc;

	if (num_parse(rs_, strlen(rs_), 1, 100000, &round) != 0)
		round = 0;
	rc = assess_flag(r->app, r->arena, &w, issuer, id, (int)round,
	    req_text(r, "note"), &e);
	if (rc == ERR_INVAL || rc == ERR_CONFLICT || rc == ERR_FORBIDDEN) {
		rs->status = status_for(rc);
		return assess_page(r, rs, &e);
	}
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404, e.msg);
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(r->arena, "/issuers/%s/queue?done=flagged", issuer));
}

/* ---- the issuer admin's integrity decision ------------------------------ */

static int
integrity_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	const char *issuer = r->path_params[0], *id = r->path_params[1];
	static const char *const codes[] = {
	    "no-concern", "ai-generated-evidence", "copied-evidence", "other"};
	struct who w = web_who(r);
	struct integrity_concern *ic;
	struct view_section *s;
	struct view_field *fd;
	struct view_form *f;
	struct assess_app ap;
	struct page p;
	size_t n;
	int rc;

	rc = assess_app_get(r->app, r->arena, &w, issuer, id, &ap);
	if (rc == 0)
		rc = assess_concerns(r->app, r->arena, &w, issuer, id, &ic, &n);
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404,
		    "There is no such application in this issuer's queue.");
	if (rc != 0)
		return rc;
	page_init(&p, r,
	    arena_printf(r->arena, "Integrity concern: %s", ap.badge_name));
	p.v.caption = issuer_name(r, issuer);
	page_para(&p,
	    arena_printf(r->arena, "Application by %s, round %d. Status: %s.",
	        ap.person_name, ap.round, status_label(ap.status)));
	page_link(&p,
	    arena_printf(r->arena, "/issuers/%s/assess/%s", issuer, id),
	    "Read the evidence");
	page_link(&p, arena_printf(r->arena, "/issuers/%s/queue", issuer),
	    "Back to the queue");
	for (size_t i = 0; i < n; i++) {
		s = page_section(&p,
		    arena_printf(r->arena, "Concern raised by %s on %s",
		        ic[i].raised_by_name,
		        fmt_date(r->arena, ic[i].raised_at)));
		section_para(r, s, ic[i].note);
		section_para(r, s,
		    ic[i].learner_response[0]
		        ? arena_printf(r->arena, "The learner's response: %s",
		              ic[i].learner_response)
		        : "The learner has not responded yet.");
		if (ic[i].outcome[0] != '\0')
			section_para(r, s,
			    arena_printf(r->arena, "Decided: %s (%s) by %s. %s",
			        ic[i].outcome,
			        integrity_code_label(ic[i].reason_code),
			        ic[i].decided_by_name, ic[i].decision_note));
	}
	if (strcmp(ap.status, "integrity") == 0) {
		f = page_form(&p,
		    arena_printf(
		        r->arena, "/issuers/%s/integrity/%s", issuer, id),
		    "Record the decision");
		fd = form_field(r, f, "outcome", "Decision", "select");
		if (fd->value == NULL)
			fd->value = "";
		field_option(r, fd, "", "Choose a decision");
		field_option(r, fd, "cleared",
		    "Cleared: back in the queue in its original place");
		field_option(r, fd, "returned", "Returned for further work");
		field_option(r, fd, "declined", "Declined");
		fd = form_field(r, f, "reason_code", "Reason code", "select");
		if (fd->value == NULL)
			fd->value = "";
		field_option(r, fd, "", "Choose a reason code");
		for (size_t i = 0; i < NELEM(codes); i++)
			field_option(
			    r, fd, codes[i], integrity_code_label(codes[i]));
		fd =
		    form_field(r, f, "note", "Note to the learner", "textarea");
		field_hint(fd,
		    "Required when you return or decline: the learner reads "
		    "it.");
	}
	if (e != NULL)
		page_error(&p, e->field, e->msg);
	return page_render(&p, rs);
}

int
h_assess_integrity(struct req *r, struct resp *rs)
{
	return integrity_page(r, rs, NULL);
}

int
h_assess_integrity_decide(struct req *r, struct resp *rs)
{
	const char *issuer = r->path_params[0], *id = r->path_params[1];
	const char *o = req_text(r, "outcome");
	struct who w = web_who(r);
	struct form_err e = {0};
	enum integrity_outcome out = strcmp(o, "cleared") == 0
	    ? INTEGRITY_CLEARED
	    : strcmp(o, "returned") == 0 ? INTEGRITY_RETURNED
	    : strcmp(o, "declined") == 0 ? INTEGRITY_DECLINED
	                                 : (enum integrity_outcome)0;
	int rc;

	rc = assess_integrity_decide(r->app, r->arena, &w, issuer, id, out,
	    req_text(r, "reason_code"), req_text(r, "note"), &e);
	if (rc == ERR_INVAL || rc == ERR_CONFLICT || rc == ERR_FORBIDDEN) {
		rs->status = status_for(rc);
		return integrity_page(r, rs, &e);
	}
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404, e.msg);
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(r->arena, "/issuers/%s/queue?done=integrity", issuer));
}
