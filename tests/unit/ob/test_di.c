/*
 * test_di.c: eddsa-rdfc-2022 against the W3C vc-di-eddsa vector and the
 * OB 3.0 Implementation Guide vector (byte for byte: canonical N-Quads,
 * both hashes, signature, proofValue), verification of the 1EdTech
 * validator fixtures per EXPECTED.json, safe-mode rejection of undefined
 * types, tampering, and multibase/did:key decoding.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/di.h"
#include "ob/multibase.h"

#include <criterion/criterion.h>
#include <openssl/evp.h>

#include "ctxload.h"

static struct ctxload cl;
static struct jsonld_loader loader = {ctxload_load, &cl};

static void
setup(void)
{
	cr_assert(ctxload_init(&cl, "data/contexts"),
	    "cannot read data/contexts/url-map.json (run from the repo root)");
}

static void
teardown(void)
{
	ctxload_free(&cl);
}

static char *
spec_path(const char *rel)
{
	return path_join(spec_dir(), rel);
}

static char *
spec_text(const char *rel)
{
	char *p = spec_path(rel), *t = slurp(p, NULL);

	cr_assert(t != NULL,
	    "cannot read %s (set LAUREL_SPEC_DIR to the spec directory)", p);
	free(p);
	return t;
}

static json_t *
spec_json(const char *rel)
{
	char *p = spec_path(rel);
	json_t *j = load_json_file(p);

	cr_assert(j != NULL,
	    "cannot read %s (set LAUREL_SPEC_DIR to the spec directory)", p);
	free(p);
	return j;
}

static void
hex(char *out, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", p[i]);
}

static void
trim(char *s)
{
	size_t n = strlen(s);

	while (
	    n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

static int
unhex(const char *s, uint8_t *out, size_t n)
{
	size_t i;
	unsigned v;

	if (strlen(s) < 2 * n)
		return -1;
	for (i = 0; i < n; i++) {
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	return 0;
}

/* A test signer over a raw 32-byte Ed25519 seed. */
static void
trace_init(struct di_trace *t)
{
	memset(t, 0, sizeof(*t));
	buf_init(&t->proof_canon, NULL, 1 << 22);
	buf_init(&t->doc_canon, NULL, 1 << 22);
}

static void
trace_free(struct di_trace *t)
{
	buf_free(&t->proof_canon);
	buf_free(&t->doc_canon);
}

struct vec {
	const char *unsigned_doc;
	const char *created;
	const char *vm;
	const char *doc_canon, *proof_canon;
	const char *doc_hash, *proof_hash, *sig_hex, *proof_value;
	const char *signed_doc;
};

static void
check_vector(const struct vec *v, const uint8_t seed[32], const uint8_t pub[32])
{
	json_t *doc = spec_json(v->unsigned_doc), *out = NULL, *sdoc;
	struct di_signer signer = {seed_sign, (void *)(uintptr_t)seed};
	struct di_proof_opts o = {v->created, v->vm, NULL};
	struct di_trace t;
	struct ob_err e = {{0}};
	char h[129];
	json_t *proof;
	int rc;

	trace_init(&t);
	rc = di_create_proof(doc, &o, &signer, &loader, &out, &t, &e);
	cr_assert_eq(rc, 0, "create proof: %s", e.msg);
	cr_expect_str_eq(t.doc_canon.data, v->doc_canon,
	    "document canonical N-Quads differ");
	cr_expect_str_eq(t.proof_canon.data, v->proof_canon,
	    "proof canonical N-Quads differ");
	hex(h, t.doc_hash, 32);
	cr_expect_str_eq(h, v->doc_hash);
	hex(h, t.proof_hash, 32);
	cr_expect_str_eq(h, v->proof_hash);
	hex(h, t.sig, 64);
	cr_expect_str_eq(h, v->sig_hex);
	proof = json_object_get(out, "proof");
	cr_assert(json_is_array(proof), "proof is not an array");
	cr_expect_str_eq(json_string_value(json_object_get(
	                     json_array_get(proof, 0), "proofValue")),
	    v->proof_value);
	/* The published signed document verifies. */
	sdoc = spec_json(v->signed_doc);
	proof = json_object_get(sdoc, "proof");
	rc = di_verify_proof(sdoc, proof, pub, &loader, NULL, &e);
	cr_expect_eq(rc, 0, "verify published vector: %s", e.msg);
	/* Our own output verifies, a tampered copy does not. */
	rc = di_verify_proof(out,
	    json_array_get(json_object_get(out, "proof"), 0), pub, &loader,
	    NULL, &e);
	cr_expect_eq(rc, 0, "verify own proof: %s", e.msg);
	json_object_set_new(
	    out, "validFrom", json_string("2099-01-01T00:00:00Z"));
	rc = di_verify_proof(out,
	    json_array_get(json_object_get(out, "proof"), 0), pub, &loader,
	    NULL, &e);
	cr_expect_eq(rc, ERR_CRYPTO, "tampered document verified");
	json_decref(sdoc);
	json_decref(doc);
	json_decref(out);
	trace_free(&t);
}

