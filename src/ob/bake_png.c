/*
 * bake_png.c: PNG iTXt baking and extraction (see bake_png.h).
 *
 * The code walks the chunk stream of an untrusted PNG held in memory; it
 * never decodes pixels. png_check() validates the whole stream once (all
 * bounds, CRCs, ordering and limits) and counts the text chunks that carry
 * the keyword; after it has succeeded, png_next() can walk the same bytes
 * again without re-checking. Nothing here allocates except through the
 * caller's struct buf and zlib's inflate state, which is freed on every path.
 *
 * Where the chunk goes: straight after IHDR. PNG allows iTXt anywhere
 * between IHDR and IEND, and the Open Badges specifications do not say
 * where. Putting it first means an extractor that stops at the first
 * matching iTXt (as both specifications allow) reads only the header, not
 * the image data; it is also where the OB 2.0 reference image
 * (simple-badge.png) has it, and it gives a single canonical position, so
 * baking is deterministic whatever chunks the input carries.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/bake_png.h"

#include <zlib.h>

static const uint8_t png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

#define PNG_MAX_CHUNK_LEN 0x7fffffffu
#define PNG_KEYWORD_MAX 79

struct png_chunk {
	size_t off;          /* offset of the length field */
	size_t size;         /* 12 + dlen: the whole chunk */
	const uint8_t *type; /* 4 bytes */
	const uint8_t *data;
	size_t dlen;
};

