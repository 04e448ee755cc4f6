/* fuzz_policy_parse.c - libFuzzer target: the input is the text of a
 * policy file (doc/gobox-policy.5), parsed as --policy parses one. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "policy_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct policy_env env = {
		.tmp = "/tmp/gobox-fuzz", .home = "/home/fuzz", .cwd = "/work",
	};
	struct policy p;
	char err[512];
	int rc;

	memset(&p, 0, sizeof(p));
	err[0] = 0;
	rc = policy_parse(&p, "fuzz.conf", (const char *)data, size, &env,
			  err, sizeof(err));
	/* A refusal always says where and why. */
	if (rc < 0 && (!err[0] || !memchr(err, 0, sizeof(err))))
		abort();
	policy_free(&p);
	return 0;
}
