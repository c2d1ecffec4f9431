/*
 * ob3pub.h: what Laurel publishes as Open Badges 3.0 (ob/ob3.h): the
 * issuer profile with its keys, each award's OpenBadgeCredential with an
 * eddsa-rdfc-2022 Data Integrity proof and as a VC-JWT, the issuers'
 * status lists, and badge images baked with the credential. Addresses are
 * built from cfg->base_url (docs/openbadges3.md lists them).
 *
 * Choices:
 *   - Published as OB 2.0 assertions are (obpub.h): whatever the award
 *     page's visibility; evidence only as the learner made it public (none
 *     by default, none for a private page, none while the award is
 *     suspended or revoked); an award whose person deleted their account
 *     is ERR_NOTFOUND.
 *   - A revoked or suspended award's credential is still served, signed
 *     as before (less any evidence): the status lists say it is revoked
 *     or suspended. credentialStatus names the issuer's 1EdTechRevocationList
 *     (a single object, as the canonical schema requires), which lists
 *     revoked and suspended awards (a suspended one only while it lasts,
 *     as for OB 2.0). The W3C Bitstring Status Lists (revocation,
 *     suspension) are published as well, each award at the index it was
 *     given when its credential was first published (ob3_status table).
 *   - Keys (signer.h): the issuer's current Ed25519 key signs the proof,
 *     verificationMethod "<issuer profile>#<z6Mk... multikey>"; the current
 *     RS256 key signs the VC-JWT, kid "<issuer profile>#<key id>". Both are
 *     made on first use. All keys, retired ones too, stay in the profile.
 *   - The proof's created is the award time, so the same award, key and
 *     data always give the same bytes.
 *
 * Everything returned lives in the caller's arena.
 */
#ifndef LAUREL_OB3PUB_H
#define LAUREL_OB3PUB_H

#include "core/common.h"
#include "domain/app.h"

struct arena;

/* The issuer document (Profile with verificationMethod and
 * assertionMethod) of issuer id (ERR_NOTFOUND). */
MUST_CHECK int ob3pub_issuer(
    struct app *app, struct arena *a, const char *id, const char **json);

struct ob3pub_credential {
	const char *json;   /* the signed credential */
	const char *url;    /* its id */
	const char *status; /* the award's: active, suspended, revoked */
	const char *award_id;
	const char *issuer_id;
	const char *image_hash; /* the badge version's, "" when none */
	const char *image_ext;  /* "png", "svg", "" */
	const char *badge_name;
	const char *colour;
	int64_t status_index; /* in the Bitstring Status Lists */
};

/*
 * ob3pub_achievement sets *json to the Achievement document of version
 * version of badge badge_id (published badges only; ERR_NOTFOUND
 * otherwise), with its issuer as creator.
 */
MUST_CHECK int ob3pub_achievement(struct app *app, struct arena *a,
    const char *badge_id, int64_t version, const char **json);

/*
 * ob3pub_credential builds and signs (DI eddsa-rdfc-2022) the credential
 * of award id. ERR_NOTFOUND for no such award; ERR_INVAL without a server
 * secret; ERR_CRYPTO and others from signing.
 */
MUST_CHECK int ob3pub_credential(struct app *app, struct arena *a,
    const char *id, struct ob3pub_credential *out);

/*
 * ob3pub_jwt sets *jwt to the award's credential as a compact VC-JWT
 * (RS256; header {alg, typ "JWT", kid}). Same errors as above.
 */
MUST_CHECK int ob3pub_jwt(
    struct app *app, struct arena *a, const char *id, const char **jwt);

/* The issuer's 1EdTechRevocationList (ERR_NOTFOUND). */
MUST_CHECK int ob3pub_revocation_list(
    struct app *app, struct arena *a, const char *issuer, const char **json);

/*
 * The issuer's BitstringStatusListCredential for purpose "revocation" or
 * "suspension" (else ERR_NOTFOUND), built from the awards table now and
 * signed like a credential (validFrom and proof created: now).
 */
MUST_CHECK int ob3pub_status_list(struct app *app, struct arena *a,
    const char *issuer, const char *purpose, const char **json);

/*
 * ob3pub_baked sets *bytes to the badge image baked with the award's
 * signed credential JSON: a PNG's iTXt "openbadgecredential", or an SVG's
 * <openbadges:credential> (OB 3.0 namespace) with the JSON in CDATA and no
 * verify attribute; *ext says which ("png" for the generated design). A
 * revoked or suspended award gives ERR_CONFLICT.
 */
MUST_CHECK int ob3pub_baked(struct app *app, struct arena *a, const char *id,
    const void **bytes, size_t *len, const char **ext);

#endif
