/* trace_text.c - the live trace of -o FILE, in strace's own form
 *
 *   [pid  1234] openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
 *   [pid  1234] connect(3, {sa_family=AF_INET, sin_port=htons(9), ...}, 16)
 *       = -1 ECONNREFUSED (Connection refused)
 *
 * Each call is written whole when it returns (strace would split one that
 * another thread's call interleaves into "<unfinished ...>" and
 * "<... resumed>"); a call that never returns ends in " = ?".
 */
#include "trace_text.h"

#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/socket.h>
#include <time.h>

#include "decode.h"
#include "flags.h"
#include "syscalls.h"
#include "ucopy.h"

/* Bytes of a buffer shown, as strace -s 32. */
#define TRACE_STRING_MAX 32
/* Where strace aligns the results of short lines. */
#define TRACE_RESULT_COLUMN 39

/* A C string literal of len bytes, as strace writes one. */
static void put_quoted(FILE *out, const char *s, size_t len)
{
	size_t i;

	fputc('"', out);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		default:
			if (c < 0x20 || c >= 0x7f)
				fprintf(out, "\\%o", c);
			else
				fputc(c, out);
		}
	}
	fputc('"', out);
}

static void put_sockaddr(FILE *out, const struct sockaddr_info *sa)
{
	char buf[32];

	fprintf(out, "{sa_family=%s", family_name(sa->family, buf, sizeof(buf)));
	if (sa->family == AF_INET) {
		fprintf(out, ", sin_port=htons(%u), sin_addr=inet_addr(\"%s\")}",
			sa->port, sa->addr);
	} else if (sa->family == AF_INET6) {
		fprintf(out, ", sin6_port=htons(%u), sin6_flowinfo=htonl(0), "
			"inet_pton(AF_INET6, \"%s\", &sin6_addr), "
			"sin6_scope_id=0}", sa->port, sa->addr);
	} else if (sa->family == AF_UNIX && sa->unnamed) {
		fputc('}', out);
	} else if (sa->family == AF_UNIX && sa->path) {
		fputs(", sun_path=", out);
		if (sa->abstract)
			fputs("@", out);
		put_quoted(out, sa->path, sa->path_len);
		fputc('}', out);
	} else {
		fputs(", ...}", out);
	}
}

/* An argument read from memory that could not be: its address. */
static bool put_unread(FILE *out, const struct event *ev,
		       const struct arg_value *v)
{
	if (v->status == VAL_NULL) {
		fputs("NULL", out);
		return true;
	}
	if (v->status == VAL_EFAULT || v->status == VAL_UNREAD) {
		fprintf(out, "%#llx", (unsigned long long)arg_ptr(ev, v->raw));
		return true;
	}
	return false;
}

static void put_argv(FILE *out, const struct arg_value *v)
{
	unsigned i;

	fputc('[', out);
	for (i = 0; i < v->u.argv.n; i++) {
		size_t len = v->u.argv.len[i];

		if (i)
			fputs(", ", out);
		/* As strace -s 32 does. */
		put_quoted(out, v->u.argv.v[i], len < TRACE_STRING_MAX ? len :
			   TRACE_STRING_MAX);
		if (len > TRACE_STRING_MAX)
			fputs("...", out);
	}
	if (v->status == VAL_TRUNCATED)
		fputs(", ...", out);
	fputc(']', out);
}

/* "3</etc/passwd>" with -y, else "3"; "AT_FDCWD</cwd>" likewise. */
static void put_fd(FILE *out, const struct event *ev, int fd, bool paths)
{
	char target[DECODE_PATH_MAX];

	if (fd == AT_FDCWD)
		fputs("AT_FDCWD", out);
	else
		fprintf(out, "%d", fd);
	if (paths && (fd >= 0 || fd == AT_FDCWD) &&
	    fd_target(ev->tid, fd, target, sizeof(target)) > 0) {
		fputc('<', out);
		fputs(target, out);
		fputc('>', out);
	}
}

/* A struct timespec the call reads: {tv_sec=1, tv_nsec=500000000}. An
 * i386 call's has 32-bit fields, but for the *_time64 calls. */
