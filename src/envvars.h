/* envvars.h - the program's environment: its TMPDIR, and the report's view */
#ifndef GOBOX_ENVVARS_H
#define GOBOX_ENVVARS_H

struct json_object;

/* A copy of env with TMPDIR set to tmpdir (NULL: env as it is). Free
 * with envvars_free. */
char **envvars_with_tmpdir(char *const *env, const char *tmpdir);

void envvars_free(char **env);

/* Does the name of a variable look like it holds a secret? */
int envvars_secret(const char *name, unsigned long len);

/* {NAME: value}, the value of a secret-looking name as "***". */
struct json_object *envvars_json(char *const *env);

#endif
