/* exec_thread_cpus - a thread execs while two others compute
 *
 * usage: exec_thread_cpus
 * Starts two threads that compute without end and a third that, 60 ms
 * later, execs this program again with "child". The child (one thread)
 * prints how many CPUs /proc gives it ("child N", from Cpus_allowed_list)
 * and sched_getaffinity ("told N").
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* How many CPUs a Cpus_allowed_list such as "0-1" or "3" names. */
static int listed(void)
{
	char line[256], list[128];
	int n = 0, a, b;
	char *p;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	list[0] = '\0';
	while (fgets(line, sizeof(line), f))
		sscanf(line, "Cpus_allowed_list: %127s", list);
	fclose(f);
	for (p = strtok(list, ","); p; p = strtok(NULL, ","))
		n += sscanf(p, "%d-%d", &a, &b) == 2 ? b - a + 1 : 1;
	return n;
}

int main(int argc, char **argv)
{
	pthread_t t;
	cpu_set_t s;

	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		/* Past the tracer's first look at the threads left. */
		usleep(20000);
		printf("child %d\n", listed());
		if (sched_getaffinity(0, sizeof(s), &s) == 0)
			printf("told %d\n", CPU_COUNT(&s));
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
