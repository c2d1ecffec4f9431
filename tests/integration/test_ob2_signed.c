/*
 * test_ob2_signed.c: Open Badges 2.0 signed assertions over loopback HTTP
 * against the real `laurel serve` (h_author.c's verification form,
 * h_ob.c's /ob/v2/keys/{id}, domain/obpub.c, domain/signer.c): the demo
 * scheme issuer's admin switches it to signed through the form; an award's
 * assertion then names the issuer's key as creator, the issuer profile
 * lists the key in publicKey, the key is served as a CryptographicKey, and
 * the baked badge carries a JWS that verifies (jws_verify) with the
 * publicKeyPem fetched from the creator address and whose payload is the
 * hosted assertion byte for byte. Rotating retires the key: the old one is
 * still served, with revoked, and listed; new bakes name the new key.
 *
 * A binary of its own: the test database is shared by the tests of a
 * binary, and the other OB 2.0 tests expect the issuer to be hosted.
 * make_award is tests/lib/awards.c.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"

#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/hooks.h>
#include <jansson.h>

#include "core/clock.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/application.h"
#include "domain/assessment.h"
#include "domain/badge.h"
#include "domain/seed.h"
#include "lib/awards.h"
#include "lib/client.h"
#include "lib/docs.h"
#include "ob/bake_png.h"
#include "ob/bake_svg.h"
#include "ob/jws.h"
#include "lib/server.h"

#define NOTES "Notes from my supervision session.\n"

static struct test_server srv;

ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
	(void)set;
	(void)test_env_prepare();
}

ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
	(void)stats;
	test_env_cleanup();
}

static void
setup(void)
{
	test_server_start(&srv);
	cl_server(&srv);
}

static void
teardown(void)
{
	test_server_stop(&srv);
}

TestSuite(ob2_signed, .init = setup, .fini = teardown, .timeout = 120);

/* ld_ok checks a document answer's status, type and CORS header. */
static void
ld_ok(const struct http_resp *r, long status, const char *what)
{
	const char *ct = http_resp_header(r, "Content-Type");
	const char *cors = http_resp_header(r, "Access-Control-Allow-Origin");

	cr_assert_eq(r->status, status, "%s: status %ld", what, r->status);
	cr_assert(ct != NULL && strncmp(ct, "application/ld+json", 19) == 0,
	    "%s: content type %s", what, ct ? ct : "(none)");
	cr_assert(cors != NULL && strcmp(cors, "*") == 0, "%s: CORS", what);
}

/* baked_jws fetches the award's baked badge at image and unbakes its
 * JWS into jws (a heap buf). */
static void
baked_jws(const char *image, struct buf *jws)
{
	struct http_resp r = {0};
	struct buf body;
	const char *ext = strrchr(image, '.');
	bool has_verify = false;
	char msg[256];

	cr_assert_not_null(ext);
	cr_assert_eq(doc_get(&srv, &r, image, NULL), 200, "the baked badge");
	if (strcmp(ext, ".png") == 0) {
		cr_assert_eq(
		    png_unbake((const uint8_t *)r.body.data, r.body.len,
		        PNG_KEYWORD_OB2, jws, msg, sizeof(msg)),
		    0, "%s", msg);
	} else {
		buf_init(&body, NULL, 1 << 20);
		cr_assert_eq(svg_unbake(r.body.data, r.body.len, SVG_OB2, jws,
		                 &has_verify, &body, msg, sizeof(msg)),
		    0, "%s", msg);
		cr_expect(has_verify, "the JWS is the verify attribute");
		cr_expect_eq(body.len, 0, "a signed SVG has no body");
		buf_free(&body);
	}
	http_resp_free(&r);
}

/* verify_with checks that the compact JWS verifies with the publicKeyPem
 * of the key at key_url and that its payload is want byte for byte. */
static void
verify_with(const struct buf *jws, const char *key_url, const char *want)
{
	struct http_resp r = {0};
	struct jws j = {0};
	struct jws_key *k = NULL;
	char msg[JWS_MSG_SIZE];
	const char *pem;
	json_t *key;

	cr_assert_eq(
	    jws_parse(jws->data, jws->len, &j, msg, sizeof(msg)), 0, "%s", msg);
	cr_expect_str_eq(j.alg, "RS256");
	cr_expect_eq(j.alg_id, JWS_ALG_RS256);
	doc_get(&srv, &r, key_url, NULL);
	ld_ok(&r, 200, "the key");
	key = doc_json(&r);
	pem = doc_str(key, "publicKeyPem");
	cr_assert_eq(jws_key_from_pem(pem, strlen(pem), &k, msg, sizeof(msg)),
	    0, "%s", msg);
	cr_expect_eq(jws_verify(&j, k, msg, sizeof(msg)), 0, "%s", msg);
	cr_expect_eq(j.payload.len, strlen(want));
	cr_expect(memcmp(j.payload.data, want, j.payload.len) == 0,
	    "the payload is the assertion");
	jws_key_free(k);
	jws_free(&j);
	json_decref(key);
	http_resp_free(&r);
}

/* in_array tells whether the JSON array arr holds the string s. */
static bool
in_array(json_t *arr, const char *s)
{
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const char *v = json_string_value(json_array_get(arr, i));
		if (v != NULL && strcmp(v, s) == 0)
			return true;
	}
	return false;
}

