/*
 * h_ob3.c: Open Badges 3.0 documents (domain/ob3pub.h) at their stable
 * addresses under /ob/v3/: the issuer profile with its keys, each badge
 * version's Achievement, each award's credential (embedded
 * eddsa-rdfc-2022 proof) and its VC-JWT, the issuers' status lists. (The badge images baked with the credential,
 * badge.png?format=ob3 and badge.svg?format=ob3, are h_ob.c's, beside the
 * OB 2.0 ones.)
 *
 * Content types (REQUIREMENTS.md §4 "Document formats"): credentials and
 * status list credentials application/vc+ld+json (application/json when
 * that is all the client accepts), the VC-JWT text/plain, the profile
 * application/ld+json, the 1EdTech revocation list application/json. All
 * carry Access-Control-Allow-Origin: * as verifiers in browsers fetch them.
 * A revoked or suspended award's credential is still served (200): the
 * status lists say what it is.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/num.h"
#include "domain/ob3pub.h"
#include "web/handlers.h"
#include "web/server.h"

/* json_type: type, or application/json when the client accepts only it. */
static const char *
json_type(const struct req *r, const char *type)
{
	const char *acc = r->accept;

	if (acc != NULL && strstr(acc, "+json") == NULL &&
	    strstr(acc, "*/*") == NULL &&
	    strstr(acc, "application/json") != NULL)
		return "application/json";
	return type;
}

static int
answer(struct resp *rs, const char *type, const char *body)
{
	rs->status = 200;
	rs->content_type = type;
	resp_header(rs, "Access-Control-Allow-Origin", "*");
	resp_header(rs, "Cache-Control", "no-cache");
	resp_header(rs, "Vary", "Accept");
	buf_adds(&rs->body, body);
	return buf_err(&rs->body) ? ERR_TOOBIG : 0;
}

static int
missing(struct resp *rs, const char *what)
{
	resp_header(rs, "Access-Control-Allow-Origin", "*");
	return resp_error(rs, 404, what);
}

int
h_ob3_issuer(struct req *r, struct resp *rs)
{
	const char *json;
	int rc;

	rc = ob3pub_issuer(r->app, r->arena, r->path_params[0], &json);
	if (rc == ERR_NOTFOUND)
		return missing(rs, "There is no issuer at this address.");
	if (rc != 0)
		return rc;
	return answer(rs, json_type(r, "application/ld+json"), json);
}

int
h_ob3_achievement(struct req *r, struct resp *rs)
{
	const char *json, *v = r->path_params[1];
	int64_t version;
	int rc;

	if (num_parse(v, strlen(v), 1, INT32_MAX, &version) != 0)
		return missing(rs, "There is no achievement at this address.");
	rc = ob3pub_achievement(
	    r->app, r->arena, r->path_params[0], version, &json);
	if (rc == ERR_NOTFOUND)
		return missing(rs, "There is no achievement at this address.");
	if (rc != 0)
		return rc;
	return answer(rs, json_type(r, "application/ld+json"), json);
}

int
h_ob3_credential(struct req *r, struct resp *rs)
{
	struct ob3pub_credential cr;
	int rc;

	rc = ob3pub_credential(r->app, r->arena, r->path_params[0], &cr);
	if (rc == ERR_NOTFOUND)
		return missing(rs, "There is no award at this address.");
	if (rc != 0)
		return rc;
	return answer(rs, json_type(r, "application/vc+ld+json"), cr.json);
}

int
h_ob3_jwt(struct req *r, struct resp *rs)
{
	const char *jwt;
	int rc;

	rc = ob3pub_jwt(r->app, r->arena, r->path_params[0], &jwt);
	if (rc == ERR_NOTFOUND)
		return missing(rs, "There is no award at this address.");
	if (rc != 0)
		return rc;
	return answer(rs, "text/plain", jwt);
}

int
h_ob3_status(struct req *r, struct resp *rs)
{
	const char *issuer = r->path_params[0], *what = r->path_params[1];
	const char *json;
	int rc;

	if (strcmp(what, "revocation-list") == 0) {
		rc = ob3pub_revocation_list(r->app, r->arena, issuer, &json);
		if (rc == 0)
			return answer(
			    rs, json_type(r, "application/json"), json);
	} else {
		rc = ob3pub_status_list(r->app, r->arena, issuer, what, &json);
		if (rc == 0)
			return answer(
			    rs, json_type(r, "application/vc+ld+json"), json);
	}
	if (rc == ERR_NOTFOUND)
		return missing(rs, "There is no status list at this address.");
	return rc;
}
