/*
 * fuzz_svg_extract.c: libFuzzer target for the SVG scanner
 * (src/ob/bake_svg.c): extraction for both versions, and, when baking
 * succeeds, the round trip unbake(bake(x)) and idempotence of baking.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/bake_svg.h"

static const char url[] = "https://example.org/a?b=1&c=\"<]]>\"";
static const char body[] = "{\"x\":\"]]>\"}";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct buf v, b, out, again;
	char msg[200];
	bool hv;
	int ver;

	for (ver = SVG_OB2; ver <= SVG_OB3; ver++) {
		buf_init(&v, NULL, 1 << 20);
		buf_init(&b, NULL, 1 << 20);
		(void)svg_unbake(
		    in, size, (enum svg_ob)ver, &v, &hv, &b, msg, sizeof(msg));
		buf_free(&v);
		buf_free(&b);
	}
	buf_init(&out, NULL, 8 << 20);
	if (svg_bake(in, size, SVG_OB2, url, sizeof(url) - 1, body,
	        sizeof(body) - 1, &out, msg, sizeof(msg)) == 0) {
		buf_init(&v, NULL, 1 << 20);
		buf_init(&b, NULL, 1 << 20);
		if (svg_unbake(out.data, out.len, SVG_OB2, &v, &hv, &b, msg,
		        sizeof(msg)) != 0 ||
		    !hv || strcmp(v.data, url) != 0 ||
		    strcmp(b.data, body) != 0)
			fatal("svg bake/unbake round trip failed: %s", msg);
		buf_free(&v);
		buf_free(&b);
		buf_init(&again, NULL, 8 << 20);
		if (svg_bake(out.data, out.len, SVG_OB2, url, sizeof(url) - 1,
		        body, sizeof(body) - 1, &again, msg,
		        sizeof(msg)) != 0 ||
		    again.len != out.len ||
		    memcmp(again.data, out.data, out.len) != 0)
			fatal("svg baking is not idempotent");
		buf_free(&again);
	}
	buf_free(&out);
	return 0;
}
