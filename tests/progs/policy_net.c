/* policy_net - every way to reach an address, against listeners of its own
 *
 * usage: policy_net ports
 *        prints two TCP and UDP ports "PA PB" free on 127.0.0.1 and
 *        127.0.0.2 (for the test to write its policy with)
 *        policy_net run PA PB DIR
 *        the steps below, one line each "NAME RESULT" (RESULT "ok" or
 *        the errno's name), then what each listener really got
 *        policy_net accept
 *        accepts a connection from 127.0.0.1, then one from 127.0.0.2
 *        policy_net fastopen
 *        connects to a listener of its own on 127.0.0.2 with TCP Fast
 *        Open: sendto(MSG_FASTOPEN) and sendmsg(MSG_FASTOPEN) with the
 *        address on new TCP sockets, no connect(2); prints
 *        "fastopen-sendto RESULT", "fastopen-sendmsg RESULT" and
 *        "got-fastopen=N" (connections the listener accepted)
 *        policy_net spellings PA PB
 *        other spellings of 127.0.0.2:PA and 127.0.0.1:PB, each
 *        "NAME RESULT": udp-unspec (AF_UNSPEC from an IPv4 socket),
 *        udp6-mapped-len24 and tcp6-mapped-len24 (::ffff:127.0.0.2 in a
 *        24-byte sockaddr_in6), udp-any (0.0.0.0:PB), udp6-mapped-any
 *        (::ffff:0.0.0.0 port PB); then "got-udp-addr=N",
 *        "got-tcp-addr=N", "got-udp-port=N" (what its listeners got)
 *        policy_net abstract-nul NAME
 *        listeners on the abstract names NAME and NAME"\0secret", then a
 *        connect to each: "abstract-name RESULT", "abstract-name-nul RESULT"
 *        policy_net unix-link DIR
 *        a listener on DIR/s, a hard link DIR/s2 to it, a connect to the
 *        link: "link RESULT", "connect-link RESULT"
 *        policy_net relative DIR
 *        in DIR, bind the unix socket "s" by that relative name and
 *        connect to it: "bind-relative RESULT", "connect-relative RESULT"
 *        policy_net listen
 *        listen on a TCP socket never bound, "listen-unbound RESULT" and
 *        "unbound-port-after=set|0"; then on one bound to 127.0.0.1,
 *        "listen-bound RESULT"
 *
 * Listeners (made first): TCP on 127.0.0.1:PA, 127.0.0.1:PB, 127.0.0.2:PA;
 * UDP on the same three; AF_UNIX DIR/ok.sock, DIR/denied.sock; abstract
 * "gobox-ok-H" and "gobox-denied-H" (H: a hash of DIR, the same in every
 * run with the same DIR). DIR/link.sock is made a
 * symlink to DIR/denied.sock. Then, in order:
 *   tcp-allowed           connect 127.0.0.1:PA
 *   tcp-port-denied       connect 127.0.0.1:PB
 *   tcp-addr-denied       connect 127.0.0.2:PA
 *   tcp6-mapped-denied    connect [::ffff:127.0.0.2]:PA (AF_INET6 socket)
 *   tcp6-mapped-port-denied connect [::ffff:127.0.0.1]:PB
 *   udp-sendto-allowed    sendto 127.0.0.1:PA, no connect
 *   udp-sendto-denied     sendto 127.0.0.2:PA
 *   udp-sendto-port-denied sendto 127.0.0.1:PB
 *   udp-sendmsg-allowed   sendmsg with msg_name 127.0.0.1:PA
 *   udp-sendmsg-denied    sendmsg with msg_name 127.0.0.2:PA
 *   udp-sendmmsg-mixed    sendmmsg of two: 127.0.0.1:PA and 127.0.0.2:PA
 *   udp-sendmmsg-allowed  sendmmsg of two, both to 127.0.0.1:PA
 *   bind-denied           bind a TCP socket to 127.0.0.3:0
 *   unix-allowed          connect DIR/ok.sock
 *   unix-denied           connect DIR/denied.sock
 *   unix-link-denied      connect DIR/link.sock
 *   abstract-allowed      connect to "gobox-ok-H"
 *   abstract-denied       connect to "gobox-denied-H"
 * and then "got-NAME=N" for each listener: TCP connections accepted,
 * UDP datagrams received (nonblocking, after a pause).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static socklen_t in4(struct sockaddr_storage *ss, const char *addr, int port)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	in->sin_family = AF_INET;
	in->sin_port = htons((unsigned short)port);
	inet_pton(AF_INET, addr, &in->sin_addr);
	return sizeof(*in);
}

static socklen_t in6(struct sockaddr_storage *ss, const char *addr, int port)
{
	struct sockaddr_in6 *in = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	in->sin6_family = AF_INET6;
	in->sin6_port = htons((unsigned short)port);
	inet_pton(AF_INET6, addr, &in->sin6_addr);
	return sizeof(*in);
}

static socklen_t un(struct sockaddr_storage *ss, const char *path, int abstract)
{
	struct sockaddr_un *u = (struct sockaddr_un *)ss;

	memset(ss, 0, sizeof(*ss));
	u->sun_family = AF_UNIX;
	if (abstract) {
		snprintf(u->sun_path + 1, sizeof(u->sun_path) - 1, "%s", path);
		return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
				   strlen(path));
	}
	snprintf(u->sun_path, sizeof(u->sun_path), "%s", path);
	return sizeof(*u);
}

/* A listening (stream) or bound (datagram) socket, nonblocking. */
static int bound(int type, const struct sockaddr_storage *ss, socklen_t len)
{
	int fd = socket(ss->ss_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int one = 1;

	if (fd < 0)
		return -1;
	/* A port of an earlier run may still be in TIME_WAIT. */
	if (type == SOCK_STREAM && ss->ss_family != AF_UNIX)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (const struct sockaddr *)ss, len) < 0 ||
	    (type == SOCK_STREAM && listen(fd, 16) < 0)) {
		fprintf(stderr, "cannot listen: %s\n", strerror(errno));
		exit(errno == EADDRINUSE ? 77 : 1);
	}
	return fd;
}

