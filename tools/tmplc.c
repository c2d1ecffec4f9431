/*
 * tmplc.c: the template compiler, templates/NAME.html -> C functions.
 *
 * Usage: tmplc -o PREFIX FILE.html...  writes PREFIX.h (one prototype per
 * template) and PREFIX.c (one render function per template). The language is
 * documented in docs/templates.md. Every substitution compiles to a call that
 * escapes (html_put, html_put_url) or that accepts only trusted HTML
 * (html_put_raw); the C compiler checks field names and types through the
 * _Generic macros of src/web/html.h.
 *
 * tmplc also tracks the HTML context of the static text around each
 * substitution with a small lexer modelled on the HTML5 tokenizer, and
 * rejects substitutions where escaping is not enough (script and style
 * content, unquoted attributes, event handlers, URL attributes without
 * `url`). Errors are reported as FILE:LINE: message and exit status 1.
 *
 * This is a standalone host tool: it does not link the project's libraries.
 * Tests and fuzzers reach the compiler by defining TMPLC_NO_MAIN and
 * including this file. tmplc_compile is a pure function over (pointer,
 * length): all sizes are bounded, nothing recurses, and it never crashes on
 * any input. Memory comes from malloc; out-of-memory aborts.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TMPLC_MAX_INPUT (1u << 20) /* bytes in one template */
#define TMPLC_MAX_DEPTH 32         /* nested if/for */
#define TMPLC_MAX_TAG 4096         /* bytes inside one {{ }} */
#define TMPLC_MAX_TOKENS 16        /* words in one {{ }} */
#define TMPLC_MAX_IDENT 64         /* bytes in one identifier */
#define TMPLC_MAX_SEGS 16          /* identifiers in one dotted path */
#define TMPLC_MAX_FILES 1024       /* templates in one run */
#define TMPLC_LIT_CHUNK 2048       /* bytes of static text per buf_add */

#define FALLTHROUGH_ __attribute__((fallthrough))

/* A growable byte string; data is NUL-terminated once anything is added. */
struct tstr {
	char *p;
	size_t len;
	size_t cap;
};

/* The result of compiling one template. */
struct tmplc_result {
	char name[TMPLC_MAX_IDENT + 1]; /* template name: tmpl_NAME */
	char view[TMPLC_MAX_IDENT + 1]; /* struct VIEW */
	struct tstr decl;  /* the prototype, with ';' and newline */
	struct tstr code;  /* the function definition */
	struct tstr calls; /* names of called templates, '\n' ended */
	int err_line;      /* 1-based line of the first error */
	char err_msg[256]; /* the first error, "" if none */
};

int tmplc_compile(
    const char *name, const char *src, size_t len, struct tmplc_result *r);
void tmplc_result_free(struct tmplc_result *r);
int tmplc_main(int argc, char **argv);

static void
ts_reserve(struct tstr *s, size_t extra)
{
	size_t ncap;
	char *np;

	if (extra > ((size_t)-1) / 4 - s->len) {
		fputs("tmplc: out of memory\n", stderr);
		abort();
	}
	if (s->len + extra + 1 <= s->cap)
		return;
	ncap = s->cap ? s->cap : 256;
	while (ncap < s->len + extra + 1)
		ncap *= 2;
	np = realloc(s->p, ncap);
	if (np == NULL) {
		fputs("tmplc: out of memory\n", stderr);
		abort();
	}
	s->p = np;
	s->cap = ncap;
}

static void
ts_add(struct tstr *s, const void *p, size_t n)
{
	ts_reserve(s, n);
	if (n > 0)
		memcpy(s->p + s->len, p, n);
	s->len += n;
	s->p[s->len] = '\0';
}

static void
ts_adds(struct tstr *s, const char *str)
{
	ts_add(s, str, strlen(str));
}

static void
ts_addc(struct tstr *s, char c)
{
	ts_add(s, &c, 1);
}

static void ts_addf(struct tstr *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
ts_addf(struct tstr *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		fputs("tmplc: bad format\n", stderr);
		abort();
	}
	ts_reserve(s, (size_t)n);
	va_start(ap, fmt);
	n = vsnprintf(s->p + s->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	s->len += (size_t)n;
}

static void
ts_free(struct tstr *s)
{
	free(s->p);
	s->p = NULL;
	s->len = 0;
	s->cap = 0;
}

/* ---- characters ---------------------------------------------------- */

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
is_ident_char(int c)
{
	return is_alpha(c) || is_digit(c) || c == '_';
}

/* HTML whitespace (the tokenizer's: tab, LF, FF, CR, space). */
static bool
is_hspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static bool
is_tspace(int c)
{
	return is_hspace(c) || c == '\v';
}

static char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* True if s is a non-empty C identifier of at most TMPLC_MAX_IDENT bytes. */
static bool
is_ident(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > TMPLC_MAX_IDENT || is_digit((unsigned char)s[0]))
		return false;
	for (i = 0; i < n; i++)
		if (!is_ident_char((unsigned char)s[i]))
			return false;
	return true;
}

static bool
word_is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* Words that cannot name a loop variable. */
static const char *const reserved_words[] = {"v", "b", "loop", "if", "elif",
    "else", "end", "for", "in", "not", "nonempty", "and", "or", "url", "raw",
    "call", "view", "auto", "break", "case", "char", "const", "continue",
    "default", "do", "double", "enum", "extern", "float", "goto", "inline",
    "int", "long", "register", "restrict", "return", "short", "signed",
    "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned",
    "void", "volatile", "while", "bool", "true", "false", "NULL"};

static bool
is_reserved(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(reserved_words) / sizeof(reserved_words[0]); i++)
		if (word_is(s, n, reserved_words[i]))
			return true;
	return n >= 3 && memcmp(s, "tl_", 3) == 0;
}

/* ---- the HTML context lexer ------------------------------------------ */

enum hstate {
	HS_TEXT,            /* data */
	HS_TAG_OPEN,        /* after '<' */
	HS_END_TAG_OPEN,    /* after "</" */
	HS_TAG_NAME,        /* in a tag name */
	HS_BEFORE_ATTR,     /* inside a tag, between attributes */
	HS_ATTR_NAME,       /* in an attribute name */
	HS_AFTER_ATTR_NAME, /* whitespace after an attribute name */
	HS_BEFORE_VALUE,    /* after '=' */
	HS_VALUE_DQ,        /* in a "value" */
	HS_VALUE_SQ,        /* in a 'value' */
	HS_VALUE_UQ,        /* in an unquoted value */
	HS_SELF_CLOSE,      /* after '/' in a tag */
	HS_MARKUP_DECL,     /* after "<!" */
	HS_COMMENT,         /* in <!-- ... --> */
	HS_BOGUS_COMMENT,   /* in <! ... > or <? ... > */
	HS_RAW_CODE,        /* <script> or <style> content */
	HS_RAW_TEXT,        /* <textarea>, <title> etc. content */
};

#define HCTX_NAME 16

/* Attribute kinds. */
#define ATTR_URL 1u    /* takes a URL: a leading substitution needs `url` */
#define ATTR_FORBID 2u /* style, on*, srcdoc: no substitutions at all */

