/* fdkind.h - what a descriptor of the program refers to, cheaply */
#ifndef GOBOX_FDKIND_H
#define GOBOX_FDKIND_H

#include <stdint.h>
#include <sys/types.h>

#include "event.h"

/*
 * What descriptor fd of thread tid refers to: a file, pipe, socket,
 * terminal, other device or something else (an eventfd...), and its inode
 * (a socket's is the N of "socket:[N]"). One fstatat relative to the
 * thread's /proc/TID/fd, kept open: no path to read, no name to parse.
 * Returns 0, or -errno (the descriptor is closed, the thread gone).
 */
int fdkind_get(pid_t tid, int fd, enum fd_kind *kind, uint64_t *ino);

/* Thread tid ended: close what was kept open for it. */
void fdkind_forget(pid_t tid);

#endif
