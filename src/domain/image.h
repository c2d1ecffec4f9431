/*
 * image.h: validating badge images, and drawing a generated badge design.
 *
 * Everything here is a pure function over (pointer, length): no I/O, no
 * global state, safe to call from several threads at once. Results are
 * allocated from the caller's arena; *msg, when set, is a sentence a care
 * worker understands (static or from the arena), suitable for a form error.
 *
 * What an upload may be is decided by its bytes, never by its file name or
 * declared type: a PNG signature means PNG, and text that begins (after an
 * optional UTF-8 byte order mark, XML declaration, comments and white space)
 * with '<' is parsed as SVG and accepted only if its root is <svg> in the
 * SVG namespace. Anything else is "not a PNG or SVG image".
 *
 * PNG: decoded completely with libpng (CRCs checked, truncation and bad
 * headers rejected, interlacing allowed), within IMAGE_PNG_MIN_DIM ..
 * IMAGE_PNG_MAX_DIM pixels each way; the limits are checked from IHDR before
 * any pixel memory is allocated. The pixels are then re-encoded as a new
 * 8-bit RGB or RGBA PNG holding only IHDR, IDAT and IEND, so text chunks
 * (an uploaded image might be someone else's baked badge), colour profiles
 * and anything else hidden in the file are gone.
 *
 * SVG: parsed by a strict, bounded XML parser and re-serialised from an
 * allowlist, so what is stored is exactly what was checked. The policy:
 *
 *   Rejected, with a message naming the problem: anything that could run
 *   code, fetch or embed something, or that the allowlist does not know.
 *   That is elements outside the allowlist (script, style, foreignObject,
 *   image, a, iframe, animate, set, filter, mask, pattern, ...); attributes
 *   outside the allowlist; any on* event handler; href or xlink:href other
 *   than a local "#id"; url(...) other than url(#id) and any CSS function
 *   other than colours and transforms; backslashes (CSS escapes) in
 *   attribute values; DOCTYPE and ENTITY declarations; processing
 *   instructions other than the leading <?xml ...?>; entity references other
 *   than the five predefined ones and numeric character references; CDATA
 *   outside text, tspan, title and desc; character data outside those;
 *   elements or attributes in namespaces other than SVG, XLink and xml;
 *   duplicate ids; reference loops and <use> chains that would make the
 *   picture expand past IMAGE_SVG_MAX_RENDER elements; text encodings other
 *   than UTF-8; anything that is not well-formed XML; and the size, depth
 *   and element-count limits below.
 *
 *   Removed silently, because it cannot change what is drawn: comments, the
 *   XML declaration, white space between elements, namespace declarations
 *   (the output declares SVG and XLink on its root), editor metadata (the
 *   <metadata> element; elements and attributes in the Inkscape, Sodipodi,
 *   RDF, Creative Commons, Dublin Core, Adobe, Sketch and Serif namespaces;
 *   data-* attributes; vendor-prefixed properties such as
 *   -inkscape-font-specification in style attributes).
 *
 * The output of image_check passes image_check again and is then returned
 * unchanged (sanitising is idempotent).
 */
#ifndef LAUREL_IMAGE_H
#define LAUREL_IMAGE_H

#include "core/common.h"

struct arena;
struct buf;

#define IMAGE_MAX_BYTES (1u << 20)       /* any upload, and any output */
#define IMAGE_PNG_MIN_DIM 16             /* pixels, each way */
#define IMAGE_PNG_MAX_DIM 2048           /* pixels, each way */
#define IMAGE_SVG_MAX_BYTES (512u << 10) /* SVG input and output */
#define IMAGE_SVG_MAX_DEPTH 32           /* element nesting */
#define IMAGE_SVG_MAX_ELEMENTS 5000      /* elements, kept or dropped */
#define IMAGE_SVG_MAX_ATTRS 64           /* attributes on one element */
#define IMAGE_SVG_MAX_RENDER 50000       /* elements drawn, <use> expanded */
#define IMAGE_SVG_MAX_REF_DEPTH 16       /* <use> / url(#) chain length */
#define IMAGE_SVG_MAX_DIM 100000         /* reported size, CSS pixels */
/*
 * The arena headroom image_check can need: a decoded 2048 x 2048 RGBA
 * picture plus its re-encoding. The per-request arena (64 MiB) has room.
 */
