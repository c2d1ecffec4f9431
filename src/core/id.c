/*
 * id.c: random ids and tokens from OpenSSL's CSPRNG.
 */
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "common.h"
#include "id.h"

static const char b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

void
random_bytes(void *p, size_t n)
{
	int in;

	if (size_to_int(n, &in) != 0 || RAND_bytes(p, in) != 1)
		fatal("no randomness available");
}

void
b64url_encode_raw(const uint8_t *p, size_t n, char *out, size_t outlen)
{
	size_t o = 0;
	uint32_t acc = 0;
	int bits = 0;

	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8) | p[i];
		bits += 8;
		while (bits >= 6) {
			bits -= 6;
			if (o + 1 < outlen)
				out[o++] = b64url[(acc >> bits) & 63];
		}
	}
	if (bits > 0 && o + 1 < outlen)
		out[o++] = b64url[(acc << (6 - bits)) & 63];
	if (outlen > 0)
		out[o] = '\0';
}

void
id_new(char out[ID_LEN + 1])
{
	uint8_t r[16];

	random_bytes(r, sizeof(r));
	b64url_encode_raw(r, sizeof(r), out, ID_LEN + 1);
}

void
token_new(char *out, size_t outlen, size_t nbytes)
{
	uint8_t r[64];

	if (nbytes > sizeof(r))
		nbytes = sizeof(r);
	random_bytes(r, nbytes);
	b64url_encode_raw(r, nbytes, out, outlen);
}

bool
id_valid(const char *s, size_t len)
{
	if (len != ID_LEN)
		return false;
	for (size_t i = 0; i < len; i++)
		if (strchr(b64url, s[i]) == NULL || s[i] == '\0')
			return false;
	return true;
}

void
sha256_hex(const void *p, size_t n, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t md[SHA256_DIGEST_LENGTH];

	SHA256(p, n, md);
	for (size_t i = 0; i < sizeof(md); i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

void
hmac_b64url(
    const uint8_t *key, size_t keylen, const void *msg, size_t n, char out[44])
{
	uint8_t md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	int kl;

	if (size_to_int(keylen, &kl) != 0 ||
	    HMAC(EVP_sha256(), key, kl, msg, n, md, &mdlen) == NULL ||
	    mdlen != 32)
		fatal("HMAC-SHA256 failed");
	b64url_encode_raw(md, mdlen, out, 44);
}
