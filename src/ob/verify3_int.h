/*
 * verify3_int.h: what verify3.c, verify3_proof.c and verify3_status.c
 * share (private to the Open Badges 3.0 verifier; not for other modules).
 *
 * One struct v3 lives on verify3.c's stack for one credential; the
 * credential and JWT it points to are borrowed and outlive every check.
 * All downloads go through v3__fetch_json so that *fetches, shared with
 * nested endorsements, stays within VFY_MAX_FETCHES.
 */
#ifndef LAUREL_OB_VERIFY3_INT_H
#define LAUREL_OB_VERIFY3_INT_H

#include "core/common.h"
#include "ob/jsonld.h"
#include "ob/jws.h"
#include "ob/verify.h"

#include <jansson.h>

/* One verification in progress. */
struct v3 {
	const struct vfy_opts *o;
	struct vfy_report *r;
	json_t *cred;       /* the credential (borrowed from r->document) */
	struct jws *jwt;    /* the VC-JWT it came in, or NULL */
	json_t *jwt_claims; /* the JWT payload (borrowed), or NULL */
	unsigned *fetches;  /* shared with nested endorsements */
	bool nested;        /* an endorsement inside another credential */
	bool v1;            /* VC Data Model 1.1 */
	bool is_ob;         /* OpenBadgeCredential / AchievementCredential */
	bool is_endorsement;
};

/* v3__jstr returns o's string member k (borrowed), or NULL when o is not
 * an object or k is missing or not a string. */
const char *v3__jstr(const json_t *o, const char *k);
/* v3__as_array returns v as a new array reference (v itself when it is an
 * array, else a one-element or, for NULL/null, empty array); the caller
 * json_decref()s it. */
json_t *v3__as_array(json_t *v);
/* v3__issuer_id returns the credential's issuer id (borrowed; issuer is a
 * string or a Profile with an id), or NULL when it has none. */
const char *v3__issuer_id(const json_t *cred);
/* v3__fetch_json downloads url through the caller's fetcher (counting
 * against VFY_MAX_FETCHES) and parses it into a new reference *out the
 * caller decrefs; returns 0, or a negative err with *out NULL and why set
 * in plain words. */
int v3__fetch_json(
    struct v3 *v, const char *url, json_t **out, char *why, size_t whysz);
/* v3__ctx_loader returns the caller's JSON-LD context loader, or one that
 * knows no contexts when there is none; never NULL. */
const struct jsonld_loader *v3__ctx_loader(const struct v3 *v);
/* v3__check_proofs adds one "proof" check per embedded proof (at most
 * MAX_PROOFS), or one failed check when the credential has none. */
void v3__check_proofs(struct v3 *v);
/* v3__check_jwt adds the "proof" check for v->jwt's signature and, when
 * the payload has JWT claims, a "jwt_claims" check; v->jwt must be set. */
void v3__check_jwt(struct v3 *v);
/* v3__check_status adds one "status" check per credentialStatus entry (at
 * most MAX_STATUS) and none when the credential has no status. */
void v3__check_status(struct v3 *v);

#endif
