/*
 * jschema.c: a small JSON Schema validator (draft-04 and 2019-09 keywords
 * that the Open Badges schemas use), for the OB 2.0 extension schemas and
 * the official OB 3.0 credential schemas.
 *
 * Everything lives in one per-call context: no global state, no caches
 * outlive a call, so it is thread-safe. Limits on instance nesting, $ref
 * nesting, C recursion and keyword steps keep hostile schemas or instances
 * from running away. Patterns are ECMA 262 regular expressions translated
 * to POSIX extended ones (\d, \w, \s, \/, (?:...)); a pattern outside that
 * subset is reported, never guessed at.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/jschema.h"

#include <regex.h>

#define JS_MAX_RECURSION (JSCHEMA_MAX_DEPTH * 8)
#define JS_MAX_PATTERN 1024

struct js {
	const struct jsonld_loader *res;
	json_t *docs; /* uri -> loaded schema document (kept alive) */
	size_t steps;
	int rec;    /* C recursion */
	int idepth; /* instance nesting */
	int rdepth; /* $ref nesting */
	int quiet;  /* > 0: inside anyOf/oneOf/not/contains, keep why */
	bool have_why;
	struct buf ptr; /* JSON pointer of the instance being checked */
	char *why;
	size_t whysz;
};

/* A schema document in scope: its root (for "#/..." refs) and base URI. */
struct scope {
	json_t *root;
	const char *base;
};

static int check(struct js *c, const struct scope *sc, json_t *s, json_t *inst);

static int PRINTF_LIKE(2, 3) fail(struct js *c, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	if (c->quiet > 0 || c->have_why || c->why == NULL || c->whysz == 0)
		return ERR_INVAL;
	c->have_why = true;
	snprintf(c->why, c->whysz, "%s: ", c->ptr.len > 0 ? c->ptr.data : "/");
	n = strlen(c->why);
	va_start(ap, fmt);
	vsnprintf(c->why + n, c->whysz - n, fmt, ap);
	va_end(ap);
	return ERR_INVAL;
}

/* hard sets why even when quiet: limits and unresolvable refs. */
static int PRINTF_LIKE(3, 4) hard(struct js *c, int code, const char *fmt, ...)
{
	va_list ap;

	if (c->why != NULL && c->whysz > 0 && !c->have_why) {
		c->have_why = true;
		va_start(ap, fmt);
		vsnprintf(c->why, c->whysz, fmt, ap);
		va_end(ap);
	}
	return code;
}

static void
ptr_push_key(struct js *c, const char *k)
{
	buf_addc(&c->ptr, '/');
	for (; *k != '\0'; k++) {
		if (*k == '~')
			buf_adds(&c->ptr, "~0");
		else if (*k == '/')
			buf_adds(&c->ptr, "~1");
		else
			buf_addc(&c->ptr, *k);
	}
}

static void
ptr_pop(struct js *c, size_t len)
{
	if (len <= c->ptr.len) {
		c->ptr.len = len;
		c->ptr.data[len] = '\0';
	}
}

/* ---- types ---- */

static bool
is_integral(json_t *v)
{
	double d;

	if (json_is_integer(v))
		return true;
	if (!json_is_real(v))
		return false;
	d = json_real_value(v);
	return d == (double)(int64_t)d && d > -9.2e18 && d < 9.2e18;
}

static bool
type_is(json_t *inst, const char *t)
{
	if (strcmp(t, "object") == 0)
		return json_is_object(inst);
	if (strcmp(t, "array") == 0)
		return json_is_array(inst);
	if (strcmp(t, "string") == 0)
		return json_is_string(inst);
	if (strcmp(t, "number") == 0)
		return json_is_number(inst);
	if (strcmp(t, "integer") == 0)
		return is_integral(inst);
	if (strcmp(t, "boolean") == 0)
		return json_is_boolean(inst);
	if (strcmp(t, "null") == 0)
		return json_is_null(inst);
	return false;
}

static const char *
type_name(json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		break;
	}
	return "null";
}