struct hctx {
	enum hstate st;
	bool end_tag;                 /* the current tag is an end tag */
	char tag[HCTX_NAME + 1];      /* current tag name, lower case */
	size_t tag_len;               /* > HCTX_NAME: too long to matter */
	char attr[HCTX_NAME * 2 + 1]; /* current attribute name */
	size_t attr_len;              /* > sizeof attr - 1: too long */
	unsigned attr_flags;          /* ATTR_* of the current attribute */
	bool val_start;               /* value holds only whitespace so far */
	bool attr_unknown; /* branches disagree on the attribute name */
	char raw_end[HCTX_NAME + 1]; /* "script" when in its content */
	size_t raw_match;            /* bytes of "</script" matched */
	unsigned dashes;             /* '-' seen in a comment / markup decl */
};

static const char *
hstate_name(enum hstate st)
{
	switch (st) {
	case HS_TEXT:
		return "text";
	case HS_TAG_OPEN:
	case HS_END_TAG_OPEN:
	case HS_TAG_NAME:
		return "a tag name";
	case HS_BEFORE_ATTR:
	case HS_ATTR_NAME:
	case HS_AFTER_ATTR_NAME:
	case HS_SELF_CLOSE:
		return "an attribute name position";
	case HS_BEFORE_VALUE:
	case HS_VALUE_UQ:
		return "an unquoted attribute value";
	case HS_VALUE_DQ:
	case HS_VALUE_SQ:
		return "an attribute value";
	case HS_MARKUP_DECL:
	case HS_COMMENT:
	case HS_BOGUS_COMMENT:
		return "an HTML comment";
	case HS_RAW_CODE:
		return "script or style content";
	case HS_RAW_TEXT:
		return "raw text element content";
	}
	return "?";
}

static const char *const url_attrs[] = {"href", "src", "action", "formaction",
    "srcset", "poster", "data", "cite", "background", "codebase", "longdesc",
    "usemap", "manifest", "icon", "ping", "xlink:href", "classid", "archive",
    "lowsrc", "dynsrc", "imagesrcset"};

static void
attr_classify(struct hctx *c)
{
	size_t i;

	c->attr_flags = 0;
	if (c->attr_unknown) {
		c->attr_flags = ATTR_FORBID;
		return;
	}
	if (c->attr_len >= sizeof(c->attr)) {
		/* Too long to be a known name; keep only the prefix test. */
		if (c->attr[0] == 'o' && c->attr[1] == 'n')
			c->attr_flags = ATTR_FORBID;
		return;
	}
	if (c->attr_len >= 2 && c->attr[0] == 'o' && c->attr[1] == 'n')
		c->attr_flags = ATTR_FORBID;
	else if (strcmp(c->attr, "style") == 0 ||
	    strcmp(c->attr, "srcdoc") == 0)
		c->attr_flags = ATTR_FORBID;
	for (i = 0; i < sizeof(url_attrs) / sizeof(url_attrs[0]); i++)
		if (strcmp(c->attr, url_attrs[i]) == 0)
			c->attr_flags |= ATTR_URL;
}

static void
name_add(char *buf, size_t *len, size_t size, char ch)
{
	if (*len < size - 1) {
		buf[*len] = lower(ch);
		buf[*len + 1] = '\0';
	}
	if (*len < size)
		(*len)++;
}

/* Returns 0, or -1 for an unsupported construct (message in *why). */
static int
tag_close(struct hctx *c, const char **why)
{
	static const char *const code[] = {"script", "style"};
	static const char *const text[] = {"textarea", "title", "xmp", "iframe",
	    "noembed", "noframes", "noscript"};
	size_t i;

	c->st = HS_TEXT;
	c->raw_end[0] = '\0';
	c->raw_match = 0;
	if (c->end_tag || c->tag_len > HCTX_NAME)
		return 0;
	if (strcmp(c->tag, "plaintext") == 0) {
		*why = "<plaintext> is not supported";
		return -1;
	}
	for (i = 0; i < sizeof(code) / sizeof(code[0]); i++)
		if (strcmp(c->tag, code[i]) == 0)
			c->st = HS_RAW_CODE;
	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		if (strcmp(c->tag, text[i]) == 0)
			c->st = HS_RAW_TEXT;
	if (c->st != HS_TEXT) {
		memcpy(c->raw_end, c->tag, sizeof(c->raw_end));
		c->raw_match = 0;
	}
	return 0;
}

/*
 * hctx_feed advances the context over static text s. Returns 0, or -1 with
 * *why set for constructs tmplc refuses to reason about.
 */
