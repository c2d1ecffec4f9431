/*
 * test_rdfc.c: the W3C RDFC-1.0 test suite (manifest driven), plus unit
 * checks of the N-Quads parser.
 *
 * Eval tests must reproduce the expected canonical N-Quads byte for byte,
 * map tests the issued-identifiers map, and the negative test must hit the
 * work limit. Nothing is skipped: SHA-384 (test075) is supported too.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/rdf.h"
#include "ob/rdfc.h"

#include <criterion/criterion.h>

#include "ctxload.h"

static int
run_one(const char *dir, json_t *t, char *why, size_t whylen)
{
	const char *type = json_string_value(json_object_get(t, "type"));
	const char *action = json_string_value(json_object_get(t, "action"));
	const char *result = json_string_value(json_object_get(t, "result"));
	const char *halg =
	    json_string_value(json_object_get(t, "hashAlgorithm"));
	struct rdf_dataset ds;
	struct rdfc_opts o = {0};
	struct rdfc_map map = {0};
	struct ob_err e = {{0}};
	struct buf out;
	char *p, *in = NULL, *exp = NULL;
	size_t inlen;
	int rc, ok = 0;
	bool want_map = type && strcmp(type, "rdfc:RDFC10MapTest") == 0;
	bool negative =
	    type && strcmp(type, "rdfc:RDFC10NegativeEvalTest") == 0;

	if (halg != NULL)
		o.hash = strcmp(halg, "SHA384") == 0 ? "sha384" : halg;
	rdf_dataset_init(&ds, 100000);
	buf_init(&out, NULL, 1 << 24);
	p = path_join(dir, action);
	in = slurp(p, &inlen);
	free(p);
	if (in == NULL) {
		snprintf(why, whylen, "cannot read %s", action);
		goto out;
	}
	rc = rdf_nquads_parse(in, inlen, &ds, &e);
	if (rc != 0) {
		snprintf(why, whylen, "parse: %s", e.msg);
		goto out;
	}
	rc = rdfc_canonicalize(&ds, &o, &out, want_map ? &map : NULL, &e);
	if (negative) {
		if (rc == ERR_TOOBIG)
			ok = 1;
		else
			snprintf(why, whylen,
			    "expected work-limit error, "
			    "got %d",
			    rc);
		goto out;
	}
	if (rc != 0) {
		snprintf(why, whylen, "canonicalize: %s", e.msg);
		goto out;
	}
	p = path_join(dir, result);
	if (want_map) {
		json_t *m = load_json_file(p);
		size_t i;

		free(p);
		if (m == NULL) {
			snprintf(why, whylen, "cannot read %s", result);
			goto out;
		}
		ok = json_object_size(m) == map.n;
		for (i = 0; ok && i < map.n; i++) {
			const char *v =
			    json_string_value(json_object_get(m, map.from[i]));

			ok = v != NULL && strcmp(v, map.to[i]) == 0;
		}
		if (!ok)
			snprintf(why, whylen, "issued map differs");
		json_decref(m);
		goto out;
	}
	exp = slurp(p, NULL);
	free(p);
	if (exp == NULL) {
		snprintf(why, whylen, "cannot read %s", result);
		goto out;
	}
	ok = strcmp(exp, out.data) == 0;
	if (!ok)
		snprintf(why, whylen, "output differs:\n%s\nexpected:\n%s",
		    out.data, exp);
out:
	rdfc_map_free(&map);
	rdf_dataset_free(&ds);
	buf_free(&out);
	free(in);
	free(exp);
	return ok;
}

Test(rdfc, w3c_suite)
{
	char *dir = path_join(spec_dir(), "vectors/rdf-canon");
	char *mp = path_join(dir, "manifest.jsonld");
	json_t *m = load_json_file(mp);
	json_t *entries, *t;
	size_t i;
	unsigned pass = 0, fail = 0, skip = 0;
	char why[8192];

	cr_assert(m != NULL,
	    "cannot read %s (set LAUREL_SPEC_DIR to the spec directory)", mp);
	entries = json_object_get(m, "entries");
	cr_assert(json_array_size(entries) > 80, "manifest has no entries");
	json_array_foreach(entries, i, t)
	{
		why[0] = '\0';
		if (run_one(dir, t, why, sizeof(why))) {
			pass++;
		} else {
			fail++;
			cr_log_error("%s: %s",
			    json_string_value(json_object_get(t, "id")), why);
		}
	}
	printf("rdfc: %u passed, %u failed, %u skipped\n", pass, fail, skip);
	cr_expect_eq(fail, 0, "%u RDFC-1.0 tests failed", fail);
	cr_expect_eq(pass, json_array_size(entries));
	json_decref(m);
	free(mp);
	free(dir);
}

Test(rdfc, nquads_parser_rejects_garbage)
{
	static const char *bad[] = {
	    "<a> <b> <c> .\n",        /* relative IRIs */
	    "<x:a> <x:b> \"c .\n",    /* unterminated */
	    "<x:a> <x:b> <x:c>\n",    /* no dot */
	    "<x:a> \"p\" <x:c> .\n",  /* literal predicate */
	    "_:a <x:b> \"\\q\" .\n",  /* bad escape */
	    "<x:a> <x:b> <x:c> . x\n" /* trailing junk */
	};
	size_t i;

	for (i = 0; i < NELEM(bad); i++) {
		struct rdf_dataset ds;
		struct ob_err e = {{0}};

		rdf_dataset_init(&ds, 10);
		cr_expect_eq(rdf_nquads_parse(bad[i], strlen(bad[i]), &ds, &e),
		    ERR_INVAL, "accepted: %s", bad[i]);
		cr_expect(e.msg[0] != '\0');
		rdf_dataset_free(&ds);
	}
}

Test(rdfc, quad_limit)
{
	const char *in = "<x:a> <x:b> <x:c> .\n<x:a> <x:b> <x:d> .\n";
	struct rdf_dataset ds;
	struct ob_err e = {{0}};

	rdf_dataset_init(&ds, 1);
	cr_expect_eq(rdf_nquads_parse(in, strlen(in), &ds, &e), ERR_TOOBIG);
	rdf_dataset_free(&ds);
}
