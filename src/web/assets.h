/*
 * assets.h: static files, loaded into memory at start-up.
 *
 * Every file under the static directory (Laurel's own CSS and JavaScript,
 * and the Scottish Government Design System's built files copied under
 * vendor/sgds/ by the Makefile) is read once, hashed with SHA-256 and kept
 * for the life of the server. Requests never touch the file system, so no
 * path can escape the directory. Each asset is served two ways:
 *   /static/PATH          ETag, revalidated (Cache-Control: no-cache)
 *   /assets/HASH/PATH     fingerprinted, cached for a year (immutable)
 */
#ifndef LAUREL_ASSETS_H
#define LAUREL_ASSETS_H

#include "core/common.h"

struct asset {
	char *path; /* relative, '/'-separated */
	unsigned char *data;
	size_t len;
	char etag[24];    /* "\"" + 16 hex + "\"" */
	char hash[13];    /* 12 hex digits */
	char *url;        /* "/assets/HASH/PATH" */
	const char *type; /* Content-Type */
};

struct assets {
	struct asset *v;
	size_t n;
};

/*
 * assets_load reads dir recursively (at most 4000 files, 16 MiB each,
 * 128 MiB in all). Returns 0 or ERR_IO / ERR_TOOBIG with msg set.
 */
MUST_CHECK int assets_load(
    const char *dir, struct assets *out, char *msg, size_t msglen);
void assets_free(struct assets *a);
/* assets_find returns the asset at path or NULL. */
const struct asset *assets_find(const struct assets *a, const char *path);
/*
 * assets_url returns the fingerprinted URL of path, or "/static/PATH" in
 * the arena-less fallback when it is missing (a missing asset is logged).
 */
const char *assets_url(const struct assets *a, const char *path);

#endif
