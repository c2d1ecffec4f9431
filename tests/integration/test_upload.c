/*
 * test_upload.c: multipart/form-data bodies against the real `laurel
 * serve`.
 *
 * Only routes that declare a PARAM_FILE accept multipart bodies (others
 * answer 415 before the body is read); theirs may be up to max-upload,
 * while urlencoded bodies stay at max-body. The servers here run with
 * LAUREL_MAX_UPLOAD=2 MiB and LAUREL_MAX_BODY=1 MiB so the limits can be
 * crossed quickly. A multipart form goes through the CSRF check exactly
 * as an urlencoded one, and a forged request is refused with 403 whatever
 * its body holds (a file over its limit, a bad id). Tests that need a
 * route taking files find the first one in the route table and are
 * skipped while there is none.
 */
#include "core/common.h"

#include <strings.h>

#include <criterion/criterion.h>
#include <criterion/hooks.h>

#include "core/id.h"
#include "lib/server.h"
#include "web/router.h"

#define RAW_TIMEOUT_MS 10000
#define MAX_UPLOAD (2u << 20)
#define MAX_BODY (1u << 20)
#define BOUNDARY "----WebKitFormBoundaryLaurelTest0123"
#define MP_CT "multipart/form-data; boundary=" BOUNDARY
#define AN_ID "AAAAAAAAAAAAAAAAAAAAAA"
#define CSRF_MSG "did not come from Laurel"

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
	char v[32];

	snprintf(v, sizeof(v), "%u", MAX_UPLOAD);
	setenv("LAUREL_MAX_UPLOAD", v, 1);
	snprintf(v, sizeof(v), "%u", MAX_BODY);
	setenv("LAUREL_MAX_BODY", v, 1);
	test_server_start(&srv);
}

static void
teardown(void)
{
	test_server_stop(&srv);
}

TestSuite(upload, .init = setup, .fini = teardown, .timeout = 120);

static bool
contains(const char *hay, const char *needle)
{
	return hay != NULL && strstr(hay, needle) != NULL;
}

/* file_route is the first POST route that declares a PARAM_FILE. */
static const struct route *
file_route(void)
{
	for (size_t i = 0; i < nroutes; i++)
		if (routes[i].method == HTTP_POST &&
		    router_takes_files(&routes[i]))
			return &routes[i];
	return NULL;
}

/* need_file_route returns file_route() or skips the test. */
static const struct route *
need_file_route(void)
{
	const struct route *rt = file_route();

	if (rt == NULL)
		cr_skip_test("no route takes files yet");
	return rt;
}

