/*
 * jws.c: compact JWS parsing, verification and assembly (see jws.h).
 *
 * The parser validates everything before it hands anything back: on error
 * the struct jws is freed here. Keys are OpenSSL EVP_PKEYs wrapped in
 * struct jws_key; an optional "alg" from the JWK pins the algorithm.
 * Verification picks the algorithm from the header only after checking that
 * the key's type matches it, which is what stops algorithm confusion (an
 * RSA public key used as an HMAC secret, or "none"). The OpenSSL error
 * queue is cleared on every failing path so that it does not leak into
 * unrelated code.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/b64.h"
#include "ob/jws.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <strings.h>

enum jws_kty { KTY_RSA = 1, KTY_P256, KTY_ED25519 };

struct jws_key {
	EVP_PKEY *pkey;
	enum jws_kty kty;
	char alg[16]; /* from the JWK, or "" */
};

static void jws_msg(char *msg, size_t msgsz, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

static void
jws_msg(char *msg, size_t msgsz, const char *fmt, ...)
{
	va_list ap;

	if (msg == NULL || msgsz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, msgsz, fmt, ap);
	va_end(ap);
}

static const char *
kty_name(enum jws_kty k)
{
	switch (k) {
	case KTY_RSA:
		return "an RSA key";
	case KTY_P256:
		return "a P-256 key";
	case KTY_ED25519:
		return "an Ed25519 key";
	}
	return "an unknown key";
}

static enum jws_alg
alg_lookup(const char *alg)
{
	if (strcmp(alg, "RS256") == 0)
		return JWS_ALG_RS256;
	if (strcmp(alg, "ES256") == 0)
		return JWS_ALG_ES256;
	if (strcmp(alg, "EdDSA") == 0 || strcmp(alg, "Ed25519") == 0)
		return JWS_ALG_EDDSA;
	return JWS_ALG_OTHER;
}

/*
 * jws_check_header parses a decoded JOSE header and checks alg and crit.
 * On success *out holds the object (caller owns it).
 */
static int
jws_check_header(
    const char *h, size_t hlen, json_t **out, char *msg, size_t msgsz)
{
	json_error_t jerr;
	json_t *hdr, *alg;
	const char *a;

	*out = NULL;
	if (hlen > JWS_MAX_HEADER) {
		jws_msg(msg, msgsz, "the JWS header is larger than %zu bytes",
		    (size_t)JWS_MAX_HEADER);
		return ERR_TOOBIG;
	}
	hdr = json_loadb(h, hlen, JSON_REJECT_DUPLICATES, &jerr);
	if (hdr == NULL) {
		jws_msg(msg, msgsz, "the JWS header is not valid JSON (%s)",
		    jerr.text);
		return ERR_INVAL;
	}
	if (!json_is_object(hdr)) {
		jws_msg(msg, msgsz, "the JWS header is not a JSON object");
		goto bad;
	}
	alg = json_object_get(hdr, "alg");
	if (alg == NULL) {
		jws_msg(msg, msgsz, "the JWS header has no \"alg\"");
		goto bad;
	}
	if (!json_is_string(alg)) {
		jws_msg(msg, msgsz, "the JWS header \"alg\" is not a string");
		goto bad;
	}
	a = json_string_value(alg);
	if (strcasecmp(a, "none") == 0) {
		jws_msg(msg, msgsz,
		    "alg none is not allowed: the JWS is not signed");
		goto bad;
	}
	if (json_object_get(hdr, "crit") != NULL) {
		jws_msg(msg, msgsz,
		    "the JWS header has a \"crit\" list of extensions, which "
		    "this verifier does not implement");
		goto bad;
	}
	*out = hdr;
	return 0;
bad:
	json_decref(hdr);
	return ERR_INVAL;
}

void
jws_free(struct jws *j)
{
	if (j->header != NULL)
		json_decref(j->header);
	j->header = NULL;
	buf_free(&j->payload);
	buf_free(&j->signing_input);
	buf_free(&j->sig);
}

int
jws_parse(const char *in, size_t len, struct jws *out, char *msg, size_t msgsz)
{
	const char *d1, *d2;
	struct buf hdr;
	size_t hl, pl, sl;
	int rc = ERR_INVAL;

	memset(out, 0, sizeof(*out));
	buf_init(&out->payload, NULL, JWS_MAX_LEN);
	buf_init(&out->signing_input, NULL, JWS_MAX_LEN);
	buf_init(&out->sig, NULL, JWS_MAX_SIG);
	buf_init(&hdr, NULL, JWS_MAX_HEADER);
	if (len > JWS_MAX_LEN) {
		jws_msg(msg, msgsz, "the JWS is larger than %zu bytes",
		    (size_t)JWS_MAX_LEN);
		rc = ERR_TOOBIG;
		goto out;
	}
	d1 = memchr(in, '.', len);
	d2 = d1 ? memchr(d1 + 1, '.', len - (size_t)(d1 + 1 - in)) : NULL;
	if (d2 == NULL || memchr(d2 + 1, '.', len - (size_t)(d2 + 1 - in))) {
		jws_msg(msg, msgsz,
		    "a compact JWS must have exactly three "
		    "dot-separated parts");
		goto out;
	}
	hl = (size_t)(d1 - in);
	pl = (size_t)(d2 - d1 - 1);
	sl = len - (size_t)(d2 + 1 - in);
	if (hl == 0) {
		jws_msg(msg, msgsz, "the JWS header is empty");
		goto out;
	}
	if (pl == 0) {
		jws_msg(msg, msgsz,
		    "the JWS payload is empty (detached "
		    "payloads are not supported)");
		goto out;
	}
	if (sl == 0) {
		jws_msg(msg, msgsz, "the JWS has no signature");
		goto out;
	}
	rc = b64url_decode(in, hl, &hdr);
	if (rc) {
		jws_msg(msg, msgsz,
		    rc == ERR_TOOBIG ? "the JWS header is too large"
		                     : "the JWS header is not valid base64url");
		goto out;
	}
	rc = jws_check_header(hdr.data, hdr.len, &out->header, msg, msgsz);
	if (rc)
		goto out;
	rc = b64url_decode(d1 + 1, pl, &out->payload);
	if (rc) {
		jws_msg(msg, msgsz, "the JWS payload is not valid base64url");
		goto out;
	}
	rc = b64url_decode(d2 + 1, sl, &out->sig);
	if (rc) {
		jws_msg(msg, msgsz,
		    rc == ERR_TOOBIG
		        ? "the JWS signature is too long"
		        : "the JWS signature is not valid base64url");
		goto out;
	}
	buf_add(&out->signing_input, in, (size_t)(d2 - in));
	rc = buf_err(&out->signing_input);
	if (rc)
		goto out;
	snprintf(out->alg, sizeof(out->alg), "%s",
	    json_string_value(json_object_get(out->header, "alg")));
	out->alg_id =
	    alg_lookup(json_string_value(json_object_get(out->header, "alg")));
	rc = 0;
out:
	buf_free(&hdr);
	if (rc)
		jws_free(out);
	return rc;
}

static int
key_classify(struct jws_key *k, char *msg, size_t msgsz)
{
	char group[64];
	size_t glen = 0;

	switch (EVP_PKEY_get_base_id(k->pkey)) {
	case EVP_PKEY_RSA:
		k->kty = KTY_RSA;
		return 0;
	case EVP_PKEY_ED25519:
		k->kty = KTY_ED25519;
		return 0;
	case EVP_PKEY_EC:
		if (EVP_PKEY_get_utf8_string_param(k->pkey,
		        OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
		        &glen) != 1 ||
		    strcmp(group, SN_X9_62_prime256v1) != 0) {
			jws_msg(msg, msgsz,
			    "the EC key is not on curve P-256 (only ES256 is "
			    "supported)");
			return ERR_INVAL;
		}
		k->kty = KTY_P256;
		return 0;
	default:
		jws_msg(msg, msgsz,
		    "unsupported key type (RSA, P-256 or "
		    "Ed25519 keys are supported)");
		return ERR_INVAL;
	}
}

void
jws_key_free(struct jws_key *k)
{
	if (k == NULL)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}

int
jws_key_from_pem(
    const char *pem, size_t len, struct jws_key **out, char *msg, size_t msgsz)
{
	struct jws_key *k = NULL;
	BIO *bio = NULL;
	int n, rc = ERR_INVAL;

	*out = NULL;
	if (len > JWS_MAX_PEM || size_to_int(len, &n)) {
		jws_msg(msg, msgsz, "the PEM key is too large");
		return ERR_TOOBIG;
	}
	bio = BIO_new_mem_buf(pem, n);
	if (bio == NULL)
		fatal("jws: BIO_new_mem_buf failed");
	k = xcalloc(1, sizeof(*k));
	k->pkey = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
	if (k->pkey == NULL) {
		jws_msg(msg, msgsz,
		    "the PEM text is not a public key "
		    "(expected \"BEGIN PUBLIC KEY\")");
		goto out;
	}
	rc = key_classify(k, msg, msgsz);
	if (rc)
		goto out;
	*out = k;
	k = NULL;
out:
	ERR_clear_error();
	BIO_free(bio);
	jws_key_free(k);
	return rc;
}

/* jwk_b64 decodes the base64url string member name of jwk into b. */
static int
jwk_b64(
    const json_t *jwk, const char *name, struct buf *b, char *msg, size_t msgsz)
{
	const json_t *v = json_object_get(jwk, name);

	if (!json_is_string(v)) {
		jws_msg(msg, msgsz, "the JWK has no \"%s\" string", name);
		return ERR_INVAL;
	}
	if (b64url_decode(json_string_value(v), json_string_length(v), b) ||
	    b->len == 0) {
		jws_msg(
		    msg, msgsz, "the JWK \"%s\" is not valid base64url", name);
		return ERR_INVAL;
	}
	return 0;
}

static EVP_PKEY *
pkey_fromdata(const char *type, OSSL_PARAM *params)
{
	EVP_PKEY_CTX *ctx;
	EVP_PKEY *pkey = NULL;

	ctx = EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
	if (ctx == NULL)
		fatal("jws: no OpenSSL provider for %s", type);
	if (EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) != 1)
		pkey = NULL;
	EVP_PKEY_CTX_free(ctx);
	return pkey;
}

