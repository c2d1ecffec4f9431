/*
 * test_endorse.c: endorsements and profiles over loopback HTTP against
 * the real `laurel serve`: the public endorsement form and its spam
 * checks, the confirmation link (read from the development outbox as the
 * platform admin), publishing and hiding by the award's holder only,
 * requests, the dashboard, the profile settings and public profile
 * (noindex; 404 when off), the organisation's shared awards (managers
 * only), and a private award's form answering 404.
 *
 * Tests share one database (migrate + seed-demo, see lib/server.h) and
 * come from one address, so together they send fewer endorsements than
 * the hourly limit per address (ENDORSE_IP_LIMIT). Each test uses a demo
 * care worker of its own. Run from the repository root; $LAUREL names the
 * binary (default build/laurel), $LAUREL_TEST_DB an optional PostgreSQL
 * database.
 */
#include "core/common.h"
#include "core/buf.h"

#include <errno.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/hooks.h>

#include "domain/endorse.h"
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

TestSuite(endorse, .init = setup, .fini = teardown, .timeout = 120);

static void
sleep_ms(unsigned ms)
{
	struct timespec ts = {
	    .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* cl_follow GETs the Location of the last response. */
static long
cl_follow(struct client *c)
{
	char to[512];

	snprintf(to, sizeof(to), "%s", cl_location(c));
	return cl_get(c, to);
}

/* first_award copies the id of the first award the dashboard links. */
static void
first_award(struct client *c, char out[ID_LEN + 1])
{
	const char *p;

	cl_get(c, "/dashboard");
	cl_expect(c, 200, "Your awards", "GET /dashboard");
	p = strstr(cl_body(c), "href=\"/awards/");
	cr_assert_not_null(p, "the dashboard links an award");
	p += strlen("href=\"/awards/");
	snprintf(out, ID_LEN + 1, "%.*s", ID_LEN, p);
}

/* outbox_token reads the newest link token after marker in the mail the
 * development outbox shows. */
static void
outbox_token(const char *to, const char *marker, char *out, size_t n)
{
	struct client a = {0};
	const char *p, *q = NULL, *body;

	cl_sign_in(&a, "platformadmin@demo.laurel.test");
	cl_get(&a, "/admin/outbox");
	cl_expect(&a, 200, to, "the outbox has the mail");
	body = cl_body(&a);
	/* Bodies come newest first after the table. */
	for (p = strstr(body, to); p != NULL && q == NULL;
	     p = strstr(p + 1, to))
		q = strstr(p, marker);
	cr_assert_not_null(q, "no %s in mail to %s", marker, to);
	q += strlen(marker);
	snprintf(out, n, "%.*s", ENDORSE_LINK_LEN, q);
	cl_free(&a);
}

/* ---- the endorsement form, confirmation and moderation ------------------ */

Test(endorse, form_confirm_publish)
{
	struct client owner = {0}, anon = {0}, other = {0};
	char award[ID_LEN + 1], path[128], token[64], email[96];

	snprintf(
	    email, sizeof(email), "endorser%ld@example.org", (long)getpid());
	cl_sign_in(&owner, "iona.macleod@demo.laurel.test");
	first_award(&owner, award);

	/* The public form, with its honeypot and token. */
	snprintf(path, sizeof(path), "/awards/%s/endorse", award);
	cl_get(&anon, path);
	cl_expect(&anon, 200, "Endorse Iona MacLeod", "GET the form");
	cr_assert(cl_has(&anon, "name=\"website\""), "a honeypot");
	cr_assert(anon.form_token[0] != '\0', "a form token");
	/* The honeypot filled in. */
	cl_post(&anon, path, "name", "Ann Tutor", "email", email,
	    "relationship", "tutor", "organisation", "The College", "message",
	    "Iona's moving and handling is careful <b>and</b> kind.", "website",
	    "http://spam.example", "form_token", anon.form_token, NULL);
	cl_expect(&anon, 400, "looked as if a computer", "honeypot");
	cr_assert(cl_has(&anon, "&lt;b&gt;and&lt;/b&gt;"), "kept, escaped");
	/* Sent too fast. */
	cl_post(&anon, path, "name", "Ann Tutor", "email", email,
	    "relationship", "tutor", "message", "Careful and kind.", "website",
	    "", "form_token", anon.form_token, NULL);
	if (anon.r.status != 303)
		cl_expect(&anon, 400, "Please wait a few seconds", "too fast");
	/* A field to fix. */
	cl_post(&anon, path, "name", "Ann Tutor", "email", email,
	    "relationship", "", "message", "Careful and kind.", "website", "",
	    "form_token", anon.form_token, NULL);
	cl_expect(&anon, 400, "Choose how you know the person.", "no relation");
	cr_assert(cl_has(&anon, "href=\"#f-relationship\""));
	/* After the wait it goes through. */
	sleep_ms(ENDORSE_TOKEN_MIN_AGE * 1000 + 200);
	cl_post(&anon, path, "name", "Ann Tutor", "email", email,
	    "relationship", "tutor", "organisation", "The College", "message",
	    "Iona's moving and handling is careful and kind.", "website", "",
	    "form_token", anon.form_token, NULL);
	cl_expect_redirect(&anon, path, "sent");
	cr_assert(strstr(cl_location(&anon), "done=sent") != NULL);
	cl_follow(&anon);
	cl_expect(&anon, 200, "Check your email", "the sent page");

	/* Not confirmed: the learner does not see it yet. */
	snprintf(path, sizeof(path), "/awards/%s/endorsements", award);
	cl_get(&owner, path);
	cl_expect(&owner, 200, "No endorsements yet.", "owner page");

	/* The link: a page with a button, then confirmed. */
	outbox_token(email, "confirm?token=", token, sizeof(token));
	snprintf(path, sizeof(path), "/endorsements/confirm?token=%s", token);
	cl_get(&anon, path);
	cl_expect(&anon, 200, "Confirm your endorsement", "GET confirm");
	cl_post(&anon, "/endorsements/confirm", "token", token, NULL);
	cl_expect(&anon, 200, "Your endorsement is confirmed", "POST confirm");
	cl_get(&anon, "/endorsements/confirm?token=nonsense");
	cl_expect(&anon, 404, "not valid", "a bad link");

	/* The owner publishes it; nobody else can. */
	snprintf(path, sizeof(path), "/awards/%s/endorsements", award);
	cl_get(&owner, path);
	cl_expect(&owner, 200, "Ann Tutor, The College", "owner sees it");
	cr_assert(cl_has(&owner, "Waiting for you"));
	{
		const char *p = strstr(cl_body(&owner), "/endorsements/");
		char eid[ID_LEN + 1], act[160];
		cr_assert_not_null(p);
		snprintf(eid, sizeof(eid), "%.*s", ID_LEN,
		    p + strlen("/endorsements/"));
		snprintf(act, sizeof(act), "/awards/%s/endorsements/%s/publish",
		    award, eid);
		cl_sign_in(&other, "jamie.robertson@demo.laurel.test");
		cl_post(&other, act, NULL);
		cl_expect(&other, 404, NULL, "another person publishes");
		cl_post(&anon, act, NULL);
		cr_assert(anon.r.status == 303 || anon.r.status == 403,
		    "anonymous: %ld", anon.r.status);
		cl_post(&owner, act, NULL);
		cl_expect_redirect(&owner, path, "owner publishes");
		cl_follow(&owner);
		cl_expect(&owner, 200, "Published", "published");
	}
	cl_get(&other, path);
	cl_expect(&other, 404, NULL, "another person's endorsements page");

	/* A request by email. */
	snprintf(path, sizeof(path), "/awards/%s/endorsement-requests", award);
	cl_post(&owner, path, "name", "", "email", "x@example.org", NULL);
	cl_expect(&owner, 400, "Enter the name", "request without a name");
	cl_post(&owner, path, "name", "Morag Campbell", "email",
	    "manager@demo.laurel.test", NULL);
	cl_expect_redirect(&owner, "/awards/", "request sent");
	outbox_token("manager@demo.laurel.test", "endorse?request=", token,
	    sizeof(token));
	snprintf(
	    path, sizeof(path), "/awards/%s/endorse?request=%s", award, token);
	cl_get(&anon, path);
	cl_expect(&anon, 200, "value=\"Morag Campbell\"", "prefilled name");

	/* The dashboard shows the request. */
	cl_get(&owner, "/dashboard");
	cl_expect(&owner, 200, "Endorsement requests you sent", "dashboard");
	cr_assert(cl_has(&owner, "What to do next"));
	cl_free(&owner);
	cl_free(&anon);
	cl_free(&other);
}

/* ---- profile, sharing, private pages ------------------------------------ */

Test(endorse, profile_and_sharing)
{
	struct client c = {0}, anon = {0}, m = {0};
	char award[ID_LEN + 1], handle[64], path[128];
	const char *robots;

	snprintf(handle, sizeof(handle), "kirsty-%ld", (long)getpid());
	cl_sign_in(&c, "kirsty.wilson@demo.laurel.test");
	first_award(&c, award);
	cl_get(&c, "/account/profile");
	cl_expect(&c, 200, "Your profile and sharing", "GET settings");
	/* A reserved handle, then a good one with one award shown and
	 * shared. */
	cl_post(
	    &c, "/account/profile", "handle", "admin", "public", "yes", NULL);
	cl_expect(&c, 400, "reserved", "reserved handle");
	cr_assert(cl_has(&c, "href=\"#f-handle\""));
	cl_post(&c, "/account/profile", "handle", handle, "public", "yes",
	    "show", award, "share", award, NULL);
	cl_expect_redirect(&c, "/account/profile", "saved");
	snprintf(path, sizeof(path), "/people/%s", handle);
	cl_get(&anon, path);
	cl_expect(&anon, 200, "Kirsty Wilson", "public profile");
	cr_assert(cl_has(&anon, award), "the chosen award is linked");
	robots = http_resp_header(&anon.r, "X-Robots-Tag");
	cr_assert(robots != NULL && strstr(robots, "noindex") != NULL);

	/* The manager sees the shared award; a colleague may not look. */
	cl_sign_in(&m, "manager@demo.laurel.test");
	cl_get(&m, "/dashboard");
	{
		const char *p = strstr(cl_body(&m), "/organisations/");
		char org[ID_LEN + 1];
		cr_assert_not_null(p, "the manager's dashboard links the org");
		snprintf(org, sizeof(org), "%.*s", ID_LEN,
		    p + strlen("/organisations/"));
		snprintf(path, sizeof(path), "/organisations/%s/awards", org);
	}
	cl_get(&m, path);
	cl_expect(&m, 200, "Kirsty Wilson", "manager sees shared awards");
	cl_get(&c, path);
	cl_expect(&c, 403, NULL, "staff may not");

	/* Off: 404, as for no profile. */
	cl_post(&c, "/account/profile", "handle", handle, NULL);
	cl_expect_redirect(&c, "/account/profile", "turned off");
	snprintf(path, sizeof(path), "/people/%s", handle);
	cl_get(&anon, path);
	cl_expect(&anon, 404, NULL, "profile off");
	cl_get(&anon, "/people/nobody-has-this-handle");
	cl_expect(&anon, 404, NULL, "no profile");

	/* A private award's form is not found. */
	snprintf(path, sizeof(path), "/awards/%s/settings", award);
	cl_post(&c, path, "page", "private", "evidence", "none", "attachments",
	    "no", NULL);
	cl_expect_redirect(&c, "/awards/", "made private");
	snprintf(path, sizeof(path), "/awards/%s/endorse", award);
	cl_get(&anon, path);
	cl_expect(&anon, 404, NULL, "a private award's form");
	snprintf(path, sizeof(path), "/awards/%s/settings", award);
	cl_post(&c, path, "page", "unlisted", "evidence", "none", "attachments",
	    "no", NULL);
	cl_expect_redirect(&c, "/awards/", "unlisted again");
	cl_free(&c);
	cl_free(&anon);
	cl_free(&m);
}
