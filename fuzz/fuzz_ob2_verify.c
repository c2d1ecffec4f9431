/*
 * fuzz_ob2_verify.c: libFuzzer target for the Open Badges 2.0 verifier
 * (src/ob/verify2.c) on hostile JSON, JWS and URL text. It runs offline:
 * the fetcher answers 404 to everything, and JSON-LD contexts come from
 * the embedded copies, so expansion and the type checks are exercised.
 */
#include "core/common.h"
#include "core/buf.h"
#include "ob/embedded.h"
#include "ob/verify.h"

static int
gone(void *ctx, const char *url, struct buf *body, long *status,
    char *final_url, size_t finalsz, char *why, size_t whysz)
{
	(void)ctx;
	(void)body;
	(void)why;
	(void)whysz;
	snprintf(final_url, finalsz, "%s", url);
	*status = 404;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct vfy_fetcher f = {gone, NULL};
	struct vfy_opts o;
	struct vfy_report r;

	memset(&o, 0, sizeof(o));
	o.fetch = &f;
	o.contexts = embedded_contexts();
	o.schemas = embedded_schemas();
	o.now = 1700000000;
	o.email = "alice@example.org";
	vfy_report_init(&r);
	if (ob2_verify((const char *)data, size, &o, &r) != 0)
		abort();
	vfy_report_free(&r);
	return 0;
}
