/*
 * test_jws.c: compact JWS parse/verify/sign (src/ob/jws.c).
 *
 * Fixtures: the OB 2.0 validator's signed assertions (simple*.jwt, keys in
 * assets/key1..3.json publicKeyPem) and the OB 3.0 VC-JWT baked payloads
 * (key in the "jwk" header), from $LAUREL_SPEC_DIR (default
 * ../shared/spec). Keys for the sign-then-verify tests are generated here;
 * the signing callback lives in this file, as it would in the signer.
 */
#include <criterion/criterion.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/core_names.h>
#include <openssl/pem.h>

#include "core/buf.h"
#include "core/err.h"
#include "ob/b64.h"
#include "ob/jws.h"

static void
spec_file(const char *rel, struct buf *b)
{
	const char *dir = getenv("LAUREL_SPEC_DIR");
	char path[1024], tmp[4096];
	size_t n;
	FILE *f;

	if (dir == NULL || *dir == '\0')
		dir = "../shared/spec";
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "rb");
	cr_assert_not_null(f,
	    "spec data not found: %s (set LAUREL_SPEC_DIR to the spec folder)",
	    path);
	buf_init(b, NULL, 1 << 20);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(b, tmp, n);
	fclose(f);
	/* The .jwt files end with a newline; a JWS has none. */
	while (b->len > 0 &&
	    (b->data[b->len - 1] == '\n' || b->data[b->len - 1] == '\r'))
		b->data[--b->len] = '\0';
}

static struct jws_key *
pem_key_from_asset(const char *asset)
{
	struct buf b;
	json_t *j;
	const char *pem;
	struct jws_key *k;
	char msg[JWS_MSG_SIZE];

	spec_file(asset, &b);
	j = json_loadb(b.data, b.len, 0, NULL);
	cr_assert_not_null(j);
	pem = json_string_value(json_object_get(j, "publicKeyPem"));
	cr_assert_not_null(pem);
	cr_assert_eq(jws_key_from_pem(pem, strlen(pem), &k, msg, sizeof(msg)),
	    0, "%s", msg);
	json_decref(j);
	buf_free(&b);
	return k;
}

Test(jws, ob2_signed_fixtures_verify)
{
	static const char *const jwts[] = {
	    "simple.jwt", "simple-not-revoked.jwt", "simple-revoked.jwt"};
	static const char *const keys[] = {
	    "key1.json", "key2.json", "key3.json"};
	struct jws_key *k[3];
	struct jws j;
	struct buf b;
	char path[256], msg[JWS_MSG_SIZE];
	size_t i, m;
	int nok;

	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "ob2/validator-tests/assets/%s",
		    keys[i]);
		k[i] = pem_key_from_asset(path);
	}
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "ob2/validator-tests/%s", jwts[i]);
		spec_file(path, &b);
		cr_assert_eq(jws_parse(b.data, b.len, &j, msg, sizeof(msg)), 0,
		    "%s: %s", jwts[i], msg);
		cr_assert_str_eq(j.alg, "RS256");
		cr_assert_eq(j.alg_id, JWS_ALG_RS256);
		cr_assert_str_eq(
		    json_string_value(json_object_get(j.header, "typ")), "JWT");
		cr_assert_eq(j.payload.data[0], '{');
		cr_assert_eq(j.sig.len, 256);
		cr_assert_eq(jws_verify(&j, k[i], msg, sizeof(msg)), 0,
		    "%s: %s", jwts[i], msg);
		/* Only its own key verifies it (keys 1-3 differ). */
		nok = 0;
		for (m = 0; m < 3; m++)
			nok += jws_verify(&j, k[m], msg, sizeof(msg)) == 0;
		cr_assert_eq(nok, 1, "%s verified with %d keys", jwts[i], nok);
		jws_free(&j);
		buf_free(&b);
	}
	for (i = 0; i < 3; i++)
		jws_key_free(k[i]);
}

