/*
 * badgecheck.c: wires the verifiers to the embedded contexts and schemas
 * (ob/embedded.h) and to a fetcher (domain/fetch.h).
 */
#include "core/common.h"
#include "domain/badgecheck.h"
#include "ob/embedded.h"

int
badgecheck_run(struct fetcher *f, int64_t now, const uint8_t *in, size_t len,
    const char *email, struct vfy_report *r)
{
	struct vfy_opts o = {0};

	vfy_report_init(r);
	o.fetch = f != NULL ? &f->vf : NULL;
	o.contexts = embedded_contexts();
	o.schemas = embedded_schemas();
	o.now = now;
	o.email = email != NULL && *email != '\0' ? email : NULL;
	return vfy_any(in, len, &o, r);
}
