/*
 * test_html.c: escaping, URL allow-list, URL encoding and UTF-8 validation.
 */
#include <criterion/criterion.h>

#include "core/buf.h"
#include "core/err.h"
#include "web/html.h"

static struct buf b;

static void
setup(void)
{
	buf_init(&b, NULL, 1 << 16);
}

static void
teardown(void)
{
	buf_free(&b);
}

TestSuite(html, .init = setup, .fini = teardown);

static const char *
escaped(const char *s)
{
	buf_reset(&b);
	html_put_str(&b, s);
	cr_assert_eq(buf_err(&b), 0);
	return b.data;
}

static const char *
url(const char *s)
{
	buf_reset(&b);
	html_put_url(&b, s);
	cr_assert_eq(buf_err(&b), 0);
	return b.data;
}

Test(html, escapes_every_special_char)
{
	cr_assert_str_eq(escaped("&"), "&amp;");
	cr_assert_str_eq(escaped("<"), "&lt;");
	cr_assert_str_eq(escaped(">"), "&gt;");
	cr_assert_str_eq(escaped("\""), "&quot;");
	cr_assert_str_eq(escaped("'"), "&#39;");
	cr_assert_str_eq(
	    escaped("a<b>&\"c'd\"e"), "a&lt;b&gt;&amp;&quot;c&#39;d&quot;e");
	cr_assert_str_eq(escaped("plain text / = ` é"), "plain text / = ` é");
	cr_assert_str_eq(escaped(""), "");
	cr_assert_str_eq(escaped(NULL), "");
	cr_assert_str_eq(escaped("&amp;"), "&amp;amp;");
}

Test(html, escape_with_length_handles_nul)
{
	buf_reset(&b);
	html_escape(&b, "a\0<", 3);
	cr_assert_eq(b.len, 1 + 3 + 4);
	cr_assert(memcmp(b.data, "a\xEF\xBF\xBD&lt;", b.len) == 0);
	buf_reset(&b);
	html_escape(&b, "<<<", 2);
	cr_assert_str_eq(b.data, "&lt;&lt;");
}

Test(html, escaped_output_cannot_leave_an_attribute)
{
	const char *s = escaped("\" onmouseover=\"alert(1)' x='");

	cr_assert_null(strchr(s, '"'));
	cr_assert_null(strchr(s, '\''));
	cr_assert_null(strchr(s, '<'));
}

Test(html, put_generic_dispatches_by_type)
{
	const char *cs = "<c>";
	char arr[] = "x&y";
	struct html_safe safe = {"<b>ok</b>", 9};

	buf_reset(&b);
	html_put(&b, cs);
	html_put(&b, arr);
	html_put(&b, -42);
	html_put(&b, (long)-1);
	html_put(&b, (long long)9000000000LL);
	html_put(&b, 7u);
	html_put(&b, (size_t)18446744073709551615u);
	html_put(&b, (unsigned long long)1);
	html_put(&b, (int64_t)-5);
	html_put(&b, (uint32_t)6);
	html_put(&b, safe);
	cr_assert_str_eq(b.data,
	    "&lt;c&gt;x&amp;y-42-190000000007184467440737095516151-56"
	    "<b>ok</b>");
	cr_assert(html_nonempty(cs));
	cr_assert(!html_nonempty((const char *)NULL));
	cr_assert(!html_nonempty(""));
	cr_assert(html_nonempty(safe));
	cr_assert(!html_nonempty(html_safe_empty()));
}

Test(html, safe_values)
{
	struct buf src;
	struct html_safe h;

	buf_init(&src, NULL, 100);
	buf_adds(&src, "<p>hi</p>");
	h = html_safe_from_buf(&src);
	cr_assert_eq(h.len, 9);
	buf_reset(&b);
	html_put_raw(&b, h);
	html_put_raw(&b, html_safe_empty());
	cr_assert_str_eq(b.data, "<p>hi</p>");
	buf_free(&src);
}

