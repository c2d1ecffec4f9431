/*
 * test_password.c: Argon2id hashing, verifying and the password policy.
 */
#include "core/common.h"
#include "core/err.h"
#include "domain/password.h"

#include <argon2.h>
#include <criterion/criterion.h>
#include <time.h>

#define GOOD "correct horse battery staple"

static const char *MSG_SHORT = "Use at least 10 characters.";
static const char *MSG_COMMON =
    "This password is too common; choose one that is harder to guess.";
static const char *MSG_EMAIL =
    "Do not use your email address in your password.";
static const char *MSG_NAME = "Do not use your name as your password.";

/* policy runs password_check_policy on the C string pw; returns *msg. */
static const char *
policy(const char *pw, const char *email, const char *name)
{
	const char *msg = "unset";
	int rc = password_check_policy(pw, strlen(pw), email, name, &msg);

	cr_assert_eq(rc == 0, msg == NULL, "rc %d but msg %s for \"%s\"", rc,
	    msg ? msg : "NULL", pw);
	cr_assert(rc == 0 || rc == ERR_INVAL);
	return msg;
}

static void
hash_ok(const char *pw, size_t len, char out[PASSWORD_HASH_MAX])
{
	cr_assert_eq(password_hash(pw, len, out, PASSWORD_HASH_MAX), 0);
	cr_assert(strlen(out) < PASSWORD_HASH_MAX);
}

Test(password, round_trip)
{
	char h[PASSWORD_HASH_MAX];
	char prefix[64];

	hash_ok(GOOD, strlen(GOOD), h);
	snprintf(prefix, sizeof(prefix), "$argon2id$v=19$m=%d,t=%d,p=%d$",
	    PASSWORD_M_COST, PASSWORD_T_COST, PASSWORD_P_COST);
	cr_assert(strncmp(h, prefix, strlen(prefix)) == 0, "got %s", h);
	cr_assert(password_verify(h, GOOD, strlen(GOOD)));
	cr_assert_not(password_verify(h, "correct horse battery stapLe", 28));
	cr_assert_not(password_verify(h, GOOD, strlen(GOOD) - 1),
	    "a prefix of the password must not verify");
	cr_assert_not(password_verify(h, GOOD "!", strlen(GOOD) + 1));
	cr_assert_not(password_verify(h, "", 0));
	cr_assert_not(password_needs_rehash(h));
}

Test(password, binary_and_empty_passwords)
{
	static const char nul[] = "before\0after-the-nul";
	char h[PASSWORD_HASH_MAX];

	hash_ok(nul, sizeof(nul) - 1, h);
	cr_assert(password_verify(h, nul, sizeof(nul) - 1));
	cr_assert_not(
	    password_verify(h, "before", 6), "bytes after a NUL must count");
	hash_ok("", 0, h);
	cr_assert(password_verify(h, "", 0));
	cr_assert(password_verify(h, NULL, 0));
	cr_assert_not(password_verify(h, "x", 1));
}

Test(password, distinct_salts)
{
	char a[PASSWORD_HASH_MAX], b[PASSWORD_HASH_MAX];
	const char *sa, *sb;

	hash_ok(GOOD, strlen(GOOD), a);
	hash_ok(GOOD, strlen(GOOD), b);
	cr_assert_str_neq(a, b);
	/* The salt is the fifth $-field: "", argon2id, v=19, m=..., salt. */
	sa = strchr(strchr(a + 1, '$') + 1, '$');
	sa = strchr(sa + 1, '$') + 1;
	sb = strchr(strchr(b + 1, '$') + 1, '$');
	sb = strchr(sb + 1, '$') + 1;
	cr_assert_neq(strncmp(sa, sb, 22), 0, "salts must differ: %s %s", a, b);
	cr_assert(password_verify(a, GOOD, strlen(GOOD)));
	cr_assert(password_verify(b, GOOD, strlen(GOOD)));
}

Test(password, hash_limits)
{
	char h[PASSWORD_HASH_MAX], big[PASSWORD_MAX_BYTES + 1];
	size_t need = argon2_encodedlen(PASSWORD_T_COST, PASSWORD_M_COST,
	    PASSWORD_P_COST, PASSWORD_SALT_LEN, PASSWORD_TAG_LEN, Argon2_id);

	cr_assert(need <= PASSWORD_HASH_MAX);
	cr_assert_eq(
	    password_hash(GOOD, strlen(GOOD), h, need - 1), ERR_TOOBIG);
	cr_assert_str_eq(h, "");
	cr_assert_eq(password_hash(GOOD, strlen(GOOD), h, need), 0);
	memset(big, 'x', sizeof(big));
	cr_assert_eq(password_hash(big, sizeof(big), h, sizeof(h)), ERR_TOOBIG);
	cr_assert_eq(password_hash(big, sizeof(big) - 1, h, sizeof(h)), 0);
	cr_assert(password_verify(h, big, sizeof(big) - 1));
}

