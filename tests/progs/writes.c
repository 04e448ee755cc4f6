/* writes - a known number of each write call, by raw system call
 *
 * usage: writes N
 * To /dev/null: 2 writev (3 vectors, 6 bytes), 2 pwrite64 (4 bytes at
 * offset 10), 1 pwritev (2 vectors, 5 bytes), 1 pwritev2 (2 vectors,
 * 5 bytes, flags 0), one write to a closed descriptor (EBADF), then N
 * write calls of 1 byte. Nothing else is written: the program is silent.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct iovec v3[3] = {
		{ (void *)"a", 1 }, { (void *)"bc", 2 }, { (void *)"def", 3 }
	};
	struct iovec v2[2] = { { (void *)"gh", 2 }, { (void *)"ijk", 3 } };
	long n, i, bad = 0;
	int fd;

	if (argc != 2 || (n = strtol(argv[1], NULL, 10)) < 0)
		return 2;
	fd = open("/dev/null", O_WRONLY);
	if (fd < 0)
		return 1;
	for (i = 0; i < 2; i++) {
		bad += syscall(SYS_writev, fd, v3, 3) != 6;
		bad += syscall(SYS_pwrite64, fd, "wxyz", 4, 10) != 4;
	}
	bad += syscall(SYS_pwritev, fd, v2, 2, 0, 0) != 5;
	bad += syscall(SYS_pwritev2, fd, v2, 2, 0, 0, 0) != 5;
	/* Descriptor 99 is not open. */
	bad += syscall(SYS_write, 99, "x", 1) != -1;
	for (i = 0; i < n; i++)
		bad += syscall(SYS_write, fd, "x", 1) != 1;
	return bad ? 1 : 0;
}
