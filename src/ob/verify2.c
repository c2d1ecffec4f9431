/*
 * verify2.c: the Open Badges 2.0 verifier (REQUIREMENTS.md §1-2): an
 * Assertion (or a BadgeClass or Profile on its own) given as JSON text, a
 * compact JWS or an http(s) URL, checked the way the 1EdTech validator
 * (badgecheck) does.
 *
 * No I/O: every linked document (badge class, issuer, signing key,
 * revocation list, the hosted assertion itself, extension schemas,
 * endorsements) comes through vfy_opts.fetch, at most VFY_MAX_FETCHES
 * distinct URLs per call (a URL is fetched once and cached), each at most
 * VFY_MAX_DOC bytes and VFY_JSON_DEPTH deep. Offline (fetch NULL) every
 * needed fetch is a failed or skipped check that says so.
 *
 * Every finding is one vfy_add with a stable name (input, context, types,
 * structure, image, hosted, revocation, badge, issuer, issuer-id,
 * redirect, origin, badge-origin, dates, signature, key, recipient, extensions,
 * endorsements) and
 * a message in plain words. The report keeps references to the assertion,
 * badge class and issuer it read (r->document, r->badge, r->issuer).
 *
 * This file owns the entry point, the fetch cache, reading the input, the
 * JSON-LD and structure checks, dates, origin, recipient, endorsements and
 * the order the checks run in. The signature, signing key and revocation
 * list checks are in verify2_signed.c, extensions in verify2_ext.c;
 * verify2_int.h is what they share.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/num.h"
#include "ob/jsonld.h"
#include "ob/jws.h"
#include "ob/verify.h"
#include "ob/verify2_int.h"

#include <openssl/evp.h>

#define MAX_ENDORSEMENTS 8
#define MAX_PROBS 4

void
v2__probs_init(struct probs *p)
{
	buf_init(&p->b, NULL, VFY_MSG);
	p->n = 0;
}

void PRINTF_LIKE(2, 3) v2__prob(struct probs *p, const char *fmt, ...)
{
	va_list ap;

	p->n++;
	if (p->n > MAX_PROBS)
		return;
	if (p->b.len > 0)
		buf_adds(&p->b, " ");
	va_start(ap, fmt);
	buf_vaddf(&p->b, fmt, ap);
	va_end(ap);
}

const char *
v2__probs_text(struct probs *p)
{
	if (p->n > MAX_PROBS)
		buf_addf(&p->b, " (and %d more problems)", p->n - MAX_PROBS);
	return p->b.data;
}

void
v2__probs_free(struct probs *p)
{
	buf_free(&p->b);
}

/* ---- small JSON and text helpers ---- */

const char *
v2__jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* has_scheme: does s start with an IRI scheme and a colon? */
static bool
has_scheme(const char *s)
{
	size_t i = 1;

	if (s == NULL || !is_alpha(s[0]))
		return false;
	while (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
	    s[i] == '-' || s[i] == '.')
		i++;
	return s[i] == ':';
}

/* is_iri: an absolute IRI or a blank node id, without spaces. */
static bool
is_iri(const char *s)
{
	const char *p;

	if (s == NULL || *s == '\0')
		return false;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ')
			return false;
	return has_scheme(s) || strncmp(s, "_:", 2) == 0;
}

static bool
is_http(const char *s)
{
	return s != NULL &&
	    (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0);
}

