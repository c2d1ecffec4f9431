/*
 * fuzz_rdfc.c: the N-Quads parser and RDFC-1.0 on arbitrary bytes.
 *
 * Checks that canonicalization is idempotent: the canonical output parses
 * and canonicalizes to itself (blank-node labels are already canonical).
 */
#include "core/common.h"
#include "core/buf.h"
#include "ob/rdf.h"
#include "ob/rdfc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rdf_dataset ds, ds2;
	struct rdfc_opts ro = {NULL, 2000};
	struct ob_err e;
	struct buf out, out2;

	rdf_dataset_init(&ds, 2000);
	rdf_dataset_init(&ds2, 2000);
	buf_init(&out, NULL, 1 << 22);
	buf_init(&out2, NULL, 1 << 22);
	if (rdf_nquads_parse((const char *)data, size, &ds, &e) == 0 &&
	    rdfc_canonicalize(&ds, &ro, &out, NULL, &e) == 0) {
		if (rdf_nquads_parse(out.data, out.len, &ds2, &e) != 0)
			__builtin_trap();
		if (rdfc_canonicalize(&ds2, &ro, &out2, NULL, &e) == 0 &&
		    strcmp(out.data, out2.data) != 0)
			__builtin_trap();
	}
	buf_free(&out);
	buf_free(&out2);
	rdf_dataset_free(&ds);
	rdf_dataset_free(&ds2);
	return 0;
}
