/* decode_net.c - socket addresses, message headers and i386 socketcall */
#include "decode.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/net.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "fdkind.h"
#include "syscalls.h"
#include "tracee_socket.h"
#include "ucopy.h"
#include "util.h"

/* The size of a struct sockaddr_in6 before sin6_scope_id. */
#define SIN6_LEN_RFC2133 24

/* Fill sa from len bytes of a raw socket address. */
static void sockaddr_parse(struct event *ev, struct sockaddr_info *sa,
			   const unsigned char *raw, size_t len)
{
	sa_family_t family;
	size_t off = offsetof(struct sockaddr_un, sun_path);

	memcpy(&family, raw, sizeof(family));
	sa->family = family;
	/* An IPv4 socket sends to an AF_UNSPEC address as to AF_INET. */
	if ((family == AF_INET || family == AF_UNSPEC) &&
	    len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *in = (const void *)raw;

		inet_ntop(AF_INET, &in->sin_addr, sa->addr, sizeof(sa->addr));
		sa->port = ntohs(in->sin_port);
	} else if (family == AF_INET6 && len >= SIN6_LEN_RFC2133) {
		/* The kernel takes the RFC 2133 size, without sin6_scope_id. */
		struct sockaddr_in6 in6;

		memset(&in6, 0, sizeof(in6));
		memcpy(&in6, raw, len < sizeof(in6) ? len : sizeof(in6));
		inet_ntop(AF_INET6, &in6.sin6_addr, sa->addr, sizeof(sa->addr));
		sa->port = ntohs(in6.sin6_port);
	} else if (family == AF_UNIX) {
		const char *p = (const char *)raw + off;
		size_t n = len > off ? len - off : 0;

		if (n == 0) {
			sa->unnamed = true;
			return;
		}
		sa->abstract = p[0] == '\0';
		if (sa->abstract) {
			p++;
			n--;
		} else {
			n = strnlen(p, n);
		}
		sa->path = event_strdup(ev, p, n);
		sa->path_len = sa->path ? n : 0;
	} else if (family == AF_NETLINK && len >= sizeof(struct sockaddr_nl)) {
		const struct sockaddr_nl *nl = (const void *)raw;

		snprintf(sa->addr, sizeof(sa->addr), "pid=%u,groups=%#x",
			 nl->nl_pid, nl->nl_groups);
	}
}

static enum value_status store_sockaddr(struct event *ev,
					const struct sockaddr_storage *ss,
					size_t len, struct sockaddr_info **out);

/* Read and parse a socket address of len bytes at addr. */
static enum value_status read_sockaddr(struct event *ev, uint64_t addr,
				       uint64_t len, struct sockaddr_info **out)
{
	struct sockaddr_storage ss;

	*out = NULL;
	if (!addr)
		return VAL_NULL;
	if (len < sizeof(sa_family_t) || len > 0x7fffffff)
		return VAL_EFAULT;
	if (len > sizeof(ss))
		len = sizeof(ss);
	memset(&ss, 0, sizeof(ss));
	if (ucopy(ev->tid, addr, &ss, (size_t)len) < 0)
		return VAL_EFAULT;
	return store_sockaddr(ev, &ss, (size_t)len, out);
}

/* Keep len bytes of a socket address in the event, parsed. */
static enum value_status store_sockaddr(struct event *ev,
					const struct sockaddr_storage *ss,
					size_t len, struct sockaddr_info **out)
{
	struct sockaddr_info *sa;

	sa = event_alloc(ev, sizeof(*sa));
	if (!sa)
		return VAL_UNREAD;
	memset(sa, 0, sizeof(*sa));
	sockaddr_parse(ev, sa, (const unsigned char *)ss, len);
	sa->raw = (const unsigned char *)event_strdup(ev, (const char *)ss, len);
	sa->raw_len = sa->raw ? len : 0;
	*out = sa;
	return VAL_OK;
}

void decode_sockaddr(struct event *ev, unsigned i)
{
	struct arg_value *v = &ev->v[i];
	uint64_t len = i + 1 < SYSCALL_MAX_ARGS ? (uint32_t)ev->args[i + 1] : 0;

	v->status = read_sockaddr(ev, arg_ptr(ev, v->raw), len, &v->u.sa);
}

