/*
 * h_application.c: an application's page (/applications/ID) for its
 * learner, their reviewers and the issuer's staff: status, due date and
 * place in the queue, the evidence, reviewers, comments, every round with
 * its outcome, an integrity concern; and the forms posted from it
 * (invite or remove a reviewer, comment, resolve, withdraw, respond to a
 * concern). The domain decides who sees and does what; everything lives
 * in the request's arena.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/id.h"
#include "core/num.h"
#include "domain/application.h"
#include "domain/badge.h"
#include "domain/session.h"
#include "templates.h"
#include "web/auth.h"
#include "web/h_apply.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/markdown.h"
#include "web/page.h"
#include "web/render.h"
#include "web/server.h"

/* ---- the application page ---------------------------------------------- */

static int
render_md(struct req *r, const char *md, struct view_app_text *t)
{
	struct buf b;

	if (md == NULL || md[0] == '\0') {
		t->plain = "None given.";
		return 0;
	}
	buf_init(&b, r->arena, 4 << 20);
	if (markdown_render(&b, md, strlen(md), &t->html) != 0) {
		t->html = html_safe_empty();
		t->plain = md;
	}
	return 0;
}

static const char *
outcome_label(const char *o)
{
	if (o == NULL)
		return "Waiting for a decision.";
	if (strcmp(o, "awarded") == 0)
		return "Awarded.";
	if (strcmp(o, "returned") == 0)
		return "Returned for further work.";
	if (strcmp(o, "declined") == 0)
		return "Declined.";
	if (strcmp(o, "auto_declined") == 0)
		return "Declined automatically.";
	return o;
}

static const char auto_declined_msg[] =
    "Your last submission was declined automatically because it contained "
    "something that could identify a person who uses services or a "
    "colleague. Nothing else was judged. Edit your evidence (what was "
    "found is highlighted on the edit page) and submit it again: you can "
    "do it now.";

static const char *
done_notice(const char *done)
{
	static const struct {
		const char *done, *msg;
	} notes[] = {
	    {"submitted",
	        "Your application has been submitted. We have "
	        "emailed you a copy of the date a decision is due."},
	    {"invited", "Your invitation has been sent."},
	    {"removed", "The reviewer has been removed."},
	    {"commented", "Your comment has been added."},
	    {"resolved", "The comment is marked as resolved."},
	    {"withdrawn", "Your application has been withdrawn."},
	    {"responded", "Your response has been sent to the issuer."},
	    {"accepted",
	        "Thank you for agreeing to review this draft. You "
	        "can comment on the whole or on one criterion."},
	};

	for (size_t i = 0; done != NULL && i < NELEM(notes); i++)
		if (strcmp(done, notes[i].done) == 0)
			return notes[i].msg;
	return NULL;
}

static void
set_links(struct req *r, struct view_application *v, const char *links)
{
	const char *p = links;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		while (n > 0 && *p == ' ') {
			p++;
			n--;
		}
		if (n > 0)
			*APPEND(r->arena, v->links, v->n_links) =
			    arena_strndup(r->arena, p, n);
		p = nl ? nl + 1 : NULL;
	}
}

static void
comment_form(struct req *r, struct view_application *v,
    const struct application *ap, bool posted)
{
	struct view_field *fd;

	form_init(
	    r, &v->comment, apply_path(r, ap->id, "/comments"), "Add comment");
	fd = form_field(r, &v->comment, "criterion", "About", "select");
	if (!posted || fd->value == NULL)
		fd->value = "0";
	field_option(r, fd, "0", "The whole application");
	for (size_t i = 0; i < ap->nanswers; i++)
		field_option(r, fd,
		    arena_printf(r->arena, "%d", ap->answers[i].position),
		    arena_printf(
		        r->arena, "Criterion %d", ap->answers[i].position));
	fd = form_field(r, &v->comment, "body", "Your comment", "textarea");
	if (!posted)
		fd->value = "";
	field_hint(fd,
	    "Do not include anything that could identify a person who uses "
	    "services or a colleague.");
	form_describe(r, v->comment.fields, v->comment.n_fields);
	v->has_comment_form = true;
}

/*
 * view_page renders the application page; e (with which is the form it
 * belongs to: "invite", "comment", "respond", "withdraw") shows a refused
 * form again with what was typed.
 */
static int
view_page(
    struct req *r, struct resp *rs, const struct form_err *e, const char *which)
{
	struct who w = web_who(r);
	struct view_application v;
	struct application ap;
	struct app_round *rounds;
	struct app_reviewer *rv = NULL;
	struct app_comment *cm = NULL;
	struct app_concern *cc = NULL;
	struct buf content;
	size_t nr = 0, nrv = 0, ncm = 0, ncc = 0;
	int rc, mask;
	bool owner, reviewer;

