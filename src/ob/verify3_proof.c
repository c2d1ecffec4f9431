/*
 * verify3_proof.c: the Open Badges 3.0 verifier's signature checks
 * (verify3.c runs them): embedded Data Integrity proofs (eddsa-rdfc-2022,
 * and the older eddsa-2022 and Ed25519Signature2020 with a warning), the
 * VC-JWT signature and its claims, and finding the issuer's key for
 * either: did:key, did:web, a key or controller document at an https
 * address, or the issuer profile.
 *
 * An embedded-proof credential gets one "proof" check per proof (at most
 * MAX_PROOFS; one failed check when it has none); a VC-JWT gets one for
 * its signature and, when its payload has JWT claims, a "jwt_claims"
 * check. A key found at an address must belong to the credential's
 * issuer. Key documents come only through v3__fetch_json, so the fetch
 * budget shared with nested endorsements holds; nothing fetched or
 * decoded here outlives the check that needed it.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "ob/b64.h"
#include "ob/di.h"
#include "ob/jws.h"
#include "ob/multibase.h"
#include "ob/verify.h"
#include "ob/verify3_int.h"

#define MAX_PROOFS 8

/* ---- keys ---- */

/* key_from_node reads an Ed25519 key from a verification method node. */
static int
key_from_node(const json_t *n, uint8_t pub[32])
{
	const char *mb = v3__jstr(n, "publicKeyMultibase");
	const json_t *jwk = json_object_get(n, "publicKeyJwk");
	struct ob_err e;
	struct buf b;
	const char *x;
	int rc = ERR_NOTFOUND;

	if (mb != NULL)
		return multikey_ed25519_decode(mb, strlen(mb), pub, &e);
	x = v3__jstr(jwk, "x");
	if (x != NULL && v3__jstr(jwk, "crv") != NULL &&
	    strcmp(v3__jstr(jwk, "crv"), "Ed25519") == 0) {
		buf_init(&b, NULL, 64);
		rc = b64url_decode(x, strlen(x), &b);
		if (rc == 0 && b.len != 32)
			rc = ERR_INVAL;
		if (rc == 0)
			memcpy(pub, b.data, 32);
		buf_free(&b);
	}
	return rc;
}

/* find_vm looks for the verification method id in a key or controller
 * document. Returns the node (borrowed) or NULL. */
static json_t *
find_vm(json_t *doc, const char *id)
{
	static const char *const lists[] = {
	    "verificationMethod", "assertionMethod", "publicKey"};
	json_t *e;
	size_t i, k;

	if (v3__jstr(doc, "id") != NULL &&
	    strcmp(v3__jstr(doc, "id"), id) == 0 &&
	    (json_object_get(doc, "publicKeyMultibase") != NULL ||
	        json_object_get(doc, "publicKeyJwk") != NULL))
		return doc;
	for (k = 0; k < NELEM(lists); k++) {
		json_t *l = json_object_get(doc, lists[k]);

		json_array_foreach(l, i, e) if (json_is_object(e) &&
		    v3__jstr(e, "id") != NULL &&
		    strcmp(v3__jstr(e, "id"), id) == 0) return e;
	}
	return NULL;
}

static bool
has_scheme(const char *s)
{
	size_t i;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return false;
	for (i = 1; s[i] != '\0' && s[i] != ':'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		        (s[i] >= 'A' && s[i] <= 'Z') ||
		        (s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
		        s[i] == '-' || s[i] == '.'))
			return false;
	return s[i] == ':';
}

/* did_web_url turns did:web:host:path into the https URL of its DID
 * document. */
static void
did_web_url(const char *did, struct buf *url)
{
	const char *p = did + 8, *hash = strchr(p, '#');
	size_t n = hash ? (size_t)(hash - p) : strlen(p), i;
	bool path = false;

	buf_adds(url, "https://");
	for (i = 0; i < n; i++) {
		if (p[i] == ':') {
			buf_addc(url, '/');
			path = true;
		} else if (p[i] == '%' && i + 2 < n && p[i + 1] == '3' &&
		    (p[i + 2] == 'A' || p[i + 2] == 'a')) {
			buf_addc(url, ':');
			i += 2;
		} else {
			buf_addc(url, p[i]);
		}
	}
	buf_adds(url, path ? "/did.json" : "/.well-known/did.json");
}

