/*
 * test_mail.c: message formatting (headers, RFC 2047 subjects,
 * quoted-printable bodies, header injection) and address validation.
 *
 * Bodies are checked by decoding them again with a strict quoted-printable
 * decoder written here, and every message by the line rules: CRLF only,
 * header lines <= 78 characters, body lines <= 76.
 */
#include "core/buf.h"
#include "core/err.h"
#include "domain/mail.h"
#include "ob/b64.h"

#include <criterion/criterion.h>

#define T0 1795437296 /* Mon, 23 Nov 2026 12:34:56 UTC */
#define FROM "badges@laurel.example"
#define TO "ada@example.org"
#define MSGID "AbCdEfGhIjKlMnOpQrStUv@laurel.example"

/* fmt formats a message into out (a fresh heap buf) and returns rc. */
static int
fmt(struct buf *out, const char *subject, const char *body)
{
	buf_init(out, NULL, 1 << 20);
	return mail_format(out, FROM, TO, subject, body, T0, MSGID);
}

/* body_of returns where the body starts (after the blank line). */
static const char *
body_of(const struct buf *m)
{
	const char *p = strstr(m->data, "\r\n\r\n");

	cr_assert_not_null(p, "no end of headers");
	return p + 4;
}

/*
 * check_lines asserts that m uses CRLF only, that header lines are at most
 * 78 characters and body lines at most 76 without trailing white space,
 * and that the message ends with CRLF.
 */
static void
check_lines(const struct buf *m)
{
	size_t start = 0, limit = 78;
	bool in_body = false;

	cr_assert(m->len >= 2 && memcmp(m->data + m->len - 2, "\r\n", 2) == 0,
	    "message must end with CRLF");
	for (size_t i = 0; i < m->len; i++) {
		if (m->data[i] == '\r') {
			cr_assert(i + 1 < m->len && m->data[i + 1] == '\n',
			    "bare CR at %zu", i);
			continue;
		}
		if (m->data[i] != '\n')
			continue;
		cr_assert(i > 0 && m->data[i - 1] == '\r', "bare LF at %zu", i);
		size_t n = i - 1 - start;

		cr_assert(n <= limit, "line of %zu > %zu: %.*s", n, limit,
		    (int)n, m->data + start);
		if (in_body && n > 0)
			cr_assert(
			    m->data[i - 2] != ' ' && m->data[i - 2] != '\t',
			    "trailing white space in body line");
		if (n == 0 && !in_body) {
			in_body = true;
			limit = 76;
		}
		start = i + 1;
	}
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1; /* lower case is not canonical */
}

/*
 * qp_decode strictly decodes a quoted-printable body: hard breaks become
 * "\n", soft breaks vanish, and anything an encoder must escape but did
 * not fails the test.
 */
static void
qp_decode(const char *p, struct buf *out)
{
	while (*p != '\0') {
		const char *eol = strstr(p, "\r\n");

		cr_assert_not_null(eol, "body line without CRLF");
		for (const char *q = p; q < eol; q++) {
			unsigned char c = (unsigned char)*q;

			if (c == '=') {
				if (q + 1 == eol) {
					cr_assert(eol[2] != '\0',
					    "soft break at the very end");
					goto soft;
				}
				cr_assert(q + 3 <= eol, "truncated =XX");
				int hi = hexval(q[1]), lo = hexval(q[2]);

				cr_assert(hi >= 0 && lo >= 0, "bad =XX");
				buf_addc(out, (char)(hi << 4 | lo));
				q += 2;
				continue;
			}
			cr_assert(
			    (c >= 33 && c <= 126) || c == ' ' || c == '\t',
			    "unencoded byte 0x%02x", c);
			buf_addc(out, (char)c);
		}
		buf_addc(out, '\n');
	soft:
		p = eol + 2;
	}
}

/* normalise is what decoding should give: LF line ends, a final LF. */
static void
normalise(const char *in, struct buf *out)
{
	size_t n = strlen(in);

	for (size_t i = 0; i < n; i++) {
		if (in[i] == '\r' && i + 1 < n && in[i + 1] == '\n')
			continue;
		buf_addc(out, in[i]);
	}
	if (n > 0 && in[n - 1] != '\n')
		buf_addc(out, '\n');
}