	rc = application_get(r->app, r->arena, &w, r->path_params[0], &ap);
	if (rc == ERR_NOTFOUND)
		return apply_not_found(rs);
	if (rc != 0)
		return rc;
	mask = application_access(r->app, r->arena, &w, ap.id);
	owner = (mask & APP_ACCESS_OWNER) != 0;
	reviewer = (mask & APP_ACCESS_REVIEWER) != 0;
	if ((rc = application_rounds(
	         r->app, r->arena, &w, ap.id, &rounds, &nr)) != 0 ||
	    (rc = application_comments(
	         r->app, r->arena, &w, ap.id, &cm, &ncm)) != 0)
		return rc;
	if ((owner || reviewer) &&
	    (rc = application_reviewers(
	         r->app, r->arena, &w, ap.id, &rv, &nrv)) != 0)
		return rc;
	if ((mask & ~APP_ACCESS_REVIEWER) != 0 &&
	    (rc = application_concerns(
	         r->app, r->arena, &w, ap.id, &cc, &ncc)) != 0)
		return rc;

	memset(&v, 0, sizeof(v));
	v.id = ap.id;
	v.badge_id = ap.badge_id;
	v.badge_name = ap.badge_name;
	v.learner = ap.person_name;
	v.owner = owner;
	v.status = app_state_label(
	    ap.status, ap.nreviewers > 0, ap.claimed_by != NULL, ap.round);
	v.notice = done_notice(req_param(r, "done"));
	if (ap.status == APP_AUTO_DECLINED)
		v.explain = auto_declined_msg;
	if (ap.submitted_at > 0 && ap.status != APP_DRAFT)
		v.submitted = fmt_date(r->arena, ap.submitted_at);
	if (ap.status == APP_SUBMITTED || ap.status == APP_INTEGRITY) {
		v.due = fmt_date(r->arena, ap.due_at);
		if (ap.queue_position > 0)
			v.queue = ap.claimed_by != NULL
			    ? arena_printf(r->arena,
			          "Number %lld: an assessor is looking at it "
			          "now",
			          (long long)ap.queue_position)
			    : arena_printf(r->arena, "Number %lld",
			          (long long)ap.queue_position);
	}
	if (owner && app_status_editable(ap.status)) {
		v.edit_href = apply_path(r, ap.id, "/edit");
		v.submit_href = apply_path(r, ap.id, "/submit");
	}
	v.account.heading = "Reflective account";
	render_md(r, ap.account_md, &v.account);
	for (size_t i = 0; i < ap.nanswers; i++) {
		struct view_app_text *t =
		    APPEND(r->arena, v.answers, v.n_answers);
		t->heading = arena_printf(r->arena, "Criterion %d: %s",
		    ap.answers[i].position, ap.answers[i].criterion);
		render_md(r, ap.answers[i].text, t);
	}
	v.alt_url = ap.alt_url;
	set_links(r, &v, ap.links);
	for (size_t i = 0; i < ap.nattachments; i++) {
		struct view_app_attachment *x =
		    APPEND(r->arena, v.attachments, v.n_attachments);
		x->href = apply_path(r, ap.id,
		    arena_printf(
		        r->arena, "/attachments/%s", ap.attachments[i].id));
		x->filename = ap.attachments[i].filename;
		x->kind = apply_kind_name(ap.attachments[i].content_type);
		x->size =
		    http_size_words(r->arena, (size_t)ap.attachments[i].size);
	}