static EVP_PKEY *
jwk_rsa(const struct buf *n, const struct buf *e)
{
	OSSL_PARAM_BLD *bld;
	OSSL_PARAM *params;
	BIGNUM *bn = NULL, *be = NULL;
	EVP_PKEY *pkey;
	int nl, el;

	if (size_to_int(n->len, &nl) || size_to_int(e->len, &el))
		return NULL;
	bn = BN_bin2bn((const unsigned char *)n->data, nl, NULL);
	be = BN_bin2bn((const unsigned char *)e->data, el, NULL);
	bld = OSSL_PARAM_BLD_new();
	if (bn == NULL || be == NULL || bld == NULL)
		fatal("jws: out of memory");
	if (OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn) != 1 ||
	    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, be) != 1)
		fatal("jws: OSSL_PARAM_BLD failed");
	params = OSSL_PARAM_BLD_to_param(bld);
	if (params == NULL)
		fatal("jws: OSSL_PARAM_BLD_to_param failed");
	pkey = pkey_fromdata("RSA", params);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(bn);
	BN_free(be);
	return pkey;
}

static EVP_PKEY *
jwk_p256(const struct buf *x, const struct buf *y)
{
	uint8_t pt[65];
	OSSL_PARAM params[3];
	EVP_PKEY *pkey;
	EVP_PKEY_CTX *ctx;

	pt[0] = 0x04;
	memcpy(pt + 1, x->data, 32);
	memcpy(pt + 33, y->data, 32);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
	    (char *)(uintptr_t)SN_X9_62_prime256v1, 0);
	params[1] = OSSL_PARAM_construct_octet_string(
	    OSSL_PKEY_PARAM_PUB_KEY, pt, sizeof(pt));
	params[2] = OSSL_PARAM_construct_end();
	pkey = pkey_fromdata("EC", params);
	if (pkey == NULL)
		return NULL;
	/* The point must lie on the curve. */
	ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
	if (ctx == NULL || EVP_PKEY_public_check(ctx) != 1) {
		EVP_PKEY_free(pkey);
		pkey = NULL;
	}
	EVP_PKEY_CTX_free(ctx);
	return pkey;
}

