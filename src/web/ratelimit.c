/*
 * ratelimit.c: see ratelimit.h. One mutex per limiter; the work under it
 * is a hash and a few comparisons.
 */
#include "core/common.h"
#include "web/ratelimit.h"

static size_t
slot_of(const char *key)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */

	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		h ^= *p;
		h *= 1099511628211u;
	}
	return (size_t)(h % RATELIMIT_SLOTS);
}

bool
ratelimit_take(struct ratelimit *rl, const char *key, int64_t now)
{
	struct ratelimit_slot *s = &rl->slots[slot_of(key)];
	int64_t window = now - now % rl->window_s;
	bool ok;

	if (pthread_mutex_lock(&rl->lock) != 0)
		fatal("ratelimit: lock failed");
	if (s->window != window) {
		/* A new window: a new budget. */
		s->window = window;
		s->used = 0;
	}
	ok = s->used < rl->per_window;
	if (ok)
		s->used++;
	pthread_mutex_unlock(&rl->lock);
	return ok;
}