Test(jws, vc_jwt_baked_payloads_verify_with_header_jwk)
{
	static const char *const files[] = {
	    "vectors/baked-payloads/ob30_simple-jwt.png.payload.jwt",
	    "vectors/baked-payloads/ob30_simple-jwt.svg.payload.jwt",
	    "vectors/baked-payloads/ob30_simple-jwt_v1.png.payload.jwt",
	    "vectors/baked-payloads/ob30_simple-jwt_v1.svg.payload.jwt"};
	struct jws_key *k;
	struct jws j;
	struct buf b;
	char msg[JWS_MSG_SIZE];
	size_t i;

	for (i = 0; i < NELEM(files); i++) {
		spec_file(files[i], &b);
		cr_assert_eq(jws_parse(b.data, b.len, &j, msg, sizeof(msg)), 0,
		    "%s: %s", files[i], msg);
		cr_assert_eq(jws_key_from_jwk(json_object_get(j.header, "jwk"),
		                 &k, msg, sizeof(msg)),
		    0, "%s: %s", files[i], msg);
		cr_assert_eq(jws_verify(&j, k, msg, sizeof(msg)), 0, "%s: %s",
		    files[i], msg);
		jws_key_free(k);
		jws_free(&j);
		buf_free(&b);
	}
}

/* tamper replaces one base64url character at off with a different one. */
static void
tamper(struct buf *b, size_t off)
{
	b->data[off] = b->data[off] == 'A' ? 'B' : 'A';
}

Test(jws, tampering_is_detected)
{
	struct jws_key *k;
	struct jws j;
	struct buf b, t;
	char msg[JWS_MSG_SIZE];
	const char *d1, *d2;
	size_t offs[3], i;

	k = pem_key_from_asset("ob2/validator-tests/assets/key1.json");
	spec_file("ob2/validator-tests/simple.jwt", &b);
	d1 = strchr(b.data, '.');
	d2 = strchr(d1 + 1, '.');
	offs[0] = (size_t)(d1 - b.data) + 10; /* payload */
	offs[1] = (size_t)(d2 - b.data) + 10; /* signature */
	offs[2] = 5;                          /* header: breaks JSON */
	for (i = 0; i < NELEM(offs); i++) {
		buf_init(&t, NULL, 1 << 20);
		buf_add(&t, b.data, b.len);
		tamper(&t, offs[i]);
		if (jws_parse(t.data, t.len, &j, msg, sizeof(msg)) == 0) {
			cr_assert_eq(jws_verify(&j, k, msg, sizeof(msg)),
			    ERR_CRYPTO, "tamper at %zu verified", offs[i]);
			cr_assert_str_eq(
			    msg, "the signature does not match the key");
			jws_free(&j);
		}
		buf_free(&t);
	}
	/* Payload swapped from another fixture under the same header. */
	{
		struct buf o;
		spec_file("ob2/validator-tests/simple-revoked.jwt", &o);
		buf_init(&t, NULL, 1 << 20);
		buf_add(&t, b.data, (size_t)(d1 - b.data));
		buf_add(&t, strchr(o.data, '.'),
		    (size_t)(strrchr(o.data, '.') - strchr(o.data, '.')));
		buf_add(&t, d2, strlen(d2));
		cr_assert_eq(jws_parse(t.data, t.len, &j, msg, sizeof(msg)), 0);
		cr_assert_eq(jws_verify(&j, k, msg, sizeof(msg)), ERR_CRYPTO);
		jws_free(&j);
		buf_free(&t);
		buf_free(&o);
	}
	buf_free(&b);
	jws_key_free(k);
}

static void
make_jws(const char *hdr, const char *payload, const void *sig, size_t siglen,
    struct buf *out)
{
	buf_init(out, NULL, 1 << 20);
	b64url_encode(hdr, strlen(hdr), out);
	buf_addc(out, '.');
	b64url_encode(payload, strlen(payload), out);
	buf_addc(out, '.');
	b64url_encode(sig, siglen, out);
}

