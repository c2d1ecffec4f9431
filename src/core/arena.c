/*
 * arena.c: per-request arena (see arena.h).
 *
 * Memory comes from a list of chunks; large requests get a chunk of their
 * own. The arena owns every chunk and every deferred destructor; arena_free
 * runs the destructors in reverse order and releases the chunks. With
 * ARENA_DEBUG every allocation is its own malloc, so ASan sees overflows.
 */
#include "common.h"
#include "arena.h"

#define ARENA_CHUNK 8192
#define ARENA_ALIGN 16

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	size_t used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena_defer {
	struct arena_defer *next;
	void (*fn)(void *);
	void *p;
};

struct arena {
	struct arena_chunk *chunks;
	struct arena_defer *defers;
	size_t limit;
	size_t used;
};

struct arena *
arena_new(size_t limit)
{
	struct arena *a = xcalloc(1, sizeof(*a));

	a->limit = limit;
	return a;
}

static size_t
arena_round(size_t n)
{
	return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c;
	size_t need, size;

	if (n > a->limit || a->used > a->limit - n)
		return NULL;
	need = arena_round(n ? n : 1);
#ifdef ARENA_DEBUG
	size = need;
	c = xmalloc(sizeof(*c) + size);
	c->size = size;
	c->used = 0;
	c->next = a->chunks ? a->chunks->next : NULL;
	if (a->chunks)
		a->chunks->next = c;
	else
		a->chunks = c;
#else
	c = a->chunks;
	if (c == NULL || c->size - c->used < need) {
		size = need > ARENA_CHUNK / 2 ? need : ARENA_CHUNK;
		c = xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		if (need > ARENA_CHUNK / 2 && a->chunks != NULL) {
			/* a big one-off: keep the current chunk in front */
			c->next = a->chunks->next;
			a->chunks->next = c;
		} else {
			c->next = a->chunks;
			a->chunks = c;
		}
	}
#endif
	void *p = c->data + c->used;
	c->used += need;
	a->used += n;
	memset(p, 0, n);
	return p;
}

void *
arena_realloc(struct arena *a, void *p, size_t old, size_t n)
{
	void *q;

	if (n <= old)
		return p;
	q = arena_alloc(a, n);
	if (q == NULL)
		return NULL;
	if (p != NULL && old > 0)
		memcpy(q, p, old);
	return q;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX)
		return NULL;
	p = arena_alloc(a, n + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	p = arena_alloc(a, (size_t)n + 1);
	if (p == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

int
arena_defer(struct arena *a, void (*fn)(void *), void *p)
{
	struct arena_defer *d = arena_alloc(a, sizeof(*d));

	if (d == NULL)
		return -2; /* ERR_TOOBIG */
	d->fn = fn;
	d->p = p;
	d->next = a->defers;
	a->defers = d;
	return 0;
}

size_t
arena_used(const struct arena *a)
{
	return a->used;
}

static void
arena_run_defers(struct arena *a)
{
	struct arena_defer *d = a->defers;

	a->defers = NULL;
	for (; d != NULL; d = d->next)
		d->fn(d->p);
}

void
arena_reset(struct arena *a)
{
	struct arena_chunk *c, *next;

	arena_run_defers(a);
	if (a->chunks == NULL)
		return;
	for (c = a->chunks->next; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->chunks->next = NULL;
	a->chunks->used = 0;
#ifdef ARENA_DEBUG
	free(a->chunks);
	a->chunks = NULL;
#endif
	a->used = 0;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	if (a == NULL)
		return;
	arena_run_defers(a);
	for (c = a->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}
