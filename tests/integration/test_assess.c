/*
 * test_assess.c: the assessor's pages over loopback HTTP against the real
 * `laurel serve`: an assessor claims a submitted application, reads the
 * evidence beside the criteria, is refused a return without feedback (what
 * was typed kept), returns it with feedback; another is awarded, which
 * makes the award that `laurel award list` prints; people who are not the
 * issuer's staff cannot see the queue.
 *
 * Submitted applications are made with the domain's own calls
 * (application_start, _save, _submit) on the database the server serves,
 * each by a learner of its own (tests share one database). Run from the
 * repository root; $LAUREL names the binary (default build/laurel),
 * $LAUREL_TEST_DB an optional PostgreSQL database.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"

#include <errno.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/hooks.h>

#include "core/clock.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/application.h"
#include "domain/award.h"
#include "domain/badge.h"
#include "domain/seed.h"
#include "lib/client.h"
#include "lib/server.h"

static struct test_server srv;

ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
	(void)set;
	(void)test_env_prepare();
}

ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
	(void)stats;
	test_env_cleanup();
}

static void
setup(void)
{
	test_server_start(&srv);
	cl_server(&srv);
}

static void
teardown(void)
{
	test_server_stop(&srv);
}

TestSuite(assess, .init = setup, .fini = teardown, .timeout = 120);

struct made {
	char id[ID_LEN + 1];
	char badge[ID_LEN + 1];
	char learner_email[128];
	size_t ncrit;
	char account[128];
};

/*
 * submit_app makes a learner of its own and submits an application for
 * the first scheme badge they may apply for, through the domain, on the
 * server's database.
 */
static void
submit_app(struct made *m)
{
	static unsigned seq;
	struct config cfg;
	struct app app = {
	    .cfg = &cfg, .clock = &clock_system, .db = NULL, .secret = NULL};
	struct arena *a = arena_new(64 << 20);
	struct badge_summary *bs;
	char scheme[ID_LEN + 1], person[ID_LEN + 1], msg[256];
	const char *id = NULL;
	struct form_err e = {0};
	struct app_submit_result res;
	struct application ap;
	struct app_draft d = {0};
	struct who w;
	bool made, existing;
	size_t n;
	int64_t rev;

	memset(m, 0, sizeof(*m));
	config_defaults(&cfg);
	cr_assert_eq(
	    db_open(srv.db_url, &app.db, msg, sizeof(msg)), 0, "%s", msg);
	snprintf(m->learner_email, sizeof(m->learner_email),
	    "it-learner-%ld-%u@test.laurel.test", (long)getpid(), ++seq);
	snprintf(m->account, sizeof(m->account),
	    "I supported a person to plan their day, case %ld-%u.",
	    (long)getpid(), seq);
	cr_assert_eq(account_ensure(&app, a, "Iona Learner", m->learner_email,
	                 DEMO_PASSWORD, person, &made),
	    0);
	w = (struct who){person, "127.0.0.1"};
	seed_id("issuer:scheme", scheme);
	cr_assert_eq(badge_issuer_list(&app, a, scheme, &bs, &n), 0);
	for (size_t i = 0; i < n && id == NULL; i++) {
		if (strcmp(bs[i].status, "published") != 0)
			continue;
		if (application_start(
		        &app, a, &w, bs[i].id, &id, &existing, &e) != 0)
			id = NULL;
		else
			snprintf(m->badge, sizeof(m->badge), "%s", bs[i].id);
	}
	cr_assert_not_null(id, "no badge could be applied for");
	snprintf(m->id, sizeof(m->id), "%s", id);
	cr_assert_eq(application_get(&app, a, &w, id, &ap), 0);
	m->ncrit = ap.nanswers;
	d.revision = ap.revision;
	d.account_md = m->account;
	d.alt_url = "https://video.example/my-account";
	d.links = "https://example.org/my-notes";
	d.answers = arena_alloc(a, (m->ncrit + 1) * sizeof(*d.answers));
	for (size_t i = 0; i < m->ncrit; i++)
		d.answers[i] = arena_printf(a,
		    "For criterion %zu I listened and agreed a plan.", i + 1);
	d.nanswers = m->ncrit;
	cr_assert_eq(application_save(&app, a, &w, id, &d, &rev, &e), 0, "%s",
	    e.msg ? e.msg : "");
	cr_assert_eq(application_submit(&app, a, &w, id, rev, true, &res, &e),
	    0, "%s", e.msg ? e.msg : "");
	cr_assert_not(res.auto_declined);
	db_close(app.db);
	config_free(&cfg);
	arena_free(a);
}

