/*
 * test_image.c: badge image validation and the generated design
 * (src/domain/image.c, image_svg.c, image_design.c).
 *
 * The corpus is tests/data/images/: every file in good/ must be accepted,
 * and its output must be accepted again unchanged; every file in hostile/
 * must be rejected, with a message that names the reason (the table
 * below: a new hostile file needs a line there). Tests run from the
 * repository root.
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>

#include <dirent.h>
#include <png.h>
#include <pthread.h>
#include <time.h>
#include <zlib.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/image.h"

/*
 * fontconfig (under cairo's text drawing) keeps a cache for the life of the
 * process that LeakSanitizer reports at exit: a constant few hundred bytes,
 * however many images are drawn.
 */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

#define DATA "tests/data/images/"
#define ARENA (64u << 20)
#define U8(p) ((const uint8_t *)(p))

static void
slurp(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	char tmp[4096];
	size_t n;

	cr_assert_not_null(
	    f, "cannot open %s (run tests from the repo root)", path);
	buf_init(b, NULL, 8 << 20);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(b, tmp, n);
	fclose(f);
	cr_assert_eq(buf_err(b), 0);
}

/* list_dir returns the sorted names of the files in dir (heap). */
static char **
list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t cap = 0;

	cr_assert_not_null(d, "cannot open %s", dir);
	*n = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[(*n)++] = xstrndup(e->d_name, strlen(e->d_name));
	}
	closedir(d);
	for (size_t i = 1; i < *n; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0;
		     j--) {
			char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	return names;
}

