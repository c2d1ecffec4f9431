/*
 * err.c: names for enum err.
 */
#include "common.h"
#include "err.h"

const char *
err_str(int e)
{
	switch (e) {
	case ERR_OK:
		return "ok";
	case ERR_INVAL:
		return "invalid input";
	case ERR_TOOBIG:
		return "too big";
	case ERR_NOTFOUND:
		return "not found";
	case ERR_CONFLICT:
		return "conflict";
	case ERR_FORBIDDEN:
		return "forbidden";
	case ERR_DB:
		return "database error";
	case ERR_CRYPTO:
		return "cryptographic error";
	case ERR_IO:
		return "input/output error";
	default:
		return "unknown error";
	}
}
