/*
 * docs.c: see docs.h.
 */
#include "core/common.h"

#include <criterion/criterion.h>

#include "lib/docs.h"

long
doc_get(const struct test_server *s, struct http_resp *out, const char *p,
    const char *accept)
{
	char h[256];
	const char *hdrs[2] = {NULL, NULL};
	size_t bl = strlen(s->base_url);

	if (strncmp(p, s->base_url, bl) == 0)
		p += bl;
	if (accept != NULL) {
		snprintf(h, sizeof(h), "Accept: %s", accept);
		hdrs[0] = h;
	}
	http_resp_free(out);
	memset(out, 0, sizeof(*out));
	cr_assert_eq(http_get(s, p, hdrs, out), 0, "%s", out->error);
	return out->status;
}

json_t *
doc_json(const struct http_resp *r)
{
	json_error_t e;
	json_t *j = json_loadb(r->body.data, r->body.len, 0, &e);

	cr_assert_not_null(j, "not JSON: %s: %.300s", e.text,
	    r->body.data ? r->body.data : "");
	return j;
}

const char *
doc_str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	cr_assert_not_null(s, "no string %s", k);
	return s;
}
