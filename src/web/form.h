/*
 * form.h: decoding what browsers send: percent-encoding and
 * application/x-www-form-urlencoded bodies.
 *
 * Pure functions over (pointer, length). Decoding is strict: a '%' not
 * followed by two hex digits, a decoded NUL, or invalid UTF-8 is an error
 * (ERR_INVAL), never silently passed on.
 */
#ifndef LAUREL_FORM_H
#define LAUREL_FORM_H

#include "core/common.h"

struct arena;

/*
 * url_decode decodes s into a NUL-terminated copy in arena a (with '+' as
 * space when plus is true). Returns 0, ERR_INVAL or ERR_TOOBIG.
 */
MUST_CHECK int url_decode(struct arena *a, const char *s, size_t len, bool plus,
    char **out, size_t *outlen);

/* One decoded name=value pair, both NUL-terminated. */
struct form_pair {
	char *name;
	size_t nlen;
	char *value;
	size_t vlen;
};

/*
 * form_parse splits and decodes an urlencoded body into at most max pairs
 * in arena a. Returns 0, ERR_INVAL (malformed) or ERR_TOOBIG (more pairs
 * than max).
 */
MUST_CHECK int form_parse(struct arena *a, const char *s, size_t len,
    struct form_pair *pairs, size_t max, size_t *npairs);

#endif
