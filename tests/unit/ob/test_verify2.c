/*
 * test_verify2.c: the Open Badges 2.0 verifier (src/ob/verify2.c).
 *
 * Fixtures: the 1EdTech validator's OB 2.0 tests with their expected
 * outcomes ($LAUREL_SPEC_DIR/ob2/validator-tests/EXPECTED.json), the OB 2.0
 * spec examples (ob2/examples), and hostile input. A file fetcher maps the
 * validator's example.org URLs onto validator-tests/assets/ (anything else
 * is a 404), and the extension contexts and schemas onto the spec folders,
 * as the Java validator's tests do.
 */
#include <criterion/criterion.h>

#include <dirent.h>
#include <time.h>
#include <openssl/evp.h>

#include "core/buf.h"
#include "core/err.h"
#include "ob/verify.h"

#include "ctxload.h"

/* ---- the test fetcher ---- */

struct tfetch {
	char *assets;  /* validator-tests/assets */
	char *schemas; /* ob2/extension-schemas */
	char *examples;
	json_t *mem; /* extra URL -> body text, served with status 200 */
	unsigned calls;
};

static const char *const asset_prefixes[] = {
    "https://www.example.org/",
    "https://example.org/",
    "http://example.org/",
};

/* schema_file maps an extension schema URL to its file name. */
static bool
schema_file(const char *url, char *out, size_t n)
{
	static const char *const names[] = {
	    "exampleExtension", "applyLinkExtension"};
	static const char *const pre[] = {
	    "https://openbadgespec.org/extensions/",
	    "https://w3id.org/openbadges/extensions/",
	};
	size_t i, j;
	char u[256];

	for (i = 0; i < NELEM(pre); i++)
		for (j = 0; j < NELEM(names); j++) {
			snprintf(
			    u, sizeof(u), "%s%s/schema.json", pre[i], names[j]);
			if (strcmp(url, u) == 0) {
				snprintf(out, n, "%s-schema.json", names[j]);
				return true;
			}
		}
	return false;
}

static int
tget(void *ctx, const char *url, struct buf *body, long *status, char *final,
    size_t finalsz, char *why, size_t whysz)
{
	struct tfetch *t = ctx;
	char name[256], *path = NULL, *data;
	size_t i, len;

	t->calls++;
	snprintf(final, finalsz, "%s", url);
	*status = 404;
	if (json_is_string(json_object_get(t->mem, url))) {
		buf_adds(body, json_string_value(json_object_get(t->mem, url)));
		*status = 200;
		return 0;
	}
	if (strcmp(url, "https://example.org/gone.json") == 0) {
		path = path_join(
		    t->examples, "revoked-hosted-assertion-410-body.json");
		*status = 410;
	} else if (schema_file(url, name, sizeof(name))) {
		path = path_join(t->schemas, name);
		*status = 200;
	}
	for (i = 0; path == NULL && i < NELEM(asset_prefixes); i++) {
		size_t pl = strlen(asset_prefixes[i]);

		if (strncmp(url, asset_prefixes[i], pl) == 0 &&
		    strstr(url + pl, "..") == NULL) {
			path = path_join(t->assets, url + pl);
			*status = 200;
		}
	}
	if (path == NULL) {
		snprintf(why, whysz, "not found");
		return 0;
	}
	data = slurp(path, &len);
	free(path);
	if (data == NULL) {
		*status = 404;
		return 0;
	}
	buf_add(body, data, len);
	free(data);
	return 0;
}

/* A schema loader over the same files, by $id / URL. */
static int
schema_load(void *ctx, const char *url, json_t **doc)
{
	struct tfetch *t = ctx;
	char name[256], *p;

	*doc = NULL;
	if (!schema_file(url, name, sizeof(name)))
		return ERR_NOTFOUND;
	p = path_join(t->schemas, name);
	*doc = load_json_file(p);
	free(p);
	return *doc != NULL ? 0 : ERR_NOTFOUND;
}

static struct ctxload CL;
static struct tfetch TF;
static struct vfy_fetcher FETCH = {tget, &TF};
static struct jsonld_loader CTX = {ctxload_load, &CL};
static struct jsonld_loader SCHEMAS = {schema_load, &TF};
static char *VT;   /* validator-tests */
static char *CDIR; /* contexts */

static void
setup(void)
{
	CDIR = path_join(spec_dir(), "contexts");
	cr_assert(ctxload_init(&CL, CDIR),
	    "cannot read %s/url-map.json (set LAUREL_SPEC_DIR)", CDIR);
	VT = path_join(spec_dir(), "ob2/validator-tests");
	TF.assets = path_join(VT, "assets");
	TF.schemas = path_join(spec_dir(), "ob2/extension-schemas");
	TF.examples = path_join(spec_dir(), "ob2/examples");
	TF.mem = json_object();
}

static void
teardown(void)
{
	ctxload_free(&CL);
	free(CDIR);
	free(VT);
	free(TF.assets);
	free(TF.schemas);
	free(TF.examples);
	json_decref(TF.mem);
}

TestSuite(verify2, .init = setup, .fini = teardown);

static struct vfy_opts
online(void)
{
	struct vfy_opts o;

	memset(&o, 0, sizeof(o));
	o.fetch = &FETCH;
	o.contexts = &CTX;
	o.schemas = &SCHEMAS;
	o.now = (int64_t)time(NULL);
	return o;
}

static struct vfy_opts
offline(void)
{
	struct vfy_opts o = online();

	o.fetch = NULL;
	return o;
}

static const struct vfy_check *
find(const struct vfy_report *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->checks[i].name, name) == 0)
			return &r->checks[i];
	return NULL;
}

static bool
has_result(const struct vfy_report *r, enum vfy_result res)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->checks[i].result == res)
			return true;
	return false;
}

static void
dump(const char *label, const struct vfy_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->checks[i].result != VFY_PASS)
			printf("    %s: %-12s %-8s %s\n", label,
			    r->checks[i].name,
			    vfy_result_word(r->checks[i].result),
			    r->checks[i].msg);
}

