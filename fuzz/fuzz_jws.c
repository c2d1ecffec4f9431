/*
 * fuzz_jws.c: libFuzzer target for compact JWS parsing, JWK loading and
 * verification (src/ob/jws.c). A parsed JWS whose header carries a "jwk"
 * is verified against it, which exercises the key builders on hostile
 * input.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "ob/jws.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jws j;
	struct jws_key *k;
	char msg[JWS_MSG_SIZE];

	if (jws_parse((const char *)data, size, &j, msg, sizeof(msg)) != 0)
		return 0;
	if (json_object_get(j.header, "jwk") != NULL &&
	    jws_key_from_jwk(
	        json_object_get(j.header, "jwk"), &k, msg, sizeof(msg)) == 0) {
		(void)jws_verify(&j, k, msg, sizeof(msg));
		jws_key_free(k);
	}
	jws_free(&j);
	return 0;
}
