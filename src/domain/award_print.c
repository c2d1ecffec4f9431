/*
 * award_print.c: the award's sharing card (PNG) and certificate (A4 PDF),
 * drawn with cairo's toy text API, the QR code made with libqrencode
 * (award_page.h).
 *
 * Drawing is pure: given a struct award_print it touches no database and
 * no file; only award_print_of reads the badge's stored image. Output
 * goes through a struct buf in the caller's arena (a cairo write callback),
 * so a size limit is an error, never a partial file. The badge's picture
 * is a PNG: the stored one, or the generated design for an SVG badge (no
 * SVG rasteriser is linked).
 */
#include <cairo.h>
#include <cairo-pdf.h>
#include <qrencode.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "domain/award_page.h"
#include "domain/image.h"

#define FONT "sans-serif"
#define CARD_MAX_BYTES (4u << 20)
#define PDF_MAX_BYTES (8u << 20)
#define A4_W 595.276 /* points */
#define A4_H 841.890

/* ---- input ------------------------------------------------------------- */

int
award_print_of(struct app *app, struct arena *a, const struct award_page *pg,
    const char *url, struct award_print *p)
{
	const struct badge_detail *d = &pg->badge;
	const char *type;
	int rc;

	memset(p, 0, sizeof(*p));
	p->person_name = pg->award.person_name;
	p->badge_name = d->name;
	p->badge_summary = d->summary;
	p->issuer_name = pg->award.issuer_name;
	p->awarding_org_name = pg->awarding_org_name;
	p->status = pg->status;
	p->issued_at = pg->award.issued_at;
	p->expires_at = pg->award.expires_at;
	p->criteria = d->criteria;
	p->ncriteria = d->n_criteria;
	p->url = url;
	p->award_id = pg->award.id;
	if (d->image_hash[0] != '\0' && strcmp(d->image_ext, "png") == 0) {
		rc = badge_image(
		    app, a, d->image_hash, &p->png, &p->png_len, &type);
		if (rc == 0 && strcmp(type, "image/png") == 0)
			return 0;
		if (rc != 0 && rc != ERR_NOTFOUND)
			return rc;
		p->png = NULL;
		p->png_len = 0;
	}
	/* The generated design: a badge name it cannot draw (control
	 * characters) leaves the plain disc. */
	if (image_generate_png(a, d->name, d->colour[0] ? d->colour : "#0065bd",
	        512, &p->png, &p->png_len) != 0) {
		p->png = NULL;
		p->png_len = 0;
	}
	return 0;
}

/* ---- cairo helpers ----------------------------------------------------- */

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int n)
{
	struct buf *b = closure;

	buf_add(b, data, n);
	return buf_err(b) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

struct png_reader {
	const unsigned char *p;
	size_t len, off;
};

static cairo_status_t
read_png(void *closure, unsigned char *data, unsigned int n)
{
	struct png_reader *r = closure;

	if (n > r->len - r->off)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->p + r->off, n);
	r->off += n;
	return CAIRO_STATUS_SUCCESS;
}

static void
rgb(cairo_t *cr, unsigned hex)
{
	cairo_set_source_rgb(cr, ((hex >> 16) & 0xff) / 255.0,
	    ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0);
}

/*
 * draw_badge draws the picture (or a plain disc) in the square at x, y
 * with side size.
 */
static void
draw_badge(
    cairo_t *cr, const struct award_print *p, double x, double y, double size)
{
	struct png_reader rd = {p->png, p->png_len, 0};
	cairo_surface_t *img = NULL;
	double w, h, s;

	if (p->png != NULL && p->png_len > 0)
		img = cairo_image_surface_create_from_png_stream(read_png, &rd);
	if (img != NULL && cairo_surface_status(img) == CAIRO_STATUS_SUCCESS &&
	    cairo_image_surface_get_width(img) > 0 &&
	    cairo_image_surface_get_height(img) > 0) {
		w = cairo_image_surface_get_width(img);
		h = cairo_image_surface_get_height(img);
		s = size / (w > h ? w : h);
		cairo_save(cr);
		cairo_translate(
		    cr, x + (size - w * s) / 2, y + (size - h * s) / 2);
		cairo_scale(cr, s, s);
		cairo_set_source_surface(cr, img, 0, 0);
		cairo_pattern_set_filter(
		    cairo_get_source(cr), CAIRO_FILTER_GOOD);
		cairo_paint(cr);
		cairo_restore(cr);
	} else {
		cairo_arc(cr, x + size / 2, y + size / 2, size / 2, 0,
		    2 * 3.14159265358979);
		rgb(cr, 0x0065bd);
		cairo_fill(cr);
	}
	if (img != NULL)
		cairo_surface_destroy(img);
}

