/*
 * test_core.c: clock, numbers, ids and configuration.
 */
#include <criterion/criterion.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/err.h"
#include "core/id.h"
#include "core/num.h"

Test(clock, formats_and_parses_utc)
{
	char s[32];
	int64_t t;

	clock_format(0, s, sizeof(s));
	cr_assert_str_eq(s, "1970-01-01T00:00:00Z");
	clock_format(1795437296, s, sizeof(s));
	cr_assert_str_eq(s, "2026-11-23T12:34:56Z");
	cr_assert_eq(clock_parse(s, strlen(s), &t), 0);
	cr_assert_eq(t, 1795437296);
	cr_assert_eq(clock_parse("2026-11-23T13:34:56+01:00", 25, &t), 0);
	cr_assert_eq(t, 1795437296);
	cr_assert_eq(clock_parse("2026-11-23T12:34:56.123Z", 24, &t), 0);
	cr_assert_eq(clock_parse("2024-02-29", 10, &t), 0);
	clock_format_date(t, s, sizeof(s));
	cr_assert_str_eq(s, "2024-02-29");
	cr_assert_eq(clock_parse("2023-02-29", 10, &t), ERR_INVAL);
	cr_assert_eq(clock_parse("2026-13-01", 10, &t), ERR_INVAL);
	cr_assert_eq(clock_parse("2026-11-23T25:00:00Z", 20, &t), ERR_INVAL);
	cr_assert_eq(clock_parse("2026-11-23 12:00:00Z", 20, &t), ERR_INVAL);
	cr_assert_eq(clock_parse("2026-11-23T12:00:00", 19, &t), ERR_INVAL);
}

Test(clock, add_months_clamps_day)
{
	int64_t t;
	char s[32];

	cr_assert_eq(clock_parse("2026-01-31T10:00:00Z", 20, &t), 0);
	clock_format(clock_add_months(t, 1), s, sizeof(s));
	cr_assert_str_eq(s, "2026-02-28T10:00:00Z");
	clock_format(clock_add_months(t, 13), s, sizeof(s));
	cr_assert_str_eq(s, "2027-02-28T10:00:00Z");
	clock_format(clock_add_months(t, -2), s, sizeof(s));
	cr_assert_str_eq(s, "2025-11-30T10:00:00Z");
}

Test(clock, frozen_clock_is_frozen)
{
	struct clock c = clock_frozen(1234);

	cr_assert_eq(clock_now(&c), 1234);
	cr_assert(clock_now(&clock_system) > 1700000000);
}

Test(num, parse_bounds)
{
	int64_t v;

	cr_assert_eq(num_parse("42", 2, 0, 100, &v), 0);
	cr_assert_eq(v, 42);
	cr_assert_eq(num_parse("-5", 2, -10, 10, &v), 0);
	cr_assert_eq(v, -5);
	cr_assert_eq(num_parse("101", 3, 0, 100, &v), ERR_INVAL);
	cr_assert_eq(num_parse("", 0, 0, 100, &v), ERR_INVAL);
	cr_assert_eq(num_parse("-", 1, -10, 100, &v), ERR_INVAL);
	cr_assert_eq(num_parse("1x", 2, 0, 100, &v), ERR_INVAL);
	cr_assert_eq(num_parse(" 1", 2, 0, 100, &v), ERR_INVAL);
	cr_assert_eq(num_parse("9223372036854775807", 19, 0, INT64_MAX, &v), 0);
	cr_assert_eq(
	    num_parse("9223372036854775808", 19, 0, INT64_MAX, &v), ERR_INVAL);
	cr_assert_eq(
	    num_parse("-9223372036854775808", 20, INT64_MIN, 0, &v), 0);
	cr_assert_eq(v, INT64_MIN);
}

