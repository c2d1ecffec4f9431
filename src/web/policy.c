/*
 * policy.c: one decision function per kind of action (see policy.h).
 */
#include "core/common.h"
#include "web/policy.h"

const char *
policy_name(enum policy p)
{
	switch (p) {
	case POLICY_PUBLIC:
		return "public";
	}
	return "unknown";
}

bool
policy_allows(enum policy p, const struct req *r)
{
	(void)r;
	switch (p) {
	case POLICY_PUBLIC:
		return true;
	}
	return false;
}
