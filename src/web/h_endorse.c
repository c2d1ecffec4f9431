/*
 * h_endorse.c: endorsements (domain/endorse.h) and what learners show of
 * their awards (domain/profile.h): the public endorsement form and its
 * confirmation link, the learner's page for publishing, hiding and asking
 * for endorsements, the profile settings, the public profile, the
 * organisation's page of awards its staff share with it, and the badge
 * page's "Colleagues who hold this badge".
 *
 * Pages about one award answer 404 alike for an award that does not
 * exist, whose page is private, or that is not the caller's where only
 * its owner may look, so an id is not confirmed to strangers. The public
 * profile is sent with X-Robots-Tag: noindex. Everything lives in the
 * request's arena.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "domain/endorse.h"
#include "domain/org.h"
#include "domain/profile.h"
#include "domain/session.h"
#include "templates.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/render.h"
#include "web/router.h"

static const char no_award[] =
    "There is no award to endorse at this address. If you followed a "
    "link, the award may have been withdrawn, or its holder may have made "
    "its page private.";

static const char *
base_url(struct req *r)
{
	return r->app->cfg && r->app->cfg->base_url ? r->app->cfg->base_url
	                                            : "";
}

static bool
is_owner(struct req *r, const struct endorse_target *t)
{
	return r->session != NULL && strcmp(r->session->person, t->person) == 0;
}

/* state_label is how an award's status reads to people. */
static const char *
state_label(struct req *r, const char *status, int64_t expires_at)
{
	int64_t now = clock_now(r->app->clock);

	if (strcmp(status, "active") == 0 && expires_at > 0 &&
	    expires_at <= now)
		return arena_printf(
		    r->arena, "Expired on %s.", fmt_date(r->arena, expires_at));
	if (strcmp(status, "active") == 0)
		return expires_at > 0
		    ? arena_printf(r->arena, "Active until %s.",
		          fmt_date(r->arena, expires_at))
		    : "Active.";
	if (strcmp(status, "expired") == 0)
		return "Expired.";
	if (strcmp(status, "lapsed") == 0)
		return "Lapsed.";
	if (strcmp(status, "suspended") == 0)
		return "Suspended.";
	if (strcmp(status, "revoked") == 0)
		return "Revoked.";
	return status;
}

/* ---- the public form ---------------------------------------------------- */

static int
form_page(struct req *r, struct resp *rs, const struct endorse_target *t,
    const struct form_err *e)
{
	const char *sent = req_param(r, "form_token");
	const char *request = req_text(r, "request");
	const char *rq_name = NULL, *rq_email = NULL;
	char token[ENDORSE_FORM_TOKEN_LEN];
	struct view_form *f;
	struct view_field *fd;
	struct page p;
	int rc;

	if (request[0] != '\0' &&
	    endorse_request_find(r->app, r->arena, t->award_id, request,
	        &rq_name, &rq_email) != 0)
		request = "";
	page_init(&p, r,
	    arena_printf(r->arena, "Endorse %s's badge", t->learner_name));
	p.v.caption = t->badge_name;
	page_para(&p,
	    arena_printf(r->arena,
	        "%s holds the badge \"%s\". An endorsement is a few words "
	        "about their learning and their practice: what you have seen "
	        "them do, and what difference it made.",
	        t->learner_name, t->badge_name));
	page_para(&p,
	    arena_printf(r->arena,
	        "We will email you a link to confirm your email address. Then "
	        "%s decides whether to publish your endorsement on the "
	        "award's page, with your name, your relationship to them and "
	        "your organisation. Your email address is never shown.",
	        t->learner_name));
	page_link(&p, arena_printf(r->arena, "/awards/%s", t->award_id),
	    "See the award");
	f = page_form(&p,
	    arena_printf(r->arena, "/awards/%s/endorse", t->award_id),
	    "Send endorsement");
	fd = form_field(r, f, "name", "Your name", "text");
	fd->autocomplete = "name";
	if (fd->value == NULL && rq_name != NULL)
		fd->value = rq_name;
	fd = form_field(r, f, "email", "Your email address", "email");
	fd->autocomplete = "email";
	field_hint(fd, "We send you a link to confirm it. It is never shown.");
	if (fd->value == NULL && rq_email != NULL)
		fd->value = rq_email;
	fd = form_field(r, f, "relationship",
	    arena_printf(r->arena, "How do you know %s?", t->learner_name),
	    "select");
	if (fd->value == NULL)
		fd->value = "";
	field_option(r, fd, "", "Choose one");
	field_option(r, fd, "manager", "I am their manager");
	field_option(r, fd, "colleague", "I am a colleague");
	field_option(r, fd, "tutor", "I am their tutor");
	field_option(r, fd, "uses_services",
	    "I use the services they work in, or my family does");
	field_option(r, fd, "other", "Another way");
	fd = form_field(
	    r, f, "organisation", "Your organisation (optional)", "text");
	fd->autocomplete = "organization";
	fd = form_field(r, f, "message", "Your endorsement", "textarea");
	field_hint(fd,
	    "Up to 2,000 characters. Please do not name people who use "
	    "services.");
	/* A form shown again keeps its token: the wait counts from when it
	 * was first shown. */
	if (sent == NULL || !endorse_token_usable(r->app, sent)) {
		if ((rc = endorse_form_token(r->app, token)) != 0)
			return rc;
		sent = arena_strdup(r->arena, token);
	}
	form_hidden(r, f, "form_token", sent);
	if (request[0] != '\0')
		form_hidden(r, f, "request", request);
	f->honeypot = true;
	if (e != NULL)
		page_error(&p, e->field, e->msg);
	return page_render(&p, rs);
}

