/*
 * verify.c: the shared verification report and vfy_any, which works out
 * what a person gave us (a baked PNG or SVG, JSON, a JWS or a URL) and
 * hands it to the Open Badges 2.0 or 3.0 verifier.
 *
 * Nothing here does I/O except through the caller's fetcher. Every failure
 * to recognise the input is one failed "input" check in plain words.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/bake_png.h"
#include "ob/bake_svg.h"
#include "ob/jws.h"
#include "ob/verify.h"

#include <stdarg.h>

void
vfy_report_init(struct vfy_report *r)
{
	memset(r, 0, sizeof(*r));
	r->valid = true;
}

void
vfy_report_free(struct vfy_report *r)
{
	if (r == NULL)
		return;
	json_decref(r->document);
	json_decref(r->badge);
	json_decref(r->issuer);
	free(r->baked);
	r->document = r->badge = r->issuer = NULL;
	r->baked = NULL;
}

void
vfy_add(struct vfy_report *r, const char *name, const char *title,
    enum vfy_result res, const char *fmt, ...)
{
	struct vfy_check *c;
	va_list ap;

	if (res == VFY_FAIL)
		r->valid = false;
	if (r->n >= VFY_MAX_CHECKS)
		return;
	c = &r->checks[r->n++];
	snprintf(c->name, sizeof(c->name), "%s", name);
	snprintf(c->title, sizeof(c->title), "%s", title);
	c->result = res;
	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof(c->msg), fmt, ap);
	va_end(ap);
}

const char *
vfy_result_word(enum vfy_result r)
{
	switch (r) {
	case VFY_PASS:
		return "passed";
	case VFY_WARN:
		return "warning";
	case VFY_FAIL:
		return "failed";
	case VFY_SKIP:
		break;
	}
	return "not checked";
}

static const char *
kind_word(enum vfy_kind k)
{
	switch (k) {
	case VFY_KIND_ASSERTION:
		return "Assertion";
	case VFY_KIND_BADGECLASS:
		return "BadgeClass";
	case VFY_KIND_ISSUER:
		return "Profile";
	case VFY_KIND_CREDENTIAL:
		return "OpenBadgeCredential";
	case VFY_KIND_ENDORSEMENT:
		return "EndorsementCredential";
	case VFY_KIND_OTHER:
		return "other";
	case VFY_KIND_UNKNOWN:
		break;
	}
	return "unknown";
}

static void
set_str(json_t *o, const char *k, const char *v)
{
	if (v != NULL && *v != '\0')
		json_object_set_new(o, k, json_string(v));
}

json_t *
vfy_report_json(const struct vfy_report *r)
{
	json_t *o = json_object(), *checks = json_array(), *s = json_object();
	size_t i;

	json_object_set_new(o, "valid", json_boolean(r->valid));
	json_object_set_new(o, "version",
	    r->version == 2       ? json_string("2.0")
	        : r->version == 3 ? json_string("3.0")
	                          : json_null());
	json_object_set_new(o, "kind", json_string(kind_word(r->kind)));
	for (i = 0; i < r->n; i++) {
		const struct vfy_check *c = &r->checks[i];
		json_t *j = json_object();

		json_object_set_new(j, "check", json_string(c->name));
		json_object_set_new(j, "title", json_string(c->title));
		json_object_set_new(
		    j, "result", json_string(vfy_result_word(c->result)));
		json_object_set_new(j, "message", json_string(c->msg));
		json_array_append_new(checks, j);
	}
	json_object_set_new(o, "checks", checks);
	set_str(s, "id", r->sum.id);
	set_str(s, "badgeName", r->sum.badge_name);
	set_str(s, "badgeId", r->sum.badge_id);
	set_str(s, "description", r->sum.description);
	set_str(s, "image", r->sum.image);
	set_str(s, "issuerName", r->sum.issuer_name);
	set_str(s, "issuerId", r->sum.issuer_id);
	set_str(s, "issuerUrl", r->sum.issuer_url);
	set_str(s, "issuedOn", r->sum.issued_on);
	set_str(s, "expires", r->sum.expires);
	set_str(s, "recipient", r->sum.recipient);
	json_object_set_new(
	    s, "recipientHashed", json_boolean(r->sum.recipient_hashed));
	json_object_set_new(s, "signed", json_boolean(r->sum.signed_));
	json_object_set_new(o, "summary", s);
	if (r->document != NULL)
		json_object_set(o, "document", r->document);
	return o;
}

static const uint8_t png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

static bool
is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* json_is_vc: does this JSON object look like a Verifiable Credential? */
static bool
json_is_vc(json_t *j)
{
	json_t *ctx = json_object_get(j, "@context"), *v;
	json_t *type = json_object_get(j, "type");
	size_t i;

	if (json_is_object(json_object_get(j, "vc")))
		return true;
	if (json_is_string(ctx))
		ctx = NULL; /* OB 2.0 uses a single string */
	json_array_foreach(ctx, i, v)
	{
		const char *s = json_string_value(v);

		if (s != NULL &&
		    (strcmp(s, "https://www.w3.org/2018/credentials/v1") == 0 ||
		        strcmp(s, "https://www.w3.org/ns/credentials/v2") == 0))
			return true;
	}
	if (json_is_string(type))
		return strcmp(json_string_value(type),
		           "VerifiableCredential") == 0;
	json_array_foreach(type, i, v)
	{
		const char *s = json_string_value(v);

		if (s != NULL && strcmp(s, "VerifiableCredential") == 0)
			return true;
	}
	return false;
}

