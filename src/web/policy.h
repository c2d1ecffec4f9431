/*
 * policy.h: who may call a route. One policy per kind of action; every
 * route names one, and a test checks each route against each kind of
 * caller.
 */
#ifndef LAUREL_POLICY_H
#define LAUREL_POLICY_H

#include "core/common.h"

enum policy {
	POLICY_PUBLIC, /* anyone, signed in or not */
};

struct req;

/* policy_name names p for logs and the route test. */
const char *policy_name(enum policy p);
/* policy_allows decides whether the caller of r may use a route with p. */
bool policy_allows(enum policy p, const struct req *r);

#endif
