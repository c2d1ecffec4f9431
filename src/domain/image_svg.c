/*
 * image_svg.c: the SVG sanitiser behind image_check (policy in image.h).
 *
 * One pass, front to back, no recursion in the parser: a strict XML
 * tokenizer in the picohttpparser manner (pure, over (p, len), every loop
 * bounded by len) with a stack of open elements and of the namespace
 * prefixes they declared. Each start tag is read whole (its attributes
 * decoded into the arena), its names are resolved to (namespace, local
 * name), and then it is rejected, dropped (editor metadata, with its
 * subtree) or written to the output from the allowlists below. Output
 * names are canonical (no prefixes; xlink:href), attribute values are
 * decoded and re-escaped one way, white space between elements and all
 * comments are dropped: so sanitising the output again gives the same
 * bytes.
 *
 * After the pass, references (href and url(#id)) are resolved and the
 * drawing cost is computed: the number of elements drawn when every
 * reference is expanded. Loops and costs above IMAGE_SVG_MAX_RENDER (a
 * "billion laughs" made of <use>) are rejected.
 *
 * Memory: all from the caller's arena (the state, decoded values, the
 * element and reference tables and the output), at most a small multiple
 * of the input; nothing to free.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/image.h"

#define NS_SVG_URI "http://www.w3.org/2000/svg"
#define NS_XLINK_URI "http://www.w3.org/1999/xlink"

#define SVG_MAX_NS 256     /* namespace bindings in scope */
#define SVG_MAX_REFS 20000 /* href and url(#) references */
#define SVG_NONE UINT32_MAX

static const char MSG_NOT_IMAGE[] = "This file is not a PNG or SVG image.";
static const char MSG_ARENA[] = "The image is too large to check just now.";
static const char MSG_FALLBACK[] = "The SVG is not allowed in badge images.";

enum svg_ns_kind {
	NS_NONE = 0, /* no namespace (unprefixed attributes, no default) */
	NS_SVG,
	NS_XLINK,
	NS_XML,
	NS_EDITOR, /* editor metadata: dropped */
	NS_OTHER,
};

/* Namespaces of editors' metadata, dropped silently. */
static const char *const editor_ns[] = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://purl.org/dc/elements/1.1/",
    "http://www.bohemiancoding.com/sketch/ns",
    "http://www.serif.com/",
};
#define EDITOR_NS_PREFIX "http://ns.adobe.com/"

/* Elements that are kept. text: may hold character data. */
struct svg_elem_rule {
	const char *name;
	bool text;
};

static const struct svg_elem_rule svg_elems[] = {
    {"svg", false},
    {"g", false},
    {"path", false},
    {"rect", false},
    {"circle", false},
    {"ellipse", false},
    {"line", false},
    {"polyline", false},
    {"polygon", false},
    {"text", true},
    {"tspan", true},
    {"title", true},
    {"desc", true},
    {"defs", false},
    {"linearGradient", false},
    {"radialGradient", false},
    {"stop", false},
    {"clipPath", false},
    {"use", false},
    {"symbol", false},
};

/* Attribute flags. */
#define A_CSS 0x01   /* a presentation property: also allowed in style */
#define A_PLAIN 0x02 /* not CSS: no value check */
#define A_NONE 0x04  /* value must be "none" */
#define A_HREF 0x08  /* local reference "#id" only */
#define A_ID 0x10    /* an element id */
#define A_STYLE 0x20 /* the style attribute */

struct svg_attr_rule {
	const char *name;
	unsigned flags;
};

static const struct svg_attr_rule svg_attrs[] = {
    /* core and structure */
    {"id", A_ID},
    {"class", A_PLAIN},
    {"version", A_PLAIN},
    {"baseProfile", A_PLAIN},
    {"lang", A_PLAIN},
    {"style", A_STYLE},
    {"href", A_HREF},
    {"viewBox", 0},
    {"preserveAspectRatio", 0},
    /* geometry */
    {"x", 0},
    {"y", 0},
    {"x1", 0},
    {"y1", 0},
    {"x2", 0},
    {"y2", 0},
    {"cx", 0},
    {"cy", 0},
    {"r", 0},
    {"rx", 0},
    {"ry", 0},
    {"fx", 0},
    {"fy", 0},
    {"fr", 0},
    {"d", 0},
    {"points", 0},
    {"width", 0},
    {"height", 0},
    {"pathLength", 0},
    {"transform", 0},
    {"gradientUnits", 0},
    {"gradientTransform", 0},
    {"spreadMethod", 0},
    {"offset", 0},
    {"clipPathUnits", 0},
    {"refX", 0},
    {"refY", 0},
    {"dx", 0},
    {"dy", 0},
    {"rotate", 0},
    {"textLength", 0},
    {"lengthAdjust", 0},
    /* presentation */
    {"fill", A_CSS},
    {"fill-opacity", A_CSS},
    {"fill-rule", A_CSS},
    {"stroke", A_CSS},
    {"stroke-width", A_CSS},
    {"stroke-linecap", A_CSS},
    {"stroke-linejoin", A_CSS},
    {"stroke-miterlimit", A_CSS},
    {"stroke-dasharray", A_CSS},
    {"stroke-dashoffset", A_CSS},
    {"stroke-opacity", A_CSS},
    {"opacity", A_CSS},
    {"color", A_CSS},
    {"display", A_CSS},
    {"visibility", A_CSS},
    {"overflow", A_CSS},
    {"clip-path", A_CSS},
    {"clip-rule", A_CSS},
    {"stop-color", A_CSS},
    {"stop-opacity", A_CSS},
    {"shape-rendering", A_CSS},
    {"text-rendering", A_CSS},
    {"image-rendering", A_CSS},
    {"color-interpolation", A_CSS},
    {"color-interpolation-filters", A_CSS},
    {"color-rendering", A_CSS},
    {"paint-order", A_CSS},
    {"vector-effect", A_CSS},
    {"mix-blend-mode", A_CSS},
    {"isolation", A_CSS},
    {"enable-background", A_CSS},
    {"solid-color", A_CSS},
    {"solid-opacity", A_CSS},
    {"transform-origin", A_CSS},
    {"transform-box", A_CSS},
    /* text */
    {"text-anchor", A_CSS},
    {"dominant-baseline", A_CSS},
    {"alignment-baseline", A_CSS},
    {"baseline-shift", A_CSS},
    {"font", A_CSS},
    {"font-family", A_CSS},
    {"font-size", A_CSS},
    {"font-size-adjust", A_CSS},
    {"font-stretch", A_CSS},
    {"font-style", A_CSS},
    {"font-variant", A_CSS},
    {"font-variant-caps", A_CSS},
    {"font-variant-ligatures", A_CSS},
    {"font-variant-numeric", A_CSS},
    {"font-variant-east-asian", A_CSS},
    {"font-feature-settings", A_CSS},
    {"font-variation-settings", A_CSS},
    {"font-weight", A_CSS},
    {"letter-spacing", A_CSS},
    {"word-spacing", A_CSS},
    {"line-height", A_CSS},
    {"text-align", A_CSS},
    {"text-decoration", A_CSS},
    {"text-indent", A_CSS},
    {"text-transform", A_CSS},
    {"text-orientation", A_CSS},
    {"white-space", A_CSS},
    {"writing-mode", A_CSS},
    {"direction", A_CSS},
    {"unicode-bidi", A_CSS},
    /* would refer to elements we do not allow: "none" only */
    {"filter", A_CSS | A_NONE},
    {"mask", A_CSS | A_NONE},
    {"marker", A_CSS | A_NONE},
    {"marker-start", A_CSS | A_NONE},
    {"marker-mid", A_CSS | A_NONE},
    {"marker-end", A_CSS | A_NONE},
};

/* CSS functions allowed in values (compared without case). */
static const char *const svg_funcs[] = {
    "rgb",
    "rgba",
    "hsl",
    "hsla",
    "url",
    "matrix",
    "translate",
    "translatex",
    "translatey",
    "scale",
    "scalex",
    "scaley",
    "rotate",
    "skew",
    "skewx",
    "skewy",
};

struct svg_ns {
	const char *pfx; /* NULL: the default namespace */
	size_t plen;
	enum svg_ns_kind kind;
};

struct svg_attr {
	const char *name; /* raw qualified name, in the input */
	size_t nlen;
	size_t at; /* offset of the name, for messages */
	char *val; /* decoded, NUL-terminated, in the arena */
	size_t vlen;
};

