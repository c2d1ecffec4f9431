/*
 * h_account.c: signing in and out, registering, confirming addresses,
 * resetting and changing passwords, and the account page (addresses,
 * sessions, organisations and roles, download, delete, merge).
 *
 * Every form is rebuilt by one function used for both the empty page and
 * the page after a rejected submission, so a rejected form keeps what was
 * typed (passwords excepted) and shows the errors beside the fields.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/org.h"
#include "domain/session.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"

/* show_err puts a domain form error on the page. */
static void
show_err(struct page *p, const struct form_err *e)
{
	page_error(p, e->field, e->msg);
}

/* local_next accepts only a path on this site: "/x", never "//x". */
static const char *
local_next(struct req *r)
{
	const char *n = req_param(r, "next");

	if (n == NULL || n[0] != '/' || n[1] == '/' || n[1] == '\\')
		return "/account";
	return n;
}

static const char *done_message(const char *done);

/* ---- sign in ---------------------------------------------------------- */

static int
signin_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	struct page p;
	struct view_form *f;
	struct view_field *fd;

	page_init(&p, r, "Sign in");
	p.v.notice = done_message(req_param(r, "done"));
	f = page_form(&p, "/signin", "Sign in");
	form_hidden(r, f, "next", local_next(r));
	fd = form_field(r, f, "email", "Email address", "email");
	fd = form_field(r, f, "password", "Password", "password");
	(void)fd;
	if (e != NULL && e->field == NULL) {
		/* nothing was typed: say so for every empty field */
		if (req_text(r, "email")[0] == '\0')
			page_error(&p, "email", "Enter your email address.");
		if (req_text(r, "password")[0] == '\0')
			page_error(&p, "password", "Enter your password.");
	} else if (e != NULL) {
		show_err(&p, e);
	}
	page_link(&p, "/account/reset", "I have forgotten my password");
	page_link(&p, "/register", "Create an account");
	return page_render(&p, rs);
}

int
h_signin_form(struct req *r, struct resp *rs)
{
	if (r->session != NULL)
		return resp_redirect(rs, local_next(r));
	return signin_page(r, rs, NULL);
}

int
h_signin(struct req *r, struct resp *rs)
{
	struct who w = {NULL, r->ip};
	char person[ID_LEN + 1];
	struct form_err e = {0};
	int rc;

	if (req_text(r, "email")[0] == '\0' ||
	    req_text(r, "password")[0] == '\0') {
		struct form_err missing = {NULL, NULL};
		rs->status = 400;
		return signin_page(r, rs, &missing);
	}
	rc = account_login(r->app, r->arena, &w, req_text(r, "email"),
	    req_text(r, "password"), person, &e);
	if (rc == ERR_INVAL || rc == ERR_FORBIDDEN || rc == ERR_CONFLICT) {
		rs->status = rc == ERR_FORBIDDEN ? 403 : 400;
		return signin_page(r, rs, &e);
	}
	if (rc != 0)
		return rc;
	if ((rc = web_sign_in(r, rs, person)) != 0)
		return rc;
	return resp_redirect(rs, local_next(r));
}

int
h_signout(struct req *r, struct resp *rs)
{
	int rc;

	if ((rc = web_sign_out(r, rs)) != 0)
		return rc;
	return resp_redirect(rs, "/?done=signedout");
}

/* ---- register --------------------------------------------------------- */

static int
register_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	struct page p;
	struct view_form *f;
	struct view_field *fd;

	page_init(&p, r, "Create an account");
	page_para(&p,
	    "With an account you can apply for badges and keep "
	    "the badges you earn for life, whoever you work for.");
	f = page_form(&p, "/register", "Create account");
	form_hidden(r, f, "next", local_next(r));
	fd = form_field(r, f, "name", "Your name", "text");
	field_hint(fd, "As you would like it to appear on your badges.");
	fd->autocomplete = "name";
	form_field(r, f, "email", "Email address", "email");
	fd = form_field(r, f, "password", "Create a password", "password");
	fd->autocomplete = "new-password";
	field_hint(fd,
	    "At least 10 characters. A few unrelated words make "
	    "a strong password that is easy to remember.");
	if (e != NULL)
		show_err(&p, e);
	page_link(&p, "/signin", "I already have an account");
	return page_render(&p, rs);
}

