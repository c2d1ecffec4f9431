/*
 * test_accounts.c: accounts, sessions, CSRF, organisations and roles over
 * loopback HTTP against the real `laurel serve`.
 *
 * Each test starts its own server on the database prepared once for the
 * binary (migrate + seed-demo) with LAUREL_SMTP_URL pointing at a fake SMTP
 * server (lib/smtpd.h) on a thread of the test, so the links Laurel emails
 * (confirmation, password reset, invitation) can be followed. A small
 * cookie jar keeps laurel_session and laurel_csrf per client and scrapes
 * the csrf_token of the last page, so a test drives several browsers at
 * once. Tests share the database, so every test makes its own addresses
 * and organisations; the demo accounts of seed-demo are used read-only
 * except where a test says otherwise (the issuer staff test adds and
 * removes a role). Run from the repository root; $LAUREL names the binary
 * (default build/laurel), $LAUREL_TEST_DB an optional PostgreSQL database.
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
#include <jansson.h>

#include "domain/seed.h"
#include "web/router.h"
#include "lib/client.h"
#include "lib/server.h"
#include "lib/smtpd.h"

#define PW "Orchard-lantern-58"
#define PW2 "Harbour-thistle-74"
#define PW3 "Granite-meadow-36"
#define MAIL_WAIT_MS 15000
#define TOKEN_CHARS 43

#define CSRF_MSG "did not come from Laurel, so nothing was changed"
#define WRONG_MSG "The email address or password is not right."
#define LOCKED_MSG "There have been too many attempts to sign in."
#define UNVERIFIED_MSG "Confirm your email address before you sign in."
#define EXPIRED_MSG "This link has expired"
#define LAST_ADMIN_MSG "An organisation needs at least one organisation admin."
#define NOT_MEMBER_MSG "That person is not a member here."
#define NO_PERMISSION_MSG "You do not have permission to do this."

static struct test_server srv;
static struct smtpd mail;
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
	cr_assert_eq(
	    smtpd_start(&mail), 0, "cannot start the fake SMTP server");
	setenv("LAUREL_SMTP_URL", mail.url, 1);
	test_server_start(&srv);
	cl_server(&srv);
}

static void
teardown(void)
{
	test_server_stop(&srv);
	smtpd_stop(&mail);
}

TestSuite(accounts, .init = setup, .fini = teardown, .timeout = 120);

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sleep_ms(unsigned ms)
{
	struct timespec ts = {
	    .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* demo returns the seeded demo account whose role starts with role. */
static const struct demo_account *
demo(const char *role)
{
	for (size_t i = 0; i < n_demo_accounts; i++)
		if (strncmp(demo_accounts[i].role, role, strlen(role)) == 0)
			return &demo_accounts[i];
	cr_assert_fail("no demo account with role %s", role);
	return NULL;
}

/* new_address makes an address no other test (or run) uses. */
static void
new_address(const char *tag, char *out, size_t n)
{
	snprintf(out, n, "%s-%ld-%u-%lld@example.com", tag, (long)getpid(),
	    ++seq, (long long)(now_ms() % 100000));
}

static bool
is_id_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_';
}

/* error_summary copies the page's list of errors (for comparing). */
static char *
error_summary(const struct client *c)
{
	const char *s = strstr(cl_body(c), "ds_error-summary__list");
	const char *e = s ? strstr(s, "</ul>") : NULL;

	cr_assert(e != NULL, "the page has no error summary");
	return xstrndup(s, (size_t)(e - s));
}

/* ---- email ------------------------------------------------------------ */