static void
verify_text(
    const char *p, size_t len, const struct vfy_opts *o, struct vfy_report *r)
{
	vfy_report_init(r);
	cr_assert_eq(ob2_verify(p, len, o, r), 0);
	cr_assert_eq(r->version, 2);
	cr_assert_leq(r->n, VFY_MAX_CHECKS);
}

static void
verify_file(const char *path, const struct vfy_opts *o, struct vfy_report *r)
{
	size_t len;
	char *p = slurp(path, &len);

	cr_assert_not_null(p, "cannot read %s", path);
	verify_text(p, len, o, r);
	free(p);
}

/* ---- 1. every validator fixture gets its expected outcome ---- */

static void
list_fixtures(const char *dir, const char *prefix, json_t *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char name[512];
	size_t n;

	cr_assert_not_null(d, "cannot open %s", dir);
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (e->d_name[0] == '.' ||
		    strcmp(e->d_name, "EXPECTED.json") == 0)
			continue;
		if ((n > 5 && strcmp(e->d_name + n - 5, ".json") == 0) ||
		    (n > 4 && strcmp(e->d_name + n - 4, ".jwt") == 0)) {
			snprintf(name, sizeof(name), "%s%s", prefix, e->d_name);
			json_object_set_new(out, name, json_true());
		}
	}
	closedir(d);
}

Test(verify2, validator_fixtures)
{
	char *ep = path_join(VT, "EXPECTED.json"), *rdf;
	json_t *exp = load_json_file(ep), *files = json_object(), *val;
	struct vfy_opts o = online();
	struct vfy_report r;
	const char *name;
	int bad = 0, n = 0;

	cr_assert_not_null(exp, "cannot read %s", ep);
	/* Every fixture file at the top level and in rdf-validation/ must
	 * be listed in EXPECTED.json (assets are listed where they are
	 * inputs of their own). */
	list_fixtures(VT, "", files);
	rdf = path_join(VT, "rdf-validation");
	list_fixtures(rdf, "rdf-validation/", files);
	free(rdf);
	json_object_foreach(files, name, val)
	    cr_expect_not_null(json_object_get(exp, name),
	        "fixture %s is not in EXPECTED.json", name);
	json_object_foreach(exp, name, val)
	{
		const char *want =
		    json_string_value(json_object_get(val, "expect"));
		bool valid, warn_case;
		char *path;

		if (name[0] == '_')
			continue;
		cr_assert_not_null(want, "%s: no expect", name);
		valid = strncmp(want, "valid", 5) == 0;
		warn_case = strstr(want, "warnings") != NULL;
		path = path_join(VT, name);
		verify_file(path, &o, &r);
		free(path);
		n++;
		printf("%-70s expect %-8s got %-8s%s\n", name,
		    valid ? "valid" : "invalid", r.valid ? "valid" : "invalid",
		    r.valid == valid ? "" : "   <-- MISMATCH");
		dump(name, &r);
		if (r.valid != valid)
			bad++;
		if (warn_case && !has_result(&r, VFY_WARN)) {
			printf("    %s: expected a warning\n", name);
			bad++;
		}
		vfy_report_free(&r);
	}
	printf("%d fixtures, %d mismatches\n", n, bad);
	cr_expect_eq(n, (int)json_object_size(exp) - 1);
	cr_assert_eq(bad, 0, "%d of %d fixtures got the wrong outcome", bad, n);
	json_decref(exp);
	json_decref(files);
	free(ep);
}

/* Specific reasons, so a fixture cannot pass for the wrong reason. */
Test(verify2, fixture_reasons)
{
	static const struct {
		const char *file, *check;
		enum vfy_result res;
	} cases[] = {
	    {"basic-assertion.json", "hosted", VFY_WARN},
	    {"basic-assertion.json", "origin", VFY_PASS},
	    {"basic-assertion-invalid-context.json", "context", VFY_FAIL},
	    {"basic-assertion-invalid-type.json", "types", VFY_FAIL},
	    {"basic-assertion-expired.json", "dates", VFY_FAIL},
	    {"basic-assertion-expired-before-issued.json", "dates", VFY_FAIL},
	    {"basic-assertion-in-future.json", "dates", VFY_FAIL},
	    {"basic-assertion-with-allowed-origins-invalid-starts-with.json",
	        "origin", VFY_FAIL},
	    {"basic-assertion-with-allowed-origins.json", "origin", VFY_PASS},
	    {"assertion-with-data-image.json", "structure", VFY_FAIL},
	    {"assertion-with-extension-node-invalid.json", "extensions",
	        VFY_FAIL},
	    {"assertion-with-extension-node-basic.json", "extensions",
	        VFY_PASS},
	    {"assertion-with-multiple-extensions.json", "extensions", VFY_PASS},
	    {"assertion-with-endorsements.json", "endorsements", VFY_PASS},
	    {"rdf-validation/invalid-class.json", "types", VFY_FAIL},
	    {"rdf-validation/invalid-empty-type.json", "types", VFY_FAIL},
	    {"rdf-validation/invalid-one-invalid-class.json", "types",
	        VFY_FAIL},
	    {"rdf-validation/badge-class-invalid-issuer-type.json", "issuer",
	        VFY_FAIL},
	    {"simple.jwt", "signature", VFY_PASS},
	    {"simple.jwt", "key", VFY_PASS},
	    {"simple-not-revoked.jwt", "revocation", VFY_PASS},
	    {"simple-revoked.jwt", "revocation", VFY_FAIL},
	    {"simple-revoked.jwt", "signature", VFY_PASS},
	    {"warning-issuer-non-http.json", "issuer-id", VFY_WARN},
	    {"warning-with-redirection.json", "redirect", VFY_WARN},
	};
	struct vfy_opts o = online();
	struct vfy_report r;
	size_t i;

	for (i = 0; i < NELEM(cases); i++) {
		char *path = path_join(VT, cases[i].file);
		const struct vfy_check *c;

		verify_file(path, &o, &r);
		free(path);
		c = find(&r, cases[i].check);
		cr_expect_not_null(
		    c, "%s: no %s check", cases[i].file, cases[i].check);
		if (c != NULL)
			cr_expect_eq(c->result, cases[i].res,
			    "%s: %s is %s (%s)", cases[i].file, c->name,
			    vfy_result_word(c->result), c->msg);
		vfy_report_free(&r);
	}
}

