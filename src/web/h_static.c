/*
 * h_static.c: static files from the in-memory store, with ETags; the
 * fingerprinted /assets/HASH/PATH form is cached for a year.
 */
#include "core/common.h"
#include "core/err.h"
#include "web/assets.h"
#include "web/handlers.h"
#include "web/server.h"

static bool
etag_matches(const char *inm, const char *etag)
{
	size_t n = strlen(etag);

	if (inm == NULL)
		return false;
	if (strcmp(inm, "*") == 0)
		return true;
	for (const char *p = inm; (p = strstr(p, etag)) != NULL; p += n)
		return true;
	return false;
}

static int
serve(struct req *r, struct resp *rs, const struct asset *as, bool immutable)
{
	rs->status = 200;
	rs->content_type = as->type;
	resp_header(rs, "ETag", as->etag);
	resp_header(rs, "Cache-Control",
	    immutable ? "public, max-age=31536000, immutable" : "no-cache");
	if (etag_matches(r->if_none_match, as->etag)) {
		rs->status = 304;
		rs->static_body = "";
		rs->static_len = 0;
		return 0;
	}
	rs->static_body = as->data;
	rs->static_len = as->len;
	return 0;
}

int
h_static(struct req *r, struct resp *rs)
{
	const struct asset *as =
	    assets_find(&r->site->assets, r->path_params[0]);

	if (as == NULL)
		return ERR_NOTFOUND;
	return serve(r, rs, as, false);
}

int
h_asset(struct req *r, struct resp *rs)
{
	const char *p = r->path_params[0], *slash = strchr(p, '/');
	const struct asset *as;

	if (slash == NULL || slash - p != 12)
		return ERR_NOTFOUND;
	as = assets_find(&r->site->assets, slash + 1);
	if (as == NULL || memcmp(as->hash, p, 12) != 0)
		return ERR_NOTFOUND;
	return serve(r, rs, as, true);
}