/* qp_decode undoes quoted-printable: soft breaks and =XX escapes. */
static char *
qp_decode(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '=' && i + 2 < n && s[i + 1] == '\r' &&
		    s[i + 2] == '\n') {
			i += 2;
		} else if (s[i] == '=' && i + 1 < n && s[i + 1] == '\n') {
			i += 1;
		} else if (s[i] == '=' && i + 2 < n &&
		    isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			char hex[3] = {s[i + 1], s[i + 2], '\0'};
			out[o++] = (char)strtoul(hex, NULL, 16);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

static bool
sent_to(const struct smtpd_msg *m, const char *to)
{
	for (size_t i = 0; i < m->nrcpt; i++)
		if (strcasecmp(m->rcpt[i], to) == 0)
			return true;
	return false;
}

/*
 * mail_scan returns the first message, from index from on, that was sent
 * to to and contains want once decoded (the caller frees it), or NULL.
 */
static char *
mail_scan(const char *to, const char *want, size_t from)
{
	size_t n = smtpd_count(&mail);

	for (size_t i = from; i < n; i++) {
		const struct smtpd_msg *m = smtpd_msg(&mail, i);
		char *t;

		if (m == NULL || !sent_to(m, to))
			continue;
		t = qp_decode(m->data, m->len);
		if (strstr(t, want) != NULL)
			return t;
		free(t);
	}
	return NULL;
}

/* mail_count counts messages from index from on to to containing want. */
static size_t
mail_count(const char *to, const char *want, size_t from)
{
	size_t n = smtpd_count(&mail), k = 0;

	for (size_t i = from; i < n; i++) {
		const struct smtpd_msg *m = smtpd_msg(&mail, i);
		char *t;

		if (m == NULL || !sent_to(m, to))
			continue;
		t = qp_decode(m->data, m->len);
		k += strstr(t, want) != NULL;
		free(t);
	}
	return k;
}

/*
 * log_line copies the first line of the server's output that contains
 * needle into out; false if there is none.
 */
static bool
log_line(const char *needle, char *out, size_t n)
{
	FILE *f = fopen(srv.log_path, "r");
	char line[2048];
	bool found = false;

	if (f == NULL)
		return false;
	while (!found && fgets(line, sizeof(line), f) != NULL)
		if (strstr(line, needle) != NULL) {
			snprintf(out, n, "%s", line);
			found = true;
		}
	fclose(f);
	return found;
}

/*
 * mail_wait waits for mail_scan to find a message, and fails the test if
 * none comes or as soon as the server logs that it could not deliver one.
 */
static char *
mail_wait(const char *to, const char *want, size_t from)
{
	int64_t deadline = now_ms() + MAIL_WAIT_MS;
	char failed[2048];
	char *t;

	for (;;) {
		if ((t = mail_scan(to, want, from)) != NULL)
			return t;
		if (log_line("email not delivered", failed, sizeof(failed)))
			cr_assert_fail(
			    "waiting for an email to %s, Laurel "
			    "could not deliver one over SMTP (%s):\n%s",
			    to, mail.url, failed);
		if (now_ms() > deadline)
			break;
		sleep_ms(50);
	}
	test_server_log_tail(&srv, 3000);
	cr_assert_fail("no email to %s containing \"%s\" within %d s "
	               "(%zu messages in all)",
	    to, want, MAIL_WAIT_MS / 1000, smtpd_count(&mail));
	return NULL;
}

/*
 * mail_link returns the path and query of the link in text that starts
 * with the server's base URL and then marker ("/account/verify?token=").
 */
static char *
mail_link(const char *text, const char *marker)
{
	char full[400];
	const char *p, *t;
	size_t n = 0;

	snprintf(full, sizeof(full), "%s%s", srv.base_url, marker);
	p = strstr(text, full);
	cr_assert(p != NULL, "no link %s... in the email:\n%s", full, text);
	t = p + strlen(full);
	while (is_id_char(t[n]))
		n++;
	cr_assert_eq(n, TOKEN_CHARS, "token of %zu characters in %s", n, p);
	return xstrndup(p + strlen(srv.base_url), strlen(marker) + n);
}

/* link_token returns the token of a link path (inside the string). */
static const char *
link_token(const char *link)
{
	const char *t = strstr(link, "token=");

	cr_assert(t != NULL);
	return t + strlen("token=");
}

/* ---- accounts --------------------------------------------------------- */

static void
sign_in(struct client *c, const char *email, const char *password)
{
	char before[256];

	snprintf(before, sizeof(before), "%s", c->session);
	cl_post(c, "/signin", "email", email, "password", password, NULL);
	cl_expect_redirect(c, "/account", "sign in");
	cr_assert(c->session[0] != '\0', "sign in set no session cookie");
	cr_assert_str_neq(c->session, before, "the session id did not change");
}

static void
register_form(
    struct client *c, const char *name, const char *email, const char *pw)
{
	cl_post(
	    c, "/register", "name", name, "email", email, "password", pw, NULL);
	cl_expect(c, 200, "Check your email", "register");
}

/* confirm follows the confirmation link of text: GET, then POST. */
static void
confirm(struct client *c, const char *text)
{
	char *link = mail_link(text, "/account/verify?token=");

	cl_get(c, link);
	cl_expect(
	    c, 200, "Confirm my email address", "GET the confirmation link");
	cl_post(c, "/account/verify", "token", link_token(link), NULL);
	cr_assert_eq(
	    c->r.status, 303, "POST /account/verify: %ld", c->r.status);
	cr_assert(strstr(cl_location(c), "done=verified") != NULL,
	    "after confirming: %s", cl_location(c));
	free(link);
}

/*
 * make_account registers name with a fresh address (tag-...), confirms it
 * through the emailed link and signs c in.
 */
static void
make_account(struct client *c, const char *name, const char *tag, char *email,
    size_t emaillen)
{
	size_t mark = smtpd_count(&mail);
	char *text;

	new_address(tag, email, emaillen);
	register_form(c, name, email, PW);
	text = mail_wait(email, "/account/verify?token=", mark);
	confirm(c, text);
	free(text);
	sign_in(c, email, PW);
}

/* ---- page scraping ---------------------------------------------------- */

/*
 * link_id finds the first occurrence of prefix (like "/organisations/")
 * followed by a whole public id and copies the id.
 */
static bool
link_id(const char *hay, const char *prefix, char out[ID_LEN + 1])
{
	for (const char *p = strstr(hay, prefix); p != NULL;
	     p = strstr(p + 1, prefix)) {
		const char *s = p + strlen(prefix);
		size_t n = 0;

		while (is_id_char(s[n]))
			n++;
		if (n == ID_LEN) {
			snprintf(out, ID_LEN + 1, "%.*s", (int)n, s);
			return true;
		}
	}
	return false;
}

/* row_of returns the table row that contains needle (caller frees). */
static char *
row_of(const struct client *c, const char *needle)
{
	const char *b = cl_body(c);
	const char *p = strstr(b, needle), *s, *e;

	if (p == NULL)
		return NULL;
	for (s = p; s > b && strncmp(s, "<tr>", 4) != 0; s--)
		;
	e = strstr(p, "</tr>");
	cr_assert(e != NULL, "no end of the row with %s", needle);
	return xstrndup(s, (size_t)(e - s));
}

/* member_id copies the membership id of the row with email. */
static void
member_id(const struct client *c, const char *email, char out[ID_LEN + 1])
{
	char *row = row_of(c, email);

	if (row == NULL)
		cl_dump(c);
	cr_assert(row != NULL, "no member %s on the page", email);
	cr_assert(link_id(row, "/members/", out), "no member form for %s: %s",
	    email, row);
	free(row);
}

/* row_has reports whether the row with needle contains what. */
static bool
row_has(const struct client *c, const char *needle, const char *what)
{
	char *row = row_of(c, needle);
	bool ok = row != NULL && strstr(row, what) != NULL;

	free(row);
	return ok;
}

static size_t
count_of(const struct client *c, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(cl_body(c), needle); p != NULL;
	     p = strstr(p + 1, needle))
		n++;
	return n;
}

/* person_id reads the person's id from their data download. */
static void
person_id(struct client *c, char out[ID_LEN + 1])
{
	json_error_t err;
	json_t *doc, *id;

	cl_get(c, "/account/export");
	cl_expect(c, 200, NULL, "GET /account/export");
	doc = json_loads(cl_body(c), 0, &err);
	cr_assert(doc != NULL, "export is not JSON: %s", err.text);
	id = json_object_get(
	    json_array_get(json_object_get(doc, "person"), 0), "id");
	cr_assert(json_is_string(id), "export has no person id");
	snprintf(out, ID_LEN + 1, "%s", json_string_value(id));
	json_decref(doc);
}

/* ---- 1. register, confirm, sign in ------------------------------------ */

Test(accounts, register_confirm_then_sign_in)
{
	struct client c = {0};
	char email[128], *m1, *m2, *link1, *link2;
	size_t mark = smtpd_count(&mail), mark2;

	new_address("reg", email, sizeof(email));
	cl_get(&c, "/register");
	cl_expect(&c, 200, "Create an account", "GET /register");
	register_form(&c, "Isla Register", email, PW);
	cr_assert(cl_has(&c, email), "the page does not name the address");

	m1 = mail_wait(email, "/account/verify?token=", mark);
	cr_assert(strstr(m1, "Hello Isla Register") != NULL, "%s", m1);
	link1 = mail_link(m1, "/account/verify?token=");

	/* Not confirmed yet: refused, and a new link is on its way. */
	mark2 = smtpd_count(&mail);
	cl_post(&c, "/signin", "email", email, "password", PW, NULL);
	cl_expect(&c, 400, UNVERIFIED_MSG, "sign in before confirming");
	cr_assert(cl_has(&c, "We have sent you a new link."));
	cr_assert_str_empty(c.session, "a session before confirming");
	m2 = mail_wait(email, "/account/verify?token=", mark2);
	link2 = mail_link(m2, "/account/verify?token=");
	cr_assert_str_neq(link1, link2, "the new link is the old one");

	/* GET shows a button with the token and confirms nothing. */
	cl_get(&c, link1);
	cl_expect(&c, 200, "Confirm my email address", "GET confirmation link");
	cr_assert(cl_has(&c, link_token(link1)), "the form lost the token");
	cl_post(&c, "/signin", "email", email, "password", PW, NULL);
	cl_expect(&c, 400, UNVERIFIED_MSG, "sign in after only a GET");

	/* POST without the CSRF token changes nothing either. */
	{
		char form[128];
		snprintf(form, sizeof(form), "token=%s", link_token(link1));
		cl_post_raw(&c, "/account/verify", form);
		cl_expect(&c, 403, CSRF_MSG, "confirm without CSRF token");
	}

	cl_post(&c, "/account/verify", "token", link_token(link1), NULL);
	cl_expect_redirect(&c, "/signin?done=verified", "confirm");
	cl_post(&c, "/account/verify", "token", link_token(link1), NULL);
	cl_expect(&c, 410, EXPIRED_MSG, "the same link twice");

	sign_in(&c, email, PW);
	cl_get(&c, "/account");
	cl_expect(&c, 200, "Isla Register", "GET /account");
	cr_assert(cl_has(&c, email));
	cr_assert(cl_has(&c, "Main address"));

	free(m1);
	free(m2);
	free(link1);
	free(link2);
	cl_free(&c);
}