static void
free_list(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* png_only_core: the chunks are IHDR, IDAT..., IEND and nothing else. */
static void
assert_png_only_core(const uint8_t *p, size_t len, const char *what)
{
	size_t pos = 8;
	int n = 0;

	cr_assert(len > 8 + 25 && memcmp(p + 1, "PNG", 3) == 0);
	while (pos + 12 <= len) {
		uint32_t dlen = be32(p + pos);
		const uint8_t *t = p + pos + 4;

		if (n == 0)
			cr_assert(memcmp(t, "IHDR", 4) == 0, "%s", what);
		else
			cr_assert(memcmp(t, "IDAT", 4) == 0 ||
			        memcmp(t, "IEND", 4) == 0,
			    "%s: chunk %.4s kept", what, (const char *)t);
		pos += 12 + (size_t)dlen;
		n++;
		if (memcmp(t, "IEND", 4) == 0)
			break;
	}
	cr_assert_eq(pos, len, "%s: bytes after IEND", what);
	cr_assert(p[24] == 8 && (p[25] == 2 || p[25] == 6) && p[28] == 0,
	    "%s: not 8-bit RGB(A), not interlaced", what);
}

/* check_ok runs image_check, which must accept, and re-checks the output. */
static void
check_ok(struct arena *a, const void *p, size_t len, const char *what,
    struct image_out *out)
{
	struct image_out again;
	const char *msg = "unset";
	int rc;

	rc = image_check(a, p, len, out, &msg);
	cr_assert_eq(rc, 0, "%s rejected: %s", what, msg ? msg : "(null)");
	cr_assert_null(msg);
	cr_assert_not_null(out->data);
	cr_assert(out->len > 0);
	cr_assert(out->width >= 1 && out->height >= 1);
	if (out->kind == IMAGE_PNG) {
		cr_assert_str_eq(out->content_type, "image/png");
		cr_assert_str_eq(out->ext, "png");
		cr_assert(out->len <= IMAGE_MAX_BYTES);
		assert_png_only_core(out->data, out->len, what);
	} else {
		cr_assert_eq(out->kind, IMAGE_SVG);
		cr_assert_str_eq(out->content_type, "image/svg+xml");
		cr_assert_str_eq(out->ext, "svg");
		cr_assert(out->len <= IMAGE_SVG_MAX_BYTES);
	}
	rc = image_check(a, out->data, out->len, &again, &msg);
	cr_assert_eq(rc, 0, "%s: output rejected: %s", what, msg);
	cr_assert_eq(again.kind, out->kind);
	cr_assert_eq(again.width, out->width, "%s", what);
	cr_assert_eq(again.height, out->height, "%s", what);
	cr_assert_eq(again.len, out->len, "%s: not idempotent", what);
	cr_assert(memcmp(again.data, out->data, out->len) == 0,
	    "%s: not idempotent", what);
}

static const char *
check_fails(struct arena *a, const void *p, size_t len, const char *what)
{
	struct image_out out;
	const char *msg = NULL;
	int rc;

	rc = image_check(a, p, len, &out, &msg);
	cr_assert(rc == ERR_INVAL || rc == ERR_TOOBIG,
	    "%s: accepted or odd rc %d", what, rc);
	cr_assert_not_null(msg, "%s: no message", what);
	cr_assert(strlen(msg) > 10, "%s: message too short", what);
	cr_assert_eq(
	    msg[strlen(msg) - 1], '.', "%s: not a sentence: %s", what, msg);
	cr_assert(msg[0] >= 'A' && msg[0] <= 'Z', "%s: %s", what, msg);
	cr_assert_null(out.data);
	cr_assert_eq(out.len, 0);
	return msg;
}

/* svg_clean sanitises a C string, which must be accepted. */
static const char *
svg_clean(struct arena *a, const char *svg, struct image_out *out)
{
	check_ok(a, svg, strlen(svg), svg, out);
	cr_assert_eq(out->kind, IMAGE_SVG);
	return (const char *)out->data;
}

static const char *
svg_reject(struct arena *a, const char *svg)
{
	return check_fails(a, svg, strlen(svg), svg);
}

#define SVG_HEAD                                                               \
	"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" "              \
	"height=\"10\">"
#define OUT_HEAD                                                               \
	"<svg xmlns=\"http://www.w3.org/2000/svg\" "                           \
	"xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" "           \
	"height=\"10\">"

/* The corpus. */

struct expect {
	const char *file;
	int rc;
	const char *in_msg;
};

static const struct expect hostile[] = {
    {"empty", ERR_INVAL, "empty"},
    {"html-as-svg.svg", ERR_INVAL, "not a PNG or SVG"},
    {"not-an-image.gif", ERR_INVAL, "GIF"},
    {"not-an-image.jpg", ERR_INVAL, "JPEG"},
    {"png-bad-crc.png", ERR_INVAL, "checksum"},
    {"png-bad-ihdr.png", ERR_INVAL, "damaged"},
    {"png-corrupt-idat.png", ERR_INVAL, "damaged"},
    {"png-bad-zlib.png", ERR_INVAL, "damaged"},
    {"png-huge-dimensions.png", ERR_TOOBIG, "100000 pixels wide"},
    {"png-missing-iend.png", ERR_INVAL, "incomplete"},
    {"png-palette-without-plte.png", ERR_INVAL, "damaged"},
    {"png-short-idat.png", ERR_INVAL, "PNG"},
    {"png-signature-only.png", ERR_INVAL, "damaged"},
    {"png-text-bad-crc.png", ERR_INVAL, "checksum"},
    {"png-too-small.png", ERR_INVAL, "8 by 8 pixels"},
    {"png-truncated.png", ERR_INVAL, "incomplete"},
    {"png-zero-width.png", ERR_INVAL, "0 by 32 pixels"},
    {"svg-animate.svg", ERR_INVAL, "animation"},
    {"svg-cdata-outside-text.svg", ERR_INVAL, "CDATA"},
    {"svg-control-char.svg", ERR_INVAL, "control character"},
    {"svg-css-escape.svg", ERR_INVAL, "backslash"},
    {"svg-css-image-set.svg", ERR_INVAL, "image-set(...)"},
    {"svg-css-import.svg", ERR_INVAL, "style sheet"},
    {"svg-data-uri-image.svg", ERR_INVAL, "<image>"},
    {"svg-deep-nesting.svg", ERR_TOOBIG, "more than 32 deep"},
    {"svg-doctype.svg", ERR_INVAL, "DOCTYPE"},
    {"svg-duplicate-id.svg", ERR_INVAL, "more than once"},
    {"svg-entity-bomb.svg", ERR_INVAL, "DOCTYPE"},
    {"svg-external-href.svg", ERR_INVAL, "https://evil.example/sprite"},
    {"svg-fill-data-url.svg", ERR_INVAL, "url('data:"},
    {"svg-filter.svg", ERR_INVAL, "<filter>"},
    {"svg-foreignobject.svg", ERR_INVAL, "foreignObject"},
    {"svg-invalid-utf8.svg", ERR_INVAL, "UTF-8"},
    {"svg-javascript-href.svg", ERR_INVAL, "javascript:"},
    {"svg-latin1.svg", ERR_INVAL, "UTF-8"},
    {"svg-link.svg", ERR_INVAL, "link"},
    {"svg-mismatched-tags.svg", ERR_INVAL, "does not match"},
    {"svg-no-namespace.svg", ERR_INVAL, "namespace"},
    {"svg-no-size.svg", ERR_INVAL, "how big"},
    {"svg-onclick-mixed-case.svg", ERR_INVAL, "event handler (onClick"},
    {"svg-onload.svg", ERR_INVAL, "event handler (onload"},
    {"svg-reference-loop.svg", ERR_INVAL, "loop"},
    {"svg-script-prefixed.svg", ERR_INVAL, "script"},
    {"svg-script.svg", ERR_INVAL, "script"},
    {"svg-set-onclick.svg", ERR_INVAL, "animation (<set>"},
    {"svg-style-url.svg", ERR_INVAL, "url(https://evil"},
    {"svg-text-outside-text-element.svg", ERR_INVAL, "text outside"},
    {"svg-too-many-elements.svg", ERR_TOOBIG, "more than 5000 elements"},
    {"svg-unclosed.svg", ERR_INVAL, "<g> element is closed"},
    {"svg-unknown-entity.svg", ERR_INVAL, "&nbsp;"},
    {"svg-use-bomb.svg", ERR_TOOBIG, "50000"},
    {"svg-utf16.svg", ERR_INVAL, "UTF-16"},
    {"svg-xhtml-iframe.svg", ERR_INVAL, "another XML vocabulary"},
    {"svg-xml-base.svg", ERR_INVAL, "xml:base"},
    {"svg-xml-stylesheet.svg", ERR_INVAL, "processing instruction"},
    {"text.txt", ERR_INVAL, "not a PNG or SVG"},
};

Test(image, good_corpus_accepted_and_idempotent)
{
	size_t n, i, npng = 0, nsvg = 0;
	char **names = list_dir(DATA "good", &n);

	for (i = 0; i < n; i++) {
		struct arena *a = arena_new(ARENA);
		struct image_out out;
		char path[512];
		struct buf b;

		snprintf(path, sizeof(path), DATA "good/%s", names[i]);
		slurp(path, &b);
		check_ok(a, b.data, b.len, names[i], &out);
		if (strncmp(names[i], "png-", 4) == 0) {
			cr_assert_eq(out.kind, IMAGE_PNG, "%s", names[i]);
			cr_assert_eq(out.width, be32(U8(b.data) + 16));
			cr_assert_eq(out.height, be32(U8(b.data) + 20));
			npng++;
		} else {
			cr_assert_eq(out.kind, IMAGE_SVG, "%s", names[i]);
			nsvg++;
		}
		buf_free(&b);
		arena_free(a);
	}
	cr_assert(npng >= 6 && nsvg >= 6, "%zu PNG, %zu SVG", npng, nsvg);
	free_list(names, n);
}

Test(image, hostile_corpus_rejected)
{
	size_t n, i, k;
	char **names = list_dir(DATA "hostile", &n);

	cr_assert(n >= 20);
	for (i = 0; i < n; i++) {
		const struct expect *e = NULL;
		struct arena *a = arena_new(ARENA);
		struct image_out out;
		const char *msg = NULL;
		char path[512];
		struct buf b;
		int rc;

		for (k = 0; k < NELEM(hostile); k++)
			if (strcmp(hostile[k].file, names[i]) == 0)
				e = &hostile[k];
		cr_assert_not_null(
		    e, "hostile/%s has no expectation here", names[i]);
		snprintf(path, sizeof(path), DATA "hostile/%s", names[i]);
		slurp(path, &b);
		(void)check_fails(a, b.data, b.len, names[i]);
		rc = image_check(a, b.data, b.len, &out, &msg);
		cr_assert_eq(
		    rc, e->rc, "%s: rc %d, message: %s", names[i], rc, msg);
		cr_assert(strstr(msg, e->in_msg) != NULL,
		    "%s: message \"%s\" lacks \"%s\"", names[i], msg,
		    e->in_msg);
		buf_free(&b);
		arena_free(a);
	}
	cr_assert_eq(n, NELEM(hostile), "an expectation has no file");
	free_list(names, n);
}

/* PNG. */

/* decode_rgba decodes a PNG to 8-bit RGBA with libpng's simple API. */
static uint8_t *
decode_rgba(const void *p, size_t len, unsigned *w, unsigned *h)
{
	png_image img;
	uint8_t *px;

	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	cr_assert(png_image_begin_read_from_memory(&img, p, len));
	img.format = PNG_FORMAT_RGBA;
	px = xmalloc(PNG_IMAGE_SIZE(img));
	cr_assert(png_image_finish_read(&img, NULL, px, 0, NULL));
	*w = img.width;
	*h = img.height;
	return px;
}

/* The picture gen.py draws in png-rgba.png and png-interlaced.png. */
static void
assert_test_picture(const uint8_t *px, unsigned w, unsigned h)
{
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++) {
			const uint8_t *q = px + 4 * ((size_t)y * w + x);
			double dx = x - w / 2.0, dy = y - h / 2.0;
			bool in = dx * dx + dy * dy < (w / 2.2) * (w / 2.2);

			cr_assert(q[0] == ((x * 4) & 255) &&
			        q[1] == ((y * 4) & 255) && q[2] == 128 &&
			        q[3] == (in ? 255 : 0),
			    "pixel %u,%u", x, y);
		}
}

