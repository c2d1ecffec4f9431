/*
 * signer.h: issuers' signing keys for Open Badges 2.0 signed assertions
 * and Open Badges 3.0 credentials, and the narrow interface through which
 * they are used (STYLE.md §2.2).
 *
 * Keys are RSA-2048 for RS256 (OB 2.0 JWS and OB 3.0 VC-JWT; alg
 * "RS256") and Ed25519 (OB 3.0 eddsa-rdfc-2022 proofs; alg "Ed25519"),
 * made by Laurel; an issuer has at most one current key of each alg. The private key's PEM is
 * stored encrypted (AES-256-GCM under a key derived from the server
 * secret, the key id as associated data); only signer_sign decrypts it,
 * and wipes it after use. Rotation retires the current key (retired_at)
 * and makes a new one; retired keys stay published, with their revoked
 * date, so assertions signed before still verify up to then.
 *
 * Back ends. signer_sign is the only way to a private key, and it has two:
 *  - in process: the calling thread reads the sealed key, decrypts it with
 *    app->secret, signs and wipes it. Tests, the CLI (award, seed-demo)
 *    and any app without a signer process use it.
 *  - the signer process (domain/signer_proc.h), when app->signer_proc is
 *    set, as under `laurel serve`: a child forked before any thread, which
 *    alone decrypts keys, speaks a fixed-length frame protocol over a
 *    socketpair and exits on anything unexpected, so code that parses
 *    requests never holds key material.
 * signer_pubkey, and making keys (issuer_key_ensure, issuer_key_rotate,
 * issuer_verification_set), stay in process in both cases: they read
 * public keys, or seal a fresh key that no request has touched yet.
 */
#ifndef LAUREL_SIGNER_H
#define LAUREL_SIGNER_H

#include "core/common.h"
#include "core/buf.h"
#include "core/id.h"
#include "domain/app.h"

struct arena;

/* What signer_sign is given: the app, whose signer_proc picks the back
 * end. */
struct signer {
	struct app *app;
};

#define SIGNER_RS256 "RS256"
#define SIGNER_ED25519 "Ed25519"

/*
 * signer_sign appends to sig the signature of msg[0..len) by key key_id:
 * for an RS256 key RSASSA-PKCS1-v1_5 with SHA-256, for an Ed25519 key the
 * raw 64-byte Ed25519 signature of msg. Returns 0, ERR_NOTFOUND, ERR_INVAL
 * (no server secret), ERR_CRYPTO (the key does not decrypt, or the signer
 * process is gone), ERR_TOOBIG (over SIGNER_MSG_MAX through the process)
 * or ERR_DB. Through the signer process when s->app->signer_proc is set,
 * else in process.
 */
MUST_CHECK int signer_sign(struct signer *s, const char *key_id,
    const uint8_t *msg, size_t len, struct buf *sig);

/* signer_pubkey sets *pem to key key_id's PEM SubjectPublicKeyInfo. */
MUST_CHECK int signer_pubkey(
    struct signer *s, struct arena *a, const char *key_id, const char **pem);

struct signer_key {
	const char *id;
	const char *issuer;
	const char *alg; /* "RS256" or "Ed25519" */
	const char *public_pem;
	int64_t created_at;
	int64_t retired_at; /* 0: the current key */
};

/* signer_key_get reads key id without its private part (ERR_NOTFOUND). */
MUST_CHECK int signer_key_get(
    struct app *app, struct arena *a, const char *id, struct signer_key *out);

/* issuer_keys lists an issuer's RS256 keys, oldest first. */
MUST_CHECK int issuer_keys(struct app *app, struct arena *a, const char *issuer,
    struct signer_key **out, size_t *n);

/* issuer_keys_alg lists an issuer's keys of alg, oldest first. */
MUST_CHECK int issuer_keys_alg(struct app *app, struct arena *a,
    const char *issuer, const char *alg, struct signer_key **out, size_t *n);

/* issuer_key_current sets *id to the issuer's current RS256 key
 * (ERR_NOTFOUND). */
MUST_CHECK int issuer_key_current(
    struct app *app, struct arena *a, const char *issuer, const char **id);

/* issuer_key_current_alg: the current key of alg (ERR_NOTFOUND). */
MUST_CHECK int issuer_key_current_alg(struct app *app, struct arena *a,
    const char *issuer, const char *alg, const char **id);

/*
 * issuer_key_ensure sets *id to the issuer's current key of alg
 * (SIGNER_RS256 or SIGNER_ED25519, else ERR_INVAL), making one first if
 * there is none (ERR_INVAL without a server secret). Not audited: it is a
 * key's first use, not an admin's act.
 */
MUST_CHECK int issuer_key_ensure(struct app *app, struct arena *a,
    const char *issuer, const char *alg, const char **id);

/*
 * issuer_key_rotate retires all the issuer's current keys (RS256 and
 * Ed25519) and makes a new one of each, in one transaction, and records "issuer.key.rotate". who must
 * be an issuer admin (ERR_FORBIDDEN). *id (may be NULL) gets the new RS256
 * key's id.
 */
MUST_CHECK int issuer_key_rotate(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const char **id);

/* "hosted" or "signed" (ERR_NOTFOUND for no such issuer). */
MUST_CHECK int issuer_verification(
    struct app *app, struct arena *a, const char *issuer, const char **mode);

/*
 * issuer_verification_set sets the issuer's choice, "hosted" or "signed"
 * (ERR_INVAL otherwise); choosing "signed" without a key makes one. who
 * must be an issuer admin. Records "issuer.verification".
 */
MUST_CHECK int issuer_verification_set(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const char *mode);

/*
 * signer_seal and signer_open: AES-256-GCM with a key derived from the
 * 32-byte secret (HMAC-SHA256 with a label); sealed = nonce(12) ||
 * ciphertext || tag(16), aad bound in. signer_open returns ERR_CRYPTO when
 * the tag does not match (wrong secret, aad, or altered bytes); its output
 * buf should be wiped by the caller (OPENSSL_cleanse) after use.
 */
MUST_CHECK int signer_seal(const uint8_t secret[32], const char *aad,
    const uint8_t *pt, size_t len, struct buf *out);
MUST_CHECK int signer_open(const uint8_t secret[32], const char *aad,
    const uint8_t *sealed, size_t len, struct buf *out);

#endif
