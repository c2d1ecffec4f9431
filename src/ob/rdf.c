/*
 * rdf.c: RDF datasets and the N-Quads syntax.
 *
 * Ownership: a dataset owns heap copies of all its strings. The parser
 * reads untrusted bytes: every access is bounds-checked against len, the
 * quad count is capped by ds->max, and errors carry the line number.
 */
#include "core/common.h"
#include "core/err.h"
#include "core/num.h"
#include "ob/rdf.h"

int
ob_errf(struct ob_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

void
rdf_dataset_init(struct rdf_dataset *ds, size_t max)
{
	memset(ds, 0, sizeof(*ds));
	ds->max = max;
}

static void
term_free(struct rdf_term *t)
{
	free(t->value);
	free(t->datatype);
	free(t->lang);
	memset(t, 0, sizeof(*t));
}

void
rdf_dataset_free(struct rdf_dataset *ds)
{
	size_t i;

	if (ds == NULL)
		return;
	for (i = 0; i < ds->n; i++) {
		term_free(&ds->quads[i].s);
		term_free(&ds->quads[i].p);
		term_free(&ds->quads[i].o);
		term_free(&ds->quads[i].g);
	}
	free(ds->quads);
	memset(ds, 0, sizeof(*ds));
}

static char *
dup_or_null(const char *s)
{
	return s == NULL ? NULL : xstrndup(s, strlen(s));
}

static void
term_copy(struct rdf_term *d, const struct rdf_term *s)
{
	d->kind = s->kind;
	d->value = dup_or_null(s->value);
	d->datatype = dup_or_null(s->datatype);
	d->lang = dup_or_null(s->lang);
}

int
rdf_dataset_add(
    struct rdf_dataset *ds, const struct rdf_quad *q, struct ob_err *e)
{
	struct rdf_quad *d;

	if (ds->n >= ds->max)
		return ob_errf(e, ERR_TOOBIG,
		    "the dataset has more than %zu quads", ds->max);
	if (ds->n == ds->cap) {
		ds->cap = ds->cap ? ds->cap * 2 : 16;
		ds->quads = xrealloc(ds->quads, ds->cap * sizeof(*ds->quads));
	}
	d = &ds->quads[ds->n++];
	term_copy(&d->s, &q->s);
	term_copy(&d->p, &q->p);
	term_copy(&d->o, &q->o);
	term_copy(&d->g, &q->g);
	return 0;
}

/* ---- serialisation ---- */

void
rdf_string_write(struct buf *b, const char *s, size_t n)
{
	size_t i;
	unsigned char c;

	buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		switch (c) {
		case '\b':
			buf_adds(b, "\\b");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\f':
			buf_adds(b, "\\f");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case 0xc0:
			if (i + 1 < n && (unsigned char)s[i + 1] == 0x80) {
				buf_adds(b, "\\u0000");
				i++;
				break;
			}
			buf_addc(b, (char)c);
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				buf_addf(b, "\\u%04X", c);
			else
				buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
}

void
rdf_term_write(struct buf *b, const struct rdf_term *t)
{
	switch (t->kind) {
	case RDF_IRI:
		buf_addc(b, '<');
		buf_adds(b, t->value);
		buf_addc(b, '>');
		break;
	case RDF_BNODE:
		buf_adds(b, "_:");
		buf_adds(b, t->value);
		break;
	case RDF_LITERAL:
		rdf_string_write(b, t->value, strlen(t->value));
		if (t->lang != NULL) {
			buf_addc(b, '@');
			buf_adds(b, t->lang);
		} else if (t->datatype != NULL &&
		    strcmp(t->datatype, RDF_XSD "string") != 0) {
			buf_adds(b, "^^<");
			buf_adds(b, t->datatype);
			buf_addc(b, '>');
		}
		break;
	case RDF_NONE:
		break;
	}
}

void
rdf_quad_write(struct buf *b, const struct rdf_quad *q)
{
	rdf_term_write(b, &q->s);
	buf_addc(b, ' ');
	rdf_term_write(b, &q->p);
	buf_addc(b, ' ');
	rdf_term_write(b, &q->o);
	if (q->g.kind != RDF_NONE) {
		buf_addc(b, ' ');
		rdf_term_write(b, &q->g);
	}
	buf_adds(b, " .\n");
}

/* ---- parsing ---- */

struct nqp {
	const char *p;
	size_t len;
	size_t pos;
	size_t line;
	struct ob_err *e;
};

static int
nq_fail(struct nqp *s, const char *what)
{
	return ob_errf(s->e, ERR_INVAL, "N-Quads line %zu: %s", s->line, what);
}

static void
skip_ws(struct nqp *s)
{
	while (s->pos < s->len && (s->p[s->pos] == ' ' || s->p[s->pos] == '\t'))
		s->pos++;
}

static void
put_utf8(struct buf *b, uint32_t cp)
{
	if (cp == 0) {
		/* U+0000 is kept as the overlong C0 80 (see rdf.h). */
		buf_addc(b, (char)0xc0);
		buf_addc(b, (char)0x80);
	} else if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		buf_addc(b, (char)(0xc0 | (cp >> 6)));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_addc(b, (char)(0xe0 | (cp >> 12)));
		buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_addc(b, (char)(0xf0 | (cp >> 18)));
		buf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
		buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/*
 * read_uchar decodes \uXXXX or \UXXXXXXXX at s->pos (after the 'u'/'U')
 * into *cp, which is always a Unicode scalar value.
 */
static int
read_uchar(struct nqp *s, int ndig, uint32_t *cp)
{
	uint32_t v = 0;
	int i, h;

	if (s->len - s->pos < (size_t)ndig)
		return nq_fail(s, "truncated \\u escape");
	for (i = 0; i < ndig; i++) {
		h = num_hexdigit(s->p[s->pos + i]);
		if (h < 0)
			return nq_fail(s, "bad hex digit in \\u escape");
		v = v * 16 + (uint32_t)h;
	}
	if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return nq_fail(s, "\\u escape is not a Unicode scalar value");
	s->pos += (size_t)ndig;
	*cp = v;
	return 0;
}

/*
 * iri_char_ok: whether code point cp may appear in an IRI. IRIREF excludes
 * [#x00-#x20<>"{}|^`\] from its raw characters, and RDF 1.2 N-Triples
 * requires the IRI formed after unescaping UCHARs to be a valid IRI, so
 * the same set is refused when it arrives through \u or \U. Were it let
 * in, the IRI could not be written back: canonical N-Quads writes IRIs
 * unescaped, and the writer has no other form for these characters.
 */
static bool
iri_char_ok(uint32_t cp)
{
	return cp > 0x20 && cp != '<' && cp != '>' && cp != '"' && cp != '{' &&
	    cp != '}' && cp != '|' && cp != '^' && cp != '`' && cp != '\\';
}

static int
read_iri(struct nqp *s, char **out)
{
	struct buf b;
	uint32_t cp;
	char c;
	int rc;

	buf_init(&b, NULL, s->len + 8);
	s->pos++; /* '<' */
	for (;;) {
		if (s->pos >= s->len) {
			rc = nq_fail(s, "unterminated IRI");
			goto out;
		}
		c = s->p[s->pos++];
		if (c == '>')
			break;
		if (c == '\\') {
			if (s->pos >= s->len) {
				rc = nq_fail(s, "bad escape in IRI");
				goto out;
			}
			c = s->p[s->pos++];
			if (c != 'u' && c != 'U') {
				rc = nq_fail(s, "bad escape in IRI");
				goto out;
			}
			rc = read_uchar(s, c == 'u' ? 4 : 8, &cp);
			if (rc != 0)
				goto out;
			if (!iri_char_ok(cp)) {
				rc = nq_fail(s,
				    "\\u escape of a character "
				    "not allowed in IRI");
				goto out;
			}
			put_utf8(&b, cp);
			continue;
		}
		if (!iri_char_ok((unsigned char)c)) {
			rc = nq_fail(s, "character not allowed in IRI");
			goto out;
		}
		buf_addc(&b, c);
	}
	if (b.len == 0 || memchr(b.data, ':', b.len) == NULL) {
		rc = nq_fail(s, "IRI is not absolute");
		goto out;
	}
	*out = buf_detach(&b, NULL);
	return 0;
out:
	buf_free(&b);
	return rc;
}

static bool
is_pn_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
	    c >= 0x80;
}

static int
read_bnode(struct nqp *s, char **out)
{
	size_t start;

	s->pos += 2; /* "_:" */
	start = s->pos;
	while (s->pos < s->len && is_pn_char((unsigned char)s->p[s->pos]))
		s->pos++;
	/* A label may not end with '.'. */
	while (s->pos > start && s->p[s->pos - 1] == '.')
		s->pos--;
	if (s->pos == start || s->p[start] == '-' || s->p[start] == '.')
		return nq_fail(s, "bad blank node label");
	*out = xstrndup(s->p + start, s->pos - start);
	return 0;
}

static int
read_literal(struct nqp *s, struct rdf_term *t)
{
	struct buf b;
	uint32_t cp;
	char c;
	size_t start;
	int rc;

	buf_init(&b, NULL, s->len + 8);
	s->pos++; /* '"' */
	for (;;) {
		if (s->pos >= s->len) {
			rc = nq_fail(s, "unterminated string");
			goto out;
		}
		c = s->p[s->pos++];
		if (c == '"')
			break;
		if (c == '\n' || c == '\r') {
			rc = nq_fail(s, "newline in string");
			goto out;
		}
		if (c == '\0') {
			/* A raw U+0000: kept as C0 80 (see rdf.h), not cut. */
			put_utf8(&b, 0);
			continue;
		}
		if (c != '\\') {
			buf_addc(&b, c);
			continue;
		}
		if (s->pos >= s->len) {
			rc = nq_fail(s, "bad escape in string");
			goto out;
		}
		c = s->p[s->pos++];
		switch (c) {
		case 't':
			buf_addc(&b, '\t');
			break;
		case 'b':
			buf_addc(&b, '\b');
			break;
		case 'n':
			buf_addc(&b, '\n');
			break;
		case 'r':
			buf_addc(&b, '\r');
			break;
		case 'f':
			buf_addc(&b, '\f');
			break;
		case '"':
		case '\'':
		case '\\':
			buf_addc(&b, c);
			break;
		case 'u':
		case 'U':
			rc = read_uchar(s, c == 'u' ? 4 : 8, &cp);
			if (rc != 0)
				goto out;
			put_utf8(&b, cp);
			break;
		default:
			rc = nq_fail(s, "bad escape in string");
			goto out;
		}
	}
	t->kind = RDF_LITERAL;
	if (buf_err(&b) != 0) {
		rc = nq_fail(s, "string too long");
		goto out;
	}
	t->value = buf_detach(&b, NULL);
	if (s->pos < s->len && s->p[s->pos] == '@') {
		start = ++s->pos;
		while (s->pos < s->len &&
		    (((s->p[s->pos] | 0x20) >= 'a' &&
		         (s->p[s->pos] | 0x20) <= 'z') ||
		        (s->pos > start &&
		            (s->p[s->pos] == '-' ||
		                (s->p[s->pos] >= '0' && s->p[s->pos] <= '9')))))
			s->pos++;
		if (s->pos == start)
			return nq_fail(s, "empty language tag");
		t->lang = xstrndup(s->p + start, s->pos - start);
		t->datatype = xstrndup(RDF_LANGSTRING, strlen(RDF_LANGSTRING));
	} else if (s->len - s->pos >= 3 && s->p[s->pos] == '^' &&
	    s->p[s->pos + 1] == '^' && s->p[s->pos + 2] == '<') {
		s->pos += 2;
		rc = read_iri(s, &t->datatype);
		if (rc != 0)
			return rc;
		if (strcmp(t->datatype, RDF_XSD "string") == 0) {
			free(t->datatype);
			t->datatype = NULL;
		}
	}
	return 0;
out:
	buf_free(&b);
	return rc;
}

static int
read_term(struct nqp *s, struct rdf_term *t, bool lit_ok, bool bnode_ok)
{
	skip_ws(s);
	if (s->pos >= s->len)
		return nq_fail(s, "unexpected end of line");
	if (s->p[s->pos] == '<') {
		t->kind = RDF_IRI;
		return read_iri(s, &t->value);
	}
	if (bnode_ok && s->len - s->pos >= 2 && s->p[s->pos] == '_' &&
	    s->p[s->pos + 1] == ':') {
		t->kind = RDF_BNODE;
		return read_bnode(s, &t->value);
	}
	if (lit_ok && s->p[s->pos] == '"')
		return read_literal(s, t);
	return nq_fail(s, "expected a term");
}

static void
quad_free(struct rdf_quad *q)
{
	term_free(&q->s);
	term_free(&q->p);
	term_free(&q->o);
	term_free(&q->g);
}

int
rdf_nquads_parse(
    const char *p, size_t len, struct rdf_dataset *ds, struct ob_err *e)
{
	struct nqp s = {p, len, 0, 1, e};
	struct rdf_quad q;
	int rc;

	for (;;) {
		skip_ws(&s);
		if (s.pos >= len)
			return 0;
		if (p[s.pos] == '\n' || p[s.pos] == '\r') {
			if (p[s.pos] == '\n')
				s.line++;
			s.pos++;
			continue;
		}
		if (p[s.pos] == '#') {
			while (s.pos < len && p[s.pos] != '\n')
				s.pos++;
			continue;
		}
		memset(&q, 0, sizeof(q));
		rc = read_term(&s, &q.s, false, true);
		if (rc == 0)
			rc = read_term(&s, &q.p, false, false);
		if (rc == 0)
			rc = read_term(&s, &q.o, true, true);
		if (rc == 0) {
			skip_ws(&s);
			if (s.pos < len && p[s.pos] != '.')
				rc = read_term(&s, &q.g, false, true);
		}
		if (rc == 0) {
			skip_ws(&s);
			if (s.pos >= len || p[s.pos] != '.')
				rc = nq_fail(&s, "expected '.'");
			else
				s.pos++;
		}
		if (rc == 0) {
			skip_ws(&s);
			if (s.pos < len && p[s.pos] == '#')
				while (s.pos < len && p[s.pos] != '\n')
					s.pos++;
			if (s.pos < len && p[s.pos] != '\n' && p[s.pos] != '\r')
				rc = nq_fail(&s, "text after '.'");
		}
		if (rc == 0)
			rc = rdf_dataset_add(ds, &q, e);
		quad_free(&q);
		if (rc != 0)
			return rc;
	}
}
