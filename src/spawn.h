/* spawn.h - start the program under ptrace with the seccomp filter */
#ifndef GOBOX_SPAWN_H
#define GOBOX_SPAWN_H

#include <stddef.h>
#include <sys/types.h>

#include "filter.h"

struct spawn {
	const char *path;	/* what to execve: see spawn_find */
	char *const *argv;
	char *const *envp;
	const struct filter *filter;
	int out_fd, err_fd;	/* the child's fd 1 and 2; -1: ours */
	pid_t pid;		/* out: the child */
	int setup_fd;		/* out: read end of the set-up error pipe */
};

/*
 * Find a program the way execvp and the shell do: a name with a slash is
 * used as is, others are looked up in PATH. Returns a new string, or NULL
 * with *errnum set (ENOENT when nothing was found, or the error of the
 * best candidate, such as EACCES).
 */
char *spawn_find(const char *name, int *errnum);

/*
 * Fork; in the child wait until the tracer has seized it, put out_fd
 * and err_fd (unless -1) on fd 1 and 2, install the filter and exec. The child is seized with every option the tracer
 * needs (EXITKILL among them) and is not stopped. Returns 0, or -errno
 * with a message in err.
 */
int spawn_traced(struct spawn *s, char *err, size_t errlen);

/*
 * After the child has exited: the error of its set-up before exec, if
 * it failed there (e.g. the filter was refused). Returns 0 when there
 * was none, else the errno, with a message in msg.
 */
int spawn_setup_error(struct spawn *s, char *msg, size_t size);

#endif