static int
kw_type(struct js *c, json_t *t, json_t *inst)
{
	size_t i;
	json_t *v;

	if (json_is_string(t)) {
		if (type_is(inst, json_string_value(t)))
			return 0;
		return fail(c, "must be of type %s, not %s",
		    json_string_value(t), type_name(inst));
	}
	if (!json_is_array(t))
		return 0;
	json_array_foreach(t, i, v)
	{
		if (json_is_string(v) && type_is(inst, json_string_value(v)))
			return 0;
	}
	return fail(c, "has the wrong type (%s)", type_name(inst));
}

/* numbers compare equal across integer/real, as JSON Schema wants. */
static bool
values_equal(json_t *a, json_t *b)
{
	if (json_is_number(a) && json_is_number(b))
		return json_number_value(a) == json_number_value(b);
	return json_equal(a, b) != 0;
}

static void
describe_values(json_t *arr, char *out, size_t n)
{
	size_t i, k = 0;
	json_t *v;

	out[0] = '\0';
	json_array_foreach(arr, i, v)
	{
		char *d;

		if (i == 4) {
			snprintf(out + k, n - k, ", ...");
			return;
		}
		d = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
		if (d == NULL)
			return;
		snprintf(out + k, n - k, "%s%.60s", i ? ", " : "", d);
		free(d);
		k = strlen(out);
	}
}

/* ---- strings: length, pattern, format ---- */

static size_t
utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * ecma_to_posix translates the ECMA 262 pattern p into a POSIX ERE in out.
 * Returns 0 or ERR_INVAL for a construct with no POSIX equivalent.
 */
static int
ecma_to_posix(const char *p, struct buf *out)
{
	bool in_class = false;

	for (; *p != '\0'; p++) {
		char ch = *p;

		if (ch == '\\') {
			char e = *++p;

			switch (e) {
			case 'd':
				buf_adds(out, in_class ? "0-9" : "[0-9]");
				continue;
			case 'w':
				buf_adds(out,
				    in_class ? "A-Za-z0-9_" : "[A-Za-z0-9_]");
				continue;
			case 's':
				buf_adds(out,
				    in_class ? "[:space:]" : "[[:space:]]");
				continue;
			case 'D':
			case 'W':
			case 'S':
				if (in_class)
					return ERR_INVAL;
				buf_adds(out,
				    e == 'D'       ? "[^0-9]"
				        : e == 'W' ? "[^A-Za-z0-9_]"
				                   : "[^[:space:]]");
				continue;
			case 't':
				buf_addc(out, '\t');
				continue;
			case 'n':
				buf_addc(out, '\n');
				continue;
			case 'r':
				buf_addc(out, '\r');
				continue;
			case '\0':
			case 'b':
			case 'B':
			case 'u':
			case 'x':
			case 'c':
			case 'k':
			case 'p':
			case 'P':
				return ERR_INVAL;
			default:
				break;
			}
			if (e >= '0' && e <= '9')
				return ERR_INVAL; /* backreference */
			if (in_class) {
				/* POSIX classes have no escapes. */
				if (e == ']' || e == '^' || e == '-' ||
				    e == '\\')
					return ERR_INVAL;
				buf_addc(out, e);
			} else if (strchr(".[]{}()*+?^$|\\", e) != NULL) {
				buf_addc(out, '\\');
				buf_addc(out, e);
			} else {
				buf_addc(out, e);
			}
			continue;
		}
		if (in_class) {
			if (ch == ']')
				in_class = false;
			buf_addc(out, ch);
			continue;
		}
		if (ch == '[') {
			in_class = true;
			buf_addc(out, ch);
			if (p[1] == '^') {
				buf_addc(out, '^');
				p++;
			}
			if (p[1] == ']')
				return ERR_INVAL; /* "[]" means nothing in ECMA */
			continue;
		}
		if (ch == '(' && p[1] == '?') {
			if (p[2] != ':')
				return ERR_INVAL; /* lookaround, named group */
			buf_addc(out, '(');
			p += 2;
			continue;
		}
		if ((ch == '*' || ch == '+' || ch == '?' || ch == '}') &&
		    p[1] == '?')
			return ERR_INVAL; /* lazy quantifier */
		buf_addc(out, ch);
	}
	return in_class ? ERR_INVAL : buf_err(out);
}

