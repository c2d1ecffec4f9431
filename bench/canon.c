/*
 * bench/canon.c: eddsa-rdfc-2022 throughput on an Open Badges 3.0
 * credential (the Implementation Guide vector).
 *
 * Prints the JSON-LD toRdf + RDFC-1.0 time per credential, then credentials
 * signed per second and verified per second (single thread). Run from the
 * repo root; the spec data comes from LAUREL_SPEC_DIR (default
 * ../shared/spec). Usage: canon [seconds-per-measure, default 2].
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/di.h"
#include "ob/jsonld.h"
#include "ob/rdfc.h"

#include <openssl/evp.h>
#include <time.h>

#include "../tests/unit/ob/ctxload.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
sign_seed(void *ctx, const uint8_t *msg, size_t len, uint8_t sig[64])
{
	EVP_PKEY *pk =
	    EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, ctx, 32);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	size_t n = 64;
	int rc = -1;

	if (pk && md && EVP_DigestSignInit(md, NULL, NULL, NULL, pk) == 1 &&
	    EVP_DigestSign(md, sig, &n, msg, len) == 1)
		rc = 0;
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pk);
	return rc;
}

/* A caching loader, as the server's would be: files are parsed once. */
static json_t *cache;

static int
cached_load(void *ctx, const char *url, json_t **doc)
{
	json_t *d = json_object_get(cache, url);
	int rc;

	if (d != NULL) {
		*doc = json_incref(d);
		return 0;
	}
	rc = ctxload_load(ctx, url, doc);
	if (rc == 0)
		json_object_set(cache, url, *doc);
	return rc;
}

int
main(int argc, char **argv)
{
	struct ctxload cl;
	struct jsonld_loader ld = {cached_load, &cl};
	char *p = path_join(spec_dir(),
	    "vectors/ob3-impl-guide-eddsa-rdfc-2022/credential.json");
	json_t *doc = load_json_file(p), *signed_doc = NULL, *proof;
	uint8_t seed[32], pub[32];
	EVP_PKEY *pk;
	size_t publen = 32;
	struct di_signer signer = {sign_seed, seed};
	struct di_proof_opts o = {"2024-01-01T00:00:00Z", NULL, NULL};
	struct ob_err e = {{0}};
	struct buf vm;
	double secs = argc > 1 ? strtod(argv[1], NULL) : 2.0, t0, t;
	unsigned long n;

	if (doc == NULL || !ctxload_init(&cl, "data/contexts")) {
		fprintf(stderr, "canon: cannot read %s or data/contexts\n", p);
		return 1;
	}
	cache = json_object();
	if (secs <= 0)
		secs = 2.0;
	memset(seed, 7, sizeof(seed));
	pk = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
	if (pk == NULL || EVP_PKEY_get_raw_public_key(pk, pub, &publen) != 1)
		return 1;
	EVP_PKEY_free(pk);
	buf_init(&vm, NULL, 256);
	buf_adds(&vm, "did:key:");
	o.verification_method = "https://example.edu/issuers/565049#key-1";

	/* 1. toRdf + canonicalization only. */
	for (n = 0, t0 = now(); (t = now()) - t0 < secs; n++) {
		struct rdf_dataset ds;
		struct jsonld_opts jo = {0};
		struct buf out;

		jo.safe = true;
		rdf_dataset_init(&ds, 100000);
		buf_init(&out, NULL, 1 << 24);
		if (jsonld_to_rdf(doc, &jo, &ld, &ds, &e) != 0 ||
		    rdfc_canonicalize(&ds, NULL, &out, NULL, &e) != 0) {
			fprintf(stderr, "canon: %s\n", e.msg);
			return 1;
		}
		buf_free(&out);
		rdf_dataset_free(&ds);
	}
	printf("canonicalization: %.3f ms per credential (%lu runs)\n",
	    (t - t0) * 1e3 / (double)n, n);

	/* 2. Signing (two canonicalizations + Ed25519). */
	for (n = 0, t0 = now(); (t = now()) - t0 < secs; n++) {
		json_decref(signed_doc);
		if (di_create_proof(
		        doc, &o, &signer, &ld, &signed_doc, NULL, &e) != 0) {
			fprintf(stderr, "canon: sign: %s\n", e.msg);
			return 1;
		}
	}
	printf("signed: %.1f credentials/s\n", (double)n / (t - t0));

	/* 3. Verification. */
	proof = json_array_get(json_object_get(signed_doc, "proof"), 0);
	for (n = 0, t0 = now(); (t = now()) - t0 < secs; n++) {
		if (di_verify_proof(signed_doc, proof, pub, &ld, NULL, &e) !=
		    0) {
			fprintf(stderr, "canon: verify: %s\n", e.msg);
			return 1;
		}
	}
	printf("verified: %.1f credentials/s\n", (double)n / (t - t0));
	printf("context files read: %u\n", cl.loads);
	json_decref(cache);
	json_decref(signed_doc);
	json_decref(doc);
	ctxload_free(&cl);
	buf_free(&vm);
	free(p);
	return 0;
}
