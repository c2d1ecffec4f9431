/*
 * test_ob2.c: Open Badges 2.0 document builders (src/ob/ob2.c), compared
 * with the required fields of the official examples in
 * $LAUREL_SPEC_DIR/ob2/examples (default ../shared/spec).
 */
#include <criterion/criterion.h>
#include <jansson.h>

#include "core/arena.h"
#include "ob/ob2.h"

#define BASE "https://laurel.example"

static struct arena *A;

static void
setup(void)
{
	A = arena_new(1 << 20);
}

static void
teardown(void)
{
	arena_free(A);
}

TestSuite(ob2, .init = setup, .fini = teardown);

static json_t *
example(const char *name)
{
	const char *dir = getenv("LAUREL_SPEC_DIR");
	char path[1024];
	json_error_t e;
	json_t *j;

	if (dir == NULL || *dir == '\0')
		dir = "../shared/spec";
	snprintf(path, sizeof(path), "%s/ob2/examples/%s", dir, name);
	j = json_load_file(path, 0, &e);
	cr_assert_not_null(j, "cannot read %s: %s", path, e.text);
	return j;
}

static json_t *
parse(const char *s)
{
	json_error_t e;
	json_t *j;

	cr_assert_not_null(s);
	j = json_loads(s, 0, &e);
	cr_assert_not_null(j, "not JSON: %s (%s)", e.text, s);
	return j;
}

/* same_shape checks that every key of the example is in ours with a value
 * of the same JSON type, recursively for objects (strings and IRI-or-object
 * alternatives aside: listed in loose). */
static void
same_keys(json_t *ex, json_t *ours, const char *const *keys, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		json_t *a = json_object_get(ex, keys[i]);
		json_t *b = json_object_get(ours, keys[i]);

		cr_assert_not_null(a, "example lacks %s", keys[i]);
		cr_assert_not_null(b, "ours lacks %s", keys[i]);
		cr_expect_eq(
		    json_typeof(a), json_typeof(b), "type of %s", keys[i]);
	}
	cr_expect_str_eq(json_string_value(json_object_get(ours, "@context")),
	    json_string_value(json_object_get(ex, "@context")));
	if (json_object_get(ex, "type") != NULL)
		cr_expect_str_eq(
		    json_string_value(json_object_get(ours, "type")),
		    json_string_value(json_object_get(ex, "type")));
}

static const char *
str(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	cr_assert(json_is_string(v), "%s is not a string", k);
	return json_string_value(v);
}

Test(ob2, urls)
{
	cr_expect_str_eq(
	    ob2_issuer_url(A, BASE, "i1"), BASE "/ob/v2/issuers/i1");
	cr_expect_str_eq(ob2_badge_url(A, BASE, "b1", 3),
	    BASE "/ob/v2/badges/b1/versions/3");
	cr_expect_str_eq(
	    ob2_assertion_url(A, BASE, "w1"), BASE "/ob/v2/assertions/w1");
	cr_expect_str_eq(
	    ob2_revocations_url(A, BASE, "i1"), BASE "/ob/v2/revocations/i1");
}

Test(ob2, identity_hash_matches_spec)
{
	char h[72];

	/* REQUIREMENTS §1: sha256("mayze") = 7a1a1b3f…c60c6 */
	ob2_identity_hash("may", "ze", h);
	cr_expect(strncmp(h, "sha256$7a1a1b3f", 15) == 0, "%s", h);
	cr_expect_eq(strlen(h), 7 + 64);
	cr_expect_str_eq(h + strlen(h) - 5, "c60c6");
	{
		char h2[72];

		ob2_identity_hash("MAY", "ze", h2);
		cr_expect_str_eq(h, h2, "addresses are lowercased");
	}
}

Test(ob2, salt_is_stable_and_per_award)
{
	const uint8_t k1[32] = {1}, k2[32] = {2};
	char a[OB2_SALT_LEN + 1], b[OB2_SALT_LEN + 1], c[OB2_SALT_LEN + 1];

	ob2_salt(k1, sizeof(k1), "award1", a);
	ob2_salt(k1, sizeof(k1), "award1", b);
	cr_expect_str_eq(a, b);
	cr_expect_eq(strlen(a), OB2_SALT_LEN);
	ob2_salt(k1, sizeof(k1), "award2", c);
	cr_expect_str_neq(a, c);
	ob2_salt(k2, sizeof(k2), "award1", c);
	cr_expect_str_neq(a, c);
}

