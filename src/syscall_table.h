/* syscall_table.h - per-ABI system call tables generated from syscalls/ */
#ifndef GOBOX_SYSCALL_TABLE_H
#define GOBOX_SYSCALL_TABLE_H

#include <stdint.h>

/* The ABIs a tracee can enter the kernel through on x86_64. */
enum abi {
	ABI_X86_64,
	ABI_I386,
	ABI_X32,
	ABI_COUNT
};

/*
 * Classes of system calls. syscalls/signatures.in names them in lower case;
 * the generator turns "file" into SC_FILE, so a class that is not listed
 * here fails the build.
 */
enum syscall_class {
	SC_FILE   = 1u << 0,	/* takes a path name */
	SC_DESC   = 1u << 1,	/* works on a file descriptor */
	SC_NET    = 1u << 2,	/* sockets */
	SC_PROC   = 1u << 3,	/* process life: create, exec, exit, wait */
	SC_WRITE  = 1u << 4,	/* writes data the caller supplies */
	SC_READ   = 1u << 5,	/* reads data into the caller's memory */
	SC_MEMORY = 1u << 6,	/* address space */
	SC_SIGNAL = 1u << 7,	/* signals */
	SC_IPC    = 1u << 8,	/* System V and POSIX IPC */
	SC_CREDS  = 1u << 9,	/* user and group ids, capabilities */
	SC_TIME   = 1u << 10,	/* clocks and timers */
	SC_SYSTEM = 1u << 11,	/* administration: mount, reboot, modules... */
	SC_META   = 1u << 12,	/* changes file metadata: chmod, chown, xattr, times */
	SC_CREATE = 1u << 13,	/* creates a name in the file system */
	SC_DELETE = 1u << 14,	/* removes or renames a name */
};

/*
 * Argument types. They drive decoding and printing: the generator turns
 * "path" into ARG_PATH, so a type that is not listed here fails the build.
 */
enum arg_type {
	ARG_NONE,
	ARG_INT,		/* signed decimal */
	ARG_UINT,		/* unsigned decimal */
	ARG_HEX,		/* unsigned hexadecimal */
	ARG_PTR,		/* address, printed as hex or NULL */
	ARG_FD,			/* file descriptor */
	ARG_DIRFD,		/* file descriptor or AT_FDCWD */
	ARG_PATH,		/* NUL-terminated path name */
	ARG_STR,		/* other NUL-terminated string */
	ARG_OFLAGS,		/* O_* open flags */
	ARG_MODE,		/* file mode, octal */
	ARG_ATFLAGS,		/* AT_* flags */
	ARG_SIZE,		/* byte count */
	ARG_OFF,		/* file offset */
	ARG_WBUF,		/* buffer the call reads from the caller */
	ARG_RBUF,		/* buffer the call fills */
	ARG_IOV,		/* struct iovec array; the count follows */
	ARG_SOCKADDR,		/* struct sockaddr; its length follows */
	ARG_SOCKLEN,		/* length of a sockaddr */
	ARG_CLONE_FLAGS,	/* CLONE_* flags and exit signal */
	ARG_CLONE_ARGS,		/* struct clone_args; its size follows */
	ARG_OPEN_HOW,		/* struct open_how; its size follows */
	ARG_ARGV,		/* NULL-terminated string array */
	ARG_ENVP,		/* environment array (not decoded by default) */
	ARG_PID,		/* process or thread id */
	ARG_SIGNAL,		/* signal number */
	ARG_MSGHDR,		/* struct msghdr */
	ARG_MMSGHDR,		/* struct mmsghdr array */
	ARG_SOCKFAMILY,		/* AF_* */
	ARG_SOCKTYPE,		/* SOCK_* type and flags */
	ARG_PROT,		/* PROT_* */
	ARG_MMAP_FLAGS,		/* MAP_* */
	ARG_RENAME_FLAGS,	/* RENAME_* */
	ARG_ACCESS_MODE,	/* F_OK, or R_OK|W_OK|X_OK */
	ARG_STATBUF,		/* struct stat, filled at the exit */
	ARG_IOCTL_CMD,		/* an ioctl request: TCGETS... */
	ARG_CLOCKID,		/* CLOCK_REALTIME... */
	ARG_CLOCK_FLAGS,	/* 0 or TIMER_ABSTIME */
	ARG_TIMESPEC,		/* a struct timespec the call reads */
	ARG_ACCESS_FLAGS,	/* faccessat2: AT_EACCESS... (0x200 is
				 * AT_REMOVEDIR elsewhere) */
	ARG_WHENCE,		/* SEEK_* */
	ARG_UID,		/* user or group id */
	ARG_SOCKETCALL,		/* i386 socketcall: call number; args follow */
	ARG_TYPE_COUNT
};

#define SYSCALL_MAX_ARGS 6

/* One system call of one ABI. A table slot with a NULL name is unused. */
struct syscall_desc {
	const char *name;
	uint32_t classes;
	uint8_t nargs;
	uint8_t arg[SYSCALL_MAX_ARGS];
};

/*
 * Generated tables: entry i describes number base + i. The x32 table holds
 * only the x32-specific numbers 512-547 (without the x32 bit); every other
 * x32 number means the same call as in the x86_64 table.
 */
#define SYSCALL_TABLE(abi) \
	extern const struct syscall_desc syscall_table_##abi[]; \
	extern const unsigned syscall_table_##abi##_base; \
	extern const unsigned syscall_table_##abi##_size
SYSCALL_TABLE(x86_64);
SYSCALL_TABLE(i386);
SYSCALL_TABLE(x32);
#undef SYSCALL_TABLE

#endif
