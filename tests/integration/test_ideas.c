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

#include <ctype.h>
#include <errno.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/hooks.h>

#include "domain/idea.h"
#include "domain/seed.h"
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

/* ---- a browser: cookies, the CSRF and form tokens, last response ------ */

struct client {
	char session[256];
	char seed[256];
	char csrf[64];
	char form_token[IDEA_TOKEN_LEN];
	struct http_resp r;
};

static const char *
body(const struct client *c)
{
	return c->r.body.data != NULL ? c->r.body.data : "";
}

static bool
has(const struct client *c, const char *needle)
{
	return strstr(body(c), needle) != NULL;
}

static const char *
location(const struct client *c)
{
	const char *l = http_resp_header(&c->r, "Location");

	return l != NULL ? l : "";
}

static void
jar_set(struct client *c, const char *h)
{
	const char *eq = strchr(h, '='), *end;
	char *dst;
	size_t cap;

	if (eq == NULL)
		return;
	if (strncmp(h, "laurel_session=", 15) == 0) {
		dst = c->session;
		cap = sizeof(c->session);
	} else if (strncmp(h, "laurel_csrf=", 12) == 0) {
		dst = c->seed;
		cap = sizeof(c->seed);
	} else {
		return;
	}
	end = strchr(eq, ';');
	if (end == NULL)
		end = eq + strlen(eq);
	snprintf(dst, cap, "%.*s", (int)(end - eq - 1), eq + 1);
	if (strstr(h, "; Max-Age=0") != NULL)
		dst[0] = '\0';
}

/* scrape_value copies the value of the input called name, if any. */
static void
scrape_value(const struct client *c, const char *name, char *out, size_t n)
{
	char marker[80];
	const char *p;
	size_t k = 0;

	snprintf(marker, sizeof(marker), "name=\"%s\" value=\"", name);
	if ((p = strstr(body(c), marker)) == NULL)
		return;
	p += strlen(marker);
	while (p[k] != '\0' && p[k] != '"' && k + 1 < n)
		k++;
	snprintf(out, n, "%.*s", (int)k, p);
}

static long
cl_send(struct client *c, const char *method, const char *path,
    const char *form, size_t len)
{
	char cookie[600] = "";
	const char *h[3];
	size_t nh = 0;

	http_resp_free(&c->r);
	if (c->session[0] != '\0' || c->seed[0] != '\0') {
		snprintf(cookie, sizeof(cookie), "Cookie: %s%s%s%s%s",
		    c->session[0] ? "laurel_session=" : "", c->session,
		    c->session[0] && c->seed[0] ? "; " : "",
		    c->seed[0] ? "laurel_csrf=" : "", c->seed);
		h[nh++] = cookie;
	}
	if (form != NULL)
		h[nh++] = "Content-Type: application/x-www-form-urlencoded";
	h[nh] = NULL;
	cr_assert_eq(http_request(&srv, method, path, h, form, len, &c->r), 0,
	    "%s %s: %s", method, path, c->r.error);
	for (size_t i = 0; i < c->r.nheaders; i++)
		if (strcasecmp(c->r.headers[i].name, "Set-Cookie") == 0)
			jar_set(c, c->r.headers[i].value);
	scrape_value(c, "csrf_token", c->csrf, sizeof(c->csrf));
	scrape_value(c, "form_token", c->form_token, sizeof(c->form_token));
	return c->r.status;
}

static long
cl_get(struct client *c, const char *path)
{
	return cl_send(c, "GET", path, NULL, 0);
}

/* cl_follow GETs the Location of the last response. */
static long
cl_follow(struct client *c)
{
	char to[512];

	snprintf(to, sizeof(to), "%s", location(c));
	return cl_get(c, to);
}

static void
form_add(struct buf *b, const char *name, const char *value)
{
	if (b->len > 0)
		buf_addc(b, '&');
	buf_adds(b, name);
	buf_addc(b, '=');
	for (const char *s = value; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (isalnum(ch) || ch == '-' || ch == '.' || ch == '_' ||
		    ch == '~')
			buf_addc(b, (char)ch);
		else
			buf_addf(b, "%%%02X", ch);
	}
}

/* cl_post posts NULL-terminated name, value pairs with the CSRF token. */
static long
cl_post(struct client *c, const char *path, ...)
{
	struct buf b;
	va_list ap;
	long st;

	if (c->csrf[0] == '\0')
		cl_get(c, "/ideas/new");
	buf_init(&b, NULL, 1u << 20);
	va_start(ap, path);
	for (;;) {
		const char *n = va_arg(ap, const char *);
		if (n == NULL)
			break;
		form_add(&b, n, va_arg(ap, const char *));
	}
	va_end(ap);
	form_add(&b, "csrf_token", c->csrf);
	cr_assert_eq(buf_err(&b), 0);
	st = cl_send(c, "POST", path, b.data, b.len);
	buf_free(&b);
	return st;
}

