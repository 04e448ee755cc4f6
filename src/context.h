/* context.h - where, when, by whom and on what a run happens */
#ifndef GOBOX_CONTEXT_H
#define GOBOX_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct context {
	uint64_t start_real_ns, start_mono_ns;
	uint64_t end_real_ns, end_mono_ns;
	char *cwd;
	char hostname[256];
	char kernel[128];	/* uname release */
	uid_t uid, euid;
	gid_t gid, egid;
	pid_t tracer_pid;

	char *const *argv;	/* the command, as given */
	char **owned_argv;	/* -p: the command read from /proc */
	char *program;		/* what will be exec'd (PATH resolved) */
	int find_errno;		/* when the program was not found */
	char *binary_path;	/* program's real path, when it exists */
	int64_t binary_size;	/* -1 when unknown */
	char binary_sha256[65];	/* hex, empty when unknown */
};

/* Record the start of a run of argv. Never fails: what cannot be known
 * is left empty. */
void context_start(struct context *c, char *const argv[]);

/* -p: the command and program are those of running process pid, read
 * from /proc (after context_start with no argv). */
void context_attached(struct context *c, pid_t pid);

/* Record the end time. */
void context_end(struct context *c);

void context_free(struct context *c);

/* SHA-256 of bytes as 64 hex digits. */
void sha256_hex(const void *data, size_t len, char out[65]);

/* SHA-256 of a file as 64 hex digits. Returns 0 or -errno. */
int sha256_file(const char *path, char out[65]);

#endif
