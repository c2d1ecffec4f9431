/*
 * config.c: configuration defaults, environment and validation.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "config.h"
#include "id.h"
#include "err.h"
#include "log.h"
#include "num.h"

const struct config_option config_options[] = {
    {"listen", "LAUREL_LISTEN", "address to serve on, HOST:PORT"},
    {"db", "LAUREL_DB", "SQLite file path or postgres:// URL"},
    {"base-url", "LAUREL_BASE_URL", "public base URL, e.g. https://x.org"},
    {"data-dir", "LAUREL_DATA_DIR", "directory for uploads and keys"},
    {"static-dir", "LAUREL_STATIC_DIR", "directory of static assets"},
    {"secret-key", "LAUREL_SECRET_KEY", "64 hex digits; encrypts keys"},
    {"log-level", "LAUREL_LOG_LEVEL", "debug, info, warn or error"},
    {"threads", "LAUREL_THREADS", "HTTP worker threads (1-256)"},
    {"max-body", "LAUREL_MAX_BODY", "largest form body in bytes"},
    {"max-upload", "LAUREL_MAX_UPLOAD", "largest upload in bytes"},
    {"per-ip", "LAUREL_PER_IP", "connections allowed per client IP"},
    {"timeout", "LAUREL_TIMEOUT", "idle connection timeout in seconds"},
    {"smtp-url", "LAUREL_SMTP_URL", "smtp://host:port (empty: outbox only)"},
    {"smtp-from", "LAUREL_SMTP_FROM", "sender address for email"},
    {"fetch-loopback", "LAUREL_FETCH_LOOPBACK",
        "yes: the badge checker may fetch http://127.0.0.1 (tests)"},
};
const size_t config_noptions = NELEM(config_options);

static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrndup(v, strlen(v));
}

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	set_str(&c->listen_host, "127.0.0.1");
	c->listen_port = 8080;
	set_str(&c->db_url, "var/laurel.db");
	set_str(&c->base_url, "http://127.0.0.1:8080");
	set_str(&c->data_dir, "var/data");
	set_str(&c->static_dir, "static");
	set_str(&c->secret_key, "");
	c->log_level = LOG_INFO;
	c->threads = 8;
	c->max_body = 1024 * 1024;
	c->max_upload = 4 * 1024 * 1024;
	c->per_ip = 64;
	c->timeout_s = 30;
	set_str(&c->smtp_url, "");
	set_str(&c->smtp_from, "no-reply@laurel.invalid");
}

void
config_free(struct config *c)
{
	free(c->listen_host);
	free(c->db_url);
	free(c->base_url);
	free(c->data_dir);
	free(c->static_dir);
	free(c->secret_key);
	free(c->smtp_url);
	free(c->smtp_from);
	memset(c, 0, sizeof(*c));
}

int
config_parse_listen(
    const char *s, size_t len, char *host, size_t hostlen, unsigned *port)
{
	const char *end = s + len, *h = s, *colon = NULL;
	size_t hl;
	int64_t p;

	if (len == 0 || memchr(s, '\0', len) != NULL)
		return ERR_INVAL;
	if (s[0] == '[') {
		const char *close = memchr(s, ']', len);
		if (close == NULL || close + 1 >= end || close[1] != ':')
			return ERR_INVAL;
		h = s + 1;
		hl = (size_t)(close - h);
		colon = close + 1;
	} else {
		for (const char *q = s; q < end; q++)
			if (*q == ':')
				colon = q;
		if (colon == NULL)
			return ERR_INVAL;
		hl = (size_t)(colon - s);
	}
	if (hl == 0 || hl >= hostlen)
		return ERR_INVAL;
	for (size_t i = 0; i < hl; i++)
		if (!(h[i] == '.' || h[i] == ':' || h[i] == '-' ||
		        (h[i] >= '0' && h[i] <= '9') ||
		        (h[i] >= 'a' && h[i] <= 'z') ||
		        (h[i] >= 'A' && h[i] <= 'Z')))
			return ERR_INVAL;
	if (num_parse(colon + 1, (size_t)(end - colon - 1), 0, 65535, &p) != 0)
		return ERR_INVAL;
	memcpy(host, h, hl);
	host[hl] = '\0';
	*port = (unsigned)p;
	return 0;
}

static bool
valid_base_url(const char *v)
{
	const char *host;
	size_t n = strlen(v);

	if (strncmp(v, "https://", 8) == 0)
		host = v + 8;
	else if (strncmp(v, "http://", 7) == 0)
		host = v + 7;
	else
		return false;
	if (*host == '\0' || *host == '/' || n > 200)
		return false;
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' ||
		    *p == '>' || *p == '\\' || *p == '?' || *p == '#' ||
		    (unsigned char)*p >= 0x7f)
			return false;
	return v[n - 1] != '/';
}

static bool
valid_hex_key(const char *v)
{
	size_t n = strlen(v);

	if (n != 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((v[i] >= '0' && v[i] <= '9') ||
		        (v[i] >= 'a' && v[i] <= 'f') ||
		        (v[i] >= 'A' && v[i] <= 'F')))
			return false;
	return true;
}

static int
set_uint(const char *name, const char *v, int64_t min, int64_t max,
    int64_t *out, char *msg, size_t msglen)
{
	if (num_parse(v, strlen(v), min, max, out) != 0) {
		snprintf(msg, msglen,
		    "--%s must be a whole number from %lld to %lld", name,
		    (long long)min, (long long)max);
		return ERR_INVAL;
	}
	return 0;
}

int
config_set(
    struct config *c, const char *name, const char *v, char *msg, size_t msglen)
{
	int64_t n;
	char host[256];
	unsigned port;

	if (strlen(v) > 4096) {
		snprintf(msg, msglen, "--%s is too long", name);
		return ERR_INVAL;
	}
	if (strcmp(name, "listen") == 0) {
		if (config_parse_listen(
		        v, strlen(v), host, sizeof(host), &port) != 0) {
			snprintf(msg, msglen,
			    "--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
			return ERR_INVAL;
		}
		set_str(&c->listen_host, host);
		c->listen_port = port;
	} else if (strcmp(name, "db") == 0) {
		if (*v == '\0') {
			snprintf(msg, msglen, "--db must not be empty");
			return ERR_INVAL;
		}
		set_str(&c->db_url, v);
	} else if (strcmp(name, "base-url") == 0) {
		if (!valid_base_url(v)) {
			snprintf(msg, msglen,
			    "--base-url must be an http(s) URL without a "
			    "trailing slash, query or fragment");
			return ERR_INVAL;
		}
		set_str(&c->base_url, v);
	} else if (strcmp(name, "data-dir") == 0) {
		if (*v == '\0') {
			snprintf(msg, msglen, "--data-dir must not be empty");
			return ERR_INVAL;
		}
		set_str(&c->data_dir, v);
	} else if (strcmp(name, "static-dir") == 0) {
		if (*v == '\0') {
			snprintf(msg, msglen, "--static-dir must not be empty");
			return ERR_INVAL;
		}
		set_str(&c->static_dir, v);
	} else if (strcmp(name, "secret-key") == 0) {
		if (*v != '\0' && !valid_hex_key(v)) {
			snprintf(msg, msglen,
			    "--secret-key must be 64 hexadecimal digits");
			return ERR_INVAL;
		}
		set_str(&c->secret_key, v);
	} else if (strcmp(name, "log-level") == 0) {
		int l = log_parse_level(v);
		if (l < 0) {
			snprintf(msg, msglen,
			    "--log-level must be debug, info, warn or error");
			return ERR_INVAL;
		}
		c->log_level = l;
	} else if (strcmp(name, "threads") == 0) {
		if (set_uint(name, v, 1, 256, &n, msg, msglen))
			return ERR_INVAL;
		c->threads = (unsigned)n;
	} else if (strcmp(name, "max-body") == 0) {
		if (set_uint(name, v, 1024, 64 << 20, &n, msg, msglen))
			return ERR_INVAL;
		c->max_body = (size_t)n;
	} else if (strcmp(name, "max-upload") == 0) {
		if (set_uint(name, v, 1024, 256 << 20, &n, msg, msglen))
			return ERR_INVAL;
		c->max_upload = (size_t)n;
	} else if (strcmp(name, "per-ip") == 0) {
		if (set_uint(name, v, 1, 10000, &n, msg, msglen))
			return ERR_INVAL;
		c->per_ip = (unsigned)n;
	} else if (strcmp(name, "timeout") == 0) {
		if (set_uint(name, v, 1, 3600, &n, msg, msglen))
			return ERR_INVAL;
		c->timeout_s = (unsigned)n;
	} else if (strcmp(name, "fetch-loopback") == 0) {
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0) {
			snprintf(
			    msg, msglen, "--fetch-loopback must be yes or no");
			return ERR_INVAL;
		}
		c->fetch_loopback = strcmp(v, "yes") == 0;
	} else if (strcmp(name, "smtp-url") == 0) {
		if (*v != '\0' && strncmp(v, "smtp://", 7) != 0 &&
		    strncmp(v, "smtps://", 8) != 0) {
			snprintf(msg, msglen,
			    "--smtp-url must start with smtp:// or smtps://");
			return ERR_INVAL;
		}
		set_str(&c->smtp_url, v);
	} else if (strcmp(name, "smtp-from") == 0) {
		if (strchr(v, '@') == NULL ||
		    strpbrk(v, " \t\r\n<>\"(),;") != NULL) {
			snprintf(msg, msglen,
			    "--smtp-from must be a bare email address, like "
			    "no-reply@example.org");
			return ERR_INVAL;
		}
		set_str(&c->smtp_from, v);
	} else {
		snprintf(msg, msglen, "unknown option --%s", name);
		return ERR_INVAL;
	}
	return 0;
}

int
config_from_env(struct config *c, char *msg, size_t msglen)
{
	for (size_t i = 0; i < config_noptions; i++) {
		const char *v = getenv(config_options[i].env);
		if (v == NULL)
			continue;
		if (config_set(c, config_options[i].name, v, msg, msglen) !=
		    0) {
			size_t n = strlen(msg);
			snprintf(msg + n, msglen - n, " (from %s)",
			    config_options[i].env);
			return ERR_INVAL;
		}
	}
	return 0;
}

/* mkdir_p creates dir and its parents (mode 0700 for new ones). */
static int
mkdir_p(const char *dir)
{
	char tmp[4096];
	size_t n = strlen(dir);

	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, dir, n + 1);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

