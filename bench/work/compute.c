/* compute N MS: N threads at once, each computing for MS ms of its own CPU
 * time, with no system call but clock_gettime (vDSO). What a tracer that
 * keeps them on one CPU would cost them. */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

static double budget_ms;

static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void *compute(void *arg)
{
	volatile unsigned long x = 0;

	(void)arg;
	while (cpu_ms() < budget_ms)
		for (int i = 0; i < 100000; i++)
			x++;
	return NULL;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 2, i;
	pthread_t *t;

	budget_ms = argc > 2 ? atof(argv[2]) : 500;
	t = calloc((size_t)n, sizeof(*t));
	if (!t)
		return 1;
	for (i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, compute, NULL) != 0)
			return 1;
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	return 0;
}