Test(di, w3c_vector, .init = setup, .fini = teardown)
{
	const char *d = "vectors/w3c-vc-di-eddsa/eddsa-rdfc-2022/";
	json_t *kp = spec_json("vectors/w3c-vc-di-eddsa/keyPair.json");
	json_t *cfg = spec_json("vectors/w3c-vc-di-eddsa/eddsa-rdfc-2022/"
	                        "proofConfigDataInt.json");
	const char *sk =
	    json_string_value(json_object_get(kp, "privateKeyMultibase"));
	const char *pk =
	    json_string_value(json_object_get(kp, "publicKeyMultibase"));
	uint8_t raw[64], seed[32], pub[32];
	size_t n;
	struct ob_err e = {{0}};
	struct vec v;
	char *files[8];
	static const char *names[] = {"canonDocDataInt.txt",
	    "proofCanonDataInt.txt", "docHashDataInt.txt",
	    "proofHashDataInt.txt", "sigHexDataInt.txt", "sigBTC58DataInt.txt"};
	size_t i;
	char rel[256];

	cr_assert_eq(
	    multibase_decode_z(sk, strlen(sk), raw, sizeof(raw), &n, &e), 0);
	cr_assert(n == 34 && raw[0] == 0x80 && raw[1] == 0x26,
	    "not an ed25519-priv multikey");
	memcpy(seed, raw + 2, 32);
	cr_assert_eq(
	    multikey_ed25519_decode(pk, strlen(pk), pub, &e), 0, "%s", e.msg);
	for (i = 0; i < NELEM(names); i++) {
		snprintf(rel, sizeof(rel), "%s%s", d, names[i]);
		files[i] = spec_text(rel);
		if (i >= 2)
			trim(files[i]);
	}
	v.unsigned_doc = "vectors/w3c-vc-di-eddsa/unsigned.json";
	v.created = json_string_value(json_object_get(cfg, "created"));
	v.vm = json_string_value(json_object_get(cfg, "verificationMethod"));
	v.doc_canon = files[0];
	v.proof_canon = files[1];
	v.doc_hash = files[2];
	v.proof_hash = files[3];
	v.sig_hex = files[4];
	v.proof_value = files[5];
	v.signed_doc = "vectors/w3c-vc-di-eddsa/eddsa-rdfc-2022/"
	               "signedDataInt.json";
	check_vector(&v, seed, pub);
	for (i = 0; i < NELEM(names); i++)
		free(files[i]);
	json_decref(kp);
	json_decref(cfg);
}

