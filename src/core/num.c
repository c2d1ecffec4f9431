/*
 * num.c: bounded integer parsing without strtol.
 */
#include "common.h"
#include "err.h"
#include "num.h"

int
num_parse(const char *p, size_t len, int64_t min, int64_t max, int64_t *out)
{
	bool neg = false;
	uint64_t v = 0, limit;
	size_t i = 0;

	if (len == 0 || len > 20)
		return ERR_INVAL;
	if (p[0] == '-') {
		neg = true;
		i = 1;
		if (len == 1)
			return ERR_INVAL;
	}
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < len; i++) {
		if (p[i] < '0' || p[i] > '9')
			return ERR_INVAL;
		unsigned dgt = (unsigned)(p[i] - '0');
		if (v > (limit - dgt) / 10)
			return ERR_INVAL;
		v = v * 10 + dgt;
	}
	int64_t r = neg
	    ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v)
	    : (int64_t)v;
	if (r < min || r > max)
		return ERR_INVAL;
	*out = r;
	return 0;
}

int
num_hexdigit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
