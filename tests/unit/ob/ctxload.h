/*
 * ctxload.h: test-only helpers for the src/ob tests.
 *
 * spec_dir() finds the shared spec data (LAUREL_SPEC_DIR, default
 * "../shared/spec"); slurp() reads a whole file; ctxload_* is a file-based
 * JSON-LD document loader over data/contexts/url-map.json, with an optional
 * extra prefix mapping (used for the W3C JSON-LD test suite); seed_sign
 * signs with an Ed25519 seed for the Data Integrity tests. Everything
 * here is static so each test binary includes its own copy.
 */
#ifndef LAUREL_TESTS_OB_CTXLOAD_H
#define LAUREL_TESTS_OB_CTXLOAD_H

#include "core/common.h"
#include "core/err.h"

#include <jansson.h>
#include <openssl/evp.h>
#include <sys/stat.h>

static UNUSED const char *
spec_dir(void)
{
	const char *d = getenv("LAUREL_SPEC_DIR");

	return d != NULL && *d ? d : "../shared/spec";
}

/* slurp reads path into a NUL-terminated heap string; NULL if unreadable. */
static UNUSED char *
slurp(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t n = 0, cap = 0, r;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			p = xrealloc(p, cap);
		}
		r = fread(p + n, 1, cap - n - 1, f);
		n += r;
		if (r == 0)
			break;
	}
	fclose(f);
	p[n] = '\0';
	if (lenp != NULL)
		*lenp = n;
	return p;
}

static UNUSED char *
path_join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = xmalloc(n);

	snprintf(p, n, "%s/%s", a, b);
	return p;
}

static UNUSED json_t *
load_json_file(const char *path)
{
	json_error_t je;

	return json_load_file(path, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
}

struct ctxload {
	json_t *map;            /* url-map.json */
	const char *ctx_dir;    /* directory of the context files */
	const char *prefix;     /* optional URL prefix ... */
	const char *prefix_dir; /* ... mapped onto this directory */
	unsigned loads;
};

/* ctxload_init reads data/contexts/url-map.json; false if missing. */
static UNUSED bool
ctxload_init(struct ctxload *cl, const char *ctx_dir)
{
	char *p = path_join(ctx_dir, "url-map.json");

	memset(cl, 0, sizeof(*cl));
	cl->ctx_dir = ctx_dir;
	cl->map = load_json_file(p);
	free(p);
	return cl->map != NULL;
}

static UNUSED void
ctxload_free(struct ctxload *cl)
{
	json_decref(cl->map);
	cl->map = NULL;
}

/* The loader callback: 0 and *doc, or ERR_NOTFOUND. */
static UNUSED int
ctxload_load(void *ctx, const char *url, json_t **doc)
{
	struct ctxload *cl = ctx;
	json_t *f = json_object_get(cl->map, url);
	char *p;

	cl->loads++;
	*doc = NULL;
	if (json_is_string(f)) {
		p = path_join(cl->ctx_dir, json_string_value(f));
		*doc = load_json_file(p);
		free(p);
	} else if (cl->prefix != NULL &&
	    strncmp(url, cl->prefix, strlen(cl->prefix)) == 0) {
		p = path_join(cl->prefix_dir, url + strlen(cl->prefix));
		*doc = load_json_file(p);
		free(p);
	}
	return *doc != NULL ? 0 : ERR_NOTFOUND;
}

/* seed_sign is a di_signer callback: Ed25519 with the 32-byte private
 * seed ctx. 0, or -1 if OpenSSL fails. */
static UNUSED int
seed_sign(void *ctx, const uint8_t *msg, size_t len, uint8_t sig[64])
{
	EVP_PKEY *pk =
	    EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, ctx, 32);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	size_t siglen = 64;
	int rc = -1;

	if (pk != NULL && md != NULL &&
	    EVP_DigestSignInit(md, NULL, NULL, NULL, pk) == 1 &&
	    EVP_DigestSign(md, sig, &siglen, msg, len) == 1 && siglen == 64)
		rc = 0;
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pk);
	return rc;
}

#endif