int
h_endorse_form(struct req *r, struct resp *rs)
{
	const char *done = req_text(r, "done");
	struct endorse_target t;
	struct page p;
	int rc;

	rc = endorse_target(r->app, r->arena, r->path_params[0], &t);
	if (rc == ERR_NOTFOUND || (rc == 0 && !t.open && !is_owner(r, &t)))
		return resp_error(rs, 404, no_award);
	if (rc != 0)
		return rc;
	if (strcmp(done, "sent") == 0 || strcmp(done, "confirmed") == 0) {
		page_init(&p, r,
		    strcmp(done, "sent") == 0
		        ? "Check your email"
		        : "Thank you for your endorsement");
		p.v.caption = t.badge_name;
		page_para(&p,
		    strcmp(done, "sent") == 0
		        ? arena_printf(r->arena,
		              "We have sent you an email with a link. Open it "
		              "to confirm your email address, and your "
		              "endorsement goes to %s. The link works for 7 "
		              "days.",
		              t.learner_name)
		        : arena_printf(r->arena,
		              "Your endorsement has been sent to %s, who "
		              "decides whether to publish it.",
		              t.learner_name));
		page_link(&p, arena_printf(r->arena, "/awards/%s", t.award_id),
		    "See the award");
		return page_render(&p, rs);
	}
	if (is_owner(r, &t)) {
		page_init(&p, r, "This is your award");
		p.v.caption = t.badge_name;
		page_para(&p,
		    "You cannot endorse your own award. Share this page's "
		    "address with the people you would like to endorse it, or "
		    "send them a request.");
		page_link(&p,
		    arena_printf(
		        r->arena, "/awards/%s/endorsements", t.award_id),
		    "Your endorsements and requests");
		return page_render(&p, rs);
	}
	return form_page(r, rs, &t, NULL);
}

