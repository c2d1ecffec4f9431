/*
 * clock.h: time, always UTC, injectable.
 *
 * Domain code never calls time(): it asks a struct clock, which tests freeze
 * (clock_frozen) and production reads from the system (clock_system). Times
 * are int64 seconds since the epoch; text is ISO 8601 with a Z.
 */
#ifndef LAUREL_CLOCK_H
#define LAUREL_CLOCK_H

#include "common.h"

struct clock {
	int64_t (*now)(const struct clock *);
	int64_t frozen; /* for clock_frozen */
};

extern const struct clock clock_system;
/* clock_frozen returns a clock that always answers t (seconds). */
struct clock clock_frozen(int64_t t);
int64_t clock_now(const struct clock *c);

/* clock_real_us is wall time in microseconds, for logs only. */
uint64_t clock_real_us(void);
/* clock_mono_us is a monotonic time in microseconds, for durations. */
uint64_t clock_mono_us(void);

/* clock_format writes t as "2026-11-23T12:00:00Z" (n >= 21). */
void clock_format(int64_t t, char *out, size_t n);
/* clock_format_date writes t as "2026-11-23" (n >= 11). */
void clock_format_date(int64_t t, char *out, size_t n);
/* clock_format_ms writes a microsecond time with milliseconds. */
void clock_format_ms(uint64_t us, char *out, size_t n);
/*
 * clock_parse reads "YYYY-MM-DDTHH:MM:SS" with "Z", "+hh:mm" or "-hh:mm",
 * optional fractional seconds, or a bare "YYYY-MM-DD" (midnight UTC).
 */
MUST_CHECK int clock_parse(const char *s, size_t len, int64_t *t);
/* clock_add_months adds n calendar months, clamping the day. */
int64_t clock_add_months(int64_t t, int n);

#endif
