/*
 * ob3pub.c: Open Badges 3.0 publishing (ob3pub.h).
 *
 * Reads the award, badge and issuer, builds the documents with ob/ob3.h,
 * and signs them through signer.h: Data Integrity proofs with ob/di.h over
 * the compiled-in contexts (ob/embedded.h; nothing is fetched), VC-JWTs
 * with ob/jws.h. jansson values are freed before returning; what is
 * returned is copied into the caller's arena.
 */
#include <jansson.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/award_page.h"
#include "domain/badge.h"
#include "domain/image.h"
#include "domain/ob3pub.h"
#include "domain/obpub.h"
#include "domain/signer.h"
#include "ob/b64.h"
#include "ob/bake_png.h"
#include "ob/bake_svg.h"
#include "ob/di.h"
#include "ob/embedded.h"
#include "ob/jws.h"
#include "ob/multibase.h"
#include "ob/ob2.h"
#include "ob/ob3.h"

#define BAKE_MAX ((size_t)40 << 20)
#define DUMP_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER)

static const char *
base(const struct app *app)
{
	return app->cfg && app->cfg->base_url ? app->cfg->base_url : "";
}

static bool
valid_id(const char *id)
{
	return id != NULL && id_valid(id, strlen(id));
}

/* dump serialises v into the arena (v is not freed). */
static const char *
dump(struct arena *a, const json_t *v)
{
	size_t n = json_dumpb(v, NULL, 0, DUMP_FLAGS);
	char *out;

	if (n == 0 || (out = arena_alloc(a, n + 1)) == NULL)
		return NULL;
	if (json_dumpb(v, out, n, DUMP_FLAGS) != n)
		return NULL;
	out[n] = '\0';
	return out;
}

/* subject_id: a pseudonymous "urn:uuid:" for the award's subject, derived
 * from the secret (stable, unlinkable to the person without it). */
static const char *
subject_id(struct arena *a, const uint8_t key[32], const char *award_id)
{
	static const char label[] = "laurel-ob3-subject:";
	uint8_t mac[EVP_MAX_MD_SIZE];
	unsigned maclen = 0;
	char msg[128];
	int n;

	n = snprintf(msg, sizeof(msg), "%s%s", label, award_id);
	if (n < 0 || (size_t)n >= sizeof(msg))
		return NULL;
	if (HMAC(EVP_sha256(), key, 32, (const uint8_t *)msg, (size_t)n, mac,
	        &maclen) == NULL ||
	    maclen < 16)
		return NULL;
	mac[6] = (uint8_t)((mac[6] & 0x0f) | 0x40);
	mac[8] = (uint8_t)((mac[8] & 0x3f) | 0x80);
	return arena_printf(a,
	    "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x",
	    mac[0], mac[1], mac[2], mac[3], mac[4], mac[5], mac[6], mac[7],
	    mac[8], mac[9], mac[10], mac[11], mac[12], mac[13], mac[14],
	    mac[15]);
}

static const char *
reason_text(
    struct arena *a, const char *status, const char *code, const char *note)
{
	const char *label = award_reason_label(code);
	const char *what =
	    strcmp(status, "suspended") == 0 ? "Suspended" : "Revoked";

	if (label[0] != '\0' && note[0] != '\0')
		return arena_printf(a, "%s: %s. %s", what, label, note);
	if (label[0] != '\0')
		return arena_printf(a, "%s: %s", what, label);
	if (note[0] != '\0')
		return arena_printf(a, "%s: %s", what, note);
	return what;
}

/* ---- keys ---------------------------------------------------------------- */

static EVP_PKEY *
pem_key(const char *pem)
{
	BIO *bio = BIO_new_mem_buf(pem, -1);
	EVP_PKEY *pk = NULL;

	if (bio != NULL)
		pk = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
	BIO_free(bio);
	return pk;
}

