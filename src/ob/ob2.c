/*
 * ob2.c: Open Badges 2.0 documents (ob2.h).
 */
#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/clock.h"
#include "ob/jput.h"
#include "ob/ob2.h"

const char *
ob2_issuer_url(struct arena *a, const char *base, const char *id)
{
	return arena_printf(a, "%s/ob/v2/issuers/%s", base, id);
}

const char *
ob2_badge_url(
    struct arena *a, const char *base, const char *id, int64_t version)
{
	return arena_printf(a, "%s/ob/v2/badges/%s/versions/%lld", base, id,
	    (long long)version);
}

const char *
ob2_assertion_url(struct arena *a, const char *base, const char *award_id)
{
	return arena_printf(a, "%s/ob/v2/assertions/%s", base, award_id);
}

const char *
ob2_revocations_url(struct arena *a, const char *base, const char *issuer_id)
{
	return arena_printf(a, "%s/ob/v2/revocations/%s", base, issuer_id);
}

const char *
ob2_key_url(struct arena *a, const char *base, const char *key_id)
{
	return arena_printf(a, "%s/ob/v2/keys/%s", base, key_id);
}

static void
hex(const uint8_t *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

void
ob2_salt(const uint8_t *key, size_t keylen, const char *award_id,
    char out[OB2_SALT_LEN + 1])
{
	static const char label[] = "laurel-ob2-salt:";
	uint8_t mac[EVP_MAX_MD_SIZE];
	unsigned maclen = 0;
	char msg[256];
	int n;

	n = snprintf(msg, sizeof(msg), "%s%s", label, award_id);
	if (n < 0 || (size_t)n >= sizeof(msg))
		n = (int)sizeof(msg) - 1;
	if (HMAC(EVP_sha256(), key, (int)keylen, (const uint8_t *)msg,
	        (size_t)n, mac, &maclen) == NULL ||
	    maclen < OB2_SALT_LEN / 2)
		abort(); /* only if OpenSSL cannot compute an HMAC at all */
	hex(mac, OB2_SALT_LEN / 2, out);
}

void
ob2_identity_hash(const char *email, const char *salt, char out[72])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	uint8_t md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	const char *p;

	if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		abort();
	for (p = email; *p != '\0'; p++) {
		char c = *p;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (EVP_DigestUpdate(ctx, &c, 1) != 1)
			abort();
	}
	if (EVP_DigestUpdate(ctx, salt, strlen(salt)) != 1 ||
	    EVP_DigestFinal_ex(ctx, md, &mdlen) != 1 || mdlen != 32)
		abort();
	EVP_MD_CTX_free(ctx);
	memcpy(out, "sha256$", 7);
	hex(md, 32, out + 7);
}

/* ---- building ---------------------------------------------------------- */

static json_t *
doc(const char *type, const char *id)
{
	json_t *o = json_object();

	jput_str(o, "@context", OB2_CONTEXT);
	if (type != NULL)
		jput_str(o, "type", type);
	if (id != NULL)
		jput_str(o, "id", id);
	return o;
}

/* finish serialises o into a (and frees o). */
static const char *
finish(struct arena *a, json_t *o)
{
	char *s;
	const char *out;

	if (o == NULL)
		return NULL;
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (s == NULL)
		return NULL;
	out = arena_strdup(a, s);
	free(s);
	return out;
}

const char *
ob2_issuer_json(struct arena *a, const struct ob2_issuer *in)
{
	json_t *o = doc("Issuer", in->id);

	jput_str(o, "name", in->name);
	jput_str(o, "url", in->url);
	jput_str(o, "email", in->email);
	jput_opt(o, "description", in->description);
	jput_opt(o, "image", in->image);
	jput_opt(o, "revocationList", in->revocation_list);
	if (in->npublic_keys > 0) {
		json_t *keys = json_array();
		size_t i;

		for (i = 0; i < in->npublic_keys; i++)
			json_array_append_new(
			    keys, json_string(in->public_keys[i]));
		json_object_set_new(o, "publicKey", keys);
	}
	return finish(a, o);
}

