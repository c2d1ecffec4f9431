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
#include <stdarg.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/hooks.h>
#include <jansson.h>

#include "domain/seed.h"
#include "web/router.h"
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

/* ---- a browser: cookie jar, CSRF token, last response ----------------- */

struct client {
	char session[256];     /* laurel_session, "" when none */
	char seed[256];        /* laurel_csrf */
	char token[64];        /* csrf_token of the last page that had one */
	bool fresh;            /* token belongs to the current cookies */
	char set_session[400]; /* the last Set-Cookie for laurel_session */
	char set_csrf[400];    /* the last Set-Cookie for laurel_csrf */
	struct http_resp r;
};

static void
cl_free(struct client *c)
{
	http_resp_free(&c->r);
}

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

/* jar_set stores one cookie value; an emptied cookie is removed. */
static void
jar_set(struct client *c, const char *header)
{
	const char *eq = strchr(header, '=');
	const char *end;
	char *dst;
	size_t cap;

	if (eq == NULL)
		return;
	end = strchr(eq, ';');
	if (end == NULL)
		end = eq + strlen(eq);
	if ((size_t)(eq - header) == strlen("laurel_session") &&
	    strncmp(header, "laurel_session", (size_t)(eq - header)) == 0) {
		dst = c->session;
		cap = sizeof(c->session);
		snprintf(c->set_session, sizeof(c->set_session), "%s", header);
	} else if ((size_t)(eq - header) == strlen("laurel_csrf") &&
	    strncmp(header, "laurel_csrf", (size_t)(eq - header)) == 0) {
		dst = c->seed;
		cap = sizeof(c->seed);
		snprintf(c->set_csrf, sizeof(c->set_csrf), "%s", header);
	} else {
		return;
	}
	char val[256];
	snprintf(val, sizeof(val), "%.*s", (int)(end - eq - 1), eq + 1);
	const char *ma = strstr(header, "; Max-Age=0");
	if (ma != NULL && (ma[11] == '\0' || ma[11] == ';'))
		val[0] = '\0';
	if (strcmp(dst, val) != 0) {
		snprintf(dst, cap, "%s", val);
		c->fresh = false;
	}
}

/* scrape keeps the page's CSRF token, if it has a form. */
static void
scrape(struct client *c)
{
	static const char marker[] = "name=\"csrf_token\" value=\"";
	const char *p = strstr(body(c), marker);
	size_t n = 0;

	if (p == NULL)
		return;
	p += strlen(marker);
	while (p[n] != '\0' && p[n] != '"' && n + 1 < sizeof(c->token))
		n++;
	snprintf(c->token, sizeof(c->token), "%.*s", (int)n, p);
	c->fresh = true;
}

/* cl_send sends one request with the client's cookies; returns status. */
static long
cl_send(struct client *c, const char *method, const char *path,
    const char *form, size_t len)
{
	char cookie[600] = "";
	const char *h[3];
	size_t nh = 0;
	int rc;

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
	rc = http_request(&srv, method, path, h, form, len, &c->r);
	cr_assert_eq(rc, 0, "%s %s: %s", method, path, c->r.error);
	for (size_t i = 0; i < c->r.nheaders; i++)
		if (strcasecmp(c->r.headers[i].name, "Set-Cookie") == 0)
			jar_set(c, c->r.headers[i].value);
	scrape(c);
	return c->r.status;
}

/* cl_use_session makes c send a session cookie of its own choosing. */
static void
cl_use_session(struct client *c, const char *value, const char *seed)
{
	snprintf(c->session, sizeof(c->session), "%s", value);
	if (seed != NULL)
		snprintf(c->seed, sizeof(c->seed), "%s", seed);
	c->fresh = false;
}

static long
cl_get(struct client *c, const char *path)
{
	return cl_send(c, "GET", path, NULL, 0);
}

/* cl_post_raw posts exactly form, with no token added. */
static long
cl_post_raw(struct client *c, const char *path, const char *form)
{
	return cl_send(c, "POST", path, form, strlen(form));
}

static void
enc(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (isalnum(ch) || ch == '-' || ch == '.' || ch == '_' ||
		    ch == '~')
			buf_addc(b, (char)ch);
		else
			buf_addf(b, "%%%02X", ch);
	}
}

static void
form_add(struct buf *b, const char *name, const char *value)
{
	if (b->len > 0)
		buf_addc(b, '&');
	enc(b, name);
	buf_addc(b, '=');
	enc(b, value);
}

/* cl_token makes sure the client holds a token for its cookies. */
static const char *
cl_token(struct client *c)
{
	if (!c->fresh) {
		cl_get(c, "/register");
		cr_assert(c->fresh, "GET /register (%ld) had no CSRF token",
		    c->r.status);
	}
	return c->token;
}

