/*
 * status.c: the one table from enum err to HTTP status, reason phrases,
 * and small response helpers.
 */
#include "core/common.h"
#include "core/err.h"
#include "web/http.h"

unsigned
http_status_for_err(int err)
{
	switch (err) {
	case 0:
		return 200;
	case ERR_INVAL:
		return 400;
	case ERR_FORBIDDEN:
		return 403;
	case ERR_NOTFOUND:
		return 404;
	case ERR_CONFLICT:
		return 409;
	case ERR_TOOBIG:
		return 413;
	case ERR_DB:
	case ERR_CRYPTO:
	case ERR_IO:
	default:
		return 500;
	}
}

const char *
http_reason(unsigned status)
{
	switch (status) {
	case 200:
		return "OK";
	case 201:
		return "Created";
	case 204:
		return "No Content";
	case 301:
		return "Moved Permanently";
	case 303:
		return "See Other";
	case 304:
		return "Not Modified";
	case 400:
		return "Bad Request";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 409:
		return "Conflict";
	case 413:
		return "Content Too Large";
	case 414:
		return "URI Too Long";
	case 415:
		return "Unsupported Media Type";
	case 429:
		return "Too Many Requests";
	case 431:
		return "Request Header Fields Too Large";
	case 500:
		return "Internal Server Error";
	case 503:
		return "Service Unavailable";
	default:
		return "Error";
	}
}

void
resp_header(struct resp *rs, const char *name, const char *value)
{
	if (NEVER(rs->nheaders == HTTP_MAX_HEADERS))
		return;
	rs->headers[rs->nheaders][0] = name;
	rs->headers[rs->nheaders][1] = value;
	rs->nheaders++;
}

int
resp_redirect(struct resp *rs, const char *location)
{
	rs->status = 303;
	resp_header(rs, "Location", location);
	resp_header(rs, "Cache-Control", "no-store");
	return 0;
}

void
resp_html(struct resp *rs)
{
	rs->status = 200;
	rs->content_type = "text/html; charset=utf-8";
}

int
resp_error(struct resp *rs, unsigned status, const char *msg)
{
	rs->status = status;
	rs->error_message = msg;
	return 0;
}
