/* tracee_socket.c - what a socket of the traced program is bound or
 * connected to, read through a copy of its descriptor */
#include "tracee_socket.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ops.h"

int tracee_fd_dup(pid_t pid, int fd)
{
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0), copy;

	if (pidfd < 0)
		return -errno;
	copy = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	if (copy < 0)
		copy = -errno;
	close(pidfd);
	return copy;
}

static bool inet_addr_of(const struct sockaddr_storage *ss, struct op *op)
{
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)ss;

		op->family = FAM_INET;
		inet_ntop(AF_INET, &in->sin_addr, op->addr, sizeof(op->addr));
		op->port = ntohs(in->sin_port);
		return true;
	}
	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;

		op->family = FAM_INET6;
		inet_ntop(AF_INET6, &in6->sin6_addr, op->addr, sizeof(op->addr));
		op->port = ntohs(in6->sin6_port);
		if (strncmp(op->addr, "::ffff:", 7) == 0 && strchr(op->addr, '.')) {
			op->family = FAM_INET;
			memmove(op->addr, op->addr + 7, strlen(op->addr + 7) + 1);
		}
		return true;
	}
	return false;
}

bool tracee_socket_addr(pid_t pid, int fd, bool peer, struct op *op)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int copy = tracee_fd_dup(pid, fd), rc;

	if (copy < 0)
		return false;
	memset(&ss, 0, sizeof(ss));
	rc = peer ? getpeername(copy, (struct sockaddr *)&ss, &len)
		  : getsockname(copy, (struct sockaddr *)&ss, &len);
	close(copy);
	if (rc < 0)
		return false;
	memset(op, 0, sizeof(*op));
	op->cat = CAT_NET;
	op->arg = -1;
	op->dirfd_arg = -1;
	return inet_addr_of(&ss, op);
}
