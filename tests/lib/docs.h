/*
 * docs.h: reading the JSON documents a test server publishes (Open Badges
 * assertions, credentials, profiles): fetch one, parse it, read a string
 * out of it, each a failed assertion when it cannot.
 */
#ifndef LAUREL_TESTS_DOCS_H
#define LAUREL_TESTS_DOCS_H

#include <jansson.h>

#include "lib/server.h"

/*
 * doc_get GETs p (a path, or an absolute URL under s's base URL) with an
 * optional Accept header into out (freed first) and returns the status.
 */
long doc_get(const struct test_server *s, struct http_resp *out, const char *p,
    const char *accept);
/* doc_json parses a response body; the caller decrefs. */
json_t *doc_json(const struct http_resp *r);
/* doc_str is o's string member k (which must be there). */
const char *doc_str(json_t *o, const char *k);

#endif
