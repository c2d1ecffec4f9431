/*
 * rdfc.h: RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation).
 *
 * rdfc_canonicalize relabels the blank nodes of a dataset deterministically
 * and writes its canonical N-Quads (sorted lines, each ending in "\n",
 * duplicates removed). Poison graphs are stopped by a work budget on the
 * Hash N-Degree Quads recursion, so the function always terminates quickly.
 */
#ifndef LAUREL_OB_RDFC_H
#define LAUREL_OB_RDFC_H

#include "ob/rdf.h"

/* Default budget: Hash N-Degree Quads calls plus permutations tried. */
#define RDFC_DEFAULT_WORK 20000UL

struct rdfc_opts {
	const char *hash;       /* "sha256" (NULL = default) or "sha384" */
	unsigned long max_work; /* 0 = RDFC_DEFAULT_WORK */
};

/*
 * The issued identifiers map: from[i] is an input blank-node label (no
 * "_:"), to[i] its canonical label ("c14nN"). Sorted by to.
 */
struct rdfc_map {
	char **from;
	char **to;
	size_t n;
};

/*
 * rdfc_canonicalize appends the canonical N-Quads of ds to out and, if map
 * is not NULL, fills it (free with rdfc_map_free). opts may be NULL.
 * Returns 0; ERR_TOOBIG when the work budget or out's limit is exceeded;
 * ERR_INVAL for an unknown hash name. On error e holds a message.
 */
MUST_CHECK int rdfc_canonicalize(const struct rdf_dataset *ds,
    const struct rdfc_opts *opts, struct buf *out, struct rdfc_map *map,
    struct ob_err *e);

/* rdfc_map_free releases a map filled by rdfc_canonicalize; NULL-safe. */
void rdfc_map_free(struct rdfc_map *map);

#endif