static const char *res(int rc)
{
	return rc >= 0 ? "ok" : strerrorname_np(errno);
}

static void try_connect(const char *name, int family,
			const struct sockaddr_storage *ss, socklen_t len)
{
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0) {
		printf("%s skip\n", name);
		return;
	}
	printf("%s %s\n", name, res(connect(fd, (const struct sockaddr *)ss, len)));
	close(fd);
}

/* Connections accepted or datagrams received. */
static int got(int fd, int stream)
{
	char buf[64];
	int n = 0, c;

	if (stream)
		while ((c = accept(fd, NULL, NULL)) >= 0) {
			close(c);
			n++;
		}
	else
		while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
			n++;
	return n;
}

static int free_port(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_in in;
	socklen_t len = sizeof(in);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port, ok = 1, i, t;
	static const char *const addrs[] = { "127.0.0.1", "127.0.0.2" };

	in4(&ss, "127.0.0.1", 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&ss, sizeof(in)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&in, &len) < 0)
		exit(1);
	port = ntohs(in.sin_port);
	close(fd);
	/* Free for both kinds on both addresses? */
	for (i = 0; i < 2; i++)
		for (t = 0; t < 2; t++) {
			fd = socket(AF_INET, t ? SOCK_DGRAM : SOCK_STREAM, 0);
			len = in4(&ss, addrs[i], port);
			if (bind(fd, (struct sockaddr *)&ss, len) < 0)
				ok = 0;
			close(fd);
		}
	return ok ? port : -1;
}

