/*
 * test_bake_svg.c: SVG baking and extraction (src/ob/bake_svg.c).
 *
 * Images are the hand-written synthetic SVGs in tests/data/bake/ and inline
 * strings; payloads are the OB 3.0 baked payloads of the spec collection
 * ($LAUREL_SPEC_DIR, default ../shared/spec).
 */
#include <criterion/criterion.h>

#include "core/buf.h"
#include "core/err.h"
#include "ob/bake_svg.h"

#define DATA "tests/data/bake/"

static void
slurp(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	char tmp[4096];
	size_t n;

	cr_assert_not_null(
	    f, "cannot open %s (run tests from the repo root)", path);
	buf_init(b, NULL, 16 << 20);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(b, tmp, n);
	fclose(f);
}

static void
spec_file(const char *rel, struct buf *b)
{
	const char *dir = getenv("LAUREL_SPEC_DIR");
	char path[1024];
	FILE *f;

	if (dir == NULL || *dir == '\0')
		dir = "../shared/spec";
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "rb");
	cr_assert_not_null(f,
	    "spec data not found: %s (set LAUREL_SPEC_DIR to the spec folder)",
	    path);
	fclose(f);
	slurp(path, b);
}

struct got {
	struct buf verify, body;
	bool has_verify;
	char msg[200];
};

static int
unbake(const char *svg, size_t len, enum svg_ob v, struct got *g)
{
	buf_init(&g->verify, NULL, 1 << 20);
	buf_init(&g->body, NULL, 1 << 20);
	g->msg[0] = '\0';
	return svg_unbake(svg, len, v, &g->verify, &g->has_verify, &g->body,
	    g->msg, sizeof(g->msg));
}

static void
got_free(struct got *g)
{
	buf_free(&g->verify);
	buf_free(&g->body);
}

static int
bake(const struct buf *in, enum svg_ob v, const char *verify, const char *body,
    struct buf *out, char *msg)
{
	buf_init(out, NULL, 16 << 20);
	return svg_bake(in->data, in->len, v, verify,
	    verify ? strlen(verify) : 0, body, body ? strlen(body) : 0, out,
	    msg, 200);
}

Test(bake_svg, ob2_hosted_bake_round_trip)
{
	struct buf in, out, again;
	struct got g;
	char msg[200];
	const char *url = "https://example.org/a?x=1&y=\"2\"<>";
	const char *json = "{\"id\":\"https://example.org/a\",\"s\":\"]]>\"}";
	const char *p;

	slurp(DATA "plain.svg", &in);
	cr_assert_eq(bake(&in, SVG_OB2, url, json, &out, msg), 0, "%s", msg);
	/* Declaration on the root, element straight after its start tag. */
	p = strstr(out.data,
	    "viewBox=\"0 0 64 64\" "
	    "xmlns:openbadges=\"http://openbadges.org\">"
	    "<openbadges:assertion verify=\"");
	cr_assert_not_null(p, "%s", out.data);
	cr_assert_not_null(strstr(out.data,
	    "verify=\"https://example.org/"
	    "a?x=1&amp;y=&quot;2&quot;&lt;&gt;\""));
	cr_assert_not_null(strstr(out.data,
	    "<![CDATA[{\"id\":\"https://example.org/a\",\"s\":\"]]]]><![CDATA["
	    ">\"}]]></openbadges:assertion>"));
	/* The rest of the document is untouched. */
	cr_assert_not_null(strstr(out.data, "<title>Test &amp; badge</title>"));
	cr_assert_eq(unbake(out.data, out.len, SVG_OB2, &g), 0, "%s", g.msg);
	cr_assert(g.has_verify);
	cr_assert_str_eq(g.verify.data, url);
	cr_assert_str_eq(g.body.data, json);
	got_free(&g);
	/* Not an OB 3.0 badge. */
	cr_assert_eq(unbake(out.data, out.len, SVG_OB3, &g), ERR_NOTFOUND);
	cr_assert_not_null(strstr(g.msg, "no baked badge"));
	got_free(&g);
	/* Baking again: identical bytes; a new payload replaces. */
	cr_assert_eq(bake(&out, SVG_OB2, url, json, &again, msg), 0);
	cr_assert_str_eq(again.data, out.data);
	buf_free(&again);
	cr_assert_eq(bake(&out, SVG_OB2, "eyJ.eyJ.sig", NULL, &again, msg), 0);
	cr_assert_not_null(strstr(
	    again.data, "<openbadges:assertion verify=\"eyJ.eyJ.sig\"/>"));
	cr_assert_eq(unbake(again.data, again.len, SVG_OB2, &g), 0);
	cr_assert_str_eq(g.verify.data, "eyJ.eyJ.sig");
	cr_assert_eq(g.body.len, 0);
	got_free(&g);
	cr_assert_null(strstr(again.data, "example.org/a"));
	/* Exactly one declaration of the prefix. */
	p = strstr(again.data, "xmlns:openbadges");
	cr_assert_null(strstr(p + 1, "xmlns:openbadges"));
	buf_free(&again);
	buf_free(&out);
	buf_free(&in);
}

