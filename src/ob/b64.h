/*
 * b64.h: strict base64 (RFC 4648 §4) and base64url (RFC 4648 §5).
 *
 * Encoders append to a struct buf (its max is the limit; overflow leaves the
 * sticky ERR_TOOBIG). Decoders are pure functions over (pointer, length) and
 * accept only the canonical form: no whitespace, no characters outside the
 * alphabet, unused trailing bits zero. base64 requires '=' padding;
 * base64url (as JOSE uses it, RFC 7515 §2) forbids it.
 */
#ifndef LAUREL_OB_B64_H
#define LAUREL_OB_B64_H

#include "core/common.h"
#include "core/buf.h"

/* b64_encoded_len returns the length of the padded base64 form of n bytes. */
size_t b64_encoded_len(size_t n);

/* b64_encode appends the padded base64 form of in[0..n) to out. */
void b64_encode(const void *in, size_t n, struct buf *out);

/* b64url_encode appends the unpadded base64url form of in[0..n) to out. */
void b64url_encode(const void *in, size_t n, struct buf *out);

/*
 * b64_decode appends the bytes that the padded base64 text in[0..n) encodes
 * to out. It returns 0, ERR_INVAL if the text is not canonical padded base64
 * (out is then left as it was), or ERR_TOOBIG if out's max would be exceeded.
 */
MUST_CHECK int b64_decode(const char *in, size_t n, struct buf *out);

/*
 * b64url_decode is b64_decode for unpadded base64url ('-' and '_', no '=').
 */
MUST_CHECK int b64url_decode(const char *in, size_t n, struct buf *out);

#endif
