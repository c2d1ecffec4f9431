/*
 * h_dashboard.c: the signed-in person's dashboard (/dashboard): their
 * applications and where each stands (status, the date a decision is due,
 * their place in the queue), their awards, what to do next, and for
 * assessors and issuer admins a way into each issuer's queue.
 *
 * Everything lives in the request's arena.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/application.h"
#include "domain/award.h"
#include "domain/org.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"

/* applications_section lists the person's applications. */
static int
applications_section(struct req *r, struct page *p, const char *person)
{
	static const char *const cols[] = {
	    "Badge", "Status", "Decision due", "Place in queue", "Last change"};
	struct view_section *s;
	struct app_summary *v;
	size_t n;
	int rc;

	if ((rc = application_list(r->app, r->arena, person, &v, &n)) != 0)
		return rc;
	s = page_section(p, "Your applications");
	s->empty = "You have not applied for a badge yet. Find one in the "
	           "badge catalogue and choose \"Apply for this badge\".";
	section_columns(r, s, NELEM(cols), cols);
	for (size_t i = 0; i < n; i++) {
		struct view_cell *c = section_row(r, s, NELEM(cols));
		bool waiting = v[i].status == APP_SUBMITTED;

		c[0].text = v[i].badge_name;
		c[0].href = arena_printf(r->arena, "/applications/%s", v[i].id);
		c[1].text = app_state_label(
		    v[i].status, v[i].shared, v[i].claimed, v[i].round);
		c[2].text = waiting || v[i].status == APP_INTEGRITY
		    ? fmt_date(r->arena, v[i].due_at)
		    : "";
		c[3].text = waiting && !v[i].claimed && v[i].queue_position > 0
		    ? arena_printf(
		          r->arena, "%lld", (long long)v[i].queue_position)
		    : "";
		c[4].text = fmt_date(r->arena, v[i].updated_at);
	}
	return 0;
}

/* The awards that expire within this many days are "expiring soon". */
#define EXPIRING_DAYS 60

static const char *
award_state(struct req *r, const struct award *aw)
{
	int64_t now = clock_now(r->app->clock);

	if (strcmp(aw->status, "active") == 0 && aw->expires_at > 0 &&
	    aw->expires_at <= now)
		return "Expired";
	if (strcmp(aw->status, "active") == 0 && aw->expires_at > 0 &&
	    aw->expires_at - now <= (int64_t)EXPIRING_DAYS * 86400)
		return "Active, expiring soon";
	if (strcmp(aw->status, "active") == 0)
		return "Active";
	if (strcmp(aw->status, "suspended") == 0)
		return "Suspended";
	if (strcmp(aw->status, "revoked") == 0)
		return "Revoked";
	if (strcmp(aw->status, "lapsed") == 0)
		return "Lapsed";
	return "Expired";
}

/* awards_section lists the person's awards. */
static int
awards_section(struct req *r, struct page *p, const char *person)
{
	static const char *const cols[] = {
	    "Badge", "Issued by", "Awarded", "Expires", "Status"};
	struct view_section *s;
	struct award *v;
	size_t n;
	int rc;

	if ((rc = award_list_person(r->app, r->arena, person, &v, &n)) != 0)
		return rc;
	s = page_section(p, "Your awards");
	s->empty = "You have no awards yet. When an assessor awards a badge "
	           "you applied for, it appears here.";
	section_columns(r, s, NELEM(cols), cols);
	for (size_t i = 0; i < n; i++) {
		struct view_cell *c = section_row(r, s, NELEM(cols));

		c[0].text = v[i].badge_name;
		c[0].href = arena_printf(r->arena, "/badges/%s", v[i].badge_id);
		c[1].text = v[i].issuer_name;
		c[2].text = fmt_date(r->arena, v[i].issued_at);
		c[3].text = v[i].expires_at > 0
		    ? fmt_date(r->arena, v[i].expires_at)
		    : "Does not expire";
		c[4].text = award_state(r, &v[i]);
	}
	return 0;
}

/* staff_section links each issuer queue the person works. */
static int
staff_section(struct req *r, struct page *p, const char *person)
{
	struct person_issuer_role *v;
	struct view_section *s = NULL;
	size_t n;
	int rc;

	if ((rc = issuer_roles_of(r->app, r->arena, person, &v, &n)) != 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		/* A person may be both assessor and admin of an issuer. */
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(v[j].issuer, v[i].issuer) == 0;
		if (seen)
			continue;
		if (s == NULL)
			s = page_section(p, "Assessment");
		section_link(r, s,
		    arena_printf(r->arena, "/issuers/%s/queue", v[i].issuer),
		    arena_printf(r->arena, "Assessment queue: %s", v[i].name));
	}
	return 0;
}

int
h_dashboard(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct page p;
	int rc;

	page_init(&p, r, "Your badges");
	page_para(&p,
	    "Your applications and awards. Badges are yours for life: "
	    "they stay with you when you change employer or email address.");
	if ((rc = applications_section(r, &p, w.person)) != 0 ||
	    (rc = awards_section(r, &p, w.person)) != 0 ||
	    (rc = staff_section(r, &p, w.person)) != 0)
		return rc;
	return page_render(&p, rs);
}