static int
hctx_feed(struct hctx *c, const char *s, size_t n, const char **why)
{
	size_t i = 0;

	while (i < n) {
		char ch = s[i];
		bool reprocess = false;

		switch (c->st) {
		case HS_TEXT:
			if (ch == '<')
				c->st = HS_TAG_OPEN;
			break;
		case HS_TAG_OPEN:
			if (is_alpha((unsigned char)ch)) {
				c->st = HS_TAG_NAME;
				c->end_tag = false;
				c->tag_len = 0;
				c->tag[0] = '\0';
				reprocess = true;
			} else if (ch == '/') {
				c->st = HS_END_TAG_OPEN;
			} else if (ch == '!') {
				c->st = HS_MARKUP_DECL;
				c->dashes = 0;
			} else if (ch == '?') {
				c->st = HS_BOGUS_COMMENT;
			} else {
				c->st = HS_TEXT;
				reprocess = true;
			}
			break;
		case HS_END_TAG_OPEN:
			if (is_alpha((unsigned char)ch)) {
				c->st = HS_TAG_NAME;
				c->end_tag = true;
				c->tag_len = 0;
				c->tag[0] = '\0';
				reprocess = true;
			} else if (ch == '>') {
				c->st = HS_TEXT;
			} else {
				c->st = HS_BOGUS_COMMENT;
			}
			break;
		case HS_TAG_NAME:
			if (is_hspace((unsigned char)ch))
				c->st = HS_BEFORE_ATTR;
			else if (ch == '/')
				c->st = HS_SELF_CLOSE;
			else if (ch == '>') {
				if (tag_close(c, why) < 0)
					return -1;
			} else
				name_add(
				    c->tag, &c->tag_len, sizeof(c->tag), ch);
			break;
		case HS_BEFORE_ATTR:
			if (is_hspace((unsigned char)ch))
				break;
			if (ch == '/')
				c->st = HS_SELF_CLOSE;
			else if (ch == '>') {
				if (tag_close(c, why) < 0)
					return -1;
			} else {
				c->st = HS_ATTR_NAME;
				c->attr_len = 0;
				c->attr[0] = '\0';
				c->attr_unknown = false;
				c->attr_flags = 0;
				reprocess = true;
			}
			break;
		case HS_ATTR_NAME:
			if (is_hspace((unsigned char)ch))
				c->st = HS_AFTER_ATTR_NAME;
			else if (ch == '/')
				c->st = HS_SELF_CLOSE;
			else if (ch == '=') {
				attr_classify(c);
				c->st = HS_BEFORE_VALUE;
			} else if (ch == '>') {
				if (tag_close(c, why) < 0)
					return -1;
			} else
				name_add(
				    c->attr, &c->attr_len, sizeof(c->attr), ch);
			break;
		case HS_AFTER_ATTR_NAME:
			if (is_hspace((unsigned char)ch))
				break;
			if (ch == '/')
				c->st = HS_SELF_CLOSE;
			else if (ch == '=') {
				attr_classify(c);
				c->st = HS_BEFORE_VALUE;
			} else if (ch == '>') {
				if (tag_close(c, why) < 0)
					return -1;
			} else {
				c->st = HS_ATTR_NAME;
				c->attr_len = 0;
				c->attr[0] = '\0';
				c->attr_unknown = false;
				reprocess = true;
			}
			break;
		case HS_BEFORE_VALUE:
			if (is_hspace((unsigned char)ch))
				break;
			if (ch == '"') {
				c->st = HS_VALUE_DQ;
				c->val_start = true;
			} else if (ch == '\'') {
				c->st = HS_VALUE_SQ;
				c->val_start = true;
			} else if (ch == '>') {
				if (tag_close(c, why) < 0)
					return -1;
			} else {
				c->st = HS_VALUE_UQ;
				reprocess = true;
			}
			break;
		case HS_VALUE_DQ:
		case HS_VALUE_SQ:
			if (ch == (c->st == HS_VALUE_DQ ? '"' : '\''))
				c->st = HS_BEFORE_ATTR;
			else if (!is_tspace((unsigned char)ch))
				c->val_start = false;
			break;
		case HS_VALUE_UQ:
			if (is_hspace((unsigned char)ch))
				c->st = HS_BEFORE_ATTR;
			else if (ch == '>') {
				if (tag_close(c, why) < 0)
					return -1;
			}
			break;
		case HS_SELF_CLOSE:
			if (ch == '>') {
				if (tag_close(c, why) < 0)
					return -1;
			} else {
				c->st = HS_BEFORE_ATTR;
				reprocess = true;
			}
			break;
		case HS_MARKUP_DECL:
			if (ch == '-' && c->dashes == 0) {
				c->dashes = 1;
			} else if (ch == '-' && c->dashes == 1) {
				c->st = HS_COMMENT;
				c->dashes = 0;
			} else {
				c->st = HS_BOGUS_COMMENT;
				reprocess = true;
			}
			break;
		case HS_COMMENT:
			if (ch == '-')
				c->dashes = c->dashes < 2 ? c->dashes + 1 : 2;
			else if (ch == '>' && c->dashes >= 2)
				c->st = HS_TEXT;
			else
				c->dashes = 0;
			break;
		case HS_BOGUS_COMMENT:
			if (ch == '>')
				c->st = HS_TEXT;
			break;
		case HS_RAW_CODE:
		case HS_RAW_TEXT: {
			size_t elen = strlen(c->raw_end);

			if (c->raw_match == elen + 2) {
				/* "</script" seen: it ends only on a delimiter. */
				if (is_hspace((unsigned char)ch) || ch == '/' ||
				    ch == '>') {
					c->st = HS_TAG_NAME;
					c->end_tag = true;
					memcpy(
					    c->tag, c->raw_end, sizeof(c->tag));
					c->tag_len = elen;
					reprocess = true;
				}
				c->raw_match = 0;
			} else if (c->raw_match == 0) {
				if (ch == '<')
					c->raw_match = 1;
			} else if (c->raw_match == 1) {
				c->raw_match = ch == '/' ? 2 : 0;
				if (ch == '<')
					c->raw_match = 1;
			} else if (lower(ch) == c->raw_end[c->raw_match - 2]) {
				c->raw_match++;
			} else {
				c->raw_match = ch == '<' ? 1 : 0;
			}
			break;
		}
		}
		if (!reprocess)
			i++;
	}
	return 0;
}

/* Contexts at which two control-flow paths meet must agree. */
static bool
hctx_same_state(const struct hctx *a, const struct hctx *b)
{
	if (a->st != b->st)
		return false;
	switch (a->st) {
	case HS_TEXT:
	case HS_TAG_OPEN:
	case HS_END_TAG_OPEN:
	case HS_BOGUS_COMMENT:
		return true;
	case HS_ATTR_NAME:
		if (a->attr_len != b->attr_len || strcmp(a->attr, b->attr) != 0)
			return false;
		FALLTHROUGH_;
	case HS_TAG_NAME:
	case HS_BEFORE_ATTR:
	case HS_AFTER_ATTR_NAME:
	case HS_BEFORE_VALUE:
	case HS_VALUE_DQ:
	case HS_VALUE_SQ:
	case HS_VALUE_UQ:
	case HS_SELF_CLOSE:
		return a->tag_len == b->tag_len &&
		    strcmp(a->tag, b->tag) == 0 && a->end_tag == b->end_tag;
	case HS_MARKUP_DECL:
	case HS_COMMENT:
		return a->dashes == b->dashes;
	case HS_RAW_CODE:
	case HS_RAW_TEXT:
		return a->raw_match == b->raw_match &&
		    strcmp(a->raw_end, b->raw_end) == 0;
	}
	return false;
}

static bool
in_attr_list(enum hstate st)
{
	return st == HS_BEFORE_ATTR || st == HS_ATTR_NAME ||
	    st == HS_AFTER_ATTR_NAME;
}

/*
 * hctx_merge joins b into a where two control-flow paths meet, keeping the
 * more restrictive facts. Between attributes of the same tag the paths may
 * disagree (`<input {{ if v.c }}checked{{ end }}>`): the result is then an
 * attribute name of unknown identity, whose value accepts no substitution.
 * Returns false if the contexts cannot be merged.
 */
static bool
hctx_merge(struct hctx *a, const struct hctx *b)
{
	if (in_attr_list(a->st) && in_attr_list(b->st) &&
	    a->tag_len == b->tag_len && strcmp(a->tag, b->tag) == 0 &&
	    a->end_tag == b->end_tag) {
		if (a->st != b->st || a->attr_unknown != b->attr_unknown ||
		    (a->st == HS_ATTR_NAME &&
		        (a->attr_len != b->attr_len ||
		            strcmp(a->attr, b->attr) != 0))) {
			a->st = HS_ATTR_NAME;
			a->attr_unknown = true;
		}
		return true;
	}
	if (!hctx_same_state(a, b))
		return false;
	a->attr_flags |= b->attr_flags;
	a->val_start = a->val_start || b->val_start;
	a->attr_unknown = a->attr_unknown || b->attr_unknown;
	return true;
}

/* True if a and b carry the same safety facts (after a merge). */
static bool
hctx_same_facts(const struct hctx *a, const struct hctx *b)
{
	/* In text, leftovers from the last tag's attributes do not matter. */
	if (a->st == HS_TEXT || b->st == HS_TEXT)
		return a->st == b->st;
	return a->st == b->st && a->attr_unknown == b->attr_unknown &&
	    a->attr_flags == b->attr_flags && a->val_start == b->val_start;
}

/* ---- the compiler ----------------------------------------------------- */

enum blk { BLK_IF, BLK_FOR };

struct block {
	enum blk kind;
	int line;
	struct hctx start;  /* context at the opening tag */
	struct hctx joined; /* if: join of the finished branches */
	bool have_joined;
	bool saw_else;
	char var[TMPLC_MAX_IDENT + 1]; /* for: loop variable */
};

