/*
 * di.c: eddsa-rdfc-2022 Data Integrity proofs.
 *
 * Ownership: inputs are borrowed and never modified; copies are made with
 * json_deep_copy/json_copy. The canonical forms live in heap bufs (in the
 * caller's trace or local ones freed before return). No private key is ever
 * handled here: signing goes through struct di_signer.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/di.h"
#include "ob/multibase.h"
#include "ob/rdfc.h"

#include <openssl/evp.h>

#define CANON_MAX (16u << 20)

bool
ed25519_verify(const uint8_t pub[32], const uint8_t *msg, size_t len,
    const uint8_t sig[64])
{
	EVP_PKEY *pk;
	EVP_MD_CTX *md = NULL;
	bool ok = false;

	pk = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub, 32);
	if (pk == NULL)
		return false;
	md = EVP_MD_CTX_new();
	if (md != NULL && EVP_DigestVerifyInit(md, NULL, NULL, NULL, pk) == 1 &&
	    EVP_DigestVerify(md, sig, 64, msg, len) == 1)
		ok = true;
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pk);
	return ok;
}

static int
canon_hash(json_t *doc, const struct jsonld_loader *loader, struct buf *canon,
    uint8_t hash[32], const char *what, struct ob_err *e)
{
	struct jsonld_opts o = {0};
	struct rdf_dataset ds;
	struct ob_err inner = {{0}};
	unsigned int mdlen = 0;
	int rc;

	o.safe = true;
	rdf_dataset_init(&ds, 20000);
	rc = jsonld_to_rdf(doc, &o, loader, &ds, &inner);
	if (rc != 0) {
		rc = ob_errf(e, rc, "JSON-LD processing of the %s failed: %s",
		    what, inner.msg);
		goto out;
	}
	rc = rdfc_canonicalize(&ds, NULL, canon, NULL, &inner);
	if (rc != 0) {
		rc = ob_errf(e, rc, "canonicalization of the %s failed: %s",
		    what, inner.msg);
		goto out;
	}
	if (EVP_Digest(canon->data, canon->len, hash, &mdlen, EVP_sha256(),
	        NULL) != 1 ||
	    mdlen != 32) {
		rc = ob_errf(e, ERR_CRYPTO, "SHA-256 failed");
		goto out;
	}
out:
	rdf_dataset_free(&ds);
	return rc;
}

int
di_hash(json_t *doc, json_t *proof_config, const struct jsonld_loader *loader,
    struct di_trace *t, struct ob_err *e)
{
	json_t *d = NULL, *p = NULL;
	int rc;

	if (!json_is_object(doc) || !json_is_object(proof_config))
		return ob_errf(e, ERR_INVAL,
		    "the document and the proof must be JSON objects");
	d = json_copy(doc);
	json_object_del(d, "proof");
	p = json_copy(proof_config);
	json_object_del(p, "proofValue");
	if (json_object_get(p, "@context") == NULL &&
	    json_object_get(doc, "@context") != NULL)
		json_object_set(
		    p, "@context", json_object_get(doc, "@context"));
	rc = canon_hash(p, loader, &t->proof_canon, t->proof_hash,
	    "proof configuration", e);
	if (rc == 0)
		rc = canon_hash(
		    d, loader, &t->doc_canon, t->doc_hash, "document", e);
	json_decref(d);
	json_decref(p);
	return rc;
}

static void
trace_init(struct di_trace *t)
{
	memset(t, 0, sizeof(*t));
	buf_init(&t->proof_canon, NULL, CANON_MAX);
	buf_init(&t->doc_canon, NULL, CANON_MAX);
}

static void
trace_free(struct di_trace *t)
{
	buf_free(&t->proof_canon);
	buf_free(&t->doc_canon);
}

int
di_create_proof(json_t *doc, const struct di_proof_opts *o,
    const struct di_signer *signer, const struct jsonld_loader *loader,
    json_t **out, struct di_trace *trace, struct ob_err *e)
{
	struct di_trace local;
	struct di_trace *t = trace;
	json_t *cfg = NULL, *res = NULL, *proofs;
	uint8_t msg[64];
	struct buf pv;
	int rc;

	*out = NULL;
	if (t == NULL) {
		trace_init(&local);
		t = &local;
	}
	buf_init(&pv, NULL, 256);
	if (!json_is_object(doc)) {
		rc = ob_errf(e, ERR_INVAL, "the document is not a JSON object");
		goto out;
	}
	if (o == NULL || o->created == NULL || o->verification_method == NULL) {
		rc = ob_errf(e, ERR_INVAL,
		    "created and verificationMethod are required");
		goto out;
	}
	cfg = json_object();
	json_object_set_new(cfg, "type", json_string("DataIntegrityProof"));
	json_object_set_new(cfg, "cryptosuite", json_string("eddsa-rdfc-2022"));
	json_object_set_new(cfg, "created", json_string(o->created));
	json_object_set_new(
	    cfg, "verificationMethod", json_string(o->verification_method));
	json_object_set_new(cfg, "proofPurpose",
	    json_string(
	        o->proof_purpose ? o->proof_purpose : "assertionMethod"));
	rc = di_hash(doc, cfg, loader, t, e);
	if (rc != 0)
		goto out;
	memcpy(msg, t->proof_hash, 32);
	memcpy(msg + 32, t->doc_hash, 32);
	if (signer == NULL || signer->sign == NULL ||
	    signer->sign(signer->ctx, msg, sizeof(msg), t->sig) != 0) {
		rc = ob_errf(e, ERR_CRYPTO, "the signer failed");
		goto out;
	}
	buf_addc(&pv, 'z');
	base58btc_encode(&pv, t->sig, 64);
	if (buf_err(&pv) != 0) {
		rc = ob_errf(e, ERR_CRYPTO, "cannot encode the signature");
		goto out;
	}
	json_object_set_new(cfg, "proofValue", json_string(pv.data));
	res = json_deep_copy(doc);
	proofs = json_object_get(res, "proof");
	if (proofs == NULL) {
		json_object_set_new(res, "proof", json_array());
	} else if (!json_is_array(proofs)) {
		json_t *a = json_array();

		json_array_append(a, proofs);
		json_object_set_new(res, "proof", a);
	}
	json_array_append(json_object_get(res, "proof"), cfg);
	*out = res;
	res = NULL;
	rc = 0;
out:
	json_decref(cfg);
	json_decref(res);
	buf_free(&pv);
	if (t == &local)
		trace_free(&local);
	return rc;
}

/* ctx_prefix: proof @context must be a prefix of the document's. */
static bool
ctx_prefix(json_t *pctx, json_t *dctx)
{
	size_t i, np, nd;

	if (json_is_string(pctx) || json_is_object(pctx)) {
		if (json_is_array(dctx))
			return json_array_size(dctx) > 0 &&
			    json_equal(pctx, json_array_get(dctx, 0));
		return json_equal(pctx, dctx);
	}
	if (!json_is_array(pctx))
		return false;
	np = json_array_size(pctx);
	if (!json_is_array(dctx))
		return np == 1 && json_equal(json_array_get(pctx, 0), dctx);
	nd = json_array_size(dctx);
	if (np > nd)
		return false;
	for (i = 0; i < np; i++)
		if (!json_equal(
		        json_array_get(pctx, i), json_array_get(dctx, i)))
			return false;
	return true;
}

