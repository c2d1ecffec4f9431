/*
 * test_jsonld.c: the W3C JSON-LD 1.1 toRdf suite (manifest driven) and
 * safe-mode checks.
 *
 * Tiers follow spec/vectors/README-test-suites.md: 23 tests are out of
 * scope for a 1.1-only processor (skipped); 128 exercise features the OB/VC
 * contexts do not use (reported separately, not asserted); the remaining
 * "must pass" tests are asserted. Positive tests compare the RDFC-1.0
 * canonical form of our output and of the expected N-Quads; negative tests
 * must fail with the expected JSON-LD error code in the message.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/jsonld.h"
#include "ob/rdf.h"
#include "ob/rdfc.h"

#include <criterion/criterion.h>

#include "ctxload.h"

#define SUITE_URL "https://w3c.github.io/json-ld-api/tests/"

static const char *const out_of_scope[] = {"0118", "e014", "e026", "e038",
    "e071", "e115", "e116", "er02", "er03", "er24", "er32", "c029", "e075",
    "ep02", "er21", "er42", "pi01", "so01", "tn01", "di09", "di10", "di11",
    "di12"};

static const char *const optional_ids[] = {"n001", "n002", "n003", "n004",
    "n005", "n006", "n007", "n008", "en01", "en02", "en03", "en04", "en05",
    "en06", "c037", "c038", "in01", "in02", "in03", "in04", "in05", "in06",
    "in07", "in08", "in09", "pi02", "pi03", "pi04", "pi05", "pi06", "pi07",
    "pi08", "pi09", "pi10", "pi11", "so02", "so03", "so05", "so06", "so07",
    "so08", "so09", "so10", "so11", "so12", "so13", "tn02", "m001", "m002",
    "m003", "m004", "m005", "m006", "m007", "m008", "m009", "m010", "m011",
    "m012", "m013", "m014", "m015", "m016", "m017", "m018", "m019", "m020",
    "c013", "ec01", "e036", "e040", "e044", "e063", "e082", "e083", "e084",
    "e085", "e086", "e087", "e096", "e097", "e098", "e099", "e100", "e101",
    "e105", "e106", "e107", "e108", "e030", "e035", "er35", "di04", "di05",
    "di06", "di07", "0031", "0119", "0133", "e037", "e039", "e042", "e043",
    "e049", "e064", "e065", "e066", "e078", "e121", "er14", "er15", "er17",
    "er25", "er33", "er34", "er36", "er50", "pr38", "pr39", "e124", "e125",
    "er53", "pr29", "pr33", "c026", "c027", "c028", "c030"};

static bool
in_list(const char *id, const char *const *l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(id, l[i]) == 0)
			return true;
	return false;
}

static int
canon_of(struct rdf_dataset *ds, struct buf *out, struct ob_err *e)
{
	return rdfc_canonicalize(ds, NULL, out, NULL, e);
}

/* line_diff lists the lines only in got (+) and only in want (-). */
static void
line_diff(char *why, size_t whylen, const char *got, const char *want)
{
	struct buf b;
	const char *a[2] = {got, want}, *p, *nl;
	int k;

	buf_init(&b, NULL, whylen - 1);
	for (k = 0; k < 2; k++) {
		for (p = a[k]; *p; p = nl + 1) {
			char line[4096];

			nl = strchr(p, '\n');
			if (nl == NULL)
				break;
			snprintf(line, sizeof(line), "%.*s\n",
			    (int)(nl - p + 1) < 4000 ? (int)(nl - p) : 4000, p);
			if (strstr(a[1 - k], line) == NULL)
				buf_addf(&b, "%c %s", k ? '-' : '+', line);
		}
	}
	snprintf(why, whylen, "%s", b.data ? b.data : "");
	buf_free(&b);
}