int
h_endorse_submit(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	struct endorse_target t;
	struct endorse_cmd cmd;
	char id[ID_LEN + 1];
	bool confirmed;
	int rc;

	rc = endorse_target(r->app, r->arena, r->path_params[0], &t);
	if (rc == ERR_NOTFOUND || (rc == 0 && !t.open))
		return resp_error(rs, 404, no_award);
	if (rc != 0)
		return rc;
	cmd.name = req_text(r, "name");
	cmd.email = req_text(r, "email");
	cmd.relationship = req_text(r, "relationship");
	cmd.organisation = req_text(r, "organisation");
	cmd.message = req_text(r, "message");
	cmd.honeypot = req_text(r, "website");
	cmd.token = req_text(r, "form_token");
	cmd.request = req_text(r, "request");
	rc = endorse_submit(
	    r->app, r->arena, &w, t.award_id, &cmd, id, &confirmed, &e);
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404, no_award);
	if (rc == ERR_INVAL || rc == ERR_CONFLICT || rc == ERR_FORBIDDEN) {
		rs->status = rc == ERR_CONFLICT ? 409
		    : rc == ERR_FORBIDDEN       ? 429
		                                : 400;
		if (rc == ERR_FORBIDDEN && is_owner(r, &t))
			rs->status = 403;
		return form_page(r, rs, &t, &e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(r->arena, "/awards/%s/endorse?done=%s", t.award_id,
	        confirmed ? "confirmed" : "sent"));
}

/* ---- confirming the address --------------------------------------------- */

static int
confirmed_page(struct req *r, struct resp *rs, const struct endorse_pending *pd)
{
	struct page p;

	page_init(&p, r, "Your endorsement is confirmed");
	p.v.caption = pd->badge_name;
	p.v.notice = "Thank you. Your email address is confirmed.";
	page_para(&p,
	    arena_printf(r->arena,
	        "Your endorsement has been sent to %s, who decides whether "
	        "to publish it on the award's page.",
	        pd->learner_name));
	page_link(&p, arena_printf(r->arena, "/awards/%s", pd->award_id),
	    "See the award");
	return page_render(&p, rs);
}

int
h_endorse_confirm_view(struct req *r, struct resp *rs)
{
	const char *token = req_text(r, "token");
	struct endorse_pending pd;
	struct form_err e = {0};
	struct view_form *f;
	struct page p;
	int rc;

	rc = endorse_confirm_find(r->app, r->arena, token, &pd, &e);
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404, e.msg);
	if (rc != 0)
		return rc;
	if (pd.done)
		return confirmed_page(r, rs, &pd);
	page_init(&p, r, "Confirm your endorsement");
	p.v.caption = pd.badge_name;
	page_para(&p,
	    arena_printf(r->arena,
	        "Confirm that you, %s, wrote an endorsement of %s's badge "
	        "\"%s\". Once you confirm, %s can read it and decide whether "
	        "to publish it.",
	        pd.endorser_name, pd.learner_name, pd.badge_name,
	        pd.learner_name));
	f = page_form(&p, "/endorsements/confirm", "Confirm my endorsement");
	form_hidden(r, f, "token", token);
	return page_render(&p, rs);
}

int
h_endorse_confirm(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct endorse_pending pd;
	struct form_err e = {0};
	int rc;

	rc = endorse_confirm(
	    r->app, r->arena, &w, req_text(r, "token"), &pd, &e);
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404, e.msg);
	if (rc != 0)
		return rc;
	return confirmed_page(r, rs, &pd);
}

/* ---- the learner's endorsements page ------------------------------------ */

static const char *
request_state(struct req *r, const struct endorse_request_row *q)
{
	if (q->used_at > 0)
		return arena_printf(
		    r->arena, "Endorsed on %s", fmt_date(r->arena, q->used_at));
	if (q->expires_at <= clock_now(r->app->clock))
		return "No endorsement; the link has expired";
	return "Waiting";
}

