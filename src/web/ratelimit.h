/*
 * ratelimit.h: a small in-memory limit on how often one client may do
 * something expensive (checking a badge makes Laurel fetch other
 * people's servers), per server process.
 *
 * Fixed windows of window_s seconds; keys (client addresses) hash into
 * RATELIMIT_SLOTS slots, each a use count for the current window: keys
 * that share a slot share its budget (erring towards refusing, never
 * towards unlimited). Thread-safe.
 */
#ifndef LAUREL_RATELIMIT_H
#define LAUREL_RATELIMIT_H

#include "core/common.h"

#include <pthread.h>

#define RATELIMIT_SLOTS 1024

struct ratelimit_slot {
	int64_t window; /* start of the slot's window */
	unsigned used;
};

struct ratelimit {
	pthread_mutex_t lock;
	unsigned per_window;
	int64_t window_s;
	struct ratelimit_slot slots[RATELIMIT_SLOTS];
};

#define RATELIMIT_INIT(n, secs)                                                \
	{                                                                      \
		PTHREAD_MUTEX_INITIALIZER, (n), (secs),                        \
		{                                                              \
			{                                                      \
				0, 0                                           \
			}                                                      \
		}                                                              \
	}

/*
 * ratelimit_take spends one of key's uses in the window containing now
 * (Unix seconds). Returns true when allowed, false when key has used
 * per_window already.
 */
bool ratelimit_take(struct ratelimit *rl, const char *key, int64_t now);

#endif