int
jws_key_from_jwk(
    const json_t *jwk, struct jws_key **out, char *msg, size_t msgsz)
{
	static const char *const private_members[] = {
	    "d", "p", "q", "dp", "dq", "qi", "oth", "k"};
	struct jws_key *k = NULL;
	struct buf a, b;
	const char *kty, *crv, *alg;
	size_t i;
	int rc = ERR_INVAL;

	*out = NULL;
	buf_init(&a, NULL, 2048);
	buf_init(&b, NULL, 2048);
	if (!json_is_object(jwk)) {
		jws_msg(msg, msgsz, "the JWK is not a JSON object");
		goto out;
	}
	for (i = 0; i < NELEM(private_members); i++) {
		if (json_object_get(jwk, private_members[i]) != NULL) {
			jws_msg(msg, msgsz,
			    "the JWK contains private key material (\"%s\"); "
			    "only public keys are accepted",
			    private_members[i]);
			goto out;
		}
	}
	kty = json_string_value(json_object_get(jwk, "kty"));
	crv = json_string_value(json_object_get(jwk, "crv"));
	alg = json_string_value(json_object_get(jwk, "alg"));
	if (kty == NULL) {
		jws_msg(msg, msgsz, "the JWK has no \"kty\"");
		goto out;
	}
	k = xcalloc(1, sizeof(*k));
	if (alg != NULL)
		snprintf(k->alg, sizeof(k->alg), "%s", alg);
	if (strcmp(kty, "RSA") == 0) {
		if (jwk_b64(jwk, "n", &a, msg, msgsz) ||
		    jwk_b64(jwk, "e", &b, msg, msgsz))
			goto out;
		k->pkey = jwk_rsa(&a, &b);
	} else if (strcmp(kty, "EC") == 0) {
		if (crv == NULL || strcmp(crv, "P-256") != 0) {
			jws_msg(msg, msgsz, "the JWK curve is not P-256");
			goto out;
		}
		if (jwk_b64(jwk, "x", &a, msg, msgsz) ||
		    jwk_b64(jwk, "y", &b, msg, msgsz))
			goto out;
		if (a.len != 32 || b.len != 32) {
			jws_msg(msg, msgsz,
			    "the JWK P-256 coordinates are not "
			    "32 bytes long");
			goto out;
		}
		k->pkey = jwk_p256(&a, &b);
	} else if (strcmp(kty, "OKP") == 0) {
		if (crv == NULL || strcmp(crv, "Ed25519") != 0) {
			jws_msg(msg, msgsz, "the JWK OKP curve is not Ed25519");
			goto out;
		}
		if (jwk_b64(jwk, "x", &a, msg, msgsz))
			goto out;
		if (a.len != 32) {
			jws_msg(msg, msgsz,
			    "the JWK Ed25519 key is not 32 "
			    "bytes long");
			goto out;
		}
		k->pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL,
		    (const unsigned char *)a.data, a.len);
	} else {
		jws_msg(msg, msgsz, "unsupported JWK key type \"%.20s\"", kty);
		goto out;
	}
	if (k->pkey == NULL) {
		jws_msg(msg, msgsz,
		    "the JWK does not hold a valid %s public "
		    "key",
		    kty);
		goto out;
	}
	rc = key_classify(k, msg, msgsz);
	if (rc)
		goto out;
	*out = k;
	k = NULL;