static int
owner_page(struct req *r, struct resp *rs, const struct endorse_target *t,
    const struct form_err *e)
{
	static const char *const cols[] = {
	    "From", "Relationship", "Endorsement", "Status", "Change"};
	static const char *const rcols[] = {"Name", "Email", "Sent", "Status"};
	const char *done = req_text(r, "done"), *award = t->award_id;
	struct endorse_request_row *rq;
	struct endorsement *en;
	struct view_section *s;
	struct view_field *fd;
	struct who w = web_who(r);
	struct page p;
	size_t n, nr;
	int rc;

	if ((rc = endorse_list(r->app, r->arena, &w, award, &en, &n)) != 0 ||
	    (rc = endorse_requests(
	         r->app, r->arena, t->person, award, &rq, &nr)) != 0)
		return rc;
	page_init(&p, r, "Endorsements");
	p.v.caption = t->badge_name;
	if (strcmp(done, "published") == 0)
		p.v.notice = "The endorsement is published on your award's "
		             "page.";
	else if (strcmp(done, "hidden") == 0)
		p.v.notice = "The endorsement is hidden. Only you can see it.";
	else if (strcmp(done, "requested") == 0)
		p.v.notice = "Your request has been sent by email.";
	page_para(&p,
	    "People who endorse your award confirm their email address "
	    "first. Then you decide: publish an endorsement on your award's "
	    "page, or keep it hidden. You can change your mind at any time.");
	if (t->deadline > 0 && t->met)
		page_para(&p,
		    "This badge needs an endorsement from your manager. Your "
		    "manager's endorsement has been received, so your award "
		    "stays active.");
	else if (t->deadline > 0 && strcmp(t->status, "active") == 0)
		page_para(&p,
		    arena_printf(r->arena,
		        "This badge needs an endorsement from your manager by "
		        "%s, or the award lapses. It counts once your manager "
		        "confirms it, whether or not you publish it. Your "
		        "manager needs a Laurel account with the email address "
		        "they use, as a manager in your organisation.",
		        fmt_date(r->arena, t->deadline)));

	s = page_section(&p, "Endorsements of this award");
	s->empty = "No endorsements yet.";
	section_columns(r, s, NELEM(cols), cols);
	for (size_t i = 0; i < n; i++) {
		struct view_cell *c = section_row(r, s, NELEM(cols));
		bool pub = strcmp(en[i].status, "published") == 0;

		c[0].text = en[i].organisation[0]
		    ? arena_printf(
		          r->arena, "%s, %s", en[i].name, en[i].organisation)
		    : en[i].name;
		c[1].text = en[i].verified_manager
		    ? arena_printf(r->arena, "%s (verified manager at %s)",
		          en[i].relationship, en[i].manager_org)
		    : en[i].relationship;
		c[2].text = en[i].message;
		c[3].text = pub                           ? "Published"
		    : strcmp(en[i].status, "hidden") == 0 ? "Hidden"
		                                          : "Waiting for you";
		cell_button(r, &c[4],
		    arena_printf(r->arena, "/awards/%s/endorsements/%s/%s",
		        award, en[i].id, pub ? "hide" : "publish"),
		    pub ? "Hide" : "Publish");
	}

	s = page_section(&p, "Ask for an endorsement");
	if (!t->open) {
		section_para(r, s,
		    t->page_private
		        ? "Your award's page is private, so nobody else can "
		          "endorse it. Make the page unlisted or public first."
		        : "This award is no longer active, so it cannot be "
		          "endorsed.");
	} else {
		section_para(r, s,
		    arena_printf(r->arena,
		        "Anyone with this link can endorse your award: "
		        "%s/awards/%s/endorse",
		        base_url(r), award));
		section_para(r, s,
		    "Or we can email a named person a link that fills in "
		    "their name for them.");
		form_init(r, &s->form,
		    arena_printf(
		        r->arena, "/awards/%s/endorsement-requests", award),
		    "Send request");
		s->has_form = true;
		fd = form_field(r, &s->form, "name", "Their name", "text");
		fd->autocomplete = "off";
		fd = form_field(
		    r, &s->form, "email", "Their email address", "email");
	}
	s = page_section(&p, "Requests you have sent");
	s->empty = "You have not asked anyone yet.";
	section_columns(r, s, NELEM(rcols), rcols);
	for (size_t i = 0; i < nr; i++) {
		struct view_cell *c = section_row(r, s, NELEM(rcols));
		c[0].text = rq[i].name;
		c[1].text = rq[i].email;
		c[2].text = fmt_date(r->arena, rq[i].sent_at);
		c[3].text = request_state(r, &rq[i]);
	}
	page_link(&p, arena_printf(r->arena, "/awards/%s", award),
	    "Back to your award");
	page_link(&p, "/dashboard", "Your badges");
	if (e != NULL)
		page_error(&p, e->field, e->msg);
	return page_render(&p, rs);
}

