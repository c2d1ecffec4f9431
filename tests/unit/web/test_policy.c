/*
 * test_policy.c: every route in the route table, for every kind of
 * caller, against a table of expected outcomes.
 *
 * A route added without a policy (POLICY_NONE) or without a row in
 * `expected` fails, and so does a row that names no route. Callers are
 * real people in a database loaded with the demo data plus a second
 * organisation and a second issuer, so the policies run their real
 * queries. Run on SQLite and PostgreSQL.
 */
#include "core/arena.h"
#include "core/err.h"
#include "domain/account.h"
#include "domain/org.h"
#include "domain/seed.h"
#include "domain/session.h"
#include "web/http.h"
#include "web/policy.h"
#include "web/router.h"
#include "../db/testdb.h"

/* The kinds of caller, in the order of the columns of `expected`. */
enum caller {
	ANON,          /* not signed in */
	LEARNER,       /* staff member, no other role */
	REVIEWER,      /* someone invited to review another's draft */
	ASSESSOR_B,    /* assessor of another issuer */
	ASSESSOR,      /* assessor of the issuer in the path */
	ISSUER_ADMIN_, /* issuer admin of the issuer in the path */
	ORG_ADMIN_B,   /* organisation admin of another organisation */
	ORG_ADMIN_,    /* organisation admin of the organisation in the path */
	PLATFORM,      /* platform admin */
	NCALLERS
};

static const char *const caller_names[NCALLERS] = {"anonymous", "learner",
    "reviewer", "assessor of another issuer", "assessor", "issuer admin",
    "org admin of another org", "org admin", "platform admin"};

/*
 * One row per route: method, pattern, and for each caller above 'y' if
 * the policy lets them in, '-' if not. (Whether a handler then finds the
 * thing they asked for is another matter: this is the gate.)
 */
