/* flags.c - names of flag bits and constants, for decoding and printing */
#include "flags.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include "util.h"

#ifndef CLONE_CLEAR_SIGHAND
#define CLONE_CLEAR_SIGHAND 0x100000000ULL
#endif
#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif

/* The kernel's O_LARGEFILE: glibc defines it as 0 on x86_64, but i386
 * tracees pass the real bit. */
#define KERNEL_O_LARGEFILE 0100000

/* Bits the C library does not name on x86_64. */
#ifndef PROT_SEM
#define PROT_SEM 0x8
#endif
#ifndef MAP_UNINITIALIZED
#define MAP_UNINITIALIZED 0x4000000
#endif

/* Real-time signals in the kernel's numbering (glibc reserves a few). */
#define KERNEL_SIGRTMIN 32

#define F(x) { (uint64_t)(x), #x }

static const struct flag_name open_flags[] = {
	/* In strace's order; multi-bit values (O_SYNC, O_TMPFILE) before
	 * the bits they contain. */
	F(O_CREAT), F(O_EXCL), F(O_NOCTTY), F(O_TRUNC), F(O_APPEND),
	F(O_NONBLOCK), F(O_SYNC), F(O_DSYNC), F(O_DIRECT),
	{ KERNEL_O_LARGEFILE, "O_LARGEFILE" }, F(O_NOFOLLOW), F(O_NOATIME),
	F(O_CLOEXEC), F(O_PATH), F(O_TMPFILE), F(O_DIRECTORY),
	{ O_ASYNC, "FASYNC" },
	{ 0, NULL }
};

static const struct flag_name clone_flags[] = {
	F(CLONE_VM), F(CLONE_FS), F(CLONE_FILES), F(CLONE_SIGHAND),
	F(CLONE_PIDFD), F(CLONE_PTRACE), F(CLONE_VFORK), F(CLONE_PARENT),
	F(CLONE_THREAD), F(CLONE_NEWNS), F(CLONE_SYSVSEM), F(CLONE_SETTLS),
	F(CLONE_PARENT_SETTID), F(CLONE_CHILD_CLEARTID), F(CLONE_DETACHED),
	F(CLONE_UNTRACED), F(CLONE_CHILD_SETTID), F(CLONE_NEWCGROUP),
	F(CLONE_NEWUTS), F(CLONE_NEWIPC), F(CLONE_NEWUSER), F(CLONE_NEWPID),
	F(CLONE_NEWNET), F(CLONE_IO), F(CLONE_NEWTIME),
	F(CLONE_CLEAR_SIGHAND), F(CLONE_INTO_CGROUP),
	{ 0, NULL }
};

static const struct flag_name at_flags[] = {
	F(AT_SYMLINK_NOFOLLOW), F(AT_REMOVEDIR), F(AT_SYMLINK_FOLLOW),
	F(AT_NO_AUTOMOUNT), F(AT_EMPTY_PATH), F(AT_EACCESS),
	{ 0, NULL }
};

static const struct flag_name resolve_flags[] = {
	F(RESOLVE_NO_XDEV), F(RESOLVE_NO_MAGICLINKS), F(RESOLVE_NO_SYMLINKS),
	F(RESOLVE_BENEATH), F(RESOLVE_IN_ROOT), F(RESOLVE_CACHED),
	{ 0, NULL }
};

static const struct flag_name families[] = {
	F(AF_UNSPEC), F(AF_UNIX), F(AF_INET), F(AF_INET6), F(AF_NETLINK),
	F(AF_PACKET), F(AF_BLUETOOTH), F(AF_ALG), F(AF_VSOCK), F(AF_KEY),
	F(AF_APPLETALK), F(AF_X25), F(AF_AX25), F(AF_IPX), F(AF_CAN),
	F(AF_TIPC), F(AF_RDS), F(AF_XDP), F(AF_MCTP), F(AF_QIPCRTR),
	{ 0, NULL }
};

/* Kernel-internal codes a tracer sees at the exit stop. */
static const struct flag_name restart_codes[] = {
	{ 512, "ERESTARTSYS" }, { 513, "ERESTARTNOINTR" },
	{ 514, "ERESTARTNOHAND" }, { 515, "ENOIOCTLCMD" },
	{ 516, "ERESTART_RESTARTBLOCK" }, { 517, "EPROBE_DEFER" },
	{ 518, "EOPENSTALE" }, { 519, "ENOPARAM" },
	{ 521, "EBADHANDLE" }, { 522, "ENOTSYNC" }, { 523, "EBADCOOKIE" },
	{ 524, "ENOTSUPP" }, { 525, "ETOOSMALL" }, { 526, "ESERVERFAULT" },
	{ 527, "EBADTYPE" }, { 528, "EJUKEBOX" }, { 529, "EIOCBQUEUED" },
	{ 530, "ERECALLCONFLICT" },
	{ 0, NULL }
};