static void png_msg(char *msg, size_t msgsz, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

static void
png_msg(char *msg, size_t msgsz, const char *fmt, ...)
{
	va_list ap;

	if (msg == NULL || msgsz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, msgsz, fmt, ap);
	va_end(ap);
}

static uint32_t
png_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void
png_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static bool
png_type_is(const struct png_chunk *c, const char *t)
{
	return memcmp(c->type, t, 4) == 0;
}

/* png_printable renders a chunk type for messages (non-letters as '?'). */
static void
png_printable(const uint8_t *type, char out[5])
{
	int i;

	for (i = 0; i < 4; i++)
		out[i] =
		    (type[i] >= 0x20 && type[i] < 0x7f) ? (char)type[i] : '?';
	out[4] = '\0';
}

/*
 * png_next reads the chunk at *pos of a stream that png_check accepted and
 * advances *pos past it.
 */
static void
png_next(const uint8_t *in, size_t *pos, struct png_chunk *c)
{
	c->off = *pos;
	c->dlen = png_be32(in + *pos);
	c->type = in + *pos + 4;
	c->data = in + *pos + 8;
	c->size = c->dlen + 12;
	*pos += c->size;
}

/* png_kw_match: is c a tEXt/zTXt/iTXt chunk whose keyword is kw? */
static bool
png_kw_match(const struct png_chunk *c, const char *kw, size_t kwlen)
{
	if (!png_type_is(c, "iTXt") && !png_type_is(c, "tEXt") &&
	    !png_type_is(c, "zTXt"))
		return false;
	return c->dlen > kwlen && memcmp(c->data, kw, kwlen) == 0 &&
	    c->data[kwlen] == 0;
}

static bool
png_keyword_ok(const char *kw, size_t n)
{
	size_t i;

	if (n == 0 || n > PNG_KEYWORD_MAX || kw[0] == ' ' || kw[n - 1] == ' ')
		return false;
	for (i = 0; i < n; i++) {
		if (kw[i] < 0x20 || kw[i] > 0x7e)
			return false;
		if (kw[i] == ' ' && kw[i + 1] == ' ')
			return false;
	}
	return true;
}

/*
 * png_check validates the chunk stream in[0..len) (see bake_png.h) and
 * counts in *nmatch the text chunks with keyword kw (kw may be NULL).
 */
static int
png_check(const uint8_t *in, size_t len, const char *kw, size_t *nmatch,
    char *msg, size_t msgsz)
{
	size_t pos, nchunks = 0, kwlen = kw ? strlen(kw) : 0;
	struct png_chunk c;
	uint32_t dlen, crc;
	char tn[5];
	int i;
	bool seen_iend = false;

	*nmatch = 0;
	if (len > PNG_MAX_BYTES) {
		png_msg(msg, msgsz, "the PNG is larger than %zu bytes",
		    (size_t)PNG_MAX_BYTES);
		return ERR_TOOBIG;
	}
	if (len < sizeof(png_sig) || memcmp(in, png_sig, sizeof(png_sig))) {
		png_msg(
		    msg, msgsz, "the file is not a PNG image (bad signature)");
		return ERR_INVAL;
	}
	pos = sizeof(png_sig);
	while (pos < len) {
		if (seen_iend) {
			png_msg(msg, msgsz,
			    "the PNG has data after its IEND chunk");
			return ERR_INVAL;
		}
		if (++nchunks > PNG_MAX_CHUNKS) {
			png_msg(msg, msgsz, "the PNG has more than %d chunks",
			    PNG_MAX_CHUNKS);
			return ERR_TOOBIG;
		}
		if (len - pos < 12) {
			png_msg(msg, msgsz,
			    "the PNG is truncated (incomplete chunk at byte "
			    "%zu)",
			    pos);
			return ERR_INVAL;
		}
		dlen = png_be32(in + pos);
		if (dlen > PNG_MAX_CHUNK_LEN || dlen > len - pos - 12) {
			png_msg(msg, msgsz,
			    "the PNG is truncated or corrupt (chunk at byte "
			    "%zu "
			    "claims %lu bytes)",
			    pos, (unsigned long)dlen);
			return ERR_INVAL;
		}
		png_next(in, &pos, &c);
		png_printable(c.type, tn);
		for (i = 0; i < 4; i++) {
			uint8_t t = c.type[i];
			if (!((t >= 'A' && t <= 'Z') ||
			        (t >= 'a' && t <= 'z'))) {
				png_msg(msg, msgsz,
				    "the PNG has an invalid chunk type \"%s\" "
				    "at byte %zu",
				    tn, c.off);
				return ERR_INVAL;
			}
		}
		crc = (uint32_t)crc32(0L, c.type, 4);
		crc = (uint32_t)crc32(crc, c.data, (uInt)c.dlen);
		if (crc != png_be32(c.data + c.dlen)) {
			png_msg(msg, msgsz,
			    "the PNG is corrupt (CRC mismatch in %s chunk at "
			    "byte %zu)",
			    tn, c.off);
			return ERR_INVAL;
		}
		if (nchunks == 1) {
			if (!png_type_is(&c, "IHDR") || c.dlen != 13) {
				png_msg(msg, msgsz,
				    "the PNG does not start with a valid IHDR "
				    "chunk");
				return ERR_INVAL;
			}
		} else if (png_type_is(&c, "IHDR")) {
			png_msg(msg, msgsz, "the PNG has a second IHDR chunk");
			return ERR_INVAL;
		}
		if (png_type_is(&c, "IEND")) {
			if (c.dlen != 0) {
				png_msg(msg, msgsz,
				    "the PNG's IEND chunk is not "
				    "empty");
				return ERR_INVAL;
			}
			seen_iend = true;
		}
		if (kw != NULL && png_kw_match(&c, kw, kwlen))
			(*nmatch)++;
	}
	if (!seen_iend) {
		png_msg(msg, msgsz, "the PNG is truncated (no IEND chunk)");
		return ERR_INVAL;
	}
	return 0;
}

static void
png_add_chunk(struct buf *out, const char *type, const uint8_t *d1, size_t n1,
    const uint8_t *d2, size_t n2)
{
	uint8_t hdr[8], trl[4];
	uint32_t crc;

	png_put32(hdr, (uint32_t)(n1 + n2));
	memcpy(hdr + 4, type, 4);
	crc = (uint32_t)crc32(0L, hdr + 4, 4);
	/* crc32(crc, NULL, 0) would return 0, not crc: skip empty parts. */
	if (n1 > 0)
		crc = (uint32_t)crc32(crc, d1, (uInt)n1);
	if (n2 > 0)
		crc = (uint32_t)crc32(crc, d2, (uInt)n2);
	png_put32(trl, crc);
	buf_add(out, hdr, 8);
	buf_add(out, d1, n1);
	buf_add(out, d2, n2);
	buf_add(out, trl, 4);
}

/* utf8_valid: strict UTF-8 (no overlongs, surrogates or > U+10FFFF). */
static bool
utf8_valid(const uint8_t *s, size_t n, bool allow_nul)
{
	size_t i = 0, k, need;
	uint32_t cp, min;

	while (i < n) {
		uint8_t c = s[i];
		if (c < 0x80) {
			if (c == 0 && !allow_nul)
				return false;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			cp = c & 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			cp = c & 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			cp = c & 0x07;
			min = 0x10000;
		} else {
			return false;
		}
		if (n - i <= need)
			return false;
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += need + 1;
	}
	return true;
}

/* png_truncate drops what was appended to b after offset start. */
static void
png_truncate(struct buf *b, size_t start)
{
	if (b->len > start) {
		b->len = start;
		b->data[start] = '\0';
	}
}

/* png_latin1 appends Latin-1 text to out as UTF-8. */
static void
png_latin1(const uint8_t *s, size_t n, struct buf *out)
{
	size_t i, start = 0;
	char two[2];

	for (i = 0; i < n; i++) {
		if (s[i] < 0x80)
			continue;
		buf_add(out, s + start, i - start);
		two[0] = (char)(0xc0 | s[i] >> 6);
		two[1] = (char)(0x80 | (s[i] & 0x3f));
		buf_add(out, two, 2);
		start = i + 1;
	}
	buf_add(out, s + start, n - start);
}

/*
 * png_inflate appends the zlib stream z[0..zn) inflated to out, refusing
 * more than PNG_MAX_TEXT bytes or out's max (ERR_TOOBIG) and anything but
 * exactly one complete zlib stream (ERR_INVAL).
 */
static int
png_inflate(
    const uint8_t *z, size_t zn, struct buf *out, char *msg, size_t msgsz)
{
	z_stream zs;
	uint8_t chunk[16384];
	size_t total = 0, got;
	int zr, rc = ERR_INVAL;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit(&zs) != Z_OK)
		fatal("png: inflateInit failed");
	zs.next_in = (Bytef *)(uintptr_t)z;
	zs.avail_in = (uInt)zn; /* zn <= 2^31-1 (chunk length) */
	for (;;) {
		zs.next_out = chunk;
		zs.avail_out = sizeof(chunk);
		zr = inflate(&zs, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END) {
			png_msg(msg, msgsz,
			    "the compressed text chunk is corrupt (zlib: %s)",
			    zs.msg ? zs.msg : "error");
			goto out;
		}
		got = sizeof(chunk) - zs.avail_out;
		total += got;
		if (total > PNG_MAX_TEXT) {
			png_msg(msg, msgsz,
			    "the compressed text chunk inflates to more than "
			    "%zu bytes",
			    (size_t)PNG_MAX_TEXT);
			rc = ERR_TOOBIG;
			goto out;
		}
		buf_add(out, chunk, got);
		if (buf_err(out)) {
			png_msg(msg, msgsz, "the baked text is too large");
			rc = ERR_TOOBIG;
			goto out;
		}
		if (zr == Z_STREAM_END)
			break;
		if (got == 0 && zs.avail_in == 0) {
			png_msg(msg, msgsz,
			    "the compressed text chunk is truncated");
			goto out;
		}
	}
	if (zs.avail_in != 0) {
		png_msg(msg, msgsz,
		    "the compressed text chunk has data after its zlib stream");
		goto out;
	}
	rc = 0;
out:
	inflateEnd(&zs);
	return rc;
}

