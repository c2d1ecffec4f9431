/*
 * views_verify.h: the views of the badge checker (/verify) and the
 * backpack; included at the end of views.h, so templates see them.
 */
#ifndef LAUREL_VIEWS_VERIFY_H
#define LAUREL_VIEWS_VERIFY_H

/* One line of what was found: "Badge" -> "Robotics". */
struct view_fact {
	const char *label;
	const char *value;
};

/* One check's result, as a person reads it. */
struct view_vcheck {
	const char *title;
	const char *result; /* "Passed", "Failed", "Warning", "Not checked" */
	const char *tag;    /* a DS tag modifier: "green", "red", ... */
	const char *msg;
};

struct view_verify {
	const char *csrf;
	const char *text; /* kept when the form comes back */
	const char *url;
	const char *email;
	struct view_err *errors;
	size_t n_errors;
	bool has_result;
	bool valid;
	const char *headline;
	const char *kind;
	struct view_fact *facts;
	size_t n_facts;
	struct view_vcheck *checks;
	size_t n_checks;
	bool signed_in;
	bool can_add;           /* valid, and the source can be kept */
	const char *add_source; /* the URL or the badge's text */
	const char *add_note;   /* why it cannot be added, when not */
};

/* A badge from elsewhere on the profile page and the backpack page. */
struct view_ext_badge {
	const char *name;
	const char *issuer;
	const char *issued_on;
	const char *image;  /* https URL or "" */
	const char *status; /* "Checked 24 November 2026" / "No longer valid" */
	bool ok;
};

#endif
