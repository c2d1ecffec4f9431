/*
 * test_signer.c: issuers' signing keys (domain/signer.h) on SQLite and
 * PostgreSQL: encryption at rest, RS256 signatures that ob/jws.c verifies,
 * rotation that keeps retired keys published, and permissions.
 */
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/seed.h"
#include "domain/signer.h"
#include "ob/jws.h"
#include "../db/testdb.h"

#include <openssl/crypto.h>

#define T0 1795437296

struct env {
	struct db *db;
	struct config cfg;
	struct clock clk;
	struct app app;
	struct arena *a;
	char issuer[ID_LEN + 1], admin[ID_LEN + 1], assessor[ID_LEN + 1];
	struct who wadmin, wassessor;
};

static const uint8_t secret[32] = {9, 8, 7};

static void
env_open(struct env *e, enum db_kind kind)
{
	bool made;
	int created;

	memset(e, 0, sizeof(*e));
	e->db = testdb_open_kind(kind, true);
	config_defaults(&e->cfg);
	e->clk = clock_frozen(T0);
	e->app = (struct app){
	    .cfg = &e->cfg, .clock = &e->clk, .db = e->db, .secret = secret};
	e->a = arena_new(1 << 24);
	cr_assert_eq(seed_demo(&e->app, &created), 0);
	seed_id("issuer:scheme", e->issuer);
	cr_assert_eq(account_ensure(&e->app, e->a, "A", demo_accounts[4].email,
	                 NULL, e->admin, &made),
	    0);
	cr_assert_eq(account_ensure(&e->app, e->a, "A", demo_accounts[3].email,
	                 NULL, e->assessor, &made),
	    0);
	e->wadmin = (struct who){e->admin, "192.0.2.1"};
	e->wassessor = (struct who){e->assessor, "192.0.2.2"};
}

static void
env_close(struct env *e)
{
	arena_free(e->a);
	db_close(e->db);
}

Test(signer, seal_round_trip_and_wrong_secret)
{
	static const uint8_t other[32] = {1};
	const char *pt = "-----BEGIN PRIVATE KEY-----\nsecret\n";
	struct buf s, o;

	buf_init(&s, NULL, 4096);
	buf_init(&o, NULL, 4096);
	cr_assert_eq(
	    signer_seal(secret, "k1", (const uint8_t *)pt, strlen(pt), &s), 0);
	cr_assert_eq(s.len, 12 + strlen(pt) + 16);
	cr_assert(memmem(s.data, s.len, "secret", 6) == NULL);
	cr_assert_eq(
	    signer_open(secret, "k1", (const uint8_t *)s.data, s.len, &o), 0);
	cr_assert_eq(o.len, strlen(pt));
	cr_assert(memcmp(o.data, pt, o.len) == 0);
	buf_reset(&o);
	cr_assert_eq(
	    signer_open(other, "k1", (const uint8_t *)s.data, s.len, &o),
	    ERR_CRYPTO);
	cr_assert_eq(
	    signer_open(secret, "k2", (const uint8_t *)s.data, s.len, &o),
	    ERR_CRYPTO);
	s.data[14] ^= 1;
	cr_assert_eq(
	    signer_open(secret, "k1", (const uint8_t *)s.data, s.len, &o),
	    ERR_CRYPTO);
	cr_assert_eq(signer_open(secret, "k1", (const uint8_t *)s.data, 20, &o),
	    ERR_CRYPTO);
	buf_free(&s);
	buf_free(&o);
}

struct sign_ctx {
	struct signer *s;
	const char *id;
};

static int
sign_cb(void *ctx, const uint8_t *msg, size_t len, struct buf *sig)
{
	struct sign_ctx *c = ctx;

	return signer_sign(c->s, c->id, msg, len, sig);
}

/* sign_verify signs a JWS with key id and checks it with the published
 * PEM; returns jws_verify's result. */