/* struct msghdr as a 64-bit and as a 32-bit process lays it out. */
struct msghdr64 {
	uint64_t name;
	uint32_t namelen;
	uint64_t iov;
	uint64_t iovlen;
	uint64_t control;
	uint64_t controllen;
	int32_t flags;
};

struct msghdr32 {
	uint32_t name;
	uint32_t namelen;
	uint32_t iov;
	uint32_t iovlen;
	uint32_t control;
	uint32_t controllen;
	int32_t flags;
};

void decode_msghdr(struct event *ev, unsigned i)
{
	struct arg_value *v = &ev->v[i];
	uint64_t addr = arg_ptr(ev, v->raw), name, namelen, iov, iovlen;

	if (!addr) {
		v->status = VAL_NULL;
		return;
	}
	if (abi_ptr_size(ev->abi) == 8) {
		struct msghdr64 m;

		if (ucopy(ev->tid, addr, &m, sizeof(m)) < 0)
			goto fault;
		name = m.name, namelen = m.namelen, iov = m.iov, iovlen = m.iovlen;
		v->u.msg.raw = (const unsigned char *)event_strdup(
			ev, (const char *)&m, sizeof(m));
		v->u.msg.raw_len = sizeof(m);
	} else {
		struct msghdr32 m;

		if (ucopy(ev->tid, addr, &m, sizeof(m)) < 0)
			goto fault;
		name = m.name, namelen = m.namelen, iov = m.iov, iovlen = m.iovlen;
		v->u.msg.raw = (const unsigned char *)event_strdup(
			ev, (const char *)&m, sizeof(m));
		v->u.msg.raw_len = sizeof(m);
	}
	/* The header was read, what it points to may not be: each is
	 * reported as the bad pointer it is (the kernel fails with EFAULT). */
	if (name && read_sockaddr(ev, name, namelen, &v->u.msg.sa) == VAL_EFAULT &&
	    namelen >= sizeof(sa_family_t) && namelen <= sizeof(struct sockaddr_storage))
		v->u.msg.bad_name = name;
	v->u.msg.count = (unsigned)iovlen;
	if (iov_total(ev, iov, iovlen, &v->u.msg.bytes) < 0) {
		v->u.msg.bad_iov = iov;
		v->status = VAL_TRUNCATED;
	}
	return;
fault:
	v->status = VAL_EFAULT;
}

/*
 * sendmmsg: the destination of each of the first DECODE_MMSG_MAX
 * messages (recvmmsg's addresses are written by the kernel: not read).
 */
void decode_mmsghdr(struct event *ev, unsigned i)
{
	struct arg_value *v = &ev->v[i];
	uint64_t addr = arg_ptr(ev, v->raw);
	unsigned vlen = (unsigned)ev->args[i + 1], k;
	bool wide = abi_ptr_size(ev->abi) == 8;
	size_t stride = wide ? 64 : 32;
	unsigned char *raw;

	if (!(ev->desc->classes & SC_WRITE))
		return;
	if (!addr) {
		v->status = VAL_NULL;
		return;
	}
	if (vlen > DECODE_MMSG_MAX)
		vlen = DECODE_MMSG_MAX;
	v->u.mmsg.sa = event_alloc(ev, (vlen + 1) * sizeof(*v->u.mmsg.sa));
	raw = event_alloc(ev, vlen * stride + 1);
	if (!v->u.mmsg.sa || !raw) {
		v->status = VAL_UNREAD;
		return;
	}
	v->u.mmsg.raw = raw;
	v->u.mmsg.stride = stride;
	for (k = 0; k < vlen; k++) {
		uint64_t name, namelen;

		if (ucopy(ev->tid, addr + k * stride, raw + k * stride, stride) < 0)
			break;
		if (wide) {
			const struct msghdr64 *m = (const void *)(raw + k * stride);

			name = m->name, namelen = m->namelen;
		} else {
			const struct msghdr32 *m = (const void *)(raw + k * stride);

			name = m->name, namelen = m->namelen;
		}
		v->u.mmsg.sa[k] = NULL;
		if (name)
			read_sockaddr(ev, name, namelen, &v->u.mmsg.sa[k]);
	}
	v->u.mmsg.n = k;
	if (k < vlen && k == 0)
		v->status = VAL_EFAULT;
}