/*
 * resolve_key finds the Ed25519 key of verification method vm. Returns 0
 * with pub, or a negative err with why in plain words.
 */
static int
resolve_key(
    struct v3 *v, const char *vm, uint8_t pub[32], char *why, size_t whysz)
{
	const char *iss = v3__issuer_id(v->cred), *hash;
	struct ob_err e;
	struct buf url;
	json_t *doc = NULL, *node;
	char fw[240];
	int rc;

	if (vm == NULL || *vm == '\0') {
		snprintf(
		    why, whysz, "the proof does not say which key made it");
		return ERR_INVAL;
	}
	if (strncmp(vm, "did:key:", 8) == 0) {
		rc = vm_ed25519_pubkey(vm, pub, &e);
		if (rc != 0)
			snprintf(why, whysz,
			    "its did:key is not a valid Ed25519 "
			    "key (%s)",
			    e.msg);
		return rc;
	}
	if (!has_scheme(vm)) {
		snprintf(why, whysz,
		    "its key reference \"%.80s\" is neither a "
		    "web address nor a DID",
		    vm);
		return ERR_INVAL;
	}
	if (strncmp(vm, "did:", 4) == 0 && strncmp(vm, "did:web:", 8) != 0) {
		snprintf(why, whysz,
		    "its key uses a kind of DID (%.40s) that "
		    "Laurel cannot look up",
		    vm);
		return ERR_INVAL;
	}
	if (strncmp(vm, "did:", 4) != 0 && strncmp(vm, "https:", 6) != 0 &&
	    strncmp(vm, "http:", 5) != 0) {
		snprintf(why, whysz,
		    "its key reference \"%.80s\" uses an "
		    "address scheme Laurel cannot look up",
		    vm);
		return ERR_INVAL;
	}
	/* "<issuer id>#z6Mk...": the key is in the fragment (no network). */
	hash = strchr(vm, '#');
	if (hash != NULL && strncmp(hash + 1, "z6Mk", 4) == 0 &&
	    multikey_ed25519_decode(hash + 1, strlen(hash + 1), pub, &e) == 0) {
		/* No issuer: that fails the issuer check; the key is still
		 * the one the proof names. */
		if (iss == NULL ||
		    (strlen(iss) == (size_t)(hash - vm) &&
		        strncmp(iss, vm, (size_t)(hash - vm)) == 0))
			return 0;
		snprintf(why, whysz,
		    "the key %.100s does not belong to the "
		    "issuer (%.100s)",
		    vm, iss != NULL ? iss : "none given");
		return ERR_INVAL;
	}
	/* Dereference the key (or the DID document / controller). */
	buf_init(&url, NULL, 4096);
	if (strncmp(vm, "did:web:", 8) == 0)
		did_web_url(vm, &url);
	else
		buf_add(&url, vm, hash ? (size_t)(hash - vm) : strlen(vm));
	rc = buf_err(&url);
	if (rc == 0)
		rc = v3__fetch_json(v, url.data, &doc, fw, sizeof(fw));
	buf_free(&url);
	if (rc != 0) {
		snprintf(why, whysz,
		    "its key %.100s could not be found: %.150s", vm, fw);
		return rc;
	}
	node = find_vm(doc, vm);
	if (node == NULL && hash == NULL)
		node = doc;
	rc = node != NULL ? key_from_node(node, pub) : ERR_NOTFOUND;
	if (rc != 0) {
		snprintf(why, whysz,
		    "the document at %.100s has no Ed25519 key "
		    "%.100s",
		    vm, vm);
	} else if (v3__jstr(node, "controller") != NULL && iss != NULL &&
	    strcmp(v3__jstr(node, "controller"), iss) != 0) {
		snprintf(why, whysz,
		    "the key %.100s is controlled by %.100s, not "
		    "by the issuer",
		    vm, v3__jstr(node, "controller"));
		rc = ERR_INVAL;
	}
	json_decref(doc);
	return rc;
}

/* ---- embedded proofs ---- */

/* verify_legacy checks an eddsa-2022 or Ed25519Signature2020 proof: the
 * same hashes as eddsa-rdfc-2022 (RDFC-1.0 of the proof options with the
 * document's @context, and of the document), Ed25519 over both. */