Test(image, png_pixels_survive)
{
	static const char *const files[] = {
	    DATA "good/png-rgba.png", DATA "good/png-interlaced.png"};
	struct arena *a = arena_new(ARENA);

	for (size_t i = 0; i < NELEM(files); i++) {
		struct image_out out;
		unsigned w, h;
		struct buf b;
		uint8_t *px;

		slurp(files[i], &b);
		check_ok(a, b.data, b.len, files[i], &out);
		cr_assert_eq(out.data[25], 6, "RGBA stays RGBA");
		px = decode_rgba(out.data, out.len, &w, &h);
		cr_assert_eq(w, out.width);
		cr_assert_eq(h, out.height);
		assert_test_picture(px, w, h);
		free(px);
		buf_free(&b);
	}
	arena_free(a);
}

Test(image, png_text_chunks_stripped)
{
	struct arena *a = arena_new(ARENA);
	struct image_out out;
	struct buf b;

	slurp(DATA "good/png-text-chunks.png", &b);
	cr_assert_not_null(memmem(b.data, b.len, "openbadges", 10));
	cr_assert_not_null(memmem(b.data, b.len, "iTXt", 4));
	check_ok(a, b.data, b.len, "png-text-chunks.png", &out);
	cr_assert_null(memmem(out.data, out.len, "openbadges", 10));
	cr_assert_null(memmem(out.data, out.len, "tEXt", 4));
	cr_assert_null(memmem(out.data, out.len, "iTXt", 4));
	cr_assert_null(memmem(out.data, out.len, "zTXt", 4));
	cr_assert_null(memmem(out.data, out.len, "tIME", 4));
	cr_assert_eq(out.data[25], 2, "opaque RGB stays RGB");
	cr_assert_eq(out.width, 48);
	buf_free(&b);
	arena_free(a);
}

Test(image, png_formats_become_8bit_rgb_or_rgba)
{
	static const struct {
		const char *file;
		int ctype;
	} cases[] = {
	    {"png-palette.png", 6}, /* tRNS becomes alpha */
	    {"png-16bit.png", 2},
	    {"png-gray-alpha.png", 6},
	    {"png-gray-1bit.png", 2},
	};
	struct arena *a = arena_new(ARENA);

	for (size_t i = 0; i < NELEM(cases); i++) {
		struct image_out out;
		char path[256];
		struct buf b;

		snprintf(path, sizeof(path), DATA "good/%s", cases[i].file);
		slurp(path, &b);
		check_ok(a, b.data, b.len, cases[i].file, &out);
		cr_assert_eq(out.data[24], 8, "%s", cases[i].file);
		cr_assert_eq(out.data[25], cases[i].ctype, "%s", cases[i].file);
		buf_free(&b);
	}
	arena_free(a);
}