/*
 * cl_post posts the NULL-terminated name, value pairs as a form, with the
 * client's CSRF token. Returns the status.
 */
static long
cl_post(struct client *c, const char *path, ...)
{
	struct buf b;
	const char *tok = cl_token(c);
	va_list ap;
	long st;

	buf_init(&b, NULL, 1u << 20);
	va_start(ap, path);
	for (;;) {
		const char *n = va_arg(ap, const char *);
		if (n == NULL)
			break;
		form_add(&b, n, va_arg(ap, const char *));
	}
	va_end(ap);
	form_add(&b, "csrf_token", tok);
	cr_assert_eq(buf_err(&b), 0);
	st = cl_send(c, "POST", path, b.data, b.len);
	buf_free(&b);
	return st;
}

/* dump prints what the last response said, for a failing assertion. */
static void
dump(const struct client *c)
{
	const char *b = body(c);
	const char *m = strstr(b, "<main");
	const char *e = m ? strstr(m, "</main>") : NULL;
	size_t n = e ? (size_t)(e - m) : strlen(b);

	if (m == NULL)
		m = b;
	if (n > 4000)
		n = 4000;
	fprintf(stderr, "---- response %ld (Location: %s) ----\n%.*s\n----\n",
	    c->r.status, location(c), (int)n, m);
}

/* expect asserts the status and (unless NULL) a text in the page. */
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

/* expect_redirect asserts a 303 whose Location starts with prefix. */
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

/* error_summary copies the page's list of errors (for comparing). */
static char *
error_summary(const struct client *c)
{
	const char *s = strstr(body(c), "ds_error-summary__list");
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
	expect_redirect(c, "/account", "sign in");
	cr_assert(c->session[0] != '\0', "sign in set no session cookie");
	cr_assert_str_neq(c->session, before, "the session id did not change");
}

static void
register_form(
    struct client *c, const char *name, const char *email, const char *pw)
{
	cl_post(
	    c, "/register", "name", name, "email", email, "password", pw, NULL);
	expect(c, 200, "Check your email", "register");
}