static bool put_timespec(FILE *out, const struct event *ev,
			 const struct arg_value *v)
{
	int64_t sec, nsec;

	if (!arg_ptr(ev, v->raw))
		return false;
	if (ev->abi == ABI_I386 && !strstr(ev->name, "time64")) {
		int32_t ts[2];

		if (ucopy(ev->tid, arg_ptr(ev, v->raw), ts, sizeof(ts)) < 0)
			return false;
		sec = ts[0];
		nsec = ts[1];
	} else {
		int64_t ts[2];

		if (ucopy(ev->tid, arg_ptr(ev, v->raw), ts, sizeof(ts)) < 0)
			return false;
		sec = ts[0];
		nsec = ts[1];
	}
	fprintf(out, "{tv_sec=%lld, tv_nsec=%lld}", (long long)sec, (long long)nsec);
	return true;
}

/* S_IFREG|0644, as strace writes a mode of struct stat. */
static void put_file_mode(FILE *out, unsigned mode)
{
	static const struct { unsigned type; const char *name; } types[] = {
		{ S_IFREG, "S_IFREG" }, { S_IFDIR, "S_IFDIR" },
		{ S_IFCHR, "S_IFCHR" }, { S_IFBLK, "S_IFBLK" },
		{ S_IFIFO, "S_IFIFO" }, { S_IFLNK, "S_IFLNK" },
		{ S_IFSOCK, "S_IFSOCK" },
	};
	unsigned i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if ((mode & S_IFMT) == types[i].type)
			break;
	if (i == sizeof(types) / sizeof(types[0])) {
		fprintf(out, "%#o", mode);
		return;
	}
	fputs(types[i].name, out);
	if (mode & S_ISUID)
		fputs("|S_ISUID", out);
	if (mode & S_ISGID)
		fputs("|S_ISGID", out);
	if (mode & S_ISVTX)
		fputs("|S_ISVTX", out);
	fprintf(out, "|%#03o", mode & 0777);
}

/* A struct stat the call filled, as strace -e trace=%file shows it:
 * {st_mode=S_IFREG|0644, st_size=N, ...}, a device's st_rdev instead of
 * its size. The 64-bit layout only (an i386 call shows the address). */
static bool put_stat(FILE *out, const struct event *ev,
		     const struct arg_value *v)
{
	struct stat st;

	if (!ev->finished || ev->err || ev->abi == ABI_I386 ||
	    !arg_ptr(ev, v->raw) ||
	    ucopy(ev->tid, arg_ptr(ev, v->raw), &st, sizeof(st)) < 0)
		return false;
	fputs("{st_mode=", out);
	put_file_mode(out, st.st_mode);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		fprintf(out, ", st_rdev=makedev(%#x, %#x), ...}",
			major(st.st_rdev), minor(st.st_rdev));
	else
		fprintf(out, ", st_size=%lld, ...}", (long long)st.st_size);
	return true;
}

static void put_address(FILE *out, const struct event *ev,
			const struct arg_value *v)
{
	if (!arg_ptr(ev, v->raw))
		fputs("NULL", out);
	else
		fprintf(out, "%#llx", (unsigned long long)arg_ptr(ev, v->raw));
}

/* Vectors shown at most, as strace abbreviates arrays. */
#define TRACE_IOV_MAX 32

/* Is the data of the call's vectors what it wrote (1), what it read (2),
 * or not for us to show (0: process_vm_*, vmsplice)? */
static int iov_data(const struct event *ev)
{
	const char *n = ev->name;

	if (!strcmp(n, "writev") || !strcmp(n, "pwritev") ||
	    !strcmp(n, "pwritev2"))
		return 1;
	if (!strcmp(n, "readv") || !strcmp(n, "preadv") ||
	    !strcmp(n, "preadv2"))
		return 2;
	return 0;
}

/* One vector: its data (up to left bytes of it, as a string) or its
 * address, and its length. */
static void put_one_iov(FILE *out, const struct event *ev, uint64_t base,
			uint64_t len, int data, uint64_t *left)
{
	char buf[TRACE_STRING_MAX];
	uint64_t shown = len < *left ? len : *left;
	size_t n = shown < sizeof(buf) ? (size_t)shown : sizeof(buf);

	fputs("{iov_base=", out);
	if (data && (!n || ucopy(ev->tid, base, buf, n) == 0)) {
		put_quoted(out, buf, n);
		if (shown > n)
			fputs("...", out);
	} else if (!base) {
		fputs("NULL", out);
	} else {
		fprintf(out, "%#llx", (unsigned long long)base);
	}
	fprintf(out, ", iov_len=%llu}", (unsigned long long)len);
	*left -= shown;
}

