/* event.h - one system call of one thread, decoded
 *
 * The tracer fills an event at the syscall-entry stop (decoders read the
 * tracee's memory into the event's own buffer) and completes it at the
 * exit stop. Everything downstream (tallies, file and network logs, the
 * reports) reads events and never calls ptrace.
 */
#ifndef GOBOX_EVENT_H
#define GOBOX_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "syscall_table.h"

/* What became of decoding one argument. */
enum value_status {
	VAL_OK,
	VAL_NULL,		/* a NULL pointer */
	VAL_EFAULT,		/* the pointer did not point at readable memory */
	VAL_TRUNCATED,		/* decoded, but cut at our limit */
	VAL_UNREAD,		/* not decoded (no room, or not wanted) */
};

/* A decoded socket address, and the bytes it was read from. */
struct sockaddr_info {
	const unsigned char *raw;	/* as read (at most 128 bytes) */
	size_t raw_len;
	int family;		/* AF_* */
	unsigned port;		/* inet, inet6 */
	char addr[64];		/* inet, inet6: numeric; netlink: pid/groups */
	const char *path;	/* unix: path or abstract name (may hold NULs) */
	size_t path_len;
	bool abstract;		/* unix: name in the abstract namespace */
	bool unnamed;		/* unix: no name at all */
};

/* What clone, clone3, fork and vfork asked for. */
struct clone_info {
	uint64_t flags;		/* CLONE_* without the exit signal */
	uint64_t exit_signal;
	const unsigned char *raw;	/* clone3: struct clone_args as read */
	size_t raw_len;
};

/* What a descriptor written to is (readlink of /proc/PID/fd/N). */
enum { HIDE_PIN_NONE, HIDE_PIN_PROGRAM, HIDE_PIN_TRACER };

enum fd_kind {
	FD_KIND_NONE,
	FD_FILE,		/* a file of a file system */
	FD_PIPE,		/* a pipe or FIFO */
	FD_SOCKET,
	FD_TTY,			/* a terminal: /dev/pts/N, /dev/ttyN... */
	FD_DEVICE,		/* another device: /dev/null... */
	FD_OTHER,		/* anon_inode:[eventfd]... */
	FD_KIND_COUNT
};

/* openat2's struct open_how. */
struct open_how_info {
	uint64_t flags;
	uint64_t mode;
	uint64_t resolve;
};

struct arg_value {
	uint8_t type;		/* enum arg_type */
	uint8_t status;		/* enum value_status */
	uint64_t raw;		/* the register as the tracee passed it */
	union {
		struct {		/* ARG_PATH, ARG_STR */
			const char *s;
			size_t len;
			const char *resolved;	/* ARG_PATH: absolute, or NULL */
		} str;
		struct sockaddr_info *sa;	/* ARG_SOCKADDR */
		struct {			/* ARG_ARGV */
			const char **v;
			const size_t *len;
			unsigned n;
		} argv;
		struct clone_info *clone;	/* ARG_CLONE_FLAGS, ARG_CLONE_ARGS */
		unsigned envp_n;		/* ARG_ENVP: entries, as strace
						 * shows "/ * N vars * /" */
		struct open_how_info *how;	/* ARG_OPEN_HOW */
		struct {			/* ARG_IOV */
			uint64_t bytes;
			unsigned count;
		} iov;
		struct {			/* ARG_MSGHDR */
			struct sockaddr_info *sa;	/* NULL: none */
			uint64_t bytes;
			unsigned count;
			/* msg_name or msg_iov points nowhere: the
			 * address, 0 when it was read */
			uint64_t bad_name, bad_iov;
			const unsigned char *raw;	/* the msghdr as read */
			size_t raw_len;
		} msg;
		struct {			/* ARG_MMSGHDR (sendmmsg) */
			struct sockaddr_info **sa;	/* NULL: none */
			unsigned n;		/* entries read */
			const unsigned char *raw;	/* the entries as read */
			size_t stride;		/* bytes per entry */
		} mmsg;
	} u;
};

#define EVENT_BUF_SIZE (40 * 1024)

struct event {
	uint64_t seq;			/* order of entry among the counted
					 * calls, from 1; 0 when not counted */
	pid_t tid;
	pid_t pid;			/* thread group id */
	uint8_t abi;			/* enum abi */
	bool counted;			/* in the selected trace set */
	bool noted;			/* wanted by the files or network
					 * sections even when not counted */
	const char *verdict;		/* "denied by line 5"... or NULL */
	const char *stack;		/* -k: frames, a line each, or NULL */
	bool finished;			/* the exit stop was seen */
	bool paths_lazy;		/* an open no one will read the resolved
					 * path of: its new fd's path tells */
	unsigned char hide_pin;		/* sched_getaffinity of a thread of
					 * the program (HIDE_PIN_PROGRAM) or
					 * of the tracer (HIDE_PIN_TRACER),
					 * pinned at times: answer with the
					 * CPUs it has without the pin */
	bool own_filter;		/* a seccomp filter of the program's
					 * own, counted if it succeeds */
	bool via_socketcall;		/* i386 socketcall decoded as its sub-call */
	int nr;				/* number in its ABI, x32 bit cleared */
	const char *name;		/* "syscall_N" when unknown */
	const struct syscall_desc *desc;	/* NULL when unknown */
	uint64_t args[SYSCALL_MAX_ARGS];
	uint64_t entry_ns;		/* CLOCK_MONOTONIC at the entry stop */
	uint64_t exit_ns;
	int64_t rval;			/* result when finished and not an error */
	int err;			/* errno when finished with an error */
	pid_t child;			/* clone family: the new task's id */
	const char *resumes;		/* restart_syscall: the call it
					 * resumes, when its exit was seen */
	const char *fd_path;		/* opens: what the new fd refers to;
					 * ftruncate, fchmod...: what fd 0 is */
	bool existed;			/* O_CREAT opens: the file was there
					 * at the entry stop */
	uint64_t sock_ino;		/* the socket the call used (connect,
					 * accept's new one, sends, receives,
					 * reads, writes), or 0 */
	struct sockaddr_info *peer;	/* accept: the new peer; recvfrom:
					 * the source, when read */
	uint64_t mmsg_bytes;		/* sendmmsg, recvmmsg: bytes moved */
	enum fd_kind fd_kind;		/* writes: what the fd is, or 0 */
	bool rw_socket;			/* set before the exit stop is decoded:
					 * look whether the fd of a read or
					 * write is a socket */
	/* Memory an argument points at, read once to be judged: pinned as
	 * it is (fcntl F_SETOWN_EX, ioctl FIOSETOWN). */
	const unsigned char *pin_raw;
	size_t pin_len;
	int pin_arg;
	struct arg_value v[SYSCALL_MAX_ARGS];

	/* Storage for decoded strings and structures. */
	size_t used;
	char buf[EVENT_BUF_SIZE];
};

/* Space from the event's buffer (aligned), or NULL when it is full. */
void *event_alloc(struct event *ev, size_t size);

/* Copy a string into the event's buffer; NULL when it is full. */
const char *event_strdup(struct event *ev, const char *s, size_t len);

/* Reset an event for reuse. */
void event_reset(struct event *ev);

/* The first argument of a type, or NULL. n counts from 0 among that type. */
const struct arg_value *event_arg(const struct event *ev, enum arg_type type,
				  unsigned n);

#endif