static int
verify_legacy(
    struct v3 *v, json_t *proof, const uint8_t pub[32], char *why, size_t whysz)
{
	struct di_trace t;
	struct ob_err e;
	uint8_t sig[64], msg[64];
	size_t siglen = 0;
	const char *pv = v3__jstr(proof, "proofValue");
	int rc;

	if (pv == NULL ||
	    multibase_decode_z(pv, strlen(pv), sig, sizeof(sig), &siglen, &e) !=
	        0 ||
	    siglen != 64) {
		snprintf(why, whysz,
		    "its proofValue is not an Ed25519 "
		    "signature");
		return ERR_INVAL;
	}
	memset(&t, 0, sizeof(t));
	buf_init(&t.proof_canon, NULL, VFY_MAX_DOC * 4);
	buf_init(&t.doc_canon, NULL, VFY_MAX_DOC * 4);
	rc = di_hash(v->cred, proof, v3__ctx_loader(v), &t, &e);
	if (rc == 0) {
		memcpy(msg, t.proof_hash, 32);
		memcpy(msg + 32, t.doc_hash, 32);
		if (!ed25519_verify(pub, msg, sizeof(msg), sig)) {
			snprintf(why, whysz,
			    "the signature does not match: the "
			    "credential was changed after "
			    "signing or the key is wrong");
			rc = ERR_CRYPTO;
		}
	} else {
		snprintf(why, whysz, "it could not be processed: %s", e.msg);
	}
	buf_free(&t.proof_canon);
	buf_free(&t.doc_canon);
	return rc;
}

enum proof_outcome { P_OK, P_LEGACY_OK, P_FAILED, P_UNSUPPORTED };

static enum proof_outcome
one_proof(struct v3 *v, json_t *proof, char *msg, size_t n)
{
	const char *ty = v3__jstr(proof, "type"),
	           *cs = v3__jstr(proof, "cryptosuite");
	const char *vm = v3__jstr(proof, "verificationMethod");
	uint8_t pub[32];
	struct ob_err e;
	char why[300];
	bool legacy;
	int rc;

	if (!json_is_object(proof) || ty == NULL) {
		snprintf(msg, n, "A proof has no type.");
		return P_UNSUPPORTED;
	}
	if (strcmp(ty, "DataIntegrityProof") == 0 && cs != NULL &&
	    strcmp(cs, "eddsa-rdfc-2022") == 0)
		legacy = false;
	else if ((strcmp(ty, "DataIntegrityProof") == 0 && cs != NULL &&
	             strcmp(cs, "eddsa-2022") == 0) ||
	    strcmp(ty, "Ed25519Signature2020") == 0)
		legacy = true;
	else {
		snprintf(msg, n,
		    "A proof of type %.60s%s%.40s is not a kind "
		    "Laurel can check (it checks "
		    "DataIntegrityProof with eddsa-rdfc-2022).",
		    ty, cs ? " / " : "", cs ? cs : "");
		return P_UNSUPPORTED;
	}
	if (v3__jstr(proof, "proofPurpose") != NULL &&
	    strcmp(v3__jstr(proof, "proofPurpose"), "assertionMethod") != 0) {
		snprintf(msg, n,
		    "The signature was made for another purpose "
		    "(%.60s), not for issuing credentials.",
		    v3__jstr(proof, "proofPurpose"));
		return P_FAILED;
	}
	rc = resolve_key(v, vm, pub, why, sizeof(why));
	if (rc != 0) {
		snprintf(msg, n, "The signature cannot be checked: %s.", why);
		return P_FAILED;
	}
	if (legacy) {
		rc = verify_legacy(v, proof, pub, why, sizeof(why));
		if (rc != 0) {
			snprintf(msg, n,
			    "The signature (%.40s) is not valid: "
			    "%s.",
			    cs ? cs : ty, why);
			return P_FAILED;
		}
		snprintf(msg, n,
		    "The issuer's signature is valid, but it uses "
		    "an older method (%.40s); new badges use "
		    "eddsa-rdfc-2022.",
		    cs ? cs : ty);
		return P_LEGACY_OK;
	}
	e.msg[0] = '\0';
	rc = di_verify_proof(v->cred, proof, pub, v3__ctx_loader(v), NULL, &e);
	if (rc != 0) {
		snprintf(msg, n, "The signature is not valid: %s.", e.msg);
		return P_FAILED;
	}
	snprintf(msg, n,
	    "The issuer's signature is valid: the credential has "
	    "not been changed since it was signed.");
	return P_OK;
}

