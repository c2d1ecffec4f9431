/*
 * router.c: matching paths against the route table and binding declared
 * parameters (see router.h). The table itself is in routes.c.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/id.h"
#include "core/num.h"
#include "web/form.h"
#include "web/html.h"
#include "web/router.h"

static bool
capture_ok(const char *type, size_t tlen, const char *s, size_t n)
{
	if (tlen == 2 && memcmp(type, "id", 2) == 0)
		return id_valid(s, n);
	if (tlen == 4 && memcmp(type, "slug", 4) == 0) {
		if (n == 0 || n > 64)
			return false;
		for (size_t i = 0; i < n; i++)
			if (!((s[i] >= 'a' && s[i] <= 'z') ||
			        (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
				return false;
		return true;
	}
	if (tlen == 3 && memcmp(type, "int", 3) == 0) {
		int64_t v;
		return num_parse(s, n, 0, INT64_MAX, &v) == 0;
	}
	return false;
}

/* match_pattern compares one pattern with a decoded path. */
static bool
match_pattern(struct req *r, const char *pat, const char *path, bool fill)
{
	const char *p = pat, *s = path;
	size_t ncap = 0;

	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t tlen = (size_t)(close - p - 1);
			if (tlen == 4 && memcmp(p + 1, "path", 4) == 0) {
				/* the rest of the path, at least one byte */
				if (*s == '\0')
					return false;
				if (fill && ncap < HTTP_MAX_PATH_PARAMS)
					r->path_params[ncap] = s;
				return true;
			}
			/* A capture ends at the next '/', or at the next '.'
			 * when the pattern goes on with one ("{id}.jwt"). */
			size_t n = close[1] == '.' ? strcspn(s, "/.")
			                           : strcspn(s, "/");
			if (!capture_ok(p + 1, tlen, s, n))
				return false;
			if (fill && ncap < HTTP_MAX_PATH_PARAMS) {
				r->path_params[ncap] =
				    arena_strndup(r->arena, s, n);
				if (r->path_params[ncap] == NULL)
					return false;
			}
			ncap++;
			p = close + 1;
			s += n;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	return *p == '\0' && *s == '\0';
}

const char *
router_allow(const char *path)
{
	bool get = false, post = false;

	for (size_t i = 0; i < nroutes; i++) {
		if (!match_pattern(NULL, routes[i].pattern, path, false))
			continue;
		if (routes[i].method == HTTP_GET)
			get = true;
		else if (routes[i].method == HTTP_POST)
			post = true;
	}
	return get && post ? "GET, HEAD, POST"
	    : get          ? "GET, HEAD"
	    : post         ? "POST"
	                   : NULL;
}

enum route_match
router_match(struct req *r, const char *path, const struct route **out)
{
	bool path_seen = false;
	enum http_method m = r->method == HTTP_HEAD ? HTTP_GET : r->method;

	for (size_t i = 0; i < nroutes; i++) {
		if (!match_pattern(r, routes[i].pattern, path, false))
			continue;
		path_seen = true;
		if (routes[i].method != m)
			continue;
		if (!match_pattern(r, routes[i].pattern, path, true))
			return ROUTE_NOT_FOUND;
		*out = &routes[i];
		return ROUTE_FOUND;
	}
	return path_seen ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}

static bool
text_ok(const char *s, size_t n, bool lines)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\r' || c == '\t') {
			if (!lines)
				return false;
		} else if (c < 0x20 || c == 0x7f) {
			return false;
		}
	}
	return true;
}

static bool
enum_ok(const char *choices, const char *v, size_t n)
{
	const char *p = choices;

	while (*p) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && memcmp(p, v, n) == 0)
			return true;
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	return false;
}

/* find_spec returns the route's declaration of name, or NULL. */
static const struct param_spec *
find_spec(const struct req *r, const char *name, size_t nlen)
{
	for (size_t i = 0; i < ROUTE_MAX_PARAMS && r->route->params[i].name;
	     i++) {
		if (strlen(r->route->params[i].name) == nlen &&
		    memcmp(r->route->params[i].name, name, nlen) == 0)
			return &r->route->params[i];
	}
	return NULL;
}

/* count_given is how many values of spec r->params already holds. */
static size_t
count_given(const struct req *r, const struct param_spec *spec)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].name, spec->name) == 0)
			n++;
	return n;
}

static int
store(struct req *r, const struct param_spec *spec, const char *value,
    size_t len, const char *filename, const char **msg)
{
	if (r->nparams == HTTP_MAX_PARAMS) {
		*msg = "too many parameters";
		return ERR_TOOBIG;
	}
	r->params[r->nparams].name = spec->name;
	r->params[r->nparams].value = value;
	r->params[r->nparams].len = len;
	r->params[r->nparams].filename = filename;
	r->nparams++;
	return 0;
}

/* ids_ok checks one more occurrence of a PARAM_IDS value. */
static int
ids_ok(const struct req *r, const struct param_spec *spec, const char *value,
    size_t vlen, const char **msg)
{
	size_t cap = spec->max >= 1 && spec->max <= PARAM_IDS_MAX
	    ? (size_t)spec->max
	    : PARAM_IDS_MAX;

	if (count_given(r, spec) >= cap) {
		*msg = "too many items were chosen";
		return ERR_TOOBIG;
	}
	for (size_t i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].name, spec->name) == 0 &&
		    r->params[i].len == vlen &&
		    memcmp(r->params[i].value, value, vlen) == 0) {
			*msg = "an item was chosen twice";
			return ERR_INVAL;
		}
	return 0;
}

