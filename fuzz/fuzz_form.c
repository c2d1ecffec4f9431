/*
 * fuzz_form.c: urlencoded form and percent-decoding never crash, and what
 * they accept is valid UTF-8 without NUL bytes.
 */
#include "core/common.h"
#include "core/arena.h"
#include "web/form.h"
#include "web/html.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new(1 << 22);
	struct form_pair pairs[32];
	size_t n;
	char *out;
	size_t outlen;

	if (form_parse(a, (const char *)data, size, pairs, NELEM(pairs), &n) ==
	    0) {
		for (size_t i = 0; i < n; i++) {
			if (!utf8_valid(pairs[i].name, pairs[i].nlen) ||
			    !utf8_valid(pairs[i].value, pairs[i].vlen) ||
			    memchr(pairs[i].name, '\0', pairs[i].nlen) ||
			    memchr(pairs[i].value, '\0', pairs[i].vlen))
				abort();
		}
	}
	if (url_decode(a, (const char *)data, size, false, &out, &outlen) ==
	    0) {
		if (outlen > size || memchr(out, '\0', outlen))
			abort();
	}
	arena_free(a);
	return 0;
}
