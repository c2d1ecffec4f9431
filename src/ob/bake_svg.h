/*
 * bake_svg.h: Open Badges baking for SVG images (OB 2.0 Baking 1.0 "SVGs",
 * OB 3.0 §5.3.2 "SVG").
 *
 * A small bounded XML scanner of our own (no libxml2, no entity expansion):
 * it skips the prolog (XML declaration, comments, processing instructions,
 * a DOCTYPE without internal subset), finds the root <svg> element and
 * walks the whole document checking that tags nest, resolving namespace
 * prefixes so that the badge element is found by namespace URI, whatever
 * prefix the document uses. A DOCTYPE with an internal subset ("[...]",
 * where entities are declared) and any entity other than the five
 * predefined ones and character references are refused. Limits:
 * SVG_MAX_BYTES of input, SVG_MAX_DEPTH nested elements, SVG_MAX_ATTRS
 * attributes per tag, SVG_MAX_NS live namespace declarations.
 *
 * msg/msgsz: a failing function writes a NUL-terminated English sentence
 * for a verifier UI into msg[0..msgsz); msg may be NULL.
 */
#ifndef LAUREL_OB_BAKE_SVG_H
#define LAUREL_OB_BAKE_SVG_H

#include "core/common.h"
#include "core/buf.h"

#define SVG_NS_OB2 "http://openbadges.org" /* element "assertion" */
#define SVG_NS_OB3 "https://purl.imsglobal.org/ob/v3p0" /* "credential" */

#define SVG_MAX_BYTES ((size_t)32 << 20)
#define SVG_MAX_DEPTH 256
#define SVG_MAX_ATTRS 256
#define SVG_MAX_NS 256

enum svg_ob {
	SVG_OB2, /* {http://openbadges.org}assertion */
	SVG_OB3, /* {https://purl.imsglobal.org/ob/v3p0}credential */
};

/*
 * svg_bake appends to out a copy of the SVG in[0..len) with one badge
 * element inserted straight after the root start tag, and every existing
 * badge element of that version removed (re-baking replaces; baking the
 * same data twice gives identical bytes). If no prefix on the root is bound
 * to the badge namespace, xmlns:openbadges="..." is added to the root.
 * verify (vlen bytes, NULL for none) becomes the verify attribute,
 * attribute-escaped: for OB 2.0 the hosted assertion URL or the JWS, for OB
 * 3.0 the VC-JWT. body (blen bytes, NULL for none) becomes the element's
 * content in CDATA (a "]]>" inside is split across two CDATA sections): the
 * assertion or credential JSON. OB 2.0 with no body is written self-closing
 * (<openbadges:assertion verify="..."/>), OB 3.0 as in the specification
 * (<openbadges:credential verify="..."></openbadges:credential>). Returns 0;
 * ERR_INVAL for a malformed or refused SVG, no verify and no body, or
 * characters XML cannot carry; ERR_CONFLICT if the root binds the
 * "openbadges" prefix to another namespace; ERR_TOOBIG for a limit.
 */
MUST_CHECK int svg_bake(const char *in, size_t len, enum svg_ob v,
    const char *verify, size_t vlen, const char *body, size_t blen,
    struct buf *out, char *msg, size_t msgsz);

/*
 * svg_unbake extracts the badge element of version v from the SVG
 * in[0..len). *has_verify tells whether it has a verify attribute, whose
 * value (entity-decoded, XML-normalised) is appended to verify. Its
 * character content is appended to body: if it holds CDATA sections and
 * otherwise only whitespace, exactly the CDATA contents (so that svg_bake
 * round-trips byte for byte); otherwise the decoded text, trimmed of
 * surrounding whitespace (a VC-JWT given as text). Returns 0; ERR_NOTFOUND
 * if there is no such element; ERR_INVAL for a malformed SVG, more than one
 * badge element, or child elements inside it; ERR_TOOBIG for a limit.
 */
MUST_CHECK int svg_unbake(const char *in, size_t len, enum svg_ob v,
    struct buf *verify, bool *has_verify, struct buf *body, char *msg,
    size_t msgsz);

#endif
