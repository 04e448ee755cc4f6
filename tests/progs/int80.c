/* int80 - i386 system calls
 *
 * usage: int80 FILE [MISSING]
 *
 * Built for x86_64 (by make): a 64-bit program that makes 32-bit calls
 * with "int $0x80", their strings in memory below 4 GiB (MAP_32BIT):
 *   i386 open(FILE, O_WRONLY|O_APPEND)  (eax=5)
 *   i386 write(fd, "int80\n", 6)        (eax=4)
 *   i386 close(fd)                      (eax=6)
 *   i386 open(MISSING, O_RDONLY)        -> ENOENT, when MISSING is given
 *   i386 socketcall(SYS_CONNECT, args)  -> EFAULT: args points at a page
 *                                          that is not mapped (eax=102)
 * Exits 77 when the kernel has no 32-bit system calls (ENOSYS).
 *
 * Built with -m32 (by tests/e2e/int80.sh): a real i386 program making
 * the same open, write and close, then, through socketcall(2), one
 * connect to a TCP listener on 127.0.0.1 that it made itself (-> 0) and
 * one to a port bound but not listening (-> ECONNREFUSED). It prints
 * "ok PORT REFUSED-PORT".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NR32_WRITE 4
#define NR32_OPEN 5
#define NR32_CLOSE 6
#define NR32_SOCKETCALL 102
#define SYS_CONNECT_CALL 3

#if defined(__x86_64__)

static long int80(long nr, long a, long b, long c)
{
	long ret;

	/* The kernel clears r8-r11 on the way back from a 32-bit call. */
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c)
			 : "memory", "r8", "r9", "r10", "r11");
	return ret;
}

int main(int argc, char **argv)
{
	char *low;
	long fd, n;

	if (argc < 2 || strlen(argv[1]) > 1000 ||
	    (argc > 2 && strlen(argv[2]) > 1000))
		return 2;
	low = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (low == MAP_FAILED || (unsigned long)low > 0xffffffffUL - 4096)
		return 1;
	strcpy(low, argv[1]);
	strcpy(low + 1024, "int80\n");
	if (argc > 2)
		strcpy(low + 2048, argv[2]);
	fd = int80(NR32_OPEN, (long)low, O_WRONLY | O_APPEND, 0);
	if (fd == -ENOSYS)
		return 77;
	if (fd < 0)
		return 1;
	n = int80(NR32_WRITE, fd, (long)(low + 1024), 6);
	if (int80(NR32_CLOSE, fd, 0, 0) != 0 || n != 6)
		return 1;
	if (argc > 2 && int80(NR32_OPEN, (long)(low + 2048), O_RDONLY, 0) != -ENOENT)
		return 1;
	/* The page after the one we own is not mapped (MAP_32BIT leaves
	 * room), and neither the kernel nor a tracer can read it. */
	munmap(low, 4096);
	if (int80(NR32_SOCKETCALL, SYS_CONNECT_CALL, (long)low, 0) != -EFAULT)
		return 1;
	return 0;
}

#elif defined(__i386__)

#include <arpa/inet.h>
#include <linux/net.h>
#include <netinet/in.h>
#include <sys/socket.h>

static int port_of(int fd)
{
	struct sockaddr_in in;
	socklen_t len = sizeof(in);

	if (getsockname(fd, (struct sockaddr *)&in, &len) < 0)
		return -1;
	return ntohs(in.sin_port);
}

static int bound(int listen_too)
{
	struct sockaddr_in in;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&in, 0, sizeof(in));
	in.sin_family = AF_INET;
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&in, sizeof(in)) < 0 ||
	    (listen_too && listen(fd, 4) < 0))
		return -1;
	return fd;
}

/* connect through socketcall, whatever the C library would use. */
static long sc_connect(int port)
{
	struct sockaddr_in in;
	unsigned long args[3];
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	long rc;

	memset(&in, 0, sizeof(in));
	in.sin_family = AF_INET;
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	in.sin_port = htons((unsigned short)port);
	args[0] = (unsigned long)fd;
	args[1] = (unsigned long)&in;
	args[2] = sizeof(in);
	rc = syscall(SYS_socketcall, SYS_CONNECT, args);
	if (rc < 0)
		rc = -errno;
	close(fd);
	return rc;
}

int main(int argc, char **argv)
{
	long fd, n;
	int l, l2;

	if (argc < 2)
		return 2;
	fd = syscall(SYS_open, argv[1], O_WRONLY | O_APPEND);
	if (fd < 0)
		return 1;
	n = syscall(SYS_write, fd, "int80\n", 6);
	if (syscall(SYS_close, fd) != 0 || n != 6)
		return 1;
	if (argc > 2 && syscall(SYS_open, argv[2], O_RDONLY) != -1)
		return 1;
	l = bound(1);
	l2 = bound(0);
	if (l < 0 || l2 < 0)
		return 1;
	if (sc_connect(port_of(l)) != 0 || sc_connect(port_of(l2)) != -ECONNREFUSED)
		return 1;
	printf("ok %d %d\n", port_of(l), port_of(l2));
	return 0;
}

#else
int main(void)
{
	return 77;
}
#endif
