/* cpu_hungry - threads that compute side by side
 *
 * usage: cpu_hungry [THREADS [MS [calls]]]
 * Starts THREADS threads (2) that each compute for MS ms of their own CPU
 * time (400), making no system call meanwhile but clock_gettime (vDSO) and,
 * every 20 ms of it, a look at its own Cpus_allowed_list in /proc. Each
 * prints "wide" if one of those looks saw more than one CPU, else
 * "narrow". With "calls", one more thread writes a byte to /dev/null
 * again and again (a traced call each time) until they are done.
 * Natively on a machine of several CPUs every thread is wide; a tracer
 * that keeps such threads on one CPU makes them narrow.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <time.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cpus.h"

static double budget_ms;
static volatile int done;

static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Does this thread's Cpus_allowed_list name more than one CPU? */
static int wide_now(void)
{
	char list[CPUS_LIST_SIZE];

	cpus_allowed((pid_t)syscall(SYS_gettid), list);
	return strpbrk(list, "-,") != NULL;
}

static void *compute(void *arg)
{
	volatile unsigned long x = 0;
	double next_look = 0;
	int wide = 0;

	(void)arg;
	while (cpu_ms() < budget_ms) {
		for (int i = 0; i < 100000; i++)
			x++;
		if (cpu_ms() >= next_look) {
			wide |= wide_now();
			next_look = cpu_ms() + 20;
		}
	}
	return (void *)(long)wide;
}

static void *call(void *arg)
{
	int fd = open("/dev/null", O_WRONLY);

	(void)arg;
	while (!done)
		if (write(fd, "x", 1) != 1)
			break;
	close(fd);
	return NULL;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2, i;
	int calls = argc > 3 && strcmp(argv[3], "calls") == 0;
	pthread_t t[64], caller;
	void *wide;

	budget_ms = argc > 2 ? atof(argv[2]) : 400;
	if (n < 1 || n > 64)
		return 2;
	if (calls && pthread_create(&caller, NULL, call, NULL) != 0)
		return 1;
	for (i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, compute, NULL) != 0)
			return 1;
	for (i = 0; i < n; i++) {
		pthread_join(t[i], &wide);
		printf("%s\n", wide ? "wide" : "narrow");
	}
	done = 1;
	if (calls)
		pthread_join(caller, NULL);
	return 0;
}
