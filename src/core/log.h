/*
 * log.h: structured logging, one line per event, key=value pairs.
 *
 * Lines go to stderr (or a FILE set with log_set_output) as
 *   ts=2026-11-23T12:00:00.123Z level=info msg="..." key=value ...
 * Values containing spaces, quotes or control bytes are quoted and escaped,
 * so a line never splits and a client cannot forge fields.
 */
#ifndef LAUREL_LOG_H
#define LAUREL_LOG_H

#include "common.h"

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level l);
enum log_level log_get_level(void);
void log_set_output(FILE *f);
/* log_parse_level maps "debug", "info", "warn", "error"; -1 if unknown. */
int log_parse_level(const char *s);

/*
 * log_msg writes msg and then the key/value pairs given as a NULL-ended
 * list of const char * (key, value, key, value, ..., NULL).
 */
void log_msg(enum log_level l, const char *msg, ...);

/* log_request writes the one line per HTTP request. */
void log_request(const char *method, const char *path, unsigned status,
    size_t bytes, uint64_t micros);

#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__, (const char *)NULL)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__, (const char *)NULL)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__, (const char *)NULL)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__, (const char *)NULL)

#endif
