/* vforkexec - vfork twice: a child whose execve fails (ENOENT) and exits
 * 42, then a child that executes a program
 *
 * usage: vforkexec PROGRAM [ARGS...]
 * Exits with the second child's exit code plus 10, or 1 when the first
 * child did not exit 42.
 */
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int run(char *path, char **argv)
{
	int status;
	pid_t pid = vfork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execve(path, argv, environ);
		_exit(42);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	char *none[] = { "/nonexistent/gobox-no-such-program", NULL };
	int code;

	if (argc < 2)
		return 2;
	if (run(none[0], none) != 42)
		return 1;
	code = run(argv[1], argv + 1);
	return code < 0 ? 1 : code + 10;
}
