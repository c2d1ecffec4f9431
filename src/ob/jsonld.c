/*
 * jsonld.c: JSON-LD 1.1 processing (context processing, expansion, node
 * map generation and RDF serialisation), following the JSON-LD 1.1
 * Processing Algorithms and API Recommendation step by step.
 *
 * Ownership: one struct jl per call holds an arena (active contexts, term
 * definitions and their strings live there and die with it), a jansson
 * array of references kept alive until the end, and a cache of loaded
 * remote documents. Expanded values are jansson values owned by their
 * parents as usual. Active contexts are immutable once built: processing a
 * local context clones the term table (copy on write).
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/jsonld.h"

#include <math.h>

/* ---- term definitions and active contexts ---- */

enum {
	C_LIST = 1,
	C_SET = 2,
	C_GRAPH = 4,
	C_ID = 8,
	C_INDEX = 16,
	C_LANGUAGE = 32,
	C_TYPE = 64,
};

enum { DIR_NULL = 0, DIR_LTR, DIR_RTL };

struct jl_term {
	const char *iri; /* NULL: null mapping */
	const char *type;
	bool has_lang;
	const char *lang; /* NULL with has_lang: explicit null */
	bool has_dir;
	int dir;
	json_t *ctx; /* scoped context (kept alive by jl.keep) */
	const char *ctx_base;
	unsigned container;
	bool protect;
	bool prefix;
};

struct jl_ent {
	const char *key;
	struct jl_term *def; /* NULL: removed */
};

struct jl_ctx {
	struct jl_ent *tab;
	size_t cap;       /* power of two */
	size_t n;         /* used slots */
	const char *base; /* NULL: none */
	const char *vocab;
	const char *lang;
	int dir;
	struct jl_ctx *prev; /* previous context (non-propagated) */
};

struct jl {
	struct arena *a;
	const struct jsonld_loader *loader;
	struct ob_err *e;
	json_t *keep;
	json_t *cache;
	unsigned loads, max_loads;
	size_t nodes, max_nodes;
	int max_depth;
	bool safe;
	const char *orig_base;
	size_t bnode_counter;
	json_t *bnode_map;
};

#define MAX_REMOTE 32

struct remotes {
	const char *url[MAX_REMOTE];
	int n;
};

static int fail(struct jl *jl, int code, const char *jcode, const char *fmt,
    ...) PRINTF_LIKE(4, 5);

static int
fail(struct jl *jl, int code, const char *jcode, const char *fmt, ...)
{
	va_list ap;
	char tmp[200];

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (jcode != NULL)
		return ob_errf(jl->e, code, "%s (%s)", tmp, jcode);
	return ob_errf(jl->e, code, "%s", tmp);
}

static int
oom(struct jl *jl)
{
	return fail(jl, ERR_TOOBIG, NULL,
	    "JSON-LD processing needs more memory than allowed");
}

static char *
jl_strdup(struct jl *jl, const char *s)
{
	return arena_strdup(jl->a, s);
}

static char *
jl_cat(struct jl *jl, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = arena_alloc(jl->a, la + lb + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, a, la);
	memcpy(p + la, b, lb + 1);
	return p;
}

static size_t
str_hash(const char *s)
{
	size_t h = 5381;

	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

static struct jl_term *
ctx_get(const struct jl_ctx *c, const char *key)
{
	size_t i, mask;

	if (c->cap == 0)
		return NULL;
	mask = c->cap - 1;
	for (i = str_hash(key) & mask; c->tab[i].key != NULL;
	     i = (i + 1) & mask)
		if (strcmp(c->tab[i].key, key) == 0)
			return c->tab[i].def;
	return NULL;
}

static int
ctx_set(struct jl *jl, struct jl_ctx *c, const char *key, struct jl_term *def)
{
	size_t i, mask;

	if ((c->n + 1) * 2 > c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 32, k;
		struct jl_ent *nt = arena_alloc(jl->a, ncap * sizeof(*nt));

		if (nt == NULL)
			return oom(jl);
		for (k = 0; k < c->cap; k++) {
			if (c->tab[k].key == NULL)
				continue;
			for (i = str_hash(c->tab[k].key) & (ncap - 1);
			     nt[i].key != NULL; i = (i + 1) & (ncap - 1))
				;
			nt[i] = c->tab[k];
		}
		c->tab = nt;
		c->cap = ncap;
	}
	mask = c->cap - 1;
	for (i = str_hash(key) & mask; c->tab[i].key != NULL;
	     i = (i + 1) & mask)
		if (strcmp(c->tab[i].key, key) == 0) {
			c->tab[i].def = def;
			return 0;
		}
	c->tab[i].key = key;
	c->tab[i].def = def;
	c->n++;
	return 0;
}

static struct jl_ctx *
ctx_clone(struct jl *jl, const struct jl_ctx *c)
{
	struct jl_ctx *n = arena_alloc(jl->a, sizeof(*n));

	if (n == NULL)
		return NULL;
	*n = *c;
	if (c->cap) {
		n->tab = arena_alloc(jl->a, c->cap * sizeof(*n->tab));
		if (n->tab == NULL)
			return NULL;
		memcpy(n->tab, c->tab, c->cap * sizeof(*n->tab));
	}
	return n;
}

static bool
ctx_has_protected(const struct jl_ctx *c)
{
	size_t i;

	for (i = 0; i < c->cap; i++)
		if (c->tab[i].def != NULL && c->tab[i].def->protect)
			return true;
	return false;
}

/* ---- keywords and IRIs ---- */

static const char *const keywords[] = {"@base", "@container", "@context",
    "@default", "@direction", "@embed", "@explicit", "@graph", "@id", "@import",
    "@included", "@index", "@json", "@language", "@list", "@nest", "@none",
    "@omitDefault", "@prefix", "@preserve", "@protected", "@propagate",
    "@requireAll", "@reverse", "@set", "@type", "@value", "@version", "@vocab"};

static bool
is_keyword(const char *s)
{
	size_t i;

	if (s == NULL || s[0] != '@')
		return false;
	for (i = 0; i < NELEM(keywords); i++)
		if (strcmp(s, keywords[i]) == 0)
			return true;
	return false;
}

static bool
looks_like_keyword(const char *s)
{
	const char *p;

	if (s[0] != '@' || s[1] == '\0')
		return false;
	for (p = s + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return false;
	return true;
}

static bool
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* scheme_len returns the length of "scheme:" or 0. */
static size_t
scheme_len(const char *s)
{
	size_t i;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (i = 1; s[i]; i++) {
		char c = s[i];

		if (c == ':')
			return i + 1;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		        (c >= '0' && c <= '9') || c == '+' || c == '-' ||
		        c == '.'))
			return 0;
	}
	return 0;
}

static bool
is_absolute_iri(const char *s)
{
	return s != NULL && scheme_len(s) > 0;
}

static bool
is_bnode(const char *s)
{
	return s != NULL && s[0] == '_' && s[1] == ':';
}

/* well_formed_iri: absolute and free of characters IRIs may not hold. */
static bool
well_formed_iri(const char *s)
{
	const unsigned char *p;
	int hashes = 0;

	if (!is_absolute_iri(s))
		return false;
	for (p = (const unsigned char *)s; *p; p++)
		if ((*p == '#' && ++hashes > 1) || *p <= 0x20 || *p == '<' ||
		    *p == '>' || *p == '"' || *p == '{' || *p == '}' ||
		    *p == '|' || *p == '\\' || *p == '^' || *p == '`')
			return false;
	return true;
}

static bool
well_formed_lang(const char *s)
{
	size_t run = 0;
	bool first = true;

	if (s == NULL || *s == '\0')
		return false;
	for (; *s; s++) {
		char c = *s;

		if (c == '-') {
			if (run == 0)
				return false;
			run = 0;
			first = false;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		        (!first && c >= '0' && c <= '9')))
			return false;
		if (++run > 8)
			return false;
	}
	return run > 0;
}

static void remove_dots_into(struct buf *out, const char *path);

/* remove_dot_segments (RFC 3986 §5.2.4) on a path, appended to dst. */
static void
remove_dots(struct buf *dst, const char *path)
{
	struct buf out;

	buf_init(&out, NULL, SIZE_MAX / 4);
	remove_dots_into(&out, path);
	buf_add(dst, out.data, out.len);
	buf_free(&out);
}

static void
remove_dots_into(struct buf *out, const char *path)
{
	struct buf in;
	char *p;

	buf_init(&in, NULL, SIZE_MAX / 4);
	buf_adds(&in, path);
	p = in.data;
	while (*p) {
		if (strncmp(p, "../", 3) == 0) {
			p += 3;
		} else if (strncmp(p, "./", 2) == 0) {
			p += 2;
		} else if (strncmp(p, "/./", 3) == 0) {
			p += 2;
		} else if (strcmp(p, "/.") == 0) {
			p[1] = '\0';
		} else if (strncmp(p, "/../", 4) == 0 ||
		    strcmp(p, "/..") == 0) {
			if (p[3] == '\0')
				p[2] = '/', p += 2;
			else
				p += 3;
			while (out->len > 0 && out->data[out->len - 1] != '/')
				out->len--;
			if (out->len > 0)
				out->len--;
			out->data[out->len] = '\0';
		} else if (strcmp(p, ".") == 0 || strcmp(p, "..") == 0) {
			break;
		} else {
			size_t n = 1;

			while (p[n] && p[n] != '/')
				n++;
			buf_add(out, p, n);
			p += n;
		}
	}
	buf_free(&in);
}

struct iri_parts {
	const char *s;
	size_t scheme, auth_start, auth_end, path_end, query_end, end;
	bool has_auth, has_query, has_frag;
};

