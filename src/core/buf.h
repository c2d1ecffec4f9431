/*
 * buf.h: the project's only growable string type.
 *
 * Invariants (as git's strbuf.h): after buf_init, data != NULL and
 * data[len] == '\0'; len < cap <= max + 1. Appends past max set the sticky
 * err to ERR_TOOBIG and do nothing further (sqlite3_str); renderers check
 * buf_err once at the end. A buf whose arena is NULL owns heap memory and is
 * released with buf_free; an arena buf is released with its arena.
 */
#ifndef LAUREL_BUF_H
#define LAUREL_BUF_H

#include "common.h"

struct arena;

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max; /* mandatory cap on len (curl dynbuf) */
	int err;    /* sticky ERR_TOOBIG */
	struct arena *arena;
};

/* buf_init prepares b to hold at most max bytes, from arena a or the heap. */
void buf_init(struct buf *b, struct arena *a, size_t max);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void buf_vaddf(struct buf *b, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
/* buf_reset empties b and clears err, keeping its memory. */
void buf_reset(struct buf *b);
/* buf_err returns 0 or ERR_TOOBIG. */
MUST_CHECK int buf_err(const struct buf *b);
/*
 * buf_detach hands the contents to the caller (heap bufs: free() it) and
 * re-initialises b; NULL if err is set.
 */
char *buf_detach(struct buf *b, size_t *len);
/* buf_free releases a heap buf's memory; safe on a zeroed or freed buf. */
void buf_free(struct buf *b);

#endif