Test(di, ob3_impl_guide_vector, .init = setup, .fini = teardown)
{
	const char *d = "vectors/ob3-impl-guide-eddsa-rdfc-2022/";
	json_t *vals =
	    spec_json("vectors/ob3-impl-guide-eddsa-rdfc-2022/values.json");
	json_t *cfg = spec_json(
	    "vectors/ob3-impl-guide-eddsa-rdfc-2022/proof-config.json");
	uint8_t seed[32], pub[32], pub2[32];
	struct ob_err e = {{0}};
	struct vec v;
	char *dc, *pc, rel[256];
	struct buf mk;

	cr_assert_eq(unhex(json_string_value(json_object_get(
	                       vals, "privateKeyHex_seed_plus_public")),
	                 seed, 32),
	    0);
	cr_assert_eq(
	    unhex(json_string_value(json_object_get(vals, "publicKeyHex")), pub,
	        32),
	    0);
	/* The multikey in values.json encodes the same key. */
	buf_init(&mk, NULL, 128);
	multikey_ed25519_encode(&mk, pub);
	cr_expect_str_eq(mk.data,
	    json_string_value(json_object_get(vals, "publicKeyMultibase")));
	buf_free(&mk);
	cr_assert_eq(vm_ed25519_pubkey(json_string_value(json_object_get(
	                                   vals, "verificationMethod")),
	                 pub2, &e),
	    0, "%s", e.msg);
	cr_expect_eq(memcmp(pub, pub2, 32), 0);
	snprintf(rel, sizeof(rel), "%sdocument-canon.nq", d);
	dc = spec_text(rel);
	snprintf(rel, sizeof(rel), "%sproof-canon.nq", d);
	pc = spec_text(rel);
	v.unsigned_doc = "vectors/ob3-impl-guide-eddsa-rdfc-2022/"
	                 "credential.json";
	v.created = json_string_value(json_object_get(cfg, "created"));
	v.vm = json_string_value(json_object_get(cfg, "verificationMethod"));
	v.doc_canon = dc;
	v.proof_canon = pc;
	v.doc_hash = json_string_value(json_object_get(vals, "documentHash"));
	v.proof_hash = json_string_value(json_object_get(vals, "proofHash"));
	v.sig_hex = json_string_value(json_object_get(vals, "signatureHex"));
	v.proof_value = json_string_value(json_object_get(vals, "proofValue"));
	v.signed_doc = "vectors/ob3-impl-guide-eddsa-rdfc-2022/"
	               "signed-credential.json";
	check_vector(&v, seed, pub);
	free(dc);
	free(pc);
	json_decref(vals);
	json_decref(cfg);
}

/* find_di_proof returns the first DataIntegrityProof of doc. */
static json_t *
find_di_proof(json_t *doc)
{
	json_t *p = json_object_get(doc, "proof"), *x;
	size_t i;

	if (json_is_object(p))
		return p;
	json_array_foreach(p, i, x)
	{
		const char *t = json_string_value(json_object_get(x, "type"));

		if (t != NULL && strcmp(t, "DataIntegrityProof") == 0)
			return x;
	}
	return NULL;
}

static int
verify_fixture(const char *name, struct ob_err *e)
{
	char rel[512];
	json_t *doc, *proof;
	uint8_t pub[32];
	const char *vm;
	int rc;

	snprintf(rel, sizeof(rel), "ob3/validator-tests/%s", name);
	doc = spec_json(rel);
	proof = find_di_proof(doc);
	cr_assert(proof != NULL, "%s: no DataIntegrityProof", name);
	vm = json_string_value(json_object_get(proof, "verificationMethod"));
	cr_assert(vm != NULL, "%s: no verificationMethod", name);
	rc = vm_ed25519_pubkey(vm, pub, e);
	if (rc == 0)
		rc = di_verify_proof(doc, proof, pub, &loader, NULL, e);
	json_decref(doc);
	return rc;
}

Test(di, validator_fixtures, .init = setup, .fini = teardown)
{
	json_t *exp = spec_json("ob3/validator-tests/EXPECTED.json"), *v;
	const char *name;
	unsigned pass = 0, fail = 0;

	json_object_foreach(exp, name, v)
	{
		const char *want =
		    json_string_value(json_object_get(v, "proof"));
		struct ob_err e = {{0}};
		int rc;
		bool ok;

		if (want == NULL)
			continue;
		rc = verify_fixture(name, &e);
		if (strcmp(want, "verifies") == 0)
			ok = rc == 0;
		else
			ok = rc == ERR_CRYPTO;
		if (ok) {
			pass++;
		} else {
			fail++;
			cr_log_error("%s: expected proof %s, got %d: %s", name,
			    want, rc, e.msg);
		}
	}
	printf("di fixtures: %u passed, %u failed, 0 skipped\n", pass, fail);
	cr_expect_eq(fail, 0);
	cr_expect_geq(pass, 16);
	json_decref(exp);
}