int
h_register_form(struct req *r, struct resp *rs)
{
	return register_page(r, rs, NULL);
}

int
h_register(struct req *r, struct resp *rs)
{
	struct who w = {NULL, r->ip};
	struct form_err e = {0};
	struct page p;
	int rc;

	rc = account_register(r->app, r->arena, &w, req_text(r, "name"),
	    req_text(r, "email"), req_text(r, "password"), &e);
	if (rc == ERR_INVAL)
		return register_page(r, rs, &e);
	if (rc != 0)
		return rc;
	page_init(&p, r, "Check your email");
	page_para(&p,
	    arena_printf(r->arena,
	        "We have sent a link to %s. Open it to confirm "
	        "your address, then sign in.",
	        req_text(r, "email")));
	page_para(&p,
	    "The link expires in 7 days. If nothing arrives within "
	    "a few minutes, check your spam folder.");
	page_link(&p, "/signin", "Sign in");
	return page_render(&p, rs);
}

/* ---- verify ----------------------------------------------------------- */

int
h_verify_form(struct req *r, struct resp *rs)
{
	struct page p;
	struct view_form *f;

	page_init(&p, r, "Confirm your email address");
	page_para(&p, "Select the button to confirm this email address.");
	f = page_form(&p, "/account/verify", "Confirm my email address");
	form_hidden(r, f, "token", req_text(r, "token"));
	return page_render(&p, rs);
}

int
h_verify(struct req *r, struct resp *rs)
{
	struct who w = {r->session ? r->session->person : NULL, r->ip};
	char person[ID_LEN + 1];
	struct form_err e = {0};
	struct page p;
	int rc;

	rc = account_verify(
	    r->app, r->arena, &w, req_text(r, "token"), person, &e);
	if (rc == ERR_NOTFOUND) {
		page_init(&p, r, "This link has expired");
		page_para(&p, e.msg);
		page_link(&p, "/signin", "Sign in");
		rs->status = 410;
		return page_render(&p, rs);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    r->session ? "/account?done=verified" : "/signin?done=verified");
}

/* ---- password reset --------------------------------------------------- */

int
h_reset_form(struct req *r, struct resp *rs)
{
	struct page p;

	page_init(&p, r, "Reset your password");
	page_para(&p,
	    "Enter the email address of your account and we will "
	    "send you a link to choose a new password.");
	form_field(r, page_form(&p, "/account/reset", "Send link"), "email",
	    "Email address", "email");
	return page_render(&p, rs);
}

int
h_reset(struct req *r, struct resp *rs)
{
	struct who w = {NULL, r->ip};
	struct page p;
	int rc;

	if ((rc = account_reset_request(
	         r->app, r->arena, &w, req_text(r, "email"))) != 0)
		return rc;
	page_init(&p, r, "Check your email");
	page_para(&p,
	    "If there is a Laurel account with that address, we "
	    "have sent it a link to reset the password. The link "
	    "expires in 1 hour.");
	page_link(&p, "/signin", "Back to sign in");
	return page_render(&p, rs);
}

static int
reset_new_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	struct page p;
	struct view_form *f;
	struct view_field *fd;

	page_init(&p, r, "Choose a new password");
	f = page_form(&p, "/account/reset/new", "Save password");
	form_hidden(r, f, "token", req_text(r, "token"));
	fd = form_field(r, f, "password", "New password", "password");
	fd->autocomplete = "new-password";
	field_hint(fd, "At least 10 characters.");
	if (e != NULL)
		show_err(&p, e);
	return page_render(&p, rs);
}

static int
dead_link(struct req *r, struct resp *rs)
{
	struct page p;

	page_init(&p, r, "This link has expired");
	page_para(&p,
	    "Password reset links work once and expire after 1 "
	    "hour. Ask for a new one.");
	page_link(&p, "/account/reset", "Reset your password");
	rs->status = 410;
	return page_render(&p, rs);
}

int
h_reset_new_form(struct req *r, struct resp *rs)
{
	if (!account_reset_valid(r->app, r->arena, req_text(r, "token")))
		return dead_link(r, rs);
	return reset_new_page(r, rs, NULL);
}