Test(image, png_huge_rejected_before_allocating)
{
	/* 64 KiB of arena: far less than any picture; libpng never runs */
	struct arena *a = arena_new(64 << 10);
	struct buf b;
	const char *msg;
	clock_t t0 = clock();

	slurp(DATA "hostile/png-huge-dimensions.png", &b);
	msg = check_fails(a, b.data, b.len, "huge");
	cr_assert_str_eq(msg,
	    "The image is 100000 pixels wide; badge images can be at most "
	    "2048 pixels wide and high.");
	cr_assert(arena_used(a) < 4096, "used %zu", arena_used(a));
	cr_assert((double)(clock() - t0) / CLOCKS_PER_SEC < 0.5);
	buf_free(&b);
	arena_free(a);
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void
add_chunk(struct buf *b, const char *type, const void *d, size_t n)
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

/* make_png builds a w x h 8-bit RGB PNG of one grey; extra is appended to
 * the zlib stream (after its end). */
static void
make_png(struct buf *b, uint32_t w, uint32_t h, const char *extra)
{
	size_t rawlen = (size_t)h * (1 + 3 * (size_t)w);
	uint8_t *raw = xcalloc(1, rawlen);
	uLongf zlen = compressBound((uLong)rawlen) + 64;
	uint8_t *z = xmalloc(zlen);
	uint8_t ihdr[13] = {0};

	for (size_t i = 0; i < rawlen; i++)
		if (i % (1 + 3 * (size_t)w) != 0)
			raw[i] = 0x80;
	cr_assert_eq(compress2(z, &zlen, raw, (uLong)rawlen, 9), Z_OK);
	if (extra != NULL) {
		memcpy(z + zlen, extra, strlen(extra));
		zlen += strlen(extra);
	}
	buf_init(b, NULL, 16 << 20);
	buf_add(b, "\x89PNG\r\n\x1a\n", 8);
	put32(ihdr, w);
	put32(ihdr + 4, h);
	ihdr[8] = 8;
	ihdr[9] = 2;
	add_chunk(b, "IHDR", ihdr, 13);
	add_chunk(b, "IDAT", z, zlen);
	add_chunk(b, "IEND", "", 0);
	free(raw);
	free(z);
}

Test(image, png_dimension_limits)
{
	struct arena *a = arena_new(ARENA);
	struct image_out out;
	const char *msg;
	struct buf b;

	make_png(&b, IMAGE_PNG_MIN_DIM, IMAGE_PNG_MAX_DIM, NULL);
	check_ok(a, b.data, b.len, "16 x 2048", &out);
	cr_assert_eq(out.width, 16);
	cr_assert_eq(out.height, 2048);
	buf_free(&b);
	make_png(&b, IMAGE_PNG_MAX_DIM, IMAGE_PNG_MAX_DIM, NULL);
	check_ok(a, b.data, b.len, "2048 x 2048", &out);
	buf_free(&b);
	make_png(&b, IMAGE_PNG_MAX_DIM + 1, 16, NULL);
	msg = check_fails(a, b.data, b.len, "2049 wide");
	cr_assert(strstr(msg, "2049 pixels wide") != NULL, "%s", msg);
	buf_free(&b);
	make_png(&b, 16, IMAGE_PNG_MAX_DIM + 1, NULL);
	msg = check_fails(a, b.data, b.len, "2049 high");
	cr_assert(strstr(msg, "2049 pixels high") != NULL, "%s", msg);
	buf_free(&b);
	make_png(&b, 16, IMAGE_PNG_MIN_DIM - 1, NULL);
	msg = check_fails(a, b.data, b.len, "15 high");
	cr_assert(strstr(msg, "16 by 15 pixels") != NULL, "%s", msg);
	buf_free(&b);
	arena_free(a);
}

Test(image, png_arena_limit_is_an_error)
{
	struct arena *a = arena_new(32 << 10);
	struct buf b;
	const char *msg;
	struct image_out out;

	make_png(&b, 256, 256, NULL); /* 192 KiB of pixels */
	cr_assert_eq(image_check(a, b.data, b.len, &out, &msg), ERR_TOOBIG);
	cr_assert_not_null(msg);
	buf_free(&b);
	arena_free(a);
}

Test(image, png_warnings_are_silent, .init = cr_redirect_stderr)
{
	struct arena *a = arena_new(ARENA);
	struct image_out out;
	struct buf b;

	/* trailing bytes after the zlib stream: libpng warns and goes on */
	make_png(&b, 32, 32, "trailing garbage");
	check_ok(a, b.data, b.len, "extra zlib data", &out);
	buf_free(&b);
	fflush(stderr);
	cr_assert_stderr_eq_str("");
	arena_free(a);
}

Test(image, size_limits)
{
	struct arena *a = arena_new(ARENA);
	size_t n = IMAGE_MAX_BYTES + 1;
	char *p = xcalloc(1, n);
	const char *msg;
	struct image_out out;

	memcpy(p, "\x89PNG\r\n\x1a\n", 8);
	cr_assert_eq(image_check(a, p, n, &out, &msg), ERR_TOOBIG);
	cr_assert(strstr(msg, "1 MB") != NULL);
	free(p);

	/* an SVG over 512 KiB, and one just under */
	struct buf b;
	buf_init(&b, NULL, 2 << 20);
	buf_adds(&b, SVG_HEAD "<title>");
	while (b.len < IMAGE_SVG_MAX_BYTES - 200)
		buf_addc(&b, 'x');
	buf_adds(&b, "</title></svg>");
	check_ok(a, b.data, b.len, "just under 512 KiB", &out);
	while (b.len <= IMAGE_SVG_MAX_BYTES)
		buf_addc(&b, ' ');
	cr_assert_eq(image_check(a, b.data, b.len, &out, &msg), ERR_TOOBIG);
	cr_assert(strstr(msg, "512 KB") != NULL);
	buf_free(&b);

	/* escaping could make the output outgrow the limit: refused */
	buf_init(&b, NULL, 2 << 20);
	buf_adds(&b, SVG_HEAD "<title>");
	while (b.len < IMAGE_SVG_MAX_BYTES - 200)
		buf_addc(&b, '>');
	buf_adds(&b, "</title></svg>");
	cr_assert_eq(image_check(a, b.data, b.len, &out, &msg), ERR_TOOBIG);
	cr_assert(strstr(msg, "After cleaning") != NULL, "%s", msg);
	buf_free(&b);
	arena_free(a);
}

/* SVG. */

Test(image, svg_canonical_output)
{
	struct arena *a = arena_new(ARENA);
	struct image_out out;

	cr_assert_str_eq(svg_clean(a,
	                     "<?xml version=\"1.0\"?>\r\n<!-- c -->\n"
	                     "<svg xmlns='http://www.w3.org/2000/svg' "
	                     "width=\"10\"  height='10' >\n  <g  fill = 'red' "
	                     "><rect width=\"1\" height=\"1\"></rect>"
	                     "<circle r='1'/></g>\n<!-- x --></svg>\n\n",
	                     &out),
	    OUT_HEAD "<g fill=\"red\"><rect width=\"1\" height=\"1\"/>"
	             "<circle r=\"1\"/></g></svg>\n");
	cr_assert_eq(out.width, 10);
	cr_assert_eq(out.height, 10);
	arena_free(a);
}

Test(image, svg_canonical_output_escapes)
{
	struct arena *a = arena_new(ARENA);
	struct image_out out;

	cr_assert_str_eq(svg_clean(a,
	                     SVG_HEAD "<text x=\"1\" font-family='a&#10;b\"c\t"
	                              "d&amp;'>&lt;&#65;&#x42;&gt; \"q\" &apos;"
	                              "<![CDATA[<x>&amp;]]>\r\n</text></svg>",
	                     &out),
	    OUT_HEAD "<text x=\"1\" font-family=\"a&#10;b&quot;c d&amp;\">"
	             "&lt;AB&gt; \"q\" '&lt;x&gt;&amp;amp;\n</text></svg>\n");
	arena_free(a);
}

Test(image, svg_namespaces_resolved)
{
	struct arena *a = arena_new(ARENA);
	struct image_out out;

	/* prefixes are resolved and written canonically */
	cr_assert_str_eq(svg_clean(a,
	                     "<s:svg xmlns:s=\"http://www.w3.org/2000/svg\" "
	                     "xmlns:l=\"http://www.w3.org/1999/xlink\" "
	                     "width=\"10\" height=\"10\"><s:rect id=\"r\"/>"
	                     "<s:use l:href=\"#r\"/></s:svg>",
	                     &out),
	    OUT_HEAD "<rect id=\"r\"/><use xlink:href=\"#r\"/></svg>\n");
	/* a prefix bound to another namespace is not XLink */
	svg_reject(a,
	    SVG_HEAD "<use xmlns:xlink=\"http://evil.example/\" "
	             "xlink:href=\"#r\"/></svg>");
	/* undeclared prefixes are not well-formed */
	svg_reject(a, SVG_HEAD "<x:rect/></svg>");
	svg_reject(a, SVG_HEAD "<rect x:y=\"1\"/></svg>");
	/* the default namespace cannot be switched away from SVG */
	svg_reject(a, SVG_HEAD "<g xmlns=\"http://evil.example/\"/></svg>");
	svg_reject(a, SVG_HEAD "<g xmlns=\"\"/></svg>");
	/* the same attribute twice, through two prefixes */
	svg_reject(a,
	    SVG_HEAD "<use xmlns:a=\"http://www.w3.org/1999/xlink\" "
	             "xmlns:b=\"http://www.w3.org/1999/xlink\" a:href=\"#x\" "
	             "b:href=\"#x\"/></svg>");
	arena_free(a);
}

Test(image, svg_editor_metadata_dropped)
{
	struct arena *a = arena_new(ARENA);
	struct image_out out;
	const char *o;
	struct buf b;

	slurp(DATA "good/svg-inkscape.svg", &b);
	check_ok(a, b.data, b.len, "inkscape", &out);
	o = (const char *)out.data;
	cr_assert_null(strstr(o, "inkscape"), "%s", o);
	cr_assert_null(strstr(o, "sodipodi"), "%s", o);
	cr_assert_null(strstr(o, "metadata"), "%s", o);
	cr_assert_null(strstr(o, "rdf"), "%s", o);
	cr_assert_not_null(strstr(o,
	    "<circle style=\"fill:#e4007c;fill-opacity:1;stroke:#ffffff;"
	    "stroke-width:2;stroke-opacity:1;marker:none\""));
	cr_assert_not_null(strstr(o, ">OK</tspan></text>"), "%s", o);
	cr_assert_eq(out.width, 242); /* 64 mm */
	cr_assert_eq(out.height, 242);
	buf_free(&b);

	slurp(DATA "good/svg-bom-comments.svg", &b);
	check_ok(a, b.data, b.len, "bom", &out);
	o = (const char *)out.data;
	cr_assert_null(strstr(o, "<!--"));
	cr_assert_null(strstr(o, "data-"));
	cr_assert_eq(out.width, 192); /* 2in */
	cr_assert_eq(out.height, 96);
	buf_free(&b);
	arena_free(a);
}

Test(image, svg_sizes)
{
	static const struct {
		const char *attrs;
		unsigned w, h;
	} cases[] = {
	    {"width=\"100\" height=\"50\"", 100, 50},
	    {"width=\"100px\" height=\" 50.4 \"", 100, 50},
	    {"width=\"12pt\" height=\"1pc\"", 16, 16},
	    {"width=\"2.54cm\" height=\"25.4mm\"", 96, 96},
	    {"viewBox=\"0 0 300 150\"", 300, 150},
	    {"viewBox=\"0,0,300,150\" width=\"600\"", 600, 300},
	    {"viewBox=\"-5 -5 300 150\" height=\"75\"", 150, 75},
	    {"width=\"100%\" height=\"100%\" viewBox=\"0 0 40 30\"", 40, 30},
	    {"width=\"1e2\" height=\"0.2\"", 100, 1},
	};
	struct arena *a = arena_new(ARENA);
	struct image_out out;
	char svg[256];

	for (size_t i = 0; i < NELEM(cases); i++) {
		snprintf(svg, sizeof(svg),
		    "<svg xmlns=\"http://www.w3.org/2000/svg\" %s/>",
		    cases[i].attrs);
		svg_clean(a, svg, &out);
		cr_assert_eq(out.width, cases[i].w, "%s: %u", svg, out.width);
		cr_assert_eq(out.height, cases[i].h, "%s: %u", svg, out.height);
	}
	svg_reject(a,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"100%\" height=\"10\"/>");
	svg_reject(a,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 -1 10\"/>");
	svg_reject(a,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"1e9\" height=\"10\"/>");
	arena_free(a);
}

Test(image, svg_references)
{
	struct arena *a = arena_new(ARENA);
	struct image_out out;

	svg_clean(a,
	    SVG_HEAD "<rect id=\"a\" fill=\"url(#g)\"/>"
	             "<rect fill=\"url( '#a' )\" stroke=\"URL(#b)\"/>"
	             "<use href=\"#nowhere\"/></svg>",
	    &out);
	svg_reject(a, SVG_HEAD "<rect fill=\"url(#a b)\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect fill=\"url(#)\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect fill=\"url('#a)\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect fill=\"url(a.svg#a)\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect fill=\"url (//evil/a)\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect fill=\"ur&#108;(//evil/a)\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect fill=\"src('//evil/a')\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect fill=\"var(--x)\"/></svg>");
	svg_reject(a, SVG_HEAD "<use href=\"#a b\"/></svg>");
	svg_reject(a, SVG_HEAD "<use href=\"\"/></svg>");
	svg_reject(a, SVG_HEAD "<use href=\"a.svg\"/></svg>");
	svg_reject(a, SVG_HEAD "<use href=\"//evil/#a\"/></svg>");
	svg_reject(a, SVG_HEAD "<use href=\"JaVaScRiPt:alert(1)\"/></svg>");
	/* a reference to an ancestor is a loop */
	svg_reject(a, SVG_HEAD "<g id=\"a\"><use href=\"#a\"/></g></svg>");
	svg_reject(a, SVG_HEAD "<g id=\"a\" clip-path=\"url(#a)\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect id=\"a b\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect id=\"\"/></svg>");
	arena_free(a);
}

Test(image, svg_use_chains)
{
	struct arena *a = arena_new(ARENA);
	struct image_out out;
	struct buf b;
	int i;

	/* 16 links of one <use> each: allowed; 18 are too deep */
	for (int links = 16; links <= 18; links += 2) {
		buf_init(&b, NULL, 1 << 20);
		buf_adds(&b, SVG_HEAD "<rect id=\"u0\"/>");
		for (i = 1; i <= links; i++)
			buf_addf(&b, "<g id=\"u%d\"><use href=\"#u%d\"/></g>",
			    i, i - 1);
		buf_adds(&b, "</svg>");
		if (links == 16)
			check_ok(a, b.data, b.len, "16 links", &out);
		else
			check_fails(a, b.data, b.len, "18 links");
		buf_free(&b);
	}
	arena_free(a);
}

Test(image, svg_style_attribute)
{
	struct arena *a = arena_new(ARENA);
	struct image_out out;

	cr_assert_str_eq(
	    svg_clean(a,
	        SVG_HEAD "<rect style=\" FILL : red ;; "
	                 "stroke:rgb(1, 2, 3) !important;"
	                 "-inkscape-x:url(http://x);filter:none\"/>"
	                 "<rect style=\"-inkscape-only:1\"/></svg>",
	        &out),
	    OUT_HEAD "<rect style=\"fill:red;stroke:rgb(1, 2, 3) "
	             "!important;filter:none\"/><rect/></svg>\n");
	svg_reject(a, SVG_HEAD "<rect style=\"behavior:url(#a)\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect style=\"fill:red/*x*/\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect style=\"fill:red}x{\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect style=\"fill:'a;b'\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect style=\"fill\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect style=\"fill:\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect style=\"@import:x\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect style=\"filter:url(#f)\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect style=\"mask:url(#m)\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect mask=\"url(#m)\"/></svg>");
	svg_reject(a, SVG_HEAD "<rect style=\"fill:u\\rl(x)\"/></svg>");
	arena_free(a);
}

Test(image, svg_elements_and_attributes)
{
	static const char *const bad[] = {
	    "<script/>",
	    "<SCRIPT/>",
	    "<style/>",
	    "<image/>",
	    "<a/>",
	    "<iframe/>",
	    "<handler/>",
	    "<animateTransform/>",
	    "<animateMotion/>",
	    "<set/>",
	    "<pattern/>",
	    "<mask/>",
	    "<marker/>",
	    "<textPath/>",
	    "<switch/>",
	    "<view/>",
	    "<cursor/>",
	    "<feImage/>",
	    "<rect onmouseover=\"x\"/>",
	    "<rect ONLOAD=\"x\"/>",
	    "<rect unknown=\"x\"/>",
	    "<rect cursor=\"pointer\"/>",
	    "<rect xml:base=\"/\"/>",
	    "<rect xml:id=\"a\"/>",
	    ("<rect xlink:title=\"a\" "
	     "xmlns:xlink=\"http://www.w3.org/1999/xlink\"/>"),
	    "<rect svg:fill=\"red\" xmlns:svg=\"http://www.w3.org/2000/svg\"/>",
	    "<rect requiredExtensions=\"x\"/>",
	    "<rect fill=\"red\" fill=\"blue\"/>",
	    "<rect fill=\"expression(alert(1))\"/>",
	    "<rect fill=\"a\\b\"/>",
	    "<metadata><script/></metadata>",
	    "<rect font-family=\"Foo (Bar)\"/>",
	};
	static const char *const good[] = {
	    "<rect data-name=\"x\" x=\"1\"/>",
	    "<metadata><rdf:RDF "
	    "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><x:y "
	    "xmlns:x=\"http://example.org/\">text</x:y></rdf:RDF></metadata>",
	    "<g transform=\"matrix(1 0 0 1 0 0) translate(1,2) scale(2) "
	    "rotate(3) skewX(1) skewY(1)\"/>",
	    "<rect fill=\"hsla(1,2%,3%,.5)\" stroke=\"#abc\" "
	    "xml:space=\"preserve\" xml:lang=\"en\"/>",
	    "<text>(parentheses) are fine in text</text>",
	    "<rect font-family=\"Foo, 'Bar Baz'\"/>",
	};
	struct arena *a = arena_new(ARENA);
	struct image_out out;
	char svg[512];

	for (size_t i = 0; i < NELEM(bad); i++) {
		snprintf(svg, sizeof(svg), SVG_HEAD "%s</svg>", bad[i]);
		svg_reject(a, svg);
	}
	for (size_t i = 0; i < NELEM(good); i++) {
		snprintf(svg, sizeof(svg), SVG_HEAD "%s</svg>", good[i]);
		svg_clean(a, svg, &out);
	}
	/* editor metadata leaves nothing behind */
	snprintf(svg, sizeof(svg), SVG_HEAD "%s</svg>", good[1]);
	cr_assert_str_eq(svg_clean(a, svg, &out),
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" "
	    "height=\"10\"/>\n");
	arena_free(a);
}

Test(image, svg_not_well_formed)
{
	static const char *const bad[] = {
	    SVG_HEAD,
	    SVG_HEAD "</g></svg>",
	    SVG_HEAD "<g>",
	    SVG_HEAD "</svg><svg/>",
	    SVG_HEAD "</svg>trailing",
	    SVG_HEAD "</svg><?pi?>",
	    "text" SVG_HEAD "</svg>",
	    SVG_HEAD "<rect x=1/></svg>",
	    SVG_HEAD "<rect x/></svg>",
	    SVG_HEAD "<rect x=\"1\"y=\"2\"/></svg>",
	    SVG_HEAD "<rect x=\"<\"/></svg>",
	    SVG_HEAD "<rect x=\"1/></svg>",
	    SVG_HEAD "<text>a & b</text></svg>",
	    SVG_HEAD "<text>&#0;</text></svg>",
	    SVG_HEAD "<text>&#xD800;</text></svg>",
	    SVG_HEAD "<text>&#x110000;</text></svg>",
	    SVG_HEAD "<text>&#xFFFE;</text></svg>",
	    SVG_HEAD "<text>&#;</text></svg>",
	    SVG_HEAD "<text>&#x;</text></svg>",
	    SVG_HEAD "<text>&amp</text></svg>",
	    SVG_HEAD "<text>]]></text></svg>",
	    SVG_HEAD "<!-- a -- b --></svg>",
	    SVG_HEAD "<!-- a </svg>",
	    SVG_HEAD "<![CDATA[x</svg>",
	    SVG_HEAD "<!ELEMENT x ANY></svg>",
	    SVG_HEAD "<!foo></svg>",
	    SVG_HEAD "< g/></svg>",
	    SVG_HEAD "<a:b:c/></svg>",
	    SVG_HEAD "<:a/></svg>",
	    " <?xml version=\"1.0\"?>" SVG_HEAD "</svg>",
	    "<?xml version=\"2.0\"?>" SVG_HEAD "</svg>",
	    "<?xml encoding=\"UTF-8\"?>" SVG_HEAD "</svg>",
	    "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>" SVG_HEAD "</svg>",
	    "<?xml version=\"1.0\" standalone=\"maybe\"?>" SVG_HEAD "</svg>",
	    "<?xml version=\"1.0\"" SVG_HEAD "</svg>",
	    "<svg/>",
	    "<svg xmlns=\"http://www.w3.org/2000/svg\"",
	    "<",
	    "<?xml version=\"1.0\"?>",
	    "<!-- only a comment -->",
	    "\xef\xbb\xbf",
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><svg "
	    "xmlns=\"http://www.w3.org/2000/svg\"/></html>",
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" "
	    "height=\"1\"><text>\xc0\xaf</text></svg>",
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" "
	    "height=\"1\"><text>\xed\xa0\x80</text></svg>",
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" "
	    "height=\"1\"><text>\xef\xbf\xbf</text></svg>",
	};
	struct arena *a = arena_new(ARENA);

	for (size_t i = 0; i < NELEM(bad); i++)
		svg_reject(a, bad[i]);
	arena_free(a);
}

Test(image, svg_limits)
{
	struct arena *a = arena_new(ARENA);
	struct image_out out;
	struct buf b;
	int i;

	/* depth: the root and 31 more are allowed, 33 levels are not */
	for (int depth = 32; depth <= 33; depth++) {
		buf_init(&b, NULL, 1 << 20);
		buf_adds(&b, SVG_HEAD);
		for (i = 1; i < depth; i++)
			buf_adds(&b, "<g>");
		for (i = 1; i < depth; i++)
			buf_adds(&b, "</g>");
		buf_adds(&b, "</svg>");
		if (depth == 32)
			check_ok(a, b.data, b.len, "depth 32", &out);
		else
			check_fails(a, b.data, b.len, "depth 33");
		buf_free(&b);
	}
	/* elements: 5000 in all are allowed, 5001 are not */
	for (int n = 5000; n <= 5001; n++) {
		buf_init(&b, NULL, 1 << 20);
		buf_adds(&b, SVG_HEAD);
		for (i = 1; i < n; i++)
			buf_adds(&b, "<g/>");
		buf_adds(&b, "</svg>");
		if (n == 5000)
			check_ok(a, b.data, b.len, "5000 elements", &out);
		else
			check_fails(a, b.data, b.len, "5001 elements");
		buf_free(&b);
	}
	/* attributes on one element */
	for (int n = IMAGE_SVG_MAX_ATTRS; n <= IMAGE_SVG_MAX_ATTRS + 1; n++) {
		buf_init(&b, NULL, 1 << 20);
		buf_adds(&b, SVG_HEAD "<rect");
		for (i = 0; i < n; i++)
			buf_addf(&b, " data-a%d=\"1\"", i);
		buf_adds(&b, "/></svg>");
		if (n == IMAGE_SVG_MAX_ATTRS)
			check_ok(a, b.data, b.len, "64 attributes", &out);
		else
			check_fails(a, b.data, b.len, "65 attributes");
		buf_free(&b);
	}
	arena_free(a);
}

Test(image, sniffing)
{
	struct arena *a = arena_new(ARENA);
	struct image_out out;
	const char *msg;

	svg_clean(a, "\xef\xbb\xbf \r\n\t" SVG_HEAD "</svg>", &out);
	msg = svg_reject(a, "GIF87a......");
	cr_assert(strstr(msg, "GIF") != NULL);
	msg = svg_reject(a, "RIFF....WEBPVP8 ");
	cr_assert(strstr(msg, "WebP") != NULL);
	msg = svg_reject(a, "%PDF-1.7");
	cr_assert(strstr(msg, "PDF") != NULL);
	msg = svg_reject(a, "   ");
	cr_assert_str_eq(msg, "This file is not a PNG or SVG image.");
	msg = svg_reject(a, "\x89PNG");
	cr_assert_str_eq(msg, "This file is not a PNG or SVG image.");
	/* a PNG signature means PNG, whatever follows */
	msg = svg_reject(a, "\x89PNG\r\n\x1a\n" SVG_HEAD "</svg>");
	cr_assert(strstr(msg, "PNG") != NULL);
	arena_free(a);
}

/* Threads: each call has its own state. */

struct job {
	const struct buf *in;
	size_t n;
	const struct image_out *want;
	bool ok;
};

static void *
run_job(void *arg)
{
	struct job *j = arg;

	j->ok = true;
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < j->n; i++) {
			struct arena *a = arena_new(ARENA);
			struct image_out out;
			const char *msg;

			if (image_check(a, j->in[i].data, j->in[i].len, &out,
			        &msg) != 0 ||
			    out.len != j->want[i].len ||
			    memcmp(out.data, j->want[i].data, out.len) != 0)
				j->ok = false;
			arena_free(a);
		}
	return NULL;
}

