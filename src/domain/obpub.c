/*
 * obpub.c: Open Badges 2.0 publishing (obpub.h).
 */
#include <jansson.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/award_page.h"
#include "domain/badge.h"
#include "domain/image.h"
#include "domain/obpub.h"
#include "domain/signer.h"
#include "ob/bake_png.h"
#include "ob/bake_svg.h"
#include "ob/jws.h"
#include "ob/ob2.h"

#define BAKE_MAX ((size_t)40 << 20)

static const char *
base(const struct app *app)
{
	return app->cfg && app->cfg->base_url ? app->cfg->base_url : "";
}

static bool
valid_id(const char *id)
{
	return id != NULL && id_valid(id, strlen(id));
}

/* key_urls lists the addresses of all the issuer's keys, oldest first. */
static int
key_urls(struct app *app, struct arena *a, const char *issuer,
    const char *const **urls, size_t *n)
{
	struct signer_key *keys;
	const char **u;
	size_t nk;
	int rc;

	*urls = NULL;
	*n = 0;
	if ((rc = issuer_keys(app, a, issuer, &keys, &nk)) != 0)
		return rc;
	if (nk == 0)
		return 0;
	if ((u = arena_alloc(a, nk * sizeof(*u))) == NULL)
		return ERR_TOOBIG;
	for (size_t i = 0; i < nk; i++)
		if ((u[i] = ob2_key_url(a, base(app), keys[i].id)) == NULL)
			return ERR_TOOBIG;
	*urls = u;
	*n = nk;
	return 0;
}

int
obpub_issuer(
    struct app *app, struct arena *a, const char *id, const char **json)
{
	struct db_param p[1] = {DB_STR(id)};
	struct db_rows rows;
	struct ob2_issuer in;
	int rc;

	if (!valid_id(id))
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_OB2_ISSUER, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	memset(&in, 0, sizeof(in));
	in.id = ob2_issuer_url(a, base(app), id);
	in.name = db_get(&rows, 0, 0);
	in.url = db_get(&rows, 0, 1);
	in.email = db_get(&rows, 0, 2);
	in.description = db_get(&rows, 0, 3);
	in.revocation_list = ob2_revocations_url(a, base(app), id);
	if ((rc = key_urls(app, a, id, &in.public_keys, &in.npublic_keys)) != 0)
		return rc;
	*json = ob2_issuer_json(a, &in);
	return *json ? 0 : ERR_TOOBIG;
}

int
obpub_key(struct app *app, struct arena *a, const char *id, const char **json)
{
	struct signer_key k;
	int rc;

	if (!valid_id(id))
		return ERR_NOTFOUND;
	if ((rc = signer_key_get(app, a, id, &k)) != 0)
		return rc;
	*json = ob2_key_json(a, ob2_key_url(a, base(app), id),
	    ob2_issuer_url(a, base(app), k.issuer), k.public_pem, k.retired_at);
	return *json ? 0 : ERR_TOOBIG;
}

int
obpub_badge_current(
    struct app *app, struct arena *a, const char *id, int64_t *version)
{
	struct badge_detail d;
	int rc;

	if (!valid_id(id))
		return ERR_NOTFOUND;
	if ((rc = badge_get(app, a, id, 0, false, NULL, &d)) != 0)
		return rc;
	*version = d.version;
	return 0;
}

/* image_url is the absolute address of the badge version's image. */
static const char *
image_url(struct app *app, struct arena *a, const struct badge_detail *d)
{
	if (d->image_hash[0] != '\0' && d->image_ext[0] != '\0')
		return arena_printf(a, "%s/images/%s.%s", base(app),
		    d->image_hash, d->image_ext);
	return arena_printf(a, "%s/ob/v2/badges/%s/versions/%lld/image.png",
	    base(app), d->id, (long long)d->version);
}

int
obpub_badge(struct app *app, struct arena *a, const char *id, int64_t version,
    const char **json)
{
	struct badge_detail d;
	struct ob2_badge in;
	struct ob2_alignment *al;
	size_t i;
	int rc;

	if (!valid_id(id) || version < 1)
		return ERR_NOTFOUND;
	if ((rc = badge_get(app, a, id, version, false, NULL, &d)) != 0)
		return rc;
	if (d.version != version)
		return ERR_NOTFOUND;
	memset(&in, 0, sizeof(in));
	in.id = ob2_badge_url(a, base(app), id, version);
	in.name = d.name;
	in.description = d.summary[0] ? d.summary : d.description_md;
	in.image = image_url(app, a, &d);
	in.criteria_url = arena_printf(a, "%s/badges/%s", base(app), id);
	in.criteria = d.criteria;
	in.ncriteria = d.n_criteria;
	in.issuer = ob2_issuer_url(a, base(app), d.issuer_id);
	in.tags = d.tags;
	in.ntags = d.n_tags;
	al = arena_alloc(a, (d.n_alignments + 1) * sizeof(*al));
	if (al == NULL)
		return ERR_TOOBIG;
	for (i = 0; i < d.n_alignments; i++) {
		al[i].name = d.alignments[i].name;
		al[i].url = d.alignments[i].url;
		al[i].description = NULL;
		al[i].framework = d.alignments[i].framework;
		al[i].code = d.alignments[i].code;
	}
	in.alignments = al;
	in.nalignments = d.n_alignments;
	*json = ob2_badge_json(a, &in);
	return *json ? 0 : ERR_TOOBIG;
}

