/*
 * jws.h: JSON Web Signature, compact serialisation (RFC 7515), for OB 2.0
 * signed assertions and OB 3.0 VC-JWT credentials.
 *
 * Parsing is a pure function over (pointer, length) with size limits.
 * Verification supports RS256 (RSA >= 2048 bits), ES256 (P-256) and EdDSA
 * (Ed25519), with OpenSSL, against a public key from a PEM
 * SubjectPublicKeyInfo (OB 2.0 CryptographicKey.publicKeyPem) or a JWK.
 * Signing is done by the caller's callback: private keys never live here.
 *
 * msg/msgsz: a failing function writes a NUL-terminated English sentence
 * for a verifier UI into msg[0..msgsz) ("the signature does not match the
 * key", "alg none is not allowed"); msg may be NULL.
 */
#ifndef LAUREL_OB_JWS_H
#define LAUREL_OB_JWS_H

#include "core/common.h"
#include "core/buf.h"

#include <jansson.h>

#define JWS_MAX_LEN ((size_t)16 << 20)    /* whole compact JWS */
#define JWS_MAX_HEADER ((size_t)64 << 10) /* decoded JOSE header */
#define JWS_MAX_SIG 1024                  /* decoded signature (RSA 8192) */
#define JWS_MAX_PEM ((size_t)64 << 10)
#define JWS_RSA_MIN_BITS 2048
#define JWS_MSG_SIZE 200 /* a good size for msg buffers */

enum jws_alg {
	JWS_ALG_OTHER = 0, /* parsed, but jws_verify will refuse it */
	JWS_ALG_RS256,
	JWS_ALG_ES256,
	JWS_ALG_EDDSA,
};

/* A parsed compact JWS; release with jws_free. */
struct jws {
	json_t *header;           /* the JOSE header, a JSON object */
	char alg[32];             /* its "alg" (truncated if longer) */
	enum jws_alg alg_id;      /* alg, if one jws_verify supports */
	struct buf payload;       /* the decoded payload bytes */
	struct buf signing_input; /* base64url(header) "." base64url(payload) */
	struct buf sig;           /* the decoded signature bytes */
};

/* A public key for jws_verify (an opaque wrapper of an OpenSSL EVP_PKEY). */
struct jws_key;

/*
 * jws_parse parses the compact JWS in[0..len) into *out: exactly three
 * strict base64url parts, a non-empty payload and signature, a header that
 * is a JSON object without duplicate names, holding a string "alg" that is
 * not "none" and no "crit" (this code implements no extension). Returns 0;
 * ERR_INVAL for a malformed JWS; ERR_TOOBIG past the JWS_MAX_* limits. On
 * success the caller must jws_free(out); on failure *out needs no freeing.
 * It does not verify anything.
 */
MUST_CHECK int jws_parse(
    const char *in, size_t len, struct jws *out, char *msg, size_t msgsz);

/* jws_free releases what jws_parse allocated; safe on a zeroed struct. */
void jws_free(struct jws *j);

/*
 * jws_key_from_pem reads a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) holding
 * an RSA, P-256 or Ed25519 key into a new *out (free with jws_key_free).
 * Returns 0, ERR_INVAL (not such a PEM public key), or ERR_TOOBIG.
 */
MUST_CHECK int jws_key_from_pem(
    const char *pem, size_t len, struct jws_key **out, char *msg, size_t msgsz);

/*
 * jws_key_from_jwk reads a public JWK (RFC 7517): kty "RSA" with n and e,
 * kty "EC" with crv "P-256", x and y, or kty "OKP" with crv "Ed25519" and
 * x. A JWK with private members ("d", "p", ...) is refused. If the JWK has
 * an "alg", jws_verify accepts only that alg with the key. Returns 0 and a
 * new *out (free with jws_key_free) or ERR_INVAL.
 */
MUST_CHECK int jws_key_from_jwk(
    const json_t *jwk, struct jws_key **out, char *msg, size_t msgsz);

/* jws_key_free releases a key; NULL is fine. */
void jws_key_free(struct jws_key *k);

/*
 * jws_verify checks the signature of the parsed JWS j with key k. Returns 0
 * if it is valid; ERR_INVAL if the alg is not one supported (HS256 and
 * other symmetric algs are always refused), if the key does not fit the alg
 * (type, curve, or RSA under JWS_RSA_MIN_BITS); ERR_CRYPTO if the signature
 * does not match.
 */
MUST_CHECK int jws_verify(
    const struct jws *j, const struct jws_key *k, char *msg, size_t msgsz);

/*
 * jws_signing_input appends to out base64url(header_json) "."
 * base64url(payload), the bytes to sign. header_json[0..hlen) is used
 * verbatim and must be a JSON object with a string "alg" other than "none"
 * and no "crit". Returns 0, ERR_INVAL, or ERR_TOOBIG (JWS_MAX_* or out's
 * max).
 */
MUST_CHECK int jws_signing_input(const char *header_json, size_t hlen,
    const void *payload, size_t plen, struct buf *out, char *msg, size_t msgsz);

/*
 * jws_assemble appends signing_input[0..silen) "." base64url(sig) to out,
 * forming the compact JWS. Errors are left sticky in out (buf_err).
 */
void jws_assemble(const char *signing_input, size_t silen, const void *sig,
    size_t siglen, struct buf *out);

/*
 * A signing callback: it appends to sig the JWS signature of msg[0..len)
 * (for ES256 the 64-byte R||S form, see jws_ecdsa_sig_from_der) and returns
 * 0 or a negative enum err.
 */
struct jws_signer {
	int (*sign)(void *ctx, const uint8_t *msg, size_t len, struct buf *sig);
	void *ctx;
};

/*
 * jws_sign appends to out the compact JWS of payload[0..plen) with the
 * header header_json[0..hlen) (as for jws_signing_input), signed by s.
 * Returns 0, the callback's error, ERR_INVAL or ERR_TOOBIG.
 */
MUST_CHECK int jws_sign(const char *header_json, size_t hlen,
    const void *payload, size_t plen, const struct jws_signer *s,
    struct buf *out, char *msg, size_t msgsz);

/*
 * jws_ecdsa_sig_from_der appends to raw the 64-byte R||S form (RFC 7518
 * §3.4) of a DER ECDSA P-256 signature, as OpenSSL produces. Returns 0 or
 * ERR_INVAL.
 */
MUST_CHECK int jws_ecdsa_sig_from_der(
    const uint8_t *der, size_t len, struct buf *raw);

#endif
