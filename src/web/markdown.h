/*
 * markdown.h: user-supplied Markdown to trusted HTML, through cmark.
 *
 * Rendering uses cmark's safe mode: raw HTML is dropped and links or images
 * with javascript:, vbscript:, file: and non-image data: URLs are emptied.
 * The result is the only kind of user text that may become a struct
 * html_safe.
 */
#ifndef LAUREL_WEB_MARKDOWN_H
#define LAUREL_WEB_MARKDOWN_H

#include "core/common.h"
#include "core/buf.h"
#include "web/html.h"

/* The largest Markdown input accepted, in bytes. */
#define MARKDOWN_MAX_INPUT (256u * 1024u)

/*
 * markdown_render appends the HTML rendering of md[0..len) to out and points
 * *html at the appended bytes. Returns 0; ERR_TOOBIG if len exceeds
 * MARKDOWN_MAX_INPUT or out reaches its cap; ERR_INVAL if md is not valid
 * UTF-8 or contains a NUL byte. On error *html is empty and out is
 * unchanged unless it reached its cap. *html points into out->data, so it is
 * valid only until out is next modified or freed: render each Markdown text
 * into its own buf.
 */
MUST_CHECK int markdown_render(
    struct buf *out, const char *md, size_t len, struct html_safe *html);

/*
 * markdown_word_count counts the words a reader sees in md[0..len): the
 * text of the rendered document (not link targets or raw HTML), where a
 * word is a run of letters, digits and apostrophes (' and U+2019) holding
 * at least one letter or digit. Non-ASCII letters (Latin, Greek, Cyrillic,
 * CJK, ...) count as letters. Returns 0 with *words set; ERR_TOOBIG or
 * ERR_INVAL as markdown_render.
 */
MUST_CHECK int markdown_word_count(const char *md, size_t len, size_t *words);

#endif
