/*
 * jschema.h: a JSON Schema validator for the schemas Open Badges uses
 * (draft-04 for OB 2.0 extensions, 2019-09 for the OB 3.0 schemas).
 *
 * Keywords: type, enum, const, properties, required, additionalProperties,
 * patternProperties, items (schema or array), additionalItems, contains,
 * minItems, maxItems, minLength, maxLength, minimum, maximum, pattern
 * (ECMA 262 subset via POSIX ERE), format (date-time, date, uri, uri-reference,
 * email: checked; others ignored), allOf, anyOf, oneOf, not, $ref (local
 * JSON pointers "#/..." and other schemas by $id through the resolver),
 * $defs/definitions. Unknown keywords are ignored, as the standard says.
 *
 * Pure: no I/O (other schemas come through the resolver), bounded depth
 * and work; never aborts on hostile schemas or instances.
 */
#ifndef LAUREL_OB_JSCHEMA_H
#define LAUREL_OB_JSCHEMA_H

#include "core/common.h"
#include "ob/jsonld.h"

#include <jansson.h>

#define JSCHEMA_MAX_DEPTH 64      /* nesting of instance and of $ref */
#define JSCHEMA_MAX_STEPS 1000000 /* keyword evaluations per call */

/*
 * jschema_validate checks instance against schema. resolver (NULL: none)
 * maps an absolute schema URI (without fragment) to a schema document.
 * Returns 0 when valid; ERR_INVAL when not, with why set to the first
 * failure in plain words and a JSON pointer ("/credentialSubject/type:
 * must contain \"AchievementSubject\""); ERR_TOOBIG past a limit;
 * ERR_NOTFOUND for an unresolvable $ref (why names it).
 */
MUST_CHECK int jschema_validate(const json_t *schema, const json_t *instance,
    const struct jsonld_loader *resolver, char *why, size_t whysz);

#endif
