/* decode.h - turn the raw arguments of a stopped call into an event */
#ifndef GOBOX_DECODE_H
#define GOBOX_DECODE_H

#include "event.h"

/* Limits of what one event keeps. */
#define DECODE_PATH_MAX 4096	/* the kernel's PATH_MAX */
#define DECODE_STR_MAX 256	/* other strings */
#define DECODE_ARGV_MAX 64	/* argv entries */
#define DECODE_ENVP_MAX 4096	/* environment entries counted */
#define DECODE_ARGV_BYTES 8192	/* argv bytes in all */

/*
 * Decode the arguments of ev at its entry stop. ev->tid, pid, abi, nr,
 * desc and args must be set. Never fails: what cannot be read is marked
 * in each value's status.
 */
void decode_entry(struct event *ev);

/* Does call d return a new descriptor for the path it opens (open,
 * openat, openat2, creat...)? */
bool decode_opens_fd(const struct syscall_desc *d);

/* Decode what the exit stop tells (ev->rval / ev->err set). */
void decode_exit(struct event *ev);

/* The argument as the kernel sees an int: the low 32 bits, signed. */
static inline int arg_int(uint64_t raw)
{
	return (int)(int32_t)(uint32_t)raw;
}

/* A pointer of the event's ABI (32 bits for i386 and x32). */
uint64_t arg_ptr(const struct event *ev, uint64_t raw);

/* The size of a pointer in the tracee's ABI. */
unsigned abi_ptr_size(enum abi abi);

/* Per family (decode_file.c, decode_net.c, decode_proc.c, decode_io.c). */
void decode_path(struct event *ev, unsigned i);
void decode_str(struct event *ev, unsigned i);
void decode_open_how(struct event *ev, unsigned i);
void decode_fd_path(struct event *ev);

/* What descriptor argument i refers to, into ev->fd_path. */
void decode_fd_arg_path(struct event *ev, unsigned i);

/* O_CREAT without O_EXCL: whether the file is there before the call (it
 * is then not created), into ev->existed. */
void decode_open_existed(struct event *ev);

/* At the exit stop of socket calls and of reads and writes: the socket
 * used, accept's new peer, recvfrom's source, sendmmsg's and recvmmsg's
 * byte counts. */
void decode_socket_exit(struct event *ev);
void decode_sockaddr(struct event *ev, unsigned i);
void decode_msghdr(struct event *ev, unsigned i);
void decode_mmsghdr(struct event *ev, unsigned i);

/* sendmmsg entries whose addresses are read (and judged by a policy). */
#define DECODE_MMSG_MAX 64
void decode_socketcall(struct event *ev);
void decode_clone_flags(struct event *ev, unsigned i);
void decode_clone_args(struct event *ev, unsigned i);
void decode_argv(struct event *ev, unsigned i);
void decode_envp(struct event *ev, unsigned i);
void decode_iov(struct event *ev, unsigned i);
/* At the exit of a write: what its fd is (ev->fd_kind, and the socket's
 * inode), from one readlink. */
void decode_write_target(struct event *ev);
/* The kind of descriptor whose /proc/PID/fd link reads target. */

/* Sum the lengths of count iovecs at addr in the event's ABI.
 * Returns 0, or -EFAULT (bytes then holds the sum of the batches of 64
 * entries read before the one that failed). */
int iov_total(const struct event *ev, uint64_t addr, uint64_t count,
	      uint64_t *bytes);

/* Read the path that fd refers to in tid (readlink of /proc/TID/fd/FD),
 * or the thread's cwd when fd is AT_FDCWD. Returns length or -errno. */
long fd_target(pid_t tid, int fd, char *buf, size_t size);

/*
 * Join base and path and remove "." components, duplicate slashes and
 * ".." components lexically. Returns the length written to out, or
 * -ENAMETOOLONG.
 */
long path_join_clean(const char *base, const char *path, char *out,
		     size_t size);

#endif