Test(image, thread_safe)
{
	size_t n, i;
	char **names = list_dir(DATA "good", &n);
	struct buf *in = xcalloc(n, sizeof(*in));
	struct image_out *want = xcalloc(n, sizeof(*want));
	struct arena *a = arena_new(ARENA);
	pthread_t t[4];
	struct job jobs[4];
	const char *msg;

	for (i = 0; i < n; i++) {
		char path[512];

		snprintf(path, sizeof(path), DATA "good/%s", names[i]);
		slurp(path, &in[i]);
		cr_assert_eq(
		    image_check(a, in[i].data, in[i].len, &want[i], &msg), 0);
	}
	for (i = 0; i < NELEM(t); i++) {
		jobs[i] = (struct job){in, n, want, false};
		cr_assert_eq(pthread_create(&t[i], NULL, run_job, &jobs[i]), 0);
	}
	for (i = 0; i < NELEM(t); i++) {
		cr_assert_eq(pthread_join(t[i], NULL), 0);
		cr_assert(jobs[i].ok, "thread %zu", i);
	}
	for (i = 0; i < n; i++)
		buf_free(&in[i]);
	free(in);
	free(want);
	arena_free(a);
	free_list(names, n);
}

/* The generated design. */

Test(image, colour_parse)
{
	uint8_t c[3];
	static const char *const bad[] = {"", "#", "#abc", "abcdef", "#abcdeg",
	    "#abcdef0", " #abcdef", "#abcde", "#-12345", "0x123456"};

	cr_assert_eq(image_colour_parse("#0065bD", c), 0);
	cr_assert(c[0] == 0x00 && c[1] == 0x65 && c[2] == 0xbd);
	cr_assert_eq(image_colour_parse("#FFFFFF", c), 0);
	cr_assert(c[0] == 255 && c[1] == 255 && c[2] == 255);
	for (size_t i = 0; i < NELEM(bad); i++)
		cr_assert_eq(
		    image_colour_parse(bad[i], c), ERR_INVAL, "%s", bad[i]);
	cr_assert_eq(image_colour_parse(NULL, c), ERR_INVAL);
}