out:
	ERR_clear_error();
	buf_free(&a);
	buf_free(&b);
	jws_key_free(k);
	return rc;
}

/* es256_der converts the 64-byte R||S signature to DER for OpenSSL. */
static int
es256_der(const struct buf *sig, unsigned char **der, int *derlen)
{
	ECDSA_SIG *es;
	BIGNUM *r, *s;

	*der = NULL;
	if (sig->len != 64)
		return ERR_INVAL;
	es = ECDSA_SIG_new();
	r = BN_bin2bn((const unsigned char *)sig->data, 32, NULL);
	s = BN_bin2bn((const unsigned char *)sig->data + 32, 32, NULL);
	if (es == NULL || r == NULL || s == NULL ||
	    ECDSA_SIG_set0(es, r, s) != 1)
		fatal("jws: out of memory");
	*derlen = i2d_ECDSA_SIG(es, der);
	ECDSA_SIG_free(es);
	if (*derlen <= 0)
		fatal("jws: i2d_ECDSA_SIG failed");
	return 0;
}

int
jws_verify(
    const struct jws *j, const struct jws_key *k, char *msg, size_t msgsz)
{
	EVP_MD_CTX *md = NULL;
	const EVP_MD *hash = NULL;
	enum jws_kty want;
	const unsigned char *sig = (const unsigned char *)j->sig.data;
	unsigned char *der = NULL;
	size_t siglen = j->sig.len;
	int derlen, bits, vr, rc = ERR_INVAL;

	switch (j->alg_id) {
	case JWS_ALG_RS256:
		want = KTY_RSA;
		hash = EVP_sha256();
		break;
	case JWS_ALG_ES256:
		want = KTY_P256;
		hash = EVP_sha256();
		break;
	case JWS_ALG_EDDSA:
		want = KTY_ED25519;
		break;
	case JWS_ALG_OTHER:
	default:
		if (strncmp(j->alg, "HS", 2) == 0)
			jws_msg(msg, msgsz,
			    "alg %s (a shared-secret HMAC) is not accepted: "
			    "badges must be signed with a public key",
			    j->alg);
		else
			jws_msg(msg, msgsz,
			    "alg %s is not supported (RS256, ES256 and EdDSA "
			    "are)",
			    j->alg);
		return ERR_INVAL;
	}
	if (k->kty != want) {
		jws_msg(msg, msgsz,
		    "the key does not fit the JWS: alg %s "
		    "needs %s, but the key is %s",
		    j->alg, kty_name(want), kty_name(k->kty));
		return ERR_INVAL;
	}
	if (k->alg[0] != '\0' && alg_lookup(k->alg) != j->alg_id) {
		jws_msg(msg, msgsz,
		    "the key is restricted to alg %s, but the JWS uses %s",
		    k->alg, j->alg);
		return ERR_INVAL;
	}
	if (want == KTY_RSA) {
		bits = EVP_PKEY_get_bits(k->pkey);
		if (bits < JWS_RSA_MIN_BITS) {
			jws_msg(msg, msgsz,
			    "the RSA key has %d bits; at least %d are required",
			    bits, JWS_RSA_MIN_BITS);
			return ERR_INVAL;
		}
	}
	if (want == KTY_P256) {
		if (es256_der(&j->sig, &der, &derlen)) {
			jws_msg(msg, msgsz,
			    "the ES256 signature is not 64 "
			    "bytes long");
			return ERR_INVAL;
		}
		sig = der;
		siglen = (size_t)derlen;
	}
	md = EVP_MD_CTX_new();
	if (md == NULL)
		fatal("jws: out of memory");
	if (EVP_DigestVerifyInit(md, NULL, hash, NULL, k->pkey) != 1) {
		jws_msg(
		    msg, msgsz, "the key cannot be used to verify %s", j->alg);
		rc = ERR_CRYPTO;
		goto out;
	}
	vr = EVP_DigestVerify(md, sig, siglen,
	    (const unsigned char *)j->signing_input.data, j->signing_input.len);
	if (vr != 1) {
		jws_msg(msg, msgsz, "the signature does not match the key");
		rc = ERR_CRYPTO;
		goto out;
	}
	rc = 0;
out:
	ERR_clear_error();
	EVP_MD_CTX_free(md);
	OPENSSL_free(der);
	return rc;
}

