/*
 * test_ob3.c: the Open Badges 3.0 builders (ob/ob3.h): the credential's
 * shape, the issuer document, the VC-JWT claims, Bitstring Status List
 * encoding (known bit positions, round trip), a Data Integrity proof over
 * a built credential and status list (made with ob/di.h over the embedded
 * contexts, checked with di_verify_proof), and the credential against the
 * official JSON schema (tests/schema/validate.mjs, when node is there).
 */
#include <criterion/criterion.h>
#include <openssl/evp.h>
#include <unistd.h>

#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/di.h"
#include "ob/embedded.h"
#include "ob/jsonld.h"
#include "ob/multibase.h"
#include "ob/ob2.h"
#include "ob/ob3.h"
#include "ctxload.h"

#define BASE "https://badges.example.org"
#define ISSUER BASE "/ob/v3/issuers/AAAAAAAAAAAAAAAAAAAAAA"
#define CRED BASE "/ob/v3/credentials/BBBBBBBBBBBBBBBBBBBBBB"

static const struct ob3_profile profile = {ISSUER, "Example Issuer",
    "https://example.org", "badges@example.org", "Issues badges."};

static const char *const criteria[] = {"Did one thing", "Did another"};
static const char *const tags[] = {"care", "practice"};
static const struct ob3_alignment aligns[] = {
    {"Framework item", "https://example.org/fw/1", NULL, "FW", "1.1"},
    {"No URL", "", NULL, NULL, NULL},
};

static void
fill(struct ob3_credential *c)
{
	memset(c, 0, sizeof(*c));
	c->id = CRED;
	c->issuer = &profile;
	c->name = "Reflective practice";
	c->valid_from = 1767225600; /* 2026-01-01T00:00:00Z */
	c->subject = "urn:uuid:2f1b7c2e-6d4c-4a51-9d8b-3b9e4c1f0a11";
	c->email = "Learner@Example.org";
	c->salt = "0123456789abcdef0123456789abcdef";
	c->achievement.id = BASE "/ob/v3/achievements/CCCCCCCCCCCCCCCCCCCCCC/"
	                         "versions/2";
	c->achievement.name = "Reflective practice";
	c->achievement.description = "Reflects on practice.";
	c->achievement.criteria_url = BASE "/badges/CCCCCCCCCCCCCCCCCCCCCC";
	c->achievement.criteria = criteria;
	c->achievement.ncriteria = NELEM(criteria);
	c->achievement.image = BASE "/images/abc.png";
	c->achievement.tags = tags;
	c->achievement.ntags = NELEM(tags);
	c->achievement.alignments = aligns;
	c->achievement.nalignments = NELEM(aligns);
	c->status_url = BASE "/ob/v3/status/AAAAAAAAAAAAAAAAAAAAAA/"
	                     "revocation-list";
}

static const char *
str_at(json_t *o, const char *path)
{
	json_t *v = o;
	char key[64];
	const char *p = path;

	while (*p) {
		size_t n = strcspn(p, ".");

		cr_assert_lt(n, sizeof(key));
		memcpy(key, p, n);
		key[n] = '\0';
		if (json_is_array(v))
			v = json_array_get(v, (size_t)(key[0] - '0'));
		else
			v = json_object_get(v, key);
		p += n + (p[n] == '.');
	}
	return json_string_value(v);
}