static void
iri_split(const char *s, struct iri_parts *ip)
{
	size_t i = scheme_len(s), n = strlen(s);

	memset(ip, 0, sizeof(*ip));
	ip->s = s;
	ip->scheme = i;
	ip->end = n;
	ip->auth_start = ip->auth_end = i;
	if (s[i] == '/' && s[i + 1] == '/') {
		ip->has_auth = true;
		ip->auth_start = i + 2;
		for (i += 2; s[i] && s[i] != '/' && s[i] != '?' && s[i] != '#';
		     i++)
			;
		ip->auth_end = i;
	}
	for (; s[i] && s[i] != '?' && s[i] != '#'; i++)
		;
	ip->path_end = i;
	if (s[i] == '?') {
		ip->has_query = true;
		for (; s[i] && s[i] != '#'; i++)
			;
	}
	ip->query_end = i;
	ip->has_frag = s[i] == '#';
}

/* resolve (RFC 3986 §5.2.2) ref against base; result in the arena. */
static char *
resolve_iri(struct jl *jl, const char *base, const char *ref)
{
	struct iri_parts b, r;
	struct buf out, path;
	char *res;

	if (base == NULL && scheme_len(ref) == 0)
		return jl_strdup(jl, ref);
	iri_split(ref, &r);
	buf_init(&out, NULL, SIZE_MAX / 4);
	buf_init(&path, NULL, SIZE_MAX / 4);
	if (r.scheme > 0) {
		buf_add(&out, ref, r.scheme);
		if (r.has_auth) {
			buf_adds(&out, "//");
			buf_add(&out, ref + r.auth_start,
			    r.auth_end - r.auth_start);
		}
		buf_add(&path, ref + r.auth_end, r.path_end - r.auth_end);
		remove_dots(&out, path.data);
		buf_add(&out, ref + r.path_end, r.end - r.path_end);
		goto done;
	}
	iri_split(base, &b);
	buf_add(&out, base, b.scheme);
	if (r.has_auth) {
		buf_adds(&out, "//");
		buf_add(&out, ref + r.auth_start, r.auth_end - r.auth_start);
		buf_add(&path, ref + r.auth_end, r.path_end - r.auth_end);
		remove_dots(&out, path.data);
		buf_add(&out, ref + r.path_end, r.end - r.path_end);
		goto done;
	}
	if (b.has_auth) {
		buf_adds(&out, "//");
		buf_add(&out, base + b.auth_start, b.auth_end - b.auth_start);
	}
	if (r.path_end == 0) {
		buf_add(&out, base + b.auth_end, b.path_end - b.auth_end);
		if (r.has_query)
			buf_add(&out, ref, r.end);
		else {
			buf_add(
			    &out, base + b.path_end, b.query_end - b.path_end);
			buf_add(&out, ref, r.end);
		}
		goto done;
	}
	if (ref[0] == '/') {
		buf_add(&path, ref, r.path_end);
	} else {
		/* merge */
		if (b.has_auth && b.path_end == b.auth_end) {
			buf_addc(&path, '/');
		} else {
			size_t k = b.path_end;

			while (k > b.auth_end && base[k - 1] != '/')
				k--;
			buf_add(&path, base + b.auth_end, k - b.auth_end);
		}
		buf_add(&path, ref, r.path_end);
	}
	remove_dots(&out, path.data);
	buf_add(&out, ref + r.path_end, r.end - r.path_end);
done:
	res = buf_err(&out) == 0 ? jl_strdup(jl, out.data) : NULL;
	buf_free(&out);
	buf_free(&path);
	return res;
}

/* ---- context processing (§4.1) ---- */

static int process_context(struct jl *jl, struct jl_ctx *active, json_t *local,
    const char *base_url, struct remotes *rem, bool override_protected,
    bool propagate, bool validate_scoped, struct jl_ctx **out);

static int create_term(struct jl *jl, struct jl_ctx *active, json_t *local,
    const char *term, json_t *defined, const char *base_url, bool protect,
    bool override_protected, struct remotes *rem);

/*
 * expand_iri (§5.2). *out is NULL (a null mapping or a dropped keyword-like
 * value) or an arena string; a keyword comes back as the static keyword.
 */
static int
expand_iri(struct jl *jl, struct jl_ctx *active, const char *value,
    bool doc_relative, bool vocab, json_t *local, json_t *defined,
    const char **out)
{
	struct jl_term *def;
	const char *colon;
	int rc;

	*out = NULL;
	if (value == NULL || is_keyword(value)) {
		*out = value;
		return 0;
	}
	if (looks_like_keyword(value))
		return 0;
	if (local != NULL && json_object_get(local, value) != NULL &&
	    json_object_get(defined, value) != json_true()) {
		rc = create_term(jl, active, local, value, defined, NULL, false,
		    false, NULL);
		if (rc != 0)
			return rc;
	}
	def = ctx_get(active, value);
	if (def != NULL && is_keyword(def->iri)) {
		*out = def->iri;
		return 0;
	}
	if (vocab && def != NULL) {
		*out = def->iri;
		return 0;
	}
	colon = strchr(value, ':');
	if (colon != NULL && colon != value) {
		size_t plen = (size_t)(colon - value);
		char *prefix = arena_strndup(jl->a, value, plen);
		const char *suffix = colon + 1;
		struct jl_term *pdef;

		if (prefix == NULL)
			return oom(jl);
		if (strcmp(prefix, "_") == 0 || strncmp(suffix, "//", 2) == 0) {
			*out = value;
			return 0;
		}
		if (local != NULL && json_object_get(local, prefix) != NULL &&
		    json_object_get(defined, prefix) != json_true()) {
			rc = create_term(jl, active, local, prefix, defined,
			    NULL, false, false, NULL);
			if (rc != 0)
				return rc;
		}
		pdef = ctx_get(active, prefix);
		if (pdef != NULL && pdef->iri != NULL && pdef->prefix) {
			*out = jl_cat(jl, pdef->iri, suffix);
			return *out ? 0 : oom(jl);
		}
		if (is_absolute_iri(value)) {
			*out = value;
			return 0;
		}
	}
	if (vocab && active->vocab != NULL) {
		*out = jl_cat(jl, active->vocab, value);
		return *out ? 0 : oom(jl);
	}
	if (doc_relative) {
		*out = resolve_iri(jl, active->base, value);
		return *out ? 0 : oom(jl);
	}
	*out = value;
	return 0;
}

static bool
term_equal(const struct jl_term *a, const struct jl_term *b)
{
	if (!streq(a->iri, b->iri) && !(a->iri == NULL && b->iri == NULL))
		return false;
	if (!streq(a->type, b->type) && !(a->type == NULL && b->type == NULL))
		return false;
	if (a->has_lang != b->has_lang ||
	    (!streq(a->lang, b->lang) && !(a->lang == NULL && b->lang == NULL)))
		return false;
	if (a->has_dir != b->has_dir || a->dir != b->dir)
		return false;
	if (a->container != b->container || a->prefix != b->prefix)
		return false;
	if ((a->ctx == NULL) != (b->ctx == NULL))
		return false;
	if (a->ctx != NULL && !json_equal(a->ctx, b->ctx))
		return false;
	return true;
}