static void append(char *buf, size_t size, size_t *len, const char *s)
{
	int n;

	if (*len >= size)
		return;
	n = snprintf(buf + *len, size - *len, "%s%s", *len ? "|" : "", s);
	if (n > 0)
		*len += (size_t)n;
}

static void append_rest(char *buf, size_t size, size_t *len, uint64_t rest)
{
	char hex[24];

	if (rest) {
		snprintf(hex, sizeof(hex), "%#llx", (unsigned long long)rest);
		append(buf, size, len, hex);
	}
}

char *flags_format(const struct flag_name *table, uint64_t value, char *buf,
		   size_t size)
{
	size_t len = 0;
	const struct flag_name *f;

	buf[0] = '\0';
	for (f = table; f->name; f++)
		if (f->value && (value & f->value) == f->value) {
			append(buf, size, &len, f->name);
			value &= ~f->value;
		}
	append_rest(buf, size, &len, value);
	if (len == 0)
		snprintf(buf, size, "0");
	return buf;
}

char *oflags_format(uint64_t flags, char *buf, size_t size)
{
	static const char *const modes[] = {
		"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"
	};
	size_t len;

	snprintf(buf, size, "%s", modes[flags & O_ACCMODE]);
	flags &= ~(uint64_t)O_ACCMODE;
	if (!flags)
		return buf;
	len = strlen(buf);
	if (len + 1 < size) {
		buf[len] = '|';
		flags_format(open_flags, flags, buf + len + 1, size - len - 1);
	}
	return buf;
}

char *clone_flags_format(uint64_t flags, int exit_signal, char *buf,
			 size_t size)
{
	size_t len = 0;
	int sig = exit_signal;
	char name[32];

	flags_format(clone_flags, flags, buf, size);
	if (!sig)
		return buf;
	if (strcmp(buf, "0") == 0)
		buf[0] = '\0';
	len = strlen(buf);
	append(buf, size, &len, signal_name(sig, name, sizeof(name)));
	return buf;
}

static const struct flag_name sock_types[] = {
	F(SOCK_STREAM), F(SOCK_DGRAM), F(SOCK_RAW), F(SOCK_RDM),
	F(SOCK_SEQPACKET), F(SOCK_DCCP), F(SOCK_PACKET),
	{ 0, NULL }
};

static const struct flag_name sock_flags[] = {
	F(SOCK_NONBLOCK), F(SOCK_CLOEXEC),
	{ 0, NULL }
};

char *socktype_format(uint64_t type, char *buf, size_t size)
{
	const struct flag_name *f;
	uint64_t base = type & 0xf;
	size_t len;

	snprintf(buf, size, "%llu", (unsigned long long)base);
	for (f = sock_types; f->name; f++)
		if (f->value == base)
			snprintf(buf, size, "%s", f->name);
	type &= ~0xfULL;
	len = strlen(buf);
	if (type && len + 1 < size) {
		buf[len] = '|';
		flags_format(sock_flags, type, buf + len + 1, size - len - 1);
	}
	return buf;
}

static const struct flag_name prot_flags[] = {
	F(PROT_READ), F(PROT_WRITE), F(PROT_EXEC), F(PROT_SEM),
	F(PROT_GROWSDOWN), F(PROT_GROWSUP),
	{ 0, NULL }
};

/* The sharing type (MAP_TYPE bits) is a value, the rest are bits. */
static const struct flag_name map_types[] = {
	F(MAP_SHARED_VALIDATE), F(MAP_SHARED), F(MAP_PRIVATE),
	{ 0, NULL }
};

static const struct flag_name map_flags[] = {
	F(MAP_FIXED), F(MAP_ANONYMOUS), F(MAP_32BIT), F(MAP_GROWSDOWN),
	F(MAP_DENYWRITE), F(MAP_EXECUTABLE), F(MAP_LOCKED), F(MAP_NORESERVE),
	F(MAP_POPULATE), F(MAP_NONBLOCK), F(MAP_STACK), F(MAP_HUGETLB),
	F(MAP_SYNC), F(MAP_FIXED_NOREPLACE), F(MAP_UNINITIALIZED),
	{ 0, NULL }
};

