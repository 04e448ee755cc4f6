/* policy_int80 - the policy on the other ABIs: i386 and x32 calls
 *
 * usage: policy_int80 DENIED-FILE ALLOWED-FILE
 *
 * Built for x86_64 (by make): a 64-bit program making 32-bit calls with
 * "int $0x80" (arguments in memory below 4 GiB, from mmap MAP_32BIT) and
 * x32 calls (number | 0x40000000). It makes TCP listeners of its own on
 * 127.0.0.1 and on 127.0.0.2 (the policy refuses connects to 127.0.0.2).
 * Prints one line per attempt, "NAME RESULT" (RESULT "ok" or the errno):
 *   i386-open-denied      i386 open(DENIED-FILE)
 *   i386-open-allowed     i386 open(ALLOWED-FILE)
 *   i386-openat-denied    i386 openat(AT_FDCWD, DENIED-FILE)
 *   i386-creat-denied     i386 creat(DENIED-FILE".new")
 *   i386-socketcall-allowed / -denied   socketcall(SYS_CONNECT) to the
 *                         listener on 127.0.0.1 / 127.0.0.2
 *   i386-connect-denied   i386 connect (nr 362) to 127.0.0.2
 *   x32-open-denied       x32 open(DENIED-FILE)
 *   x32-openat-denied     x32 openat(AT_FDCWD, DENIED-FILE)
 * and at the end "accepted-allowed=N" and "accepted-denied=N", the
 * connections each listener really got (the oracle of the connects).
 * Exits 77 when the kernel runs no 32-bit calls.
 *
 * Built with -m32 (by tests/e2e/policy_int80.sh): a real i386 program
 * doing the open of DENIED-FILE and ALLOWED-FILE through the C library
 * and the two connects through socketcall(2), with the same output.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/net.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NR32_OPEN 5
#define NR32_CREAT 8
#define NR32_CLOSE 6
#define NR32_SOCKETCALL 102
#define NR32_OPENAT 295
#define NR32_CONNECT 362
#define X32_BIT 0x40000000L

static int listener(const char *addr, struct sockaddr_in *in)
{
	socklen_t len = sizeof(*in);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	memset(in, 0, sizeof(*in));
	in->sin_family = AF_INET;
	inet_pton(AF_INET, addr, &in->sin_addr);
	if (fd < 0 || bind(fd, (struct sockaddr *)in, sizeof(*in)) < 0 ||
	    listen(fd, 16) < 0 ||
	    getsockname(fd, (struct sockaddr *)in, &len) < 0)
		return -1;
	return fd;
}

/* How many connections wait at a listener. */
static int accepted(int l)
{
	int n = 0, c;

	while ((c = accept(l, NULL, NULL)) >= 0) {
		close(c);
		n++;
	}
	return n;
}

static const char *res(long rc)
{
	return rc >= 0 ? "ok" : strerrorname_np((int)-rc);
}

#if defined(__x86_64__)

static long int80(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c)
			 : "memory", "r8", "r9", "r10", "r11");
	return ret;
}

static long x32(long nr, long a, long b, long c)
{
	long rc = syscall(nr | X32_BIT, a, b, c);

	return rc < 0 ? -errno : rc;
}

static void closed(long fd)
{
	if (fd >= 0)
		close((int)fd);
}