Test(verify2, revoked_message_and_summary)
{
	char *path = path_join(VT, "simple-revoked.jwt");
	struct vfy_opts o = online();
	struct vfy_report r;
	const struct vfy_check *c;

	verify_file(path, &o, &r);
	free(path);
	c = find(&r, "revocation");
	cr_assert_not_null(c);
	cr_expect(strstr(c->msg, "revoked") != NULL);
	cr_expect(
	    strstr(c->msg, "A good reason, for sure") != NULL, "%s", c->msg);
	cr_expect(r.sum.signed_);
	cr_expect_eq(r.kind, VFY_KIND_ASSERTION);
	cr_expect_str_eq(r.sum.badge_name, "Awesome Robotics Badge");
	cr_expect_str_eq(r.sum.issuer_name, "An Example Badge Issuer");
	cr_expect_str_eq(r.sum.issued_on, "2016-12-31T23:59:59Z");
	cr_expect(r.sum.recipient_hashed);
	cr_expect_not_null(r.document);
	cr_expect_not_null(r.badge);
	cr_expect_not_null(r.issuer);
	vfy_report_free(&r);
}

Test(verify2, hosted_url_gone_is_revoked)
{
	static const char url[] = "https://example.org/gone.json";
	struct vfy_opts o = online();
	struct vfy_report r;
	const struct vfy_check *c;

	verify_text(url, strlen(url), &o, &r);
	cr_expect_not(r.valid);
	c = find(&r, "revocation");
	cr_assert_not_null(c);
	cr_expect(strstr(c->msg, "trenchcoat") != NULL, "%s", c->msg);
	vfy_report_free(&r);
}

Test(verify2, url_input_fetches_badge)
{
	static const char url[] = "https://example.org/robotics-badge.json";
	struct vfy_opts o = online();
	struct vfy_report r;
	const struct vfy_check *c;

	verify_text(url, strlen(url), &o, &r);
	dump("url", &r);
	cr_expect(r.valid);
	cr_expect_eq(r.kind, VFY_KIND_BADGECLASS);
	cr_expect_str_eq(
	    r.sum.issuer_id, "https://example.org/organization.json");
	vfy_report_free(&r);
	/* A URL offline is a plain failed fetch. */
	o = offline();
	verify_text(url, strlen(url), &o, &r);
	cr_expect_not(r.valid);
	c = find(&r, "input");
	cr_assert_not_null(c);
	cr_expect(strstr(c->msg, "offline") != NULL, "%s", c->msg);
	vfy_report_free(&r);
}

/* ---- 2. every spec example is read and classified ---- */