Test(password, needs_rehash)
{
	char old[PASSWORD_HASH_MAX], h[PASSWORD_HASH_MAX];
	uint8_t salt[PASSWORD_SALT_LEN] = {1, 2, 3};

	/* Other parameters: still verifies, but should be replaced. */
	cr_assert_eq(argon2id_hash_encoded(3, 8192, 1, GOOD, strlen(GOOD), salt,
	                 sizeof(salt), PASSWORD_TAG_LEN, old, sizeof(old)),
	    ARGON2_OK);
	cr_assert(password_verify(old, GOOD, strlen(GOOD)));
	cr_assert(password_needs_rehash(old));
	/* Same parameters but a 16-byte tag. */
	cr_assert_eq(argon2id_hash_encoded(PASSWORD_T_COST, PASSWORD_M_COST,
	                 PASSWORD_P_COST, GOOD, strlen(GOOD), salt,
	                 sizeof(salt), 16, old, sizeof(old)),
	    ARGON2_OK);
	cr_assert(password_verify(old, GOOD, strlen(GOOD)));
	cr_assert(password_needs_rehash(old));
	/* Same parameters, hand-made: needs nothing. */
	cr_assert_eq(argon2id_hash_encoded(PASSWORD_T_COST, PASSWORD_M_COST,
	                 PASSWORD_P_COST, GOOD, strlen(GOOD), salt,
	                 sizeof(salt), PASSWORD_TAG_LEN, old, sizeof(old)),
	    ARGON2_OK);
	cr_assert_not(password_needs_rehash(old));
	/* Argon2i is another algorithm even with the same numbers. */
	cr_assert_eq(argon2i_hash_encoded(PASSWORD_T_COST, 1024,
	                 PASSWORD_P_COST, GOOD, strlen(GOOD), salt,
	                 sizeof(salt), PASSWORD_TAG_LEN, h, sizeof(h)),
	    ARGON2_OK);
	cr_assert(password_needs_rehash(h));
	cr_assert_not(password_verify(h, GOOD, strlen(GOOD)),
	    "only Argon2id hashes are accepted");
	cr_assert(password_needs_rehash(""));
	cr_assert(password_needs_rehash(NULL));
	cr_assert(password_needs_rehash("$2b$12$abcdefghijklmnopqrstuv"));
}