static void
check_round_trip(const char *body)
{
	struct buf m, got, want;

	cr_assert_eq(fmt(&m, "Round trip", body), 0, "body: %s", body);
	check_lines(&m);
	buf_init(&got, NULL, 1 << 20);
	buf_init(&want, NULL, 1 << 20);
	qp_decode(body_of(&m), &got);
	normalise(body, &want);
	cr_assert_eq(got.len, want.len, "decoded %zu bytes, want %zu", got.len,
	    want.len);
	cr_assert(memcmp(got.data, want.data, got.len) == 0,
	    "round trip differs:\n%s\n---\n%s", got.data, want.data);
	buf_free(&m);
	buf_free(&got);
	buf_free(&want);
}

/*
 * subject_of unfolds the Subject header of m and decodes its
 * encoded-words (if any) into out; *words counts them.
 */
static void
subject_of(const struct buf *m, struct buf *out, size_t *words)
{
	const char *p = strstr(m->data, "\r\nSubject:");
	struct buf unfolded;

	cr_assert_not_null(p);
	p += strlen("\r\nSubject:");
	buf_init(&unfolded, NULL, 1 << 16);
	for (;;) {
		const char *eol = strstr(p, "\r\n");

		buf_add(&unfolded, p, (size_t)(eol - p));
		p = eol + 2;
		if (*p != ' ' && *p != '\t')
			break;
	}
	*words = 0;
	const char *u = unfolded.data;

	if (*u == ' ')
		u++;
	if (strncmp(u, "=?", 2) != 0) {
		buf_adds(out, u);
		buf_free(&unfolded);
		return;
	}
	while (*u != '\0') {
		cr_assert(
		    strncmp(u, "=?UTF-8?B?", 10) == 0, "not a word: %s", u);
		const char *end = strstr(u + 10, "?=");

		cr_assert_not_null(end);
		cr_assert(end + 2 - u <= 75, "encoded-word over 75 chars");
		cr_assert_eq(
		    b64_decode(u + 10, (size_t)(end - u - 10), out), 0);
		(*words)++;
		u = end + 2;
		if (*u == ' ')
			u++;
	}
	buf_free(&unfolded);
}

Test(mail, exact_message)
{
	struct buf m;
	const char *want =
	    "Date: Mon, 23 Nov 2026 12:34:56 +0000\r\n"
	    "From: badges@laurel.example\r\n"
	    "To: ada@example.org\r\n"
	    "Subject: Your badge application\r\n"
	    "Message-ID: <AbCdEfGhIjKlMnOpQrStUv@laurel.example>\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n"
	    "\r\n"
	    "Hello Ada,\r\n"
	    "\r\n"
	    "1 + 1 =3D 2, caf=C3=A9.=20\r\n"
	    "Bye\r\n";

	cr_assert_eq(fmt(&m, "Your badge application",
	                 "Hello Ada,\n\n1 + 1 = 2, caf\xc3\xa9. \r\nBye"),
	    0);
	cr_assert_str_eq(m.data, want);
	check_lines(&m);
	buf_free(&m);
}

Test(mail, appends_to_buffer)
{
	struct buf m;

	buf_init(&m, NULL, 4096);
	buf_adds(&m, "X-Before: 1\r\n");
	cr_assert_eq(mail_format(&m, FROM, TO, "s", "b", T0, MSGID), 0);
	cr_assert(strncmp(m.data, "X-Before: 1\r\nDate: ", 19) == 0);
	buf_free(&m);
}

