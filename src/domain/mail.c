/*
 * mail.c: plain-text email messages (see mail.h).
 *
 * Pure functions over their arguments: no I/O, no clock (the date is
 * passed in), output appended to the caller's struct buf. mail_format
 * validates every argument before it writes a byte, so on ERR_INVAL the
 * buffer is untouched. Line lengths: header lines are at most 78
 * characters and body lines at most 76, CRLF not counted (RFC 5322 §2.1.1,
 * RFC 2045 §6.7 rule 5).
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/mail.h"
#include "ob/b64.h"

#include <time.h>

#define HEADER_COLS 78 /* RFC 5322 §2.1.1 "SHOULD" limit */
#define QP_COLS 76     /* RFC 2045 §6.7 rule 5, including a soft break '=' */
/*
 * Bytes of subject per encoded-word: 42 bytes are 56 base64 characters, so
 * "Subject: =?UTF-8?B?" + 56 + "?=" is 77 columns, a continuation line 69,
 * and every encoded-word stays under RFC 2047's 75 characters.
 */
#define EW_BYTES 42

/* atext (RFC 5322 §3.2.3): the characters of a dot-atom, less the dot. */
static bool
is_atext(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return true;
	return c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

/* dot_atom_valid: 1*atext *("." 1*atext), no leading, trailing or ".." */
static bool
dot_atom_valid(const char *p, size_t n)
{
	if (n == 0 || p[0] == '.' || p[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '.') {
			if (p[i - 1] == '.')
				return false;
		} else if (!is_atext((unsigned char)p[i])) {
			return false;
		}
	}
	return true;
}

/* domain_valid: LDH labels of 1..63, at least two, TLD not all digits. */
static bool
domain_valid(const char *p, size_t n)
{
	size_t start = 0, labels = 0;
	bool alpha = false;

	if (n == 0 || n > MAIL_DOMAIN_MAX)
		return false;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && p[i] != '.') {
			unsigned char c = (unsigned char)p[i];

			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
				alpha = true;
			else if (!(c >= '0' && c <= '9') && c != '-')
				return false;
			continue;
		}
		if (i == start || i - start > 63 || p[start] == '-' ||
		    p[i - 1] == '-')
			return false;
		labels++;
		if (i < n)
			alpha = false; /* only the last label's letters count */
		start = i + 1;
	}
	return labels >= 2 && alpha;
}

bool
mail_address_valid(const char *addr, size_t len)
{
	const char *at;

	if (addr == NULL || len > MAIL_ADDR_MAX)
		return false;
	at = memchr(addr, '@', len);
	if (at == NULL)
		return false;
	if ((size_t)(at - addr) > MAIL_LOCAL_MAX ||
	    !dot_atom_valid(addr, (size_t)(at - addr)))
		return false;
	return domain_valid(at + 1, len - (size_t)(at - addr) - 1);
}

/* msgid_valid: dot-atom "@" dot-atom, at most MAIL_MSGID_MAX bytes. */
static bool
msgid_valid(const char *id)
{
	size_t n = strlen(id);
	const char *at = memchr(id, '@', n);

	if (n > MAIL_MSGID_MAX || at == NULL)
		return false;
	return dot_atom_valid(id, (size_t)(at - id)) &&
	    dot_atom_valid(at + 1, n - (size_t)(at - id) - 1);
}

/*
 * utf8_len returns the length of the well-formed UTF-8 sequence at s[0..n)
 * (no overlong forms, no surrogates, nothing above U+10FFFF), or 0.
 */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1fu;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0fu;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07u;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3fu);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

static bool
utf8_ok(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0, k; i < n; i += k) {
		k = utf8_len(u + i, n - i);
		if (k == 0)
			return false;
	}
	return true;
}

/*
 * subject_plain writes "Subject: s" folded before spaces so that no line
 * is longer than HEADER_COLS, or, with out NULL, only checks that this is
 * possible without leaving a line of nothing but white space.
 */
static bool
subject_plain(struct buf *out, const char *s, size_t n)
{
	size_t col = strlen("Subject: "), p = 0, q;
	bool blank = false; /* the current line holds only spaces */

	if (out != NULL)
		buf_adds(out, "Subject: ");
	while (p < n) {
		/*
		 * A segment runs from p (a space, except for the first) to
		 * the next space; folding happens only before a space.
		 */
		q = p + 1;
		while (q < n && s[q] != ' ')
			q++;
		if (col + (q - p) > HEADER_COLS) {
			if (blank || s[p] != ' ' || q - p > HEADER_COLS)
				return false;
			if (out != NULL)
				buf_adds(out, "\r\n");
			col = 0;
			blank = true;
		}
		for (size_t i = p; i < q; i++)
			if (s[i] != ' ')
				blank = false;
		if (out != NULL)
			buf_add(out, s + p, q - p);
		col += q - p;
		p = q;
	}
	if (out != NULL)
		buf_adds(out, "\r\n");
	return true;
}

