/*
 * bake_svg.c: SVG badge baking and extraction (see bake_svg.h).
 *
 * svg_scan() reads the whole document once, front to back, with explicit
 * limits and no recursion. It keeps a stack of open elements and of the
 * namespace declarations they made, so element names are resolved to
 * (namespace URI, local name) as XML Namespaces define. It records where
 * the root start tag ends, the spans of the badge elements (from '<' to the
 * end of their end tag) and, for the first one, its verify attribute and
 * character data. Baking then copies the input around those spans; nothing
 * else in the document is touched. The scan state is one heap block freed
 * on every path; output goes only to the caller's struct buf.
 *
 * Not done (documented limits of a scanner that is not a full XML parser):
 * line-end normalisation of text (CDATA is returned byte for byte) and
 * checks of name characters beyond the delimiters.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/bake_svg.h"

#define SVG_MAX_MATCHES 16
#define SVG_MAX_NAME 1024
#define SVG_MAX_URI 4096

struct svg_span {
	size_t off, len;
};

struct svg_attr {
	struct svg_span name, val;
};

struct svg_ns {
	struct svg_span pfx, uri; /* pfx.len == 0: default namespace */
};

struct svg_open {
	struct svg_span name;
	size_t ns_mark; /* nns before this element's declarations */
	bool match;
};

struct svg_scan {
	const char *p;
	size_t len, pos;
	char *msg;
	size_t msgsz;
	const char *uri, *local; /* the badge element */
	struct svg_ns ns[SVG_MAX_NS];
	size_t nns;
	struct svg_open el[SVG_MAX_DEPTH];
	size_t depth;
	/* Root. */
	struct svg_span root_name;
	size_t root_tag_end; /* offset of '>' or of '/' in "/>" */
	size_t root_after;   /* offset just past the start tag */
	size_t root_nns;     /* declarations the root made: ns[0..root_nns) */
	bool root_empty;
	/* Matches. */
	struct svg_span match[SVG_MAX_MATCHES];
	size_t nmatch;
	bool in_match;
	/* First match, when collecting (unbake). */
	bool collect, has_verify, saw_cdata, text_nonws;
	struct buf *verify;
	struct buf all, cdata;
};

