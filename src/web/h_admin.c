/*
 * h_admin.c: the platform admin's pages: organisations (approve or
 * reject), issuers, the audit log with filters, and the development
 * outbox (email held because no SMTP server is configured).
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/num.h"
#include "domain/audit.h"
#include "domain/org.h"
#include "domain/outbox.h"
#include "domain/session.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"

#define AUDIT_PAGE 50

static int
admin_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	static const char *const ocols[] = {
	    "Organisation", "Asked for by", "Status", ""};
	static const char *const icols[] = {"Issuer", "Organisation", ""};
	struct org_summary *os;
	struct issuer_summary *is;
	struct view_section *s;
	struct page p;
	size_t no, ni;
	int rc;

	if ((rc = org_list(r->app, r->arena, "", &os, &no)) != 0 ||
	    (rc = issuer_list(r->app, r->arena, &is, &ni)) != 0)
		return rc;
	page_init(&p, r, "Platform administration");
	if (req_param(r, "done") != NULL)
		p.v.notice = "Done.";
	s = page_section(&p, "Organisations");
	s->empty = "No organisation has registered yet.";
	section_columns(r, s, NELEM(ocols), ocols);
	for (size_t i = 0; i < no; i++) {
		struct view_cell *c = section_row(r, s, 4);
		c[0].text = os[i].name;
		c[0].href =
		    arena_printf(r->arena, "/organisations/%s", os[i].id);
		c[1].text = os[i].requested_by;
		c[2].text = os[i].status;
		if (strcmp(os[i].status, "pending") == 0) {
			struct view_form *f = cell_button(r, &c[3],
			    arena_printf(r->arena,
			        "/admin/organisations/%s/approve", os[i].id),
			    arena_printf(r->arena, "Approve %s", os[i].name));
			f->secondary = false;
			cell_button(r, &c[2],
			    arena_printf(r->arena,
			        "/admin/organisations/%s/reject", os[i].id),
			    arena_printf(r->arena, "Reject %s", os[i].name));
		}
	}
	s = page_section(&p, "Issuers");
	section_columns(r, s, NELEM(icols), icols);
	for (size_t i = 0; i < ni; i++) {
		struct view_cell *c = section_row(r, s, 3);
		c[0].text = is[i].name;
		c[1].text = is[i].scheme ? "The scheme" : is[i].org_name;
		c[2].text = "Staff";
		c[2].href =
		    arena_printf(r->arena, "/issuers/%s/staff", is[i].id);
	}
	s = page_section(&p, "Records");
	section_link(r, s, "/admin/audit", "Audit log");
	section_link(r, s, "/admin/outbox", "Development outbox");
	if (e != NULL)
		page_error(&p, "", e->msg);
	return page_render(&p, rs);
}

int
h_admin(struct req *r, struct resp *rs)
{
	return admin_page(r, rs, NULL);
}

static int
decide(struct req *r, struct resp *rs, bool approve)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc = org_decide(r->app, &w, r->path_params[0], approve, &e);

	if (rc == ERR_CONFLICT) {
		rs->status = 409;
		return admin_page(r, rs, &e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs, "/admin?done=1");
}

int
h_admin_org_approve(struct req *r, struct resp *rs)
{
	return decide(r, rs, true);
}

int
h_admin_org_reject(struct req *r, struct resp *rs)
{
	return decide(r, rs, false);
}

int
h_admin_audit(struct req *r, struct resp *rs)
{
	static const char *const cols[] = {
	    "When", "Who", "What", "About", "Detail", "From"};
	const char *from = req_param(r, "from"), *to = req_param(r, "to");
	const char *pg = req_param(r, "page");
	struct audit_filter f = {0};
	struct audit_event *ev;
	struct view_section *s;
	struct view_form *form;
	struct view_field *fd;
	struct page p;
	int64_t page = 1;
	size_t n;
	int rc;

	page_init(&p, r, "Audit log");
	f.actor = req_param(r, "actor") ? req_param(r, "actor") : "";
	f.action = req_param(r, "action") ? req_param(r, "action") : "";
	f.from = 0;
	f.to = INT64_MAX;
	if (pg != NULL && num_parse(pg, strlen(pg), 1, 100000, &page) != 0)
		page = 1;
	form = page_form(&p, "/admin/audit", "Filter");
	form->get = true;
	fd = form_field(r, form, "actor", "Person id", "text");
	field_hint(fd, "Leave empty for everyone.");
	fd = form_field(r, form, "action", "What happened", "text");
	field_hint(fd,
	    "The start of an action, for example account.login or "
	    "org.");
	fd = form_field(r, form, "from", "From date", "text");
	field_hint(fd, "For example 2026-11-01.");
	fd = form_field(r, form, "to", "Up to (not including) date", "text");
	if (from != NULL && from[0] != '\0' &&
	    clock_parse(from, strlen(from), &f.from) != 0)
		page_error(&p, "from", "Enter the from date as YYYY-MM-DD.");
	if (to != NULL && to[0] != '\0' &&
	    clock_parse(to, strlen(to), &f.to) != 0)
		page_error(&p, "to", "Enter the date as YYYY-MM-DD.");
	f.limit = AUDIT_PAGE + 1;
	f.offset = (size_t)(page - 1) * AUDIT_PAGE;
	if ((rc = audit_list(r->app, r->arena, &f, &ev, &n)) != 0)
		return rc;
	s = page_section(&p, NULL);
	s->empty = "No events match.";
	section_columns(r, s, NELEM(cols), cols);
	for (size_t i = 0; i < n && i < AUDIT_PAGE; i++) {
		struct view_cell *c = section_row(r, s, 6);
		c[0].text = fmt_time(r->arena, ev[i].at);
		c[1].text = ev[i].actor_name[0]
		    ? arena_printf(
		          r->arena, "%s (%s)", ev[i].actor_name, ev[i].actor)
		    : ev[i].actor;
		c[2].text = ev[i].action;
		c[3].text = ev[i].subject;
		c[4].text = ev[i].detail;
		c[5].text = ev[i].ip;
	}
	if (n > AUDIT_PAGE)
		section_link(r, s,
		    arena_printf(r->arena,
		        "/admin/"
		        "audit?actor=%s&action=%s&from=%s&to=%s&page=%lld",
		        f.actor, f.action, from ? from : "", to ? to : "",
		        (long long)page + 1),
		    "Older events");
	rs->status = p.v.n_errors ? 400 : 200;
	return page_render(&p, rs);
}

int
h_admin_outbox(struct req *r, struct resp *rs)
{
	static const char *const cols[] = {"Sent", "To", "Subject", "Status"};
	struct outbox_msg *m;
	struct view_section *s;
	struct page p;
	size_t n;
	int rc;

	if ((rc = outbox_list(r->app, r->arena, 50, &m, &n)) != 0)
		return rc;
	page_init(&p, r, "Development outbox");
	page_para(&p,
	    r->app->cfg->smtp_url[0]
	        ? "Email is delivered over SMTP. These are the latest "
	          "messages and their delivery status."
	        : "No SMTP server is configured, so email is held here (and "
	          "written to the log) instead of being sent.");
	s = page_section(&p, "Latest messages");
	s->empty = "No email yet.";
	section_columns(r, s, NELEM(cols), cols);
	for (size_t i = 0; i < n; i++) {
		struct view_cell *c = section_row(r, s, 4);
		c[0].text = fmt_time(r->arena, m[i].created_at);
		c[1].text = m[i].to;
		c[2].text = m[i].subject;
		c[3].text = m[i].last_error[0]
		    ? arena_printf(
		          r->arena, "%s: %s", m[i].status, m[i].last_error)
		    : m[i].status;
	}
	for (size_t i = 0; i < n && i < 10; i++) {
		s = page_section(&p,
		    arena_printf(
		        r->arena, "%s — to %s", m[i].subject, m[i].to));
		section_para(r, s, m[i].body);
	}
	return page_render(&p, rs);
}