/* authority copies the host[:port] of an http(s) URL, lowercased. */
static void
authority(const char *url, char *out, size_t n)
{
	const char *p = strstr(url, "://"), *at;
	size_t i = 0;

	out[0] = '\0';
	if (p == NULL || n == 0)
		return;
	p += 3;
	at = p;
	while (
	    *at != '\0' && *at != '/' && *at != '?' && *at != '#' && *at != '@')
		at++;
	if (*at == '@')
		p = at + 1;
	while (p[i] != '\0' && p[i] != '/' && p[i] != '?' && p[i] != '#' &&
	    i + 1 < n) {
		char c = p[i];

		out[i++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	out[i] = '\0';
}

/* host_of drops the port from an authority. */
static void
host_of(const char *url, char *out, size_t n)
{
	char *c;

	authority(url, out, n);
	c = strrchr(out, ':');
	if (c != NULL && strchr(out, ']') == NULL)
		*c = '\0';
}

/* type_is: is t the OB 2.0 class name cls, compact or full? */
static bool
type_is(const char *t, const char *cls)
{
	size_t n = strlen(OBI_NS);

	if (t == NULL)
		return false;
	if (strcmp(t, cls) == 0)
		return true;
	return strncmp(t, OBI_NS, n) == 0 && strcmp(t + n, cls) == 0;
}

bool
v2__has_type(const json_t *node, const char *cls)
{
	const json_t *t = json_object_get(node, "type"), *v;
	size_t i;

	if (t == NULL)
		t = json_object_get(node, "@type");
	if (json_is_string(t))
		return type_is(json_string_value(t), cls);
	json_array_foreach(t, i, v)
	{
		if (type_is(json_string_value(v), cls))
			return true;
	}
	return false;
}

/* json_depth_ok scans JSON text for nesting beyond max, outside strings,
 * before jansson (which recurses) sees it. */
static bool
json_depth_ok(const char *p, size_t len, int max)
{
	size_t i;
	int depth = 0;
	bool str = false;

	for (i = 0; i < len; i++) {
		char c = p[i];

		if (str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				str = false;
		} else if (c == '"') {
			str = true;
		} else if (c == '[' || c == '{') {
			if (++depth > max)
				return false;
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	return true;
}

/* parse_obj parses JSON text that must be an object; NULL with why set. */
static json_t *
parse_obj(const char *p, size_t len, char *why, size_t whysz)
{
	json_error_t je;
	json_t *j;

	if (!json_depth_ok(p, len, VFY_JSON_DEPTH)) {
		snprintf(why, whysz, "it is nested more than %d levels deep",
		    VFY_JSON_DEPTH);
		return NULL;
	}
	j = json_loadb(p, len, JSON_REJECT_DUPLICATES, &je);
	if (j == NULL) {
		snprintf(why, whysz, "it is not valid JSON (%s, line %d)",
		    je.text, je.line);
		return NULL;
	}
	if (!json_is_object(j)) {
		snprintf(why, whysz, "it is JSON, but not a JSON object");
		json_decref(j);
		return NULL;
	}
	return j;
}

/*
 * v2__parse_date reads an OB 2.0 DateTime: a date, "T", a time (seconds
 * optional) and a time zone ("Z" or +hh:mm). Returns 0 or ERR_INVAL.
 */
MUST_CHECK int
v2__parse_date(const char *s, int64_t *t)
{
	char tmp[64];
	size_t n;

	if (s == NULL)
		return ERR_INVAL;
	n = strlen(s);
	if (n < 17 || n >= sizeof(tmp) - 4 || s[10] != 'T')
		return ERR_INVAL;
	if (s[n - 1] != 'Z' &&
	    !((s[n - 6] == '+' || s[n - 6] == '-') && s[n - 3] == ':'))
		return ERR_INVAL;
	/* "2017-10-01T00:00Z": seconds left out, which ISO 8601 allows. */
	if (s[16] == 'Z' || s[16] == '+' || s[16] == '-') {
		memcpy(tmp, s, 16);
		memcpy(tmp + 16, ":00", 3);
		memcpy(tmp + 19, s + 16, n - 16 + 1);
		return clock_parse(tmp, strlen(tmp), t);
	}
	return clock_parse(s, n, t);
}

static void
set_ref(json_t **slot, json_t *v)
{
	json_t *old = *slot;

	*slot = json_incref(v);
	json_decref(old);
}

/* ---- fetching ---- */

static json_t *
do_fetch(struct v2 *v, const char *url)
{
	json_t *e = json_object();
	struct buf body;
	char final[URL_MAX] = "", why[256] = "";
	long status = 0;
	json_t *doc;
	int rc;

	if (!is_http(url)) {
		json_object_set_new(e, "why",
		    json_string("it is not a web (http or https) address"));
		return e;
	}
	if (v->o->fetch == NULL || v->o->fetch->get == NULL) {
		json_object_set_new(e, "why",
		    json_string("this check ran offline, without fetching "
		                "anything from the web"));
		return e;
	}
	if (v->fetches >= VFY_MAX_FETCHES) {
		json_object_set_new(e, "why",
		    json_string("the badge links to too many documents"));
		return e;
	}
	v->fetches++;
	buf_init(&body, NULL, VFY_MAX_DOC);
	rc = v->o->fetch->get(v->o->fetch->ctx, url, &body, &status, final,
	    sizeof(final), why, sizeof(why));
	final[sizeof(final) - 1] = '\0';
	why[sizeof(why) - 1] = '\0';
	json_object_set_new(e, "status", json_integer(rc == 0 ? status : 0));
	json_object_set_new(e, "final", json_string(final[0] ? final : url));
	if (rc != 0) {
		json_object_set_new(e, "why",
		    json_string(why[0] ? why : "it could not be fetched"));
	} else if (buf_err(&body) != 0) {
		json_object_set_new(
		    e, "why", json_string("the document is too large"));
	} else {
		doc = parse_obj(body.data, body.len, why, sizeof(why));
		if (doc != NULL)
			json_object_set_new(e, "doc", doc);
		if (status != 200) {
			snprintf(why, sizeof(why),
			    "the server answered with status %ld", status);
			json_object_set_new(e, "why", json_string(why));
		} else if (doc == NULL) {
			json_object_set_new(e, "why", json_string(why));
		}
	}
	buf_free(&body);
	return e;
}

/* v2__fetch gets url through the cache. Returns 0 when g->doc is a JSON
 * object served with status 200; ERR_NOTFOUND otherwise (g->why says why,
 * g->status and g->doc may still be set, e.g. for a 410 body). */
MUST_CHECK int
v2__fetch(struct v2 *v, const char *url, struct got *g)
{
	json_t *e = json_object_get(v->cache, url);

	if (e == NULL) {
		e = do_fetch(v, url);
		json_object_set_new(v->cache, url, e);
	}
	g->doc = json_object_get(e, "doc");
	g->status = (long)json_integer_value(json_object_get(e, "status"));
	g->why = v2__jstr(e, "why");
	g->final = v2__jstr(e, "final");
	if (g->why == NULL)
		g->why = "";
	if (g->final == NULL)
		g->final = url;
	return g->doc != NULL && g->status == 200 ? 0 : ERR_NOTFOUND;
}

/* ---- JSON-LD: context and types ---- */

static bool
ctx_entry_ok(const json_t *c)
{
	const char *s = json_string_value(c);

	if (json_is_object(c))
		return true; /* inline: judged by expansion below */
	return s != NULL &&
	    (strcmp(s, OB2_CTX_URL) == 0 || strcmp(s, OB2_CTX_URL2) == 0);
}

static bool
ctx_has_ob2(const json_t *ctx)
{
	const json_t *c;
	size_t i;

	if (!json_is_array(ctx))
		return ctx_entry_ok(ctx);
	json_array_foreach(ctx, i, c)
	{
		if (ctx_entry_ok(c))
			return true;
	}
	return false;
}

/*
 * ld_check: the document's @context must be the OB 2.0 one (or an inline
 * copy) and expand with the context loader; the top node's types must all
 * expand to absolute IRIs (a term the contexts define, or a full IRI).
 * Problems go to cp (context) and tp (types).
 */
static void
ld_check(struct v2 *v, json_t *doc, const char *want1, const char *want2,
    struct probs *cp, struct probs *tp)
{
	bool meant = false;
	json_t *ctx = json_object_get(doc, "@context"), *exp = NULL, *node, *t;
	struct jsonld_opts jo;
	struct ob_err e;
	size_t i;

	if (ctx == NULL) {
		v2__prob(cp,
		    "It has no JSON-LD @context, so it is not an Open "
		    "Badges document.");
		return;
	}
	if (!ctx_has_ob2(ctx)) {
		v2__prob(cp,
		    "It does not use the Open Badges 2.0 context (%s).",
		    OB2_CTX_URL);
		return;
	}
	if (v->o->contexts == NULL)
		return;
	memset(&jo, 0, sizeof(jo));
	memset(&e, 0, sizeof(e));
	jo.max_depth = VFY_JSON_DEPTH;
	if (jsonld_expand(doc, &jo, v->o->contexts, &exp, &e) != 0) {
		v2__prob(cp, "Its JSON-LD context could not be processed: %s",
		    e.msg);
		return;
	}
	node = json_array_get(exp, 0);
	t = json_object_get(node, "@type");
	if (json_array_size(t) == 0) {
		v2__prob(tp,
		    "It does not say what kind of thing it is (its type "
		    "is missing or empty).");
	}
	json_array_foreach(t, i, node)
	{
		const char *s = json_string_value(node);

		if (s == NULL || !has_scheme(s) || strncmp(s, "_:", 2) == 0)
			v2__prob(tp,
			    "Its type \"%s\" is not defined by Open Badges "
			    "or by any context it uses.",
			    s != NULL ? s : "?");
		else if ((want1 != NULL && type_is(s, want1)) ||
		    (want2 != NULL && type_is(s, want2)))
			meant = true;
	}
	/* It calls itself e.g. an Assertion, but its context gives the word
	 * another meaning than the Open Badges class. */
	if (want1 != NULL && !meant &&
	    (v2__has_type(doc, want1) ||
	        (want2 != NULL && v2__has_type(doc, want2))))
		v2__prob(tp,
		    "It calls itself a %s, but its context does not give "
		    "that word the Open Badges meaning.",
		    want1);
	json_decref(exp);
}

/* ---- structure of each class ---- */

static void
need_iri(const json_t *o, const char *k, const char *what, struct probs *p)
{
	const json_t *v = json_object_get(o, k);

	if (v == NULL)
		v2__prob(p, "%s is missing (\"%s\").", what, k);
	else if (!is_iri(json_string_value(v)))
		v2__prob(p, "%s (\"%s\") is not a web address or identifier.",
		    what, k);
}

static void
need_text(const json_t *o, const char *k, const char *what, struct probs *p)
{
	const json_t *v = json_object_get(o, k);

	if (v == NULL)
		v2__prob(p, "%s is missing (\"%s\").", what, k);
	else if (!json_is_string(v) || json_string_length(v) == 0)
		v2__prob(p, "%s (\"%s\") is not text.", what, k);
}

static void
opt_iri(const json_t *o, const char *k, const char *what, struct probs *p)
{
	const json_t *v = json_object_get(o, k);

	if (v != NULL && !is_iri(json_string_value(v)))
		v2__prob(p, "%s (\"%s\") is not a web address.", what, k);
}

static void
check_date(const json_t *o, const char *k, bool required, const char *what,
    struct probs *p)
{
	const json_t *v = json_object_get(o, k);
	int64_t t;

	if (v == NULL) {
		if (required)
			v2__prob(p, "%s is missing (\"%s\").", what, k);
	} else if (v2__parse_date(json_string_value(v), &t) != 0) {
		v2__prob(p,
		    "%s (\"%s\") is not a date and time with a time zone, "
		    "such as 2016-12-31T23:59:59Z.",
		    what, k);
	}
}

/* check_iri_or_obj: an IRI, or an object with an IRI id (or, when
 * id_optional, any object). */
static void
check_iri_or_obj(const json_t *v, const char *k, const char *what,
    bool id_optional, struct probs *p)
{
	if (json_is_string(v)) {
		if (!is_iri(json_string_value(v)))
			v2__prob(
			    p, "%s (\"%s\") is not a web address.", what, k);
	} else if (json_is_object(v)) {
		if (!(id_optional && json_object_get(v, "id") == NULL))
			need_iri(v, "id", what, p);
	} else {
		v2__prob(p,
		    "%s (\"%s\") is neither a web address nor an object.", what,
		    k);
	}
}

static void
check_image(const json_t *o, bool allow_data, bool required, struct probs *p)
{
	const json_t *v = json_object_get(o, "image");
	const char *s;

	if (v == NULL) {
		if (required)
			v2__prob(p, "The image is missing (\"image\").");
		return;
	}
	if (json_is_object(v))
		v = json_object_get(v, "id");
	s = json_string_value(v);
	if (s == NULL || !is_iri(s)) {
		v2__prob(p,
		    "The image (\"image\") is not a web address or an "
		    "image object with one.");
	} else if (strncmp(s, "data:", 5) == 0) {
		if (!allow_data)
			v2__prob(p,
			    "The award's own image is embedded as data; Open "
			    "Badges 2.0 allows that only for the badge "
			    "image, not for an award.");
		else if (strncmp(s, "data:image/png", 14) != 0 &&
		    strncmp(s, "data:image/svg+xml", 18) != 0)
			v2__prob(
			    p, "The embedded badge image is not PNG or SVG.");
	}
}

static bool
looks_hashed(const char *s, const char **alg, const char **hex)
{
	size_t n, want;

	if (s == NULL)
		return false;
	if (strncmp(s, "sha256$", 7) == 0) {
		*alg = "sha256";
		*hex = s + 7;
		want = 64;
	} else if (strncmp(s, "md5$", 4) == 0) {
		*alg = "md5";
		*hex = s + 4;
		want = 32;
	} else {
		return false;
	}
	for (n = 0; (*hex)[n] != '\0'; n++)
		if (num_hexdigit((*hex)[n]) < 0)
			return false;
	return n == want;
}

static void
check_recipient_shape(const json_t *rc, struct probs *p)
{
	const json_t *h = json_object_get(rc, "hashed");
	const char *id = v2__jstr(rc, "identity"), *type = v2__jstr(rc, "type"),
	           *a, *x;
	bool hashed = json_is_true(h);

	if (!json_is_object(rc)) {
		v2__prob(p,
		    "The recipient (\"recipient\") is missing or is not an "
		    "identity object.");
		return;
	}
	if (type == NULL)
		v2__prob(p,
		    "The recipient's kind of identity (\"type\", e.g. "
		    "email) is missing.");
	if (id == NULL) {
		v2__prob(
		    p, "The recipient's identity (\"identity\") is missing.");
		return;
	}
	if (h != NULL && !json_is_boolean(h))
		v2__prob(p, "The recipient's \"hashed\" is not true or false.");
	if (json_object_get(rc, "salt") != NULL &&
	    !json_is_string(json_object_get(rc, "salt")))
		v2__prob(p, "The recipient's salt is not text.");
	if (hashed && !looks_hashed(id, &a, &x))
		v2__prob(p,
		    "The recipient is marked as hashed, but the identity "
		    "is not a sha256$ or md5$ hash.");
	else if (!hashed && looks_hashed(id, &a, &x))
		v2__prob(p,
		    "The recipient's identity is a hash, but it is not "
		    "marked as hashed.");
	else if (!hashed && type != NULL && strcmp(type, "email") == 0 &&
	    strchr(id, '@') == NULL)
		v2__prob(p,
		    "The recipient's email address is not an email address.");
}

const json_t *
v2__verification_of(const json_t *a)
{
	const json_t *vo = json_object_get(a, "verification");

	return vo != NULL ? vo : json_object_get(a, "verify");
}

bool
v2__vtype_signed(const json_t *vo)
{
	const char *t = v2__jstr(vo, "type");

	return t != NULL &&
	    (strcmp(t, "signed") == 0 || type_is(t, "SignedBadge"));
}

static bool
vtype_hosted(const json_t *vo)
{
	const char *t = v2__jstr(vo, "type");

	return t != NULL &&
	    (strcmp(t, "hosted") == 0 || type_is(t, "HostedBadge"));
}

static void
check_assertion(const json_t *a, struct probs *p)
{
	const json_t *vo = v2__verification_of(a),
	             *b = json_object_get(a, "badge");
	const json_t *ev = json_object_get(a, "evidence"), *x;
	size_t i;

	need_iri(a, "id", "The award's address", p);
	if (!v2__has_type(a, "Assertion"))
		v2__prob(p, "It is not marked as an award (type Assertion).");
	check_recipient_shape(json_object_get(a, "recipient"), p);
	if (b == NULL)
		v2__prob(p, "The badge it awards (\"badge\") is missing.");
	else
		check_iri_or_obj(b, "badge", "The badge", false, p);
	if (!json_is_object(vo))
		v2__prob(p, "How to verify it (\"verification\") is missing.");
	else if (!v2__vtype_signed(vo) && !vtype_hosted(vo))
		v2__prob(
		    p, "Its verification type is neither hosted nor signed.");
	else
		opt_iri(vo, "creator", "The signing key", p);
	check_date(a, "issuedOn", true, "The award date", p);
	check_date(a, "expires", false, "The expiry date", p);
	check_image(a, false, false, p);
	if (json_is_array(ev)) {
		json_array_foreach(ev, i, x)
		{
			check_iri_or_obj(x, "evidence", "Evidence", true, p);
		}
	} else if (ev != NULL) {
		check_iri_or_obj(ev, "evidence", "Evidence", true, p);
	}
	x = json_object_get(a, "narrative");
	if (x != NULL && !json_is_string(x))
		v2__prob(p, "The narrative is not text.");
	x = json_object_get(a, "revoked");
	if (x != NULL && !json_is_boolean(x))
		v2__prob(p, "\"revoked\" is not true or false.");
}

static void
check_badgeclass(const json_t *b, struct probs *p)
{
	const json_t *c = json_object_get(b, "criteria"), *al, *x, *tags;
	size_t i;

	need_iri(b, "id", "The badge's address", p);
	if (!v2__has_type(b, "BadgeClass"))
		v2__prob(p, "It is not marked as a badge (type BadgeClass).");
	need_text(b, "name", "The badge name", p);
	need_text(b, "description", "The badge description", p);
	check_image(b, true, false, p);
	if (c == NULL)
		v2__prob(p,
		    "The criteria for earning it (\"criteria\") are "
		    "missing.");
	else if (json_is_object(c) && json_object_get(c, "id") == NULL &&
	    !json_is_string(json_object_get(c, "narrative")))
		v2__prob(p,
		    "The criteria have neither a web address nor a "
		    "narrative.");
	else if (json_is_object(c) && json_object_get(c, "id") != NULL)
		need_iri(c, "id", "The criteria", p);
	else if (!json_is_object(c) && !is_iri(json_string_value(c)))
		v2__prob(
		    p, "The criteria (\"criteria\") are not a web address.");
	x = json_object_get(b, "issuer");
	if (x == NULL)
		v2__prob(p, "The issuer (\"issuer\") is missing.");
	else
		check_iri_or_obj(x, "issuer", "The issuer", false, p);
	al = json_object_get(b, "alignment");
	if (json_is_object(al)) {
		need_text(al, "targetName", "An alignment's name", p);
		need_iri(al, "targetUrl", "An alignment's address", p);
	}
	json_array_foreach(al, i, x)
	{
		need_text(x, "targetName", "An alignment's name", p);
		need_iri(x, "targetUrl", "An alignment's address", p);
	}
	tags = json_object_get(b, "tags");
	if (tags != NULL && !json_is_string(tags) && !json_is_array(tags))
		v2__prob(p, "The tags are not text.");
	json_array_foreach(tags, i, x)
	{
		if (!json_is_string(x))
			v2__prob(p, "A tag is not text.");
	}
}

static void
check_profile(const json_t *i, struct probs *p)
{
	const json_t *vo = json_object_get(i, "verification");

	need_iri(i, "id", "The issuer's identifier", p);
	if (!v2__has_type(i, "Issuer") && !v2__has_type(i, "Profile"))
		v2__prob(p,
		    "It is not marked as an issuer (type Issuer or "
		    "Profile).");
	need_text(i, "name", "The issuer's name", p);
	need_iri(i, "url", "The issuer's web site", p);
	need_text(i, "email", "The issuer's email address", p);
	opt_iri(i, "revocationList", "The revocation list", p);
	check_image(i, true, false, p);
	if (vo != NULL && !json_is_object(vo))
		v2__prob(
		    p, "The issuer's verification rules are not an object.");
}

/* ---- reading the input ---- */

void
v2__add_revoked(struct v2 *v, const json_t *body)
{
	const char *why = v2__jstr(body, "revocationReason");

	vfy_add(v->r, "revocation", "Revocation", VFY_FAIL,
	    "The badge's issuer has revoked this award.%s%s",
	    why != NULL ? " Reason given: " : "", why != NULL ? why : "");
}

/* read_input sets r->document; false (with a failed check) if unreadable
 * or, for a URL, revoked. */
static bool
read_input(struct v2 *v, const char *in, size_t len)
{
	char why[256] = "", msg[JWS_MSG_SIZE] = "";
	json_t *doc = NULL;
	struct got g;

	while (len > 0 && is_space(*in)) {
		in++;
		len--;
	}
	while (len > 0 && is_space(in[len - 1]))
		len--;
	if (len == 0) {
		vfy_add(v->r, "input", "What you gave", VFY_FAIL,
		    "Nothing was given to check.");
		return false;
	}
	if (len > VFY_MAX_INPUT) {
		vfy_add(v->r, "input", "What you gave", VFY_FAIL,
		    "This is too large to be a badge.");
		return false;
	}
	if ((len > 8 && memcmp(in, "https://", 8) == 0) ||
	    (len > 7 && memcmp(in, "http://", 7) == 0)) {
		if (len >= sizeof(v->input_url) ||
		    memchr(in, '\0', len) != NULL) {
			vfy_add(v->r, "input", "What you gave", VFY_FAIL,
			    "This web address is too long or malformed.");
			return false;
		}
		memcpy(v->input_url, in, len);
		v->input_url[len] = '\0';
		v->from_url = true;
		if (v2__fetch(v, v->input_url, &g) != 0) {
			if (g.status == 410) {
				v->r->kind = VFY_KIND_ASSERTION;
				v2__add_revoked(v, g.doc);
			} else {
				vfy_add(v->r, "input", "What you gave",
				    VFY_FAIL,
				    "The badge at %s could not be fetched: %s.",
				    v->input_url, g.why);
			}
			return false;
		}
		set_ref(&v->r->document, g.doc);
		vfy_add(v->r, "input", "What you gave", VFY_PASS,
		    "Fetched the badge from %s.", v->input_url);
		return true;
	}
	if (*in == '{') {
		doc = parse_obj(in, len, why, sizeof(why));
		if (doc == NULL) {
			vfy_add(v->r, "input", "What you gave", VFY_FAIL,
			    "This is not a readable badge document: %s.", why);
			return false;
		}
		v->r->document = doc;
		vfy_add(v->r, "input", "What you gave", VFY_PASS,
		    "Read an Open Badges 2.0 document.");
		return true;
	}
	if (*in == '[' || *in == '"') {
		vfy_add(v->r, "input", "What you gave", VFY_FAIL,
		    "This is JSON, but not a single badge document.");
		return false;
	}
	if (jws_parse(in, len, &v->jws, msg, sizeof(msg)) != 0) {
		vfy_add(v->r, "input", "What you gave", VFY_FAIL,
		    "This is not a badge document, a signed badge or a web "
		    "address (as a signed badge: %s).",
		    msg);
		return false;
	}
	v->have_jws = true;
	v->r->sum.signed_ = true;
	doc = parse_obj(
	    v->jws.payload.data, v->jws.payload.len, why, sizeof(why));
	if (doc == NULL) {
		vfy_add(v->r, "input", "What you gave", VFY_FAIL,
		    "This is a signed badge, but its contents are not "
		    "readable: %s.",
		    why);
		return false;
	}
	v->r->document = doc;
	vfy_add(v->r, "input", "What you gave", VFY_PASS,
	    "Read a signed Open Badges 2.0 badge.");
	return true;
}

static enum vfy_kind
classify(const json_t *doc)
{
	if (v2__has_type(doc, "Assertion"))
		return VFY_KIND_ASSERTION;
	if (v2__has_type(doc, "BadgeClass"))
		return VFY_KIND_BADGECLASS;
	if (v2__has_type(doc, "Issuer") || v2__has_type(doc, "Profile"))
		return VFY_KIND_ISSUER;
	if (json_object_get(doc, "type") == NULL &&
	    json_is_true(json_object_get(doc, "revoked")))
		return VFY_KIND_ASSERTION; /* the body of a 410 */
	return VFY_KIND_OTHER;
}

/*
 * hosted: re-fetch a hosted assertion's id; use the issuer's copy when it
 * answers. Returns false when the award is revoked (checks added).
 */
static bool
hosted(struct v2 *v)
{
	json_t *doc = v->r->document;
	const char *id = v2__jstr(doc, "id");
	struct got g;

	if (v->from_url) {
		if (id != NULL && strcmp(id, v->input_url) != 0)
			vfy_add(v->r, "hosted", "Issuer's copy", VFY_WARN,
			    "The award was fetched from %s, but says its "
			    "address is %s.",
			    v->input_url, id);
		else
			vfy_add(v->r, "hosted", "Issuer's copy", VFY_PASS,
			    "The award was fetched from its issuer's address.");
	} else if (!is_http(id)) {
		vfy_add(v->r, "hosted", "Issuer's copy", VFY_FAIL,
		    "A hosted award must give the web address it is "
		    "published at as its id.");
	} else if (v2__fetch(v, id, &g) == 0) {
		if (json_equal(g.doc, doc)) {
			vfy_add(v->r, "hosted", "Issuer's copy", VFY_PASS,
			    "The issuer still publishes this award at %s.", id);
		} else {
			vfy_add(v->r, "hosted", "Issuer's copy", VFY_WARN,
			    "The copy you gave differs from the one the "
			    "issuer publishes at %s; the issuer's copy was "
			    "checked.",
			    id);
			set_ref(&v->r->document, g.doc);
		}
	} else if (g.status == 410) {
		v2__add_revoked(v, g.doc);
		return false;
	} else {
		vfy_add(v->r, "hosted", "Issuer's copy", VFY_WARN,
		    "The award's address %s could not be reached (%s), so the "
		    "copy you gave was checked as given.",
		    id, g.why);
	}
	if (json_is_true(json_object_get(v->r->document, "revoked"))) {
		v2__add_revoked(v, v->r->document);
		return false;
	}
	return true;
}

/*
 * resolve gets a linked object: embedded (used as given) or an IRI
 * (fetched). Sets *out (borrowed) or adds a failed check named name.
 */
static bool
resolve(struct v2 *v, json_t *val, const char *name, const char *title,
    const char *what, json_t **out)
{
	const char *url = json_string_value(val), *id;
	struct got g;

	*out = NULL;
	if (json_is_object(val)) {
		*out = val;
		return true;
	}
	if (url == NULL) {
		vfy_add(
		    v->r, name, title, VFY_FAIL, "The %s is not linked.", what);
		return false;
	}
	if (v2__fetch(v, url, &g) != 0) {
		vfy_add(v->r, name, title, VFY_FAIL,
		    "The %s at %s could not be fetched: %s.", what, url, g.why);
		return false;
	}
	id = v2__jstr(g.doc, "id");
	if (id != NULL && strcmp(id, url) != 0)
		vfy_add(v->r, "redirect", "Addresses", VFY_WARN,
		    "The %s was fetched from %s, but says its address is %s.",
		    what, url, id);
	*out = g.doc;
	return true;
}

/* check_linked runs the JSON-LD and structure checks on a badge class or
 * issuer and adds one check for it. */
static void
check_linked(struct v2 *v, json_t *obj, bool is_badge)
{
	struct probs p;

	v2__probs_init(&p);
	if (json_object_get(obj, "@context") != NULL)
		ld_check(v, obj, is_badge ? "BadgeClass" : "Issuer",
		    is_badge ? NULL : "Profile", &p, &p);
	if (is_badge)
		check_badgeclass(obj, &p);
	else
		check_profile(obj, &p);
	if (p.n == 0)
		vfy_add(v->r, is_badge ? "badge" : "issuer",
		    is_badge ? "Badge" : "Issuer", VFY_PASS,
		    "%s \"%s\" is "
		    "complete and well formed.",
		    is_badge ? "The badge" : "The issuer",
		    v2__jstr(obj, "name") != NULL ? v2__jstr(obj, "name") : "");
	else
		vfy_add(v->r, is_badge ? "badge" : "issuer",
		    is_badge ? "Badge" : "Issuer", VFY_FAIL, "%s %s",
		    is_badge ? "The badge has problems:"
		             : "The issuer has problems:",
		    v2__probs_text(&p));
	v2__probs_free(&p);
	if (!is_badge) {
		const char *id = v2__jstr(obj, "id");

		if (id != NULL && !is_http(id))
			vfy_add(v->r, "issuer-id", "Issuer address", VFY_WARN,
			    "The issuer's identifier (%s) is not a web "
			    "address, so the issuer cannot be looked up.",
			    id);
	}
}

static void
check_dates(struct v2 *v, const json_t *a)
{
	int64_t issued = 0, exp = 0;
	bool hi = v2__parse_date(v2__jstr(a, "issuedOn"), &issued) == 0;
	bool he = v2__parse_date(v2__jstr(a, "expires"), &exp) == 0;

	if (hi && issued > v->o->now)
		vfy_add(v->r, "dates", "Dates", VFY_FAIL,
		    "The award date (%s) is in the future.",
		    v2__jstr(a, "issuedOn"));
	else if (he && hi && exp < issued)
		vfy_add(v->r, "dates", "Dates", VFY_FAIL,
		    "The award expires (%s) before it was awarded (%s).",
		    v2__jstr(a, "expires"), v2__jstr(a, "issuedOn"));
	else if (he && exp <= v->o->now)
		vfy_add(v->r, "dates", "Dates", VFY_FAIL,
		    "This award expired on %s.", v2__jstr(a, "expires"));
	else if (hi)
		vfy_add(v->r, "dates", "Dates", VFY_PASS, "Awarded on %s%s%s.",
		    v2__jstr(a, "issuedOn"),
		    he ? "; it expires on " : ", with no expiry date",
		    he ? v2__jstr(a, "expires") : "");
}

static void
check_origin(
    struct v2 *v, const json_t *a, const json_t *badge, const json_t *issuer)
{
	const char *id = v2__jstr(a, "id"), *iid = v2__jstr(issuer, "id");
	const char *bid = v2__jstr(badge, "id");
	const json_t *vo = json_object_get(issuer, "verification");
	const json_t *sw = json_object_get(vo, "startsWith");
	const json_t *ao = json_object_get(vo, "allowedOrigins"), *x;
	const char *vp = v2__jstr(vo, "verificationProperty");
	char h1[256], h2[256];
	bool ok = false;
	size_t i;

	if (id == NULL || !is_http(id))
		return; /* reported by "hosted" */
	if (vp != NULL && strcmp(vp, "id") != 0) {
		vfy_add(v->r, "origin", "Issuer's address", VFY_FAIL,
		    "The issuer verifies its awards by \"%s\", which is not "
		    "supported.",
		    vp);
		return;
	}
	if (sw != NULL || ao != NULL) {
		host_of(id, h1, sizeof(h1));
		if (ao != NULL) {
			if (json_is_string(ao))
				ok = strcmp(json_string_value(ao), h1) == 0;
			json_array_foreach(ao, i, x)
			{
				if (json_is_string(x) &&
				    strcmp(json_string_value(x), h1) == 0)
					ok = true;
			}
		}
		if (json_is_string(sw))
			ok = ok ||
			    strncmp(id, json_string_value(sw),
			        json_string_length(sw)) == 0;
		json_array_foreach(sw, i, x)
		{
			if (json_is_string(x) &&
			    strncmp(id, json_string_value(x),
			        json_string_length(x)) == 0)
				ok = true;
		}
		if (ok)
			vfy_add(v->r, "origin", "Issuer's address", VFY_PASS,
			    "The award is published where its issuer says "
			    "its awards are.");
		else
			vfy_add(v->r, "origin", "Issuer's address", VFY_FAIL,
			    "The award's address %s is not one where its "
			    "issuer says its awards are published.",
			    id);
		return;
	}
	if (iid == NULL || !is_http(iid)) {
		vfy_add(v->r, "origin", "Issuer's address", VFY_WARN,
		    "The issuer has no web address, so it cannot be checked "
		    "that the award is published on the issuer's site.");
		return;
	}
	authority(id, h1, sizeof(h1));
	authority(iid, h2, sizeof(h2));
	if (strcmp(h1, h2) == 0)
		vfy_add(v->r, "origin", "Issuer's address", VFY_PASS,
		    "The award is published on the issuer's own site (%s).",
		    h1);
	else
		vfy_add(v->r, "origin", "Issuer's address", VFY_FAIL,
		    "The award is published on %s, but its issuer is on %s; "
		    "anyone could have made it.",
		    h1, h2);
	/* The default rule covers the badge class too; the 1EdTech
	 * validator does not enforce that part, so it is a warning. */
	if (strcmp(h1, h2) == 0 && is_http(bid)) {
		authority(bid, h1, sizeof(h1));
		if (strcmp(h1, h2) != 0)
			vfy_add(v->r, "badge-origin", "Badge address", VFY_WARN,
			    "The badge description is published on %s, not on "
			    "its issuer's site %s.",
			    h1, h2);
	}
}

/* ---- recipient ---- */

static bool
digest_hex_eq(
    const char *alg, const char *hex, const char *email, const char *salt)
{
	const EVP_MD *md = strcmp(alg, "md5") == 0 ? EVP_md5() : EVP_sha256();
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int dl = 0, i;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	bool ok;

	if (c == NULL)
		fatal("out of memory");
	ok = md != NULL && EVP_DigestInit_ex(c, md, NULL) == 1 &&
	    EVP_DigestUpdate(c, email, strlen(email)) == 1 &&
	    EVP_DigestUpdate(c, salt, strlen(salt)) == 1 &&
	    EVP_DigestFinal_ex(c, d, &dl) == 1;
	EVP_MD_CTX_free(c);
	if (!ok || strlen(hex) != (size_t)dl * 2)
		return false;
	for (i = 0; i < dl; i++)
		if (num_hexdigit(hex[2 * i]) * 16 +
		        num_hexdigit(hex[2 * i + 1]) !=
		    d[i])
			return false;
	return true;
}

static void
lower(const char *s, char *out, size_t n)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < n; i++)
		out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a')
		                                      : s[i];
	out[i] = '\0';
}

static void
check_recipient(struct v2 *v, const json_t *a)
{
	const json_t *rc = json_object_get(a, "recipient");
	const char *id = v2__jstr(rc, "identity"), *type = v2__jstr(rc, "type");
	const char *salt = v2__jstr(rc, "salt"), *alg, *hex;
	const char *email = v->o->email;
	char low[320];
	bool match;

	if (id == NULL)
		return;
	if (email == NULL) {
		vfy_add(v->r, "recipient", "Recipient", VFY_SKIP,
		    "No email address was given to compare with the "
		    "recipient.");
		return;
	}
	if (type != NULL && strcmp(type, "email") != 0) {
		vfy_add(v->r, "recipient", "Recipient", VFY_SKIP,
		    "The badge names its recipient by %s, not by email "
		    "address.",
		    type);
		return;
	}
	lower(email, low, sizeof(low));
	if (json_is_true(json_object_get(rc, "hashed"))) {
		if (!looks_hashed(id, &alg, &hex))
			return; /* reported by the structure check */
		if (salt == NULL)
			salt = "";
		match = digest_hex_eq(alg, hex, email, salt) ||
		    digest_hex_eq(alg, hex, low, salt);
	} else {
		char l2[320];

		lower(id, l2, sizeof(l2));
		match = strcmp(low, l2) == 0;
	}
	if (match)
		vfy_add(v->r, "recipient", "Recipient", VFY_PASS,
		    "This badge was awarded to %s.", email);
	else
		vfy_add(v->r, "recipient", "Recipient", VFY_FAIL,
		    "This badge was not awarded to %s.", email);
}

/* ---- endorsements ---- */

static void
endorse_one(struct v2 *v, const json_t *e, struct probs *p, int *ok)
{
	const json_t *doc = e;
	const char *url = json_string_value(e);
	struct got g;
	int before = p->n;
	int64_t t;

	if (url != NULL) {
		if (v2__fetch(v, url, &g) != 0) {
			v2__prob(p,
			    "The endorsement at %s could not be fetched: "
			    "%s.",
			    url, g.why);
			return;
		}
		doc = g.doc;
	}
	if (!json_is_object(doc)) {
		v2__prob(p, "An endorsement is neither a link nor an object.");
		return;
	}
	if (json_is_true(json_object_get(doc, "revoked"))) {
		v2__prob(p, "An endorsement (%s) was revoked by its author.",
		    v2__jstr(doc, "id") != NULL ? v2__jstr(doc, "id") : "?");
		return;
	}
	if (!v2__has_type(doc, "Endorsement"))
		v2__prob(p, "%s is not an endorsement.",
		    v2__jstr(doc, "id") != NULL ? v2__jstr(doc, "id")
		                                : "An item");
	if (v2__jstr(json_object_get(doc, "claim"), "id") == NULL)
		v2__prob(p, "An endorsement does not say what it endorses.");
	if (json_object_get(doc, "issuer") == NULL)
		v2__prob(p, "An endorsement does not say who made it.");
	if (v2__parse_date(v2__jstr(doc, "issuedOn"), &t) != 0)
		v2__prob(p, "An endorsement has no valid date.");
	if (!json_is_object(v2__verification_of(doc)))
		v2__prob(p, "An endorsement does not say how to verify it.");
	if (p->n == before)
		(*ok)++;
}

static void
check_endorsements(struct v2 *v, json_t *const *docs, size_t n)
{
	struct probs p;
	int seen = 0, ok = 0;
	size_t i, j;
	const json_t *e, *x;

	v2__probs_init(&p);
	for (i = 0; i < n; i++) {
		e = json_object_get(docs[i], "endorsement");
		if (e == NULL)
			continue;
		if (!json_is_array(e)) {
			if (seen++ < MAX_ENDORSEMENTS)
				endorse_one(v, e, &p, &ok);
			continue;
		}
		json_array_foreach(e, j, x)
		{
			if (seen++ < MAX_ENDORSEMENTS)
				endorse_one(v, x, &p, &ok);
		}
	}
	if (seen == 0) {
		v2__probs_free(&p);
		return;
	}
	if (seen > MAX_ENDORSEMENTS)
		seen = MAX_ENDORSEMENTS; /* the rest were not read */
	if (p.n > 0)
		vfy_add(v->r, "endorsements", "Endorsements", VFY_WARN,
		    "%d of %d endorsement(s) could not be confirmed: %s",
		    seen - ok, seen, v2__probs_text(&p));
	else
		vfy_add(v->r, "endorsements", "Endorsements", VFY_PASS,
		    "%d endorsement(s) found and read.", ok);
	v2__probs_free(&p);
}

/* ---- summary ---- */

static void
put(char *dst, size_t n, const char *s)
{
	snprintf(dst, n, "%s", s != NULL ? s : "");
}

static void
summarise(struct vfy_report *r)
{
	const json_t *a = r->kind == VFY_KIND_ASSERTION ? r->document : NULL;
	const json_t *rc = json_object_get(a, "recipient"), *img;
	const char *s;

	put(r->sum.id, sizeof(r->sum.id), v2__jstr(r->document, "id"));
	put(r->sum.badge_name, sizeof(r->sum.badge_name),
	    v2__jstr(r->badge, "name"));
	put(r->sum.badge_id, sizeof(r->sum.badge_id), v2__jstr(r->badge, "id"));
	put(r->sum.description, sizeof(r->sum.description),
	    v2__jstr(r->badge, "description"));
	img = json_object_get(r->badge, "image");
	s = json_is_object(img) ? v2__jstr(img, "id") : json_string_value(img);
	put(r->sum.image, sizeof(r->sum.image),
	    s != NULL && strncmp(s, "data:", 5) != 0 ? s : NULL);
	put(r->sum.issuer_name, sizeof(r->sum.issuer_name),
	    v2__jstr(r->issuer, "name"));
	put(r->sum.issuer_id, sizeof(r->sum.issuer_id),
	    v2__jstr(r->issuer, "id"));
	put(r->sum.issuer_url, sizeof(r->sum.issuer_url),
	    v2__jstr(r->issuer, "url"));
	put(r->sum.issued_on, sizeof(r->sum.issued_on),
	    v2__jstr(a, "issuedOn"));
	put(r->sum.expires, sizeof(r->sum.expires), v2__jstr(a, "expires"));
	put(r->sum.recipient, sizeof(r->sum.recipient),
	    v2__jstr(rc, "identity"));
	r->sum.recipient_hashed = json_is_true(json_object_get(rc, "hashed"));
}

/* ---- the verifier ---- */

static void
check_doc(struct v2 *v, json_t *doc)
{
	struct probs cp, tp, sp;
	enum vfy_kind k = v->r->kind;
	const char *want1 = k == VFY_KIND_ASSERTION ? "Assertion"
	    : k == VFY_KIND_BADGECLASS              ? "BadgeClass"
	    : k == VFY_KIND_ISSUER                  ? "Issuer"
	                                            : NULL;
	const char *want2 = k == VFY_KIND_ISSUER ? "Profile" : NULL;

	v2__probs_init(&cp);
	v2__probs_init(&tp);
	v2__probs_init(&sp);
	ld_check(v, doc, want1, want2, &cp, &tp);
	if (cp.n > 0)
		vfy_add(v->r, "context", "Open Badges context", VFY_FAIL, "%s",
		    v2__probs_text(&cp));
	else
		vfy_add(v->r, "context", "Open Badges context", VFY_PASS,
		    "It uses the Open Badges 2.0 vocabulary.");
	if (tp.n > 0)
		vfy_add(v->r, "types", "Kind of document", VFY_FAIL, "%s",
		    v2__probs_text(&tp));
	else if (v->o->contexts == NULL || cp.n > 0)
		vfy_add(v->r, "types", "Kind of document", VFY_SKIP,
		    "Its types could not be checked against the vocabulary.");
	else
		vfy_add(v->r, "types", "Kind of document", VFY_PASS,
		    "Its types are known Open Badges classes.");
	switch (v->r->kind) {
	case VFY_KIND_ASSERTION:
		check_assertion(doc, &sp);
		break;
	case VFY_KIND_BADGECLASS:
		check_badgeclass(doc, &sp);
		break;
	case VFY_KIND_ISSUER:
		check_profile(doc, &sp);
		break;
	default:
		if (v2__jstr(doc, "type") == NULL &&
		    json_object_get(doc, "type") == NULL)
			v2__prob(&sp,
			    "This is only a fragment of a badge "
			    "document: it has no type.");
		break;
	}
	if (sp.n > 0)
		vfy_add(v->r, "structure", "Required details", VFY_FAIL, "%s",
		    v2__probs_text(&sp));
	else if (v->r->kind == VFY_KIND_OTHER)
		vfy_add(v->r, "structure", "Required details", VFY_WARN,
		    "This is not an award, a badge or an issuer profile; only "
		    "its type was checked.");
	else
		vfy_add(v->r, "structure", "Required details", VFY_PASS,
		    "All required details are present and well formed.");
	if (v->r->kind == VFY_KIND_BADGECLASS &&
	    json_object_get(doc, "image") == NULL)
		vfy_add(v->r, "image", "Badge image", VFY_WARN,
		    "The badge has no image.");
	v2__probs_free(&cp);
	v2__probs_free(&tp);
	v2__probs_free(&sp);
}

static void
run(struct v2 *v, const char *in, size_t len)
{
	struct vfy_report *r = v->r;
	json_t *doc, *badge = NULL, *issuer = NULL, *docs[3];
	const json_t *vo;
	bool is_signed;

	if (!read_input(v, in, len))
		return;
	r->kind = classify(r->document);
	vo = v2__verification_of(r->document);
	is_signed = v->have_jws || v2__vtype_signed(vo);
	if (r->kind == VFY_KIND_ASSERTION && !is_signed && !hosted(v)) {
		summarise(r);
		return;
	}
	doc = r->document;
	r->kind = classify(doc);
	if (r->kind == VFY_KIND_ASSERTION &&
	    json_is_true(json_object_get(doc, "revoked"))) {
		v2__add_revoked(v, doc);
		summarise(r);
		return;
	}
	check_doc(v, doc);
	if (r->kind == VFY_KIND_ASSERTION) {
		if (resolve(v, json_object_get(doc, "badge"), "badge", "Badge",
		        "badge description", &badge)) {
			set_ref(&r->badge, badge);
			check_linked(v, badge, true);
		}
	} else if (r->kind == VFY_KIND_BADGECLASS) {
		badge = doc;
		set_ref(&r->badge, doc);
	}
	if (badge != NULL &&
	    resolve(v, json_object_get(badge, "issuer"), "issuer", "Issuer",
	        "issuer profile", &issuer)) {
		set_ref(&r->issuer, issuer);
		check_linked(v, issuer, false);
	} else if (r->kind == VFY_KIND_ISSUER) {
		issuer = doc;
		set_ref(&r->issuer, doc);
		if (!is_http(v2__jstr(doc, "id")) &&
		    v2__jstr(doc, "id") != NULL)
			vfy_add(v->r, "issuer-id", "Issuer address", VFY_WARN,
			    "The issuer's identifier (%s) is not a web "
			    "address.",
			    v2__jstr(doc, "id"));
	}
	if (r->kind == VFY_KIND_ASSERTION) {
		check_dates(v, doc);
		if (is_signed)
			v2__check_signature(v, doc, issuer);
		else if (issuer != NULL)
			check_origin(v, doc, badge, issuer);
		if (issuer != NULL)
			v2__check_revocation_list(v, doc, issuer);
		check_recipient(v, doc);
	}
	/* Embedded objects are walked with their parent: list each once. */
	docs[0] = doc;
	docs[1] = badge != doc && badge != json_object_get(doc, "badge") ? badge
	                                                                 : NULL;
	docs[2] = issuer != doc && issuer != json_object_get(badge, "issuer")
	    ? issuer
	    : NULL;
	v2__check_extensions(v, docs, 3);
	/* Endorsements are read from each object's top level only. */
	docs[1] = badge != doc ? badge : NULL;
	docs[2] = issuer != doc && issuer != badge ? issuer : NULL;
	check_endorsements(v, docs, 3);
	summarise(r);
}

/*
 * ob2_verify verifies Open Badges 2.0 input (see verify.h). r must have
 * been initialised with vfy_report_init; the report holds references to
 * the documents read. Returns 0, or ERR_INVAL when in, o or r is NULL.
 */
int
ob2_verify(
    const char *in, size_t len, const struct vfy_opts *o, struct vfy_report *r)
{
	struct v2 v;

	if (in == NULL || o == NULL || r == NULL)
		return ERR_INVAL;
	memset(&v, 0, sizeof(v));
	v.o = o;
	v.r = r;
	v.cache = json_object();
	r->version = 2;
	run(&v, in, len);
	if (v.have_jws)
		jws_free(&v.jws);
	json_decref(v.cache);
	return 0;
}
