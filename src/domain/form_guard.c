/*
 * form_guard.c: signed form tokens, address keys and text checks for
 * public forms (see form_guard.h).
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/id.h"
#include "core/err.h"
#include "core/num.h"
#include "domain/form_guard.h"

#define SECRET_LEN 32

static void
token_mac(const uint8_t *secret, const char *label, int64_t t,
    char mac[GUARD_MAC_LEN + 1])
{
	char msg[96];
	int n = snprintf(
	    msg, sizeof(msg), "laurel-%s-form|%lld", label, (long long)t);

	if (n < 0 || (size_t)n >= sizeof(msg))
		fatal("form guard label too long");
	hmac_b64url(secret, SECRET_LEN, msg, (size_t)n, mac);
}

int
guard_token(struct app *app, const char *label, char *out, size_t outlen)
{
	char mac[GUARD_MAC_LEN + 1];
	int64_t t = clock_now(app->clock);
	int n;

	if (app->secret == NULL)
		return ERR_CRYPTO;
	token_mac(app->secret, label, t, mac);
	n = snprintf(out, outlen, "%lld.%s", (long long)t, mac);
	return n < 0 || (size_t)n >= outlen ? ERR_TOOBIG : 0;
}

int
guard_token_age(
    struct app *app, const char *label, const char *token, int64_t *age)
{
	char mac[GUARD_MAC_LEN + 1];
	const char *dot;
	int64_t t;

	if (app->secret == NULL || token == NULL ||
	    (dot = strchr(token, '.')) == NULL ||
	    num_parse(token, (size_t)(dot - token), 0, INT64_MAX / 2, &t) !=
	        0 ||
	    strlen(dot + 1) != GUARD_MAC_LEN)
		return ERR_INVAL;
	token_mac(app->secret, label, t, mac);
	if (!mem_equal_ct(mac, dot + 1, GUARD_MAC_LEN))
		return ERR_INVAL;
	*age = clock_now(app->clock) - t;
	if (*age < -60) /* a little clock skew between servers */
		return ERR_INVAL;
	return 0;
}

int
guard_ip_key(struct app *app, const char *label, const char *ip,
    char out[GUARD_MAC_LEN + 1])
{
	char tmp[128];
	int n;

	if (app->secret == NULL)
		return ERR_CRYPTO;
	n = snprintf(tmp, sizeof(tmp), "laurel-%s-ip|%s", label, ip ? ip : "");
	if (n < 0 || (size_t)n >= sizeof(tmp))
		return ERR_INVAL;
	hmac_b64url(app->secret, SECRET_LEN, tmp, (size_t)n, out);
	return 0;
}

/* ---- text checks public forms share ------------------------------------ */

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool
prefix_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (lower(*s) != *prefix)
			return false;
	return true;
}

const char *
guard_trim(struct arena *a, const char *s)
{
	size_t n;

	while (is_space(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_space(s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

size_t
guard_count_links(const char *s)
{
	size_t n = 0;
	const char *start = s;

	while (*s) {
		bool word = s == start || is_space(s[-1]) || s[-1] == '(' ||
		    s[-1] == '<' || s[-1] == '"' || s[-1] == '\'';
		if (prefix_ci(s, "http://") || prefix_ci(s, "https://") ||
		    (word && prefix_ci(s, "www."))) {
			n++;
			while (*s && !is_space(*s))
				s++;
			continue;
		}
		s++;
	}
	return n;
}

void
guard_fold(struct buf *b, const char *s)
{
	bool space = false;

	while (is_space(*s))
		s++;
	for (; *s; s++) {
		if (is_space(*s)) {
			space = true;
			continue;
		}
		if (space)
			buf_addc(b, ' ');
		space = false;
		buf_addc(b, lower(*s));
	}
}
