/*
 * router.h: the route table.
 *
 * Each route declares its method, path pattern, the parameters it accepts
 * (type and maximum length) and the policy that guards it. Path patterns
 * are literal segments and typed captures: "/badges/{id}" captures an id
 * (core/id.h), "{slug}" [a-z0-9-]{1,64}, "{int}" a decimal number,
 * "{path}" the rest of the path (static files).
 */
#ifndef LAUREL_ROUTER_H
#define LAUREL_ROUTER_H

#include "web/http.h"
#include "web/policy.h"

enum param_type {
	PARAM_TEXT,  /* any valid UTF-8 without control characters */
	PARAM_LINES, /* text that may contain newlines and tabs */
	PARAM_INT,   /* decimal, within min..max */
	PARAM_ID,    /* a public id */
	PARAM_ENUM,  /* one of choices, "|"-separated */
};

struct param_spec {
	const char *name;
	enum param_type type;
	size_t maxlen;
	int64_t min, max;    /* PARAM_INT */
	const char *choices; /* PARAM_ENUM */
};

#define ROUTE_MAX_PARAMS 12

struct route {
	enum http_method method; /* HTTP_GET also answers HEAD */
	const char *pattern;
	enum policy policy;
	int (*handler)(struct req *, struct resp *);
	struct param_spec params[ROUTE_MAX_PARAMS];
};

extern const struct route routes[];
extern const size_t nroutes;

enum route_match { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD };

/*
 * router_match finds the route for method and path, filling
 * r->path_params from the arena. A path that matches some route's pattern
 * but not its method gives ROUTE_BAD_METHOD (405).
 */
enum route_match router_match(
    struct req *r, const char *path, const struct route **out);

/*
 * router_allow returns the methods the route table accepts for path, as the
 * value of an Allow header ("GET, HEAD", "POST", "GET, HEAD, POST"), or
 * NULL when no route matches the path.
 */
const char *router_allow(const char *path);

/*
 * router_bind_param validates one raw parameter against the route's
 * declaration and stores it in r->params. Undeclared names are dropped
 * (returns 0). Returns ERR_INVAL with a message for a declared parameter
 * whose value is malformed, ERR_TOOBIG when it is too long.
 */
MUST_CHECK int router_bind_param(struct req *r, const char *name, size_t nlen,
    const char *value, size_t vlen, const char **msg);

#endif