static const struct flag_name rename_flags[] = {
	F(RENAME_NOREPLACE), F(RENAME_EXCHANGE), F(RENAME_WHITEOUT),
	{ 0, NULL }
};

char *prot_format(uint64_t prot, char *buf, size_t size)
{
	if (prot == 0) {
		snprintf(buf, size, "PROT_NONE");
		return buf;
	}
	return flags_format(prot_flags, prot, buf, size);
}

char *mmap_flags_format(uint64_t flags, char *buf, size_t size)
{
	const struct flag_name *f;
	uint64_t type = flags & MAP_TYPE;
	size_t len;

	snprintf(buf, size, "%#llx", (unsigned long long)type);
	for (f = map_types; f->name; f++)
		if (f->value == type)
			snprintf(buf, size, "%s", f->name);
	flags &= ~(uint64_t)MAP_TYPE;
	len = strlen(buf);
	if (flags && len + 1 < size) {
		buf[len] = '|';
		flags_format(map_flags, flags, buf + len + 1, size - len - 1);
	}
	return buf;
}

static const struct flag_name access_modes[] = {
	F(R_OK), F(W_OK), F(X_OK), { 0, NULL }
};

char *access_mode_format(uint64_t mode, char *buf, size_t size)
{
	if (!mode) {
		snprintf(buf, size, "F_OK");
		return buf;
	}
	return flags_format(access_modes, mode, buf, size);
}

static const struct flag_name access_flags[] = {
	F(AT_SYMLINK_NOFOLLOW), F(AT_EACCESS), F(AT_EMPTY_PATH), { 0, NULL }
};

char *access_flags_format(uint64_t flags, char *buf, size_t size)
{
	return flags_format(access_flags, flags, buf, size);
}

char *rename_flags_format(uint64_t flags, char *buf, size_t size)
{
	return flags_format(rename_flags, flags, buf, size);
}

char *atflags_format(uint64_t flags, char *buf, size_t size)
{
	return flags_format(at_flags, flags, buf, size);
}

char *resolve_flags_format(uint64_t flags, char *buf, size_t size)
{
	return flags_format(resolve_flags, flags, buf, size);
}

const char *family_name(int family, char *buf, size_t size)
{
	const struct flag_name *f;

	for (f = families; f->name; f++)
		if ((int)f->value == family)
			return f->name;
	snprintf(buf, size, "AF_%d", family);
	return buf;
}

const char *errno_name(int err, char *buf, size_t size)
{
	const struct flag_name *f;
	const char *name = err > 0 && err < 512 ? strerrorname_np(err) : NULL;

	if (name)
		return name;
	for (f = restart_codes; f->name; f++)
		if ((int)f->value == err)
			return f->name;
	snprintf(buf, size, "E%d", err);
	return buf;
}

const char *restart_message(int err)
{
	switch (err) {
	case 512:
		return "To be restarted if SA_RESTART is set";
	case 513:
		return "To be restarted";
	case 514:
		return "To be restarted if no handler";
	case 516:
		return "Interrupted by signal";
	default:
		return NULL;
	}
}

