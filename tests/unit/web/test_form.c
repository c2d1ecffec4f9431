/*
 * test_form.c: strict percent-decoding, forms and the router.
 */
#include <criterion/criterion.h>

#include "core/arena.h"
#include "core/err.h"
#include "web/form.h"
#include "web/router.h"

Test(form, decodes_pairs)
{
	struct arena *a = arena_new(1 << 20);
	struct form_pair p[8];
	size_t n;
	const char *s = "name=Ann+Smith&q=caf%C3%A9&empty=&flag&&x=%2B";

	cr_assert_eq(form_parse(a, s, strlen(s), p, 8, &n), 0);
	cr_assert_eq(n, 5);
	cr_assert_str_eq(p[0].value, "Ann Smith");
	cr_assert_str_eq(p[1].value, "caf\xc3\xa9");
	cr_assert_str_eq(p[2].value, "");
	cr_assert_str_eq(p[3].name, "flag");
	cr_assert_str_eq(p[4].value, "+");
	arena_free(a);
}

Test(form, rejects_bad_input)
{
	struct arena *a = arena_new(1 << 20);
	struct form_pair p[2];
	size_t n;
	char *out;
	size_t ol;
	static const char *const bad[] = {"%", "%4", "%zz", "a=%00", "a=%ff%fe",
	    "a=%c3%28", "a=%e0%80%80", "a=%ed%a0%80"};

	for (size_t i = 0; i < NELEM(bad); i++)
		cr_assert_eq(form_parse(a, bad[i], strlen(bad[i]), p, 2, &n),
		    ERR_INVAL, "%s", bad[i]);
	cr_assert_eq(form_parse(a, "a&b&c", 5, p, 2, &n), ERR_TOOBIG);
	cr_assert_eq(url_decode(a, "/a+b%20c", 8, false, &out, &ol), 0);
	cr_assert_str_eq(out, "/a+b c");
	cr_assert_eq(url_decode(a, "a\0b", 3, false, &out, &ol), ERR_INVAL);
	arena_free(a);
}

static struct req *
new_req(struct arena *a, enum http_method m)
{
	struct req *r = arena_alloc(a, sizeof(*r));

	r->arena = a;
	r->method = m;
	return r;
}

Test(router, matches_and_captures)
{
	struct arena *a = arena_new(1 << 20);
	struct req *r = new_req(a, HTTP_GET);
	const struct route *rt;

	cr_assert_eq(router_match(r, "/badges/AAAAAAAAAAAAAAAAAAAAAA", &rt),
	    ROUTE_FOUND);
	cr_assert_str_eq(r->path_params[0], "AAAAAAAAAAAAAAAAAAAAAA");
	cr_assert_eq(router_match(r, "/badges/short", &rt), ROUTE_NOT_FOUND);
	cr_assert_eq(router_match(r, "/badges/AAAAAAAAAAAAAAAAAAAAAA/x", &rt),
	    ROUTE_NOT_FOUND);
	cr_assert_eq(router_match(r, "/nowhere", &rt), ROUTE_NOT_FOUND);
	r->method = HTTP_HEAD;
	cr_assert_eq(router_match(r, "/badges", &rt), ROUTE_FOUND);
	r->method = HTTP_POST;
	cr_assert_eq(router_match(r, "/badges", &rt), ROUTE_BAD_METHOD);
	arena_free(a);
}

Test(router, binds_only_declared_valid_params)
{
	struct arena *a = arena_new(1 << 20);
	struct req *r = new_req(a, HTTP_GET);
	const struct route *rt;
	const char *msg;

	cr_assert_eq(router_match(r, "/badges", &rt), ROUTE_FOUND);
	r->route = rt;
	cr_assert_eq(router_bind_param(r, "junk", 4, "x", 1, &msg), 0);
	cr_assert_null(req_param(r, "junk"));
	cr_assert_eq(router_bind_param(r, "page", 4, "0", 1, &msg), ERR_INVAL);
	cr_assert_eq(
	    router_bind_param(r, "page", 4, "abc", 3, &msg), ERR_INVAL);
	cr_assert_eq(
	    router_bind_param(r, "page", 4, "1234567", 7, &msg), ERR_TOOBIG);
	cr_assert_eq(router_bind_param(r, "page", 4, "2", 1, &msg), 0);
	cr_assert_str_eq(req_param(r, "page"), "2");
	cr_assert_eq(router_bind_param(r, "page", 4, "3", 1, &msg), ERR_INVAL);
	arena_free(a);
}

Test(router, every_route_is_well_formed)
{
	for (size_t i = 0; i < nroutes; i++) {
		cr_assert_not_null(routes[i].handler, "%s", routes[i].pattern);
		cr_assert_eq(
		    routes[i].pattern[0], '/', "%s", routes[i].pattern);
		cr_assert_str_neq(policy_name(routes[i].policy), "unknown",
		    "%s has no policy", routes[i].pattern);
		for (size_t k = 0;
		     k < ROUTE_MAX_PARAMS && routes[i].params[k].name; k++)
			cr_assert(routes[i].params[k].maxlen > 0, "%s %s",
			    routes[i].pattern, routes[i].params[k].name);
	}
}