/*
 * png_field: the NUL-terminated field at d[*pos..n); advances *pos past the
 * NUL. False if there is no NUL.
 */
static bool
png_field(const uint8_t *d, size_t n, size_t *pos)
{
	const uint8_t *z;

	if (*pos > n)
		return false;
	z = memchr(d + *pos, 0, n - *pos);
	if (z == NULL)
		return false;
	*pos = (size_t)(z - d) + 1;
	return true;
}

/* png_text_decode appends the text of the matching chunk c to out. */
static int
png_text_decode(const struct png_chunk *c, size_t kwlen, struct buf *out,
    char *msg, size_t msgsz)
{
	size_t pos = kwlen + 1, start = out->len;
	int rc;

	if (png_type_is(c, "tEXt")) {
		if (memchr(c->data + pos, 0, c->dlen - pos) != NULL) {
			png_msg(
			    msg, msgsz, "the tEXt chunk contains a NUL byte");
			return ERR_INVAL;
		}
		png_latin1(c->data + pos, c->dlen - pos, out);
		goto done;
	}
	if (png_type_is(c, "zTXt")) {
		if (c->dlen - pos < 1 || c->data[pos] != 0) {
			png_msg(msg, msgsz,
			    "the zTXt chunk has an unknown "
			    "compression method");
			return ERR_INVAL;
		}
		pos++;
		{
			struct buf raw;
			buf_init(&raw, NULL, PNG_MAX_TEXT);
			rc = png_inflate(
			    c->data + pos, c->dlen - pos, &raw, msg, msgsz);
			if (rc == 0 && memchr(raw.data, 0, raw.len) != NULL) {
				png_msg(msg, msgsz,
				    "the zTXt chunk contains a NUL byte");
				rc = ERR_INVAL;
			}
			if (rc == 0)
				png_latin1(
				    (const uint8_t *)raw.data, raw.len, out);
			buf_free(&raw);
			if (rc)
				return rc;
		}
		goto done;
	}
	/* iTXt: flag, method, language\0, translated keyword\0, text. */
	if (c->dlen - pos < 2 || c->data[pos] > 1 ||
	    (c->data[pos] == 1 && c->data[pos + 1] != 0)) {
		png_msg(msg, msgsz,
		    "the iTXt chunk has an invalid compression flag or method");
		return ERR_INVAL;
	}
	pos += 2;
	if (!png_field(c->data, c->dlen, &pos) ||
	    !png_field(c->data, c->dlen, &pos)) {
		png_msg(msg, msgsz,
		    "the iTXt chunk is malformed (missing "
		    "language tag or translated keyword)");
		return ERR_INVAL;
	}
	if (c->data[kwlen + 1] == 1) {
		rc = png_inflate(c->data + pos, c->dlen - pos, out, msg, msgsz);
		if (rc) {
			png_truncate(out, start);
			return rc;
		}
	} else {
		buf_add(out, c->data + pos, c->dlen - pos);
	}
	if (buf_err(out) == 0 &&
	    !utf8_valid(
	        (const uint8_t *)out->data + start, out->len - start, false)) {
		png_truncate(out, start);
		png_msg(msg, msgsz,
		    "the iTXt text is not valid UTF-8 or "
		    "contains a NUL byte");
		return ERR_INVAL;
	}
done:
	if (buf_err(out)) {
		png_msg(msg, msgsz, "the baked text is too large");
		return ERR_TOOBIG;
	}
	return 0;
}