Test(jws, alg_none_and_hmac_confusion_fail)
{
	struct jws_key *k;
	struct jws j;
	struct buf b, pem;
	json_t *kj;
	const char *p;
	unsigned char mac[32];
	unsigned int maclen = sizeof(mac);
	char msg[JWS_MSG_SIZE];

	make_jws("{\"alg\":\"none\"}", "{\"a\":1}", "x", 1, &b);
	cr_assert_eq(jws_parse(b.data, b.len, &j, msg, sizeof(msg)), ERR_INVAL);
	cr_assert(strstr(msg, "alg none is not allowed") != NULL, "%s", msg);
	buf_free(&b);
	make_jws("{\"alg\":\"NoNe\"}", "{\"a\":1}", "x", 1, &b);
	cr_assert_eq(jws_parse(b.data, b.len, &j, msg, sizeof(msg)), ERR_INVAL);
	buf_free(&b);
	/* Unsigned JWS (empty third part). */
	cr_assert_eq(
	    jws_parse("eyJhbGciOiJSUzI1NiJ9.e30.", 25, &j, msg, sizeof(msg)),
	    ERR_INVAL);

	/* HS256 keyed with the RSA public key PEM text: the classic attack. */
	spec_file("ob2/validator-tests/assets/key1.json", &pem);
	kj = json_loadb(pem.data, pem.len, 0, NULL);
	p = json_string_value(json_object_get(kj, "publicKeyPem"));
	cr_assert_eq(jws_key_from_pem(p, strlen(p), &k, msg, sizeof(msg)), 0);
	buf_init(&b, NULL, 1 << 20);
	b64url_encode("{\"alg\":\"HS256\"}", 15, &b);
	buf_addc(&b, '.');
	b64url_encode("{\"a\":1}", 7, &b);
	cr_assert_not_null(HMAC(EVP_sha256(), p, (int)strlen(p),
	    (const unsigned char *)b.data, b.len, mac, &maclen));
	buf_addc(&b, '.');
	b64url_encode(mac, maclen, &b);
	cr_assert_eq(jws_parse(b.data, b.len, &j, msg, sizeof(msg)), 0);
	cr_assert_eq(j.alg_id, JWS_ALG_OTHER);
	cr_assert_neq(jws_verify(&j, k, msg, sizeof(msg)), 0);
	cr_assert(strstr(msg, "HS256") != NULL, "%s", msg);
	jws_free(&j);
	buf_free(&b);
	json_decref(kj);
	buf_free(&pem);
	jws_key_free(k);
}

Test(jws, malformed_inputs)
{
	static const char *const hdrs[] = {"[1]", "{", "\"alg\"", "{}",
	    "{\"alg\":5}", "{\"alg\":\"RS256\",\"alg\":\"RS256\"}",
	    "{\"alg\":\"RS256\",\"crit\":[\"exp\"],\"exp\":1}"};
	static const char *const needles[] = {"not a JSON object",
	    "not valid JSON", "not valid JSON", "no \"alg\"", "not a string",
	    "not valid JSON", "crit"};
	struct jws j;
	struct buf b;
	char msg[JWS_MSG_SIZE];
	size_t i;

	for (i = 0; i < NELEM(hdrs); i++) {
		make_jws(hdrs[i], "{}", "sig", 3, &b);
		cr_assert_eq(jws_parse(b.data, b.len, &j, msg, sizeof(msg)),
		    ERR_INVAL, "%s", hdrs[i]);
		cr_assert(
		    strstr(msg, needles[i]) != NULL, "%s -> %s", hdrs[i], msg);
		buf_free(&b);
	}
	cr_assert_eq(jws_parse("a.b", 3, &j, msg, sizeof(msg)), ERR_INVAL);
	cr_assert(strstr(msg, "three") != NULL);
	cr_assert_eq(jws_parse("a.b.c.d", 7, &j, msg, sizeof(msg)), ERR_INVAL);
	cr_assert_eq(jws_parse("", 0, &j, msg, sizeof(msg)), ERR_INVAL);
	cr_assert_eq(jws_parse(".e30.eA", 7, &j, msg, sizeof(msg)), ERR_INVAL);
	cr_assert_eq(
	    jws_parse("eyJhbGciOiJSUzI1NiJ9..eA", 24, &j, msg, sizeof(msg)),
	    ERR_INVAL);
	cr_assert(strstr(msg, "payload is empty") != NULL);
	cr_assert_eq(
	    jws_parse("eyJhbGciOiJSUzI1NiJ9.e30=.eA", 27, &j, msg, sizeof(msg)),
	    ERR_INVAL);
	cr_assert_eq(
	    jws_parse("eyJhbGciOiJSUzI1NiJ9.e30.e A", 28, &j, msg, sizeof(msg)),
	    ERR_INVAL);
	/* Sizes. */
	{
		char *big = calloc(1, JWS_MAX_LEN + 1);
		cr_assert_eq(
		    jws_parse(big, JWS_MAX_LEN + 1, &j, msg, sizeof(msg)),
		    ERR_TOOBIG);
		free(big);
	}
	{
		uint8_t sig[JWS_MAX_SIG + 1] = {0};
		make_jws("{\"alg\":\"RS256\"}", "{}", sig, sizeof(sig), &b);
		cr_assert_eq(
		    jws_parse(b.data, b.len, &j, msg, sizeof(msg)), ERR_TOOBIG);
		buf_free(&b);
	}
}