static const struct {
	enum http_method method;
	const char *pattern;
	const char *allowed; /* NCALLERS characters */
} expected[] = {
    {HTTP_GET, "/healthz", "yyyyyyyyy"},
    {HTTP_GET, "/", "yyyyyyyyy"},
    {HTTP_GET, "/badges", "yyyyyyyyy"},
    {HTTP_GET, "/badges/{id}", "yyyyyyyyy"},
    {HTTP_GET, "/series/{id}", "yyyyyyyyy"},
    {HTTP_GET, "/issuers/{id}", "yyyyyyyyy"},
    {HTTP_GET, "/images/{path}", "yyyyyyyyy"},
    {HTTP_GET, "/accessibility", "yyyyyyyyy"},
    {HTTP_GET, "/privacy", "yyyyyyyyy"},
    {HTTP_GET, "/static/{path}", "yyyyyyyyy"},
    {HTTP_GET, "/assets/{path}", "yyyyyyyyy"},
    {HTTP_GET, "/signin", "yyyyyyyyy"},
    {HTTP_POST, "/signin", "yyyyyyyyy"},
    {HTTP_POST, "/signout", "-yyyyyyyy"},
    {HTTP_GET, "/register", "yyyyyyyyy"},
    {HTTP_POST, "/register", "yyyyyyyyy"},
    {HTTP_GET, "/account/verify", "yyyyyyyyy"},
    {HTTP_POST, "/account/verify", "yyyyyyyyy"},
    {HTTP_GET, "/account/reset", "yyyyyyyyy"},
    {HTTP_POST, "/account/reset", "yyyyyyyyy"},
    {HTTP_GET, "/account/reset/new", "yyyyyyyyy"},
    {HTTP_POST, "/account/reset/new", "yyyyyyyyy"},
    {HTTP_GET, "/account", "-yyyyyyyy"},
    {HTTP_POST, "/account/name", "-yyyyyyyy"},
    {HTTP_POST, "/account/emails", "-yyyyyyyy"},
    {HTTP_POST, "/account/emails/{id}/primary", "-yyyyyyyy"},
    {HTTP_POST, "/account/emails/{id}/remove", "-yyyyyyyy"},
    {HTTP_POST, "/account/sessions/end-others", "-yyyyyyyy"},
    {HTTP_GET, "/account/password", "-yyyyyyyy"},
    {HTTP_POST, "/account/password", "-yyyyyyyy"},
    {HTTP_GET, "/account/export", "-yyyyyyyy"},
    {HTTP_GET, "/account/delete", "-yyyyyyyy"},
    {HTTP_POST, "/account/delete", "-yyyyyyyy"},
    {HTTP_GET, "/account/merge", "-yyyyyyyy"},
    {HTTP_POST, "/account/merge", "-yyyyyyyy"},
    {HTTP_GET, "/organisations/new", "-yyyyyyyy"},
    {HTTP_POST, "/organisations", "-yyyyyyyy"},
    /* the learner is staff of the organisation in the path */
    {HTTP_GET, "/organisations/{id}", "-y-----y-"},
    {HTTP_POST, "/organisations/{id}/invitations", "-------y-"},
    {HTTP_POST, "/organisations/{id}/invitations/{id}/cancel", "-------y-"},
    {HTTP_POST, "/organisations/{id}/members/{id}/role", "-------y-"},
    {HTTP_POST, "/organisations/{id}/members/{id}/line-manager", "-------y-"},
    {HTTP_POST, "/organisations/{id}/members/{id}/remove", "-------y-"},
    {HTTP_POST, "/organisations/{id}/leave", "-y-----y-"},
    {HTTP_POST, "/organisations/{id}/issuer", "-------y-"},
    {HTTP_GET, "/invitations/accept", "yyyyyyyyy"},
    {HTTP_POST, "/invitations/accept", "-yyyyyyyy"},
    {HTTP_GET, "/issuers/{id}/staff", "----yy---"},
    {HTTP_POST, "/issuers/{id}/staff", "-----y---"},
    {HTTP_POST, "/issuers/{id}/staff/{id}/revoke", "-----y---"},
    {HTTP_GET, "/issuers/{id}/badges", "-----y---"},
    {HTTP_GET, "/issuers/{id}/badges/new", "-----y---"},
    {HTTP_POST, "/issuers/{id}/badges/new", "-----y---"},
    {HTTP_GET, "/issuers/{id}/badges/{id}", "-----y---"},
    {HTTP_GET, "/issuers/{id}/badges/{id}/edit", "-----y---"},
    {HTTP_POST, "/issuers/{id}/badges/{id}/edit", "-----y---"},
    {HTTP_POST, "/issuers/{id}/badges/{id}/status", "-----y---"},
    {HTTP_POST, "/issuers/{id}/badges/{id}/prerequisites", "-----y---"},
    {HTTP_POST, "/issuers/{id}/badges/{id}/prerequisites/{id}/remove",
        "-----y---"},
    {HTTP_POST, "/issuers/{id}/series", "-----y---"},
    {HTTP_POST, "/issuers/{id}/frameworks", "-----y---"},
    {HTTP_POST, "/issuers/{id}/verification", "-----y---"},
    {HTTP_POST, "/issuers/{id}/keys/rotate", "-----y---"},
    {HTTP_GET, "/admin", "--------y"},
    {HTTP_POST, "/admin/organisations/{id}/approve", "--------y"},
    {HTTP_POST, "/admin/organisations/{id}/reject", "--------y"},
    {HTTP_GET, "/admin/audit", "--------y"},
    {HTTP_GET, "/admin/outbox", "--------y"},
    /* badge ideas: the issuer in the path is the scheme's */
    {HTTP_GET, "/ideas", "yyyyyyyyy"},
    {HTTP_GET, "/ideas/new", "yyyyyyyyy"},
    {HTTP_POST, "/ideas", "yyyyyyyyy"},
    {HTTP_GET, "/ideas/{id}", "yyyyyyyyy"},
    {HTTP_POST, "/ideas/{id}/support", "-yyyyyyyy"},
    {HTTP_POST, "/ideas/{id}/unsupport", "-yyyyyyyy"},
    {HTTP_GET, "/issuers/{id}/ideas", "-----y---"},
    {HTTP_POST, "/issuers/{id}/ideas/{id}", "-----y---"},
    /* applications (h_apply.c): the domain checks each application */
    {HTTP_POST, "/badges/{id}/apply", "-yyyyyyyy"},
    {HTTP_GET, "/applications/{id}", "-yyyyyyyy"},
    {HTTP_GET, "/applications/{id}/edit", "-yyyyyyyy"},
    {HTTP_POST, "/applications/{id}/save", "yyyyyyyyy"},
    {HTTP_POST, "/applications/{id}/attachments", "-yyyyyyyy"},
    {HTTP_GET, "/applications/{id}/attachments/{id}", "-yyyyyyyy"},
    {HTTP_POST, "/applications/{id}/attachments/{id}/remove", "-yyyyyyyy"},
    {HTTP_POST, "/applications/{id}/reviewers", "-yyyyyyyy"},
    {HTTP_POST, "/applications/{id}/reviewers/{id}/remove", "-yyyyyyyy"},
    {HTTP_POST, "/applications/{id}/comments", "-yyyyyyyy"},
    {HTTP_POST, "/applications/{id}/comments/{id}/resolve", "-yyyyyyyy"},
    {HTTP_GET, "/applications/{id}/submit", "-yyyyyyyy"},
    {HTTP_POST, "/applications/{id}/submit", "-yyyyyyyy"},
    {HTTP_POST, "/applications/{id}/withdraw", "-yyyyyyyy"},
    {HTTP_POST, "/applications/{id}/response", "-yyyyyyyy"},
    {HTTP_GET, "/reviews/{path}", "yyyyyyyyy"},
    {HTTP_POST, "/reviews/{path}", "-yyyyyyyy"},
    {HTTP_GET, "/policy/evidence", "yyyyyyyyy"},
    /* end of applications */
    /* assessment (h_assess.c) */
    {HTTP_GET, "/issuers/{id}/queue", "----yy---"},
    {HTTP_POST, "/issuers/{id}/queue/claim", "----yy---"},
    {HTTP_POST, "/issuers/{id}/queue/{id}/claim", "----yy---"},
    {HTTP_POST, "/issuers/{id}/queue/{id}/release", "----yy---"},
    {HTTP_POST, "/issuers/{id}/queue/{id}/reassign", "-----y---"},
    {HTTP_GET, "/issuers/{id}/assess/{id}", "----yy---"},
    {HTTP_POST, "/issuers/{id}/assess/{id}", "----yy---"},
    {HTTP_POST, "/issuers/{id}/assess/{id}/integrity", "----yy---"},
    {HTTP_GET, "/issuers/{id}/integrity/{id}", "-----y---"},
    {HTTP_POST, "/issuers/{id}/integrity/{id}", "-----y---"},
    /* end of assessment */
    /* award pages (h_award.c) */
    {HTTP_GET, "/awards/{id}", "yyyyyyyyy"},
    {HTTP_POST, "/awards/{id}/settings", "-yyyyyyyy"},
    {HTTP_POST, "/awards/{id}/status", "-yyyyyyyy"},
    {HTTP_GET, "/awards/{id}/card.png", "yyyyyyyyy"},
    {HTTP_GET, "/awards/{id}/certificate.pdf", "yyyyyyyyy"},
    {HTTP_GET, "/awards/{id}/attachments/{id}", "yyyyyyyyy"},
    {HTTP_GET, "/oembed", "yyyyyyyyy"},
    /* end of award pages */
    /* endorsements and profiles (h_endorse.c) */
    {HTTP_GET, "/awards/{id}/endorse", "yyyyyyyyy"},
    {HTTP_POST, "/awards/{id}/endorse", "yyyyyyyyy"},
    {HTTP_GET, "/endorsements/confirm", "yyyyyyyyy"},
    {HTTP_POST, "/endorsements/confirm", "yyyyyyyyy"},
    {HTTP_GET, "/awards/{id}/endorsements", "-yyyyyyyy"},
    {HTTP_POST, "/awards/{id}/endorsements/{id}/publish", "-yyyyyyyy"},
    {HTTP_POST, "/awards/{id}/endorsements/{id}/hide", "-yyyyyyyy"},
    {HTTP_POST, "/awards/{id}/endorsement-requests", "-yyyyyyyy"},
    {HTTP_GET, "/account/profile", "-yyyyyyyy"},
    {HTTP_POST, "/account/profile", "-yyyyyyyy"},
    {HTTP_GET, "/people/{slug}", "yyyyyyyyy"},
    /* the learner is staff of the organisation: the handler refuses them */
    {HTTP_GET, "/organisations/{id}/awards", "-y-----y-"},
    /* end of endorsements and profiles */
    /* Open Badges 2.0 (h_ob.c) */
    {HTTP_GET, "/ob/v2/issuers/{id}", "yyyyyyyyy"},
    {HTTP_GET, "/ob/v2/badges/{id}", "yyyyyyyyy"},
    {HTTP_GET, "/ob/v2/badges/{id}/versions/{int}", "yyyyyyyyy"},
    {HTTP_GET, "/ob/v2/badges/{id}/versions/{int}/image.png", "yyyyyyyyy"},
    {HTTP_GET, "/ob/v2/assertions/{id}", "yyyyyyyyy"},
    {HTTP_GET, "/ob/v2/keys/{id}", "yyyyyyyyy"},
    {HTTP_GET, "/ob/v2/revocations/{id}", "yyyyyyyyy"},
    {HTTP_GET, "/awards/{id}/badge.png", "yyyyyyyyy"},
    {HTTP_GET, "/awards/{id}/badge.svg", "yyyyyyyyy"},
    /* end of Open Badges 2.0 */
    /* Open Badges 3.0 (h_ob3.c) */
    {HTTP_GET, "/ob/v3/achievements/{id}/versions/{int}", "yyyyyyyyy"},
    {HTTP_GET, "/ob/v3/issuers/{id}", "yyyyyyyyy"},
    {HTTP_GET, "/ob/v3/credentials/{id}", "yyyyyyyyy"},
    {HTTP_GET, "/ob/v3/credentials/{id}.jwt", "yyyyyyyyy"},
    {HTTP_GET, "/ob/v3/status/{id}/{slug}", "yyyyyyyyy"},
    /* end of Open Badges 3.0 */
    /* verify and backpack (h_verify.c) */
    {HTTP_GET, "/verify", "yyyyyyyyy"},
    {HTTP_POST, "/verify", "yyyyyyyyy"},
    {HTTP_POST, "/api/verify", "yyyyyyyyy"},
    {HTTP_GET, "/backpack", "-yyyyyyyy"},
    {HTTP_POST, "/backpack", "-yyyyyyyy"},
    {HTTP_POST, "/backpack/{id}/remove", "-yyyyyyyy"},
    /* end of verify and backpack */
    /* dashboard (h_dashboard.c) */
    {HTTP_GET, "/dashboard", "-yyyyyyyy"},
};

