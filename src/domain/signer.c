/*
 * signer.c: issuers' keys (RS256 and Ed25519), encrypted at rest, and the
 * in-process signer (see signer.h). signer_sign hands the work to the
 * signer process (signer_proc.c) when the app has one; that process, in
 * turn, signs with sign_local here.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/audit.h"
#include "domain/org.h"
#include "domain/signer.h"
#include "domain/signer_proc.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#define NONCE_LEN 12
#define TAG_LEN 16
#define SEAL_MAX ((size_t)16 << 10)

static const char kdf_label[] = "laurel issuer key encryption v1";

/* derive: the AES key, HMAC-SHA256(secret, label). */
static int
derive(const uint8_t secret[32], uint8_t key[32])
{
	unsigned int klen = 32;

	if (HMAC(EVP_sha256(), secret, 32, (const unsigned char *)kdf_label,
	        sizeof(kdf_label) - 1, key, &klen) == NULL ||
	    klen != 32)
		return ERR_CRYPTO;
	return 0;
}

int
signer_seal(const uint8_t secret[32], const char *aad, const uint8_t *pt,
    size_t len, struct buf *out)
{
	uint8_t key[32], nonce[NONCE_LEN], tag[TAG_LEN];
	EVP_CIPHER_CTX *c = NULL;
	unsigned char *ct = NULL;
	int n, fin, rc = ERR_CRYPTO;

	if (len > SEAL_MAX)
		return ERR_TOOBIG;
	if (derive(secret, key) != 0 || RAND_bytes(nonce, NONCE_LEN) != 1)
		goto out;
	if ((ct = malloc(len + 16)) == NULL ||
	    (c = EVP_CIPHER_CTX_new()) == NULL)
		goto out;
	if (EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, NONCE_LEN, NULL) !=
	        1 ||
	    EVP_EncryptInit_ex(c, NULL, NULL, key, nonce) != 1 ||
	    EVP_EncryptUpdate(c, NULL, &n, (const unsigned char *)aad,
	        (int)strlen(aad)) != 1 ||
	    EVP_EncryptUpdate(c, ct, &n, pt, (int)len) != 1 ||
	    EVP_EncryptFinal_ex(c, ct + n, &fin) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, TAG_LEN, tag) != 1)
		goto out;
	buf_add(out, nonce, NONCE_LEN);
	buf_add(out, ct, (size_t)n + (size_t)fin);
	buf_add(out, tag, TAG_LEN);
	rc = buf_err(out);
out:
	OPENSSL_cleanse(key, sizeof(key));
	if (ct != NULL) {
		OPENSSL_cleanse(ct, len + 16);
		free(ct);
	}
	EVP_CIPHER_CTX_free(c);
	return rc;
}

int
signer_open(const uint8_t secret[32], const char *aad, const uint8_t *sealed,
    size_t len, struct buf *out)
{
	uint8_t key[32], tag[TAG_LEN];
	EVP_CIPHER_CTX *c = NULL;
	unsigned char *pt = NULL;
	size_t ctlen;
	int n = 0, fin = 0, rc = ERR_CRYPTO;

	if (len < NONCE_LEN + TAG_LEN || len > SEAL_MAX + NONCE_LEN + TAG_LEN)
		return ERR_CRYPTO;
	ctlen = len - NONCE_LEN - TAG_LEN;
	memcpy(tag, sealed + len - TAG_LEN, TAG_LEN);
	if (derive(secret, key) != 0)
		goto out;
	if ((pt = malloc(ctlen + 16)) == NULL ||
	    (c = EVP_CIPHER_CTX_new()) == NULL)
		goto out;
	if (EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, NONCE_LEN, NULL) !=
	        1 ||
	    EVP_DecryptInit_ex(c, NULL, NULL, key, sealed) != 1 ||
	    EVP_DecryptUpdate(c, NULL, &n, (const unsigned char *)aad,
	        (int)strlen(aad)) != 1 ||
	    EVP_DecryptUpdate(c, pt, &n, sealed + NONCE_LEN, (int)ctlen) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, TAG_LEN, tag) != 1 ||
	    EVP_DecryptFinal_ex(c, pt + n, &fin) != 1)
		goto out; /* the tag does not match */
	buf_add(out, pt, (size_t)n + (size_t)fin);
	rc = buf_err(out);
