/*
 * http.h: a request and its response, as handlers see them.
 *
 * Everything a request allocates comes from req->arena and is freed after
 * the response has been written; handlers never call free. The path and
 * parameters are already decoded and validated against the route's
 * declaration: handlers receive only what the route declared.
 */
#ifndef LAUREL_HTTP_H
#define LAUREL_HTTP_H

#include "core/common.h"
#include "core/buf.h"
#include "core/id.h"
#include "domain/app.h"

struct arena;
struct route;
struct site;

#define HTTP_MAX_PARAMS 128
#define HTTP_MAX_PATH_PARAMS 4
#define HTTP_MAX_HEADERS 12

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_OTHER };

/*
 * A validated parameter. For text (filename == NULL) value is decoded,
 * valid UTF-8 and NUL-terminated. For a file (filename != NULL) value is
 * the file's len bytes, binary and not NUL-terminated, and filename is
 * its name (valid UTF-8 without control characters; "" when the form's
 * file input was left empty, and then len is 0).
 */
struct http_param {
	const char *name;
	const char *value;
	size_t len;
	const char *filename;
};

struct req {
	struct arena *arena;
	struct app *app;
	const struct site *site;
	enum http_method method;
	const char *method_name;
	const char *path; /* decoded */
	const struct route *route;
	const char *path_params[HTTP_MAX_PATH_PARAMS];
	struct http_param params[HTTP_MAX_PARAMS];
	size_t nparams;
	const char *accept;
	const char *if_none_match;
	bool wants_json;
	const char *body;
	size_t body_len;
	const char *content_type;
	char request_id[ID_LEN + 1];
	const char *ip;         /* the client's address */
	const char *user_agent; /* "" if none */
	const char *cookie;     /* the Cookie header, or NULL */
	/* Set by web_session_load before the policy runs: */
	struct session *session; /* NULL when not signed in */
	char csrf[44];           /* the token forms carry */
	const char *csrf_seed;   /* the laurel_csrf cookie */
	const char *csrf_sent;   /* the csrf_token a form sent, or NULL */
};

struct resp {
	unsigned status;
	const char *content_type;
	struct buf body;
	/* A body that outlives the request (static assets): not copied. */
	const void *static_body;
	size_t static_len;
	const char *headers[HTTP_MAX_HEADERS][2];
	size_t nheaders;
	const char *error_message; /* for error pages */
};

/*
 * req_param returns the validated value of a declared text parameter (the
 * first, for PARAM_IDS) or NULL; never a file's data.
 */
const char *req_param(const struct req *r, const char *name);
/* req_text is req_param with "" for a parameter that was not sent. */
const char *req_text(const struct req *r, const char *name);
/*
 * req_file returns the bytes of the declared PARAM_FILE name, storing
 * their number in *len and, when filename is not NULL, the file's name in
 * *filename. Returns NULL (and *len 0, *filename NULL) when no such part
 * was sent or its file input was left empty. The data are not
 * NUL-terminated and may be empty (a chosen file of 0 bytes).
 */
const char *req_file(
    const struct req *r, const char *name, size_t *len, const char **filename);
/*
 * req_params stores in out[0..max) the first max values of the repeated
 * parameter name (PARAM_IDS), in the order they were sent, and returns how
 * many were sent: a result above max means out was too small.
 */
size_t req_params(
    const struct req *r, const char *name, const char **out, size_t max);
/* resp_header adds a header; names and values must be constant or arena. */
void resp_header(struct resp *rs, const char *name, const char *value);
/* resp_redirect answers 303 See Other to location (a path or URL). */
int resp_redirect(struct resp *rs, const char *location);
/* resp_html sets a 200 text/html response whose body the caller fills. */
void resp_html(struct resp *rs);
/*
 * resp_error sets an error status and the message a person reads on the
 * error page (or in the JSON error). msg may be NULL for the default.
 */
int resp_error(struct resp *rs, unsigned status, const char *msg);
/*
 * http_size_words writes a size limit for people, in arena a: "N bytes"
 * below 1 KB, "N KB" below 1 MB, else "N MB" or "N.N MB" (rounded down;
 * 1 KB = 1024 bytes). Returns NULL at the arena's limit.
 */
const char *http_size_words(struct arena *a, size_t n);
/* http_status_for_err maps enum err to an HTTP status (the one table). */
unsigned http_status_for_err(int err);
const char *http_reason(unsigned status);

#endif