/* owned_target reads the award of the path for its owner: ERR_NOTFOUND
 * for anyone else. */
static int
owned_target(struct req *r, struct endorse_target *t)
{
	int rc = endorse_target(r->app, r->arena, r->path_params[0], t);

	if (rc == 0 && !is_owner(r, t))
		return ERR_NOTFOUND;
	return rc;
}

int
h_award_endorsements(struct req *r, struct resp *rs)
{
	struct endorse_target t;
	int rc;

	if ((rc = owned_target(r, &t)) == ERR_NOTFOUND)
		return resp_error(
		    rs, 404, "There is no award of yours at this address.");
	if (rc != 0)
		return rc;
	return owner_page(r, rs, &t, NULL);
}

static int
moderate(struct req *r, struct resp *rs, bool publish)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	struct endorse_target t;
	int rc;

	if ((rc = owned_target(r, &t)) == ERR_NOTFOUND)
		return resp_error(
		    rs, 404, "There is no award of yours at this address.");
	if (rc != 0)
		return rc;
	rc = publish
	    ? endorse_publish(r->app, &w, t.award_id, r->path_params[1], &e)
	    : endorse_hide(r->app, &w, t.award_id, r->path_params[1], &e);
	if (rc == ERR_NOTFOUND || rc == ERR_FORBIDDEN)
		return resp_error(rs, 404, e.msg);
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(r->arena, "/awards/%s/endorsements?done=%s",
	        t.award_id, publish ? "published" : "hidden"));
}

int
h_endorse_publish(struct req *r, struct resp *rs)
{
	return moderate(r, rs, true);
}

int
h_endorse_hide(struct req *r, struct resp *rs)
{
	return moderate(r, rs, false);
}

int
h_endorse_request(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	struct endorse_target t;
	int rc;

	if ((rc = owned_target(r, &t)) == ERR_NOTFOUND)
		return resp_error(
		    rs, 404, "There is no award of yours at this address.");
	if (rc != 0)
		return rc;
	rc = endorse_request(r->app, r->arena, &w, t.award_id,
	    req_text(r, "name"), req_text(r, "email"), &e);
	if (rc == ERR_INVAL || rc == ERR_FORBIDDEN || rc == ERR_CONFLICT) {
		rs->status = rc == ERR_INVAL ? 400
		    : rc == ERR_CONFLICT     ? 409
		                             : 429;
		return owner_page(r, rs, &t, &e);
	}
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404, e.msg);
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(r->arena, "/awards/%s/endorsements?done=requested",
	        t.award_id));
}

/* ---- profile settings --------------------------------------------------- */