#define IMAGE_ARENA_NEED (24u << 20)

enum image_kind {
	IMAGE_PNG = 1,
	IMAGE_SVG = 2,
};

/* A checked image, ready to store by content hash. */
struct image_out {
	enum image_kind kind;
	const char *content_type; /* "image/png" or "image/svg+xml" */
	const char *ext;          /* "png" or "svg", without a dot */
	unsigned width, height;   /* pixels; SVG: CSS pixels, rounded, >= 1 */
	const uint8_t *data;      /* the cleaned bytes to store (arena) */
	size_t len;
};

/*
 * image_check decides what data[0..len) is and cleans it (see above). On
 * success it returns 0, fills *out (bytes from arena a) and sets *msg to
 * NULL. Otherwise it returns ERR_INVAL (not an allowed image) or ERR_TOOBIG
 * (a size limit, or arena a's limit, was reached) and sets *msg to a
 * sentence saying what is wrong; *out is then zeroed. a needs up to
 * IMAGE_ARENA_NEED bytes of headroom for a large PNG.
 */
MUST_CHECK int image_check(struct arena *a, const void *data, size_t len,
    struct image_out *out, const char **msg);

/*
 * image_check_png and image_check_svg are image_check for one format,
 * without sniffing: the first expects a PNG signature, the second SVG text.
 * They exist for the fuzz targets and tests; callers use image_check.
 */
MUST_CHECK int image_check_png(struct arena *a, const uint8_t *data, size_t len,
    struct image_out *out, const char **msg);
MUST_CHECK int image_check_svg(struct arena *a, const char *data, size_t len,
    struct image_out *out, const char **msg);

/*
 * image_colour_parse reads a colour written "#rrggbb" (hex digits in either
 * case, nothing else) into rgb; ERR_INVAL otherwise.
 */
MUST_CHECK int image_colour_parse(const char *hex, uint8_t rgb[3]);

/* image_contrast_ratio is the WCAG 2 contrast ratio of two sRGB colours,
 * from 1 to 21. */
double image_contrast_ratio(const uint8_t a[3], const uint8_t b[3]);

/*
 * image_text_colour sets text to black or white, whichever contrasts more
 * with bg; that is always at least 4.5:1 (WCAG AA for normal text).
 */
void image_text_colour(const uint8_t bg[3], uint8_t text[3]);

/*
 * The generated design: a hexagonal badge in colour_hex ("#rrggbb") with a
 * lighter ring, showing the name wrapped on up to two lines when it is short
 * (at most 12 characters a line) and otherwise its initials (up to three),
 * in black or white, whichever contrasts more. name must be UTF-8 without
 * control characters; it is also the SVG's <title>.
 */

/*
 * image_generate_svg appends the design, 256 x 256, to out. It returns 0,
 * ERR_INVAL (bad colour or name) or out's ERR_TOOBIG. The SVG passes
 * image_check.
 */
MUST_CHECK int image_generate_svg(
    struct buf *out, const char *name, const char *colour_hex);

/*
 * image_generate_png draws the design as a size x size PNG (size from
 * IMAGE_PNG_MIN_DIM to IMAGE_PNG_MAX_DIM) with cairo and sets *png and *len
 * to it, allocated from arena a. The bytes are image_check's output for the
 * drawing, so they pass image_check unchanged. Returns 0, ERR_INVAL (bad
 * colour, name or size) or ERR_TOOBIG (arena a's limit).
 */
MUST_CHECK int image_generate_png(struct arena *a, const char *name,
    const char *colour_hex, unsigned size, const void **png, size_t *len);

#endif