struct fixture {
	struct db *db;
	struct config cfg;
	struct clock clk;
	struct app app;
	struct arena *a;
	char people[NCALLERS][ID_LEN + 1];
	char org[ID_LEN + 1], issuer[ID_LEN + 1];
};

static void
person(struct fixture *f, enum caller c, const char *email)
{
	bool made;

	cr_assert_eq(account_ensure(&f->app, f->a, caller_names[c], email, NULL,
	                 f->people[c], &made),
	    0, "%s", email);
}

static void
setup(struct fixture *f, enum db_kind kind)
{
	struct who w = {"", "test"};
	char org_b[ID_LEN + 1];
	const char *issuer_b;
	struct form_err e;
	int created;

	memset(f, 0, sizeof(*f));
	f->db = testdb_open_kind(kind, true);
	config_defaults(&f->cfg);
	f->clk = clock_frozen(1795437296);
	f->app = (struct app){
	    .cfg = &f->cfg, .clock = &f->clk, .db = f->db, .secret = NULL};
	f->a = arena_new(1 << 22);
	cr_assert_eq(seed_demo(&f->app, &created), 0);
	seed_id("org:riverside", f->org);
	seed_id("issuer:scheme", f->issuer);
	person(f, LEARNER, "learner@demo.laurel.test");
	person(f, ASSESSOR, "assessor@demo.laurel.test");
	person(f, ISSUER_ADMIN_, "issueradmin@demo.laurel.test");
	person(f, ORG_ADMIN_, "orgadmin@demo.laurel.test");
	person(f, PLATFORM, "platformadmin@demo.laurel.test");
	person(f, REVIEWER, "reviewer@test.laurel.test");
	person(f, ASSESSOR_B, "assessor-b@test.laurel.test");
	person(f, ORG_ADMIN_B, "orgadmin-b@test.laurel.test");
	/* A second organisation, which becomes an issuer with its own
	 * assessor. */
	seed_id("test:org-b", org_b);
	cr_assert_eq(db_begin(f->db), 0);
	cr_assert_eq(org_create_approved(&f->app, &w, org_b, "Org B", ""), 0);
	cr_assert_eq(org_add_member(&f->app, &w, org_b, f->people[ORG_ADMIN_B],
	                 "org_admin", NULL),
	    0);
	cr_assert_eq(db_commit(f->db), 0);
	w.person = f->people[ORG_ADMIN_B];
	cr_assert_eq(org_become_issuer(&f->app, f->a, &w, org_b, &issuer_b, &e),
	    0, "%s", e.msg);
	w.person = "";
	cr_assert_eq(db_begin(f->db), 0);
	cr_assert_eq(issuer_grant_person(&f->app, &w, issuer_b,
	                 f->people[ASSESSOR_B], "assessor"),
	    0);
	cr_assert_eq(db_commit(f->db), 0);
}

