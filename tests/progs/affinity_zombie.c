/* affinity_zombie - what sched_getaffinity says of a child that has ended
 * and is not yet waited for
 *
 * usage: affinity_zombie
 * Forks a child that exits at once, lets it end (waitid WNOWAIT), then
 * prints how many CPUs sched_getaffinity gives for it ("zombie N") and
 * waits for it. Natively and under a tracer the line must be the same.
 */
#include <sched.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	siginfo_t si;
	cpu_set_t s;
	pid_t child = fork();

	if (child < 0)
		return 1;
	if (child == 0)
		_exit(0);
	if (waitid(P_PID, (id_t)child, &si, WEXITED | WNOWAIT) < 0)
		return 1;
	if (sched_getaffinity(child, sizeof(s), &s) < 0)
		printf("zombie error\n");
	else
		printf("zombie %d\n", CPU_COUNT(&s));
	return waitpid(child, NULL, 0) == child ? 0 : 1;
}