int
h_reset_new(struct req *r, struct resp *rs)
{
	struct who w = {NULL, r->ip};
	struct form_err e = {0};
	int rc;

	rc = account_reset(r->app, r->arena, &w, req_text(r, "token"),
	    req_text(r, "password"), &e);
	if (rc == ERR_NOTFOUND)
		return dead_link(r, rs);
	if (rc == ERR_INVAL)
		return reset_new_page(r, rs, &e);
	if (rc != 0)
		return rc;
	if (r->session != NULL && (rc = web_sign_out(r, rs)) != 0)
		return rc;
	return resp_redirect(rs, "/signin?done=reset");
}

/* ---- the account page ------------------------------------------------- */

static const char *
done_message(const char *done)
{
	static const struct {
		const char *key, *msg;
	} m[] = {
	    {"verified", "Your email address is confirmed."},
	    {"name", "Your name has been changed."},
	    {"password",
	        "Your password has been changed. You have been "
	        "signed out everywhere else."},
	    {"email",
	        "We have sent a link to the new address. Open it to "
	        "confirm the address."},
	    {"primary", "Your main email address has been changed."},
	    {"removed", "The address has been removed."},
	    {"sessions", "You have been signed out everywhere else."},
	    {"merged", "The accounts have been merged."},
	    {"org",
	        "Your organisation has been registered. A platform admin "
	        "will review it."},
	    {"left", "You have left the organisation."},
	    {"reset",
	        "Your password has been changed. Sign in with the new "
	        "one."},
	    {"signedout", "You have signed out."},
	    {"deleted", "Your account has been deleted."},
	};

	for (size_t i = 0; done && i < NELEM(m); i++)
		if (strcmp(done, m[i].key) == 0)
			return m[i].msg;
	return NULL;
}

static int
account_page(struct req *r, struct resp *rs, const char *failed_form,
    const struct form_err *e)
{
	static const char *const ecols[] = {"Address", "Status", ""};
	static const char *const scols[] = {"Signed in", "Last used", "From"};
	static const char *const ocols[] = {"Organisation", "Role", ""};
	const char *me = r->session->person;
	struct person_issuer_role *ir;
	struct session_info *si;
	struct person_org *po;
	struct view_section *s;
	struct view_form *f;
	struct view_field *fd;
	struct account acc;
	struct page p;
	size_t nsi, npo, nir;
	int rc;

	if ((rc = account_get(r->app, r->arena, me, &acc)) != 0)
		return rc;
	page_init(&p, r, "Your account");
	p.v.caption = acc.name;
	p.v.notice = done_message(req_param(r, "done"));

	s = page_section(&p, "Your name");
	form_init(r, &s->form, "/account/name", "Change name");
	s->has_form = true;
	fd = form_field(r, &s->form, "name", "Name", "text");
	if (failed_form == NULL || strcmp(failed_form, "name") != 0)
		fd->value = acc.name;

	s = page_section(&p, "Email addresses");
	section_para(r, s,
	    "Badges awarded to any of your confirmed addresses "
	    "are yours. Your main address is the one we write "
	    "to.");
	section_columns(r, s, NELEM(ecols), ecols);
	for (size_t i = 0; i < acc.n_emails; i++) {
		struct account_email *m = &acc.emails[i];
		struct view_cell *c = section_row(r, s, 3);
		c[0].text = m->address;
		c[1].text = m->primary ? "Main address"
		    : m->verified      ? "Confirmed"
		                       : "Waiting for confirmation";
		if (!m->primary && m->verified)
			cell_button(r, &c[2],
			    arena_printf(
			        r->arena, "/account/emails/%s/primary", m->id),
			    "Make main");
		if (!m->primary) {
			struct view_cell *c2 = &c[2];
			if (c2->has_form) /* two buttons: use the status cell */
				c2 = &c[1];
			cell_button(r, c2,
			    arena_printf(
			        r->arena, "/account/emails/%s/remove", m->id),
			    arena_printf(r->arena, "Remove %s", m->address));
		}
	}
	form_init(r, &s->form, "/account/emails", "Add address");
	s->has_form = true;
	fd = form_field(r, &s->form, "email", "Add an email address", "email");
	if (failed_form == NULL || strcmp(failed_form, "email") != 0)
		fd->value = NULL;

	s = page_section(&p, "Password");
	section_link(r, s, "/account/password", "Change your password");

	if ((rc = session_list(r->app, r->arena, me, &si, &nsi)) != 0)
		return rc;
	s = page_section(&p, "Where you are signed in");
	section_columns(r, s, NELEM(scols), scols);
	for (size_t i = 0; i < nsi; i++) {
		struct view_cell *c = section_row(r, s, 3);
		bool this = strcmp(si[i].hash, r->session->hash) == 0;
		c[0].text = fmt_time(r->arena, si[i].created_at);
		c[1].text = this ? "Now (this browser)"
		                 : fmt_time(r->arena, si[i].last_seen_at);
		c[2].text = arena_printf(r->arena, "%s, %s", si[i].ip,
		    si[i].user_agent[0] ? si[i].user_agent : "unknown browser");
	}
	form_init(r, &s->form, "/account/sessions/end-others",
	    "Sign out everywhere else");
	s->form.secondary = true;
	s->has_form = true;

	if ((rc = org_of_person(r->app, r->arena, me, &po, &npo)) != 0 ||
	    (rc = issuer_roles_of(r->app, r->arena, me, &ir, &nir)) != 0)
		return rc;
	s = page_section(&p, "Organisations and roles");
	s->empty = "You are not a member of any organisation.";
	section_columns(r, s, NELEM(ocols), ocols);
	for (size_t i = 0; i < npo; i++) {
		struct view_cell *c;
		if (po[i].ended_at != 0)
			continue;
		c = section_row(r, s, 3);
		c[0].text = po[i].name;
		c[0].href =
		    arena_printf(r->arena, "/organisations/%s", po[i].org);
		c[1].text = strcmp(po[i].status, "approved") == 0
		    ? org_role_label(po[i].role)
		    : arena_printf(r->arena, "%s (organisation %s)",
		          org_role_label(po[i].role), po[i].status);
	}
	for (size_t i = 0; i < nir; i++) {
		struct view_cell *c = section_row(r, s, 3);
		/* An organisation that issues has both rows: tell them apart. */
		c[0].text = arena_printf(r->arena, "%s (issuer)", ir[i].name);
		c[0].href =
		    arena_printf(r->arena, "/issuers/%s/staff", ir[i].issuer);
		c[1].text = issuer_role_label(ir[i].role);
	}
	if (acc.platform_admin) {
		struct view_cell *c = section_row(r, s, 3);
		c[0].text = "Laurel";
		c[0].href = "/admin";
		c[1].text = "Platform admin";
	}
	section_link(r, s, "/organisations/new", "Register an organisation");

	s = page_section(&p, "Your data");
	section_link(r, s, "/account/export", "Download my data (JSON)");
	section_link(r, s, "/account/merge",
	    "Merge another account of mine into this one");
	section_link(r, s, "/account/delete", "Delete my account");

	if (e != NULL)
		page_error(&p, e->field, e->msg);
	(void)f;
	return page_render(&p, rs);
}

