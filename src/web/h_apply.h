/*
 * h_apply.h: what the application pages (h_apply.c, h_application.c,
 * h_review.c) share. Results live in the request's arena.
 */
#ifndef LAUREL_H_APPLY_H
#define LAUREL_H_APPLY_H

#include "web/http.h"
#include "web/views.h"

/* The answer fields a form may carry: answer_1 .. answer_20
 * (BADGE_LIST_MAX). */
#define APPLY_MAX_ANSWERS 20

/* apply_path is "/applications/ID" followed by tail. */
const char *apply_path(struct req *r, const char *id, const char *tail);
/* apply_not_found answers 404 without saying whether id exists. */
int apply_not_found(struct resp *rs);
/* apply_add_error adds msg, linking to href, to an error summary. */
void apply_add_error(struct req *r, struct view_err **errs, size_t *n,
    const char *href, const char *msg);
/* apply_kind_name names a sniffed content type for people ("PDF"). */
const char *apply_kind_name(const char *content_type);

#endif