/* subject_encoded writes s as encoded-words of whole characters. */
static void
subject_encoded(struct buf *out, const char *s, size_t n)
{
	size_t p = 0, k;

	buf_adds(out, "Subject:");
	while (p < n) {
		k = n - p > EW_BYTES ? EW_BYTES : n - p;
		/* Back off to a character boundary (s is valid UTF-8). */
		while (p + k < n && k > 1 &&
		    ((unsigned char)s[p + k] & 0xc0) == 0x80)
			k--;
		if (p > 0)
			buf_adds(out, "\r\n");
		buf_adds(out, " =?UTF-8?B?");
		b64_encode(s + p, k, out);
		buf_adds(out, "?=");
		p += k;
	}
	buf_adds(out, "\r\n");
}

/* subject_needs_encoding: non-ASCII, "=?" (a would-be encoded-word). */
static bool
subject_needs_encoding(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)s[i] >= 0x80)
			return true;
		if (s[i] == '=' && i + 1 < n && s[i + 1] == '?')
			return true;
	}
	return !subject_plain(NULL, s, n);
}

/* subject_valid: UTF-8 without C0 controls (CR and LF among them) or DEL. */
static bool
subject_valid(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return utf8_ok(s, n);
}

/* is_eol: s[i..n) starts with "\n" or "\r\n". */
static bool
is_eol(const char *s, size_t n, size_t i)
{
	return i < n &&
	    (s[i] == '\n' || (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n'));
}

/*
 * qp_body writes s in quoted-printable: "\n" and "\r\n" become CRLF hard
 * breaks, '=', controls (a lone CR too), bytes >= 0x80 and white space
 * before a line end become "=XX", and soft breaks "=" CRLF keep every line
 * at most QP_COLS characters without splitting an "=XX".
 */
static void
qp_body(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0, tlen, limit;
	char tok[3];
	bool eol;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_eol(s, n, i)) {
			if (c == '\r')
				i++;
			buf_adds(out, "\r\n");
			col = 0;
			continue;
		}
		eol = i + 1 == n || is_eol(s, n, i + 1);
		if ((c >= 33 && c <= 126 && c != '=') ||
		    ((c == ' ' || c == '\t') && !eol)) {
			tok[0] = (char)c;
			tlen = 1;
		} else {
			tok[0] = '=';
			tok[1] = hex[c >> 4];
			tok[2] = hex[c & 0x0f];
			tlen = 3;
		}
		/* The last token of a line needs no room for a soft break. */
		limit = eol ? QP_COLS : QP_COLS - 1;
		if (col + tlen > limit) {
			buf_adds(out, "=\r\n");
			col = 0;
		}
		buf_add(out, tok, tlen);
		col += tlen;
	}
	if (n > 0 && s[n - 1] != '\n')
		buf_adds(out, "\r\n");
}

int
mail_format(struct buf *out, const char *from, const char *to,
    const char *subject, const char *body_text, int64_t date_unix,
    const char *message_id)
{
	static const char *const wday[] = {
	    "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	size_t slen, blen;
	struct tm tm;
	time_t t;

	if (from == NULL || to == NULL || subject == NULL ||
	    body_text == NULL || message_id == NULL)
		return ERR_INVAL;
	slen = strlen(subject);
	blen = strlen(body_text);
	if (!mail_address_valid(from, strlen(from)) ||
	    !mail_address_valid(to, strlen(to)) || !msgid_valid(message_id) ||
	    !subject_valid(subject, slen) || !utf8_ok(body_text, blen))
		return ERR_INVAL;
	t = (time_t)date_unix;
	if ((int64_t)t != date_unix || gmtime_r(&t, &tm) == NULL ||
	    tm.tm_year < 0 || tm.tm_year > 9999 - 1900 || tm.tm_wday < 0 ||
	    tm.tm_wday > 6 || tm.tm_mon < 0 || tm.tm_mon > 11)
		return ERR_INVAL;

	buf_addf(out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
	    wday[tm.tm_wday], tm.tm_mday, mon[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
	buf_addf(out, "From: %s\r\n", from);
	buf_addf(out, "To: %s\r\n", to);
	if (slen == 0)
		buf_adds(out, "Subject:\r\n");
	else if (subject_needs_encoding(subject, slen))
		subject_encoded(out, subject, slen);
	else
		(void)subject_plain(out, subject, slen); /* fits: checked */
	buf_addf(out, "Message-ID: <%s>\r\n", message_id);
	buf_adds(out,
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n"
	    "\r\n");
	qp_body(out, body_text, blen);
	return buf_err(out);
}
