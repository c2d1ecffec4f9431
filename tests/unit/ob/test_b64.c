/*
 * test_b64.c: strict base64 / base64url (src/ob/b64.c).
 */
#include <criterion/criterion.h>

#include "core/buf.h"
#include "core/err.h"
#include "ob/b64.h"

/* RFC 4648 §10 test vectors. */
static const char *const rfc_in[] = {
    "", "f", "fo", "foo", "foob", "fooba", "foobar"};
static const char *const rfc_std[] = {
    "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
static const char *const rfc_url[] = {
    "", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"};

Test(b64, rfc4648_vectors)
{
	struct buf b;
	size_t i;

	for (i = 0; i < NELEM(rfc_in); i++) {
		buf_init(&b, NULL, 100);
		b64_encode(rfc_in[i], strlen(rfc_in[i]), &b);
		cr_assert_str_eq(b.data, rfc_std[i]);
		cr_assert_eq(b.len, b64_encoded_len(strlen(rfc_in[i])));
		buf_reset(&b);
		b64url_encode(rfc_in[i], strlen(rfc_in[i]), &b);
		cr_assert_str_eq(b.data, rfc_url[i]);
		buf_reset(&b);
		cr_assert_eq(b64_decode(rfc_std[i], strlen(rfc_std[i]), &b), 0);
		cr_assert_str_eq(b.data, rfc_in[i]);
		buf_reset(&b);
		cr_assert_eq(
		    b64url_decode(rfc_url[i], strlen(rfc_url[i]), &b), 0);
		cr_assert_str_eq(b.data, rfc_in[i]);
		buf_free(&b);
	}
}

Test(b64, alphabets_differ)
{
	static const uint8_t bytes[] = {0xfb, 0xff, 0xbf};
	struct buf b;

	buf_init(&b, NULL, 100);
	b64_encode(bytes, 3, &b);
	cr_assert_str_eq(b.data, "+/+/");
	buf_reset(&b);
	b64url_encode(bytes, 3, &b);
	cr_assert_str_eq(b.data, "-_-_");
	buf_reset(&b);
	cr_assert_eq(b64_decode("-_-_", 4, &b), ERR_INVAL);
	cr_assert_eq(b64url_decode("+/+/", 4, &b), ERR_INVAL);
	cr_assert_eq(b64url_decode("-_-_", 4, &b), 0);
	cr_assert_eq(memcmp(b.data, bytes, 3), 0);
	buf_free(&b);
}

Test(b64, strictness)
{
	static const char *const bad_std[] = {"Zg",
	    "Zg=", "Zh==", "Zm9=", "Z===", "Zm9v\n", " Zm9v",
	    "Zg==Zg==", "Zm=v", "=Zm9", "Zm9vYmFy="};
	static const char *const bad_url[] = {
	    "Zg==", "Zh", "Zm9", "Z", "Zm9vY", "Zm 9", "Zm9v=", "Zm.9"};
	struct buf b;
	size_t i;

	buf_init(&b, NULL, 100);
	buf_adds(&b, "keep");
	for (i = 0; i < NELEM(bad_std); i++) {
		cr_assert_eq(b64_decode(bad_std[i], strlen(bad_std[i]), &b),
		    ERR_INVAL, "accepted \"%s\"", bad_std[i]);
		cr_assert_str_eq(b.data, "keep", "wrote on failure");
	}
	for (i = 0; i < NELEM(bad_url); i++) {
		cr_assert_eq(b64url_decode(bad_url[i], strlen(bad_url[i]), &b),
		    ERR_INVAL, "accepted \"%s\"", bad_url[i]);
		cr_assert_str_eq(b.data, "keep", "wrote on failure");
	}
	/* Embedded NUL is outside the alphabet. */
	cr_assert_eq(b64url_decode("Zm\0v", 4, &b), ERR_INVAL);
	buf_free(&b);
}

Test(b64, limits)
{
	struct buf b;

	buf_init(&b, NULL, 5);
	cr_assert_eq(b64url_decode("Zm9vYmFy", 8, &b), ERR_TOOBIG);
	cr_assert_eq(b.len, 0);
	cr_assert_eq(b64url_decode("Zm9vYmE", 7, &b), 0);
	cr_assert_str_eq(b.data, "fooba");
	buf_free(&b);
	buf_init(&b, NULL, 3);
	b64_encode("ab", 2, &b);
	cr_assert_eq(buf_err(&b), ERR_TOOBIG);
	buf_free(&b);
}

Test(b64, round_trip_all_lengths)
{
	uint8_t in[300];
	struct buf e, d;
	size_t n, i;

	for (i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(i * 151 + 7);
	for (n = 0; n <= sizeof(in); n++) {
		buf_init(&e, NULL, 1000);
		buf_init(&d, NULL, 1000);
		b64url_encode(in, n, &e);
		cr_assert_eq(b64url_decode(e.data, e.len, &d), 0);
		cr_assert_eq(d.len, n);
		cr_assert_eq(memcmp(d.data, in, n), 0);
		buf_reset(&e);
		buf_reset(&d);
		b64_encode(in, n, &e);
		cr_assert_eq(b64_decode(e.data, e.len, &d), 0);
		cr_assert_eq(d.len, n);
		cr_assert_eq(memcmp(d.data, in, n), 0);
		buf_free(&e);
		buf_free(&d);
	}
}