static void
dump(const struct client *c)
{
	const char *b = body(c), *m = strstr(b, "<main");
	const char *e = m ? strstr(m, "</main>") : NULL;
	size_t n;

	if (m == NULL)
		m = b;
	n = e ? (size_t)(e - m) : strlen(m);
	if (n > 4000)
		n = 4000;
	fprintf(stderr, "---- response %ld (Location: %s) ----\n%.*s\n----\n",
	    c->r.status, location(c), (int)n, m);
}

static void
expect(const struct client *c, long status, const char *text, const char *what)
{
	if (c->r.status == status && (text == NULL || has(c, text)))
		return;
	dump(c);
	cr_assert_fail("%s: status %ld (want %ld)%s%s%s", what, c->r.status,
	    status, text ? ", want the text \"" : "", text ? text : "",
	    text ? "\"" : "");
}

static void
expect_redirect(const struct client *c, const char *prefix, const char *what)
{
	if (c->r.status == 303 &&
	    strncmp(location(c), prefix, strlen(prefix)) == 0)
		return;
	dump(c);
	cr_assert_fail("%s: status %ld, Location \"%s\" (want 303 to %s)", what,
	    c->r.status, location(c), prefix);
}

static void
sign_in(struct client *c, const char *email)
{
	cl_get(c, "/signin");
	cl_post(c, "/signin", "email", email, "password", DEMO_PASSWORD, NULL);
	expect_redirect(c, "/account", "sign in");
}

