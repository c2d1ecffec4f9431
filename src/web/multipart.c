/*
 * multipart.c: the multipart/form-data parser (see multipart.h).
 *
 * Pure: reads only body[0..len) and the Content-Type string, allocates
 * only from the caller's arena (names, filenames and content types), and
 * points each part's data into the body. The delimiter is searched with
 * memmem, so a body is scanned once, in linear time, whatever it holds.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "web/html.h"
#include "web/multipart.h"

/* A span of the input: a pointer and a length, not NUL-terminated. */
struct span {
	const char *p;
	size_t n;
};

static bool
is_tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != 0 && strchr("!#$%&'*+-.^_`|~", c));
}

/* is_bchar: RFC 2046 bcharsnospace, and the space when space is true. */
static bool
is_bchar(unsigned char c, bool space)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != 0 && strchr("'()+_,-./:=?", c)) ||
	    (space && c == ' ');
}

static bool
is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* has_ctl: any control character, HTAB included. */
static bool
has_ctl(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return true;
	return false;
}

static bool
span_ieq(struct span s, const char *lit)
{
	return s.n == strlen(lit) && strncasecmp(s.p, lit, s.n) == 0;
}

/*
 * next_param reads one "; key=value" from s[*i..n): OWS ';' OWS token '='
 * (token | quoted-string). A quoted value is taken literally up to the
 * next '"' (no escapes) and *quoted says it was quoted. Returns 1 for a
 * parameter, 0 at the end (only OWS left), ERR_INVAL otherwise.
 */
static int
next_param(const char *s, size_t n, size_t *i, struct span *key,
    struct span *val, bool *quoted)
{
	size_t k = *i;

	while (k < n && is_ows(s[k]))
		k++;
	if (k == n) {
		*i = k;
		return 0;
	}
	if (s[k] != ';')
		return ERR_INVAL;
	k++;
	while (k < n && is_ows(s[k]))
		k++;
	key->p = s + k;
	while (k < n && is_tchar((unsigned char)s[k]))
		k++;
	key->n = (size_t)(s + k - key->p);
	if (key->n == 0 || k == n || s[k] != '=')
		return ERR_INVAL;
	k++;
	if (k < n && s[k] == '"') {
		const char *close = memchr(s + k + 1, '"', n - k - 1);
		if (close == NULL)
			return ERR_INVAL;
		val->p = s + k + 1;
		val->n = (size_t)(close - val->p);
		k = (size_t)(close - s) + 1;
		*quoted = true;
	} else {
		val->p = s + k;
		while (k < n && is_tchar((unsigned char)s[k]))
			k++;
		val->n = (size_t)(s + k - val->p);
		if (val->n == 0)
			return ERR_INVAL;
		*quoted = false;
	}
	*i = k;
	return 1;
}

/*
 * media_type checks that s[0..n) starts (after OWS) with type, in any
 * case, followed by the end, OWS or ';'; *i is then just past it.
 */
static bool
media_type(const char *s, size_t n, const char *type, size_t *i)
{
	size_t k = 0, tl = strlen(type);

	while (k < n && is_ows(s[k]))
		k++;
	if (n - k < tl || strncasecmp(s + k, type, tl) != 0)
		return false;
	k += tl;
	if (k < n && !is_ows(s[k]) && s[k] != ';')
		return false;
	*i = k;
	return true;
}

bool
multipart_is_form(const char *content_type)
{
	size_t i;

	return content_type != NULL &&
	    media_type(
	        content_type, strlen(content_type), "multipart/form-data", &i);
}

int
multipart_boundary(const char *content_type, const char **out, size_t *outlen)
{
	const char *s = content_type;
	size_t n, i;
	struct span key, val, b = {NULL, 0};
	bool quoted;
	int rc;

	if (s == NULL)
		return ERR_INVAL;
	n = strlen(s);
	for (size_t k = 0; k < n; k++)
		if ((unsigned char)s[k] >= 0x80 ||
		    ((unsigned char)s[k] < 0x20 && s[k] != '\t') ||
		    s[k] == 0x7f)
			return ERR_INVAL;
	if (!media_type(s, n, "multipart/form-data", &i))
		return ERR_INVAL;
	while ((rc = next_param(s, n, &i, &key, &val, &quoted)) == 1) {
		if (!span_ieq(key, "boundary"))
			continue;
		if (b.p != NULL)
			return ERR_INVAL; /* given twice */
		b = val;
		if (b.n == 0 || b.n > MULTIPART_MAX_BOUNDARY ||
		    b.p[b.n - 1] == ' ')
			return ERR_INVAL;
		for (size_t k = 0; k < b.n; k++)
			if (!is_bchar((unsigned char)b.p[k], quoted))
				return ERR_INVAL;
	}
	if (rc != 0 || b.p == NULL)
		return ERR_INVAL;
	*out = b.p;
	*outlen = b.n;
	return 0;
}

/*
 * name_ok: a name or filename is valid UTF-8 without control characters.
 * (NUL cannot occur: header lines are checked for it.)
 */
static bool
name_ok(struct span s)
{
	return !has_ctl(s.p, s.n) && utf8_valid(s.p, s.n);
}

/*
 * disposition parses a Content-Disposition value: form-data, a name and
 * perhaps a filename, into p (arena copies).
 */
