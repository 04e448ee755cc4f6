/* sleeper - three processes that sleep for ever, and ignore SIGTERM,
 * SIGINT and SIGHUP
 *
 * usage: sleeper DIR
 * The program forks a child, which forks a grandchild; each creates the
 * file DIR/ready.PID once it is there, then sleeps in a loop.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static void ready(const char *dir)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/ready.%d", dir, (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd >= 0)
		close(fd);
}

int main(int argc, char **argv)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	int level;

	if (argc != 2)
		return 2;
	signal(SIGTERM, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	for (level = 0; level < 2; level++) {
		pid_t pid = fork();

		if (pid < 0)
			return 1;
		if (pid > 0)
			break;
	}
	ready(argv[1]);
	for (;;)
		nanosleep(&ts, NULL);
}
