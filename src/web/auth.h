/*
 * auth.h: who is calling, for the web layer: the session cookie, CSRF
 * tokens and signing in and out.
 *
 * Cookies: laurel_session holds the session token (HttpOnly, SameSite=Lax,
 * Secure when the public base URL is https); laurel_csrf holds a random
 * seed. A form's CSRF token is HMAC(server secret, seed "|" session id),
 * so it changes at sign-in and cannot be made without the seed cookie,
 * which another site can neither read nor set.
 */
#ifndef LAUREL_WEB_AUTH_H
#define LAUREL_WEB_AUTH_H

#include "web/http.h"

#define CSRF_FIELD "csrf_token"

/*
 * web_auth_load reads the cookies of r, looks up the session (r->session)
 * and computes r->csrf, setting a seed cookie on rs if there was none.
 * Returns 0 or ERR_DB.
 */
MUST_CHECK int web_auth_load(struct req *r, struct resp *rs);

/*
 * web_csrf_ok is true when the form's csrf_token matches r->csrf. For the
 * draft save alone (h_apply_save) it also accepts the token of the
 * session cookie the browser still sends after that session has ended,
 * so that what was typed can be kept while the person signs in again.
 */
bool web_csrf_ok(const struct req *r);

/*
 * web_sign_in starts a session for person (ending the caller's old one,
 * so the session id changes at sign-in) and sets the cookie.
 */
MUST_CHECK int web_sign_in(struct req *r, struct resp *rs, const char *person);

/* web_sign_out ends the caller's session and clears the cookie. */
MUST_CHECK int web_sign_out(struct req *r, struct resp *rs);

/* web_who is the signed-in caller of r, for domain calls (r->session set). */
struct who web_who(const struct req *r);

/* web_cookie finds cookie name in r's Cookie header (arena copy) or NULL. */
const char *web_cookie(const struct req *r, const char *name);

#endif