static int
kw_pattern(struct js *c, const char *pat, const char *s)
{
	struct buf b;
	regex_t re;
	int rc;

	if (strlen(pat) > JS_MAX_PATTERN)
		return hard(c, ERR_TOOBIG, "the schema's pattern is too long");
	buf_init(&b, NULL, JS_MAX_PATTERN * 16);
	if (ecma_to_posix(pat, &b) != 0 ||
	    regcomp(&re, b.data, REG_EXTENDED | REG_NOSUB) != 0) {
		buf_free(&b);
		return fail(c,
		    "cannot be checked: the schema's pattern %.80s "
		    "is not supported",
		    pat);
	}
	buf_free(&b);
	rc = regexec(&re, s, 0, NULL, 0);
	regfree(&re);
	if (rc == 0)
		return 0;
	return fail(c, "\"%.80s\" does not match the pattern %.80s", s, pat);
}

static bool
digits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
dig2(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* is_date: "YYYY-MM-DD" with a plausible month and day. */
static bool
is_date(const char *s, size_t n)
{
	int y, m, d, mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (n != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2))
		return false;
	y = dig2(s) * 100 + dig2(s + 2);
	m = dig2(s + 5);
	d = dig2(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	return !(m == 2 && d == 29 &&
	    !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

/* is_date_time: RFC 3339 date-time. */
static bool
is_date_time(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 20 || !is_date(s, 10) || (s[10] != 'T' && s[10] != 't'))
		return false;
	s += 11;
	if (!digits(s, 2) || s[2] != ':' || !digits(s + 3, 2) || s[5] != ':' ||
	    !digits(s + 6, 2))
		return false;
	if (dig2(s) > 23 || dig2(s + 3) > 59 || dig2(s + 6) > 60)
		return false;
	s += 8;
	if (*s == '.') {
		for (i = 1; s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == 1)
			return false;
		s += i;
	}
	if ((s[0] == 'Z' || s[0] == 'z') && s[1] == '\0')
		return true;
	if ((s[0] != '+' && s[0] != '-') || !digits(s + 1, 2) || s[3] != ':' ||
	    !digits(s + 4, 2) || s[6] != '\0')
		return false;
	return dig2(s + 1) <= 23 && dig2(s + 4) <= 59;
}

static bool
no_space_or_ctl(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f || *s == '"' ||
		    *s == '<' || *s == '>' || *s == '\\')
			return false;
	return true;
}

/* has_scheme: RFC 3986 scheme ":" */
static bool
has_scheme(const char *s)
{
	size_t i;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return false;
	for (i = 1; s[i] != '\0' && s[i] != ':'; i++) {
		char ch = s[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		        (ch >= '0' && ch <= '9') || ch == '+' || ch == '-' ||
		        ch == '.'))
			return false;
	}
	return s[i] == ':';
}

static int
kw_format(struct js *c, const char *f, const char *s)
{
	bool ok = true;
	const char *at;

	if (strcmp(f, "date-time") == 0)
		ok = is_date_time(s);
	else if (strcmp(f, "date") == 0)
		ok = is_date(s, strlen(s));
	else if (strcmp(f, "uri") == 0)
		ok = has_scheme(s) && no_space_or_ctl(s);
	else if (strcmp(f, "uri-reference") == 0)
		ok = no_space_or_ctl(s);
	else if (strcmp(f, "email") == 0) {
		at = strchr(s, '@');
		ok = at != NULL && at != s && at[1] != '\0' &&
		    strchr(at + 1, '@') == NULL && no_space_or_ctl(s);
	}
	if (ok)
		return 0;
	return fail(c, "\"%.80s\" is not a valid %s", s, f);
}

/* ---- $ref ---- */

