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

/* canon parses in[0..len) and canonicalizes it into out (caller frees). */
static int
canon(const char *in, size_t len, struct buf *out, struct ob_err *e)
{
	struct rdf_dataset ds;
	int rc;

	rdf_dataset_init(&ds, 100);
	buf_init(out, NULL, 1 << 20);
	rc = rdf_nquads_parse(in, len, &ds, e);
	if (rc == 0)
		rc = rdfc_canonicalize(&ds, NULL, out, NULL, e);
	rdf_dataset_free(&ds);
	return rc;
}

/*
 * Regression (fuzz_rdfc, fuzz/corpus/rdfc/iri-uchar-control.nq): a \u or
 * \U escape in an IRI that decodes to a character IRIREF excludes was
 * accepted, and the canonical output then held it raw (here an ESC), so
 * it no longer parsed. Such an IRI is not an IRI (RDF 1.2 N-Triples: the
 * unescaped IRIREF must be a valid IRI), so the parser refuses it.
 */
Test(rdfc, iri_uchar_of_excluded_char_is_rejected)
{
	static const char *bad[] = {
	    "<x:a> <x:b> <x:\\u001b> .\n",        /* the fuzzer's input */
	    "<x:\\u0000> <x:b> <x:c> .\n",        /* NUL */
	    "<x:a> <x:\\u0020> <x:c> .\n",        /* space */
	    "<x:a> <x:b> <x:c> <x:\\u003E> .\n",  /* > in a graph name */
	    "<x:a> <x:b> \"l\"^^<x:\\u003c> .\n", /* < in a datatype */
	    "<x:a> <x:b> <x:\\u0022> .\n",
	    "<x:a> <x:b> <x:\\u007B> .\n",
	    "<x:a> <x:b> <x:\\u007D> .\n",
	    "<x:a> <x:b> <x:\\u007C> .\n",
	    "<x:a> <x:b> <x:\\u005E> .\n",
	    "<x:a> <x:b> <x:\\u0060> .\n",
	    "<x:a> <x:b> <x:\\u005C> .\n",
	    "<x:a> <x:b> <x:\\U0000000A> .\n",
	};
	size_t i;

	for (i = 0; i < NELEM(bad); i++) {
		struct ob_err e = {{0}};
		struct buf out;

		cr_expect_eq(canon(bad[i], strlen(bad[i]), &out, &e), ERR_INVAL,
		    "accepted: %s", bad[i]);
		cr_expect(e.msg[0] != '\0');
		buf_free(&out);
	}
}

/*
 * The fuzz harness's property on inputs with escapes: the canonical
 * output parses, and canonicalizes to itself.
 */
Test(rdfc, canonical_output_is_a_fixed_point)
{
	static const char in[] =
	    "<x:\\u0065\\U0001F303> <x:\\u00A0b> _:q <x:\\u2070> .\n"
	    "_:q <x:b> \"\\u0000\\u001b\\u007f\\t\\\\\"@en .\n"
	    "_:q <x:b> \"d\"^^<x:\\u221e> .\n"
	    "_:q <x:b> \"a\0b\" .\n";
	static const char want[] =
	    "<x:e\xf0\x9f\x8c\x83> <x:\xc2\xa0"
	    "b> _:c14n0 <x:\xe2\x81\xb0> .\n"
	    "_:c14n0 <x:b> \"\\u0000\\u001B\\u007F\\t\\\\\"@en .\n"
	    "_:c14n0 <x:b> \"a\\u0000b\" .\n"
	    "_:c14n0 <x:b> \"d\"^^<x:\xe2\x88\x9e> .\n";
	struct ob_err e = {{0}};
	struct buf out, out2;

	cr_assert_eq(canon(in, sizeof(in) - 1, &out, &e), 0, "%s", e.msg);
	cr_expect_str_eq(out.data, want);
	cr_assert_eq(canon(out.data, out.len, &out2, &e), 0, "%s", e.msg);
	cr_expect_str_eq(out2.data, out.data);
	buf_free(&out);
	buf_free(&out2);
}
