/*
 * image.c: sniffing uploads and cleaning PNGs (see image.h). The SVG
 * sanitiser is image_svg.c; the generated design is image_design.c.
 *
 * A PNG is decoded completely with libpng and re-encoded. libpng reports
 * errors by longjmp; all state that must survive the jump lives in a
 * struct png_job that the code reaches through a pointer set before setjmp,
 * so no local is modified between setjmp and longjmp. libpng's own memory
 * is released by png_destroy_*_struct on every path; the pixels, the row
 * pointers and the output come from the caller's arena, so there is nothing
 * else to free. Warnings are discarded (nothing is printed), and each call
 * has its own libpng structures, so this is thread-safe.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/image.h"

#include <png.h>
#include <setjmp.h>

static const uint8_t png_signature[8] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

static const char MSG_NOT_IMAGE[] = "This file is not a PNG or SVG image.";

/*
 * Ancillary chunks libpng knows but we do not need: ignoring them means
 * libpng only checks their CRC and skips them (no decompression of zTXt,
 * iTXt or iCCP, no colour-profile warnings). tRNS is kept: it is
 * transparency, part of the picture.
 */
static const png_byte png_ignored_chunks[] = "bKGD\0cHRM\0eXIf\0gAMA\0"
                                             "hIST\0iCCP\0iTXt\0oFFs\0"
                                             "pCAL\0pHYs\0sBIT\0sCAL\0"
                                             "sPLT\0sRGB\0tEXt\0tIME\0"
                                             "zTXt\0";

struct png_job {
	struct arena *a;
	const uint8_t *in;
	size_t len, pos;
	bool truncated;
	int rc;           /* set before png_error when we raise it */
	const char *msg;  /* ditto */
	char lib_msg[96]; /* libpng's last error */
	png_uint_32 w, h;
	int channels; /* 3 or 4 after the transformations */
	png_bytep *rows;
	struct buf out;
};

static void
png_on_error(png_structp png, png_const_charp m)
{
	struct png_job *j = png_get_error_ptr(png);

	snprintf(j->lib_msg, sizeof(j->lib_msg), "%s", m ? m : "error");
	png_longjmp(png, 1);
}

static void
png_on_warning(png_structp png, png_const_charp m)
{
	(void)png;
	(void)m;
}

static void
png_read_mem(png_structp png, png_bytep dst, size_t n)
{
	struct png_job *j = png_get_io_ptr(png);

	if (n > j->len - j->pos) {
		j->truncated = true;
		png_error(png, "truncated");
	}
	memcpy(dst, j->in + j->pos, n);
	j->pos += n;
}

static void
png_write_mem(png_structp png, png_bytep src, size_t n)
{
	struct png_job *j = png_get_io_ptr(png);

	buf_add(&j->out, src, n);
	if (buf_err(&j->out) != 0) {
		j->rc = ERR_TOOBIG;
		j->msg = "After cleaning, the image would be larger than 1 MB; "
		         "save it at a smaller size and try again.";
		png_error(png, "output too big");
	}
}

static void
png_flush_mem(png_structp png)
{
	(void)png;
}

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* png_fail sets the job's message (from the arena, or fallback). */
static int png_fail(struct png_job *j, int rc, const char *fallback,
    const char *fmt, ...) PRINTF_LIKE(4, 5);

static int
png_fail(struct png_job *j, int rc, const char *fallback, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	j->msg = arena_strdup(j->a, tmp);
	if (j->msg == NULL)
		j->msg = fallback;
	j->rc = rc;
	return rc;
}

/*
 * png_precheck reads the dimensions straight from IHDR, so that an image
 * that is too large is refused with its size before libpng allocates
 * anything for it. libpng checks everything again (with the same limits).
 */
