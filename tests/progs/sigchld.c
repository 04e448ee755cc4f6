/* sigchld - a parent waits for SIGCHLD in sigsuspend
 *
 * usage: sigchld
 * SIGCHLD is blocked and handled; the parent forks a child that exits 9
 * after 50 ms, and waits in sigsuspend with SIGCHLD unblocked. When the
 * handler has run it reaps the child and prints "child exited 9".
 * Exits 0 then, 1 when something else happened (an alarm ends it after
 * 20 s: nothing waits for ever).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got_chld;

static void on_chld(int sig)
{
	(void)sig;
	got_chld = 1;
}

int main(void)
{
	struct timespec wait = { 0, 50 * 1000 * 1000 };
	struct sigaction sa;
	sigset_t block, during;
	int status;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &during);
	sigdelset(&during, SIGCHLD);
	alarm(20);
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		nanosleep(&wait, NULL);
		_exit(9);
	}
	while (!got_chld)
		sigsuspend(&during);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 1;
	printf("child exited %d\n", WEXITSTATUS(status));
	return WEXITSTATUS(status) == 9 ? 0 : 1;
}