/* The signing callback, as the signer process would implement it. */
struct test_signer {
	EVP_PKEY *pkey;
	bool es256; /* convert OpenSSL's DER to R||S */
};

static int
test_sign(void *ctx, const uint8_t *m, size_t len, struct buf *sig)
{
	struct test_signer *ts = ctx;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	const EVP_MD *h = EVP_PKEY_get_base_id(ts->pkey) == EVP_PKEY_ED25519
	    ? NULL
	    : EVP_sha256();
	unsigned char out[1024];
	size_t outlen = sizeof(out);
	int rc = ERR_CRYPTO;

	if (EVP_DigestSignInit(md, NULL, h, NULL, ts->pkey) == 1 &&
	    EVP_DigestSign(md, out, &outlen, m, len) == 1) {
		if (ts->es256)
			rc = jws_ecdsa_sig_from_der(out, outlen, sig);
		else {
			buf_add(sig, out, outlen);
			rc = 0;
		}
	}
	EVP_MD_CTX_free(md);
	return rc;
}

static struct jws_key *
pub_pem(EVP_PKEY *pkey)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *p;
	long n;
	struct jws_key *k;
	char msg[JWS_MSG_SIZE];

	cr_assert_eq(PEM_write_bio_PUBKEY(bio, pkey), 1);
	n = BIO_get_mem_data(bio, &p);
	cr_assert_eq(
	    jws_key_from_pem(p, (size_t)n, &k, msg, sizeof(msg)), 0, "%s", msg);
	BIO_free(bio);
	return k;
}

static void
b64_member(json_t *o, const char *name, const void *p, size_t n)
{
	struct buf b;

	buf_init(&b, NULL, 4096);
	b64url_encode(p, n, &b);
	json_object_set_new(o, name, json_string(b.data));
	buf_free(&b);
}

static void
bn_member(json_t *o, const char *name, EVP_PKEY *pkey, const char *param)
{
	BIGNUM *bn = NULL;
	unsigned char tmp[1024];
	int n;

	cr_assert_eq(EVP_PKEY_get_bn_param(pkey, param, &bn), 1);
	n = BN_bn2bin(bn, tmp);
	b64_member(o, name, tmp, (size_t)n);
	BN_free(bn);
}

/* pub_jwk builds the public JWK of pkey and loads it. */
static struct jws_key *
pub_jwk(EVP_PKEY *pkey, json_t **jwk_out)
{
	json_t *jwk = json_object();
	struct jws_key *k;
	char msg[JWS_MSG_SIZE];
	unsigned char raw[65];
	size_t rl = sizeof(raw);

	switch (EVP_PKEY_get_base_id(pkey)) {
	case EVP_PKEY_RSA:
		json_object_set_new(jwk, "kty", json_string("RSA"));
		bn_member(jwk, "n", pkey, OSSL_PKEY_PARAM_RSA_N);
		bn_member(jwk, "e", pkey, OSSL_PKEY_PARAM_RSA_E);
		break;
	case EVP_PKEY_ED25519:
		json_object_set_new(jwk, "kty", json_string("OKP"));
		json_object_set_new(jwk, "crv", json_string("Ed25519"));
		cr_assert_eq(EVP_PKEY_get_raw_public_key(pkey, raw, &rl), 1);
		b64_member(jwk, "x", raw, rl);
		break;
	case EVP_PKEY_EC:
		json_object_set_new(jwk, "kty", json_string("EC"));
		json_object_set_new(jwk, "crv", json_string("P-256"));
		cr_assert_eq(
		    EVP_PKEY_get_octet_string_param(
		        pkey, OSSL_PKEY_PARAM_PUB_KEY, raw, sizeof(raw), &rl),
		    1);
		cr_assert_eq(rl, 65);
		b64_member(jwk, "x", raw + 1, 32);
		b64_member(jwk, "y", raw + 33, 32);
		break;
	default:
		cr_assert_fail("unexpected key type");
	}
	cr_assert_eq(jws_key_from_jwk(jwk, &k, msg, sizeof(msg)), 0, "%s", msg);
	if (jwk_out != NULL)
		*jwk_out = jwk;
	else
		json_decref(jwk);
	return k;
}

