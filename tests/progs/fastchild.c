/* fastchild - children that end at once, from parents forking together
 *
 * usage: fastchild PARENTS CHILDREN
 * PARENTS processes each fork CHILDREN children that exit 0 at once; a
 * child's end can then reach the tracer before its parent's fork event.
 * Every process is reaped. Exits 0.
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void reap_all(void)
{
	while (wait(NULL) > 0)
		;
}

int main(int argc, char **argv)
{
	int parents, children, p, c;

	if (argc != 3)
		return 2;
	parents = atoi(argv[1]);
	children = atoi(argv[2]);
	for (p = 0; p < parents; p++) {
		if (fork() != 0)
			continue;
		for (c = 0; c < children; c++)
			if (fork() == 0)
				_exit(0);
		reap_all();
		_exit(0);
	}
	reap_all();
	return 0;
}