/* pointer_get follows the JSON pointer p (without '#') from root. */
static json_t *
pointer_get(json_t *root, const char *p)
{
	json_t *cur = root;
	char tok[256];

	while (*p == '/' && cur != NULL) {
		size_t n = 0;

		p++;
		while (*p != '\0' && *p != '/') {
			char ch = *p++;

			if (ch == '~' && (*p == '0' || *p == '1'))
				ch = *p++ == '0' ? '~' : '/';
			if (n + 1 >= sizeof(tok))
				return NULL;
			tok[n++] = ch;
		}
		tok[n] = '\0';
		if (json_is_object(cur)) {
			cur = json_object_get(cur, tok);
		} else if (json_is_array(cur)) {
			size_t idx = 0, i;

			if (n == 0 || n > 9)
				return NULL;
			for (i = 0; i < n; i++) {
				if (tok[i] < '0' || tok[i] > '9')
					return NULL;
				idx = idx * 10 + (size_t)(tok[i] - '0');
			}
			cur = json_array_get(cur, idx);
		} else {
			return NULL;
		}
	}
	return *p == '\0' ? cur : NULL;
}

static const char *
doc_id(json_t *root)
{
	const char *id = json_string_value(json_object_get(root, "$id"));

	if (id == NULL)
		id = json_string_value(json_object_get(root, "id"));
	return id;
}

static int
kw_ref(struct js *c, const struct scope *sc, const char *ref, json_t *inst)
{
	struct scope nsc = *sc;
	struct buf uri;
	const char *hash = strchr(ref, '#'), *frag = hash ? hash + 1 : "";
	json_t *target;
	json_t *doc;
	int rc;

	if (hash != ref) {
		/* Another document: make the URI absolute against the base. */
		buf_init(&uri, NULL, 4096);
		if (!has_scheme(ref) && sc->base != NULL &&
		    strrchr(sc->base, '/') != NULL) {
			buf_add(&uri, sc->base,
			    (size_t)(strrchr(sc->base, '/') - sc->base) + 1);
		}
		buf_add(&uri, ref, hash ? (size_t)(hash - ref) : strlen(ref));
		if (buf_err(&uri) != 0) {
			buf_free(&uri);
			return hard(c, ERR_TOOBIG, "a $ref is too long");
		}
		doc = json_object_get(c->docs, uri.data);
		if (doc == NULL && sc->base != NULL &&
		    strcmp(sc->base, uri.data) == 0) {
			doc = sc->root;
		} else if (doc == NULL) {
			if (c->res == NULL ||
			    c->res->load(c->res->ctx, uri.data, &doc) != 0 ||
			    doc == NULL) {
				rc = hard(c, ERR_NOTFOUND,
				    "the schema %.200s (referenced from "
				    "%.100s) "
				    "is not available",
				    uri.data, c->ptr.len ? c->ptr.data : "/");
				buf_free(&uri);
				return rc;
			}
			json_object_set_new(c->docs, uri.data, doc);
		}
		nsc.root = doc;
		nsc.base = doc_id(doc) != NULL ? doc_id(doc) : sc->base;
		buf_free(&uri);
	}
	target = pointer_get(nsc.root, frag);
	if (target == NULL)
		return hard(c, ERR_NOTFOUND,
		    "the schema reference %.200s "
		    "points at nothing",
		    ref);
	if (c->rdepth >= JSCHEMA_MAX_DEPTH)
		return hard(c, ERR_TOOBIG, "schema references nest too deeply");
	c->rdepth++;
	rc = check(c, &nsc, target, inst);
	c->rdepth--;
	return rc;
}

/* ---- combinators ---- */

/* run_quiet checks s against inst without recording why. Returns 0,
 * ERR_INVAL or a hard error. */
static int
run_quiet(struct js *c, const struct scope *sc, json_t *s, json_t *inst)
{
	int rc;

	c->quiet++;
	rc = check(c, sc, s, inst);
	c->quiet--;
	return rc;
}

/* branch_fits: does this branch's own "type" accept the instance? Used to
 * pick the branch whose detailed failure is worth reporting. */
