/* forkbomb - a bounded fork bomb
 *
 * usage: forkbomb DEPTH
 * Every process forks two children until DEPTH levels (2^(DEPTH+1) - 1
 * processes in all), then each waits for its children; the leaves sleep
 * 0.5 s. Exits 0.
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int depth = argc == 2 ? atoi(argv[1]) : 0, level = 0;

	while (level < depth) {
		if (fork() == 0 || fork() == 0) {
			level++;
			continue;
		}
		while (wait(NULL) > 0)
			;
		return 0;
	}
	usleep(500 * 1000);
	return 0;
}