static int
disposition(struct arena *a, const char *s, size_t n, struct multipart_part *p)
{
	struct span key, val, name = {NULL, 0}, fname = {NULL, 0};
	bool quoted;
	size_t i;
	int rc;

	if (!media_type(s, n, "form-data", &i))
		return ERR_INVAL;
	while ((rc = next_param(s, n, &i, &key, &val, &quoted)) == 1) {
		if (span_ieq(key, "name")) {
			if (name.p != NULL)
				return ERR_INVAL;
			name = val;
		} else if (span_ieq(key, "filename")) {
			if (fname.p != NULL)
				return ERR_INVAL;
			fname = val;
		}
		/* filename* (RFC 7578 §4.2: must not be used) and others:
		 * ignored. */
	}
	if (rc != 0 || name.p == NULL || name.n == 0 || !name_ok(name))
		return ERR_INVAL;
	if (fname.p != NULL && !name_ok(fname))
		return ERR_INVAL;
	if ((p->name = arena_strndup(a, name.p, name.n)) == NULL)
		return ERR_TOOBIG;
	p->nlen = name.n;
	if (fname.p != NULL) {
		if ((p->filename = arena_strndup(a, fname.p, fname.n)) == NULL)
			return ERR_TOOBIG;
		p->flen = fname.n;
	}
	return 0;
}

/*
 * headers reads a part's header block at body[*pos..len) up to and
 * including the empty line, filling p's name, filename and content type.
 */
static int
headers(struct arena *a, const char *body, size_t len, size_t *pos,
    struct multipart_part *p)
{
	size_t i = *pos, nh = 0;
	bool cd = false;
	int rc;

	for (;;) {
		size_t start = i, colon = SIZE_MAX;
		for (; i < len && body[i] != '\r'; i++) {
			if (i - start >= MULTIPART_MAX_LINE)
				return ERR_INVAL; /* line too long */
			if (body[i] != '\t' &&
			    ((unsigned char)body[i] < 0x20 || body[i] == 0x7f))
				return ERR_INVAL; /* LF, NUL, controls */
			if (body[i] == ':' && colon == SIZE_MAX)
				colon = i;
		}
		if (len - i < 2 || body[i + 1] != '\n')
			return ERR_INVAL; /* truncated, or a bare CR */
		i += 2;
		if (i - 2 == start)
			break; /* the empty line */
		if (++nh > MULTIPART_MAX_HEADERS)
			return ERR_INVAL;
		if (colon == SIZE_MAX || colon == start)
			return ERR_INVAL; /* no name (or a folded line) */
		struct span name = {body + start, colon - start};
		for (size_t k = 0; k < name.n; k++)
			if (!is_tchar((unsigned char)name.p[k]))
				return ERR_INVAL;
		size_t vs = colon + 1, ve = i - 2;
		while (vs < ve && is_ows(body[vs]))
			vs++;
		while (ve > vs && is_ows(body[ve - 1]))
			ve--;
		if (span_ieq(name, "Content-Disposition")) {
			if (cd)
				return ERR_INVAL;
			cd = true;
			if ((rc = disposition(a, body + vs, ve - vs, p)) != 0)
				return rc;
		} else if (span_ieq(name, "Content-Type")) {
			if (p->content_type != NULL || ve == vs)
				return ERR_INVAL;
			for (size_t k = vs; k < ve; k++)
				if ((unsigned char)body[k] >= 0x80)
					return ERR_INVAL;
			p->content_type = arena_strndup(a, body + vs, ve - vs);
			if (p->content_type == NULL)
				return ERR_TOOBIG;
		}
		/* other headers: ignored */
	}
	if (!cd)
		return ERR_INVAL;
	*pos = i;
	return 0;
}

int
multipart_parse(struct arena *a, const char *content_type, const char *body,
    size_t len, struct multipart_part *parts, size_t max, size_t *nparts)
{
	const char *b;
	size_t blen, pos, n = 0;
	char delim[4 + MULTIPART_MAX_BOUNDARY]; /* CRLF "--" boundary */
	int rc;

	*nparts = 0;
	if ((rc = multipart_boundary(content_type, &b, &blen)) != 0)
		return rc;
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, b, blen);
	/* The first delimiter opens the body: no preamble. */
	if (len < blen + 2 || memcmp(body, delim + 2, blen + 2) != 0)
		return ERR_INVAL;
	pos = blen + 2;
	for (;;) {
		const char *end;
		if (len - pos >= 2 && memcmp(body + pos, "--", 2) == 0) {
			/* the close delimiter, then at most a CRLF */
			pos += 2;
			if (pos == len ||
			    (len - pos == 2 &&
			        memcmp(body + pos, "\r\n", 2) == 0))
				break;
			return ERR_INVAL;
		}
		if (len - pos < 2 || memcmp(body + pos, "\r\n", 2) != 0)
			return ERR_INVAL; /* no transport padding either */
		pos += 2;
		if (n == max)
			return ERR_TOOBIG;
		memset(&parts[n], 0, sizeof(parts[n]));
		if ((rc = headers(a, body, len, &pos, &parts[n])) != 0)
			return rc;
		end = memmem(body + pos, len - pos, delim, blen + 4);
		if (end == NULL)
			return ERR_INVAL; /* no final delimiter */
		parts[n].data = body + pos;
		parts[n].len = (size_t)(end - (body + pos));
		pos = (size_t)(end - body) + blen + 4;
		n++;
	}
	*nparts = n;
	return 0;
}
