/*
 * password.c: Argon2id hashes and the password policy (see password.h).
 *
 * Nothing here allocates or keeps a copy of a password: hashing and
 * verifying hand the caller's bytes straight to libargon2 (which wipes its
 * own working memory), and the policy checks read them in place. All state
 * is constant, so every function may be called from any thread.
 *
 * Choice of parameters (PASSWORD_M_COST etc. in password.h). OWASP's
 * Password Storage Cheat Sheet lists equally strong Argon2id minimums from
 * m=47104 KiB, t=1 to m=7168 KiB, t=5 (p=1), whose memory-time products
 * m*t are all about 36,000-47,000 KiB-passes; m=19456, t=2 is the usual
 * one. bench/password.c on this 2-core machine, median ms per hash over
 * five runs of 21-31 hashes while other builds, fuzzers and a browser came
 * and went (elapsed; the low end is an idle machine):
 *
 *	m=19456,t=2  22-51	(OWASP)	m=24576,t=3  46-98 (CPU 46-65)
 *	m=47104,t=1  57-85	(OWASP)	m=32768,t=2  62-87
 *	m=19456,t=4  45-93		m=47104,t=2  90-115
 *	m=24576,t=2  30-71		m=65536,t=2 130-183
 *
 * We take m=24576 KiB (24 MiB), t=3, p=1: m*t is 73,728, 1.9 times
 * OWASP's m=19456, t=2, so each guess costs a GPU or ASIC attacker about
 * twice as much memory-time, while a hash takes 46-65 ms of CPU, inside
 * the 100 ms we allow a login even when the other core is busy. Memory
 * beyond about 24 MiB costs us more than linearly on this machine (32 MiB,
 * t=2 has less m*t but took more CPU time in every run, as the working set
 * outgrows the cache), so the extra strength comes from a third pass
 * rather than more memory. A login costs the server what a guess costs an
 * attacker: one core does 15-22 hashes a second, so login attempts must be
 * rate-limited. With the default 8 HTTP threads all hashing at once the
 * peak is 192 MiB. p=1 because libargon2 starts a thread per extra lane,
 * and on two cores that would only take CPU from other requests.
 */
#include "core/common.h"
#include "core/err.h"
#include "domain/password.h"

#include <argon2.h>
#include <openssl/rand.h>

#define XSTR(x) STR(x)
#define STR(x) #x

/*
 * Limits on the parameters of a stored hash we are willing to verify, so
 * that a corrupt or tampered row costs at most a few hundred milliseconds
 * and 256 MiB rather than whatever it asks for.
 */
#define VERIFY_MAX_M 262144
#define VERIFY_MAX_T 16
#define VERIFY_MAX_P 8
#define VERIFY_MAX_ENCODED 512

/*
 * The hash password_dummy_verify checks against: the current parameters, a
 * fixed salt ("laurel-dummy-slt") and an arbitrary tag that no password is
 * expected to match.
 */
static const char dummy_hash[] =
    "$argon2id$v=19$m=" XSTR(PASSWORD_M_COST) ",t=" XSTR(
        PASSWORD_T_COST) ",p=" XSTR(PASSWORD_P_COST) "$bGF1cmVsLWR1bW15LXNsdA$"
                                                     "BRNEC+aUbajGbVWbjSO+"
                                                     "rSj3MtoOu3k6ASjxIzfF2JY";

/* The parts of a PHC string "$argon2id$v=19$m=M,t=T,p=P$salt$tag". */
struct phc {
	uint32_t v, m, t, p;
	size_t salt_len; /* decoded bytes */
	size_t tag_len;
};

/*
 * skip advances *s past the literal lit and returns true, or returns false
 * leaving *s alone.
 */
static bool
skip(const char **s, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*s, lit, n) != 0)
		return false;
	*s += n;
	return true;
}

/*
 * decimal reads a decimal uint32_t without sign or leading zeros at *s and
 * advances past it.
 */
static bool
decimal(const char **s, uint32_t *out)
{
	const char *p = *s;
	uint64_t v = 0;

	if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] >= '0' && p[1] <= '9'))
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (uint64_t)(*p - '0');
		if (v > UINT32_MAX)
			return false;
	}
	*s = p;
	*out = (uint32_t)v;
	return true;
}

