/*
 * router.h: the route table.
 *
 * Each route declares its method, path pattern, the parameters it accepts
 * (type and maximum length) and the policy that guards it. Path patterns
 * are literal segments and typed captures: "/badges/{id}" captures an id
 * (core/id.h), "{slug}" [a-z0-9-]{1,64}, "{int}" a decimal number,
 * "{path}" the rest of the path (static files).
 */
#ifndef LAUREL_ROUTER_H
#define LAUREL_ROUTER_H

#include "web/http.h"
#include "web/policy.h"

/*
 * Parameter types. Every parameter may be given once, except PARAM_IDS.
 * maxlen is the longest value in bytes; for PARAM_FILE it is the largest
 * file (a larger one is refused with 413). A route that declares a
 * PARAM_FILE is the only kind that accepts multipart/form-data bodies,
 * up to cfg->max_upload in all; its text parameters may arrive in either
 * encoding and are validated the same way.
 */
enum param_type {
	PARAM_TEXT,  /* any valid UTF-8 without control characters */
	PARAM_LINES, /* text that may contain newlines and tabs */
	PARAM_INT,   /* decimal, within min..max */
	PARAM_ID,    /* a public id */
	PARAM_ENUM,  /* one of choices, "|"-separated */
	/*
	 * A file part of a multipart body: binary data, not validated, of
	 * at most maxlen bytes. Its filename must be valid UTF-8 without
	 * control characters, at most PARAM_FILENAME_MAX bytes. Read it
	 * with req_file. Sent as text (urlencoded, query or a multipart part
	 * without a filename) it is refused.
	 */
	PARAM_FILE,
	/*
	 * Public ids that may be repeated (a list of checkboxes): each
	 * occurrence is validated as PARAM_ID and kept, in order; the same
	 * id twice is refused. max is the most occurrences allowed (1 to
	 * PARAM_IDS_MAX; 0 means PARAM_IDS_MAX). Read them with req_params.
	 */
	PARAM_IDS,
};

#define PARAM_FILENAME_MAX 255
#define PARAM_IDS_MAX 64

struct param_spec {
	const char *name;
	enum param_type type;
	size_t maxlen;
	int64_t min, max;    /* PARAM_INT; max for PARAM_IDS */
	const char *choices; /* PARAM_ENUM */
};

#define ROUTE_MAX_PARAMS 48

struct route {
	enum http_method method; /* HTTP_GET also answers HEAD */
	const char *pattern;
	enum policy policy;
	int (*handler)(struct req *, struct resp *);
	struct param_spec params[ROUTE_MAX_PARAMS];
};

extern const struct route routes[];
extern const size_t nroutes;

enum route_match { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD };

/*
 * router_match finds the route for method and path, filling
 * r->path_params from the arena. A path that matches some route's pattern
 * but not its method gives ROUTE_BAD_METHOD (405).
 */
enum route_match router_match(
    struct req *r, const char *path, const struct route **out);

/*
 * router_allow returns the methods the route table accepts for path, as the
 * value of an Allow header ("GET, HEAD", "POST", "GET, HEAD, POST"), or
 * NULL when no route matches the path.
 */
const char *router_allow(const char *path);

/*
 * router_bind_param validates one decoded text parameter (NUL-terminated
 * value, valid UTF-8 without NUL bytes: the caller's decoding ensures it)
 * against r->route's declaration and stores it in r->params. Undeclared
 * names are dropped (returns 0). Returns ERR_INVAL with a message for a
 * declared parameter whose value is malformed, given twice (PARAM_IDS: the
 * same id twice) or declared as PARAM_FILE; ERR_TOOBIG when it is too long,
 * repeated more often than allowed or r->params is full. *msg is a
 * constant string.
 */
MUST_CHECK int router_bind_param(struct req *r, const char *name, size_t nlen,
    const char *value, size_t vlen, const char **msg);

/*
 * router_bind_file validates one file part of a multipart body against
 * r->route's declaration and stores it in r->params: data[0..len) is kept
 * as it is (it must outlive the request's handler: the body does), and
 * filename (NUL-terminated; "" for a file input where no file was chosen,
 * which must then be empty) is checked. Undeclared names are dropped
 * (returns 0). Returns ERR_INVAL with a message when the name is declared
 * but not as PARAM_FILE, given twice, or the filename is invalid;
 * ERR_TOOBIG when the file is larger than the parameter's maxlen (the
 * message, from r->arena, names the limit in KB or MB: answer 413) or
 * r->params is full.
 */
MUST_CHECK int router_bind_file(struct req *r, const char *name, size_t nlen,
    const char *filename, const char *data, size_t len, const char **msg);

/* router_takes_files is true when route declares a PARAM_FILE. */
bool router_takes_files(const struct route *route);

#endif