int
obpub_badge_image(struct app *app, struct arena *a, const char *id,
    int64_t version, const void **png, size_t *len)
{
	struct badge_detail d;
	int rc;

	if (!valid_id(id) || version < 1)
		return ERR_NOTFOUND;
	if ((rc = badge_get(app, a, id, version, false, NULL, &d)) != 0)
		return rc;
	if (d.version != version || d.image_hash[0] != '\0')
		return ERR_NOTFOUND;
	return image_generate_png(a, d.name, d.colour[0] ? d.colour : "#0065bd",
	    BADGE_DESIGN_SIZE, png, len);
}

int
obpub_secret(struct app *app, uint8_t key[32])
{
	if (app->secret != NULL) {
		memcpy(key, app->secret, 32);
		return 0;
	}
	if (app->cfg == NULL)
		return ERR_INVAL;
	return config_key_bytes(app->cfg, key);
}

const char *
obpub_narrative(
    struct arena *a, const char *vis, const char *summary, const char *evidence)
{
	const char *s = NULL;
	json_t *j;

	if (strcmp(vis, "summary") == 0)
		return summary[0] ? summary : NULL;
	if (strcmp(vis, "all") != 0)
		return NULL;
	j = json_loads(evidence, 0, NULL);
	if (j != NULL) {
		const char *md =
		    json_string_value(json_object_get(j, "account_md"));

		if (md != NULL && md[0] != '\0')
			s = arena_strdup(a, md);
		json_decref(j);
	}
	return s;
}

static const char *
reason_text(struct arena *a, const char *code, const char *note)
{
	const char *label = award_reason_label(code);

	if (label[0] != '\0' && note[0] != '\0')
		return arena_printf(a, "%s. %s", label, note);
	if (label[0] != '\0')
		return label;
	return note;
}

int
obpub_assertion(struct app *app, struct arena *a, const char *id,
    struct obpub_assertion *out)
{
	struct db_param p[1] = {DB_STR(id)};
	struct db_rows rows;
	struct badge_detail d;
	struct ob2_assertion in;
	char salt[OB2_SALT_LEN + 1];
	uint8_t key[32];
	const char *status, *ext, *mode;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!valid_id(id))
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_OB2_AWARD, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0 || strcmp(db_get(&rows, 0, 11), "active") != 0)
		return ERR_NOTFOUND;
	out->award_id = db_get(&rows, 0, 0);
	out->badge_id = db_get(&rows, 0, 1);
	out->version = db_get_int(&rows, 0, 2);
	status = db_get(&rows, 0, 3);
	out->url = ob2_assertion_url(a, base(app), id);
	if ((rc = badge_get(
	         app, a, out->badge_id, out->version, true, NULL, &d)) != 0)
		return rc;
	out->image_hash = d.image_hash;
	out->image_ext = d.image_ext;
	out->badge_name = d.name;
	out->colour = d.colour[0] ? d.colour : "#0065bd";
	if (strcmp(status, "revoked") == 0 ||
	    strcmp(status, "suspended") == 0) {
		out->revoked = true;
		out->json = ob2_revoked_json(a, out->url,
		    reason_text(a, db_get(&rows, 0, 9), db_get(&rows, 0, 10)));
		return out->json ? 0 : ERR_TOOBIG;
	}
	if ((rc = obpub_secret(app, key)) != 0)
		return rc;
	ob2_salt(key, sizeof(key), id, salt);
	memset(key, 0, sizeof(key));
	ext = d.image_hash[0] != '\0' && strcmp(d.image_ext, "svg") == 0
	    ? "svg"
	    : "png";
	memset(&in, 0, sizeof(in));
	in.id = out->url;
	in.badge = ob2_badge_url(a, base(app), out->badge_id, out->version);
	in.email = db_get(&rows, 0, 6);
	in.salt = salt;
	in.issued_at = db_get_int(&rows, 0, 4);
	in.expires_at = db_get_int(&rows, 0, 5);
	in.image = arena_printf(a, "%s/awards/%s/badge.%s", base(app), id, ext);
	/* A private page is no evidence to others: none is published. */
	if (strcmp(db_get(&rows, 0, 14), "private") != 0) {
		in.evidence = arena_printf(a, "%s/awards/%s", base(app), id);
		in.narrative = obpub_narrative(a, db_get(&rows, 0, 7),
		    db_get(&rows, 0, 8), db_get(&rows, 0, 13));
	}
	/* A signing issuer's assertions name its current key. */
	if ((rc = issuer_verification(app, a, d.issuer_id, &mode)) != 0)
		return rc;
	if (strcmp(mode, "signed") == 0) {
		rc = issuer_key_current(app, a, d.issuer_id, &out->key_id);
		if (rc != 0 && rc != ERR_NOTFOUND)
			return rc;
		if (out->key_id != NULL)
			in.creator = ob2_key_url(a, base(app), out->key_id);
	}
	out->json = ob2_assertion_json(a, &in);
	return out->json ? 0 : ERR_TOOBIG;
}

