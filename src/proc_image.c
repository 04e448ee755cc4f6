/* proc_image.c - the program a process runs, read from /proc/PID */
#include "proc_image.h"

#include <stdio.h>
#include <unistd.h>

#include "util.h"

void proc_image_read(pid_t pid, struct proc_image *im)
{
	char path[64];
	long n, i, start = 0;
	ssize_t elen;

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	elen = readlink(path, im->exe, sizeof(im->exe) - 1);
	im->exe[elen > 0 ? elen : 0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	n = read_small_file(path, im->cmdline, sizeof(im->cmdline));
	im->argc = 0;
	for (i = 0; i < n && im->argc < PROC_IMAGE_ARGS_MAX; i++)
		if (im->cmdline[i] == '\0') {
			im->argv[im->argc] = im->cmdline + start;
			im->lens[im->argc++] = (size_t)(i - start);
			start = i + 1;
		}
	im->truncated = n >= (long)sizeof(im->cmdline) - 1 ||
			im->argc == PROC_IMAGE_ARGS_MAX;
}
