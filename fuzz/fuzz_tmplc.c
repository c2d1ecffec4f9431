/*
 * fuzz_tmplc.c: the template compiler must never crash or leak on any
 * input; when it succeeds, the generated code must be well formed enough
 * that its braces balance.
 */
#include <stddef.h>
#include <stdint.h>

#define TMPLC_NO_MAIN
#include "../tools/tmplc.c"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tmplc_result r;
	long depth = 0;
	size_t i;

	if (tmplc_compile("fuzz", (const char *)data, size, &r) == 0) {
		bool in_str = false;

		/* Braces outside string literals must balance. */
		for (i = 0; i < r.code.len; i++) {
			char ch = r.code.p[i];

			if (in_str && ch == '\\') {
				i++;
				continue;
			}
			if (ch == '"')
				in_str = !in_str;
			else if (!in_str && ch == '{')
				depth++;
			else if (!in_str && ch == '}')
				depth--;
			if (depth < 0)
				abort();
		}
		if (depth != 0 || in_str)
			abort();
	} else if (r.err_msg[0] == '\0' || r.err_line < 1) {
		abort();
	}
	tmplc_result_free(&r);
	return 0;
}