static int
settings_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	const char *person = web_who(r).person;
	struct view_profile_settings v;
	struct profile_settings ps;
	struct person_award *aw;
	struct buf content;
	size_t n;
	int rc;

	if ((rc = profile_get(r->app, r->arena, person, &ps)) != 0 ||
	    (rc = endorse_person_awards(r->app, r->arena, person, &aw, &n)) !=
	        0)
		return rc;
	memset(&v, 0, sizeof(v));
	v.action = "/account/profile";
	v.csrf = r->csrf;
	v.address = arena_printf(r->arena, "%s/people/", base_url(r));
	v.handle = ps.handle;
	v.is_public = ps.is_public;
	v.colleagues = ps.colleagues;
	if (ps.is_public && ps.handle[0] != '\0')
		v.profile_href =
		    arena_printf(r->arena, "/people/%s", ps.handle);
	if (strcmp(req_text(r, "done"), "saved") == 0)
		v.notice = "Your choices have been saved.";
	if (e != NULL) {
		/* Show what was sent, with the message. */
		struct view_err *er = APPEND(r->arena, v.errors, v.n_errors);
		const char *show[PARAM_IDS_MAX], *share[PARAM_IDS_MAX];
		size_t ns = req_params(r, "show", show, PARAM_IDS_MAX);
		size_t nh = req_params(r, "share", share, PARAM_IDS_MAX);

		er->href = strcmp(e->field, "handle") == 0 ? "#f-handle"
		                                           : "#main-content";
		er->msg = e->msg;
		if (strcmp(e->field, "handle") == 0)
			v.handle_error = e->msg;
		v.handle = req_text(r, "handle");
		v.is_public = strcmp(req_text(r, "public"), "yes") == 0;
		v.colleagues = strcmp(req_text(r, "colleagues"), "yes") == 0;
		for (size_t i = 0; i < n; i++) {
			aw[i].show_on_profile = aw[i].shared_with_org = false;
			for (size_t k = 0; k < ns && k < PARAM_IDS_MAX; k++)
				aw[i].show_on_profile |=
				    strcmp(show[k], aw[i].id) == 0;
			for (size_t k = 0; k < nh && k < PARAM_IDS_MAX; k++)
				aw[i].shared_with_org |=
				    strcmp(share[k], aw[i].id) == 0;
		}
		if (rs->status == 0)
			rs->status = 400;
	}
	for (size_t i = 0; i < n; i++) {
		struct view_profile_choice *c =
		    APPEND(r->arena, v.awards, v.n_awards);
		bool shown = strcmp(aw[i].status, "active") == 0 ||
		    strcmp(aw[i].status, "expired") == 0;

		c->id = aw[i].id;
		c->badge_name = aw[i].badge_name;
		c->detail = arena_printf(r->arena, "Awarded %s. %s%s",
		    fmt_date(r->arena, aw[i].issued_at),
		    state_label(r, aw[i].status, aw[i].expires_at),
		    aw[i].page_private
		        ? " Its page is private, so it is not shown on your "
		          "profile."
		        : !shown ? " It is not shown on your profile."
		                 : "");
		c->show_id = arena_printf(r->arena, "show-%s", aw[i].id);
		c->share_id = arena_printf(r->arena, "share-%s", aw[i].id);
		c->show = aw[i].show_on_profile;
		c->share = aw[i].shared_with_org;
	}
	buf_init(&content, r->arena, 4 << 20);
	tmpl_profile_settings(&content, &v);
	return render_page(r, rs, "Your profile and sharing", &content);
}

int
h_profile_settings(struct req *r, struct resp *rs)
{
	return settings_page(r, rs, NULL);
}

int
h_profile_save(struct req *r, struct resp *rs)
{
	const char *show[PARAM_IDS_MAX], *share[PARAM_IDS_MAX];
	struct who w = web_who(r);
	struct form_err e = {0};
	struct profile_cmd cmd;
	size_t ns, nh;
	int rc;

	ns = req_params(r, "show", show, PARAM_IDS_MAX);
	nh = req_params(r, "share", share, PARAM_IDS_MAX);
	memset(&cmd, 0, sizeof(cmd));
	cmd.handle = req_text(r, "handle");
	cmd.is_public = strcmp(req_text(r, "public"), "yes") == 0;
	cmd.colleagues = strcmp(req_text(r, "colleagues"), "yes") == 0;
	cmd.show = show;
	cmd.nshow = ns < PARAM_IDS_MAX ? ns : PARAM_IDS_MAX;
	cmd.share = share;
	cmd.nshare = nh < PARAM_IDS_MAX ? nh : PARAM_IDS_MAX;
	rc = profile_save(r->app, r->arena, &w, &cmd, &e);
	if (rc == ERR_INVAL || rc == ERR_CONFLICT) {
		rs->status = rc == ERR_CONFLICT ? 409 : 400;
		return settings_page(r, rs, &e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs, "/account/profile?done=saved");
}

/* ---- the public profile ------------------------------------------------- */

int
h_person_profile(struct req *r, struct resp *rs)
{
	struct view_profile_group *g = NULL;
	struct profile_page pp;
	struct view_profile v;
	struct buf content;
	int rc;

	rc = profile_public(r->app, r->arena, r->path_params[0], &pp);
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404,
		    "There is no profile at this address. Its owner may have "
		    "turned it off.");
	if (rc != 0)
		return rc;
	memset(&v, 0, sizeof(v));
	v.name = pp.name;
	if ((rc = web_ext_badges(r, pp.person, &v.elsewhere, &v.n_elsewhere)) !=
	    0)
		return rc;
	for (size_t i = 0; i < pp.nawards; i++) {
		const struct profile_award *w = &pp.awards[i];
		struct view_profile_item *it;

		if (g == NULL || strcmp(g->heading, w->group) != 0) {
			g = APPEND(r->arena, v.groups, v.n_groups);
			g->heading = w->group;
		}
		it = APPEND(r->arena, g->items, g->n_items);
		it->href = arena_printf(r->arena, "/awards/%s", w->id);
		it->badge_name = w->badge_name;
		it->issuer_name = w->issuer_name;
		it->issued = fmt_date(r->arena, w->issued_at);
		it->state = state_label(r, w->status, w->expires_at);
	}
	/* Chosen for a new employer, not for search engines. */
	resp_header(rs, "X-Robots-Tag", "noindex");
	buf_init(&content, r->arena, 4 << 20);
	tmpl_profile(&content, &v);
	return render_page(r, rs, pp.name, &content);
}

