/*
 * test_multipart.c: the multipart/form-data parser, on bodies as browsers
 * (Chrome, Firefox) and curl send them and on every way of breaking them.
 */
#include <criterion/criterion.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "web/multipart.h"

#define CHROME_B "----WebKitFormBoundary7MA4YWxkTrZu0gW"
#define CHROME_CT "multipart/form-data; boundary=" CHROME_B
#define FIREFOX_B "---------------------------9051914041544843365972754266"

static struct arena *a;

static void
setup(void)
{
	a = arena_new(1 << 22);
}

static void
teardown(void)
{
	arena_free(a);
}

TestSuite(multipart, .init = setup, .fini = teardown);

/* parse runs multipart_parse on a C string body. */
static int
parse(const char *ct, const char *body, struct multipart_part *p, size_t max,
    size_t *n)
{
	return multipart_parse(a, ct, body, strlen(body), p, max, n);
}

/* one_part wraps headers and data in boundary "b" and parses it. */
static int
one_part(const char *hdrs, const char *data, struct multipart_part *p)
{
	char body[4096];
	size_t n;

	snprintf(
	    body, sizeof(body), "--b\r\n%s\r\n\r\n%s\r\n--b--\r\n", hdrs, data);
	return parse("multipart/form-data; boundary=b", body, p, 4, &n);
}