/* ---- 2. failed sign-in, back-off, cookies ----------------------------- */

Test(accounts, wrong_password_and_unknown_email_look_alike_then_back_off)
{
	struct client a = {0}, b = {0}, l = {0};
	char email[128], unknown[128];
	char *s1, *s2;

	make_account(&a, "Rowan Backoff", "backoff", email, sizeof(email));
	new_address("nobody", unknown, sizeof(unknown));

	cl_post(&b, "/signin", "email", email, "password", "not-the-password",
	    NULL);
	cl_expect(&b, 403, WRONG_MSG, "wrong password");
	s1 = error_summary(&b);
	cl_post(&b, "/signin", "email", unknown, "password", "not-the-password",
	    NULL);
	cl_expect(&b, 403, WRONG_MSG, "unknown email");
	s2 = error_summary(&b);
	cr_assert_str_eq(s1, s2, "the two refusals differ");
	cr_assert(cl_has(&b, unknown), "the form lost the typed address");
	cr_assert(!cl_has(&b, "not-the-password"), "the password was echoed");
	cr_assert_str_empty(b.session);

	/* Four more failures make five: the account backs off. */
	for (int i = 0; i < 4; i++) {
		cl_post(&b, "/signin", "email", email, "password",
		    "still-not-the-password", NULL);
		cl_expect(&b, 403, WRONG_MSG, "wrong password again");
	}
	cl_post(&b, "/signin", "email", email, "password", PW, NULL);
	cl_expect(&b, 403, LOCKED_MSG, "right password while backing off");
	cr_assert_str_empty(b.session, "signed in while backing off");

	/* The back-off is the account's: another account still signs in. */
	sign_in(&l, demo("Learner")->email, DEMO_PASSWORD);

	free(s1);
	free(s2);
	cl_free(&a);
	cl_free(&b);
	cl_free(&l);
}

Test(accounts, session_cookie_is_httponly_lax_and_renewed_at_sign_in)
{
	struct client c = {0}, old = {0};
	const char *learner = demo("Learner")->email;
	char first[256];

	/* The CSRF seed cookie comes with the first page. */
	cl_get(&c, "/signin");
	cl_expect(&c, 200, "Sign in", "GET /signin");
	cr_assert(c.seed[0] != '\0', "no laurel_csrf cookie");
	cr_assert(strstr(c.set_csrf, "HttpOnly") != NULL, "%s", c.set_csrf);
	cr_assert(strstr(c.set_csrf, "SameSite=Lax") != NULL, "%s", c.set_csrf);
	cr_assert(strstr(c.set_csrf, "Secure") == NULL, "%s", c.set_csrf);

	/* A session id planted before sign-in is not the one after. */
	cl_use_session(&c, "planted-by-someone-else-0123", NULL);
	sign_in(&c, learner, DEMO_PASSWORD);
	cr_assert_str_neq(c.session, "planted-by-someone-else-0123");
	cr_assert(strncmp(c.set_session, "laurel_session=", 15) == 0, "%s",
	    c.set_session);
	cr_assert(
	    strstr(c.set_session, "HttpOnly") != NULL, "%s", c.set_session);
	cr_assert(
	    strstr(c.set_session, "SameSite=Lax") != NULL, "%s", c.set_session);
	cr_assert(strstr(c.set_session, "Path=/") != NULL, "%s", c.set_session);
	cr_assert(strstr(c.set_session, "Secure") == NULL,
	    "Secure on an http:// base URL: %s", c.set_session);
	cl_get(&c, "/account");
	cl_expect(&c, 200, demo("Learner")->name, "GET /account");

	/* Signing in again gives a new id, and the old one is over. */
	snprintf(first, sizeof(first), "%s", c.session);
	sign_in(&c, learner, DEMO_PASSWORD);
	cr_assert_str_neq(c.session, first);
	cl_use_session(&old, first, c.seed);
	cl_get(&old, "/account");
	cl_expect_redirect(
	    &old, "/signin?next=/account", "the replaced session");
	cl_get(&c, "/account");
	cl_expect(&c, 200, demo("Learner")->name, "GET /account after renewal");

	cl_free(&c);
	cl_free(&old);
}

/* ---- 3. sessions end: sign out, password change, reset ---------------- */

Test(accounts, sign_out_and_password_change_end_sessions)
{
	struct client a = {0}, b = {0}, d = {0}, e = {0}, f = {0};
	char email[128], old[256];

	make_account(&a, "Skye Sessions", "sessions", email, sizeof(email));
	sign_in(&b, email, PW);
	cr_assert_str_neq(a.session, b.session);

	/* Changing the password keeps this session and ends the others. */
	cl_get(&a, "/account/password");
	cl_expect(&a, 200, "Change your password", "GET /account/password");
	cl_post(&a, "/account/password", "current", PW, "password", PW2, NULL);
	cl_expect_redirect(&a, "/account?done=password", "change password");
	cl_get(&a, "/account?done=password");
	cl_expect(&a, 200, "Your password has been changed.", "kept session");
	cl_get(&b, "/account");
	cl_expect_redirect(&b, "/signin?next=/account", "the other session");

	/* Signing out ends the session: its cookie no longer works. */
	snprintf(old, sizeof(old), "%s", a.session);
	cl_post(&a, "/signout", NULL);
	cl_expect_redirect(&a, "/?done=signedout", "sign out");
	cr_assert_str_empty(a.session, "sign out left the cookie");
	cl_use_session(&d, old, a.seed);
	cl_get(&d, "/account");
	cl_expect_redirect(&d, "/signin?next=/account", "signed-out cookie");

	/* "Sign out everywhere else" too. */
	sign_in(&e, email, PW2);
	sign_in(&f, email, PW2);
	cl_post(&e, "/account/sessions/end-others", NULL);
	cl_expect_redirect(&e, "/account?done=sessions", "end other sessions");
	cl_get(&f, "/account");
	cl_expect_redirect(&f, "/signin?next=/account", "ended elsewhere");
	cl_get(&e, "/account");
	cl_expect(&e, 200, "Skye Sessions", "the session that asked");

	cl_free(&a);
	cl_free(&b);
	cl_free(&d);
	cl_free(&e);
	cl_free(&f);
}

