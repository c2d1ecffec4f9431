/*
 * embedded.h: the JSON-LD contexts (data/contexts/) and Open Badges 3.0
 * JSON schemas (data/schemas/) compiled into the binary (tools/embed.c
 * generates the file table at build time), and JSON-LD document loaders
 * over them. The server never fetches a context or a schema at run time:
 * a URL that is not embedded is ERR_NOTFOUND.
 *
 * Thread safety: the URL indexes are built once (pthread_once) and only
 * read afterwards; every load parses a fresh document from the embedded
 * bytes, which the caller owns (json_decref). The loaders are static
 * objects; their ctx is unused.
 */
#ifndef LAUREL_OB_EMBEDDED_H
#define LAUREL_OB_EMBEDDED_H

#include "core/common.h"
#include "ob/jsonld.h"

/* One embedded file: name is "contexts/x.jsonld" or "schemas/x.json";
 * data[len] is a NUL, so the bytes are also a C string. */
struct embedded_file {
	const char *name;
	const unsigned char *data;
	long len;
};

/* The generated table (build/.../gen/embedded.c). */
extern const struct embedded_file embedded_files[];
extern const size_t embedded_nfiles;

/* embedded_file_get returns the file called name, or NULL. */
const struct embedded_file *embedded_file_get(const char *name);

/*
 * embedded_contexts is a loader for the JSON-LD contexts: a context URL is
 * looked up in contexts/url-map.json; the document is parsed from the
 * embedded file. Unknown URL: ERR_NOTFOUND; a file that does not parse
 * (it cannot happen with the shipped files): ERR_INVAL.
 */
const struct jsonld_loader *embedded_contexts(void);

/*
 * embedded_schemas is a loader for the Open Badges 3.0 JSON schemas by
 * their "$id", and by the purl address credentials put in
 * credentialSchema (".../ob_v3p0_<name>_schema.json" for the schema whose
 * $id is ".../ob_v3p0_<name>-jsonschema1.json"). Unknown: ERR_NOTFOUND.
 */
const struct jsonld_loader *embedded_schemas(void);

#endif
