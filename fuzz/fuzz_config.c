/*
 * fuzz_config.c: every configuration value is validated without crashing;
 * input is "name=value" (the first '=' splits).
 */
#include "core/common.h"
#include "core/config.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	char name[64], value[8192], msg[512], host[256];
	const uint8_t *eq = memchr(data, '=', size);
	size_t nl, vl;
	unsigned port;

	if (eq == NULL)
		return 0;
	nl = (size_t)(eq - data);
	vl = size - nl - 1;
	if (nl >= sizeof(name) || vl >= sizeof(value))
		return 0;
	memcpy(name, data, nl);
	name[nl] = '\0';
	memcpy(value, eq + 1, vl);
	value[vl] = '\0';
	config_defaults(&c);
	(void)config_set(&c, name, value, msg, sizeof(msg));
	(void)config_parse_listen(
	    (const char *)eq + 1, vl, host, sizeof(host), &port);
	config_free(&c);
	return 0;
}
