/*
 * client.c: a browser for integration tests (see client.h).
 */
#include "core/common.h"
#include "core/buf.h"
#include "domain/seed.h"
#include "lib/client.h"

#include <ctype.h>
#include <stdarg.h>
#include <strings.h>

#include <criterion/criterion.h>

static const struct test_server *server;

void
cl_server(const struct test_server *s)
{
	server = s;
}

void
cl_free(struct client *c)
{
	http_resp_free(&c->r);
}

const char *
cl_body(const struct client *c)
{
	return c->r.body.data != NULL ? c->r.body.data : "";
}

bool
cl_has(const struct client *c, const char *needle)
{
	return strstr(cl_body(c), needle) != NULL;
}

const char *
cl_location(const struct client *c)
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

/* scrape_value copies the value of the page's input called name. */
static bool
scrape_value(const struct client *c, const char *name, char *out, size_t n)
{
	char marker[80];
	const char *p;
	size_t k = 0;

	snprintf(marker, sizeof(marker), "name=\"%s\" value=\"", name);
	if ((p = strstr(cl_body(c), marker)) == NULL)
		return false;
	p += strlen(marker);
	while (p[k] != '\0' && p[k] != '"' && k + 1 < n)
		k++;
	snprintf(out, n, "%.*s", (int)k, p);
	return true;
}

long
cl_send(struct client *c, const char *method, const char *path,
    const char *form, size_t len)
{
	char cookie[600] = "";
	const char *h[3];
	size_t nh = 0;
	int rc;

	cr_assert_not_null(server, "cl_server was not called");
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
	rc = http_request(server, method, path, h, form, len, &c->r);
	cr_assert_eq(rc, 0, "%s %s: %s", method, path, c->r.error);
	for (size_t i = 0; i < c->r.nheaders; i++)
		if (strcasecmp(c->r.headers[i].name, "Set-Cookie") == 0)
			jar_set(c, c->r.headers[i].value);
	if (scrape_value(c, "csrf_token", c->token, sizeof(c->token)))
		c->fresh = true;
	(void)scrape_value(
	    c, "form_token", c->form_token, sizeof(c->form_token));
	return c->r.status;
}

void
cl_use_session(struct client *c, const char *value, const char *seed)
{
	snprintf(c->session, sizeof(c->session), "%s", value);
	if (seed != NULL)
		snprintf(c->seed, sizeof(c->seed), "%s", seed);
	c->fresh = false;
}

long
cl_get(struct client *c, const char *path)
{
	return cl_send(c, "GET", path, NULL, 0);
}

long
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

void
form_add(struct buf *b, const char *name, const char *value)
{
	if (b->len > 0)
		buf_addc(b, '&');
	enc(b, name);
	buf_addc(b, '=');
	enc(b, value);
}

const char *
cl_token(struct client *c)
{
	if (!c->fresh) {
		cl_get(c, "/register");
		cr_assert(c->fresh, "GET /register (%ld) had no CSRF token",
		    c->r.status);
	}
	return c->token;
}

long
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

void
cl_dump(const struct client *c)
{
	const char *b = cl_body(c);
	const char *m = strstr(b, "<main");
	const char *e = m ? strstr(m, "</main>") : NULL;
	size_t n;

	if (m == NULL)
		m = b;
	n = e ? (size_t)(e - m) : strlen(m);
	if (n > 4000)
		n = 4000;
	fprintf(stderr, "---- response %ld (Location: %s) ----\n%.*s\n----\n",
	    c->r.status, cl_location(c), (int)n, m);
}

void
cl_expect(
    const struct client *c, long status, const char *text, const char *what)
{
	if (c->r.status == status && (text == NULL || cl_has(c, text)))
		return;
	cl_dump(c);
	cr_assert_fail("%s: status %ld (want %ld)%s%s%s", what, c->r.status,
	    status, text ? ", want the text \"" : "", text ? text : "",
	    text ? "\"" : "");
}

void
cl_expect_redirect(const struct client *c, const char *prefix, const char *what)
{
	if (c->r.status == 303 &&
	    strncmp(cl_location(c), prefix, strlen(prefix)) == 0)
		return;
	cl_dump(c);
	cr_assert_fail("%s: status %ld, Location \"%s\" (want 303 to %s)", what,
	    c->r.status, cl_location(c), prefix);
}

void
cl_sign_in(struct client *c, const char *email)
{
	cl_get(c, "/signin");
	cl_post(c, "/signin", "email", email, "password", DEMO_PASSWORD, NULL);
	cl_expect_redirect(c, "/account", "sign in");
}
