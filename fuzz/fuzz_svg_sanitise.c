/*
 * fuzz_svg_sanitise.c: libFuzzer target for the SVG sanitiser
 * (src/domain/image_svg.c).
 *
 * Besides not crashing, it checks on every input the sanitiser accepts
 * that the output is accepted again and comes back byte for byte
 * (idempotence), and that the output, read independently, holds only
 * allowlisted elements and no declarations or processing instructions.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/image.h"

static const char *const allowed[] = {"svg", "g", "path", "rect", "circle",
    "ellipse", "line", "polyline", "polygon", "text", "tspan", "title", "desc",
    "defs", "linearGradient", "radialGradient", "stop", "clipPath", "use",
    "symbol"};

static bool
is_allowed(const char *p, size_t n)
{
	for (size_t a = 0; a < NELEM(allowed); a++)
		if (strlen(allowed[a]) == n && memcmp(allowed[a], p, n) == 0)
			return true;
	return false;
}

/*
 * check_output reads the sanitised SVG with a second, simple scanner of
 * the canonical form: <name( attr="value")*> or />, </name>, text.
 */
static void
check_output(const char *p, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		if (p[i] != '<') {
			i++;
			continue;
		}
		i++;
		if (i < len && (p[i] == '!' || p[i] == '?'))
			fatal("sanitised SVG has <! or <?");
		bool end = i < len && p[i] == '/';
		i += end;
		for (n = 0; i + n < len && p[i + n] != ' ' && p[i + n] != '>' &&
		     p[i + n] != '/';
		     n++)
			;
		if (!is_allowed(p + i, n))
			fatal(
			    "sanitised SVG has element <%.*s>", (int)n, p + i);
		i += n;
		while (!end && i < len && p[i] == ' ') {
			const char *eqq = memmem(p + i, len - i, "=\"", 2);
			const char *q;

			if (eqq == NULL)
				fatal("attribute without a value");
			if (eqq - (p + i) > 2 && (p[i + 1] | 0x20) == 'o' &&
			    (p[i + 2] | 0x20) == 'n')
				fatal("event handler in output");
			q = memchr(eqq + 2, '"', len - (size_t)(eqq + 2 - p));
			if (q == NULL)
				fatal("unterminated attribute value");
			if (memchr(eqq + 2, '<', (size_t)(q - eqq - 2)) != NULL)
				fatal("'<' in attribute value");
			i = (size_t)(q - p) + 1;
		}
		if (i < len && p[i] == '/')
			i++;
		if (i >= len || p[i] != '>')
			fatal("tag not closed canonically");
		i++;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new(64u << 20);
	struct image_out out, again;
	const char *msg;
	int rc;

	rc = image_check_svg(a, (const char *)data, size, &out, &msg);
	if (rc != 0) {
		if (msg == NULL || *msg == '\0' || out.data != NULL)
			fatal("rejection without a message, or with output");
		if (rc != ERR_INVAL && rc != ERR_TOOBIG)
			fatal("unexpected rc %d", rc);
	} else {
		if (out.len > IMAGE_SVG_MAX_BYTES || out.width == 0 ||
		    out.height == 0)
			fatal("bad output size or dimensions");
		check_output((const char *)out.data, out.len);
		rc = image_check_svg(
		    a, (const char *)out.data, out.len, &again, &msg);
		if (rc != 0)
			fatal("sanitised SVG rejected: %s", msg);
		if (again.len != out.len ||
		    memcmp(again.data, out.data, out.len) != 0 ||
		    again.width != out.width || again.height != out.height)
			fatal("sanitising is not idempotent");
	}
	arena_free(a);
	return 0;
}
