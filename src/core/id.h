/*
 * id.h: public identifiers and random bytes.
 *
 * Public ids are 128 random bits from the OS (OpenSSL RAND_bytes), written
 * as 22 characters of unpadded base64url: never sequential, never guessable.
 */
#ifndef LAUREL_ID_H
#define LAUREL_ID_H

#include "common.h"

#define ID_LEN 22

/* id_new writes a fresh id and a NUL into out (ID_LEN + 1 bytes). */
void id_new(char out[ID_LEN + 1]);
/* id_valid is true for exactly ID_LEN base64url characters. */
bool id_valid(const char *s, size_t len);
/* random_bytes fills p with n cryptographically random bytes or dies. */
void random_bytes(void *p, size_t n);
/* token_new writes base64url of nbytes (<= 64) random bytes into out. */
void token_new(char *out, size_t outlen, size_t nbytes);
/* b64url_encode_raw writes unpadded base64url of p into out (NUL-ended). */
void b64url_encode_raw(const uint8_t *p, size_t n, char *out, size_t outlen);

/*
 * sha256_hex writes the lowercase hex SHA-256 of p (64 digits and a NUL).
 * Tokens sent in links and cookies are stored only as this hash.
 */
void sha256_hex(const void *p, size_t n, char out[65]);
/*
 * hmac_b64url writes base64url(HMAC-SHA256(key, msg)) (43 characters and
 * a NUL) into out.
 */
void hmac_b64url(
    const uint8_t *key, size_t keylen, const void *msg, size_t n, char out[44]);
#endif