/* text_version: 3 when the JSON or JWS text is a VC, else 2. */
static int
text_version(const char *p, size_t len)
{
	json_t *j;
	struct jws jws;
	char msg[JWS_MSG_SIZE];
	int v = 2;

	while (len > 0 && is_space((uint8_t)*p)) {
		p++;
		len--;
	}
	if (len > 0 && *p == '{') {
		j = json_loadb(p, len, JSON_REJECT_DUPLICATES, NULL);
		if (j != NULL && json_is_vc(j))
			v = 3;
		json_decref(j);
		return v;
	}
	memset(&jws, 0, sizeof(jws));
	if (jws_parse(p, len, &jws, msg, sizeof(msg)) == 0) {
		j = json_loadb(jws.payload.data, jws.payload.len,
		    JSON_REJECT_DUPLICATES, NULL);
		if (j != NULL && json_is_vc(j))
			v = 3;
		json_decref(j);
	}
	jws_free(&jws);
	return v;
}

static int
run_text(
    const char *p, size_t len, const struct vfy_opts *o, struct vfy_report *r)
{
	if (text_version(p, len) == 3)
		return ob3_verify(p, len, o, r);
	return ob2_verify(p, len, o, r);
}

static void
keep_baked(struct vfy_report *r, const struct buf *b)
{
	free(r->baked);
	r->baked = xmalloc(b->len + 1);
	memcpy(r->baked, b->data, b->len);
	r->baked[b->len] = '\0';
}

static int
from_png(const uint8_t *in, size_t len, const struct vfy_opts *o,
    struct vfy_report *r)
{
	struct buf t;
	char msg[160];
	int rc, v = 3;

	buf_init(&t, NULL, PNG_MAX_TEXT);
	rc = png_unbake(in, len, PNG_KEYWORD_OB3, &t, msg, sizeof(msg));
	if (rc == ERR_NOTFOUND) {
		v = 2;
		buf_reset(&t);
		rc = png_unbake(in, len, PNG_KEYWORD_OB2, &t, msg, sizeof(msg));
	}
	if (rc == ERR_NOTFOUND) {
		vfy_add(r, "input", "What you gave", VFY_FAIL,
		    "This PNG image has no Open Badges data baked into it. "
		    "Download the badge image from the page that awarded it, "
		    "or paste the badge's web address instead.");
	} else if (rc != 0) {
		vfy_add(r, "input", "What you gave", VFY_FAIL,
		    "This PNG image could not be read: %s.", msg);
	} else {
		keep_baked(r, &t);
		rc = v == 3 ? ob3_verify(t.data, t.len, o, r)
		            : ob2_verify(t.data, t.len, o, r);
		buf_free(&t);
		return rc;
	}
	buf_free(&t);
	return 0;
}