Test(password, garbage_encoded)
{
	static const char *bad[] = {
	    "",
	    "$",
	    "$argon2id",
	    "$argon2id$",
	    "$argon2id$v=19",
	    "$argon2id$v=19$m=32768,t=2,p=1",
	    "$argon2id$v=19$m=32768,t=2,p=1$",
	    "$argon2id$v=19$m=32768,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA",
	    "$argon2id$v=19$m=32768,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA$",
	    "$argon2id$v=19$m=32768,t=2,p=1$$BRNEC+aUbajGbVWbjSO+"
	    "rSj3MtoOu3k6AS",
	    "$argon2id$v=19$m=32768,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA$BRNEC+aU=",
	    "$argon2id$v=19$m=32768,t=2,p=1$bGF1c!VsLWR1bW15LXNsdA$BRNEC+"
	    "aUbajG",
	    "$argon2id$v=19$m=32768,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA$BRNEC+"
	    "aUbajG$",
	    "$argon2id$v=19$m=32768,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA$B",
	    /* Non-zero padding bits in the last base64 character. */
	    "$argon2id$v=19$m=32768,t=2,p=1$bGF1cmVsLWR1bW15LXNsdB$BRNEC+"
	    "aUbajG",
	    /* Salt shorter than libargon2's 8-byte minimum. */
	    "$argon2id$v=19$m=32768,t=2,p=1$AAAA$BRNEC+aUbajGbVWbjSO+"
	    "rSj3MtoOu3k",
	    "$argon2id$v=16$m=32768,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA$BRNEC+"
	    "aUbajG",
	    "$argon2id$m=32768,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA$BRNEC+aUbajGbVWb",
	    "$argon2id$v=19$m=4294967295,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA$BRNEC+"
	    "aU",
	    "$argon2id$v=19$m=4294967296,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA$BRNEC+"
	    "aU",
	    "$argon2id$v=19$m=99999999999999999999,t=2,p=1$bGF1cmVsLWR1bW15$"
	    "BRNE",
	    "$argon2id$v=19$m=32768,t=4294967295,p=1$bGF1cmVsLWR1bW15LXNsdA$"
	    "BRNEC",
	    "$argon2id$v=19$m=32768,t=2,p=4294967295$bGF1cmVsLWR1bW15LXNsdA$"
	    "BRNEC",
	    "$argon2id$v=19$m=32768,t=0,p=1$bGF1cmVsLWR1bW15LXNsdA$BRNEC+"
	    "aUbajG",
	    "$argon2id$v=19$m=32768,t=2,p=0$bGF1cmVsLWR1bW15LXNsdA$BRNEC+"
	    "aUbajG",
	    "$argon2id$v=19$m=1,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA$BRNEC+"
	    "aUbajGbVWb",
	    "$argon2id$v=19$m=-1,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA$BRNEC+"
	    "aUbajGbVWb",
	    "$argon2id$v=19$m=032768,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA$BRNEC+"
	    "aUbajG",
	    "$argon2id$v=19$m=32768,t=2,p=1,x=1$bGF1cmVsLWR1bW15LXNsdA$BRNEC+"
	    "aU",
	    "$argon2id$v=19$t=2,m=32768,p=1$bGF1cmVsLWR1bW15LXNsdA$BRNEC+"
	    "aUbajG",
	    " $argon2id$v=19$m=32768,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA$BRNEC+"
	    "aUbaj",
	    "$argon2d$v=19$m=32768,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA$BRNEC+"
	    "aUbajGb",
	    "$ARGON2ID$v=19$m=32768,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA$BRNEC+"
	    "aUbajG",
	    "password",
	};
	char long_enc[700];

	for (size_t i = 0; i < NELEM(bad); i++) {
		cr_assert_not(password_verify(bad[i], GOOD, strlen(GOOD)),
		    "verified: %s", bad[i]);
		cr_assert_not(password_verify(bad[i], "", 0));
		cr_assert(
		    password_needs_rehash(bad[i]), "no rehash: %s", bad[i]);
	}
	cr_assert_not(password_verify(NULL, GOOD, strlen(GOOD)));
	snprintf(long_enc, sizeof(long_enc),
	    "$argon2id$v=19$m=32768,t=2,p=1$bGF1cmVsLWR1bW15LXNsdA$");
	memset(long_enc + strlen(long_enc), 'A',
	    sizeof(long_enc) - 1 - strlen(long_enc));
	long_enc[sizeof(long_enc) - 1] = '\0';
	cr_assert_not(password_verify(long_enc, GOOD, strlen(GOOD)));
}

static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

Test(password, dummy_verify_costs_a_verify)
{
	char h[PASSWORD_HASH_MAX];
	double real[3], dummy[3], t;

	hash_ok(GOOD, strlen(GOOD), h);
	for (int i = 0; i < 3; i++) {
		t = cpu_ms();
		cr_assert_not(password_verify(h, "wrong password!", 15));
		real[i] = cpu_ms() - t;
		t = cpu_ms();
		password_dummy_verify();
		dummy[i] = cpu_ms() - t;
	}
	qsort(real, 3, sizeof(double), cmp_double);
	qsort(dummy, 3, sizeof(double), cmp_double);
	/* CPU time, medians: equal up to noise; a parse failure costs ~0. */
	cr_assert(dummy[1] > real[1] * 0.5 && dummy[1] < real[1] * 2,
	    "dummy %.1f ms, real %.1f ms", dummy[1], real[1]);
}