int
obpub_revocations(
    struct app *app, struct arena *a, const char *id, const char **json)
{
	struct db_param p[1] = {DB_STR(id)};
	struct db_rows rows, is;
	struct ob2_revoked *list;
	size_t i;
	int rc;

	if (!valid_id(id))
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_OB2_ISSUER, p, 1, a, &is)) != 0)
		return rc;
	if (is.nrows == 0)
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_OB2_REVOKED, p, 1, a, &rows)) != 0)
		return rc;
	list = arena_alloc(a, (rows.nrows + 1) * sizeof(*list));
	if (list == NULL)
		return ERR_TOOBIG;
	for (i = 0; i < rows.nrows; i++) {
		list[i].id =
		    ob2_assertion_url(a, base(app), db_get(&rows, i, 0));
		list[i].reason =
		    reason_text(a, db_get(&rows, i, 1), db_get(&rows, i, 2));
	}
	*json =
	    ob2_revocation_list_json(a, ob2_revocations_url(a, base(app), id),
	        ob2_issuer_url(a, base(app), id), list, rows.nrows);
	return *json ? 0 : ERR_TOOBIG;
}

struct sign_ctx {
	struct signer s;
	const char *key_id;
};

static int
sign_cb(void *ctx, const uint8_t *msg, size_t len, struct buf *sig)
{
	struct sign_ctx *c = ctx;

	return signer_sign(&c->s, c->key_id, msg, len, sig);
}

/* sign appends to out the JWS (RS256) of the assertion as. */
static int
sign(struct app *app, const struct obpub_assertion *as, struct buf *out)
{
	static const char header[] = "{\"alg\":\"RS256\"}";
	struct sign_ctx c = {{app}, as->key_id};
	struct jws_signer s = {sign_cb, &c};

	return jws_sign(header, sizeof(header) - 1, as->json, strlen(as->json),
	    &s, out, NULL, 0);
}

int
obpub_baked(struct app *app, struct arena *a, const char *id,
    const void **bytes, size_t *len, const char **ext)
{
	struct obpub_assertion as;
	const void *img = NULL;
	size_t ilen = 0;
	struct buf out, jws;
	int rc;

	if ((rc = obpub_assertion(app, a, id, &as)) != 0)
		return rc;
	if (as.revoked)
		return ERR_CONFLICT;
	buf_init(&out, a, BAKE_MAX);
	buf_init(&jws, a, JWS_MAX_LEN);
	if (as.key_id != NULL) {
		if ((rc = sign(app, &as, &jws)) != 0)
			return rc;
		if (buf_err(&jws))
			return ERR_TOOBIG;
	}
	if ((rc = badge_picture(app, a, as.image_hash, as.badge_name, as.colour,
	         &img, &ilen)) != 0)
		return rc;
	/* Signed: the JWS alone, as the verify attribute of a self-closing
	 * element in an SVG (Baking 1.0); hosted: the URL and the JSON. */
	if (as.image_hash[0] != '\0' && strcmp(as.image_ext, "svg") == 0) {
		if (as.key_id != NULL)
			rc =
			    svg_bake(img, ilen, SVG_OB2, (const char *)jws.data,
			        jws.len, NULL, 0, &out, NULL, 0);
		else
			rc =
			    svg_bake(img, ilen, SVG_OB2, as.url, strlen(as.url),
			        as.json, strlen(as.json), &out, NULL, 0);
		*ext = "svg";
	} else if (as.key_id != NULL) {
		rc = png_bake(img, ilen, PNG_KEYWORD_OB2,
		    (const char *)jws.data, jws.len, &out, NULL, 0);
		*ext = "png";
	} else {
		rc = png_bake(img, ilen, PNG_KEYWORD_OB2, as.json,
		    strlen(as.json), &out, NULL, 0);
		*ext = "png";
	}
	if (rc != 0)
		return rc;
	if (buf_err(&out))
		return ERR_TOOBIG;
	*bytes = out.data;
	*len = out.len;
	return 0;
}