struct comp {
	const char *file;
	const char *src;
	size_t len;
	size_t pos;
	int line;
	struct hctx ctx;
	struct block stack[TMPLC_MAX_DEPTH];
	size_t depth;
	struct tstr text; /* static text not yet emitted */
	struct tstr body; /* the function body */
	struct tmplc_result *r;
	bool have_view;
	bool trim_next; /* the previous tag ended with -}} */
};

struct tok {
	const char *p; /* a word, or a string literal's contents (escaped) */
	size_t n;
	bool str;
	char buf[TMPLC_MAX_TAG]; /* the unescaped string literal */
	size_t buf_len;
};

static int fail(struct comp *c, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct comp *c, int line, const char *fmt, ...)
{
	va_list ap;

	if (c->r->err_msg[0] != '\0')
		return -1;
	va_start(ap, fmt);
	vsnprintf(c->r->err_msg, sizeof(c->r->err_msg), fmt, ap);
	va_end(ap);
	if (c->r->err_msg[0] == '\0')
		c->r->err_msg[0] = '?';
	c->r->err_line = line;
	return -1;
}

static void
indent(struct comp *c)
{
	size_t i;

	for (i = 0; i <= c->depth; i++)
		ts_addc(&c->body, '\t');
}

/* Appends bytes s as the body of a C string literal. */
static void
c_literal(struct tstr *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\') {
			ts_addc(o, '\\');
			ts_addc(o, (char)ch);
		} else if (ch == '\n') {
			ts_adds(o, "\\n");
			if (i + 1 < n)
				ts_adds(o, "\"\n\t\t\"");
		} else if (ch == '\t') {
			ts_adds(o, "\\t");
		} else if (ch == '?') {
			ts_adds(o, "\\?"); /* no trigraphs */
		} else if (ch < 0x20 || ch >= 0x7f) {
			ts_addf(o, "\\%03o", ch);
		} else {
			ts_addc(o, (char)ch);
		}
	}
}

static void
flush_text(struct comp *c)
{
	size_t off = 0;

	while (off < c->text.len) {
		size_t n = c->text.len - off;

		if (n > TMPLC_LIT_CHUNK)
			n = TMPLC_LIT_CHUNK;
		indent(c);
		ts_adds(&c->body, "buf_add(b, \"");
		c_literal(&c->body, c->text.p + off, n);
		ts_addf(&c->body, "\", %zu);\n", n);
		off += n;
	}
	c->text.len = 0;
}

/* Static text: advance the context and queue it for output. */
static int
add_text(struct comp *c, const char *s, size_t n, int line)
{
	const char *why = NULL;

	if (hctx_feed(&c->ctx, s, n, &why) < 0)
		return fail(c, line, "%s", why);
	ts_add(&c->text, s, n);
	return 0;
}

static void emit(struct comp *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* emit appends one line of code; lines are bounded by the path limits. */
static void
emit(struct comp *c, const char *fmt, ...)
{
	va_list ap;
	int n;
	char tmp[8192];

	flush_text(c);
	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		fputs("tmplc: internal error: line too long\n", stderr);
		abort();
	}
	indent(c);
	ts_add(&c->body, tmp, (size_t)n);
	ts_addc(&c->body, '\n');
}

static struct block *
innermost_for(struct comp *c)
{
	size_t i;

	for (i = c->depth; i > 0; i--)
		if (c->stack[i - 1].kind == BLK_FOR)
			return &c->stack[i - 1];
	return NULL;
}

static struct block *
find_loop_var(struct comp *c, const char *s, size_t n)
{
	size_t i;

	for (i = c->depth; i > 0; i--)
		if (c->stack[i - 1].kind == BLK_FOR &&
		    word_is(s, n, c->stack[i - 1].var))
			return &c->stack[i - 1];
	return NULL;
}

enum pmode {
	PM_VALUE, /* an rvalue: output or condition */
	PM_PTR,   /* a pointer to the named object: call */
	PM_ARRAY, /* an array with a count beside it: for */
};

/*
 * path_to_c translates a dotted path into C in out (and, for PM_ARRAY, its
 * count expression into count). Returns 0 or -1 after fail().
 */
static int
path_to_c(struct comp *c, int line, const struct tok *t, enum pmode mode,
    char *out, size_t outsz, char *count, size_t countsz)
{
	const char *segs[TMPLC_MAX_SEGS];
	size_t lens[TMPLC_MAX_SEGS];
	size_t nseg = 0, i, start = 0;
	struct block *lv;
	struct tstr o = {0}, cnt = {0};
	int rc = -1;

	if (t->str)
		return fail(c, line, "expected a field path, not a string");
	for (i = 0; i <= t->n; i++) {
		if (i == t->n || t->p[i] == '.') {
			if (nseg == TMPLC_MAX_SEGS)
				return fail(c, line, "path '%.*s' is too long",
				    (int)t->n, t->p);
			if (!is_ident(t->p + start, i - start))
				return fail(c, line, "bad path '%.*s'",
				    (int)t->n, t->p);
			segs[nseg] = t->p + start;
			lens[nseg] = i - start;
			nseg++;
			start = i + 1;
		}
	}
	if (word_is(segs[0], lens[0], "loop")) {
		struct block *f = innermost_for(c);

		if (f == NULL)
			return fail(c, line, "'loop' used outside a for loop");
		if (nseg != 2 || mode != PM_VALUE)
			return fail(c, line,
			    "use loop.index, loop.number or loop.last");
		if (word_is(segs[1], lens[1], "index"))
			ts_addf(&o, "tl_i_%s", f->var);
		else if (word_is(segs[1], lens[1], "number"))
			ts_addf(&o, "(tl_i_%s + 1)", f->var);
		else if (word_is(segs[1], lens[1], "last"))
			ts_addf(&o, "(tl_i_%s + 1 == tl_n_%s)", f->var, f->var);
		else
			return fail(c, line, "unknown loop field '%.*s'",
			    (int)lens[1], segs[1]);
	} else {
		const char *root;
		char rootbuf[TMPLC_MAX_IDENT + 8];
		bool is_v = word_is(segs[0], lens[0], "v");

		if (is_v) {
			root = "v";
		} else {
			lv = find_loop_var(c, segs[0], lens[0]);
			if (lv == NULL)
				return fail(c, line,
				    "unknown variable '%.*s' (use v or a loop "
				    "variable)",
				    (int)lens[0], segs[0]);
			snprintf(rootbuf, sizeof(rootbuf), "tl_v_%s", lv->var);
			root = rootbuf;
		}
		if (nseg == 1) {
			if (mode == PM_ARRAY)
				return fail(c, line,
				    "for needs a field path such as v.items");
			if (mode == PM_PTR || is_v)
				ts_adds(&o, root);
			else
				ts_addf(&o, "(*%s)", root);
		} else {
			if (mode == PM_PTR)
				ts_adds(&o, "&");
			ts_addf(&o, "%s->", root);
			if (mode == PM_ARRAY)
				ts_addf(&cnt, "%s->", root);
			for (i = 1; i < nseg; i++) {
				if (i > 1) {
					ts_addc(&o, '.');
					if (mode == PM_ARRAY)
						ts_addc(&cnt, '.');
				}
				ts_add(&o, segs[i], lens[i]);
				if (mode == PM_ARRAY && i + 1 < nseg)
					ts_add(&cnt, segs[i], lens[i]);
			}
			if (mode == PM_ARRAY) {
				ts_adds(&cnt, "n_");
				ts_add(&cnt, segs[nseg - 1], lens[nseg - 1]);
			}
		}
	}
	if (o.len >= outsz || (count != NULL && cnt.len >= countsz)) {
		fail(c, line, "path '%.*s' is too long", (int)t->n, t->p);
		goto out;
	}
	memcpy(out, o.p, o.len + 1);
	if (count != NULL && cnt.p != NULL)
		memcpy(count, cnt.p, cnt.len + 1);
	rc = 0;
out:
	ts_free(&o);
	ts_free(&cnt);
	return rc;
}

