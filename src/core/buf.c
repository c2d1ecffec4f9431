/*
 * buf.c: the growable string (see buf.h).
 */
#include "common.h"
#include "arena.h"
#include "buf.h"
#include "err.h"

static char buf_empty[1];

void
buf_init(struct buf *b, struct arena *a, size_t max)
{
	b->data = buf_empty;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->err = 0;
	b->arena = a;
}

static bool
buf_grow(struct buf *b, size_t extra)
{
	size_t want, ncap;
	char *p;

	if (b->err)
		return false;
	if (extra > b->max || b->len > b->max - extra) {
		b->err = ERR_TOOBIG;
		return false;
	}
	want = b->len + extra + 1;
	if (want <= b->cap)
		return true;
	ncap = b->cap ? b->cap : 64;
	while (ncap < want)
		ncap = ncap > SIZE_MAX / 2 ? want : ncap * 2;
	if (ncap > b->max + 1)
		ncap = b->max + 1;
	if (b->arena != NULL) {
		p = arena_realloc(b->arena, b->cap ? b->data : NULL,
		    b->cap ? b->len + 1 : 0, ncap);
		if (p == NULL) {
			b->err = ERR_TOOBIG;
			return false;
		}
	} else {
		p = xrealloc(b->cap ? b->data : NULL, ncap);
	}
	if (b->cap == 0)
		p[0] = '\0';
	b->data = p;
	b->cap = ncap;
	return true;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n == 0 || !buf_grow(b, n))
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (b->err)
		return;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->err = ERR_INVAL;
		return;
	}
	if (n == 0 || !buf_grow(b, (size_t)n))
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->err = 0;
	if (b->cap)
		b->data[0] = '\0';
}

int
buf_err(const struct buf *b)
{
	return b->err;
}

char *
buf_detach(struct buf *b, size_t *len)
{
	char *p;

	if (b->err) {
		if (b->arena == NULL)
			buf_free(b);
		buf_init(b, b->arena, b->max);
		return NULL;
	}
	if (b->cap == 0)
		p = b->arena ? arena_strndup(b->arena, "", 0) : xstrndup("", 0);
	else
		p = b->data;
	if (len != NULL)
		*len = b->len;
	buf_init(b, b->arena, b->max);
	return p;
}

void
buf_free(struct buf *b)
{
	if (b->arena == NULL && b->cap)
		free(b->data);
	b->data = buf_empty;
	b->len = 0;
	b->cap = 0;
}
