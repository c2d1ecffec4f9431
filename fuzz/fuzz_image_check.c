/*
 * fuzz_image_check.c: libFuzzer target for image_check
 * (src/domain/image.c): sniffing, PNG decoding and re-encoding with libpng,
 * and SVG sanitising.
 *
 * Besides not crashing, it checks that every rejection carries a message
 * and no output, and that every accepted image's output is accepted again
 * unchanged, with the same kind and dimensions.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/image.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new(64u << 20);
	struct image_out out, again;
	const char *msg;
	int rc;

	rc = image_check(a, data, size, &out, &msg);
	if (rc != 0) {
		if (msg == NULL || *msg == '\0' || out.data != NULL)
			fatal("rejection without a message, or with output");
		if (rc != ERR_INVAL && rc != ERR_TOOBIG)
			fatal("unexpected rc %d", rc);
	} else {
		if (out.kind == IMAGE_PNG &&
		    (out.width < IMAGE_PNG_MIN_DIM ||
		        out.width > IMAGE_PNG_MAX_DIM ||
		        out.height < IMAGE_PNG_MIN_DIM ||
		        out.height > IMAGE_PNG_MAX_DIM))
			fatal("PNG dimensions out of range");
		if (out.len == 0 || out.len > IMAGE_MAX_BYTES)
			fatal("bad output length");
		rc = image_check(a, out.data, out.len, &again, &msg);
		if (rc != 0)
			fatal("cleaned image rejected: %s", msg);
		if (again.kind != out.kind || again.width != out.width ||
		    again.height != out.height || again.len != out.len ||
		    memcmp(again.data, out.data, out.len) != 0)
			fatal("cleaning is not idempotent");
	}
	arena_free(a);
	return 0;
}
