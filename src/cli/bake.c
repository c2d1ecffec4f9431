/*
 * bake.c: `laurel bake IN OUT --assertion FILE|URL`, `laurel bake IN OUT
 * --credential FILE|URL` and `laurel unbake FILE`: Open Badges 2.0 and 3.0
 * baking on the command line (ob/bake_png.h, ob/bake_svg.h), no database
 * needed.
 *
 * The image's format is told by its first bytes: the PNG signature, else
 * SVG. The assertion is read from FILE or fetched from an http(s) URL
 * (Accept: application/ld+json, redirects followed, at most
 * ASSERTION_MAX bytes), and trailing whitespace is dropped. JSON (it starts
 * with '{') is a hosted assertion: a PNG carries the JSON in its iTXt
 * "openbadges" chunk; an SVG gets verify= the assertion's id (the URL it
 * was fetched from when it has none) and the JSON as CDATA. Anything else
 * is taken as a signed assertion (a JWS): the PNG text, or the SVG's
 * verify= with no body. Baking replaces any earlier baked assertion.
 *
 * --credential bakes an Open Badges 3.0 credential the same way (REQUIREMENTS
 * §3): JSON (with its embedded proof) goes in the PNG's iTXt
 * "openbadgecredential" chunk, or as CDATA of an SVG
 * <openbadges:credential> (OB 3.0 namespace) with no verify attribute; a
 * VC-JWT is the PNG text, or the SVG's verify= with no body.
 *
 * unbake prints what is baked in FILE and a newline: the PNG text, or the
 * SVG's CDATA body when it has one, else its verify attribute. It looks for
 * an Open Badges 2.0 assertion first, then a 3.0 credential.
 */
#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>

#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/bake_png.h"
#include "ob/bake_svg.h"
#include "cli/cli.h"

#define IMAGE_MAX ((size_t)64 << 20)
#define ASSERTION_MAX ((size_t)1 << 20)

static const uint8_t png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

static int
bake_usage(void)
{
	fprintf(stderr,
	    "usage: laurel bake IN OUT --assertion FILE|URL\n"
	    "       laurel bake IN OUT --credential FILE|URL\n"
	    "       laurel unbake FILE\n");
	return 2;
}

/* slurp reads path into b (at most b's max); 0 or -1 after a message. */
static int
slurp(const char *path, struct buf *b)
{
	char tmp[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		fprintf(stderr, "laurel: cannot open %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(b, tmp, n);
	if (ferror(f) || buf_err(b)) {
		fprintf(stderr, "laurel: cannot read %s%s\n", path,
		    buf_err(b) ? ": too large" : "");
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

static size_t
on_data(char *p, size_t size, size_t n, void *ud)
{
	struct buf *b = ud;

	buf_add(b, p, size * n);
	return buf_err(b) ? 0 : size * n;
}

/* fetch GETs url into b; 0 or -1 after a message. */
static int
fetch(const char *url, struct buf *b)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL;
	long status = 0;
	CURLcode rc;

	if (c == NULL)
		return -1;
	h = curl_slist_append(
	    h, "Accept: application/ld+json, application/json");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK || status != 200) {
		fprintf(stderr, "laurel: cannot fetch %s: %s\n", url,
		    rc != CURLE_OK ? curl_easy_strerror(rc) : "not 200 OK");
		return -1;
	}
	return 0;
}

static bool
is_url(const char *s)
{
	return strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0;
}

static bool
is_png(const struct buf *b)
{
	return b->len >= 8 && memcmp(b->data, png_sig, 8) == 0;
}

static int
write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(b->data, 1, b->len, f) != b->len) {
		fprintf(stderr, "laurel: cannot write %s\n", path);
		if (f != NULL)
			fclose(f);
		return -1;
	}
	if (fclose(f) != 0) {
		fprintf(stderr, "laurel: cannot write %s\n", path);
		return -1;
	}
	return 0;
}

