/* envvars.c - the program's environment: its TMPDIR, and the report's view */
#include "envvars.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "jsonutil.h"
#include "util.h"

char **envvars_with_tmpdir(char *const *env, const char *tmpdir)
{
	size_t n = 0, i, k = 0;
	char **out;

	while (env[n])
		n++;
	out = xcalloc(n + 2, sizeof(*out));
	for (i = 0; i < n; i++)
		if (!tmpdir || strncmp(env[i], "TMPDIR=", 7) != 0)
			out[k++] = xstrdup(env[i]);
	if (tmpdir) {
		size_t len = strlen(tmpdir) + 8;

		out[k] = xcalloc(len, 1);
		strcpy(out[k], "TMPDIR=");
		strcat(out[k], tmpdir);
	}
	return out;
}

void envvars_free(char **env)
{
	size_t i;

	if (!env)
		return;
	for (i = 0; env[i]; i++)
		free(env[i]);
	free(env);
}

int envvars_secret(const char *name, unsigned long len)
{
	static const char *const words[] = {
		"TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASS", "KEY",
		"CREDENTIAL", "AUTH", "COOKIE", "SESSION", "PRIVATE", NULL
	};
	char upper[256];
	unsigned i;

	if (len >= sizeof(upper))
		len = sizeof(upper) - 1;
	for (i = 0; i < len; i++)
		upper[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ?
				  name[i] - 32 : name[i]);
	upper[len] = '\0';
	for (i = 0; words[i]; i++)
		if (strstr(upper, words[i]))
			return 1;
	return 0;
}

struct json_object *envvars_json(char *const *env)
{
	struct json_object *o = json_object_new_object();
	size_t i;

	for (i = 0; env[i]; i++) {
		const char *eq = strchr(env[i], '=');
		char name[4096];
		size_t n;

		if (!eq)
			continue;
		n = (size_t)(eq - env[i]);
		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, env[i], n);
		name[n] = '\0';
		if (envvars_secret(name, n))
			json_set_str(o, name, "***");
		else
			json_set_bytes(o, name, eq + 1, strlen(eq + 1));
	}
	return o;
}