/* path_for fills the route's captures: the organisation or issuer of the
 * fixture first, then any id. */
static void
fill_path(struct fixture *f, struct req *r, const struct route *rt)
{
	const char *first = strncmp(rt->pattern, "/organisations/", 15) == 0 ||
	        strncmp(rt->pattern, "/admin/organisations/", 21) == 0
	    ? f->org
	    : strncmp(rt->pattern, "/issuers/", 9) == 0
	    ? f->issuer
	    : "AAAAAAAAAAAAAAAAAAAAAA";
	size_t n = 0;

	for (const char *p = rt->pattern; (p = strchr(p, '{')) != NULL; p++)
		r->path_params[n] = n == 0 ? first : "BBBBBBBBBBBBBBBBBBBBBB",
		n++;
}

static void
check_routes(enum db_kind kind)
{
	struct fixture f;
	struct session sessions[NCALLERS];

	setup(&f, kind);
	for (size_t c = 0; c < NCALLERS; c++) {
		memset(&sessions[c], 0, sizeof(sessions[c]));
		sessions[c].person = f.people[c];
		sessions[c].platform_admin = c == PLATFORM;
	}
	for (size_t i = 0; i < nroutes; i++) {
		const struct route *rt = &routes[i];
		size_t row = NELEM(expected);

		cr_expect_neq(rt->policy, POLICY_NONE,
		    "%s has no policy: every route must name one", rt->pattern);
		for (size_t k = 0; k < NELEM(expected); k++)
			if (expected[k].method == rt->method &&
			    strcmp(expected[k].pattern, rt->pattern) == 0)
				row = k;
		cr_expect_neq(row, NELEM(expected),
		    "route %s %s has no row in the expected table",
		    rt->method == HTTP_POST ? "POST" : "GET", rt->pattern);
		if (row == NELEM(expected))
			continue;
		cr_assert_eq(strlen(expected[row].allowed), NCALLERS);
		for (size_t c = 0; c < NCALLERS; c++) {
			struct req r;
			bool want = expected[row].allowed[c] == 'y';

			memset(&r, 0, sizeof(r));
			r.arena = f.a;
			r.app = &f.app;
			r.method = rt->method;
			r.route = rt;
			r.session = c == ANON ? NULL : &sessions[c];
			fill_path(&f, &r, rt);
			cr_expect_eq(policy_allows(rt->policy, &r), want,
			    "%s %s (%s) for %s: want %s",
			    rt->method == HTTP_POST ? "POST" : "GET",
			    rt->pattern, policy_name(rt->policy),
			    caller_names[c], want ? "allowed" : "refused");
		}
	}
	/* Every row names a route that exists. */
	for (size_t k = 0; k < NELEM(expected); k++) {
		bool found = false;
		for (size_t i = 0; i < nroutes; i++)
			found = found ||
			    (routes[i].method == expected[k].method &&
			        strcmp(routes[i].pattern,
			            expected[k].pattern) == 0);
		cr_expect(found, "expected row %s names no route",
		    expected[k].pattern);
	}
	arena_free(f.a);
	db_close(f.db);
}

Test(policy, every_route_for_every_caller_sqlite)
{
	check_routes(DB_SQLITE);
}

Test(policy, every_route_for_every_caller_pgsql)
{
	check_routes(DB_PGSQL);
}

Test(policy, none_denies_everyone)
{
	struct session s = {.person = "x", .platform_admin = true};
	struct req r;

	memset(&r, 0, sizeof(r));
	r.session = &s;
	cr_assert_not(policy_allows(POLICY_NONE, &r));
	cr_assert_str_eq(policy_name(POLICY_NONE), "none");
}
