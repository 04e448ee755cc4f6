/* getppid_loop - N getppid calls, for measuring the cost of tracing
 *
 * usage: getppid_loop N
 */
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
	long i;

	for (i = 0; i < n; i++)
		getppid();
	return 0;
}
