/* stopcont - a process stopped by SIGSTOP or SIGTSTP, continued by another
 *
 * usage: stopcont stop|tstp|sibling
 * stop:    the program forks a helper and stops itself with SIGSTOP;
 * tstp:    the helper sends it SIGTSTP; its handler prints "tstp handler
 *          ran" and stops it for real with SIGSTOP (a SIGTSTP by default
 *          would be ignored in an orphaned process group);
 * sibling: a first child stops itself, a second one continues it.
 * The helper waits (5 s at most) until the process is stopped, then sends
 * SIGCONT. The continued process prints "continued" and, through a SIGCONT
 * handler, "cont handler ran". Exits 7 when all went so, 1 otherwise.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got_cont;

static void say(const char *s)
{
	if (write(STDOUT_FILENO, s, strlen(s)) < 0)
		_exit(1);
}

static void on_tstp(int sig)
{
	(void)sig;
	say("tstp handler ran\n");
	raise(SIGSTOP);
}

static void on_cont(int sig)
{
	(void)sig;
	got_cont = 1;
}

/* Is pid stopped (T) or held by the tracer in its stop (t)? */
static int stopped(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && (p[2] == 'T' || p[2] == 't');
}

/* The helper: wait for pid to stop (5 s at most), then continue it. */
static int helper(pid_t pid, int tstp)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int i;

	if (tstp)
		kill(pid, SIGTSTP);
	for (i = 0; i < 500 && !stopped(pid); i++)
		nanosleep(&tick, NULL);
	if (i == 500)
		return 1;
	/* A moment more stopped: the tracer has seen the stop. */
	nanosleep(&tick, NULL);
	return kill(pid, SIGCONT) == 0 ? 0 : 1;
}

/* The stopped one: stop (or wait to be stopped), then say so. */
static int stop_and_go(int tstp)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int i;

	if (!tstp)
		raise(SIGSTOP);
	for (i = 0; i < 500 && !got_cont; i++)
		nanosleep(&tick, NULL);
	if (!got_cont)
		return 1;
	say("continued\ncont handler ran\n");
	return 0;
}

static int reap(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	int tstp = argc > 1 && strcmp(argv[1], "tstp") == 0;
	int sibling = argc > 1 && strcmp(argv[1], "sibling") == 0;
	pid_t self = getpid(), a, b;
	int rc;

	if (argc != 2)
		return 2;
	signal(SIGTSTP, on_tstp);
	signal(SIGCONT, on_cont);
	alarm(30);	/* nothing here waits for ever */
	setvbuf(stdout, NULL, _IONBF, 0);
	if (!sibling) {
		a = fork();
		if (a == 0)
			_exit(helper(self, tstp));
		rc = stop_and_go(tstp);
		return rc == 0 && reap(a) == 0 ? 7 : 1;
	}
	a = fork();
	if (a == 0)
		_exit(stop_and_go(0) == 0 ? 5 : 1);
	b = fork();
	if (b == 0)
		_exit(helper(a, 0));
	rc = reap(b);
	return rc == 0 && reap(a) == 5 ? 7 : 1;
}