enum subst { SUB_PLAIN, SUB_URL, SUB_RAW, SUB_CALL };

/* Is a substitution of this kind allowed in the current context? */
static int
check_subst(struct comp *c, int line, enum subst kind)
{
	const struct hctx *h = &c->ctx;
	static const char *const kname[] = {
	    "a substitution", "url", "raw", "call"};

	switch (h->st) {
	case HS_TEXT:
		return 0;
	case HS_RAW_TEXT:
		if (kind == SUB_RAW || kind == SUB_CALL)
			return fail(c, line, "%s is not allowed inside <%s>",
			    kname[kind], h->raw_end);
		return 0;
	case HS_RAW_CODE:
		return fail(c, line,
		    "substitution inside <%s> is not allowed (put data in an "
		    "escaped data- attribute)",
		    h->raw_end);
	case HS_VALUE_DQ:
	case HS_VALUE_SQ:
		if (kind == SUB_RAW || kind == SUB_CALL)
			return fail(c, line,
			    "%s is not allowed inside an attribute",
			    kname[kind]);
		if (h->attr_unknown)
			return fail(c, line,
			    "substitution inside an attribute whose name "
			    "depends on an if is not allowed");
		if (h->attr_flags & ATTR_FORBID)
			return fail(c, line,
			    "substitution inside the %s attribute is not "
			    "allowed",
			    h->attr);
		if ((h->attr_flags & ATTR_URL) && h->val_start &&
		    kind != SUB_URL)
			return fail(c, line,
			    "a substitution at the start of the %s attribute "
			    "must use url",
			    h->attr);
		return 0;
	default:
		return fail(c, line, "substitution in %s is not allowed",
		    hstate_name(h->st));
	}
}

static void
after_subst(struct comp *c)
{
	if (c->ctx.st == HS_VALUE_DQ || c->ctx.st == HS_VALUE_SQ)
		c->ctx.val_start = false;
}

/* cond := term (and term)* | term (or term)*; term := [not] [nonempty] P */
static int
parse_cond(struct comp *c, int line, struct tok *t, size_t nt, struct tstr *o)
{
	size_t i = 0;
	const char *join = NULL;
	char expr[1024];

	if (nt == 0)
		return fail(c, line, "missing condition");
	for (;;) {
		bool neg = false, nonempty = false;

		if (i < nt && !t[i].str && word_is(t[i].p, t[i].n, "not")) {
			neg = true;
			i++;
		}
		if (i < nt && !t[i].str &&
		    word_is(t[i].p, t[i].n, "nonempty")) {
			nonempty = true;
			i++;
		}
		if (i >= nt)
			return fail(c, line, "missing path in condition");
		if (path_to_c(c, line, &t[i], PM_VALUE, expr, sizeof(expr),
		        NULL, 0) < 0)
			return -1;
		i++;
		ts_adds(o, neg ? "!" : "");
		ts_addf(o, nonempty ? "html_nonempty(%s)" : "(%s)", expr);
		if (i == nt)
			return 0;
		if (t[i].str ||
		    !(word_is(t[i].p, t[i].n, "and") ||
		        word_is(t[i].p, t[i].n, "or")))
			return fail(c, line,
			    "expected 'and' or 'or' in "
			    "condition");
		if (join != NULL && !word_is(t[i].p, t[i].n, join))
			return fail(c, line,
			    "do not mix 'and' and 'or'; nest ifs instead");
		join = word_is(t[i].p, t[i].n, "and") ? "and" : "or";
		ts_adds(o, join[0] == 'a' ? " && " : " || ");
		i++;
	}
}

/* A branch of the if blk ends here: merge its context into blk->joined. */
static int
branch_done(struct comp *c, struct block *blk, int line)
{
	if (!blk->have_joined)
		blk->joined = c->ctx;
	else if (!hctx_merge(&blk->joined, &c->ctx))
		return fail(c, line,
		    "branches of the if on line %d end in different HTML "
		    "contexts",
		    blk->line);
	blk->have_joined = true;
	return 0;
}

static int
tag_if(struct comp *c, int line, struct tok *t, size_t nt, bool elif)
{
	struct tstr cond = {0};
	struct block *blk;
	int rc = -1;

	if (elif) {
		if (c->depth == 0 || c->stack[c->depth - 1].kind != BLK_IF ||
		    c->stack[c->depth - 1].saw_else)
			return fail(c, line, "elif without if");
	} else if (c->depth == TMPLC_MAX_DEPTH) {
		return fail(c, line, "blocks nested too deeply");
	}
	if (parse_cond(c, line, t + 1, nt - 1, &cond) < 0)
		goto out;
	if (elif) {
		blk = &c->stack[c->depth - 1];
		if (branch_done(c, blk, line) < 0)
			goto out;
		c->ctx = blk->start;
		flush_text(c);
		c->depth--;
		emit(c, "} else if (%s) {", cond.p);
		c->depth++;
	} else {
		emit(c, "if (%s) {", cond.p);
		blk = &c->stack[c->depth++];
		memset(blk, 0, sizeof(*blk));
		blk->kind = BLK_IF;
		blk->line = line;
		blk->start = c->ctx;
	}
	rc = 0;
out:
	ts_free(&cond);
	return rc;
}

static int
tag_else(struct comp *c, int line, size_t nt)
{
	struct block *blk;

	if (nt != 1)
		return fail(c, line, "else takes no arguments");
	if (c->depth == 0 || c->stack[c->depth - 1].kind != BLK_IF ||
	    c->stack[c->depth - 1].saw_else)
		return fail(c, line, "else without if");
	blk = &c->stack[c->depth - 1];
	if (branch_done(c, blk, line) < 0)
		return -1;
	blk->saw_else = true;
	c->ctx = blk->start;
	flush_text(c);
	c->depth--;
	emit(c, "} else {");
	c->depth++;
	return 0;
}

