/*
 * obpub.h: what Laurel publishes as Open Badges 2.0 (ob/ob2.h): the
 * documents served under /ob/v2/ and the badge images baked with an
 * award's assertion. Addresses are built from cfg->base_url.
 *
 * Choices:
 *   - An assertion is published whatever the award page's visibility: a
 *     private page hides the learner's page and evidence, but whoever holds
 *     a baked badge or the assertion's address must be able to verify it
 *     (the assertion names nobody: the recipient is a salted hash). Its
 *     evidence is the award page's address with, as narrative, the
 *     learner's summary (evidence "summary") or account (evidence "all"),
 *     never anything they did not make public; a private page's assertion
 *     has no evidence at all, and a suspended or revoked one only the
 *     revoked body.
 *   - A revoked or suspended award (OB 2.0 has no suspension) answers as
 *     revoked: {id, revoked: true, revocationReason} (the reason's label
 *     and the issuer's public note), and is listed in its issuer's
 *     revocation list. A reinstated award is published again.
 *   - An award whose person deleted their account: ERR_NOTFOUND.
 *   - A badge version: /ob/v2/badges/{id}/versions/{n}, the one awarded;
 *     its image is the stored one, or the generated design as PNG
 *     (obpub_badge_image) when the badge has none.
 *
 * Everything returned lives in the caller's arena.
 */
#ifndef LAUREL_OBPUB_H
#define LAUREL_OBPUB_H

#include "core/common.h"
#include "domain/app.h"

struct arena;

/* An issuer Profile, its publicKey listing all its keys, current and
 * retired (ERR_NOTFOUND). */
MUST_CHECK int obpub_issuer(
    struct app *app, struct arena *a, const char *id, const char **json);

/* A published badge's current version number (ERR_NOTFOUND for drafts). */
MUST_CHECK int obpub_badge_current(
    struct app *app, struct arena *a, const char *id, int64_t *version);

/* The BadgeClass of version of badge id (ERR_NOTFOUND). */
MUST_CHECK int obpub_badge(struct app *app, struct arena *a, const char *id,
    int64_t version, const char **json);

/* The generated design of a badge version without a stored image, as a
 * 256 x 256 PNG (ERR_NOTFOUND when the badge has a stored image). */
MUST_CHECK int obpub_badge_image(struct app *app, struct arena *a,
    const char *id, int64_t version, const void **png, size_t *len);

struct obpub_assertion {
	const char *json; /* the assertion, or the revoked body */
	const char *url;  /* its id */
	bool revoked;
	const char *award_id;
	const char *badge_id;
	int64_t version;
	const char *image_hash; /* the badge version's, "" when none */
	const char *image_ext;  /* "png", "svg", "" */
	const char *badge_name;
	const char *colour;
	const char *key_id; /* signed: the issuer's current key; NULL: hosted */
};

/* The assertion of award id (ERR_NOTFOUND). */
MUST_CHECK int obpub_assertion(struct app *app, struct arena *a, const char *id,
    struct obpub_assertion *out);

/* The CryptographicKey id, with its revoked date once retired: retired
 * keys stay published (ERR_NOTFOUND). */
MUST_CHECK int obpub_key(
    struct app *app, struct arena *a, const char *id, const char **json);

/* The RevocationList of issuer id (ERR_NOTFOUND). */
MUST_CHECK int obpub_revocations(
    struct app *app, struct arena *a, const char *id, const char **json);

/*
 * obpub_baked sets *bytes to the badge image baked with the assertion of
 * award id: the stored PNG (ext "png") or SVG ("svg"), or the generated
 * PNG when the badge has no image. *ext says which. For a hosted issuer a
 * PNG carries the assertion JSON in an iTXt "openbadges" chunk; an SVG an
 * <openbadges:assertion verify="URL"> with the JSON in CDATA. For an
 * issuer whose verification is "signed" the assertion (whose verification
 * names the current key as creator) is signed as a compact JWS (header
 * {"alg":"RS256"}, payload the assertion JSON bytes) with the issuer's
 * current key (signer_sign), and the JWS is baked instead: the PNG's iTXt
 * text, or the SVG's <openbadges:assertion verify="JWS"/> with no body
 * (Baking 1.0, REQUIREMENTS.md §3). A revoked award gives ERR_CONFLICT
 * (there is nothing to bake).
 */
MUST_CHECK int obpub_baked(struct app *app, struct arena *a, const char *id,
    const void **bytes, size_t *len, const char **ext);

/* obpub_secret gives the server's 32-byte secret (the recipient salts'
 * key): app->secret, else the configured one. 0 or ERR_INVAL. */
MUST_CHECK int obpub_secret(struct app *app, uint8_t key[32]);

/*
 * obpub_narrative is the evidence the learner made public, for the
 * published documents: the summary for vis "summary", the account's
 * Markdown for "all" (from the evidence snapshot JSON), else NULL.
 */
const char *obpub_narrative(struct arena *a, const char *vis,
    const char *summary, const char *evidence);

#endif