int
jws_signing_input(const char *header_json, size_t hlen, const void *payload,
    size_t plen, struct buf *out, char *msg, size_t msgsz)
{
	json_t *hdr;
	size_t start = out->len;
	int rc;

	rc = jws_check_header(header_json, hlen, &hdr, msg, msgsz);
	if (rc)
		return rc;
	json_decref(hdr);
	if (plen == 0) {
		jws_msg(msg, msgsz, "the JWS payload is empty");
		return ERR_INVAL;
	}
	if (plen > JWS_MAX_LEN / 4 * 3) {
		jws_msg(msg, msgsz, "the JWS payload is too large");
		return ERR_TOOBIG;
	}
	b64url_encode(header_json, hlen, out);
	buf_addc(out, '.');
	b64url_encode(payload, plen, out);
	rc = buf_err(out);
	if (rc) {
		if (out->len > start) {
			out->len = start;
			out->data[start] = '\0';
		}
		jws_msg(msg, msgsz, "the JWS would be too large");
	}
	return rc;
}

void
jws_assemble(const char *signing_input, size_t silen, const void *sig,
    size_t siglen, struct buf *out)
{
	buf_add(out, signing_input, silen);
	buf_addc(out, '.');
	b64url_encode(sig, siglen, out);
}

int
jws_sign(const char *header_json, size_t hlen, const void *payload, size_t plen,
    const struct jws_signer *s, struct buf *out, char *msg, size_t msgsz)
{
	struct buf si, sig;
	int rc;

	buf_init(&si, NULL, JWS_MAX_LEN);
	buf_init(&sig, NULL, JWS_MAX_SIG);
	rc = jws_signing_input(
	    header_json, hlen, payload, plen, &si, msg, msgsz);
	if (rc)
		goto out;
	rc = s->sign(s->ctx, (const uint8_t *)si.data, si.len, &sig);
	if (rc == 0)
		rc = buf_err(&sig);
	if (rc) {
		jws_msg(msg, msgsz, "signing failed (%s)", err_str(rc));
		goto out;
	}
	jws_assemble(si.data, si.len, sig.data, sig.len, out);
	rc = buf_err(out);
	if (rc)
		jws_msg(msg, msgsz, "the JWS would be too large");
out:
	buf_free(&si);
	buf_free(&sig);
	return rc;
}

int
jws_ecdsa_sig_from_der(const uint8_t *der, size_t len, struct buf *raw)
{
	const unsigned char *p = der;
	const BIGNUM *r, *s;
	ECDSA_SIG *es;
	uint8_t rs[64];
	long l;
	int rc = ERR_INVAL;

	if (len > 256)
		return ERR_INVAL;
	l = (long)len;
	es = d2i_ECDSA_SIG(NULL, &p, l);
	if (es == NULL || p != der + len)
		goto out;
	ECDSA_SIG_get0(es, &r, &s);
	if (BN_bn2binpad(r, rs, 32) != 32 || BN_bn2binpad(s, rs + 32, 32) != 32)
		goto out;
	buf_add(raw, rs, sizeof(rs));
	rc = buf_err(raw);
out:
	ECDSA_SIG_free(es);
	ERR_clear_error();
	return rc;
}
