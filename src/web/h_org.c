/*
 * h_org.c: organisation pages (register, members, invitations, roles,
 * line managers, leaving, becoming an issuer), accepting an invitation,
 * and an issuer's staff page.
 *
 * The route's policy has already checked the caller's role for the
 * organisation or issuer in the path; the domain checks that every id in
 * the form belongs to that organisation or issuer.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/org.h"
#include "domain/session.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"

static void
role_options(struct req *r, struct view_field *fd)
{
	field_option(r, fd, "staff", "Staff");
	field_option(r, fd, "manager", "Manager");
	field_option(r, fd, "org_admin", "Organisation admin");
}

/* ---- register an organisation ----------------------------------------- */

static int
org_new_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	struct page p;
	struct view_form *f;
	struct view_field *fd;

	page_init(&p, r, "Register an organisation");
	page_para(&p,
	    "Employers in the sector can manage their staff on "
	    "Laurel, see what their people are learning, and run "
	    "their own badges. A platform admin checks each "
	    "organisation before it can invite anyone. You will be "
	    "its first organisation admin.");
	f = page_form(&p, "/organisations", "Register organisation");
	form_field(r, f, "name", "Organisation name", "text");
	fd = form_field(
	    r, f, "description", "What the organisation does", "textarea");
	field_hint(fd,
	    "Optional. For example: a care home provider with "
	    "three homes in Fife.");
	if (e != NULL)
		page_error(&p, e->field, e->msg);
	return page_render(&p, rs);
}

int
h_org_new(struct req *r, struct resp *rs)
{
	return org_new_page(r, rs, NULL);
}

int
h_org_create(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	char id[ID_LEN + 1];
	int rc;

	rc = org_request(r->app, r->arena, &w, req_text(r, "name"),
	    req_text(r, "description"), id, &e);
	if (rc == ERR_INVAL)
		return org_new_page(r, rs, &e);
	if (rc != 0)
		return rc;
	return resp_redirect(
	    rs, arena_printf(r->arena, "/organisations/%s?done=created", id));
}

/* ---- an organisation's page ------------------------------------------- */

