/*
 * fuzz_markdown.c: markdown_render and markdown_word_count on any input.
 * Rendered output must never contain a <script tag or a javascript: link.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "web/markdown.h"

/* Case-insensitive search for an ASCII needle. */
static bool
contains_ci(const char *h, size_t n, const char *needle)
{
	size_t m = strlen(needle), i, k;

	for (i = 0; i + m <= n; i++) {
		for (k = 0; k < m; k++) {
			char c = h[i + k];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != needle[k])
				break;
		}
		if (k == m)
			return true;
	}
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out;
	struct html_safe h;
	size_t words;
	int rc1, rc2;

	buf_init(&out, NULL, 8u << 20);
	rc1 = markdown_render(&out, (const char *)data, size, &h);
	rc2 = markdown_word_count((const char *)data, size, &words);
	if ((rc1 == 0) != (rc2 == 0) && rc1 != ERR_TOOBIG)
		abort();
	if (rc1 == 0) {
		if (h.len != out.len || contains_ci(h.html, h.len, "<script") ||
		    contains_ci(h.html, h.len, "=\"javascript:") ||
		    contains_ci(h.html, h.len, "=\"vbscript:"))
			abort();
		if (words > size)
			abort();
	}
	buf_free(&out);
	return 0;
}
