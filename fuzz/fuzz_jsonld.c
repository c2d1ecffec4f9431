/*
 * fuzz_jsonld.c: JSON-LD expansion + toRdf + RDFC-1.0 on arbitrary JSON.
 *
 * The first byte picks safe mode; the rest is the JSON document. Contexts
 * come from data/contexts (run from the repo root), so the OB/VC contexts
 * are exercised; any other URL is "not found", as in production.
 */
#include "core/common.h"
#include "core/buf.h"
#include "ob/jsonld.h"
#include "ob/rdfc.h"

#include "../tests/unit/ob/ctxload.h"

static struct ctxload cl;
static bool cl_ok;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jsonld_loader ld = {ctxload_load, &cl};
	struct jsonld_opts o = {0};
	struct rdf_dataset ds;
	struct ob_err e;
	struct rdfc_opts ro = {NULL, 2000};
	struct buf out;
	json_error_t je;
	json_t *doc;

	if (!cl_ok)
		cl_ok = ctxload_init(&cl, "data/contexts");
	if (size < 1)
		return 0;
	o.safe = data[0] & 1;
	o.base = (data[0] & 2) ? "https://example.org/a/b?c#d" : NULL;
	o.max_nodes = 20000;
	doc = json_loadb((const char *)data + 1, size - 1,
	    JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
	if (doc == NULL)
		return 0;
	rdf_dataset_init(&ds, 5000);
	buf_init(&out, NULL, 1 << 22);
	if (jsonld_to_rdf(doc, &o, &ld, &ds, &e) == 0 &&
	    rdfc_canonicalize(&ds, &ro, &out, NULL, &e) == 0 &&
	    (out.len > 0 && out.data[out.len - 1] != '\n'))
		__builtin_trap();
	buf_free(&out);
	rdf_dataset_free(&ds);
	json_decref(doc);
	return 0;
}
