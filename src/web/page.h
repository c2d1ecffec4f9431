/*
 * page.h: building the generic page (templates/page.html): a heading,
 * an error summary, a form, sections with tables, links.
 *
 * Everything is allocated from the request's arena. Fields of a form take
 * their value from what the person sent (so a rejected form keeps what
 * was typed) unless the handler sets another; passwords never come back.
 */
#ifndef LAUREL_PAGE_H
#define LAUREL_PAGE_H

#include "web/http.h"
#include "web/views.h"

/*
 * page_grow returns a copy of arr (n elements of size bytes) in arena a
 * with room for one more, zeroed; APPEND(a, arr, n) uses it to add an
 * element to a view's list and returns a pointer to it.
 */
void *page_grow(struct arena *a, void *arr, size_t n, size_t size);
#define APPEND(a, arr, n)                                                      \
	((arr) = page_grow((a), (arr), (n), sizeof(*(arr))), &(arr)[(n)++])

struct page {
	struct req *r;
	struct view_page v;
	const char *title;
};

void page_init(struct page *p, struct req *r, const char *heading);
void page_para(struct page *p, const char *text);
void page_link(struct page *p, const char *href, const char *label);

/* form_init sets up a form posting to action, with the CSRF token. */
void form_init(
    struct req *r, struct view_form *f, const char *action, const char *submit);
/* page_form makes the page's main form. */
struct view_form *page_form(
    struct page *p, const char *action, const char *submit);
/*
 * form_field adds a field; its value is what the request sent for name
 * (not for passwords). type: "text", "email", "password", "textarea",
 * "select", "hidden".
 */
struct view_field *form_field(struct req *r, struct view_form *f,
    const char *name, const char *label, const char *type);
/* form_hidden adds a hidden field with value. */
void form_hidden(
    struct req *r, struct view_form *f, const char *name, const char *value);
/* field_option adds a choice to a select field. */
void field_option(
    struct req *r, struct view_field *fd, const char *value, const char *label);
void field_hint(struct view_field *fd, const char *hint);
/*
 * form_describe points each of n fields' aria-describedby at its hint
 * and error message, whichever it has (page_render does it for the
 * page's forms; pages with their own template call it).
 */
void form_describe(struct req *r, struct view_field *fields, size_t n);

/*
 * page_error shows msg in the error summary and beside field (in the
 * page's main form, or else the first section form that has it); for
 * field "" or an unknown one the summary links to the main content.
 */
void page_error(struct page *p, const char *field, const char *msg);

struct view_section *page_section(struct page *p, const char *heading);
void section_para(struct req *r, struct view_section *s, const char *text);
void section_columns(
    struct req *r, struct view_section *s, size_t n, const char *const *names);
void section_link(
    struct req *r, struct view_section *s, const char *href, const char *label);
/* section_row adds a row of n cells and returns them to fill. */
struct view_cell *section_row(struct req *r, struct view_section *s, size_t n);
/* cell_button puts a one-button form in a cell. */
struct view_form *cell_button(
    struct req *r, struct view_cell *c, const char *action, const char *label);

/* page_render renders the page into rs inside the layout. */
MUST_CHECK int page_render(struct page *p, struct resp *rs);

/* fmt_date writes t as "23 November 2026" (arena). */
const char *fmt_date(struct arena *a, int64_t t);
/* fmt_time writes t as "23 November 2026, 14:05 UTC" (arena). */
const char *fmt_time(struct arena *a, int64_t t);

#endif
