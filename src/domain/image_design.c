/*
 * image_design.c: the generated badge design (see image.h), as SVG text
 * and as a PNG drawn with cairo.
 *
 * Both come from one layout (struct design): a pointy-topped hexagon of
 * radius 124 in a lighter tint of the colour, a hexagon of radius 104 in the
 * colour on top, and one or two lines of text centred on it, on a 256 x 256
 * canvas that the PNG scales to its size. The PNG is passed through
 * image_check_png, so the bytes returned are exactly what an upload of them
 * would store. cairo's surface is freed on every path; everything returned
 * is in the caller's arena or buf.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/num.h"
#include "domain/image.h"

#include <cairo.h>
#include <math.h>

#define DESIGN_SIZE 256.0
#define DESIGN_OUTER 124.0
#define DESIGN_INNER 104.0
#define DESIGN_TEXT_WIDTH 150.0 /* the widest line, in canvas units */
#define DESIGN_LINE_CHARS 12    /* code points a line */
#define DESIGN_FONT "DejaVu Sans, Verdana, Arial, sans-serif"
#define DESIGN_CAIRO_FONT "sans-serif"

struct design {
	uint8_t bg[3], ring[3], fg[3];
	char line[2][4 * DESIGN_LINE_CHARS + 1];
	int nlines;
	double font_size;
	double y[2]; /* baselines */
};

/* Words that do not give an initial. */
static const char *const small_words[] = {"a", "an", "and", "at", "by", "for",
    "in", "of", "on", "the", "to", "with", "&"};

int
image_colour_parse(const char *hex, uint8_t rgb[3])
{
	int i, hi, lo;

	if (hex == NULL || hex[0] != '#' || strlen(hex) != 7)
		return ERR_INVAL;
	for (i = 0; i < 3; i++) {
		hi = num_hexdigit(hex[1 + 2 * i]);
		lo = num_hexdigit(hex[2 + 2 * i]);
		if (hi < 0 || lo < 0)
			return ERR_INVAL;
		rgb[i] = (uint8_t)(hi * 16 + lo);
	}
	return 0;
}

static double
channel_linear(uint8_t c)
{
	double s = c / 255.0;

	return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

static double
luminance(const uint8_t c[3])
{
	return 0.2126 * channel_linear(c[0]) + 0.7152 * channel_linear(c[1]) +
	    0.0722 * channel_linear(c[2]);
}

double
image_contrast_ratio(const uint8_t a[3], const uint8_t b[3])
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

void
image_text_colour(const uint8_t bg[3], uint8_t text[3])
{
	static const uint8_t white[3] = {255, 255, 255}, black[3] = {0, 0, 0};

	if (image_contrast_ratio(bg, white) >= image_contrast_ratio(bg, black))
		memcpy(text, white, 3);
	else
		memcpy(text, black, 3);
}

/* cp_len is the length of the UTF-8 sequence at p, or 0 if invalid or a
 * control character. */
static size_t
cp_len(const unsigned char *p, size_t n)
{
	size_t len, i;

	if (p[0] < 0x20 || p[0] == 0x7f)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f) ||
	    (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f))
		return 0;
	if (len == 2 && p[0] == 0xc2 && p[1] < 0xa0)
		return 0; /* C1 controls */
	if (len == 3 && p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xbe)
		return 0; /* U+FFFE, U+FFFF */
	return len;
}

/* name_ok: UTF-8 without control characters. */
static bool
name_ok(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t n = strlen(name), i = 0, k;

	while (i < n) {
		k = cp_len(p + i, n - i);
		if (k == 0)
			return false;
		i += k;
	}
	return true;
}

struct word {
	const char *p;
	size_t len; /* bytes */
	size_t cps; /* code points */
};

static bool
is_small_word(const struct word *w)
{
	size_t i, k;

	for (i = 0; i < NELEM(small_words); i++) {
		if (strlen(small_words[i]) != w->len)
			continue;
		for (k = 0; k < w->len; k++) {
			char c = w->p[k];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != small_words[i][k])
				break;
		}
		if (k == w->len)
			return true;
	}
	return false;
}

