/*
 * fuzz_cookie.c: finding cookies in any Cookie header never crashes, and
 * a value found is a substring of the header with no ';'.
 */
#include "core/common.h"
#include "core/arena.h"
#include "web/auth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
	    "laurel_session", "laurel_csrf", "a", "x"};
	struct arena *a = arena_new(1 << 20);
	struct req r;
	char *hdr = arena_strndup(a, (const char *)data, size);

	memset(&r, 0, sizeof(r));
	r.arena = a;
	r.cookie = hdr;
	for (size_t i = 0; hdr != NULL && i < NELEM(names); i++) {
		const char *v = web_cookie(&r, names[i]);
		if (v != NULL &&
		    (strchr(v, ';') != NULL || strstr(hdr, v) == NULL))
			abort();
	}
	arena_free(a);
	return 0;
}
