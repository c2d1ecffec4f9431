/*
 * render.h: wrapping page content in the layout, and error pages.
 */
#ifndef LAUREL_RENDER_H
#define LAUREL_RENDER_H

#include "web/http.h"
#include "web/views.h"

/*
 * render_page puts content (already rendered into its own buf) into the
 * site layout with title, as the body of rs. Returns 0 or ERR_TOOBIG.
 */
MUST_CHECK int render_page(struct req *r, struct resp *rs, const char *title,
    const struct buf *content);
/* render_page_head is render_page with head (rendered, or NULL) added at
 * the end of the page's <head>: meta tags a page needs of its own. */
MUST_CHECK int render_page_head(struct req *r, struct resp *rs,
    const char *title, const struct buf *content, const struct buf *head);
/*
 * render_error fills rs's body for rs->status: an HTML page for browsers,
 * {"error":{"status":N,"message":"..."}} for API clients.
 */
void render_error(struct req *r, struct resp *rs);
/* render_minutes writes "About 1 hour 30 minutes" into the arena. */
const char *render_minutes(struct arena *a, int64_t minutes);

/*
 * render_image_url is where a stored badge image is served
 * (/images/HASH.EXT, h_image), or "" when ext is "" (no image).
 */
const char *render_image_url(
    struct arena *a, const char *hash, const char *ext);

#endif
