/*
 * verify2_int.h: what verify2.c, verify2_signed.c and verify2_ext.c share
 * (private to the Open Badges 2.0 verifier; not for other modules).
 *
 * One struct v2 lives on ob2_verify's stack for one verification. Every
 * document is fetched through v2__fetch, which caches it by URL in
 * v->cache; what it hands out is borrowed from that cache and stays valid
 * until ob2_verify returns. A struct probs gathers the problems of one
 * check into one message.
 */
#ifndef LAUREL_OB_VERIFY2_INT_H
#define LAUREL_OB_VERIFY2_INT_H

#include "core/common.h"
#include "core/buf.h"
#include "ob/jws.h"
#include "ob/verify.h"

#include <jansson.h>

#define OB2_CTX_URL "https://w3id.org/openbadges/v2"
#define OB2_CTX_URL2 "https://openbadgespec.org/v2/context.json"
#define OBI_NS "https://w3id.org/openbadges#"
#define URL_MAX 1024

struct v2 {
	const struct vfy_opts *o;
	struct vfy_report *r;
	json_t *cache; /* url -> {status, why, final, doc?} */
	unsigned fetches;
	bool from_url; /* the input was a URL */
	bool have_jws; /* the input was a compact JWS (jws is set) */
	struct jws jws;
	char input_url[URL_MAX];
};

/* A fetched document, borrowed from the cache. */
struct got {
	json_t *doc; /* the JSON object, or NULL */
	long status; /* HTTP status, 0 when there was no answer */
	const char *why;
	const char *final;
};

/* Problems found in one object, gathered into one check message. */
struct probs {
	struct buf b;
	int n;
};

/* v2__probs_init readies an empty p; free it with v2__probs_free. */
void v2__probs_init(struct probs *p);
/* v2__prob counts one problem in p and, for the first MAX_PROBS, adds its
 * sentence to p's message. */
void PRINTF_LIKE(2, 3) v2__prob(struct probs *p, const char *fmt, ...);
/* v2__probs_text returns p's message (owned by p), noting how many
 * problems were left out; call it once, when p is complete. */
const char *v2__probs_text(struct probs *p);
/* v2__probs_free releases p's message. */
void v2__probs_free(struct probs *p);
/* v2__jstr returns o's string member k (borrowed), or NULL when o is not
 * an object or k is missing or not a string. */
const char *v2__jstr(const json_t *o, const char *k);
/* v2__has_type: does node's type (or @type), a string or an array, include
 * the OB 2.0 class cls, by its compact or full name? */
bool v2__has_type(const json_t *node, const char *cls);
/* v2__parse_date reads an OB 2.0 DateTime into *t (Unix seconds); returns
 * 0, or ERR_INVAL when s is NULL or not such a date. */
MUST_CHECK int v2__parse_date(const char *s, int64_t *t);
/* v2__fetch gets url through v's cache into g (borrowed from the cache);
 * returns 0 when g->doc is a JSON object served with status 200, else
 * ERR_NOTFOUND with g->why in plain words. */
MUST_CHECK int v2__fetch(struct v2 *v, const char *url, struct got *g);
/* v2__verification_of returns a's verification object (or its older name
 * "verify"), borrowed, or NULL. */
const json_t *v2__verification_of(const json_t *a);
/* v2__vtype_signed: does verification object vo say the badge is signed? */
bool v2__vtype_signed(const json_t *vo);
/* v2__add_revoked adds the failed "revocation" check, with the reason in
 * body (an assertion or revocation entry, may be NULL) when it gives one. */
void v2__add_revoked(struct v2 *v, const json_t *body);
/* v2__check_signature adds the "signature" check for signed assertion a
 * and, once the key is read, the "key" check; issuer may be NULL. */
void v2__check_signature(struct v2 *v, const json_t *a, const json_t *issuer);
/* v2__check_revocation_list adds one "revocation" check from issuer's
 * revocation list (none for an unsigned badge whose issuer has no list). */
void v2__check_revocation_list(
    struct v2 *v, const json_t *a, const json_t *issuer);
/* v2__check_extensions adds one "extensions" check for the Extension nodes
 * in docs[0..n) (NULL entries skipped), or none when there are none. */
void v2__check_extensions(struct v2 *v, json_t *const *docs, size_t n);

#endif