const char *
ob2_badge_json(struct arena *a, const struct ob2_badge *in)
{
	json_t *o = doc("BadgeClass", in->id), *crit, *arr;
	size_t i;

	jput_str(o, "name", in->name);
	jput_str(o, "description", in->description);
	jput_str(o, "image", in->image);
	crit = json_object();
	jput_str(crit, "id", in->criteria_url);
	if (in->ncriteria > 0) {
		size_t len = 0;
		char *nar, *p;

		for (i = 0; i < in->ncriteria; i++)
			len += strlen(in->criteria[i]) + 4;
		nar = arena_alloc(a, len + 1);
		if (nar == NULL) {
			json_decref(crit);
			json_decref(o);
			return NULL;
		}
		p = nar;
		for (i = 0; i < in->ncriteria; i++) {
			size_t l = strlen(in->criteria[i]);

			memcpy(p, "- ", 2);
			memcpy(p + 2, in->criteria[i], l);
			p += l + 2;
			if (i + 1 < in->ncriteria)
				*p++ = '\n';
		}
		*p = '\0';
		jput_str(crit, "narrative", nar);
	}
	json_object_set_new(o, "criteria", crit);
	jput_str(o, "issuer", in->issuer);
	if (in->ntags > 0) {
		arr = json_array();
		for (i = 0; i < in->ntags; i++)
			json_array_append_new(arr, json_string(in->tags[i]));
		json_object_set_new(o, "tags", arr);
	}
	arr = json_array();
	for (i = 0; i < in->nalignments; i++) {
		const struct ob2_alignment *al = &in->alignments[i];
		json_t *x;

		if (!jput_set(al->name) || !jput_set(al->url))
			continue;
		x = json_object();
		jput_str(x, "targetName", al->name);
		jput_str(x, "targetUrl", al->url);
		jput_opt(x, "targetDescription", al->description);
		jput_opt(x, "targetFramework", al->framework);
		jput_opt(x, "targetCode", al->code);
		json_array_append_new(arr, x);
	}
	if (json_array_size(arr) > 0)
		json_object_set_new(o, "alignment", arr);
	else
		json_decref(arr);
	return finish(a, o);
}

const char *
ob2_assertion_json(struct arena *a, const struct ob2_assertion *in)
{
	json_t *o = doc("Assertion", in->id), *r, *v;
	char h[72];

	r = json_object();
	jput_str(r, "type", "email");
	json_object_set_new(r, "hashed", json_true());
	jput_str(r, "salt", in->salt);
	ob2_identity_hash(in->email, in->salt, h);
	jput_str(r, "identity", h);
	json_object_set_new(o, "recipient", r);
	jput_str(o, "badge", in->badge);
	jput_time(o, "issuedOn", in->issued_at);
	if (in->expires_at != 0)
		jput_time(o, "expires", in->expires_at);
	jput_opt(o, "image", in->image);
	if (jput_set(in->evidence)) {
		if (jput_set(in->narrative)) {
			json_t *e = json_object();

			jput_str(e, "id", in->evidence);
			jput_str(e, "narrative", in->narrative);
			json_object_set_new(o, "evidence", e);
		} else {
			jput_str(o, "evidence", in->evidence);
		}
	}
	v = json_object();
	if (jput_set(in->creator)) {
		jput_str(v, "type", "SignedBadge");
		jput_str(v, "creator", in->creator);
	} else {
		jput_str(v, "type", "hosted");
	}
	json_object_set_new(o, "verification", v);
	return finish(a, o);
}

const char *
ob2_revoked_json(struct arena *a, const char *id, const char *reason)
{
	json_t *o = doc(NULL, id);

	json_object_set_new(o, "revoked", json_true());
	jput_opt(o, "revocationReason", reason);
	return finish(a, o);
}

const char *
ob2_revocation_list_json(struct arena *a, const char *id, const char *issuer,
    const struct ob2_revoked *list, size_t n)
{
	json_t *o = doc("RevocationList", id), *arr = json_array();
	size_t i;

	jput_str(o, "issuer", issuer);
	for (i = 0; i < n; i++) {
		if (jput_set(list[i].reason)) {
			json_t *x = json_object();

			jput_str(x, "id", list[i].id);
			jput_str(x, "revocationReason", list[i].reason);
			json_array_append_new(arr, x);
		} else {
			json_array_append_new(arr, json_string(list[i].id));
		}
	}
	json_object_set_new(o, "revokedAssertions", arr);
	return finish(a, o);
}

const char *
ob2_key_json(struct arena *a, const char *id, const char *owner,
    const char *pem, int64_t revoked_at)
{
	json_t *o = doc("CryptographicKey", id);

	jput_str(o, "owner", owner);
	jput_str(o, "publicKeyPem", pem);
	if (revoked_at != 0)
		jput_time(o, "revoked", revoked_at);
	return finish(a, o);
}