int main(int argc, char **argv)
{
	struct sockaddr_in ok, no;
	char *low, *denied, *allowed, *creat_path;
	struct sockaddr_in *sa;
	uint32_t *args;
	long rc;
	int lok, lno, s;

	if (argc != 3 || strlen(argv[1]) > 900 || strlen(argv[2]) > 900)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	low = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (low == MAP_FAILED || (unsigned long)low > 0xffffffffUL - 8192)
		return 1;
	denied = low;
	allowed = low + 1024;
	creat_path = low + 2048;
	sa = (struct sockaddr_in *)(low + 4096);
	args = (uint32_t *)(low + 4096 + 256);
	strcpy(denied, argv[1]);
	strcpy(allowed, argv[2]);
	snprintf(creat_path, 1024, "%s.new", argv[1]);

	rc = int80(NR32_OPEN, (long)denied, O_RDONLY, 0);
	if (rc == -ENOSYS)
		return 77;
	printf("i386-open-denied %s\n", res(rc));
	if (rc >= 0)
		int80(NR32_CLOSE, rc, 0, 0);
	rc = int80(NR32_OPEN, (long)allowed, O_RDONLY, 0);
	printf("i386-open-allowed %s\n", res(rc));
	if (rc >= 0)
		int80(NR32_CLOSE, rc, 0, 0);
	rc = int80(NR32_OPENAT, AT_FDCWD, (long)denied, O_RDONLY);
	printf("i386-openat-denied %s\n", res(rc));
	if (rc >= 0)
		int80(NR32_CLOSE, rc, 0, 0);
	rc = int80(NR32_CREAT, (long)creat_path, 0644, 0);
	printf("i386-creat-denied %s\n", res(rc));
	if (rc >= 0)
		int80(NR32_CLOSE, rc, 0, 0);

	if ((lok = listener("127.0.0.1", &ok)) < 0 ||
	    (lno = listener("127.0.0.2", &no)) < 0)
		return 1;
	/* socketcall(SYS_CONNECT, {fd, sockaddr, len}), all in low memory. */
	s = socket(AF_INET, SOCK_STREAM, 0);
	*sa = ok;
	args[0] = (uint32_t)s;
	args[1] = (uint32_t)(uintptr_t)sa;
	args[2] = sizeof(*sa);
	printf("i386-socketcall-allowed %s\n",
	       res(int80(NR32_SOCKETCALL, SYS_CONNECT, (long)args, 0)));
	close(s);
	s = socket(AF_INET, SOCK_STREAM, 0);
	*sa = no;
	args[0] = (uint32_t)s;
	printf("i386-socketcall-denied %s\n",
	       res(int80(NR32_SOCKETCALL, SYS_CONNECT, (long)args, 0)));
	close(s);
	s = socket(AF_INET, SOCK_STREAM, 0);
	printf("i386-connect-denied %s\n",
	       res(int80(NR32_CONNECT, s, (long)sa, sizeof(*sa))));
	close(s);

	/* x32 pointers are 32 bits: the path in low memory. */
	rc = x32(__NR_open, (long)denied, O_RDONLY, 0);
	printf("x32-open-denied %s\n", res(rc));
	closed(rc);
	rc = x32(__NR_openat, AT_FDCWD, (long)denied, O_RDONLY);
	printf("x32-openat-denied %s\n", res(rc));
	closed(rc);

	usleep(100 * 1000);
	printf("accepted-allowed=%d\n", accepted(lok));
	printf("accepted-denied=%d\n", accepted(lno));
	return 0;
}

#elif defined(__i386__)

/* connect through socketcall, whatever the C library would use. */
static long sc_connect(const struct sockaddr_in *to)
{
	unsigned long args[3];
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	long rc;

	args[0] = (unsigned long)fd;
	args[1] = (unsigned long)to;
	args[2] = sizeof(*to);
	rc = syscall(SYS_socketcall, SYS_CONNECT, args);
	if (rc < 0)
		rc = -errno;
	close(fd);
	return rc;
}

int main(int argc, char **argv)
{
	struct sockaddr_in ok, no;
	int lok, lno, fd;

	if (argc != 3)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open(argv[1], O_RDONLY);
	printf("i386-open-denied %s\n", fd >= 0 ? "ok" : strerrorname_np(errno));
	if (fd >= 0)
		close(fd);
	fd = open(argv[2], O_RDONLY);
	printf("i386-open-allowed %s\n", fd >= 0 ? "ok" : strerrorname_np(errno));
	if (fd >= 0)
		close(fd);
	if ((lok = listener("127.0.0.1", &ok)) < 0 ||
	    (lno = listener("127.0.0.2", &no)) < 0)
		return 1;
	printf("i386-socketcall-allowed %s\n", res(sc_connect(&ok)));
	printf("i386-socketcall-denied %s\n", res(sc_connect(&no)));
	usleep(100 * 1000);
	printf("accepted-allowed=%d\n", accepted(lok));
	printf("accepted-denied=%d\n", accepted(lno));
	return 0;
}

#else
int main(void)
{
	return 77;
}
#endif