Test(verify2, spec_examples)
{
	static const struct {
		const char *file;
		enum vfy_kind kind;
		enum vfy_result structure; /* VFY_SKIP: no such check */
		const char *id;
		const char *name;  /* badge or issuer name, or NULL */
		const char *fails; /* checks allowed to fail, ",x,y," */
	} ex[] = {
	    {"assertion-embedded-badgeclass-issuer.json", VFY_KIND_ASSERTION,
	        VFY_PASS, "https://example.org/beths-robotics-badge.json",
	        "Awesome Robotics Badge", ","},
	    {"assertion-hosted.json", VFY_KIND_ASSERTION, VFY_PASS,
	        "https://example.org/beths-robotics-badge.json", NULL,
	        ",badge,dates,"},
	    {"badgeclass.json", VFY_KIND_BADGECLASS, VFY_PASS,
	        "https://example.org/robotics-badge.json",
	        "Awesome Robotics Badge", ",issuer,"},
	    {"cryptographic-key.json", VFY_KIND_OTHER, VFY_WARN,
	        "https://example.org/publicKey.json", NULL, ","},
	    {"endorsement-claim-email.json", VFY_KIND_OTHER, VFY_WARN,
	        "https://example.org/assertions/123", NULL, ","},
	    {"endorsement-of-assertion.json", VFY_KIND_OTHER, VFY_WARN,
	        "https://example.org/endorsement-125.json", NULL, ","},
	    {"endorsement-of-badgeclass.json", VFY_KIND_OTHER, VFY_WARN,
	        "https://example.org/endorsement-124.json", NULL, ","},
	    {"endorsement-of-issuer-email.json", VFY_KIND_OTHER, VFY_WARN,
	        "https://example.org/endorsement-123.json", NULL, ","},
	    {"endorsement-revoked.json", VFY_KIND_OTHER, VFY_WARN,
	        "https://example.org/endorsement-125.json", NULL, ","},
	    {"fragment-badgeclass-versioning.json", VFY_KIND_OTHER, VFY_FAIL,
	        "https://example.org/beths-robotics-badge-v2.json", NULL,
	        ",types,structure,"},
	    {"fragment-criteria-uri.json", VFY_KIND_OTHER, VFY_FAIL,
	        "https://example.org/beths-robotics-badge.json", NULL,
	        ",types,structure,"},
	    {"fragment-evidence-uri.json", VFY_KIND_OTHER, VFY_FAIL,
	        "https://example.org/beths-robotics-badge.json", NULL,
	        ",types,structure,"},
	    {"fragment-i18n-language.json", VFY_KIND_OTHER, VFY_FAIL,
	        "https://example.org/beths-robotics-badge.json", NULL,
	        ",types,structure,"},
	    {"fragment-i18n-related-language.json", VFY_KIND_OTHER, VFY_FAIL,
	        "https://example.org/beths-robotics-badge.json", NULL,
	        ",types,structure,"},
	    {"fragment-image-object.json", VFY_KIND_OTHER, VFY_FAIL,
	        "https://example.org/beths-robotics-badge.json", NULL,
	        ",types,structure,"},
	    {"fragment-image-uri.json", VFY_KIND_OTHER, VFY_FAIL,
	        "https://example.org/beths-robotics-badge.json", NULL,
	        ",types,structure,"},
	    {"fragment-narrative.json", VFY_KIND_OTHER, VFY_FAIL,
	        "https://example.org/beths-robotics-badge.json", NULL,
	        ",types,structure,"},
	    {"intro-assertion-embedded-badgeclass-issuer.json",
	        VFY_KIND_ASSERTION, VFY_PASS,
	        "https://example.org/assertions/123", "3-D Printmaster", ","},
	    {"issuer-profile.json", VFY_KIND_ISSUER, VFY_PASS,
	        "https://example.org/organization.json",
	        "An Example Badge Issuer", ","},
	    {"revocation-list.json", VFY_KIND_OTHER, VFY_WARN,
	        "https://example.org/revocationList.json", NULL, ","},
	    {"revoked-hosted-assertion-410-body.json", VFY_KIND_ASSERTION,
	        VFY_SKIP, "https://example.org/beths-robotics-badge.json", NULL,
	        ",revocation,"},
	    {"signed-assertion-claims.json", VFY_KIND_ASSERTION, VFY_PASS,
	        "urn:uuid:a953081a-4bbd-4927-9653-7219bca00e3b", NULL,
	        ",badge,signature,"},
	    {"signed-jws-header.json", VFY_KIND_OTHER, VFY_FAIL, "", NULL,
	        ",context,structure,"},
	};
	char *dir = path_join(spec_dir(), "ob2/examples");
	struct vfy_opts o = offline();
	json_t *seen = json_object();
	struct vfy_report r;
	struct dirent *e;
	DIR *d;
	size_t i, j;

	for (i = 0; i < NELEM(ex); i++) {
		char *path = path_join(dir, ex[i].file);
		const struct vfy_check *c;

		json_object_set_new(seen, ex[i].file, json_true());
		verify_file(path, &o, &r);
		free(path);
		printf("%-50s kind %d valid %d\n", ex[i].file, r.kind, r.valid);
		dump(ex[i].file, &r);
		cr_expect_eq(
		    r.kind, ex[i].kind, "%s: kind %d", ex[i].file, r.kind);
		cr_expect_str_eq(r.sum.id, ex[i].id, "%s", ex[i].file);
		c = find(&r, "structure");
		if (ex[i].structure == VFY_SKIP)
			cr_expect_null(c, "%s", ex[i].file);
		else
			cr_expect(c != NULL && c->result == ex[i].structure,
			    "%s: structure %s", ex[i].file,
			    c ? c->msg : "missing");
		if (ex[i].name != NULL)
			cr_expect(strcmp(r.sum.badge_name, ex[i].name) == 0 ||
			        strcmp(r.sum.issuer_name, ex[i].name) == 0,
			    "%s: name %s / %s", ex[i].file, r.sum.badge_name,
			    r.sum.issuer_name);
		for (j = 0; j < r.n; j++) {
			char key[48];

			if (r.checks[j].result != VFY_FAIL)
				continue;
			snprintf(key, sizeof(key), ",%s,", r.checks[j].name);
			cr_expect(strstr(ex[i].fails, key) != NULL,
			    "%s: unexpected failure %s: %s", ex[i].file,
			    r.checks[j].name, r.checks[j].msg);
		}
		vfy_report_free(&r);
	}
	/* Every file in the folder is covered (the JWS is tested below). */
	d = opendir(dir);
	cr_assert_not_null(d);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' &&
		    strcmp(e->d_name, "signed-assertion.jws.json") != 0)
			cr_expect_not_null(json_object_get(seen, e->d_name),
			    "example %s is not covered", e->d_name);
	closedir(d);
	json_decref(seen);
	free(dir);
}

Test(verify2, spec_example_signed_jws)
{
	char *path =
	    path_join(spec_dir(), "ob2/examples/signed-assertion.jws.json");
	json_t *j = load_json_file(path);
	const char *jws = json_string_value(json_object_get(j, "compactJws"));
	struct vfy_opts o = offline();
	struct vfy_report r;
	const struct vfy_check *c;

	cr_assert_not_null(jws);
	verify_text(jws, strlen(jws), &o, &r);
	dump("jws", &r);
	c = find(&r, "input");
	cr_assert_not_null(c);
	cr_expect_eq(c->result, VFY_PASS);
	cr_expect_eq(r.kind, VFY_KIND_ASSERTION);
	cr_expect(r.sum.signed_);
	cr_expect_str_eq(
	    r.sum.id, "https://example.org/beths-robotics-badge.json");
	/* The key does not exist: never valid, and the reason is given. */
	cr_expect_not(r.valid);
	vfy_report_free(&r);
	json_decref(j);
	free(path);
}

/* ---- 3. hostile input ---- */

static void
expect_input_fail(const char *label, const char *p, size_t len)
{
	struct vfy_opts o = online();
	struct vfy_report r;
	const struct vfy_check *c;

	verify_text(p, len, &o, &r);
	cr_expect_not(r.valid, "%s: accepted", label);
	c = find(&r, "input");
	cr_expect(
	    c != NULL && c->result == VFY_FAIL, "%s: no failed input", label);
	cr_expect(c == NULL || strlen(c->msg) > 10, "%s", label);
	vfy_report_free(&r);
}

