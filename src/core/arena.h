/*
 * arena.h: per-request memory, freed all at once.
 *
 * An arena hands out memory until its limit, then returns NULL (an attacker
 * can reach the limit, so it is an error, not fatal). Out-of-memory below
 * the limit is fatal. Deferred destructors run LIFO at arena_free, before the
 * chunks are released. Nothing allocated from an arena may outlive it.
 * ARENA_DEBUG builds malloc each allocation separately so ASan sees overflows.
 */
#ifndef LAUREL_ARENA_H
#define LAUREL_ARENA_H

#include "common.h"

struct arena;

struct arena *arena_new(size_t limit);
/* arena_alloc returns zeroed, max-aligned memory, or NULL at the limit. */
void *arena_alloc(struct arena *a, size_t n);
/* arena_realloc grows p (from a) to n bytes, or returns NULL at the limit. */
void *arena_realloc(struct arena *a, void *p, size_t old, size_t n);
/* arena_strndup copies n bytes and a NUL; NULL at the limit. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* arena_defer arranges fn(p) at arena_free; returns ERR_TOOBIG at limit. */
MUST_CHECK int arena_defer(struct arena *a, void (*fn)(void *), void *p);
/* arena_used is the number of bytes handed out so far. */
size_t arena_used(const struct arena *a);
/* arena_reset runs defers and forgets all allocations, keeping one chunk. */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

#endif