Test(accounts, password_reset_link_works_once_and_survives_bad_passwords)
{
	struct client a = {0}, b = {0}, n = {0};
	char email[128], unknown[128], *text, *link, *page1;
	size_t mark;

	make_account(&a, "Morven Reset", "reset", email, sizeof(email));
	new_address("noreset", unknown, sizeof(unknown));

	cl_get(&b, "/account/reset");
	cl_expect(&b, 200, "Reset your password", "GET /account/reset");
	mark = smtpd_count(&mail);
	cl_post(&b, "/account/reset", "email", email, NULL);
	cl_expect(&b, 200, "Check your email", "ask for a reset link");
	page1 = xstrndup(cl_body(&b), b.r.body.len);
	cl_post(&b, "/account/reset", "email", unknown, NULL);
	cl_expect(&b, 200, "Check your email", "reset for an unknown address");
	cr_assert_str_eq(page1, cl_body(&b),
	    "the answer tells known and unknown addresses apart");

	text = mail_wait(email, "/account/reset/new?token=", mark);
	link = mail_link(text, "/account/reset/new?token=");
	cl_get(&b, link);
	cl_expect(&b, 200, "Choose a new password", "GET the reset link");

	cl_post(&b, "/account/reset/new", "token", link_token(link), "password",
	    "short1", NULL);
	cl_expect(&b, 400, "Use at least 10 characters.", "too short");
	cr_assert(cl_has(&b, "f-password-error"), "no message by the field");
	cl_post(&b, "/account/reset/new", "token", link_token(link), "password",
	    "password1234", NULL);
	cl_expect(&b, 400, "This password is too common", "common password");
	cr_assert(cl_has(&b, "f-password-error"), "no message by the field");
	cl_get(&b, link);
	cl_expect(&b, 200, "Choose a new password", "the link after refusals");

	cl_post(&b, "/account/reset/new", "token", link_token(link), "password",
	    PW3, NULL);
	cl_expect_redirect(&b, "/signin?done=reset", "reset");
	cl_post(&b, "/account/reset/new", "token", link_token(link), "password",
	    PW2, NULL);
	cl_expect(&b, 410, EXPIRED_MSG, "the link a second time");
	cl_get(&b, link);
	cl_expect(&b, 410, EXPIRED_MSG, "GET the used link");

	/* A reset signs the account out everywhere; the new password works. */
	cl_get(&a, "/account");
	cl_expect_redirect(&a, "/signin?next=/account", "session after reset");
	sign_in(&n, email, PW3);

	free(page1);
	free(text);
	free(link);
	cl_free(&a);
	cl_free(&b);
	cl_free(&n);
}

/* ---- 4. CSRF on every POST route -------------------------------------- */