int
h_account(struct req *r, struct resp *rs)
{
	return account_page(r, rs, NULL, NULL);
}

int
h_account_name(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = account_set_name(r->app, r->arena, &w, req_text(r, "name"), &e);
	if (rc == ERR_INVAL)
		return account_page(r, rs, "name", &e);
	if (rc != 0)
		return rc;
	return resp_redirect(rs, "/account?done=name");
}

int
h_account_email_add(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = account_email_add(r->app, r->arena, &w, req_text(r, "email"), &e);
	if (rc == ERR_INVAL || rc == ERR_CONFLICT)
		return account_page(r, rs, "email", &e);
	if (rc != 0)
		return rc;
	return resp_redirect(rs, "/account?done=email");
}

int
h_account_email_primary(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = account_email_primary(r->app, r->arena, &w, r->path_params[0], &e);
	if (rc == ERR_INVAL || rc == ERR_NOTFOUND) {
		rs->status = rc == ERR_NOTFOUND ? 404 : 400;
		return account_page(r, rs, "", &e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs, "/account?done=primary");
}

int
h_account_email_remove(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = account_email_remove(r->app, r->arena, &w, r->path_params[0], &e);
	if (rc == ERR_INVAL || rc == ERR_NOTFOUND) {
		rs->status = rc == ERR_NOTFOUND ? 404 : 400;
		return account_page(r, rs, "", &e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs, "/account?done=removed");
}

int
h_account_sessions_end(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	int rc;

	if ((rc = session_end_all(r->app, w.person, r->session->hash)) != 0 ||
	    (rc = audit_log(
	         r->app, &w, "account.sessions.end", w.person, "")) != 0)
		return rc;
	return resp_redirect(rs, "/account?done=sessions");
}

static int
password_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	struct page p;
	struct view_form *f;
	struct view_field *fd;

	page_init(&p, r, "Change your password");
	page_para(&p, "Changing your password signs you out everywhere else.");
	f = page_form(&p, "/account/password", "Change password");
	form_field(r, f, "current", "Current password", "password");
	fd = form_field(r, f, "password", "New password", "password");
	fd->autocomplete = "new-password";
	field_hint(fd, "At least 10 characters.");
	if (e != NULL)
		show_err(&p, e);
	page_link(&p, "/account", "Back to your account");
	return page_render(&p, rs);
}

int
h_password_form(struct req *r, struct resp *rs)
{
	return password_page(r, rs, NULL);
}

int
h_password(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = account_change_password(r->app, r->arena, &w, r->session->hash,
	    req_text(r, "current"), req_text(r, "password"), &e);
	if (rc == ERR_INVAL)
		return password_page(r, rs, &e);
	if (rc != 0)
		return rc;
	return resp_redirect(rs, "/account?done=password");
}

int
h_account_export(struct req *r, struct resp *rs)
{
	int rc;

	if ((rc = account_export(
	         r->app, r->arena, r->session->person, &rs->body)) != 0)
		return rc;
	rs->status = 200;
	rs->content_type = "application/json";
	resp_header(rs, "Content-Disposition",
	    "attachment; filename=\"laurel-my-data.json\"");
	resp_header(rs, "Cache-Control", "no-store");
	return 0;
}

static int
delete_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	struct page p;
	struct view_form *f;

	page_init(&p, r, "Delete your account");
	page_para(&p,
	    "This removes your name, email addresses and password "
	    "from Laurel and signs you out. It cannot be undone.");
	page_para(&p,
	    "Badges already awarded to you stay valid for anyone "
	    "you have shared them with, but they no longer show "
	    "your name: the award pages say the holder deleted "
	    "their account. If you want the awards withdrawn as "
	    "well, ask the issuer before you delete your account.");
	page_para(&p, "You may want to download your data first.");
	f = page_form(&p, "/account/delete", "Delete my account");
	form_field(r, f, "password", "Your password", "password");
	if (e != NULL)
		show_err(&p, e);
	page_link(&p, "/account/export", "Download my data");
	page_link(&p, "/account", "Back to your account");
	return page_render(&p, rs);
}