Test(di, safe_mode_rejects_undefined_types, .init = setup, .fini = teardown)
{
	static const char *files[] = {"simple-err-credential-subject-type.json",
	    "simple-err-credential-subject-identifier-type.json",
	    "simple-err-credential-subject-result-type.json",
	    ("simple-err-credential-subject-achievement-result-description-"
	     "type.json"),
	    "simple-err-credential-subject-profile-type.json",
	    "simple-err-evidence-type.json", "simple-err-issuer-type.json",
	    "simple-err-issuer-parentorg-type.json",
	    "simple-err-issuer-otheridentifier-type.json"};
	size_t i;

	for (i = 0; i < NELEM(files); i++) {
		struct ob_err e = {{0}};
		int rc = verify_fixture(files[i], &e);

		cr_expect_eq(
		    rc, ERR_INVAL, "%s: got %d (%s)", files[i], rc, e.msg);
		cr_expect(strstr(e.msg, "safe mode") != NULL, "%s: %s",
		    files[i], e.msg);
	}
}

Test(di, tampered_fixture_fails, .init = setup, .fini = teardown)
{
	json_t *doc = spec_json("ob3/validator-tests/simple.json");
	json_t *proof = find_di_proof(doc), *cs;
	uint8_t pub[32];
	struct ob_err e = {{0}};

	cr_assert_eq(vm_ed25519_pubkey(json_string_value(json_object_get(
	                                   proof, "verificationMethod")),
	                 pub, &e),
	    0);
	cr_assert_eq(di_verify_proof(doc, proof, pub, &loader, NULL, &e), 0,
	    "%s", e.msg);
	cs = json_object_get(doc, "credentialSubject");
	json_object_set_new(cs, "id", json_string("did:example:mallory"));
	cr_expect_eq(
	    di_verify_proof(doc, proof, pub, &loader, NULL, &e), ERR_CRYPTO);
	cr_expect(e.msg[0] != '\0');
	/* A wrong key fails too. */
	json_decref(doc);
	doc = spec_json("ob3/validator-tests/simple.json");
	proof = find_di_proof(doc);
	pub[0] ^= 1;
	cr_expect_neq(di_verify_proof(doc, proof, pub, &loader, NULL, &e), 0);
	json_decref(doc);
}

Test(di, unknown_context_is_an_error, .init = setup, .fini = teardown)
{
	json_t *doc = json_pack("{s:[s,s],s:s,s:[s]}", "@context",
	    "https://www.w3.org/ns/credentials/v2",
	    "https://example.org/unknown-context.json", "id", "urn:x:1", "type",
	    "VerifiableCredential");
	uint8_t seed[32] = {1};
	struct di_signer s = {seed_sign, seed};
	struct di_proof_opts o = {"2024-01-01T00:00:00Z",
	    "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi", NULL};
	json_t *out = NULL;
	struct ob_err e = {{0}};

	cr_expect_eq(di_create_proof(doc, &o, &s, &loader, &out, NULL, &e),
	    ERR_NOTFOUND, "%s", e.msg);
	cr_expect(strstr(e.msg, "unknown-context") != NULL, "%s", e.msg);
	cr_expect(out == NULL);
	json_decref(doc);
}

Test(di, multibase)
{
	uint8_t out[64], pub[32];
	size_t n;
	struct buf b;
	struct ob_err e = {{0}};
	static const uint8_t zeros[3] = {0, 0, 1};

	buf_init(&b, NULL, 256);
	base58btc_encode(&b, (const uint8_t *)"hello world", 11);
	cr_expect_str_eq(b.data, "StV1DL6CwTryKyV");
	buf_reset(&b);
	base58btc_encode(&b, zeros, 3);
	cr_expect_str_eq(b.data, "112");
	cr_expect_eq(base58btc_decode("112", 3, out, sizeof(out), &n), 0);
	cr_expect(n == 3 && memcmp(out, zeros, 3) == 0);
	cr_expect_eq(
	    base58btc_decode("0OIl", 4, out, sizeof(out), &n), ERR_INVAL);
	cr_expect_eq(
	    multibase_decode_z("mAAA", 4, out, sizeof(out), &n, &e), ERR_INVAL);
	cr_expect_eq(vm_ed25519_pubkey("https://example.org/key/1", pub, &e),
	    ERR_NOTFOUND);
	cr_expect_eq(vm_ed25519_pubkey("did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUV"
	                               "J5jHt92JmQwXbd5hwi#z6MkrJVnaZkeFzdQyMZ"
	                               "u1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
	                 pub, &e),
	    ERR_INVAL);
	buf_free(&b);
}