/* multikey sets *mb to the "z6Mk..." form of an Ed25519 PEM public key. */
static int
multikey(struct arena *a, const char *pem, const char **mb)
{
	EVP_PKEY *pk = pem_key(pem);
	uint8_t pub[32];
	size_t n = sizeof(pub);
	struct buf b;
	int rc = ERR_CRYPTO;

	if (pk == NULL || EVP_PKEY_get_base_id(pk) != EVP_PKEY_ED25519 ||
	    EVP_PKEY_get_raw_public_key(pk, pub, &n) != 1 || n != 32)
		goto out;
	buf_init(&b, a, 128);
	multikey_ed25519_encode(&b, pub);
	rc = buf_err(&b) ? ERR_TOOBIG : 0;
	*mb = b.data;
out:
	EVP_PKEY_free(pk);
	return rc;
}

/* bn_b64url sets *out to base64url of the RSA key's parameter name. */
static int
bn_b64url(struct arena *a, EVP_PKEY *pk, const char *name, const char **out)
{
	BIGNUM *bn = NULL;
	uint8_t bin[1024];
	struct buf b;
	int n, rc = ERR_CRYPTO;

	if (EVP_PKEY_get_bn_param(pk, name, &bn) != 1 ||
	    BN_num_bytes(bn) > (int)sizeof(bin) ||
	    (n = BN_bn2bin(bn, bin)) <= 0)
		goto out;
	buf_init(&b, a, 2048);
	b64url_encode(bin, (size_t)n, &b);
	rc = buf_err(&b) ? ERR_TOOBIG : 0;
	*out = b.data;
out:
	BN_free(bn);
	return rc;
}

static int
rsa_jwk(struct arena *a, const char *pem, const char **n, const char **e)
{
	EVP_PKEY *pk = pem_key(pem);
	int rc = ERR_CRYPTO;

	if (pk != NULL && EVP_PKEY_get_base_id(pk) == EVP_PKEY_RSA &&
	    (rc = bn_b64url(a, pk, OSSL_PKEY_PARAM_RSA_N, n)) == 0)
		rc = bn_b64url(a, pk, OSSL_PKEY_PARAM_RSA_E, e);
	EVP_PKEY_free(pk);
	return rc;
}

struct sign_ctx {
	struct signer s;
	const char *key_id;
};

static int
di_sign_cb(void *ctx, const uint8_t *msg, size_t len, uint8_t sig[64])
{
	struct sign_ctx *c = ctx;
	struct buf b;
	int rc;

	buf_init(&b, NULL, 256);
	rc = signer_sign(&c->s, c->key_id, msg, len, &b);
	if (rc == 0 && b.len != 64)
		rc = ERR_CRYPTO;
	if (rc == 0)
		memcpy(sig, b.data, 64);
	buf_free(&b);
	return rc;
}

static int
jws_sign_cb(void *ctx, const uint8_t *msg, size_t len, struct buf *sig)
{
	struct sign_ctx *c = ctx;

	return signer_sign(&c->s, c->key_id, msg, len, sig);
}

/*
 * di_sign adds an eddsa-rdfc-2022 proof made with the issuer's current
 * Ed25519 key (made if needed) to doc and sets *json to the result.
 */
static int
di_sign(struct app *app, struct arena *a, const char *issuer, json_t *doc,
    int64_t created, const char **json)
{
	struct signer_key k;
	struct sign_ctx c = {{app}, NULL};
	struct di_signer ds = {di_sign_cb, &c};
	struct di_proof_opts o;
	struct ob_err e;
	json_t *out = NULL;
	const char *mb, *key_id;
	char when[32];
	int rc;

	if ((rc = issuer_key_ensure(app, a, issuer, SIGNER_ED25519, &key_id)) !=
	        0 ||
	    (rc = signer_key_get(app, a, key_id, &k)) != 0 ||
	    (rc = multikey(a, k.public_pem, &mb)) != 0)
		return rc;
	c.key_id = key_id;
	ob3_time(created, when);
	memset(&o, 0, sizeof(o));
	o.created = when;
	o.verification_method =
	    arena_printf(a, "%s#%s", ob3_issuer_url(a, base(app), issuer), mb);
	o.proof_purpose = "assertionMethod";
	memset(&e, 0, sizeof(e));
	rc = di_create_proof(doc, &o, &ds, embedded_contexts(), &out, NULL, &e);
	if (rc != 0)
		return rc;
	*json = dump(a, out);
	json_decref(out);
	return *json != NULL ? 0 : ERR_TOOBIG;
}