static const char *
scheme(void)
{
	static char id[ID_LEN + 1];

	seed_id("issuer:scheme", id);
	return id;
}

/* decide posts the decision form: every criterion met or not. */
static long
decide(struct client *c, const struct made *m, const char *outcome, bool met,
    const char *feedback)
{
	struct buf b;
	char path[160];
	long st;

	buf_init(&b, NULL, 1 << 16);
	form_add(&b, "csrf_token", cl_token(c));
	form_add(&b, "round", "1");
	form_add(&b, "outcome", outcome);
	form_add(&b, "feedback", feedback);
	form_add(&b, "reason_code", "");
	for (size_t i = 0; i < m->ncrit; i++) {
		char name[32];
		snprintf(name, sizeof(name), "met_%zu", i + 1);
		form_add(&b, name, met ? "yes" : "no");
		snprintf(name, sizeof(name), "comment_%zu", i + 1);
		form_add(&b, name, "A kept comment");
	}
	snprintf(path, sizeof(path), "/issuers/%s/assess/%s", scheme(), m->id);
	st = cl_send(c, "POST", path, b.data, b.len);
	buf_free(&b);
	return st;
}

static void
claim(struct client *c, const struct made *m)
{
	char path[160];

	snprintf(
	    path, sizeof(path), "/issuers/%s/queue/%s/claim", scheme(), m->id);
	cl_post(c, path, "reason", "Integration test", NULL);
	cl_expect_redirect(c, "/issuers/", "claim");
	cr_assert(strstr(cl_location(c), m->id) != NULL);
}

Test(assess, claim_read_and_return)
{
	struct client c = {0};
	struct made m;
	char path[160];

	submit_app(&m);
	cl_sign_in(&c, "assessor@demo.laurel.test");
	snprintf(path, sizeof(path), "/issuers/%s/queue", scheme());
	cl_get(&c, path);
	cl_expect(&c, 200, "Assessment queue", "the queue");
	cr_assert(cl_has(&c, "Claim the oldest"));
	cr_assert(cl_has(&c, m.id), "the new application is in the queue");
	claim(&c, &m);
	snprintf(path, sizeof(path), "/issuers/%s/assess/%s", scheme(), m.id);
	cl_get(&c, path);
	cl_expect(&c, 200, m.account, "the assessment page shows the account");
	cr_assert(cl_has(&c, "Spelling and grammar are never assessed"));
	cr_assert(cl_has(&c, "For criterion 1 I listened and agreed a plan."));
	cr_assert(cl_has(&c, "https://video.example/my-account"));
	cr_assert(cl_has(&c, "Record the decision"));
	/* Returned without feedback: refused, what was typed kept. */
	decide(&c, &m, "return", false, "");
	cl_expect(&c, 400, "Give the learner feedback", "no feedback");
	cr_assert(cl_has(&c, "A kept comment"));
	cr_assert(cl_has(&c, "value=\"no\" checked"));
	decide(&c, &m, "return", false, "Say more about how you listened.");
	cl_expect_redirect(&c, "/issuers/", "returned");
	cr_assert(strstr(cl_location(&c), "done=decided") != NULL);
	/* The page now shows it decided, with no decision form. */
	cl_get(&c, path);
	cl_expect(&c, 200, "Returned for further work", "after the decision");
	cr_assert_not(cl_has(&c, "Record the decision"));
	cl_free(&c);
}

