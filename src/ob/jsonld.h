/*
 * jsonld.h: JSON-LD 1.1 context processing, expansion and toRdf.
 *
 * A pure processor over jansson values: it does no I/O. Remote contexts
 * come from a loader the caller supplies; a URL the loader does not know is
 * an error (ERR_NOTFOUND), never fetched. Input is untrusted, so JSON depth,
 * expanded nodes, remote context loads, memory and output quads are all
 * limited, and exceeding a limit is an error (ERR_TOOBIG), never a crash.
 *
 * Supported: the JSON-LD 1.1 features the VC 2.0 / Data Integrity / OB 3.0
 * contexts use (protected terms, keyword aliases, type- and property-scoped
 * contexts, @propagate, @type coercion incl. @vocab and @json, @list, @set,
 * @graph containers, @language/@direction, @base/@vocab). Features outside
 * that set (@reverse, @nest, @included, @import, index/id/type/language
 * maps, property-valued indexes, @prefix) raise an error rather than being
 * silently processed differently from other processors.
 *
 * Errors: e->msg holds a sentence ending with the JSON-LD error code in
 * parentheses, e.g. "protected term 'type' redefined (protected term
 * redefinition)".
 */
#ifndef LAUREL_OB_JSONLD_H
#define LAUREL_OB_JSONLD_H

#include "ob/rdf.h"

#include <jansson.h>

struct jsonld_loader {
	/*
	 * load sets *doc to a new reference to the JSON document at url and
	 * returns 0, or returns ERR_NOTFOUND (or another negative err).
	 */
	int (*load)(void *ctx, const char *url, json_t **doc);
	void *ctx;
};

struct jsonld_opts {
	const char *base;       /* document base IRI, or NULL */
	json_t *expand_context; /* applied before the document's, or NULL */
	/*
	 * safe: anything plain JSON-LD would silently drop (undefined terms,
	 * relative IRIs, invalid language tags, free-floating values) is an
	 * error instead. Data Integrity verification needs this.
	 */
	bool safe;
	int max_depth;      /* JSON nesting; 0 = 64 */
	size_t max_nodes;   /* expansion steps; 0 = 200000 */
	unsigned max_loads; /* remote context loads; 0 = 64 */
	size_t max_quads;   /* output quads; 0 = 100000 */
	size_t max_mem;     /* working memory bytes; 0 = 64 MiB */
};

/*
 * jsonld_expand sets *out to the expanded form of doc (a new reference,
 * always an array). opts may be NULL. Returns 0 or a negative err with a
 * message in e.
 */
MUST_CHECK int jsonld_expand(json_t *doc, const struct jsonld_opts *opts,
    const struct jsonld_loader *loader, json_t **out, struct ob_err *e);

/*
 * jsonld_to_rdf appends the RDF dataset of doc (JSON-LD 1.1 "Deserialize
 * JSON-LD to RDF", rdfDirection unset, no generalized RDF) to ds. Blank
 * nodes are labelled b0, b1, ... Returns 0 or a negative err with e set.
 */
MUST_CHECK int jsonld_to_rdf(json_t *doc, const struct jsonld_opts *opts,
    const struct jsonld_loader *loader, struct rdf_dataset *ds,
    struct ob_err *e);

/*
 * jsonld_jcs appends the JSON Canonicalization Scheme (RFC 8785) form of v
 * to b. Returns 0, or ERR_INVAL for a non-finite number.
 */
MUST_CHECK int jsonld_jcs(struct buf *b, const json_t *v);

#endif
