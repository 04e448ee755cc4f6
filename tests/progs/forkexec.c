/* forkexec - fork a child that executes a program, wait for it
 *
 * usage: forkexec MODE PROGRAM [ARGS...]
 * MODE "fork": the C library's fork() (a clone call on Linux);
 * MODE "sysfork": the fork system call itself.
 * The child executes PROGRAM with argv ARGS (argv[0] = PROGRAM); the
 * parent waits and exits with the child's exit code plus 10, or 1.
 */
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	pid_t pid;
	int status;

	if (argc < 3)
		return 2;
	if (strcmp(argv[1], "sysfork") == 0)
		pid = (pid_t)syscall(SYS_fork);
	else
		pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		execve(argv[2], argv + 2, environ);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 1;
	return WEXITSTATUS(status) + 10;
}