/* route_path fills the pattern's {id}s with ids[0], ids[1], ... */
static void
route_path(const char *pattern, const char *const ids[2], char *out, size_t n)
{
	size_t o = 0, k = 0;

	for (const char *p = pattern; *p && o + ID_LEN + 1 < n;) {
		if (strncmp(p, "{id}", 4) == 0) {
			o += (size_t)snprintf(
			    out + o, n - o, "%s", ids[k < 1 ? k : 1]);
			k++;
			p += 4;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
}

/* route_form fills every declared parameter with a harmful value. */
static void
route_form(const struct route *rt, struct buf *b)
{
	for (size_t k = 0; k < ROUTE_MAX_PARAMS && rt->params[k].name; k++) {
		const char *n = rt->params[k].name, *v = "forged";

		if (strcmp(n, "name") == 0)
			v = "Changed By Forgery";
		else if (strcmp(n, "email") == 0)
			v = demo("Learner")->email;
		else if (strcmp(n, "password") == 0 ||
		    strcmp(n, "current") == 0)
			v = DEMO_PASSWORD;
		else if (rt->params[k].type == PARAM_ENUM)
			v = strrchr(rt->params[k].choices, '|') + 1; /* admin */
		else if (strcmp(n, "token") == 0)
			v = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
		else if (strcmp(n, "line_manager") == 0)
			v = "";
		else if (strcmp(n, "next") == 0)
			v = "/account";
		form_add(b, n, v);
	}
}

Test(accounts, every_post_route_refuses_a_missing_or_wrong_csrf_token)
{
	const struct demo_account *oa = demo("Organisation admin");
	struct client c = {0}, other = {0}, anon = {0}, check = {0};
	char org[ID_LEN + 1], mid_learner[ID_LEN + 1], path[300];
	char org_path[80];
	size_t nposts = 0, members;

	sign_in(&c, oa->email, DEMO_PASSWORD);
	cl_get(&c, "/account");
	cl_expect(&c, 200, oa->name, "GET /account");
	cr_assert(link_id(cl_body(&c), "/organisations/", org),
	    "no organisation on the account page");
	snprintf(org_path, sizeof(org_path), "/organisations/%s", org);
	cl_get(&c, org_path);
	cl_expect(&c, 200, "Members", "the organisation page");
	member_id(&c, demo("Learner")->email, mid_learner);
	members = count_of(&c, "/remove\"");
	cr_assert(
	    row_has(&c, demo("Learner")->email, "value=\"staff\" selected"));

	/* A valid token, but for someone else's cookies. */
	sign_in(&other, demo("Manager")->email, DEMO_PASSWORD);
	cl_token(&other);

	const char *ids[2] = {org, mid_learner};
	for (size_t i = 0; i < nroutes; i++) {
		const struct route *rt = &routes[i];
		const char *bad[] = {NULL, "",
		    "0123456789abcdefghijABCDEFGHIJ_-0123456789a", other.token};
		struct buf f;

		if (rt->method != HTTP_POST)
			continue;
		/* Stateless APIs read no cookies, so there is nothing to
		 * forge; they must live under /api/ and change nothing. */
		if (rt->policy == POLICY_PUBLIC_API) {
			cr_assert(strncmp(rt->pattern, "/api/", 5) == 0, "%s",
			    rt->pattern);
			continue;
		}
		nposts++;
		route_path(rt->pattern, ids, path, sizeof(path));
		for (size_t k = 0; k < NELEM(bad); k++) {
			buf_init(&f, NULL, 1u << 16);
			route_form(rt, &f);
			if (bad[k] != NULL)
				form_add(&f, "csrf_token", bad[k]);
			cr_assert_eq(buf_err(&f), 0);
			cl_post_raw(&c, path, f.data);
			if (c.r.status != 403 || !cl_has(&c, CSRF_MSG)) {
				cl_dump(&c);
				cr_assert_fail(
				    "POST %s with %s token: %ld, want "
				    "403",
				    path,
				    k == 0       ? "no"
				        : k == 1 ? "an empty"
				        : k == 2 ? "a made-up"
				                 : "another session's",
				    c.r.status);
			}
			/* An anonymous browser, with and without cookies. */
			cl_post_raw(&anon, path, f.data);
			cr_assert_eq(anon.r.status, 403,
			    "anonymous POST %s: %ld, want 403", path,
			    anon.r.status);
			buf_free(&f);
		}
	}
	cr_assert_geq(nposts, 20, "only %zu POST routes", nposts);

	/* Nothing changed: still signed in, same name, same members. */
	cl_get(&c, "/account");
	cl_expect(&c, 200, oa->name, "still signed in");
	cr_assert(!cl_has(&c, "Changed By Forgery"), "the name changed");
	cr_assert(cl_has(&c, oa->email));
	cr_assert(!cl_has(&c, demo("Learner")->email), "an account was merged");
	cl_get(&c, org_path);
	cl_expect(&c, 200, "Members", "the organisation page again");
	cr_assert_eq(count_of(&c, "/remove\""), members, "members changed");
	cr_assert(
	    row_has(&c, demo("Learner")->email, "value=\"staff\" selected"),
	    "the learner's role changed");
	cr_assert(
	    !cl_has(&c, "Cancel invitation to"), "an invitation was sent");
	cl_get(&other, "/account");
	cl_expect(&other, 200, demo("Manager")->name, "the other session");
	sign_in(&check, oa->email, DEMO_PASSWORD); /* password unchanged */

	cl_free(&c);
	cl_free(&other);
	cl_free(&anon);
	cl_free(&check);
}

/* ---- 5. bad input ----------------------------------------------------- */

Test(accounts, registering_twice_gives_the_same_page_and_tells_the_owner)
{
	struct client a = {0}, s = {0};
	char email[128], *m1, *m2, *page1;
	size_t mark = smtpd_count(&mail), mark2;

	new_address("twice", email, sizeof(email));
	register_form(&a, "Eilidh First", email, PW);
	page1 = xstrndup(cl_body(&a), a.r.body.len);
	m1 = mail_wait(email, "/account/verify?token=", mark);

	mark2 = smtpd_count(&mail);
	register_form(&a, "Eilidh Second", email, PW2);
	cr_assert_str_eq(page1, cl_body(&a),
	    "the second registration's page "
	    "differs from the first");
	m2 = mail_wait(email, "You already have a Laurel account", mark2);
	cr_assert(strstr(m2, "already has one") != NULL, "%s", m2);
	cr_assert_eq(mail_count(email, "/account/verify?token=", mark2), 0,
	    "a second confirmation link was sent");

	/* One account: the first password, the first name. */
	confirm(&a, m1);
	cl_post(&s, "/signin", "email", email, "password", PW2, NULL);
	cl_expect(&s, 403, WRONG_MSG, "the second registration's password");
	sign_in(&s, email, PW);
	cl_get(&s, "/account");
	cl_expect(&s, 200, "Eilidh First", "GET /account");
	cr_assert(!cl_has(&s, "Eilidh Second"));

	free(page1);
	free(m1);
	free(m2);
	cl_free(&a);
	cl_free(&s);
}

/* expect_kept asserts the form shows value in an input, and no password. */
static void
expect_kept(const struct client *c, const char *value, const char *what)
{
	char attr[400];

	snprintf(attr, sizeof(attr), "value=\"%s\"", value);
	if (!cl_has(c, attr)) {
		cl_dump(c);
		cr_assert_fail("%s: the form lost %s", what, value);
	}
	cr_assert(!cl_has(c, PW), "%s: the password was sent back", what);
}

Test(accounts, bad_input_is_refused_with_a_message_and_the_form_kept)
{
	const struct demo_account *mg = demo("Manager");
	struct client a = {0}, m = {0};
	char email[128], other[128], name101[102], raw[600];
	size_t mark = smtpd_count(&mail);

	new_address("bad", email, sizeof(email));
	memset(name101, 'A', 101);
	name101[101] = '\0';

	/* register */
	cl_post(&a, "/register", NULL);
	cl_expect(&a, 400, "Enter your name.", "register with nothing");
	cl_post(
	    &a, "/register", "name", "", "email", email, "password", PW, NULL);
	cl_expect(&a, 400, "Enter your name.", "register without a name");
	expect_kept(&a, email, "register without a name");
	cl_post(&a, "/register", "name", name101, "email", email, "password",
	    PW, NULL);
	cl_expect(&a, 400, "Your name must be 100 characters or fewer.",
	    "register with 101 characters");
	expect_kept(&a, name101, "register with a long name");
	expect_kept(&a, email, "register with a long name");
	cl_post(&a, "/register", "name", "Fergus Typo", "email", "not-an-email",
	    "password", PW, NULL);
	cl_expect(&a, 400, "Enter an email address in the correct format",
	    "register with a malformed address");
	expect_kept(&a, "not-an-email", "malformed address");
	expect_kept(&a, "Fergus Typo", "malformed address");
	cl_post(&a, "/register", "name", "Fergus Typo", "email", "", "password",
	    PW, NULL);
	cl_expect(
	    &a, 400, "Enter your email address.", "register without email");
	cl_post(&a, "/register", "name", "Fergus Typo", "email", email,
	    "password", "", NULL);
	cl_expect(&a, 400, "Use at least 10 characters.", "without password");
	expect_kept(&a, email, "without password");
	expect_kept(&a, "Fergus Typo", "without password");
	cr_assert(cl_has(&a, "f-password-error"), "no message by the field");
	snprintf(raw, sizeof(raw),
	    "name=Fergus%%C3%%28Typo&email=%s&password=%s&csrf_token=%s",
	    "bad%40example.com", PW, cl_token(&a));
	cl_post_raw(&a, "/register", raw);
	cl_expect(&a, 400, NULL, "register with invalid UTF-8");

	/* sign in */
	cl_post(&a, "/signin", "email", "", "password", PW, NULL);
	cl_expect(
	    &a, 400, "Enter your email address.", "sign in without email");
	cl_post(&a, "/signin", "email", email, "password", "", NULL);
	cl_expect(&a, 400, "Enter your password.", "sign in without password");
	expect_kept(&a, email, "sign in without password");
	snprintf(raw, sizeof(raw), "email=%%FF%%FE&password=x&csrf_token=%s",
	    cl_token(&a));
	cl_post_raw(&a, "/signin", raw);
	cl_expect(&a, 400, NULL, "sign in with invalid UTF-8");

	/* the account page's forms */
	sign_in(&m, mg->email, DEMO_PASSWORD);
	cl_post(&m, "/account/name", "name", name101, NULL);
	cl_expect(
	    &m, 400, "Your name must be 100 characters or fewer.", "long name");
	expect_kept(&m, name101, "long name on the account page");
	cl_post(&m, "/account/name", "name", "   ", NULL);
	cl_expect(&m, 400, "Enter your name.", "blank name");
	snprintf(raw, sizeof(raw), "name=Morag%%ED%%A0%%80&csrf_token=%s",
	    cl_token(&m));
	cl_post_raw(&m, "/account/name", raw);
	cl_expect(&m, 400, NULL, "name with a UTF-16 surrogate");
	cl_post(&m, "/account/emails", "email", "morag@", NULL);
	cl_expect(&m, 400, "Enter an email address in the correct format",
	    "add a malformed address");
	expect_kept(&m, "morag@", "add a malformed address");
	cl_post(&m, "/account/password", "current", "not-my-password",
	    "password", PW2, NULL);
	cl_expect(&m, 400, "Your current password is not right.",
	    "wrong current password");
	cl_post(&m, "/account/password", "current", DEMO_PASSWORD, "password",
	    "short", NULL);
	cl_expect(&m, 400, "Use at least 10 characters.", "short new password");
	cl_get(&m, "/account");
	cl_expect(&m, 200, mg->name, "GET /account");
	cr_assert(!cl_has(&m, name101), "the name changed");
	cr_assert(!cl_has(&m, "<td>morag@</td>"), "an address was added");

	/* Nothing was registered: a later registration's email arrives
	 * first, and none came for the refused one. */
	new_address("sentinel", other, sizeof(other));
	register_form(&a, "Sentinel Person", other, PW);
	free(mail_wait(other, "/account/verify?token=", mark));
	cr_assert_eq(mail_count(email, "@", mark), 0,
	    "a refused registration sent email");

	cl_free(&a);
	cl_free(&m);
}

/* ---- 6. organisations ------------------------------------------------- */

Test(accounts, organisation_register_approve_invite_roles_and_last_admin)
{
	const struct demo_account *pa = demo("Platform admin");
	struct client u = {0}, v = {0}, p = {0}, w = {0};
	char eu[128], ev[128], org[ID_LEN + 1], mid_u[ID_LEN + 1];
	char mid_v[ID_LEN + 1], pv[ID_LEN + 1], orgname[80], path[200];
	char opath[80], sel[80], *text, *link;
	size_t mark;

	make_account(&u, "Una Founder", "founder", eu, sizeof(eu));
	make_account(&v, "Vic Invitee", "invitee", ev, sizeof(ev));
	person_id(&v, pv);

	snprintf(orgname, sizeof(orgname), "Glen Care %ld-%u", (long)getpid(),
	    ++seq);
	cl_get(&u, "/organisations/new");
	cl_expect(
	    &u, 200, "Register an organisation", "GET /organisations/new");
	cl_post(&u, "/organisations", "name", orgname, "description",
	    "Two homes.", NULL);
	cl_expect_redirect(&u, "/organisations/", "register an organisation");
	cr_assert(link_id(cl_location(&u), "/organisations/", org));
	snprintf(opath, sizeof(opath), "/organisations/%s", org);
	cl_get(&u, opath);
	cl_expect(&u, 200, "has still to approve", "the pending organisation");
	cr_assert(row_has(&u, eu, "value=\"org_admin\" selected"));

	/* Pending: no invitations. */
	snprintf(path, sizeof(path), "%s/invitations", opath);
	cl_post(&u, path, "email", ev, "role", "staff", NULL);
	cl_expect(&u, 409, "This organisation has not been approved yet.",
	    "invite while pending");

	/* The platform admin approves it. */
	sign_in(&p, pa->email, DEMO_PASSWORD);
	cl_get(&p, "/admin");
	cl_expect(&p, 200, orgname, "GET /admin");
	snprintf(path, sizeof(path), "/admin/organisations/%s/approve", org);
	cr_assert(cl_has(&p, path), "no approve button for %s", orgname);
	cl_post(&p, path, NULL);
	cl_expect_redirect(&p, "/admin?done=1", "approve");
	cl_post(&p, path, NULL);
	cl_expect(&p, 409, "already been decided", "approve twice");

	/* Invite; the email's link lets another account join. */
	mark = smtpd_count(&mail);
	snprintf(path, sizeof(path), "%s/invitations", opath);
	cl_post(&u, path, "email", ev, "role", "staff", NULL);
	cl_expect_redirect(&u, opath, "invite");
	text = mail_wait(ev, "/invitations/accept?token=", mark);
	cr_assert(strstr(text, orgname) != NULL, "%s", text);
	link = mail_link(text, "/invitations/accept?token=");
	cl_get(&w, link);
	cl_expect(&w, 200, "Sign in to accept", "the invitation, anonymous");
	cl_get(&v, link);
	cl_expect(&v, 200, "Accept invitation", "the invitation, signed in");
	cl_post(&v, "/invitations/accept", "token", link_token(link), NULL);
	cl_expect_redirect(&v, opath, "accept");
	cl_post(&v, "/invitations/accept", "token", link_token(link), NULL);
	cl_expect(&v, 410, "This invitation has expired", "accept twice");

	cl_get(&u, opath);
	cl_expect(&u, 200, "Vic Invitee", "the new member");
	cr_assert(row_has(&u, ev, "value=\"staff\" selected"));
	member_id(&u, eu, mid_u);
	member_id(&u, ev, mid_v);

	/* A line manager must be a manager. */
	snprintf(
	    path, sizeof(path), "%s/members/%s/line-manager", opath, mid_u);
	cl_post(&u, path, "line_manager", pv, NULL);
	cl_expect(
	    &u, 400, "must be a manager or admin", "staff as line manager");

	/* Role change: staff to manager. */
	snprintf(path, sizeof(path), "%s/members/%s/role", opath, mid_v);
	cl_post(&u, path, "role", "manager", NULL);
	cl_expect_redirect(&u, opath, "make manager");
	cl_get(&u, opath);
	cr_assert(row_has(&u, ev, "value=\"manager\" selected"),
	    "the role did not change");
	member_id(&u, ev, mid_v);

	snprintf(
	    path, sizeof(path), "%s/members/%s/line-manager", opath, mid_u);
	cl_post(&u, path, "line_manager", pv, NULL);
	cl_expect_redirect(&u, opath, "set line manager");
	cl_get(&u, opath);
	snprintf(sel, sizeof(sel), "value=\"%s\" selected", pv);
	cr_assert(row_has(&u, eu, sel), "the line manager was not set");
	snprintf(
	    path, sizeof(path), "%s/members/%s/line-manager", opath, mid_v);
	cl_post(&u, path, "line_manager", pv, NULL);
	cl_expect(&u, 400, "cannot be their own line manager", "own manager");

	/* The last organisation admin stays. */
	snprintf(path, sizeof(path), "%s/members/%s/role", opath, mid_u);
	cl_post(&u, path, "role", "staff", NULL);
	cl_expect(&u, 409, LAST_ADMIN_MSG, "demote the last admin");
	snprintf(path, sizeof(path), "%s/members/%s/remove", opath, mid_u);
	cl_post(&u, path, NULL);
	cl_expect(&u, 409, LAST_ADMIN_MSG, "remove the last admin");
	snprintf(path, sizeof(path), "%s/leave", opath);
	cl_post(&u, path, NULL);
	cl_expect(&u, 409, LAST_ADMIN_MSG, "the last admin leaves");
	cl_get(&u, opath);
	cr_assert(row_has(&u, eu, "value=\"org_admin\" selected"));

	/* Remove the member: gone from the list and from the page. */
	snprintf(path, sizeof(path), "%s/members/%s/remove", opath, mid_v);
	cl_post(&u, path, NULL);
	cl_expect_redirect(&u, opath, "remove a member");
	cl_get(&u, opath);
	cl_expect(&u, 200, "Members", "after removing");
	cr_assert(!cl_has(&u, ev), "the removed member is still listed");
	cl_get(&v, opath);
	cl_expect(&v, 403, NULL, "a removed member opens the organisation");

	free(text);
	free(link);
	cl_free(&u);
	cl_free(&v);
	cl_free(&p);
	cl_free(&w);
}

Test(accounts, roles_cannot_be_escalated_across_members_or_organisations)
{
	const struct demo_account *oa = demo("Organisation admin");
	const struct demo_account *ln = demo("Learner");
	struct client a = {0}, l = {0}, u = {0}, anon = {0};
	char demo_org[ID_LEN + 1], org_b[ID_LEN + 1], mid_l[ID_LEN + 1];
	char mid_oa[ID_LEN + 1], mid_u[ID_LEN + 1], eu[128];
	char rpath[80], bpath[80], path[200];
	size_t members;

	sign_in(&a, oa->email, DEMO_PASSWORD);
	cl_get(&a, "/account");
	cr_assert(link_id(cl_body(&a), "/organisations/", demo_org));
	snprintf(rpath, sizeof(rpath), "/organisations/%s", demo_org);
	cl_get(&a, rpath);
	cl_expect(&a, 200, "Members", "the demo organisation");
	member_id(&a, ln->email, mid_l);
	member_id(&a, oa->email, mid_oa);
	members = count_of(&a, "/remove\"");

	/* A staff member cannot use the admin's forms. */
	sign_in(&l, ln->email, DEMO_PASSWORD);
	cl_get(&l, rpath);
	cl_expect(&l, 200, "Members", "the learner's organisation");
	cr_assert(!cl_has(&l, "/role\""), "staff see the role forms");
	snprintf(path, sizeof(path), "%s/members/%s/role", rpath, mid_l);
	cl_post(&l, path, "role", "org_admin", NULL);
	cl_expect(&l, 403, NO_PERMISSION_MSG, "staff promote themselves");
	snprintf(path, sizeof(path), "%s/members/%s/remove", rpath, mid_oa);
	cl_post(&l, path, NULL);
	cl_expect(&l, 403, NO_PERMISSION_MSG, "staff remove the admin");
	snprintf(path, sizeof(path), "%s/invitations", rpath);
	cl_post(
	    &l, path, "email", "friend@example.com", "role", "org_admin", NULL);
	cl_expect(&l, 403, NO_PERMISSION_MSG, "staff invite");
	cl_get(&l, "/admin");
	cl_expect(&l, 403, NULL, "a learner opens /admin");
	cl_get(&l, "/admin/audit");
	cl_expect(&l, 403, NULL, "a learner opens /admin/audit");
	cl_get(&l, "/admin/outbox");
	cl_expect(&l, 403, NULL, "a learner opens /admin/outbox");

	/* Signed out: the account page sends you to sign in, then back. */
	cl_get(&anon, "/account");
	cr_assert_eq(anon.r.status, 303);
	cr_assert_str_eq(cl_location(&anon), "/signin?next=/account");
	cl_get(&anon, "/admin");
	cl_expect_redirect(&anon, "/signin?next=/admin", "anonymous /admin");

	/* The admin of one organisation, another one's membership ids. */
	make_account(&u, "Ulla Other", "otherorg", eu, sizeof(eu));
	cl_post(
	    &u, "/organisations", "name", "Other Org", "description", "", NULL);
	cl_expect_redirect(&u, "/organisations/", "register an organisation");
	cr_assert(link_id(cl_location(&u), "/organisations/", org_b));
	snprintf(bpath, sizeof(bpath), "/organisations/%s", org_b);
	cl_get(&u, bpath);
	member_id(&u, eu, mid_u);

	snprintf(path, sizeof(path), "%s/members/%s/role", bpath, mid_l);
	cl_post(&u, path, "role", "org_admin", NULL);
	cl_expect(&u, 404, NOT_MEMBER_MSG, "org B's admin, org A's member id");
	snprintf(path, sizeof(path), "%s/members/%s/remove", bpath, mid_oa);
	cl_post(&u, path, NULL);
	cl_expect(&u, 404, NOT_MEMBER_MSG, "remove another org's admin");
	snprintf(
	    path, sizeof(path), "%s/members/%s/line-manager", bpath, mid_l);
	cl_post(&u, path, "line_manager", "", NULL);
	cl_expect(&u, 404, NOT_MEMBER_MSG, "line manager in another org");
	cl_get(&u, rpath);
	cl_expect(&u, 403, NULL, "a non-member opens the organisation");

	snprintf(path, sizeof(path), "%s/members/%s/role", rpath, mid_u);
	cl_post(&a, path, "role", "staff", NULL);
	cl_expect(&a, 404, NOT_MEMBER_MSG, "org A's admin, org B's member id");
	snprintf(path, sizeof(path), "%s/members/%s/remove", rpath, mid_u);
	cl_post(&a, path, NULL);
	cl_expect(&a, 404, NOT_MEMBER_MSG, "remove another org's member");

	/* Nothing changed on either side. */
	cl_get(&a, rpath);
	cl_expect(&a, 200, "Members", "the demo organisation again");
	cr_assert_eq(count_of(&a, "/remove\""), members);
	cr_assert(row_has(&a, ln->email, "value=\"staff\" selected"),
	    "the learner's role changed");
	cr_assert(row_has(&a, oa->email, "value=\"org_admin\" selected"));
	cr_assert(!cl_has(&a, eu));
	cl_get(&u, bpath);
	cr_assert(row_has(&u, eu, "value=\"org_admin\" selected"));
	cr_assert(!cl_has(&u, ln->email));

	cl_free(&a);
	cl_free(&l);
	cl_free(&u);
	cl_free(&anon);
}

/* ---- 7. issuer staff -------------------------------------------------- */

Test(accounts, issuer_admin_adds_an_assessor_who_cannot_manage_staff)
{
	const struct demo_account *ia = demo("Issuer admin");
	const struct demo_account *ln = demo("Learner");
	struct client a = {0}, l = {0};
	char issuer[ID_LEN + 1], role_l[ID_LEN + 1], role_a[ID_LEN + 1];
	char spath[80], path[200], *row;

	sign_in(&a, ia->email, DEMO_PASSWORD);
	cl_get(&a, "/account");
	cr_assert(link_id(cl_body(&a), "/issuers/", issuer),
	    "no issuer on the issuer admin's account page");
	snprintf(spath, sizeof(spath), "/issuers/%s/staff", issuer);
	cl_get(&a, spath);
	cl_expect(&a, 200, "Add someone", "the staff page");
	cr_assert(!cl_has(&a, ln->email), "the learner is staff already");

	cl_post(&a, spath, "email", ln->email, "role", "assessor", NULL);
	cl_expect_redirect(&a, spath, "add an assessor");
	cl_get(&a, spath);
	cr_assert(row_has(&a, ln->email, "Assessor"), "no assessor row");
	row = row_of(&a, ln->email);
	cr_assert(link_id(row, "/staff/", role_l));
	free(row);
	row = row_of(&a, ia->email);
	cr_assert(row != NULL && link_id(row, "/staff/", role_a));
	free(row);
	cl_post(&a, spath, "email", ln->email, "role", "assessor", NULL);
	cl_expect(&a, 409, "already has that role", "add twice");

	/* The assessor sees the page but cannot change it. */
	sign_in(&l, ln->email, DEMO_PASSWORD);
	cl_get(&l, spath);
	cl_expect(&l, 200, ia->name, "the assessor's view");
	cr_assert(!cl_has(&l, "Add someone"), "an assessor sees the add form");
	cr_assert(!cl_has(&l, "/revoke\""), "an assessor sees revoke buttons");
	cl_post(&l, spath, "email", ln->email, "role", "issuer_admin", NULL);
	cl_expect(&l, 403, NO_PERMISSION_MSG, "an assessor adds an admin");
	snprintf(path, sizeof(path), "%s/%s/revoke", spath, role_a);
	cl_post(&l, path, NULL);
	cl_expect(&l, 403, NO_PERMISSION_MSG, "an assessor revokes the admin");

	/* The last issuer admin stays. */
	cl_post(&a, path, NULL);
	cl_expect(&a, 409, "An issuer needs at least one issuer admin",
	    "revoke the last issuer admin");
	cl_get(&a, spath);
	cl_expect(&a, 200, "Add someone", "still an admin");

	/* Revoking the assessor works, and ends their access. */
	snprintf(path, sizeof(path), "%s/%s/revoke", spath, role_l);
	cl_post(&a, path, NULL);
	cl_expect_redirect(&a, spath, "revoke the assessor");
	cl_get(&l, spath);
	cl_expect(&l, 403, NULL, "a revoked assessor");

	cl_free(&a);
	cl_free(&l);
}

/* ---- 8. data download and deletion ------------------------------------ */

Test(accounts, download_my_data_then_delete_the_account)
{
	struct client a = {0}, b = {0}, d = {0}, n = {0};
	char email[128], old[256], *text;
	json_error_t err;
	json_t *doc, *emails;
	bool found = false;
	size_t mark;

	make_account(&a, "Dana Export", "export", email, sizeof(email));
	cl_get(&a, "/account/export");
	cl_expect(&a, 200, NULL, "GET /account/export");
	cr_assert(strncmp(http_resp_header(&a.r, "Content-Type"),
	              "application/json", 16) == 0);
	cr_assert(strstr(http_resp_header(&a.r, "Content-Disposition"),
	              "attachment") != NULL);
	cr_assert(!cl_has(&a, "password_hash"), "the export names the hash");
	cr_assert(!cl_has(&a, "$argon2"), "the export contains the hash");
	doc = json_loads(cl_body(&a), 0, &err);
	cr_assert(doc != NULL, "not JSON: %s", err.text);
	emails = json_object_get(doc, "emails");
	cr_assert(json_is_array(emails));
	for (size_t i = 0; i < json_array_size(emails); i++) {
		json_t *ad =
		    json_object_get(json_array_get(emails, i), "address");
		found = found ||
		    (json_is_string(ad) &&
		        strcmp(json_string_value(ad), email) == 0);
	}
	cr_assert(found, "the export lacks %s", email);
	cr_assert_str_eq(
	    json_string_value(json_object_get(
	        json_array_get(json_object_get(doc, "person"), 0), "name")),
	    "Dana Export");
	json_decref(doc);
	cl_get(&b, "/account/export");
	cl_expect_redirect(
	    &b, "/signin?next=/account/export", "anonymous export");

	/* Deleting needs the password. */
	cl_get(&a, "/account/delete");
	cl_expect(&a, 200, "Delete your account", "GET /account/delete");
	cl_post(&a, "/account/delete", "password", "not-my-password", NULL);
	cl_expect(
	    &a, 400, "Your password is not right.", "delete, wrong password");
	cl_get(&a, "/account");
	cl_expect(&a, 200, "Dana Export", "still there");

	snprintf(old, sizeof(old), "%s", a.session);
	cl_post(&a, "/account/delete", "password", PW, NULL);
	cl_expect_redirect(&a, "/?done=deleted", "delete");
	cr_assert_str_empty(a.session, "still has a session cookie");
	cl_use_session(&d, old, NULL);
	cl_get(&d, "/account");
	cl_expect_redirect(&d, "/signin?next=/account", "the deleted session");
	cl_post(&b, "/signin", "email", email, "password", PW, NULL);
	cl_expect(&b, 403, WRONG_MSG, "sign in to a deleted account");

	/* The address is free again. */
	mark = smtpd_count(&mail);
	register_form(&n, "Dana Again", email, PW2);
	text = mail_wait(email, "/account/verify?token=", mark);
	confirm(&n, text);
	sign_in(&n, email, PW2);
	cl_get(&n, "/account");
	cl_expect(&n, 200, "Dana Again", "the new account");
	cr_assert(!cl_has(&n, "Dana Export"));

	free(text);
	cl_free(&a);
	cl_free(&b);
	cl_free(&d);
	cl_free(&n);
}

/* ---- 9. the audit log ------------------------------------------------- */

Test(accounts, audit_log_shows_sign_ins_and_filters_by_action)
{
	const struct demo_account *pa = demo("Platform admin");
	struct client p = {0}, x = {0};
	char unknown[128];

	new_address("audited", unknown, sizeof(unknown));
	cl_post(&x, "/signin", "email", unknown, "password", "wrong-password",
	    NULL);
	cl_expect(&x, 403, WRONG_MSG, "failed sign-in");
	sign_in(&p, pa->email, DEMO_PASSWORD);

	cl_get(&p, "/admin/audit");
	cl_expect(&p, 200, "Audit log", "GET /admin/audit");
	cl_get(&p, "/admin/audit?action=account.login");
	cl_expect(&p, 200, "<td>account.login</td>", "filter account.login");
	cr_assert(cl_has(&p, "<td>account.login.failed</td>"));
	cr_assert(cl_has(&p, unknown), "the failed address is not in the log");
	cr_assert(cl_has(&p, pa->name), "the admin's sign-in is not named");
	cr_assert(!cl_has(&p, "<td>account.register</td>"));

	cl_get(&p, "/admin/audit?action=account.login.failed");
	cl_expect(&p, 200, "<td>account.login.failed</td>", "filter failures");
	cr_assert(cl_has(&p, unknown));
	cr_assert(!cl_has(&p, "<td>account.login</td>"),
	    "successful sign-ins under the failures filter");

	cl_get(&p, "/admin/audit?action=org.");
	cl_expect(&p, 200, NULL, "filter org.");
	cr_assert(!cl_has(&p, "<td>account.login"));

	cl_get(&p, "/admin/audit?from=yesterday");
	cl_expect(&p, 400, "Enter the from date as YYYY-MM-DD.", "a bad date");

	cl_free(&p);
	cl_free(&x);
}
