/*
 * test_ob3.c: Open Badges 3.0 publishing over loopback HTTP against the
 * real `laurel serve` (h_ob3.c, domain/ob3pub.c): the credential and its
 * Data Integrity proof checked with the key from the fetched issuer
 * profile, the VC-JWT checked with the profile's JWK, the credential
 * against the official JSON schema (node tests/schema/validate.mjs), the
 * status lists through revoke, suspend and reinstate, baked PNG/SVG with
 * format=ob3 unbaking to the credential byte for byte, and key rotation
 * keeping an earlier credential verifiable.
 *
 * make_award is tests/lib/awards.c.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"

#include <sys/wait.h>
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
#include "ob/di.h"
#include "ob/embedded.h"
#include "ob/jws.h"
#include "ob/multibase.h"
#include "ob/ob3.h"
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
	/* The suites share one database but each server gets a fresh data
	 * directory, hence a fresh secret, which could not open the keys an
	 * earlier server sealed: give them all the same secret. */
	setenv("LAUREL_SECRET_KEY",
	    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	    1);
	test_server_start(&srv);
	cl_server(&srv);
}

static void
teardown(void)
{
	test_server_stop(&srv);
}

TestSuite(ob3, .init = setup, .fini = teardown, .timeout = 120);

static const char *
path(const struct made *m, const char *rest)
{
	static char buf[4][256];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "/awards/%s%s", m->award, rest);
	return buf[k];
}

/* doc_ok checks an answer's status, content type and CORS header. */
static void
doc_ok(const struct http_resp *r, const char *type, const char *what)
{
	const char *ct = http_resp_header(r, "Content-Type");
	const char *cors = http_resp_header(r, "Access-Control-Allow-Origin");

	cr_assert_eq(r->status, 200, "%s: status %ld", what, r->status);
	cr_assert(ct != NULL && strncmp(ct, type, strlen(type)) == 0,
	    "%s: content type %s", what, ct ? ct : "(none)");
	cr_assert(cors != NULL && strcmp(cors, "*") == 0, "%s: CORS", what);
}

static const char *
cred_path(const struct made *m, const char *rest)
{
	static char b[2][256];
	static int k;

	k = (k + 1) % 2;
	snprintf(b[k], sizeof(b[k]), "/ob/v3/credentials/%s%s", m->award, rest);
	return b[k];
}

/* fetch_cred GETs the award's credential; *text gets its bytes. */
static json_t *
fetch_cred(const struct made *m, char **text)
{
	struct http_resp r = {0};
	json_t *c;

	doc_get(&srv, &r, cred_path(m, ""), NULL);
	doc_ok(&r, "application/vc+ld+json", "credential");
	c = doc_json(&r);
	if (text != NULL)
		*text = strndup(r.body.data, r.body.len);
	http_resp_free(&r);
	return c;
}

static json_t *
fetch_json(const char *url, const char *type, const char *what)
{
	struct http_resp r = {0};
	json_t *j;

	doc_get(&srv, &r, url, NULL);
	doc_ok(&r, type, what);
	j = doc_json(&r);
	http_resp_free(&r);
	return j;
}

/* vm_find returns the profile's verificationMethod with id id, or NULL. */
static json_t *
vm_find(json_t *profile, const char *id)
{
	json_t *vms = json_object_get(profile, "verificationMethod"), *vm;
	size_t i;

	json_array_foreach(vms, i,
	    vm) if (strcmp(json_string_value(json_object_get(vm, "id")), id) ==
	    0) return vm;
	return NULL;
}

static bool
listed(json_t *arr, const char *s)
{
	json_t *v;
	size_t i;

	json_array_foreach(arr, i, v) if (json_is_string(v) &&
	    strcmp(json_string_value(v), s) == 0) return true;
	return false;
}

/*
 * verify_di checks doc's (first) proof with the key its verificationMethod
 * names in the issuer profile fetched from issuer_url: the method must be
 * a Multikey of the profile, controlled by it and listed in
 * assertionMethod. Returns di_verify_proof's result.
 */