Test(bake_svg, ob3_spec_payloads_round_trip)
{
	struct buf in, jwt, json, out, out2;
	struct got g;
	char msg[200];

	slurp(DATA "plain.svg", &in);
	spec_file(
	    "vectors/baked-payloads/ob30_simple-jwt.svg.payload.jwt", &jwt);
	while (jwt.len && jwt.data[jwt.len - 1] == '\n')
		jwt.data[--jwt.len] = '\0';
	spec_file(
	    "vectors/baked-payloads/ob30_simple-json.svg.payload.json", &json);
	/* VC-JWT in verify, element not self-closing (as the spec shows). */
	cr_assert_eq(
	    bake(&in, SVG_OB3, jwt.data, NULL, &out, msg), 0, "%s", msg);
	cr_assert_not_null(strstr(out.data,
	    "xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">"
	    "<openbadges:credential verify=\"eyJ"));
	cr_assert_not_null(strstr(out.data, "\"></openbadges:credential>"));
	cr_assert_eq(unbake(out.data, out.len, SVG_OB3, &g), 0, "%s", g.msg);
	cr_assert(g.has_verify);
	cr_assert_eq(g.verify.len, jwt.len);
	cr_assert_str_eq(g.verify.data, jwt.data);
	got_free(&g);
	/* Embedded-proof JSON in CDATA replaces the JWT; byte-exact. */
	cr_assert_eq(bake(&out, SVG_OB3, NULL, json.data, &out2, msg), 0);
	cr_assert_eq(unbake(out2.data, out2.len, SVG_OB3, &g), 0, "%s", g.msg);
	cr_assert(!g.has_verify);
	cr_assert_eq(g.body.len, json.len);
	cr_assert_eq(memcmp(g.body.data, json.data, json.len), 0);
	cr_assert_null(strstr(out2.data, "verify="));
	got_free(&g);
	/* The OB 2.0 extractor does not see it. */
	cr_assert_eq(unbake(out2.data, out2.len, SVG_OB2, &g), ERR_NOTFOUND);
	got_free(&g);
	buf_free(&out2);
	buf_free(&out);
	buf_free(&jwt);
	buf_free(&json);
	buf_free(&in);
}

