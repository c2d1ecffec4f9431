/*
 * smtp.c: one message to one recipient over SMTP with libcurl (smtp.h).
 *
 * Each call owns one easy handle and one connection from start to end;
 * the only shared state is libcurl's global initialisation, done once under
 * pthread_once. The message is read straight from the caller's buffer,
 * which must stay unchanged until smtp_send returns. The server's reply
 * text is captured through the debug callback (CURLINFO_HEADER_IN only,
 * never what we send, so credentials cannot end up in err).
 */
#include "core/common.h"
#include "core/err.h"
#include "domain/mail.h"
#include "domain/smtp.h"

#include <pthread.h>
#include <strings.h>

#include <curl/curl.h>

#define REPLY_MAX 200 /* bytes of the server's reply quoted in err */

static pthread_once_t smtp_once = PTHREAD_ONCE_INIT;
static CURLcode smtp_init_rc = CURLE_FAILED_INIT;

static void
smtp_init_once(void)
{
	smtp_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

void
smtp_global_init(void)
{
	if (pthread_once(&smtp_once, smtp_init_once) != 0)
		fatal("smtp: pthread_once failed");
}

/* The message being uploaded: msg[off..len) is still to send. */
struct upload {
	const char *msg;
	size_t len;
	size_t off;
};

/* The last 4xx or 5xx reply line the server sent, made printable. */
struct reply {
	char line[REPLY_MAX + 1];
};

static size_t
smtp_read(char *dst, size_t size, size_t nitems, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nitems;

	if (n > u->len - u->off)
		n = u->len - u->off;
	memcpy(dst, u->msg + u->off, n);
	u->off += n;
	return n;
}

/* reply_keep copies the reply line p[0..n) into r if it is an error. */
static void
reply_keep(struct reply *r, const char *p, size_t n)
{
	size_t k = 0;

	while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == '\n'))
		n--;
	if (n < 3 || (p[0] != '4' && p[0] != '5') || p[1] < '0' || p[1] > '9' ||
	    p[2] < '0' || p[2] > '9')
		return;
	for (size_t i = 0; i < n && k < REPLY_MAX; i++) {
		unsigned char c = (unsigned char)p[i];

		r->line[k++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	r->line[k] = '\0';
}

static int
smtp_debug(CURL *c, curl_infotype type, char *data, size_t size, void *arg)
{
	const char *nl;
	size_t n;

	(void)c;
	if (type != CURLINFO_HEADER_IN)
		return 0;
	while (size > 0) {
		nl = memchr(data, '\n', size);
		n = nl != NULL ? (size_t)(nl - data) + 1 : size;

		reply_keep(arg, data, n);
		data += n;
		size -= n;
	}
	return 0;
}

static void PRINTF_LIKE(3, 4)
    set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* url_valid: an smtp:// or smtps:// URL of printable ASCII, no spaces. */
static bool
url_valid(const char *url)
{
	if (strncasecmp(url, "smtp://", 7) != 0 &&
	    strncasecmp(url, "smtps://", 8) != 0)
		return false;
	for (const char *p = url; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			return false;
	return true;
}

int
smtp_send(const char *url, const char *from, const char *to, const char *msg,
    size_t len, long timeout_s, char *err, size_t errlen)
{
	struct upload up = {msg, len, 0};
	struct reply reply = {{0}};
	char ebuf[CURL_ERROR_SIZE];
	struct curl_slist *rcpt = NULL;
	CURL *c = NULL;
	CURLcode res = CURLE_OK;
	long code = 0;
	int rc = ERR_INVAL;

	set_err(err, errlen, "%s", "");
	if (url == NULL || !url_valid(url)) {
		set_err(err, errlen, "mail URL is not smtp:// or smtps://");
		return ERR_INVAL;
	}
	if (from == NULL || !mail_address_valid(from, strlen(from))) {
		set_err(err, errlen, "invalid sender address");
		return ERR_INVAL;
	}
	if (to == NULL || !mail_address_valid(to, strlen(to))) {
		set_err(err, errlen, "invalid recipient address");
		return ERR_INVAL;
	}
	if (msg == NULL || len == 0 || (uint64_t)len > (uint64_t)INT64_MAX) {
		set_err(err, errlen, "empty or oversized message");
		return ERR_INVAL;
	}
	if (timeout_s <= 0) {
		set_err(err, errlen, "timeout must be positive");
		return ERR_INVAL;
	}

	smtp_global_init();
	if (smtp_init_rc != CURLE_OK) {
		set_err(err, errlen, "libcurl could not be initialised: %s",
		    curl_easy_strerror(smtp_init_rc));
		return ERR_IO;
	}
	if ((c = curl_easy_init()) == NULL)
		fatal("smtp: curl_easy_init failed");
	if ((rcpt = curl_slist_append(NULL, to)) == NULL)
		fatal("smtp: out of memory");
	ebuf[0] = '\0';

#define SET(opt, val)                                                          \
	do {                                                                   \
		if (res == CURLE_OK)                                           \
			res = curl_easy_setopt(c, opt, val);                   \
	} while (0)
	SET(CURLOPT_ERRORBUFFER, ebuf);
	SET(CURLOPT_URL, url);
#if LIBCURL_VERSION_NUM >= 0x075500
	SET(CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
	SET(CURLOPT_PROTOCOLS, (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
	SET(CURLOPT_PROXY, "");
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	SET(CURLOPT_CONNECTTIMEOUT,
	    timeout_s < SMTP_CONNECT_TIMEOUT_MAX
	        ? timeout_s
	        : (long)SMTP_CONNECT_TIMEOUT_MAX);
	SET(CURLOPT_TIMEOUT, timeout_s);
	SET(CURLOPT_MAIL_FROM, from);
	SET(CURLOPT_MAIL_RCPT, rcpt);
	SET(CURLOPT_UPLOAD, 1L);
	SET(CURLOPT_READFUNCTION, smtp_read);
	SET(CURLOPT_READDATA, &up);
	SET(CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	SET(CURLOPT_DEBUGFUNCTION, smtp_debug);
	SET(CURLOPT_DEBUGDATA, &reply);
	SET(CURLOPT_VERBOSE, 1L);
#undef SET
	if (res != CURLE_OK) {
		set_err(err, errlen, "libcurl refused an option: %s",
		    curl_easy_strerror(res));
		rc = ERR_IO;
		goto out;
	}

	res = curl_easy_perform(c);
	if (res == CURLE_OK) {
		rc = 0;
		goto out;
	}
	if (curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code) != CURLE_OK)
		code = 0;
	if (code >= 500 && code <= 599)
		rc = ERR_INVAL; /* the server refused for good */
	else if (code == 0 &&
	    (res == CURLE_URL_MALFORMAT || res == CURLE_UNSUPPORTED_PROTOCOL))
		rc = ERR_INVAL; /* the URL itself is wrong */
	else
		rc = ERR_IO; /* 4xx, network, TLS, timeout: try again later */
	if (reply.line[0] != '\0')
		set_err(err, errlen, "%s: server said \"%s\"",
		    ebuf[0] != '\0' ? ebuf : curl_easy_strerror(res),
		    reply.line);
	else
		set_err(err, errlen, "%s",
		    ebuf[0] != '\0' ? ebuf : curl_easy_strerror(res));
out:
	curl_easy_cleanup(c);
	curl_slist_free_all(rcpt);
	return rc;
}
