/*
 * fuzz_ob3_verify.c: libFuzzer target for the Open Badges 3.0 verifier
 * (src/ob/verify3.c) on arbitrary input: JSON credentials, VC-JWTs and
 * anything else. Offline: there is no fetcher (every download fails), and
 * contexts and schemas come from the copies compiled into the binary, as
 * in production. Corpus: fuzz/corpus/ob3_verify/ (validator fixtures).
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/embedded.h"
#include "ob/verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vfy_opts o = {NULL, NULL, NULL, 1767225600, NULL};
	struct vfy_report r;

	o.contexts = embedded_contexts();
	o.schemas = embedded_schemas();
	o.email = (size & 1) ? "conformance@imsglobal.org" : NULL;
	vfy_report_init(&r);
	if (ob3_verify((const char *)data, size, &o, &r) != 0)
		abort(); /* only a programming error may return non-zero */
	vfy_report_free(&r);
	return 0;
}
