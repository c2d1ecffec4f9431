/*
 * test_markdown.c: safe Markdown rendering and word counts.
 */
#include <criterion/criterion.h>

#include "core/buf.h"
#include "core/err.h"
#include "web/markdown.h"

static struct buf out;

static void
setup(void)
{
	buf_init(&out, NULL, 1 << 20);
}

static void
teardown(void)
{
	buf_free(&out);
}

TestSuite(markdown, .init = setup, .fini = teardown);

/* Renders s and returns the HTML as a C string (valid until next call). */
static const char *
render(const char *s)
{
	struct html_safe h;
	int rc;

	buf_reset(&out);
	rc = markdown_render(&out, s, strlen(s), &h);
	cr_assert_eq(rc, 0, "render failed: %d", rc);
	cr_assert_eq(h.html, out.data);
	cr_assert_eq(h.len, out.len);
	return out.data;
}

static size_t
words(const char *s)
{
	size_t n = 12345;

	cr_assert_eq(markdown_word_count(s, strlen(s), &n), 0);
	return n;
}

Test(markdown, renders_lists_links_emphasis)
{
	const char *h = render("# Title\n\n- one\n- *two*\n\n"
	                       "[site](https://example.org/?a=1&b=2)\n");

	cr_assert_not_null(strstr(h, "<h1>Title</h1>"), "%s", h);
	cr_assert_not_null(
	    strstr(h, "<ul>\n<li>one</li>\n<li><em>two</em>"), "%s", h);
	cr_assert_not_null(
	    strstr(h, "<a href=\"https://example.org/?a=1&amp;b=2\">site</a>"),
	    "%s", h);
}

Test(markdown, drops_raw_html)
{
	const char *h = render("hi <script>alert(1)</script>\n\n"
	                       "<div onclick=\"x()\">block</div>\n\n"
	                       "<img src=x onerror=alert(1)>\n");

	cr_assert_null(strstr(h, "<script"), "%s", h);
	cr_assert_null(strstr(h, "<div"), "%s", h);
	cr_assert_null(strstr(h, "<img"), "%s", h);
	cr_assert_null(strstr(h, "onerror"), "%s", h);
	cr_assert_not_null(strstr(h, "raw HTML omitted"), "%s", h);
}

Test(markdown, drops_unsafe_links)
{
	const char *h;

	h = render("[x](javascript:alert(1)) [y](JAVASCRIPT:alert(2)) "
	           "[z](vbscript:msgbox) <javascript:alert(3)> "
	           "![i](data:text/html;base64,PHNjcmlwdD4=)\n");
	cr_assert_null(strstr(h, "=\"javascript"), "%s", h);
	cr_assert_null(strstr(h, "=\"JAVASCRIPT"), "%s", h);
	cr_assert_null(strstr(h, "=\"vbscript"), "%s", h);
	cr_assert_null(strstr(h, "=\"data:"), "%s", h);
	cr_assert_not_null(strstr(h, "<a href=\"\">x</a>"), "%s", h);
	cr_assert_not_null(strstr(h, "<img src=\"\" alt=\"i\" />"), "%s", h);
}

Test(markdown, smart_punctuation_is_off)
{
	const char *h = render("\"quoted\" -- it's...\n");

	cr_assert_not_null(strstr(h, "&quot;quoted&quot; -- it's..."), "%s", h);
}

Test(markdown, appends_after_existing_content)
{
	struct html_safe h;

	buf_reset(&out);
	buf_adds(&out, "prefix");
	cr_assert_eq(markdown_render(&out, "*a*", 3, &h), 0);
	cr_assert_eq(h.html, out.data + 6);
	cr_assert_eq(h.len, strlen("<p><em>a</em></p>\n"));
	cr_assert(memcmp(h.html, "<p><em>a</em></p>\n", h.len) == 0);
	cr_assert_eq(markdown_render(&out, "", 0, &h), 0);
	cr_assert_eq(h.len, 0);
}

Test(markdown, rejects_too_big_input)
{
	size_t n = MARKDOWN_MAX_INPUT + 1;
	char *big = malloc(n);
	struct html_safe h = {"x", 1};
	size_t w = 7;

	cr_assert_not_null(big);
	memset(big, 'a', n);
	buf_reset(&out);
	cr_assert_eq(markdown_render(&out, big, n, &h), ERR_TOOBIG);
	cr_assert_eq(h.len, 0);
	cr_assert_eq(out.len, 0);
	cr_assert_eq(markdown_word_count(big, n, &w), ERR_TOOBIG);
	cr_assert_eq(markdown_render(&out, big, n - 1, &h), 0);
	free(big);
}

Test(markdown, rejects_when_output_cap_is_reached)
{
	struct buf small;
	struct html_safe h;

	buf_init(&small, NULL, 8);
	cr_assert_eq(
	    markdown_render(&small, "hello world", 11, &h), ERR_TOOBIG);
	cr_assert_eq(h.len, 0);
	buf_free(&small);
}

Test(markdown, rejects_invalid_utf8_and_nul)
{
	struct html_safe h;
	size_t w;

	buf_reset(&out);
	cr_assert_eq(markdown_render(&out, "a\xC0\xAF", 3, &h), ERR_INVAL);
	cr_assert_eq(markdown_render(&out, "a\xED\xA0\x80", 4, &h), ERR_INVAL);
	cr_assert_eq(markdown_render(&out, "a\0b", 3, &h), ERR_INVAL);
	cr_assert_eq(markdown_word_count("\xFF", 1, &w), ERR_INVAL);
	cr_assert_eq(out.len, 0);
	cr_assert_eq(markdown_render(&out, "caf\xC3\xA9", 5, &h), 0);
}

Test(markdown, word_counts)
{
	cr_assert_eq(words(""), 0);
	cr_assert_eq(words("   \n\n  "), 0);
	cr_assert_eq(words("one"), 1);
	cr_assert_eq(words("one two  three\nfour"), 4);
	cr_assert_eq(words("don't stop"), 2);
	cr_assert_eq(words("don\xE2\x80\x99t stop"), 2);
	cr_assert_eq(words("well-known, e.g. 3.14"), 6);
	cr_assert_eq(words("' '' -- ... !!"), 0);
	cr_assert_eq(words("# Heading\n\nPara *emph*asis **bold**"), 4);
	cr_assert_eq(words("- a\n- b\n- c"), 3);
	cr_assert_eq(
	    words("[link text](https://example.org/many/words/here)"), 2);
	cr_assert_eq(words("<b>tag</b> word"), 2);
	cr_assert_eq(
	    words("caf\xC3\xA9 na\xC3\xAFve \xC3\x85ngstr\xC3\xB6m"), 3);
	cr_assert_eq(words("\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 "
	                   "\xD0\xBC\xD0\xB8\xD1\x80"),
	    2); /* привет мир */
	cr_assert_eq(words("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x80\x81"
	                   "\xE3\x81\x93\xE3\x82\x93"),
	    2); /* 日本語、こん */
	cr_assert_eq(words("a \xE2\x80\x94 b \xC2\xA0 c"), 3);
	cr_assert_eq(words("para one\n\npara two"), 4);
	cr_assert_eq(words("`code span` and\n\n    indented code\n"), 5);
	cr_assert_eq(words("line\\\nbreak"), 2);
}
