/*
 * screen.c: the identity screen (screen.h).
 *
 * One pass over the text, left to right. At the start of each token (a
 * letter, digit, '+' or '(' that does not continue a word) the detectors
 * for that kind of token are tried in order and the first that matches
 * emits its hit (or none, for things it recognises as harmless: a date that
 * is not a birth date, a place named after a person) and says how many
 * bytes it consumed; otherwise the token is skipped. So hits come out in
 * order of start and never overlap, and a byte is looked at a bounded
 * number of times: the screen is linear in len (tens of MB/s).
 *
 * Tokens starting with
 *   a digit    a date (kept for the date-of-birth rules, else dropped), a
 *              street address ("14 Baker Street"), a run of digit groups:
 *              CHI, NHS, phone, long number;
 *   '+', '('   an international or bracketed phone number;
 *   a capital  a date-of-birth cue ("DOB", "Born"), a NI number, a postcode,
 *              a date with the month first, "Flat 2/1, 23 ...", a title and
 *              a name, a first name (alone or with a surname);
 *   lowercase  a date-of-birth cue ("born", "date of birth").
 * Email addresses are tried first at any token whose run of address bytes
 * ends at the next '@' (found with memchr, so text without one costs
 * nothing).
 *
 * A cue sets cue_end; a date starting within CUE_WINDOW bytes after it (on
 * the same line) is a date of birth, and uses the cue up.
 *
 * Invariants: every read goes through ch(), which returns 0 past the end,
 * so no detector reads outside [text, text + len); NUL bytes inside the
 * text are ordinary punctuation. Nothing is allocated until the first hit;
 * the hits array (SCREEN_MAX_HITS entries) lives in the caller's arena.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/screen.h"

#define CUE_WINDOW 40      /* bytes from a date-of-birth cue to its date */
#define EMAIL_LOCAL_MAX 64 /* bytes before the '@' (RFC 5321) */
#define PAIR_MAX 96        /* bytes of "First Surname" looked up */

struct scan {
	const unsigned char *t;
	size_t len;
	struct arena *a;
	struct screen_hit *hits;
	size_t n;
	bool high;      /* a high hit is among hits */
	bool stop;      /* nothing later can change the result */
	int err;        /* ERR_TOOBIG: the arena is at its limit */
	size_t cue_end; /* just past the last date-of-birth cue; 0: none */
	bool cue_strong;
	size_t next_at; /* the first '@' at or after the scan position */
};

/* A word: letters, with apostrophes and hyphens between letters. */
struct word {
	size_t s, e; /* the word */
	size_t ne;   /* end of the name in it: without a possessive 's */
	bool poss;   /* it ends in 's or ’s */
};

/* ---- bytes ------------------------------------------------------------ */

static unsigned char
ch(const struct scan *s, size_t i)
{
	return i < s->len ? s->t[i] : 0;
}

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool
is_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static bool
is_alpha(unsigned char c)
{
	return is_upper(c) || is_lower(c);
}

static bool
is_alnum(unsigned char c)
{
	return is_alpha(c) || is_digit(c);
}

static bool
is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

static unsigned char
lower(unsigned char c)
{
	return is_upper(c) ? (unsigned char)(c - 'A' + 'a') : c;
}

/*
 * letter_len is the length of the letter at i: 1 for ASCII, 2 or 3 for a
 * well-formed UTF-8 sequence from U+00C0 up that is not in the block of
 * punctuation and symbols (lead byte E2: quotes, dashes, bullets), else 0.
 * C2 (no-break space, £, ©) and four-byte sequences (emoji) are not
 * letters.
 */
static size_t
letter_len(const struct scan *s, size_t i)
{
	unsigned char c = ch(s, i);

	if (is_alpha(c))
		return 1;
	if (c >= 0xC3 && c <= 0xDF)
		return is_cont(ch(s, i + 1)) ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF && c != 0xE2)
		return is_cont(ch(s, i + 1)) && is_cont(ch(s, i + 2)) ? 3 : 0;
	return 0;
}

/* word_char_before is true when a letter or digit ends just before i. */
static bool
word_char_before(const struct scan *s, size_t i)
{
	unsigned char c;

	if (i == 0)
		return false;
	c = s->t[i - 1];
	if (c < 0x80)
		return is_alnum(c);
	for (size_t k = 1; k <= 3 && k <= i; k++)
		if (!is_cont(s->t[i - k]))
			return letter_len(s, i - k) == k;
	return false;
}

/* apos_len is 1 for ', 3 for ’ (U+2019), else 0. */
static size_t
apos_len(const struct scan *s, size_t i)
{
	if (ch(s, i) == '\'')
		return 1;
	if (ch(s, i) == 0xE2 && ch(s, i + 1) == 0x80 && ch(s, i + 2) == 0x99)
		return 3;
	return 0;
}

/* word_at reads the word of letters starting at i (a letter) into w. */
static void
word_at(const struct scan *s, size_t i, struct word *w)
{
	size_t p = i, k;

	while (p < s->len) {
		if ((k = letter_len(s, p)) > 0) {
			p += k;
			continue;
		}
		k = apos_len(s, p);
		if (k == 0 && ch(s, p) == '-')
			k = 1;
		if (k > 0 && p > i && letter_len(s, p + k) > 0) {
			p += k;
			continue;
		}
		break;
	}
	w->s = i;
	w->e = p;
	w->ne = p;
	w->poss = false;
	if (p - i >= 3 && ch(s, p - 1) == 's') {
		if (ch(s, p - 2) == '\'')
			k = 1;
		else if (p - i >= 5 && apos_len(s, p - 4) == 3)
			k = 3;
		else
			k = 0;
		if (k > 0 && p - 1 - k > i) {
			w->ne = p - 1 - k;
			w->poss = true;
		}
	}
}

static size_t
wlen(const struct word *w)
{
	return w->ne - w->s;
}

/*
 * next_word reads the word after the single space at from, if a letter
 * follows it.
 */
static bool
next_word(const struct scan *s, size_t from, struct word *w)
{
	if (ch(s, from) != ' ' || letter_len(s, from + 1) == 0)
		return false;
	word_at(s, from + 1, w);
	return true;
}

/*
 * is_cap_word: a capital and then at least one lowercase letter ("Smith",
 * "McLeod"; not "NHS", "I", "J").
 */
static bool
is_cap_word(const struct scan *s, const struct word *w)
{
	if (!is_upper(ch(s, w->s)) || wlen(w) < 2)
		return false;
	for (size_t p = w->s + 1; p < w->ne; p++)
		if (is_lower(s->t[p]) || s->t[p] >= 0x80)
			return true;
	return false;
}

/* is_letter: one capital letter ("J", also "A" after a title). */
static bool
is_letter(const struct scan *s, const struct word *w)
{
	return w->e - w->s == 1 && is_upper(ch(s, w->s));
}

