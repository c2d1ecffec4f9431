/*
 * policy.c: one decision function per kind of action (see policy.h).
 *
 * Decisions read the caller's session and, for organisations and issuers,
 * their current roles from the database on every request, so a role that
 * is taken away stops working at once.
 */
#include "core/common.h"
#include "domain/org.h"
#include "domain/session.h"
#include "web/http.h"
#include "web/policy.h"

static const char *
person(const struct req *r)
{
	return r->session ? r->session->person : NULL;
}

static bool
signed_in(const struct req *r)
{
	return r->session != NULL;
}

static bool
platform_admin(const struct req *r)
{
	return r->session != NULL && r->session->platform_admin;
}

static int
org_role(const struct req *r)
{
	if (!signed_in(r) || r->path_params[0] == NULL)
		return 0;
	return org_person_role(r->app, r->arena, r->path_params[0], person(r));
}

static int
issuer_role(const struct req *r)
{
	if (!signed_in(r) || r->path_params[0] == NULL)
		return 0;
	return issuer_person_role(
	    r->app, r->arena, r->path_params[0], person(r));
}

const char *
policy_name(enum policy p)
{
	switch (p) {
	case POLICY_NONE:
		return "none";
	case POLICY_PUBLIC:
		return "public";
	case POLICY_PUBLIC_API:
		return "public-api";
	case POLICY_SIGNED_IN:
		return "signed-in";
	case POLICY_PLATFORM_ADMIN:
		return "platform-admin";
	case POLICY_ORG_MEMBER:
		return "org-member";
	case POLICY_ORG_ADMIN:
		return "org-admin";
	case POLICY_ISSUER_STAFF:
		return "issuer-staff";
	case POLICY_ISSUER_ADMIN:
		return "issuer-admin";
	case POLICY__COUNT:
		break;
	}
	return "unknown";
}

bool
policy_allows(enum policy p, const struct req *r)
{
	switch (p) {
	case POLICY_NONE:
		return false;
	case POLICY_PUBLIC:
	case POLICY_PUBLIC_API:
		return true;
	case POLICY_SIGNED_IN:
		return signed_in(r);
	case POLICY_PLATFORM_ADMIN:
		return platform_admin(r);
	case POLICY_ORG_MEMBER:
		return org_role(r) != 0;
	case POLICY_ORG_ADMIN:
		return (org_role(r) & ORG_ADMIN) != 0;
	case POLICY_ISSUER_STAFF:
		return (issuer_role(r) & (ISSUER_ADMIN | ISSUER_ASSESSOR)) != 0;
	case POLICY_ISSUER_ADMIN:
		return (issuer_role(r) & ISSUER_ADMIN) != 0;
	case POLICY__COUNT:
		break;
	}
	return false;
}