static int
verify_di(json_t *doc, const char *issuer_url)
{
	json_t *proof = json_array_get(json_object_get(doc, "proof"), 0);
	json_t *prof = fetch_json(issuer_url, "application/ld+json", "profile");
	json_t *vm;
	const char *vmid, *mb;
	struct ob_err e;
	uint8_t pub[32];
	int rc;

	cr_assert(json_is_object(proof), "a proof array");
	cr_expect_str_eq(doc_str(proof, "type"), "DataIntegrityProof");
	cr_expect_str_eq(doc_str(proof, "cryptosuite"), "eddsa-rdfc-2022");
	cr_expect_str_eq(doc_str(proof, "proofPurpose"), "assertionMethod");
	vmid = doc_str(proof, "verificationMethod");
	cr_expect_str_eq(doc_str(prof, "id"), issuer_url);
	vm = vm_find(prof, vmid);
	cr_assert_not_null(vm, "%s is in the profile", vmid);
	cr_expect(listed(json_object_get(prof, "assertionMethod"), vmid));
	cr_expect_str_eq(doc_str(vm, "type"), "Multikey");
	cr_expect_str_eq(doc_str(vm, "controller"), issuer_url);
	mb = doc_str(vm, "publicKeyMultibase");
	cr_assert_eq(
	    multikey_ed25519_decode(mb, strlen(mb), pub, &e), 0, "%s", e.msg);
	memset(&e, 0, sizeof(e));
	rc = di_verify_proof(doc, proof, pub, embedded_contexts(), NULL, &e);
	cr_expect_eq(rc, 0, "proof: %s", e.msg);
	json_decref(prof);
	return rc;
}

/* schema_ok validates text with node tests/schema/validate.mjs. */
static void
schema_ok(const char *text, const char *schema)
{
	char path[] = "/tmp/laurel-ob3-it-XXXXXX", cmd[512];
	int fd;
	FILE *f;

	if (system("node --version >/dev/null 2>&1") != 0 ||
	    access("node_modules/ajv/dist/2019.js", R_OK) != 0) {
		cr_log_warn("node or ajv missing: schema not checked");
		return;
	}
	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
	    "node tests/schema/validate.mjs --schema %s %s", schema, path);
	cr_expect_eq(system(cmd), 0, "%s fails the official schema", path);
	unlink(path);
}

Test(ob3, credential_verifies_with_the_published_key)
{
	struct made m;
	char *text, want[512];
	json_t *c, *subj;
	const char *issuer;

	make_award(srv.db_url, &m);
	c = fetch_cred(&m, &text);
	snprintf(want, sizeof(want), "%s/ob/v3/credentials/%s", srv.base_url,
	    m.award);
	cr_expect_str_eq(doc_str(c, "id"), want, "the id is its own address");
	cr_expect_str_eq(json_string_value(
	                     json_array_get(json_object_get(c, "@context"), 0)),
	    OB3_CONTEXT_VC);
	cr_expect_str_eq(json_string_value(
	                     json_array_get(json_object_get(c, "@context"), 1)),
	    OB3_CONTEXT);
	cr_expect_str_eq(
	    json_string_value(json_array_get(json_object_get(c, "type"), 1)),
	    "OpenBadgeCredential");
	subj = json_object_get(c, "credentialSubject");
	cr_expect_str_eq(
	    doc_str(json_object_get(subj, "achievement"), "name"), m.badge);
	cr_expect_null(strstr(text, m.email), "the address is hashed");
	cr_expect_null(strstr(text, m.name), "nobody is named");
	cr_expect_null(
	    json_object_get(c, "evidence"), "no evidence by default");
	issuer = doc_str(json_object_get(c, "issuer"), "id");
	snprintf(want, sizeof(want), "%s/ob/v3/issuers/", srv.base_url);
	cr_expect(strncmp(issuer, want, strlen(want)) == 0);
	cr_expect_eq(verify_di(c, issuer), 0);
	schema_ok(text, "achievementcredential");
	/* the same bytes again (deterministic signature) */
	{
		char *again;
		json_t *c2 = fetch_cred(&m, &again);

		cr_expect_str_eq(again, text);
		json_decref(c2);
		free(again);
	}
	/* The achievement's id is an address too: the same Achievement,
	 * with its issuer as creator. */
	{
		struct http_resp r = {0};
		json_t *ach = json_object_get(subj, "achievement"), *doc;

		cr_assert_eq(doc_get(&srv, &r, doc_str(ach, "id"), NULL), 200);
		doc = doc_json(&r);
		cr_expect_str_eq(doc_str(doc, "id"), doc_str(ach, "id"));
		cr_expect_str_eq(doc_str(doc, "name"), m.badge);
		cr_expect(json_equal(json_object_get(doc, "criteria"),
		    json_object_get(ach, "criteria")));
		cr_expect_str_eq(
		    doc_str(json_object_get(doc, "creator"), "id"), issuer);
		json_decref(doc);
		cr_expect_eq(doc_get(&srv, &r,
		                 "/ob/v3/achievements/AAAAAAAAAAAAAAAAAAAAAA/"
		                 "versions/1",
		                 NULL),
		    404);
		http_resp_free(&r);
	}
	/* unknown and malformed ids */
	{
		struct http_resp r = {0};

		cr_expect_eq(
		    doc_get(&srv, &r,
		        "/ob/v3/credentials/AAAAAAAAAAAAAAAAAAAAAA", NULL),
		    404);
		cr_expect_eq(doc_get(&srv, &r,
		                 "/ob/v3/issuers/AAAAAAAAAAAAAAAAAAAAAA", NULL),
		    404);
		cr_expect_eq(
		    doc_get(&srv, &r,
		        "/ob/v3/status/AAAAAAAAAAAAAAAAAAAAAA/revocation",
		        NULL),
		    404);
		http_resp_free(&r);
	}
	json_decref(c);
	free(text);
}