Test(password, policy_length_in_code_points)
{
	/* U+00E9 is 2 bytes, U+6F22 3 bytes, U+1F642 4 bytes. */
	cr_assert_str_eq(policy("abcdefgh9", NULL, NULL), MSG_SHORT);
	cr_assert_eq(policy("abcdefgh9z", NULL, NULL), NULL);
	cr_assert_str_eq(policy("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	                        "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
	                     NULL, NULL),
	    MSG_SHORT, "9 code points in 18 bytes are too short");
	cr_assert_eq(policy("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	                    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
	                 NULL, NULL),
	    NULL, "10 code points are enough");
	cr_assert_str_eq(policy("\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc"
	                        "\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6"
	                        "\xbc\xa2\xe6\xbc\xa2",
	                     NULL, NULL),
	    MSG_SHORT);
	cr_assert_str_eq(policy("\xf0\x9f\x99\x82\xf0\x9f\x99\x82\xf0\x9f\x99"
	                        "\x82\xf0\x9f\x99\x82\xf0\x9f\x99\x82\xf0\x9f"
	                        "\x99\x82\xf0\x9f\x99\x82\xf0\x9f\x99\x82\xf0"
	                        "\x9f\x99\x82",
	                     NULL, NULL),
	    MSG_SHORT, "9 emoji (36 bytes) are too short");
	cr_assert_eq(policy("\xf0\x9f\x99\x82\xf0\x9f\x99\x82\xf0\x9f\x99\x82"
	                    "\xf0\x9f\x99\x82\xf0\x9f\x99\x82"
	                    "abcde",
	                 NULL, NULL),
	    NULL);
	cr_assert_str_eq(policy("", NULL, NULL), MSG_SHORT);
}

Test(password, policy_maximum)
{
	char p[PASSWORD_MAX_BYTES + 2];
	const char *msg;

	/* 128 characters must pass: no maximum below that. */
	for (size_t i = 0; i < 128; i++)
		p[i] = (char)('a' + (i * 7 + i / 26) % 26);
	cr_assert_eq(password_check_policy(p, 128, NULL, NULL, &msg), 0);
	for (size_t i = 0; i < sizeof(p); i++)
		p[i] = (char)('a' + (i * 7 + i / 26) % 26);
	cr_assert_eq(password_check_policy(
	                 p, PASSWORD_MAX_BYTES, "a@example.org", "A", &msg),
	    0);
	cr_assert_eq(
	    password_check_policy(p, PASSWORD_MAX_BYTES + 1, NULL, NULL, &msg),
	    ERR_INVAL);
	cr_assert(strstr(msg, "at most 1024") != NULL, "%s", msg);
	/* 1,023 bytes and then a 2-byte character: 1,025 bytes. */
	p[PASSWORD_MAX_BYTES - 1] = '\xc3';
	p[PASSWORD_MAX_BYTES] = '\xa9';
	cr_assert_eq(
	    password_check_policy(p, PASSWORD_MAX_BYTES + 1, NULL, NULL, &msg),
	    ERR_INVAL);
	cr_assert(strstr(msg, "at most 1024") != NULL, "%s", msg);
}

Test(password, policy_invalid_utf8)
{
	static const char *bad[] = {
	    "abcdefghij\xff", "abcdefghij\x80", /* lone continuation byte */
	    "abcdefghij\xc0\xaf",               /* overlong '/' */
	    "abcdefghij\xc1\xbf",               /* overlong */
	    "abcdefghij\xe0\x80\xaf",           /* overlong, 3 bytes */
	    "abcdefghij\xf0\x80\x80\xaf",       /* overlong, 4 bytes */
	    "abcdefghij\xed\xa0\x80",           /* surrogate U+D800 */
	    "abcdefghij\xed\xbf\xbf",           /* surrogate U+DFFF */
	    "abcdefghij\xf4\x90\x80\x80",       /* U+110000 */
	    "abcdefghij\xf5\x80\x80\x80",
	    "abcdefghij\xe2\x82",     /* truncated at the end */
	    "\xe2\x82 abcdefghijklm", /* truncated in the middle */
	    "abcdefghij\xc3\xc3\xa9", /* lead byte where a continuation is due */
	};

	for (size_t i = 0; i < NELEM(bad); i++) {
		const char *msg = policy(bad[i], NULL, NULL);

		cr_assert(msg != NULL && strstr(msg, "cannot be used") != NULL,
		    "case %zu: %s", i, msg ? msg : "accepted");
	}
	/* The largest valid forms are accepted. */
	cr_assert_eq(policy("abcdefghij\xf4\x8f\xbf\xbf\xed\x9f\xbf\xef\xbf\xbf"
	                    "\xdf\xbf\x7f",
	                 NULL, NULL),
	    NULL);
	/* A NUL byte is valid UTF-8 and counts as a character. */
	const char *msg;
	cr_assert_eq(
	    password_check_policy("abcd\0efghij", 11, NULL, NULL, &msg), 0);
}