Test(bake_svg, other_prefixes_and_forms)
{
	struct buf in, out;
	struct got g;
	char msg[200];

	slurp(DATA "baked-ob2-prefix.svg", &in);
	cr_assert_eq(unbake(in.data, in.len, SVG_OB2, &g), 0, "%s", g.msg);
	cr_assert_str_eq(
	    g.verify.data, "https://example.org/assertions/123?a=1&b=2");
	/* CDATA with only whitespace around: exactly the CDATA contents. */
	cr_assert_str_eq(g.body.data,
	    "\n       {\"id\": \"https://example.org/assertions/123\", "
	    "\"type\": \"Assertion\"}\n    ");
	got_free(&g);
	/* Re-baking reuses the document's prefix and replaces the element. */
	cr_assert_eq(
	    bake(&in, SVG_OB2, "https://example.org/b", NULL, &out, msg), 0,
	    "%s", msg);
	cr_assert_null(strstr(out.data, "xmlns:openbadges"));
	cr_assert_not_null(strstr(out.data,
	    "viewBox=\"0 0 512 512\">"
	    "<ob:assertion verify=\"https://example.org/b\"/>"));
	cr_assert_null(strstr(out.data, "assertions/123"));
	cr_assert_not_null(strstr(out.data, "<rect width=\"10\""));
	cr_assert_eq(unbake(out.data, out.len, SVG_OB2, &g), 0, "%s", g.msg);
	got_free(&g);
	buf_free(&out);
	buf_free(&in);

	/* Default namespace, JWS as trimmed text content. */
	slurp(DATA "baked-ob3-jwt-text.svg", &in);
	cr_assert_eq(unbake(in.data, in.len, SVG_OB3, &g), 0, "%s", g.msg);
	cr_assert(!g.has_verify);
	cr_assert_str_eq(g.body.data, "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
	got_free(&g);
	cr_assert_eq(
	    bake(&in, SVG_OB3, "a.b.c", NULL, &out, msg), 0, "%s", msg);
	cr_assert_null(strstr(out.data, "<credential"));
	cr_assert_not_null(strstr(out.data, "<rect width=\"8\""));
	buf_free(&out);
	buf_free(&in);
}

Test(bake_svg, self_closing_root)
{
	struct buf in, out;
	struct got g;
	char msg[200];

	buf_init(&in, NULL, 1000);
	buf_adds(&in, "<svg xmlns='http://www.w3.org/2000/svg'/>\n");
	cr_assert_eq(bake(&in, SVG_OB2, "https://e.org/1", NULL, &out, msg), 0,
	    "%s", msg);
	cr_assert_str_eq(out.data,
	    "<svg xmlns='http://www.w3.org/2000/svg' "
	    "xmlns:openbadges=\"http://openbadges.org\">"
	    "<openbadges:assertion verify=\"https://e.org/1\"/></svg>\n");
	cr_assert_eq(unbake(out.data, out.len, SVG_OB2, &g), 0);
	got_free(&g);
	buf_free(&out);
	buf_free(&in);
}

static void
expect_bad(const char *svg, int want, const char *needle)
{
	struct got g;
	struct buf in, out;
	char msg[200] = "";

	cr_assert_eq(unbake(svg, strlen(svg), SVG_OB2, &g), want, "%s -> %s",
	    svg, g.msg);
	cr_assert_not_null(strstr(g.msg, needle), "%s -> \"%s\"", svg, g.msg);
	got_free(&g);
	if (want == ERR_NOTFOUND)
		return;
	buf_init(&in, NULL, 1 << 20);
	buf_adds(&in, svg);
	/* Problems inside the badge element do not stop baking, which
	 * replaces it. */
	if (strstr(needle, "exactly one") == NULL &&
	    strstr(needle, "another element") == NULL &&
	    strcmp(needle, "entity") != 0) {
		cr_assert_neq(bake(&in, SVG_OB2, "u", NULL, &out, msg), 0,
		    "bake accepted %s", svg);
		cr_assert_eq(out.len, 0);
		buf_free(&out);
	}
	buf_free(&in);
}

Test(bake_svg, rejects_malformed_and_hostile)
{
	struct buf in;
	struct got g;

	slurp(DATA "entities.svg", &in);
	cr_assert_eq(unbake(in.data, in.len, SVG_OB2, &g), ERR_INVAL);
	cr_assert_not_null(strstr(g.msg, "internal subset"), "%s", g.msg);
	got_free(&g);
	buf_free(&in);

	expect_bad("", ERR_INVAL, "not an SVG");
	expect_bad("<html/>", ERR_INVAL, "not an SVG");
	expect_bad("hello <svg/>", ERR_INVAL, "not an SVG");
	expect_bad("<svg><g></svg>", ERR_INVAL, "mismatched end tag");
	expect_bad("<svg><g>", ERR_INVAL, "truncated");
	expect_bad("<svg a='1' a='2'/>", ERR_INVAL, "repeats");
	expect_bad("<svg a='<'/>", ERR_INVAL, "malformed tag");
	expect_bad("<svg a=1/>", ERR_INVAL, "malformed tag");
	expect_bad("<svg><x:y/></svg>", ERR_INVAL, "undeclared namespace");
	expect_bad("<svg/><svg/>", ERR_INVAL, "after its root");
	expect_bad("<svg><!-- open", ERR_INVAL, "truncated");
	expect_bad("<svg><!ENTITY x 'y'></svg>", ERR_INVAL, "markup decl");
	expect_bad("<svg xmlns:o='http://openbadges.org'>"
	           "<o:assertion verify='&ext;'/></svg>",
	    ERR_INVAL, "entity");
	expect_bad("<svg xmlns:o='http://openbadges.org'>"
	           "<o:assertion>&#0;</o:assertion></svg>",
	    ERR_INVAL, "entity");
	expect_bad("<svg xmlns:o='http://openbadges.org'>"
	           "<o:assertion verify='a'/><o:assertion verify='b'/></svg>",
	    ERR_INVAL, "exactly one");
	expect_bad("<svg xmlns:o='http://openbadges.org'>"
	           "<o:assertion verify='a'><g/></o:assertion></svg>",
	    ERR_INVAL, "another element");
	/* Same local name, other namespace: not a badge. */
	expect_bad("<svg xmlns:o='http://example.org'>"
	           "<o:assertion verify='a'/></svg>",
	    ERR_NOTFOUND, "no baked badge");
	/* The prefix is scoped: a declaration on a sibling does not apply. */
	expect_bad("<svg><g xmlns:o='http://openbadges.org'/>"
	           "<o:assertion verify='a'/></svg>",
	    ERR_INVAL, "undeclared namespace");
}

Test(bake_svg, bake_refusals)
{
	struct buf in, out;
	char msg[200];

	buf_init(&in, NULL, 1000);
	buf_adds(&in, "<svg xmlns:openbadges='urn:other'/>");
	cr_assert_eq(bake(&in, SVG_OB2, "u", NULL, &out, msg), ERR_CONFLICT);
	cr_assert_not_null(strstr(msg, "another namespace"));
	buf_free(&out);
	buf_reset(&in);
	buf_adds(&in, "<svg/>");
	cr_assert_eq(bake(&in, SVG_OB2, NULL, NULL, &out, msg), ERR_INVAL);
	buf_free(&out);
	cr_assert_eq(bake(&in, SVG_OB2, "a\001b", NULL, &out, msg), ERR_INVAL);
	buf_free(&out);
	/* Output cap. */
	buf_init(&out, NULL, 10);
	cr_assert_eq(svg_bake(in.data, in.len, SVG_OB2, "u", 1, NULL, 0, &out,
	                 msg, sizeof(msg)),
	    ERR_TOOBIG);
	cr_assert_eq(out.len, 0);
	buf_free(&out);
	buf_free(&in);
}

Test(bake_svg, limits)
{
	struct buf in;
	struct got g;
	int i;

	buf_init(&in, NULL, 1 << 20);
	buf_adds(&in, "<svg>");
	for (i = 0; i < SVG_MAX_DEPTH + 1; i++)
		buf_adds(&in, "<g>");
	for (i = 0; i < SVG_MAX_DEPTH + 1; i++)
		buf_adds(&in, "</g>");
	buf_adds(&in, "</svg>");
	cr_assert_eq(unbake(in.data, in.len, SVG_OB2, &g), ERR_TOOBIG);
	cr_assert_not_null(strstr(g.msg, "deeper"));
	got_free(&g);
	buf_reset(&in);
	buf_adds(&in, "<svg");
	for (i = 0; i < SVG_MAX_ATTRS + 1; i++)
		buf_addf(&in, " a%d='1'", i);
	buf_adds(&in, "/>");
	cr_assert_eq(unbake(in.data, in.len, SVG_OB2, &g), ERR_TOOBIG);
	got_free(&g);
	buf_free(&in);
}

Test(bake_svg, every_truncation_fails_cleanly)
{
	struct buf in, out;
	struct got g;
	char msg[200];
	size_t n;
	int rc;

	slurp(DATA "plain.svg", &in);
	cr_assert_eq(
	    bake(&in, SVG_OB2, "https://e.org/1", "{\"a\":1}", &out, msg), 0);
	for (n = 0; n < out.len; n++) {
		rc = unbake(out.data, n, SVG_OB2, &g);
		/* Cut inside the trailing newline only: still complete. */
		cr_assert(rc == ERR_INVAL || (rc == 0 && n == out.len - 1),
		    "prefix %zu gave %d", n, rc);
		got_free(&g);
	}
	buf_free(&out);
	buf_free(&in);
}