int
config_secret(struct config *c, char *msg, size_t msglen)
{
	char path[4096], hex[65];
	ssize_t got = 0;
	int fd;

	if (c->secret_key[0] == '\0') {
		if ((size_t)snprintf(path, sizeof(path), "%s/secret.key",
		        c->data_dir) >= sizeof(path) ||
		    mkdir_p(c->data_dir) != 0) {
			snprintf(msg, msglen,
			    "cannot create the data directory %s", c->data_dir);
			return ERR_IO;
		}
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			got = read(fd, hex, 64);
			close(fd);
		} else if (errno == ENOENT) {
			uint8_t r[32];
			static const char digits[] = "0123456789abcdef";
			random_bytes(r, sizeof(r));
			for (size_t i = 0; i < 32; i++) {
				hex[2 * i] = digits[r[i] >> 4];
				hex[2 * i + 1] = digits[r[i] & 15];
			}
			fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			    0600);
			if (fd < 0 || write(fd, hex, 64) != 64) {
				if (fd >= 0)
					close(fd);
				snprintf(msg, msglen, "cannot write %s", path);
				return ERR_IO;
			}
			close(fd);
			got = 64;
		}
		hex[got > 0 ? got : 0] = '\0';
		if (got != 64 || !valid_hex_key(hex)) {
			snprintf(msg, msglen,
			    "%s must hold 64 hexadecimal digits", path);
			return ERR_IO;
		}
		set_str(&c->secret_key, hex);
	}
	return 0;
}

int
config_key_bytes(const struct config *c, uint8_t key[32])
{
	if (!valid_hex_key(c->secret_key))
		return ERR_INVAL;
	for (size_t i = 0; i < 32; i++)
		key[i] = (uint8_t)(num_hexdigit(c->secret_key[2 * i]) << 4 |
		    num_hexdigit(c->secret_key[2 * i + 1]));
	return 0;
}