/* ---- the organisation's shared awards ----------------------------------- */

int
h_org_awards(struct req *r, struct resp *rs)
{
	static const char *const cols[] = {
	    "Person", "Badge", "Issued by", "Awarded", "Status"};
	const char *org_id = r->path_params[0];
	struct who w = web_who(r);
	struct shared_award *v;
	struct view_section *s;
	struct org org;
	struct page p;
	size_t n;
	int rc;

	if ((rc = org_get(r->app, r->arena, org_id, &org)) == ERR_NOTFOUND)
		return resp_error(rs, 404, NULL);
	if (rc != 0)
		return rc;
	rc = profile_org_awards(r->app, r->arena, &w,
	    r->session != NULL && r->session->platform_admin, org_id, &v, &n);
	if (rc == ERR_FORBIDDEN)
		return resp_error(rs, 403,
		    "Only the organisation's admins and managers can see the "
		    "awards staff share with it.");
	if (rc != 0)
		return rc;
	page_init(&p, r, "Awards staff share with you");
	p.v.caption = org.name;
	page_para(&p,
	    "Staff choose which of their awards the organisation sees. "
	    "Awards of people who leave the organisation are no longer "
	    "shown.");
	s = page_section(&p, NULL);
	s->empty = "No member of staff shares an award with the "
	           "organisation yet.";
	section_columns(r, s, NELEM(cols), cols);
	for (size_t i = 0; i < n; i++) {
		struct view_cell *c = section_row(r, s, NELEM(cols));
		c[0].text = v[i].person_name;
		c[1].text = v[i].badge_name;
		if (!v[i].page_private)
			c[1].href =
			    arena_printf(r->arena, "/awards/%s", v[i].id);
		c[2].text = v[i].issuer_name;
		c[3].text = fmt_date(r->arena, v[i].issued_at);
		c[4].text = state_label(r, v[i].status, v[i].expires_at);
	}
	page_link(
	    &p, arena_printf(r->arena, "/organisations/%s", org_id), org.name);
	return page_render(&p, rs);
}

/* ---- the badge page's colleagues ---------------------------------------- */

int
h_colleagues_box(struct req *r, const char *badge, struct html_safe *out)
{
	struct view_colleagues_box v;
	struct colleague *c;
	struct buf b;
	size_t n;
	int rc;

	*out = html_safe_empty();
	if (r->session == NULL)
		return 0;
	if ((rc = profile_colleagues(
	         r->app, r->arena, badge, r->session->person, &c, &n)) != 0)
		return rc;
	if (n == 0)
		return 0;
	memset(&v, 0, sizeof(v));
	for (size_t i = 0; i < n; i++)
		*APPEND(r->arena, v.names, v.n_names) = c[i].name;
	buf_init(&b, r->arena, 1 << 16);
	tmpl_colleagues_box(&b, &v);
	if (buf_err(&b) != 0)
		return ERR_TOOBIG;
	*out = html_safe_from_buf(&b);
	return 0;
}