struct svg_open {
	const char *name; /* raw qualified name, to match the end tag */
	size_t nlen;
	const char *out; /* output name; NULL if dropped */
	size_t ns_mark;  /* nns before this element's declarations */
	uint32_t el;     /* index in els, or SVG_NONE */
	bool text;       /* character data is kept */
};

struct svg_el {
	uint32_t end;  /* index past the last descendant */
	uint32_t cost; /* elements drawn, references expanded */
	uint8_t chain; /* longest chain of references from inside */
	uint8_t state; /* cost: 0 unknown, 1 in progress, 2 known */
	const char *id;
	size_t idlen;
};

struct svg_ref {
	uint32_t el; /* the element that refers */
	uint32_t target;
	const char *id;
	size_t idlen;
};

struct svg_id {
	const char *id;
	size_t idlen;
	uint32_t el;
};

struct svg {
	struct arena *a;
	const char *p;
	size_t len, pos;
	int rc;
	const char *msg;
	struct buf out;
	bool pending; /* the last start tag written lacks its '>' */
	struct svg_ns ns[SVG_MAX_NS];
	size_t nns;
	struct svg_open open[IMAGE_SVG_MAX_DEPTH];
	size_t depth;
	size_t drop_depth; /* > 0: inside a dropped element at this depth */
	size_t nelements;
	bool root_seen, root_done;
	struct svg_attr attrs[IMAGE_SVG_MAX_ATTRS];
	size_t nattrs;
	/* attributes being written for one element, to catch duplicates */
	const char *outnames[IMAGE_SVG_MAX_ATTRS];
	size_t nout;
	struct svg_el *els;
	size_t nels, capels;
	struct svg_ref *refs;
	size_t nrefs, caprefs;
	/* root size */
	double w, h, vbw, vbh;
	bool has_w, has_h, has_vb;
};