static void svg_msg(struct svg_scan *s, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void
svg_msg(struct svg_scan *s, const char *fmt, ...)
{
	va_list ap;

	if (s->msg == NULL || s->msgsz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(s->msg, s->msgsz, fmt, ap);
	va_end(ap);
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
span_eq(const struct svg_scan *s, struct svg_span a, const char *str, size_t n)
{
	return a.len == n && memcmp(s->p + a.off, str, n) == 0;
}

static bool
starts(const struct svg_scan *s, const char *lit)
{
	size_t n = strlen(lit);

	return s->len - s->pos >= n && memcmp(s->p + s->pos, lit, n) == 0;
}

/* skip_past moves pos just past the next occurrence of lit. */
static bool
skip_past(struct svg_scan *s, const char *lit, size_t *found)
{
	size_t n = strlen(lit);
	const char *f = memmem(s->p + s->pos, s->len - s->pos, lit, n);

	if (f == NULL)
		return false;
	if (found != NULL)
		*found = (size_t)(f - s->p);
	s->pos = (size_t)(f - s->p) + n;
	return true;
}

static void
put_utf8(struct buf *b, uint32_t cp)
{
	char u[4];

	if (cp < 0x80) {
		u[0] = (char)cp;
		buf_add(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 4);
	}
}

/*
 * decode appends the character data p[0..n) to out, expanding the five
 * predefined entities and character references; attr applies attribute
 * value normalisation (tab, CR, LF and CRLF become one space).
 */
static int
decode(const char *p, size_t n, bool attr, struct buf *out)
{
	static const struct {
		const char *name;
		char c;
	} ents[] = {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'},
	    {"apos", '\''}};
	size_t i = 0, j, k, semi;
	uint32_t cp;

	while (i < n) {
		if (attr && (p[i] == '\t' || p[i] == '\n' || p[i] == '\r')) {
			if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n')
				i++;
			buf_addc(out, ' ');
			i++;
			continue;
		}
		if (p[i] != '&') {
			for (j = i; j < n && p[j] != '&' &&
			     !(attr &&
			         (p[j] == '\t' || p[j] == '\n' ||
			             p[j] == '\r'));
			     j++)
				;
			buf_add(out, p + i, j - i);
			i = j;
			continue;
		}
		for (semi = i + 1; semi < n && semi - i <= 12 && p[semi] != ';';
		     semi++)
			;
		if (semi >= n || p[semi] != ';')
			return ERR_INVAL;
		if (p[i + 1] == '#') {
			bool hex = semi > i + 2 && p[i + 2] == 'x';
			cp = 0;
			j = i + (hex ? 3 : 2);
			if (j == semi)
				return ERR_INVAL;
			for (; j < semi; j++) {
				int d;
				char c = p[j];
				if (c >= '0' && c <= '9')
					d = c - '0';
				else if (hex && c >= 'a' && c <= 'f')
					d = c - 'a' + 10;
				else if (hex && c >= 'A' && c <= 'F')
					d = c - 'A' + 10;
				else
					return ERR_INVAL;
				cp = cp * (hex ? 16 : 10) + (uint32_t)d;
				if (cp > 0x10ffff)
					return ERR_INVAL;
			}
			if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) ||
			    (cp < 0x20 && cp != 9 && cp != 10 && cp != 13))
				return ERR_INVAL;
			put_utf8(out, cp);
		} else {
			for (k = 0; k < NELEM(ents); k++)
				if (semi - i - 1 == strlen(ents[k].name) &&
				    memcmp(p + i + 1, ents[k].name,
				        semi - i - 1) == 0)
					break;
			if (k == NELEM(ents))
				return ERR_INVAL; /* undeclared entity */
			buf_addc(out, ents[k].c);
		}
		i = semi + 1;
	}
	return buf_err(out);
}

/* uri_is: does the (raw) attribute value v decode to uri? */
static bool
uri_is(const struct svg_scan *s, struct svg_span v, const char *uri)
{
	struct buf b;
	bool eq;

	if (memchr(s->p + v.off, '&', v.len) == NULL)
		return span_eq(s, v, uri, strlen(uri));
	buf_init(&b, NULL, SVG_MAX_URI);
	eq = decode(s->p + v.off, v.len, true, &b) == 0 &&
	    strcmp(b.data, uri) == 0 && b.len == strlen(uri);
	buf_free(&b);
	return eq;
}

/* read_name reads a (Q)Name at pos. */
static bool
read_name(struct svg_scan *s, struct svg_span *n)
{
	size_t i = s->pos;

	while (i < s->len && !is_ws(s->p[i]) && s->p[i] != '>' &&
	    s->p[i] != '/' && s->p[i] != '=' && s->p[i] != '<' &&
	    s->p[i] != '"' && s->p[i] != '\'' && s->p[i] != '&' &&
	    i - s->pos < SVG_MAX_NAME)
		i++;
	if (i == s->pos || i - s->pos >= SVG_MAX_NAME)
		return false;
	n->off = s->pos;
	n->len = i - s->pos;
	s->pos = i;
	return true;
}

static void
skip_ws(struct svg_scan *s)
{
	while (s->pos < s->len && is_ws(s->p[s->pos]))
		s->pos++;
}

/* split_qname: the prefix (len 0 if none) and local part of name. */
static void
split_qname(const struct svg_scan *s, struct svg_span name,
    struct svg_span *pfx, struct svg_span *local)
{
	const char *c = memchr(s->p + name.off, ':', name.len);

	if (c == NULL) {
		pfx->off = name.off;
		pfx->len = 0;
		*local = name;
		return;
	}
	pfx->off = name.off;
	pfx->len = (size_t)(c - (s->p + name.off));
	local->off = name.off + pfx->len + 1;
	local->len = name.len - pfx->len - 1;
}

/* resolve: the binding for prefix pfx, or NULL. */
static const struct svg_ns *
resolve(const struct svg_scan *s, struct svg_span pfx)
{
	size_t i;

	for (i = s->nns; i-- > 0;)
		if (s->ns[i].pfx.len == pfx.len &&
		    memcmp(s->p + s->ns[i].pfx.off, s->p + pfx.off, pfx.len) ==
		        0)
			return &s->ns[i];
	return NULL;
}

/*
 * start_tag parses the start tag at pos ('<' already checked), pushes it
 * and its namespace declarations. *empty is set for "/>".
 */
static int
start_tag(struct svg_scan *s, bool *empty, size_t *tag_end)
{
	struct svg_attr at[SVG_MAX_ATTRS];
	struct svg_span name, pfx, local;
	const struct svg_ns *b;
	struct svg_open *o;
	size_t nat = 0, i, mark = s->nns, start = s->pos;
	const char *q;
	char quote;

	s->pos++;
	if (!read_name(s, &name)) {
		svg_msg(s, "the SVG has a malformed tag at byte %zu", start);
		return ERR_INVAL;
	}
	for (;;) {
		size_t before = s->pos;
		skip_ws(s);
		if (s->pos >= s->len)
			goto trunc;
		if (s->p[s->pos] == '>') {
			*empty = false;
			*tag_end = s->pos;
			s->pos++;
			break;
		}
		if (s->p[s->pos] == '/') {
			if (s->len - s->pos < 2 || s->p[s->pos + 1] != '>')
				goto bad;
			*empty = true;
			*tag_end = s->pos;
			s->pos += 2;
			break;
		}
		if (before == s->pos || nat == SVG_MAX_ATTRS) {
			if (nat == SVG_MAX_ATTRS) {
				svg_msg(s,
				    "an SVG tag has more than %d "
				    "attributes",
				    SVG_MAX_ATTRS);
				return ERR_TOOBIG;
			}
			goto bad;
		}
		if (!read_name(s, &at[nat].name))
			goto bad;
		skip_ws(s);
		if (s->pos >= s->len || s->p[s->pos] != '=')
			goto bad;
		s->pos++;
		skip_ws(s);
		if (s->pos >= s->len ||
		    (s->p[s->pos] != '"' && s->p[s->pos] != '\''))
			goto bad;
		quote = s->p[s->pos++];
		q = memchr(s->p + s->pos, quote, s->len - s->pos);
		if (q == NULL)
			goto trunc;
		at[nat].val.off = s->pos;
		at[nat].val.len = (size_t)(q - (s->p + s->pos));
		if (memchr(s->p + s->pos, '<', at[nat].val.len) != NULL)
			goto bad;
		s->pos = (size_t)(q - s->p) + 1;
		for (i = 0; i < nat; i++)
			if (at[i].name.len == at[nat].name.len &&
			    memcmp(s->p + at[i].name.off,
			        s->p + at[nat].name.off, at[i].name.len) == 0) {
				svg_msg(s,
				    "an SVG tag repeats an attribute "
				    "(byte %zu)",
				    start);
				return ERR_INVAL;
			}
		nat++;
	}
	/* Namespace declarations first: they apply to this very tag. */
	for (i = 0; i < nat; i++) {
		bool def = span_eq(s, at[i].name, "xmlns", 5);
		bool pre = at[i].name.len > 6 &&
		    memcmp(s->p + at[i].name.off, "xmlns:", 6) == 0;
		if (!def && !pre)
			continue;
		if (s->nns == SVG_MAX_NS) {
			svg_msg(s, "the SVG declares more than %d namespaces",
			    SVG_MAX_NS);
			return ERR_TOOBIG;
		}
		s->ns[s->nns].pfx.off = at[i].name.off + (def ? 5 : 6);
		s->ns[s->nns].pfx.len = at[i].name.len - (def ? 5 : 6);
		s->ns[s->nns].uri = at[i].val;
		s->nns++;
	}
	if (s->depth == SVG_MAX_DEPTH) {
		svg_msg(
		    s, "the SVG nests elements deeper than %d", SVG_MAX_DEPTH);
		return ERR_TOOBIG;
	}
	o = &s->el[s->depth++];
	o->name = name;
	o->ns_mark = mark;
	split_qname(s, name, &pfx, &local);
	b = resolve(s, pfx);
	o->match = b != NULL && b->uri.len > 0 &&
	    span_eq(s, local, s->local, strlen(s->local)) &&
	    uri_is(s, b->uri, s->uri);
	if (pfx.len > 0 && b == NULL) {
		svg_msg(s,
		    "the SVG uses an undeclared namespace prefix "
		    "(byte %zu)",
		    start);
		return ERR_INVAL;
	}
	if (o->match) {
		if (s->in_match)
			goto nested;
		if (s->nmatch == SVG_MAX_MATCHES) {
			svg_msg(s, "the SVG has too many badge elements");
			return ERR_INVAL;
		}
		s->match[s->nmatch].off = start;
		if (s->collect && s->nmatch == 0) {
			for (i = 0; i < nat; i++) {
				if (!span_eq(s, at[i].name, "verify", 6))
					continue;
				s->has_verify = true;
				if (decode(s->p + at[i].val.off, at[i].val.len,
				        true, s->verify)) {
					svg_msg(s,
					    "the verify attribute has "
					    "an invalid or unknown "
					    "entity reference");
					return ERR_INVAL;
				}
			}
		}
		s->in_match = true;
	} else if (s->in_match) {
		goto nested;
	}
	return 0;
nested:
	svg_msg(
	    s, "the badge element contains another element (byte %zu)", start);
	return ERR_INVAL;
trunc:
	svg_msg(s, "the SVG is truncated inside a tag (byte %zu)", start);
	return ERR_INVAL;
bad:
	svg_msg(s, "the SVG has a malformed tag at byte %zu", start);
	return ERR_INVAL;
}

/* close_elem pops the open element (its tag ended at end). */
static void
close_elem(struct svg_scan *s, size_t end)
{
	struct svg_open *o = &s->el[--s->depth];

	if (o->match) {
		s->match[s->nmatch].len = end - s->match[s->nmatch].off;
		s->nmatch++;
		s->in_match = false;
	}
	s->nns = o->ns_mark;
}

static int
add_text(struct svg_scan *s, size_t from, size_t to)
{
	size_t i;

	if (!s->in_match || !s->collect || s->nmatch != 0)
		return 0;
	for (i = from; i < to; i++)
		if (!is_ws(s->p[i]))
			s->text_nonws = true;
	if (decode(s->p + from, to - from, false, &s->all)) {
		svg_msg(s,
		    "the badge element has an invalid or unknown "
		    "entity reference");
		return ERR_INVAL;
	}
	return 0;
}

/* misc skips a comment or processing instruction at pos, if any. */
static int
misc(struct svg_scan *s, bool *done)
{
	*done = true;
	if (starts(s, "<!--")) {
		s->pos += 4;
		if (!skip_past(s, "-->", NULL))
			goto trunc;
		return 0;
	}
	if (starts(s, "<?")) {
		if (!skip_past(s, "?>", NULL))
			goto trunc;
		return 0;
	}
	*done = false;
	return 0;
trunc:
	svg_msg(s,
	    "the SVG is truncated (unterminated comment or processing "
	    "instruction)");
	return ERR_INVAL;
}

static int
doctype(struct svg_scan *s)
{
	char q;

	s->pos += 9;
	while (s->pos < s->len && s->p[s->pos] != '>') {
		q = s->p[s->pos];
		if (q == '[') {
			svg_msg(s,
			    "the SVG has a DOCTYPE with an internal "
			    "subset (entity declarations are not "
			    "allowed)");
			return ERR_INVAL;
		}
		if (q == '"' || q == '\'') {
			const char *e =
			    memchr(s->p + s->pos + 1, q, s->len - s->pos - 1);
			if (e == NULL)
				break;
			s->pos = (size_t)(e - s->p);
		}
		s->pos++;
	}
	if (s->pos >= s->len) {
		svg_msg(s, "the SVG is truncated inside its DOCTYPE");
		return ERR_INVAL;
	}
	s->pos++;
	return 0;
}

static int
svg_scan(struct svg_scan *s)
{
	struct svg_span pfx, local, name;
	size_t lt, tag_end;
	bool done, empty, seen_doctype = false;
	int rc;

	if (s->len > SVG_MAX_BYTES) {
		svg_msg(s, "the SVG is larger than %zu bytes",
		    (size_t)SVG_MAX_BYTES);
		return ERR_TOOBIG;
	}
	if (starts(s, "\xef\xbb\xbf"))
		s->pos = 3;
	/* Prolog. */
	for (;;) {
		skip_ws(s);
		if (s->pos >= s->len)
			goto notsvg;
		rc = misc(s, &done);
		if (rc)
			return rc;
		if (done)
			continue;
		if (starts(s, "<!DOCTYPE") && !seen_doctype) {
			seen_doctype = true;
			rc = doctype(s);
			if (rc)
				return rc;
			continue;
		}
		if (s->p[s->pos] != '<' || starts(s, "<!") || starts(s, "</"))
			goto notsvg;
		break;
	}
	rc = start_tag(s, &empty, &tag_end);
	if (rc)
		return rc;
	s->root_name = s->el[0].name;
	split_qname(s, s->root_name, &pfx, &local);
	if (!span_eq(s, local, "svg", 3) || s->el[0].match)
		goto notsvg;
	s->root_tag_end = tag_end;
	s->root_after = s->pos;
	s->root_nns = s->nns;
	s->root_empty = empty;
	if (empty)
		s->depth = 0;
	/* Content. */
	while (s->depth > 0) {
		const char *p = memchr(s->p + s->pos, '<', s->len - s->pos);
		if (p == NULL)
			goto trunc;
		lt = (size_t)(p - s->p);
		rc = add_text(s, s->pos, lt);
		if (rc)
			return rc;
		s->pos = lt;
		rc = misc(s, &done);
		if (rc)
			return rc;
		if (done)
			continue;
		if (starts(s, "<![CDATA[")) {
			size_t from = s->pos + 9, at;
			s->pos = from;
			if (!skip_past(s, "]]>", &at))
				goto trunc;
			if (s->in_match && s->collect && s->nmatch == 0) {
				s->saw_cdata = true;
				buf_add(&s->all, s->p + from, at - from);
				buf_add(&s->cdata, s->p + from, at - from);
			}
			continue;
		}
		if (starts(s, "<!")) {
			svg_msg(s,
			    "the SVG has markup declarations inside "
			    "its content (byte %zu)",
			    lt);
			return ERR_INVAL;
		}
		if (starts(s, "</")) {
			struct svg_open *o = &s->el[s->depth - 1];
			s->pos += 2;
			if (!read_name(s, &name) || name.len != o->name.len ||
			    memcmp(s->p + name.off, s->p + o->name.off,
			        name.len) != 0) {
				svg_msg(s,
				    "the SVG has a mismatched end tag "
				    "at byte %zu",
				    lt);
				return ERR_INVAL;
			}
			skip_ws(s);
			if (s->pos >= s->len || s->p[s->pos] != '>')
				goto trunc;
			s->pos++;
			close_elem(s, s->pos);
			continue;
		}
		rc = start_tag(s, &empty, &tag_end);
		if (rc)
			return rc;
		if (empty)
			close_elem(s, s->pos);
	}
	/* Epilogue: only comments, PIs and whitespace. */
	for (;;) {
		skip_ws(s);
		if (s->pos >= s->len)
			break;
		rc = misc(s, &done);
		if (rc)
			return rc;
		if (!done) {
			svg_msg(
			    s, "the SVG has content after its root element");
			return ERR_INVAL;
		}
	}
	if (buf_err(&s->all) || (s->verify && buf_err(s->verify))) {
		svg_msg(s, "the badge data is too large");
		return ERR_TOOBIG;
	}
	return 0;
notsvg:
	svg_msg(s, "the file is not an SVG document (no <svg> root element)");
	return ERR_INVAL;
trunc:
	svg_msg(s, "the SVG is truncated (unclosed elements)");
	return ERR_INVAL;
}

static struct svg_scan *
scan_new(const char *in, size_t len, enum svg_ob v, char *msg, size_t msgsz)
{
	struct svg_scan *s = xcalloc(1, sizeof(*s));

	s->p = in;
	s->len = len;
	s->msg = msg;
	s->msgsz = msgsz;
	s->uri = v == SVG_OB3 ? SVG_NS_OB3 : SVG_NS_OB2;
	s->local = v == SVG_OB3 ? "credential" : "assertion";
	buf_init(&s->all, NULL, SVG_MAX_BYTES);
	buf_init(&s->cdata, NULL, SVG_MAX_BYTES);
	return s;
}

static void
scan_free(struct svg_scan *s)
{
	if (s == NULL)
		return;
	buf_free(&s->all);
	buf_free(&s->cdata);
	free(s);
}

int
svg_unbake(const char *in, size_t len, enum svg_ob v, struct buf *verify,
    bool *has_verify, struct buf *body, char *msg, size_t msgsz)
{
	struct svg_scan *s = scan_new(in, len, v, msg, msgsz);
	size_t vstart = verify->len, a, b;
	int rc;

	*has_verify = false;
	s->collect = true;
	s->verify = verify;
	rc = svg_scan(s);
	if (rc)
		goto out;
	if (s->nmatch == 0) {
		svg_msg(s,
		    "the SVG has no baked badge (no <%s> element in "
		    "namespace %s)",
		    s->local, s->uri);
		rc = ERR_NOTFOUND;
		goto out;
	}
	if (s->nmatch > 1) {
		svg_msg(s,
		    "the SVG has %zu <%s> elements; a baked badge must "
		    "have exactly one",
		    s->nmatch, s->local);
		rc = ERR_INVAL;
		goto out;
	}
	*has_verify = s->has_verify;
	if (s->saw_cdata && !s->text_nonws) {
		buf_add(body, s->cdata.data, s->cdata.len);
	} else {
		a = 0;
		b = s->all.len;
		while (a < b && is_ws(s->all.data[a]))
			a++;
		while (b > a && is_ws(s->all.data[b - 1]))
			b--;
		buf_add(body, s->all.data + a, b - a);
	}
	rc = buf_err(body);
	if (rc)
		svg_msg(s, "the badge data is too large");
out:
	if (rc && verify->len > vstart) {
		verify->len = vstart;
		verify->data[vstart] = '\0';
	}
	scan_free(s);
	return rc;
}

/* xml_ok: no characters that XML 1.0 cannot carry (C0 controls, NUL). */
static bool
xml_ok(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return false;
	}
	return true;
}