Test(image, text_colour_contrast)
{
	static const uint8_t black[3] = {0, 0, 0}, white[3] = {255, 255, 255};
	double worst = 21;

	cr_assert_float_eq(image_contrast_ratio(black, white), 21.0, 1e-9);
	cr_assert_float_eq(image_contrast_ratio(white, white), 1.0, 1e-9);
	for (int r = 0; r < 256; r += 5)
		for (int g = 0; g < 256; g += 5)
			for (int b = 0; b < 256; b += 5) {
				uint8_t bg[3] = {(uint8_t)r, (uint8_t)g,
				    (uint8_t)b},
				        fg[3];
				double c;

				image_text_colour(bg, fg);
				c = image_contrast_ratio(bg, fg);
				if (c < worst)
					worst = c;
			}
	cr_assert(worst >= 4.5, "worst contrast %f", worst);
}

static const char *
gen_svg(struct arena *a, const char *name, const char *colour)
{
	struct buf b;
	struct image_out out;

	buf_init(&b, a, 1 << 20);
	cr_assert_eq(image_generate_svg(&b, name, colour), 0, "%s", name);
	check_ok(a, b.data, b.len, name, &out);
	cr_assert_eq(out.width, 256);
	cr_assert_eq(out.height, 256);
	return b.data;
}

