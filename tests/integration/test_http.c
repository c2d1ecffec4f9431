/*
 * test_http.c: the real `laurel serve` over loopback HTTP.
 *
 * Each test starts its own server on the database prepared once for the
 * binary (migrate + seed-demo), talks to it with libcurl or with exact
 * bytes over a socket, and stops it with SIGTERM, which must end in exit
 * status 0. Covers the public pages, security headers on every response,
 * error pages (HTML and JSON), input that must be refused (bad encodings,
 * oversized headers, URIs and bodies), static files with ETags, and
 * fingerprinted assets. Run from the repository root; $LAUREL names the
 * binary (default build/laurel), $LAUREL_TEST_DB an optional PostgreSQL
 * database.
 */
#include "core/common.h"

#include <errno.h>
#include <signal.h>
#include <sys/socket.h>
#include <strings.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/hooks.h>
#include <jansson.h>

#include "lib/server.h"

#define RAW_TIMEOUT_MS 10000
#define BODY_LIMIT (1u << 20)

static struct test_server srv;

ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
	(void)set;
	(void)test_env_prepare();
}

ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
	(void)stats;
	test_env_cleanup();
}

static void
setup(void)
{
	test_server_start(&srv);
}

static void
teardown(void)
{
	test_server_stop(&srv);
}

TestSuite(http, .init = setup, .fini = teardown, .timeout = 120);

/* get asserts that GET path got a response. */
static void
get(const char *path, const char *const *headers, struct http_resp *r)
{
	int rc = http_get(&srv, path, headers, r);

	cr_assert_eq(rc, 0, "GET %s: %s", path, r->error);
}

/* raw sends exact bytes and asserts the connection could be made. */
static void
raw(const void *req, size_t len, struct http_resp *r)
{
	int rc = raw_exchange(srv.port, req, len, RAW_TIMEOUT_MS, r);

	cr_assert_eq(rc, 0, "raw request: %s", r->error);
}

/* raw_get sends "GET target HTTP/1.1" with Host and Connection: close. */
static void
raw_get(const char *target, struct http_resp *r)
{
	struct buf req;

	buf_init(&req, NULL, 1u << 20);
	buf_addf(&req,
	    "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
	    target);
	cr_assert_eq(buf_err(&req), 0);
	raw(req.data, req.len, r);
	buf_free(&req);
}

static bool
contains(const char *hay, const char *needle)
{
	return hay != NULL && strstr(hay, needle) != NULL;
}

