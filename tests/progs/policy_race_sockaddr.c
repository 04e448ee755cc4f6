/* policy_race_sockaddr - an address that changes while it is connected to
 *
 * usage: policy_race_sockaddr N
 * Listens on 127.0.0.1:P and 127.0.0.2:P (the same port). One thread
 * flips the last byte of a sockaddr_in between 127.0.0.1 and 127.0.0.2
 * without pause; the main thread connects a new TCP socket to it N
 * times, and after each connect accepts what each listener got.
 * Prints:
 *   port=P
 *   connected=N      connects that succeeded
 *   refused=N        connects that failed with EACCES
 *   other=N          connects that failed otherwise
 *   accepted-1=N     connections the 127.0.0.1 listener accepted
 *   accepted-2=N     connections the 127.0.0.2 listener accepted
 * Exits 77 when it cannot listen on both addresses with one port.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in target;
static volatile int stop;

static void *flipper(void *arg)
{
	unsigned char *last = (unsigned char *)&target.sin_addr.s_addr + 3;

	(void)arg;
	while (!stop) {
		unsigned char c = __atomic_load_n(last, __ATOMIC_RELAXED);

		__atomic_store_n(last, c == 1 ? 2 : 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static int listener(const char *addr, int port, int *got)
{
	struct sockaddr_in in;
	socklen_t len = sizeof(in);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	memset(&in, 0, sizeof(in));
	in.sin_family = AF_INET;
	in.sin_port = htons((unsigned short)port);
	inet_pton(AF_INET, addr, &in.sin_addr);
	if (fd < 0 || bind(fd, (struct sockaddr *)&in, sizeof(in)) < 0 ||
	    listen(fd, 64) < 0 || getsockname(fd, (struct sockaddr *)&in, &len) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*got = ntohs(in.sin_port);
	return fd;
}

static unsigned long drain(int l)
{
	unsigned long n = 0;
	int c;

	while ((c = accept(l, NULL, NULL)) >= 0) {
		close(c);
		n++;
	}
	return n;
}

int main(int argc, char **argv)
{
	unsigned long ok = 0, refused = 0, other = 0, a1 = 0, a2 = 0;
	int l1 = -1, l2 = -1, port = 0, try;
	long i, n;
	pthread_t t;

	if (argc != 2)
		return 2;
	n = strtol(argv[1], NULL, 10);
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* A port free on both addresses: take one on 127.0.0.1, then the
	 * same on 127.0.0.2. */
	for (try = 0; try < 20 && l2 < 0; try++) {
		l1 = listener("127.0.0.1", 0, &port);
		if (l1 < 0)
			return 1;
		l2 = listener("127.0.0.2", port, &port);
		if (l2 < 0)
			close(l1);
	}
	if (l2 < 0)
		return 77;
	printf("port=%d\n", port);
	memset(&target, 0, sizeof(target));
	target.sin_family = AF_INET;
	target.sin_port = htons((unsigned short)port);
	inet_pton(AF_INET, "127.0.0.1", &target.sin_addr);
	if (pthread_create(&t, NULL, flipper, NULL) != 0)
		return 1;
	for (i = 0; i < n; i++) {
		int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

		if (s < 0)
			return 1;
		if (connect(s, (struct sockaddr *)&target, sizeof(target)) == 0)
			ok++;
		else if (errno == EACCES)
			refused++;
		else
			other++;
		close(s);
		a1 += drain(l1);
		a2 += drain(l2);
	}
	stop = 1;
	pthread_join(t, NULL);
	usleep(50 * 1000);
	a1 += drain(l1);
	a2 += drain(l2);
	printf("connected=%lu\nrefused=%lu\nother=%lu\naccepted-1=%lu\n"
	       "accepted-2=%lu\n", ok, refused, other, a1, a2);
	return 0;
}