static int
from_svg(const uint8_t *in, size_t len, const struct vfy_opts *o,
    struct vfy_report *r)
{
	struct buf ver, body;
	bool has_verify = false;
	char msg[160];
	int rc, v = 3;

	buf_init(&ver, NULL, SVG_MAX_BYTES);
	buf_init(&body, NULL, SVG_MAX_BYTES);
	rc = svg_unbake((const char *)in, len, SVG_OB3, &ver, &has_verify,
	    &body, msg, sizeof(msg));
	if (rc == ERR_NOTFOUND) {
		v = 2;
		buf_reset(&ver);
		buf_reset(&body);
		rc = svg_unbake((const char *)in, len, SVG_OB2, &ver,
		    &has_verify, &body, msg, sizeof(msg));
	}
	if (rc == ERR_NOTFOUND) {
		vfy_add(r, "input", "What you gave", VFY_FAIL,
		    "This SVG image has no Open Badges data baked into it.");
	} else if (rc != 0) {
		vfy_add(r, "input", "What you gave", VFY_FAIL,
		    "This SVG image could not be read: %s.", msg);
	} else {
		/* The element's content wins; the verify attribute is the
		 * hosted URL (2.0) or the JWS when there is no content. */
		const struct buf *t = body.len > 0 ? &body : &ver;

		keep_baked(r, t);
		rc = v == 3 ? ob3_verify(t->data, t->len, o, r)
		            : ob2_verify(t->data, t->len, o, r);
		buf_free(&ver);
		buf_free(&body);
		return rc;
	}
	buf_free(&ver);
	buf_free(&body);
	return 0;
}

/* from_url fetches url once to learn whether it is a 2.0 or 3.0 document;
 * the 2.0 verifier fetches it again itself (the hosted rules need the URL),
 * the 3.0 verifier is given the document. */
static int
from_url(
    const char *url, size_t len, const struct vfy_opts *o, struct vfy_report *r)
{
	struct buf body;
	char final[1024], why[256] = "", *u;
	long status = 0;
	int rc;

	if (o->fetch == NULL)
		return ob2_verify(url, len, o, r);
	u = xmalloc(len + 1);
	memcpy(u, url, len);
	u[len] = '\0';
	buf_init(&body, NULL, VFY_MAX_DOC);
	rc = o->fetch->get(o->fetch->ctx, u, &body, &status, final,
	    sizeof(final), why, sizeof(why));
	if (rc == 0 && status == 200 && text_version(body.data, body.len) == 3)
		rc = ob3_verify(body.data, body.len, o, r);
	else
		rc = ob2_verify(url, len, o, r);
	buf_free(&body);
	free(u);
	return rc;
}

int
vfy_any(const uint8_t *in, size_t len, const struct vfy_opts *o,
    struct vfy_report *r)
{
	size_t i = 0;

	if (len > VFY_MAX_INPUT) {
		vfy_add(r, "input", "What you gave", VFY_FAIL,
		    "This is too large to be a badge: the limit is %zu MB.",
		    VFY_MAX_INPUT >> 20);
		return 0;
	}
	if (len >= sizeof(png_sig) && memcmp(in, png_sig, sizeof(png_sig)) == 0)
		return from_png(in, len, o, r);
	while (i < len && is_space(in[i]))
		i++;
	while (len > i && is_space(in[len - 1]))
		len--;
	if (i == len) {
		vfy_add(r, "input", "What you gave", VFY_FAIL,
		    "Nothing was given to check.");
		return 0;
	}
	if (in[i] == '<')
		return from_svg(in, len, o, r);
	if ((len - i > 8 && memcmp(in + i, "https://", 8) == 0) ||
	    (len - i > 7 && memcmp(in + i, "http://", 7) == 0))
		return from_url((const char *)in + i, len - i, o, r);
	return run_text((const char *)in + i, len - i, o, r);
}
