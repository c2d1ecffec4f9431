/*
 * h_ob.c: Open Badges 2.0 documents (domain/obpub.h) at their stable
 * addresses under /ob/v2/, the award's assertion by content negotiation on
 * /awards/{id}, the badge image baked with the assertion
 * (/awards/{id}/badge.png, /awards/{id}/badge.svg; with format=ob3 baked
 * with the OB 3.0 credential instead), and the issuers' signing keys (/ob/v2/keys/{id}, retired ones with their revoked date).
 *
 * Documents are application/ld+json, or application/json when that is all
 * the client accepts (REQUIREMENTS.md §1 "Publishing"), with
 * Access-Control-Allow-Origin: * as verifiers in browsers fetch them. They
 * are public whatever the award page's visibility (see obpub.h). A revoked
 * or suspended award's assertion answers 410 Gone with the revoked body.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/num.h"
#include "domain/ob3pub.h"
#include "domain/obpub.h"
#include "web/handlers.h"
#include "web/server.h"

static const char *
json_type(const struct req *r)
{
	const char *acc = r->accept;

	if (acc != NULL && strstr(acc, "application/ld+json") == NULL &&
	    strstr(acc, "*/*") == NULL &&
	    strstr(acc, "application/json") != NULL)
		return "application/json";
	return "application/ld+json";
}

/* answer sends json with status st. */
static int
answer(struct req *r, struct resp *rs, unsigned st, const char *json)
{
	rs->status = st;
	rs->content_type = json_type(r);
	resp_header(rs, "Access-Control-Allow-Origin", "*");
	resp_header(rs, "Cache-Control", "no-cache");
	resp_header(rs, "Vary", "Accept");
	buf_adds(&rs->body, json);
	return buf_err(&rs->body) ? ERR_TOOBIG : 0;
}

static int
missing(struct resp *rs, const char *what)
{
	resp_header(rs, "Access-Control-Allow-Origin", "*");
	return resp_error(rs, 404, what);
}

static int
version_param(const struct req *r, int64_t *v)
{
	const char *s = r->path_params[1];

	return num_parse(s, strlen(s), 1, INT32_MAX, v);
}

int
h_ob_issuer(struct req *r, struct resp *rs)
{
	const char *json;
	int rc;

	rc = obpub_issuer(r->app, r->arena, r->path_params[0], &json);
	if (rc == ERR_NOTFOUND)
		return missing(rs, "There is no issuer at this address.");
	if (rc != 0)
		return rc;
	return answer(r, rs, 200, json);
}

int
h_ob_badge(struct req *r, struct resp *rs)
{
	int64_t v;
	int rc;

	rc = obpub_badge_current(r->app, r->arena, r->path_params[0], &v);
	if (rc == ERR_NOTFOUND)
		return missing(rs, "There is no badge at this address.");
	if (rc != 0)
		return rc;
	resp_header(rs, "Access-Control-Allow-Origin", "*");
	return resp_redirect(rs,
	    arena_printf(r->arena, "/ob/v2/badges/%s/versions/%lld",
	        r->path_params[0], (long long)v));
}

int
h_ob_badge_version(struct req *r, struct resp *rs)
{
	const char *json;
	int64_t v;
	int rc;

	if (version_param(r, &v) != 0)
		return missing(rs, "There is no badge at this address.");
	rc = obpub_badge(r->app, r->arena, r->path_params[0], v, &json);
	if (rc == ERR_NOTFOUND)
		return missing(rs, "There is no badge at this address.");
	if (rc != 0)
		return rc;
	return answer(r, rs, 200, json);
}

int
h_ob_badge_image(struct req *r, struct resp *rs)
{
	const void *png;
	size_t len;
	int64_t v;
	int rc;

	if (version_param(r, &v) != 0)
		return missing(rs, "There is no badge image at this address.");
	rc = obpub_badge_image(
	    r->app, r->arena, r->path_params[0], v, &png, &len);
	if (rc == ERR_NOTFOUND)
		return missing(rs, "There is no badge image at this address.");
	if (rc != 0)
		return rc;
	rs->status = 200;
	rs->content_type = "image/png";
	resp_header(rs, "Access-Control-Allow-Origin", "*");
	resp_header(rs, "Cache-Control", "public, max-age=86400");
	buf_add(&rs->body, png, len);
	return buf_err(&rs->body) ? ERR_TOOBIG : 0;
}