Test(image, generated_svg)
{
	struct arena *a = arena_new(ARENA);
	const char *s;
	struct buf b;

	s = gen_svg(a, "Dementia Awareness", "#0065bd");
	cr_assert_not_null(strstr(s, "<title>Dementia Awareness</title>"));
	cr_assert_not_null(strstr(s, ">Dementia</text>"), "%s", s);
	cr_assert_not_null(strstr(s, ">Awareness</text>"), "%s", s);
	cr_assert_not_null(strstr(s, "fill=\"#0065bd\""));
	cr_assert_not_null(strstr(s, "fill=\"#ffffff\""), "white on blue");

	s = gen_svg(a, "Moving and handling people safely", "#FDD835");
	cr_assert_not_null(strstr(s, ">MHP</text>"), "%s", s);
	cr_assert_not_null(strstr(s, "fill=\"#000000\""), "black on yellow");
	cr_assert_not_null(strstr(s, "fill=\"#fdd835\""));

	s = gen_svg(a, "Food & <Hygiene>", "#333333");
	cr_assert_not_null(strstr(s, ">Food &amp;</text>"), "%s", s);
	cr_assert_not_null(strstr(s, ">&lt;Hygiene&gt;</text>"), "%s", s);

	s = gen_svg(a, "Gofal", "#333333");
	cr_assert_not_null(strstr(s, ">Gofal</text>"), "%s", s);
	s = gen_svg(a, "Safeguarding", "#333333");
	cr_assert_not_null(strstr(s, ">Safeguarding</text>"), "%s", s);
	s = gen_svg(a, "Safeguarding adults", "#333333");
	cr_assert_not_null(strstr(s, ">adults</text>"), "%s", s);
	s = gen_svg(a, "Safeguarding adults at risk of harm", "#333333");
	cr_assert_not_null(strstr(s, ">SAR</text>"), "%s", s);
	s = gen_svg(a, "Ã©cole élan", "#333333");
	s = gen_svg(a, "Supercalifragilistic", "#333333");
	cr_assert_not_null(strstr(s, ">S</text>"), "%s", s);
	s = gen_svg(a, "", "#333333");
	cr_assert_null(strstr(s, "<text"));

	buf_init(&b, a, 1 << 20);
	cr_assert_eq(image_generate_svg(&b, "x", "red"), ERR_INVAL);
	cr_assert_eq(image_generate_svg(&b, "x", "#12345"), ERR_INVAL);
	cr_assert_eq(image_generate_svg(&b, "a\nb", "#123456"), ERR_INVAL);
	cr_assert_eq(image_generate_svg(&b, "a\xff", "#123456"), ERR_INVAL);
	cr_assert_eq(image_generate_svg(&b, NULL, "#123456"), ERR_INVAL);
	buf_init(&b, a, 100);
	cr_assert_eq(image_generate_svg(&b, "x", "#123456"), ERR_TOOBIG);
	arena_free(a);
}

