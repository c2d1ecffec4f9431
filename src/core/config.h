/*
 * config.h: the server's configuration.
 *
 * Built from defaults, then LAUREL_* environment variables, then command
 * line options (later wins). Every value is validated; config_set returns an
 * error with a message a person understands. Strings are owned by the
 * struct (config_free releases them).
 */
#ifndef LAUREL_CONFIG_H
#define LAUREL_CONFIG_H

#include "common.h"

struct config {
	char *listen_host;    /* "127.0.0.1" */
	unsigned listen_port; /* 8080 */
	char *db_url;         /* SQLite path or postgres:// URL */
	char *base_url;       /* public base URL, no trailing slash */
	char *data_dir;       /* uploads, keys */
	char *static_dir;     /* static assets */
	char *secret_key;     /* hex; encrypts keys at rest, signs tokens */
	int log_level;        /* enum log_level */
	unsigned threads;     /* HTTP worker threads */
	size_t max_body;      /* form bodies */
	size_t max_upload;    /* uploads */
	unsigned per_ip;      /* connections per IP */
	unsigned timeout_s;   /* connection timeout */
	char *smtp_url;       /* smtp://host:port, empty = development outbox */
	char *smtp_from;
	bool fetch_loopback; /* verifier may fetch http://127.0.0.1 (tests) */
};

/* One option: its long name, environment variable and help. */
struct config_option {
	const char *name; /* "listen" for --listen */
	const char *env;  /* "LAUREL_LISTEN" */
	const char *help;
};

extern const struct config_option config_options[];
extern const size_t config_noptions;

void config_defaults(struct config *c);
void config_free(struct config *c);
/*
 * config_set sets option name (as in --name) to value. On failure returns
 * ERR_INVAL and writes a message into msg.
 */
MUST_CHECK int config_set(struct config *c, const char *name, const char *value,
    char *msg, size_t msglen);
/* config_from_env applies every LAUREL_* variable that is set. */
MUST_CHECK int config_from_env(struct config *c, char *msg, size_t msglen);
/*
 * config_secret makes sure c->secret_key is set: when it is empty it reads
 * DATA_DIR/secret.key, creating it (mode 0600, 32 random bytes as hex) the
 * first time, so that sessions and links survive restarts. Returns 0, or
 * ERR_IO with a message.
 */
MUST_CHECK int config_secret(struct config *c, char *msg, size_t msglen);
/* config_key_bytes decodes c->secret_key; ERR_INVAL if it is not set. */
MUST_CHECK int config_key_bytes(const struct config *c, uint8_t key[32]);
/* config_parse_listen splits "HOST:PORT" or "[v6]:PORT". */
MUST_CHECK int config_parse_listen(
    const char *s, size_t len, char *host, size_t hostlen, unsigned *port);

#endif
