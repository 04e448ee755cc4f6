/* connect - connect calls to listeners the program makes itself
 *
 * usage: connect DIR
 * In order, one connect each:
 *   tcp4-ok       127.0.0.1:P, a listening socket          -> 0
 *   tcp4-refused  127.0.0.1:Q, bound but not listening     -> ECONNREFUSED
 *   unix-ok       DIR/sock, a listening AF_UNIX socket     -> 0
 *   unix-missing  DIR/nosock, no such file                 -> ENOENT
 *   abstract-ok   "\0gobox-test-PID", listening            -> 0
 *   unix-unnamed  an AF_UNIX address of no name           -> EINVAL
 *   tcp6-ok       [::1]:R, listening, when IPv6 is there  -> 0
 * Prints one line per connect, "NAME PORT-OR-PATH RESULT", and
 * "tcp6-skip" when no socket can be bound to ::1.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int listener(int family, const struct sockaddr *sa, socklen_t len,
		    int listen_too)
{
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	if (bind(fd, sa, len) < 0 || (listen_too && listen(fd, 8) < 0)) {
		close(fd);
		return -1;
	}
	return fd;
}

static const char *try_connect(int family, const struct sockaddr *sa,
			       socklen_t len)
{
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0), rc;
	static char buf[64];

	if (fd < 0)
		return "no-socket";
	rc = connect(fd, sa, len);
	snprintf(buf, sizeof(buf), "%s", rc == 0 ? "0" : strerrorname_np(errno));
	close(fd);
	return buf;
}

static int port_of(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
		return -1;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

int main(int argc, char **argv)
{
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
	struct sockaddr_un un;
	socklen_t ulen;
	int l, l2;

	if (argc != 2 || strlen(argv[1]) + 10 > sizeof(un.sun_path))
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);

	memset(&in4, 0, sizeof(in4));
	in4.sin_family = AF_INET;
	in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((l = listener(AF_INET, (struct sockaddr *)&in4, sizeof(in4), 1)) < 0)
		return 1;
	in4.sin_port = htons((unsigned short)port_of(l));
	printf("tcp4-ok %d %s\n", port_of(l),
	       try_connect(AF_INET, (struct sockaddr *)&in4, sizeof(in4)));

	/* Bound but not listening: the kernel answers with a reset. */
	in4.sin_port = 0;
	if ((l2 = listener(AF_INET, (struct sockaddr *)&in4, sizeof(in4), 0)) < 0)
		return 1;
	in4.sin_port = htons((unsigned short)port_of(l2));
	printf("tcp4-refused %d %s\n", port_of(l2),
	       try_connect(AF_INET, (struct sockaddr *)&in4, sizeof(in4)));
	close(l);
	close(l2);

	memset(&un, 0, sizeof(un));
	un.sun_family = AF_UNIX;
	snprintf(un.sun_path, sizeof(un.sun_path), "%s/sock", argv[1]);
	if ((l = listener(AF_UNIX, (struct sockaddr *)&un, sizeof(un), 1)) < 0)
		return 1;
	printf("unix-ok %s %s\n", un.sun_path,
	       try_connect(AF_UNIX, (struct sockaddr *)&un, sizeof(un)));
	close(l);
	snprintf(un.sun_path, sizeof(un.sun_path), "%s/nosock", argv[1]);
	printf("unix-missing %s %s\n", un.sun_path,
	       try_connect(AF_UNIX, (struct sockaddr *)&un, sizeof(un)));

	/* Abstract: a leading NUL, and exactly as long as the length says. */
	memset(&un, 0, sizeof(un));
	un.sun_family = AF_UNIX;
	snprintf(un.sun_path + 1, sizeof(un.sun_path) - 1, "gobox-test-%d",
		 (int)getpid());
	ulen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
			   strlen(un.sun_path + 1));
	if ((l = listener(AF_UNIX, (struct sockaddr *)&un, ulen, 1)) < 0)
		return 1;
	printf("abstract-ok %s %s\n", un.sun_path + 1,
	       try_connect(AF_UNIX, (struct sockaddr *)&un, ulen));
	close(l);

	/* Only the family: an unnamed address, which connect refuses. */
	printf("unix-unnamed - %s\n",
	       try_connect(AF_UNIX, (struct sockaddr *)&un, sizeof(sa_family_t)));

	memset(&in6, 0, sizeof(in6));
	in6.sin6_family = AF_INET6;
	in6.sin6_addr = in6addr_loopback;
	if ((l = listener(AF_INET6, (struct sockaddr *)&in6, sizeof(in6), 1)) < 0) {
		printf("tcp6-skip\n");
		return 0;
	}
	in6.sin6_port = htons((unsigned short)port_of(l));
	printf("tcp6-ok %d %s\n", port_of(l),
	       try_connect(AF_INET6, (struct sockaddr *)&in6, sizeof(in6)));
	close(l);
	return 0;
}