static bool
is_b64(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '+' || c == '/';
}

/*
 * b64_field reads a run of unpadded base64 characters at *s, advances past
 * it and sets *bytes to the length it decodes to.
 */
static bool
b64_field(const char **s, size_t *bytes)
{
	const char *p = *s;
	size_t n;

	while (is_b64(*p))
		p++;
	n = (size_t)(p - *s);
	if (n == 0 || n % 4 == 1)
		return false;
	*bytes = n / 4 * 3 + (n % 4 ? n % 4 - 1 : 0);
	*s = p;
	return true;
}

/*
 * phc_parse splits an Argon2id PHC string into ph. It checks the shape only;
 * libargon2 checks the rest (base64 padding bits, minimum sizes) on verify.
 */
static bool
phc_parse(const char *s, struct phc *ph)
{
	if (strnlen(s, VERIFY_MAX_ENCODED) == VERIFY_MAX_ENCODED)
		return false;
	return skip(&s, "$argon2id$v=") && decimal(&s, &ph->v) &&
	    skip(&s, "$m=") && decimal(&s, &ph->m) && skip(&s, ",t=") &&
	    decimal(&s, &ph->t) && skip(&s, ",p=") && decimal(&s, &ph->p) &&
	    skip(&s, "$") && b64_field(&s, &ph->salt_len) && skip(&s, "$") &&
	    b64_field(&s, &ph->tag_len) && *s == '\0';
}

int
password_hash(const char *pw, size_t len, char *out, size_t outlen)
{
	unsigned char salt[PASSWORD_SALT_LEN];
	int rc;

	if (outlen > 0)
		out[0] = '\0';
	if (len > PASSWORD_MAX_BYTES ||
	    outlen < argon2_encodedlen(PASSWORD_T_COST, PASSWORD_M_COST,
	                 PASSWORD_P_COST, PASSWORD_SALT_LEN, PASSWORD_TAG_LEN,
	                 Argon2_id))
		return ERR_TOOBIG;
	if (RAND_bytes(salt, sizeof(salt)) != 1)
		return ERR_CRYPTO;
	rc = argon2id_hash_encoded(PASSWORD_T_COST, PASSWORD_M_COST,
	    PASSWORD_P_COST, pw, len, salt, sizeof(salt), PASSWORD_TAG_LEN, out,
	    outlen);
	if (rc != ARGON2_OK) {
		out[0] = '\0';
		return ERR_CRYPTO;
	}
	return 0;
}

bool
password_verify(const char *encoded, const char *pw, size_t len)
{
	struct phc ph;

	if (encoded == NULL || (pw == NULL && len != 0) ||
	    !phc_parse(encoded, &ph))
		return false;
	if (ph.v != ARGON2_VERSION_13 || ph.m > VERIFY_MAX_M ||
	    ph.t > VERIFY_MAX_T || ph.p > VERIFY_MAX_P || len > UINT32_MAX)
		return false;
	return argon2id_verify(encoded, pw, len) == ARGON2_OK;
}

void
password_dummy_verify(void)
{
	static const char pw[] = "not the password of any account";

	(void)password_verify(dummy_hash, pw, sizeof(pw) - 1);
}

bool
password_needs_rehash(const char *encoded)
{
	struct phc ph;

	if (encoded == NULL || !phc_parse(encoded, &ph))
		return true;
	return ph.v != ARGON2_VERSION_13 || ph.m != PASSWORD_M_COST ||
	    ph.t != PASSWORD_T_COST || ph.p != PASSWORD_P_COST ||
	    ph.salt_len != PASSWORD_SALT_LEN || ph.tag_len != PASSWORD_TAG_LEN;
}

/*
 * utf8_chars counts the code points of s[0..n) into *chars and returns
 * true if it is well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing past U+10FFFF).
 */
