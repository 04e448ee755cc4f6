/* bound_outside - a program bound to a CPU by someone else while it runs
 *
 * usage: bound_outside PIDFILE GOFILE
 * Writes its pid to PIDFILE, waits (up to 10 s) for GOFILE to exist (the
 * caller binds it meanwhile, with taskset -p), then starts a thread. The
 * thread, then the main thread, print how many CPUs sched_getaffinity
 * gives them ("thread N", "main N") and /proc's Cpus_allowed_list of both
 * ("proc MAIN THREAD"). Natively and under a tracer the lines must say the
 * same binding.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cpus.h"

static pid_t thread_tid;

static void *thread(void *arg)
{
	char *mine = arg;

	thread_tid = (pid_t)syscall(SYS_gettid);
	printf("thread %d\n", cpus_told());
	cpus_allowed(thread_tid, mine);
	return NULL;
}

int main(int argc, char **argv)
{
	char main_cpus[CPUS_LIST_SIZE], thread_cpus[CPUS_LIST_SIZE];
	pthread_t t;
	FILE *f;
	int i;

	if (argc != 3)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!(f = fopen(argv[1], "w")))
		return 1;
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
	for (i = 0; i < 1000 && access(argv[2], F_OK) != 0; i++)
		usleep(10000);
	if (pthread_create(&t, NULL, thread, thread_cpus) != 0)
		return 1;
	pthread_join(t, NULL);
	printf("main %d\n", cpus_told());
	cpus_allowed((pid_t)syscall(SYS_gettid), main_cpus);
	printf("proc %s %s\n", main_cpus, thread_cpus);
	return 0;
}