static int svg_fail(struct svg *s, int rc, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

/* svg_fail records the first failure as a sentence and returns rc. */
static int
svg_fail(struct svg *s, int rc, const char *fmt, ...)
{
	char tmp[400];
	va_list ap;

	if (s->rc != 0)
		return s->rc;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	s->msg = arena_strdup(s->a, tmp);
	if (s->msg == NULL)
		s->msg = rc == ERR_TOOBIG ? MSG_ARENA : MSG_FALLBACK;
	s->rc = rc;
	return rc;
}

static size_t
svg_line(const struct svg *s, size_t at)
{
	size_t i, line = 1;

	for (i = 0; i < at && i < s->len; i++)
		if (s->p[i] == '\n')
			line++;
	return line;
}

/* svg_bad reports that the document is not well-formed at offset at. */
static int
svg_bad(struct svg *s, size_t at, const char *what)
{
	return svg_fail(s, ERR_INVAL,
	    "The SVG is not well-formed XML (line %zu: %s).", svg_line(s, at),
	    what);
}

/* svg_show copies p[0..n) for a message: printable ASCII, shortened. */
static const char *
svg_show(char *dst, size_t dsz, const char *p, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 4 < dsz; i++) {
		unsigned char c = (unsigned char)p[i];

		dst[k++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	if (i < n) {
		dst[k++] = '.';
		dst[k++] = '.';
		dst[k++] = '.';
	}
	dst[k] = '\0';
	return dst;
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
name_start(char c)
{
	return is_alpha(c) || c == '_' || (unsigned char)c >= 0x80;
}

static bool
name_char(char c)
{
	return name_start(c) || is_digit(c) || c == '-' || c == '.';
}

/* id_char: what an id or a #fragment may contain. */
static bool
id_char(char c)
{
	return name_char(c) || c == ':';
}

static char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool
eq(const char *p, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(p, lit, n) == 0;
}

static bool
eq_nocase(const char *p, size_t n, const char *lit)
{
	size_t i;

	if (strlen(lit) != n)
		return false;
	for (i = 0; i < n; i++)
		if (lower(p[i]) != lit[i])
			return false;
	return true;
}

static bool
starts(const struct svg *s, const char *lit)
{
	size_t n = strlen(lit);

	return s->len - s->pos >= n && memcmp(s->p + s->pos, lit, n) == 0;
}

/*
 * svg_check_chars checks that the document is UTF-8 made of XML Chars:
 * no C0 controls but tab, LF and CR; no surrogates, U+FFFE or U+FFFF; no
 * overlong forms.
 */
static int
svg_check_chars(struct svg *s)
{
	const unsigned char *p = (const unsigned char *)s->p;
	size_t i = 0, n, k;
	uint32_t cp;

	while (i < s->len) {
		unsigned char c = p[i];

		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return svg_bad(
				    s, i, "it contains a control character");
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			goto bad;
		}
		if (s->len - i <= n)
			goto bad;
		for (k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
		    cp == 0xfffe || cp == 0xffff)
			goto bad;
		i += n + 1;
	}
	return 0;
bad:
	return svg_fail(s, ERR_INVAL,
	    "The SVG is not saved as UTF-8 text (line %zu); save it as "
	    "UTF-8.",
	    svg_line(s, i));
}

static bool
xml_char(uint32_t c)
{
	return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
	    (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

static size_t
utf8_put(char *d, uint32_t c)
{
	if (c < 0x80) {
		d[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		d[0] = (char)(0xc0 | c >> 6);
		d[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		d[0] = (char)(0xe0 | c >> 12);
		d[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		d[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	d[0] = (char)(0xf0 | c >> 18);
	d[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	d[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	d[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/*
 * svg_reference reads the reference at p[i] == '&' (before end) into d,
 * returning the bytes written, and sets *used to its length.
 */
static int
svg_reference(
    struct svg *s, size_t i, size_t end, char *d, size_t *dn, size_t *used)
{
	const char *q = s->p + i + 1;
	size_t max = end - i - 1, n, k;
	const char *semi;
	uint32_t c = 0;
	char tmp[48];

	semi = memchr(q, ';', max < 64 ? max : 64);
	if (semi == NULL)
		return svg_bad(s, i,
		    "an '&' does not start an entity or character reference; "
		    "write &amp; for '&'");
	n = (size_t)(semi - q);
	*used = n + 2;
	if (eq(q, n, "lt"))
		c = '<';
	else if (eq(q, n, "gt"))
		c = '>';
	else if (eq(q, n, "amp"))
		c = '&';
	else if (eq(q, n, "quot"))
		c = '"';
	else if (eq(q, n, "apos"))
		c = '\'';
	else if (n >= 2 && q[0] == '#') {
		bool hex = q[1] == 'x';

		if ((hex && n < 3) || n > 10)
			return svg_bad(
			    s, i, "a character reference is invalid");
		for (k = hex ? 2 : 1; k < n; k++) {
			char h = lower(q[k]);
			uint32_t v;

			if (is_digit(h))
				v = (uint32_t)(h - '0');
			else if (hex && h >= 'a' && h <= 'f')
				v = (uint32_t)(h - 'a' + 10);
			else
				return svg_bad(
				    s, i, "a character reference is invalid");
			c = c * (hex ? 16u : 10u) + v;
			if (c > 0x10ffff)
				return svg_bad(s, i,
				    "a character reference is out of range");
		}
		if (!xml_char(c))
			return svg_bad(s, i,
			    "a character reference names a character XML "
			    "does not allow");
	} else {
		for (k = 0; k < n; k++)
			if (!name_char(q[k]) && q[k] != ':')
				break;
		if (n == 0 || k < n || !name_start(q[0]))
			return svg_bad(s, i,
			    "an '&' does not start an entity or character "
			    "reference; write &amp; for '&'");
		return svg_fail(s, ERR_INVAL,
		    "The SVG uses the entity &%s; (line %zu), which is not "
		    "allowed in badge images; only &amp;, &lt;, &gt;, &quot;, "
		    "&apos; and numeric character references are.",
		    svg_show(tmp, sizeof(tmp), q, n), svg_line(s, i));
	}
	*dn = utf8_put(d, c);
	return 0;
}

/*
 * svg_decode copies p[from..to) to the arena with references replaced.
 * Attribute values are normalised as XML does for CDATA attributes (each
 * literal tab, line end or CR LF becomes a space) and may not contain '<';
 * in text, line ends become "\n". The result is never longer than the raw
 * text.
 */
static int
svg_decode(struct svg *s, size_t from, size_t to, bool attr, char **out,
    size_t *outlen)
{
	char *d = arena_alloc(s->a, to - from + 1);
	size_t i = from, n = 0, dn = 0, used = 0;

	if (d == NULL)
		return svg_fail(s, ERR_TOOBIG, "%s", MSG_ARENA);
	while (i < to) {
		char c = s->p[i];

		if (c == '&') {
			if (svg_reference(s, i, to, d + n, &dn, &used) != 0)
				return s->rc;
			n += dn;
			i += used;
		} else if (c == '\r') {
			d[n++] = attr ? ' ' : '\n';
			i++;
			if (i < to && s->p[i] == '\n')
				i++;
		} else if (attr && (c == '\n' || c == '\t')) {
			d[n++] = ' ';
			i++;
		} else if (attr && c == '<') {
			return svg_bad(s, i, "an attribute value contains '<'");
		} else {
			d[n++] = c;
			i++;
		}
	}
	d[n] = '\0';
	*out = d;
	*outlen = n;
	return 0;
}

/* svg_name reads a name (with at most one colon) at pos. */
static bool
svg_name(struct svg *s, const char **name, size_t *n)
{
	size_t start = s->pos, colons = 0;

	if (s->pos >= s->len || !name_start(s->p[s->pos]))
		return false;
	while (s->pos < s->len &&
	    (name_char(s->p[s->pos]) || s->p[s->pos] == ':')) {
		if (s->p[s->pos] == ':') {
			if (++colons > 1 || s->pos + 1 >= s->len ||
			    !name_start(s->p[s->pos + 1]))
				return false;
		}
		s->pos++;
	}
	*name = s->p + start;
	*n = s->pos - start;
	return true;
}

static void
split_qname(const char *q, size_t n, const char **pfx, size_t *plen,
    const char **local, size_t *llen)
{
	const char *c = memchr(q, ':', n);

	if (c == NULL) {
		*pfx = NULL;
		*plen = 0;
		*local = q;
		*llen = n;
	} else {
		*pfx = q;
		*plen = (size_t)(c - q);
		*local = c + 1;
		*llen = n - *plen - 1;
	}
}

static enum svg_ns_kind
ns_kind_of(const char *uri, size_t n)
{
	size_t i;

	if (eq(uri, n, NS_SVG_URI))
		return NS_SVG;
	if (eq(uri, n, NS_XLINK_URI))
		return NS_XLINK;
	for (i = 0; i < NELEM(editor_ns); i++)
		if (eq(uri, n, editor_ns[i]))
			return NS_EDITOR;
	if (n >= strlen(EDITOR_NS_PREFIX) &&
	    memcmp(uri, EDITOR_NS_PREFIX, strlen(EDITOR_NS_PREFIX)) == 0)
		return NS_EDITOR;
	return NS_OTHER;
}

/*
 * svg_resolve finds the namespace of a prefix (pfx NULL: the default
 * namespace); returns -1 if the prefix is not declared.
 */
static int
svg_resolve(
    const struct svg *s, const char *pfx, size_t plen, enum svg_ns_kind *kind)
{
	size_t i;

	if (pfx != NULL && eq(pfx, plen, "xml")) {
		*kind = NS_XML;
		return 0;
	}
	for (i = s->nns; i-- > 0;) {
		const struct svg_ns *b = &s->ns[i];

		if ((pfx == NULL && b->pfx == NULL) ||
		    (pfx != NULL && b->pfx != NULL && b->plen == plen &&
		        memcmp(b->pfx, pfx, plen) == 0)) {
			*kind = b->kind;
			return 0;
		}
	}
	*kind = NS_NONE;
	return pfx == NULL ? 0 : -1;
}

/* svg_declare pushes the namespace declarations among the attributes. */
static int
svg_declare(struct svg *s)
{
	const char *pfx, *local;
	size_t plen, llen, i;
	enum svg_ns_kind kind;
	char tmp[64];

	for (i = 0; i < s->nattrs; i++) {
		struct svg_attr *at = &s->attrs[i];
		bool dflt = eq(at->name, at->nlen, "xmlns");

		split_qname(at->name, at->nlen, &pfx, &plen, &local, &llen);
		if (!dflt && !(pfx != NULL && eq(pfx, plen, "xmlns")))
			continue;
		kind = ns_kind_of(at->val, at->vlen);
		if (dflt && kind != NS_SVG && kind != NS_EDITOR)
			return svg_fail(s, ERR_INVAL,
			    "The SVG declares a namespace other than SVG for "
			    "its elements (xmlns=\"%s\", line %zu), which is "
			    "not allowed in badge images.",
			    svg_show(tmp, sizeof(tmp), at->val, at->vlen),
			    svg_line(s, at->at));
		if (!dflt &&
		    (at->vlen == 0 || eq(local, llen, "xml") ||
		        eq(local, llen, "xmlns")))
			return svg_bad(s, at->at,
			    "a namespace declaration is not allowed");
		if (s->nns == SVG_MAX_NS)
			return svg_fail(s, ERR_TOOBIG,
			    "The SVG declares too many XML namespaces.");
		s->ns[s->nns].pfx = dflt ? NULL : local;
		s->ns[s->nns].plen = dflt ? 0 : llen;
		s->ns[s->nns].kind = kind;
		s->nns++;
	}
	return 0;
}

static const struct svg_elem_rule *
elem_rule(const char *local, size_t n)
{
	size_t i;

	for (i = 0; i < NELEM(svg_elems); i++)
		if (eq(local, n, svg_elems[i].name))
			return &svg_elems[i];
	return NULL;
}

static const struct svg_attr_rule *
attr_rule(const char *local, size_t n)
{
	size_t i;

	for (i = 0; i < NELEM(svg_attrs); i++)
		if (eq(local, n, svg_attrs[i].name))
			return &svg_attrs[i];
	return NULL;
}

/* svg_reject_elem explains why an SVG element is not allowed. */
static int
svg_reject_elem(struct svg *s, const char *local, size_t n, size_t at)
{
	char tmp[64];
	const char *name = svg_show(tmp, sizeof(tmp), local, n);
	size_t line = svg_line(s, at);

	if (eq(local, n, "script"))
		return svg_fail(s, ERR_INVAL,
		    "The SVG contains a script (line %zu), which is not "
		    "allowed in badge images.",
		    line);
	if (eq(local, n, "foreignObject"))
		return svg_fail(s, ERR_INVAL,
		    "The SVG contains a foreignObject element (line %zu), "
		    "which embeds web content and is not allowed in badge "
		    "images.",
		    line);
	if (eq(local, n, "style"))
		return svg_fail(s, ERR_INVAL,
		    "The SVG contains a style sheet (<style>, line %zu), "
		    "which is not allowed in badge images; use attributes "
		    "such as fill and stroke instead.",
		    line);
	if (eq(local, n, "image") || eq(local, n, "feImage"))
		return svg_fail(s, ERR_INVAL,
		    "The SVG contains an <%s> element (line %zu); badge "
		    "images cannot include or link to other images.",
		    name, line);
	if (eq(local, n, "a"))
		return svg_fail(s, ERR_INVAL,
		    "The SVG contains a link (<a>, line %zu), which is not "
		    "allowed in badge images.",
		    line);
	if ((n >= 7 && memcmp(local, "animate", 7) == 0) ||
	    eq(local, n, "set") || eq(local, n, "discard"))
		return svg_fail(s, ERR_INVAL,
		    "The SVG contains animation (<%s>, line %zu), which is "
		    "not allowed in badge images.",
		    name, line);
	return svg_fail(s, ERR_INVAL,
	    "The SVG contains a <%s> element (line %zu), which is not "
	    "allowed in badge images.",
	    name, line);
}

/* Output. */

static void
out_close_pending(struct svg *s)
{
	if (s->pending) {
		buf_addc(&s->out, '>');
		s->pending = false;
	}
}

static void
out_escape(struct svg *s, const char *v, size_t n, bool attr)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		const char *rep = NULL;

		switch (v[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = attr ? NULL : "&gt;";
			break;
		case '"':
			rep = attr ? "&quot;" : NULL;
			break;
		case '\t':
			rep = attr ? "&#9;" : NULL;
			break;
		case '\n':
			rep = attr ? "&#10;" : NULL;
			break;
		case '\r':
			rep = "&#13;";
			break;
		default:
			break;
		}
		if (rep == NULL)
			continue;
		buf_add(&s->out, v + run, i - run);
		buf_adds(&s->out, rep);
		run = i + 1;
	}
	buf_add(&s->out, v + run, n - run);
}

/* out_attr writes one attribute, refusing a second one of that name. */
static int
out_attr(struct svg *s, const char *name, const char *v, size_t n, size_t at)
{
	size_t i;
	char tmp[64];

	for (i = 0; i < s->nout; i++)
		if (strcmp(s->outnames[i], name) == 0)
			return svg_fail(s, ERR_INVAL,
			    "The SVG sets the attribute %s twice on one "
			    "element (line %zu).",
			    svg_show(tmp, sizeof(tmp), name, strlen(name)),
			    svg_line(s, at));
	if (s->nout < IMAGE_SVG_MAX_ATTRS)
		s->outnames[s->nout++] = name;
	buf_addc(&s->out, ' ');
	buf_adds(&s->out, name);
	buf_adds(&s->out, "=\"");
	out_escape(s, v, n, true);
	buf_addc(&s->out, '"');
	return 0;
}

/* References and their costs. */

static int
svg_add_ref(struct svg *s, const char *id, size_t idlen)
{
	struct svg_ref *r;

	if (s->nrefs == SVG_MAX_REFS)
		return svg_fail(s, ERR_TOOBIG,
		    "The SVG has more than %d references (href or url(#...)); "
		    "badge images can have at most that many.",
		    SVG_MAX_REFS);
	if (s->nrefs == s->caprefs) {
		size_t ncap = s->caprefs ? s->caprefs * 2 : 64;

		r = arena_realloc(
		    s->a, s->refs, s->caprefs * sizeof(*r), ncap * sizeof(*r));
		if (r == NULL)
			return svg_fail(s, ERR_TOOBIG, "%s", MSG_ARENA);
		s->refs = r;
		s->caprefs = ncap;
	}
	r = &s->refs[s->nrefs++];
	r->el = (uint32_t)(s->nels - 1);
	r->target = SVG_NONE;
	r->id = id;
	r->idlen = idlen;
	return 0;
}

/* url_arg_len is the length of a url( argument, up to its ')'. */
static size_t
url_arg_len(const char *p, size_t n)
{
	const char *e = memchr(p, ')', n);

	return e ? (size_t)(e - p) : n;
}

/*
 * check_value applies the rules every CSS-like value obeys (image.h): no
 * backslash, and no function but colours, transforms and url(#id). The
 * url(#id) references are recorded. what names the attribute or property.
 */
static int
check_value(struct svg *s, const char *what, const char *v, size_t n,
    unsigned flags, size_t at)
{
	size_t i, j, k, idstart;
	char tmp[64], tmp2[64];

	if (memchr(v, '\\', n) != NULL)
		return svg_fail(s, ERR_INVAL,
		    "The SVG has a backslash in its %s value (line %zu), "
		    "which is not allowed in badge images.",
		    what, svg_line(s, at));
	if (flags & A_NONE) {
		for (i = 0; i < n && is_ws(v[i]); i++)
			;
		for (j = n; j > i && is_ws(v[j - 1]); j--)
			;
		if (!eq_nocase(v + i, j - i, "none"))
			return svg_fail(s, ERR_INVAL,
			    "The SVG uses %s (line %zu), which refers to "
			    "effects that are not allowed in badge images; "
			    "only %s=\"none\" is.",
			    what, svg_line(s, at), what);
		return 0;
	}
	for (i = 0; i < n; i++) {
		bool ok = false;

		if (v[i] != '(')
			continue;
		for (j = i; j > 0 && is_ws(v[j - 1]); j--)
			;
		for (k = j; k > 0 &&
		     (is_alpha(v[k - 1]) || is_digit(v[k - 1]) ||
		         v[k - 1] == '-' || v[k - 1] == '_');
		     k--)
			;
		if (k == j)
			continue; /* a plain parenthesis, not a function */
		if (!eq_nocase(v + k, j - k, "url")) {
			size_t f;

			for (f = 0; f < NELEM(svg_funcs); f++)
				if (eq_nocase(v + k, j - k, svg_funcs[f]))
					ok = true;
			if (!ok)
				return svg_fail(s, ERR_INVAL,
				    "The SVG uses %s(...) in its %s value "
				    "(line %zu); only colours, transforms "
				    "and url(#id) are allowed in badge "
				    "images.",
				    svg_show(tmp, sizeof(tmp), v + k, j - k),
				    what, svg_line(s, at));
			continue;
		}
		/* url( ws* ['"]? '#' id ['"]? ws* ')' */
		j = i + 1;
		while (j < n && is_ws(v[j]))
			j++;
		char q = (j < n && (v[j] == '"' || v[j] == '\'')) ? v[j] : 0;
		if (q)
			j++;
		if (j < n && v[j] == '#') {
			idstart = ++j;
			while (j < n && id_char(v[j]))
				j++;
			if (j > idstart && (!q || (j < n && v[j] == q))) {
				size_t idend = j;

				j += q ? 1 : 0;
				while (j < n && is_ws(v[j]))
					j++;
				if (j < n && v[j] == ')') {
					if (svg_add_ref(s, v + idstart,
					        idend - idstart) != 0)
						return s->rc;
					i = j;
					continue;
				}
			}
		}
		return svg_fail(s, ERR_INVAL,
		    "The SVG refers to something outside itself with "
		    "url(%s) in its %s value (line %zu); badge images may "
		    "only use url(#id) for parts of the same image.",
		    svg_show(
		        tmp2, 40, v + i + 1, url_arg_len(v + i + 1, n - i - 1)),
		    what, svg_line(s, at));
	}
	return 0;
}

/* check_href allows a local reference "#id" and records it. */
static int
check_href(struct svg *s, const char *name, const char *v, size_t n, size_t at)
{
	char tmp[64], low[16];
	size_t i, k = 0;

	if (n >= 2 && v[0] == '#') {
		for (i = 1; i < n && id_char(v[i]); i++)
			;
		if (i == n)
			return svg_add_ref(s, v + 1, n - 1);
	}
	/* Browsers ignore white space and controls inside a scheme. */
	for (i = 0; i < n && k < sizeof(low) - 1; i++)
		if (!is_ws(v[i]) && (unsigned char)v[i] > 0x20)
			low[k++] = lower(v[i]);
	low[k] = '\0';
	if (strncmp(low, "javascript:", 11) == 0)
		return svg_fail(s, ERR_INVAL,
		    "The SVG contains a javascript: link (line %zu), which "
		    "could run a script; this is not allowed in badge images.",
		    svg_line(s, at));
	if (strncmp(low, "data:", 5) == 0)
		return svg_fail(s, ERR_INVAL,
		    "The SVG embeds data through a data: address in %s (line "
		    "%zu); badge images may only refer to parts of themselves "
		    "(#id).",
		    name, svg_line(s, at));
	return svg_fail(s, ERR_INVAL,
	    "The SVG refers to \"%s\" in %s (line %zu); badge images may "
	    "only refer to parts of themselves (#id).",
	    svg_show(tmp, 48, v, n), name, svg_line(s, at));
}

/*
 * check_style rewrites a style attribute as "name:value;..." from the
 * allowed properties (image.h), checking each value.
 */
static int
check_style(struct svg *s, const struct svg_attr *at)
{
	const char *v = at->val, *end = at->val + at->vlen;
	struct buf o;
	char name[48], tmp[64];

	buf_init(&o, s->a, at->vlen + 1);
	while (v < end) {
		const char *semi = memchr(v, ';', (size_t)(end - v));
		const char *de = semi ? semi : end, *colon, *n0, *n1, *v0, *v1;
		const struct svg_attr_rule *r;
		size_t nl, i, dq = 0, sq = 0;

		n0 = v;
		v = semi ? semi + 1 : end;
		while (n0 < de && is_ws(*n0))
			n0++;
		if (n0 == de)
			continue; /* empty declaration */
		colon = memchr(n0, ':', (size_t)(de - n0));
		if (colon == NULL)
			return svg_fail(s, ERR_INVAL,
			    "The SVG has a style attribute that is not "
			    "valid (line %zu).",
			    svg_line(s, at->at));
		for (n1 = colon; n1 > n0 && is_ws(n1[-1]); n1--)
			;
		nl = (size_t)(n1 - n0);
		for (i = 0; i < nl; i++)
			if (!is_alpha(n0[i]) && n0[i] != '-')
				break;
		if (nl == 0 || i < nl || nl >= sizeof(name))
			return svg_fail(s, ERR_INVAL,
			    "The SVG has a style attribute that is not "
			    "valid (line %zu).",
			    svg_line(s, at->at));
		for (i = 0; i < nl; i++)
			name[i] = lower(n0[i]);
		name[nl] = '\0';
		for (v0 = colon + 1; v0 < de && is_ws(*v0); v0++)
			;
		for (v1 = de; v1 > v0 && is_ws(v1[-1]); v1--)
			;
		for (i = 0; v0 + i < v1; i++) {
			char c = v0[i];

			dq += c == '"';
			sq += c == '\'';
			if (c == '{' || c == '}' || c == '<' || c == '>' ||
			    c == '@' ||
			    (c == '/' && v0 + i + 1 < v1 && v0[i + 1] == '*'))
				return svg_fail(s, ERR_INVAL,
				    "The SVG has a style attribute with "
				    "'%c' in it (line %zu), which is not "
				    "allowed in badge images.",
				    c, svg_line(s, at->at));
		}
		if (v1 == v0 || dq % 2 || sq % 2)
			return svg_fail(s, ERR_INVAL,
			    "The SVG has a style attribute that is not "
			    "valid (line %zu).",
			    svg_line(s, at->at));
		if (name[0] == '-')
			continue; /* -inkscape-font-specification etc. */
		r = attr_rule(name, nl);
		if (r == NULL || !(r->flags & A_CSS))
			return svg_fail(s, ERR_INVAL,
			    "The SVG sets %s in a style attribute (line %zu), "
			    "which is not allowed in badge images.",
			    svg_show(tmp, sizeof(tmp), name, nl),
			    svg_line(s, at->at));
		if (check_value(s, r->name, v0, (size_t)(v1 - v0), r->flags,
		        at->at) != 0)
			return s->rc;
		if (o.len > 0)
			buf_addc(&o, ';');
		buf_adds(&o, r->name);
		buf_addc(&o, ':');
		buf_add(&o, v0, (size_t)(v1 - v0));
	}
	if (buf_err(&o) != 0)
		return svg_fail(s, ERR_TOOBIG, "%s", MSG_ARENA);
	if (o.len == 0)
		return 0;
	return out_attr(s, "style", o.data, o.len, at->at);
}

/* Root size. */

/* parse_num reads a CSS number at *p (before end). */
static bool
parse_num(const char **pp, const char *end, double *out)
{
	const char *p = *pp;
	double v = 0, scale = 1;
	bool neg = false, digits = false;
	int e = 0, esign = 1;

	if (p < end && (*p == '+' || *p == '-'))
		neg = *p++ == '-';
	while (p < end && is_digit(*p)) {
		v = v * 10 + (*p++ - '0');
		digits = true;
	}
	if (p < end && *p == '.') {
		p++;
		while (p < end && is_digit(*p)) {
			scale /= 10;
			v += (*p++ - '0') * scale;
			digits = true;
		}
	}
	if (!digits)
		return false;
	if (p < end && (*p == 'e' || *p == 'E') && p + 1 < end &&
	    (is_digit(p[1]) ||
	        ((p[1] == '+' || p[1] == '-') && p + 2 < end &&
	            is_digit(p[2])))) {
		p++;
		if (*p == '+' || *p == '-')
			esign = *p++ == '-' ? -1 : 1;
		while (p < end && is_digit(*p)) {
			if (e < 1000)
				e = e * 10 + (*p - '0');
			p++;
		}
		while (e-- > 0)
			v = esign > 0 ? v * 10 : v / 10;
	}
	if (v > 1e12)
		v = 1e12; /* beyond any size we accept */
	*out = neg ? -v : v;
	*pp = p;
	return true;
}

/* parse_length reads an absolute length in CSS pixels. */
static bool
parse_length(const char *v, size_t n, double *out)
{
	const char *p = v, *end = v + n;
	double x;
	size_t ul;

	while (p < end && is_ws(*p))
		p++;
	while (end > p && is_ws(end[-1]))
		end--;
	if (!parse_num(&p, end, &x) || x <= 0)
		return false;
	ul = (size_t)(end - p);
	if (ul == 0 || eq(p, ul, "px"))
		*out = x;
	else if (eq(p, ul, "pt"))
		*out = x * 4 / 3;
	else if (eq(p, ul, "pc"))
		*out = x * 16;
	else if (eq(p, ul, "mm"))
		*out = x * 96 / 25.4;
	else if (eq(p, ul, "cm"))
		*out = x * 96 / 2.54;
	else if (eq(p, ul, "in"))
		*out = x * 96;
	else
		return false; /* %, em, ex: not absolute */
	return true;
}

static bool
parse_viewbox(const char *v, size_t n, double *w, double *h)
{
	const char *p = v, *end = v + n;
	double f[4];
	int i;

	for (i = 0; i < 4; i++) {
		while (p < end && (is_ws(*p) || (i > 0 && *p == ',')))
			p++;
		if (!parse_num(&p, end, &f[i]))
			return false;
	}
	while (p < end && is_ws(*p))
		p++;
	if (p != end || f[2] <= 0 || f[3] <= 0)
		return false;
	*w = f[2];
	*h = f[3];
	return true;
}

static void
root_size_attr(struct svg *s, const char *local, const char *v, size_t n)
{
	if (strcmp(local, "width") == 0)
		s->has_w = parse_length(v, n, &s->w);
	else if (strcmp(local, "height") == 0)
		s->has_h = parse_length(v, n, &s->h);
	else if (strcmp(local, "viewBox") == 0)
		s->has_vb = parse_viewbox(v, n, &s->vbw, &s->vbh);
}

static int
root_size(struct svg *s, unsigned *w, unsigned *h)
{
	double x = s->w, y = s->h;

	if (!(s->has_w && s->has_h)) {
		if (!s->has_vb)
			return svg_fail(s, ERR_INVAL,
			    "The SVG does not say how big it is; give its "
			    "<svg> element width and height attributes or a "
			    "viewBox.");
		if (s->has_w)
			y = x * s->vbh / s->vbw;
		else if (s->has_h)
			x = y * s->vbw / s->vbh;
		else {
			x = s->vbw;
			y = s->vbh;
		}
	}
	if (!(x <= IMAGE_SVG_MAX_DIM && y <= IMAGE_SVG_MAX_DIM))
		return svg_fail(s, ERR_TOOBIG,
		    "The SVG says it is larger than %d pixels wide or high; "
		    "give it a smaller width, height or viewBox.",
		    IMAGE_SVG_MAX_DIM);
	*w = x < 1 ? 1u : (unsigned)(x + 0.5);
	*h = y < 1 ? 1u : (unsigned)(y + 0.5);
	return 0;
}

/* Elements. */

/* svg_attrs_out checks and writes the attributes of a kept element. */
static int
svg_attrs_out(struct svg *s, const char *elname, bool root)
{
	const char *pfx, *local;
	size_t plen, llen, i;
	enum svg_ns_kind kind;
	char tmp[64];

	s->nout = 0;
	if (root) {
		buf_adds(&s->out,
		    " xmlns=\"" NS_SVG_URI "\" xmlns:xlink=\"" NS_XLINK_URI
		    "\"");
	}
	for (i = 0; i < s->nattrs; i++) {
		struct svg_attr *at = &s->attrs[i];
		const struct svg_attr_rule *r = NULL;
		const char *outname;

		split_qname(at->name, at->nlen, &pfx, &plen, &local, &llen);
		if (eq(at->name, at->nlen, "xmlns") ||
		    (pfx != NULL && eq(pfx, plen, "xmlns")))
			continue; /* declarations: handled by svg_declare */
		if (pfx == NULL) {
			if (llen > 2 && lower(local[0]) == 'o' &&
			    lower(local[1]) == 'n')
				return svg_fail(s, ERR_INVAL,
				    "The SVG has an event handler (%s on "
				    "<%s>, line %zu), which could run a "
				    "script; this is not allowed in badge "
				    "images.",
				    svg_show(tmp, sizeof(tmp), local, llen),
				    elname, svg_line(s, at->at));
			if (llen > 5 && memcmp(local, "data-", 5) == 0)
				continue; /* metadata */
			r = attr_rule(local, llen);
			if (r == NULL)
				return svg_fail(s, ERR_INVAL,
				    "The SVG has an attribute %s on <%s> "
				    "(line %zu), which is not allowed in "
				    "badge images.",
				    svg_show(tmp, sizeof(tmp), local, llen),
				    elname, svg_line(s, at->at));
			outname = r->name;
		} else {
			if (svg_resolve(s, pfx, plen, &kind) != 0)
				return svg_bad(s, at->at,
				    "an attribute uses an undeclared "
				    "namespace prefix");
			if (kind == NS_EDITOR)
				continue;
			if (kind == NS_XLINK && eq(local, llen, "href")) {
				outname = "xlink:href";
				r = attr_rule("href", 4);
			} else if (kind == NS_XML && eq(local, llen, "space")) {
				outname = "xml:space";
			} else if (kind == NS_XML && eq(local, llen, "lang")) {
				outname = "xml:lang";
			} else {
				return svg_fail(s, ERR_INVAL,
				    "The SVG has an attribute %s on <%s> "
				    "(line %zu), which is not allowed in "
				    "badge images.",
				    svg_show(
				        tmp, sizeof(tmp), at->name, at->nlen),
				    elname, svg_line(s, at->at));
			}
		}
		if (r != NULL && (r->flags & A_STYLE)) {
			if (check_style(s, at) != 0)
				return s->rc;
			continue;
		}
		if (r != NULL && (r->flags & A_HREF)) {
			if (check_href(s, outname, at->val, at->vlen, at->at) !=
			    0)
				return s->rc;
		} else if (r != NULL && (r->flags & A_ID)) {
			size_t k;

			for (k = 0; k < at->vlen && id_char(at->val[k]); k++)
				;
			if (at->vlen == 0 || k < at->vlen)
				return svg_fail(s, ERR_INVAL,
				    "The SVG has an id \"%s\" (line %zu) "
				    "with characters other than letters, "
				    "digits, '-', '_', '.' and ':'.",
				    svg_show(
				        tmp, sizeof(tmp), at->val, at->vlen),
				    svg_line(s, at->at));
			s->els[s->nels - 1].id = at->val;
			s->els[s->nels - 1].idlen = at->vlen;
		} else if (r == NULL || !(r->flags & A_PLAIN)) {
			if (check_value(s, outname, at->val, at->vlen,
			        r ? r->flags : 0, at->at) != 0)
				return s->rc;
		}
		if (root)
			root_size_attr(s, outname, at->val, at->vlen);
		if (out_attr(s, outname, at->val, at->vlen, at->at) != 0)
			return s->rc;
	}
	return 0;
}

static int
svg_new_el(struct svg *s)
{
	if (s->nels == s->capels) {
		size_t ncap = s->capels ? s->capels * 2 : 64;
		struct svg_el *e = arena_realloc(
		    s->a, s->els, s->capels * sizeof(*e), ncap * sizeof(*e));

		if (e == NULL)
			return svg_fail(s, ERR_TOOBIG, "%s", MSG_ARENA);
		s->els = e;
		s->capels = ncap;
	}
	memset(&s->els[s->nels], 0, sizeof(s->els[0]));
	s->els[s->nels].end = SVG_NONE;
	s->nels++;
	return 0;
}

/* svg_end_element closes the element on top of the stack. */
static void
svg_end_element(struct svg *s)
{
	struct svg_open *o = &s->open[s->depth - 1];

	if (o->out != NULL) {
		if (s->pending) {
			buf_adds(&s->out, "/>");
			s->pending = false;
		} else {
			buf_adds(&s->out, "</");
			buf_adds(&s->out, o->out);
			buf_addc(&s->out, '>');
		}
		s->els[o->el].end = (uint32_t)s->nels;
	}
	if (s->drop_depth == s->depth)
		s->drop_depth = 0;
	s->nns = o->ns_mark;
	s->depth--;
	if (s->depth == 0) {
		s->root_done = true;
		buf_addc(&s->out, '\n');
	}
}

/* svg_start_tag reads "<name attrs...>" or "/>" at pos and handles it. */
static int
svg_start_tag(struct svg *s)
{
	size_t lt = s->pos, i, j, plen, llen, q0;
	const char *qn, *pfx, *local;
	size_t qnlen;
	bool empty = false, ws;
	enum svg_ns_kind kind;
	const struct svg_elem_rule *rule = NULL;
	struct svg_open *o;
	bool root = !s->root_seen, drop;
	char tmp[64];

	s->pos++;
	if (!svg_name(s, &qn, &qnlen))
		return svg_bad(s, lt, "a '<' does not start a tag; write &lt;");
	if (s->root_done)
		return svg_bad(s, lt, "there is more than one root element");
	if (++s->nelements > IMAGE_SVG_MAX_ELEMENTS)
		return svg_fail(s, ERR_TOOBIG,
		    "The SVG has more than %d elements; badge images can have "
		    "at most %d.",
		    IMAGE_SVG_MAX_ELEMENTS, IMAGE_SVG_MAX_ELEMENTS);
	if (s->depth == IMAGE_SVG_MAX_DEPTH)
		return svg_fail(s, ERR_TOOBIG,
		    "The SVG nests elements more than %d deep (line %zu); "
		    "badge images can nest at most %d levels.",
		    IMAGE_SVG_MAX_DEPTH, svg_line(s, lt), IMAGE_SVG_MAX_DEPTH);
	s->nattrs = 0;
	for (;;) {
		ws = false;
		while (s->pos < s->len && is_ws(s->p[s->pos])) {
			s->pos++;
			ws = true;
		}
		if (s->pos >= s->len)
			return svg_bad(s, lt, "the file ends inside a tag");
		if (s->p[s->pos] == '>') {
			s->pos++;
			break;
		}
		if (starts(s, "/>")) {
			s->pos += 2;
			empty = true;
			break;
		}
		if (s->nattrs == IMAGE_SVG_MAX_ATTRS)
			return svg_fail(s, ERR_TOOBIG,
			    "An element of the SVG has more than %d attributes "
			    "(line %zu); badge images can have at most %d.",
			    IMAGE_SVG_MAX_ATTRS, svg_line(s, lt),
			    IMAGE_SVG_MAX_ATTRS);
		struct svg_attr *at = &s->attrs[s->nattrs];

		at->at = s->pos;
		if (!ws || !svg_name(s, &at->name, &at->nlen))
			return svg_bad(s, s->pos, "a tag is not valid");
		while (s->pos < s->len && is_ws(s->p[s->pos]))
			s->pos++;
		if (s->pos >= s->len || s->p[s->pos] != '=')
			return svg_bad(s, at->at, "an attribute has no value");
		s->pos++;
		while (s->pos < s->len && is_ws(s->p[s->pos]))
			s->pos++;
		if (s->pos >= s->len ||
		    (s->p[s->pos] != '"' && s->p[s->pos] != '\''))
			return svg_bad(
			    s, at->at, "an attribute value is not quoted");
		q0 = ++s->pos;
		const char *qe = memchr(s->p + q0, s->p[q0 - 1], s->len - q0);
		if (qe == NULL)
			return svg_bad(s, at->at, "the file ends inside a tag");
		s->pos = (size_t)(qe - s->p) + 1;
		if (svg_decode(s, q0, s->pos - 1, true, &at->val, &at->vlen) !=
		    0)
			return s->rc;
		for (j = 0; j < s->nattrs; j++)
			if (s->attrs[j].nlen == at->nlen &&
			    memcmp(s->attrs[j].name, at->name, at->nlen) == 0)
				return svg_bad(s, at->at,
				    "an attribute appears twice on one "
				    "element");
		s->nattrs++;
	}

	o = &s->open[s->depth];
	o->name = qn;
	o->nlen = qnlen;
	o->ns_mark = s->nns;
	o->out = NULL;
	o->el = SVG_NONE;
	o->text = false;
	if (svg_declare(s) != 0)
		return s->rc;
	split_qname(qn, qnlen, &pfx, &plen, &local, &llen);
	if (svg_resolve(s, pfx, plen, &kind) != 0)
		return svg_bad(
		    s, lt, "an element uses an undeclared namespace prefix");
	if (kind == NS_SVG)
		rule = elem_rule(local, llen);
	if (root) {
		s->root_seen = true;
		if (kind != NS_SVG || !eq(local, llen, "svg")) {
			if (eq(qn, qnlen, "svg") && kind == NS_NONE)
				return svg_fail(s, ERR_INVAL,
				    "The SVG's <svg> element does not declare "
				    "the SVG namespace "
				    "(xmlns=\"" NS_SVG_URI "\"), so "
				    "browsers will not show it as an "
				    "image.");
			return svg_fail(s, ERR_INVAL, "%s", MSG_NOT_IMAGE);
		}
	}
	drop = s->drop_depth != 0;
	if (kind == NS_SVG && rule == NULL && !eq(local, llen, "metadata"))
		return svg_reject_elem(s, local, llen, lt);
	if (!drop &&
	    (kind == NS_OTHER || kind == NS_XLINK || kind == NS_XML ||
	        kind == NS_NONE))
		return svg_fail(s, ERR_INVAL,
		    "The SVG contains an element <%s> (line %zu) from "
		    "another XML vocabulary, which is not allowed in badge "
		    "images.",
		    svg_show(tmp, sizeof(tmp), qn, qnlen), svg_line(s, lt));
	if (!drop && (kind == NS_EDITOR || rule == NULL)) {
		drop = true; /* editor metadata: dropped with its subtree */
		s->drop_depth = s->depth + 1;
	}
	if (drop) {
		/* attributes are not written; prefixes must still resolve */
		for (i = 0; i < s->nattrs; i++) {
			split_qname(s->attrs[i].name, s->attrs[i].nlen, &pfx,
			    &plen, &local, &llen);
			if (pfx != NULL && !eq(pfx, plen, "xmlns") &&
			    svg_resolve(s, pfx, plen, &kind) != 0)
				return svg_bad(s, s->attrs[i].at,
				    "an attribute uses an undeclared "
				    "namespace prefix");
		}
	} else {
		out_close_pending(s);
		if (svg_new_el(s) != 0)
			return s->rc;
		o->el = (uint32_t)(s->nels - 1);
		o->out = rule->name;
		o->text = rule->text;
		buf_addc(&s->out, '<');
		buf_adds(&s->out, rule->name);
		if (svg_attrs_out(s, rule->name, root) != 0)
			return s->rc;
		s->pending = true;
	}
	s->depth++;
	if (empty)
		svg_end_element(s);
	return 0;
}

static int
svg_end_tag(struct svg *s)
{
	size_t lt = s->pos;
	const char *qn;
	size_t qnlen;
	struct svg_open *o;

	s->pos += 2;
	if (!svg_name(s, &qn, &qnlen))
		return svg_bad(s, lt, "an end tag is not valid");
	while (s->pos < s->len && is_ws(s->p[s->pos]))
		s->pos++;
	if (s->pos >= s->len || s->p[s->pos] != '>')
		return svg_bad(s, lt, "an end tag is not valid");
	s->pos++;
	if (s->depth == 0)
		return svg_bad(s, lt, "an end tag has no start tag");
	o = &s->open[s->depth - 1];
	if (o->nlen != qnlen || memcmp(o->name, qn, qnlen) != 0) {
		char a[64], b[64];

		return svg_fail(s, ERR_INVAL,
		    "The SVG is not well-formed XML (line %zu: </%s> does "
		    "not match <%s>).",
		    svg_line(s, lt), svg_show(a, sizeof(a), qn, qnlen),
		    svg_show(b, sizeof(b), o->name, o->nlen));
	}
	svg_end_element(s);
	return 0;
}

/* svg_text handles character data p[from..to) (raw) inside an element. */
static int
svg_text(struct svg *s, size_t from, size_t to, bool cdata)
{
	struct svg_open *o;
	char *d;
	size_t n, i;

	if (s->depth == 0) {
		for (i = from; i < to; i++)
			if (!is_ws(s->p[i]))
				return svg_bad(s, i,
				    s->root_done ? "there is text after the "
				                   "end of the document"
				                 : "there is text before the "
				                   "<svg> element");
		return 0;
	}
	o = &s->open[s->depth - 1];
	if (cdata) {
		if (s->drop_depth == 0 && !o->text)
			return svg_fail(s, ERR_INVAL,
			    "The SVG has a CDATA section outside text (line "
			    "%zu), which is not allowed in badge images.",
			    svg_line(s, from));
		d = arena_strndup(s->a, s->p + from, to - from);
		n = to - from;
		if (d == NULL)
			return svg_fail(s, ERR_TOOBIG, "%s", MSG_ARENA);
		/* line ends as in text */
		size_t k = 0;
		for (i = 0; i < n; i++) {
			if (d[i] == '\r') {
				d[k++] = '\n';
				if (i + 1 < n && d[i + 1] == '\n')
					i++;
			} else {
				d[k++] = d[i];
			}
		}
		n = k;
	} else {
		if (memmem(s->p + from, to - from, "]]>", 3) != NULL)
			return svg_bad(s, from, "text contains ']]>'");
		if (svg_decode(s, from, to, false, &d, &n) != 0)
			return s->rc;
	}
	if (s->drop_depth != 0)
		return 0;
	if (!o->text) {
		for (i = 0; i < n; i++)
			if (!is_ws(d[i]))
				return svg_fail(s, ERR_INVAL,
				    "The SVG has text outside a text element "
				    "(line %zu), which is not allowed in "
				    "badge images.",
				    svg_line(s, from));
		return 0;
	}
	if (n > 0) {
		out_close_pending(s);
		out_escape(s, d, n, false);
	}
	return 0;
}

/* svg_xml_decl reads the XML declaration at pos ("<?xml" + white space). */
static int
svg_xml_decl(struct svg *s)
{
	size_t at = s->pos, i;
	const char *end = memmem(s->p + s->pos, s->len - s->pos, "?>", 2);
	const char *p, *e;
	int n = 0;
	char tmp[48];

	if (end == NULL)
		return svg_bad(s, at, "the XML declaration is not closed");
	p = s->p + s->pos + 5;
	e = end;
	for (;;) {
		const char *name, *val;
		size_t nl, vl;
		char q;

		while (p < e && is_ws(*p))
			p++;
		if (p == e)
			break;
		name = p;
		while (p < e && (is_alpha(*p)))
			p++;
		nl = (size_t)(p - name);
		while (p < e && is_ws(*p))
			p++;
		if (nl == 0 || p == e || *p != '=')
			return svg_bad(s, at, "the XML declaration is invalid");
		p++;
		while (p < e && is_ws(*p))
			p++;
		if (p == e || (*p != '"' && *p != '\''))
			return svg_bad(s, at, "the XML declaration is invalid");
		q = *p++;
		val = p;
		while (p < e && *p != q)
			p++;
		if (p == e)
			return svg_bad(s, at, "the XML declaration is invalid");
		vl = (size_t)(p - val);
		p++;
		if (eq(name, nl, "version") && n == 0) {
			if (!(vl >= 3 && memcmp(val, "1.", 2) == 0))
				return svg_bad(
				    s, at, "the XML version is not 1.x");
			for (i = 2; i < vl; i++)
				if (!is_digit(val[i]))
					return svg_bad(s, at,
					    "the XML version is not 1.x");
		} else if (eq(name, nl, "encoding") && n == 1) {
			if (!eq_nocase(val, vl, "utf-8") &&
			    !eq_nocase(val, vl, "us-ascii"))
				return svg_fail(s, ERR_INVAL,
				    "The SVG is saved as %s; badge images "
				    "must be saved as UTF-8.",
				    svg_show(tmp, sizeof(tmp), val, vl));
		} else if (eq(name, nl, "standalone") && n >= 1) {
			if (!eq(val, vl, "yes") && !eq(val, vl, "no"))
				return svg_bad(
				    s, at, "the XML declaration is invalid");
			n = 2;
		} else {
			return svg_bad(s, at, "the XML declaration is invalid");
		}
		n++;
	}
	if (n == 0)
		return svg_bad(s, at, "the XML declaration has no version");
	s->pos = (size_t)(end - s->p) + 2;
	return 0;
}

static int
svg_markup(struct svg *s)
{
	size_t at = s->pos;
	const char *e;
	char tmp[48];

	if (starts(s, "<!--")) {
		e = memmem(s->p + s->pos + 4, s->len - s->pos - 4, "--", 2);
		if (e == NULL)
			return svg_bad(s, at, "the file ends inside a comment");
		if ((size_t)(e - s->p) + 2 >= s->len || e[2] != '>')
			return svg_bad(s, at, "a comment contains '--'");
		s->pos = (size_t)(e - s->p) + 3;
		return 0;
	}
	if (starts(s, "<![CDATA[")) {
		e = memmem(s->p + s->pos + 9, s->len - s->pos - 9, "]]>", 3);
		if (e == NULL)
			return svg_bad(
			    s, at, "the file ends inside a CDATA section");
		if (s->depth == 0)
			return svg_bad(s, at,
			    "a CDATA section is outside the <svg> element");
		s->pos = (size_t)(e - s->p) + 3;
		return svg_text(s, at + 9, (size_t)(e - s->p), true);
	}
	if (starts(s, "<!DOCTYPE") || starts(s, "<!ENTITY") ||
	    starts(s, "<!ELEMENT") || starts(s, "<!ATTLIST"))
		return svg_fail(s, ERR_INVAL,
		    "The SVG contains a DOCTYPE or ENTITY declaration (line "
		    "%zu), which is not allowed in badge images; save it as "
		    "plain SVG without one.",
		    svg_line(s, at));
	if (starts(s, "<!"))
		return svg_bad(s, at, "a '<!' is not a comment or CDATA");
	/* "<?": processing instructions; the XML declaration is handled
	 * before the loop */
	s->pos += 2;
	const char *name = s->p + s->pos;
	size_t n = 0;
	while (
	    s->pos + n < s->len && !is_ws(name[n]) && name[n] != '?' && n < 40)
		n++;
	return svg_fail(s, ERR_INVAL,
	    "The SVG contains a processing instruction (<?%s ...?>, line "
	    "%zu), which is not allowed in badge images.",
	    svg_show(tmp, sizeof(tmp), name, n), svg_line(s, at));
}

static int
svg_parse(struct svg *s)
{
	if (svg_check_chars(s) != 0)
		return s->rc;
	if (starts(s, "\xef\xbb\xbf"))
		s->pos = 3;
	if (starts(s, "<?xml") && s->len - s->pos > 5 &&
	    is_ws(s->p[s->pos + 5])) {
		if (svg_xml_decl(s) != 0)
			return s->rc;
	}
	while (s->pos < s->len) {
		const char *lt;
		size_t next;

		if (s->p[s->pos] != '<') {
			lt = memchr(s->p + s->pos, '<', s->len - s->pos);
			next = lt ? (size_t)(lt - s->p) : s->len;
			if (svg_text(s, s->pos, next, false) != 0)
				return s->rc;
			s->pos = next;
		} else if (starts(s, "</")) {
			if (svg_end_tag(s) != 0)
				return s->rc;
		} else if (starts(s, "<!") || starts(s, "<?")) {
			if (svg_markup(s) != 0)
				return s->rc;
		} else if (svg_start_tag(s) != 0) {
			return s->rc;
		}
		if (buf_err(&s->out) != 0)
			return svg_fail(s, ERR_TOOBIG,
			    "After cleaning, the SVG would be larger than "
			    "%u KB; badge images can be at most %u KB.",
			    IMAGE_SVG_MAX_BYTES / 1024,
			    IMAGE_SVG_MAX_BYTES / 1024);
	}
	if (!s->root_seen)
		return svg_fail(s, ERR_INVAL, "%s", MSG_NOT_IMAGE);
	if (s->depth > 0) {
		char tmp[64];
		struct svg_open *o = &s->open[s->depth - 1];

		return svg_fail(s, ERR_INVAL,
		    "The SVG is not well-formed XML: the file ends before the "
		    "<%s> element is closed.",
		    svg_show(tmp, sizeof(tmp), o->name, o->nlen));
	}
	return 0;
}

/* Reference resolution and drawing cost. */

static int
id_cmp(const void *x, const void *y)
{
	const struct svg_id *a = x, *b = y;
	int c;

	if (a->idlen != b->idlen)
		return a->idlen < b->idlen ? -1 : 1;
	c = memcmp(a->id, b->id, a->idlen);
	if (c != 0)
		return c;
	return a->el < b->el ? -1 : (a->el > b->el);
}

/*
 * svg_cost computes, for element e, the number of elements drawn with
 * every reference inside it expanded, and the longest chain of references
 * from inside it; depth is the recursion depth, itself a chain. Either past
 * its limit fails, whatever the order of the document, and so does a loop.
 */
static int
svg_cost(struct svg *s, uint32_t e, unsigned depth)
{
	struct svg_el *el = &s->els[e];
	size_t lo = 0, hi = s->nrefs, r;
	unsigned chain = 0;
	uint64_t c;
	char tmp[64];

	if (el->state == 2)
		return 0;
	if (el->state == 1)
		return svg_fail(s, ERR_INVAL,
		    "The SVG refers to #%s from inside itself, a loop that is "
		    "not allowed in badge images.",
		    svg_show(tmp, sizeof(tmp), el->id, el->idlen));
	if (depth > IMAGE_SVG_MAX_REF_DEPTH)
		goto too_deep;
	el->state = 1;
	c = el->end - e;
	while (lo < hi) { /* the first reference from e or later */
		size_t mid = lo + (hi - lo) / 2;

		if (s->refs[mid].el < e)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (r = lo; r < s->nrefs && s->refs[r].el < el->end; r++) {
		const struct svg_el *t;

		if (s->refs[r].target == SVG_NONE)
			continue;
		if (svg_cost(s, s->refs[r].target, depth + 1) != 0)
			return s->rc;
		t = &s->els[s->refs[r].target];
		c += t->cost;
		if (t->chain + 1u > chain)
			chain = t->chain + 1u;
		if (c > IMAGE_SVG_MAX_RENDER)
			return svg_fail(s, ERR_TOOBIG,
			    "The SVG repeats its parts (with <use> or "
			    "url(#...)) so often that it would draw more "
			    "than %d elements; badge images can draw at most "
			    "%d.",
			    IMAGE_SVG_MAX_RENDER, IMAGE_SVG_MAX_RENDER);
	}
	if (chain > IMAGE_SVG_MAX_REF_DEPTH)
		goto too_deep;
	el->state = 2;
	el->cost = (uint32_t)c;
	el->chain = (uint8_t)chain;
	return 0;
too_deep:
	return svg_fail(s, ERR_INVAL,
	    "The SVG's references (<use> or url(#...)) are chained more "
	    "than %d deep, which is not allowed in badge images.",
	    IMAGE_SVG_MAX_REF_DEPTH);
}

static int
svg_references(struct svg *s)
{
	struct svg_id *ids, key, *hit;
	size_t nids = 0, i;
	char tmp[64];

	if (s->nels == 0)
		return 0;
	ids = arena_alloc(s->a, s->nels * sizeof(*ids));
	if (ids == NULL)
		return svg_fail(s, ERR_TOOBIG, "%s", MSG_ARENA);
	for (i = 0; i < s->nels; i++) {
		if (s->els[i].id == NULL)
			continue;
		ids[nids].id = s->els[i].id;
		ids[nids].idlen = s->els[i].idlen;
		ids[nids].el = (uint32_t)i;
		nids++;
	}
	if (nids > 0)
		qsort(ids, nids, sizeof(*ids), id_cmp);
	for (i = 1; i < nids; i++)
		if (ids[i].idlen == ids[i - 1].idlen &&
		    memcmp(ids[i].id, ids[i - 1].id, ids[i].idlen) == 0)
			return svg_fail(s, ERR_INVAL,
			    "The SVG uses the id \"%s\" more than once; ids "
			    "must be unique.",
			    svg_show(
			        tmp, sizeof(tmp), ids[i].id, ids[i].idlen));
	for (i = 0; i < s->nrefs; i++) {
		size_t lo = 0, hi = nids;

		key.id = s->refs[i].id;
		key.idlen = s->refs[i].idlen;
		key.el = 0;
		hit = NULL;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = id_cmp(&key, &ids[mid]);

			if (c > 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < nids && ids[lo].idlen == key.idlen &&
		    memcmp(ids[lo].id, key.id, key.idlen) == 0)
			hit = &ids[lo];
		s->refs[i].target = hit ? hit->el : SVG_NONE;
	}
	return svg_cost(s, 0, 0);
}

int
image_check_svg(struct arena *a, const char *data, size_t len,
    struct image_out *out, const char **msg)
{
	struct svg *s;
	unsigned w = 0, h = 0;

	memset(out, 0, sizeof(*out));
	*msg = NULL;
	if (len > IMAGE_SVG_MAX_BYTES) {
		*msg = "The SVG is larger than 512 KB; badge images in SVG "
		       "can be at most 512 KB.";
		return ERR_TOOBIG;
	}
	s = arena_alloc(a, sizeof(*s));
	if (s == NULL) {
		*msg = MSG_ARENA;
		return ERR_TOOBIG;
	}
	s->a = a;
	s->p = data;
	s->len = len;
	buf_init(&s->out, a, IMAGE_SVG_MAX_BYTES);
	if (svg_parse(s) != 0 || svg_references(s) != 0 ||
	    root_size(s, &w, &h) != 0) {
		*msg = s->msg;
		return s->rc;
	}
	if (buf_err(&s->out) != 0) {
		*msg = "After cleaning, the SVG would be larger than 512 KB; "
		       "badge images can be at most 512 KB.";
		return ERR_TOOBIG;
	}
	out->kind = IMAGE_SVG;
	out->content_type = "image/svg+xml";
	out->ext = "svg";
	out->width = w;
	out->height = h;
	out->data = (const uint8_t *)s->out.data;
	out->len = s->out.len;
	return 0;
}