static bool
branch_fits(json_t *s, json_t *inst)
{
	json_t *t = json_object_get(s, "type");
	size_t i;
	json_t *v;

	if (json_is_string(t))
		return type_is(inst, json_string_value(t));
	json_array_foreach(t, i, v) if (json_is_string(v) &&
	    type_is(inst, json_string_value(v))) return true;
	return t == NULL && json_object_get(s, "$ref") != NULL;
}

static int
kw_of(struct js *c, const struct scope *sc, const char *kw, json_t *arr,
    json_t *inst)
{
	size_t i, matched = 0, fits = 0, fit_idx = 0;
	json_t *b;
	int rc;

	if (!json_is_array(arr))
		return 0;
	json_array_foreach(arr, i, b)
	{
		if (strcmp(kw, "allOf") == 0) {
			rc = check(c, sc, b, inst);
			if (rc != 0)
				return rc;
			continue;
		}
		rc = run_quiet(c, sc, b, inst);
		if (rc == 0)
			matched++;
		else if (rc != ERR_INVAL)
			return rc;
		else if (branch_fits(b, inst)) {
			if (fits == 0)
				fit_idx = i;
			fits++;
		}
		if (matched > 0 && strcmp(kw, "anyOf") == 0)
			return 0;
	}
	if (strcmp(kw, "allOf") == 0 || matched == 1)
		return 0;
	if (matched > 1)
		return fail(c, "matches more than one of the allowed forms");
	if (fits == 1 && c->quiet == 0 && !c->have_why) {
		/* One alternative has the right type: its reason is the
		 * useful one. */
		rc = check(c, sc, json_array_get(arr, fit_idx), inst);
		if (rc != 0)
			return rc;
	}
	return fail(c, "does not match any of the allowed forms");
}

/* ---- objects and arrays ---- */

static int
descend(struct js *c, const struct scope *sc, json_t *s, json_t *inst,
    const char *key, size_t idx)
{
	size_t len = c->ptr.len;
	char tmp[24];
	int rc;

	if (c->idepth >= JSCHEMA_MAX_DEPTH)
		return hard(c, ERR_TOOBIG, "the document nests too deeply");
	if (key != NULL) {
		ptr_push_key(c, key);
	} else {
		snprintf(tmp, sizeof(tmp), "/%zu", idx);
		buf_adds(&c->ptr, tmp);
	}
	c->idepth++;
	rc = check(c, sc, s, inst);
	c->idepth--;
	ptr_pop(c, len);
	return rc;
}

