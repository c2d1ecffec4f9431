/*
 * test_signer_proc.c: the signer process (domain/signer_proc.h) on SQLite
 * (a file, since the child opens its own connection) and PostgreSQL.
 * Keys are made in process; signatures made through the child verify
 * with the published keys and, for Ed25519, equal the in-process ones.
 * Also: unknown keys, many threads at once, a message over several
 * records, a malformed frame (the child exits, later signatures fail with
 * ERR_CRYPTO) and reaping at stop.
 */
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/seed.h"
#include "domain/signer.h"
#include "domain/signer_proc.h"
#include "../db/testdb.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#define T0 1795437296
#define NTHREADS 8
#define NSIGNS 12

struct env {
	struct db *db;
	struct config cfg;
	struct clock clk;
	struct app app;  /* in process */
	struct app papp; /* through the signer process */
	struct signer_proc *proc;
	struct arena *a;
	char path[64];
	char issuer[ID_LEN + 1];
	const char *rsa, *ed; /* key ids */
	const char *rsa_pem, *ed_pem;
};

static const uint8_t secret[32] = {9, 8, 7};

static void
hex(const uint8_t *p, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = d[p[i] >> 4];
		out[2 * i + 1] = d[p[i] & 15];
	}
	out[2 * n] = '\0';
}

static void
env_open(struct env *e, enum db_kind kind)
{
	char key[65], msg[512];
	struct signer s;
	int created, applied, fd;

	memset(e, 0, sizeof(*e));
	config_defaults(&e->cfg);
	hex(secret, 32, key);
	cr_assert_eq(config_set(&e->cfg, "secret-key", key, msg, sizeof(msg)),
	    0, "%s", msg);
	if (kind == DB_PGSQL) {
		e->db = testdb_open_kind(DB_PGSQL, true);
		cr_assert_eq(config_set(&e->cfg, "db", getenv("LAUREL_TEST_PG"),
		                 msg, sizeof(msg)),
		    0, "%s", msg);
	} else {
		snprintf(e->path, sizeof(e->path), "/tmp/laurel-sp-XXXXXX");
		cr_assert_neq(fd = mkstemp(e->path), -1);
		close(fd);
		cr_assert_eq(
		    db_open(e->path, &e->db, msg, sizeof(msg)), 0, "%s", msg);
		cr_assert_eq(
		    migrate_run(e->db, 1700000000, &applied, msg, sizeof(msg)),
		    0, "%s", msg);
		cr_assert_eq(
		    config_set(&e->cfg, "db", e->path, msg, sizeof(msg)), 0,
		    "%s", msg);
	}
	e->clk = clock_frozen(T0);
	e->app = (struct app){.cfg = &e->cfg,
	    .clock = &e->clk,
	    .db = e->db,
	    .secret = secret,
	    .signer_proc = NULL};
	e->a = arena_new(1 << 24);
	cr_assert_eq(seed_demo(&e->app, &created), 0);
	seed_id("issuer:scheme", e->issuer);
	cr_assert_eq(
	    issuer_key_ensure(&e->app, e->a, e->issuer, SIGNER_RS256, &e->rsa),
	    0);
	cr_assert_eq(
	    issuer_key_ensure(&e->app, e->a, e->issuer, SIGNER_ED25519, &e->ed),
	    0);
	s = (struct signer){&e->app};
	cr_assert_eq(signer_pubkey(&s, e->a, e->rsa, &e->rsa_pem), 0);
	cr_assert_eq(signer_pubkey(&s, e->a, e->ed, &e->ed_pem), 0);
	/* SQLite's per-process lock state does not survive fork: no
	 * connection to the file may be open while the child starts. */
	if (kind == DB_SQLITE) {
		db_close(e->db);
		e->db = NULL;
	}
	cr_assert_eq(signer_proc_start(&e->cfg, &e->proc, msg, sizeof(msg)), 0,
	    "%s", msg);
	if (kind == DB_SQLITE) {
		cr_assert_eq(
		    db_open(e->path, &e->db, msg, sizeof(msg)), 0, "%s", msg);
		e->app.db = e->db;
	}
	/* The process has the secret of its own: the app it is reached
	 * through needs none. */
	e->papp = (struct app){.cfg = &e->cfg,
	    .clock = &e->clk,
	    .db = e->db,
	    .secret = NULL,
	    .signer_proc = e->proc};
}

static void
env_close(struct env *e)
{
	signer_proc_stop(e->proc);
	arena_free(e->a);
	db_close(e->db);
	config_free(&e->cfg);
	if (e->path[0] != '\0') {
		char p[80];

		unlink(e->path);
		snprintf(p, sizeof(p), "%s-wal", e->path);
		unlink(p);
		snprintf(p, sizeof(p), "%s-shm", e->path);
		unlink(p);
	}
}