Test(image, generated_png)
{
	struct arena *a = arena_new(ARENA);
	static const unsigned sizes[] = {16, 256, 512};
	const void *png;
	size_t len;

	for (size_t i = 0; i < NELEM(sizes); i++) {
		struct image_out out;
		unsigned w, h, s = sizes[i];
		uint8_t *px;
		const uint8_t *q;

		cr_assert_eq(image_generate_png(a, "Dementia Awareness",
		                 "#0065bd", s, &png, &len),
		    0);
		check_ok(a, png, len, "generated", &out);
		cr_assert_eq(out.width, s);
		cr_assert_eq(out.height, s);
		cr_assert_eq(out.len, len, "generated PNG is already clean");
		cr_assert(memcmp(out.data, png, len) == 0);
		px = decode_rgba(png, len, &w, &h);
		/* inside the inner hexagon, above the text: the colour */
		q = px + 4 * ((size_t)(s * 48 / 256) * w + s / 2);
		cr_assert(
		    q[0] == 0x00 && q[1] == 0x65 && q[2] == 0xbd && q[3] == 255,
		    "%u: %02x%02x%02x%02x", s, q[0], q[1], q[2], q[3]);
		/* the ring, lighter (too thin to sample at 16 pixels) */
		q = px + 4 * ((size_t)(s * 14 / 256) * w + s / 2);
		cr_assert(s < 256 ||
		        (q[0] == 0x72 && q[1] == 0xaa && q[2] == 0xda &&
		            q[3] == 255),
		    "%u: ring %02x%02x%02x", s, q[0], q[1], q[2]);
		/* the corner is transparent */
		cr_assert_eq(px[3], 0);
		free(px);
	}
	cr_assert_eq(
	    image_generate_png(a, "x", "#0065bd", 15, &png, &len), ERR_INVAL);
	cr_assert_eq(
	    image_generate_png(a, "x", "#0065bd", 2049, &png, &len), ERR_INVAL);
	cr_assert_eq(
	    image_generate_png(a, "x", "blue", 64, &png, &len), ERR_INVAL);
	cr_assert_null(png);
	arena_free(a);

	a = arena_new(16 << 10);
	cr_assert_eq(
	    image_generate_png(a, "x", "#0065bd", 256, &png, &len), ERR_TOOBIG);
	arena_free(a);
}
