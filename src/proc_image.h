/* proc_image.h - the program a process runs, read from /proc/PID */
#ifndef GOBOX_PROC_IMAGE_H
#define GOBOX_PROC_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define PROC_IMAGE_CMDLINE_MAX 8192
#define PROC_IMAGE_ARGS_MAX 256

struct proc_image {
	char exe[4096];			/* /proc/PID/exe, "" when unknown */
	char cmdline[PROC_IMAGE_CMDLINE_MAX];
	const char *argv[PROC_IMAGE_ARGS_MAX];	/* into cmdline */
	size_t lens[PROC_IMAGE_ARGS_MAX];	/* an arg may hold any byte
						 * but NUL */
	unsigned argc;
	bool truncated;			/* more than cmdline or argv hold */
};

/* Read what process pid runs: its executable and its command line. */
void proc_image_read(pid_t pid, struct proc_image *im);

#endif