	/* reviewers */
	v.reviewers_shown = owner || reviewer;
	for (size_t i = 0; i < nrv; i++) {
		struct view_app_reviewer *x =
		    APPEND(r->arena, v.reviewers, v.n_reviewers);
		x->who = rv[i].name[0]
		    ? arena_printf(r->arena, "%s (%s)", rv[i].name, rv[i].email)
		    : rv[i].email;
		x->relationship = rv[i].relationship;
		x->state = rv[i].accepted_at
		    ? arena_printf(r->arena, "accepted on %s",
		          fmt_date(r->arena, rv[i].accepted_at))
		    : arena_printf(r->arena, "invited on %s, not accepted yet",
		          fmt_date(r->arena, rv[i].invited_at));
		if (owner) {
			form_init(r, &x->remove,
			    apply_path(r, ap.id,
			        arena_printf(r->arena, "/reviewers/%s/remove",
			            rv[i].id)),
			    arena_printf(r->arena, "Remove %s", rv[i].email));
			x->remove.inline_ = true;
			x->remove.secondary = true;
			x->has_form = true;
		}
	}
	if (owner && app_status_editable(ap.status)) {
		bool posted = which && strcmp(which, "invite") == 0;
		struct view_field *fd;
		form_init(r, &v.invite, apply_path(r, ap.id, "/reviewers"),
		    "Send invitation");
		fd = form_field(
		    r, &v.invite, "email", "Reviewer's email address", "email");
		if (!posted)
			fd->value = "";
		fd = form_field(r, &v.invite, "relationship",
		    "Who are they to you?", "select");
		if (!posted || fd->value == NULL)
			fd->value = "";
		field_option(r, fd, "", "Choose one");
		field_option(r, fd, "manager", "My manager");
		field_option(r, fd, "supervisor", "My supervisor");
		field_option(r, fd, "mentor", "My mentor");
		field_option(r, fd, "colleague", "A colleague");
		field_option(r, fd, "other", "Someone else");
		if (posted && e != NULL)
			for (size_t i = 0; i < v.invite.n_fields; i++)
				if (e->field &&
				    strcmp(v.invite.fields[i].name, e->field) ==
				        0)
					v.invite.fields[i].error = e->msg;
		form_describe(r, v.invite.fields, v.invite.n_fields);
		v.has_invite = true;
	}

	/* comments */
	v.comments_shown = owner || reviewer || ncm > 0;
	for (size_t i = 0; i < ncm; i++) {
		struct view_app_comment *x =
		    APPEND(r->arena, v.comments, v.n_comments);
		x->id = cm[i].id;
		x->author = cm[i].author_name;
		x->when = fmt_time(r->arena, cm[i].created_at);
		x->about = cm[i].criterion == 0
		    ? "the whole application"
		    : arena_printf(r->arena, "criterion %d", cm[i].criterion);
		x->body = cm[i].body;
		x->resolved = cm[i].resolved_at != 0;
		if (owner && !x->resolved) {
			form_init(r, &x->resolve,
			    apply_path(r, ap.id,
			        arena_printf(r->arena, "/comments/%s/resolve",
			            cm[i].id)),
			    "Mark as resolved");
			x->resolve.inline_ = true;
			x->resolve.secondary = true;
			x->has_form = true;
		}
	}
	if ((owner || reviewer) && app_status_open(ap.status)) {
		bool posted = which && strcmp(which, "comment") == 0;
		comment_form(r, &v, &ap, posted);
		if (posted && e != NULL && e->field)
			for (size_t i = 0; i < v.comment.n_fields; i++)
				if (strcmp(v.comment.fields[i].name,
				        e->field) == 0)
					v.comment.fields[i].error = e->msg;
		form_describe(r, v.comment.fields, v.comment.n_fields);
	}

	/* rounds */
	for (size_t i = 0; i < nr; i++) {
		struct view_app_round *x =
		    APPEND(r->arena, v.rounds, v.n_rounds);
		x->round = rounds[i].round;
		x->submitted = fmt_date(r->arena, rounds[i].submitted_at);
		x->outcome = outcome_label(rounds[i].outcome);
		if (rounds[i].decided_at > 0)
			x->decided = arena_printf(r->arena, "decided on %s",
			    fmt_date(r->arena, rounds[i].decided_at));
		if (rounds[i].outcome != NULL &&
		    strcmp(rounds[i].outcome, "auto_declined") == 0)
			x->reason =
			    "It contained something that could identify "
			    "a person who uses services or a colleague. "
			    "Nothing else was judged.";
		else if (rounds[i].reason_code[0] != '\0')
			x->reason = arena_printf(
			    r->arena, "Reason: %s.", rounds[i].reason_code);
		if (rounds[i].outcome != NULL)
			x->feedback = rounds[i].feedback;
		for (size_t k = 0;
		     rounds[i].outcome != NULL && k < rounds[i].nmarks; k++) {
			struct view_app_mark *m =
			    APPEND(r->arena, x->marks, x->n_marks);
			m->number = rounds[i].marks[k].position;
			m->result = rounds[i].marks[k].met ? "met" : "not yet";
			m->comment = rounds[i].marks[k].comment;
		}
	}