/* route_path fills a pattern's captures with valid values. */
static void
route_path(const char *pattern, char *out, size_t n)
{
	size_t o = 0;

	for (const char *p = pattern; *p && o + ID_LEN + 1 < n;) {
		const char *v = NULL;
		size_t skip = 0;
		if (strncmp(p, "{id}", 4) == 0) {
			v = AN_ID;
			skip = 4;
		} else if (strncmp(p, "{slug}", 6) == 0) {
			v = "x";
			skip = 6;
		} else if (strncmp(p, "{int}", 5) == 0) {
			v = "1";
			skip = 5;
		}
		if (v != NULL) {
			o += (size_t)snprintf(out + o, n - o, "%s", v);
			p += skip;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
}

static void
mp_field(struct buf *b, const char *name, const char *value)
{
	buf_addf(b,
	    "--" BOUNDARY "\r\nContent-Disposition: form-data; "
	    "name=\"%s\"\r\n\r\n%s\r\n",
	    name, value);
}

/*
 * mp_form writes a multipart body with every parameter rt declares, with
 * plausible values; each file gets file_bytes bytes (CR, LF and "--"
 * among them). token, when not NULL, is sent as csrf_token.
 */
static void
mp_form(
    struct buf *b, const struct route *rt, const char *token, size_t file_bytes)
{
	for (size_t k = 0; k < ROUTE_MAX_PARAMS && rt->params[k].name; k++) {
		const struct param_spec *ps = &rt->params[k];
		char v[32];

		switch (ps->type) {
		case PARAM_FILE:
			buf_addf(b,
			    "--" BOUNDARY "\r\nContent-Disposition: form-data; "
			    "name=\"%s\"; filename=\"a.png\"\r\n"
			    "Content-Type: image/png\r\n\r\n",
			    ps->name);
			for (size_t i = 0; i < file_bytes; i++)
				buf_addc(b, "\r\n-x"[i % 4]);
			buf_adds(b, "\r\n");
			break;
		case PARAM_INT:
			snprintf(v, sizeof(v), "%lld", (long long)ps->min);
			mp_field(b, ps->name, v);
			break;
		case PARAM_ID:
		case PARAM_IDS:
			mp_field(b, ps->name, AN_ID);
			break;
		case PARAM_ENUM: {
			const char *c = ps->choices[0] == '|' ? ps->choices + 1
			                                      : ps->choices;
			size_t n = strcspn(c, "|");
			snprintf(v, sizeof(v), "%.*s", (int)n, c);
			mp_field(b, ps->name, v);
			break;
		}
		case PARAM_TEXT:
		case PARAM_LINES:
			mp_field(b, ps->name, "Forged");
			break;
		}
	}
	if (token != NULL)
		mp_field(b, "csrf_token", token);
	buf_adds(b, "--" BOUNDARY "--\r\n");
}

static void
post(const char *path, const char *ct, const struct buf *body,
    const char *accept, struct http_resp *r)
{
	char cth[200], ach[200];
	const char *hdr[] = {cth, accept ? ach : NULL, NULL};
	int rc;

	snprintf(cth, sizeof(cth), "Content-Type: %s", ct);
	snprintf(ach, sizeof(ach), "Accept: %s", accept ? accept : "");
	rc = http_request(&srv, "POST", path, hdr, body->data, body->len, r);
	cr_assert_eq(rc, 0, "POST %s: %s", path, r->error);
}

/*
 * raw_post sends a POST's headers and body (which may be shorter than
 * its Content-Length, to see the server answer from the headers alone)
 * over a socket.
 */
static void
raw_post(const char *path, const char *ct, const char *extra, const char *body,
    struct http_resp *r)
{
	struct buf req;

	buf_init(&req, NULL, 1u << 16);
	buf_addf(&req,
	    "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
	    "Content-Type: %s\r\n%s\r\n%s",
	    path, ct, extra, body);
	cr_assert_eq(buf_err(&req), 0);
	cr_assert_eq(
	    raw_exchange(srv.port, req.data, req.len, RAW_TIMEOUT_MS, r), 0,
	    "raw POST %s: %s", path, r->error);
	buf_free(&req);
}

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

Test(upload, multipart_to_a_route_without_files_is_415)
{
	struct buf b;
	struct http_resp r;

	cr_assert(!router_takes_files(&routes[0]));
	buf_init(&b, NULL, 1u << 16);
	mp_field(&b, "email", "someone@example.org");
	mp_field(&b, "password", "x");
	mp_field(&b, "csrf_token", "forged");
	buf_adds(&b, "--" BOUNDARY "--\r\n");
	cr_assert_eq(buf_err(&b), 0);

	post("/signin", MP_CT, &b, NULL, &r);
	cr_assert_eq(r.status, 415, "multipart POST /signin: %ld", r.status);
	cr_assert(
	    contains(r.body.data, "does not accept files"), "%s", r.body.data);
	cr_assert(contains(http_resp_header(&r, "Content-Type"), "text/html"));
	http_resp_free(&r);

	post("/signin", "Multipart/Form-Data; boundary=" BOUNDARY, &b,
	    "application/json", &r);
	cr_assert_eq(r.status, 415);
	cr_assert(
	    contains(http_resp_header(&r, "Content-Type"), "application/json"));
	cr_assert(contains(r.body.data, "\"status\":415"), "%s", r.body.data);
	http_resp_free(&r);
	buf_free(&b);

	/* refused from the headers alone, before any body is read */
	raw_post("/signin", MP_CT, "Content-Length: 50000000\r\n", "", &r);
	cr_assert_eq(r.status, 415, "status %ld", r.status);
	http_resp_free(&r);
	/* unknown paths are still 404, GET-only ones 405 */
	raw_post("/nowhere", MP_CT, "Content-Length: 10\r\n", "0123456789", &r);
	cr_assert_eq(r.status, 404, "status %ld", r.status);
	http_resp_free(&r);
	raw_post("/healthz", MP_CT, "Content-Length: 10\r\n", "0123456789", &r);
	cr_assert_eq(r.status, 405, "status %ld", r.status);
	http_resp_free(&r);
	assert_healthy("multipart to routes without files");
}

Test(upload, content_length_over_the_limit_is_413_naming_it)
{
	const struct route *rt;
	struct http_resp r;
	char path[300], cl[64];

	/* urlencoded: max-body, as before, on any route */
	snprintf(cl, sizeof(cl), "Content-Length: %u\r\n", MAX_BODY + 1);
	raw_post("/signin", "application/x-www-form-urlencoded", cl, "", &r);
	cr_assert_eq(r.status, 413, "status %ld", r.status);
	cr_assert(
	    contains(r.body.data, "the limit is 1 MB"), "%s", r.body.data);
	http_resp_free(&r);

	rt = need_file_route();
	route_path(rt->pattern, path, sizeof(path));
	/* multipart to a route with files: max-upload */
	snprintf(cl, sizeof(cl), "Content-Length: %u\r\n", MAX_UPLOAD + 1);
	raw_post(path, MP_CT, cl, "", &r);
	cr_assert_eq(r.status, 413, "POST %s: %ld", path, r.status);
	cr_assert(
	    contains(r.body.data, "the limit is 2 MB"), "%s", r.body.data);
	http_resp_free(&r);
	/* urlencoded to the same route: still max-body */
	snprintf(cl, sizeof(cl), "Content-Length: %u\r\n", MAX_BODY + 1);
	raw_post(path, "application/x-www-form-urlencoded", cl, "", &r);
	cr_assert_eq(r.status, 413, "POST %s: %ld", path, r.status);
	http_resp_free(&r);
	/* a multipart Content-Type without a boundary: 400 at once */
	raw_post(path, "multipart/form-data", "Content-Length: 10\r\n", "", &r);
	cr_assert_eq(r.status, 400, "POST %s: %ld", path, r.status);
	http_resp_free(&r);
	assert_healthy("oversized uploads");
}

Test(upload, chunked_multipart_over_the_limit_is_413)
{
	const struct route *rt = need_file_route();
	struct buf req;
	struct http_resp r;
	char path[300], chunk[65536];

	route_path(rt->pattern, path, sizeof(path));
	memset(chunk, 'x', sizeof(chunk));
	buf_init(&req, NULL, 4u << 20);
	buf_addf(&req,
	    "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
	    "Content-Type: " MP_CT "\r\nTransfer-Encoding: chunked\r\n\r\n",
	    path);
	for (size_t sent = 0; sent <= MAX_UPLOAD; sent += sizeof(chunk)) {
		buf_addf(&req, "%zx\r\n", sizeof(chunk));
		buf_add(&req, chunk, sizeof(chunk));
		buf_adds(&req, "\r\n");
	}
	buf_adds(&req, "0\r\n\r\n");
	cr_assert_eq(buf_err(&req), 0);
	cr_assert_eq(
	    raw_exchange(srv.port, req.data, req.len, RAW_TIMEOUT_MS, &r), 0);
	buf_free(&req);
	cr_assert_eq(r.status, 413, "chunked upload: %ld", r.status);
	http_resp_free(&r);
	assert_healthy("an oversized chunked upload");
}

Test(upload, multipart_with_a_bad_csrf_token_is_403)
{
	const struct route *rt = need_file_route();
	const char *bad[] = {
	    NULL, "", "forged", "0123456789abcdefghijABCDEFGHIJ_-0123456789a"};
	struct http_resp r;
	struct buf b;
	char path[300];

	route_path(rt->pattern, path, sizeof(path));
	for (size_t k = 0; k < NELEM(bad); k++) {
		buf_init(&b, NULL, 1u << 20);
		mp_form(&b, rt, bad[k], 100);
		cr_assert_eq(buf_err(&b), 0);
		post(path, MP_CT, &b, NULL, &r);
		cr_assert_eq(r.status, 403, "POST %s with token %s: %ld", path,
		    bad[k] ? bad[k] : "(none)", r.status);
		cr_assert(contains(r.body.data, CSRF_MSG), "%s", r.body.data);
		http_resp_free(&r);
		buf_free(&b);
	}
	/* a forged request is refused whatever it holds: a file over its
	 * limit (but within max-upload, so the body is read) */
	buf_init(&b, NULL, 4u << 20);
	mp_form(&b, rt, "forged", MAX_BODY + (MAX_BODY >> 1));
	cr_assert_eq(buf_err(&b), 0);
	cr_assert_gt(b.len, MAX_BODY);
	cr_assert_lt(b.len, MAX_UPLOAD);
	post(path, MP_CT, &b, NULL, &r);
	cr_assert_eq(r.status, 403, "big forged upload: %ld", r.status);
	cr_assert(contains(r.body.data, CSRF_MSG), "%s", r.body.data);
	http_resp_free(&r);
	buf_free(&b);
	/* the same form urlencoded: 403 too */
	buf_init(&b, NULL, 1u << 16);
	buf_adds(&b, "csrf_token=forged");
	post(path, "application/x-www-form-urlencoded", &b, NULL, &r);
	cr_assert_eq(r.status, 403, "urlencoded forged POST: %ld", r.status);
	http_resp_free(&r);
	buf_free(&b);
	assert_healthy("forged uploads");
}

Test(upload, malformed_multipart_is_400)
{
	const struct route *rt = need_file_route();
	struct http_resp r;
	struct buf b;
	char path[300];
	static const char *const bodies[] = {
	    /* no final delimiter */
	    "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "\r\nv\r\n",
	    /* bare LF */
	    "--" BOUNDARY "\nContent-Disposition: form-data; name=\"a\"\n"
	    "\nv\n--" BOUNDARY "--\n",
	    /* no name */
	    "--" BOUNDARY "\r\nContent-Disposition: form-data\r\n\r\nv\r\n"
	    "--" BOUNDARY "--\r\n",
	    /* a name that is not UTF-8 */
	    "--" BOUNDARY
	    "\r\nContent-Disposition: form-data; name=\"\xff\"\r\n"
	    "\r\nv\r\n--" BOUNDARY "--\r\n",
	    /* a text field that is not UTF-8 */
	    "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "\r\n\xc3\x28\r\n--" BOUNDARY "--\r\n",
	    "",
	};

	route_path(rt->pattern, path, sizeof(path));
	for (size_t i = 0; i < NELEM(bodies); i++) {
		buf_init(&b, NULL, 1u << 16);
		buf_adds(&b, bodies[i]);
		post(path, MP_CT, &b, NULL, &r);
		cr_assert_eq(r.status, 400, "body %zu: %ld", i, r.status);
		http_resp_free(&r);
		buf_free(&b);
	}
	assert_healthy("malformed uploads");
}