int
router_bind_param(struct req *r, const char *name, size_t nlen,
    const char *value, size_t vlen, const char **msg)
{
	const struct param_spec *spec = find_spec(r, name, nlen);
	int64_t v;
	int rc;

	*msg = NULL;
	if (spec == NULL)
		return 0; /* undeclared: dropped */
	if (spec->type == PARAM_FILE) {
		*msg = "A file was expected, but text was sent.";
		return ERR_INVAL;
	}
	if (spec->type == PARAM_IDS) {
		if ((rc = ids_ok(r, spec, value, vlen, msg)) != 0)
			return rc;
	} else if (count_given(r, spec) > 0) {
		*msg = "a parameter was given twice";
		return ERR_INVAL;
	}
	if (vlen > spec->maxlen) {
		*msg = "a value is longer than allowed";
		return ERR_TOOBIG;
	}
	switch (spec->type) {
	case PARAM_TEXT:
	case PARAM_LINES:
		if (!text_ok(value, vlen, spec->type == PARAM_LINES)) {
			*msg = "a value contains control characters";
			return ERR_INVAL;
		}
		break;
	case PARAM_INT:
		if (num_parse(value, vlen, spec->min, spec->max, &v) != 0) {
			*msg = "a number is not valid or out of range";
			return ERR_INVAL;
		}
		break;
	case PARAM_ID:
	case PARAM_IDS:
		if (!id_valid(value, vlen)) {
			*msg = "an identifier is not valid";
			return ERR_INVAL;
		}
		break;
	case PARAM_ENUM:
		if (!enum_ok(spec->choices, value, vlen)) {
			*msg = "a choice is not one of those offered";
			return ERR_INVAL;
		}
		break;
	case PARAM_FILE:
		return ERR_INVAL; /* not reached: refused above */
	}
	return store(r, spec, value, vlen, NULL, msg);
}

const char *
http_size_words(struct arena *a, size_t n)
{
	size_t mib = (size_t)1 << 20;

	if (n >= mib) {
		size_t tenths = (n % mib) * 10 / mib;
		return tenths == 0
		    ? arena_printf(a, "%zu MB", n / mib)
		    : arena_printf(a, "%zu.%zu MB", n / mib, tenths);
	}
	if (n >= 1024)
		return arena_printf(a, "%zu KB", n / 1024);
	return arena_printf(a, "%zu bytes", n);
}

int
router_bind_file(struct req *r, const char *name, size_t nlen,
    const char *filename, const char *data, size_t len, const char **msg)
{
	const struct param_spec *spec = find_spec(r, name, nlen);
	size_t flen = strlen(filename);
	const char *limit;

	*msg = NULL;
	if (spec == NULL)
		return 0; /* undeclared: dropped */
	if (spec->type != PARAM_FILE) {
		*msg = "A file was sent where text was expected.";
		return ERR_INVAL;
	}
	if (count_given(r, spec) > 0) {
		*msg = "The same file field was sent twice.";
		return ERR_INVAL;
	}
	if (flen > PARAM_FILENAME_MAX) {
		*msg = "The name of a file you sent is too long: the limit "
		       "is 255 bytes.";
		return ERR_INVAL;
	}
	if (!text_ok(filename, flen, false) || !utf8_valid(filename, flen)) {
		*msg = "The name of a file you sent contains characters "
		       "that are not allowed.";
		return ERR_INVAL;
	}
	if (flen == 0 && len != 0) {
		*msg = "A file was sent without a name.";
		return ERR_INVAL;
	}
	if (len > spec->maxlen) {
		limit = http_size_words(r->arena, spec->maxlen);
		*msg = limit == NULL
		    ? "The file you sent is too large."
		    : arena_printf(r->arena,
		          "The file you sent is too large: the limit is %s.",
		          limit);
		if (*msg == NULL)
			*msg = "The file you sent is too large.";
		return ERR_TOOBIG;
	}
	return store(r, spec, data, len, filename, msg);
}

bool
router_takes_files(const struct route *route)
{
	for (size_t i = 0; i < ROUTE_MAX_PARAMS && route->params[i].name; i++)
		if (route->params[i].type == PARAM_FILE)
			return true;
	return false;
}

const char *
req_param(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->nparams; i++)
		if (r->params[i].filename == NULL &&
		    strcmp(r->params[i].name, name) == 0)
			return r->params[i].value;
	return NULL;
}

const char *
req_file(
    const struct req *r, const char *name, size_t *len, const char **filename)
{
	*len = 0;
	if (filename != NULL)
		*filename = NULL;
	for (size_t i = 0; i < r->nparams; i++) {
		const struct http_param *p = &r->params[i];
		if (p->filename == NULL || strcmp(p->name, name) != 0)
			continue;
		if (p->filename[0] == '\0')
			return NULL; /* the file input was left empty */
		*len = p->len;
		if (filename != NULL)
			*filename = p->filename;
		return p->value;
	}
	return NULL;
}

size_t
req_params(const struct req *r, const char *name, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nparams; i++)
		if (r->params[i].filename == NULL &&
		    strcmp(r->params[i].name, name) == 0) {
			if (n < max)
				out[n] = r->params[i].value;
			n++;
		}
	return n;
}

const char *
req_text(const struct req *r, const char *name)
{
	const char *v = req_param(r, name);

	return v ? v : "";
}
