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
			const char *end = strchr(s, '/');
			size_t n = end ? (size_t)(end - s) : strlen(s);
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

int
router_bind_param(struct req *r, const char *name, size_t nlen,
    const char *value, size_t vlen, const char **msg)
{
	const struct param_spec *spec = NULL;
	int64_t v;

	*msg = NULL;
	for (size_t i = 0; i < ROUTE_MAX_PARAMS && r->route->params[i].name;
	     i++) {
		if (strlen(r->route->params[i].name) == nlen &&
		    memcmp(r->route->params[i].name, name, nlen) == 0) {
			spec = &r->route->params[i];
			break;
		}
	}
	if (spec == NULL)
		return 0; /* undeclared: dropped */
	for (size_t i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].name, spec->name) == 0) {
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
	}
	if (r->nparams == HTTP_MAX_PARAMS) {
		*msg = "too many parameters";
		return ERR_TOOBIG;
	}
	r->params[r->nparams].name = spec->name;
	r->params[r->nparams].value = value;
	r->params[r->nparams].len = vlen;
	r->nparams++;
	return 0;
}

const char *
req_param(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].name, name) == 0)
			return r->params[i].value;
	return NULL;
}

const char *
req_text(const struct req *r, const char *name)
{
	const char *v = req_param(r, name);

	return v ? v : "";
}
