/* pgsig - a program that handles SIGUSR1
 *
 * usage: pgsig READY_FILE
 * Creates READY_FILE once its handler is in place, then waits (20 s at
 * most) for SIGUSR1. Prints "got SIGUSR1 N" with the number of times the
 * handler ran, 100 ms after the first, and exits 0; exits 1 when no
 * signal came.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	(void)sig;
	got++;
}

int main(int argc, char **argv)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	struct sigaction sa;
	int fd, i;

	if (argc != 2)
		return 2;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	fd = open(argv[1], O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return 1;
	close(fd);
	for (i = 0; i < 2000 && !got; i++)
		nanosleep(&tick, NULL);
	if (!got)
		return 1;
	/* A second delivery of the same signal would come meanwhile. */
	for (i = 0; i < 10; i++)
		nanosleep(&tick, NULL);
	printf("got SIGUSR1 %d\n", (int)got);
	return 0;
}