int errno_from_name(const char *name)
{
	const struct flag_name *f;
	int err;

	for (err = 1; err < 512; err++) {
		const char *n = strerrorname_np(err);

		if (n && strcmp(n, name) == 0)
			return err;
	}
	for (f = restart_codes; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return (int)f->value;
	return -1;
}

static const struct flag_name clock_ids[] = {
	F(CLOCK_REALTIME), F(CLOCK_MONOTONIC), F(CLOCK_PROCESS_CPUTIME_ID),
	F(CLOCK_THREAD_CPUTIME_ID), F(CLOCK_MONOTONIC_RAW),
	F(CLOCK_REALTIME_COARSE), F(CLOCK_MONOTONIC_COARSE), F(CLOCK_BOOTTIME),
	F(CLOCK_REALTIME_ALARM), F(CLOCK_BOOTTIME_ALARM), F(CLOCK_TAI),
	{ 0, NULL }
};

char *clock_id_name(int64_t id, char *buf, size_t size)
{
	unsigned i;

	for (i = 0; clock_ids[i].name; i++)
		if ((int64_t)clock_ids[i].value == id) {
			snprintf(buf, size, "%s", clock_ids[i].name);
			return buf;
		}
	snprintf(buf, size, "%lld", (long long)id);
	return buf;
}

/* The ioctls programs make most, by the names strace gives them. */
static const struct flag_name ioctl_names[] = {
	F(TCGETS), F(TCSETS), F(TCSETSW), F(TCSETSF), F(TCGETA), F(TCSETA),
	F(TCSETAW), F(TCSETAF), F(TCSBRK), F(TCXONC), F(TCFLSH), F(TIOCEXCL),
	F(TIOCNXCL), F(TIOCSCTTY), F(TIOCGPGRP), F(TIOCSPGRP), F(TIOCOUTQ),
	F(TIOCSTI), F(TIOCGWINSZ), F(TIOCSWINSZ), F(TIOCMGET), F(TIOCMBIS),
	F(TIOCMBIC), F(TIOCMSET), F(FIONREAD), F(TIOCLINUX), F(TIOCCONS),
	F(FIONBIO), F(TIOCNOTTY), F(TIOCGSID), F(TIOCGPTN), F(TIOCSPTLCK),
	F(TIOCGPTPEER), F(FIONCLEX), F(FIOCLEX), F(FIOASYNC), F(FIOQSIZE),
	F(FS_IOC_GETFLAGS),
	F(FS_IOC_SETFLAGS), F(FIGETBSZ), F(FIBMAP), F(FICLONE),
	{ 0, NULL }
};

char *ioctl_name(uint64_t cmd, char *buf, size_t size)
{
	static const char *const dirs[] = {
		"_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE"
	};
	uint32_t c = (uint32_t)cmd;
	unsigned i;

	for (i = 0; ioctl_names[i].name; i++)
		if (ioctl_names[i].value == c) {
			snprintf(buf, size, "%s", ioctl_names[i].name);
			return buf;
		}
	snprintf(buf, size, "_IOC(%s, %#x, %#x, %#x)", dirs[_IOC_DIR(c) & 3],
		 _IOC_TYPE(c), _IOC_NR(c), _IOC_SIZE(c));
	return buf;
}

const char *signal_name(int sig, char *buf, size_t size)
{
	const char *abbrev = sig > 0 && sig < KERNEL_SIGRTMIN ?
		sigabbrev_np(sig) : NULL;

	if (abbrev)
		snprintf(buf, size, "SIG%s", abbrev);
	else if (sig == KERNEL_SIGRTMIN)
		snprintf(buf, size, "SIGRTMIN");
	else if (sig > KERNEL_SIGRTMIN && sig < 65)
		snprintf(buf, size, "SIGRT_%d", sig - KERNEL_SIGRTMIN);
	else
		snprintf(buf, size, "SIG%d", sig);
	return buf;
}

const char *fault_code_name(int sig, int code, char *buf, size_t size)
{
	static const char *const segv[] = { "SEGV_MAPERR", "SEGV_ACCERR",
		"SEGV_BNDERR", "SEGV_PKUERR", "SEGV_ACCADI", "SEGV_ADIDERR",
		"SEGV_ADIPERR", "SEGV_MTEAERR", "SEGV_MTESERR", "SEGV_CPERR" };
	static const char *const bus[] = { "BUS_ADRALN", "BUS_ADRERR",
		"BUS_OBJERR", "BUS_MCEERR_AR", "BUS_MCEERR_AO" };
	static const char *const ill[] = { "ILL_ILLOPC", "ILL_ILLOPN",
		"ILL_ILLADR", "ILL_ILLTRP", "ILL_PRVOPC", "ILL_PRVREG",
		"ILL_COPROC", "ILL_BADSTK", "ILL_BADIADDR" };
	static const char *const fpe[] = { "FPE_INTDIV", "FPE_INTOVF",
		"FPE_FLTDIV", "FPE_FLTOVF", "FPE_FLTUND", "FPE_FLTRES",
		"FPE_FLTINV", "FPE_FLTSUB", "FPE_FLTUNK", "FPE_CONDTRAP" };
	const char *const *names = NULL;
	size_t n = 0;

	switch (sig) {
	case SIGSEGV:
		names = segv, n = ARRAY_SIZE(segv);
		break;
	case SIGBUS:
		names = bus, n = ARRAY_SIZE(bus);
		break;
	case SIGILL:
		names = ill, n = ARRAY_SIZE(ill);
		break;
	case SIGFPE:
		names = fpe, n = ARRAY_SIZE(fpe);
		break;
	}
	if (names && code >= 1 && (size_t)code <= n)
		return names[code - 1];
	snprintf(buf, size, "%d", code);
	return buf;
}