/* confirm follows the confirmation link of text: GET, then POST. */
static void
confirm(struct client *c, const char *text)
{
	char *link = mail_link(text, "/account/verify?token=");

	cl_get(c, link);
	expect(c, 200, "Confirm my email address", "GET the confirmation link");
	cl_post(c, "/account/verify", "token", link_token(link), NULL);
	cr_assert_eq(
	    c->r.status, 303, "POST /account/verify: %ld", c->r.status);
	cr_assert(strstr(location(c), "done=verified") != NULL,
	    "after confirming: %s", location(c));
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
	const char *b = body(c);
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
		dump(c);
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

	for (const char *p = strstr(body(c), needle); p != NULL;
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
	expect(c, 200, NULL, "GET /account/export");
	doc = json_loads(body(c), 0, &err);
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
	expect(&c, 200, "Create an account", "GET /register");
	register_form(&c, "Isla Register", email, PW);
	cr_assert(has(&c, email), "the page does not name the address");

	m1 = mail_wait(email, "/account/verify?token=", mark);
	cr_assert(strstr(m1, "Hello Isla Register") != NULL, "%s", m1);
	link1 = mail_link(m1, "/account/verify?token=");

	/* Not confirmed yet: refused, and a new link is on its way. */
	mark2 = smtpd_count(&mail);
	cl_post(&c, "/signin", "email", email, "password", PW, NULL);
	expect(&c, 400, UNVERIFIED_MSG, "sign in before confirming");
	cr_assert(has(&c, "We have sent you a new link."));
	cr_assert_str_empty(c.session, "a session before confirming");
	m2 = mail_wait(email, "/account/verify?token=", mark2);
	link2 = mail_link(m2, "/account/verify?token=");
	cr_assert_str_neq(link1, link2, "the new link is the old one");

	/* GET shows a button with the token and confirms nothing. */
	cl_get(&c, link1);
	expect(&c, 200, "Confirm my email address", "GET confirmation link");
	cr_assert(has(&c, link_token(link1)), "the form lost the token");
	cl_post(&c, "/signin", "email", email, "password", PW, NULL);
	expect(&c, 400, UNVERIFIED_MSG, "sign in after only a GET");

	/* POST without the CSRF token changes nothing either. */
	{
		char form[128];
		snprintf(form, sizeof(form), "token=%s", link_token(link1));
		cl_post_raw(&c, "/account/verify", form);
		expect(&c, 403, CSRF_MSG, "confirm without CSRF token");
	}

	cl_post(&c, "/account/verify", "token", link_token(link1), NULL);
	expect_redirect(&c, "/signin?done=verified", "confirm");
	cl_post(&c, "/account/verify", "token", link_token(link1), NULL);
	expect(&c, 410, EXPIRED_MSG, "the same link twice");

	sign_in(&c, email, PW);
	cl_get(&c, "/account");
	expect(&c, 200, "Isla Register", "GET /account");
	cr_assert(has(&c, email));
	cr_assert(has(&c, "Main address"));

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
	expect(&b, 403, WRONG_MSG, "wrong password");
	s1 = error_summary(&b);
	cl_post(&b, "/signin", "email", unknown, "password", "not-the-password",
	    NULL);
	expect(&b, 403, WRONG_MSG, "unknown email");
	s2 = error_summary(&b);
	cr_assert_str_eq(s1, s2, "the two refusals differ");
	cr_assert(has(&b, unknown), "the form lost the typed address");
	cr_assert(!has(&b, "not-the-password"), "the password was echoed");
	cr_assert_str_empty(b.session);

	/* Four more failures make five: the account backs off. */
	for (int i = 0; i < 4; i++) {
		cl_post(&b, "/signin", "email", email, "password",
		    "still-not-the-password", NULL);
		expect(&b, 403, WRONG_MSG, "wrong password again");
	}
	cl_post(&b, "/signin", "email", email, "password", PW, NULL);
	expect(&b, 403, LOCKED_MSG, "right password while backing off");
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
	expect(&c, 200, "Sign in", "GET /signin");
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
	expect(&c, 200, demo("Learner")->name, "GET /account");

	/* Signing in again gives a new id, and the old one is over. */
	snprintf(first, sizeof(first), "%s", c.session);
	sign_in(&c, learner, DEMO_PASSWORD);
	cr_assert_str_neq(c.session, first);
	cl_use_session(&old, first, c.seed);
	cl_get(&old, "/account");
	expect_redirect(&old, "/signin?next=/account", "the replaced session");
	cl_get(&c, "/account");
	expect(&c, 200, demo("Learner")->name, "GET /account after renewal");

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
	expect(&a, 200, "Change your password", "GET /account/password");
	cl_post(&a, "/account/password", "current", PW, "password", PW2, NULL);
	expect_redirect(&a, "/account?done=password", "change password");
	cl_get(&a, "/account?done=password");
	expect(&a, 200, "Your password has been changed.", "kept session");
	cl_get(&b, "/account");
	expect_redirect(&b, "/signin?next=/account", "the other session");

	/* Signing out ends the session: its cookie no longer works. */
	snprintf(old, sizeof(old), "%s", a.session);
	cl_post(&a, "/signout", NULL);
	expect_redirect(&a, "/?done=signedout", "sign out");
	cr_assert_str_empty(a.session, "sign out left the cookie");
	cl_use_session(&d, old, a.seed);
	cl_get(&d, "/account");
	expect_redirect(&d, "/signin?next=/account", "signed-out cookie");

	/* "Sign out everywhere else" too. */
	sign_in(&e, email, PW2);
	sign_in(&f, email, PW2);
	cl_post(&e, "/account/sessions/end-others", NULL);
	expect_redirect(&e, "/account?done=sessions", "end other sessions");
	cl_get(&f, "/account");
	expect_redirect(&f, "/signin?next=/account", "ended elsewhere");
	cl_get(&e, "/account");
	expect(&e, 200, "Skye Sessions", "the session that asked");

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
	expect(&b, 200, "Reset your password", "GET /account/reset");
	mark = smtpd_count(&mail);
	cl_post(&b, "/account/reset", "email", email, NULL);
	expect(&b, 200, "Check your email", "ask for a reset link");
	page1 = xstrndup(body(&b), b.r.body.len);
	cl_post(&b, "/account/reset", "email", unknown, NULL);
	expect(&b, 200, "Check your email", "reset for an unknown address");
	cr_assert_str_eq(page1, body(&b),
	    "the answer tells known and unknown addresses apart");

	text = mail_wait(email, "/account/reset/new?token=", mark);
	link = mail_link(text, "/account/reset/new?token=");
	cl_get(&b, link);
	expect(&b, 200, "Choose a new password", "GET the reset link");

	cl_post(&b, "/account/reset/new", "token", link_token(link), "password",
	    "short1", NULL);
	expect(&b, 400, "Use at least 10 characters.", "too short");
	cr_assert(has(&b, "f-password-error"), "no message by the field");
	cl_post(&b, "/account/reset/new", "token", link_token(link), "password",
	    "password1234", NULL);
	expect(&b, 400, "This password is too common", "common password");
	cr_assert(has(&b, "f-password-error"), "no message by the field");
	cl_get(&b, link);
	expect(&b, 200, "Choose a new password", "the link after refusals");

	cl_post(&b, "/account/reset/new", "token", link_token(link), "password",
	    PW3, NULL);
	expect_redirect(&b, "/signin?done=reset", "reset");
	cl_post(&b, "/account/reset/new", "token", link_token(link), "password",
	    PW2, NULL);
	expect(&b, 410, EXPIRED_MSG, "the link a second time");
	cl_get(&b, link);
	expect(&b, 410, EXPIRED_MSG, "GET the used link");

	/* A reset signs the account out everywhere; the new password works. */
	cl_get(&a, "/account");
	expect_redirect(&a, "/signin?next=/account", "session after reset");
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
	expect(&c, 200, oa->name, "GET /account");
	cr_assert(link_id(body(&c), "/organisations/", org),
	    "no organisation on the account page");
	snprintf(org_path, sizeof(org_path), "/organisations/%s", org);
	cl_get(&c, org_path);
	expect(&c, 200, "Members", "the organisation page");
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
		nposts++;
		route_path(rt->pattern, ids, path, sizeof(path));
		for (size_t k = 0; k < NELEM(bad); k++) {
			buf_init(&f, NULL, 1u << 16);
			route_form(rt, &f);
			if (bad[k] != NULL)
				form_add(&f, "csrf_token", bad[k]);
			cr_assert_eq(buf_err(&f), 0);
			cl_post_raw(&c, path, f.data);
			if (c.r.status != 403 || !has(&c, CSRF_MSG)) {
				dump(&c);
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
	expect(&c, 200, oa->name, "still signed in");
	cr_assert(!has(&c, "Changed By Forgery"), "the name changed");
	cr_assert(has(&c, oa->email));
	cr_assert(!has(&c, demo("Learner")->email), "an account was merged");
	cl_get(&c, org_path);
	expect(&c, 200, "Members", "the organisation page again");
	cr_assert_eq(count_of(&c, "/remove\""), members, "members changed");
	cr_assert(
	    row_has(&c, demo("Learner")->email, "value=\"staff\" selected"),
	    "the learner's role changed");
	cr_assert(!has(&c, "Cancel invitation to"), "an invitation was sent");
	cl_get(&other, "/account");
	expect(&other, 200, demo("Manager")->name, "the other session");
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
	page1 = xstrndup(body(&a), a.r.body.len);
	m1 = mail_wait(email, "/account/verify?token=", mark);

	mark2 = smtpd_count(&mail);
	register_form(&a, "Eilidh Second", email, PW2);
	cr_assert_str_eq(page1, body(&a),
	    "the second registration's page "
	    "differs from the first");
	m2 = mail_wait(email, "You already have a Laurel account", mark2);
	cr_assert(strstr(m2, "already has one") != NULL, "%s", m2);
	cr_assert_eq(mail_count(email, "/account/verify?token=", mark2), 0,
	    "a second confirmation link was sent");

	/* One account: the first password, the first name. */
	confirm(&a, m1);
	cl_post(&s, "/signin", "email", email, "password", PW2, NULL);
	expect(&s, 403, WRONG_MSG, "the second registration's password");
	sign_in(&s, email, PW);
	cl_get(&s, "/account");
	expect(&s, 200, "Eilidh First", "GET /account");
	cr_assert(!has(&s, "Eilidh Second"));

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
	if (!has(c, attr)) {
		dump(c);
		cr_assert_fail("%s: the form lost %s", what, value);
	}
	cr_assert(!has(c, PW), "%s: the password was sent back", what);
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
	expect(&a, 400, "Enter your name.", "register with nothing");
	cl_post(
	    &a, "/register", "name", "", "email", email, "password", PW, NULL);
	expect(&a, 400, "Enter your name.", "register without a name");
	expect_kept(&a, email, "register without a name");
	cl_post(&a, "/register", "name", name101, "email", email, "password",
	    PW, NULL);
	expect(&a, 400, "Your name must be 100 characters or fewer.",
	    "register with 101 characters");
	expect_kept(&a, name101, "register with a long name");
	expect_kept(&a, email, "register with a long name");
	cl_post(&a, "/register", "name", "Fergus Typo", "email", "not-an-email",
	    "password", PW, NULL);
	expect(&a, 400, "Enter an email address in the correct format",
	    "register with a malformed address");
	expect_kept(&a, "not-an-email", "malformed address");
	expect_kept(&a, "Fergus Typo", "malformed address");
	cl_post(&a, "/register", "name", "Fergus Typo", "email", "", "password",
	    PW, NULL);
	expect(&a, 400, "Enter your email address.", "register without email");
	cl_post(&a, "/register", "name", "Fergus Typo", "email", email,
	    "password", "", NULL);
	expect(&a, 400, "Use at least 10 characters.", "without password");
	expect_kept(&a, email, "without password");
	expect_kept(&a, "Fergus Typo", "without password");
	cr_assert(has(&a, "f-password-error"), "no message by the field");
	snprintf(raw, sizeof(raw),
	    "name=Fergus%%C3%%28Typo&email=%s&password=%s&csrf_token=%s",
	    "bad%40example.com", PW, cl_token(&a));
	cl_post_raw(&a, "/register", raw);
	expect(&a, 400, NULL, "register with invalid UTF-8");

	/* sign in */
	cl_post(&a, "/signin", "email", "", "password", PW, NULL);
	expect(&a, 400, "Enter your email address.", "sign in without email");
	cl_post(&a, "/signin", "email", email, "password", "", NULL);
	expect(&a, 400, "Enter your password.", "sign in without password");
	expect_kept(&a, email, "sign in without password");
	snprintf(raw, sizeof(raw), "email=%%FF%%FE&password=x&csrf_token=%s",
	    cl_token(&a));
	cl_post_raw(&a, "/signin", raw);
	expect(&a, 400, NULL, "sign in with invalid UTF-8");

	/* the account page's forms */
	sign_in(&m, mg->email, DEMO_PASSWORD);
	cl_post(&m, "/account/name", "name", name101, NULL);
	expect(
	    &m, 400, "Your name must be 100 characters or fewer.", "long name");
	expect_kept(&m, name101, "long name on the account page");
	cl_post(&m, "/account/name", "name", "   ", NULL);
	expect(&m, 400, "Enter your name.", "blank name");
	snprintf(raw, sizeof(raw), "name=Morag%%ED%%A0%%80&csrf_token=%s",
	    cl_token(&m));
	cl_post_raw(&m, "/account/name", raw);
	expect(&m, 400, NULL, "name with a UTF-16 surrogate");
	cl_post(&m, "/account/emails", "email", "morag@", NULL);
	expect(&m, 400, "Enter an email address in the correct format",
	    "add a malformed address");
	expect_kept(&m, "morag@", "add a malformed address");
	cl_post(&m, "/account/password", "current", "not-my-password",
	    "password", PW2, NULL);
	expect(&m, 400, "Your current password is not right.",
	    "wrong current password");
	cl_post(&m, "/account/password", "current", DEMO_PASSWORD, "password",
	    "short", NULL);
	expect(&m, 400, "Use at least 10 characters.", "short new password");
	cl_get(&m, "/account");
	expect(&m, 200, mg->name, "GET /account");
	cr_assert(!has(&m, name101), "the name changed");
	cr_assert(!has(&m, "<td>morag@</td>"), "an address was added");

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
	expect(&u, 200, "Register an organisation", "GET /organisations/new");
	cl_post(&u, "/organisations", "name", orgname, "description",
	    "Two homes.", NULL);
	expect_redirect(&u, "/organisations/", "register an organisation");
	cr_assert(link_id(location(&u), "/organisations/", org));
	snprintf(opath, sizeof(opath), "/organisations/%s", org);
	cl_get(&u, opath);
	expect(&u, 200, "has still to approve", "the pending organisation");
	cr_assert(row_has(&u, eu, "value=\"org_admin\" selected"));

	/* Pending: no invitations. */
	snprintf(path, sizeof(path), "%s/invitations", opath);
	cl_post(&u, path, "email", ev, "role", "staff", NULL);
	expect(&u, 409, "This organisation has not been approved yet.",
	    "invite while pending");

	/* The platform admin approves it. */
	sign_in(&p, pa->email, DEMO_PASSWORD);
	cl_get(&p, "/admin");
	expect(&p, 200, orgname, "GET /admin");
	snprintf(path, sizeof(path), "/admin/organisations/%s/approve", org);
	cr_assert(has(&p, path), "no approve button for %s", orgname);
	cl_post(&p, path, NULL);
	expect_redirect(&p, "/admin?done=1", "approve");
	cl_post(&p, path, NULL);
	expect(&p, 409, "already been decided", "approve twice");

	/* Invite; the email's link lets another account join. */
	mark = smtpd_count(&mail);
	snprintf(path, sizeof(path), "%s/invitations", opath);
	cl_post(&u, path, "email", ev, "role", "staff", NULL);
	expect_redirect(&u, opath, "invite");
	text = mail_wait(ev, "/invitations/accept?token=", mark);
	cr_assert(strstr(text, orgname) != NULL, "%s", text);
	link = mail_link(text, "/invitations/accept?token=");
	cl_get(&w, link);
	expect(&w, 200, "Sign in to accept", "the invitation, anonymous");
	cl_get(&v, link);
	expect(&v, 200, "Accept invitation", "the invitation, signed in");
	cl_post(&v, "/invitations/accept", "token", link_token(link), NULL);
	expect_redirect(&v, opath, "accept");
	cl_post(&v, "/invitations/accept", "token", link_token(link), NULL);
	expect(&v, 410, "This invitation has expired", "accept twice");

	cl_get(&u, opath);
	expect(&u, 200, "Vic Invitee", "the new member");
	cr_assert(row_has(&u, ev, "value=\"staff\" selected"));
	member_id(&u, eu, mid_u);
	member_id(&u, ev, mid_v);

	/* A line manager must be a manager. */
	snprintf(
	    path, sizeof(path), "%s/members/%s/line-manager", opath, mid_u);
	cl_post(&u, path, "line_manager", pv, NULL);
	expect(&u, 400, "must be a manager or admin", "staff as line manager");

	/* Role change: staff to manager. */
	snprintf(path, sizeof(path), "%s/members/%s/role", opath, mid_v);
	cl_post(&u, path, "role", "manager", NULL);
	expect_redirect(&u, opath, "make manager");
	cl_get(&u, opath);
	cr_assert(row_has(&u, ev, "value=\"manager\" selected"),
	    "the role did not change");
	member_id(&u, ev, mid_v);

	snprintf(
	    path, sizeof(path), "%s/members/%s/line-manager", opath, mid_u);
	cl_post(&u, path, "line_manager", pv, NULL);
	expect_redirect(&u, opath, "set line manager");
	cl_get(&u, opath);
	snprintf(sel, sizeof(sel), "value=\"%s\" selected", pv);
	cr_assert(row_has(&u, eu, sel), "the line manager was not set");
	snprintf(
	    path, sizeof(path), "%s/members/%s/line-manager", opath, mid_v);
	cl_post(&u, path, "line_manager", pv, NULL);
	expect(&u, 400, "cannot be their own line manager", "own manager");

	/* The last organisation admin stays. */
	snprintf(path, sizeof(path), "%s/members/%s/role", opath, mid_u);
	cl_post(&u, path, "role", "staff", NULL);
	expect(&u, 409, LAST_ADMIN_MSG, "demote the last admin");
	snprintf(path, sizeof(path), "%s/members/%s/remove", opath, mid_u);
	cl_post(&u, path, NULL);
	expect(&u, 409, LAST_ADMIN_MSG, "remove the last admin");
	snprintf(path, sizeof(path), "%s/leave", opath);
	cl_post(&u, path, NULL);
	expect(&u, 409, LAST_ADMIN_MSG, "the last admin leaves");
	cl_get(&u, opath);
	cr_assert(row_has(&u, eu, "value=\"org_admin\" selected"));

	/* Remove the member: gone from the list and from the page. */
	snprintf(path, sizeof(path), "%s/members/%s/remove", opath, mid_v);
	cl_post(&u, path, NULL);
	expect_redirect(&u, opath, "remove a member");
	cl_get(&u, opath);
	expect(&u, 200, "Members", "after removing");
	cr_assert(!has(&u, ev), "the removed member is still listed");
	cl_get(&v, opath);
	expect(&v, 403, NULL, "a removed member opens the organisation");

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
	cr_assert(link_id(body(&a), "/organisations/", demo_org));
	snprintf(rpath, sizeof(rpath), "/organisations/%s", demo_org);
	cl_get(&a, rpath);
	expect(&a, 200, "Members", "the demo organisation");
	member_id(&a, ln->email, mid_l);
	member_id(&a, oa->email, mid_oa);
	members = count_of(&a, "/remove\"");

	/* A staff member cannot use the admin's forms. */
	sign_in(&l, ln->email, DEMO_PASSWORD);
	cl_get(&l, rpath);
	expect(&l, 200, "Members", "the learner's organisation");
	cr_assert(!has(&l, "/role\""), "staff see the role forms");
	snprintf(path, sizeof(path), "%s/members/%s/role", rpath, mid_l);
	cl_post(&l, path, "role", "org_admin", NULL);
	expect(&l, 403, NO_PERMISSION_MSG, "staff promote themselves");
	snprintf(path, sizeof(path), "%s/members/%s/remove", rpath, mid_oa);
	cl_post(&l, path, NULL);
	expect(&l, 403, NO_PERMISSION_MSG, "staff remove the admin");
	snprintf(path, sizeof(path), "%s/invitations", rpath);
	cl_post(
	    &l, path, "email", "friend@example.com", "role", "org_admin", NULL);
	expect(&l, 403, NO_PERMISSION_MSG, "staff invite");
	cl_get(&l, "/admin");
	expect(&l, 403, NULL, "a learner opens /admin");
	cl_get(&l, "/admin/audit");
	expect(&l, 403, NULL, "a learner opens /admin/audit");
	cl_get(&l, "/admin/outbox");
	expect(&l, 403, NULL, "a learner opens /admin/outbox");

	/* Signed out: the account page sends you to sign in, then back. */
	cl_get(&anon, "/account");
	cr_assert_eq(anon.r.status, 303);
	cr_assert_str_eq(location(&anon), "/signin?next=/account");
	cl_get(&anon, "/admin");
	expect_redirect(&anon, "/signin?next=/admin", "anonymous /admin");

	/* The admin of one organisation, another one's membership ids. */
	make_account(&u, "Ulla Other", "otherorg", eu, sizeof(eu));
	cl_post(
	    &u, "/organisations", "name", "Other Org", "description", "", NULL);
	expect_redirect(&u, "/organisations/", "register an organisation");
	cr_assert(link_id(location(&u), "/organisations/", org_b));
	snprintf(bpath, sizeof(bpath), "/organisations/%s", org_b);
	cl_get(&u, bpath);
	member_id(&u, eu, mid_u);

	snprintf(path, sizeof(path), "%s/members/%s/role", bpath, mid_l);
	cl_post(&u, path, "role", "org_admin", NULL);
	expect(&u, 404, NOT_MEMBER_MSG, "org B's admin, org A's member id");
	snprintf(path, sizeof(path), "%s/members/%s/remove", bpath, mid_oa);
	cl_post(&u, path, NULL);
	expect(&u, 404, NOT_MEMBER_MSG, "remove another org's admin");
	snprintf(
	    path, sizeof(path), "%s/members/%s/line-manager", bpath, mid_l);
	cl_post(&u, path, "line_manager", "", NULL);
	expect(&u, 404, NOT_MEMBER_MSG, "line manager in another org");
	cl_get(&u, rpath);
	expect(&u, 403, NULL, "a non-member opens the organisation");

	snprintf(path, sizeof(path), "%s/members/%s/role", rpath, mid_u);
	cl_post(&a, path, "role", "staff", NULL);
	expect(&a, 404, NOT_MEMBER_MSG, "org A's admin, org B's member id");
	snprintf(path, sizeof(path), "%s/members/%s/remove", rpath, mid_u);
	cl_post(&a, path, NULL);
	expect(&a, 404, NOT_MEMBER_MSG, "remove another org's member");

	/* Nothing changed on either side. */
	cl_get(&a, rpath);
	expect(&a, 200, "Members", "the demo organisation again");
	cr_assert_eq(count_of(&a, "/remove\""), members);
	cr_assert(row_has(&a, ln->email, "value=\"staff\" selected"),
	    "the learner's role changed");
	cr_assert(row_has(&a, oa->email, "value=\"org_admin\" selected"));
	cr_assert(!has(&a, eu));
	cl_get(&u, bpath);
	cr_assert(row_has(&u, eu, "value=\"org_admin\" selected"));
	cr_assert(!has(&u, ln->email));

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
	cr_assert(link_id(body(&a), "/issuers/", issuer),
	    "no issuer on the issuer admin's account page");
	snprintf(spath, sizeof(spath), "/issuers/%s/staff", issuer);
	cl_get(&a, spath);
	expect(&a, 200, "Add someone", "the staff page");
	cr_assert(!has(&a, ln->email), "the learner is staff already");

	cl_post(&a, spath, "email", ln->email, "role", "assessor", NULL);
	expect_redirect(&a, spath, "add an assessor");
	cl_get(&a, spath);
	cr_assert(row_has(&a, ln->email, "Assessor"), "no assessor row");
	row = row_of(&a, ln->email);
	cr_assert(link_id(row, "/staff/", role_l));
	free(row);
	row = row_of(&a, ia->email);
	cr_assert(row != NULL && link_id(row, "/staff/", role_a));
	free(row);
	cl_post(&a, spath, "email", ln->email, "role", "assessor", NULL);
	expect(&a, 409, "already has that role", "add twice");

	/* The assessor sees the page but cannot change it. */
	sign_in(&l, ln->email, DEMO_PASSWORD);
	cl_get(&l, spath);
	expect(&l, 200, ia->name, "the assessor's view");
	cr_assert(!has(&l, "Add someone"), "an assessor sees the add form");
	cr_assert(!has(&l, "/revoke\""), "an assessor sees revoke buttons");
	cl_post(&l, spath, "email", ln->email, "role", "issuer_admin", NULL);
	expect(&l, 403, NO_PERMISSION_MSG, "an assessor adds an admin");
	snprintf(path, sizeof(path), "%s/%s/revoke", spath, role_a);
	cl_post(&l, path, NULL);
	expect(&l, 403, NO_PERMISSION_MSG, "an assessor revokes the admin");

	/* The last issuer admin stays. */
	cl_post(&a, path, NULL);
	expect(&a, 409, "An issuer needs at least one issuer admin",
	    "revoke the last issuer admin");
	cl_get(&a, spath);
	expect(&a, 200, "Add someone", "still an admin");

	/* Revoking the assessor works, and ends their access. */
	snprintf(path, sizeof(path), "%s/%s/revoke", spath, role_l);
	cl_post(&a, path, NULL);
	expect_redirect(&a, spath, "revoke the assessor");
	cl_get(&l, spath);
	expect(&l, 403, NULL, "a revoked assessor");

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
	expect(&a, 200, NULL, "GET /account/export");
	cr_assert(strncmp(http_resp_header(&a.r, "Content-Type"),
	              "application/json", 16) == 0);
	cr_assert(strstr(http_resp_header(&a.r, "Content-Disposition"),
	              "attachment") != NULL);
	cr_assert(!has(&a, "password_hash"), "the export names the hash");
	cr_assert(!has(&a, "$argon2"), "the export contains the hash");
	doc = json_loads(body(&a), 0, &err);
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
	expect_redirect(&b, "/signin?next=/account/export", "anonymous export");

	/* Deleting needs the password. */
	cl_get(&a, "/account/delete");
	expect(&a, 200, "Delete your account", "GET /account/delete");
	cl_post(&a, "/account/delete", "password", "not-my-password", NULL);
	expect(
	    &a, 400, "Your password is not right.", "delete, wrong password");
	cl_get(&a, "/account");
	expect(&a, 200, "Dana Export", "still there");

	snprintf(old, sizeof(old), "%s", a.session);
	cl_post(&a, "/account/delete", "password", PW, NULL);
	expect_redirect(&a, "/?done=deleted", "delete");
	cr_assert_str_empty(a.session, "still has a session cookie");
	cl_use_session(&d, old, NULL);
	cl_get(&d, "/account");
	expect_redirect(&d, "/signin?next=/account", "the deleted session");
	cl_post(&b, "/signin", "email", email, "password", PW, NULL);
	expect(&b, 403, WRONG_MSG, "sign in to a deleted account");

	/* The address is free again. */
	mark = smtpd_count(&mail);
	register_form(&n, "Dana Again", email, PW2);
	text = mail_wait(email, "/account/verify?token=", mark);
	confirm(&n, text);
	sign_in(&n, email, PW2);
	cl_get(&n, "/account");
	expect(&n, 200, "Dana Again", "the new account");
	cr_assert(!has(&n, "Dana Export"));

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
	expect(&x, 403, WRONG_MSG, "failed sign-in");
	sign_in(&p, pa->email, DEMO_PASSWORD);

	cl_get(&p, "/admin/audit");
	expect(&p, 200, "Audit log", "GET /admin/audit");
	cl_get(&p, "/admin/audit?action=account.login");
	expect(&p, 200, "<td>account.login</td>", "filter account.login");
	cr_assert(has(&p, "<td>account.login.failed</td>"));
	cr_assert(has(&p, unknown), "the failed address is not in the log");
	cr_assert(has(&p, pa->name), "the admin's sign-in is not named");
	cr_assert(!has(&p, "<td>account.register</td>"));

	cl_get(&p, "/admin/audit?action=account.login.failed");
	expect(&p, 200, "<td>account.login.failed</td>", "filter failures");
	cr_assert(has(&p, unknown));
	cr_assert(!has(&p, "<td>account.login</td>"),
	    "successful sign-ins under the failures filter");

	cl_get(&p, "/admin/audit?action=org.");
	expect(&p, 200, NULL, "filter org.");
	cr_assert(!has(&p, "<td>account.login"));

	cl_get(&p, "/admin/audit?from=yesterday");
	expect(&p, 400, "Enter the from date as YYYY-MM-DD.", "a bad date");

	cl_free(&p);
	cl_free(&x);
}
