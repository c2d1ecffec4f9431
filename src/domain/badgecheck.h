/*
 * badgecheck.h: one call that checks any badge a person gives Laurel (a
 * baked image, JSON, a JWS or a URL) with the verifiers in ob/, the
 * contexts and schemas compiled into Laurel, and a safe fetcher.
 * Shared by `laurel verify`, the /verify page, POST /api/verify and the
 * backpack.
 */
#ifndef LAUREL_BADGECHECK_H
#define LAUREL_BADGECHECK_H

#include "core/common.h"
#include "domain/fetch.h"
#include "ob/verify.h"

/*
 * badgecheck_run verifies in[0..len) as of now (Unix seconds), fetching
 * through f (NULL: offline, nothing is fetched), checking the recipient
 * against email when it is not NULL or empty. r is initialised here;
 * release it with vfy_report_free. Returns 0 when a report was made
 * (valid or not); a negative err only for a programming error.
 */
MUST_CHECK int badgecheck_run(struct fetcher *f, int64_t now, const uint8_t *in,
    size_t len, const char *email, struct vfy_report *r);

#endif