Test(id, ids_are_random_and_url_safe)
{
	char a[ID_LEN + 1], b[ID_LEN + 1];

	id_new(a);
	id_new(b);
	cr_assert_eq(strlen(a), ID_LEN);
	cr_assert(id_valid(a, strlen(a)));
	cr_assert_str_neq(a, b);
	cr_assert_not(id_valid("short", 5));
	cr_assert_not(id_valid("AAAAAAAAAAAAAAAAAAAA/A", 22));
	cr_assert_not(id_valid("AAAAAAAAAAAAAAAAAAAA=A", 22));
}

Test(config, validates_every_value)
{
	struct config c;
	char msg[256];

	config_defaults(&c);
	cr_assert_eq(
	    config_set(&c, "listen", "0.0.0.0:9000", msg, sizeof(msg)), 0);
	cr_assert_str_eq(c.listen_host, "0.0.0.0");
	cr_assert_eq(c.listen_port, 9000);
	cr_assert_eq(config_set(&c, "listen", "[::1]:80", msg, sizeof(msg)), 0);
	cr_assert_str_eq(c.listen_host, "::1");
	cr_assert_eq(
	    config_set(&c, "listen", "nohost", msg, sizeof(msg)), ERR_INVAL);
	cr_assert(strstr(msg, "HOST:PORT") != NULL);
	cr_assert_eq(
	    config_set(&c, "listen", "h:99999", msg, sizeof(msg)), ERR_INVAL);
	cr_assert_eq(
	    config_set(&c, "listen", "a b:80", msg, sizeof(msg)), ERR_INVAL);
	cr_assert_eq(
	    config_set(&c, "base-url", "https://b.example", msg, sizeof(msg)),
	    0);
	cr_assert_eq(
	    config_set(&c, "base-url", "https://b.example/", msg, sizeof(msg)),
	    ERR_INVAL);
	cr_assert_eq(
	    config_set(&c, "base-url", "javascript:alert(1)", msg, sizeof(msg)),
	    ERR_INVAL);
	cr_assert_eq(
	    config_set(&c, "threads", "0", msg, sizeof(msg)), ERR_INVAL);
	cr_assert_eq(
	    config_set(&c, "log-level", "loud", msg, sizeof(msg)), ERR_INVAL);
	cr_assert_eq(
	    config_set(&c, "secret-key", "abc", msg, sizeof(msg)), ERR_INVAL);
	cr_assert_eq(config_set(&c, "nope", "1", msg, sizeof(msg)), ERR_INVAL);
	cr_assert(strstr(msg, "unknown option") != NULL);
	config_free(&c);
}

/* Regression: a display name in the sender was accepted here but refused
 * by mail_format, so no email was ever delivered. */
Test(config, smtp_from_is_a_bare_address)
{
	struct config c;
	char msg[256];

	config_defaults(&c);
	cr_assert_eq(config_set(&c, "smtp-from", "Laurel <x@example.org>", msg,
	                 sizeof(msg)),
	    ERR_INVAL);
	cr_assert_eq(
	    config_set(&c, "smtp-from", "badges@example.org", msg, sizeof(msg)),
	    0, "%s", msg);
	cr_assert_str_eq(c.smtp_from, "badges@example.org");
	config_free(&c);
	config_defaults(&c);
	cr_assert(strchr(c.smtp_from, '<') == NULL, "default %s", c.smtp_from);
	config_free(&c);
}

Test(config, environment_applies)
{
	struct config c;
	char msg[256];

	config_defaults(&c);
	setenv("LAUREL_DB", "postgres://x@127.0.0.1/y", 1);
	setenv("LAUREL_THREADS", "3", 1);
	cr_assert_eq(config_from_env(&c, msg, sizeof(msg)), 0);
	cr_assert_str_eq(c.db_url, "postgres://x@127.0.0.1/y");
	cr_assert_eq(c.threads, 3);
	setenv("LAUREL_THREADS", "lots", 1);
	cr_assert_eq(config_from_env(&c, msg, sizeof(msg)), ERR_INVAL);
	cr_assert(strstr(msg, "LAUREL_THREADS") != NULL, "%s", msg);
	unsetenv("LAUREL_DB");
	unsetenv("LAUREL_THREADS");
	config_free(&c);
}