static int
org_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	static const char *const mcols[] = {
	    "Name", "Email", "Role", "Line manager", ""};
	static const char *const icols[] = {"Email", "Role", "Expires", ""};
	const char *org = r->path_params[0], *me = r->session->person;
	struct member *ms;
	struct invitation *iv;
	struct view_section *s;
	struct view_field *fd;
	struct page p;
	struct org o;
	size_t nm, ni;
	bool admin;
	int rc;

	if ((rc = org_get(r->app, r->arena, org, &o)) != 0)
		return rc;
	admin = (org_person_role(r->app, r->arena, org, me) & ORG_ADMIN) != 0;
	if ((rc = org_members(r->app, r->arena, org, &ms, &nm)) != 0)
		return rc;
	page_init(&p, r, o.name);
	p.v.caption = "Organisation";
	if (strcmp(o.status, "pending") == 0)
		p.v.notice = "A platform admin has still to approve this "
		             "organisation. Until then you cannot invite "
		             "anyone.";
	else if (strcmp(o.status, "rejected") == 0)
		p.v.notice = "A platform admin did not approve this "
		             "organisation.";
	else if (req_param(r, "done") != NULL)
		p.v.notice = "Done.";
	if (o.description[0] != '\0')
		page_para(&p, o.description);

	s = page_section(&p, "Members");
	section_columns(r, s, admin ? NELEM(mcols) : NELEM(mcols) - 1, mcols);
	for (size_t i = 0; i < nm; i++) {
		struct view_cell *c = section_row(r, s, admin ? 5 : 4);
		struct view_form *f;
		c[0].text = ms[i].name;
		c[1].text = ms[i].email;
		c[2].text = org_role_label(ms[i].role);
		c[3].text = ms[i].line_manager_name[0] ? ms[i].line_manager_name
		                                       : "None";
		if (!admin)
			continue;
		f = cell_button(r, &c[2],
		    arena_printf(r->arena, "/organisations/%s/members/%s/role",
		        org, ms[i].id),
		    "Change role");
		fd = form_field(r, f, "role",
		    arena_printf(r->arena, "Role of %s", ms[i].name), "select");
		fd->id = arena_printf(r->arena, "role-%s", ms[i].id);
		fd->value = ms[i].role;
		role_options(r, fd);
		c[2].text = NULL;
		f = cell_button(r, &c[3],
		    arena_printf(r->arena,
		        "/organisations/%s/members/%s/line-manager", org,
		        ms[i].id),
		    "Set line manager");
		fd = form_field(r, f, "line_manager",
		    arena_printf(r->arena, "Line manager of %s", ms[i].name),
		    "select");
		fd->id = arena_printf(r->arena, "lm-%s", ms[i].id);
		fd->value = ms[i].line_manager;
		field_option(r, fd, "", "None");
		for (size_t k = 0; k < nm; k++)
			if (k != i && strcmp(ms[k].role, "staff") != 0)
				field_option(r, fd, ms[k].person, ms[k].name);
		c[3].text = NULL;
		cell_button(r, &c[4],
		    arena_printf(r->arena,
		        "/organisations/%s/members/%s/remove", org, ms[i].id),
		    arena_printf(r->arena, "Remove %s", ms[i].name));
	}
	if (admin && strcmp(o.status, "approved") == 0) {
		if ((rc = org_invitations(r->app, r->arena, org, &iv, &ni)) !=
		    0)
			return rc;
		s = page_section(&p, "Invitations");
		s->empty = "There are no open invitations.";
		section_columns(r, s, NELEM(icols), icols);
		for (size_t i = 0; i < ni; i++) {
			struct view_cell *c = section_row(r, s, 4);
			c[0].text = iv[i].email;
			c[1].text = org_role_label(iv[i].role);
			c[2].text = fmt_date(r->arena, iv[i].expires_at);
			cell_button(r, &c[3],
			    arena_printf(r->arena,
			        "/organisations/%s/invitations/%s/cancel", org,
			        iv[i].id),
			    arena_printf(r->arena, "Cancel invitation to %s",
			        iv[i].email));
		}
		form_init(r, &s->form,
		    arena_printf(
		        r->arena, "/organisations/%s/invitations", org),
		    "Send invitation");
		s->has_form = true;
		form_field(
		    r, &s->form, "email", "Email address to invite", "email");
		fd = form_field(r, &s->form, "role", "Role", "select");
		if (fd->value == NULL)
			fd->value = "staff";
		role_options(r, fd);

		s = page_section(&p, "Badges");
		if (o.issuer_id[0] != '\0') {
			section_para(r, s,
			    "This organisation is an issuer: it "
			    "can run its own badges.");
			section_link(r, s,
			    arena_printf(
			        r->arena, "/issuers/%s/staff", o.issuer_id),
			    "Issuer admins and assessors");
		} else {
			section_para(r, s,
			    "Become an issuer to run your own "
			    "badges with your own assessors. You "
			    "will be its first issuer admin.");
			form_init(r, &s->form,
			    arena_printf(
			        r->arena, "/organisations/%s/issuer", org),
			    "Become an issuer");
			s->form.secondary = true;
			s->has_form = true;
		}
	}
	s = page_section(&p, "Leave");
	section_para(r, s,
	    "Leaving never affects your badges: they are yours "
	    "for life.");
	form_init(r, &s->form,
	    arena_printf(r->arena, "/organisations/%s/leave", org),
	    "Leave this organisation");
	s->form.secondary = true;
	s->has_form = true;
	if (e != NULL)
		page_error(&p, e->field, e->msg);
	return page_render(&p, rs);
}

int
h_org(struct req *r, struct resp *rs)
{
	return org_page(r, rs, NULL);
}

/* after finishes an organisation action: back to its page or an error. */
static int
after(struct req *r, struct resp *rs, int rc, const struct form_err *e)
{
	if (rc == ERR_INVAL || rc == ERR_CONFLICT || rc == ERR_NOTFOUND) {
		rs->status = rc == ERR_NOTFOUND ? 404
		    : rc == ERR_CONFLICT        ? 409
		                                : 400;
		return org_page(r, rs, e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(
	        r->arena, "/organisations/%s?done=1", r->path_params[0]));
}

int
h_org_invite(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};

	return after(r, rs,
	    org_invite(r->app, r->arena, &w, r->path_params[0],
	        req_text(r, "email"), req_text(r, "role"), &e),
	    &e);
}

