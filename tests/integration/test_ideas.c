/*
 * test_ideas.c: badge ideas over loopback HTTP against the real `laurel
 * serve`: the form and its spam checks (honeypot, sent too fast, a forged
 * form token), each refused with a 4xx that shows the form again with
 * what was typed; a good idea, its public page and the list (no personal
 * details); support by a signed-in person; triage by the scheme's issuer
 * admin, and the policy on the triage pages.
 *
 * Tests share one database (migrate + seed-demo, see lib/server.h) and
 * come from one address, so together they send fewer ideas than the
 * hourly limit per address (IDEA_RATE_LIMIT); each uses texts of its own.
 * Run from the repository root; $LAUREL names the binary (default
 * build/laurel), $LAUREL_TEST_DB an optional PostgreSQL database.
 */
#include "core/common.h"
#include "core/buf.h"

#include <errno.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/hooks.h>

#include "domain/idea.h"
#include "domain/seed.h"
#include "lib/client.h"
#include "lib/server.h"

static struct test_server srv;
static unsigned seq;

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

TestSuite(ideas, .init = setup, .fini = teardown, .timeout = 120);

static void
sleep_ms(unsigned ms)
{
	struct timespec ts = {
	    .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* A tag no other test or run uses, for texts (duplicates are refused). */
static const char *
tag(void)
{
	static char t[64];
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	snprintf(t, sizeof(t), "%ld-%u-%ld", (long)getpid(), ++seq,
	    (long)ts.tv_nsec);
	return t;
}

/* cl_follow GETs the Location of the last response. */
static long
cl_follow(struct client *c)
{
	char to[512];

	snprintf(to, sizeof(to), "%s", cl_location(c));
	return cl_get(c, to);
}

/* idea_path copies "/ideas/ID" from the Location of a redirect. */
static void
idea_path(const struct client *c, char *out, size_t n)
{
	const char *l = cl_location(c), *q = strchr(l, '?');

	cr_assert(strncmp(l, "/ideas/", 7) == 0, "Location %s", l);
	snprintf(out, n, "%.*s", (int)(q ? (size_t)(q - l) : strlen(l)), l);
}

/*
 * send_idea sends an idea through the form as a person would: it opens
 * the form, waits the minimum time and sends it. Sets path to its page.
 */
static void
send_idea(struct client *c, const char *title, const char *recognise,
    const char *email, char *path, size_t n)
{
	cl_get(c, "/ideas/new");
	cl_expect(c, 200, "Suggest a badge", "GET /ideas/new");
	sleep_ms(IDEA_TOKEN_MIN_AGE * 1000 + 200);
	cl_post(c, "/ideas", "title", title, "recognise", recognise, "why",
	    "It matters to the people we support.", "role", "worker", "name",
	    "Private Proposer", "email", email, "website", "", "form_token",
	    c->form_token, NULL);
	cl_expect_redirect(c, "/ideas/", "POST /ideas");
	idea_path(c, path, n);
}

/* ---- the form and its spam checks -------------------------------------- */

Test(ideas, spam_checks_keep_what_was_typed)
{
	struct client c = {0};
	char title[120], recognise[200], path[64];

	snprintf(title, sizeof(title), "Mealtime support %s", tag());
	snprintf(recognise, sizeof(recognise),
	    "Helping people eat well and with dignity, %s <b>bold</b>", tag());
	cl_get(&c, "/ideas/new");
	cl_expect(&c, 200, "name=\"form_token\"", "GET /ideas/new has a token");
	cr_assert(cl_has(&c, "name=\"website\""), "the form has a honeypot");
	cr_assert(c.form_token[0] != '\0');

	/* The honeypot filled in: refused, the form shown again. */
	cl_post(&c, "/ideas", "title", title, "recognise", recognise, "why",
	    "Because it matters.", "role", "carer", "website",
	    "http://spam.example", "form_token", c.form_token, NULL);
	cl_expect(&c, 400, "There is a problem", "honeypot");
	cr_assert(cl_has(&c, "looked as if a computer had filled it in"));
	cr_assert(cl_has(&c, title), "the title is kept");
	cr_assert(cl_has(&c, "bold"), "the text is kept");
	cr_assert(cl_has(&c, "&lt;b&gt;bold&lt;/b&gt;"), "and escaped");
	cr_assert_not(cl_has(&c, "<b>bold"));
	cr_assert(cl_has(&c, "<option value=\"carer\" selected>"),
	    "the choice is kept");
	cr_assert_not(
	    cl_has(&c, "value=\"http://spam.example\""), "the honeypot is not");

	/* Sent at once: too fast, with the typed text kept. */
	cl_post(&c, "/ideas", "title", title, "recognise", recognise, "why",
	    "Because it matters.", "role", "carer", "website", "", "form_token",
	    c.form_token, NULL);
	if (c.r.status == 303) /* the machine was slower than 3 s */
		cr_skip_test("too slow to test sending too fast");
	cl_expect(&c, 400, "Please wait a few seconds and send the form again.",
	    "too fast");
	cr_assert(cl_has(&c, title));
	cr_assert(cl_has(&c, "Because it matters."));

	/* A forged token: the form has expired, shown again with a new
	 * token and the text. */
	cl_post(&c, "/ideas", "title", title, "recognise", recognise, "why",
	    "Because it matters.", "role", "carer", "website", "", "form_token",
	    "1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL);
	cl_expect(&c, 400, "This form has expired", "forged token");
	cr_assert(cl_has(&c, title));
	cr_assert_str_neq(
	    c.form_token, "1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

	/* A field to fix: the message is beside it. */
	cl_post(&c, "/ideas", "title", "", "recognise", recognise, "why",
	    "Because it matters.", "role", "carer", "form_token", c.form_token,
	    NULL);
	cl_expect(&c, 400, "Enter a name for the badge.", "no title");
	cr_assert(
	    cl_has(&c, "href=\"#f-title\""), "the summary links the field");
	cr_assert(cl_has(&c, "id=\"f-title-error\""));

	/* After the wait the same form goes through. */
	sleep_ms(IDEA_TOKEN_MIN_AGE * 1000 + 200);
	cl_post(&c, "/ideas", "title", title, "recognise", recognise, "why",
	    "Because it matters.", "role", "carer", "website", "", "form_token",
	    c.form_token, NULL);
	cl_expect_redirect(&c, "/ideas/", "after waiting");
	idea_path(&c, path, sizeof(path));
	cr_assert(strstr(cl_location(&c), "done=sent") != NULL);

	/* The same texts again: a duplicate. */
	cl_get(&c, "/ideas/new");
	sleep_ms(IDEA_TOKEN_MIN_AGE * 1000 + 200);
	cl_post(&c, "/ideas", "title", "Another title", "recognise", recognise,
	    "why", "Because it matters.", "role", "worker", "form_token",
	    c.form_token, NULL);
	cl_expect(&c, 409, "exactly the same text", "duplicate");
	http_resp_free(&c.r);
}

Test(ideas, a_good_idea_is_public_without_personal_details)
{
	struct client c = {0}, reader = {0};
	char title[120], path[64];

	snprintf(title, sizeof(title), "Listening %s", tag());
	send_idea(&c, title, "Listening to what people want from their day.",
	    "private.proposer@example.org", path, sizeof(path));
	cl_follow(&c);
	cl_expect(&c, 200, "Thank you. Your idea has been sent", "idea page");
	cr_assert(cl_has(&c, title));

	/* Someone else reads it, and the list: no name, no address. */
	cl_get(&reader, path);
	cl_expect(&reader, 200, "Listening to what people want", "public page");
	cr_assert(cl_has(&reader, "Social service worker"));
	cr_assert(cl_has(&reader, "Sign in to support this idea"));
	cr_assert_not(cl_has(&reader, "Private Proposer"));
	cr_assert_not(cl_has(&reader, "private.proposer"));
	cl_get(&reader, "/ideas");
	cl_expect(&reader, 200, title, "GET /ideas");
	cr_assert(cl_has(&reader, "href=\"/ideas/new\""), "Suggest a badge");
	cr_assert_not(cl_has(&reader, "Private Proposer"));
	cr_assert_not(cl_has(&reader, "private.proposer"));
	cl_get(&reader, "/ideas?status=new&sort=supported");
	cl_expect(&reader, 200, title, "filtered");
	cl_get(&reader, "/ideas?status=declined");
	cl_expect(&reader, 200, NULL, "declined");
	cr_assert_not(cl_has(&reader, title));
	cl_get(&reader, "/ideas?status=spam");
	cl_expect(&reader, 400, NULL, "an unknown status");
	cl_get(&reader, "/ideas/AAAAAAAAAAAAAAAAAAAAAA");
	cl_expect(&reader, 404, NULL, "no such idea");
	http_resp_free(&c.r);
	http_resp_free(&reader.r);
}

Test(ideas, support_and_triage)
{
	struct client c = {0}, learner = {0}, admin = {0}, assessor = {0};
	char title[120], path[64], issuer[ID_LEN + 1], action[160], support[96];

	snprintf(title, sizeof(title), "Night shifts %s", tag());
	send_idea(&c, title, "Keeping people safe and rested at night.", "",
	    path, sizeof(path));

	/* Support, once, then removed. */
	cl_sign_in(&learner, "learner@demo.laurel.test");
	cl_get(&learner, path);
	cl_expect(&learner, 200, "Support this idea", "signed in");
	snprintf(support, sizeof(support), "%s/support", path);
	cl_post(&learner, support, NULL);
	cl_expect_redirect(&learner, path, "support");
	cl_follow(&learner);
	cl_expect(&learner, 200, "1 person supports this idea.", "supported");
	cr_assert(cl_has(&learner, "Remove my support"));
	cl_post(&learner, support, NULL);
	cl_expect(&learner, 409, "You already support this idea.", "twice");
	snprintf(support, sizeof(support), "%s/unsupport", path);
	cl_post(&learner, support, NULL);
	cl_expect_redirect(&learner, path, "unsupport");
	/* Not signed in: no support. */
	cl_get(&c, path);
	cl_post(&c, support, NULL);
	cr_assert_eq(c.r.status, 403, "anonymous support: %ld", c.r.status);

	/* Triage by the scheme's issuer admin, reached from /ideas. */
	seed_id("issuer:scheme", issuer);
	cl_sign_in(&admin, "issueradmin@demo.laurel.test");
	cl_get(&admin, "/ideas");
	snprintf(action, sizeof(action), "/issuers/%s/ideas", issuer);
	cr_assert(cl_has(&admin, action), "the list links the triage page");
	cl_get(&admin, action);
	cl_expect(&admin, 200, title, "triage page");
	cr_assert(cl_has(&admin, "Private Proposer"), "with the details");
	snprintf(action, sizeof(action), "/issuers/%s/ideas/%s", issuer,
	    path + strlen("/ideas/"));
	cl_post(&admin, action, "status", "accepted", "response", "Yes!",
	    "badge", "", NULL);
	cl_expect(
	    &admin, 400, "Choose the badge made from this idea.", "badge");
	cr_assert(cl_has(&admin, "Yes!"), "the response is kept");
	cl_post(&admin, action, "status", "declined", "response",
	    "We already have a badge for this.", "badge", "", NULL);
	cl_expect_redirect(&admin, "/issuers/", "decline");
	cl_get(&c, path);
	cl_expect(
	    &c, 200, "We already have a badge for this.", "public response");
	cr_assert(cl_has(&c, "Status: Declined."));
	cr_assert_not(cl_has(&c, "Sign in to support"), "decided: no support");

	/* The assessor cannot triage; another issuer is not the scheme. */
	cl_sign_in(&assessor, "assessor@demo.laurel.test");
	snprintf(support, sizeof(support), "/issuers/%s/ideas", issuer);
	cl_get(&assessor, support);
	cr_assert_eq(
	    assessor.r.status, 403, "assessor: %ld", assessor.r.status);
	cl_post(&assessor, action, "status", "new", "response", "", "badge", "",
	    NULL);
	cr_assert_eq(assessor.r.status, 403);
	http_resp_free(&c.r);
	http_resp_free(&learner.r);
	http_resp_free(&admin.r);
	http_resp_free(&assessor.r);
}
