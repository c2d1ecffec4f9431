/*
 * fileserver.h: a static file server on 127.0.0.1 for tests that need
 * "the rest of the web": Open Badges fixtures that link to other
 * documents, served from a directory (libmicrohttpd, its own thread).
 *
 * GET /PATH serves ROOT/PATH (no "..", 404 otherwise) as
 * application/ld+json (.json), image/png, image/svg+xml or text/plain.
 * A few paths under /_/ misbehave on purpose: /_/redirect/N redirects N
 * times before answering {}, /_/big answers 3 MB, /_/gone answers 410.
 */
#ifndef LAUREL_TESTS_FILESERVER_H
#define LAUREL_TESTS_FILESERVER_H

#include "core/common.h"

struct fileserver {
	void *daemon;
	unsigned port;
	char root[512];
	char base[64]; /* http://127.0.0.1:PORT/ (with the slash) */
};

/* fileserver_start serves root on a free port; aborts the test on failure. */
void fileserver_start(struct fileserver *s, const char *root);
void fileserver_stop(struct fileserver *s);

#endif