static char *
b64url(const char *s)
{
	struct buf b;
	static const char al[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	size_t i, n = strlen(s);
	const unsigned char *u = (const unsigned char *)s;

	buf_init(&b, NULL, 1 << 20);
	for (i = 0; i + 2 < n; i += 3) {
		buf_addc(&b, al[u[i] >> 2]);
		buf_addc(&b, al[((u[i] & 3) << 4) | (u[i + 1] >> 4)]);
		buf_addc(&b, al[((u[i + 1] & 15) << 2) | (u[i + 2] >> 6)]);
		buf_addc(&b, al[u[i + 2] & 63]);
	}
	if (n - i == 1) {
		buf_addc(&b, al[u[i] >> 2]);
		buf_addc(&b, al[(u[i] & 3) << 4]);
	} else if (n - i == 2) {
		buf_addc(&b, al[u[i] >> 2]);
		buf_addc(&b, al[((u[i] & 3) << 4) | (u[i + 1] >> 4)]);
		buf_addc(&b, al[(u[i + 1] & 15) << 2]);
	}
	return buf_detach(&b, NULL);
}

static char *
make_jws(const char *header, const char *payload)
{
	char *h = b64url(header), *p = b64url(payload), *out;
	size_t n = strlen(h) + strlen(p) + 16;

	out = xmalloc(n);
	snprintf(out, n, "%s.%s.AAAA", h, p);
	free(h);
	free(p);
	return out;
}

Test(verify2, hostile_input)
{
	char *p, *deep, *big;
	size_t n, i;
	struct vfy_opts o = online();
	struct vfy_report r;
	const struct vfy_check *c;

	p = path_join(VT, "basic-assertion.json");
	big = slurp(p, &n);
	free(p);
	cr_assert_not_null(big);
	/* Truncated JSON at many lengths. */
	for (i = 1; i < n - 2; i += 37)
		expect_input_fail("truncated", big, i);
	free(big);
	expect_input_fail("empty", "", 0);
	expect_input_fail("spaces", "   \n", 4);
	expect_input_fail("garbage", "hello world", 11);
	expect_input_fail("array", "[1,2]", 5);
	expect_input_fail("string", "\"x\"", 3);
	expect_input_fail("nul", "{\"a\":\"\\u0000\"}\0x", 16);
	expect_input_fail("dup keys", "{\"a\":1,\"a\":2}", 13);
	/* Deep nesting: 100000 '['. */
	n = 100000;
	deep = xmalloc(n + 2);
	deep[0] = '{';
	memcpy(deep, "{\"a\":", 5);
	memset(deep + 5, '[', n - 5);
	deep[n] = '\0';
	expect_input_fail("deep", deep, n);
	memset(deep, '[', n);
	expect_input_fail("deep array", deep, n);
	free(deep);
	/* A huge string field (4 MiB): read, then failed as a badge. */
	n = (size_t)4 << 20;
	big = xmalloc(n + 64);
	memcpy(big,
	    "{\"@context\":\"https://w3id.org/openbadges/v2\",\"id\":\"", 52);
	memset(big + 52, 'x', n);
	memcpy(big + 52 + n, "\"}", 3);
	verify_text(big, 52 + n + 2, &o, &r);
	cr_expect_not(r.valid);
	vfy_report_free(&r);
	free(big);
	/* A JWS with alg none is refused when parsed; HS256 is refused by
	 * the signature check. */
	p = make_jws("{\"alg\":\"none\"}", "{\"type\":\"Assertion\"}");
	expect_input_fail("alg none", p, strlen(p));
	free(p);
	{
		char *path = path_join(VT, "basic-assertion.json"), *doc;

		doc = slurp(path, NULL);
		free(path);
		p = make_jws("{\"alg\":\"HS256\"}", doc);
		free(doc);
	}
	verify_text(p, strlen(p), &o, &r);
	free(p);
	cr_expect_not(r.valid);
	c = find(&r, "signature");
	cr_assert_not_null(c);
	cr_expect_eq(c->result, VFY_FAIL);
	cr_expect(strstr(c->msg, "HS256") != NULL, "%s", c->msg);
	vfy_report_free(&r);
	/* A JWS whose payload is not JSON. */
	p = make_jws("{\"alg\":\"RS256\"}", "not json");
	expect_input_fail("payload", p, strlen(p));
	free(p);
}

Test(verify2, wrong_types)
{
	static const char *const docs[] = {
	    ("{\"@context\":\"https://w3id.org/openbadges/v2\","
	     "\"type\":\"Assertion\",\"id\":42,\"recipient\":\"bob\","
	     "\"badge\":[1],\"verification\":\"hosted\",\"issuedOn\":7}"),
	    ("{\"@context\":\"https://w3id.org/openbadges/v2\","
	     "\"type\":\"Assertion\",\"id\":\"https://example.org/a\","
	     "\"recipient\":{\"type\":\"email\",\"identity\":{},"
	     "\"hashed\":\"yes\"},\"badge\":{\"issuer\":5},"
	     "\"verification\":{\"type\":3},\"issuedOn\":\"yesterday\","
	     "\"expires\":[],\"image\":{},\"evidence\":7}"),
	    ("{\"@context\":\"https://w3id.org/openbadges/v2\","
	     "\"type\":\"BadgeClass\",\"id\":\"https://example.org/b\","
	     "\"name\":1,\"description\":null,\"image\":5,"
	     "\"criteria\":{},\"issuer\":[],\"alignment\":[{}],\"tags\":7,"
	     "\"endorsement\":[1,\"ftp://x\",{}]}"),
	    ("{\"@context\":\"https://w3id.org/openbadges/v2\","
	     "\"type\":[\"Issuer\",7],\"id\":\"https://example.org/i\","
	     "\"name\":[],\"url\":\"not a url\",\"email\":5,"
	     "\"verification\":7}"),
	    ("{\"@context\":7,\"type\":\"Assertion\"}"),
	    ("{\"@context\":[\"https://w3id.org/openbadges/"
	     "v2\",{\"@vocab\":5}],"
	     "\"type\":\"Assertion\"}"),
	    ("{}"),
	};
	struct vfy_opts o = online();
	struct vfy_report r;
	size_t i;

	for (i = 0; i < NELEM(docs); i++) {
		verify_text(docs[i], strlen(docs[i]), &o, &r);
		dump("wrong", &r);
		cr_expect_not(r.valid, "doc %zu accepted", i);
		cr_expect(has_result(&r, VFY_FAIL));
		vfy_report_free(&r);
	}
}

Test(verify2, fetch_budget_and_null_args)
{
	struct vfy_opts o = online();
	struct vfy_report r;

	vfy_report_init(&r);
	cr_expect_eq(ob2_verify(NULL, 0, &o, &r), ERR_INVAL);
	cr_expect_eq(ob2_verify("{}", 2, NULL, &r), ERR_INVAL);
	TF.calls = 0;
	{
		char *path = path_join(VT, "assertion-with-endorsements.json");

		verify_file(path, &o, &r);
		free(path);
	}
	cr_expect_leq(TF.calls, VFY_MAX_FETCHES);
	cr_expect(r.valid);
	vfy_report_free(&r);
}

/* ---- 4. recipient ---- */

static void
sha256_hex(const char *a, const char *b, char out[65], bool upper)
{
	unsigned char d[32];
	unsigned int n = 0, i;
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	EVP_DigestInit_ex(c, EVP_sha256(), NULL);
	EVP_DigestUpdate(c, a, strlen(a));
	EVP_DigestUpdate(c, b, strlen(b));
	EVP_DigestFinal_ex(c, d, &n);
	EVP_MD_CTX_free(c);
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, upper ? "%02X" : "%02x", d[i]);
}

