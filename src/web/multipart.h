/*
 * multipart.h: multipart/form-data bodies (RFC 7578, RFC 2046 §5.1), as
 * browsers send them for forms with file inputs.
 *
 * A pure parser over (buf, len) in the style of picohttpparser: the caller
 * gives the Content-Type header value, the whole body, an arena and an
 * array of parts whose size it chooses; nothing is read past len and
 * nothing is allocated outside the arena. Parsing is strict, because only
 * browsers (and tests) need to be understood:
 *
 *   - the body starts with "--" boundary (no preamble) and ends with
 *     "--" boundary "--", optionally followed by one CRLF (no epilogue);
 *   - every line ending is CRLF; a bare CR or LF in the part headers, a
 *     header line over MULTIPART_MAX_LINE bytes, more than
 *     MULTIPART_MAX_HEADERS header lines in a part, folded lines and
 *     control characters other than HTAB are errors;
 *   - every part has exactly one "Content-Disposition: form-data" header
 *     with a non-empty name= parameter; names and filenames are valid
 *     UTF-8 without control characters (HTAB included);
 *   - quoted parameter values are taken literally up to the next '"', as
 *     browsers send them (they escape '"', CR and LF as %22, %0D and %0A
 *     and send '\' as is); a backslash is not an escape. filename*= (which
 *     RFC 7578 §4.2 forbids) and unknown parameters and headers are
 *     ignored.
 *
 * Part data are never decoded or validated: a part's bytes are exactly
 * those between its header block and the CRLF that precedes the next
 * delimiter, and may hold anything, CR, LF, NUL and "--" included.
 */
#ifndef LAUREL_MULTIPART_H
#define LAUREL_MULTIPART_H

#include "core/common.h"

struct arena;

#define MULTIPART_MAX_BOUNDARY 70 /* RFC 2046: 1 to 70 characters */
#define MULTIPART_MAX_LINE 1024   /* a header line, without its CRLF */
#define MULTIPART_MAX_HEADERS 8   /* header lines in one part */

/*
 * One part. name, filename and content_type are NUL-terminated copies in
 * the arena; data points into the body (not NUL-terminated).
 */
struct multipart_part {
	const char *name; /* non-empty, valid UTF-8, no control characters */
	size_t nlen;
	/*
	 * NULL when the part has no filename parameter (a text field); ""
	 * when a browser sent a file input in which no file was chosen.
	 * Otherwise valid UTF-8 without control characters.
	 */
	const char *filename;
	size_t flen;
	const char *content_type; /* as declared (trimmed), or NULL */
	const char *data;         /* into the body; never NULL */
	size_t len;
};

/*
 * multipart_is_form returns true when the media type of a Content-Type
 * header value is multipart/form-data (in any case), whatever its
 * parameters; false for NULL or any other type. It validates nothing
 * else: multipart_boundary and multipart_parse do.
 */
bool multipart_is_form(const char *content_type);

/*
 * multipart_boundary finds the boundary parameter of a multipart/form-data
 * Content-Type value, quoted or not, and checks it against RFC 2046: 1 to
 * MULTIPART_MAX_BOUNDARY characters from bchars, not ending in a space
 * (spaces only inside quotes). *out points into content_type (no copy).
 * Returns 0, or ERR_INVAL for another media type, a malformed value, a
 * missing, repeated or invalid boundary.
 */
MUST_CHECK int multipart_boundary(
    const char *content_type, const char **out, size_t *outlen);

/*
 * multipart_parse splits body[0..len) into at most max parts, in order,
 * filling parts[0..*nparts). content_type is the request's Content-Type
 * value, from which the boundary is taken. Returns 0; ERR_INVAL when the
 * body or the Content-Type is malformed in any of the ways listed above
 * (a missing final delimiter included); ERR_TOOBIG when the body has more
 * than max parts or the arena is full. On error *nparts is 0 and the
 * contents of parts are unspecified.
 */
MUST_CHECK int multipart_parse(struct arena *a, const char *content_type,
    const char *body, size_t len, struct multipart_part *parts, size_t max,
    size_t *nparts);

#endif