/* design_layout fills d for name on colour bg; name must be name_ok. */
static void
design_layout(struct design *d, const char *name, const uint8_t bg[3])
{
	struct word w[DESIGN_LINE_CHARS * 2 + 1];
	size_t nw = 0, i, n = strlen(name), l, maxcps = 0, cps[2] = {0, 0};
	const unsigned char *p = (const unsigned char *)name;
	bool wrap = true;
	int k;

	memset(d, 0, sizeof(*d));
	memcpy(d->bg, bg, 3);
	for (k = 0; k < 3; k++)
		d->ring[k] = (uint8_t)(bg[k] + (255 - bg[k]) * 45 / 100);
	image_text_colour(bg, d->fg);

	/* words, split on spaces */
	i = 0;
	while (i < n) {
		while (i < n && p[i] == ' ')
			i++;
		if (i == n)
			break;
		if (nw == NELEM(w)) {
			wrap = false;
			break;
		}
		w[nw].p = name + i;
		w[nw].len = 0;
		w[nw].cps = 0;
		while (i < n && p[i] != ' ') {
			size_t c = cp_len(p + i, n - i);

			i += c;
			w[nw].len += c;
			w[nw].cps++;
		}
		nw++;
	}
	if (nw == 0)
		return;

	/* the name on up to two lines, greedily */
	l = 0;
	for (i = 0; i < nw && wrap; i++) {
		size_t need = cps[l] ? cps[l] + 1 + w[i].cps : w[i].cps;

		if (w[i].cps > DESIGN_LINE_CHARS) {
			wrap = false;
		} else if (need <= DESIGN_LINE_CHARS) {
			size_t used = strlen(d->line[l]);

			if (cps[l])
				d->line[l][used++] = ' ';
			memcpy(d->line[l] + used, w[i].p, w[i].len);
			d->line[l][used + w[i].len] = '\0';
			cps[l] = need;
		} else if (l == 0) {
			l = 1;
			memcpy(d->line[1], w[i].p, w[i].len);
			d->line[1][w[i].len] = '\0';
			cps[1] = w[i].cps;
		} else {
			wrap = false;
		}
	}
	if (wrap) {
		d->nlines = (int)l + 1;
		maxcps = cps[0] > cps[1] ? cps[0] : cps[1];
		d->font_size = DESIGN_TEXT_WIDTH / (0.62 * (double)maxcps);
		if (d->font_size > 44)
			d->font_size = 44;
	} else {
		/* initials: the first letter of up to three words */
		size_t used = 0, count = 0;

		memset(d->line, 0, sizeof(d->line));
		for (i = 0; i < nw && count < 3; i++) {
			size_t c =
			    cp_len((const unsigned char *)w[i].p, w[i].len);

			if (is_small_word(&w[i]) || c == 0)
				continue;
			memcpy(d->line[0] + used, w[i].p, c);
			if (c == 1 && d->line[0][used] >= 'a' &&
			    d->line[0][used] <= 'z')
				d->line[0][used] =
				    (char)(d->line[0][used] - 'a' + 'A');
			used += c;
			count++;
		}
		if (count == 0) {
			size_t c =
			    cp_len((const unsigned char *)w[0].p, w[0].len);

			memcpy(d->line[0], w[0].p, c);
			count = 1;
		}
		d->nlines = 1;
		d->font_size = count == 1 ? 96 : count == 2 ? 84 : 64;
	}
	for (k = 0; k < d->nlines; k++)
		d->y[k] = DESIGN_SIZE / 2 + 0.36 * d->font_size -
		    (d->nlines - 1) * 0.6 * d->font_size +
		    k * 1.2 * d->font_size;
}

static void
hex_point(int i, double r, double *x, double *y)
{
	double a = (-90.0 + 60.0 * i) * M_PI / 180.0;

	*x = DESIGN_SIZE / 2 + r * cos(a);
	*y = DESIGN_SIZE / 2 + r * sin(a);
}

static void
svg_hexagon(struct buf *out, double r, const uint8_t c[3])
{
	double x, y;
	int i;

	buf_adds(out, "<polygon points=\"");
	for (i = 0; i < 6; i++) {
		hex_point(i, r, &x, &y);
		buf_addf(out, "%s%.2f,%.2f", i ? " " : "", x, y);
	}
	buf_addf(out, "\" fill=\"#%02x%02x%02x\"/>\n", c[0], c[1], c[2]);
}

static void
svg_escape(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			buf_adds(out, "&amp;");
		else if (*s == '<')
			buf_adds(out, "&lt;");
		else if (*s == '>')
			buf_adds(out, "&gt;");
		else
			buf_addc(out, *s);
	}
}

