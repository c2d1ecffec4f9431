/*
 * h_dashboard.c: the signed-in person's dashboard (/dashboard): what to do
 * next, their applications and where each stands (status, the date a
 * decision is due, their place in the queue), the applications they
 * review for others, their awards labelled active, expiring soon, expired
 * or lapsed with any manager's endorsement deadline, endorsements waiting
 * for them to publish and the requests they sent, and links for
 * assessors, issuer admins and organisation managers.
 *
 * Everything lives in the request's arena.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/application.h"
#include "domain/award.h"
#include "domain/endorse.h"
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
award_state(struct req *r, const struct person_award *aw)
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

/* endorsement_text says where the manager's endorsement stands. */
static const char *
endorsement_text(struct req *r, const struct person_award *aw)
{
	if (aw->deadline == 0)
		return "Not needed";
	if (aw->endorsed)
		return "Received";
	if (strcmp(aw->status, "lapsed") == 0)
		return arena_printf(r->arena, "Not received by %s",
		    fmt_date(r->arena, aw->deadline));
	if (strcmp(aw->status, "active") != 0)
		return "";
	return arena_printf(
	    r->arena, "Needed by %s", fmt_date(r->arena, aw->deadline));
}

/* awards_section lists the person's awards. */
static int
awards_section(struct req *r, struct page *p, struct person_award *v, size_t n)
{
	static const char *const cols[] = {"Badge", "Issued by", "Awarded",
	    "Expires", "Status", "Manager's endorsement"};
	struct view_section *s;

	s = page_section(p, "Your awards");
	s->empty = "You have no awards yet. When an assessor awards a badge "
	           "you applied for, it appears here.";
	section_columns(r, s, NELEM(cols), cols);
	for (size_t i = 0; i < n; i++) {
		struct view_cell *c = section_row(r, s, NELEM(cols));

		c[0].text = v[i].badge_name;
		c[0].href = arena_printf(r->arena, "/awards/%s", v[i].id);
		c[1].text = v[i].issuer_name;
		c[2].text = fmt_date(r->arena, v[i].issued_at);
		c[3].text = v[i].expires_at > 0
		    ? fmt_date(r->arena, v[i].expires_at)
		    : "Does not expire";
		c[4].text = award_state(r, &v[i]);
		c[5].text = endorsement_text(r, &v[i]);
		if (v[i].deadline > 0 && !v[i].endorsed &&
		    strcmp(v[i].status, "active") == 0)
			c[5].href = arena_printf(
			    r->arena, "/awards/%s/endorsements", v[i].id);
	}
	if (n > 0)
		section_link(r, s, "/account/profile",
		    "Choose which awards your profile shows and your "
		    "organisation sees");
	section_link(r, s, "/backpack",
	    "Badges issued elsewhere: add a badge from another organisation");
	return 0;
}