static const char *
lowercase(struct jl *jl, const char *s)
{
	char *d = jl_strdup(jl, s);
	char *p;

	if (d == NULL)
		return NULL;
	for (p = d; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return d;
}

static int
parse_container(struct jl *jl, json_t *v, unsigned *out)
{
	static const struct {
		const char *k;
		unsigned bit;
	} names[] = {{"@list", C_LIST}, {"@set", C_SET}, {"@graph", C_GRAPH},
	    {"@id", C_ID}, {"@index", C_INDEX}, {"@language", C_LANGUAGE},
	    {"@type", C_TYPE}};
	json_t *item;
	size_t i, k;
	unsigned c = 0;

	if (json_is_string(v)) {
		json_t *a = json_array();

		json_array_append(a, v);
		json_array_append_new(jl->keep, a);
		v = a;
	}
	if (!json_is_array(v))
		goto bad;
	json_array_foreach(v, i, item)
	{
		const char *s = json_string_value(item);

		if (s == NULL)
			goto bad;
		for (k = 0; k < NELEM(names); k++)
			if (strcmp(s, names[k].k) == 0)
				break;
		if (k == NELEM(names) || (c & names[k].bit))
			goto bad;
		c |= names[k].bit;
	}
	/* Valid combinations (§4.2.2 step 19). */
	if (c & C_LIST) {
		if (c != C_LIST)
			goto bad;
	} else if (c & C_GRAPH) {
		if (c & ~(unsigned)(C_GRAPH | C_ID | C_INDEX | C_SET))
			goto bad;
		if ((c & C_ID) && (c & C_INDEX))
			goto bad;
	} else {
		unsigned rest = c & ~(unsigned)C_SET;

		if (rest & (rest - 1))
			goto bad;
	}
	*out = c;
	return 0;
bad:
	return fail(jl, ERR_INVAL, "invalid container mapping",
	    "a term has an invalid @container value");
}

static int
unsupported(struct jl *jl, const char *what)
{
	return fail(jl, ERR_INVAL, "unsupported feature",
	    "the JSON-LD feature %s is not supported by this processor", what);
}

/* create_term (§4.2.2). */
static int
create_term(struct jl *jl, struct jl_ctx *active, json_t *local,
    const char *term, json_t *defined, const char *base_url, bool protect,
    bool override_protected, struct remotes *rem)
{
	json_t *d = json_object_get(defined, term), *value, *v;
	struct jl_term *def, *prev;
	bool simple = false;
	const char *key;
	const char *colon;
	int rc;

	if (d != NULL) {
		if (json_is_true(d))
			return 0;
		return fail(jl, ERR_INVAL, "cyclic IRI mapping",
		    "the term '%s' is defined in terms of itself", term);
	}
	if (term[0] == '\0')
		return fail(jl, ERR_INVAL, "invalid term definition",
		    "a context defines the empty term");
	json_object_set_new(defined, term, json_false());
	value = json_object_get(local, term);
	if (strcmp(term, "@type") == 0 && json_is_object(value)) {
		json_t *c = json_object_get(value, "@container");

		if (json_object_size(value) == 0)
			return fail(jl, ERR_INVAL, "keyword redefinition",
			    "@type may only be given @container and "
			    "@protected");

		json_object_foreach(value, key, v)
		{
			if (strcmp(key, "@container") != 0 &&
			    strcmp(key, "@protected") != 0)
				return fail(jl, ERR_INVAL,
				    "keyword redefinition",
				    "@type may only be given @container and "
				    "@protected");
		}
		if (c != NULL &&
		    !(json_is_string(c) &&
		        strcmp(json_string_value(c), "@set") == 0))
			return fail(jl, ERR_INVAL, "keyword redefinition",
			    "@type may only have @container @set");
	} else if (is_keyword(term)) {
		return fail(jl, ERR_INVAL, "keyword redefinition",
		    "a context redefines the keyword %s", term);
	} else if (looks_like_keyword(term)) {
		json_object_set_new(defined, term, json_true());
		return 0;
	}
	prev = ctx_get(active, term);
	rc = ctx_set(jl, active, term, NULL);
	if (rc != 0)
		return rc;
	if (json_is_null(value) || json_is_string(value)) {
		json_t *o = json_object();

		json_object_set(o, "@id", value);
		json_array_append_new(jl->keep, o);
		simple = json_is_string(value);
		value = o;
	} else if (!json_is_object(value)) {
		return fail(jl, ERR_INVAL, "invalid term definition",
		    "the definition of '%s' is not a string or object", term);
	}
	def = arena_alloc(jl->a, sizeof(*def));
	if (def == NULL)
		return oom(jl);
	json_object_foreach(value, key, v)
	{
		static const char *const ok[] = {"@id", "@reverse",
		    "@container", "@context", "@direction", "@index",
		    "@language", "@nest", "@prefix", "@protected", "@type"};
		size_t i;

		for (i = 0; i < NELEM(ok); i++)
			if (strcmp(key, ok[i]) == 0)
				break;
		if (i == NELEM(ok))
			return fail(jl, ERR_INVAL, "invalid term definition",
			    "the definition of '%s' has the unknown key '%s'",
			    term, key);
	}
	v = json_object_get(value, "@protected");
	if (v != NULL) {
		if (!json_is_boolean(v))
			return fail(jl, ERR_INVAL, "invalid @protected value",
			    "@protected must be true or false");
		def->protect = json_is_true(v);
	} else {
		def->protect = protect;
	}
	v = json_object_get(value, "@type");
	if (v != NULL) {
		const char *t;

		if (!json_is_string(v))
			return fail(jl, ERR_INVAL, "invalid type mapping",
			    "the @type of '%s' is not a string", term);
		rc = expand_iri(jl, active, json_string_value(v), false, true,
		    local, defined, &t);
		if (rc != 0)
			return rc;
		if (t == NULL ||
		    (!streq(t, "@id") && !streq(t, "@json") &&
		        !streq(t, "@none") && !streq(t, "@vocab") &&
		        !is_absolute_iri(t)) ||
		    is_bnode(t))
			return fail(jl, ERR_INVAL, "invalid type mapping",
			    "the @type of '%s' is not an absolute IRI", term);
		def->type = t;
	}
	if (json_object_get(value, "@reverse") != NULL)
		return unsupported(jl, "@reverse");
	v = json_object_get(value, "@id");
	colon = strchr(term, ':');
	if (v != NULL &&
	    !(json_is_string(v) && strcmp(json_string_value(v), term) == 0)) {
		if (json_is_null(v)) {
			def->iri = NULL;
		} else {
			const char *id = json_string_value(v);
			const char *t;

			if (id == NULL)
				return fail(jl, ERR_INVAL,
				    "invalid IRI mapping",
				    "the @id of '%s' is not a string", term);
			if (!is_keyword(id) && looks_like_keyword(id)) {
				json_object_set_new(defined, term, json_true());
				return 0;
			}
			rc = expand_iri(
			    jl, active, id, false, true, local, defined, &t);
			if (rc != 0)
				return rc;
			if (t == NULL ||
			    (!is_keyword(t) && !is_absolute_iri(t) &&
			        !is_bnode(t)))
				return fail(jl, ERR_INVAL,
				    "invalid IRI mapping",
				    "the term '%s' does not map to an "
				    "absolute IRI",
				    term);
			if (strcmp(t, "@context") == 0)
				return fail(jl, ERR_INVAL,
				    "invalid keyword alias",
				    "'%s' may not alias @context", term);
			def->iri = t;
			if ((colon != NULL && colon != term &&
			        colon[1] != '\0') ||
			    strchr(term, '/') != NULL) {
				const char *t2;

				json_object_set_new(defined, term, json_true());
				rc = expand_iri(jl, active, term, false, true,
				    local, defined, &t2);
				if (rc != 0)
					return rc;
				if (!streq(t2, t))
					return fail(jl, ERR_INVAL,
					    "invalid IRI mapping",
					    "the term '%s' looks like an IRI "
					    "but maps to another one",
					    term);
			}
			if (colon == NULL && strchr(term, '/') == NULL &&
			    simple && *t) {
				char last = t[strlen(t) - 1];

				if (strchr(":/?#[]@", last) != NULL ||
				    is_bnode(t))
					def->prefix = true;
			}
		}
	} else if (colon != NULL && colon != term) {
		char *prefix =
		    arena_strndup(jl->a, term, (size_t)(colon - term));
		struct jl_term *pdef;

		if (prefix == NULL)
			return oom(jl);
		if (json_object_get(local, prefix) != NULL) {
			rc = create_term(jl, active, local, prefix, defined,
			    base_url, false, false, rem);
			if (rc != 0)
				return rc;
		}
		pdef = ctx_get(active, prefix);
		if (pdef != NULL && pdef->iri != NULL) {
			def->iri = jl_cat(jl, pdef->iri, colon + 1);
			if (def->iri == NULL)
				return oom(jl);
		} else {
			def->iri = term;
		}
	} else if (strchr(term, '/') != NULL) {
		const char *t;

		rc = expand_iri(jl, active, term, false, true, NULL, NULL, &t);
		if (rc != 0)
			return rc;
		if (!is_absolute_iri(t))
			return fail(jl, ERR_INVAL, "invalid IRI mapping",
			    "the term '%s' is not an absolute IRI", term);
		def->iri = t;
	} else if (strcmp(term, "@type") == 0) {
		def->iri = "@type";
	} else if (active->vocab != NULL) {
		def->iri = jl_cat(jl, active->vocab, term);
		if (def->iri == NULL)
			return oom(jl);
	} else {
		return fail(jl, ERR_INVAL, "invalid IRI mapping",
		    "the term '%s' has no IRI (no @id and no @vocab)", term);
	}
	v = json_object_get(value, "@container");
	if (v != NULL) {
		rc = parse_container(jl, v, &def->container);
		if (rc != 0)
			return rc;
		if (def->container & (C_ID | C_INDEX | C_LANGUAGE | C_TYPE))
			return unsupported(jl,
			    "index, id, type and language "
			    "maps");
	}
	if (json_object_get(value, "@index") != NULL)
		return unsupported(jl, "property-valued @index");
	v = json_object_get(value, "@context");
	if (v != NULL) {
		struct jl_ctx *tmp;
		struct remotes r2 = {{0}, 0};

		if (rem != NULL)
			r2 = *rem;
		rc = process_context(
		    jl, active, v, base_url, &r2, true, true, false, &tmp);
		if (rc != 0) {
			char inner[sizeof(jl->e->msg)];

			if (rc == ERR_NOTFOUND || rc == ERR_TOOBIG ||
			    jl->e == NULL)
				return rc;
			memcpy(inner, jl->e->msg, sizeof(inner));
			return fail(jl, ERR_INVAL, "invalid scoped context",
			    "the scoped context of '%s' is invalid: %.150s",
			    term, inner);
		}
		def->ctx = v;
		json_array_append(jl->keep, v);
		def->ctx_base = base_url;
	}
	v = json_object_get(value, "@language");
	if (v != NULL && json_object_get(value, "@type") == NULL) {
		if (!json_is_null(v) && !json_is_string(v))
			return fail(jl, ERR_INVAL, "invalid language mapping",
			    "the @language of '%s' is not a string", term);
		def->has_lang = true;
		if (json_is_string(v)) {
			def->lang = lowercase(jl, json_string_value(v));
			if (def->lang == NULL)
				return oom(jl);
		}
	}
	v = json_object_get(value, "@direction");
	if (v != NULL && json_object_get(value, "@type") == NULL) {
		const char *s = json_string_value(v);

		def->has_dir = true;
		if (json_is_null(v))
			def->dir = DIR_NULL;
		else if (streq(s, "ltr"))
			def->dir = DIR_LTR;
		else if (streq(s, "rtl"))
			def->dir = DIR_RTL;
		else
			return fail(jl, ERR_INVAL, "invalid base direction",
			    "the @direction of '%s' is invalid", term);
	}
	if (json_object_get(value, "@nest") != NULL)
		return unsupported(jl, "@nest");
	v = json_object_get(value, "@prefix");
	if (v != NULL) {
		if (colon != NULL || strchr(term, '/') != NULL)
			return fail(jl, ERR_INVAL, "invalid term definition",
			    "@prefix is not allowed on '%s'", term);
		if (!json_is_boolean(v))
			return fail(jl, ERR_INVAL, "invalid @prefix value",
			    "@prefix must be true or false");
		return unsupported(jl, "@prefix");
	}
	if (!override_protected && prev != NULL && prev->protect) {
		if (!term_equal(prev, def))
			return fail(jl, ERR_INVAL,
			    "protected term redefinition",
			    "the protected term '%s' is redefined", term);
		def = prev;
	}
	rc = ctx_set(jl, active, term, def);
	if (rc != 0)
		return rc;
	json_object_set_new(defined, term, json_true());
	return 0;
}

static int
load_remote(struct jl *jl, const char *url, json_t **ctxout)
{
	json_t *doc = json_object_get(jl->cache, url), *c;
	int rc;

	if (doc == NULL) {
		if (++jl->loads > jl->max_loads)
			return fail(jl, ERR_TOOBIG, "context overflow",
			    "too many remote contexts (more than %u)",
			    jl->max_loads);
		if (jl->loader == NULL || jl->loader->load == NULL)
			rc = ERR_NOTFOUND;
		else
			rc = jl->loader->load(jl->loader->ctx, url, &doc);
		if (rc != 0 || doc == NULL)
			return fail(jl,
			    rc == ERR_TOOBIG ? ERR_TOOBIG : ERR_NOTFOUND,
			    "loading remote context failed",
			    "unknown JSON-LD context <%s>", url);
		json_object_set_new(jl->cache, url, doc);
	}
	c = json_is_object(doc) ? json_object_get(doc, "@context") : NULL;
	if (c == NULL)
		return fail(jl, ERR_INVAL, "invalid remote context",
		    "the document <%s> has no @context", url);
	*ctxout = c;
	return 0;
}

static const char *const ctx_keys[] = {"@base", "@direction", "@import",
    "@language", "@propagate", "@protected", "@version", "@vocab"};

static int
process_context(struct jl *jl, struct jl_ctx *active, json_t *local,
    const char *base_url, struct remotes *rem, bool override_protected,
    bool propagate, bool validate_scoped, struct jl_ctx **out)
{
	struct jl_ctx *result;
	json_t *arr, *ctx, *v, *defined;
	size_t i, k;
	const char *key;
	int rc;

	if (++jl->nodes > jl->max_nodes)
		return fail(jl, ERR_TOOBIG, NULL,
		    "the JSON-LD document is too complex");
	result = ctx_clone(jl, active);
	if (result == NULL)
		return oom(jl);
	if (json_is_object(local) &&
	    json_is_boolean(json_object_get(local, "@propagate")))
		propagate = json_is_true(json_object_get(local, "@propagate"));
	if (!propagate && result->prev == NULL)
		result->prev = active;
	if (json_is_array(local)) {
		arr = local;
	} else {
		arr = json_array();
		json_array_append(arr, local);
		json_array_append_new(jl->keep, arr);
	}
	json_array_foreach(arr, i, ctx)
	{
		if (json_is_null(ctx)) {
			struct jl_ctx *n;

			if (!override_protected && ctx_has_protected(result))
				return fail(jl, ERR_INVAL,
				    "invalid context nullification",
				    "a context tries to clear protected terms");
			n = arena_alloc(jl->a, sizeof(*n));
			if (n == NULL)
				return oom(jl);
			n->base = jl->orig_base;
			if (!propagate)
				n->prev = result;
			result = n;
			continue;
		}
		if (json_is_string(ctx)) {
			const char *url =
			    resolve_iri(jl, base_url, json_string_value(ctx));
			json_t *loaded = NULL;
			int j;

			if (url == NULL)
				return oom(jl);
			for (j = 0; j < rem->n; j++)
				if (strcmp(rem->url[j], url) == 0)
					break;
			if (!validate_scoped && j < rem->n)
				continue;
			if (rem->n >= MAX_REMOTE)
				return fail(jl, ERR_TOOBIG, "context overflow",
				    "remote contexts nest too deeply");
			rem->url[rem->n++] = url;
			rc = load_remote(jl, url, &loaded);
			if (rc != 0)
				return rc;
			{
				struct remotes r2 = *rem;

				rc = process_context(jl, result, loaded, url,
				    &r2, false, true, validate_scoped, &result);
			}
			if (rc != 0)
				return rc;
			continue;
		}
		if (!json_is_object(ctx))
			return fail(jl, ERR_INVAL, "invalid local context",
			    "a @context entry is not an object, string or "
			    "null");
		v = json_object_get(ctx, "@version");
		if (v != NULL &&
		    !(json_is_number(v) && json_number_value(v) == 1.1))
			return fail(jl, ERR_INVAL, "invalid @version value",
			    "@version must be 1.1");
		if (json_object_get(ctx, "@import") != NULL)
			return unsupported(jl, "@import");
		v = json_object_get(ctx, "@base");
		if (v != NULL && rem->n == 0) {
			if (json_is_null(v)) {
				result->base = NULL;
			} else if (json_is_string(v)) {
				const char *bv = json_string_value(v);

				if (is_absolute_iri(bv))
					result->base = jl_strdup(jl, bv);
				else if (result->base != NULL)
					result->base =
					    resolve_iri(jl, result->base, bv);
				else
					return fail(jl, ERR_INVAL,
					    "invalid base IRI",
					    "@base is relative and there is "
					    "no base IRI");
				if (result->base == NULL)
					return oom(jl);
			} else {
				return fail(jl, ERR_INVAL, "invalid base IRI",
				    "@base must be a string or null");
			}
		}
		v = json_object_get(ctx, "@vocab");
		if (v != NULL) {
			if (json_is_null(v)) {
				result->vocab = NULL;
			} else if (json_is_string(v)) {
				const char *t;

				rc =
				    expand_iri(jl, result, json_string_value(v),
				        true, true, NULL, NULL, &t);
				if (rc != 0)
					return rc;
				if (t == NULL ||
				    (!is_absolute_iri(t) && !is_bnode(t) && *t))
					return fail(jl, ERR_INVAL,
					    "invalid vocab mapping",
					    "@vocab is not an IRI");
				result->vocab = t;
			} else {
				return fail(jl, ERR_INVAL,
				    "invalid vocab mapping",
				    "@vocab must be a string or null");
			}
		}
		v = json_object_get(ctx, "@language");
		if (v != NULL) {
			if (json_is_null(v))
				result->lang = NULL;
			else if (json_is_string(v)) {
				result->lang =
				    lowercase(jl, json_string_value(v));
				if (result->lang == NULL)
					return oom(jl);
			} else
				return fail(jl, ERR_INVAL,
				    "invalid default language",
				    "@language must be a string or null");
		}
		v = json_object_get(ctx, "@direction");
		if (v != NULL) {
			const char *s = json_string_value(v);

			if (json_is_null(v))
				result->dir = DIR_NULL;
			else if (streq(s, "ltr"))
				result->dir = DIR_LTR;
			else if (streq(s, "rtl"))
				result->dir = DIR_RTL;
			else
				return fail(jl, ERR_INVAL,
				    "invalid base direction",
				    "@direction must be ltr, rtl or null");
		}
		v = json_object_get(ctx, "@propagate");
		if (v != NULL && !json_is_boolean(v))
			return fail(jl, ERR_INVAL, "invalid @propagate value",
			    "@propagate must be true or false");
		v = json_object_get(ctx, "@protected");
		if (v != NULL && !json_is_boolean(v))
			return fail(jl, ERR_INVAL, "invalid @protected value",
			    "@protected must be true or false");
		defined = json_object();
		json_array_append_new(jl->keep, defined);
		json_object_foreach(ctx, key, v)
		{
			for (k = 0; k < NELEM(ctx_keys); k++)
				if (strcmp(key, ctx_keys[k]) == 0)
					break;
			if (k < NELEM(ctx_keys))
				continue;
			rc = create_term(jl, result, ctx, key, defined,
			    base_url,
			    json_is_true(json_object_get(ctx, "@protected")),
			    override_protected, rem);
			if (rc != 0)
				return rc;
		}
	}
	*out = result;
	return 0;
}

/* ---- expansion (§5.1) ---- */

static int expand(struct jl *jl, struct jl_ctx *active, const char *prop,
    json_t *elem, const char *base_url, bool from_map, int depth, json_t **out);

static const char *
jstr(json_t *v)
{
	return json_string_value(v);
}

/* expand_key expands an object key as a property (vocab = true). */
static int
expand_key(
    struct jl *jl, struct jl_ctx *active, const char *key, const char **out)
{
	return expand_iri(jl, active, key, false, true, NULL, NULL, out);
}

static json_t *
as_array(json_t *v)
{
	json_t *a;

	if (json_is_array(v))
		return json_incref(v);
	a = json_array();
	if (v != NULL)
		json_array_append(a, v);
	return a;
}

/* add_value appends v (stolen) to obj[key] as an array. */
static void
add_value(json_t *obj, const char *key, json_t *v)
{
	json_t *cur = json_object_get(obj, key);
	size_t i;
	json_t *x;

	if (cur == NULL) {
		cur = json_array();
		json_object_set_new(obj, key, cur);
	}
	if (json_is_array(v)) {
		json_array_foreach(v, i, x) json_array_append(cur, x);
		json_decref(v);
	} else {
		json_array_append_new(cur, v);
	}
}

static int
cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* sorted_keys returns obj's keys in code point order (arena). */
static const char **
sorted_keys(struct jl *jl, json_t *obj, size_t *n)
{
	const char **k;
	const char *key;
	json_t *v;
	size_t i = 0;

	*n = json_object_size(obj);
	k = arena_alloc(jl->a, (*n + 1) * sizeof(*k));
	if (k == NULL)
		return NULL;
	json_object_foreach(obj, key, v) k[i++] = key;
	qsort(k, *n, sizeof(*k), cmp_cstr);
	return k;
}

static int
expand_value(struct jl *jl, struct jl_ctx *active, const char *prop,
    json_t *value, json_t **out)
{
	struct jl_term *def = prop ? ctx_get(active, prop) : NULL;
	json_t *r;
	int rc;

	if (def != NULL && json_is_string(value) &&
	    (streq(def->type, "@id") || streq(def->type, "@vocab"))) {
		const char *iri;

		rc = expand_iri(jl, active, jstr(value), true,
		    streq(def->type, "@vocab"), NULL, NULL, &iri);
		if (rc != 0)
			return rc;
		r = json_object();
		json_object_set_new(
		    r, "@id", iri ? json_string(iri) : json_null());
		*out = r;
		return 0;
	}
	r = json_object();
	json_object_set(r, "@value", value);
	if (def != NULL && def->type != NULL && !streq(def->type, "@id") &&
	    !streq(def->type, "@vocab") && !streq(def->type, "@none")) {
		json_object_set_new(r, "@type", json_string(def->type));
	} else if (json_is_string(value)) {
		const char *lang =
		    def && def->has_lang ? def->lang : active->lang;
		int dir = def && def->has_dir ? def->dir : active->dir;

		if (lang != NULL)
			json_object_set_new(r, "@language", json_string(lang));
		if (dir != DIR_NULL)
			json_object_set_new(r, "@direction",
			    json_string(dir == DIR_LTR ? "ltr" : "rtl"));
	}
	*out = r;
	return 0;
}

static bool
is_list_obj(json_t *v)
{
	return json_is_object(v) && json_object_get(v, "@list") != NULL;
}

static int
safe_drop(struct jl *jl, const char *what, const char *name)
{
	if (!jl->safe)
		return 0;
	return fail(jl, ERR_INVAL, NULL, "%s '%.100s' (safe mode)", what, name);
}

static int
expand_object(struct jl *jl, struct jl_ctx *active, const char *prop,
    json_t *elem, const char *base_url, bool from_map, int depth, json_t **out)
{
	struct jl_term *pdef = prop ? ctx_get(active, prop) : NULL;
	struct jl_ctx *type_ctx;
	json_t *result = NULL, *v, *ev = NULL;
	const char **keys, *input_type = NULL;
	size_t nk, i;
	bool drop_node = false;
	int rc = 0;

	keys = sorted_keys(jl, elem, &nk);
	if (keys == NULL)
		return oom(jl);
	/* Step 7: revert a non-propagated context. */
	if (active->prev != NULL && !from_map) {
		bool revert = true;
		const char *x;

		for (i = 0; i < nk && revert; i++) {
			rc = expand_key(jl, active, keys[i], &x);
			if (rc != 0)
				return rc;
			if (streq(x, "@value") || (nk == 1 && streq(x, "@id")))
				revert = false;
		}
		if (revert)
			active = active->prev;
	}
	/* Step 8: property-scoped context. */
	if (pdef != NULL && pdef->ctx != NULL) {
		struct remotes r = {{0}, 0};

		rc = process_context(jl, active, pdef->ctx, pdef->ctx_base, &r,
		    true, true, true, &active);
		if (rc != 0)
			return rc;
	}
	/* Step 9: embedded context. */
	v = json_object_get(elem, "@context");
	if (v != NULL) {
		struct remotes r = {{0}, 0};

		rc = process_context(
		    jl, active, v, base_url, &r, false, true, true, &active);
		if (rc != 0)
			return rc;
	}
	/* Steps 10-11: type-scoped contexts. */
	type_ctx = active;
	for (i = 0; i < nk; i++) {
		const char *x;
		json_t *tv, *t;
		const char **ts;
		size_t nt, j, k;

		rc = expand_key(jl, active, keys[i], &x);
		if (rc != 0)
			return rc;
		if (!streq(x, "@type"))
			continue;
		tv = json_object_get(elem, keys[i]);
		nt = json_is_array(tv) ? json_array_size(tv) : 1;
		ts = arena_alloc(jl->a, (nt + 1) * sizeof(*ts));
		if (ts == NULL)
			return oom(jl);
		k = 0;
		if (json_is_array(tv)) {
			json_array_foreach(tv, j, t) if (json_is_string(t))
			    ts[k++] = jstr(t);
		} else if (json_is_string(tv)) {
			ts[k++] = jstr(tv);
		}
		qsort(ts, k, sizeof(*ts), cmp_cstr);
		for (j = 0; j < k; j++) {
			struct jl_term *td = ctx_get(type_ctx, ts[j]);

			if (td != NULL && td->ctx != NULL) {
				struct remotes r = {{0}, 0};

				rc = process_context(jl, active, td->ctx,
				    td->ctx_base, &r, false, false, true,
				    &active);
				if (rc != 0)
					return rc;
			}
		}
		if (input_type == NULL && k > 0) {
			const char *last = json_is_array(tv)
			    ? jstr(json_array_get(tv, json_array_size(tv) - 1))
			    : jstr(tv);

			if (last != NULL) {
				rc = expand_iri(jl, active, last, true, true,
				    NULL, NULL, &input_type);
				if (rc != 0)
					return rc;
			}
		}
	}

	result = json_object();
	for (i = 0; i < nk; i++) {
		const char *key = keys[i], *ep;
		struct jl_term *kdef;

		v = json_object_get(elem, key);
		ev = NULL;
		if (strcmp(key, "@context") == 0)
			continue;
		rc = expand_key(jl, active, key, &ep);
		if (rc != 0)
			goto out;
		if (ep == NULL ||
		    (strchr(ep, ':') == NULL && !is_keyword(ep))) {
			rc = safe_drop(jl, "undefined term", key);
			if (rc != 0)
				goto out;
			continue;
		}
		if (is_keyword(ep)) {
			if (json_object_get(result, ep) != NULL &&
			    strcmp(ep, "@type") != 0 &&
			    strcmp(ep, "@included") != 0) {
				rc = fail(jl, ERR_INVAL, "colliding keywords",
				    "two keys expand to %s", ep);
				goto out;
			}
			if (strcmp(ep, "@id") == 0) {
				const char *iri;

				if (!json_is_string(v)) {
					rc = fail(jl, ERR_INVAL,
					    "invalid @id value",
					    "@id must be a string");
					goto out;
				}
				rc = expand_iri(jl, active, jstr(v), true,
				    false, NULL, NULL, &iri);
				if (rc != 0)
					goto out;
				if (jl->safe && iri != NULL &&
				    !is_absolute_iri(iri) && !is_bnode(iri)) {
					rc = safe_drop(jl, "relative IRI", iri);
					goto out;
				}
				if (iri == NULL) {
					/* A keyword-like @id: drop the node. */
					rc = safe_drop(
					    jl, "keyword-like @id", jstr(v));
					if (rc != 0)
						goto out;
					drop_node = true;
					continue;
				}
				ev = json_string(iri);
			} else if (strcmp(ep, "@type") == 0) {
				json_t *t;
				size_t j;

				if (!json_is_string(v) && !json_is_array(v)) {
					rc = fail(jl, ERR_INVAL,
					    "invalid type value",
					    "@type must be a string or an "
					    "array of strings");
					goto out;
				}
				ev = json_array();
				{
					json_t *va = as_array(v);

					json_array_foreach(va, j, t)
					{
						const char *iri;

						if (!json_is_string(t)) {
							json_decref(va);
							rc = fail(jl, ERR_INVAL,
							    "invalid type "
							    "value",
							    "@type must be a "
							    "string or an "
							    "array "
							    "of strings");
							goto out;
						}
						rc = expand_iri(jl, type_ctx,
						    jstr(t), true, true, NULL,
						    NULL, &iri);
						if (rc == 0 && jl->safe &&
						    (iri == NULL ||
						        (!is_absolute_iri(
						             iri) &&
						            !is_bnode(iri) &&
						            !is_keyword(iri))))
							rc = safe_drop(jl,
							    "undefined type",
							    jstr(t));
						if (rc != 0) {
							json_decref(va);
							goto out;
						}
						if (iri != NULL)
							json_array_append_new(
							    ev,
							    json_string(iri));
					}
					json_decref(va);
				}
				if (json_is_string(v) &&
				    json_array_size(ev) == 1 &&
				    json_object_get(result, "@type") == NULL) {
					json_t *one =
					    json_incref(json_array_get(ev, 0));

					json_decref(ev);
					ev = one;
				}
				if (json_object_get(result, "@type") != NULL) {
					json_t *prevt = as_array(
					    json_object_get(result, "@type"));

					json_array_extend(prevt, ev);
					json_decref(ev);
					ev = prevt;
				}
			} else if (strcmp(ep, "@graph") == 0) {
				json_t *g;

				rc = expand(jl, active, "@graph", v, base_url,
				    false, depth + 1, &g);
				if (rc != 0)
					goto out;
				ev = as_array(g);
				json_decref(g);
			} else if (strcmp(ep, "@value") == 0) {
				if (streq(input_type, "@json")) {
					ev = json_incref(v);
				} else if (json_is_object(v) ||
				    json_is_array(v)) {
					rc = fail(jl, ERR_INVAL,
					    "invalid value object value",
					    "@value must be a scalar");
					goto out;
				} else {
					ev = json_incref(v);
				}
				json_object_set_new(result, "@value", ev);
				ev = NULL;
				continue;
			} else if (strcmp(ep, "@language") == 0) {
				if (!json_is_string(v)) {
					rc = fail(jl, ERR_INVAL,
					    "invalid language-tagged string",
					    "@language must be a string");
					goto out;
				}
				if (jl->safe && !well_formed_lang(jstr(v))) {
					rc = safe_drop(jl,
					    "invalid language tag", jstr(v));
					goto out;
				}
				ev = json_string(lowercase(jl, jstr(v)));
			} else if (strcmp(ep, "@direction") == 0) {
				if (!streq(jstr(v), "ltr") &&
				    !streq(jstr(v), "rtl")) {
					rc = fail(jl, ERR_INVAL,
					    "invalid base direction",
					    "@direction must be ltr or rtl");
					goto out;
				}
				ev = json_incref(v);
			} else if (strcmp(ep, "@index") == 0) {
				if (!json_is_string(v)) {
					rc = fail(jl, ERR_INVAL,
					    "invalid @index value",
					    "@index must be a string");
					goto out;
				}
				ev = json_incref(v);
			} else if (strcmp(ep, "@list") == 0) {
				json_t *l;

				if (prop == NULL ||
				    strcmp(prop, "@graph") == 0) {
					rc = safe_drop(
					    jl, "free-floating list", key);
					if (rc != 0)
						goto out;
					continue;
				}
				rc = expand(jl, active, prop, v, base_url,
				    false, depth + 1, &l);
				if (rc != 0)
					goto out;
				ev = as_array(l);
				json_decref(l);
			} else if (strcmp(ep, "@set") == 0) {
				rc = expand(jl, active, prop, v, base_url,
				    false, depth + 1, &ev);
				if (rc != 0)
					goto out;
			} else if (strcmp(ep, "@reverse") == 0) {
				rc = unsupported(jl, "@reverse");
				goto out;
			} else if (strcmp(ep, "@nest") == 0) {
				rc = unsupported(jl, "@nest");
				goto out;
			} else if (strcmp(ep, "@included") == 0) {
				rc = unsupported(jl, "@included");
				goto out;
			} else {
				/* framing keywords and others: ignored */
				continue;
			}
			if (ev != NULL && !json_is_null(ev))
				json_object_set_new(result, ep, ev);
			else if (ev != NULL && strcmp(ep, "@id") == 0)
				json_object_set_new(result, ep, ev);
			else
				json_decref(ev);
			ev = NULL;
			continue;
		}
		/* Not a keyword: a property. */
		kdef = ctx_get(active, key);
		if (kdef != NULL && streq(kdef->type, "@json")) {
			ev = json_object();
			json_object_set(ev, "@value", v);
			json_object_set_new(ev, "@type", json_string("@json"));
		} else {
			rc = expand(jl, active, key, v, base_url, false,
			    depth + 1, &ev);
			if (rc != 0)
				goto out;
		}
		if (ev == NULL || json_is_null(ev)) {
			json_decref(ev);
			ev = NULL;
			continue;
		}
		if (kdef != NULL && (kdef->container & C_LIST) &&
		    !is_list_obj(ev)) {
			json_t *l = json_object();

			json_object_set_new(l, "@list", as_array(ev));
			json_decref(ev);
			ev = l;
		}
		if (kdef != NULL && (kdef->container & C_GRAPH)) {
			json_t *arr = as_array(ev), *item, *na = json_array();
			size_t j;

			json_array_foreach(arr, j, item)
			{
				json_t *g = json_object();

				json_object_set_new(
				    g, "@graph", as_array(item));
				json_array_append_new(na, g);
			}
			json_decref(arr);
			json_decref(ev);
			ev = na;
		}
		add_value(result, ep, ev);
		ev = NULL;
	}

	if (drop_node) {
		json_decref(result);
		*out = NULL;
		return 0;
	}
	/* Steps 15-19: post-processing. */
	v = json_object_get(result, "@value");
	if (v != NULL) {
		const char *k2;
		json_t *x;
		json_t *t = json_object_get(result, "@type");

		json_object_foreach(result, k2, x)
		{
			if (strcmp(k2, "@value") && strcmp(k2, "@language") &&
			    strcmp(k2, "@type") && strcmp(k2, "@index") &&
			    strcmp(k2, "@direction")) {
				rc = fail(jl, ERR_INVAL, "invalid value object",
				    "a value object has the key %s", k2);
				goto out;
			}
		}
		if (t != NULL &&
		    (json_object_get(result, "@language") ||
		        json_object_get(result, "@direction"))) {
			rc = fail(jl, ERR_INVAL, "invalid value object",
			    "a value object has both @type and @language");
			goto out;
		}
		if (streq(jstr(t), "@json")) {
			/* any JSON value */
		} else if (json_is_null(v)) {
			json_decref(result);
			result = NULL;
		} else if (!json_is_string(v) &&
		    json_object_get(result, "@language") != NULL) {
			rc =
			    fail(jl, ERR_INVAL, "invalid language-tagged value",
			        "@language is only allowed on strings");
			goto out;
		} else if (t != NULL &&
		    (!json_is_string(t) || !well_formed_iri(jstr(t)))) {
			rc = fail(jl, ERR_INVAL, "invalid typed value",
			    "the @type of a value must be an absolute IRI");
			goto out;
		}
	} else if (json_object_get(result, "@type") != NULL &&
	    !json_is_array(json_object_get(result, "@type"))) {
		json_object_set_new(result, "@type",
		    as_array(json_object_get(result, "@type")));
	} else if (json_object_get(result, "@set") != NULL ||
	    json_object_get(result, "@list") != NULL) {
		size_t n = json_object_size(result);

		if (n > 2 ||
		    (n == 2 && json_object_get(result, "@index") == NULL)) {
			rc = fail(jl, ERR_INVAL, "invalid set or list object",
			    "a @list or @set object has other keys");
			goto out;
		}
		if (json_object_get(result, "@set") != NULL) {
			json_t *sv =
			    json_incref(json_object_get(result, "@set"));

			json_decref(result);
			result = sv;
		}
	}
	if (result != NULL && json_is_object(result) &&
	    json_object_size(result) == 1 &&
	    json_object_get(result, "@language") != NULL) {
		json_decref(result);
		result = NULL;
	}
	if (result != NULL && json_is_object(result) &&
	    (prop == NULL || strcmp(prop, "@graph") == 0)) {
		size_t n = json_object_size(result);

		if (n == 0 || json_object_get(result, "@value") != NULL ||
		    json_object_get(result, "@list") != NULL ||
		    (n == 1 && json_object_get(result, "@id") != NULL)) {
			if (jl->safe && n > 0 &&
			    json_object_get(result, "@id") == NULL) {
				rc = safe_drop(jl, "free-floating value",
				    prop ? prop : "(top level)");
				goto out;
			}
			json_decref(result);
			result = NULL;
		}
	}
	*out = result;
	return 0;
out:
	json_decref(ev);
	json_decref(result);
	return rc;
}

static int
expand(struct jl *jl, struct jl_ctx *active, const char *prop, json_t *elem,
    const char *base_url, bool from_map, int depth, json_t **out)
{
	struct jl_term *pdef;
	int rc;

	*out = NULL;
	if (depth > jl->max_depth)
		return fail(jl, ERR_TOOBIG, NULL,
		    "the JSON-LD document nests deeper than %d levels",
		    jl->max_depth);
	if (++jl->nodes > jl->max_nodes)
		return fail(jl, ERR_TOOBIG, NULL,
		    "the JSON-LD document has too many nodes");
	if (elem == NULL || json_is_null(elem))
		return 0;
	if (json_is_array(elem)) {
		json_t *res = json_array(), *item, *e2;
		size_t i;

		pdef = prop ? ctx_get(active, prop) : NULL;
		json_array_foreach(elem, i, item)
		{
			rc = expand(jl, active, prop, item, base_url, from_map,
			    depth + 1, &e2);
			if (rc != 0) {
				json_decref(res);
				return rc;
			}
			if (pdef != NULL && (pdef->container & C_LIST) &&
			    json_is_array(e2)) {
				json_t *l = json_object();

				json_object_set_new(l, "@list", e2);
				e2 = l;
			}
			if (json_is_array(e2)) {
				json_array_extend(res, e2);
				json_decref(e2);
			} else if (e2 != NULL) {
				json_array_append_new(res, e2);
			}
		}
		*out = res;
		return 0;
	}
	if (!json_is_object(elem)) {
		if (prop == NULL || strcmp(prop, "@graph") == 0)
			return safe_drop(jl, "free-floating value",
			    prop ? prop : "(top level)");
		pdef = ctx_get(active, prop);
		if (pdef != NULL && pdef->ctx != NULL) {
			struct remotes r = {{0}, 0};

			rc = process_context(jl, active, pdef->ctx,
			    pdef->ctx_base, &r, true, true, true, &active);
			if (rc != 0)
				return rc;
		}
		return expand_value(jl, active, prop, elem, out);
	}
	return expand_object(
	    jl, active, prop, elem, base_url, from_map, depth, out);
}

/* ---- node map generation (§7.2) ---- */

static const char *
bnode_label(struct jl *jl, const char *old)
{
	json_t *m = old ? json_object_get(jl->bnode_map, old) : NULL;
	char tmp[40];

	if (m != NULL)
		return jstr(m);
	snprintf(tmp, sizeof(tmp), "_:b%zu", jl->bnode_counter++);
	if (old != NULL) {
		json_object_set_new(jl->bnode_map, old, json_string(tmp));
		return jstr(json_object_get(jl->bnode_map, old));
	}
	m = json_string(tmp);
	json_array_append_new(jl->keep, m);
	return jstr(m);
}

/* add_unique appends v (borrowed) to node[prop] unless already present. */
static void
add_unique(json_t *node, const char *prop, json_t *v)
{
	json_t *arr = json_object_get(node, prop), *x;
	size_t i;

	if (arr == NULL) {
		arr = json_array();
		json_object_set_new(node, prop, arr);
	}
	json_array_foreach(arr, i, x) if (json_equal(x, v)) return;
	json_array_append(arr, v);
}

static int
node_map(struct jl *jl, json_t *elem, json_t *map, const char *graph,
    const char *subject, const char *prop, json_t *list, int depth)
{
	json_t *g, *snode = NULL, *v;
	size_t i;
	int rc;

	if (depth > jl->max_depth * 2 + 8)
		return fail(jl, ERR_TOOBIG, NULL, "the graph nests too deeply");
	if (json_is_array(elem)) {
		json_array_foreach(elem, i, v)
		{
			rc = node_map(
			    jl, v, map, graph, subject, prop, list, depth + 1);
			if (rc != 0)
				return rc;
		}
		return 0;
	}
	if (!json_is_object(elem))
		return 0;
	g = json_object_get(map, graph);
	if (g == NULL) {
		g = json_object();
		json_object_set_new(map, graph, g);
	}
	if (subject != NULL)
		snode = json_object_get(g, subject);
	if (json_object_get(elem, "@value") != NULL) {
		if (list == NULL)
			add_unique(snode, prop, elem);
		else
			json_array_append(json_object_get(list, "@list"), elem);
		return 0;
	}
	if (json_object_get(elem, "@list") != NULL) {
		json_t *res = json_object();

		json_object_set_new(res, "@list", json_array());
		rc = node_map(jl, json_object_get(elem, "@list"), map, graph,
		    subject, prop, res, depth + 1);
		if (rc == 0) {
			if (list == NULL)
				add_value(snode, prop, json_incref(res));
			else
				json_array_append(
				    json_object_get(list, "@list"), res);
		}
		json_decref(res);
		return rc;
	}
	{
		const char *id = jstr(json_object_get(elem, "@id"));
		json_t *node, *types, *t;
		const char *key;

		if (id == NULL || is_bnode(id))
			id = bnode_label(jl, id);
		if (json_is_null(json_object_get(elem, "@id")))
			id = bnode_label(jl, NULL);
		node = json_object_get(g, id);
		if (node == NULL) {
			node = json_object();
			json_object_set_new(node, "@id", json_string(id));
			json_object_set_new(g, id, node);
		}
		if (prop != NULL) {
			json_t *ref = json_object();

			json_object_set_new(ref, "@id", json_string(id));
			if (list == NULL)
				add_unique(snode, prop, ref);
			else
				json_array_append(
				    json_object_get(list, "@list"), ref);
			json_decref(ref);
		}
		types = json_object_get(elem, "@type");
		json_array_foreach(types, i, t)
		{
			const char *ts = jstr(t);
			json_t *tv;

			if (ts == NULL)
				continue;
			tv = json_string(
			    is_bnode(ts) ? bnode_label(jl, ts) : ts);
			add_unique(node, "@type", tv);
			json_decref(tv);
		}
		v = json_object_get(elem, "@index");
		if (v != NULL) {
			json_t *cur = json_object_get(node, "@index");

			if (cur != NULL && !json_equal(cur, v))
				return fail(jl, ERR_INVAL,
				    "conflicting indexes",
				    "a node has two different @index values");
			json_object_set(node, "@index", v);
		}
		v = json_object_get(elem, "@graph");
		if (v != NULL) {
			/* id lives in jl (bnode map/keep) or in node. */
			const char *gid = jstr(json_object_get(node, "@id"));

			rc = node_map(
			    jl, v, map, gid, NULL, NULL, NULL, depth + 1);
			if (rc != 0)
				return rc;
		}
		{
			size_t nk;
			const char **keys = sorted_keys(jl, elem, &nk);

			if (keys == NULL)
				return oom(jl);
			for (i = 0; i < nk; i++) {
				const char *p = keys[i];
				const char *nid;

				key = p;
				if (is_keyword(key))
					continue;
				if (is_bnode(key))
					p = bnode_label(jl, key);
				/* The node may have moved if g rehashed: no,
				 * jansson objects keep value pointers. */
				nid = jstr(json_object_get(node, "@id"));
				if (json_object_get(node, p) == NULL)
					json_object_set_new(
					    node, p, json_array());
				rc = node_map(jl, json_object_get(elem, key),
				    map, graph, nid, p, NULL, depth + 1);
				if (rc != 0)
					return rc;
			}
		}
	}
	return 0;
}

/* ---- RDF serialisation (§7.3-7.4) ---- */

struct rdfout {
	struct jl *jl;
	struct rdf_dataset *ds;
};

static int
emit(struct rdfout *ro, const struct rdf_term *s, const struct rdf_term *p,
    const struct rdf_term *o, const struct rdf_term *g)
{
	struct rdf_quad q;

	q.s = *s;
	q.p = *p;
	q.o = *o;
	q.g = *g;
	return rdf_dataset_add(ro->ds, &q, ro->jl->e);
}

static bool
set_iri_term(struct rdf_term *t, const char *iri)
{
	memset(t, 0, sizeof(*t));
	if (is_bnode(iri)) {
		t->kind = RDF_BNODE;
		t->value = (char *)(uintptr_t)(iri + 2);
		return true;
	}
	if (!well_formed_iri(iri))
		return false;
	t->kind = RDF_IRI;
	t->value = (char *)(uintptr_t)iri;
	return true;
}

static void
fmt_double(char *out, size_t n, double d)
{
	char tmp[64], *e, *m;
	long ex;
	size_t ml;

	snprintf(tmp, sizeof(tmp), "%.15E", d);
	e = strchr(tmp, 'E');
	if (e == NULL) {
		snprintf(out, n, "%s", tmp);
		return;
	}
	*e = '\0';
	m = tmp;
	ml = strlen(m);
	while (ml > 0 && m[ml - 1] == '0')
		ml--;
	if (ml > 0 && m[ml - 1] == '.')
		ml++; /* keep one zero */
	m[ml] = '\0';
	ex = strtoll(e + 1, NULL, 10);
	snprintf(out, n, "%sE%ld", m, ex);
}

static int jcs_write(struct buf *b, const json_t *v, int depth);

/* object_to_rdf: 1 and *t filled, 0 to drop, negative on error. */
static int
object_to_rdf(
    struct rdfout *ro, json_t *item, struct rdf_term *t, struct buf *scratch)
{
	struct jl *jl = ro->jl;
	json_t *v, *tv;
	const char *dt, *lang;
	char num[64];

	memset(t, 0, sizeof(*t));
	if (json_object_get(item, "@id") != NULL &&
	    json_object_get(item, "@value") == NULL) {
		const char *id = jstr(json_object_get(item, "@id"));

		if (id == NULL || !set_iri_term(t, id))
			return jl->safe
			    ? safe_drop(
			          jl, "relative or invalid IRI", id ? id : "")
			    : 0;
		return 1;
	}
	v = json_object_get(item, "@value");
	tv = json_object_get(item, "@type");
	dt = jstr(tv);
	lang = jstr(json_object_get(item, "@language"));
	if (dt != NULL && strcmp(dt, "@json") != 0 && !well_formed_iri(dt))
		return jl->safe ? safe_drop(jl, "invalid datatype IRI", dt) : 0;
	if (lang != NULL && !well_formed_lang(lang))
		return jl->safe ? safe_drop(jl, "invalid language tag", lang)
		                : 0;
	buf_reset(scratch);
	if (streq(dt, "@json")) {
		int rc = jcs_write(scratch, v, 0);

		if (rc != 0)
			return fail(jl, rc, "invalid JSON literal",
			    "a @json value cannot be canonicalized");
		dt = RDF_NS "JSON";
	} else if (json_is_boolean(v)) {
		buf_adds(scratch, json_is_true(v) ? "true" : "false");
		if (dt == NULL)
			dt = RDF_XSD "boolean";
	} else if (json_is_number(v)) {
		double d = json_number_value(v);

		if (json_is_real(v) &&
		    (fabs(d) >= 1e21 || d != floor(d) ||
		        streq(dt, RDF_XSD "double"))) {
			fmt_double(num, sizeof(num), d);
			if (dt == NULL)
				dt = RDF_XSD "double";
		} else if (json_is_integer(v) && streq(dt, RDF_XSD "double")) {
			fmt_double(num, sizeof(num), d);
		} else {
			if (json_is_integer(v))
				snprintf(num, sizeof(num), "%lld",
				    (long long)json_integer_value(v));
			else
				snprintf(
				    num, sizeof(num), "%.0f", d == 0 ? 0.0 : d);
			if (dt == NULL)
				dt = RDF_XSD "integer";
		}
		buf_adds(scratch, num);
	} else if (json_is_string(v)) {
		const char *s = jstr(v);
		size_t n = json_string_length(v), i;

		for (i = 0; i < n; i++) {
			if (s[i] == '\0') {
				buf_addc(scratch, (char)0xc0);
				buf_addc(scratch, (char)0x80);
			} else {
				buf_addc(scratch, s[i]);
			}
		}
		if (lang != NULL)
			dt = RDF_LANGSTRING;
	} else {
		return 0;
	}
	if (buf_err(scratch) != 0)
		return fail(jl, ERR_TOOBIG, NULL, "a literal is too long");
	t->kind = RDF_LITERAL;
	t->value = scratch->data;
	t->datatype =
	    (char *)(uintptr_t)(dt && strcmp(dt, RDF_XSD "string") ? dt : NULL);
	t->lang = (char *)(uintptr_t)(streq(dt, RDF_LANGSTRING) ? lang : NULL);
	return 1;
}

static int list_to_rdf(struct rdfout *ro, json_t *list, struct rdf_term *head,
    const struct rdf_term *g, int depth);

/* item_to_rdf: object_to_rdf plus lists. Owns nothing it returns:
 * literal text lives in *scratch, bnode labels in jl. */
static int
item_to_rdf(struct rdfout *ro, json_t *item, struct rdf_term *t,
    struct buf *scratch, const struct rdf_term *g, int depth)
{
	if (is_list_obj(item))
		return list_to_rdf(
		    ro, json_object_get(item, "@list"), t, g, depth + 1);
	return object_to_rdf(ro, item, t, scratch);
}

static int
list_to_rdf(struct rdfout *ro, json_t *list, struct rdf_term *head,
    const struct rdf_term *g, int depth)
{
	struct jl *jl = ro->jl;
	size_t n = json_array_size(list), i;
	const char **labels;
	struct rdf_term s, p, o;
	struct buf scratch;
	int rc = 0;

	if (depth > jl->max_depth * 2 + 8)
		return fail(jl, ERR_TOOBIG, NULL, "lists nest too deeply");
	memset(head, 0, sizeof(*head));
	if (n == 0) {
		head->kind = RDF_IRI;
		head->value = (char *)(uintptr_t)(RDF_NS "nil");
		return 1;
	}
	labels = arena_alloc(jl->a, n * sizeof(*labels));
	if (labels == NULL)
		return oom(jl);
	for (i = 0; i < n; i++)
		labels[i] = bnode_label(jl, NULL);
	buf_init(&scratch, NULL, 1 << 24);
	for (i = 0; i < n; i++) {
		set_iri_term(&s, labels[i]);
		rc = item_to_rdf(
		    ro, json_array_get(list, i), &o, &scratch, g, depth);
		if (rc < 0)
			goto out;
		if (rc == 1) {
			set_iri_term(&p, RDF_NS "first");
			rc = emit(ro, &s, &p, &o, g);
			if (rc != 0)
				goto out;
		}
		set_iri_term(&p, RDF_NS "rest");
		if (i + 1 < n)
			set_iri_term(&o, labels[i + 1]);
		else
			set_iri_term(&o, RDF_NS "nil");
		rc = emit(ro, &s, &p, &o, g);
		if (rc != 0)
			goto out;
	}
	set_iri_term(head, labels[0]);
	rc = 1;
out:
	buf_free(&scratch);
	return rc;
}

static int
graph_to_rdf(struct rdfout *ro, const char *gname, json_t *graph)
{
	struct jl *jl = ro->jl;
	struct rdf_term g, s, p, o;
	const char *id, *prop;
	json_t *node, *vals, *item;
	struct buf scratch;
	size_t i;
	int rc = 0;

	memset(&g, 0, sizeof(g));
	if (strcmp(gname, "@default") != 0 && !set_iri_term(&g, gname))
		return jl->safe ? safe_drop(jl, "relative graph name", gname)
		                : 0;
	buf_init(&scratch, NULL, 1 << 24);
	json_object_foreach(graph, id, node)
	{
		if (!set_iri_term(&s, id)) {
			rc = jl->safe ? safe_drop(jl, "relative IRI", id) : 0;
			if (rc != 0)
				goto out;
			continue;
		}
		json_object_foreach(node, prop, vals)
		{
			if (strcmp(prop, "@type") == 0) {
				set_iri_term(&p, RDF_NS "type");
				json_array_foreach(vals, i, item)
				{
					if (!set_iri_term(&o, jstr(item))) {
						rc = jl->safe
						    ? safe_drop(jl,
						          "relative type IRI",
						          jstr(item))
						    : 0;
						if (rc != 0)
							goto out;
						continue;
					}
					rc = emit(ro, &s, &p, &o, &g);
					if (rc != 0)
						goto out;
				}
				continue;
			}
			if (is_keyword(prop))
				continue;
			if (is_bnode(prop))
				continue; /* no generalized RDF */
			if (!set_iri_term(&p, prop)) {
				rc = jl->safe
				    ? safe_drop(
				          jl, "relative property IRI", prop)
				    : 0;
				if (rc != 0)
					goto out;
				continue;
			}
			json_array_foreach(vals, i, item)
			{
				rc = item_to_rdf(ro, item, &o, &scratch, &g, 0);
				if (rc < 0)
					goto out;
				if (rc == 0)
					continue;
				rc = emit(ro, &s, &p, &o, &g);
				if (rc != 0)
					goto out;
			}
		}
	}
out:
	buf_free(&scratch);
	return rc;
}

/* ---- JCS (RFC 8785) ---- */

static void
jcs_string(struct buf *b, const char *s, size_t n)
{
	size_t i;

	buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\b':
			buf_adds(b, "\\b");
			break;
		case '\f':
			buf_adds(b, "\\f");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		default:
			if (c < 0x20)
				buf_addf(b, "\\u%04x", c);
			else
				buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
}

/* ES6 Number.prototype.toString for finite d. */
static void
jcs_number(struct buf *b, double d)
{
	char tmp[40], digits[40];
	int prec, exp10, nd, i;
	char *e;

	if (d == 0) {
		buf_addc(b, '0');
		return;
	}
	if (d < 0) {
		buf_addc(b, '-');
		d = -d;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	/* tmp = d[.ddd]e[+-]xx */
	nd = 0;
	for (i = 0; tmp[i] && tmp[i] != 'e'; i++)
		if (tmp[i] >= '0' && tmp[i] <= '9')
			digits[nd++] = tmp[i];
	digits[nd] = '\0';
	e = strchr(tmp, 'e');
	exp10 = (int)strtoll(e + 1, NULL, 10) + 1; /* n in ES spec */
	while (nd > 1 && digits[nd - 1] == '0')
		digits[--nd] = '\0';
	if (nd <= exp10 && exp10 <= 21) {
		buf_adds(b, digits);
		for (i = nd; i < exp10; i++)
			buf_addc(b, '0');
	} else if (0 < exp10 && exp10 <= 21) {
		buf_add(b, digits, (size_t)exp10);
		buf_addc(b, '.');
		buf_adds(b, digits + exp10);
	} else if (-6 < exp10 && exp10 <= 0) {
		buf_adds(b, "0.");
		for (i = 0; i < -exp10; i++)
			buf_addc(b, '0');
		buf_adds(b, digits);
	} else {
		buf_addc(b, digits[0]);
		if (nd > 1) {
			buf_addc(b, '.');
			buf_adds(b, digits + 1);
		}
		buf_addf(
		    b, "e%c%d", exp10 - 1 >= 0 ? '+' : '-', abs(exp10 - 1));
	}
}

/* UTF-16 code unit comparison of two UTF-8 strings. */
static int
cmp_utf16(const void *pa, const void *pb)
{
	const unsigned char *a = *(const unsigned char *const *)pa;
	const unsigned char *b = *(const unsigned char *const *)pb;

	for (; *a && *a == *b; a++, b++)
		;
	if (*a >= 0xee && *b >= 0xf0)
		return 1; /* U+E000..U+FFFF sorts after surrogates */
	if (*a >= 0xf0 && *b >= 0xee && *b < 0xf0)
		return -1;
	return (*a > *b) - (*a < *b);
}

static int
jcs_write(struct buf *b, const json_t *v, int depth)
{
	size_t i, n;
	int rc;

	if (depth > 200)
		return ERR_TOOBIG;
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char **keys;
		const char *k;
		json_t *x;

		n = json_object_size(v);
		keys = xcalloc(n + 1, sizeof(*keys));
		i = 0;
		json_object_foreach((json_t *)(uintptr_t)v, k, x) keys[i++] = k;
		qsort(keys, n, sizeof(*keys), cmp_utf16);
		buf_addc(b, '{');
		for (i = 0; i < n; i++) {
			if (i)
				buf_addc(b, ',');
			jcs_string(b, keys[i], strlen(keys[i]));
			buf_addc(b, ':');
			rc = jcs_write(
			    b, json_object_get(v, keys[i]), depth + 1);
			if (rc != 0) {
				free(keys);
				return rc;
			}
		}
		buf_addc(b, '}');
		free(keys);
		return 0;
	}
	case JSON_ARRAY:
		buf_addc(b, '[');
		for (i = 0; i < json_array_size(v); i++) {
			if (i)
				buf_addc(b, ',');
			rc = jcs_write(b, json_array_get(v, i), depth + 1);
			if (rc != 0)
				return rc;
		}
		buf_addc(b, ']');
		return 0;
	case JSON_STRING:
		jcs_string(b, json_string_value(v), json_string_length(v));
		return 0;
	case JSON_INTEGER:
		jcs_number(b, (double)json_integer_value(v));
		return 0;
	case JSON_REAL:
		if (!isfinite(json_real_value(v)))
			return ERR_INVAL;
		jcs_number(b, json_real_value(v));
		return 0;
	case JSON_TRUE:
		buf_adds(b, "true");
		return 0;
	case JSON_FALSE:
		buf_adds(b, "false");
		return 0;
	case JSON_NULL:
		buf_adds(b, "null");
		return 0;
	}
	return ERR_INVAL;
}