static int accept_mode(void)
{
	struct sockaddr_storage ss, peer;
	socklen_t len, plen;
	int l, c, a, i;
	static const char *const from[] = { "127.0.0.1", "127.0.0.2" };

	len = in4(&ss, "127.0.0.1", 0);
	l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&ss, len) < 0 || listen(l, 4) < 0 ||
	    getsockname(l, (struct sockaddr *)&ss, &len) < 0)
		return 1;
	for (i = 0; i < 2; i++) {
		struct sockaddr_storage src;
		socklen_t slen = in4(&src, from[i], 0);

		c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (c < 0 || bind(c, (struct sockaddr *)&src, slen) < 0 ||
		    connect(c, (struct sockaddr *)&ss, len) < 0)
			return 1;
		printf("connected-from %s\n", from[i]);
		plen = sizeof(peer);
		a = accept(l, (struct sockaddr *)&peer, &plen);
		if (a < 0) {
			printf("accept %s\n", strerrorname_np(errno));
			continue;
		}
		{
			char buf[64];

			inet_ntop(AF_INET, &((struct sockaddr_in *)&peer)->sin_addr,
				  buf, sizeof(buf));
			printf("accepted %s\n", buf);
		}
		close(a);
		close(c);
	}
	printf("done\n");
	return 0;
}

static int fastopen_mode(void)
{
	struct sockaddr_storage ss;
	struct msghdr mh;
	struct iovec iov = { "x", 1 };
	socklen_t len = in4(&ss, "127.0.0.2", 0);
	int l = bound(SOCK_STREAM, &ss, len), s;

	len = sizeof(ss);
	if (getsockname(l, (struct sockaddr *)&ss, &len) < 0)
		return 1;
	s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	printf("fastopen-sendto %s\n", res((int)sendto(s, "x", 1, MSG_FASTOPEN,
						      (struct sockaddr *)&ss, len)));
	close(s);
	s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = &ss;
	mh.msg_namelen = len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	printf("fastopen-sendmsg %s\n", res((int)sendmsg(s, &mh, MSG_FASTOPEN)));
	close(s);
	usleep(100 * 1000);
	printf("got-fastopen=%d\n", got(l, 1));
	return 0;
}

/* sendto on a new datagram socket of family fam; prints "NAME RESULT". */
static void try_sendto(const char *name, int fam,
		       const struct sockaddr_storage *ss, socklen_t len)
{
	int fd = socket(fam, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0) {
		printf("%s skip\n", name);
		return;
	}
	printf("%s %s\n", name,
	       res((int)sendto(fd, "x", 1, 0, (const struct sockaddr *)ss, len)));
	close(fd);
}

/* Other spellings of the refused 127.0.0.2:PA and 127.0.0.1:PB. */
static int spellings_mode(int pa, int pb)
{
	struct sockaddr_storage ss;
	socklen_t len = in4(&ss, "127.0.0.2", pa);
	int udp_addr = bound(SOCK_DGRAM, &ss, len);
	int tcp_addr = bound(SOCK_STREAM, &ss, len);
	int udp_port;

	len = in4(&ss, "127.0.0.1", pb);
	udp_port = bound(SOCK_DGRAM, &ss, len);
	/* An IPv4 socket takes AF_UNSPEC as AF_INET. */
	len = in4(&ss, "127.0.0.2", pa);
	((struct sockaddr_in *)&ss)->sin_family = AF_UNSPEC;
	try_sendto("udp-unspec", AF_INET, &ss, len);
	/* The kernel takes an IPv6 address without its scope id. */
	in6(&ss, "::ffff:127.0.0.2", pa);
	try_sendto("udp6-mapped-len24", AF_INET6, &ss, 24);
	try_connect("tcp6-mapped-len24", AF_INET6, &ss, 24);
	/* The any address is this host. */
	len = in4(&ss, "0.0.0.0", pb);
	try_sendto("udp-any", AF_INET, &ss, len);
	len = in6(&ss, "::ffff:0.0.0.0", pb);
	try_sendto("udp6-mapped-any", AF_INET6, &ss, len);
	usleep(100 * 1000);
	printf("got-udp-addr=%d\n", got(udp_addr, 0));
	printf("got-tcp-addr=%d\n", got(tcp_addr, 1));
	printf("got-udp-port=%d\n", got(udp_port, 0));
	return 0;
}