Test(ob3, jwt_verifies_with_the_published_jwk)
{
	struct made m;
	struct http_resp r = {0};
	struct jws j = {0};
	struct jws_key *key = NULL;
	json_t *c, *prof, *vm, *pl;
	const char *kid, *issuer;
	char msg[JWS_MSG_SIZE];

	make_award(srv.db_url, &m);
	c = fetch_cred(&m, NULL);
	issuer = doc_str(json_object_get(c, "issuer"), "id");
	doc_get(&srv, &r, cred_path(&m, ".jwt"), NULL);
	doc_ok(&r, "text/plain", "VC-JWT");
	cr_assert_eq(jws_parse(r.body.data, r.body.len, &j, msg, sizeof(msg)),
	    0, "%s", msg);
	cr_expect_str_eq(j.alg, "RS256");
	cr_expect_str_eq(doc_str(j.header, "typ"), "JWT");
	kid = doc_str(j.header, "kid");
	cr_expect(strncmp(kid, issuer, strlen(issuer)) == 0 &&
	        kid[strlen(issuer)] == '#',
	    "kid %s is in the issuer profile", kid);
	prof = fetch_json(issuer, "application/ld+json", "profile");
	vm = vm_find(prof, kid);
	cr_assert_not_null(vm, "kid resolves");
	cr_expect_str_eq(doc_str(vm, "type"), "JsonWebKey");
	cr_assert_eq(jws_key_from_jwk(json_object_get(vm, "publicKeyJwk"), &key,
	                 msg, sizeof(msg)),
	    0, "%s", msg);
	cr_expect_eq(jws_verify(&j, key, msg, sizeof(msg)), 0, "%s", msg);
	pl = json_loadb(j.payload.data, j.payload.len, 0, NULL);
	cr_assert_not_null(pl);
	cr_expect_str_eq(doc_str(pl, "iss"), issuer);
	cr_expect_str_eq(doc_str(pl, "jti"), doc_str(c, "id"));
	cr_expect_str_eq(doc_str(pl, "sub"),
	    doc_str(json_object_get(c, "credentialSubject"), "id"));
	cr_expect(json_is_integer(json_object_get(pl, "nbf")));
	cr_expect_null(json_object_get(pl, "proof"));
	json_decref(pl);
	jws_key_free(key);
	jws_free(&j);
	json_decref(prof);
	json_decref(c);
	http_resp_free(&r);
}