void
v3__check_proofs(struct v3 *v)
{
	json_t *proofs = v3__as_array(json_object_get(v->cred, "proof")), *p;
	enum proof_outcome out[MAX_PROOFS];
	char msgs[MAX_PROOFS][VFY_MSG - 8];
	size_t i, n = json_array_size(proofs);
	bool any = false;

	if (n == 0) {
		vfy_add(v->r, "proof", "Signature", VFY_FAIL,
		    "This credential has no digital signature (proof), so "
		    "there is no way to tell that the issuer made it.");
		goto out;
	}
	if (n > MAX_PROOFS)
		n = MAX_PROOFS;
	v->r->sum.signed_ = true;
	for (i = 0; i < n; i++) {
		p = json_array_get(proofs, i);
		out[i] = one_proof(v, p, msgs[i], sizeof(msgs[i]));
		any = any || out[i] == P_OK || out[i] == P_LEGACY_OK;
	}
	for (i = 0; i < n; i++) {
		enum vfy_result res;

		switch (out[i]) {
		case P_OK:
			res = VFY_PASS;
			break;
		case P_LEGACY_OK:
			res = VFY_WARN;
			break;
		case P_UNSUPPORTED:
			res = any ? VFY_SKIP : VFY_FAIL;
			break;
		case P_FAILED:
		default:
			res = any ? VFY_WARN : VFY_FAIL;
			break;
		}
		vfy_add(v->r, "proof", "Signature", res, "%s", msgs[i]);
	}
out:
	json_decref(proofs);
}

/* ---- VC-JWT ---- */

static int
jwt_key(struct v3 *v, struct jws_key **k, char *why, size_t whysz)
{
	json_t *hdr = v->jwt->header, *jwk = json_object_get(hdr, "jwk");
	const char *kid = v3__jstr(hdr, "kid");
	json_t *doc = NULL, *node, *made = NULL;
	char jm[JWS_MSG_SIZE], fw[240];
	uint8_t pub[32];
	struct ob_err e;
	struct buf b;
	int rc;

	*k = NULL;
	if (json_is_object(jwk)) {
		rc = jws_key_from_jwk(jwk, k, jm, sizeof(jm));
		if (rc != 0)
			snprintf(why, whysz,
			    "the key in the header is not "
			    "usable: %s",
			    jm);
		return rc;
	}
	if (kid != NULL && strncmp(kid, "did:key:", 8) == 0) {
		rc = vm_ed25519_pubkey(kid, pub, &e);
		if (rc != 0) {
			snprintf(
			    why, whysz, "its did:key is not valid: %s", e.msg);
			return rc;
		}
		buf_init(&b, NULL, 128);
		b64url_encode(pub, 32, &b);
		made = json_pack("{s:s,s:s,s:s}", "kty", "OKP", "crv",
		    "Ed25519", "x", b.data);
		buf_free(&b);
		rc = jws_key_from_jwk(made, k, jm, sizeof(jm));
		json_decref(made);
		if (rc != 0)
			snprintf(why, whysz, "%s", jm);
		return rc;
	}
	if (kid == NULL && v3__issuer_id(v->cred) == NULL) {
		snprintf(why, whysz, "it does not say which key signed it");
		return ERR_INVAL;
	}
	if (kid != NULL && strncmp(kid, "https://", 8) != 0 &&
	    strncmp(kid, "http://", 7) != 0) {
		snprintf(why, whysz,
		    "its key id \"%.80s\" is not a web "
		    "address Laurel can look up",
		    kid);
		return ERR_INVAL;
	}
	rc = v3__fetch_json(v, kid != NULL ? kid : v3__issuer_id(v->cred), &doc,
	    fw, sizeof(fw));
	if (rc != 0) {
		snprintf(why, whysz, "its key could not be found: %s", fw);
		return rc;
	}
	node = NULL;
	if (json_object_get(doc, "kty") != NULL)
		node = doc;
	else if (json_is_object(json_object_get(doc, "publicKeyJwk")))
		node = json_object_get(doc, "publicKeyJwk");
	else if (kid != NULL && (node = find_vm(doc, kid)) != NULL)
		node = json_object_get(node, "publicKeyJwk");
	if (node == NULL) {
		snprintf(why, whysz, "no public key (JWK) was found for it");
		rc = ERR_NOTFOUND;
	} else {
		rc = jws_key_from_jwk(node, k, jm, sizeof(jm));
		if (rc != 0)
			snprintf(why, whysz,
			    "its published key is not usable: "
			    "%s",
			    jm);
	}
	json_decref(doc);
	return rc;
}