/* verify: does sig verify msg under the PEM public key? */
static bool
verify(const char *pem, const void *msg, size_t len, const struct buf *sig)
{
	BIO *bio = BIO_new_mem_buf(pem, -1);
	EVP_PKEY *pk = bio ? PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL) : NULL;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	bool ok = false;

	if (pk != NULL && md != NULL &&
	    EVP_DigestVerifyInit(md, NULL,
	        EVP_PKEY_get_base_id(pk) == EVP_PKEY_ED25519 ? NULL
	                                                     : EVP_sha256(),
	        NULL, pk) == 1)
		ok = EVP_DigestVerify(md, (const unsigned char *)sig->data,
		         sig->len, msg, len) == 1;
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pk);
	BIO_free(bio);
	return ok;
}

static int
psign(
    struct env *e, const char *id, const void *msg, size_t len, struct buf *sig)
{
	struct signer s = {&e->papp};

	buf_reset(sig);
	return signer_sign(&s, id, msg, len, sig);
}

static void
check_sign(enum db_kind kind)
{
	static const char m[] = "header.payload";
	struct env e;
	struct signer in;
	struct buf sig, local;
	char other[ID_LEN + 1];
	uint8_t *big;
	size_t bigl = 3 * SIGNER_CHUNK + 17;

	env_open(&e, kind);
	in = (struct signer){&e.app};
	buf_init(&sig, NULL, 4096);
	buf_init(&local, NULL, 4096);

	cr_assert_eq(psign(&e, e.rsa, m, strlen(m), &sig), 0);
	cr_assert_eq(sig.len, 256);
	cr_assert(verify(e.rsa_pem, m, strlen(m), &sig));
	cr_assert_eq(psign(&e, e.ed, m, strlen(m), &sig), 0);
	cr_assert_eq(sig.len, 64);
	cr_assert(verify(e.ed_pem, m, strlen(m), &sig));
	cr_assert_eq(
	    signer_sign(&in, e.ed, (const uint8_t *)m, strlen(m), &local), 0);
	cr_assert_eq(local.len, 64);
	cr_assert(memcmp(local.data, sig.data, 64) == 0);
	/* RSASSA-PKCS1-v1_5 is deterministic too. */
	buf_reset(&local);
	cr_assert_eq(psign(&e, e.rsa, m, strlen(m), &sig), 0);
	cr_assert_eq(
	    signer_sign(&in, e.rsa, (const uint8_t *)m, strlen(m), &local), 0);
	cr_assert_eq(local.len, sig.len);
	cr_assert(memcmp(local.data, sig.data, sig.len) == 0);

	/* An empty message, and one over several records. */
	cr_assert_eq(psign(&e, e.ed, "", 0, &sig), 0);
	cr_assert(verify(e.ed_pem, "", 0, &sig));
	big = malloc(bigl);
	for (size_t i = 0; i < bigl; i++)
		big[i] = (uint8_t)(i * 7);
	cr_assert_eq(psign(&e, e.rsa, big, bigl, &sig), 0);
	cr_assert(verify(e.rsa_pem, big, bigl, &sig));
	cr_assert_eq(psign(&e, e.ed, big, bigl, &sig), 0);
	cr_assert(verify(e.ed_pem, big, bigl, &sig));
	free(big);
	/* The largest message allowed, and one byte more. */
	big = calloc(1, SIGNER_MSG_MAX);
	cr_assert_eq(psign(&e, e.ed, big, SIGNER_MSG_MAX, &sig), 0);
	cr_assert(verify(e.ed_pem, big, SIGNER_MSG_MAX, &sig));
	free(big);
	cr_assert_eq(
	    psign(&e, e.ed, "x", SIGNER_MSG_MAX + 1, &sig), ERR_TOOBIG);

	/* Unknown keys: a well-formed id the child looks up, and a string
	 * that cannot be an id, refused before the child sees it. */
	id_new(other);
	cr_assert_eq(psign(&e, other, m, strlen(m), &sig), ERR_NOTFOUND);
	cr_assert_eq(psign(&e, "nosuchkey", m, strlen(m), &sig), ERR_NOTFOUND);
	cr_assert_eq(psign(&e, "", m, strlen(m), &sig), ERR_NOTFOUND);
	cr_assert_eq(sig.len, 0);
	/* The child is still there. */
	cr_assert_eq(psign(&e, e.ed, m, strlen(m), &sig), 0);
	cr_assert(verify(e.ed_pem, m, strlen(m), &sig));

	buf_free(&sig);
	buf_free(&local);
	env_close(&e);
}

Test(signer_proc, sign_sqlite)
{
	check_sign(DB_SQLITE);
}

Test(signer_proc, sign_pgsql)
{
	check_sign(DB_PGSQL);
}

struct worker {
	struct env *e;
	int n;
	atomic_int *bad;
};

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct buf sig;
	char m[64];

	buf_init(&sig, NULL, 4096);
	for (int i = 0; i < NSIGNS; i++) {
		bool ed = (w->n + i) % 2 == 0;
		int len =
		    snprintf(m, sizeof(m), "thread %d message %d", w->n, i);

		if (psign(w->e, ed ? w->e->ed : w->e->rsa, m, (size_t)len,
		        &sig) != 0 ||
		    !verify(ed ? w->e->ed_pem : w->e->rsa_pem, m, (size_t)len,
		        &sig))
			atomic_fetch_add(w->bad, 1);
	}
	buf_free(&sig);
	return NULL;
}

