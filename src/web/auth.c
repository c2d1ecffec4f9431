/*
 * auth.c: session cookies, CSRF tokens, signing in and out (auth.h).
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/id.h"
#include "domain/session.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/router.h"
#include "web/server.h"

#define SESSION_COOKIE "laurel_session"
#define CSRF_COOKIE "laurel_csrf"
#define SEED_LEN 22

static bool
secure(const struct req *r)
{
	return strncmp(r->app->cfg->base_url, "https:", 6) == 0;
}

const char *
web_cookie(const struct req *r, const char *name)
{
	size_t nl = strlen(name);
	const char *p = r->cookie;

	while (p != NULL && *p) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > nl && memcmp(p, name, nl) == 0 && p[nl] == '=')
			return arena_strndup(
			    r->arena, p + nl + 1, len - nl - 1);
		p = end;
	}
	return NULL;
}

static bool
seed_ok(const char *s)
{
	return s != NULL && id_valid(s, strlen(s));
}

static void
set_cookie(struct req *r, struct resp *rs, const char *name, const char *value,
    long max_age)
{
	resp_header(rs, "Set-Cookie",
	    arena_printf(r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s",
	        name, value, secure(r) ? "; Secure" : "",
	        max_age >= 0 ? arena_printf(r->arena, "; Max-Age=%ld", max_age)
	                     : ""));
}

static void
compute_csrf(struct req *r, const char *seed)
{
	const char *msg = arena_printf(
	    r->arena, "csrf|%s|%s", seed, r->session ? r->session->hash : "");

	hmac_b64url(r->site->secret, sizeof(r->site->secret), msg, strlen(msg),
	    r->csrf);
}

int
web_auth_load(struct req *r, struct resp *rs)
{
	const char *tok = web_cookie(r, SESSION_COOKIE);
	const char *seed = web_cookie(r, CSRF_COOKIE);
	int rc;

	r->session = NULL;
	if (tok != NULL) {
		struct session *s = arena_alloc(r->arena, sizeof(*s));
		if (s == NULL)
			return ERR_TOOBIG;
		rc = session_lookup(r->app, r->arena, tok, strlen(tok), s);
		if (rc == 0)
			r->session = s;
		else if (rc == ERR_NOTFOUND)
			set_cookie(r, rs, SESSION_COOKIE, "", 0);
		else
			return rc;
	}
	if (!seed_ok(seed)) {
		char *fresh = arena_alloc(r->arena, ID_LEN + 1);
		if (fresh == NULL)
			return ERR_TOOBIG;
		id_new(fresh);
		seed = fresh;
		set_cookie(r, rs, CSRF_COOKIE, seed, 365L * 86400);
	}
	compute_csrf(r, seed);
	/* keep the seed for sign-in, which recomputes the token */
	r->csrf_seed = seed;
	return 0;
}

/*
 * csrf_lapsed_ok: the draft save (h_apply_save) keeps what a person typed
 * when their session has ended. Their form still carries the token made
 * for that session, so for this route alone a token computed from the
 * session cookie the browser still sends (its hash, as for a live
 * session) is accepted too. It still needs the seed cookie, which
 * another site can neither read nor set, so a forged request fails as
 * before. The handler sees r->session == NULL and only keeps the text.
 */
static bool
csrf_lapsed_ok(const struct req *r)
{
	char hash[65], mac[44];
	const char *tok, *msg;

	if (r->session != NULL || r->route == NULL ||
	    r->route->handler != h_apply_save || r->csrf_seed == NULL ||
	    r->csrf_sent == NULL || strlen(r->csrf_sent) != 43)
		return false;
	if ((tok = web_cookie(r, SESSION_COOKIE)) == NULL || tok[0] == '\0')
		return false;
	sha256_hex(tok, strlen(tok), hash);
	msg = arena_printf(r->arena, "csrf|%s|%s", r->csrf_seed, hash);
	if (msg == NULL)
		return false;
	hmac_b64url(
	    r->site->secret, sizeof(r->site->secret), msg, strlen(msg), mac);
	return mem_equal_ct(r->csrf_sent, mac, 43);
}

bool
web_csrf_ok(const struct req *r)
{
	if (r->csrf_sent != NULL && strlen(r->csrf_sent) == 43 &&
	    mem_equal_ct(r->csrf_sent, r->csrf, 43))
		return true;
	return csrf_lapsed_ok(r);
}

int
web_sign_in(struct req *r, struct resp *rs, const char *person)
{
	char tok[SESSION_TOKEN_LEN + 1];
	struct session *s;
	int rc;

	if (r->session != NULL &&
	    (rc = session_end(r->app, r->session->hash)) != 0)
		return rc;
	if ((rc = session_create(r->app, person, r->ip, r->user_agent, tok)) !=
	    0)
		return rc;
	if ((s = arena_alloc(r->arena, sizeof(*s))) == NULL)
		return ERR_TOOBIG;
	if ((rc = session_lookup(r->app, r->arena, tok, strlen(tok), s)) != 0)
		return rc;
	r->session = s;
	set_cookie(r, rs, SESSION_COOKIE, arena_strdup(r->arena, tok), -1);
	compute_csrf(r, r->csrf_seed);
	return 0;
}

int
web_sign_out(struct req *r, struct resp *rs)
{
	int rc;

	if (r->session != NULL &&
	    (rc = session_end(r->app, r->session->hash)) != 0)
		return rc;
	r->session = NULL;
	set_cookie(r, rs, SESSION_COOKIE, "", 0);
	compute_csrf(r, r->csrf_seed);
	return 0;
}

struct who
web_who(const struct req *r)
{
	struct who w = {r->session ? r->session->person : NULL, r->ip};

	return w;
}