int
jsonld_jcs(struct buf *b, const json_t *v)
{
	return jcs_write(b, v, 0);
}

/* ---- entry points ---- */

static int
jl_init(struct jl *jl, const struct jsonld_opts *o,
    const struct jsonld_loader *loader, struct ob_err *e)
{
	memset(jl, 0, sizeof(*jl));
	jl->a = arena_new(o && o->max_mem ? o->max_mem : 64u << 20);
	jl->loader = loader;
	jl->e = e;
	jl->keep = json_array();
	jl->cache = json_object();
	jl->bnode_map = json_object();
	jl->max_loads = o && o->max_loads ? o->max_loads : 64;
	jl->max_nodes = o && o->max_nodes ? o->max_nodes : 200000;
	jl->max_depth = o && o->max_depth ? o->max_depth : 64;
	jl->safe = o && o->safe;
	jl->orig_base = o && o->base ? o->base : NULL;
	if (e != NULL)
		e->msg[0] = '\0';
	return 0;
}

static void
jl_fini(struct jl *jl)
{
	json_decref(jl->keep);
	json_decref(jl->cache);
	json_decref(jl->bnode_map);
	arena_free(jl->a);
}

static int
do_expand(struct jl *jl, json_t *doc, const struct jsonld_opts *o, json_t **out)
{
	struct jl_ctx *active;
	json_t *r = NULL;
	int rc;

	*out = NULL;
	active = arena_alloc(jl->a, sizeof(*active));
	if (active == NULL)
		return oom(jl);
	active->base = jl->orig_base;
	if (o != NULL && o->expand_context != NULL) {
		struct remotes rem = {{0}, 0};
		json_t *ec = o->expand_context;

		if (json_is_object(ec) && json_object_get(ec, "@context"))
			ec = json_object_get(ec, "@context");
		rc = process_context(jl, active, ec, jl->orig_base, &rem, false,
		    true, true, &active);
		if (rc != 0)
			return rc;
	}
	rc = expand(jl, active, NULL, doc, jl->orig_base, false, 0, &r);
	if (rc != 0)
		return rc;
	if (json_is_object(r) && json_object_size(r) == 1 &&
	    json_object_get(r, "@graph") != NULL) {
		json_t *g = json_incref(json_object_get(r, "@graph"));

		json_decref(r);
		r = g;
	}
	if (r == NULL)
		r = json_array();
	if (!json_is_array(r)) {
		json_t *a = json_array();

		json_array_append_new(a, r);
		r = a;
	}
	*out = r;
	return 0;
}