int
h_org_invite_cancel(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};

	return after(r, rs,
	    org_invite_cancel(
	        r->app, &w, r->path_params[0], r->path_params[1], &e),
	    &e);
}

int
h_org_member_role(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};

	return after(r, rs,
	    org_member_role(r->app, r->arena, &w, r->path_params[0],
	        r->path_params[1], req_text(r, "role"), &e),
	    &e);
}

int
h_org_member_lm(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};

	return after(r, rs,
	    org_member_line_manager(r->app, r->arena, &w, r->path_params[0],
	        r->path_params[1], req_text(r, "line_manager"), &e),
	    &e);
}

int
h_org_member_remove(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};

	return after(r, rs,
	    org_member_remove(
	        r->app, r->arena, &w, r->path_params[0], r->path_params[1], &e),
	    &e);
}

int
h_org_leave(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	struct member *ms;
	size_t n;
	int rc;

	if ((rc = org_members(r->app, r->arena, r->path_params[0], &ms, &n)) !=
	    0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(ms[i].person, w.person) != 0)
			continue;
		rc = org_member_remove(
		    r->app, r->arena, &w, r->path_params[0], ms[i].id, &e);
		if (rc != 0)
			return after(r, rs, rc, &e);
	}
	return resp_redirect(rs, "/account?done=left");
}

int
h_org_issuer(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	const char *issuer;
	int rc;

	rc = org_become_issuer(
	    r->app, r->arena, &w, r->path_params[0], &issuer, &e);
	if (rc != 0)
		return after(r, rs, rc, &e);
	return resp_redirect(
	    rs, arena_printf(r->arena, "/issuers/%s/staff", issuer));
}

/* ---- invitations ------------------------------------------------------ */

int
h_invite_view(struct req *r, struct resp *rs)
{
	const char *role, *email, *tok = req_text(r, "token");
	struct view_form *f;
	struct page p;
	struct org o;
	int rc;

	rc = org_invite_find(r->app, r->arena, tok, &o, &role, &email);
	if (rc == ERR_NOTFOUND) {
		page_init(&p, r, "This invitation has expired");
		page_para(&p,
		    "Invitations work once and expire after 14 days. "
		    "Ask the organisation to send a new one.");
		rs->status = 410;
		return page_render(&p, rs);
	}
	if (rc != 0)
		return rc;
	page_init(&p, r, arena_printf(r->arena, "Join %s", o.name));
	page_para(&p,
	    arena_printf(r->arena, "You have been invited to join %s as %s.",
	        o.name, org_role_label(role)));
	if (r->session == NULL) {
		const char *next =
		    arena_printf(r->arena, "/invitations/accept?token=%s", tok);
		page_para(&p,
		    "Sign in to accept, or create an account if you "
		    "do not have one yet.");
		page_link(&p, arena_printf(r->arena, "/signin?next=%s", next),
		    "Sign in");
		page_link(&p, arena_printf(r->arena, "/register?next=%s", next),
		    "Create an account");
		return page_render(&p, rs);
	}
	page_para(&p,
	    "Your organisation will see your name, your email "
	    "address and what you are learning on Laurel. Your "
	    "badges stay yours if you leave.");
	f = page_form(&p, "/invitations/accept", "Accept invitation");
	form_hidden(r, f, "token", tok);
	return page_render(&p, rs);
}