static void
attr_escape(struct buf *out, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (p[i]) {
		case '&':
			buf_adds(out, "&amp;");
			break;
		case '<':
			buf_adds(out, "&lt;");
			break;
		case '>':
			buf_adds(out, "&gt;");
			break;
		case '"':
			buf_adds(out, "&quot;");
			break;
		case '\t':
			buf_adds(out, "&#9;");
			break;
		case '\n':
			buf_adds(out, "&#10;");
			break;
		case '\r':
			buf_adds(out, "&#13;");
			break;
		default:
			buf_addc(out, p[i]);
		}
	}
}

/* cdata writes body as CDATA, splitting every "]]>" as "]]" | ">". */
static void
cdata(struct buf *out, const char *p, size_t n)
{
	const char *e;

	buf_adds(out, "<![CDATA[");
	while ((e = memmem(p, n, "]]>", 3)) != NULL) {
		buf_add(out, p, (size_t)(e - p) + 2);
		buf_adds(out, "]]><![CDATA[");
		n -= (size_t)(e - p) + 2;
		p = e + 2;
	}
	buf_add(out, p, n);
	buf_adds(out, "]]>");
}

int
svg_bake(const char *in, size_t len, enum svg_ob v, const char *verify,
    size_t vlen, const char *body, size_t blen, struct buf *out, char *msg,
    size_t msgsz)
{
	struct svg_scan *s = scan_new(in, len, v, msg, msgsz);
	struct svg_span pfx = {0, 0};
	const char *pname = "openbadges";
	size_t plen = 10, i, pos, start = out->len;
	bool add_decl = true;
	int rc = ERR_INVAL;

	if (verify == NULL && body == NULL) {
		svg_msg(s, "nothing to bake (no verify value and no body)");
		goto out;
	}
	if ((verify && !xml_ok(verify, vlen)) ||
	    (body && !xml_ok(body, blen))) {
		svg_msg(s,
		    "the badge data has control characters that XML "
		    "cannot carry");
		goto out;
	}
	rc = svg_scan(s);
	if (rc)
		goto out;
	/* A prefix the root already binds to the badge namespace? */
	for (i = 0; i < s->root_nns; i++) {
		if (s->ns[i].pfx.len > 0 && uri_is(s, s->ns[i].uri, s->uri)) {
			pfx = s->ns[i].pfx;
			pname = s->p + pfx.off;
			plen = pfx.len;
			add_decl = false;
			break;
		}
	}
	if (add_decl) {
		for (i = 0; i < s->root_nns; i++) {
			if (span_eq(s, s->ns[i].pfx, "openbadges", 10)) {
				svg_msg(s,
				    "the SVG binds the openbadges "
				    "prefix to another namespace");
				rc = ERR_CONFLICT;
				goto out;
			}
		}
	}
	/* Root start tag, with the declaration added at its end. */
	buf_add(out, in, s->root_tag_end);
	if (add_decl) {
		buf_adds(out, " xmlns:openbadges=\"");
		buf_adds(out, s->uri);
		buf_addc(out, '"');
	}
	buf_addc(out, '>');
	/* The badge element. */
	buf_addc(out, '<');
	buf_add(out, pname, plen);
	buf_addc(out, ':');
	buf_adds(out, s->local);
	if (verify != NULL) {
		buf_adds(out, " verify=\"");
		attr_escape(out, verify, vlen);
		buf_addc(out, '"');
	}
	if (body == NULL && v == SVG_OB2) {
		buf_adds(out, "/>");
	} else {
		buf_addc(out, '>');
		if (body != NULL)
			cdata(out, body, blen);
		buf_adds(out, "</");
		buf_add(out, pname, plen);
		buf_addc(out, ':');
		buf_adds(out, s->local);
		buf_addc(out, '>');
	}
	/* The rest, without the old badge elements. */
	if (s->root_empty) {
		buf_adds(out, "</");
		buf_add(out, in + s->root_name.off, s->root_name.len);
		buf_addc(out, '>');
	}
	pos = s->root_after;
	for (i = 0; i < s->nmatch; i++) {
		buf_add(out, in + pos, s->match[i].off - pos);
		pos = s->match[i].off + s->match[i].len;
	}
	buf_add(out, in + pos, len - pos);
	rc = buf_err(out);
	if (rc) {
		if (out->len > start) {
			out->len = start;
			out->data[start] = '\0';
		}
		svg_msg(s, "the baked SVG would be too large");
	}
out:
	scan_free(s);
	return rc;
}
