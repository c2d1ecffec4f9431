/*
 * markdown.c: Markdown rendering and word counts over cmark (see markdown.h).
 *
 * cmark allocates its own memory with malloc; every path here frees what
 * cmark returned before returning. Input is checked (size, UTF-8, NUL)
 * before cmark sees it, so cmark only ever parses bounded, valid text.
 * cmark's block and inline parsers are iterative and its renderers walk the
 * tree with an iterator, so deep nesting does not recurse.
 */
#include "core/common.h"
#include "core/err.h"
#include "web/markdown.h"

#include <cmark.h>

/* CMARK_OPT_SAFE is the default since cmark 0.29; say it anyway. */
#define MARKDOWN_OPTS (CMARK_OPT_DEFAULT | CMARK_OPT_SAFE)

static int
markdown_check(const char *md, size_t len)
{
	if (len > MARKDOWN_MAX_INPUT)
		return ERR_TOOBIG;
	if (len > 0 && md == NULL)
		return ERR_INVAL;
	if (len > 0 && memchr(md, '\0', len) != NULL)
		return ERR_INVAL;
	if (len > 0 && !utf8_valid(md, len))
		return ERR_INVAL;
	return 0;
}

int
markdown_render(
    struct buf *out, const char *md, size_t len, struct html_safe *html)
{
	char *r;
	size_t start = out->len;
	int rc;

	*html = html_safe_empty();
	rc = markdown_check(md, len);
	if (rc != 0)
		return rc;
	r = cmark_markdown_to_html(len > 0 ? md : "", len, MARKDOWN_OPTS);
	if (r == NULL)
		fatal("cmark: out of memory");
	buf_add(out, r, strlen(r));
	free(r);
	rc = buf_err(out);
	if (rc != 0)
		return rc;
	html->html = out->data + start;
	html->len = out->len - start;
	return 0;
}

/*
 * Decodes one UTF-8 code point at s[*i] (the input is already validated)
 * and advances *i.
 */
static uint32_t
utf8_next(const char *s, size_t n, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp = p[*i];
	size_t need, k;

	if (cp < 0x80) {
		(*i)++;
		return cp;
	}
	if (cp >= 0xF0) {
		need = 3;
		cp &= 0x07;
	} else if (cp >= 0xE0) {
		need = 2;
		cp &= 0x0F;
	} else {
		need = 1;
		cp &= 0x1F;
	}
	for (k = 1; k <= need && *i + k < n; k++)
		cp = (cp << 6) | (p[*i + k] & 0x3Fu);
	*i += k;
	return cp;
}

/* Punctuation and spaces below U+2000 that are not parts of words. */
static const uint32_t word_punct[][2] = {{0x37E, 0x37E}, {0x387, 0x387},
    {0x55A, 0x55F}, {0x589, 0x58A}, {0x5BE, 0x5BE}, {0x5C0, 0x5C0},
    {0x5C3, 0x5C3}, {0x5C6, 0x5C6}, {0x5F3, 0x5F4}, {0x600, 0x60F},
    {0x61B, 0x61F}, {0x66A, 0x66D}, {0x6D4, 0x6D4}, {0x964, 0x965},
    {0x970, 0x970}, {0xE4F, 0xE4F}, {0xE5A, 0xE5B}, {0x10FB, 0x10FB},
    {0x1360, 0x1368}, {0x166D, 0x166E}, {0x1680, 0x1680}, {0x16EB, 0x16ED},
    {0x17D4, 0x17DA}, {0x1800, 0x180A}};

/*
 * True for code points that count as letters or digits in a word: a
 * deliberately coarse reading of Unicode that treats the letter-bearing
 * blocks as letters (combining marks included) and the punctuation, symbol
 * and space blocks as separators.
 */
static bool
word_char(uint32_t c)
{
	size_t i;

	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');
	if (c == 0xAA || c == 0xB5 || c == 0xBA)
		return true;
	if (c < 0xC0 || c == 0xD7 || c == 0xF7)
		return false;
	if (c < 0x2000) {
		for (i = 0; i < NELEM(word_punct); i++)
			if (c >= word_punct[i][0] && c <= word_punct[i][1])
				return false;
		return true;
	}
	if (c < 0x2C00)
		return false; /* punctuation, symbols, arrows, math, boxes */
	if (c < 0x2E00)
		return true; /* Glagolitic, Coptic, Georgian, Ethiopic ext. */
	if (c < 0x3040)
		return c >= 0x3005 && c <= 0x3007; /* CJK iteration marks */
	if (c < 0xA000)
		return c !=
		    0x30FB; /* kana, CJK ideographs; not the middle dot */
	if (c < 0xD800)
		return true; /* Yi, Hangul and others */
	if ((c >= 0xF900 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE))
		return true; /* compatibility ideographs, presentation forms */
	if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
	    (c >= 0xFF41 && c <= 0xFF5A) || (c >= 0xFF66 && c <= 0xFFDC))
		return true; /* full-width digits and letters, half-width kana */
	if (c >= 0x10000 && c < 0x1F000)
		return true; /* historic scripts, math alphanumerics */
	return c >= 0x20000 && c < 0x30000; /* CJK extensions */
}

/* Counts words in text s[0..n), continuing a word across calls via *in. */
static void
count_text(
    const char *s, size_t n, bool *in_word, bool *has_alnum, size_t *words)
{
	size_t i = 0;

	while (i < n) {
		uint32_t c = utf8_next(s, n, &i);

		if (word_char(c)) {
			*in_word = true;
			*has_alnum = true;
		} else if (c == '\'' || c == 0x2019) {
			*in_word = true;
		} else {
			if (*in_word && *has_alnum)
				(*words)++;
			*in_word = false;
			*has_alnum = false;
		}
	}
}

static void
count_break(bool *in_word, bool *has_alnum, size_t *words)
{
	count_text(" ", 1, in_word, has_alnum, words);
}

int
markdown_word_count(const char *md, size_t len, size_t *words)
{
	cmark_node *doc, *node;
	cmark_iter *it;
	cmark_event_type ev;
	bool in_word = false, has_alnum = false;
	int rc;

	*words = 0;
	rc = markdown_check(md, len);
	if (rc != 0)
		return rc;
	doc = cmark_parse_document(len > 0 ? md : "", len, MARKDOWN_OPTS);
	if (doc == NULL)
		fatal("cmark: out of memory");
	it = cmark_iter_new(doc);
	if (it == NULL)
		fatal("cmark: out of memory");
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		const char *lit;

		node = cmark_iter_get_node(it);
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			if (ev != CMARK_EVENT_ENTER)
				break;
			lit = cmark_node_get_literal(node);
			if (lit != NULL)
				count_text(lit, strlen(lit), &in_word,
				    &has_alnum, words);
			if (cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK)
				count_break(&in_word, &has_alnum, words);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
		case CMARK_NODE_THEMATIC_BREAK:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			count_break(&in_word, &has_alnum, words);
			break;
		default:
			/* Block boundaries separate words; inlines do not. */
			if (cmark_node_get_type(node) < CMARK_NODE_FIRST_INLINE)
				count_break(&in_word, &has_alnum, words);
			break;
		}
	}
	count_break(&in_word, &has_alnum, words);
	cmark_iter_free(it);
	cmark_node_free(doc);
	return 0;
}
