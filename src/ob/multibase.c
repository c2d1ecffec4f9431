/*
 * multibase.c: base58btc and Ed25519 multikey encoding.
 *
 * The base58 conversions are the quadratic big-number loops of the
 * reference implementation; inputs are capped (512 characters) so they
 * stay cheap on untrusted data. No allocation except through struct buf.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/multibase.h"

static const char b58[] =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

#define B58_MAX_IN 512

void
base58btc_encode(struct buf *out, const uint8_t *p, size_t n)
{
	uint8_t digits[B58_MAX_IN * 2];
	size_t nd = 0, i, j, zeros = 0;

	if (n > B58_MAX_IN) {
		buf_add(out, "", 0);
		out->err = ERR_TOOBIG;
		return;
	}
	while (zeros < n && p[zeros] == 0)
		zeros++;
	for (i = zeros; i < n; i++) {
		unsigned carry = p[i];

		for (j = 0; j < nd; j++) {
			carry += (unsigned)digits[j] << 8;
			digits[j] = (uint8_t)(carry % 58);
			carry /= 58;
		}
		while (carry > 0) {
			digits[nd++] = (uint8_t)(carry % 58);
			carry /= 58;
		}
	}
	for (i = 0; i < zeros; i++)
		buf_addc(out, '1');
	for (i = nd; i > 0; i--)
		buf_addc(out, b58[digits[i - 1]]);
}

int
base58btc_decode(
    const char *s, size_t n, uint8_t *out, size_t cap, size_t *outlen)
{
	uint8_t bytes[B58_MAX_IN];
	size_t nb = 0, i, j, zeros = 0;

	*outlen = 0;
	if (n > B58_MAX_IN)
		return ERR_TOOBIG;
	while (zeros < n && s[zeros] == '1')
		zeros++;
	for (i = zeros; i < n; i++) {
		const char *q = s[i] ? strchr(b58, s[i]) : NULL;
		unsigned carry;

		if (q == NULL)
			return ERR_INVAL;
		carry = (unsigned)(q - b58);
		for (j = 0; j < nb; j++) {
			carry += (unsigned)bytes[j] * 58;
			bytes[j] = (uint8_t)(carry & 0xff);
			carry >>= 8;
		}
		while (carry > 0) {
			bytes[nb++] = (uint8_t)(carry & 0xff);
			carry >>= 8;
		}
	}
	if (zeros + nb > cap)
		return ERR_TOOBIG;
	memset(out, 0, zeros);
	for (i = 0; i < nb; i++)
		out[zeros + i] = bytes[nb - 1 - i];
	*outlen = zeros + nb;
	return 0;
}

int
multibase_decode_z(const char *s, size_t n, uint8_t *out, size_t cap,
    size_t *outlen, struct ob_err *e)
{
	int rc;

	*outlen = 0;
	if (n == 0 || s[0] != 'z')
		return ob_errf(e, ERR_INVAL,
		    "the value is not multibase base58btc (must start "
		    "with 'z')");
	rc = base58btc_decode(s + 1, n - 1, out, cap, outlen);
	if (rc == ERR_INVAL)
		return ob_errf(
		    e, rc, "the value contains a character that is not base58");
	if (rc != 0)
		return ob_errf(e, rc, "the multibase value is too long");
	return 0;
}

void
multikey_ed25519_encode(struct buf *out, const uint8_t pub[32])
{
	uint8_t tmp[34];

	tmp[0] = 0xed;
	tmp[1] = 0x01;
	memcpy(tmp + 2, pub, 32);
	buf_addc(out, 'z');
	base58btc_encode(out, tmp, sizeof(tmp));
}

int
multikey_ed25519_decode(
    const char *s, size_t n, uint8_t pub[32], struct ob_err *e)
{
	uint8_t tmp[64];
	size_t len;
	int rc;

	rc = multibase_decode_z(s, n, tmp, sizeof(tmp), &len, e);
	if (rc != 0)
		return rc == ERR_TOOBIG
		    ? ob_errf(e, ERR_INVAL, "the multikey is too long")
		    : rc;
	if (len != 34 || tmp[0] != 0xed || tmp[1] != 0x01)
		return ob_errf(e, ERR_INVAL,
		    "the key is not an Ed25519 public multikey (0xed01 + 32 "
		    "bytes)");
	memcpy(pub, tmp + 2, 32);
	return 0;
}

int
vm_ed25519_pubkey(const char *vm, uint8_t pub[32], struct ob_err *e)
{
	const char *hash = strchr(vm, '#');
	uint8_t frag[32];
	int rc;

	if (strncmp(vm, "did:key:", 8) == 0) {
		const char *id = vm + 8;
		size_t idlen = hash ? (size_t)(hash - id) : strlen(id);

		rc = multikey_ed25519_decode(id, idlen, pub, e);
		if (rc != 0)
			return rc;
		if (hash != NULL) {
			rc = multikey_ed25519_decode(
			    hash + 1, strlen(hash + 1), frag, e);
			if (rc != 0)
				return rc;
			if (memcmp(frag, pub, 32) != 0)
				return ob_errf(e, ERR_INVAL,
				    "the did:key fragment names a different "
				    "key");
		}
		return 0;
	}
	if (strncmp(vm, "did:", 4) == 0 && hash == NULL)
		return ob_errf(e, ERR_NOTFOUND,
		    "the verification method %.100s must be resolved", vm);
	if (hash != NULL && strncmp(hash + 1, "z6Mk", 4) == 0)
		return multikey_ed25519_decode(
		    hash + 1, strlen(hash + 1), pub, e);
	return ob_errf(e, ERR_NOTFOUND,
	    "the verification method %.100s does not carry its key and must "
	    "be dereferenced",
	    vm);
}
