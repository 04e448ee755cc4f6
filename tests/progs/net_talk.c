/* net_talk - talks to itself over the loopback, with known byte counts
 *
 * usage: net_talk N M K
 * Only 127.0.0.1, ports the kernel picks. In order:
 *   a TCP listener; a client connects to it (ok) and the listener
 *   accepts; the client sends N bytes (half by send, half by write), the
 *   server receives them (recv, then read), then sends M bytes back
 *   (sendto with no address, then write), which the client receives
 *   (recvfrom with no address, then read);
 *   a non-blocking connect to the listener (its result as the kernel
 *   gives it, EINPROGRESS as a rule), never accepted;
 *   a connect to a port bound but not listening (ECONNREFUSED);
 *   a UDP datagram of K bytes by sendto to a second UDP socket of its
 *   own, received there by recvfrom with the source address.
 * Prints what it did, one line each:
 *   "listener PORT", "client PORT" (its own port, as accept sees it),
 *   "sent N", "received M", "nonblocking PORT RESULT",
 *   "refused PORT RESULT", "udp TO_PORT FROM_PORT K".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static struct sockaddr_in loopback(unsigned short port)
{
	struct sockaddr_in in;

	memset(&in, 0, sizeof(in));
	in.sin_family = AF_INET;
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	in.sin_port = htons(port);
	return in;
}

static int bound(int type, struct sockaddr_in *in)
{
	socklen_t len = sizeof(*in);
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);

	*in = loopback(0);
	if (fd < 0 || bind(fd, (struct sockaddr *)in, sizeof(*in)) < 0 ||
	    getsockname(fd, (struct sockaddr *)in, &len) < 0)
		die("bind");
	return fd;
}

static const char *result(int rc)
{
	return rc == 0 ? "ok" : strerrorname_np(errno);
}

/* Move n bytes one way: the first half by the socket call, the rest by
 * read or write, each looping until done. */
static void pump(int fd, size_t n, bool out)
{
	static char buf[65536];
	size_t done = 0, half = n / 2;

	memset(buf, 'x', sizeof(buf));
	while (done < n) {
		size_t want = (done < half ? half : n) - done;
		ssize_t k;

		if (want > sizeof(buf))
			want = sizeof(buf);
		if (done < half)
			k = out ? sendto(fd, buf, want, 0, NULL, 0)
				: recvfrom(fd, buf, want, 0, NULL, NULL);
		else
			k = out ? write(fd, buf, want) : read(fd, buf, want);
		if (k <= 0)
			die("pump");
		done += (size_t)k;
	}
}

static void tcp(size_t n, size_t m)
{
	struct sockaddr_in l, c;
	socklen_t len = sizeof(c);
	int lfd = bound(SOCK_STREAM, &l), cfd, sfd, nb;

	if (listen(lfd, 8) < 0)
		die("listen");
	printf("listener %d\n", ntohs(l.sin_port));
	cfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (cfd < 0 || connect(cfd, (struct sockaddr *)&l, sizeof(l)) < 0)
		die("connect");
	sfd = accept(lfd, (struct sockaddr *)&c, &len);
	if (sfd < 0)
		die("accept");
	printf("client %d\n", ntohs(c.sin_port));
	/* The kernel buffers both ways: no deadlock for sizes a test uses. */
	pump(cfd, n, true);
	pump(sfd, n, false);
	printf("sent %zu\n", n);
	pump(sfd, m, true);
	pump(cfd, m, false);
	printf("received %zu\n", m);

	nb = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	printf("nonblocking %d %s\n", ntohs(l.sin_port),
	       result(connect(nb, (struct sockaddr *)&l, sizeof(l))));
	close(nb);
	close(cfd);
	close(sfd);
	close(lfd);
}

static void refused(void)
{
	struct sockaddr_in a;
	int b = bound(SOCK_STREAM, &a);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	printf("refused %d %s\n", ntohs(a.sin_port),
	       result(connect(fd, (struct sockaddr *)&a, sizeof(a))));
	close(fd);
	close(b);
}

static void udp(size_t k)
{
	static char buf[65536];
	struct sockaddr_in to, from, src;
	socklen_t len = sizeof(src);
	int r = bound(SOCK_DGRAM, &to), s = bound(SOCK_DGRAM, &from);
	ssize_t got;

	memset(buf, 'u', k);
	if (sendto(s, buf, k, 0, (struct sockaddr *)&to, sizeof(to)) != (ssize_t)k)
		die("sendto");
	got = recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&src, &len);
	if (got < 0)
		die("recvfrom");
	printf("udp %d %d %zd\n", ntohs(to.sin_port), ntohs(src.sin_port), got);
	close(r);
	close(s);
}

int main(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	tcp(strtoul(argv[1], NULL, 10), strtoul(argv[2], NULL, 10));
	refused();
	udp(strtoul(argv[3], NULL, 10));
	return 0;
}