/* ---- issuer ------------------------------------------------------------ */

static int
profile(struct app *app, struct arena *a, const char *id, struct ob3_profile *p)
{
	struct db_param prm[1] = {DB_STR(id)};
	struct db_rows rows;
	int rc;

	if (!valid_id(id))
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_OB2_ISSUER, prm, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	memset(p, 0, sizeof(*p));
	p->id = ob3_issuer_url(a, base(app), id);
	p->name = db_get(&rows, 0, 0);
	p->url = db_get(&rows, 0, 1);
	p->email = db_get(&rows, 0, 2);
	p->description = db_get(&rows, 0, 3);
	return p->id != NULL ? 0 : ERR_TOOBIG;
}

int
ob3pub_issuer(
    struct app *app, struct arena *a, const char *id, const char **json)
{
	struct ob3_profile p;
	struct signer_key *ed, *rsa;
	struct ob3_key *keys;
	size_t ned, nrsa, nk = 0;
	json_t *doc;
	int rc;

	if ((rc = profile(app, a, id, &p)) != 0)
		return rc;
	if ((rc = issuer_keys_alg(app, a, id, SIGNER_ED25519, &ed, &ned)) !=
	        0 ||
	    (rc = issuer_keys_alg(app, a, id, SIGNER_RS256, &rsa, &nrsa)) != 0)
		return rc;
	if ((keys = arena_alloc(a, (ned + nrsa + 1) * sizeof(*keys))) == NULL)
		return ERR_TOOBIG;
	memset(keys, 0, (ned + nrsa + 1) * sizeof(*keys));
	for (size_t i = 0; i < ned; i++, nk++) {
		if ((rc = multikey(a, ed[i].public_pem, &keys[nk].multibase)) !=
		    0)
			return rc;
		keys[nk].vm_id =
		    arena_printf(a, "%s#%s", p.id, keys[nk].multibase);
	}
	for (size_t i = 0; i < nrsa; i++, nk++) {
		if ((rc = rsa_jwk(a, rsa[i].public_pem, &keys[nk].jwk_n,
		         &keys[nk].jwk_e)) != 0)
			return rc;
		keys[nk].vm_id = arena_printf(a, "%s#%s", p.id, rsa[i].id);
	}
	if ((doc = ob3_issuer_doc(&p, keys, nk)) == NULL)
		return ERR_INVAL;
	*json = dump(a, doc);
	json_decref(doc);
	return *json != NULL ? 0 : ERR_TOOBIG;
}

/* ---- credentials -------------------------------------------------------- */

/*
 * status_index gives the award its index in the issuer's status lists, the
 * one it has or the next free one. Concurrent first uses collide on the
 * UNIQUE constraint and retry.
 */
static int
status_index(struct app *app, struct arena *a, const char *award,
    const char *issuer, int64_t *idx)
{
	struct db_param g[1] = {DB_STR(award)};
	struct db_param p[3] = {
	    DB_STR(award), DB_STR(issuer), DB_INT(clock_now(app->clock))};
	struct db_rows rows;
	int rc;

	for (int tries = 0; tries < 16; tries++) {
		if ((rc = db_exec(app->db, Q_OB3_STATUS_GET, g, 1, a, &rows)) !=
		    0)
			return rc;
		if (rows.nrows > 0) {
			*idx = db_get_int(&rows, 0, 0);
			return 0;
		}
		rc = db_exec(app->db, Q_OB3_STATUS_ALLOC, p, 3, NULL, NULL);
		if (rc != 0 && rc != ERR_CONFLICT)
			return rc;
	}
	return ERR_CONFLICT;
}