static bool
utf8_chars(const char *s, size_t n, size_t *chars)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, count = 0;

	while (i < n) {
		unsigned char c = p[i];
		size_t k;
		unsigned char lo = 0x80, hi = 0xbf;

		if (c < 0x80)
			k = 0;
		else if (c >= 0xc2 && c <= 0xdf)
			k = 1;
		else if (c >= 0xe0 && c <= 0xef)
			k = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			k = 3;
		else
			return false;
		/* The second byte's range rules out overlongs and surrogates. */
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
		else if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
		if (k > n - i - 1)
			return false;
		for (size_t j = 1; j <= k; j++) {
			unsigned char d = p[i + j];

			if (d < (j == 1 ? lo : 0x80) ||
			    d > (j == 1 ? hi : 0xbf))
				return false;
		}
		i += k + 1;
		count++;
	}
	*chars = count;
	return true;
}

static unsigned char
ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/*
 * ascii_contains returns true if needle[0..nn) occurs in hay[0..hn),
 * ignoring the case of ASCII letters. An empty needle never matches.
 */
static bool
ascii_contains(const char *hay, size_t hn, const char *needle, size_t nn)
{
	if (nn == 0 || nn > hn)
		return false;
	for (size_t i = 0; i + nn <= hn; i++) {
		size_t j = 0;

		while (j < nn &&
		    ascii_lower((unsigned char)hay[i + j]) ==
		        ascii_lower((unsigned char)needle[j]))
			j++;
		if (j == nn)
			return true;
	}
	return false;
}

/*
 * same_name returns true if a[0..an) and the string b are equal when ASCII
 * case and spaces are ignored and b has something besides spaces.
 */
static bool
same_name(const char *a, size_t an, const char *b)
{
	size_t i = 0, j = 0;
	bool any = false;

	for (;;) {
		while (i < an && a[i] == ' ')
			i++;
		while (b[j] == ' ')
			j++;
		if (i == an || b[j] == '\0')
			return any && i == an && b[j] == '\0';
		if (ascii_lower((unsigned char)a[i]) !=
		    ascii_lower((unsigned char)b[j]))
			return false;
		any = true;
		i++;
		j++;
	}
}

/*
 * common_cmp compares pw[0..len), ASCII letters lowercased, with the
 * NUL-terminated entry e in byte order (a prefix sorts first, as with
 * strcmp and LC_ALL=C sort).
 */
static int
common_cmp(const char *pw, size_t len, const char *e)
{
	for (size_t i = 0;; i++) {
		unsigned char a, b = (unsigned char)e[i];

		if (i == len)
			return b == '\0' ? 0 : -1;
		if (b == '\0')
			return 1;
		a = ascii_lower((unsigned char)pw[i]);
		if (a != b)
			return a < b ? -1 : 1;
	}
}

bool
password_is_common(const char *pw, size_t len)
{
	size_t lo = 0, hi = password_common_len;

	if (pw == NULL)
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = common_cmp(pw, len, password_common[mid]);

		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

int
password_check_policy(const char *pw, size_t len, const char *email,
    const char *name, const char **msg)
{
	size_t chars;

	*msg = NULL;
	if (len > PASSWORD_MAX_BYTES) {
		*msg = "Use at most " XSTR(
		    PASSWORD_MAX_BYTES) " characters. "
		                        "Accented letters and some symbols "
		                        "count as more "
		                        "than one.";
		return ERR_INVAL;
	}
	if ((pw == NULL && len != 0) || !utf8_chars(pw, len, &chars)) {
		*msg = "This password contains characters that cannot be "
		       "used. Try typing it instead of pasting it.";
		return ERR_INVAL;
	}
	if (chars < PASSWORD_MIN_CHARS) {
		*msg = "Use at least " XSTR(PASSWORD_MIN_CHARS) " characters.";
		return ERR_INVAL;
	}
	if (password_is_common(pw, len)) {
		*msg = "This password is too common; choose one that is harder "
		       "to guess.";
		return ERR_INVAL;
	}
	if (email != NULL) {
		size_t elen = strlen(email);
		const char *at = memrchr(email, '@', elen);
		size_t local = at ? (size_t)(at - email) : 0;

		if (ascii_contains(pw, len, email, elen) ||
		    (local >= 4 && ascii_contains(pw, len, email, local))) {
			*msg = "Do not use your email address in your "
			       "password.";
			return ERR_INVAL;
		}
	}
	if (name != NULL && same_name(pw, len, name)) {
		*msg = "Do not use your name as your password.";
		return ERR_INVAL;
	}
	return 0;
}