Test(ob3, credential_shape)
{
	struct ob3_credential c;
	json_t *o;
	char hash[72];

	fill(&c);
	o = ob3_credential_json(&c);
	cr_assert_not_null(o);
	cr_assert_str_eq(str_at(o, "@context.0"), OB3_CONTEXT_VC);
	cr_assert_str_eq(str_at(o, "@context.1"), OB3_CONTEXT);
	cr_assert_str_eq(str_at(o, "@context.2"), OB3_CONTEXT_EXT);
	cr_assert_str_eq(str_at(o, "id"), CRED);
	cr_assert_str_eq(str_at(o, "type.0"), "VerifiableCredential");
	cr_assert_str_eq(str_at(o, "type.1"), "OpenBadgeCredential");
	cr_assert_str_eq(str_at(o, "issuer.id"), ISSUER);
	cr_assert_str_eq(str_at(o, "issuer.type.0"), "Profile");
	cr_assert_str_eq(str_at(o, "issuer.name"), "Example Issuer");
	cr_assert_str_eq(str_at(o, "validFrom"), "2026-01-01T00:00:00Z");
	cr_assert_null(json_object_get(o, "validUntil"));
	cr_assert_str_eq(
	    str_at(o, "credentialSubject.type.0"), "AchievementSubject");
	ob2_identity_hash("learner@example.org", c.salt, hash);
	cr_assert_str_eq(
	    str_at(o, "credentialSubject.identifier.0.identityHash"), hash);
	cr_assert_eq(strncmp(hash, "sha256$", 7), 0);
	cr_assert_str_eq(
	    str_at(o, "credentialSubject.identifier.0.salt"), c.salt);
	cr_assert(json_is_true(json_object_get(
	    json_array_get(
	        json_object_get(
	            json_object_get(o, "credentialSubject"), "identifier"),
	        0),
	    "hashed")));
	cr_assert_str_eq(
	    str_at(o, "credentialSubject.achievement.criteria.narrative"),
	    "- Did one thing\n- Did another");
	cr_assert_str_eq(
	    str_at(o, "credentialSubject.achievement.image.type"), "Image");
	cr_assert_str_eq(
	    str_at(o, "credentialSubject.achievement.alignment.0.targetCode"),
	    "1.1");
	cr_assert_null(str_at(o, "credentialSubject.achievement.alignment.1"));
	cr_assert_str_eq(
	    str_at(o, "credentialSubject.achievement.tag.1"), "practice");
	cr_assert_null(json_object_get(o, "evidence"));
	cr_assert_str_eq(
	    str_at(o, "credentialStatus.type"), "1EdTechRevocationList");
	cr_assert_str_eq(str_at(o, "credentialSchema.0.id"), OB3_SCHEMA);
	cr_assert_str_eq(str_at(o, "credentialSchema.0.type"), OB3_SCHEMA_TYPE);
	json_decref(o);

	c.valid_until = 1798761600;
	c.evidence_url = BASE "/awards/BBBBBBBBBBBBBBBBBBBBBB";
	c.evidence_narrative = "What I did.";
	o = ob3_credential_json(&c);
	cr_assert_str_eq(str_at(o, "validUntil"), "2027-01-01T00:00:00Z");
	cr_assert_str_eq(str_at(o, "evidence.0.type.0"), "Evidence");
	cr_assert_str_eq(str_at(o, "evidence.0.narrative"), "What I did.");
	json_decref(o);

	c.email = NULL;
	cr_assert_null(ob3_credential_json(&c));
}

Test(ob3, issuer_doc)
{
	struct ob3_key keys[2] = {
	    {ISSUER "#z6MkA", "z6MkA", NULL, NULL},
	    {ISSUER "#KEY", NULL, "nnnn", "AQAB"},
	};
	json_t *o = ob3_issuer_doc(&profile, keys, 2);

	cr_assert_str_eq(str_at(o, "id"), ISSUER);
	cr_assert_str_eq(str_at(o, "type.0"), "Profile");
	cr_assert_str_eq(str_at(o, "verificationMethod.0.type"), "Multikey");
	cr_assert_str_eq(str_at(o, "verificationMethod.0.controller"), ISSUER);
	cr_assert_str_eq(
	    str_at(o, "verificationMethod.0.publicKeyMultibase"), "z6MkA");
	cr_assert_str_eq(str_at(o, "verificationMethod.1.type"), "JsonWebKey");
	cr_assert_str_eq(
	    str_at(o, "verificationMethod.1.publicKeyJwk.kty"), "RSA");
	cr_assert_str_eq(
	    str_at(o, "verificationMethod.1.publicKeyJwk.kid"), ISSUER "#KEY");
	cr_assert_str_eq(str_at(o, "assertionMethod.0"), ISSUER "#z6MkA");
	cr_assert_str_eq(str_at(o, "assertionMethod.1"), ISSUER "#KEY");
	json_decref(o);
	o = ob3_issuer_doc(&profile, NULL, 0);
	cr_assert_null(json_object_get(o, "verificationMethod"));
	json_decref(o);
}