Test(mail, dates)
{
	static const struct {
		int64_t t;
		const char *want;
	} cases[] = {
	    {0, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"},
	    {951782400, "Date: Tue, 29 Feb 2000 00:00:00 +0000\r\n"},
	    {253402300799, "Date: Fri, 31 Dec 9999 23:59:59 +0000\r\n"},
	    {-2208988800, "Date: Mon, 01 Jan 1900 00:00:00 +0000\r\n"},
	};
	struct buf m;

	for (size_t i = 0; i < NELEM(cases); i++) {
		buf_init(&m, NULL, 4096);
		cr_assert_eq(
		    mail_format(&m, FROM, TO, "s", "b", cases[i].t, MSGID), 0);
		cr_assert(
		    strncmp(m.data, cases[i].want, strlen(cases[i].want)) == 0,
		    "%s", m.data);
		buf_free(&m);
	}
	buf_init(&m, NULL, 4096);
	cr_assert_eq(mail_format(&m, FROM, TO, "s", "b", -2208988801, MSGID),
	    ERR_INVAL, "years before 1900 have no RFC 5322 form");
	cr_assert_eq(mail_format(&m, FROM, TO, "s", "b", 253402300800, MSGID),
	    ERR_INVAL, "years after 9999 have no RFC 5322 form");
	cr_assert_eq(
	    mail_format(&m, FROM, TO, "s", "b", INT64_MAX, MSGID), ERR_INVAL);
	cr_assert_eq(m.len, 0);
	buf_free(&m);
}

Test(mail, ascii_subject_folds_at_spaces)
{
	struct buf m, s;
	char subject[400] = "";
	size_t words;

	size_t n = 0;

	/* Forty words of varying length, 200-odd characters. */
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(subject + n, sizeof(subject) - n,
		    "%s%.*s", i ? " " : "", 1 + i % 9, "abcdefghi");
	cr_assert_eq(fmt(&m, subject, "b"), 0);
	check_lines(&m);
	cr_assert_not_null(strstr(m.data, "\r\n "), "expected folding");
	cr_assert_null(strstr(m.data, "=?"), "ASCII stays readable");
	buf_init(&s, NULL, 4096);
	subject_of(&m, &s, &words);
	cr_assert_eq(words, 0);
	cr_assert_str_eq(s.data, subject, "unfolding must give the subject");
	buf_free(&m);
	buf_free(&s);
}

Test(mail, ascii_subject_spaces_kept)
{
	static const char *const subjects[] = {" leading space",
	    "trailing space ", "two  spaces", "x",
	    ("                                        many                     "
	     "                          spaces")};
	struct buf m, s;
	size_t words;

	for (size_t i = 0; i < NELEM(subjects); i++) {
		cr_assert_eq(fmt(&m, subjects[i], "b"), 0);
		check_lines(&m);
		buf_init(&s, NULL, 4096);
		subject_of(&m, &s, &words);
		cr_assert_str_eq(s.data, subjects[i]);
		buf_free(&m);
		buf_free(&s);
	}
	cr_assert_eq(fmt(&m, "", "b"), 0);
	cr_assert_not_null(strstr(m.data, "\r\nSubject:\r\nMessage-ID:"));
	buf_free(&m);
}

Test(mail, unfoldable_ascii_subject_is_encoded)
{
	char subject[121];
	struct buf m, s;
	size_t words;

	memset(subject, 'a', 120);
	subject[120] = '\0';
	cr_assert_eq(fmt(&m, subject, "b"), 0);
	check_lines(&m);
	buf_init(&s, NULL, 4096);
	subject_of(&m, &s, &words);
	cr_assert(words >= 3);
	cr_assert_str_eq(s.data, subject);
	buf_free(&m);
	buf_free(&s);

	/* "=?" in plain text would read as an encoded-word: encode it. */
	cr_assert_eq(fmt(&m, "=?UTF-8?B?SGk=?=", "b"), 0);
	buf_init(&s, NULL, 4096);
	subject_of(&m, &s, &words);
	cr_assert_eq(words, 1);
	cr_assert_str_eq(s.data, "=?UTF-8?B?SGk=?=");
	buf_free(&m);
	buf_free(&s);
}

Test(mail, non_ascii_subject_is_encoded_word)
{
	const char *subject = "Badge awarded: G\xc3\xa0idhlig \xe2\x9c\x93";
	struct buf m, s;
	size_t words;

	cr_assert_eq(fmt(&m, subject, "b"), 0);
	check_lines(&m);
	cr_assert_not_null(strstr(m.data,
	    "\r\nSubject: =?UTF-8?B?QmFkZ2UgYXdhcmRlZDogR8OgaWRobGlnIOKckw==?="
	    "\r\n"));
	buf_init(&s, NULL, 4096);
	subject_of(&m, &s, &words);
	cr_assert_eq(words, 1);
	cr_assert_str_eq(s.data, subject);
	buf_free(&m);
	buf_free(&s);
}

Test(mail, long_non_ascii_subject_splits_on_characters)
{
	/* 1, 2, 3 and 4-byte characters, so chunk ends fall mid-character. */
	static const char *const chars[] = {
	    "a", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x8e\x93"};
	char subject[1024];
	size_t n = 0, words;
	struct buf m, s, w;

	for (int i = 0; i < 150; i++) {
		const char *c = chars[(size_t)(i * 7 + i / 5) % NELEM(chars)];

		memcpy(subject + n, c, strlen(c));
		n += strlen(c);
	}
	subject[n] = '\0';
	cr_assert_eq(fmt(&m, subject, "b"), 0);
	check_lines(&m);
	buf_init(&s, NULL, 4096);
	subject_of(&m, &s, &words);
	cr_assert(words > 5);
	cr_assert_str_eq(s.data, subject);

	/* Each encoded-word on its own decodes to whole characters. */
	const char *p = strstr(m.data, "=?UTF-8?B?");

	while (p != NULL && p < body_of(&m)) {
		const char *end = strstr(p, "?=");

		buf_init(&w, NULL, 4096);
		cr_assert_eq(b64_decode(p + 10, (size_t)(end - p - 10), &w), 0);
		cr_assert(w.len > 0);
		cr_assert(((unsigned char)w.data[0] & 0xc0) != 0x80,
		    "word starts mid-character");
		unsigned char last = (unsigned char)w.data[w.len - 1];
		size_t k = w.len;

		while (k > 0 && ((unsigned char)w.data[k - 1] & 0xc0) == 0x80)
			k--;
		cr_assert(k > 0);
		unsigned char lead = (unsigned char)w.data[k - 1];
		size_t need = lead < 0x80 ? 1
		    : lead < 0xe0         ? 2
		    : lead < 0xf0         ? 3
		                          : 4;

		cr_assert_eq(w.len - (k - 1), need,
		    "word ends mid-character (last 0x%02x)", last);
		buf_free(&w);
		p = strstr(end, "=?UTF-8?B?");
	}
	buf_free(&m);
	buf_free(&s);
}

Test(mail, qp_specific_encodings)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
	    {"a=b", "a=3Db\r\n"},
	    {"x \n", "x=20\r\n"},
	    {"x\t", "x=09\r\n"},
	    {"x \ty", "x \ty\r\n"},
	    {"caf\xc3\xa9", "caf=C3=A9\r\n"},
	    {"a\rb", "a=0Db\r\n"},
	    {"a\r", "a=0D\r\n"},
	    {"\n\n", "\r\n\r\n"},
	    {"\r\n", "\r\n"},
	    {".\n..", ".\r\n..\r\n"},
	    {"", ""},
	};
	struct buf m;

	for (size_t i = 0; i < NELEM(cases); i++) {
		cr_assert_eq(fmt(&m, "s", cases[i].in), 0);
		cr_assert_str_eq(body_of(&m), cases[i].want, "case %zu", i);
		buf_free(&m);
	}
}

