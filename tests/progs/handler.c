/* handler - exits 3 from its SIGTERM/SIGINT/SIGHUP handler
 *
 * usage: handler READY_FILE
 * Creates READY_FILE once its handlers are in place, then waits. On a
 * signal it writes "handled SIGNUM" to stdout and exits 3: a program
 * that cleans up when it is interrupted.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void on_signal(int sig)
{
	char line[32];
	int n = snprintf(line, sizeof(line), "handled %d\n", sig);

	if (write(STDOUT_FILENO, line, (size_t)n) < 0)
		_exit(4);
	_exit(3);
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	int fd;

	if (argc != 2)
		return 2;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	fd = open(argv[1], O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return 1;
	close(fd);
	for (;;)
		pause();
}