/* run_one returns 1 pass, 0 fail (why filled). */
static int
run_one(
    const char *dir, struct ctxload *cl, json_t *t, char *why, size_t whylen)
{
	json_t *types = json_object_get(t, "@type");
	const char *input = json_string_value(json_object_get(t, "input"));
	const char *expect = json_string_value(json_object_get(t, "expect"));
	const char *ecode =
	    json_string_value(json_object_get(t, "expectErrorCode"));
	json_t *opt = json_object_get(t, "option");
	struct jsonld_opts o = {0};
	struct jsonld_loader ld = {ctxload_load, cl};
	struct rdf_dataset got, want;
	struct ob_err e = {{0}};
	struct buf cg, cw;
	char base[1024], *p, *exptext = NULL;
	json_t *doc = NULL, *ectx = NULL;
	bool negative = false, syntax = false;
	size_t i, len;
	json_t *ty;
	int rc, ok = 0;

	json_array_foreach(types, i, ty)
	{
		if (strcmp(json_string_value(ty),
		        "jld:NegativeEvaluationTest") == 0)
			negative = true;
		if (strcmp(json_string_value(ty), "jld:PositiveSyntaxTest") ==
		    0)
			syntax = true;
	}
	rdf_dataset_init(&got, 100000);
	rdf_dataset_init(&want, 100000);
	buf_init(&cg, NULL, 1 << 24);
	buf_init(&cw, NULL, 1 << 24);
	snprintf(base, sizeof(base), "%s%s", SUITE_URL, input);
	o.base = base;
	if (json_is_string(json_object_get(opt, "base")))
		o.base = json_string_value(json_object_get(opt, "base"));
	if (json_is_string(json_object_get(opt, "expandContext"))) {
		p = path_join(dir,
		    json_string_value(json_object_get(opt, "expandContext")));
		ectx = load_json_file(p);
		free(p);
		o.expand_context = ectx;
	}
	p = path_join(dir, input);
	doc = load_json_file(p);
	free(p);
	if (doc == NULL) {
		snprintf(why, whylen, "cannot read %s", input);
		goto out;
	}
	rc = jsonld_to_rdf(doc, &o, &ld, &got, &e);
	if (negative) {
		if (rc == 0)
			snprintf(why, whylen, "expected error '%s', got none",
			    ecode);
		else if (ecode != NULL && strstr(e.msg, ecode) == NULL)
			snprintf(why, whylen, "expected error '%s', got: %s",
			    ecode, e.msg);
		else
			ok = 1;
		goto out;
	}
	if (rc != 0) {
		snprintf(why, whylen, "error: %s", e.msg);
		goto out;
	}
	if (syntax) {
		ok = 1;
		goto out;
	}
	p = path_join(dir, expect);
	exptext = slurp(p, &len);
	free(p);
	if (exptext == NULL) {
		snprintf(why, whylen, "cannot read %s", expect);
		goto out;
	}
	rc = rdf_nquads_parse(exptext, len, &want, &e);
	if (rc == 0)
		rc = canon_of(&want, &cw, &e);
	if (rc == 0)
		rc = canon_of(&got, &cg, &e);
	if (rc != 0) {
		snprintf(why, whylen, "canonicalization: %s", e.msg);
		goto out;
	}
	ok = strcmp(cg.data, cw.data) == 0;
	if (!ok)
		line_diff(why, whylen, cg.data, cw.data);
out:
	json_decref(doc);
	json_decref(ectx);
	free(exptext);
	rdf_dataset_free(&got);
	rdf_dataset_free(&want);
	buf_free(&cg);
	buf_free(&cw);
	return ok;
}

Test(jsonld, w3c_toRdf_suite)
{
	char *dir = path_join(spec_dir(), "vectors/json-ld-api/tests");
	char *mp = path_join(dir, "toRdf-manifest.jsonld");
	char *cdir = xstrndup("data/contexts", 13);
	json_t *m = load_json_file(mp), *entries, *t;
	struct ctxload cl;
	unsigned pass = 0, fail = 0, skip = 0, opass = 0, ofail = 0;
	size_t i;
	static char why[16384];

	cr_assert(m != NULL,
	    "cannot read %s (set LAUREL_SPEC_DIR to the spec directory)", mp);
	cr_assert(ctxload_init(&cl, cdir),
	    "cannot read data/contexts/url-map.json (run from the repo root)");
	cl.prefix = SUITE_URL;
	cl.prefix_dir = dir;
	entries = json_object_get(m, "sequence");
	cr_assert(json_array_size(entries) > 400, "manifest has no entries");
	json_array_foreach(entries, i, t)
	{
		const char *id = json_string_value(json_object_get(t, "@id"));
		const char *sid = id + 2; /* "#t" */
		bool opt;
		int ok;

		if (in_list(sid, out_of_scope, NELEM(out_of_scope))) {
			skip++;
			continue;
		}
		opt = in_list(sid, optional_ids, NELEM(optional_ids));
		why[0] = '\0';
		ok = run_one(dir, &cl, t, why, sizeof(why));
		if (opt) {
			if (ok)
				opass++;
			else
				ofail++;
			continue;
		}
		if (ok) {
			pass++;
		} else {
			fail++;
			cr_log_error("%s: %.3000s", id, why);
		}
	}
	printf("jsonld: %u passed, %u failed, %u skipped\n", pass, fail, skip);
	printf("jsonld optional features (not asserted): %u passed, %u "
	       "failed\n",
	    opass, ofail);
	cr_expect_eq(fail, 0, "%u in-scope JSON-LD toRdf tests failed", fail);
	cr_expect_eq(skip, NELEM(out_of_scope));
	cr_expect_eq(pass + fail, 316);
	ctxload_free(&cl);
	json_decref(m);
	free(mp);
	free(dir);
	free(cdir);
}