Test(mail, qp_soft_breaks)
{
	char line[300];
	struct buf m;
	const char *b;

	/* 76 characters fit on one line; 77 need a soft break after 75. */
	memset(line, 'x', 76);
	line[76] = '\0';
	cr_assert_eq(fmt(&m, "s", line), 0);
	cr_assert_eq(strlen(body_of(&m)), 78);
	buf_free(&m);
	memset(line, 'x', 77);
	line[77] = '\0';
	cr_assert_eq(fmt(&m, "s", line), 0);
	b = body_of(&m);
	cr_assert(strncmp(b + 75, "=\r\nxx\r\n", 7) == 0, "%s", b);
	buf_free(&m);

	/* An =XX is never split by a soft break. */
	memset(line, '=', 100);
	line[100] = '\0';
	cr_assert_eq(fmt(&m, "s", line), 0);
	b = body_of(&m);
	cr_assert(strncmp(b, "=3D=3D", 6) == 0);
	cr_assert(strncmp(b + 75, "=\r\n=3D", 6) == 0, "%s", b);
	check_lines(&m);
	buf_free(&m);

	/* Trailing space at a soft break point stays literal before '='. */
	memset(line, 'y', 74);
	line[74] = ' ';
	memset(line + 75, 'z', 10);
	line[85] = '\0';
	cr_assert_eq(fmt(&m, "s", line), 0);
	check_lines(&m);
	buf_free(&m);
}