int
h_delete_form(struct req *r, struct resp *rs)
{
	return delete_page(r, rs, NULL);
}

int
h_delete(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = account_delete(r->app, r->arena, &w, req_text(r, "password"), &e);
	if (rc == ERR_CONFLICT)
		rs->status = 409;
	if (rc == ERR_INVAL || rc == ERR_CONFLICT)
		return delete_page(r, rs, &e);
	if (rc != 0)
		return rc;
	r->session = NULL; /* its row is gone */
	if ((rc = web_sign_out(r, rs)) != 0)
		return rc;
	return resp_redirect(rs, "/?done=deleted");
}

static int
merge_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	struct page p;
	struct view_form *f;

	page_init(&p, r, "Merge another account into this one");
	page_para(&p,
	    "If you have two Laurel accounts, for example one from "
	    "each job, you can bring them together. Sign in to the "
	    "other account below to prove it is yours: its email "
	    "addresses, organisations and roles move to this "
	    "account, and the other account is closed.");
	f = page_form(&p, "/account/merge", "Merge accounts");
	form_field(
	    r, f, "email", "Email address of the other account", "email");
	form_field(
	    r, f, "password", "Password of the other account", "password");
	if (e != NULL)
		show_err(&p, e);
	page_link(&p, "/account", "Back to your account");
	return page_render(&p, rs);
}

int
h_merge_form(struct req *r, struct resp *rs)
{
	return merge_page(r, rs, NULL);
}

int
h_merge(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = account_merge(r->app, r->arena, &w, req_text(r, "email"),
	    req_text(r, "password"), &e);
	if (rc == ERR_INVAL || rc == ERR_FORBIDDEN || rc == ERR_CONFLICT) {
		rs->status = rc == ERR_CONFLICT ? 409 : 400;
		return merge_page(r, rs, &e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs, "/account?done=merged");
}
