/* daemonize - leave a daemon behind, as a service's start script does
 *
 * usage: daemonize MARKER
 * Forks; the child calls setsid and forks again; the grandchild writes its
 * pid to MARKER and waits for signals forever. The first two processes
 * exit at once (status 0).
 */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	FILE *f;

	if (argc != 2)
		return 2;
	if (fork() != 0)
		return 0;
	setsid();
	if (fork() != 0)
		_exit(0);
	f = fopen(argv[1], "w");
	if (!f)
		_exit(1);
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
	for (;;)
		pause();
}
