/*
 * form.c: strict percent-decoding and urlencoded forms (see form.h).
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/num.h"
#include "web/form.h"
#include "web/html.h"

int
url_decode(struct arena *a, const char *s, size_t len, bool plus, char **out,
    size_t *outlen)
{
	char *d = arena_alloc(a, len + 1);
	size_t o = 0;

	if (d == NULL)
		return ERR_TOOBIG;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%') {
			int hi, lo;
			if (len - i < 3)
				return ERR_INVAL;
			hi = num_hexdigit(s[i + 1]);
			lo = num_hexdigit(s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return ERR_INVAL;
			d[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (s[i] == '+' && plus) {
			d[o++] = ' ';
		} else if (s[i] == '\0') {
			return ERR_INVAL;
		} else {
			d[o++] = s[i];
		}
	}
	d[o] = '\0';
	if (!utf8_valid(d, o))
		return ERR_INVAL;
	*out = d;
	*outlen = o;
	return 0;
}

int
form_parse(struct arena *a, const char *s, size_t len, struct form_pair *pairs,
    size_t max, size_t *npairs)
{
	size_t n = 0, i = 0;
	int rc;

	*npairs = 0;
	while (i < len) {
		size_t start = i, eq = SIZE_MAX;
		for (; i < len && s[i] != '&'; i++)
			if (s[i] == '=' && eq == SIZE_MAX)
				eq = i;
		size_t end = i;
		i++; /* skip '&' */
		if (end == start)
			continue;
		if (n == max)
			return ERR_TOOBIG;
		size_t nend = eq == SIZE_MAX ? end : eq;
		if ((rc = url_decode(a, s + start, nend - start, true,
		         &pairs[n].name, &pairs[n].nlen)) != 0)
			return rc;
		if (eq == SIZE_MAX) {
			pairs[n].value = arena_strndup(a, "", 0);
			if (pairs[n].value == NULL)
				return ERR_TOOBIG;
			pairs[n].vlen = 0;
		} else if ((rc = url_decode(a, s + eq + 1, end - eq - 1, true,
		                &pairs[n].value, &pairs[n].vlen)) != 0) {
			return rc;
		}
		n++;
	}
	*npairs = n;
	return 0;
}