/* fill_achievement describes badge version d as an OB 3.0 Achievement. */
static int
fill_achievement(struct app *app, struct arena *a, const struct badge_detail *d,
    struct ob3_achievement *out)
{
	struct ob3_alignment *al;

	memset(out, 0, sizeof(*out));
	out->id = ob3_achievement_url(a, base(app), d->id, d->version);
	out->name = d->name;
	out->description = d->summary[0] ? d->summary : d->description_md;
	out->criteria_url = arena_printf(a, "%s/badges/%s", base(app), d->id);
	out->criteria = d->criteria;
	out->ncriteria = d->n_criteria;
	out->image = d->image_hash[0] != '\0' && d->image_ext[0] != '\0'
	    ? arena_printf(
	          a, "%s/images/%s.%s", base(app), d->image_hash, d->image_ext)
	    : arena_printf(a, "%s/ob/v2/badges/%s/versions/%lld/image.png",
	          base(app), d->id, (long long)d->version);
	out->tags = d->tags;
	out->ntags = d->n_tags;
	if ((al = arena_alloc(a, (d->n_alignments + 1) * sizeof(*al))) == NULL)
		return ERR_TOOBIG;
	for (size_t i = 0; i < d->n_alignments; i++) {
		al[i].name = d->alignments[i].name;
		al[i].url = d->alignments[i].url;
		al[i].description = NULL;
		al[i].framework = d->alignments[i].framework;
		al[i].code = d->alignments[i].code;
	}
	out->alignments = al;
	out->nalignments = d->n_alignments;
	return 0;
}

int
ob3pub_achievement(struct app *app, struct arena *a, const char *badge_id,
    int64_t version, const char **json)
{
	struct badge_detail d;
	struct ob3_achievement ach;
	struct ob3_profile prof;
	json_t *doc;
	int rc;

	*json = NULL;
	if (!valid_id(badge_id) || version < 1)
		return ERR_NOTFOUND;
	if ((rc = badge_get(app, a, badge_id, version, false, NULL, &d)) != 0)
		return rc;
	if (d.version != version)
		return ERR_NOTFOUND;
	if ((rc = fill_achievement(app, a, &d, &ach)) != 0 ||
	    (rc = profile(app, a, d.issuer_id, &prof)) != 0)
		return rc;
	if ((doc = ob3_achievement_json(&ach, &prof)) == NULL)
		return ERR_INVAL;
	*json = dump(a, doc);
	json_decref(doc);
	return *json != NULL ? 0 : ERR_TOOBIG;
}

/* build reads award id and builds its credential without proof. */
static int
build(struct app *app, struct arena *a, const char *id,
    struct ob3pub_credential *out, json_t **cred, int64_t *nbf, int64_t *exp)
{
	struct db_param p[1] = {DB_STR(id)};
	struct db_rows rows;
	struct badge_detail d;
	struct ob3_profile prof;
	struct ob3_credential in;
	char salt[OB2_SALT_LEN + 1];
	uint8_t key[32];
	int rc;

