/*
 * clock.c: UTC time without gmtime/localtime (banned: they are not
 * re-entrant); conversions use the days-from-civil algorithm.
 */
#include <time.h>

#include "common.h"
#include "clock.h"
#include "err.h"

static int64_t
system_now(const struct clock *c)
{
	(void)c;
	return (int64_t)time(NULL);
}

static int64_t
frozen_now(const struct clock *c)
{
	return c->frozen;
}

const struct clock clock_system = {system_now, 0};

struct clock
clock_frozen(int64_t t)
{
	struct clock c = {frozen_now, t};

	return c;
}

int64_t
clock_now(const struct clock *c)
{
	return c->now(c);
}

uint64_t
clock_real_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

uint64_t
clock_mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* Howard Hinnant's days_from_civil and civil_from_days. */
static int64_t
days_from_civil(int64_t y, int64_t m, int64_t d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int64_t *m, int64_t *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

void
clock_format(int64_t t, char *out, size_t n)
{
	int64_t days = floor_div(t, 86400), secs = t - days * 86400;
	int64_t y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, n, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
	    (long long)y, (long long)m, (long long)d, (long long)(secs / 3600),
	    (long long)(secs / 60 % 60), (long long)(secs % 60));
}

void
clock_format_date(int64_t t, char *out, size_t n)
{
	int64_t y, m, d;

	civil_from_days(floor_div(t, 86400), &y, &m, &d);
	snprintf(out, n, "%04lld-%02lld-%02lld", (long long)y, (long long)m,
	    (long long)d);
}

void
clock_format_ms(uint64_t us, char *out, size_t n)
{
	char s[32];
	int64_t t = (int64_t)(us / 1000000u);

	clock_format(t, s, sizeof(s));
	s[19] = '\0';
	snprintf(out, n, "%s.%03uZ", s, (unsigned)(us / 1000u % 1000u));
}

static bool
digits(const char *s, size_t n, int64_t *out)
{
	int64_t v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static int64_t
month_days(int64_t y, int64_t m)
{
	static const int md[] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : md[m - 1];
}

int
clock_parse(const char *s, size_t len, int64_t *t)
{
	int64_t y, mo, d, h = 0, mi = 0, se = 0, off = 0, oh, om;
	size_t i;

	if (len < 10 || !digits(s, 4, &y) || s[4] != '-' ||
	    !digits(s + 5, 2, &mo) || s[7] != '-' || !digits(s + 8, 2, &d))
		return ERR_INVAL;
	if (mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo))
		return ERR_INVAL;
	if (len == 10)
		goto done;
	if (len < 20 || (s[10] != 'T' && s[10] != 't') ||
	    !digits(s + 11, 2, &h) || s[13] != ':' || !digits(s + 14, 2, &mi) ||
	    s[16] != ':' || !digits(s + 17, 2, &se))
		return ERR_INVAL;
	if (h > 23 || mi > 59 || se > 60)
		return ERR_INVAL;
	i = 19;
	if (s[i] == '.') {
		size_t start = ++i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == start || i - start > 9)
			return ERR_INVAL;
	}
	if (i == len - 1 && (s[i] == 'Z' || s[i] == 'z')) {
		off = 0;
	} else if (i + 6 == len && (s[i] == '+' || s[i] == '-') &&
	    digits(s + i + 1, 2, &oh) && s[i + 3] == ':' &&
	    digits(s + i + 4, 2, &om) && oh <= 23 && om <= 59) {
		off = (oh * 3600 + om * 60) * (s[i] == '-' ? -1 : 1);
	} else {
		return ERR_INVAL;
	}
done:
	*t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - off;
	return 0;
}

int64_t
clock_add_months(int64_t t, int n)
{
	int64_t days = floor_div(t, 86400), secs = t - days * 86400;
	int64_t y, m, d, total;

	civil_from_days(days, &y, &m, &d);
	total = y * 12 + (m - 1) + n;
	y = floor_div(total, 12);
	m = total - y * 12 + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	return days_from_civil(y, m, d) * 86400 + secs;
}