static int
tag_end(struct comp *c, int line, size_t nt)
{
	struct block *blk;

	if (nt != 1)
		return fail(c, line, "end takes no arguments");
	if (c->depth == 0)
		return fail(c, line, "end without if or for");
	blk = &c->stack[c->depth - 1];
	if (blk->kind == BLK_IF) {
		if (branch_done(c, blk, line) < 0)
			return -1;
		/* Without else, the if may run no branch at all. */
		if (!blk->saw_else) {
			c->ctx = blk->start;
			if (branch_done(c, blk, line) < 0)
				return -1;
		}
		c->ctx = blk->joined;
	} else {
		struct hctx m = blk->start;

		if (!hctx_merge(&m, &c->ctx) ||
		    !hctx_same_facts(&m, &blk->start))
			return fail(c, line,
			    "the body of the for on line %d must end in the "
			    "HTML context it starts in",
			    blk->line);
		c->ctx = blk->start;
	}
	flush_text(c);
	c->depth--;
	emit(c, "}");
	return 0;
}

static int
tag_for(struct comp *c, int line, struct tok *t, size_t nt)
{
	char arr[1024], cnt[1024];
	struct block *blk;

	if (nt != 4 || t[1].str || t[2].str || !word_is(t[2].p, t[2].n, "in"))
		return fail(c, line, "expected: for VAR in PATH");
	if (!is_ident(t[1].p, t[1].n) || is_reserved(t[1].p, t[1].n))
		return fail(c, line, "bad loop variable name '%.*s'",
		    (int)t[1].n, t[1].p);
	if (find_loop_var(c, t[1].p, t[1].n) != NULL)
		return fail(c, line, "loop variable '%.*s' is already in use",
		    (int)t[1].n, t[1].p);
	if (c->depth == TMPLC_MAX_DEPTH)
		return fail(c, line, "blocks nested too deeply");
	if (path_to_c(c, line, &t[3], PM_ARRAY, arr, sizeof(arr), cnt,
	        sizeof(cnt)) < 0)
		return -1;
	emit(c,
	    "for (size_t tl_i_%.*s = 0, tl_n_%.*s = %s; tl_i_%.*s < "
	    "tl_n_%.*s; tl_i_%.*s++) {",
	    (int)t[1].n, t[1].p, (int)t[1].n, t[1].p, cnt, (int)t[1].n, t[1].p,
	    (int)t[1].n, t[1].p, (int)t[1].n, t[1].p);
	blk = &c->stack[c->depth++];
	memset(blk, 0, sizeof(*blk));
	blk->kind = BLK_FOR;
	blk->line = line;
	blk->start = c->ctx;
	memcpy(blk->var, t[1].p, t[1].n);
	blk->var[t[1].n] = '\0';
	emit(c, "const __typeof__((%s)[0]) *tl_v_%s = &(%s)[tl_i_%s];", arr,
	    blk->var, arr, blk->var);
	emit(c, "(void)tl_v_%s;", blk->var);
	return 0;
}

static int
tag_call(struct comp *c, int line, struct tok *t, size_t nt)
{
	char arg[1024];

	if (nt != 3 || t[1].str)
		return fail(c, line, "expected: call TEMPLATE PATH");
	if (!is_ident(t[1].p, t[1].n))
		return fail(
		    c, line, "bad template name '%.*s'", (int)t[1].n, t[1].p);
	if (check_subst(c, line, SUB_CALL) < 0)
		return -1;
	if (path_to_c(c, line, &t[2], PM_PTR, arg, sizeof(arg), NULL, 0) < 0)
		return -1;
	emit(c, "tmpl_%.*s(b, %s);", (int)t[1].n, t[1].p, arg);
	ts_add(&c->r->calls, t[1].p, t[1].n);
	ts_addc(&c->r->calls, '\n');
	return 0;
}

static int
tag_output(struct comp *c, int line, struct tok *t, size_t nt)
{
	char expr[1024];
	enum subst kind = SUB_PLAIN;
	const struct tok *p = &t[0];

	if (nt == 2 && !t[0].str && word_is(t[0].p, t[0].n, "url")) {
		kind = SUB_URL;
		p = &t[1];
	} else if (nt == 2 && !t[0].str && word_is(t[0].p, t[0].n, "raw")) {
		kind = SUB_RAW;
		p = &t[1];
	} else if (nt != 1) {
		return fail(
		    c, line, "unknown directive '%.*s'", (int)t[0].n, t[0].p);
	}
	if (check_subst(c, line, kind) < 0)
		return -1;
	if (path_to_c(c, line, p, PM_VALUE, expr, sizeof(expr), NULL, 0) < 0)
		return -1;
	if (kind == SUB_URL)
		emit(c, "html_put_url(b, %s);", expr);
	else if (kind == SUB_RAW)
		emit(c, "html_put_raw(b, %s);", expr);
	else
		emit(c, "html_put(b, %s);", expr);
	after_subst(c);
	return 0;
}

/* A string literal: its contents, HTML-escaped, become static text. */
static int
tag_literal(struct comp *c, int line, const struct tok *t)
{
	struct tstr esc = {0};
	size_t i;
	int rc;

	for (i = 0; i < t->buf_len; i++) {
		switch (t->buf[i]) {
		case '&':
			ts_adds(&esc, "&amp;");
			break;
		case '<':
			ts_adds(&esc, "&lt;");
			break;
		case '>':
			ts_adds(&esc, "&gt;");
			break;
		case '"':
			ts_adds(&esc, "&quot;");
			break;
		case '\'':
			ts_adds(&esc, "&#39;");
			break;
		default:
			ts_addc(&esc, t->buf[i]);
		}
	}
	rc = add_text(c, esc.p ? esc.p : "", esc.len, line);
	ts_free(&esc);
	return rc;
}

static int
tag_view(struct comp *c, int line, struct tok *t, size_t nt)
{
	if (c->have_view)
		return fail(c, line, "view declared twice");
	if (nt != 2 || t[1].str || !is_ident(t[1].p, t[1].n))
		return fail(c, line, "expected: view STRUCT_NAME");
	memcpy(c->r->view, t[1].p, t[1].n);
	c->r->view[t[1].n] = '\0';
	c->have_view = true;
	return 0;
}

/*
 * tokenize splits the inside of a tag (s, n) into words and string literals.
 * toks must hold TMPLC_MAX_TOKENS entries.
 */
static int
tokenize(struct comp *c, int line, const char *s, size_t n, struct tok *toks,
    size_t *ntok)
{
	size_t i = 0;

	*ntok = 0;
	while (i < n) {
		struct tok *t;

		if (is_tspace((unsigned char)s[i])) {
			i++;
			continue;
		}
		if (*ntok == TMPLC_MAX_TOKENS)
			return fail(c, line, "too many words in {{ }}");
		t = &toks[(*ntok)++];
		t->str = false;
		t->buf_len = 0;
		t->p = s + i;
		if (s[i] == '"') {
			t->str = true;
			i++;
			t->p = s + i;
			while (i < n && s[i] != '"') {
				if (s[i] == '\\') {
					if (i + 1 >= n ||
					    (s[i + 1] != '"' &&
					        s[i + 1] != '\\'))
						return fail(c, line,
						    "only \\\" and \\\\ "
						    "escapes "
						    "are allowed in strings");
					i++;
				}
				t->buf[t->buf_len++] = s[i];
				i++;
			}
			if (i >= n)
				return fail(c, line, "unterminated string");
			t->n = (size_t)(s + i - t->p);
			i++;
			continue;
		}
		while (i < n &&
		    (is_ident_char((unsigned char)s[i]) || s[i] == '.'))
			i++;
		t->n = (size_t)(s + i - t->p);
		if (t->n == 0) {
			unsigned char ch = (unsigned char)s[i];

			if (ch >= 0x21 && ch < 0x7f)
				return fail(c, line,
				    "unexpected character '%c' in {{ }}", ch);
			return fail(
			    c, line, "unexpected byte 0x%02x in {{ }}", ch);
		}
	}
	return 0;
}