/* socketcall sub-calls that i386 has no system call of its own for. */
static const struct syscall_desc legacy_calls[] = {
	{ "accept", SC_NET | SC_DESC, 3, { ARG_FD, ARG_PTR, ARG_PTR } },
	{ "send", SC_NET | SC_DESC | SC_WRITE, 4,
	  { ARG_FD, ARG_WBUF, ARG_SIZE, ARG_HEX } },
	{ "recv", SC_NET | SC_DESC | SC_READ, 4,
	  { ARG_FD, ARG_RBUF, ARG_SIZE, ARG_HEX } },
};

/* Sub-call numbers (SYS_SOCKET = 1 ...) and their argument counts. */
static const struct {
	const char *name;
	unsigned nargs;
} subcalls[] = {
	[SYS_SOCKET] = { "socket", 3 },		[SYS_BIND] = { "bind", 3 },
	[SYS_CONNECT] = { "connect", 3 },	[SYS_LISTEN] = { "listen", 2 },
	[SYS_ACCEPT] = { "accept", 3 },
	[SYS_GETSOCKNAME] = { "getsockname", 3 },
	[SYS_GETPEERNAME] = { "getpeername", 3 },
	[SYS_SOCKETPAIR] = { "socketpair", 4 },	[SYS_SEND] = { "send", 4 },
	[SYS_RECV] = { "recv", 4 },		[SYS_SENDTO] = { "sendto", 6 },
	[SYS_RECVFROM] = { "recvfrom", 6 },	[SYS_SHUTDOWN] = { "shutdown", 2 },
	[SYS_SETSOCKOPT] = { "setsockopt", 5 },
	[SYS_GETSOCKOPT] = { "getsockopt", 5 },
	[SYS_SENDMSG] = { "sendmsg", 3 },	[SYS_RECVMSG] = { "recvmsg", 3 },
	[SYS_ACCEPT4] = { "accept4", 4 },	[SYS_RECVMMSG] = { "recvmmsg", 5 },
	[SYS_SENDMMSG] = { "sendmmsg", 4 },
};

static const struct syscall_desc *subcall_desc(const char *name)
{
	int nr = syscall_number(ABI_I386, name);
	size_t i;

	if (nr >= 0)
		return syscall_lookup(ABI_I386, (unsigned)nr);
	for (i = 0; i < ARRAY_SIZE(legacy_calls); i++)
		if (strcmp(legacy_calls[i].name, name) == 0)
			return &legacy_calls[i];
	return NULL;
}

/*
 * i386 socketcall(call, args): read the sub-call's arguments and turn the
 * event into that call, so that it is decoded, counted and judged exactly
 * like the direct system call.
 */
void decode_socketcall(struct event *ev)
{
	uint64_t call = (uint32_t)ev->args[0];
	uint32_t sub[SYSCALL_MAX_ARGS];
	const struct syscall_desc *desc;
	unsigned i;
	bool bad;

	if (call >= ARRAY_SIZE(subcalls) || !subcalls[call].name)
		return;
	desc = subcall_desc(subcalls[call].name);
	if (!desc)
		return;
	memset(sub, 0, sizeof(sub));
	/* The call is known from the register even when its arguments
	 * cannot be read: it is still counted under its own name. */
	bad = ucopy(ev->tid, (uint32_t)ev->args[1], sub,
		    subcalls[call].nargs * sizeof(uint32_t)) < 0;
	ev->desc = desc;
	ev->name = desc->name;
	ev->via_socketcall = true;
	for (i = 0; i < SYSCALL_MAX_ARGS; i++) {
		ev->args[i] = sub[i];
		ev->v[i].type = i < desc->nargs ? desc->arg[i] : ARG_NONE;
		ev->v[i].raw = sub[i];
		ev->v[i].status = bad ? VAL_EFAULT : VAL_OK;
	}
}