Test(assess, award_and_cli)
{
	struct client c = {0};
	struct made m;
	char cmd[1400], line[512];
	const char *bin = getenv("LAUREL") ? getenv("LAUREL") : "build/laurel";
	bool found = false;
	FILE *f;

	submit_app(&m);
	cl_sign_in(&c, "assessor@demo.laurel.test");
	claim(&c, &m);
	/* Not every criterion met: no award. */
	decide(&c, &m, "award", false, "");
	cl_expect(&c, 400, "only when every criterion is met", "award unmet");
	decide(&c, &m, "award", true, "Well done.");
	cl_expect_redirect(&c, "/issuers/", "awarded");
	cr_assert(strstr(cl_location(&c), "done=awarded") != NULL);
	cl_free(&c);

	snprintf(
	    cmd, sizeof(cmd), "%s award list --db '%s' 2>&1", bin, srv.db_url);
	f = popen(cmd, "r");
	cr_assert_not_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		char want[300];
		snprintf(want, sizeof(want), "\t%s\t%s\tactive\n", m.badge,
		    m.learner_email);
		if (strstr(line, want) != NULL && strlen(line) > ID_LEN &&
		    line[ID_LEN] == '\t')
			found = true;
	}
	cr_assert_eq(pclose(f), 0);
	cr_assert(found, "laurel award list prints the award");
}

Test(assess, queue_is_for_staff_only)
{
	struct client c = {0}, anon = {0};
	char path[160];

	snprintf(path, sizeof(path), "/issuers/%s/queue", scheme());
	cl_sign_in(&c, "learner@demo.laurel.test");
	cl_get(&c, path);
	cr_assert(
	    c.r.status == 403 || c.r.status == 404, "learner: %ld", c.r.status);
	cr_assert_not(cl_has(&c, "Claim the oldest"));
	cl_get(&anon, path);
	cr_assert(anon.r.status == 303 || anon.r.status == 403 ||
	        anon.r.status == 404,
	    "anonymous: %ld", anon.r.status);
	cl_free(&c);
	cl_free(&anon);
}

/* revision_of reads the draft's revision from the page c holds. */
static const char *
revision_of(const struct client *c)
{
	static char rev[24];
	const char *p = strstr(cl_body(c), "name=\"revision\" value=\"");
	size_t n = 0;

	cr_assert_not_null(p, "the page has no revision field");
	p += strlen("name=\"revision\" value=\"");
	while (n + 1 < sizeof(rev) && p[n] >= '0' && p[n] <= '9') {
		rev[n] = p[n];
		n++;
	}
	rev[n] = '\0';
	return rev;
}

/* save_and_submit saves the draft of app over HTTP and submits it. */
static void
save_and_submit(struct client *c, const char *app, const char *account)
{
	char path[160];
	struct buf b;

	snprintf(path, sizeof(path), "/applications/%s/edit", app);
	cl_get(c, path);
	cl_expect(c, 200, "Your reflective account", "the draft form");
	buf_init(&b, NULL, 1 << 16);
	form_add(&b, "csrf_token", cl_token(c));
	form_add(&b, "revision", revision_of(c));
	form_add(&b, "account", account);
	form_add(&b, "alt_url", "https://video.example/my-account");
	form_add(&b, "links", "");
	/* An answer for each criterion the form asks about. */
	for (int i = 1; i <= 20; i++) {
		char name[40];
		snprintf(name, sizeof(name), "name=\"answer_%d\"", i);
		if (!cl_has(c, name))
			break;
		snprintf(name, sizeof(name), "answer_%d", i);
		form_add(&b, name, "I agreed a plan with the person.");
	}
	snprintf(path, sizeof(path), "/applications/%s/save", app);
	cl_send(c, "POST", path, b.data, b.len);
	buf_free(&b);
	cl_expect_redirect(c, "/applications/", "saving the draft");

	snprintf(path, sizeof(path), "/applications/%s/submit", app);
	cl_get(c, path);
	cl_expect(c, 200, "generative AI", "the declaration");
	cl_post(
	    c, path, "revision", revision_of(c), "declaration", "yes", NULL);
	cl_expect_redirect(c, "/applications/", "submitting");
}

