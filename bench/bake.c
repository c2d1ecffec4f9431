/*
 * bake.c: PNG baking throughput. Builds a ~50 KB PNG in memory (IHDR, a
 * zlib-compressed IDAT of pseudo-random pixels, IEND), then times png_bake
 * and png_unbake of a ~1 KB assertion and prints bakes/s and unbakes/s.
 *
 * Usage: bench-bake [seconds-per-measure]   (default 1.0)
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/bake_png.h"

#include <time.h>
#include <zlib.h>

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void
chunk(struct buf *b, const char *type, const uint8_t *d, size_t n)
{
	uint8_t h[8], t[4];
	uLong crc;

	put32(h, (uint32_t)n);
	memcpy(h + 4, type, 4);
	crc = crc32(0, h + 4, 4);
	crc = crc32(crc, d, (uInt)n);
	put32(t, (uint32_t)crc);
	buf_add(b, h, 8);
	buf_add(b, d, n);
	buf_add(b, t, 4);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	enum { W = 128, H = 128 }; /* RGB: 49,280 bytes of noise */
	static uint8_t raw[H * (1 + W * 3)];
	uint8_t ihdr[13], *z;
	uLongf zlen;
	uint32_t x = 2463534242u;
	struct buf png, out, text, payload;
	char msg[200];
	double secs = 1.0, t0, el;
	size_t i;
	long n;

	if (argc > 1) {
		char *end;
		secs = strtod(argv[1], &end);
		if (*end != '\0' || secs <= 0)
			fatal("usage: %s [seconds]", argv[0]);
	}
	for (i = 0; i < sizeof(raw); i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		raw[i] = i % (1 + W * 3) == 0 ? 0 : (uint8_t)x;
	}
	zlen = compressBound(sizeof(raw));
	z = xmalloc(zlen);
	if (compress(z, &zlen, raw, sizeof(raw)) != Z_OK)
		fatal("compress failed");
	put32(ihdr, W);
	put32(ihdr + 4, H);
	memcpy(ihdr + 8, "\x08\x02\x00\x00\x00", 5);
	buf_init(&png, NULL, 1 << 20);
	buf_add(&png, "\x89PNG\r\n\x1a\n", 8);
	chunk(&png, "IHDR", ihdr, sizeof(ihdr));
	chunk(&png, "IDAT", z, zlen);
	chunk(&png, "IEND", (const uint8_t *)"", 0);
	free(z);

	buf_init(&payload, NULL, 1 << 20);
	buf_adds(&payload,
	    "{\"@context\":\"https://w3id.org/openbadges/v2\","
	    "\"type\":\"Assertion\",\"id\":\"https://example.org/"
	    "assertions/1\",\"narrative\":\"");
	for (i = 0; i < 900; i++)
		buf_addc(&payload, (char)('a' + i % 26));
	buf_adds(&payload, "\"}");

	buf_init(&out, NULL, 1 << 20);
	n = 0;
	t0 = now();
	do {
		buf_reset(&out);
		if (png_bake((const uint8_t *)png.data, png.len,
		        PNG_KEYWORD_OB2, payload.data, payload.len, &out, msg,
		        sizeof(msg)) != 0)
			fatal("png_bake: %s", msg);
		n++;
		el = now() - t0;
	} while (el < secs);
	printf("png %zu bytes, payload %zu bytes\n", png.len, payload.len);
	printf("bakes/s %.0f\n", (double)n / el);

	buf_init(&text, NULL, 1 << 20);
	n = 0;
	t0 = now();
	do {
		buf_reset(&text);
		if (png_unbake((const uint8_t *)out.data, out.len,
		        PNG_KEYWORD_OB2, &text, msg, sizeof(msg)) != 0)
			fatal("png_unbake: %s", msg);
		n++;
		el = now() - t0;
	} while (el < secs);
	if (text.len != payload.len ||
	    memcmp(text.data, payload.data, text.len))
		fatal("round trip mismatch");
	printf("unbakes/s %.0f\n", (double)n / el);
	buf_free(&text);
	buf_free(&out);
	buf_free(&payload);
	buf_free(&png);
	return 0;
}