int
image_generate_svg(struct buf *out, const char *name, const char *colour_hex)
{
	struct design d;
	uint8_t bg[3];
	int i;

	if (image_colour_parse(colour_hex, bg) != 0 || name == NULL ||
	    !name_ok(name))
		return ERR_INVAL;
	design_layout(&d, name, bg);
	buf_adds(out,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"256\" height=\"256\" viewBox=\"0 0 256 256\">\n");
	buf_adds(out, "<title>");
	svg_escape(out, name);
	buf_adds(out, "</title>\n");
	svg_hexagon(out, DESIGN_OUTER, d.ring);
	svg_hexagon(out, DESIGN_INNER, d.bg);
	for (i = 0; i < d.nlines; i++) {
		buf_addf(out,
		    "<text x=\"128\" y=\"%.1f\" font-family=\"" DESIGN_FONT
		    "\" font-size=\"%.1f\" font-weight=\"bold\" "
		    "text-anchor=\"middle\" fill=\"#%02x%02x%02x\">",
		    d.y[i], d.font_size, d.fg[0], d.fg[1], d.fg[2]);
		svg_escape(out, d.line[i]);
		buf_adds(out, "</text>\n");
	}
	buf_adds(out, "</svg>\n");
	return buf_err(out);
}

static cairo_status_t
png_to_buf(void *closure, const unsigned char *data, unsigned int n)
{
	struct buf *b = closure;

	buf_add(b, data, n);
	return buf_err(b) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static void
cairo_hexagon(cairo_t *cr, double r, const uint8_t c[3])
{
	double x, y;
	int i;

	for (i = 0; i < 6; i++) {
		hex_point(i, r, &x, &y);
		if (i == 0)
			cairo_move_to(cr, x, y);
		else
			cairo_line_to(cr, x, y);
	}
	cairo_close_path(cr);
	cairo_set_source_rgb(cr, c[0] / 255.0, c[1] / 255.0, c[2] / 255.0);
	cairo_fill(cr);
}

int
image_generate_png(struct arena *a, const char *name, const char *colour_hex,
    unsigned size, const void **png, size_t *len)
{
	cairo_surface_t *sf = NULL;
	cairo_t *cr = NULL;
	cairo_text_extents_t ext;
	cairo_status_t st;
	struct design d;
	struct image_out img;
	struct buf b;
	const char *msg;
	uint8_t bg[3];
	int i, rc = ERR_INVAL;
	double fs;

	*png = NULL;
	*len = 0;
	if (image_colour_parse(colour_hex, bg) != 0 || name == NULL ||
	    !name_ok(name) || size < IMAGE_PNG_MIN_DIM ||
	    size > IMAGE_PNG_MAX_DIM)
		return ERR_INVAL;
	design_layout(&d, name, bg);

	sf = cairo_image_surface_create(
	    CAIRO_FORMAT_ARGB32, (int)size, (int)size);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS)
		fatal("cairo_image_surface_create: %s",
		    cairo_status_to_string(cairo_surface_status(sf)));
	cr = cairo_create(sf);
	cairo_scale(cr, size / DESIGN_SIZE, size / DESIGN_SIZE);
	cairo_hexagon(cr, DESIGN_OUTER, d.ring);
	cairo_hexagon(cr, DESIGN_INNER, d.bg);
	cairo_select_font_face(cr, DESIGN_CAIRO_FONT, CAIRO_FONT_SLANT_NORMAL,
	    CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_source_rgb(
	    cr, d.fg[0] / 255.0, d.fg[1] / 255.0, d.fg[2] / 255.0);
	for (i = 0; i < d.nlines; i++) {
		fs = d.font_size;
		cairo_set_font_size(cr, fs);
		cairo_text_extents(cr, d.line[i], &ext);
		if (ext.x_advance > DESIGN_TEXT_WIDTH + 20) {
			/* wider than the estimate: shrink to fit */
			fs *= (DESIGN_TEXT_WIDTH + 20) / ext.x_advance;
			cairo_set_font_size(cr, fs);
			cairo_text_extents(cr, d.line[i], &ext);
		}
		cairo_move_to(cr, DESIGN_SIZE / 2 - ext.x_advance / 2, d.y[i]);
		cairo_show_text(cr, d.line[i]);
	}
	st = cairo_status(cr);
	cairo_destroy(cr);
	if (st != CAIRO_STATUS_SUCCESS)
		fatal("cairo: %s", cairo_status_to_string(st));

	buf_init(&b, a, IMAGE_MAX_BYTES);
	st = cairo_surface_write_to_png_stream(sf, png_to_buf, &b);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS || buf_err(&b) != 0)
		return ERR_TOOBIG;
	rc = image_check_png(a, (const uint8_t *)b.data, b.len, &img, &msg);
	if (rc != 0)
		return rc;
	*png = img.data;
	*len = img.len;
	return 0;
}
