/*
 * page.c: building the generic page (see page.h).
 */
#include <time.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "templates.h"
#include "web/page.h"
#include "web/render.h"

void *
page_grow(struct arena *a, void *arr, size_t n, size_t size)
{
	char *p = arena_alloc(a, (n + 1) * size);

	if (p == NULL)
		fatal("page: request arena exhausted");
	if (n > 0)
		memcpy(p, arr, n * size);
	return p;
}

void
page_init(struct page *p, struct req *r, const char *heading)
{
	memset(p, 0, sizeof(*p));
	p->r = r;
	p->v.heading = heading;
	p->title = heading;
}

void
page_para(struct page *p, const char *text)
{
	*APPEND(p->r->arena, p->v.intro, p->v.n_intro) = text;
}

void
page_link(struct page *p, const char *href, const char *label)
{
	struct view_link *l = APPEND(p->r->arena, p->v.links, p->v.n_links);

	l->href = href;
	l->label = label;
}

void
form_init(
    struct req *r, struct view_form *f, const char *action, const char *submit)
{
	memset(f, 0, sizeof(*f));
	f->action = action;
	f->submit = submit;
	f->csrf = r->csrf;
}

struct view_form *
page_form(struct page *p, const char *action, const char *submit)
{
	form_init(p->r, &p->v.form, action, submit);
	p->v.has_form = true;
	return &p->v.form;
}

struct view_field *
form_field(struct req *r, struct view_form *f, const char *name,
    const char *label, const char *type)
{
	struct view_field *fd = APPEND(r->arena, f->fields, f->n_fields);

	fd->name = name;
	fd->id = arena_printf(r->arena, "f-%s", name);
	fd->label = label;
	fd->textarea = strcmp(type, "textarea") == 0;
	fd->select = strcmp(type, "select") == 0;
	fd->hidden = strcmp(type, "hidden") == 0;
	fd->type = type;
	fd->autocomplete = "off";
	if (strcmp(type, "password") != 0)
		fd->value = req_param(r, name);
	else
		fd->autocomplete = "current-password";
	if (strcmp(type, "email") == 0)
		fd->autocomplete = "email";
	return fd;
}

void
form_hidden(
    struct req *r, struct view_form *f, const char *name, const char *value)
{
	struct view_field *fd = form_field(r, f, name, name, "hidden");

	fd->value = value;
}

void
field_option(
    struct req *r, struct view_field *fd, const char *value, const char *label)
{
	struct view_option *o = APPEND(r->arena, fd->options, fd->n_options);

	o->value = value;
	o->label = label;
	o->selected = fd->value != NULL && strcmp(fd->value, value) == 0;
}

void
field_hint(struct view_field *fd, const char *hint)
{
	fd->hint = hint;
}

void
page_error(struct page *p, const char *field, const char *msg)
{
	struct view_err *e = APPEND(p->r->arena, p->v.errors, p->v.n_errors);
	struct view_field *fd = NULL;

	/* The main form first, then the sections' forms. */
	for (size_t i = 0; field && *field && i < p->v.form.n_fields; i++)
		if (strcmp(p->v.form.fields[i].name, field) == 0)
			fd = &p->v.form.fields[i];
	for (size_t k = 0; field && *field && fd == NULL && k < p->v.n_sections;
	     k++) {
		struct view_form *f = &p->v.sections[k].form;
		for (size_t i = 0; fd == NULL && i < f->n_fields; i++)
			if (strcmp(f->fields[i].name, field) == 0)
				fd = &f->fields[i];
	}
	e->msg = msg;
	if (fd != NULL && !fd->hidden) {
		fd->error = msg;
		e->href = arena_printf(p->r->arena, "#%s", fd->id);
	} else {
		e->href = "#main-content";
	}
	if (p->title == p->v.heading)
		p->title = arena_printf(p->r->arena, "Error: %s", p->v.heading);
}

struct view_section *
page_section(struct page *p, const char *heading)
{
	struct view_section *s =
	    APPEND(p->r->arena, p->v.sections, p->v.n_sections);

	s->heading = heading;
	return s;
}

void
section_para(struct req *r, struct view_section *s, const char *text)
{
	*APPEND(r->arena, s->paras, s->n_paras) = text;
}

void
section_columns(
    struct req *r, struct view_section *s, size_t n, const char *const *names)
{
	s->columns = arena_alloc(r->arena, n * sizeof(*s->columns));
	if (s->columns == NULL)
		fatal("page: request arena exhausted");
	memcpy(s->columns, names, n * sizeof(*s->columns));
	s->n_columns = n;
}

void
section_link(
    struct req *r, struct view_section *s, const char *href, const char *label)
{
	struct view_link *l = APPEND(r->arena, s->links, s->n_links);

	l->href = href;
	l->label = label;
}

struct view_cell *
section_row(struct req *r, struct view_section *s, size_t n)
{
	struct view_row *row = APPEND(r->arena, s->rows, s->n_rows);

	row->cells = arena_alloc(r->arena, n * sizeof(*row->cells));
	if (row->cells == NULL)
		fatal("page: request arena exhausted");
	row->n_cells = n;
	return row->cells;
}

struct view_form *
cell_button(
    struct req *r, struct view_cell *c, const char *action, const char *label)
{
	form_init(r, &c->form, action, label);
	c->form.inline_ = true;
	c->form.secondary = true;
	c->has_form = true;
	return &c->form;
}

void
form_describe(struct req *r, struct view_field *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct view_field *fd = &fields[i];
		if (fd->hint && fd->error)
			fd->describedby = arena_printf(
			    r->arena, "%s-hint %s-error", fd->id, fd->id);
		else if (fd->hint)
			fd->describedby =
			    arena_printf(r->arena, "%s-hint", fd->id);
		else if (fd->error)
			fd->describedby =
			    arena_printf(r->arena, "%s-error", fd->id);
	}
}

int
page_render(struct page *p, struct resp *rs)
{
	struct buf content;

	form_describe(p->r, p->v.form.fields, p->v.form.n_fields);
	for (size_t i = 0; i < p->v.n_sections; i++)
		form_describe(p->r, p->v.sections[i].form.fields,
		    p->v.sections[i].form.n_fields);
	if (p->v.n_errors > 0 && rs->status < 400)
		rs->status = 400;
	buf_init(&content, p->r->arena, 4 << 20);
	tmpl_page(&content, &p->v);
	return render_page(p->r, rs, p->title, &content);
}

static const char *const months[] = {"January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November",
    "December"};

const char *
fmt_date(struct arena *a, int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL)
		return "";
	return arena_printf(
	    a, "%d %s %d", tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900);
}

const char *
fmt_time(struct arena *a, int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL)
		return "";
	return arena_printf(a, "%d %s %d, %02d:%02d UTC", tm.tm_mday,
	    months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}