static int
kw_object(struct js *c, const struct scope *sc, json_t *s, json_t *inst)
{
	json_t *props = json_object_get(s, "properties");
	json_t *pprops = json_object_get(s, "patternProperties");
	json_t *addl = json_object_get(s, "additionalProperties");
	json_t *req = json_object_get(s, "required"), *v, *ps;
	const char *k;
	size_t i;
	int rc;

	json_array_foreach(req, i, v)
	{
		const char *name = json_string_value(v);

		if (name != NULL && json_object_get(inst, name) == NULL) {
			size_t len = c->ptr.len;

			ptr_push_key(c, name);
			rc = fail(c, "is required but missing");
			ptr_pop(c, len);
			return rc;
		}
	}
	json_object_foreach(inst, k, v)
	{
		bool known = false;
		const char *pk;

		ps = json_object_get(props, k);
		if (ps != NULL) {
			known = true;
			rc = descend(c, sc, ps, v, k, 0);
			if (rc != 0)
				return rc;
		}
		json_object_foreach(pprops, pk, ps)
		{
			c->quiet++;
			rc = kw_pattern(c, pk, k);
			c->quiet--;
			if (rc == ERR_INVAL)
				continue;
			if (rc != 0)
				return rc;
			known = true;
			rc = descend(c, sc, ps, v, k, 0);
			if (rc != 0)
				return rc;
		}
		if (known || addl == NULL)
			continue;
		if (json_is_false(addl)) {
			size_t len = c->ptr.len;

			ptr_push_key(c, k);
			rc = fail(c, "is not allowed here");
			ptr_pop(c, len);
			return rc;
		}
		rc = descend(c, sc, addl, v, k, 0);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int
kw_array(struct js *c, const struct scope *sc, json_t *s, json_t *inst)
{
	json_t *items = json_object_get(s, "items");
	json_t *addl = json_object_get(s, "additionalItems");
	json_t *contains = json_object_get(s, "contains");
	json_t *mn = json_object_get(s, "minItems");
	json_t *mx = json_object_get(s, "maxItems"), *v;
	size_t i, n = json_array_size(inst);
	int rc;

	if (json_is_integer(mn) && (json_int_t)n < json_integer_value(mn))
		return fail(c,
		    "must have at least %" JSON_INTEGER_FORMAT
		    " item(s), has %zu",
		    json_integer_value(mn), n);
	if (json_is_integer(mx) && (json_int_t)n > json_integer_value(mx))
		return fail(c,
		    "must have at most %" JSON_INTEGER_FORMAT
		    " item(s), has %zu",
		    json_integer_value(mx), n);
	json_array_foreach(inst, i, v)
	{
		json_t *is = NULL;

		if (json_is_array(items)) {
			is = json_array_get(items, i);
			if (is == NULL)
				is = addl;
		} else {
			is = items;
		}
		if (is == NULL)
			continue;
		if (json_is_false(is))
			return fail(
			    c, "must not have more than %zu item(s)", i);
		rc = descend(c, sc, is, v, NULL, i);
		if (rc != 0)
			return rc;
	}
	if (contains == NULL)
		return 0;
	json_array_foreach(inst, i, v)
	{
		rc = run_quiet(c, sc, contains, v);
		if (rc == 0)
			return 0;
		if (rc != ERR_INVAL)
			return rc;
	}
	{
		json_t *en = json_object_get(contains, "enum");
		json_t *cn = json_object_get(contains, "const");
		char d[300];

		if (json_array_size(en) >= 1) {
			describe_values(en, d, sizeof(d));
			return fail(c, "must contain %s%s",
			    json_array_size(en) > 1 ? "one of " : "", d);
		}
		if (cn != NULL) {
			char *t = json_dumps(cn, JSON_ENCODE_ANY);
			rc = fail(c, "must contain %.200s", t ? t : "a value");
			free(t);
			return rc;
		}
	}
	return fail(c, "must contain an item of the expected kind");
}

/* ---- the dispatcher ---- */

static int
kw_enum_const(struct js *c, json_t *s, json_t *inst)
{
	json_t *v = json_object_get(s, "enum"), *e;
	char d[300], *t;
	size_t i;
	int rc;

	if (json_is_array(v)) {
		json_array_foreach(v, i, e) if (values_equal(e, inst)) break;
		if (i == json_array_size(v)) {
			describe_values(v, d, sizeof(d));
			return fail(c, "must be %s%s",
			    json_array_size(v) > 1 ? "one of " : "", d);
		}
	}
	v = json_object_get(s, "const");
	if (v == NULL || values_equal(v, inst))
		return 0;
	t = json_dumps(v, JSON_ENCODE_ANY);
	rc = fail(c, "must be %.200s", t ? t : "a fixed value");
	free(t);
	return rc;
}

static int
kw_string(struct js *c, json_t *s, json_t *inst)
{
	const char *str = json_string_value(inst);
	size_t ul = utf8_len(str);
	json_t *mn = json_object_get(s, "minLength");
	json_t *mx = json_object_get(s, "maxLength");
	json_t *v;
	int rc = 0;

	if (json_is_integer(mn) && (json_int_t)ul < json_integer_value(mn))
		return fail(c, "is too short");
	if (json_is_integer(mx) && (json_int_t)ul > json_integer_value(mx))
		return fail(c, "is too long");
	v = json_object_get(s, "pattern");
	if (json_is_string(v))
		rc = kw_pattern(c, json_string_value(v), str);
	v = json_object_get(s, "format");
	if (rc == 0 && json_is_string(v))
		rc = kw_format(c, json_string_value(v), str);
	return rc;
}

static int
kw_number(struct js *c, json_t *s, json_t *inst)
{
	double d = json_number_value(inst);
	json_t *mn = json_object_get(s, "minimum");
	json_t *mx = json_object_get(s, "maximum");

	if (json_is_number(mn) && d < json_number_value(mn))
		return fail(c, "must be at least %g", json_number_value(mn));
	if (json_is_number(mx) && d > json_number_value(mx))
		return fail(c, "must be at most %g", json_number_value(mx));
	return 0;
}

static int
kw_not(struct js *c, const struct scope *sc, json_t *v, json_t *inst)
{
	int rc = run_quiet(c, sc, v, inst);

	if (rc == 0)
		return fail(c, "matches a form that is not allowed");
	return rc == ERR_INVAL ? 0 : rc;
}

static int
check(struct js *c, const struct scope *sc, json_t *s, json_t *inst)
{
	json_t *v;
	int rc = 0;

	if (++c->steps > JSCHEMA_MAX_STEPS)
		return hard(c, ERR_TOOBIG, "the schema check took too long");
	if (json_is_true(s))
		return 0;
	if (json_is_false(s))
		return fail(c, "is not allowed");
	if (!json_is_object(s))
		return 0; /* not a schema: nothing to check */
	if (c->rec >= JS_MAX_RECURSION)
		return hard(c, ERR_TOOBIG, "the schema nests too deeply");
	c->rec++;
	v = json_object_get(s, "$ref");
	if (json_is_string(v))
		rc = kw_ref(c, sc, json_string_value(v), inst);
	v = json_object_get(s, "type");
	if (rc == 0 && v != NULL)
		rc = kw_type(c, v, inst);
	if (rc == 0)
		rc = kw_enum_const(c, s, inst);
	if (rc == 0 && json_is_string(inst))
		rc = kw_string(c, s, inst);
	if (rc == 0 && json_is_number(inst))
		rc = kw_number(c, s, inst);
	if (rc == 0 && json_is_object(inst))
		rc = kw_object(c, sc, s, inst);
	if (rc == 0 && json_is_array(inst))
		rc = kw_array(c, sc, s, inst);
	if (rc == 0)
		rc = kw_of(c, sc, "allOf", json_object_get(s, "allOf"), inst);
	v = json_object_get(s, "anyOf");
	if (rc == 0 && v != NULL)
		rc = kw_of(c, sc, "anyOf", v, inst);
	v = json_object_get(s, "oneOf");
	if (rc == 0 && v != NULL)
		rc = kw_of(c, sc, "oneOf", v, inst);
	v = json_object_get(s, "not");
	if (rc == 0 && v != NULL)
		rc = kw_not(c, sc, v, inst);
	c->rec--;
	return rc;
}

/*
 * jschema_validate checks instance against schema (neither is modified;
 * both stay the caller's). Documents the resolver returns are released
 * before returning. Returns 0, ERR_INVAL with why, ERR_TOOBIG past a limit
 * or ERR_NOTFOUND for an unresolvable $ref; see jschema.h.
 */
int
jschema_validate(const json_t *schema, const json_t *instance,
    const struct jsonld_loader *resolver, char *why, size_t whysz)
{
	struct js c;
	struct scope sc;
	int rc;

	memset(&c, 0, sizeof(c));
	c.res = resolver;
	c.docs = json_object();
	c.why = why;
	c.whysz = whysz;
	if (why != NULL && whysz > 0)
		why[0] = '\0';
	buf_init(&c.ptr, NULL, 64 << 10);
	sc.root = (json_t *)(uintptr_t)schema;
	sc.base = doc_id(sc.root);
	rc = check(&c, &sc, sc.root, (json_t *)(uintptr_t)instance);
	if (rc == 0 && buf_err(&c.ptr) != 0)
		rc = hard(&c, ERR_TOOBIG, "the document is too large to check");
	if (rc == ERR_INVAL && !c.have_why && why != NULL && whysz > 0)
		snprintf(why, whysz, "the document does not match the schema");
	buf_free(&c.ptr);
	json_decref(c.docs);
	return rc;
}