Test(mail, qp_round_trips)
{
	static const char *const bodies[] = {
	    "plain text", "line one\nline two\n", "crlf one\r\ncrlf two\r\n",
	    "equals = signs == everywhere ===\n=\n==",
	    "trailing spaces   \ntrailing tab\t\n \n\t\n  ",
	    "lone\rcarriage\r\rreturns\r",
	    "UTF-8: \xc3\xa9\xe2\x82\xac\xf0\x9f\x8e\x93 G\xc3\xa0idhlig",
	    "control\x01\x1f\x7f bytes\f", "..leading dots\n.\n.x\nFrom here\n",
	    "", /* an empty body stays empty */
	};
	char long1[2000], long2[2000], long3[2000];

	for (size_t i = 0; i < NELEM(bodies); i++)
		check_round_trip(bodies[i]);

	/* Long lines of every length around the limits. */
	for (size_t n = 70; n < 160; n++) {
		memset(long1, 'a', n);
		long1[n] = '\0';
		check_round_trip(long1);
		memset(long1, ' ', n); /* all white space */
		check_round_trip(long1);
		for (size_t k = 0; k < n; k++)
			long1[k] = "ab=c \t\xc3\xa9"[k % 8];
		if (n % 8 == 7) /* do not cut the é in half */
			long1[n - 1] = 'x';
		check_round_trip(long1);
	}
	for (size_t i = 0; i < sizeof(long2) - 1; i++)
		long2[i] = (char)(i % 97 == 96 ? '\n' : 'a' + (char)(i % 26));
	long2[sizeof(long2) - 1] = '\0';
	check_round_trip(long2);
	for (size_t i = 0; i < 1998; i += 3) /* 666 euro signs */
		memcpy(long3 + i, "\xe2\x82\xac", 3);
	long3[1998] = '\0';
	check_round_trip(long3);
}

Test(mail, header_injection_rejected)
{
	struct buf m;

	buf_init(&m, NULL, 4096);
	cr_assert_eq(mail_format(&m, FROM, TO, "Hi\r\nBcc: eve@evil.example",
	                 "b", T0, MSGID),
	    ERR_INVAL);
	cr_assert_eq(mail_format(&m, FROM, TO, "Hi\nBcc: eve@evil.example", "b",
	                 T0, MSGID),
	    ERR_INVAL);
	cr_assert_eq(
	    mail_format(&m, FROM, TO, "Hi\r", "b", T0, MSGID), ERR_INVAL);
	cr_assert_eq(
	    mail_format(&m, FROM, TO, "tab\there", "b", T0, MSGID), ERR_INVAL);
	cr_assert_eq(mail_format(&m, "a@b.example\r\nBcc: eve@evil.example", TO,
	                 "s", "b", T0, MSGID),
	    ERR_INVAL);
	cr_assert_eq(mail_format(&m, FROM, "ada@example.org\nBcc: e@e.example",
	                 "s", "b", T0, MSGID),
	    ERR_INVAL);
	cr_assert_eq(mail_format(&m, FROM, TO, "s", "b", T0,
	                 "id@laurel.example>\r\nBcc: eve@evil.example"),
	    ERR_INVAL);
	cr_assert_eq(
	    mail_format(&m, FROM, TO, "s", "b", T0, "id\r\n@x"), ERR_INVAL);
	cr_assert_eq(m.len, 0, "nothing may be written on ERR_INVAL");
	buf_free(&m);
}

Test(mail, other_invalid_arguments)
{
	struct buf m;

	buf_init(&m, NULL, 4096);
	cr_assert_eq(mail_format(&m, "not an address", TO, "s", "b", T0, MSGID),
	    ERR_INVAL);
	cr_assert_eq(
	    mail_format(&m, FROM, "<ada@example.org>", "s", "b", T0, MSGID),
	    ERR_INVAL);
	cr_assert_eq(mail_format(&m, FROM, TO, "bad \xc3", "b", T0, MSGID),
	    ERR_INVAL, "subject must be UTF-8");
	cr_assert_eq(mail_format(&m, FROM, TO, "s", "bad \xff body", T0, MSGID),
	    ERR_INVAL, "body must be UTF-8");
	cr_assert_eq(mail_format(&m, FROM, TO, "s", "\xed\xa0\x80", T0, MSGID),
	    ERR_INVAL, "no surrogates");
	cr_assert_eq(mail_format(&m, FROM, TO, "s", "\xc0\xaf", T0, MSGID),
	    ERR_INVAL, "no overlong forms");
	cr_assert_eq(mail_format(&m, FROM, TO, "s", "b", T0, "<id@host>"),
	    ERR_INVAL, "the id comes without brackets");
	cr_assert_eq(
	    mail_format(&m, FROM, TO, "s", "b", T0, "no-at-sign"), ERR_INVAL);
	cr_assert_eq(
	    mail_format(&m, FROM, TO, "s", "b", T0, "a b@host"), ERR_INVAL);
	cr_assert_eq(mail_format(&m, NULL, TO, "s", "b", T0, MSGID), ERR_INVAL);
	cr_assert_eq(
	    mail_format(&m, FROM, TO, NULL, "b", T0, MSGID), ERR_INVAL);
	cr_assert_eq(mail_format(&m, FROM, TO, "s", "b", T0, NULL), ERR_INVAL);
	cr_assert_eq(m.len, 0);
	cr_assert_eq(mail_format(&m, FROM, TO, "s", "b", T0, "id@localhost"), 0,
	    "a message id needs no dot in its host");
	buf_free(&m);
}