/* is_initial: one capital letter, not itself a word ("J", not "I"). */
static bool
is_initial(const struct scan *s, const struct word *w)
{
	unsigned char c = ch(s, w->s);

	return is_letter(s, w) && c != 'I' && c != 'A';
}

/* ---- sorted lists ------------------------------------------------------ */

static int
cmp_bytes(const unsigned char *p, size_t n, const char *w)
{
	size_t wl = strlen(w);
	int c = memcmp(p, w, n < wl ? n : wl);

	if (c != 0)
		return c;
	return (n > wl) - (n < wl);
}

/* in_list: is p (n bytes) one of the nlist sorted strings? */
static bool
in_list(const char *const *list, size_t nlist, const unsigned char *p, size_t n)
{
	size_t lo = 0, hi = nlist;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_bytes(p, n, list[mid]);

		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

#define IN(list, s, w) in_list(list, NELEM(list), (s)->t + (w)->s, wlen(w))

/* Courtesy titles: any capitalised word after one is a name. */
static const char *const titles[] = {
    "Dr", "Miss", "Mr", "Mrs", "Ms", "Mx", "Prof", "Professor"};

/* Titles that are also other things ("Lord Provost", "Father Christmas"):
 * only a listed name after one is a name. */
static const char *const weak_titles[] = {"Aunt", "Auntie", "Aunty", "Cllr",
    "Councillor", "Dame", "Father", "Fr", "Gran", "Grandad", "Grandma",
    "Grandpa", "Granny", "Lady", "Lord", "Nana", "Nurse", "Papa", "Rev", "Revd",
    "Reverend", "Sir", "Sister", "Uncle"};

/* Words before a first name that make it part of a place or a title of
 * someone public ("Queen Margaret University", "Fort William"). */
static const char *const blockers[] = {"Fort", "King", "Mount", "Our", "Prince",
    "Princess", "Queen", "Royal", "Saint", "St"};

/* Words after a name that make it the name of a place or thing ("Robert
 * Gordon University", "Douglas Room", "Margaret Street"). */
static const char *const place_words[] = {"Academy", "Arms", "Association",
    "Avenue", "Award", "Awards", "Bar", "Bay", "Bridge", "Building",
    "Buildings", "Campus", "Care", "Castle", "Cathedral", "Center", "Centre",
    "Chapel", "Church", "Cinema", "Close", "Club", "College", "Court",
    "Crescent", "Cup", "Dock", "Drive", "Estate", "Farm", "Foundation", "Fund",
    "Gallery", "Garden", "Gardens", "Gate", "Grove", "Hall", "Health", "Hill",
    "Home", "Homes", "Hospice", "Hospital", "Hotel", "House", "Housing",
    "Infirmary", "Inn", "Institute", "Lane", "Library", "Lodge", "Medical",
    "Memorial", "Monument", "Museum", "Nursery", "Palace", "Parish", "Park",
    "Place", "Practice", "Primary", "Prize", "Quay", "Road", "Room", "Rooms",
    "Row", "School", "Society", "Square", "Stadium", "Station", "Statue",
    "Street", "Suite", "Surgery", "Terrace", "Theatre", "Tower", "Trust",
    "Unit", "University", "Village", "Walk", "Ward", "Way", "Wing", "Wynd"};

/* Capitalised words that follow a first name without being a surname. */
static const char *const stop_words[] = {"Act", "African", "After", "Afternoon",
    "Afterwards", "Also", "Although", "And", "April", "As", "Assistant", "At",
    "August", "Auld", "Authority", "Because", "Before", "Bible", "Big", "Board",
    "British", "But", "Catholic", "Champion", "Chinese", "Christ", "Christian",
    "Christmas", "Clan", "Coordinator", "Council", "Dad", "Daddy", "Day",
    "December", "Dementia", "Doctor", "During", "Easter", "Edinburgh",
    "English", "Eve", "February", "Finally", "French", "Friday", "Gaelic",
    "German", "Glasgow", "God", "Government", "Gran", "Grandad", "Granny",
    "Group", "He", "Her", "Hindu", "His", "If", "In", "Indian", "Inspectorate",
    "Irish", "It", "Italian", "January", "Jesus", "Jewish", "July", "June",
    "Later", "Leader", "Lord", "Mam", "Manager", "March", "Mass", "May",
    "Monday", "Morning", "Mum", "Mummy", "Muslim", "My", "Nan", "New", "Next",
    "Night", "November", "Now", "Nurse", "October", "Officer", "Old", "On",
    "Once", "Pakistani", "Papa", "Partnership", "Plan", "Polish", "Protestant",
    "Punjabi", "Queen", "Review", "Saturday", "Scheme", "Scotland", "Scots",
    "Scottish", "September", "Service", "Services", "She", "Sikh", "Since",
    "So", "Social", "Spanish", "Standards", "Sunday", "Support", "Syndrome",
    "Team", "That", "The", "Then", "There", "They", "This", "Thursday", "Today",
    "Tuesday", "Urdu", "We", "Wednesday", "Wee", "Welsh", "When", "While",
    "Worker", "Year", "Yesterday", "You", "Young"};

/* Last words of a street name. Abbreviations may take a full stop. */
static const char *const street_types[] = {"Ave", "Avenue", "Bank", "Boulevard",
    "Brae", "Brow", "Causeway", "Chase", "Circle", "Circus", "Close",
    "Cottages", "Court", "Cres", "Crescent", "Croft", "Ct", "Dr", "Drive",
    "Gait", "Gardens", "Gate", "Gdns", "Glade", "Green", "Grove", "Heights",
    "Hill", "Lane", "Ln", "Loan", "Loaning", "Meadow", "Meadows", "Mews",
    "Neuk", "Parade", "Park", "Path", "Pl", "Place", "Quadrant", "Quay", "Rd",
    "Rigg", "Rise", "Road", "Row", "Sq", "Square", "St", "Street", "Terr",
    "Terrace", "Vale", "Vennel", "View", "Walk", "Way", "Wharf", "Wynd",
    "Yard"};

/* Words before a number that make it something other than a house
 * number ("Room 14 Park View" is not an address). */
static const char *const number_words[] = {"Chapter", "Day", "Figure", "Floor",
    "Group", "Level", "Module", "No", "Number", "Option", "Page", "Part",
    "Phase", "Principle", "Room", "Route", "Section", "Stage", "Standard",
    "Step", "Table", "Unit", "Ward", "Week", "Year", "bus", "level", "no",
    "number", "page", "room", "standard", "step", "ward"};

/* Role mailboxes: an organisation's address, not a person's. */
static const char *const role_mailboxes[] = {"admin", "bookings", "complaints",
    "contact", "enquiries", "enquiry", "feedback", "general", "hello", "help",
    "info", "mail", "no-reply", "noreply", "office", "postmaster", "reception",
    "referrals", "sales", "support", "team", "webmaster"};

static const char *const months[] = {"january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november",
    "december"};

/* ---- hits ------------------------------------------------------------- */

static void
emit(struct scan *s, size_t start, size_t end, enum screen_kind k, bool high)
{
	struct screen_hit *h;

	if (s->hits == NULL) {
		s->hits = arena_alloc(s->a, SCREEN_MAX_HITS * sizeof(*s->hits));
		if (s->hits == NULL) {
			s->err = ERR_TOOBIG;
			s->stop = true;
			return;
		}
	}
	if (s->n < SCREEN_MAX_HITS)
		h = &s->hits[s->n++];
	else if (high && !s->high)
		h = &s->hits[SCREEN_MAX_HITS - 1];
	else
		return;
	h->start = start;
	h->len = end - start;
	h->kind = k;
	h->high = high;
	s->high = s->high || high;
	if (s->n == SCREEN_MAX_HITS && s->high)
		s->stop = true;
}

/* ---- dates and date-of-birth cues -------------------------------------- */

/*
 * cue_at recognises a date-of-birth cue at i: "born", "DOB", "D.O.B.",
 * "birthdate", "date of birth", "birth date" (strong) or "birthday"
 * (weak), in any case, as whole words. Returns the bytes consumed, or 0.
 */
static size_t
cue_at(struct scan *s, size_t i, const struct word *w)
{
	static const struct {
		const char *w;
		const char *then; /* the words that must follow, or NULL */
		bool strong;
	} cues[] = {
	    {"born", NULL, true},
	    {"dob", NULL, true},
	    {"birthdate", NULL, true},
	    {"date", " of birth", true},
	    {"birth", " date", true},
	    {"birthday", NULL, false},
	};
	size_t n = w->e - w->s, end = 0;
	bool strong = false;

	if (n == 1 && (ch(s, i) | 0x20) == 'd' && ch(s, i + 1) == '.' &&
	    (ch(s, i + 2) | 0x20) == 'o' && ch(s, i + 3) == '.' &&
	    (ch(s, i + 4) | 0x20) == 'b' && !is_alnum(ch(s, i + 5))) {
		end = i + 5 + (ch(s, i + 5) == '.');
		strong = true;
	}
	for (size_t k = 0; end == 0 && k < NELEM(cues); k++) {
		size_t m = strlen(cues[k].w), p = w->s;

		if (m != n)
			continue;
		while (p < w->e &&
		    lower(s->t[p]) == (unsigned char)cues[k].w[p - w->s])
			p++;
		if (p < w->e)
			continue;
		if (cues[k].then != NULL) {
			const char *q = cues[k].then;

			for (; *q && lower(ch(s, p)) == (unsigned char)*q; q++)
				p++;
			if (*q || letter_len(s, p) > 0)
				continue;
		}
		end = p;
		strong = cues[k].strong;
	}
	if (end == 0)
		return 0;
	s->cue_end = end;
	s->cue_strong = strong;
	return end - i;
}

/* cue_active: a cue ended within CUE_WINDOW bytes before start, on the
 * same line. */
static bool
cue_active(const struct scan *s, size_t start)
{
	return s->cue_end > 0 && start >= s->cue_end &&
	    start - s->cue_end <= CUE_WINDOW &&
	    memchr(s->t + s->cue_end, '\n', start - s->cue_end) == NULL;
}

struct date {
	size_t end;
	int d, m, y; /* 0 when absent */
	bool year4;  /* y was written with four digits */
};

/* digits reads up to max digits at *p; returns how many and their value. */
static size_t
digits(const struct scan *s, size_t *p, size_t max, int *v)
{
	size_t n = 0;

	*v = 0;
	while (n < max && is_digit(ch(s, *p))) {
		*v = *v * 10 + (ch(s, *p) - '0');
		(*p)++;
		n++;
	}
	return n;
}

/* month_at reads a month name or abbreviation (any case) at p. */
static int
month_at(const struct scan *s, size_t p, size_t *end)
{
	size_t n = 0;

	while (n < 10 && is_alpha(ch(s, p + n)))
		n++;
	if (n < 3 || n > 9 || letter_len(s, p + n) > 0)
		return 0;
	for (size_t m = 0; m < NELEM(months); m++) {
		size_t k = 0, ml = strlen(months[m]);

		while (k < n && k < ml && lower(ch(s, p + k)) == months[m][k])
			k++;
		/* The whole name, its first three letters, or "sept". */
		if (k == n && (n == ml || n == 3 || (m == 8 && n == 4))) {
			*end = p + n;
			if (n < ml && ch(s, *end) == '.')
				(*end)++;
			return (int)m + 1;
		}
	}
	return 0;
}

static bool
date_valid(const struct date *d)
{
	static const int mdays[] = {
	    31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (d->m < 1 || d->m > 12)
		return false;
	if (d->d == 0)
		return true;
	if (d->d < 1 || d->d > mdays[d->m - 1])
		return false;
	return !(d->m == 2 && d->d == 29 && d->y != 0 && d->y % 4 != 0);
}

/* num_end: a number ending at p is not followed by a letter, digit or
 * a decimal point and more digits. */
static bool
num_end(const struct scan *s, size_t p)
{
	unsigned char c = ch(s, p);

	if (is_alnum(c) || letter_len(s, p) > 0)
		return false;
	return !((c == '.' || c == ',' || c == ':' || c == '/') &&
	    is_digit(ch(s, p + 1)));
}

/* year_at reads ", 1941" or " 1941" at p: a four-digit year. */
static bool
year_at(const struct scan *s, size_t p, struct date *d)
{
	int y;

	if (ch(s, p) == ',')
		p++;
	if (ch(s, p) != ' ')
		return false;
	p++;
	if (digits(s, &p, 5, &y) != 4 || !num_end(s, p))
		return false;
	d->y = y;
	d->year4 = true;
	d->end = p;
	return true;
}

/*
 * date_digits reads a date starting with a digit: "3 March 1941",
 * "3rd of March", "03/03/1941", "3.3.41", "1941-03-03".
 */
static bool
date_digits(const struct scan *s, size_t i, struct date *d)
{
	size_t p = i, q, n;
	unsigned char sep;
	int a, b, c;

	memset(d, 0, sizeof(*d));
	n = digits(s, &p, 5, &a);
	sep = ch(s, p);
	if (sep == '/' || sep == '.' || sep == '-') {
		q = p + 1;
		if (n == 4) { /* year first */
			if (digits(s, &q, 3, &b) < 1 || ch(s, q) != sep)
				return false;
			q++;
			if (digits(s, &q, 3, &c) < 1 || !num_end(s, q))
				return false;
			*d = (struct date){q, c, b, a, true};
		} else if (n <= 2) {
			size_t yn;

			if (digits(s, &q, 3, &b) < 1 || ch(s, q) != sep)
				return false;
			q++;
			yn = digits(s, &q, 5, &c);
			if ((yn != 2 && yn != 4) || !num_end(s, q))
				return false;
			*d = (struct date){q, a, b, c, yn == 4};
		} else
			return false;
		return d->d >= 1 && date_valid(d);
	}
	if (n > 2 || a < 1 || a > 31)
		return false;
	/* An ordinal: 1st, 2nd, 3rd, 4th. */
	if (is_alpha(ch(s, p)) && is_alpha(ch(s, p + 1)) &&
	    !is_alpha(ch(s, p + 2))) {
		unsigned char x = lower(ch(s, p)), y = lower(ch(s, p + 1));

		if (!((x == 's' && y == 't') || (x == 'n' && y == 'd') ||
		        (x == 'r' && y == 'd') || (x == 't' && y == 'h')))
			return false;
		p += 2;
	}
	if (ch(s, p) != ' ')
		return false;
	p++;
	if (lower(ch(s, p)) == 'o' && ch(s, p + 1) == 'f' &&
	    ch(s, p + 2) == ' ')
		p += 3;
	d->d = a;
	if ((d->m = month_at(s, p, &d->end)) == 0)
		return false;
	year_at(s, d->end, d);
	return date_valid(d);
}

/* date_month reads a date starting with a month: "April 4, 1944",
 * "March 1935", "June 21st". */
static bool
date_month(const struct scan *s, size_t i, struct date *d)
{
	size_t p;
	int v;

	memset(d, 0, sizeof(*d));
	if ((d->m = month_at(s, i, &p)) == 0 || ch(s, p) != ' ')
		return false;
	p++;
	switch (digits(s, &p, 5, &v)) {
	case 1:
	case 2:
		if (is_alpha(ch(s, p)) && is_alpha(ch(s, p + 1)))
			p += 2; /* an ordinal */
		if (!num_end(s, p) || v < 1)
			return false;
		d->d = v;
		d->end = p;
		year_at(s, p, d);
		return date_valid(d);
	case 4:
		if (!num_end(s, p))
			return false;
		d->y = v;
		d->year4 = true;
		d->end = p;
		return true;
	default:
		return false;
	}
}

/*
 * date_hit decides what a date starting at i is: a date of birth after a
 * cue (high when the cue is strong and the date full), a low one when it
 * is full, has a year from 1900 to 1979 and no cue, else nothing. Returns
 * the bytes consumed.
 */
static size_t
date_hit(struct scan *s, size_t i, const struct date *d)
{
	bool full = d->d > 0 && d->m > 0 && d->y > 0;

	if (cue_active(s, i)) {
		emit(s, i, d->end, SCREEN_DOB, s->cue_strong && full);
		s->cue_end = 0;
	} else if (full && d->year4 && d->y >= 1900 && d->y <= 1979)
		emit(s, i, d->end, SCREEN_DOB, false);
	return d->end - i;
}

/* ---- addresses -------------------------------------------------------- */

/* house_number reads "14", "5A", "0/1", "14/2", "12-14" at p; returns its
 * end or 0. Years (1900 to 2099) are not house numbers. */
static size_t
house_number(const struct scan *s, size_t p)
{
	int v;
	size_t n = digits(s, &p, 5, &v);

	if (n == 0 || n > 4 || (v >= 1900 && v <= 2099))
		return 0;
	if (is_alpha(ch(s, p)) && !is_alpha(ch(s, p + 1)))
		p++;
	if ((ch(s, p) == '/' || ch(s, p) == '-') && is_digit(ch(s, p + 1))) {
		p++;
		n = digits(s, &p, 5, &v);
		if (n > 4)
			return 0;
		if (is_alpha(ch(s, p)) && !is_alpha(ch(s, p + 1)))
			p++;
	}
	return p;
}

/*
 * street_at reads capitalised words from p ("Great Western Road") and
 * returns the end of the last that is a street type, provided some word
 * comes before it; else 0.
 */
static size_t
street_at(const struct scan *s, size_t p)
{
	struct word w;
	size_t end = 0;

	if (!is_upper(ch(s, p)))
		return 0;
	word_at(s, p, &w);
	for (int k = 0; k < 6; k++) {
		if (!is_upper(ch(s, w.s)))
			break;
		if (k > 0 &&
		    in_list(street_types, NELEM(street_types), s->t + w.s,
		        w.e - w.s))
			end = w.e;
		if (!next_word(s, w.e + (ch(s, w.e) == '.'), &w))
			break;
	}
	return end;
}

/* prev_word_in reports whether the word just before i (one space between)
 * is in the sorted list. */
static bool
prev_word_in(const struct scan *s, size_t i, const char *const *list, size_t n)
{
	size_t e, b;

	if (i < 2 || s->t[i - 1] != ' ')
		return false;
	e = i - 1;
	if (s->t[e - 1] == '.')
		e--;
	b = e;
	while (b > 0 && is_alpha(s->t[b - 1]))
		b--;
	if (b == e ||
	    (b > 0 && (word_char_before(s, b) || s->t[b - 1] >= 0x80)))
		return false;
	return in_list(list, n, s->t + b, e - b);
}

/* address_at: a house number at i and a street after it. */
static size_t
address_at(struct scan *s, size_t i, size_t from)
{
	size_t p = house_number(s, i), end;

	if (p == 0 || ch(s, p) != ' ' ||
	    prev_word_in(s, i, number_words, NELEM(number_words)))
		return 0;
	if ((end = street_at(s, p + 1)) == 0)
		return 0;
	emit(s, from, end, SCREEN_ADDRESS, true);
	return end - from;
}

/* flat_at: "Flat 2/1, 23 Dumbarton Road". */
static size_t
flat_at(struct scan *s, size_t i, const struct word *w)
{
	size_t p;

	if (cmp_bytes(s->t + w->s, w->e - w->s, "Flat") != 0 ||
	    ch(s, w->e) != ' ')
		return 0;
	p = w->e + 1;
	if (is_upper(ch(s, p)) && ch(s, p + 1) == '/') /* G/1 */
		p++;
	else if ((p = house_number(s, p)) == 0)
		return 0;
	if (p == w->e + 1)
		return 0;
	if (ch(s, p) == '/') { /* G/1 */
		int v;

		p++;
		if (digits(s, &p, 2, &v) == 0)
			return 0;
	}
	if (ch(s, p) == ',')
		p++;
	if (ch(s, p) != ' ' || !is_digit(ch(s, p + 1)))
		return 0;
	return address_at(s, p + 1, i);
}

/* ---- numbers: CHI, NHS, phone, long ------------------------------------ */

/* mod11_ok: the tenth digit is the modulus-11 check digit of the first
 * nine (weights 10 down to 2), as for CHI and NHS numbers. */
static bool
mod11_ok(const char *d)
{
	int sum = 0, c;

	for (int k = 0; k < 9; k++)
		sum += (d[k] - '0') * (10 - k);
	c = 11 - sum % 11;
	if (c == 11)
		c = 0;
	return c != 10 && c == d[9] - '0';
}

/* chi_date_ok: the first six digits are a DDMMYY date. */
static bool
chi_date_ok(const char *d)
{
	struct date dt = {0, (d[0] - '0') * 10 + (d[1] - '0'),
	    (d[2] - '0') * 10 + (d[3] - '0'), (d[4] - '0') * 10 + (d[5] - '0'),
	    false};

	if (dt.y == 0)
		dt.y = 100; /* 2000 and 1900: allow 29 February */
	return dt.d >= 1 && date_valid(&dt);
}

#define GROUPS_MAX 8
#define DIGITS_MAX 20

struct groups {
	char d[DIGITS_MAX + 1];
	size_t nd;
	size_t ng;
	size_t len[GROUPS_MAX];   /* digits in group k */
	size_t end[GROUPS_MAX];   /* text offset just past group k */
	size_t count[GROUPS_MAX]; /* digits in groups 0..k */
};

/* groups_at reads groups of digits separated by one space or hyphen. */
static void
groups_at(const struct scan *s, size_t p, struct groups *g)
{
	g->nd = g->ng = 0;
	while (g->ng < GROUPS_MAX) {
		size_t q = p;

		while (is_digit(ch(s, q)) && q - p <= DIGITS_MAX)
			q++;
		if (q == p || g->nd + (q - p) > DIGITS_MAX)
			break;
		memcpy(g->d + g->nd, s->t + p, q - p);
		g->nd += q - p;
		g->len[g->ng] = q - p;
		g->end[g->ng] = q;
		g->count[g->ng] = g->nd;
		g->ng++;
		if ((ch(s, q) == ' ' || ch(s, q) == '-') &&
		    is_digit(ch(s, q + 1)))
			p = q + 1;
		else
			break;
	}
	g->d[g->nd] = '\0';
}

/* shape: the first k groups have exactly these lengths. */
static bool
shape(const struct groups *g, size_t k, const char *lens)
{
	size_t j = 0;

	for (; j < k && lens[j]; j++)
		if (g->len[j] != (size_t)(lens[j] - '0'))
			return false;
	return j == k && lens[j] == '\0';
}

/*
 * classify decides what the first k groups (n digits, from d) are; false
 * when nothing.
 */
static bool
classify(const struct groups *g, size_t k, enum screen_kind *kind, bool *high)
{
	const char *d = g->d;
	size_t n = g->count[k - 1];
	/* ':' is '0' + 10: ten digits in one group. */
	bool chi_shape = shape(g, k, ":") || shape(g, k, "64") ||
	    shape(g, k, "334") || shape(g, k, "2224");
	bool nhs_shape = shape(g, k, ":") || shape(g, k, "334");
	bool small = false;

	for (size_t j = 0; j < k; j++)
		small = small || g->len[j] < 2;
	if (n == 10 && chi_shape && mod11_ok(d)) {
		if (chi_date_ok(d)) {
			*kind = SCREEN_CHI;
			*high = true;
			return true;
		}
		/* NHS numbers are issued from 3.. (Northern Ireland), 4..
		 * and 6.. to 7.. (England and Wales): a 10-digit reference
		 * that passes the check by chance (1 in 11) mostly does not
		 * start so. */
		if (nhs_shape && strchr("3467", d[0]) != NULL) {
			*kind = SCREEN_NHS;
			*high = true;
			return true;
		}
	}
	if (n == 11 && d[0] == '0' && d[1] != '0' && k <= 4 && !small) {
		*kind = SCREEN_PHONE;
		*high = d[1] == '1' || d[1] == '2' || d[1] == '7';
		return true;
	}
	if (n == 10 && d[0] == '0' && (d[1] == '1' || d[1] == '8') && k >= 2 &&
	    g->len[0] >= 4 && g->len[0] <= 6 && !small) {
		*kind = SCREEN_PHONE;
		*high = false;
		return true;
	}
	if ((n == 10 && k <= 4 && !small) || (k == 1 && n >= 9)) {
		*kind = SCREEN_NUMBER;
		*high = false;
		return true;
	}
	return false;
}

/* digits_hit: the longest run of groups at i that is something. */
static size_t
digits_hit(struct scan *s, size_t i)
{
	struct groups g;
	enum screen_kind kind;
	bool high;

	groups_at(s, i, &g);
	if (g.ng == 0)
		return 0;
	for (size_t k = g.ng; k >= 1; k--) {
		if (num_end(s, g.end[k - 1]) && classify(&g, k, &kind, &high)) {
			emit(s, i, g.end[k - 1], kind, high);
			return g.end[k - 1] - i;
		}
	}
	return g.end[0] - i;
}

/*
 * phone_digits reads the rest of a phone number from p into d (which
 * holds *nd digits already): groups separated by a space or hyphen, and
 * "(0)" after the country code. Returns the end.
 */
static size_t
phone_digits(const struct scan *s, size_t p, char *d, size_t *nd)
{
	size_t end = p;

	for (int groups = 0; groups < 6; groups++) {
		size_t q = p;

		while (is_digit(ch(s, q)) && *nd < DIGITS_MAX)
			d[(*nd)++] = (char)s->t[q++];
		if (q == p)
			break;
		end = q;
		if (ch(s, q) == ' ' || ch(s, q) == '-')
			q++;
		if (ch(s, q) == '(' && ch(s, q + 1) == '0' &&
		    ch(s, q + 2) == ')') {
			q += 3;
			if (ch(s, q) == ' ')
				q++;
		}
		if (!is_digit(ch(s, q)))
			break;
		p = q;
	}
	d[*nd] = '\0';
	return end;
}

/* phone_plus: "+44 7700 900123", "+44 (0)141 496 0000", "+353 1 555 0123". */
static size_t
phone_plus(struct scan *s, size_t i)
{
	char d[DIGITS_MAX + 1];
	size_t nd = 0, end;

	if (!is_digit(ch(s, i + 1)))
		return 0;
	end = phone_digits(s, i + 1, d, &nd);
	if (!num_end(s, end))
		return 0;
	if (d[0] == '4' && d[1] == '4') {
		if (nd == 12 && d[2] != '0') {
			emit(s, i, end, SCREEN_PHONE,
			    d[2] == '1' || d[2] == '2' || d[2] == '7');
			return end - i;
		}
		if (nd == 11 && d[2] != '0') {
			emit(s, i, end, SCREEN_PHONE, false);
			return end - i;
		}
		return 0;
	}
	if (nd >= 8 && nd <= 15) {
		emit(s, i, end, SCREEN_PHONE, true);
		return end - i;
	}
	return 0;
}

/* phone_paren: "(0141) 496 0000". */
static size_t
phone_paren(struct scan *s, size_t i)
{
	char d[DIGITS_MAX + 1];
	size_t nd = 0, p = i + 1, end;

	while (is_digit(ch(s, p)) && nd < 6)
		d[nd++] = (char)s->t[p++];
	if (nd < 3 || d[0] != '0' || d[1] == '0' || ch(s, p) != ')')
		return 0;
	p++;
	if (ch(s, p) == ' ')
		p++;
	if (!is_digit(ch(s, p)))
		return 0;
	end = phone_digits(s, p, d, &nd);
	if (!num_end(s, end) || (nd != 11 && nd != 10))
		return 0;
	emit(s, i, end, SCREEN_PHONE,
	    nd == 11 && (d[1] == '1' || d[1] == '2' || d[1] == '7'));
	return end - i;
}

/* at_digit: a token starting with a digit. */
static size_t
at_digit(struct scan *s, size_t i)
{
	struct date d;
	size_t adv;
	int y;

	/* "7.45", "2023/4471", "1,240": the rest of a number, not a start. */
	if (i >= 2 && s->t[i - 1] != '\0' && strchr(".,:/", s->t[i - 1]) &&
	    is_digit(s->t[i - 2]))
		return 0;
	if (date_digits(s, i, &d))
		return date_hit(s, i, &d);
	if (cue_active(s, i)) { /* "born in 1941" */
		size_t p = i;

		if (digits(s, &p, 5, &y) == 4 && num_end(s, p) && y >= 1900 &&
		    y <= 2099) {
			emit(s, i, p, SCREEN_DOB, false);
			s->cue_end = 0;
			return p - i;
		}
	}
	if ((adv = address_at(s, i, i)) > 0)
		return adv;
	return digits_hit(s, i);
}

/* ---- emails ----------------------------------------------------------- */

static bool
email_local(unsigned char c)
{
	return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
	    c == '-';
}

/* email_at: an address whose local part starts at i and ends at the next
 * '@'. */
static size_t
email_at(struct scan *s, size_t i)
{
	size_t p = i, d, end = 0, labels = 0;
	unsigned char low[EMAIL_LOCAL_MAX];

	while (p < s->len && p - i <= EMAIL_LOCAL_MAX && email_local(s->t[p]))
		p++;
	if (p != s->next_at || p == i || s->t[p - 1] == '.')
		return 0;
	d = p + 1;
	for (;;) {
		size_t ls = d;
		bool alpha = true;

		while (is_alnum(ch(s, d)) || ch(s, d) == '-') {
			alpha = alpha && is_alpha(ch(s, d));
			d++;
		}
		if (d == ls || ch(s, ls) == '-' || ch(s, d - 1) == '-')
			break;
		labels++;
		if (labels >= 2 && alpha && d - ls >= 2)
			end = d;
		if (ch(s, d) != '.' || !is_alnum(ch(s, d + 1)))
			break;
		d++;
	}
	if (end == 0 || letter_len(s, end) > 0)
		return 0;
	for (size_t k = i; k < p; k++)
		low[k - i] = lower(s->t[k]);
	emit(s, i, end, SCREEN_EMAIL,
	    !in_list(role_mailboxes, NELEM(role_mailboxes), low, p - i));
	return end - i;
}

/* ---- NI numbers and postcodes ----------------------------------------- */

/* ni_at: "AB 12 34 56 C", "AB123456C": two letters (D F I Q U V never
 * first, D F I O Q U V never second, not BG GB NK KN TN NT ZZ), six
 * digits, the suffix A-D. */
static size_t
ni_at(struct scan *s, size_t i)
{
	unsigned char a = ch(s, i), b = ch(s, i + 1);
	size_t p = i + 2, q;
	char pre[3] = {(char)a, (char)b, '\0'};
	int spaces = 0;

	if (!is_upper(b) || strchr("DFIQUV", a) != NULL ||
	    strchr("DFIOQUV", b) != NULL || strstr("BG GB NK KN TN NT ZZ", pre))
		return 0;
	if (ch(s, p) == ' ')
		p++;
	for (int k = 0; k < 3; k++) {
		if (!is_digit(ch(s, p)) || !is_digit(ch(s, p + 1)))
			return 0;
		p += 2;
		if (k < 2 && ch(s, p) == ' ' && is_digit(ch(s, p + 1))) {
			p++;
			spaces++;
		}
	}
	q = p + (ch(s, p) == ' ');
	if (ch(s, q) >= 'A' && ch(s, q) <= 'D' && !is_alnum(ch(s, q + 1)) &&
	    letter_len(s, q + 1) == 0) {
		emit(s, i, q + 1, SCREEN_NI, true);
		return q + 1 - i;
	}
	/* No suffix: low when spaced as NI numbers are ("AB 12 34 56"),
	 * nothing when compact ("SC012345" is also a charity number). */
	if (spaces < 2 || !num_end(s, p))
		return 0;
	emit(s, i, p, SCREEN_NI, false);
	return p - i;
}

static bool
inward_letter(unsigned char c)
{
	return is_upper(c) && strchr("CIKMOV", c) == NULL;
}

/*
 * postcode_at: the outward code (A9, A99, A9A, AA9, AA99, AA9A, with the
 * letters allowed in each place), an optional space and the inward code
 * (9AA, without C I K M O V).
 */
static size_t
postcode_at(struct scan *s, size_t i)
{
	size_t nl = 0, p, ends[2], ne = 0;

	while (nl < 3 && is_upper(ch(s, i + nl)))
		nl++;
	if (nl == 0 || nl > 2 || !is_digit(ch(s, i + nl)))
		return 0;
	if (strchr("QVX", ch(s, i)) != NULL ||
	    (nl == 2 && strchr("IJZ", ch(s, i + 1)) != NULL))
		return 0;
	p = i + nl + 1;
	if (is_digit(ch(s, p)) ||
	    (is_upper(ch(s, p)) &&
	        strchr(nl == 1 ? "ABCDEFGHJKPSTUW" : "ABEHMNPRVWXY",
	            ch(s, p)) != NULL))
		ends[ne++] = p + 1;
	ends[ne++] = p;
	for (size_t k = 0; k < ne; k++) {
		size_t q = ends[k] + (ch(s, ends[k]) == ' ');

		if (is_digit(ch(s, q)) && inward_letter(ch(s, q + 1)) &&
		    inward_letter(ch(s, q + 2)) && !is_alnum(ch(s, q + 3)) &&
		    letter_len(s, q + 3) == 0) {
			emit(s, i, q + 3, SCREEN_POSTCODE, true);
			return q + 3 - i;
		}
	}
	return 0;
}

/* ---- names ------------------------------------------------------------ */

/* surname_shape: Mc, Mac or O' and a capitalised rest ("McAllister",
 * "MacLeod", "O’Hara"). */
static bool
surname_shape(const unsigned char *p, size_t n)
{
	size_t k;

	if (n >= 4 && p[0] == 'M' && p[1] == 'c')
		k = 2;
	else if (n >= 5 && p[0] == 'M' && p[1] == 'a' && p[2] == 'c')
		k = 3;
	else if (n >= 4 && p[0] == 'O' && p[1] == '\'')
		k = 2;
	else if (n >= 6 && p[0] == 'O' && p[1] == 0xE2 && p[2] == 0x80 &&
	    p[3] == 0x99)
		k = 4;
	else
		return false;
	if (!is_upper(p[k]) || k + 1 >= n)
		return false;
	for (k++; k < n; k++)
		if (!is_lower(p[k]) && p[k] < 0x80)
			return false;
	return true;
}

static bool
surname_part(const unsigned char *p, size_t n)
{
	return in_list(screen_surnames, screen_surnames_len, p, n) ||
	    surname_shape(p, n);
}

/* is_surname: listed, shaped like one, or hyphenated with such a part. */
static bool
is_surname(const struct scan *s, const struct word *w)
{
	const unsigned char *p = s->t + w->s, *h;
	size_t n = wlen(w);

	if (!is_cap_word(s, w))
		return false;
	if (surname_part(p, n))
		return true;
	while ((h = memchr(p, '-', n)) != NULL) {
		size_t k = (size_t)(h - p);

		if (surname_part(p, k))
			return true;
		p = h + 1;
		n -= k + 1;
		if (surname_part(p, n))
			return true;
	}
	return false;
}

static bool
is_first(const struct scan *s, const struct word *w)
{
	return in_list(
	    screen_first_names, screen_first_names_len, s->t + w->s, wlen(w));
}

static bool
is_word_name(const struct scan *s, const struct word *w)
{
	return in_list(
	    screen_word_names, screen_word_names_len, s->t + w->s, wlen(w));
}

static bool
is_place(const struct scan *s, const struct word *w)
{
	return IN(place_words, s, w);
}

/* namey: could be a surname not in the list ("Kowalski"). */
static bool
namey(const struct scan *s, const struct word *w)
{
	return is_cap_word(s, w) && !IN(stop_words, s, w) && !is_place(s, w);
}

/* is_public: "First Surname" is a public figure. */
static bool
is_public(const struct scan *s, const struct word *a, const struct word *b)
{
	unsigned char pair[PAIR_MAX];
	size_t an = wlen(a), bn = wlen(b);

	if (an + 1 + bn > sizeof(pair))
		return false;
	memcpy(pair, s->t + a->s, an);
	pair[an] = ' ';
	memcpy(pair + an + 1, s->t + b->s, bn);
	return in_list(
	    screen_public_names, screen_public_names_len, pair, an + 1 + bn);
}

/* place_after: the word after w is a place word ("... Hospital"). */
static bool
place_after(const struct scan *s, const struct word *w, size_t *end)
{
	struct word x;

	if (w->poss || !next_word(s, w->e, &x) || !is_place(s, &x))
		return false;
	*end = x.e;
	return true;
}

/*
 * title_at: a title, then initials and a name ("Mrs Smith", "Mr John
 * McLeod", "Mr J. Smith": high) or initials only ("Mrs M", "Mr J.": low).
 */
static size_t
title_at(struct scan *s, size_t i, const struct word *t)
{
	struct word w, x;
	bool strong = IN(titles, s, t);
	size_t p = t->e, end;

	if (t->poss || (!strong && !IN(weak_titles, s, t)))
		return 0;
	if (ch(s, p) == '.')
		p++;
	if (!next_word(s, p, &w))
		return 0;
	if (is_letter(s, &w)) {
		end = w.e;
		for (int k = 0; k < 3; k++) {
			p = end + (ch(s, end) == '.');
			if (!next_word(s, p, &x))
				break;
			if (is_letter(s, &x)) {
				end = x.e;
				continue;
			}
			/* After "J." the next sentence may begin ("Mrs M.
			 * Then"): only a surname from the list or shaped like
			 * one completes the name. */
			if (is_cap_word(s, &x) &&
			    (is_surname(s, &x) ||
			        (ch(s, end) != '.' && namey(s, &x)))) {
				emit(s, i, x.ne, SCREEN_NAME, true);
				return x.e - i;
			}
			break;
		}
		emit(s, i, end, SCREEN_NAME, false);
		return end - i;
	}
	if (!is_cap_word(s, &w))
		return 0;
	if (!strong && !is_first(s, &w) && !is_word_name(s, &w) &&
	    !is_surname(s, &w))
		return 0;
	end = w.ne;
	p = w.e;
	/* More of the name: "Mr John McLeod", "Mrs Agnes Kowalski". */
	for (int k = 0; k < 2 && !w.poss; k++) {
		bool first = is_first(s, &w) || is_word_name(s, &w);

		if (!next_word(s, w.e, &x) || !is_cap_word(s, &x) ||
		    !(is_surname(s, &x) || is_first(s, &x) ||
		        (first && namey(s, &x))))
			break;
		w = x;
		end = w.ne;
		p = w.e;
	}
	if (place_after(s, &w, &p))
		return p - i;
	emit(s, i, end, SCREEN_NAME, true);
	return p - i;
}

/* initial_at: "J. Smith", "J Smith": an initial and a listed surname. */
static size_t
initial_at(struct scan *s, size_t i, const struct word *w)
{
	struct word x;

	if (!is_initial(s, w))
		return 0;
	if (!next_word(s, w->e + (ch(s, w->e) == '.'), &x) ||
	    !is_cap_word(s, &x) || !surname_part(s->t + x.s, wlen(&x)))
		return 0;
	emit(s, i, x.ne, SCREEN_NAME, true);
	return x.e - i;
}

/*
 * shaped_at: a capitalised word that is not a known non-name and a
 * Mac/Mc/O' surname ("Paddy O'Rourke"): a full name, whatever the first
 * name is.
 */
static size_t
shaped_at(struct scan *s, size_t i, const struct word *w)
{
	struct word x;
	size_t end;

	if (w->poss || !namey(s, w) || !next_word(s, w->e, &x) ||
	    !surname_shape(s->t + x.s, wlen(&x)))
		return 0;
	if (place_after(s, &x, &end))
		return end - i; /* "Ronald McDonald House" */
	if (prev_word_in(s, i, blockers, NELEM(blockers)) ||
	    is_public(s, w, &x))
		return x.e - i;
	emit(s, i, x.ne, SCREEN_NAME, true);
	return x.e - i;
}

/*
 * person_at: a first name at i. With a surname after it (listed or
 * shaped, or any capitalised word that is not a known non-name when the
 * first name is not also a word), a full name; alone, a low hit unless it
 * is also a word. Places and public figures are skipped.
 */
static size_t
person_at(struct scan *s, size_t i, const struct word *w)
{
	struct word x, y, last;
	bool fn = is_first(s, w), blocked, the;
	size_t end;

	if (!fn && !is_word_name(s, w)) {
		size_t adv = initial_at(s, i, w);

		return adv > 0 ? adv : shaped_at(s, i, w);
	}
	blocked = prev_word_in(s, i, blockers, NELEM(blockers));
	the = prev_word_in(s, i, (const char *const[]){"The", "the"}, 2);
	if (w->poss || !next_word(s, w->e, &x))
		goto lone;
	if (is_letter(s, &x)) { /* "John A. Smith" */
		if (!next_word(s, x.e + (ch(s, x.e) == '.'), &last) ||
		    !is_surname(s, &last))
			goto lone;
	} else {
		if (!is_cap_word(s, &x))
			goto lone;
		last = x;
		if (!x.poss && is_first(s, &x) && !is_surname(s, &x) &&
		    next_word(s, x.e, &y) && is_surname(s, &y))
			last = y; /* "Mary Ann Smith" */
		if (is_place(s, &last) && !is_surname(s, &last))
			return last.e - i; /* "Douglas Room" */
		if (!is_surname(s, &last) && !(fn && namey(s, &last)))
			goto lone;
	}
	if (place_after(s, &last, &end))
		return end - i; /* "Robert Gordon University" */
	if (blocked || is_public(s, w, &last))
		return last.e - i;
	emit(s, i, last.ne, SCREEN_NAME, !the);
	return last.e - i;
lone:
	if (fn && !blocked && !the)
		emit(s, i, w->ne, SCREEN_NAME, false);
	return w->e - i;
}

/* at_upper: a token starting with a capital letter. */
static size_t
at_upper(struct scan *s, size_t i)
{
	struct word w;
	struct date d;
	size_t adv;

	word_at(s, i, &w);
	if ((adv = cue_at(s, i, &w)) > 0 || (adv = ni_at(s, i)) > 0 ||
	    (adv = postcode_at(s, i)) > 0)
		return adv;
	if (date_month(s, i, &d))
		return date_hit(s, i, &d);
	if ((adv = flat_at(s, i, &w)) > 0 || (adv = title_at(s, i, &w)) > 0)
		return adv;
	return person_at(s, i, &w);
}

/* ---- the scan --------------------------------------------------------- */

/* token_start: i starts a token (it does not continue a word). */
static bool
token_start(const struct scan *s, size_t i)
{
	unsigned char c = s->t[i];

	if (!is_alnum(c) && c != '+' && c != '(')
		return false;
	return !word_char_before(s, i);
}

static size_t
at_token(struct scan *s, size_t i)
{
	unsigned char c = s->t[i];
	size_t adv;

	if (s->next_at < i) {
		const unsigned char *at = memchr(s->t + i, '@', s->len - i);

		s->next_at = at ? (size_t)(at - s->t) : s->len;
	}
	if (is_alnum(c) && s->next_at < s->len &&
	    s->next_at - i <= EMAIL_LOCAL_MAX && (adv = email_at(s, i)) > 0)
		return adv;
	if (is_digit(c))
		return at_digit(s, i);
	if (c == '+')
		return phone_plus(s, i);
	if (c == '(')
		return phone_paren(s, i);
	if (is_upper(c))
		return at_upper(s, i);
	/* Lowercase words matter only as cues: born, birth..., date, dob. */
	if (c == 'b' || c == 'd') {
		struct word w;

		word_at(s, i, &w);
		return cue_at(s, i, &w);
	}
	return 0;
}

/*
 * skip_token moves past the word at i (as word_at reads it, apostrophes and
 * hyphens included, so that "O'O'O'..." is not read again from each
 * letter) and any letters and digits after it, or past one byte.
 */
static size_t
skip_token(const struct scan *s, size_t i)
{
	size_t k, start = i;

	if (letter_len(s, i) > 0) {
		struct word w;

		word_at(s, i, &w);
		i = w.e;
	}
	for (;;) {
		if (i < s->len && is_alnum(s->t[i]))
			k = 1;
		else
			k = letter_len(s, i);
		if (k == 0)
			break;
		i += k;
	}
	return i > start ? i : i + 1;
}

int
screen_text(struct arena *a, const char *text, size_t len,
    struct screen_hit **hits, size_t *n)
{
	struct scan s;

	*hits = NULL;
	*n = 0;
	if (len > SCREEN_MAX_TEXT)
		return ERR_TOOBIG;
	if (len == 0)
		return 0;
	memset(&s, 0, sizeof(s));
	s.t = (const unsigned char *)text;
	s.len = len;
	s.a = a;
	s.next_at = 0;
	{
		const unsigned char *at = memchr(s.t, '@', len);

		s.next_at = at ? (size_t)(at - s.t) : len;
	}
	for (size_t i = 0; i < len && !s.stop;) {
		size_t adv = token_start(&s, i) ? at_token(&s, i) : 0;

		i = adv > 0 ? i + adv : skip_token(&s, i);
	}
	if (s.err != 0)
		return s.err;
	*hits = s.hits;
	*n = s.n;
	return 0;
}

const char *
screen_kind_label(enum screen_kind k)
{
	switch (k) {
	case SCREEN_NAME:
		return "a full name";
	case SCREEN_DOB:
		return "a date of birth";
	case SCREEN_ADDRESS:
		return "a street address";
	case SCREEN_POSTCODE:
		return "a postcode";
	case SCREEN_PHONE:
		return "a phone number";
	case SCREEN_EMAIL:
		return "an email address";
	case SCREEN_CHI:
		return "a CHI number";
	case SCREEN_NHS:
		return "an NHS number";
	case SCREEN_NI:
		return "a National Insurance number";
	case SCREEN_NUMBER:
		return "a long number";
	}
	return "";
}

const char *
screen_kind_code(enum screen_kind k)
{
	switch (k) {
	case SCREEN_NAME:
		return "name";
	case SCREEN_DOB:
		return "dob";
	case SCREEN_ADDRESS:
		return "address";
	case SCREEN_POSTCODE:
		return "postcode";
	case SCREEN_PHONE:
		return "phone";
	case SCREEN_EMAIL:
		return "email";
	case SCREEN_CHI:
		return "chi";
	case SCREEN_NHS:
		return "nhs";
	case SCREEN_NI:
		return "ni";
	case SCREEN_NUMBER:
		return "number";
	}
	return "";
}

bool
screen_has_high(const struct screen_hit *hits, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (hits[k].high)
			return true;
	return false;
}