out:
	OPENSSL_cleanse(key, sizeof(key));
	if (pt != NULL) {
		OPENSSL_cleanse(pt, ctlen + 16);
		free(pt);
	}
	EVP_CIPHER_CTX_free(c);
	return rc;
}

/* key_read reads row 0 of Q_OB2_KEY_GET / LIST columns into *k. */
static void
key_row(const struct db_rows *rows, size_t r, struct signer_key *k)
{
	k->id = db_get(rows, r, 0);
	k->issuer = db_get(rows, r, 1);
	k->alg = db_get(rows, r, 2);
	k->public_pem = db_get(rows, r, 3);
	k->created_at = db_get_int(rows, r, 5);
	k->retired_at = db_get_int(rows, r, 6);
}

int
signer_key_get(
    struct app *app, struct arena *a, const char *id, struct signer_key *out)
{
	struct db_param p[1] = {DB_STR(id)};
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, Q_OB2_KEY_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	key_row(&rows, 0, out);
	return 0;
}

int
issuer_keys(struct app *app, struct arena *a, const char *issuer,
    struct signer_key **out, size_t *n)
{
	return issuer_keys_alg(app, a, issuer, SIGNER_RS256, out, n);
}

int
issuer_keys_alg(struct app *app, struct arena *a, const char *issuer,
    const char *alg, struct signer_key **out, size_t *n)
{
	struct db_param p[2] = {DB_STR(issuer), DB_STR(alg)};
	struct db_rows rows;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(app->db, Q_OB3_KEY_LIST, p, 2, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return 0;
	if ((*out = arena_alloc(a, rows.nrows * sizeof(**out))) == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++)
		key_row(&rows, r, &(*out)[r]);
	*n = rows.nrows;
	return 0;
}

int
issuer_key_current(
    struct app *app, struct arena *a, const char *issuer, const char **id)
{
	return issuer_key_current_alg(app, a, issuer, SIGNER_RS256, id);
}

int
issuer_key_current_alg(struct app *app, struct arena *a, const char *issuer,
    const char *alg, const char **id)
{
	struct db_param p[2] = {DB_STR(issuer), DB_STR(alg)};
	struct db_rows rows;
	int rc;

	*id = NULL;
	if ((rc = db_exec(app->db, Q_OB3_KEY_CURRENT, p, 2, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	*id = db_get(&rows, 0, 0);
	return 0;
}

int
signer_pubkey(
    struct signer *s, struct arena *a, const char *key_id, const char **pem)
{
	struct signer_key k;
	int rc;

	*pem = NULL;
	if ((rc = signer_key_get(s->app, a, key_id, &k)) != 0)
		return rc;
	*pem = k.public_pem;
	return 0;
}

/* sign_local is the in-process back end of signer_sign: it unseals the
 * key with app->secret, signs, and clears the key. */
static int
sign_local(struct app *app, const char *key_id, const uint8_t *msg, size_t len,
    struct buf *sig)
{
	struct arena *a = arena_new(1 << 16);
	struct db_param p[1] = {DB_STR(key_id)};
	struct db_rows rows;
	struct buf pem = {0};
	EVP_PKEY *pk = NULL;
	EVP_MD_CTX *md = NULL;
	BIO *bio = NULL;
	unsigned char *out = NULL;
	size_t olen = 0;
	int rc;

	if (a == NULL)
		return ERR_TOOBIG;
	buf_init(&pem, NULL, SEAL_MAX);
	if (app->secret == NULL) {
		rc = ERR_INVAL;
		goto out;
	}
	if ((rc = db_exec(app->db, Q_OB2_KEY_GET, p, 1, a, &rows)) != 0)
		goto out;
	if (rows.nrows == 0) {
		rc = ERR_NOTFOUND;
		goto out;
	}
	if ((rc = signer_open(app->secret, key_id,
	         (const uint8_t *)db_get(&rows, 0, 4), db_get_len(&rows, 0, 4),
	         &pem)) != 0)
		goto out;
	rc = ERR_CRYPTO;
	if ((bio = BIO_new_mem_buf(pem.data, (int)pem.len)) == NULL ||
	    (pk = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL)) == NULL ||
	    (md = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit(md, NULL,
	        EVP_PKEY_get_base_id(pk) == EVP_PKEY_ED25519 ? NULL
	                                                     : EVP_sha256(),
	        NULL, pk) != 1 ||
	    EVP_DigestSign(md, NULL, &olen, msg, len) != 1 ||
	    (out = malloc(olen)) == NULL ||
	    EVP_DigestSign(md, out, &olen, msg, len) != 1)
		goto out;
	buf_add(sig, out, olen);
	rc = buf_err(sig);
out:
	free(out);
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pk);
	BIO_free(bio);
	if (pem.data != NULL)
		explicit_bzero(pem.data, pem.cap);
	buf_free(&pem);
	arena_free(a);
	return rc;
}

int
signer_sign(struct signer *s, const char *key_id, const uint8_t *msg,
    size_t len, struct buf *sig)
{
	if (s->app->signer_proc != NULL)
		return signer_proc_sign(
		    s->app->signer_proc, key_id, msg, len, sig);
	return sign_local(s->app, key_id, msg, len, sig);
}

/* key_new generates an RSA-2048 (alg "RS256") or Ed25519 key and inserts
 * it for issuer. */
static int
key_new(struct app *app, struct arena *a, const char *issuer, const char *alg,
    char *id)
{
	bool ed = strcmp(alg, SIGNER_ED25519) == 0;
	EVP_PKEY *pk = NULL;
	BIO *pub = NULL, *priv = NULL;
	char *pubp = NULL, *privp = NULL;
	long publen = 0, privlen = 0;
	struct buf sealed;
	int rc = ERR_CRYPTO;

	if (app->secret == NULL)
		return ERR_INVAL;
	id_new(id);
	buf_init(&sealed, NULL, SEAL_MAX + 64);
	if ((pk = ed ? EVP_PKEY_Q_keygen(NULL, NULL, "ED25519")
	             : EVP_RSA_gen(2048)) == NULL ||
	    (pub = BIO_new(BIO_s_mem())) == NULL ||
	    (priv = BIO_new(BIO_s_secmem())) == NULL ||
	    PEM_write_bio_PUBKEY(pub, pk) != 1 ||
	    PEM_write_bio_PrivateKey(priv, pk, NULL, NULL, 0, NULL, NULL) != 1)
		goto out;
	publen = BIO_get_mem_data(pub, &pubp);
	privlen = BIO_get_mem_data(priv, &privp);
	if (publen <= 0 || privlen <= 0)
		goto out;
	if ((rc = signer_seal(app->secret, id, (const uint8_t *)privp,
	         (size_t)privlen, &sealed)) != 0)
		goto out;
	{
		struct db_param p[6] = {DB_STR(id), DB_STR(issuer),
		    DB_STR(ed ? SIGNER_ED25519 : SIGNER_RS256),
		    DB_TEXT(pubp, (size_t)publen),
		    DB_BLOB(sealed.data, sealed.len),
		    DB_INT(clock_now(app->clock))};
		rc = db_exec(app->db, Q_OB3_KEY_INSERT, p, 6, NULL, NULL);
	}
	(void)a;
out:
	if (privp != NULL && privlen > 0)
		OPENSSL_cleanse(privp, (size_t)privlen);
	BIO_free(pub);
	BIO_free(priv);
	EVP_PKEY_free(pk);
	buf_free(&sealed);
	return rc;
}

static int
may_admin(
    struct app *app, struct arena *a, const struct who *who, const char *issuer)
{
	if (who == NULL || who->person == NULL || *who->person == '\0')
		return ERR_FORBIDDEN;
	if ((issuer_person_role(app, a, issuer, who->person) & ISSUER_ADMIN) ==
	    0)
		return ERR_FORBIDDEN;
	return 0;
}

/* rotate: retire all the current keys (RS256 and Ed25519) and make a new
 * one of each (in a transaction); id gets the new RS256 key's. */
static int
rotate(struct app *app, struct arena *a, const char *issuer, char *id)
{
	struct db_param p[2] = {DB_STR(issuer), DB_INT(clock_now(app->clock))};
	char ed[ID_LEN + 1];
	int rc;

	if (db_exec(app->db, Q_OB2_KEY_RETIRE, p, 2, NULL, NULL) != 0)
		return ERR_DB;
	if ((rc = key_new(app, a, issuer, SIGNER_RS256, id)) != 0)
		return rc;
	return key_new(app, a, issuer, SIGNER_ED25519, ed);
}

int
issuer_key_ensure(struct app *app, struct arena *a, const char *issuer,
    const char *alg, const char **id)
{
	char *nid;
	int rc;

	if (strcmp(alg, SIGNER_RS256) != 0 && strcmp(alg, SIGNER_ED25519) != 0)
		return ERR_INVAL;
	rc = issuer_key_current_alg(app, a, issuer, alg, id);
	if (rc != ERR_NOTFOUND)
		return rc;
	if ((nid = arena_alloc(a, ID_LEN + 1)) == NULL)
		return ERR_TOOBIG;
	if ((rc = key_new(app, a, issuer, alg, nid)) != 0)
		return rc;
	/* Two first uses at once may both make a key: the newest is the
	 * current one and both stay published, so either's use verifies. */
	return issuer_key_current_alg(app, a, issuer, alg, id);
}

int
issuer_key_rotate(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char **idp)
{
	const char *mode;
	char *id;
	int rc;

	if (idp != NULL)
		*idp = NULL;
	if ((rc = issuer_verification(app, a, issuer, &mode)) != 0)
		return rc;
	if ((rc = may_admin(app, a, who, issuer)) != 0)
		return rc;
	if ((id = arena_alloc(a, ID_LEN + 1)) == NULL)
		return ERR_TOOBIG;
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	if ((rc = rotate(app, a, issuer, id)) != 0 ||
	    (rc = audit_log(app, who, "issuer.key.rotate", issuer, id)) != 0 ||
	    (rc = db_commit(app->db)) != 0) {
		db_rollback(app->db);
		return rc;
	}
	if (idp != NULL)
		*idp = id;
	return 0;
}

int
issuer_verification(
    struct app *app, struct arena *a, const char *issuer, const char **mode)
{
	struct db_param p[1] = {DB_STR(issuer)};
	struct db_rows rows;
	int rc;

	*mode = NULL;
	if ((rc = db_exec(app->db, Q_OB2_VERIFICATION_GET, p, 1, a, &rows)) !=
	    0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	*mode =
	    strcmp(db_get(&rows, 0, 0), "signed") == 0 ? "signed" : "hosted";
	return 0;
}

int
issuer_verification_set(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char *mode)
{
	struct db_param p[2] = {DB_STR(issuer), DB_STR(mode)};
	const char *old, *cur;
	char id[ID_LEN + 1];
	int rc;

	if (mode == NULL ||
	    (strcmp(mode, "hosted") != 0 && strcmp(mode, "signed") != 0))
		return ERR_INVAL;
	if ((rc = issuer_verification(app, a, issuer, &old)) != 0)
		return rc;
	if ((rc = may_admin(app, a, who, issuer)) != 0)
		return rc;
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	if ((rc = db_exec(app->db, Q_OB2_VERIFICATION_SET, p, 2, NULL, NULL)) !=
	    0)
		goto fail;
	if (strcmp(mode, "signed") == 0) {
		rc = issuer_key_current(app, a, issuer, &cur);
		if (rc == ERR_NOTFOUND)
			rc = key_new(app, a, issuer, SIGNER_RS256, id);
		if (rc != 0)
			goto fail;
	}
	if ((rc = audit_log(app, who, "issuer.verification", issuer, mode)) !=
	        0 ||
	    (rc = db_commit(app->db)) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(app->db);
	return rc;
}
