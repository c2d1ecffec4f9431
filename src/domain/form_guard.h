/*
 * form_guard.h: what keeps spam out of public forms without third
 * parties (badge ideas, endorsements): a form token that says when the
 * form was served, signed with the server secret, and an HMAC of the
 * sender's address that is enough to count by, not to recover it.
 *
 * label keeps each form's tokens and keys apart ("idea", "endorse").
 */
#ifndef LAUREL_FORM_GUARD_H
#define LAUREL_FORM_GUARD_H

#include "core/common.h"
#include "core/buf.h"
#include "domain/app.h"

struct arena;

#define GUARD_MAC_LEN 43 /* base64url of an HMAC-SHA256 */

/*
 * guard_token writes "TIME.MAC" for now into out (outlen bytes; 64 is
 * plenty). ERR_CRYPTO when the app has no secret.
 */
MUST_CHECK int guard_token(
    struct app *app, const char *label, char *out, size_t outlen);
/*
 * guard_token_age sets *age to how long ago token was issued. ERR_INVAL
 * for a token Laurel did not sign with label, or one from more than a
 * minute in the future.
 */
MUST_CHECK int guard_token_age(
    struct app *app, const char *label, const char *token, int64_t *age);
/* guard_ip_key writes the HMAC of ip under label into out. */
MUST_CHECK int guard_ip_key(struct app *app, const char *label, const char *ip,
    char out[GUARD_MAC_LEN + 1]);

/* guard_trim copies s without leading and trailing white space into a. */
const char *guard_trim(struct arena *a, const char *s);

/* guard_count_links counts what reads as a web link in s: anything
 * starting "http://" or "https://", or a word starting "www.". */
size_t guard_count_links(const char *s);

/* guard_fold appends s to b in lower case with runs of white space as one
 * space and none at either end (for spotting the same text twice). */
void guard_fold(struct buf *b, const char *s);

#endif