int
di_verify_proof(json_t *doc, json_t *proof, const uint8_t pub[32],
    const struct jsonld_loader *loader, struct di_trace *trace,
    struct ob_err *e)
{
	struct di_trace local;
	struct di_trace *t = trace;
	const char *pv;
	uint8_t sig[64], msg[64];
	size_t siglen;
	json_t *pctx, *d = NULL;
	int rc;

	if (t == NULL) {
		trace_init(&local);
		t = &local;
	}
	if (!json_is_object(doc) || !json_is_object(proof)) {
		rc = ob_errf(e, ERR_INVAL,
		    "the document or its proof is not a JSON object");
		goto out;
	}
	if (!json_is_string(json_object_get(proof, "type")) ||
	    strcmp(json_string_value(json_object_get(proof, "type")),
	        "DataIntegrityProof") != 0) {
		rc = ob_errf(
		    e, ERR_INVAL, "the proof type is not DataIntegrityProof");
		goto out;
	}
	if (!json_is_string(json_object_get(proof, "cryptosuite")) ||
	    strcmp(json_string_value(json_object_get(proof, "cryptosuite")),
	        "eddsa-rdfc-2022") != 0) {
		rc = ob_errf(e, ERR_INVAL,
		    "the proof cryptosuite is not eddsa-rdfc-2022");
		goto out;
	}
	pv = json_string_value(json_object_get(proof, "proofValue"));
	if (pv == NULL) {
		rc = ob_errf(e, ERR_INVAL, "the proof has no proofValue");
		goto out;
	}
	rc = multibase_decode_z(pv, strlen(pv), sig, sizeof(sig), &siglen, e);
	if (rc != 0 || siglen != 64) {
		rc = ob_errf(e, ERR_INVAL,
		    "the proofValue is not a base58btc Ed25519 signature "
		    "(64 bytes)");
		goto out;
	}
	pctx = json_object_get(proof, "@context");
	if (pctx != NULL &&
	    !ctx_prefix(pctx, json_object_get(doc, "@context"))) {
		rc = ob_errf(e, ERR_INVAL,
		    "the proof @context does not match the document's");
		goto out;
	}
	d = json_copy(doc);
	if (pctx != NULL)
		json_object_set(d, "@context", pctx);
	rc = di_hash(d, proof, loader, t, e);
	if (rc != 0)
		goto out;
	memcpy(msg, t->proof_hash, 32);
	memcpy(msg + 32, t->doc_hash, 32);
	memcpy(t->sig, sig, 64);
	if (!ed25519_verify(pub, msg, sizeof(msg), sig)) {
		rc = ob_errf(e, ERR_CRYPTO,
		    "the signature does not match: the credential was "
		    "changed after signing or the key is wrong");
		goto out;
	}
	rc = 0;
out:
	json_decref(d);
	if (t == &local)
		trace_free(&local);
	return rc;
}
