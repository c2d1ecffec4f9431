/*
 * policy.h: who may call a route. One decision function per kind of
 * action; every route names one, and tests/unit/web/test_policy.c checks
 * every route against every kind of caller.
 *
 * Policies about an organisation or issuer read its id from the route's
 * first path parameter ("/organisations/{id}/...", "/issuers/{id}/...").
 */
#ifndef LAUREL_POLICY_H
#define LAUREL_POLICY_H

#include "core/common.h"

enum policy {
	POLICY_NONE,           /* not set: denies everyone; a test rejects it */
	POLICY_PUBLIC,         /* anyone, signed in or not */
	POLICY_SIGNED_IN,      /* any signed-in person, about themselves */
	POLICY_PLATFORM_ADMIN, /* platform admins */
	POLICY_ORG_MEMBER,     /* current members of the organisation */
	POLICY_ORG_ADMIN,      /* its organisation admins */
	POLICY_ISSUER_STAFF,   /* the issuer's admins and assessors */
	POLICY_ISSUER_ADMIN,   /* the issuer's admins */
	/* anyone; a stateless API: no cookies read, so no session and no
	 * CSRF token (it must change nothing) */
	POLICY_PUBLIC_API,
	POLICY__COUNT
};

struct req;

/* policy_name names p for logs and the route test. */
const char *policy_name(enum policy p);
/* policy_allows decides whether the caller of r may use a route with p. */
bool policy_allows(enum policy p, const struct req *r);

#endif
