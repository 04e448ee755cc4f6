/* exec_thread_cpus - a thread execs while two others compute
 *
 * usage: exec_thread_cpus
 * Starts two threads that compute without end and a third that, 60 ms
 * later, execs this program again with "child". The child (one thread)
 * prints how many CPUs /proc gives it ("child N", from Cpus_allowed_list)
 * and sched_getaffinity ("told N").
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cpus.h"

static char *self;

static void *compute(void *arg)
{
	volatile unsigned long x = 0;

	for (;;)
		x++;
	return arg;
}

static void *execer(void *arg)
{
	usleep(60000);
	execl(self, self, "child", (char *)NULL);
	return arg;
}

/* How many CPUs its Cpus_allowed_list ("0-1", "3"...) names. */
static int listed(void)
{
	char list[CPUS_LIST_SIZE];
	int n = 0, a, b;
	char *p;

	cpus_allowed((pid_t)syscall(SYS_gettid), list);
	for (p = strtok(list, ","); p; p = strtok(NULL, ","))
		n += sscanf(p, "%d-%d", &a, &b) == 2 ? b - a + 1 : 1;
	return n;
}

int main(int argc, char **argv)
{
	pthread_t t;

	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		/* Past the tracer's first look at the threads left. */
		usleep(20000);
		printf("child %d\n", listed());
		printf("told %d\n", cpus_told());
		return 0;
	}
	self = realpath("/proc/self/exe", NULL);
	if (!self)
		return 1;
	pthread_create(&t, NULL, compute, NULL);
	pthread_create(&t, NULL, compute, NULL);
	pthread_create(&t, NULL, execer, NULL);
	pause();
	return 1;
}