/* In DIR: bind the unix socket "s" by its relative name, then connect
 * to it; prints "bind-relative RESULT" and "connect-relative RESULT". */
static int relative_mode(const char *dir)
{
	struct sockaddr_storage ss;
	socklen_t len = un(&ss, "s", 0);
	int l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int c = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (chdir(dir) < 0 || l < 0 || c < 0)
		return 1;
	printf("bind-relative %s\n",
	       res(bind(l, (struct sockaddr *)&ss, len) == 0 ? listen(l, 1) : -1));
	printf("connect-relative %s\n",
	       res(connect(c, (struct sockaddr *)&ss, len)));
	return 0;
}

/* Listeners on the abstract names NAME and NAME"\0secret"; connects to
 * each: "abstract-name RESULT", "abstract-name-nul RESULT". */
static int abstract_nul_mode(const char *name)
{
	struct sockaddr_storage ss;
	socklen_t len = un(&ss, name, 1), nul_len = len + 7;

	bound(SOCK_STREAM, &ss, len);
	memcpy(((struct sockaddr_un *)&ss)->sun_path + 1 + strlen(name),
	       "\0secret", 7);
	bound(SOCK_STREAM, &ss, nul_len);
	len = un(&ss, name, 1);
	try_connect("abstract-name", AF_UNIX, &ss, len);
	memcpy(((struct sockaddr_un *)&ss)->sun_path + 1 + strlen(name),
	       "\0secret", 7);
	try_connect("abstract-name-nul", AF_UNIX, &ss, nul_len);
	return 0;
}

/* In DIR: a listener on DIR/s, a hard link DIR/s2 to it, and a connect
 * to the link: "link RESULT", "connect-link RESULT". */
static int unix_link_mode(const char *dir)
{
	struct sockaddr_storage ss;
	char path[200], other[200];
	socklen_t len;
	int c = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	snprintf(path, sizeof(path), "%s/s", dir);
	snprintf(other, sizeof(other), "%s/s2", dir);
	len = un(&ss, path, 0);
	bound(SOCK_STREAM, &ss, len);
	printf("link %s\n", res(link(path, other)));
	len = un(&ss, other, 0);
	printf("connect-link %s\n", res(connect(c, (struct sockaddr *)&ss, len)));
	return 0;
}

/* listen on a TCP socket never bound (which binds it to a port of the
 * kernel's choice on every address), then on one bound to 127.0.0.1. */
