/* clone3 - the raw clone3 system call creates a child process that
 * exits 7
 *
 * usage: clone3
 * First two calls that fail: CLONE_THREAD alone (EINVAL) and a struct at
 * an unmapped address (EFAULT). Then the real one:
 * flags CLONE_PIDFD | CLONE_PARENT_SETTID, exit_signal SIGCHLD, no new
 * stack (the child runs on a copy of the parent's, as after fork).
 * Prints "child PID pidfd-ok" and exits 0 when the child exited 7 and
 * the kernel filled in both the pidfd and the parent's tid, 1 otherwise.
 */
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	struct clone_args ca;
	pid_t ptid = 0;
	int pidfd = -1, status;
	long pid;

	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_THREAD;
	if (syscall(SYS_clone3, &ca, sizeof(ca)) != -1)
		return 1;
	if (syscall(SYS_clone3, (void *)8, sizeof(ca)) != -1)
		return 1;

	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_PIDFD | CLONE_PARENT_SETTID;
	ca.pidfd = (uint64_t)(uintptr_t)&pidfd;
	ca.parent_tid = (uint64_t)(uintptr_t)&ptid;
	ca.exit_signal = SIGCHLD;
	fflush(stdout);
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid < 0) {
		perror("clone3");
		return 77;
	}
	if (pid == 0)
		syscall(SYS_exit_group, 7);
	if (waitpid((pid_t)pid, &status, 0) != pid)
		return 1;
	printf("child %ld %s\n", pid, pidfd >= 0 && ptid == pid ? "pidfd-ok" : "bad");
	return WIFEXITED(status) && WEXITSTATUS(status) == 7 ? 0 : 1;
}
