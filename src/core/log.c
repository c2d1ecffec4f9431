/*
 * log.c: structured logging (see log.h). Thread-safe: each line is built in
 * a local buffer and written with one fwrite under a mutex.
 */
#include <pthread.h>
#include <time.h>

#include "common.h"
#include "buf.h"
#include "clock.h"
#include "log.h"

static enum log_level log_level = LOG_INFO;
static FILE *log_out;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

static const char *const level_names[] = {"debug", "info", "warn", "error"};

void
log_set_level(enum log_level l)
{
	log_level = l;
}

enum log_level
log_get_level(void)
{
	return log_level;
}

void
log_set_output(FILE *f)
{
	log_out = f;
}

int
log_parse_level(const char *s)
{
	for (size_t i = 0; i < NELEM(level_names); i++)
		if (strcmp(s, level_names[i]) == 0)
			return (int)i;
	return -1;
}

static void
log_value(struct buf *b, const char *v)
{
	bool quote = *v == '\0';

	for (const char *p = v; *p && !quote; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '=' ||
		    *p == '\\' || (unsigned char)*p == 0x7f)
			quote = true;
	if (!quote) {
		buf_adds(b, v);
		return;
	}
	buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_addf(b, "\\%c", *p);
		else if (*p == '\n')
			buf_adds(b, "\\n");
		else if (*p < ' ' || *p == 0x7f)
			buf_addf(b, "\\x%02x", *p);
		else
			buf_addc(b, (char)*p);
	}
	buf_addc(b, '"');
}

static void
log_emit(struct buf *b)
{
	FILE *f = log_out ? log_out : stderr;

	buf_addc(b, '\n');
	pthread_mutex_lock(&log_mu);
	fwrite(b->data, 1, b->len, f);
	fflush(f);
	pthread_mutex_unlock(&log_mu);
}

static void
log_start(struct buf *b, enum log_level l, const char *msg)
{
	char ts[40];

	clock_format_ms(clock_real_us(), ts, sizeof(ts));
	buf_addf(b, "ts=%s level=%s msg=", ts, level_names[l]);
	log_value(b, msg);
}

void
log_msg(enum log_level l, const char *msg, ...)
{
	struct buf b;
	va_list ap;
	const char *k, *v;

	if (l < log_level)
		return;
	buf_init(&b, NULL, 16384);
	log_start(&b, l, msg);
	va_start(ap, msg);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		buf_addf(&b, " %s=", k);
		log_value(&b, v ? v : "");
	}
	va_end(ap);
	log_emit(&b);
	buf_free(&b);
}

void
log_request(const char *method, const char *path, unsigned status, size_t bytes,
    uint64_t micros)
{
	struct buf b;

	if (LOG_INFO < log_level)
		return;
	buf_init(&b, NULL, 16384);
	log_start(&b, LOG_INFO, "request");
	buf_adds(&b, " method=");
	log_value(&b, method);
	buf_adds(&b, " path=");
	log_value(&b, path);
	buf_addf(&b, " status=%u bytes=%zu us=%llu", status, bytes,
	    (unsigned long long)micros);
	log_emit(&b);
	buf_free(&b);
}