static int
count_lines(const char *s, size_t n)
{
	int k = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\n')
			k++;
	return k;
}

/*
 * find_tag_end finds the "}}" closing a tag whose inside starts at s[0]
 * (string literals may contain "}}"; comments may contain balanced
 * {{ }}, so that template code can be commented out). Returns the offset of "}}" or
 * (size_t)-1.
 */
static size_t
find_tag_end(const char *s, size_t n, bool comment)
{
	size_t i = 0, depth = 0;

	while (i + 1 < n) {
		if (!comment && s[i] == '"') {
			i++;
			while (i < n && s[i] != '"') {
				if (s[i] == '\\' && i + 1 < n)
					i++;
				i++;
			}
			if (i >= n)
				return (size_t)-1;
			i++;
			continue;
		}
		if (comment && s[i] == '{' && s[i + 1] == '{') {
			depth++;
			i += 2;
			continue;
		}
		if (s[i] == '}' && s[i + 1] == '}') {
			if (depth == 0)
				return i;
			depth--;
			i += 2;
			continue;
		}
		i++;
	}
	return (size_t)-1;
}

static int
compile_tag(struct comp *c, int line, const char *in, size_t n)
{
	static struct tok toks[TMPLC_MAX_TOKENS];
	size_t nt;
	struct tok *t = toks;

	if (tokenize(c, line, in, n, toks, &nt) < 0)
		return -1;
	if (nt == 0)
		return fail(c, line, "empty {{ }}");
	if (!c->have_view && !(!t[0].str && word_is(t[0].p, t[0].n, "view")))
		return fail(c, line,
		    "the template must start with {{view STRUCT_NAME}}");
	if (t[0].str) {
		if (nt != 1)
			return fail(c, line, "unexpected words after string");
		return tag_literal(c, line, &t[0]);
	}
	if (word_is(t[0].p, t[0].n, "view"))
		return tag_view(c, line, t, nt);
	if (word_is(t[0].p, t[0].n, "if"))
		return tag_if(c, line, t, nt, false);
	if (word_is(t[0].p, t[0].n, "elif"))
		return tag_if(c, line, t, nt, true);
	if (word_is(t[0].p, t[0].n, "else"))
		return tag_else(c, line, nt);
	if (word_is(t[0].p, t[0].n, "end"))
		return tag_end(c, line, nt);
	if (word_is(t[0].p, t[0].n, "for"))
		return tag_for(c, line, t, nt);
	if (word_is(t[0].p, t[0].n, "call"))
		return tag_call(c, line, t, nt);
	return tag_output(c, line, t, nt);
}

static int
compile_body(struct comp *c)
{
	const char *s = c->src;
	size_t n = c->len;

	while (c->pos < n) {
		size_t open, seglen, inner, close_off, after;
		const char *seg = s + c->pos;
		const char *hit = NULL;
		bool ltrim, rtrim, comment;
		int tag_line;

		/* Find the next "{{". */
		for (open = c->pos; open + 1 < n; open++)
			if (s[open] == '{' && s[open + 1] == '{') {
				hit = s + open;
				break;
			}
		if (hit == NULL)
			open = n;
		seglen = open - c->pos;
		ltrim = hit != NULL && open + 2 < n && s[open + 2] == '-';
		if (c->trim_next)
			while (seglen > 0 && is_tspace((unsigned char)*seg)) {
				c->line += *seg == '\n';
				seg++;
				seglen--;
			}
		if (ltrim)
			while (seglen > 0 &&
			    is_tspace((unsigned char)seg[seglen - 1]))
				seglen--;
		if (!c->have_view) {
			size_t k;

			for (k = 0; k < seglen; k++)
				if (!is_tspace((unsigned char)seg[k]))
					return fail(c, c->line,
					    "the template must start with "
					    "{{view STRUCT_NAME}}");
		} else if (add_text(c, seg, seglen, c->line) < 0) {
			return -1;
		}
		c->line += count_lines(s + c->pos, open - c->pos) -
		    count_lines(s + c->pos, (size_t)(seg - (s + c->pos)));
		c->trim_next = false;
		if (hit == NULL) {
			c->pos = n;
			break;
		}
		tag_line = c->line;
		inner = open + 2 + (ltrim ? 1 : 0);
		comment = inner < n && s[inner] == '!';
		close_off = find_tag_end(s + inner, n - inner, comment);
		if (close_off == (size_t)-1)
			return fail(c, tag_line, "unterminated {{");
		if (close_off > TMPLC_MAX_TAG)
			return fail(c, tag_line, "{{ }} is too long");
		rtrim = close_off > 0 && s[inner + close_off - 1] == '-';
		after = inner + close_off + 2;
		if (!comment) {
			size_t m = close_off - (rtrim ? 1 : 0);

			if (compile_tag(c, tag_line, s + inner, m) < 0)
				return -1;
		}
		c->line += count_lines(s + open, after - open);
		c->pos = after;
		c->trim_next = rtrim;
		if (!comment && !c->have_view)
			return fail(c, tag_line, "internal: view not set");
		/* The newline after {{view ...}} is not output. */
		if (!comment && c->r->decl.len == 0) {
			if (c->pos < n && s[c->pos] == '\r')
				c->pos++;
			if (c->pos < n && s[c->pos] == '\n') {
				c->pos++;
				c->line++;
			}
			ts_addf(&c->r->decl,
			    "void tmpl_%s(struct buf *b, const struct %s "
			    "*v);\n",
			    c->r->name, c->r->view);
		}
	}
	if (!c->have_view)
		return fail(c, c->line,
		    "the template must start with {{view STRUCT_NAME}}");
	if (c->depth > 0)
		return fail(c, c->stack[c->depth - 1].line, "%s without end",
		    c->stack[c->depth - 1].kind == BLK_IF ? "if" : "for");
	if (c->ctx.st != HS_TEXT)
		return fail(c, c->line, "the template ends inside %s",
		    hstate_name(c->ctx.st));
	return 0;
}

/*
 * tmplc_compile compiles the template NAME (a C identifier) whose text is
 * src[0..len) into r (which it initialises; release it with
 * tmplc_result_free). Returns 0, or -1 with r->err_line and r->err_msg set.
 */