Test(ob3, jwt_payload)
{
	struct ob3_credential c;
	json_t *cred, *p;

	fill(&c);
	cred = ob3_credential_json(&c);
	json_object_set_new(cred, "proof", json_array());
	p = ob3_jwt_payload(cred, 100, 200);
	cr_assert_str_eq(str_at(p, "iss"), ISSUER);
	cr_assert_str_eq(str_at(p, "jti"), CRED);
	cr_assert_str_eq(str_at(p, "sub"), c.subject);
	cr_assert_eq(json_integer_value(json_object_get(p, "nbf")), 100);
	cr_assert_eq(json_integer_value(json_object_get(p, "exp")), 200);
	cr_assert_null(json_object_get(p, "proof"));
	cr_assert_not_null(json_object_get(cred, "proof"));
	json_decref(p);
	p = ob3_jwt_payload(cred, 100, 0);
	cr_assert_null(json_object_get(p, "exp"));
	json_decref(p);
	json_decref(cred);
}

Test(ob3, status_list_round_trip)
{
	static const int64_t set[] = {0, 7, 8, 23, 1000, 131071};
	struct buf enc, bits;
	int64_t bad = 131072;

	buf_init(&enc, NULL, 1 << 20);
	buf_init(&bits, NULL, OB3_STATUS_MAX_BYTES);
	cr_assert_eq(
	    ob3_status_list_encode(set, NELEM(set), OB3_STATUS_BITS, &enc), 0);
	cr_assert_eq(enc.data[0], 'u');
	cr_assert_eq(ob3_status_list_decode(enc.data, enc.len, &bits), 0);
	cr_assert_eq(bits.len, OB3_STATUS_BITS / 8);
	/* MSB first: index 0 is 0x80 of byte 0, 7 is 0x01, 8 is 0x80 of
	 * byte 1, 23 is 0x01 of byte 2. */
	cr_assert_eq((uint8_t)bits.data[0], 0x81);
	cr_assert_eq((uint8_t)bits.data[1], 0x80);
	cr_assert_eq((uint8_t)bits.data[2], 0x01);
	for (int64_t i = 0; i < OB3_STATUS_BITS; i++) {
		bool want = false;

		for (size_t k = 0; k < NELEM(set); k++)
			want = want || set[k] == i;
		cr_assert_eq(
		    ob3_status_bit(&bits, i), want, "bit %lld", (long long)i);
	}
	cr_assert(!ob3_status_bit(&bits, OB3_STATUS_BITS));
	cr_assert(!ob3_status_bit(&bits, -1));
	buf_reset(&enc);
	cr_assert_eq(
	    ob3_status_list_encode(&bad, 1, OB3_STATUS_BITS, &enc), ERR_INVAL);
	cr_assert_eq(ob3_status_list_encode(NULL, 0, 1024, &enc), ERR_INVAL);
	/* an empty list, and a larger one */
	buf_reset(&enc);
	cr_assert_eq(ob3_status_list_encode(NULL, 0, OB3_STATUS_BITS, &enc), 0);
	cr_assert_eq(ob3_status_list_decode(enc.data, enc.len, &bits), 0);
	cr_assert(!ob3_status_bit(&bits, 23));
	buf_reset(&enc);
	cr_assert_eq(
	    ob3_status_list_encode(&bad, 1, 2 * OB3_STATUS_BITS, &enc), 0);
	cr_assert_eq(ob3_status_list_decode(enc.data, enc.len, &bits), 0);
	cr_assert(ob3_status_bit(&bits, bad));
	/* garbage */
	cr_assert_neq(ob3_status_list_decode("zabc", 4, &bits), 0);
	cr_assert_neq(ob3_status_list_decode("uAAAA", 5, &bits), 0);
	buf_free(&enc);
	buf_free(&bits);
}

