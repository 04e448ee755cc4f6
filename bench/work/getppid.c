/* getppid N: N getppid calls, which no tracer traces by default. */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000, i, sum = 0;

	for (i = 0; i < n; i++)
		sum += syscall(SYS_getppid);
	return sum == 0;
}
