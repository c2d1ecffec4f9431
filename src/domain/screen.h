/*
 * screen.h: the identity screen. Before and at submission a learner's
 * reflective account is checked for what could identify people who use
 * services or colleagues: full names, dates of birth, street addresses,
 * postcodes, phone numbers, email addresses, CHI, NHS and National
 * Insurance numbers, and other long numbers.
 *
 * A pure function over (text, len): no database, no I/O, no locale, no
 * global state; safe on any bytes (invalid UTF-8, NULs) and linear in len.
 *
 * Each hit has a kind, a confidence and the byte offsets of what it found,
 * so the page can highlight it. A HIGH-confidence hit declines a
 * submission (application.h, auto_declined), so the screen favours
 * precision for high hits; LOW-confidence hits are warnings the learner
 * sees. What is high and what is low (screen.c explains each rule):
 *
 *   name      high: a title and a name ("Mrs Smith", "Mr John McLeod",
 *             "Dr Who"); a first name and a surname ("Margaret Campbell",
 *             "Grace Thomson"); a first name that is not also a word and
 *             any capitalised word that could be a surname ("Agnes
 *             Kowalski"); an initial and a listed surname ("J. Smith").
 *             low: a lone first name ("I helped Margaret"); a title and an
 *             initial ("Mrs M", "Mr J."). Never: first names that are words
 *             alone ("Will", "Grace", "June"), surnames alone, names of
 *             places ("Queen Margaret University", "Douglas Room") and a
 *             short list of public figures ("Tom Kitwood", "Robert Burns").
 *   dob       high: a full date within a few words after "born", "DOB",
 *             "D.O.B.", "date of birth" or "birth date". low: a partial
 *             date (day and month, month and year, a year) after such a
 *             cue; any date after "birthday"; a full date with a year
 *             from 1900 to 1979 and no cue. Other dates are not hits.
 *   address   high: a house number and a street ("14 Baker Street",
 *             "Flat 2/1, 23 Dumbarton Road", "14/2 Leith Walk").
 *   postcode  high: a full UK postcode in the official format ("G12 8QQ",
 *             "EH1 1YZ", "ML30AA"); outward codes alone ("G12") are not.
 *   phone     high: UK geographic and mobile numbers (01, 02, 07), also as
 *             +44, and other international numbers. low: 03, 05, 08 and 09
 *             numbers, which belong to organisations, and 10-digit
 *             01/08 numbers.
 *   email     high: any address, except role mailboxes ("info@",
 *             "enquiries@", "admin@" ...), which are low.
 *   chi       high: 10 digits (as one run, 6-4, 3-3-4 or 2-2-2-4) whose
 *             first six are a valid DDMMYY date and whose tenth is the
 *             modulus-11 check digit of the first nine.
 *   nhs       high: 10 digits (one run or 3-3-4) with a valid modulus-11
 *             check digit that are not a CHI number, starting 3, 4, 6 or
 *             7 (the ranges NHS numbers are issued from).
 *   ni        high: two letters (the official prefixes only), six digits
 *             (pairs may be spaced) and a suffix A-D. low: spaced
 *             "AB 12 34 56" without the suffix.
 *   number    low only: 10 digits that fail both checks, and any run of 9
 *             or more digits that is nothing above.
 *
 * Words are matched case-sensitively, so text in capitals throughout
 * ("MRS SMITH") finds no names.
 */
#ifndef LAUREL_SCREEN_H
#define LAUREL_SCREEN_H

#include "core/common.h"

struct arena;

#define SCREEN_MAX_HITS 200
#define SCREEN_MAX_TEXT (1024 * 1024) /* bytes */

enum screen_kind {
	SCREEN_NAME = 1,
	SCREEN_DOB,
	SCREEN_ADDRESS,
	SCREEN_POSTCODE,
	SCREEN_PHONE,
	SCREEN_EMAIL,
	SCREEN_CHI,
	SCREEN_NHS,
	SCREEN_NI,
	SCREEN_NUMBER /* other long numbers, low confidence */
};

struct screen_hit {
	size_t start, len; /* bytes of the text */
	enum screen_kind kind;
	bool high; /* high confidence: submitting declines */
};

/*
 * screen_text finds what could identify a person in text (len bytes of
 * UTF-8, not necessarily NUL-terminated; invalid bytes are tolerated) and
 * sets *hits to an array of *n hits in arena a, in order of start and not
 * overlapping (*hits is NULL when *n is 0). At most SCREEN_MAX_HITS are
 * kept: later ones are dropped, except that when none of those kept is
 * high confidence the last is replaced by the first later high hit, so
 * that screen_has_high answers for the whole text. Returns 0, ERR_TOOBIG
 * for len > SCREEN_MAX_TEXT or when the arena is at its limit (then *n is
 * 0).
 */
MUST_CHECK int screen_text(struct arena *a, const char *text, size_t len,
    struct screen_hit **hits, size_t *n);

/*
 * screen_kind_label is the kind as a phrase for messages ("This looks
 * like a phone number."): "a full name", "a date of birth", "a street
 * address", "a postcode", "a phone number", "an email address", "a CHI
 * number", "an NHS number", "a National Insurance number", "a long
 * number"; "" for anything else.
 */
const char *screen_kind_label(enum screen_kind k);

/*
 * screen_kind_code is the kind as stored and in CSS classes: "name",
 * "dob", "address", "postcode", "phone", "email", "chi", "nhs", "ni",
 * "number"; "" for anything else.
 */
const char *screen_kind_code(enum screen_kind k);

/* screen_has_high is true when any of the n hits is high confidence. */
bool screen_has_high(const struct screen_hit *hits, size_t n);

/* The names lists (screen_names.c), sorted in byte order. */
extern const char *const screen_first_names[];
extern const size_t screen_first_names_len;
extern const char *const screen_word_names[];
extern const size_t screen_word_names_len;
extern const char *const screen_surnames[];
extern const size_t screen_surnames_len;
extern const char *const screen_public_names[];
extern const size_t screen_public_names_len;

#endif