int
h_ob_assertion(struct req *r, struct resp *rs)
{
	struct obpub_assertion as;
	int rc;

	rc = obpub_assertion(r->app, r->arena, r->path_params[0], &as);
	if (rc == ERR_NOTFOUND)
		return missing(rs, "There is no award at this address.");
	if (rc != 0)
		return rc;
	return answer(r, rs, as.revoked ? 410 : 200, as.json);
}

int
h_ob_key(struct req *r, struct resp *rs)
{
	const char *json;
	int rc;

	rc = obpub_key(r->app, r->arena, r->path_params[0], &json);
	if (rc == ERR_NOTFOUND)
		return missing(rs, "There is no key at this address.");
	if (rc != 0)
		return rc;
	return answer(r, rs, 200, json);
}

int
h_ob_revocations(struct req *r, struct resp *rs)
{
	const char *json;
	int rc;

	rc = obpub_revocations(r->app, r->arena, r->path_params[0], &json);
	if (rc == ERR_NOTFOUND)
		return missing(rs, "There is no issuer at this address.");
	if (rc != 0)
		return rc;
	return answer(r, rs, 200, json);
}

bool
ob_wants_assertion(const struct req *r)
{
	return r->accept != NULL &&
	    strstr(r->accept, "application/ld+json") != NULL &&
	    strstr(r->accept, "text/html") == NULL;
}

/*
 * baked answers the award's badge image in format want ("png" or "svg"),
 * baked with its OB 2.0 assertion, or with its OB 3.0 credential when ob3.
 */
static int
baked(struct req *r, struct resp *rs, const char *want, bool ob3)
{
	const void *bytes;
	const char *ext, *id = r->path_params[0];
	size_t len;
	int rc;

	rc = ob3 ? ob3pub_baked(r->app, r->arena, id, &bytes, &len, &ext)
	         : obpub_baked(r->app, r->arena, id, &bytes, &len, &ext);
	if (rc == ERR_NOTFOUND)
		return resp_error(
		    rs, 404, "There is no award at this address.");
	if (rc == ERR_CONFLICT)
		return resp_error(rs, 410,
		    "This award has been revoked or suspended: there is no "
		    "badge to download.");
	if (rc != 0)
		return rc;
	if (strcmp(ext, want) != 0)
		return resp_error(rs, 404,
		    arena_printf(r->arena,
		        "This badge's image is %s: download the baked badge at "
		        "badge.%s%s instead.",
		        strcmp(ext, "svg") == 0 ? "an SVG" : "a PNG", ext,
		        ob3 ? "?format=ob3" : ""));
	rs->status = 200;
	rs->content_type =
	    strcmp(ext, "svg") == 0 ? "image/svg+xml" : "image/png";
	resp_header(rs, "Access-Control-Allow-Origin", "*");
	resp_header(rs, "Cache-Control", "no-cache");
	resp_header(rs, "Content-Disposition",
	    arena_printf(r->arena, "inline; filename=\"badge-%s%s.%s\"", id,
	        ob3 ? "-ob3" : "", ext));
	if (strcmp(ext, "svg") == 0)
		resp_header(rs, "Content-Security-Policy",
		    "default-src 'none'; style-src 'unsafe-inline'; sandbox");
	buf_add(&rs->body, bytes, len);
	return buf_err(&rs->body) ? ERR_TOOBIG : 0;
}

static bool
wants_ob3(const struct req *r)
{
	const char *f = req_param(r, "format");

	return f != NULL && strcmp(f, "ob3") == 0;
}

int
h_award_badge_png(struct req *r, struct resp *rs)
{
	return baked(r, rs, "png", wants_ob3(r));
}

int
h_award_badge_svg(struct req *r, struct resp *rs)
{
	return baked(r, rs, "svg", wants_ob3(r));
}
