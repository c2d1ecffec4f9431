/*
 * b64.c: strict base64 and base64url (see b64.h).
 *
 * One table-driven decoder serves both alphabets. Decoding is all-or-nothing:
 * the input is validated completely before a single byte is appended, so a
 * failed decode leaves the output buffer untouched (apart from a sticky
 * ERR_TOOBIG that the buffer itself records).
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/b64.h"

static const char b64_std[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64_url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

size_t
b64_encoded_len(size_t n)
{
	return (n / 3 + (n % 3 != 0)) * 4;
}

static void
b64_enc(const void *in, size_t n, struct buf *out, const char *alpha, bool pad)
{
	const uint8_t *p = in;
	char q[4];
	size_t i;
	uint32_t v;

	for (i = 0; i + 3 <= n; i += 3) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		q[0] = alpha[v >> 18];
		q[1] = alpha[(v >> 12) & 63];
		q[2] = alpha[(v >> 6) & 63];
		q[3] = alpha[v & 63];
		buf_add(out, q, 4);
	}
	if (n - i == 1) {
		v = (uint32_t)p[i] << 16;
		q[0] = alpha[v >> 18];
		q[1] = alpha[(v >> 12) & 63];
		q[2] = q[3] = '=';
		buf_add(out, q, pad ? 4 : 2);
	} else if (n - i == 2) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;
		q[0] = alpha[v >> 18];
		q[1] = alpha[(v >> 12) & 63];
		q[2] = alpha[(v >> 6) & 63];
		q[3] = '=';
		buf_add(out, q, pad ? 4 : 3);
	}
}

void
b64_encode(const void *in, size_t n, struct buf *out)
{
	b64_enc(in, n, out, b64_std, true);
}

void
b64url_encode(const void *in, size_t n, struct buf *out)
{
	b64_enc(in, n, out, b64_url, false);
}

/* b64_val maps c to its 6-bit value in the alphabet, or -1. */
static int
b64_val(unsigned char c, bool url)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == (url ? '-' : '+'))
		return 62;
	if (c == (url ? '_' : '/'))
		return 63;
	return -1;
}

static int
b64_dec(const char *in, size_t n, struct buf *out, bool url)
{
	size_t i, body, tail, outlen;
	uint8_t q[3];
	uint32_t v;
	int d;

	if (url) {
		if (n % 4 == 1)
			return ERR_INVAL;
		body = n;
	} else {
		if (n % 4 != 0)
			return ERR_INVAL;
		body = n;
		if (n >= 1 && in[n - 1] == '=')
			body--;
		if (n >= 2 && in[n - 2] == '=')
			body--;
	}
	/* Validate everything first: all-or-nothing. */
	for (i = 0; i < body; i++)
		if (b64_val((unsigned char)in[i], url) < 0)
			return ERR_INVAL;
	tail = body % 4;
	if (tail == 1)
		return ERR_INVAL;
	/* Unused low bits of the last character must be zero (canonical). */
	if (tail == 2 && (b64_val((unsigned char)in[body - 1], url) & 15))
		return ERR_INVAL;
	if (tail == 3 && (b64_val((unsigned char)in[body - 1], url) & 3))
		return ERR_INVAL;
	outlen = body / 4 * 3 + (tail ? tail - 1 : 0);
	if (buf_err(out))
		return buf_err(out);
	if (outlen > out->max || out->len > out->max - outlen)
		return ERR_TOOBIG;
	for (i = 0; i + 4 <= body; i += 4) {
		v = (uint32_t)b64_val((unsigned char)in[i], url) << 18 |
		    (uint32_t)b64_val((unsigned char)in[i + 1], url) << 12 |
		    (uint32_t)b64_val((unsigned char)in[i + 2], url) << 6 |
		    (uint32_t)b64_val((unsigned char)in[i + 3], url);
		q[0] = (uint8_t)(v >> 16);
		q[1] = (uint8_t)(v >> 8);
		q[2] = (uint8_t)v;
		buf_add(out, q, 3);
	}
	if (tail) {
		v = 0;
		for (; i < body; i++) {
			d = b64_val((unsigned char)in[i], url);
			v = v << 6 | (uint32_t)d;
		}
		v <<= 6 * (4 - tail);
		q[0] = (uint8_t)(v >> 16);
		q[1] = (uint8_t)(v >> 8);
		buf_add(out, q, tail - 1);
	}
	return buf_err(out);
}

int
b64_decode(const char *in, size_t n, struct buf *out)
{
	return b64_dec(in, n, out, false);
}

int
b64url_decode(const char *in, size_t n, struct buf *out)
{
	return b64_dec(in, n, out, true);
}