int
tmplc_compile(
    const char *name, const char *src, size_t len, struct tmplc_result *r)
{
	struct comp c;
	int rc;

	memset(r, 0, sizeof(*r));
	memset(&c, 0, sizeof(c));
	c.src = src;
	c.len = len;
	c.line = 1;
	c.r = r;
	c.ctx.st = HS_TEXT;
	if (!is_ident(name, strlen(name)))
		return fail(
		    &c, 1, "template name '%s' is not a C identifier", name);
	memcpy(r->name, name, strlen(name) + 1);
	if (len > TMPLC_MAX_INPUT)
		return fail(
		    &c, 1, "template is larger than %u bytes", TMPLC_MAX_INPUT);
	if (memchr(src, '\0', len) != NULL)
		return fail(&c,
		    count_lines(src,
		        (size_t)((const char *)memchr(src, '\0', len) - src)) +
		        1,
		    "NUL byte in template");
	rc = compile_body(&c);
	if (rc == 0) {
		flush_text(&c);
		ts_addf(&r->code,
		    "void\ntmpl_%s(struct buf *b, const struct %s *v)\n{\n"
		    "\t(void)b;\n\t(void)v;\n",
		    r->name, r->view);
		ts_add(&r->code, c.body.p ? c.body.p : "", c.body.len);
		ts_adds(&r->code, "}\n");
	}
	ts_free(&c.text);
	ts_free(&c.body);
	return rc;
}

void
tmplc_result_free(struct tmplc_result *r)
{
	ts_free(&r->decl);
	ts_free(&r->code);
	ts_free(&r->calls);
}

/* ---- the command line ------------------------------------------------- */

static int
read_file(const char *path, struct tstr *out)
{
	FILE *f = fopen(path, "rb");
	char tmp[8192];
	size_t n;

	if (f == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0) {
		if (out->len + n > TMPLC_MAX_INPUT) {
			fprintf(stderr,
			    "%s:1: template is larger than %u bytes\n", path,
			    TMPLC_MAX_INPUT);
			fclose(f);
			return -1;
		}
		ts_add(out, tmp, n);
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: read error\n", path);
		fclose(f);
		return -1;
	}
	fclose(f);
	if (out->p == NULL)
		ts_add(out, "", 0);
	return 0;
}

static int
write_file(const char *path, const struct tstr *s)
{
	struct tstr tmp = {0};
	FILE *f;
	int rc = -1;

	ts_addf(&tmp, "%s.tmp", path);
	f = fopen(tmp.p, "wb");
	if (f == NULL) {
		fprintf(stderr, "tmplc: %s: %s\n", tmp.p, strerror(errno));
		goto out;
	}
	if (fwrite(s->p, 1, s->len, f) != s->len) {
		fprintf(stderr, "tmplc: %s: write error\n", tmp.p);
		fclose(f);
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp.p, path) != 0) {
		fprintf(stderr, "tmplc: %s: %s\n", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	ts_free(&tmp);
	return rc;
}

/* The template name of a path: its basename without ".html". */
static int
template_name(const char *path, char *out, size_t outsz)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n < 6 || strcmp(base + n - 5, ".html") != 0)
		return -1;
	n -= 5;
	if (!is_ident(base, n) || n >= outsz)
		return -1;
	memcpy(out, base, n);
	out[n] = '\0';
	return 0;
}

static bool
known_template(struct tmplc_result *rs, size_t nr, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (word_is(s, n, rs[i].name))
			return true;
	return false;
}

/*
 * tmplc_main is the command line: tmplc -o PREFIX FILE.html... Returns the
 * exit status (0, 1 for template errors, 2 for usage).
 */
int
tmplc_main(int argc, char **argv)
{
	struct tmplc_result *rs = NULL;
	struct tstr h = {0}, cc = {0}, src = {0}, guard = {0};
	const char *prefix = NULL, *hbase;
	size_t nr = 0, i, k;
	int rc = 1;

	if (argc < 3 || strcmp(argv[1], "-o") != 0) {
		fputs("usage: tmplc -o PREFIX FILE.html...\n", stderr);
		return 2;
	}
	prefix = argv[2];
	if (argc - 3 > TMPLC_MAX_FILES) {
		fputs("tmplc: too many templates\n", stderr);
		return 2;
	}
	rs = calloc((size_t)argc, sizeof(*rs));
	if (rs == NULL)
		abort();
	for (i = 3; i < (size_t)argc; i++) {
		char name[TMPLC_MAX_IDENT + 1];

		if (template_name(argv[i], name, sizeof(name)) < 0) {
			fprintf(stderr,
			    "%s:1: file name must be IDENTIFIER.html\n",
			    argv[i]);
			goto out;
		}
		if (known_template(rs, nr, name, strlen(name))) {
			fprintf(stderr, "%s:1: template %s given twice\n",
			    argv[i], name);
			goto out;
		}
		src.len = 0;
		if (read_file(argv[i], &src) < 0)
			goto out;
		if (tmplc_compile(name, src.p, src.len, &rs[nr]) < 0) {
			fprintf(stderr, "%s:%d: %s\n", argv[i], rs[nr].err_line,
			    rs[nr].err_msg);
			nr++;
			goto out;
		}
		nr++;
	}
	for (i = 0; i < nr; i++) {
		const char *p = rs[i].calls.p;

		while (p != NULL && *p != '\0') {
			const char *e = strchr(p, '\n');

			if (!known_template(rs, nr, p, (size_t)(e - p))) {
				fprintf(stderr,
				    "%s:1: call of unknown template %.*s\n",
				    argv[i + 3], (int)(e - p), p);
				goto out;
			}
			p = e + 1;
		}
	}
	hbase = strrchr(prefix, '/');
	hbase = hbase ? hbase + 1 : prefix;
	ts_adds(&h, "/* Generated by tools/tmplc; do not edit. */\n");
	for (k = 0; hbase[k] != '\0'; k++) {
		char ch = hbase[k];

		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		ts_addc(&guard, is_ident_char((unsigned char)ch) ? ch : '_');
	}
	ts_addf(&h, "#ifndef TMPLC_GENERATED_%s_H\n", guard.p);
	ts_addf(&h, "#define TMPLC_GENERATED_%s_H\n", guard.p);
	ts_adds(&h,
	    "\n#include \"core/buf.h\"\n#include "
	    "\"web/html.h\"\n#include \"web/views.h\"\n\n");
	ts_adds(&cc,
	    "/* Generated by tools/tmplc; do not edit. */\n"
	    "#include \"core/common.h\"\n");
	ts_addf(&cc, "#include \"%s.h\"\n", hbase);
	for (i = 0; i < nr; i++) {
		ts_addf(&h, "/* %s */\n", argv[i + 3]);
		ts_add(&h, rs[i].decl.p, rs[i].decl.len);
		ts_addf(&cc, "\n/* %s */\n", argv[i + 3]);
		ts_add(&cc, rs[i].code.p, rs[i].code.len);
	}
	ts_adds(&h, "\n#endif\n");
	{
		struct tstr path = {0};
		int wrc;

		ts_addf(&path, "%s.h", prefix);
		wrc = write_file(path.p, &h);
		path.len = 0;
		ts_addf(&path, "%s.c", prefix);
		if (wrc == 0)
			wrc = write_file(path.p, &cc);
		ts_free(&path);
		if (wrc < 0)
			goto out;
	}
	rc = 0;
out:
	for (i = 0; i < nr; i++)
		tmplc_result_free(&rs[i]);
	free(rs);
	ts_free(&h);
	ts_free(&cc);
	ts_free(&src);
	ts_free(&guard);
	return rc;
}

#ifndef TMPLC_NO_MAIN
int
main(int argc, char **argv)
{
	return tmplc_main(argc, argv);
}
#endif