Test(ob2, assertion_hosted)
{
	static const char *const req[] = {"@context", "type", "id", "recipient",
	    "badge", "verification", "issuedOn", "expires", "image",
	    "evidence"};
	struct ob2_assertion in = {
	    .id = BASE "/ob/v2/assertions/w1",
	    .badge = BASE "/ob/v2/badges/b1/versions/2",
	    .email = "Beth@example.org",
	    .salt = "deadsea",
	    .issued_at = 1483228799, /* 2016-12-31T23:59:59Z */
	    .expires_at = 1498867199,
	    .image = BASE "/awards/w1/badge.png",
	    .evidence = BASE "/awards/w1",
	};
	json_t *ex = example("assertion-hosted.json");
	json_t *o = parse(ob2_assertion_json(A, &in)), *r;
	char h[72];

	same_keys(ex, o, req, sizeof(req) / sizeof(req[0]));
	cr_expect_str_eq(str(o, "id"), in.id);
	cr_expect_str_eq(str(o, "badge"), in.badge);
	cr_expect_str_eq(str(o, "issuedOn"), "2016-12-31T23:59:59Z");
	cr_expect_str_eq(str(o, "expires"), "2017-06-30T23:59:59Z");
	r = json_object_get(o, "recipient");
	cr_expect_str_eq(str(r, "type"), "email");
	cr_expect(json_is_true(json_object_get(r, "hashed")));
	cr_expect_str_eq(str(r, "salt"), "deadsea");
	ob2_identity_hash("beth@example.org", "deadsea", h);
	cr_expect_str_eq(str(r, "identity"), h);
	cr_expect_str_eq(
	    str(json_object_get(o, "verification"), "type"), "hosted");
	cr_expect_null(
	    json_object_get(json_object_get(o, "verification"), "creator"));
	json_decref(o);
	json_decref(ex);
}

Test(ob2, assertion_narrative_no_expiry_signed)
{
	struct ob2_assertion in = {
	    .id = BASE "/ob/v2/assertions/w1",
	    .badge = BASE "/ob/v2/badges/b1/versions/1",
	    .email = "a@b.c",
	    .salt = "s",
	    .issued_at = 0,
	    .evidence = BASE "/awards/w1",
	    .narrative = "What I did.",
	    .creator = BASE "/ob/v2/keys/k1",
	};
	json_t *o = parse(ob2_assertion_json(A, &in)), *e, *v;

	cr_expect_null(json_object_get(o, "expires"));
	cr_expect_null(json_object_get(o, "image"));
	e = json_object_get(o, "evidence");
	cr_assert(json_is_object(e));
	cr_expect_str_eq(str(e, "id"), BASE "/awards/w1");
	cr_expect_str_eq(str(e, "narrative"), "What I did.");
	v = json_object_get(o, "verification");
	cr_expect_str_eq(str(v, "type"), "SignedBadge");
	cr_expect_str_eq(str(v, "creator"), BASE "/ob/v2/keys/k1");
	json_decref(o);
}

Test(ob2, assertion_is_deterministic)
{
	struct ob2_assertion in = {
	    .id = "x", .badge = "y", .email = "e", .salt = "s", .issued_at = 5};

	cr_expect_str_eq(
	    ob2_assertion_json(A, &in), ob2_assertion_json(A, &in));
}

Test(ob2, badgeclass)
{
	static const char *const req[] = {"@context", "type", "id", "name",
	    "description", "image", "issuer", "tags", "alignment"};
	static const char *const crit[] = {"Build a robot.", "Show it."};
	static const char *const tags[] = {"robots", "awesome"};
	struct ob2_alignment al[] = {
	    {"CCSS", "http://www.corestandards.org/x", "Follow", "Core", "C1"},
	    {"No URL", "", NULL, NULL, NULL},
	};
	struct ob2_badge in = {
	    .id = BASE "/ob/v2/badges/b1/versions/1",
	    .name = "Robotics",
	    .description = "For robots.",
	    .image = BASE "/images/abc.png",
	    .criteria_url = BASE "/badges/b1",
	    .criteria = crit,
	    .ncriteria = 2,
	    .issuer = BASE "/ob/v2/issuers/i1",
	    .tags = tags,
	    .ntags = 2,
	    .alignments = al,
	    .nalignments = 2,
	};
	json_t *ex = example("badgeclass.json");
	json_t *o = parse(ob2_badge_json(A, &in)), *c, *a;

	same_keys(ex, o, req, sizeof(req) / sizeof(req[0]));
	c = json_object_get(o, "criteria");
	cr_assert(json_is_object(c));
	cr_expect_str_eq(str(c, "id"), BASE "/badges/b1");
	cr_expect_str_eq(str(c, "narrative"), "- Build a robot.\n- Show it.");
	a = json_object_get(o, "alignment");
	cr_assert_eq(
	    json_array_size(a), 1, "an alignment without URL is dropped");
	cr_expect_str_eq(str(json_array_get(a, 0), "targetName"), "CCSS");
	cr_expect_str_eq(str(json_array_get(a, 0), "targetFramework"), "Core");
	cr_expect_str_eq(str(json_array_get(a, 0), "targetCode"), "C1");
	cr_expect_eq(json_array_size(json_object_get(o, "tags")), 2);
	json_decref(o);
	json_decref(ex);
}

