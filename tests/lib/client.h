/*
 * client.h: a browser for integration tests: a cookie jar (laurel_session,
 * laurel_csrf), the CSRF token and form token of the last page that had
 * them, and the last response.
 *
 * Clients talk to the server named by cl_server (call it from the suite's
 * setup). The cl_expect helpers fail the current Criterion test, printing
 * the response's <main>.
 */
#ifndef LAUREL_TESTS_CLIENT_H
#define LAUREL_TESTS_CLIENT_H

#include "core/common.h"
#include "core/buf.h"
#include "lib/server.h"

struct client {
	char session[256];     /* laurel_session, "" when none */
	char seed[256];        /* laurel_csrf */
	char token[64];        /* csrf_token of the last page that had one */
	bool fresh;            /* token belongs to the current cookies */
	char set_session[400]; /* the last Set-Cookie for laurel_session */
	char set_csrf[400];    /* the last Set-Cookie for laurel_csrf */
	char form_token[128];  /* form_token of the last page that had one */
	struct http_resp r;
};

/* cl_server makes every client talk to s (until the next call). */
void cl_server(const struct test_server *s);
void cl_free(struct client *c);

/* The last response's body ("" if none), a text in it, its Location. */
const char *cl_body(const struct client *c);
bool cl_has(const struct client *c, const char *needle);
const char *cl_location(const struct client *c);

/* cl_send sends one request with c's cookies; returns the status. */
long cl_send(struct client *c, const char *method, const char *path,
    const char *form, size_t len);
long cl_get(struct client *c, const char *path);
/* cl_post_raw posts exactly form, with no token added. */
long cl_post_raw(struct client *c, const char *path, const char *form);
/* cl_use_session makes c send a session cookie of its own choosing. */
void cl_use_session(struct client *c, const char *value, const char *seed);
/* cl_token makes sure c holds a CSRF token for its cookies. */
const char *cl_token(struct client *c);
/*
 * cl_post posts the NULL-terminated name, value pairs as a form, with c's
 * CSRF token. Returns the status.
 */
long cl_post(struct client *c, const char *path, ...);

/* form_add appends name=value, percent-encoded, to an urlencoded form. */
void form_add(struct buf *b, const char *name, const char *value);

/* cl_sign_in signs c in as email with the demo password (a 303 to
 * /account, asserted). */
void cl_sign_in(struct client *c, const char *email);

/* cl_dump prints the last response's <main>, for a failing assertion. */
void cl_dump(const struct client *c);
/* cl_expect asserts the status and (unless NULL) a text in the page. */
void cl_expect(
    const struct client *c, long status, const char *text, const char *what);
/* cl_expect_redirect asserts a 303 whose Location starts with prefix. */
void cl_expect_redirect(
    const struct client *c, const char *prefix, const char *what);

#endif