Test(mail, too_big)
{
	struct buf m;

	buf_init(&m, NULL, 100);
	cr_assert_eq(
	    mail_format(&m, FROM, TO, "s", "b", T0, MSGID), ERR_TOOBIG);
	buf_free(&m);
}

Test(mail, address_validation)
{
	char local64[80], local65[80], long254[300], long255[300];
	static const struct {
		const char *addr;
		bool ok;
	} cases[] = {
	    {"ada@example.org", true},
	    {"a@b.co", true},
	    {"first.last@sub.example.org", true},
	    {"user+tag@example.org", true},
	    {"o'brien@example.ie", true},
	    {"x!#$%&'*+-/=?^_`{|}~@example.org", true},
	    {"ADA@EXAMPLE.ORG", true},
	    {"ada@xn--bcher-kva.example", true},
	    {"ada@a-b.example", true},
	    {"ada@123.example", true},
	    {"", false},
	    {"ada", false},
	    {"@example.org", false},
	    {"ada@", false},
	    {"ada@localhost", false},
	    {"ada@example.org.", false},
	    {"ada@.example.org", false},
	    {"ada@example..org", false},
	    {"ada@-example.org", false},
	    {"ada@example-.org", false},
	    {"ada@exa_mple.org", false},
	    {"ada@1.2.3.4", false},
	    {"ada@[127.0.0.1]", false},
	    {"ada@@example.org", false},
	    {"a@b@example.org", false},
	    {".ada@example.org", false},
	    {"ada.@example.org", false},
	    {"a..da@example.org", false},
	    {"a da@example.org", false},
	    {"ada@exam ple.org", false},
	    {" ada@example.org", false},
	    {"ada@example.org ", false},
	    {"<ada@example.org>", false},
	    {"Ada <ada@example.org>", false},
	    {"\"ada\"@example.org", false},
	    {"a,b@example.org", false},
	    {"a\tb@example.org", false},
	    {"ada@example.org\r\n", false},
	    {"ad\x7f@example.org", false},
	    {"\xc3\xa9@example.org", false},
	    {"ada@\xc3\xa9xample.org", false},
	};

	for (size_t i = 0; i < NELEM(cases); i++)
		cr_assert_eq(
		    mail_address_valid(cases[i].addr, strlen(cases[i].addr)),
		    cases[i].ok, "%s should be %s", cases[i].addr,
		    cases[i].ok ? "valid" : "invalid");

	/* A NUL inside the length is not part of any valid address. */
	cr_assert_not(mail_address_valid("ada\0x@example.org", 17));
	/* Only len bytes count. */
	cr_assert(mail_address_valid("ada@example.orgXXX", 15));

	/* Local part: 64 bytes at most. */
	memset(local64, 'l', 64);
	memcpy(local64 + 64, "@example.org", 13);
	cr_assert(mail_address_valid(local64, strlen(local64)));
	memset(local65, 'l', 65);
	memcpy(local65 + 65, "@example.org", 13);
	cr_assert_not(mail_address_valid(local65, strlen(local65)));

	/* Whole address: 254 bytes at most (labels of 63 and less). */
	memset(long254, 'a', sizeof(long254));
	memcpy(long254, "x@", 2);
	for (size_t i = 2 + 63; i < 254; i += 64)
		long254[i] = '.';
	long254[254] = '\0';
	long254[253] = 'z';
	cr_assert(mail_address_valid(long254, 254), "254 bytes: %s", long254);
	memcpy(long255, long254, 254);
	long255[254] = 'z';
	long255[255] = '\0';
	cr_assert_not(mail_address_valid(long255, 255));

	/* Domain labels: 63 bytes at most. */
	char label[100] = "a@";

	memset(label + 2, 'b', 63);
	memcpy(label + 65, ".org", 5);
	cr_assert(mail_address_valid(label, strlen(label)));
	memset(label + 2, 'b', 64);
	memcpy(label + 66, ".org", 5);
	cr_assert_not(mail_address_valid(label, strlen(label)));
	cr_assert_not(mail_address_valid(NULL, 0));
}