	/* integrity */
	for (size_t i = 0; i < ncc; i++) {
		if (cc[i].outcome[0] != '\0' && ap.status != APP_INTEGRITY)
			continue;
		v.concern = cc[i].note;
		v.concern_raised = fmt_date(r->arena, cc[i].raised_at);
		v.response = cc[i].response[0] ? cc[i].response : NULL;
		if (owner && ap.status == APP_INTEGRITY &&
		    cc[i].responded_at == 0 && cc[i].outcome[0] == '\0') {
			bool posted = which && strcmp(which, "respond") == 0;
			struct view_field *fd;
			form_init(r, &v.respond,
			    apply_path(r, ap.id, "/response"), "Send response");
			fd = form_field(r, &v.respond, "response",
			    "Your response", "textarea");
			if (!posted)
				fd->value = "";
			field_hint(fd,
			    "You can respond once. Say how you produced your "
			    "evidence and anything the issuer should know.");
			if (posted && e != NULL)
				fd->error = e->msg;
			form_describe(r, v.respond.fields, v.respond.n_fields);
			v.has_response_form = true;
		}
	}
	if (owner &&
	    (app_status_editable(ap.status) ||
	        (ap.status == APP_SUBMITTED && ap.claimed_by == NULL))) {
		form_init(r, &v.withdraw, apply_path(r, ap.id, "/withdraw"),
		    "Withdraw application");
		v.withdraw.secondary = true;
		v.has_withdraw = true;
	}
	if (e != NULL && e->msg != NULL) {
		const char *href = "#main-content";
		if (which && strcmp(which, "invite") == 0)
			href = e->field && strcmp(e->field, "relationship") == 0
			    ? "#f-relationship"
			    : "#f-email";
		else if (which && strcmp(which, "comment") == 0)
			href = "#f-body";
		else if (which && strcmp(which, "respond") == 0)
			href = "#f-response";
		apply_add_error(r, &v.errors, &v.n_errors, href, e->msg);
	}
	resp_header(rs, "Cache-Control", "no-store");
	buf_init(&content, r->arena, 8 << 20);
	tmpl_application(&content, &v);
	return render_page(r, rs,
	    arena_printf(r->arena, "%sApplication: %s",
	        v.n_errors ? "Error: " : "", ap.badge_name),
	    &content);
}

int
h_apply_view(struct req *r, struct resp *rs)
{
	return view_page(r, rs, NULL, NULL);
}

/* after_form answers a form on the application page: a redirect with
 * done, the page again with the form's error, or 404. */
static int
after_form(struct req *r, struct resp *rs, int rc, const struct form_err *e,
    const char *which, const char *done)
{
	struct who w = web_who(r);

	if (rc == 0)
		return resp_redirect(rs,
		    apply_path(r, r->path_params[0],
		        arena_printf(r->arena, "?done=%s", done)));
	if (rc == ERR_NOTFOUND &&
	    application_access(r->app, r->arena, &w, r->path_params[0]) == 0)
		return apply_not_found(rs);
	if (rc == ERR_INVAL || rc == ERR_CONFLICT || rc == ERR_FORBIDDEN ||
	    rc == ERR_NOTFOUND) {
		rs->status = http_status_for_err(rc);
		return view_page(r, rs, e, which);
	}
	return rc;
}

int
h_apply_invite(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = application_invite(r->app, r->arena, &w, r->path_params[0],
	    req_text(r, "email"), req_text(r, "relationship"), &e);
	return after_form(r, rs, rc, &e, "invite", "invited#reviewers");
}

int
h_apply_reviewer_remove(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = application_reviewer_remove(
	    r->app, r->arena, &w, r->path_params[0], r->path_params[1], &e);
	return after_form(r, rs, rc, &e, NULL, "removed#reviewers");
}

int
h_apply_comment(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	const char *cs = req_text(r, "criterion");
	int64_t criterion = 0;
	int rc;

	if (cs[0] != '\0' &&
	    num_parse(cs, strlen(cs), 0, APPLY_MAX_ANSWERS, &criterion) != 0)
		criterion = -1;
	rc = application_comment(r->app, r->arena, &w, r->path_params[0],
	    (int)criterion, req_text(r, "body"), &e);
	return after_form(r, rs, rc, &e, "comment", "commented#comments");
}

int
h_apply_comment_resolve(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = application_comment_resolve(
	    r->app, r->arena, &w, r->path_params[0], r->path_params[1], &e);
	return after_form(r, rs, rc, &e, NULL, "resolved#comments");
}

int
h_apply_withdraw(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = application_withdraw(r->app, r->arena, &w, r->path_params[0], &e);
	return after_form(r, rs, rc, &e, "withdraw", "withdrawn");
}

int
h_apply_respond(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = application_respond(r->app, r->arena, &w, r->path_params[0],
	    req_text(r, "response"), &e);
	return after_form(r, rs, rc, &e, "respond", "responded#concern");
}
