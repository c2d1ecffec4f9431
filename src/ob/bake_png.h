/*
 * bake_png.h: Open Badges baking for PNG images (OB 2.0 Baking 1.0, OB 3.0
 * §5.3 "Baked Badge").
 *
 * These functions work on the PNG chunk stream only: the image is never
 * decoded or re-encoded, so every other chunk is copied byte for byte. They
 * do no I/O. Every function that takes a PNG checks its structure first: the
 * 8-byte signature; chunk lengths at most 2^31-1 and inside the input; chunk
 * types of ASCII letters; every CRC; IHDR first (13 bytes); IEND last (empty)
 * with nothing after it; at most PNG_MAX_BYTES of input and PNG_MAX_CHUNKS
 * chunks. A PNG that fails gives ERR_INVAL (ERR_TOOBIG for the limits) and a
 * human-readable reason in msg.
 *
 * msg/msgsz: every function writes a NUL-terminated English sentence for a
 * verifier UI into msg[0..msgsz) when it fails; msg may be NULL.
 */
#ifndef LAUREL_OB_BAKE_PNG_H
#define LAUREL_OB_BAKE_PNG_H

#include "core/common.h"
#include "core/buf.h"

#define PNG_KEYWORD_OB2 "openbadges"          /* Open Badges 1.x / 2.0 */
#define PNG_KEYWORD_OB3 "openbadgecredential" /* Open Badges 3.0 */

#define PNG_MAX_BYTES ((size_t)64 << 20) /* input image */
#define PNG_MAX_CHUNKS 100000
#define PNG_MAX_TEXT ((size_t)16 << 20) /* baked text, after inflating */

/*
 * png_bake writes to out (appending) a copy of the PNG in[0..len) that
 * carries text[0..tlen) in exactly one uncompressed iTXt chunk with the
 * given keyword (compression flag 0, method 0, empty language tag and
 * translated keyword), placed straight after IHDR. Every iTXt, tEXt and
 * zTXt chunk that already has this keyword is dropped, so re-baking replaces
 * rather than adds, and baking the same text twice gives identical bytes.
 * keyword must be 1-79 printable ASCII characters without leading, trailing
 * or doubled spaces; text must be valid UTF-8 without NUL bytes and at most
 * PNG_MAX_TEXT bytes. Returns 0, ERR_INVAL (bad PNG, keyword or text), or
 * ERR_TOOBIG (a limit, or out's max).
 */
MUST_CHECK int png_bake(const uint8_t *in, size_t len, const char *keyword,
    const char *text, size_t tlen, struct buf *out, char *msg, size_t msgsz);

/*
 * png_unbake appends to out_text the text baked into the PNG in[0..len)
 * under keyword, as UTF-8. It reads an iTXt chunk (uncompressed, or
 * zlib-compressed, inflated up to PNG_MAX_TEXT and out_text's max), or a
 * tEXt or zTXt chunk (Latin-1, converted to UTF-8; OB 1.x-era images hold a
 * hosted assertion URL there). Returns 0; ERR_NOTFOUND if no chunk has the
 * keyword; ERR_INVAL for a malformed PNG, a malformed or non-UTF-8 text
 * chunk, or more than one chunk with the keyword; ERR_TOOBIG for a limit.
 * On error out_text is left as it was (except a sticky ERR_TOOBIG).
 */
MUST_CHECK int png_unbake(const uint8_t *in, size_t len, const char *keyword,
    struct buf *out_text, char *msg, size_t msgsz);

/*
 * png_strip appends to out a copy of the PNG in[0..len) without any iTXt,
 * tEXt or zTXt chunk that has the given keyword (an unbaked image). Returns
 * 0, ERR_INVAL or ERR_TOOBIG as png_bake does.
 */
MUST_CHECK int png_strip(const uint8_t *in, size_t len, const char *keyword,
    struct buf *out, char *msg, size_t msgsz);

#endif