static int
png_precheck(struct png_job *j)
{
	static const char big[] = "The image is too large; badge images can be "
	                          "at most 2048 pixels wide and high.";
	static const char small[] = "The image is too small; badge images must "
	                            "be at least 16 pixels wide and high.";
	uint32_t w, h;

	if (j->len < 8 + 8 + 13 + 4 || be32(j->in + 8) != 13 ||
	    memcmp(j->in + 12, "IHDR", 4) != 0) {
		j->rc = ERR_INVAL;
		j->msg = "The PNG file is damaged: it does not start with an "
		         "image header.";
		return j->rc;
	}
	w = be32(j->in + 16);
	h = be32(j->in + 20);
	if (w > IMAGE_PNG_MAX_DIM)
		return png_fail(j, ERR_TOOBIG, big,
		    "The image is %lu pixels wide; badge images can be at "
		    "most %d pixels wide and high.",
		    (unsigned long)w, IMAGE_PNG_MAX_DIM);
	if (h > IMAGE_PNG_MAX_DIM)
		return png_fail(j, ERR_TOOBIG, big,
		    "The image is %lu pixels high; badge images can be at "
		    "most %d pixels wide and high.",
		    (unsigned long)h, IMAGE_PNG_MAX_DIM);
	if (w < IMAGE_PNG_MIN_DIM || h < IMAGE_PNG_MIN_DIM)
		return png_fail(j, ERR_INVAL, small,
		    "The image is %lu by %lu pixels; badge images must be at "
		    "least %d pixels wide and high.",
		    (unsigned long)w, (unsigned long)h, IMAGE_PNG_MIN_DIM);
	return 0;
}

/* png_damaged turns a libpng failure into a message. */
static int
png_damaged(struct png_job *j)
{
	if (j->rc != 0)
		return j->rc;
	if (j->truncated) {
		j->msg = "The PNG file is incomplete: it ends before the image "
		         "does. Try saving or uploading it again.";
		j->rc = ERR_INVAL;
		return j->rc;
	}
	if (strstr(j->lib_msg, "CRC") != NULL) {
		j->msg = "The PNG file is damaged: a checksum inside it does "
		         "not match. Try saving it again.";
		j->rc = ERR_INVAL;
		return j->rc;
	}
	return png_fail(j, ERR_INVAL,
	    "The PNG file is damaged and cannot be read.",
	    "The PNG file is damaged and cannot be read (%s).", j->lib_msg);
}

/*
 * png_decode reads the whole image into j->rows as 8-bit RGB or RGBA.
 */
static int
png_decode(struct png_job *j)
{
	png_structp png;
	png_infop info;
	size_t rowbytes, y;
	uint8_t *pix;

	png = png_create_read_struct(
	    PNG_LIBPNG_VER_STRING, j, png_on_error, png_on_warning);
	if (png == NULL)
		fatal("png_create_read_struct failed");
	info = png_create_info_struct(png);
	if (info == NULL)
		fatal("png_create_info_struct failed");
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_read_struct(&png, &info, NULL);
		return png_damaged(j);
	}
	png_set_read_fn(png, j, png_read_mem);
	png_set_user_limits(png, IMAGE_PNG_MAX_DIM, IMAGE_PNG_MAX_DIM);
	png_set_chunk_malloc_max(png, IMAGE_MAX_BYTES);
	png_set_chunk_cache_max(png, 32);
	png_set_crc_action(png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
	png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, NULL, 0);
	png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER,
	    png_ignored_chunks, (int)(sizeof(png_ignored_chunks) / 5));

	png_read_info(png, info);
	j->w = png_get_image_width(png, info);
	j->h = png_get_image_height(png, info);
	if (j->w < IMAGE_PNG_MIN_DIM || j->h < IMAGE_PNG_MIN_DIM ||
	    j->w > IMAGE_PNG_MAX_DIM || j->h > IMAGE_PNG_MAX_DIM) {
		/* png_precheck saw the same IHDR; this cannot happen */
		j->rc = ERR_INVAL;
		j->msg = "The PNG image has a size badge images cannot have.";
		png_error(png, "size");
	}
	png_set_expand(png);
	png_set_strip_16(png);
	png_set_gray_to_rgb(png);
	(void)png_set_interlace_handling(png);
	png_read_update_info(png, info);
	j->channels = png_get_channels(png, info);
	rowbytes = png_get_rowbytes(png, info);
	if (png_get_bit_depth(png, info) != 8 ||
	    (j->channels != 3 && j->channels != 4) ||
	    rowbytes != (size_t)j->w * (size_t)j->channels) {
		j->rc = ERR_INVAL;
		j->msg = "The PNG image uses a format that cannot be read.";
		png_error(png, "format");
	}
	j->rows = arena_alloc(j->a, (size_t)j->h * sizeof(*j->rows));
	pix = j->rows ? arena_alloc(j->a, (size_t)j->h * rowbytes) : NULL;
	if (pix == NULL) {
		j->rc = ERR_TOOBIG;
		j->msg = "The image is too large to check just now.";
		png_error(png, "arena");
	}
	for (y = 0; y < j->h; y++)
		j->rows[y] = pix + y * rowbytes;
	png_read_image(png, j->rows);
	png_read_end(png, NULL);
	png_destroy_read_struct(&png, &info, NULL);
	return 0;
}