/* next_section: what to do next. */
static int
next_section(struct req *r, struct page *p, const char *person,
    const struct person_award *aw, size_t naw, const struct endorsement *en,
    size_t nwaiting)
{
	struct view_section *s = page_section(p, "What to do next");
	struct next_badge *nb;
	size_t n;
	int rc;

	for (size_t i = 0; i < naw; i++)
		if (aw[i].deadline > 0 && !aw[i].endorsed &&
		    strcmp(aw[i].status, "active") == 0)
			section_link(r, s,
			    arena_printf(
			        r->arena, "/awards/%s/endorsements", aw[i].id),
			    arena_printf(r->arena,
			        "Ask your manager to endorse \"%s\" by %s",
			        aw[i].badge_name,
			        fmt_date(r->arena, aw[i].deadline)));
	if (nwaiting > 0)
		section_link(r, s,
		    arena_printf(
		        r->arena, "/awards/%s/endorsements", en[0].award_id),
		    nwaiting == 1
		        ? "Read the endorsement waiting for you"
		        : arena_printf(r->arena,
		              "Read the %zu endorsements waiting for you",
		              nwaiting));
	if ((rc = endorse_next_badges(r->app, r->arena, person, &nb, &n)) != 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		section_link(r, s,
		    arena_printf(r->arena, "/badges/%s", nb[i].badge_id),
		    arena_printf(r->arena, "%s: %s", nb[i].why, nb[i].name));
	if (s->n_links == 0)
		section_link(
		    r, s, "/badges", "Find a badge in the badge catalogue");
	return 0;
}

/* endorsements_section: endorsements waiting to be published or hidden,
 * and the requests the person sent. */
static int
endorsements_section(struct req *r, struct page *p, const char *person,
    const struct endorsement *en, size_t n)
{
	static const char *const cols[] = {"Badge", "From", "Relationship"};
	static const char *const rcols[] = {"Badge", "Asked", "Sent", "Status"};
	int64_t now = clock_now(r->app->clock);
	struct endorse_request_row *rq;
	struct view_section *s;
	size_t nr;
	int rc;

	if (n > 0) {
		s = page_section(p, "Endorsements waiting for you");
		section_para(r, s,
		    "Publish each on your award's page, or keep it hidden.");
		section_columns(r, s, NELEM(cols), cols);
		for (size_t i = 0; i < n; i++) {
			struct view_cell *c = section_row(r, s, NELEM(cols));
			c[0].text = en[i].badge_name;
			c[0].href = arena_printf(r->arena,
			    "/awards/%s/endorsements", en[i].award_id);
			c[1].text = en[i].name;
			c[2].text = en[i].verified_manager
			    ? arena_printf(r->arena, "%s (verified manager)",
			          en[i].relationship)
			    : en[i].relationship;
		}
	}
	if ((rc = endorse_requests(r->app, r->arena, person, "", &rq, &nr)) !=
	    0)
		return rc;
	if (nr == 0)
		return 0;
	s = page_section(p, "Endorsement requests you sent");
	section_columns(r, s, NELEM(rcols), rcols);
	for (size_t i = 0; i < nr; i++) {
		struct view_cell *c = section_row(r, s, NELEM(rcols));
		c[0].text = rq[i].badge_name;
		c[0].href = arena_printf(
		    r->arena, "/awards/%s/endorsements", rq[i].award_id);
		c[1].text = rq[i].name;
		c[2].text = fmt_date(r->arena, rq[i].sent_at);
		c[3].text = rq[i].used_at > 0 ? "Endorsed"
		    : rq[i].expires_at <= now ? "Link expired"
		                              : "Waiting";
	}
	return 0;
}

/* reviewing_section lists the drafts the person reviews for others. */
static int
reviewing_section(struct req *r, struct page *p, const char *person)
{
	static const char *const cols[] = {"Learner", "Badge", "Last change"};
	struct app_reviewing *v;
	struct view_section *s;
	size_t n;
	int rc;

	if ((rc = application_reviewing(r->app, r->arena, person, &v, &n)) != 0)
		return rc;
	if (n == 0)
		return 0;
	s = page_section(p, "Applications you are reviewing");
	section_columns(r, s, NELEM(cols), cols);
	for (size_t i = 0; i < n; i++) {
		struct view_cell *c = section_row(r, s, NELEM(cols));
		c[0].text = v[i].learner_name;
		c[1].text = v[i].badge_name;
		c[1].href = arena_printf(r->arena, "/applications/%s", v[i].id);
		c[2].text = fmt_date(r->arena, v[i].updated_at);
	}
	return 0;
}

/* org_section links the shared-awards page of each organisation the
 * person manages or administers. */
static int
org_section(struct req *r, struct page *p, const char *person)
{
	struct view_section *s = NULL;
	struct person_org *v;
	size_t n;
	int rc;

	if ((rc = org_of_person(r->app, r->arena, person, &v, &n)) != 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		int role = org_role_parse(v[i].role);
		if (v[i].ended_at != 0 ||
		    (role & (ORG_ADMIN | ORG_MANAGER)) == 0)
			continue;
		if (s == NULL)
			s = page_section(p, "Your organisation");
		section_link(r, s,
		    arena_printf(
		        r->arena, "/organisations/%s/awards", v[i].org),
		    arena_printf(
		        r->arena, "Awards staff share with %s", v[i].name));
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
	struct person_award *aw;
	struct endorsement *en;
	struct page p;
	size_t naw, nen;
	int rc;

	if ((rc = endorse_person_awards(
	         r->app, r->arena, w.person, &aw, &naw)) != 0 ||
	    (rc = endorse_waiting(r->app, r->arena, w.person, &en, &nen)) != 0)
		return rc;
	page_init(&p, r, "Your badges");
	page_para(&p,
	    "Your applications and awards. Badges are yours for life: "
	    "they stay with you when you change employer or email address.");
	if ((rc = next_section(r, &p, w.person, aw, naw, en, nen)) != 0 ||
	    (rc = applications_section(r, &p, w.person)) != 0 ||
	    (rc = reviewing_section(r, &p, w.person)) != 0 ||
	    (rc = awards_section(r, &p, aw, naw)) != 0 ||
	    (rc = endorsements_section(r, &p, w.person, en, nen)) != 0 ||
	    (rc = staff_section(r, &p, w.person)) != 0 ||
	    (rc = org_section(r, &p, w.person)) != 0)
		return rc;
	return page_render(&p, rs);
}