static int
bake(const char *in, const char *out, const char *src, bool ob3)
{
	const char *kw = ob3 ? PNG_KEYWORD_OB3 : PNG_KEYWORD_OB2;
	enum svg_ob sv = ob3 ? SVG_OB3 : SVG_OB2;
	struct buf img, as, res;
	const char *verify = NULL;
	char msg[256] = "";
	json_t *j = NULL;
	int rc = 1, brc;

	buf_init(&img, NULL, IMAGE_MAX);
	buf_init(&as, NULL, ASSERTION_MAX);
	buf_init(&res, NULL, IMAGE_MAX + 2 * ASSERTION_MAX);
	if (slurp(in, &img) != 0 ||
	    (is_url(src) ? fetch(src, &as) : slurp(src, &as)) != 0)
		goto out;
	while (as.len > 0 && strchr(" \t\r\n", as.data[as.len - 1]) != NULL)
		as.len--;
	buf_addc(&as, '\0');
	as.len--;
	if (as.len == 0) {
		fprintf(stderr, "laurel: the %s is empty\n",
		    ob3 ? "credential" : "assertion");
		goto out;
	}
	if (as.data[0] == '{') {
		j = json_loadb(as.data, as.len, 0, NULL);
		if (j == NULL) {
			fprintf(stderr, "laurel: the assertion is not JSON\n");
			goto out;
		}
		/* OB 3.0: no verify attribute with an embedded proof. */
		if (!ob3) {
			verify = json_string_value(json_object_get(j, "id"));
			if (verify == NULL && is_url(src))
				verify = src;
		}
	}
	if (is_png(&img))
		brc = png_bake((const uint8_t *)img.data, img.len, kw, as.data,
		    as.len, &res, msg, sizeof(msg));
	else if (j != NULL)
		brc = svg_bake(img.data, img.len, sv, verify,
		    verify ? strlen(verify) : 0, as.data, as.len, &res, msg,
		    sizeof(msg));
	else
		brc = svg_bake(img.data, img.len, sv, as.data, as.len, NULL, 0,
		    &res, msg, sizeof(msg));
	if (brc != 0) {
		fprintf(stderr, "laurel: cannot bake %s: %s\n", in,
		    msg[0] ? msg : "failed");
		goto out;
	}
	if (write_file(out, &res) != 0)
		goto out;
	rc = 0;
out:
	json_decref(j);
	buf_free(&img);
	buf_free(&as);
	buf_free(&res);
	return rc;
}

static int
unbake(const char *in)
{
	struct buf img, text, verify;
	bool has_verify = false;
	char msg[256] = "";
	int rc = 1, brc;

	buf_init(&img, NULL, IMAGE_MAX);
	buf_init(&text, NULL, PNG_MAX_TEXT);
	buf_init(&verify, NULL, PNG_MAX_TEXT);
	if (slurp(in, &img) != 0)
		goto out;
	if (is_png(&img))
		brc = png_unbake((const uint8_t *)img.data, img.len,
		    PNG_KEYWORD_OB2, &text, msg, sizeof(msg));
	else
		brc = svg_unbake(img.data, img.len, SVG_OB2, &verify,
		    &has_verify, &text, msg, sizeof(msg));
	if (brc == ERR_NOTFOUND) {
		buf_reset(&text);
		buf_reset(&verify);
		has_verify = false;
		if (is_png(&img))
			brc = png_unbake((const uint8_t *)img.data, img.len,
			    PNG_KEYWORD_OB3, &text, msg, sizeof(msg));
		else
			brc = svg_unbake(img.data, img.len, SVG_OB3, &verify,
			    &has_verify, &text, msg, sizeof(msg));
	}
	if (brc == ERR_NOTFOUND) {
		fprintf(stderr, "laurel: no Open Badges assertion in %s\n", in);
		goto out;
	}
	if (brc != 0) {
		fprintf(stderr, "laurel: cannot unbake %s: %s\n", in,
		    msg[0] ? msg : "failed");
		goto out;
	}
	if (text.len == 0 && has_verify) {
		fwrite(verify.data, 1, verify.len, stdout);
	} else {
		fwrite(text.data, 1, text.len, stdout);
	}
	putchar('\n');
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	buf_free(&img);
	buf_free(&text);
	buf_free(&verify);
	return rc;
}

int
cli_bake(int argc, char **argv)
{
	const char *in = NULL, *out = NULL, *src = NULL;
	bool ob3 = false;

	if (strcmp(argv[1], "unbake") == 0)
		return argc == 3 ? unbake(argv[2]) : bake_usage();
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--assertion") == 0 && i + 1 < argc)
			src = argv[++i];
		else if (strncmp(argv[i], "--assertion=", 12) == 0)
			src = argv[i] + 12;
		else if (strcmp(argv[i], "--credential") == 0 && i + 1 < argc) {
			src = argv[++i];
			ob3 = true;
		} else if (strncmp(argv[i], "--credential=", 13) == 0) {
			src = argv[i] + 13;
			ob3 = true;
		} else if (in == NULL)
			in = argv[i];
		else if (out == NULL)
			out = argv[i];
		else
			return bake_usage();
	}
	if (in == NULL || out == NULL || src == NULL)
		return bake_usage();
	return bake(in, out, src, ob3);
}
