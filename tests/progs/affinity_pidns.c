/* affinity_pidns - what sched_getaffinity says in a PID namespace
 *
 * usage: affinity_pidns
 * Makes a PID namespace (unshare, as root or in a user namespace) and a
 * child in it, which prints how many CPUs sched_getaffinity gives it when
 * asked by pid 0, by getpid() (1 there) and by gettid(): "pid0 N",
 * "getpid N", "gettid N". Prints "no namespace" when none can be made.
 * Natively and under a tracer the lines must be the same.
 */
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int count(pid_t pid)
{
	cpu_set_t s;

	if (sched_getaffinity(pid, sizeof(s), &s) < 0)
		return -1;
	return CPU_COUNT(&s);
}

int main(void)
{
	pid_t child;
	int status;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (unshare(CLONE_NEWPID) < 0 &&
	    (unshare(CLONE_NEWUSER) < 0 || unshare(CLONE_NEWPID) < 0)) {
		printf("no namespace\n");
		return 0;
	}
	child = fork();
	if (child < 0)
		return 1;
	if (child == 0) {
		printf("pid0 %d\n", count(0));
		printf("getpid %d (pid %d)\n", count(getpid()), (int)getpid());
		printf("gettid %d\n", count((pid_t)syscall(SYS_gettid)));
		_exit(0);
	}
	if (waitpid(child, &status, 0) < 0 || !WIFEXITED(status))
		return 1;
	return WEXITSTATUS(status);
}
