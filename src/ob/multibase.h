/*
 * multibase.h: base58btc, multibase 'z' and Ed25519 multikeys.
 *
 * An Ed25519 public key multikey is "z" + base58btc(0xed 0x01 || key[32]),
 * which always starts "z6Mk". did:key identifiers use the same string:
 * "did:key:z6Mk...". Decoders take (pointer, length) of untrusted text and
 * bound their output by the caller's capacity.
 */
#ifndef LAUREL_OB_MULTIBASE_H
#define LAUREL_OB_MULTIBASE_H

#include "ob/rdf.h"

/* base58btc_encode appends the base58btc (Bitcoin alphabet) form of p. */
void base58btc_encode(struct buf *out, const uint8_t *p, size_t n);

/*
 * base58btc_decode decodes s[0..n) into out (capacity cap) and sets
 * *outlen. Returns 0, ERR_INVAL for a character outside the alphabet or
 * ERR_TOOBIG when the result does not fit (n is also limited to 512).
 */
MUST_CHECK int base58btc_decode(
    const char *s, size_t n, uint8_t *out, size_t cap, size_t *outlen);

/*
 * multibase_decode_z decodes a multibase string that must use base58btc
 * ('z' prefix). Same results as base58btc_decode; e holds a message.
 */
MUST_CHECK int multibase_decode_z(const char *s, size_t n, uint8_t *out,
    size_t cap, size_t *outlen, struct ob_err *e);

/* multikey_ed25519_encode appends "z6Mk..." for the public key pub. */
void multikey_ed25519_encode(struct buf *out, const uint8_t pub[32]);

/*
 * multikey_ed25519_decode parses a "z6Mk..." multikey (multicodec
 * ed25519-pub 0xed01, exactly 32 key bytes) into pub. Returns 0 or
 * ERR_INVAL with e set.
 */
MUST_CHECK int multikey_ed25519_decode(
    const char *s, size_t n, uint8_t pub[32], struct ob_err *e);

/*
 * vm_ed25519_pubkey extracts the Ed25519 key from a verification method
 * URL that carries it: "did:key:z6Mk..." (optionally "#z6Mk...", which must
 * then match) or "<url>#z6Mk..." (the key is the fragment; the caller
 * checks the URL part against the issuer). Returns 0, or ERR_NOTFOUND when
 * the URL carries no key (it must be dereferenced), or ERR_INVAL.
 */
MUST_CHECK int vm_ed25519_pubkey(
    const char *vm, uint8_t pub[32], struct ob_err *e);

#endif