int
h_invite_accept(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	const char *org;
	struct page p;
	int rc;

	rc = org_invite_accept(
	    r->app, r->arena, &w, req_text(r, "token"), &org, &e);
	if (rc == ERR_NOTFOUND) {
		page_init(&p, r, "This invitation has expired");
		page_para(&p, e.msg);
		rs->status = 410;
		return page_render(&p, rs);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(
	    rs, arena_printf(r->arena, "/organisations/%s?done=joined", org));
}

/* ---- issuer staff ----------------------------------------------------- */

static int
staff_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	static const char *const cols[] = {"Name", "Email", "Role", ""};
	const char *issuer = r->path_params[0];
	struct issuer_summary *is;
	struct view_section *s;
	struct view_field *fd;
	struct staff *st;
	struct page p;
	const char *name = "Issuer";
	size_t n, ni;
	bool admin;
	int rc;

	if ((rc = issuer_list(r->app, r->arena, &is, &ni)) != 0)
		return rc;
	for (size_t i = 0; i < ni; i++)
		if (strcmp(is[i].id, issuer) == 0)
			name = is[i].name;
	admin =
	    (issuer_person_role(r->app, r->arena, issuer, r->session->person) &
	        ISSUER_ADMIN) != 0;
	if ((rc = issuer_staff(r->app, r->arena, issuer, &st, &n)) != 0)
		return rc;
	page_init(&p, r, "Issuer admins and assessors");
	p.v.caption = name;
	if (req_param(r, "done") != NULL)
		p.v.notice = "Done.";
	page_para(&p,
	    "Issuer admins manage the issuer's badges and staff. "
	    "Assessors judge applications, one queue, first come "
	    "first served.");
	if (admin)
		page_link(&p,
		    arena_printf(r->arena, "/issuers/%s/badges", issuer),
		    "Manage this issuer's badges");
	page_link(&p, arena_printf(r->arena, "/issuers/%s/queue", issuer),
	    "Assessment queue");
	page_link(&p, arena_printf(r->arena, "/issuers/%s", issuer),
	    "See the issuer's public page");
	s = page_section(&p, "Staff");
	section_columns(r, s, admin ? NELEM(cols) : NELEM(cols) - 1, cols);
	for (size_t i = 0; i < n; i++) {
		struct view_cell *c = section_row(r, s, admin ? 4 : 3);
		c[0].text = st[i].name;
		c[1].text = st[i].email;
		c[2].text = issuer_role_label(st[i].role);
		if (admin)
			cell_button(r, &c[3],
			    arena_printf(r->arena,
			        "/issuers/%s/staff/%s/revoke", issuer,
			        st[i].id),
			    arena_printf(r->arena, "Remove %s as %s",
			        st[i].name, issuer_role_label(st[i].role)));
	}
	if (admin) {
		s = page_section(&p, "Add someone");
		form_init(r, &s->form,
		    arena_printf(r->arena, "/issuers/%s/staff", issuer), "Add");
		s->has_form = true;
		fd = form_field(r, &s->form, "email", "Email address", "email");
		field_hint(fd,
		    "The person needs a Laurel account with this "
		    "address confirmed.");
		fd = form_field(r, &s->form, "role", "Role", "select");
		if (fd->value == NULL)
			fd->value = "assessor";
		field_option(r, fd, "assessor", "Assessor");
		field_option(r, fd, "issuer_admin", "Issuer admin");
	}
	if (e != NULL)
		page_error(&p, e->field, e->msg);
	return page_render(&p, rs);
}

int
h_issuer_staff(struct req *r, struct resp *rs)
{
	return staff_page(r, rs, NULL);
}

static int
staff_after(struct req *r, struct resp *rs, int rc, const struct form_err *e)
{
	if (rc == ERR_INVAL || rc == ERR_CONFLICT || rc == ERR_NOTFOUND) {
		rs->status = rc == ERR_NOTFOUND ? 404
		    : rc == ERR_CONFLICT        ? 409
		                                : 400;
		return staff_page(r, rs, e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(
	        r->arena, "/issuers/%s/staff?done=1", r->path_params[0]));
}

int
h_issuer_grant(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};

	return staff_after(r, rs,
	    issuer_grant(r->app, r->arena, &w, r->path_params[0],
	        req_text(r, "email"), req_text(r, "role"), &e),
	    &e);
}

int
h_issuer_revoke(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};

	return staff_after(r, rs,
	    issuer_revoke(
	        r->app, r->arena, &w, r->path_params[0], r->path_params[1], &e),
	    &e);
}
