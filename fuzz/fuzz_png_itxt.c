/*
 * fuzz_png_itxt.c: libFuzzer target for the PNG chunk walker and the
 * iTXt/tEXt/zTXt readers (src/ob/bake_png.c).
 *
 * Besides not crashing, it checks the baking contract on every input the
 * walker accepts: unbake(bake(x, t)) == t, and baking is idempotent.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/bake_png.h"

static const char text[] = "{\"id\":\"https://example.org/a/1\"}";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out, t, again;
	char msg[200];
	int rc;

	buf_init(&t, NULL, 1 << 20);
	rc = png_unbake(data, size, PNG_KEYWORD_OB2, &t, msg, sizeof(msg));
	if (rc != 0 && t.len != 0)
		fatal("png_unbake left output on error");
	buf_free(&t);
	buf_init(&t, NULL, 1 << 20);
	(void)png_unbake(data, size, PNG_KEYWORD_OB3, &t, msg, sizeof(msg));
	buf_free(&t);

	buf_init(&out, NULL, 8 << 20);
	rc = png_bake(data, size, PNG_KEYWORD_OB3, text, sizeof(text) - 1, &out,
	    msg, sizeof(msg));
	if (rc == 0) {
		buf_init(&t, NULL, 1 << 20);
		if (png_unbake((const uint8_t *)out.data, out.len,
		        PNG_KEYWORD_OB3, &t, msg, sizeof(msg)) != 0 ||
		    t.len != sizeof(text) - 1 || memcmp(t.data, text, t.len))
			fatal("bake/unbake round trip failed: %s", msg);
		buf_free(&t);
		buf_init(&again, NULL, 8 << 20);
		if (png_bake((const uint8_t *)out.data, out.len,
		        PNG_KEYWORD_OB3, text, sizeof(text) - 1, &again, msg,
		        sizeof(msg)) != 0 ||
		    again.len != out.len ||
		    memcmp(again.data, out.data, out.len) != 0)
			fatal("baking is not idempotent");
		buf_free(&again);
	}
	buf_free(&out);
	return 0;
}