/* status_index reads the award's index from the server's database. */
static int64_t
status_index(const struct made *m)
{
	struct db *db;
	struct db_rows rows;
	struct arena *a = arena_new(1 << 20);
	struct db_param p[1] = {DB_STR(m->award)};
	char msg[256];
	int64_t idx;

	cr_assert_eq(db_open(srv.db_url, &db, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(db_exec(db, Q_OB3_STATUS_GET, p, 1, a, &rows), 0);
	cr_assert_eq(rows.nrows, 1, "the award has a status index");
	idx = db_get_int(&rows, 0, 0);
	db_close(db);
	arena_free(a);
	return idx;
}

/* bit fetches the issuer's list for purpose and returns bit idx. */
static bool
bit(const char *issuer_id, const char *purpose, int64_t idx)
{
	char url[256], want[512];
	json_t *l, *subj;
	const char *enc;
	struct buf bits;
	bool set;

	snprintf(url, sizeof(url), "/ob/v3/status/%s/%s", issuer_id, purpose);
	l = fetch_json(url, "application/vc+ld+json", purpose);
	snprintf(want, sizeof(want), "%s%s", srv.base_url, url);
	cr_expect_str_eq(doc_str(l, "id"), want);
	cr_expect_str_eq(
	    json_string_value(json_array_get(json_object_get(l, "type"), 1)),
	    "BitstringStatusListCredential");
	subj = json_object_get(l, "credentialSubject");
	cr_expect_str_eq(doc_str(subj, "statusPurpose"), purpose);
	enc = doc_str(subj, "encodedList");
	buf_init(&bits, NULL, OB3_STATUS_MAX_BYTES);
	cr_assert_eq(ob3_status_list_decode(enc, strlen(enc), &bits), 0);
	cr_expect_geq(bits.len * 8, OB3_STATUS_BITS);
	set = ob3_status_bit(&bits, idx);
	cr_expect_eq(verify_di(l, doc_str(l, "issuer")), 0, "list proof");
	buf_free(&bits);
	json_decref(l);
	return set;
}

/* on_list says whether the 1EdTechRevocationList names cred. */
static bool
on_list(const char *list_url, const char *cred)
{
	json_t *l = fetch_json(list_url, "application/json", "revocation list");
	json_t *arr = json_object_get(l, "revokedCredential"), *x;
	bool found = false;
	size_t i;

	cr_expect_str_eq(doc_str(l, "type"), "1EdTechRevocationList");
	json_array_foreach(arr, i, x) if (strcmp(doc_str(x, "id"), cred) == 0 &&
	    json_is_true(json_object_get(x, "revoked"))) found = true;
	json_decref(l);
	return found;
}

static void
set_status(struct client *admin, const struct made *m, const char *action)
{
	cl_get(admin, path(m, ""));
	if (strcmp(action, "reinstate") == 0)
		cl_post(admin, path(m, "/status"), "action", action, NULL);
	else
		cl_post(admin, path(m, "/status"), "action", action, "reason",
		    "other", "public_note", "Under review.", NULL);
	cl_expect_redirect(admin, path(m, "?done=status"), action);
}

Test(ob3, status_lists_follow_revoke_suspend_reinstate)
{
	struct client admin = {0};
	struct made m, m2;
	json_t *c, *st;
	char issuer_id[ID_LEN + 1], *text, cred[256], issuer[256], list[256];
	int64_t idx, idx2;

	make_award(srv.db_url, &m);
	make_award(srv.db_url, &m2);
	c = fetch_cred(&m, NULL);
	json_decref(fetch_cred(&m2, NULL));
	snprintf(cred, sizeof(cred), "%s", doc_str(c, "id"));
	snprintf(issuer, sizeof(issuer), "%s",
	    doc_str(json_object_get(c, "issuer"), "id"));
	snprintf(issuer_id, sizeof(issuer_id), "%s", strrchr(issuer, '/') + 1);
	st = json_object_get(c, "credentialStatus");
	cr_assert(json_is_object(st));
	cr_expect_str_eq(doc_str(st, "type"), "1EdTechRevocationList");
	snprintf(list, sizeof(list), "%s", doc_str(st, "id"));
	json_decref(c);
	idx = status_index(&m);
	idx2 = status_index(&m2);
	cr_expect_neq(idx, idx2, "indexes are unique within the issuer");
	cr_expect(!on_list(list, cred));
	cr_expect(!bit(issuer_id, "revocation", idx));
	cr_expect(!bit(issuer_id, "suspension", idx));

	cl_sign_in(&admin, "issueradmin@demo.laurel.test");
	set_status(&admin, &m, "suspend");
	cr_expect(on_list(list, cred), "a suspended award is listed");
	cr_expect(bit(issuer_id, "suspension", idx));
	cr_expect(!bit(issuer_id, "revocation", idx));
	cr_expect(!bit(issuer_id, "suspension", idx2));
	/* the credential is still served, and still verifies */
	c = fetch_cred(&m, &text);
	cr_expect_eq(verify_di(c, issuer), 0);
	json_decref(c);
	free(text);

	set_status(&admin, &m, "reinstate");
	cr_expect(!on_list(list, cred), "reinstated: off the list");
	cr_expect(!bit(issuer_id, "suspension", idx));

	set_status(&admin, &m, "revoke");
	cr_expect(on_list(list, cred));
	cr_expect(bit(issuer_id, "revocation", idx));
	cr_expect(!bit(issuer_id, "suspension", idx));
	cr_expect(!bit(issuer_id, "revocation", idx2));
	{
		struct http_resp r = {0};

		cr_expect_eq(
		    doc_get(&srv, &r, path(&m, "/badge.png?format=ob3"), NULL),
		    410);
		http_resp_free(&r);
	}
	cl_free(&admin);
}

Test(ob3, baked_badge_unbakes_to_the_credential)
{
	struct http_resp r = {0};
	struct made m;
	char *text, msg[256];
	json_t *c;
	struct buf out, verify;
	bool has_verify = true;

	make_award(srv.db_url, &m);
	c = fetch_cred(&m, &text);
	buf_init(&out, NULL, 1 << 22);
	buf_init(&verify, NULL, 1 << 20);
	doc_get(&srv, &r, path(&m, "/badge.png?format=ob3"), NULL);
	if (r.status == 200) {
		cr_expect_str_eq(
		    http_resp_header(&r, "Content-Type"), "image/png");
		cr_assert_eq(
		    png_unbake((const uint8_t *)r.body.data, r.body.len,
		        PNG_KEYWORD_OB3, &out, msg, sizeof(msg)),
		    0, "%s", msg);
		cr_expect_eq(
		    doc_get(&srv, &r, path(&m, "/badge.svg?format=ob3"), NULL),
		    404);
	} else {
		cr_assert_eq(
		    doc_get(&srv, &r, path(&m, "/badge.svg?format=ob3"), NULL),
		    200);
		cr_assert_eq(svg_unbake(r.body.data, r.body.len, SVG_OB3,
		                 &verify, &has_verify, &out, msg, sizeof(msg)),
		    0, "%s", msg);
		cr_expect(!has_verify, "no verify attribute for JSON");
	}
	cr_expect_eq(out.len, strlen(text));
	cr_expect(memcmp(out.data, text, out.len) == 0, "byte for byte");
	/* without format, the OB 2.0 badge as before */
	doc_get(&srv, &r, path(&m, "/badge.png"), NULL);
	if (r.status == 200) {
		buf_reset(&out);
		cr_expect_eq(
		    png_unbake((const uint8_t *)r.body.data, r.body.len,
		        PNG_KEYWORD_OB2, &out, msg, sizeof(msg)),
		    0, "%s", msg);
	}
	buf_free(&out);
	buf_free(&verify);
	json_decref(c);
	free(text);
	http_resp_free(&r);
}

Test(ob3, rotation_keeps_old_credentials_verifying)
{
	struct client admin = {0};
	struct made m;
	char url[256], scheme[ID_LEN + 1], *old_text, *new_text;
	json_t *old, *now, *prof;
	const char *issuer, *old_vm, *new_vm;

	make_award(srv.db_url, &m);
	old = fetch_cred(&m, &old_text);
	issuer = doc_str(json_object_get(old, "issuer"), "id");
	snprintf(scheme, sizeof(scheme), "%s", strrchr(issuer, '/') + 1);
	cl_sign_in(&admin, "issueradmin@demo.laurel.test");
	snprintf(url, sizeof(url), "/issuers/%s/badges", scheme);
	cl_get(&admin, url);
	snprintf(url, sizeof(url), "/issuers/%s/keys/rotate", scheme);
	cl_post(&admin, url, NULL);
	snprintf(url, sizeof(url), "/issuers/%s/badges?done=1", scheme);
	cl_expect_redirect(&admin, url, "rotated");

	now = fetch_cred(&m, &new_text);
	old_vm = doc_str(json_array_get(json_object_get(old, "proof"), 0),
	    "verificationMethod");
	new_vm = doc_str(json_array_get(json_object_get(now, "proof"), 0),
	    "verificationMethod");
	cr_expect_str_neq(old_vm, new_vm, "signed with the new key");
	cr_expect_str_neq(old_text, new_text);
	prof = fetch_json(issuer, "application/ld+json", "profile");
	cr_expect_not_null(vm_find(prof, old_vm), "the old key stays");
	cr_expect_not_null(vm_find(prof, new_vm));
	cr_expect_geq(
	    json_array_size(json_object_get(prof, "verificationMethod")), 3,
	    "two Ed25519 keys and an RSA key at least");
	cr_expect_eq(verify_di(old, issuer), 0, "the old credential verifies");
	cr_expect_eq(verify_di(now, issuer), 0);
	json_decref(prof);
	json_decref(old);
	json_decref(now);
	free(old_text);
	free(new_text);
	cl_free(&admin);
}

/* ---- laurel bake --credential, the profile's schema, the award page -- */

static const char *
laurel(void)
{
	const char *b = getenv("LAUREL");

	return b && *b ? b : "build/laurel";
}

/* run runs cmd and returns its standard output (malloc'd) and status. */
static char *
run(const char *cmd, int *status)
{
	FILE *p = popen(cmd, "r");
	struct buf b;
	char tmp[4096];
	size_t n;

	cr_assert_not_null(p, "%s", cmd);
	buf_init(&b, NULL, 4 << 20);
	while ((n = fread(tmp, 1, sizeof(tmp), p)) > 0)
		buf_add(&b, tmp, n);
	*status = pclose(p);
	buf_addc(&b, '\0');
	return b.data;
}

static void
put_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	cr_assert_not_null(f, "%s", path);
	cr_assert_eq(fwrite(p, 1, n, f), n);
	cr_assert_eq(fclose(f), 0);
}

Test(ob3, cli_bake_credential_and_jwt)
{
	struct http_resp r = {0};
	struct made m;
	char dir[] = "/tmp/laurel-ob3-cli-XXXXXX", cmd[2048], *text, *out;
	const char *img, *ext;
	json_t *c;
	int st;

	make_award(srv.db_url, &m);
	c = fetch_cred(&m, &text);
	img =
	    doc_str(json_object_get(
	                json_object_get(json_object_get(c, "credentialSubject"),
	                    "achievement"),
	                "image"),
	        "id");
	ext = strrchr(img, '.');
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(
	    doc_get(&srv, &r, img, NULL), 200, "the badge image %s", img);
	snprintf(cmd, sizeof(cmd), "%s/in%s", dir, ext);
	put_file(cmd, r.body.data, r.body.len);
	snprintf(cmd, sizeof(cmd), "%s/cred.json", dir);
	put_file(cmd, text, strlen(text));
	/* JSON from a file */
	snprintf(cmd, sizeof(cmd),
	    "%s bake %s/in%s %s/out%s --credential %s/cred.json && "
	    "%s unbake %s/out%s",
	    laurel(), dir, ext, dir, ext, dir, laurel(), dir, ext);
	out = run(cmd, &st);
	cr_expect_eq(st, 0, "%s", cmd);
	cr_expect_eq(strlen(out), strlen(text) + 1);
	cr_expect(strncmp(out, text, strlen(text)) == 0, "unbaked: %s", out);
	free(out);
	/* a VC-JWT from its URL */
	doc_get(&srv, &r, cred_path(&m, ".jwt"), NULL);
	cr_assert_eq(r.status, 200);
	snprintf(cmd, sizeof(cmd),
	    "%s bake %s/in%s %s/jwt%s --credential %s%s && "
	    "%s unbake %s/jwt%s",
	    laurel(), dir, ext, dir, ext, srv.base_url, cred_path(&m, ".jwt"),
	    laurel(), dir, ext);
	out = run(cmd, &st);
	cr_expect_eq(st, 0, "%s", cmd);
	cr_expect(strlen(out) == r.body.len + 1 &&
	        memcmp(out, r.body.data, r.body.len) == 0,
	    "unbaked JWT: %s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_expect_eq(system(cmd), 0);
	json_decref(c);
	free(text);
	http_resp_free(&r);
}

Test(ob3, profile_schema_and_award_page_links)
{
	struct http_resp r = {0};
	struct made m;
	json_t *c;
	char want[512], *prof;

	make_award(srv.db_url, &m);
	c = fetch_cred(&m, NULL);
	doc_get(&srv, &r, doc_str(json_object_get(c, "issuer"), "id"), NULL);
	cr_assert_eq(r.status, 200);
	prof = strndup(r.body.data, r.body.len);
	schema_ok(prof, "profile");
	free(prof);
	doc_get(&srv, &r, path(&m, ""), "text/html");
	cr_assert_eq(r.status, 200);
	snprintf(want, sizeof(want), "href=\"%s/ob/v3/credentials/%s\"",
	    srv.base_url, m.award);
	cr_expect_not_null(memmem(r.body.data, r.body.len, want, strlen(want)),
	    "the page links the credential");
	snprintf(want, sizeof(want), "href=\"%s/ob/v3/credentials/%s.jwt\"",
	    srv.base_url, m.award);
	cr_expect_not_null(memmem(r.body.data, r.body.len, want, strlen(want)),
	    "the page links the VC-JWT");
	cr_expect_not_null(memmem(r.body.data, r.body.len, "?format=ob3", 11),
	    "the page links the OB 3.0 baked badge");
	json_decref(c);
	http_resp_free(&r);
}

static void
settings(struct client *c, const struct made *m, const char *page,
    const char *evidence, const char *summary)
{
	cl_get(c, path(m, ""));
	cl_post(c, path(m, "/settings"), "page", page, "evidence", evidence,
	    "summary", summary, "attachments", "no", NULL);
	cl_expect_redirect(c, path(m, "?done=settings"), "settings saved");
}

Test(ob3, evidence_only_as_published)
{
	struct client owner = {0}, admin = {0};
	struct made m;
	json_t *c, *ev;
	char *text;

	make_award(srv.db_url, &m);
	cl_sign_in(&owner, m.email);
	settings(&owner, &m, "unlisted", "summary", "I planned a week.");
	c = fetch_cred(&m, &text);
	ev = json_array_get(json_object_get(c, "evidence"), 0);
	cr_assert(json_is_object(ev), "the summary is published");
	cr_expect_str_eq(doc_str(ev, "narrative"), "I planned a week.");
	cr_expect_null(strstr(text, m.account), "not the account");
	schema_ok(text, "achievementcredential");
	cr_expect_eq(
	    verify_di(c, doc_str(json_object_get(c, "issuer"), "id")), 0);
	json_decref(c);
	free(text);
	/* a private page: none */
	settings(&owner, &m, "private", "summary", "I planned a week.");
	c = fetch_cred(&m, NULL);
	cr_expect_null(json_object_get(c, "evidence"));
	json_decref(c);
	/* suspended: none whatever the settings */
	settings(&owner, &m, "unlisted", "summary", "I planned a week.");
	cl_sign_in(&admin, "issueradmin@demo.laurel.test");
	set_status(&admin, &m, "suspend");
	c = fetch_cred(&m, NULL);
	cr_expect_null(json_object_get(c, "evidence"));
	json_decref(c);
	cl_free(&owner);
	cl_free(&admin);
}