Test(ob2_signed, switch_bake_verify_rotate)
{
	struct client admin = {0};
	struct http_resp r = {0};
	struct made m;
	char scheme[ID_LEN + 1], url[256], *assertion, *creator, *issuer;
	struct buf jws;
	json_t *as, *is, *key, *pk;

	make_award(srv.db_url, &m);
	seed_id("issuer:scheme", scheme);

	/* The admin switches the issuer to signed on its badges page. */
	cl_sign_in(&admin, "issueradmin@demo.laurel.test");
	snprintf(url, sizeof(url), "/issuers/%s/badges", scheme);
	cl_get(&admin, url);
	cl_expect(&admin, 200, "Open Badges verification", "the form");
	cl_expect(&admin, 200, "no signing key yet", "no key yet");
	snprintf(url, sizeof(url), "/issuers/%s/verification", scheme);
	cl_post(&admin, url, "verification", "signed", NULL);
	snprintf(url, sizeof(url), "/issuers/%s/badges?done=1", scheme);
	cl_expect_redirect(&admin, url, "signed");
	cl_get(&admin, url);
	cl_expect(&admin, 200, "Current", "the key is listed");

	/* The assertion names the issuer's key, which the profile lists. */
	snprintf(url, sizeof(url), "/ob/v2/assertions/%s", m.award);
	doc_get(&srv, &r, url, NULL);
	ld_ok(&r, 200, "the hosted assertion stays");
	assertion = strndup(r.body.data, r.body.len);
	as = doc_json(&r);
	cr_expect_str_eq(doc_str(json_object_get(as, "verification"), "type"),
	    "SignedBadge");
	creator =
	    strdup(doc_str(json_object_get(as, "verification"), "creator"));
	cr_expect(strncmp(creator, srv.base_url, strlen(srv.base_url)) == 0 &&
	        strstr(creator, "/ob/v2/keys/") != NULL,
	    "creator: %s", creator);
	doc_get(&srv, &r, doc_str(as, "badge"), NULL);
	{
		json_t *bc = doc_json(&r);
		issuer = strdup(doc_str(bc, "issuer"));
		json_decref(bc);
	}
	doc_get(&srv, &r, issuer, NULL);
	ld_ok(&r, 200, "issuer");
	is = doc_json(&r);
	pk = json_object_get(is, "publicKey");
	cr_assert(json_is_array(pk), "publicKey is listed");
	cr_expect_eq(json_array_size(pk), 1);
	cr_expect(in_array(pk, creator), "the creator is in publicKey");
	json_decref(is);
	doc_get(&srv, &r, creator, NULL);
	ld_ok(&r, 200, "the key");
	key = doc_json(&r);
	cr_expect_str_eq(doc_str(key, "type"), "CryptographicKey");
	cr_expect_str_eq(doc_str(key, "id"), creator);
	cr_expect_str_eq(doc_str(key, "owner"), issuer);
	cr_expect_null(json_object_get(key, "revoked"), "the current key");
	json_decref(key);

	/* The baked badge carries a JWS of the assertion by that key. */
	buf_init(&jws, NULL, JWS_MAX_LEN);
	baked_jws(doc_str(as, "image"), &jws);
	cr_expect_eq(
	    memchr(jws.data, '{', jws.len), NULL, "a JWS, not the JSON");
	verify_with(&jws, creator, assertion);

	/* Rotating: the old key stays published with revoked and listed. */
	snprintf(url, sizeof(url), "/issuers/%s/badges", scheme);
	cl_get(&admin, url);
	snprintf(url, sizeof(url), "/issuers/%s/keys/rotate", scheme);
	cl_post(&admin, url, NULL);
	snprintf(url, sizeof(url), "/issuers/%s/badges?done=1", scheme);
	cl_expect_redirect(&admin, url, "rotated");
	doc_get(&srv, &r, creator, NULL);
	ld_ok(&r, 200, "the retired key");
	key = doc_json(&r);
	cr_expect(strlen(doc_str(key, "revoked")) >= 20, "revoked: a DateTime");
	json_decref(key);
	doc_get(&srv, &r, issuer, NULL);
	is = doc_json(&r);
	pk = json_object_get(is, "publicKey");
	cr_expect_eq(json_array_size(pk), 2, "old and new keys");
	cr_expect(in_array(pk, creator), "the retired key is still listed");
	/* The old badge still verifies with the retired key. */
	verify_with(&jws, creator, assertion);
	json_decref(as);
	free(assertion);

	/* New bakes name and are signed by the new key. */
	snprintf(url, sizeof(url), "/ob/v2/assertions/%s", m.award);
	doc_get(&srv, &r, url, NULL);
	assertion = strndup(r.body.data, r.body.len);
	as = doc_json(&r);
	{
		const char *c2 =
		    doc_str(json_object_get(as, "verification"), "creator");
		cr_expect_str_neq(c2, creator, "a new key signs");
		cr_expect(in_array(pk, c2), "the new key is listed");
		buf_reset(&jws);
		baked_jws(doc_str(as, "image"), &jws);
		verify_with(&jws, c2, assertion);
	}
	json_decref(is);

	/* Back to hosted: the badge carries the JSON again. */
	snprintf(url, sizeof(url), "/issuers/%s/badges", scheme);
	cl_get(&admin, url);
	snprintf(url, sizeof(url), "/issuers/%s/verification", scheme);
	cl_post(&admin, url, "verification", "hosted", NULL);
	snprintf(url, sizeof(url), "/issuers/%s/badges?done=1", scheme);
	cl_expect_redirect(&admin, url, "hosted");
	snprintf(url, sizeof(url), "/ob/v2/assertions/%s", m.award);
	doc_get(&srv, &r, url, NULL);
	json_decref(as);
	as = doc_json(&r);
	cr_expect_str_eq(
	    doc_str(json_object_get(as, "verification"), "type"), "hosted");
	doc_get(&srv, &r, creator, NULL);
	ld_ok(&r, 200, "keys stay published");

	buf_free(&jws);
	json_decref(as);
	free(assertion);
	free(creator);
	free(issuer);
	http_resp_free(&r);
	cl_free(&admin);
}
