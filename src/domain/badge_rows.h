/*
 * badge_rows.h: what badge.c, catalogue.c and badge_edit.c share: turning
 * result rows into badge summaries. Internal to the domain's badge code.
 */
#ifndef LAUREL_BADGE_ROWS_H
#define LAUREL_BADGE_ROWS_H

#include "db/db.h"
#include "domain/badge.h"

/*
 * badge_summaries reads rows of BADGE_LIST_COLS (db/queries.c) into an
 * array in arena a.
 */
MUST_CHECK int badge_summaries(struct arena *a, const struct db_rows *rows,
    struct badge_summary **out, size_t *n);
/* badge_image_ext is "png" or "svg" for a stored image's content type, or
 * "" when there is none. */
const char *badge_image_ext(const char *content_type);

#endif