Test(multipart, chrome_form_with_text_and_file)
{
	static const char body[] =
	    "--" CHROME_B "\r\n"
	    "Content-Disposition: form-data; name=\"csrf_token\"\r\n"
	    "\r\n"
	    "tok\r\n"
	    "--" CHROME_B "\r\n"
	    "Content-Disposition: form-data; name=\"description\"\r\n"
	    "\r\n"
	    "line one\r\nline two\r\n"
	    "--" CHROME_B "\r\n"
	    "Content-Disposition: form-data; name=\"image\"; "
	    "filename=\"badge caf\xc3\xa9.png\"\r\n"
	    "Content-Type: image/png\r\n"
	    "\r\n"
	    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\r\n\r\n"
	    "--" CHROME_B "--\r\n";
	struct multipart_part p[4];
	size_t n;

	cr_assert_eq(multipart_parse(
	                 a, CHROME_CT, body, sizeof(body) - 1, p, NELEM(p), &n),
	    0);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(p[0].name, "csrf_token");
	cr_assert_eq(p[0].nlen, 10);
	cr_assert_null(p[0].filename);
	cr_assert_null(p[0].content_type);
	cr_assert_eq(p[0].len, 3);
	cr_assert_eq(memcmp(p[0].data, "tok", 3), 0);
	cr_assert_eq(p[1].len, strlen("line one\r\nline two"));
	cr_assert_eq(memcmp(p[1].data, "line one\r\nline two", p[1].len), 0);
	cr_assert_str_eq(p[2].name, "image");
	cr_assert_str_eq(p[2].filename, "badge caf\xc3\xa9.png");
	cr_assert_eq(p[2].flen, strlen("badge caf\xc3\xa9.png"));
	cr_assert_str_eq(p[2].content_type, "image/png");
	cr_assert_eq(p[2].len, 18);
	cr_assert_eq(
	    memcmp(p[2].data, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\r\n", 18), 0);
	/* data points into the body */
	cr_assert(p[2].data > body && p[2].data < body + sizeof(body));
}

Test(multipart, firefox_empty_file_input_and_empty_text)
{
	static const char body[] =
	    "--" FIREFOX_B "\r\n"
	    "Content-Disposition: form-data; name=\"name\"\r\n"
	    "\r\n"
	    "\r\n"
	    "--" FIREFOX_B "\r\n"
	    "Content-Disposition: form-data; name=\"image\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n"
	    "\r\n"
	    "--" FIREFOX_B "--\r\n";
	struct multipart_part p[4];
	size_t n;

	cr_assert_eq(parse("multipart/form-data; boundary=" FIREFOX_B, body, p,
	                 NELEM(p), &n),
	    0);
	cr_assert_eq(n, 2);
	cr_assert_eq(p[0].len, 0);
	cr_assert_null(p[0].filename);
	cr_assert_not_null(p[0].data);
	cr_assert_str_eq(p[1].filename, "");
	cr_assert_eq(p[1].flen, 0);
	cr_assert_eq(p[1].len, 0);
	cr_assert_str_eq(p[1].content_type, "application/octet-stream");
}

Test(multipart, quoted_boundary_with_space_and_odd_case)
{
	static const char body[] =
	    "--simple boundary\r\n"
	    "content-disposition: Form-Data; NAME=field; charset=x\r\n"
	    "\r\n"
	    "v\r\n"
	    "--simple boundary--";
	struct multipart_part p[2];
	size_t n;

	cr_assert_eq(parse("Multipart/Form-Data ; charset=utf-8;\tBoundary="
	                   "\"simple boundary\"",
	                 body, p, NELEM(p), &n),
	    0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(p[0].name, "field");
	cr_assert_eq(p[0].len, 1);
}

Test(multipart, binary_data_with_crlf_and_boundary_prefixes)
{
	/* Everything that looks almost like a delimiter is data. */
	static const char data[] = "\r\n--b\r\n"
	                           "--bx\r\n"
	                           "\r\n-b\r\n"
	                           "\r\r\n\n"
	                           "\r\n--";
	struct buf body;
	struct multipart_part p[2];
	size_t n;
	const char *ct = "multipart/form-data; boundary=bx1";

	buf_init(&body, a, 1 << 16);
	buf_adds(&body,
	    "--bx1\r\nContent-Disposition: form-data; name=f; "
	    "filename=\"x.bin\"\r\n\r\n");
	buf_add(&body, data, sizeof(data) - 1);
	buf_add(&body, "\0\xff", 2);
	buf_adds(&body, "\r\n--bx1--\r\n");
	cr_assert_eq(buf_err(&body), 0);
	cr_assert_eq(
	    multipart_parse(a, ct, body.data, body.len, p, NELEM(p), &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(p[0].len, sizeof(data) - 1 + 2);
	cr_assert_eq(memcmp(p[0].data, data, sizeof(data) - 1), 0);
	cr_assert_eq(memcmp(p[0].data + sizeof(data) - 1, "\0\xff", 2), 0);
}

Test(multipart, only_the_close_delimiter_is_no_parts)
{
	struct multipart_part p[1];
	size_t n = 99;

	cr_assert_eq(
	    parse("multipart/form-data; boundary=b", "--b--\r\n", p, 1, &n), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(
	    parse("multipart/form-data; boundary=b", "--b--", p, 1, &n), 0);
}

Test(multipart, filename_star_and_unknown_params_are_ignored)
{
	struct multipart_part p[4];

	cr_assert_eq(one_part("Content-Disposition: form-data; name=\"f\"; "
	                      "filename=\"a.png\"; "
	                      "filename*=UTF-8''%E2%82%AC.png; size=3\r\n"
	                      "X-Other: whatever",
	                 "abc", p),
	    0);
	cr_assert_str_eq(p[0].filename, "a.png");
	cr_assert_eq(p[0].len, 3);
	/* a backslash is literal, as browsers send it */
	cr_assert_eq(one_part("Content-Disposition: form-data; name=\"f\"; "
	                      "filename=\"a\\b.png\"",
	                 "", p),
	    0);
	cr_assert_str_eq(p[0].filename, "a\\b.png");
}

Test(multipart, header_line_and_count_limits)
{
	struct multipart_part p[4];
	char hdrs[2048];
	const char *cd = "Content-Disposition: form-data; name=x";
	int o;

	/* a line of exactly MULTIPART_MAX_LINE bytes is fine, one more not */
	o = snprintf(hdrs, sizeof(hdrs), "%s\r\nX-Pad: ", cd);
	memset(hdrs + o, 'a', MULTIPART_MAX_LINE - 7);
	hdrs[o + MULTIPART_MAX_LINE - 7] = '\0';
	cr_assert_eq(one_part(hdrs, "v", p), 0);
	hdrs[o + MULTIPART_MAX_LINE - 7] = 'a';
	hdrs[o + MULTIPART_MAX_LINE - 6] = '\0';
	cr_assert_eq(one_part(hdrs, "v", p), ERR_INVAL);
	/* eight header lines, then nine */
	o = snprintf(hdrs, sizeof(hdrs), "%s", cd);
	for (int i = 0; i < MULTIPART_MAX_HEADERS - 1; i++)
		o += snprintf(
		    hdrs + o, sizeof(hdrs) - (size_t)o, "\r\nX-%d: 1", i);
	cr_assert_eq(one_part(hdrs, "v", p), 0);
	snprintf(hdrs + o, sizeof(hdrs) - (size_t)o, "\r\nX-9: 1");
	cr_assert_eq(one_part(hdrs, "v", p), ERR_INVAL);
}

Test(multipart, bad_dispositions_and_names)
{
	struct multipart_part p[4];
	static const char *const bad[] = {
	    "",
	    "Content-Type: text/plain",
	    "Content-Disposition: attachment; name=x",
	    "Content-Disposition: form-data",
	    "Content-Disposition: form-data; filename=\"a\"",
	    "Content-Disposition: form-data; name=\"\"",
	    "Content-Disposition: form-data; name",
	    "Content-Disposition: form-data; name=",
	    "Content-Disposition: form-data; name=\"x",
	    "Content-Disposition: form-data; name=\"a\\\"b\"",
	    "Content-Disposition: form-data; name=x; name=y",
	    "Content-Disposition: form-data; name=x; filename=a; filename=b",
	    "Content-Disposition: form-data; name=x y",
	    "Content-Disposition: form-data name=x",
	    "Content-Disposition: form-dataX; name=x",
	    "Content-Disposition: form-data; name=x;",
	    "Content-Disposition: form-data; name=\"a\tb\"",
	    "Content-Disposition: form-data; name=\"a\x01z\"",
	    "Content-Disposition: form-data; name=\"a\x7fz\"",
	    "Content-Disposition: form-data; name=\"\xff\xfe\"",
	    "Content-Disposition: form-data; name=\"\xc3\x28\"",
	    "Content-Disposition: form-data; name=\"\xed\xa0\x80\"",
	    "Content-Disposition: form-data; name=x; filename=\"a\x02.png\"",
	    "Content-Disposition: form-data; name=x; filename=\"\xc0\xaf\"",
	    "Content-Disposition: form-data; name=x\r\n"
	    "Content-Disposition: form-data; name=y",
	    "Content-Disposition: form-data; name=x\r\n"
	    "Content-Type: a/b\r\nContent-Type: a/b",
	    "Content-Disposition: form-data; name=x\r\nContent-Type:",
	    "Content-Disposition: form-data; name=x\r\n folded: yes",
	    "Content-Disposition: form-data; name=x\r\nno colon",
	    "Content-Disposition: form-data; name=x\r\n: empty name",
	    "Content-Disposition: form-data; name=x\r\nBad Name: 1",
	    "Content-Disposition: form-data;\r\n name=x",
	    "Content-Disposition: form-data; name=x\nX: bare lf",
	    "Content-Disposition: form-data; name=x\rX: bare cr",
	    "Content-Disposition: form-data; name=x\r\nX: a\x01",
	};

	for (size_t i = 0; i < NELEM(bad); i++)
		cr_assert_eq(
		    one_part(bad[i], "v", p), ERR_INVAL, "%zu: %s", i, bad[i]);
	cr_assert_eq(one_part("Content-Disposition: form-data; name=x\r\n"
	                      "X: tab\there",
	                 "v", p),
	    0);
}

Test(multipart, nul_in_headers_is_refused)
{
	static const char body[] =
	    "--b\r\nContent-Disposition: form-data; name=\"a\0b\"\r\n\r\n"
	    "v\r\n--b--\r\n";
	struct multipart_part p[2];
	size_t n;

	cr_assert_eq(multipart_parse(a, "multipart/form-data; boundary=b", body,
	                 sizeof(body) - 1, p, NELEM(p), &n),
	    ERR_INVAL);
}

Test(multipart, framing_must_be_exact)
{
	struct multipart_part p[4];
	size_t n = 99;
	const char *ct = "multipart/form-data; boundary=b";
	static const char *const bad[] = {
	    "",
	    "--b",
	    "--b\r\n",
	    "--b--x",
	    "--b--\r\nepilogue",
	    "--b--\r\n\r\n",
	    "preamble\r\n--b\r\nContent-Disposition: form-data; name=x\r\n"
	    "\r\nv\r\n--b--\r\n",
	    "\r\n--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n"
	    "--b--\r\n",
	    "--b \r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n"
	    "--b--\r\n",
	    "--b\nContent-Disposition: form-data; name=x\n\nv\n--b--\n",
	    "--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv",
	    "--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n--b",
	    "--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n--b\r\n",
	    "--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv\n--b--\r\n",
	    "--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv--b--\r\n",
	    "--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n--bb"
	    "\r\n--b--",
	    "--b\r\nContent-Disposition: form-data; "
	    "name=x\r\n\r\nv\r\n--b-\r\n",
	    "--b\r\nContent-Disposition: form-data; name=x\r\n",
	    "--b\r\nContent-Disposition: form-data; name=x",
	    "--c\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n--c--",
	};

	for (size_t i = 0; i < NELEM(bad); i++) {
		cr_assert_eq(
		    parse(ct, bad[i], p, NELEM(p), &n), ERR_INVAL, "%zu", i);
		cr_assert_eq(n, 0);
	}
}

Test(multipart, more_parts_than_max_is_toobig)
{
	static const char body[] =
	    "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
	    "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n2\r\n"
	    "--b\r\nContent-Disposition: form-data; name=c\r\n\r\n3\r\n"
	    "--b--\r\n";
	struct multipart_part p[3];
	size_t n;
	const char *ct = "multipart/form-data; boundary=b";

	cr_assert_eq(parse(ct, body, p, 2, &n), ERR_TOOBIG);
	cr_assert_eq(n, 0);
	cr_assert_eq(parse(ct, body, p, 3, &n), 0);
	cr_assert_eq(n, 3);
	cr_assert_eq(parse(ct, body, p, 0, &n), ERR_TOOBIG);
}

Test(multipart, boundaries)
{
	const char *b;
	size_t bl;
	char ct[200];
	char b70[71];

	memset(b70, 'z', 70);
	b70[70] = '\0';
	cr_assert_eq(
	    multipart_boundary("multipart/form-data; boundary=abc", &b, &bl),
	    0);
	cr_assert_eq(bl, 3);
	cr_assert_eq(memcmp(b, "abc", 3), 0);
	cr_assert_eq(multipart_boundary("multipart/form-data;boundary=\"a "
	                                "'()+_,-./:=?\"",
	                 &b, &bl),
	    0);
	cr_assert_eq(bl, 14);
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", b70);
	cr_assert_eq(multipart_boundary(ct, &b, &bl), 0);
	cr_assert_eq(bl, 70);

	static const char *const bad[] = {
	    NULL,
	    "",
	    "multipart/form-data",
	    "multipart/form-data;",
	    "multipart/form-data; boundary=",
	    "multipart/form-data; boundary=\"\"",
	    "multipart/form-data; boundary=\"a \"",
	    "multipart/form-data; boundary=a b",
	    "multipart/form-data; boundary=a@b",
	    "multipart/form-data; boundary=\"a\\b\"",
	    "multipart/form-data; boundary=\"ab",
	    "multipart/form-data; boundary=a; boundary=a",
	    "multipart/form-data; boundary=a\x01",
	    "multipart/form-data; boundary=\xc3\xa9",
	    "multipart/mixed; boundary=a",
	    "multipart/form-datax; boundary=a",
	    "application/x-www-form-urlencoded",
	};
	for (size_t i = 0; i < NELEM(bad); i++)
		cr_assert_eq(
		    multipart_boundary(bad[i], &b, &bl), ERR_INVAL, "%zu", i);
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%sz", b70);
	cr_assert_eq(multipart_boundary(ct, &b, &bl), ERR_INVAL);
}

Test(multipart, is_form)
{
	cr_assert(multipart_is_form("multipart/form-data; boundary=x"));
	cr_assert(multipart_is_form("MULTIPART/FORM-DATA"));
	cr_assert(multipart_is_form("  multipart/form-data ;boundary=x"));
	cr_assert(!multipart_is_form(NULL));
	cr_assert(!multipart_is_form("multipart/form-dat"));
	cr_assert(!multipart_is_form("multipart/form-data2"));
	cr_assert(!multipart_is_form("application/x-www-form-urlencoded"));
}

Test(multipart, arena_limit_is_toobig)
{
	struct arena *small = arena_new(8);
	struct multipart_part p[2];
	size_t n;
	static const char body[] = "--b\r\nContent-Disposition: form-data; "
	                           "name=\"a-long-name\"\r\n\r\nv\r\n--b--";

	cr_assert_eq(multipart_parse(small, "multipart/form-data; boundary=b",
	                 body, sizeof(body) - 1, p, NELEM(p), &n),
	    ERR_TOOBIG);
	arena_free(small);
}
