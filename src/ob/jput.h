/*
 * jput.h: putting members into jansson objects, as the Open Badges
 * document builders (ob2.c, ob3.c) do. Header-only: each is a line.
 */
#ifndef LAUREL_OB_JPUT_H
#define LAUREL_OB_JPUT_H

#include "core/common.h"
#include "core/clock.h"

#include <jansson.h>

/* jput_set: is s a non-empty string? */
static inline bool
jput_set(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* jput_str sets o[k] to the string v ("" for NULL). */
static inline void
jput_str(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, json_string(v ? v : ""));
}

/* jput_opt sets o[k] to v only when v is a non-empty string. */
static inline void
jput_opt(json_t *o, const char *k, const char *v)
{
	if (jput_set(v))
		jput_str(o, k, v);
}

/* jput_time sets o[k] to t as an ISO 8601 UTC date-time. */
static inline void
jput_time(json_t *o, const char *k, int64_t t)
{
	char d[32];

	clock_format(t, d, sizeof(d));
	jput_str(o, k, d);
}

#endif
