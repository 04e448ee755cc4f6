/* affinity - what a program sees of its CPUs, alone and with a thread
 *
 * usage: affinity [set]
 * With "set", first binds itself to its first CPU. Prints how many CPUs
 * sched_getaffinity gives the main thread ("alone N") and its parent
 * ("parent N"); starts a thread,
 * which prints how many it gets ("thread N") and, while both live (50 ms
 * after it started, the main thread waiting for it), the
 * Cpus_allowed_list of each from /proc ("both MAIN THREAD"); after the
 * thread has ended, "after N" again. Natively and under a tracer the
 * lines from sched_getaffinity must be the same; /proc shows where the
 * tracer put the threads.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cpus.h"

static pid_t main_tid;

static void *thread(void *arg)
{
	char a[CPUS_LIST_SIZE], b[CPUS_LIST_SIZE];

	(void)arg;
	printf("thread %d\n", cpus_told());
	/* Past the tracer's first windows (placement.h). */
	usleep(50000);
	cpus_allowed(main_tid, a);
	cpus_allowed((pid_t)syscall(SYS_gettid), b);
	printf("both %s %s\n", a, b);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;

	setvbuf(stdout, NULL, _IOLBF, 0);
	main_tid = (pid_t)syscall(SYS_gettid);
	if (argc > 1 && strcmp(argv[1], "set") == 0) {
		cpu_set_t s, one;
		int i;

		if (sched_getaffinity(0, sizeof(s), &s) < 0)
			return 1;
		for (i = 0; i < CPU_SETSIZE && !CPU_ISSET(i, &s); i++)
			;
		CPU_ZERO(&one);
		CPU_SET(i, &one);
		if (sched_setaffinity(0, sizeof(one), &one) < 0)
			return 1;
	}
	printf("alone %d\n", cpus_told());
	/* Its parent: the shell, or the tracer, pinned with it at times. */
	{
		cpu_set_t s;

		if (sched_getaffinity(getppid(), sizeof(s), &s) == 0)
			printf("parent %d\n", CPU_COUNT(&s));
	}
	if (pthread_create(&t, NULL, thread, NULL) != 0)
		return 1;
	pthread_join(t, NULL);
	printf("after %d\n", cpus_told());
	return 0;
}