Test(signer_proc, many_threads)
{
	struct env e;
	struct worker w[NTHREADS];
	pthread_t t[NTHREADS];
	atomic_int bad = 0;

	env_open(&e, DB_SQLITE);
	for (int i = 0; i < NTHREADS; i++) {
		w[i] = (struct worker){&e, i, &bad};
		cr_assert_eq(
		    pthread_create(&t[i], NULL, worker_main, &w[i]), 0);
	}
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	cr_assert_eq(atomic_load(&bad), 0);
	env_close(&e);
}

/* malformed sends rec on the parent's socket as if it were a request,
 * then checks that the child exits and signing fails cleanly. */
static void
malformed(const void *rec, size_t len)
{
	static const char m[] = "after";
	struct env e;
	struct buf sig;
	pid_t pid;
	int st;

	env_open(&e, DB_SQLITE);
	buf_init(&sig, NULL, 4096);
	cr_assert_eq(psign(&e, e.ed, m, strlen(m), &sig), 0);
	pid = signer_proc_pid(e.proc);
	cr_assert_eq(
	    send(signer_proc_fd(e.proc), rec, len, MSG_NOSIGNAL), (ssize_t)len);
	cr_assert_eq(psign(&e, e.ed, m, strlen(m), &sig), ERR_CRYPTO);
	cr_assert_eq(sig.len, 0);
	/* And it stays failed, without trying again. */
	cr_assert_eq(psign(&e, e.rsa, m, strlen(m), &sig), ERR_CRYPTO);
	/* The child has exited (not yet reaped); stop reaps it. */
	cr_assert_eq(kill(pid, 0), 0);
	signer_proc_stop(e.proc);
	e.proc = NULL;
	cr_assert_eq(waitpid(pid, &st, WNOHANG), -1);
	cr_assert_eq(errno, ECHILD);
	buf_free(&sig);
	env_close(&e);
}

Test(signer_proc, short_record_kills_child)
{
	malformed("abc", 3);
}

Test(signer_proc, bad_opcode_kills_child)
{
	uint8_t hdr[4 + ID_LEN + 4];
	uint32_t op = 2, n = 0;

	memcpy(hdr, &op, 4);
	memset(hdr + 4, 'A', ID_LEN);
	memcpy(hdr + 4 + ID_LEN, &n, 4);
	malformed(hdr, sizeof(hdr));
}

Test(signer_proc, bad_key_id_kills_child)
{
	uint8_t hdr[4 + ID_LEN + 4];
	uint32_t op = 1, n = 0;

	memcpy(hdr, &op, 4);
	memset(hdr + 4, '!', ID_LEN);
	memcpy(hdr + 4 + ID_LEN, &n, 4);
	malformed(hdr, sizeof(hdr));
}

Test(signer_proc, oversized_length_kills_child)
{
	uint8_t hdr[4 + ID_LEN + 4];
	uint32_t op = 1, n = (uint32_t)SIGNER_MSG_MAX + 1;

	memcpy(hdr, &op, 4);
	memset(hdr + 4, 'A', ID_LEN);
	memcpy(hdr + 4 + ID_LEN, &n, 4);
	malformed(hdr, sizeof(hdr));
}

Test(signer_proc, long_record_kills_child)
{
	uint8_t rec[4 + ID_LEN + 4 + 1];
	uint32_t op = 1, n = 1;

	memcpy(rec, &op, 4);
	memset(rec + 4, 'A', ID_LEN);
	memcpy(rec + 4 + ID_LEN, &n, 4);
	rec[sizeof(rec) - 1] = 'x'; /* the message glued on: not allowed */
	malformed(rec, sizeof(rec));
}

Test(signer_proc, stop_reaps_child)
{
	struct env e;
	pid_t pid;

	env_open(&e, DB_SQLITE);
	pid = signer_proc_pid(e.proc);
	cr_assert_gt(pid, 0);
	cr_assert_eq(kill(pid, 0), 0);
	signer_proc_stop(e.proc);
	e.proc = NULL;
	cr_assert_eq(waitpid(pid, NULL, WNOHANG), -1);
	cr_assert_eq(errno, ECHILD);
	signer_proc_stop(NULL);
	env_close(&e);
}

Test(signer_proc, start_failures)
{
	struct config cfg;
	struct signer_proc *p = (struct signer_proc *)1;
	char key[65], msg[512];

	config_defaults(&cfg);
	cr_assert_eq(signer_proc_start(&cfg, &p, msg, sizeof(msg)), ERR_INVAL);
	cr_assert_null(p);
	cr_assert(strstr(msg, "did not start") != NULL, "%s", msg);
	hex(secret, 32, key);
	cr_assert_eq(config_set(&cfg, "secret-key", key, msg, sizeof(msg)), 0);
	cr_assert_eq(
	    config_set(&cfg, "db", "/nonexistent/dir/x.db", msg, sizeof(msg)),
	    0, "%s", msg);
	cr_assert_eq(signer_proc_start(&cfg, &p, msg, sizeof(msg)), ERR_DB);
	cr_assert_null(p);
	config_free(&cfg);
}