static void
sign_verify_round_trip(EVP_PKEY *pkey, const char *alg, bool es256)
{
	struct test_signer ts = {pkey, es256};
	struct jws_signer s = {test_sign, &ts};
	struct jws_key *kp, *kj;
	struct jws j;
	struct buf out, si;
	char hdr[64], msg[JWS_MSG_SIZE];
	const char *payload = "{\"iss\":\"https://example.org/issuer\"}";

	snprintf(hdr, sizeof(hdr), "{\"alg\":\"%s\",\"typ\":\"JWT\"}", alg);
	buf_init(&out, NULL, 1 << 20);
	cr_assert_eq(jws_sign(hdr, strlen(hdr), payload, strlen(payload), &s,
	                 &out, msg, sizeof(msg)),
	    0, "%s", msg);
	cr_assert_eq(
	    jws_parse(out.data, out.len, &j, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_str_eq(j.alg, alg);
	cr_assert_eq(j.payload.len, strlen(payload));
	cr_assert_eq(memcmp(j.payload.data, payload, j.payload.len), 0);
	/* signing_input + assemble give the same text as jws_sign. */
	buf_init(&si, NULL, 1 << 20);
	cr_assert_eq(jws_signing_input(hdr, strlen(hdr), payload,
	                 strlen(payload), &si, msg, sizeof(msg)),
	    0);
	cr_assert_eq(si.len, j.signing_input.len);
	cr_assert_eq(memcmp(si.data, j.signing_input.data, si.len), 0);
	buf_free(&si);
	kp = pub_pem(pkey);
	kj = pub_jwk(pkey, NULL);
	cr_assert_eq(
	    jws_verify(&j, kp, msg, sizeof(msg)), 0, "%s: %s", alg, msg);
	cr_assert_eq(
	    jws_verify(&j, kj, msg, sizeof(msg)), 0, "%s: %s", alg, msg);
	/* Flip one signature bit. */
	j.sig.data[j.sig.len / 2] ^= 1;
	cr_assert_eq(
	    jws_verify(&j, kp, msg, sizeof(msg)), ERR_CRYPTO, "%s", alg);
	j.sig.data[j.sig.len / 2] ^= 1;
	/* Flip one payload bit of the signed bytes. */
	j.signing_input.data[j.signing_input.len - 2] ^= 1;
	cr_assert_eq(
	    jws_verify(&j, kj, msg, sizeof(msg)), ERR_CRYPTO, "%s", alg);
	jws_key_free(kp);
	jws_key_free(kj);
	jws_free(&j);
	buf_free(&out);
}

Test(jws, sign_then_verify_rs256_es256_eddsa)
{
	EVP_PKEY *rsa = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	EVP_PKEY *ed = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	EVP_PKEY *ec = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");

	cr_assert(rsa && ed && ec);
	sign_verify_round_trip(rsa, "RS256", false);
	sign_verify_round_trip(ed, "EdDSA", false);
	sign_verify_round_trip(ec, "ES256", true);
	EVP_PKEY_free(rsa);
	EVP_PKEY_free(ed);
	EVP_PKEY_free(ec);
}

Test(jws, key_and_alg_mismatch)
{
	EVP_PKEY *ed = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	EVP_PKEY *rsa = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024);
	EVP_PKEY *ec = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-384");
	struct test_signer ts = {ed, false};
	struct jws_signer s = {test_sign, &ts};
	struct jws_key *k, *kr;
	struct jws j;
	struct buf out;
	json_t *jwk;
	char msg[JWS_MSG_SIZE];
	const char *hdr = "{\"alg\":\"EdDSA\"}";

	cr_assert(ed && rsa && ec);
	buf_init(&out, NULL, 1 << 20);
	cr_assert_eq(
	    jws_sign(hdr, strlen(hdr), "{}", 2, &s, &out, msg, sizeof(msg)), 0);
	cr_assert_eq(jws_parse(out.data, out.len, &j, msg, sizeof(msg)), 0);
	/* An RSA key (here 1024 bits) for an EdDSA JWS. */
	kr = pub_pem(rsa);
	cr_assert_eq(jws_verify(&j, kr, msg, sizeof(msg)), ERR_INVAL);
	cr_assert(strstr(msg, "needs an Ed25519 key") != NULL, "%s", msg);
	/* The JWK's "alg" pins the algorithm. */
	k = pub_jwk(ed, &jwk);
	jws_key_free(k);
	json_object_set_new(jwk, "alg", json_string("RS256"));
	cr_assert_eq(jws_key_from_jwk(jwk, &k, msg, sizeof(msg)), 0);
	cr_assert_eq(jws_verify(&j, k, msg, sizeof(msg)), ERR_INVAL);
	cr_assert(strstr(msg, "restricted") != NULL, "%s", msg);
	jws_key_free(k);
	/* A private JWK is refused. */
	json_object_del(jwk, "alg");
	json_object_set_new(jwk, "d", json_string("AAAA"));
	cr_assert_eq(jws_key_from_jwk(jwk, &k, msg, sizeof(msg)), ERR_INVAL);
	cr_assert(strstr(msg, "private") != NULL, "%s", msg);
	json_decref(jwk);
	jws_free(&j);
	buf_reset(&out);

	/* RSA under 2048 bits is refused even with a good signature. */
	ts.pkey = rsa;
	hdr = "{\"alg\":\"RS256\"}";
	cr_assert_eq(
	    jws_sign(hdr, strlen(hdr), "{}", 2, &s, &out, msg, sizeof(msg)), 0);
	cr_assert_eq(jws_parse(out.data, out.len, &j, msg, sizeof(msg)), 0);
	cr_assert_eq(jws_verify(&j, kr, msg, sizeof(msg)), ERR_INVAL);
	cr_assert(strstr(msg, "1024 bits") != NULL, "%s", msg);
	jws_free(&j);
	jws_key_free(kr);

	/* P-384 keys are not accepted (ES256 only). */
	{
		BIO *bio = BIO_new(BIO_s_mem());
		char *p;
		long n;
		cr_assert_eq(PEM_write_bio_PUBKEY(bio, ec), 1);
		n = BIO_get_mem_data(bio, &p);
		cr_assert_eq(
		    jws_key_from_pem(p, (size_t)n, &k, msg, sizeof(msg)),
		    ERR_INVAL);
		cr_assert(strstr(msg, "P-256") != NULL, "%s", msg);
		BIO_free(bio);
	}
	cr_assert_eq(
	    jws_key_from_pem("junk", 4, &k, msg, sizeof(msg)), ERR_INVAL);
	cr_assert_null(k);
	buf_free(&out);
	EVP_PKEY_free(ed);
	EVP_PKEY_free(rsa);
	EVP_PKEY_free(ec);
}

Test(jws, jwk_validation)
{
	static const char *const bad[] = {
	    "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAA\",\"y\":\"AAAA\"}",
	    "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"AAAA\"}",
	    "{\"kty\":\"oct\",\"k\":\"AAAA\"}",
	    "{\"kty\":\"RSA\",\"n\":\"AQAB\"}",
	    "{\"kty\":\"RSA\",\"n\":\"AQAB=\",\"e\":\"AQAB\"}",
	    "{\"n\":\"AQAB\"}", "[]"};
	struct jws_key *k;
	char msg[JWS_MSG_SIZE];
	json_t *j;
	uint8_t x[32] = {1}, y[32] = {2};
	size_t i;

	for (i = 0; i < NELEM(bad); i++) {
		j = json_loads(bad[i], 0, NULL);
		cr_assert_not_null(j);
		cr_assert_eq(jws_key_from_jwk(j, &k, msg, sizeof(msg)),
		    ERR_INVAL, "%s", bad[i]);
		cr_assert_null(k);
		json_decref(j);
	}
	/* A P-256 point that is not on the curve. */
	j = json_pack("{s:s, s:s}", "kty", "EC", "crv", "P-256");
	b64_member(j, "x", x, 32);
	b64_member(j, "y", y, 32);
	cr_assert_eq(jws_key_from_jwk(j, &k, msg, sizeof(msg)), ERR_INVAL);
	json_decref(j);
}
