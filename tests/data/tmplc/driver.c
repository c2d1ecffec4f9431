/*
 * driver.c: renders the sample templates of tests/data/tmplc for the tmplc
 * end-to-end test (tests/unit/web/test_tmplc.c), which compiles this file
 * with the generated templates.c and compares stdout with expected.html.
 */
#include "core/common.h"
#include "core/buf.h"
#include "web/html.h"
#include "templates.h"

int
main(void)
{
	static const struct view_tag tags[] = {{"a<b"}, {"c&d"}, {NULL}};
	static const char *keywords[] = {"x\"y", "it's"};
	struct view_card cards[] = {
	    {"Tom & \"Jerry\"", "javascript:alert(1)", 7, true, tags, 3},
	    {"<script>alert(1)</script>", "https://example.org/a b?q=<x>", -2,
	        false, NULL, 0},
	};
	struct buf body, out;
	struct view_page page;

	buf_init(&body, NULL, 1024);
	buf_adds(&body, "<em>trusted</em>");
	memset(&page, 0, sizeof(page));
	page.title = "Badges <&> 'all'";
	page.user = "<b>eve</b>";
	page.home = "/home?a=1&b=2";
	page.body = html_safe_from_buf(&body);
	page.meta.author = NULL;
	page.meta.year = 2024;
	page.meta.keywords = keywords;
	page.meta.n_keywords = NELEM(keywords);
	page.cards = cards;
	page.n_cards = NELEM(cards);
	page.logged_in = true;
	page.count = -3;

	buf_init(&out, NULL, 1 << 20);
	tmpl_page(&out, &page);
	page.user = "";
	tmpl_page(&out, &page);
	page.logged_in = false;
	page.home = "JaVaScRiPt:evil()";
	tmpl_page(&out, &page);
	if (buf_err(&out) != 0)
		return 1;
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	buf_free(&body);
	return 0;
}
