/* vfork_sleep - a parent held in vfork while its child sleeps
 *
 * usage: vfork_sleep READY_FILE
 * The child of vfork ignores SIGTERM, SIGINT and SIGHUP, creates
 * READY_FILE and sleeps (60 s at most) before it executes /bin/true:
 * all that time its parent is blocked in vfork. Exits 0 when the child
 * exited 0 in the end.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec tick = { 0, 50 * 1000 * 1000 };
	char *true_argv[] = { "true", NULL };
	int status, fd, i;
	pid_t pid;

	if (argc != 2)
		return 2;
	pid = vfork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		signal(SIGTERM, SIG_IGN);
		signal(SIGINT, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
		fd = open(argv[1], O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd >= 0)
			close(fd);
		for (i = 0; i < 1200; i++)
			nanosleep(&tick, NULL);
		execv("/bin/true", true_argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return 1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