/* --- at the exit stop ----------------------------------------------------- */

/* The inode of the socket fd refers to ("socket:[N]"), or 0. */
static uint64_t socket_inode(pid_t tid, int fd)
{
	enum fd_kind kind;
	uint64_t ino;

	if (fdkind_get(tid, fd, &kind, &ino) < 0 || kind != FD_SOCKET)
		return 0;
	return ino;
}

/* The peer of the tracee's socket fd, read through a copy of it. */
static void peer_of(struct event *ev, int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int copy = tracee_fd_dup(ev->pid, fd), rc;

	if (copy < 0)
		return;
	memset(&ss, 0, sizeof(ss));
	rc = getpeername(copy, (struct sockaddr *)&ss, &len);
	close(copy);
	if (rc == 0 && len >= sizeof(sa_family_t))
		store_sockaddr(ev, &ss, len, &ev->peer);
}

/* recvfrom: the source address the kernel wrote, when asked for. */
static void recvfrom_source(struct event *ev)
{
	uint64_t addr = arg_ptr(ev, ev->args[4]);
	uint64_t lenp = arg_ptr(ev, ev->args[5]);
	uint32_t len;

	if (!addr || !lenp || ucopy(ev->tid, lenp, &len, sizeof(len)) < 0)
		return;
	read_sockaddr(ev, addr, len, &ev->peer);
}

/* sendmmsg, recvmmsg: the msg_len of each message done. */
static void mmsg_bytes(struct event *ev)
{
	uint64_t addr = arg_ptr(ev, ev->args[1]);
	bool wide = abi_ptr_size(ev->abi) == 8;
	size_t stride = wide ? 64 : 32, hdr = wide ? 56 : 28;
	int64_t k;

	for (k = 0; addr && k < ev->rval && k < 1024; k++) {
		uint32_t len;

		if (ucopy(ev->tid, addr + (uint64_t)k * stride + hdr, &len,
			  sizeof(len)) < 0)
			break;
		ev->mmsg_bytes += len;
	}
}

/* Calls that move bytes through a descriptor (argument 0): always a
 * socket's (send, recv...), or maybe one (read, write, readv, writev:
 * looked at only when ev->rw_socket says so). */
static bool moves_bytes(const struct event *ev)
{
	static const char *const names[] = {
		"send", "recv", "sendto", "recvfrom", "sendmsg", "recvmsg",
		"sendmmsg", "recvmmsg", NULL
	};
	const char *name = ev->desc->name;
	const char *const *n;

	if (ev->fd_kind)	/* a write: already looked at */
		return ev->fd_kind == FD_SOCKET;
	if (!strcmp(name, "read") || !strcmp(name, "write") ||
	    !strcmp(name, "readv") || !strcmp(name, "writev"))
		return ev->rw_socket;
	for (n = names; *n; n++)
		if (strcmp(*n, name) == 0)
			return true;
	return false;
}

void decode_socket_exit(struct event *ev)
{
	const char *name = ev->desc->name;
	int fd = arg_int(ev->args[0]);

	if (strcmp(name, "connect") == 0) {
		if (!ev->err || ev->err == EINPROGRESS)
			ev->sock_ino = socket_inode(ev->tid, fd);
	} else if (strncmp(name, "accept", 6) == 0) {
		if (ev->err || ev->rval < 0 || ev->rval > INT32_MAX)
			return;
		ev->sock_ino = socket_inode(ev->tid, (int)ev->rval);
		if (ev->sock_ino)
			peer_of(ev, (int)ev->rval);
	} else if (!ev->err && ev->rval > 0 && moves_bytes(ev)) {
		/* One fstatat tells a socket from a file or a pipe. */
		if (!ev->sock_ino)
			ev->sock_ino = socket_inode(ev->tid, fd);
		if (!ev->sock_ino)
			return;
		if (strcmp(name, "recvfrom") == 0)
			recvfrom_source(ev);
		else if (strstr(name, "mmsg"))
			mmsg_bytes(ev);
	}
}