/* decide_http records outcome for round of app of the issuer. */
static void
decide_http(struct client *c, const char *issuer, const char *app, int round,
    const char *outcome, const char *feedback)
{
	char path[160], r[8];
	struct buf b;

	snprintf(path, sizeof(path), "/issuers/%s/assess/%s", issuer, app);
	cl_get(c, path);
	cl_expect(c, 200, "Record the decision", "the assessment page");
	snprintf(r, sizeof(r), "%d", round);
	buf_init(&b, NULL, 1 << 16);
	form_add(&b, "csrf_token", cl_token(c));
	form_add(&b, "round", r);
	form_add(&b, "outcome", outcome);
	form_add(&b, "feedback", feedback);
	form_add(&b, "reason_code", "");
	for (int i = 1; i <= 20; i++) {
		char name[16];
		snprintf(name, sizeof(name), "met_%d", i);
		/* Return: the first criterion not yet met. */
		form_add(&b, name,
		    i == 1 && strcmp(outcome, "return") == 0 ? "no" : "yes");
	}
	cl_send(c, "POST", path, b.data, b.len);
	buf_free(&b);
	cl_expect_redirect(c, "/issuers/", outcome);
}

/*
 * The whole journey over HTTP only: the learner applies from the badge
 * page, saves and submits; the assessor claims the oldest (Riverside
 * Care's queue, which only this test uses) and returns it; the learner
 * resubmits; the assessor awards; the award is on the learner's dashboard.
 */
Test(assess, whole_journey_over_http)
{
	struct client l = {0}, s = {0};
	char issuer[ID_LEN + 1], badge[ID_LEN + 1], path[160], app[ID_LEN + 1];
	const char *loc;

	seed_id("issuer:riverside", issuer);
	/* Its prerequisites are only recommended: anyone may apply. */
	seed_id("badge:riverside-care-planning", badge);
	cl_sign_in(&l, "learner@demo.laurel.test");
	snprintf(path, sizeof(path), "/badges/%s", badge);
	cl_get(&l, path);
	cl_expect(&l, 200, "Start an application", "the apply box");
	snprintf(path, sizeof(path), "/badges/%s/apply", badge);
	cl_post(&l, path, NULL);
	cl_expect_redirect(&l, "/applications/", "starting");
	loc = cl_location(&l);
	cr_assert(strlen(loc) >= strlen("/applications/") + ID_LEN);
	memcpy(app, loc + strlen("/applications/"), ID_LEN);
	app[ID_LEN] = '\0';
	save_and_submit(&l, app, "I reflected on how I plan care with people.");
	snprintf(path, sizeof(path), "/applications/%s", app);
	cl_get(&l, path);
	cl_expect(&l, 200, "Submitted", "the status after submitting");

	cl_sign_in(&s, "orgadmin@demo.laurel.test");
	snprintf(path, sizeof(path), "/issuers/%s/queue", issuer);
	cl_get(&s, path);
	cl_expect(&s, 200, "Claim the oldest", "the queue");
	snprintf(path, sizeof(path), "/issuers/%s/queue/claim", issuer);
	cl_post(&s, path, NULL);
	cl_expect_redirect(&s, "/issuers/", "claiming the oldest");
	cr_assert(strstr(cl_location(&s), app) != NULL,
	    "the oldest in Riverside's queue is this application");
	decide_http(&s, issuer, app, 1, "return", "Please add an example.");

	snprintf(path, sizeof(path), "/applications/%s", app);
	cl_get(&l, path);
	cl_expect(&l, 200, "Returned for further work", "returned");
	cr_assert(cl_has(&l, "Please add an example."), "the feedback shows");
	save_and_submit(&l, app, "I now plan care with people, for example...");
	cl_get(&l, path);
	cl_expect(&l, 200, "Resubmitted", "resubmitted");

	snprintf(path, sizeof(path), "/issuers/%s/queue/claim", issuer);
	cl_post(&s, path, NULL);
	cl_expect_redirect(&s, "/issuers/", "claiming again");
	decide_http(&s, issuer, app, 2, "award", "Well done.");

	cl_get(&l, "/dashboard");
	cl_expect(&l, 200, "Your awards", "the dashboard");
	cr_assert(cl_has(&l, "Awarded"), "the application shows as awarded");
	cl_free(&l);
	cl_free(&s);
}