/* [{iov_base="abc", iov_len=3}, ...] as strace writes an iovec array;
 * the data read only as far as the call returned. */
static void put_iov(FILE *out, const struct event *ev, const struct arg_value *v)
{
	unsigned psize = abi_ptr_size(ev->abi), i, count = v->u.iov.count;
	uint64_t addr = arg_ptr(ev, v->raw), left = UINT64_MAX;
	int data = iov_data(ev);
	uint64_t raw[2];

	if (data == 2)
		left = ev->finished && !ev->err && ev->rval > 0 ? (uint64_t)ev->rval : 0;
	/* An array that cannot be read shows as its address, as strace. */
	if (!addr || ucopy(ev->tid, addr, raw, 2 * psize) < 0) {
		put_address(out, ev, v);
		return;
	}
	fputc('[', out);
	for (i = 0; i < count && i < TRACE_IOV_MAX; i++) {
		uint32_t *raw32 = (uint32_t *)raw;

		if (ucopy(ev->tid, addr + (uint64_t)i * 2 * psize, raw, 2 * psize) < 0) {
			fprintf(out, "%s%#llx", i ? ", " : "",
				(unsigned long long)(addr + (uint64_t)i * 2 * psize));
			break;
		}
		if (i)
			fputs(", ", out);
		put_one_iov(out, ev, psize == 8 ? raw[0] : raw32[0],
			    psize == 8 ? raw[1] : raw32[1], data, &left);
	}
	if (i < count && i == TRACE_IOV_MAX)
		fputs(", ...", out);
	fputc(']', out);
}

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

/* A pointer of clone3's struct, as strace writes one. */
static void put_ptr_field(FILE *out, const char *name, uint64_t p)
{
	if (p)
		fprintf(out, ", %s=%#llx", name, (unsigned long long)p);
	else
		fprintf(out, ", %s=NULL", name);
}

/* clone3's struct clone_args as strace writes it: the fields its flags
 * use, and after the call what the kernel wrote back (" => {...}"). */