static int
sign_verify(struct env *e, const char *id)
{
	static const char hdr[] = "{\"alg\":\"RS256\"}";
	struct signer s = {&e->app};
	struct sign_ctx ctx = {&s, id};
	struct jws_signer js = {sign_cb, &ctx};
	const char *pem;
	struct jws_key *k = NULL;
	struct jws j;
	struct buf out;
	char msg[JWS_MSG_SIZE];
	int rc;

	buf_init(&out, e->a, 1 << 16);
	cr_assert_eq(jws_sign(hdr, strlen(hdr), "{\"a\":1}", 7, &js, &out, msg,
	                 sizeof(msg)),
	    0, "%s", msg);
	cr_assert_eq(signer_pubkey(&s, e->a, id, &pem), 0);
	cr_assert_eq(jws_key_from_pem(pem, strlen(pem), &k, msg, sizeof(msg)),
	    0, "%s", msg);
	cr_assert_eq(
	    jws_parse(out.data, out.len, &j, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(j.payload.len, 7);
	rc = jws_verify(&j, k, msg, sizeof(msg));
	jws_free(&j);
	jws_key_free(k);
	return rc;
}

static void
check_keys(enum db_kind kind)
{
	struct env e;
	const char *mode, *k1, *k2, *cur;
	struct signer_key *keys, one;
	struct signer s;
	struct buf sig;
	size_t n;

	env_open(&e, kind);
	s = (struct signer){&e.app};
	cr_assert_eq(issuer_verification(&e.app, e.a, e.issuer, &mode), 0);
	cr_assert_str_eq(mode, "hosted");
	cr_assert_eq(
	    issuer_key_current(&e.app, e.a, e.issuer, &cur), ERR_NOTFOUND);
	/* Only an issuer admin chooses. */
	cr_assert_eq(issuer_verification_set(
	                 &e.app, e.a, &e.wassessor, e.issuer, "signed"),
	    ERR_FORBIDDEN);
	cr_assert_eq(
	    issuer_verification_set(&e.app, e.a, &e.wadmin, e.issuer, "bogus"),
	    ERR_INVAL);
	cr_assert_eq(
	    issuer_verification_set(&e.app, e.a, &e.wadmin, e.issuer, "signed"),
	    0);
	cr_assert_eq(issuer_verification(&e.app, e.a, e.issuer, &mode), 0);
	cr_assert_str_eq(mode, "signed");
	cr_assert_eq(issuer_key_current(&e.app, e.a, e.issuer, &k1), 0);
	cr_assert_eq(sign_verify(&e, k1), 0);

	/* Rotation: a new current key; the old one stays, retired. */
	cr_assert_eq(
	    issuer_key_rotate(&e.app, e.a, &e.wassessor, e.issuer, &k2),
	    ERR_FORBIDDEN);
	e.clk = clock_frozen(T0 + 100);
	cr_assert_eq(
	    issuer_key_rotate(&e.app, e.a, &e.wadmin, e.issuer, &k2), 0);
	cr_assert_str_neq(k1, k2);
	cr_assert_eq(issuer_key_current(&e.app, e.a, e.issuer, &cur), 0);
	cr_assert_str_eq(cur, k2);
	cr_assert_eq(issuer_keys(&e.app, e.a, e.issuer, &keys, &n), 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(keys[0].id, k1);
	cr_assert_eq(keys[0].retired_at, T0 + 100);
	cr_assert_eq(keys[1].retired_at, 0);
	cr_assert(strstr(keys[0].public_pem, "BEGIN PUBLIC KEY") != NULL);
	cr_assert_eq(signer_key_get(&e.app, e.a, k1, &one), 0);
	cr_assert_eq(one.retired_at, T0 + 100);
	cr_assert_str_eq(one.alg, "RS256");
	cr_assert_eq(sign_verify(&e, k2), 0);

	/* Another secret cannot use the stored key. */
	{
		static const uint8_t wrong[32] = {1, 2, 3};
		struct app other = e.app;
		struct signer so = {&other};

		other.secret = wrong;
		buf_init(&sig, e.a, 4096);
		cr_assert_eq(
		    signer_sign(&so, k2, (const uint8_t *)"x", 1, &sig),
		    ERR_CRYPTO);
		cr_assert_eq(
		    signer_sign(&s, "nosuchkey", (const uint8_t *)"x", 1, &sig),
		    ERR_NOTFOUND);
		cr_assert_eq(
		    signer_sign(&s, k2, (const uint8_t *)"x", 1, &sig), 0);
		cr_assert_eq(sig.len, 256);
	}
	env_close(&e);
}

Test(signer, keys_sqlite)
{
	check_keys(DB_SQLITE);
}

Test(signer, keys_pgsql)
{
	check_keys(DB_PGSQL);
}