	memset(out, 0, sizeof(*out));
	*cred = NULL;
	if (!valid_id(id))
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_OB2_AWARD, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0 || strcmp(db_get(&rows, 0, 11), "active") != 0)
		return ERR_NOTFOUND;
	out->award_id = db_get(&rows, 0, 0);
	out->status = db_get(&rows, 0, 3);
	out->issuer_id = db_get(&rows, 0, 12);
	out->url = ob3_credential_url(a, base(app), id);
	if ((rc = badge_get(app, a, db_get(&rows, 0, 1),
	         db_get_int(&rows, 0, 2), true, NULL, &d)) != 0)
		return rc;
	out->image_hash = d.image_hash;
	out->image_ext = d.image_ext;
	out->badge_name = d.name;
	out->colour = d.colour[0] ? d.colour : "#0065bd";
	if ((rc = profile(app, a, out->issuer_id, &prof)) != 0)
		return rc;
	if ((rc = status_index(
	         app, a, id, out->issuer_id, &out->status_index)) != 0)
		return rc;
	if ((rc = obpub_secret(app, key)) != 0)
		return rc;
	ob2_salt(key, sizeof(key), id, salt);
	memset(&in, 0, sizeof(in));
	in.subject = subject_id(a, key, id);
	memset(key, 0, sizeof(key));
	in.id = out->url;
	in.issuer = &prof;
	in.name = d.name;
	in.valid_from = db_get_int(&rows, 0, 4);
	in.valid_until = db_get_int(&rows, 0, 5);
	in.email = db_get(&rows, 0, 6);
	in.salt = salt;
	if ((rc = fill_achievement(app, a, &d, &in.achievement)) != 0)
		return rc;
	/* A private page is no evidence to others: none is published; nor
	 * while the award is suspended or revoked (the evidence may be the
	 * reason, docs/awards.md). */
	if (strcmp(db_get(&rows, 0, 14), "private") != 0 &&
	    strcmp(out->status, "active") == 0) {
		in.evidence_url =
		    arena_printf(a, "%s/awards/%s", base(app), id);
		in.evidence_narrative = obpub_narrative(a, db_get(&rows, 0, 7),
		    db_get(&rows, 0, 8), db_get(&rows, 0, 13));
	}
	in.status_url =
	    ob3_status_url(a, base(app), out->issuer_id, "revocation-list");
	*nbf = in.valid_from;
	*exp = in.valid_until;
	if ((*cred = ob3_credential_json(&in)) == NULL)
		return ERR_INVAL;
	return 0;
}

int
ob3pub_credential(struct app *app, struct arena *a, const char *id,
    struct ob3pub_credential *out)
{
	json_t *cred = NULL;
	int64_t nbf, exp;
	int rc;

	if ((rc = build(app, a, id, out, &cred, &nbf, &exp)) == 0)
		rc = di_sign(app, a, out->issuer_id, cred, nbf, &out->json);
	json_decref(cred);
	return rc;
}

int
ob3pub_jwt(struct app *app, struct arena *a, const char *id, const char **jwt)
{
	struct ob3pub_credential cr;
	struct sign_ctx c = {{app}, NULL};
	struct jws_signer s = {jws_sign_cb, &c};
	json_t *cred = NULL, *claims = NULL, *hdr = NULL;
	const char *payload, *header, *key_id;
	struct buf out;
	int64_t nbf, exp;
	int rc;

	*jwt = NULL;
	if ((rc = build(app, a, id, &cr, &cred, &nbf, &exp)) != 0)
		goto out;
	if ((rc = issuer_key_ensure(
	         app, a, cr.issuer_id, SIGNER_RS256, &key_id)) != 0)
		goto out;
	c.key_id = key_id;
	rc = ERR_TOOBIG;
	if ((claims = ob3_jwt_payload(cred, nbf, exp)) == NULL ||
	    (payload = dump(a, claims)) == NULL)
		goto out;
	hdr = json_pack("{s:s, s:s, s:s}", "alg", "RS256", "typ", "JWT", "kid",
	    arena_printf(a, "%s#%s", ob3_issuer_url(a, base(app), cr.issuer_id),
	        key_id));
	if (hdr == NULL || (header = dump(a, hdr)) == NULL)
		goto out;
	buf_init(&out, a, JWS_MAX_LEN);
	if ((rc = jws_sign(header, strlen(header), payload, strlen(payload), &s,
	         &out, NULL, 0)) != 0)
		goto out;
	rc = buf_err(&out) ? ERR_TOOBIG : 0;
	*jwt = out.data;
out:
	json_decref(hdr);
	json_decref(claims);
	json_decref(cred);
	return rc;
}

/* ---- status lists ------------------------------------------------------- */

int
ob3pub_revocation_list(
    struct app *app, struct arena *a, const char *issuer, const char **json)
{
	struct db_param p[1] = {DB_STR(issuer)};
	struct ob3_profile prof;
	struct db_rows rows;
	struct ob3_revoked *list;
	json_t *doc;
	int rc;