/* idea_path copies "/ideas/ID" from the Location of a redirect. */
static void
idea_path(const struct client *c, char *out, size_t n)
{
	const char *l = location(c), *q = strchr(l, '?');

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
	expect(c, 200, "Suggest a badge", "GET /ideas/new");
	sleep_ms(IDEA_TOKEN_MIN_AGE * 1000 + 200);
	cl_post(c, "/ideas", "title", title, "recognise", recognise, "why",
	    "It matters to the people we support.", "role", "worker", "name",
	    "Private Proposer", "email", email, "website", "", "form_token",
	    c->form_token, NULL);
	expect_redirect(c, "/ideas/", "POST /ideas");
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
	expect(&c, 200, "name=\"form_token\"", "GET /ideas/new has a token");
	cr_assert(has(&c, "name=\"website\""), "the form has a honeypot");
	cr_assert(c.form_token[0] != '\0');

	/* The honeypot filled in: refused, the form shown again. */
	cl_post(&c, "/ideas", "title", title, "recognise", recognise, "why",
	    "Because it matters.", "role", "carer", "website",
	    "http://spam.example", "form_token", c.form_token, NULL);
	expect(&c, 400, "There is a problem", "honeypot");
	cr_assert(has(&c, "looked as if a computer had filled it in"));
	cr_assert(has(&c, title), "the title is kept");
	cr_assert(has(&c, "bold"), "the text is kept");
	cr_assert(has(&c, "&lt;b&gt;bold&lt;/b&gt;"), "and escaped");
	cr_assert_not(has(&c, "<b>bold"));
	cr_assert(
	    has(&c, "<option value=\"carer\" selected>"), "the choice is kept");
	cr_assert_not(
	    has(&c, "value=\"http://spam.example\""), "the honeypot is not");

	/* Sent at once: too fast, with the typed text kept. */
	cl_post(&c, "/ideas", "title", title, "recognise", recognise, "why",
	    "Because it matters.", "role", "carer", "website", "", "form_token",
	    c.form_token, NULL);
	if (c.r.status == 303) /* the machine was slower than 3 s */
		cr_skip_test("too slow to test sending too fast");
	expect(&c, 400, "Please wait a few seconds and send the form again.",
	    "too fast");
	cr_assert(has(&c, title));
	cr_assert(has(&c, "Because it matters."));

	/* A forged token: the form has expired, shown again with a new
	 * token and the text. */
	cl_post(&c, "/ideas", "title", title, "recognise", recognise, "why",
	    "Because it matters.", "role", "carer", "website", "", "form_token",
	    "1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL);
	expect(&c, 400, "This form has expired", "forged token");
	cr_assert(has(&c, title));
	cr_assert_str_neq(
	    c.form_token, "1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

	/* A field to fix: the message is beside it. */
	cl_post(&c, "/ideas", "title", "", "recognise", recognise, "why",
	    "Because it matters.", "role", "carer", "form_token", c.form_token,
	    NULL);
	expect(&c, 400, "Enter a name for the badge.", "no title");
	cr_assert(has(&c, "href=\"#f-title\""), "the summary links the field");
	cr_assert(has(&c, "id=\"f-title-error\""));

	/* After the wait the same form goes through. */
	sleep_ms(IDEA_TOKEN_MIN_AGE * 1000 + 200);
	cl_post(&c, "/ideas", "title", title, "recognise", recognise, "why",
	    "Because it matters.", "role", "carer", "website", "", "form_token",
	    c.form_token, NULL);
	expect_redirect(&c, "/ideas/", "after waiting");
	idea_path(&c, path, sizeof(path));
	cr_assert(strstr(location(&c), "done=sent") != NULL);

	/* The same texts again: a duplicate. */
	cl_get(&c, "/ideas/new");
	sleep_ms(IDEA_TOKEN_MIN_AGE * 1000 + 200);
	cl_post(&c, "/ideas", "title", "Another title", "recognise", recognise,
	    "why", "Because it matters.", "role", "worker", "form_token",
	    c.form_token, NULL);
	expect(&c, 409, "exactly the same text", "duplicate");
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
	expect(&c, 200, "Thank you. Your idea has been sent", "idea page");
	cr_assert(has(&c, title));

	/* Someone else reads it, and the list: no name, no address. */
	cl_get(&reader, path);
	expect(&reader, 200, "Listening to what people want", "public page");
	cr_assert(has(&reader, "Social service worker"));
	cr_assert(has(&reader, "Sign in to support this idea"));
	cr_assert_not(has(&reader, "Private Proposer"));
	cr_assert_not(has(&reader, "private.proposer"));
	cl_get(&reader, "/ideas");
	expect(&reader, 200, title, "GET /ideas");
	cr_assert(has(&reader, "href=\"/ideas/new\""), "Suggest a badge");
	cr_assert_not(has(&reader, "Private Proposer"));
	cr_assert_not(has(&reader, "private.proposer"));
	cl_get(&reader, "/ideas?status=new&sort=supported");
	expect(&reader, 200, title, "filtered");
	cl_get(&reader, "/ideas?status=declined");
	expect(&reader, 200, NULL, "declined");
	cr_assert_not(has(&reader, title));
	cl_get(&reader, "/ideas?status=spam");
	expect(&reader, 400, NULL, "an unknown status");
	cl_get(&reader, "/ideas/AAAAAAAAAAAAAAAAAAAAAA");
	expect(&reader, 404, NULL, "no such idea");
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
	sign_in(&learner, "learner@demo.laurel.test");
	cl_get(&learner, path);
	expect(&learner, 200, "Support this idea", "signed in");
	snprintf(support, sizeof(support), "%s/support", path);
	cl_post(&learner, support, NULL);
	expect_redirect(&learner, path, "support");
	cl_follow(&learner);
	expect(&learner, 200, "1 person supports this idea.", "supported");
	cr_assert(has(&learner, "Remove my support"));
	cl_post(&learner, support, NULL);
	expect(&learner, 409, "You already support this idea.", "twice");
	snprintf(support, sizeof(support), "%s/unsupport", path);
	cl_post(&learner, support, NULL);
	expect_redirect(&learner, path, "unsupport");
	/* Not signed in: no support. */
	cl_get(&c, path);
	cl_post(&c, support, NULL);
	cr_assert_eq(c.r.status, 403, "anonymous support: %ld", c.r.status);

	/* Triage by the scheme's issuer admin, reached from /ideas. */
	seed_id("issuer:scheme", issuer);
	sign_in(&admin, "issueradmin@demo.laurel.test");
	cl_get(&admin, "/ideas");
	snprintf(action, sizeof(action), "/issuers/%s/ideas", issuer);
	cr_assert(has(&admin, action), "the list links the triage page");
	cl_get(&admin, action);
	expect(&admin, 200, title, "triage page");
	cr_assert(has(&admin, "Private Proposer"), "with the details");
	snprintf(action, sizeof(action), "/issuers/%s/ideas/%s", issuer,
	    path + strlen("/ideas/"));
	cl_post(&admin, action, "status", "accepted", "response", "Yes!",
	    "badge", "", NULL);
	expect(&admin, 400, "Choose the badge made from this idea.", "badge");
	cr_assert(has(&admin, "Yes!"), "the response is kept");
	cl_post(&admin, action, "status", "declined", "response",
	    "We already have a badge for this.", "badge", "", NULL);
	expect_redirect(&admin, "/issuers/", "decline");
	cl_get(&c, path);
	expect(&c, 200, "We already have a badge for this.", "public response");
	cr_assert(has(&c, "Status: Declined."));
	cr_assert_not(has(&c, "Sign in to support"), "decided: no support");

	/* The assessor cannot triage; another issuer is not the scheme. */
	sign_in(&assessor, "assessor@demo.laurel.test");
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