static void
recipient_case(const char *identity, bool hashed, const char *salt,
    const char *email, enum vfy_result want)
{
	char doc[2048];
	struct vfy_opts o = offline();
	struct vfy_report r;
	const struct vfy_check *c;

	snprintf(doc, sizeof(doc),
	    "{\"@context\":\"https://w3id.org/openbadges/v2\","
	    "\"type\":\"Assertion\",\"id\":\"https://example.org/a.json\","
	    "\"recipient\":{\"type\":\"email\",\"hashed\":%s,%s%s%s"
	    "\"identity\":\"%s\"},"
	    "\"issuedOn\":\"2016-12-31T23:59:59Z\","
	    "\"verification\":{\"type\":\"hosted\"},"
	    "\"badge\":{\"type\":\"BadgeClass\","
	    "\"id\":\"https://example.org/b.json\",\"name\":\"B\","
	    "\"description\":\"D\",\"image\":\"https://example.org/b.png\","
	    "\"criteria\":{\"narrative\":\"Do it\"},"
	    "\"issuer\":{\"type\":\"Issuer\","
	    "\"id\":\"https://example.org/i.json\",\"name\":\"I\","
	    "\"url\":\"https://example.org\",\"email\":\"i@example.org\"}}}",
	    hashed ? "true" : "false", salt ? "\"salt\":\"" : "",
	    salt ? salt : "", salt ? "\"," : "", identity);
	o.email = email;
	verify_text(doc, strlen(doc), &o, &r);
	c = find(&r, "recipient");
	cr_assert_not_null(c, "%s", identity);
	cr_expect_eq(c->result, want, "%s vs %s: %s", identity, email, c->msg);
	if (want == VFY_PASS) {
		dump("recipient", &r);
		cr_expect(r.valid, "%s", identity);
		cr_expect_str_eq(r.sum.badge_name, "B");
		cr_expect_str_eq(r.sum.issuer_name, "I");
	} else {
		cr_expect_not(r.valid);
	}
	vfy_report_free(&r);
}

Test(verify2, recipient_hash)
{
	char hex[65], id[80];

	sha256_hex("alice@example.org", "s4lt", hex, false);
	snprintf(id, sizeof(id), "sha256$%s", hex);
	recipient_case(id, true, "s4lt", "alice@example.org", VFY_PASS);
	recipient_case(id, true, "s4lt", "Alice@Example.org", VFY_PASS);
	recipient_case(id, true, "s4lt", "bob@example.org", VFY_FAIL);
	recipient_case(id, true, "other", "alice@example.org", VFY_FAIL);
	sha256_hex("alice@example.org", "s4lt", hex, true);
	snprintf(id, sizeof(id), "sha256$%s", hex);
	recipient_case(id, true, "s4lt", "alice@example.org", VFY_PASS);
	/* No salt: hash of the address alone. */
	sha256_hex("alice@example.org", "", hex, false);
	snprintf(id, sizeof(id), "sha256$%s", hex);
	recipient_case(id, true, NULL, "alice@example.org", VFY_PASS);
	/* The OB 2.0 spec's own example hash (sha256 of "mayze"). */
	sha256_hex("mayze", "", hex, false);
	cr_expect(strncmp(hex, "7a1a1b3f", 8) == 0, "%s", hex);
	/* md5$, as the spec also allows. */
	recipient_case("md5$1d3a9d1c6a3d8a5d2d9f3a0c6b0c2b7e", true, "x",
	    "alice@example.org", VFY_FAIL);
	/* Plain identity, compared without regard to case. */
	recipient_case(
	    "Alice@Example.org", false, NULL, "alice@example.org", VFY_PASS);
	recipient_case(
	    "alice@example.org", false, NULL, "bob@example.org", VFY_FAIL);
}

Test(verify2, recipient_md5)
{
	unsigned char d[16];
	unsigned int n = 0, i;
	char id[64];
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	EVP_DigestInit_ex(c, EVP_md5(), NULL);
	EVP_DigestUpdate(c, "alice@example.orgpepper", 23);
	EVP_DigestFinal_ex(c, d, &n);
	EVP_MD_CTX_free(c);
	memcpy(id, "md5$", 4);
	for (i = 0; i < 16; i++)
		snprintf(id + 4 + 2 * i, 3, "%02x", d[i]);
	recipient_case(id, true, "pepper", "alice@example.org", VFY_PASS);
}

/* ---- hosted re-fetch and signature tampering ---- */

#define MEM_ID "https://example.org/mem/a.json"

static char *
hosted_doc(const char *extra)
{
	char *path = path_join(VT, "basic-assertion.json"), *p, *out;
	json_t *j = load_json_file(path), *x;

	free(path);
	cr_assert_not_null(j);
	json_object_set_new(j, "id", json_string(MEM_ID));
	if (extra != NULL) {
		x = json_loads(extra, 0, NULL);
		cr_assert_not_null(x);
		json_object_update(j, x);
		json_decref(x);
	}
	p = json_dumps(j, JSON_COMPACT);
	out = xstrndup(p, strlen(p));
	free(p);
	json_decref(j);
	return out;
}