static void put_clone3(FILE *out, const struct event *ev,
		       const struct clone_info *ci)
{
	uint64_t a[11] = { 0 };
	char buf[512];
	uint32_t back;

	memcpy(a, ci->raw, ci->raw_len < sizeof(a) ? ci->raw_len : sizeof(a));
	fprintf(out, "{flags=%s", clone_flags_format(ci->flags, 0, buf, sizeof(buf)));
	if (ci->flags & CLONE_PIDFD)
		put_ptr_field(out, "pidfd", a[1]);
	if (ci->flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
		put_ptr_field(out, "child_tid", a[2]);
	if (ci->flags & CLONE_PARENT_SETTID)
		put_ptr_field(out, "parent_tid", a[3]);
	fprintf(out, ", exit_signal=%s", a[4] ? signal_name((int)a[4], buf,
		sizeof(buf)) : "0");
	put_ptr_field(out, "stack", a[5]);
	fprintf(out, ", stack_size=%#llx", (unsigned long long)a[6]);
	if (ci->flags & CLONE_SETTLS)
		put_ptr_field(out, "tls", a[7]);
	if (a[9])
		fprintf(out, ", set_tid=%#llx, set_tid_size=%llu",
			(unsigned long long)a[8], (unsigned long long)a[9]);
	if (ci->flags & CLONE_INTO_CGROUP)
		fprintf(out, ", cgroup=%llu", (unsigned long long)a[10]);
	fputc('}', out);
	if (!ev->finished || ev->err || ev->rval <= 0 ||
	    !(ci->flags & (CLONE_PIDFD | CLONE_PARENT_SETTID)))
		return;
	fputs(" => {", out);
	if ((ci->flags & CLONE_PIDFD) && ucopy(ev->tid, a[1], &back, sizeof(back)) == 0)
		fprintf(out, "pidfd=[%d]%s", (int)back,
			ci->flags & CLONE_PARENT_SETTID ? ", " : "");
	if ((ci->flags & CLONE_PARENT_SETTID) &&
	    ucopy(ev->tid, a[3], &back, sizeof(back)) == 0)
		fprintf(out, "parent_tid=[%d]", (int)back);
	fputc('}', out);
}

static void put_memory(FILE *out, const struct event *ev,
		       const struct arg_value *v)
{
	char buf[512];

	if (put_unread(out, ev, v))
		return;
	switch (v->type) {
	case ARG_PATH:
	case ARG_STR:
		put_quoted(out, v->u.str.s, v->u.str.len);
		break;
	case ARG_SOCKADDR:
		put_sockaddr(out, v->u.sa);
		break;
	case ARG_ARGV:
		put_argv(out, v);
		break;
	case ARG_CLONE_ARGS:
		put_clone3(out, ev, v->u.clone);
		break;
	case ARG_OPEN_HOW:
		fprintf(out, "{flags=%s, ", oflags_format(v->u.how->flags, buf,
							  sizeof(buf)));
		fprintf(out, "mode=%#llo, ", (unsigned long long)v->u.how->mode);
		fprintf(out, "resolve=%s}", resolve_flags_format(v->u.how->resolve,
								buf, sizeof(buf)));
		break;
	case ARG_IOV:
		put_iov(out, ev, v);
		break;
	case ARG_MSGHDR:
		fputs("{msg_name=", out);
		if (v->u.msg.sa)
			put_sockaddr(out, v->u.msg.sa);
		else
			fputs("NULL", out);
		fprintf(out, ", msg_iovlen=%u, ...}", v->u.msg.count);
		break;
	default:
		fprintf(out, "%#llx", (unsigned long long)arg_ptr(ev, v->raw));
	}
}

/* The first bytes of a buffer written (its length is the next argument)
 * or read (the result), as strace shows them with -s 32. */
static bool put_buffer(FILE *out, const struct event *ev,
		       const struct arg_value *v)
{
	char buf[TRACE_STRING_MAX];
	uint64_t len;
	unsigned i = (unsigned)(v - ev->v);

	if (v->type == ARG_WBUF && i + 1 < ev->desc->nargs)
		len = arg_ptr(ev, ev->v[i + 1].raw);
	else if (v->type == ARG_RBUF && ev->finished && !ev->err && ev->rval >= 0)
		len = (uint64_t)ev->rval;
	else
		return false;
	if (!len) {
		fputs("\"\"", out);
		return true;
	}
	if (ucopy(ev->tid, arg_ptr(ev, v->raw), buf,
		  len < sizeof(buf) ? (size_t)len : sizeof(buf)) < 0)
		return false;
	put_quoted(out, buf, len < sizeof(buf) ? (size_t)len : sizeof(buf));
	if (len > sizeof(buf))
		fputs("...", out);
	return true;
}

static void put_arg(FILE *out, const struct event *ev,
		    const struct arg_value *v, bool paths)
{
	char buf[512];

	switch (v->type) {
	case ARG_FD:
		put_fd(out, ev, arg_int(v->raw), paths);
		break;
	case ARG_DIRFD:
		put_fd(out, ev, arg_int(v->raw), paths);
		break;
	case ARG_INT:
	case ARG_PID:
		fprintf(out, "%d", arg_int(v->raw));
		break;
	case ARG_UINT:
	case ARG_SIZE:
	case ARG_SOCKLEN:
	case ARG_UID:
		fprintf(out, "%llu", (unsigned long long)arg_ptr(ev, v->raw));
		break;
	case ARG_OFF:
		fprintf(out, "%lld", (long long)arg_ptr(ev, v->raw));
		break;
	case ARG_OFLAGS:
		fputs(oflags_format((uint32_t)v->raw, buf, sizeof(buf)), out);
		break;
	case ARG_MODE:
		fprintf(out, "%#o", (unsigned)(v->raw & 07777));
		break;
	case ARG_ATFLAGS:
		fputs(atflags_format((uint32_t)v->raw, buf, sizeof(buf)), out);
		break;
	case ARG_PROT:
		fputs(prot_format((uint32_t)v->raw, buf, sizeof(buf)), out);
		break;
	case ARG_MMAP_FLAGS:
		fputs(mmap_flags_format((uint32_t)v->raw, buf, sizeof(buf)), out);
		break;
	case ARG_RENAME_FLAGS:
		fputs(rename_flags_format((uint32_t)v->raw, buf, sizeof(buf)), out);
		break;
	case ARG_ACCESS_MODE:
		fputs(access_mode_format((uint32_t)v->raw, buf, sizeof(buf)), out);
		break;
	case ARG_IOCTL_CMD:
		fputs(ioctl_name(v->raw, buf, sizeof(buf)), out);
		break;
	case ARG_CLOCKID:
		fputs(clock_id_name((int32_t)v->raw, buf, sizeof(buf)), out);
		break;
	case ARG_CLOCK_FLAGS:
		if ((uint32_t)v->raw == TIMER_ABSTIME)
			fputs("TIMER_ABSTIME", out);
		else
			fprintf(out, "%#llx", (unsigned long long)(uint32_t)v->raw);
		break;
	case ARG_TIMESPEC:
		if (!put_timespec(out, ev, v))
			put_address(out, ev, v);
		break;
	case ARG_ACCESS_FLAGS:
		fputs(access_flags_format((uint32_t)v->raw, buf, sizeof(buf)), out);
		break;
	case ARG_SIGNAL:
		fputs(signal_name(arg_int(v->raw), buf, sizeof(buf)), out);
		break;
	case ARG_SOCKFAMILY:
		fputs(family_name(arg_int(v->raw), buf, sizeof(buf)), out);
		break;
	case ARG_SOCKTYPE:
		fputs(socktype_format((uint32_t)v->raw, buf, sizeof(buf)), out);
		break;
	case ARG_CLONE_FLAGS:
		if (v->u.clone)
			fprintf(out, "flags=%s", clone_flags_format(
				v->u.clone->flags, (int)v->u.clone->exit_signal,
				buf, sizeof(buf)));
		else
			fprintf(out, "%#llx", (unsigned long long)v->raw);
		break;
	case ARG_WBUF:
	case ARG_RBUF:
		if (!put_buffer(out, ev, v))
			put_address(out, ev, v);
		break;
	case ARG_ENVP:
		if (arg_ptr(ev, v->raw) && v->status == VAL_OK) {
			fprintf(out, "%#llx /* %u var%s */",
				(unsigned long long)arg_ptr(ev, v->raw),
				v->u.envp_n, v->u.envp_n == 1 ? "" : "s");
			break;
		}
		/* fall through */
	case ARG_STATBUF:
		if (!put_stat(out, ev, v))
			put_address(out, ev, v);
		break;
	case ARG_PTR:
		put_address(out, ev, v);
		break;
	case ARG_PATH:
	case ARG_STR:
	case ARG_SOCKADDR:
	case ARG_ARGV:
	case ARG_CLONE_ARGS:
	case ARG_OPEN_HOW:
	case ARG_IOV:
	case ARG_MSGHDR:
		put_memory(out, ev, v);
		break;
	default:
		fprintf(out, "%#llx", (unsigned long long)v->raw);
	}
}

/* clone as strace names its arguments: the stack, the flags, then only
 * the pointers the flags use. */
static void put_clone(FILE *out, const struct event *ev)
{
	bool i386 = ev->abi == ABI_I386;
	const struct clone_info *ci = ev->v[0].u.clone;
	uint64_t flags = ci ? ci->flags : ev->args[0] & ~0xffULL;
	int sig = ci ? (int)ci->exit_signal : (int)(ev->args[0] & 0xff);
	uint64_t stack = arg_ptr(ev, ev->args[1]), ptid = arg_ptr(ev, ev->args[2]);
	uint64_t ctid = arg_ptr(ev, ev->args[i386 ? 4 : 3]);
	uint64_t tls = arg_ptr(ev, ev->args[i386 ? 3 : 4]);
	char buf[512];

	if (stack)
		fprintf(out, "child_stack=%#llx", (unsigned long long)stack);
	else
		fputs("child_stack=NULL", out);
	fprintf(out, ", flags=%s", clone_flags_format(flags, sig, buf,
						      sizeof(buf)));
	if (flags & CLONE_PARENT_SETTID)
		fprintf(out, ", parent_tid=%#llx", (unsigned long long)ptid);
	if (flags & CLONE_SETTLS)
		fprintf(out, ", tls=%#llx", (unsigned long long)tls);
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
		fprintf(out, ", child_tidptr=%#llx", (unsigned long long)ctid);
}

/* preadv, pwritev and their "2" forms pass the offset in two halves
 * (pos_l, pos_h); strace shows it as one number, the low half's on
 * 64-bit. The high half is left out. */
static bool split_offset_high(const struct event *ev, unsigned i)
{
	const char *n = ev->name;

	return i == 4 && ev->abi != ABI_I386 &&
	       (!strcmp(n, "preadv") || !strcmp(n, "pwritev") ||
		!strcmp(n, "preadv2") || !strcmp(n, "pwritev2"));
}

/* How many arguments strace shows: open's mode only when it creates. */
static unsigned shown_args(const struct event *ev)
{
	const struct arg_value *flags = event_arg(ev, ARG_OFLAGS, 0);
	unsigned n = ev->desc->nargs;

	uint32_t f = flags ? (uint32_t)flags->raw : 0;

	/* O_TMPFILE holds O_DIRECTORY's bit: only the whole of it creates. */
	if (flags && n > 0 && ev->v[n - 1].type == ARG_MODE &&
	    !(f & O_CREAT) && (f & O_TMPFILE) != O_TMPFILE)
		n--;
	return n;
}

/* Calls whose result is an address, printed in hex. */
static bool returns_address(const char *name)
{
	return !strcmp(name, "mmap") || !strcmp(name, "mmap2") ||
	       !strcmp(name, "brk") || !strcmp(name, "mremap") ||
	       !strcmp(name, "shmat");
}

static void put_result(FILE *out, const struct event *ev,
		       const struct trace_text_opts *o, const char *verdict)
{
	char buf[32];

	if (!ev->finished) {
		fputs(" = ?", out);
		return;
	}
	/* Interrupted: no result yet, the kernel restarts it or not. */
	if (ev->err && restart_message(ev->err))
		fprintf(out, " = ? %s (%s)", errno_name(ev->err, buf, sizeof(buf)),
			restart_message(ev->err));
	else if (ev->err)
		fprintf(out, " = -1 %s (%s)", errno_name(ev->err, buf, sizeof(buf)),
			strerror(ev->err));
	else if (returns_address(ev->name))
		fprintf(out, " = %#llx", (unsigned long long)ev->rval);
	else if (o->paths && ev->fd_path)
		fprintf(out, " = %lld<%s>", (long long)ev->rval, ev->fd_path);
	else
		fprintf(out, " = %lld", (long long)ev->rval);
	if (verdict)
		fprintf(out, " (%s)", verdict);
	if (o->durations)
		fprintf(out, " <%.6f>", (ev->exit_ns - ev->entry_ns) / 1e9);
}

/* -tt: the wall clock at the entry, from the run's start. */
/* The time of mono_ns as -t, -tt or -ttt write it. */
static void put_time(FILE *out, uint64_t mono_ns, const struct trace_text_opts *o)
{
	uint64_t ns = o->start_real_ns + (mono_ns - o->start_mono_ns);
	time_t secs = (time_t)(ns / 1000000000u);
	unsigned long long us = ns % 1000000000u / 1000u;
	struct tm tm;

	if (o->times >= 3) {
		fprintf(out, "%lld.%06llu ", (long long)secs, us);
		return;
	}
	localtime_r(&secs, &tm);
	fprintf(out, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (o->times == 2)
		fprintf(out, ".%06llu", us);
	fputc(' ', out);
}

/* -k: the frames under the call, as strace -k puts them: " > ...". */
static void put_stack(FILE *out, const char *stack)
{
	const char *p = stack, *nl;

	while (p && *p) {
		nl = strchr(p, '\n');
		fprintf(out, " > %.*s\n", nl ? (int)(nl - p) : (int)strlen(p), p);
		p = nl ? nl + 1 : NULL;
	}
}

bool trace_text_wanted(const struct event *ev, const struct trace_text_opts *o)
{
	if (o->only == TRACE_FAILED)
		return ev->finished && ev->err;
	if (o->only == TRACE_SUCCEEDED)
		return ev->finished && !ev->err;
	return true;
}

void trace_text_event(FILE *out, const struct event *ev,
		      const struct trace_text_opts *o, const char *verdict)
{
	char *line = NULL;
	size_t len = 0;
	unsigned i, n;
	FILE *m;

	if (!trace_text_wanted(ev, o) || !(m = open_memstream(&line, &len)))
		return;
	if (o->pids)
		fprintf(m, "[pid %5d] ", (int)ev->tid);
	if (o->times)
		put_time(m, ev->entry_ns, o);
	fputs(ev->name, m);
	fputc('(', m);
	if (strcmp(ev->name, "clone") == 0 && ev->desc) {
		put_clone(m, ev);
	} else if (ev->resumes) {
		fprintf(m, "<... resuming interrupted %s ...>", ev->resumes);
	} else {
		n = ev->desc ? shown_args(ev) : 0;
		for (i = 0; i < n; i++) {
			if (split_offset_high(ev, i))
				continue;
			if (i)
				fputs(", ", m);
			put_arg(m, ev, &ev->v[i], o->paths);
		}
	}
	fputc(')', m);
	fflush(m);
	/* strace puts the " = " of a short line at column 40. */
	if (len < TRACE_RESULT_COLUMN)
		fprintf(m, "%*s", (int)(TRACE_RESULT_COLUMN - len), "");
	put_result(m, ev, o, verdict);
	fputc('\n', m);
	put_stack(m, ev->stack);
	fclose(m);
	fwrite(line, 1, len, out);
	free(line);
}

void trace_text_exit(FILE *out, pid_t pid, int status,
		     const struct trace_text_opts *o, uint64_t now_ns)
{
	char buf[32];

	if (o->pids)
		fprintf(out, "[pid %5d] ", (int)pid);
	if (o->times)
		put_time(out, now_ns, o);
	if (WIFSIGNALED(status))
		fprintf(out, "+++ killed by %s%s +++\n",
			signal_name(WTERMSIG(status), buf, sizeof(buf)),
			WCOREDUMP(status) ? " (core dumped)" : "");
	else
		fprintf(out, "+++ exited with %d +++\n", WEXITSTATUS(status));
}

/* si_code as strace names it. */
static const char *si_code_name(const siginfo_t *si, char *buf, size_t size)
{
	static const char *const cld[] = { "CLD_EXITED", "CLD_KILLED",
		"CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED" };

	switch (si->si_code) {
	case SI_USER:
		return "SI_USER";
	case SI_KERNEL:
		return "SI_KERNEL";
	case SI_QUEUE:
		return "SI_QUEUE";
	case SI_TKILL:
		return "SI_TKILL";
	case SI_TIMER:
		return "SI_TIMER";
	}
	if (si->si_signo == SIGCHLD && si->si_code >= 1 && si->si_code <= 6)
		return cld[si->si_code - 1];
	if (si->si_signo == SIGSEGV || si->si_signo == SIGBUS ||
	    si->si_signo == SIGILL || si->si_signo == SIGFPE)
		return fault_code_name(si->si_signo, si->si_code, buf, size);
	snprintf(buf, size, "%d", si->si_code);
	return buf;
}

void trace_text_signal(FILE *out, pid_t tid, const siginfo_t *si,
		       const struct trace_text_opts *o, uint64_t now_ns)
{
	char sig[32], code[32], status[32];
	bool fault = si->si_code > 0 && (si->si_signo == SIGSEGV ||
		si->si_signo == SIGBUS || si->si_signo == SIGILL ||
		si->si_signo == SIGFPE);

	if (o->pids)
		fprintf(out, "[pid %5d] ", (int)tid);
	if (o->times)
		put_time(out, now_ns, o);
	signal_name(si->si_signo, sig, sizeof(sig));
	fprintf(out, "--- %s {si_signo=%s, si_code=%s", sig, sig,
		si_code_name(si, code, sizeof(code)));
	if (si->si_signo == SIGCHLD && si->si_code > 0) {
		if (si->si_code == CLD_EXITED)
			snprintf(status, sizeof(status), "%d", si->si_status);
		else
			signal_name(si->si_status, status, sizeof(status));
		fprintf(out, ", si_pid=%d, si_uid=%u, si_status=%s, si_utime=%ld, "
			"si_stime=%ld", (int)si->si_pid, (unsigned)si->si_uid,
			status, (long)si->si_utime, (long)si->si_stime);
	} else if (fault) {
		fprintf(out, ", si_addr=%p", si->si_addr);
	} else if (si->si_code <= 0) {
		fprintf(out, ", si_pid=%d, si_uid=%u", (int)si->si_pid,
			(unsigned)si->si_uid);
	}
	fputs("} ---\n", out);
}
