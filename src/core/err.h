/*
 * err.h: the one error convention.
 *
 * A function that can fail returns int: 0 on success or a negative enum err.
 * Results come back through out-parameters. web/ maps these to HTTP status
 * codes in exactly one table (web/status.c).
 */
#ifndef LAUREL_ERR_H
#define LAUREL_ERR_H

enum err {
	ERR_OK = 0,
	ERR_INVAL = -1,     /* input is malformed or out of range */
	ERR_TOOBIG = -2,    /* a size limit was reached */
	ERR_NOTFOUND = -3,  /* no such thing */
	ERR_CONFLICT = -4,  /* state does not allow it (duplicate, stale) */
	ERR_FORBIDDEN = -5, /* the caller may not do it */
	ERR_DB = -6,        /* the database failed */
	ERR_CRYPTO = -7,    /* a cryptographic operation failed */
	ERR_IO = -8,        /* a file, socket or process failed */
};

/* err_str returns a short English name for e; never NULL. */
const char *err_str(int e);

#endif
