/*
 * verify2_signed.c: the Open Badges 2.0 verifier's checks against what
 * the issuer publishes (verify2.c runs them): the signature of a signed
 * badge (a compact JWS) with the key named by verification.creator, that
 * key's owner and status ("signature", "key"), and the issuer's
 * revocation list ("revocation").
 *
 * Every document comes through v2__fetch and its cache; what it returns is
 * borrowed from the cache and stays valid for the whole verification. A
 * parsed key is freed before the check returns.
 */
#include "core/common.h"
#include "core/err.h"
#include "ob/jws.h"
#include "ob/verify.h"
#include "ob/verify2_int.h"

/* ---- signed badges ---- */

/* str_in: is s the string list, the id of the object list, or one of
 * those in the array list? */
static bool
str_in(const json_t *list, const char *s)
{
	const json_t *x;
	size_t i;

	if (json_is_string(list))
		return strcmp(json_string_value(list), s) == 0;
	if (json_is_object(list))
		return v2__jstr(list, "id") != NULL &&
		    strcmp(v2__jstr(list, "id"), s) == 0;
	json_array_foreach(list, i, x)
	{
		if (str_in(x, s))
			return true;
	}
	return false;
}

void
v2__check_signature(struct v2 *v, const json_t *a, const json_t *issuer)
{
	const json_t *vo = v2__verification_of(a);
	const char *creator = v2__jstr(vo, "creator"), *pem, *owner;
	char msg[JWS_MSG_SIZE] = "";
	struct jws_key *k = NULL;
	const json_t *rv;
	struct got g;
	int64_t t;

	if (!v->have_jws) {
		vfy_add(v->r, "signature", "Signature", VFY_FAIL,
		    "This badge is meant to be signed, but it was given "
		    "without its signature. Give the signed badge itself "
		    "(or the baked image) instead.");
		return;
	}
	if (issuer == NULL) {
		vfy_add(v->r, "signature", "Signature", VFY_FAIL,
		    "Without the issuer's profile the signature cannot be "
		    "checked.");
		return;
	}
	if (v->jws.alg_id == JWS_ALG_OTHER) {
		vfy_add(v->r, "signature", "Signature", VFY_FAIL,
		    "The badge is signed with \"%s\", a method that is not "
		    "accepted (RS256 is expected).",
		    v->jws.alg);
		return;
	}
	if (!v2__vtype_signed(vo)) {
		vfy_add(v->r, "signature", "Signature", VFY_FAIL,
		    "The badge came signed, but does not say it is a signed "
		    "badge (verification type SignedBadge).");
		return;
	}
	if (creator == NULL) {
		vfy_add(v->r, "signature", "Signature", VFY_FAIL,
		    "The signed badge does not say which key signed it "
		    "(verification.creator), so it cannot be checked.");
		return;
	}
	if (v2__fetch(v, creator, &g) != 0) {
		vfy_add(v->r, "signature", "Signature", VFY_FAIL,
		    "The issuer's signing key at %s could not be fetched: %s.",
		    creator, g.why);
		return;
	}
	pem = v2__jstr(g.doc, "publicKeyPem");
	if (pem == NULL ||
	    jws_key_from_pem(pem, strlen(pem), &k, msg, sizeof(msg)) != 0) {
		vfy_add(v->r, "signature", "Signature", VFY_FAIL,
		    "The signing key at %s is not a usable public key%s%s.",
		    creator, msg[0] ? ": " : "", msg);
		return;
	}
	if (jws_verify(&v->jws, k, msg, sizeof(msg)) != 0)
		vfy_add(v->r, "signature", "Signature", VFY_FAIL,
		    "The signature does not match the issuer's key: %s. The "
		    "badge may have been altered.",
		    msg);
	else
		vfy_add(v->r, "signature", "Signature", VFY_PASS,
		    "The signature matches the key at %s.", creator);
	jws_key_free(k);
	owner = v2__jstr(g.doc, "owner");
	rv = json_object_get(g.doc, "revoked");
	if (owner == NULL || v2__jstr(issuer, "id") == NULL ||
	    strcmp(owner, v2__jstr(issuer, "id")) != 0)
		vfy_add(v->r, "key", "Signing key", VFY_FAIL,
		    "The signing key belongs to %s, not to the badge's issuer "
		    "%s.",
		    owner != NULL ? owner : "nobody named",
		    v2__jstr(issuer, "id") != NULL ? v2__jstr(issuer, "id")
		                                   : "");
	else if (!str_in(json_object_get(issuer, "publicKey"), creator))
		vfy_add(v->r, "key", "Signing key", VFY_FAIL,
		    "The issuer does not list the key %s as one of its own.",
		    creator);
	else if (json_is_true(rv) ||
	    (json_is_string(rv) &&
	        (v2__parse_date(json_string_value(rv), &t) != 0 ||
	            t <= v->o->now)))
		vfy_add(v->r, "key", "Signing key", VFY_FAIL,
		    "The issuer has withdrawn the key that signed this badge.");
	else
		vfy_add(v->r, "key", "Signing key", VFY_PASS,
		    "The signing key belongs to the issuer.");
}

void
v2__check_revocation_list(struct v2 *v, const json_t *a, const json_t *issuer)
{
	const char *url = v2__jstr(issuer, "revocationList"),
	           *id = v2__jstr(a, "id");
	const char *uid = v2__jstr(a, "uid");
	const json_t *list, *x;
	struct got g;
	size_t i;

	if (url == NULL) {
		if (v->r->sum.signed_)
			vfy_add(v->r, "revocation", "Revocation", VFY_PASS,
			    "The issuer publishes no revocation list.");
		return;
	}
	if (v2__fetch(v, url, &g) != 0) {
		vfy_add(v->r, "revocation", "Revocation",
		    v->r->sum.signed_ ? VFY_FAIL : VFY_WARN,
		    "The issuer's revocation list at %s could not be fetched "
		    "(%s), so it is not known whether this award was revoked.",
		    url, g.why);
		return;
	}
	list = json_object_get(g.doc, "revokedAssertions");
	json_array_foreach(list, i, x)
	{
		const char *xid = json_is_string(x) ? json_string_value(x)
		                                    : v2__jstr(x, "id");
		const char *xuid = v2__jstr(x, "uid");

		if ((id != NULL && xid != NULL && strcmp(id, xid) == 0) ||
		    (uid != NULL && xuid != NULL && strcmp(uid, xuid) == 0)) {
			v2__add_revoked(v, x);
			return;
		}
	}
	vfy_add(v->r, "revocation", "Revocation", VFY_PASS,
	    "The award is not on the issuer's revocation list.");
}
