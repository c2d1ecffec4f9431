/*
 * fuzz_screen.c: the identity screen (domain/screen.h) on any bytes. Its
 * hits must be in order, not overlap, lie inside the input, start on an
 * ASCII byte (never inside a UTF-8 sequence), number at most
 * SCREEN_MAX_HITS, and be the same on a second run; an email hit holds
 * an '@', a CHI or NHS hit exactly ten digits that pass the check.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/screen.h"

static void
check(const uint8_t *data, size_t size, const struct screen_hit *h, size_t n)
{
	if (n > SCREEN_MAX_HITS || (n > 0 && h == NULL))
		abort();
	for (size_t k = 0; k < n; k++) {
		const uint8_t *p = data + h[k].start;
		size_t digits = 0, sum = 0;
		uint8_t d[10];

		if (h[k].len == 0 || h[k].start > size ||
		    h[k].len > size - h[k].start || *p >= 0x80)
			abort();
		if (k > 0 && h[k].start < h[k - 1].start + h[k - 1].len)
			abort();
		if (h[k].kind < SCREEN_NAME || h[k].kind > SCREEN_NUMBER ||
		    *screen_kind_code(h[k].kind) == '\0')
			abort();
		if (h[k].kind == SCREEN_EMAIL && !memchr(p, '@', h[k].len))
			abort();
		if (h[k].kind != SCREEN_CHI && h[k].kind != SCREEN_NHS)
			continue;
		for (size_t j = 0; j < h[k].len; j++)
			if (p[j] >= '0' && p[j] <= '9' && digits < 10)
				d[digits++] = (uint8_t)(p[j] - '0');
			else if (p[j] >= '0' && p[j] <= '9')
				abort();
		if (digits != 10)
			abort();
		for (size_t j = 0; j < 9; j++)
			sum += d[j] * (10 - j);
		if ((11 - sum % 11) % 11 != d[9])
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new(1 << 20);
	struct screen_hit *h1, *h2;
	size_t n1, n2;
	int rc;

	rc = screen_text(a, (const char *)data, size, &h1, &n1);
	if (rc != 0) {
		if (rc != ERR_TOOBIG || size <= SCREEN_MAX_TEXT || n1 != 0)
			abort();
		arena_free(a);
		return 0;
	}
	check(data, size, h1, n1);
	if (screen_text(a, (const char *)data, size, &h2, &n2) != 0 ||
	    n1 != n2 || (n1 > 0 && memcmp(h1, h2, n1 * sizeof(*h1)) != 0))
		abort();
	if (screen_has_high(h1, n1) != screen_has_high(h2, n2))
		abort();
	arena_free(a);
	return 0;
}
