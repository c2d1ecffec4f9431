/*
 * fuzz_multipart.c: the multipart/form-data parser never crashes or reads
 * outside the body, and what it accepts keeps its promises: parts in
 * order inside the body, names non-empty valid UTF-8 without control
 * characters, filenames likewise (or NULL), boundaries 1 to 70 bytes.
 *
 * Input: one byte giving the size of the parts array (0 to 15), then the
 * Content-Type value up to the first '\n', then the body.
 */
#include "core/common.h"
#include "core/arena.h"
#include "web/html.h"
#include "web/multipart.h"

static void
check_name(const char *s, size_t n, bool empty_ok)
{
	if (s == NULL || strlen(s) != n || (n == 0 && !empty_ok) ||
	    !utf8_valid(s, n))
		abort();
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a;
	struct multipart_part parts[15];
	const char *nl, *body, *b;
	char *ct;
	size_t max, ctlen, len, n, bl;

	if (size < 1)
		return 0;
	max = data[0] % 16;
	nl = memchr(data + 1, '\n', size - 1);
	if (nl == NULL)
		return 0;
	ctlen = (size_t)(nl - (const char *)(data + 1));
	body = nl + 1;
	len = size - 1 - ctlen - 1;
	a = arena_new(1 << 22);
	ct = arena_strndup(a, (const char *)data + 1, ctlen);
	if (multipart_boundary(ct, &b, &bl) == 0) {
		if (bl == 0 || bl > MULTIPART_MAX_BOUNDARY || b < ct ||
		    b + bl > ct + strlen(ct) || !multipart_is_form(ct))
			abort();
	}
	if (multipart_parse(a, ct, body, len, parts, max, &n) == 0) {
		const char *prev = body;
		if (n > max)
			abort();
		for (size_t i = 0; i < n; i++) {
			const struct multipart_part *p = &parts[i];
			check_name(p->name, p->nlen, false);
			if (p->filename != NULL)
				check_name(p->filename, p->flen, true);
			if (p->data == NULL || p->data < prev || p->len > len ||
			    p->data + p->len > body + len)
				abort();
			prev = p->data + p->len;
		}
	} else if (n != 0) {
		abort();
	}
	arena_free(a);
	return 0;
}