int
jsonld_expand(json_t *doc, const struct jsonld_opts *opts,
    const struct jsonld_loader *loader, json_t **out, struct ob_err *e)
{
	struct jl jl;
	int rc;

	jl_init(&jl, opts, loader, e);
	rc = do_expand(&jl, doc, opts, out);
	jl_fini(&jl);
	return rc;
}

int
jsonld_to_rdf(json_t *doc, const struct jsonld_opts *opts,
    const struct jsonld_loader *loader, struct rdf_dataset *ds,
    struct ob_err *e)
{
	struct jl jl;
	json_t *exp = NULL, *map = NULL, *g;
	const char *gname;
	struct rdfout ro;
	size_t saved_max = ds->max;
	int rc;

	jl_init(&jl, opts, loader, e);
	if (opts != NULL && opts->max_quads &&
	    ds->n + opts->max_quads < ds->max)
		ds->max = ds->n + opts->max_quads;
	rc = do_expand(&jl, doc, opts, &exp);
	if (rc != 0)
		goto out;
	map = json_object();
	json_object_set_new(map, "@default", json_object());
	rc = node_map(&jl, exp, map, "@default", NULL, NULL, NULL, 0);
	if (rc != 0)
		goto out;
	ro.jl = &jl;
	ro.ds = ds;
	json_object_foreach(map, gname, g)
	{
		rc = graph_to_rdf(&ro, gname, g);
		if (rc != 0)
			goto out;
	}
out:
	ds->max = saved_max;
	json_decref(exp);
	json_decref(map);
	jl_fini(&jl);
	return rc;
}
