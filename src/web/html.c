/*
 * html.c: escaping, the URL allow-list and UTF-8 validation (see html.h).
 *
 * Pure functions that append to a caller's struct buf; they allocate
 * nothing else and keep no state. A buf that reached its cap stays in its
 * sticky error state, which the caller checks once after rendering.
 */
#include "core/common.h"
#include "web/html.h"

static const char hexdig[] = "0123456789ABCDEF";

struct html_safe
html_safe_from_buf(const struct buf *b)
{
	struct html_safe h = {b->data, b->len};

	return h;
}

struct html_safe
html_safe_empty(void)
{
	struct html_safe h = {"", 0};

	return h;
}

void
html_escape(struct buf *b, const char *s, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		const char *ent;

		switch (s[i]) {
		case '&':
			ent = "&amp;";
			break;
		case '<':
			ent = "&lt;";
			break;
		case '>':
			ent = "&gt;";
			break;
		case '"':
			ent = "&quot;";
			break;
		case '\'':
			ent = "&#39;";
			break;
		case '\0':
			ent = "\xEF\xBF\xBD";
			break;
		default:
			continue;
		}
		buf_add(b, s + run, i - run);
		buf_adds(b, ent);
		run = i + 1;
	}
	buf_add(b, s + run, n - run);
}

void
html_put_str(struct buf *b, const char *s)
{
	if (s != NULL)
		html_escape(b, s, strlen(s));
}

void
html_put_int(struct buf *b, int x)
{
	buf_addf(b, "%d", x);
}

void
html_put_long(struct buf *b, long x)
{
	buf_addf(b, "%ld", x);
}

void
html_put_llong(struct buf *b, long long x)
{
	buf_addf(b, "%lld", x);
}

void
html_put_uint(struct buf *b, unsigned x)
{
	buf_addf(b, "%u", x);
}

void
html_put_ulong(struct buf *b, unsigned long x)
{
	buf_addf(b, "%lu", x);
}

void
html_put_ullong(struct buf *b, unsigned long long x)
{
	buf_addf(b, "%llu", x);
}

static bool
scheme_is(const char *s, size_t n, const char *want)
{
	size_t i;

	if (strlen(want) != n)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != want[i])
			return false;
	}
	return true;
}

bool
html_url_allowed(const char *url)
{
	size_t i;

	if (url == NULL || url[0] == ' ')
		return false;
	for (i = 0; url[i] != '\0'; i++) {
		unsigned char c = (unsigned char)url[i];

		if (c < 0x20 || c == 0x7f)
			return false;
	}
	for (i = 0; url[i] != '\0'; i++) {
		char c = url[i];

		if (c == '/' || c == '?' || c == '#')
			return true; /* relative: no scheme */
		if (c == ':')
			return scheme_is(url, i, "https") ||
			    scheme_is(url, i, "http") ||
			    scheme_is(url, i, "mailto");
	}
	return true;
}

void
html_put_url(struct buf *b, const char *url)
{
	size_t i, run = 0;

	if (url == NULL)
		return;
	if (!html_url_allowed(url)) {
		buf_addc(b, '#');
		return;
	}
	for (i = 0; url[i] != '\0'; i++) {
		unsigned char c = (unsigned char)url[i];
		char pct[3];

		if (c != ' ' && c < 0x80 && c != '&' && c != '<' && c != '>' &&
		    c != '"' && c != '\'')
			continue;
		buf_add(b, url + run, i - run);
		run = i + 1;
		if (c == ' ' || c >= 0x80) {
			pct[0] = '%';
			pct[1] = hexdig[c >> 4];
			pct[2] = hexdig[c & 15];
			buf_add(b, pct, 3);
		} else {
			html_escape(b, url + i, 1);
		}
	}
	buf_add(b, url + run, i - run);
}

void
html_put_raw(struct buf *b, struct html_safe h)
{
	if (h.html != NULL)
		buf_add(b, h.html, h.len);
}

void
url_encode_component(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char pct[3];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			buf_addc(b, (char)c);
			continue;
		}
		pct[0] = '%';
		pct[1] = hexdig[c >> 4];
		pct[2] = hexdig[c & 15];
		buf_add(b, pct, 3);
	}
}

bool
utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned char c = p[i];
		size_t need, k;
		uint32_t cp, min;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
			cp = c & 0x1Fu;
			min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			cp = c & 0x0Fu;
			min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			cp = c & 0x07u;
			min = 0x10000;
		} else {
			return false; /* continuation, C0/C1 overlong, > F4 */
		}
		if (n - i <= need)
			return false;
		for (k = 1; k <= need; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i + k] & 0x3Fu);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += need + 1;
	}
	return true;
}
