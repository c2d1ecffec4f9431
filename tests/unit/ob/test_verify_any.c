/*
 * test_verify_any.c: vfy_any works out what it was given -- a baked PNG
 * or SVG (2.0 or 3.0), JSON, a JWS, nothing, too much -- and hands it to
 * the right verifier; and the report's JSON form. Offline: the Open
 * Badges 3.0 fixture used verifies without the network, and the 2.0 one
 * is only checked for being recognised.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/bake_png.h"
#include "ob/bake_svg.h"
#include "ob/embedded.h"
#include "ob/verify.h"

#include <criterion/criterion.h>
#include <time.h>

#include "ctxload.h"

static const uint8_t tiny_png[] =
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00"
    "\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90\x77\x53\xde\x00"
    "\x00\x00\x0c\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\xc0\x00\x00\x03\x01"
    "\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60"
    "\x82";
static const char tiny_svg[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\">"
    "<rect width=\"1\" height=\"1\"/></svg>";

static struct vfy_opts opts;

static void
setup(void)
{
	memset(&opts, 0, sizeof(opts));
	opts.contexts = embedded_contexts();
	opts.schemas = embedded_schemas();
	opts.now = (int64_t)time(NULL);
}

TestSuite(verify_any, .init = setup);

static char *
fixture(const char *rel, size_t *len)
{
	char path[1024];
	char *p;

	snprintf(path, sizeof(path), "%s/%s", spec_dir(), rel);
	p = slurp(path, len);
	cr_assert_not_null(p, "cannot read %s", path);
	return p;
}

static const struct vfy_check *
find(const struct vfy_report *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->checks[i].name, name) == 0)
			return &r->checks[i];
	return NULL;
}

static void
expect_input_failure(const uint8_t *in, size_t len, const char *words)
{
	struct vfy_report r;
	const struct vfy_check *c;

	vfy_report_init(&r);
	cr_assert_eq(vfy_any(in, len, &opts, &r), 0);
	cr_expect(!r.valid);
	c = find(&r, "input");
	cr_assert_not_null(c, "no input check");
	cr_expect_eq(c->result, VFY_FAIL);
	cr_expect(strstr(c->msg, words) != NULL, "%s", c->msg);
	vfy_report_free(&r);
}

Test(verify_any, nothing_and_unbaked_images)
{
	expect_input_failure((const uint8_t *)"", 0, "Nothing was given");
	expect_input_failure((const uint8_t *)" \n\t ", 4, "Nothing was given");
	expect_input_failure(tiny_png, sizeof(tiny_png) - 1, "no Open Badges");
	expect_input_failure(
	    (const uint8_t *)tiny_svg, strlen(tiny_svg), "no Open Badges");
	expect_input_failure(tiny_png, 20, "could not be read");
}

Test(verify_any, too_large)
{
	size_t n = VFY_MAX_INPUT + 1;
	uint8_t *p = xmalloc(n);

	memset(p, '{', n);
	expect_input_failure(p, n, "too large");
	free(p);
}

Test(verify_any, ob3_json_png_and_svg)
{
	struct vfy_report r;
	struct buf png, svg;
	size_t len;
	char *cred = fixture("ob3/validator-tests/simple.json", &len), msg[160];
	json_t *j;

	/* As JSON. */
	vfy_report_init(&r);
	cr_assert_eq(vfy_any((const uint8_t *)cred, len, &opts, &r), 0);
	cr_expect_eq(r.version, 3);
	cr_expect_eq(r.kind, VFY_KIND_CREDENTIAL);
	cr_expect(r.valid, "simple.json verifies offline");
	j = vfy_report_json(&r);
	cr_expect(json_is_true(json_object_get(j, "valid")));
	cr_expect_str_eq(
	    json_string_value(json_object_get(j, "version")), "3.0");
	cr_expect(json_array_size(json_object_get(j, "checks")) == r.n);
	cr_expect(json_is_object(json_object_get(j, "document")));
	json_decref(j);
	vfy_report_free(&r);
	/* Baked in a PNG. */
	buf_init(&png, NULL, 1 << 22);
	cr_assert_eq(png_bake(tiny_png, sizeof(tiny_png) - 1, PNG_KEYWORD_OB3,
	                 cred, len, &png, msg, sizeof(msg)),
	    0, "%s", msg);
	vfy_report_init(&r);
	cr_assert_eq(vfy_any((const uint8_t *)png.data, png.len, &opts, &r), 0);
	cr_expect_eq(r.version, 3);
	cr_expect(r.valid);
	cr_assert_not_null(r.baked);
	cr_expect_eq(strlen(r.baked), len);
	cr_expect(memcmp(r.baked, cred, len) == 0, "the baked text is kept");
	vfy_report_free(&r);
	/* Baked in an SVG. */
	buf_init(&svg, NULL, 1 << 22);
	cr_assert_eq(svg_bake(tiny_svg, strlen(tiny_svg), SVG_OB3, NULL, 0,
	                 cred, len, &svg, msg, sizeof(msg)),
	    0, "%s", msg);
	vfy_report_init(&r);
	cr_assert_eq(vfy_any((const uint8_t *)svg.data, svg.len, &opts, &r), 0);
	cr_expect_eq(r.version, 3);
	cr_expect(r.valid);
	vfy_report_free(&r);
	buf_free(&png);
	buf_free(&svg);
	free(cred);
}

Test(verify_any, ob2_json_and_png_go_to_the_2_0_verifier)
{
	struct vfy_report r;
	struct buf png;
	size_t len;
	char *as = fixture("ob2/validator-tests/basic-assertion.json", &len);
	char msg[160];

	vfy_report_init(&r);
	cr_assert_eq(vfy_any((const uint8_t *)as, len, &opts, &r), 0);
	cr_expect_eq(r.version, 2);
	cr_expect_eq(r.kind, VFY_KIND_ASSERTION);
	cr_expect(!r.valid, "offline, the badge class cannot be fetched");
	vfy_report_free(&r);
	buf_init(&png, NULL, 1 << 22);
	cr_assert_eq(png_bake(tiny_png, sizeof(tiny_png) - 1, PNG_KEYWORD_OB2,
	                 as, len, &png, msg, sizeof(msg)),
	    0, "%s", msg);
	vfy_report_init(&r);
	cr_assert_eq(vfy_any((const uint8_t *)png.data, png.len, &opts, &r), 0);
	cr_expect_eq(r.version, 2);
	cr_expect_eq(r.kind, VFY_KIND_ASSERTION);
	vfy_report_free(&r);
	buf_free(&png);
	free(as);
}