Test(ob2, badgeclass_minimal)
{
	struct ob2_badge in = {.id = "i",
	    .name = "n",
	    .description = "d",
	    .image = "im",
	    .criteria_url = "c",
	    .issuer = "is"};
	json_t *o = parse(ob2_badge_json(A, &in));

	cr_expect_null(json_object_get(o, "tags"));
	cr_expect_null(json_object_get(o, "alignment"));
	cr_expect_null(
	    json_object_get(json_object_get(o, "criteria"), "narrative"));
	json_decref(o);
}

Test(ob2, issuer)
{
	static const char *const req[] = {
	    "@context", "type", "id", "name", "url", "email", "revocationList"};
	struct ob2_issuer in = {
	    .id = BASE "/ob/v2/issuers/i1",
	    .name = "Issuer",
	    .url = "https://issuer.example",
	    .email = "contact@issuer.example",
	    .description = "",
	    .revocation_list = BASE "/ob/v2/revocations/i1",
	};
	json_t *ex = example("issuer-profile.json");
	json_t *o = parse(ob2_issuer_json(A, &in));

	same_keys(ex, o, req, sizeof(req) / sizeof(req[0]));
	cr_expect_null(json_object_get(o, "description"));
	cr_expect_str_eq(str(o, "email"), "contact@issuer.example");
	cr_expect_null(json_object_get(o, "publicKey"), "no keys: left out");
	json_decref(o);
	json_decref(ex);
}

Test(ob2, issuer_public_keys)
{
	static const char *const keys[] = {
	    BASE "/ob/v2/keys/k1", BASE "/ob/v2/keys/k2"};
	struct ob2_issuer in = {
	    .id = BASE "/ob/v2/issuers/i1",
	    .name = "Issuer",
	    .url = "https://issuer.example",
	    .email = "contact@issuer.example",
	    .revocation_list = BASE "/ob/v2/revocations/i1",
	    .public_keys = keys,
	    .npublic_keys = 2,
	};
	json_t *o = parse(ob2_issuer_json(A, &in)), *pk;

	pk = json_object_get(o, "publicKey");
	cr_assert(json_is_array(pk));
	cr_assert_eq(json_array_size(pk), 2);
	cr_expect_str_eq(
	    json_string_value(json_array_get(pk, 0)), BASE "/ob/v2/keys/k1");
	cr_expect_str_eq(
	    json_string_value(json_array_get(pk, 1)), BASE "/ob/v2/keys/k2");
	cr_expect_str_eq(ob2_key_url(A, BASE, "k1"), BASE "/ob/v2/keys/k1");
	json_decref(o);
}

Test(ob2, revoked_and_list)
{
	static const char *const req1[] = {
	    "@context", "id", "revoked", "revocationReason"};
	static const char *const req2[] = {
	    "@context", "type", "id", "issuer", "revokedAssertions"};
	struct ob2_revoked list[] = {{"urn:a", ""}, {"urn:b", "Copied."}};
	json_t *ex = example("revoked-hosted-assertion-410-body.json");
	json_t *o = parse(ob2_revoked_json(A, "urn:x", "Issued in error."));
	json_t *arr;

	same_keys(ex, o, req1, 4);
	cr_expect(json_is_true(json_object_get(o, "revoked")));
	cr_expect_null(json_object_get(o, "type"));
	json_decref(o);
	json_decref(ex);

	ex = example("revocation-list.json");
	o = parse(ob2_revocation_list_json(A, "urn:list", "urn:iss", list, 2));
	same_keys(ex, o, req2, 5);
	arr = json_object_get(o, "revokedAssertions");
	cr_assert_eq(json_array_size(arr), 2);
	cr_expect_str_eq(json_string_value(json_array_get(arr, 0)), "urn:a");
	cr_expect_str_eq(str(json_array_get(arr, 1), "id"), "urn:b");
	cr_expect_str_eq(
	    str(json_array_get(arr, 1), "revocationReason"), "Copied.");
	json_decref(o);
	json_decref(ex);
}

Test(ob2, key)
{
	static const char *const req[] = {
	    "@context", "type", "id", "owner", "publicKeyPem"};
	json_t *ex = example("cryptographic-key.json");
	json_t *o = parse(ob2_key_json(A, "urn:k", "urn:o", "PEM", 0));

	same_keys(ex, o, req, 5);
	cr_expect_str_eq(str(o, "owner"), "urn:o");
	cr_expect_null(json_object_get(o, "revoked"), "current: not revoked");
	json_decref(o);
	json_decref(ex);
}

Test(ob2, key_revoked)
{
	/* 2026-11-23T12:00:00Z */
	json_t *o = parse(
	    ob2_key_json(A, BASE "/ob/v2/keys/k1", "urn:o", "PEM", 1795435200));

	cr_expect_str_eq(str(o, "type"), "CryptographicKey");
	cr_expect_str_eq(str(o, "id"), BASE "/ob/v2/keys/k1");
	cr_expect_str_eq(str(o, "publicKeyPem"), "PEM");
	cr_expect_str_eq(str(o, "revoked"), "2026-11-23T12:00:00Z");
	json_decref(o);
}