/*
 * wrap draws text from x, y (the first baseline) in lines no wider than
 * width, breaking at spaces, at most maxlines (the last ends in "..." when
 * cut). Returns the baseline below the last line drawn.
 */
static double
wrap_at(cairo_t *cr, struct arena *a, const char *text, double x, double y,
    double width, double leading, int maxlines, bool center)
{
	size_t n = strlen(text), start = 0;
	cairo_text_extents_t ext;
	int lines = 0;

	while (start < n && lines < maxlines) {
		size_t end = start, best = 0;
		char *line;

		while (start < n && text[start] == ' ')
			start++;
		if (start >= n)
			break;
		/* Grow to the last space that still fits. */
		for (end = start; end <= n; end++) {
			if (end != n && text[end] != ' ')
				continue;
			line = arena_strndup(a, text + start, end - start);
			if (line == NULL)
				return y;
			cairo_text_extents(cr, line, &ext);
			if (ext.x_advance > width && best != 0)
				break;
			best = end;
			if (ext.x_advance > width)
				break;
		}
		if (best == 0)
			best = n;
		line = arena_strndup(a, text + start, best - start);
		if (line == NULL)
			return y;
		if (lines == maxlines - 1 && best < n)
			line = arena_printf(a, "%s...", line);
		if (line == NULL)
			return y;
		cairo_text_extents(cr, line, &ext);
		cairo_move_to(
		    cr, center ? x + (width - ext.x_advance) / 2 : x, y);
		cairo_show_text(cr, line);
		y += leading;
		lines++;
		start = best;
	}
	return y;
}

static double
wrap(cairo_t *cr, struct arena *a, const char *text, double x, double y,
    double width, double leading, int maxlines)
{
	return wrap_at(cr, a, text, x, y, width, leading, maxlines, false);
}

/* date_words writes t as "23 November 2026" into a. */
static const char *
date_words(struct arena *a, int64_t t)
{
	static const char *const months[] = {"January", "February", "March",
	    "April", "May", "June", "July", "August", "September", "October",
	    "November", "December"};
	char d[16];
	int m, day;

	clock_format_date(t, d, sizeof(d));
	m = (d[5] - '0') * 10 + (d[6] - '0');
	day = (d[8] - '0') * 10 + (d[9] - '0');
	if (m < 1 || m > 12)
		return arena_strdup(a, d);
	return arena_printf(a, "%d %s %.4s", day, months[m - 1], d);
}