/* The 1EdTech validator's fixture: only bit 23 is set (REQUIREMENTS §7). */
Test(ob3, status_list_fixture_bit_23)
{
	int64_t i = 23;
	struct buf enc, bits;

	buf_init(&enc, NULL, 1 << 20);
	buf_init(&bits, NULL, OB3_STATUS_MAX_BYTES);
	cr_assert_eq(ob3_status_list_encode(&i, 1, OB3_STATUS_BITS, &enc), 0);
	cr_assert_eq(ob3_status_list_decode(enc.data, enc.len, &bits), 0);
	cr_assert(ob3_status_bit(&bits, 23));
	cr_assert(!ob3_status_bit(&bits, 22));
	cr_assert(!ob3_status_bit(&bits, 24));
	buf_free(&enc);
	buf_free(&bits);
}

static const uint8_t seed[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

static void
seed_pub(uint8_t pub[32])
{
	EVP_PKEY *pk =
	    EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
	size_t n = 32;

	cr_assert_not_null(pk);
	cr_assert_eq(EVP_PKEY_get_raw_public_key(pk, pub, &n), 1);
	EVP_PKEY_free(pk);
}

/* sign_verify signs doc with the seed key and checks the proof. */
static json_t *
sign_verify(json_t *doc)
{
	struct di_signer s = {seed_sign, (void *)(uintptr_t)seed};
	struct di_proof_opts o = {
	    "2026-01-01T00:00:00Z", NULL, "assertionMethod"};
	struct ob_err e;
	struct buf vm;
	uint8_t pub[32];
	json_t *out = NULL, *proof;

	seed_pub(pub);
	buf_init(&vm, NULL, 1024);
	buf_adds(&vm, ISSUER "#");
	multikey_ed25519_encode(&vm, pub);
	o.verification_method = vm.data;
	memset(&e, 0, sizeof(e));
	cr_assert_eq(
	    di_create_proof(doc, &o, &s, embedded_contexts(), &out, NULL, &e),
	    0, "%s", e.msg);
	proof = json_object_get(out, "proof");
	cr_assert(json_is_array(proof));
	cr_assert_str_eq(json_string_value(json_object_get(
	                     json_array_get(proof, 0), "verificationMethod")),
	    vm.data);
	cr_assert_eq(di_verify_proof(out, json_array_get(proof, 0), pub,
	                 embedded_contexts(), NULL, &e),
	    0, "%s", e.msg);
	buf_free(&vm);
	return out;
}

Test(ob3, credential_di_proof_verifies)
{
	struct ob3_credential c;
	json_t *cred, *signed_, *proof;
	struct ob_err e;
	uint8_t pub[32];

	fill(&c);
	c.evidence_url = BASE "/awards/BBBBBBBBBBBBBBBBBBBBBB";
	c.evidence_narrative = "What I did.";
	c.valid_until = 1798761600;
	cred = ob3_credential_json(&c);
	signed_ = sign_verify(cred);
	/* tampering breaks it */
	seed_pub(pub);
	json_object_set_new(signed_, "name", json_string("Something else"));
	proof = json_array_get(json_object_get(signed_, "proof"), 0);
	cr_assert_eq(
	    di_verify_proof(signed_, proof, pub, embedded_contexts(), NULL, &e),
	    ERR_CRYPTO);
	json_decref(signed_);
	json_decref(cred);
}

Test(ob3, status_list_credential_di_proof_verifies)
{
	int64_t i = 5;
	struct buf enc;
	json_t *doc, *signed_;

	buf_init(&enc, NULL, 1 << 20);
	cr_assert_eq(ob3_status_list_encode(&i, 1, OB3_STATUS_BITS, &enc), 0);
	doc = ob3_status_list_credential(BASE
	    "/ob/v3/status/AAAAAAAAAAAAAAAAAAAAAA/suspension",
	    ISSUER, "suspension", enc.data, 1767225600);
	cr_assert_str_eq(
	    str_at(doc, "type.1"), "BitstringStatusListCredential");
	cr_assert_str_eq(
	    str_at(doc, "credentialSubject.statusPurpose"), "suspension");
	signed_ = sign_verify(doc);
	json_decref(signed_);
	json_decref(doc);
	buf_free(&enc);
}

Test(ob3, credential_validates_against_official_schema)
{
	struct ob3_credential c;
	json_t *cred, *signed_;
	char path[] = "/tmp/laurel-ob3-XXXXXX";
	char cmd[512];
	int fd;

	if (access("node_modules/ajv/dist/2019.js", R_OK) != 0 ||
	    system("node --version >/dev/null 2>&1") != 0)
		cr_skip_test("node or ajv not installed (npm install)");
	fill(&c);
	c.evidence_url = BASE "/awards/BBBBBBBBBBBBBBBBBBBBBB";
	c.evidence_narrative = "What I did.";
	cred = ob3_credential_json(&c);
	signed_ = sign_verify(cred);
	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	close(fd);
	cr_assert_eq(json_dump_file(signed_, path, JSON_PRESERVE_ORDER), 0);
	snprintf(cmd, sizeof(cmd),
	    "node tests/schema/validate.mjs %s >/dev/null", path);
	cr_assert_eq(system(cmd), 0, "schema validation failed: %s", path);
	unlink(path);
	json_decref(signed_);
	json_decref(cred);
}

/* The issuer document is valid JSON-LD: every term defined (safe mode). */
Test(ob3, issuer_doc_is_json_ld)
{
	struct ob3_key keys[2] = {
	    {ISSUER "#z6MkA", "z6MkA", NULL, NULL},
	    {ISSUER "#KEY", NULL, "nnnn", "AQAB"},
	};
	json_t *o = ob3_issuer_doc(&profile, keys, 2);
	struct jsonld_opts opts = {0};
	struct rdf_dataset ds;
	struct ob_err e;

	opts.safe = true;
	memset(&e, 0, sizeof(e));
	rdf_dataset_init(&ds, 100000);
	cr_expect_eq(jsonld_to_rdf(o, &opts, embedded_contexts(), &ds, &e), 0,
	    "%s", e.msg);
	rdf_dataset_free(&ds);
	json_decref(o);
}

/* The Achievement at its own address: the credential's achievement plus
 * its creator, and valid JSON-LD in safe mode. */
Test(ob3, achievement_doc)
{
	struct ob3_credential c;
	json_t *cred, *o;
	struct jsonld_opts opts = {0};
	struct rdf_dataset ds;
	struct ob_err e;
	const char *k;
	json_t *v;

	fill(&c);
	cred = ob3_credential_json(&c);
	o = ob3_achievement_json(&c.achievement, &profile);
	cr_assert_not_null(o);
	json_object_foreach(
	    json_object_get(
	        json_object_get(cred, "credentialSubject"), "achievement"),
	    k, v)
	{
		cr_expect(
		    json_equal(json_object_get(o, k), v), "%s differs", k);
	}
	cr_expect_str_eq(json_string_value(json_object_get(
	                     json_object_get(o, "creator"), "id")),
	    ISSUER);
	opts.safe = true;
	memset(&e, 0, sizeof(e));
	rdf_dataset_init(&ds, 100000);
	cr_expect_eq(jsonld_to_rdf(o, &opts, embedded_contexts(), &ds, &e), 0,
	    "%s", e.msg);
	rdf_dataset_free(&ds);
	json_decref(o);
	json_decref(cred);
	c.achievement.id = NULL;
	cr_expect_null(ob3_achievement_json(&c.achievement, &profile));
}
