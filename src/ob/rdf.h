/*
 * rdf.h: RDF terms, quads and datasets; N-Quads parsing and serialisation.
 *
 * A dataset owns its quads and every string in them (heap, freed by
 * rdf_dataset_free). Literal datatypes are NULL for xsd:string; a literal
 * with a language tag has datatype rdf:langString. Blank nodes keep their
 * label without the "_:" prefix. The parser is a pure function over
 * (pointer, length) with a quad-count limit; it never crashes on any input.
 * Strings are NUL-terminated UTF-8; a U+0000 inside a literal is stored as
 * the two bytes C0 80 (as Java's modified UTF-8) and written as \u0000.
 *
 * struct ob_err is the error-message carrier shared by the src/ob modules
 * (rdf, rdfc, jsonld, multibase, di): on failure, msg holds one English
 * sentence fit to show to a person.
 */
#ifndef LAUREL_OB_RDF_H
#define LAUREL_OB_RDF_H

#include "core/common.h"
#include "core/buf.h"

struct ob_err {
	char msg[256];
};

/* ob_errf formats a message into e (if e is not NULL) and returns code. */
int ob_errf(struct ob_err *e, int code, const char *fmt, ...) PRINTF_LIKE(3, 4);

enum rdf_kind {
	RDF_NONE = 0, /* the default graph (only as a graph name) */
	RDF_IRI,
	RDF_BNODE,
	RDF_LITERAL,
};

struct rdf_term {
	enum rdf_kind kind;
	char *value;    /* IRI, blank-node label (no "_:") or lexical form */
	char *datatype; /* literals only; NULL means xsd:string */
	char *lang;     /* literals only; NULL unless rdf:langString */
};

struct rdf_quad {
	struct rdf_term s, p, o, g;
};

struct rdf_dataset {
	struct rdf_quad *quads;
	size_t n;
	size_t cap;
	size_t max; /* limit on n: adding beyond it fails with ERR_TOOBIG */
};

#define RDF_XSD "http://www.w3.org/2001/XMLSchema#"
#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define RDF_LANGSTRING RDF_NS "langString"

/* rdf_dataset_init prepares an empty dataset holding at most max quads. */
void rdf_dataset_init(struct rdf_dataset *ds, size_t max);
/* rdf_dataset_free releases every quad and string; safe on a zeroed ds. */
void rdf_dataset_free(struct rdf_dataset *ds);

/*
 * rdf_dataset_add copies q (deeply) into ds. Returns 0, or ERR_TOOBIG when
 * ds already holds max quads. Duplicates are kept; canonicalisation removes
 * them.
 */
MUST_CHECK int rdf_dataset_add(
    struct rdf_dataset *ds, const struct rdf_quad *q, struct ob_err *e);

/*
 * rdf_nquads_parse appends the quads of the N-Quads document p[0..len) to
 * ds. Returns 0, ERR_INVAL on a syntax error (e names the line) or
 * ERR_TOOBIG past ds->max. An IRI may not hold a character IRIREF
 * excludes ([#x00-#x20<>"{}|^`\]), whether raw or written as \u or \U, so
 * rdf_term_write can always write the IRIs it parsed without escapes.
 */
MUST_CHECK int rdf_nquads_parse(
    const char *p, size_t len, struct rdf_dataset *ds, struct ob_err *e);

/*
 * rdf_term_write appends t in canonical N-Quads form (RDF 1.2 canonical
 * N-Triples escaping); blank nodes are written "_:" + label.
 */
void rdf_term_write(struct buf *b, const struct rdf_term *t);
/* rdf_quad_write appends q as one canonical N-Quads line ending in "\n". */
void rdf_quad_write(struct buf *b, const struct rdf_quad *q);
/* rdf_string_write appends the quoted, escaped form of s[0..n). */
void rdf_string_write(struct buf *b, const char *s, size_t n);

#endif