static void
font(cairo_t *cr, double size, bool bold)
{
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
	    bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

/* status_banner is the words a withdrawn or ended award carries, or NULL. */
static const char *
status_banner(const char *status)
{
	if (strcmp(status, "revoked") == 0)
		return "REVOKED";
	if (strcmp(status, "suspended") == 0)
		return "SUSPENDED";
	if (strcmp(status, "expired") == 0)
		return "EXPIRED";
	if (strcmp(status, "lapsed") == 0)
		return "LAPSED";
	return NULL;
}

/* ---- the card ---------------------------------------------------------- */

int
award_card_png(
    struct arena *a, const struct award_print *p, const void **png, size_t *len)
{
	cairo_surface_t *sf;
	cairo_t *cr;
	cairo_status_t st;
	const char *banner = status_banner(p->status);
	struct buf b;
	double y;

	*png = NULL;
	*len = 0;
	sf = cairo_image_surface_create(
	    CAIRO_FORMAT_RGB24, AWARD_CARD_W, AWARD_CARD_H);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS)
		fatal("cairo_image_surface_create: %s",
		    cairo_status_to_string(cairo_surface_status(sf)));
	cr = cairo_create(sf);
	rgb(cr, 0xffffff);
	cairo_paint(cr);
	/* A band in the design system's blue along the left. */
	rgb(cr, 0x0065bd);
	cairo_rectangle(cr, 0, 0, 24, AWARD_CARD_H);
	cairo_fill(cr);
	rgb(cr, 0xebebeb);
	cairo_rectangle(cr, 24, AWARD_CARD_H - 72, AWARD_CARD_W - 24, 72);
	cairo_fill(cr);
	draw_badge(cr, p, 72, 114, 400);

	rgb(cr, 0x333333);
	font(cr, 26, false);
	cairo_move_to(cr, 520, 130);
	cairo_show_text(cr, "Open Badge awarded to");
	rgb(cr, 0x0b0c0c);
	font(cr, 44, true);
	y = wrap(cr, a, p->person_name, 520, 186, 620, 52, 2);
	rgb(cr, 0x0065bd);
	font(cr, 40, true);
	y = wrap(cr, a, p->badge_name, 520, y + 30, 620, 48, 3);
	rgb(cr, 0x333333);
	font(cr, 26, false);
	y = wrap(cr, a,
	    arena_printf(
	        a, "Issued by %s", p->issuer_name ? p->issuer_name : ""),
	    520, y + 20, 620, 32, 2);
	if (p->awarding_org_name && p->awarding_org_name[0])
		(void)wrap(cr, a,
		    arena_printf(a, "Awarded by %s", p->awarding_org_name), 520,
		    y, 620, 32, 2);
	if (banner != NULL) {
		cairo_text_extents_t ext;
		font(cr, 36, true);
		cairo_text_extents(cr, banner, &ext);
		rgb(cr, 0xd32205);
		cairo_rectangle(cr, 72, 40, ext.x_advance + 40, 56);
		cairo_fill(cr);
		rgb(cr, 0xffffff);
		cairo_move_to(cr, 92, 81);
		cairo_show_text(cr, banner);
	}
	rgb(cr, 0x0b0c0c);
	font(cr, 24, true);
	cairo_move_to(cr, 72, AWARD_CARD_H - 28);
	cairo_show_text(cr, "Laurel");
	font(cr, 22, false);
	cairo_move_to(cr, 170, AWARD_CARD_H - 28);
	cairo_show_text(cr,
	    "Badges recognise learning. They are not evidence of competence.");

	st = cairo_status(cr);
	cairo_destroy(cr);
	if (st != CAIRO_STATUS_SUCCESS) {
		/* Text cairo cannot draw (not UTF-8): not a broken invariant
		 * worth a crash. */
		cairo_surface_destroy(sf);
		return ERR_INVAL;
	}
	buf_init(&b, a, CARD_MAX_BYTES);
	st = cairo_surface_write_to_png_stream(sf, write_buf, &b);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS || buf_err(&b) != 0)
		return ERR_TOOBIG;
	*png = b.data;
	*len = b.len;
	return 0;
}

/* ---- the certificate --------------------------------------------------- */

/* draw_qr draws a QR code of url in the square at x, y with side size,
 * with its quiet zone. Returns 0 or ERR_INVAL. */
static int
draw_qr(cairo_t *cr, const char *url, double x, double y, double size)
{
	QRcode *qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	double m;

	if (qr == NULL)
		return ERR_INVAL;
	m = size / (qr->width + 8);
	rgb(cr, 0xffffff);
	cairo_rectangle(cr, x, y, size, size);
	cairo_fill(cr);
	rgb(cr, 0x000000);
	for (int r = 0; r < qr->width; r++)
		for (int c = 0; c < qr->width; c++)
			if (qr->data[r * qr->width + c] & 1)
				cairo_rectangle(
				    cr, x + (c + 4) * m, y + (r + 4) * m, m, m);
	cairo_fill(cr);
	QRcode_free(qr);
	return 0;
}

static double
fact(cairo_t *cr, struct arena *a, const char *key, const char *value, double y)
{
	rgb(cr, 0x5e5e5e);
	font(cr, 10, true);
	cairo_move_to(cr, 60, y);
	cairo_show_text(cr, key);
	rgb(cr, 0x0b0c0c);
	font(cr, 11, false);
	return wrap(cr, a, value, 180, y, 355, 14, 3) + 4;
}

int
award_certificate_pdf(
    struct arena *a, const struct award_print *p, const void **pdf, size_t *len)
{
	cairo_surface_t *sf;
	cairo_t *cr;
	cairo_status_t st;
	const char *banner = status_banner(p->status), *title;
	struct buf b;
	double y;
	int rc = 0;