static bool
starts_with_ci(const char *s, const char *prefix)
{
	return s != NULL && strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* assert_security_headers checks the headers every response must carry. */
static void
assert_security_headers(const struct http_resp *r, const char *what)
{
	const char *csp = http_resp_header(r, "Content-Security-Policy");
	const char *xcto = http_resp_header(r, "X-Content-Type-Options");
	const char *rp = http_resp_header(r, "Referrer-Policy");

	cr_assert(csp != NULL, "%s: no Content-Security-Policy", what);
	cr_assert(contains(csp, "default-src"),
	    "%s: CSP without default-src: %s", what, csp);
	cr_assert(!contains(csp, "'unsafe-inline'"),
	    "%s: CSP allows 'unsafe-inline': %s", what, csp);
	cr_assert(!contains(csp, "'unsafe-eval'"),
	    "%s: CSP allows 'unsafe-eval': %s", what, csp);
	cr_assert(contains(csp, "frame-ancestors"),
	    "%s: CSP without frame-ancestors: %s", what, csp);
	cr_assert(xcto != NULL && strcasecmp(xcto, "nosniff") == 0,
	    "%s: X-Content-Type-Options is %s", what, xcto ? xcto : "(none)");
	cr_assert(rp != NULL && *rp != '\0', "%s: no Referrer-Policy", what);
	cr_assert(
	    !contains(rp, "unsafe-url"), "%s: Referrer-Policy %s", what, rp);
	cr_assert_eq(http_resp_header_count(r, "Content-Security-Policy"), 1,
	    "%s: Content-Security-Policy sent more than once", what);
}

static void
assert_html(const struct http_resp *r, long status, const char *what)
{
	const char *ct = http_resp_header(r, "Content-Type");

	cr_assert_eq(r->status, status, "%s: status %ld, want %ld", what,
	    r->status, status);
	cr_assert(starts_with_ci(ct, "text/html"), "%s: Content-Type %s", what,
	    ct ? ct : "(none)");
	cr_assert(
	    contains(ct, "charset=utf-8") || contains(ct, "charset=UTF-8"),
	    "%s: Content-Type without charset: %s", what, ct);
	assert_security_headers(r, what);
}

/*
 * assert_json_error checks a JSON error body:
 * {"error":{"status":N,"message":"..."}}.
 */
static void
assert_json_error(const struct http_resp *r, long status, const char *what)
{
	const char *ct = http_resp_header(r, "Content-Type");
	json_error_t jerr;
	json_t *doc, *e, *st, *msg;

	cr_assert_eq(r->status, status, "%s: status %ld, want %ld", what,
	    r->status, status);
	cr_assert(starts_with_ci(ct, "application/json"),
	    "%s: Content-Type %s, want application/json", what,
	    ct ? ct : "(none)");
	assert_security_headers(r, what);
	doc = json_loadb(r->body.data, r->body.len, 0, &jerr);
	cr_assert(doc != NULL, "%s: body is not JSON (%s): %s", what, jerr.text,
	    r->body.data);
	e = json_object_get(doc, "error");
	st = json_object_get(e, "status");
	msg = json_object_get(e, "message");
	cr_assert(json_is_integer(st) && json_integer_value(st) == status,
	    "%s: error.status wrong in %s", what, r->body.data);
	cr_assert(json_is_string(msg) && json_string_length(msg) > 0,
	    "%s: error.message missing in %s", what, r->body.data);
	json_decref(doc);
}

/* assert_healthy checks the server still answers after abuse. */
static void
assert_healthy(const char *after)
{
	struct http_resp r;

	int rc = http_get(&srv, "/healthz", NULL, &r);
	cr_assert_eq(
	    rc, 0, "server stopped answering after %s: %s", after, r.error);
	cr_assert_eq(
	    r.status, 200, "GET /healthz after %s: %ld", after, r.status);
	http_resp_free(&r);
}

/*
 * first_badge_link finds the first href="/badges/ID" in html with a
 * 22-character base64url ID and writes "/badges/ID" into out. Returns the
 * number of badge links seen; fails the test on a malformed ID.
 */
static size_t
badge_links(const char *html, char *out, size_t outlen)
{
	static const char pfx[] = "href=\"/badges/";
	size_t n = 0;

	out[0] = '\0';
	for (const char *p = strstr(html, pfx); p != NULL;
	     p = strstr(p + 1, pfx)) {
		const char *id = p + strlen(pfx);
		size_t len = strcspn(id, "\"?#/");

		cr_assert_eq(len, 22,
		    "badge link with a %zu-character id: %.60s", len, p);
		for (size_t i = 0; i < len; i++) {
			char c = id[i];
			cr_assert((c >= 'A' && c <= 'Z') ||
			        (c >= 'a' && c <= 'z') ||
			        (c >= '0' && c <= '9') || c == '-' || c == '_',
			    "badge id not base64url: %.22s", id);
		}
		if (n == 0)
			snprintf(out, outlen, "/badges/%.22s", id);
		n++;
	}
	return n;
}

Test(http, healthz_is_exact_json)
{
	struct http_resp r;

	get("/healthz", NULL, &r);
	cr_assert_eq(r.status, 200);
	cr_assert(starts_with_ci(
	              http_resp_header(&r, "Content-Type"), "application/json"),
	    "Content-Type %s", http_resp_header(&r, "Content-Type"));
	cr_assert(strcmp(r.body.data, "{\"status\":\"ok\"}") == 0 ||
	        strcmp(r.body.data, "{\"status\":\"ok\"}\n") == 0,
	    "body %s", r.body.data);
	assert_security_headers(&r, "/healthz");
	http_resp_free(&r);
}

Test(http, home_page)
{
	struct http_resp r;

	get("/", NULL, &r);
	assert_html(&r, 200, "GET /");
	cr_assert(contains(r.body.data, "<h1"), "home page has no <h1");
	cr_assert(contains(r.body.data, "<!DOCTYPE html>") ||
	        contains(r.body.data, "<!doctype html>"),
	    "home page has no doctype");
	http_resp_free(&r);
}

Test(http, catalogue_links_open_badge_pages_with_criteria)
{
	struct http_resp r, b;
	char link[64];

	get("/badges", NULL, &r);
	assert_html(&r, 200, "GET /badges");
	size_t n = badge_links(r.body.data, link, sizeof(link));
	cr_assert_gt(n, 0, "the seeded catalogue links no badge");
	http_resp_free(&r);

	get(link, NULL, &b);
	assert_html(&b, 200, link);
	cr_assert(contains(b.body.data, "id=\"criteria\""),
	    "%s has no element with id=\"criteria\"", link);
	cr_assert(contains(b.body.data, "<h1"), "%s has no <h1", link);
	http_resp_free(&b);
}

/* Badge images: named by their hash, cached forever, no cookies, and
 * SVG sandboxed should anyone open one directly. */
Test(http, badge_images_are_immutable_and_sandboxed)
{
	struct http_resp r, i;
	char path[128];
	const char *p;

	get("/badges", NULL, &r);
	assert_html(&r, 200, "GET /badges");
	p = strstr(r.body.data, "src=\"/images/");
	cr_assert_not_null(p, "the catalogue shows no badge image");
	p += 5;
	cr_assert_lt(strcspn(p, "\""), sizeof(path));
	snprintf(path, sizeof(path), "%.*s", (int)strcspn(p, "\""), p);
	http_resp_free(&r);
	get(path, NULL, &i);
	cr_assert_eq(i.status, 200, "%s: %ld", path, i.status);
	cr_assert_str_eq(http_resp_header(&i, "Content-Type"), "image/svg+xml");
	cr_assert(contains(http_resp_header(&i, "Cache-Control"), "immutable"));
	cr_assert_null(
	    http_resp_header(&i, "Set-Cookie"), "an image set a cookie");
	cr_assert(contains(i.body.data, "<svg"));
	cr_assert(!contains(i.body.data, "<script"));
	http_resp_free(&i);
	/* The wrong extension, a bad hash, a path: all 404. */
	path[strlen(path) - 3] = 'p', path[strlen(path) - 2] = 'n',
	                    path[strlen(path) - 1] = 'g';
	get(path, NULL, &i);
	cr_assert_eq(i.status, 404, "%s: %ld", path, i.status);
	http_resp_free(&i);
	get("/images/..%2f..%2fetc%2fpasswd.png", NULL, &i);
	cr_assert_geq(i.status, 400);
	cr_assert_lt(i.status, 500);
	http_resp_free(&i);
}

Test(http, unknown_badge_is_404)
{
	struct http_resp r;

	/* Well-formed id that no badge has. */
	get("/badges/AAAAAAAAAAAAAAAAAAAAAA", NULL, &r);
	assert_html(&r, 404, "unknown badge id");
	http_resp_free(&r);
}

Test(http, head_matches_get_without_body)
{
	struct http_resp g, h;
	const char *paths[] = {"/", "/badges", "/healthz"};

	for (size_t i = 0; i < NELEM(paths); i++) {
		get(paths[i], NULL, &g);
		int rc =
		    http_request(&srv, "HEAD", paths[i], NULL, NULL, 0, &h);
		cr_assert_eq(rc, 0, "HEAD %s: %s", paths[i], h.error);
		cr_assert_eq(h.status, 200, "HEAD %s: %ld", paths[i], h.status);
		cr_assert_eq(h.body.len, 0, "HEAD %s sent a body", paths[i]);
		const char *cl = http_resp_header(&h, "Content-Length");
		char want[32];
		snprintf(want, sizeof(want), "%zu", g.body.len);
		cr_assert(cl != NULL && strcmp(cl, want) == 0,
		    "HEAD %s: Content-Length %s, GET body is %s bytes",
		    paths[i], cl ? cl : "(none)", want);
		assert_security_headers(&h, "HEAD");
		http_resp_free(&g);
		http_resp_free(&h);
	}
}

Test(http, unknown_route_is_404_html)
{
	struct http_resp r;

	get("/no/such/page", NULL, &r);
	assert_html(&r, 404, "unknown route");
	cr_assert_gt(r.body.len, 0);
	http_resp_free(&r);
}

Test(http, unknown_route_is_404_json_when_asked)
{
	struct http_resp r;
	const char *const hdr[] = {"Accept: application/json", NULL};

	get("/no/such/page", hdr, &r);
	assert_json_error(&r, 404, "Accept: application/json");
	http_resp_free(&r);

	get("/api/no-such-endpoint", NULL, &r);
	assert_json_error(&r, 404, "/api/ path");
	http_resp_free(&r);
}

Test(http, post_to_get_only_path_is_405_with_allow)
{
	struct http_resp r;
	const char *const hdr[] = {
	    "Content-Type: application/x-www-form-urlencoded", NULL};

	int rc = http_request(&srv, "POST", "/healthz", hdr, "a=b", 3, &r);
	cr_assert_eq(rc, 0, "%s", r.error);
	cr_assert_eq(r.status, 405, "POST /healthz: %ld", r.status);
	const char *allow = http_resp_header(&r, "Allow");
	cr_assert(
	    contains(allow, "GET"), "Allow: %s", allow ? allow : "(none)");
	cr_assert(!contains(allow, "POST"), "Allow lists POST: %s", allow);
	assert_security_headers(&r, "405");
	http_resp_free(&r);

	rc = http_request(&srv, "DELETE", "/badges", NULL, NULL, 0, &r);
	cr_assert_eq(rc, 0, "%s", r.error);
	cr_assert_eq(r.status, 405, "DELETE /badges: %ld", r.status);
	cr_assert(http_resp_header(&r, "Allow") != NULL, "405 without Allow");
	http_resp_free(&r);
}

Test(http, malformed_targets_are_400)
{
	static const char *const bad[] = {"/badges/%zz", "/%", "/%00",
	    "/%ff%fe", "/badges?q=%c3%28", "/badges?q=%", "/badges?q=%00",
	    "/badges/%c0%af"};
	struct http_resp r;

	for (size_t i = 0; i < NELEM(bad); i++) {
		raw_get(bad[i], &r);
		cr_expect_eq(r.status, 400, "GET %s: status %ld, want 400",
		    bad[i], r.status);
		if (r.status != 0)
			assert_security_headers(&r, bad[i]);
		http_resp_free(&r);
	}
	assert_healthy("malformed targets");
}

Test(http, oversized_header_is_refused)
{
	struct buf req;
	struct http_resp r;

	buf_init(&req, NULL, 1u << 20);
	buf_adds(&req,
	    "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Connection: close\r\nX-Big: ");
	for (size_t i = 0; i < 64u * 1024u; i++)
		buf_addc(&req, 'a');
	buf_adds(&req, "\r\n\r\n");
	cr_assert_eq(buf_err(&req), 0);
	raw(req.data, req.len, &r);
	buf_free(&req);
	cr_assert(
	    (r.status >= 400 && r.status < 500) || (r.status == 0 && r.closed),
	    "64 KiB header: status %ld%s", r.status,
	    r.closed ? "" : ", connection left open");
	cr_assert_neq(r.status, 200);
	http_resp_free(&r);
	assert_healthy("a 64 KiB header");
}

Test(http, long_uri_is_414)
{
	struct buf t;
	struct http_resp r;

	buf_init(&t, NULL, 1u << 16);
	buf_adds(&t, "/badges?q=");
	while (t.len < 3000)
		buf_addc(&t, 'a');
	cr_assert_eq(buf_err(&t), 0);
	raw_get(t.data, &r);
	cr_assert_eq(r.status, 414, "3000-byte query: status %ld", r.status);
	http_resp_free(&r);

	buf_reset(&t);
	buf_adds(&t, "/");
	while (t.len < 2100)
		buf_addc(&t, 'b');
	raw_get(t.data, &r);
	cr_assert_eq(r.status, 414, "2100-byte path: status %ld", r.status);
	http_resp_free(&r);
	buf_free(&t);

	/* A long but allowed URI is not refused for its length. */
	get("/badges?q=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL, &r);
	cr_assert_eq(r.status, 200, "/badges?q=a*40: %ld", r.status);
	http_resp_free(&r);
	assert_healthy("long URIs");
}

Test(http, content_length_over_limit_is_413)
{
	size_t body = BODY_LIMIT + 4096;
	struct buf req;
	struct http_resp r;

	buf_init(&req, NULL, 4u << 20);
	buf_addf(&req,
	    "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\n"
	    "Content-Length: %zu\r\n\r\n",
	    body);
	buf_adds(&req, "a=");
	while (req.len < 4u << 20 && body > 0) {
		buf_addc(&req, 'x');
		body--;
	}
	cr_assert_eq(buf_err(&req), 0);
	raw(req.data, req.len, &r);
	buf_free(&req);
	cr_assert_eq(
	    r.status, 413, "Content-Length over 1 MiB: status %ld", r.status);
	http_resp_free(&r);
	assert_healthy("an oversized body");
}

Test(http, chunked_body_over_limit_is_413)
{
	struct buf req;
	struct http_resp r;
	char chunk[65536];

	memset(chunk, 'x', sizeof(chunk));
	buf_init(&req, NULL, 4u << 20);
	buf_adds(&req,
	    "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n");
	for (size_t sent = 0; sent <= BODY_LIMIT; sent += sizeof(chunk)) {
		buf_addf(&req, "%zx\r\n", sizeof(chunk));
		buf_add(&req, chunk, sizeof(chunk));
		buf_adds(&req, "\r\n");
	}
	buf_adds(&req, "0\r\n\r\n");
	cr_assert_eq(buf_err(&req), 0);
	raw(req.data, req.len, &r);
	buf_free(&req);
	cr_assert_eq(
	    r.status, 413, "chunked body over 1 MiB: status %ld", r.status);
	http_resp_free(&r);
	assert_healthy("an oversized chunked body");
}

Test(http, static_file_etag_and_304)
{
	struct http_resp r, n;
	char inm[512];

	get("/static/css/laurel.css", NULL, &r);
	cr_assert_eq(r.status, 200, "/static/css/laurel.css: %ld", r.status);
	cr_assert(
	    starts_with_ci(http_resp_header(&r, "Content-Type"), "text/css"),
	    "Content-Type %s", http_resp_header(&r, "Content-Type"));
	cr_assert_gt(r.body.len, 0);
	assert_security_headers(&r, "static file");
	const char *etag = http_resp_header(&r, "ETag");
	/* Caches may keep static files: they never carry a cookie. */
	cr_assert_null(
	    http_resp_header(&r, "Set-Cookie"), "a static file set a cookie");
	const char *cc = http_resp_header(&r, "Cache-Control");
	cr_assert(
	    etag != NULL && etag[0] == '"', "ETag %s", etag ? etag : "(none)");
	cr_assert(
	    contains(cc, "no-cache"), "Cache-Control %s", cc ? cc : "(none)");

	snprintf(inm, sizeof(inm), "If-None-Match: %s", etag);
	const char *const hdr[] = {inm, NULL};
	get("/static/css/laurel.css", hdr, &n);
	cr_assert_eq(
	    n.status, 304, "If-None-Match with the ETag: %ld", n.status);
	cr_assert_eq(n.body.len, 0, "304 with a body");
	const char *etag2 = http_resp_header(&n, "ETag");
	cr_assert(etag2 != NULL && strcmp(etag, etag2) == 0,
	    "304 ETag %s, 200 ETag %s", etag2 ? etag2 : "(none)", etag);
	http_resp_free(&n);

	const char *const other[] = {"If-None-Match: \"not-the-etag\"", NULL};
	get("/static/css/laurel.css", other, &n);
	cr_assert_eq(
	    n.status, 200, "If-None-Match with another ETag: %ld", n.status);
	cr_assert_eq(n.body.len, r.body.len);
	http_resp_free(&n);
	http_resp_free(&r);
}

Test(http, fingerprinted_assets_are_immutable)
{
	struct http_resp home, a, s;
	char path[512], stpath[600];

	get("/", NULL, &home);
	cr_assert_eq(home.status, 200);
	const char *p = strstr(home.body.data, "\"/assets/");
	cr_assert(p != NULL, "the home page references no /assets/ URL");
	p++;
	size_t len = strcspn(p, "\"");
	cr_assert_lt(len, sizeof(path));
	snprintf(path, sizeof(path), "%.*s", (int)len, p);
	http_resp_free(&home);

	/* /assets/HASH/REL */
	const char *hash = path + strlen("/assets/");
	const char *rel = strchr(hash, '/');
	cr_assert(
	    rel != NULL && rel - hash >= 8, "asset URL %s has no hash", path);

	get(path, NULL, &a);
	cr_assert_eq(a.status, 200, "%s: %ld", path, a.status);
	const char *cc = http_resp_header(&a, "Cache-Control");
	cr_assert(contains(cc, "public") && contains(cc, "max-age=31536000") &&
	        contains(cc, "immutable"),
	    "%s: Cache-Control %s", path, cc ? cc : "(none)");
	assert_security_headers(&a, path);

	/* The fingerprinted URL serves the same bytes as /static/REL. */
	snprintf(stpath, sizeof(stpath), "/static%s", rel);
	get(stpath, NULL, &s);
	cr_assert_eq(s.status, 200, "%s: %ld", stpath, s.status);
	cr_assert(s.body.len == a.body.len &&
	        memcmp(s.body.data, a.body.data, a.body.len) == 0,
	    "%s and %s differ", path, stpath);
	http_resp_free(&s);
	http_resp_free(&a);
}

Test(http, static_never_serves_outside_its_directory)
{
	static const char *const must404[] = {"/static/../../etc/passwd",
	    "/static/%2e%2e/x", "/static/css/../../../../etc/passwd"};
	static const char *const refused[] = {
	    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
	    "/static/..%2f..%2f..%2f..%2fetc/passwd",
	    "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/static//etc/passwd",
	    "/assets/x/../../../../etc/passwd", "/static/css/laurel.css%00.txt",
	    "/static/..\\..\\etc\\passwd"};
	struct http_resp r;

	for (size_t i = 0; i < NELEM(must404); i++) {
		raw_get(must404[i], &r);
		cr_expect_eq(r.status, 404, "GET %s: %ld, want 404", must404[i],
		    r.status);
		cr_assert(!contains(r.body.data, "root:"),
		    "GET %s served /etc/passwd", must404[i]);
		http_resp_free(&r);
	}
	for (size_t i = 0; i < NELEM(refused); i++) {
		raw_get(refused[i], &r);
		cr_expect(r.status == 400 || r.status == 404,
		    "GET %s: %ld, want 400 or 404", refused[i], r.status);
		cr_assert(!contains(r.body.data, "root:"),
		    "GET %s served /etc/passwd", refused[i]);
		http_resp_free(&r);
	}
	assert_healthy("path traversal attempts");
}

/*
 * A request whose headers are still arriving when SIGTERM comes is
 * answered, and the server then exits 0 (checked by the teardown), as Go's
 * http.Server.Shutdown and nginx's graceful stop treat an active request.
 */
Test(http, sigterm_lets_request_in_flight_finish)
{
	static const char head[] =
	    "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
	static const char rest[] = "Connection: close\r\n\r\n";
	struct http_resp r;

	int fd = raw_connect(srv.port);
	cr_assert_geq(fd, 0, "connect: %s", strerror(errno));
	ssize_t w = send(fd, head, strlen(head), MSG_NOSIGNAL);
	cr_assert_eq(w, (ssize_t)strlen(head));
	usleep(200 * 1000);
	test_server_term(&srv);
	usleep(300 * 1000);
	raw_send_recv(fd, rest, strlen(rest), RAW_TIMEOUT_MS, &r);
	close(fd);
	cr_assert_eq(r.status, 200,
	    "request in flight at SIGTERM: status %ld%s", r.status,
	    r.closed ? " (connection closed)" : "");
	http_resp_free(&r);
}
