/* exit_status - end in a chosen way
 *
 * usage: exit_status code N ...     exit(N); more arguments are ignored
 *        exit_status kill           SIGKILL to itself
 *        exit_status segv           a real invalid memory access (SIGSEGV)
 *        exit_status abort          abort() (SIGABRT)
 *        exit_status raise SIG      raise signal number SIG
 *        exit_status thread-exit N  a second thread calls exit_group(N)
 *                                   while the main thread waits in pause()
 *        exit_status main-first N   the main thread ends (pthread_exit)
 *                                   first, then a second thread calls
 *                                   exit_group(N)
 *        exit_status thread-segv    a second thread faults (SIGSEGV)
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int code;
static const char *how;

static void fault(void)
{
	volatile int *volatile p = (int *)16;

	signal(SIGSEGV, SIG_DFL);
	*p = 1;
}

static void *second(void *arg)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	(void)arg;
	/* For main-first: long enough for the main thread to be gone. */
	nanosleep(&ts, NULL);
	if (strcmp(how, "thread-segv") == 0)
		fault();
	syscall(SYS_exit_group, code);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th;

	if (argc >= 3 && strcmp(argv[1], "code") == 0)
		exit(atoi(argv[2]));
	if (argc == 2 && strcmp(argv[1], "kill") == 0)
		kill(getpid(), SIGKILL);
	if (argc == 2 && strcmp(argv[1], "segv") == 0)
		fault();
	if (argc == 2 && strcmp(argv[1], "abort") == 0)
		abort();
	if (argc == 3 && strcmp(argv[1], "raise") == 0) {
		signal(atoi(argv[2]), SIG_DFL);
		raise(atoi(argv[2]));
	}
	if (argc >= 2 && (strcmp(argv[1], "thread-exit") == 0 ||
			  strcmp(argv[1], "main-first") == 0 ||
			  strcmp(argv[1], "thread-segv") == 0)) {
		how = argv[1];
		code = argc > 2 ? atoi(argv[2]) : 0;
		if (pthread_create(&th, NULL, second, NULL) != 0)
			return 100;
		if (strcmp(how, "main-first") == 0)
			pthread_exit(NULL);
		for (;;)
			pause();
	}
	return 100;
}