Test(password, policy_common_any_case)
{
	static const char *common[] = {"1234567890", "qwertyuiop",
	    "Password123", "PASSWORD123", "pAsSwOrD1234", "iloveyou12",
	    "1q2w3e4r5t", "QwErTyUiOp", "SocialCare1", "LaurelBadges",
	    "OpenBadges1", "sssc123456", "Summer2024!", "Welcome2026"};

	for (size_t i = 0; i < NELEM(common); i++) {
		cr_assert(password_is_common(common[i], strlen(common[i])),
		    "%s", common[i]);
		cr_assert_str_eq(
		    policy(common[i], NULL, NULL), MSG_COMMON, "%s", common[i]);
	}
	cr_assert_not(password_is_common(GOOD, strlen(GOOD)));
	cr_assert_not(password_is_common("1234567890", 9),
	    "a prefix of an entry is not an entry");
	cr_assert_not(password_is_common("1234567890x", 11));
	cr_assert_not(password_is_common("", 0));
	cr_assert_not(password_is_common(NULL, 0));
	cr_assert_eq(policy(GOOD, NULL, NULL), NULL);
}

Test(password, common_list_shape)
{
	cr_assert(
	    password_common_len >= 1000, "%zu entries", password_common_len);
	for (size_t i = 0; i < password_common_len; i++) {
		const char *e = password_common[i];
		size_t n = strlen(e);

		cr_assert(n >= PASSWORD_MIN_CHARS, "short entry %s", e);
		for (size_t j = 0; j < n; j++)
			cr_assert(e[j] > ' ' && e[j] <= '~' &&
			        !(e[j] >= 'A' && e[j] <= 'Z'),
			    "entry %s", e);
		if (i > 0)
			cr_assert(strcmp(password_common[i - 1], e) < 0,
			    "not sorted: %s, %s", password_common[i - 1], e);
		/* Binary search finds every entry, first and last included. */
		cr_assert(password_is_common(e, n), "%s", e);
	}
}

Test(password, policy_email)
{
	const char *email = "Jane.Doe@Example.org";

	cr_assert_str_eq(policy("jane.doe2024!", email, NULL), MSG_EMAIL);
	cr_assert_str_eq(policy("xxJANE.DOExx", email, NULL), MSG_EMAIL);
	cr_assert_str_eq(
	    policy("jane.doe@example.org", email, NULL), MSG_EMAIL);
	cr_assert_str_eq(
	    policy("my jane.doe@example.org!", email, NULL), MSG_EMAIL);
	cr_assert_eq(policy("jane doe 2024 tea", email, NULL), NULL);
	/* A local part of 4 bytes counts; one of 3 does not. */
	cr_assert_str_eq(
	    policy("anna-likes-tea", "anna@example.org", NULL), MSG_EMAIL);
	cr_assert_eq(policy("ann-likes-tea", "ann@example.org", NULL), NULL);
	/* The whole address counts however short its local part. */
	cr_assert_str_eq(policy("ab@x.io12345", "ab@x.io", NULL), MSG_EMAIL);
	cr_assert_eq(policy("abxio12345zz", "ab@x.io", NULL), NULL);
	/* The last '@' ends the local part. */
	cr_assert_str_eq(
	    policy("zz\"a@b\"zzzz", "\"a@b\"@example.org", NULL), MSG_EMAIL);
	cr_assert_eq(policy("blue tractor seven", "", ""), NULL);
}

Test(password, policy_name)
{
	const char *name = "Alexandra Smith";

	cr_assert_str_eq(policy("alexandra smith", NULL, name), MSG_NAME);
	cr_assert_str_eq(policy("ALEXANDRA SMITH", NULL, name), MSG_NAME);
	cr_assert_str_eq(policy("AlexandraSmith", NULL, name), MSG_NAME);
	cr_assert_str_eq(policy(" alexandra  smith ", NULL, name), MSG_NAME);
	cr_assert_eq(policy("alexandra smith!", NULL, name), NULL);
	cr_assert_eq(policy("alexandra smit", NULL, name), NULL);
	cr_assert_eq(policy("alexandra smithy", NULL, name), NULL);
	/* A name of only spaces matches nothing. */
	cr_assert_eq(policy("          .", NULL, "   "), NULL);
	/* Non-ASCII letters compare exactly. */
	cr_assert_str_eq(policy("Zo\xc3\xab M\xc3\xa1rtinez", NULL,
	                     "zo\xc3\xab m\xc3\xa1rtinez"),
	    MSG_NAME);
	cr_assert_eq(policy("ZO\xc3\x8b M\xc3\x81RTINEZ", NULL,
	                 "zo\xc3\xab m\xc3\xa1rtinez"),
	    NULL);
}