int
png_unbake(const uint8_t *in, size_t len, const char *keyword,
    struct buf *out_text, char *msg, size_t msgsz)
{
	size_t pos, nmatch, kwlen = strlen(keyword);
	struct png_chunk c;
	int rc;

	rc = png_check(in, len, keyword, &nmatch, msg, msgsz);
	if (rc)
		return rc;
	if (nmatch == 0) {
		png_msg(msg, msgsz,
		    "the PNG has no baked badge (no \"%s\" text "
		    "chunk)",
		    keyword);
		return ERR_NOTFOUND;
	}
	if (nmatch > 1) {
		png_msg(msg, msgsz,
		    "the PNG has %zu \"%s\" text chunks; a baked badge must "
		    "have exactly one",
		    nmatch, keyword);
		return ERR_INVAL;
	}
	pos = sizeof(png_sig);
	while (pos < len) {
		png_next(in, &pos, &c);
		if (png_kw_match(&c, keyword, kwlen))
			return png_text_decode(&c, kwlen, out_text, msg, msgsz);
	}
	fatal("png_unbake: counted chunk vanished");
}

/*
 * png_rewrite appends the PNG without the chunks that have keyword and, if
 * text is not NULL, with one new iTXt chunk straight after IHDR.
 */
static int
png_rewrite(const uint8_t *in, size_t len, const char *keyword,
    const char *text, size_t tlen, struct buf *out, char *msg, size_t msgsz)
{
	size_t pos, nmatch, kwlen = strlen(keyword), start = out->len;
	struct png_chunk c;
	uint8_t head[PNG_KEYWORD_MAX + 5];
	int rc;

	if (!png_keyword_ok(keyword, kwlen)) {
		png_msg(msg, msgsz, "invalid PNG text keyword");
		return ERR_INVAL;
	}
	rc = png_check(in, len, keyword, &nmatch, msg, msgsz);
	if (rc)
		return rc;
	buf_add(out, png_sig, sizeof(png_sig));
	pos = sizeof(png_sig);
	while (pos < len) {
		png_next(in, &pos, &c);
		if (png_kw_match(&c, keyword, kwlen))
			continue;
		buf_add(out, in + c.off, c.size);
		if (text != NULL && png_type_is(&c, "IHDR")) {
			/* keyword\0, flag 0, method 0, lang "", tkw "". */
			memcpy(head, keyword, kwlen);
			memset(head + kwlen, 0, 4 + 1);
			png_add_chunk(out, "iTXt", head, kwlen + 5,
			    (const uint8_t *)text, tlen);
		}
	}
	if (buf_err(out)) {
		png_truncate(out, start);
		png_msg(msg, msgsz, "the baked PNG would be too large");
		return ERR_TOOBIG;
	}
	return 0;
}

int
png_bake(const uint8_t *in, size_t len, const char *keyword, const char *text,
    size_t tlen, struct buf *out, char *msg, size_t msgsz)
{
	if (tlen > PNG_MAX_TEXT) {
		png_msg(msg, msgsz, "the badge text is larger than %zu bytes",
		    (size_t)PNG_MAX_TEXT);
		return ERR_TOOBIG;
	}
	if (!utf8_valid((const uint8_t *)text, tlen, false)) {
		png_msg(msg, msgsz,
		    "the badge text is not valid UTF-8 or contains a NUL byte");
		return ERR_INVAL;
	}
	if (text == NULL)
		text = "";
	return png_rewrite(in, len, keyword, text, tlen, out, msg, msgsz);
}

int
png_strip(const uint8_t *in, size_t len, const char *keyword, struct buf *out,
    char *msg, size_t msgsz)
{
	return png_rewrite(in, len, keyword, NULL, 0, out, msg, msgsz);
}