static int listen_mode(void)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), b;

	printf("listen-unbound %s\n", res(listen(s, 1)));
	if (getsockname(s, (struct sockaddr *)&ss, &len) == 0)
		printf("unbound-port-after=%s\n",
		       ((struct sockaddr_in *)&ss)->sin_port ? "set" : "0");
	len = in4(&ss, "127.0.0.1", 0);
	b = bound(SOCK_STREAM, &ss, len);
	printf("listen-bound %s\n", res(b < 0 ? -1 : listen(b, 1)));
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_storage ss, dst[2];
	struct mmsghdr mm[2];
	struct msghdr mh;
	struct iovec iov = { "x", 1 };
	socklen_t len, dlen[2];
	int pa, pb, u, i, sent;
	unsigned long hash = 5381;
	int tcp_ok, tcp_port, tcp_addr, udp_ok, udp_port, udp_addr;
	int unix_ok, unix_no, abs_ok, abs_no;
	char path[200], name[64];
	const char *dir;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 2 && strcmp(argv[1], "ports") == 0) {
		int a = -1, b = -1;

		for (i = 0; i < 50 && (a < 0 || b < 0 || a == b); i++) {
			if (a < 0)
				a = free_port();
			else
				b = free_port();
		}
		if (a < 0 || b < 0 || a == b)
			return 1;
		printf("%d %d\n", a, b);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "accept") == 0)
		return accept_mode();
	if (argc == 2 && strcmp(argv[1], "fastopen") == 0)
		return fastopen_mode();
	if (argc == 2 && strcmp(argv[1], "listen") == 0)
		return listen_mode();
	if (argc == 3 && strcmp(argv[1], "abstract-nul") == 0)
		return abstract_nul_mode(argv[2]);
	if (argc == 3 && strcmp(argv[1], "unix-link") == 0)
		return unix_link_mode(argv[2]);
	if (argc == 3 && strcmp(argv[1], "relative") == 0)
		return relative_mode(argv[2]);
	if (argc == 4 && strcmp(argv[1], "spellings") == 0)
		return spellings_mode(atoi(argv[2]), atoi(argv[3]));
	if (argc != 5 || strcmp(argv[1], "run") != 0)
		return 2;
	pa = atoi(argv[2]);
	pb = atoi(argv[3]);
	dir = argv[4];
	for (i = 0; dir[i]; i++)
		hash = hash * 33 + (unsigned char)dir[i];
	hash &= 0xffffffffUL;

	len = in4(&ss, "127.0.0.1", pa);
	tcp_ok = bound(SOCK_STREAM, &ss, len);
	udp_ok = bound(SOCK_DGRAM, &ss, len);
	len = in4(&ss, "127.0.0.1", pb);
	tcp_port = bound(SOCK_STREAM, &ss, len);
	udp_port = bound(SOCK_DGRAM, &ss, len);
	len = in4(&ss, "127.0.0.2", pa);
	tcp_addr = bound(SOCK_STREAM, &ss, len);
	udp_addr = bound(SOCK_DGRAM, &ss, len);
	snprintf(path, sizeof(path), "%s/ok.sock", dir);
	len = un(&ss, path, 0);
	unix_ok = bound(SOCK_STREAM, &ss, len);
	snprintf(path, sizeof(path), "%s/denied.sock", dir);
	len = un(&ss, path, 0);
	unix_no = bound(SOCK_STREAM, &ss, len);
	snprintf(name, sizeof(name), "%s/link.sock", dir);
	if (symlink(path, name) < 0)
		return 1;
	snprintf(name, sizeof(name), "gobox-ok-%lx", hash);
	len = un(&ss, name, 1);
	abs_ok = bound(SOCK_STREAM, &ss, len);
	snprintf(name, sizeof(name), "gobox-denied-%lx", hash);
	len = un(&ss, name, 1);
	abs_no = bound(SOCK_STREAM, &ss, len);

	len = in4(&ss, "127.0.0.1", pa);
	try_connect("tcp-allowed", AF_INET, &ss, len);
	len = in4(&ss, "127.0.0.1", pb);
	try_connect("tcp-port-denied", AF_INET, &ss, len);
	len = in4(&ss, "127.0.0.2", pa);
	try_connect("tcp-addr-denied", AF_INET, &ss, len);
	len = in6(&ss, "::ffff:127.0.0.2", pa);
	try_connect("tcp6-mapped-denied", AF_INET6, &ss, len);
	len = in6(&ss, "::ffff:127.0.0.1", pb);
	try_connect("tcp6-mapped-port-denied", AF_INET6, &ss, len);

	u = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (u < 0)
		return 1;
	len = in4(&ss, "127.0.0.1", pa);
	printf("udp-sendto-allowed %s\n",
	       res((int)sendto(u, "x", 1, 0, (struct sockaddr *)&ss, len)));
	len = in4(&ss, "127.0.0.2", pa);
	printf("udp-sendto-denied %s\n",
	       res((int)sendto(u, "x", 1, 0, (struct sockaddr *)&ss, len)));
	len = in4(&ss, "127.0.0.1", pb);
	printf("udp-sendto-port-denied %s\n",
	       res((int)sendto(u, "x", 1, 0, (struct sockaddr *)&ss, len)));

	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_name = &ss;
	mh.msg_namelen = in4(&ss, "127.0.0.1", pa);
	printf("udp-sendmsg-allowed %s\n", res((int)sendmsg(u, &mh, 0)));
	mh.msg_namelen = in4(&ss, "127.0.0.2", pa);
	printf("udp-sendmsg-denied %s\n", res((int)sendmsg(u, &mh, 0)));

	memset(mm, 0, sizeof(mm));
	dlen[0] = in4(&dst[0], "127.0.0.1", pa);
	dlen[1] = in4(&dst[1], "127.0.0.2", pa);
	for (i = 0; i < 2; i++) {
		mm[i].msg_hdr.msg_iov = &iov;
		mm[i].msg_hdr.msg_iovlen = 1;
		mm[i].msg_hdr.msg_name = &dst[i];
		mm[i].msg_hdr.msg_namelen = dlen[i];
	}
	for (sent = 0; sent < 2; sent += i) {
		i = sendmmsg(u, mm + sent, 2 - (unsigned)sent, 0);
		if (i <= 0)
			break;
	}
	printf("udp-sendmmsg-mixed %s\n", i < 0 ? res(i) : sent == 2 ? "ok" : "partial");
	dlen[1] = in4(&dst[1], "127.0.0.1", pa);
	mm[1].msg_hdr.msg_namelen = dlen[1];
	/* As a careful sender does: what a sendmmsg did not send yet, it
	 * sends again (gobox-strace sends one message a call under a net
	 * policy). */
	for (sent = 0; sent < 2; sent += i) {
		i = sendmmsg(u, mm + sent, 2 - (unsigned)sent, 0);
		if (i <= 0)
			break;
	}
	printf("udp-sendmmsg-allowed %s\n", i < 0 ? res(i) : sent == 2 ? "ok" : "partial");
	close(u);

	u = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	len = in4(&ss, "127.0.0.3", 0);
	printf("bind-denied %s\n", res(bind(u, (struct sockaddr *)&ss, len)));
	close(u);

	snprintf(path, sizeof(path), "%s/ok.sock", dir);
	len = un(&ss, path, 0);
	try_connect("unix-allowed", AF_UNIX, &ss, len);
	snprintf(path, sizeof(path), "%s/denied.sock", dir);
	len = un(&ss, path, 0);
	try_connect("unix-denied", AF_UNIX, &ss, len);
	snprintf(path, sizeof(path), "%s/link.sock", dir);
	len = un(&ss, path, 0);
	try_connect("unix-link-denied", AF_UNIX, &ss, len);
	snprintf(name, sizeof(name), "gobox-ok-%lx", hash);
	len = un(&ss, name, 1);
	try_connect("abstract-allowed", AF_UNIX, &ss, len);
	snprintf(name, sizeof(name), "gobox-denied-%lx", hash);
	len = un(&ss, name, 1);
	try_connect("abstract-denied", AF_UNIX, &ss, len);

	usleep(100 * 1000);
	printf("got-tcp-allowed=%d\n", got(tcp_ok, 1));
	printf("got-tcp-port-denied=%d\n", got(tcp_port, 1));
	printf("got-tcp-addr-denied=%d\n", got(tcp_addr, 1));
	printf("got-udp-allowed=%d\n", got(udp_ok, 0));
	printf("got-udp-port-denied=%d\n", got(udp_port, 0));
	printf("got-udp-addr-denied=%d\n", got(udp_addr, 0));
	printf("got-unix-allowed=%d\n", got(unix_ok, 1));
	printf("got-unix-denied=%d\n", got(unix_no, 1));
	printf("got-abstract-allowed=%d\n", got(abs_ok, 1));
	printf("got-abstract-denied=%d\n", got(abs_no, 1));
	return 0;
}