/* png_encode writes j->rows as a PNG of IHDR, IDAT and IEND to j->out. */
static int
png_encode(struct png_job *j)
{
	png_structp png;
	png_infop info;

	png = png_create_write_struct(
	    PNG_LIBPNG_VER_STRING, j, png_on_error, png_on_warning);
	if (png == NULL)
		fatal("png_create_write_struct failed");
	info = png_create_info_struct(png);
	if (info == NULL)
		fatal("png_create_info_struct failed");
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		if (j->rc != 0)
			return j->rc;
		return png_fail(j, ERR_INVAL,
		    "The image could not be converted.",
		    "The image could not be converted (%s).", j->lib_msg);
	}
	png_set_write_fn(png, j, png_write_mem, png_flush_mem);
	png_set_compression_level(png, 9);
	png_set_IHDR(png, info, j->w, j->h, 8,
	    j->channels == 4 ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB,
	    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
	    PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	png_write_image(png, j->rows);
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	return 0;
}

int
image_check_png(struct arena *a, const uint8_t *data, size_t len,
    struct image_out *out, const char **msg)
{
	struct png_job *j;
	int rc;

	memset(out, 0, sizeof(*out));
	*msg = NULL;
	j = arena_alloc(a, sizeof(*j));
	if (j == NULL) {
		*msg = "The image is too large to check just now.";
		return ERR_TOOBIG;
	}
	j->a = a;
	j->in = data;
	j->len = len;
	if (len > IMAGE_MAX_BYTES) {
		*msg = "The file is larger than 1 MB; badge images can be at "
		       "most 1 MB.";
		return ERR_TOOBIG;
	}
	if (len < 8 || memcmp(data, png_signature, 8) != 0) {
		*msg = MSG_NOT_IMAGE;
		return ERR_INVAL;
	}
	rc = png_precheck(j);
	if (rc == 0)
		rc = png_decode(j);
	if (rc == 0) {
		buf_init(&j->out, a, IMAGE_MAX_BYTES);
		rc = png_encode(j);
	}
	if (rc != 0) {
		*msg = j->msg ? j->msg : "The PNG image cannot be read.";
		return rc;
	}
	out->kind = IMAGE_PNG;
	out->content_type = "image/png";
	out->ext = "png";
	out->width = j->w;
	out->height = j->h;
	out->data = (const uint8_t *)j->out.data;
	out->len = j->out.len;
	return 0;
}

/* sniff_other names a few formats people upload by mistake. */
static const char *
sniff_other(const uint8_t *p, size_t len)
{
	if (len >= 6 &&
	    (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
		return "This file is a GIF image; badge images must be PNG or "
		       "SVG.";
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return "This file is a JPEG image; badge images must be PNG or "
		       "SVG.";
	if (len >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		return "This file is a WebP image; badge images must be PNG or "
		       "SVG.";
	if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return "This file is a PDF document; badge images must be PNG "
		       "or SVG.";
	if (len >= 2 &&
	    ((p[0] == 0xfe && p[1] == 0xff) || (p[0] == 0xff && p[1] == 0xfe)))
		return "This file is saved as UTF-16; an SVG badge image must "
		       "be saved as UTF-8.";
	return MSG_NOT_IMAGE;
}

int
image_check(struct arena *a, const void *data, size_t len,
    struct image_out *out, const char **msg)
{
	const uint8_t *p = data;
	size_t i = 0;

	memset(out, 0, sizeof(*out));
	*msg = NULL;
	if (len == 0) {
		*msg = "The file is empty.";
		return ERR_INVAL;
	}
	if (len > IMAGE_MAX_BYTES) {
		*msg = "The file is larger than 1 MB; badge images can be at "
		       "most 1 MB.";
		return ERR_TOOBIG;
	}
	if (len >= 8 && memcmp(p, png_signature, 8) == 0)
		return image_check_png(a, p, len, out, msg);
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		i = 3;
	while (i < len &&
	    (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i < len && p[i] == '<')
		return image_check_svg(a, data, len, out, msg);
	*msg = sniff_other(p, len);
	return ERR_INVAL;
}
