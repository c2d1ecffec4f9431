/*
 * mail.h: plain-text email messages (RFC 5322, MIME, quoted-printable).
 *
 * mail_format turns a sender, a recipient, a subject and a UTF-8 body into
 * the exact bytes handed to SMTP (domain/smtp.h): CRLF line endings, no
 * header line longer than 78 characters, no body line longer than 76.
 * Addresses are bare addr-specs (no display names), ASCII only. Every
 * argument is checked before anything is written, so a value carrying CR
 * or LF can never add a header (header injection is ERR_INVAL).
 */
#ifndef LAUREL_MAIL_H
#define LAUREL_MAIL_H

#include "core/common.h"
#include "core/buf.h"

#define MAIL_ADDR_MAX 254   /* RFC 5321 §4.5.3.1.3 path, less the brackets */
#define MAIL_LOCAL_MAX 64   /* RFC 5321 §4.5.3.1.1 */
#define MAIL_DOMAIN_MAX 253 /* RFC 1035 name, less the root dot */
#define MAIL_MSGID_MAX 250  /* id-left "@" id-right, without the brackets */

/*
 * mail_address_valid is true if addr[0..len) is a plausible address for
 * sending mail to: local@domain in ASCII. The local part is a dot-atom
 * (RFC 5322 atext separated by single dots, 1 to MAIL_LOCAL_MAX bytes); no
 * quoted local parts and no internationalised (UTF-8) addresses. The domain
 * is at least two dot-separated labels of letters, digits and inner hyphens
 * (1 to 63 bytes each), no address literals, no trailing dot. The whole
 * address is at most MAIL_ADDR_MAX bytes. Spaces, control characters, '<',
 * '>', quotes, commas and NUL bytes are therefore all rejected.
 */
bool mail_address_valid(const char *addr, size_t len);

/*
 * mail_format appends to out one complete message: Date (date_unix as UTC,
 * RFC 5322 §3.3), From, To, Subject, Message-ID, MIME-Version and a
 * text/plain; charset=UTF-8 body in quoted-printable (RFC 2045 §6.7), all
 * lines ending in CRLF and the message ending in CRLF.
 *
 * from and to must pass mail_address_valid. message_id is "left@right"
 * without angle brackets (printable ASCII, no specials or spaces, at most
 * MAIL_MSGID_MAX bytes); the header carries "<left@right>". The subject
 * must be valid UTF-8 without control characters; it is written as is
 * (folded at spaces) when it is ASCII and foldable to 78 columns, otherwise
 * as RFC 2047 "=?UTF-8?B?...?=" encoded-words, each holding whole
 * characters, one per line. body_text must be valid UTF-8; "\n" and "\r\n"
 * both end a line, and a body that does not end with a line break gets one.
 *
 * Returns 0; ERR_INVAL for an argument that breaks these rules (nothing is
 * written then); ERR_TOOBIG if out's limit was reached (out's sticky error
 * is set and it holds a partial message).
 */
MUST_CHECK int mail_format(struct buf *out, const char *from, const char *to,
    const char *subject, const char *body_text, int64_t date_unix,
    const char *message_id);

#endif