Test(verify2, hosted_refetch)
{
	char *given = hosted_doc(NULL), *theirs;
	struct vfy_opts o = online();
	struct vfy_report r;
	const struct vfy_check *c;

	/* The issuer serves the same award: confirmed. */
	json_object_set_new(TF.mem, MEM_ID, json_string(given));
	verify_text(given, strlen(given), &o, &r);
	c = find(&r, "hosted");
	cr_assert_not_null(c);
	cr_expect_eq(c->result, VFY_PASS, "%s", c->msg);
	cr_expect(r.valid);
	vfy_report_free(&r);
	/* The issuer's copy differs: it is the one checked. */
	theirs = hosted_doc("{\"narrative\":\"The issuer's words\"}");
	json_object_set_new(TF.mem, MEM_ID, json_string(theirs));
	verify_text(given, strlen(given), &o, &r);
	c = find(&r, "hosted");
	cr_assert_not_null(c);
	cr_expect_eq(c->result, VFY_WARN, "%s", c->msg);
	cr_expect_str_eq(
	    json_string_value(json_object_get(r.document, "narrative")),
	    "The issuer's words");
	cr_expect(r.valid);
	vfy_report_free(&r);
	free(theirs);
	/* The issuer now says it is revoked. */
	theirs = hosted_doc(
	    "{\"revoked\":true,\"revocationReason\":\"Issued twice\"}");
	json_object_set_new(TF.mem, MEM_ID, json_string(theirs));
	verify_text(given, strlen(given), &o, &r);
	c = find(&r, "revocation");
	cr_assert_not_null(c);
	cr_expect_eq(c->result, VFY_FAIL);
	cr_expect(strstr(c->msg, "Issued twice") != NULL, "%s", c->msg);
	cr_expect_not(r.valid);
	vfy_report_free(&r);
	free(theirs);
	/* Given as a URL, the same document is fetched and checked. */
	json_object_set_new(TF.mem, MEM_ID, json_string(given));
	verify_text(MEM_ID, strlen(MEM_ID), &o, &r);
	dump("url", &r);
	cr_expect(r.valid);
	cr_expect_str_eq(r.sum.id, MEM_ID);
	cr_expect_str_eq(r.sum.badge_name, "Awesome Robotics Badge");
	vfy_report_free(&r);
	json_object_del(TF.mem, MEM_ID);
	free(given);
}

Test(verify2, tampered_signature)
{
	char *a = path_join(VT, "simple.jwt"),
	     *b = path_join(VT, "simple-not-revoked.jwt");
	char *ja = slurp(a, NULL), *jb = slurp(b, NULL), *t;
	const char *pa = strchr(ja, '.'), *pb = strchr(jb, '.');
	const char *sa = strrchr(ja, '.'), *sb = strrchr(jb, '.');
	struct vfy_opts o = online();
	struct vfy_report r;
	const struct vfy_check *c;
	size_t n;

	cr_assert(pa && pb && sa && sb);
	/* simple.jwt's header and signature around another payload. */
	n = strlen(ja) + strlen(jb) + 1;
	t = xmalloc(n);
	snprintf(
	    t, n, "%.*s%.*s%s", (int)(pa - ja), ja, (int)(sb - pb), pb, sa);
	verify_text(t, strlen(t), &o, &r);
	c = find(&r, "signature");
	cr_assert_not_null(c);
	cr_expect_eq(c->result, VFY_FAIL, "%s", c->msg);
	cr_expect_not(r.valid);
	vfy_report_free(&r);
	free(t);
	free(ja);
	free(jb);
	free(a);
	free(b);
}

/* ---- signed badges with a key made here ---- */

#include <openssl/pem.h>

#define S_ISSUER "https://example.org/mem/issuer.json"
#define S_BADGE "https://example.org/mem/badge.json"
#define S_KEY "https://example.org/mem/key.json"
#define S_LIST "https://example.org/mem/list.json"
#define S_ID "urn:uuid:2f1c0d6e-8d0a-4f57-9f0e-5b2d3c9a1e77"

static void
mem_put(const char *url, json_t *doc)
{
	char *s = json_dumps(doc, JSON_COMPACT);

	json_object_set_new(TF.mem, url, json_string(s));
	free(s);
	json_decref(doc);
}

static char *
pem_of(EVP_PKEY *k)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *p, *out;
	long n;

	cr_assert(PEM_write_bio_PUBKEY(b, k) == 1);
	n = BIO_get_mem_data(b, &p);
	out = xstrndup(p, (size_t)n);
	BIO_free(b);
	return out;
}

/* sign_jws returns the compact RS256 JWS of payload with key k. */
static char *
sign_jws(EVP_PKEY *k, const char *payload)
{
	char *h = b64url("{\"alg\":\"RS256\"}"), *p = b64url(payload), *in;
	unsigned char sig[512];
	size_t siglen = sizeof(sig), n;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	struct buf b;
	char *s, *out;

	n = strlen(h) + strlen(p) + 2;
	in = xmalloc(n);
	snprintf(in, n, "%s.%s", h, p);
	cr_assert(EVP_DigestSignInit(c, NULL, EVP_sha256(), NULL, k) == 1);
	cr_assert(EVP_DigestSign(
	              c, sig, &siglen, (unsigned char *)in, strlen(in)) == 1);
	EVP_MD_CTX_free(c);
	/* base64url of the binary signature */
	buf_init(&b, NULL, 4096);
	{
		static const char al[] =
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
		    "nopqrstuvwxyz0123456789-_";
		size_t i;
		unsigned v = 0;
		int bits = 0;

		for (i = 0; i < siglen; i++) {
			v = (v << 8) | sig[i];
			bits += 8;
			while (bits >= 6) {
				bits -= 6;
				buf_addc(&b, al[(v >> bits) & 63]);
			}
		}
		if (bits > 0)
			buf_addc(&b, al[(v << (6 - bits)) & 63]);
	}
	s = buf_detach(&b, NULL);
	n = strlen(in) + strlen(s) + 2;
	out = xmalloc(n);
	snprintf(out, n, "%s.%s", in, s);
	free(s);
	free(in);
	free(h);
	free(p);
	return out;
}

