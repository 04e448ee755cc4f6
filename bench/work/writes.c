/* writes N: N writes of one byte to /dev/null, by raw system call. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000, i;
	int fd = open("/dev/null", O_WRONLY);

	if (fd < 0)
		return 1;
	for (i = 0; i < n; i++)
		if (syscall(SYS_write, fd, "x", 1) != 1)
			return 1;
	return 0;
}