	if ((rc = profile(app, a, issuer, &prof)) != 0)
		return rc;
	if ((rc = db_exec(app->db, Q_OB3_REVOKED, p, 1, a, &rows)) != 0)
		return rc;
	if ((list = arena_alloc(a, (rows.nrows + 1) * sizeof(*list))) == NULL)
		return ERR_TOOBIG;
	for (size_t i = 0; i < rows.nrows; i++) {
		list[i].id =
		    ob3_credential_url(a, base(app), db_get(&rows, i, 0));
		list[i].reason = reason_text(a, db_get(&rows, i, 1),
		    db_get(&rows, i, 2), db_get(&rows, i, 3));
	}
	doc = ob3_revocation_list_json(
	    ob3_status_url(a, base(app), issuer, "revocation-list"), prof.id,
	    list, rows.nrows);
	*json = dump(a, doc);
	json_decref(doc);
	return *json != NULL ? 0 : ERR_TOOBIG;
}

int
ob3pub_status_list(struct app *app, struct arena *a, const char *issuer,
    const char *purpose, const char **json)
{
	struct ob3_profile prof;
	struct db_rows rows;
	struct buf enc;
	int64_t *idx, now = clock_now(app->clock), max = 0;
	const char *status, *url;
	size_t nbits = OB3_STATUS_BITS;
	json_t *doc;
	int rc;

	if (strcmp(purpose, "revocation") == 0)
		status = "revoked";
	else if (strcmp(purpose, "suspension") == 0)
		status = "suspended";
	else
		return ERR_NOTFOUND;
	if ((rc = profile(app, a, issuer, &prof)) != 0)
		return rc;
	{
		struct db_param p[2] = {DB_STR(issuer), DB_STR(status)};

		rc = db_exec(app->db, Q_OB3_STATUS_SET, p, 2, a, &rows);
		if (rc != 0)
			return rc;
	}
	if ((idx = arena_alloc(a, (rows.nrows + 1) * sizeof(*idx))) == NULL)
		return ERR_TOOBIG;
	for (size_t i = 0; i < rows.nrows; i++) {
		idx[i] = db_get_int(&rows, i, 0);
		if (idx[i] > max)
			max = idx[i];
	}
	if ((uint64_t)max >= nbits)
		nbits = ((size_t)max / 8 + 1) * 8;
	buf_init(&enc, a, (size_t)8 << 20);
	if ((rc = ob3_status_list_encode(idx, rows.nrows, nbits, &enc)) != 0)
		return rc;
	url = ob3_status_url(a, base(app), issuer, purpose);
	doc = ob3_status_list_credential(url, prof.id, purpose, enc.data, now);
	rc = di_sign(app, a, issuer, doc, now, json);
	json_decref(doc);
	return rc;
}

/* ---- baking ------------------------------------------------------------- */

int
ob3pub_baked(struct app *app, struct arena *a, const char *id,
    const void **bytes, size_t *len, const char **ext)
{
	struct ob3pub_credential cr;
	const void *img = NULL;
	size_t ilen = 0;
	struct buf out;
	int rc;

	if ((rc = ob3pub_credential(app, a, id, &cr)) != 0)
		return rc;
	if (strcmp(cr.status, "active") != 0)
		return ERR_CONFLICT;
	buf_init(&out, a, BAKE_MAX);
	if ((rc = badge_picture(app, a, cr.image_hash, cr.badge_name, cr.colour,
	         &img, &ilen)) != 0)
		return rc;
	if (cr.image_hash[0] != '\0' && strcmp(cr.image_ext, "svg") == 0) {
		rc = svg_bake(img, ilen, SVG_OB3, NULL, 0, cr.json,
		    strlen(cr.json), &out, NULL, 0);
		*ext = "svg";
	} else {
		rc = png_bake(img, ilen, PNG_KEYWORD_OB3, cr.json,
		    strlen(cr.json), &out, NULL, 0);
		*ext = "png";
	}
	if (rc != 0)
		return rc;
	if (buf_err(&out))
		return ERR_TOOBIG;
	*bytes = out.data;
	*len = out.len;
	return 0;
}