/* date_of: the credential date (validFrom or issuanceDate...) as seconds. */
static bool
date_of(const json_t *cred, const char *k1, const char *k2, int64_t *t)
{
	const char *s = v3__jstr(cred, k1);

	if (s == NULL)
		s = v3__jstr(cred, k2);
	return s != NULL && clock_parse(s, strlen(s), t) == 0;
}

void
v3__check_jwt(struct v3 *v)
{
	struct jws_key *k = NULL;
	json_t *c = v->jwt_claims;
	char why[300], jm[JWS_MSG_SIZE], bad[300] = "";
	const char *iss = v3__jstr(c, "iss"), *jti = v3__jstr(c, "jti");
	const char *sub = v3__jstr(c, "sub");
	int64_t t;
	int rc;

	v->r->sum.signed_ = true;
	rc = jwt_key(v, &k, why, sizeof(why));
	if (rc == 0) {
		rc = jws_verify(v->jwt, k, jm, sizeof(jm));
		if (rc != 0)
			snprintf(why, sizeof(why), "%s", jm);
	}
	jws_key_free(k);
	if (rc != 0)
		vfy_add(v->r, "proof", "Signature", VFY_FAIL,
		    "The signature (JWT, %.20s) is not valid: %s.", v->jwt->alg,
		    why);
	else
		vfy_add(v->r, "proof", "Signature", VFY_PASS,
		    "The issuer's signature (JWT, %.20s) is valid: the "
		    "credential has not been changed since it was signed.",
		    v->jwt->alg);
	if (iss == NULL && jti == NULL && sub == NULL &&
	    json_object_get(c, "nbf") == NULL &&
	    json_object_get(c, "exp") == NULL)
		return; /* a plain credential as the payload: no claims */
	if (iss != NULL && v3__issuer_id(v->cred) != NULL &&
	    strcmp(iss, v3__issuer_id(v->cred)) != 0)
		snprintf(bad, sizeof(bad),
		    "the JWT's issuer (iss %.100s) is not "
		    "the credential's issuer",
		    iss);
	else if (jti != NULL && v3__jstr(v->cred, "id") != NULL &&
	    strcmp(jti, v3__jstr(v->cred, "id")) != 0)
		snprintf(bad, sizeof(bad),
		    "the JWT's id (jti) is not the "
		    "credential's id");
	else if (sub != NULL &&
	    v3__jstr(json_object_get(v->cred, "credentialSubject"), "id") !=
	        NULL &&
	    strcmp(sub,
	        v3__jstr(
	            json_object_get(v->cred, "credentialSubject"), "id")) != 0)
		snprintf(bad, sizeof(bad),
		    "the JWT's subject (sub) is not the "
		    "credential's recipient");
	else if (json_is_integer(json_object_get(c, "nbf")) &&
	    date_of(v->cred, "validFrom", "issuanceDate", &t) &&
	    json_integer_value(json_object_get(c, "nbf")) != t)
		snprintf(bad, sizeof(bad),
		    "the JWT's start date (nbf) differs "
		    "from the credential's");
	else if (json_is_integer(json_object_get(c, "exp")) &&
	    date_of(v->cred, "validUntil", "expirationDate", &t) &&
	    json_integer_value(json_object_get(c, "exp")) != t)
		snprintf(bad, sizeof(bad),
		    "the JWT's expiry date (exp) differs "
		    "from the credential's");
	if (bad[0] != '\0')
		vfy_add(v->r, "jwt_claims", "Signed details", VFY_FAIL,
		    "The signed wrapper does not agree with the credential: "
		    "%s.",
		    bad);
	else
		vfy_add(v->r, "jwt_claims", "Signed details", VFY_PASS,
		    "The signed wrapper agrees with the credential.");
}