Test(html, url_allow_list)
{
	static const char *const bad[] = {"javascript:alert(1)",
	    "JaVaScRiPt:alert(1)", " javascript:alert(1)",
	    "java\tscript:alert(1)", "java\nscript:x", "\x01javascript:x",
	    "data:text/html,<script>", "DATA:x", "vbscript:x", "file:///etc",
	    ":nothing", "http\x7f:x", "https://a/\n", "ftp://x", "  /relative"};
	static const char *const good[] = {"https://example.org/a?b#c",
	    "HTTP://example.org", "hTtPs://x", "mailto:a@b.example",
	    "/badges/1", "?q=1", "#top", "badges/1", "badges/x:y",
	    "//cdn.example/x", "", "a b", "./x", "../x:y",
	    "javascript&#58;x:y"};
	size_t i;

	for (i = 0; i < NELEM(bad); i++)
		cr_assert(!html_url_allowed(bad[i]), "allowed %s", bad[i]);
	for (i = 0; i < NELEM(good); i++)
		cr_assert(html_url_allowed(good[i]), "rejected %s", good[i]);
	cr_assert(!html_url_allowed(NULL));
}

Test(html, put_url_encodes_for_attributes)
{
	cr_assert_str_eq(url("javascript:alert(1)"), "#");
	cr_assert_str_eq(url(" javascript:alert(1)"), "#");
	cr_assert_str_eq(url("java\tscript:alert(1)"), "#");
	cr_assert_str_eq(url("https://x.example/a b?q=\"<'>&r=1"),
	    "https://x.example/a%20b?q=&quot;&lt;&#39;&gt;&amp;r=1");
	cr_assert_str_eq(url("/caf\xC3\xA9"), "/caf%C3%A9");
	cr_assert_str_eq(url("mailto:a@b.example"), "mailto:a@b.example");
	cr_assert_str_eq(url(NULL), "");
}

Test(html, url_encode_component)
{
	buf_reset(&b);
	url_encode_component(&b, "aZ09-._~ /?&=%+\xC3\xA9", 17);
	cr_assert_str_eq(b.data, "aZ09-._~%20%2F%3F%26%3D%25%2B%C3%A9");
	buf_reset(&b);
	url_encode_component(&b, "a\0b", 3);
	cr_assert_str_eq(b.data, "a%00b");
}

Test(html, utf8_valid_cases)
{
	static const struct {
		const char *s;
		bool ok;
	} c[] = {
	    {"", true}, {"ascii", true}, {"caf\xC3\xA9", true},
	    {"\xE2\x82\xAC", true},           /* U+20AC */
	    {"\xF0\x9F\x98\x80", true},       /* U+1F600 */
	    {"\xF4\x8F\xBF\xBF", true},       /* U+10FFFF */
	    {"\xED\x9F\xBF", true},           /* U+D7FF */
	    {"\xEE\x80\x80", true},           /* U+E000 */
	    {"\xC0\xAF", false},              /* overlong '/' */
	    {"\xC1\xBF", false},              /* overlong */
	    {"\xE0\x80\xAF", false},          /* overlong */
	    {"\xE0\x9F\xBF", false},          /* overlong U+07FF */
	    {"\xF0\x8F\xBF\xBF", false},      /* overlong U+FFFF */
	    {"\xED\xA0\x80", false},          /* U+D800 surrogate */
	    {"\xED\xBF\xBF", false},          /* U+DFFF surrogate */
	    {"\xF4\x90\x80\x80", false},      /* U+110000 */
	    {"\xF5\x80\x80\x80", false},      /* beyond */
	    {"\xFF", false}, {"\x80", false}, /* lone continuation */
	    {"\xC3", false},                  /* truncated */
	    {"\xE2\x82", false},              /* truncated */
	    {"\xF0\x9F\x98", false},          /* truncated */
	    {"\xC3\x28", false},              /* bad continuation */
	    {"a\xE2\x82\xACz\xC3", false},    /* truncated at the end */
	};
	size_t i;

	for (i = 0; i < NELEM(c); i++)
		cr_assert_eq(
		    utf8_valid(c[i].s, strlen(c[i].s)), c[i].ok, "case %zu", i);
	cr_assert(utf8_valid("a\0b", 3));
	cr_assert(!utf8_valid("\xC3\xA9", 1));
}

Test(html, respects_buf_cap)
{
	struct buf small;

	buf_init(&small, NULL, 4);
	html_put_str(&small, "<<");
	cr_assert_eq(buf_err(&small), ERR_TOOBIG);
	buf_free(&small);
}