	*pdf = NULL;
	*len = 0;
	buf_init(&b, a, PDF_MAX_BYTES);
	sf = cairo_pdf_surface_create_for_stream(write_buf, &b, A4_W, A4_H);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS)
		fatal("cairo_pdf_surface_create: %s",
		    cairo_status_to_string(cairo_surface_status(sf)));
	title = arena_printf(a, "%s: %s", p->badge_name, p->person_name);
	cairo_pdf_surface_set_metadata(
	    sf, CAIRO_PDF_METADATA_TITLE, title ? title : "Laurel award");
	cairo_pdf_surface_set_metadata(
	    sf, CAIRO_PDF_METADATA_CREATOR, "Laurel");
	cr = cairo_create(sf);

	rgb(cr, 0x0065bd);
	cairo_rectangle(cr, 0, 0, A4_W, 12);
	cairo_fill(cr);
	rgb(cr, 0x5e5e5e);
	font(cr, 12, false);
	cairo_move_to(cr, 60, 60);
	cairo_show_text(
	    cr, "Laurel: Open Badges for social services in Scotland");
	draw_badge(cr, p, (A4_W - 160) / 2, 84, 160);
	if (banner != NULL) {
		cairo_text_extents_t ext;
		font(cr, 20, true);
		cairo_text_extents(cr, banner, &ext);
		rgb(cr, 0xd32205);
		cairo_rectangle(cr, 60, 84, ext.x_advance + 24, 32);
		cairo_fill(cr);
		rgb(cr, 0xffffff);
		cairo_move_to(cr, 72, 107);
		cairo_show_text(cr, banner);
	}
	rgb(cr, 0x333333);
	font(cr, 14, false);
	{
		const char *s = "This is to record that";
		cairo_text_extents_t ext;
		cairo_text_extents(cr, s, &ext);
		cairo_move_to(cr, (A4_W - ext.x_advance) / 2, 280);
		cairo_show_text(cr, s);
	}
	rgb(cr, 0x0b0c0c);
	font(cr, 26, true);
	y = wrap_at(cr, a, p->person_name, 60, 316, A4_W - 120, 30, 2, true);
	rgb(cr, 0x333333);
	font(cr, 14, false);
	y = wrap_at(
	    cr, a, "was awarded the badge", 60, y + 4, A4_W - 120, 18, 1, true);
	rgb(cr, 0x0065bd);
	font(cr, 22, true);
	y = wrap_at(cr, a, p->badge_name, 60, y + 18, A4_W - 120, 26, 3, true);
	rgb(cr, 0x333333);
	font(cr, 11, false);
	y = wrap_at(cr, a, p->badge_summary ? p->badge_summary : "", 60, y + 4,
	    A4_W - 120, 14, 4, true);

	y += 10;
	y = fact(cr, a, "Issued by", p->issuer_name, y);
	if (p->awarding_org_name && p->awarding_org_name[0])
		y = fact(cr, a, "Awarded by", p->awarding_org_name, y);
	y = fact(cr, a, "Issued on", date_words(a, p->issued_at), y);
	if (p->expires_at != 0) {
		y = fact(cr, a,
		    strcmp(p->status, "expired") == 0 ? "Expired on"
		                                      : "Expires on",
		    date_words(a, p->expires_at), y);
	} else {
		y = fact(cr, a, "Expires", "Does not expire", y);
	}
	y = fact(cr, a, "Status", award_status_label(p->status), y);
	y = fact(cr, a, "Award reference", p->award_id, y);

	rgb(cr, 0x0b0c0c);
	font(cr, 13, true);
	cairo_move_to(cr, 60, y + 12);
	cairo_show_text(cr, "Criteria met");
	y += 30;
	font(cr, 10, false);
	for (size_t i = 0; i < p->ncriteria && y < A4_H - 210; i++) {
		cairo_move_to(cr, 60, y);
		cairo_show_text(cr, arena_printf(a, "%zu.", i + 1));
		y = wrap(cr, a, p->criteria[i], 78, y, A4_W - 138, 13, 3) + 3;
	}

	/* The QR code and where it leads, at the foot of the page. */
	if ((rc = draw_qr(cr, p->url, 60, A4_H - 190, 110)) != 0)
		goto done;
	rgb(cr, 0x0b0c0c);
	font(cr, 11, true);
	cairo_move_to(cr, 186, A4_H - 160);
	cairo_show_text(cr, "Check this award");
	font(cr, 10, false);
	(void)wrap(cr, a,
	    "Scan the code or visit the address below to see the award's "
	    "current status and details.",
	    186, A4_H - 144, A4_W - 246, 13, 3);
	rgb(cr, 0x0065bd);
	font(cr, 9, false);
	cairo_move_to(cr, 186, A4_H - 104);
	cairo_show_text(cr, p->url);
	rgb(cr, 0x333333);
	font(cr, 10, true);
	cairo_move_to(cr, 60, A4_H - 56);
	cairo_show_text(cr,
	    "Badges recognise learning. They are not evidence of competence.");
done:
	cairo_show_page(cr);
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (rc != 0)
		return rc;
	if (buf_err(&b) != 0)
		return ERR_TOOBIG;
	if (st != CAIRO_STATUS_SUCCESS)
		return ERR_INVAL;
	*pdf = b.data;
	*len = b.len;
	return 0;
}