static void
signed_world(const char *pem, const char *owner, bool listed,
    json_t *key_revoked, json_t *revoked_list)
{
	mem_put(S_ISSUER,
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "@context",
	        "https://w3id.org/openbadges/v2", "type", "Issuer", "id",
	        S_ISSUER, "name", "Care Academy", "url", "https://example.org",
	        "email", "badges@example.org", "publicKey",
	        listed ? S_KEY : "https://example.org/mem/other-key.json",
	        "revocationList", S_LIST));
	mem_put(S_BADGE,
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "@context",
	        "https://w3id.org/openbadges/v2", "type", "BadgeClass", "id",
	        S_BADGE, "name", "Safe Moving and Handling", "description",
	        "Moves people safely.", "image",
	        "https://example.org/mem/badge.png", "criteria",
	        "https://example.org/mem/criteria.html", "issuer", S_ISSUER));
	mem_put(S_KEY,
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:o*}", "@context",
	        "https://w3id.org/openbadges/v2", "type", "CryptographicKey",
	        "id", S_KEY, "owner", owner, "publicKeyPem", pem, "revoked",
	        key_revoked));
	mem_put(S_LIST,
	    json_pack("{s:s, s:s, s:s, s:o}", "@context",
	        "https://w3id.org/openbadges/v2", "type", "RevocationList",
	        "id", S_LIST, "revokedAssertions",
	        revoked_list != NULL ? revoked_list : json_array()));
}

static void
signed_case(EVP_PKEY *k, const char *check, enum vfy_result want)
{
	json_t *a = json_pack("{s:s, s:s, s:s, s:{s:s, s:b, s:s, s:s}, s:s, "
	                      "s:s, s:{s:s, s:s}}",
	    "@context", "https://w3id.org/openbadges/v2", "type", "Assertion",
	    "id", S_ID, "recipient", "type", "email", "hashed", 0, "identity",
	    "carer@example.org", "salt", "", "issuedOn", "2024-01-02T03:04:05Z",
	    "badge", S_BADGE, "verification", "type", "SignedBadge", "creator",
	    S_KEY);
	char *payload = json_dumps(a, JSON_COMPACT),
	     *jws = sign_jws(k, payload);
	struct vfy_opts o = online();
	struct vfy_report r;
	const struct vfy_check *c;

	o.email = "Carer@example.org";
	verify_text(jws, strlen(jws), &o, &r);
	c = find(&r, check);
	cr_assert_not_null(c, "no %s check", check);
	cr_expect_eq(c->result, want, "%s: %s", check, c->msg);
	if (want == VFY_PASS) {
		dump("signed", &r);
		cr_expect(r.valid);
		cr_expect(r.sum.signed_);
		cr_expect_str_eq(r.sum.badge_name, "Safe Moving and Handling");
		cr_expect_str_eq(r.sum.issuer_name, "Care Academy");
		c = find(&r, "recipient");
		cr_assert_not_null(c);
		cr_expect_eq(c->result, VFY_PASS, "%s", c->msg);
	} else {
		cr_expect_not(r.valid);
	}
	vfy_report_free(&r);
	free(jws);
	free(payload);
	json_decref(a);
}

Test(verify2, signed_paths)
{
	EVP_PKEY *k = EVP_RSA_gen(2048), *other = EVP_RSA_gen(2048);
	char *pem, *pem2;

	cr_assert(k != NULL && other != NULL);
	pem = pem_of(k);
	pem2 = pem_of(other);
	signed_world(pem, S_ISSUER, true, NULL, NULL);
	signed_case(k, "signature", VFY_PASS);
	signed_case(k, "key", VFY_PASS);
	signed_case(k, "revocation", VFY_PASS);
	/* Signed with a key other than the one published. */
	signed_case(other, "signature", VFY_FAIL);
	/* The key says it belongs to someone else. */
	signed_world(pem, "https://evil.example/issuer.json", true, NULL, NULL);
	signed_case(k, "key", VFY_FAIL);
	/* The issuer does not list the key. */
	signed_world(pem, S_ISSUER, false, NULL, NULL);
	signed_case(k, "key", VFY_FAIL);
	/* The key was withdrawn. */
	signed_world(pem, S_ISSUER, true, json_true(), NULL);
	signed_case(k, "key", VFY_FAIL);
	/* The award is on the revocation list, as a string and as uid-less
	 * object with a reason. */
	signed_world(pem, S_ISSUER, true, NULL, json_pack("[s]", S_ID));
	signed_case(k, "revocation", VFY_FAIL);
	signed_world(pem, S_ISSUER, true, NULL,
	    json_pack("[{s:s, s:s}]", "id", S_ID, "revocationReason", "Error"));
	signed_case(k, "revocation", VFY_FAIL);
	/* The revocation list cannot be fetched: a signed badge fails. */
	signed_world(pem, S_ISSUER, true, NULL, NULL);
	json_object_del(TF.mem, S_LIST);
	signed_case(k, "revocation", VFY_FAIL);
	json_object_clear(TF.mem);
	free(pem);
	free(pem2);
	EVP_PKEY_free(k);
	EVP_PKEY_free(other);
}

Test(verify2, redefined_type)
{
	char *path = path_join(VT, "basic-assertion.json"), *s;
	json_t *j = load_json_file(path);
	struct vfy_opts o = online();
	struct vfy_report r;
	const struct vfy_check *c;

	cr_assert_not_null(j);
	json_object_set_new(j, "@context",
	    json_pack("[s, {s:s}]", "https://w3id.org/openbadges/v2",
	        "Assertion", "http://evil.example/NotAnAward"));
	s = json_dumps(j, JSON_COMPACT);
	verify_text(s, strlen(s), &o, &r);
	c = find(&r, "types");
	cr_assert_not_null(c);
	cr_expect_eq(c->result, VFY_FAIL, "%s", c->msg);
	cr_expect_not(r.valid);
	vfy_report_free(&r);
	free(s);
	json_decref(j);
	free(path);
}
