/*
 * test_fetch.c: the fetcher's refusals, without a network: which
 * addresses are public, which URLs may be fetched at all, the prefix
 * maps both ways, and the per-verification count (domain/fetch.c is
 * included to reach its static helpers). Real fetches over loopback are
 * in tests/integration/test_verify.c.
 */
#include "domain/fetch.c"

#include <criterion/criterion.h>

static bool
v4(const char *a, bool loop)
{
	struct sockaddr_in s;

	memset(&s, 0, sizeof(s));
	s.sin_family = AF_INET;
	cr_assert_eq(inet_pton(AF_INET, a, &s.sin_addr), 1, "%s", a);
	return fetch_addr_is_public(&s, loop);
}

static bool
v6(const char *a, bool loop)
{
	struct sockaddr_in6 s;

	memset(&s, 0, sizeof(s));
	s.sin6_family = AF_INET6;
	cr_assert_eq(inet_pton(AF_INET6, a, &s.sin6_addr), 1, "%s", a);
	return fetch_addr_is_public(&s, loop);
}

Test(fetch, private_addresses_are_refused)
{
	static const char *const no[] = {"0.0.0.0", "10.0.0.1", "100.64.0.1",
	    "100.127.255.254", "127.0.0.1", "169.254.169.254", "172.16.0.1",
	    "172.31.255.255", "192.168.1.1", "192.0.0.8", "198.18.0.1",
	    "224.0.0.1", "240.0.0.1", "255.255.255.255"};
	static const char *const yes[] = {"8.8.8.8", "1.1.1.1", "172.15.0.1",
	    "172.32.0.1", "100.63.255.255", "100.128.0.1", "192.169.0.1",
	    "198.20.0.1", "223.255.255.254"};

	for (size_t i = 0; i < NELEM(no); i++)
		cr_expect(!v4(no[i], false), "%s should be refused", no[i]);
	for (size_t i = 0; i < NELEM(yes); i++)
		cr_expect(v4(yes[i], false), "%s should be allowed", yes[i]);
	cr_expect(!v6("::1", false));
	cr_expect(!v6("::", false));
	cr_expect(!v6("fd00::1", false));
	cr_expect(!v6("fe80::1", false));
	cr_expect(!v6("ff02::1", false));
	cr_expect(!v6("2001:db8::1", false));
	cr_expect(!v6("::ffff:10.0.0.1", false), "a v4-mapped private one");
	cr_expect(!v6("::ffff:127.0.0.1", false));
	cr_expect(v6("::ffff:8.8.8.8", false));
	cr_expect(v6("2a00:1450:4009:81f::200e", false));
	/* The test switch lets loopback through, nothing else. */
	cr_expect(v4("127.0.0.1", true));
	cr_expect(v6("::1", true));
	cr_expect(!v4("10.0.0.1", true));
	cr_expect(!v4("192.168.0.1", true));
}

Test(fetch, only_https_unless_loopback_for_tests)
{
	struct fetcher f;
	char why[256];

	fetcher_init(&f, false);
	cr_expect_eq(
	    check_url(&f, "https://example.org/a", why, sizeof(why)), 0);
	cr_expect_eq(check_url(&f, "http://example.org/a", why, sizeof(why)),
	    ERR_FORBIDDEN);
	cr_expect(strstr(why, "https") != NULL, "%s", why);
	cr_expect_eq(check_url(&f, "http://127.0.0.1:9/a", why, sizeof(why)),
	    ERR_FORBIDDEN);
	cr_expect_eq(check_url(&f, "ftp://example.org/a", why, sizeof(why)),
	    ERR_FORBIDDEN);
	cr_expect_eq(check_url(&f, "file:///etc/passwd", why, sizeof(why)),
	    ERR_FORBIDDEN);
	cr_expect_eq(
	    check_url(&f, "not a url", why, sizeof(why)), ERR_FORBIDDEN);
	fetcher_init(&f, true);
	cr_expect_eq(
	    check_url(&f, "http://127.0.0.1:9/a", why, sizeof(why)), 0);
	cr_expect_eq(
	    check_url(&f, "http://localhost:9/a", why, sizeof(why)), 0);
	cr_expect_eq(check_url(&f, "http://example.org/a", why, sizeof(why)),
	    ERR_FORBIDDEN, "plain http elsewhere stays refused");
}

Test(fetch, maps_rewrite_both_ways)
{
	struct fetcher f;
	char out[256];

	fetcher_init(&f, true);
	cr_assert_eq(
	    fetcher_add_map(&f, "https://example.org/", "http://127.0.0.1:9/"),
	    0);
	cr_expect(map_url(
	    &f, "https://example.org/a/b.json", false, out, sizeof(out)));
	cr_expect_str_eq(out, "http://127.0.0.1:9/a/b.json");
	cr_expect(map_url(&f, "http://127.0.0.1:9/c", true, out, sizeof(out)));
	cr_expect_str_eq(out, "https://example.org/c");
	cr_expect(map_url(&f, "https://other.org/x", false, out, sizeof(out)));
	cr_expect_str_eq(out, "https://other.org/x");
	/* A rewrite that does not fit is refused, not cut short. */
	cr_expect(!map_url(&f, "https://example.org/abcdefgh", false, out, 24));
	for (int i = 1; i < FETCH_MAX_MAPS; i++)
		cr_expect_eq(fetcher_add_map(&f, "a", "b"), 0);
	cr_expect_eq(fetcher_add_map(&f, "a", "b"), ERR_TOOBIG);
}

Test(fetch, refusals_and_the_count_limit_without_network)
{
	struct fetcher f;
	struct buf body;
	char why[256], final[256];
	long status;

	buf_init(&body, NULL, VFY_MAX_DOC);
	fetcher_init(&f, false);
	f.max_count = 2;
	cr_expect_eq(fetch_get(&f, "http://example.org/", &body, &status, final,
	                 sizeof(final), why, sizeof(why)),
	    ERR_FORBIDDEN);
	cr_expect_eq(fetch_get(&f, "https://10.0.0.1/x", &body, &status, final,
	                 sizeof(final), why, sizeof(why)),
	    ERR_FORBIDDEN);
	cr_expect(strstr(why, "private") != NULL, "%s", why);
	cr_expect_eq(fetch_get(&f, "https://10.0.0.1/y", &body, &status, final,
	                 sizeof(final), why, sizeof(why)),
	    ERR_TOOBIG, "the third fetch is over the limit");
	buf_free(&body);
}
