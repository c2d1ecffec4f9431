/*
 * di.h: Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite
 * (W3C vc-di-eddsa), as Open Badges 3.0 requires.
 *
 * Signing never sees a private key: the caller passes a signer callback
 * (backed by the key store or a signer process). Verification takes a raw
 * 32-byte Ed25519 public key. All JSON-LD processing runs in safe mode with
 * the caller's context loader (no network). Every failure leaves one
 * sentence in e->msg saying which step failed.
 */
#ifndef LAUREL_OB_DI_H
#define LAUREL_OB_DI_H

#include "ob/jsonld.h"
#include "ob/rdf.h"

#include <jansson.h>

struct di_signer {
	/* sign writes the Ed25519 signature of msg[0..len); 0 or < 0. */
	int (*sign)(void *ctx, const uint8_t *msg, size_t len, uint8_t sig[64]);
	void *ctx;
};

struct di_proof_opts {
	const char *created;             /* XSD dateTime, e.g. "2024-...Z" */
	const char *verification_method; /* URL of the public key */
	const char *proof_purpose;       /* NULL = "assertionMethod" */
};

/*
 * Optional trace of the intermediate values (for tests and debugging).
 * The bufs must be initialised by the caller; they receive the canonical
 * N-Quads of the proof configuration and of the document.
 */
struct di_trace {
	struct buf proof_canon;
	struct buf doc_canon;
	uint8_t proof_hash[32];
	uint8_t doc_hash[32];
	uint8_t sig[64];
};

/*
 * di_create_proof signs doc (an object; an existing "proof" is kept and the
 * new proof appended, and "proof" is always an array in the result). It
 * builds the proof configuration {@context of doc, type DataIntegrityProof,
 * cryptosuite eddsa-rdfc-2022, created, verificationMethod, proofPurpose},
 * canonicalizes it and doc-without-proof (RDFC-1.0), signs
 * SHA-256(config) || SHA-256(doc) and sets proofValue = "z" +
 * base58btc(signature). *out is a new document; doc is not modified.
 * trace may be NULL. Returns 0 or a negative err with e set.
 */
MUST_CHECK int di_create_proof(json_t *doc, const struct di_proof_opts *o,
    const struct di_signer *signer, const struct jsonld_loader *loader,
    json_t **out, struct di_trace *trace, struct ob_err *e);

/*
 * di_verify_proof checks one eddsa-rdfc-2022 proof of doc: proof is an
 * element of doc's "proof" (array or single object). It checks the proof's
 * type, cryptosuite and proofValue encoding, that a proof @context (if
 * any) is a prefix of the document's, recomputes both hashes and verifies
 * the Ed25519 signature with pub. Returns 0 when the proof verifies,
 * ERR_CRYPTO when the signature does not match, ERR_INVAL (malformed) or
 * another err; e says why. trace may be NULL.
 */
MUST_CHECK int di_verify_proof(json_t *doc, json_t *proof,
    const uint8_t pub[32], const struct jsonld_loader *loader,
    struct di_trace *trace, struct ob_err *e);

/*
 * di_hash computes, without signing, the canonical forms and the two hashes
 * for doc (its "proof" removed) and proof_config (its "proofValue"
 * removed; the document's @context used when it has none). Returns 0 or a
 * negative err with e set. Used by both functions above.
 */
MUST_CHECK int di_hash(json_t *doc, json_t *proof_config,
    const struct jsonld_loader *loader, struct di_trace *t, struct ob_err *e);

/* ed25519_verify returns true iff sig is pub's signature of msg. */
bool ed25519_verify(const uint8_t pub[32], const uint8_t *msg, size_t len,
    const uint8_t sig[64]);

#endif
