/*
 * num.h: parsing numbers from untrusted text (strtonum-like).
 */
#ifndef LAUREL_NUM_H
#define LAUREL_NUM_H

#include "common.h"

/*
 * num_parse reads a decimal integer in [min, max] from exactly len bytes
 * (an optional leading '-', then digits; nothing else). Returns 0 or
 * ERR_INVAL (not a number, out of range).
 */
MUST_CHECK int num_parse(
    const char *p, size_t len, int64_t min, int64_t max, int64_t *out);

/* num_hexdigit is the value of hexadecimal digit c (either case), or -1. */
int num_hexdigit(char c);

#endif
